"""A paper and its answer key as plain text: what 记事本 shows and what pastes into WeChat as it reads.

No markup at all (a bank's ``*`` or ``<`` is just a character), Windows line ends, UTF-8 with a byte-order mark
(记事本 on older Windows guesses the encoding otherwise), blanks drawn with full-width underscores as wide as
their answers, options one to a line.
"""

from __future__ import annotations

from .. import present
from ..model import BLANK_RE, Question
from ..present import clean, explanation, reference_answer
from ..source import Speech
from . import layout
from .draw import Paper, PaperQuestion

NEWLINE = "\r\n"


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


def stem(q: Question) -> str:
    pieces = BLANK_RE.split(q.stem)
    text = ""
    for index, piece in enumerate(pieces):
        if index:
            text += "＿" * layout.blank_width(q, index - 1)
        text += _one_line(piece) if piece.strip() else piece
    if present.is_choice(q):
        text += present.CHOICE_MARK
    return text


def _header(paper: Paper, suffix: str = "") -> list[str]:
    spec = paper.spec
    lines = [_one_line(paper.title) + suffix]
    if spec.subtitle:
        lines.append(_one_line(spec.subtitle))
    facts = [f"考试时间：{spec.minutes} 分钟"] if spec.minutes else []
    facts += [f"满分：{paper.total_points:g} 分", f"题量：{len(paper.questions)} 题"]
    return [*lines, "　　".join(facts), ""]


def _question(pq: PaperQuestion) -> list[str]:
    q = pq.question
    lines = [f"{pq.number}．{stem(q)}"]
    if q.type in ("single", "multiple"):
        lines += [f"　　{o.key}．{_one_line(o.text)}" for o in q.options]
    elif q.type == "open":
        lines += ["　　答：", *([""] * layout.writing_lines(q))]
    return [*lines, ""]


def paper_text(paper: Paper) -> str:
    lines = _header(paper)
    if paper.spec.instructions:
        lines += [f"说明：{_one_line(paper.spec.instructions)}", ""]
    lines += ["姓名：＿＿＿＿＿＿　　单位：＿＿＿＿＿＿　　得分：＿＿＿＿", ""]
    for section in paper.sections:
        lines += [_one_line(section.heading), ""]
        for pq in section.questions:
            lines += _question(pq)
    return "\ufeff" + NEWLINE.join(lines).rstrip() + NEWLINE


def key_text(paper: Paper, speech: Speech | None = None) -> str:
    """The key; ``speech`` names each source as readers know the passage (第二部分（二）“二是”)."""
    lines = _header(paper, "参考答案与解析")
    table = layout.answer_line([(pq.number, pq.question) for pq in paper.questions])
    if table:
        lines += [f"答案表：{table}", ""]
    for section in paper.sections:
        lines += [_one_line(section.heading), ""]
        for pq in section.questions:
            q = pq.question
            if q.type == "open":
                lines.append(f"{pq.number}．参考答案：{_one_line(reference_answer(q))}")
            else:
                lines.append(f"{pq.number}．{present.ANSWER_LABEL}：{_one_line(present.answer_text(q))}")
            points, bonus = layout.scoring_points(q) if q.type == "open" else ([], [])
            if points:
                lines.append(f"　　评分要点（共 {pq.points:g} 分）：")
                scores = layout.point_scores(pq.points, len(points))
                lines += [
                    f"　　（{i + 1}）{_one_line(t)}（{s:g} 分）"
                    for i, (t, s) in enumerate(zip(points, scores, strict=True))
                ]
                lines += [f"　　另：{_one_line(t)}（酌情加分，全题不超过 {pq.points:g} 分）" for t in bonus]
            else:
                lines.append(f"　　解析：{_one_line(explanation(q))}")
            quote = layout.nested_quotes(_one_line(q.source.quote))
            lines += [f"　　出处：{present.source_ref(q, speech)}，“{quote}”（题目编号 {q.id}）", ""]
    return "\ufeff" + NEWLINE.join(lines).rstrip() + NEWLINE
