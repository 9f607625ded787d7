"""SCORM 1.2 packages: `quizgen course build --scorm` and `python -m quizgen.scorm`; imsmanifest.xml against the
IMS CP 1.1.2 and ADL SCORM 1.2 schemas (tests/data/scorm12); relative links only; the mastery field.
The package at work in an LMS is tested in tests/browser/test_scorm_lms.py.
"""

from __future__ import annotations

import ast
import json
import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from buildenv import build_env
from lxml import etree

from quizgen.cli import main
from quizgen.course.catalog import load_catalog
from quizgen.course.manifest import read_manifest
from quizgen.problems import InputError
from quizgen.scorm import write_package
from quizgen.scorm.imsmanifest import ADLCP, CP

ROOT = Path(__file__).resolve().parent.parent
HALF = ROOT / "quizzes" / "courses" / "new-cadres-half-day.yaml"
SCHEMAS = Path(__file__).resolve().parent / "data" / "scorm12"
NS = {"cp": CP, "adlcp": ADLCP}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The half-day course's site and SCORM package, built as a trainer would."""
    out = tmp_path_factory.mktemp("scorm") / "half-day"
    command = [sys.executable, "-m", "quizgen.cli", "course", "build", str(HALF), "-o", str(out), "--only", "site"]
    result = subprocess.run([*command, "--scorm"], capture_output=True, text=True, cwd=ROOT, env=build_env())
    assert result.returncode == 0, f"course build failed:\n{result.stdout}\n{result.stderr}"
    assert "new-cadres-half-day-1.0-scorm.zip" in result.stdout
    return out


def package(course: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(course / "new-cadres-half-day-1.0-scorm.zip")


def schema() -> etree.XMLSchema:
    """IMS CP 1.1.2 with ADL's extension: one schema importing both namespaces, from the files shipped in tests."""
    driver = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="{CP}" schemaLocation="{(SCHEMAS / "imscp_rootv1p1p2.xsd").as_uri()}"/>
  <xsd:import namespace="{ADLCP}" schemaLocation="{(SCHEMAS / "adlcp_rootv1p2.xsd").as_uri()}"/>
</xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(driver.encode(), base_url=SCHEMAS.as_uri() + "/"))


def test_imsmanifest_is_valid_scorm_1_2(course: Path):
    with package(course) as zf:
        raw = zf.read("imsmanifest.xml")
        names = zf.namelist()
    manifest = etree.fromstring(raw)
    validator = schema()
    assert validator.validate(manifest), validator.error_log
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    assert manifest.get("identifier") == "new-cadres-half-day-1.0" and manifest.get("version") == "1.0"
    items = manifest.findall(".//cp:item", NS)
    assert len(items) == 1  # one SCO
    assert items[0].findtext("cp:title", namespaces=NS) == "新任职工会干部廉政教育（半天）"
    assert items[0].findtext("adlcp:masteryscore", namespaces=NS) == "80"  # the default
    (resource,) = manifest.findall(".//cp:resource", NS)
    assert resource.get(f"{{{ADLCP}}}scormtype") == "sco" and resource.get("href") == "index.html"
    assert items[0].get("identifierref") == resource.get("identifier")
    listed = [unquote(f.get("href")) for f in resource.findall("cp:file", NS)]
    assert sorted(listed) == sorted(n for n in names if n != "imsmanifest.xml")
    # the themes' templates with unfilled {{ pathto(…) }} placeholders stay out of every output
    assert [n for n in names if n.endswith("webpack-macros.html")] == []
    assert not [p for p in (course / "site").rglob("*webpack-macros.html")]
    # the themes' templates with unfilled {{ pathto(…) }} placeholders stay out of every output
    assert [n for n in names if n.endswith("webpack-macros.html")] == []
    assert not [p for p in (course / "site").rglob("*webpack-macros.html")]
    assert b"<adlcp:masteryscore>" in raw and b'adlcp:scormtype="sco"' in raw  # the prefix LMSs look for


def test_the_schema_refuses_a_broken_manifest(course: Path):
    """The schema check can fail: a resource without its type, a wrong scormtype."""
    with package(course) as zf:
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    resource = manifest.find(".//cp:resource", NS)
    resource.set(f"{{{ADLCP}}}scormtype", "lesson")
    assert not schema().validate(manifest)
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    del resource.attrib["type"]
    assert not schema().validate(manifest)


