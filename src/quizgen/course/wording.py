"""What the main site's pages say of the whole course, said of the course as built.

导学, 学习指南, 综合测验 and 模拟考试 are written for the whole course (four modules, 13 lessons, about 7 hours, a
final test of 50 questions in 40 minutes). A course build reads them with these replacements (sphinx_run.py applies
them in ``source-read``): ``[old, new]`` replaces text, and an ``old`` that is a ``## `` heading replaces that whole
section. An ``old`` no longer on its page fails the build, so an edited page cannot leave a whole-course figure in a
course unnoticed.

The course's final test draws from every lesson of its site, 课后自学 included (learners take it when they have
studied them all), sized to them: as many questions per lesson as the whole course's test, in fives, at least 10,
and time in proportion.
"""

from __future__ import annotations

import re

from .catalog import Catalog, format_minutes
from .manifest import Manifest

FINAL_COUNT = 50  # docs/practice/final-test.md: the whole course's test
FINAL_MINUTES = 40
FINAL_PAGE, MOCK_PAGE = "practice/final-test", "practice/mock-exam"
INTRO, STUDY = "guide/intro", "guide/how-to-study"
_WHAT = "## 学什么：四个模块"
_ROW = re.compile(r"^\| \{doc\}`[^`]*</(modules/m\d+/index)>` \| ([^|]+) \|", re.M)


def final_test_size(lessons: int, all_lessons: int) -> tuple[int, int]:
    """Questions and minutes of a course's 综合测验 with ``lessons`` of the site's ``all_lessons``."""
    if lessons >= all_lessons:
        return FINAL_COUNT, FINAL_MINUTES
    count = min(FINAL_COUNT, max(10, lessons, 5 * round(FINAL_COUNT * lessons / all_lessons / 5)))
    return count, max(10, 5 * round(count * FINAL_MINUTES / FINAL_COUNT / 5))


def _lesson_names(titles: list[str]) -> str:
    return "、".join(t.split("　")[0] for t in titles)


def _what_to_learn(m: Manifest, catalog: Catalog, intro_text: str, minutes: int) -> str:
    """导学's 学什么 section for the course: its modules, with the lessons taught and those left as homework."""
    parts = dict(_ROW.findall(intro_text))  # module page → the part of the speech it covers
    lines = [
        "## 学什么：本次培训的内容",
        "",
        f"本次培训讲授 {len(m.lessons)} 课"
        + (f"，另有 {len(m.homework.lessons)} 课课后自学" if m.homework.lessons else "")
        + "，按课程首页的课程安排顺序学习：",
        "",
        "| 模块 | 对应讲话 | 本次培训 | 建议用时 |",
        "| --- | --- | --- | --- |",
    ]
    for module_id in m.modules:
        module = catalog.modules[module_id]
        taught = [cl for cl in m.lessons if cl.lesson.module == module_id]
        later = [cl for cl in m.homework.lessons if cl.lesson.module == module_id]
        what = []
        if taught:
            what.append("讲授" + _lesson_names([cl.lesson.title for cl in taught]))
        if later:
            what.append("课后自学" + _lesson_names([cl.lesson.title for cl in later]))
        time = format_minutes(sum(cl.minutes for cl in [*taught, *later]))
        link = f"{{doc}}`{module.title} </{module.docname}>`"
        lines.append(f"| {link} | {parts.get(module.docname, '').strip()} | {'；'.join(what)} | 约{time} |")
    taught_time = format_minutes(m.minutes)
    sentence = f"本次培训各课合计约{taught_time}（含自测和情景研讨）"
    if m.homework.lessons:
        sentence += f"，课后自学约{format_minutes(sum(cl.minutes for cl in m.homework.lessons))}"
    if FINAL_PAGE in m.pages:
        sentence += f"；各课{'（含课后自学）' if m.homework.lessons else ''}学完后的综合测验建议用时{minutes}分钟左右"
    if MOCK_PAGE in m.pages:
        sentence += "，模拟考试限时30分钟"
    lines += ["", sentence + "。", ""]
    if len(m.modules) == len(catalog.modules):  # the four parts' logic holds for a course that has them all
        lines += [p for p in intro_text.split("\n\n") if p.startswith("四个模块的逻辑是")][:1]
        lines.append("")
    return "\n".join(lines)


def course_wording(m: Manifest, catalog: Catalog) -> dict[str, list[list[str]]]:
    """docname → the replacements that make the page speak of the course (only pages the course has)."""
    pages = set(m.docnames())
    count, minutes = final_test_size(len(m.site_lessons), len(catalog.lessons))
    homework = "（含课后自学的课）" if m.homework.lessons else ""
    no_mock = MOCK_PAGE not in pages
    wording: dict[str, list[list[str]]] = {
        FINAL_PAGE: [
            ["从全部模块的题库中抽取 **50 道题**", f"从本次培训各课{homework}的题库中抽取 **{count} 道题**"],
            ["用来检验你对整篇讲话的掌握程度", "用来检验你对本次培训所学内容的掌握程度"],
            ["建议用时 40 分钟左右", f"建议用时 {minutes} 分钟左右"],
            [
                ":::{quiz} 综合测验（50 题）\n:count: 50\n",
                f":::{{quiz}} 综合测验（{count} 题）\n:count: {count}\n",
            ],
            *([["；想体验限时作答，请做{doc}`mock-exam`", ""]] if no_mock else []),
        ],
        STUDY: [
            [
                "2. 按模块一、模块二、模块三、结语的顺序学习。",
                "2. 按课程首页课程安排的顺序学习" + ("，课后自学的课在培训结束后学。" if homework else "。"),
            ],
        ],
    }
    test_line = "- **{doc}`/practice/final-test`**：全部模块学完后做，从全部模块中抽取50道题，全部作答后交卷评分。\n"
    mock_line = "- **{doc}`/practice/mock-exam`**：限时30分钟、30道客观题，时间到自动交卷，用于考前检验。\n"
    final = f"- **{{doc}}`/practice/final-test`**：本次培训各课{homework}学完后做，从这些课中抽取{count}道题，全部作答后交卷评分。\n"
    intro_path = catalog.docs / f"{INTRO}.md"
    intro_text = intro_path.read_text(encoding="utf-8") if intro_path.is_file() else ""
    wording[INTRO] = [
        [_WHAT, _what_to_learn(m, catalog, intro_text, minutes)],
        [test_line, final if FINAL_PAGE in pages else ""],
        *([[mock_line, ""]] if no_mock else []),
    ]
    if FINAL_PAGE not in pages or no_mock:
        if FINAL_PAGE in pages:
            step = "4. 全部学完后做{doc}`/practice/final-test`。"
        elif not no_mock:
            step = "4. 全部学完后做一次{doc}`/practice/mock-exam`。"
        else:
            step = "4. 全部学完后，到错题本把做错的题再练一遍。"
        old = "4. 全部学完后做{doc}`/practice/final-test`，时间充裕时再做一次{doc}`/practice/mock-exam`。"
        wording[STUDY].append([old, step])
    return {doc: items for doc, items in wording.items() if doc in pages}
