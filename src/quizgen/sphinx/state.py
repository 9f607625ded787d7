"""The loaded project for one Sphinx build, found from its Config (``env.app`` is deprecated in Sphinx 9)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..notes import Note
from ..project import Project
from ..source import Speech

_STATES: weakref.WeakKeyDictionary[Any, State] = weakref.WeakKeyDictionary()


@dataclass
class State:
    project: Project
    notes: list[Note] = field(default_factory=list)
    bank_paths: list[Path] = field(default_factory=list)  # what every quiz depends on

    @property
    def speech(self) -> Speech:
        return self.project.speech


def set_state(config: Any, state: State) -> None:
    _STATES[config] = state


def state_of(config: Any) -> State:
    """The state of the build that owns ``config`` (directives, transforms and translators all have one)."""
    return _STATES[config]


def builder_name(env: Any) -> str:
    return env._builder_cls.name


def builder_format(env: Any) -> str:
    return env._builder_cls.format


def has_tag(env: Any, tag: str) -> bool:
    return env._tags.has(tag)
