"""Small things a learner meets on a 390×844 phone: fill-in boxes wide enough for their answers, the 讲话原文 page's
jump menu and ¶ labels, the theme menu, the header's buttons. Real Chromium, pages from file://."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from qzhelp import open_page
from test_a11y import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LESSON = "modules/m1/l1.html"

# Each blank of the page, filled with its longest accepted answer: [qid, n, scrollWidth, clientWidth, right edge].
FILL_LONGEST = """() => {
  const out = [];
  for (const section of document.querySelectorAll('section.qz')) {
    const data = JSON.parse(section.querySelector('script.qz-data').textContent);
    for (const input of section.querySelectorAll('li.qz-q input[data-blank]')) {
      const qid = input.closest('li.qz-q').dataset.qid;
      const accepted = data[qid].a[input.dataset.blank - 1];
      input.value = accepted.reduce((a, b) => (b.length > a.length ? b : a));
      out.push([qid, +input.dataset.blank, input.scrollWidth, input.clientWidth,
                input.getBoundingClientRect().right]);
    }
  }
  return out;
}"""


def lesson_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("modules/*/l*.html"))


def test_every_blank_of_a_lesson_fits_its_longest_answer_at_390(page: Page, html_site: Path):
    page.set_viewport_size(PHONE)
    blanks = 0
    for path in lesson_pages(html_site):
        open_page(page, html_site, path)
        for qid, n, scroll, client, right in page.evaluate(FILL_LONGEST):
            blanks += 1
            assert scroll <= client, f"{path} {qid} 第 {n} 空: the answer needs {scroll} px, the box shows {client}"
            assert right <= PHONE["width"], f"{path} {qid} 第 {n} 空 runs off the screen"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    assert blanks > 40  # every lesson's fill-in questions, not a page without any


def touch_page(browser: Browser, site: Path, path: str) -> Page:
    """A page as a phone shows it: 390×844, a touch screen (taps, no mouse to hover with)."""
    page = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("choice", ["dark", "light", "auto"])
def test_the_theme_menu_closes_after_a_choice_on_a_phone(browser: Browser, html_site: Path, choice: str):
    page = touch_page(browser, html_site, LESSON)
    menu = page.locator(".bd-header-article .theme-switch-container .dropdown-menu")
    page.locator(".bd-header-article .theme-switch-button").tap()
    expect(menu).to_be_visible()
    page.locator(f'.bd-header-article .theme-change-button[data-mode="{choice}"]').tap()
    expect(menu).to_be_hidden()
    assert page.evaluate("document.documentElement.dataset.mode") == choice
    page.context.close()


def test_the_theme_menu_closes_after_a_click_on_a_desktop(page: Page, html_site: Path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((html_site / LESSON).as_uri())
    menu = page.locator(".bd-header-article .theme-switch-container .dropdown-menu")
    page.locator(".bd-header-article .theme-switch-button").click()
    expect(menu).to_be_visible()
    page.locator('.bd-header-article .theme-change-button[data-mode="dark"]').click()  # the mouse stays on the menu
    expect(menu).to_be_hidden()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"


@pytest.mark.parametrize("button", [".secondary-toggle", ".primary-toggle", ".search-button"])
def test_no_tooltip_is_left_over_the_header_after_a_menu_closes(browser: Browser, html_site: Path, button: str):
    page = touch_page(browser, html_site, LESSON)
    page.locator(f".bd-header-article {button}").tap()
    opened = page.locator("dialog[open]")
    expect(opened).to_have_count(1)
    page.keyboard.press("Escape")  # the drawer or search closes; the focus goes back to the button
    expect(opened).to_have_count(0)
    page.wait_for_timeout(800)  # Bootstrap shows a tooltip 500 ms after the focus
    assert page.locator(".tooltip:visible").count() == 0
    # The next tap, just under the header where the tooltip stood, reaches the page.
    box = page.locator(f".bd-header-article {button}").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] + 12
    assert page.evaluate(f"document.elementFromPoint({x}, {y}).closest('.tooltip') === null")
    page.context.close()


# -- 讲话原文 ------------------------------------------------------------------------------------------------------
SPEECH = "reference/speech.html"
LABELS = """() => [...document.querySelectorAll('.speech-passage')].map((block) => {
  const link = block.querySelector('.speech-anchor-link').getBoundingClientRect();
  const text = block.querySelector('.speech-text').getBoundingClientRect();
  const size = parseFloat(getComputedStyle(block.querySelector('.speech-anchor-link')).fontSize);
  return [block.id, size, link.height, link.width, text.top - link.bottom];
})"""


def test_the_speech_has_a_jump_menu_that_stays_at_the_top(browser: Browser, html_site: Path, speech):
    page = touch_page(browser, html_site, SPEECH)
    offsite: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else offsite.append(r.url))
    page.reload()
    menu = page.locator("details.speech-jump")
    summary = menu.locator("summary")
    expect(summary).to_be_in_viewport()  # on the first screen
    # Every part, the numbered sections of each, the opening and closing words, in the speech's order.
    parts = [p for p in speech.lines_passages() if p.kind in ("intro", "part", "closing")]
    wanted = []
    for part in parts:
        wanted += [part.anchor] + [c.anchor for c in speech.children(part.anchor) if c.kind == "section"]
    hrefs = menu.locator("nav a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs == [f"#{a}" for a in wanted] and len(wanted) >= 12
    assert page.evaluate(f"{wanted}.every(id => document.getElementById(id))")
    # Deep in the page (at the closing words) the menu is still there, just under the header.
    page.evaluate("document.getElementById('closing').scrollIntoView()")
    page.wait_for_timeout(200)
    header = page.locator(".bd-header-article").bounding_box()
    bar = summary.bounding_box()
    assert header["y"] + header["height"] - 1 <= bar["y"] < header["y"] + header["height"] + 8, (header, bar)
    summary.tap()
    target = menu.locator('nav a[href="#part3-s2"]')
    expect(target).to_be_in_viewport()
    target.tap()
    expect(page).to_have_url(re.compile(r"speech\.html#part3-s2$"))
    assert not menu.evaluate("m => m.open")  # closed on the way
    page.wait_for_timeout(300)
    landed = page.locator("#part3-s2").bounding_box()
    bar = summary.bounding_box()
    assert bar["y"] + bar["height"] <= landed["y"] < PHONE["height"] / 2, (bar, landed)
    # A tap elsewhere closes an open menu too.
    summary.tap()
    assert menu.evaluate("m => m.open")
    page.touchscreen.tap(PHONE["width"] / 2, header["y"] + header["height"] / 2)  # the header, between its buttons
    assert not menu.evaluate("m => m.open")
    assert offsite == []
    page.context.close()


def test_the_speech_paragraph_labels_are_readable_and_tappable(page: Page, html_site: Path):
    page.set_viewport_size(PHONE)
    page.goto((html_site / SPEECH).as_uri())
    labels = page.evaluate(LABELS)
    assert len(labels) >= 20  # every line of the speech
    for anchor, size, height, width, gap in labels:
        assert size >= 14, f"{anchor}: ¶ label in {size} px text"
        assert height >= 24 and width >= 24, f"{anchor}: ¶ label {width}×{height} px"
        assert gap >= 0, f"{anchor}: the ¶ label runs into the text"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_open_jump_menu_passes_axe(page: Page, html_site: Path, axe_path, mode: str):
    page.set_viewport_size(PHONE)
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page.goto((html_site / SPEECH).as_uri())
    page.locator("details.speech-jump summary").click()
    expect(page.locator("details.speech-jump nav a").first).to_be_visible()
    assert serious_violations(page, axe_path) == []
