"""The SCORM package's learner edition: ``quizgen_scorm = True`` (``sphinx-build -D quizgen_scorm=1``, what
``make scorm`` and ``quizgen course build --scorm`` do) builds a site for learners alone, as an LMS shows it to them.

- Only learner pages (``quizgen_learner_pages``, learner_nav.py) are built: every other source page (the trainers'
  and maintainers' pages, the printed book's outline) is excluded, so no file, navigation entry, search result or
  toctree of the package names one. A link from a learner page to a page left out shows the page's title as plain
  text, as a course build does for the pages a course leaves out.
- Every page loads the SCORM adapter (``quizgen-scorm.js``, minified from ``quizgen/scorm/adapter.js`` by
  quizgen.sphinx's runtime.py, which adds it) before the deferred quiz runtime.

quizgen.scorm packs such a site and refuses any other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from .learner_nav import is_learner_page
from .left_out import as_text, link_target

SOURCES = (".md", ".rst")
_LEFT_OUT = "_quizgen_left_out"  # the app's attribute: docname → title of every page left out


def page_title(path: Path, docname: str) -> str:
    """A Markdown page's first ``# `` heading (after its front matter), else its docname."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return docname


def left_out_pages(srcdir: Path, patterns: list[str]) -> dict[str, str]:
    """Every source page that is not a learner page (docname → title); none when no pattern names learner pages."""
    if not patterns:
        return {}
    found: dict[str, str] = {}
    for path in sorted(srcdir.rglob("*")):
        rel = path.relative_to(srcdir)
        if path.suffix not in SOURCES or any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        docname = rel.with_suffix("").as_posix()
        if not is_learner_page(docname, patterns):
            found[docname] = page_title(path, docname)
    return found


def learner_edition(app: Sphinx, config: Config) -> None:
    """Leave out every page that is not a learner page (config-inited, before Sphinx looks for the sources)."""
    left_out = (
        left_out_pages(Path(app.srcdir), config.quizgen_learner_pages)
        if getattr(config, "quizgen_scorm", False)
        else {}
    )
    setattr(app, _LEFT_OUT, left_out)
    if not left_out:
        return
    config.exclude_patterns = [*config.exclude_patterns, *(f"{d}{s}" for d in left_out for s in SOURCES)]
    # The home page's toctrees still name them; that is what leaving them out means, not a mistake.
    config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]


def link_as_text(app: Sphinx, env: Any, node: Any, contnode: nodes.Element) -> nodes.Node | None:
    """A ``{doc}`` link to a page left out: its title (or the link's own text) as plain text."""
    left_out: dict[str, str] = getattr(app, _LEFT_OUT, {})
    if not left_out or node.get("reftype") != "doc":
        return None
    docname = link_target(node)
    if docname not in left_out:
        return None
    return as_text(node, contnode, left_out[docname], "qz-left-out")


def setup_scorm_edition(app: Sphinx) -> None:
    app.connect("config-inited", learner_edition, priority=600)  # after the values are checked (config.py)
    app.connect("missing-reference", link_as_text)
