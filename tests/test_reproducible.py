"""Reproducible builds: two clean builds of the site are byte-identical, and so are the bundles."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

pytest_plugins = ["conftest_dist"]
pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent

# The build helpers live in the conftest_dist plugin; import them once pytest has registered it (importing the
# plugin first would keep pytest from rewriting its asserts).


def _dist():  # type: ignore[no-untyped-def]
    import conftest_dist

    return conftest_dist


def snapshot(target: Path) -> Path:
    """The sources as they are now (conf.py, docs/, quizzes/), so edits made meanwhile cannot tell the builds apart."""
    for name in ("docs", "quizzes"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "conf.py", target / "conf.py")
    return target


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    source = snapshot(tmp_path_factory.mktemp("snapshot"))
    sites = []
    for run in ("first", "second"):
        out = tmp_path_factory.mktemp(run) / "html"
        _dist().sphinx("html", out, "-j", "auto", source=source / "docs", confdir=source)
        sites.append(out)
    return sites[0], sites[1]


def test_two_clean_html_builds_are_byte_identical(two_sites: tuple[Path, Path]) -> None:
    first, second = (tree(site) for site in two_sites)
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"differ between two clean builds: {differing[:20]}"
    # the parts most likely to drift are there to be compared
    assert "searchindex.js" in first and any(name.startswith("_images/graphviz-") for name in first)


def test_two_bundles_are_byte_identical(
    tmp_path_factory: pytest.TempPathFactory,
    two_sites: tuple[Path, Path],
    pdf_learner: Path,
    pdf_trainer: Path,
    epub_book: Path,
) -> None:
    """The zip from each clean site build: the same entries in the same order, with the same bytes."""
    zips = []
    for site in two_sites:
        tmp = tmp_path_factory.mktemp("bundle")
        zips.append(_dist().pack(tmp / "build", tmp / "dist", site, [pdf_learner, pdf_trainer], epub_book))
    with zipfile.ZipFile(zips[0]) as a, zipfile.ZipFile(zips[1]) as b:
        assert [(i.filename, i.date_time, i.CRC) for i in a.infolist()] == [
            (i.filename, i.date_time, i.CRC) for i in b.infolist()
        ]
    assert zips[0].read_bytes() == zips[1].read_bytes()


def test_epub_builds_are_identical_once_packed(tmp_path_factory: pytest.TempPathFactory, epub_book: Path) -> None:
    """Sphinx stamps EPUB members with file mtimes; the bundle re-packs them with SOURCE_DATE_EPOCH."""
    from quizgen.bundle import normalized_epub, stamp

    again = _dist().build_epub(tmp_path_factory.mktemp("epub-again"))
    date = stamp()
    first = normalized_epub(epub_book.read_bytes(), date)
    second = normalized_epub(again.read_bytes(), date)
    assert first == second


def test_pdf_builds_are_byte_identical(tmp_path_factory: pytest.TempPathFactory, pdf_learner: Path) -> None:
    """xelatex and xdvipdfmx take their dates and the PDF's /ID from SOURCE_DATE_EPOCH: a second clean build of the
    learner handbook, elsewhere, gives the same bytes."""
    again = _dist().build_pdf(tmp_path_factory.mktemp("pdf-again"), "learner")
    assert again.read_bytes() == pdf_learner.read_bytes()
