"""查看大图: a page of its own for one diagram, beside its SVG in ``_images``: the diagram at its own size (Graphviz's
14 pt text, about 19 px: never smaller than in the lesson), pinch-zoom left on, 放大/缩小 buttons, dark when the
site is (the learner's choice in the theme, else the phone's setting), and a way back to the lesson.

Opened alone, the SVG showed a phone a page 980 px wide shrunk to the screen (text about 9 px), white in dark mode.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"')

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}（查看大图）</title>
<script>
(function () {{
  var mode = localStorage.getItem("mode") || "auto";
  var dark = mode === "dark" || (mode !== "light" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}})();
</script>
<style>
html {{ color-scheme: light; }}
html[data-theme="dark"] {{ color-scheme: dark; }}
body {{ margin: 0; font: 16px/1.5 "Noto Sans CJK SC", sans-serif; background: #fff; color: #222; }}
html[data-theme="dark"] body {{ background: #14181e; color: #ced6dd; }}
nav {{ position: sticky; top: 0; left: 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  padding: 8px 12px; background: inherit; border-bottom: 1px solid #8888; }}
nav a, nav button {{ min-height: 44px; min-width: 44px; padding: 0 12px; font: inherit; color: inherit;
  border: 1px solid #8888; border-radius: 6px; background: transparent; display: inline-flex; align-items: center; }}
nav a {{ text-decoration: none; }}
nav span {{ flex: 1 1 100%; order: -1; font-weight: bold; }}
object {{ display: block; margin: 12px; width: {width}px; max-width: none; height: auto; }}
html[data-theme="dark"] object {{ filter: invert(.88); }}
</style>
</head>
<body>
<nav aria-label="图示">
<span>{title}</span>
<a href="{back}">返回课文</a>
<button type="button" data-zoom="0.8" aria-label="缩小">缩小</button>
<button type="button" data-zoom="1.25" aria-label="放大">放大</button>
</nav>
<main>
<object data="{svg}" type="image/svg+xml" aria-label="{title}"></object>
</main>
<script>
(function () {{
  var drawing = document.querySelector("object"), natural = {width}, scale = 1;
  document.querySelectorAll("[data-zoom]").forEach(function (button) {{
    button.addEventListener("click", function () {{
      scale = Math.min(4, Math.max(0.5, scale * parseFloat(button.dataset.zoom)));
      drawing.style.width = Math.round(natural * scale) + "px";
    }});
  }});
}})();
</script>
</body>
</html>
"""


def natural_width(svg: Path) -> float:
    """The SVG's own width in CSS pixels (Graphviz writes points)."""
    found = _SIZE.search(svg.read_text(encoding="utf-8")[:2000])
    if not found:
        return 800.0
    value = float(found.group(1))
    return value * 4 / 3 if found.group(2) == "pt" else value


def write_viewer(svg: Path, title: str, back: str) -> Path:
    """The viewer page for ``svg``, written beside it (the same name, .html); ``back`` is the lesson's address
    from there."""
    page = svg.with_suffix(".html")
    html = PAGE.format(title=escape(title), back=escape(back), svg=escape(svg.name), width=round(natural_width(svg)))
    if not page.is_file() or page.read_text(encoding="utf-8") != html:
        page.write_text(html, encoding="utf-8")
    return page
