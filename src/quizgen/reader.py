"""Reading the project's YAML inputs (banks, papers, courses, notes, coverage exclusions, facts) field by field.

A :class:`Reader` belongs to one file: it collects every problem with the file's name and the line the YAML parser
recorded (``yamlio.line_of``), so that a command reports all of them at once, and it words the common mistakes — a
missing field, a field of the wrong type, an unknown field, a bad citation — the same way in every kind of file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .problems import Problem
from .source import Speech
from .yamlio import line_of

# Ids of questions and banks: they become file names, XML identifiers and HTML ids in the exports.
MAX_ID_LENGTH = 64
ID_RULE = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_ID_LENGTH - 1}}}")
ID_RULE_TEXT = f"只能含英文字母、数字、连字符、下划线和点，以字母或数字开头，最长 {MAX_ID_LENGTH} 个字符"


def id_problem(value: object, what: str) -> str | None:
    """Why ``value`` cannot be an id (``what`` names the field), or None when it can."""
    if not isinstance(value, str):
        return None  # reported as a wrong type elsewhere
    if not value:
        return f"{what} 不能为空"
    if not ID_RULE.fullmatch(value):
        shown = ascii(value) if len(value) <= 40 else ascii(value[:40]) + "…"
        return f"{what} {shown} 不合规则：{ID_RULE_TEXT}"
    return None


def kind_of(value: Any) -> str:
    """The kind of a YAML value, as the messages name it."""
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    if value is None:
        return "空值"
    return type(value).__name__


class Reader:
    """The problems of one input file, and the checks every kind of input shares."""

    def __init__(
        self, display: str, speech: Speech | None = None, start: int = 1, problems: list[Problem] | None = None
    ) -> None:
        self.display = display
        self.speech = speech
        self.start = start  # where the document (or the part of it being read) starts: missing keys are reported here
        self.problems: list[Problem] = [] if problems is None else problems  # a caller's list is added to

    def error(self, line: int, message: str, qid: str = "") -> None:
        self.problems.append(Problem(self.display, line, qid, message))

    def warn(self, line: int, message: str, qid: str = "") -> None:
        self.problems.append(Problem(self.display, line, qid, message, "warning"))

    def line(self, node: Any, key: Any = None) -> int:
        return line_of(node, key, self.start)

    def unknown_keys(self, node: dict, allowed: Iterable[str], qid: str = "", hint: bool = True) -> None:
        """Report every key of ``node`` not in ``allowed`` (listing those, in their order or sorted, when ``hint``)."""
        names = list(allowed) if isinstance(allowed, (list, tuple)) else sorted(allowed)
        usable = f"（可用：{'、'.join(names)}）" if hint else ""
        for key in sorted(set(node) - set(allowed), key=str):
            self.error(self.line(node, key), f"未知字段 {key}{usable}", qid)

    def text(self, node: dict, key: str, required: bool = False, qid: str = "", what: str = "") -> str:
        """A text field, stripped; ``""`` (and a problem when ``required``) when missing, empty or not text.
        ``what`` says in a few words what the field is, for the “missing” message."""
        value = node.get(key)
        if value is None:
            if required and key not in node:
                self.error(self.start, f"缺少必填字段 {key}{f'（{what}）' if what else ''}", qid)
            elif required:
                self.error(self.line(node, key), f"{key} 不能为空", qid)
            return ""
        if not isinstance(value, str):
            self.error(self.line(node, key), f"{key} 应是文字（现在是{kind_of(value)}）", qid)
            return ""
        if required and not value.strip():
            self.error(self.line(node, key), f"{key} 不能为空", qid)
        return value.strip()

    def strings(self, node: dict, key: str, qid: str = "") -> list[str]:
        """A list of non-empty texts; ``[]`` (with a problem) when it is something else."""
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(self.line(node, key), f"{key} 应是文字列表", qid)
            return []
        return [str(v) for v in value]

    def citation(self, anchor: Any, quote: Any, line: int, qid: str = "") -> bool:
        """Whether ``quote`` is verbatim in passage ``anchor`` of the speech (the one check, ``Speech.citation_problem``);
        reports why not."""
        assert self.speech is not None, "a Reader that checks citations needs the speech"
        message = self.speech.citation_problem(anchor, quote)
        if message:
            self.error(line, message, qid)
        return message is None
