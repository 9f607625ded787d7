"""What the site offers a course: its modules, lessons and other pages, read from docs/ itself.

A lesson ``m1-l2`` is the page ``docs/modules/m1/l2.md``; its title is the page's first heading and its
suggested time the 建议用时 cell of its row in the module page's table of lessons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

LESSON_ID = re.compile(r"^(m\d+)-(l\d+)$")
MODULE_ID = re.compile(r"^m\d+$")
_HEADING = re.compile(r"^# (.+?)\s*$", re.M)
_LABEL = re.compile(r"^\((?P<label>[A-Za-z0-9_.:-]+)\)=\s*$", re.M)
_MINUTES = re.compile(r"(?:(\d+(?:\.\d+)?)\s*小时)?\s*(?:(\d+)\s*分钟)?")
DEFAULT_MINUTES = 30

# Pages every course site has: the speech and the glossary (every lesson links to them), 学习记录, 错题本 and
# 每日练习 (it draws from the course's own lessons; a page of the web site only, left out of print).
DAILY = "practice/daily"
ALWAYS = ("reference/speech", "reference/glossary", "practice/progress", "practice/mistakes", DAILY)
# The sections of the site's navigation, in order, and the folder each one's pages live in.
SECTIONS = (("guide", "学习指南"), ("modules", "课程模块"), ("practice", "练习与测验"), ("reference", "参考资料"))


def minutes_of(text: str) -> int | None:
    """``"20分钟"`` → 20, ``"1小时30分钟"`` → 90, ``"2.5小时"`` → 150; None when there is no time."""
    for match in _MINUTES.finditer(text):
        hours, minutes = match.groups()
        if hours or minutes:
            return round(float(hours or 0) * 60) + int(minutes or 0)
    return None


def _title(text: str, fallback: str) -> str:
    match = _HEADING.search(text)
    return match.group(1).strip() if match else fallback


@dataclass(frozen=True)
class Lesson:
    id: str  # m1-l2
    module: str  # m1
    docname: str  # modules/m1/l2
    title: str
    minutes: int  # suggested time, from the module page's table
    module_name: str = ""  # 模块三

    @property
    def label(self) -> str:
        return f"{self.module_name}　{self.title}" if self.module_name else self.title


@dataclass
class Module:
    id: str
    docname: str
    title: str
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Catalog:
    docs: Path
    modules: dict[str, Module] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # docname → title, every page of docs/
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # label → (docname, title)

    @property
    def lessons(self) -> dict[str, Lesson]:
        return {lesson.id: lesson for module in self.modules.values() for lesson in module.lessons}

    def extra_pages(self) -> list[str]:
        """Pages a manifest may add: everything but the home page, module and lesson pages and orphans."""
        return sorted(
            d
            for d in self.pages
            if d.split("/")[0] in {s for s, _ in SECTIONS} - {"modules"} and d not in ALWAYS and not self.orphan(d)
        )

    def orphan(self, docname: str) -> bool:
        head = (self.docs / f"{docname}.md").read_text(encoding="utf-8")[:200]
        return head.startswith("---") and "orphan: true" in head.split("---", 2)[1]


def load_catalog(docs: Path) -> Catalog:
    catalog = Catalog(docs=docs)
    for path in sorted(docs.rglob("*.md")):
        docname = path.relative_to(docs).with_suffix("").as_posix()
        text = path.read_text(encoding="utf-8")
        title = _title(text, docname)
        catalog.pages[docname] = title
        for match in _LABEL.finditer(text):
            catalog.labels[match.group("label")] = (docname, title)
    for index in sorted((docs / "modules").glob("m*/index.md"), key=lambda p: int(p.parent.name[1:])):
        module_id = index.parent.name
        if not MODULE_ID.match(module_id):
            continue
        text = index.read_text(encoding="utf-8")
        module = Module(module_id, f"modules/{module_id}/index", _title(text, module_id))
        times = {}
        for row in (line for line in text.splitlines() if line.startswith("|")):
            label = re.search(r"<(m\d+-l\d+)>", row)
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            if label and cells:
                times[label.group(1)] = minutes_of(cells[-1])
        for page in sorted(index.parent.glob("l*.md"), key=lambda p: int(p.stem[1:]) if p.stem[1:].isdigit() else 0):
            lesson_id = f"{module_id}-{page.stem}"
            if not LESSON_ID.match(lesson_id):
                continue
            docname = f"modules/{module_id}/{page.stem}"
            minutes = times.get(lesson_id) or DEFAULT_MINUTES
            name = module.title.split("　")[0]
            module.lessons.append(Lesson(lesson_id, module_id, docname, catalog.pages[docname], minutes, name))
        catalog.modules[module_id] = module
    return catalog


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}分钟"
    return f"{hours}小时{rest}分钟" if rest else f"{hours}小时"
