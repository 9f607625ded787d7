"""Quizzes for builders without JavaScript (LaTeX, EPUB, text): printed questions and an answer key."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model import BLANK_RE, TYPE_NAMES, Question
from .quiz import quiz_node
from .speech import anchor_link

INTERACTIVE_BUILDERS = {"html", "dirhtml", "singlehtml"}
BOX = "□ "
BLANK = "＿＿＿＿＿＿"


def _stem_text(q: Question) -> str:
    if q.type == "fill":
        return BLANK_RE.sub(BLANK, q.stem)
    if q.type == "truefalse":
        return f"{q.stem}（　　）"
    if q.type in ("single", "multiple"):
        return f"{q.stem}（　　）"
    return q.stem


def question_nodes(q: Question, number: int) -> nodes.Element:
    item = nodes.container(classes=["quiz-static-question"], ids=[f"q-{q.id}"])
    stem = nodes.paragraph(classes=["quiz-static-stem"])
    stem += nodes.strong(f"{number}．", f"{number}．")
    stem += nodes.Text(f"〔{TYPE_NAMES[q.type]}〕{_stem_text(q)}")
    item += stem
    if q.type in ("single", "multiple"):
        for option in q.options:
            line = nodes.paragraph(classes=["quiz-static-option"])
            line += nodes.Text(f"{BOX}{option.key}. {option.text}")
            item += line
    elif q.type == "truefalse":
        line = nodes.paragraph(classes=["quiz-static-option"])
        line += nodes.Text(f"{BOX}正确　　{BOX}错误")
        item += line
    elif q.type == "open":
        item += nodes.paragraph("", "答：", classes=["quiz-static-answerspace"])
    return item


def answer_nodes(q: Question, number: int) -> nodes.Element:
    entry = nodes.container(classes=["quiz-static-answer"])
    head = nodes.paragraph()
    head += nodes.strong(f"{number}．", f"{number}．")
    label = "参考答案：" if q.type == "open" else "答案："
    head += nodes.Text(f"{label}{q.answer_text()}")
    entry += head
    explanation = nodes.paragraph()
    explanation += nodes.Text(f"解析：{q.explanation}")
    entry += explanation
    source = nodes.paragraph(classes=["quiz-static-source"])
    source += nodes.Text(f"出处：“{q.source.quote}”——")
    source += anchor_link(q.source.anchor, q.source.anchor)
    entry += source
    return entry


def static_quiz(node: quiz_node, questions: list[Question], inline_answers: bool) -> list[nodes.Node]:
    box = nodes.container(classes=["quiz-static"], ids=list(node["ids"]))
    title = node["title"] or "自测"
    heading = nodes.paragraph(classes=["quiz-static-title"])
    heading += nodes.strong(title, title)
    heading += nodes.Text(f"（共 {len(questions)} 题）")
    box += heading
    for number, q in enumerate(questions, 1):
        box += question_nodes(q, number)
        if inline_answers:
            box += answer_nodes(q, number)
    return [box]


def answers_section(title: str, groups: list[tuple[str, list[Question]]]) -> nodes.Element:
    """A 参考答案 block: one group per quiz, numbered as the quiz numbers its questions."""
    box = nodes.container(classes=["quiz-answers"])
    heading = nodes.paragraph(classes=["quiz-answers-title"])
    heading += nodes.strong(title, title)
    box += heading
    for group_title, questions in groups:
        sub = nodes.paragraph(classes=["quiz-answers-group"])
        sub += nodes.strong(group_title, group_title)
        box += sub
        for number, q in enumerate(questions, 1):
            box += answer_nodes(q, number)
    return box


class StaticQuizzes(SphinxPostTransform):
    """Replaces quizzes with printed questions; EPUB gets the chapter's answers at its end."""

    default_priority = 5  # before references are resolved: the answers link back to the speech

    def run(self, **kwargs: object) -> None:
        if self.app.builder.name in INTERACTIVE_BUILDERS:
            return
        project = self.app.quizgen.project
        trainer = self.app.tags.has("trainer")
        inline = trainer or (self.app.builder.format not in ("latex",) and self.app.builder.name != "epub")
        chapter: list[tuple[str, list[Question]]] = []
        for node in list(self.document.findall(quiz_node)):
            questions = [q for q in (project.question(i) for i in node["qids"]) if q is not None]
            node.replace_self(static_quiz(node, questions, inline))
            chapter.append((node["title"] or "自测", questions))
        if chapter and self.app.builder.name == "epub" and not trainer:
            self.document += answers_section("本章自测参考答案与解析", chapter)
