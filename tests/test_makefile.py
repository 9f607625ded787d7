"""The test suite builds as the Makefile does, and marks what is slow: checked without building anything.

The site, handbook, EPUB and bundle fixtures run the make targets themselves (tests/buildenv.py ``run_make``); what
is checked here is what they cannot see: the options and environment the other builds copy, and that `make dist` is
made of the targets they run."""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
from pathlib import Path

from buildenv import DEFAULT_EPOCH, SLOW_FIXTURES, SPHINX_OPTS

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
# A call that builds a site, PDF, bundle or course (helpers of the fixtures); ``app.build()`` of the small
# sphinx.testing projects is not one.
BUILDS = re.compile(
    r"(?<![.\w])(sphinx_build|sphinx|run_make|build_pdf|build_epub|bundle|build_course|pack|_build|run_build|build)\("
    r'|"course", "build"|quizgen\.bundle'
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


def test_other_builds_copy_the_makefile_options_and_environment() -> None:
    """The builds no target makes (the text site, small test projects, snapshots) use buildenv's copies."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^SPHINXOPTS \?= (.+)$", makefile, re.M).group(1).split() == list(SPHINX_OPTS)
    assert re.search(r"^export PYTHONHASHSEED := 0$", makefile, re.M)
    assert f"|| echo {DEFAULT_EPOCH})" in makefile  # the date a build without git history gets


def test_make_dist_is_the_targets_the_fixtures_run() -> None:
    """html_site, pdf_learner, pdf_trainer, epub_book and dist_zip run `make html`, `make pdf EDITION=…`, `make epub`
    and `make bundle`: `make dist` must be exactly those, so that the bundle the tests check is the one it ships."""
    commands = dry_run("dist", "BUILDDIR=/tmp/elsewhere", "MAKE=true")  # sub-makes listed as `true …`, not run
    assert [c[1:] for c in commands if c[0] == "true"] == [
        ["pdf", "EDITION=learner"],
        ["pdf", "EDITION=trainer"],
        ["epub"],
        ["bundle"],
    ]
    assert commands[0] == dry_run("html", "BUILDDIR=/tmp/elsewhere")[0]


def test_ci_prints_the_slowest_tests() -> None:
    (pytest_line,) = [c for c in dry_run("test", "-o", "tests/js/node_modules/.installed") if "pytest" in c]
    assert "--durations=25" in pytest_line


def test_make_course_honours_builddir() -> None:
    manifest = "quizzes/courses/new-cadres-half-day.yaml"
    (build,) = [c for c in dry_run("course", f"COURSE={manifest}", "BUILDDIR=/tmp/elsewhere") if "course" in c]
    assert build[-2:] == ["-o", "/tmp/elsewhere/courses/new-cadres-half-day"]
