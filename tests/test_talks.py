"""提醒谈话 and 诫勉谈话: the glossary, the lesson and the banks teach the speech's pairing as the speech's and the
rule of 《中国共产党党内监督条例》(2016) 第二十一条 beside it, never a general rule that contradicts the 条例."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE_REMIND = "发现领导干部有思想、作风、纪律等方面苗头性、倾向性问题的，有关党组织负责人应当及时对其提醒谈话"
RULE_ADMONISH = "发现轻微违纪问题的，上级党组织负责人应当对其诫勉谈话"


def glossary_entry(term: str) -> str:
    text = (ROOT / "docs/reference/glossary.md").read_text(encoding="utf-8")
    match = re.search(rf"^{term}\n((?:  .*\n?)+)", text, flags=re.M)
    assert match, term
    return match.group(1)


def test_glossary_gives_the_rule_of_the_regulation_and_the_speech_pairing_as_the_speech() -> None:
    remind, admonish = glossary_entry("提醒谈话"), glossary_entry("诫勉谈话")
    assert RULE_REMIND in remind and "对重点岗位人员要经常进行提醒谈话" in remind and "讲话自己" in remind
    assert RULE_ADMONISH in admonish and "对发现不良苗头和问题的人员要进行诫勉谈话" in admonish
    assert "讲话自己" in admonish
    # the 条例 gives 苗头性、倾向性 problems to 提醒谈话: 诫勉谈话 is never defined by them
    assert not re.search(r"对有苗头性、倾向性问题.{0,12}进行的", admonish)


def test_the_lesson_sets_the_regulation_beside_the_speech() -> None:
    lesson = (ROOT / "docs/modules/m3/l3.md").read_text(encoding="utf-8")
    assert f"{RULE_REMIND}；{RULE_ADMONISH}" in lesson
    assert "讲话自己的安排" in lesson


def test_banks_give_the_pairing_as_the_speech() -> None:
    """Every explanation or feedback that pairs 诫勉谈话 or 提醒谈话 with its people says it is the speech's."""
    loose = []
    for path in sorted((ROOT / "quizzes/banks").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            field = line.strip()
            if not field.startswith(("explanation:", "feedback:")):
                continue
            pairs = re.search(r"(诫勉谈话|提醒谈话)(的对象|针对|依据)", field)
            if pairs and "讲话" not in field:
                loose.append(f"{path.relative_to(ROOT)}:{number}")
    assert loose == []
