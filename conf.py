"""Sphinx configuration for the course site. The site's pages live in docs/; banks and the speech in quizzes/."""

from __future__ import annotations

import os
import time
from pathlib import Path

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
    "quizgen.site",
]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline", "attrs_block", "substitution"]
myst_heading_anchors = 3

root_doc = "index"
exclude_patterns: list[str] = []
_here = os.path.dirname(os.path.abspath(__file__))
# The site's templates, styles and theme words (docs/_templates, docs/_static, docs/locales); paths from this file,
# so that a course built from another source folder (quizgen course build) has them too.
templates_path = ["docs/_templates"]
# The theme words are compiled into the build folder by quizgen.sphinx: Sphinx's own locale_dirs would write the
# compiled catalog into docs/locales, and no build may write into the sources.
locale_dirs: list[str] = []
quizgen_locale_dirs = [os.path.join(_here, "docs", "locales")]

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
html_show_copyright = False  # the theme prints it in English; the footer below says it in Chinese
html_copy_source = False
html_search_language = "zh"
# The course's own terms keep their words whole in the index (廉政谈话, 职工驿站…). Naming this small dictionary
# also spares Sphinx re-loading jieba's 350,000-word default dictionary as a user dictionary on every build.
html_search_options = {"dict": os.path.join(_here, "docs", "search-terms.txt")}
# Search-result snippets are fetched per page, which Chromium blocks from file://; the titles still show.
html_show_search_summary = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "search_bar_text": "搜索课程内容",
    "toc_title": "本页目录",
    "extra_footer": f"<p>© {copyright}。本课程依据讲话原文编写，供工会干部职工学习使用。</p>",
}
# The site's own style and script (docs/_static) are small and go inside each page (docs/_templates/layout.html):
# two requests fewer for every page a learner opens.
# The learner's ☰ navigation: these pages only, and one 培训师 entry (quizgen_trainer_entry) for the rest.
quizgen_learner_pages = ["index", "guide/*", "modules/*", "practice/*", "reference/speech", "reference/glossary",
                         "search", "genindex"]  # fmt: skip
html_context = {
    "default_mode": "auto",  # follows the phone's or PC's light or dark setting until the learner picks one
    "site_css": Path(_here, "docs", "_static", "site.css").read_text(encoding="utf-8"),
    "site_js": Path(_here, "docs", "_static", "site.js").read_text(encoding="utf-8"),
}

# ---------------------------------------------------------------------------------------------------------------
# Printed editions. `make pdf` builds the learner handbook, `make pdf-trainer` (`-t trainer`) the trainer
# edition with the answers and the facilitation notes inline; `make epub` the EPUB 3. The book's outline is
# docs/appendix/book.md (an orphan page: 学习指南 / 课程模块 / 练习与测验 / 参考资料 as parts, every module and page a
# chapter); the 参考答案与解析 appendix is docs/appendix/answers.md.
import sphinx.util.texescape as _texescape  # noqa: E402

_trainer = tags.has("trainer")  # type: ignore[name-defined]  # noqa: F821  (Sphinx puts `tags` in conf.py's namespace)
_edition = "培训师用书" if _trainer else "学员手册"


def _tex(text: str) -> str:
    return _texescape.escape(text, "xelatex")


latex_engine = "xelatex"
latex_docclass = {"manual": "ctexrep"}  # ctex: 第一部分, 目录, 图, 附录A; sphinxmanual loads it as its base class
latex_documents = [
    ("appendix/book", f"handbook-{'trainer' if _trainer else 'learner'}.tex", project, author, "manual", False),
]
latex_appendices = ["appendix/answers"] if not _trainer else []
latex_toplevel_sectioning = "chapter"
latex_domain_indices = False
latex_use_xindy = False
latex_show_urls = "no"
latex_show_pagerefs = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # ctexrep: UTF-8, Chinese captions and numbering; the fonts are chosen below (all OpenType, embedded as subsets).
    "extraclassoptions": "openany,oneside,UTF8,fontset=none,zihao=false,linespread=1.45",
    "babel": "",
    "polyglossia": "",
    "fontenc": "",
    "fncychap": "",
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold,
  BoldItalicFont=*BoldOblique]
% Noto CJK (Debian fonts-noto-cjk) by file: face 2 of each collection is SC, face 7 Mono SC (the family names
% alone pick face 0, the Japanese glyph forms).
\defaultCJKfontfeatures{Path=/usr/share/fonts/opentype/noto/}
\setCJKmainfont{NotoSerifCJK-Regular.ttc}[FontIndex=2, BoldFont=NotoSerifCJK-Bold.ttc, BoldFeatures={FontIndex=2}]
\setCJKsansfont{NotoSansCJK-Regular.ttc}[FontIndex=2, BoldFont=NotoSansCJK-Bold.ttc, BoldFeatures={FontIndex=2}]
\setCJKmonofont{NotoSansCJK-Regular.ttc}[FontIndex=7]
""",
    "preamble": r"""
