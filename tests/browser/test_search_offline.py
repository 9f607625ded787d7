"""The built site works with no network: Chinese search from file://, and nothing loaded from off the site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# (tag, attribute) pairs that make a browser fetch something: scripts, stylesheets, icons, fonts, images, frames.
FETCHING = [
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"), ("video", "src"),
    ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"), ("image", "href"),
    ("use", "href"), ("use", "xlink:href"),
]  # fmt: skip
LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def offsite(url: str) -> bool:
    url = url.strip()
    if not url or url.startswith(("data:", "#", "blob:")):
        return False
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) and parts.scheme != "file"


def fetched_urls(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    urls = []
    for tag, attr in FETCHING:
        for element in soup.find_all(tag):
            value = element.get(attr)
            if value:
                urls += [part.split()[0] for part in value.split(",") if part.strip()] if "srcset" in attr else [value]
    for link in soup.find_all("link"):
        if LINK_RELS & {r.lower() for r in link.get("rel", [])} and link.get("href"):
            urls.append(link["href"])
    for style in soup.find_all("style"):
        urls += [a or b for a, b in CSS_URL.findall(style.get_text())]
    for element in soup.find_all(style=True):
        urls += [a or b for a, b in CSS_URL.findall(element["style"])]
    return urls


def test_no_page_or_stylesheet_loads_anything_off_the_site(html_site: Path):
    pages = sorted(html_site.rglob("*.html"))
    assert len(pages) > 20
    bad = {}
    for path in pages:
        found = [u for u in fetched_urls(path.read_text(encoding="utf-8")) if offsite(u)]
        if found:
            bad[str(path.relative_to(html_site))] = found
    for path in sorted(html_site.rglob("*.css")):
        found = [a or b for a, b in CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace"))]
        found = [u for u in found if offsite(u)]
        if found:
            bad[str(path.relative_to(html_site))] = found
    assert bad == {}


def test_the_offsite_check_catches_what_it_should():
    html = (
        '<script src="https://cdn.example.org/x.js"></script><link rel="stylesheet" href="//fonts.example.com/a.css">'
        '<img srcset="a.png 1x, http://x.example/b.png 2x"><iframe src="https://v.example/"></iframe>'
        '<div style="background:url(https://i.example/bg.png)"></div><a href="https://ok.example/">a plain link</a>'
        '<script src="_static/quizgen.js"></script>'
    )
    assert [u for u in fetched_urls(html) if offsite(u)] == [
        "https://cdn.example.org/x.js", "http://x.example/b.png", "https://v.example/", "//fonts.example.com/a.css",
        "https://i.example/bg.png",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "path",
    ["index.html", "modules/m1/l1.html", "reference/speech.html", "practice/progress.html", "practice/mistakes.html"],
)
def test_browser_makes_no_request_off_the_site(
    page: Page, html_site: Path, path: str, offsite_requests, console_errors
):
    """Nothing a page loads, or its scripts fetch once it has loaded, leaves the machine. Waits for the page's load
    event and then for its network to fall idle (no fixed pause that a slow machine outruns): catches a theme font,
    a CDN script or a fetch() a deferred script makes after load."""
    page.goto((html_site / path).as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    assert offsite_requests == []
    assert console_errors == []


@pytest.mark.parametrize("word", ["廉政谈话", "职工驿站"])
def test_chinese_search_from_file(page: Page, html_site: Path, word: str, offsite_requests, console_errors):
    page.goto((html_site / "search.html").as_uri() + f"?q={word}")
    results = page.locator("#search-results ul.search li")
    expect(results.first).to_be_visible(timeout=15000)
    assert results.count() >= 1
    expect(page.locator("#search-results h2")).to_have_text("搜索结果")  # searchtools.js's end: every result shown
    expect(page.locator("#search-results .search-summary")).not_to_contain_text(" 0 ")
    page.wait_for_load_state("networkidle")
    assert offsite_requests == []
    assert console_errors == []
