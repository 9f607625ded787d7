"""``quizgen export --format FORMAT -o FILE``: the checked banks in one of the export formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..cli_parser import path_text
from ..output import guard_file, project_inputs, write_file
from ..problems import display_path, print_problems, write_failed
from ..selection import Selection, split_list
from . import Format, Rendered, formats

if TYPE_CHECKING:
    from ..project import Project


def cmd_export(args: argparse.Namespace) -> int:
    from ..project import open_project

    fmt = formats()[args.format]
    if args.output == "-" and sys.stdout is None:  # started with standard output closed (``>&-``)
        print("quizgen: 标准输出已关闭，无法输出；请用 -o 指定文件", file=sys.stderr)
        return 1
    if args.output == "-" and fmt.binary:
        print(f"quizgen: {fmt.name} 是二进制格式，不能输出到标准输出，请用 -o 指定文件", file=sys.stderr)
        return 1
    if args.paper and (
        args.paths or args.module or args.bank or args.tag or args.type or args.no_generated or args.no_exam
    ):
        print(
            "quizgen: --paper 导出试卷上的题，不能再加题库路径或 --module、--bank、--tag、--type、--no-generated、--no-exam",
            file=sys.stderr,
        )
        return 1
    if args.paper and not fmt.paper:
        print(f"quizgen: {fmt.name} 格式不能导出试卷；试卷本身的 JSON 已由 quizgen paper 写出", file=sys.stderr)
        return 1
    project = open_project(paths=[Path(p) for p in args.paths] or None)
    inputs = project_inputs(project.root, *args.paths, *(b.file for b in project.banks), *filter(None, [args.paper]))
    if args.output != "-":
        guard_file(Path(args.output), inputs)  # before the work, so a refusal is immediate
    if project.errors:
        print_problems(project.errors)
        print(f"导出中止：题库有 {len(project.errors)} 个错误，请先用 quizgen check 修正", file=sys.stderr)
        return 1
    if args.paper:
        return _export_paper(args, fmt, project, inputs)
    selection = Selection(
        banks=split_list(args.bank),
        modules=split_list(args.module),
        tags=split_list(args.tag),
        types=split_list(args.type),
        generated=not args.no_generated,
        exam=not args.no_exam,
    )
    questions, _ = selection.pick(project.questions)
    if not questions:
        print("quizgen: 没有符合条件的题目，未写出文件", file=sys.stderr)
        return 1
    return _write(args, fmt, fmt.render(questions, speech=project.speech), inputs)


def _export_paper(args: argparse.Namespace, fmt: Format, project: Project, inputs: list[Path]) -> int:
    from .paper_input import read_paper

    path = Path(args.paper)
    questions, paper = read_paper(path, display_path(path), {q.id: q for q in project.questions})
    return _write(args, fmt, fmt.render(questions, paper, project.speech), inputs)


def _write(args: argparse.Namespace, fmt: Format, rendered: Rendered, inputs: list[Path]) -> int:
    print_problems(rendered.warnings)
    if args.output == "-":
        sys.stdout.buffer.write(rendered.data)
        sys.stdout.flush()
    else:
        try:
            write_file(Path(args.output), rendered.data, inputs)
        except OSError as exc:
            return write_failed(args.output, exc)
        skipped = len(rendered.warnings)
        note = f"，跳过 {skipped} 道（见上方警告）" if skipped else ""
        print(f"已导出 {rendered.count} 道题到 {args.output}（{fmt.summary}）{note}", file=sys.stderr)
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    table = formats()
    p.add_argument("paths", nargs="*", type=path_text, help="题库文件或文件夹（默认：quizzes/ 下全部题库）")
    p.add_argument(
        "-f", "--format", required=True, choices=list(table),
        help="导出格式：" + "；".join(f"{f.name} = {f.summary}" for f in table.values()),
    )  # fmt: skip
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件；文本格式可用 - 表示标准输出")
    p.add_argument("--module", metavar="M1,M2", help="只导出这些模块的题（逗号分隔）")
    p.add_argument("--bank", metavar="BANK,...", help="只导出这些题库（课）的题，如 m1-l2")
    p.add_argument("--tag", metavar="TAG,...", help="只导出带有其中任一标签的题")
    p.add_argument("--type", metavar="TYPE,...", help="只导出这些题型：single、multiple、truefalse、fill、open")
    p.add_argument("--no-generated", action="store_true", help="不导出自动生成的题（generated: true）")
    p.add_argument("--no-exam", action="store_true", help="不导出考试题（pool: exam），例如导出给学员练习时")
    p.add_argument(
        "--paper", metavar="PAPER.json",
        help="导出 quizgen paper 抽好的试卷（如 paper/X-A.json）：题目、顺序、选项字母和分值与试卷相同（json 以外的格式）",
    )  # fmt: skip


COMMANDS = {
    "export": (cmd_export, configure, "把题库或抽好的试卷导出为 GIFT、Moodle XML、QTI、问卷星文本、Excel 或规范 JSON")
}
