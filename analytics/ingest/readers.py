"""Turn the bytes of an uploaded file into sheets: grids of cells, row i being the file's row i + 1.

The kind of file is decided by its content, not its extension (offices rename files freely).
Excel is read with python-calamine; text is decoded here (DuckDB's encodings extension would need a download).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import unicodedata
import zipfile
from dataclasses import dataclass

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from analytics.ingest import sandbox
from analytics.ingest.errors import FileProblem
from analytics.schema import match_header
from analytics.text import clean, nfc

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", ";", "\t", "|")
# The largest text a spreadsheet cell can hold; anything longer is not a task register.
MAX_CELL_CHARS = 32_767
# What a workbook may unpack to: a register of a million rows is about 0.7 GB of XML.
MAX_UNPACKED_BYTES = 2 * 1024**3
csv.field_size_limit(8 * MAX_CELL_CHARS)


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    hidden: bool = False


@dataclass
class Source:
    """A file as read: what it was, how it was decoded, and its sheets."""

    file_name: str
    kind: str  # "xlsx", "xls", "ods", "csv" or "txt"
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise FileProblem("no_such_sheet", sheet=name)


def read_source(data: bytes, file_name: str) -> Source:
    """Read any supported file; raise FileProblem when it cannot be a table at all."""
    if not data or not data.strip():
        raise FileProblem("empty_file")
    if is_workbook(data):
        _check_unpacked_size(data)
        return sandbox.read_workbook(data, file_name)  # in a child process: see ingest.sandbox
    if is_html(data):
        raise FileProblem("html_not_spreadsheet")
    text, encoding = decode_text(data)
    return read_text(text, encoding, file_name)


def is_workbook(data: bytes) -> bool:
    return data.startswith(_ZIP) or data.startswith(_OLE)


def is_html(data: bytes) -> bool:
    """A web page saved as .xls (some systems export that): not a spreadsheet."""
    return data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(
        (b"<!doctype html", b"<html", b"<table", b"<?xml"))


def _check_unpacked_size(data: bytes) -> None:
    """A zip whose members say they unpack to more than MAX_UNPACKED_BYTES is refused before it is opened (a
    member that lies about its size is stopped by the child's memory limit instead)."""
    if not data.startswith(_ZIP):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a readable zip: the reader says how it is damaged
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileProblem("workbook_too_large")


def read_workbook_here(data: bytes, file_name: str) -> Source:
    """Read a workbook in this process. Only ingest.sandbox's child process calls this (see there why)."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several error types for damaged or encrypted files
        raise FileProblem("unreadable_workbook", detail=_short(exc)) from exc
    kind = "xls" if data.startswith(_OLE) else ("ods" if b"opendocument" in data[:200] else "xlsx")
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
        sheets.append(Sheet(meta.name, [_nfc_row(row) for row in rows], hidden))
    if not sheets:
        raise FileProblem("no_sheets")
    return Source(file_name, kind, sheets)


def _nfc_row(row: list[object]) -> list[object]:
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


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text") or Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data, "utf-16"), "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a byte-order mark: the zero byte sits in the high half of ASCII characters.
        even_zeros = sample[0::2].count(b"\x00")
        odd_zeros = sample[1::2].count(b"\x00")
        encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        return _checked(data, encoding), encoding
    try:
        return _checked(data, "utf-8"), "utf-8"
    except FileProblem:
        pass
    # Windows-1258 writes tones as combining marks; NFC composes them into the letters people type.
    return _checked(data, "cp1258"), "cp1258"


def _checked(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise FileProblem("not_text") from exc
    head = text[:20_000]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\r\n")
    if controls > max(8, len(head) // 10):  # binary data decoded by chance; a stray control character is fine
        raise FileProblem("not_text")
    return nfc(text)


def read_text(text: str, encoding: str, file_name: str) -> Source:
    delimiter = sniff_delimiter(text, prefer_tab=file_name.lower().endswith((".txt", ".tsv", ".tab")))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise FileProblem("broken_text", detail=_short(exc)) from exc
    kind = "txt" if delimiter == "\t" else "csv"
    return Source(file_name, kind, [Sheet(file_name, rows)], encoding=encoding, delimiter=delimiter)


def sniff_delimiter(text: str, prefer_tab: bool = False) -> str:
    """The separator under which the file has a task-table header; failing that, the one that splits the most
    of the first lines into the same number (two or more) of fields.

    Title lines above the header have one field whatever the separator, so they do not mislead it.
    """
    head = text[:64_000]
    best, best_score = ("\t" if prefer_tab else ","), (0, 0)
    for delimiter in _DELIMITERS:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), 60))
        except csv.Error:
            continue
        header_cells = max((sum(1 for cell in row if match_header(cell)) for row in rows[:40]), default=0)
        widths = [len(r) for r in rows if len(r) >= 2]
        modal = max(set(widths), key=widths.count) if widths else 0
        score = (header_cells if header_cells >= 2 else 0, widths.count(modal) * 1000 + modal)
        if score > best_score or (score == best_score and prefer_tab and delimiter == "\t"):
            best, best_score = delimiter, score
    return best


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def cell_text(value: object) -> str:
    """A cell as text, the way a person reading the sheet would write it (12.0 -> "12")."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != dt.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return clean(str(value))
