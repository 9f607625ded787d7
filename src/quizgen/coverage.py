"""How well the questions cover the speech: every sentence cited, every paragraph cited often enough
(``quizgen coverage`` prints it)."""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass, field
from pathlib import Path

from .model import Question
from .problems import Problem, display_path, print_problems
from .reader import Reader
from .source import Passage, Speech, sentences
from .yamlio import line_of, load_yaml

# A quote covers a sentence when they share at least this many characters (or the whole sentence).
MIN_OVERLAP = 6


@dataclass
class ParagraphCoverage:
    passage: Passage
    needed: int
    questions: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)  # sentences no question cites

    @property
    def ok(self) -> bool:
        return len(self.questions) >= self.needed and not self.uncovered


def needed_for(passage: Passage) -> int:
    return max(3, math.ceil(len(passage.text.strip()) / 60))


def load_exclusions(
    path: Path, display: str | None = None, speech: Speech | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """Sentences deliberately left uncited: ``- {anchor, sentence, reason}`` entries (checked against ``speech``)."""
    if not path.exists():
        return {}, []
    display = display or str(path)
    doc, problems = load_yaml(path, display)
    exclusions: dict[str, str] = {}
    r = Reader(display, speech, problems=problems)
    if doc is not None and not isinstance(doc, list):
        r.error(1, "应是列表，每一项有 anchor、sentence、reason 三个文字字段")
        return exclusions, r.problems
    for index, item in enumerate(doc or []):
        line = line_of(item) or line_of(doc, index) or 1
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("anchor", "sentence", "reason"))):
            r.error(line, "每一项应有 anchor、sentence、reason 三个文字字段")
        elif speech is None or r.citation(item["anchor"], item["sentence"], line):
            exclusions[item["sentence"]] = item["reason"]
    return exclusions, r.problems


def coverage(
    speech: Speech, questions: list[Question], exclusions: dict[str, str] | None = None
) -> list[ParagraphCoverage]:
    exclusions = exclusions or {}
    report = []
    for paragraph in speech.body():
        spans = []
        cited = []
        for q in questions:
            anchor = q.source.anchor
            if anchor not in speech or speech.line_passage(anchor).anchor != paragraph.anchor:
                continue
            located = speech.locate(anchor, q.source.quote)
            if located:
                spans.append(located)
                cited.append(q.id)
        entry = ParagraphCoverage(paragraph, needed_for(paragraph), cited)
        for start, end in sentences(paragraph.text):
            sentence = paragraph.text[start:end]
            need = min(MIN_OVERLAP, len(sentence.strip()))
            if sentence.strip() in exclusions or sentence in exclusions:
                continue
            if not any(min(end, e) - max(start, s) >= need for s, e in spans):
                entry.uncovered.append(sentence)
        report.append(entry)
    return report


def cmd_coverage(args: argparse.Namespace) -> int:
    from .project import open_project

    project = open_project()
    if project.errors:
        print_problems(project.errors)
        return 1
    path = project.quizzes / "coverage-exclusions.yaml"
    exclusions, problems = load_exclusions(path, display_path(path, project.root), project.speech)
    if problems:
        print_problems(problems)
        return 1
    hand = [q for q in project.questions if not q.generated]
    report = coverage(project.speech, hand, exclusions)
    failed = 0
    for entry in report:
        mark = "✓" if entry.ok else "✗"
        failed += not entry.ok
        print(f"{mark} {entry.passage.anchor:<10} {len(entry.questions):>3}/{entry.needed:<3} 题")
        for sentence in entry.uncovered:
            print(f"    未被引用的句子：{sentence}")
    print(f"手写题 {len(hand)} 道；{len(report) - failed}/{len(report)} 段达标")
    return 1 if failed else 0


def configure(p: argparse.ArgumentParser) -> None:
    pass


COMMANDS = {"coverage": (cmd_coverage, configure, "统计手写题对讲话正文每段、每句的覆盖情况")}
