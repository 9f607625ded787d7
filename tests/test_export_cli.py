"""``quizgen export`` through the command line: every format, filters, and clean failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import TRICKY

from quizgen.cli import main
from quizgen.export import formats


@pytest.fixture(autouse=True)
def in_project(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    monkeypatch.chdir(root)


@pytest.mark.parametrize("fmt", sorted(formats()))
def test_every_format_writes_its_file(tmp_path: Path, fmt: str, capsys) -> None:
    out = tmp_path / "sub" / f"bank{formats()[fmt].suffix}"
    assert main(["export", "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert "已导出" in capsys.readouterr().err
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary files left behind


def test_text_formats_can_go_to_stdout(capsys) -> None:
    assert main(["export", "-f", "json", "-o", "-", "--module", "m1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["questions"] and {q["module"] for q in doc["questions"]} == {"m1"}


def test_binary_formats_refuse_stdout(capsys) -> None:
    assert main(["export", "-f", "xlsx", "-o", "-"]) == 1
    assert "二进制" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "check"),
    [
        (["--module", "m2"], lambda q: q["module"] == "m2"),
        (["--bank", "m1-l2"], lambda q: q["tags"][0] == "m1-l2"),
        (["--type", "truefalse,fill"], lambda q: q["type"] in ("truefalse", "fill")),
        (["--no-generated"], lambda q: not q["generated"]),
        (["--tag", "五个同"], lambda q: "五个同" in q["tags"]),
    ],
)
def test_filters(tmp_path: Path, options: list[str], check) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "-f", "json", "-o", str(out), *options]) == 0
    questions = json.loads(out.read_text(encoding="utf-8"))["questions"]
    assert questions and all(check(q) for q in questions)


def test_generated_questions_are_exported_by_default(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "-f", "json", "-o", str(out)]) == 0
    assert any(q["generated"] for q in json.loads(out.read_text(encoding="utf-8"))["questions"])


BROKEN = [
    ("bad-anchor", TRICKY.replace("anchor: part1-p3, quote: 坚持零容忍", "anchor: part9, quote: 坚持零容忍"), "part9"),
    ("bad-answer", TRICKY.replace("answer: [A, B, D]", "answer: [A, Z]"), "不是已有选项"),
    ("truncated", TRICKY[: len(TRICKY) // 3] + "\n  - [", "YAML 无法解析"),
    ("not-a-bank", "- 1\n- 2\n", "顶层应是映射"),
]


@pytest.mark.parametrize(("name", "content", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_banks_stop_the_export(tmp_path: Path, name: str, content: str, message: str, capsys) -> None:
    bank = tmp_path / "banks" / f"{name}.yaml"
    bank.parent.mkdir()
    bank.write_text(content, encoding="utf-8")
    out = tmp_path / "out.gift"
    assert main(["export", "-f", "gift", "-o", str(out), str(bank)]) == 1
    err = capsys.readouterr().err
    assert message in err and f"{bank.name}:" in err and "Traceback" not in err
    assert not out.exists()


def test_nothing_selected_is_an_error(tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "-f", "json", "-o", str(out), "--module", "m99"]) == 1
    assert "没有符合条件" in capsys.readouterr().err
    assert not out.exists()


def test_unwritable_output_is_reported(tmp_path: Path, capsys) -> None:
    (tmp_path / "dir.json").mkdir()
    assert main(["export", "-f", "json", "-o", str(tmp_path / "dir.json")]) == 1
    assert "无法写入" in capsys.readouterr().err


def test_unknown_format_is_an_argparse_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "-f", "pdf", "-o", "x"])
    assert exit_info.value.code == 2
    assert "无效的选择" in capsys.readouterr().err
