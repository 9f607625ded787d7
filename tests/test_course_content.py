"""Course-wide standards, enforced from the data: coverage of the speech, the lesson standard, the glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.coverage import coverage, load_exclusions
from quizgen.notes import load_notes
from quizgen.project import Project

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "docs" / "modules").glob("m*/l*.md"))
SECTIONS = ["学习目标", "要点精讲", "原文摘录", "一图看懂", "情景研讨", "小结", "自测"]  # the summary before the test
AUTO_TYPES = {"single", "multiple", "truefalse", "fill"}


def lesson_id(path: Path) -> str:
    return f"{path.parent.name}-{path.stem}"


def test_there_are_lessons_for_every_module():
    modules = {p.parent.name for p in LESSONS}
    assert modules >= {"m1", "m2", "m3", "m4"}


def test_every_sentence_and_paragraph_of_the_body_is_cited(project: Project):
    exclusions, problems = load_exclusions(project.quizzes / "coverage-exclusions.yaml")
    assert problems == []
    hand = [q for q in project.questions if not q.generated]
    report = coverage(project.speech, hand, exclusions)
    short = [f"{e.passage.anchor}: {len(e.questions)}/{e.needed}" for e in report if len(e.questions) < e.needed]
    uncited = [f"{e.passage.anchor}: {s}" for e in report for s in e.uncovered]
    assert short == [], "paragraphs cited by too few questions"
    assert uncited == [], "sentences no question cites"


def test_exclusions_name_real_sentences_with_reasons(project: Project):
    exclusions, _ = load_exclusions(project.quizzes / "coverage-exclusions.yaml")
    for sentence, reason in exclusions.items():
        assert sentence in project.speech.text and reason.strip()


@pytest.mark.parametrize(("text", "line"), [("3\n", 1), ("abc\n", 1), ("{a: 1}\n", 1), ("- x\n- 3\n", 1)])
def test_misshapen_exclusions_and_notes_are_problems(tmp_path: Path, project: Project, text: str, line: int):
    path = tmp_path / "list.yaml"
    path.write_text(text, encoding="utf-8")
    for loaded, problems in (load_exclusions(path, "list.yaml"), load_notes(path, project.speech)):
        assert not loaded and problems
        assert problems[0].line == line


def test_at_least_250_hand_written_questions(project: Project):
    assert len([q for q in project.questions if not q.generated]) >= 250


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_lesson_meets_the_standard(path: Path, project: Project):
    text = path.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+?)\s*$", text, flags=re.M)
    assert [h for h in headings if h in SECTIONS] == SECTIONS, headings
    objectives = text.split("## 学习目标", 1)[1].split("\n## ", 1)[0]
    assert 3 <= len(re.findall(r"^\s*(?:[-*]|\d+[.、])\s+", objectives, flags=re.M)) <= 5
    summary = text.split("## 小结", 1)[1].split("\n## ", 1)[0]
    assert 3 <= len(re.findall(r"^\s*(?:[-*]|\d+[.、])\s+", summary, flags=re.M)) <= 5
    assert "{excerpt}" in text
    assert "{graphviz}" in text
    assert "教学情景（虚构）" in text and "研讨要点" in text
    assert re.search(r"\{term\}`", text), "links glossary terms"
    bank = lesson_id(path)
    assert re.search(rf":bank:\s*{re.escape(bank)}\s*$", text, flags=re.M), "quiz of the lesson's bank"
    questions = [q for q in project.questions if q.lesson == bank and not q.generated]
    assert len(questions) >= 20
    assert {q.type for q in questions} >= AUTO_TYPES | {"open"}


def glossary_terms() -> list[str]:
    text = (ROOT / "docs" / "reference" / "glossary.md").read_text(encoding="utf-8")
    block = text.split(":::{glossary}", 1)[1].split("\n:::", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith((" ", "\t", ":"))]


def test_glossary_has_at_least_40_terms_each_used_in_the_lessons():
    terms = glossary_terms()
    assert len(terms) >= 40
    lessons = "".join(p.read_text(encoding="utf-8") for p in LESSONS)
    unused = [t for t in terms if f"{{term}}`{t}`" not in lessons and f"<{t}>`" not in lessons]
    assert unused == []
