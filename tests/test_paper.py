"""``quizgen paper``: drawing, A/B variants, remapped keys, the three writers, and impossible specs."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen import present
from quizgen.cli import main
from quizgen.order import printed
from quizgen.paper import make_papers, paper_json
from quizgen.paper.draw import draw
from quizgen.paper.markdown import escape, key_markdown, paper_markdown
from quizgen.paper.spec import check_feasible, read_spec, split_counts
from quizgen.paper.word import key_docx, paper_docx
from quizgen.problems import InputError

EXAMPLES = ["quizzes/papers/quiz-30min.yaml", "quizzes/papers/exam-100.yaml"]


@pytest.fixture(autouse=True)
def in_project(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    monkeypatch.chdir(root)


@pytest.fixture(scope="module")
def exam(root: Path):
    return make_papers(root / "quizzes/papers/exam-100.yaml", root)


def write_spec(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("spec", EXAMPLES)
def test_example_specs_write_every_file(tmp_path: Path, spec: str, root: Path) -> None:
    out = tmp_path / "out"
    assert main(["paper", spec, "-o", str(out)]) == 0
    spec_obj, papers = make_papers(root / spec, root)
    expected = sorted(
        f"{spec_obj.name}-{p.variant}{suffix}"
        for p in papers
        for suffix in (".txt", "-key.txt", ".docx", "-answer-sheet.docx", "-key.docx", ".json")
    )
    assert sorted(p.name for p in out.iterdir()) == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the temporary folder is gone


def test_totals_and_counts_follow_the_spec(exam) -> None:
    spec, papers = exam
    assert [p.variant for p in papers] == ["A", "B"]
    for paper in papers:
        assert paper.total_points == spec.total == 100
        for section, wanted in zip(paper.sections, spec.sections, strict=True):
            assert len(section.questions) == wanted.count
            assert {pq.question.type for pq in section.questions} == {wanted.type}
        assert [pq.number for pq in paper.questions] == list(range(1, len(paper.questions) + 1))
        assert len({pq.question.id for pq in paper.questions}) == len(paper.questions)
        assert not any(pq.question.generated for pq in paper.questions)


def test_difficulty_mix_is_respected(exam) -> None:
    spec, papers = exam
    for paper in papers:
        for section, wanted in zip(paper.sections, spec.sections, strict=True):
            mix = wanted.difficulty or spec.difficulty
            got = Counter(pq.question.difficulty for pq in section.questions)
            assert dict(got) == split_counts(wanted.count, mix)


def test_variants_use_different_seeds_and_orders(exam) -> None:
    _, (a, b) = exam
    assert a.seed != b.seed
    assert [pq.question.id for pq in a.questions] != [pq.question.id for pq in b.questions]


def test_drawing_is_deterministic(exam, root: Path) -> None:
    _, first = exam
    _, again = make_papers(root / "quizzes/papers/exam-100.yaml", root)
    for one, two in zip(first, again, strict=True):
        assert paper_json(one) == paper_json(two)
        assert paper_markdown(one) == paper_markdown(two)


def test_the_key_matches_the_paper(exam, project) -> None:
    """The printed options and the key point at the same texts as the bank's answer."""
    _, papers = exam
    for paper in papers:
        doc = json.loads(paper_json(paper))
        printed = [q for s in doc["sections"] for q in s["questions"]]
        for item in printed:
            original = project.question(item["id"])
            assert original is not None
            if original.type in ("single", "multiple"):
                texts = {o["key"]: o["text"] for o in item["options"]}
                assert sorted(o["text"] for o in item["options"]) == sorted(o.text for o in original.options)
                assert sorted(texts[k] for k in item["answer"]) == sorted(
                    original.option(k).text for k in original.correct_keys
                )
            else:
                assert item["answer"] == original.canonical()["answer"]
        key = key_markdown(paper)
        for item, pq in zip(printed, paper.questions, strict=True):
            if pq.question.type != "open":
                assert f"{item['number']}. **答案：{escape(present.answer_text(pq.question))}**" in key


