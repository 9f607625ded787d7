"""Session fixtures for the printed editions and the offline bundle, built once per test session.

A pytest plugin, not a conftest: test modules load it with ``pytest_plugins = ["conftest_dist"]`` (tests/ is on
sys.path). Fixtures:

- ``pdf_learner`` / ``pdf_trainer``: the two PDF handbooks (``make pdf`` / ``make pdf-trainer``)
- ``epub_book``: the EPUB 3 (``make epub``)
- ``dist_zip``: the offline bundle ``<name>-<version>.zip`` (``make dist``), packed from ``html_site`` (tests/conftest.py)
- ``dist_unzipped``: that zip extracted; the site is ``dist_unzipped / "site" / "index.html"``
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from buildenv import SPHINX_OPTS, build_env

ROOT = Path(__file__).resolve().parent.parent


def sphinx(builder: str, out: Path, *extra: str, source: Path | None = None, confdir: Path | None = None) -> str:
    """sphinx-build as the Makefile runs it (-n -W: any warning fails); returns its stderr."""
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(confdir or ROOT), *SPHINX_OPTS, "-q",
        "-d", str(out.parent / f"doctrees-{out.name}"), *extra, str(source or ROOT / "docs"), str(out),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(), cwd=ROOT)
    assert result.returncode == 0, f"sphinx-build -b {builder} failed:\n{result.stdout}\n{result.stderr}"
    return result.stderr


def latex_pdf(out: Path, stem: str) -> Path:
    """latexmk as the Sphinx LaTeX Makefile runs it (its latexmkrc selects xelatex)."""
    command = [
        "latexmk",
        "-pdf",
        "-dvi-",
        "-ps-",
        "-silent",
        "-interaction=nonstopmode",
        "-halt-on-error",
        f"{stem}.tex",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(), cwd=out)
    pdf = out / f"{stem}.pdf"
    assert result.returncode == 0 and pdf.exists(), f"latexmk failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    return pdf


def build_pdf(tmp: Path, edition: str) -> Path:
    out = tmp / f"latex-{edition}"
    sphinx("latex", out, *(["-t", "trainer"] if edition == "trainer" else []))
    return latex_pdf(out, f"handbook-{edition}")


@pytest.fixture(scope="session")
def pdf_learner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(tmp_path_factory.mktemp("pdf"), "learner")


@pytest.fixture(scope="session")
def pdf_trainer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(tmp_path_factory.mktemp("pdf"), "trainer")


@pytest.fixture(scope="session")
def epub_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub") / "epub"
    sphinx("epub", out)
    return out / "course.epub"


def pack(build: Path, out: Path, site: Path, pdfs: list[Path], epub: Path) -> Path:
    """Lay the builds out as `make dist` finds them in _build, then run quizgen.bundle."""
    (build / "pdf").mkdir(parents=True, exist_ok=True)
    (build / "html").symlink_to(site, target_is_directory=True)
    (build / "epub").symlink_to(epub.parent, target_is_directory=True)
    for pdf in pdfs:
        shutil.copy2(pdf, build / "pdf" / pdf.name)
    command = [sys.executable, "-m", "quizgen.bundle", "--build", str(build), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(), cwd=ROOT)
    assert result.returncode == 0, f"quizgen.bundle failed:\n{result.stdout}\n{result.stderr}"
    (zip_path,) = out.glob("*.zip")
    return zip_path


@pytest.fixture(scope="session")
def dist_zip(
    tmp_path_factory: pytest.TempPathFactory, html_site: Path, pdf_learner: Path, pdf_trainer: Path, epub_book: Path
) -> Path:
    """The offline bundle, as `make dist` writes it."""
    tmp = tmp_path_factory.mktemp("dist")
    return pack(tmp / "build", tmp / "dist", html_site, [pdf_learner, pdf_trainer], epub_book)


@pytest.fixture(scope="session")
def dist_unzipped(tmp_path_factory: pytest.TempPathFactory, dist_zip: Path) -> Path:
    """The bundle unzipped somewhere else: its top folder (site/index.html, the PDFs, the EPUB, 离线使用说明.html)."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist_zip) as zf:
        zf.extractall(target)
    (top,) = target.iterdir()
    return top
