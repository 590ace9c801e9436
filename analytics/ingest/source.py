"""A file as read: its sheets of cells, and how a cell reads as text (docs/design.md §5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analytics.ingest.errors import FileProblem
from analytics.text import clean

# The largest text a spreadsheet cell can hold; anything longer is not a task register's cell.
MAX_CELL_CHARS = 32_767


@dataclass
class Sheet:
    """A grid of cells: row i is the file's row i + 1."""

    name: str
    rows: list[list[object]]
    hidden: bool = False


@dataclass
class Source:
    """A file as read: what it was, how it was decoded, and its sheets (for a large text file, its first rows)."""

    file_name: str
    kind: str  # "xlsx", "xls", "ods", "csv" or "txt"
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None
    whole: bool = True  # False: only the first rows of a text file (the rest is read by the database)
    date1904: bool = False  # a workbook in the 1904 date system: its serial numbers count from 1904

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise FileProblem("no_such_sheet", sheet=name)


def cell_text(value: object) -> str:
    """A cell as text, the way a person reading the sheet would write it (12.0 -> "12", a date cell ->
    "25/10/2023"). Every rule of the import reads cells in this form, whatever file they came from."""
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
