"""我的成绩 on 学习记录: the learner's name and unit and the 成绩码 to send to the trainer (static/runtime/results.js,
a page script loaded by this page only; the code's format: quizgen/results/code.py)."""

from __future__ import annotations

import json
from html import escape


def my_results_html(course: str, version: str, tests: list[str]) -> str:
    """``tests``: the keys of the course's 测验 and 模拟考试, whose answers the code carries."""
    return (
        f'<section class="qz-mine" data-qz-page="results" data-course="{escape(course)}" '
        f'data-version="{escape(version)}" data-tests="{escape(json.dumps(tests))}">'
        '<h2 class="qz-h">我的成绩</h2>'
        "<p>把学习成绩发给培训老师：填写姓名和单位（只需填一次，只保存在这台设备的浏览器里），点“复制成绩码”，"
        "到微信中粘贴发送；也可以保存为文件发送。成绩码包含各课自测的成绩，以及综合测验、模拟考试最近一次交卷时的作答。</p>"
        '<p class="qz-who"><label>姓名 <input type="text" class="qz-name" maxlength="20" autocomplete="name"></label> '
        '<label>单位 <input type="text" class="qz-unit" maxlength="40" autocomplete="organization"></label></p>'
        '<button type="button" class="qz-code-copy">复制成绩码</button>'
        '<button type="button" class="qz-code-save">保存为文件</button>'
        '<textarea class="qz-code" readonly rows="4" aria-label="成绩码" hidden></textarea>'
        '<p class="qz-code-msg" role="status" aria-live="polite"></p></section>'
    )