def test_options_are_shuffled_somewhere(exam) -> None:
    _, papers = exam
    moved = [
        pq
        for p in papers
        for pq in p.questions
        if pq.question.type in ("single", "multiple") and pq.key_map != {k: k for k in pq.key_map}
    ]
    assert moved


def test_papers_print_options_in_the_seeded_order(exam) -> None:
    # The one print order (quizgen.order), seeded per variant; shuffle: false and its answer remapping are tested there.
    _, papers = exam
    for paper in papers:
        for pq in paper.questions:
            assert pq.question == printed(pq.original, paper.seed)


def test_word_documents(exam) -> None:
    _, (paper, _) = exam
    document = Document(__import__("io").BytesIO(paper_docx(paper)))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(paper.questions)
    assert document.styles["List Number"].element.pPr.numPr is not None  # Word's own numbering
    fonts = {
        name: document.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
        for name in ("Normal", "Heading 1", "Title")
    }
    assert fonts == {"Normal": "宋体", "Heading 1": "黑体", "Title": "黑体"}
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.heading for s in paper.sections]
    key = Document(__import__("io").BytesIO(key_docx(paper)))
    answers = [p.text for p in key.paragraphs if p.style.name == "List Number"]
    expected = [
        "参考答案：" + str(pq.question.answer).removeprefix("参考答案：")
        if pq.question.type == "open"
        else f"答案：{present.answer_text(pq.question)}"
        for pq in paper.questions
    ]
    assert answers == expected


def test_control_characters_never_reach_word(tmp_path: Path) -> None:
    # Specs with such characters are refused when read (tests/test_hostile_input.py); Word cleans them all the same.
    spec = write_spec(
        tmp_path, "title: 测验\nseed: 1\nvariants: [A]\ntotal: 4\nsections:\n  - {type: single, count: 1, points: 4}\n"
    )
    _, papers = make_papers(spec)
    papers[0].spec.title = "测验\x01\uffff"
    assert Document(io.BytesIO(paper_docx(papers[0]))).core_properties.title == "测验"
    assert Document(io.BytesIO(key_docx(papers[0]))).core_properties.title == "测验参考答案与解析"


def test_markdown_escapes_bank_text() -> None:
    assert escape("a*b_c<d>{e}`f`$g$") == r"a\*b\_c\<d\>\{e\}\`f\`\$g\$"
    assert escape("- 开头\n12. 开头") == "\\- 开头\\\n12\\. 开头"


def test_split_counts() -> None:
    assert split_counts(10, {1: 30, 2: 50, 3: 20}) == {1: 3, 2: 5, 3: 2}
    assert split_counts(5, {1: 1, 2: 1}) == {1: 3, 2: 2}
    assert split_counts(1, {2: 1, 3: 0}) == {2: 1}
    assert sum(split_counts(7, {1: 1, 2: 1, 3: 1}).values()) == 7


