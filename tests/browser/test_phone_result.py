"""After 交卷 on a phone (390×844): the result comes into view and takes focus, also when the time runs out; the
timer's notices show where the learner is; 再练一次 asks before discarding answers and sits apart from 交卷评分."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from qzhelp import answer, open_page, question

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
EXAM = "practice/mock-exam.html"
FINAL = "practice/final-test.html"
LESSON = "modules/m1/l1.html"


def visible_ids(page: Page) -> list[str]:
    return page.locator("section.qz li.qz-q:not([hidden])").evaluate_all("ls => ls.map(l => l.dataset.qid)")


def assert_result_in_view_and_focused(page: Page) -> None:
    """The score line is on screen below the sticky header, and the result box holding it has the focus."""
    result = page.locator("section.qz .qz-result")
    expect(result).to_be_focused()
    expect(result.locator(".qz-score")).to_contain_text("得分：答对")
    expect(result.locator(".qz-score")).to_contain_text("80% 的掌握线")
    expect(result.locator(".qz-review")).to_be_visible()
    box = result.locator(".qz-score").bounding_box()
    header = page.evaluate("document.querySelector('.bd-header-article, .bd-header').getBoundingClientRect().bottom")
    assert box and box["y"] >= header - 1 and box["y"] + box["height"] <= PHONE["height"], (box, header)


@pytest.mark.parametrize("path", [EXAM, FINAL])
def test_the_result_comes_into_view_after_handing_in(page: Page, html_site, project, path):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, path)
    quiz = page.locator("section.qz")
    if quiz.locator(".qz-start").count():
        quiz.locator(".qz-start").click()
    ids = visible_ids(page)
    for qid in ids[:3]:
        answer(question(page, qid), project.question(qid), right=True)
    quiz.locator(".qz-submit").scroll_into_view_if_needed()
    quiz.locator(".qz-submit").click()
    quiz.locator(".qz-go").click()
    assert_result_in_view_and_focused(page)
    # the opened questions follow the result, which lists the wrong ones
    assert page.evaluate(
        "document.querySelector('.qz-result').compareDocumentPosition(document.querySelector('.qz-list')) & 4"
    )


def test_when_time_runs_out_the_notices_and_the_result_are_where_the_learner_is(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, EXAM, "?quiz-seconds=3")
    quiz = page.locator("section.qz")
    quiz.locator(".qz-start").click()
    last = visible_ids(page)[-1]
    question(page, last).scroll_into_view_if_needed()  # far down the paper
    note = quiz.locator(".qz-timer .qz-note")
    expect(note).to_have_text("还剩 1 分钟。")
    expect(note).to_have_attribute("role", "alert")
    expect(note).to_be_in_viewport()  # in the sticky timer, not in a line off-screen
    expect(quiz.locator(".qz-score")).to_contain_text("时间到，已自动交卷。", timeout=8000)
    assert_result_in_view_and_focused(page)


def test_retry_mid_exam_asks_before_discarding_answers(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, EXAM)
    quiz = page.locator("section.qz")
    quiz.locator(".qz-start").click()
    drawn = visible_ids(page)
    answer(question(page, drawn[0]), project.question(drawn[0]), right=True)
    asked: list[str] = []

    def refuse(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", refuse)
    quiz.locator(".qz-retry").click()
    assert asked and "清除" in asked[0] and "重新抽题" in asked[0]
    assert visible_ids(page) == drawn  # nothing lost
    expect(question(page, drawn[0]).locator("input:checked, input[data-blank]").first).to_be_visible()
    expect(quiz.locator(".qz-timer")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    quiz.locator(".qz-retry").click()
    expect(quiz.locator(".qz-gate")).to_be_visible()  # a new paper, not started


def test_retry_in_a_practice_quiz_asks_too_and_not_when_nothing_is_lost(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, LESSON)
    quiz = page.locator("section.qz").first
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    quiz.locator(".qz-retry").click()
    assert asked == []  # nothing answered: nothing to lose
    qid = quiz.locator("li.qz-q").first.get_attribute("data-qid")
    answer(question(page, qid), project.question(qid), right=False)
    quiz.locator(".qz-retry").click()
    assert len(asked) == 1
    expect(question(page, qid).locator("input:checked, input[data-blank]").first).to_be_visible()


@pytest.mark.parametrize("path", [EXAM, LESSON])
def test_retry_sits_apart_from_hand_in(page: Page, html_site, path):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, path)
    quiz = page.locator("section.qz").first
    if quiz.locator(".qz-start").count():
        quiz.locator(".qz-start").click()
    retry = quiz.locator(".qz-retry").bounding_box()
    submit = quiz.locator(".qz-submit")
    if submit.is_visible():
        box = submit.bounding_box()
        assert retry["x"] - (box["x"] + box["width"]) >= 48  # a thumb's width between them
    assert retry["x"] + retry["width"] >= 390 - 60  # at the row's far end


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_first_visit_follows_the_system_colour_scheme(page: Page, html_site, scheme):
    """No choice made yet (nothing in localStorage): the page is dark when the phone is, light when it is light."""
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme=scheme)
    open_page(page, html_site, LESSON)
    expect(page.locator("html")).to_have_attribute("data-theme", scheme)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in background[background.index("(") + 1 : -1].split(",")[:3]]
    assert (sum(channels) < 150) == (scheme == "dark"), background


def test_counts_say_what_is_scored_and_an_unfinished_lesson_is_under_way(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, LESSON)
    quiz = page.locator("section.qz").first
    items = quiz.locator("li.qz-q")
    total = items.count()
    auto = quiz.locator("li.qz-q:not([data-type=open])").evaluate_all("ls => ls.map(l => l.dataset.qid)")
    assert total > len(auto)  # the lesson's self-test has 简答题
    expect(quiz.locator(".qz-meta")).to_contain_text(f"共 {total} 题")
    for qid in auto[:5]:
        answer(question(page, qid), project.question(qid), right=True)
    question(page, auto[0]).locator(".qz-check").click()
    expect(quiz.locator(".qz-score")).to_have_text(
        f"已检查 1 / {len(auto)} 题，答对 1 题（另有简答题 {total - len(auto)} 道，自评不计分）。"
    )
    key = quiz.get_attribute("data-quiz")
    open_page(page, html_site, "practice/progress.html")
    row = page.locator(f'tr[data-quiz="{key}"]')
    expect(row.locator(".qz-st")).to_have_text("进行中")
    expect(row.locator(".qz-best")).to_have_text("—（已答 5 题）")
