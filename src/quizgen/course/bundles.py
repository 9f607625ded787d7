"""A course's two zips: the learners' (``<id>-offline.zip``: the site and 学员手册, nothing with answers to the
exam or the trainer's notes) and the trainer's (``<id>-trainer.zip``: 培训师用书, the papers with their keys).
"""

from __future__ import annotations

from pathlib import Path

from ..bundle import site_members, write_zip
from .manifest import Manifest
from .readme import learner_readme, trainer_readme

LEARNER_README = "离线使用说明.txt"
TRAINER_README = "培训师材料说明（请勿发给学员）.txt"


def learner_bundle_name(m: Manifest) -> str:
    return f"{m.id}-offline.zip"


def trainer_bundle_name(m: Manifest) -> str:
    return f"{m.id}-trainer.zip"


def write_learner_bundle(out: Path, m: Manifest) -> Path:
    members: dict[str, bytes | Path] = site_members(out / "site")
    pdfs = [p for p in (out / f"{m.id}-learner.pdf", out / f"{m.id}-handout.pdf") if p.is_file()]
    for pdf in pdfs:
        members[pdf.name] = pdf
    members[LEARNER_README] = learner_readme(m, [p.name for p in pdfs]).encode("utf-8")
    target = out / learner_bundle_name(m)
    write_zip(target, m.id, members)
    return target


def write_trainer_bundle(out: Path, m: Manifest) -> Path:
    members: dict[str, bytes | Path] = {}
    for name in (f"{m.id}-trainer.pdf", f"{m.id}-poster.pdf", f"{m.id}-qr.png"):
        if (out / name).is_file():
            members[name] = out / name
    paper = out / "paper"
    if paper.is_dir():
        for path in sorted(paper.rglob("*")):
            if path.is_file():
                members[path.relative_to(out).as_posix()] = path
    listed = sorted({name.split("/")[0] + "/" if "/" in name else name for name in members})
    members[TRAINER_README] = trainer_readme(m, listed).encode("utf-8")
    target = out / trainer_bundle_name(m)
    write_zip(target, f"{m.id}-trainer", members)
    return target
