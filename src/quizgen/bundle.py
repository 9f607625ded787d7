"""Pack the offline bundle: dist/<name>-<version>.zip with the HTML site, both PDF handbooks, the EPUB and
离线使用说明.html. Reproducible: entries sorted, every timestamp SOURCE_DATE_EPOCH, fixed permissions, and the EPUB
re-packed the same way (the EPUB builder stamps its members with the files' mtimes).

Usage: python -m quizgen.bundle --build _build --out dist   (after make html, pdf, pdf-trainer, epub; `make dist`)
The course builder (quizgen.course) packs its bundles with the same functions.
"""

from __future__ import annotations

import html
import io
import os
import sys
import time
import zipfile
from pathlib import Path

from .cli_parser import ChineseArgumentParser
from .contract import read_contract
from .layout import ProjectLayout

ROOT = Path.cwd()
NAME = "gonghui-lianzheng"
LIMIT = 15 * 1024 * 1024
SKIP_DIRS = {".doctrees", "_sources", "__pycache__"}
SKIP_FILES = {".buildinfo", ".buildinfo.bak", ".nojekyll"}


def version() -> str:
    release = ProjectLayout(ROOT).conf_value("release")
    if not release:
        raise SystemExit("conf.py: no release")
    return release


def project() -> str:
    return ProjectLayout(ROOT).title or NAME


def stamp() -> tuple[int, int, int, int, int, int]:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip dates start in 1980
    return time.gmtime(epoch)[:6]


def _info(name: str, date: tuple[int, int, int, int, int, int], compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date)
    info.compress_type = compress
    info.create_system = 3  # unix, so the permissions below are read the same everywhere
    info.external_attr = 0o644 << 16
    return info


def normalized_epub(data: bytes, date: tuple[int, int, int, int, int, int]) -> bytes:
    """The same EPUB with fixed dates: mimetype first and stored, the other members in their order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        for name in ["mimetype", *[n for n in names if n != "mimetype"]]:
            stored = name == "mimetype"
            dst.writestr(_info(name, date, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED), src.read(name))
    return out.getvalue()


def readme(name: str, ver: str) -> str:
    title = html.escape(project())
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>离线使用说明 · {title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; max-width: 44em;
       margin: 2em auto; padding: 0 1em; line-height: 1.8; color: #222; }}
h1 {{ font-size: 1.6em; }} code {{ background: #f3f3f3; padding: 0 .3em; }}
li {{ margin: .3em 0; }}
</style>
</head>
<body>
<h1>{title}：离线使用说明</h1>
<p>第 {html.escape(ver)} 版。这个文件夹里是课程的全部内容，不需要联网，也不需要安装任何软件。</p>
<h2>文件夹里有什么</h2>
<ul>
<li><a href="site/index.html"><code>site/index.html</code></a>：课程网站。双击用浏览器打开，就能按模块学习、做自测、
搜索、查看学习记录和错题本。</li>
<li><a href="handbook-learner.pdf"><code>handbook-learner.pdf</code></a>：学员手册（PDF），可打印；
末尾附全部自测题的参考答案与解析。</li>
<li><a href="handbook-trainer.pdf"><code>handbook-trainer.pdf</code></a>：培训师用书（PDF），
答案、解析和情景研讨的研讨要点紧随每道题和每个情景。请勿发给学员。</li>
<li><a href="course.epub"><code>course.epub</code></a>：电子书（EPUB），适合在手机或电子书阅读器上阅读；
每章末尾附本章自测的参考答案。</li>
</ul>
<h2>怎样使用</h2>
<ol>
<li>先把压缩包<strong>完整解压</strong>到电脑的任意文件夹（不要在压缩软件里直接双击打开网页，
否则网页找不到它需要的其他文件）。</li>
<li>打开解压后的文件夹，双击 <code>site</code> 文件夹里的 <code>index.html</code>。
建议使用新版 Chrome、Edge、360 极速浏览器（极速模式）或 Firefox。</li>
<li>学习记录和错题本保存在这台电脑的这个浏览器里。换电脑、换浏览器或清除浏览器数据后，记录不会跟着走。</li>
<li>手机上可以用电子书（EPUB）或 PDF 阅读；也可以把整个文件夹拷到手机，用手机浏览器打开
<code>site/index.html</code>。</li>
</ol>
<h2>遇到问题</h2>
<ul>
<li>网页打开后没有样式或点不动：确认已经完整解压，并且 <code>site</code> 文件夹里的其他文件都在。</li>
<li>搜索没有结果：换一个更短的词试试，例如“一岗双责”“四风”。</li>
<li>其他问题请联系培训组织者。</li>
</ul>
</body>
</html>
"""


def site_members(site: Path, prefix: str = "site/") -> dict[str, bytes | Path]:
    """The files of a built HTML site worth shipping (no doctrees, sources or build info)."""
    wanted: dict[str, bytes | Path] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if path.is_dir() or SKIP_DIRS & set(rel.parts) or path.name in SKIP_FILES:
            continue
        wanted[f"{prefix}{rel.as_posix()}"] = path
    return wanted


def collect(build: Path) -> dict[str, bytes | Path]:
    wanted = site_members(build / "html")
    for edition in ("learner", "trainer"):
        wanted[f"handbook-{edition}.pdf"] = build / "pdf" / f"handbook-{edition}.pdf"
    wanted["course.epub"] = normalized_epub((build / "epub" / "course.epub").read_bytes(), stamp())
    return wanted


def write_zip(target: Path, top: str, members: dict[str, bytes | Path]) -> None:
    """The zip, written beside ``target`` and moved into place when complete (see quizgen.output)."""
    from .output import replacing

    date = stamp()
    with replacing(target) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        for name in sorted(members):
            data = members[name]
            payload = data.read_bytes() if isinstance(data, Path) else data
            # Already-compressed formats are stored; everything else deflated at the highest level.
            stored = name.endswith((".epub", ".png", ".woff2", ".woff", ".gif", ".jpg"))
            info = _info(f"{top}/{name}", date, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            zf.writestr(info, payload, compresslevel=None if stored else 9)


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="python -m quizgen.bundle", description="打包离线包：网站、两本 PDF 手册、EPUB 和离线使用说明（make dist）"
    )
    parser.add_argument("--build", type=Path, default=ROOT / "_build", help="构建结果所在文件夹（默认：_build）")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="离线包放在哪里（默认：dist）")
    args = parser.parse_args(argv)
    built = read_contract(args.build / "html") or {}  # quizgen-course.json: the release the site was built as
    ver = str(built.get("release") or version())
    top = f"{NAME}-{ver}"
    missing = [p for p in (args.build / "html" / "index.html", args.build / "epub" / "course.epub") if not p.exists()]
    missing += [args.build / "pdf" / f"handbook-{e}.pdf" for e in ("learner", "trainer")]
    missing = [p for p in missing if not p.exists()]
    if missing:
        print("缺少构建结果（先运行 make html pdf pdf-trainer epub）：", *missing, sep="\n  ", file=sys.stderr)
        return 1
    members = collect(args.build)
    members["离线使用说明.html"] = readme(NAME, ver).encode("utf-8")
    target = args.out / f"{top}.zip"
    write_zip(target, top, members)
    size = target.stat().st_size
    print(f"{target}: {len(members)} files, {size / 1024 / 1024:.1f} MB")
    if size > LIMIT:
        print(f"离线包超过 15 MB：{size} 字节", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
