"""Courses: manifests, `quizgen course list/check/build`, the two shipped courses and broken manifests.

The half-day course is built in full once per session (site, both PDFs, bundle, paper); the one-day course only
its site and paper (its PDFs are built the same way and cost a minute more of CI).
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from buildenv import build_env
from docx import Document

from quizgen import present
from quizgen.cli import main
from quizgen.course import build as build_module
from quizgen.course.build import BuildError, CourseBuild
from quizgen.course.catalog import load_catalog, minutes_of
from quizgen.course.manifest import Manifest, read_manifest
from quizgen.course.sphinx_run import filter_module_page
from quizgen.model import Question
from quizgen.output import MARKER, MARKER_TEXT
from quizgen.paper.markdown import escape as markdown_escape
from quizgen.project import Project

ROOT = Path(__file__).resolve().parent.parent
COURSES = ROOT / "quizzes" / "courses"
HALF = COURSES / "new-cadres-half-day.yaml"
ONE_DAY = COURSES / "annual-training-one-day.yaml"
BAD = Path(__file__).resolve().parent / "data" / "courses-bad"
GUIDE = ROOT / "docs" / "reference" / "trainer-guide.md"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "docs")


def manifest_of(path: Path, catalog, project: Project) -> Manifest:
    return read_manifest(path, catalog, project.questions, str(path.relative_to(ROOT)))


# -- the shipped manifests and the trainer guide ----------------------------------------------------------------


def test_check_passes_on_the_shipped_courses(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["course", "check"]) == 0
    assert "课程清单检查通过：2 个清单" in capsys.readouterr().out


def test_list_shows_lessons_and_durations(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["course", "list"]) == 0
    out = capsys.readouterr().out
    assert "新任职工会干部廉政教育（半天）（new-cadres-half-day）" in out
    assert "工会干部年度廉政轮训（一天）（annual-training-one-day）" in out
    assert "时长：3小时55分钟；各课合计约 3小时20分钟" in out
    assert re.search(r"m3-l3\s+40分钟\s+模块三　第三课　治于未病", out)
    assert "试卷：新任职工会干部廉政教育测验，15 题，100 分，A、B 卷" in out


def _plan(title: str) -> tuple[str, list[list[str]]]:
    """A plan section of the trainer guide: its text and its table rows (cells)."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| 时间") and not line.startswith("| ---")
    ]
    return section, rows


@pytest.mark.parametrize(
    ("path", "plan"),
    [(HALF, "方案一：新任职工会干部廉政教育（半天）"), (ONE_DAY, "方案二：工会干部年度廉政轮训（一天）")],
    ids=["half-day", "one-day"],
)
def test_shipped_course_matches_the_trainer_guide(path, plan, catalog, project):
    m = manifest_of(path, catalog, project)
    section, rows = _plan(plan)
    assert plan.split("：", 1)[1] == m.title
    assert f"**{m.title}**" in GUIDE.read_text(encoding="utf-8")
    assert m.duration == sum(minutes_of(cells[1]) or 0 for cells in rows)  # the schedule, breaks and test included
    lessons: list[str] = []
    minutes = {cl.lesson.id: cl.minutes for cl in m.lessons}
    for cells in rows:
        content = cells[3]
        row_lessons = re.findall(r"\{ref\}`(m\d-l\d)`", content)
        lessons += row_lessons
        timed = dict(re.findall(r"\{ref\}`(m\d-l\d)`（(\d+)分钟）", content))
        for lesson, time in timed.items():
            assert minutes[lesson] == int(time), lesson
        if row_lessons and not timed:
            assert sum(minutes[lesson] for lesson in row_lessons) == minutes_of(cells[1]), cells
        for page in re.findall(r"\{doc\}`/([a-z/-]+)`", content):
            assert page in m.pages, page
    assert m.lesson_ids == lessons
    assert m.paper is not None
    if "客观题" in section:
        wanted = int(re.search(r"(\d+)道客观题", section).group(1))
        assert sum(s.count for s in m.paper.sections) == wanted
        assert "open" not in {s.type for s in m.paper.sections}
    test_row = next(cells for cells in rows if "测验" in cells[2])
    answering = re.search(r"(\d+)分钟作答", section)  # a short test: answering time, then the review
    assert m.paper.minutes == (int(answering.group(1)) if answering else minutes_of(test_row[1]))


# -- broken manifests -------------------------------------------------------------------------------------------

