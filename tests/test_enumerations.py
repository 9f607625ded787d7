"""Official enumerations (quizzes/enumerations.yaml) agree with the glossary, every lesson and every bank.

Wherever a text lists the items of an enumeration (a run of terms joined by 、), every item of the run must be an
official item; a run introduced as the whole list (“四风即……”, “八大群体（……）”) must have every item; a complete run
must keep the official order, unless it is the speech's own wording. Known wrong variants appear nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "quizzes" / "enumerations.yaml"
GLOSSARY = ROOT / "docs" / "reference" / "glossary.md"
SPEECH = (ROOT / "quizzes" / "speech.txt").read_text(encoding="utf-8")
MARKDOWN = sorted((ROOT / "docs").rglob("*.md"))
YAMLS = [*sorted((ROOT / "quizzes" / "banks").glob("*.yaml")), ROOT / "quizzes" / "facts.yaml"]
BLANK = re.compile(r"_{3,}")
QUOTES = "“”‘’\"'`「」《》"
# A segment of a run: text between 、 that holds no sentence punctuation.
SEGMENT = r"[^、，,。；;：:！？!?（）()\[\]{}\n]{1,24}"
RUN = re.compile(rf"{SEGMENT}(?:、{SEGMENT})+")
# What may stand between a name and the list it introduces: “四风”即…, 八大群体`（…, “八大群体”是…
INTRO = re.compile(r"^[”’`}」\s]*(?:即|指|是|就是|是指|包括|为|：|:|（|\()[“‘]?$")
PARTIAL_BEFORE = ("如", "例如", "比如", "诸如")
JOINERS = re.compile(r"以及|和|及|与")


@dataclass
class Enumeration:
    term: str
    names: list[str]
    wording: str
    authority: str
    items: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    glossary: str | None = None
    wrong: list[str] = field(default_factory=list)


def load_enumerations() -> list[Enumeration]:
    return [Enumeration(**entry) for entry in yaml.safe_load(DATA.read_text(encoding="utf-8"))]


ENUMERATIONS = load_enumerations()


def strip_quotes(text: str) -> str:
    return text.strip().strip(QUOTES).strip()


def markdown_units(path: Path) -> list[tuple[str, str]]:
    """Paragraphs with their line breaks removed (the build joins wrapped Chinese lines the same way)."""
    units, start, lines = [], 1, []
    for number, line in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], 1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            units.append((f"{path.relative_to(ROOT)}:{start}", "".join(lines)))
            lines = []
    return units


def yaml_strings(node: object, where: str) -> list[tuple[str, str]]:
    if isinstance(node, str):
        return [(where, node)]
    if isinstance(node, dict):
        label = f"{where} {node['id']}" if isinstance(node.get("id"), str) else where
        return [pair for key, value in node.items() for pair in yaml_strings(value, f"{label}.{key}")]
    if isinstance(node, list):
        return [pair for index, value in enumerate(node) for pair in yaml_strings(value, f"{where}[{index}]")]
    return []


def yaml_units(path: Path) -> list[tuple[str, str]]:
    return yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))


def all_units() -> list[tuple[str, str]]:
    units = [unit for path in MARKDOWN for unit in markdown_units(path)]
    return units + [unit for path in YAMLS for unit in yaml_units(path)]


UNITS = all_units()


def classify(segment: str, items: list[str]) -> tuple[str, list[str | None]]:
    """How a segment of a run names items: exact (an item, a blank or a joined pair: 享乐主义和奢靡之风), head (words
    before an item: 增强政治意识; it can only open a list), tail (words after an item: 娱乐化倾向, 保安员等; it can
    only close a list) or none."""
    text = strip_quotes(segment)
    if BLANK.fullmatch(text):
        return "exact", [None]
    if text in items:
        return "exact", [text]
    for joiner in JOINERS.finditer(text):
        left, right = strip_quotes(text[: joiner.start()]), strip_quotes(text[joiner.end() :])
        if left in items and right in items:
            return "exact", [left, right]
        if left in items and (tails := [i for i in items if right.startswith(i)]):
            return "tail", [left, max(tails, key=len)]
    if BLANK.match(text):
        return "tail", [None]
    if BLANK.search(text) and BLANK.sub("", text[BLANK.search(text).end() :]) == "":
        return "head", [None]
    tails = [item for item in items if text.startswith(item)]
    if tails:
        return "tail", [max(tails, key=len)]
    heads = [item for item in items if text.endswith(item)]
    if heads:
        return "head", [max(heads, key=len)]
    return "none", []


@dataclass
class Listing:
    """One list inside a run of 、-joined segments: where it starts in the text, its segments and items."""

    text: str
    start: int
    segments: list[str]
    named: list[str | None]
    strangers: list[str]


def listings(text: str, items: list[str]) -> list[Listing]:
    """Cut every run at the segments that can only open or close a list, and keep the pieces naming two items."""
    found = []
    for run in RUN.finditer(text):
        offset = run.start()
        piece: list[tuple[int, str, str, list[str | None]]] = []
        pieces = [piece]
        for segment in run.group().split("、"):
            kind, named = classify(segment, items)
            if kind == "head" and piece:
                piece = []
                pieces.append(piece)
            piece.append((offset, segment, kind, named))
            offset += len(segment) + 1
            if kind == "tail":
                piece = []
                pieces.append(piece)
        for piece in pieces:
            named = [item for _, _, _, n in piece for item in n]
            if len({item for item in named if item is not None}) < 2:
                continue
            segments = [segment for _, segment, _, _ in piece]
            strangers = [strip_quotes(segment) for _, segment, kind, _ in piece if kind == "none"]
            found.append(Listing("、".join(segments), piece[0][0], segments, named, strangers))
    return found


def introduced_by_name(text: str, listing: Listing, enum: Enumeration) -> bool:
    """Whether the list follows one of the enumeration's names as its content (“四风”即…, 八大群体（…）."""
    before = text[: listing.start] + listing.segments[0]
    first = next((item for item in listing.named if item is not None), "")
    before = before[: before.rindex(first)] if first in before else before
    for name in enum.names:
        for m in re.finditer(re.escape(name), before):
            if INTRO.match(before[m.end() :]):
                return True
    return False


