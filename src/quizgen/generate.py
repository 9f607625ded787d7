"""``quizgen generate``: questions built from the speech's enumerations and key statements (quizzes/facts.yaml).

A *list* fact records an enumeration of the speech (the four kinds of 谈话, the five 同 …): its members,
optionally each member's partner (whom each 谈话 is for), plausible non-members, and citations. A
*statement* fact records a key sentence and the words worth blanking out. From them come:

- ``cloze``    fill-in: a member or a key word of the cited quote blanked out;
- ``belongs``  single choice: which of these belongs to X;
- ``not``      single choice: which of these does not belong to X;
- ``several``  multiple choice: which of these belong to X;
- ``match`` / ``reverse``  who-gets-what as single choice, in both directions;
- ``count``    single choice: how many X the speech names.

Everything is drawn from ``random.Random(f"{seed}:{fact id}")``, so the output is byte-identical for a
seed and adding a fact never changes the questions of another. Ids are ``gen-<fact>-<kind>[-N]``; an id
or a stem that a hand-written question already has is never produced.

What learners read never holds an anchor code: explanations name the passage as the 查看原文 link does
(``Speech.describe``: 第三部分（二）, 结束语 …). No option is a single character (增/去/强/促 can be told
apart by their form alone), and ``ask``/``ask_reverse`` templates may use only their own placeholder.
Each question's difficulty is computed by ``difficulty`` from what it asks (see there).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import string
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .check import check_banks
from .load import bank_files, load_bank
from .model import BLANK, KEYS, Bank, normalize_answer
from .problems import InputError, Problem, display_path, write_failed
from .source import Speech, find_speech
from .yamlio import line_of, load_yaml, plain

DEFAULT_FACTS = "quizzes/facts.yaml"
DEFAULT_OUTPUT = "quizzes/banks/generated.yaml"
HEADER = "# 由 `quizgen generate` 根据 quizzes/facts.yaml 自动生成，请勿手工修改；修改 facts.yaml 后重新生成。\n"
FACT_KEYS = {
    "id", "kind", "module", "name", "unit", "lead", "source", "members", "distractors", "ask", "ask_reverse",
    "blanks", "tags", "difficulty",
}  # fmt: skip
MEMBER_KEYS = {"text", "match", "source"}
CHINESE_DIGITS = "零一二三四五六七八九"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def chinese_number(n: int) -> str:
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


@dataclass
class Cite:
    anchor: str
    quote: str
    place: str = ""  # the passage as readers know it (第三部分（二）), never the anchor code

    @property
    def where(self) -> str:
        return f"讲话原文{self.place}"

    def as_dict(self) -> dict[str, str]:
        return {"anchor": self.anchor, "quote": self.quote}


@dataclass
class Member:
    text: str
    match: str = ""
    source: Cite | None = None


@dataclass
class Fact:
    id: str
    kind: str
    module: str
    line: int
    name: str = ""
    unit: str = ""
    lead: str = ""
    source: Cite | None = None
    members: list[Member] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    ask: str = ""
    ask_reverse: str = ""
    blanks: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


# --- reading and validating the facts file -------------------------------------------------------------


class _Reader:
    def __init__(self, display: str, speech: Speech):
        self.display = display
        self.speech = speech
        self.problems: list[Problem] = []

    def error(self, line: int, fid: str, message: str) -> None:
        self.problems.append(Problem(self.display, line, fid, message))

    def text(self, node: Any, key: str, fid: str, required: bool = False) -> str:
        value = node.get(key)
        if value is None:
            if required:
                self.error(line_of(node), fid, f"缺少 {key}")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.error(line_of(node, key), fid, f"{key} 应是非空文字")
            return ""
        return str(value)

    def strings(self, node: Any, key: str, fid: str) -> list[str]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(line_of(node, key), fid, f"{key} 应是文字列表")
            return []
        return [str(v) for v in value]

    def cite(self, node: Any, key: str, fid: str) -> Cite | None:
        value = node.get(key)
        if value is None:
            return None
        line = line_of(node, key)
        if not isinstance(value, dict) or set(value) != {"anchor", "quote"}:
            self.error(line, fid, f"{key} 应是含 anchor 与 quote 两项的映射")
            return None
        anchor, quote = value["anchor"], value["quote"]
        if not isinstance(anchor, str) or not isinstance(quote, str) or not quote.strip():
            self.error(line, fid, f"{key} 的 anchor 与 quote 应是非空文字")
            return None
        if anchor not in self.speech:
            self.error(line, fid, f"引用的锚点 {anchor} 在讲话原文中不存在")
            return None
        if quote not in self.speech[anchor].text:
            self.error(line, fid, f"引文不在锚点 {anchor} 的段落中（请逐字复制）：{quote}")
            return None
        return Cite(str(anchor), str(quote), self.speech.describe(str(anchor)))

    def fact(self, node: Any, seen: set[str], line: int) -> Fact | None:
        if not isinstance(node, dict):
            self.error(line, "", "每条事实应是映射（含 id、kind、module 等）")
            return None
        before = len(self.problems)
        fid = node.get("id") if isinstance(node.get("id"), str) else ""
        if not fid or not ID_RE.match(fid):
            self.error(line_of(node, "id", line), fid, "id 应是小写字母、数字和连字符组成的文字")
        elif fid in seen:
            self.error(line_of(node, "id", line), fid, "事实编号重复")
        seen.add(fid)
        for key in sorted(set(node) - FACT_KEYS, key=str):
            self.error(line_of(node, key, line), fid, f"未知字段 {key}")
        kind = node.get("kind")
        if kind not in ("list", "statement"):
            self.error(line_of(node, "kind", line), fid, "kind 应是 list 或 statement")
        fact = Fact(
            id=fid,
            kind=str(kind),
            module=self.text(node, "module", fid, required=True),
            line=line,
            name=self.text(node, "name", fid, required=kind == "list"),
            unit=self.text(node, "unit", fid),
            lead=self.text(node, "lead", fid),
            source=self.cite(node, "source", fid),
            distractors=self.strings(node, "distractors", fid),
            ask=self.text(node, "ask", fid),
            ask_reverse=self.text(node, "ask_reverse", fid),
            blanks=self.strings(node, "blanks", fid),
            tags=self.strings(node, "tags", fid),
        )
        if kind == "list":
            self._members(node, fact)
        elif kind == "statement":
            self._statement(node, fact)
        return fact if len(self.problems) == before else None

    def _members(self, node: Any, fact: Fact) -> None:
        raw = node.get("members")
        if not isinstance(raw, list) or len(raw) < 2:
            self.error(line_of(node, "members", fact.line), fact.id, "list 事实至少要有 2 个 members")
            return
        for index, item in enumerate(raw):
            line = line_of(raw, index, fact.line)
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict):
                self.error(line, fact.id, "每个成员应是文字，或含 text（及 match、source）的映射")
                continue
            for key in sorted(set(item) - MEMBER_KEYS, key=str):
                self.error(line, fact.id, f"成员的未知字段 {key}")
            text = item.get("text")
            match = item.get("match", "")
            if not isinstance(text, str) or not text.strip() or not isinstance(match, str):
                self.error(line, fact.id, "成员的 text（和 match）应是非空文字")
                continue
            member = Member(str(text), str(match), self.cite(item, "source", fact.id))
            where = member.source or fact.source
            if where is None:
                self.error(line, fact.id, f"成员“{text}”没有出处：给它或整条事实一个 source")
            elif text not in where.quote:
                self.error(line, fact.id, f"成员“{text}”不在它的引文中：{where.quote}")
            elif match and match not in where.quote:
                self.error(line, fact.id, f"成员“{text}”的 match“{match}”不在它的引文中：{where.quote}")
            fact.members.append(member)
        texts = [m.text for m in fact.members]
        if len(set(texts)) != len(texts):
            self.error(line_of(node, "members", fact.line), fact.id, "成员重复")
        if fact.source:
            for member in fact.members:
                if member.text not in fact.source.quote:
                    self.error(fact.line, fact.id, f"整条事实的引文应含全部成员，缺“{member.text}”")
        cited = {c.anchor for c in (fact.source, *(m.source for m in fact.members)) if c is not None}
        for text in fact.distractors:
            if text in texts or (fact.source and text in fact.source.quote):
                self.error(line_of(node, "distractors", fact.line), fact.id, f"干扰项“{text}”其实在列举之中")
            elif any(_bare(text) in self.speech[anchor].text for anchor in sorted(cited)):
                self.error(
                    line_of(node, "distractors", fact.line),
                    fact.id,
                    f"干扰项“{text}”出现在所引的段落中，学员可能认为它也对：请换一个不在这段原文中的术语",
                )
        for key, placeholder in (("ask", "{match}"), ("ask_reverse", "{text}")):
            template = getattr(fact, key)
            if not template:
                continue
            bad = _template_problem(template, placeholder[1:-1])
            if bad:
                self.error(line_of(node, key, fact.line), fact.id, f"{key} {bad}")
                setattr(fact, key, "")
            elif placeholder not in template:
                self.error(line_of(node, key, fact.line), fact.id, f"{key} 应含占位符 {placeholder}")
            if not all(m.match for m in fact.members):
                self.error(line_of(node, key, fact.line), fact.id, f"用 {key} 时每个成员都要有 match")
            elif len({m.match for m in fact.members}) != len(fact.members):
                self.error(line_of(node, key, fact.line), fact.id, "各成员的 match 应互不相同")
        if fact.unit and not fact.source:
            self.error(line_of(node, "unit", fact.line), fact.id, "计数题（unit）需要整条事实的 source")
        self._whole_terms(node, fact)

    def _whole_terms(self, node: Any, fact: Fact) -> None:
        """Every text that becomes an option must be a whole term: one character is guessed from its form."""
        shown: list[tuple[str, str]] = []
        if fact.distractors or fact.ask:
            shown += [("members", m.text) for m in fact.members]
        shown += [("distractors", text) for text in fact.distractors]
        if fact.ask_reverse:
            shown += [("ask_reverse", m.match) for m in fact.members]
        for key, text in shown:
            if len(_bare(text)) < 2:
                self.error(
                    line_of(node, key, fact.line),
                    fact.id,
                    f"“{text}”会成为选项，但只有一个字，凭字形就能猜出答案：请改问完整的词（如“增‘三性’”）",
                )

    def _statement(self, node: Any, fact: Fact) -> None:
        if fact.source is None:
            self.error(line_of(node, "source", fact.line), fact.id, "statement 事实需要 source")
            return
        if not fact.blanks:
            self.error(line_of(node, "blanks", fact.line), fact.id, "statement 事实需要 blanks（要挖空的词）")
        for word in fact.blanks:
            if fact.source.quote.count(word) != 1:
                self.error(line_of(node, "blanks", fact.line), fact.id, f"要挖空的“{word}”应在引文中恰好出现一次")
        if not fact.lead:
            self.error(line_of(node, "lead", fact.line), fact.id, "statement 事实需要 lead（题干开头，如“讲话要求，”）")


def load_facts(path: Path, speech: Speech, display: str | None = None) -> tuple[int, list[Fact]]:
    """The seed and the facts of a facts file; raises InputError with every problem found."""
    display = display or str(path)
    doc, problems = load_yaml(path, display)
    if problems:
        raise InputError(problems)
    if not isinstance(doc, dict) or not isinstance(doc.get("facts"), list):
        raise InputError([Problem(display, line_of(doc, default=1), "", "事实文件应是含 facts 列表的映射")])
    reader = _Reader(display, speech)
    for key in sorted(set(doc) - {"seed", "facts"}, key=str):
        reader.error(line_of(doc, key), "", f"未知字段 {key}")
    seed = doc.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        reader.error(line_of(doc, "seed"), "", "seed 应是整数")
        seed = 0
    seen: set[str] = set()
    entries = doc["facts"]
    facts = [reader.fact(node, seen, line_of(node) or line_of(entries, i)) for i, node in enumerate(entries)]
    facts = [f for f in facts if f is not None]
    if reader.problems:
        raise InputError(reader.problems)
    return int(seed), facts


def _template_problem(template: str, field_name: str) -> str:
    """What is wrong with an ``ask`` template for ``str.format``, or "" (only ``{field_name}`` may appear)."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return "的花括号不成对：字面的花括号要写成 {{ 和 }}"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name != field_name or spec or conversion:
            return f"只能用占位符 {{{field_name}}}，不能用 {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
    return ""


