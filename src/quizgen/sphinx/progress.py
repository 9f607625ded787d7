"""``{quiz-progress}`` (学习记录) and ``{quiz-mistakes}`` (错题本): course-wide pages filled in by quizgen.js.

Both are rendered when the page is written, from the quizzes every document registered in the QuizDomain,
so they always list the whole course in the order the toctree presents it.

The quiz runtime keeps, per course, one JSON record in ``localStorage["quizgen:<course>"]`` (or hands it to an
LMS adapter): its format, versions, checks and merging are documented next to store.js, in
``static/runtime/RECORD.md``. 学习记录's code is a page script (``quizgen-progress.js``), loaded by its page only.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..model import Question
from ..order import printed
from ..render_html import QuizView, json_for_script, quiz_html
from ..selection import MODES
from .answers import page_title, reading_order
from .my_results import my_results_html
from .question_data import write_data
from .quiz import QuizDomain
from .state import state_of
from .static_quiz import INTERACTIVE_BUILDERS

OTHER = "其他练习"
ONLY_ONLINE = "{}只在网页版中可用：用浏览器打开课程网站即可查看。"
BOOK_EMPTY = "错题本是空的：在各课自测、测验和模拟考试中答错的题会自动收集到这里，答对后移出。"


class progress_node(nodes.General, nodes.Element):
    """学习记录: every module's lessons and quizzes with status, best score and a bar chart."""


class mistakes_node(nodes.General, nodes.Element):
    """错题本: every auto-scored question of the course, hidden until answered wrongly somewhere."""


class _SummaryDirective(SphinxDirective):
    has_content = False
    node_class: type[nodes.Element] = progress_node

    def run(self) -> list[nodes.Node]:
        pages: set[str] = getattr(self.env, "quizgen_summary_pages", set())
        pages.add(self.env.docname)
        self.env.quizgen_summary_pages = pages  # type: ignore[attr-defined]
        node = self.node_class(docname=self.env.docname)
        self.set_source_info(node)
        return [node]


class ProgressDirective(_SummaryDirective):
    node_class = progress_node


class MistakesDirective(_SummaryDirective):
    node_class = mistakes_node


def module_of(docname: str) -> str:
    parts = docname.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "modules" else ""


def course_quizzes(env: Any) -> list[tuple[str, dict]]:
    """(docname, quiz) for every quiz of the course, in reading order."""
    domain: QuizDomain = env.get_domain("quiz")
    return [(doc, quiz) for doc in reading_order(env) for quiz in domain.quizzes.get(doc, [])]


def _rows(translator: Any, docname: str) -> tuple[list[tuple[str, str]], str]:
    """Module bars and table rows for the 学习记录 page."""
    env = translator.builder.env
    course = translator.config.quizgen_course
    modules: list[tuple[str, str]] = []
    rows: list[str] = []
    by_doc: dict[str, list[dict]] = {}
    for doc, quiz in course_quizzes(env):
        by_doc.setdefault(doc, []).append(quiz)
    lessons = [d for d in reading_order(env) if module_of(d) and not d.endswith("/index")]
    others = [d for d in by_doc if not module_of(d)]
    for doc in lessons + others:
        module = module_of(doc) or "other"
        if module not in [m for m, _ in modules]:
            title = page_title(env, f"modules/{module}/index") if module != "other" else OTHER
            modules.append((module, title))
            rows.append(f'<tr class="qz-modrow"><th colspan="4" scope="colgroup">{escape(title)}</th></tr>')
        uri = translator.builder.get_relative_uri(docname, doc)
        quizzes = by_doc.get(doc, [])
        if not quizzes:
            rows.append(
                f'<tr><td><a href="{escape(uri)}">{escape(page_title(env, doc))}</a></td>'
                '<td colspan="3">本课没有自测</td></tr>'
            )
        for quiz in quizzes:
            key = f"{course}/{doc}#{quiz['number']}"
            name = quiz["title"] or f"{MODES[quiz['mode']]}（{len(quiz.get('printed') or quiz['qids'])} 题）"
            rows.append(
                f'<tr data-quiz="{escape(key)}" data-module="{escape(module)}">'
                f'<td><a href="{escape(uri)}#quiz-{quiz["number"]}">{escape(page_title(env, doc))}</a></td>'
                f'<td>{escape(name)}</td><td class="qz-st">未开始</td><td class="qz-best">—</td></tr>'
            )
    return modules, "".join(rows)


def _tests(translator: Any) -> list[str]:
    """The keys of the course's 测验 and 模拟考试: 我的成绩 sends their answers."""
    course = translator.config.quizgen_course
    quizzes = course_quizzes(translator.builder.env)
    return [f"{course}/{doc}#{quiz['number']}" for doc, quiz in quizzes if quiz["mode"] in ("test", "exam")]


