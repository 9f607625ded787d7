"""``quizgen course build``: a course's site, handbooks, exam paper, bundles and SCORM package, in one folder.

Everything is built in a temporary folder beside the target (``.<name>.XXXX``) and moved into place only when
every part is complete: a failed or interrupted build leaves the previous output, or nothing, never a
half-built folder. The target is replaced as a whole, so it must be a folder quizgen made (it holds
``quizgen.output.MARKER``), an empty one or a new one, and never the project or a folder holding an input.

Parts: ``site`` (Sphinx, sphinx_run.py, from the tree of tree.py), ``pdf`` (学员手册 and 培训师用书: Sphinx's LaTeX
builder, then latexmk), ``paper`` (quizgen.paper; its PDF through paper_pdf.py), ``bundle`` (bundles.py: the
learners' zip and the trainer's) and ``scorm`` (quizgen.scorm, on request). What the previous output of the
same course holds is taken over where it may be (reuse.py): a part that is not asked for is kept as it was,
an unchanged one is copied, a PDF whose LaTeX is identical is not typeset again. Tools run under
processes.py, which stops them all when the build stops.
"""

from __future__ import annotations

import json
import os
import runpy
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Question
from ..output import MARKER, MARKER_TEXT, guard_folder, project_inputs, signals_held
from ..problems import InputError, conf_problem
from . import bundles, reuse
from .catalog import Catalog
from .jobs import cover, sphinx_job
from .manifest import Manifest, course_pool
from .paper_pdf import paper_latex, tex
from .poster import qr_png, write_poster_source
from .processes import CHILDREN, BuildError, latexmk, run
from .tree import write_tree

PARTS = ("site", "pdf", "bundle", "paper")  # a full build
ALL_PARTS = (*PARTS, "scorm")
NEEDS = {"bundle": ("site", "pdf", "paper"), "scorm": ("site",)}  # parts a part is made from
EDITIONS = {"learner": "学员手册", "trainer": "培训师用书", "handout": "讲义"}
HANDOUT_SECTIONS = ["学习目标", "原文摘录", "一图看懂", "小结"]  # what a lesson keeps in the 讲义
NAMES = {"site": "课程网站", "pdf": "PDF 手册", "paper": "试卷", "bundle": "学员包和培训师包", "scorm": "SCORM 课程包"}

__all__ = ["ALL_PARTS", "PARTS", "BuildError", "CourseBuild", "Result"]


@dataclass
class Result:
    outdir: Path
    files: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # parts left as the previous build made them
    reused: list[str] = field(default_factory=list)  # parts whose inputs had not changed, copied
    notes: list[str] = field(default_factory=list)


def project_conf(root: Path, trainer: bool) -> dict[str, Any]:
    """The project's configuration as conf.py computes it (with or without the ``trainer`` tag)."""
    from sphinx.util.tags import Tags

    path = root / "conf.py"
    try:
        return runpy.run_path(str(path), init_globals={"tags": Tags(["trainer"] if trainer else [])})
    except Exception as exc:  # any error of the project's own file is reported as that file's
        raise InputError([conf_problem(path, root, exc)]) from exc


