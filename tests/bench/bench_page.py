"""Page-weight benchmark (`make bench`): what a learner's phone loads for one page of the site.

The site is built twice from a copy of the sources: as it is, and as the theme ships its pages (the baseline:
the theme's own layout and templates, fontawesome.js, the search index on every page, the full stylesheets;
``quizgen_light_pages = False``). Chromium at 390×844 opens a lesson, the home page and 讲话原文 from file:// and
counts the bytes and requests each loads (exact figures, not timings). Goal for a lesson: ≤ 600 KB, ≤ 15 requests.
Then, with the CPU slowed 4× as on a mid-range phone, the time until 错题本 (30 wrong questions) is ready, against
the home page, and what it loads (goal ≤ 450 KB, ≤ 3 s); and the gzip size of every runtime script and of the
SCORM adapter.
Usage: python tests/bench/bench_page.py
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, chromium_executable  # noqa: E402

from quizgen.sphinx.runtime import (  # noqa: E402
    JS_BUDGET,
    PAGE_BUDGET,
    PAGE_SCRIPTS,
    SCORM_BUDGET,
    gzip_size,
    page_js,
    runtime_js,
    scorm_js,
)

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
    rows.append(("quizgen-scorm.js (SCORM package pages)", gzip_size(scorm_js()), SCORM_BUDGET))
    for label, size, budget in rows:
        print(f"  {label:40} {size:6,d} B of {budget:,d}: {size / budget:.3f}x {'ok' if size <= budget else 'OVER'}")


BOOK = "practice/mistakes.html"
BOOK_GOAL_BYTES = 450 * 1000


def mistakes_record(site: Path) -> str:
    """A learner's record with 30 wrong questions from three lessons (what 错题本 then loads)."""
    index = site / "practice" / "mistakes.html"
    text = index.read_text(encoding="utf-8")
    start = text.index('data-index="') + len('data-index="')
    data = json.loads(html.unescape(text[start : text.index('"', start)]))
    wrong = [qid for name, ids in zip(data["f"], data["q"], strict=True) if name in ("m1-l1", "m2-l3", "m3-l2")
             for qid in ids[:10]]  # fmt: skip
    return json.dumps({"version": 2, "course": "main", "quizzes": {}, "mistakes": wrong, "current": {}})


def throttled(browser, site: Path, path: str, ready: str, record: str | None) -> tuple[float, int]:
    """(ms until the load event and ``ready`` shows, bytes loaded) opening ``path`` at 390x844 with the CPU slowed 4x (CDP)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    if record:
        page.goto((site / "index.html").as_uri())
        page.evaluate("r => localStorage.setItem('quizgen:main', r)", record)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(len(r.response().body()) if r.response() else 0))
    start = time.perf_counter()
    page.goto((site / path).as_uri(), wait_until="load", timeout=60000)  # every script run, images and all
    page.wait_for_selector(ready, state="attached", timeout=60000)  # and what the page's own script builds
    elapsed = (time.perf_counter() - start) * 1000
    page.wait_for_timeout(500)
    context.close()
    return elapsed, sum(sizes)


def slow_phone(browser, site: Path) -> None:
    record = mistakes_record(site)
    rows = [("home (load)", throttled(browser, site, "index.html", "footer", None)),
            ("错题本, 30 wrong questions", throttled(browser, site, BOOK, ".qz-book section.qz.qz-on", record)),
            ("错题本, empty", throttled(browser, site, BOOK, ".qz-book section.qz.qz-on", None))]  # fmt: skip
    home = rows[0][1][0]
    print("With the CPU slowed 4x (CDP Emulation.setCPUThrottlingRate), 390x844, file://: until ready, bytes")
    for label, (ms, size) in rows:
        print(f"  {label:28} {ms:7.0f} ms ({ms / home:.2f}x the home page)   {size / 1000:6.0f} KB")
    book = rows[1][1]
    # The goal as the issue measured it: ≤ 3 s where the home page took 2.4 s, i.e. ≤ 1.25× the home page (timings
    # on a shared machine vary; the ratio to the home page, measured in the same minute, varies less).
    met = book[1] <= BOOK_GOAL_BYTES and book[0] <= 1.25 * home
    print(
        f"  错题本 goal <= {BOOK_GOAL_BYTES / 1000:.0f} KB and <= 1.25x the home page (3 s vs 2.4 s): {'met' if met else 'MISSED'}"
    )


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
            slow_phone(browser, work / "site")
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
