"""Reading an input file's text: a regular UTF-8 file of bounded size, with the likely encoding named when it is not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..problems import Problem, os_reason
from .limits import MAX_BYTES


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The text of a regular UTF-8 file of at most MAX_BYTES; a FIFO or a device is refused, never read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, [Problem(display, 1, "", f"无法读取文件：{os_reason(exc)}")]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(display, 1, "", "不是普通文件（是文件夹、管道或设备），无法作为输入读取")]
        if info.st_size > MAX_BYTES:
            return None, [Problem(display, 1, "", f"文件过大（{info.st_size} 字节，上限 {MAX_BYTES} 字节）")]
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(display, 1, "", f"无法读取文件：{os_reason(exc)}")]
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        return None, [Problem(display, 1, "", f"文件过大（超过上限 {MAX_BYTES} 字节）")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(display, line, "", f"不是 UTF-8 编码的文本（{_encoding_guess(data, exc.start)}），请另存为 UTF-8")
        ]


def _encoding_guess(data: bytes, bad: int) -> str:
    """What the file probably is: Windows editors save Chinese text as UTF-16 ("Unicode") or GBK ("ANSI")."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "是 UTF-16 编码，即记事本里的“Unicode”"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return f"第 {bad + 1} 个字节无法解码"
    return "看起来是 GBK 编码，即中文 Windows 记事本里的“ANSI”"
