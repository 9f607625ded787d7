"""Oracles that can fail: each test names, in its docstring, the broken implementation it catches.

Coverage of the speech, outputs identical across processes whatever their hash seed, Hypothesis derandomized,
writes to devices that are the test's own (never /dev/null or /dev/full, which a broken write-and-rename would
replace when the tests run as root)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings

from quizgen.cli import main
from quizgen.coverage import coverage, load_exclusions

ROOT = Path(__file__).resolve().parent.parent


# -- coverage ------------------------------------------------------------------------------------------------------


def test_coverage_reports_a_sentence_no_question_cites(project) -> None:
    """Broken on purpose (``coverage`` returning an empty report, or never looking at the quotes), this fails: the
    questions citing one paragraph are left out, and the report must name that paragraph and its sentences."""
    hand = [q for q in project.questions if not q.generated]
    exclusions, _ = load_exclusions(project.quizzes / "coverage-exclusions.yaml")
    full = {e.passage.anchor: e for e in coverage(project.speech, hand, exclusions)}
    assert full and all(e.ok for e in full.values())  # the real banks cover the whole body
    target = "part2-s1"
    without = [q for q in hand if project.speech.line_passage(q.source.anchor).anchor != target]
    report = {e.passage.anchor: e for e in coverage(project.speech, without, exclusions)}
    entry = report[target]
    assert not entry.ok and entry.questions == [] and entry.needed >= 3
    assert entry.uncovered and all(s.strip() in project.speech[target].text for s in entry.uncovered)
    assert all(e.ok for anchor, e in report.items() if anchor != target)  # the rest is still covered


def test_an_exclusion_takes_its_sentence_out_of_the_report(project, tmp_path: Path) -> None:
    """Broken on purpose (exclusions ignored, or every sentence excluded), this fails: one real exclusion removes
    exactly its sentence from the report."""
    hand = [q for q in project.questions if not q.generated]
    target = "part2-s1"
    without = [q for q in hand if project.speech.line_passage(q.source.anchor).anchor != target]
    uncovered = next(e for e in coverage(project.speech, without) if e.passage.anchor == target).uncovered
    sentence = uncovered[0].strip()
    path = tmp_path / "exclusions.yaml"
    path.write_text(f"- {{anchor: {target}, sentence: '{sentence}', reason: 测试}}\n", encoding="utf-8")
    exclusions, problems = load_exclusions(path, "exclusions.yaml", project.speech)
    assert problems == [] and exclusions == {sentence: "测试"}
    left = next(e for e in coverage(project.speech, without, exclusions) if e.passage.anchor == target).uncovered
    assert [s.strip() for s in left] == [s.strip() for s in uncovered[1:]]


def test_the_coverage_command_names_the_uncited_sentence(tmp_path: Path, capsys, monkeypatch) -> None:
    """Broken on purpose (a report that is always empty), the command would pass: here it fails with exit 1 and
    names the sentence the removed bank alone cited."""
    import shutil

    from ruamel.yaml import YAML

    shutil.copytree(ROOT / "quizzes", tmp_path / "quizzes", ignore=shutil.ignore_patterns("examples"))
    yaml = YAML()
    for bank in (tmp_path / "quizzes" / "banks").rglob("*.yaml"):  # the held-back exam pool too
        doc = yaml.load(bank)
        kept = [q for q in doc["questions"] if q["source"]["anchor"] != "closing"]  # every citation of the closing
        if len(kept) < len(doc["questions"]):
            doc["questions"] = kept
            yaml.dump(doc, bank)
    monkeypatch.chdir(tmp_path)
    code = main(["coverage"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "✗ closing" in out and "未被引用的句子：同志们，下一步" in out


# -- determinism across processes ----------------------------------------------------------------------------------


def _outputs(tmp_path: Path, seed: str) -> dict[str, str]:
    out = tmp_path / seed
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1577836800"}
    commands = [["export", "-f", fmt, "-o", str(out / f"all.{fmt}")] for fmt in ("gift", "qti", "wjx", "xlsx", "json")]
    commands += [["paper", "quizzes/papers/quiz-30min.yaml", "-o", str(out / "paper")]]
    commands += [["generate", "-o", str(out / "generated.yaml")]]
    for argv in commands:
        result = subprocess.run([sys.executable, "-m", "quizgen.cli", *argv], cwd=ROOT, env=env, capture_output=True)
        assert result.returncode == 0, result.stderr.decode()
    return {p.relative_to(out).as_posix(): _digest(p) for p in out.rglob("*") if p.is_file()}


def _digest(path: Path) -> str:
    """The file's hash; for Word and Excel files, of their parts but the creation time (docProps/core.xml) that
    python-docx and openpyxl stamp, and the zip's own dates."""
    if path.suffix not in (".docx", ".xlsx"):
        return hashlib.sha256(path.read_bytes()).hexdigest()
    with zipfile.ZipFile(path) as zf:
        parts = sorted((n, zf.read(n)) for n in zf.namelist() if n != "docProps/core.xml")
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@pytest.mark.slow
def test_outputs_are_identical_across_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    """The Makefile pins PYTHONHASHSEED=0, and comparing within one process cannot see set or dict-of-set order.
    Broken on purpose (tags or ids written in the order of a set), the exports differ between these two runs."""
    first, second = _outputs(tmp_path, "1"), _outputs(tmp_path, "4242")
    assert len(first) >= 10 and first == second


