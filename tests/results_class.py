"""A synthetic class for the results tests: learners of known ability answer a test, and their 成绩码 are made.

Each learner i has an ability; each question a difficulty; a learner answers right with a logistic probability
of the two (seeded, so every run is the same class). What each learner answered right is kept here, so the
tests compute every score and p-value on their own, not through quizgen.results.analysis.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from quizgen.model import Question
from quizgen.order import printed
from quizgen.results.code import QuizResult, Results, encode

UNITS = ["XX区总工会", "XX县总工会", "XX市教育工会", "XX市机关工会"]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = ["明", "华", "丽", "强", "敏", "静", "磊", "洋", "艳", "勇"]
MIDDLE = "建国文志春秋海天玉兰金秀红雪晓永德佳思雨子小新立宏伟俊少"  # 30: unique names for up to 600 learners


@dataclass
class Learner:
    name: str
    unit: str
    ability: float
    answers: dict[str, list[str]] = field(default_factory=dict)
    right: dict[str, bool] = field(default_factory=dict)  # what the generator decided, scored questions only

    def percent(self) -> int:
        scored = list(self.right.values())
        return math.floor(100 * sum(scored) / len(scored) + 0.5)


def right_answer(q: Question) -> list[str]:
    q = printed(q)
    if q.type == "truefalse":
        return ["T" if q.answer is True else "F"]
    if q.type == "fill":
        return [blank[0] for blank in q.blanks]
    return list(q.correct_keys)


def wrong_answer(q: Question, rng: random.Random) -> list[str]:
    q = printed(q)
    if q.type == "truefalse":
        return ["F" if q.answer is True else "T"]
    if q.type == "fill":
        return ["不知道"] + [""] * (len(q.blanks) - 1) if rng.random() < 0.8 else [""] * len(q.blanks)
    wrong = [o.key for o in q.options if o.key not in q.correct_keys]
    if q.type == "single":
        return [rng.choice(wrong)]
    return sorted({*q.correct_keys[:1], rng.choice(wrong)})


def make_class(questions: list[Question], size: int = 40, seed: int = 22) -> list[Learner]:
    rng = random.Random(seed)
    difficulty = {q.id: rng.uniform(-1.5, 1.5) for q in questions}
    learners = []
    for i in range(size):
        middle = GIVEN[i // len(SURNAMES)] if i < 200 else MIDDLE[i // len(SURNAMES) - 10]
        name = SURNAMES[i % len(SURNAMES)] + middle + GIVEN[i % len(GIVEN)]  # unique
        learner = Learner(name, UNITS[i % len(UNITS)], ability=-2 + 4 * i / (size - 1))
        for q in questions:
            chance = 1 / (1 + math.exp(-(learner.ability - difficulty[q.id]) * 1.7))
            ok = rng.random() < chance
            learner.answers[q.id] = right_answer(q) if ok else wrong_answer(q, rng)
            if q.type != "open":
                learner.right[q.id] = ok
        learners.append(learner)
    return learners


def code_of(learner: Learner, course: str, version: str, test_key: str, practice: list[str]) -> str:
    quizzes = [QuizResult(key, 90, 80, 2) for key in practice]
    percent = learner.percent()
    quizzes.append(QuizResult(test_key, percent, percent, 1, 1200, dict(learner.answers)))
    return encode(Results(course, version, learner.name, learner.unit, "2026-12-07", quizzes))
