"""Reading and validating ``quizzes/facts.yaml``: the enumerations and key statements questions are built from."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..layout import QUIZZES
from ..problems import InputError, Problem
from ..source import Speech
from ..yamlio import line_of, load_yaml

GENERATED = "generated.yaml"
# As the help and messages show them, relative to the project (quizgen.layout knows the folders).
DEFAULT_FACTS = f"{QUIZZES}/facts.yaml"
DEFAULT_OUTPUT = f"{QUIZZES}/banks/{GENERATED}"
HEADER = "# 由 `quizgen generate` 根据 quizzes/facts.yaml 自动生成，请勿手工修改；修改 facts.yaml 后重新生成。\n"
FACT_KEYS = {
    "id", "kind", "module", "name", "unit", "lead", "source", "members", "distractors", "ask", "ask_reverse",
    "blanks", "tags", "difficulty",
}  # fmt: skip
MEMBER_KEYS = {"text", "match", "source", "label"}
CHINESE_DIGITS = "零一二三四五六七八九"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def count_words(n: int, unit: str) -> str:
    """A count with its measure word as Chinese says it: 两种, not 二种."""
    return f"{'两' if n == 2 else chinese_number(n)}{unit}"


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
    label: str = ""  # how the lessons name it where that is shorter than the speech's words (知敬畏)

    @property
    def shown(self) -> str:
        """The member as options and stems show it; fill-ins blank out ``text``, the speech's own words."""
        return self.label or self.text


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
            label = item.get("label", "")
            if not isinstance(label, str):
                self.error(line, fact.id, "成员的 label 应是文字")
                label = ""
            member = Member(str(text), str(match), self.cite(item, "source", fact.id), label.strip())
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
