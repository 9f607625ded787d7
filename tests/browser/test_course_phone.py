"""The half-day course's site on a phone, served as the trainer guide says (any static web server): Python's own
server on http://127.0.0.1, stopped when the test ends; Chromium at 390×844 takes a lesson's quiz."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from qzhelp import answer, question, quiz_data

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest_plugins = ["conftest_course"]
PHONE = {"width": 390, "height": 844}


MISSING: list[str] = []  # paths the server answered with an error, whoever asked (the browser's own requests too)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(code).isdigit() and int(code) >= 400:
            MISSING.append(self.path)


@pytest.fixture
def served(half_day: Path) -> Iterator[str]:
    """The course site over HTTP on a free local port; the server stops with the test (and never outlives it)."""
    handler = functools.partial(_Quiet, directory=str(half_day / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_quiz_on_a_phone_from_a_web_server(page: Page, served: str, project, console_errors):
    requests: list[str] = []
    MISSING.clear()
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size(PHONE)
    page.goto(served)
    expect(page.locator("h1").first).to_contain_text("新任职工会干部廉政教育")
    page.goto(served + "modules/m1/l1.html")
    page.wait_for_selector("section.qz.qz-on")
    pool = quiz_data(page)
    right = next(qid for qid, d in pool.items() if d["t"] == "single")
    wrong = next(qid for qid, d in pool.items() if d["t"] == "truefalse")
    for qid, correct in ((right, True), (wrong, False)):
        li = question(page, qid)
        answer(li, project.question(qid), right=correct)
        li.locator(".qz-check").click()
    expect(question(page, right).locator(".qz-fb")).to_contain_text("回答正确")
    expect(question(page, wrong).locator(".qz-fb")).to_contain_text("回答错误")
    record = json.loads(page.evaluate("localStorage.getItem('quizgen:new-cadres-half-day')"))  # the course's own
    assert record["mistakes"] == [wrong]
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing wider than the phone
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    expect(question(page, right).locator(".qz-fb")).to_contain_text("回答正确")  # kept on this phone
    assert requests and all(u.startswith((served, "data:", "blob:")) for u in requests), [
        u for u in requests if not u.startswith(served)
    ]
    # The browser asks a web server for /favicon.ico on its own (the site names no icon); nothing else is missing.
    assert set(MISSING) <= {"/favicon.ico"}, MISSING
    assert [e for e in console_errors if not (MISSING and "404" in e)] == []
