"""Where a project's speech and banks live, and loading them together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .check import check_banks
from .layout import ProjectLayout
from .load import load_banks
from .model import Bank, Question
from .notes import load_notes
from .problems import Problem, display_path
from .source import Speech, find_speech


@dataclass
class Project:
    root: Path
    speech: Speech
    banks: list[Bank] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def layout(self) -> ProjectLayout:
        return ProjectLayout(self.root)

    @property
    def quizzes(self) -> Path:
        return self.layout.quizzes

    @property
    def questions(self) -> list[Question]:
        return [q for bank in self.banks for q in bank.questions]

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def questions_by_id(self, ids: Iterable[str]) -> list[Question]:
        """The questions with these ids, in that order; ids of no question are left out."""
        by_id: dict[str, Question] = {}
        for q in self.questions:
            by_id.setdefault(q.id, q)  # the first, as question() finds it
        return [by_id[i] for i in ids if i in by_id]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def open_project(root: Path | None = None, paths: list[Path] | None = None, speech_path: Path | None = None) -> Project:
    """Load the speech (``quizzes/speech.txt`` unless named) and the banks (all of ``quizzes/`` unless ``paths``
    are given) and check them."""
    if speech_path is None:
        speech_path = find_speech(root)
        root = speech_path.parent.parent
    root = (root or Path.cwd()).resolve()
    speech = Speech.from_file(speech_path)
    layout = ProjectLayout(root)
    banks, problems = load_banks(paths or [layout.quizzes], root)
    problems += check_banks(banks, speech)
    notes = layout.notes
    if not paths and notes.exists():  # the whole project: the editorial notes' quotes are citations too
        problems += load_notes(notes, speech, display_path(notes, root))[1]
    return Project(root=root, speech=speech, banks=banks, problems=sorted(set(problems)))
