"""Rules every question must satisfy, above all that its citation is really in the speech."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from .itemrules import item_warnings
from .model import KEYS, Bank, Question, count_blanks, normalize_answer
from .order import printed_keys
from .problems import Problem
from .source import Speech


def _p(q: Question, message: str, field: str = "", level: str = "error") -> Problem:
    return Problem(q.file, q.line_of(field) if field else q.line, q.id, message, level)


def check_question(q: Question, speech: Speech) -> list[Problem]:
    problems: list[Problem] = []
    keys = [o.key for o in q.options]
    if not q.stem.strip():
        problems.append(_p(q, "题干为空", "stem"))
    if not q.explanation.strip():
        problems.append(_p(q, "缺少解析（explanation）", "explanation"))
    if q.type in ("single", "multiple"):
        texts = [normalize_answer(o.text) for o in q.options]
        if len(q.options) < 2:
            problems.append(_p(q, "选择题至少要有 2 个选项", "options"))
        dupes = sorted({o.text for o, t in zip(q.options, texts, strict=True) if texts.count(t) > 1})
        if dupes:
            problems.append(_p(q, f"选项重复：{'、'.join(dupes)}", "options"))
        answer = q.answer if isinstance(q.answer, list) else []
        if not all(isinstance(a, str) for a in answer):
            problems.append(_p(q, "选择题的答案应是选项字母，如 B 或 [A, C]", "answer"))
        else:
            unknown = [a for a in answer if a not in keys]
            if unknown:
                problems.append(_p(q, f"答案 {'、'.join(unknown)} 不是已有选项（{''.join(keys)}）", "answer"))
            if len(set(answer)) != len(answer):
                problems.append(_p(q, "答案里有重复的字母", "answer"))
            if q.type == "single" and len(answer) != 1:
                problems.append(_p(q, "单选题必须恰有一个正确答案", "answer"))
            if q.type == "multiple" and len(set(answer)) < 2:
                problems.append(_p(q, "多选题至少要有两个正确答案", "answer"))
            if q.type == "multiple" and len(set(answer)) >= len(keys):
                problems.append(_p(q, "多选题至少要有一个错误选项", "answer"))
    elif q.options:
        problems.append(_p(q, f"{q.type} 题不应有 options", "options"))
    if q.type == "truefalse" and not isinstance(q.answer, bool):
        problems.append(_p(q, "判断题的答案应是 true 或 false", "answer"))
    if q.type == "open" and (not isinstance(q.answer, str) or not q.answer.strip()):
        problems.append(_p(q, "简答题的答案应是参考答案文字", "answer"))
    if q.type == "fill":
        problems.extend(_check_fill(q, speech))
    problems.extend(_check_citation(q, speech))
    return problems


def _check_fill(q: Question, speech: Speech) -> list[Problem]:
    answer = q.answer
    if (
        not isinstance(answer, list)
        or not answer
        or not all(isinstance(b, list) and b and all(isinstance(a, str) and a.strip() for a in b) for b in answer)
    ):
        return [_p(q, "填空题的答案应是每个空的可接受答案列表，如 [[廉政谈话], [提醒谈话, 提醒]]", "answer")]
    problems = []
    blanks = count_blanks(q.stem)
    if blanks != len(answer):
        problems.append(_p(q, f"题干有 {blanks} 个空（____），答案却给了 {len(answer)} 个空", "stem"))
    quote = q.source.quote
    for index, accepted in enumerate(answer, 1):
        if accepted[0] not in quote:
            problems.append(_p(q, f"第 {index} 空的答案“{accepted[0]}”不在引文中", "answer"))
        norms = [normalize_answer(a) for a in accepted]
        if any(not n for n in norms):
            problems.append(_p(q, f"第 {index} 空有一个答案只含标点或空格", "answer"))
    return problems


def _check_citation(q: Question, speech: Speech) -> list[Problem]:
    message = speech.citation_problem(q.source.anchor, q.source.quote)
    if message is None:
        return []
    return [_p(q, message, "source.anchor" if q.source.anchor not in speech else "source.quote")]


def check_banks(banks: Iterable[Bank], speech: Speech) -> list[Problem]:
    banks = list(banks)
    problems: list[Problem] = bank_warnings(banks) + item_warnings(banks)
    seen_ids: dict[str, Question] = {}
    seen_stems: dict[str, Question] = {}
    seen_banks: dict[str, Bank] = {}
    for bank in banks:
        if bank.id in seen_banks:
            problems.append(Problem(bank.file, 1, "", f"题库编号 {bank.id} 与 {seen_banks[bank.id].file} 重复"))
        seen_banks.setdefault(bank.id, bank)
        for q in bank.questions:
            if q.id in seen_ids:
                other = seen_ids[q.id]
                problems.append(_p(q, f"题目编号重复（已见于 {other.file}:{other.line}）", "id"))
            else:
                seen_ids[q.id] = q
            stem = normalize_answer(q.stem)
            if stem in seen_stems and seen_stems[stem].id != q.id:
                problems.append(_p(q, f"题干与 {seen_stems[stem].id} 相同", "stem"))
            seen_stems.setdefault(stem, q)
            problems.extend(check_question(q, speech))
    return problems


# --- warnings about whole banks: what learners can guess, and what a lesson asks of them ----------------------

LESSON_BANK = re.compile(r"^m\d+-l\d+$")
MIN_SINGLE = 6  # single-choice questions a bank needs before the spread of its keys means anything
MIN_MULTIPLE = 3
CHANCE = 0.001  # a skew that a random order gives less often than this is no accident
MIN_APPLICATION = 0.25
MIN_HARD = 0.20


def _warn(bank: Bank, q: Question, message: str) -> Problem:
    return Problem(bank.file, q.line, bank.id, message, "warning")


def _at_least(count: int, chances: list[float]) -> float:
    """The probability that at least ``count`` of independent events with these chances happen."""
    dist = [1.0]
    for p in chances:
        dist = [a * (1 - p) + b * p for a, b in zip([*dist, 0.0], [0.0, *dist], strict=True)]
    return sum(dist[count:])


def _starts_with(prefix: str, options: int, correct: int) -> float:
    """The chance that a random order puts ``correct`` right options of ``options`` so that the key starts ``prefix``:
    every letter of the prefix right, every other letter before its last one wrong."""
    before = KEYS.index(prefix[-1]) + 1
    if before > options or correct < len(prefix):
        return 0.0
    return math.comb(options - before, correct - len(prefix)) / math.comb(options, correct)


def key_position_warnings(bank: Bank) -> list[Problem]:
    """Keys bunched on one position in the order learners see (``quizgen.order``; ``shuffle: false`` as written).

    Single choice: a bank of at least ``MIN_SINGLE`` single-choice questions where one letter is the key of more
    than half of them. Multiple choice: a bank of at least ``MIN_MULTIPLE`` whose keys all start with the same
    letters (all AB…, say). Either only when a random order would give it less than once in a thousand banks, so
    that the warning points at a habit of the author, not at chance."""
    shown = [(q, printed_keys(q)) for q in bank.questions if q.type in ("single", "multiple") and q.options]
    single = [(q, keys) for q, keys in shown if q.type == "single" and len(keys) == 1]
    warnings = []
    if len(single) >= MIN_SINGLE:
        letter, count = Counter(keys[0] for _, keys in single).most_common(1)[0]
        chance = _at_least(count, [1 / len(q.options) for q, _ in single])
        if count * 2 > len(single) and chance < CHANCE:
            first = next(q for q, keys in single if keys[0] == letter)
            warnings.append(_warn(bank, first, (
                f"{len(single)} 道单选题中有 {count} 道的答案是 {letter}（按学员看到的选项顺序），答案位置过于集中；"
                "请去掉不必要的 shuffle: false，或调整选项"
            )))  # fmt: skip
    multiple = [(q, keys) for q, keys in shown if q.type == "multiple" and len(keys) >= 2]
    if len(multiple) >= MIN_MULTIPLE:
        keys = ["".join(shown_keys) for _, shown_keys in multiple]
        prefix = keys[0]
        while prefix and not all(k.startswith(prefix) for k in keys):
            prefix = prefix[:-1]
        chance = math.prod(_starts_with(prefix, len(q.options), len(k)) for q, k in multiple) if prefix else 1
        if prefix and chance < CHANCE:
            warnings.append(_warn(bank, multiple[0][0], (
                f"全部 {len(multiple)} 道多选题的答案都以 {prefix} 开头（按学员看到的选项顺序），答案位置过于集中；"
                "请去掉不必要的 shuffle: false，或调整选项"
            )))  # fmt: skip
    return warnings


def lesson_mix_warnings(bank: Bank) -> list[Problem]:
    """A hand-written lesson bank should make learners apply the speech, not only recall it: at least
    ``MIN_APPLICATION`` of its questions ``kind: application`` and ``MIN_HARD`` of difficulty 3."""
    questions = [q for q in bank.questions if not q.generated]
    if not LESSON_BANK.match(bank.id) or not questions:
        return []
    warnings = []
    total = len(questions)
    for count, share, what, how in (
        (sum(q.kind == "application" for q in questions), MIN_APPLICATION, "情境题（kind: application）", "情境题"),
        (sum(q.difficulty == 3 for q in questions), MIN_HARD, "难度 3 的题", "难题"),
    ):
        if count < share * total:
            need = math.ceil(share * total) - count
            warnings.append(_warn(bank, questions[0], (
                f"{what}只有 {count}/{total} 道，不到 {share:.0%}；至少再加 {need} 道{how}"
            )))  # fmt: skip
    return warnings


def bank_warnings(banks: Iterable[Bank]) -> list[Problem]:
    """Warnings about whole banks; they fail ``quizgen check`` only with ``--strict``."""
    return [w for bank in banks for w in (*key_position_warnings(bank), *lesson_mix_warnings(bank))]
