"""The Word paper as it prints: converted to PDF by LibreOffice (the closest thing here to Word and WPS).

Every page carries its number, the page count and the variant; no page at the end is empty; 简答题 have six ruled
lines for each point of their 评分要点; the answer brackets never split; blanks are as wide as their answers. The
答题卡 and the key's 答案表 and scored 评分要点 come with every paper.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from quizgen.paper import outputs
from quizgen.paper.draw import draw
from quizgen.paper.layout import RULED_LINES_PER_POINT, scoring_points
from quizgen.paper.spec import read_spec

ROOT = Path(__file__).resolve().parent.parent
EXAM = ROOT / "quizzes" / "papers" / "exam-100.yaml"


@pytest.fixture(scope="module")
def exam(project):
    (paper_a, paper_b) = draw(read_spec(EXAM), project.questions)
    return paper_a, paper_b


@pytest.fixture(scope="module")
def printed(exam, tmp_path_factory) -> dict[str, Path]:
    """Paper, key and 答题卡 of both variants as Word files and as LibreOffice's PDFs."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: apt-get install -y libreoffice-writer-nogui (bash .ci/system-deps test)"
    folder = tmp_path_factory.mktemp("print")
    for paper in exam:
        for name, produce in outputs(paper, ("docx",)).items():
            (folder / name).write_bytes(produce())
    docx = sorted(folder.glob("*.docx"))
    profile = (folder / "profile").as_uri()  # a profile of its own: other LibreOffice runs do not block this one
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + [str(p) for p in docx],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {p.stem: p for p in folder.glob("*.pdf")}


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for i in range(1, count + 1)
    ]


def test_every_page_has_its_number_count_and_variant(printed):
    assert len(printed) == 6  # paper, key and 答题卡 of A and B
    for stem, pdf in printed.items():
        variant = re.search(r"-([AB])(?:-|$)", stem).group(1)
        pages = _pages(pdf)
        assert len(pages) >= 1
        for number, text in enumerate(pages, start=1):
            flat = re.sub(r"\s+", "", text)
            assert f"{variant}卷" in flat, (stem, number)
            assert f"第{number}页共{len(pages)}页" in flat, (stem, number, text[-200:])


def _ink_above_footer(pdf: Path, page: int) -> int:
    """Dark pixels of a page rendered in grey, the footer's band left out (text, ruled lines, tables)."""
    data = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, check=True
    ).stdout
    magic, width, height, _, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width), int(height)
    return sum(1 for value in pixels[: width * int(height * 0.88)] if value < 160)


def test_no_page_is_empty(printed):
    for stem, pdf in printed.items():
        for number in range(1, len(_pages(pdf)) + 1):
            assert _ink_above_footer(pdf, number) > 50, (stem, number)  # more than the footer


def test_answer_brackets_never_split(printed):
    for stem, pdf in printed.items():
        for text in _pages(pdf):
            for line in text.splitlines():
                assert not re.search(r"（\s*$", line), (stem, line)
                assert not re.match(r"^\s*）", line), (stem, line)


def test_open_questions_have_six_ruled_lines_per_point(exam):
    for paper in exam:
        document = Document(io.BytesIO(outputs(paper, ("docx",))[f"{paper.spec.name}-{paper.variant}.docx"]()))
        body = list(document.element.body.iterchildren())
        opens = [pq for pq in paper.questions if pq.question.type == "open"]
        assert opens
        tables = [e for e in body if e.tag == qn("w:tbl")]
        assert len(tables) == len(opens)
        for pq, table in zip(opens, tables, strict=True):
            points, _ = scoring_points(pq.question)
            assert len(points) >= 2
            rows = table.findall(qn("w:tr"))
            assert len(rows) == RULED_LINES_PER_POINT * len(points)
            for row in rows:
                bottom = row.find(f".//{qn('w:tcBorders')}/{qn('w:bottom')}")
                assert bottom is not None and bottom.get(qn("w:val")) == "single"


