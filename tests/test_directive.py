"""The ``quiz``, ``quiz-progress`` and ``quiz-mistakes`` directives in small projects built with sphinx.testing.

Snapshots (pytest-regressions) pin the HTML and LaTeX each builder renders for the hostile bank in
tests/data/xss-bank, so any change in escaping shows up in review.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "tests" / "data" / "xss-bank" / "banks"
CONF = """
extensions = ["myst_parser", "quizgen.sphinx"]
myst_enable_extensions = ["colon_fence"]
project = "quiz"
language = "zh_CN"
html_theme = "basic"
exclude_patterns = ["quizzes", "_build"]
quizgen_speech_page = "speech"
html_search_language = "en"  # Chinese search (jieba) is exercised by the real site's build
latex_engine = "xelatex"
"""
QUIZ = """# 自测

正文。

:::{quiz} 第一组
:ids: xss-001 xss-002 xss-003 xss-004 xss-005
:::
"""


def make_project(root: Path, pages: dict[str, str]) -> Path:
    (root / "quizzes").mkdir(parents=True)
    shutil.copy(ROOT / "quizzes" / "speech.txt", root / "quizzes" / "speech.txt")
    shutil.copytree(BANK, root / "quizzes" / "banks")
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    pages = {"speech.md": "# 讲话原文\n\n:::{speech-text}\n:::\n", **pages}
    toc = "\n".join(name.removesuffix(".md") for name in pages)
    (root / "index.md").write_text(f"# 首页\n\n```{{toctree}}\n{toc}\n```\n", encoding="utf-8")
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def build(make_app, tmp_path):
    def run(builder: str, pages: dict[str, str]):
        app = make_app(builder, srcdir=make_project(tmp_path / "src", pages))
        app.build()
        return app

    return run


def warnings_of(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def test_html_fragment(build, file_regression):
    app = build("html", {"quiz.md": QUIZ})
    assert warnings_of(app) == ""
    soup = BeautifulSoup((app.outdir / "quiz.html").read_text(encoding="utf-8"), "html.parser")
    sections = soup.select("section.qz")
    assert len(sections) == 1
    assert [li["data-qid"] for li in sections[0].select("li.qz-q")] == [f"xss-00{n}" for n in range(1, 6)]
    raw = (app.outdir / "quiz.html").read_text(encoding="utf-8")
    start = raw.index('<section class="qz"')
    fragment = raw[start : raw.index("</section>", start) + len("</section>")].replace("><", ">\n<") + "\n"
    file_regression.check(fragment, extension=".html", encoding="utf-8")
    assert "_static/quizgen.js" in raw and "_static/quizgen.css" in raw
    assert (app.outdir / "_static" / "quizgen.js").is_file()


def test_latex_fragment(build, file_regression):
    app = build("latex", {"quiz.md": QUIZ})
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    start = tex.index("第一组")
    end = min(tex.find(mark, start) % len(tex) for mark in ("\\renewcommand{\\indexname}", "\\end{document}"))
    fragment = tex[tex.rindex("\n", 0, start) + 1 : end].strip() + "\n"
    for raw in ("\\input{/etc/passwd}", "\\end{document}\n\\end", "\\textbf{x}"):
        assert raw not in fragment
    file_regression.check(fragment, extension=".tex", encoding="utf-8")
    assert not list(app.outdir.glob("**/quizgen.js"))  # the runtime ships with HTML builders only


def test_unknown_ids_and_empty_selections_warn_with_page_and_line(build):
    page = """# 坏的自测

:::{quiz}
:ids: xss-001 nope-404
:::

一段文字。