BAD_SPECS = [
    (
        "too-many",
        "title: T\nsections:\n  - {type: single, count: 9999, points: 1}\n",
        ["spec.yaml:3: 单选题要 9999 道"],
    ),
    (
        "all-problems",
        "title: 3\nseed: x\nvariants: [A, A]\ncolour: red\nsections:\n  - {type: essay, count: 0, points: -1}\n",
        [
            "spec.yaml:1: 缺少 title",
            "spec.yaml:2: seed 应是整数",
            "spec.yaml:3: variants 应是互不相同",
            "spec.yaml:4: 未知字段 colour",
            "spec.yaml:6: type 应是",
            "spec.yaml:6: count（题数）应是正整数",
            "spec.yaml:6: points（每题分值）应是正数",
        ],
    ),
    ("no-sections", "title: T\n", ["spec.yaml:1: 缺少 sections"]),
    (
        "total",
        "title: T\ntotal: 50\nsections:\n  - {type: single, count: 2, points: 1}\n",
        ["spec.yaml:2: 各部分分数合计 2 分，与 total 50 分不符"],
    ),
    (
        "modules",
        "title: T\nmodules: [m1, m77]\nsections:\n  - {type: single, count: 2, points: 1}\n",
        ["spec.yaml:2: modules 中的模块 m77 不存在"],
    ),
    (
        "difficulty",
        "title: T\ndifficulty: {3: 1}\nsections:\n  - {type: fill, count: 2, points: 1}\n  - {type: open, count: 1, points: 1, difficulty: {4: 1}}\n",
        ["spec.yaml:4: 填空题按难度比例要 2 道难度 3 的题", "spec.yaml:5: 难度 4 不存在"],
    ),
    (
        "duplicate-type",
        "title: T\nsections:\n  - {type: single, count: 1, points: 1}\n  - {type: single, count: 1, points: 1}\n",
        ["spec.yaml:4: 单选题已在第 3 行出现过"],
    ),
    ("yaml", "title: [unclosed\n", ["spec.yaml:2: YAML 无法解析"]),
    ("not-a-mapping", "- a\n- b\n", ["spec.yaml:1: 试卷配置应是映射"]),
    ("empty", "", ["spec.yaml:1: 试卷配置应是映射"]),
    ("non-utf8", b"title: \xff\n", ["spec.yaml:1: 不是 UTF-8"]),
]


@pytest.mark.parametrize(("name", "content", "messages"), BAD_SPECS, ids=[b[0] for b in BAD_SPECS])
def test_impossible_specs_fail_cleanly(tmp_path: Path, name: str, content, messages: list[str], capsys) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = tmp_path / "out"
    assert main(["paper", str(spec), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    lines = [re.sub(r"^.*?(spec\.yaml:)", r"\1", line) for line in err.splitlines()]
    for message in messages:
        assert any(line.startswith(message) for line in lines), f"{message!r} not in:\n{err}"
    assert "Traceback" not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


def test_missing_spec_file(tmp_path: Path, capsys) -> None:
    assert main(["paper", str(tmp_path / "nope.yaml")]) == 1
    assert "找不到试卷配置" in capsys.readouterr().err


def test_failed_run_leaves_existing_output_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert main(["paper", EXAMPLES[0], "-o", str(out), "--format", "txt"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(paper):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("quizgen.paper.paper_json", boom)
    assert main(["paper", EXAMPLES[0], "-o", str(out), "--format", "txt,json"]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_variant_and_format_options(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["paper", EXAMPLES[1], "-o", str(out), "--variant", "B", "--format", "json"]) == 0
    assert [p.name for p in out.iterdir()] == ["exam-100-B.json"]
    assert main(["paper", EXAMPLES[1], "-o", str(out), "--variant", "C"]) == 1
    assert "没有卷别 C" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["paper", EXAMPLES[1], "--format", "pdf"])


SPEC_PIECES = [
    "title: T\n", "sections:\n", "  - {type: single, count: 2, points: 1}\n", "  - type: fill\n", "    count: x\n",
    "difficulty: {1: 1, 2: -1}\n", "variants: [A, A]\n", "variants: 3\n", "seed: 1.5\n", "modules: m1\n", "tags: [1]\n",
    "total: 0\n", "- x\n", "{\n", ": :\n", "\t", "minutes: -1\n", "generated: maybe\n", "sections: {}\n", "\xff",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SPEC_PIECES), max_size=8))
def test_random_specs_never_raise_anything_but_input_errors(tmp_path: Path, project, pieces: list[str]) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("".join(pieces), encoding="utf-8")
    try:
        spec = read_spec(path)
        check_feasible(spec, project.questions)
    except InputError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)
        return
    assert draw(spec, project.questions)


# -- Word: Chinese language and fonts, long titles; hostile bank text in Word and Markdown --------------------


def _docx_xml(data: bytes, member: str) -> str:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(member).decode("utf-8")


def test_word_declares_chinese_text_and_fonts(exam) -> None:
    from lxml import etree

    _, (paper, _) = exam
    for data in (paper_docx(paper), key_docx(paper)):
        styles = etree.fromstring(_docx_xml(data, "word/styles.xml").encode("utf-8"))
        langs = styles.findall(".//" + qn("w:lang"))
        assert langs and all(lang.get(qn("w:eastAsia")) == "zh-CN" for lang in langs)
        defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
        assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
        assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsiaTheme")) is None
        document = Document(io.BytesIO(data))
        for name in ("Normal", "Title", "Heading 1", "List Number"):
            rpr = document.styles[name].element.rPr
            assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN", name
            assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) in ("宋体", "黑体"), name


