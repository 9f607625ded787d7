"""A link to a page a build leaves out, shown as that page's title in plain text.

Both selections of the site use it: a trainer's course (quizgen.course.sphinx_run) and the SCORM learner edition
(scorm_edition.py). A selection is expected to leave pages out, so such links are not errors; every other broken
link still is.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes


def link_target(node: Any) -> str:
    """The docname a ``{doc}`` link points at, relative targets resolved against the page it is on."""
    target = node.get("reftarget", "")
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(node.get("refdoc", "")), target))


def as_text(node: Any, contnode: nodes.Element, title: str, css_class: str) -> nodes.Node:
    """The link's own text when it has one, else the left-out page's title."""
    if node.get("refexplicit"):
        return contnode
    return nodes.inline(title, title, classes=[css_class])
