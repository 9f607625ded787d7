"""``quizgen paper SPEC``: papers with answer keys (plain text, Word, JSON), variants A/B, drawn from the banks.

spec.py reads and validates the YAML spec, draw.py draws the questions and shuffles their options,
text.py and word.py write the paper and the key (markdown.py the source of the course build's PDF); the JSON (paper and key in one) is written here.
All files of a run are written to temporary files beside their targets and moved into place only when every
one of them is complete, so a failed run leaves nothing half-written; none may overwrite an input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from ..output import write_files
from ..problems import InputError, display_path, write_failed
from ..selection import split_list
from ..source import Speech
from .draw import Paper, draw
from .spec import PaperSpec, check_feasible, read_spec

FORMATS = ("txt", "docx", "json")


def paper_json(paper: Paper) -> str:
    """The paper and its key: the canonical question shape plus number and points."""
    from ..model import canonical

    spec = paper.spec
    doc = {
        "version": 1,
        "paper": {
            "title": spec.title,
            "subtitle": spec.subtitle,
            "variant": paper.variant,
            "seed": paper.seed,
            "minutes": spec.minutes,
            "instructions": spec.instructions,
            "total_points": paper.total_points,
        },
        "sections": [
            {
                "type": section.type,
                "title": section.title,
                "heading": section.heading,
                "points": section.points,
                "questions": [
                    {"number": pq.number, "points": pq.points, **canonical(pq.question)} for pq in section.questions
                ],
            }
            for section in paper.sections
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def outputs(paper: Paper, wanted: tuple[str, ...], speech: Speech | None = None) -> dict[str, Callable[[], bytes]]:
    """File name → a function producing its bytes, for the formats wanted; ``speech`` names the keys' sources."""
    from .text import key_text, paper_text

    base = f"{paper.spec.name}-{paper.variant}"
    files: dict[str, Callable[[], bytes]] = {}
    if "txt" in wanted:
        files[f"{base}.txt"] = lambda: paper_text(paper).encode("utf-8")
        files[f"{base}-key.txt"] = lambda: key_text(paper, speech).encode("utf-8")
    if "docx" in wanted:
        from .word import answer_sheet_docx, key_docx, paper_docx

        files[f"{base}.docx"] = lambda: paper_docx(paper)
        files[f"{base}-answer-sheet.docx"] = lambda: answer_sheet_docx(paper)
        files[f"{base}-key.docx"] = lambda: key_docx(paper, speech)
    if "json" in wanted:
        files[f"{base}.json"] = lambda: paper_json(paper).encode("utf-8")
    return files


def write_all(outdir: Path, files: dict[str, Callable[[], bytes]], inputs: Iterable[Path] = ()) -> list[Path]:
    """Produce every file, then write them all into ``outdir`` (none over an input)."""
    return write_files(outdir, {name: produce() for name, produce in files.items()}, inputs)


def make_papers(spec_path: Path, root: Path | None = None) -> tuple[PaperSpec, list[Paper]]:
    """Read the spec, check it against the banks and draw every variant; raises InputError."""
    spec, papers, _, _ = _make_papers(spec_path, root)
    return spec, papers


def _make_papers(spec_path: Path, root: Path | None = None) -> tuple[PaperSpec, list[Paper], list[Path], Speech]:
    """The spec, its papers, the run's inputs (which no output may overwrite) and the speech they cite."""
    from ..output import project_inputs
    from ..project import open_project

    project = open_project(root)
    if project.errors:
        raise InputError(project.errors)
    spec = read_spec(spec_path, display_path(spec_path, project.root))
    check_feasible(spec, project.questions)
    inputs = project_inputs(project.root, spec_path, *(b.file for b in project.banks))
    return spec, draw(spec, project.questions), inputs, project.speech


def _formats(value: str) -> tuple[str, ...]:
    wanted = tuple(split_list(value))
    if not wanted or any(v not in FORMATS for v in wanted):
        raise argparse.ArgumentTypeError(f"格式应是 {','.join(FORMATS)} 中的一个或几个，用逗号分隔")
    return wanted


def cmd_paper(args: argparse.Namespace) -> int:
    spec_path = Path(args.spec)
    if not spec_path.is_file():
        print(f"quizgen: 找不到试卷配置 {spec_path}", file=sys.stderr)
        return 1
    spec, papers, inputs, speech = _make_papers(spec_path)
    if args.variant:
        papers = [p for p in papers if p.variant in args.variant]
        missing = sorted(set(args.variant) - {p.variant for p in papers})
        if missing:
            print(f"quizgen: 配置中没有卷别 {'、'.join(missing)}（有：{'、'.join(spec.variants)}）", file=sys.stderr)
            return 1
    outdir = Path(args.output) if args.output else Path("_build") / "papers" / spec.name
    files: dict[str, Callable[[], bytes]] = {}
    for paper in papers:
        files.update(outputs(paper, args.format, speech))
    try:
        written = write_all(outdir, files, inputs)
    except OSError as exc:
        return write_failed(outdir, exc)
    for paper in papers:
        print(f"{paper.title}：{len(paper.questions)} 题，{paper.total_points:g} 分（种子 {paper.seed}）")
    for path in written:
        print(f"  {path}")
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", metavar="SPEC", help="试卷配置文件（YAML），如 quizzes/papers/quiz-30min.yaml")
    p.add_argument("-o", "--output", metavar="DIR", help="输出文件夹（默认：_build/papers/<配置文件名>）")
    p.add_argument(
        "--format", type=_formats, default=FORMATS, metavar="txt,docx,json",
        help="输出哪些格式，逗号分隔（默认：全部）",
    )  # fmt: skip
    p.add_argument("--variant", action="append", metavar="A", help="只输出这一卷（可重复）；默认输出配置中的全部卷别")


COMMANDS = {"paper": (cmd_paper, configure, "按试卷配置抽题组卷：试卷与参考答案（Word、纯文本、JSON），可出 A/B 卷")}
