"""Builders for the files offices send, and small helpers that keep tests readable.

Every file a test imports is built here or in the test itself, so each test says exactly what it feeds in.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import shutil
import tempfile
import unicodedata
from pathlib import Path

import xlsxwriter

from analytics import queries
from analytics.importer import import_file
from analytics.store import Store

SAMPLE_AS_OF = dt.date(2023, 10, 25)

HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành", "Ngày giao"]


@functools.cache
def _empty_database() -> Path:
    """A new database, every migration applied, made once per test process (a template to copy)."""
    path = Path(tempfile.mkdtemp(prefix="dondoc-empty-")) / "empty.duckdb"
    Store(path).ensure()
    return path


def new_store(path: Path) -> Store:
    """An empty database at `path`, copied from the process's template (making one costs every migration)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(_empty_database(), path)
    return Store(path, lock_wait=5)


def d(text: str) -> dt.date:
    """dd/mm/yyyy -> date, so test data reads like the registers it imitates."""
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters with hats and horns precomposed, tone marks as separate characters."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def csv_bytes(rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    return to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)


def xlsx_bytes(rows: list[list[object]], merges: list[tuple[int, int, int, int, str]] = (), sheet: str = "Sheet1",
               extra_sheets: dict[str, list[list[object]]] | None = None) -> bytes:
    """An .xlsx with real date cells for dates; `merges` are (first_row, first_col, last_row, last_col, text)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for name, content in {sheet: rows, **(extra_sheets or {})}.items():
        worksheet = workbook.add_worksheet(name)
        for r, row in enumerate(content):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.date):
                    worksheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                elif isinstance(value, (int, float)):
                    worksheet.write_number(r, c, value)
                else:
                    worksheet.write_string(r, c, str(value))
        if name == sheet:
            for first_row, first_col, last_row, last_col, text in merges:
                worksheet.merge_range(first_row, first_col, last_row, last_col, text)
    workbook.close()
    return buffer.getvalue()


def html_bytes(rows: list[list[object]], titles: list[str] = (), charset: str = "utf-8") -> bytes:
    """A web page saved as .xls, as document-management systems export one: its charset declared, the title
    lines as paragraphs above one table, dates written dd/mm/yyyy."""
    def cell(value: object) -> str:
        text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else "" if value is None else str(value)
        return f"<td>{html.escape(text)}</td>"

    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body>\n'
            + "".join(f"<p>{html.escape(line)}</p>\n" for line in titles) + "<table border=1>\n"
            + "".join("<tr>" + "".join(map(cell, row)) + "</tr>\n" for row in rows) + "</table></body></html>\n")
    return to_cp1258(page) if charset == "windows-1258" else page.encode(charset)


def load(store: Store, rows: list[list[object]], header: list[str] = HEADER, **kwargs):
    """Import a hand-made register given as rows under `header`."""
    kwargs.setdefault("snapshot_date", dt.date(2023, 12, 31))
    return import_file(store, xlsx_bytes([header, *rows]), "register.xlsx", **kwargs)


def latest_snapshot(store: Store) -> dt.date | None:
    with store.connect() as con:
        return queries.latest_snapshot(con)


def counts(store: Store, as_of: dt.date, **view) -> queries.Counts:
    with store.connect() as con:
        return queries.counts(con, queries.View(as_of, **view))
