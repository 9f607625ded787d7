"""ruamel.yaml, the reference parser, with a constructor that checks the composed nodes before building anything.

Only the standard tags, numbers that can be converted (and are finite), no bad characters, and aliases that neither
refer to themselves nor expand the document beyond MAX_ALIAS_NODES. Every problem found is reported with its line.
"""

from __future__ import annotations

import math
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from .limits import MAX_ALIAS_NODES, MAX_DEPTH, MAX_NUMBER_CHARS, bad_character_message

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class Resolver(VersionedResolver):
    """YAML 1.2 as ruamel.yaml resolves it, except that a plain date (2020-04-15) stays text: no field wants a
    date object, and an impossible one (2020-13-45) would fail while it is built."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        if kind is ScalarNode and tag == TIMESTAMP_TAG:
            return super().resolve(kind, "text", (True, False))
        return tag


def checked_yaml() -> YAML:
    """A ruamel.yaml round-trip loader: YAML 1.2, no duplicate keys, at most MAX_DEPTH levels, nodes checked."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    yaml.Resolver = Resolver
    yaml.Constructor = _CheckingConstructor
    return yaml


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "文字", "tag:yaml.org,2002:int": "整数", "tag:yaml.org,2002:float": "数",
    "tag:yaml.org,2002:bool": "真假值（true 或 false）", "tag:yaml.org,2002:null": "空值",
    "tag:yaml.org,2002:merge": "合并键",
}  # fmt: skip
_CONVERTED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"}
_COLLECTION_TAGS = {SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}
_MAX_REPORTED = 20


class Rejected(YAMLError):
    """The document's problems, (line, message) each, found before anything was built."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


class _CheckingConstructor(RoundTripConstructor):
    def construct_document(self, node: Any) -> Any:
        problems = self._check(node)
        if problems:
            raise Rejected(problems)
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
