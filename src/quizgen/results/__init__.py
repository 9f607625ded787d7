"""``quizgen results IN… [--course MANIFEST] -o DIR``: learners' 成绩码 → 成绩汇总.xlsx and 报告.html.

code.py is the 成绩码 format, read.py finds and checks codes in files, course.py knows the course's quizzes,
analysis.py grades answers and analyses items, workbook.py and report.py write the two files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..output import project_inputs, write_files
from ..problems import Problem, print_problems, write_failed

SUMMARY = "成绩汇总.xlsx"
REPORT = "报告.html"


def cmd_results(args: argparse.Namespace) -> int:
    from ..project import open_project
    from .analysis import analyse, passages
    from .course import course_info
    from .read import read_codes
    from .report import report
    from .workbook import workbook

    project = open_project()
    course = course_info(project, Path(args.course) if args.course else None)
    learners, problems = read_codes([Path(p) for p in args.inputs], course)
    print_problems(problems)
    errors = [p for p in problems if p.level == "error"]
    if not learners:
        print("quizgen: 没有可汇总的成绩，未写出文件", file=sys.stderr)
        return 1
    bank = {q.id: q for q in project.questions}
    tests = [analyse(quiz, learners, bank) for quiz in course.quizzes if quiz.is_test]
    tests = [t for t in tests if t.graded]
    missing = sorted({qid for t in tests for g in t.graded for qid in g.answers if qid not in bank})
    if missing:
        print_problems([Problem("", 0, "", f"题库中没有这些题（不计分）：{'、'.join(missing[:10])}", "warning")])
    anchors = {q.source.anchor for q in bank.values()} & set(project.speech.passages)
    # where a passage stands (第一部分第2段“二是”（四）) and how it begins
    texts = {a: f"{project.speech.describe(a)}：{project.speech[a].text}" for a in anchors}
    weak = passages(tests, bank)
    made = dt.date.today().isoformat()
    files = {
        SUMMARY: workbook(course, learners, tests, weak, texts),
        REPORT: report(course, learners, tests, weak, texts, made).encode("utf-8"),
    }
    inputs = project_inputs(project.root, *args.inputs)
    try:
        write_files(Path(args.output), files, inputs)
    except OSError as exc:
        return write_failed(args.output, exc)
    print(f"已汇总 {len(learners)} 名学员的成绩到 {args.output}：{SUMMARY}、{REPORT}", file=sys.stderr)
    if errors:
        print(f"有 {len(errors)} 条成绩码未计入（见上方），请核对后重新汇总", file=sys.stderr)
        return 1
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="IN", help="学员发来的成绩文件或粘贴了成绩码的文本文件（可多个）")
    p.add_argument("--course", metavar="MANIFEST", help="课程清单（默认：整个课程网站，课程 main）")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="输出文件夹：成绩汇总.xlsx 和 报告.html")


COMMANDS = {"results": (cmd_results, configure, "汇总学员的成绩码：成绩汇总表、题目分析和成绩报告")}
