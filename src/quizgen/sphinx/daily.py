"""``{quiz-daily}`` (每日练习): five questions a day chosen by FSRS in the browser; ``:summary:`` gives the home page's
line instead (今日待练 N 题 and the streak). Both carry the index of the course's questions (question_data.py) and
load a page script: quizgen-daily.js (static/runtime/daily.js) or quizgen-today.js (today.js)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives

from ..render_html import QuizView, json_for_script, quiz_html
from .progress import _SummaryDirective, book_questions, course_quizzes
from .question_data import file_of, write_data
from .state import state_of
from .static_quiz import INTERACTIVE_BUILDERS

ONLY_ONLINE = "每日练习只在网页版中可用：用浏览器打开课程网站即可练习。"


class daily_node(nodes.General, nodes.Element):
    """每日练习, or with ``summary`` the home page's line about it."""


class DailyDirective(_SummaryDirective):
    node_class = daily_node
    option_spec = {"summary": directives.flag}

    def run(self) -> list[nodes.Node]:
        node = super().run()[0]
        node["summary"] = "summary" in self.options
        return [node]


def _index(translator: Any, docname: str) -> dict:
    """The data files' index, with each lesson page's files (which lessons the learner has studied) and links."""
    env = translator.builder.env
    questions = book_questions(env)
    index = write_data(Path(translator.builder.outdir) / "_static", questions, state_of(env.config).speech)
    files = index["f"]
    by_id = {q.id: q for q in questions}
    docs: dict[str, list[int]] = {}
    for doc, quiz in course_quizzes(env):
        for qid in quiz["qids"]:
            if qid in by_id and files.index(file_of(by_id[qid])) not in docs.setdefault(doc, []):
                docs[doc].append(files.index(file_of(by_id[qid])))
    index["d"] = docs
    index["h"] = translator.builder.get_relative_uri(docname, translator.config.quizgen_speech_page)
    return index


def daily_html(translator: Any, node: daily_node) -> str:
    docname = node["docname"]
    course = translator.config.quizgen_course
    index = escape(json_for_script(_index(translator, docname)))
    if node["summary"]:
        return f'<p class="qz-today" data-qz-page="today" data-course="{escape(course)}" data-index="{index}"></p>'
    state = state_of(translator.builder.env.config)
    view = QuizView(key=f"{course}/{docname}#daily", title="今日练习", mode="practice", minutes=None, doc=docname,
                    shuffle=True)  # fmt: skip
    quiz = quiz_html(view, [], state.speech, "")
    return (
        f'<div class="qz-daily" data-qz-page="daily" data-course="{escape(course)}" data-index="{index}">'
        f'<p class="qz-today" role="status"></p>{quiz}</div>'
    )


def visit_daily_html(translator: Any, node: daily_node) -> None:
    if translator.builder.name in INTERACTIVE_BUILDERS:
        translator.body.append(daily_html(translator, node))
    elif not node["summary"]:
        translator.body.append(f"<p>{escape(ONLY_ONLINE)}</p>")
    raise nodes.SkipNode


def visit_daily_other(translator: Any, node: daily_node) -> None:
    if not node["summary"] and hasattr(translator, "add_text"):
        translator.new_state(0)
        translator.add_text(ONLY_ONLINE)
        translator.end_state()
    elif not node["summary"]:
        translator.body.append(f"\n\n{ONLY_ONLINE}\n\n")
    raise nodes.SkipNode
