"""The extension's configuration values: declared with their types, checked together when the configuration is read.

A wrong value stops the build at once with every problem named (``quizgen_course`` is a course id, because it keys
learners' saved progress; the paths must be text), instead of surfacing later as a broken page or a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..layout import QUIZZES, SPEECH

COURSE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # as a course manifest's id, or "main"


@dataclass(frozen=True)
class QuizgenConfig:
    speech: str = SPEECH  # the speech, relative to conf.py
    banks: str = QUIZZES  # the folder of banks (and speech-notes.yaml), relative to conf.py
    speech_page: str = "reference/speech"  # the docname of the 讲话原文 page
    course: str = "main"  # the course id: keys learners' records (localStorage, SCORM)
    light_pages: bool = True  # leave out what a page does not use (quizgen.sphinx.page_weight)
    scorm: bool = False  # the SCORM package's learner edition (quizgen.sphinx.scorm_edition)


REBUILD = {
    "speech": "env",
    "banks": "env",
    "speech_page": "env",
    "course": "html",
    "light_pages": "html",
    "scorm": "env",
}


def setup_config(app: Sphinx) -> None:
    for item in fields(QuizgenConfig):
        default = item.default
        app.add_config_value(f"quizgen_{item.name}", default, REBUILD[item.name], [type(default)])
    app.connect("config-inited", validate, priority=300)  # before the project is loaded from them


def problems(config: Any) -> list[str]:
    found = []
    for item in fields(QuizgenConfig):
        name, value = f"quizgen_{item.name}", getattr(config, f"quizgen_{item.name}")
        if type(value) is not type(item.default):
            wanted = "True 或 False" if isinstance(item.default, bool) else "文字"
            found.append(f"{name} 应是{wanted}，现在是 {value!r}")
        elif isinstance(value, str) and not value.strip():
            found.append(f"{name} 不能为空")
    course = config.quizgen_course
    if isinstance(course, str) and course.strip() and not COURSE_ID.fullmatch(course):
        found.append(f"quizgen_course 应是课程编号（小写字母、数字和连字符，最长 64 个字符），现在是 {course!r}")
    return found


def validate(app: Sphinx, config: Config) -> None:
    if found := problems(config):
        raise ConfigError("conf.py 中 quizgen 的设置有误：\n" + "\n".join(found))
