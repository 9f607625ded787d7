"""Problems found in input files, reported as ``FILE:LINE: ID: message`` and never as tracebacks."""

from __future__ import annotations

import errno
import os
import sys
import traceback
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


# The operating system's reasons a trainer meets most, in Chinese; any other keeps the system's own words.
_OS_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "文件系统是只读的",
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EEXIST: "路径中有一项是文件，不能在它下面建文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接循环",
    errno.EPIPE: "接收输出的程序已经关闭",
    errno.EIO: "读写设备出错",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Chinese where the reason is a common one."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def write_failed(target: object, exc: OSError) -> int:
    """Say that ``target`` could not be written and why; the exit code of a command that could not write."""
    print(f"quizgen: 无法写入 {target}：{os_reason(exc)}", file=sys.stderr)
    return 1


def conf_problem(path: Path, root: Path | None, exc: BaseException) -> Problem:
    """A Python file of the project (``conf.py``) that fails to run, as a problem at the line where it fails."""
    line, what = 1, str(exc)
    if isinstance(exc, SyntaxError):
        line, what = exc.lineno or 1, exc.msg
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
        line = (frames[-1].lineno or 1) if frames else 1
    shown = f"{type(exc).__name__}: {what}"[:200]
    return Problem(display_path(path, root), line, "", f"配置文件有错误，无法运行（{shown}）：请先修正它")


MAX_PROBLEMS = 200  # a report longer than this helps no one: the rest is counted, and checking may stop early
STOPPED = f"问题超过 {MAX_PROBLEMS} 个，检查到此停止"  # how the problem that ends a check cut short begins


def print_problems(problems: Iterable[Problem], limit: int = MAX_PROBLEMS) -> None:
    """Each problem on its own line of standard error; after ``limit`` of them, how many more there are (where a
    check stopped is always shown)."""
    rest = 0
    for number, problem in enumerate(problems):
        if number < limit or problem.message.startswith(STOPPED):
            print(problem, file=sys.stderr)
        else:
            rest += 1
    if rest:
        print(f"提示：另有 {rest} 个问题没有列出（只列出前 {limit} 个）", file=sys.stderr)


def display_path(path: Path, root: Path | None = None) -> str:
    """How ``path`` is named in messages: relative to ``root`` (default: the working folder) when inside it."""
    base = (root or Path.cwd()).resolve()
    for candidate in (lambda: Path(os.path.abspath(path)), path.resolve):  # the link as named, then its target
        try:
            return str(candidate().relative_to(base))
        except (ValueError, OSError, RuntimeError):  # outside root, or a symbolic link that points to itself
            continue
    return str(path)
