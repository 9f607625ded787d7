"""Course manifests: `quizgen course list/check`, the shipped manifests against the trainer guide, broken
manifests (every problem at once, FILE:LINE) and the module page filter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from course_helpers import HALF, ONE_DAY, ROOT, manifest_of

from quizgen.cli import main
from quizgen.course.catalog import minutes_of
from quizgen.course.manifest import read_manifest
from quizgen.course.sphinx_run import filter_module_page

pytest_plugins = ["conftest_course"]
BAD = Path(__file__).resolve().parent / "data" / "courses-bad"
GUIDE = ROOT / "docs" / "reference" / "trainer-guide.md"


def test_check_passes_on_the_shipped_courses(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["course", "check"]) == 0
    assert "课程清单检查通过：2 个清单" in capsys.readouterr().out


def test_list_shows_lessons_and_durations(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["course", "list"]) == 0
    out = capsys.readouterr().out
    assert "新任职工会干部廉政教育（半天）（new-cadres-half-day）" in out
    assert "工会干部年度廉政轮训（一天）（annual-training-one-day）" in out
    assert "时长：3小时55分钟；各课合计约 3小时20分钟" in out
    assert re.search(r"m3-l3\s+40分钟\s+模块三　第三课　治于未病", out)
    assert "试卷：新任职工会干部廉政教育测验，15 题，100 分，A、B 卷" in out


def _plan(title: str) -> tuple[str, list[list[str]]]:
    """A plan section of the trainer guide: its text and its table rows (cells)."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| 时间") and not line.startswith("| ---")
    ]
    return section, rows


@pytest.mark.parametrize(
    ("path", "plan"),
    [(HALF, "方案一：新任职工会干部廉政教育（半天）"), (ONE_DAY, "方案二：工会干部年度廉政轮训（一天）")],
    ids=["half-day", "one-day"],
)
def test_shipped_course_matches_the_trainer_guide(path, plan, catalog, project):
    m = manifest_of(path, catalog, project)
    section, rows = _plan(plan)
    assert plan.split("：", 1)[1] == m.title
    assert f"**{m.title}**" in GUIDE.read_text(encoding="utf-8")
    assert m.duration == sum(minutes_of(cells[1]) or 0 for cells in rows)  # the schedule, breaks and test included
    lessons: list[str] = []
    minutes = {cl.lesson.id: cl.minutes for cl in m.lessons}
    for cells in rows:
        content = cells[3]
        row_lessons = re.findall(r"\{ref\}`(m\d-l\d)`", content)
        lessons += row_lessons
        timed = dict(re.findall(r"\{ref\}`(m\d-l\d)`（(\d+)分钟）", content))
        for lesson, time in timed.items():
            assert minutes[lesson] == int(time), lesson
        if row_lessons and not timed:
            assert sum(minutes[lesson] for lesson in row_lessons) == minutes_of(cells[1]), cells
        for page in re.findall(r"\{doc\}`/([a-z/-]+)`", content):
            assert page in m.pages, page
    assert m.lesson_ids == lessons
    assert m.paper is not None
    if "客观题" in section:
        wanted = int(re.search(r"(\d+)道客观题", section).group(1))
        assert sum(s.count for s in m.paper.sections) == wanted
        assert "open" not in {s.type for s in m.paper.sections}
    test_row = next(cells for cells in rows if "测验" in cells[2])
    answering = re.search(r"(\d+)分钟作答", section)  # a short test: answering time, then the review
    assert m.paper.minutes == (int(answering.group(1)) if answering else minutes_of(test_row[1]))


# Each broken manifest: the (line, words) of every problem it must report, all at once.
BAD_CASES = {
    "unknown-lesson": [(7, "没有这一课：m3-l9"), (8, "没有这个模块：m7")],
    "too-many-questions": [(9, "单选题要 80 道，符合条件的只有")],
    "missing-field": [(1, "缺少必填字段 audience"), (1, "缺少必填字段 paper")],
    "wrong-types": [
        (1, "id 只能含小写字母"),
        (2, "title 应是文字（现在是数字）"),
        (3, "audience 应是文字（现在是列表）"),
        (4, "duration 应是正整数"),
        (5, "lessons 应是非空列表"),
        (6, "pages 应是页面列表"),
        (10, "count（题数）应是正整数"),
    ],
    "several-at-once": [
        (5, "未知字段 teacher"),
        (9, "同一模块的课要连续列出"),
        (10, "已在第 9 行列出"),
        (10, "minutes 应是正整数"),
        (11, "没有可加入的页面 practice/nowhere"),
        (15, "points（每题分值）应是正数"),
        (16, "type 应是 single"),
    ],
    "bad-homework": [
        (11, "没有这一课：m3-l9"),
        (12, "m1-l1 已在 lessons（第 6 行）列出"),
        (13, "没有这个模块：m7"),
        (14, "minutes 应是正整数"),
        (15, "homework 的 handout 应是 true 或 false"),
        (16, "未知字段 notes"),
    ],
    "homework-list": [
        (6, "m3-l2 已在 lessons（第 5 行）列出"),
        (6, "m3-l3 已在第 6 行列出"),
        (6, "每课应是课的编号"),
    ],
    "bad-yaml": [(4, "YAML 无法解析")],
    "non-utf8": [(2, "不是 UTF-8 编码")],
}


