"""``quizgen generate``: deterministic questions from quizzes/facts.yaml that pass the checker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.cli import main
from quizgen.generate import DEFAULT_OUTPUT, build, chinese_number, load_facts, run
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
        members = [m.text for m in fact.members]
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
            assert member.match in q.stem and right == [member.text]
        elif kind.startswith("reverse-"):
            member = fact.members[int(kind.split("-")[1]) - 1]
            assert member.text in q.stem and right == [member.match]
        else:
            assert kind.startswith("cloze")
            for blank in q.blanks:
                assert blank[0] in q.source.quote
            assert q.stem.count("____") == len(q.blanks)


def test_talks_are_matched_to_the_right_people(generated) -> None:
    _, bank, _ = generated
    by_id = {q.id: q for q in bank.questions}
    expected = {
        1: ("提拔使用的干部", "廉政谈话"),
        2: ("重点岗位人员", "提醒谈话"),
        3: ("不放心人员", "个别谈话"),
        4: ("发现不良苗头和问题的人员", "诫勉谈话"),
    }
    for index, (who, talk) in expected.items():
        q = by_id[f"gen-talks-match-{index}"]
        assert who in q.stem
        assert q.option(q.correct_keys[0]).text == talk


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
    assert main(["generate", "-o", str(hand)]) == 1
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
        FACT.replace("    distractors", "    ask: 问{text}\n    distractors"),
        ["facts.yaml:9: talks: ask 应含占位符 {match}", "facts.yaml:9: talks: 用 ask 时每个成员都要有 match"],
    ),
    (
        "statement",
        "facts:\n  - id: s\n    kind: statement\n    module: m1\n    source: {anchor: intro, quote: 专题部署}\n    blanks: [部署部署]\n",
        ["facts.yaml:6: s: 要挖空的“部署部署”应在引文中恰好出现一次", "facts.yaml:2: s: statement 事实需要 lead"],
    ),
    ("duplicate-id", FACT + FACT.split("facts:\n", 1)[1], ["facts.yaml:10: talks: 事实编号重复"]),
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
