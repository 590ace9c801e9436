"""Files users download. Text from the register is data, never a formula: XLSX cells are written as strings
(XlsxWriter with formula and URL detection off), CSV cells that a spreadsheet would evaluate are prefixed
with an apostrophe (the OWASP rule for CSV injection)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

import xlsxwriter

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet will show as text: '=1+1 stays "=1+1", not 2."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]], preamble: Sequence[str] = ()) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in preamble:
        writer.writerow([neutralise_csv_cell(line)])
    writer.writerow([neutralise_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([neutralise_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(
    header: Sequence[str], rows: Iterable[Sequence[object]], preamble: Sequence[str] = (), sheet: str = "Sheet1"
) -> bytes:
    """An XLSX workbook of one table, every text cell a plain string (never a formula or a link)."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#eeeeee", "border": 1})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
    text_format = workbook.add_format({"text_wrap": True, "valign": "top"})
    row_index = 0
    for line in preamble:
        worksheet.write_string(row_index, 0, str(line))
        row_index += 1
    if preamble:
        row_index += 1
    header_row = row_index
    worksheet.write_row(row_index, 0, [str(h) for h in header], bold)
    worksheet.freeze_panes(row_index + 1, 0)
    widths = [min(max(len(str(h)), 8), 60) for h in header]
    for row in rows:
        row_index += 1
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                worksheet.write_string(row_index, col, str(value))
            elif isinstance(value, (int, float)):
                worksheet.write_number(row_index, col, value)
            elif isinstance(value, (dt.date, dt.datetime)):
                worksheet.write_datetime(row_index, col, dt.datetime.combine(value, dt.time()) if not isinstance(
                    value, dt.datetime) else value, date_format)
            else:
                text = str(value)
                worksheet.write_string(row_index, col, text, text_format)
                if col < len(widths):
                    widths[col] = min(max(widths[col], len(text)), 60)
    for col, width in enumerate(widths):
        worksheet.set_column(col, col, width + 2)
    # Printed from Excel as a table is read: across an A4 page, every column on it, the header on each page.
    worksheet.set_landscape()
    worksheet.set_paper(9)
    worksheet.fit_to_pages(1, 0)
    worksheet.repeat_rows(header_row)
    workbook.close()
    return buffer.getvalue()
