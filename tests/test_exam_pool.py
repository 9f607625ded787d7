"""The held-back exam pool: big enough, drawn by papers, and never in anything a learner is given."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from quizgen.model import BLANK_RE
from quizgen.paper.draw import draw
from quizgen.paper.spec import read_spec
from quizgen.selection import Selection

pytest_plugins = ["conftest_dist"]

ROOT = Path(__file__).resolve().parent.parent
MIN_POOL, MIN_PER_LESSON = 110, 8


def exam(project) -> list:
    return [q for q in project.questions if q.pool == "exam"]


def test_the_pool_is_big_enough_in_every_lesson(project) -> None:
    held = exam(project)
    lessons = {q.lesson for q in project.questions if not q.generated and q.pool == "learn"}
    per_lesson = Counter(q.lesson for q in held)
    assert len(held) >= MIN_POOL
    assert {lesson: per_lesson[lesson] for lesson in lessons if per_lesson[lesson] < MIN_PER_LESSON} == {}
    assert not [p for p in project.problems if p.file.startswith("quizzes/banks/exam/")]  # every check, warnings too


def test_the_site_never_selects_them_and_exports_can_leave_them_out(project) -> None:
    held = {q.id for q in exam(project)}
    chosen, _ = Selection().pick(project.questions)
    assert not held & {q.id for q in chosen}
    chosen, _ = Selection(ids=sorted(held)).pick(project.questions)  # not even by id
    assert chosen == []
    chosen, _ = Selection(exam=True).pick(project.questions)
    assert held <= {q.id for q in chosen}


def test_papers_draw_from_the_exam_pool_first(project, root: Path) -> None:
    spec = read_spec(root / "quizzes/papers/exam-100.yaml", "exam-100.yaml")
    (paper,) = draw(replace(spec, variants=["A"]), project.questions)
    pools = Counter(pq.original.pool for pq in paper.questions)
    assert pools["exam"] > pools["learn"]
    (learn,) = draw(replace(spec, variants=["A"], pool="learn"), project.questions)
    assert {pq.original.pool for pq in learn.questions} == {"learn"}


def _fingerprint(stem: str) -> str:
    """A stem as any output prints it once tags, whitespace and blanks (an input box, a line) are gone."""
    return _squeeze(BLANK_RE.sub("", stem))


def _found(questions, text: str) -> list[str]:
    return [q.id for q in questions if _fingerprint(q.stem) in text]


def _squeeze(text: str) -> str:
    return re.sub(r"[\s_]+", "", html.unescape(re.sub(r"<[^>]+>", "", text)))


def _site_text(folder: Path) -> str:
    return _squeeze("".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*"))
                            if p.suffix in (".html", ".js", ".json", ".txt", ".xhtml")))  # fmt: skip


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        texts = [zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith((".html", ".js", ".json",
                 ".txt", ".xhtml", ".xml", ".md"))]  # fmt: skip
    return _squeeze("".join(texts))


def _pdf_text(pdf: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return _squeeze(result.stdout)


@pytest.mark.slow
def test_no_exam_stem_in_any_learner_output(
    project, html_site: Path, scorm_site: Path, pdf_learner: Path, epub_book: Path, dist_zip: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "quizgen.scorm", "--site", str(scorm_site), "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    (scorm,) = tmp_path.glob("*.zip")
    outputs = {
        "site": _site_text(html_site),
        "learner PDF": _pdf_text(pdf_learner),
        "EPUB": _zip_text(epub_book),
        "bundle": _zip_text(dist_zip),
        "SCORM": _zip_text(scorm),
    }
    held = exam(project)
    # the search sees what is there: the self-test stems of the lessons are in every output
    shown = [q for q in project.questions if q.pool == "learn" and not q.generated and q.lesson == "m3-l3"]
    for name, text in outputs.items():
        assert _found(shown, text), name
        assert _found(held, text) == [], name
