"""The command line speaks Chinese: help, usage and argparse's own error messages, for every command."""

from __future__ import annotations

import argparse
import re

import pytest

from quizgen.cli import build_parser, commands, main
from quizgen.cli_parser import chinese_error

# argparse's English furniture; none of it may reach a trainer
ENGLISH = re.compile(
    r"usage:|positional arguments|options:|optional arguments|show this help|show program's|error:|"
    r"required:|unrecognized|invalid choice|invalid \w+ value|expected (?:one|at least|at most)|choose from"
)


def every_parser() -> list[tuple[str, argparse.ArgumentParser]]:
    found, todo = [], [("quizgen", build_parser(commands()))]
    while todo:
        label, parser = todo.pop()
        found.append((label, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{label} {name}", sub) for name, sub in action.choices.items()]
    return found


@pytest.mark.parametrize(("label", "parser"), every_parser(), ids=lambda x: x if isinstance(x, str) else "")
def test_help_is_chinese(label: str, parser: argparse.ArgumentParser) -> None:
    text = parser.format_help()
    assert text.startswith("用法：")
    assert "选项：" in text and "显示本帮助并退出" in text
    assert not ENGLISH.search(text), f"{label}: {ENGLISH.search(text)}"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["bogus"], "参数 COMMAND：无效的选择：'bogus'（可选："),
        (["paper"], "quizgen paper：错误：缺少必需的参数：SPEC"),
        (["coverage", "--bogus"], "quizgen：错误：无法识别的参数：--bogus"),
        (["generate", "--seed", "abc"], "参数 --seed：不是整数：'abc'"),
        (["generate", "--seed"], "参数 --seed：需要一个值"),
        (["export", "--format", "zzz"], "参数 -f/--format：无效的选择：'zzz'"),
        (["paper", "x.yaml", "--format", "pdf"], "参数 --format：格式应是 txt,docx,json 中的一个或几个"),
        (["course", "build"], "quizgen course build：错误：缺少必需的参数：MANIFEST"),
    ],
)
def test_usage_errors_are_chinese(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：")
    assert expected in err
    assert not ENGLISH.search(err), err


def test_an_unknown_sentence_is_kept_not_dropped() -> None:
    assert chinese_error("argument --x: something new") == "参数 --x：something new"
    assert chinese_error("invalid choice: 'a' (choose from b, c)") == "无效的选择：'a'（可选：b, c）"  # 3.12+ wording