class CourseBuild:
    def __init__(self, manifest: Manifest, catalog: Catalog, root: Path, questions: list[Question], bank_files):
        self.manifest = manifest
        self.catalog = catalog
        self.root = root
        self.questions = questions
        self.bank_files: dict[str, Path] = bank_files
        self.conf = project_conf(root, trainer=False)
        self.timings: dict[str, float] = {}
        self.papers: list[Any] = []  # the drawn papers, when this build drew them
        self.pdf_keys: dict[str, str] = {}  # PDF (relative to the output) → fingerprint of its LaTeX
        self.work = Path()  # the temporary folder of a run: see prepare()
        self.out = Path()
        self.docs = Path()
        self.previous = reuse.Previous(Path(), manifest.id)

    def prepare(self, work: Path) -> None:
        """Build in ``work``: the output grows in ``work/out``, the course's source tree in ``work/docs``."""
        self.work, self.out, self.docs = work, work / "out", work / "docs"

    # -- the Sphinx jobs --------------------------------------------------------------------------------------
    def _job(
        self, name: str, builder: str, outdir: Path, tags: list[str], overrides: dict[str, Any], **extra: Any
    ) -> dict:
        m = self.manifest
        return sphinx_job(m, self.catalog, self.root, self.work, name, builder, outdir, tags, overrides, **extra)

    def _sphinx(self, job: dict[str, Any], what: str) -> None:
        path = self.work / f"job-{job['name']}.json"
        path.write_text(json.dumps(job, ensure_ascii=False, indent=1), encoding="utf-8")
        run([sys.executable, "-m", "quizgen.course.sphinx_run", str(path)], what)

    def site(self) -> None:
        title = self.manifest.title
        job = self._job("html", "html", self.out / "site", [], {"html_title": title, "html_short_title": title})
        self._sphinx(job, "课程网站构建")

    def latex(self, edition: str) -> Path:
        """The LaTeX folder of one handbook; returns its ``.tex``."""
        m = self.manifest
        conf = project_conf(self.root, trainer=edition == "trainer")
        elements = dict(conf.get("latex_elements", {}))
        if "maketitle" in elements:
            elements["maketitle"] = self._cover(elements["maketitle"], conf, edition)
        author = conf.get("author", "")
        folder = self.work / f"latex-{edition}"
        root = "appendix/handout" if edition == "handout" else "appendix/book"
        overrides: dict[str, Any] = {
            # latex_documents titles are LaTeX markup, so the manifest's text is escaped.
            "latex_documents": [[root, f"{m.id}-{edition}.tex", tex(m.title), author, "manual", False]],
            "latex_elements": elements,
        }
        extra: dict[str, Any] = {}
        if edition == "handout":
            overrides["latex_appendices"] = []
            extra["handout"] = {"lessons": [cl.lesson.docname for cl in m.lessons], "keep": HANDOUT_SECTIONS}
        tags = ["trainer"] if edition == "trainer" else []
        job = self._job(f"latex-{edition}", "latex", folder, tags, overrides, **extra)
        self._sphinx(job, f"{EDITIONS[edition]} LaTeX 构建")
        return folder / f"{m.id}-{edition}.tex"

    def _cover(self, maketitle: str, conf: dict[str, Any], edition: str) -> str:
        return cover(maketitle, conf, self.manifest, EDITIONS[edition])

    # -- the paper --------------------------------------------------------------------------------------------
    def paper(self) -> list[Path]:
        """Word, text and JSON from quizgen.paper into ``paper/``; returns the Markdown files (the PDF's source, kept
        in the work folder: the text paper is the one to read)."""
        from ..paper import outputs
        from ..paper.draw import draw
        from ..paper.markdown import key_markdown, paper_markdown
        from ..source import Speech, find_speech

        spec = self.manifest.paper
        assert spec is not None
        self.papers = draw(spec, course_pool(self.manifest, self.questions))
        folder = self.out / "paper"
        folder.mkdir(parents=True)
        files: dict[str, Callable[[], bytes]] = {}
        speech = Speech.from_file(find_speech(self.root))  # the keys name each source as readers know it
        for paper in self.papers:
            files.update(outputs(paper, ("txt", "docx", "json"), speech))
        for name, produce in files.items():
            (folder / name).write_bytes(produce())
        sources = self.work / "paper-md"
        sources.mkdir()
        for paper in self.papers:
            base = f"{paper.spec.name}-{paper.variant}"
            (sources / f"{base}.md").write_text(paper_markdown(paper), encoding="utf-8")
            (sources / f"{base}-key.md").write_text(key_markdown(paper, speech), encoding="utf-8")
        return sorted(sources.glob("*.md"))

    # -- typesetting, reusing the previous output's PDF where the LaTeX is the same ---------------------------
    def typeset(self, jobs: list[tuple[Path, str, str]]) -> None:
        """Each ``(tex, what, target)``: the PDF ``target`` (relative to the output), typeset or reused."""
        todo: list[tuple[Path, str, str]] = []
        for tex_file, what, target in jobs:
            key = reuse.tex_fingerprint(tex_file)
            self.pdf_keys[target] = key
            previous = self.previous.pdf(target, key)
            if previous is not None:
                reuse.copy(previous, self.out / target)
            else:
                todo.append((tex_file, what, target))
        if not todo:
            return
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
            try:
                futures = [(pool.submit(latexmk, tex_file, what), target) for tex_file, what, target in todo]
                for future, target in futures:
                    shutil.copy2(future.result(), self.out / target)
            except BaseException:  # stop the other typesetting runs before the pool waits for them
                CHILDREN.stop()
                raise
        self.timings["xelatex"] = self.timings.get("xelatex", 0) + time.monotonic() - start

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
        guard_folder(outdir, self.root, inputs, ours=lambda folder: reuse.built_before(folder, self.manifest.id))

    def run(self, outdir: Path, parts: tuple[str, ...] = PARTS, log: Callable[[str], None] = print) -> Result:
        self.check_output(outdir)
        outdir = outdir.resolve()
        outdir.parent.mkdir(parents=True, exist_ok=True)
        CHILDREN.reset()
        self.previous = reuse.Previous(outdir, self.manifest.id)
        self.prepare(Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent)))
        self.out.mkdir()
        result = Result(outdir)
        try:
            result.files = self._build_all(parts, result, log)
            self._swap(outdir)
        except BaseException:
            CHILDREN.stop()
            raise
        finally:
            if not reuse.remove(self.work):
                result.notes.append(f"无法删除临时文件夹 {self.work}（其中有只读文件或文件夹），请手动删除")
        result.timings = self.timings
        return result

    def plan(self, parts: tuple[str, ...], fingerprint: str) -> tuple[list[str], list[str], list[str]]:
        """Which parts to build, to copy as unchanged, and to keep from the previous output."""
        wanted = list(dict.fromkeys(parts))
        for part in list(wanted):  # a part's ingredients come along unless the previous output has them
            wanted += [p for p in NEEDS.get(part, ()) if p not in wanted and p not in self.previous.parts]
        if self.manifest.paper is None:
            wanted = [p for p in wanted if p != "paper"]
        build = [p for p in ALL_PARTS if p in wanted and not self.previous.unchanged(p, fingerprint)]
        reused = [p for p in ALL_PARTS if p in wanted and p not in build]
        kept = [p for p in self.previous.parts if p not in wanted]
        return build, reused, kept

    def _build_all(self, parts: tuple[str, ...], result: Result, log: Callable[[str], None]) -> list[str]:
        """Every part into ``self.out``; returns the files made or taken over (the site's files left out)."""
        m = self.manifest
        fingerprint = self._timed(
            "reuse", lambda: reuse.project_fingerprint(self.root, m.path, [*self.bank_files.values()])
        )
        build, result.reused, result.kept = self.plan(parts, fingerprint)
        fingerprints = {p: fp for p, fp in self.previous.state["parts"].items() if p in result.kept}
        self.pdf_keys = dict(self.previous.state["pdfs"])  # those of PDFs taken over stay true
        for part in [*result.reused, *result.kept]:
            log(
                f"{NAMES[part]}：{'输入没有变化，沿用上次的结果' if part in result.reused else '本次不生成，保留上次的结果'}"
            )
            self._timed("reuse", lambda p=part: self.previous.copy_part(p, self.out))
        fingerprints.update({p: fingerprint for p in [*build, *result.reused]})
        if {"site", "pdf", "scorm"} & set(build):
            self.docs = write_tree(self.work, m, self.catalog, self.root, self.conf.get("project", ""), self.bank_files)
        latex: list[tuple[Path, str, str]] = []  # .tex, what, the PDF wanted (relative to the output)
        if "paper" in build:
            log("试卷：抽题，写出 Word、文本、JSON")
            markdown = self._timed("paper", self.paper)
            folder = self._timed("paper", lambda: paper_latex(markdown, self.work, m.title, self.conf))
            latex += [(t, "试卷 PDF 排版", f"paper/{t.stem}.pdf") for t in sorted(folder.glob("*.tex"))]
        if "site" in build:
            log("课程网站：HTML 构建")
            self._timed("site", self.site)
            if m.url:
                (self.out / f"{m.id}-qr.png").write_bytes(qr_png(m.url))
        if "pdf" in build:
            for edition in EDITIONS:
                log(f"{EDITIONS[edition]}：LaTeX 构建")
                tex_file = self._timed("pdf", lambda e=edition: self.latex(e))
                latex.append((tex_file, f"{EDITIONS[edition]} PDF 排版", f"{m.id}-{edition}.pdf"))
            if m.url:
                poster = write_poster_source(self.work / "latex-poster", m, self.conf)
                latex.append((poster, "二维码海报 PDF 排版", f"{m.id}-poster.pdf"))
        if latex:
            log("PDF：xelatex 排版（LaTeX 与上次相同的沿用上次的 PDF）")
            self.typeset(latex)
        if "bundle" in build:
            log("学员包和培训师包：打包")
            self._timed(
                "bundle", lambda: (bundles.write_learner_bundle(self.out, m), bundles.write_trainer_bundle(self.out, m))
            )
        if "scorm" in build:
            log("SCORM 课程包：学员版网站构建，打包")
            self._timed("scorm", self.scorm)
        stale = [p for p in build if p in NEEDS.get("bundle", ()) and "bundle" in result.kept]
        if stale:
            result.notes.append(
                f"学员包和培训师包是上次打的，不含本次重新生成的{'、'.join(NAMES[p] for p in stale)}；"
                "要更新，请在 --only 里加上 bundle"
            )
        (self.out / "course.json").write_text(self.summary_json(), encoding="utf-8")
        made = {k: v for k, v in self.pdf_keys.items() if (self.out / k).is_file()}
        reuse.write_state(self.out, fingerprints, made)
        files = sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file())
        (self.out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        return [f for f in files if not f.startswith("site/") and not f.startswith(".")]

    def scorm(self) -> None:
        from ..scorm import ScormError, release, write_package

        m = self.manifest
        site = self.work / "scorm-site"  # the learner edition, with the SCORM adapter: packed, not kept
        overrides = {"html_title": m.title, "html_short_title": m.title, "quizgen_scorm": True}
        self._sphinx(self._job("scorm", "html", site, [], overrides), "SCORM 学员版网站构建")
        try:
            write_package(site, self.out, m.id, release(self.root), m.title, m.mastery)
        except ScormError as exc:
            raise BuildError(str(exc)) from None

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

    def summary_json(self) -> str:
        m = self.manifest
        present = [p for p in ALL_PARTS if any(self.out.glob(g.format(id=m.id)) for g in reuse.PART_FILES[p])]
        doc: dict[str, Any] = {
            "id": m.id,
            "title": m.title,
            "audience": m.audience,
            "date": m.date,
            "place": m.place,
            "duration_minutes": m.duration,
            "lessons": [{"id": cl.lesson.id, "title": cl.lesson.title, "minutes": cl.minutes} for cl in m.lessons],
            "pages": m.pages,
            "parts": present,
        }
        if self.papers:
            doc["papers"] = [
                {"variant": p.variant, "questions": len(p.questions), "points": p.total_points} for p in self.papers
            ]
        elif "paper" in present and "papers" in self.previous.summary:
            doc["papers"] = self.previous.summary["papers"]
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
