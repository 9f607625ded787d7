"""The fast path: documents in the plain subset that banks use, parsed by libyaml.

Mappings, sequences, strings, booleans, nulls and decimal numbers are parsed with libyaml (through PyYAML, many
times faster than ruamel's pure-Python parser) and built into the same round-trip containers, with the same line and
column data, that ruamel.yaml would produce. Anything else (tags, anchors, merge keys, duplicate keys, timestamps,
hex or octal numbers, directives, syntax errors …) gives a ``Fallback``: the document then goes through ruamel.yaml
as before, so results and messages are unchanged.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, LineCol
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.nodes import ScalarNode

from .checked import Resolver
from .limits import BAD_CHARACTERS, MAX_DEPTH, MAX_NUMBER_CHARS
from .messages import line_at, syntax_message

try:
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

    FAST_LOADER: Any = _FastLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _pyyaml = None
    FAST_LOADER = None

_RESOLVER = Resolver()  # YAML 1.2, as ruamel.yaml resolves plain scalars
_RESOLVED_FIRST = frozenset(k[0] for k in _RESOLVER.versioned_resolver if k)  # other plain scalars are strings
_WORDS = frozenset("true True TRUE false False FALSE null Null NULL".split())  # the YAML 1.2 words among them
_TRUE = frozenset(("true", "True", "TRUE"))
LINE_COL = LineCol.attrib


class Fallback:
    """Why the fast path gave up: the line where, and libyaml's own message for a syntax error."""

    def __init__(self, line: int, message: str = "") -> None:
        self.line = line  # 0: libyaml is missing, nothing is known
        self.message = message


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
        if node.style == '"' and BAD_CHARACTERS.search(value):  # an escape such as \ud800: the checked path says where
            raise _Unsupported(node)
        return value
    if not value:  # an empty value: ruamel places it at the next token, libyaml right after the colon
        raise _Unsupported(node)
    first = value[0]
    if first not in _RESOLVED_FIRST:
        return value
    if first in "tTfFnN":
        if value not in _WORDS:
            return value
        return None if first in "nN" else value in _TRUE
    if _INT.fullmatch(value):  # a plain decimal integer, which YAML 1.2 always resolves to int
        if len(value) > MAX_NUMBER_CHARS:  # the checked path reports it
            raise _Unsupported(node)
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
    if tag == _FLOAT_TAG and _FLOAT.fullmatch(value) and not _INT.fullmatch(value) and len(value) <= MAX_NUMBER_CHARS:
        number = float(value)
        if math.isfinite(number):
            return number
    raise _Unsupported(node)


def _line_col(container: Any, node: Any) -> dict:
    """Give ``container`` the line/column record ruamel.yaml would, and return its per-item data."""
    record = LineCol()
    record.line, record.col = node.start_mark.line, node.start_mark.column
    record.data = {}
    setattr(container, LINE_COL, record)
    return record.data


def _plain_subset(text: str) -> bool:
    if any(ch in text for ch in _ODD_CHARACTERS) or text.startswith("%") or "\n%" in text:
        return False
    for match in _MARKERS.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] in " \n\r[{,":
            return False
    return True


def _odd_position(text: str) -> int:
    """Where ``text`` first leaves the plain subset (see ``_plain_subset``), or -1."""
    found = [i for i in (text.find(ch) for ch in _ODD_CHARACTERS) if i >= 0]
    if text.startswith("%"):
        found.append(0)
    if "\n%" in text:
        found.append(text.index("\n%") + 1)
    for match in _MARKERS.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] in " \n\r[{,":
            found.append(start)
            break
    return min(found, default=-1)


def _build(node: Any, seen: set[int], depth: int = 1) -> Any:
    if id(node) in seen:  # an alias
        raise _Unsupported(node)
    if depth > MAX_DEPTH:
        raise _Unsupported(node)
    seen.add(id(node))
    kind = node.id
    if kind == "scalar":
        return _scalar(node)
    if kind == "sequence":
        seq = CommentedSeq()
        data = _line_col(seq, node)
        for index, item in enumerate(node.value):
            list.append(seq, _scalar(item) if item.id == "scalar" else _build(item, seen, depth + 1))
            mark = item.start_mark
            data[index] = [mark.line, mark.column]
        return seq
    if kind == "mapping":
        mapping = CommentedMap()
        data = _line_col(mapping, node)
        own = mapping._ok
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise _Unsupported(key_node)
            key = _scalar(key_node)
            if key in own:
                raise _Unsupported(key_node)
            value = _scalar(value_node) if value_node.id == "scalar" else _build(value_node, seen, depth + 1)
            ordereddict.__setitem__(mapping, key, value)
            own.add(key)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            data[key] = [key_mark.line, key_mark.column, value_mark.line, value_mark.column]
        return mapping
    raise _Unsupported(node)


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


def fast_load(text: str) -> Any:
    """The document, or a ``Fallback`` when it is not in the plain subset or libyaml is missing or objects."""
    if FAST_LOADER is None:
        return Fallback(0)
    if not _plain_subset(text):
        return Fallback(line_at(text, _odd_position(text)))
    try:
        with no_cyclic_gc():
            node = _pyyaml.compose(text, Loader=FAST_LOADER)
            return None if node is None else _build(node, set())
    except _Unsupported as exc:
        mark = getattr(exc.args[0] if exc.args else None, "start_mark", None)
        return Fallback(mark.line + 1 if mark else 1)
    except _pyyaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "").strip()
        return Fallback(mark.line + 1 if mark else 1, syntax_message(what) if what else "")
    except (_pyyaml.YAMLError, RecursionError, ValueError, TypeError):
        return Fallback(1)
