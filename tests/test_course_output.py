"""The built courses (slow: Sphinx, xelatex): the half-day course in full, the one-day course's site and paper, a
hostile manifest. Each site holds exactly the chosen lessons; papers match their spec and keys; the learners'
bundle holds no trainer material; `--only` keeps the other parts; a second build reuses what did not change."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course_helpers import HALF, HOSTILE_PAPER, HOSTILE_TITLE, ONE_DAY, manifest_of
from docx import Document

from quizgen import present
from quizgen.course.manifest import Manifest
from quizgen.model import Question

pytest_plugins = ["conftest_course"]
COURSE_PARAMS = [pytest.param(HALF, "half_day", id="half-day"), pytest.param(ONE_DAY, "one_day", id="one-day")]


def _html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("_")]  # _static, _images


@pytest.mark.slow
@pytest.mark.parametrize(("path", "fixture"), COURSE_PARAMS)
def test_site_contains_exactly_the_chosen_lessons(path, fixture, request, catalog, project):
    out: Path = request.getfixturevalue(fixture)
    m = manifest_of(path, catalog, project)
    site = out / "site"
    built = {p.relative_to(site).with_suffix("").as_posix() for p in _html_pages(site)}
    lessons = {d for d in built if re.fullmatch(r"modules/m\d+/l\d+", d)}
    assert lessons == {cl.lesson.docname for cl in m.lessons}
    assert {d for d in built if d.startswith("modules/")} - lessons == {f"modules/{x}/index" for x in m.modules}
    expected = {"index", "search", "genindex", "appendix/book", "appendix/handout", "appendix/answers", *m.docnames()}
    assert built == expected
    # Navigation: the lessons in the course's order.
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = [a["href"] for a in home.select("nav.bd-links a") if re.search(r"modules/m\d+/l\d+\.html", a["href"])]
    assert nav == [f"{cl.lesson.docname}.html" for cl in m.lessons]
    # Search: the index holds these pages only.
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    docnames = json.loads(re.search(r'"docnames":(\[.*?\])', index).group(1))
    assert set(docnames) == expected - {"search", "genindex"}


@pytest.mark.slow
@pytest.mark.parametrize(("path", "fixture"), COURSE_PARAMS)
def test_every_page_carries_the_course_title(path, fixture, request, catalog, project):
    out: Path = request.getfixturevalue(fixture)
    m = manifest_of(path, catalog, project)
    for page in _html_pages(out / "site"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert soup.title.text.strip().endswith(m.title), page
        if page.name not in ("search.html", "genindex.html"):
            assert m.title in soup.select_one(".navbar-brand").get_text(), page


@pytest.mark.slow
@pytest.mark.parametrize(("path", "fixture"), COURSE_PARAMS)
def test_quizzes_progress_and_mistakes_are_limited_to_the_course(path, fixture, request, catalog, project):
    out: Path = request.getfixturevalue(fixture)
    m = manifest_of(path, catalog, project)
    site = out / "site"
    chosen = set(m.lesson_ids)
    for page in _html_pages(site):
        text = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'data-qid="([^"]+)"', text))
        lessons = {project.question(i).lesson for i in ids if project.question(i) is not None}
        assert lessons <= chosen, (page, lessons - chosen)
    progress = (site / "practice" / "progress.html").read_text(encoding="utf-8")
    assert f'data-course="{m.id}"' in progress
    assert set(re.findall(r'data-module-bar="(m\d+)"', progress)) == set(m.modules)
    # No link points to a page the course leaves out.
    for page in _html_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for a in soup.select("article a[href]"):
            href = a["href"].split("#")[0]
            if href and not href.startswith(("http", "mailto:")):
                assert (page.parent / href).resolve().exists(), (page, href)


def _paper_json(out: Path, m: Manifest) -> dict[str, dict]:
    return {
        v: json.loads((out / "paper" / f"{m.id}-{v}.json").read_text(encoding="utf-8"))
        for v in m.paper.variants  # type: ignore[union-attr]
    }


@pytest.mark.slow
@pytest.mark.parametrize(("path", "fixture"), COURSE_PARAMS)
def test_paper_counts_match_the_spec(path, fixture, request, catalog, project):
    out: Path = request.getfixturevalue(fixture)
    m = manifest_of(path, catalog, project)
    spec = m.paper
    assert spec is not None
    papers = _paper_json(out, m)
    assert set(papers) == set(spec.variants)
    for paper in papers.values():
        assert [(s["type"], len(s["questions"])) for s in paper["sections"]] == [
            (s.type, s.count) for s in spec.sections
        ]
        assert paper["paper"]["total_points"] == spec.total_points
        for s in paper["sections"]:
            assert all(q["points"] == s["points"] for q in s["questions"])
            for q in s["questions"]:
                assert project.question(q["id"]).lesson in m.lesson_ids
        ids = [q["id"] for s in paper["sections"] for q in s["questions"]]
        assert len(ids) == len(set(ids))
    for name in ("", "-key"):
        for v in spec.variants:
            for ext in ("docx", "pdf", "txt"):
                assert (out / "paper" / f"{m.id}-{v}{name}.{ext}").stat().st_size > 0
    summary = json.loads((out / "course.json").read_text(encoding="utf-8"))
    assert [lesson["id"] for lesson in summary["lessons"]] == m.lesson_ids


def _list_items(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name == "List Number"]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "fixture"), COURSE_PARAMS)
def test_answer_key_matches_the_paper(path, fixture, request, catalog, project):
    out: Path = request.getfixturevalue(fixture)
    m = manifest_of(path, catalog, project)
    for variant, paper in _paper_json(out, m).items():
        questions = [q for s in paper["sections"] for q in s["questions"]]
        printed = _list_items(out / "paper" / f"{m.id}-{variant}.docx")
        keyed = _list_items(out / "paper" / f"{m.id}-{variant}-key.docx")
        assert len(printed) == len(keyed) == len(questions)
        paper_text = re.sub(r"\s+", "", subprocess.run(
            ["pdftotext", str(out / "paper" / f"{m.id}-{variant}.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout)  # fmt: skip
        for q, stem, key in zip(questions, printed, keyed, strict=True):
            original: Question = project.question(q["id"])
            first = re.split(r"_{3,}", original.stem)[0].strip()[:12]
            assert first in stem
            assert re.sub(r"\s+", "", first)[:8] in paper_text
            if q["type"] in ("single", "multiple"):
                # The keyed letters name, on the printed paper, the options the bank marks correct.
                texts = {o["key"]: o["text"] for o in q["options"]}
                assert sorted(texts[k] for k in q["answer"]) == sorted(
                    o.text for o in original.options if o.key in original.correct_keys
                )
                assert key.startswith(f"答案：{''.join(q['answer'])}")
            elif q["type"] == "open":
                assert key.startswith("参考答案：")
            else:
                assert key.startswith(f"答案：{present.answer_text(original)}")


@pytest.mark.slow
def test_half_day_handbooks_and_bundle(half_day, catalog, project):
    m = manifest_of(HALF, catalog, project)
    texts = {}
    for edition in ("learner", "trainer"):
        pdf = half_day / f"{m.id}-{edition}.pdf"
        texts[edition] = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts  # every font embedded
    for text in texts.values():
        flat = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", m.title) in flat
        for cl in m.lessons:
            assert re.sub(r"\s+", "", cl.lesson.title) in flat
        for omitted in ("第五课　创新举措抓实服务", "第一课　新时代工人运动的时代主题"):
            assert re.sub(r"\s+", "", omitted) not in flat
    assert "参考答案与解析" in texts["learner"]


def _member_text(name: str, data: bytes, tmp_path: Path) -> str:
    """What a person opening the member would read (a PDF's text through pdftotext)."""
    if name.endswith(".pdf"):
        path = tmp_path / "member.pdf"
        path.write_bytes(data)
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return data.decode("utf-8", errors="ignore")


@pytest.mark.slow
def test_learner_bundle_holds_no_trainer_material(half_day, catalog, project, tmp_path):
    m = manifest_of(HALF, catalog, project)
    assert m.paper is not None
    trainer_marks = ("培训师用书", "请勿发给学员", m.paper.title, "trainer-guide")
    with zipfile.ZipFile(half_day / f"{m.id}-offline.zip") as zf:
        names = set(zf.namelist())
        opened = 0
        for name in sorted(names):
            text = re.sub(r"\s+", "", _member_text(name, zf.read(name), tmp_path))
            found = [mark for mark in trainer_marks if re.sub(r"\s+", "", mark) in text]
            assert not found, (name, found)
            opened += 1
    assert opened == len(names) > 50
    top = m.id
    site_files = {
        f"{top}/site/{p.relative_to(half_day / 'site').as_posix()}"
        for p in (half_day / "site").rglob("*")
        if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"
    }
    assert site_files <= names
    assert names - site_files == {f"{top}/{m.id}-learner.pdf", f"{top}/{m.id}-handout.pdf", f"{top}/离线使用说明.txt"}
    readme = zipfile.ZipFile(half_day / f"{m.id}-offline.zip").read(f"{top}/离线使用说明.txt").decode("utf-8")
    for cl in m.lessons:  # every lesson with its module: two modules may both have a 第三课
        assert f"{cl.lesson.module_name}　{cl.lesson.title}" in readme
    assert (half_day / f"{m.id}-offline.zip").stat().st_size < 15 * 1024 * 1024


@pytest.mark.slow
def test_trainer_bundle_is_separate_and_named_so(half_day, catalog, project):
    m = manifest_of(HALF, catalog, project)
    with zipfile.ZipFile(half_day / f"{m.id}-trainer.zip") as zf:
        names = set(zf.namelist())
        readme = next(n for n in names if n.endswith("（请勿发给学员）.txt"))
        assert "请勿发给学员" in readme and "请勿发给学员" in zf.read(readme).decode("utf-8")
    top = f"{m.id}-trainer"
    papers = {f"{top}/paper/{p.name}" for p in (half_day / "paper").iterdir()}
    assert names == {f"{top}/{m.id}-trainer.pdf", readme, *papers}
    assert not any("/site/" in n for n in names)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_only_one_part_keeps_the_others_byte_for_byte(half_day, tmp_path):
    from course_helpers import run_build

    from quizgen.course.reuse import STATE

    out = tmp_path / "course"
    shutil.copytree(half_day, out)
    before = _tree(out)
    manifest = tmp_path / "half.yaml"  # the same course, another draw of its paper
    text = HALF.read_text(encoding="utf-8")
    assert "seed: 20200415" in text
    manifest.write_text(text.replace("seed: 20200415", "seed: 7"), encoding="utf-8")
    result = run_build(manifest, out, "--only", "paper")
    after = _tree(out)
    assert "试卷：抽题" in result.stdout and "课程网站：本次不生成，保留上次的结果" in result.stdout
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed and all(n.startswith("paper/") or n in ("course.json", STATE) for n in changed), changed
    assert any(n.endswith(".docx") for n in changed)  # the paper itself was drawn again
    assert "--only 里加上 bundle" in result.stdout  # the bundles packed before are said to be stale


@pytest.mark.slow
def test_a_second_build_of_an_unchanged_course_reuses_every_part(half_day, tmp_path):
    from course_helpers import run_build

    out = tmp_path / "course"
    shutil.copytree(half_day, out)
    before = _tree(out)
    result = run_build(HALF, out)
    assert result.stdout.count("输入没有变化，沿用上次的结果") == 4, result.stdout
    assert "xelatex" not in result.stdout.rsplit("用时：", 1)[1]  # nothing typeset
    assert _tree(out) == before


EVENT_ATTRIBUTE = re.compile(r"^on", re.I)


def test_hostile_manifest_text_is_never_markup(hostile):
    pages = _html_pages(hostile / "site")
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            assert not any(EVENT_ATTRIBUTE.match(a) for a in tag.attrs), (page, str(tag)[:200])
        for script in soup.find_all("script"):
            assert "__xss" not in script.get_text() and "alert(" not in script.get_text(), (page, str(script)[:200])
        assert not soup.find_all(["img", "svg"], src="x")
        title = soup.select_one(".logo__title")
        assert title is not None and title.get_text() == HOSTILE_TITLE, page
    home = BeautifulSoup((hostile / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = home.select_one("article").get_text()
    shown = ("<i onmouseover=alert(3)>对象</i> `x` *y* | a |", "<svg onload=alert(4)>", "</p><script>alert(5)")
    for text in (*shown, "1. &lt;b&gt; 本次培训面向"):  # no list, no entity: as written
        assert text in article
    assert home.select_one("#jb-print-docs-body h1").get_text() == HOSTILE_TITLE


def test_hostile_paper_title_shows_as_text_in_word_and_pdf(hostile):
    word = Document(hostile / "paper" / "hostile-A.docx")
    assert word.paragraphs[0].text == HOSTILE_PAPER + "（A 卷）"
    pdf = subprocess.run(
        ["pdftotext", str(hostile / "paper" / "hostile-A.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert re.sub(r"\s+", "", HOSTILE_PAPER) in re.sub(r"\s+", "", pdf), pdf[:300]


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.slow
def test_half_day_handout_is_short(half_day, catalog, project):
    m = manifest_of(HALF, catalog, project)
    pages = _pdf_pages(half_day / f"{m.id}-handout.pdf")
    assert len(pages) <= 25  # 25 learners: at most 625 sheets, not 3,150
    flat = [re.sub(r"\s+", "", page) for page in pages]
    starts = []
    for cl in m.lessons:
        title = re.sub(r"\s+", "", cl.lesson.title)
        # The lesson's first page: its title and 学习目标, and no dot leaders (the contents name them too).
        found = [i for i, page in enumerate(flat) if title in page and "学习目标" in page and "....." not in page]
        assert found, cl.lesson.title
        starts.append(found[0])
    ends = [*starts[1:], len(pages)]
    assert all(end - start <= 4 for start, end in zip(starts, ends, strict=True)), (starts, len(pages))
    body = "".join(flat)
    for kept in ("学习目标", "原文摘录", "小结"):
        assert body.count(kept) >= len(m.lessons), kept
    for left_out in ("教学情景", "研讨要点", "要点精讲"):
        assert left_out not in body, left_out


@pytest.mark.slow
def test_covers_carry_no_year_of_the_build(half_day, catalog, project):
    m = manifest_of(HALF, catalog, project)
    for edition in ("learner", "trainer", "handout"):
        cover = re.sub(r"\s+", "", _pdf_pages(half_day / f"{m.id}-{edition}.pdf")[0])
        assert re.sub(r"\s+", "", m.title) in cover
        assert not re.search(r"\d{4}年", cover), (edition, cover)


@pytest.mark.slow
def test_final_test_page_speaks_of_the_course(half_day):
    text = BeautifulSoup((half_day / "site" / "practice" / "final-test.html").read_text(encoding="utf-8"), "lxml")
    article = text.select_one("article").get_text()
    assert "从本次培训各课的题库中" in article and "本次培训所学内容" in article
    assert "全部模块" not in article and "整篇讲话" not in article
