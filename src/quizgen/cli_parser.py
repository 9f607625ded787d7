"""An argparse parser that speaks Chinese: trainers read its help and its errors, and argparse writes both in
English whatever the locale (its messages go through gettext, which has no Chinese catalogue to find).

Headings, usage and the help option are set here; argparse's own error sentences are rewritten by pattern, and any
sentence this table does not know is shown as argparse wrote it, never dropped.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's error sentences (Python 3.11–3.13 wordings), each with its Chinese form.
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^the following arguments are required: (.+)$"), r"缺少必需的参数：\1"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"无法识别的参数：\1"),
    (re.compile(r"^invalid choice: (.+?) \(choose from (.+)\)$"), r"无效的选择：\1（可选：\2）"),
    (re.compile(r"^invalid int value: (.+)$"), r"不是整数：\1"),
    (re.compile(r"^invalid float value: (.+)$"), r"不是数字：\1"),
    (re.compile(r"^invalid (\S+) value: (.+)$"), r"无效的值：\2"),
    (re.compile(r"^expected one argument$"), "需要一个值"),
    (re.compile(r"^expected at least one argument$"), "至少需要一个值"),
    (re.compile(r"^expected at most one argument$"), "最多只能有一个值"),
    (re.compile(r"^expected (\d+) arguments?$"), r"需要 \1 个值"),
    (re.compile(r"^not allowed with argument (.+)$"), r"不能与 \1 同时使用"),
    (re.compile(r"^ambiguous option: (\S+) could match (.+)$"), r"选项 \1 有歧义，可能是：\2"),
    (re.compile(r"^one of the arguments (.+) is required$"), r"必须给出其中一个参数：\1"),
    (re.compile(r"^ignored explicit argument (.+)$"), r"多余的值：\1"),
]
_ARGUMENT = re.compile(r"^argument (.+?): (.+)$", re.S)


def chinese_error(message: str) -> str:
    """argparse's English error sentence in Chinese (``argument X: …`` keeps X, the option the user typed)."""
    prefix = ""
    found = _ARGUMENT.match(message)
    if found:
        prefix, message = f"参数 {found.group(1)}：", found.group(2)
    for pattern, chinese in _ERRORS:
        if pattern.match(message):
            return prefix + pattern.sub(chinese, message)
    return prefix + message


def path_text(value: str) -> str:
    """An argument that names a file or folder: an empty one would mean the current folder, which no one intends."""
    if not value.strip():
        raise argparse.ArgumentTypeError("路径不能为空")
    return value


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with Chinese headings, help option, usage line and error messages. Its
    subcommand parsers are of the same class (argparse makes them with the parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_help(self) -> str:
        # argparse ends each section heading with an ASCII colon; a Chinese heading takes the full-width one
        return re.sub(r"^(\S+):$", r"\1：", super().format_help(), flags=re.M)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
