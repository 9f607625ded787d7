"""The canonical JSON interchange read back into the model (``quizgen export --format json`` writes it): every
question validated as a bank's is, problems located by line, hostile numbers, constants, nesting and lone
surrogates refused with a message instead of a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import ValidationError

from .model import Bank, Question
from .problems import Problem
from .reader import id_problem
from .yamlio import MAX_DEPTH, MAX_NUMBER_CHARS, bad_character_message, read_text


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
