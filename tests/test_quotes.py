"""Every phrase the course puts in “…” is accounted for (quizzes/quotes.yaml holds the data and its rules).

A quoted phrase in a lesson, the glossary, the trainer guide, a guide page, a question bank or facts.yaml is one of:

- speech: the speech's own words, verbatim. Compared ignoring only whitespace (lines wrap), the speech's own quote
  marks (“扛在肩上” inside a longer quote becomes ‘扛在肩上’) and Markdown emphasis and roles (**…**, {term}`…`);
  ____ or （　　） stands for a blank and …… for an omission.
- official: an official formulation or a well-known quotation, exactly as quizzes/quotes.yaml (official) or
  quizzes/enumerations.yaml (wording) records it, with its authority.
- course: recognisable by a rule (a heading or label of the site, a glossary term, a blank, a reference to a
  numbered passage such as “（二）一是”, a bank question's wrong option named in that question, a line of a
  teaching scenario) or listed in quizzes/quotes.yaml (allowed) with a reason.

Anything else fails with FILE:LINE and the phrase; so does a phrase whose characters are the speech's but whose
punctuation is not (“两手抓、两手都要硬” for the speech's “两手抓，两手都要硬”), whatever rule it would meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "quizzes" / "quotes.yaml"
ENUMERATIONS = ROOT / "quizzes" / "enumerations.yaml"
SPEECH = (ROOT / "quizzes" / "speech.txt").read_text(encoding="utf-8")
GLOSSARY = ROOT / "docs" / "reference" / "glossary.md"
SOURCES = [
    *sorted((ROOT / "docs" / "modules").rglob("*.md")),
    GLOSSARY,
    ROOT / "docs" / "reference" / "trainer-guide.md",
    *sorted((ROOT / "docs" / "guide").glob("*.md")),
    *sorted((ROOT / "quizzes" / "banks").glob("*.yaml")),
    ROOT / "quizzes" / "facts.yaml",
]
BLANK = re.compile(r"_{3,}|＿{2,}|（[\s\u3000]*）")
OMISSION = "……"
ROLE = re.compile(r"\{[a-z-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
PASSAGE = re.compile(r"(?:[一二三四]、|（[一二三四]）(?:[一二三四]是)?|[一二三四]是|第[一二三四]句)")


def plain(phrase: str) -> str:
    """The phrase as a reader sees it: Markdown roles and emphasis gone, whitespace (wrapped lines) removed."""
    text = ROLE.sub(r"\1", phrase).replace("**", "").replace("`", "")
    return re.sub(r"\s+", "", text)


def bare(text: str) -> str:
    """What is compared with the speech: no whitespace and no quote marks of either level."""
    return re.sub(r"[\s“”‘’]", "", text)


# The speech keeps its line breaks, so that a blank or an omission never reaches into another paragraph.
SPEECH_BARE = "\n".join(bare(line) for line in SPEECH.splitlines())


PUNCTUATION = re.compile(r"[\s“”‘’，、。；：！？,.;:!?（）()《》…—_＿]")
SPEECH_WORDS = PUNCTUATION.sub("", SPEECH)


def words(text: str) -> str:
    """A phrase without its punctuation: a quote that matches the speech only so has a mark changed."""
    return PUNCTUATION.sub("", text)


def in_speech(phrase: str) -> bool:
    """Verbatim in the speech, a blank standing for any words and …… for an omission (parts in order, within one paragraph)."""
    parts = re.split(rf"{BLANK.pattern}|{OMISSION}", bare(phrase))
    if not any(parts):
        return False
    pattern = ".+?".join(re.escape(p) for p in parts)
    return re.search(pattern, SPEECH_BARE) is not None


@dataclass
class Quote:
    where: str  # FILE:LINE
    path: Path
    line: int
    text: str  # as a reader sees it (plain)


def quotes_in(path: Path) -> tuple[list[Quote], list[str]]:
    """Top-level “…” phrases (nested “” or ‘’ stay inside); comment lines (YAML #, MyST %) are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    comment = "#" if path.suffix == ".yaml" else "%"
    found, problems = [], []
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    depth, start, buffer = 0, 0, []
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(comment):
            continue
        for char in line:
            if char == "“":
                if depth == 0:
                    start, buffer = number, []
                else:
                    buffer.append(char)
                depth += 1
            elif char == "”":
                if depth == 0:
                    problems.append(f"{rel}:{number}: ” without its “")
                    continue
                depth -= 1
                if depth == 0:
                    found.append(Quote(f"{rel}:{start}", path, start, plain("".join(buffer))))
                else:
                    buffer.append(char)
            elif depth:
                buffer.append(char)
        if depth:
            buffer.append("\n")
    if depth:
        problems.append(f"{rel}:{start}: “ without its ”")
    return found, problems


def load_data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


DATA_YAML = load_data()
OFFICIAL = {entry["wording"]: entry for entry in DATA_YAML["official"]}
ENUM_DATA = yaml.safe_load(ENUMERATIONS.read_text(encoding="utf-8"))
ENUM_WORDINGS = {entry["wording"] for entry in ENUM_DATA}
ENUM_ITEMS = {item for entry in ENUM_DATA for item in entry.get("items", [])}
ALLOWED = {phrase: group["reason"] for group in DATA_YAML["allowed"] for phrase in group["phrases"]}
WRONG = {wrong: entry["wording"] for entry in DATA_YAML["official"] for wrong in entry.get("wrong", [])}


def labels() -> set[str]:
    """Headings and titled blocks of the site's pages (also without a note in brackets), glossary terms, and the
    words the quiz pages show (the strings of quizgen's HTML, Sphinx and runtime code): names of the course's parts."""
    found = set()
    for path in (ROOT / "docs").rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := re.match(r"#+\s+(.+)", line):
                found.add(plain(m.group(1)))
            elif m := re.match(r":{3,}\{(?:admonition|dropdown|note|tip|grid-item-card)\}\s*(.+)", line):
                found.add(plain(m.group(1)))
    block = GLOSSARY.read_text(encoding="utf-8").split(":::{glossary}", 1)[1].split("\n:::", 1)[0]
    found |= {plain(line) for line in block.splitlines() if line.strip() and not line.startswith((" ", "\t"))}
    found |= {re.sub(r"（[^）]*）$", "", label) for label in found}
    return found


INTERFACE = "\n".join(
    path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "src" / "quizgen").rglob("*"))
    if path.suffix in (".py", ".js") and not path.name.endswith(".min.js")
)
LABELS = labels()


