"""The EPUB: EPUB 3, zh-CN, accepted by epubcheck, quizzes printed with each chapter's answers at its end."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docutils import nodes
from sphinx_design.shared import create_component

from quizgen.sphinx.static_quiz import _print_tabs

pytest_plugins = ["conftest_dist"]


def epubcheck_command() -> list[str]:
    """Debian installs /usr/bin/epubcheck as a link to the jar itself; run it through java when it is one."""
    found = shutil.which("epubcheck")
    assert found, "epubcheck is missing: apt-get install -y epubcheck (or run `make test`)"
    target = Path(found).resolve()
    return ["java", "-jar", str(target)] if target.suffix == ".jar" else [found]


@pytest.mark.slow
def test_epubcheck_finds_no_error(epub_book: Path) -> None:
    result = subprocess.run([*epubcheck_command(), str(epub_book)], capture_output=True, text=True)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert re.search(r"Messages: 0 fatals / 0 errors", report), report


@pytest.mark.slow
def test_package_is_epub3_in_simplified_chinese(epub_book: Path) -> None:
    with zipfile.ZipFile(epub_book) as zf:
        assert zf.namelist()[0] == "mimetype"
        assert zf.read("mimetype") == b"application/epub+zip"
        opf = zf.read("content.opf").decode("utf-8")
    assert re.search(r'<package[^>]*version="3\.0"', opf)
    assert "<dc:language>zh-CN</dc:language>" in opf


@pytest.mark.slow
def test_navigation_lists_every_lesson_in_chinese(epub_book: Path) -> None:
    with zipfile.ZipFile(epub_book) as zf:
        nav = zf.read("nav.xhtml").decode("utf-8")
        lessons = [n for n in zf.namelist() if re.search(r"modules/m\d+/l\d+\.xhtml$", n)]
    assert "<h1>目录</h1>" in nav and "Table of Contents" not in nav
    for lesson in lessons:
        assert f'href="{lesson}"' in nav, lesson


@pytest.mark.slow
def test_quizzes_are_static_with_answers_at_each_chapter_end(epub_book: Path) -> None:
    with zipfile.ZipFile(epub_book) as zf:
        pages = {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xhtml")}
    lessons = {n: t for n, t in pages.items() if re.search(r"modules/m\d+/l\d+\.xhtml$", n)}
    assert lessons
    for name, page in lessons.items():
        assert "<input" not in page and "quizgen.js" not in page, name
        if "quiz-static" in page:
            assert "本章自测参考答案与解析" in page, name
            assert page.index("quiz-static") < page.index("本章自测参考答案与解析"), name
            assert "解析：" in page and "出处：" in page, name
    assert any("quiz-static" in page for page in lessons.values())
    # the facilitation notes wait at the chapter's end too, a pointer in their place
    with_notes = [page for page in lessons.values() if "print-deferred-pointer" in page]
    assert with_notes
    for page in with_notes:
        assert page.index("print-deferred-pointer") < page.index("本章情景研讨要点")


def test_tab_sets_become_plain_sections() -> None:
    """sphinx-design tabs are radio buttons (not well-formed XHTML); print builders get the tabs in sequence."""
    tab_set = create_component("tab-set", classes=["sd-tab-set"])
    for label, body in (("甲", "第一段"), ("乙", "第二段")):
        item = create_component("tab-item", classes=["sd-tab-item"])
        item += nodes.rubric(label, label, classes=["sd-tab-label"])
        content = create_component("tab-content", classes=["sd-tab-content"])
        content += nodes.paragraph(body, body)
        item += content
        tab_set += item
    section = nodes.section()
    section += tab_set
    _print_tabs(tab_set)
    (out,) = section.children
    assert not out.get("design_component")
    assert out.astext().split() == ["甲", "第一段", "乙", "第二段"]
