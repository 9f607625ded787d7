"""The quiz runtime in Chromium, on pages opened from file://: scoring, feedback, 解析, 提示, progress, modes."""

from __future__ import annotations

import re
import unicodedata

import pytest
from playwright.sync_api import Page, expect
from qzhelp import answer, open_page, question, quiz_data, stored

from quizgen import present
from quizgen.model import normalize_answer
from quizgen.order import printed
from quizgen.project import Project

pytestmark = pytest.mark.browser

LESSON = "modules/m1/l1.html"


def first_of(page: Page, qtype: str, project: Project, with_feedback: bool = False):
    for qid, data in quiz_data(page).items():
        if data["t"] == qtype and (not with_feedback or data.get("fb")):
            return printed(project.question(qid))  # as the page prints it
    raise AssertionError(f"no {qtype} question on the page")


def test_wrong_then_right_with_feedback_explanation_and_hint(page: Page, html_site, project, console_errors):
    open_page(page, html_site, LESSON)
    q = first_of(page, "single", project, with_feedback=True)
    li = question(page, q.id)
    li.locator(".qz-check").click()  # nothing chosen yet: asked to answer first, nothing revealed
    expect(li.locator(".qz-fb")).to_contain_text("请先作答")
    expect(li.locator(".qz-after")).to_be_hidden()

    wrong = next(o for o in q.options if o.key not in q.correct_keys and o.feedback)
    li.locator(f'label.qz-opt[data-key="{wrong.key}"]').click()
    li.locator(".qz-check").click()
    fb = li.locator(".qz-fb")
    expect(fb).to_have_class(re.compile("qz-wrong"))
    expect(fb).to_contain_text("回答错误")  # in words, not only in colour
    expect(li.locator(f'label.qz-opt[data-key="{wrong.key}"] .qz-mark')).to_have_text("✗ 选错了")
    expect(li.locator(f'label.qz-opt[data-key="{q.correct_keys[0]}"] .qz-mark')).to_have_text("✓ 正确答案")
    expect(li.locator(f'label.qz-opt[data-key="{wrong.key}"] .qz-ofb')).to_have_text(wrong.feedback)
    after = li.locator(".qz-after")
    expect(after).to_be_visible()
    # Options are shuffled per attempt and lettered A, B, C… in the order shown; the answer follows the letters.
    shown = li.locator("label.qz-opt").evaluate_all("ls => ls.map(l => l.dataset.key)")
    letters = "".join("ABCDEFGH"[i] for i, key in enumerate(shown) if key in q.correct_keys)
    expect(after.locator(".qz-answer")).to_have_text(f"正确答案：{letters}")
    labels = li.locator("label.qz-opt .qz-key").all_inner_texts()
    assert labels == [f"{k}." for k in "ABCDEFGH"[: len(shown)]]
    expect(after.locator(".qz-expl")).to_contain_text(q.explanation)
    expect(after.locator(".qz-hint mark")).to_have_text(q.source.quote)
    expect(li.locator("input").first).to_be_disabled()

    # The 提示 link leads to the cited anchor on 讲话原文, which holds the quoted words.
    href = after.locator("a.qz-src").get_attribute("href")
    assert href.endswith(f"reference/speech.html#{q.source.anchor}")
    after.locator("a.qz-src").click()
    page.wait_for_url(re.compile(r"reference/speech\.html#"))
    target = page.locator(f'[id="{q.source.anchor}"]')
    expect(target).to_have_count(1)
    assert q.source.quote in target.inner_text().replace("\n", "")

    # Back on the lesson (from the back/forward cache or reloaded), the answered question is as it was left.
    page.go_back()
    open_page(page, html_site, LESSON)
    li = question(page, q.id)
    expect(li.locator(".qz-fb")).to_contain_text("回答错误")
    expect(li.locator(f'label.qz-opt[data-key="{wrong.key}"] input')).to_be_checked()
    assert li.locator("label.qz-opt").evaluate_all("ls => ls.map(l => l.dataset.key)") == shown  # same order
    tf = first_of(page, "truefalse", project)
    li = question(page, tf.id)
    answer(li, tf, right=True)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_have_class(re.compile("qz-right"))
    expect(li.locator(".qz-fb")).to_contain_text("回答正确")
    expect(page.locator("section.qz .qz-score")).to_contain_text("已检查 2 /")
    assert tf.id not in stored(page)["mistakes"]
    assert console_errors == []


