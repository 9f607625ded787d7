"""成绩码: a learner's results as one line of text that survives a WeChat message (format version 1).

The learner's 学习记录 page makes it (static/runtime/results.js, which produces the same code for the same record,
character for character); ``quizgen results`` reads it. A code looks like::

    QG1.<record>.<checksum>

- ``QG1`` names the format and its version; a later format gets ``QG2``, which this reader refuses by name.
- ``<record>`` (below) holds only ASCII letters, digits and ``- % * ! ~ _ ,`` and non-ASCII letters and digits
  (Chinese characters stay as they are: a name costs a character a character): nothing a chat program changes,
  and one unbroken token, so a code is found in any pasted text. Every other character is written ``%XX``, its
  UTF-8 bytes in upper-case hex (a space is ``%20``, ``/`` is ``%2F``, ``.`` is ``%2E``).
- ``<checksum>`` is the CRC-32 (zlib's) of the UTF-8 bytes of ``QG1.<record>``, as 8 lowercase hex digits. One
  changed character alters at most 4 bytes, a burst CRC-32 always detects; a cut-off code loses its checksum or
  no longer matches it.

The record is lines separated by ``!``, their fields by ``*``::

    course*version*name*unit*date                   the first line; date: YYYY-MM-DD, the day the code was made
    key*best*last*attempts*seconds*responses        one line per quiz the learner has a score for

- ``key``: the quiz's ``data-quiz`` without its ``<course>/`` prefix (``practice/final-test#1``);
- ``best``, ``last``: percentages 0–100; ``attempts``: how many times it was graded; ``seconds``: how long the
  graded attempt took, empty when not known;
- ``responses``: only for a test or exam (测验、模拟考试) whose last attempt was graded, else empty: items joined by
  ``~``, each ``<id>_<answer>``, the answer's parts (a choice's keys, a fill-in's blanks) joined by ``,``. Parts
  longer than 24 characters (only a 简答题's text, which is never scored) are cut to their first 24.

Quiz keys (in key order) and the question ids of one quiz (in id order) are front-coded: each starts with one
base-36 digit, how many leading characters (as written) it shares with the one before (0–35). A question's result
is not written: ``quizgen results`` grades each answer against the bank of the same course version, as the
runtime does, so a code cannot claim a right answer it does not hold. A whole course's results fit in one WeChat
message of 2,000 characters (tests/test_results_code.py).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

PREFIX = "QG1."
# A code and anything that looks like the start of one (a later version, a cut-off or damaged code).
FIND = re.compile(r"QG[0-9]+\.[\w\-%*!~,]*(?:\.[0-9a-f]{0,8})?")
MAX_PART = 24
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_RAW = re.compile(r"[A-Za-z0-9\-]|[^\x00-\x7f]")
_ESCAPED = re.compile(r"%([0-9A-F]{2})")


class CodeError(ValueError):
    """A text that is not a valid 成绩码 (the message says why, in Chinese)."""


@dataclass
class QuizResult:
    key: str
    best: int
    last: int
    attempts: int
    seconds: int | None = None
    responses: dict[str, list[str]] = field(default_factory=dict)  # question id → answer parts, as given


@dataclass
class Results:
    course: str
    version: str
    name: str
    unit: str
    date: str
    quizzes: list[QuizResult] = field(default_factory=list)


def _raw(ch: str) -> bool:
    return ch == "-" or ch.isalnum()  # ASCII letters and digits, and any script's (\p{L}, \p{N} in JavaScript)


def escape(text: str) -> str:
    return "".join(ch if _raw(ch) else "".join(f"%{b:02X}" for b in ch.encode()) for ch in text)


def unescape(text: str) -> str:
    data = bytearray()
    at = 0
    while at < len(text):
        ch = text[at]
        if ch == "%" and _ESCAPED.match(text, at):
            data.append(int(text[at + 1 : at + 3], 16))
            at += 3
            continue
        if not _raw(ch):
            raise CodeError(f"记录中有不应出现的字符“{ch}”")
        data += ch.encode()
        at += 1
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CodeError("记录中有无效的转义") from exc


def _front_coded(items: list[str]) -> list[str]:
    out, before = [], ""
    for item in items:
        shared = 0
        while shared < min(len(item), len(before), 35) and item[shared] == before[shared]:
            shared += 1
        out.append(_DIGITS[shared] + item[shared:])
        before = item
    return out


def _front_decoded(coded: str, before: str) -> str:
    shared = _DIGITS.find(coded[:1]) if coded else -1
    if shared < 0 or shared > len(before):
        raise CodeError("记录中的编号压缩有误")
    return before[:shared] + coded[1:]


def _answer(parts: list[str]) -> str:
    return ",".join(escape(p[:MAX_PART]) for p in parts)


def record_text(results: Results) -> str:
    """The record between ``QG1.`` and the checksum."""
    head = [results.course, results.version, results.name, results.unit, results.date]
    lines = ["*".join(escape(v) for v in head)]
    quizzes = sorted(results.quizzes, key=lambda r: escape(r.key))
    for coded, r in zip(_front_coded([escape(r.key) for r in quizzes]), quizzes, strict=True):
        ids = sorted(r.responses, key=escape)
        coded_ids = _front_coded([escape(i) for i in ids])
        items = [f"{c}_{_answer(r.responses[i])}" for c, i in zip(coded_ids, ids, strict=True)]
        seconds = "" if r.seconds is None else str(r.seconds)
        lines.append("*".join([coded, str(r.best), str(r.last), str(r.attempts), seconds, "~".join(items)]))
    return "!".join(lines)


def checksum(body: str) -> str:
    return f"{zlib.crc32(body.encode()):08x}"


def encode(results: Results) -> str:
    body = PREFIX + record_text(results)
    return f"{body}.{checksum(body)}"


def _number(text: str, what: str, top: int) -> int:
    if not re.fullmatch(r"0|[1-9][0-9]{0,8}", text) or int(text) > top:
        raise CodeError(f"{what}不是 0–{top} 的整数：{text[:12]}")
    return int(text)


def _parse(text: str) -> Results:
    lines = text.split("!")
    head = lines[0].split("*")
    if len(head) != 5:
        raise CodeError("记录的第一行应有 5 项（课程、版本、姓名、单位、日期）")
    course, version, name, unit, date = (unescape(v) for v in head)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise CodeError(f"日期格式不对：{date[:12]}")
    results = Results(course, version, name.strip(), unit.strip(), date)
    key = ""
    for line in lines[1:]:
        fields = line.split("*")
        if len(fields) != 6:
            raise CodeError("一条测验记录应有 6 项")
        key = _front_decoded(fields[0], key)
        best = _number(fields[1], "最好成绩", 100)
        last = _number(fields[2], "最近成绩", 100)
        attempts = _number(fields[3], "次数", 1_000_000)
        seconds = _number(fields[4], "用时", 10**8) if fields[4] else None
        responses: dict[str, list[str]] = {}
        qid = ""
        for item in fields[5].split("~") if fields[5] else []:
            coded, sep, answer = item.partition("_")
            if not sep:
                raise CodeError("一道题的作答缺少“_”")
            qid = _front_decoded(coded, qid)
            responses[unescape(qid)] = [unescape(p) for p in answer.split(",")]
        results.quizzes.append(QuizResult(unescape(key), best, last, attempts, seconds, responses))
    return results


def decode(code: str) -> Results:
    """The results a code holds; ``CodeError`` (in Chinese) when it is not an intact 成绩码 of this version."""
    version = re.match(r"QG([0-9]+)\.", code)
    if not version:
        raise CodeError("不是成绩码（应以 QG1. 开头）")
    if version.group(1) != "1":
        raise CodeError(f"成绩码格式版本 {version.group(1)} 无法识别（本程序读取版本 1），请更新 quizgen")
    body, dot, check = code.rpartition(".")
    if not dot or body.count(".") != 1 or not re.fullmatch(r"[0-9a-f]{8}", check):
        raise CodeError("成绩码不完整：缺少末尾的校验码，可能复制时被截断")
    if checksum(body) != check:
        raise CodeError("校验码不符：成绩码被截断或改动过，请让学员重新复制发送")
    return _parse(body[len(PREFIX) :])


def find_codes(text: str) -> list[str]:
    """Every code, or damaged start of one, in a line of pasted text (a chat message around it is ignored)."""
    return [m.group().rstrip(".") for m in FIND.finditer(text)]