LINK = re.compile(r'\s(?:href|src)="([^"]*)"')


def test_every_link_is_relative_and_inside_the_package(course: Path):
    with package(course) as zf:
        names = set(zf.namelist())
        pages = [n for n in names if n.endswith(".html") and "/_static/" not in n]
        assert "index.html" in pages and "site/index.html" in pages
        for name in pages:
            text = zf.read(name).decode("utf-8")
            for link in LINK.findall(text):
                parts = urlsplit(link)
                assert not parts.scheme or parts.scheme == "data", f"{name}: {link}"
                assert not parts.netloc and not parts.path.startswith("/"), f"{name}: {link}"
                if parts.path:
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                    assert target in names or f"{target}/index.html" in names, f"{name}: {link}"


def test_pages_load_the_adapter_before_the_runtime_and_the_plain_site_does_not(course: Path):
    with package(course) as zf:
        pages = [n for n in zf.namelist() if n.startswith("site/") and n.endswith(".html") and "/_" not in n]
        assert len(pages) > 10
        for name in pages:
            text = zf.read(name).decode("utf-8")
            adapter, runtime = text.find("_static/quizgen-scorm.js"), text.find("_static/quizgen.js")
            assert 0 < adapter < runtime, name
        launch = zf.read("index.html").decode("utf-8")
    config = json.loads(re.search(r'id="qz-scorm">(.*?)</script>', launch).group(1))
    assert config["course"] == "new-cadres-half-day" and config["mastery"] == 80
    assert "practice/final-test.html" in config["pages"]
    assert "new-cadres-half-day/practice/final-test#1" in config["quizzes"]
    # the course's own site, built beside the package, is the offline one: no adapter anywhere
    site = course / "site"
    assert not (site / "_static" / "quizgen-scorm.js").exists()
    assert not any("quizgen-scorm" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_packing_is_reproducible_and_honours_the_mastery_score(scorm_site: Path, tmp_path: Path):
    first = write_package(scorm_site, tmp_path / "a", "half", "1.0", "标题 <&>", 90)
    second = write_package(scorm_site, tmp_path / "b", "half", "1.0", "标题 <&>", 90)
    assert first.name == "half-1.0-scorm.zip"
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["half-1.0-scorm.zip"]  # no temporary file left
    with zipfile.ZipFile(first) as zf:
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
        assert "<title>标题 &lt;&amp;&gt;</title>" in zf.read("index.html").decode("utf-8")
    assert manifest.findtext(".//cp:item/adlcp:masteryscore", namespaces=NS) == "90"
    assert manifest.findtext(".//cp:item/cp:title", namespaces=NS) == "标题 <&>"


def test_a_folder_that_is_not_a_built_site_is_refused(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    from quizgen.scorm import main as scorm_main

    assert scorm_main(["--site", str(tmp_path / "nothing"), "--out", str(tmp_path / "out")]) == 1
    assert "先生成网站" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "ok"), [("90", True), ("100", True), ("0", False), ("101", False), ("八十", False), ("true", False)]
)
def test_the_mastery_field(value: str, ok: bool, tmp_path: Path, project):
    text = HALF.read_text(encoding="utf-8").replace("\npaper:", f"\nmastery: {value}\npaper:", 1)
    path = tmp_path / "course.yaml"
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("\nmastery:")].count("\n") + 2
    catalog = load_catalog(ROOT / "docs")
    if ok:
        assert read_manifest(path, catalog, project.questions, "course.yaml").mastery == int(value)
        return
    with pytest.raises(InputError) as info:
        read_manifest(path, catalog, project.questions, "course.yaml")
    assert [(p.line, p.message.split("：")[0]) for p in info.value.problems] == [
        (line, "mastery 应是 1 到 100 的整数（结业测验及格的百分比，默认 80）")
    ]


def test_the_option_is_documented_by_help(capsys):
    with pytest.raises(SystemExit):
        main(["course", "build", "--help"])
    assert "--scorm" in capsys.readouterr().out


