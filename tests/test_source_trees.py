"""No build or export writes into the project's sources: every file under docs/, quizzes/ and src/ (Python's
bytecode caches aside) hashes the same before and after each target, run as the Makefile and a trainer run it.

Broken on purpose, this fails: with ``locale_dirs`` pointing at docs/locales again (Sphinx compiled sphinx.mo beside
the .po at every fresh build), the html and course targets change docs/; with guard_file accepting new files in an
input folder, the ``paper -o docs/…`` target writes there."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from buildenv import build_env

ROOT = Path(__file__).resolve().parent.parent
TREES = ("docs", "quizzes", "src")
SKIPPED = {"__pycache__", ".pytest_cache", ".ruff_cache"}

pytestmark = pytest.mark.slow


def tree_hashes() -> dict[str, str]:
    hashes = {}
    for tree in TREES:
        for folder, dirs, files in os.walk(ROOT / tree):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.endswith(".egg-info"))
            for name in sorted(files):
                path = Path(folder, name)
                key = path.relative_to(ROOT).as_posix()
                hashes[key] = (
                    "link → " + os.readlink(path)
                    if path.is_symlink()
                    else hashlib.sha256(path.read_bytes()).hexdigest()
                )
    return hashes


def quizgen(*argv: str) -> list[str]:
    return [sys.executable, "-m", "quizgen.cli", *argv]


SPHINX = [sys.executable, "-m", "sphinx", "-c", str(ROOT), "-q", "-j", "auto"]
TARGETS: dict[str, list[list[str]]] = {
    "make html, make scorm": [
        [*SPHINX, "-b", "html", "docs", "{out}/html"],
        [*SPHINX, "-b", "html", "-D", "quizgen_scorm=1", "docs", "{out}/scorm-html"],
        [sys.executable, "-m", "quizgen.scorm", "--site", "{out}/scorm-html", "--out", "{out}/dist"],
    ],
    "make course (site and SCORM)": [
        quizgen(
            "course", "build", "quizzes/courses/new-cadres-half-day.yaml", "--only", "site", "--scorm", "-o", "{out}/c"
        )
    ],
    "quizgen export, every format": [
        quizgen("export", "-f", fmt, "-o", f"{{out}}/all.{fmt}") for fmt in ("gift", "qti", "wjx", "xlsx", "json")
    ],
    "quizgen paper, and refused into docs": [
        quizgen("paper", "quizzes/papers/quiz-30min.yaml", "-o", "{out}/paper"),
        quizgen("paper", "quizzes/papers/quiz-30min.yaml", "-o", "docs/papers"),
    ],
}


@pytest.mark.parametrize("target", list(TARGETS))
def test_no_target_writes_into_the_sources(target: str, tmp_path: Path) -> None:
    for mo in (ROOT / "docs").rglob("*.mo"):  # a compiled catalog left by an earlier Sphinx: the build's to make
        mo.unlink()
    before = tree_hashes()
    env = build_env()
    for command in TARGETS[target]:
        argv = [part.replace("{out}", str(tmp_path)) for part in command]
        result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
        refused = "docs/papers" in argv
        assert result.returncode == (2 if refused else 0), f"{argv}\n{result.stdout}\n{result.stderr}"
    after = tree_hashes()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == [], f"{target} wrote into the sources: {changed}"