:::{quiz}
:bank: no-such-bank
:::
"""
    app = build("html", {"bad.md": page})
    warnings = warnings_of(app)
    assert re.search(r"bad\.md:3: WARNING: quiz: 没有编号为 nope-404 的题目", warnings), warnings
    assert re.search(r"bad\.md:9: WARNING: quiz: 没有选中任何题目", warnings), warnings
    html = (app.outdir / "bad.html").read_text(encoding="utf-8")
    assert html.count('class="qz"') == 1  # the known id still makes a quiz


def test_progress_and_mistakes_pages(build):
    pages = {
        "quiz.md": QUIZ,
        "progress.md": "# 学习记录\n\n:::{quiz-progress}\n:::\n",
        "mistakes.md": "# 错题本\n\n:::{quiz-mistakes}\n:::\n",
    }
    app = build("html", pages)
    assert warnings_of(app) == ""
    progress = BeautifulSoup((app.outdir / "progress.html").read_text(encoding="utf-8"), "html.parser")
    rows = progress.select("tr[data-quiz]")
    assert [r["data-quiz"] for r in rows] == ["main/quiz#1"]
    assert rows[0].select_one("a")["href"] == "quiz.html#quiz-1"
    assert 'id="quiz-1"' in (app.outdir / "quiz.html").read_text(encoding="utf-8")  # the link's target
    assert progress.select(".qz-export, .qz-import, .qz-clear")
    book = BeautifulSoup((app.outdir / "mistakes.html").read_text(encoding="utf-8"), "html.parser")
    index = json.loads(book.select_one(".qz-book")["data-index"])  # the questions come from data files
    assert [qid for ids in index["q"] for qid in ids] == ["xss-001", "xss-002", "xss-003", "xss-004"]
    assert not book.select(".qz-book li.qz-q")
    data = "".join(p.read_text(encoding="utf-8") for p in (app.outdir / "_static" / "qz-data").glob("*.js"))
    assert all(qid in data for qid in ("xss-001", "xss-004")) and "xss-005" not in data  # 005 is 简答题
    # 学习记录's code is a page script: on its page only, after the shared runtime, both deferred.
    scripts = {name: [s["src"].split("?")[0] for s in BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"),
                                                      "html.parser").select("script[defer][src*=quizgen]")]
               for name in ("progress", "mistakes", "quiz")}  # fmt: skip
    assert scripts["progress"] == ["_static/quizgen.js", "_static/quizgen-progress.js", "_static/quizgen-results.js"]
    mine = progress.select_one(".qz-mine")  # 我的成绩: the course, its version, the tests whose answers it sends
    assert (mine["data-course"], mine["data-version"], json.loads(mine["data-tests"])) == (
        "main",
        app.config.version,
        [],
    )
    assert scripts["mistakes"] == ["_static/quizgen.js", "_static/quizgen-book.js"]
    assert scripts["quiz"] == ["_static/quizgen.js"]
    assert (app.outdir / "_static" / "quizgen-progress.js").is_file()


def test_summary_pages_in_text_builder(build):
    pages = {"quiz.md": QUIZ, "progress.md": "# 学习记录\n\n:::{quiz-progress}\n:::\n"}
    app = build("text", pages)
    assert warnings_of(app) == ""
    assert "学习记录只在网页版中可用" in (app.outdir / "progress.txt").read_text(encoding="utf-8")


PAPER = """title: 小测
minutes: 5
total: 100
sections:
  - {type: single, count: 1, points: 50}
  - {type: fill, count: 1, points: 50}
"""
EXAM = """# 考试

:::{quiz} 限时
:bank: xss
:mode: exam
:paper: quizzes/papers/mini.yaml
:::

