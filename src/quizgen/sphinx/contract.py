"""Writes ``quizgen-course.json`` (quizgen/contract.py describes it) at the end of every HTML build, from the quiz
domain: the quizzes, their questions' ids and types, which is the final test, and the pass mark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..contract import CONTRACT, VERSION
from .state import state_of


def course_contract(app: Sphinx) -> dict[str, Any]:
    config = app.config
    project = state_of(config).project
    domain = app.env.get_domain("quiz")
    quizzes = []
    for docname in sorted(domain.quizzes):  # type: ignore[attr-defined]
        for quiz in domain.quizzes[docname]:  # type: ignore[attr-defined]
            questions = project.questions_by_id(quiz["qids"])
            quizzes.append(
                {
                    "key": f"{config.quizgen_course}/{docname}#{quiz['number']}",
                    "page": app.builder.get_target_uri(docname),
                    "title": quiz["title"],
                    "mode": quiz["mode"],
                    "final": bool(quiz.get("final")),
                    "questions": [{"id": q.id, "type": q.type} for q in questions],
                }
            )
    return {
        "version": VERSION,
        "course": config.quizgen_course,
        "title": config.project,
        "release": config.release,
        "mastery": config.quizgen_mastery,
        "quizzes": quizzes,
    }


def write_contract(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name not in ("html", "dirhtml"):
        return
    text = json.dumps(course_contract(app), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = Path(app.outdir) / CONTRACT
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def setup_contract(app: Sphinx) -> None:
    app.connect("build-finished", write_contract)
