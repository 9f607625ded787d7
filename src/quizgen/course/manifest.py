"""Course manifests (``quizzes/courses/*.yaml``): read, checked against the site and the banks, every problem at once.

::

    id: new-cadres-half-day              # required: letters, digits, hyphens; names the output files
    title: 新任职工会干部廉政教育（半天）   # required: shown on every page, the PDFs and the bundle
    audience: 新任职的工会干部             # required
    date: 2026-03-12                     # optional
    place: 市总工会三楼会议室              # optional
    duration: 3.5小时                    # required: minutes (210) or text such as 3小时30分钟
    description: 一段话，放在课程首页。     # optional
    lessons:                             # required, in teaching order; m3 alone means all of module 3
      - m1-l1
      - {lesson: m1-l2, minutes: 25}     # minutes: this course's time for the lesson (default: the site's)
    homework: [m2, m3-l1]                # optional: 课后自学, on the site marked so, not in the 讲义 or the paper;
                                         # {lessons: [...], handout: true, paper: true} puts them there too
    pages: [guide/intro, practice/final-test]   # optional extra pages of the site
    mastery: 80                          # optional: the SCORM package's passing percentage of the final test
    url: https://example.org/lianzheng/  # optional: where the site is served; the build draws its QR code
    paper:                               # required: the spec `quizgen paper` reads, drawn from these lessons
      title: 新任职工会干部廉政教育测验
      sections:
        - {type: single, count: 5, points: 8}
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Question
from ..paper.spec import PaperSpec, check_feasible, spec_from_yaml
from ..problems import InputError, Problem
from ..reader import Reader
from ..yamlio import line_of, parse_yaml, read_text
from .catalog import ALWAYS, Catalog, format_minutes
from .lesson_list import MAX_MINUTES, CourseLesson, Homework, check_adjacent, read_homework, read_lesson_list

KEYS = (
    "id", "title", "audience", "date", "place", "duration", "description", "lessons", "homework", "pages", "mastery",
    "url", "paper",
)  # fmt: skip
REQUIRED = ("id", "title", "audience", "duration", "lessons", "paper")
COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\n]+(?=[{_CJK}])")
MAX_DURATION_CHARS = 40
# 210, "3.5小时", "3小时30分钟", "90分钟", "约3小时"; the digits are bounded so that matching stays linear.
_DURATION = re.compile(r"(?:(\d{1,4}(?:\.\d{1,3})?)\s*小时)?\s*(?:(\d{1,6})\s*分钟)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def duration_minutes(text: str) -> int | None:
    """``"20分钟"`` → 20, ``"1小时30分钟"`` → 90, ``"2.5小时"`` → 150; None when there is no time or it is too long."""
    if len(text) > MAX_DURATION_CHARS:
        return None
    for match in _DURATION.finditer(text):
        hours, minutes = match.groups()
        if hours or minutes:
            return round(float(hours or 0) * 60) + int(minutes or 0)
    return None


@dataclass
class Manifest:
    file: str  # as shown in messages
    path: Path
    id: str = ""
    title: str = ""
    audience: str = ""
    date: str = ""
    place: str = ""
    duration: int = 0  # minutes
    description: str = ""
    lessons: list[CourseLesson] = field(default_factory=list)  # taught in the training, in teaching order
    homework: Homework = field(default_factory=lambda: Homework([]))  # 课后自学: on the site, studied afterwards
    pages: list[str] = field(default_factory=list)
    mastery: int = 80  # SCORM: the final test's percentage that counts as passed
    url: str = ""  # where the course site is served (for phones: its QR code and poster)
    paper: PaperSpec | None = None

    @property
    def modules(self) -> list[str]:
        """Module ids of the site: those the course teaches, in its order, then those of homework alone."""
        return list(dict.fromkeys(cl.lesson.module for cl in self.site_lessons))

    @property
    def lesson_ids(self) -> list[str]:
        """The lessons taught in the training."""
        return [cl.lesson.id for cl in self.lessons]

    @property
    def homework_ids(self) -> list[str]:
        return [cl.lesson.id for cl in self.homework.lessons]

    @property
    def site_lessons(self) -> list[CourseLesson]:
        """Every lesson of the course's site: the taught ones, then the homework (课后自学)."""
        return [*self.lessons, *self.homework.lessons]

    @property
    def printed_lessons(self) -> list[CourseLesson]:
        """The lessons of the 讲义 (handout): the taught ones, and the homework when the manifest says so."""
        return self.site_lessons if self.homework.handout else self.lessons

    def module_lessons(self, module: str) -> list[CourseLesson]:
        """A module's lessons on the site: the taught ones in teaching order, then its homework."""
        return [cl for cl in self.site_lessons if cl.lesson.module == module]

    @property
    def minutes(self) -> int:
        """The lessons' time added up (the estimate `quizgen course list` shows)."""
        return sum(cl.minutes for cl in self.lessons)

    @property
    def duration_text(self) -> str:
        return format_minutes(self.duration)

    def docnames(self) -> list[str]:
        """Every page of the tailored site but its home page, in reading order."""
        modules = [f"modules/{m}/index" for m in self.modules]
        lessons = [cl.lesson.docname for m in self.modules for cl in self.module_lessons(m)]
        return [*modules, *lessons, *ALWAYS, *(p for p in self.pages if p not in ALWAYS)]


