"""The print order of options: deterministic, per question, answer remapped, and balanced on every printed output."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from quizgen import present
from quizgen.export import wjx, xlsx
from quizgen.order import all_printed, printed, printed_keys

# No letter may hold more than this share of the single-choice keys a printed output shows.
MAX_SHARE = 0.40


def choice_questions(project):
    return [q for q in project.questions if q.type in ("single", "multiple")]


def right_texts(q) -> list[str]:
    return sorted(q.option(k).text for k in q.correct_keys)


def test_the_order_is_deterministic_and_idempotent(project) -> None:
    for q in choice_questions(project):
        once = printed(q)
        assert printed(q) == once
        assert printed(once) == once  # depends on the texts, not on their letters in the bank
        assert printed(q, "7:A") == printed(q, "7:A")


def test_printed_keys_are_the_printed_questions_keys(project) -> None:
    """The checker's shortcut (no copy of the question) gives the letters the printed question shows."""
    for q in project.questions:
        for seed in ("", "7:A"):
            assert printed_keys(q, seed) == printed(q, seed).correct_keys, q.id


def test_the_answer_and_the_feedback_move_with_their_options(project) -> None:
    moved = 0
    for q in choice_questions(project):
        for seed in ("", "2020:A", "2020:B"):
            copy = printed(q, seed)
            assert [o.key for o in copy.options] == [o.key for o in q.options]  # relabelled A, B, C …
            assert sorted(o.text for o in copy.options) == sorted(o.text for o in q.options)
            assert right_texts(copy) == right_texts(q)
            assert copy.correct_keys == sorted(copy.correct_keys)
            feedback = {o.text: o.feedback for o in q.options}
            assert all(o.feedback == feedback[o.text] for o in copy.options)
            moved += [o.text for o in copy.options] != [o.text for o in q.options]
            assert present.answer_text(q) != present.answer_text(copy) or right_texts(copy) == right_texts(q)
    assert moved > len(choice_questions(project))


def test_a_seed_gives_another_order(project) -> None:
    questions = choice_questions(project)
    differ = sum(printed(q, "A").options != printed(q, "B").options for q in questions)
    assert differ > len(questions) // 2


def test_shuffle_false_and_other_types_keep_the_bank(project) -> None:
    fixed = [q for q in project.questions if not q.shuffle and q.type in ("single", "multiple")]
    assert fixed, "the banks hold questions whose option order matters"
    for q in fixed:
        assert printed(q, "any").options == q.options and printed(q).answer == q.answer
    forced = choice_questions(project)[0].model_copy(update={"shuffle": False})
    assert printed(forced) == forced
    for q in project.questions:
        if q.type not in ("single", "multiple"):
            assert printed(q) == q


def test_the_bank_itself_is_left_alone(project) -> None:
    q = next(q for q in choice_questions(project) if q.shuffle)
    before = q.model_copy(deep=True)
    all_printed([q], "x")
    assert q == before


def shares(letters: list[str]) -> dict[str, float]:
    counts = Counter(letters)
    return {k: n / len(letters) for k, n in counts.items()}


def assert_balanced(letters: list[str], where: str) -> None:
    assert len(letters) >= 50, f"{where}: too few single-choice keys found ({len(letters)})"
    worst = max(shares(letters).items(), key=lambda item: item[1])
    assert worst[1] <= MAX_SHARE, f"{where}: {worst[0]} holds {worst[1]:.0%} of the single-choice keys"


def test_wjx_keys_are_balanced(project) -> None:
    text = wjx.render(project.questions).data.decode("utf-8")
    letters = [m.group(1) for m in re.finditer(r"\[单选题\]\n(?:[A-H]\. .*\n)+答案：([A-H])\n", text)]
    assert len(letters) == sum(q.type == "single" for q in project.questions)
    assert_balanced(letters, "wjx")


def test_xlsx_keys_are_balanced_and_name_the_right_options(project) -> None:
    sheet = load_workbook(io.BytesIO(xlsx.render(project.questions).data))["题库"]
    rows = list(sheet.iter_rows(values_only=True))
    column = {name: i for i, name in enumerate(rows[0])}
    by_id = {q.id: q for q in project.questions}
    letters = []
    for row in rows[1:]:
        q = by_id[row[column["编号"]]]
        if q.type in ("single", "multiple"):
            keys = row[column["答案"]]
            assert sorted(row[column[f"选项{k}"]] for k in keys) == right_texts(q)
        if q.type == "single":
            letters.append(row[column["答案"]])
    assert_balanced(letters, "xlsx")


def printed_answer_letters(text: str) -> list[str]:
    """The letters of every single-letter 答案 line: single-choice keys (multiple-choice keys have two or more)."""
    return re.findall(r"答案：([A-H])(?![A-H])", text)


def test_text_build_keys_are_balanced(text_site: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(text_site.rglob("*.txt")))
    assert_balanced(printed_answer_letters(text), "text build")


@pytest.mark.slow
def test_latex_keys_are_balanced_in_both_editions(tmp_path: Path, root: Path) -> None:
    for tags in ((), ("-t", "trainer")):
        out = tmp_path / ("trainer" if tags else "learner")
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "latex",
            "-c",
            str(root),
            "-q",
            *tags,
            str(root / "docs"),
            str(out),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        result = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env)
        assert result.returncode == 0, result.stderr
        tex = "\n".join(p.read_text(encoding="utf-8") for p in out.glob("*.tex"))
        assert_balanced(printed_answer_letters(tex), f"LaTeX {tags}")


def test_html_pages_print_the_order(html_site: Path, project) -> None:
    """The markup before any script runs: each question's options in print order, its data keyed to them."""
    from html import unescape

    seen = 0
    for page in sorted((html_site / "modules").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for qid, block in re.findall(r'<li class="qz-q"[^>]* data-qid="([^"]+)"(.*?)</li>', html, flags=re.S):
            q = project.question(qid)
            if q.type not in ("single", "multiple"):
                continue
            texts = [unescape(t) for t in re.findall(r'<span class="qz-text">([^<]*)</span>', block)]
            assert texts == [o.text for o in printed(q).options], qid
            seen += 1
    assert seen > 100
