"""What a page of the site loads: only what it uses (README, Performance).

- the search scripts and the search index only on search.html (the theme loads them on every page for a
  search-as-you-type box the site does not use; the search field still sends the learner to search.html);
- the code-highlighting stylesheet only on pages with highlighted code, sphinx-design's tab script only on
  pages with tabs, graphviz.css never (docs/_static/site.css styles the diagrams);
- the theme's and sphinx-design's stylesheets (copied into the output) without the rules for classes that
  no page names and no script adds (Bootstrap components the site does not use, Font Awesome's 2,000-icon
  glyph map and web fonts): the icons the site shows are SVG masks in site.css, and fontawesome.js is not
  loaded (docs/_templates/layout.html), nor copied, with its web fonts, into the site (1.7 MB less to carry offline).
"""

from __future__ import annotations

import itertools
import re
import shutil
from functools import partial
from pathlib import Path
from typing import Any

import tinycss2
from sphinx.application import Sphinx

from ..sphinx.build_cache import cached

SEARCH_ONLY = {"_static/searchtools.js", "_static/language_data.js", "searchindex.js"}
# The big stylesheets a page loads, copied from the theme and sphinx-design; trimmed in the output only.
TRIMMED_CSS = ("_static/styles/pydata-sphinx-theme.css", "_static/sphinx-design.min.css")
# Font Awesome's script and web fonts, which no page loads any more: left out of the site (and the offline zip).
FONT_AWESOME = ("_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.map",
                "_static/scripts/fontawesome.js.LICENSE.txt", "_static/vendor/fontawesome")  # fmt: skip
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_WORD = re.compile(r"[A-Za-z_][\w-]*")


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _needed(name: str, pagename: str, body: str) -> bool:
    if name in SEARCH_ONLY:
        return pagename == "search"
    if name.endswith("pygments.css"):
        return 'class="highlight' in body
    if name.endswith("design-tabs.js"):
        return "sd-tab-set" in body
    return not name.endswith("graphviz.css")


def _light(app: Sphinx) -> bool:
    """``quizgen_light_pages = False`` gives the pages as the theme ships them (the benchmark's baseline)."""
    return app.builder.name == "html" and bool(app.config.quizgen_light_pages)


def drop_unused_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if not _light(app):
        return
    body = context.get("body", "")
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if _needed(_name(a), pagename, body)]


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _classes(selector: list) -> set[str]:
    """The classes a selector requires: those outside any function (:not(.x) requires no .x)."""
    found = set()
    for before, token in itertools.pairwise(selector):
        if before.type == "literal" and before.value == "." and token.type == "ident":
            found.add(token.value)
    return found


def without_unused_rules(css: str, used: set[str]) -> str:
    """``css`` less the rules whose every selector names a class that no page and no script uses, and less
    Font Awesome's @font-face rules (the site draws its icons itself)."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            if any(_classes(s) <= used for s in _selectors(rule.prelude)):
                out.append(rule.serialize())
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in _GROUPING:
            inner = without_unused_rules(tinycss2.serialize(rule.content), used)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif not (
            rule.type == "at-rule" and rule.lower_at_keyword == "font-face" and "Font Awesome" in rule.serialize()
        ):
            out.append(rule.serialize())
    return "".join(out)


_GROUPING = {"media", "supports", "layer", "container"}


def _drop_font_awesome(outdir: Path) -> None:
    pages = (
        p.read_text(encoding="utf-8") for p in outdir.rglob("*.html") if p.relative_to(outdir).parts[0] != "_static"
    )
    if any("scripts/fontawesome.js" in html or "vendor/fontawesome" in html for html in pages):
        return  # a page still loads it (a template of the theme's own, say): keep it
    for name in FONT_AWESOME:
        path = outdir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    vendor = outdir / "_static" / "vendor"
    if vendor.is_dir() and not any(vendor.iterdir()):
        vendor.rmdir()


# Templates the themes keep in their static folders, copied into _static with their {{ pathto(…) }} unfilled: no
# page loads them, and no output (site, bundle, SCORM package) should carry them.
THEME_TEMPLATES = ("_static/webpack-macros.html", "_static/sbt-webpack-macros.html")


def drop_theme_templates(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        for name in THEME_TEMPLATES:
            (Path(app.outdir) / name).unlink(missing_ok=True)


def used_classes(outdir: Path) -> set[str]:
    """Every class a page names, and every word of every script (scripts add classes as they run)."""
    used: set[str] = set()
    for page in outdir.rglob("*.html"):
        for attr in _CLASS_ATTR.findall(page.read_text(encoding="utf-8")):
            used.update(attr.split())
    for script in (outdir / "_static").rglob("*.js"):
        used.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


def trim_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    """The copied theme and sphinx-design stylesheets without rules for classes the site never uses."""
    if exception is not None or not _light(app):
        return
    outdir = Path(app.outdir)
    used = used_classes(outdir)
    for name in TRIMMED_CSS:
        path = outdir / name
        if path.is_file():
            css = path.read_text(encoding="utf-8")
            key = (tinycss2.__version__, css, *sorted(used))
            trimmed = cached(Path(app.doctreedir), f"css-{path.stem}", key, partial(without_unused_rules, css, used))
            if trimmed != css:
                path.write_text(trimmed, encoding="utf-8")
    _drop_font_awesome(outdir)
