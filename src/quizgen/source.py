"""The speech as anchored passages.

This module is the one place that computes anchors; the 讲话原文 page, the citation checker and the
coverage test all read them from here, so they cannot disagree.

Scheme (derived from the speech's own structure, so editing a lesson never renames one):

- ``title-1``, ``title-2`` … the heading lines before the first blank line; ``salutation`` (同志们：);
  ``intro`` (the paragraph that follows it); ``closing`` (the final 同志们，… paragraph).
- ``partN`` a part heading (一、 二、 …; a heading line without its numeral still counts, and is flagged).
- ``partN-sK`` a paragraph that opens with （K）; ``partN-pK`` the K-th paragraph without such a number.
- ``…-iK`` the K-th item inside a paragraph (一是 / 第一句); ``…-iK-M`` the M-th （M） inside item K.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .layout import ProjectLayout
from .problems import InputError, Problem, display_path

NUMERALS = "一二三四五六七八九十"
_SENTENCE_END = re.compile(r"[^。！？；]*[。！？；]?")


def numeral(n: int) -> str:
    return NUMERALS[n - 1]


class SpeechError(ValueError):
    """The speech's structure cannot be anchored: every ``(line, message)`` found."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__("; ".join(f"line {line}: {message}" for line, message in problems))


@dataclass(frozen=True)
class Passage:
    """A citable span of the speech: a whole line, or an item inside one."""

    anchor: str
    kind: str  # title | salutation | intro | part | paragraph | section | item | subitem | closing
    label: str  # the speech's own marker (一、 （一） 一是 第一句…) or a short description
    text: str
    line: int  # 1-based line of the speech file
    start: int = 0  # offset of ``text`` inside its line
    parent: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# What every speech of this form has; without one of them the file is empty or cut short, and every citation
# would fail with a message that never names the speech.
_REQUIRED = (
    ("salutation", "称呼（同志们：）"),
    ("intro", "开场白"),
    ("part1", "第一部分"),
    ("closing", "结束语（同志们，……）"),
)


