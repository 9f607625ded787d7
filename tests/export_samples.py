"""A small bank that passes `quizgen check` but is full of characters every export format must escape."""

from __future__ import annotations

from pathlib import Path

from quizgen.check import check_banks
from quizgen.load import load_bank
from quizgen.model import Question
from quizgen.source import Speech

TRICKY = r"""bank: tricky
title: 转义测试 ~ = # { } : \
module: m9
questions:
  - id: t-single
    type: single
    difficulty: 1
    stem: "GIFT 特殊字符 ~ = # { } : \\ 与 XML 的 <b>&amp; —— 讲话指出，在主体责任落实上存在的差距之一是："
    options:
      - text: "重安排、轻落实 {正确} #1"
        feedback: "对：原文是“重安排、轻落实”。~ = # { } : \\"
      - text: "=SUM(1,2) 重落实、轻安排"
        feedback: "说反了 <i>&</i>"
      - "重考核: 轻部署 ]]> <![CDATA[x]]>"
      - "重监督 \\ 轻教育 $x$ *强调* _下划线_ [链接](http://x)"
    answer: A
    explanation: "解析：讲话批评只布置不落实。特殊字符 ~ = # { } : \\ <br> & 一并测试。"
    source: {anchor: part1-p2-i1, quote: 重安排、轻落实}
    tags: [转义]
  - id: t-multiple
    type: multiple
    difficulty: 2
    stem: "下列属于讲话要求的“五个同”的有（多选）{#}："
    options: ["同部署 ~A", "同研究 =B", "同奖惩", "同考核 #C", "同评比 :D"]
    answer: [A, B, D]
    explanation: "解析：五个同是同部署、同研究、同落实、同检查、同考核。"
    source: {anchor: part2-p1, quote: 同部署、同研究、同落实、同检查、同考核}
  - id: t-truefalse
    type: truefalse
    stem: "讲话认为 {一些干部} 在“一岗双责”履行上重落实、轻安排 = 对吗？"
    answer: false
    explanation: "解析：说反了：是重安排、轻落实。"
    source: {anchor: part1-p2-i1, quote: 重安排、轻落实}
  - id: t-fill
    type: fill
    stem: "讲话要求坚持____的态度不变（答案可写 “零容忍” 或 “零容忍{态度}”）。"
    answer: [[零容忍, "零容忍{态度}", "zero:tolerance~"]]
    explanation: "解析：零容忍 = 对腐败问题不姑息。"
    source: {anchor: part1-p3, quote: 坚持零容忍的态度不变}
  - id: t-fill2
    type: fill
    stem: "坚持____的决心不减、____的勇气不泄。"
    answer: [[猛药去疴], [刮骨疗毒]]
    explanation: "解析：两个比喻。"
    source: {anchor: part1-p3, quote: 猛药去疴的决心不减、刮骨疗毒的勇气不泄}
  - id: t-open
    type: open
    difficulty: 3
    stem: "结合实际谈谈如何避免“重安排、轻落实”<script>alert(1)</script>。"
    answer: "参考答案：第一行 ~ = #\n第二行 { } : \\ & <ok>"
    explanation: "评分要点：能联系岗位。"
    source: {anchor: part1-p2-i1, quote: 重安排、轻落实}
"""


def tricky_bank(folder: Path, speech: Speech) -> tuple[Path, list[Question]]:
    """Write the bank under ``folder/banks`` and return its path and questions (checked: no errors)."""
    path = folder / "banks" / "tricky.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TRICKY, encoding="utf-8")
    bank, problems = load_bank(path)
    assert bank is not None and not problems, problems
    errors = [p for p in check_banks([bank], speech) if p.level == "error"]
    assert not errors, errors
    return path, bank.questions
