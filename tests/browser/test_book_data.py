"""错题本 from compact data files: only the learner's wrong questions are loaded and built, each exactly as the
lesson page renders it, and the page weighs like any other (≤ 450 KB at 390×844)."""

from __future__ import annotations

import html
import json

import pytest
from playwright.sync_api import Page, expect
from qzhelp import STORE_KEY, open_page

pytestmark = pytest.mark.browser

BOOK = "practice/mistakes.html"
LESSONS = ("modules/m1/l1.html", "modules/m2/l3.html", "modules/m3/l2.html")
GOAL_BYTES = 450 * 1000

# A question's elements as a learner meets them, without what tells two quizzes apart (ids, input names), the
# folder depth of links, and the option order (each attempt shuffles it).
SHAPE = r"""li => {
  const walk = n => n.nodeType === 3 ? n.data : [n.tagName, [...n.attributes]
      .filter(a => !['id', 'name'].includes(a.name)).map(a => a.name + '=' + a.value.replace(/^(\.\.\/)+/, '')).sort().join(' '),
      ...[...n.childNodes].map(walk)];
  const copy = li.cloneNode(true);
  copy.querySelectorAll('.qz-opts').forEach(o => [...o.children]
      .sort((a, b) => a.dataset.key.localeCompare(b.dataset.key)).forEach(c => o.append(c)));
  copy.querySelectorAll('.qz-key').forEach(k => k.textContent = '');
  copy.querySelector('.qz-num').textContent = '';
  return JSON.stringify(walk(copy));
}"""


def shapes_of(items) -> dict[str, str]:
    return items.evaluate_all(f"ls => Object.fromEntries(ls.map(l => [l.dataset.qid, ({SHAPE})(l)]))")


def lesson_questions(page: Page, site, path: str) -> dict[str, str]:
    open_page(page, site, path)
    items = page.locator("section.qz li.qz-q:not([data-type=open])")
    return shapes_of(items)


def put_mistakes(page: Page, mistakes: list[str]) -> None:
    record = {"version": 2, "course": "main", "quizzes": {}, "mistakes": mistakes, "current": {}}
    page.evaluate(f"localStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps(record))})")


def test_the_book_builds_each_wrong_question_as_its_lesson_shows_it(page: Page, html_site):
    page.set_viewport_size({"width": 390, "height": 844})
    shapes: dict[str, str] = {}
    for path in LESSONS:
        shapes.update(lesson_questions(page, html_site, path))
    wrong = [qid for qid in shapes][::7]  # some of each type, from three lessons
    put_mistakes(page, wrong)
    loaded: list[str] = []
    page.on("requestfinished", lambda r: loaded.append(r.url.rsplit("/", 1)[-1]))
    open_page(page, html_site, BOOK)
    book = page.locator(".qz-book li.qz-q")
    expect(book).to_have_count(len(wrong))
    built = shapes_of(book)
    assert set(built) == set(wrong)
    for qid in wrong:
        assert built[qid] == shapes[qid], qid
    data = sorted(name for name in loaded if name.endswith(".js") and "quizgen" not in name)
    assert data == ["m1-l1.js", "m2-l3.js", "m3-l2.js", "speech.js"]  # only the lessons of the wrong questions


def weigh(page: Page, site, path: str) -> int:
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(len(r.response().body()) if r.response() else 0))
    open_page(page, site, path)
    page.wait_for_load_state("networkidle")  # the page script and the data it loads: all done
    return sum(sizes)


def test_the_book_weighs_like_any_page(page: Page, html_site, project):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, html_site, LESSONS[0])
    text = (html_site / BOOK).read_text(encoding="utf-8")
    index = json.loads(html.unescape(text.split('data-index="')[1].split('"')[0]))  # the course's questions
    some = [qid for name, ids in zip(index["f"], index["q"], strict=True) if name in ("m1-l1", "m2-l2", "m3-l3")
            for qid in ids[:10]]  # fmt: skip
    put_mistakes(page, some)
    assert weigh(page, html_site, BOOK) <= GOAL_BYTES
    expect(page.locator(".qz-book li.qz-q:visible")).to_have_count(len(some))
