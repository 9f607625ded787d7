"""Reading learners' results: files that hold 成绩码, one per line or inside pasted chat text.

Every code found is decoded; a damaged or edited one, one of another course or version, and a learner who sent
twice are reported at their FILE:LINE, never merged or dropped without a word. Nothing read is changed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, display_path, os_reason
from .code import CodeError, Results, decode, find_codes
from .course import CourseInfo

MAX_BYTES = 20_000_000  # a chat export of a whole class is some hundred kilobytes


@dataclass
class Learner:
    results: Results
    file: str
    line: int
    code: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def identity(self) -> tuple[str, str]:
        return (_norm(self.results.name), _norm(self.results.unit))

    @property
    def attempts(self) -> int:
        return sum(q.attempts for q in self.results.quizzes)


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        if not path.is_file():
            return None, [Problem(shown, 0, "", "不是文件" if path.exists() else "文件不存在")]
        if path.stat().st_size > MAX_BYTES:
            return None, [Problem(shown, 0, "", f"文件超过 {MAX_BYTES // 1_000_000} MB，不像成绩码文件")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, "", f"无法读取：{os_reason(exc)}")]
    try:  # UTF-16 only with its byte-order mark (as Windows saves it): without one, any bytes would decode
        return data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    return None, [Problem(shown, 0, "", "文件不是 UTF-8 编码的文本（请用记事本另存为 UTF-8）")]


def read_codes(paths: list[Path], course: CourseInfo) -> tuple[list[Learner], list[Problem]]:
    """The learners of ``course`` found in the files, one each, and every problem met."""
    learners: dict[tuple[str, str], Learner] = {}
    problems: list[Problem] = []
    found = 0
    for path in paths:
        shown = display_path(path)
        text, trouble = _text(path, shown)
        problems += trouble
        for number, line in enumerate((text or "").splitlines(), 1):
            for code in find_codes(line):
                found += 1
                learner = _learner(code, shown, number, course, problems)
                if learner:
                    _add(learners, learner, problems)
    if not found and not problems:
        problems.append(Problem("", 0, "", "输入文件中没有找到成绩码（以 QG1. 开头的一串字符）"))
    return sorted(learners.values(), key=lambda x: (x.results.unit, x.results.name)), problems


def _learner(code: str, file: str, line: int, course: CourseInfo, problems: list[Problem]) -> Learner | None:
    def error(message: str) -> None:
        problems.append(Problem(file, line, "", message))

    try:
        results = decode(code)
    except CodeError as exc:
        error(f"成绩码无效，未计入：{exc}")
        return None
    who = results.name or "（未填姓名）"
    if results.course != course.id:
        error(f"{who} 的成绩码属于另一课程“{results.course}”（本次汇总：{course.id}），未计入")
    elif results.version != course.version:
        error(
            f"{who} 的成绩码来自课程第 {results.version} 版（本次汇总：第 {course.version} 版），题目可能不同，未计入"
        )
    elif not results.name.strip():
        error("成绩码中没有填写姓名，无法对应到学员，未计入")
    else:
        unknown = [q.key for q in results.quizzes if not course.quiz(q.key)]
        if unknown:
            error(f"{who} 的成绩码含有本课程没有的测验 {'、'.join(unknown[:3])}，未计入")
            return None
        return Learner(results, file, line, code)
    return None


def _add(learners: dict[tuple[str, str], Learner], new: Learner, problems: list[Problem]) -> None:
    old = learners.get(new.identity)
    if old is None:
        learners[new.identity] = new
        return
    who = f"{new.results.name}（{new.results.unit or '未填单位'}）"
    if old.code == new.code:
        problems.append(Problem(new.file, new.line, "", f"{who} 的成绩码与 {old.where} 完全相同，只计一次", "warning"))
        return
    # the later code, or the one with more graded attempts, holds more of the learner's work
    keep, other = (new, old) if (new.results.date, new.attempts) >= (old.results.date, old.attempts) else (old, new)
    learners[new.identity] = keep
    problems.append(
        Problem(
            new.file, new.line, "",
            f"{who} 有两条不同的成绩码（{old.where} 与 {new.where}），采用日期较新、作答较多的 {keep.where}，"
            f"未采用 {other.where}",
            "warning",
        )
    )  # fmt: skip
