"""Choosing questions from the banks: shared by the quiz directive, papers and courses.

A sample never holds two questions of one family (``quizgen.families``: questions that give each other away):
``Draw`` keeps what a test has taken so far, so the sections of a paper and the types of the mock exam's pool
stay apart from each other too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .families import siblings
from .model import Question

MODES = {"practice": "练习", "test": "测验", "exam": "模拟考试"}
MODE_ALIASES = {"练习": "practice", "测验": "test", "模拟考试": "exam", **{m: m for m in MODES}}


@dataclass
class Selection:
    banks: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    count: int | None = None
    shuffle: bool = False
    seed: int = 0
    generated: bool = False
    exam: bool = False  # the held-back exam pool too: papers and exam exports only, never learner material

    def matches(self, q: Question) -> bool:
        if q.pool == "exam" and not self.exam:
            return False
        if q.generated and not self.generated and not self.ids:
            return False
        if self.banks and q.lesson not in self.banks:
            return False
        if self.modules and q.module not in self.modules:
            return False
        if self.tags and not set(self.tags) & set(q.tags):
            return False
        if self.types and q.type not in self.types:
            return False
        return True

    def pick(self, questions: list[Question]) -> tuple[list[Question], list[str]]:
        """The chosen questions, and the requested ids that do not exist."""
        if self.ids:
            by_id = {q.id: q for q in questions}
            missing = [i for i in self.ids if i not in by_id]
            chosen = [by_id[i] for i in self.ids if i in by_id and self.matches(by_id[i])]
        else:
            missing = []
            chosen = [q for q in questions if self.matches(q)]
        rng = random.Random(self.seed)
        if self.count is not None and self.count < len(chosen):
            chosen = Draw(chosen).sample(chosen, self.count, rng)
        if self.shuffle:
            rng.shuffle(chosen)
        return chosen, missing


_CONFLICTS: dict[tuple[str, ...], dict[str, set[str]]] = {}


def conflicts(questions: list[Question]) -> dict[str, set[str]]:
    """Each question's siblings among these (computed once per set of questions)."""
    key = tuple(q.id for q in questions)
    if key not in _CONFLICTS:
        found: dict[str, set[str]] = {q.id: set() for q in questions}
        for s in siblings(questions):
            found[s.first.id].add(s.second.id)
            found[s.second.id].add(s.first.id)
        _CONFLICTS[key] = found
    return _CONFLICTS[key]


class Draw:
    """One test being drawn: the questions it took, so that no later pick is a sibling of an earlier one."""

    def __init__(self, candidates: list[Question]):
        self.conflicts = conflicts(candidates)
        self.taken: set[str] = set()
        self.blocked: set[str] = set()

    def sample(self, questions: list[Question], count: int, rng: random.Random, strict: bool = False) -> list[Question]:
        """``count`` questions (fewer when ``strict`` and no more are free of siblings)."""
        picked = spread_sample(questions, count, rng, self.blocked, self.conflicts, strict)
        for q in picked:
            self.taken.add(q.id)
            self.blocked |= {q.id, *self.conflicts.get(q.id, ())}
        return picked


def spread_sample(
    questions: list[Question],
    count: int,
    rng: random.Random,
    blocked: set[str] | None = None,
    siblings_of: dict[str, set[str]] | None = None,
    strict: bool = False,
) -> list[Question]:
    """A sample that takes from every lesson in turn, so a short quiz still spans the course; questions in
    ``blocked`` (and siblings of those picked, when ``blocked`` is given) are passed over, and taken only when
    nothing else is left."""
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.lesson, []).append(q)
    for group in groups.values():
        rng.shuffle(group)
    avoid = set(blocked) if blocked is not None else None
    if avoid is not None and siblings_of is None:
        siblings_of = conflicts(questions)
    picked: list[Question] = []
    passed: list[Question] = []
    while len(picked) < count and any(groups.values()):
        for group in groups.values():
            while group and len(picked) < count:
                q = group.pop()
                if avoid is not None and q.id in avoid:
                    passed.append(q)
                    continue
                picked.append(q)
                if avoid is not None:
                    avoid |= (siblings_of or {}).get(q.id, set())
                break
    if not strict:
        picked += passed[: count - len(picked)]  # too few questions without siblings: the count comes first
    order = {q.id: i for i, q in enumerate(questions)}
    return sorted(picked, key=lambda q: order[q.id])


def split_list(value: str | None) -> list[str]:
    """The items of a hand-typed list (an option value), separated by commas of either width or by spaces."""
    return (value or "").replace(",", " ").replace("，", " ").split()