def test_fill_in_is_normalised_like_quizgen(page: Page, html_site, project):
    open_page(page, html_site, LESSON)
    q = first_of(page, "fill", project)
    li = question(page, q.id)
    for n, accepted in enumerate(q.blanks, 1):
        # full-width letters and digits, spaces and punctuation around the answer still count as right
        typed = (
            " “"
            + unicodedata.normalize("NFKC", accepted[0]).translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
            + "”。"
        )
        assert normalize_answer(typed) == normalize_answer(accepted[0])
        li.locator(f'input[data-blank="{n}"]').fill(typed)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("回答正确")
    expect(li.locator(".qz-mark.qz-ok")).to_have_count(len(q.blanks))


NORMALISE_CASES = [
    "廉政谈话", " 廉政 谈话 ", "“廉政谈话”。", "（一）提醒谈话！", "ＡＢＣ１２３", "Straße", "STRASSE", "ΣΟΦΟΣ",
    "a\u3000b\u00a0c\td\ne", "x—y–z-w", "《职工驿站》、【驿站】", "①②", "ﬁ", "İstanbul", "100%", "$5 & #6 _ {7} \\ ~ ^",
    "a+b=c", "¥、…·", "e\u0301", "Ⅻ", "\u2028\u2029\x1c\x1f", "“‘「」』", "٫٬", "¿¡", "\ufeffbom",
]  # fmt: skip


def test_javascript_normalises_exactly_as_python(page: Page, html_site):
    open_page(page, html_site, LESSON)
    got = page.evaluate("cases => cases.map(window.quizgen.norm)", NORMALISE_CASES)
    assert got == [normalize_answer(c) for c in NORMALISE_CASES]


def test_javascript_normalises_every_character_as_python(page: Page, html_site):
    """Every assigned code point (as Python's Unicode database knows them), one at a time."""
    chars = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co")]
    open_page(page, html_site, LESSON)
    got = page.evaluate("cs => cs.map(window.quizgen.norm)", chars)
    differ = [
        f"U+{ord(c):04X} {normalize_answer(c)!r} {g!r}"
        for c, g in zip(chars, got, strict=True)
        if normalize_answer(c) != g
    ]
    assert differ == []


def test_finishing_a_quiz_records_progress_that_survives_reload(page: Page, html_site, project):
    open_page(page, html_site, LESSON)
    data = quiz_data(page)
    auto = [qid for qid, d in data.items() if d["t"] != "open"]
    wrong_id = auto[0]
    for qid in data:
        li = question(page, qid)
        answer(li, project.question(qid), right=qid != wrong_id)
        li.locator(".qz-check").click()
    pct = round(100 * (len(auto) - 1) / len(auto))
    score = page.locator("section.qz .qz-score")
    expect(score).to_contain_text(f"得分：答对 {len(auto) - 1} / {len(auto)} 题（{pct}%）")
    expect(score).to_contain_text(f"最好成绩 {pct}%，已完成 1 次")
    record = stored(page)
    key = page.locator("section.qz").first.get_attribute("data-quiz")
    assert key.startswith("main/")  # namespaced by course
    assert record["quizzes"][key] == {"best": pct, "attempts": 1, "last": pct}
    assert record["mistakes"] == [wrong_id]

    page.reload()  # the finished attempt is shown as it was left, and not counted again
    page.wait_for_selector("section.qz.qz-on")
    expect(score).to_contain_text(f"得分：答对 {len(auto) - 1} / {len(auto)} 题（{pct}%）")
    expect(score).to_contain_text(f"最好成绩 {pct}%，已完成 1 次")
    expect(question(page, wrong_id).locator(".qz-fb")).to_contain_text("回答错误")
    page.locator("section.qz .qz-retry").click()
    expect(score).to_have_text(f"上次为止最好成绩 {pct}%，已完成 1 次。")
    expect(page.locator("section.qz .qz-after:visible")).to_have_count(0)
    page.reload()
    page.wait_for_selector("section.qz.qz-on")
    expect(score).to_have_text(f"上次为止最好成绩 {pct}%，已完成 1 次。")
    open_page(page, html_site, "practice/progress.html")
    row = page.locator(f'tr[data-quiz="{key}"]')
    expect(row.locator(".qz-st")).to_have_text("已掌握" if pct >= 80 else "已练习")
    expect(row.locator(".qz-best")).to_have_text(f"{pct}%（1 次）")
    expect(page.locator(".qz-nmist")).to_have_text("1")


