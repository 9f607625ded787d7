"""Quizzes as HTML for quiz.js. Every piece of question text passes through ``escape`` here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from .model import BLANK_RE, TYPE_NAMES, Question
from .select import MODES
from .source import Speech


@dataclass
class QuizView:
    key: str  # stable across builds: course/docname#n, the localStorage key
    title: str
    mode: str
    minutes: int | None
    doc: str
    shuffle: bool


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def highlight(speech: Speech, q: Question) -> str:
    """The cited passage with the quoted words marked."""
    text = speech[q.source.anchor].text if q.source.anchor in speech else ""
    index = text.find(q.source.quote)
    if index < 0:
        return escape(q.source.quote)
    end = index + len(q.source.quote)
    return f"{escape(text[:index])}<mark>{escape(text[index:end])}</mark>{escape(text[end:])}"


def _stem(q: Question) -> str:
    if q.type != "fill":
        return escape(q.stem)
    parts = BLANK_RE.split(q.stem)
    out = [escape(parts[0])]
    for n, part in enumerate(parts[1:], 1):
        out.append(f'<span class="qz-gap">（{n}）____</span>{escape(part)}')
    return "".join(out)


def _controls(q: Question, name: str) -> str:
    if q.type in ("single", "multiple"):
        kind = "radio" if q.type == "single" else "checkbox"
        rows = []
        for option in q.options:
            rows.append(
                f'<label class="qz-opt" data-key="{_attr(option.key)}"><input type="{kind}" name="{_attr(name)}" '
                f'value="{_attr(option.key)}"><span class="qz-key">{escape(option.key)}.</span> '
                f'<span class="qz-text">{escape(option.text)}</span></label>'
            )
        return f'<div class="qz-opts">{"".join(rows)}</div>'
    if q.type == "truefalse":
        return (
            '<div class="qz-opts">'
            f'<label class="qz-opt" data-key="T"><input type="radio" name="{_attr(name)}" value="T"> 正确</label>'
            f'<label class="qz-opt" data-key="F"><input type="radio" name="{_attr(name)}" value="F"> 错误</label>'
            "</div>"
        )
    if q.type == "fill":
        blanks = []
        for n in range(1, len(q.blanks) + 1):
            blanks.append(
                f'<label class="qz-blank">第 {n} 空 <input type="text" autocomplete="off" '
                f'name="{_attr(name)}-{n}" data-blank="{n}"></label>'
            )
        return f'<div class="qz-blanks">{"".join(blanks)}</div>'
    return f'<label class="qz-openlabel">你的回答<textarea name="{_attr(name)}" rows="4"></textarea></label>'


def _after(q: Question, speech: Speech, speech_href: str) -> str:
    if q.type == "open":
        answer = f'<div class="qz-answer"><strong>参考答案</strong><p>{escape(str(q.answer))}</p></div>'
    else:
        answer = f'<p class="qz-answer"><strong>正确答案：</strong>{escape(q.answer_text())}</p>'
    href = f"{speech_href}#{q.source.anchor}"
    return (
        '<div class="qz-after" hidden>'
        f"{answer}"
        f'<div class="qz-expl"><strong>解析</strong><p>{escape(q.explanation)}</p></div>'
        f'<div class="qz-hint"><strong>提示：讲话原文</strong><blockquote>{highlight(speech, q)}</blockquote>'
        f'<a class="qz-src" href="{_attr(href)}">查看原文：{escape(speech.describe(q.source.anchor) if q.source.anchor in speech else q.source.anchor)}</a></div>'
        "</div>"
    )


def answer_data(q: Question) -> dict:
    """What quiz.js needs to score and give feedback, and nothing it could render unescaped."""
    data: dict = {"t": q.type}
    if q.type in ("single", "multiple"):
        data["a"] = q.correct_keys
        feedback = {o.key: o.feedback for o in q.options if o.feedback}
        if feedback:
            data["fb"] = feedback
    elif q.type == "truefalse":
        data["a"] = ["T" if q.answer is True else "F"]
    elif q.type == "fill":
        data["a"] = q.blanks
    return data


def question_html(q: Question, number: int, quiz_key: str, speech: Speech, speech_href: str, shuffle: bool) -> str:
    name = f"{quiz_key}|{q.id}"
    may_shuffle = shuffle and q.shuffle and q.type in ("single", "multiple")
    return (
        f'<li class="qz-q" data-qid="{_attr(q.id)}" data-type="{q.type}" data-shuffle="{int(may_shuffle)}">'
        f'<fieldset><legend><span class="qz-num">第 {number} 题</span> '
        f'<span class="qz-type">{TYPE_NAMES[q.type]}</span> <span class="qz-stem">{_stem(q)}</span></legend>'
        f"{_controls(q, name)}</fieldset>"
        '<div class="qz-row"><button type="button" class="qz-check">检查答案</button></div>'
        '<div class="qz-fb" role="status" aria-live="polite"></div>'
        f"{_after(q, speech, speech_href)}</li>"
    )


def json_for_script(data: object) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def quiz_html(view: QuizView, questions: list[Question], speech: Speech, speech_href: str) -> str:
    items = "".join(
        question_html(q, n, view.key, speech, speech_href, view.shuffle) for n, q in enumerate(questions, 1)
    )
    data = {q.id: answer_data(q) for q in questions}
    minutes = f' data-minutes="{view.minutes}"' if view.minutes else ""
    mode_name = MODES[view.mode]
    title = escape(view.title or mode_name)
    return (
        f'<section class="qz" data-quiz="{_attr(view.key)}" data-mode="{view.mode}"{minutes} '
        f'aria-label="{_attr(view.title or mode_name)}">'
        f'<div class="qz-head"><p class="qz-title">{title}</p>'
        f'<p class="qz-meta">{mode_name} · 共 {len(questions)} 题</p>'
        '<p class="qz-timer" role="timer" aria-live="off" hidden></p>'
        '<p class="qz-store" role="status" hidden></p></div>'
        f'<ol class="qz-list">{items}</ol>'
        '<div class="qz-foot"><button type="button" class="qz-submit">交卷评分</button> '
        '<button type="button" class="qz-retry">再练一次</button>'
        '<p class="qz-score" role="status" aria-live="polite"></p></div>'
        f'<script type="application/json" class="qz-data">{json_for_script(data)}</script>'
        "</section>"
    )
