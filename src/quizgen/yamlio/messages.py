"""The parsers' English syntax errors, and what they do not report clearly, said in Chinese with the line."""

from __future__ import annotations

import re

from ..problems import Problem
from .limits import bad_character_message

# What the parsers' English sentences mean to someone editing a bank in a text editor: the Chinese explanation first,
# the parser's own words after it in brackets (a maintainer searching for them still finds them).
_SYNTAX_HINTS = [
    ("duplicate key", "重复的键：同一层里不能有两个同名的键"),
    ("tab character", "有 Tab 字符：YAML 只能用空格缩进"),
    ("'\\t' that cannot start any token", "有 Tab 字符：YAML 只能用空格缩进"),
    (
        "mapping values are not allowed here",
        "这里不能出现“冒号加空格”：或是这一行缩进不对，或是值里含有“: ”（请给整个值加引号）",
    ),
    ("found unexpected end of stream", "文件意外结束：可能有引号没有闭合"),
    ("could not find expected ':'", "缺少冒号，或上一行的引号没有闭合"),
    ("did not find expected key", "缩进不一致：这一行应与同层的键对齐"),
    ("did not find expected '-' indicator", "缩进不一致：这一行应是以“- ”开头的列表项"),
    ("expected <block end>, but found '<scalar>'", "多出了内容：或是引号闭合之后还有文字，或是缩进与上下文对不齐"),
    ("expected <block end>", "缩进不一致：这一行与上下文对不齐"),
    ("found undefined alias", "引用了没有定义的锚点（*名字）"),
    ("unknown escape character", "双引号里有无效的转义（反斜杠后的字符）：可改用单引号"),
    ("expected a comment or a line break", "这一行末尾有多余的内容"),
    ("expected chomping or indentation indicators", "“|”或“>”之后应当换行，文字从下一行写起"),
    ("that cannot start any token", "值不能以这个字符开头（如 @、`、%）：请给整个值加引号"),
    ("expected ',' or ']'", "方括号列表没有正确闭合"),
    ("expected ',' or '}'", "花括号映射没有正确闭合"),
]


def syntax_message(what: str) -> str:
    """``YAML 无法解析：<中文说明>（<the parser's words>）`` for a syntax error the table knows; its words alone
    otherwise."""
    for marker, hint in _SYNTAX_HINTS:
        if marker in what:
            return f"YAML 无法解析：{hint}（{what}）"
    return f"YAML 无法解析：{what}"


def line_at(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S*)", re.M)
NEL = "\x85"  # YAML 1.1 reads it as a line break, so it never reaches the control-character check


def text_problems(text: str, display: str) -> list[Problem]:
    """What the parsers would not report clearly: a YAML version ruamel.yaml cannot read (it fails an assertion),
    and U+0085, which both parsers take for a line break."""
    problems = []
    for match in _DIRECTIVE.finditer(text):
        if match.group(1) not in ("1.1", "1.2"):
            shown = match.group(1)[:20] or "（空）"
            problems.append(
                Problem(
                    display, line_at(text, match.start()), "", f"不支持的 YAML 版本声明 %YAML {shown}：请删除这一行"
                )
            )
    if NEL in text:
        problems.append(Problem(display, line_at(text, text.index(NEL)), "", bad_character_message(NEL) or ""))
    return problems