def _duration(doc: dict, r: Reader) -> int:
    if "duration" not in doc:
        r.error(1, "缺少必填字段 duration（课程时长：分钟数，或“3.5小时”“3小时30分钟”这样的文字）")
        return 0
    value, line = doc["duration"], line_of(doc, "duration", 1)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_MINUTES:
        return value
    if isinstance(value, str) and (minutes := duration_minutes(value)) and minutes <= MAX_MINUTES:
        return minutes
    r.error(
        line,
        f"duration 应是正整数（分钟），或“3.5小时”“3小时30分钟”“90分钟”这样的文字"
        f"（不超过 {MAX_MINUTES} 分钟，文字最长 {MAX_DURATION_CHARS} 个字符）",
    )
    return 0


def _date(doc: dict, r: Reader) -> str:
    """The optional date as written; one that looks like 2020-04-15 must be a real day."""
    text = r.text(doc, "date")
    if match := _ISO_DATE.fullmatch(text):
        try:
            dt.date(*map(int, match.groups()))
        except ValueError:
            r.error(line_of(doc, "date", 1), f"date 不是有效的日期：{text}")
            return ""
    return text


def _lessons(doc: dict, catalog: Catalog, r: Reader, seen: dict[str, tuple[str, int]]) -> list[CourseLesson]:
    if "lessons" not in doc:
        r.error(1, "缺少必填字段 lessons（课程包含的课，按讲授顺序，如 m1-l1）")
        return []
    chosen = read_lesson_list(doc["lessons"], line_of(doc, "lessons", 1), "lessons", catalog, r, seen)
    check_adjacent(chosen, r)
    return chosen


def _pages(doc: dict, catalog: Catalog, r: Reader) -> list[str]:
    node = doc.get("pages")
    if node is None:
        return []
    line = line_of(doc, "pages", 1)
    if not isinstance(node, list):
        r.error(line, "pages 应是页面列表，如 [guide/intro, practice/final-test]")
        return []
    allowed = catalog.extra_pages()
    pages: list[str] = []
    for index, item in enumerate(node):
        item_line = line_of(node, index, line)
        if not isinstance(item, str):
            r.error(item_line, "pages 的每项应是页面路径（docs/ 下、不带 .md），如 guide/intro")
            continue
        page = item.strip().strip("/").removesuffix(".md").removeprefix("docs/")
        if page in ALWAYS:
            continue  # always there; listing it does no harm
        if page not in allowed:
            r.error(item_line, f"没有可加入的页面 {item}（可用：{'、'.join(allowed)}；课和模块页写在 lessons 里）")
        elif page in pages:
            r.error(item_line, f"页面 {page} 重复列出")
        else:
            pages.append(page)
    return pages


def _mastery(doc: dict, r: Reader) -> int:
    value = doc.get("mastery", 80)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100:
        return value
    r.error(line_of(doc, "mastery", 1), f"mastery 应是 1 到 100 的整数（结业测验及格的百分比，默认 80）：{value}")
    return 80


_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
MAX_URL = 500


def _url(doc: dict, r: Reader) -> str:
    if "url" not in doc:
        return ""
    value = doc["url"]
    if isinstance(value, str) and len(value.strip()) <= MAX_URL and _URL.match(value.strip()):
        return value.strip()
    r.error(
        line_of(doc, "url", 1), "url 应是课程网站的网址，以 http:// 或 https:// 开头，如 https://example.org/lianzheng/"
    )
    return ""


def _paper(doc: dict, course_id: str, r: Reader) -> PaperSpec | None:
    if "paper" not in doc:
        r.error(1, "缺少必填字段 paper（结业试卷的规格，与 quizgen paper 读取的格式相同）")
        return None
    line = line_of(doc, "paper", 1)
    if not isinstance(doc["paper"], dict):
        r.error(line, "paper 应是映射（title、sections 等，与 quizgen paper 的试卷配置相同）")
        return None
    try:  # the same parsed mapping, so every problem is reported at its line of the manifest
        return spec_from_yaml(doc["paper"], r.display, course_id or "paper", line)
    except InputError as exc:
        r.problems.extend(exc.problems)
        return None


