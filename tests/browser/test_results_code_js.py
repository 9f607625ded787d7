"""The runtime's 成绩码 encoder (static/runtime/results.js) writes, in Chromium, exactly the code quizgen's Python
encoder writes for the same record; and quizgen results reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from quizgen.results.code import QuizResult, Results, decode, encode

pytestmark = [pytest.mark.browser]
SOURCE = Path(__file__).resolve().parents[2] / "src" / "quizgen" / "static" / "runtime" / "results.js"
# results.js as a page script sees these helpers of the shared runtime (base.js); here, stand-ins.
STUBS = """
var win = window, doc = document;
function $(s, r) { return (r || document).querySelector(s); }
function $$(s, r) { return Array.from((r || document).querySelectorAll(s)); }
function el(t) { return document.createElement(t); }
function isObject(v) { return !!v && typeof v == 'object' && !Array.isArray(v); }
function pad2(n) { return (n < 10 ? '0' : '') + n; }
function openStore() {} function readStore() {}
"""

RECORDS = [
    (
        "new-cadres-half-day", "1.0", "欧阳 明月", "XX区总工会；机关工会",
        {
            "modules/m1/l1#1": {"best": 100, "last": 90, "attempts": 3},
            "practice/final-test#1": {"best": 80, "last": 80, "attempts": 2},
            "practice/mock-exam#1": {"best": 55, "last": 55, "attempts": 1},
        },
        {
            "practice/final-test#1": {"finished": True, "took": 754, "checked": ["m2-l1-001", "m1-l1-004", "m1-l1-007", "gen-x_1"],
                                      "answers": {"m1-l1-004": ["B"], "m1-l1-007": ["廉政谈话", ""],
                                                  "m2-l1-001": ["C", "A"], "gen-x_1": ["a,b;c=d%e*f!g~h_i.j/k 𠀀😀"]}},
            "practice/mock-exam#1": {"finished": False, "checked": [], "answers": {"m1-l1-004": ["A"]}},
        },
    ),
    ("main", "1.0", "张三", "", {"modules/m1/l1#1": {"best": 40, "attempts": 1}}, {}),
]  # fmt: skip
TESTS = ["practice/final-test#1", "practice/mock-exam#1"]


def python_code(course, version, name, unit, quizzes, current, date) -> str:
    results = []
    for key, r in quizzes.items():
        attempt = current.get(key, {})
        responses = {}
        if key in TESTS and attempt.get("finished"):
            responses = {qid: attempt["answers"].get(qid, []) for qid in attempt["checked"]}
        seconds = attempt.get("took") if responses else None
        results.append(QuizResult(key, r["best"], r.get("last", r["best"]), r["attempts"], seconds, responses))
    return encode(Results(course, version, name, unit, date, results))


@pytest.mark.parametrize("record", RECORDS, ids=["full", "short"])
def test_same_code_as_python(page: Page, record):
    course, version, name, unit, quizzes, current = record
    page.set_content("<p>x</p>")
    page.add_script_tag(content=STUBS + SOURCE.read_text(encoding="utf-8"))
    data = {
        "quizzes": {f"{course}/{k}": v for k, v in quizzes.items()},
        "current": {f"{course}/{k}": v for k, v in current.items()},
    }
    tests = [f"{course}/{k}" for k in TESTS]
    code = page.evaluate(
        "([d, c, v, n, u, t]) => resultsCode(d, c, v, n, u, t)", [data, course, version, name, unit, tests]
    )
    date = decode(code).date
    assert code == python_code(course, version, name, unit, quizzes, current, date)
    assert json.dumps(decode(code).quizzes[-1].responses, ensure_ascii=False)
