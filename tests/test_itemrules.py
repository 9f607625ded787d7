"""Item-writing rules: each warning names FILE:LINE: ID: and its rule; the course's figures hold the limits."""

from __future__ import annotations

from pathlib import Path

from quizgen.cli import main
from quizgen.itemrules import ABSOLUTE_RATIO, LONGEST_LIMIT, TRUE_SHARE, Figures, figures, item_warnings
from quizgen.load import load_bank

HEAD = "bank: t-items\ntitle: 测试\nmodule: m9\nquestions:\n"


def single(n: int, options: list[str], answer: str = "A", kind: str = "recall") -> str:
    return f"""\
  - id: t-{n:03d}
    type: single
    kind: {kind}
    stem: 第 {n} 题：讲话批评的“一岗双责”履行问题是：
    options: [{", ".join(options)}]
    answer: {answer}
    explanation: 解析。
    source: {{anchor: part1-p2-i1, quote: 重安排、轻落实}}
"""


def truefalse(n: int, answer: bool, kind: str = "application") -> str:
    return f"""\
  - id: t-tf{n:03d}
    type: truefalse
    kind: {kind}
    stem: 第 {n} 题：某区总工会年初部署廉政工作后再没有跟踪问效。这种做法是恰当的。
    answer: {str(answer).lower()}
    explanation: 解析。
    source: {{anchor: part1-p2-i1, quote: 重安排、轻落实}}
"""


def warnings_of(tmp_path: Path, items: list[str]) -> list[str]:
    path = tmp_path / "banks" / "t-items.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + "".join(items), encoding="utf-8")
    bank, problems = load_bank(path, "t-items.yaml")
    assert bank is not None and not problems
    return [str(w) for w in item_warnings([bank])]


FOUR = ["重安排、轻落实", "重落实、轻安排", "重考核、轻部署", "重部署、轻考核"]


def test_a_well_written_single_choice_says_nothing(tmp_path: Path) -> None:
    assert warnings_of(tmp_path, [single(1, FOUR)]) == []


def test_three_options(tmp_path: Path) -> None:
    (found,) = warnings_of(tmp_path, [single(1, FOUR[:3])])
    assert found.startswith("t-items.yaml:9: t-001: 警告：单选题只有 3 个选项") and "规则 18" in found


def test_a_key_that_stands_out_by_length(tmp_path: Path) -> None:
    long_key = "在主体责任和“一岗双责”履行上重安排、轻落实，甚至停留在读文件、补资料上"
    (found,) = warnings_of(tmp_path, [single(1, [long_key, *FOUR[1:]])])
    assert found.startswith("t-items.yaml:9: t-001: 警告：正确项") and "规则 24、28d" in found


def test_absolute_words_only_in_distractors(tmp_path: Path) -> None:
    options = [
        "依程序评议公示，同时抓紧推进",
        "只要名单公示过，今年照搬就行",
        "评议公示不必再做，先发再说",
        "暂停慰问，等程序走完",
    ]
    (found,) = warnings_of(tmp_path, [single(1, options)])
    assert found.startswith("t-items.yaml:9: t-001: 警告：绝对化词语只出现在干扰项里") and "规则 28a" in found
    # the same words in the key too: no cue left
    options[0] = "全部依程序评议公示后发放"
    assert warnings_of(tmp_path, [single(1, options)]) == []


def test_a_bank_whose_keys_are_mostly_the_longest(tmp_path: Path) -> None:
    items = [single(n, ["重安排、轻落实了", *FOUR[1:]]) for n in range(1, 7)]
    found = [w for w in warnings_of(tmp_path, items) if "正确项是最长的选项" in w]
    assert (
        len(found) == 1
        and found[0].startswith("t-items.yaml:5: t-001: 警告：6 道单选题中有 6 道")
        and "规则 24" in found[0]
    )


def test_true_false_keys_out_of_balance_overall_and_in_application(tmp_path: Path) -> None:
    found = warnings_of(tmp_path, [truefalse(n, n == 1) for n in range(1, 9)])
    assert [w.split("：")[1][:12] for w in found] == ["8 道判断题中答案为“正", "8 道情境判断题中答案为"]
    assert all("规则 20" in w and "请多写答案为“正确”的题" in w for w in found)
    balanced = [truefalse(n, n % 2 == 0) for n in range(1, 9)]
    assert warnings_of(tmp_path, balanced) == []


def test_the_course_holds_every_limit(project) -> None:
    fig = figures(project.questions, with_families=False)
    assert fig.problems() == []
    assert Figures.share(fig.longest) <= LONGEST_LIMIT and Figures.share(fig.longest_application) <= LONGEST_LIMIT
    for pair in (fig.true_keys, fig.true_application):
        assert TRUE_SHARE[0] <= Figures.share(pair) <= TRUE_SHARE[1]
    assert Figures.share(fig.absolute_distractors) <= ABSOLUTE_RATIO * Figures.share(fig.absolute_keys)
    assert fig.short_single == []


def test_strict_check_passes_on_the_project_and_stats_reports_the_figures(capsys) -> None:
    assert main(["check", "--strict"]) == 0
    capsys.readouterr()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert (
        "总选最长的选项" in out and "情境判断题" in out and "题目家族" in out and out.rstrip().endswith("不偏向干扰项")
    )
