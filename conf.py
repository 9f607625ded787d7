"""Sphinx configuration for the course site. The site's pages live in docs/; banks and the speech in quizzes/."""

from __future__ import annotations

import os
import time

project = "工会党风廉政建设培训课程"
author = "课程编写组"
release = version = "1.0"
language = "zh_CN"
copyright = f"{time.gmtime(int(os.environ.get('SOURCE_DATE_EPOCH', '1577836800'))).tm_year}，{author}"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx.ext.graphviz",
    "quizgen.sphinx",
]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline", "attrs_block", "substitution"]
myst_heading_anchors = 3

root_doc = "index"
exclude_patterns: list[str] = []
templates_path: list[str] = []

# quizgen: where the speech and the banks are (relative to this file) and which page shows the speech.
quizgen_speech = "quizzes/speech.txt"
quizgen_banks = "quizzes"
quizgen_speech_page = "reference/speech"
quizgen_course = "main"

# Diagrams are drawn at build time: SVG in HTML (selectable Chinese text), PDF (vector) in LaTeX.
graphviz_output_format = "svg"
graphviz_dot_args = ["-Gfontname=Noto Sans CJK SC", "-Nfontname=Noto Sans CJK SC", "-Efontname=Noto Sans CJK SC"]

# HTML: sphinx-book-theme, nothing loaded from the network.
html_theme = "sphinx_book_theme"
html_title = project
html_static_path: list[str] = []
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_search_language = "zh"
# Search-result snippets are fetched per page, which Chromium blocks from file://; the titles still show.
html_show_search_summary = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_context = {"default_mode": "light"}
