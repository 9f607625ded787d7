"""Helpers shared by the browser tests: open built pages from file:// and answer questions like a learner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Locator, Page

from quizgen.model import Question
from quizgen.order import printed

STORE_KEY = "quizgen:main"
ROOT = Path(__file__).resolve().parents[2]

MINI_PAGES = {
    "index.md": """# 小测验站

```{toctree}
test
exam
speech
```
""",
    "test.md": """# 测验模式

:::{quiz} 测验
:ids: m1-l1-001 m1-l1-002 m1-l1-003 m1-l1-008
:mode: test
:::
""",
    "exam.md": """# 模拟考试模式

:::{quiz} 限时考试
:ids: m1-l1-001 m1-l1-003
:mode: exam
:minutes: 1
:::
""",
    "speech.md": """# 讲话原文

:::{speech-text}
:::
""",
}


def build(source: Path, out: Path, confdir: Path = ROOT, *extra: str) -> None:
    """sphinx-build -W into ``out``; the test fails with Sphinx's output on any warning."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(confdir), "-n", "-W", "--keep-going", "-q",
               "-D", "quizgen_speech_page=speech", *extra, str(source), str(out)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"sphinx-build failed:\n{result.stdout}\n{result.stderr}"


def open_page(page: Page, site: Path, path: str, query: str = "") -> None:
    page.goto((site / path).as_uri() + query)
    page.wait_for_selector("section.qz.qz-on, .qz-progress[data-course]", state="attached")


def question(page: Page, qid: str, within: str = "section.qz") -> Locator:
    return page.locator(f'{within} li.qz-q[data-qid="{qid}"]')


def answer(li: Locator, q: Question, right: bool) -> None:
    """Fill in ``q`` (rightly or wrongly) through its controls, as a learner would."""
    q = printed(q)  # the page keys its options in print order
    if q.type in ("single", "multiple"):
        keys = q.correct_keys if right else [next(o.key for o in q.options if o.key not in q.correct_keys)]
        for key in keys:
            li.locator(f'label.qz-opt[data-key="{key}"]').click()
    elif q.type == "truefalse":
        li.locator(f'label.qz-opt[data-key="{"T" if (q.answer is True) == right else "F"}"]').click()
    elif q.type == "fill":
        for n, accepted in enumerate(q.blanks, 1):
            li.locator(f'input[data-blank="{n}"]').fill(accepted[0] if right else "不对的答案")
    else:
        li.locator("textarea").fill("我的回答")


def stored(page: Page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(STORE_KEY)})")
    return json.loads(raw) if raw else None


def quiz_data(page: Page, within: str = "section.qz") -> dict:
    return json.loads(page.locator(f"{within} script.qz-data").first.text_content())
