"""A paper and its answer key as Markdown (CommonMark/MyST), for the site or for printing.

Every text from a bank is escaped, so ``*``, ``_``, ``<``, ``{``, ``$`` and the like print as written.
"""

from __future__ import annotations

import re

from .. import present
from ..model import Question
from ..source import Speech
from .draw import Paper, PaperQuestion

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$!&])")
_LINE_START = re.compile(r"^(\s*)(\d*)([-+=.)])")
BLANK_MD = r"\_\_\_\_\_\_\_\_"


def escape(text: str) -> str:
    """Text safe inside a Markdown paragraph: ASCII punctuation escaped, line breaks kept as hard breaks."""
    lines = [_SPECIAL.sub(r"\\\1", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [_LINE_START.sub(r"\1\2\\\3", line) for line in lines]
    return "\\\n".join(lines).strip()


def stem(q: Question) -> str:
    pieces = present.stem_pieces(q)
    text = BLANK_MD.join(escape(p) if p.strip() else p for p in pieces)
    if present.is_choice(q):
        text += present.CHOICE_MARK
    return text


def _header(paper: Paper, suffix: str = "") -> list[str]:
    spec = paper.spec
    lines = [f"# {escape(paper.title)}{suffix}", ""]
    if spec.subtitle:
        lines += [escape(spec.subtitle), ""]
    facts = []
    if spec.minutes:
        facts.append(f"考试时间：{spec.minutes} 分钟")
    facts.append(f"满分：{paper.total_points:g} 分")
    facts.append(f"题量：{len(paper.questions)} 题")
    lines += ["　　".join(facts), ""]
    return lines


def _question(pq: PaperQuestion) -> list[str]:
    q = pq.question
    lines = [f"{pq.number}. {stem(q)}"]
    if present.has_options(q):
        lines.append("")
        options = [f"{key}. {escape(text)}" for key, text, _ in present.choices(q)]
        lines.append("\\\n".join(f"   {o}" for o in options))
    elif q.type == "open":
        lines += ["", "   答：", ""]
    lines.append("")
    return lines


def paper_markdown(paper: Paper) -> str:
    lines = _header(paper)
    if paper.spec.instructions:
        lines += [f"**说明**：{escape(paper.spec.instructions)}", ""]
    if len(paper.spec.variants) > 1:
        lines += ["姓名：\\_\\_\\_\\_\\_\\_\\_\\_　　单位：\\_\\_\\_\\_\\_\\_\\_\\_　　得分：\\_\\_\\_\\_", ""]
    for section in paper.sections:
        lines += [f"## {escape(section.heading)}", ""]
        for pq in section.questions:
            lines += _question(pq)
    return "\n".join(lines).rstrip() + "\n"


def answer_line(q: Question) -> str:
    line = escape(present.answer_line(q))
    return line if q.type == "open" else f"**{line}**"  # a reference answer is long: not all in bold


def key_markdown(paper: Paper, speech: Speech | None = None) -> str:
    """The key; ``speech`` names each source as readers know the passage (第三部分（二）)."""
    lines = _header(paper, "参考答案与解析")
    for section in paper.sections:
        lines += [f"## {escape(section.heading)}", ""]
        for pq in section.questions:
            q = pq.question
            lines.append(f"{pq.number}. {answer_line(q)}")
            lines.append("")
            lines.append(f"   {escape(present.explanation_line(q))}")
            lines.append("")
            where, quote = escape(present.source_ref(q, speech)), escape(q.source.quote)
            lines.append(f"   {present.SOURCE_LABEL}：{where}，“{quote}”　（题目编号 {escape(q.id)}）")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
