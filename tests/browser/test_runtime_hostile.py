"""The quiz runtime facing hostile data in Chromium from file://: files given to 导入学习记录, stored records with odd
values, garbage in the page's address. Nothing of the learner's is lost, nothing reaches the console."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from qzhelp import STORE_KEY, answer, open_page, question, quiz_data, stored

pytestmark = pytest.mark.browser

LESSON = "modules/m1/l1.html"
PROGRESS = "practice/progress.html"
MOCK_EXAM = "practice/mock-exam.html"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
REFUSED = "导入失败：所选文件不是本课程的学习记录。"


def raw(page: Page) -> str | None:
    return page.evaluate("k => localStorage.getItem(k)", STORE_KEY)


def put_raw(page: Page, text: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE_KEY, text])


def assert_readable(locator: Locator) -> None:
    """The message is on screen, within the viewport's width, and its text does not overflow its box."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    width = page_width(locator)
    assert box and box["width"] > 0 and box["height"] > 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    assert locator.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 12


def page_width(locator: Locator) -> float:
    return locator.evaluate("e => e.ownerDocument.documentElement.clientWidth")


def auto_ids(page: Page) -> list[str]:
    return [qid for qid, d in quiz_data(page).items() if d["t"] != "open"]


def progress_keys(page: Page) -> list[str]:
    return page.locator("tr[data-quiz]").evaluate_all("rs => rs.map(r => r.dataset.quiz)")


def import_file(page: Page, path: Path) -> Locator:
    message = page.locator(".qz-io-msg")
    message.evaluate("e => { e.textContent = ''; }")
    page.locator(".qz-import").set_input_files(path)
    return message


# 导入学习记录 ------------------------------------------------------------------------------------------------


@VIEWPORTS
def test_import_merges_and_never_loses_newer_progress(page: Page, html_site, tmp_path, console_errors, viewport):
    page.set_viewport_size(viewport)
    open_page(page, html_site, PROGRESS)
    a, b, c = progress_keys(page)[:3]
    local = {
        "version": 2,
        "course": "main",
        "quizzes": {a: {"best": 90, "attempts": 5, "last": 60}, b: {"best": 40, "attempts": 1, "last": 40}},
        "mistakes": ["m1-l1-001", "m1-l1-002"],
        "current": {a: {"seed": 5, "answers": {"m1-l1-001": ["A"]}, "checked": []}},
    }
    put_raw(page, json.dumps(local))
    page.reload()
    older = {  # an older export of a's history, a newer one of b's, and c done only there
        "version": 2,
        "course": "main",
        "exported": "2026-01-01T00:00:00.000Z",
        "quizzes": {
            a: {"best": 70, "attempts": 3, "last": 70},
            b: {"best": 60, "attempts": 2, "last": 55},
            c: {"best": 85, "attempts": 1, "last": 85},
        },
        "mistakes": ["m1-l1-002", "m1-l1-003"],
        "current": {a: {"seed": 9, "answers": {"m1-l1-001": ["C"]}, "checked": ["m1-l1-001"], "finished": True}},
    }
    path = tmp_path / "older.json"
    path.write_text(json.dumps(older), encoding="utf-8")
    message = import_file(page, path)
    expect(message).to_have_text("已合并：2 个自测有更新，新增 1 道错题。")
    assert_readable(message)
    assert stored(page) == {
        **local,
        "quizzes": {
            a: {"best": 90, "attempts": 5, "last": 60},  # the newer record here is kept whole
            b: {"best": 60, "attempts": 2, "last": 55},
            c: {"best": 85, "attempts": 1, "last": 85},
        },
        "mistakes": ["m1-l1-001", "m1-l1-002", "m1-l1-003"],
        "current": local["current"],  # the attempt in progress here, not the file's
    }
    rows = page.locator("tr[data-quiz]")
    expect(rows.nth(0).locator(".qz-best")).to_have_text("90%（5 次）")
    expect(rows.nth(1).locator(".qz-best")).to_have_text("60%（2 次）")
    expect(rows.nth(2).locator(".qz-st")).to_have_text("已掌握")
    expect(page.locator(".qz-nmist")).to_have_text("3")

    before = raw(page)
    message = import_file(page, path)  # the same file again: nothing new, nothing written
    expect(message).to_have_text("已合并：0 个自测有更新，新增 0 道错题。")
    assert raw(page) == before
    assert console_errors == []


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def refused_files(key: str) -> dict[str, bytes]:
    """Files 导入 must refuse: each is named by what is wrong with it."""
    good = {
        "version": 2,
        "course": "main",
        "quizzes": {key: {"best": 50, "attempts": 1}},
        "mistakes": [],
        "current": {},
    }

    def record(**change) -> bytes:
        return json.dumps({**good, **change}).encode()

    def quiz(**entry) -> bytes:
        return record(quizzes={key: {"best": 50, "attempts": 1, **entry}})

    text = json.dumps({**good, "note": "学习记录备份"}, ensure_ascii=False)
    return {
        "another course": record(course="other"),
        "no course": json.dumps({k: v for k, v in good.items() if k != "course"}).encode(),
        "not a record": b'{"hello": "world"}',
        "a later version": record(version=3),
        "best as a string": quiz(best="90"),
        "best NaN-like": quiz(best="NaN"),
        "best negative": quiz(best=-5),
        "best over 100": quiz(best=101),
        "best 1e308": quiz(best=1e308),
        "last over 100": quiz(last=250),
        "attempts not whole": quiz(attempts=2.5),
        "attempts negative": quiz(attempts=-1),
        "attempts a string": quiz(attempts="3"),
        "a quiz not an object": record(quizzes={key: 5}),
        "mistakes not a list": record(mistakes="m1-l1-001"),
        "20,000 mistakes": record(mistakes=[f"q{i}" for i in range(20_000)]),
        "10^6 mistakes": record(mistakes=[f"q{i}" for i in range(10**6)]),
        "ids not strings": record(mistakes=["m1-l1-001", 17, None, {"id": "m1-l1-002"}]),
        "an id twice": record(mistakes=["m1-l1-001", "m1-l1-001"]),
        "deeply nested junk as a quiz": record(quizzes={}).replace(b'"quizzes": {}', b'"quizzes": {"k": ' + nested(10**5).encode() + b"}"),
        "deeply nested junk as mistakes": record().replace(b'"mistakes": []', b'"mistakes": ' + nested(10**5).encode()),
        "current not an object": record(current=[]),
        "JSON null": b"null",
        "JSON array": b"[]",
        "JSON number": b"42",
        "JSON string": b'"main"',
        "not JSON": b"{oops",
        "empty": b"",
        "GBK, not UTF-8": text.encode("gbk"),
        "UTF-16 without a byte-order mark": text.encode("utf-16-le"),
        "binary": bytes(range(256)) * 64,
    }  # fmt: skip


