"""The ``quizgen`` command line. Every command reports bad input as FILE:LINE messages and exits 1; an output it
refuses to write (an input, a folder it did not create) exits 2; a command stopped by a signal cleans up and
exits 128 + the signal's number."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .cli_parser import ChineseArgumentParser, path_text
from .course import COMMANDS as course_commands
from .export.cli import COMMANDS as export_commands
from .generate import COMMANDS as generate_commands
from .output import Interrupted, OutputRefused, signals_raise
from .paper import COMMANDS as paper_commands
from .problems import STOPPED, InputError, display_path, os_reason, print_problems
from .results import COMMANDS as results_commands
from .results.certify import COMMANDS as certificate_commands
from .results.signin import COMMANDS as signin_commands
from .stats import COMMANDS as stats_commands

Handler = Callable[[argparse.Namespace], int]


def cmd_check(args: argparse.Namespace) -> int:
    from .project import open_project

    project = open_project(paths=[Path(p) for p in args.paths] or None)
    print_problems(project.problems)
    files = len({b.file for b in project.banks})
    count = len(project.questions)
    errors = len(project.errors)
    warnings = len(project.problems) - errors
    if errors or (warnings and args.strict):
        stopped = any(p.message.startswith(STOPPED) for p in project.errors)
        print(
            f"检查未通过：{'至少 ' if stopped else ''}{errors} 个错误，{warnings} 个警告（{files} 个题库，{count} 道题）",
            file=sys.stderr,
        )
        return 1
    print(f"检查通过：{files} 个题库，{count} 道题，{warnings} 个警告")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage import coverage, load_exclusions
    from .project import open_project

    project = open_project()
    if project.errors:
        print_problems(project.errors)
        return 1
    path = project.quizzes / "coverage-exclusions.yaml"
    exclusions, problems = load_exclusions(path, display_path(path, project.root), project.speech)
    if problems:
        print_problems(problems)
        return 1
    hand = [q for q in project.questions if not q.generated]
    report = coverage(project.speech, hand, exclusions)
    failed = 0
    for entry in report:
        mark = "✓" if entry.ok else "✗"
        failed += not entry.ok
        print(f"{mark} {entry.passage.anchor:<10} {len(entry.questions):>3}/{entry.needed:<3} 题")
        for sentence in entry.uncovered:
            print(f"    未被引用的句子：{sentence}")
    print(f"手写题 {len(hand)} 道；{len(report) - failed}/{len(report)} 段达标")
    return 1 if failed else 0


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


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=path_text, help="题库文件或文件夹（默认：quizzes/ 下全部题库）")
    p.add_argument("--strict", action="store_true", help="有警告也算不通过（退出码 1）")


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


def commands() -> dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str]]:
    table: dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str]] = {
        "check": (cmd_check, _check_args, "检查题库：格式、编号、答案规则、引文是否逐字出自讲话原文"),
        "coverage": (cmd_coverage, _no_args, "统计手写题对讲话正文每段、每句的覆盖情况"),
    }
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
