"""Where the table is in a sheet: which sheet, which row holds the headers, which column is which,
and what day the report says its figures are as of."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from analytics.ingest.dates import find_snapshot_date
from analytics.ingest.errors import FileProblem
from analytics.ingest.source import Sheet, Source, cell_text
from analytics.schema import COLUMN_NAMES, ORDINAL_HEADERS, REQUIRED_COLUMNS, header_match, match_header
from analytics.text import fold, squash

# Report titles rarely run longer than this; a header further down is not a header.
MAX_HEADER_SCAN = 40
# A row of column numbers under the header: "(1) (2) (3)", "1 2 3" or "A B C".
_NUMBERING_CELL = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])\)?$")


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


def _text(value: object) -> str:
    return squash(cell_text(value))


def _header_labels(rows: list[list[object]], row: int, span: int, width: int) -> list[str] | None:
    """Column labels of a one- or two-row header; None when the second row is not a sub-header.

    In a two-row header the lower label names the column only under a group title (a label merged over
    several columns, like "Thời hạn" over "Hạn xử lý | Gia hạn") or under an empty cell.
    """
    top = ([_text(v) for v in rows[row]] + [""] * width)[:width]
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
    if found is None:
        raise FileProblem("no_header")
    candidate, chosen = found
    if header_row is None and len(candidate.mapping) < 2:
        raise FileProblem("no_header")
    title_lines = [" ".join(_text(v) for v in row if _text(v)) for row in chosen.rows[: candidate.row]]
    return Layout(
        sheet=chosen.name,
        header_row=candidate.row + 1,
        header_rows=candidate.span,
        labels=tuple(candidate.labels),
        mapping=candidate.mapping,
        snapshot_date=find_snapshot_date(title_lines),
        ignored_columns=candidate.repeated,
        date1904=source.date1904,
    )


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
