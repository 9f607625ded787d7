"""Hostile input met by the command line rather than by a parser: names longer than the file system allows, a
broken conf.py, a closed standard output, a flood of errors, outputs aimed at the site's sources, a damaged speech,
the same bank named twice, empty paths, pipes inside folders, dangling links. Each case once failed with a
traceback, a silent or unclear result, or an output written where it must not be (tests/test_hostile_input.py
holds the damage found inside files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_project import make_project, run, snapshot

from quizgen.problems import MAX_PROBLEMS

ROOT = Path(__file__).resolve().parent.parent
SPEECH = "quizzes/speech.txt"
PAPER = "quizzes/papers/quiz-30min.yaml"
COURSE = "quizzes/courses/new-cadres-half-day.yaml"
LONG = "题" * 90  # 270 bytes in UTF-8: longer than the 255 bytes a file name may have


def test_a_bank_name_too_long_for_the_file_system_is_a_located_problem(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = run(root, ["check", f"{LONG}.yaml"])
    assert result.code == 1 and not result.unlocated(), result.err
    assert result.problem_lines() == [f"{LONG}.yaml:1: 无法读取文件：文件名太长"]


def test_an_output_name_too_long_for_the_file_system_is_named_with_its_reason(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = run(root, ["export", "-f", "gift", "-o", f"{LONG}.gift"])
    assert result.code == 1
    assert f"无法写入 {LONG}.gift：文件名太长" in result.err
    assert not [p for p in root.iterdir() if p.name.startswith((".", "题")) and p.name != ".quizgen-output"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("x = (\n", 1, "SyntaxError"),
        ('project = "课程"\nrelease = missing_name\n', 2, "NameError: name 'missing_name'"),
    ],
)
def test_a_broken_conf_py_is_named_and_the_build_stops(tmp_path: Path, text: str, line: int, words: str) -> None:
    root = make_project(tmp_path)
    (root / "conf.py").write_text(text, encoding="utf-8")
    result = run(root, ["course", "build", COURSE, "--only", "site", "-o", "out"])
    assert result.code == 1 and not result.unlocated(), result.err
    (problem,) = result.problem_lines()
    assert problem.startswith(f"conf.py:{line}: 配置文件有错误，无法运行（") and words in problem, problem
    assert not (root / "out").exists()


def test_a_closed_standard_output_is_said_not_a_traceback(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    command = f"exec {sys.executable} -m quizgen.cli export -f gift -o - >&-"
    result = subprocess.run(["sh", "-c", command], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "quizgen: 标准输出已关闭，无法输出；请用 -o 指定文件\n"


def test_a_pipe_closed_early_is_said_not_a_traceback(tmp_path: Path) -> None:
    """The reader of standard output has gone away (``| head -c 0``): a message naming the reason, exit 1."""
    root = make_project(tmp_path)
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "quizgen.cli", "export", "-f", "gift", "-o", "-"],
            cwd=root, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    finally:
        os.close(write)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and "接收输出的程序已经关闭" in result.stderr, result.stderr[-500:]


def test_a_flood_of_errors_gives_a_bounded_report_soon(tmp_path: Path) -> None:
    """500,000 empty questions (six problems each): the check stops after MAX_PROBLEMS problems and says what it
    left unchecked; the report's lines are counted (make bench times it against the bare parse)."""
    root = make_project(tmp_path)
    (root / "quizzes" / "banks" / "flood.yaml").write_text("bank: flood\nquestions:\n" + "- {}\n" * 500_000)
    result = run(root, ["check"], seconds=120)
    assert result.code == 1 and not result.unlocated(), result.err[-2000:]
    lines = result.err.splitlines()
    assert len(lines) <= MAX_PROBLEMS + 5, len(lines)
    assert any(line.startswith("quizzes/banks/flood.yaml:") and "道题没有检查" in line for line in lines)
    assert lines[-1].startswith("检查未通过：至少 ")


def test_many_problems_are_listed_to_the_limit_and_the_rest_counted(capsys) -> None:
    from quizgen.problems import Problem, print_problems

    print_problems([Problem("f.yaml", n, "", "问题") for n in range(1, 301)])
    err = capsys.readouterr().err.splitlines()
    assert len(err) == MAX_PROBLEMS + 1 and err[-1] == f"提示：另有 100 个问题没有列出（只列出前 {MAX_PROBLEMS} 个）"


