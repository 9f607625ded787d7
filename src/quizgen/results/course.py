"""What ``quizgen results`` knows of the course the codes come from: its id and version, the pass mark, and every
quiz of its pages with its key, title and mode (read from the pages' ``{quiz}`` directives, numbered per page as
the Sphinx extension numbers them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import InputError, display_path
from ..project import Project

_FENCE = re.compile(r"^(:{3,})\{quiz\}\s*(.*)$")
_OPTION = re.compile(r"^:([a-z-]+):\s*(.*)$")
DEFAULT_MASTERY = 80


@dataclass
class CourseQuiz:
    key: str  # as in a 成绩码: <docname>#<n>
    docname: str
    title: str
    mode: str  # practice | test | exam
    final: bool = False

    @property
    def is_test(self) -> bool:
        return self.mode in ("test", "exam")


@dataclass
class CourseInfo:
    id: str
    version: str
    title: str
    mastery: int = DEFAULT_MASTERY
    hours: str = ""  # 学时, as the manifest's duration says it
    date: str = ""
    manifest: str = ""  # the manifest file as named in messages, when one was given
    quizzes: list[CourseQuiz] = field(default_factory=list)
    lessons: dict[str, str] = field(default_factory=dict)  # lesson docname → title

    def quiz(self, key: str) -> CourseQuiz | None:
        return next((q for q in self.quizzes if q.key == key), None)

    @property
    def final(self) -> CourseQuiz | None:
        return next((q for q in self.quizzes if q.final), None)


def page_quizzes(docs: Path, docname: str, page_title: str) -> list[CourseQuiz]:
    """The ``{quiz}`` directives of one page, in order."""
    path = docs / f"{docname}.md"
    if not path.is_file():
        return []
    found: list[CourseQuiz] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for at, line in enumerate(lines):
        fence = _FENCE.match(line)
        if not fence:
            continue
        options: dict[str, str] = {}
        for follow in lines[at + 1 :]:
            option = _OPTION.match(follow)
            if not option:
                break
            options[option.group(1)] = option.group(2).strip()
        number = len(found) + 1
        title = fence.group(2).strip() or (f"{page_title} 自测" if docname.startswith("modules/") else page_title)
        mode = options.get("mode", "practice")
        found.append(CourseQuiz(f"{docname}#{number}", docname, title, mode, "final" in options))
    return found


def course_info(project: Project, manifest_path: Path | None) -> CourseInfo:
    """The course a manifest names (or the whole site, course ``main``); raises InputError for a bad manifest."""
    from ..course.catalog import load_catalog
    from ..course.manifest import read_manifest
    from ..scorm import release

    if project.errors:
        raise InputError(project.errors)
    docs = project.root / "docs"
    catalog = load_catalog(docs)
    version = release(project.root)
    if manifest_path is None:
        docnames = [d for d in catalog.pages if d != "index"]
        info = CourseInfo("main", version, catalog.pages.get("index", "main"))
    else:
        shown = display_path(manifest_path, project.root)
        manifest = read_manifest(manifest_path, catalog, project.questions, shown)
        docnames = manifest.docnames()
        info = CourseInfo(manifest.id, version, manifest.title, manifest.mastery, manifest.duration_text, manifest.date)
        info.manifest = shown
    for docname in docnames:
        info.quizzes += page_quizzes(docs, docname, catalog.pages.get(docname, docname))
    info.lessons = {lesson.docname: lesson.title for lesson in catalog.lessons.values() if lesson.docname in docnames}
    return info
