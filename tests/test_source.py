"""The speech is committed verbatim and its anchors never change."""

from __future__ import annotations

import hashlib

import pytest

from quizgen.problems import InputError
from quizgen.source import Speech, parse, sentences

SPEECH_SHA256 = "4a85f97b4b01b273ea1dc7a6b65e28ad9de9f37c1036827312f798724eb865cd"


def test_speech_is_the_committed_original(root):
    assert hashlib.sha256((root / "quizzes" / "speech.txt").read_bytes()).hexdigest() == SPEECH_SHA256


def test_anchors_are_unchanged_from_the_recorded_list(root, speech: Speech):
    recorded = (root / "tests" / "data" / "anchors.txt").read_text(encoding="utf-8").split()
    assert list(speech.passages) == recorded
    assert len(set(recorded)) == len(recorded)


def test_every_non_empty_line_is_one_passage(speech: Speech):
    lines = [line for line in speech.text.splitlines() if line.strip()]
    assert [p.text for p in speech.lines_passages()] == lines


def test_items_are_verbatim_slices_of_their_line(speech: Speech):
    for passage in speech.passages.values():
        line = speech.lines[passage.line - 1]
        assert line[passage.start : passage.end] == passage.text, passage.anchor


def test_items_follow_the_speech_own_numbering(speech: Speech):
    assert speech["part1-p2-i4"].text.startswith("四是在工作作风改进上有差距")
    assert speech["part1-p2-i2-3"].text.startswith("（三）信息报送")
    assert speech["part2-s4-i3"].text.startswith("三是继续抓好职工驿站建设工作")
    assert speech["part3-s3-i2"].text.startswith("第二句话，要慎交朋友")
    assert speech["closing"].text.startswith("同志们，下一步")


def test_the_missing_numeral_of_part_three_is_flagged(speech: Speech):
    assert speech["part3"].flags == ("numeral-missing",)
    assert speech["part1"].flags == speech["part2"].flags == ()


def test_a_stray_marker_out_of_order_is_not_an_item():
    text = "标题\n\n同志们：\n开场。\n一、第一部分\n一是甲。三是乙。二是丙。\n"
    speech = parse(text)
    assert [p.anchor for p in speech.children("part1-p1")] == ["part1-p1-i1", "part1-p1-i2"]
    assert speech["part1-p1-i1"].text == "一是甲。三是乙。"


def test_sentences_cover_the_text_without_gaps():
    text = "第一句。第二句；第三句！没有句号"
    spans = sentences(text)
    assert "".join(text[s:e] for s, e in spans) == text
    assert len(spans) == 4


def test_every_anchor_has_a_readers_name(speech: Speech):
    names = {anchor: speech.describe(anchor) for anchor in speech.passages}
    assert names["part1-p2-i2-3"] == "第一部分第2段“二是”（三）"
    assert names["part3-s3-i1"] == "第三部分（三）“第一句”"
    assert names["closing"] == "结束语"
    body = [p.anchor for p in speech.lines_passages() if p.kind != "title"]
    assert len({names[a] for a in body}) == len(body)


def test_a_speech_that_is_not_utf8_is_a_problem_with_its_line(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_bytes("标题\n\n同志们：\n".encode() + b"\xff\n")
    with pytest.raises(InputError) as raised:
        Speech.from_file(path)
    assert [(p.line, "UTF-8" in p.message) for p in raised.value.problems] == [(4, True)]
