"""``quizgen course``: courses that trainers assemble from the site's lessons (``quizzes/courses/*.yaml``).

manifest.py reads and checks a manifest, catalog.py knows the site's modules, lessons and pages, tree.py lays
out a course's source tree of links, sphinx_run.py runs one Sphinx build of it, build.py builds everything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..layout import QUIZZES
from ..problems import InputError, Problem, display_path, print_problems, write_failed
from ..selection import split_list

if TYPE_CHECKING:
    from ..project import Project
    from .catalog import Catalog
    from .manifest import Manifest

COURSES = Path(QUIZZES) / "courses"


def _context() -> tuple[Project, Catalog, dict[str, Path]]:
    """The project (banks checked), the site's catalog and where each lesson's bank is."""
    from ..project import open_project
    from .catalog import load_catalog

    project = open_project()
    if project.errors:
        raise InputError(project.errors)
    catalog = load_catalog(project.root / "docs")
    bank_files = {bank.id: project.root / bank.file for bank in project.banks}
    return project, catalog, bank_files


def _manifests(args: argparse.Namespace, root: Path) -> list[Path]:
    if args.manifests:
        return [Path(p) for p in args.manifests]
    return sorted((root / COURSES).glob("*.yaml"))


def _read_all(paths: list[Path], project: Project, catalog: Catalog) -> tuple[list[Manifest], list[Problem]]:
    from .manifest import read_manifest

    manifests: list[Manifest] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            manifests.append(read_manifest(path, catalog, project.questions, display_path(path, project.root)))
        except InputError as exc:
            problems.extend(exc.problems)
    ids: dict[str, str] = {}
    for m in manifests:
        if m.id in ids:
            problems.append(Problem(m.file, 1, "", f"课程 id {m.id} 与 {ids[m.id]} 重复"))
        ids.setdefault(m.id, m.file)
    return manifests, problems


def cmd_check(args: argparse.Namespace) -> int:
    project, catalog, _ = _context()
    paths = _manifests(args, project.root)
    if not paths:
        print(f"quizgen: {COURSES} 下没有课程清单", file=sys.stderr)
        return 1
    manifests, problems = _read_all(paths, project, catalog)
    print_problems(problems)
    if problems:
        print(f"课程清单检查未通过：{len(problems)} 个问题（{len(paths)} 个清单）", file=sys.stderr)
        return 1
    print(f"课程清单检查通过：{len(manifests)} 个清单")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from .manifest import summary

    project, catalog, _ = _context()
    manifests, problems = _read_all(_manifests(args, project.root), project, catalog)
    for m in manifests:
        print("\n".join(summary(m)))
        print()
    print_problems(problems)
    return 1 if problems else 0


def _parts(value: str) -> tuple[str, ...]:
    from .build import ALL_PARTS

    wanted = tuple(split_list(value))
    if not wanted or any(v not in ALL_PARTS for v in wanted):
        raise argparse.ArgumentTypeError(f"应是 {','.join(ALL_PARTS)} 中的一个或几个，用逗号分隔")
    return wanted


def cmd_build(args: argparse.Namespace) -> int:
    from .build import PARTS, BuildError, CourseBuild
    from .manifest import read_manifest
    from .processes import missing_pdf_tools

    path = Path(args.manifest)
    if not path.is_file():
        print(f"quizgen: 找不到课程清单 {path}", file=sys.stderr)
        return 1
    project, catalog, bank_files = _context()
    manifest = read_manifest(path, catalog, project.questions, display_path(path, project.root))
    parts = args.only or PARTS
    if args.scorm and "scorm" not in parts:
        parts = (*parts, "scorm")
    outdir = Path(args.output) if args.output else project.root / "_build" / "courses" / manifest.id
    build = CourseBuild(manifest, catalog, project.root, project.questions, bank_files)
    build.check_output(outdir)  # a refusal before anything is built
    if {"pdf", "paper", "bundle"} & set(parts) and missing_pdf_tools():
        print(
            f"quizgen: 生成 PDF 需要 {'、'.join(missing_pdf_tools())}（TeX Live 或 MiKTeX）："
            "Debian 上运行 bash .ci/system-deps pdf（或用 --only site 只生成网站，用 quizgen paper 只生成 Word 试卷）",
            file=sys.stderr,
        )
        return 1
    later = f"（另有课后自学 {len(manifest.homework.lessons)} 课）" if manifest.homework.lessons else ""
    print(f"{manifest.title}：{len(manifest.lessons)} 课{later} → {outdir}")
    try:
        result = build.run(outdir, parts, log=lambda s: print(f"  {s}", flush=True))
    except BuildError as exc:
        print(f"quizgen: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        return write_failed(outdir, exc)
    print(f"完成：{result.outdir}")
    if (result.outdir / "site" / "index.html").exists():
        print("  site/index.html（课程网站）")
    for name in result.files:
        print(f"  {name}")
    for note in result.notes:
        print(f"注意：{note}")
    print("用时：" + "，".join(f"{k} {v:.0f} 秒" for k, v in result.timings.items()))
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="course_command", metavar="COMMAND", required=True)
    build = sub.add_parser("build", help="生成一门课程：网站、学员手册和培训师用书 PDF、离线包、试卷与答案")
    build.add_argument("manifest", metavar="MANIFEST", help="课程清单，如 quizzes/courses/new-cadres-half-day.yaml")
    build.add_argument("-o", "--output", metavar="DIR", help="输出文件夹（默认：_build/courses/<课程 id>）")
    build.add_argument(
        "--only", type=_parts, metavar="site,pdf,bundle,paper,scorm",
        help="只重新生成其中几部分，逗号分隔，输出文件夹里的其他部分保持不变（默认 site,pdf,bundle,paper）",
    )  # fmt: skip
    build.add_argument("--scorm", action="store_true", help="另生成 SCORM 1.2 课程包，供学习平台（LMS）导入")
    build.set_defaults(course_handler=cmd_build)
    for name, handler, text in (
        ("list", cmd_list, "列出课程清单：对象、时长、各课及建议用时、试卷"),
        ("check", cmd_check, "检查课程清单（默认 quizzes/courses/ 下全部）"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument(
            "manifests", nargs="*", metavar="MANIFEST", help="课程清单（默认：quizzes/courses/*.yaml）"
        )
        command.set_defaults(course_handler=handler)


def cmd_course(args: argparse.Namespace) -> int:
    return args.course_handler(args)


COMMANDS = {"course": (cmd_course, configure, "定制课程：按课程清单生成只含所选课的网站、手册、离线包和试卷")}
