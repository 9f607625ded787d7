"""Build benchmark (`make bench`): how much the course's machinery costs on top of plain Sphinx + MyST.

1. Full HTML build of the site (cold) against a bare build of the same pages with the quizgen directives and roles
   removed (quiz, excerpt, speech-text, quiz-answers/-progress/-mistakes; {speech} links become their text), with the
   same theme and the other extensions (MyST, sphinx-design, graphviz) but without quizgen. Goal ≤ 1.3×. A second,
   informative ratio compares against a minimal conf (MyST alone, the default theme).
2. Incremental rebuild after editing one lesson against the cold build. Goal ≤ 0.3×.
3. PDF build time (learner edition: sphinx-build -b latex, then latexmk with xelatex).

Everything is built from a copy of the sources in a temporary directory; nothing is written into the project.
Usage: python tests/bench/bench_build.py [--repeat N] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUIZGEN_DIRECTIVES = {"quiz", "quiz-answers", "quiz-progress", "quiz-mistakes", "speech-text", "excerpt"}
GOAL_FULL = 1.3
GOAL_INCREMENTAL = 0.3

BARE_CONF = """
project = "工会党风廉政建设培训课程"
author = "课程编写组"
release = version = "1.0"
language = "zh_CN"
extensions = ["myst_parser", "sphinx_design", "sphinx.ext.graphviz"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline", "attrs_block", "substitution"]
myst_heading_anchors = 3
graphviz_output_format = "svg"
html_theme = "sphinx_book_theme"
html_search_language = "zh"
html_context = {"default_mode": "light"}
suppress_warnings = ["ref", "misc", "toc", "myst"]
"""

MINIMAL_CONF = """
project = "bench"
language = "zh_CN"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence"]
suppress_warnings = ["ref", "misc", "toc", "myst"]
"""


def env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1577836800"), "PYTHONHASHSEED": "0"}


def strip_quizgen(text: str) -> str:
    """The page without quizgen's directives (colon or backtick fences, nested ones too) and with {speech} as text."""
    out: list[str] = []
    closing: str | None = None
    for line in text.splitlines(keepends=True):
        if closing is not None:
            stripped = line.strip()
            if stripped and set(stripped) == {closing[0]} and len(stripped) >= len(closing):
                closing = None
            continue
        match = re.match(r"^(\s*)(:{3,}|`{3,})\{([a-z-]+)\}", line)
        if match and match.group(3) in QUIZGEN_DIRECTIVES:
            closing = match.group(2)
            continue
        out.append(line)
    stripped_text = "".join(out)
    stripped_text = re.sub(r"\{speech\}`([^`<]*?)\s*<[^`>]+>`", r"\1", stripped_text)
    return re.sub(r"\{speech\}`([^`]+)`", r"\1", stripped_text)


def snapshot(target: Path) -> Path:
    for name in ("docs", "quizzes"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "conf.py", target / "conf.py")
    return target


def bare_copy(target: Path, conf: str) -> Path:
    shutil.copytree(ROOT / "docs", target / "docs")
    for page in (target / "docs").rglob("*.md"):
        page.write_text(strip_quizgen(page.read_text(encoding="utf-8")), encoding="utf-8")
    (target / "conf.py").write_text(conf, encoding="utf-8")
    return target


class Timing(tuple):
    """(wall seconds, CPU seconds of sphinx-build and its workers); min() picks the fastest wall time."""

    @property
    def wall(self) -> float:
        return self[0]

    @property
    def cpu(self) -> float:
        return self[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sphinx(source: Path, out: Path, builder: str = "html", *extra: str) -> Timing:
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(source), "-j", "auto", "-q",
        "-d", str(out.parent / f"doctrees-{out.name}"), *extra, str(source / "docs"), str(out),
    ]  # fmt: skip
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, env=env())
    elapsed = Timing((time.perf_counter() - start, _children_cpu() - cpu))
    if result.returncode != 0:
        raise SystemExit(f"sphinx-build failed:\n{result.stderr[-3000:]}")
    return elapsed


def cold(source: Path, work: Path, name: str, repeat: int) -> tuple[Timing, Path]:
    times = []
    out = work / name / "html"
    for _ in range(repeat):
        shutil.rmtree(work / name, ignore_errors=True)
        out.parent.mkdir(parents=True)
        times.append(sphinx(source, out))
    return min(times), out


def incremental(source: Path, out: Path, repeat: int) -> Timing:
    lesson = sorted((source / "docs" / "modules").glob("m*/l*.md"))[0]
    times = []
    for run in range(repeat):
        with lesson.open("a", encoding="utf-8") as fh:
            fh.write(f"\n<!-- bench edit {run} -->\n")
        times.append(sphinx(source, out))
    return min(times)


def pdf_time(source: Path, work: Path) -> float:
    out = work / "latex" / "latex"
    out.parent.mkdir(parents=True)
    start = time.perf_counter()
    sphinx(source, out, "latex")
    command = ["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", "-interaction=nonstopmode", "-halt-on-error"]
    result = subprocess.run([*command, "handbook-learner.tex"], capture_output=True, text=True, env=env(), cwd=out)
    if result.returncode != 0:
        raise SystemExit(f"latexmk failed:\n{result.stdout[-3000:]}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build benchmark: full vs bare, incremental vs cold, PDF time.")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        full_src = snapshot(work / "full-src")
        bare_src = bare_copy(work / "bare-src", BARE_CONF)
        minimal_src = bare_copy(work / "minimal-src", MINIMAL_CONF)
        sphinx(full_src, work / "warm" / "html")  # warm the OS caches and Python's bytecode once, uncounted
        bare, _ = cold(bare_src, work, "bare", args.repeat)
        minimal, _ = cold(minimal_src, work, "minimal", args.repeat)
        full, out = cold(full_src, work, "full", args.repeat)
        inc = incremental(full_src, out, args.repeat)
        pdf = None if args.no_pdf else pdf_time(full_src, work)
    ratio_full, ratio_inc = full.wall / bare.wall, inc.wall / full.wall
    print(f"Build benchmark: HTML builds with -j auto on {os.cpu_count()} CPUs, fastest of {args.repeat} run(s);")
    print("wall-clock seconds, with the CPU seconds of sphinx-build and its workers in brackets")
    print(f"  full HTML build (cold)               {full.wall:7.2f} s [{full.cpu:6.2f}]")
    print(
        f"  bare Sphinx + MyST, same theme       {bare.wall:7.2f} s [{bare.cpu:6.2f}]   ratio {ratio_full:.2f}x"
        f" (CPU {full.cpu / bare.cpu:.2f}x)  goal <= {GOAL_FULL}x"
    )
    print(
        f"  minimal conf (MyST, default theme)   {minimal.wall:7.2f} s [{minimal.cpu:6.2f}]   ratio"
        f" {full.wall / minimal.wall:.2f}x (CPU {full.cpu / minimal.cpu:.2f}x)  informative"
    )
    print(
        f"  incremental after editing 1 lesson   {inc.wall:7.2f} s [{inc.cpu:6.2f}]   ratio {ratio_inc:.2f}x"
        f" (CPU {inc.cpu / full.cpu:.2f}x)  goal <= {GOAL_INCREMENTAL}x"
    )
    if pdf is not None:
        print(f"  PDF build (latex + xelatex, learner) {pdf:7.2f} s")
    verdicts = [("full/bare", ratio_full <= GOAL_FULL), ("incremental/cold", ratio_inc <= GOAL_INCREMENTAL)]
    print("  " + ", ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
