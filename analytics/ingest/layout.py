"""Where the table is in a sheet: which sheet, which row holds the headers, which column is which,
and what day the report says its figures are as of.

A workbook may hold a register over several sheets of one layout (one per unit, as many offices keep them): those
sheets are read together (Layout.parts), and when the table has no unit column, each sheet's unit is the one its
title block names ("Đơn vị: UBND phường Trần Phú") or else the sheet's name. Sheets that sum up the others ("Tổng
hợp", "TH", a table of counts) are never read as registers (Layout.summary_sheets)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from analytics.ingest.dates import find_snapshot_date
from analytics.ingest.errors import FileProblem
from analytics.ingest.source import Sheet, Source, cell_text
from analytics.ingest.values import is_unit_name
from analytics.schema import COLUMN_NAMES, ORDINAL_HEADERS, REQUIRED_COLUMNS, header_match, match_header
from analytics.text import fold, squash

# Report titles rarely run longer than this; a header further down is not a header.
MAX_HEADER_SCAN = 40
# A row of column numbers under the header: "(1) (2) (3)", "1 2 3" or "A B C".
_NUMBERING_CELL = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])\)?$")
# Sheets that sum up the others, by name (folded): "Tổng hợp", "TH", "Báo cáo tổng hợp", "Summary", "Pivot".
_SUMMARY_NAME = re.compile(r"^(?:th|tong hop|bao cao tong hop|bieu tong hop|summary|pivot|tong)(?: |$)")
# Names a spreadsheet gives a sheet by itself: not a unit's.
_DEFAULT_NAME = re.compile(r"^(?:sheet|trang tinh|trang|page|table|bang|tabelle|feuil)? ?\d*$")
# What a title line says before the colon when it names the sheet's unit: "Đơn vị: …", "Đơn vị chủ trì: …".
_UNIT_LINE_KEYS = frozenset({"don vi", "don vi chu tri", "don vi thuc hien", "don vi bao cao", "ten don vi",
                             "co quan", "co quan chu tri", "co quan thuc hien"})


@dataclass(frozen=True)
class Part:
    """One sheet of a register read over several sheets of one layout, or a sheet whose unit is its own."""

    sheet: str
    header_row: int  # the sheet's row number (1-based) of its first header row
    header_rows: int
    unit: str | None = None  # the unit of every row, when the table has no unit column
    unit_from: str | None = None  # "title" (a line of the title block) or "sheet" (the sheet's name)

    @property
    def first_data_row(self) -> int:
        return self.header_row + self.header_rows


@dataclass(frozen=True)
class Layout:
    sheet: str
    header_row: int  # the file's row number (1-based) of the first header row
    header_rows: int  # 1, or 2 when a merged group header sits above the column headers
    labels: tuple[str, ...]  # the header text of every column, as the file wrote it
    mapping: dict[int, str]  # column index -> canonical column
    snapshot_date: dt.date | None = None  # found in the title block, or None
    ignored_columns: dict[int, str] = field(default_factory=dict)  # column -> canonical it repeats
    date1904: bool = False  # the workbook counts its serial numbers from 1904 (Source.date1904)
    # The sheets read, the first this one, when there are several of one layout or the unit is each sheet's own
    # (empty: the one sheet). With a unit of its own, the last column is not the file's: it is the sheet's unit.
    parts: tuple[Part, ...] = ()
    summary_sheets: tuple[str, ...] = ()  # sheets that sum up the others: not read, said in the report
    unit_of_sheet: bool = False  # the unit column is the sheet's unit (title line or name), not a column of the file

    @property
    def first_data_row(self) -> int:
        """Row number of the first row after the header."""
        return self.header_row + self.header_rows

    def missing_required(self) -> list[str]:
        return [c for c in REQUIRED_COLUMNS if c not in self.mapping.values()]

    def column_of(self, name: str) -> int | None:
        for index, canonical in self.mapping.items():
            if canonical == name:
                return index
        return None

    def label_of(self, name: str) -> str:
        index = self.column_of(name)
        return self.labels[index] if index is not None and self.labels[index] else name

    def with_mapping(self, mapping: dict[int, str]) -> Layout:
        """The same layout with the user's corrections to the column mapping (one column per field)."""
        clean: dict[int, str] = {}
        for index, name in sorted(mapping.items()):
            if name in COLUMN_NAMES and name not in clean.values() and 0 <= index < len(self.labels):
                clean[index] = name
        return replace(self, mapping=clean, ignored_columns={})

    @property
    def file_width(self) -> int:
        """The columns the file has (the labels but the sheet's unit, when it is one)."""
        return len(self.labels) - self.unit_of_sheet

    def sheet_parts(self) -> tuple[Part, ...]:
        return self.parts or (Part(self.sheet, self.header_row, self.header_rows),)


