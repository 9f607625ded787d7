"""``quizgen generate``: deterministic questions from quizzes/facts.yaml that pass the checker."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.cli import main
from quizgen.generate import DEFAULT_OUTPUT, build, chinese_number, difficulty, load_facts, run
from quizgen.load import load_bank
from quizgen.problems import InputError

KINDS = ("belongs", "not", "several", "count", "match", "reverse", "cloze")


@pytest.fixture(scope="module")
def generated(root: Path):
    return run(root, root / "quizzes/facts.yaml", root / DEFAULT_OUTPUT, None)


@pytest.fixture(scope="module")
def facts(root: Path, speech):
    return {f.id: f for f in load_facts(root / "quizzes/facts.yaml", speech)[1]}


@pytest.fixture
def sandbox(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the real speech and facts but only the banks a test writes."""
    (tmp_path / "quizzes" / "banks").mkdir(parents=True)
    for name in ("speech.txt", "facts.yaml"):
        shutil.copy(root / "quizzes" / name, tmp_path / "quizzes" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_committed_bank_is_up_to_date_and_byte_identical(generated, root: Path) -> None:
    text, _, _ = generated
    assert (root / DEFAULT_OUTPUT).read_text(encoding="utf-8") == text
    again, _, _ = run(root, root / "quizzes/facts.yaml", root / DEFAULT_OUTPUT, None)
    assert again == text


def test_check_option(root: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(root)
    assert main(["generate", "--check"]) == 0
    assert "是最新的" in capsys.readouterr().out


def test_generated_bank_passes_the_checker(project) -> None:
    files = {p.file for p in project.problems}
    assert DEFAULT_OUTPUT not in files
    generated = [q for q in project.questions if q.generated]
    assert generated and all(q.id.startswith("gen-") for q in generated)
    assert {q.file for q in generated} == {DEFAULT_OUTPUT}


def test_every_kind_is_generated(generated) -> None:
    _, bank, _ = generated
    for kind in KINDS:
        assert any(f"-{kind}" in q.id for q in bank.questions), kind


def test_answers_follow_the_facts(generated, facts) -> None:
    _, bank, _ = generated
    for q in bank.questions:
        fact = next(f for fid, f in sorted(facts.items(), key=lambda kv: -len(kv[0])) if q.id.startswith(f"gen-{fid}-"))
        kind = q.id.removeprefix(f"gen-{fact.id}-")
        members = [m.shown for m in fact.members]
        right = [q.option(k).text for k in q.correct_keys]
        wrong = [o.text for o in q.options if o.key not in q.correct_keys]
        if kind == "belongs":
            assert right[0] in members and all(w in fact.distractors for w in wrong)
        elif kind == "not":
            assert right[0] in fact.distractors and all(w in members for w in wrong)
        elif kind == "several":
            assert all(r in members for r in right) and all(w in fact.distractors for w in wrong)
        elif kind == "count":
            assert right == [f"{chinese_number(len(members))}{fact.unit}"]
        elif kind.startswith("match-"):
            member = fact.members[int(kind.split("-")[1]) - 1]
            assert member.match in q.stem and right == [member.shown]
        elif kind.startswith("reverse-"):
            member = fact.members[int(kind.split("-")[1]) - 1]
            assert member.shown in q.stem and right == [member.match]
        else:
            assert kind.startswith("cloze")
            for blank in q.blanks:
                assert blank[0] in q.source.quote
            assert q.stem.count("____") == len(q.blanks)


def test_talks_are_matched_to_the_right_people(generated) -> None:
    _, bank, notes = generated
    by_id = {q.id: q for q in bank.questions}
    expected = {
        1: ("提拔使用的干部", "廉政谈话"),
        2: ("重点岗位人员", "提醒谈话"),
        3: ("不放心人员", "个别谈话"),
        4: ("发现不良苗头和问题的人员", "诫勉谈话"),
    }
    for index, (who, talk) in expected.items():
        q = by_id[f"gen-talks-reverse-{index}"]
        assert talk in q.stem
        assert q.option(q.correct_keys[0]).text == who
        # which talk for whom: asked here unless a hand-written question asks it (the same quote and answer)
        match = by_id.get(f"gen-talks-match-{index}")
        if match:
            assert who in match.stem and match.option(match.correct_keys[0]).text == talk
        else:
            assert f"gen-talks-match-{index}：已有引文和答案都相同的题，未生成" in notes
    assert any("已有引文和答案都相同的题" in note for note in notes)


def test_another_seed_changes_options_not_ids(generated, root: Path, tmp_path: Path) -> None:
    text, bank, _ = generated
    other_text, other, _ = run(root, root / "quizzes/facts.yaml", root / DEFAULT_OUTPUT, 7)
    assert other_text != text
    assert [q.id for q in other.questions] == [q.id for q in bank.questions]


def test_writes_the_bank(sandbox: Path, capsys) -> None:
    assert main(["generate", "--seed", "3"]) == 0
    out = sandbox / DEFAULT_OUTPUT
    bank, problems = load_bank(out)
    assert not problems and bank.questions and all(q.generated for q in bank.questions)
    first = out.read_bytes()
    assert main(["generate", "--seed", "3"]) == 0
    assert out.read_bytes() == first


def test_never_overwrites_a_hand_written_bank(sandbox: Path, root: Path, capsys) -> None:
    hand = sandbox / "quizzes/banks/m1-l1.yaml"
    shutil.copy(root / "quizzes/banks/m1-l1.yaml", hand)
    before = hand.read_bytes()
    assert main(["generate", "-o", str(hand)]) == 2  # a refusal, as the README says
    assert "拒绝覆盖" in capsys.readouterr().err
    assert hand.read_bytes() == before


def test_hand_written_ids_and_stems_win(sandbox: Path, capsys) -> None:
    (sandbox / "quizzes/banks/hand.yaml").write_text(
        """bank: hand
module: m3
questions:
  - id: gen-talks-count
    type: truefalse
    stem: 讲话要求对提拔使用的干部进行廉政谈话。
    answer: true
    explanation: 解析：原文如此。
    source: {anchor: part3-s2, quote: 对提拔使用的干部要进行廉政谈话}
  - id: hand-2
    type: fill
    stem: 下列哪一项不属于讲话要求开展的谈话？____
    answer: [[廉政谈话]]
    explanation: 解析：题干与生成题相同。
    source: {anchor: part3-s2, quote: 对提拔使用的干部要进行廉政谈话}
""",
        encoding="utf-8",
    )
    assert main(["generate"]) == 0
    err = capsys.readouterr().err
    assert "gen-talks-count：手写题已有这个编号" in err
    assert "gen-talks-not：已有题干相同的题" in err
    assert main(["check"]) == 0
    bank, _ = load_bank(sandbox / DEFAULT_OUTPUT)
    ids = {q.id for q in bank.questions}
    assert "gen-talks-count" not in ids and "gen-talks-not" not in ids


FACT = """seed: 1
facts:
  - id: talks
    kind: list
    module: m3
    name: 谈话
    source: {anchor: part3-s2, quote: 对提拔使用的干部要进行廉政谈话，对重点岗位人员要经常进行提醒谈话}
    members: [廉政谈话, 提醒谈话]
    distractors: [谈心谈话]
"""

BAD_FACTS = [
    ("anchor", FACT.replace("anchor: part3-s2", "anchor: part3-s9"), ["facts.yaml:7: talks: 引用的锚点 part3-s9"]),
    (
        "quote",
        FACT.replace("对提拔使用的干部要进行", "对提拔的干部要进行"),
        ["facts.yaml:7: talks: 引文不在锚点 part3-s2"],
    ),
    (
        "member",
        FACT.replace("[廉政谈话, 提醒谈话]", "[廉政谈话, 诫勉谈话]"),
        ["facts.yaml:8: talks: 成员“诫勉谈话”不在它的引文中"],
    ),
    ("distractor", FACT.replace("[谈心谈话]", "[提醒谈话]"), ["facts.yaml:9: talks: 干扰项“提醒谈话”其实在列举之中"]),
    (
        "many",
        FACT.replace("kind: list", "kind: table").replace("seed: 1", "seed: x") + "    colour: red\n",
        [
            "facts.yaml:1: seed 应是整数",
            "facts.yaml:4: talks: kind 应是 list 或 statement",
            "facts.yaml:10: talks: 未知字段 colour",
        ],
    ),
    (
        "ask",
        FACT.replace("    distractors", "    ask: 问谁\n    distractors"),
        ["facts.yaml:9: talks: ask 应含占位符 {match}", "facts.yaml:9: talks: 用 ask 时每个成员都要有 match"],
    ),
    (
        "statement",
        "facts:\n  - id: s\n    kind: statement\n    module: m1\n    source: {anchor: intro, quote: 专题部署}\n    blanks: [部署部署]\n",
        ["facts.yaml:6: s: 要挖空的“部署部署”应在引文中恰好出现一次", "facts.yaml:2: s: statement 事实需要 lead"],
    ),
    ("duplicate-id", FACT + FACT.split("facts:\n", 1)[1], ["facts.yaml:10: talks: 事实编号重复"]),
    (
        "template-field",
        FACT.replace("    distractors", "    ask: 问{match}{other}\n    distractors"),
        ["facts.yaml:9: talks: ask 只能用占位符 {match}，不能用 {other}"],
    ),
    (
        "template-brace",
        FACT.replace("    distractors", "    ask_reverse: “{text”是谁的\n    distractors"),
        ["facts.yaml:9: talks: ask_reverse 的花括号不成对"],
    ),
    (
        "template-attribute",
        FACT.replace("    distractors", "    ask_reverse: 问{text.upper}\n    distractors"),
        ["facts.yaml:9: talks: ask_reverse 只能用占位符 {text}，不能用 {text.upper}"],
    ),
    (
        "one-character",
        "facts:\n  - id: r\n    kind: list\n    module: m2\n    name: 改革思路\n"
        "    source: {anchor: part2-p1, quote: 增“三性”、去“四化”、强基层、促创新的改革思路}\n"
        "    members:\n      - {text: “三性”, match: 增}\n      - {text: “四化”, match: 去}\n"
        "    ask_reverse: 对{text}要：\n",
        ["facts.yaml:10: r: “增”会成为选项，但只有一个字"],
    ),
    (
        "distractor-in-passage",
        FACT.replace("[谈心谈话]", "[个别谈话]"),
        ["facts.yaml:9: talks: 干扰项“个别谈话”出现在所引的段落中"],
    ),
    ("shape", "facts: 3\n", ["facts.yaml:1: 事实文件应是含 facts 列表的映射"]),
    ("scalar-fact", "facts:\n  - 3\n", ["facts.yaml:2: 每条事实应是映射"]),
    ("yaml", "facts: [\n", ["facts.yaml:2: YAML 无法解析"]),
    ("bytes", b"facts: \xfe\n", ["facts.yaml:1: 不是 UTF-8"]),
]


@pytest.mark.parametrize(("name", "content", "messages"), BAD_FACTS, ids=[b[0] for b in BAD_FACTS])
def test_bad_facts_are_reported_with_lines(sandbox: Path, name: str, content, messages: list[str], capsys) -> None:
    facts = sandbox / "quizzes/facts.yaml"
    facts.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert main(["generate"]) == 1
    err = capsys.readouterr().err
    for message in messages:
        assert f"quizzes/{message}" in err, f"{message!r} not in:\n{err}"
    assert "Traceback" not in err
    assert not (sandbox / DEFAULT_OUTPUT).exists()


def test_missing_facts_file(sandbox: Path, capsys) -> None:
    assert main(["generate", "--facts", "nope.yaml"]) == 1
    assert "找不到事实文件" in capsys.readouterr().err


def test_facts_file_raises_input_error_directly(speech, tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("facts: []\nextra: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_facts(path, speech)
    assert "未知字段 extra" in str(info.value)


@pytest.mark.parametrize(("n", "text"), [(2, "二"), (4, "四"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


FACT_PIECES = [
    "seed: 1\n", "facts:\n", "  - id: a\n", "    kind: list\n", "    kind: statement\n", "    module: m1\n",
    "    name: 名\n", "    source: {anchor: intro, quote: 专题部署}\n", "    source: {anchor: nowhere, quote: x}\n",
    "    members: [专题, 部署]\n", "    members: [x]\n", "    blanks: [专题]\n", "    lead: 讲话，\n", "    unit: 个\n",
    "    ask: 问{match}\n", "    distractors: [专题]\n", "    members:\n      - {text: 专题, match: 部署}\n", "- x\n", "{\n", "\t",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FACT_PIECES), max_size=10))
def test_random_facts_never_raise_anything_but_input_errors(tmp_path: Path, speech, pieces: list[str]) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("".join(pieces), encoding="utf-8")
    try:
        seed, facts = load_facts(path, speech)
    except InputError as exc:
        assert exc.problems
        return
    build(facts, seed, set(), set())


# --- content people can trust -----------------------------------------------------------------------------

# An anchor code (part2-s1-i1, closing …) where a reader would see it; anchors belong in source.anchor only.
ANCHOR_CODE = re.compile(
    r"(?<![A-Za-z0-9/_-])(?:part\d+(?:-[psi]\d+)*(?:-\d+)?|title-\d+|salutation|intro|closing|speaker)(?![A-Za-z0-9_-])"
)
OFFICIAL_EIGHT_GROUPS = [
    "货车司机",
    "快递员",
    "护工护理员",
    "家政服务员",
    "商场信息员",
    "网约送餐员",
    "房产中介员",
    "保安员",
]


def learner_texts(q) -> list[str]:
    """Everything of a question a learner reads: stem, options, per-option feedback, explanation, answers."""
    texts = [q.stem, q.explanation, *(o.text for o in q.options), *(o.feedback for o in q.options)]
    if q.type == "fill":
        texts += [a for blank in q.blanks for a in blank]
    if q.type == "open":
        texts.append(str(q.answer))
    return texts


def test_no_option_can_be_told_by_its_form_alone(generated) -> None:
    _, bank, _ = generated
    for q in bank.questions:
        for o in q.options:
            assert len(o.text.strip("“”‘’")) >= 2, f"{q.id}: option “{o.text}” is a single character"


def test_distractors_are_real_terms_that_cannot_also_be_right(facts, speech) -> None:
    for fact in facts.values():
        cited = {c.anchor for c in (fact.source, *(m.source for m in fact.members)) if c}
        for text in fact.distractors:
            assert text not in ("函询谈话",), f"{fact.id}: {text} is not a term (谈话函询 is)"
            assert all(text.strip("“”") not in speech[a].text for a in cited), f"{fact.id}: {text} is in the passage"
            assert text not in [m.text for m in fact.members]


def test_facts_teach_no_highway_wording_and_the_official_eight_groups(root: Path, generated) -> None:
    text, _, _ = generated
    facts_text = (root / "quizzes/facts.yaml").read_text(encoding="utf-8")
    for source in (text, facts_text):
        assert "建、管、养、收" not in source and "建管养收" not in source
        if "八大群体" in source:
            assert all(group in source for group in OFFICIAL_EIGHT_GROUPS)


def test_generated_text_names_passages_as_readers_know_them(generated, speech) -> None:
    _, bank, _ = generated
    for q in bank.questions:
        for text in learner_texts(q):
            assert not ANCHOR_CODE.search(text), f"{q.id}: anchor code in “{text}”"
        assert speech.describe(q.source.anchor) in q.explanation


def test_no_bank_or_lesson_shows_anchor_codes(project, root: Path) -> None:
    for q in project.questions:
        for text in learner_texts(q):
            assert not ANCHOR_CODE.search(text), f"{q.file}:{q.line}: {q.id}: anchor code in “{text}”"
    # The learner's pages; the 维护者 pages show checker output, which names anchors on purpose.
    learner = ("guide", "modules", "practice")
    pages = [root / "docs" / "index.md", *sorted(p for d in learner for p in (root / "docs" / d).glob("**/*.md"))]
    assert any("modules" in p.parts for p in pages)
    for page in pages:
        for number, line in enumerate(markup_free(page.read_text(encoding="utf-8")).splitlines(), 1):
            assert not ANCHOR_CODE.search(line), f"{page.relative_to(root)}:{number}: {line}"


def markup_free(markdown: str) -> str:
    """A page's prose, line for line: roles ({speech}`part3-s2`), code, directive heads and options, labels and
    link targets, where anchors are how the page names a passage to Sphinx, not text a reader sees."""
    drop = [
        (r"\{[a-z-]+\}`[^`]*`", ""),
        (r"`[^`\n]*`", ""),
        (r"^\s*(`{3,}|:{3,})\s*\{[^}]+\}.*$", ""),
        (r"^\s*:[a-z-]+:.*$", ""),
        (r"^\([^)\n]*\)=\s*$", ""),
        (r"\]\([^)\n]*\)", "]"),
    ]
    for pattern, replacement in drop:
        markdown = re.sub(pattern, replacement, markdown, flags=re.M)
    return markdown


def test_the_anchor_scan_sees_a_leak() -> None:
    assert ANCHOR_CODE.search("见讲话原文（part2-s1-i1）")
    assert ANCHOR_CODE.search("出处：closing")
    assert not ANCHOR_CODE.search("见讲话原文第二部分（一）“一是”")
    assert markup_free("见 {speech}`part3-s2`。") == "见 。"
    assert ANCHOR_CODE.search(markup_free("见 part3-s2。"))


def test_difficulty_follows_what_is_asked(generated) -> None:
    _, bank, _ = generated
    assert difficulty("single") == 1
    assert difficulty("single", same_list=True) == 2
    assert difficulty("fill", blanks=2) == 3
    assert difficulty("fill", blanks=1, members=4, position=2) == 3
    assert difficulty("fill", blanks=1, members=4, position=1) == 2
    assert difficulty("multiple", same_list=True, blanks=2, members=9) == 3
    by_id = {q.id: q for q in bank.questions}
    assert by_id["gen-talks-belongs"].difficulty == 1
    assert by_id["gen-talks-reverse-1"].difficulty == 2 and by_id["gen-talks-reverse-2"].difficulty == 3
    assert by_id["gen-sifeng-punish-cloze-all"].difficulty == 3
    levels = Counter(q.difficulty for q in bank.questions)
    assert set(levels) == {1, 2, 3}
    assert max(levels.values()) <= 0.6 * len(bank.questions), levels


def test_printed_answers_name_the_passage_not_its_anchor(text_site: Path, speech) -> None:
    sources = [
        line
        for page in sorted([*text_site.glob("modules/**/*.txt"), *text_site.glob("practice/**/*.txt")])
        for line in page.read_text(encoding="utf-8").splitlines()
        if "出处：“" in line
    ]
    assert len(sources) > 100
    for line in sources:
        assert not ANCHOR_CODE.search(line), line
    assert any(speech.describe("part3-s2") in line for line in sources)
