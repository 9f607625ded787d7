"""quizgen results: a synthetic class of 40 → 成绩码 in a chat export → 成绩汇总.xlsx and 报告.html, checked against
an independent computation; damaged, foreign and repeated codes reported at their FILE:LINE."""

from __future__ import annotations

import math
import statistics

import pytest
from openpyxl import load_workbook
from results_class import code_of, make_class

from quizgen.cli import main
from quizgen.course.manifest import course_pool
from quizgen.results.analysis import is_right
from quizgen.scorm import release

MANIFEST = "quizzes/courses/new-cadres-half-day.yaml"
COURSE = "new-cadres-half-day"
FINAL = "practice/final-test#1"
LESSONS = ["modules/m1/l1#1", "modules/m1/l2#1"]


@pytest.fixture(scope="module")
def test_questions(project, root):
    lessons = {"m1-l1", "m1-l2", "m1-l3", "m3-l2", "m3-l3", "m3-l4", "m4-l1"}
    pool = [q for q in project.questions if q.lesson in lessons and q.type != "open"]
    return pool[::3][:50]


@pytest.fixture(scope="module")
def klass(test_questions):
    return make_class(test_questions)


@pytest.fixture(scope="module")
def chat(klass, root, tmp_path_factory):
    """A pasted WeChat chat: each learner's code inside a line of other text."""
    version = release(root)
    lines = []
    for i, learner in enumerate(klass):
        code = code_of(learner, COURSE, version, FINAL, LESSONS)
        lines.append(f"{learner.name} 14:0{i % 10}")
        lines.append(f"老师好，这是我的成绩码：{code} 请查收。" if i % 2 else code)
    path = tmp_path_factory.mktemp("chat") / "微信聊天记录.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["results", *args])
    return code, capsys.readouterr().err


def rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_generator_agrees_with_the_grader(klass, test_questions):
    by_id = {q.id: q for q in test_questions}
    from quizgen.order import printed

    for learner in klass:
        for qid, ok in learner.right.items():
            assert is_right(printed(by_id[qid]), learner.answers[qid]) is ok


