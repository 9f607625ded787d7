"""A drawn paper (``quizgen paper``'s ``<name>-<variant>.json``) as the exporters take it: its questions in the
paper's order with the paper's option order and letters, and each question's number and points.

The JSON is checked whole; every problem is reported as ``FILE:LINE`` (the line of the question in the file).
Per-option feedback is authoring data the paper JSON leaves out: it is taken from the bank's question of the
same id, by option text, when the project has it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..model import Question
from ..problems import InputError, Problem, os_reason

MAX_BYTES = 20_000_000


@dataclass
class PaperInfo:
    title: str
    variant: str
    total: float
    points: dict[str, float] = field(default_factory=dict)  # question id → points
    numbers: dict[str, int] = field(default_factory=dict)  # question id → number on the paper


def _line_of(text: str, qid: str) -> int:
    found = re.search(r'"id":\s*' + re.escape(json.dumps(qid, ensure_ascii=False)), text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def read_paper(path: Path, shown: str, bank: dict[str, Question]) -> tuple[list[Question], PaperInfo]:
    """The paper's questions in order and its facts; raises InputError with every problem."""

    def fail(line: int, message: str) -> InputError:
        return InputError([Problem(shown, line, "", message)])

    try:
        if path.stat().st_size > MAX_BYTES:
            raise fail(1, "文件太大，不像 quizgen paper 生成的试卷 JSON")
        text = path.read_bytes().decode("utf-8-sig")
        doc = json.loads(text)
    except OSError as exc:
        raise fail(0, f"无法读取：{os_reason(exc)}") from exc
    except UnicodeDecodeError as exc:
        raise fail(1, "文件不是 UTF-8 编码") from exc
    except json.JSONDecodeError as exc:
        raise fail(exc.lineno, f"不是有效的 JSON：{exc.msg}") from exc
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("paper"), dict):
        raise fail(1, "不是 quizgen paper 生成的试卷 JSON（应有 version: 1、paper 和 sections）")
    if not isinstance(doc.get("sections"), list):
        raise fail(1, "试卷 JSON 缺少 sections")
    meta = doc["paper"]
    info = PaperInfo(str(meta.get("title", "")), str(meta.get("variant", "")), 0.0)
    questions: list[Question] = []
    problems: list[Problem] = []
    for section in doc["sections"]:
        for item in section.get("questions", []) if isinstance(section, dict) else []:
            if not isinstance(item, dict):
                problems.append(Problem(shown, 1, "", "sections 中的题目应是对象"))
                continue
            qid = str(item.get("id", ""))
            line = _line_of(text, qid) if qid else 1
            data = {k: v for k, v in item.items() if k not in ("number", "points")}
            try:
                q = Question.model_validate({**data, "file": shown, "line": line})
            except ValidationError as exc:
                where = ".".join(str(p) for p in exc.errors()[0]["loc"])
                problems.append(Problem(shown, line, qid, f"题目不完整或格式不对（{where}）"))
                continue
            points, number = item.get("points"), item.get("number")
            if isinstance(points, bool) or not isinstance(points, int | float) or points <= 0:
                problems.append(Problem(shown, line, qid, f"points 应是正数：{points!r}"))
                continue
            if qid in info.points:
                problems.append(Problem(shown, line, qid, "同一道题在试卷中出现了两次"))
                continue
            original = bank.get(qid)
            if original is not None:  # per-option feedback, by text
                feedback = {o.text: o.feedback for o in original.options}
                q.options = [o.model_copy(update={"feedback": feedback.get(o.text, "")}) for o in q.options]
            q.shuffle = False  # the paper fixed the order and the letters
            info.points[qid] = float(points)
            info.numbers[qid] = number if isinstance(number, int) else len(questions) + 1
            questions.append(q)
    if problems:
        raise InputError(problems)
    if not questions:
        raise fail(1, "试卷中没有题目")
    info.total = sum(info.points.values())
    return questions, info
