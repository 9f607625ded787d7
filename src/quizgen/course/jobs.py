"""The job file of one Sphinx build of a course (``python -m quizgen.course.sphinx_run JOB.json`` reads it):
the builder, folders and overrides, which lessons each module page shows with its note, and the titles of the
main site's pages and labels the course leaves out (shown as text, not as broken links)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..layout import QUIZZES
from .catalog import Catalog, format_minutes
from .manifest import Manifest
from .paper_pdf import tex
from .tree import markdown_text

# Pages of the main site that speak of the whole course, said of the course as built (docname → [old, new]).
COURSE_WORDING = {
    "practice/final-test": [
        ["从全部模块的题库中", "从本次培训各课的题库中"],
        ["用来检验你对整篇讲话的掌握程度", "用来检验你对本次培训所学内容的掌握程度"],
    ],
}


def sphinx_job(
    m: Manifest,
    catalog: Catalog,
    root: Path,
    work: Path,
    name: str,
    builder: str,
    outdir: Path,
    tags: list[str],
    overrides: dict[str, Any],
    handout: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The job of one Sphinx build of the course tree in ``work/docs`` (sphinx_run.py reads it)."""
    chosen = set(m.lesson_ids)
    built = {*m.docnames(), "index"}
    modules = {}
    for module_id in m.modules:
        module = catalog.modules[module_id]
        lessons = [cl.lesson for cl in m.lessons if cl.lesson.module == module_id]
        partial = len(lessons) < len(module.lessons)
        minutes = sum(cl.minutes for cl in m.lessons if cl.lesson.module == module_id)
        names = "、".join(lesson.title.split("　")[0] for lesson in lessons)
        title = markdown_text(m.title)
        note = f"“{title}”选学本模块的{names}，约{format_minutes(minutes)}。" if partial else ""
        modules[module.docname] = {
            "lessons": [lesson.docname.rsplit("/", 1)[1] for lesson in lessons],
            "note": note,
        }
    return {
        "name": name,
        "builder": builder,
        "srcdir": str(work / "docs"),
        "confdir": str(root),
        "outdir": str(outdir),
        "doctreedir": str(work / "doctrees" / name),
        "tags": tags,
        "overrides": {"quizgen_course": m.id, "quizgen_banks": str(work / QUIZZES), **overrides},
        "modules": modules,
        "omitted_labels": {
            label: title for label, (doc, title) in catalog.labels.items() if doc not in built and label not in chosen
        },
        "omitted_docs": {doc: title for doc, title in catalog.pages.items() if doc not in built},
        "handout": handout or {},
        "replacements": COURSE_WORDING,
    }


def cover(maketitle: str, conf: dict[str, Any], m: Manifest, edition: str) -> str:
    """A printed edition's title page: the course's title and the edition's name (学员手册, 讲义…), and the
    training's date and place where the main book's cover has its year (which would only be the build's)."""
    year = str(conf.get("copyright", "")).split("，")[0]
    when = "　".join(x for x in (m.date, m.place) if x)
    page = maketitle.replace(tex(conf["project"]), tex(m.title)).replace(tex("学员手册"), tex(edition))
    return page.replace(tex(f"第 {conf.get('version', '')} 版　{year} 年"), tex(when))
