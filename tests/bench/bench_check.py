"""Benchmark: `quizgen check` on a synthetic bank of 10,000 questions against a bare YAML parse.

The bank is generated into a temporary folder from the speech's real anchors and verbatim quotes, so every
question passes the checker. The check runs in-process through the real command (`quizgen check`). The
baseline is a bare parse of the same files with the same parser: quizgen.yamlio parses documents in the
plain subset that banks use with libyaml (through PyYAML) and builds ruamel.yaml's round-trip containers
with line numbers from it, so the baseline is ``yaml.load(text, Loader=yaml.CSafeLoader)``.
``--ruamel`` also times ruamel.yaml's pure-Python round-trip parser, which quizgen falls back to for
anything outside that subset (and for every syntax error, so messages stay the same).
Targets: check ≤ 2 × the bare parse, and under 3 s. Run with `make bench` or
`.venv/bin/python tests/bench/bench_check.py [--questions N] [--repeat N] [--ruamel] [--profile]`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

from quizgen.cli import main as quizgen  # noqa: E402
from quizgen.source import Speech, sentences  # noqa: E402
from quizgen.yamlio import _yaml as ruamel_yaml  # noqa: E402

PER_FILE = 500
MAX_RATIO = 2.0
MAX_SECONDS = 3.0


def yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def citations(speech: Speech) -> list[tuple[str, str]]:
    """(anchor, quote) pairs: every sentence of every body passage and item."""
    pairs = []
    for passage in speech.passages.values():
        if passage.kind in ("paragraph", "section", "closing", "intro", "item", "subitem"):
            for start, end in sentences(passage.text):
                quote = passage.text[start:end].strip().rstrip("。！？；")
                if len(quote) >= 6:
                    pairs.append((passage.anchor, quote))
    return pairs


def question(n: int, anchor: str, quote: str) -> str:
    qid = f"bench-{n:05d}"
    kind = ("single", "multiple", "truefalse", "fill", "open")[n % 5]
    lines = [f"  - id: {qid}", f"    type: {kind}", f"    difficulty: {n % 3 + 1}"]
    if kind == "fill":
        word = quote[2:6]
        stem = f"第 {n} 题：" + quote.replace(word, "____", 1)
        lines += [f"    stem: {yaml_text(stem)}", f"    answer: [[{yaml_text(word)}]]"]
    else:
        lines.append(f"    stem: {yaml_text(f'第 {n} 题：讲话原文“{quote}”出自哪里？')}")
    if kind == "single":
        lines += [
            "    options:",
            "      - 选项甲",
            "      - text: 选项乙",
            "        feedback: 不对。",
            "      - 选项丙",
            "    answer: B",
        ]
    elif kind == "multiple":
        lines += ["    options: [选项甲, 选项乙, 选项丙, 选项丁]", "    answer: [A, C]"]
    elif kind == "truefalse":
        lines.append(f"    answer: {'true' if n % 2 else 'false'}")
    elif kind == "open":
        lines.append("    answer: 参考答案：结合讲话原文作答。")
    lines += [
        f"    explanation: {yaml_text('解析：' + quote)}",
        "    source:",
        f"      anchor: {anchor}",
        f"      quote: {yaml_text(quote)}",
        "    tags: [基准测试]",
    ]
    return "\n".join(lines)


def build(root: Path, count: int) -> list[Path]:
    (root / "quizzes" / "banks").mkdir(parents=True)
    shutil.copy(ROOT / "quizzes" / "speech.txt", root / "quizzes" / "speech.txt")
    speech = Speech.from_file(root / "quizzes" / "speech.txt")
    pairs = citations(speech)
    files = []
    for first in range(0, count, PER_FILE):
        number = first // PER_FILE + 1
        body = [f"bank: bench-{number:03d}", f"title: 基准测试 {number}", "module: m1", "questions:"]
        body += [question(n, *pairs[n % len(pairs)]) for n in range(first, min(first + PER_FILE, count))]
        path = root / "quizzes" / "banks" / f"bench-{number:03d}.yaml"
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        files.append(path)
    return files


def bare_parse(files: list[Path]) -> None:
    for path in files:
        assert yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def ruamel_parse(files: list[Path]) -> None:
    for path in files:
        assert ruamel_yaml().load(path.read_text(encoding="utf-8"))


def run_check(root: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = quizgen(["check"])
    finally:
        os.chdir(cwd)
    assert code == 0, err.getvalue()[-2000:]


def best(function, repeat: int) -> tuple[float, float]:
    """The best wall-clock time and the best CPU time of ``repeat`` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; the best time counts")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one check run")
    parser.add_argument("--ruamel", action="store_true", help="also time ruamel.yaml's pure-Python parser (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        files = build(root, args.questions)
        size = sum(p.stat().st_size for p in files)
        print(
            f"合成题库：{args.questions} 道题，{len(files)} 个文件，{size / 1e6:.1f} MB，{sum(1 for p in files for _ in p.open(encoding='utf-8'))} 行"
        )
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(run_check, root)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        parse_time = best(lambda: bare_parse(files), args.repeat)
        check_time = best(lambda: run_check(root), args.repeat)
        ruamel_time = best(lambda: ruamel_parse(files), 1) if args.ruamel else None
    ratio = check_time[0] / parse_time[0]
    cpu_ratio = check_time[1] / parse_time[1]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"（{os.cpu_count()} 核，1 分钟平均负载 {load:.1f}；各取 {args.repeat} 次中最好的一次）")
    print(f"直接解析（libyaml，PyYAML CSafeLoader）：{parse_time[0]:.2f} s（CPU {parse_time[1]:.2f} s）")
    if ruamel_time is not None:
        print(f"直接解析（ruamel.yaml 纯 Python 往返解析器）：{ruamel_time[0]:.2f} s（CPU {ruamel_time[1]:.2f} s）")
    print(f"quizgen check：{check_time[0]:.2f} s（CPU {check_time[1]:.2f} s）")
    print(f"比值：{ratio:.2f}×（CPU 时间之比 {cpu_ratio:.2f}×；目标 ≤ {MAX_RATIO:g}×，且 check < {MAX_SECONDS:g} s）")
    ok = ratio <= MAX_RATIO and check_time[0] < MAX_SECONDS
    print("达标" if ok else "未达标")
    if load > (os.cpu_count() or 1):
        cpu_ok = cpu_ratio <= MAX_RATIO and check_time[1] < MAX_SECONDS
        print(f"注意：机器繁忙（负载高于核数），墙钟时间偏大；按 CPU 时间{'达标' if cpu_ok else '也未达标'}。")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
