"""Moodle XML (qformat_xml): a category per module and lesson (a paper: one category, questions numbered in order),
per-option feedback, the 解析 as general feedback, and fill-ins as Moodle reads them.

- single/multiple → ``multichoice`` (one right option at 100 %; several at 100/k % each and the others at −100 %,
  values from Moodle's list of grades, so the import's grade check and its sum check both pass);
- truefalse → ``truefalse``; a one-blank fill-in → ``shortanswer`` (each accepted answer at 100 %);
- a fill-in with several blanks → ``cloze`` (multianswer): the stem with each blank replaced by
  ``{w:SHORTANSWER:=a~=b}``, ``}`` and ``#`` escaped as the Cloze parser unescapes them; an answer holding
  ``~`` or ``\\``, which Cloze cannot carry, leaves the question out with a warning;
- open → ``essay`` with the reference answer as the grader's information.

Texts are HTML (``format="html"``), escaped, inside XML that lxml writes. With a paper (``--paper``) each question
keeps the paper's option order and letters (``shuffleanswers`` off) and gets its points as ``defaultgrade`` (a
Cloze question's blanks share the points as whole-number weights when they divide evenly, else 1 each).
"""

from __future__ import annotations

from html import escape

from lxml import etree

from .. import present
from ..model import Question
from ..problems import Problem
from ..source import Speech
from . import Rendered, clean, skipped, writable
from .paper_input import PaperInfo

ROOT = "$course$/top/quizgen"
CLOZE_FORBIDDEN = ("~", "\\")


def _html(text: str) -> str:
    return escape(clean(text).strip()).replace("\n", "<br>")


def _text(parent: etree._Element, tag: str, value: str, fmt: str | None = "html") -> etree._Element:
    element = etree.SubElement(parent, tag, {"format": fmt} if fmt else {})
    etree.SubElement(element, "text").text = value
    return element


def _percent(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _head(
    question: etree._Element, name: str, stem_html: str, q: Question, grade: float, speech: Speech | None
) -> None:
    _text(question, "name", clean(name), None)
    _text(question, "questiontext", stem_html)
    general = _html(present.explanation(q))
    source = _html(f"{present.SOURCE_LABEL}：{present.source_ref(q, speech)}：“{q.source.quote}”")
    _text(question, "generalfeedback", f"{general}<br>{source}" if general else source)
    if q.type != "fill" or len(q.blanks) == 1:
        etree.SubElement(question, "defaultgrade").text = _percent(grade)
    etree.SubElement(question, "penalty").text = "0"
    etree.SubElement(question, "hidden").text = "0"
    etree.SubElement(question, "idnumber").text = clean(q.id)


def _answer(parent: etree._Element, fraction: str, text: str, feedback: str = "", fmt: str = "html") -> None:
    answer = etree.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    etree.SubElement(answer, "text").text = text
    _text(answer, "feedback", _html(feedback) if feedback else "")


def cloze_answer(text: str) -> str:
    return escape(clean(text).strip()).replace("}", "\\}").replace("#", "\\#")


def cloze_stem(q: Question, weights: list[int]) -> str:
    parts = present.stem_pieces(q)
    out = [_html(parts[0])]
    for i, blank in enumerate(q.blanks):
        answers = "~".join(f"={cloze_answer(a)}" for a in blank)
        out.append(f"{{{weights[i]}:SHORTANSWER:{answers}}}")
        out.append(_html(parts[i + 1]) if i + 1 < len(parts) else "")
    return "".join(out)


def unwritable(q: Question) -> Problem | None:
    if q.type == "fill" and len(q.blanks) > 1:
        for blank in q.blanks:
            for a in blank:
                found = [c for c in CLOZE_FORBIDDEN if c in a]
                if found:
                    return skipped(q, "Moodle XML", f"填空答案“{a}”含有 Cloze 无法表达的字符 {' '.join(found)}")
    return None


def question(q: Question, name: str, points: float | None, speech: Speech | None = None) -> etree._Element:
    kind = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "open": "essay"}
    qtype = kind.get(q.type) or ("shortanswer" if len(q.blanks) == 1 else "cloze")
    element = etree.Element("question", {"type": qtype})
    grade = points if points is not None else 1.0
    if qtype == "cloze":
        count = len(q.blanks)
        share = grade / count
        weights = [int(share)] * count if share.is_integer() and share >= 1 else [1] * count
        _head(element, name, cloze_stem(q, weights), q, grade, speech)
        return element
    _head(element, name, _html(q.stem), q, grade, speech)
    if present.has_options(q):
        etree.SubElement(element, "single").text = "true" if q.type == "single" else "false"
        etree.SubElement(element, "shuffleanswers").text = "false" if points is not None else "true"
        etree.SubElement(element, "answernumbering").text = "ABCD"
        etree.SubElement(element, "showstandardinstruction").text = "0"
        right = len(q.correct_keys)
        for o in q.options:
            good = o.key in q.correct_keys
            fraction = "100" if good and right == 1 else _percent(100 / right) if good else "0"
            if q.type == "multiple" and not good:
                fraction = "-100"
            _answer(element, fraction, _html(o.text), o.feedback)
    elif q.type == "truefalse":
        _answer(element, "100" if q.answer is True else "0", "true", fmt="moodle_auto_format")
        _answer(element, "0" if q.answer is True else "100", "false", fmt="moodle_auto_format")
    elif q.type == "fill":
        etree.SubElement(element, "usecase").text = "0"
        for a in q.blanks[0]:
            _answer(element, "100", clean(a).strip(), fmt="moodle_auto_format")
    else:
        etree.SubElement(element, "responseformat").text = "editor"
        etree.SubElement(element, "responserequired").text = "1"
        etree.SubElement(element, "responsefieldlines").text = "10"
        etree.SubElement(element, "attachments").text = "0"
        _text(element, "graderinfo", _html(present.answer_line(q)))
        _text(element, "responsetemplate", "")
    return element


def _category(root: etree._Element, path: str, info: str) -> None:
    element = etree.SubElement(root, "question", {"type": "category"})
    _text(element, "category", clean(path), None)
    _text(element, "info", _html(info))


def render(questions: list[Question], paper: PaperInfo | None = None, *, speech: Speech | None = None) -> Rendered:
    kept, warnings = writable(questions, unwritable)
    root = etree.Element("quiz")
    if paper is not None:
        title = f"{paper.title}（{paper.variant}卷）" if paper.variant else paper.title
        _category(root, f"{ROOT}/{title.replace('/', '／')}", f"{title}：共 {len(kept)} 题，满分 {paper.total:g} 分")
        width = len(str(max(paper.numbers.values(), default=1)))
        for q in kept:
            number = paper.numbers[q.id]
            name = f"{number:0{width}d} {present.type_name(q)} {q.id}"
            root.append(question(q, name, paper.points[q.id], speech))
    else:
        by_lesson: dict[tuple[str, str], list[Question]] = {}
        for q in kept:
            by_lesson.setdefault((q.module or "general", q.lesson), []).append(q)
        for (module, lesson), group in sorted(by_lesson.items()):
            path = f"{ROOT}/{module}" if lesson == module else f"{ROOT}/{module}/{lesson}"
            _category(root, path, f"{module} {lesson}")
            for q in group:
                root.append(question(q, f"{q.id}（{present.type_name(q)}）", None, speech))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Rendered(data, warnings, len(kept))
