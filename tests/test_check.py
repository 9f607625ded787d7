"""`quizgen check`: precise on broken banks, silent on good ones, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.check import check_banks
from quizgen.cli import main
from quizgen.load import load_bank
from quizgen.model import normalize_answer

GOOD = """\
bank: t-l1
title: 测试题库
module: m1
questions:
  - id: t-001
    type: single
    stem: 讲话批评的“一岗双责”履行问题是：
    options: [重安排、轻落实, 重落实、轻安排, 重考核、轻部署, 重部署、轻考核]
    answer: A
    explanation: 讲话指出一些干部只布置不落实。
    source: {anchor: part1-p2-i1, quote: 重安排、轻落实}
  - id: t-002
    type: multiple
    stem: 四风包括哪些？
    options: [形式主义, 官僚主义, 实用主义, 享乐主义]
    answer: [A, B]
    explanation: 解析。
    source: {anchor: part3-s2, quote: 绝不能让“四风”反弹回潮}
  - id: t-003
    type: truefalse
    stem: 对提拔使用的干部要进行廉政谈话。
    answer: true
    explanation: 解析。
    source: {anchor: part3-s2, quote: 对提拔使用的干部要进行廉政谈话}
  - id: t-004
    type: fill
    stem: 对重点岗位人员要经常进行____。
    answer: [[提醒谈话, 提醒]]
    explanation: 解析。
    source: {anchor: part3-s2, quote: 对重点岗位人员要经常进行提醒谈话}
  - id: t-005
    type: open
    stem: 谈谈如何做到治于未病。
    answer: 参考答案。
    explanation: 要点。
    source: {anchor: part3-s2, quote: 严管队伍，最关键的是治于未病}
