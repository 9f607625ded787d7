"""Small things a learner meets on a 390×844 phone: fill-in boxes wide enough for their answers, the 讲话原文 page's
jump menu and ¶ labels, the theme menu, the header's buttons. Real Chromium, pages from file://."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page
from qzhelp import open_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

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
