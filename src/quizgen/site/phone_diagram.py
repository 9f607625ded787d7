"""A diagram laid out again for a phone's column: one box a row, top to bottom, in reading order.

The 一图看懂 diagrams are written for a page (545–1,572 px wide); shrunk into a phone's 342 px column their text was
about 7 px, and drawn at their own size the column showed a corner of them, boxes cut mid-word. Here Graphviz reads
a diagram (``dot -Tjson0``: its nodes and edges with their attributes, whatever the source's syntax) and it is
written out again with every box on a row of its own: boxes in the order a reader meets them (parents before
children, a branch read to its end before the next), the same labels, shapes and arrows, the arrows that skip
rows drawn beside the column. The widest box decides the width, so the text stays large.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

# Attributes that belong to a layout, not to the diagram: Graphviz computes them again.
LAYOUT = {"pos", "width", "height", "lp", "xlp", "head_lp", "tail_lp", "bb", "rects", "_gvid", "_draw_", "_ldraw_",
          "_hdraw_", "_tdraw_", "_hldraw_", "_tldraw_", "nodes", "edges", "subgraphs", "name", "tail", "head",
          "rank", "rankdir", "constraint", "_subgraph_cnt", "directed", "strict", "nodesep", "ranksep", "size",
          "ratio", "layout", "weight", "minlen", "group", "samehead", "sametail"}  # fmt: skip
GRAPH_ATTRS = {"fontname", "fontsize", "fontcolor", "bgcolor", "charset"}


class NotForPhone(Exception):
    """A diagram this layout cannot keep faithful (clusters, which one column cannot draw as boxes)."""


def quote(value: Any) -> str:
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return text  # an HTML-like label, written as it came
    return '"' + re.sub(r'(?<!\\)"', r'\\"', text) + '"'


def attrs(item: dict[str, Any], keep: set[str] | None = None) -> str:
    pairs = [(k, v) for k, v in item.items() if k not in LAYOUT and (keep is None or k in keep)]
    return ", ".join(f"{k}={quote(v)}" for k, v in pairs)


def reading_order(count: int, edges: list[tuple[int, int]]) -> list[int]:
    """Node indices with every node after all its parents where the edges allow it (a cycle is cut where found),
    and each branch read to its end before the next, in the order the source gives the edges."""
    children: dict[int, list[int]] = {i: [] for i in range(count)}
    waiting = [0] * count
    for tail, head in edges:
        if tail != head:
            children[tail].append(head)
            waiting[head] += 1
    order: list[int] = []
    placed = [False] * count
    while len(order) < count:
        roots = [i for i in range(count) if not placed[i] and waiting[i] == 0]
        stack = list(reversed(roots[:1] or [next(i for i in range(count) if not placed[i])]))
        while stack:
            node = stack.pop()
            if placed[node]:
                continue
            placed[node] = True
            order.append(node)
            ready = []
            for child in children[node]:
                waiting[child] -= 1
                if waiting[child] == 0 and not placed[child]:
                    ready.append(child)
            stack.extend(reversed(ready))
    return order


def phone_code(graph: dict[str, Any]) -> str:
    """Graphviz source for ``graph`` (``dot -Tjson0`` output) drawn as one column."""
    objects = [o for o in graph.get("objects", []) if "nodes" not in o]  # subgraphs carry a list of their nodes
    if any(str(o.get("name", "")).startswith("cluster") for o in graph.get("objects", []) if "nodes" in o):
        raise NotForPhone("clusters")
    index = {o["_gvid"]: n for n, o in enumerate(objects)}
    edges = [(index[e["tail"]], index[e["head"]], e) for e in graph.get("edges", [])]
    order = reading_order(len(objects), [(t, h) for t, h, _ in edges])
    arrow = "->" if graph.get("directed", True) else "--"
    names = [f"n{n}" for n in range(len(objects))]
    lines = [
        f"{'digraph' if arrow == '->' else 'graph'} {{",
        f"  graph [{attrs(graph, GRAPH_ATTRS) + ', ' if attrs(graph, GRAPH_ATTRS) else ''}"
        "rankdir=TB, nodesep=0.2, ranksep=0.22];",
    ]
    for n, o in enumerate(objects):
        lines.append(f"  {names[n]} [{attrs({'label': o.get('label', o['name']), **o})}];")
    chain = f" {arrow} ".join(names[n] for n in order)
    if len(order) > 1:
        lines.append(f"  {{ edge [style=invis, weight=100]; {chain}; }}")
    for tail, head, edge in edges:
        extra = attrs(edge)
        lines.append(f"  {names[tail]} {arrow} {names[head]} [{extra + ', ' if extra else ''}constraint=false];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def graph_of(code: str, dot: str, args: list[str], cwd: str | None = None) -> dict[str, Any]:
    """The diagram as Graphviz reads it (raises CalledProcessError or OSError when dot cannot)."""
    done = subprocess.run([dot, *args, "-Tjson0"], input=code.encode(), capture_output=True, check=True, cwd=cwd)
    return json.loads(done.stdout)
