"""One Sphinx build of a course tree with the project's conf.py (``python -m quizgen.course.sphinx_run JOB.json``).

Run in its own process, as ``sphinx-build`` would be, with the project's configuration and a few overrides
(the course's title, id and banks). Two event handlers tailor the build without copying any page:

- ``source-read``: in the 讲义 (handout) build, a lesson page keeps only its title and the sections a handout
  prints (学习目标, 原文摘录, 一图看懂, 小结); a module page lists, in its toctree and its table of lessons, only the lessons the course
  teaches, in the course's order, with a note naming them;
- ``missing-reference``: a link to a page or lesson of the main site that the course leaves out is shown as
  its title in plain text (a course is a selection, so such links are expected); every other broken link
  still fails the build.

The course's title comes from its manifest, so it is text, never markup. The templates get it, and the book
theme's own plain-text titles (``root_title``, ``pagetitle``, which the themes write unescaped), HTML-escaped
as ``Markup``, so a template's own ``|e`` leaves them as they are.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup

# Plain-text titles in the template context: html_title and html_short_title, and the book theme's titles.
TEXT_CONTEXT = ("docstitle", "shorttitle", "root_title", "pagetitle")


def filter_module_page(text: str, chosen: list[str], note: str) -> str:
    """A module page's toctree and table of lessons cut down to ``chosen`` (``["l2", "l3"]``), in that order."""
    module_lessons = set(re.findall(r"<(m\d+-l\d+)>", text))
    prefix = next(iter(module_lessons), "m0-l0").split("-")[0]
    keep = {f"{prefix}-{c}" for c in chosen}
    out: list[str] = []
    in_toctree = False
    done_note = False
    for line in text.splitlines():
        if line.startswith("```{toctree}"):
            in_toctree = True
            out.append(line)
            continue
        if in_toctree:
            if line.startswith("```"):
                in_toctree = False
                out += chosen
                out.append(line)
            elif line.startswith(":") or not line.strip():
                out.append(line)
            continue
        label = re.search(r"<(m\d+-l\d+)>", line) if line.startswith("|") else None
        if label and label.group(1) not in keep:
            continue
        out.append(line)
        if note and not done_note and line.startswith("# "):
            out += ["", ":::{admonition} 本次培训", ":class: note", "", note, ":::"]
            done_note = True
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def handout_page(text: str, keep: list[str]) -> str:
    """A lesson page cut down to its title and the ``## `` sections named in ``keep`` (学习目标, 原文摘录…)."""
    out: list[str] = []
    keeping = True
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("## "):
            keeping = line[3:].strip() in keep
        if keeping:
            out.append(line)
    return "\n".join(out) + "\n"


def escape_titles(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    for key in TEXT_CONTEXT:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = Markup(html.escape(value))


def main(argv: list[str]) -> int:
    job: dict[str, Any] = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    from sphinx.errors import SphinxError

    modules: dict[str, dict[str, Any]] = job["modules"]  # docname → {"lessons": [...], "note": "..."}
    omitted_labels: dict[str, str] = job["omitted_labels"]  # label → title
    omitted_docs: dict[str, str] = job["omitted_docs"]  # docname → title

    handout: dict[str, Any] = job.get("handout") or {}  # {"lessons": [docname…], "keep": [heading…]}

    replacements: dict[str, list[list[str]]] = job.get("replacements") or {}

    def on_source_read(app: Any, docname: str, source: list[str]) -> None:
        for old, new in replacements.get(docname, ()):
            source[0] = source[0].replace(old, new)
        if docname in handout.get("lessons", ()):
            source[0] = handout_page(source[0], handout["keep"])
        if docname in modules:
            source[0] = filter_module_page(source[0], modules[docname]["lessons"], modules[docname]["note"])

    def on_missing_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
        reftype, target = node.get("reftype"), node.get("reftarget", "")
        title = None
        if reftype == "ref" and target.lower() in omitted_labels:
            title = omitted_labels[target.lower()]
        elif reftype == "doc":
            base = node.get("refdoc", "")
            docname = (
                target.lstrip("/")
                if target.startswith("/")
                else os.path.normpath(os.path.join(os.path.dirname(base), target)).replace(os.sep, "/")
            )
            title = omitted_docs.get(docname)
        if title is None:
            return None
        if node.get("refexplicit"):
            return contnode
        return nodes.inline(title, title, classes=["course-omitted"])

    parallel = job.get("parallel", os.cpu_count() or 1)
    try:
        return _build(job, parallel, on_source_read, on_missing_reference)
    except SphinxError as exc:  # configuration and extension errors: their message, not a traceback
        print(f"{exc.category}: {exc}", file=sys.stderr)
        return 1


def _build(job: dict[str, Any], parallel: int, on_source_read: Any, on_missing_reference: Any) -> int:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    with patch_docutils(job["confdir"]), docutils_namespace():
        app = Sphinx(
            job["srcdir"],
            job["confdir"],
            job["outdir"],
            job["doctreedir"],
            job["builder"],
            confoverrides=job["overrides"],
            status=None,
            warning=sys.stderr,
            freshenv=True,
            warningiserror=True,
            tags=job.get("tags", []),
            parallel=parallel if parallel > 1 else 0,
        )
        app.connect("source-read", on_source_read)
        app.connect("missing-reference", on_missing_reference)
        app.connect("html-page-context", escape_titles, priority=900)  # after the theme sets them
        app.build(force_all=True)
    return app.statuscode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
