"""Which rows under a header are tasks, and what is said of the rest (docs/design.md §5, report furniture).

Registers printed as reports carry furniture between and below their rows: section headings ("I", "KHỐI CHÍNH
QUYỀN"), a "Tổng cộng" row, a signature block. Such rows are skipped and listed, never loaded or rejected. The
import decides the common case, a row plainly naming a unit with a deadline, an id or a title, in SQL
(ingest.table); this module decides the few others, in file order (a signature block changes how the rows after
it are read). It also says what a loaded row's id is when the file gives none.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass

from analytics.ingest.dates import parse_date
from analytics.ingest.layout import Layout, Part, is_numbering_row
from analytics.ingest.source import cell_text
from analytics.ingest.values import INTEGER, Problem, is_unit_name
from analytics.schema import COLUMN_BY_NAME, ORDINAL_HEADERS
from analytics.text import fold, has_diacritics, squash, unit_key


@dataclass
class Reject:
    row: int
    problems: list[Problem]
    values: list[str]  # the row's cells as text, column by column, for the rejects file
    sheet: str | None = None  # the sheet, when the file's register is read over several (layout.Part)

    @property
    def place(self) -> str:
        """Where the row is, as a spreadsheet names a cell's sheet: "12", or "Trần Phú!12" of several sheets."""
        return f"{self.sheet}!{self.row}" if self.sheet else str(self.row)


@dataclass(frozen=True)
class Ignored:
    row: int
    code: str  # "total_row", "section_heading", "footer", "numbering_row"
    text: str  # what the row said, so the user can check nothing was a task
    sheet: str | None = None


# A total row opens with one of these ("Công an tỉnh" and "Tổng cục Thuế" do not).
_TOTAL = re.compile(r"^(tong cong|tong so|grand total|subtotal|total|cong chung)\b|^(cong|tong|sum)$")
_SIGNER = re.compile(
    r"^(nguoi lap|lap bieu|thu truong|chanh van phong|pho chanh van phong|giam doc|pho giam doc|chu tich"
    r"|pho chu tich|truong phong|pho truong phong|truong ban|kt |tm |q |noi nhan|xac nhan|ky ten|ky ghi ro"
    r"|ky va ghi ro|prepared by|approved by|signature)"
)
# The place-and-date line of a signature block: "Quảng Ngãi, ngày 25 tháng 10 năm 2023".
_DATE_LINE = re.compile(r"^(?:[a-z]+ ){0,5}ngay(?: \d{1,2})? thang(?: \d{1,2})? nam(?: \d{4})?$")


def is_signature(text: str) -> bool:
    """A line of a signature block: a short job title ("KT. CHỦ TỊCH", "Người lập biểu") or the place-and-date
    line. A long sentence that merely starts with "Chủ tịch" is a task's title."""
    folded = fold(text)
    return bool(_DATE_LINE.match(folded)) or (bool(_SIGNER.match(folded)) and len(folded.split()) <= 6)


@functools.lru_cache(maxsize=4096)
def is_furniture(text: str) -> bool:
    """Does this text open a total row or a signature block? (Cached: asked of every distinct unit cell.)"""
    return bool(_TOTAL.match(fold(text))) or is_signature(text)


def is_total(text: str) -> bool:
    return bool(_TOTAL.match(fold(text)))


def row_text(cells: list[str]) -> str:
    """What a skipped row said, each distinct text once (merged cells repeat theirs)."""
    return " | ".join(dict.fromkeys(c for c in cells if c))[:200]


@dataclass(frozen=True)
class _Row:
    """What the classifier needs to know about one row."""

    cells: list[str]
    unit: str  # the unit cell's text ("" when it names no unit)
    dated: bool  # a date column holds a real date
    numbered: bool  # the STT or task-ID column holds a number
    identified: bool  # an ID or a title that is not the unit's name again (as a merged heading would be)

    @property
    def distinct(self) -> set[str]:  # a merged cell repeats its text across the columns it spans
        return {c for c in self.cells if c}

    def looks_like_a_task(self) -> bool:
        return bool(self.unit) and (self.dated or self.numbered or len(self.distinct) >= 4)


def classify_row(row: _Row) -> str | None:
    """Why a non-blank row is not a task ("total_row", "footer", "section_heading"), or None for a task row.

    A row with a real date or a row number is always a task row (rejected later if it lacks a unit): report
    furniture never carries one.
    """
    if row.dated or row.numbered:
        return None
    first = fold(next((c for c in row.cells if c), ""))
    if _TOTAL.match(first) and (not row.unit or fold(row.unit) == first):
        return "total_row"
    footer = [c for c in row.distinct if is_signature(c)]
    if footer and len(row.distinct) <= 3 and (not row.unit or row.unit in footer):
        return "footer"
    if row.unit and row.identified:
        return None
    if len(row.distinct) <= 2 and all(_is_heading_text(c) for c in row.distinct):
        return "section_heading"  # "I", "KHỐI CHÍNH QUYỀN", a unit's name over its group of rows
    return None


_ENUMERATOR = re.compile(r"^(?:[ivxlc]+|[a-z]|\d{1,2})[.)]?$", re.IGNORECASE)


def _is_heading_text(text: str) -> bool:
    """Short, upper-case or a numeral: how report templates title a group of rows. A sentence is a task."""
    return bool(_ENUMERATOR.match(text)) or text.isupper() or len(text.split()) <= 5


