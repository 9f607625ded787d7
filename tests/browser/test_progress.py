"""学习记录 and 错题本 in Chromium from file://, and what happens when storage is missing, full or corrupt."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect
from qzhelp import STORE_KEY, answer, open_page, question, quiz_data, stored

pytestmark = pytest.mark.browser

LESSON = "modules/m1/l1.html"
BOOK = "practice/mistakes.html"
PROGRESS = "practice/progress.html"


def auto_ids(data: dict) -> list[str]:
    return [qid for qid, d in data.items() if d["t"] != "open"]


def test_mistakes_book_indexes_every_auto_scored_question_and_carries_none(html_site):
    """The page holds no question, only the index of every auto-scored one, each once, and the data files hold
    them all (book.js loads those of the learner's wrong questions)."""
    course: set[str] = set()
    for path in html_site.rglob("*.html"):
        if path.name == "mistakes.html":
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.select("section.qz script.qz-data"):
            course |= set(auto_ids(json.loads(script.string)))
    soup = BeautifulSoup((html_site / BOOK).read_text(encoding="utf-8"), "html.parser")
    assert not soup.select(".qz-book li.qz-q")
    index = json.loads(soup.select_one(".qz-book[data-qz-page=book]")["data-index"])
    book = [qid for ids in index["q"] for qid in ids]
    assert course, "the course has quizzes"
    assert sorted(book) == sorted(course)
    assert len(book) == len(set(book))
    held: dict = {}
    for name in index["f"]:
        text = (html_site / "_static" / "qz-data" / f"{name}.js").read_text(encoding="utf-8")
        held.update(json.loads(text.split("]=", 1)[1].rstrip().rstrip(";")))
    assert sorted(held) == sorted(book)
    assert all(record["t"] != "open" for record in held.values())


def test_mistakes_book_fills_and_empties(page: Page, html_site, project):
    open_page(page, html_site, BOOK)
    expect(page.locator(".qz-book .qz-empty")).to_be_visible()
    expect(page.locator(".qz-book li.qz-q:visible")).to_have_count(0)

    open_page(page, html_site, LESSON)
    first, second = auto_ids(quiz_data(page))[:2]
    for qid in (first, second):
        li = question(page, qid)
        answer(li, project.question(qid), right=False)
        li.locator(".qz-check").click()
    assert stored(page)["mistakes"] == [first, second]

    open_page(page, html_site, BOOK)
    visible = page.locator(".qz-book li.qz-q:visible")
    expect(visible).to_have_count(2)
    expect(page.locator(".qz-book .qz-meta")).to_have_text("错题 2 道")
    expect(page.locator(".qz-book .qz-empty")).to_be_hidden()
    expect(visible.first).to_have_attribute("data-qid", first)
    expect(visible.first.locator(".qz-num")).to_have_text("第 1 题")

    li = question(page, first, ".qz-book")
    answer(li, project.question(first), right=True)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("本题已移出错题本")
    li = question(page, second, ".qz-book")
    answer(li, project.question(second), right=False)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("回答错误")
    assert stored(page)["mistakes"] == [second]

    page.reload()
    expect(page.locator(".qz-book li.qz-q:visible")).to_have_count(1)
    li = question(page, second, ".qz-book")
    answer(li, project.question(second), right=True)
    li.locator(".qz-check").click()
    page.locator(".qz-book .qz-retry").click()  # 再练一次 drops what was answered right
    expect(page.locator(".qz-book li.qz-q:visible")).to_have_count(0)
    expect(page.locator(".qz-book .qz-empty")).to_be_visible()
    assert stored(page)["mistakes"] == []


def test_export_clear_import_restores_progress(page: Page, html_site, tmp_path):
    open_page(page, html_site, PROGRESS)
    rows = page.locator("tr[data-quiz]")
    keys = rows.evaluate_all("rs => rs.map(r => r.dataset.quiz)")
    assert len(keys) >= 13 and all(k.startswith("main/") for k in keys)
    record = {
        "version": 1,
        "course": "main",
        "quizzes": {keys[0]: {"best": 90, "attempts": 2, "last": 90}, keys[1]: {"best": 40, "attempts": 1, "last": 40}},
        "mistakes": ["m1-l1-001"],
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE_KEY, json.dumps(record)])  # a version 1 record
    page.reload()
    upgraded = {**record, "version": 2, "current": {}}
    expect(rows.nth(0).locator(".qz-st")).to_have_text("已掌握")
    expect(rows.nth(1).locator(".qz-st")).to_have_text("已练习")
    expect(rows.nth(2).locator(".qz-st")).to_have_text("未开始")
    expect(rows.nth(1).locator(".qz-best")).to_have_text("40%（1 次）")
    module = rows.nth(0).get_attribute("data-module")
    bar = page.locator(f'[data-module-bar="{module}"]')
    expect(bar.locator(".qz-val")).to_have_text(re.compile(r"\d+%"))
    assert bar.locator(".qz-val").inner_text() != "0%"
    expect(page.locator(".qz-nmist")).to_have_text("1")

    with page.expect_download() as info:
        page.locator(".qz-export").click()
    exported = tmp_path / "progress.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert {k: data[k] for k in upgraded} == upgraded

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".qz-clear").click()
    expect(page.locator(".qz-io-msg")).to_have_text("学习记录已清除。")
    expect(rows.nth(0).locator(".qz-st")).to_have_text("未开始")
    expect(page.locator(".qz-nmist")).to_have_text("0")
    assert stored(page) is None

    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 2}', encoding="utf-8")
    page.locator(".qz-import").set_input_files(bad)
    expect(page.locator(".qz-io-msg")).to_contain_text("导入失败")
    assert stored(page) is None

    page.locator(".qz-import").set_input_files(exported)
    expect(page.locator(".qz-io-msg")).to_have_text("已合并：2 个自测有更新，新增 1 道错题。")
    expect(rows.nth(0).locator(".qz-st")).to_have_text("已掌握")
    assert stored(page) == upgraded
    page.reload()
    expect(rows.nth(1).locator(".qz-best")).to_have_text("40%（1 次）")


