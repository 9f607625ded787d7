"""Course build benchmark (`make bench`): a second build of an unchanged course against the first.

The half-day course (quizzes/courses/new-cadres-half-day.yaml) is built in full (site, both handbooks, paper,
bundles) into a new temporary folder, then built again into the same folder with nothing changed. The ratio
second / first is the figure; goal ≤ 0.3×. A third figure, informative: `--only paper` with another draw of the
paper (its PDFs typeset, everything else kept).

Usage: python tests/bench/bench_course.py [--manifest FILE]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOAL_SECOND = 0.3


def build(manifest: Path, out: Path, *extra: str) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1577836800")}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "course", "build", str(manifest), "-o", str(out), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"course build failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "quizzes" / "courses" / "new-cadres-half-day.yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-course-") as tmp:
        out = Path(tmp) / "course"
        first = build(args.manifest, out)
        second = build(args.manifest, out)
        redraw = Path(tmp) / "redraw.yaml"
        text = args.manifest.read_text(encoding="utf-8")
        redraw.write_text(text.replace("seed: ", "seed: 1", 1), encoding="utf-8")
        paper = build(redraw, out, "--only", "paper")
    ratio = second / first
    mark = "✓" if ratio <= GOAL_SECOND else "✗"
    print(f"course build, {args.manifest.name}: first (cold) {first:.1f} s")
    print(f"  second build, nothing changed: {second:.1f} s = {ratio:.2f}× the first (goal ≤ {GOAL_SECOND}×) {mark}")
    print(f"  --only paper with another draw: {paper:.1f} s = {paper / first:.2f}× the first (informative)")
    return 0 if ratio <= GOAL_SECOND else 1


if __name__ == "__main__":
    sys.exit(main())
