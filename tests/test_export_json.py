"""The canonical JSON: exactly the documented shape, read back by quizgen, identical after a round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import tricky_bank

from quizgen.check import check_banks
from quizgen.export import json as json_export
from quizgen.load import load_bank

TOP_KEYS = ["version", "questions"]
QUESTION_KEYS = [
    "id",
    "type",
    "stem",
    "options",
    "answer",
    "explanation",
    "source",
    "module",
    "tags",
    "difficulty",
    "generated",
    "kind",
    "pool",
]


def round_trip(text: str, tmp_path: Path) -> str:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    bank, problems = load_bank(path)
    assert bank is not None and not problems, problems
    return json_export.dumps(bank.questions)


def test_shape_is_exactly_the_documented_one(project) -> None:
    doc = json.loads(json_export.dumps(project.questions))
    assert list(doc) == TOP_KEYS
    assert doc["version"] == 1
    assert len(doc["questions"]) == len(project.questions)
    for item in doc["questions"]:
        assert list(item) == QUESTION_KEYS
        assert all(list(o) == ["key", "text"] for o in item["options"])
        assert list(item["source"]) == ["anchor", "quote"]
        assert item["difficulty"] in (1, 2, 3)
        assert isinstance(item["generated"], bool)
        assert item["kind"] in ("recall", "application") and item["pool"] in ("learn", "exam")
        answer = item["answer"]
        if item["type"] == "single":
            assert isinstance(answer, list) and len(answer) == 1 and answer[0] in [o["key"] for o in item["options"]]
        elif item["type"] == "multiple":
            assert isinstance(answer, list) and len(answer) >= 2 and all(isinstance(a, str) for a in answer)
        elif item["type"] == "truefalse":
            assert isinstance(answer, bool)
        elif item["type"] == "fill":
            assert isinstance(answer, list) and all(isinstance(b, list) and b for b in answer)
        else:
            assert isinstance(answer, str) and answer


def test_round_trip_of_the_project_banks_is_identical(tmp_path: Path, project) -> None:
    first = json_export.dumps(project.questions)
    assert round_trip(first, tmp_path) == first


def test_round_trip_of_tricky_text_is_identical(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    first = json_export.dumps(questions)
    assert round_trip(first, tmp_path) == first


def test_read_back_json_passes_the_checker(tmp_path: Path, project, speech) -> None:
    path = tmp_path / "export.json"
    path.write_text(json_export.dumps(project.questions), encoding="utf-8")
    bank, problems = load_bank(path)
    assert not problems
    assert [p for p in check_banks([bank], speech) if p.level == "error"] == []


def test_answer_shapes(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    answers = {q["id"]: q["answer"] for q in json_export.document(questions)["questions"]}
    assert answers["t-single"] == ["A"]
    assert answers["t-multiple"] == ["A", "B", "D"]
    assert answers["t-truefalse"] is False
    assert answers["t-fill2"] == [["猛药去疴"], ["刮骨疗毒"]]
    assert answers["t-open"].startswith("参考答案：")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "JSON 无法解析"),
        ("{", "JSON 无法解析"),
        ("[]", '{"version": 1'),
        ('{"version": 2, "questions": []}', '{"version": 1'),
        ('{"version": 1}', '{"version": 1'),
        ('{"version": 1, "questions": [{"id": "x"}]}', "不合规范"),
        ('{"version": 1, "questions": [3]}', "不合规范"),
        ('{"version": 1, "questions": [{"id": "x", "type": "essay"}]}', "不合规范"),
    ],
)
def test_bad_json_is_reported_not_raised(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    _, problems = load_bank(path)
    assert problems and message in str(problems[0])


def test_non_utf8_json_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"version": 1, "questions": ["\xff"]}')
    _, problems = load_bank(path)
    assert "UTF-8" in str(problems[0])
