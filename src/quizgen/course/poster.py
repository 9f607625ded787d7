"""The course's web address for phones: a QR code (PNG) and a one-page poster for the projector (PDF, A4 landscape).

The trainer puts the course site on a web server (the trainer guide says how) and writes its address in the
manifest (``url``); learners scan the code with their phone's camera or WeChat. The code is drawn by segno; the
poster is typeset by xelatex with the handbooks' fonts, like the other PDFs of the build.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .manifest import Manifest
from .paper_pdf import tex


def qr_png(url: str) -> bytes:
    """The address as a QR code: black on white, a quiet zone of four modules, large enough to print or project."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=12, border=4)
    return buffer.getvalue()


def poster_tex(m: Manifest, png: str, conf: dict[str, Any]) -> str:
    fontpkg = conf.get("latex_elements", {}).get("fontpkg", "")
    when = "　".join(x for x in (m.date, m.place) if x)
    lines = [
        r"\documentclass[UTF8,fontset=none,zihao=false]{ctexart}",
        fontpkg,
        r"\usepackage[a4paper,landscape,margin=1.5cm]{geometry}",
        r"\usepackage{graphicx}",
        r"\pagestyle{empty}",
        r"\begin{document}",
        r"\begin{center}",
        rf"{{\sffamily\bfseries\Huge {tex(m.title)}\par}}",
        r"\vspace{0.8em}",
        r"{\LARGE 用手机扫描二维码，打开课程网站\par}",
        r"\vspace{0.8em}",
        rf"\includegraphics[height=0.56\textheight]{{{png}}}\par",
        r"\vspace{0.6em}",
        rf"{{\Large\ttfamily {tex(m.url)}\par}}",
    ]
    if when:
        lines += [r"\vspace{0.4em}", rf"{{\large {tex(when)}\par}}"]
    lines += [r"\end{center}", r"\end{document}", ""]
    return "\n".join(lines)


def write_poster_source(folder: Path, m: Manifest, conf: dict[str, Any]) -> Path:
    """The poster's .tex and its QR image in ``folder``; returns the .tex (for latexmk)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "qr.png").write_bytes(qr_png(m.url))
    source = folder / f"{m.id}-poster.tex"
    source.write_text(poster_tex(m, "qr.png", conf), encoding="utf-8")
    return source