def test_import_refuses_what_is_not_a_whole_record_of_the_course(page: Page, html_site, tmp_path, console_errors):
    open_page(page, html_site, PROGRESS)
    key = progress_keys(page)[0]
    local = {"version": 2, "course": "main", "quizzes": {key: {"best": 30, "attempts": 1, "last": 30}},
             "mistakes": ["m1-l1-004"], "current": {}}  # fmt: skip
    original = json.dumps(local, indent=3)  # spacing of its own: any rewrite would show
    put_raw(page, original)
    page.reload()
    for name, content in refused_files(key).items():
        path = tmp_path / "file.json"
        path.write_bytes(content)
        expect(import_file(page, path), name).to_have_text(REFUSED)
        assert raw(page) == original, name
    expect(page.locator("tr[data-quiz]").first.locator(".qz-best")).to_have_text("30%（1 次）")
    assert console_errors == []


@VIEWPORTS
def test_import_refuses_a_50_mb_file_unread(page: Page, html_site, tmp_path, console_errors, viewport):
    page.set_viewport_size(viewport)
    open_page(page, html_site, PROGRESS)
    key = progress_keys(page)[0]
    big = tmp_path / "big.json"
    record = {"version": 2, "course": "main", "quizzes": {key: {"best": 99, "attempts": 1}}, "mistakes": [],
              "current": {}}  # fmt: skip
    with big.open("w", encoding="utf-8") as out:  # a valid record, padded with 50 MB of spaces
        out.write(json.dumps(record))
        out.write(" " * 50_000_000)
    message = import_file(page, big)
    expect(message).to_have_text(REFUSED)
    assert_readable(message)
    assert raw(page) is None
    expect(page.locator("tr[data-quiz]").first.locator(".qz-st")).to_have_text("未开始")
    assert console_errors == []


# Stored records with odd values ---------------------------------------------------------------------------------


