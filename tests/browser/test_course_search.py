"""The half-day course's site in Chromium: search works offline and finds only the course's pages."""

from __future__ import annotations

import pytest

pytest_plugins = ["conftest_course"]


@pytest.mark.slow
@pytest.mark.browser
def test_course_site_search_works_offline_and_stays_in_the_course(page, half_day, offsite_requests, console_errors):
    from playwright.sync_api import expect

    site = half_day / "site"
    page.goto((site / "search.html").as_uri() + "?q=诫勉")
    expect(page.locator("#search-results .search-summary")).to_be_visible(timeout=15000)  # shown when done
    hrefs = [a.get_attribute("href") for a in page.locator("#search-results ul.search li a").all()]
    assert any("modules/m3/l3.html" in h for h in hrefs), hrefs
    assert not any("trainer-guide" in h for h in hrefs), hrefs
    # 漏评 is taught in m2-l3 (课后自学 in this course: on its site) and mentioned in the glossary (always in).
    page.goto((site / "search.html").as_uri() + "?q=漏评")
    expect(page.locator("#search-results .search-summary")).to_be_visible(timeout=15000)
    hrefs = [a.get_attribute("href") for a in page.locator("#search-results ul.search li a").all()]
    assert any("reference/glossary.html" in h for h in hrefs), hrefs
    assert any("modules/m2/l3.html" in h for h in hrefs), hrefs
    assert not any("trainer-guide" in h for h in hrefs), hrefs
    # SCORM is named only on trainers' and maintainers' pages, which this course leaves out.
    page.goto((site / "search.html").as_uri() + "?q=SCORM")
    expect(page.locator("#search-results .search-summary")).to_be_visible(timeout=15000)
    assert page.locator("#search-results ul.search li a").count() == 0
    page.wait_for_load_state("networkidle")  # whatever the search page fetches, done: no fixed pause
    assert offsite_requests == []
    assert console_errors == []
