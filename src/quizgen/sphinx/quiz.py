"""The ``quiz`` directive and the domain that collects quizzes across documents (parallel-safe)."""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains import Domain
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model import TYPE_NAMES, Question
from ..paper.spec import read_spec
from ..problems import InputError
from ..selection import MODE_ALIASES, Draw, Selection, split_list
from .state import state_of

logger = logging.getLogger(__name__)


class quiz_node(nodes.General, nodes.Element):
    """A quiz: the ids of its questions and how it is taken. Rendered per builder."""


def _mode(value: str) -> str:
    value = (value or "").strip()
    if value not in MODE_ALIASES:
        raise ValueError("mode 应是 practice/练习、test/测验 或 exam/模拟考试")
    return MODE_ALIASES[value]


class QuizDirective(SphinxDirective):
    has_content = False
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "bank": directives.unchanged,
        "module": directives.unchanged,
        "tags": directives.unchanged,
        "ids": directives.unchanged,
        "types": directives.unchanged,
        "count": directives.positive_int,
        "shuffle": directives.flag,
        "seed": directives.nonnegative_int,
        "mode": _mode,
        "minutes": directives.positive_int,
        "title": directives.unchanged,
        "generated": directives.flag,
        "final": directives.flag,
        "paper": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        domain: QuizDomain = self.env.get_domain("quiz")  # type: ignore[assignment]
        state = state_of(self.config)
        project = state.project
        for path in state.bank_paths:
            self.env.note_dependency(str(path))
        number = domain.next_number(self.env.docname)
        paper = self._paper(project.root) if "paper" in self.options else None
        if "paper" in self.options and paper is None:
            return []
        selection = Selection(
            banks=split_list(self.options.get("bank")),
            modules=split_list(self.options.get("module")),
            tags=split_list(self.options.get("tags")),
            ids=split_list(self.options.get("ids")),
            types=split_list(self.options.get("types")),
            count=None if paper else self.options.get("count"),
            shuffle="shuffle" in self.options,
            seed=self.options.get("seed", zlib.crc32(f"{self.env.docname}#{number}".encode())),
            generated="generated" in self.options,
        )
        questions, missing = selection.pick(project.questions)
        location = self.get_location()
        for qid in missing:
            logger.warning("quiz: 没有编号为 %s 的题目", qid, location=location, type="quiz", subtype="unknown-id")
        if not questions:
            logger.warning("quiz: 没有选中任何题目", location=location, type="quiz", subtype="empty")
            return []
        mode = self.options.get("mode", "practice")
        title = self.options.get("title") or (self.arguments[0] if self.arguments else "")
        minutes = self.options.get("minutes")
        draw: dict[str, int] = {}
        printed = [q.id for q in questions]
        if paper:
            draw, paper_minutes = paper
            minutes = minutes or paper_minutes
            questions = pool_by_type(questions, draw, self.options.get("count", len(questions)), selection.seed)
            printed = first_draw(questions, draw)
            short = {t: n for t, n in draw.items() if sum(q.type == t for q in questions) < n}
            for qtype, count in short.items():
                logger.warning(
                    "quiz: 每次要抽 %d 道%s，题库中符合条件的不够", count, TYPE_NAMES[qtype], location=location,
                    type="quiz", subtype="pool",
                )  # fmt: skip
        node = quiz_node(
            qids=[q.id for q in questions],
            mode=mode,
            minutes=minutes or (30 if mode == "exam" else None),
            title=title,
            number=number,
            shuffle=True,
            docname=self.env.docname,
            final="final" in self.options,
            draw=draw,
            printed=printed,
        )
        self.set_source_info(node)
        node["ids"] = [f"quiz-{number}"]
        domain.add_quiz(self.env.docname, node, self.lineno)
        return [node]

    def _paper(self, root: Any) -> tuple[dict[str, int], int | None] | None:
        """Questions of each type per attempt, and the time, from a paper spec (quizzes/papers/*.yaml)."""
        path = root / self.options["paper"]
        try:
            spec = read_spec(path, self.options["paper"])
        except InputError as exc:
            logger.warning("quiz: 试卷配置有误：%s", exc, location=self.get_location(), type="quiz", subtype="paper")
            return None
        self.env.note_dependency(str(path))
        draw: dict[str, int] = {}
        for section in spec.sections:
            draw[section.type] = draw.get(section.type, 0) + section.count
        return draw, spec.minutes


def pool_by_type(questions: list[Question], draw: dict[str, int], size: int, seed: int) -> list[Question]:
    """About ``size`` questions rendered for drawing from, each type in the share the draw gives it (spread over
    the lessons as ``:count:`` spreads them), in the order they were selected. No two of them are of one family,
    so whatever an attempt draws from them holds no two questions that give each other away."""
    total = sum(draw.values())
    keep: set[str] = set()
    family_free = Draw(questions)
    for qtype, count in draw.items():
        of_type = [q for q in questions if q.type == qtype]
        want = max(count, round(size * count / total))
        chosen = family_free.sample(of_type, min(want, len(of_type)), random.Random(f"{seed}-{qtype}"))
        keep |= {q.id for q in chosen}
    return [q for q in questions if q.id in keep]


def first_draw(pool: list[Question], draw: dict[str, int]) -> list[str]:
    """The questions the printed editions show: the first of each type in the pool, as many as one attempt draws."""
    taken: dict[str, int] = {}
    printed = []
    for q in pool:
        if taken.get(q.type, 0) < draw.get(q.type, 0):
            taken[q.type] = taken.get(q.type, 0) + 1
            printed.append(q.id)
    return printed


class QuizDomain(Domain):
    """Which quizzes each document holds, so any page (学习记录, 错题本, the answer appendix) can list them."""

    name = "quiz"
    label = "Quiz"
    initial_data: dict[str, Any] = {"quizzes": {}}
    data_version = 2

    @property
    def quizzes(self) -> dict[str, list[dict]]:
        return self.data.setdefault("quizzes", {})

    def next_number(self, docname: str) -> int:
        return len(self.quizzes.get(docname, [])) + 1

    def add_quiz(self, docname: str, node: quiz_node, line: int) -> None:
        self.quizzes.setdefault(docname, []).append(
            {
                "number": node["number"],
                "qids": list(node["qids"]),
                "mode": node["mode"],
                "title": node["title"],
                "minutes": node["minutes"],
                "printed": list(node["printed"]),
                "final": bool(node.get("final")),  # the course's final test (quizgen-course.json)
                "line": line,
            }
        )

    def clear_doc(self, docname: str) -> None:
        self.quizzes.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata.get("quizzes", {}):
                self.quizzes[docname] = otherdata["quizzes"][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []
