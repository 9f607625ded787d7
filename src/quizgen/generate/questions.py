"""Building questions from facts: every kind of generated question, and the bank they make."""

from __future__ import annotations

import io
import random
import re

from ruamel.yaml import YAML

from ..model import BLANK, KEYS, normalize_answer
from .facts import HEADER, Cite, Fact, count_words

# --- building questions --------------------------------------------------------------------------------


LONG_LIST = 5


def difficulty(
    qtype: str, *, blanks: int = 0, same_list: bool = False, members: int = 0, position: int | None = None
) -> int:
    """How hard a generated question is (1–3), from what it asks of the learner.

    One, plus a point for each of these that holds (at most three):

    - recall, not recognition: a fill-in (the learner writes the words) or a multiple choice (every member
      must be recognised, not one);
    - the wrong options come from the same list (``match``, ``reverse``, ``not``): knowing which words belong
      together is not enough, the learner must know which goes with which, or the whole list;
    - two or more blanks at once;
    - a long list: ``LONG_LIST`` or more members;
    - the item sits inside a list, neither first nor last (``position`` counts from 1): the middle of a list
      is what readers remember worst.
    """
    points = [
        qtype in ("fill", "multiple"),
        same_list,
        blanks >= 2,
        members >= LONG_LIST,
        position is not None and 1 < position < members,
    ]
    return min(3, 1 + sum(points))


def _choice(stem: str, right: list[str], wrong: list[str], rng: random.Random, shuffle: bool = True) -> dict:
    texts = [*right, *wrong]
    if shuffle:
        rng.shuffle(texts)
    keys = KEYS[: len(texts)]
    answer = [k for k, t in zip(keys, texts, strict=True) if t in right]
    return {"stem": stem, "options": texts, "answer": answer[0] if len(right) == 1 else answer}


def _quote(text: str) -> str:
    """``text`` in quotation marks, quotation marks inside it turned into single ones (“增‘三性’”)."""
    if text.startswith("“") and text.endswith("”") and text.count("“") == 1:
        return text  # already a quoted term: “四个意识”
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _listing(fact: Fact) -> str:
    return "".join(_quote(m.shown) for m in fact.members)


def _quoted(cite: Cite) -> str:
    return f"见{cite.where}：{_quote(cite.quote)}。"


def _blank_out(quote: str, word: str) -> str:
    return quote.replace(word, BLANK, 1)


def _sentence(lead: str, body: str) -> str:
    return f"{lead}{body.rstrip('，。；：、')}。"


