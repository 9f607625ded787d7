"""Search on a phone, from file://: the learner's pages first, the pages that say a term inside a longer name
(中央八项规定精神) found, and a snippet with the term marked under every result (quizgen/site/search_page.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_learner_nav import learner_patterns

from quizgen.site.learner_nav import is_learner_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TERMS = ["八项规定", "四风", "工会经费", "谈话"]
# Everything search.html loads (the page, styles, scripts, the index and the page texts), from file://:
SEARCH_PAGE_BUDGET = 1000 * 1000  # below Sphinx's own snippets for 四风: the page and its 10 results, 1,388 KB


def search(page: Page, site: Path, words: str) -> list[dict]:
    page.set_viewport_size(PHONE)
    page.goto((site / "search.html").as_uri() + f"?q={words}")
    expect(page.locator("#search-results .search-summary")).to_be_visible(timeout=15000)  # the list is complete
    return page.locator("#search-results ul.search > li").evaluate_all(
        """ls => ls.map(l => ({href: l.querySelector('a').getAttribute('href'),
                               snippet: (l.querySelector('p.qz-snippet') || {}).textContent || '',
                               marks: [...l.querySelectorAll('p.qz-snippet mark')].map(m => m.textContent)}))"""
    )


@pytest.mark.parametrize("term", TERMS)
def test_a_learner_page_comes_first_and_every_result_has_a_marked_snippet(
    page: Page, html_site: Path, term: str, offsite_requests, console_errors
):
    results = search(page, html_site, term)
    assert len(results) >= 2
    docnames = [r["href"].split("#")[0].removesuffix(".html") for r in results]
    assert is_learner_page(docnames[0], learner_patterns()), docnames
    learner = [is_learner_page(d, learner_patterns()) for d in docnames]
    assert learner == sorted(learner, reverse=True), docnames  # no trainer page above a learner page
    for result in results:
        assert term in result["snippet"], result
        assert term in result["marks"], result
    assert offsite_requests == []
    assert console_errors == []


def test_八项规定_finds_the_speech_and_the_lessons_that_say_中央八项规定精神(page: Page, html_site: Path):
    found = [r["href"].split("#")[0] for r in search(page, html_site, "八项规定")]
    assert {"reference/speech.html", "modules/m1/l1.html", "modules/m2/l2.html"} <= set(found), found


def test_工会经费_ranks_the_lesson_that_teaches_it_above_the_trainer_guide(page: Page, html_site: Path):
    found = [r["href"].split("#")[0] for r in search(page, html_site, "工会经费")]
    assert found[0] == "modules/m2/l3.html", found
    assert found.index("reference/trainer-guide.html") == len(found) - 1, found


def test_a_snippet_is_text_and_marks_only(page: Page, html_site: Path):
    """A snippet is built from text nodes (the page texts are never parsed as HTML); quotes around a word only
    separate it."""
    results = search(page, html_site, "“四风”")
    assert results and all("四风" in r["marks"] for r in results)
    tags = page.locator("#search-results p.qz-snippet *").evaluate_all("es => [...new Set(es.map(e => e.tagName))]")
    assert tags == ["MARK"]


def test_the_search_page_alone_loads_the_page_texts(page: Page, html_site: Path):
    done: list = []
    page.on("requestfinished", lambda r: done.append(r))
    search(page, html_site, "四风")
    page.wait_for_timeout(500)
    sizes = {r.url.rsplit("/html/", 1)[-1]: len(r.response().body()) for r in done if r.response() is not None}
    assert any(u.startswith("_static/quizgen-search-texts.js") for u in sizes)
    print(f"search.html loads {sum(sizes.values())} bytes in {len(sizes)} requests")
    assert sum(sizes.values()) <= SEARCH_PAGE_BUDGET, sizes
    for path in ["index.html", "modules/m1/l1.html", "reference/speech.html"]:
        html = (html_site / path).read_text(encoding="utf-8")
        assert "quizgen-search" not in html and "searchindex" not in html
