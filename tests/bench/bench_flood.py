"""Benchmark: `quizgen check` on a flood of errors, a bank of 500,000 empty questions (``- {}``), against a bare
parse of the same file with libyaml (PyYAML's CSafeLoader).

Each empty question has six problems; checking every one of them took about 0.5 ms a question (minutes for this
bank). The check stops after ``MAX_PROBLEMS`` problems with a count of what it left unchecked, so its report stays
short and its time close to the parse. Targets: a report of at most MAX_PROBLEMS + 5 lines, check ≤ 2 × the bare
parse. Run with `make bench` or `.venv/bin/python tests/bench/bench_flood.py [--questions N] [--repeat N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402
from bench_check import best  # noqa: E402

from quizgen.cli import main as quizgen  # noqa: E402
from quizgen.problems import MAX_PROBLEMS  # noqa: E402

MAX_RATIO = 2.0


def build(root: Path, count: int) -> Path:
    (root / "quizzes" / "banks").mkdir(parents=True)
    shutil.copy(ROOT / "quizzes" / "speech.txt", root / "quizzes" / "speech.txt")
    path = root / "quizzes" / "banks" / "flood.yaml"
    path.write_text("bank: flood\nquestions:\n" + "- {}\n" * count, encoding="utf-8")
    return path


def run_check(root: Path) -> list[str]:
    err = io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = quizgen(["check"])
    finally:
        os.chdir(cwd)
    assert code == 1, err.getvalue()[-2000:]
    return err.getvalue().splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; the best time counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        path = build(root, args.questions)
        text = path.read_text(encoding="utf-8")
        print(f"错误洪水：{args.questions} 道空题，{path.stat().st_size / 1e6:.1f} MB")
        parse_time = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), args.repeat)
        check_time = best(lambda: run_check(root), args.repeat)
        lines = len(run_check(root))
    ratio, cpu_ratio = check_time[0] / parse_time[0], check_time[1] / parse_time[1]
    print(f"直接解析（libyaml）：{parse_time[0]:.2f} s（CPU {parse_time[1]:.2f} s）")
    print(f"quizgen check：{check_time[0]:.2f} s（CPU {check_time[1]:.2f} s），报告 {lines} 行")
    print(f"比值：{ratio:.2f}×（CPU 时间之比 {cpu_ratio:.2f}×；目标 ≤ {MAX_RATIO:g}×，报告 ≤ {MAX_PROBLEMS + 5} 行）")
    ok = ratio <= MAX_RATIO and lines <= MAX_PROBLEMS + 5
    print("达标" if ok else "未达标")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
