"""Reading YAML with line numbers kept, turning every failure into a Problem."""

from __future__ import annotations

import gc
import math
import os
import re
import stat
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, LineCol
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
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

from .problems import Problem, os_reason

MAX_BYTES = 20 * 1024 * 1024
MAX_CHECKED_CHARS = 500_000  # larger files must keep to the plain subset that libyaml reads fast
MAX_DEPTH = 64  # nesting of lists and mappings; banks need five
MAX_ALIAS_NODES = 100_000  # nodes that aliases (*name) may add when expanded: stops "billion laughs"
MAX_NUMBER_CHARS = 64  # a number longer than this is a mistake (and a 4,300-digit one cannot be converted)
# Characters no input may contain: C0/C1 controls (but tab and line breaks), the Unicode line and paragraph
# separators (invisible, yet they break lines of messages and of the speech), lone surrogates (they reach a file
# only through escapes such as "\ud800", and no encoder can write them) and the two noncharacters XML forbids.
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def bad_character_message(text: str) -> str | None:
    """Why ``text`` cannot be accepted (a control character or a lone surrogate), or None."""
    match = BAD_CHARACTERS.search(text)
    if match is None:
        return None
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"含有无效的 Unicode 代理字符 U+{code:04X}（多由 \\u{code:04x} 这样的转义写出），请删除"
    if code in (0x2028, 0x2029):
        return f"含有不可见的分行符 U+{code:04X}，请删除或换成普通的换行"
    return f"含有不可见的控制字符 U+{code:04X}，请删除"


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    yaml.Resolver = _Resolver
    yaml.Constructor = _CheckingConstructor
    return yaml


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The text of a regular UTF-8 file of at most MAX_BYTES; a FIFO or a device is refused, never read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, [Problem(display, 1, "", f"无法读取文件：{os_reason(exc)}")]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(display, 1, "", "不是普通文件（是文件夹、管道或设备），无法作为输入读取")]
        if info.st_size > MAX_BYTES:
            return None, [Problem(display, 1, "", f"文件过大（{info.st_size} 字节，上限 {MAX_BYTES} 字节）")]
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(display, 1, "", f"无法读取文件：{os_reason(exc)}")]
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        return None, [Problem(display, 1, "", f"文件过大（超过上限 {MAX_BYTES} 字节）")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(display, line, "", f"不是 UTF-8 编码的文本（{_encoding_guess(data, exc.start)}），请另存为 UTF-8")
        ]


def _encoding_guess(data: bytes, bad: int) -> str:
    """What the file probably is: Windows editors save Chinese text as UTF-16 ("Unicode") or GBK ("ANSI")."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "是 UTF-16 编码，即记事本里的“Unicode”"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return f"第 {bad + 1} 个字节无法解码"
    return "看起来是 GBK 编码，即中文 Windows 记事本里的“ANSI”"


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


class _Resolver(VersionedResolver):
    """YAML 1.2 as ruamel.yaml resolves it, except that a plain date (2020-04-15) stays text: no field wants a
    date object, and an impossible one (2020-13-45) would fail while it is built."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        if kind is ScalarNode and tag == _TIMESTAMP_TAG:
            return super().resolve(kind, "text", (True, False))
        return tag


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_RESOLVER = _Resolver()  # YAML 1.2, as ruamel.yaml resolves plain scalars
_RESOLVED_FIRST = frozenset(k[0] for k in _RESOLVER.versioned_resolver if k)  # other plain scalars are strings
_WORDS = frozenset("true True TRUE false False FALSE null Null NULL".split())  # the YAML 1.2 words among them
_TRUE = frozenset(("true", "True", "TRUE"))
_LINE_COL = LineCol.attrib


class _Fallback:
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


