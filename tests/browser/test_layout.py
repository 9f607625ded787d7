"""The site as a learner meets it on a phone (390×844) and a desktop: menus that open, Chinese words only,
readable tables and diagrams, theme icons without Font Awesome's script, and a light lesson page."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from pagetypes import STATES, open_state, switch_to_dark
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}
DESKTOP = {"width": 1280, "height": 900}
LESSON = "modules/m1/l1.html"
PAGES = ["index.html", LESSON, "reference/speech.html", "practice/progress.html", "practice/final-test.html"]

# A lesson page, everything it loads counted (the page, styles, scripts, fonts, images).
BUDGET_BYTES = 600 * 1000
BUDGET_REQUESTS = 15


def open_at(page: Page, site: Path, path: str, size: dict, mode: str = "light") -> None:
    page.set_viewport_size(size)
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
def test_a_page_starts_with_its_own_header_on_a_phone(page: Page, html_site: Path, size: dict):
    """No empty band above the page: the article header with ☰, search and contents is the first thing shown."""
    open_at(page, html_site, LESSON, size)
    top = page.evaluate("() => document.elementFromPoint(innerWidth / 2, 2).closest('.bd-header-article') !== null")
    assert top
    assert page.locator(".bd-header-article").evaluate("el => el.getBoundingClientRect().top") == 0


# -- the menus ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
def test_the_course_menu_opens_and_leads_to_a_page(page: Page, html_site: Path, size: dict, console_errors):
    open_at(page, html_site, LESSON, size)
    drawer = page.locator("#pst-primary-sidebar-modal")
    expect(drawer).not_to_be_visible()
    page.locator(".bd-header-article .primary-toggle").click()
    expect(drawer).to_be_visible()
    link = drawer.get_by_role("link", name="第二课　四个方面的差距")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"modules/m1/l2\.html$"))
    expect(page.locator("article.bd-article h1")).to_contain_text("四个方面的差距")
    assert console_errors == []


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
def test_the_page_contents_open_and_lead_to_a_section(page: Page, html_site: Path, size: dict, console_errors):
    open_at(page, html_site, LESSON, size)
    drawer = page.locator("#pst-secondary-sidebar-modal")
    expect(drawer).not_to_be_visible()
    page.locator(".bd-header-article .secondary-toggle").click()
    expect(drawer).to_be_visible()
    link = drawer.get_by_role("link", name="自测")
    link.click()
    expect(page).to_have_url(re.compile(r"l1\.html#"))
    expect(drawer).not_to_be_visible()
    heading = page.locator("h2", has_text="自测")
    expect(heading).to_be_in_viewport()
    assert console_errors == []


def test_the_menu_button_folds_the_sidebar_on_a_desktop(page: Page, html_site: Path):
    open_at(page, html_site, LESSON, DESKTOP)
    sidebar = page.locator("#pst-primary-sidebar")
    expect(sidebar).to_be_visible()
    page.locator(".bd-header-article .primary-toggle").click()
    expect(sidebar).to_be_hidden()
    page.locator(".bd-header-article .primary-toggle").click()
    expect(sidebar).to_be_visible()


# -- Chinese only ------------------------------------------------------------------------------------------------
# Latin words a learner may see: names of file formats and standards (the trainers' SCORM package), the
# speech's own X/XX, and the option letters A–E of a quiz (one, or a multiple choice's answer such as BCE).
ALLOWED = {"PDF", "EPUB", "JSON", "SCORM", "X", "XX"}
WORDS_SEEN = """() => {
  const seen = [];
  const shown = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el && n.textContent.trim() && !el.closest("script, style, noscript") && shown(el)) seen.push(n.textContent);
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]")) {
    if (!shown(el) && !el.closest("dialog")) continue;  // the menus' contents count: they open on a tap
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      if (el.getAttribute(name)) seen.push(el.getAttribute(name));
    }
  }
  return seen;
}"""


def latin_words(texts: list[str]) -> set[str]:
    words = {w for text in texts for w in re.findall(r"[A-Za-z]+", text)}
    return {w for w in words if w not in ALLOWED and not re.fullmatch(r"[A-E]+", w)}  # 正确答案：BCE


def test_the_latin_word_check_catches_theme_strings():
    assert latin_words(["搜索……", "选项 A", "正确答案：BCE", "PDF 版", "XX 市"]) == set()
    assert latin_words(["Search...", "¶ part3-s2", "Toggle primary sidebar"]) == {
        "Search", "part", "s", "Toggle", "primary", "sidebar",
    }  # fmt: skip


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_a_learner_sees_only_chinese(page: Page, html_site: Path, path: str, size: dict):
    open_at(page, html_site, path, size)
    page.wait_for_timeout(300)  # the theme's scripts set their titles and labels
    assert latin_words(page.evaluate(WORDS_SEEN)) == set()


# Learner pages in the states that show the most words: questions, answers, 解析, search results.
@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize(
    "state", ["modules", "module", "glossary", "exam-result", "mistakes-filled", "search-sifeng", "search-tanhua"]
)
def test_a_learner_sees_only_chinese_on_every_page_type(page: Page, html_site: Path, project, state: str, size: str):
    open_state(page, html_site, project, state, size, "light")
    assert latin_words(page.evaluate(WORDS_SEEN)) == set()


def test_speech_anchors_stay_in_the_addresses(page: Page, html_site: Path):
    open_at(page, html_site, "reference/speech.html", PHONE)
    label = page.locator("#part3-s2 .speech-anchor-link")
    expect(label).to_have_text("¶ 第三部分（二）")
    assert label.get_attribute("href") == "#part3-s2"


# -- tables and diagrams on a phone ------------------------------------------------------------------------------
NARROWEST_CELL = """(table) => Math.min(...[...table.querySelectorAll("th, td")]
    .filter((c) => c.colSpan === 1 && c.textContent.trim().length > 1).map((c) => c.getBoundingClientRect().width))"""


@pytest.mark.parametrize("path", ["practice/progress.html", "reference/trainer-guide.html"])
def test_tables_keep_readable_columns_on_a_phone(page: Page, html_site: Path, path: str):
    open_at(page, html_site, path, PHONE)
    tables = page.locator("article table")
    assert tables.count() >= 1
    for i in range(tables.count()):
        table = tables.nth(i)
        table.scroll_into_view_if_needed()
        # at least two characters (16 px text) side by side in every column; what does not fit scrolls sideways
        assert table.evaluate(NARROWEST_CELL) >= 2 * 16
        # the table, or the theme's scrolling box around it, stays within the screen
        box = table.evaluate(
            "t => { const r = (t.closest('.pst-scrollable-table-container') || t).getBoundingClientRect();"
            " return [r.left, r.right]; }"
        )
        assert box[0] >= 0 and box[1] <= PHONE["width"] + 0.5
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_diagrams_fit_the_column_on_a_phone(page: Page, html_site: Path):
    """On a phone a diagram shows as one column (tests/browser/test_diagrams_phone.py measures its text), within
    the column; the drawing as written is not shown."""
    open_at(page, html_site, LESSON, PHONE)
    diagram = page.locator("div.graphviz-phone object.graphviz").first
    diagram.scroll_into_view_if_needed()
    expect(page.locator("div.graphviz-wide").first).to_be_hidden()
    column = page.evaluate("document.querySelector('article.bd-article').getBoundingClientRect().width")
    assert diagram.evaluate("o => o.getBoundingClientRect().width") <= column + 0.5
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    link = page.locator("p.graphviz-full a").first
    expect(link).to_have_text("查看大图")
    wide = page.locator("div.graphviz-wide object.graphviz").first.get_attribute("data")
    assert link.get_attribute("href") == wide.removesuffix(".svg") + ".html"


# -- icons and page weight ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_theme_icons_show_without_font_awesome(page: Page, html_site: Path, size: dict):
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    open_at(page, html_site, LESSON, size)
    assert not [u for u in loaded if "fontawesome" in u or "webfonts" in u]
    icons = page.locator(".bd-header-article .fa-solid:visible")
    assert icons.count() >= 2
    for i in range(icons.count()):
        drawn = icons.nth(i).evaluate(
            "el => { const s = getComputedStyle(el, '::before');"
            " return [s.maskImage || s.webkitMaskImage, parseFloat(s.width), s.backgroundColor]; }"
        )
        assert drawn[0].startswith('url("data:image/svg+xml'), drawn
        assert drawn[1] >= 10
        assert drawn[2] not in ("rgba(0, 0, 0, 0)", "transparent")


FONT_AWESOME_GLYPHS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const text = style.content;
      if (style.fontFamily.includes("Font Awesome") && text && !["none", "normal", '""'].includes(text)) {
        found.push(`${el.tagName}.${el.className}${pseudo}`);
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("path", [LESSON, "reference/glossary.html", "search.html"])
def test_no_icon_waits_for_the_font_awesome_font(page: Page, html_site: Path, path: str):
    """Every theme icon drawn from Font Awesome's font (admonitions, links) is drawn by site.css instead:
    with the font not loaded, such a character would show as an empty box."""
    open_at(page, html_site, path, DESKTOP)
    assert page.evaluate(FONT_AWESOME_GLYPHS) == []
    titles = page.locator(".admonition > .admonition-title")
    for i in range(titles.count()):
        mask = titles.nth(i).evaluate("el => getComputedStyle(el, '::after').maskImage")
        assert mask.startswith('url("data:image/svg+xml'), mask


def lesson_load(page: Page, site: Path) -> tuple[int, int, list[str]]:
    """Bytes and requests a lesson page loads in Chromium (not time: both are exact)."""
    done: list = []
    page.on("requestfinished", lambda r: done.append(r))
    open_at(page, site, LESSON, PHONE)
    page.wait_for_load_state("networkidle")  # deferred scripts, the diagram, anything they fetch: all done
    sizes = [len(r.response().body()) for r in done if r.response() is not None]
    return sum(sizes), len(done), [r.url.rsplit("/html/", 1)[-1] for r in done]


def test_a_lesson_page_stays_within_its_budget(page: Page, html_site: Path):
    total, requests, urls = lesson_load(page, html_site)
    assert requests <= BUDGET_REQUESTS, urls
    assert total <= BUDGET_BYTES, urls
    assert not [u for u in urls if "searchindex" in u or "searchtools" in u]


# -- search: the learners' pages, each once ----------------------------------------------------------------------
def search_results(page: Page, site: Path, words: str) -> list[str]:
    page.goto((site / "search.html").as_uri() + f"?q={words}")
    results = page.locator("#search-results ul.search li")
    expect(results.first).to_be_visible(timeout=15000)
    expect(page.locator("#search-results h2")).to_have_text("搜索结果")  # the list, filled in steps, is complete
    return results.evaluate_all("ls => ls.map(l => l.querySelector('a').getAttribute('href'))")


def test_search_leaves_out_the_maintainers_pages(page: Page, html_site: Path):
    found = search_results(page, html_site, "题库")
    assert found and not [href for href in found if href.startswith("maintainer/")]
    sidebar = (html_site / "index.html").read_text(encoding="utf-8")
    assert sidebar.index("维护者") > sidebar.index("参考资料")  # the maintainers' section comes last


def test_search_lists_the_glossary_once_for_a_term(page: Page, html_site: Path):
    found = search_results(page, html_site, "一岗双责")
    assert len([href for href in found if href.startswith("reference/glossary.html")]) == 1


# -- every page type, phone and desktop, light and dark ------------------------------------------------------------
# What sticks out past the right edge of the screen, unless a box that scrolls sideways (a wide table, a code
# block, a diagram) holds it within the screen.
STICKING_OUT = """() => {
  const width = innerWidth, out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5 || !el.checkVisibility({visibilityProperty: true})) continue;
    let box = el.parentElement, held = false;
    for (; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible" && box.getBoundingClientRect().right <= width + 0.5) {
        held = true;
        break;
      }
    }
    if (!held) out.push(`${el.tagName}.${el.classList[0] || ""} → ${Math.round(r.right)}`);
  }
  return [document.documentElement.scrollWidth, width, out.slice(0, 10)];
}"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("state", list(STATES))
def test_no_page_scrolls_sideways(page: Page, html_site: Path, project, state: str, size: str):
    open_state(page, html_site, project, state, size, "light")
    for mode in ("light", "dark"):
        if mode == "dark":
            switch_to_dark(page)
        page_width, screen, sticking_out = page.evaluate(STICKING_OUT)
        assert page_width <= screen, (mode, sticking_out)


