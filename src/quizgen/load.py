"""YAML banks (and the canonical JSON) into the model, with every problem located by file and line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .load_json import load_json
from .model import KEYS, Bank, Question
from .problems import MAX_PROBLEMS, STOPPED, Problem, display_path
from .reader import Reader, id_problem
from .yamlio import (
    line_of,
    load_yaml,
    no_cyclic_gc,
    plain,
)

QUESTION_KEYS = {
    "id", "type", "stem", "options", "answer", "explanation", "source", "tags", "difficulty",
    "module", "shuffle", "generated", "kind", "pool",
}  # fmt: skip
BANK_KEYS = {"bank", "title", "module", "questions", "generated", "pool", "lesson"}


def bank_files(paths: Iterable[Path]) -> list[Path]:
    """The bank files named (a canonical ``.json`` file too), with folders searched for ``*.yaml``/``*.yml`` banks."""
    found: dict[Path, Path] = {}  # each file once, however often it is named (directly or through a folder)
    for path in paths:
        if _is_dir(path):
            for candidate in sorted(path.rglob("*")):
                # a pipe or device named like a bank is kept, so that reading it reports it: never a silent skip
                if candidate.suffix in (".yaml", ".yml") and (_is_bank_file(candidate) or _is_special(candidate)):
                    found.setdefault(_identity(candidate), candidate)
        else:
            found.setdefault(_identity(path), path)
    return list(found.values())


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, say: read_text reports it as the file's problem
        return False


def _is_special(path: Path) -> bool:
    try:
        return not path.is_file() and not path.is_dir()
    except OSError:
        return True


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _is_bank_file(path: Path) -> bool:
    # Facts, papers and course manifests live beside the banks; banks sit in a ``banks`` folder.
    return "banks" in path.parts or (path.parent.name == "quizzes" and path.name.startswith("bank"))


def _options(raw: Any, node: Any, display: str, qid: str, problems: list[Problem]) -> list[dict]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(display, line_of(node, "options"), qid, "options 应是列表"))
        return []
    options = []
    seq = node.get("options")
    for index, item in enumerate(raw):
        key = KEYS[index] if index < len(KEYS) else f"?{index}"
        if isinstance(item, str):
            options.append({"key": key, "text": item})
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            extra = set(item) - {"text", "feedback"}
            if extra:
                problems.append(
                    Problem(display, line_of(seq, index), qid, f"选项 {key} 有未知字段：{', '.join(sorted(extra))}")
                )
            feedback = item.get("feedback") or ""
            if not isinstance(feedback, str):  # a list or a number would vanish from every export
                problems.append(Problem(display, line_of(seq, index), qid, f"选项 {key} 的 feedback 应是文字"))
                feedback = ""
            options.append({"key": key, "text": item["text"], "feedback": feedback})
        else:
            problems.append(Problem(display, line_of(seq, index), qid, f"选项 {key} 应是文字，或含 text 的映射"))
    if len(raw) > len(KEYS):
        problems.append(Problem(display, line_of(node, "options"), qid, f"选项最多 {len(KEYS)} 个"))
    return options


def _answer(qtype: Any, raw: Any) -> Any:
    """Authoring shorthands into the canonical answer shape."""
    if qtype in ("single", "multiple"):
        if isinstance(raw, str):
            letters = [c for c in raw.replace(",", "").replace("，", "").replace(" ", "")]
            return letters if qtype == "multiple" else [raw.strip()]
        return raw
    if qtype == "fill":
        if isinstance(raw, str):
            return [[raw]]
        if isinstance(raw, list):
            return [[b] if isinstance(b, (str, int, float)) and not isinstance(b, bool) else b for b in raw]
    return raw


def _loc_line(node: Any, loc: tuple, default: int) -> int:
    current, line = node, default
    for part in loc:
        try:
            if isinstance(part, str) and hasattr(current, "lc") and part in current:
                line = line_of(current, part, line)
                current = current[part]
            elif isinstance(part, int) and isinstance(current, list) and part < len(current):
                line = line_of(current, part, line)
                current = current[part]
            else:
                break
        except TypeError:
            break
    return line


_FIELD_NAMES = {"missing": "缺少必填字段", "extra_forbidden": "未知字段"}


def _pydantic_message(error: dict) -> str:
    loc = ".".join(str(p) for p in error["loc"] if not isinstance(p, str) or not p.startswith(("list[", "bool", "str")))
    kind = error["type"]
    if kind in _FIELD_NAMES:
        return f"{_FIELD_NAMES[kind]} {loc}"
    if kind.startswith("literal_error") and loc == "type":
        return "type 应是 single、multiple、truefalse、fill、open 之一"
    if loc == "kind":
        return "kind 应是 recall（识记）或 application（情境应用）"
    if loc.startswith("difficulty"):
        return "difficulty 应是 1、2 或 3"
    return f"字段 {loc} 的值不合要求：{error['msg']}"


def question_from_yaml(
    node: Any,
    display: str,
    bank_module: str,
    lesson: str,
    generated: bool,
    problems: list[Problem],
    position_line: int = 0,
    pool: str = "learn",
) -> Question | None:
    """The question ``node`` describes, or None with its problems added; ``position_line`` is where a node that
    carries no line of its own (a scalar) stands in the list."""
    line = line_of(node) or position_line
    if not isinstance(node, dict):
        problems.append(Problem(display, line, "", "每道题应是一个映射（含 id、type、stem 等字段）"))
        return None
    raw = plain(node)
    qid = raw.get("id") if isinstance(raw.get("id"), str) else ""
    before = len(problems)
    if bad_id := id_problem(raw.get("id"), "题目编号 id"):
        problems.append(Problem(display, line_of(node, "id", line), "", bad_id))
        qid = ""
    Reader(display, start=line, problems=problems).unknown_keys(node, QUESTION_KEYS, qid)
    data: dict[str, Any] = {k: v for k, v in raw.items() if k in QUESTION_KEYS}
    data["options"] = _options(raw.get("options"), node, display, qid, problems)
    if "answer" in data:
        data["answer"] = _answer(data.get("type"), data["answer"])
    data.setdefault("module", bank_module)
    tags = data.get("tags", [])
    if isinstance(tags, list) and lesson:
        data["tags"] = [lesson, *[t for t in tags if t != lesson]]
    data.setdefault("generated", generated)
    data.setdefault("pool", pool)
    data["file"], data["line"] = display, line
    data["field_lines"] = {str(k): line_of(node, k, line) for k in node}
    source = node.get("source")
    if isinstance(source, dict):
        data["field_lines"].update({f"source.{k}": line_of(source, k, line) for k in source})
    try:
        question = Question.model_validate(data, strict=True)  # true is not the difficulty 1, nor "yes" a boolean
    except ValidationError as exc:
        seen = set()
        for error in exc.errors():
            message = _pydantic_message(error)
            if message in seen:
                continue
            seen.add(message)
            problems.append(Problem(display, _loc_line(node, error["loc"], line), qid, message))
        return None
    return question if len(problems) == before else None


def load_bank(path: Path, display: str | None = None, limit: int = 0) -> tuple[Bank | None, list[Problem]]:
    """The bank in ``path`` and its problems; with ``limit``, questions after the one that brings the problems to
    ``limit`` are left unchecked (a flood of errors says enough, and checking on would take minutes)."""
    display = display or str(path)
    if path.suffix == ".json":
        return load_json(path, display)
    doc, problems = load_yaml(path, display)
    if problems:
        return None, problems
    if doc is None:
        return None, [Problem(display, 1, "", "文件为空，应含 bank 与 questions")]
    if not isinstance(doc, dict):
        return None, [
            Problem(display, line_of(doc, default=1), "", "题库顶层应是映射（bank、title、module、questions）")
        ]
    r = Reader(display, problems=problems)
    r.unknown_keys(doc, BANK_KEYS)
    bank_id = doc.get("bank")
    if not isinstance(bank_id, str) or not bank_id:
        problems.append(Problem(display, line_of(doc, "bank", 1), "", "缺少 bank（题库编号），或它不是文字"))
        bank_id = path.stem
    elif bad_id := id_problem(bank_id, "题库编号 bank"):
        problems.append(Problem(display, line_of(doc, "bank", 1), "", bad_id))
    module = r.text(doc, "module")
    title = r.text(doc, "title")
    questions_node = doc.get("questions")
    if not isinstance(questions_node, list):
        problems.append(Problem(display, line_of(doc, "questions", 1), "", "缺少 questions 列表"))
        questions_node = []
    generated = doc.get("generated", False) is True
    pool = doc.get("pool", "learn")
    if pool not in ("learn", "exam"):
        problems.append(
            Problem(display, line_of(doc, "pool"), "", "pool 应是 learn（学习题）或 exam（考试题，不给学员看）")
        )
        pool = "learn"
    lesson = doc.get("lesson", bank_id)  # an exam bank names the lesson its questions belong to
    if not isinstance(lesson, str) or not lesson:
        problems.append(Problem(display, line_of(doc, "lesson"), "", "lesson 应是课的编号，如 m1-l2"))
        lesson = bank_id
    bank = Bank(id=bank_id, title=title, module=module, file=display)
    for index, node in enumerate(questions_node):
        position = line_of(questions_node, index)
        if limit and len(problems) >= limit:
            problems.append(Problem(display, position, "", stopped(len(questions_node) - index)))
            break
        question = question_from_yaml(node, display, module, lesson, generated, problems, position, pool)
        if question is not None:
            bank.questions.append(question)
    return bank, problems


def stopped(questions: int, files: int = 0) -> str:
    """The problem that ends a check cut short by a flood of problems."""
    rest = "、".join(x for x in (f"{questions} 道题" if questions else "", f"{files} 个文件" if files else "") if x)
    return f"{STOPPED}：从这里起还有 {rest}没有检查。请先修正上面的问题"


def load_banks(paths: Iterable[Path], root: Path | None = None) -> tuple[list[Bank], list[Problem]]:
    banks, problems = [], []
    paths = list(paths)
    files = bank_files(paths)
    for folder in paths:  # a folder that holds no bank would pass as "0 个题库": say so instead
        if _is_dir(folder) and not bank_files([folder]):
            problems.append(
                Problem(display_path(folder, root), 1, "", "这个文件夹里没有题库（banks 文件夹中的 .yaml 文件）")
            )
    with no_cyclic_gc():  # loading builds many small acyclic objects; see yamlio.no_cyclic_gc
        for number, path in enumerate(files):
            display = display_path(path, root)
            if len(problems) >= MAX_PROBLEMS:
                problems.append(Problem(display, 1, "", stopped(0, len(files) - number)))
                break
            bank, found = load_bank(path, display, MAX_PROBLEMS - len(problems))
            problems.extend(found)
            if bank is not None:
                banks.append(bank)
    return banks, problems
