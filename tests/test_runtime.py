"""The quiz runtime as it ships: built from the readable modules, deterministic, within its byte budget, offline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from quizgen.sphinx.runtime import (
    JS_BUDGET,
    LIB,
    MODULES,
    PAGE_BUDGET,
    PAGE_SCRIPTS,
    SOURCES,
    STATIC,
    gzip_size,
    page_js,
    page_scripts,
    page_source,
    runtime_js,
)

ROOT = Path(__file__).resolve().parent.parent
CSS_BUDGET = 3 * 1024  # gzip bytes
OFFSITE = re.compile(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|fetch\(|XMLHttpRequest|import\(|@import")
UNSAFE = ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "document.write", "new Function")


def test_the_shipped_script_is_within_budget():
    js = runtime_js()
    assert gzip_size(js) <= JS_BUDGET, f"quizgen.js is {gzip_size(js)} bytes gzipped, over {JS_BUDGET}"
    css = (STATIC / "quizgen.css").read_text(encoding="utf-8")
    assert gzip_size(css) <= CSS_BUDGET, f"quizgen.css is {gzip_size(css)} bytes gzipped, over {CSS_BUDGET}"


def test_each_page_script_is_within_its_budget():
    for name in PAGE_SCRIPTS:
        js = page_js(name)
        assert gzip_size(js) <= PAGE_BUDGET, f"quizgen-{name}.js is {gzip_size(js)} bytes gzipped, over {PAGE_BUDGET}"


def test_page_scripts_are_minified_and_bind_only_lent_helpers():
    every = [m for modules in PAGE_SCRIPTS.values() for m in modules]
    assert sorted(p.name for p in SOURCES.glob("*.js")) == sorted(set(MODULES) | set(every))
    assert not set(MODULES) & set(every)  # a shared module is never shipped again in a page script
    for name, modules in PAGE_SCRIPTS.items():
        js, source = page_js(name), page_source(name)
        assert len(js) < 0.7 * sum(len((SOURCES / m).read_text(encoding="utf-8")) for m in modules)
        assert source.rstrip().endswith("})(window.quizgen.lib);")
        for bound in re.findall(r"var (\S+) = lib\['([^']+)'\];", source):
            assert bound[0] == bound[1] and bound[0] in LIB
    shared = runtime_js()
    assert "quizgen.lib" in shared and all(f"'{name}':" in shared for name in LIB)


def test_a_page_asks_for_its_script_by_a_mark_in_its_html():
    assert page_scripts('<div class="qz-progress" data-qz-page="progress">') == ["quizgen-progress.js"]
    assert page_scripts('<section class="qz" data-quiz="main/x#1">') == []
    assert page_scripts('data-qz-page="nonesuch"') == []


def test_it_is_minified_from_every_module():
    js = runtime_js()
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
    texts += [page_js(name) for name in PAGE_SCRIPTS]
    texts += [p.read_text(encoding="utf-8") for p in SOURCES.glob("*.js")]
    for text in texts:
        assert not OFFSITE.search(text)
        for unsafe in UNSAFE:
            assert unsafe not in text
