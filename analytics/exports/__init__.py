"""Files users download: tables (XLSX/CSV), and documents (PDF, PPTX, XLSX) laid out from analytics.document."""

from __future__ import annotations

from analytics.document import Document
from analytics.exports.tables import neutralise_csv_cell, table_csv, table_xlsx
from analytics.schema import DOCUMENT_FORMATS

MIME_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = DOCUMENT_FORMATS


def render(document: Document, fmt: str) -> bytes:
    """The document as a file. Chart images (PDF, PPTX) are drawn by Chromium: may raise ImageProblem."""
    if fmt not in FORMATS.get(document.kind, ()):
        raise ValueError(f"{document.kind} cannot be written as {fmt}")
    if fmt == "pdf":
        from analytics.exports.pdf import render_pdf

        return render_pdf(document)
    if fmt == "pptx":
        from analytics.exports.slides import render_pptx

        return render_pptx(document)
    from analytics.exports.workbook import render_xlsx

    return render_xlsx(document)


def file_name(document: Document, fmt: str) -> str:
    return f"{document.file_stem}.{fmt}"


__all__ = ["FORMATS", "MIME_TYPES", "file_name", "neutralise_csv_cell", "render", "table_csv", "table_xlsx"]
