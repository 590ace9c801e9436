"""A briefing or a period report as an Excel workbook, laid out the way offices file their reports.

Offices rework these figures in Excel and print them, so the workbook keeps what the printed copy says and
stays a spreadsheet: one sheet per table, headed by the document's title and every context line (as-of
day, snapshot, period, filters, the sample warning), the grouped two-row header of the report forms, numbers
and dates as real numbers and dates, subtotals in bold, and a page setup that prints on A4 with the header
repeated and page numbers. Text from the register is data, never a formula: every text cell goes through
write_string and the workbook's formula, URL and number detection is off (as in analytics/exports/tables.py).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
import re
import unicodedata

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from analytics.document import Column, Document, Section, Table

AUTHOR = "Đôn đốc"
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
}

SHEET_NAME_CHARS = 31  # Excel's limit
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
# Column.width is relative (1.0 = a number column); Excel widths are in characters of the default font.
CHARS_PER_WIDTH = 10.0
TEXT_WIDER = 1.4  # text columns: words wrap, so they get more room than their share of a printed page
MIN_WIDTH = {"text": 5.0, "int": 7.0, "pct": 8.0, "date": 11.5}
MAX_WIDTH = 80.0
LINE_HEIGHT = 15.0  # points per line of 11 pt text
TITLE_LINE_HEIGHT = 21.0  # points per line of the 14 pt title
FOOTER_CHARS = 250  # Excel refuses headers and footers longer than 255 characters
PAPER_A4 = 9

_NUMBER_FORMATS = {"int": "#,##0", "pct": "0.0%", "date": "dd/mm/yyyy"}


def render_xlsx(document: Document) -> bytes:
    """The document as an .xlsx file: one worksheet per section with a table (a deck's charts are left out;
    a document without any table gets one sheet with its title and context)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    workbook.set_properties({"title": document.title, "author": AUTHOR, "company": AUTHOR})
    styles = _Styles(workbook)
    sections = [s for s in document.sections if s.table is not None]
    names = sheet_names(document)
    if sections:
        for section, name in zip(sections, names, strict=True):
            _table_sheet(workbook.add_worksheet(name), styles, document, section)
    else:
        _summary_sheet(workbook.add_worksheet(names[0]), styles, document)
    workbook.close()
    return buffer.getvalue()


def sheet_names(document: Document) -> list[str]:
    """The worksheets' names, in order: one per section with a table, or one for the document's title."""
    sections = [s for s in document.sections if s.table is not None]
    sources = [(s.title, s.key) for s in sections] if sections else [(document.title, document.kind)]
    names: list[str] = []
    taken: set[str] = set()
    for title, key in sources:
        base = sheet_name(title) or sheet_name(key) or "Sheet"
        name, number = base, 1
        while name.casefold() in taken:  # Excel compares sheet names without case
            number += 1
            suffix = f" ({number})"
            name = _cut(base, SHEET_NAME_CHARS - len(suffix)) + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def sheet_name(title: str) -> str:
    """A readable sheet name from a section title: the part before " — " (the as-of day the sheet's own
    heading repeats), without the characters Excel forbids, cut at a word to 31 characters."""
    text = unicodedata.normalize("NFC", title).split(" — ")[0]
    text = text.replace(":", " -").replace("/", "-").replace("\\", "-")
    text = _SHEET_NAME_BAD.sub("", text)
    text = " ".join(text.split()).strip("'")  # a sheet name may not begin or end with an apostrophe
    if not any(ch.isalnum() for ch in text):  # nothing readable left: the caller falls back to the key
        return ""
    if text.casefold() == "history":  # reserved by Excel
        text += " (1)"
    return _cut(text, SHEET_NAME_CHARS)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head and not text[limit - 1].isspace():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" -,;(").rstrip("'") + "…"


