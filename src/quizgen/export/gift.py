"""Moodle GIFT: one ``$CATEGORY`` per module, every special character escaped.

Single and multiple choice, true/false, one-blank fill-in (short answer) and open questions (essay) are
written faithfully. GIFT has one answer field a question, so a fill-in with several blanks becomes a short
answer whose blanks are numbered （1）（2）… in the stem and answered in order: each combination of accepted
answers is one right answer, the blanks joined by Moodle's ``*`` wildcard (any separator the learner types
between them). An accepted answer holding ``*`` itself leaves the question out with a warning.

A drawn paper (``--paper``) is one category named after it, its questions in the paper's order, named by
number, with their points in the comment line (GIFT has no field for them; the quiz's marks are set in Moodle).
"""

from __future__ import annotations

import itertools

from .. import present
from ..model import BLANK_RE, Question
from ..problems import Problem
from ..source import Speech
from . import Rendered, clean, one_line, skipped
from .paper_input import PaperInfo

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
    if q.type == "fill" and len(q.blanks) == 1:
        return ["=" + escape(answer) for answer in q.blanks[0]]
    if q.type == "fill":  # every combination, blanks joined by the wildcard (an escaped * stays literal)
        return ["=" + "*".join(escape(a) for a in combo) for combo in itertools.product(*q.blanks)]
    return []  # open: an essay, the reference answer goes into the general feedback


def numbered_blanks(stem: str) -> str:
    """A stem whose blanks are numbered （1）____ （2）____, with a note to answer them in order."""
    count = iter(range(1, 100))
    return BLANK_RE.sub(lambda m: f"（{next(count)}）{m.group()}", stem) + "（按顺序填写各空，空与空之间用空格隔开）"


def question(q: Question, name: str = "", points: float | None = None) -> str:
    worth = f"，{points:g} 分" if points is not None else ""
    meta = one_line(f"// {q.id}（{present.type_name(q)}，难度 {q.difficulty}{worth}）出处：{q.source.anchor}")
    body = [*_answers(q)]
    general = _general(q)
    if general:
        body.append(general)
    inner = "\n".join(body)
    block = "{\n" + inner + "\n}" if inner else "{}"
    stem = numbered_blanks(q.stem) if q.type == "fill" and len(q.blanks) > 1 else q.stem
    return f"{meta}\n::{escape(name or q.id)}::[plain]{escape(stem)}{block}\n"


def category(module: str) -> str:
    return f"$CATEGORY: {CATEGORY_ROOT}/{module or 'general'}\n"


def render(questions: list[Question], paper: PaperInfo | None = None, *, speech: Speech | None = None) -> Rendered:
    warnings: list[Problem] = []
    by_module: dict[str, list[Question]] = {}
    kept: list[Question] = []
    for q in questions:
        if q.type == "fill" and len(q.blanks) > 1 and any("*" in a for blank in q.blanks for a in blank):
            warnings.append(skipped(q, "GIFT", "多空填空题的答案含有“*”，与 Moodle 的通配符冲突"))
            continue
        kept.append(q)
        by_module.setdefault(q.module, []).append(q)
    if paper is not None:
        title = f"{paper.title}（{paper.variant}卷）" if paper.variant else paper.title
        width = len(str(max(paper.numbers.values(), default=1)))
        parts = [f"$CATEGORY: {CATEGORY_ROOT}/{one_line(title).replace('/', '／')}\n"]
        for q in kept:
            name = f"{paper.numbers[q.id]:0{width}d} {q.id}"
            parts.append(question(q, name, paper.points[q.id]))
        return Rendered("\n".join(parts).encode("utf-8"), warnings, len(kept))
    parts = []
    count = 0
    for module in sorted(by_module):
        parts.append(category(module))
        for q in by_module[module]:
            parts.append(question(q))
            count += 1
    return Rendered("\n".join(parts).encode("utf-8"), warnings, count)