def run_problems(where: str, text: str, enum: Enumeration) -> list[str]:
    problems = []
    for listing in listings(text, enum.items):
        if listing.strangers:
            problems.append(f"{where}: {enum.term}的列举中混入了非规范项 {listing.strangers}：{listing.text}")
            continue
        real = [item for item in listing.named if item is not None]
        head = strip_quotes(listing.segments[0])
        partial = listing.segments[-1].rstrip().endswith(("等", "等等")) or any(
            head.endswith(marker + real[0]) for marker in PARTIAL_BEFORE
        )
        if len(listing.named) < len(enum.items):
            if not partial and introduced_by_name(text, listing, enum):
                missing = [item for item in enum.items if item not in real]
                problems.append(f"{where}: {enum.term}列举不全（缺 {missing}）：{listing.text}")
            continue
        order = [enum.items.index(item) for item in real]
        if order != sorted(order) and not in_speech(listing.text, real):
            problems.append(f"{where}: {enum.term}的顺序应是 {'、'.join(enum.items)}：{listing.text}")
    return problems


def in_speech(run_text: str, items: list[str]) -> bool:
    """The speech's own wording (it lists 劳动精神、劳模精神、工匠精神 once in that order) may be quoted."""
    core = run_text[run_text.index(items[0]) : run_text.rindex(items[-1]) + len(items[-1])]
    return core in SPEECH


def phrase_problems(where: str, text: str, enum: Enumeration) -> list[str]:
    problems = []
    for head, phrase in zip(enum.heads, enum.phrases, strict=True):
        for m in re.finditer(re.escape(head), text):
            spans = [p.span() for p in re.finditer(re.escape(phrase), text)]
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                problems.append(f"{where}: {enum.term}应写作“{phrase}”：{text[max(0, m.start() - 10) : m.end() + 20]}")
    return problems


def test_the_data_file_is_consistent():
    assert ENUMERATIONS, "no enumerations"
    for enum in ENUMERATIONS:
        assert enum.authority.strip() and enum.names, enum.term
        assert bool(enum.items) != bool(enum.phrases), f"{enum.term}: items or phrases, not both"
        members = enum.items or enum.phrases
        positions = [enum.wording.find(item) for item in members]
        assert -1 not in positions and positions == sorted(positions), f"{enum.term}: items in the wording's order"
        assert len(enum.heads) == len(enum.phrases)
        assert all(p.startswith(h) or h in p for h, p in zip(enum.heads, enum.phrases, strict=True))
        for wrong in enum.wrong:
            assert wrong not in enum.wording and wrong not in members, f"{enum.term}: {wrong} is official"


@pytest.mark.parametrize("enum", ENUMERATIONS, ids=lambda e: e.term)
def test_no_wrong_variant_appears_anywhere(enum: Enumeration):
    found = [f"{where}: {wrong}" for where, text in UNITS for wrong in enum.wrong if wrong in text]
    assert found == []


@pytest.mark.parametrize("enum", ENUMERATIONS, ids=lambda e: e.term)
def test_every_listing_has_exactly_the_official_items(enum: Enumeration):
    check = run_problems if enum.items else phrase_problems
    problems = [problem for where, text in UNITS for problem in check(where, text, enum)]
    assert problems == []


def glossary_entries() -> dict[str, str]:
    block = GLOSSARY.read_text(encoding="utf-8").split(":::{glossary}", 1)[1].split("\n:::", 1)[0]
    entries: dict[str, str] = {}
    term = ""
    for line in block.splitlines():
        if line.strip() and not line.startswith((" ", "\t")):
            term = line.strip()
            entries[term] = ""
        elif term:
            entries[term] += line.strip()
    return entries