def _text(value: object) -> str:
    return squash(cell_text(value))


def _header_labels(rows: list[list[object]], row: int, span: int, width: int) -> list[str] | None:
    """Column labels of a one- or two-row header; None when the second row is not a sub-header.

    In a two-row header the lower label names the column only under a group title (a label merged over
    several columns, like "Thời hạn" over "Hạn xử lý | Gia hạn") or under an empty cell.
    """
    # A title line naming the sheet's unit ("Đơn vị: UBND phường Trần Phú") is not a label of the columns under it.
    top = (["" if _names_unit(text := _text(v)) else text for v in rows[row]] + [""] * width)[:width]
    if span == 1:
        return top
    below = ([_text(v) for v in rows[row + 1]] + [""] * width)[:width]
    # A sub-header row holds several labels and no dates: otherwise it is the first row of data.
    if sum(1 for cell in below if match_header(cell)) < 2 or any(isinstance(v, dt.date) for v in rows[row + 1]):
        return None
    labels = []
    for index, (upper, lower) in enumerate(zip(top, below, strict=True)):
        grouped = not upper or upper in top[max(index - 1, 0):index] or upper in top[index + 1:index + 2]
        if lower and grouped and (match_header(lower) or not match_header(upper)):
            labels.append(lower)
        else:
            labels.append(upper or lower)
    return labels


def _map_labels(labels: list[str]) -> tuple[dict[int, str], dict[int, str]]:
    """Each field goes to the column that names it most surely (exact before partial), then leftmost;
    other columns naming the same field are set aside and reported."""
    found = {index: match for index, label in enumerate(labels) if (match := header_match(label))}
    best: dict[str, int] = {}
    for index, (name, quality) in found.items():
        if name not in best or quality > found[best[name]][1]:
            best[name] = index
    mapping = {index: name for name, index in sorted(best.items(), key=lambda item: item[1])}
    repeated = {index: name for index, (name, _) in found.items() if index not in mapping}
    return dict(sorted(mapping.items())), repeated


def _score(mapping: dict[int, str], labels: list[str]) -> int:
    score = len(mapping) * 10
    score += sum(15 for name in REQUIRED_COLUMNS if name in mapping.values())
    score += 3 if any(fold(label) in ORDINAL_HEADERS for label in labels) else 0
    return score


@dataclass
class _Candidate:
    score: int
    row: int  # 0-based
    span: int
    labels: list[str]
    mapping: dict[int, str]
    repeated: dict[int, str]


def _candidates(sheet: Sheet, only_row: int | None = None):
    rows = sheet.rows
    width = max((len(r) for r in rows[: MAX_HEADER_SCAN + 2]), default=0)
    scan = [only_row] if only_row is not None else range(min(len(rows), MAX_HEADER_SCAN))
    for row in scan:
        if row < 0 or row >= len(rows):
            continue
        for span in (1, 2):
            if span == 2 and row + 1 >= len(rows):
                continue
            labels = _header_labels(rows, row, span, width)
            if labels is None:
                continue
            mapping, repeated = _map_labels(labels)
            if len(mapping) >= 2 or only_row is not None:
                # A two-row header must recognise more columns than the single row it starts with.
                yield _Candidate(_score(mapping, labels) - (span - 1), row, span, labels, mapping, repeated)


