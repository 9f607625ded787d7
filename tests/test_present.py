"""quizgen.present decides what a reader sees once: every renderer prints a reference answer with its label once,
the same true/false words, and the source as readers name the passage."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from export_samples import tricky_bank

from quizgen import present
from quizgen.export import formats
from quizgen.model import Question
from quizgen.paper import make_papers
from quizgen.paper.markdown import key_markdown
from quizgen.paper.word import key_docx
from quizgen.render_html import QuizView, quiz_html
from quizgen.source import Speech

TWICE = re.compile(r"参考答案\s*[:：]\s*参考答案")


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory, speech: Speech) -> dict[str, Question]:
    _, questions = tricky_bank(tmp_path_factory.mktemp("tricky"), speech)
    return {q.id: q for q in questions}


def test_the_words_around_a_question(tricky: dict[str, Question], speech: Speech) -> None:
    opened = tricky["t-open"]
    assert str(opened.answer).startswith("参考答案：")  # the bank writes the label; readers see it once
    assert present.answer_line(opened) == "参考答案：第一行 ~ = #\n第二行 { } : \\ & <ok>"
    assert present.answer_line(tricky["t-multiple"]) == "答案：ABD"
    assert present.answer_line(tricky["t-truefalse"]) == "答案：错误"
    assert present.answer_text(tricky["t-fill2"]) == "猛药去疴；刮骨疗毒"
    assert present.explanation_line(tricky["t-fill"]) == "解析：零容忍 = 对腐败问题不姑息。"
    assert present.choices(tricky["t-truefalse"]) == [("T", "正确", ""), ("F", "错误", "")]
    assert present.correct_choices(tricky["t-truefalse"]) == ["F"]
    assert present.stem_pieces(tricky["t-fill2"]) == ["坚持", "的决心不减、", "的勇气不泄。"]
    # The source as readers know the passage; the bare anchor only where no speech is at hand.
    assert present.source_place(opened, speech) == "第一部分第2段“一是”"
    assert present.source_ref(opened, speech) == "讲话原文第一部分第2段“一是”"
    assert present.source_ref(opened, None) == "讲话原文 part1-p2-i1"


def test_the_site_shows_the_reference_answer_under_its_label_once(tricky: dict[str, Question], speech: Speech) -> None:
    view = QuizView(key="x#1", title="练习", mode="practice", minutes=None, doc="x", shuffle=True)
    html = quiz_html(view, list(tricky.values()), speech, "speech.html")
    answer = re.search(r'<div class="qz-answer"><strong>参考答案</strong><p>(.*?)</p>', html, re.S)
    assert answer and answer.group(1).startswith("第一行")
    assert "查看原文：第一部分第2段“一是”" in html


def test_the_printed_editions_print_the_label_once(tricky: dict[str, Question], speech: Speech) -> None:
    from quizgen.sphinx.static_quiz import answer_nodes

    text = answer_nodes(tricky["t-open"], 1, speech).astext()
    assert text.startswith("1．参考答案：第一行") and not TWICE.search(text)
    assert "出处：“重安排、轻落实”——第一部分第2段“一是”" in text


@pytest.mark.parametrize("fmt", ["gift", "qti", "wjx", "xlsx"])
def test_exports_print_the_label_once(fmt: str, tricky: dict[str, Question], speech: Speech) -> None:
    data = formats()[fmt].render(list(tricky.values()), speech=speech).data
    if fmt == "qti":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
        assert "出处：讲话原文第一部分第2段“一是”：“重安排、轻落实”" in text  # the learner's feedback
    elif fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        text = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), sheet)
        assert "<t>第一行 ~ = #" in text  # under the column 答案, without a second label
    else:
        text = data.decode("utf-8")
    assert "第一行" in text and not TWICE.search(text)


def test_paper_keys_name_the_source_and_print_the_label_once(root: Path, speech: Speech) -> None:
    _, papers = make_papers(root / "quizzes/papers/exam-100.yaml", root)
    paper = papers[0]
    markdown = key_markdown(paper, speech)
    word = "\n".join(p.text for p in Document(io.BytesIO(key_docx(paper, speech))).paragraphs)
    for text in (markdown, word):
        assert not TWICE.search(text)
        sources = re.findall(r"出处：讲话原文(.*?)，", text)
        assert len(sources) == len(paper.questions)
        assert all(place and not re.search(r"[a-z]", place) for place in sources), sources
    opened = [pq.question for pq in paper.questions if pq.question.type == "open"]
    assert opened and all(f"参考答案：{present.reference_answer(q)[:20]}" in word for q in opened)


def test_a_blank_is_as_wide_on_screen_as_on_paper(project) -> None:
    """The box on screen tells no more than the printed blank: the same room, longest accepted answer + 2 (at least
    4), in em; only a line's width caps it."""
    from quizgen.paper.layout import blank_width
    from quizgen.render_html import MAX_BLANK_EM, blank_em

    fills = [q for q in project.questions if q.type == "fill"]
    widths = {(q.id, i): blank_em(q, i) for q in fills for i in range(len(q.blanks))}
    for (qid, i), em in widths.items():
        q = project.question(qid)
        assert em == blank_width(q, i) == max(present.MIN_BLANK, max(map(len, q.blanks[i])) + 2)
    assert set(widths.values()) >= {4, 10}  # a two-character answer, and the longest (eight characters)
    long = Question.model_validate({**fills[0].model_dump(), "stem": "很长的答案：____。", "answer": [["一" * 40]]})
    assert blank_em(long, 0) == MAX_BLANK_EM
