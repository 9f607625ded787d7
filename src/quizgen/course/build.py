"""``quizgen course build``: a course's site, handbooks, offline bundle and exam paper, in one folder.

Everything is built in a temporary folder beside the target (``.<name>.XXXX``) and moved into place only when
every part is complete: a failed or interrupted build leaves the previous output, or nothing, never a
half-built folder. The target is replaced as a whole, so it must be a folder quizgen made (it holds
``quizgen.output.MARKER``), an empty one or a new one, and never the project or a folder holding an input.
Each tool (Sphinx, make/latexmk/xelatex) runs in its own process group; when the build stops, for an error
or a signal, every group still running is terminated, so no child outlives the build.

The site and the handbooks are built by Sphinx with the project's own ``conf.py`` (sphinx_run.py), from a tree
of links to the chosen pages (tree.py). The paper is drawn and written by ``quizgen.paper``; its PDF comes from
the paper's Markdown through Sphinx's LaTeX builder and xelatex, with the handbook's fonts.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import runpy
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bundle import site_members, write_zip
from ..layout import QUIZZES
from ..model import Question
from ..output import MARKER, MARKER_TEXT, guard_folder, project_inputs, signals_held
from .catalog import Catalog, format_minutes
from .manifest import Manifest, course_pool
from .tree import markdown_text, write_tree

PARTS = ("site", "pdf", "bundle", "paper")
EDITIONS = {"learner": "学员手册", "trainer": "培训师用书"}


class BuildError(Exception):
    """A step of the build failed; the message says which, with its output."""


@dataclass
class Result:
    outdir: Path
    files: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


class _Children:
    """The tools running for a build, each the leader of its own process group, so that a whole tree of
    processes (make → latexmk → xelatex, Sphinx and its workers) can be stopped at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: set[subprocess.Popen] = set()
        self.stopping = False

    def start(self, command: list[str], what: str, **kwargs: Any) -> subprocess.Popen:
        with self.lock:
            if self.stopping:
                raise BuildError(f"{what}已取消")
            process = subprocess.Popen(command, start_new_session=True, **kwargs)
            self.running.add(process)
        return process

    def done(self, process: subprocess.Popen) -> None:
        with self.lock:
            self.running.discard(process)

    def stop(self, grace: float = 5.0) -> None:
        """Terminate every process group still running (SIGTERM, then SIGKILL after ``grace`` seconds)."""
        with self.lock:
            self.stopping = True
            alive = list(self.running)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for process in alive:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, sig)
            deadline = time.monotonic() + grace
            while alive and time.monotonic() < deadline:
                alive = [p for p in alive if _group_alive(p)]
                time.sleep(0.05)
            if not alive:
                return

    def reset(self) -> None:
        with self.lock:
            self.stopping = False


