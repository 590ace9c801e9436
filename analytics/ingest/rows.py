"""From the rows under the header to task records: every row is loaded, rejected with reasons, or
(for report furniture such as "Tổng cộng", section headings and signatures) ignored and listed.

Columns are converted value-by-distinct-value: a register has few distinct units and dates, so this
stays fast on a million rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analytics.ingest.dates import DateProblem, parse_date
from analytics.ingest.layout import Layout, is_numbering_row
from analytics.ingest.readers import MAX_CELL_CHARS, Source, cell_text
from analytics.schema import COLUMN_BY_NAME, COLUMN_NAMES, NO_DEADLINE_WORDS, ORDINAL_HEADERS
from analytics.text import fold, has_diacritics, squash, unit_key


@dataclass(frozen=True)
class Problem:
    """One reason a row cannot be loaded: a message code and what to show with it."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass
class Reject:
    row: int
    problems: list[Problem]
    values: list[str]  # the row's cells as text, column by column, for the rejects file


@dataclass(frozen=True)
class Ignored:
    row: int
    code: str  # "total_row", "section_heading", "footer", "numbering_row"
    text: str  # what the row said, so the user can check nothing was a task


@dataclass
class ParsedTable:
    layout: Layout  # or an ingest.events.EventLayout: where the table was found
    records: dict[str, list]  # canonical column -> values of the loaded rows (plus "unit_key", "row")
    rejects: list[Reject]
    ignored: list[Ignored]
    blank_rows: int
    derived_ids: int = 0

    @property
    def rows_loaded(self) -> int:
        return len(self.records["row"])

    @property
    def rows_rejected(self) -> int:
        return len(self.rejects)

    @property
    def rows_read(self) -> int:
        return self.rows_loaded + self.rows_rejected


# A total row opens with one of these ("Công an tỉnh" and "Tổng cục Thuế" do not).
_TOTAL = re.compile(r"^(tong cong|tong so|grand total|subtotal|total|cong chung)\b|^(cong|tong|sum)$")
_SIGNER = re.compile(
    r"^(nguoi lap|lap bieu|thu truong|chanh van phong|pho chanh van phong|giam doc|pho giam doc|chu tich"
    r"|pho chu tich|truong phong|pho truong phong|truong ban|kt |tm |q |noi nhan|xac nhan|ky ten|ky ghi ro"
    r"|ky va ghi ro|prepared by|approved by|signature)"
)
# The place-and-date line of a signature block: "Quảng Ngãi, ngày 25 tháng 10 năm 2023".
_DATE_LINE = re.compile(r"^(?:[a-z]+ ){0,5}ngay(?: \d{1,2})? thang(?: \d{1,2})? nam(?: \d{4})?$")
_INTEGER = re.compile(r"^\d+$")
# What a completion or extension cell says when there is nothing yet: not a date, not an error either.
_NOT_YET = frozenset(
    fold(w)
    for w in (
        "-", "–", "—", "Chưa", "Chưa hoàn thành", "Đang thực hiện", "Đang xử lý", "Chưa xong", "Không", "Không có",
    )
)
_COMPLETION_WORDS = frozenset(fold(w) for w in ("Đã hoàn thành", "Hoàn thành", "Xong", "Done", "Completed"))
# Cells that hold a place for a unit without naming one.
_NO_UNIT = _NOT_YET | {fold(w) for w in ("x", "N/A", "NA", "Không rõ", "?", "...", "…")}


@functools.lru_cache(maxsize=4096)  # called with every row's unit; a register has few distinct units
def is_unit_name(text: str) -> bool:
    """Does this cell name a unit? Not empty, not a placeholder ("-", "x"), not a bare number."""
    folded = fold(text)
    return bool(folded) and folded not in _NO_UNIT and any(ch.isalpha() for ch in folded)


def _is_signature(text: str) -> bool:
    """A line of a signature block: a short job title ("KT. CHỦ TỊCH", "Người lập biểu") or the place-and-date
    line. A long sentence that merely starts with "Chủ tịch" is a task's title."""
    folded = fold(text)
    return bool(_DATE_LINE.match(folded)) or (bool(_SIGNER.match(folded)) and len(folded.split()) <= 6)


@functools.lru_cache(maxsize=4096)
def _is_furniture(text: str) -> bool:
    """Does this text open a total row or a signature block? (Cached: called with every row's unit.)"""
    return bool(_TOTAL.match(fold(text))) or _is_signature(text)