# Each broken manifest: the (line, words) of every problem it must report, all at once.
BAD_CASES = {
    "unknown-lesson": [(7, "没有这一课：m3-l9"), (8, "没有这个模块：m7")],
    "too-many-questions": [(9, "单选题要 80 道，符合条件的只有")],
    "missing-field": [(1, "缺少必填字段 audience"), (1, "缺少必填字段 paper")],
    "wrong-types": [
        (1, "id 只能含小写字母"),
        (2, "title 应是文字（现在是数字）"),
        (3, "audience 应是文字（现在是列表）"),
        (4, "duration 应是正整数"),
        (5, "lessons 应是非空列表"),
        (6, "pages 应是页面列表"),
        (10, "count（题数）应是正整数"),
    ],
    "several-at-once": [
        (5, "未知字段 teacher"),
        (9, "同一模块的课要连续列出"),
        (10, "已在第 9 行列出"),
        (10, "minutes 应是正整数"),
        (11, "没有可加入的页面 practice/nowhere"),
        (15, "points（每题分值）应是正数"),
        (16, "type 应是 single"),
    ],
    "bad-yaml": [(4, "YAML 无法解析")],
    "non-utf8": [(2, "不是 UTF-8 编码")],
}


def test_every_bad_manifest_has_a_case():
    assert {p.stem for p in BAD.glob("*.yaml")} == set(BAD_CASES)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
@pytest.mark.parametrize("command", ["build", "check"])
def test_bad_manifest_is_refused_with_file_and_line(name, command, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(ROOT)
    path = BAD / f"{name}.yaml"
    out = tmp_path / "out"
    argv = ["course", "build", str(path), "-o", str(out)] if command == "build" else ["course", "check", str(path)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if not line.startswith("课程清单检查未通过")]
    display = f"tests/data/courses-bad/{name}.yaml"
    assert lines and all(re.match(rf"^{re.escape(display)}:\d+: \S", line) for line in lines), captured.err
    found = [(int(line.split(":")[1]), line) for line in lines]
    for line_no, words in BAD_CASES[name]:
        assert any(n == line_no and words in text for n, text in found), (line_no, words, captured.err)
    assert len(lines) == len(BAD_CASES[name]), captured.err
    assert "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == []  # no output folder, no temporary folder


def test_a_failed_build_leaves_no_folder(catalog, project, tmp_path, monkeypatch):
    m = manifest_of(HALF, catalog, project)
    build = CourseBuild(m, catalog, ROOT, project.questions, {b.id: ROOT / b.file for b in project.banks})

    def broken() -> None:
        raise BuildError("课程网站构建失败：（测试）")

    monkeypatch.setattr(build, "site", broken)
    with pytest.raises(BuildError):
        build.run(tmp_path / "course", ("site",), log=lambda s: None)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rebuild_keeps_the_previous_output(catalog, project, tmp_path, monkeypatch):
    m = manifest_of(HALF, catalog, project)
    target = tmp_path / "course"
    target.mkdir()
    (target / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # a folder an earlier build made
    (target / "old.txt").write_text("previous build", encoding="utf-8")
    build = CourseBuild(m, catalog, ROOT, project.questions, {b.id: ROOT / b.file for b in project.banks})
    monkeypatch.setattr(build, "site", lambda: (_ for _ in ()).throw(BuildError("失败")))
    with pytest.raises(BuildError):
        build.run(target, ("site",), log=lambda s: None)
    assert [p.name for p in tmp_path.iterdir()] == ["course"]
    assert (target / "old.txt").read_text(encoding="utf-8") == "previous build"


def test_the_course_title_is_escaped_in_module_notes(catalog, project, tmp_path):
    m = manifest_of(HALF, catalog, project)
    m.title = "<b>*课*</b>"
    build = CourseBuild(m, catalog, ROOT, project.questions, {})
    build.docs = build.work = tmp_path
    notes = [module["note"] for module in build._job("html", "html", tmp_path, [], {})["modules"].values()]
    written = [note for note in notes if note]
    assert written and all(r"“\<b\>\*课\*\</b\>”" in note for note in written), notes


def test_the_course_title_is_escaped_for_latex(catalog, project, tmp_path, monkeypatch):
    m = manifest_of(HALF, catalog, project)
    m.title = "A&B_100%"
    build = CourseBuild(m, catalog, ROOT, project.questions, {})
    build.docs = build.work = tmp_path
    jobs: list[dict] = []
    monkeypatch.setattr(build_module, "_sphinx", lambda job, work, what: jobs.append(job))
    build.latex("learner")
    assert jobs[0]["overrides"]["latex_documents"][0][2] == r"A\&B\_100\%"
    m.title = HOSTILE_TITLE
    build.latex("trainer")
    for text in (jobs[1]["overrides"]["latex_documents"][0][2], jobs[1]["overrides"]["latex_elements"]["maketitle"]):
        assert build_module._tex(HOSTILE_TITLE) in text  # the title page and the document's title
        assert r"\ ~ ^ #" not in text and "{x}" not in text
    heading = tmp_path / "paper.md"
    heading.write_text(f"# {markdown_escape('1. A*B_{x}')}\n\n正文\n", encoding="utf-8")
    assert build_module._heading(heading) == "1. A*B_{x}"


def test_date_place_and_whole_modules(tmp_path, catalog, project):
    path = tmp_path / "course.yaml"
    path.write_text(
        "id: test-course\ntitle: 测试课程\naudience: 测试\ndate: 2020-04-15\nplace: XX会议室\nduration: 90\n"
        "description: >-\n  第一行，\n  第二行 and more\n"
        "lessons: [m4, {lesson: m1-l3, minutes: 12}]\npaper:\n  title: 测验\n  sections:\n    - {type: truefalse, count: 4, points: 25}\n",
        encoding="utf-8",
    )
    m = read_manifest(path, catalog, project.questions)
    assert (m.date, m.place, m.duration) == ("2020-04-15", "XX会议室", 90)
    assert m.description == "第一行，第二行 and more"  # folded lines join without spaces between Chinese
    assert m.lesson_ids == ["m4-l1", "m1-l3"]
    assert m.modules == ["m4", "m1"]
    assert [cl.minutes for cl in m.lessons] == [catalog.lessons["m4-l1"].minutes, 12]


def test_module_page_filter_keeps_only_the_chosen_lessons():
    text = (ROOT / "docs" / "modules" / "m3" / "index.md").read_text(encoding="utf-8")
    filtered = filter_module_page(text, ["l3", "l2"], "选学第三课、第二课。")
    toctree = filtered.split("```{toctree}", 1)[1].split("```", 1)[0]
    assert [line for line in toctree.splitlines() if line.strip() and not line.startswith(":")] == ["l3", "l2"]
    assert "<m3-l1>" not in filtered and "<m3-l4>" not in filtered
    assert "<m3-l2>" in filtered and "<m3-l3>" in filtered
    assert "选学第三课、第二课。" in filtered
    assert filtered.count("\n# ") + filtered.startswith("# ") == 1


# -- the built courses ------------------------------------------------------------------------------------------


def _build(tmp_path_factory: pytest.TempPathFactory, manifest: Path, *extra: str) -> Path:
    out = tmp_path_factory.mktemp("courses") / manifest.stem
    env = build_env()
    result = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "course", "build", str(manifest), "-o", str(out), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, f"course build failed:\n{result.stdout}\n{result.stderr}"
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary folder left beside it
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~mask  # the umask's mode, not a temporary folder's 0700
    return out


@pytest.fixture(scope="session")
def half_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, HALF)


@pytest.fixture(scope="session")
def one_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, ONE_DAY, "--only", "site,paper")


