"""Editorial notes on the speech (garbled sentences, the missing numeral), kept apart from its text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, display_path
from .reader import Reader
from .source import Speech
from .yamlio import line_of, load_yaml

KINDS = {"numeral": "序号说明", "garbled": "原文说明", "wording": "文字说明"}
ANONYMIZED_NOTE = "本段中的 X、XX、X% 是原文发布时隐去的地名或数字，课程保留原样，不作还原。"


@dataclass(frozen=True)
class Note:
    anchor: str
    kind: str
    quote: str
    note: str

    @property
    def title(self) -> str:
        return KINDS.get(self.kind, "编者注")


def load_notes(path: Path, speech: Speech, display: str | None = None) -> tuple[list[Note], list[Problem]]:
    display = display or display_path(path)
    doc, problems = load_yaml(path, display)
    if problems:
        return [], problems
    notes: list[Note] = []
    r = Reader(display, speech)
    if doc is not None and not isinstance(doc, list):
        return notes, [Problem(display, 1, "", "应是列表，每一项有 anchor、kind、quote、note 四个文字字段")]
    for index, item in enumerate(doc or []):
        line = line_of(item) or line_of(doc, index)
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("anchor", "kind", "quote", "note")
        ):
            r.error(line, "每条注释应有 anchor、kind、quote、note 四个文字字段")
            continue
        note = Note(item["anchor"], item["kind"], item["quote"], item["note"])
        if note.kind not in KINDS:
            r.error(line, f"kind 应是 {'、'.join(KINDS)} 之一")
        elif r.citation(note.anchor, note.quote, line):
            notes.append(note)
    return notes, r.problems