def _row_text(cells: list[str]) -> str:
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
    footer = [c for c in row.distinct if _is_signature(c)]
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
    """Decides, row by row in file order, which rows under the header are tasks; counts blank rows and lists
    the skipped ones. The bulk reader (ingest.bulk) asks the same questions of the rows it cannot settle in SQL."""

    def __init__(self, layout: Layout) -> None:
        self.width = len(layout.labels)
        self.unit_col = layout.column_of("unit")
        self.evidence_cols = [i for i, name in layout.mapping.items() if name in ("due_date", "task_id", "title")]
        self.date_cols = [i for i, name in layout.mapping.items() if COLUMN_BY_NAME[name].kind == "date"]
        ordinal_cols = [i for i, label in enumerate(layout.labels) if fold(label) in ORDINAL_HEADERS]
        self.numbered_cols = ordinal_cols + [i for i, name in layout.mapping.items() if name == "task_id"]
        self.naming_cols = [i for i, name in layout.mapping.items() if name in ("task_id", "title")]
        self.start = layout.first_data_row - 1  # 0-based index of the first row under the header
        self.ignored: list[Ignored] = []
        self.blank = 0
        self.in_footer = False  # after a signature line, only a row that clearly is a task counts

    def plainly_a_task(self, index: int, raw: list[object]) -> bool:
        """The common case, decided without looking further: a row naming a unit, with a deadline, an ID or a
        title, and several different cells (a heading merged across the row repeats one text)."""
        if self.in_footer or index == self.start or self.unit_col is None or self.unit_col >= len(raw):
            return False
        return bool(
            self.plain_unit(raw[self.unit_col])
            and any(i < len(raw) and raw[i] not in ("", None) for i in self.evidence_cols)
            and len({v for v in raw if v not in ("", None)}) >= 3
        )

    @staticmethod
    def plain_unit(value: object) -> bool:
        """Does the unit cell plainly name a unit (not a total or a signature line)?"""
        unit = value.strip() if isinstance(value, str) else cell_text(value)
        return bool(unit) and is_unit_name(unit) and not _is_furniture(unit)

    def is_task(self, index: int, raw: list[object]) -> bool:
        """Is the row at 0-based `index` a task row? Rows are asked in file order (a signature block changes
        how the rows after it are read)."""
        if self.plainly_a_task(index, raw):
            return True
        cells = [cell_text(v) for v in raw[: self.width]]
        if not any(cells):
            self.blank += 1
            return False
        if index == self.start and is_numbering_row(raw):
            self.ignored.append(Ignored(index + 1, "numbering_row", _row_text(cells)))
            return False
        row = self._facts(cells, raw)
        if self.in_footer and not row.looks_like_a_task():
            self.ignored.append(Ignored(index + 1, "footer", _row_text(cells)))
            return False
        kind = classify_row(row)
        self.in_footer = kind == "footer"
        if kind is None:
            return True
        self.ignored.append(Ignored(index + 1, kind, _row_text(cells)))
        return False

    def _facts(self, cells: list[str], raw: list[object]) -> _Row:
        unit_col = self.unit_col
        unit = cells[unit_col] if unit_col is not None and unit_col < len(cells) else ""
        dated = any(isinstance(parse_date(raw[i]), dt.date) for i in self.date_cols if i < len(raw))
        numbered = any(_INTEGER.match(cells[i]) for i in self.numbered_cols if i < len(cells))
        identified = any(i < len(cells) and cells[i] and cells[i] != unit for i in self.naming_cols)
        return _Row(cells, unit if is_unit_name(unit) else "", dated, numbered, identified)


def parse_table(source: Source, layout: Layout) -> ParsedTable:
    """Validate and convert every row under the header of `layout`."""
    rows = source.sheet(layout.sheet).rows
    width = len(layout.labels)
    sorter = RowSorter(layout)
    data_rows = [index for index in range(sorter.start, len(rows)) if sorter.is_task(index, rows[index])]
    ignored, blank = sorter.ignored, sorter.blank

    problems: dict[int, list[Problem]] = {}  # position in data_rows -> problems
    columns: dict[str, list] = {}
    for col, name in layout.mapping.items():
        raw = [rows[i][col] if col < len(rows[i]) else "" for i in data_rows]
        label = layout.labels[col] or name
        values, errors = _convert_column(name, raw, label)
        columns[name] = values
        for position, problem in errors:
            problems.setdefault(position, []).append(problem)
    for name in COLUMN_NAMES:
        columns.setdefault(name, [None] * len(data_rows))

    for position, unit in enumerate(columns["unit"]):
        if not unit and not any(p.code == "unit_not_a_name" for p in problems.get(position, [])):
            problems.setdefault(position, []).append(Problem("missing_unit", {"column": layout.label_of("unit")}))

    derived = _assign_ids(columns, problems, data_rows)

    keep = [p for p in range(len(data_rows)) if p not in problems]
    records = {name: [values[p] for p in keep] for name, values in columns.items()}
    units = {u: unit_key(u) for u in set(records["unit"])}
    records["unit_key"] = [units[u] for u in records["unit"]]
    records["row"] = [data_rows[p] + 1 for p in keep]
    rejects = [
        Reject(data_rows[p] + 1, problems[p], [cell_text(v) for v in rows[data_rows[p]][:width]])
        for p in sorted(problems)
    ]
    return ParsedTable(layout, records, rejects, ignored, blank, derived)


def converter(name: str) -> Callable[[object, str], tuple]:
    """How a cell of canonical column `name` becomes a value: (value, None) or (None, Problem)."""
    return _CONVERTERS[COLUMN_BY_NAME[name].kind if name not in _SPECIAL else name]


