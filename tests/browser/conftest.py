"""Browser fixtures: pages of the real site (``html_site``) and of a small site for the timed and test modes."""

from __future__ import annotations

from pathlib import Path

import pytest
from qzhelp import MINI_PAGES, ROOT, build

AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few pages built with the project's conf.py and banks: a 测验 quiz and a 模拟考试 quiz."""
    base = tmp_path_factory.mktemp("mini")
    source = base / "docs"
    source.mkdir()
    for name, text in MINI_PAGES.items():
        (source / name).write_text(text, encoding="utf-8")
    build(source, base / "html")
    return base / "html"


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE.is_file():
        pytest.fail("axe-core is missing. Install it with:  (cd tests/js && npm ci)", pytrace=False)
    return AXE


@pytest.fixture
def quizgen_errors(page) -> list[str]:
    """Uncaught errors thrown from quizgen.js (the theme logs its own when storage is blocked)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(e.stack or str(e)) if "quizgen.js" in (e.stack or "") else None)
    return errors
