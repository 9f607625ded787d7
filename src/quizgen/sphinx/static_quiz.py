"""Quizzes for builders without JavaScript (LaTeX, EPUB, text): printed questions and an answer key.

The same post-transform readies the other interactive pieces of a page for print: sphinx-design dropdowns become
framed notes, and tab sets become their tabs one after another (their radio-button markup is not well-formed XHTML,
which EPUB requires).

Facilitation notes (a dropdown with ``:class-container: facilitator``, the lessons' 研讨要点) are collapsed on the web,
so a learner thinks about the scenario before opening them (导学 says so). Print cannot collapse, so the learner
editions move them where the answers are: the PDF's 参考答案与解析 appendix, the end of each EPUB chapter — with a
pointer left in the lesson. The trainer edition (``-t trainer``) keeps them inline, next to the discussion questions.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import present
from ..model import Question
from ..order import all_printed
from ..source import Speech
from .quiz import quiz_node
from .speech import anchor_link
from .state import builder_format, builder_name, has_tag, state_of

INTERACTIVE_BUILDERS = {"html", "dirhtml", "singlehtml"}
BOX = "□ "
LATEX_BLANK = r"\underline{\hspace{5em}}"
FACILITATOR = "facilitator"
NOTES_TITLE = "情景研讨要点"
POINTER = {
    "latex": "（研讨要点见书末附录“参考答案与解析”：先独立思考，再对照。）",
    "epub": "（研讨要点见本章末尾：先独立思考，再对照。）",
}


def _blank_nodes(q: Question, latex: bool) -> list[nodes.Node]:
    """The stem with each blank one to write on: a ruled line in LaTeX, full-width lines elsewhere."""
    out: list[nodes.Node] = []
    for index, piece in enumerate(present.stem_pieces(q)):
        if index:
            out.append(nodes.raw("", LATEX_BLANK, format="latex") if latex else nodes.Text(present.BLANK_LINE))
        out.append(nodes.Text(piece))
    return [n for n in out if not (isinstance(n, nodes.Text) and not n.astext())]


def _stem_nodes(q: Question, latex: bool) -> list[nodes.Node]:
    if q.type == "fill":
        return _blank_nodes(q, latex)
    if present.is_choice(q):
        return [nodes.Text(f"{q.stem}{present.CHOICE_MARK}")]
    return [nodes.Text(q.stem)]


def question_nodes(q: Question, number: int, latex: bool = False) -> nodes.Element:
    item = nodes.container(classes=["quiz-static-question"], ids=[f"q-{q.id}"])
    stem = nodes.paragraph(classes=["quiz-static-stem"])
    stem += nodes.strong(f"{number}．", f"{number}．")
    kind = present.kind_name(q)
    stem += nodes.Text(f"〔{present.type_name(q)}{'·' + kind if kind else ''}〕")
    stem.extend(_stem_nodes(q, latex))
    item += stem
    if present.has_options(q):
        for key, text, _ in present.choices(q):
            line = nodes.paragraph(classes=["quiz-static-option"])
            line += nodes.Text(f"{BOX}{key}. {text}")
            item += line
    elif q.type == "truefalse":
        line = nodes.paragraph(classes=["quiz-static-option"])
        line += nodes.Text("　　".join(f"{BOX}{word}" for _, word, _ in present.choices(q)))
        item += line
    elif q.type == "open":
        item += nodes.paragraph("", "答：", classes=["quiz-static-answerspace"])
        if latex:
            item += nodes.raw("", r"\par\vspace{5\baselineskip}", format="latex")
    return item


def answer_nodes(q: Question, number: int | None, speech: Speech | None = None) -> nodes.Element:
    """The answer, explanation and source of a question; ``number`` None right under the question itself.

    The source is named as readers know the passage (第三部分（二）) when ``speech`` is given, not by its anchor."""
    entry = nodes.container(classes=["quiz-static-answer"])
    head = nodes.paragraph()
    if number is not None:
        head += nodes.strong(f"{number}．", f"{number}．")
    head += nodes.Text(present.answer_line(q))
    entry += head
    entry += nodes.paragraph("", present.explanation_line(q))
    source = nodes.paragraph(classes=["quiz-static-source"])
    source += nodes.Text(f"{present.SOURCE_LABEL}：“{q.source.quote}”——")
    source += anchor_link(q.source.anchor, present.source_place(q, speech))
    entry += source
    return entry


def static_quiz(
    node: quiz_node, questions: list[Question], inline_answers: bool, latex: bool = False, speech: Speech | None = None
) -> list[nodes.Node]:
    box = nodes.container(classes=["quiz-static"], ids=list(node["ids"]))
    title = node["title"] or "自测"
    heading = nodes.paragraph(classes=["quiz-static-title"])
    heading += nodes.strong(title, title)
    heading += nodes.Text(f"（共 {len(questions)} 题）")
    box += heading
    for number, q in enumerate(questions, 1):
        box += question_nodes(q, number, latex)
        if inline_answers:
            box += answer_nodes(q, None, speech)
    return [box]


def answers_section(title: str | None, groups: list[tuple[str, list]], speech: Speech | None = None) -> nodes.Element:
    """A 参考答案 block: one group per quiz, numbered as the quiz numbers its questions.

    A group may hold facilitation notes (nodes) instead of questions. ``title`` None leaves the heading to the page
    (the appendix has its own)."""
    box = nodes.container(classes=["quiz-answers"])
    if title:
        heading = nodes.paragraph(classes=["quiz-answers-title"])
        heading += nodes.strong(title, title)
        box += heading
    for group_title, questions in groups:
        box += nodes.rubric(group_title, group_title, classes=["quiz-answers-group"])
        for number, item in enumerate(questions, 1):
            box += item if isinstance(item, nodes.Node) else answer_nodes(item, number, speech)
    return box


def _is_component(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and node.get("design_component") == name


def is_facilitator_note(node: nodes.Element) -> bool:
    return FACILITATOR in node.get("container_classes", []) + node.get("classes", [])


def _print_dropdown(node: nodes.Element) -> nodes.Element:
    """A dropdown as a framed note (an admonition with the dropdown's title), in its place."""
    title = next((c for c in node.children if isinstance(c, nodes.rubric)), None)
    heading = title.astext() if title is not None else "说明"
    note = nodes.admonition(classes=["print-dropdown", *node.get("container_classes", [])])
    note += nodes.title(heading, "", *(title.children if title is not None else [nodes.Text(heading)]))
    note.extend(c for c in node.children if c is not title)
    note.source, note.line = node.source, node.line
    node.replace_self(note)
    return note


def notes_section(title: str, notes: list[nodes.Element]) -> nodes.Element:
    box = nodes.container(classes=["quiz-answers", "print-deferred-notes"])
    box += nodes.rubric(title, title, classes=["quiz-answers-group"])
    box.extend(notes)
    return box


def _print_tabs(node: nodes.Element) -> None:
    """A tab set as its tabs one after another, each under its label."""
    out = nodes.container(classes=["print-tabs"])
    for item in node.children:
        if not _is_component(item, "tab-item"):
            continue
        for child in item.children:
            if isinstance(child, nodes.rubric):
                label = nodes.paragraph(classes=["print-tab-label"])
                label += nodes.strong("", "", *child.children)
                out += label
            else:
                out.extend(child.children if _is_component(child, "tab-content") else [child])
    node.replace_self(out)


class StaticQuizzes(SphinxPostTransform):
    """Replaces quizzes with printed questions; EPUB gets the chapter's answers at its end."""

    default_priority = 5  # before references are resolved: the answers link back to the speech

    def run(self, **kwargs: object) -> None:
        if builder_name(self.env) in INTERACTIVE_BUILDERS:
            return
        project = state_of(self.config).project
        trainer = has_tag(self.env, "trainer")
        latex = builder_format(self.env) == "latex"
        name = builder_name(self.env)
        inline = trainer or (not latex and name != "epub")
        defer = None if trainer else "latex" if latex else "epub" if name == "epub" else None
        deferred: list[tuple[str, nodes.Element]] = []
        for node in list(self.document.findall(lambda n: _is_component(n, "dropdown"))):
            facilitator = is_facilitator_note(node)
            note = _print_dropdown(node)
            if facilitator and defer:
                docname = (self.env.path2doc(note.source) if note.source else None) or self.env.docname
                note.replace_self(nodes.paragraph("", POINTER[defer], classes=["print-deferred-pointer"]))
                deferred.append((docname, note))
        # FillAnswers (the PDF's appendix) picks the notes up from here: the LaTeX builder resolves the whole book
        # as one document, so both transforms see the same tree.
        self.document.quizgen_deferred_notes = deferred  # type: ignore[attr-defined]
        for node in list(self.document.findall(lambda n: _is_component(n, "tab-set"))):
            _print_tabs(node)
        chapter: list[tuple[str, list[Question]]] = []
        for node in list(self.document.findall(quiz_node)):
            # A quiz that draws per attempt (模拟考试) prints one draw.
            questions = all_printed(project.questions_by_id(node.get("printed") or node["qids"]))
            node.replace_self(static_quiz(node, questions, inline, latex, project.speech))
            chapter.append((node["title"] or "自测", questions))
        if chapter and name == "epub" and not trainer:
            self.document += answers_section("本章自测参考答案与解析", chapter, project.speech)
        if deferred and defer == "epub":
            self.document += notes_section(f"本章{NOTES_TITLE}", [note for _, note in deferred])
