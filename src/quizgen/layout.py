"""Where things are in a course project, and what its conf.py calls it: the one place that knows the folder names.

A project is a folder with ``quizzes/speech.txt`` (the speech), ``quizzes/banks/`` (question banks) beside
``facts.yaml``, ``papers/``, ``courses/``, the notes and the coverage exclusions, the site's pages in ``docs/`` and
its Sphinx configuration in ``conf.py``. The release and the title are read from conf.py's plain assignments
(``release = version = "1.0"``, ``project = "…"``) without running it, so every tool names the project alike.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

QUIZZES = "quizzes"
SPEECH = f"{QUIZZES}/speech.txt"


@dataclass(frozen=True)
class ProjectLayout:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> ProjectLayout:
        """The project ``start`` (default: the working folder) is in: the nearest folder with ``quizzes/speech.txt``
        (a broken link or a folder there counts: reading it says what is wrong)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            candidate = folder / SPEECH
            if candidate.exists() or candidate.is_symlink():
                return cls(folder)
        raise FileNotFoundError(f"在 {here} 及其上级文件夹中都找不到 {SPEECH}（讲话原文）")

    # -- inputs --------------------------------------------------------------------------------------------------
    @property
    def quizzes(self) -> Path:
        return self.root / QUIZZES

    @property
    def speech(self) -> Path:
        return self.root / SPEECH

    @property
    def banks(self) -> Path:
        return self.quizzes / "banks"

    @property
    def facts(self) -> Path:
        return self.quizzes / "facts.yaml"

    @property
    def papers(self) -> Path:
        return self.quizzes / "papers"

    @property
    def courses(self) -> Path:
        return self.quizzes / "courses"

    @property
    def notes(self) -> Path:
        return self.quizzes / "speech-notes.yaml"

    @property
    def exclusions(self) -> Path:
        return self.quizzes / "coverage-exclusions.yaml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def conf(self) -> Path:
        return self.root / "conf.py"

    # -- outputs -------------------------------------------------------------------------------------------------
    @property
    def build(self) -> Path:
        return self.root / "_build"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    # -- what conf.py says ---------------------------------------------------------------------------------------
    @cached_property
    def _conf_values(self) -> dict[str, str]:
        """conf.py's top-level assignments of plain text (``a = b = "x"`` counts for both names)."""
        try:
            tree = ast.parse(self.conf.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            return {}
        values: dict[str, str] = {}
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        values[target.id] = node.value.value
        return values

    def conf_value(self, name: str) -> str | None:
        return self._conf_values.get(name)

    @property
    def release(self) -> str:
        """The course's version (conf.py's ``release``); it names the offline zip and the SCORM package."""
        return self._conf_values.get("release", "0")

    @property
    def title(self) -> str:
        """The course's title (conf.py's ``project``)."""
        return self._conf_values.get("project", "")
