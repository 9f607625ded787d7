"""Word and Excel files with the same bytes for the same content.

python-docx and openpyxl stamp every zip entry with the time of saving, and openpyxl also sets the workbook's
``modified`` date to now, so two exports of one bank (or a course build's paper, built again) differed in bytes
though nothing in them had changed. Here the document dates are one fixed date and the entries are written again
with it, in the same order and compression.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

FIXED_DATE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)  # the year of the speech: no build date in any file
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def fixed_zip_times(data: bytes) -> bytes:
    """The same zip archive with every entry dated ``ZIP_TIME`` and ordinary file permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


def docx_bytes(document: Any) -> bytes:
    """A python-docx document as bytes (its core properties set by the caller)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip_times(buffer.getvalue())


def xlsx_bytes(book: Any) -> bytes:
    """An openpyxl workbook as bytes, dated ``FIXED_DATE`` (``Workbook.save`` would date it now)."""
    from openpyxl.writer.excel import ExcelWriter

    fixed = FIXED_DATE.replace(tzinfo=None)  # openpyxl writes naive datetimes as UTC
    book.properties.created = book.properties.modified = fixed
    buffer = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()  # closes it
    return fixed_zip_times(buffer.getvalue())