"""


def write(tmp_path: Path, text: str, name: str = "bank.yaml") -> Path:
    path = tmp_path / "banks" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, speech, text: str) -> list[str]:
    bank, problems = load_bank(write(tmp_path, text), "bank.yaml")
    if bank is not None:
        problems += check_banks([bank], speech)
    return [str(p) for p in problems]


def test_a_good_bank_has_no_problems(tmp_path, speech):
    assert problems_for(tmp_path, speech, GOOD) == []


def mutate(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (change to the good bank, expected line, expected words in the message)
BROKEN = [
    ("answer: A\n", "answer: E\n", 9, "不是已有选项"),
    ("answer: A\n", "answer: [A, B]\n", 9, "恰有一个正确答案"),
    ("answer: [A, B]", "answer: [A]", 16, "至少要有两个正确答案"),
    ("answer: [A, B]", "answer: [A, B, C, D]", 16, "至少要有一个错误选项"),
    ("[形式主义, 官僚主义, 实用主义, 享乐主义]", "[形式主义, 形式主义, 实用主义, 享乐主义]", 15, "选项重复"),
    ("answer: true", "answer: 对", 22, "true 或 false"),
    ("对重点岗位人员要经常进行____。", "对重点岗位人员要经常进行____和____。", 27, "2 个空"),
    ("answer: [[提醒谈话, 提醒]]", "answer: [[个别谈话]]", 28, "不在引文中"),
    ("{anchor: part1-p2-i1, quote: 重安排、轻落实}", "{anchor: part9, quote: 重安排、轻落实}", 11, "不存在"),
    (
        "{anchor: part1-p2-i1, quote: 重安排、轻落实}",
        "{anchor: part1-p2-i1, quote: 重安排，轻落实}",
        11,
        "引文不在锚点",
    ),
    (
        "{anchor: part1-p2-i1, quote: 重安排、轻落实}",
        "{anchor: part1-p2-i2, quote: 重安排、轻落实}",
        11,
        "它出现在 part1-p2",
    ),
    ("    type: open\n", "    type: essay\n", 32, "type 应是"),
    ("    type: single\n", "    type: single\n    difficulty: 5\n", 7, "difficulty"),
    ("    explanation: 讲话指出一些干部只布置不落实。\n", "", 5, "缺少必填字段 explanation"),
    ("    stem: 四风包括哪些？\n", "    stem: 四风包括哪些？\n    colour: red\n", 15, "未知字段 colour"),
    ("id: t-002", "id: t-001", 12, "题目编号重复"),
    ("stem: 谈谈如何做到治于未病。", "stem: 四风包括哪些？", 33, "题干与 t-002 相同"),
    ("    stem: 四风包括哪些？\n", "    stem: 四风包括哪些？\n    stem: 重复\n", 15, "重复的键"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), BROKEN, ids=[b[3] for b in BROKEN])
def test_each_broken_bank_is_reported_with_file_and_line(tmp_path, speech, old, new, line, words):
    problems = problems_for(tmp_path, speech, mutate(old, new))
    assert any(words in p for p in problems), problems
    hit = next(p for p in problems if words in p)
    assert hit.startswith(f"bank.yaml:{line}:"), hit


def test_all_problems_are_reported_at_once(tmp_path, speech):
    text = mutate("answer: A\n", "answer: E\n").replace("answer: true", "answer: 对")
    problems = problems_for(tmp_path, speech, text)
    assert len(problems) >= 2


def test_a_question_that_is_not_a_mapping_has_its_line(tmp_path, speech):
    problems = problems_for(tmp_path, speech, "bank: b\nquestions:\n  - id: x\n  - 42\n")
    assert any(p.startswith("bank.yaml:4: 每道题应是一个映射") for p in problems), problems


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "文件为空"),
        (b"\xff\xfe\x00bank: x", "UTF-8"),
        (b"bank: [unclosed", "YAML 无法解析"),
        (b"- just\n- a list\n", "顶层应是映射"),
        (b"bank: b\nquestions: 5\n", "questions 列表"),
        (b"bank: b\nquestions:\n  - 42\n", "应是一个映射"),
        (b"bank: b\nquestions:\n  - id: [1]\n    type: {}\n", "缺少必填字段"),
    ],
)
def test_damaged_files_give_messages_not_tracebacks(tmp_path, content, words, capsys, monkeypatch):
    path = tmp_path / "quizzes" / "banks" / "bad.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    (tmp_path / "quizzes" / "speech.txt").write_bytes(
        (Path(__file__).parent.parent / "quizzes" / "speech.txt").read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "quizzes/banks/bad.yaml" in err and words in err, err
    assert "Traceback" not in err


def test_the_cli_passes_on_the_project_banks(capsys, root, monkeypatch):
    monkeypatch.chdir(root)
    assert main(["check"]) == 0
    assert "检查通过" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("a", "b"),
    [("提醒谈话", "提醒谈话 "), ("ＡＢＣ", "abc"), ("“四风”", "四风"), ("一岗双责。", "一岗双责"), ("X%", "X％")],
)
def test_fill_answers_are_normalised(a, b):
    assert normalize_answer(a) == normalize_answer(b)


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.floats(allow_nan=True))
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = ["id", "type", "stem", "options", "answer", "explanation", "source", "difficulty", "tags", "shuffle"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_and_mutated_banks_never_raise(tmp_path, speech, data):
    import json

    lines = GOOD.splitlines(keepends=True)
    choice = data.draw(st.sampled_from(["replace-field", "drop-lines", "garbage", "random-doc"]))
    if choice == "replace-field":
        field = data.draw(st.sampled_from(FIELDS))
        value = json.dumps(data.draw(yaml_values), ensure_ascii=False)
        text = (
            GOOD.replace(f"    {field}:", f"    {field}: {value}\n    x_{field}:", 1)
            if f"    {field}:" in GOOD
            else GOOD
        )
    elif choice == "drop-lines":
        start = data.draw(st.integers(0, len(lines) - 1))
        text = "".join(lines[:start] + lines[start + data.draw(st.integers(1, 5)) :])
    elif choice == "garbage":
        cut = data.draw(st.integers(0, len(GOOD)))
        text = GOOD[:cut] + data.draw(st.text(max_size=30)) + GOOD[cut:]
    else:
        text = json.dumps(data.draw(yaml_values), ensure_ascii=False)
    bank, problems = load_bank(write(tmp_path, text), "bank.yaml")
    if bank is not None:
        problems += check_banks([bank], speech)
    for problem in problems:
        assert str(problem).startswith("bank.yaml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path, raw):
    path = tmp_path / "banks" / "raw.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    bank, problems = load_bank(path, "raw.yaml")
    assert bank is not None or problems


def test_huge_files_are_refused_politely(tmp_path):
    path = tmp_path / "banks" / "huge.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"# " + b"x" * (21 * 1024 * 1024))
    bank, problems = load_bank(path, "huge.yaml")
    assert bank is None and "文件过大" in str(problems[0])


def test_json_bank_reads_back(tmp_path, speech):
    import json

    bank, _ = load_bank(write(tmp_path, GOOD), "bank.yaml")
    out = tmp_path / "bank.json"
    out.write_text(json.dumps({"version": 1, "questions": [q.canonical() for q in bank.questions]}, ensure_ascii=False))
    again, problems = load_bank(out, "bank.json")
    assert problems == []
    assert [q.canonical() for q in again.questions] == [q.canonical() for q in bank.questions]


def test_a_named_speech_file_is_the_one_checked_against(tmp_path, root):
    from quizgen.project import open_project

    speech = tmp_path / "other-speech.txt"
    speech.write_text(
        "标题\n\n同志们：\n开场白只有这一句。\n一、一个部分\n一段正文。\n同志们，结束。\n", encoding="utf-8"
    )
    bank = write(tmp_path, GOOD)
    project = open_project(tmp_path, [bank.parent], speech)
    assert project.speech.path == speech
    assert any("不存在" in p.message for p in project.problems)  # GOOD cites anchors of the real speech
