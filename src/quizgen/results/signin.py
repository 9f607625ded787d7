"""``quizgen signin MANIFEST --names NAMES -o FILE.docx``: the course's 签到表 as a Word document.

The name list is a text file (UTF-8 or UTF-16, as Excel and WPS save it), one learner a line: the name, then the
unit after a tab, a comma (，or ,) or spaces; blank lines and lines starting with ``#`` are skipped. The sheet has
the course title, date, place and duration from the manifest, one row a learner (the header row repeats on
every page) and a few empty rows for those not on the list; a course of more than half a day gets a column for the
morning and one for the afternoon.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..problems import InputError, Problem, display_path, os_reason, print_problems, write_failed

EXTRA_ROWS = 5
HALF_DAY = 4 * 60  # minutes


def read_names(path: Path) -> list[tuple[str, str]]:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(shown, 0, "", f"无法读取：{os_reason(exc)}")]) from exc
    try:  # UTF-16 only with its byte-order mark (as Windows saves it): without one, any bytes would decode
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            [Problem(shown, 1, "", "名单不是 UTF-8 编码的文本（请用记事本或 WPS 另存为 UTF-8）")]
        ) from None
    names, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [*re.split(r"\t|，|,|\s+", line, maxsplit=1), ""]
        name, unit = parts[0].strip(), parts[1].strip()
        if len(name) > 30:
            problems.append(Problem(shown, number, "", f"姓名太长，可能分隔符不对：{name[:30]}…"))
        names.append((name, unit))
    if not names and not problems:
        problems.append(Problem(shown, 1, "", "名单是空的：每行写一名学员，姓名和单位之间用 Tab、逗号或空格分开"))
    if problems:
        raise InputError(problems)
    return names


def signin_docx(title: str, facts: list[str], names: list[tuple[str, str]], two_sessions: bool) -> bytes:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from ..paper.word import BODY_FONT, _new_document, _save, set_font

    document = _new_document(f"{title} 签到表")
    document.add_paragraph(f"{title}\n签到表", style="Title")
    line = document.add_paragraph("　　".join(facts))
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head = ["序号", "姓名", "单位", *(["上午签到", "下午签到"] if two_sessions else ["签到"]), "备注"]
    widths = [1.2, 2.8, 5.6, *([2.6, 2.6] if two_sessions else [4.6]), 1.6]  # 16.4 cm: A4 less the margins
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [(str(i), n, u) for i, (n, u) in enumerate(names, 1)]
    rows += [(str(len(names) + i), "", "") for i in range(1, EXTRA_ROWS + 1)]
    for values in [tuple(head), *rows]:
        cells = table.rows[0].cells if values is not None and values[0] == "序号" else table.add_row().cells
        for cell, value, width in zip(cells, [*values, *[""] * (len(head) - len(values))], widths, strict=True):
            cell.width = Cm(width)
            run = cell.paragraphs[0].add_run(value)
            set_font(run, BODY_FONT, 12 if values[0] != "序号" else 11, bold=values[0] == "序号" or None)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the table grid, which LibreOffice and WPS follow
    for row in table.rows:
        row.height = Cm(1.0)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)  # the header row on every page
    return _save(document)


def cmd_signin(args: argparse.Namespace) -> int:
    from ..course.catalog import load_catalog
    from ..course.manifest import read_manifest
    from ..output import project_inputs, write_file
    from ..project import open_project

    project = open_project()
    if project.errors:
        print_problems(project.errors)
        return 1
    path = Path(args.manifest)
    manifest = read_manifest(path, load_catalog(project.root / "docs"), project.questions, display_path(path))
    names = read_names(Path(args.names))
    facts = [
        f"日期：{manifest.date or '　' * 6}",
        f"地点：{manifest.place or '　' * 8}",
        f"时长：{manifest.duration_text}",
    ]
    data = signin_docx(manifest.title, facts, names, manifest.duration > HALF_DAY)
    try:
        write_file(Path(args.output), data, project_inputs(project.root, args.names, args.manifest))
    except OSError as exc:
        return write_failed(args.output, exc)
    print(f"已写出签到表 {args.output}：{len(names)} 名学员，另留 {EXTRA_ROWS} 行空白", file=sys.stderr)
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("manifest", metavar="MANIFEST", help="课程清单：标题、日期、地点、时长")
    p.add_argument(
        "--names", required=True, metavar="NAMES", help="名单文本文件：每行“姓名 单位”（Tab、逗号或空格分开）"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="输出的 Word 文件，如 签到表.docx")


COMMANDS = {"signin": (cmd_signin, configure, "按课程清单和名单生成签到表（Word）")}
