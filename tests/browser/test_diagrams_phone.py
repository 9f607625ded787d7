"""一图看懂 on a phone (390×844, file://), light and dark (and held sideways, on a tablet, on a desktop): every diagram of every
page that has one is drawn with its text at 12 px or more, whole inside the screen, each label inside its box; the phone loads only the drawing it shows;
查看大图 opens the diagram no smaller than in the lesson, zoomable, and dark in dark mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page
from test_a11y import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SIDEWAYS = {"width": 844, "height": 390}  # the phone held sideways: the theme's wide layout
TABLET = {"width": 820, "height": 1180}
DESKTOP = {"width": 1280, "height": 900}
MIN_TEXT_PX = 12

# For one <object> showing a Graphviz SVG: the rendered size of every text (its font size times the scale the
# drawing is shown at), the drawing's box, and the labels that stick out of their node's box.
MEASURE = """o => {
  const doc = o.contentDocument, svg = doc.documentElement, box = o.getBoundingClientRect();
  const texts = [...doc.querySelectorAll("text")];
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  const outside = [];
  for (const node of doc.querySelectorAll("g.node")) {
    const shape = node.querySelector("path, polygon, ellipse");
    if (!shape) continue;
    const s = shape.getBBox();
    for (const t of node.querySelectorAll("text")) {
      const b = t.getBBox();
      if (b.x < s.x - 0.5 || b.x + b.width > s.x + s.width + 0.5) outside.push(t.textContent);
    }
  }
  const tops = texts.map(t => t.getBoundingClientRect().top);
  return {sizes, outside, left: box.left, right: box.right, width: box.width, top: box.top,
          firstText: Math.min(...tops), filter: getComputedStyle(o).filter, count: texts.length};
}"""


def diagram_pages(site: Path) -> list[str]:
    pages = [p for p in site.rglob("*.html") if '<p class="graphviz-full">' in p.read_text(encoding="utf-8")]
    return sorted(str(p.relative_to(site)) for p in pages if p.relative_to(site).parts[0] != "_images")


def open_phone(page: Page, site: Path, path: str, mode: str, size: dict = PHONE) -> None:
    page.set_viewport_size(size)
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")


def shown_drawings(page: Page, selector: str = "div.graphviz:visible object"):
    drawings = page.locator(selector)
    for i in range(drawings.count()):
        drawing = drawings.nth(i)
        drawing.scroll_into_view_if_needed()
        drawing.wait_for(state="visible")
        loaded = "o => o.contentDocument && o.contentDocument.querySelector('text')"
        page.wait_for_function(loaded, arg=drawing.element_handle())
        yield drawing


def test_every_lesson_diagram_is_on_a_page(html_site: Path):
    assert len(diagram_pages(html_site)) == 13


@pytest.mark.parametrize(
    ("size", "mode"),
    [(PHONE, "light"), (PHONE, "dark"), (SIDEWAYS, "light"), (TABLET, "light"), (DESKTOP, "light")],
    ids=["phone-light", "phone-dark", "phone-sideways", "tablet", "desktop"],
)
def test_no_diagram_text_under_12_px_on_a_phone(page: Page, html_site: Path, size: dict, mode: str):
    smallest: dict[str, float] = {}
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url) if r.url.endswith(".svg") else None)
    for path in diagram_pages(html_site):
        loaded.clear()
        open_phone(page, html_site, path, mode, size)
        drawings = list(shown_drawings(page))
        assert len(drawings) == 1, path
        found = drawings[0].evaluate(MEASURE)
        assert found["count"] > 3, path
        smallest[path] = min(found["sizes"])
        assert smallest[path] >= MIN_TEXT_PX, (path, smallest[path])
        assert found["outside"] == [], path  # no label cut at its box's edge
        assert found["left"] >= 0 and found["right"] <= size["width"], path  # whole inside the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], path
        if size == PHONE:
            assert found["width"] >= 0.6 * (PHONE["width"] - 48), path  # the column is not mostly blank
            assert found["firstText"] - found["top"] < 60, path  # the diagram starts at its top, not mid-way down
        if mode == "dark":
            assert "invert" in found["filter"], path  # not a white panel on a dark page
        assert len(set(loaded)) == 1, (path, loaded)  # only the drawing shown is loaded
    print(f"smallest diagram text at {size['width']} px ({mode}): {min(smallest.values()):.1f} px", smallest)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_查看大图_opens_the_diagram_larger_and_zoomable(page: Page, html_site: Path, axe_path: Path, mode: str):
    lesson = "modules/m2/l3.html"
    open_phone(page, html_site, lesson, mode)
    inline = min(next(shown_drawings(page)).evaluate(MEASURE)["sizes"])
    page.locator("p.graphviz-full a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and "/_images/" in page.url
    viewport = page.locator('meta[name="viewport"]').get_attribute("content")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport  # pinch-zoom stays on
    drawing = next(shown_drawings(page, "main object"))
    before = drawing.evaluate(MEASURE)
    assert min(before["sizes"]) >= max(inline, 18)  # the diagram at its own size: 14 pt text
    page.get_by_role("button", name="放大").click()
    after = drawing.evaluate(MEASURE)
    assert min(after["sizes"]) > min(before["sizes"]) * 1.2
    page.get_by_role("button", name="缩小").click()
    page.get_by_role("button", name="缩小").click()
    assert min(drawing.evaluate(MEASURE)["sizes"]) < min(after["sizes"])
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    if mode == "dark":
        assert "invert" in before["filter"]
        assert sum(int(c) for c in re.findall(r"\d+", background)[:3]) < 200  # a dark page, not a white one
    else:
        assert background == "rgb(255, 255, 255)"
    assert serious_violations(page, axe_path) == []
    page.get_by_role("link", name="返回课文").click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith(lesson)
