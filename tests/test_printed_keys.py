"""The printed answer keys of the text edition mapped back to option texts: every choice question's key letters must
name exactly the options that are right, as the Word paper and xlsx tests check theirs (the text builder prints what
the LaTeX and EPUB builders print: the same nodes, quizgen.sphinx.static_quiz).

Broken on purpose (the key letters taken from the authored order while the options are printed in the shuffled
order, or one letter off), a key names the wrong option and this fails."""

from __future__ import annotations

import re
from pathlib import Path

QUESTION = re.compile(r"^\*\*\d+．\*\*〔(单选题|多选题)〕", re.M)
OPTION = re.compile(r"^□ ([A-Z])\. (.*(?:\n(?!□ |答案：|\n).*)*)", re.M)
KEY = re.compile(r"^答案：([A-Z]+)$", re.M)


def _flat(text: str) -> str:
    return "".join(text.split())  # the text builder wraps long lines


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
