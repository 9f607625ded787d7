"""Helpers of the course tests: the shipped manifests, reading a manifest, running `quizgen course build`."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from buildenv import build_env

from quizgen.course.catalog import Catalog
from quizgen.course.manifest import Manifest, read_manifest
from quizgen.project import Project

ROOT = Path(__file__).resolve().parent.parent
COURSES = ROOT / "quizzes" / "courses"
HALF = COURSES / "new-cadres-half-day.yaml"
ONE_DAY = COURSES / "annual-training-one-day.yaml"
HOSTILE_TITLE = "<script>window.__xss='title'</script><img src=x onerror=alert(1)>课 & % $ _ {x} \\ ~ ^ #"
HOSTILE_PAPER = "<b onclick=alert(2)>测验</b> *强* & % $ _ {y} \\ ~"


def manifest_of(path: Path, catalog: Catalog, project: Project) -> Manifest:
    display = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    return read_manifest(path, catalog, project.questions, display)


def course_env() -> dict[str, str]:
    return build_env()


def run_build(manifest: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """``quizgen course build`` as a trainer runs it; fails the test when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "course", "build", str(manifest), "-o", str(out), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=course_env(),
    )
    assert result.returncode == 0, f"course build failed:\n{result.stdout}\n{result.stderr}"
    return result


def build_course(tmp_path_factory: pytest.TempPathFactory, manifest: Path, *extra: str) -> Path:
    out = tmp_path_factory.mktemp("courses") / manifest.stem
    run_build(manifest, out, *extra)
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary folder left beside it
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~mask  # the umask's mode, not a temporary folder's 0700
    return out