def test_tables_come_from_the_course_contract():
    from quizgen.scorm import contract_tables

    contract = {
        "version": 1,
        "course": "c",
        "quizzes": [
            {"key": "c/a#1", "questions": [{"id": "q-2", "type": "single"}, {"id": "q-1", "type": "fill"}]},
            {"key": "c/b#1", "questions": [{"id": "q-3", "type": "open"}, {"id": "q-<4>", "type": "truefalse"}]},
        ],
    }
    tables = contract_tables(contract, ["b.html", "a.html"])
    assert (tables.course, tables.quizzes, tables.pages) == ("c", ["c/a#1", "c/b#1"], ["a.html", "b.html"])
    assert tables.questions == ["q-1", "q-2", "q-<4>"]  # open questions never enter 错题本
    one = {**contract, "quizzes": contract["quizzes"][:1]}
    assert len(tables.table) == 8 and tables.table != contract_tables(one, ["a.html"]).table


def test_the_built_site_carries_its_contract_and_the_package_reads_it(course: Path, project):
    """quizgen-course.json, written by the Sphinx extension at the end of the build, names every quiz, its
    questions and types, the final test and the pass mark; the package's tables are read from it, not from the
    pages' HTML (a page whose markup changes cannot change them)."""
    from quizgen.contract import read_contract

    contract = read_contract(course / "site")
    assert contract and contract["course"] == "new-cadres-half-day" and contract["release"] == "1.0"
    assert contract["mastery"] == 80
    (final,) = [q for q in contract["quizzes"] if q["final"]]
    assert final["key"] == "new-cadres-half-day/practice/final-test#1" and final["page"] == "practice/final-test.html"
    for quiz in contract["quizzes"]:
        assert quiz["mode"] in ("practice", "test", "exam") and quiz["questions"]
        for item in quiz["questions"]:
            assert project.question(item["id"]).type == item["type"]
    with package(course) as zf:
        launch = zf.read("index.html").decode("utf-8")
    config = json.loads(re.search(r'id="qz-scorm">(.*?)</script>', launch).group(1))
    assert config["quizzes"] == sorted(q["key"] for q in contract["quizzes"])
    auto = {i["id"] for q in contract["quizzes"] for i in q["questions"] if i["type"] != "open"}
    assert config["questions"] == sorted(auto)


def test_a_site_without_its_contract_is_refused(course: Path, tmp_path: Path):
    import shutil

    import quizgen.scorm as scorm

    site = tmp_path / "site"
    shutil.copytree(course / "site", site)
    (site / "quizgen-course.json").unlink()
    with pytest.raises(scorm.ScormError, match=r"quizgen-course\.json"):
        scorm.members(site, "标题", 80)


def test_progress_size_bounds_the_largest_record_and_a_course_too_big_is_refused(scorm_site: Path, monkeypatch):
    import quizgen.scorm as scorm

    whole = scorm.Tables("main", [f"main/p{i}#1" for i in range(16)], [f"q{i}" for i in range(600)], [])
    assert scorm.progress_size(whole) < scorm.SUSPEND_LIMIT // 4  # ample room left for attempts in progress
    huge = scorm.Tables("main", [f"main/p{i}#1" for i in range(300)], [f"q{i}" for i in range(6000)], [])
    assert scorm.progress_size(huge) > scorm.SUSPEND_LIMIT
    monkeypatch.setattr(scorm, "contract_tables", lambda contract, pages: huge)
    with pytest.raises(scorm.ScormError, match="课程太大"):
        scorm.members(scorm_site, "标题", 80)


def test_the_package_is_never_written_over_an_input(tmp_path: Path, monkeypatch, capsys):
    from quizgen.scorm import main as scorm_main

    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "conf.py").write_text('project = "课程"\nrelease = version = "2.0"\n', encoding="utf-8")
    victim = project / "docs" / "gonghui-lianzheng-2.0-scorm.zip"
    victim.write_bytes(b"an input")
    monkeypatch.chdir(project)
    assert scorm_main(["--site", str(ROOT / "no-site"), "--out", "docs"]) == 2
    assert "拒绝写入" in capsys.readouterr().err
    assert victim.read_bytes() == b"an input"