class _Styles:
    """The workbook's cell formats, made once each."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.workbook = workbook
        border = {"border": 1}
        self.title = workbook.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter",
                                          "text_wrap": True})
        self.context = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.heading = workbook.add_format({"bold": True, "font_size": 12, "text_wrap": True, "valign": "top"})
        self.line = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.note = workbook.add_format({"italic": True, "text_wrap": True, "valign": "top"})
        self.header = workbook.add_format({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
                                           "bg_color": "#D9D9D9", **border})
        self._body: dict[tuple[str, bool], Format] = {}

    def body(self, style: str, bold: bool) -> Format:
        """A bordered body cell: style is text, int, decimal, pct, date or number (a number in a text column)."""
        key = (style, bold)
        if key not in self._body:
            spec: dict[str, object] = {"border": 1, "valign": "top"}
            if bold:
                spec["bold"] = True
            if style == "text":
                spec["text_wrap"] = True
            elif style == "decimal":
                spec["num_format"] = "#,##0.0"
            elif style == "date":
                spec["num_format"] = _NUMBER_FORMATS["date"]
                spec["align"] = "center"
            elif style in _NUMBER_FORMATS:
                spec["num_format"] = _NUMBER_FORMATS[style]
            self._body[key] = self.workbook.add_format(spec)
        return self._body[key]


def _excel_width(column: Column) -> float:
    width = max(column.width, 0.1) * CHARS_PER_WIDTH * (TEXT_WIDER if column.kind == "text" else 1.0)
    return round(min(max(width, MIN_WIDTH.get(column.kind, MIN_WIDTH["text"])), MAX_WIDTH), 1)


def _lines_needed(text: str, chars: float, widen: float = 1.0) -> int:
    """How many lines wrapped text takes in a cell `chars` characters wide (an estimate: Excel does not fit
    the height of merged cells itself)."""
    room = max(chars - 1.0, 1.0)
    return sum(max(1, math.ceil(len(part) * widen / room)) for part in str(text).split("\n"))


def _span(sheet: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int, text: str,
          cell_format: Format) -> None:
    """Text across a range, merged when the range is more than one cell; always written as a string."""
    if (first_row, first_col) != (last_row, last_col):
        sheet.merge_range(first_row, first_col, last_row, last_col, "", cell_format)
    sheet.write_string(first_row, first_col, text, cell_format)


def _paragraphs(sheet: Worksheet, row: int, width: int, chars: float, texts, cell_format: Format,
                line_height: float = LINE_HEIGHT, widen: float = 1.0) -> int:
    """Each text on a row of its own, merged across the table's width; returns the next free row."""
    for text in texts:
        _span(sheet, row, 0, row, width - 1, text, cell_format)
        lines = _lines_needed(text, chars, widen)
        if lines > 1 or line_height != LINE_HEIGHT:
            sheet.set_row(row, line_height * lines)
        row += 1
    return row


def _preamble(sheet: Worksheet, styles: _Styles, document: Document, width: int, chars: float) -> int:
    """The document's title and context lines from the first row; returns the next free row."""
    row = _paragraphs(sheet, 0, width, chars, [document.title], styles.title, TITLE_LINE_HEIGHT, widen=1.4)
    return _paragraphs(sheet, row, width, chars, document.context, styles.context)


def _section_lines(section: Section) -> list[str]:
    lines = list(section.lines)
    for figure in section.figures:
        lines.append(f"{figure.label}: {figure.value}" + (f" ({figure.note})" if figure.note else ""))
    return lines


def _table_sheet(sheet: Worksheet, styles: _Styles, document: Document, section: Section) -> None:
    table = section.table
    assert table is not None
    width = max(len(table.columns), 1)
    widths = [_excel_width(c) for c in table.columns] or [60.0]
    for col, chars in enumerate(widths):
        sheet.set_column(col, col, chars)
    chars = sum(widths)

    row = _preamble(sheet, styles, document, width, chars)
    row = _paragraphs(sheet, row, width, chars, [section.title], styles.heading, widen=1.2)
    row = _paragraphs(sheet, row, width, chars, _section_lines(section), styles.line)
    row += 1  # a blank row between the headings and the table

    header_first = row
    row = _header(sheet, styles, table, widths, row)
    header_last = row - 1
    row = _body(sheet, styles, table, row)
    if table.note:
        _paragraphs(sheet, row, width, chars, [table.note], styles.note)

    sheet.freeze_panes(header_last + 1, 0)
    _page_setup(sheet, document)
    sheet.repeat_rows(header_first, header_last)


