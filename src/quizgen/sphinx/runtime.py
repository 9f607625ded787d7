"""The quiz runtime as it ships: the readable modules in ``static/runtime/``, joined in order into one function
scope and minified by calmjs.parse (whitespace and comments out, local names shortened), so a page loads one small
script. calmjs.parse reads ES5, which is why the modules use ``var`` and ``function``.

Deterministic: the same sources give the same bytes. tests/test_runtime.py holds the budget (gzip size).
"""

from __future__ import annotations

import gzip
import shutil
from functools import cache
from importlib.metadata import version
from pathlib import Path

from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

from .build_cache import cached

STATIC = Path(__file__).resolve().parent.parent / "static"
SOURCES = STATIC / "runtime"
# In dependency order: helpers, the progress store, one quiz, 学习记录, start-up.
MODULES = ("base.js", "store.js", "quiz.js", "progress.js", "main.js")
HEADER = "/* quizgen runtime, minified from quizgen/static/runtime/ */\n"
JS_BUDGET = 6 * 1024  # bytes of what ships, gzip-compressed


def runtime_source() -> str:
    body = "\n".join((SOURCES / name).read_text(encoding="utf-8") for name in MODULES)
    return f"(function () {{\n'use strict';\n{body}\n}})();\n"


@cache
def _minified(source: str) -> str:
    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False)


def runtime_js(cache_dir: Path | None = None) -> str:
    """The shipped runtime; with ``cache_dir`` (a build's doctree folder) the minified text is kept between builds."""
    source = runtime_source()
    if cache_dir is None:
        return f"{HEADER}{_minified(source)}\n"
    minifier = version("calmjs.parse")  # a new minifier may print differently: part of the key
    return f"{HEADER}{cached(cache_dir, 'runtime', (minifier, source), lambda: _minified(source))}\n"


def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def write_assets(target: Path, cache_dir: Path | None = None) -> Path:
    """quizgen.js and quizgen.css in ``target``, a folder for ``html_static_path``."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "quizgen.js").write_text(runtime_js(cache_dir), encoding="utf-8")
    shutil.copyfile(STATIC / "quizgen.css", target / "quizgen.css")
    return target
