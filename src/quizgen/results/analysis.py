"""Scores and item analysis from learners' answers, graded against the banks as the quiz runtime grades them.

- A learner's score on a test is the graded attempt the 成绩码 holds: questions answered right of the
  auto-scored questions of that attempt (简答题 are not scored), as a percentage rounded half up (Math.round).
- Per question, over the learners whose attempt had it: difficulty ``p`` (share answered right); the
  point-biserial correlation between answering it right and the rest of the test (share right of the attempt's
  other scored questions; none when either does not vary); upper/lower 27 %: the learners ranked by their score
  on the test (ties by name, then unit), the top and bottom round(0.27·n) (at least 1), ``D`` = p(upper) − p(lower);
  how often each option was chosen (left blank counted apart).
- Flags: negative discrimination (point-biserial or D below 0), a distractor nobody chose, nobody right, with at
  least ``MIN_FLAG`` learners (fewer say nothing).
- Per passage of the speech (the anchor a question cites): the share of all graded answers to its questions
  that were right, weakest first: the passages to teach again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model import Question, normalize_answer
from ..order import printed
from .course import CourseQuiz
from .read import Learner

MIN_FLAG = 5


def is_right(q: Question, parts: list[str]) -> bool | None:
    """As quiz.js grades: None for an open question; a blank answer is wrong."""
    if q.type == "open":
        return None
    if all(not p.strip() for p in parts):
        return False
    if q.type == "fill":
        blanks = q.blanks
        return len(parts) == len(blanks) and all(
            normalize_answer(v) in {normalize_answer(a) for a in blanks[i]} for i, v in enumerate(parts)
        )
    want = ["T" if q.answer is True else "F"] if q.type == "truefalse" else q.correct_keys
    return sorted(p for p in parts if p) == sorted(want)


def percent(right: int, total: int) -> int:
    return math.floor(100 * right / total + 0.5) if total else 0


@dataclass
class Graded:
    """One learner's graded attempt of one test."""

    learner: Learner
    answers: dict[str, list[str]]
    results: dict[str, bool]  # scored questions only

    @property
    def right(self) -> int:
        return sum(self.results.values())

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def percent(self) -> int:
        return percent(self.right, self.total)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class ItemStats:
    question: Question  # as the learners saw it (printed letters)
    n: int = 0
    right: int = 0
    point_biserial: float | None = None
    upper: float | None = None
    lower: float | None = None
    options: dict[str, int] = field(default_factory=dict)  # key → times chosen; "" → left blank
    flags: list[str] = field(default_factory=list)

    @property
    def p(self) -> float | None:
        return self.right / self.n if self.n else None

    @property
    def d(self) -> float | None:
        return None if self.upper is None or self.lower is None else self.upper - self.lower


@dataclass
class TestAnalysis:
    quiz: CourseQuiz
    graded: list[Graded]
    items: list[ItemStats]


def grade(quiz: CourseQuiz, learners: list[Learner], bank: dict[str, Question]) -> tuple[list[Graded], list[str]]:
    """Each learner's graded attempt of ``quiz`` (those with answers), and ids of questions no bank has."""
    graded, unknown = [], []
    for learner in learners:
        record = next((r for r in learner.results.quizzes if r.key == quiz.key and r.responses), None)
        if record is None:
            continue
        results: dict[str, bool] = {}
        for qid, parts in record.responses.items():
            q = bank.get(qid)
            if q is None:
                unknown.append(qid)
                continue
            right = is_right(printed(q), parts)
            if right is not None:
                results[qid] = right
        graded.append(Graded(learner, record.responses, results))
    return graded, sorted(set(unknown))


def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else None


def _ranked(graded: list[Graded]) -> list[Graded]:
    return sorted(graded, key=lambda g: (-g.share, g.learner.results.name, g.learner.results.unit))


def item_stats(q: Question, graded: list[Graded]) -> ItemStats:
    takers = [g for g in graded if q.id in g.results]
    stats = ItemStats(printed(q), n=len(takers), right=sum(g.results[q.id] for g in takers))
    if not takers:
        return stats
    marks = [float(g.results[q.id]) for g in takers]
    rest = [(g.right - g.results[q.id]) / (g.total - 1) if g.total > 1 else 0.0 for g in takers]
    stats.point_biserial = pearson(marks, rest)
    ranked = _ranked(takers)
    size = max(1, math.floor(0.27 * len(ranked) + 0.5))
    top, bottom = ranked[:size], ranked[-size:]
    stats.upper = sum(g.results[q.id] for g in top) / size
    stats.lower = sum(g.results[q.id] for g in bottom) / size
    if q.type in ("single", "multiple", "truefalse"):
        keys = [o.key for o in stats.question.options] if q.type != "truefalse" else ["T", "F"]
        stats.options = dict.fromkeys([*keys, ""], 0)
        for g in takers:
            chosen = [p for p in g.answers.get(q.id, []) if p]
            for key in chosen or [""]:
                stats.options[key] = stats.options.get(key, 0) + 1
    stats.flags = _flags(stats)
    return stats


def _flags(s: ItemStats) -> list[str]:
    if s.n < MIN_FLAG:
        return []
    flags = []
    if (s.point_biserial is not None and s.point_biserial < 0) or (s.d is not None and s.d < 0):
        flags.append("区分度为负")
    q = s.question
    if q.type in ("single", "multiple"):
        unused = [k for k in (o.key for o in q.options) if k not in q.correct_keys and not s.options.get(k)]
        if unused:
            flags.append(f"干扰项无人选择：{''.join(unused)}")
    if s.right == 0:
        flags.append("无人答对")
    return flags


def analyse(quiz: CourseQuiz, learners: list[Learner], bank: dict[str, Question]) -> TestAnalysis:
    graded, _ = grade(quiz, learners, bank)
    ids = sorted({qid for g in graded for qid in g.results})
    return TestAnalysis(quiz, graded, [item_stats(bank[qid], graded) for qid in ids])


@dataclass
class PassageStats:
    anchor: str
    answers: int = 0
    right: int = 0
    questions: set[str] = field(default_factory=set)

    @property
    def share(self) -> float:
        return self.right / self.answers if self.answers else 0.0


def passages(tests: list[TestAnalysis], bank: dict[str, Question]) -> list[PassageStats]:
    """Per anchor cited, the share of graded answers that were right; weakest first."""
    by_anchor: dict[str, PassageStats] = {}
    for test in tests:
        for g in test.graded:
            for qid, right in g.results.items():
                anchor = bank[qid].source.anchor
                stats = by_anchor.setdefault(anchor, PassageStats(anchor))
                stats.answers += 1
                stats.right += right
                stats.questions.add(qid)
    return sorted(by_anchor.values(), key=lambda s: (s.share, s.anchor))
