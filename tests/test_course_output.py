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
from quizgen.course.catalog import format_minutes
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
    assert lessons == {cl.lesson.docname for cl in m.site_lessons}  # those taught and the 课后自学 ones
    assert {d for d in built if d.startswith("modules/")} - lessons == {f"modules/{x}/index" for x in m.modules}
    expected = {"index", "search", "genindex", "appendix/book", "appendix/handout", "appendix/answers", *m.docnames()}
    assert built == expected
    # Navigation: the lessons in the course's order, module by module (a module's homework after its taught lessons).
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = [a["href"] for a in home.select("nav.bd-links a") if re.search(r"modules/m\d+/l\d+\.html", a["href"])]
    assert nav == [f"{cl.lesson.docname}.html" for module in m.modules for cl in m.module_lessons(module)]
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
    chosen = {cl.lesson.id for cl in m.site_lessons}
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
        for cl in m.site_lessons:  # the books hold the 课后自学 lessons too, marked so
            assert re.sub(r"\s+", "", cl.lesson.title) in flat
        assert flat.count("请在培训结束后自学") >= len(m.homework.lessons) > 0
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
    homework = readme.split("课后自学", 1)[1]
    assert all(f"{cl.lesson.module_name}　{cl.lesson.title}" in homework for cl in m.homework.lessons)
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
    for cl in m.homework.lessons:  # 课后自学 is not printed for the session
        assert re.sub(r"\s+", "", cl.lesson.title) not in body, cl.lesson.title
    # The contents name each lesson with its module: 模块一 and 模块三 both have a 第三课.
    contents = "".join(page for page in flat if "....." in page)
    for cl in m.lessons:
        assert re.sub(r"\s+", "", cl.lesson.label) in contents, cl.lesson.label


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
    assert "从本次培训各课（含课后自学的课）的题库中" in article and "本次培训所学内容" in article
    assert "全部模块" not in article and "整篇讲话" not in article


def _manifest_of_fixture(fixture: str, out: Path) -> Path:
    """The manifest a session fixture built: the hostile one is written beside the builds (conftest_course.py)."""
    if fixture == "hostile":
        return next(out.parent.parent.glob("hostile*/hostile.yaml"))
    return {"half_day": HALF, "one_day": ONE_DAY}[fixture]


def _article_text(page: Path) -> str:
    """What a learner reads on a page: its article, quiz titles and counts included, question bodies left out."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article")
    if article is None:
        return ""
    for question in article.select(".qz-q"):
        question.decompose()
    return article.get_text()


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["half_day", "one_day", "hostile"])
def test_no_page_describes_the_whole_course(fixture, request, catalog, project):
    """导学, 学习指南, 综合测验, the module pages and the home page give the course's own figures."""
    from quizgen.course.wording import final_test_size

    out: Path = request.getfixturevalue(fixture)
    m = manifest_of(_manifest_of_fixture(fixture, out), catalog, project)
    all_lessons = len(catalog.lessons)
    figures = ["全部课程", "全部模块", "整篇讲话", "约7小时", "两天学完"]
    if len(m.site_lessons) < all_lessons:
        figures += ["50 题", "50 道", "50道", "40 分钟左右", "40分钟左右", f"{all_lessons} 课", "十三课"]
    if len(m.modules) < len(catalog.modules):
        figures += ["四个模块"]
    pages = {p.relative_to(out / "site").as_posix(): _article_text(p) for p in _html_pages(out / "site")}
    assert len(pages) > 8
    for name, text in pages.items():
        found = [f for f in figures if f in text]
        assert not found, (name, found)
    count, minutes = final_test_size(len(m.site_lessons), all_lessons)
    assert f"综合测验（{count} 题）" in pages["practice/final-test.html"]
    assert f"建议用时 {minutes} 分钟左右" in pages["practice/final-test.html"]
    intro = pages["guide/intro.html"]
    assert f"本次培训讲授 {len(m.lessons)} 课" in intro
    assert f"本次培训各课合计约{format_minutes(m.minutes)}" in intro
    for module in m.modules:
        assert catalog.modules[module].title in intro
    for module in m.modules:  # a module the course takes in part: no sentence on the whole of it
        text = pages[f"modules/{module}/index.html"]
        if len(m.module_lessons(module)) < len(catalog.modules[module].lessons):
            assert "全模块建议用时" not in text and not re.search(r"分.课学习", text), module
        else:
            assert "全模块建议用时" in text  # true of the course: kept


@pytest.mark.slow
def test_homework_is_marked_on_the_site(half_day, catalog, project):
    m = manifest_of(HALF, catalog, project)
    assert m.homework_ids == ["m2-l1", "m2-l2", "m2-l3", "m2-l4", "m2-l5", "m3-l1"]
    site = half_day / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    # The navigation marks each 课后自学 lesson, and a module that is homework alone; taught ones are unmarked.
    nav = {a["href"]: a.get_text(strip=True) for a in home.select("nav.bd-links a")}
    for cl in m.site_lessons:
        marked = nav[f"{cl.lesson.docname}.html"].endswith("（课后自学）")
        assert marked == (cl in m.homework.lessons), cl.lesson.id
    assert nav["modules/m2/index.html"].endswith("（课后自学）")
    assert not nav["modules/m3/index.html"].endswith("（课后自学）")
    # The home page: a 课后自学 section listing them, after the 课程安排 of the taught lessons.
    article = home.select_one("article")
    sections = {h.get_text(strip=True).rstrip("#"): h.find_parent("section") for h in article.select("h2")}
    schedule, homework = sections["课程安排"].get_text(), sections["课后自学"].get_text()
    for cl in m.lessons:
        assert cl.lesson.title in schedule and cl.lesson.title not in homework
    for cl in m.homework.lessons:
        assert cl.lesson.title in homework and cl.lesson.title not in schedule
    # Each homework lesson says so at its top; its self-test is there.
    for cl in m.homework.lessons:
        page = BeautifulSoup((site / f"{cl.lesson.docname}.html").read_text(encoding="utf-8"), "lxml")
        note = page.select_one("article .admonition")
        assert note is not None and "课后自学" in note.get_text() and "培训结束后自学" in note.get_text()
        assert page.select(".qz-q")
    m3 = _article_text(site / "modules" / "m3" / "index.html")
    assert "讲授本模块的第二课、第三课、第四课" in m3 and "第一课是课后自学内容" in m3
    summary = json.loads((half_day / "course.json").read_text(encoding="utf-8"))
    assert [lesson["id"] for lesson in summary["homework"]] == m.homework_ids


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["half_day", "hostile"])
def test_daily_practice_draws_only_from_the_course(fixture, request, catalog, project):
    out: Path = request.getfixturevalue(fixture)
    m = manifest_of(_manifest_of_fixture(fixture, out), catalog, project)
    site = out / "site"
    daily = BeautifulSoup((site / "practice" / "daily.html").read_text(encoding="utf-8"), "lxml")
    index = json.loads(daily.select_one(".qz-daily")["data-index"])
    assert sorted(index["f"]) == sorted(cl.lesson.id for cl in m.site_lessons)
    qids = {qid for ids in index["q"] for qid in ids}
    assert {project.question(q).lesson for q in qids} == {cl.lesson.id for cl in m.site_lessons}
    for name in index["f"]:
        assert (site / "_static" / "qz-data" / f"{name}.js").is_file()
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.select_one('.qz-today[data-qz-page="today"]') is not None  # 今日待练 on the course's home page
    nav = [a["href"] for a in home.select("nav.bd-links a")]
    assert "practice/daily.html" in nav
