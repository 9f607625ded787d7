"""A SCORM 1.2 package of a built course site, for the learning platforms (LMSs) of unions and companies.

The zip holds ``imsmanifest.xml`` (one SCO, see imsmanifest.py), the launch page ``index.html`` that is the SCO,
and the site under ``site/``: the learner edition, built with ``quizgen_scorm = True`` (quizgen.site.scorm_edition:
learner pages only, every page loading the adapter ``quizgen-scorm.js``, minified from adapter.js, before the quiz
runtime). A site built otherwise is refused. The launch page finds the LMS's API, initialises once and shows the
site in a frame; the pages report through it:
``cmi.core.lesson_location`` (the page shown), ``cmi.core.lesson_status`` and ``cmi.core.score.*`` (the final
test against the mastery score), ``cmi.suspend_data`` (学习记录 and 错题本, compacted to fit 4,096 characters).
Without an LMS the launch page opens the site, which then behaves exactly like the offline one.

Usage: sphinx-build -b html -D quizgen_scorm=1 docs _build/scorm-html
       python -m quizgen.scorm --site _build/scorm-html --out dist   (the whole course; `make scorm` does both)
``quizgen course build MANIFEST --scorm`` packs a trainer's course the same way.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..bundle import _info, site_members, stamp
from ..cli_parser import ChineseArgumentParser
from ..contract import CONTRACT, read_contract
from ..output import OutputRefused, guard_file, project_inputs, replacing
from .imsmanifest import imsmanifest

ADAPTER = "_static/quizgen-scorm.js"  # written into the site by the Sphinx extension (quizgen_scorm = True)
SITE = "site/"
LAUNCH = "index.html"
DEFAULT_MASTERY = 80
SUSPEND_LIMIT = 4096  # SCORM 1.2: cmi.suspend_data is a CMIString4096
# Shown on the launch page when the LMS refuses LMSInitialize: the words the quiz runtime uses when the LMS fails
# later (STORE_MESSAGES.full in static/runtime/store.js).
NOT_RECORDED = "无法保存学习记录：练习照常进行，但进度不会被保存。"
_SCRIPTS = re.compile(r'<script\b[^>]*\bsrc="(?:\.\./)*(_static/quizgen(?:-scorm)?\.js)[^"]*"')
_STORED = (".png", ".woff2", ".woff", ".gif", ".jpg")


class ScormError(Exception):
    """The site cannot be packed (not built, or without the quiz runtime); the message says why."""


@dataclass
class Tables:
    """What the adapter's compact suspend_data refers to by index, read from the built pages."""

    course: str
    quizzes: list[str]
    questions: list[str]  # auto-scored question ids: those that can enter 错题本
    pages: list[str]

    @property
    def table(self) -> str:
        """A short digest of the lists: a record written against other lists is not misread."""
        text = json.dumps([self.course, self.quizzes, self.questions], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def contract_tables(contract: dict, pages: list[str]) -> Tables:
    """Quiz keys and auto-scored question ids from the site's quizgen-course.json, in a stable order; ``pages``: the
    site's HTML pages."""
    quizzes = {q["key"] for q in contract.get("quizzes", [])}
    questions = {
        item["id"] for q in contract.get("quizzes", []) for item in q.get("questions", []) if item.get("type") != "open"
    }
    return Tables(str(contract.get("course") or "main"), sorted(quizzes), sorted(questions), sorted(pages))


def progress_size(tables: Tables) -> int:
    """The longest suspend_data 学习记录 and 错题本 can take in quizgen-scorm.js's format: every quiz with best and
    last 100% and an attempt count of six base-36 digits, every question in 错题本. Whatever else the record holds
    (attempts in progress, its version) is added only where it fits; without it the runtime starts from defaults."""
    quizzes = sum(len(f"{i:x}.2s.zzzzzz.2s,") for i in range(len(tables.quizzes)))  # base 36 no wider than hex
    return len(f"1|{tables.table}||") + quizzes + -(-len(tables.questions) // 6)


def loads_adapter(text: str) -> bool:
    """Whether the page loads the adapter and then the quiz runtime, as the learner edition's pages do."""
    return [m.group(1) for m in _SCRIPTS.finditer(text)][:2] == [ADAPTER, "_static/quizgen.js"]


def launch_page(title: str, mastery: int, tables: Tables) -> str:
    config = {
        "course": tables.course,
        "mastery": mastery,
        "site": SITE,
        "start": f"{SITE}index.html",
        "table": tables.table,
        "pages": tables.pages,
        "quizzes": tables.quizzes,
        "questions": tables.questions,
    }
    data = json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    title = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html,body{{margin:0;height:100%;overflow:hidden}}body{{display:flex;flex-direction:column}}
iframe{{display:block;border:0;width:100%;flex:1}}
#qz-lms{{margin:0;padding:.6em 1em;background:#fff3cd;color:#5c3c00;border-bottom:1px solid #e0c36c;font:16px/1.5 sans-serif}}
#qz-lms[hidden]{{display:none}}</style>
<script type="application/json" id="qz-scorm">{data}</script>
</head>
<body>
<p id="qz-lms" role="alert" hidden>{NOT_RECORDED}</p>
<iframe id="qz-frame" title="{title}"></iframe>
<noscript><p>本课程需要启用 JavaScript。<a href="{SITE}index.html">打开课程网站</a></p></noscript>
<script src="{SITE}{ADAPTER}"></script>
</body>
</html>
"""


def package_name(name: str, version: str) -> str:
    return f"{name}-{version}-scorm.zip"


def members(site: Path, title: str, mastery: int) -> tuple[dict[str, bytes | Path], Tables]:
    """Every file of the package (path in the zip → content or file to copy) and the adapter's tables."""
    if not (site / "index.html").is_file():
        raise ScormError(f"找不到网站 {site / 'index.html'}：先生成网站")
    contract = read_contract(site)
    if contract is None:
        raise ScormError(f"找不到 {site / CONTRACT}：请用当前版本的 quizgen 重新生成网站")
    files = site_members(site, prefix="")
    pages = {
        name: path.read_text(encoding="utf-8")
        for name, path in files.items()
        if name.endswith(".html") and not name.startswith("_")  # _static/ holds the theme's templates, not pages
    }
    if ADAPTER not in files:
        raise ScormError(
            f"{site} 不是 SCORM 学员版网站：请用 sphinx-build -D quizgen_scorm=1 生成（make scorm 会这样做）"
        )
    tables = contract_tables(contract, list(pages))
    if progress_size(tables) > SUSPEND_LIMIT:
        raise ScormError(
            f"课程太大：{len(tables.quizzes)} 个测验、{len(tables.questions)} 道题的学习记录和错题本"
            f"可能超出 SCORM 1.2 suspend_data 的 {SUSPEND_LIMIT} 个字符"
        )
    for name, text in pages.items():
        if not loads_adapter(text):
            raise ScormError(f"{site / name} 没有先后加载 quizgen-scorm.js 和 quizgen.js：不是 quizgen 生成的网站页面")
    found: dict[str, bytes | Path] = {SITE + name: path for name, path in files.items()}
    found[LAUNCH] = launch_page(title, mastery, tables).encode("utf-8")
    return found, tables


def write_package(site: Path, outdir: Path, name: str, version: str, title: str, mastery: int) -> Path:
    """``outdir/<name>-<version>-scorm.zip``: reproducible (sorted entries, fixed dates), written whole or not at all."""
    found, _ = members(site, title, mastery)
    found["imsmanifest.xml"] = imsmanifest(name, version, title, mastery, LAUNCH, sorted(found))
    target = outdir / package_name(name, version)
    date = stamp()
    with replacing(target) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        for member in sorted(found):
            data = found[member]
            payload = data.read_bytes() if isinstance(data, Path) else data
            stored = member.endswith(_STORED)
            info = _info(member, date, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            zf.writestr(info, payload, compresslevel=None if stored else 9)
    return target


def release(root: Path) -> str:
    """The project's version (``release`` in conf.py): it names the package."""
    from ..layout import ProjectLayout

    return ProjectLayout(root).release


def main(argv: list[str] | None = None) -> int:
    from ..bundle import NAME, project

    parser = ChineseArgumentParser(
        prog="python -m quizgen.scorm", description="把构建好的网站打包成 SCORM 1.2 课件包（make scorm）"
    )
    parser.add_argument("--site", type=Path, default=Path("_build/html"), help="构建好的网站（默认：_build/html）")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="课件包放在哪里（默认：dist）")
    args = parser.parse_args(argv)
    try:
        built = read_contract(args.site) or {}  # the site's own release, title and pass mark, as it was built
        version, title = str(built.get("release") or release(Path.cwd())), str(built.get("title") or project())
        mastery = built.get("mastery") if isinstance(built.get("mastery"), int) else DEFAULT_MASTERY
        guard_file(args.out / package_name(NAME, version), project_inputs(Path.cwd()))
        target = write_package(args.site, args.out, NAME, version, title, mastery)
    except OutputRefused as exc:
        print(f"quizgen: {exc}", file=sys.stderr)
        return 2
    except ScormError as exc:
        print(f"quizgen: {exc}", file=sys.stderr)
        return 1
    print(f"{target}: SCORM 1.2，掌握分数 {mastery}")
    return 0
