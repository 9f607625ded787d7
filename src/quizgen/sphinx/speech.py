"""The 讲话原文 page, excerpts and links to anchors — all rendered from quizzes/speech.txt."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..notes import ANONYMIZED_NOTE, Note
from ..source import Passage, Speech
from .state import state_of

LABEL_PREFIX = "speech:"


def speech_of(env: Any) -> Speech:
    return state_of(env.config).speech


def notes_of(env: Any) -> list[Note]:
    return state_of(env.config).notes


def anchor_link(anchor: str, text: str) -> pending_xref:
    """A cross-reference to an anchor on the speech page that every builder resolves (std labels)."""
    ref = pending_xref(
        "", refdomain="std", reftype="ref", reftarget=LABEL_PREFIX + anchor, refexplicit=True, refwarn=True
    )
    ref += nodes.inline(text, text, classes=["speech-ref"])
    return ref


def _text_with_items(speech: Speech, owner: Passage) -> list[nodes.Node]:
    """The owner's verbatim text, with each item wrapped in an inline that carries its anchor as id."""
    children = [c for c in speech.children(owner.anchor) if c.kind in ("item", "subitem")]
    out: list[nodes.Node] = []
    cursor = owner.start
    for child in children:
        if child.start > cursor:
            before = speech.lines[owner.line - 1][cursor : child.start]
            out.append(nodes.Text(before))
        span = nodes.inline("", "", ids=[child.anchor], classes=["speech-item"])
        span.extend(_text_with_items(speech, child))
        out.append(span)
        cursor = child.end
    if cursor < owner.end:
        out.append(nodes.Text(speech.lines[owner.line - 1][cursor : owner.end]))
    return out


class SpeechTextDirective(SphinxDirective):
    """Renders the whole speech verbatim: one block per line, ids on every paragraph and item."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        speech = speech_of(self.env)
        notes = notes_of(self.env)
        std = self.env.get_domain("std")
        self.env.note_dependency(str(speech.path))
        result: list[nodes.Node] = []
        for passage in speech.passages.values():
            std.note_hyperlink_target(LABEL_PREFIX + passage.anchor, self.env.docname, passage.anchor, passage.anchor)
        for passage in speech.lines_passages():
            block = nodes.container(ids=[passage.anchor], classes=["speech-passage", f"speech-{passage.kind}"])
            label = nodes.paragraph(classes=["speech-anchor"])
            # The learner reads where the passage stands (第一部分第2段); its anchor stays in the link's address.
            link = nodes.reference("", "", internal=True, refid=passage.anchor, classes=["speech-anchor-link"])
            link += nodes.Text(f"¶ {speech.describe(passage.anchor)}")
            label += link
            block += label
            para = nodes.paragraph(classes=["speech-text"])
            para.extend(_text_with_items(speech, passage))
            block += para
            for note in [n for n in notes if speech.line_passage(n.anchor).anchor == passage.anchor]:
                block += _note_node(note.title, f"“{note.quote}”——{note.note}", note.anchor)
            if "X" in passage.text:
                block += _note_node("脱敏说明", ANONYMIZED_NOTE, passage.anchor)
            result.append(block)
        return result


def jump_entries(speech: Speech) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The speech's outline for a reader: (anchor, label, [(anchor, label) of its numbered sections]) for 开场白,
    each part (第二部分　突出重点…, its （一）… by their first sentence) and 结束语; all words the speech's own."""
    entries = []
    for passage in speech.lines_passages():
        if passage.kind in ("intro", "closing"):
            entries.append((passage.anchor, speech.describe(passage.anchor), []))
        elif passage.kind == "part":
            name = speech.describe(passage.anchor).removesuffix("标题")
            title = passage.text.removeprefix(f"{passage.label[0]}、") if passage.label else passage.text
            sections = [
                (c.anchor, c.text.split("。", 1)[0]) for c in speech.children(passage.anchor) if c.kind == "section"
            ]
            entries.append((passage.anchor, f"{name}　{title}", sections))
    return entries


def _jump_html(speech: Speech) -> str:
    def link(anchor: str, label: str) -> str:
        return f'<a href="#{escape(anchor)}">{escape(label)}</a>'

    rows = []
    for anchor, label, sections in jump_entries(speech):
        inner = "".join(f"<li>{link(a, text)}</li>" for a, text in sections)
        rows.append(f"<li>{link(anchor, label)}{f'<ul>{inner}</ul>' if inner else ''}</li>")
    return (
        '<details class="speech-jump"><summary>跳到讲话的某一部分</summary>'
        f'<nav aria-label="讲话各部分"><ul>{"".join(rows)}</ul></nav></details>'
    )


class SpeechJumpDirective(SphinxDirective):
    """``{speech-jump}`` — a menu that stays at the top of the 讲话原文 page (HTML only; print has its outline)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        speech = speech_of(self.env)
        self.env.note_dependency(str(speech.path))
        return [nodes.raw("", _jump_html(speech), format="html")]


def _note_node(title: str, text: str, anchor: str) -> nodes.Node:
    note = nodes.container(classes=["speech-note"])
    para = nodes.paragraph()
    para += nodes.strong(f"〔{title}〕", f"〔{title}〕")
    para += nodes.Text(text)
    note += para
    return note


class ExcerptDirective(SphinxDirective):
    """``{excerpt} ANCHOR`` — the passage verbatim, linked to its anchor on the speech page."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        speech = speech_of(self.env)
        anchor = self.arguments[0].strip()
        if anchor not in speech:
            raise self.error(f"讲话原文中没有锚点 {anchor!r}")
        passage = speech[anchor]
        self.env.note_dependency(str(speech.path))
        quote = nodes.block_quote(classes=["speech-excerpt", *self.options.get("class", [])])
        para = nodes.paragraph()
        para += nodes.Text(passage.text)
        quote += para
        source = nodes.paragraph(classes=["speech-excerpt-source"])
        source += nodes.Text("——讲话原文 ")
        source += anchor_link(anchor, speech.describe(anchor))
        quote += source
        for note in notes_of(self.env):
            if note.anchor == anchor or speech.line_passage(note.anchor).anchor == anchor:
                quote += _note_node(note.title, f"“{note.quote}”——{note.note}", anchor)
        return [quote]


class SpeechRole(SphinxRole):
    """``{speech}`ANCHOR``` or ``{speech}`text <ANCHOR>``` — a link to an anchor of the speech."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text = self.text.strip()
        if text.endswith(">") and "<" in text:
            label, anchor = text[:-1].rsplit("<", 1)
            label, anchor = label.strip(), anchor.strip()
        else:
            label, anchor = "", text
        if anchor not in speech_of(self.env):
            msg = self.inliner.reporter.warning(f"讲话原文中没有锚点 {anchor!r}", line=self.lineno)
            return [nodes.inline(self.rawtext, text)], [msg]
        return [anchor_link(anchor, label or f"原文{speech_of(self.env).describe(anchor)}")], []
