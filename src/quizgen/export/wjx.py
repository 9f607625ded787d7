"""The plain-text import format of Chinese exam platforms (问卷星 and others that read the same layout).

::

    1. 题干[单选题]
    A. 选项
    B. 选项
    答案：B
    解析：……

Types are marked ``[单选题] [多选题] [判断题] [填空题] [简答题]``; a fill-in blank is ``____`` in the
stem, its answer line lists the blanks separated by ``；`` and each blank's accepted answers by ``|``.
A question is one block of lines and blocks are separated by a blank line, so line breaks inside a text
become spaces.

The format has no escape for its separators, so a fill-in answer that contains one (``|`` ``；``, or the
``｜`` ``;`` platforms also read as separators) cannot be written faithfully: that question is left out
with a warning, never written with its answer split in two.

A drawn paper (``--paper``) keeps its numbers, order and option letters, and each stem ends with its points,
“（4分）”: the format has no field for them, so the trainer sets each question's score from it on the platform.
"""

from __future__ import annotations

from .. import present
from ..model import Question
from ..order import all_printed
from ..problems import Problem
from ..source import Speech
from . import Rendered, one_line, skipped, writable
from .paper_input import PaperInfo

SEPARATORS = ("|", "｜", "；", ";")


def text(value: str) -> str:
    return " ".join(one_line(value).split()) if value.strip() else ""


def answer(q: Question) -> str:
    if q.type == "fill":  # the format's own separators: ； between blanks, | between accepted answers
        return "；".join("|".join(text(a) for a in blank) for blank in q.blanks)
    return text(present.answer_text(q))


def question(number: int, q: Question, points: float | None = None) -> str:
    worth = f"（{points:g}分）" if points is not None else ""
    lines = [f"{number}. {text(q.stem)}{worth}[{present.type_name(q)}]"]
    if present.has_options(q):
        lines += [f"{key}. {text(value)}" for key, value, _ in present.choices(q)]
    elif q.type == "truefalse":  # the platforms letter the two words A and B
        lines += [f"{letter}. {word}" for letter, (_, word, _) in zip("AB", present.choices(q), strict=True)]
    lines.append(f"{present.ANSWER_LABEL}：{answer(q)}")
    lines.append(f"{present.EXPLANATION_LABEL}：{text(present.explanation(q))}")
    return "\n".join(lines) + "\n"


def unwritable(q: Question) -> Problem | None:
    """Why ``q`` cannot be written in this format, if it cannot."""
    if q.type != "fill":
        return None
    for blank in q.blanks:
        for accepted in blank:
            found = [s for s in SEPARATORS if s in text(accepted)]
            if found:
                return skipped(q, "wjx", f"填空答案“{text(accepted)}”含有分隔符 {' '.join(found)}，导入时会被拆开")
    return None


def render(questions: list[Question], paper: PaperInfo | None = None, *, speech: Speech | None = None) -> Rendered:
    kept, warnings = writable(questions, unwritable)
    if paper is not None:  # the paper's numbers, order and letters; its points after the stem
        blocks = [question(paper.numbers[q.id], q, paper.points[q.id]) for q in kept]
    else:
        blocks = [question(n, q) for n, q in enumerate(all_printed(kept), 1)]
    return Rendered("\n".join(blocks).encode("utf-8"), warnings, len(kept))
