"""The course build's own logic, without Sphinx or TeX where it can: a failed build leaves nothing or the previous
output, the manifest's text is escaped for Markdown and LaTeX, an output given as a link, what a build takes over
from the previous output, the bundles' read-me files."""

from __future__ import annotations

import pytest
from course_helpers import HALF, HOSTILE_TITLE, ROOT, manifest_of

from quizgen.course import paper_pdf
from quizgen.course.build import BuildError, CourseBuild
from quizgen.course.reuse import STATE
from quizgen.output import MARKER, MARKER_TEXT
from quizgen.paper.markdown import escape as markdown_escape

pytest_plugins = ["conftest_course"]


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
    build.prepare(tmp_path)
    notes = [module["note"] for module in build._job("html", "html", tmp_path, [], {})["modules"].values()]
    written = [note for note in notes if note]
    assert written and all(r"“\<b\>\*课\*\</b\>”" in note for note in written), notes


def test_the_course_title_is_escaped_for_latex(catalog, project, tmp_path, monkeypatch):
    m = manifest_of(HALF, catalog, project)
    m.title = "A&B_100%"
    build = CourseBuild(m, catalog, ROOT, project.questions, {})
    build.prepare(tmp_path)
    jobs: list[dict] = []
    monkeypatch.setattr(build, "_sphinx", lambda job, what: jobs.append(job))
    build.latex("learner")
    assert jobs[0]["overrides"]["latex_documents"][0][2] == r"A\&B\_100\%"
    m.title = HOSTILE_TITLE
    build.latex("trainer")
    for text in (jobs[1]["overrides"]["latex_documents"][0][2], jobs[1]["overrides"]["latex_elements"]["maketitle"]):
        assert paper_pdf.tex(HOSTILE_TITLE) in text  # the title page and the document's title
        assert r"\ ~ ^ #" not in text and "{x}" not in text
    heading = tmp_path / "paper.md"
    heading.write_text(f"# {markdown_escape('1. A*B_{x}')}\n\n正文\n", encoding="utf-8")
    assert paper_pdf.heading(heading) == "1. A*B_{x}"


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
        assert sorted(p.name for p in real.iterdir()) == sorted([MARKER, STATE, "course.json", "site"])
        assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "store"]
        assert [p.name for p in real.parent.iterdir()] == ["course"]


def test_hostile_bank_text_is_escaped_in_the_paper_latex(catalog, project, tmp_path, root):
    from quizgen.load import load_bank
    from quizgen.paper.draw import draw
    from quizgen.paper.markdown import key_markdown, paper_markdown
    from quizgen.paper.spec import read_spec

    bank, _ = load_bank(root / "tests" / "data" / "xss-bank" / "banks" / "xss.yaml")
    spec = tmp_path / "xss-paper.yaml"
    sections = "".join(f"  - {{type: {t}, count: 1, points: 2}}\n" for t in ("single", "multiple", "truefalse", "fill"))
    spec.write_text(f"title: 转义\nseed: 1\nvariants: [A]\ntotal: 8\nsections:\n{sections}", encoding="utf-8")
    (paper,) = draw(read_spec(spec), bank.questions)
    work = tmp_path / "work"
    work.mkdir()
    markdown = [tmp_path / "xss-A.md", tmp_path / "xss-A-key.md"]  # the PDF's source, as the build writes it
    markdown[0].write_text(paper_markdown(paper), encoding="utf-8")
    markdown[1].write_text(key_markdown(paper), encoding="utf-8")
    files = sorted(paper_pdf.paper_latex(sorted(markdown), work, "转义", {}).glob("*.tex"))
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


def _fake_site(build: CourseBuild) -> None:
    (build.out / "site").mkdir()
    (build.out / "site" / "index.html").write_text("site", encoding="utf-8")