# The sticky header (and 模拟考试's sticky countdown) must not cover the passage a link leads to.
COVERED_BY = """() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const t = target.getBoundingClientRect();
  const sticky = [...document.querySelectorAll("body *")].filter((el) => {
    const pos = getComputedStyle(el).position;
    const r = el.getBoundingClientRect();
    return (pos === "sticky" || pos === "fixed") && r.height > 0 && r.bottom > 0 && r.left < t.right
      && r.right > t.left && el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  });
  const over = sticky.filter((el) => { const r = el.getBoundingClientRect(); return r.top <= t.top + 1 && r.bottom > t.top + 1; });
  return {top: t.top, height: innerHeight, sticky: sticky.map((el) => el.className),
          covered_by: over.map((el) => el.className)};
}"""
# (page state, the link followed): 查看原文 under an answer and in 模拟考试's list of wrong answers, a lesson's 原文摘录,
# the glossary's references, a question of that list, and a passage's own ¶ address.
ANCHOR_LINKS = {
    "lesson-answer": ("lesson", ".qz-after:visible a.qz-src", 0),
    "lesson-excerpt": ("lesson", ".speech-excerpt-source a", 1),
    "module-table": ("module", "article td a[href*='speech.html#']", 2),
    "glossary": ("glossary", "article dd a[href*='speech.html#']", 10),
    "speech-passage": ("speech", "#part2-s3 .speech-anchor-link", 0),
    "exam-source": ("exam-result", ".qz-review a.qz-src", 3),
    "exam-question": ("exam-result", ".qz-review li > a[href^='#']", 5),
}


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("link", list(ANCHOR_LINKS))
def test_links_land_below_the_sticky_header(page: Page, html_site: Path, project, link: str, size: str):
    state, selector, nth = ANCHOR_LINKS[link]
    open_state(page, html_site, project, state, size, "light")
    page.locator(selector).nth(nth).click()
    page.wait_for_url(re.compile("#"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # the scroll to the passage
    seen = page.evaluate(COVERED_BY)
    assert seen["sticky"], "no sticky header found: the check would prove nothing"
    assert seen["covered_by"] == [], seen
    assert 0 <= seen["top"] < seen["height"] / 2, seen


# Everything a learner taps in a quiz, 学习记录 and 错题本 is at least 24×24 CSS px (WCAG 2.2 target size). A radio
# button or check box counts by its option's label, which is what takes the tap.
QUIZ_CONTROLS = (
    ".qz button, .qz label.qz-opt, .qz-blank input, .qz textarea, .qz a, .qz-progress button, .qz-progress a,"
    " .qz-filebtn, .qz-review a"
)
TOO_SMALL = """(selector) => {
  const small = [];
  const shown = [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility());
  for (const el of shown) {
    const r = el.getBoundingClientRect();
    if (r.width < 24 || r.height < 24) small.push(`${el.className} “${el.textContent.trim().slice(0, 12)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  for (const box of document.querySelectorAll(".qz input[type=radio], .qz input[type=checkbox]")) {
    if (box.checkVisibility() && !box.closest("label.qz-opt")) small.push(`${box.name}: a bare ${box.type}`);
  }
  return [shown.length, small];
}"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize(
    "state", ["lesson", "final-test", "exam-before", "exam-during", "exam-result", "progress", "mistakes-filled"]
)
def test_quiz_controls_are_big_enough_to_tap(page: Page, html_site: Path, project, state: str, size: str):
    open_state(page, html_site, project, state, size, "light")
    if state == "exam-during":  # and its 确定交卷? dialog
        page.locator("section.qz .qz-submit").click()
        expect(page.locator(".qz-dialog")).to_be_visible()
    count, small = page.evaluate(TOO_SMALL, QUIZ_CONTROLS)
    assert count >= 1
    assert small == []


# A screenshot's RGBA bytes, decoded in the page (shared by the pixel checks below).
PIXELS = """const pixels = async (png) => {
  const img = new Image();
  img.src = "data:image/png;base64," + png;
  await img.decode();
  const canvas = new OffscreenCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return ctx.getImageData(0, 0, img.width, img.height).data;
};"""
# Keyboard focus shows: around a control that takes focus, a ring's worth of pixels change (at least half its
# perimeter, one pixel deep; a ring clipped to the corners, as the home page's cards had, changed 16 of 2,675).
CHANGED_PIXELS = (
    """async ([before, after]) => {"""
    + PIXELS
    + """
  const [a, b] = [await pixels(before), await pixels(after)];
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 60) changed++;
  }
  return changed;
}"""
)
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
FOCUSED = {
    "menu-button": ("lesson", ".bd-header-article .primary-toggle", ""),
    "contents-button": ("lesson", ".bd-header-article .secondary-toggle", ""),
    "mode-button": ("lesson", ".bd-header-article .theme-switch-button", ""),
    "search-button": ("lesson", ".bd-header-article .search-button__button", ""),
    "home-card": ("home", ".sd-card .sd-stretched-link", ".sd-card"),
    "quiz-button": ("lesson", "section.qz li.qz-q:not([data-done]) .qz-check", ""),
    "quiz-option": ("lesson", "section.qz li.qz-q:not([data-done]) label.qz-opt input", "label.qz-opt"),
    "speech-passage": ("speech", "#part1-p3 .speech-anchor-link", ""),
    "progress-button": ("progress", ".qz-progress .qz-export", ""),
    "exam-start": ("exam-before", ".qz-start", ""),
}


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("control", list(FOCUSED))
def test_keyboard_focus_is_visible_on_a_phone(page: Page, html_site: Path, project, control: str, mode: str):
    state, selector, area = FOCUSED[control]
    open_state(page, html_site, project, state, "phone", mode)
    page.add_style_tag(content=NO_TRANSITIONS)
    target = page.locator(selector).first
    target.evaluate("(el, area) => (area ? el.closest(area) : el).scrollIntoView({block: 'center'})", area)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    box = target.evaluate(
        "(el, area) => { const r = (area ? el.closest(area) : el).getBoundingClientRect();"
        " return {x: Math.max(0, r.left - 4), y: Math.max(0, r.top - 4), width: Math.min(innerWidth, r.right + 4)"
        " - Math.max(0, r.left - 4), height: r.height + 8}; }",
        area,
    )
    before = page.screenshot(clip=box)
    page.keyboard.press("Shift")  # a key pressed: focus now shows as the keyboard's (:focus-visible), not a tap's
    target.evaluate("el => el.focus()")
    assert target.evaluate("el => el.matches(':focus-visible')")
    page.wait_for_timeout(50)
    after = page.screenshot(clip=box)
    changed = page.evaluate(CHANGED_PIXELS, [base64.b64encode(shot).decode() for shot in (before, after)])
    assert changed >= box["width"] + box["height"], f"{control}: too little shows that it has the keyboard focus"


# Diagrams (graphviz: black on white) are no bright panel in dark mode, and stay readable (light on dark).
LUMINANCE = (
    """async (png) => {"""
    + PIXELS
    + """
  const data = await pixels(png);
  let sum = 0, top = 0;
  for (let i = 0; i < data.length; i += 4) {
    const y = (0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]) / 255;
    sum += y;
    top = Math.max(top, y);
  }
  return [sum / (data.length / 4), top];
}"""
)


@pytest.mark.parametrize("mode", ["light", "dark", "system-dark"])
def test_diagrams_suit_the_mode(page: Page, html_site: Path, project, mode: str):
    open_state(page, html_site, project, "lesson", "phone", mode)
    diagram = page.locator("div.graphviz:visible object.graphviz").first
    diagram.scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    mean, brightest = page.evaluate(LUMINANCE, base64.b64encode(diagram.screenshot()).decode())
    if mode == "light":
        assert mean > 0.8
    else:
        assert mean < 0.3, "a bright panel on a dark page"
        assert brightest > 0.75, "lines and text too dim to read"


# 模拟考试's countdown sticks right under the sticky header: no line of a question shows through between the two.
@pytest.mark.parametrize("width", [390, 768, 769, 1280])
def test_the_countdown_sticks_flush_under_the_header(page: Page, html_site: Path, project, width: int):
    open_state(page, html_site, project, "exam-during", "phone", "light")
    page.set_viewport_size({"width": width, "height": 800})
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    header, timer = (
        page.locator(selector).evaluate("el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; }")
        for selector in (".bd-header-article", "section.qz .qz-timer")
    )
    assert header[0] == 0
    assert timer[0] == pytest.approx(header[1], abs=0.5)
