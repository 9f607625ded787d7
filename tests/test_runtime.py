"""The quiz runtime as it ships: built from the readable modules, deterministic, within its byte budget, offline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from quizgen.sphinx.runtime import JS_BUDGET, MODULES, SOURCES, STATIC, gzip_size, runtime_js

ROOT = Path(__file__).resolve().parent.parent
CSS_BUDGET = 3 * 1024  # gzip bytes
OFFSITE = re.compile(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|fetch\(|XMLHttpRequest|import\(|@import")
UNSAFE = ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "document.write", "new Function")


def test_the_shipped_script_is_within_budget():
    js = runtime_js()
    assert gzip_size(js) <= JS_BUDGET, f"quizgen.js is {gzip_size(js)} bytes gzipped, over {JS_BUDGET}"
    css = (STATIC / "quizgen.css").read_text(encoding="utf-8")
    assert gzip_size(css) <= CSS_BUDGET, f"quizgen.css is {gzip_size(css)} bytes gzipped, over {CSS_BUDGET}"


def test_it_is_minified_from_every_module():
    js = runtime_js()
    assert sorted(p.name for p in SOURCES.glob("*.js")) == sorted(MODULES)
    assert len(js) < 0.7 * sum(len((SOURCES / m).read_text(encoding="utf-8")) for m in MODULES)
    for text in ("quizgen:", "quizgenStore", "还剩 1 分钟", "时间到，已自动交卷。"):
        assert text in js


def test_the_build_is_deterministic_across_processes():
    """Two fresh interpreters with different hash seeds write the same bytes."""
    code = "import sys; from quizgen.sphinx.runtime import runtime_js; sys.stdout.buffer.write(runtime_js().encode())"
    outputs = set()
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        outputs.add(subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True).stdout)
    assert len(outputs) == 1
    assert outputs == {runtime_js().encode()}


def test_nothing_from_the_network_and_no_html_from_strings():
    texts = [runtime_js(), (STATIC / "quizgen.css").read_text(encoding="utf-8")]
    texts += [(SOURCES / m).read_text(encoding="utf-8") for m in MODULES]
    for text in texts:
        assert not OFFSITE.search(text)
        for unsafe in UNSAFE:
            assert unsafe not in text