def _fast_load(text: str) -> Any:
    """The document, or a ``_Fallback`` when it is not in the plain subset or libyaml is missing or objects."""
    if _FAST_LOADER is None:
        return _Fallback(0)
    if not _plain_subset(text):
        return _Fallback(_line_at(text, _odd_position(text)))
    try:
        with no_cyclic_gc():
            node = _pyyaml.compose(text, Loader=_FAST_LOADER)
            return None if node is None else _build(node, set())
    except _Unsupported as exc:
        mark = getattr(exc.args[0] if exc.args else None, "start_mark", None)
        return _Fallback(mark.line + 1 if mark else 1)
    except _pyyaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "").strip()
        return _Fallback(mark.line + 1 if mark else 1, syntax_message(what) if what else "")
    except (_pyyaml.YAMLError, RecursionError, ValueError, TypeError):
        return _Fallback(1)


# What the parsers' English sentences mean to someone editing a bank in a text editor: the Chinese explanation first,
# the parser's own words after it in brackets (a maintainer searching for them still finds them).
_SYNTAX_HINTS = [
    ("duplicate key", "重复的键：同一层里不能有两个同名的键"),
    ("tab character", "有 Tab 字符：YAML 只能用空格缩进"),
    ("'\\t' that cannot start any token", "有 Tab 字符：YAML 只能用空格缩进"),
    (
        "mapping values are not allowed here",
        "这里不能出现“冒号加空格”：或是这一行缩进不对，或是值里含有“: ”（请给整个值加引号）",
    ),
    ("found unexpected end of stream", "文件意外结束：可能有引号没有闭合"),
    ("could not find expected ':'", "缺少冒号，或上一行的引号没有闭合"),
    ("did not find expected key", "缩进不一致：这一行应与同层的键对齐"),
    ("did not find expected '-' indicator", "缩进不一致：这一行应是以“- ”开头的列表项"),
    ("expected <block end>, but found '<scalar>'", "多出了内容：或是引号闭合之后还有文字，或是缩进与上下文对不齐"),
    ("expected <block end>", "缩进不一致：这一行与上下文对不齐"),
    ("found undefined alias", "引用了没有定义的锚点（*名字）"),
    ("unknown escape character", "双引号里有无效的转义（反斜杠后的字符）：可改用单引号"),
    ("expected a comment or a line break", "这一行末尾有多余的内容"),
    ("expected chomping or indentation indicators", "“|”或“>”之后应当换行，文字从下一行写起"),
    ("that cannot start any token", "值不能以这个字符开头（如 @、`、%）：请给整个值加引号"),
    ("expected ',' or ']'", "方括号列表没有正确闭合"),
    ("expected ',' or '}'", "花括号映射没有正确闭合"),
]


def syntax_message(what: str) -> str:
    """``YAML 无法解析：<中文说明>（<the parser's words>）`` for a syntax error the table knows; its words alone
    otherwise."""
    for marker, hint in _SYNTAX_HINTS:
        if marker in what:
            return f"YAML 无法解析：{hint}（{what}）"
    return f"YAML 无法解析：{what}"


# --- the checked path ----------------------------------------------------------------------------------
# Before ruamel.yaml builds anything, the composed nodes are checked: only the standard tags, numbers that can be
# converted (and are finite), no bad characters, and aliases that neither refer to themselves nor expand the
# document beyond MAX_ALIAS_NODES. Every problem found is reported with its line.

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "文字", "tag:yaml.org,2002:int": "整数", "tag:yaml.org,2002:float": "数",
    "tag:yaml.org,2002:bool": "真假值（true 或 false）", "tag:yaml.org,2002:null": "空值",
    "tag:yaml.org,2002:merge": "合并键",
}  # fmt: skip
_CONVERTED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"}
_COLLECTION_TAGS = {SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}
_MAX_REPORTED = 20


class _Rejected(YAMLError):
    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


