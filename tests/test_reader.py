"""One reader for the YAML inputs: the same mistake gives the same message in every kind of file."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.check import check_banks
from quizgen.course.catalog import load_catalog
from quizgen.course.manifest import read_manifest
from quizgen.coverage import load_exclusions
from quizgen.load import load_bank
from quizgen.notes import load_notes
from quizgen.paper.spec import read_spec
from quizgen.problems import InputError, Problem
from quizgen.project import Project
from quizgen.reader import Reader, kind_of
from quizgen.source import Speech

ROOT = Path(__file__).resolve().parent.parent
WRONG_QUOTE = "严守纪律、严管部队"  # the speech says 严管队伍
BANK = f"""bank: b
colour: red
questions:
  - id: b-1
    type: truefalse
    stem: 讲话要求严守纪律吗？
    answer: true
    explanation: 是的。
    source: {{anchor: part3, quote: {WRONG_QUOTE}}}
"""


def messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


def test_a_bad_citation_reads_the_same_in_banks_notes_and_exclusions(tmp_path: Path, speech: Speech) -> None:
    expected = speech.citation_problem("part3", WRONG_QUOTE)
    assert expected and expected.startswith("引文不在锚点 part3 的段落中")
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "b.yaml").write_text(BANK, encoding="utf-8")
    bank, _ = load_bank(tmp_path / "banks" / "b.yaml")
    assert bank is not None
    bank_messages = messages(check_banks([bank], speech))
    (tmp_path / "notes.yaml").write_text(
        f"- {{anchor: part3, kind: wording, quote: {WRONG_QUOTE}, note: 说明}}\n", encoding="utf-8"
    )
    _, note_problems = load_notes(tmp_path / "notes.yaml", speech)
    (tmp_path / "ex.yaml").write_text(f"- {{anchor: part3, sentence: {WRONG_QUOTE}, reason: 测试}}\n", encoding="utf-8")
    _, exclusion_problems = load_exclusions(tmp_path / "ex.yaml", "ex.yaml", speech)
    for found in (bank_messages, messages(note_problems), messages(exclusion_problems)):
        assert expected in found
    missing = speech.citation_problem("part9", WRONG_QUOTE)
    assert missing == "引用的锚点 part9 在讲话原文中不存在"
    assert speech.citation_problem("part3", " ").startswith("引文为空")
    assert speech.citation_problem("part3", "严守纪律、严管队伍") is None


def test_an_unknown_field_reads_the_same_in_banks_papers_and_courses(tmp_path: Path, project: Project) -> None:
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "b.yaml").write_text(BANK, encoding="utf-8")
    _, bank_problems = load_bank(tmp_path / "banks" / "b.yaml")
    (tmp_path / "spec.yaml").write_text(
        "title: T\ncolour: red\nsections:\n  - {type: single, count: 1, points: 1}\n", encoding="utf-8"
    )
    spec = read_spec(tmp_path / "spec.yaml")
    manifest = (ROOT / "quizzes/courses/new-cadres-half-day.yaml").read_text(encoding="utf-8")
    (tmp_path / "course.yaml").write_text("colour: red\n" + manifest, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_manifest(tmp_path / "course.yaml", load_catalog(ROOT / "docs"), project.questions)
    for problems in (bank_problems, spec.problems, info.value.problems):
        unknown = [m for m in messages(problems) if m.startswith("未知字段 colour（可用：")]
        assert len(unknown) == 1, messages(problems)


def test_the_reader_words_missing_and_wrong_fields() -> None:
    r = Reader("x.yaml")
    assert r.text({"title": 3}, "title") == ""
    assert r.text({}, "audience", required=True, what="学员") == ""
    assert r.text({"place": " 会议室 "}, "place") == "会议室"
    assert r.strings({"tags": ["a", 2]}, "tags") == []
    assert messages(r.problems) == [
        "title 应是文字（现在是数字）",
        "缺少必填字段 audience（学员）",
        "tags 应是文字列表",
    ]
    assert [kind_of(v) for v in (True, 1.5, "a", [], {}, None)] == ["真假值", "数字", "文字", "列表", "映射", "空值"]
