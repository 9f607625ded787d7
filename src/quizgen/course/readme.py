"""离线使用说明.txt of a course's two bundles: the learners' (site and 学员手册 only) and the trainer's.

Plain text with Windows line ends, so 记事本 shows it as written; every lesson is named with its module
(two modules may both have a 第三课).
"""

from __future__ import annotations

from .manifest import Manifest


def _head(m: Manifest, what: str) -> list[str]:
    lines = [f"{m.title}：{what}", "", f"培训对象：{m.audience}"]
    if m.date or m.place:
        lines.append("时间地点：" + "　".join(x for x in (m.date, m.place) if x))
    return [*lines, f"时长：{m.duration_text}", ""]


def _lessons(m: Manifest) -> list[str]:
    lines = ["本次培训的课程：", *(f"　{cl.lesson.label}" for cl in m.lessons)]
    if m.homework.lessons:
        lines += ["课后自学（课程网站里有，培训中不讲授，请在培训结束后自学）："]
        lines += [f"　{cl.lesson.label}" for cl in m.homework.lessons]
    return lines


def _site_use() -> list[str]:
    return [
        "使用方法：先把压缩包完整解压到任意文件夹，再双击 site 文件夹里的 index.html。",
        "学习记录和错题本保存在这台电脑的这个浏览器里，换电脑前请在“学习记录”页导出。",
    ]


def learner_readme(m: Manifest, pdfs: list[str]) -> str:
    """The learners' bundle: what is in it, how to open it, the lessons."""
    lines = _head(m, "离线使用说明")
    lines += ["这个文件夹里是本次培训发给学员的学习材料，不需要联网，也不需要安装任何软件。", ""]
    lines += ["site/index.html　课程网站：双击用浏览器打开，可以按课学习、做自测、搜索，查看学习记录和错题本。"]
    lines += [f"{name}　{_describe(name)}" for name in pdfs]
    lines += ["", *_site_use(), "", *_lessons(m), ""]
    return "\r\n".join(lines)


def trainer_readme(m: Manifest, files: list[str]) -> str:
    """The trainer's bundle: everything the learners get, plus the trainer's book, papers and keys."""
    lines = _head(m, "培训师材料说明")
    lines += [
        "这个文件夹里是培训师用的材料：含答案、评分要点和研讨要点，请勿发给学员。",
        f"发给学员的是另一个压缩包 {m.id}-offline.zip（只含课程网站和学员手册）。",
        "",
    ]
    lines += [f"{name}　{_describe(name)}" for name in files]
    lines += ["", *_lessons(m), ""]
    return "\r\n".join(lines)


def _describe(name: str) -> str:
    if name.startswith("site/"):
        return "课程网站（与学员包相同）"
    if name.endswith("-trainer.pdf"):
        return "培训师用书（含答案和研讨要点）"
    if name.endswith("-learner.pdf"):
        return "学员手册（可打印，末尾附自测答案）"
    if name.endswith("-handout.pdf"):
        return "讲义（可打印：各课的学习目标、要点和小结）"
    if name.startswith("paper/"):
        return "测验试卷、答案与评分要点（Word 可编辑，PDF 可直接打印）"
    if name.endswith("-poster.pdf"):
        return "二维码海报（投影或打印，学员用手机扫码打开课程网站）"
    if name.endswith("-qr.png"):
        return "课程网站网址的二维码图片（可放进通知或课件）"
    if name.endswith("-scorm.zip"):
        return "SCORM 1.2 课程包，供学习平台（LMS）导入"
    return ""
