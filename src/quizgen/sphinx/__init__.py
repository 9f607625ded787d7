"""Sphinx extension for the quizzes: the speech page, excerpts, quizzes, their printed form and the offline runtime.

The site's own tweaks (page weight, Chinese search, diagrams, navigation) are the sibling extension ``quizgen.site``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .. import __version__
from ..load import bank_files
from ..notes import load_notes
from ..order import all_printed
from ..problems import InputError
from ..project import open_project
from ..render_html import QuizView, quiz_html
from .answers import AnswersDirective, FillAnswers, answers_node
from .config import setup_config
from .contract import setup_contract
from .daily import DailyDirective, daily_node, visit_daily_html, visit_daily_other
from .fallback import PlainNodes
from .progress import (
    MistakesDirective,
    ProgressDirective,
    mistakes_node,
    progress_node,
    register,
    visit_mistakes_html,
    visit_progress_html,
    visit_summary_latex,
    visit_summary_text,
)
from .quiz import QuizDirective, QuizDomain, quiz_node
from .runtime import SCORM_ADAPTER, page_scripts, write_assets
from .speech import ExcerptDirective, SpeechJumpDirective, SpeechRole, SpeechTextDirective
from .state import State, set_state, state_of
from .static_quiz import INTERACTIVE_BUILDERS, StaticQuizzes


def _load(app: Sphinx, config: Config) -> None:
    root = Path(app.confdir)
    speech_path = root / config.quizgen_speech
    if not speech_path.is_file():
        raise ConfigError(f"quizgen_speech: {speech_path} 不存在")
    try:
        project = open_project(root, [root / config.quizgen_banks], speech_path)
    except InputError as exc:  # an unreadable speech: its FILE:LINE messages, as for bank problems below
        raise ConfigError(str(exc)) from exc
    if project.errors:
        details = "\n".join(str(p) for p in project.errors[:50])
        raise ConfigError(f"题库检查未通过（先运行 quizgen check）：\n{details}")
    notes_path = root / config.quizgen_banks / "speech-notes.yaml"
    notes, problems = load_notes(notes_path, project.speech) if notes_path.exists() else ([], [])
    if problems:
        raise ConfigError("\n".join(str(p) for p in problems))
    set_state(config, State(project=project, notes=notes, bank_paths=bank_files([root / config.quizgen_banks])))


def _add_assets(app: Sphinx) -> None:
    if app.builder.name not in INTERACTIVE_BUILDERS:
        return
    scorm = app.config.quizgen_scorm
    assets = write_assets(Path(app.doctreedir) / "quizgen-static", Path(app.doctreedir), scorm=scorm)
    app.config.html_static_path.append(str(assets))
    app.add_css_file("quizgen.css")
    if scorm:  # the SCORM adapter first, not deferred: the runtime finds the LMS's store when it starts
        app.add_js_file(SCORM_ADAPTER, priority=400)
    app.add_js_file("quizgen.js", loading_method="defer")


def _add_page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """A page script (runtime.py) on the pages that ask for it, after the shared runtime (both deferred)."""
    if app.builder.name in INTERACTIVE_BUILDERS:
        for name in page_scripts(context.get("body", "")):
            app.add_js_file(name, priority=510, loading_method="defer")  # on this page only


def _speech_href(translator: Any, docname: str) -> str:
    return translator.builder.get_relative_uri(docname, translator.config.quizgen_speech_page)


def visit_quiz_html(translator: Any, node: quiz_node) -> None:
    state = state_of(translator.config)
    questions = all_printed(state.project.questions_by_id(node["qids"]))
    docname = node["docname"]
    view = QuizView(
        key=f"{translator.config.quizgen_course}/{docname}#{node['number']}",
        title=node["title"],
        mode=node["mode"],
        minutes=node["minutes"],
        doc=docname,
        shuffle=node["shuffle"],
        final=node.get("final", False),
        draw=node.get("draw", {}),
    )
    anchors = "".join(f'<span id="{escape(i, quote=True)}"></span>' for i in node["ids"])  # 学习记录 links here
    translator.body.append(anchors + quiz_html(view, questions, state.speech, _speech_href(translator, docname)))
    raise nodes.SkipNode


def _skip(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_quizzes(app: Sphinx) -> None:
    """``{quiz}`` and ``{quiz-answers}``: the domain that collects quizzes, the runtime's assets and page scripts, the
    HTML visitor, and the printed form for every builder without the runtime."""
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _add_page_scripts, priority=400)  # before drop_unused_assets copies the list
    app.add_node(quiz_node, html=(visit_quiz_html, None), latex=(_skip, None), text=(_skip, None))
    app.add_node(answers_node, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_domain(QuizDomain)
    app.add_directive("quiz", QuizDirective)
    app.add_directive("quiz-answers", AnswersDirective)
    app.add_post_transform(StaticQuizzes)
    app.add_post_transform(FillAnswers)
    setup_contract(app)  # quizgen-course.json, what SCORM and the bundles read


def setup_summaries(app: Sphinx) -> None:
    """``{quiz-progress}`` (学习记录) and ``{quiz-mistakes}`` (错题本)."""
    for node_class, visit in ((progress_node, visit_progress_html), (mistakes_node, visit_mistakes_html)):
        app.add_node(node_class, html=(visit, None), latex=(visit_summary_latex, None), text=(visit_summary_text, None))
    app.add_directive("quiz-progress", ProgressDirective)
    app.add_directive("quiz-mistakes", MistakesDirective)
    app.add_node(
        daily_node, html=(visit_daily_html, None), latex=(visit_daily_other, None), text=(visit_daily_other, None)
    )
    app.add_directive("quiz-daily", DailyDirective)  # 每日练习
    register(app)


def setup_speech(app: Sphinx) -> None:
    """The 讲话原文 page, excerpts and links to anchors."""
    app.add_directive("speech-text", SpeechTextDirective)
    app.add_directive("speech-jump", SpeechJumpDirective)
    app.add_directive("excerpt", ExcerptDirective)
    app.add_role("speech", SpeechRole())


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    app.connect("config-inited", _load)  # the speech and banks, checked, once per build
    setup_quizzes(app)
    setup_summaries(app)
    setup_speech(app)
    app.add_post_transform(PlainNodes)  # builders without the visitors above
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
