"""How the tests build: the real make targets for the site, the handbooks, the EPUB and the bundle (``run_make``), and
for the other builds the environment and options the Makefile sets, defined once for all fixtures.

The Makefile exports ``SOURCE_DATE_EPOCH`` (the last commit's date, else 2020-01-01) and ``PYTHONHASHSEED=0`` and
builds with ``SPHINXOPTS = -n -W --keep-going``; tests/test_makefile.py keeps these in step with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_EPOCH = "1577836800"  # 2020-01-01, the Makefile's fallback
SPHINX_OPTS = ("-n", "-W", "--keep-going")

# Fixtures that build a whole site, PDF, EPUB, bundle or course: a test that uses one (directly or through another
# fixture) is marked ``slow`` by tests/conftest.py, so ``-m "not slow"`` never builds the site. tests/test_makefile.py checks that
# every fixture calling a build is listed.
SLOW_FIXTURES = frozenset({
    "html_site", "text_site", "pdf_learner", "pdf_trainer", "epub_book", "dist_zip", "dist_unzipped", "half_day",
    "one_day", "hostile", "two_sites", "course", "package", "mini_site", "xss_site", "scorm_site",
})  # fmt: skip
# What a calling make hands down (`make test` runs pytest): a target below runs as a maintainer's own `make` would.
PARENT_MAKE = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")


def build_env(**extra: str) -> dict[str, str]:
    """os.environ plus a fixed date (unless the caller set one) and a fixed hash seed, plus ``extra``."""
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH),
        "PYTHONHASHSEED": "0",
        **extra,
    }


def run_make(target: str, **variables: str | Path) -> str:
    """``make TARGET NAME=value…`` in the project, as a maintainer runs it, so that a broken Makefile fails the fixture.

    The Makefile's venv is this interpreter's (VENV), and its set-up steps count as done (``-o``, as ``make -n`` in
    tests/test_makefile.py): the venv's install stamp and the Debian packages of ``sysdeps``. Returns make's output."""
    venv = Path(sys.prefix)
    command = [
        "make", "--no-print-directory", "-o", f"{venv}/.installed", "-o", "sysdeps", target, f"VENV={venv}",
        *(f"{name}={value}" for name, value in variables.items()),
    ]  # fmt: skip
    env = {name: value for name, value in build_env().items() if name not in PARENT_MAKE}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    shown = " ".join(command[command.index(target) :])
    assert result.returncode == 0, f"make {shown} failed:\n{result.stdout[-6000:]}\n{result.stderr[-4000:]}"
    return result.stdout
