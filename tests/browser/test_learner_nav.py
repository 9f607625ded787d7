"""The learner's ☰ drawer at 390×844 lists learner pages only, and one clearly marked 培训师 entry; a trainer page
keeps the whole navigation, so trainers can move among their pages."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

import pytest
from playwright.sync_api import Page, expect
from qzhelp import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def learner_patterns() -> list[str]:
    namespace: dict = {
        "tags": type("Tags", (), {"has": staticmethod(lambda name: False)})(),
        "__file__": str(ROOT / "conf.py"),
    }
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)  # the patterns the site is built with
    return namespace["quizgen_learner_pages"]


def drawer_pages(page: Page, site, path: str) -> list[tuple[str, str]]:
    page.set_viewport_size(PHONE)
    page.goto((site / path).as_uri())
    page.locator(".bd-header-article .primary-toggle").click()
    drawer = page.locator("#pst-primary-sidebar-modal")
    expect(drawer).to_be_visible()
    links = drawer.locator("nav.bd-docs-nav a[href]")
    pairs = links.evaluate_all("ls => ls.map(a => [a.href, a.textContent.trim()])")
    root = site.as_uri() + "/"
    return [(href.removeprefix(root).split("#")[0].removesuffix(".html"), text) for href, text in pairs]


@pytest.mark.parametrize(
    "path", ["modules/m1/l1.html", "index.html", "practice/mistakes.html", "reference/speech.html"]
)
def test_the_learner_drawer_lists_no_trainer_or_maintainer_page(page: Page, html_site, path):
    patterns = learner_patterns()
    pages = drawer_pages(page, html_site, path)
    others = [(doc, text) for doc, text in pages if not any(fnmatchcase(doc, p) for p in patterns)]
    assert others == [("reference/trainer-guide", "培训师与维护者资料（非学员内容）")]  # the one marked entry
    assert not any(doc.startswith("maintainer/") for doc, _ in pages)
    assert {"modules/m1/l1", "practice/daily", "practice/mistakes", "reference/speech"} <= {d for d, _ in pages}
    headings = page.locator("#pst-primary-sidebar-modal nav.bd-docs-nav .caption-text").all_text_contents()
    assert "维护者" not in headings and headings[-1] == "培训师"


def test_a_trainer_page_keeps_the_whole_navigation(page: Page, html_site):
    pages = drawer_pages(page, html_site, "reference/trainer-guide.html")
    docs = {doc for doc, _ in pages}
    assert {"reference/scorm", "reference/courses", "maintainer/bank-format"} <= docs
    assert not any(re.search("非学员内容", text) for _, text in pages)
