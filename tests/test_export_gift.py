"""GIFT export: escaping, categories, multi-blank fill-ins as numbered short answers, every answer checked by
gift-pegjs."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from export_samples import tricky_bank

from quizgen.export import gift
from quizgen.model import Question

JS = Path(__file__).resolve().parent / "js"


def parse_with_gift_pegjs(path: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is needed for the GIFT test (apt-get install nodejs npm)"
    if not (JS / "node_modules" / "gift-pegjs").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=JS, check=True)
    result = subprocess.run([node, str(JS / "parse_gift.mjs"), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, f"gift-pegjs rejected the export:\n{result.stderr}"
    return json.loads(result.stdout)


def flat(text: str) -> str:
    return " ".join(text.split())


def text_of(part: dict | None) -> str:
    return flat(part["text"]) if part else ""


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a~b", r"a\~b"),
        ("a=b", r"a\=b"),
        ("a#b", r"a\#b"),
        ("{x}", r"\{x\}"),
        ("a:b", r"a\:b"),
        ("a\\b", r"a\\b"),
        ("一行\n两行", r"一行\n两行"),
        ("无特殊字符：全角冒号不转义", "无特殊字符：全角冒号不转义"),
        ("~=#{}:\\", r"\~\=\#\{\}\:\\"),
    ],
)
def test_escape(raw: str, escaped: str) -> None:
    assert gift.escape(raw) == escaped


def compare(parsed: dict, q: Question) -> None:
    """One parsed GIFT question against the bank question it came from."""
    assert parsed["title"] == q.id
    stem = gift.numbered_blanks(q.stem) if len(q.blanks) > 1 else q.stem
    assert flat(parsed["stem"]["text"]) == flat(stem)
    if q.type == "single":
        assert parsed["type"] == "MC"
        choices = parsed["choices"]
        assert [text_of(c["text"]) for c in choices] == [flat(o.text) for o in q.options]
        assert [c["isCorrect"] for c in choices] == [o.key in q.correct_keys for o in q.options]
        assert [text_of(c["feedback"]) for c in choices] == [flat(o.feedback) for o in q.options]
    elif q.type == "multiple":
        assert parsed["type"] == "MC"
        choices = parsed["choices"]
        assert [text_of(c["text"]) for c in choices] == [flat(o.text) for o in q.options]
        assert [c["weight"] > 0 for c in choices] == [o.key in q.correct_keys for o in q.options]
        assert sum(c["weight"] for c in choices if c["weight"] > 0) == pytest.approx(100, abs=0.01)
    elif q.type == "truefalse":
        assert parsed["type"] == "TF"
        assert parsed["isTrue"] is q.answer
    elif q.type == "fill":
        assert parsed["type"] == "Short"
        expected = ["*".join(flat(a) for a in combo) for combo in itertools.product(*q.blanks)]
        assert [text_of(c["text"]) for c in parsed["choices"]] == expected
        assert all(c["isCorrect"] for c in parsed["choices"])
    else:
        assert parsed["type"] == "Essay"
    general = text_of(parsed["globalFeedback"])
    assert flat(q.explanation) in general
    if q.type == "open":
        assert flat(str(q.answer).removeprefix("参考答案：")) in general


def check_against_parser(questions: list[Question], out: Path) -> list[dict]:
    rendered = gift.render(questions)
    out.write_bytes(rendered.data)
    parsed = parse_with_gift_pegjs(out)
    exported = [q for q in questions if not (len(q.blanks) > 1 and any("*" in a for b in q.blanks for a in b))]
    items = [p for p in parsed if p["type"] != "Category"]
    by_id = {q.id: q for q in exported}
    assert sorted(p["title"] for p in items) == sorted(by_id)
    for item in items:
        compare(item, by_id[item["title"]])
    return parsed


def test_every_answer_of_the_tricky_bank(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    parsed = check_against_parser(questions, tmp_path / "tricky.gift")
    assert [p["title"] for p in parsed if p["type"] == "Category"] == ["$course$/quizgen/m9"]


def test_every_answer_of_the_project_banks(tmp_path: Path, project) -> None:
    questions = project.questions
    parsed = check_against_parser(questions, tmp_path / "all.gift")
    categories = [p["title"] for p in parsed if p["type"] == "Category"]
    assert categories == [f"$course$/quizgen/{m}" for m in sorted({q.module for q in questions})]


def test_questions_follow_their_module_category(tmp_path: Path, project) -> None:
    parsed = check_against_parser(project.questions, tmp_path / "all.gift")
    modules = {q.id: q.module for q in project.questions}
    current = None
    for item in parsed:
        if item["type"] == "Category":
            current = item["title"].rsplit("/", 1)[1]
        else:
            assert modules[item["title"]] == current


def test_multi_blank_fill_is_a_numbered_short_answer(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    rendered = gift.render(questions)
    assert rendered.count == len(questions) and not rendered.warnings
    text = rendered.data.decode()
    assert "坚持（1）____的决心不减、（2）____的勇气不泄。（按顺序填写各空" in text
    assert "=猛药去疴*刮骨疗毒" in text


def test_multi_blank_fill_with_a_wildcard_in_an_answer_is_left_out(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    fill = next(q for q in questions if q.id == "t-fill2")
    star = fill.model_copy(update={"id": "star", "answer": [["猛药*去疴"], ["刮骨疗毒"]]})
    rendered = gift.render([star])
    assert rendered.count == 0 and [w.qid for w in rendered.warnings] == ["star"]
    assert rendered.warnings[0].level == "warning" and "star" not in rendered.data.decode()