def _best(sheet: Sheet, only_row: int | None = None) -> _Candidate | None:
    best = None
    for candidate in _candidates(sheet, only_row):  # the earliest of equal scores wins
        if best is None or candidate.score > best.score:
            best = candidate
    return best


def detect_layout(source: Source, sheet: str | None = None, header_row: int | None = None) -> Layout:
    """Find the table: the best sheet (unless given), its header row (unless given) and column mapping.

    `header_row` is the file's 1-based row number, as the user sees it in Excel.
    """
    if sheet is not None:
        sheets = [source.sheet(sheet)]
    else:
        visible = [s for s in source.sheets if not s.hidden]
        sheets = visible or source.sheets
    found: tuple[_Candidate, Sheet] | None = None
    for candidate_sheet in sheets:
        candidate = _best(candidate_sheet, None if header_row is None else header_row - 1)
        if candidate is not None and (found is None or candidate.score > found[0].score):
            found = (candidate, candidate_sheet)
    summaries = tuple(s.name for s in sheets if len(sheets) > 1 and is_summary(s))
    if found is not None and found[1].name in summaries:  # a register sheet other than the summary is read
        found = next(((c, s) for c, s in _ranked(sheets, header_row) if s.name not in summaries), found)
    if found is None:
        raise FileProblem("no_header")
    candidate, chosen = found
    if header_row is None and len(candidate.mapping) < 2:
        raise FileProblem("no_header")
    title_lines = _title_lines(chosen, candidate.row)
    layout = Layout(
        sheet=chosen.name,
        header_row=candidate.row + 1,
        header_rows=candidate.span,
        labels=tuple(candidate.labels),
        mapping=candidate.mapping,
        snapshot_date=find_snapshot_date(title_lines),
        ignored_columns=candidate.repeated,
        date1904=source.date1904,
    )
    if sheet is None and header_row is None:  # found, not chosen by the user: the sheets of its layout with it
        siblings = [(c, s) for c, s in _ranked(sheets, None) if s is not chosen and s.name not in summaries
                    and c.mapping == candidate.mapping]
        layout = replace(layout, summary_sheets=summaries)
        return _with_parts(layout, candidate, chosen, siblings, sheets)
    return _with_parts(layout, candidate, chosen, [], sheets)


def _ranked(sheets: list[Sheet], header_row: int | None) -> list[tuple[_Candidate, Sheet]]:
    """Each sheet's best header, best first (the earlier sheet of equal scores first)."""
    found = [(c, s) for s in sheets if (c := _best(s, None if header_row is None else header_row - 1)) is not None]
    return sorted(found, key=lambda item: -item[0].score)


def _title_lines(sheet: Sheet, header_index: int) -> list[str]:
    return [" ".join(_text(v) for v in row if _text(v)) for row in sheet.rows[:header_index]]


def _with_parts(layout: Layout, candidate: _Candidate, chosen: Sheet, siblings: list[tuple[_Candidate, Sheet]],
                order: list[Sheet]) -> Layout:
    """The layout read over `chosen` and its siblings (sheets of the same layout), in the workbook's order. When the
    table has no unit column, each sheet's unit comes from its title block (or, of several sheets, from its name),
    as a last column of the sheet's own; a sheet without a unit is not read then (it is one of the other sheets)."""
    found = sorted([(candidate, chosen), *siblings], key=lambda item: order.index(item[1]))
    implied = "unit" not in candidate.mapping.values()
    parts = []
    for found_candidate, sheet in found:
        unit, unit_from = (None, None)
        if implied:
            unit, unit_from = sheet_unit(sheet, found_candidate.row, by_name=len(found) > 1)
            if unit is None:
                continue
        parts.append(Part(sheet.name, found_candidate.row + 1, found_candidate.span, unit, unit_from))
    if not parts or (len(parts) == 1 and not implied):
        return layout  # one sheet; or no unit anywhere: the table lacks its unit column (check_layout says so)
    labels, mapping = layout.labels, layout.mapping
    if implied:
        labels = (*labels, _unit_label(chosen, candidate.row))
        mapping = {**mapping, len(layout.labels): "unit"}
    first = parts[0]
    return replace(layout, sheet=first.sheet, header_row=first.header_row, header_rows=first.header_rows,
                   labels=labels, mapping=mapping, parts=tuple(parts), unit_of_sheet=implied)


