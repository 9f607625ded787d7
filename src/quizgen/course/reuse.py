"""What a course build may take over from the output of the one before, instead of building it again.

The output folder keeps a small record (``STATE``): for each part, the fingerprint of everything it was built
from (the manifest, the project's pages, banks and configuration, quizgen itself, the installed packages'
versions, SOURCE_DATE_EPOCH), and for each PDF, the fingerprint of the LaTeX folder it was typeset from.

- A part whose fingerprint is unchanged is copied from the previous output (a second build of an unchanged
  course copies everything).
- A PDF whose ``.tex`` (and the folder's other files) is byte-identical to the last run's is copied, not
  typeset again: xelatex is the slowest step by far.
- ``--only X`` keeps every other part of the previous output as it was, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from ..layout import QUIZZES

STATE = ".quizgen-build.json"
VERSION = 1
# The files (relative to the output folder) each part makes; {id} is the course's id.
PART_FILES = {
    "site": ["site", "{id}-qr.png"],
    "pdf": ["{id}-learner.pdf", "{id}-trainer.pdf", "{id}-handout.pdf", "{id}-poster.pdf"],
    "paper": ["paper"],
    "bundle": ["{id}-offline.zip", "{id}-trainer.zip"],
    "scorm": ["{id}-*-scorm.zip"],
}
# Not inputs: caches and build products that may sit in the project's folders (a .mo is compiled from its .po).
SKIP = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
SKIP_SUFFIXES = {".mo", ".pyc"}
# Sphinx names a diagram after a hash of its source and options; its PDF carries the time it was drawn.
DIAGRAM = re.compile(r"graphviz-[0-9a-f]{40}\.\w+")


def _hash_tree(h: Any, folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not SKIP & set(path.parts) and path.suffix not in SKIP_SUFFIXES:
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())


def project_fingerprint(root: Path, manifest: Path, extra: list[Path]) -> str:
    """Everything a course's output depends on, as one hash."""
    import quizgen

    h = hashlib.sha256()
    h.update(manifest.read_bytes())
    for folder in (root / "docs", root / QUIZZES, Path(quizgen.__file__).parent):
        _hash_tree(h, folder)
    for path in [root / "conf.py", *extra]:
        if path.is_file():
            h.update(path.read_bytes())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    h.update("\n".join([sys.version, os.environ.get("SOURCE_DATE_EPOCH", ""), *versions]).encode())
    return h.hexdigest()


def tex_fingerprint(tex: Path) -> str:
    """A ``.tex`` file and the other files of its folder (style files, images, latexmkrc), as one hash; taken
    before typesetting, so no output of latexmk is among them."""
    h = hashlib.sha256(tex.read_bytes())
    for path in sorted(tex.parent.iterdir()):
        if path.is_file() and path.suffix != ".tex":  # other documents of the folder are not this one's input
            content = b"" if DIAGRAM.fullmatch(path.name) else hashlib.sha256(path.read_bytes()).digest()
            h.update(path.name.encode() + b"\0" + content)
    return h.hexdigest()


class Previous:
    """The output of the last build of the same course in the target folder (or nothing)."""

    def __init__(self, outdir: Path, course_id: str) -> None:
        self.folder = outdir
        self.course_id = course_id
        self.summary: dict[str, Any] = {}
        self.state: dict[str, Any] = {"version": VERSION, "parts": {}, "pdfs": {}}
        summary, state = _read_json(outdir / "course.json"), _read_json(outdir / STATE)
        if not isinstance(summary, dict) or summary.get("id") != course_id:
            return  # nothing of another course (or of no course) is ever taken over
        self.summary = summary
        if isinstance(state, dict) and state.get("version") == VERSION:
            self.state = state

    @property
    def parts(self) -> list[str]:
        """The parts the previous output holds (its course.json says which were built)."""
        listed = self.summary.get("parts", [])
        return [p for p in PART_FILES if isinstance(listed, list) and p in listed and self.files(p)]

    def files(self, part: str) -> list[Path]:
        """The files and folders of ``part`` in the previous output."""
        found: list[Path] = []
        for pattern in PART_FILES[part]:
            found += sorted(self.folder.glob(pattern.format(id=self.course_id)))
        return found

    def unchanged(self, part: str, fingerprint: str) -> bool:
        return part in self.parts and self.state["parts"].get(part) == fingerprint

    def copy_part(self, part: str, out: Path) -> None:
        for path in self.files(part):
            copy(path, out / path.name)

    def pdf(self, name: str, fingerprint: str) -> Path | None:
        """The previous output's PDF ``name`` (relative to the folder) if it was typeset from the same LaTeX."""
        path = self.folder / name
        return path if self.state["pdfs"].get(name) == fingerprint and path.is_file() else None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def copy(source: Path, target: Path) -> None:
    """A file or folder copied with its bytes and dates."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, symlinks=False)
    else:
        shutil.copy2(source, target)


def write_state(out: Path, parts: dict[str, str], pdfs: dict[str, str]) -> None:
    state = {"version": VERSION, "parts": dict(sorted(parts.items())), "pdfs": dict(sorted(pdfs.items()))}
    (out / STATE).write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")


def built_before(folder: Path, course_id: str) -> bool:
    """A folder an earlier quizgen built for this course (before it left ``MARKER``): its course.json names it."""
    try:
        return json.loads((folder / "course.json").read_text(encoding="utf-8")).get("id") == course_id
    except (OSError, ValueError, AttributeError):
        return False


def remove(folder: Path) -> bool:
    """Remove a folder, read-only files and folders in it too; whether it is gone."""

    def writable_then_retry(function: Callable[..., Any], path: str, _exc: object) -> None:
        try:
            os.chmod(os.path.dirname(path), stat.S_IRWXU)
            os.chmod(path, stat.S_IRWXU)
            function(path)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=writable_then_retry)
    else:
        shutil.rmtree(folder, onerror=writable_then_retry)
    return not folder.exists()