def progress_html(translator: Any, node: progress_node) -> str:
    course = translator.config.quizgen_course
    modules, rows = _rows(translator, node["docname"])
    bars = "".join(
        f'<li data-module-bar="{escape(m)}"><span>{escape(title)}</span>'
        f'<span class="qz-bar" role="progressbar" aria-label="{escape(title)} 平均最好成绩" aria-valuemin="0" '
        f'aria-valuemax="100" aria-valuenow="0"><span class="qz-fill"></span></span><span class="qz-val">0%</span></li>'
        for m, title in modules
    )
    return (
        f'<div class="qz-progress" data-qz-page="progress" data-course="{escape(course)}">'
        '<p class="qz-store" role="status" hidden></p>'
        '<h2 class="qz-h">各模块平均最好成绩</h2>'
        f'<ul class="qz-bars">{bars}</ul>'
        '<p>错题本中现有 <strong class="qz-nmist">0</strong> 道题。</p>'
        '<h2 class="qz-h">各课自测</h2>'
        '<table><thead><tr><th scope="col">课</th><th scope="col">自测</th><th scope="col">状态</th>'
        f'<th scope="col">最好成绩（次数）</th></tr></thead><tbody>{rows}</tbody></table>'
        f"{my_results_html(course, translator.config.version, _tests(translator))}"
        '<h2 class="qz-h">备份与清除</h2>'
        '<div class="qz-io"><button type="button" class="qz-export">导出学习记录</button>'
        '<label class="qz-filebtn">导入学习记录<input type="file" class="qz-import" accept=".json,application/json">'
        '</label><button type="button" class="qz-clear">清除学习记录</button>'
        '<p class="qz-io-msg" role="status" aria-live="polite"></p></div></div>'
    )


def book_questions(env: Any) -> list[Question]:
    """Every auto-scored question that some quiz of the course asks, once, in reading order."""
    project = state_of(env.config).project
    seen: dict[str, Question] = {}
    for _doc, quiz in course_quizzes(env):
        for qid in quiz["qids"]:
            q = project.question(qid)
            if isinstance(q, Question) and q.type != "open" and qid not in seen:
                seen[qid] = printed(q)
    return list(seen.values())


def mistakes_html(translator: Any, node: mistakes_node) -> str:
    """An empty quiz and the index of the course's questions; the page script (book.js) loads and builds only the
    learner's wrong ones from the data files written here (question_data.py)."""
    env = translator.builder.env
    state = state_of(env.config)
    docname = node["docname"]
    course = translator.config.quizgen_course
    view = QuizView(key=f"{course}/{docname}#book", title="错题本", mode="practice", minutes=None, doc=docname,
                    shuffle=True)  # fmt: skip
    href = translator.builder.get_relative_uri(docname, translator.config.quizgen_speech_page)
    index = write_data(Path(translator.builder.outdir) / "_static", book_questions(env), state.speech)
    index["h"] = href
    quiz = quiz_html(view, [], state.speech, href)
    return (
        f'<div class="qz-book" data-qz-page="book" data-course="{escape(course)}" '
        f'data-index="{escape(json_for_script(index))}"><p class="qz-empty" hidden>{BOOK_EMPTY}</p>{quiz}</div>'
    )


def visit_progress_html(translator: Any, node: progress_node) -> None:
    if translator.builder.name not in INTERACTIVE_BUILDERS:
        visit_summary_static(translator, node)
    translator.body.append(progress_html(translator, node))
    raise nodes.SkipNode


def visit_mistakes_html(translator: Any, node: mistakes_node) -> None:
    if translator.builder.name not in INTERACTIVE_BUILDERS:
        visit_summary_static(translator, node)
    translator.body.append(mistakes_html(translator, node))
    raise nodes.SkipNode


def _what(node: nodes.Element) -> str:
    return ONLY_ONLINE.format("学习记录" if isinstance(node, progress_node) else "错题本")


def visit_summary_static(translator: Any, node: nodes.Element) -> None:
    """EPUB and other HTML builders without the runtime: a sentence instead of an empty page."""
    translator.body.append(f"<p>{escape(_what(node))}</p>")
    raise nodes.SkipNode


def visit_summary_latex(translator: Any, node: nodes.Element) -> None:
    translator.body.append(f"\n\n{_what(node)}\n\n")  # plain Chinese text: nothing to escape
    raise nodes.SkipNode


def visit_summary_text(translator: Any, node: nodes.Element) -> None:
    translator.new_state(0)
    translator.add_text(_what(node))
    translator.end_state()
    raise nodes.SkipNode


def _purge(app: Any, env: Any, docname: str) -> None:
    getattr(env, "quizgen_summary_pages", set()).discard(docname)


def _merge(app: Any, env: Any, docnames: Iterable[str], other: Any) -> None:
    pages = getattr(env, "quizgen_summary_pages", set())
    pages |= getattr(other, "quizgen_summary_pages", set()) & set(docnames)
    env.quizgen_summary_pages = pages


def _outdated(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """The summary pages list the whole course: rewrite them whenever any page changes."""
    if not (added or changed or removed):
        return []
    return sorted(getattr(env, "quizgen_summary_pages", set()) - added - changed - removed)


def register(app: Any) -> None:
    """Events that keep the summary pages in step with the course (called from the extension's setup)."""
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
