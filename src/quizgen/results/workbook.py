"""成绩汇总.xlsx: 汇总 (one row per learner), a sheet per test with each learner's answers, 题目分析 and 段落掌握.

Every text cell is written as text (a name starting with ``=`` never becomes a formula); numbers stay numbers so
that a trainer can sort and average them."""

from __future__ import annotations

import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..export import clean
from ..model import TYPE_NAMES
from ..office import xlsx_bytes
from .analysis import PassageStats, TestAnalysis
from .course import CourseInfo
from .read import Learner


def _put(sheet: Worksheet, row: list[object]) -> None:
    sheet.append([clean(v) if isinstance(v, str) else v for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _finish(sheet: Worksheet, widths: list[int]) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C2" if sheet.max_column > 2 else "A2"


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 3)


def passed(course: CourseInfo, tests: list[TestAnalysis], learner: Learner) -> bool | None:
    final = next((t for t in tests if t.quiz.final), None)
    if final is None:
        return None
    graded = next((g for g in final.graded if g.learner is learner), None)
    return graded is not None and graded.percent >= course.mastery


def workbook(course: CourseInfo, learners: list[Learner], tests: list[TestAnalysis], passages: list[PassageStats],
             anchor_text: dict[str, str]) -> bytes:  # fmt: skip
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    head = ["姓名", "单位", "成绩码日期", f"完成的课（共 {len(course.lessons)} 课）"]
    for test in tests:
        head += [f"{test.quiz.title} 得分（%）", f"{test.quiz.title} 用时（分钟）"]
    head += [f"通过（结业测验 ≥ {course.mastery}%）", "来源"]
    _put(summary, head)
    for learner in learners:
        done = {q.key.split("#")[0] for q in learner.results.quizzes if q.attempts}
        row: list[object] = [learner.results.name, learner.results.unit, learner.results.date]
        row.append(len([d for d in course.lessons if d in done]))
        for test in tests:
            graded = next((g for g in test.graded if g.learner is learner), None)
            record = next((q for q in learner.results.quizzes if q.key == test.quiz.key), None)
            row.append(graded.percent if graded else "")
            row.append(round(record.seconds / 60, 1) if record and record.seconds is not None and graded else "")
        ok = passed(course, tests, learner)
        row += ["" if ok is None else "是" if ok else "否", learner.where]
        _put(summary, row)
    _finish(summary, [12, 24, 12, 12] + [14, 10] * len(tests) + [12, 24])
    for number, test in enumerate(tests, 1):
        sheet = book.create_sheet(re.sub(r"[\\/*?:\[\]]", " ", f"{number} {test.quiz.title}")[:31])
        ids = [s.question.id for s in test.items]
        _put(sheet, ["姓名", "单位", "得分（%）", "答对", "计分题数", *ids])
        for g in test.graded:
            marks = []
            for qid in ids:
                if qid not in g.answers:
                    marks.append("")
                    continue
                answer = "、".join(p for p in g.answers[qid] if p) or "（未答）"
                marks.append(("✓ " if g.results.get(qid) else "✗ ") + answer)
            _put(sheet, [g.learner.results.name, g.learner.results.unit, g.percent, g.right, g.total, *marks])
        _finish(sheet, [12, 24, 10, 8, 10] + [14] * len(ids))
    items = book.create_sheet("题目分析")
    _put(items, ["测验", "编号", "题型", "题干", "出处锚点", "作答人数", "难度 p", "点二列相关", "高分组 p", "低分组 p",
                 "区分度 D", "各选项人数（空：未答）", "提示"])  # fmt: skip
    for test in tests:
        for s in test.items:
            q = s.question
            options = "；".join(f"{k or '未答'}：{v}" for k, v in s.options.items())
            _put(items, [test.quiz.title, q.id, TYPE_NAMES[q.type], q.stem, q.source.anchor, s.n, _round(s.p),
                         _round(s.point_biserial), _round(s.upper), _round(s.lower), _round(s.d), options,
                         "；".join(s.flags)])  # fmt: skip
    _finish(items, [16, 14, 8, 50, 12, 8, 8, 10, 8, 8, 8, 30, 24])
    weak = book.create_sheet("段落掌握")
    _put(weak, ["出处锚点", "答对比例", "作答次数", "涉及题目", "位置和原文"])
    for p in passages:
        _put(
            weak,
            [p.anchor, round(p.share, 3), p.answers, "、".join(sorted(p.questions)), anchor_text.get(p.anchor, "")],
        )
    _finish(weak, [12, 10, 10, 40, 60])
    return xlsx_bytes(book)
