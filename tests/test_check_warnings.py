"""`quizgen check` warnings about whole banks: keys bunched on one letter, lessons short of applied or hard questions."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from quizgen.check import _at_least, _starts_with, bank_warnings, key_position_warnings
from quizgen.cli import main
from quizgen.load import load_bank

OPTIONS = "[重安排、轻落实, 重落实、轻安排, 重考核、轻部署, 重部署、轻考核]"


def single(n: int, shuffle: bool, kind: str = "recall", difficulty: int = 1) -> str:
    return f"""\
  - id: t-{n:03d}
    type: single
    difficulty: {difficulty}
    kind: {kind}
    stem: 第 {n} 题：讲话批评的“一岗双责”履行问题是：
    options: {OPTIONS}
    answer: A
    shuffle: {str(shuffle).lower()}
    explanation: 讲话指出一些干部只布置不落实。
    source: {{anchor: part1-p2-i1, quote: 重安排、轻落实}}
"""


def multiple(n: int, shuffle: bool) -> str:
    return f"""\
  - id: t-m{n:03d}
    type: multiple
    stem: 第 {n} 题：讲话要求做到的“同”有：
    options: [同部署, 同研究, 同奖惩, 同评比]
    answer: [A, B]
    shuffle: {str(shuffle).lower()}
    explanation: 解析。
    source: {{anchor: part2-p1, quote: 同部署、同研究、同落实、同检查、同考核}}
"""


def bank(tmp_path: Path, bank_id: str, items: list[str]) -> Path:
    path = tmp_path / "banks" / f"{bank_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"bank: {bank_id}\ntitle: 测试\nmodule: m9\nquestions:\n" + "".join(items), encoding="utf-8")
    return path


def warnings_of(path: Path) -> list[str]:
    loaded, problems = load_bank(path, path.name)
    assert not problems and loaded is not None
    found = bank_warnings([loaded])
    assert all(w.level == "warning" for w in found)
    return [str(w) for w in found]


def test_keys_written_on_one_letter_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = bank(tmp_path, "t-keys", [single(n, shuffle=False) for n in range(1, 11)])
    found = warnings_of(path)
    assert len(found) == 1
    assert found[0].startswith("t-keys.yaml:5: t-keys: 警告：10 道单选题中有 10 道的答案是 A")


def test_the_print_order_spreads_the_same_questions(tmp_path: Path) -> None:
    path = bank(tmp_path, "t-keys", [single(n, shuffle=True) for n in range(1, 11)])
    assert warnings_of(path) == []


def test_too_few_questions_say_nothing(tmp_path: Path) -> None:
    path = bank(tmp_path, "t-keys", [single(n, shuffle=False) for n in range(1, 6)])
    assert warnings_of(path) == []


def test_multiple_choice_keys_all_starting_ab(tmp_path: Path) -> None:
    path = bank(tmp_path, "t-multi", [multiple(n, shuffle=False) for n in range(1, 5)])
    found = warnings_of(path)
    assert len(found) == 1 and "全部 4 道多选题的答案都以 AB 开头" in found[0]
    assert warnings_of(bank(tmp_path, "t-multi", [multiple(n, shuffle=True) for n in range(1, 5)])) == []


def test_the_chance_of_a_skew() -> None:
    assert _at_least(5, [0.25] * 8) == pytest.approx(
        sum(math.comb(8, k) * 0.25**k * 0.75 ** (8 - k) for k in (5, 6, 7, 8))
    )
    assert _at_least(0, [0.3, 0.6]) == pytest.approx(1)
    assert _starts_with("AB", 4, 2) == pytest.approx(1 / 6)  # {A, B} of the six pairs
    assert _starts_with("B", 4, 2) == pytest.approx(2 / 6)  # A wrong and B right: {B, C} and {B, D}
    assert _starts_with("A", 4, 3) == pytest.approx(3 / 4)
    assert _starts_with("D", 3, 2) == 0


def test_lessons_short_of_applied_and_hard_questions(tmp_path: Path) -> None:
    recall = [single(n, shuffle=True) for n in range(1, 9)]
    found = warnings_of(bank(tmp_path, "m9-l1", recall))
    assert any("情境题（kind: application）只有 0/8 道，不到 25%；至少再加 2 道情境题" in w for w in found)
    assert any("难度 3 的题只有 0/8 道，不到 20%；至少再加 2 道难题" in w for w in found)
    mixed = [
        *(single(n, shuffle=True) for n in range(1, 6)),
        *(single(n, shuffle=True, kind="application", difficulty=3) for n in range(6, 8)),
        single(8, shuffle=True, kind="application"),
    ]
    assert warnings_of(bank(tmp_path, "m9-l2", mixed)) == []
    assert warnings_of(bank(tmp_path, "not-a-lesson", recall)) == []  # only lesson banks have a lesson's mix


def test_warnings_fail_only_with_strict(tmp_path: Path, root: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(root)
    path = bank(tmp_path, "t-keys", [single(n, shuffle=False) for n in range(1, 11)])
    assert main(["check", str(path)]) == 0
    assert "警告：10 道单选题中有 10 道的答案是 A" in capsys.readouterr().err
    assert main(["check", "--strict", str(path)]) == 1
    assert "检查未通过：0 个错误，1 个警告" in capsys.readouterr().err


def test_the_committed_banks_keep_their_keys_spread(project) -> None:
    found = [w for b in project.banks for w in key_position_warnings(b)]
    assert found == [], "\n".join(map(str, found))