% Printed quizzes (quizgen's containers; sphinx-design dropdowns arrive as admonitions).
\newenvironment{sphinxclassquiz-static}{\par\medskip\begin{sphinxShadowBox}}{\end{sphinxShadowBox}\par\medskip}
\newenvironment{sphinxclassquiz-answers}{\par\medskip}{\par}
\newenvironment{sphinxclassquiz-static-answer}{\par\small\color{black!70}}{\par}
% The speech page: editor's notes set off from the verbatim text.
\newenvironment{sphinxclassspeech-note}{\begin{quote}\small\color{black!70}}{\end{quote}}
\ctexset{
  part/name = {第,部分}, part/format = \centering\sffamily\bfseries\Huge,
  chapter/format = \raggedright\sffamily\bfseries\huge, chapter/beforeskip = 0pt, chapter/afterskip = 24pt,
  section/format = \raggedright\sffamily\bfseries\Large,
  subsection/format = \raggedright\sffamily\bfseries\large,
  subsubsection/format = \raggedright\sffamily\bfseries\normalsize,
  appendix/name = {附录}, appendix/number = \Alph{chapter},
}
% Pages, modules and lessons carry their own Chinese numbering (模块一, 第一课, 一、…): the book numbers its parts
% (第一部分…) and its appendix (附录A), and shows every other heading as written.
\setcounter{secnumdepth}{-1}
\AtBeginDocument{\setcounter{secnumdepth}{-1}\setcounter{tocdepth}{1}}
\makeatletter\g@addto@macro\appendix{\setcounter{secnumdepth}{0}}
% Running head: the book's title alone (no "release" line).
\AtBeginDocument{\renewcommand{\py@release}{}\renewcommand{\sphinxheadercomma}{}}\makeatother
\renewcommand{\thefigure}{\arabic{figure}}\renewcommand{\thetable}{\arabic{table}}
""",
    "maketitle": "\n".join(
        [
            r"\begin{titlepage}\centering\vspace*{0.2\textheight}",
            r"{\sffamily\bfseries\fontsize{26pt}{38pt}\selectfont " + _tex(project) + r"\par}",
            r"\vspace{2em}{\sffamily\LARGE " + _tex(_edition) + r"\par}",
            r"\vfill{\large " + _tex(author) + r"\par}\vspace{1em}",
            r"{\large " + _tex(f"第 {version} 版　{copyright.split('，')[0]} 年") + r"\par}\vspace*{0.06\textheight}",
            r"\end{titlepage}",
        ]
    ),
    "makeindex": "",
    "printindex": "",
    "releasename": "",
    "sphinxsetup": "TitleColor={rgb}{0.55,0.05,0.05}, InnerLinkColor={rgb}{0.1,0.1,0.45}",
}

# EPUB 3: quizzes printed, each chapter's answers at its end (learner) or inline (`-t trainer`).
epub_basename = "course-trainer" if _trainer else "course"
epub_title = f"{project}（{_edition}）" if _trainer else project
epub_author = author
epub_publisher = author
epub_language = "zh-CN"
# The NCX repeats the identifier as epub_uid, and epubcheck wants the two equal: one XML name serves as both.
epub_identifier = epub_uid = "gonghui-lianzheng-course-" + ("trainer" if _trainer else "learner")
epub_scheme = "course"
epub_copyright = copyright
epub_description = "依据市总工会 2020 年度党风廉政建设和反腐败工作会议讲话编写的培训课程"
epub_contributor = author
epub_show_urls = "no"
epub_tocdepth = 3  # 课程模块 > 模块 > 课
epub_tocscope = "includehidden"  # the home page lists its chapters through hidden toctrees
epub_use_index = False
epub_exclude_files = ["search.html", "genindex.html", "appendix/book.xhtml", "appendix/answers.xhtml"]


def _epub_svg_without_doctype(app):  # type: ignore[no-untyped-def]
    """EPUB 3 forbids the SVG 1.1 DOCTYPE that dot writes; drop it before the EPUB builder zips the book."""
    if app.builder.name == "epub":
        import re
        from pathlib import Path

        for svg in sorted((Path(app.outdir) / "_images").glob("*.svg")):
            text = svg.read_text(encoding="utf-8")
            fixed = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, count=1)
            if fixed != text:
                svg.write_text(fixed, encoding="utf-8")
    return []


def _epub_chinese_guide_titles(app):  # type: ignore[no-untyped-def]
    """The EPUB builder titles its navigation document in English whatever the language; say 目录."""
    if app.builder.name == "epub":
        app.builder.guide_titles = {**app.builder.guide_titles, "toc": "目录", "cover": "封面"}


def setup(app):  # type: ignore[no-untyped-def]
    from docutils.parsers.rst import directives
    from sphinx.directives.other import TocTree

    from quizgen.sphinx.state import builder_format

    class PrintTocTree(TocTree):
        """``{print-toctree}``: a toctree only the LaTeX builder reads (docs/appendix/book.md, the book's outline),
        so the web site's navigation and breadcrumbs never see a second parent for its pages. ``:edition: trainer``
        keeps its pages out of the learner's handbook (the 维护者 pages: trainers may write banks, learners never)."""

        option_spec = {**TocTree.option_spec, "edition": lambda arg: directives.choice(arg, ("learner", "trainer"))}

        def run(self):  # type: ignore[no-untyped-def]
            edition = self.options.pop("edition", None)
            if builder_format(self.env) != "latex" or edition not in (None, "trainer" if _trainer else "learner"):
                return []
            return super().run()

    app.add_directive("print-toctree", PrintTocTree)
    app.connect("builder-inited", _epub_chinese_guide_titles)
    app.connect("html-collect-pages", _epub_svg_without_doctype)
