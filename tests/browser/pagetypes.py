"""Every kind of page a learner (or trainer, or maintainer) meets, each in the state that shows the most: a lesson
with answers checked, 模拟考试 before, during and after, 错题本 empty and filled, search results. The layout and
accessibility tests open each at phone and desktop size, in light and dark mode."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from qzhelp import answer, open_page, question, quiz_data

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
LESSON = "modules/m1/l1.html"
EXAM = "practice/mock-exam.html"


def set_mode(page: Page, mode: str) -> None:
    """``light`` or ``dark`` chosen with the theme's switch, or ``system-dark``: the switch on 跟随系统 (auto) and
    the system asking for dark (prefers-color-scheme)."""
    if mode == "system-dark":
        page.emulate_media(color_scheme="dark")
        page.add_init_script("localStorage.setItem('mode', 'auto'); localStorage.removeItem('theme');")
    else:
        page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")


def goto(page: Page, site: Path, path: str) -> None:
    base, _, rest = path.partition("?")
    base, hash_sep, anchor = base.partition("#")
    page.goto((site / base).as_uri() + (f"?{rest}" if rest else "") + (f"#{anchor}" if hash_sep else ""))
    page.wait_for_load_state("load")


def answer_two(page: Page, project, within: str = "section.qz") -> None:
    """Check two questions, one right and one wrong: feedback, 解析, 提示 and 查看原文 show, 错题本 gets one."""
    shown = page.locator(f"{within} li.qz-q:visible").evaluate_all("ls => ls.map(l => l.dataset.qid)")
    auto = [q for q, d in quiz_data(page, within).items() if d["t"] != "open" and q in shown]
    for n, qid in enumerate(auto[:2]):
        li = question(page, qid, within)
        answer(li, project.question(qid), right=bool(n))
        li.locator(".qz-check").click()
        expect(li.locator(".qz-after")).to_be_visible()


def start_exam(page: Page, site: Path, project) -> None:
    open_page(page, site, EXAM)
    page.locator("section.qz .qz-start").click()
    first = page.locator("section.qz li.qz-q:visible").first
    answer(first, project.question(first.get_attribute("data-qid")), right=False)


def finish_exam(page: Page, site: Path, project) -> None:
    start_exam(page, site, project)
    page.locator("section.qz .qz-submit").click()
    page.locator("section.qz .qz-dialog .qz-go").click()  # the rest left blank: a long list of wrong answers
    expect(page.locator("section.qz .qz-review")).to_be_visible()


def _lesson(page: Page, site: Path, project) -> None:
    open_page(page, site, LESSON)
    answer_two(page, project)


def _filled_book(page: Page, site: Path, project) -> None:
    _lesson(page, site, project)
    open_page(page, site, "practice/mistakes.html")
    expect(page.locator(".qz-book li.qz-q:visible")).to_have_count(1)


def _daily(page: Page, site: Path, project) -> None:
    """每日练习 after a lesson's self-test: five questions, one checked."""
    _lesson(page, site, project)
    open_page(page, site, "practice/daily.html")
    expect(page.locator(".qz-daily li.qz-q")).to_have_count(5)
    answer_two(page, project, ".qz-daily section.qz")


def _progress(page: Page, site: Path, project) -> None:
    _lesson(page, site, project)
    open_page(page, site, "practice/progress.html")


def _search(words: str):
    def run(page: Page, site: Path, project) -> None:
        goto(page, site, f"search.html?q={words}")
        expect(page.locator("#search-results ul.search li").first).to_be_visible(timeout=15000)
        expect(page.locator("#search-results h2")).to_have_text("搜索结果")  # the list, filled in steps, is complete

    return run


def _plain(path: str):
    return lambda page, site, project: goto(page, site, path)


# name: how to bring the page to that state (page, site, project)
STATES = {
    "home": _plain("index.html"),
    "guide": _plain("guide/intro.html"),
    "modules": _plain("modules/index.html"),
    "module": _plain("modules/m1/index.html"),
    "lesson": _lesson,
    "speech": _plain("reference/speech.html#part1-p2-i2"),
    "glossary": _plain("reference/glossary.html"),
    "trainer-guide": _plain("reference/trainer-guide.html"),
    "scorm": _plain("reference/scorm.html"),
    "courses": _plain("reference/courses.html"),
    "final-test": _plain("practice/final-test.html"),
    "exam-before": _plain(EXAM),
    "exam-during": start_exam,
    "exam-result": finish_exam,
    "progress": _progress,
    "mistakes-empty": _plain("practice/mistakes.html"),
    "mistakes-filled": _filled_book,
    "daily": _daily,
    "search-sifeng": _search("四风"),
    "search-tanhua": _search("廉政谈话"),
    "maintainer-authoring": _plain("maintainer/authoring.html"),
    "maintainer-bank-format": _plain("maintainer/bank-format.html"),
    "maintainer-cli": _plain("maintainer/cli.html"),
    "maintainer-formats": _plain("maintainer/formats.html"),
    "unknown-anchor": _plain("reference/speech.html#no-such-passage"),
}


def switch_to_dark(page: Page) -> None:
    """What the theme's mode switch does on its way to dark (pydata-sphinx-theme's setMode), without a reload: the
    same page, in the same state, in the other mode."""
    page.evaluate(
        """() => {
          const html = document.documentElement;
          html.dataset.mode = html.dataset.theme = "dark";
          localStorage.setItem("mode", "dark");
          localStorage.setItem("theme", "dark");
          document.querySelectorAll(".dropdown-menu").forEach((menu) => menu.classList.add("dropdown-menu-dark"));
        }"""
    )
    page.wait_for_timeout(300)  # the theme's colour transitions


def open_state(page: Page, site: Path, project, state: str, size: str, mode: str) -> None:
    page.set_viewport_size(SIZES[size])
    set_mode(page, mode)
    STATES[state](page, site, project)
    theme = "dark" if mode.endswith("dark") else "light"
    expect(page.locator("html")).to_have_attribute("data-theme", theme)
