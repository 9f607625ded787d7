"""The one order in which a question's options are printed, wherever letters are fixed on paper or screen.

Authors tend to write the right option first, so bank order would make the printed key almost always A. Every
output that fixes letters (the HTML markup, the LaTeX/PDF, EPUB and text builds with their answer keys, papers,
the wjx text and the Excel sheet) therefore prints ``printed(q)``: the options sorted by a keyed hash of the
question id, the optional seed (a paper's) and the option's text, relabelled A, B, C …, with the answer and the
per-option feedback carried along. The order is

- deterministic: the same on every run and machine (SHA-256, not Python's salted ``hash``);
- per question: it does not depend on which other questions are printed beside it;
- idempotent: ``printed(printed(q)) == printed(q)``, because it depends on the option texts, not on their
  letters in the bank; moving an option in the bank does not move it on paper.

A question marked ``shuffle: false`` (options in a meaningful order, such as numbers) keeps its bank order, and
so do questions without options. GIFT, QTI and the canonical JSON keep bank order: the platform shuffles, and
the JSON must round-trip.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .model import KEYS, Option, Question


def _rank(qid: str, seed: str, index: int, option: Option) -> tuple[bytes, int]:
    digest = hashlib.sha256(f"{seed}\x1f{qid}\x1f{option.text}".encode()).digest()
    return digest, index  # the index only breaks ties between identical texts (which check rejects anyway)


def _print_order(q: Question, seed: str | int) -> list[Option] | None:
    """The options in print order, or None when the question keeps its bank order."""
    if q.type not in ("single", "multiple") or not q.shuffle or not 0 < len(q.options) <= len(KEYS):
        return None
    return [o for _, o in sorted(enumerate(q.options), key=lambda item: _rank(q.id, str(seed), *item))]


def printed(q: Question, seed: str | int = "") -> Question:
    """A copy of ``q`` with its options in print order, relabelled A, B, C …, and the answer remapped."""
    order = _print_order(q, seed)
    if order is None:
        return q.model_copy(deep=True)
    relabel = {o.key: KEYS[i] for i, o in enumerate(order)}
    options = [Option(key=KEYS[i], text=o.text, feedback=o.feedback) for i, o in enumerate(order)]
    answer = q.answer
    if isinstance(answer, list):
        answer = sorted(relabel.get(k, k) for k in answer if isinstance(k, str))
    return q.model_copy(update={"options": options, "answer": answer}, deep=True)


def printed_keys(q: Question, seed: str | int = "") -> list[str]:
    """``printed(q, seed).correct_keys`` without copying the question (the checker asks it of every question)."""
    order = _print_order(q, seed)
    if order is None:
        return q.correct_keys
    relabel = {o.key: KEYS[i] for i, o in enumerate(order)}
    return sorted(relabel.get(k, k) for k in q.correct_keys)


def all_printed(questions: Iterable[Question], seed: str | int = "") -> list[Question]:
    """``printed`` for each question, in the same order."""
    return [printed(q, seed) for q in questions]
