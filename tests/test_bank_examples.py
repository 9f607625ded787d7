"""The example banks shown in 题库编写指南 pass `quizgen check`, and the sample exports in 导出格式 are current."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from quizgen.cli import main
from quizgen.export import formats
from quizgen.load import bank_files, load_banks

EXAMPLES = Path(__file__).resolve().parent.parent / "quizzes" / "examples"
EXAMPLE_BANKS = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(autouse=True)
def in_project(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    monkeypatch.chdir(root)


def test_there_are_examples() -> None:
    assert [p.name for p in EXAMPLE_BANKS] == ["all-types.yaml", "minimal.yaml"]


def test_examples_are_not_discovered_as_banks(root: Path) -> None:
    assert not set(bank_files([root / "quizzes"])) & set(EXAMPLE_BANKS)


@pytest.mark.parametrize("bank", EXAMPLE_BANKS, ids=lambda p: p.name)
def test_example_passes_check(bank: Path, capsys) -> None:
    assert main(["check", str(bank)]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_examples_pass_together_with_the_project_banks(root: Path, capsys) -> None:
    """Example ids and stems never clash with the real banks."""
    assert main(["check", str(root / "quizzes" / "banks"), *map(str, EXAMPLE_BANKS)]) == 0


def test_all_types_example_shows_every_type() -> None:
    banks, problems = load_banks([EXAMPLES / "all-types.yaml"])
    assert not problems
    assert {q.type for q in banks[0].questions} == {"single", "multiple", "truefalse", "fill", "open"}


@pytest.mark.parametrize("fmt", ["gift", "wjx", "json", "moodlexml"])
def test_sample_exports_are_current(fmt: str) -> None:
    banks, _ = load_banks([EXAMPLES / "all-types.yaml"])
    rendered = formats()[fmt].render(banks[0].questions)
    assert (EXAMPLES / "exports" / f"all-types.{fmt}").read_bytes() == rendered.data


def test_sample_qti_files_are_current() -> None:
    banks, _ = load_banks([EXAMPLES / "all-types.yaml"])
    archive = zipfile.ZipFile(io.BytesIO(formats()["qti"].render(banks[0].questions).data))
    for sample, member in [
        ("qti-imsmanifest.xml", "imsmanifest.xml"),
        ("qti-item-fill.xml", "items/example-all-004.xml"),
        ("qti-item-multiple.xml", "items/example-all-002.xml"),
    ]:
        assert (EXAMPLES / "exports" / sample).read_bytes() == archive.read(member)


def test_docs_include_the_real_files(root: Path) -> None:
    for page in ("bank-format.md", "formats.md"):
        text = (root / "docs" / "maintainer" / page).read_text(encoding="utf-8")
        for include in re.findall(r"```\{literalinclude\} (\S+)", text):
            assert (root / "docs" / "maintainer" / include).resolve().is_file(), include
    guide = (root / "docs" / "maintainer" / "bank-format.md").read_text(encoding="utf-8")
    for bank in EXAMPLE_BANKS:
        assert f"quizzes/examples/{bank.name}" in guide
