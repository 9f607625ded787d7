"""Configuration values, declared with their types and checked together when the configuration is read.

Both extensions (``quizgen.sphinx`` for the quizzes, ``quizgen.site`` for the site) declare theirs through
``declare``; one check then names every wrong ``quizgen_*`` value at once and stops the build, instead of a broken
page or a traceback later. ``quizgen_course`` must be a course id, because it keys learners' saved progress.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..layout import QUIZZES, SPEECH

COURSE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # as a course manifest's id, or "main"

# name: (default, what a change rebuilds)
QUIZ_CONFIG: dict[str, tuple[Any, str]] = {
    "speech": (SPEECH, "env"),  # the speech, relative to conf.py
    "banks": (QUIZZES, "env"),  # the folder of banks (and speech-notes.yaml), relative to conf.py
    "speech_page": ("reference/speech", "env"),  # the docname of the 讲话原文 page
    "course": ("main", "html"),  # the course id: keys learners' records (localStorage, SCORM)
    "mastery": (80, "html"),  # the percentage that counts a lesson's self-test as mastered (course contract)
    "scorm": (False, "env"),  # the SCORM package's learner edition: the adapter here, the pages in quizgen.site
}

DECLARED: dict[str, Any] = {}  # every quizgen_* value either extension declared, with its default
WANTED = {bool: "True 或 False", str: "文字", int: "整数", list: "列表"}


def declare(app: Sphinx, values: dict[str, tuple[Any, str]]) -> None:
    for name, (default, rebuild) in values.items():
        DECLARED[f"quizgen_{name}"] = default
        app.add_config_value(f"quizgen_{name}", default, rebuild, [type(default)])
    app.connect("config-inited", validate, priority=300)  # before anything is read from them


def setup_config(app: Sphinx) -> None:
    declare(app, QUIZ_CONFIG)


def problems(config: Any) -> list[str]:
    found = []
    for name, default in DECLARED.items():
        if name not in config:  # declared by the other extension, which this build does not load
            continue
        value = getattr(config, name)
        if type(value) is not type(default):
            found.append(f"{name} 应是{WANTED[type(default)]}，现在是 {value!r}")
        elif isinstance(value, str) and not value.strip():
            found.append(f"{name} 不能为空")
        elif isinstance(value, list) and not all(isinstance(item, str) for item in value):
            found.append(f"{name} 应是文字的列表，现在是 {value!r}")
    course = getattr(config, "quizgen_course", "main")
    if isinstance(course, str) and course.strip() and not COURSE_ID.fullmatch(course):
        found.append(f"quizgen_course 应是课程编号（小写字母、数字和连字符，最长 64 个字符），现在是 {course!r}")
    return found


def validate(app: Sphinx, config: Config) -> None:
    if found := problems(config):
        raise ConfigError("conf.py 中 quizgen 的设置有误：\n" + "\n".join(found))