@pytest.mark.parametrize("target", ["docs", "docs/papers", "src/quizgen"])
def test_a_paper_is_never_written_into_the_sites_sources(tmp_path: Path, target: str) -> None:
    root = make_project(tmp_path)
    (root / "docs").unlink()  # a folder of its own, so that a failure could not touch the real site
    (root / "docs").mkdir()
    (root / "src" / "quizgen").mkdir(parents=True)
    result = run(root, ["paper", PAPER, "-o", target])
    assert result.code == 2, result.err
    assert f"拒绝写入 {target}/" in result.err and "它在输入文件夹" in result.err
    assert not any((root / "docs").rglob("*")) and not any((root / "src" / "quizgen").rglob("*"))


@pytest.mark.parametrize("text", ["", "讲话题目\n\n同志们：\n开场。\n一、第一部分\n"], ids=["empty", "truncated"])
def test_an_empty_or_truncated_speech_is_reported_alone(tmp_path: Path, text: str) -> None:
    root = make_project(tmp_path)
    (root / SPEECH).write_text(text, encoding="utf-8")
    for argv in (["check"], ["export", "-f", "gift", "-o", "out.gift"], ["paper", PAPER, "-o", "out"]):
        result = run(root, argv)
        assert result.code == 1, result.err
        (problem,) = result.problem_lines()
        assert problem.startswith(f"{SPEECH}:") and "讲话原文不完整" in problem, problem
        assert "结束语" in problem


def test_the_same_bank_named_twice_is_read_once(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    once = run(root, ["check", "quizzes/banks"])
    twice = run(root, ["check", "quizzes/banks", "quizzes/banks/m1-l1.yaml", "./quizzes/banks/m1-l1.yaml"])
    assert once.code == twice.code == 0, twice.err
    assert once.out == twice.out and "重复" not in twice.err


@pytest.mark.parametrize("argv", [["check", ""], ["export", "-f", "gift", "-o", "x.gift", ""]])
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(tmp_path: Path, argv: list[str]) -> None:
    root = make_project(tmp_path)
    result = run(root, argv)
    assert result.code == 2 and "路径不能为空" in result.err
    assert not (root / "x.gift").exists()


def test_a_pipe_inside_a_named_folder_is_reported(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "mine").mkdir()
    os.mkfifo(root / "mine" / "odd.yaml")
    result = run(root, ["check", "mine"])
    assert result.code == 1 and not result.unlocated(), result.err
    assert result.problem_lines() == ["mine/odd.yaml:1: 不是普通文件（是文件夹、管道或设备），无法作为输入读取"]


def test_a_folder_without_banks_is_reported_not_passed(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "notes").mkdir()
    (root / "notes" / "m1-l1.yaml").write_text((root / "quizzes/banks/m1-l1.yaml").read_text(encoding="utf-8"))
    result = run(root, ["check", "notes"])
    assert result.code == 1 and "检查通过" not in result.out
    assert result.problem_lines() == ["notes:1: 这个文件夹里没有题库（banks 文件夹中的 .yaml 文件）"]


def test_an_output_through_a_dangling_link_makes_no_folder_for_it(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "out.gift").symlink_to(tmp_path / "nowhere" / "deeper" / "out.gift")
    result = run(root, ["export", "-f", "gift", "-o", "out.gift"])
    assert result.code == 1 and "无法写入 out.gift：路径不存在" in result.err, result.err
    assert not (tmp_path / "nowhere").exists()
    (root / "sub").symlink_to(tmp_path / "elsewhere")  # a dangling folder link on the way to the file
    result = run(root, ["export", "-f", "gift", "-o", "sub/x/out.gift"])
    assert result.code == 1 and "无法写入 sub/x/out.gift" in result.err, result.err
    assert not (tmp_path / "elsewhere").exists()


def test_every_input_is_unchanged_by_these_cases(tmp_path: Path) -> None:
    """The refusals above leave the project as it was (the flood and the long names included)."""
    root = make_project(tmp_path)
    before = snapshot(root)
    for argv in (["check", f"{LONG}.yaml"], ["paper", PAPER, "-o", "quizzes/banks"], ["check", ""]):
        run(root, argv)
    assert snapshot(root) == before
