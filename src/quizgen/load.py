"""YAML banks (and the canonical JSON) into the model, with every problem located by file and line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import KEYS, Bank, Question
from .problems import MAX_PROBLEMS, STOPPED, Problem, display_path
from .reader import Reader
from .yamlio import (
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    bad_character_message,
    line_of,
    load_yaml,
    no_cyclic_gc,
    plain,
    read_text,
)

QUESTION_KEYS = {
    "id", "type", "stem", "options", "answer", "explanation", "source", "tags", "difficulty",
    "module", "shuffle", "generated", "kind", "pool",
}  # fmt: skip
BANK_KEYS = {"bank", "title", "module", "questions", "generated", "pool", "lesson"}
# Ids of questions and banks: they become file names, XML identifiers and HTML ids in the exports.
MAX_ID_LENGTH = 64
ID_RULE = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_ID_LENGTH - 1}}}")
ID_RULE_TEXT = f"只能含英文字母、数字、连字符、下划线和点，以字母或数字开头，最长 {MAX_ID_LENGTH} 个字符"


def id_problem(value: object, what: str) -> str | None:
    """Why ``value`` cannot be an id (``what`` names the field), or None when it can."""
    if not isinstance(value, str):
        return None  # reported as a wrong type elsewhere
    if not value:
        return f"{what} 不能为空"
    if not ID_RULE.fullmatch(value):
        shown = ascii(value) if len(value) <= 40 else ascii(value[:40]) + "…"
        return f"{what} {shown} 不合规则：{ID_RULE_TEXT}"
    return None


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


class _JSONRejected(ValueError):
    pass


def _json_number(text: str) -> int | float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _JSONRejected(f"数字过长（{len(text)} 个字符，上限 {MAX_NUMBER_CHARS}）")
    return float(text) if any(c in text for c in ".eE") else int(text)


_NUMBER_OR_CONSTANT = re.compile(rf"[-+0-9.eE]{{{MAX_NUMBER_CHARS + 1},}}|\bNaN\b|-?\bInfinity\b")


def _json_constant(name: str) -> float:
    raise _JSONRejected(f"不支持无穷大或非数（{name}）")


def _json_line(text: str, needle: str) -> int:
    """The line where ``needle`` first occurs in ``text``, or 1."""
    index = text.find(needle) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


# A lone surrogate can only be written as an escape; a high one must be followed by a low one.
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<![0-9a-fA-F]{4})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _json_problems(doc: object, text: str, display: str) -> list[Problem]:
    """Bad characters and too deep nesting, found without recursion."""
    stack: list[tuple[object, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return [Problem(display, 1, "", f"JSON 嵌套过深（超过 {MAX_DEPTH} 层）")]
        if isinstance(value, str):
            if message := bad_character_message(value):
                match = _LONE_SURROGATE.search(text)
                return [Problem(display, _json_line(text, match.group()) if match else 1, "", message)]
        elif isinstance(value, dict):
            stack.extend((v, depth + 1) for item in value.items() for v in item)
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return []


def load_json(path: Path, display: str) -> tuple[Bank | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    try:
        doc = json.loads(text, parse_int=_json_number, parse_float=_json_number, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem(display, exc.lineno, "", f"JSON 无法解析：{exc.msg}")]
    except _JSONRejected as exc:
        where = _NUMBER_OR_CONSTANT.search(text)
        line = text.count("\n", 0, where.start()) + 1 if where else 1
        return None, [Problem(display, line, "", f"JSON 无法解析：{exc}")]
    except RecursionError:
        return None, [Problem(display, 1, "", f"JSON 嵌套过深（超过 {MAX_DEPTH} 层）")]
    if found := _json_problems(doc, text, display):
        return None, found
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("questions"), list):
        return None, [Problem(display, 1, "", '应是 {"version": 1, "questions": [...]} 形式的 JSON')]
    bank = Bank(id=path.stem, file=display)
    start = _json_line(text, '"questions"')
    for index, item in enumerate(doc["questions"]):
        qid = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else ""
        line = _json_line(text, json.dumps(qid, ensure_ascii=False)) if qid else start
        if not isinstance(item, dict):
            problems.append(Problem(display, start, f"#{index + 1}", "不合规范：每道题应是一个对象"))
            continue
        if bad_id := id_problem(item.get("id"), "题目编号 id"):
            problems.append(Problem(display, line, f"#{index + 1}", f"不合规范：{bad_id}"))
            continue
        try:
            bank.questions.append(Question.model_validate({**item, "file": display, "line": line}, strict=True))
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            problems.append(Problem(display, line, qid or f"#{index + 1}", f"不合规范：字段 {where}：{error['msg']}"))
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