def sheet_unit(sheet: Sheet, header_index: int, by_name: bool) -> tuple[str | None, str | None]:
    """The unit a sheet is of: named by a line of its title block ("Đơn vị: UBND phường Trần Phú", "Đơn vị chủ trì:
    …"), else, when `by_name`, by the sheet's name (not one a spreadsheet gives by itself: "Sheet1"). Returns the
    unit and where it was found ("title" or "sheet"), or (None, None)."""
    for line in _title_lines(sheet, header_index):
        key, colon, rest = line.partition(":")
        unit = squash(rest)
        if colon and fold(key) in _UNIT_LINE_KEYS and unit and is_unit_name(unit):
            return unit, "title"
    name = squash(sheet.name)
    if by_name and is_unit_name(name) and not _DEFAULT_NAME.match(fold(name)) and not is_summary(sheet):
        return name, "sheet"
    return None, None


def _names_unit(text: str) -> bool:
    """Is this a title line naming a unit: "Đơn vị: …", "Đơn vị chủ trì: …" with something after the colon?"""
    key, colon, rest = text.partition(":")
    return bool(colon) and bool(rest.strip()) and fold(key) in _UNIT_LINE_KEYS


def _unit_label(sheet: Sheet, header_index: int) -> str:
    """The label of the sheet's unit: what the title line says before its colon ("Đơn vị"), or nothing."""
    for line in _title_lines(sheet, header_index):
        key, colon, _ = line.partition(":")
        if colon and fold(key) in _UNIT_LINE_KEYS:
            return squash(key)
    return ""


def is_summary(sheet: Sheet) -> bool:
    """A sheet that sums up the others: named so ("Tổng hợp", "TH", "Summary"), or a table of counts (most of its
    cells past the first column and row are numbers)."""
    if _SUMMARY_NAME.match(fold(sheet.name)):
        return True
    cells = [v for row in sheet.rows[1:200] for v in row[1:] if v is not None and _text(v)]
    numbers = sum(1 for v in cells if isinstance(v, (int, float)) and not isinstance(v, bool)
                  or isinstance(v, str) and v.strip().isdigit())
    return len(cells) >= 6 and numbers >= 0.6 * len(cells)


def is_numbering_row(row: list[object]) -> bool:
    """The "(1) (2) (3)" row many report templates put under the header."""
    cells = [_text(v) for v in row if _text(v)]
    return len(cells) >= 3 and all(_NUMBERING_CELL.match(c) for c in cells)


def best_header(source: Source, map_labels: Callable[[list[str]], dict[int, str]],
                accept: Callable[[dict[int, str]], bool]) -> tuple[Sheet, int, list[str], dict[int, str]] | None:
    """The header of a table other than a register's (an event history, a unit registry): of the first rows of the
    visible sheets, the one whose labels `map_labels` maps to the most columns, among those `accept` takes. Returns
    its sheet, 0-based row, labels and mapping, or None."""
    best: tuple[int, Sheet, int, list[str], dict[int, str]] | None = None
    for sheet in [s for s in source.sheets if not s.hidden] or source.sheets:
        for row in range(min(len(sheet.rows), MAX_HEADER_SCAN)):
            labels = [squash(cell_text(v)) for v in sheet.rows[row]]
            mapping = map_labels(labels)
            if accept(mapping) and (best is None or len(mapping) > best[0]):
                best = (len(mapping), sheet, row, labels, mapping)
    return best[1:] if best else None