def test_a_stored_record_with_odd_values_loses_only_them(page: Page, html_site, project, console_errors):
    open_page(page, html_site, PROGRESS)
    keys = progress_keys(page)
    open_page(page, html_site, LESSON)
    key = page.locator("section.qz").get_attribute("data-quiz")
    others = [k for k in keys if k != key][:4]
    qids = auto_ids(page)
    record = {
        "version": 2,
        "course": "main",
        "extra": {"from": "a later runtime"},
        "quizzes": {
            key: {"best": 1e308, "attempts": 3},
            others[0]: {"best": "NaN", "attempts": 1},
            others[1]: {"best": 50, "attempts": -1},
            others[2]: {"best": 70, "attempts": 2, "last": 70},
            others[3]: {"best": 20, "attempts": 1e9},
        },
        "mistakes": ["elsewhere-001", 5, None, "elsewhere-001", qids[1]],
        "current": {
            key: {"seed": "not a number", "answers": {"gone-001": ["kept"], qids[0]: [{"x": 1}, None, 5]},
                  "checked": ["gone-002", 7], "end": "soon"},
            "main/gone#1": 5,
        },
    }  # fmt: skip
    put_raw(page, json.dumps(record))
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    expect(page.locator("section.qz .qz-store")).to_be_hidden()
    expect(page.locator("section.qz .qz-score")).to_have_text(
        re.compile(r"^已检查 0 / \d+ 题，答对 0 题(（另有简答题 \d+ 道，自评不计分）)?。$")
    )
    li = question(page, qids[2])
    answer(li, project.question(qids[2]), right=False)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("回答错误")
    kept = stored(page)
    assert kept["quizzes"] == {others[2]: {"best": 70, "attempts": 2, "last": 70}}
    assert kept["mistakes"] == ["elsewhere-001", qids[1], qids[2]]
    assert kept["current"][key]["answers"]["gone-001"] == ["kept"]  # a question no longer on the page
    assert kept["current"][key]["seed"] == 0  # not a number: it drew as 0, and still does
    assert kept["current"]["main/gone#1"] == 5 and kept["extra"] == record["extra"]

    open_page(page, html_site, PROGRESS)
    row = page.locator(f'tr[data-quiz="{others[2]}"]')
    expect(row.locator(".qz-best")).to_have_text("70%（2 次）")
    # its best was dropped as implausible; the question answered above makes it an attempt in progress
    expect(page.locator(f'tr[data-quiz="{key}"] .qz-st')).to_have_text(re.compile(r"^进行中"))
    widths = page.locator(".qz-fill").evaluate_all("fs => fs.map(f => parseFloat(f.style.width))")
    assert widths and all(0 <= w <= 100 for w in widths)
    assert console_errors == []


def test_deeply_nested_junk_in_stored_attempts_breaks_nothing_and_is_kept(
    page: Page, html_site, project, console_errors
):
    """JSON.parse and JSON.stringify take any depth in Chromium, but turning such junk into a string or a number
    throws (Array.prototype.join recurses): the runtime never does."""
    junk = nested(10**5)
    open_page(page, html_site, MOCK_EXAM)
    exam = page.locator("section.qz").get_attribute("data-quiz")
    draw = json.loads(page.locator("section.qz").get_attribute("data-draw"))
    end = page.evaluate("Date.now() + 10 * 60 * 1000")
    open_page(page, html_site, LESSON)
    key = page.locator("section.qz").get_attribute("data-quiz")
    qids = auto_ids(page)
    record = {
        "version": 2,
        "course": "main",
        "quizzes": {},
        "mistakes": [],
        "current": {
            key: {"seed": "JUNK", "answers": {qids[0]: "JUNK", qids[1]: ["JUNK", "JUNK"], "gone-001": "JUNK"},
                  "checked": ["JUNK"], "end": "JUNK"},
            exam: {"seed": "JUNK", "answers": {}, "checked": [], "end": end},
        },
    }  # fmt: skip
    text = json.dumps(record).replace('"JUNK"', junk)
    put_raw(page, text)
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    expect(page.locator("section.qz .qz-store")).to_be_hidden()
    li = question(page, qids[2])
    answer(li, project.question(qids[2]), right=False)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("回答错误")
    saved = raw(page)
    assert saved != text and saved.count(junk) == 7  # all but the lesson's seed, which draws as 0 did

    open_page(page, html_site, MOCK_EXAM)
    expect(page.locator("section.qz .qz-q:not([hidden])")).to_have_count(sum(draw.values()))
    expect(page.locator("section.qz .qz-timer")).to_be_visible()
    assert console_errors == []


