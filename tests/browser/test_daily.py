"""每日练习 at 390×844 with a fixed clock: 30 days of answers, each day's five questions chosen as promised (due 错题
first, then questions due for review, then unseen questions of lessons studied), and every interval the FSRS port
gives checked against the reference scheduler (the Python package `fsrs`); the home page's 今日待练 and streak."""

from __future__ import annotations

import html
import json
import re
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler
from playwright.sync_api import Page, expect
from qzhelp import STORE_KEY, answer, open_page, question, stored

pytestmark = pytest.mark.browser

DAILY = "practice/daily.html"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAYS = 30


def home(page: Page, site) -> None:
    page.goto((site / "index.html").as_uri())
    page.wait_for_load_state("load")


def today_ids(page: Page) -> list[str]:
    return page.locator(".qz-daily section.qz li.qz-q").evaluate_all("ls => ls.map(l => l.dataset.qid)")


def wrong_on(qid: str, day: int) -> bool:
    """A learner who gets about one answer in four wrong, the same way on every run."""
    return (zlib.crc32(qid.encode()) + day) % 4 == 0


def test_thirty_days_follow_the_reference_scheduler(page: Page, html_site, project):
    page.set_viewport_size({"width": 390, "height": 844})
    index = json.loads(
        html.unescape((html_site / DAILY).read_text(encoding="utf-8").split('data-index="')[1].split('"')[0])
    )
    files = dict(zip(index["f"], index["q"], strict=True))  # the course's questions (no held-back exam questions)
    lesson, other = files["m1-l1"], files["m2-l3"]
    mistakes = other[:2]  # 错题 of a second lesson: studied too
    page.clock.set_fixed_time(START)
    home(page, html_site)
    record = {"version": 2, "course": "main", "mistakes": mistakes, "current": {},
              "quizzes": {"main/modules/m1/l1#1": {"best": 60, "attempts": 1, "last": 60}}}  # fmt: skip
    page.evaluate(f"localStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps(record))})")
    page.reload()
    expect(page.locator(".qz-today")).to_have_text("今日待练 5 题。")

    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    reference: dict[str, Card] = {}
    reviews = 0
    for day in range(DAYS):
        now = START + timedelta(days=day)
        page.clock.set_fixed_time(now)
        open_page(page, html_site, DAILY)
        expect(page.locator(".qz-daily section.qz.qz-on")).to_have_count(1)
        ids = today_ids(page)
        record = stored(page)
        order = [q for ids_ in json.loads(page.locator(".qz-daily").get_attribute("data-index"))["q"] for q in ids_]
        due = [q for q, card in reference.items() if card.due <= now]
        wrong_due = [q for q in record["mistakes"] if q in due or q not in reference]
        # the set: due 错题 (in 错题本's order), then due reviews (soonest first), then unseen questions of lessons studied
        expected = wrong_due + sorted(
            (q for q in due if q not in wrong_due), key=lambda q: (reference[q].due, order.index(q))
        )
        assert ids[: min(5, len(expected))] == expected[:5], (day, ids, expected)
        if len(ids) < 5:  # only when nothing else is due and every question of the lessons studied has been seen
            assert ids == expected and set(lesson + other) <= set(reference), (day, ids)
        if day == 0:
            assert ids[:2] == mistakes
        assert set(ids) <= set(lesson + other)  # unseen ones: the lessons studied only
        for qid in ids:
            right = not wrong_on(qid, day)
            li = question(page, qid, ".qz-daily section.qz")
            answer(li, project.question(qid), right=right)
            li.locator(".qz-check").click()
            expect(li).to_have_attribute("data-done", "right" if right else "wrong")
            card = reference.get(qid) or Card()
            reference[qid], _ = scheduler.review_card(card, Rating.Good if right else Rating.Again, now)
            reviews += 1
        expect(page.locator(".qz-daily .qz-today")).to_contain_text(
            f"今天的 5 道题已练完，明天再来，已连续练习 {day + 1} 天。"
        )
        cards = stored(page)["cards"]
        for qid in ids:  # each interval as the reference scheduler gives it, and the memory state alike
            s, d, last, due_day = cards[qid]
            ref = reference[qid]
            assert due_day - last == (ref.due - now).days, (day, qid)
            assert s == pytest.approx(ref.stability, rel=1e-9) and d == pytest.approx(ref.difficulty, rel=1e-9)
    assert reviews >= 4 * DAYS
    assert max((c.due - c.last_review).days for c in reference.values()) > 7  # spacing really grew

    page.clock.set_fixed_time(START + timedelta(days=DAYS))
    home(page, html_site)
    due = sum(card.due <= START + timedelta(days=DAYS) for card in reference.values())
    waiting = min(5, due + len(set(lesson + other) - set(reference)))  # due, then unseen of the lessons studied
    expect(page.locator(".qz-today")).to_have_text(f"今日待练 {waiting} 题，已连续练习 {DAYS} 天。")
    page.clock.set_fixed_time(START + timedelta(days=DAYS + 2))  # a day missed: the streak starts again
    page.reload()
    expect(page.locator(".qz-today")).to_have_text(re.compile(r"^今日待练 [1-5] 题。$"))


