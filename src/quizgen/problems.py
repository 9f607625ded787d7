"""Problems found in input files, reported as ``FILE:LINE: ID: message`` and never as tracebacks."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    qid: str
    message: str
    level: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f"{self.file}:{self.line or 1}" if self.file else ""  # line 1 when nothing better is known
        prefix = f"{where}: {self.qid}: " if self.qid else f"{where}: " if where else ""
        tag = "警告：" if self.level == "warning" else ""
        # One problem, one line: a message that quotes input with line breaks in it shows them as \n.
        return f"{prefix}{tag}{self.message}".replace("\r", "\\r").replace("\n", "\\n")


class InputError(Exception):
    """Raised with every problem of a damaged input at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def print_problems(problems: Iterable[Problem]) -> None:
    """Each problem on its own line of standard error."""
    for problem in problems:
        print(problem, file=sys.stderr)


def display_path(path: Path, root: Path | None = None) -> str:
    """How ``path`` is named in messages: relative to ``root`` (default: the working folder) when inside it."""
    base = (root or Path.cwd()).resolve()
    for candidate in (lambda: Path(os.path.abspath(path)), path.resolve):  # the link as named, then its target
        try:
            return str(candidate().relative_to(base))
        except (ValueError, OSError, RuntimeError):  # outside root, or a symbolic link that points to itself
            continue
    return str(path)