class _Builder:
    def __init__(self, seed: int):
        self.seed = seed
        self.questions: list[dict] = []

    def add(self, fact: Fact, kind: str, qtype: str, difficulty: int, body: dict, cite: Cite, why: str) -> None:
        question = {
            "id": f"gen-{fact.id}-{kind}",
            "type": qtype,
            "difficulty": difficulty,
            "stem": body["stem"],
        }
        if "options" in body:
            question["options"] = body["options"]
        question["answer"] = body["answer"]
        question["explanation"] = f"{why}{_quoted(cite)}"
        question["source"] = cite.as_dict()
        question["module"] = fact.module
        question["tags"] = list(fact.tags)
        if body.get("shuffle") is False:
            question["shuffle"] = False
        question["generated"] = True
        self.questions.append(question)

    def fact(self, fact: Fact) -> None:
        rng = random.Random(f"{self.seed}:{fact.id}")
        if fact.kind == "statement":
            self.statement(fact)
        else:
            self.listing(fact, rng)

    def statement(self, fact: Fact) -> None:
        cite = fact.source
        assert cite is not None
        for index, word in enumerate(fact.blanks, 1):
            stem = _sentence(fact.lead, _blank_out(cite.quote, word))
            body = {"stem": stem, "answer": [[word]]}
            suffix = f"cloze-{index}" if len(fact.blanks) > 1 else "cloze"
            self.add(fact, suffix, "fill", difficulty("fill", blanks=1), body, cite, f"空处是{_quote(word)}。")
        if len(fact.blanks) > 1:
            words = sorted(fact.blanks, key=cite.quote.index)
            text = cite.quote
            for word in words:
                text = _blank_out(text, word)
            body = {"stem": _sentence(fact.lead, text), "answer": [[w] for w in words]}
            level = difficulty("fill", blanks=len(words))
            self.add(fact, "cloze-all", "fill", level, body, cite, f"依次是{''.join(map(_quote, words))}。")

    def listing(self, fact: Fact, rng: random.Random) -> None:
        members = fact.members
        texts = [m.shown for m in members]
        everything = f"{fact.name}是{_listing(fact)}。" if fact.source else ""
        if fact.distractors:
            member = rng.choice(members)
            wrong = rng.sample(fact.distractors, min(3, len(fact.distractors)))
            body = _choice(f"下列哪一项属于{fact.name}？", [member.shown], wrong, rng)
            cite = member.source or fact.source
            assert cite is not None
            level = difficulty("single", members=len(members))
            self.add(
                fact, "belongs", "single", level, body, cite, f"{_quote(member.shown)}属于{fact.name}。{everything}"
            )
        if fact.source and fact.distractors:
            odd = rng.choice(fact.distractors)
            right = rng.sample(texts, min(3, len(texts)))
            body = _choice(f"下列哪一项不属于{fact.name}？", [odd], right, rng)
            level = difficulty("single", same_list=True, members=len(members))
            self.add(fact, "not", "single", level, body, fact.source, f"{_quote(odd)}不在其中。{everything}")
            if len(texts) >= 2:
                chosen = rng.sample(texts, min(len(texts), 3))
                wrong = rng.sample(fact.distractors, min(len(fact.distractors), 5 - len(chosen)))
                body = _choice(f"下列各项中，属于{fact.name}的有：", chosen, wrong, rng)
                level = difficulty("multiple", members=len(members))
                self.add(fact, "several", "multiple", level, body, fact.source, everything)
        if fact.source and fact.unit:
            n = len(members)
            numbers = [k for k in (n - 1, n, n + 1, n + 2) if k >= 2][:4]
            if len(numbers) < 4:
                numbers.append(n + 3)
            options = [count_words(k, fact.unit) for k in numbers]
            right = count_words(n, fact.unit)
            body = _choice(f"{fact.name}共有几{fact.unit}？", [right], [o for o in options if o != right], rng)
            body["options"] = options  # counting options stay in numeric order
            body["answer"] = KEYS[options.index(right)]
            body["shuffle"] = False
            self.add(
                fact,
                "count",
                "single",
                difficulty("single", members=n),
                body,
                fact.source,
                f"共{right}：{_listing(fact)}。",
            )
        for index, member in enumerate(members, 1):
            level = difficulty("single", same_list=True, members=len(members), position=index)
            cite = member.source or fact.source
            assert cite is not None
            others = [m for m in members if m is not member]
            if fact.ask:  # wrong options: the other members, then non-members, so that there are always four
                wrong = [m.shown for m in rng.sample(others, min(3, len(others)))]
                wrong += rng.sample(fact.distractors, min(3 - len(wrong), len(fact.distractors)))
                if len(wrong) == 3:
                    body = _choice(fact.ask.format(match=member.match), [member.shown], wrong, rng)
                    self.add(fact, f"match-{index}", "single", level, body, cite, f"对应的是{_quote(member.shown)}。")
            if fact.ask_reverse and len(others) >= 3:  # a list of three has too few partners for four options
                wrong = [m.match for m in rng.sample(others, 3)]
                body = _choice(fact.ask_reverse.format(text=member.shown), [member.match], wrong, rng)
                self.add(fact, f"reverse-{index}", "single", level, body, cite, f"对应的是{_quote(member.match)}。")
            quoted = len(member.text) > 2 and member.text[0] == "“" and member.text[-1] == "”"
            inner = member.text[1:-1] if quoted else member.text
            if fact.source and fact.lead and fact.source.quote.count(inner) == 1:
                stem = _sentence(fact.lead, _blank_out(fact.source.quote, inner))
                body = {"stem": stem, "answer": [[inner]]}
                level = difficulty("fill", blanks=1, members=len(members), position=index)
                self.add(fact, f"cloze-{index}", "fill", level, body, fact.source, f"空处是{_quote(inner)}。")


FIXED_ANSWER = re.compile(r"-(match|reverse|cloze|count)(-\d+|-all)?$")  # kinds whose answer no seed changes


def repeat_key(quote: str, answer: str) -> tuple[str, str]:
    """What makes two questions the same question asked twice: the quote and the answer's words."""
    return normalize_answer(quote), normalize_answer(answer)


def _answer_words(question: dict) -> str:
    answer = question["answer"]
    if question["type"] == "fill":
        return "|".join(sorted(blank[0] for blank in answer))
    keys = [answer] if isinstance(answer, str) else answer
    return "|".join(sorted(question["options"][KEYS.index(k)] for k in keys))


def build(
    facts: list[Fact],
    seed: int,
    taken_ids: set[str],
    taken_stems: set[str],
    taken_repeats: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[dict], list[str]]:
    """The generated questions (as bank entries) and notes on what was left out: a question whose id or stem a
    hand-written question has, or that asks what another already asks (the same quote and answer; only for the
    kinds whose answer the facts fix, so that another seed never changes which ids there are)."""
    builder = _Builder(seed)
    for fact in facts:
        builder.fact(fact)
    kept, notes, stems, repeats = [], [], set(taken_stems), set(taken_repeats)
    for question in builder.questions:
        stem = normalize_answer(question["stem"])
        repeat = repeat_key(question["source"]["quote"], _answer_words(question))
        if not FIXED_ANSWER.search(question["id"]):
            repeat = ("", question["id"])  # belongs/not/several draw their answer: which is seed's luck, not a rule
        if question["id"] in taken_ids:
            notes.append(f"{question['id']}：手写题已有这个编号，未生成")
        elif stem in stems:
            notes.append(f"{question['id']}：已有题干相同的题，未生成")
        elif repeat in repeats:
            notes.append(f"{question['id']}：已有引文和答案都相同的题，未生成")
        else:
            stems.add(stem)
            repeats.add(repeat)
            kept.append(question)
    return kept, notes


def dump(questions: list[dict]) -> str:
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    doc = {
        "bank": "generated",
        "title": "自动生成的题目",
        "generated": True,
        "questions": questions,
    }
    stream = io.StringIO()
    yaml.dump(doc, stream)
    return HEADER + stream.getvalue()
