"""Reading YAML with line numbers kept, turning every failure into a Problem."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, LineCol
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

try:  # libyaml through PyYAML: the same documents parsed many times faster than ruamel's pure-Python parser
    import yaml as _pyyaml
    from yaml._yaml import CParser as _CParser

    class _FastLoader(_CParser):
        """libyaml's composer without PyYAML's (YAML 1.1) resolver: tags are resolved below, as YAML 1.2."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    _FAST_LOADER: Any = _FastLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _pyyaml = None
    _FAST_LOADER = None

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


# --- fast path ------------------------------------------------------------------------------------------
# Documents in the plain subset that banks use (mappings, sequences, strings, booleans, nulls, decimal
# numbers) are parsed with libyaml and built into the same round-trip containers, with the same line and
# column data, that ruamel.yaml would produce. Anything else (tags, anchors, merge keys, duplicate keys,
# timestamps, hex or octal numbers, directives, syntax errors …) goes through ruamel.yaml as before, so
# results and messages are unchanged.

_RESOLVER = VersionedResolver()  # YAML 1.2, as ruamel.yaml resolves plain scalars
_RESOLVED_FIRST = frozenset(k[0] for k in _RESOLVER.versioned_resolver if k)  # other plain scalars are strings
_WORDS = frozenset("true True TRUE false False FALSE null Null NULL".split())  # the YAML 1.2 words among them
_TRUE = frozenset(("true", "True", "TRUE"))
_LINE_COL = LineCol.attrib
_FALLBACK = object()
_ODD_CHARACTERS = "\t\ufeff\x85\u2028\u2029"  # tabs, BOMs, YAML 1.1 line breaks: libyaml and ruamel differ
_MARKERS = re.compile(r"[!&*]\S")  # a tag, an anchor or an alias, when it starts a token
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?")
_STR, _BOOL, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"


class _Unsupported(Exception):
    pass


def _scalar(node: Any) -> Any:
    value = node.value
    if node.style:  # quoted or block scalars are always strings (plain ones have no style)
        return value
    if not value:  # an empty value: ruamel places it at the next token, libyaml right after the colon
        raise _Unsupported("empty")
    first = value[0]
    if first not in _RESOLVED_FIRST:
        return value
    if first in "tTfFnN":
        if value not in _WORDS:
            return value
        return None if first in "nN" else value in _TRUE
    if _INT.fullmatch(value):  # a plain decimal integer, which YAML 1.2 always resolves to int
        return int(value)
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
    if tag == _STR:
        return value
    if tag == _BOOL:
        return value in ("true", "True", "TRUE")
    if tag == _NULL:
        return None
    if tag == _INT_TAG and _INT.fullmatch(value):
        return int(value)
    if tag == _FLOAT_TAG and _FLOAT.fullmatch(value) and not _INT.fullmatch(value):
        return float(value)
    raise _Unsupported(tag)


def _line_col(container: Any, node: Any) -> dict:
    """Give ``container`` the line/column record ruamel.yaml would, and return its per-item data."""
    record = LineCol()
    record.line, record.col = node.start_mark.line, node.start_mark.column
    record.data = {}
    setattr(container, _LINE_COL, record)
    return record.data


def _plain_subset(text: str) -> bool:
    if any(ch in text for ch in _ODD_CHARACTERS) or text.startswith("%") or "\n%" in text:
        return False
    for match in _MARKERS.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] in " \n\r[{,":
            return False
    return True


def _build(node: Any, seen: set[int]) -> Any:
    if id(node) in seen:  # an alias
        raise _Unsupported("alias")
    seen.add(id(node))
    kind = node.id
    if kind == "scalar":
        return _scalar(node)
    if kind == "sequence":
        seq = CommentedSeq()
        data = _line_col(seq, node)
        for index, item in enumerate(node.value):
            list.append(seq, _scalar(item) if item.id == "scalar" else _build(item, seen))
            mark = item.start_mark
            data[index] = [mark.line, mark.column]
        return seq
    if kind == "mapping":
        mapping = CommentedMap()
        data = _line_col(mapping, node)
        own = mapping._ok
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise _Unsupported("complex key")
            key = _scalar(key_node)
            if key in own:
                raise _Unsupported("duplicate key")
            value = _scalar(value_node) if value_node.id == "scalar" else _build(value_node, seen)
            ordereddict.__setitem__(mapping, key, value)
            own.add(key)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            data[key] = [key_mark.line, key_mark.column, value_mark.line, value_mark.column]
        return mapping
    raise _Unsupported(kind)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while many acyclic objects are built: it would rescan them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fast_load(text: str) -> Any:
    """The document, or ``_FALLBACK`` when it is not in the plain subset or libyaml is missing or objects."""
    if _FAST_LOADER is None or not _plain_subset(text):
        return _FALLBACK
    try:
        with no_cyclic_gc():
            node = _pyyaml.compose(text, Loader=_FAST_LOADER)
            return None if node is None else _build(node, set())
    except (_Unsupported, _pyyaml.YAMLError, RecursionError, ValueError, TypeError):
        return _FALLBACK


def parse_yaml(text: str, display: str) -> tuple[Any, list[Problem]]:
    fast = _fast_load(text)
    if fast is not _FALLBACK:
        return fast, []
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