def _group_alive(leader: subprocess.Popen) -> bool:
    """Whether any process of the leader's group still exists (the leader is reaped first if it has exited)."""
    leader.poll()
    try:
        os.killpg(leader.pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


CHILDREN = _Children()


def _run(command: list[str], what: str, cwd: Path | None = None) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.setdefault("SOURCE_DATE_EPOCH", "1577836800")
    process = CHILDREN.start(command, what, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env)
    try:
        stdout, stderr = process.communicate()
    except BaseException:  # a signal while waiting: the tool's whole process group goes too
        CHILDREN.stop()
        raise
    finally:
        CHILDREN.done(process)
    if process.returncode != 0:
        output = (stderr.strip() + "\n" + stdout.strip()).strip()
        raise BuildError(f"{what}失败：\n{output[-6000:]}")


def _sphinx(job: dict[str, Any], work: Path, what: str) -> None:
    path = work / f"job-{job['name']}.json"
    path.write_text(json.dumps(job, ensure_ascii=False, indent=1), encoding="utf-8")
    _run([sys.executable, "-m", "quizgen.course.sphinx_run", str(path)], what)


def _latexmk(folder: Path, what: str) -> None:
    _run(
        [
            "make",
            "-C",
            str(folder),
            "all-pdf",
            "LATEXMKOPTS=-silent -halt-on-error",
            "LATEXOPTS=-interaction=nonstopmode",
        ],
        what,
    )


def _conf(root: Path, trainer: bool) -> dict[str, Any]:
    """The project's configuration as conf.py computes it (with or without the ``trainer`` tag)."""
    from sphinx.util.tags import Tags

    return runpy.run_path(str(root / "conf.py"), init_globals={"tags": Tags(["trainer"] if trainer else [])})


def _heading(markdown: Path) -> str:
    """The text of a Markdown file's first line, ``# Title``, with its backslash escapes undone."""
    heading = markdown.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("# ")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", heading)


def _tex(text: str) -> str:
    import sphinx.util.texescape as texescape

    texescape.init()
    return texescape.escape(text, "xelatex")


class CourseBuild:
    def __init__(self, manifest: Manifest, catalog: Catalog, root: Path, questions: list[Question], bank_files):
        self.manifest = manifest
        self.catalog = catalog
        self.root = root
        self.questions = questions
        self.bank_files = bank_files
        self.conf = _conf(root, trainer=False)
        self.timings: dict[str, float] = {}

    # -- the Sphinx jobs --------------------------------------------------------------------------------------
    def _job(self, name: str, builder: str, outdir: Path, tags: list[str], overrides: dict[str, Any]) -> dict:
        m, catalog = self.manifest, self.catalog
        chosen = set(m.lesson_ids)
        built = {*m.docnames(), "index"}
        modules = {}
        for module_id in m.modules:
            module = catalog.modules[module_id]
            lessons = [cl.lesson for cl in m.lessons if cl.lesson.module == module_id]
            partial = len(lessons) < len(module.lessons)
            minutes = sum(cl.minutes for cl in m.lessons if cl.lesson.module == module_id)
            names = "、".join(lesson.title.split("　")[0] for lesson in lessons)
            title = markdown_text(m.title)
            note = f"“{title}”选学本模块的{names}，约{format_minutes(minutes)}。" if partial else ""
            modules[module.docname] = {
                "lessons": [lesson.docname.rsplit("/", 1)[1] for lesson in lessons],
                "note": note,
            }
        return {
            "name": name,
            "builder": builder,
            "srcdir": str(self.docs),
            "confdir": str(self.root),
            "outdir": str(outdir),
            "doctreedir": str(self.work / "doctrees" / name),
            "tags": tags,
            "overrides": {
                "quizgen_course": m.id,
                "quizgen_banks": str(self.work / QUIZZES),
                **overrides,
            },
            "modules": modules,
            "omitted_labels": {
                label: title
                for label, (doc, title) in catalog.labels.items()
                if doc not in built and label not in chosen
            },
            "omitted_docs": {doc: title for doc, title in catalog.pages.items() if doc not in built},
        }

    def site(self) -> None:
        title = self.manifest.title
        job = self._job("html", "html", self.out / "site", [], {"html_title": title, "html_short_title": title})
        _sphinx(job, self.work, "课程网站构建")

    def latex(self, edition: str) -> Path:
        m = self.manifest
        conf = _conf(self.root, trainer=edition == "trainer")
        elements = dict(conf.get("latex_elements", {}))
        if "maketitle" in elements:
            elements["maketitle"] = elements["maketitle"].replace(_tex(conf["project"]), _tex(m.title))
        author = conf.get("author", "")
        folder = self.work / f"latex-{edition}"
        overrides = {
            # latex_documents titles are LaTeX markup, so the manifest's text is escaped.
            "latex_documents": [["appendix/book", f"{m.id}-{edition}.tex", _tex(m.title), author, "manual", False]],
            "latex_elements": elements,
        }
        job = self._job(f"latex-{edition}", "latex", folder, ["trainer"] if edition == "trainer" else [], overrides)
        _sphinx(job, self.work, f"{EDITIONS[edition]} LaTeX 构建")
        return folder

    # -- the paper --------------------------------------------------------------------------------------------
    def paper(self) -> list[Path]:
        """Word, Markdown and JSON from quizgen.paper into ``paper/``; returns the Markdown files (paper_latex's input)."""
        from ..paper import outputs
        from ..paper.draw import draw
        from ..source import Speech, find_speech

        spec = self.manifest.paper
        assert spec is not None
        papers = draw(spec, course_pool(self.manifest, self.questions))
        folder = self.out / "paper"
        folder.mkdir(parents=True)
        files: dict[str, Callable[[], bytes]] = {}
        for paper in papers:
            files.update(outputs(paper, ("md", "docx", "json"), Speech.from_file(find_speech(self.root))))
        for name, produce in files.items():
            (folder / name).write_bytes(produce())
        self.papers = papers
        return sorted(folder.glob("*.md"))

    def paper_latex(self, markdown: list[Path]) -> Path:
        src = self.work / "paper-src"
        src.mkdir()
        for path in markdown:
            (src / path.name).write_text(
                "---\norphan: true\n---\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
            )
        author = self.conf.get("author", "")
        documents = [(p.stem, f"{p.stem}.tex", _tex(_heading(p)), author, "howto", False) for p in markdown]
        base = self.conf.get("latex_elements", {})
        settings = {
            "project": self.manifest.title,
            "author": author,
            "language": "zh_CN",
            "extensions": ["myst_parser"],
            "root_doc": markdown[0].stem,
            "latex_engine": "xelatex",
            "latex_docclass": {"howto": "ctexart"},
            "latex_documents": documents,
            "latex_domain_indices": False,
            "latex_use_xindy": False,
            "latex_elements": {
                "papersize": "a4paper",
                "pointsize": "11pt",
                "extraclassoptions": "UTF8,fontset=none,zihao=false,linespread=1.35",
                "babel": "",
                "polyglossia": "",
                "fontenc": "",
                "fncychap": "",
                "fontpkg": base.get("fontpkg", ""),
                "preamble": "\\AtBeginDocument{\\setcounter{secnumdepth}{-1}}\n\\pagestyle{plain}",
                "maketitle": "\\makeatletter\\begin{center}{\\sffamily\\bfseries\\LARGE\\@title\\par}\\end{center}"
                "\\makeatother\\thispagestyle{plain}",
                "tableofcontents": "",
                "makeindex": "",
                "printindex": "",
                "releasename": "",
            },
        }
        lines = [
            "# Generated by quizgen course build: the exam paper's PDF settings (fonts from the project's conf.py)."
        ]
        lines += [f"{key} = {value!r}" for key, value in settings.items()]
        (src / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
        folder = self.work / "latex-paper"
        _run(
            [sys.executable, "-m", "sphinx", "-b", "latex", "-W", "-q", "-c", str(src), str(src), str(folder)],
            "试卷 LaTeX 构建",
        )
        for tex in folder.glob("*.tex"):  # the answer brackets of a question never split across lines
            text = tex.read_text(encoding="utf-8")
            tex.write_text(text.replace("（　　）", r"\mbox{（　　）}"), encoding="utf-8")
        return folder

    # -- the bundle -------------------------------------------------------------------------------------------
    def bundle(self) -> None:
        m = self.manifest
        members = site_members(self.out / "site")
        for edition in EDITIONS:
            pdf = self.out / f"{m.id}-{edition}.pdf"
            if pdf.exists():
                members[pdf.name] = pdf
        members["离线使用说明.txt"] = readme(m, sorted(n for n in members if n.endswith(".pdf"))).encode("utf-8")
        write_zip(self.out / f"{m.id}-offline.zip", m.id, members)

    # -- all of it --------------------------------------------------------------------------------------------
    def _timed(self, name: str, step: Callable[[], Any]) -> Any:
        start = time.monotonic()
        try:
            return step()
        finally:
            self.timings[name] = self.timings.get(name, 0) + time.monotonic() - start

    def check_output(self, outdir: Path) -> None:
        """Raise OutputRefused unless ``outdir`` may be replaced as a whole by this build."""
        inputs = project_inputs(self.root, self.manifest.path, *self.bank_files.values())
        guard_folder(outdir, self.root, inputs, ours=lambda folder: _built_before(folder, self.manifest.id))

    def run(self, outdir: Path, parts: tuple[str, ...] = PARTS, log: Callable[[str], None] = print) -> Result:
        if "bundle" in parts:
            parts = tuple(dict.fromkeys([*parts, "site", "pdf"]))
        self.check_output(outdir)
        outdir = outdir.resolve()
        outdir.parent.mkdir(parents=True, exist_ok=True)
        CHILDREN.reset()
        self.work = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
        self.out = self.work / "out"
        self.out.mkdir()
        try:
            files = self._build_all(parts, log)
            self._swap(outdir)
        except BaseException:
            CHILDREN.stop()
            raise
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
        return Result(outdir, [f for f in files if not f.startswith("site/")], self.timings)

    def _build_all(self, parts: tuple[str, ...], log: Callable[[str], None]) -> list[str]:
        """Every part into ``self.out``; returns the files made."""
        m = self.manifest
        self.docs = write_tree(self.work, m, self.catalog, self.root, self.conf.get("project", ""), self.bank_files)
        latex: list[tuple[Path, str, str]] = []  # folder, what, and the PDFs wanted from it
        if "paper" in parts:
            log("试卷：抽题，写出 Word、Markdown、JSON")
            markdown = self._timed("paper", self.paper)
            folder = self._timed("paper", lambda: self.paper_latex(markdown))
            latex.append((folder, "试卷 PDF 排版", ""))
        if "site" in parts:
            log("课程网站：HTML 构建")
            self._timed("site", self.site)
        if "pdf" in parts:
            for edition in EDITIONS:
                log(f"{EDITIONS[edition]}：LaTeX 构建")
                folder = self._timed("pdf", lambda e=edition: self.latex(e))
                latex.append((folder, f"{EDITIONS[edition]} PDF 排版", edition))
        if latex:
            log("PDF：xelatex 排版（" + "、".join(what.removesuffix(" PDF 排版") for _, what, _ in latex) + "）")
            with ThreadPoolExecutor(max_workers=max(1, min(len(latex), os.cpu_count() or 1))) as pool:
                start = time.monotonic()
                try:
                    for future in [pool.submit(_latexmk, folder, what) for folder, what, _ in latex]:
                        future.result()
                except BaseException:  # stop the other typesetting runs before the pool waits for them
                    CHILDREN.stop()
                    raise
                self.timings["xelatex"] = time.monotonic() - start
            for folder, _, edition in latex:
                if edition:
                    shutil.copy2(folder / f"{m.id}-{edition}.pdf", self.out / f"{m.id}-{edition}.pdf")
                else:
                    for pdf in sorted(folder.glob("*.pdf")):
                        if not pdf.name.startswith("graphviz-"):
                            shutil.copy2(pdf, self.out / "paper" / pdf.name)
        if "bundle" in parts:
            log("离线包：打包")
            self._timed("bundle", self.bundle)
        (self.out / "course.json").write_text(self.summary_json(parts), encoding="utf-8")
        files = sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file())
        (self.out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        return files

    def _swap(self, outdir: Path) -> None:
        """Put the new output in place of the old one; the two renames are never cut apart by a signal."""
        with signals_held():
            if outdir.exists():
                os.chmod(self.out, stat.S_IMODE(outdir.stat().st_mode))  # the folder keeps its mode
                outdir.rename(self.work / "previous")
            try:
                self.out.rename(outdir)
            except OSError:
                if (self.work / "previous").exists():
                    (self.work / "previous").rename(outdir)
                raise

    def summary_json(self, parts: tuple[str, ...]) -> str:
        m = self.manifest
        doc: dict[str, Any] = {
            "id": m.id,
            "title": m.title,
            "audience": m.audience,
            "date": m.date,
            "place": m.place,
            "duration_minutes": m.duration,
            "lessons": [{"id": cl.lesson.id, "title": cl.lesson.title, "minutes": cl.minutes} for cl in m.lessons],
            "pages": m.pages,
            "parts": [p for p in PARTS if p in parts],
        }
        if getattr(self, "papers", None):
            doc["papers"] = [
                {"variant": p.variant, "questions": len(p.questions), "points": p.total_points} for p in self.papers
            ]
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _built_before(folder: Path, course_id: str) -> bool:
    """A folder an earlier quizgen built for this course (before it left ``MARKER``): its course.json names it."""
    try:
        return json.loads((folder / "course.json").read_text(encoding="utf-8")).get("id") == course_id
    except (OSError, ValueError, AttributeError):
        return False


def readme(m: Manifest, pdfs: list[str]) -> str:
    lines = [f"{m.title}：离线使用说明", "", f"培训对象：{m.audience}"]
    if m.date or m.place:
        lines.append("时间地点：" + "　".join(x for x in (m.date, m.place) if x))
    lines += [
        f"时长：{m.duration_text}",
        "",
        "这个文件夹里是本次培训的全部学习材料，不需要联网，也不需要安装任何软件。",
        "",
    ]
    lines += ["site/index.html　课程网站：双击用浏览器打开，可以按课学习、做自测、搜索，查看学习记录和错题本。"]
    for name in pdfs:
        edition = (
            "培训师用书（含答案和研讨要点，请勿发给学员）"
            if "trainer" in name
            else "学员手册（可打印，末尾附自测答案）"
        )
        lines.append(f"{name}　{edition}")
    lines += [
        "",
        "使用方法：先把压缩包完整解压到任意文件夹，再双击 site 文件夹里的 index.html。",
        "学习记录和错题本保存在这台电脑的这个浏览器里，换电脑前请在“学习记录”页导出。",
        "本次培训的课程：",
        *(f"　{cl.lesson.title}" for cl in m.lessons),
        "",
    ]
    return "\r\n".join(lines)