def _convert_column(name: str, raw: list[object], label: str) -> tuple[list, list[tuple[int, Problem]]]:
    """Convert one column; return its values and the (row position, problem) pairs it found."""
    convert = converter(name)
    cache: dict[object, tuple[object, Problem | None]] = {}
    values: list = []
    errors: list[tuple[int, Problem]] = []
    for position, value in enumerate(raw):
        key = (type(value), value)
        if key not in cache:
            cache[key] = convert(value, label)
        converted, problem = cache[key]
        values.append(converted)
        if problem is not None:
            errors.append((position, problem))
    return values, errors


def _text_value(value: object, label: str) -> tuple[str | None, Problem | None]:
    text = cell_text(value)
    if len(text) > MAX_CELL_CHARS:
        return None, Problem("cell_too_long", {"column": label, "length": len(text)})
    return (text or None), None


def _unit_value(value: object, label: str) -> tuple[str | None, Problem | None]:
    text, problem = _text_value(value, label)
    if text and not is_unit_name(text):
        return None, Problem("unit_not_a_name", {"column": label, "value": text[:80]})
    return (squash(text) if text else None), problem


def _date_problem(found: DateProblem, label: str) -> Problem:
    return Problem(found.code, {"column": label, "value": found.value[:80]})


def _date_value(value: object, label: str, empty_words: frozenset[str] = frozenset()) -> tuple:
    if isinstance(value, str) and empty_words and fold(value) in empty_words:
        return None, None
    found = parse_date(value)
    if isinstance(found, DateProblem):
        return None, _date_problem(found, label)
    return found, None


def _due_value(value: object, label: str) -> tuple:
    return _date_value(value, label, NO_DEADLINE_WORDS | {""})


def _extension_value(value: object, label: str) -> tuple:
    return _date_value(value, label, NO_DEADLINE_WORDS | _NOT_YET | {""})


def _completed_value(value: object, label: str) -> tuple:
    if isinstance(value, str) and fold(value) in _COMPLETION_WORDS:
        return None, Problem("completed_without_date", {"column": label, "value": value[:80]})
    return _date_value(value, label, _NOT_YET | {""})


def _int_value(value: object, label: str) -> tuple[int | None, Problem | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, Problem("not_a_count", {"column": label, "value": str(value)})
    if isinstance(value, (int, float)) and float(value).is_integer() and value >= 0:
        return int(value), None
    text = cell_text(value)
    if _INTEGER.match(text) and len(text) < 7:
        return int(text), None
    if fold(text) in _NOT_YET:
        return None, None
    return None, Problem("not_a_count", {"column": label, "value": text[:80]})


_CONVERTERS: dict[str, Callable[[object, str], tuple]] = {
    "text": _text_value,
    "date": _date_value,
    "int": _int_value,
    "unit": _unit_value,
    "due_date": _due_value,
    "extended_due_date": _extension_value,
    "completed_date": _completed_value,
}
_SPECIAL = frozenset({"unit", "due_date", "extended_due_date", "completed_date"})


def _derive_id(values: list[object]) -> str:
    """A stable id from what does not change as a task progresses (document, title, unit, dates)."""
    text = "\x1f".join("" if v is None else (v.isoformat() if isinstance(v, dt.date) else str(v)) for v in values)
    return "auto-" + hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


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


# What a derived id is made of (what does not change as a task progresses), in this order.
ID_SOURCE_COLUMNS = ("source_doc", "title", "unit", "assigner", "assigned_date", "due_date")


def derive_ids(rows: list[tuple]) -> list[str]:
    """Ids for rows without one, from their ID_SOURCE_COLUMNS values, in file order: identical rows stay
    distinct tasks, numbered in file order (stable across re-exports)."""
    occurrences: dict[str, int] = {}
    ids = []
    for source_doc, title, unit, assigner, assigned, due in rows:
        base = _derive_id([source_doc, squash(title or ""), unit_key(unit or ""), assigner, assigned, due])
        count = occurrences.get(base, 0)
        occurrences[base] = count + 1
        ids.append(base if count == 0 else f"{base}-{count + 1}")
    return ids


def _assign_ids(columns: dict[str, list], problems: dict[int, list[Problem]], data_rows: list[int]) -> int:
    """Fill in missing task ids; reject a row that repeats an id given earlier in the same file."""
    ids = columns["task_id"]
    missing = [position for position, task_id in enumerate(ids) if task_id is None]
    for position, derived in zip(missing, derive_ids(
            [tuple(columns[name][position] for name in ID_SOURCE_COLUMNS) for position in missing]), strict=True):
        ids[position] = derived
    missing_set = set(missing)
    first_seen: dict[str, int] = {}
    for position, task_id in enumerate(ids):
        if position in missing_set:
            continue
        if task_id in first_seen:
            problems.setdefault(position, []).append(
                Problem("duplicate_id", {"task_id": task_id[:80], "first_row": data_rows[first_seen[task_id]] + 1})
            )
        elif position not in problems:  # a rejected row does not claim its id
            first_seen[task_id] = position
    return len(missing)