def test_blanks_are_as_wide_as_their_answers(exam):
    for paper in exam:
        document = Document(io.BytesIO(outputs(paper, ("docx",))[f"{paper.spec.name}-{paper.variant}.docx"]()))
        underlined = [
            r.text for p in document.paragraphs for r in p.runs if r.underline and r.text.strip("\u3000") == ""
        ]
        fills = [pq.question for pq in paper.questions if pq.question.type == "fill"]
        widths = [len(text) for text in underlined]
        wanted = [max(len(a) for a in blank) for q in fills for blank in q.blanks]
        assert len(widths) == len(wanted)
        assert all(w >= a + 1 for w, a in zip(widths, wanted, strict=True)), (widths, wanted)


def test_key_has_the_answer_table_and_scored_points(exam):
    paper = exam[0]
    key = Document(io.BytesIO(outputs(paper, ("docx",))[f"{paper.spec.name}-{paper.variant}-key.docx"]()))
    text = [p.text for p in key.paragraphs]
    table = next(t for t in text if t.startswith("答案表："))
    objective = [pq for pq in paper.questions if pq.question.type in ("single", "multiple")]
    for pq in objective:
        assert f"{pq.number}.{''.join(pq.question.correct_keys)}" in table
    for pq in (pq for pq in paper.questions if pq.question.type == "open"):
        head = text.index(f"评分要点（共 {pq.points:g} 分）：")
        scores = []
        for line in text[head + 1 :]:
            match = re.match(r"（\d+）.*（(\d+(?:\.\d+)?) 分）$", line)
            if not match:
                break
            scores.append(float(match.group(1)))
        assert len(scores) >= 2 and sum(scores) == pytest.approx(pq.points)
    assert not any("““" in t or "””" in t for t in text)
    nested = [t for t in text if t.startswith("出处：") and "‘" in t]
    assert all("“" not in t.split("“", 1)[1].rsplit("”", 1)[0] for t in nested)


def test_answer_sheet_comes_with_every_paper(exam):
    for paper in exam:
        files = outputs(paper, ("docx",))
        sheet = Document(io.BytesIO(files[f"{paper.spec.name}-{paper.variant}-answer-sheet.docx"]()))
        assert sheet.paragraphs[0].text.endswith("答题卡")
        numbers = {c.text for t in sheet.tables for row in t.rows for c in row.cells if c.text}
        objective = [pq.number for pq in paper.questions if pq.question.type in ("single", "multiple", "truefalse")]
        assert numbers == {str(n) for n in objective}


def test_text_paper_reads_as_plain_text(exam, tmp_path):
    from quizgen.paper.text import key_text, paper_text

    paper = exam[0]
    files = outputs(paper, ("txt",))
    assert set(files) == {f"exam-100-{paper.variant}.txt", f"exam-100-{paper.variant}-key.txt"}
    text = paper_text(paper)
    key = key_text(paper)
    for content in (text, key):
        assert content.startswith("\ufeff") and "\r\n" in content and "\n" not in content.replace("\r\n", "")
        assert "\\" not in content and "**" not in content and "#" not in content  # no markup, no escapes
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[0] == paper.title
    for pq in paper.questions:
        q = pq.question
        line = next(ln for ln in lines if ln.startswith(f"{pq.number}．"))
        if q.type in ("single", "multiple", "truefalse"):
            assert line.endswith("（　　）")
        for option in q.options:
            assert f"　　{option.key}．" in text
        for blank in q.blanks:
            assert "＿" * (max(len(a) for a in blank) + 1) in line
    assert any(line.startswith("答案表：") for line in key.lstrip("\ufeff").split("\r\n")[:6])  # before the answers
    opens = [pq for pq in paper.questions if pq.question.type == "open"]
    assert all(f"评分要点（共 {pq.points:g} 分）" in key for pq in opens)
