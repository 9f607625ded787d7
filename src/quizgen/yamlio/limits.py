"""What any input may hold: its size, its nesting, its numbers and its characters."""

from __future__ import annotations

import re

MAX_BYTES = 20 * 1024 * 1024
MAX_CHECKED_CHARS = 500_000  # larger files must keep to the plain subset that libyaml reads fast
MAX_DEPTH = 64  # nesting of lists and mappings; banks need five
MAX_ALIAS_NODES = 100_000  # nodes that aliases (*name) may add when expanded: stops "billion laughs"
MAX_NUMBER_CHARS = 64  # a number longer than this is a mistake (and a 4,300-digit one cannot be converted)
# Characters no input may contain: C0/C1 controls (but tab and line breaks), the Unicode line and paragraph
# separators (invisible, yet they break lines of messages and of the speech), lone surrogates (they reach a file
# only through escapes such as "\ud800", and no encoder can write them) and the two noncharacters XML forbids.
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def bad_character_message(text: str) -> str | None:
    """Why ``text`` cannot be accepted (a control character or a lone surrogate), or None."""
    match = BAD_CHARACTERS.search(text)
    if match is None:
        return None
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"含有无效的 Unicode 代理字符 U+{code:04X}（多由 \\u{code:04x} 这样的转义写出），请删除"
    if code in (0x2028, 0x2029):
        return f"含有不可见的分行符 U+{code:04X}，请删除或换成普通的换行"
    return f"含有不可见的控制字符 U+{code:04X}，请删除"
