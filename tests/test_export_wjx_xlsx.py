"""The wjx plain-text format and the Excel workbook: the documented layout, one question per block / row."""

from __future__ import annotations

import io
import re
from pathlib import Path

from export_samples import tricky_bank
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from quizgen import present
from quizgen.export import wjx, xlsx
from quizgen.order import all_printed

TYPE_MARK = re.compile(r"^(\d+)\. (.*)\[(单选题|多选题|判断题|填空题|简答题)\]$")


def blocks(text: str) -> list[list[str]]:
    return [block.splitlines() for block in text.strip().split("\n\n")]


def test_wjx_layout_for_every_question(project) -> None:
    text = wjx.render(project.questions).data.decode("utf-8")
    parsed = blocks(text)
    assert len(parsed) == len(project.questions)
    # Options and keys as printed: quizgen.order's order (test_order.py checks it keeps the right answers).
    for number, (lines, q) in enumerate(zip(parsed, all_printed(project.questions), strict=True), 1):
        head = TYPE_MARK.match(lines[0])
        assert head, lines[0]
        assert int(head.group(1)) == number
        assert lines[-2].startswith("答案：") and lines[-1].startswith("解析：")
        options = lines[1:-2]
        if q.type in ("single", "multiple"):
            assert options == [f"{o.key}. {' '.join(o.text.split())}" for o in q.options]
            assert lines[-2] == "答案：" + "".join(q.correct_keys)
        elif q.type == "truefalse":
            assert options == ["A. 正确", "B. 错误"]
            assert lines[-2] == "答案：" + ("正确" if q.answer else "错误")
        else:
            assert options == []
        if q.type == "fill":
            assert head.group(2).count("____") == len(q.blanks)
            assert lines[-2] == "答案：" + "；".join("|".join(b) for b in q.blanks)
        assert not lines[-1].startswith("解析：解析")


def test_wjx_keeps_one_line_per_field(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    text = wjx.render(questions).data.decode("utf-8")
    open_block = blocks(text)[-1]
    assert open_block[0].endswith("[简答题]")
    assert open_block[1] == "答案：第一行 ~ = # 第二行 { } : \\ & <ok>"
    assert len(open_block) == 3


def parse_fill_answers(text: str) -> dict[str, list[list[str]]]:
    """The fill-in answers of a wjx file as an importer following 导出格式 reads them: blanks split at ；,
    accepted answers at |; keyed by the stem."""
    found = {}
    for lines in blocks(text):
        head = TYPE_MARK.match(lines[0])
        if head and head.group(3) == "填空题":
            answer = lines[-2].removeprefix("答案：")
            found[head.group(2)] = [blank.split("|") for blank in answer.split("；")]
    return found


def test_wjx_fill_answers_round_trip_or_are_refused(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    fill = next(q for q in questions if q.id == "t-fill2")
    safe = fill.model_copy(update={"id": "safe", "answer": [["猛药去疴", "猛药、去疴", "A,B：c"], ["刮骨疗毒"]]})
    hostile = [
        fill.model_copy(update={"id": f"hostile-{n}", "stem": f"{n}：坚持____的决心、____的勇气。", "answer": answer})
        for n, answer in enumerate(
            [[["猛药|去疴"], ["刮骨疗毒"]], [["猛药去疴"], ["刮骨；疗毒"]], [["猛药去疴"], ["刮骨;疗毒", "x｜y"]]]
        )
    ]
    rendered = wjx.render([safe, *hostile])
    parsed = parse_fill_answers(rendered.data.decode("utf-8"))
    assert parsed == {safe.stem: safe.blanks}  # what an importer reads is exactly the bank's answers
    assert rendered.count == 1
    assert [w.qid for w in rendered.warnings] == [q.id for q in hostile]
    assert all(w.level == "warning" and "分隔符" in w.message for w in rendered.warnings)


def test_wjx_round_trips_every_project_fill_answer(project) -> None:
    rendered = wjx.render(project.questions)
    parsed = parse_fill_answers(rendered.data.decode("utf-8"))
    fills = [q for q in project.questions if q.type == "fill"]
    assert not rendered.warnings
    assert [parsed[wjx.text(q.stem)] for q in fills] == [[[wjx.text(a) for a in b] for b in q.blanks] for q in fills]


def workbook(questions):
    return load_workbook(io.BytesIO(xlsx.render(questions).data))


def test_xlsx_one_row_per_question_with_documented_columns(project) -> None:
    sheet = workbook(project.questions)["题库"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == xlsx.HEADERS
    assert len(rows) == len(project.questions) + 1
    column = {name: i for i, name in enumerate(xlsx.HEADERS)}
    for row, q in zip(rows[1:], all_printed(project.questions), strict=True):
        assert row[column["编号"]] == q.id
        assert row[column["题干"]] == q.stem
        assert row[column["答案"]] == present.answer_text(q)
        assert row[column["原文引文"]] == q.source.quote
        assert row[column["难度"]] == {1: "易", 2: "中", 3: "难"}[q.difficulty]
        options = [row[column[f"选项{k}"]] or "" for k in "ABCDEF"]
        assert options[: len(q.options)] == [o.text for o in q.options]
    assert sheet.freeze_panes == "A2"


def test_xlsx_never_turns_text_into_formulas(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    sheet = workbook(questions)["题库"]
    options = [sheet.cell(row=2, column=xlsx.HEADERS.index(f"选项{k}") + 1) for k in "ABCD"]
    cell = next(c for c in options if str(c.value).startswith("="))
    assert cell.value == "=SUM(1,2) 重落实、轻安排"
    assert cell.data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value is not None)  # as documented


def test_xlsx_removes_control_characters(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    odd = questions[0].model_copy(update={"stem": "题干\x01\x0b含控制字符"})
    sheet = workbook([odd])["题库"]
    assert sheet.cell(row=2, column=3).value == "题干含控制字符"


def test_xlsx_leaves_out_a_question_too_long_for_a_cell(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    huge = questions[1].model_copy(update={"id": "huge", "explanation": "解析" * 20_000})
    rendered = xlsx.render([questions[0], huge, questions[2]])
    assert [w.qid for w in rendered.warnings] == ["huge"] and "32767" in rendered.warnings[0].message
    assert rendered.count == 2
    sheet = load_workbook(io.BytesIO(rendered.data))["题库"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [questions[0].id, questions[2].id]
    assert all(len(str(c.value or "")) <= xlsx.CELL_LIMIT for r in sheet.iter_rows() for c in r)
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(xlsx.HEADERS))}3"
