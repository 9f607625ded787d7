"""Shared fixtures: the project's own speech and banks, one build of the site per session, Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from buildenv import SLOW_FIXTURES, SPHINX_OPTS, build_env
from hypothesis import settings

from quizgen.project import Project, open_project
from quizgen.source import Speech

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def speech() -> Speech:
    return Speech.from_file(ROOT / "quizzes" / "speech.txt")


@pytest.fixture(scope="session")
def project() -> Project:
    return open_project(ROOT)


def sphinx_build(builder: str, out: Path, *extra: str, source: Path | None = None) -> subprocess.CompletedProcess:
    """Build the real site (or ``source``) with the project's settings; fail the test on any warning."""
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(ROOT), *SPHINX_OPTS, "-q",
        *extra, str(source or ROOT / "docs"), str(out),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(), cwd=ROOT)
    assert result.returncode == 0, f"sphinx-build -b {builder} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def html_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site built once per test session (HTML, zero warnings)."""
    out = tmp_path_factory.mktemp("site") / "html"
    sphinx_build("html", out, "-d", str(out.parent / "doctrees"))
    return out


@pytest.fixture(scope="session")
def text_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site built with the text builder (zero warnings)."""
    out = tmp_path_factory.mktemp("text") / "text"
    sphinx_build("text", out)
    return out


def chromium_executable() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    pytest.fail(
        "Chromium is missing. Install it with:  apt-get install -y chromium fonts-noto-cjk  (or run `make test`)",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches Debian's Chromium; Playwright cannot download browsers here."""
    return {**browser_type_launch_args, "executable_path": chromium_executable(), "args": CHROMIUM_ARGS}


@pytest.fixture
def offsite_requests(page) -> list[str]:
    """Every request the page makes that is not to a file: or data:/blob: URL."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    return requests


@pytest.fixture
def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


# Every Hypothesis test runs derandomized and without an example database: the same examples on every run and every
# machine, so that a failure is reproducible and a pass means the same thing twice (tests/test_oracles.py checks it).
settings.register_profile("derandomized", derandomize=True, database=None)
settings.load_profile("derandomized")


@pytest.fixture(scope="session")
def scorm_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SCORM package's learner edition of the whole site (`make scorm`: ``-D quizgen_scorm=1``), built once."""
    out = tmp_path_factory.mktemp("scorm-site") / "html"
    sphinx_build("html", out, "-D", "quizgen_scorm=1", "-d", str(out.parent / "doctrees"))
    return out
