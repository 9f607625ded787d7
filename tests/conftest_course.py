"""Session fixtures of course builds (a pytest plugin: ``pytest_plugins = ["conftest_course"]``; tests/ is on
sys.path): the half-day course built in full once per session, the one-day course's site and paper, and a course
whose manifest is hostile text. Helpers are in course_helpers.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from course_helpers import HALF, HOSTILE_PAPER, HOSTILE_TITLE, ONE_DAY, ROOT, build_course

from quizgen.course.catalog import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(ROOT / "docs")


@pytest.fixture(scope="session")
def half_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_course(tmp_path_factory, HALF)


@pytest.fixture(scope="session")
def one_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_course(tmp_path_factory, ONE_DAY, "--only", "site,paper")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = HALF.read_text(encoding="utf-8")
    lessons = text[text.index("lessons:") : text.index("pages:")]
    replacements = {
        "id: new-cadres-half-day": "id: hostile",
        f"title: {manifest_title(text)}": "title: " + json.dumps(HOSTILE_TITLE, ensure_ascii=False),
        "audience: ": 'audience: "<i onmouseover=alert(3)>对象</i> `x` *y* | a |"  # ',
        "description: >-": "date: \"<svg onload=alert(4)>\"\nplace: '</p><script>alert(5)</script>'\ndescription: >-",
        "  本次培训面向": "  1. &lt;b&gt; 本次培训面向",
        lessons: "lessons: [m1-l1, m3-l2]\n",
        "  title: 新任职工会干部廉政教育测验": "  title: " + json.dumps(HOSTILE_PAPER, ensure_ascii=False),
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    folder = tmp_path_factory.mktemp("hostile")
    manifest = folder / "hostile.yaml"
    manifest.write_text(text, encoding="utf-8")
    return build_course(tmp_path_factory, manifest, "--only", "site,paper")


def manifest_title(text: str) -> str:
    return re.search(r"^title: (.*)$", text, re.M).group(1)
