"""Exports of the checked banks: Moodle GIFT and Moodle XML, IMS QTI 2.1, wjx plain text, Excel and the canonical JSON.

Each format module has ``render(questions, paper=None, *, speech=None) -> Rendered``: the file's bytes plus warnings (questions a
format cannot express are left out with a warning, never mangled). Writing the file is the caller's job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING

from ..model import Question
from ..present import clean, explanation, reference_answer, strip_label
from ..problems import Problem

if TYPE_CHECKING:
    from ..source import Speech
    from .paper_input import PaperInfo

__all__ = ["Format", "Rendered", "clean", "explanation", "formats", "one_line", "reference_answer", "skipped"]
__all__ += ["strip_label", "writable"]  # the text helpers live in quizgen.present; exporters import them from here too


@dataclass
class Rendered:
    data: bytes
    warnings: list[Problem] = field(default_factory=list)
    count: int = 0  # questions written


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    module: str  # the module (in this package) whose ``render`` writes the format, imported when first used
    binary: bool
    summary: str

    paper: bool = True  # whether ``--paper`` can export a drawn paper in this format (points, order)

    def render(
        self, questions: list[Question], paper: PaperInfo | None = None, speech: Speech | None = None
    ) -> Rendered:
        """With ``paper`` the questions are a drawn paper's, in its order and with its letters and points; ``speech``
        names cited passages as readers know them (第三部分（二）) where a format shows the source."""
        module = import_module(f"{__name__}.{self.module}")
        return module.render(questions, paper, speech=speech)


def one_line(text: str) -> str:
    """Text for line-based formats: line breaks become spaces."""
    return " ".join(clean(text).split("\n")).replace("\r", " ")


def skipped(q: Question, fmt: str, why: str) -> Problem:
    return Problem(q.file, q.line, q.id, f"{fmt} 导出时跳过：{why}", "warning")


def writable(
    questions: list[Question], unwritable: Callable[[Question], Problem | None]
) -> tuple[list[Question], list[Problem]]:
    """The questions a format can hold, and a warning for each it leaves out (``unwritable`` says why, or None)."""
    kept: list[Question] = []
    warnings: list[Problem] = []
    for q in questions:
        problem = unwritable(q)
        if problem:
            warnings.append(problem)
        else:
            kept.append(q)
    return kept, warnings


def formats() -> dict[str, Format]:
    return {
        "gift": Format("gift", ".gift.txt", "gift", False, "Moodle GIFT 文本"),
        "qti": Format("qti", ".zip", "qti", True, "IMS QTI 2.1 内容包（zip）"),
        "wjx": Format("wjx", ".txt", "wjx", False, "问卷星等考试平台的纯文本导入格式"),
        "xlsx": Format("xlsx", ".xlsx", "xlsx", True, "Excel 表格，每题一行"),
        "json": Format("json", ".json", "json", False, "规范 JSON（交换格式）", paper=False),
        "moodlexml": Format("moodlexml", ".xml", "moodlexml", False, "Moodle XML（按模块和课分类，多空填空为 Cloze）"),
    }
