"""命令行参考 (docs/maintainer/cli.md) stays in step with the argparse parser."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from quizgen.cli import build_parser, commands, main

PAGE = Path(__file__).resolve().parent.parent / "docs" / "maintainer" / "cli.md"


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser(commands())
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def sections() -> dict[str, str]:
    """Each ``## `quizgen NAME` `` section of the page, by command name."""
    text = PAGE.read_text(encoding="utf-8")
    parts = re.split(r"^## `quizgen (\S+)`\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_command_has_a_section_and_no_section_is_stale() -> None:
    assert sorted(sections()) == sorted(subparsers())


def nested(name: str) -> dict[str, argparse.ArgumentParser]:
    """A command's own subcommands (``quizgen course build`` …), if it has any."""
    found = {}
    for action in subparsers()[name]._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update({f"{name} {sub}": p for sub, p in action.choices.items()})
    return found


def check_documented(label: str, parser: argparse.ArgumentParser, section: str) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices:
                assert f"`quizgen {label} {sub}`" in section, f"{label}: subcommand {sub} is not documented"
            continue
        if action.option_strings:
            for option in action.option_strings:
                assert re.search(rf"`{re.escape(option)}[` ]", section), f"{label}: {option} is not documented"
        else:
            shown = action.metavar or action.dest
            assert f"`{shown}`" in section, f"{label}: argument {shown} is not documented"
        if action.choices and action.option_strings:
            for choice in action.choices:
                assert f"`{choice}`" in section, f"{label}: choice {choice} is not documented"


@pytest.mark.parametrize("name", sorted(subparsers()))
def test_every_option_and_argument_is_documented(name: str) -> None:
    section = sections()[name]
    check_documented(name, subparsers()[name], section)
    for label, parser in nested(name).items():
        part = re.split(rf"^### `quizgen {re.escape(label)}`\s*$", section, flags=re.M)
        assert len(part) == 2, f"no ### `quizgen {label}` heading"
        check_documented(label, parser, part[1].split("\n### ", 1)[0])


def all_parsers() -> dict[str, argparse.ArgumentParser]:
    found = dict(subparsers())
    for name in list(found):
        found.update(nested(name))
    return found


@pytest.mark.parametrize("label", sorted(all_parsers()))
def test_usage_line_matches_the_parser(label: str) -> None:
    """The documented usage names the same options as argparse's own usage."""
    usage = all_parsers()[label].format_usage()
    documented = re.search(
        r"```text\n(quizgen " + re.escape(label) + r"[ \n].*?)```", PAGE.read_text(encoding="utf-8"), re.S
    )
    assert documented, f"{label}: no usage block"
    options = lambda text: sorted(set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", text)) - {"-h"})  # noqa: E731
    assert options(documented.group(1)) == options(usage)


def test_every_command_is_in_the_overview_table() -> None:
    head = PAGE.read_text(encoding="utf-8").split("\n## ", 1)[0]
    for name in subparsers():
        assert f"`quizgen {name}`" in head


@pytest.mark.parametrize("label", sorted(all_parsers()))
def test_help_works(label: str, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main([*label.split(), "--help"])
    assert info.value.code == 0
    assert label.split()[-1] in capsys.readouterr().out
