"""Workbooks (.xlsx, .xls, .ods) read with python-calamine. Only the child process of ingest.sandbox calls this
in the app: a damaged or hostile workbook can make the parser abort the process that reads it."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from analytics.ingest.errors import FileProblem
from analytics.ingest.source import Sheet, Source
from analytics.text import nfc

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# <workbookPr date1904="1"/> in xl/workbook.xml: the workbook counts days from 1904 (old Mac Excel).
_DATE_1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")


def read_workbook(data: bytes, file_name: str) -> Source:
    """Every worksheet of the workbook, merged cells filled, text in NFC."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several error types for damaged or encrypted files
        raise FileProblem("unreadable_workbook", detail=_short(exc)) from exc
    kind = "xls" if data.startswith(OLE_SIGNATURE) else ("ods" if b"opendocument" in data[:200] else "xlsx")
    sheets = []
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue  # chart sheets, macro sheets
        try:
            raw = workbook.get_sheet_by_name(meta.name)
            rows = raw.to_python(skip_empty_area=False)
            merged = raw.merged_cell_ranges or []
        except Exception as exc:  # one damaged sheet must not hide the others
            raise FileProblem("unreadable_workbook", detail=_short(exc)) from exc
        rows = [list(row) for row in rows]
        _fill_merged(rows, merged)
        hidden = meta.visible != SheetVisibleEnum.Visible
        sheets.append(Sheet(meta.name, [nfc_row(row) for row in rows], hidden))
    if not sheets:
        raise FileProblem("no_sheets")
    return Source(file_name, kind, sheets, date1904=kind == "xlsx" and uses_1904(data))


def uses_1904(data: bytes) -> bool:
    """Does the .xlsx count its dates from 1904? calamine reads its date cells right either way; a serial number
    in a cell not formatted as a date is read by the import's date rule, which must know (dates.parse_date)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            with archive.open("xl/workbook.xml") as member:
                return bool(_DATE_1904.search(member.read(1024 * 1024)))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False


def nfc_row(row: list[object]) -> list[object]:
    """The row with its text in NFC. Checked a row at a time: text joined by a character that never composes
    with its neighbours is in NFC exactly when each piece is, and nearly every row already is."""
    texts = [value for value in row if isinstance(value, str)]
    joined = "\0".join(texts)
    if joined.isascii() or unicodedata.is_normalized("NFC", joined):
        return row
    return [nfc(value) if isinstance(value, str) else value for value in row]


def _fill_merged(rows: list[list[object]], merged: list) -> None:
    """Give every cell of a merged range the value of its top-left cell, as a reader sees it on screen."""
    for (top, left), (bottom, right) in merged:
        if top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else ""
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, len(row) - 1) + 1):  # a range can claim all 16,384 columns
                if row[c] == "" or row[c] is None:
                    row[c] = value


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
