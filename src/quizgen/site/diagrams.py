"""一图看懂 on a phone: each Graphviz diagram drawn twice at build time, as written (for wide screens) and as one
column (phone_diagram.py) that a phone's column holds with its text at 12 px or more; site.css shows one of the two
by the screen's width, and the phone loads only the one it shows. 查看大图 opens the diagram at its own size on a
page of its own (diagram_viewer.py), zoomable, dark when the site is.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.ext.graphviz import GraphvizError, graphviz, html_visit_graphviz, render_dot, render_dot_html
from sphinx.util import logging

from .diagram_viewer import natural_width, write_viewer
from .phone_diagram import NotForPhone, graph_of, phone_code

logger = logging.getLogger(__name__)
_DATA = re.compile(r'<object data="([^"]+)"')
# A phone's column is 342 px (390 less the page's margins): a diagram up to this many points wide keeps Graphviz's
# 14 pt text at 12 px or more when the column holds it whole (14 × 342 / 399 = 12.0).
PHONE_COLUMN_PT = 399


def _rendered(translator: Any, code: str, options: dict) -> Path | None:
    try:
        _, outfn = render_dot(translator, code, options, "svg")
    except GraphvizError:
        return None
    return Path(outfn) if outfn else None


def _phone_html(translator: Any, node: graphviz) -> str:
    """The one-column drawing's HTML, or "" when the diagram fits a phone as written or cannot be redrawn."""
    config = translator.builder.config
    wide = _rendered(translator, node["code"], node["options"])
    if wide is None or natural_width(wide) * 3 / 4 <= PHONE_COLUMN_PT:
        return ""
    try:
        code = phone_code(graph_of(node["code"], config.graphviz_dot, list(config.graphviz_dot_args)))
    except (NotForPhone, OSError, subprocess.CalledProcessError, ValueError, KeyError) as exc:
        logger.info("一图看懂：%s 没有手机版（%s）", node.get("docname", ""), exc, location=node)
        return ""
    start = len(translator.body)
    try:
        render_dot_html(translator, node, code, node["options"], imgcls="graphviz-phone-drawing")
    except nodes.SkipNode:
        pass
    html = "".join(translator.body[start:])
    del translator.body[start:]
    if "<object" not in html:
        return ""
    return html.replace('<div class="graphviz">', '<div class="graphviz graphviz-phone">', 1)


def _pair(translator: Any, svg_href: str, wide: str, phone: str) -> str:
    """Both drawings in a box that site.css turns to the one column wherever the column is too narrow for the
    diagram as written to keep its text at 12 px (a phone held sideways, a tablet), not only below 768 px. The
    column it needs is rounded up to a hundred pixels, the steps site.css has rules for."""
    builder = translator.builder
    svg = Path(builder.outdir) / builder.imagedir / Path(svg_href).name
    needs = natural_width(svg) * 3 / 4 * 12 / 14  # px of column for Graphviz's 14 pt text to show at 12 px
    step = min(max(math.ceil(needs / 100) * 100, 400), 1600)
    return f'<div class="graphviz-pair" data-qz-wide="{step}">{wide}{phone}</div>'


def _viewer_href(translator: Any, node: graphviz, svg_href: str) -> str:
    """Writes the 查看大图 page beside the SVG and returns its address from this page."""
    builder = translator.builder
    svg = Path(builder.outdir) / builder.imagedir / Path(svg_href).name
    if not svg.is_file():
        return svg_href
    figure = node.parent if isinstance(node.parent, nodes.figure) else node
    anchor = f"#{figure['ids'][0]}" if figure.get("ids") else ""
    back = "../" + builder.get_target_uri(builder.current_docname) + anchor
    caption = next(iter(figure.findall(nodes.caption)), None) if figure is not node else None
    title = caption.astext() if caption is not None else "一图看懂"
    return svg_href[: -len(".svg")] + ".html" if write_viewer(svg, title, back) else svg_href


def visit_graphviz_html(translator: Any, node: graphviz) -> None:
    start = len(translator.body)
    try:
        html_visit_graphviz(translator, node)
    except nodes.SkipNode:
        pass
    if translator.builder.name == "epub":  # an SVG is no EPUB page to link to; the reader zooms the book
        raise nodes.SkipNode
    wide = "".join(translator.body[start:])
    found = _DATA.search(wide)
    if not found:
        raise nodes.SkipNode
    phone = _phone_html(translator, node)
    # As written, the diagram's box scrolls sideways where it is wider than the column: a keyboard reaches it too.
    kind = "graphviz graphviz-wide" if phone else "graphviz"
    wide = wide.replace('<div class="graphviz">', f'<div class="{kind}" tabindex="0">', 1)
    translator.body[start:] = [_pair(translator, found.group(1), wide, phone) if phone else wide]
    href = _viewer_href(translator, node, found.group(1))
    translator.body.append(f'<p class="graphviz-full"><a class="reference external" href="{href}">查看大图</a></p>\n')
    raise nodes.SkipNode
