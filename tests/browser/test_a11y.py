"""axe-core (npm, injected into Chromium) on a lesson quiz, 学习记录 and 错题本, and on the site's representative
pages in light and dark mode at phone and desktop size: no serious or critical violation (contrast included)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from qzhelp import answer, open_page, question, quiz_data

pytestmark = pytest.mark.browser


def serious_violations(page: Page, axe_path) -> list[str]:
    page.add_script_tag(path=str(axe_path))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def reveal_two(page: Page, project, within: str = "section.qz") -> None:
    """Answer two questions (one right, one wrong) so feedback, 解析 and 提示 are on the page too."""
    shown = page.locator(f"{within} li.qz-q:visible").evaluate_all("ls => ls.map(l => l.dataset.qid)")
    auto = [q for q, d in quiz_data(page, within).items() if d["t"] != "open" and q in shown]
    for n, qid in enumerate(auto[:2]):
        li = question(page, qid, within)
        answer(li, project.question(qid), right=bool(n))
        li.locator(".qz-check").click()
        expect(li.locator(".qz-after")).to_be_visible()


def test_lesson_quiz_page(page: Page, html_site, project, axe_path):
    open_page(page, html_site, "modules/m1/l1.html")
    reveal_two(page, project)
    assert serious_violations(page, axe_path) == []


def test_progress_page(page: Page, html_site, project, axe_path):
    open_page(page, html_site, "modules/m1/l1.html")
    reveal_two(page, project)
    open_page(page, html_site, "practice/progress.html")
    assert serious_violations(page, axe_path) == []


def test_mistakes_page(page: Page, html_site, project, axe_path):
    open_page(page, html_site, "modules/m1/l1.html")
    reveal_two(page, project)
    open_page(page, html_site, "practice/mistakes.html")
    expect(page.locator(".qz-book li.qz-q:visible")).to_have_count(1)
    reveal_two(page, project, ".qz-book")
    assert serious_violations(page, axe_path) == []


def test_empty_mistakes_page(page: Page, html_site, axe_path):
    open_page(page, html_site, "practice/mistakes.html")
    assert serious_violations(page, axe_path) == []


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SITE_PAGES = ["index.html", "modules/m1/l1.html", "reference/speech.html", "practice/final-test.html"]


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_pages_in_both_modes(page: Page, html_site, axe_path, path: str, size: dict, mode: str):
    page.set_viewport_size(size)
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page.goto((html_site / path).as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    assert serious_violations(page, axe_path) == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_answered_lesson_quiz_in_both_modes(page: Page, html_site, project, axe_path, mode: str):
    """The 解析 and 提示 (a quotation of the speech) that answering shows, on a phone."""
    page.set_viewport_size(PHONE)
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    open_page(page, html_site, "modules/m1/l1.html")
    reveal_two(page, project)
    assert serious_violations(page, axe_path) == []
