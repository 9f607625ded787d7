"""A paper and its answer key as Word documents (python-docx), for Word and WPS.

Chinese text gets real Chinese fonts (the ``w:eastAsia`` font of the document defaults and every style: 宋体
for the body, 黑体 for headings) and is declared Chinese (``w:lang w:eastAsia="zh-CN"``, which Word and WPS
use for line breaking, punctuation and proofing; the template says en-US), questions are numbered by Word's own list numbering (the ``List Number`` style, one
sequence through the paper), and blanks are underlined spaces. python-docx escapes all text for XML.
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .. import present
from ..model import Question
from ..office import FIXED_DATE, docx_bytes
from ..present import clean
from ..source import Speech
from . import layout
from .draw import Paper, PaperQuestion

BODY_FONT = ("Times New Roman", "宋体")
HEADING_FONT = ("Times New Roman", "黑体")
CORE_PROPERTY_LIMIT = 255  # characters a core property (the file's title) may hold; the page keeps the whole title
LANGUAGE = {"w:val": "en-US", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"}  # Latin text en-US, Chinese text zh-CN


def set_font(target: Any, fonts: tuple[str, str], size: float | None = None, bold: bool | None = None) -> None:
    """Set the Western and the East Asian font of a style or a run (python-docx sets only the former)."""
    western, east_asian = fonts
    target.font.name = western
    if size is not None:
        target.font.size = Pt(size)
    if bold is not None:
        target.font.bold = bold
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), western)
    rfonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)


def set_language(rpr: Any) -> None:
    """Declare the run properties' text Chinese (``w:lang``), in the place the schema gives it."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        following = [rpr.find(qn(tag)) for tag in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        anchor = next((e for e in following if e is not None), None)
        if anchor is not None:
            anchor.addprevious(lang)
        else:
            rpr.append(lang)
    for attr, value in LANGUAGE.items():
        lang.set(qn(attr), value)