def test_a_file_that_cannot_be_removed_is_reported(catalog, project, tmp_path, monkeypatch):
    import os

    m = manifest_of(HALF, catalog, project)
    target = tmp_path / "course"
    target.mkdir()
    (target / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (target / "locked.txt").write_text("read-only", encoding="utf-8")
    build = CourseBuild(m, catalog, ROOT, project.questions, {b.id: ROOT / b.file for b in project.banks})
    monkeypatch.setattr(build, "site", lambda: _fake_site(build))
    unlink = os.unlink

    def refuse(path, *args, **kwargs):  # as a read-only file on a share, or one another program holds open
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    result = build.run(target, ("site",), log=lambda s: None)
    monkeypatch.setattr(os, "unlink", unlink)
    left = [p for p in tmp_path.iterdir() if p.name != "course"]
    assert len(left) == 1 and left[0].name.startswith(".course.")
    assert result.notes and str(left[0]) in result.notes[0] and "手动删除" in result.notes[0]
    assert (target / "site" / "index.html").read_text(encoding="utf-8") == "site"


def test_only_keeps_and_reuses_the_previous_parts(catalog, project, tmp_path, monkeypatch):
    m = manifest_of(HALF, catalog, project)
    target = tmp_path / "course"
    build = CourseBuild(m, catalog, ROOT, project.questions, {b.id: ROOT / b.file for b in project.banks})
    calls: list[str] = []
    monkeypatch.setattr(build, "site", lambda: calls.append("site") or _fake_site(build))
    build.run(target, ("site",), log=lambda s: None)
    (target / "site" / "index.html").write_text("edited by hand", encoding="utf-8")
    result = build.run(target, ("site",), log=lambda s: None)  # nothing changed: copied, not built
    assert calls == ["site"] and result.reused == ["site"]
    assert (target / "site" / "index.html").read_text(encoding="utf-8") == "edited by hand"
    assert build.plan(("paper",), "another fingerprint") == (["paper"], [], ["site"])
    assert build.plan(("bundle",), "x")[0] == ["pdf", "bundle", "paper"]  # what it packs comes along
    assert build.plan(("scorm",), "x") == (["scorm"], [], ["site"])  # the site it packs is there


def test_readmes_name_each_lesson_with_its_module(catalog, project):
    from quizgen.course.readme import learner_readme, trainer_readme

    m = manifest_of(HALF, catalog, project)
    learner = learner_readme(m, [f"{m.id}-learner.pdf"])
    assert "模块三　第三课" in learner.replace("\r\n", "\n") and "模块一　第三课" in learner
    assert "培训师" not in learner and "\r\n" in learner
    trainer = trainer_readme(m, [f"{m.id}-trainer.pdf", "paper/"])
    assert "请勿发给学员" in trainer and f"{m.id}-offline.zip" in trainer


def _decoded(png: bytes, tmp_path) -> str:
    """What a phone's camera reads from the code (zbarimg, an independent decoder)."""
    import subprocess

    path = tmp_path / "qr.png"
    path.write_bytes(png)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_the_qr_code_reads_back_as_the_address(tmp_path):
    from quizgen.course.poster import qr_png

    for url in ("https://example.org/lianzheng/", "http://192.168.1.20:8000/index.html?from=qr#top"):
        assert _decoded(qr_png(url), tmp_path) == url


def test_manifest_url_is_checked(catalog, project, tmp_path):
    from quizgen.course.manifest import read_manifest
    from quizgen.problems import InputError

    text = HALF.read_text(encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(text.replace("duration:", "url: https://example.org/课程/\nduration:", 1), encoding="utf-8")
    assert read_manifest(good, catalog, project.questions).url == "https://example.org/课程/"
    for bad in ("example.org", "javascript:alert(1)", "[1, 2]", "https:// x"):
        path = tmp_path / "bad.yaml"
        path.write_text(text.replace("duration:", f"url: {bad}\nduration:", 1), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_manifest(path, catalog, project.questions)
        line = text[: text.index("duration:")].count("\n") + 1
        assert [(p.line, "url 应是课程网站的网址" in p.message) for p in caught.value.problems] == [(line, True)]


@pytest.mark.slow
def test_the_poster_shows_title_code_and_address(catalog, project, tmp_path):
    import re
    import subprocess

    from quizgen.course.build import project_conf
    from quizgen.course.poster import write_poster_source
    from quizgen.course.processes import latexmk

    m = manifest_of(HALF, catalog, project)
    m.title, m.url, m.place = "A&B_100% 课程 {x}", "https://example.org/a_b%20c/~d#e", "XX会议室"
    pdf = latexmk(write_poster_source(tmp_path / "poster", m, project_conf(ROOT, trainer=False)), "海报")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    for shown in (m.title, m.url, "XX会议室", "用手机扫描二维码"):
        assert re.sub(r"\s+", "", shown) in text, shown
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "page")], check=True)
    scanned = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(next(tmp_path.glob("page*.png")))], capture_output=True, text=True
    )
    assert scanned.stdout.strip() == m.url  # the printed code still reads as the address


def test_covers_name_the_training_not_the_year_of_the_build(catalog, project):
    from quizgen.course.build import project_conf

    m = manifest_of(HALF, catalog, project)
    m.date, m.place = "2020-04-15", "XX市总工会机关会议室"
    build = CourseBuild(m, catalog, ROOT, project.questions, {})
    conf = project_conf(ROOT, trainer=False)
    year = conf["copyright"].split("，")[0]
    assert f"{year} 年" in conf["latex_elements"]["maketitle"]  # the main book's cover
    for edition, name in (("learner", "学员手册"), ("handout", "讲义")):
        cover = build._cover(conf["latex_elements"]["maketitle"], conf, edition)
        assert paper_pdf.tex(m.title) in cover and name in cover
        assert paper_pdf.tex("2020-04-15　XX市总工会机关会议室") in cover
        assert f"{year} 年" not in cover
    m.date = m.place = ""
    assert "年" not in build._cover(conf["latex_elements"]["maketitle"], conf, "learner").replace(
        paper_pdf.tex(m.title), ""
    )
