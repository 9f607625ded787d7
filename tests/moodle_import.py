"""Moodle's XML question import (qformat_xml, question/format/xml/format.php, with the checks its question types
make on saving), reduced to what the tests need: it reads a Moodle XML file as Moodle would and raises
``MoodleImportError`` where Moodle would refuse a question.

Rules taken from Moodle:
- every question but a Cloze needs a name; a grade (``fraction``, in %) must be one of Moodle's grade options,
  within 0.00001 (question_bank::fraction_options_full, ``match_grade_options`` in 'error' mode);
- multichoice: at least two answers; single: the best answer is 100 %; multiple: the positive grades add up to
  100 % after rounding to two decimals;
- truefalse: answers named ``true`` and ``false``; shortanswer: at least one answer, one of them 100 %;
- cloze (multianswer): the question text parsed with qtype_multianswer's regular expressions (ANSWER_REGEX and
  ANSWER_ALTERNATIVE_REGEX, ported; PHP's variable-width look-behind split in three), ``\\}`` and ``\\#`` unescaped
  in answers, HTML entities decoded; every blank needs an answer and one answer at 100 %.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from lxml import etree

GRADES = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
          0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]  # fmt: skip
FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
ALTERNATIVE = f"({FRACTION})?({ANSWER})(#({FEEDBACK}))?"
TYPES = (
    r"(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|(SHORTANSWER|SA|MW)|"
    r"(SHORTANSWER_C|SAC|MWC)|(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|"
    r"(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)"
)
ANSWER_REGEX = re.compile(r"\{([0-9]*):(" + TYPES + r"):(" + ALTERNATIVE + "(~" + ALTERNATIVE + r")*)\}", re.S)
ALTERNATIVE_REGEX = re.compile("~?" + ALTERNATIVE, re.S)


class MoodleImportError(Exception):
    pass


@dataclass
class Imported:
    category: str
    type: str
    name: str
    text: str  # the question text as HTML (a Cloze's blanks replaced by {#1}, {#2} …)
    general: str = ""
    grade: float = 1.0
    single: bool = True
    shuffle: bool = True
    answers: list[tuple[str, float, str]] = field(default_factory=list)  # text, fraction, feedback
    blanks: list[list[tuple[str, float]]] = field(default_factory=list)  # a Cloze's sub-questions
    idnumber: str = ""


def _text(element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _fraction(value: str) -> float:
    fraction = float(value) / 100
    if not any(abs(fraction - g) < 0.00001 or abs(fraction + g) < 0.00001 for g in GRADES):
        raise MoodleImportError(f"invalid grade {value}")
    return fraction


def _cloze(text: str) -> tuple[str, list[list[tuple[str, float]]]]:
    blanks = []
    position = 1
    while match := ANSWER_REGEX.search(text):
        if not match.group(7):  # SHORTANSWER is all this exporter writes
            raise MoodleImportError(f"unexpected Cloze type {match.group(2)}")
        alternatives = []
        remaining = match.group(16)
        while alt := ALTERNATIVE_REGEX.search(remaining):
            fraction = (
                1.0 if alt.group(1) == "=" else float(alt.group(2).replace(",", ".")) / 100 if alt.group(2) else 0.0
            )
            answer = html.unescape(alt.group(3)).replace("\\}", "}").replace("\\#", "#")
            alternatives.append((answer, fraction))
            remaining = remaining.split(alt.group(0), 1)[1]
        answers = [a for a in alternatives if a[0].strip()]
        if not answers or not any(f == 1 for _, f in answers):
            raise MoodleImportError("a Cloze blank without an answer at 100 %")
        blanks.append(alternatives)
        text = text.replace(match.group(0), f"{{#{position}}}", 1)
        position += 1
    if not blanks:
        raise MoodleImportError("a Cloze question without blanks")
    return text, blanks


def import_xml(data: bytes) -> list[Imported]:
    root = etree.fromstring(data)
    if root.tag != "quiz":
        raise MoodleImportError("not a Moodle XML file")
    category = ""
    out = []
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            category = _text(question, "category/text")
            continue
        name = _text(question, "name/text")
        if not name and kind != "cloze":
            raise MoodleImportError("a question without a name")
        item = Imported(
            category, kind, name, _text(question, "questiontext/text"), _text(question, "generalfeedback/text")
        )
        item.idnumber = _text(question, "idnumber")
        if question.find("defaultgrade") is not None:
            item.grade = float(_text(question, "defaultgrade"))
        answers = [
            (_text(a, "text"), _fraction(a.get("fraction", "0")), _text(a, "feedback/text"))
            for a in question.findall("answer")
        ]
        item.answers = answers
        if kind == "multichoice":
            item.single = _text(question, "single") not in ("false", "")
            item.shuffle = _text(question, "shuffleanswers") not in ("false", "0", "")
            if len(answers) < 2:
                raise MoodleImportError(f"{name}: fewer than two answers")
            if item.single and max(f for _, f, _ in answers) != 1:
                raise MoodleImportError(f"{name}: no answer at 100 %")
            if not item.single and round(sum(f for _, f, _ in answers if f > 0), 2) != 1:
                raise MoodleImportError(f"{name}: the positive grades do not add up to 100 %")
        elif kind == "truefalse":
            if sorted(t for t, _, _ in answers) != ["false", "true"]:
                raise MoodleImportError(f"{name}: true/false answers missing")
        elif kind == "shortanswer":
            if not answers or max(f for _, f, _ in answers) != 1:
                raise MoodleImportError(f"{name}: no answer at 100 %")
        elif kind == "cloze":
            item.text, item.blanks = _cloze(item.text)
            item.grade = float(
                sum(int(m) for m in re.findall(r"\{([0-9]+):SHORTANSWER:", _text(question, "questiontext/text")))
            )
        elif kind != "essay":
            raise MoodleImportError(f"unknown question type {kind}")
        out.append(item)
    return out
