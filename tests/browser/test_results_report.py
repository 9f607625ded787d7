"""报告.html in Chromium: opens offline with no request leaving the machine and prints on one A4 page, for a class
of 40 and for a large class with many flagged questions."""

from __future__ import annotations

import random
import re
import subprocess

import pytest
from playwright.sync_api import Page
from results_class import code_of, make_class, right_answer, wrong_answer

from quizgen.cli import main
from quizgen.scorm import release

pytestmark = [pytest.mark.browser]


def report(project, root, tmp_path, size: int, flipped: int):
    pool = [q for q in project.questions if q.lesson in {"m1-l1", "m1-l2", "m3-l3"} and q.type != "open"][:50]
    klass = make_class(pool, size=size, seed=size)
    rng = random.Random(1)
    for q in pool[:flipped]:  # questions the stronger learners get wrong: flagged
        for x in klass:
            x.right[q.id] = x.ability < 0
            x.answers[q.id] = right_answer(q) if x.right[q.id] else wrong_answer(q, rng)
    codes = tmp_path / "codes.txt"
    codes.write_text("\n".join(code_of(x, "main", release(root), "practice/final-test#1", []) for x in klass) + "\n")
    assert main(["results", str(codes), "-o", str(tmp_path / "out")]) == 0
    return tmp_path / "out" / "报告.html"


@pytest.mark.parametrize(("size", "flipped"), [(40, 2), (300, 25)], ids=["40", "300-flagged"])
def test_one_a4_page(page: Page, project, root, tmp_path, size, flipped, offsite_requests, console_errors):
    path = report(project, root, tmp_path, size, flipped)
    page.goto(path.as_uri())
    assert page.locator("svg").count() == 2
    rows = page.locator("table tr").count()
    assert 1 + min(flipped, 8) <= rows <= 10  # the header, at most eight flagged, and a line for the rest
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == "1"
    assert offsite_requests == [] and console_errors == []
