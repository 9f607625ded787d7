"""Choosing questions from the banks: shared by the quiz directive, papers and courses."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

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

    def matches(self, q: Question) -> bool:
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
            chosen = spread_sample(chosen, self.count, rng)
        if self.shuffle:
            rng.shuffle(chosen)
        return chosen, missing


def spread_sample(questions: list[Question], count: int, rng: random.Random) -> list[Question]:
    """A sample that takes from every lesson in turn, so a short quiz still spans the course."""
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.lesson, []).append(q)
    for group in groups.values():
        rng.shuffle(group)
    picked: list[Question] = []
    while len(picked) < count:
        for group in groups.values():
            if group and len(picked) < count:
                picked.append(group.pop())
    order = {q.id: i for i, q in enumerate(questions)}
    return sorted(picked, key=lambda q: order[q.id])


def split_list(value: str | None) -> list[str]:
    """The items of a hand-typed list (an option value), separated by commas of either width or by spaces."""
    return (value or "").replace(",", " ").replace("，", " ").split()
