"""The learner on a phone (390×844, and desktop where it differs): attempts that survive Back and reloads, the
模拟考试 flow, 提示 before answering, dark mode, the LMS adapter contract. Real Chromium, pages from file://."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect
from qzhelp import STORE_KEY, answer, open_page, question, quiz_data, stored
from test_a11y import reveal_two, serious_violations

from quizgen.render_html import answer_words

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LESSON = "modules/m1/l1.html"
EXAM = "practice/mock-exam.html"
FINAL = "practice/final-test.html"
DRAW = {"single": 10, "multiple": 5, "truefalse": 10, "fill": 5}  # quizzes/papers/quiz-30min.yaml


def first_of(page: Page, qtype: str) -> str:
    return next(qid for qid, d in quiz_data(page).items() if d["t"] == qtype)


def visible_ids(page: Page) -> list[str]:
    return page.locator("section.qz li.qz-q:not([hidden])").evaluate_all("ls => ls.map(l => l.dataset.qid)")


def types_of(page: Page, qids: list[str]) -> dict[str, int]:
    data = quiz_data(page)
    counts: dict[str, int] = {}
    for qid in qids:
        counts[data[qid]["t"]] = counts.get(data[qid]["t"], 0) + 1
    return counts


def dark(page: Page) -> None:
    page.add_init_script("localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_answers_survive_the_speech_link_back_and_reload(page: Page, html_site, project, size):
    page.set_viewport_size(size)
    open_page(page, html_site, LESSON)
    fill_id, single_id = first_of(page, "fill"), first_of(page, "single")
    checked = question(page, single_id)
    answer(checked, project.question(single_id), right=False)
    checked.locator(".qz-check").click()
    typed = question(page, fill_id).locator('input[data-blank="1"]')
    typed.fill("半句答案")  # typed, not yet checked
    checked.locator("a.qz-src").click()
    page.wait_for_url(re.compile(r"reference/speech\.html#"))
    page.go_back()
    page.wait_for_selector("section.qz.qz-on")
    for _ in range(2):  # after Back, then after a reload
        expect(question(page, fill_id).locator('input[data-blank="1"]')).to_have_value("半句答案")
        expect(question(page, fill_id).locator(".qz-after")).to_be_hidden()
        expect(question(page, single_id).locator(".qz-fb")).to_contain_text("回答错误")
        expect(question(page, single_id).locator(".qz-after")).to_be_visible()
        expect(page.locator("section.qz .qz-score")).to_contain_text("已检查 1 /")
        page.reload()
        page.wait_for_selector("section.qz.qz-on")
    assert stored(page)["mistakes"] == [single_id]  # restoring does not count the question twice


def test_exam_waits_for_start_draws_by_type_and_keeps_its_attempt(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    page.clock.install()  # a fake clock: "nothing timed before 开始考试" is checked a full minute on, at once
    open_page(page, html_site, EXAM)
    quiz = page.locator("section.qz")
    pool = quiz_data(page)
    assert len(pool) > 30 and all(types_of(page, list(pool))[t] > n for t, n in DRAW.items())
    expect(quiz.locator(".qz-meta")).to_contain_text("共 30 题")
    expect(quiz.locator(".qz-gate")).to_contain_text("限时 30 分钟")
    expect(quiz.locator(".qz-timer")).to_be_hidden()
    expect(quiz.locator(".qz-list")).to_be_hidden()
    page.clock.run_for(60_000)
    expect(quiz.locator(".qz-timer")).to_be_hidden()
    attempt = stored(page)["current"][quiz.get_attribute("data-quiz")]
    assert "end" not in attempt  # nothing timed before 开始考试

    quiz.locator(".qz-start").click()
    expect(quiz.locator(".qz-timer")).to_have_text(re.compile(r"剩余时间 (30:00|29:5\d)"))
    drawn = visible_ids(page)
    assert len(drawn) == 30 and types_of(page, drawn) == DRAW
    expect(quiz.locator("li.qz-q:visible .qz-num").first).to_have_text("第 1 题")
    for qid in drawn[:2]:
        answer(question(page, qid), project.question(qid), right=True)
    end = stored(page)["current"][quiz.get_attribute("data-quiz")]["end"]

    page.reload()  # the same 30 questions, answers and end time
    page.wait_for_selector("section.qz.qz-on")
    assert visible_ids(page) == drawn
    expect(quiz.locator(".qz-gate")).to_be_hidden()
    expect(quiz.locator(".qz-timer")).to_have_text(re.compile(r"剩余时间 (30:00|29:[0-5]\d)"))
    assert stored(page)["current"][quiz.get_attribute("data-quiz")]["end"] == end
    expect(question(page, drawn[0]).locator("input:checked, input[data-blank]").first).to_be_visible()

    quiz.locator(".qz-submit").click()  # 28 unanswered: asked in the page first
    dialog = quiz.locator("dialog.qz-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("还有 28 道题没有作答")
    dialog.locator(".qz-stay").click()
    expect(dialog).to_be_hidden()
    expect(quiz.locator(".qz-submit")).to_be_enabled()
    quiz.locator(".qz-submit").click()
    dialog.locator(".qz-go").click()

    expect(quiz.locator(".qz-timer")).to_be_hidden()
    expect(quiz.locator(".qz-score")).to_contain_text("得分：答对 2 / 30 题（7%）")
    review = quiz.locator(".qz-review")
    expect(review).to_contain_text("答错的题（28 道）")
    links = review.locator("li")
    expect(links).to_have_count(28)
    href = links.first.locator("a").first.get_attribute("href")
    expect(page.locator(href)).to_have_attribute("data-qid", drawn[2])
    assert links.first.locator("a.qz-src").get_attribute("href").startswith("../reference/speech.html#")
    links.first.locator("a").first.click()
    expect(page.locator(href)).to_be_in_viewport()

    page.reload()  # the review stays; the attempt is not counted again
    page.wait_for_selector("section.qz.qz-on")
    expect(quiz.locator(".qz-review li")).to_have_count(28)
    expect(quiz.locator(".qz-timer")).to_be_hidden()
    assert stored(page)["quizzes"][quiz.get_attribute("data-quiz")]["attempts"] == 1

    draws = {tuple(drawn)}
    for _ in range(3):  # every attempt draws again, by type
        quiz.locator(".qz-retry").click()
        expect(quiz.locator(".qz-gate")).to_be_visible()
        expect(quiz.locator(".qz-timer")).to_be_hidden()
        again = visible_ids(page)
        assert types_of(page, again) == DRAW
        draws.add(tuple(again))
        quiz.locator(".qz-start").click()
        expect(quiz.locator(".qz-timer")).to_be_visible()
    assert len(draws) > 1


def test_exam_time_that_ran_out_while_away_submits_on_return(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, EXAM)
    quiz = page.locator("section.qz")
    key = quiz.get_attribute("data-quiz")
    quiz.locator(".qz-start").click()
    first = visible_ids(page)[0]
    answer(question(page, first), project.question(first), right=True)
    record = stored(page)
    record["current"][key]["end"] -= 31 * 60 * 1000
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE_KEY, json.dumps(record)])
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    expect(quiz.locator(".qz-score")).to_contain_text("时间到，已自动交卷。得分：答对 1 / 30 题")
    expect(quiz.locator(".qz-timer")).to_be_hidden()


def test_test_mode_submit_with_everything_answered_asks_nothing(page: Page, mini_site, project):
    page.set_viewport_size(PHONE)
    open_page(page, mini_site, "test.html")
    for qid in quiz_data(page):
        answer(question(page, qid), project.question(qid), right=True)
    page.locator("section.qz .qz-submit").click()
    expect(page.locator("dialog.qz-dialog")).to_be_hidden()
    expect(page.locator("section.qz .qz-review")).to_have_text("全部答对，没有错题。")


@pytest.mark.parametrize("qtype", ["single", "fill", "truefalse", "application"])
def test_hint_before_answering_masks_the_answer(page: Page, html_site, project, speech, qtype):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, LESSON)
    if qtype == "application":  # options that describe a situation, in words the speech does not use
        page.goto((html_site / "modules/m2/l1.html").as_uri())
        page.wait_for_selector("section.qz.qz-on")
        qid = next(
            i
            for i in quiz_data(page)
            if not any(w in speech[project.question(i).source.anchor].text for w in answer_words(project.question(i)))
            and project.question(i).type == "single"
        )
    else:
        qid = first_of(page, qtype)
    q = project.question(qid)
    li = question(page, q.id)
    pre = li.locator(".qz-pre")
    expect(pre).to_be_hidden()
    expect(li.locator(".qz-after")).to_be_hidden()  # 提示 with the answer only after answering
    li.locator(".qz-hintbtn").click()
    expect(pre).to_be_visible()
    expect(li.locator(".qz-hintbtn")).to_be_hidden()
    shown = pre.locator("blockquote").inner_text()
    words = answer_words(q)
    masked = [w for w in words if w in speech[q.source.anchor].text]
    for word in masked:
        assert word not in shown
    if masked:
        assert "＿＿" in shown
        expect(pre).to_contain_text("答案处以＿＿代替")
    else:  # a 判断题, or options worded apart from the speech: the marked quote would give the answer away
        expect(pre.locator("mark")).to_have_count(0)
        expect(pre).to_contain_text("答案就在这段原文里")
    assert qtype in ("truefalse", "application") or masked
    answer(li, q, right=True)
    li.locator(".qz-check").click()
    expect(pre).to_be_hidden()
    expect(li.locator(".qz-after .qz-hint mark")).to_have_text(q.source.quote)  # the full quote, as before


def test_dark_mode_quiz_is_readable_with_answers_shown(page: Page, html_site, project, axe_path):
    page.set_viewport_size(PHONE)
    dark(page)
    open_page(page, html_site, LESSON)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    reveal_two(page, project)
    page.locator("section.qz li.qz-q:not([data-done]) .qz-hintbtn").first.click()
    expect(page.locator("section.qz .qz-pre blockquote")).to_be_visible()
    box = page.evaluate("getComputedStyle(document.querySelector('section.qz')).backgroundColor")
    assert box != "rgb(255, 255, 255)"
    scheme = page.evaluate("getComputedStyle(document.querySelector('section.qz input')).colorScheme")
    assert scheme == "dark"  # native radios drawn for a dark box, not inverted
    assert serious_violations(page, axe_path) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_exam_gate_dialog_and_review_pass_axe(page: Page, html_site, axe_path, theme):
    page.set_viewport_size(PHONE)
    if theme == "dark":
        dark(page)
    open_page(page, html_site, EXAM)
    assert serious_violations(page, axe_path) == []  # the 开始考试 gate
    page.locator(".qz-start").click()
    page.locator(".qz-submit").click()
    expect(page.locator("dialog.qz-dialog")).to_be_visible()
    assert serious_violations(page, axe_path) == []
    page.locator(".qz-go").click()
    expect(page.locator(".qz-review")).to_be_visible()
    assert serious_violations(page, axe_path) == []


def test_speech_page_and_excerpts_in_dark_mode(page: Page, html_site, axe_path):
    page.set_viewport_size(PHONE)
    dark(page)
    for path, target in (("reference/speech.html", "#part3-s2"), ("modules/m3/l2.html", "")):
        page.goto((html_site / path).as_uri() + target)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert serious_violations(page, axe_path) == [], path


def test_fill_in_marks_stay_beside_their_blank_at_390(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    open_page(page, html_site, LESSON)
    q = project.question(first_of(page, "fill"))
    li = question(page, q.id)
    answer(li, q, right=False)
    li.locator(".qz-check").click()
    for blank in li.locator("label.qz-blank").all():
        field, mark = blank.locator("input").bounding_box(), blank.locator(".qz-mark").bounding_box()
        assert mark["y"] < field["y"] + field["height"], "the mark wrapped below its blank"
        assert mark["x"] + mark["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_application_questions_carry_a_label(page: Page, html_site, project):
    labelled = {q.id for q in project.questions if q.kind == "application"}
    for path in sorted(html_site.glob("modules/*/l*.html")):
        open_page(page, html_site, path.relative_to(html_site).as_posix())
        ids = set(quiz_data(page)) & labelled
        if ids:
            qid = sorted(ids)[0]
            expect(question(page, qid).locator(".qz-kind")).to_have_text("情境题")
            plain = next(q for q in quiz_data(page) if q not in labelled)
            expect(question(page, plain).locator(".qz-kind")).to_have_count(0)
            return
    pytest.fail("no lesson quiz holds an application question")


ADAPTER = """
window.lms = {saved: {}, events: []};
window.quizgenStore = {
  load: course => window.lms.saved[course] ?? null,
  save: (course, json) => { window.lms.saved[course] = json; },
};
for (const name of ['ready', 'graded', 'saved'])
  document.addEventListener('quizgen:' + name, e => window.lms.events.push([name, e.detail]));
