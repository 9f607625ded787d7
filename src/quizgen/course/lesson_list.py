"""A manifest's lists of lessons: ``lessons`` (taught in the training) and ``homework`` (课后自学, studied after it).

Both are read the same way: lesson ids (``m1-l2``), whole modules (``m3``) or ``{lesson: m1-l2, minutes: 25}``,
each lesson at most once across the two lists, every problem reported at its line.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from ..reader import Reader
from ..yamlio import line_of
from .catalog import LESSON_ID, MODULE_ID, Catalog, Lesson

MAX_MINUTES = 7 * 24 * 60  # a course of a week; more is a slip of the keyboard
HOMEWORK_KEYS = ("lessons", "handout", "paper")


@dataclass
class CourseLesson:
    lesson: Lesson
    minutes: int
    line: int


def _minutes(item: dict, item_line: int, r: Reader) -> Any:
    minutes = item.get("minutes")
    if minutes is not None and (
        not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 < minutes <= MAX_MINUTES
    ):
        r.error(line_of(item, "minutes", item_line), f"minutes 应是正整数（分钟，不超过 {MAX_MINUTES}）")
        return None
    return minutes


def read_lesson_list(
    node: Any, line: int, key: str, catalog: Catalog, r: Reader, seen: dict[str, tuple[str, int]]
) -> list[CourseLesson]:
    """The lessons of the list ``node`` (the value of ``key`` at ``line``); ``seen`` holds the lessons listed so far
    (id → (key, line)), across lists."""
    if not isinstance(node, list) or not node:
        r.error(line, f"{key} 应是非空列表，每项是课的编号（如 m1-l2），或整个模块（如 m3）")
        return []
    known = catalog.lessons
    chosen: list[CourseLesson] = []
    for index, item in enumerate(node):
        item_line = line_of(node, index, line)
        minutes: Any = None
        if isinstance(item, dict):
            for extra in sorted(set(item) - {"lesson", "minutes"}, key=str):
                r.error(line_of(item, extra, item_line), f"未知字段 {extra}（每课可写 lesson 和 minutes）")
            name, minutes = item.get("lesson"), _minutes(item, item_line, r)
        else:
            name = item
        if not isinstance(name, str):
            r.error(item_line, "每课应是课的编号（如 m1-l2）、模块编号（如 m3），或 {lesson: m1-l2, minutes: 25}")
            continue
        name = name.strip()
        if MODULE_ID.match(name) and name in catalog.modules:
            lessons = catalog.modules[name].lessons
            if minutes is not None:
                r.error(item_line, f"minutes 只能写给单独的一课，不能写给整个模块 {name}")
        elif name in known:
            lessons = [known[name]]
        else:
            if MODULE_ID.match(name):
                r.error(item_line, f"没有这个模块：{name}（可用：{'、'.join(catalog.modules)}）")
            else:
                hint = "、".join(known) if LESSON_ID.match(name) else "m1-l1、m3-l2、m3 这样的编号"
                r.error(item_line, f"没有这一课：{name}（docs/modules/ 下没有对应的页面；可用：{hint}）")
            continue
        for lesson in lessons:
            if lesson.id in seen:
                where, at = seen[lesson.id]
                listed = f"已在第 {at} 行列出" if where == key else f"已在 {where}（第 {at} 行）列出"
                r.error(item_line, f"{lesson.id} {listed}，每课只能出现一次")
                continue
            seen[lesson.id] = (key, item_line)
            chosen.append(CourseLesson(lesson, minutes or lesson.minutes, item_line))
    return chosen


def check_adjacent(chosen: list[CourseLesson], r: Reader) -> None:
    """A module's lessons are taught together: the site shows each module once, its lessons in this order."""
    finished: set[str] = set()
    for previous, current in itertools.pairwise(chosen):
        if current.lesson.module != previous.lesson.module:
            finished.add(previous.lesson.module)
            if current.lesson.module in finished:
                r.error(
                    current.line,
                    f"{current.lesson.id} 与模块 {current.lesson.module} 的其他课不相邻：同一模块的课要连续列出",
                )


@dataclass
class Homework:
    lessons: list[CourseLesson]
    handout: bool = False  # the 讲义 prints them too
    paper: bool = False  # the paper draws from them too


def read_homework(doc: dict, catalog: Catalog, r: Reader, seen: dict[str, tuple[str, int]]) -> Homework:
    """``homework: [m2, m3-l1]``, or ``homework: {lessons: [...], handout: true, paper: true}``."""
    if "homework" not in doc:
        return Homework([])
    node, line = doc["homework"], line_of(doc, "homework", 1)
    if not isinstance(node, dict):
        return Homework(read_lesson_list(node, line, "homework", catalog, r, seen))
    r.unknown_keys(node, HOMEWORK_KEYS)
    flags = {}
    for key in ("handout", "paper"):
        value = node.get(key, False)
        if not isinstance(value, bool):
            r.error(line_of(node, key, line), f"homework 的 {key} 应是 true 或 false（现在是 {value!r}）")
            value = False
        flags[key] = value
    if "lessons" not in node:
        r.error(line, "homework 写成映射时要有 lessons（课后自学的课，如 [m2, m3-l1]）")
        return Homework([], **flags)
    lessons = read_lesson_list(node["lessons"], line_of(node, "lessons", line), "homework", catalog, r, seen)
    return Homework(lessons, **flags)
