"""A small copy of the project to damage, and a guarded in-process run of the ``quizgen`` command line.

Shared by the hostile-input tests and the fuzzer: both assert that bad input gives FILE:LINE messages, a
non-zero exit and no traceback, within a time limit, and leaves every input file as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quizgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
# Lines of standard error that are not problems: summaries, notes and command-level messages.
SUMMARIES = ("检查未通过", "课程清单检查未通过", "导出中止", "已导出", "提示：", "quizgen: ")
STALE = "不是最新的：请运行 quizgen generate 重新生成"  # generate --check: the output differs, no input is at fault
PROBLEM_LINE = re.compile(r"^[^:\s][^:]*:[1-9][0-9]*: \S")


class Hang(BaseException):  # not an Exception, so that no handler in quizgen swallows it
    """Raised by the alarm when a command runs longer than its limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


@dataclass
class Run:
    code: int
    out: str
    err: str

    def problem_lines(self) -> list[str]:
        return [
            line
            for line in self.err.split("\n")  # as a terminal shows them: U+2028 in a message breaks no line
            if line.strip() and not line.startswith(SUMMARIES) and not line.endswith(STALE)
        ]

    def unlocated(self) -> list[str]:
        """Lines of standard error that are neither summaries nor ``FILE:LINE: message`` problems."""
        return [line for line in self.problem_lines() if not PROBLEM_LINE.match(line)]


def make_project(target: Path) -> Path:
    """``target`` with a copy of the project's ``quizzes/`` and a link to its ``docs/`` (read, never written)."""
    shutil.copytree(ROOT / "quizzes", target / "quizzes", ignore=shutil.ignore_patterns("examples"))
    (target / "docs").symlink_to(ROOT / "docs")
    return target


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every input file's bytes (a link or a special file: where it points or what it is), by relative path."""
    files: dict[str, bytes | str] = {}
    for path in sorted((root / "quizzes").rglob("*")):
        name = path.relative_to(root).as_posix()
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            files[name] = "link → " + os.readlink(path)
        elif stat.S_ISREG(mode):
            files[name] = path.read_bytes()
        elif not stat.S_ISDIR(mode):
            files[name] = "special"
    return files


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run(root: Path, argv: list[str], seconds: int = 10) -> Run:
    """``quizgen ARGV`` in ``root``; an exception escaping ``main`` fails the caller, so does a run over ``seconds``."""
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        with _cwd(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return Run(code, out.getvalue(), err.getvalue())
