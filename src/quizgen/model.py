"""The one question model shared by the checker, the Sphinx directive, the exporters, papers and the CLI."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

QuestionType = Literal["single", "multiple", "truefalse", "fill", "open"]
# recall: what the speech says; application: a short (invented, labelled) union workplace situation in which the
# learner decides what the speech requires.
QuestionKind = Literal["recall", "application"]
# learn: the learners' own questions (site, handbook, EPUB, bundle, SCORM); exam: held back for papers and exam
# exports only, never printed where learners read answers.
QuestionPool = Literal["learn", "exam"]
POOL_NAMES: dict[str, str] = {"learn": "学习题", "exam": "考试题（不在学员材料中出现）"}
KIND_NAMES: dict[str, str] = {"recall": "识记题", "application": "情境题"}
TYPE_NAMES: dict[str, str] = {
    "single": "单选题",
    "multiple": "多选题",
    "truefalse": "判断题",
    "fill": "填空题",
    "open": "简答题",
}
TYPE_ORDER = list(TYPE_NAMES)
BLANK = "____"  # the blank a bank writes in a fill-in stem (any run of 3+ underscores counts); printed blanks: present
BLANK_RE = re.compile(r"_{3,}")
KEYS = "ABCDEFGH"

Answer = bool | list[list[str]] | list[str] | str


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    text: str
    feedback: str = ""


class Citation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    anchor: str
    quote: str


class Question(BaseModel):
    """A question as the canonical JSON export has it, plus authoring-only fields kept aside."""

    model_config = ConfigDict(extra="forbid")
    id: str
    type: QuestionType
    stem: str
    options: list[Option] = Field(default_factory=list)
    answer: Answer
    explanation: str
    source: Citation
    module: str
    tags: list[str] = Field(default_factory=list)
    difficulty: int = Field(default=2, ge=1, le=3)
    generated: bool = False
    # Not part of the canonical JSON: whether options may be shuffled, the kind of question, where it was written.
    shuffle: bool = Field(default=True, exclude=True)
    kind: QuestionKind = Field(default="recall", exclude=True)
    pool: QuestionPool = Field(default="learn", exclude=True)
    file: str = Field(default="", exclude=True)
    line: int = Field(default=0, exclude=True)
    field_lines: dict[str, int] = Field(default_factory=dict, exclude=True)

    def line_of(self, field: str) -> int:
        return self.field_lines.get(field, self.line)

    @property
    def correct_keys(self) -> list[str]:
        if self.type in ("single", "multiple") and isinstance(self.answer, list):
            return [a for a in self.answer if isinstance(a, str)]
        return []

    @property
    def blanks(self) -> list[list[str]]:
        if self.type == "fill" and isinstance(self.answer, list):
            return [b for b in self.answer if isinstance(b, list)]
        return []

    @property
    def lesson(self) -> str:
        return self.tags[0] if self.tags else self.module

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    def canonical(self) -> dict:
        return self.model_dump(mode="json")


# The canonical JSON interchange (export --format json, papers' JSON): these fields, in this order.
CANONICAL_FIELDS = (
    "id", "type", "stem", "options", "answer", "explanation", "source", "module", "tags", "difficulty", "generated",
    "kind", "pool",
)  # fmt: skip


def canonical(q: Question) -> dict:
    """One question in the canonical shape (per-option feedback is authoring data and is not part of it)."""
    data = q.canonical()
    data["options"] = [{"key": o.key, "text": o.text} for o in q.options]
    data["source"] = {"anchor": q.source.anchor, "quote": q.source.quote}
    data["kind"], data["pool"] = q.kind, q.pool
    return {name: data[name] for name in CANONICAL_FIELDS}


class Bank(BaseModel):
    id: str
    title: str = ""
    module: str = ""
    file: str = ""
    questions: list[Question] = Field(default_factory=list)


class _Dropped(dict):
    """``str.translate`` table that deletes whitespace and punctuation, filled in as characters are met."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        kept = None if ch.isspace() or unicodedata.category(ch).startswith("P") else ch
        self[code] = kept
        return kept


_DROPPED = _Dropped()


def normalize_answer(text: str) -> str:
    """Compare fill-in answers ignoring width, case, spaces and punctuation (quiz.js does the same): NFKC, casefold,
    then every whitespace and punctuation character (Unicode category P*) dropped."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_DROPPED)


def count_blanks(stem: str) -> int:
    return len(BLANK_RE.findall(stem))
