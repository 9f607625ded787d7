"""``quizgen-course.json``: what a built site holds, for the tools that pack it (SCORM, the offline bundle).

Written at the end of every HTML build from the quiz domain (quizgen.sphinx.contract), so that nothing downstream
has to read it back out of the pages' HTML. Plain JSON, sorted, the same bytes for the same sources:

    {"version": 1,
     "course": "main",                   # quizgen_course: the progress record's key
     "title": "…", "release": "1.0",     # the project's title and release (conf.py)
     "mastery": 80,                      # quizgen_mastery: the final test's pass mark, in percent
     "quizzes": [{"key": "main/practice/final-test#1", "page": "practice/final-test.html", "title": "…",
                  "mode": "practice | test | exam", "final": true,
                  "questions": [{"id": "m1-l1-001", "type": "single"}, …]}, …]}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONTRACT = "quizgen-course.json"
VERSION = 1


def read_contract(site: Path) -> dict[str, Any] | None:
    """The contract of the site built into ``site``, or None when there is none (or it is not one)."""
    try:
        data = json.loads((site / CONTRACT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == VERSION else None