def test_class_of_40(capsys, chat, klass, test_questions, tmp_path):
    before = chat.read_bytes()
    code, err = run(capsys, str(chat), "--course", MANIFEST, "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert chat.read_bytes() == before  # nothing read is changed
    book = load_workbook(tmp_path / "out" / "成绩汇总.xlsx")
    summary = rows(book["汇总"])
    head, body = summary[0], summary[1:]
    assert len(body) == 40
    score_col = next(i for i, h in enumerate(head) if "得分" in h)
    pass_col = next(i for i, h in enumerate(head) if h.startswith("通过"))
    by_name = {r[0]: r for r in body}
    for learner in klass:
        right = sum(learner.right.values())
        expected = math.floor(100 * right / len(learner.right) + 0.5)
        row = by_name[learner.name]
        assert row[1] == learner.unit
        assert row[score_col] == expected, learner.name
        assert row[pass_col] == ("是" if expected >= 80 else "否")
    assert {r[pass_col] for r in body} == {"是", "否"}  # the class spreads across the pass mark
    items = rows(book["题目分析"])
    ih = items[0]
    col = {name: ih.index(name) for name in ("编号", "难度 p", "点二列相关", "区分度 D")}
    found = {r[col["编号"]]: r for r in items[1:]}
    assert set(found) == {q.id for q in test_questions}
    for q in test_questions:
        marks = [float(learner.right[q.id]) for learner in klass]
        assert found[q.id][col["难度 p"]] == round(sum(marks) / 40, 3), q.id
        totals = [sum(learner.right.values()) for learner in klass]
        rest = [(t - m) / (len(test_questions) - 1) for t, m in zip(totals, marks, strict=True)]
        if len(set(marks)) > 1:
            assert found[q.id][col["点二列相关"]] == pytest.approx(round(statistics.correlation(marks, rest), 3))
        ranked = sorted(klass, key=lambda x: (-sum(x.right.values()), x.name, x.unit))
        d = (sum(x.right[q.id] for x in ranked[:11]) - sum(x.right[q.id] for x in ranked[-11:])) / 11
        assert found[q.id][col["区分度 D"]] == pytest.approx(round(d, 3))
    report = (tmp_path / "out" / "报告.html").read_text(encoding="utf-8")
    assert "<svg" in report and "http" not in report.replace('lang="zh-CN"', "")
    assert "40</b>名学员" in report


def test_damaged_foreign_and_repeated_codes(capsys, chat, klass, root, tmp_path):
    lines = chat.read_text(encoding="utf-8").splitlines()
    damaged = lines[1]
    middle = len(damaged) // 2
    lines[1] = damaged[:middle] + ("A" if damaged[middle] != "A" else "B") + damaged[middle + 1 :]
    lines[3] = lines[3][:-20]  # cut off: the checksum is lost
    lines.append(lines[5])  # the same code twice
    other = code_of(klass[0], "annual-training-one-day", release(root), FINAL, LESSONS)
    lines.append(f"转发：{other}")
    old = code_of(klass[1], COURSE, "0.9", FINAL, LESSONS)
    lines.append(old)
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run(capsys, str(path), "--course", MANIFEST, "-o", str(tmp_path / "out"))
    assert code == 1
    shown = str(path)
    assert f"{shown}:2: 成绩码无效，未计入：校验码不符" in err
    assert f"{shown}:4: 成绩码无效" in err
    assert f"{shown}:{len(lines) - 2}: 警告：" in err and "完全相同" in err
    assert f"{shown}:{len(lines) - 1}: " in err and "另一课程“annual-training-one-day”" in err
    assert f"{shown}:{len(lines)}: " in err and "第 0.9 版" in err
    summary = rows(load_workbook(tmp_path / "out" / "成绩汇总.xlsx")["汇总"])
    assert len(summary) - 1 == 38  # the two damaged codes are out, the repeated one counted once


def test_nothing_found_writes_nothing(capsys, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("大家好\n", encoding="utf-8")
    code, err = run(capsys, str(path), "-o", str(tmp_path / "out"))
    assert code == 1 and "没有找到成绩码" in err
    assert not (tmp_path / "out").exists()


def test_course_pool_of_the_manifest_holds_the_test(project, root, test_questions):
    from quizgen.course.catalog import load_catalog
    from quizgen.course.manifest import read_manifest

    manifest = read_manifest(root / MANIFEST, load_catalog(root / "docs"), project.questions)
    assert {q.id for q in test_questions} <= {q.id for q in course_pool(manifest, project.questions)}


def test_flags_negative_discrimination_and_unused_distractor(project):
    """Five learners: the best four miss a question the weakest answers right, and nobody picks its option D."""
    from quizgen.order import printed
    from quizgen.results.analysis import analyse
    from quizgen.results.code import QuizResult, Results
    from quizgen.results.course import CourseQuiz
    from quizgen.results.read import Learner

    singles = [q for q in project.questions if q.type == "single" and len(q.options) == 4][:5]
    odd = printed(singles[0])
    right, wrong = odd.correct_keys[0], next(o.key for o in odd.options if o.key not in odd.correct_keys)
    learners = []
    for i in range(5):  # learner 0 answers only the odd question right, learner i > 0 the first i + 1 others
        answers = {q.id: printed(q).correct_keys if 0 < i and n <= i else ["Z"] for n, q in enumerate(singles[1:])}
        answers[odd.id] = [right] if i == 0 else [wrong]
        record = Results("c", "1", f"学员{i}", "", "2026-12-07", [QuizResult("t#1", 0, 0, 1, None, answers)])
        learners.append(Learner(record, "f", i + 1, str(i)))
    test = analyse(CourseQuiz("t#1", "t", "测验", "test", True), learners, {q.id: q for q in singles})
    stats = next(s for s in test.items if s.question.id == odd.id)
    assert stats.p == 0.2 and stats.point_biserial < 0 and stats.d == -1.0
    unused = "".join(k for k in "ABCD" if k not in (right, wrong))
    assert stats.flags == ["区分度为负", f"干扰项无人选择：{unused}"]
    assert stats.options == {**dict.fromkeys("ABCD", 0), right: 1, wrong: 4, "": 0}
