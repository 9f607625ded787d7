"""Reading YAML with line numbers kept, turning every failure into a Problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem

MAX_BYTES = 20 * 1024 * 1024


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    return yaml


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 0, "", f"无法读取文件：{exc.strerror or exc}")]
    if len(data) > MAX_BYTES:
        return None, [Problem(display, 0, "", f"文件过大（{len(data)} 字节，上限 {MAX_BYTES} 字节）")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(display, line, "", f"不是 UTF-8 编码的文本（第 {exc.start} 字节无法解码），请另存为 UTF-8")
        ]


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    display = display or str(path)
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[Any, list[Problem]]:
    try:
        return _yaml().load(text), []
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = (exc.problem or exc.context or "YAML 语法错误").strip()
        if "duplicate key" in what:
            what = "重复的键：" + what.removeprefix("found duplicate key").strip()
        return None, [Problem(display, line, "", f"YAML 无法解析：{what}")]
    except YAMLError as exc:
        return None, [Problem(display, 0, "", f"YAML 无法解析：{exc}")]
    except RecursionError:
        return None, [Problem(display, 0, "", "YAML 嵌套过深，无法解析")]


def line_of(node: Any, key: Any = None, default: int = 0) -> int:
    """1-based line of ``node`` (or of ``node[key]``), or ``default`` when unknown."""
    try:
        if key is not None and isinstance(node, CommentedMap) and key in node:
            return node.lc.key(key)[0] + 1
        if key is not None and isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            return node.lc.item(key)[0] + 1
        if isinstance(node, (CommentedMap, CommentedSeq)):
            return node.lc.line + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        pass
    return default


def plain(value: Any) -> Any:
    """ruamel's round-trip containers and scalars as plain Python values."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return str(value)