def _defaults(document) -> None:
    """The document defaults: Chinese fonts and language for text no style names."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    western, east_asian = BODY_FONT
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), western)
    rfonts.set(qn("w:eastAsia"), east_asian)
    set_language(rpr)


def _styles(document) -> None:
    _defaults(document)
    styles = document.styles
    set_font(styles["Normal"], BODY_FONT, 10.5)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        style = styles[name]
        set_font(style, HEADING_FONT, size, bold=name != "Title")
        style.font.color.rgb = RGBColor(0, 0, 0)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(styles["List Number"], BODY_FONT, 10.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Number"):
        set_language(styles[name].element.get_or_add_rPr())
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))


def _new_document(title: str):
    document = Document()
    _styles(document)
    props = document.core_properties
    props.title = clean(title)[:CORE_PROPERTY_LIMIT]
    props.author = "quizgen"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    return document


def _run(paragraph, text: str, bold: bool = False, underline: bool = False):
    run = paragraph.add_run(clean(text))
    set_font(run, BODY_FONT)
    run.bold = bold or None
    run.underline = underline or None
    return run


def _stem(paragraph, q: Question) -> None:
    for index, piece in enumerate(present.stem_pieces(q)):
        if index:
            _run(paragraph, "\u3000" * layout.blank_width(q, index - 1), underline=True)
        _run(paragraph, piece)
    if present.is_choice(q):
        layout.answer_brackets(paragraph, _run)


def _header(document, paper: Paper, suffix: str = "") -> None:
    document.add_paragraph(clean(paper.title + suffix), style="Title")
    spec = paper.spec
    if spec.subtitle:
        document.add_paragraph(clean(spec.subtitle)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    facts = []
    if spec.minutes:
        facts.append(f"考试时间：{spec.minutes} 分钟")
    facts += [f"满分：{paper.total_points:g} 分", f"题量：{len(paper.questions)} 题"]
    document.add_paragraph("　　".join(facts)).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _question(document, pq: PaperQuestion) -> None:
    q = pq.question
    _stem(document.add_paragraph(style="List Number"), q)
    if present.has_options(q):
        for key, text, _ in present.choices(q):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.75)
            _run(paragraph, f"{key}．{text}")
    elif q.type == "open":
        layout.ruled_lines(document, layout.writing_lines(q))


def _save(document) -> bytes:
    return docx_bytes(document)


def paper_docx(paper: Paper) -> bytes:
    document = _new_document(paper.title)
    _header(document, paper)
    if paper.spec.instructions:
        paragraph = document.add_paragraph()
        _run(paragraph, "说明：", bold=True)
        _run(paragraph, paper.spec.instructions)
    document.add_paragraph("姓名：____________　　单位：____________　　得分：________")
    for section in paper.sections:
        document.add_heading(clean(section.heading), level=1)
        for pq in section.questions:
            _question(document, pq)
    layout.page_footer(document, f"{paper.variant} 卷")
    layout.end_paragraph(document)
    return _save(document)


def answer_sheet_docx(paper: Paper) -> bytes:
    """The 答题卡: a box for each objective answer, a line for each blank; 简答题 are answered on the paper."""
    document = _new_document(paper.title + "答题卡")
    _header(document, paper, "答题卡")
    document.add_paragraph("姓名：____________　　单位：____________　　得分：________")
    numbered = [(pq.number, pq.question) for pq in paper.questions]
    rows = layout.answer_sheet_rows(numbered)
    if rows:
        document.add_heading("选择题、判断题（填写选项字母，判断题填“√”或“×”）", level=1)
        table = document.add_table(rows=2 * len(rows), cols=max(len(r) for r in rows))
        table.style = document.styles["Table Grid"]
        for index, numbers in enumerate(rows):
            for column, number in enumerate(numbers):
                table.cell(2 * index, column).text = str(number)
                table.rows[2 * index + 1].height = Cm(0.9)
    fills = [(pq.number, pq.question) for pq in paper.questions if pq.question.type == "fill"]
    if fills:
        document.add_heading("填空题", level=1)
        for number, q in fills:
            blanks = "　".join("\u3000" * layout.blank_width(q, i) for i in range(max(1, len(q.blanks))))
            paragraph = document.add_paragraph(f"{number}．")
            _run(paragraph, blanks, underline=True)
    if any(pq.question.type == "open" for pq in paper.questions):
        document.add_paragraph("简答题请在试卷上作答。")
    layout.page_footer(document, f"{paper.variant} 卷答题卡")
    layout.end_paragraph(document)
    return _save(document)


def key_docx(paper: Paper, speech: Speech | None = None) -> bytes:
    """The key; ``speech`` names each source as readers know the passage (第三部分（二）)."""
    document = _new_document(paper.title + "参考答案与解析")
    _header(document, paper, "参考答案与解析")
    line = layout.answer_line([(pq.number, pq.question) for pq in paper.questions])
    if line:
        paragraph = document.add_paragraph()
        _run(paragraph, "答案表：", bold=True)
        _run(paragraph, line)
    for section in paper.sections:
        document.add_heading(clean(section.heading), level=1)
        for pq in section.questions:
            q = pq.question
            paragraph = document.add_paragraph(style="List Number")
            label = f"{present.answer_label(q)}："
            if q.type == "open":  # a reference answer is long: only its label in bold
                _run(paragraph, label, bold=True)
                _run(paragraph, present.answer_text(q))
            else:
                _run(paragraph, label + present.answer_text(q), bold=True)
            points, bonus = layout.scoring_points(q) if q.type == "open" else ([], [])
            if points:
                _scoring(document, pq, points, bonus)
            else:
                detail = document.add_paragraph()
                detail.paragraph_format.left_indent = Cm(0.75)
                _run(detail, f"{present.EXPLANATION_LABEL}：", bold=True)
                _run(detail, present.explanation(q))
            source = document.add_paragraph()
            source.paragraph_format.left_indent = Cm(0.75)
            where, quote = present.source_ref(q, speech), layout.nested_quotes(q.source.quote)
            _run(source, f"{present.SOURCE_LABEL}：{where}，“{quote}”（题目编号 {q.id}）")
    layout.page_footer(document, f"{paper.variant} 卷参考答案")
    layout.end_paragraph(document)
    return _save(document)


def _scoring(document, pq: PaperQuestion, points: list[str], bonus: list[str]) -> None:
    """评分要点, each with its share of the question's points; what only adds is marked 酌情加分."""
    heading = document.add_paragraph()
    heading.paragraph_format.left_indent = Cm(0.75)
    _run(heading, f"评分要点（共 {pq.points:g} 分）：", bold=True)
    for index, (text, score) in enumerate(zip(points, layout.point_scores(pq.points, len(points)), strict=True)):
        item = document.add_paragraph()
        item.paragraph_format.left_indent = Cm(1.25)
        _run(item, f"（{index + 1}）{text}（{score:g} 分）")
    for text in bonus:
        item = document.add_paragraph()
        item.paragraph_format.left_indent = Cm(1.25)
        _run(item, f"另：{text}（酌情加分，全题不超过 {pq.points:g} 分）")
