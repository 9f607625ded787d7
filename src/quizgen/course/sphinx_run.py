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

from markupsafe import Markup
from sphinx.util import logging

from ..site.left_out import as_text, link_target

logger = logging.getLogger(__name__)

# Plain-text titles in the template context: html_title and html_short_title, and the book theme's titles.
TEXT_CONTEXT = ("docstitle", "shorttitle", "root_title", "pagetitle")


# A module page's sentences about the whole module, left out where the course takes part of it (its note says what).
_WHOLE_MODULE = re.compile(r"^全模块建议用时.*$")
_LESSON_COUNT = re.compile(r"分.{1,3}课学习：$")


def filter_module_page(text: str, chosen: list[str], note: str, homework: dict[str, str] | None = None) -> str:
    """A module page's toctree and table of lessons cut down to ``chosen`` (``["l2", "l3"]``), in that order; the
    lessons in ``homework`` (stem → title) are marked 课后自学 in the toctree; a ``note`` heads the page. Where the
    course takes part of the module, the page's sentences on the whole module (its lessons and time) go."""
    homework = homework or {}
    module_lessons = set(re.findall(r"<(m\d+-l\d+)>", text))
    prefix = next(iter(module_lessons), "m0-l0").split("-")[0]
    keep = {f"{prefix}-{c}" for c in chosen}
    partial = bool(module_lessons - keep)
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
                out += [f"{homework[c]}（课后自学） <{c}>" if c in homework else c for c in chosen]
                out.append(line)
            elif line.startswith(":") or not line.strip():
                out.append(line)
            continue
        label = re.search(r"<(m\d+-l\d+)>", line) if line.startswith("|") else None
        if label and label.group(1) not in keep:
            continue
        if partial and _WHOLE_MODULE.match(line):
            continue
        if partial and _LESSON_COUNT.search(line):
            line = "本次培训学习本模块的以下几课："
        out.append(line)
        if note and not done_note and line.startswith("# "):
            out += ["", ":::{admonition} 本次培训", ":class: note", "", note, ":::"]
            done_note = True
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def homework_page(text: str, note: str) -> str:
    """A lesson page with the 课后自学 note under its title."""
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if at is None:
        return text
    lines[at + 1 : at + 1] = ["", ":::{admonition} 课后自学", ":class: note", "", note, ":::"]
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def replace_wording(text: str, old: str, new: str) -> tuple[str, bool]:
    """``text`` with ``old`` replaced by ``new``, or, when ``old`` is a ``## `` heading, its whole section; and
    whether ``old`` was there."""
    if old.startswith("## "):
        match = re.search(rf"^{re.escape(old)}\n(?:(?!## ).*\n|\n)*", text, re.M)
        if match is None:
            return text, False
        return text[: match.start()] + new.rstrip("\n") + "\n\n" + text[match.end() :], True
    return text.replace(old, new), old in text


def handout_page(text: str, keep: list[str], title: str = "") -> str:
    """A lesson page cut down to its title and the ``## `` sections named in ``keep`` (学习目标, 原文摘录…); a
    ``title`` replaces the page's own (the 讲义 names each lesson with its module: two modules have a 第三课)."""
    out: list[str] = []
    keeping = True
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if not fence and title and line.startswith("# "):
            line = f"# {title}"
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
    homework_pages: dict[str, str] = job.get("homework_pages") or {}  # docname → the 课后自学 note

    def on_source_read(app: Any, docname: str, source: list[str]) -> None:
        for old, new in replacements.get(docname, ()):
            source[0], found = replace_wording(source[0], old, new)
            if not found:
                logger.warning(
                    "课程构建要替换的文字不在页面 %s 中（页面改过了？请同步修改 quizgen/course/wording.py）：%s",
                    docname, old.splitlines()[0], type="quizgen", subtype="course-wording",
                )  # fmt: skip
        if docname in homework_pages:
            source[0] = homework_page(source[0], homework_pages[docname])
        if docname in handout.get("lessons", ()):
            source[0] = handout_page(source[0], handout["keep"], handout.get("titles", {}).get(docname, ""))
        if docname in modules:
            module = modules[docname]
            source[0] = filter_module_page(source[0], module["lessons"], module["note"], module.get("homework"))

    def on_missing_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
        reftype, target = node.get("reftype"), node.get("reftarget", "")
        title = None
        if reftype == "ref" and target.lower() in omitted_labels:
            title = omitted_labels[target.lower()]
        elif reftype == "doc":
            title = omitted_docs.get(link_target(node))
        if title is None:
            return None
        return as_text(node, contnode, title, "course-omitted")

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
