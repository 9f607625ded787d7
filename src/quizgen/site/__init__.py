"""Sphinx extension for the course site itself, beside ``quizgen.sphinx`` (the quizzes): light pages, Chinese search
and line joining, diagrams legible in the column, the theme's words in Chinese, and the learner's navigation.

Nothing here knows about questions; a project that wants only the quizzes loads ``quizgen.sphinx`` alone.
"""

from __future__ import annotations

import logging
from typing import Any

import sphinx
from sphinx.application import Sphinx
from sphinx.ext.graphviz import graphviz

from .. import __version__
from ..sphinx.config import declare
from .cjk import JoinChineseLines
from .diagrams import visit_graphviz_html
from .learner_nav import register as register_learner_nav
from .page_weight import drop_theme_templates, drop_unused_assets, trim_stylesheets
from .scorm_edition import setup_scorm_edition
from .search_index import drop_glossary_index_entries
from .translations import setup_translations

SITE_CONFIG: dict[str, tuple[Any, str]] = {
    "light_pages": (True, "html"),  # leave out what a page does not use (page_weight.py)
    "locale_dirs": ([], "env"),  # the site's .po catalogs for the theme's words (translations.py)
    "learner_pages": ([], "html"),  # glob patterns of the pages whose ☰ lists learner pages only (learner_nav.py)
    "trainer_entry": ("reference/trainer-guide", "html"),  # the one 培训师 entry those pages link to
}


def _quiet_jieba() -> None:
    """jieba announces its dictionary on stderr at every build; keep the build output to warnings."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def setup_search(app: Sphinx) -> None:
    """Chinese search: the stemmer Sphinx before 9.1.1 names but does not ship, and no glossary noise in the index."""
    app.connect("doctree-resolved", drop_glossary_index_entries)
    _quiet_jieba()
    if sphinx.version_info >= (9, 1, 1):
        return
    from sphinx.search.zh import SearchChinese

    class SearchChineseFixed(SearchChinese):
        language_name = "English"  # names the stemmer class that language_data.js really defines

    app.add_search_language(SearchChineseFixed)


def setup_page_weight(app: Sphinx) -> None:
    app.connect("html-page-context", drop_unused_assets)
    app.connect("build-finished", trim_stylesheets)
    app.connect("build-finished", drop_theme_templates)


def setup_diagrams(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(graphviz, override=True, html=(visit_graphviz_html, None))


def setup(app: Sphinx) -> dict[str, Any]:
    declare(app, SITE_CONFIG)
    setup_page_weight(app)
    setup_search(app)
    setup_translations(app)
    setup_diagrams(app)
    register_learner_nav(app)  # the learner's ☰ holds learner pages only
    setup_scorm_edition(app)  # quizgen_scorm: learner pages only (the adapter: quizgen.sphinx)
    app.add_transform(JoinChineseLines)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
