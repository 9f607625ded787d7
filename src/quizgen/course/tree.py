"""The tailored site's source tree: links to the site's own pages, plus a generated home page and book outline.

Every page of the course is a symbolic link to its file in ``docs/``, so the course site can never drift from
the main one; where the system makes no links (Windows without the right to create them), the page is copied,
which Sphinx reads the same. Only three things are written: the course's home page (its title,
audience, schedule and navigation), the printed edition's outline, and the bank folder (links to the chosen
lessons' banks, so the site's quizzes, 综合测验, 学习记录 and 错题本 hold only this course's questions).
The module pages keep their text; build.py's filter shows only the chosen lessons in their toctree and table.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..layout import QUIZZES
from .catalog import DAILY, SECTIONS, Catalog, format_minutes
from .lesson_list import CourseLesson
from .manifest import Manifest


def site_order(docs: Path) -> list[str]:
    """The pages of the main site's navigation, in its order (the toctrees of docs/index.md)."""
    order: list[str] = []
    index = docs / "index.md"
    if not index.is_file():
        return order
    inside = False
    for line in index.read_text(encoding="utf-8").splitlines():
        if line.startswith("```{toctree}"):
            inside = True
        elif line.startswith("```"):
            inside = False
        elif inside and line.strip() and not line.startswith(":"):
            order.append(line.strip().strip("/"))
    return order


