"""Shared set-up of the certificate tests: a key pair outside the project and the certificates of the synthetic
class (tests/results_class.py) for the half-day course."""

from __future__ import annotations

from pathlib import Path

from results_class import code_of, make_class

from quizgen.cli import main
from quizgen.course.catalog import load_catalog
from quizgen.course.manifest import course_pool, read_manifest
from quizgen.scorm import release

MANIFEST = "quizzes/courses/new-cadres-half-day.yaml"


def issue(project, root: Path, base: Path) -> tuple[Path, Path, list]:
    """Keys in ``base/keys``, codes in ``base/codes.txt``, certificates in ``base/out``; returns the key folder, the
    output folder and the class."""
    manifest = read_manifest(root / MANIFEST, load_catalog(root / "docs"), project.questions)
    pool = [q for q in course_pool(manifest, project.questions) if q.type != "open"][::3][:50]
    klass = make_class(pool, size=12, seed=7)
    codes = [code_of(x, manifest.id, release(root), "practice/final-test#1", []) for x in klass]
    (base / "codes.txt").write_text("\n".join(codes) + "\n", encoding="utf-8")
    assert main(["keygen", "-o", str(base / "keys")]) == 0
    out = base / "out"
    args = ["certificates", str(base / "codes.txt"), "--course", MANIFEST, "--key", str(base / "keys" / "证书私钥.pem")]
    assert main([*args, "-o", str(out), "--date", "2026-12-07"]) == 0
    return base / "keys", out, klass
