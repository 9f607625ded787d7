"""``quizgen stats``: the course-wide figures of what a learner could score by cues alone, and question families."""

from __future__ import annotations

import argparse
from collections import Counter

from .itemrules import ABSOLUTE_RATIO, LONGEST_LIMIT, TRUE_SHARE, Figures, figures
from .problems import print_problems


def _pct(pair: tuple[float, int]) -> str:
    return f"{Figures.share(pair):.0%}（{round(pair[0], 1):g}/{pair[1]}）"


def report(fig: Figures, counts: Counter[str]) -> list[str]:
    lines = ["题目：" + "，".join(f"{name} {n} 道" for name, n in counts.items())]
    lines.append(
        f"总选最长的选项，单选题得分：{_pct(fig.longest)}；其中情境单选题：{_pct(fig.longest_application)}"
        f"（上限 {LONGEST_LIMIT:.0%}，随机猜约 25%）"
    )
    lines.append(
        "正确项是最长选项的单选题，按题库："
        + "，".join(f"{bank} {n}/{total}" for bank, (n, total) in sorted(fig.longest_by_bank.items()))
    )
    lines.append(
        f"含绝对化词语（只、不必、一律、不再、即可……）的选项：干扰项 {Figures.share(fig.absolute_distractors):.1%}"
        f"（{fig.absolute_distractors[0]}/{fig.absolute_distractors[1]}），正确项 {Figures.share(fig.absolute_keys):.1%}"
        f"（{fig.absolute_keys[0]}/{fig.absolute_keys[1]}）（干扰项至多为正确项的 {ABSOLUTE_RATIO:g} 倍）"
    )
    lines.append(
        f"判断题答案为“正确”的：{_pct(fig.true_keys)}；其中情境判断题：{_pct(fig.true_application)}"
        f"（应在 {TRUE_SHARE[0]:.0%}–{TRUE_SHARE[1]:.0%}）"
    )
    lines.append(
        f"不足 4 个选项的单选题：{len(fig.short_single)} 道"
        + (f"（{'、'.join(fig.short_single)}）" if fig.short_single else "")
    )
    why = Counter(s.why for s in fig.families)
    lines.append(
        f"题目家族（同卷会互相提示、组卷时不放在一起的题对）：{len(fig.families)} 对"
        f"（引文和答案相同 {why['same']}，题干重合过半 {why['overlap']}，题干含另一题答案 {why['leak']}）"
    )
    lines += [f"  {s.first.id} — {s.second.id}：{s.reason}" for s in fig.families]
    return lines


def cmd_stats(args: argparse.Namespace) -> int:
    from .model import TYPE_NAMES
    from .project import open_project

    project = open_project()
    if project.errors:
        print_problems(project.errors)
        return 1
    qs = project.questions
    counts: Counter[str] = Counter()
    counts["全部"] = len(qs)
    for qtype, name in TYPE_NAMES.items():
        counts[name] = sum(q.type == qtype for q in qs)
    counts["情境题"] = sum(q.kind == "application" for q in qs)
    fig = figures(qs)
    for line in report(fig, counts):
        print(line)
    broken = fig.problems()
    if broken:
        print("未达标：" + "；".join(broken))
        return 1
    print("达标：单选题与情境单选题总选最长项不超过 35%，判断题正确/错误各占 40%–60%，绝对化词语不偏向干扰项")
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    pass


COMMANDS = {"stats": (cmd_stats, configure, "统计全部题库：靠选项长度、绝对化词语能猜对多少，判断题答案分布，题目家族")}
