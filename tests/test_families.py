"""Question families: questions that give each other away are found, and no test, mock exam or paper holds two."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from quizgen.course.catalog import load_catalog
from quizgen.course.manifest import course_pool, read_manifest
from quizgen.families import clashes, family_of, siblings
from quizgen.paper.draw import draw
from quizgen.paper.spec import read_spec, spec_from_yaml
from quizgen.selection import Selection, conflicts
from quizgen.sphinx.quiz import pool_by_type
from quizgen.yamlio import load_yaml

DRAWS = 1000


def _clashes(drawn, pairs: dict[str, set[str]]) -> list[tuple[str, str]]:
    ids = [q.id for q in drawn]
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if b in pairs.get(a, ())]


def test_the_three_relations_are_found(project) -> None:
    by_id = {q.id: q for q in project.questions}
    found = {(s.first.id, s.second.id): s.why for s in siblings(project.questions)}
    assert any(why == "leak" and {a, b} & {"gen-talks-cloze-1"} for (a, b), why in found.items())
    # a fill-in asked a second time in other words, with the same quote and answer
    a = by_id["m2-l4-003"]
    b = a.model_copy(
        update={"id": "t-again", "stem": "第二部分部署的产业工人劳动和技能竞赛，主题是“____、建功新时代”。"}
    )
    assert [(s.first.id, s.second.id, s.why) for s in siblings([a, b])] == [("m2-l4-003", "t-again", "same")]
    # none of the hand-written questions asks what another hand-written one asks
    hand = {q.id for q in project.questions if not q.generated}
    assert [k for k, why in found.items() if why == "same" and set(k) <= hand] == []


def test_a_stem_printing_a_blank_answer_is_a_leak(project) -> None:
    q = next(q for q in project.questions if q.type == "fill" and len(q.blanks[0][0]) >= 4)
    other = next(o for o in project.questions if o.type == "truefalse" and o.source.anchor != q.source.anchor)
    other = other.model_copy(update={"id": "t-leak", "stem": f"讲话说“{q.blanks[0][0]}”，这一说法对吗？"})
    found = siblings([q, other])
    assert [(s.first.id, s.second.id, s.why) for s in found] == [(q.id, "t-leak", "leak")]
    assert family_of([q, other])["t-leak"] == q.id
    assert clashes([q, other], family_of([q, other])) == [(q.id, "t-leak")]


def test_final_test_draws_hold_no_family(project) -> None:
    pairs = conflicts(
        [q for q in project.questions if Selection(types=["single", "multiple", "truefalse", "fill"]).matches(q)]
    )
    bad = 0
    for seed in range(DRAWS):
        selection = Selection(types=["single", "multiple", "truefalse", "fill"], count=50, seed=seed)
        chosen, _ = selection.pick(project.questions)
        assert len(chosen) == 50
        bad += bool(_clashes(chosen, pairs))
    assert bad == 0


def test_mock_exam_pool_and_attempts_hold_no_family(project, root: Path) -> None:
    spec = read_spec(root / "quizzes/papers/quiz-30min.yaml", "quiz-30min.yaml")
    per_attempt: dict[str, int] = {}
    for section in spec.sections:
        per_attempt[section.type] = per_attempt.get(section.type, 0) + section.count
    selected, _ = Selection(types=["single", "multiple", "truefalse", "fill"]).pick(project.questions)
    pairs = conflicts(selected)
    pool = pool_by_type(selected, per_attempt, 90, 2021)
    assert not _clashes(pool, pairs)
    rng = random.Random(0)
    bad = 0
    for _ in range(DRAWS):  # as the runtime draws an attempt: so many of each type, at random, from the pool
        attempt = [q for t, n in per_attempt.items() for q in rng.sample([q for q in pool if q.type == t], n)]
        bad += bool(_clashes(attempt, pairs))
    assert bad == 0


@pytest.fixture
def unprinted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draws without laying out each question's options, which decides nothing about which questions are drawn."""
    monkeypatch.setattr(sys.modules["quizgen.paper.draw"], "printed", lambda q, seed: q)


def _paper_clashes(spec, questions) -> int:
    pairs = conflicts(questions)
    bad = 0
    for seed in range(DRAWS):  # B holds A's questions (tested below), so A is what is drawn
        (paper,) = draw(replace(spec, seed=seed, variants=["A"]), questions)
        bad += bool(_clashes([pq.original for pq in paper.questions], pairs))
    return bad


@pytest.mark.parametrize("name", ["exam-100", "quiz-30min"])
def test_papers_hold_no_family(project, root: Path, name: str, unprinted: None) -> None:
    spec = read_spec(root / f"quizzes/papers/{name}.yaml", f"{name}.yaml")
    assert _paper_clashes(spec, project.questions) == 0


@pytest.mark.parametrize("name", ["new-cadres-half-day", "annual-training-one-day"])
def test_course_papers_hold_no_family(project, root: Path, name: str, unprinted: None) -> None:
    path = root / f"quizzes/courses/{name}.yaml"
    doc, problems = load_yaml(path)
    assert not problems
    spec = spec_from_yaml(doc["paper"], name, name, 1)
    manifest = read_manifest(path, load_catalog(root / "docs"), project.questions)
    assert _paper_clashes(spec, course_pool(manifest, project.questions)) == 0


def test_a_and_b_hold_the_same_questions_in_another_order(project, root: Path) -> None:
    for name in ("exam-100", "quiz-30min"):
        spec = read_spec(root / f"quizzes/papers/{name}.yaml", f"{name}.yaml")
        a, b = draw(replace(spec, variants=["A", "B"]), project.questions)
        ids_a, ids_b = [pq.original.id for pq in a.questions], [pq.original.id for pq in b.questions]
        assert sorted(ids_a) == sorted(ids_b) and ids_a != ids_b
        for sa, sb in zip(a.sections, b.sections, strict=True):  # each section keeps its questions
            assert sorted(pq.original.id for pq in sa.questions) == sorted(pq.original.id for pq in sb.questions)
        options_moved = sum(
            [o.text for o in pa.question.options] != [o.text for o in pb.question.options]
            for pa in a.questions for pb in b.questions
            if pa.original.id == pb.original.id and len(pa.question.options) > 2
        )  # fmt: skip
        assert options_moved > 0


def test_different_questions_on_request(project, root: Path) -> None:
    spec = read_spec(root / "quizzes/papers/exam-100.yaml", "exam-100.yaml")
    a, b = draw(replace(spec, variants=["A", "B"], different_questions=True), project.questions)
    assert {pq.original.id for pq in a.questions} != {pq.original.id for pq in b.questions}