def option_text(option: object) -> str:
    return str(option["text"] if isinstance(option, dict) else option)


@dataclass
class Question:
    first: int
    last: int
    wrong_options: set[str]
    scenario_lines: list[int] | None  # the stem and options of an application question
    situation: str  # their text


def bank_questions(path: Path) -> list[Question]:
    """Each question's line range (from its '- id:' line), its wrong options (distractors) and, for application questions
    (kind: application, an invented workplace situation), the lines of its stem and options."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    data = yaml.safe_load(text)
    entries = data.get("questions") or [] if isinstance(data, dict) else []
    starts = [n for n, line in enumerate(lines, 1) if re.match(r"\s*- id:", line)]
    result = []
    for index, (question, first) in enumerate(zip(entries, starts, strict=True)):
        last = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        options = [option_text(o) for o in question.get("options") or []]
        answer = question.get("answer") if question.get("type") in ("single", "multiple") else []
        correct = {ord(a) - 65 for a in (answer if isinstance(answer, list) else [answer])}
        # “下列哪一项不属于……？”: there the answer is the option that is not in the list
        negative = re.search(r"不属于|不是|不包括|不在|没有", str(question.get("stem", ""))) is not None
        wrong = {plain(o).strip("“”") for i, o in enumerate(options) if (i in correct) == negative}
        scenario, situation = None, ""
        if question.get("kind") == "application":
            situation = plain(str(question.get("stem", "")) + "".join(options))
            end = next((n for n in range(first, last + 1) if re.match(r"\s*(answer|explanation):", lines[n - 1])), last)
            # feedback explains, it is not part of the situation
            scenario = [n for n in range(first, end) if not re.match(r"\s*feedback:", lines[n - 1])]
        result.append(Question(first, last, wrong, scenario, situation))
    return result


def scenario_ranges(path: Path) -> list[tuple[int, int]]:
    """Lines of the Markdown blocks marked as teaching scenarios (:class: scenario)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    ranges = []
    for n, line in enumerate(lines, 1):
        if line.strip() == ":class: scenario":
            fence = lines[n - 2].split("{")[0]
            end = next((m for m in range(n + 1, len(lines) + 1) if lines[m - 1].strip() == fence), len(lines))
            ranges.append((n, end))
    return ranges


