"""The quiz runtime as it ships: the readable modules in ``static/runtime/``, joined in order into one function
scope and minified by calmjs.parse (whitespace and comments out, local names shortened), so a page loads one small
script. calmjs.parse reads ES5, which is why the modules use ``var`` and ``function``.

Page scripts: code that one page alone needs (学习记录, 每日练习…) ships as ``quizgen-<name>.js``, minified the
same way, and loads only on a page whose HTML carries ``data-qz-page="<name>"`` (``page_scripts``, called when a
page is written), after the shared runtime. A page script's modules use the shared helpers by their names: it is
wrapped in a function that takes them from ``window.quizgen.lib``, which the shared runtime fills with ``LIB``.

The SCORM adapter (``quizgen/scorm/adapter.js``) ships as ``quizgen-scorm.js``, minified the same way, only in a
site built with ``quizgen_scorm = True`` (the SCORM package's learner edition, quizgen.site.scorm_edition).

Deterministic: the same sources give the same bytes. tests/test_runtime.py holds the budgets (gzip size), and
tests/test_scorm_edition.py the adapter's.
"""

from __future__ import annotations

import gzip
import re
import shutil
from functools import cache
from importlib.metadata import version
from pathlib import Path

from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

from .build_cache import cached

STATIC = Path(__file__).resolve().parent.parent / "static"
SOURCES = STATIC / "runtime"
# In dependency order: helpers, the progress store, one quiz (its attempt, grading, exam clock, view), start-up.
MODULES = ("base.js", "store.js", "attempt.js", "grading.js", "view.js", "exam.js", "quiz.js", "main.js")
# Page scripts: name → modules (in static/runtime/), each shipped as _static/quizgen-<name>.js.
PAGE_SCRIPTS: dict[str, tuple[str, ...]] = {
    "progress": ("progress.js",),
    "book": ("render.js", "book.js"),
    "results": ("results.js",),  # 我的成绩 on 学习记录: the 成绩码
    "daily": ("fsrs.js", "render.js", "today.js", "daily.js"),
    "today": ("today.js",),
}
# What the shared runtime lends page scripts (window.quizgen.lib).
LIB = ("$", "$$", "doc", "win", "el", "hide", "isObject", "emit", "norm", "hashText", "seeded", "shuffled", "pad2",
       "openStore", "readStore", "saveStore", "clearStore", "showStoreState", "storeMessage", "upgrade",
       "lastDropped", "Quiz")  # fmt: skip
HEADER = "/* quizgen runtime, minified from quizgen/static/runtime/ */\n"
JS_BUDGET = 6 * 1024  # bytes of what every page loads, gzip-compressed
PAGE_BUDGET = 4 * 1024  # bytes of one page script, gzip-compressed
ADAPTER = STATIC.parent / "scorm" / "adapter.js"
ADAPTER_HEADER = "/* quizgen SCORM 1.2 adapter, minified from quizgen/scorm/adapter.js */\n"
SCORM_ADAPTER = "quizgen-scorm.js"  # its name under _static/
SCORM_BUDGET = 3584  # bytes of the SCORM adapter, gzip-compressed: every page of a package loads it too
PAGE_MARK = re.compile(r'data-qz-page="([a-z]+)"')


def _read(names: tuple[str, ...]) -> str:
    return "\n".join((SOURCES / name).read_text(encoding="utf-8") for name in names)


def runtime_source() -> str:
    lib = ", ".join(f"'{name}': {name}" for name in LIB)
    return f"(function () {{\n'use strict';\n{_read(MODULES)}\nwin.quizgen.lib = {{{lib}}};\n}})();\n"


def page_source(name: str) -> str:
    """A page script: its modules in a function scope that binds the shared helpers they name."""
    body = _read(PAGE_SCRIPTS[name])
    used = [n for n in LIB if re.search(rf"(?<![\w$.]){re.escape(n)}(?![\w$])", body)]
    binds = "".join(f"var {n} = lib['{n}'];\n" for n in used)
    return f"(function (lib) {{\n'use strict';\n{binds}{body}\n}})(window.quizgen.lib);\n"


@cache
def _minified(source: str) -> str:
    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False)


def _shipped(source: str, key: str, cache_dir: Path | None, header: str = HEADER) -> str:
    if cache_dir is None:
        return f"{header}{_minified(source)}\n"
    minifier = version("calmjs.parse")  # a new minifier may print differently: part of the key
    return f"{header}{cached(cache_dir, key, (minifier, source), lambda: _minified(source))}\n"


def runtime_js(cache_dir: Path | None = None) -> str:
    """The shipped runtime; with ``cache_dir`` (a build's doctree folder) the minified text is kept between builds."""
    return _shipped(runtime_source(), "runtime", cache_dir)


def page_js(name: str, cache_dir: Path | None = None) -> str:
    """The shipped page script ``name`` (quizgen-<name>.js)."""
    return _shipped(page_source(name), f"runtime-{name}", cache_dir)


def scorm_js(cache_dir: Path | None = None) -> str:
    """The shipped SCORM adapter (quizgen-scorm.js)."""
    return _shipped(ADAPTER.read_text(encoding="utf-8"), "scorm-adapter", cache_dir, ADAPTER_HEADER)


def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def page_scripts(body: str) -> list[str]:
    """The page scripts a page's HTML asks for, as paths under _static/, in the order of PAGE_SCRIPTS."""
    wanted = set(PAGE_MARK.findall(body))
    return [f"quizgen-{name}.js" for name in PAGE_SCRIPTS if name in wanted]


def write_assets(target: Path, cache_dir: Path | None = None, scorm: bool = False) -> Path:
    """quizgen.js, the page scripts and quizgen.css in ``target``, a folder for ``html_static_path``; with ``scorm``
    the SCORM adapter too (and without it, none left from an earlier build)."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "quizgen.js").write_text(runtime_js(cache_dir), encoding="utf-8")
    if scorm:
        (target / SCORM_ADAPTER).write_text(scorm_js(cache_dir), encoding="utf-8")
    else:
        (target / SCORM_ADAPTER).unlink(missing_ok=True)
    for name in PAGE_SCRIPTS:
        (target / f"quizgen-{name}.js").write_text(page_js(name, cache_dir), encoding="utf-8")
    shutil.copyfile(STATIC / "quizgen.css", target / "quizgen.css")
    return target
