"""The canonical JSON interchange: exactly the documented shape, read back by ``quizgen.load.load_json``."""

from __future__ import annotations

import json

from ..model import Question
from ..source import Speech
from . import Rendered

FIELDS = (
    "id",
    "type",
    "stem",
    "options",
    "answer",
    "explanation",
    "source",
    "module",
    "tags",
    "difficulty",
    "generated",
    "kind",
    "pool",
)


def canonical(q: Question) -> dict:
    """One question in the canonical shape (per-option feedback is authoring data and is not part of it)."""
    data = q.canonical()
    data["options"] = [{"key": o.key, "text": o.text} for o in q.options]
    data["source"] = {"anchor": q.source.anchor, "quote": q.source.quote}
    data["kind"], data["pool"] = q.kind, q.pool
    return {name: data[name] for name in FIELDS}


def document(questions: list[Question]) -> dict:
    return {"version": 1, "questions": [canonical(q) for q in questions]}


def dumps(questions: list[Question]) -> str:
    return json.dumps(document(questions), ensure_ascii=False, indent=2) + "\n"


def render(questions: list[Question], speech: Speech | None = None) -> Rendered:
    return Rendered(dumps(questions).encode("utf-8"), [], len(questions))
