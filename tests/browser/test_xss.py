"""A hostile bank (tests/data/xss-bank) builds without warnings, and in Chromium none of its markup runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from qzhelp import ROOT, build

from quizgen.project import open_project

pytestmark = pytest.mark.browser

BANK = ROOT / "tests" / "data" / "xss-bank"
IDS = "xss-001 xss-002 xss-003 xss-004 xss-005"
CONF = """
extensions = ["myst_parser", "quizgen.sphinx"]
myst_enable_extensions = ["colon_fence"]
project = "XSS"
language = "zh_CN"
html_theme = "basic"
exclude_patterns = ["quizzes", "_build"]
quizgen_speech_page = "speech"
"""
INDEX = f"""# 安全测试

:::{{quiz}} <script>window.__xss='quiz-title'</script>
:ids: {IDS}
:::

:::{{quiz}} "><img src=x onerror="window.__xss='attr-title'">
:ids: {IDS}
:mode: test
:::

:::{{quiz}}
:ids: xss-001 xss-003
:mode: exam
:minutes: 1
:::

```{{toctree}}
speech
mistakes
```
"""


def make_project(root: Path) -> Path:
    (root / "quizzes").mkdir(parents=True)
    shutil.copy(ROOT / "quizzes" / "speech.txt", root / "quizzes" / "speech.txt")
    shutil.copytree(BANK / "banks", root / "quizzes" / "banks")
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    (root / "speech.md").write_text("# 讲话原文\n\n:::{speech-text}\n:::\n", encoding="utf-8")
    (root / "mistakes.md").write_text("# 错题本\n\n:::{quiz-mistakes}\n:::\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("xss") / "src")
    build(root, root.parent / "html", root)
    return root.parent / "html"


def test_the_bank_passes_quizgen_check(tmp_path: Path):
    project = open_project(make_project(tmp_path))
    assert project.errors == []
    assert len(project.questions) == 5


def test_markup_is_text_in_the_built_html(xss_site: Path):
    html = (xss_site / "index.html").read_text(encoding="utf-8")
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "<iframe", 'href="javascript:', "<details open"):
        assert raw not in html
    assert "&lt;script&gt;window.__xss=&#x27;stem&#x27;" in html


def test_nothing_executes_in_chromium(page: Page, xss_site: Path, quizgen_errors):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((xss_site / "index.html").as_uri() + "?quiz-seconds=2")
    page.wait_for_selector("section.qz.qz-on")
    practice, test, exam = (page.locator("section.qz").nth(i) for i in range(3))
    exam.locator(".qz-start").click()

    # Practice: ask for the 提示 (the passage, answer masked), answer every question wrongly first (shows every option's feedback), then check the open one.
    for li in practice.locator("li.qz-q").all():
        li.locator(".qz-hintbtn").click()
        kind = li.get_attribute("data-type")
        if kind in ("single", "multiple", "truefalse"):
            li.locator("label.qz-opt").last.click()
        elif kind == "fill":
            li.locator("input").fill("</script><script>window.__xss='typed'</script>")
        else:
            li.locator("textarea").fill("<img src=x onerror=\"window.__xss='typed'\">")
        li.locator(".qz-check").click()
        expect(li.locator(".qz-after")).to_be_visible()
    # Test mode: submit unanswered; every answer, 解析 and 提示 is revealed.
    test.locator(".qz-submit").click()
    test.locator(".qz-go").click()  # confirms in the page that the unanswered questions count as wrong
    expect(test.locator(".qz-after:visible")).to_have_count(5)
    expect(exam.locator(".qz-score")).to_contain_text("得分", timeout=6000)
    for element in page.locator("section.qz label, section.qz legend, section.qz .qz-after").all():
        element.hover()
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)

    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert quizgen_errors == []
    for selector in (
        "img",
        "svg",
        "iframe",
        "object",
        "details",
        "form",
        "style",
        "b",
        "i",
        "math",
        "a[href^='javascript']",
    ):
        assert page.locator(f"section.qz {selector}").count() == 0, selector
    assert page.locator("section.qz script").count() == 3  # one qz-data per quiz, nothing else
    stem = practice.locator('li[data-qid="xss-001"] .qz-stem')
    expect(stem).to_contain_text("<script>window.__xss='stem';alert('stem')</script>")
    fb = practice.locator('li[data-qid="xss-001"] label[data-key="B"] .qz-ofb')
    expect(fb).to_have_text(
        "<img src=x onerror=\"window.__xss='feedback';alert(2)\">不对</script><script>window.__xss='fb'</script>"
    )
    expect(page.locator("section.qz").first).to_have_attribute(
        "aria-label", "<script>window.__xss='quiz-title'</script>"
    )


def test_the_mistakes_book_builds_the_hostile_questions_as_text(page: Page, xss_site: Path, quizgen_errors):
    """错题本 builds its questions in the browser from data files (render.js): the markup stays text there too."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((xss_site / "index.html").as_uri())
    page.wait_for_selector("section.qz.qz-on")
    record = {"version": 2, "course": "main", "quizzes": {}, "current": {},
              "mistakes": ["xss-001", "xss-002", "xss-003", "xss-004"]}  # fmt: skip
    page.evaluate("r => localStorage.setItem('quizgen:main', JSON.stringify(r))", record)
    page.goto((xss_site / "mistakes.html").as_uri())
    book = page.locator(".qz-book section.qz.qz-on")
    expect(book.locator("li.qz-q")).to_have_count(4)
    for li in book.locator("li.qz-q").all():
        li.locator(".qz-hintbtn").click()
        if li.get_attribute("data-type") == "fill":
            li.locator("input").first.fill("</script><script>window.__xss='typed'</script>")
        else:
            li.locator("label.qz-opt").last.click()
        li.locator(".qz-check").click()
        expect(li.locator(".qz-after")).to_be_visible()
    for element in book.locator("label, legend, .qz-after").all():
        element.hover()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == [] and quizgen_errors == []
    for selector in (
        "img",
        "svg",
        "iframe",
        "object",
        "details",
        "form",
        "style",
        "b",
        "i",
        "math",
        "a[href^='javascript']",
    ):
        assert book.locator(selector).count() == 0, selector
    expect(book.locator('li[data-qid="xss-001"] .qz-stem')).to_contain_text(
        "<script>window.__xss='stem';alert('stem')</script>"
    )
