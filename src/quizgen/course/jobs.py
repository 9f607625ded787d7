"""The job file of one Sphinx build of a course (``python -m quizgen.course.sphinx_run JOB.json`` reads it):
the builder, folders and overrides, which lessons each module page shows with its note, and the titles of the
main site's pages and labels the course leaves out (shown as text, not as broken links)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..layout import QUIZZES
from .catalog import Catalog, format_minutes
from .lesson_list import CourseLesson
from .manifest import Manifest
from .paper_pdf import tex
from .tree import markdown_text
from .wording import course_wording


def _names(lessons: list[CourseLesson]) -> str:
    return "、".join(cl.lesson.title.split("　")[0] for cl in lessons)


def module_note(title: str, lessons: list[CourseLesson], homework: list[CourseLesson], size: int) -> str:
    """What a module page says of the course: which of its lessons are taught and which are 课后自学 (homework).
    Empty when the course teaches the whole module."""
    taught = [cl for cl in lessons if cl not in homework]
    whole = len(lessons) == size
    if not homework:
        return "" if whole else f"“{title}”选学本模块的{_names(taught)}，约{format_minutes(_minutes(taught))}。"
    later = f"约{format_minutes(_minutes(homework))}"
    if not taught:
        which = "" if whole else f"{_names(homework)}"
        return f"本模块{which}是“{title}”的课后自学内容，{later}，请在培训结束后自学。"
    return (
        f"“{title}”讲授本模块的{_names(taught)}，约{format_minutes(_minutes(taught))}；"
        f"{_names(homework)}是课后自学内容，{later}，请在培训结束后自学。"
    )


def _minutes(lessons: list[CourseLesson]) -> int:
    return sum(cl.minutes for cl in lessons)


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
    chosen = {cl.lesson.id for cl in m.site_lessons}
    built = {*m.docnames(), "index"}
    title = markdown_text(m.title)
    modules = {}
    for module_id in m.modules:
        module = catalog.modules[module_id]
        lessons = m.module_lessons(module_id)
        homework = [cl for cl in lessons if cl.lesson.id in m.homework_ids]
        modules[module.docname] = {
            "lessons": [cl.lesson.docname.rsplit("/", 1)[1] for cl in lessons],
            "homework": {cl.lesson.docname.rsplit("/", 1)[1]: cl.lesson.title for cl in homework},
            "note": module_note(title, lessons, homework, len(module.lessons)),
        }
    homework_pages = {
        cl.lesson.docname: f"本课是“{title}”的课后自学内容：培训中不讲授，请在培训结束后自学，并完成本课的自测。"
        for cl in m.homework.lessons
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
        "homework_pages": homework_pages,
        "replacements": course_wording(m, catalog),
    }


def handout_job(m: Manifest, keep: list[str]) -> dict[str, Any]:
    """The 讲义's part of its job: its lessons, the sections each keeps, and each lesson's title with its module
    (模块一 and 模块三 both have a 第三课, and the contents list shows them side by side)."""
    lessons = m.printed_lessons
    return {
        "lessons": [cl.lesson.docname for cl in lessons],
        "keep": keep,
        "titles": {cl.lesson.docname: cl.lesson.label for cl in lessons},
    }


def cover(maketitle: str, conf: dict[str, Any], m: Manifest, edition: str) -> str:
    """A printed edition's title page: the course's title and the edition's name (学员手册, 讲义…), and the
    training's date and place where the main book's cover has its year (which would only be the build's)."""
    year = str(conf.get("copyright", "")).split("，")[0]
    when = "　".join(x for x in (m.date, m.place) if x)
    page = maketitle.replace(tex(conf["project"]), tex(m.title)).replace(tex("学员手册"), tex(edition))
    return page.replace(tex(f"第 {conf.get('version', '')} 版　{year} 年"), tex(when))