def _link(target: Path, link: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(os, "symlink"):
        try:
            link.symlink_to(os.path.relpath(target, link.parent) if target.is_absolute() else target)
            return
        except (OSError, ValueError):  # no right to make links, or another drive (no relative path)
            pass
    if target.is_dir():
        shutil.copytree(target, link)
    else:
        shutil.copy2(target, link)


def _sectioned(manifest: Manifest, catalog: Catalog) -> dict[str, list[str]]:
    """The course's pages by navigation section, in the main site's order."""
    order = site_order(catalog.docs)
    rank = {d: i for i, d in enumerate(order)}
    sections: dict[str, list[str]] = {folder: [] for folder, _ in SECTIONS}
    sections["modules"] = [f"modules/{m}/index" for m in manifest.modules]
    for docname in manifest.docnames():
        folder = docname.split("/")[0]
        if folder != "modules" and folder in sections and docname not in sections[folder]:
            sections[folder].append(docname)
    for folder in sections:
        if folder != "modules":
            sections[folder].sort(key=lambda d: (rank.get(d, len(rank)), d))
    return sections


def markdown_text(text: str) -> str:
    """Manifest text as one Markdown paragraph: every character shown as written (no markup, entity, list or
    heading, even at the start of a line)."""
    from ..paper.markdown import escape

    return escape(" ".join(text.splitlines()))


def _role_text(text: str) -> str:
    """Text inside a role's explicit title (``{doc}`title <target>```)."""
    return re.sub(r"([\\`*_{}\[\]<>#|$])", r"\\\1", text.replace("\n", " "))


def home_page(manifest: Manifest, catalog: Catalog, project_title: str) -> str:
    sections = _sectioned(manifest, catalog)
    lines = [f"# {markdown_text(manifest.title)}", ""]
    default = f"本课程是《{markdown_text(project_title)}》的定制版，只含本次培训选学的内容；讲话原文、术语表、学习记录和错题本随时可查。"
    lines += [markdown_text(manifest.description) if manifest.description else default, ""]
    facts = [f"- **培训对象**：{markdown_text(manifest.audience)}"]
    if manifest.date:
        facts.append(f"- **时间**：{markdown_text(manifest.date)}")
    if manifest.place:
        facts.append(f"- **地点**：{markdown_text(manifest.place)}")
    facts.append(f"- **时长**：{manifest.duration_text}（各课合计约 {format_minutes(manifest.minutes)}）")
    homework = manifest.homework.lessons
    if homework:
        later = format_minutes(sum(cl.minutes for cl in homework))
        facts.append(f"- **课后自学**：{len(homework)} 课，约 {later}，培训结束后自学")
    lines += [*facts, "", "## 课程安排", "", *_lesson_table(manifest.lessons, catalog)]
    if homework:
        lines += [
            "## 课后自学",
            "",
            f"培训结束后，请自学下面 {len(homework)} 课（约 {later}），每课学完做一做课后的自测。",
            "",
        ]
        lines += _lesson_table(homework, catalog)
    lines += ["## 每日练习", "", ":::{quiz-daily}", ":summary:", ":::", ""]
    lines += [f"{{doc}}`每日练习 </{DAILY}>`每天为你安排 5 道题：先复习到期的错题，再练学过的课里还没做过的题。", ""]
    others = [d for folder in ("guide", "practice", "reference") for d in sections[folder]]
    if others:
        lines += ["## 其他内容", ""]
        lines += [f"- {{doc}}`/{d}`" for d in others]
        lines.append("")
    for folder, caption in SECTIONS:
        if not sections[folder]:
            continue
        depth = 2 if folder == "modules" else 1
        lines += ["```{toctree}", f":caption: {caption}", f":maxdepth: {depth}", ":hidden:", ""]
        lines += [_toc_entry(d, manifest, catalog) for d in sections[folder]]
        lines += ["```", ""]
    return "\n".join(lines)


def _lesson_table(lessons: list[CourseLesson], catalog: Catalog) -> list[str]:
    lines = ["| 模块 | 课 | 建议用时 |", "| --- | --- | --- |"]
    shown = ""
    for cl in lessons:
        module = catalog.modules[cl.lesson.module]
        cell = f"{{doc}}`{_role_text(module.title)} </{module.docname}>`" if module.id != shown else ""
        shown = module.id
        lines.append(f"| {cell} | {{ref}}`{cl.lesson.id}` | {format_minutes(cl.minutes)} |")
    return [*lines, ""]


def _toc_entry(docname: str, manifest: Manifest, catalog: Catalog) -> str:
    """A home page toctree entry; a module the course has as homework alone is marked so in the navigation."""
    module = next((m for m in catalog.modules.values() if m.docname == docname), None)
    if module is None or any(cl.lesson.module == module.id for cl in manifest.lessons):
        return f"/{docname}"
    return f"{module.title}（课后自学） </{docname}>"


def book_page(manifest: Manifest, catalog: Catalog) -> str:
    """The printed edition's outline: the main book's parts, with this course's pages."""
    sections = _sectioned(manifest, catalog)
    web_only = ("practice/progress", "practice/mistakes", DAILY)
    sections["practice"] = [d for d in sections["practice"] if d not in web_only]
    lines = ["---", "orphan: true", "---", "", f"# {markdown_text(manifest.title)}", ""]
    for folder, caption in SECTIONS:
        if not sections[folder]:
            continue
        lines += ["```{raw} latex", f"\\part{{{caption}}}", "```", "", "```{toctree}", ":maxdepth: 2", ""]
        lines += [f"/{d}" for d in sections[folder]]
        lines += ["```", ""]
    return "\n".join(lines)


def handout_outline(manifest: Manifest) -> str:
    """The 讲义's outline: the course's lessons, in teaching order, and nothing else."""
    lines = ["---", "orphan: true", "---", "", f"# {markdown_text(manifest.title)}", ""]
    lines += ["```{toctree}", ":maxdepth: 1", ""]
    lines += [f"/{cl.lesson.docname}" for cl in manifest.printed_lessons]
    return "\n".join([*lines, "```", ""])


ANSWERS_PAGE = """---
orphan: true
---

# 参考答案与解析

```{quiz-answers}
```
"""


def write_tree(
    work: Path, manifest: Manifest, catalog: Catalog, root: Path, project_title: str, bank_files: dict[str, Path]
) -> Path:
    """The course's source tree in ``work/docs`` and its banks in ``work/quizzes``; returns the docs folder."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    for docname in manifest.docnames():
        _link(catalog.docs / f"{docname}.md", docs / f"{docname}.md")
    (docs / "index.md").write_text(home_page(manifest, catalog, project_title), encoding="utf-8")
    (docs / "appendix").mkdir()
    (docs / "appendix" / "book.md").write_text(book_page(manifest, catalog), encoding="utf-8")
    (docs / "appendix" / "handout.md").write_text(handout_outline(manifest), encoding="utf-8")
    answers = catalog.docs / "appendix" / "answers.md"
    if answers.is_file():
        _link(answers, docs / "appendix" / "answers.md")
    else:
        (docs / "appendix" / "answers.md").write_text(ANSWERS_PAGE, encoding="utf-8")
    # Relative paths in pages (../../quizzes/…) resolve as they do in the main tree.
    quizzes = work / QUIZZES
    banks = quizzes / "banks"
    banks.mkdir(parents=True)
    for lesson in (cl.lesson.id for cl in manifest.site_lessons):
        if lesson in bank_files:
            _link(bank_files[lesson], banks / bank_files[lesson].name)
    for path in sorted((root / QUIZZES).iterdir()):
        if path.name != "banks":
            _link(path, quizzes / path.name)
    return docs
