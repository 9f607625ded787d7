"""Questions as people read them: the words every renderer prints around a question's own text.

The site, the printed editions, papers and exports each add their own markup (HTML, docutils nodes, Markdown,
Word, XML, plain text), but what a reader sees is decided here once: the type and kind names, the mark after a
choice stem, the pieces of a fill-in stem between its blanks, the true/false words, the answer line and its label,
the explanation and the reference answer without the labels banks often start them with, and the source named
as a reader knows the passage (第三部分（二）“二是”), not by its anchor.
"""

from __future__ import annotations

import re

from .model import BLANK_RE, KIND_NAMES, TYPE_NAMES, Question
from .source import Speech

TRUE_WORD = "正确"
FALSE_WORD = "错误"
MIN_BLANK = 4  # characters: the narrowest blank, printed or on screen
# The two choices of a true/false question: the key the runtime and QTI use, and the word a reader sees.
TRUEFALSE_CHOICES: tuple[tuple[str, str], tuple[str, str]] = (("T", TRUE_WORD), ("F", FALSE_WORD))
ANSWER_LABEL = "答案"
REFERENCE_LABEL = "参考答案"
EXPLANATION_LABEL = "解析"
SOURCE_LABEL = "出处"
CHOICE_MARK = "（　　）"  # after a choice stem on paper: where the letter (or √/×) is written
BLANK_LINE = "＿＿＿＿＿＿"  # a blank to write on in plain text; ``model.BLANK`` is the marker banks write
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text without the control characters that XML, Word, Excel and line-based formats cannot hold."""
    return _CONTROL.sub("", text)


def type_name(q: Question) -> str:
    return TYPE_NAMES[q.type]


def kind_name(q: Question) -> str:
    """The kind's name when a reader should be told (a teaching situation says so), else ``""``."""
    return KIND_NAMES[q.kind] if q.kind == "application" else ""


def has_options(q: Question) -> bool:
    """Single and multiple choice: the bank's own lettered options."""
    return q.type in ("single", "multiple")


def is_choice(q: Question) -> bool:
    """A question answered by picking: lettered options or 正确/错误."""
    return q.type in ("single", "multiple", "truefalse")


def truefalse_word(value: object) -> str:
    return TRUE_WORD if value is True else FALSE_WORD


def truefalse_key(value: object) -> str:
    return "T" if value is True else "F"


def choices(q: Question) -> list[tuple[str, str, str]]:
    """What a reader picks from: (key, text, feedback) of each option, or T/F with 正确/错误."""
    if q.type == "truefalse":
        return [(key, word, "") for key, word in TRUEFALSE_CHOICES]
    return [(o.key, o.text, o.feedback) for o in q.options]


def correct_choices(q: Question) -> list[str]:
    """The keys of :func:`choices` that are right."""
    return [truefalse_key(q.answer)] if q.type == "truefalse" else q.correct_keys


def stem_pieces(q: Question) -> list[str]:
    """The stem's text between its blanks (one piece more than blanks); a renderer joins them with its blank."""
    return BLANK_RE.split(q.stem)


def blank_room(q: Question, index: int) -> int:
    """Characters of room for the ``index``-th blank: its longest accepted answer and two to spare, at least
    ``MIN_BLANK``. The printed blank and the box on screen share it, so the screen tells no more than paper."""
    answers = q.blanks[index] if index < len(q.blanks) else []
    return max(MIN_BLANK, max((len(a) for a in answers), default=0) + 2)


def strip_label(text: str, *labels: str) -> str:
    """``text`` without a leading label such as “解析：” (banks often start their texts with one)."""
    text = text.strip()
    for label in labels:
        for colon in ("：", ":"):
            text = text.removeprefix(label + colon).strip()
    return text


def explanation(q: Question) -> str:
    """The 解析 without its “解析：” label."""
    return strip_label(q.explanation, EXPLANATION_LABEL)


def reference_answer(q: Question) -> str:
    """An open question's reference answer without its “参考答案：” label."""
    return strip_label(str(q.answer), REFERENCE_LABEL)


def answer_label(q: Question) -> str:
    """参考答案 for an open question (one of many good answers), 答案 for the others."""
    return REFERENCE_LABEL if q.type == "open" else ANSWER_LABEL


def answer_text(q: Question, blank_separator: str = "；", accepted_separator: str = " / ") -> str:
    """The answer as a person reads it after its label: the keys (AC), 正确/错误, each blank's accepted answers,
    or the reference answer."""
    if has_options(q):
        return "".join(q.correct_keys)
    if q.type == "truefalse":
        return truefalse_word(q.answer)
    if q.type == "fill":
        return blank_separator.join(accepted_separator.join(b) for b in q.blanks)
    return reference_answer(q)


def answer_line(q: Question) -> str:
    """``答案：AC`` or ``参考答案：……`` (the label once, whatever the bank wrote)."""
    return f"{answer_label(q)}：{answer_text(q)}"


def explanation_line(q: Question) -> str:
    return f"{EXPLANATION_LABEL}：{explanation(q)}"


def source_place(q: Question, speech: Speech | None) -> str:
    """Where the cited passage is, as a reader names it (第三部分（二）“二是”); the anchor when it is unknown."""
    anchor = q.source.anchor
    return speech.describe(anchor) if speech is not None and anchor in speech else anchor


def source_ref(q: Question, speech: Speech | None) -> str:
    """讲话原文第三部分（二）: the speech and the passage, for a line that names the source."""
    place = source_place(q, speech)
    return f"讲话原文{place}" if place != q.source.anchor else f"讲话原文 {place}"