def classify_file(path: Path, banks: bool) -> tuple[list[tuple[Quote, str]], list[str]]:
    """Each quote of one file with its class: speech, official, blank, label, passage, distractor, scenario,
    allowed; and the problems (FILE:LINE: phrase) for those that are none of these."""
    classified, problems = [], []
    quotes, found = quotes_in(path)
    problems += found
    questions = bank_questions(path) if banks else []
    scenario = {n for a, b in scenario_ranges(path) for n in range(a, b + 1)} if path.suffix == ".md" else set()
    scenario |= {n for q in questions for n in q.scenario_lines or []}
    scenario_words = [q.text for q in quotes if q.line in scenario]
    for quote in quotes:
        text = quote.text
        question = next((q for q in questions if q.first <= quote.line <= q.last), None)
        if text in WRONG:
            problems.append(f"{quote.where}: “{text}” 应写作“{WRONG[text]}”")
            continue
        if in_speech(text):
            kind = "speech"
        elif len(words(text)) >= 4 and words(text) in SPEECH_WORDS:
            problems.append(f"{quote.where}: “{text}” 与讲话原文只差标点，应照原文")
            continue
        elif text in OFFICIAL or text in ENUM_WORDINGS or text in ENUM_ITEMS:
            kind = "official"
        elif not BLANK.sub("", PLACEHOLDER.sub("", text)).replace(OMISSION, ""):
            kind = "blank"
        elif text in LABELS or re.search(rf"['\"“>]{re.escape(text)}['\"”<：:]", INTERFACE):
            kind = "label"
        elif PASSAGE.fullmatch(text):
            kind = "passage"
        elif question and text in question.wrong_options:
            kind = "distractor"
        elif any(text in line for line in scenario_words) or (question and text in question.situation):
            kind = "scenario"
        elif text in ALLOWED:
            kind = "allowed"
        else:
            problems.append(f"{quote.where}: “{text}” 既不是讲话原文，也不是登记的规范表述或课程用语")
            continue
        classified.append((quote, kind))
    return classified, problems


def classify_all() -> tuple[list[tuple[Quote, str]], list[str]]:
    classified, problems = [], []
    for path in SOURCES:
        found, wrong = classify_file(path, banks="banks" in path.parts)
        classified += found
        problems += wrong
    return classified, problems


CLASSIFIED, PROBLEMS = classify_all()


def test_every_quote_is_the_speech_an_official_wording_or_course_wording():
    assert PROBLEMS == []


def test_each_class_is_found():
    kinds = {kind for _, kind in CLASSIFIED}
    assert {"speech", "official", "label", "scenario", "distractor", "allowed"} <= kinds


def longest_run_in_speech(text: str) -> int:
    plain_text = bare(text)
    match = SequenceMatcher(None, plain_text, SPEECH_BARE, autojunk=False)
    return match.find_longest_match(0, len(plain_text), 0, len(SPEECH_BARE)).size


def test_no_rule_hides_a_misquote_of_the_speech():
    """A label, scenario line, distractor, blank or passage reference that shares twelve characters in a row with the
    speech but is not verbatim is most likely a misquote, whatever the rule says."""
    near = [
        f"{quote.where}: “{quote.text}”"
        for quote, kind in CLASSIFIED
        if kind in ("label", "scenario", "distractor", "blank", "passage") and longest_run_in_speech(quote.text) >= 12
    ]
    assert near == []


def test_official_entries_are_complete():
    for wording, entry in OFFICIAL.items():
        assert entry.get("authority", "").strip(), wording
        assert wording not in ENUM_WORDINGS, f"{wording}: already in enumerations.yaml"
        for wrong in entry.get("wrong", []):
            assert wrong != wording and wrong not in ENUM_WORDINGS, wrong


