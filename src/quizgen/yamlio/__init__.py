"""Reading YAML with line numbers kept, turning every failure into a Problem.

The parts: ``textfile`` reads a bounded UTF-8 file; ``fast`` parses the plain subset banks use with libyaml;
``checked`` is ruamel.yaml with a constructor that checks tags, numbers, characters and aliases first (the reference,
and the path for everything else); ``messages`` says the parsers' syntax errors in Chinese; ``limits`` holds the
bounds every input keeps to.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
from ruamel.yaml.reader import ReaderError

from ..problems import Problem
from .checked import Rejected
from .checked import checked_yaml as _yaml
from .fast import FAST_LOADER as _FAST_LOADER  # noqa: F401  (None when PyYAML lacks libyaml; tests check it)
from .fast import LINE_COL as _LINE_COL
from .fast import Fallback as _Fallback
from .fast import fast_load as _fast_load
from .fast import no_cyclic_gc
from .limits import (
    BAD_CHARACTERS,
    MAX_ALIAS_NODES,
    MAX_BYTES,
    MAX_CHECKED_CHARS,
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    bad_character_message,
)
from .messages import NEL, line_at, syntax_message, text_problems
from .textfile import read_text

__all__ = [
    "BAD_CHARACTERS", "MAX_ALIAS_NODES", "MAX_BYTES", "MAX_CHECKED_CHARS", "MAX_DEPTH", "MAX_NUMBER_CHARS",
    "bad_character_message", "line_of", "load_yaml", "no_cyclic_gc", "parse_yaml", "plain",
    "read_text", "syntax_message",
]  # fmt: skip


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    display = display or str(path)
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[Any, list[Problem]]:
    if "%" in text or NEL in text:  # cheap test first: large banks have neither
        if problems := text_problems(text, display):
            return None, problems
    fast = _fast_load(text)
    if not isinstance(fast, _Fallback):
        return fast, []
    if fast.line and len(text) > MAX_CHECKED_CHARS:  # the checked path is pure Python: slow on large files
        why = fast.message or "这里用到了锚点、别名、标签、重复的键或其他少见的 YAML 写法"
        return None, [
            Problem(display, fast.line, "", f"{why}（文件超过 {MAX_CHECKED_CHARS // 1000} 千字符时只能用普通写法）")
        ]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReusedAnchorWarning)  # legal YAML: the later anchor of a name counts
            return _yaml().load(text), []
    except Rejected as exc:
        return None, [Problem(display, line, "", message) for line, message in exc.problems]
    except MaxDepthExceededError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        return None, [Problem(display, line, "", f"YAML 嵌套过深（超过 {MAX_DEPTH} 层列表或映射）")]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = (exc.problem or exc.context or "YAML 语法错误").strip()
        return None, [Problem(display, line, "", syntax_message(what))]
    except ReaderError as exc:
        line = line_at(text, exc.position) if isinstance(exc.position, int) else 1
        code = exc.character if isinstance(exc.character, int) else 0
        return None, [Problem(display, line, "", f"YAML 无法解析：含有 YAML 不允许的字符 U+{code:04X}")]
    except YAMLError as exc:
        return None, [Problem(display, 1, "", f"YAML 无法解析：{str(exc).splitlines()[0] if str(exc) else exc}")]
    except RecursionError:
        return None, [Problem(display, 1, "", f"YAML 嵌套过深（超过 {MAX_DEPTH} 层列表或映射）")]
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError) as exc:  # unmarked, in ruamel
        return None, [Problem(display, 1, "", f"YAML 无法解析：{type(exc).__name__}: {exc}"[:300])]


def line_of(node: Any, key: Any = None, default: int = 0) -> int:
    """1-based line of ``node`` (or of ``node[key]``), or ``default`` when unknown."""
    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return default
    record = getattr(node, _LINE_COL, None)
    if record is None:
        return default
    try:
        if key is not None:
            if isinstance(node, CommentedMap):
                if key in node:
                    return record.data[key][0] + 1
            elif isinstance(key, int) and key < len(node):
                return record.data[key][0] + 1
        return record.line + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return default


def plain(value: Any) -> Any:
    """ruamel's round-trip containers and scalars as plain Python values."""
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:
        return value
    if isinstance(value, dict):
        items = ordereddict.items(value) if isinstance(value, ordereddict) else value.items()  # skips a slow view
        return {k if type(k) is str else str(k): plain(v) for k, v in items}
    if isinstance(value, list):
        return [plain(v) for v in list.__iter__(value)]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return str(value)
