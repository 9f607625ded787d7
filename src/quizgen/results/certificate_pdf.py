"""The 结业证书 PDF: A4 landscape, the facts in Chinese, the QR code holding the signed token, the token again in the
PDF's keywords (what ``quizgen verify`` reads). The Chinese font is a TrueType font from a Debian package, embedded
as a subset; the PDF is reproducible (reportlab's invariant mode)."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .certificate import Facts

# TrueType (glyf) fonts reportlab can embed, from Debian packages, with Latin letters, digits and Chinese
# punctuation as well as the ideographs (Noto CJK is CFF, which reportlab cannot embed; Droid Sans Fallback has
# no Latin letters). The first found is used: AR PL UMing CN also covers rare characters of names.
FONTS = (
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),  # fonts-arphic-uming
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),  # fonts-wqy-zenhei
)
FONT = "QuizgenCJK"


class FontMissing(RuntimeError):
    pass


def _font() -> str:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    for path in FONTS:
        if path.is_file():
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
            return FONT
    raise FontMissing("找不到可嵌入 PDF 的中文字体：请安装 Debian 软件包 fonts-arphic-uming（或 fonts-wqy-zenhei）")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines that fit ``width``, broken after a “，” near the end when there is one (never inside a number)."""
    lines, line = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, font, size) > width:
            comma = line.rfind("，")
            cut = comma + 1 if comma >= len(line) - 16 and comma > 0 else len(line)
            lines.append(line[:cut])
            line = line[cut:]
        line += ch
    return [*lines, line] if line else lines


def _qr(canvas: Canvas, token: str, x: float, y: float, size: float) -> None:
    matrix = [list(row) for row in segno.make(token, error="m", micro=False).matrix]
    module = size / (len(matrix) + 8)  # a quiet zone of four modules
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x + (c + 4) * module, y + size - (r + 5) * module, module, module, stroke=0, fill=1)


def chinese_date(iso: str) -> str:
    """``2026-03-12`` → ``2026年3月12日`` (anything else as it is)."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[0]}年{int(parts[1])}月{int(parts[2])}日"
    return iso


def certificate_pdf(facts: Facts, token: str, issuer: str = "") -> bytes:
    font = _font()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setTitle(f"结业证书 {facts.name}")
    canvas.setSubject(f"{facts.title} 结业证书")
    canvas.setKeywords(token)
    canvas.setAuthor(issuer or "quizgen")
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)
    canvas.setFont(font, 40)
    canvas.drawCentredString(width / 2, height - 52 * mm, "结 业 证 书")
    canvas.setFont(font, 18)
    unit = f"（{facts.unit}）" if facts.unit else ""
    canvas.drawString(40 * mm, height - 78 * mm, f"{facts.name}{unit}同志：")
    body = (
        f"于{chinese_date(facts.date)}参加“{facts.title}”培训，学时{facts.hours}，结业测验成绩{facts.score}分，"
        "经考核合格，准予结业。"
    )
    y = height - 92 * mm
    for line in _wrap(body, font, 18, width - 90 * mm):
        canvas.drawString(48 * mm, y, line)
        y -= 11 * mm
    canvas.drawString(48 * mm, y, "特发此证。")
    canvas.setFont(font, 14)
    right = width - 40 * mm
    canvas.drawRightString(right, 52 * mm, f"培训单位（盖章）：{issuer or '＿＿＿＿＿＿＿＿'}")
    canvas.drawRightString(right, 42 * mm, f"发证日期：{chinese_date(facts.date)}")
    canvas.setFont(font, 10)
    canvas.drawRightString(right, 28 * mm, f"证书编号：{facts.serial}")
    _qr(canvas, token, 24 * mm, 22 * mm, 44 * mm)
    canvas.setFont(font, 8)
    canvas.drawString(26 * mm, 21 * mm, "扫码后在“证书查验”页核验")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
