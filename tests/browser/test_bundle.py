"""The offline zip, unzipped anywhere and opened from file://: no request leaves the machine, search and quizzes work."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytest_plugins = ["conftest_dist"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def site(dist_unzipped: Path) -> Path:
    return dist_unzipped / "site"


def test_the_bundle_opens_with_no_offsite_request(page: Page, dist_unzipped: Path, offsite_requests, console_errors):
    page.goto((site(dist_unzipped) / "index.html").as_uri())
    expect(page.locator("h1").first).to_contain_text("工会党风廉政建设培训课程")
    page.get_by_role("link", name="讲话原文").first.click()
    expect(page.locator("#part3-s2")).to_be_visible()
    page.wait_for_load_state("networkidle")  # everything the page and its scripts fetch, done: no fixed pause
    assert offsite_requests == []
    assert console_errors == []


def test_search_works_in_the_bundle(page: Page, dist_unzipped: Path, offsite_requests, console_errors):
    page.goto((site(dist_unzipped) / "search.html").as_uri() + "?q=廉政谈话")
    expect(page.locator("#search-results ul.search li").first).to_be_visible(timeout=15000)
    assert offsite_requests == []
    assert console_errors == []


def test_a_quiz_works_in_the_bundle(page: Page, dist_unzipped: Path, offsite_requests, console_errors):
    page.goto((site(dist_unzipped) / "modules" / "m3" / "l3.html").as_uri())
    question = page.locator("li.qz-q[data-type=truefalse]").first
    question.locator("input").first.check()
    question.locator("button.qz-check").click()
    expect(question.locator(".qz-fb")).to_contain_text("回答")
    expect(question.locator(".qz-after")).to_be_visible()
    expect(question.locator(".qz-after a.qz-src")).to_have_attribute("href", "../../reference/speech.html#part3-s2")
    assert offsite_requests == []
    assert console_errors == []