def _summary_sheet(sheet: Worksheet, styles: _Styles, document: Document) -> None:
    """A document with no table (a deck of charts only): its title, context and what each section says."""
    chars = 100.0
    sheet.set_column(0, 0, chars)
    row = _preamble(sheet, styles, document, 1, chars) + 1
    for section in document.sections:
        row = _paragraphs(sheet, row, 1, chars, [section.title], styles.heading, widen=1.2)
        texts = [section.headline] if section.headline else []
        texts += _section_lines(section) + ([section.empty] if section.empty else [])
        row = _paragraphs(sheet, row, 1, chars, texts, styles.line)
    _page_setup(sheet, document)


def _groups(table: Table) -> list[tuple[str, int, int]]:
    """The header groups as (label, first column, last column), clipped to the table's columns; columns the
    groups do not reach have no group."""
    result, col = [], 0
    for label, span in table.groups:
        span = min(max(int(span), 1), len(table.columns) - col)
        if span <= 0:
            break
        result.append((label, col, col + span - 1))
        col += span
    result += [("", c, c) for c in range(col, len(table.columns))]
    return result


def _header(sheet: Worksheet, styles: _Styles, table: Table, widths: list[float], row: int) -> int:
    """The column labels, under a row of merged group labels when the table has groups; returns the next row."""
    fmt = styles.header
    if not table.groups:
        for col, column in enumerate(table.columns):
            sheet.write_string(row, col, column.label, fmt)
        lines = max((_lines_needed(c.label, w, 1.15) for c, w in zip(table.columns, widths, strict=False)),
                    default=1)
        sheet.set_row(row, LINE_HEIGHT * lines + 4)
        return row + 1

    top_lines, bottom_lines, both_lines = 1, 1, 1
    for label, first, last in _groups(table):
        if label:
            _span(sheet, row, first, row, last, label, fmt)
            top_lines = max(top_lines, _lines_needed(label, sum(widths[first:last + 1]), 1.15))
            for col in range(first, last + 1):
                sheet.write_string(row + 1, col, table.columns[col].label, fmt)
                bottom_lines = max(bottom_lines, _lines_needed(table.columns[col].label, widths[col], 1.15))
        else:
            for col in range(first, last + 1):  # no group: the label spans both header rows
                _span(sheet, row, col, row + 1, col, table.columns[col].label, fmt)
                both_lines = max(both_lines, _lines_needed(table.columns[col].label, widths[col], 1.15))
    # Merged cells do not grow with their text: give the two rows room for the longest label.
    bottom_lines = max(bottom_lines, both_lines - top_lines)
    sheet.set_row(row, LINE_HEIGHT * top_lines + 4)
    sheet.set_row(row + 1, LINE_HEIGHT * bottom_lines + 4)
    return row + 2


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):
        return False


def _body(sheet: Worksheet, styles: _Styles, table: Table, row: int) -> int:
    kinds = [c.kind for c in table.columns]
    for index, values in enumerate(table.rows):
        bold = index in table.emphasis
        for col, value in enumerate(values[: len(kinds)]):
            kind = kinds[col]
            if _missing(value) or value == "":
                sheet.write_blank(row, col, None, styles.body("text" if kind == "text" else kind, bold))
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(row, col, value, styles.body("date", bold))
            elif isinstance(value, dt.date):
                sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), styles.body("date", bold))
            elif isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value):
                if kind == "pct":
                    style = "pct"
                elif kind == "int" and float(value).is_integer():
                    style = "int"
                elif kind == "int":
                    style = "decimal"
                else:
                    style = "number"
                sheet.write_number(row, col, value, styles.body(style, bold))
            else:
                sheet.write_string(row, col, str(value), styles.body("text", bold))
        for col in range(len(values), len(kinds)):  # a short row still gets its borders
            sheet.write_blank(row, col, None, styles.body(kinds[col], bold))
        row += 1
    return row


def _footer_text(text: str, limit: int) -> str:
    """User text for Excel's header/footer syntax, where '&' starts a code, cut to `limit` characters."""
    text = " ".join(text.split())
    while len(text.replace("&", "&&")) > limit:
        text = text[:-1]
    return text.replace("&", "&&")


def _page_setup(sheet: Worksheet, document: Document) -> None:
    """A4, one page wide; the period report (a wide form) in landscape. Footer: the document's footer on the
    left, page/pages on the right."""
    if document.landscape or document.kind == "period":
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(PAPER_A4)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    footer = "&R&P/&N"
    if document.footer:
        footer = "&L" + _footer_text(document.footer, FOOTER_CHARS - len(footer) - 2) + footer
    sheet.set_footer(footer)