def check_still_works(page: Page, project) -> None:
    qid = auto_ids(quiz_data(page))[0]
    li = question(page, qid)
    answer(li, project.question(qid), right=False)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("回答错误")
    expect(li.locator(".qz-after")).to_be_visible()


def test_corrupt_storage_is_reported_and_left_alone(page: Page, html_site, project, console_errors):
    open_page(page, html_site, LESSON)
    page.evaluate("k => localStorage.setItem(k, '{oops')", STORE_KEY)
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    store = page.locator("section.qz .qz-store")
    expect(store).to_be_visible()
    expect(store).to_contain_text("损坏")
    expect(store).to_contain_text("进度不会被保存")
    check_still_works(page, project)
    assert page.evaluate("k => localStorage.getItem(k)", STORE_KEY) == "{oops"

    open_page(page, html_site, PROGRESS)
    expect(page.locator(".qz-progress .qz-store")).to_contain_text("损坏")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".qz-clear").click()
    expect(page.locator(".qz-progress .qz-store")).to_be_hidden()
    assert console_errors == []


def test_storage_unavailable(page: Page, html_site, project, quizgen_errors):
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    open_page(page, html_site, LESSON)
    expect(page.locator("section.qz .qz-store")).to_contain_text("进度不会被保存")
    check_still_works(page, project)
    open_page(page, html_site, BOOK)
    expect(page.locator(".qz-book .qz-store")).to_contain_text("进度不会被保存")
    assert quizgen_errors == []


def test_storage_full(page: Page, html_site, project, quizgen_errors):
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    open_page(page, html_site, LESSON)
    store = page.locator("section.qz .qz-store")
    expect(store).to_be_hidden()
    check_still_works(page, project)
    expect(store).to_be_visible()
    expect(store).to_contain_text("无法保存学习记录")
    assert quizgen_errors == []