class RowSorter:
    """Decides, row by row in file order, which of the rows SQL did not find plainly a task are tasks; counts
    blank rows and lists the skipped ones."""

    def __init__(self, layout: Layout) -> None:
        # A unit that is the sheet's own is not a cell of the row: rows are judged on the file's cells alone.
        self.width = layout.file_width
        self.unit_col = None if layout.unit_of_sheet else layout.column_of("unit")
        self.evidence_cols = [i for i, name in layout.mapping.items() if name in ("due_date", "task_id", "title")]
        self.date_cols = [i for i, name in layout.mapping.items() if COLUMN_BY_NAME[name].kind == "date"]
        ordinal_cols = [i for i, label in enumerate(layout.labels) if fold(label) in ORDINAL_HEADERS]
        self.numbered_cols = ordinal_cols + [i for i, name in layout.mapping.items() if name == "task_id"]
        self.naming_cols = [i for i, name in layout.mapping.items() if name in ("task_id", "title")]
        self.start = layout.first_data_row - 1  # 0-based index of the first row under the header
        self.offset = 0  # the raw table's position of that row (rows of several sheets follow one another)
        self.sheet: str | None = None  # the sheet's name, when there are several
        self.ignored: list[Ignored] = []
        self.blank = 0
        self.in_footer = False  # after a signature line, only a row that clearly is a task counts

    def begin_sheet(self, part: Part, offset: int, named: bool) -> None:
        """The rows that follow are a new sheet's, from raw position `offset`: its own numbering row, its own
        signature block."""
        self.start, self.offset = part.first_data_row - 1, offset
        self.sheet = part.sheet if named else None
        self.in_footer = False

    def index_of(self, pos: int) -> int:
        """The 0-based row index in its sheet of the raw table's position `pos`."""
        return self.start + pos - self.offset

    @staticmethod
    def plain_unit(value: object) -> bool:
        """Does the unit cell plainly name a unit (not a total or a signature line)? SQL asks this of each
        distinct unit cell to find the rows that are plainly tasks."""
        unit = value.strip() if isinstance(value, str) else cell_text(value)
        return bool(unit) and is_unit_name(unit) and not is_furniture(unit)

    def is_task(self, index: int, raw: list[object]) -> bool:
        """Is the row at 0-based `index` a task row? Rows are asked in file order."""
        cells = [cell_text(v) for v in raw[: self.width]]
        if not any(cells):
            self.blank += 1
            return False
        if index == self.start and is_numbering_row(raw):
            self.ignored.append(Ignored(index + 1, "numbering_row", row_text(cells), self.sheet))
            return False
        row = self._facts(cells, raw)
        if self.in_footer and not row.looks_like_a_task():
            self.ignored.append(Ignored(index + 1, "footer", row_text(cells), self.sheet))
            return False
        kind = classify_row(row)
        self.in_footer = kind == "footer"
        if kind is None:
            return True
        self.ignored.append(Ignored(index + 1, kind, row_text(cells), self.sheet))
        return False

    def _facts(self, cells: list[str], raw: list[object]) -> _Row:
        unit_col = self.unit_col
        unit = cells[unit_col] if unit_col is not None and unit_col < len(cells) else ""
        dated = any(isinstance(parse_date(raw[i]), dt.date) for i in self.date_cols if i < len(raw))
        numbered = any(INTEGER.match(cells[i]) for i in self.numbered_cols if i < len(cells))
        identified = any(i < len(cells) and cells[i] and cells[i] != unit for i in self.naming_cols)
        return _Row(cells, unit if is_unit_name(unit) else "", dated, numbered, identified)


# What a derived id is made of (what does not change as a task progresses), in this order.
ID_SOURCE_COLUMNS = ("source_doc", "title", "unit", "assigner", "assigned_date", "due_date")


def _derive_id(values: list[object]) -> str:
    text = "\x1f".join("" if v is None else (v.isoformat() if isinstance(v, dt.date) else str(v)) for v in values)
    return "auto-" + hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def derive_ids(rows: list[tuple]) -> list[str]:
    """Ids for rows without one, from their ID_SOURCE_COLUMNS values, in file order: identical rows stay
    distinct tasks, numbered in file order (stable across re-exports). The hash is the one ids already stored
    were made with, which the database cannot compute; only rows without an id pay for it."""
    occurrences: dict[str, int] = {}
    ids = []
    for source_doc, title, unit, assigner, assigned, due in rows:
        base = _derive_id([source_doc, squash(title or ""), unit_key(unit or ""), assigner, assigned, due])
        count = occurrences.get(base, 0)
        occurrences[base] = count + 1
        ids.append(base if count == 0 else f"{base}-{count + 1}")
    return ids


def first_unit_names(keys: list[str], names: list[str]) -> dict[str, str]:
    """Each unit key's name as the file first wrote it, preferring a spelling with diacritics."""
    chosen: dict[str, str] = {}
    settled: set[str] = set()  # keys whose chosen name has diacritics: nothing later replaces it
    for key, name in dict.fromkeys(zip(keys, names, strict=True)):  # each spelling once, in file order
        if key in settled:
            continue
        if key not in chosen or has_diacritics(name):
            chosen[key] = name
            if has_diacritics(name):
                settled.add(key)
    return chosen
