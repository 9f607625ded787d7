"""Browser fixtures: pages of the real site (``html_site``) and of a small site for the timed and test modes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"

MINI_PAGES = {
    "index.md": """# 小测验站

```{toctree}
test
exam
speech
```
""",
    "test.md": """# 测验模式

:::{quiz} 测验
:ids: m1-l1-001 m1-l1-002 m1-l1-003 m1-l1-008
:mode: test
:::
""",
    "exam.md": """# 模拟考试模式

:::{quiz} 限时考试
:ids: m1-l1-001 m1-l1-003
:mode: exam
:minutes: 1
:::
""",
    "speech.md": """# 讲话原文

:::{speech-text}
:::
""",
}


def build(source: Path, out: Path, confdir: Path = ROOT, *extra: str) -> None:
    """sphinx-build -W into ``out``; the test fails with Sphinx's output on any warning."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(confdir), "-n", "-W", "--keep-going", "-q",
               "-D", "quizgen_speech_page=speech", *extra, str(source), str(out)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"sphinx-build failed:\n{result.stdout}\n{result.stderr}"


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
