"""Line breaks inside Chinese paragraphs must not become spaces, as they would in HTML and in print."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026"
_INSIDE = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")
_IS_CJK = re.compile(rf"[{CJK}]")
_SKIP = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.doctest_block, nodes.math_block)


def _neighbour_char(node: nodes.Node, before: bool) -> str:
    parent = node.parent
    index = parent.index(node) + (-1 if before else 1)
    if not 0 <= index < len(parent.children):
        return ""
    text = parent.children[index].astext()
    return (text[-1:] if before else text[:1]) if text else ""


class JoinChineseLines(SphinxTransform):
    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, _SKIP) or any(isinstance(a, _SKIP) for a in _ancestors(parent)):
                continue
            value = str(text)
            new = _INSIDE.sub("", value)
            if not new.strip() and "\n" in new:  # MyST gives each soft line break its own Text node
                if _cjk(_neighbour_char(text, True)) and _cjk(_neighbour_char(text, False)):
                    parent.remove(text)
                continue
            if new.startswith("\n") and _cjk(new[1:2]) and _cjk(_neighbour_char(text, True)):
                new = new[1:]
            if new.endswith("\n") and _cjk(new[-2:-1]) and _cjk(_neighbour_char(text, False)):
                new = new[:-1]
            if new != value:
                parent.replace(text, nodes.Text(new))


def _cjk(char: str) -> bool:
    return bool(char) and bool(_IS_CJK.match(char))


def _ancestors(node: nodes.Node):
    while node is not None:
        yield node
        node = node.parent
