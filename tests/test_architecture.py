"""The quizgen core imports nothing from Sphinx or docutils; only quizgen.sphinx (and the course builder) do."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "quizgen.source", "quizgen.model", "quizgen.load", "quizgen.check", "quizgen.coverage", "quizgen.generate",
    "quizgen.paper", "quizgen.export", "quizgen.export.cli", "quizgen.selection", "quizgen.render_html",
    "quizgen.notes", "quizgen.project", "quizgen.bundle", "quizgen.cli",
]  # fmt: skip


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_sphinx(module: str):
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils', 'myst_parser'))\n"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