@pytest.mark.parametrize("enum", [e for e in ENUMERATIONS if e.glossary], ids=lambda e: e.term)
def test_the_glossary_entry_lists_the_official_items(enum: Enumeration):
    entries = glossary_entries()
    assert enum.glossary in entries, f"术语表没有“{enum.glossary}”条目"
    text = entries[enum.glossary]
    if enum.phrases:
        positions = [text.find(phrase) for phrase in enum.phrases]
        assert -1 not in positions and positions == sorted(positions), text
        return
    complete = [listing.text for listing in listings(text, enum.items) if listing.named == enum.items]
    assert complete, f"术语表“{enum.glossary}”条目应按规范顺序列出：{'、'.join(enum.items)}"


def choice_questions() -> list[tuple[str, dict]]:
    found = []
    for path in sorted((ROOT / "quizzes" / "banks").glob("*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8")).get("questions") or []:
            if question.get("type") in ("single", "multiple"):
                found.append((f"{path.relative_to(ROOT)} {question.get('id')}", question))
    return found


@pytest.mark.parametrize("enum", [e for e in ENUMERATIONS if e.items], ids=lambda e: e.term)
def test_choice_questions_on_a_list_mark_exactly_its_items(enum: Enumeration):
    """“下列哪些属于八大群体？”: the options that are official items are exactly the correct ones (or, when the
    stem asks which is not, exactly the wrong ones)."""
    problems = []
    for where, question in choice_questions():
        stem = question.get("stem", "")
        if not any(name in stem for name in enum.names):
            continue
        texts = [strip_quotes(o["text"] if isinstance(o, dict) else str(o)) for o in question.get("options", [])]
        members = {chr(65 + i) for i, text in enumerate(texts) if text in enum.items}
        if len(members) < 2:
            continue
        answer = question.get("answer")
        correct = set(answer if isinstance(answer, list) else [answer])
        negative = re.search(r"不属于|不是|不包括|不在|没有", stem)
        expected = {chr(65 + i) for i in range(len(texts))} - members if negative else members
        if correct != expected:
            problems.append(f"{where}: 答案 {sorted(correct)}，按{enum.term}应为 {sorted(expected)}")
    assert problems == []


def enumeration(term: str) -> Enumeration:
    return next(e for e in ENUMERATIONS if e.term == term)


@pytest.mark.parametrize(
    ("term", "text", "message"),
    [
        ("四风", "“四风”即形式主义、官僚主义、享乐主义。", "列举不全"),
        ("四风", "“四风”即形式主义、官僚主义、享乐主义和奢侈之风。", "列举不全"),
        ("四个意识", "增强{term}`四个意识`（政治意识、核心意识、大局意识、看齐意识）", "顺序"),
        ("八大群体", "“八大群体”如货车司机、网约车司机、快递员等", "非规范项"),
        (
            "八大群体",
            "{term}`八大群体`（货车司机、快递员、护工护理员、家政服务员、商场信息员、网约送餐员、保安员）",
            "列举不全",
        ),
        ("三种精神", "弘扬劳模精神、奉献精神、工匠精神", "非规范项"),
        ("两个维护", "坚决维护党中央权威和统一领导", "应写作"),
        ("社会主义核心价值观", "富强、民主、文明、和睦", "应写作"),
    ],
)
def test_the_check_finds_wrong_listings(term: str, text: str, message: str):
    enum = enumeration(term)
    check = run_problems if enum.items else phrase_problems
    problems = check("example", text, enum)
    assert len(problems) == 1 and message in problems[0], problems


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("四风", "{term}`四风`即形式主义、官僚主义、享乐主义和奢靡之风。"),
        ("四风", "也属于“四风”中享乐主义、奢靡之风的苗头"),
        ("四化", "不能搞成“贵族化”“娱乐化”活动；去除机关化、行政化、贵族化、娱乐化倾向"),
        ("八大群体", "“八大群体”如货车司机、快递员、网约送餐员等，多属新就业形态劳动者"),
        ("三种精神", "使劳动精神、劳模精神、工匠精神成为广大职工共同的价值追求"),
        ("三种精神", "以弘扬劳模精神、____、工匠精神为重点"),
        ("获得感、幸福感、安全感", "要使人民获得感、幸福感、安全感更加充实、更有保障、更可持续"),
    ],
)
def test_the_check_accepts_right_listings(term: str, text: str):
    enum = enumeration(term)
    assert run_problems("example", text, enum) == []


# Wording of the speech that an editorial note explains as out of place (建、管、养、收 is highway-sector
# wording): wherever a lesson or a question repeats it, the same text must say so, never teach it as union work.
OUT_OF_PLACE = {"建、管、养、收": ("不是工会的业务", "文字说明")}


def test_out_of_place_wording_has_its_note():
    notes = yaml.safe_load((ROOT / "quizzes" / "speech-notes.yaml").read_text(encoding="utf-8"))
    for wording in OUT_OF_PLACE:
        assert wording in SPEECH
        assert any(wording in note["quote"] and wording in note["note"] for note in notes), wording


@pytest.mark.parametrize("wording", OUT_OF_PLACE)
def test_out_of_place_wording_is_never_taught_as_union_work(wording: str):
    markers = OUT_OF_PLACE[wording]
    taught = [where for where, text in UNITS if wording in text and not any(m in text for m in markers)]
    assert taught == []
