"""Moodle XML export: every question of the project and of the tricky bank imported as Moodle's qformat_xml reads
it (tests/moodle_import.py) and round-tripped back to the bank's question; categories per module and lesson."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from export_samples import tricky_bank
from moodle_import import MoodleImportError, import_xml

from quizgen.export import moodlexml
from quizgen.model import BLANK_RE, Question


def plain(text: str) -> str:
    return html.unescape(text.replace("<br>", "\n"))


def round_trip(item, q: Question) -> None:
    """An imported question against the bank question it came from."""
    assert item.idnumber == q.id
    assert f"{q.module}/{q.lesson}" in item.category or item.category.endswith(f"/{q.module}")
    if q.type in ("single", "multiple"):
        assert item.type == "multichoice" and item.single is (q.type == "single")
        assert [plain(t) for t, _, _ in item.answers] == [o.text.strip() for o in q.options]
        assert [f > 0 for _, f, _ in item.answers] == [o.key in q.correct_keys for o in q.options]
        assert [plain(fb) for _, _, fb in item.answers] == [o.feedback.strip() for o in q.options]
        if q.type == "multiple":
            assert all(f == -1 for _, f, _ in item.answers if f <= 0)
    elif q.type == "truefalse":
        assert item.type == "truefalse"
        assert {t: f for t, f, _ in item.answers} == {
            "true": float(q.answer is True),
            "false": float(q.answer is False),
        }
    elif q.type == "fill" and len(q.blanks) == 1:
        assert item.type == "shortanswer"
        assert [(t, f) for t, f, _ in item.answers] == [(a.strip(), 1.0) for a in q.blanks[0]]
    elif q.type == "fill":
        assert item.type == "cloze"
        assert [[a for a, f in blank if f == 1] for blank in item.blanks] == [[a.strip() for a in b] for b in q.blanks]
        assert plain(re.sub(r"\{#\d+\}", "____", item.text)) == BLANK_RE.sub("____", q.stem.strip())
        assert item.grade == len(q.blanks)
        return
    else:
        assert item.type == "essay"
    assert plain(item.text) == q.stem.strip()
    assert q.explanation.strip().removeprefix("解析：") in plain(item.general)


def check(questions: list[Question]) -> list:
    rendered = moodlexml.render(questions)
    imported = import_xml(rendered.data)
    kept = [q for q in questions if q.id not in {w.qid for w in rendered.warnings}]
    assert [i.idnumber for i in imported] == [q.id for q in sorted(kept, key=lambda q: (q.module, q.lesson))]
    by_id = {q.id: q for q in kept}
    for item in imported:
        round_trip(item, by_id[item.idnumber])
    return imported


def test_every_question_of_the_project(project) -> None:
    imported = check(project.questions)
    assert {i.type for i in imported} == {"multichoice", "truefalse", "shortanswer", "cloze", "essay"}
    categories = sorted({i.category for i in imported})
    assert "$course$/top/quizgen/m1/m1-l1" in categories


def test_every_question_of_the_tricky_bank(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    check(questions)


def test_hostile_cloze_answers(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    fill = next(q for q in questions if q.id == "t-fill2")
    odd = fill.model_copy(update={"id": "odd", "answer": [["猛药}去疴", "A#B", "<b>&amp;</b>"], ["刮骨疗毒"]]})
    imported = check([odd])
    assert imported[0].blanks[0] == [("猛药}去疴", 1.0), ("A#B", 1.0), ("<b>&amp;</b>", 1.0)]
    tilde = fill.model_copy(update={"id": "tilde", "answer": [["猛药~去疴"], ["刮骨疗毒"]]})
    rendered = moodlexml.render([tilde])
    assert rendered.count == 0 and [w.qid for w in rendered.warnings] == ["tilde"]


def test_the_importer_refuses_what_moodle_refuses() -> None:
    bad_sum = b'<quiz><question type="multichoice"><name><text>x</text></name><questiontext><text>q</text>' \
        b'</questiontext><single>false</single><answer fraction="50"><text>a</text></answer>' \
        b'<answer fraction="33.33333"><text>b</text></answer></question></quiz>'  # fmt: skip
    with pytest.raises(MoodleImportError, match="add up"):
        import_xml(bad_sum)
    with pytest.raises(MoodleImportError, match="invalid grade"):
        import_xml(bad_sum.replace(b"33.33333", b"45"))
    no_blank = b'<quiz><question type="cloze"><questiontext><text>{1:SHORTANSWER:%50%a}</text></questiontext></question></quiz>'
    with pytest.raises(MoodleImportError, match="100"):
        import_xml(no_blank)
