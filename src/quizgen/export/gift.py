"""Moodle GIFT: one ``$CATEGORY`` per module, every special character escaped.

Single and multiple choice, true/false, one-blank fill-in (short answer) and open questions (essay) are
written faithfully; GIFT has no way to express a fill-in with several blanks, so those are left out with
a warning rather than mangled.
"""

from __future__ import annotations

from .. import present
from ..model import Question
from ..problems import Problem
from ..source import Speech
from . import Rendered, clean, one_line, skipped

SPECIAL = "\\~=#{}:"
CATEGORY_ROOT = "$course$/quizgen"


def escape(text: str) -> str:
    """Escape ``\\ ~ = # { } :`` with a backslash; line breaks become the ``\\n`` escape."""
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in text:
        if ch in SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return "".join(out).strip()


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text.strip() else ""


def _general(q: Question) -> str:
    text = q.explanation  # Moodle shows the general feedback without a heading: the bank's 解析： label may stay
    if q.type == "open":
        text = f"{present.answer_line(q)}\n{text}"
    return f"####{escape(text)}" if text.strip() else ""


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _answers(q: Question) -> list[str]:
    if q.type == "single":
        return [("=" if o.key in q.correct_keys else "~") + escape(o.text) + _feedback(o.feedback) for o in q.options]
    if q.type == "multiple":
        right = len(q.correct_keys)
        lines = []
        for o in q.options:
            weight = _weight(100 / right) if o.key in q.correct_keys else "-100"
            lines.append(f"~%{weight}%{escape(o.text)}{_feedback(o.feedback)}")
        return lines
    if q.type == "truefalse":
        return ["TRUE" if present.truefalse_key(q.answer) == "T" else "FALSE"]
    if q.type == "fill":
        return ["=" + escape(answer) for answer in q.blanks[0]]
    return []  # open: an essay, the reference answer goes into the general feedback


def question(q: Question) -> str:
    meta = one_line(f"// {q.id}（{present.type_name(q)}，难度 {q.difficulty}）出处：{q.source.anchor}")
    body = [*_answers(q)]
    general = _general(q)
    if general:
        body.append(general)
    inner = "\n".join(body)
    block = "{\n" + inner + "\n}" if inner else "{}"
    return f"{meta}\n::{escape(q.id)}::[plain]{escape(q.stem)}{block}\n"


def category(module: str) -> str:
    return f"$CATEGORY: {CATEGORY_ROOT}/{module or 'general'}\n"


def render(questions: list[Question], speech: Speech | None = None) -> Rendered:
    warnings: list[Problem] = []
    by_module: dict[str, list[Question]] = {}
    for q in questions:
        if q.type == "fill" and len(q.blanks) != 1:
            warnings.append(skipped(q, "GIFT", f"GIFT 无法表达有 {len(q.blanks)} 个空的填空题"))
            continue
        by_module.setdefault(q.module, []).append(q)
    parts = []
    count = 0
    for module in sorted(by_module):
        parts.append(category(module))
        for q in by_module[module]:
            parts.append(question(q))
            count += 1
    return Rendered("\n".join(parts).encode("utf-8"), warnings, count)