def test_a_plain_site_is_refused(course: Path, html_site: Path, tmp_path: Path, monkeypatch, capsys):
    """Only the learner edition is packed. Catches a packer that takes any built site, as the first one did: the
    plain site holds the trainer guide and the maintainer pages and loads no adapter."""
    import quizgen.scorm as scorm

    for site in (course / "site", html_site):
        with pytest.raises(scorm.ScormError, match="quizgen_scorm=1"):
            scorm.members(site, "标题", 80)
    monkeypatch.chdir(ROOT)
    assert scorm.main(["--site", str(html_site), "--out", str(tmp_path / "out")]) == 1
    assert "不是 SCORM 学员版网站" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def left_out() -> set[str]:
    """Every page of docs/ that is not a learner page (conf.py's quizgen_learner_pages): trainers', maintainers'."""
    from quizgen.site.scorm_edition import left_out_pages

    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    patterns = ast.literal_eval(re.search(r"quizgen_learner_pages = (\[.*?\])", conf, re.S).group(1))
    return set(left_out_pages(ROOT / "docs", patterns))


@pytest.fixture(scope="module")
def whole_package(scorm_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make scorm`'s package: the whole course's learner edition, packed by ``python -m quizgen.scorm``."""
    from quizgen.scorm import main as scorm_main

    out = tmp_path_factory.mktemp("whole")
    assert scorm_main(["--site", str(scorm_site), "--out", str(out)]) == 0
    (found,) = out.glob("*-scorm.zip")
    return found


def test_the_packages_hold_learner_pages_only_and_link_to_no_other(whole_package: Path, course: Path):
    """Every HTML file of `make scorm`'s package and of a course's: no trainer or maintainer page, no link to one
    (navigation, 培训师 entry, text links), no search entry for one. Catches a package of the plain site (培训师指南,
    维护者 pages, the ☰ menu's 培训师 entry) and a learner edition that leaves a {doc} link to a page left out."""
    hidden = left_out()
    assert {"reference/trainer-guide", "maintainer/architecture", "reference/scorm"} <= hidden
    for path in (whole_package, course / "new-cadres-half-day-1.0-scorm.zip"):
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            pages = sorted(n for n in names if n.endswith(".html") and "/_static/" not in n)
            assert "site/modules/m1/l1.html" in pages and "site/reference/speech.html" in pages
            shipped = {n.removeprefix("site/").removesuffix(".html") for n in pages}
            assert shipped & hidden == set(), path.name
            for name in pages:
                text = zf.read(name).decode("utf-8")
                assert "qz-trainer-entry" not in text and "培训师与维护者资料" not in text, name
                for link in LINK.findall(text):
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(urlsplit(link).path)))
                    assert target.removeprefix("site/").removesuffix(".html") not in hidden, f"{name}: {link}"
            index = zf.read("site/searchindex.js").decode("utf-8")
            docnames = json.loads(re.search(r'"docnames":\s*(\[[^\]]*\])', index).group(1))
            assert docnames and set(docnames) & hidden == set(), path.name
    with zipfile.ZipFile(whole_package) as zf:
        intro = zf.read("site/guide/intro.html").decode("utf-8")
    assert '培训组织者和授课教师可参阅<span class="qz-left-out">培训师指南</span>' in intro  # the link, as text


def test_the_adapter_ships_minified_by_the_runtime_pipeline_within_its_budget(scorm_site: Path):
    """quizgen-scorm.js is adapter.js minified as the runtime is, and within its own gzip budget. Catches an adapter
    shipped as written (its comments and names: far over the budget) or one kept outside the pipeline."""
    from quizgen.sphinx.runtime import ADAPTER, SCORM_BUDGET, gzip_size, scorm_js

    shipped = (scorm_site / "_static" / "quizgen-scorm.js").read_text(encoding="utf-8")
    assert shipped == scorm_js()
    assert gzip_size(shipped) <= SCORM_BUDGET, f"quizgen-scorm.js is {gzip_size(shipped)} bytes gzipped"
    source = ADAPTER.read_text(encoding="utf-8")
    assert gzip_size(source) > SCORM_BUDGET  # the readable source alone would not fit: the budget is the minified
    assert "/* SCORM 1.2 RTE API discovery" in source and "RTE API discovery" not in shipped
