"""Event histories: one row per thing that happened to a task (DESIGN.md: task_id, date, action, from_unit,
to_unit) — transfers, returns, escalations, extensions, reminders. Read with the same readers and rules as
a register: the header is found under a title block, report furniture is skipped and listed, and every
other row is loaded or rejected with its row number and every reason."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from analytics.ingest.dates import DateProblem, find_snapshot_date, parse_date
from analytics.ingest.layout import MAX_HEADER_SCAN, is_numbering_row
from analytics.ingest.readers import MAX_CELL_CHARS, Sheet, Source, cell_text
from analytics.ingest.rows import (
    Ignored,
    ParsedTable,
    Problem,
    Reject,
    _is_furniture,
    _is_signature,
    is_unit_name,
)
from analytics.schema import EVENT_ACTIONS, EVENT_COLUMNS, EVENT_REQUIRED, ORDINAL_HEADERS, event_action
from analytics.text import fold, squash, unit_key

_SYNONYMS: dict[str, str] = {}
for _column in EVENT_COLUMNS:
    for _synonym in _column.synonyms:
        _SYNONYMS.setdefault(fold(_synonym), _column.name)
_BY_LENGTH = sorted(_SYNONYMS, key=len, reverse=True)

EVENT_FIELDS = ("row", "event_key", "task_id", "day", "action", "level", "action_text", "from_unit",
                "from_key", "to_unit", "to_key", "note")


@dataclass(frozen=True)
class EventLayout:
    """Where an event history's table is: sheet, header row (1-based), labels and column mapping."""

    sheet: str
    header_row: int
    labels: tuple[str, ...]
    mapping: dict[int, str]  # column index -> event column
    snapshot_date: dt.date | None = None
    header_rows: int = 1

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def missing_required(self) -> list[str]:
        return [c for c in EVENT_REQUIRED if c not in self.mapping.values()]

    def column_of(self, name: str) -> int | None:
        return next((i for i, n in self.mapping.items() if n == name), None)

    def label_of(self, name: str) -> str:
        index = self.column_of(name)
        return self.labels[index] if index is not None and self.labels[index] else name


def _event_header(cell: str) -> str | None:
    """The event column a header cell names: the whole cell, or its start when the synonym has two words."""
    folded = fold(cell)
    if not folded:
        return None
    if folded in _SYNONYMS:
        return _SYNONYMS[folded]
    return next((_SYNONYMS[s] for s in _BY_LENGTH if " " in s and folded.startswith(s + " ")), None)