def test_a_very_long_title_is_cut_only_in_the_file_properties(tmp_path: Path) -> None:
    title = "党风廉政建设" * 60  # 360 characters; a core property holds 255
    spec = write_spec(
        tmp_path,
        f"title: {title}\nseed: 1\nvariants: [A]\ntotal: 4\nsections:\n  - {{type: single, count: 1, points: 4}}\n",
    )
    _, papers = make_papers(spec)
    document = Document(io.BytesIO(paper_docx(papers[0])))
    assert document.core_properties.title == title[:255]
    assert document.paragraphs[0].text == title
    assert Document(io.BytesIO(key_docx(papers[0]))).paragraphs[0].text == title + "参考答案与解析"


def _hostile_papers(tmp_path: Path, root: Path):
    from quizgen.load import load_bank

    bank, _ = load_bank(root / "tests" / "data" / "xss-bank" / "banks" / "xss.yaml")
    sections = "".join(
        f"  - {{type: {t}, count: 1, points: 2}}\n" for t in ("single", "multiple", "truefalse", "fill", "open")
    )
    spec = write_spec(
        tmp_path,
        "title: \"<script>alert('t')</script>测验 *强* % $ & # _ { } \\\\ ~ ^\"\n"
        f"seed: 1\nvariants: [A]\ntotal: 10\nsections:\n{sections}",
    )
    return bank.questions, draw(read_spec(spec), bank.questions)[0]


def test_hostile_bank_text_stays_text_in_word(tmp_path: Path, root: Path) -> None:
    questions, paper = _hostile_papers(tmp_path, root)
    for data in (paper_docx(paper), key_docx(paper)):
        body = _docx_xml(data, "word/document.xml")
        assert "<script" not in body and "<img" not in body  # escaped: &lt;script …
        assert paper.title in Document(io.BytesIO(data)).paragraphs[0].text
    text = "\n".join(p.text for p in Document(io.BytesIO(paper_docx(paper))).paragraphs)
    for q in questions:
        for piece in [*q.stem.split("____"), *(o.text for o in q.options)]:
            assert piece in text
    key = "\n".join(p.text for p in Document(io.BytesIO(key_docx(paper))).paragraphs)
    assert all(q.explanation.removeprefix("解析：") in key for q in questions)


def test_hostile_bank_text_stays_text_in_markdown(tmp_path: Path, root: Path) -> None:
    from bs4 import BeautifulSoup
    from markdown_it import MarkdownIt

    questions, paper = _hostile_papers(tmp_path, root)
    texts = []
    for markdown in (paper_markdown(paper), key_markdown(paper)):
        html = MarkdownIt("commonmark").render(markdown)  # raw HTML allowed, as MyST allows it
        soup = BeautifulSoup(html, "html.parser")
        assert {tag.name for tag in soup.find_all(True)} <= {"h1", "h2", "p", "ol", "li", "strong", "br"}
        texts.append(" ".join(soup.get_text().split()))
        assert " ".join(paper.title.split()) in texts[-1]
    for q in questions:
        for piece in [*q.stem.split("____"), *(o.text for o in q.options)]:
            assert " ".join(piece.split()) in texts[0]
        assert " ".join(q.explanation.split()) in texts[1]
