"""The offline bundle: one versioned zip with the site, both PDFs, the EPUB and 离线使用说明, ≤ 15 MB."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

pytest_plugins = ["conftest_dist"]
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 15 * 1024 * 1024


def version() -> str:
    match = re.search(r'^release = (?:version = )?"([^"]+)"', (ROOT / "conf.py").read_text(encoding="utf-8"), re.M)
    assert match
    return match.group(1)


def test_one_versioned_zip_within_15_mb(dist_zip: Path) -> None:
    assert dist_zip.name == f"gonghui-lianzheng-{version()}.zip"
    assert dist_zip.stat().st_size <= LIMIT


def test_expected_files(dist_zip: Path) -> None:
    top = dist_zip.stem
    with zipfile.ZipFile(dist_zip) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    assert all(n.startswith(f"{top}/") for n in names)
    inside = {n[len(top) + 1 :] for n in names}
    for expected in (
        "离线使用说明.html",
        "handbook-learner.pdf",
        "handbook-trainer.pdf",
        "course.epub",
        "site/index.html",
        "site/search.html",
        "site/searchindex.js",
        "site/reference/speech.html",
        "site/_static/quizgen.js",
    ):
        assert expected in inside, expected
    assert any(re.fullmatch(r"site/modules/m\d+/l\d+\.html", n) for n in inside)
    # build leftovers stay out
    assert not [n for n in inside if "/.doctrees/" in n or n.endswith((".buildinfo", ".doctree", ".pickle"))]


def test_entries_sorted_with_fixed_timestamps(dist_zip: Path) -> None:
    with zipfile.ZipFile(dist_zip) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert len({i.date_time for i in infos}) == 1
    assert {i.external_attr >> 16 for i in infos} == {0o644}


def test_instructions_in_chinese(dist_unzipped: Path) -> None:
    readme = (dist_unzipped / "离线使用说明.html").read_text(encoding="utf-8")
    assert 'lang="zh-CN"' in readme
    for needed in ("解压", "site/index.html", "handbook-learner.pdf", "handbook-trainer.pdf", "course.epub"):
        assert needed in readme
    for link in re.findall(r'href="([^"]+)"', readme):
        assert (dist_unzipped / link).is_file(), link


def test_epub_in_the_bundle_keeps_mimetype_first(dist_unzipped: Path) -> None:
    with zipfile.ZipFile(dist_unzipped / "course.epub") as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert zf.testzip() is None
