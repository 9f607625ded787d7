"""The ``quizgen`` command line. It only dispatches: each command's handler and options sit with its module
(``COMMANDS`` in check_cli, coverage, stats and each package's cli). Every command reports bad input as FILE:LINE
messages and exits 1; an output it refuses to write (an input, a folder it did not create) exits 2; a command stopped
by a signal cleans up and exits 128 + the signal's number."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from . import __version__
from .check_cli import COMMANDS as check_commands
from .cli_parser import ChineseArgumentParser
from .course import COMMANDS as course_commands
from .coverage import COMMANDS as coverage_commands
from .export.cli import COMMANDS as export_commands
from .generate import COMMANDS as generate_commands
from .output import Interrupted, OutputRefused, signals_raise
from .paper import COMMANDS as paper_commands
from .problems import InputError, os_reason, print_problems
from .results import COMMANDS as results_commands
from .results.certify import COMMANDS as certificate_commands
from .results.signin import COMMANDS as signin_commands
from .stats import COMMANDS as stats_commands

Handler = Callable[[argparse.Namespace], int]


def build_parser(
    commands: dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str]],
) -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="quizgen", description="题库检查、出卷与导出工具")
    parser.add_argument("--version", action="version", version=f"quizgen {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令")
    for name, (handler, configure, help_text) in commands.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        configure(command)
        command.set_defaults(handler=handler)
    return parser


def commands() -> dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str]]:
    table: dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str]] = {}
    table.update(check_commands)
    table.update(coverage_commands)
    table.update(export_commands)
    table.update(generate_commands)
    table.update(paper_commands)
    table.update(course_commands)
    table.update(stats_commands)
    table.update(results_commands)
    table.update(certificate_commands)
    table.update(signin_commands)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(commands())
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        with signals_raise():
            return args.handler(args)
    except Interrupted as exc:
        print(f"quizgen: 已中断（{exc}），没有留下不完整的输出", file=sys.stderr)
        return 128 + exc.signum
    except OutputRefused as exc:
        print(f"quizgen: {exc}", file=sys.stderr)
        return 2
    except InputError as exc:
        print_problems(exc.problems)
        return 1
    except OSError as exc:  # a file not found, or what no command foresaw (a name too long, a closed pipe)
        if exc.errno is None:  # raised by quizgen with its own words
            print(f"quizgen: {exc}", file=sys.stderr)
        else:
            where = f" {exc.filename}" if exc.filename else ""
            print(f"quizgen: 无法读写{where}：{os_reason(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
