"""A course's source tree links to the main site's pages, as README and quizgen.course.tree promise: "The pages are
the main site's own (symlinked; copied where the system cannot link, as on Windows without the right to)".

Broken on purpose, this fails: a tree that copies every page (a course site that drifts from the main one when a
page is edited between builds), one that links to absolute paths or to the wrong page, or one that gives up, or
writes an empty file, where the system refuses links.
"""

from __future__ import annotations

import os
from pathlib import Path

from course_helpers import HALF, ROOT, manifest_of

from quizgen.course import tree
from quizgen.course.tree import write_tree

pytest_plugins = ["conftest_course"]


def _tree(catalog, project, work: Path) -> tuple[Path, list[str]]:
    m = manifest_of(HALF, catalog, project)
    banks = {b.id: ROOT / b.file for b in project.banks}
    return write_tree(work, m, catalog, ROOT, "课程", banks), m.docnames()


def test_course_pages_and_banks_are_relative_links_to_the_main_ones(catalog, project, tmp_path: Path) -> None:
    docs, docnames = _tree(catalog, project, tmp_path / "work")
    assert len(docnames) >= 8
    for docname in docnames:
        page = docs / f"{docname}.md"
        assert page.is_symlink(), f"{docname} is a copy, not a link"
        assert not os.path.isabs(os.readlink(page))  # relative: the tree can move with the folder it is in
        assert page.resolve() == (ROOT / "docs" / f"{docname}.md").resolve()
    banks = sorted((tmp_path / "work" / "quizzes" / "banks").iterdir())
    assert banks and all(b.is_symlink() and b.resolve() == (ROOT / "quizzes" / "banks" / b.name) for b in banks)
    # only what the course writes itself is a file of its own
    own = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if not p.is_symlink())
    assert own == ["appendix/book.md", "appendix/handout.md", "index.md"]


def test_where_links_are_refused_the_pages_are_copied(catalog, project, tmp_path: Path, monkeypatch) -> None:
    """As on Windows without the right to create links: os.symlink raises OSError, and every page is a copy."""

    def refused(*args, **kwargs):
        raise OSError(1314, "A required privilege is not held by the client")

    monkeypatch.setattr(tree.Path, "symlink_to", refused)
    docs, docnames = _tree(catalog, project, tmp_path / "work")
    for docname in docnames:
        page = docs / f"{docname}.md"
        assert not page.is_symlink()
        assert page.read_bytes() == (ROOT / "docs" / f"{docname}.md").read_bytes()
    quizzes = tmp_path / "work" / "quizzes"
    assert (quizzes / "speech.txt").read_bytes() == (ROOT / "quizzes" / "speech.txt").read_bytes()
    assert not any(p.is_symlink() for p in quizzes.rglob("*"))