def test_test_mode_scores_on_submit_and_retry_reshuffles(page: Page, mini_site, project):
    open_page(page, mini_site, "test.html")
    quiz = page.locator("section.qz")
    expect(quiz.locator(".qz-check").first).to_be_hidden()
    data = quiz_data(page)
    for qid in data:
        answer(question(page, qid), project.question(qid), right=True)
    quiz.locator(".qz-submit").click()
    expect(quiz.locator(".qz-score")).to_contain_text(f"答对 {len(data)} / {len(data)} 题（100%）")
    expect(quiz.locator(".qz-after:visible")).to_have_count(len(data))
    expect(quiz.locator(".qz-submit")).to_be_disabled()

    shuffled = quiz.locator('li.qz-q[data-shuffle="1"]').first
    orders = set()
    for _ in range(12):
        quiz.locator(".qz-retry").click()
        orders.add("".join(shuffled.locator("label.qz-opt").evaluate_all("ls => ls.map(l => l.dataset.key)")))
    assert len(orders) > 1, "options are reshuffled for each attempt"
    expect(quiz.locator(".qz-after:visible")).to_have_count(0)
    expect(quiz.locator("input:checked")).to_have_count(0)
    expect(quiz.locator(".qz-submit")).to_be_enabled()


def test_exam_counts_down_and_submits_at_zero(page: Page, mini_site, project):
    """The exam's clock under Playwright's fake clock: nothing races a real timer (the learner answers whenever the
    test gets to it, then time is moved on). Catches a timer that never submits, submits early (still running at
    00:01, a second before the end) or counts in the wrong unit (01:00 shown for the page's one minute)."""
    page.clock.install()
    open_page(page, mini_site, "exam.html")
    quiz = page.locator("section.qz")
    quiz.locator(".qz-start").click()
    expect(quiz.locator(".qz-timer")).to_contain_text("剩余时间 01:00")
    qid = next(iter(quiz_data(page)))
    answer(question(page, qid), project.question(qid), right=True)
    page.clock.run_for(59_000)
    expect(quiz.locator(".qz-timer")).to_contain_text("剩余时间 00:01")
    expect(quiz.locator(".qz-score")).not_to_contain_text("时间到")
    expect(quiz.locator("input").first).to_be_enabled()  # still answerable
    page.clock.run_for(1_000)
    expect(quiz.locator(".qz-score")).to_contain_text("时间到，已自动交卷。")
    expect(quiz.locator(".qz-timer")).to_be_hidden()
    expect(quiz.locator(".qz-score")).to_contain_text("得分：答对 1 / 2 题（50%）")
    expect(quiz.locator(".qz-submit")).to_be_disabled()
    expect(quiz.locator("input").first).to_be_disabled()
    assert stored(page)["quizzes"][quiz.get_attribute("data-quiz")]["best"] == 50


def test_exam_without_hook_uses_data_minutes(page: Page, mini_site):
    open_page(page, mini_site, "exam.html")
    page.locator("section.qz .qz-start").click()
    expect(page.locator("section.qz .qz-timer")).to_have_text(re.compile(r"剩余时间 (01:00|00:5\d)"))


def test_keyboard_only(page: Page, html_site, project):
    open_page(page, html_site, LESSON)
    q = first_of(page, "single", project)
    li = question(page, q.id)
    li.locator("input").first.focus()
    page.keyboard.press("Space")  # selects the focused option
    page.keyboard.press("Tab")  # leaves the radio group for 检查答案
    focused = page.evaluate("document.activeElement.className")
    assert focused == "qz-check"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus is visible"
    page.keyboard.press("Enter")
    expect(li.locator(".qz-fb")).to_contain_text(re.compile("回答正确|回答错误"))
    assert page.evaluate("document.activeElement.className").startswith("qz-fb")  # focus stays with the result
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "qz-src"  # then on to the 提示 link


def test_open_question_shows_the_reference_after_writing(page: Page, html_site, project):
    open_page(page, html_site, LESSON)
    q = first_of(page, "open", project)
    li = question(page, q.id)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("请先写下你的回答")
    expect(li.locator(".qz-after")).to_be_hidden()
    li.locator("textarea").fill("要把主体责任扛在肩上。")
    li.locator(".qz-check").click()
    expect(li.locator(".qz-after")).to_be_visible()
    reference = present.reference_answer(q)  # the bank's text without its 参考答案： label, shown under the bold one
    expect(li.locator(".qz-after .qz-answer")).to_contain_text(reference.split("\n")[0][:20])
    expect(li.locator(".qz-fb")).to_contain_text("不计分")
    assert q.id not in (stored(page) or {"mistakes": []})["mistakes"]  # open questions never enter 错题本
