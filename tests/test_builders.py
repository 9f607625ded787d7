"""The text builder works with zero warnings, and the console script answers --version and --help."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from quizgen import __version__


def test_text_build_prints_quizzes_with_their_answers(text_site: Path, project):
    lesson = (text_site / "modules" / "m3" / "l3.txt").read_text(encoding="utf-8")
    first = next(q for q in project.questions if q.lesson == "m3-l3" and q.pool == "learn")
    held_back = next(q for q in project.questions if q.lesson == "m3-l3" and q.pool == "exam")
    assert "".join(first.stem.split()) in "".join(lesson.split())
    assert "".join(held_back.stem.split()) not in "".join(lesson.split())  # exam questions stay out of learner text
    assert "答案：" in lesson and "解析：" in lesson


def test_text_build_holds_the_speech(text_site: Path, speech):
    page = "".join((text_site / "reference" / "speech.txt").read_text(encoding="utf-8").split())
    assert "".join(speech["part3-s2"].text.split()) in page  # the text builder wraps long lines


def console_script() -> str:
    found = shutil.which("quizgen", path=str(Path(sys.executable).parent))
    assert found, "the quizgen console script is not installed in this environment"
    return found


def test_version_and_help_from_the_console_script():
    version = subprocess.run([console_script(), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"quizgen {__version__}"
    assert __version__ != "0.0.0"
    helptext = subprocess.run([console_script(), "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("check", "coverage", "export", "generate", "paper", "course"):
        assert command in helptext
