"""Session fixtures for the printed editions and the offline bundle, built once per test session by the make targets.

A pytest plugin, not a conftest: test modules load it with ``pytest_plugins = ["conftest_dist"]`` (tests/ is on
sys.path). The fixtures run the real targets into the session's BUILDDIR (``make_builddir``, tests/conftest.py), the
one ``html_site`` is built in, so that a broken Makefile fails them:

- ``pdf_learner`` / ``pdf_trainer``: the two PDF handbooks (``make pdf EDITION=learner|trainer``), in their LaTeX
  build folders (``$(BUILDDIR)/latex-<edition>``, beside the diagrams)
- ``epub_book``: the EPUB 3 (``make epub``)
- ``dist_zip``: the offline bundle ``<name>-<version>.zip``, packed by ``make bundle`` (the last step of ``make dist``;
  tests/test_makefile.py checks that ``make dist`` is these targets) from the builds above
- ``dist_unzipped``: that zip extracted; the site is ``dist_unzipped / "site" / "index.html"``
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from buildenv import SPHINX_OPTS, build_env, run_make

ROOT = Path(__file__).resolve().parent.parent


def sphinx(builder: str, out: Path, *extra: str, source: Path | None = None, confdir: Path | None = None) -> str:
    """sphinx-build as the Makefile runs it (-n -W: any warning fails), for sources no make target builds (a
    snapshot of the project); returns its stderr."""
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(confdir or ROOT), *SPHINX_OPTS, "-q",
        "-d", str(out.parent / f"doctrees-{out.name}"), *extra, str(source or ROOT / "docs"), str(out),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(), cwd=ROOT)
    assert result.returncode == 0, f"sphinx-build -b {builder} failed:\n{result.stdout}\n{result.stderr}"
    return result.stderr


def build_pdf(builddir: Path, edition: str) -> Path:
    """``make pdf EDITION=edition BUILDDIR=builddir``: the handbook in its LaTeX folder (the copy in pdf/ is the same)."""
    run_make("pdf", EDITION=edition, BUILDDIR=builddir)
    pdf = builddir / f"latex-{edition}" / f"handbook-{edition}.pdf"
    copy = builddir / "pdf" / pdf.name
    assert copy.read_bytes() == pdf.read_bytes(), f"make pdf left no copy of {pdf.name} in {copy.parent}"
    return pdf


def build_epub(builddir: Path) -> Path:
    run_make("epub", BUILDDIR=builddir)
    return builddir / "epub" / "course.epub"


def bundle(builddir: Path, out: Path) -> Path:
    """``make bundle BUILDDIR=builddir DISTDIR=out``: the zip packed from the site, PDFs and EPUB in ``builddir``."""
    run_make("bundle", BUILDDIR=builddir, DISTDIR=out)
    (zip_path,) = out.glob("*.zip")
    return zip_path


def pack(build: Path, out: Path, site: Path, pdfs: list[Path], epub: Path) -> Path:
    """Lay builds made elsewhere out as `make dist` finds them in BUILDDIR, then run `make bundle`."""
    (build / "pdf").mkdir(parents=True, exist_ok=True)
    (build / "html").symlink_to(site, target_is_directory=True)
    (build / "epub").symlink_to(epub.parent, target_is_directory=True)
    for pdf in pdfs:
        shutil.copy2(pdf, build / "pdf" / pdf.name)
    return bundle(build, out)


@pytest.fixture(scope="session")
def pdf_learner(make_builddir: Path) -> Path:
    return build_pdf(make_builddir, "learner")


@pytest.fixture(scope="session")
def pdf_trainer(make_builddir: Path) -> Path:
    return build_pdf(make_builddir, "trainer")


@pytest.fixture(scope="session")
def epub_book(make_builddir: Path) -> Path:
    return build_epub(make_builddir)


@pytest.fixture(scope="session")
def dist_zip(
    tmp_path_factory: pytest.TempPathFactory,
    make_builddir: Path,
    html_site: Path,
    pdf_learner: Path,
    pdf_trainer: Path,
    epub_book: Path,
) -> Path:
    """The offline bundle, as `make dist` writes it: `make bundle` once the four builds are in BUILDDIR."""
    return bundle(make_builddir, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def dist_unzipped(tmp_path_factory: pytest.TempPathFactory, dist_zip: Path) -> Path:
    """The bundle unzipped somewhere else: its top folder (site/index.html, the PDFs, the EPUB, 离线使用说明.html)."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist_zip) as zf:
        zf.extractall(target)
    (top,) = target.iterdir()
    return top
