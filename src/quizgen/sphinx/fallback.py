"""Builders without quizgen's own visitors (man pages, Texinfo, XML…): the extension's nodes as plain docutils.

HTML, LaTeX and text have visitors of their own (registered in ``setup``); quizzes are printed for every builder
without the runtime by StaticQuizzes, and the 参考答案 placeholder is filled by FillAnswers. What is left, the
学习记录 and 错题本 placeholders, becomes the sentence the text builder prints, so any builder can write the site.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .progress import _what, mistakes_node, progress_node
from .state import builder_format

VISITED_FORMATS = frozenset({"html", "latex", "text"})


class PlainNodes(SphinxPostTransform):
    default_priority = 7  # after StaticQuizzes (5) and FillAnswers (6)

    def run(self, **kwargs: object) -> None:
        if builder_format(self.env) in VISITED_FORMATS:
            return
        for node in list(self.document.findall(lambda n: isinstance(n, (progress_node, mistakes_node)))):
            node.replace_self(nodes.paragraph("", _what(node)))
