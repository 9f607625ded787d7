"""Paper specs (YAML): what a paper asks for, validated against the banks with every problem at FILE:LINE.

::

    title: 党风廉政建设知识测验        # required
    subtitle: 随堂测验                 # optional
    minutes: 30                        # optional, shown on the paper
    instructions: 请在 30 分钟内独立完成。
    seed: 2020                         # variants use seeds derived from it
    variants: [A, B]                   # default [A]; every variant holds the same questions in its own order
    different_questions: false         # true: each variant draws its own questions (default false)
    pool: exam                         # exam (default): held-back questions first, filled up from the learners';
                                       # learn: only the learners' questions; all: both alike
    modules: [m1, m2]                  # optional filters: modules, banks (lessons), tags
    banks: [m1-l2]
    tags: [主体责任]
    generated: false                   # also draw generated questions (default false)
    difficulty: {1: 40, 2: 40, 3: 20} # optional mix, in parts; applied inside every section
    total: 100                         # optional: the points must add up to it
    sections:
      - {type: single, count: 10, points: 2}
      - {type: multiple, count: 5, points: 4, title: 多项选择题}
      - {type: open, count: 2, points: 10, difficulty: {2: 1, 3: 1}}   # a section's own mix
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import TYPE_NAMES, TYPE_ORDER, Question
from ..problems import InputError, Problem
from ..reader import Reader
from ..selection import Selection
from ..yamlio import line_of, load_yaml

SPEC_KEYS = {
    "title", "subtitle", "minutes", "instructions", "seed", "variants", "modules", "banks", "tags", "generated",
    "different_questions", "pool", "difficulty", "total", "sections",
}  # fmt: skip
SECTION_ORDER = ("type", "count", "points", "title", "difficulty")  # listed in this order in messages
SECTION_KEYS = set(SECTION_ORDER)
# Bounds far above any real paper, so that a slip of the keyboard is an error, not a paper of 10^60 points.
MAX_COUNT, MAX_POINTS, MAX_TOTAL, MAX_MINUTES, MAX_PART = 10_000, 1000, 1_000_000, 10_000, 1_000_000
MAX_VARIANT_CHARS = 32  # a variant's name is part of the output files' names


@dataclass
class SectionSpec:
    type: str
    count: int
    points: float
    title: str = ""
    line: int = 0
    difficulty: dict[int, float] = field(default_factory=dict)  # overrides the paper's mix


@dataclass
class PaperSpec:
    title: str
    file: str
    name: str  # the spec's file stem, used for output names
    subtitle: str = ""
    minutes: int | None = None
    instructions: str = ""
    seed: int = 0
    variants: list[str] = field(default_factory=lambda: ["A"])
    modules: list[str] = field(default_factory=list)
    banks: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    generated: bool = False
    different_questions: bool = False
    pool: str = "exam"
    difficulty: dict[int, float] = field(default_factory=dict)
    total: float | None = None
    sections: list[SectionSpec] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # where each top-level key is
    problems: list[Problem] = field(default_factory=list)  # found while reading (the fields in error are left out)

    @property
    def total_points(self) -> float:
        return sum(s.count * s.points for s in self.sections)

    def selection(self) -> Selection:
        return Selection(
            banks=self.banks, modules=self.modules, tags=self.tags, generated=self.generated, exam=self.pool != "learn"
        )


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _names(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [v for v in value.replace("，", ",").replace(",", " ").split() if v]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return [str(v) for v in value]
    return None


def split_counts(count: int, mix: dict[int, float]) -> dict[int, int]:
    """``count`` shared out by the parts of ``mix`` (largest remainder; ties go to the easier level)."""
    total = sum(mix.values())
    exact = {level: count * part / total for level, part in mix.items()}
    counts = {level: int(value) for level, value in exact.items()}
    rest = count - sum(counts.values())
    for level in sorted(exact, key=lambda lv: (-(exact[lv] - counts[lv]), lv))[:rest]:
        counts[level] += 1
    return {level: n for level, n in counts.items() if n}


def read_spec(path: Path, display: str | None = None) -> PaperSpec:
    """The spec's fields, checked for shape (not yet against the banks).

    A file that cannot be read as a mapping raises InputError; problems with single fields are collected
    in ``spec.problems`` so that they can be reported together with the problems found against the banks.
    """
    display = display or str(path)
    doc, problems = load_yaml(path, display)
    if problems:
        raise InputError(problems)
    return spec_from_yaml(doc, display, path.stem)


def spec_from_yaml(doc: Any, display: str, name: str, line: int = 1) -> PaperSpec:
    """The spec a parsed YAML mapping describes (a spec file, or a course manifest's ``paper``); ``line`` is where
    ``doc`` starts. Raises InputError when it is not a mapping; other problems go to ``spec.problems``."""
    if not isinstance(doc, dict):
        raise InputError([Problem(display, line_of(doc, default=line), "", "试卷配置应是映射（title、sections 等）")])
    r = Reader(display, start=line)
    r.unknown_keys(doc, SPEC_KEYS)
    spec = PaperSpec(title="", file=display, name=name)
    spec.lines = {str(key): line_of(doc, key, line) for key in doc}
    title = doc.get("title")
    if not isinstance(title, str) or not title.strip():
        r.error(line_of(doc, "title", line), "缺少 title（试卷标题），或它不是文字")
    else:
        spec.title = title
    for key in ("subtitle", "instructions"):
        value = doc.get(key, "")
        if not isinstance(value, str):
            r.error(line_of(doc, key), f"{key} 应是文字")
        else:
            setattr(spec, key, value)
    minutes = doc.get("minutes")
    if minutes is not None:
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 < minutes <= MAX_MINUTES:
            r.error(line_of(doc, "minutes"), f"minutes（考试时间，分钟）应是正整数（不超过 {MAX_MINUTES}）")
        else:
            spec.minutes = minutes
    seed = doc.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        r.error(line_of(doc, "seed"), "seed 应是整数")
    else:
        spec.seed = seed
    variants = doc.get("variants", ["A"])
    if isinstance(variants, int) and not isinstance(variants, bool) and 1 <= variants <= 26:
        variants = [chr(ord("A") + i) for i in range(variants)]
    names = _names(variants)
    if not names or len(set(names)) != len(names):
        r.error(line_of(doc, "variants"), "variants 应是互不相同的卷别名称列表，如 [A, B]，或卷数 1–26")
    elif not all(n.replace("-", "").replace("_", "").isalnum() and len(n) <= MAX_VARIANT_CHARS for n in names):
        r.error(
            line_of(doc, "variants"),
            f"卷别名称只能含字母、数字、连字符和下划线，最长 {MAX_VARIANT_CHARS} 个字符（会用在文件名里）",
        )
    else:
        spec.variants = names
    for key in ("modules", "banks", "tags"):
        if key in doc:
            value = _names(doc[key])
            if value is None:
                r.error(line_of(doc, key), f"{key} 应是文字列表")
            else:
                setattr(spec, key, value)
    for key in ("generated", "different_questions"):
        value = doc.get(key, False)
        if not isinstance(value, bool):
            r.error(line_of(doc, key), f"{key} 应是 true 或 false")
        else:
            setattr(spec, key, value)
    pool = doc.get("pool", "exam")
    if pool not in ("exam", "learn", "all"):
        r.error(
            line_of(doc, "pool"),
            "pool 应是 exam（先抽考试题，不够再抽学习题）、learn（只抽学习题）或 all（两者同等抽取）",
        )
    else:
        spec.pool = pool
    spec.difficulty = _difficulty(doc, r)
    _sections(doc, spec, r)
    total = doc.get("total")
    if total is not None:
        if not _number(total) or not 0 < total <= MAX_TOTAL:
            r.error(line_of(doc, "total"), f"total（总分）应是正数（不超过 {MAX_TOTAL}）")
        else:
            spec.total = float(total)
            if spec.sections and abs(spec.total_points - spec.total) > 1e-9:
                r.error(
                    line_of(doc, "total"),
                    f"各部分分数合计 {spec.total_points:g} 分，与 total {spec.total:g} 分不符",
                )
    spec.problems = r.problems
    return spec


def _difficulty(node: dict, r: Reader) -> dict[int, float]:
    mix = node.get("difficulty")
    if mix is None:
        return {}
    line = line_of(node, "difficulty")
    if not isinstance(mix, dict) or not mix:
        r.error(line, "difficulty 应是难度到比例的映射，如 {1: 40, 2: 40, 3: 20}")
        return {}
    result: dict[int, float] = {}
    for level, part in mix.items():
        if level not in (1, 2, 3) or isinstance(level, bool):
            r.error(line_of(mix, level, line), f"难度 {level} 不存在：难度只有 1、2、3")
        elif not _number(part) or not 0 <= part <= MAX_PART:
            r.error(line_of(mix, level, line), f"难度 {level} 的比例应是不小于 0 的数（不超过 {MAX_PART}）")
        else:
            result[int(level)] = float(part)
    if result and sum(result.values()) <= 0:
        r.error(line, "difficulty 的比例之和应大于 0")
        return {}
    return result


def _sections(doc: dict, spec: PaperSpec, r: Reader) -> None:
    sections = doc.get("sections")
    if not isinstance(sections, list) or not sections:
        r.error(line_of(doc, "sections", r.start), "缺少 sections（各题型的题数与分值），或它是空的")
        return
    seen: dict[str, int] = {}
    for index, node in enumerate(sections):
        line = line_of(sections, index, line_of(doc, "sections"))
        if not isinstance(node, dict):
            r.error(line, "每个部分应是映射：{type: single, count: 10, points: 2}")
            continue
        Reader(r.display, start=line, problems=r.problems).unknown_keys(node, SECTION_ORDER)
        qtype, count, points, title = node.get("type"), node.get("count"), node.get("points"), node.get("title", "")
        ok = True
        if qtype not in TYPE_ORDER:
            r.error(line_of(node, "type", line), f"type 应是 {'、'.join(TYPE_ORDER)} 之一")
            ok = False
        elif qtype in seen:
            r.error(
                line_of(node, "type", line), f"{TYPE_NAMES[qtype]}已在第 {seen[qtype]} 行出现过，每种题型只能有一个部分"
            )
            ok = False
        else:
            seen[qtype] = line
        if not isinstance(count, int) or isinstance(count, bool) or not 0 < count <= MAX_COUNT:
            r.error(line_of(node, "count", line), f"count（题数）应是正整数（不超过 {MAX_COUNT}）")
            ok = False
        if not _number(points) or not 0 < points <= MAX_POINTS:
            r.error(line_of(node, "points", line), f"points（每题分值）应是正数（不超过 {MAX_POINTS}）")
            ok = False
        if not isinstance(title, str):
            r.error(line_of(node, "title", line), "title 应是文字")
            ok = False
        before = len(r.problems)
        mix = _difficulty(node, r)
        if ok and len(r.problems) == before:
            spec.sections.append(SectionSpec(str(qtype), int(count), float(points), str(title), line, mix))


def check_feasible(spec: PaperSpec, questions: list[Question]) -> None:
    """Every field is valid, every filter names something that exists and every section can be filled.

    Raises InputError with all problems, those found while reading the spec included, in line order.
    """
    problems: list[Problem] = []

    def error(line: int, message: str) -> None:
        problems.append(Problem(spec.file, line, "", message))

    known = {
        "modules": sorted({q.module for q in questions}),
        "banks": sorted({q.lesson for q in questions}),
        "tags": sorted({t for q in questions for t in q.tags}),
    }
    for key, label in (("modules", "模块"), ("banks", "题库"), ("tags", "标签")):
        unknown = [v for v in getattr(spec, key) if v not in known[key]]
        if unknown:
            shown = "、".join(known[key][:30])
            error(spec.lines.get(key, 1), f"{key} 中的{label} {'、'.join(unknown)} 不存在（已有：{shown}）")
    selection = spec.selection()
    pool = [q for q in questions if selection.matches(q)]
    for section in spec.sections:
        of_type = [q for q in pool if q.type == section.type]
        name = TYPE_NAMES[section.type]
        if section.count > len(of_type):
            error(section.line, f"{name}要 {section.count} 道，符合条件的只有 {len(of_type)} 道")
            continue
        mix = section.difficulty or spec.difficulty
        if mix:
            have = Counter(q.difficulty for q in of_type)
            for level, need in sorted(split_counts(section.count, mix).items()):
                if need > have[level]:
                    error(
                        section.line,
                        f"{name}按难度比例要 {need} 道难度 {level} 的题，符合条件的只有 {have[level]} 道",
                    )
    problems = sorted([*spec.problems, *problems], key=lambda p: p.line)
    if problems:
        raise InputError(problems)
