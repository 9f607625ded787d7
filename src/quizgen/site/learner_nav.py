"""The learner's ☰ navigation holds learner pages only: on a learner page (``quizgen_learner_pages``, glob
patterns of docnames) the theme's sidebar leaves out every other page (the trainers' and maintainers') and ends
with one clearly marked 培训师 entry (``quizgen_trainer_entry``). Trainer pages keep the whole navigation."""

from __future__ import annotations

import re
from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import Any

from sphinx.application import Sphinx

TRAINER_LINK = "培训师与维护者资料（非学员内容）"
_PIECES = re.compile(r'(?=<li class="toctree-l1)|(?=<p aria-level="2" class="caption")')
_LI_THEN_END = re.compile(r"(.*</li>\s*)(</ul>\s*)?$", re.S)
_HREF = re.compile(r'href="([^"#]*)')
_EMPTY_SECTION = re.compile(
    r'<p aria-level="2" class="caption" role="heading"><span class="caption-text">[^<]*</span></p>\s*'
    r'<ul class="nav bd-sidenav">\s*</ul>\s*'
)


def is_learner_page(docname: str, patterns: list[str]) -> bool:
    return any(fnmatchcase(docname, p) for p in patterns)


def learner_sidebar(html: str, trainer_hrefs: set[str], entry_href: str | None) -> str:
    """``html`` (the theme's sidebar toctree) without the items linking to ``trainer_hrefs``, sections left empty
    removed, and one 培训师 section linking to ``entry_href`` at the end (none when the site has no such page)."""
    kept = []
    for piece in _PIECES.split(html):
        href = _HREF.search(piece)
        if piece.startswith('<li class="toctree-l1') and href and href.group(1) in trainer_hrefs:
            end = _LI_THEN_END.match(piece)
            kept.append((end.group(2) or "") if end else "")
        else:
            kept.append(piece)
    out = _EMPTY_SECTION.sub("", "".join(kept))
    if entry_href is None:
        return out
    return (
        f'{out}<p aria-level="2" class="caption" role="heading"><span class="caption-text">培训师</span></p>'
        f'<ul class="nav bd-sidenav"><li class="toctree-l1 qz-trainer-entry"><a class="reference internal" '
        f'href="{entry_href}">{TRAINER_LINK}</a></li></ul>'
    )


def _filter_nav(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    patterns = app.config.quizgen_learner_pages
    generate: Callable[..., str] | None = context.get("generate_toctree_html")
    if not patterns or generate is None or not is_learner_page(pagename, patterns):
        return
    builder = app.builder
    trainer = {builder.get_relative_uri(pagename, d) for d in app.env.found_docs if not is_learner_page(d, patterns)}
    target = app.config.quizgen_trainer_entry
    entry = builder.get_relative_uri(pagename, target) if target in app.env.found_docs else None  # a course may lack it

    def generate_learner_toctree_html(*args: Any, **kwargs: Any) -> Any:
        html = generate(*args, **kwargs)
        if kwargs.get("kind") != "sidebar":
            return html
        return learner_sidebar(str(html), trainer, entry)  # the theme gives a BeautifulSoup tree

    context["generate_toctree_html"] = generate_learner_toctree_html


def register(app: Sphinx) -> None:
    app.connect("html-page-context", _filter_nav, priority=900)  # after the theme adds its toctree functions