"""


def test_lms_adapter_gets_the_record_and_the_events(page: Page, html_site, project):
    page.set_viewport_size(PHONE)
    page.add_init_script(ADAPTER)
    open_page(page, html_site, FINAL)
    quiz = page.locator("section.qz")
    assert quiz.get_attribute("data-final") == "1"
    events = page.evaluate("window.lms.events")
    assert events == [["ready", {"course": "main", "page": "practice/final-test"}]]
    data = quiz_data(page)
    for n, qid in enumerate(data):
        answer(question(page, qid), project.question(qid), right=n > 0)
    quiz.locator(".qz-submit").click()
    expect(quiz.locator(".qz-score")).to_contain_text("得分")
    events = page.evaluate("window.lms.events")
    graded = [detail for name, detail in events if name == "graded"]
    pct = round(100 * (len(data) - 1) / len(data))
    key = quiz.get_attribute("data-quiz")
    assert graded == [
        {"course": "main", "quiz": key, "mode": "test", "final": True, "score": len(data) - 1, "max": len(data),
         "percent": pct}
    ]  # fmt: skip
    assert ["saved", {"course": "main"}] in events
    record = json.loads(page.evaluate("window.lms.saved.main"))
    assert record["version"] == 2 and record["quizzes"][key]["best"] == pct
    assert stored(page) is None  # nothing in localStorage


def test_a_version_1_record_is_upgraded_in_place(page: Page, html_site, project):
    open_page(page, html_site, LESSON)
    key = page.locator("section.qz").get_attribute("data-quiz")
    old = {
        "version": 1,
        "course": "main",
        "quizzes": {key: {"best": 50, "attempts": 2, "last": 50}},
        "mistakes": ["x-1"],
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE_KEY, json.dumps(old)])
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    expect(page.locator("section.qz .qz-store")).to_be_hidden()
    expect(page.locator("section.qz .qz-score")).to_have_text("上次为止最好成绩 50%，已完成 2 次。")
    qid = first_of(page, "truefalse")
    answer(question(page, qid), project.question(qid), right=True)
    record = stored(page)
    assert record["version"] == 2
    assert record["quizzes"] == old["quizzes"] and record["mistakes"] == ["x-1"]
    assert record["current"][key]["answers"][qid]


def test_back_to_a_page_does_not_undo_what_another_page_saved(page: Page, html_site, project):
    """Back restores a page from the back/forward cache when it can (pageshow): it reads the record again."""
    page.set_viewport_size(PHONE)
    open_page(page, html_site, LESSON)
    first, second = [q for q, d in quiz_data(page).items() if d["t"] != "open"][:2]
    li = question(page, first)
    answer(li, project.question(first), right=False)
    li.locator(".qz-check").click()
    assert stored(page)["mistakes"] == [first]
    open_page(page, html_site, "practice/mistakes.html")
    li = question(page, first, ".qz-book")
    answer(li, project.question(first), right=True)
    li.locator(".qz-check").click()
    assert stored(page)["mistakes"] == []
    page.go_back()
    page.wait_for_selector("section.qz.qz-on")
    li = question(page, second)
    answer(li, project.question(second), right=False)
    li.locator(".qz-check").click()
    assert stored(page)["mistakes"] == [second]  # the first stays out of 错题本

    # Headless Chromium reloads on Back here; a page the back/forward cache keeps gets pageshow with persisted.
    record = stored(page)
    record["mistakes"] = ["elsewhere-001"]
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE_KEY, json.dumps(record)])
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    third = next(q for q, d in quiz_data(page).items() if d["t"] != "open" and q not in (first, second))
    li = question(page, third)
    answer(li, project.question(third), right=False)
    li.locator(".qz-check").click()
    assert stored(page)["mistakes"] == ["elsewhere-001", third]
