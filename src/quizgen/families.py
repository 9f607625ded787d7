"""Question families: questions that give each other away, so that one test must never hold two of them.

Three relations make two questions siblings (Haladyna, Downing & Rodriguez 2002, rule 4: keep the content of
each item independent from the content of other items on the test):

- ``same``     the same quote and the same answer (a question asked twice);
- ``overlap``  stems citing one passage that share at least half of their character pairs (the same question
  reworded);
- ``leak``     a stem that prints another question's answer (a word of at least ``MIN_LEAK`` characters; of a
  multiple choice's keys, two).

A family is a connected group of siblings; ``family_of`` names each question's family by its first member,
which is what drawing (``quizgen.selection``) and the mock exam's per-attempt draw keep apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Question, normalize_answer

OVERLAP = 0.5
MIN_LEAK = 3  # shorter answers (两、四个) are everywhere and give nothing away
CHOICE = ("single", "multiple")


@dataclass(frozen=True)
class Sibling:
    first: Question
    second: Question
    why: str  # same | overlap | leak

    @property
    def reason(self) -> str:
        return {
            "same": "引文和答案都相同",
            "overlap": "题干重合过半",
            "leak": f"{self.second.id} 的题干里有 {self.first.id} 的答案",
        }[self.why]


def answer_words(q: Question) -> list[str]:
    """What a learner must supply or pick, normalized: the key options' texts, or each blank's first answer."""
    if q.type in CHOICE:
        words = [o.text for o in q.options if o.key in q.correct_keys]
    elif q.type == "fill":
        words = [b[0] for b in q.blanks if b]
    else:
        return []
    return [w for w in (normalize_answer(w) for w in words) if len(w) >= MIN_LEAK]


def _answer_key(q: Question) -> str:
    if q.type == "truefalse":
        return str(q.answer)
    if q.type == "open":
        return normalize_answer(str(q.answer))
    if q.type in CHOICE:
        words = [o.text for o in q.options if o.key in q.correct_keys]
    else:
        words = [b[0] for b in q.blanks if b]
    return "|".join(sorted(normalize_answer(w) for w in words))


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _overlap(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) >= OVERLAP * max(len(a), len(b))


def _leaks(q: Question, answers: list[str], own_stem: str, other_stem: str) -> bool:
    """Whether ``other_stem`` prints enough of ``q``'s answer to give it away: a blank's answer or a single choice's
    key; of a multiple choice's keys, two (a stem naming one of three members gives little away)."""
    shown = [w for w in answers if w in other_stem and w not in own_stem]
    if not shown:
        return False
    return len(shown) >= (min(2, len(answers)) if q.type == "multiple" else 1)


def siblings(questions: Iterable[Question]) -> list[Sibling]:
    """Every pair of questions that give each other away, each with why (the first reason found)."""
    qs = [q for q in questions if q.type != "open"]
    stems = [normalize_answer(q.stem) for q in qs]
    pairs = [_pairs(s) for s in stems]
    answers = [answer_words(q) for q in qs]
    keys = [(normalize_answer(q.source.quote), q.type, _answer_key(q)) for q in qs]
    found: list[Sibling] = []
    for i, a in enumerate(qs):
        for j in range(i + 1, len(qs)):
            b = qs[j]
            if keys[i] == keys[j]:
                found.append(Sibling(a, b, "same"))
            elif a.source.anchor == b.source.anchor and _overlap(pairs[i], pairs[j]):
                found.append(Sibling(a, b, "overlap"))
            elif _leaks(a, answers[i], stems[i], stems[j]):
                found.append(Sibling(a, b, "leak"))
            elif _leaks(b, answers[j], stems[j], stems[i]):
                found.append(Sibling(b, a, "leak"))
    return found


def family_of(questions: Iterable[Question], pairs: Iterable[Sibling] | None = None) -> dict[str, str]:
    """Each question's family, named by the id of its first member (a question alone is its own family)."""
    qs = list(questions)
    parent = {q.id: q.id for q in qs}

    def root(qid: str) -> str:
        while parent[qid] != qid:
            parent[qid] = parent[parent[qid]]
            qid = parent[qid]
        return qid

    order = {q.id: n for n, q in enumerate(qs)}
    for s in siblings(qs) if pairs is None else pairs:
        if s.first.id in parent and s.second.id in parent:
            a, b = sorted((root(s.first.id), root(s.second.id)), key=order.__getitem__)
            parent[b] = a
    return {q.id: root(q.id) for q in qs}


def clashes(drawn: Iterable[Question], families: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of drawn questions of one family."""
    seen: dict[str, str] = {}
    found = []
    for q in drawn:
        fam = families.get(q.id, q.id)
        if fam in seen:
            found.append((seen[fam], q.id))
        seen.setdefault(fam, q.id)
    return found