def test_nothing_to_practise_before_any_lesson(page: Page, html_site):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, html_site, DAILY)
    expect(page.locator(".qz-daily .qz-today")).to_contain_text("还没有可练的题")
    expect(page.locator(".qz-daily section.qz")).to_be_hidden()


def test_the_home_page_loads_the_small_script_and_the_daily_page_its_own(page: Page, html_site):
    loaded: list[str] = []
    page.on("requestfinished", lambda r: loaded.append(r.url.rsplit("/", 1)[-1].split("?")[0]))
    home(page, html_site)
    page.wait_for_load_state("networkidle")  # every script the page loads, done: no fixed pause
    assert "quizgen-today.js" in loaded and "quizgen-daily.js" not in loaded
    loaded.clear()
    open_page(page, html_site, DAILY)
    page.wait_for_load_state("networkidle")
    assert "quizgen-daily.js" in loaded and "quizgen-today.js" not in loaded


def test_export_and_import_carry_the_schedule_and_unfinished_answers(page: Page, html_site, tmp_path):
    """导入 brings 每日练习's cards (per question the later review wins) and attempts this browser has none of."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, html_site, "practice/progress.html")
    a, b = page.locator("tr[data-quiz]").evaluate_all("rs => rs.map(r => r.dataset.quiz)")[:2]
    local = {"version": 2, "course": "main", "quizzes": {}, "mistakes": [],
             "current": {a: {"seed": 1, "answers": {"m1-l1-001": ["A"]}, "checked": []}},
             "cards": {"m1-l1-001": [5.0, 4.0, 20500, 20505], "m1-l1-002": [2.0, 6.0, 20400, 20402]}}  # fmt: skip
    page.evaluate(f"localStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps(local))})")
    page.reload()
    theirs = {"version": 2, "course": "main", "quizzes": {}, "mistakes": [],
              "current": {a: {"seed": 2, "answers": {}, "checked": []},
                          b: {"seed": 3, "answers": {"m1-l1-009": ["正在作答"]}, "checked": []}},
              "cards": {"m1-l1-001": [1.0, 7.0, 20490, 20491], "m1-l1-002": [9.0, 3.0, 20501, 20510],
                        "m1-l1-003": [0.2, 8.0, 20502, 20503], "m1-l1-004": "损坏"},
              "daily": {"day": 20502, "qids": ["m1-l1-003"], "streak": 4, "last": 20502}}  # fmt: skip
    path = tmp_path / "record.json"
    path.write_text(json.dumps(theirs), encoding="utf-8")
    message = page.locator(".qz-io-msg")
    page.locator(".qz-import").set_input_files(path)
    expect(message).to_have_text("已合并：1 个自测有更新，新增 0 道错题。每日练习有 2 道题的复习安排更新。")
    record = stored(page)
    assert record["current"] == {a: local["current"][a], b: theirs["current"][b]}  # this browser's attempt stays
    assert record["cards"] == {"m1-l1-001": local["cards"]["m1-l1-001"], "m1-l1-002": theirs["cards"]["m1-l1-002"],
                               "m1-l1-003": theirs["cards"]["m1-l1-003"]}  # fmt: skip
    assert record["daily"] == theirs["daily"]
    with page.expect_download() as download:
        page.locator(".qz-export").click()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert exported["cards"] == record["cards"] and exported["daily"] == record["daily"]
