"""The Word paper's layout for printing and marking (python-docx): what word.py's paper and key are laid out with.

- Every page's footer: the variant and 第 N 页 共 M 页 (Word fields, so Word, WPS and LibreOffice count pages).
- 简答题: ruled lines to write on, six for each point of the question's 评分要点.
- Blanks as wide as the longest accepted answer (and never narrower than four characters).
- The answer brackets （  ） of a choice kept whole: the room inside is the opening bracket's letter spacing, not
  spaces (LibreOffice breaks a line before a closing bracket after spaces, even non-breaking ones).
- The key's 答案表 (every objective answer on one line) and each 评分要点 with its share of the points.
- A separate 答题卡 for the objective questions.
- The document ends on a paragraph too small to push onto a page of its own.
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import present
from ..model import Question

RULED_LINES_PER_POINT = 6
LINE_HEIGHT = Cm(0.85)
BRACKET_ROOM = "420"  # twips of letter spacing after （: room for the answer's letters, and no space to break at
MIN_BLANK = present.MIN_BLANK
_POINTS = re.compile(r"评分要点[：:](.*)", re.S)


def scoring_points(q: Question) -> tuple[list[str], list[str]]:
    """The points of an open question's 评分要点 (its explanation), and those that only add (可加分)."""
    match = _POINTS.search(q.explanation)
    if not match:
        return [], []
    items = [item.strip(" 。；;\n") for item in re.split(r"[；;]", match.group(1))]
    items = [item for item in items if item]
    return [i for i in items if "加分" not in i], [i for i in items if "加分" in i]


def point_scores(total: float, count: int) -> list[float]:
    """``total`` shared among ``count`` points: whole numbers where it divides so, the first ones larger."""
    if count <= 0:
        return []
    if float(total).is_integer() and total >= count:
        base, extra = divmod(int(total), count)
        return [float(base + (1 if i < extra else 0)) for i in range(count)]
    share = round(total / count, 1)
    return [share] * (count - 1) + [round(total - share * (count - 1), 1)]


def writing_lines(q: Question) -> int:
    points, _ = scoring_points(q)
    return RULED_LINES_PER_POINT * max(1, len(points))


def blank_width(q: Question, index: int) -> int:
    """Characters of the ``index``-th blank: its longest accepted answer and room to spare (as on screen)."""
    return present.blank_room(q, index)


def answer_brackets(paragraph: Any, run: Any) -> None:
    """（　　） at the end of a choice's stem, never split across lines; ``run(paragraph, text)`` adds a run."""
    opening = run(paragraph, "（")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), BRACKET_ROOM)
    opening._r.get_or_add_rPr().append(spacing)
    run(paragraph, "）")


def nested_quotes(text: str) -> str:
    """A quotation to print inside “…”: its own double quotes become single ones (“…‘…’…”)."""
    return text.replace("“", "‘").replace("”", "’")


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def page_footer(document: Any, label: str) -> None:
    """``label　第 N 页　共 M 页`` centred at the foot of every page."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{label}　第 ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" 页　共 ")
    _field(paragraph, "NUMPAGES")
    paragraph.add_run(" 页")


def _bottom_border(cell: Any) -> None:
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "right", "bottom"):
        border = OxmlElement(f"w:{side}")
        if side == "bottom":
            border.set(qn("w:val"), "single")
            border.set(qn("w:sz"), "4")
            border.set(qn("w:color"), "808080")
        else:
            border.set(qn("w:val"), "nil")
        borders.append(border)
    cell._tc.get_or_add_tcPr().append(borders)


def ruled_lines(document: Any, count: int) -> Any:
    """``count`` ruled lines to write on (a one-column table: each row a line of fixed height)."""
    table = document.add_table(rows=count, cols=1)
    for row in table.rows:
        row.height = LINE_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        _bottom_border(row.cells[0])
    return table


def end_paragraph(document: Any) -> None:
    """The last paragraph, tiny and without spacing: a full last page never spills onto an empty one."""
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    paragraph.add_run("").font.size = Pt(1)


def answer_line(numbered: list[tuple[int, Question]]) -> str:
    """The 答案表: every objective answer on one line, ``1.B　2.AC　3.正确　4.廉政谈话``."""
    parts = []
    for number, q in numbered:
        if q.type == "open":
            continue
        answer = present.answer_text(q) if q.type != "fill" else "；".join(b[0] for b in q.blanks if b)
        parts.append(f"{number}.{answer}")
    return "　".join(parts)


def answer_sheet_rows(numbered: list[tuple[int, Question]], per_row: int = 5) -> list[list[int]]:
    """The question numbers of the 答题卡's objective part, ``per_row`` to a row."""
    numbers = [n for n, q in numbered if present.is_choice(q)]
    return [numbers[i : i + per_row] for i in range(0, len(numbers), per_row)]
