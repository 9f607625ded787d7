"""The search page (search.html) ranks learner pages first and shows a snippet under every result, from file:// too.

Sphinx cuts its snippets from each result page, fetched one by one: Chromium refuses that ``fetch()`` from file://,
where learners open the site. So the build writes the pages' texts into ``_static/quizgen-search-texts.js`` (a
script, which file:// allows), and ``quizgen-search.js`` marks the words in a snippet from it and ranks the results:
learner pages (``quizgen_learner_pages``) first, then the pages that use the words most. Both load on search.html
only (page_weight.py keeps them off every other page). The texts leave out what a learner sees only after
answering (hints, feedback, explanations), so a snippet never gives an answer away.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .learner_nav import is_learner_page

STATIC = Path(__file__).parent / "static"
SCRIPT = "quizgen-search.js"
TEXTS = "quizgen-search-texts.js"
SEARCH_PAGE_FILES = {f"_static/{SCRIPT}", f"_static/{TEXTS}"}
# Parts of a page left out of the texts: answers and what follows answering, ¶ links, the quiz's controls.
HIDDEN = {"qz-hint", "qz-fb", "qz-expl", "qz-after", "qz-answer", "headerlink", "qz-actions", "qz-result"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPACE = re.compile(r"\s+")


class ArticleText(HTMLParser):
    """The text a reader sees in a page's article (``<article class="bd-article">``), less HIDDEN parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # elements open inside the article; 0 = outside it
        self.hidden_at = 0  # depth at which a hidden element opened; 0 = none
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.depth == 0:
            if tag == "article" and "bd-article" in classes:
                self.depth = 1
            return
        self.depth += 1
        if not self.hidden_at and (tag in ("script", "style", "template") or classes & HIDDEN):
            self.hidden_at = self.depth

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in VOID:
            return
        if self.hidden_at == self.depth:
            self.hidden_at = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden_at:
            self.parts.append(data)

    def text(self) -> str:
        return _SPACE.sub(" ", " ".join(self.parts)).strip()


def article_text(html: str) -> str:
    parser = ArticleText()
    parser.feed(html)
    parser.close()
    return parser.text()


def indexed_docnames(outdir: Path) -> list[str]:
    """The pages whose words the search index holds (a ``nosearch`` page is listed with its title alone)."""
    index = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    found: set[int] = set()
    for files in data["terms"].values():
        found.update(files if isinstance(files, list) else [files])
    return [name for number, name in enumerate(data["docnames"]) if number in found]


def texts_script(outdir: Path, suffix: str, learner_patterns: list[str]) -> str:
    texts = {}
    for docname in indexed_docnames(outdir):
        page = outdir / f"{docname}{suffix}"
        if page.is_file():
            texts[docname] = article_text(page.read_text(encoding="utf-8"))
    learner = [d for d in texts if is_learner_page(d, learner_patterns)] if learner_patterns else list(texts)
    data = json.dumps({"learner": learner, "texts": texts}, ensure_ascii=False, separators=(",", ":"))
    return f"window.QZ_SEARCH={data};\n"


def _searching(app: Sphinx) -> bool:
    return app.builder.name == "html" and bool(getattr(app.builder, "search", False))


def _add_static(app: Sphinx) -> None:
    if _searching(app):
        app.config.html_static_path.append(str(STATIC))


def _add_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == "search" and _searching(app):
        app.add_js_file(TEXTS, priority=520, loading_method="defer")  # on this page only
        app.add_js_file(SCRIPT, priority=521, loading_method="defer")


def write_texts(app: Sphinx, exception: Exception | None) -> None:
    outdir = Path(app.outdir)
    if exception is not None or not _searching(app) or not (outdir / "searchindex.js").is_file():
        return
    target = outdir / "_static" / TEXTS
    target.write_text(texts_script(outdir, app.builder.out_suffix, app.config.quizgen_learner_pages), encoding="utf-8")


def register(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _add_scripts, priority=400)  # before page_weight.py copies the page's scripts
    app.connect("build-finished", write_texts)
