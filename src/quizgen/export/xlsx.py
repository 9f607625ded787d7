"""An Excel workbook, one row per question, for trainers to read, sort and filter.

Every cell is written as text (a stem that starts with ``=`` never becomes a formula) and control
characters Excel cannot hold are removed. The difficulty is the word Chinese exam platforms' import sheets use
(易、中、难), not the bank's number, so every column is text as 导出格式 documents. A cell holds at most
32,767 characters in Excel (a longer one makes Excel call the file damaged), so a question with a longer text
is left out with a warning, never cut.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import present
from ..model import KEYS, Question
from ..office import xlsx_bytes
from ..order import all_printed
from ..source import Speech
from . import Rendered, clean, skipped
from .paper_input import PaperInfo

OPTION_COLUMNS = [f"选项{k}" for k in KEYS[:6]]
COLUMNS: list[tuple[str, int]] = [
    ("编号", 14), ("题型", 8), ("题干", 50), *[(name, 24) for name in OPTION_COLUMNS], ("答案", 16),
    ("解析", 50), ("出处锚点", 12), ("原文引文", 40), ("模块", 8), ("标签", 20), ("难度", 6), ("自动生成", 8),
]  # fmt: skip
HEADERS = [name for name, _ in COLUMNS]
DIFFICULTY = {1: "易", 2: "中", 3: "难"}
CELL_LIMIT = 32_767  # characters in one Excel cell


def row(q: Question) -> list[str]:
    options = [o.text for o in q.options]
    if len(options) > len(OPTION_COLUMNS):  # the sheet has six option columns; the rest share the last one
        options = [*options[: len(OPTION_COLUMNS) - 1], "；".join(options[len(OPTION_COLUMNS) - 1 :])]
    options += [""] * (len(OPTION_COLUMNS) - len(options))
    return [
        q.id, present.type_name(q), q.stem, *options, present.answer_text(q), q.explanation, q.source.anchor,
        q.source.quote, q.module, "、".join(q.tags), DIFFICULTY[q.difficulty], "是" if q.generated else "否",
    ]  # fmt: skip


def render(questions: list[Question], paper: PaperInfo | None = None, *, speech: Speech | None = None) -> Rendered:
    book = Workbook()
    sheet = book.active
    sheet.title = "题库" if paper is None else "试卷"
    # a drawn paper: its number and points first, its order and option letters kept
    extra = [("题号", 6), ("分值", 6)] if paper is not None else []
    columns = [*extra, *COLUMNS]
    headers = [name for name, _ in columns]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    warnings, rows = [], []
    for q in all_printed(questions) if paper is None else questions:
        lead = [str(paper.numbers[q.id]), f"{paper.points[q.id]:g}"] if paper is not None else []
        values = [clean(value) for value in [*lead, *row(q)]]
        longest = max(range(len(values)), key=lambda i: len(values[i]))
        if len(values[longest]) > CELL_LIMIT:
            why = f"{headers[longest]}有 {len(values[longest])} 个字符，超过 Excel 单元格的上限 {CELL_LIMIT}"
            warnings.append(skipped(q, "xlsx", why))
        else:
            rows.append(values)
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=number, column=column)
            cell.value = value
            cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap
    for column, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    return Rendered(xlsx_bytes(book), warnings, len(rows))
