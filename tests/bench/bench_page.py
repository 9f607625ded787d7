"""Page-weight benchmark (`make bench`): what a learner's phone loads for one page of the site.

The site is built twice from a copy of the sources: as it is, and as the theme ships its pages (the baseline:
the theme's own layout and templates, fontawesome.js, the search index on every page, the full stylesheets;
``quizgen_light_pages = False``). Chromium at 390×844 opens a lesson, the home page and 讲话原文 from file:// and
counts the bytes and requests each loads (exact figures, not timings). Goal for a lesson: ≤ 600 KB, ≤ 15 requests.
Usage: python tests/bench/bench_page.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, chromium_executable  # noqa: E402

from quizgen.sphinx.runtime import JS_BUDGET, PAGE_BUDGET, PAGE_SCRIPTS, gzip_size, page_js, runtime_js  # noqa: E402

PAGES = {"lesson": "modules/m1/l1.html", "home": "index.html", "speech": "reference/speech.html"}
GOAL_BYTES = 600 * 1000
GOAL_REQUESTS = 15
BASELINE_CONF = """
# The benchmark's baseline: the pages as the theme ships them.
templates_path = []
quizgen_light_pages = False
"""


def build(source: Path, out: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(source), "-q", str(source / "docs"), str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1577836800"), "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"sphinx-build failed:\n{result.stderr[-3000:]}")


def snapshot(target: Path, extra_conf: str = "") -> Path:
    for name in ("docs", "quizzes"):
        shutil.copytree(ROOT / name, target / name)
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    (target / "conf.py").write_text(conf + extra_conf, encoding="utf-8")
    return target


def weigh(browser, site: Path, path: str) -> tuple[int, int]:
    """(bytes, requests) that opening ``path`` at phone size loads."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    done: list = []
    page.on("requestfinished", lambda r: done.append(r))
    page.goto((site / path).as_uri(), wait_until="load")
    page.wait_for_timeout(1500)  # deferred scripts and what they fetch
    total = sum(len(r.response().body()) for r in done if r.response() is not None)
    context.close()
    return total, len(done)


def scripts() -> None:
    """The shared runtime and each page script as shipped (minified), gzip-compressed, against their budgets."""
    print("Quiz runtime as shipped (minified, gzip -9): bytes, and the ratio to the budget")
    rows = [("quizgen.js (every quiz page)", gzip_size(runtime_js()), JS_BUDGET)]
    rows += [(f"quizgen-{name}.js (its page only)", gzip_size(page_js(name)), PAGE_BUDGET) for name in PAGE_SCRIPTS]
    for label, size, budget in rows:
        print(f"  {label:40} {size:6,d} B of {budget:,d}: {size / budget:.3f}x {'ok' if size <= budget else 'OVER'}")


def main() -> int:
    scripts()
    with tempfile.TemporaryDirectory(prefix="bench-page-") as tmp:
        work = Path(tmp)
        build(snapshot(work / "site-src"), work / "site")
        build(snapshot(work / "base-src", BASELINE_CONF), work / "base")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
            rows = {name: (weigh(browser, work / "base", path), weigh(browser, work / "site", path))
                    for name, path in PAGES.items()}  # fmt: skip
            browser.close()
    print("Page-weight benchmark: Chromium at 390x844 opening pages from file://; everything a page loads")
    print("  page      baseline (theme as shipped)      now                      ratio (bytes, requests)")
    for name, ((b_bytes, b_reqs), (n_bytes, n_reqs)) in rows.items():
        print(
            f"  {name:8}  {b_bytes / 1000:8.0f} KB in {b_reqs:2d} requests     {n_bytes / 1000:6.0f} KB in {n_reqs:2d} requests"
            f"     {n_bytes / b_bytes:.2f}x, {n_reqs / b_reqs:.2f}x"
        )
    lesson_bytes, lesson_requests = rows["lesson"][1]
    met = lesson_bytes <= GOAL_BYTES and lesson_requests <= GOAL_REQUESTS
    print(f"  lesson goal <= {GOAL_BYTES / 1000:.0f} KB and <= {GOAL_REQUESTS} requests: {'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
