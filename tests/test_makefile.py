"""The test suite builds as the Makefile does, and marks what is slow: checked without building anything."""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
from pathlib import Path

from buildenv import DEFAULT_EPOCH, SPHINX_OPTS
from conftest import SLOW_FIXTURES

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
# A call that builds a site, PDF, bundle or course (helpers of the fixtures); ``app.build()`` of the small
# sphinx.testing projects is not one.
BUILDS = re.compile(
    r'(?<![.\w])(sphinx_build|sphinx|build_pdf|build_course|pack|_build|run_build|build)\(|"course", "build"|quizgen\.bundle'
)


def dry_run(*args: str) -> list[list[str]]:
    """The commands ``make -n`` would run, split into words (the venv's stamp counts as made)."""
    result = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "-o", "sysdeps", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return [shlex.split(line) for line in result.stdout.splitlines() if line.strip() and not line.startswith("@")]


def fixtures() -> dict[str, str]:
    """Every fixture of the suite: name → its source."""
    found: dict[str, str] = {}
    for path in sorted(TESTS.rglob("*.py")):
        if "node_modules" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and any(
                ast.unparse(d).startswith("pytest.fixture") for d in node.decorator_list
            ):
                found[node.name] = ast.get_source_segment(text, node) or ""
    return found


def test_every_fixture_that_builds_marks_its_tests_slow() -> None:
    table = fixtures()
    building = {name for name, source in table.items() if BUILDS.search(source.split("\n", 1)[1])}
    assert building <= SLOW_FIXTURES, building - SLOW_FIXTURES  # (others are slow through the fixtures they use)
    assert {"html_site", "pdf_learner", "half_day"} <= building  # the check sees the builds
    assert SLOW_FIXTURES <= set(table), SLOW_FIXTURES - set(table)  # no stale name


def test_fixtures_build_with_the_makefile_options_and_environment() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^SPHINXOPTS \?= (.+)$", makefile, re.M).group(1).split() == list(SPHINX_OPTS)
    assert re.search(r"^export PYTHONHASHSEED := 0$", makefile, re.M)
    assert f"|| echo {DEFAULT_EPOCH})" in makefile  # the date a build without git history gets
    (html,) = [c for c in dry_run("html", "BUILDDIR=/tmp/elsewhere") if "sphinx-build" in c[0]]
    assert html[html.index("-b") + 1] == "html" and html[-2:] == ["docs", "/tmp/elsewhere/html"]
    assert all(option in html for option in SPHINX_OPTS)


def test_ci_prints_the_slowest_tests() -> None:
    (pytest_line,) = [c for c in dry_run("test", "-o", "tests/js/node_modules/.installed") if "pytest" in c]
    assert "--durations=25" in pytest_line


def test_make_course_honours_builddir() -> None:
    manifest = "quizzes/courses/new-cadres-half-day.yaml"
    (build,) = [c for c in dry_run("course", f"COURSE={manifest}", "BUILDDIR=/tmp/elsewhere") if "course" in c]
    assert build[-2:] == ["-o", "/tmp/elsewhere/courses/new-cadres-half-day"]