class _CheckingConstructor(RoundTripConstructor):
    def construct_document(self, node: Any) -> Any:
        problems = self._check(node)
        if problems:
            raise _Rejected(problems)
        return super().construct_document(node)

    def _scalar_problem(self, node: ScalarNode) -> str | None:
        tag, value = str(node.tag), node.value
        what = _SCALAR_TAGS.get(tag)
        if what is None:
            return f"不支持的 YAML 标签 {_shown_tag(tag)}（只能用普通的文字、数字、true/false）"
        if tag == "tag:yaml.org,2002:str":
            # ruamel.yaml marks the folds of a folded (>) scalar with BEL characters, then removes them
            return bad_character_message(value.replace("\a", "") if node.style == ">" else value)
        if tag not in _CONVERTED:
            return None
        if len(value) > MAX_NUMBER_CHARS:
            return f"数字过长（{len(value)} 个字符，上限 {MAX_NUMBER_CHARS}）"
        try:
            result = self.construct_object(node)
        except Exception:
            shown = value if len(value) <= 40 else value[:40] + "…"
            return f"“{shown}”不是{what}（标签 {_shown_tag(tag)}）"
        if isinstance(result, float) and not math.isfinite(result):
            return f"不支持无穷大或非数（{value}）：请写一个普通的数"
        return None

    def _check(self, root: Any) -> list[tuple[int, str]]:
        problems: list[tuple[int, str]] = []
        size: dict[int, int] = {}  # a node's size with aliases expanded
        visiting: set[int] = set()
        shared: dict[int, Any] = {}  # nodes reached more than once: anchors that aliases refer to
        stack: list[tuple[Any, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            key = id(node)
            children = _children(node)
            if leaving:
                visiting.discard(key)
                size[key] = 1 + sum(size[id(child)] for child in children)
                continue
            if key in size:
                shared[key] = node
                continue
            if key in visiting:
                return [(node.start_mark.line + 1, "别名（*）引用了它自己所在的节点，形成循环")]
            visiting.add(key)
            if isinstance(node, ScalarNode):
                message = self._scalar_problem(node)
                size[key] = 1
                visiting.discard(key)
                if message and len(problems) < _MAX_REPORTED:
                    problems.append((node.start_mark.line + 1, message))
                continue
            if str(node.tag) != _COLLECTION_TAGS[type(node)] and len(problems) < _MAX_REPORTED:
                problems.append((node.start_mark.line + 1, f"不支持的 YAML 标签 {_shown_tag(str(node.tag))}"))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children))
        extra = size.get(id(root), 0) - len(size)
        if extra > MAX_ALIAS_NODES:
            worst = max(shared.values(), key=lambda n: size[id(n)])
            problems.append(
                (
                    worst.start_mark.line + 1,
                    f"别名（*）展开后多出 {extra} 个节点，超过上限 {MAX_ALIAS_NODES}：请不要层层引用锚点（&）",
                )
            )
        return problems


def _shown_tag(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return shown if len(shown) <= 40 else shown[:40] + "…"


def _children(node: Any) -> list[Any]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S*)", re.M)
_NEL = "\x85"  # YAML 1.1 reads it as a line break, so it never reaches the control-character check


def _text_problems(text: str, display: str) -> list[Problem]:
    """What the parsers would not report clearly: a YAML version ruamel.yaml cannot read (it fails an assertion),
    and U+0085, which both parsers take for a line break."""
    problems = []
    for match in _DIRECTIVE.finditer(text):
        if match.group(1) not in ("1.1", "1.2"):
            shown = match.group(1)[:20] or "（空）"
            problems.append(
                Problem(
                    display, _line_at(text, match.start()), "", f"不支持的 YAML 版本声明 %YAML {shown}：请删除这一行"
                )
            )
    if _NEL in text:
        problems.append(Problem(display, _line_at(text, text.index(_NEL)), "", bad_character_message(_NEL) or ""))
    return problems


def parse_yaml(text: str, display: str) -> tuple[Any, list[Problem]]:
    if "%" in text or _NEL in text:  # cheap test first: large banks have neither
        if problems := _text_problems(text, display):
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
    except _Rejected as exc:
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
        line = _line_at(text, exc.position) if isinstance(exc.position, int) else 1
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
