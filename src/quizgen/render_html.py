"""Quizzes as HTML for the quiz runtime (static/runtime/). Every piece of question text passes through ``escape``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

from . import present
from .model import Question
from .selection import MODES
from .source import Speech


@dataclass
class QuizView:
    key: str  # stable across builds: course/docname#n, the localStorage key
    title: str
    mode: str
    minutes: int | None
    doc: str
    shuffle: bool
    final: bool = False  # the course's final assessment (data-final, for LMS adapters)
    draw: dict[str, int] = field(default_factory=dict)  # 模拟考试: questions of each type drawn per attempt

    @property
    def anchor(self) -> str:
        """What tells this quiz's elements apart on its page: the n of course/docname#n (or ``book``)."""
        return self.key.rpartition("#")[2]


MAX_BLANK_EM = 20


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
    parts = present.stem_pieces(q)
    out = [escape(parts[0])]
    for n, part in enumerate(parts[1:], 1):
        out.append(f'<span class="qz-gap">（{n}）____</span>{escape(part)}')
    return "".join(out)


def blank_em(q: Question, index: int) -> int:
    """A fill-in box's width in em: as wide as the printed blank (the longest accepted answer and room to spare), so
    the whole answer shows while typing, and no wider than a line (a phone's screen narrows it further, by CSS)."""
    return min(present.blank_room(q, index), MAX_BLANK_EM)


def _controls(q: Question, name: str) -> str:
    if present.has_options(q):
        kind = "radio" if q.type == "single" else "checkbox"
        rows = []
        for key, text, _ in present.choices(q):
            rows.append(
                f'<label class="qz-opt" data-key="{_attr(key)}"><input type="{kind}" name="{_attr(name)}" '
                f'value="{_attr(key)}"><span class="qz-key">{escape(key)}.</span> '
                f'<span class="qz-text">{escape(text)}</span></label>'
            )
        return f'<div class="qz-opts">{"".join(rows)}</div>'
    if q.type == "truefalse":
        rows = [
            f'<label class="qz-opt" data-key="{key}"><input type="radio" name="{_attr(name)}" value="{key}"> {word}</label>'
            for key, word, _ in present.choices(q)
        ]
        return f'<div class="qz-opts">{"".join(rows)}</div>'
    if q.type == "fill":
        blanks = []
        for n in range(1, len(q.blanks) + 1):
            blanks.append(
                f'<label class="qz-blank">第 {n} 空 <input type="text" autocomplete="off" '
                f'name="{_attr(name)}-{n}" data-blank="{n}" style="width:{blank_em(q, n - 1)}em"></label>'
            )
        return f'<div class="qz-blanks">{"".join(blanks)}</div>'
    return f'<label class="qz-openlabel">你的回答<textarea name="{_attr(name)}" rows="4"></textarea></label>'


def _after(q: Question, speech: Speech, speech_href: str) -> str:
    if q.type == "open":
        label = present.REFERENCE_LABEL
        answer = f'<div class="qz-answer"><strong>{label}</strong><p>{escape(present.answer_text(q))}</p></div>'
    else:
        answer = f'<p class="qz-answer"><strong>正确答案：</strong>{escape(present.answer_text(q))}</p>'
    href = f"{speech_href}#{q.source.anchor}"
    return (
        '<div class="qz-after" hidden>'
        f"{answer}"
        f'<div class="qz-expl"><strong>{present.EXPLANATION_LABEL}</strong><p>{escape(present.explanation(q))}</p></div>'
        f'<div class="qz-hint"><strong>提示：讲话原文</strong><blockquote>{highlight(speech, q)}</blockquote>'
        f'<a class="qz-src" href="{_attr(href)}">查看原文：{escape(present.source_place(q, speech))}</a></div>'
        "</div>"
    )


def answer_words(q: Question) -> list[str]:
    """The words a 提示 before answering masks: the correct options' text, every accepted fill-in answer."""
    if q.type == "fill":
        return [a for blank in q.blanks for a in blank]
    return [o.text for o in q.options if o.key in q.correct_keys]


def _hint_before(q: Question, speech: Speech) -> str:
    """The 提示 a learner may ask for before answering; the runtime fills in the passage with the answer masked
    (or, when the answer's words are not in the passage, without the quote marked)."""
    passage = speech[q.source.anchor].text if q.source.anchor in speech else q.source.quote
    masked = any(word.strip() and word in passage for word in answer_words(q))
    note = "（答案处以＿＿代替）" if masked else "：答案就在这段原文里"
    return f'<div class="qz-pre" tabindex="-1" hidden><strong>提示</strong>{note}</div>'


