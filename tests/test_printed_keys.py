"""The printed answer keys of the text, PDF and EPUB editions mapped back to option texts: every choice question's
key letters must name exactly the options that are right, as the Word paper and xlsx tests check theirs. The text
edition prints each key under its question; the learner PDF (read back with pdftotext) in the 参考答案与解析
appendix and the EPUB at the end of each chapter, numbered as the quizzes number their questions, so those keys are
paired with the questions they follow by quiz and number.

Broken on purpose (the key letters taken from the authored order while the options are printed in the shuffled
order, or one letter off, or the appendix listing a quiz's answers in another order than its questions), a key
names the wrong option and this fails."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from quizgen.model import Question
from quizgen.order import printed

pytest_plugins = ["conftest_dist"]

QUESTION = re.compile(r"^\*\*\d+．\*\*〔(单选题|多选题)〕", re.M)
OPTION = re.compile(r"^□ ([A-Z])\. (.*(?:\n(?!□ |答案：|\n).*)*)", re.M)
KEY = re.compile(r"^答案：([A-Z]+)$", re.M)


def _flat(text: str) -> str:
    return "".join(text.replace("⋯", "…").split())  # the builders wrap long lines; pdftotext reads …… as ⋯⋯


def printed_choice_questions(page: str) -> list[tuple[str, dict[str, str], str]]:
    """(stem, letter → option text, key letters) of every single and multiple choice question printed on ``page``."""
    found = []
    starts = [m.start() for m in QUESTION.finditer(page)]
    for start, end in zip(starts, [*starts[1:], len(page)], strict=False):  # empty when no question
        block = page[start:end]
        key = KEY.search(block)
        options = {letter: _flat(text) for letter, text in OPTION.findall(block[: key.start()] if key else block)}
        stem = _flat(block[: block.find("□ ")]).split("〕", 1)[1]
        if key and options:
            found.append((stem, options, key.group(1)))
    return found


def test_every_printed_choice_key_names_the_right_options(text_site: Path, project) -> None:
    by_options = {}
    for q in project.questions:
        if q.type in ("single", "multiple"):
            by_options.setdefault(frozenset(_flat(o.text) for o in q.options), []).append(q)
    checked, pages = 0, set()
    for page in sorted(text_site.rglob("*.txt")):
        for stem, options, key in printed_choice_questions(page.read_text(encoding="utf-8")):
            same = by_options.get(frozenset(options.values()), [])
            candidates = [q for q in same if stem.startswith(_flat(q.stem).replace("*", ""))] or same
            assert len(candidates) == 1, f"{page.name}: not one question with these options and stem: {stem}"
            right = {_flat(o.text) for o in candidates[0].options if o.key in candidates[0].correct_keys}
            assert {options[letter] for letter in key} == right, f"{page.name}: key {key} for {options}"
            checked += 1
            pages.add(page.relative_to(text_site).as_posix())
    assert checked >= 140 and len(pages) >= 15  # every lesson's quiz, 综合测验 and 模拟考试: not a sample


def choice_bank(project) -> list[Question]:
    """Every single and multiple choice question, its options in print order (as every edition prints them)."""
    return [printed(q) for q in project.questions if q.type in ("single", "multiple")]


def _options_named(q: Question, text: str) -> list:
    """The options of ``q`` a printed option text names: the one with that text, else those it begins (a PDF
    option's first line)."""
    same = [o for o in q.options if _flat(o.text) == text]
    return same or [o for o in q.options if _flat(o.text).startswith(text)]


def _shared(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def identify(bank: list[Question], stem: str, options: dict[str, str]) -> Question:
    """The one question whose options are the printed ones; the stem decides between questions sharing options."""
    found = [
        q
        for q in bank
        if len(q.options) == len(options) and all(len(_options_named(q, t)) == 1 for t in options.values())
    ]
    if len(found) > 1:
        best = max(_shared(_flat(q.stem), stem) for q in found)
        found = [q for q in found if _shared(_flat(q.stem), stem) == best]
    assert len(found) == 1, f"not one question with these options and stem: {stem} {options}"
    return found[0]


def assert_key_names_the_right_options(q: Question, options: dict[str, str], key: str, where: str) -> None:
    named = {_options_named(q, options[letter])[0].key for letter in key if letter in options}
    assert len(key) == len(named) and named == set(q.correct_keys), f"{where}: {q.id} key {key} for {options}"


PDF_QUESTION = re.compile(r"^(\d+)．\s*〔(单选题|多选题|判断题|填空题|简答题)[^〕]*〕", re.M)
PDF_ANSWER = re.compile(r"^(\d+)．(?:答案|参考答案)：(.*)$", re.M)
PDF_OPTION = re.compile(r"^□ ([A-H])\. (.+)$", re.M)


def _by_quiz(items: list) -> list[list]:
    """Numbered items (number first) cut into quizzes where the numbering starts again at 1."""
    quizzes: list[list] = []
    for item in items:
        if item[0] == 1 or not quizzes:
            quizzes.append([])
        quizzes[-1].append(item)
    return quizzes


@pytest.mark.slow
def test_the_learner_pdf_keys_name_the_right_options(pdf_learner: Path, project) -> None:
    """The 学员手册: the questions in the chapters, their keys in the appendix after the last 参考答案与解析 heading."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_learner), "-"], capture_output=True, text=True, check=True
    ).stdout
    cut = text.rindex("\n参考答案与解析\n")
    body, appendix = text[:cut], text[cut:]
    starts = list(PDF_QUESTION.finditer(body))
    questions = []
    for m, end in zip(starts, [s.start() for s in starts[1:]] + [len(body)], strict=True):
        block = body[m.end() : end]
        options = {letter: _flat(line) for letter, line in PDF_OPTION.findall(block)}
        questions.append((int(m.group(1)), m.group(2), _flat(block[: block.find("□")]), options))
    answers = [(int(n), key.strip()) for n, key in PDF_ANSWER.findall(appendix)]
    quizzes, keys = _by_quiz(questions), _by_quiz(answers)
    assert [len(q) for q in quizzes] == [len(k) for k in keys]  # the appendix follows the book, quiz by quiz
    bank, checked = choice_bank(project), 0
    for quiz, quiz_keys in zip(quizzes, keys, strict=True):
        for (number, kind, stem, options), (key_number, key) in zip(quiz, quiz_keys, strict=True):
            assert number == key_number
            if kind in ("单选题", "多选题"):
                q = identify(bank, stem, options)
                assert_key_names_the_right_options(q, options, key, f"PDF question {number}")
                checked += 1
    assert checked >= 140 and len(quizzes) >= 12  # every lesson's quiz, 综合测验 and 模拟考试: not a sample


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _text(element) -> str:
    return _flat("".join(element.itertext()))


@pytest.mark.slow
def test_the_epub_keys_name_the_right_options(epub_book: Path, project) -> None:
    """The EPUB: each chapter's quizzes, and its 本章自测参考答案与解析 at the end, one group per quiz."""
    bank = {q.id: q for q in choice_bank(project)}
    checked = chapters = 0
    with zipfile.ZipFile(epub_book) as zf:
        for name in sorted(n for n in zf.namelist() if n.endswith(".xhtml") and n != "nav.xhtml"):
            root = etree.fromstring(zf.read(name))
            quizzes, groups = [], []
            for element in root.iter("{*}div", "{*}p"):
                classes = _classes(element)
                if "quiz-static" in classes:
                    quizzes.append([e for e in element.iter("{*}div") if "quiz-static-question" in _classes(e)])
                elif "quiz-answers-group" in classes and "print-deferred-notes" not in _classes(element.getparent()):
                    groups.append([])  # a quiz's answers (the chapter's 研讨要点 follow in a block of their own)
                elif "quiz-static-answer" in classes and groups:
                    groups[-1].append(_text(next(element.iter("{*}p"))))
            if not quizzes:
                continue
            chapters += 1
            assert [len(q) for q in quizzes] == [len(g) for g in groups], name
            for quiz, keys in zip(quizzes, groups, strict=True):
                for number, (question, answer) in enumerate(zip(quiz, keys, strict=True), 1):
                    assert answer.startswith(f"{number}．"), f"{name}: {answer}"
                    lines = [_text(p) for p in question.iter("{*}p")]
                    if not re.match(r"\d+．〔(单选题|多选题)〕", lines[0]):
                        continue
                    options = {line[1]: line[3:] for line in lines[1:] if re.match(r"□[A-H]\.", line)}
                    q = bank[question.get("id").removeprefix("q-")]
                    assert identify([q], lines[0].split("〕", 1)[1], options) is q  # these are its options
                    assert_key_names_the_right_options(q, options, answer.split("答案：", 1)[1], name)
                    checked += 1
    assert checked >= 140 and chapters >= 15
