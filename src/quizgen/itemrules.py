"""Item-writing rules: the cues that let a learner score without understanding, measured and warned about.

Each warning names the guideline it comes from (Haladyna, Downing & Rodriguez 2002, "A review of multiple-choice
item-writing guidelines for classroom assessment", Applied Measurement in Education 15(3), rules numbered as
there); docs/maintainer/bank-format.md explains them to authors. ``figures`` gives the course-wide numbers that
``quizgen stats`` prints and the tests hold to the limits below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .families import Sibling, siblings
from .model import Bank, Question
from .problems import Problem

# Specific determiners (rule 28a): words that make a statement too sweeping to be the key.
ABSOLUTE = re.compile(r"只要|只需|只有|只管|只看|只抓|只做|只讲|只发|只把|只邀请|只在|只对|只负责|不必|一律|不再|即可|没有关系|"
                      r"无关|无需|不用|完全|绝对|从不|永远|一概|所有|全部|一切|任何|总是|必然|凡是")  # fmt: skip
LONGEST_LIMIT = 0.35  # always picking the longest option may score at most this on single choice
TRUE_SHARE = (0.40, 0.60)  # the share of true/false items whose key is 正确
ABSOLUTE_RATIO = 2.0  # absolute words in distractors at most twice as often as in keys
MIN_OPTIONS = 4
GIVEAWAY = 1.5  # a key this many times as long as the longest distractor stands out on its own
GIVEAWAY_CHARS = 6  # … and at least this many characters longer
MIN_BANK_SINGLE = 6  # single choices a bank needs before its share of longest keys means anything
MIN_TRUEFALSE = 8


def _length(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def key_is_longest(q: Question) -> bool:
    """A single choice whose key is strictly longer than every other option."""
    keys = q.correct_keys
    if q.type != "single" or len(keys) != 1 or len(q.options) < 2:
        return False
    key = _length(q.option(keys[0]).text) if q.option(keys[0]) else 0
    return all(key > _length(o.text) for o in q.options if o.key != keys[0])


def longest_score(q: Question) -> float:
    """What always picking the longest option scores on this single choice (a tie split evenly)."""
    lengths = [_length(o.text) for o in q.options]
    longest = [o.key for o, n in zip(q.options, lengths, strict=True) if n == max(lengths)]
    return (q.correct_keys[0] in longest) / len(longest) if q.correct_keys else 0.0


def _options(qs: Iterable[Question]) -> tuple[list[str], list[str]]:
    keys, distractors = [], []
    for q in qs:
        if q.type in ("single", "multiple"):
            for o in q.options:
                (keys if o.key in q.correct_keys else distractors).append(o.text)
    return keys, distractors


@dataclass
class Figures:
    """The course-wide figures, each as (count, of how many)."""

    longest: tuple[float, int] = (0.0, 0)  # score of always-longest on single choice
    longest_application: tuple[float, int] = (0.0, 0)
    longest_by_bank: dict[str, tuple[int, int]] = field(default_factory=dict)
    absolute_keys: tuple[int, int] = (0, 0)
    absolute_distractors: tuple[int, int] = (0, 0)
    true_keys: tuple[int, int] = (0, 0)
    true_application: tuple[int, int] = (0, 0)
    short_single: list[str] = field(default_factory=list)
    families: list[Sibling] = field(default_factory=list)

    @staticmethod
    def share(pair: tuple[float, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 0.0

    def problems(self) -> list[str]:
        """The limits the course holds itself to that these figures break, in words."""
        found = []
        for name, pair in (("单选题", self.longest), ("情境单选题", self.longest_application)):
            if self.share(pair) > LONGEST_LIMIT:
                found.append(f"{name}总选最长项得分 {self.share(pair):.0%}，超过 {LONGEST_LIMIT:.0%}")
        for name, pair in (("判断题", self.true_keys), ("情境判断题", self.true_application)):
            if pair[1] and not TRUE_SHARE[0] <= self.share(pair) <= TRUE_SHARE[1]:
                found.append(f"{name}答案为“正确”的占 {self.share(pair):.0%}，不在 40%–60% 之间")
        keys, wrong = self.share(self.absolute_keys), self.share(self.absolute_distractors)
        if wrong > ABSOLUTE_RATIO * keys:
            found.append(f"干扰项含绝对化词语的比例 {wrong:.1%}，超过正确项（{keys:.1%}）的 2 倍")
        if self.short_single:
            found.append(f"{len(self.short_single)} 道单选题不足 4 个选项")
        return found


def _single(qs: list[Question]) -> tuple[float, int]:
    single = [q for q in qs if q.type == "single" and q.correct_keys]
    return sum(longest_score(q) for q in single), len(single)


def figures(questions: Iterable[Question], with_families: bool = True) -> Figures:
    qs = list(questions)
    application = [q for q in qs if q.kind == "application"]
    keys, wrong = _options(qs)
    fig = Figures(
        longest=_single(qs),
        longest_application=_single(application),
        absolute_keys=(sum(bool(ABSOLUTE.search(t)) for t in keys), len(keys)),
        absolute_distractors=(sum(bool(ABSOLUTE.search(t)) for t in wrong), len(wrong)),
        true_keys=_true(qs),
        true_application=_true(application),
        short_single=[q.id for q in qs if q.type == "single" and len(q.options) < MIN_OPTIONS],
        families=siblings(qs) if with_families else [],
    )
    for q in qs:
        if q.type == "single":
            done, total = fig.longest_by_bank.get(q.lesson, (0, 0))
            fig.longest_by_bank[q.lesson] = (done + key_is_longest(q), total + 1)
    return fig


def _true(qs: list[Question]) -> tuple[int, int]:
    tf = [q for q in qs if q.type == "truefalse"]
    return sum(q.answer is True for q in tf), len(tf)


# --- warnings, FILE:LINE: ID: as quizgen check prints them ------------------------------------------------------


def _warn(q: Question, message: str, field: str = "") -> Problem:
    return Problem(q.file, q.line_of(field) if field else q.line, q.id, message, "warning")


def question_warnings(q: Question) -> list[Problem]:
    found = []
    if q.type == "single" and 2 <= len(q.options) < MIN_OPTIONS:
        found.append(_warn(q, f"单选题只有 {len(q.options)} 个选项，本课程统一用 4 个（规则 18）", "options"))
    if q.type == "single" and key_is_longest(q) and q.correct_keys:
        key = _length(q.option(q.correct_keys[0]).text)  # type: ignore[union-attr]
        other = max(_length(o.text) for o in q.options if o.key != q.correct_keys[0])
        if key >= GIVEAWAY * other and key - other >= GIVEAWAY_CHARS:
            found.append(
                _warn(q, f"正确项（{key} 字）明显长于其他选项（最长 {other} 字），一看便知（规则 24、28d）", "options")
            )
    if q.type in ("single", "multiple"):
        keys, wrong = _options([q])
        cued = [t for t in wrong if ABSOLUTE.search(t)]
        if len(cued) >= 2 and not any(ABSOLUTE.search(t) for t in keys):
            found.append(
                _warn(q, f"绝对化词语只出现在干扰项里（{'、'.join(cued)}），排除它们即可得分（规则 28a）", "options")
            )
    return found


def bank_warnings(bank: Bank) -> list[Problem]:
    single = [q for q in bank.questions if q.type == "single" and q.correct_keys]
    longest = [q for q in single if key_is_longest(q)]
    if len(single) >= MIN_BANK_SINGLE and len(longest) > LONGEST_LIMIT * len(single):
        return [_warn(longest[0], (
            f"{len(single)} 道单选题中有 {len(longest)} 道的正确项是最长的选项（超过 {LONGEST_LIMIT:.0%}），"
            "总选最长项就能得分（规则 24）"
        ))]  # fmt: skip
    return []


def course_warnings(questions: list[Question]) -> list[Problem]:
    """True/false keys out of balance across all the questions checked together, overall and within 情境."""
    found = []
    for name, qs in (("判断题", questions), ("情境判断题", [q for q in questions if q.kind == "application"])):
        tf = [q for q in qs if q.type == "truefalse"]
        true = sum(q.answer is True for q in tf)
        if len(tf) >= MIN_TRUEFALSE and not TRUE_SHARE[0] <= true / len(tf) <= TRUE_SHARE[1]:
            many = true * 2 > len(tf)
            first = next(q for q in tf if (q.answer is True) == many)
            found.append(_warn(first, (
                f"{len(tf)} 道{name}中答案为“正确”的有 {true} 道，不在 40%–60% 之间；"
                f"请多写答案为“{'错误' if many else '正确'}”的题（规则 20）"
            )))  # fmt: skip
    return found


def item_warnings(banks: Iterable[Bank]) -> list[Problem]:
    banks = list(banks)
    questions = [q for b in banks for q in b.questions]
    found = [w for q in questions for w in question_warnings(q)]
    found += [w for b in banks for w in bank_warnings(b)]
    return found + course_warnings(questions)
