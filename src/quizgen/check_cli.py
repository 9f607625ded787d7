"""``quizgen check [PATH …] [--strict]``: every bank read and checked against the speech, all problems at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_parser import path_text
from .problems import STOPPED, print_problems


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


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=path_text, help="题库文件或文件夹（默认：quizzes/ 下全部题库）")
    p.add_argument("--strict", action="store_true", help="有警告也算不通过（退出码 1）")


COMMANDS = {"check": (cmd_check, configure, "检查题库：格式、编号、答案规则、引文是否逐字出自讲话原文")}
