"""我的成绩 at 390×844 in Chromium: a learner submits the 综合测验, enters a name and unit on 学习记录, copies the
成绩码; pasted into a file, quizgen results reads it and scores it as the page did."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from qzhelp import answer, open_page, question

from quizgen.cli import main

pytestmark = pytest.mark.browser

FINAL = "practice/final-test.html"
PROGRESS = "practice/progress.html"


def test_enter_name_copy_code_and_results_read_it(page: Page, html_site, project, tmp_path, capsys):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, html_site, FINAL)
    ids = page.locator("section.qz li.qz-q").evaluate_all("ls => ls.map(l => l.dataset.qid)")
    for n, qid in enumerate(ids[:12]):
        answer(question(page, qid), project.question(qid), right=n % 3 != 2)
    page.locator("section.qz .qz-submit").click()
    page.locator("section.qz .qz-go").click()  # the rest left blank
    shown = re.search(r"（(\d+)%）", page.locator("section.qz .qz-score").text_content())
    assert shown

    open_page(page, html_site, PROGRESS)
    mine = page.locator(".qz-mine")
    mine.locator(".qz-name").fill("欧阳明月")
    mine.locator(".qz-unit").fill("XX区总工会")
    mine.locator(".qz-code-copy").click()
    expect(mine.locator(".qz-code-msg")).to_contain_text("成绩码已复制")
    code = page.evaluate("navigator.clipboard.readText()")
    assert code.startswith("QG1.") and len(code) <= 2000
    assert mine.locator(".qz-code").input_value() == code

    page.reload()  # the name and unit stay in this browser
    expect(page.locator(".qz-mine .qz-name")).to_have_value("欧阳明月")

    pasted = tmp_path / "微信.txt"
    pasted.write_text(f"欧阳明月 10:02\n老师，我的成绩码：{code}\n", encoding="utf-8")
    assert main(["results", str(pasted), "-o", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    rows = list(load_workbook(tmp_path / "out" / "成绩汇总.xlsx")["汇总"].iter_rows(values_only=True))
    head, row = rows[0], rows[1]
    assert row[:2] == ("欧阳明月", "XX区总工会")
    column = next(i for i, h in enumerate(head) if h.startswith("综合测验") and "得分" in h)
    assert row[column] == int(shown.group(1))
    minutes = row[head.index(head[column].replace("得分（%）", "用时（分钟）"))]
    assert (
        isinstance(minutes, int | float) and 0 <= minutes < 30
    )  # from the first view of the test to 交卷 (0 reads back as int)


def test_no_name_no_code(page: Page, html_site):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, html_site, PROGRESS)
    page.locator(".qz-mine .qz-code-copy").click()
    expect(page.locator(".qz-mine .qz-code-msg")).to_contain_text("请先填写姓名")
    expect(page.locator(".qz-mine .qz-code")).to_be_hidden()