# -- Hypothesis ----------------------------------------------------------------------------------------------------


def test_hypothesis_runs_derandomized() -> None:
    """A property test that finds a failure on one run and not the next is a flaky test: every Hypothesis test runs
    derandomized (tests/conftest.py). Broken on purpose (the profile not loaded), this fails."""
    assert settings.default.derandomize is True
    assert settings.default.database is None


# -- devices of the test's own -------------------------------------------------------------------------------------


def test_a_terminal_gets_the_export_and_stays_a_terminal(tmp_path: Path, monkeypatch) -> None:
    """A character device that is not a regular file is written to, never replaced: a pseudo-terminal of this test
    rather than /dev/null (as root, a broken write-and-rename would have replaced the system's device). Broken on
    purpose (write_file renaming over every target), the terminal's path is no longer a device or the text never
    arrives."""
    monkeypatch.chdir(ROOT)
    master, slave = os.openpty()
    received = bytearray()

    def read() -> None:  # the terminal's buffer is small: read while the export writes
        try:
            while chunk := os.read(master, 65536):
                received.extend(chunk)
        except OSError:  # EIO once the last writer has gone
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        tty = Path(os.ttyname(slave))
        assert main(["export", "-f", "gift", "-o", str(tty), "--bank", "m1-l1"]) == 0
        assert not tty.is_file()  # devpts holds terminals only: no file was put in its place
        assert not [p for p in tty.parent.iterdir() if p.name.startswith(f".{tty.name}.")]  # nor beside it
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    assert b"::m1-l1-001::" in received


def test_a_device_that_fails_is_an_error_and_stays_a_device(tmp_path: Path, monkeypatch, capsys) -> None:
    """A write that fails on a device is reported, never turned into a rename over the device: a pseudo-terminal
    whose other end is closed cannot be written (as /dev/full cannot), without touching a system device. Broken
    on purpose (falling back to write-and-rename), the run exits 0 or leaves a temporary file beside the device."""
    monkeypatch.chdir(ROOT)
    master, slave = os.openpty()
    tty = Path(os.ttyname(slave))
    os.close(master)  # the slave stays (so its path does), but with no master every open or write of it fails
    try:
        assert main(["export", "-f", "json", "-o", str(tty), "--bank", "m1-l1"]) == 1
        assert f"quizgen: 无法写入 {tty}：没有权限" in capsys.readouterr().err  # EACCES, in Chinese, even for root
        assert not tty.is_file()  # devpts holds terminals only: no file was put in its place
        assert not [p for p in tty.parent.iterdir() if p.name.startswith(f".{tty.name}.")]  # nor beside it
    finally:
        os.close(slave)


# -- promises of the docs ------------------------------------------------------------------------------------------


def test_xlsx_puts_options_beyond_the_sixth_into_option_f(project) -> None:
    """docs/maintainer/formats.md: more than six options share the last column, 选项F. Broken on purpose (the rest
    dropped, or the columns shifted), the seventh and eighth option texts are missing from the row."""
    from quizgen.export.xlsx import HEADERS, row
    from quizgen.model import Option

    q = next(q for q in project.questions if q.type == "single")
    texts = [f"选项文字{n}" for n in range(1, 9)]
    wide = q.model_copy(update={"options": [Option(key="ABCDEFGH"[n], text=t) for n, t in enumerate(texts)]})
    values = dict(zip(HEADERS, row(wide), strict=True))
    assert [values[f"选项{k}"] for k in "ABCDE"] == texts[:5]
    assert values["选项F"] == "选项文字6；选项文字7；选项文字8"
