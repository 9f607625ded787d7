"""Word and Excel files carry no time of saving: the same content gives the same bytes (quizgen.office).

Each test fails against the libraries' own ``save`` (python-docx and openpyxl date every zip entry with the time of
saving, and openpyxl dates the workbook ``modified`` now), which is what the exporters used before.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from quizgen.export import xlsx
from quizgen.office import ZIP_TIME
from quizgen.results.signin import signin_docx

ROOT = Path(__file__).resolve().parent.parent


def entry_times(data: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.date_time for info in archive.infolist()}


def core_dates(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("docProps/core.xml").decode("utf-8")


def test_the_excel_export_is_dated_by_no_clock(project) -> None:
    data = xlsx.render(project.questions[:20]).data
    assert entry_times(data) == {ZIP_TIME}
    core = core_dates(data)
    assert core.count("2020-01-01T00:00:00Z") == 2, core  # created and modified


def test_the_sign_in_sheet_is_dated_by_no_clock() -> None:
    data = signin_docx("测试课程", ["2026年12月7日"], [("张三", "")], two_sessions=False)
    assert entry_times(data) == {ZIP_TIME}
    assert "2020-01-01T00:00:00Z" in core_dates(data)


def test_a_word_paper_written_twice_has_the_same_bytes(tmp_path: Path) -> None:
    """Two runs a few seconds apart (zip times have two-second steps): every file byte-identical."""
    spec = ROOT / "quizzes" / "papers" / "quiz-30min.yaml"
    runs = []
    for n in (1, 2):
        out = tmp_path / str(n)
        command = [sys.executable, "-m", "quizgen.cli", "paper", str(spec), "-o", str(out), "--format", "docx"]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        runs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.docx"))})
        if n == 1:
            time.sleep(2.1)  # a later zip time; the check compares bytes, not timing
    assert len(runs[0]) == 3 and runs[0] == runs[1]