@pytest.mark.parametrize("text", ["null", "[]", "42", '"main"', '{"version": 2}', "{oops"])
@VIEWPORTS
def test_a_stored_value_that_is_no_record_is_reported_readably_and_left_alone(
    page: Page, html_site, project, console_errors, viewport, text
):
    page.set_viewport_size(viewport)
    open_page(page, html_site, LESSON)
    put_raw(page, text)
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    message = page.locator("section.qz .qz-store")
    expect(message).to_have_text("保存的学习记录已损坏：练习照常进行，但进度不会被保存。")
    assert_readable(message)
    qid = auto_ids(page)[0]
    li = question(page, qid)
    answer(li, project.question(qid), right=False)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("回答错误")
    assert raw(page) == text
    assert console_errors == []


def exam_with(page: Page, site: Path, path: str, attempt: dict) -> Locator:
    open_page(page, site, path)
    quiz = page.locator("section.qz")
    record = {"version": 2, "course": "main", "quizzes": {}, "mistakes": [],
              "current": {quiz.get_attribute("data-quiz"): attempt}}  # fmt: skip
    put_raw(page, json.dumps(record))
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    return quiz


@pytest.mark.parametrize("end", [1e300, 4102444800000 * 1000, "明天", [1], {"t": 1}, True, "1e999", "-5"])
def test_an_exam_end_that_is_not_a_time_or_too_late_restarts_the_countdown(page: Page, mini_site, console_errors, end):
    quiz = exam_with(page, mini_site, "exam.html", {"seed": 3, "answers": {}, "checked": [], "end": end})
    timer = quiz.locator(".qz-timer")
    expect(timer).to_be_visible()
    # a 1-minute exam: its last minute's notice shows in the timer from the start
    expect(timer).to_have_text(re.compile(r"^剩余时间 (00:[0-5]\d|01:00)还剩 1 分钟。$"))
    expect(quiz.locator(".qz-q:not([hidden])").first).to_be_visible()
    expect(quiz.locator(".qz-score")).not_to_contain_text("得分")
    assert console_errors == []


@pytest.mark.parametrize("end", [-1e300, 1, 1577836800000])
def test_an_exam_end_long_past_submits_as_time_ran_out(page: Page, mini_site, console_errors, end):
    quiz = exam_with(page, mini_site, "exam.html", {"seed": 3, "answers": {}, "checked": [], "end": end})
    expect(quiz.locator(".qz-score")).to_contain_text("时间到，已自动交卷。得分：答对 0 / 2 题")
    expect(quiz.locator(".qz-timer")).to_be_hidden()
    assert console_errors == []


def test_an_exam_seed_that_is_not_an_integer_draws_the_same_questions_each_time(page: Page, html_site, console_errors):
    open_page(page, html_site, MOCK_EXAM)
    draw = json.loads(page.locator("section.qz").get_attribute("data-draw"))
    end = page.evaluate("Date.now() + 10 * 60 * 1000")
    for seed in ["abc", 2.5, 1e300, -7, [1, 2], None, {"s": 1}]:
        quiz = exam_with(page, html_site, MOCK_EXAM, {"seed": seed, "answers": {}, "checked": [], "end": end})
        shown = quiz.locator(".qz-q:not([hidden])")
        expect(shown).to_have_count(sum(draw.values()))
        first = shown.evaluate_all("ls => ls.map(l => l.dataset.qid)")
        page.reload()
        page.wait_for_selector("section.qz.qz-on")
        assert shown.evaluate_all("ls => ls.map(l => l.dataset.qid)") == first, seed
    assert console_errors == []


# Garbage in the address -----------------------------------------------------------------------------------------

HOSTILE_ADDRESSES = [
    "#%E0%A4%A",
    "?x=%E0%A4%A&y=%ZZ#%",
    '#"><img src=x onerror=window.__pwned=1>',
    "?'\"><script>window.__pwned=1</script>#<svg onload=window.__pwned=1>",
    "#" + "a%" * 50_000,
    "?quiz-seconds=99999999999999999999999&quiz-seconds=-1#quiz-1",
    "?quiz-seconds=1e9",
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES, ids=range(len(HOSTILE_ADDRESSES)))
def test_garbage_in_the_address_throws_nothing_and_injects_nothing(page: Page, html_site, console_errors, address):
    for path in (LESSON, MOCK_EXAM):
        page.goto((html_site / path).as_uri() + address)
        page.wait_for_selector("section.qz.qz-on")
        if path == MOCK_EXAM:
            page.locator(".qz-start").click()
            expect(page.locator(".qz-timer, .qz-score:has-text('得分')").first).to_be_visible()
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img[src=x], [onerror], [onload]").count() == 0
    assert console_errors == []