def test_every_bad_manifest_has_a_case():
    assert {p.stem for p in BAD.glob("*.yaml")} == set(BAD_CASES)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
@pytest.mark.parametrize("command", ["build", "check"])
def test_bad_manifest_is_refused_with_file_and_line(name, command, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(ROOT)
    path = BAD / f"{name}.yaml"
    out = tmp_path / "out"
    argv = ["course", "build", str(path), "-o", str(out)] if command == "build" else ["course", "check", str(path)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if not line.startswith("课程清单检查未通过")]
    display = f"tests/data/courses-bad/{name}.yaml"
    assert lines and all(re.match(rf"^{re.escape(display)}:\d+: \S", line) for line in lines), captured.err
    found = [(int(line.split(":")[1]), line) for line in lines]
    for line_no, words in BAD_CASES[name]:
        assert any(n == line_no and words in text for n, text in found), (line_no, words, captured.err)
    assert len(lines) == len(BAD_CASES[name]), captured.err
    assert "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == []  # no output folder, no temporary folder


def test_date_place_and_whole_modules(tmp_path, catalog, project):
    path = tmp_path / "course.yaml"
    path.write_text(
        "id: test-course\ntitle: 测试课程\naudience: 测试\ndate: 2020-04-15\nplace: XX会议室\nduration: 90\n"
        "description: >-\n  第一行，\n  第二行 and more\n"
        "lessons: [m4, {lesson: m1-l3, minutes: 12}]\npaper:\n  title: 测验\n  sections:\n    - {type: truefalse, count: 4, points: 25}\n",
        encoding="utf-8",
    )
    m = read_manifest(path, catalog, project.questions)
    assert (m.date, m.place, m.duration) == ("2020-04-15", "XX会议室", 90)
    assert m.description == "第一行，第二行 and more"  # folded lines join without spaces between Chinese
    assert m.lesson_ids == ["m4-l1", "m1-l3"]
    assert m.modules == ["m4", "m1"]
    assert [cl.minutes for cl in m.lessons] == [catalog.lessons["m4-l1"].minutes, 12]


def test_module_page_filter_keeps_only_the_chosen_lessons():
    text = (ROOT / "docs" / "modules" / "m3" / "index.md").read_text(encoding="utf-8")
    filtered = filter_module_page(text, ["l3", "l2"], "选学第三课、第二课。")
    toctree = filtered.split("```{toctree}", 1)[1].split("```", 1)[0]
    assert [line for line in toctree.splitlines() if line.strip() and not line.startswith(":")] == ["l3", "l2"]
    assert "<m3-l1>" not in filtered and "<m3-l4>" not in filtered
    assert "<m3-l2>" in filtered and "<m3-l3>" in filtered
    assert "选学第三课、第二课。" in filtered
    assert filtered.count("\n# ") + filtered.startswith("# ") == 1


def _course(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "course.yaml"
    path.write_text(
        "id: test-course\ntitle: 测试课程\naudience: 测试\nduration: 90\nlessons: [m1-l1, m3-l2]\n" + extra
        + "paper:\n  title: 测验\n  sections:\n    - {type: truefalse, count: 4, points: 25}\n",
        encoding="utf-8",
    )  # fmt: skip
    return path


def test_homework_is_on_the_site_but_not_in_the_handout_or_the_paper(tmp_path, catalog, project):
    from quizgen.course.manifest import course_pool

    m = read_manifest(_course(tmp_path, "homework: [m4, m3-l1]\n"), catalog, project.questions)
    assert m.lesson_ids == ["m1-l1", "m3-l2"] and m.homework_ids == ["m4-l1", "m3-l1"]
    assert m.modules == ["m1", "m3", "m4"]  # a module of homework alone comes after those taught
    assert m.docnames()[:6] == [
        "modules/m1/index", "modules/m3/index", "modules/m4/index",
        "modules/m1/l1", "modules/m3/l2", "modules/m3/l1",  # a module's homework after its taught lessons
    ]  # fmt: skip
    assert "modules/m4/l1" in m.docnames()
    assert [cl.lesson.id for cl in m.printed_lessons] == ["m1-l1", "m3-l2"]
    assert {q.lesson for q in course_pool(m, project.questions)} == {"m1-l1", "m3-l2"}
    m = read_manifest(
        _course(tmp_path, "homework: {lessons: [m4], handout: true, paper: true}\n"), catalog, project.questions
    )
    assert [cl.lesson.id for cl in m.printed_lessons] == ["m1-l1", "m3-l2", "m4-l1"]
    assert {q.lesson for q in course_pool(m, project.questions)} == {"m1-l1", "m3-l2", "m4-l1"}


def test_list_shows_the_homework(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["course", "list", str(HALF)]) == 0
    out = capsys.readouterr().out
    homework = out.split("课后自学：", 1)[1]
    assert re.search(r"m2-l5\s+35分钟\s+模块二　第五课", homework) and "m3-l1" in homework
    assert "m3-l1" not in out.split("课后自学：", 1)[0]


def test_module_page_marks_homework_and_drops_the_whole_module_figures():
    text = (ROOT / "docs" / "modules" / "m3" / "index.md").read_text(encoding="utf-8")
    filtered = filter_module_page(text, ["l2", "l1"], "讲授第二课；第一课课后自学。", {"l1": "第一课　时代主题"})
    toctree = filtered.split("```{toctree}", 1)[1].split("```", 1)[0]
    assert [line for line in toctree.splitlines() if line.strip() and not line.startswith(":")] == [
        "l2",
        "第一课　时代主题（课后自学） <l1>",
    ]
    assert "全模块建议用时" in text and "全模块建议用时" not in filtered
    assert "本模块分四课学习" not in filtered and "本次培训学习本模块的以下几课：" in filtered
    whole = filter_module_page(text, ["l1", "l2", "l3", "l4"], "")
    assert "全模块建议用时" in whole and "本模块分四课学习" in whole  # true of a course that has them all


def test_final_test_is_sized_to_the_taught_lessons():
    from quizgen.course.wording import final_test_size

    assert final_test_size(13, 13) == (50, 40)
    assert final_test_size(7, 13) == (25, 20)
    assert final_test_size(1, 13) == (10, 10)
    sizes = [final_test_size(n, 13) for n in range(1, 14)]
    assert sizes == sorted(sizes) and all(count >= n for n, (count, _) in enumerate(sizes, 1))


def test_a_wording_no_longer_on_its_page_is_reported():
    from quizgen.course.sphinx_run import replace_wording

    text = "# 导学\n\n## 学什么：四个模块\n\n表格\n\n全部课程约7小时。\n\n## 怎么学\n\n文字\n"
    new, found = replace_wording(text, "## 学什么：四个模块", "## 学什么：本次培训\n\n两课。\n")
    assert found and new == "# 导学\n\n## 学什么：本次培训\n\n两课。\n\n## 怎么学\n\n文字\n"
    assert replace_wording(text, "约7小时", "约1小时") == (text.replace("约7小时", "约1小时"), True)
    assert replace_wording(text, "50 道题", "25 道题") == (text, False)


@pytest.mark.parametrize(
    "extra",
    ["", "pages: [guide/intro, guide/how-to-study, practice/final-test, practice/mock-exam]\n"],
    ids=["few", "all"],
)
def test_every_course_wording_is_on_its_page(extra, tmp_path, catalog, project):
    """What a course build replaces on the main site's pages is there to replace (else the build fails), and the
    pages it names are the course's own."""
    from quizgen.course.sphinx_run import replace_wording
    from quizgen.course.wording import course_wording

    m = read_manifest(_course(tmp_path, "homework: [m4]\npages: [guide/intro]\n" if not extra else extra), catalog,
                      project.questions)  # fmt: skip
    wording = course_wording(m, catalog)
    assert set(wording) <= set(m.docnames()) and "guide/intro" in wording
    for docname, items in wording.items():
        text = (ROOT / "docs" / f"{docname}.md").read_text(encoding="utf-8")
        for old, new in items:
            text, found = replace_wording(text, old, new)
            assert found, (docname, old)
        assert "全部模块" not in text and "约7小时" not in text, docname