def _bare(text: str) -> str:
    """A text without quotation marks, as a learner compares options."""
    return text.strip().strip("“”‘’\"'")


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
    return "".join(_quote(m.text) for m in fact.members)


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
        texts = [m.text for m in members]
        everything = f"{fact.name}是{_listing(fact)}。" if fact.source else ""
        if fact.distractors:
            member = rng.choice(members)
            wrong = rng.sample(fact.distractors, min(3, len(fact.distractors)))
            body = _choice(f"下列哪一项属于{fact.name}？", [member.text], wrong, rng)
            cite = member.source or fact.source
            assert cite is not None
            level = difficulty("single", members=len(members))
            self.add(
                fact, "belongs", "single", level, body, cite, f"{_quote(member.text)}属于{fact.name}。{everything}"
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
            options = [f"{chinese_number(k)}{fact.unit}" for k in numbers]
            right = f"{chinese_number(n)}{fact.unit}"
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
            if fact.ask:
                wrong = [m.text for m in rng.sample(others, min(3, len(others)))]
                body = _choice(fact.ask.format(match=member.match), [member.text], wrong, rng)
                self.add(fact, f"match-{index}", "single", level, body, cite, f"对应的是{_quote(member.text)}。")
            if fact.ask_reverse:
                wrong = [m.match for m in rng.sample(others, min(3, len(others)))]
                body = _choice(fact.ask_reverse.format(text=member.text), [member.match], wrong, rng)
                self.add(fact, f"reverse-{index}", "single", level, body, cite, f"对应的是{_quote(member.match)}。")
            quoted = len(member.text) > 2 and member.text[0] == "“" and member.text[-1] == "”"
            inner = member.text[1:-1] if quoted else member.text
            if fact.source and fact.lead and fact.source.quote.count(inner) == 1:
                stem = _sentence(fact.lead, _blank_out(fact.source.quote, inner))
                body = {"stem": stem, "answer": [[inner]]}
                level = difficulty("fill", blanks=1, members=len(members), position=index)
                self.add(fact, f"cloze-{index}", "fill", level, body, fact.source, f"空处是{_quote(inner)}。")


def build(facts: list[Fact], seed: int, taken_ids: set[str], taken_stems: set[str]) -> tuple[list[dict], list[str]]:
    """The generated questions (as bank entries) and notes on what was left out."""
    builder = _Builder(seed)
    for fact in facts:
        builder.fact(fact)
    kept, notes, stems = [], [], set(taken_stems)
    for question in builder.questions:
        stem = normalize_answer(question["stem"])
        if question["id"] in taken_ids:
            notes.append(f"{question['id']}：手写题已有这个编号，未生成")
        elif stem in stems:
            notes.append(f"{question['id']}：已有题干相同的题，未生成")
        else:
            stems.add(stem)
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


# --- the command ---------------------------------------------------------------------------------------


def _is_generated_file(path: Path) -> bool:
    doc, problems = load_yaml(path)
    return not problems and isinstance(doc, dict) and plain(doc).get("generated") is True


def run(root: Path, facts_path: Path, output: Path, seed: int | None) -> tuple[str, Bank, list[str]]:
    """The generated bank's text, the bank itself (checked) and notes; raises InputError on any problem."""
    speech = Speech.from_file(root / "quizzes" / "speech.txt")
    file_seed, facts = load_facts(facts_path, speech, display_path(facts_path, root))
    seed = file_seed if seed is None else seed
    out_display = display_path(output, root)
    if output.exists() and not _is_generated_file(output):
        from .output import OutputRefused  # a refusal, like every other (exit 2)

        raise OutputRefused(f"拒绝覆盖 {out_display}：这个文件不是自动生成的题库（没有 generated: true）")
    hand: list[Bank] = []
    problems: list[Problem] = []
    for path in bank_files([root / "quizzes"]):
        if path.resolve() == output.resolve():
            continue
        bank, found = load_bank(path, display_path(path, root))
        if bank is not None and bank.questions and all(q.generated for q in bank.questions):
            continue  # another generated bank (the default one when -o names a new file): not hand-written
        problems += found
        if bank is not None:
            hand.append(bank)
    taken_ids = {q.id for bank in hand for q in bank.questions}
    taken_stems = {normalize_answer(q.stem) for bank in hand for q in bank.questions}
    questions, notes = build(facts, seed, taken_ids, taken_stems)
    text = dump(questions)
    with tempfile.TemporaryDirectory() as temp:
        candidate = Path(temp) / output.name
        candidate.write_text(text, encoding="utf-8")
        bank, found = load_bank(candidate, out_display)
    found += [p for p in check_banks([*hand, bank] if bank else hand, speech) if p.file == out_display]
    errors = [p for p in found if p.level == "error"]
    if errors or bank is None:
        raise InputError(errors or found)
    return text, bank, notes


def cmd_generate(args: argparse.Namespace) -> int:
    from .output import project_inputs, write_file

    root = find_speech().parent.parent
    facts_path = Path(args.facts) if args.facts else root / DEFAULT_FACTS
    output = Path(args.output) if args.output else root / DEFAULT_OUTPUT
    if not facts_path.is_file():
        print(f"quizgen: 找不到事实文件 {facts_path}", file=sys.stderr)
        return 1
    text, bank, notes = run(root, facts_path, output, args.seed)
    for note in notes:
        print(f"提示：{note}", file=sys.stderr)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            print(f"{output} 不是最新的：请运行 quizgen generate 重新生成", file=sys.stderr)
            return 1
        print(f"{output} 是最新的（{len(bank.questions)} 道题）")
        return 0
    try:
        allow = [output] if not output.exists() or _is_generated_file(output) else []  # a bank's own folder
        write_file(output, text.encode("utf-8"), project_inputs(root, facts_path), allow)
    except OSError as exc:
        return write_failed(output, exc)
    print(f"已生成 {len(bank.questions)} 道题到 {output}")
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--facts", metavar="FILE", help=f"事实文件（默认：{DEFAULT_FACTS}）")
    p.add_argument("-o", "--output", metavar="FILE", help=f"生成的题库（默认：{DEFAULT_OUTPUT}）")
    p.add_argument("--seed", type=int, help="随机种子（默认：事实文件里的 seed）；同一种子输出逐字节相同")
    p.add_argument("--check", action="store_true", help="只检查生成的题库是否最新，不写文件；不是最新时退出码为 1")


COMMANDS = {"generate": (cmd_generate, configure, "根据 quizzes/facts.yaml 里的列举与要点自动生成题目")}