COURSE_PARAMS = [pytest.param(HALF, "half_day", id="half-day"), pytest.param(ONE_DAY, "one_day", id="one-day")]


def _html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "_static" not in p.parts]


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
    expected = {"index", "search", "genindex", "appendix/book", "appendix/answers", *m.docnames()}
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
            for ext in ("docx", "pdf", "md"):
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
    with zipfile.ZipFile(half_day / f"{m.id}-offline.zip") as zf:
        names = set(zf.namelist())
    top = m.id
    site_files = {
        f"{top}/site/{p.relative_to(half_day / 'site').as_posix()}"
        for p in (half_day / "site").rglob("*")
        if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"
    }
    assert site_files <= names
    assert {f"{top}/{m.id}-learner.pdf", f"{top}/{m.id}-trainer.pdf", f"{top}/离线使用说明.txt"} <= names
    assert not any("/paper/" in n for n in names)  # the exam and its key stay with the trainer
    assert (half_day / f"{m.id}-offline.zip").stat().st_size < 15 * 1024 * 1024


@pytest.mark.slow
@pytest.mark.browser
def test_course_site_search_works_offline_and_stays_in_the_course(page, half_day, offsite_requests, console_errors):
    from playwright.sync_api import expect

    site = half_day / "site"
    page.goto((site / "search.html").as_uri() + "?q=诫勉")
    expect(page.locator("#search-results .search-summary")).to_be_visible(timeout=15000)  # shown when done
    hrefs = [a.get_attribute("href") for a in page.locator("#search-results ul.search li a").all()]
    assert any("modules/m3/l3.html" in h for h in hrefs), hrefs
    assert not any("modules/m2/" in h or "trainer-guide" in h for h in hrefs), hrefs
    # 漏评 is taught in m2-l3 (not in this course) and mentioned in the glossary (always in).
    page.goto((site / "search.html").as_uri() + "?q=漏评")
    expect(page.locator("#search-results .search-summary")).to_be_visible(timeout=15000)
    hrefs = [a.get_attribute("href") for a in page.locator("#search-results ul.search li a").all()]
    assert any("reference/glossary.html" in h for h in hrefs), hrefs
    assert not any("modules/m2/" in h for h in hrefs), hrefs
    page.wait_for_timeout(300)
    assert offsite_requests == []
    assert console_errors == []