@dataclass
class Speech:
    text: str
    passages: dict[str, Passage] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def from_file(cls, path: str | Path) -> Speech:
        """The speech in ``path``; raises InputError when the file cannot be read, is not UTF-8 or cannot be
        anchored (a numbered heading twice, more than ten parts, control characters)."""
        from .yamlio import bad_character_message, read_text

        path = Path(path)
        display = display_path(path)
        text, problems = read_text(path, display)
        if text is None:
            raise InputError(problems)
        for number, line in enumerate(text.split("\n"), 1):  # lines as an editor counts them
            if message := bad_character_message(line):
                problems.append(Problem(display, number, "", message))
        if problems:
            raise InputError(problems)
        try:
            speech = parse(text)
        except SpeechError as exc:
            raise InputError([Problem(display, line, "", message) for line, message in exc.problems]) from exc
        if missing := [name for anchor, name in _REQUIRED if anchor not in speech.passages]:
            last = len(text.splitlines()) or 1
            raise InputError([Problem(display, last, "", (
                f"讲话原文不完整，找不到{'、'.join(missing)}：文件是空的还是被截断了？请恢复完整的讲话原文"
            ))])  # fmt: skip
        speech.path = path
        return speech

    def __contains__(self, anchor: str) -> bool:
        return anchor in self.passages

    def __getitem__(self, anchor: str) -> Passage:
        return self.passages[anchor]

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def lines_passages(self) -> list[Passage]:
        """One passage per non-empty line, in order (items excluded)."""
        return [p for p in self.passages.values() if p.kind not in ("item", "subitem")]

    def children(self, anchor: str) -> list[Passage]:
        return [p for p in self.passages.values() if p.parent == anchor]

    def line_passage(self, anchor: str) -> Passage:
        """The whole-line passage that contains ``anchor``."""
        passage = self.passages[anchor]
        while passage.parent is not None and passage.kind in ("item", "subitem"):
            passage = self.passages[passage.parent]
        return passage

    def citation_problem(self, anchor: object, quote: object) -> str | None:
        """Why ``quote`` is not a verbatim citation of passage ``anchor``, or None when it is. Every input that
        cites the speech (banks, facts, notes, coverage exclusions) reports a bad citation in these words."""
        if not isinstance(anchor, str) or not isinstance(quote, str):
            return "引文应有 anchor（锚点）与 quote（引文）两项文字"
        if anchor not in self.passages:
            return f"引用的锚点 {anchor} 在讲话原文中不存在"
        if not quote.strip():
            return "引文为空：应是从讲话原文中逐字复制的文字"
        if quote not in self.passages[anchor].text:
            where = next((p.anchor for p in self.lines_passages() if quote in p.text), None)
            hint = f"（它出现在 {where}）" if where else "（原文中找不到这段文字，请逐字复制）"
            return f"引文不在锚点 {anchor} 的段落中{hint}"
        return None

    def describe(self, anchor: str) -> str:
        """A reader's name for an anchor: 第一部分第2段“二是”（三）, 第二部分（一）, 结束语…"""
        passage = self.passages[anchor]
        fixed = {"salutation": "称呼", "intro": "开场白", "closing": "结束语", "speaker": "署名"}
        if anchor in fixed:
            name = fixed[anchor]
        elif passage.kind == "title":
            name = "标题"
        elif passage.kind == "part":
            name = f"第{passage.label[0]}部分标题"
        elif passage.kind == "paragraph":
            name = f"第{self.passages[passage.parent].label[0]}部分第{anchor.rsplit('-p', 1)[1]}段"
        elif passage.kind == "section":
            name = f"第{self.passages[passage.parent].label[0]}部分{passage.label}"
        elif passage.kind == "item":
            name = f"{self.describe(passage.parent)}“{passage.label}”"
        else:
            name = f"{self.describe(passage.parent)}{passage.label}"
        return name

    def body(self) -> list[Passage]:
        """The paragraphs that carry the speech's content (not titles, headings, salutation)."""
        return [p for p in self.lines_passages() if p.kind in ("intro", "paragraph", "section", "closing")]

    def locate(self, anchor: str, quote: str) -> tuple[int, int] | None:
        """Line-relative span of ``quote`` inside passage ``anchor``, or None."""
        passage = self.passages.get(anchor)
        if passage is None or not quote:
            return None
        index = passage.text.find(quote)
        if index < 0:
            return None
        return passage.start + index, passage.start + index + len(quote)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text`` (ending with 。！？； or the end of the text)."""
    spans = []
    for match in _SENTENCE_END.finditer(text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


_ITEM = re.compile(rf"(?:(?<=^)|(?<=[。；：]))\s*(?P<m>([{NUMERALS}])是|第([{NUMERALS}])句)")
_SUB = re.compile(rf"(?<=[。；：])（([{NUMERALS}])）")
_SECTION = re.compile(rf"^（([{NUMERALS}])）")
_PART = re.compile(rf"^([{NUMERALS}])、")
_CLOSERS = "。：；！？”）"


def _ordered(matches: list[re.Match[str]], group: int | tuple[int, ...]) -> list[re.Match[str]]:
    """Keep only markers that count 一, 二, 三… in order, so a stray 一是 in prose is not an item."""
    kept: list[re.Match[str]] = []
    groups = group if isinstance(group, tuple) else (group,)
    for match in matches:
        if len(kept) == len(NUMERALS):  # 十是 is the last item the speech's numerals can count
            break
        value = next(match.group(g) for g in groups if match.group(g))
        if value == numeral(len(kept) + 1):
            kept.append(match)
    return kept


def _items(speech: Speech, owner: Passage) -> None:
    text = owner.text
    items = _ordered(list(_ITEM.finditer(text)), (2, 3))
    for k, match in enumerate(items, 1):
        start = match.start("m")
        end = items[k].start("m") if k < len(items) else len(text)
        item = Passage(
            anchor=f"{owner.anchor}-i{k}",
            kind="item",
            label=match.group("m"),
            text=text[start:end],
            line=owner.line,
            start=owner.start + start,
            parent=owner.anchor,
        )
        speech.passages[item.anchor] = item
        subs = _ordered(list(_SUB.finditer(item.text)), 1)
        for m, sub in enumerate(subs, 1):
            s_start = sub.start()
            s_end = subs[m].start() if m < len(subs) else len(item.text)
            speech.passages[f"{item.anchor}-{m}"] = Passage(
                anchor=f"{item.anchor}-{m}",
                kind="subitem",
                label=sub.group(),
                text=item.text[s_start:s_end],
                line=owner.line,
                start=item.start + s_start,
                parent=item.anchor,
            )


def parse(text: str) -> Speech:
    """The speech's passages; raises SpeechError with every line whose anchor cannot be given."""
    speech = Speech(text=text)
    problems: list[tuple[int, str]] = []
    lines = text.splitlines()
    in_title = True
    part = 0
    counters: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            in_title = False
            continue
        stripped = unicodedata.normalize("NFC", line).strip()
        if in_title:
            if stripped.startswith("（") and stripped.endswith("）"):
                passage = Passage("speaker", "title", "署名", line, number)
            else:
                n = counters["title"] = counters.get("title", 0) + 1
                passage = Passage(f"title-{n}", "title", "标题", line, number)
        elif stripped.startswith("同志们") and stripped.endswith("："):
            passage = Passage("salutation", "salutation", "称呼", line, number)
        elif stripped.startswith("同志们"):
            passage = Passage("closing", "closing", "结束语", line, number)
        elif part == 0 and "salutation" in speech.passages and "intro" not in speech.passages:
            passage = Passage("intro", "intro", "开场", line, number)
        elif _PART.match(stripped) or stripped[-1] not in _CLOSERS:
            part += 1
            if part > len(NUMERALS):
                problems.append((number, f"讲话最多有 {len(NUMERALS)} 个部分（一、到十、），这是第 {part} 个部分标题"))
                continue
            flags = () if _PART.match(stripped) else ("numeral-missing",)
            label = f"{numeral(part)}、"
            passage = Passage(f"part{part}", "part", label, line, number, flags=flags)
        elif part == 0:
            problems.append((number, "正文段落应在某个部分标题（一、二、……）之下，这一段之前还没有部分标题"))
            continue
        elif section := _SECTION.match(stripped):
            passage = Passage(
                f"part{part}-s{NUMERALS.index(section.group(1)) + 1}",
                "section",
                section.group(),
                line,
                number,
                parent=f"part{part}",
            )
        else:
            key = f"part{part}-p"
            n = counters[key] = counters.get(key, 0) + 1
            passage = Passage(f"part{part}-p{n}", "paragraph", f"第{n}段", line, number, parent=f"part{part}")
        if passage.anchor in speech.passages:
            first = speech.passages[passage.anchor].line
            problems.append(
                (number, f"锚点 {passage.anchor} 与第 {first} 行重复：同一部分的序号（如（一））只能出现一次")
            )
            continue
        speech.passages[passage.anchor] = passage
        if passage.kind in ("paragraph", "section", "closing", "intro"):
            _items(speech, passage)
    if problems:
        raise SpeechError(problems)
    return speech


def find_speech(start: Path | None = None) -> Path:
    """``quizzes/speech.txt`` in ``start`` or the nearest parent folder that has one (see ProjectLayout.find)."""
    return ProjectLayout.find(start).speech
