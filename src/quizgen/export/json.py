"""The canonical JSON interchange: exactly the documented shape, read back by ``quizgen.load.load_json``."""

from __future__ import annotations

import json

from ..model import CANONICAL_FIELDS as FIELDS
from ..model import Question, canonical
from ..source import Speech
from . import Rendered

__all__ = ["FIELDS", "canonical", "document", "dumps", "render"]


def document(questions: list[Question]) -> dict:
    return {"version": 1, "questions": [canonical(q) for q in questions]}


def dumps(questions: list[Question]) -> str:
    return json.dumps(document(questions), ensure_ascii=False, indent=2) + "\n"


def render(questions: list[Question], paper: object = None, *, speech: Speech | None = None) -> Rendered:
    # (no --paper for this format: ``quizgen paper`` writes a drawn paper's own JSON)
    return Rendered(dumps(questions).encode("utf-8"), [], len(questions))