def test_every_allowed_phrase_has_a_reason_and_is_needed():
    """An allowed phrase that is the speech's or an official wording would hide nothing; one no page uses is stale."""
    used = {quote.text for quote, kind in CLASSIFIED if kind == "allowed"}
    listed = [phrase for group in DATA_YAML["allowed"] for phrase in group["phrases"]]
    assert sorted({p for p in listed if listed.count(p) > 1}) == [], "listed twice"
    for phrase, reason in ALLOWED.items():
        assert reason.strip(), phrase
        assert not in_speech(phrase), f"{phrase}: in the speech, needs no entry"
        assert phrase not in OFFICIAL and phrase not in ENUM_WORDINGS, f"{phrase}: an official wording"
    assert sorted(set(ALLOWED) - used) == []


def test_every_official_entry_is_quoted_somewhere():
    used = {quote.text for quote, kind in CLASSIFIED if kind == "official"}
    assert sorted(set(OFFICIAL) - used) == []


@pytest.mark.parametrize(
    ("phrase", "verbatim"),
    [
        ("将管党治党作为首要政治责任牢牢“扛在肩上”", True),  # the speech's own quote marks, nested
        ("将管党治党作为首要政治责任牢牢‘扛在肩上’", True),
        ("两手抓，两手都要硬", True),
        ("两手抓、两手都要硬", False),  # a comma changed is a misquote
        ("以完善制度为**抓手**", True),
        ("同志们，下一步……", True),
        ("覆盖全面，____", True),
        ("猛药去疴的勇气不泄", False),
        ("2019年，我们……新局面", False),  # an omission stays inside one paragraph
        ("____", False),
    ],
)
def test_speech_comparison(phrase: str, verbatim: bool):
    assert in_speech(plain(phrase)) is verbatim


def test_extraction_keeps_nested_quotes_and_finds_lines(tmp_path: Path):
    page = tmp_path / "probe.md"
    page.write_text("甲\n讲话说“牢牢“扛在\n肩上”的”。\n% “注释”\n乙“未闭合\n", encoding="utf-8")
    quotes, problems = quotes_in(page)
    assert [(q.line, q.text) for q in quotes] == [(2, "牢牢“扛在肩上”的")]
    assert problems == ["probe.md:5: “ without its ”"]


def test_a_misquote_is_reported_with_file_and_line(tmp_path: Path):
    page = tmp_path / "lesson.md"
    page.write_text("讲话要求“两手抓，两手都要硬”。\n\n又说“两手抓、两手都要硬”，“原文摘录”见下。\n", encoding="utf-8")
    classified, problems = classify_file(page, banks=False)
    assert [kind for _, kind in classified] == ["speech", "label"]
    assert problems == ["lesson.md:3: “两手抓、两手都要硬” 与讲话原文只差标点，应照原文"]


def test_a_scenario_line_and_a_distractor_are_recognised(tmp_path: Path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "questions:\n"
        "  - id: x-001\n    type: single\n    kind: application\n"
        "    stem: 有人说：“都是老同志了，提醒一下就行。”这对吗？\n"
        "    options: [对, 不对]\n    answer: B\n"
        "    explanation: “提醒一下就行”违背从严治队的尺度不松。\n"
        "  - id: x-002\n    type: single\n"
        "    stem: 下列哪一项是讲话的用语？\n"
        "    options: [“每一公里”, “最后一公里”]\n    answer: A\n"
        "    explanation: 讲话说的是“每一公里”，不是“最后一公里”。\n",
        encoding="utf-8",
    )
    classified, problems = classify_file(bank, banks=True)
    assert problems == []
    assert [kind for _, kind in classified] == ["scenario", "scenario", "speech", "distractor", "speech", "distractor"]


def test_a_recorded_wrong_variant_is_reported_with_the_right_wording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(WRONG, "工会是共产主义学校", "工会是共产主义的学校")
    page = tmp_path / "glossary.md"
    page.write_text("列宁说“工会是共产主义学校”。\n", encoding="utf-8")
    _, problems = classify_file(page, banks=False)
    assert problems == ["glossary.md:1: “工会是共产主义学校” 应写作“工会是共产主义的学校”"]
