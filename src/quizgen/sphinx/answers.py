"""``{quiz-answers}``: the printed editions' 参考答案与解析 appendix, gathered from every quiz in reading order."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..order import all_printed
from .quiz import QuizDomain
from .state import builder_name, state_of
from .static_quiz import INTERACTIVE_BUILDERS, NOTES_TITLE, answers_section


class answers_node(nodes.General, nodes.Element):
    """Placeholder replaced once every document has been read."""


class AnswersDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [answers_node()]


def reading_order(env: Any) -> list[str]:
    """Documents in the order the toctree presents them, starting at the root document."""
    order: list[str] = []

    def walk(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(env.config.root_doc)
    return order + sorted(d for d in env.found_docs if d not in order)


class FillAnswers(SphinxPostTransform):
    # After StaticQuizzes (5), which sets the learner PDF's facilitation notes aside for the appendix; before
    # references are resolved (10): the answers link back to the speech.
    default_priority = 6

    def run(self, **kwargs: object) -> None:
        placeholders = list(self.document.findall(answers_node))
        if not placeholders:
            return
        if builder_name(self.env) in INTERACTIVE_BUILDERS:
            for node in placeholders:
                note = nodes.paragraph(
                    text="网页版的每道题在作答后即显示答案、解析和原文提示；本页的参考答案只出现在印刷版中。"
                )
                node.replace_self(note)
            return
        domain: QuizDomain = self.env.get_domain("quiz")  # type: ignore[assignment]
        project = state_of(self.config).project
        notes: dict[str, list[nodes.Element]] = {}
        for docname, note in getattr(self.document, "quizgen_deferred_notes", []):
            notes.setdefault(docname, []).append(note)
        groups: list[tuple[str, list]] = []
        for docname in reading_order(self.env):
            for quiz in domain.quizzes.get(docname, []):
                questions = all_printed(project.questions_by_id(quiz.get("printed") or quiz["qids"]))
                groups.append(("　".join([*_where(self.env, docname), quiz["title"] or "自测"]), questions))
            if docname in notes:
                groups.append(("　".join([*_where(self.env, docname), NOTES_TITLE]), notes.pop(docname)))
        for node in placeholders:
            # Directly under a heading of its own (the appendix page), the block needs no second title.
            parent = node.parent
            titled = isinstance(parent, nodes.section) and parent[0].astext() == "参考答案与解析"
            node.replace_self(answers_section(None if titled else "参考答案与解析", groups, project.speech))


def page_title(env: Any, docname: str) -> str:
    """The page's title as text, or its docname when it has none."""
    return env.titles[docname].astext() if docname in env.titles else docname


def _parent(env: Any, docname: str) -> str | None:
    """The parent Sphinx itself picks when a page is listed by several toctrees (the book outline is one of them)."""
    parents = [p for p, children in env.toctree_includes.items() if docname in children]
    return max(parents) if parents else None


def _where(env: Any, docname: str) -> list[str]:
    """The page's title, after its parent's when the parent is itself below the top level (模块二…　第一课…)."""
    parent = _parent(env, docname)
    grand = _parent(env, parent) if parent else None
    if parent and grand and grand != env.config.root_doc:
        return [page_title(env, parent), page_title(env, docname)]
    return [page_title(env, docname)]