def answer_data(q: Question) -> dict:
    """What quiz.js needs to score and give feedback, and nothing it could render unescaped."""
    data: dict = {"t": q.type}
    if q.type in ("single", "multiple"):
        data["a"] = q.correct_keys
        feedback = {o.key: o.feedback for o in q.options if o.feedback}
        if feedback:
            data["fb"] = feedback
    elif q.type == "truefalse":
        data["a"] = present.correct_choices(q)
    elif q.type == "fill":
        data["a"] = q.blanks
    return data


def question_html(q: Question, number: int, view: QuizView, speech: Speech, speech_href: str) -> str:
    name = f"{view.key}|{q.id}"
    may_shuffle = view.shuffle and q.shuffle and present.has_options(q)
    kind_name = present.kind_name(q)
    kind = f' <span class="qz-kind">{kind_name}</span>' if kind_name else ""
    practice = view.mode == "practice"
    hint = '<button type="button" class="qz-hintbtn">提示</button>' if practice else ""
    return (
        f'<li class="qz-q" id="q{_attr(view.anchor)}-{_attr(q.id)}" data-qid="{_attr(q.id)}" data-type="{q.type}" '
        f'data-shuffle="{int(may_shuffle)}">'
        f'<fieldset><legend><span class="qz-num">第 {number} 题</span> '
        f'<span class="qz-type">{present.type_name(q)}</span>{kind} <span class="qz-stem">{_stem(q)}</span></legend>'
        f"{_controls(q, name)}</fieldset>"
        f'<div class="qz-row"><button type="button" class="qz-check">检查答案</button>{hint}</div>'
        f"{_hint_before(q, speech) if practice else ''}"
        '<div class="qz-fb" role="status" aria-live="polite"></div>'
        f"{_after(q, speech, speech_href)}</li>"
    )


def json_for_script(data: object) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _gate(view: QuizView, count: int) -> str:
    """模拟考试 starts on 开始考试: nothing is shown or timed before."""
    if view.mode != "exam":
        return ""
    return (
        f'<div class="qz-gate" hidden><p>共 {count} 题，限时 {view.minutes or 30} 分钟。'
        "点“开始考试”后开始计时，时间到自动交卷。</p>"
        '<button type="button" class="qz-start">开始考试</button></div>'
    )


def _confirm(view: QuizView) -> str:
    """Asked on 交卷 while questions are unanswered (the runtime fills in how many)."""
    if view.mode == "practice":
        return ""
    label = f"qz{_attr(view.anchor)}-confirm"
    return (
        f'<dialog class="qz-dialog" aria-labelledby="{label}">'
        f'<p id="{label}">还有 <strong class="qz-unanswered"></strong> 道题没有作答，交卷后按答错计分。确定交卷吗？</p>'
        '<button type="button" value="stay" class="qz-stay">继续作答</button> '
        '<button type="button" value="go" class="qz-go">确定交卷</button></dialog>'
    )


def quiz_html(view: QuizView, questions: list[Question], speech: Speech, speech_href: str) -> str:
    items = "".join(question_html(q, n, view, speech, speech_href) for n, q in enumerate(questions, 1))
    data = {q.id: answer_data(q) for q in questions}
    minutes = f' data-minutes="{view.minutes}"' if view.minutes else ""
    final = ' data-final="1"' if view.final else ""
    draw = f' data-draw="{_attr(json_for_script(view.draw))}"' if view.draw else ""
    mode_name = MODES[view.mode]
    title = escape(view.title or mode_name)
    count = sum(view.draw.values()) if view.draw else len(questions)
    pool = f"（每次从 {len(questions)} 道题中抽取）" if view.draw else ""
    return (
        f'<section class="qz" data-quiz="{_attr(view.key)}" data-mode="{view.mode}"{minutes}{final}{draw} '
        f'aria-label="{_attr(view.title or mode_name)}">'
        f'<div class="qz-head"><p class="qz-title">{title}</p>'
        f'<p class="qz-meta">{mode_name} · 共 {count} 题{pool}</p>'
        '<p class="qz-timer" role="timer" aria-live="off" hidden></p>'
        '<p class="qz-store" role="status" hidden></p></div>'
        f"{_gate(view, count)}"
        f'<ol class="qz-list">{items}</ol>'
        '<div class="qz-foot"><button type="button" class="qz-submit">交卷评分</button> '
        '<button type="button" class="qz-retry">再练一次</button>'
        '<p class="qz-score" role="status" aria-live="polite"></p></div>'
        f"{_confirm(view)}"
        f'<script type="application/json" class="qz-data">{json_for_script(data)}</script>'
        "</section>"
    )