def course_pool(manifest: Manifest, questions: list[Question]) -> list[Question]:
    """The questions of the course's lessons: what its quizzes and its paper draw from."""
    chosen = set(manifest.lesson_ids + (manifest.homework_ids if manifest.homework.paper else []))
    return [q for q in questions if q.lesson in chosen]


def read_manifest(path: Path, catalog: Catalog, questions: list[Question], display: str | None = None) -> Manifest:
    """The manifest, checked against the site's pages and the chosen lessons' banks; raises InputError."""
    display = display or str(path)
    text, problems = read_text(path, display)
    if text is None:
        raise InputError(problems)
    doc, problems = parse_yaml(text, display)
    if problems:
        raise InputError(problems)
    if doc is None:
        raise InputError([Problem(display, 1, "", "文件是空的：课程清单至少要有 " + "、".join(REQUIRED))])
    if not isinstance(doc, dict):
        raise InputError(
            [Problem(display, line_of(doc, default=1), "", "课程清单顶层应是映射（id、title、lessons 等）")]
        )
    r = Reader(display)
    manifest = Manifest(file=display, path=path)
    r.unknown_keys(doc, KEYS)
    manifest.id = r.text(doc, "id", required=True)
    if manifest.id and (not COURSE_ID.match(manifest.id) or manifest.id == "main"):
        shown = manifest.id if len(manifest.id) <= 70 else manifest.id[:70] + "…"
        r.error(
            line_of(doc, "id", 1),
            f"id 只能含小写字母、数字和连字符，最长 64 个字符（不能是 main），如 new-cadres-half-day：{shown}",
        )
        manifest.id = ""
    manifest.title = r.text(doc, "title", required=True)
    manifest.audience = r.text(doc, "audience", required=True)
    manifest.date = _date(doc, r)
    manifest.place = r.text(doc, "place")
    # A folded YAML scalar (>) joins its lines with spaces; between Chinese characters they are not wanted.
    manifest.description = _CJK_SPACE.sub("", r.text(doc, "description"))
    manifest.duration = _duration(doc, r)
    seen: dict[str, tuple[str, int]] = {}  # lesson → (list, line): each lesson once, taught or homework
    manifest.lessons = _lessons(doc, catalog, r, seen)
    manifest.homework = read_homework(doc, catalog, r, seen)
    manifest.pages = _pages(doc, catalog, r)
    manifest.mastery = _mastery(doc, r)
    manifest.url = _url(doc, r)
    manifest.paper = _paper(doc, manifest.id, r)
    spec = manifest.paper
    if spec is not None:
        shape = spec.problems  # check_feasible reports these too; only the others get the note on lessons
        if manifest.lessons:
            try:
                check_feasible(spec, course_pool(manifest, questions))
            except InputError as exc:
                pooled = manifest.lesson_ids + (manifest.homework_ids if manifest.homework.paper else [])
                lessons = "、".join(pooled)
                r.problems.extend(
                    p if p in shape else Problem(p.file, p.line, p.qid, f"{p.message}（只从本课程的课抽题：{lessons}）")
                    for p in exc.problems
                )
        else:
            r.problems.extend(shape)
    if r.problems:
        raise InputError(sorted(set(r.problems), key=lambda p: (p.file, p.line, p.message)))
    return manifest


def summary(manifest: Manifest) -> list[str]:
    """Lines for `quizgen course list`."""
    lines = [f"{manifest.title}（{manifest.id}）　{manifest.file}"]
    lines.append(f"  对象：{manifest.audience}")
    when = "　".join(x for x in (manifest.date, manifest.place) if x)
    if when:
        lines.append(f"  时间地点：{when}")
    lines.append(f"  时长：{manifest.duration_text}；各课合计约 {format_minutes(manifest.minutes)}")
    for cl in manifest.lessons:
        lines.append(f"    {cl.lesson.id:<6} {format_minutes(cl.minutes):>8}  {cl.lesson.label}")
    if manifest.homework.lessons:
        lines.append(f"  课后自学：各课合计约 {format_minutes(sum(cl.minutes for cl in manifest.homework.lessons))}")
        for cl in manifest.homework.lessons:
            lines.append(f"    {cl.lesson.id:<6} {format_minutes(cl.minutes):>8}  {cl.lesson.label}")
    if manifest.pages:
        lines.append(f"  其他页面：{'、'.join(manifest.pages)}")
    if manifest.paper is not None:
        spec = manifest.paper
        count = sum(s.count for s in spec.sections)
        lines.append(f"  试卷：{spec.title}，{count} 题，{spec.total_points:g} 分，{'、'.join(spec.variants)} 卷")
    return lines