# -- a hostile manifest: its text is text on every page, in the paper's Word file and PDF ----------------------

HOSTILE_TITLE = "<script>window.__xss='title'</script><img src=x onerror=alert(1)>课 & % $ _ {x} \\ ~ ^ #"
HOSTILE_PAPER = "<b onclick=alert(2)>测验</b> *强* & % $ _ {y} \\ ~"


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = HALF.read_text(encoding="utf-8")
    lessons = text[text.index("lessons:") : text.index("pages:")]
    replacements = {
        "id: new-cadres-half-day": "id: hostile",
        f"title: {manifest_title(text)}": "title: " + json.dumps(HOSTILE_TITLE, ensure_ascii=False),
        "audience: ": 'audience: "<i onmouseover=alert(3)>对象</i> `x` *y* | a |"  # ',
        "description: >-": "date: \"<svg onload=alert(4)>\"\nplace: '</p><script>alert(5)</script>'\ndescription: >-",
        "  本次培训面向": "  1. &lt;b&gt; 本次培训面向",
        lessons: "lessons: [m1-l1, m3-l2]\n",
        "  title: 新任职工会干部廉政教育测验": "  title: " + json.dumps(HOSTILE_PAPER, ensure_ascii=False),
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    folder = tmp_path_factory.mktemp("hostile")
    manifest = folder / "hostile.yaml"
    manifest.write_text(text, encoding="utf-8")
    return _build(tmp_path_factory, manifest, "--only", "site,paper")


def manifest_title(text: str) -> str:
    return re.search(r"^title: (.*)$", text, re.M).group(1)


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


def test_a_link_as_output_is_built_through_and_kept(catalog, project, tmp_path, monkeypatch):
    m = manifest_of(HALF, catalog, project)
    build = CourseBuild(m, catalog, ROOT, project.questions, {b.id: ROOT / b.file for b in project.banks})
    monkeypatch.setattr(
        build, "site", lambda: (build.out / "site").mkdir() or (build.out / "site" / "x").write_text("1")
    )
    real = tmp_path / "store" / "course"
    real.parent.mkdir()
    link = tmp_path / "latest"
    link.symlink_to(real, target_is_directory=True)
    for _ in range(2):  # a new folder, then replacing the one built before
        build.run(link, ("site",), log=lambda s: None)
        assert link.is_symlink() and link.resolve() == real
        assert sorted(p.name for p in real.iterdir()) == [MARKER, "course.json", "site"]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "store"]
        assert [p.name for p in real.parent.iterdir()] == ["course"]


def test_hostile_bank_text_is_escaped_in_the_paper_latex(catalog, project, tmp_path, root):
    from quizgen.load import load_bank
    from quizgen.paper import outputs
    from quizgen.paper.draw import draw
    from quizgen.paper.spec import read_spec

    bank, _ = load_bank(root / "tests" / "data" / "xss-bank" / "banks" / "xss.yaml")
    spec = tmp_path / "xss-paper.yaml"
    sections = "".join(f"  - {{type: {t}, count: 1, points: 2}}\n" for t in ("single", "multiple", "truefalse", "fill"))
    spec.write_text(f"title: 转义\nseed: 1\nvariants: [A]\ntotal: 8\nsections:\n{sections}", encoding="utf-8")
    (paper,) = draw(read_spec(spec), bank.questions)
    build = CourseBuild(manifest_of(HALF, catalog, project), catalog, ROOT, project.questions, {})
    build.work = tmp_path / "work"
    build.work.mkdir()
    markdown = []
    for name, produce in outputs(paper, ("md",)).items():
        (tmp_path / name).write_bytes(produce())
        markdown.append(tmp_path / name)
    files = sorted(build.paper_latex(sorted(markdown)).glob("*.tex"))
    assert len(files) == 2  # the paper and its key
    for tex in files:
        body = tex.read_text(encoding="utf-8").split(r"\begin{document}", 1)[1]
        assert r"\input{/etc/passwd}" not in body
        assert body.count(r"\end{document}") == 1  # the bank's \end{document} is text
        shown = body.replace(r"\textless{}", "<").replace(r"\textgreater{}", ">")
        assert "<script>" in shown  # markup from the bank shows as text
    paper_tex = next(t for t in files if not t.stem.endswith("-key")).read_text(encoding="utf-8")
    assert r"\textbackslash{}input\{/etc/passwd\}" in paper_tex
    assert r"100\%" in paper_tex and r"\textbackslash{}bf" in paper_tex