:::{quiz} 结业
:ids: xss-001 xss-003
:mode: test
:final:
:::
"""


@pytest.fixture
def build_exam(make_app, tmp_path):
    def run(builder: str):
        root = make_project(tmp_path / "src", {"exam.md": EXAM})
        (root / "quizzes" / "papers").mkdir()
        (root / "quizzes" / "papers" / "mini.yaml").write_text(PAPER, encoding="utf-8")
        app = make_app(builder, srcdir=root)
        app.build()
        return app

    return run


def test_paper_draws_per_attempt_and_final_is_marked(build_exam):
    app = build_exam("html")
    assert warnings_of(app) == ""
    soup = BeautifulSoup((app.outdir / "exam.html").read_text(encoding="utf-8"), "html.parser")
    exam, final = soup.select("section.qz")
    assert json.loads(exam["data-draw"]) == {"single": 1, "fill": 1}
    assert exam["data-minutes"] == "5"  # from the paper spec
    assert {li["data-type"] for li in exam.select("li.qz-q")} == {"single", "fill"}  # the pool holds what is drawn
    assert "共 2 题" in exam.select_one(".qz-meta").get_text()
    assert exam.select_one(".qz-gate .qz-start").get_text() == "开始考试"
    assert exam.select_one("dialog.qz-dialog .qz-unanswered") is not None
    assert not exam.has_attr("data-final") and final["data-final"] == "1"
    assert not exam.select(".qz-hintbtn")  # no 提示 before answering in an exam


def test_paper_prints_one_draw(build_exam):
    app = build_exam("text")
    assert warnings_of(app) == ""
    text = (app.outdir / "exam.txt").read_text(encoding="utf-8")
    assert "**限时**（共 2 题）" in text and "〔填空题〕" in text and "〔多选题〕" not in text


def test_application_questions_are_labelled(make_app, tmp_path):
    root = make_project(tmp_path / "src", {"quiz.md": QUIZ})
    bank = root / "quizzes" / "banks" / "xss.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("  - id: xss-003\n", "  - id: xss-003\n    kind: application\n")
    )
    html = make_app("html", srcdir=root)
    html.build()
    soup = BeautifulSoup((html.outdir / "quiz.html").read_text(encoding="utf-8"), "html.parser")
    assert [li["data-qid"] for li in soup.select("li.qz-q") if li.select_one(".qz-kind")] == ["xss-003"]
    assert soup.select_one('li[data-qid="xss-003"] .qz-kind').get_text() == "情境题"
    text = make_app("text", srcdir=root, builddir=tmp_path / "text")
    text.build()
    printed = (text.outdir / "quiz.txt").read_text(encoding="utf-8")
    assert printed.count("情境题") == 1 and "〔判断题·情境题〕" in printed


def test_a_paper_that_cannot_be_read_or_drawn_from_warns_with_page_and_line(make_app, tmp_path):
    page = """# 坏的考试

:::{quiz}
:bank: xss
:mode: exam
:paper: quizzes/papers/missing.yaml
:::

:::{quiz}
:bank: xss
:mode: exam
:paper: quizzes/papers/big.yaml
:::
"""
    root = make_project(tmp_path / "src", {"bad.md": page})
    (root / "quizzes" / "papers").mkdir()
    big = "title: 大卷\ntotal: 100\nsections:\n  - {type: single, count: 3, points: 20}\n  - {type: fill, count: 1, points: 40}\n"
    (root / "quizzes" / "papers" / "big.yaml").write_text(big, encoding="utf-8")
    app = make_app("html", srcdir=root)
    app.build()
    warnings = warnings_of(app)
    assert re.search(r"bad\.md:3: WARNING: quiz: 试卷配置有误：.*missing\.yaml", warnings), warnings
    assert re.search(r"bad\.md:9: WARNING: quiz: 每次要抽 3 道单选题，题库中符合条件的不够", warnings), warnings
    assert "Traceback" not in warnings


@pytest.mark.parametrize("builder", ["man", "texinfo", "xml"])
def test_every_builder_gets_the_quizzes_as_print_has_them(build, builder: str):
    """Builders with no visitors of quizgen's own (man pages, Texinfo, XML) get plain docutils in their place."""
    pages = {
        "quiz.md": QUIZ,
        "progress.md": "# 学习记录\n\n:::{quiz-progress}\n:::\n",
        "mistakes.md": "# 错题本\n\n:::{quiz-mistakes}\n:::\n",
        "answers.md": "# 参考答案\n\n:::{quiz-answers}\n:::\n",
    }
    app = build(builder, pages)
    assert warnings_of(app) == ""
    text = "".join(p.read_text(encoding="utf-8") for p in app.outdir.rglob("*") if p.is_file() and p.suffix != ".png")
    assert "学习记录只在网页版中可用" in text  # the summary pages' note, as the text builder prints it
    assert "xss-001" in text or "第一组" in text  # the quiz's printed form


def test_a_wrong_setting_stops_the_build_with_every_problem_named(make_app, tmp_path):
    from sphinx.errors import ConfigError

    srcdir = make_project(tmp_path / "src", {"quiz.md": QUIZ})
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('extensions.append("quizgen.site")\n')  # both extensions' values, named in one message
        conf.write('quizgen_course = "My Course"\nquizgen_light_pages = "yes"\nquizgen_speech_page = " "\n')
        conf.write('quizgen_learner_pages = "index"\n')
    with pytest.raises(ConfigError) as info:
        make_app("html", srcdir=srcdir)
    message = str(info.value)
    assert "quizgen_course 应是课程编号" in message and "'My Course'" in message
    assert "quizgen_light_pages 应是True 或 False" in message and "quizgen_speech_page 不能为空" in message
    assert "quizgen_learner_pages 应是列表" in message
