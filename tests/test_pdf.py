"""The PDF handbooks: both editions build with xelatex, read as a Chinese book, embed every font."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytest_plugins = ["conftest_dist"]

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_BOILERPLATE = re.compile(r"\b(CHAPTER|Chapter|Contents|Index|Release|Part|Appendix)\b")

pytestmark = pytest.mark.slow


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeeze(text: str) -> str:
    """Without any whitespace: pdftotext breaks lines and renders the ideographic space as spaces."""
    return re.sub(r"\s+", "", text)


def page_titles(pattern: str) -> list[str]:
    titles = []
    for page in sorted(ROOT.glob(pattern)):
        source = re.sub(r"\A---\n.*?\n---\n", "", page.read_text(encoding="utf-8"), flags=re.S)  # front matter
        heading = next(line for line in source.splitlines() if line.startswith("# "))
        titles.append(heading[2:].strip())
    return titles


@pytest.fixture(scope="module")
def learner_text(pdf_learner: Path) -> str:
    return text_of(pdf_learner)


@pytest.fixture(scope="module")
def trainer_text(pdf_trainer: Path) -> str:
    return text_of(pdf_trainer)


@pytest.fixture(params=["learner", "trainer"])
def edition(request: pytest.FixtureRequest) -> tuple[Path, str]:
    pdf = request.getfixturevalue(f"pdf_{request.param}")
    return pdf, request.getfixturevalue(f"{request.param}_text")


def test_both_editions_build(pdf_learner: Path, pdf_trainer: Path) -> None:
    for pdf in (pdf_learner, pdf_trainer):
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert pdf.stat().st_size > 100_000


def test_every_module_and_lesson_is_in_the_book(edition: tuple[Path, str]) -> None:
    text = squeeze(edition[1])
    modules = page_titles("docs/modules/m*/index.md")
    lessons = page_titles("docs/modules/m*/l*.md")
    assert len(modules) >= 4, modules
    for title in modules + lessons:
        assert squeeze(title) in text, f"missing from the PDF: {title}"
    for number in "一二三四":
        assert f"模块{number}" in text


def test_chinese_book_furniture(edition: tuple[Path, str]) -> None:
    text = squeeze(edition[1])
    assert "目录" in text
    assert "第一部分" in text and "第四部分" in text  # 学习指南 / 课程模块 / 练习与测验 / 参考资料
    for part in ("学习指南", "课程模块", "练习与测验", "参考资料"):
        assert part in text
    for page in ("讲话原文", "术语表", "培训师指南"):
        assert page in text


def test_no_english_boilerplate(edition: tuple[Path, str]) -> None:
    found = sorted(set(ENGLISH_BOILERPLATE.findall(edition[1])))
    assert not found, f"English boilerplate in the PDF: {found}"


def test_every_font_embedded(edition: tuple[Path, str]) -> None:
    listing = subprocess.run(["pdffonts", str(edition[0])], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    for row in rows:
        # name type [type] encoding emb sub uni object ID: 'emb' is the fifth column from the end
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
    assert any("CJK" in row for row in rows), listing


def test_diagrams_are_vectors(pdf_learner: Path) -> None:
    """Graphviz diagrams go into the LaTeX build as PDF, not as bitmaps."""
    latex = pdf_learner.parent
    diagrams = list(latex.glob("graphviz-*.pdf"))
    assert diagrams, "no graphviz diagram in the LaTeX build"
    assert not list(latex.glob("graphviz-*.png"))
    # the only bitmaps in the book are the pictures the pages themselves include (none of them a diagram)
    bitmaps = [p for p in latex.iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif")]
    images = subprocess.run(["pdfimages", "-list", str(pdf_learner)], capture_output=True, text=True, check=True)
    assert len(images.stdout.splitlines()[2:]) <= 2 * len(bitmaps), images.stdout  # an image and its mask at most


def test_learner_edition_has_the_answer_appendix(learner_text: str) -> None:
    text = squeeze(learner_text)
    heading = "附录A参考答案与解析"
    assert heading in text
    body_end = text.rindex(heading)
    # the questions (parts 2 and 3: the modules, the tests) come without their answers; those are in the appendix
    # (part 4, the reference pages, quotes sample exports that contain "答案：")
    quizzes = text[text.rindex("第二部分课程模块") : text.rindex("第四部分参考资料")]
    assert "1．〔" in quizzes
    assert "答案：" not in quizzes
    assert "答案：" in text[body_end:] and "解析：" in text[body_end:] and "出处：" in text[body_end:]
    assert "□" in text  # boxes to tick


def test_trainer_edition_has_answers_inline(trainer_text: str) -> None:
    text = squeeze(trainer_text)
    assert "培训师用书" in text
    assert "附录A参考答案与解析" not in text  # no appendix: the answers follow each question
    first_question = text.index("1．〔")
    assert "答案：" in text[first_question : first_question + 2000]


def facilitation_notes() -> list[str]:
    """The titles of the facilitation notes (dropdowns with :class-container: facilitator), one per note."""
    titles = []
    for page in sorted(ROOT.glob("docs/**/*.md")):
        source = page.read_text(encoding="utf-8")
        titles += re.findall(r"^:::+\{dropdown\} (.+)\n(?::[a-z-]+:.*\n)*:class-container: facilitator", source, re.M)
    return titles


def test_facilitation_notes_inline_for_trainers_in_the_appendix_for_learners(
    learner_text: str, trainer_text: str
) -> None:
    notes = facilitation_notes()
    assert notes, "the lessons have no facilitation notes to check"
    learner, trainer = squeeze(learner_text), squeeze(trainer_text)
    appendix = learner.rindex("附录A参考答案与解析")
    for title in set(notes):
        expected = notes.count(title)
        assert trainer.count(squeeze(title)) >= expected
        assert learner[appendix:].count(squeeze(title)) == expected, title
    # in the learner's lessons a pointer stands where each note was; the trainer's lessons have the notes themselves
    assert learner[:appendix].count("研讨要点见书末附录") == len(notes)
    assert "研讨要点见书末附录" not in trainer


WEB_ONLY = {"index", "modules/index", "practice/daily"}  # web navigation, and 每日练习, which a page cannot print


def toctree_entries(page: Path) -> list[str]:
    """The documents a page's toctrees list (absolute docnames, globs not expanded)."""
    entries = []
    for block in re.findall(r"```\{(?:print-)?toctree\}\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(":"):
                entries.append(line.lstrip("/"))
    return entries


def test_book_outline_keeps_up_with_the_site() -> None:
    """Every page in the site's navigation is a chapter of the book, except the pages that only work on the web."""
    site = set(toctree_entries(ROOT / "docs" / "index.md"))
    book = set(toctree_entries(ROOT / "docs" / "appendix" / "book.md"))
    missing = sorted(site - book - WEB_ONLY)
    assert not missing, f"add these pages to docs/appendix/book.md (or to WEB_ONLY with a reason): {missing}"


def test_maintainer_pages_only_in_the_trainer_edition(learner_text: str, trainer_text: str) -> None:
    """Learners never write banks: the 维护者 pages are a part of the trainer's book, not of the learner's."""
    learner, trainer = squeeze(learner_text), squeeze(trainer_text)
    assert "维护者资料" not in learner and "维护者资料" in trainer
    for title in page_titles("docs/maintainer/[ab]*.md"):  # authoring, bank-format: the book lists these two
        assert squeeze(title) not in learner, title
        assert squeeze(title) in trainer[trainer.rindex("维护者资料") :], title


def test_no_link_prints_as_a_document_path(edition: tuple[Path, str]) -> None:
    """A link to a page the book leaves out must still read as words, never as its source path."""
    _, text = edition
    # a docname as a link target prints as "/maintainer/cli"; file names such as docs/modules/m3/l3.md are fine
    paths = re.findall(r"(?<![\w.])/(?:maintainer|reference|modules|guide|practice|appendix)/[\w/-]+", squeeze(text))
    assert not paths
