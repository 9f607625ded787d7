"""Drawing a paper from a spec: questions per section and difficulty, order and options shuffled per variant.

The first variant draws the questions (no two of one family, ``quizgen.selection.Draw``); every other variant
holds the same questions, each section in its own order, unless the spec asks for ``different_questions``.
Each variant has its own random generator, seeded with ``"<seed>:<variant>"`` (string seeds hash the same
on every run and machine), which draws its questions (the first, or all with ``different_questions``) and
their order. Options are put in the print order of
``quizgen.order`` with that same seed (so each variant has its own, and a question's options do not depend on
the questions drawn before it), relabelled A, B, C … and the answer remapped with them: the answer key is
computed from the very questions printed on the paper.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..model import TYPE_NAMES, Question
from ..order import printed
from ..selection import Draw
from ..source import numeral
from .spec import PaperSpec, split_counts

MAX_ATTEMPTS = 20


@dataclass
class PaperQuestion:
    number: int
    points: float
    question: Question  # as printed: options in paper order, answer remapped
    original: Question  # as written in the bank

    @property
    def key_map(self) -> dict[str, str]:
        """Paper key → bank key for each option."""
        by_text = {o.text: o.key for o in self.original.options}
        return {o.key: by_text[o.text] for o in self.question.options}


@dataclass
class Section:
    index: int
    type: str
    title: str
    points: float
    questions: list[PaperQuestion] = field(default_factory=list)

    @property
    def heading(self) -> str:
        count = len(self.questions)
        return f"{numeral(self.index)}、{self.title}（共 {count} 题，每题 {self.points:g} 分，共 {count * self.points:g} 分）"


@dataclass
class Paper:
    spec: PaperSpec
    variant: str
    seed: str
    sections: list[Section] = field(default_factory=list)

    @property
    def questions(self) -> list[PaperQuestion]:
        return [pq for s in self.sections for pq in s.questions]

    @property
    def total_points(self) -> float:
        return sum(pq.points for pq in self.questions)

    @property
    def title(self) -> str:
        return f"{self.spec.title}（{self.variant} 卷）" if len(self.spec.variants) > 1 else self.spec.title

    def signature(self) -> tuple:
        return tuple((pq.question.id, tuple(o.text for o in pq.question.options)) for pq in self.questions)


def _take(draw: Draw, candidates: list[Question], count: int, rng: random.Random, prefer_exam: bool) -> list[Question]:
    """``count`` of the candidates; with ``prefer_exam`` the held-back exam pool first, the learners' questions
    only for what it cannot supply."""
    if not prefer_exam:
        return draw.sample(candidates, count, rng)
    held = draw.sample([q for q in candidates if q.pool == "exam"], count, rng, strict=True)
    return held + draw.sample([q for q in candidates if q.pool != "exam"], count - len(held), rng)


def _draw_once(spec: PaperSpec, pool: list[Question], variant: str, seed: str) -> Paper:
    rng = random.Random(seed)
    paper = Paper(spec=spec, variant=variant, seed=seed)
    number = 0
    family_free = Draw(pool)  # no two questions of one family anywhere on the paper
    prefer = spec.pool == "exam"
    for index, section_spec in enumerate(spec.sections, 1):
        of_type = [q for q in pool if q.type == section_spec.type]
        mix = section_spec.difficulty or spec.difficulty
        if mix:
            chosen: list[Question] = []
            for level, need in sorted(split_counts(section_spec.count, mix).items()):
                level_pool = [q for q in of_type if q.difficulty == level]
                chosen += _take(family_free, level_pool, min(need, len(level_pool)), rng, prefer)
        else:
            chosen = _take(family_free, of_type, min(section_spec.count, len(of_type)), rng, prefer)
        rng.shuffle(chosen)
        section = Section(
            index, section_spec.type, section_spec.title or TYPE_NAMES[section_spec.type], section_spec.points
        )
        for q in chosen:
            number += 1
            section.questions.append(PaperQuestion(number, section_spec.points, printed(q, seed), q))
        paper.sections.append(section)
    return paper


def _reorder(first: Paper, variant: str, seed: str) -> Paper:
    """The first variant's questions, each section in an order of this seed, options in this seed's print order."""
    rng = random.Random(seed)
    paper = Paper(spec=first.spec, variant=variant, seed=seed)
    number = 0
    for old in first.sections:
        chosen = [pq.original for pq in old.questions]
        if len(chosen) > 1:
            order = chosen[:]
            while order == chosen:  # another order whenever there is one
                rng.shuffle(order)
            chosen = order
        section = Section(old.index, old.type, old.title, old.points)
        for q in chosen:
            number += 1
            section.questions.append(PaperQuestion(number, old.points, printed(q, seed), q))
        paper.sections.append(section)
    return paper


def draw(spec: PaperSpec, questions: list[Question]) -> list[Paper]:
    """One paper per variant. A variant that would repeat an earlier one's order is drawn again."""
    selection = spec.selection()
    pool = [q for q in questions if selection.matches(q)]
    papers: list[Paper] = []
    for variant in spec.variants:
        seed = f"{spec.seed}:{variant}"
        make = _draw_once if spec.different_questions or not papers else lambda s, _p, v, sd: _reorder(papers[0], v, sd)
        paper = make(spec, pool, variant, seed)
        attempt = 1
        while attempt < MAX_ATTEMPTS and any(p.signature() == paper.signature() for p in papers):
            seed = f"{spec.seed}:{variant}:{attempt}"
            paper = make(spec, pool, variant, seed)
            attempt += 1
        papers.append(paper)
    return papers
