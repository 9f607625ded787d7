"""Damaged and hostile input: a clear message at FILE:LINE, every problem at once, a non-zero exit; never a
traceback, never a hang, and the input files byte-identical afterwards. One row per kind of damage found."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_project import make_project, run, snapshot

from quizgen.check import check_banks
from quizgen.load import load_bank
from quizgen.problems import Problem
from quizgen.reader import ID_RULE
from quizgen.yamlio import MAX_ALIAS_NODES, MAX_BYTES, MAX_CHECKED_CHARS, parse_yaml

BANK = "quizzes/banks/t-l1.yaml"  # written by the test, so that edits of the real banks never move its lines
BANK_TEXT = """bank: t-l1
title: 测试题库
module: m1
questions:
  - id: t-l1-001
    type: single
    difficulty: 1
    stem: 讲话开宗明义，说明这次会议进行专题部署的依据是（测试）：
    options:
      - 各级党委的决策部署
      - text: 上级工会的年度工作要点
        feedback: 上级工会的工作要点是业务安排。
      - 市总工会机关的年度考核办法
      - text: 纪检监察组提出的监督建议
        feedback: 纪检监察组负责监督。
    answer: A
    explanation: 讲话第一句就点明，会议“主要根据各级党委的决策部署”召开。
    source:
      anchor: intro
      quote: 主要根据各级党委的决策部署
    tags: [会议背景]
