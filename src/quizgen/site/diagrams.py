"""一图看懂 on a phone: each Graphviz diagram gets a 查看大图 link to its SVG, which the phone can zoom."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.ext.graphviz import graphviz, html_visit_graphviz

_DATA = re.compile(r'<object data="([^"]+)"')


def visit_graphviz_html(translator: Any, node: graphviz) -> None:
    start = len(translator.body)
    try:
        html_visit_graphviz(translator, node)
    except nodes.SkipNode:
        pass
    if translator.builder.name == "epub":  # an SVG is no EPUB page to link to; the reader zooms the book
        raise nodes.SkipNode
    # The diagram's box scrolls sideways on a phone: a keyboard can reach and scroll it too.
    translator.body[start:] = [
        chunk.replace('<div class="graphviz">', '<div class="graphviz" tabindex="0">', 1)
        for chunk in translator.body[start:]
    ]
    found = _DATA.search("".join(translator.body[start:]))
    if found:
        translator.body.append(
            f'<p class="graphviz-full"><a class="reference external" href="{found.group(1)}">查看大图</a></p>\n'
        )
    raise nodes.SkipNode