def _map(labels: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for index, label in enumerate(labels):
        name = _event_header(label)
        if name and name not in mapping.values():
            mapping[index] = name
    return mapping


def detect_event_layout(source: Source) -> EventLayout | None:
    """The event table of a file, or None when no sheet has a task id, a date and an action column."""
    best: tuple[int, Sheet, int, list[str], dict[int, str]] | None = None
    sheets = [s for s in source.sheets if not s.hidden] or source.sheets
    for sheet in sheets:
        for row in range(min(len(sheet.rows), MAX_HEADER_SCAN)):
            labels = [squash(cell_text(v)) for v in sheet.rows[row]]
            mapping = _map(labels)
            if all(name in mapping.values() for name in EVENT_REQUIRED):
                score = len(mapping)
                if best is None or score > best[0]:
                    best = (score, sheet, row, labels, mapping)
    if best is None:
        return None
    _, sheet, row, labels, mapping = best
    title = [" ".join(cell_text(v) for v in r if cell_text(v)) for r in sheet.rows[:row]]
    return EventLayout(sheet.name, row + 1, tuple(labels), mapping, find_snapshot_date(title))


_MEMO_LIMIT = 100_000  # distinct values remembered per column: a file of all-different cells stays small
_ACTION_EXAMPLES = ", ".join(words[0] for words in EVENT_ACTIONS.values())


def _unit(text: str) -> tuple[str | None, str | None]:
    name = squash(text)
    return (name, unit_key(name)) if name and is_unit_name(name) else (None, None)


def parse_events(source: Source, layout: EventLayout) -> ParsedTable:
    """Validate every row under the header: loaded, rejected (with every reason) or skipped as furniture."""
    rows = source.sheet(layout.sheet).rows
    parser = EventParser(layout)
    for index in range(layout.first_data_row - 1, len(rows)):
        parser.add(index, rows[index])
    return ParsedTable(layout, parser.take(), parser.rejects, parser.ignored, parser.blank)


class EventParser:
    """Decides rows one at a time, in file order: a history of millions of events is read in pieces, its loaded
    rows taken (`take`) every so often, so they are never all held in Python at once.

    A loaded row's "event_key" names the event itself; the same event written twice in one file is two events,
    numbered when they are stored (store.EventWriter), so the same file imported twice is not.
    """

    def __init__(self, layout: EventLayout) -> None:
        self.layout = layout
        self.width = len(layout.labels)
        self.col = {name: layout.column_of(name)
                    for name in ("task_id", "date", "action", "from_unit", "to_unit", "note")}
        self.ordinal = [i for i, label in enumerate(layout.labels) if fold(label) in ORDINAL_HEADERS]
        self.records: dict[str, list] = {name: [] for name in EVENT_FIELDS}
        self.rejects: list[Reject] = []
        self.ignored: list[Ignored] = []
        self.blank = 0
        self.loaded = 0
        self.last_day: dt.date | None = None  # of the loaded events
        # A history repeats a few units, actions and dates millions of times: each is worked out once.
        self._units: dict[str, tuple[str | None, str | None]] = {}
        self._actions: dict[str, tuple[str, int | None] | None] = {}
        self._days: dict[object, object] = {}

    def _remembered(self, memo: dict, value, work):
        key = (type(value), value)  # True, 1 and 1.0 are equal keys but not the same cell
        found = memo.get(key, memo)
        if found is memo:
            found = work(value)
            if len(memo) < _MEMO_LIMIT:
                memo[key] = found
        return found

    def take(self) -> dict[str, list]:
        """The loaded rows since the last take, column by column."""
        records, self.records = self.records, {name: [] for name in EVENT_FIELDS}
        return records

    def _cell(self, raw: list[object], name: str) -> object:
        index = self.col[name]
        return raw[index] if index is not None and index < len(raw) else ""

    def add(self, index: int, raw: list[object]) -> None:
        """Decide the row at `index` (0-based: the file's row index + 1)."""
        layout, cell = self.layout, self._cell
        cells = [cell_text(v) for v in raw[:self.width]]
        number = index + 1
        if not any(cells):
            self.blank += 1
            return
        if index == layout.first_data_row - 1 and is_numbering_row(raw):
            self.ignored.append(Ignored(number, "numbering_row", " | ".join(c for c in cells if c)[:200]))
            return
        task_id = cell_text(cell(raw, "task_id"))
        day = self._remembered(self._days, cell(raw, "date"), parse_date)
        if not task_id and not isinstance(day, dt.date):
            first = next(c for c in cells if c)
            numbered = any(cells[i].isdigit() for i in self.ordinal if i < len(cells))
            if not numbered and (_is_furniture(first) or _is_signature(first) or len(set(c for c in cells if c)) <= 2):
                code = "footer" if _is_signature(first) else "total_row" if _is_furniture(first) else "section_heading"
                self.ignored.append(Ignored(number, code, " | ".join(dict.fromkeys(c for c in cells if c))[:200]))
                return
        problems: list[Problem] = []
        if not task_id:
            problems.append(Problem("missing_task_id", {"column": layout.label_of("task_id")}))
        elif len(task_id) > MAX_CELL_CHARS:
            problems.append(Problem("cell_too_long", {"column": layout.label_of("task_id"), "length": len(task_id)}))
        if isinstance(day, DateProblem):
            problems.append(Problem(day.code, {"column": layout.label_of("date"), "value": day.value[:80]}))
        elif day is None:
            problems.append(Problem("missing_event_date", {"column": layout.label_of("date")}))
        action_text = squash(cell_text(cell(raw, "action")))
        action = self._remembered(self._actions, action_text, event_action) if action_text else None
        if action is None:
            problems.append(Problem("unknown_action", {"column": layout.label_of("action"),
                                                       "value": action_text[:80], "known": _ACTION_EXAMPLES}))
        if problems:
            self.rejects.append(Reject(number, problems, [cell_text(v) for v in raw[:self.width]]))
            return
        code, level = action
        from_unit, from_key = self._remembered(self._units, cell_text(cell(raw, "from_unit")), _unit)
        to_unit, to_key = self._remembered(self._units, cell_text(cell(raw, "to_unit")), _unit)
        note = cell_text(cell(raw, "note"))[:MAX_CELL_CHARS] or None
        event_key = hashlib.blake2b("\x1f".join(
            (task_id, day.isoformat(), code, str(level or ""), from_key or "", to_key or "")
        ).encode("utf-8"), digest_size=10).hexdigest()
        self.loaded += 1
        self.last_day = day if self.last_day is None else max(self.last_day, day)
        for name, value in (
            ("row", number), ("event_key", event_key), ("task_id", task_id), ("day", day), ("action", code),
            ("level", level), ("action_text", action_text), ("from_unit", from_unit), ("from_key", from_key),
            ("to_unit", to_unit), ("to_key", to_key), ("note", note),
        ):
            self.records[name].append(value)