"""
PAPER = "quizzes/papers/quiz-30min.yaml"
COURSE = "quizzes/courses/new-cadres-half-day.yaml"
SPEECH = "quizzes/speech.txt"
NOTES = "quizzes/speech-notes.yaml"
EXCLUSIONS = "quizzes/coverage-exclusions.yaml"
PAPER_ARGS = ["paper", PAPER, "-o", "out"]


def laughs(indent: str, levels: int = 7) -> str:
    """YAML that names an anchor and refers to it ten times, level upon level: 10**levels nodes when expanded."""
    lines = [f"{indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels):
        lines.append(f"{indent}l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]")
    return "\n".join(lines)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# name: (file, text replaced, replacement, command, the problem's line relative to the replaced text's first line
# (None: any line), words of the message)
CASES: dict[str, tuple[str, str, str, list[str], int | None, str]] = {
    # numbers that cannot be converted, or are not numbers
    "integer-over-4300-digits": (BANK, "difficulty: 1", "difficulty: " + "9" * 5000, ["check"], 0, "数字过长"),
    "int-tag-on-text": (BANK, "difficulty: 1", "difficulty: !!int abc", ["check"], 0, "不是整数"),
    "float-tag-on-text": (BANK, "difficulty: 1", "difficulty: !!float abc", ["check"], 0, "不是数"),
    "bool-tag-on-maybe": (BANK, "difficulty: 1", "difficulty: !!bool maybe", ["check"], 0, "不是真假值"),
    "boolean-difficulty": (BANK, "difficulty: 1", "difficulty: true", ["check"], 0, "difficulty 应是 1、2 或 3"),
    "infinite-difficulty": (BANK, "difficulty: 1", "difficulty: .inf", ["check"], 0, "无穷大或非数"),
    "huge-float": (BANK, "difficulty: 1", "difficulty: 1e999", ["check"], 0, "无穷大或非数"),
    # dates: plain ones are text; impossible ones are never built
    "impossible-date": (BANK, "difficulty: 1", "difficulty: 2020-13-45", ["check"], 0, "difficulty 应是"),
    "timestamp-tag": (BANK, "difficulty: 1", "difficulty: !!timestamp 2020-13-45", ["check"], 0, "不支持的 YAML 标签 !!timestamp"),
    "python-tag": (BANK, "difficulty: 1", "difficulty: !!python/name:os.system", ["check"], 0, "不支持的 YAML 标签"),
    "manifest-impossible-date": (COURSE, "# date: 2020-04-15", "date: 2020-13-45", ["course", "check"], 0, "不是有效的日期"),
    # characters no export can write
    "surrogate-in-stem": (BANK, "stem: 讲话开宗明义", 'stem: "\\ud800"\n    x: 讲话开宗明义', ["check"], 0, "代理字符 U+D800"),
    "surrogate-in-title": (BANK, "title: 测试题库", 'title: "成绩\\udfff"', ["check"], 0, "代理字符 U+DFFF"),
    "line-separator": (BANK, "stem: 讲话开宗明义", "stem: 讲话\u2028开宗明义", ["check"], 0, "分行符 U+2028"),
    "speech-paragraph-separator": (SPEECH, "同志们：", "同志们：\u2029", ["check"], 0, "分行符 U+2029"),
    "control-character": (BANK, "stem: 讲话开宗明义", 'stem: "\\x01"\n    x: 讲话开宗明义', ["check"], 0, "控制字符 U+0001"),
    "surrogate-in-paper-title": (PAPER, "title: 党风廉政建设随堂测验", 'title: "测验\\ud83d"', PAPER_ARGS, 0, "代理字符"),
    "next-line-in-stem": (BANK, "stem: 讲话开宗明义", "stem: 讲话\x85开宗明义", ["check"], 0, "控制字符 U+0085"),
    "next-line-in-paper": (PAPER, "title: 党风廉政建设随堂测验", "title: 测验\x85", PAPER_ARGS, 0, "控制字符 U+0085"),
    # YAML versions ruamel.yaml cannot read (it failed an assertion)
    "yaml-1.3-directive": (BANK, "bank: t-l1\n", "%YAML 1.3\n---\nbank: t-l1\n", ["check"], 0, "不支持的 YAML 版本声明 %YAML 1.3"),
    "yaml-1.0-directive": (BANK, "bank: t-l1\n", "%YAML 1.0\n---\nbank: t-l1\n", ["check"], 0, "不支持的 YAML 版本声明 %YAML 1.0"),
    "yaml-2.0-directive-in-manifest": (COURSE, "id: new-cadres-half-day", "%YAML 2.0\n---\nid: new-cadres-half-day", ["course", "check"], 0, "%YAML 2.0"),
    # feedback that is not text vanished from every export
    "feedback-list": (BANK, "feedback: 上级工会的工作要点是业务安排。", "feedback: [x]", ["check"], -1, "选项 B 的 feedback 应是文字"),
    "feedback-number": (BANK, "feedback: 纪检监察组负责监督。", "feedback: 3", ["check"], -1, "选项 D 的 feedback 应是文字"),
    # ids
    "id-of-70000-characters": (BANK, "id: t-l1-001", "id: " + "a" * 70_000, ["check"], 0, "最长 64 个字符"),
    "empty-id": (BANK, "id: t-l1-001", "id: ''", ["check"], 0, "id 不能为空"),
    "id-with-zero-width-space": (BANK, "id: t-l1-001", "id: t-l1-0\u200b01", ["check"], 0, "不合规则"),
    "id-with-space": (BANK, "id: t-l1-001", "id: t l1 001", ["check"], 0, "不合规则"),
    "bank-id-with-slash": (BANK, "bank: t-l1", "bank: ../t-l1", ["check"], 0, "题库编号 bank"),
    # nesting and aliases
    "lists-nested-900-deep": (BANK, "tags: [会议背景]", "tags: " + nested(900), ["check"], 0, "嵌套过深"),
    "lists-nested-65-deep": (BANK, "tags: [会议背景]", "tags: " + nested(65), ["check"], 0, "嵌套过深"),
    "billion-laughs-in-tags": (BANK, "    tags: [会议背景]\n", laughs("    ") + "\n    tags: [会议背景]\n", ["check"], None, "别名（*）展开后"),
    "billion-laughs-top-level": (BANK, "module: m1\n", "module: m1\n" + laughs("") + "\n", ["check"], None, "别名（*）展开后"),
    "billion-laughs-in-manifest": (COURSE, "pages:", laughs("") + "\npages:", ["course", "check"], None, "别名（*）展开后"),
    "billion-laughs-in-paper": (PAPER, "seed: 2020", "seed: 2020\n" + laughs(""), PAPER_ARGS, None, "别名（*）展开后"),
    "alias-cycle": (BANK, "tags: [会议背景]", "tags: &c [*c]", ["check"], 0, "循环"),
    # the speech
    "speech-section-twice": (SPEECH, "（一）提高站位抓好引领", "（一）重复的一行。\n（一）提高站位抓好引领", ["check"], 1, "锚点 part2-s1 与第 13 行重复"),
    "speech-eleven-parts": (SPEECH, "同志们，下一步", "\n".join(f"第{i}部分" for i in range(9)) + "\n同志们，下一步", ["check"], None, "最多有 10 个部分"),
    "speech-control-character": (SPEECH, "同志们：", "同志们：\x07", ["check"], None, "控制字符 U+0007"),
    # paper specs and manifests
    "nan-total": (PAPER, "total: 100", "total: .nan", PAPER_ARGS, 0, "无穷大或非数"),
    "infinite-points": (PAPER, "{type: single, count: 10, points: 4}", "{type: single, count: 10, points: .inf}", PAPER_ARGS, 0, "无穷大或非数"),
    "nan-count": (PAPER, "{type: single, count: 10, points: 4}", "{type: single, count: .nan, points: 4}", PAPER_ARGS, 0, "无穷大或非数"),
    "nan-difficulty-mix": (PAPER, "total: 100", "total: 100\ndifficulty: {1: .NaN, 2: 1}", PAPER_ARGS, 1, "无穷大或非数"),
    "huge-difficulty-mix": (PAPER, "total: 100", "total: 100\ndifficulty: {1: 1e308, 2: 1e308}", PAPER_ARGS, 1, "难度 1 的比例"),
    "huge-points": (PAPER, "{type: single, count: 10, points: 4}", "{type: single, count: 10, points: 1e300}", PAPER_ARGS, 0, "points（每题分值）应是正数"),
    "long-variant-name": (PAPER, "variants: [A]", "variants: [" + "A" * 300 + "]", PAPER_ARGS, 0, "最长 32 个字符"),
    "manifest-infinite-points": (COURSE, "{type: single, count: 5, points: 8}", "{type: single, count: 5, points: .inf}", ["course", "check"], 0, "无穷大或非数"),
    "manifest-duration-400-digits": (COURSE, "duration: 3小时55分钟", "duration: " + "9" * 400 + "小时", ["course", "check"], 0, "duration 应是正整数"),
    "manifest-duration-400-digit-number": (COURSE, "duration: 3小时55分钟", "duration: " + "9" * 400, ["course", "check"], 0, "数字过长"),
    "manifest-duration-20000-digits": (COURSE, "duration: 3小时55分钟", "duration: '" + "9" * 20_000 + "'", ["course", "check"], 0, "duration 应是正整数"),
    "manifest-minutes-too-many": (COURSE, "  - m1-l1\n", "  - {lesson: m1-l1, minutes: 99999999}\n", ["course", "check"], None, "minutes 应是正整数"),
    "manifest-id-of-300-characters": (COURSE, "id: new-cadres-half-day", "id: " + "a" * 300, ["course", "check"], 0, "最长 64 个字符"),
    "manifest-paper-title-missing": (COURSE, "  title: 新任职工会干部廉政教育测验\n", "", ["course", "check"], 0, "缺少 title"),
    # files that were accepted, or checked nowhere
    "speech-note-not-in-speech": (NOTES, "quote: 严守纪律、严管队伍", "quote: 严守纪律、严管部队", ["check"], -2, "引文不在锚点 part3 的段落中"),
    "exclusion-not-in-speech": (EXCLUSIONS, "\n[]\n", "\n- {anchor: intro, sentence: 讲话里没有这句话。, reason: 测试}\n", ["coverage"], 1, "引文不在锚点 intro 的段落中"),
    "exclusion-under-wrong-anchor": (EXCLUSIONS, "\n[]\n", "\n- {anchor: closing, sentence: 我主要讲三点意见：, reason: 测试}\n", ["coverage"], 1, "引文不在锚点 closing 的段落中"),
    "exclusion-anchor-missing": (EXCLUSIONS, "\n[]\n", "\n- {anchor: part9, sentence: 我主要讲三点意见：, reason: 测试}\n", ["coverage"], 1, "锚点 part9"),
    "speech-note-empty-quote": (NOTES, "quote: 严守纪律、严管队伍，抓牢从严治会的新成效", "quote: ''", ["check"], -2, "引文"),
}  # fmt: skip


def test_the_undamaged_project_passes(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / BANK).write_text(BANK_TEXT, encoding="utf-8")
    for argv in (["check"], ["course", "check"], PAPER_ARGS):
        assert run(root, argv).code == 0


@pytest.mark.parametrize("name", list(CASES))
def test_damaged_input_is_reported_at_its_line(name: str, tmp_path: Path) -> None:
    file, old, new, argv, offset, words = CASES[name]
    root = make_project(tmp_path)
    (root / BANK).write_text(BANK_TEXT, encoding="utf-8")
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name}: the committed {file} changed; update the case"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    where = f"{file}:" if offset is None else f"{file}:{text[: text.index(old)].count(chr(10)) + 1 + offset}: "
    before = snapshot(root)
    result = run(root, argv)
    assert result.code == 1, result.err
    assert not result.unlocated(), result.err
    assert any(line.startswith(where) and words in line for line in result.problem_lines()), result.err
    assert snapshot(root) == before


def _special(kind: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "device":
            path.symlink_to("/dev/zero")
        elif kind == "loop":
            path.symlink_to(path.name)
        else:
            path.write_bytes(b"# " + b"x" * (MAX_BYTES + 1))

    return make


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "too-large"])
@pytest.mark.parametrize(
    ("file", "argv"),
    [("quizzes/banks/odd.yaml", ["check"]), ("quizzes/courses/odd.yaml", ["course", "check"])],
)
def test_files_that_are_not_regular_files_are_refused_at_line_1(tmp_path: Path, kind: str, file: str, argv) -> None:
    root = make_project(tmp_path)
    _special(kind)(root / file)
    before = snapshot(root)
    result = run(root, argv)
    assert result.code == 1 and not result.unlocated(), result.err
    assert any(line.startswith(f"{file}:1: ") for line in result.problem_lines()), result.err
    assert snapshot(root) == before


def test_a_speech_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / SPEECH).unlink()
    os.mkfifo(root / SPEECH)
    result = run(root, ["check"])
    assert result.code == 1
    assert result.problem_lines() == [f"{SPEECH}:1: 不是普通文件（是文件夹、管道或设备），无法作为输入读取"]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = 'a: !!int x\nb: "\\ud800"\nc: !!float y\nd: .nan\ne: !!timestamp 2020-01-01\n'
    _, problems = parse_yaml(text, "f.yaml")
    assert [p.line for p in problems] == [1, 2, 3, 4, 5]


def test_aliases_within_the_limit_still_work() -> None:
    doc, problems = parse_yaml("a: &x [1, 2]\nb: *x\nc: {<<: {k: v}, m: n}\n", "f.yaml")
    assert not problems and doc["b"] == [1, 2] and doc["c"]["k"] == "v"
    _, problems = parse_yaml(laughs("", 4), "f.yaml")  # some 12,000 nodes when expanded
    assert not problems and MAX_ALIAS_NODES > 12_345


def test_plain_dates_are_text() -> None:
    doc, problems = parse_yaml("a: 2020-04-15\nb: 2020-13-45\nc: 2020-04-15 10:00:00\n", "f.yaml")
    assert not problems and doc == {"a": "2020-04-15", "b": "2020-13-45", "c": "2020-04-15 10:00:00"}


def test_every_committed_id_satisfies_the_id_rule(project) -> None:
    assert project.questions
    assert all(ID_RULE.fullmatch(q.id) for q in project.questions)
    assert all(ID_RULE.fullmatch(bank.id) for bank in project.banks)


JSON_CASES = [
    ('{"version": 1, "questions": [{"id": "' + "9" * 5000 + '"}]}', 1, "不合规范"),
    ('{"version": 1, "questions": [1' + "0" * 5000 + "]}", 1, "数字过长"),
    ('{"version": 1, "questions": [NaN]}', 1, "无穷大或非数"),
    ('{"version": 1,\n "questions": [\n  -Infinity]}', 3, "无穷大或非数"),
    ('{"version": 1,\n "questions": [1' + "0" * 100 + "]}", 2, "数字过长"),
    ('{"version": 1,\n "questions": [{"id": "a\\ud800"}]}', 2, "代理字符"),
    ('{"version": 1, "questions": ' + "[" * 3000 + "]" * 3000 + "}", 1, "嵌套过深"),
    ('{"version": 1, "questions": ' + "[" * 100 + "]" * 100 + "}", 1, "嵌套过深"),
    ('{"version": 1,\n "questions": [\n  {"id": ""}]}', 2, "id 不能为空"),
    ('{"version": 1,\n "questions": [\n  {"id": "x", "difficulty": true}]}', 3, "不合规范"),
]


@pytest.mark.parametrize(("content", "line", "words"), JSON_CASES)
def test_a_damaged_json_bank_is_reported_at_its_line(tmp_path: Path, content: str, line: int, words: str) -> None:
    path = tmp_path / "bank.json"
    path.write_text(content, encoding="utf-8")
    _, problems = load_bank(path, "bank.json")
    assert problems and all(p.line >= 1 for p in problems)
    assert any(p.line == line and words in p.message for p in problems), problems


# --- citations ---------------------------------------------------------------------------------------------

S1 = "（一）提高站位抓好引领，巩固基础促进工作。"  # the start of part2-s1
S1_END = "使劳动精神、劳模精神、工匠精神成为广大职工共同的价值追求和自觉行动。"  # inside part2-s1-i2
S2 = "（二）围绕中心抓住重点，破解难题促进工作。"  # the start of part2-s2
ITEM1 = "一是突出政治引领"  # part2-s1-i1


def _bank(anchor: str, quote: str) -> str:
    quoted = quote.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return (
        "bank: t-l1\nmodule: m1\nquestions:\n  - id: t-001\n    type: truefalse\n    stem: 题干\n"
        f'    answer: true\n    explanation: 解析\n    source:\n      anchor: {anchor}\n      quote: "{quoted}"\n'
    )


CITATIONS = {
    "a fake quote": ("part2-s1", "讲话里没有这句话"),
    "a quote of part2-s1 cited as part2-s2": ("part2-s2", S1),
    "a quote of part2-s2 cited as part2-s1": ("part2-s1", S2),
    "a quote spanning two paragraphs": ("part2-s1", S1_END[-8:] + S2[:8]),
    "a quote spanning two paragraphs, line break kept": ("part2-s1", S1_END[-8:] + "\n" + S2[:8]),
    "one character different": ("part2-s1", S1.replace("站位", "站立")),
    "one character missing": ("part2-s1", S1.replace("站位", "站")),
    "a half-width comma": ("part2-s1", S1.replace("，", ",")),
    "half-width brackets": ("part2-s1", S1.replace("（", "(").replace("）", ")")),
    "a half-width full stop": ("part2-s1", S1.replace("。", ".")),
    "a space inside": ("part2-s1", S1.replace("引领", "引 领")),
    "an ideographic space inside": ("part2-s1", S1.replace("引领", "引\u3000领")),
    "a leading space": ("part2-s1", " " + S1),
    "a trailing space": ("part2-s1", S1 + " "),
    "a full-width letter": ("intro", "就市总工会２０２０年度党风廉政建设"),
    "a quote of item 1 cited as item 2": ("part2-s1-i2", ITEM1),
    "a quote beyond its item": ("part2-s1-i1", "做到“两个维护”。二是突出思想引领"),
    "a quote of the paragraph cited as its item": ("part2-s1-i1", S1),
    "an anchor that does not exist": ("part2-s9", S1),
    "an empty quote": ("part2-s1", ""),
    "a quote of spaces": ("part2-s1", "   "),
    "a decomposed character": ("intro", "这次会议，主要根据各级党委的决策部署".replace("这", "这\u0301")),
}


@pytest.mark.parametrize("case", list(CITATIONS))
def test_every_wrong_citation_is_reported_at_its_line(case: str, tmp_path: Path, speech) -> None:
    anchor, quote = CITATIONS[case]
    path = tmp_path / "t-l1.yaml"
    path.write_text(_bank(anchor, quote), encoding="utf-8")
    bank, problems = load_bank(path, "t-l1.yaml")
    assert bank is not None and not problems and len(bank.questions) == 1
    found = check_banks([bank], speech)
    assert len(found) == 1, found
    assert found[0].line == (10 if "anchor" in case else 11), found
    assert "锚点" in found[0].message or "引文" in found[0].message


@pytest.mark.parametrize(
    ("anchor", "quote"),
    [("part2-s1", S1), ("part2-s1-i2", S1_END), ("part2-s2", S2), ("part2-s1", ITEM1), ("part2-s1-i1", ITEM1)],
)
def test_right_citations_pass(anchor: str, quote: str, tmp_path: Path, speech) -> None:
    path = tmp_path / "t-l1.yaml"
    path.write_text(_bank(anchor, quote), encoding="utf-8")
    bank, problems = load_bank(path, "t-l1.yaml")
    assert bank is not None and not problems
    assert check_banks([bank], speech) == []


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("b: !!str y\n", 2, "少见的 YAML 写法"),
        ("c: &a [1]\nd: *a\n", 2, "少见的 YAML 写法"),
        ("e: [unclosed\n", 3, "YAML 无法解析"),
        ("k1: dup\n", 3, "少见的 YAML 写法"),  # the body's k1, line 3, repeats it
    ],
)
def test_large_files_must_keep_to_plain_yaml(extra: str, line: int, words: str) -> None:
    """The checked path is pure Python; on a large file it would take minutes, so the file is refused at the line."""
    body = "".join(f"k{i}: x\n" for i in range(1, MAX_CHECKED_CHARS // 8))
    _, problems = parse_yaml("k0: 0\n" + extra + body, "big.yaml")
    assert len(problems) == 1 and problems[0].line == line and words in problems[0].message, problems
    assert not parse_yaml("k0: 0\n" + body, "big.yaml")[1]


KINDS = {  # every kind of input file and a command that reads it
    "quizzes/banks/m1-l1.yaml": ["check"],
    "quizzes/facts.yaml": ["generate", "--check"],
    PAPER: PAPER_ARGS,
    COURSE: ["course", "check"],
    NOTES: ["check"],
    EXCLUSIONS: ["coverage"],
    SPEECH: ["check"],
}


@pytest.mark.parametrize("kind", ["fifo", "loop", "empty", "directory"])
@pytest.mark.parametrize("file", list(KINDS))
def test_every_input_kind_may_be_an_odd_file(tmp_path: Path, file: str, kind: str) -> None:
    root = make_project(tmp_path)
    path = root / file
    path.unlink()
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "directory":
        path.mkdir()
    else:
        _special(kind)(path)
    before = snapshot(root)
    result = run(root, KINDS[file])
    assert result.code in (0, 1), result.err
    assert not result.unlocated(), result.err
    assert snapshot(root) == before


def test_a_problem_is_one_line_whatever_it_quotes() -> None:
    assert str(Problem("f.yaml", 3, "q\n1", "引文：第一行\r\n第二行")) == "f.yaml:3: q\\n1: 引文：第一行\\r\\n第二行"
