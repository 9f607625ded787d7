"""报告.html: one page for the trainer, offline and printable on A4: who passed, the score distribution, the
passages answered worst and the questions to look at again. Charts are inline SVG; every text is escaped."""

from __future__ import annotations

from html import escape

from .analysis import PassageStats, TestAnalysis
from .course import CourseInfo
from .read import Learner
from .workbook import passed

# What the page shows of the flagged questions, the weakest passages and the learners who failed: the rest are in
# 成绩汇总.xlsx, so that the page prints on one A4 sheet whatever the size of the class (a browser test prints it).
SHOWN_ITEMS = 8
SHOWN_PASSAGES = 6
SHOWN_NAMES = 40
STYLE = """
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #222; margin: 0 auto;
       max-width: 186mm; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 16pt; margin: .2em 0; } h2 { font-size: 12pt; margin: 1em 0 .3em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; table-layout: fixed; }
td, th { border: 1px solid #bbb; padding: 1px 4px; text-align: left; white-space: nowrap; overflow: hidden;
         text-overflow: ellipsis; } .num { text-align: right; } .meta { color: #555; }
col.id { width: 24mm; } col.n { width: 13mm; } col.flag { width: 42mm; }
.facts { display: flex; gap: 1.5em; flex-wrap: wrap; } .facts b { font-size: 15pt; display: block; }
svg { display: block; max-width: 100%; height: auto; } section { break-inside: avoid; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def histogram(percents: list[int], mastery: int) -> str:
    """Learners per band of ten points (the last band holds 100); the pass mark as a dashed line."""
    bands = [0] * 10
    for p in percents:
        bands[min(p // 10, 9)] += 1
    top = max(bands) or 1
    width, height, left, base = 640, 160, 30, 140
    bar = (width - left - 10) / 10
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="得分分布">']
    for i, count in enumerate(bands):
        h = 110 * count / top
        x = left + i * bar
        parts.append(
            f'<rect x="{x + 3:.1f}" y="{base - h:.1f}" width="{bar - 6:.1f}" height="{h:.1f}" fill="#4a78b5"/>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{base - h - 4:.1f}" font-size="12" text-anchor="middle">{count}</text>'
        )
        label = f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100"
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{base + 16}" font-size="11" text-anchor="middle">{label}</text>')
    x = left + min(mastery / 10, 10) * bar
    parts.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{base}" stroke="#c0392b" stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{x + 4:.1f}" y="30" font-size="11" fill="#c0392b">及格线 {mastery}%</text>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#333"/></svg>')
    return "".join(parts)


def passage_bars(passages: list[PassageStats], texts: dict[str, str], count: int = SHOWN_PASSAGES) -> str:
    rows = passages[:count]
    height = 26 * len(rows) + 10
    parts = [f'<svg viewBox="0 0 640 {height}" role="img" aria-label="答对比例最低的讲话段落">']
    for i, p in enumerate(rows):
        y = 5 + 26 * i
        w = 300 * p.share
        text = texts.get(p.anchor, p.anchor)
        label = text if len(text) <= 26 else text[:25] + "…"
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{_e(label)}</text>')
        parts.append(f'<rect x="330" y="{y + 3}" width="260" height="16" fill="#eee"/>')
        parts.append(f'<rect x="330" y="{y + 3}" width="{w * 260 / 300:.1f}" height="16" fill="#d68a2e"/>')
        parts.append(f'<text x="596" y="{y + 15}" font-size="12">{round(100 * p.share)}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def report(course: CourseInfo, learners: list[Learner], tests: list[TestAnalysis], passages: list[PassageStats],
           texts: dict[str, str], made: str) -> str:  # fmt: skip
    main = next((t for t in tests if t.quiz.final), tests[0] if tests else None)
    passes = [passed(course, tests, learner) for learner in learners]
    out = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{_e(course.title)} 成绩报告</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(course.title)} 成绩报告</h1>",
        f'<p class="meta">课程 {_e(course.id)} 第 {_e(course.version)} 版；汇总于 {_e(made)}；'
        f"结业测验及格线 {course.mastery}%</p>",
        '<div class="facts">',
        f"<div><b>{len(learners)}</b>名学员交来成绩</div>",
        f"<div><b>{passes.count(True)}</b>人通过</div>",
        f"<div><b>{passes.count(False)}</b>人未通过</div>",
    ]
    if main and main.graded:
        mean = sum(g.percent for g in main.graded) / len(main.graded)
        out.append(f"<div><b>{mean:.1f}%</b>{_e(main.quiz.title)}平均分</div>")
    out.append("</div>")
    if main:
        out += [f"<section><h2>得分分布：{_e(main.quiz.title)}（{len(main.graded)} 人）</h2>",
                histogram([g.percent for g in main.graded], course.mastery), "</section>"]  # fmt: skip
    if passages:
        out += ["<section><h2>最需要再讲的段落（答对比例最低）</h2>", passage_bars(passages, texts), "</section>"]
    flagged = [(t, s) for t in tests for s in t.items if s.flags]
    out.append("<section><h2>需要复查的题目</h2>")
    if flagged:
        out.append('<table><colgroup><col class="id"><col><col class="n"><col class="n"><col class="n">'
                   '<col class="flag"></colgroup><tr><th>编号</th><th>题干</th><th class=num>p</th>'
                   "<th class=num>点二列</th><th class=num>D</th><th>提示</th></tr>")  # fmt: skip
        for _, s in flagged[:SHOWN_ITEMS]:
            stem = s.question.stem if len(s.question.stem) <= 30 else s.question.stem[:30] + "…"
            rpb = "—" if s.point_biserial is None else f"{s.point_biserial:.2f}"
            d = "—" if s.d is None else f"{s.d:.2f}"
            out.append(f"<tr><td>{_e(s.question.id)}</td><td>{_e(stem)}</td><td class=num>{s.p:.2f}</td>"
                       f"<td class=num>{rpb}</td><td class=num>{d}</td><td>{_e('；'.join(s.flags))}</td></tr>")  # fmt: skip
        if len(flagged) > SHOWN_ITEMS:
            more = len(flagged) - SHOWN_ITEMS
            out.append(f"<tr><td colspan=6>另有 {more} 道，见 成绩汇总.xlsx 的“题目分析”。</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>没有需要复查的题目（人数不足 5 人时不作判断）。</p>")
    out.append("</section>")
    failing = [learner for learner, ok in zip(learners, passes, strict=True) if ok is False]
    if failing:
        names = "、".join(x.results.name for x in failing[:SHOWN_NAMES])
        more = f"等 {len(failing)} 人；单位和得分见 成绩汇总.xlsx" if len(failing) > SHOWN_NAMES else ""
        out.append(f"<section><h2>未通过的学员（{len(failing)} 人）</h2><p>{_e(names)}{_e(more)}</p></section>")
    out.append('<p class="meta">p：答对比例；点二列：答对本题与其余各题得分的相关；D：高分组（前 27%）与低分组（后 27%）'
               "答对比例之差。详细数据见 成绩汇总.xlsx。</p></body></html>")  # fmt: skip
    return "\n".join(out) + "\n"
