"""Event histories: one row per thing that happened to a task (task id, date, action, from unit, to unit):
transfers, returns, escalations, extensions, reminders (docs/design.md §2, §5). Read as a register is: the header
is found under a title block, the rows go into the database as one raw table (ingest.raw), report furniture is
skipped and listed, and every other row is loaded or rejected with its row number and every reason, the rules
applied a column at a time in SQL and each distinct date, action and unit worked out once in Python."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from analytics.ingest.dates import DateProblem, find_snapshot_date, parse_date
from analytics.ingest.layout import best_header, is_numbering_row
from analytics.ingest.raw import RAW, WHITESPACE, column, text_of
from analytics.ingest.rows import Ignored, Reject, is_furniture, is_signature, row_text
from analytics.ingest.source import MAX_CELL_CHARS, Source, cell_text
from analytics.ingest.values import Problem, is_unit_name
from analytics.schema import (
    EVENT_ACTIONS,
    EVENT_COLUMNS,
    EVENT_KEY_SQL,
    EVENT_REQUIRED,
    ORDINAL_HEADERS,
    event_action,
)
from analytics.text import fold, squash, unit_key

_SYNONYMS: dict[str, str] = {}
for _column in EVENT_COLUMNS:
    for _synonym in _column.synonyms:
        _SYNONYMS.setdefault(fold(_synonym), _column.name)
_BY_LENGTH = sorted(_SYNONYMS, key=len, reverse=True)



@dataclass(frozen=True)
class EventLayout:
    """Where an event history's table is: sheet, header row (1-based), labels and column mapping."""

    sheet: str
    header_row: int
    labels: tuple[str, ...]
    mapping: dict[int, str]  # column index -> event column
    snapshot_date: dt.date | None = None
    header_rows: int = 1
    date1904: bool = False  # the workbook counts its serial numbers from 1904 (Source.date1904)

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
    found = best_header(source, _map, lambda mapping: all(name in mapping.values() for name in EVENT_REQUIRED))
    if found is None:
        return None
    sheet, row, labels, mapping = found
    title = [" ".join(cell_text(v) for v in r if cell_text(v)) for r in sheet.rows[:row]]
    return EventLayout(sheet.name, row + 1, tuple(labels), mapping, find_snapshot_date(title),
                       date1904=source.date1904)


def names_known_actions(source: Source, layout: EventLayout, rows: int = 50) -> bool:
    """Do most of the first rows that name a task or a date name an action we know? (A register lacking its
    deadline column can have an ID, a date and a "Nội dung" column too: it is not a history of unknown
    actions.)"""
    task, date, action = (layout.column_of(name) for name in ("task_id", "date", "action"))
    read = unknown = 0
    for raw in source.sheet(layout.sheet).rows[layout.first_data_row - 1: layout.first_data_row - 1 + rows]:
        def cell(index: int | None, row: list[object] = raw) -> object:
            return row[index] if index is not None and index < len(row) else None

        if not cell_text(cell(task)) and not isinstance(parse_date(cell(date)), dt.date):
            continue  # blank, or report furniture
        read += 1
        text = squash(cell_text(cell(action)))
        unknown += not (text and event_action(text))
    return bool(read) and unknown * 2 < read


_ACTION_EXAMPLES = ", ".join(words[0] for words in EVENT_ACTIONS.values())
LOADED_EVENTS = "loaded_events"  # the relation decide_events leaves: the rows to load (store.batches.EventWriter)


@dataclass
class DecidedEvents:
    rows_loaded: int
    rejects: list[Reject]
    ignored: list[Ignored]
    blank_rows: int
    last_day: dt.date | None  # of the loaded events
    loaded_rows: list[int] | None = None  # the file's row numbers of the loaded rows (asked for by the preview)

    @property
    def rows_read(self) -> int:
        return self.rows_loaded + len(self.rejects)


def _table(con: duckdb.DuckDBPyConnection, name: str, arrow: pa.Table) -> None:
    """An Arrow table the SQL that follows reads under `name` (nothing is copied: these are small)."""
    con.register(name, arrow)


def _distinct(con: duckdb.DuckDBPyConnection, cols: list[int]) -> dict[int, list[str]]:
    """The distinct non-empty cells of each of `cols`, read in one query."""
    found: dict[int, list[str]] = {col: [] for col in cols}
    if cols:
        for col, value in con.execute(" UNION ALL ".join(
                f"SELECT DISTINCT {col} AS col, {column(col)} AS raw FROM {RAW} WHERE {column(col)} IS NOT NULL"
                for col in dict.fromkeys(cols))).fetchall():
            found[col].append(value)
    return found


def _problem(code: str, **params: object) -> str:
    return json.dumps({"code": code, "params": params}, ensure_ascii=False)


def _maps(con: duckdb.DuckDBPyConnection, layout: EventLayout, col: dict[str, int | None]) -> None:
    """Each distinct date, action and unit cell worked out once, into one table event_cells keyed by (col, raw):
    a date's day or problem, an action's code, level and text, a unit's name and key."""
    cells = _distinct(con, [i for i in (col["date"], col["action"], col["from_unit"], col["to_unit"]) if i is not None])
    table: dict[str, list] = {name: [] for name in (
        "col", "raw", "day", "problem", "text", "action", "level", "name", "unit_key")}

    def add(index: int, raw: str, **values: object) -> None:
        for name, found in table.items():
            found.append(index if name == "col" else raw if name == "raw" else values.get(name))

    label = layout.label_of("date")
    for raw in cells.get(col["date"], []):
        found = parse_date(raw, layout.date1904)
        add(col["date"], raw, day=found if isinstance(found, dt.date) else None,
            problem=_problem(found.code, column=label, value=found.value[:80])
            if isinstance(found, DateProblem) else None)
    for raw in cells.get(col["action"], []):
        text = squash(cell_text(raw))
        action = event_action(text) if text else None
        add(col["action"], raw, text=text or None, action=action[0] if action else None,
            level=action[1] if action else None)
    for index in {col["from_unit"], col["to_unit"]} - {None}:
        for raw in cells[index]:
            name = squash(cell_text(raw))
            if name and is_unit_name(name):
                add(index, raw, name=name, unit_key=unit_key(name))
    types = {"col": pa.int32(), "day": pa.date32(), "level": pa.int32()}
    con.register("event_cells_arrow", pa.table({name: pa.array(values, types.get(name, pa.string()))
                                                for name, values in table.items()}))
    con.execute("CREATE OR REPLACE TEMP TABLE event_cells AS SELECT * FROM event_cells_arrow")
    con.unregister("event_cells_arrow")


def _join(alias: str, col: int | None) -> str:
    """The event_cells of one column, joined to the raw row's cell (no column: nothing matches)."""
    if col is None:
        return f"LEFT JOIN (SELECT * FROM event_cells WHERE false) {alias} ON true"
    return f"LEFT JOIN event_cells {alias} ON {alias}.col = {col} AND {alias}.raw = r.{column(col)}"


def decide_events(con: duckdb.DuckDBPyConnection, layout: EventLayout, rows: int, trailing_blank: int = 0,
                  with_row_numbers: bool = False) -> DecidedEvents:
    """Apply a history's rules to raw_rows (`rows` rows) under `layout`: the rows to load become the relation
    loaded_events (source_row, event_key, task_id, day, action, level, action_text, from/to unit and key, note)."""
    width = len(layout.labels)
    first_row = layout.first_data_row
    col = {name: layout.column_of(name) for name in ("task_id", "date", "action", "from_unit", "to_unit", "note")}
    col = {name: (i if i is not None and i < width else None) for name, i in col.items()}
    ordinal = [i for i, label in enumerate(layout.labels) if fold(label) in ORDINAL_HEADERS]
    _maps(con, layout, col)
    every_cell = ", ".join(f"r.{column(i)}" for i in range(width))
    task_id = text_of(f"r.{column(col['task_id'])}") if col["task_id"] is not None else "NULL::VARCHAR"
    note = text_of(f"r.{column(col['note'])}") if col["note"] is not None else "NULL::VARCHAR"
    blank = " AND ".join(f"{text_of(f'r.{column(i)}')} IS NULL" for i in range(width)) or "true"
    date_join = _join("d", col["date"])
    # Rows with neither a task id nor a real date may be report furniture: decided in Python, in file order.
    ignored: list[Ignored] = []
    skipped: list[int] = []
    candidates = con.execute(f"SELECT r.rowid, {every_cell} FROM {RAW} r WHERE r.rowid = 0 OR {task_id} IS NULL "
                             "ORDER BY r.rowid", {"whitespace": WHITESPACE}).fetchall()
    for pos, *raw in candidates:
        cells = [cell_text(v) for v in raw]
        if not any(cells):
            continue  # a blank row (counted below)
        if pos == 0 and is_numbering_row(raw):
            ignored.append(Ignored(first_row + pos, "numbering_row", " | ".join(c for c in cells if c)[:200]))
            skipped.append(pos)
            continue
        if (cells[col["task_id"]] if col["task_id"] is not None else "") or isinstance(
                parse_date(raw[col["date"]] if col["date"] is not None else None), dt.date):
            continue
        first = next(c for c in cells if c)
        numbered = any(cells[i].isdigit() for i in ordinal if i < len(cells))
        if not numbered and (is_furniture(first) or is_signature(first) or len({c for c in cells if c}) <= 2):
            code = "footer" if is_signature(first) else "total_row" if is_furniture(first) else "section_heading"
            ignored.append(Ignored(first_row + pos, code, row_text(cells)))
            skipped.append(pos)
    if skipped:
        _table(con, "event_skipped", pa.table({"pos": pa.array(skipped, pa.int64())}))
    params = {
        "whitespace": WHITESPACE, "first_row": first_row,
        "missing_task_id": _problem("missing_task_id", column=layout.label_of("task_id")),
        "task_label": layout.label_of("task_id"), "too_long": MAX_CELL_CHARS,
        "missing_date": _problem("missing_event_date", column=layout.label_of("date")),
        "action_label": layout.label_of("action"), "known": _ACTION_EXAMPLES,
    }
    con.execute(f"""
CREATE OR REPLACE TEMP TABLE event_decided AS
SELECT *, list_filter([
    CASE WHEN task_id IS NULL THEN $missing_task_id
         WHEN length(task_id) > $too_long THEN json_object('code', 'cell_too_long', 'params',
             json_object('column', $task_label::VARCHAR, 'length', length(task_id)))::VARCHAR END,
    CASE WHEN day_problem IS NOT NULL THEN day_problem WHEN day IS NULL THEN $missing_date END,
    CASE WHEN action IS NULL THEN json_object('code', 'unknown_action', 'params', json_object(
        'column', $action_label::VARCHAR, 'value', left(coalesce(action_text, ''), 80), 'known', $known::VARCHAR
    ))::VARCHAR END
]::VARCHAR[], lambda p: p IS NOT NULL) AS problems
FROM (
    SELECT r.rowid AS pos, $first_row + r.rowid AS source_row, {task_id} AS task_id, d.day, d.problem AS day_problem,
           a.action, a.level, a.text AS action_text, f.name AS from_unit, f.unit_key AS from_key,
           t.name AS to_unit, t.unit_key AS to_key, left({note}, {MAX_CELL_CHARS}) AS note, ({blank}) AS blank
    FROM {RAW} r {date_join} {_join("a", col["action"])} {_join("f", col["from_unit"])} {_join("t", col["to_unit"])}
    {"WHERE r.rowid NOT IN (SELECT pos FROM event_skipped)" if skipped else ""}
)
""", params)
    con.execute(f"""
CREATE OR REPLACE TEMP VIEW {LOADED_EVENTS} AS
SELECT source_row, CASE WHEN repeat > 1 THEN event_key || '-' || repeat ELSE event_key END AS event_key, task_id,
       day, action, level, action_text, from_unit, from_key, to_unit, to_key, note
FROM (
    -- The same event written twice in one file is two events: its repeats get "-2", "-3"... in file order.
    SELECT *, row_number() OVER (PARTITION BY event_key ORDER BY source_row) AS repeat
    FROM (SELECT *, {EVENT_KEY_SQL} AS event_key FROM event_decided WHERE NOT blank AND len(problems) = 0)
)
""")
    loaded, rejected, last_day, blank_rows = con.execute(
        "SELECT count(*) FILTER (WHERE NOT blank AND len(problems) = 0), "
        "count(*) FILTER (WHERE NOT blank AND len(problems) > 0), "
        "max(day) FILTER (WHERE NOT blank AND len(problems) = 0), count(*) FILTER (WHERE blank) "
        "FROM event_decided").fetchall()[0]
    rejects = [
        Reject(first_row + pos, [Problem(p["code"], p["params"]) for p in map(json.loads, problems)],
               [cell_text(c) for c in cells])
        for pos, problems, *cells in con.execute(
            f"SELECT e.pos, e.problems, {every_cell} FROM event_decided e JOIN {RAW} r ON r.rowid = e.pos "
            "WHERE NOT e.blank AND len(e.problems) > 0 ORDER BY e.pos").fetchall()
    ] if rejected else []
    loaded_rows = [r for r, in con.execute(f"SELECT source_row FROM {LOADED_EVENTS} ORDER BY 1").fetchall()] \
        if with_row_numbers else None
    con.execute(f"DROP TABLE {RAW}")  # memory for the write that follows
    return DecidedEvents(loaded, rejects, sorted(ignored, key=lambda i: i.row), blank_rows + trailing_blank,
                         last_day, loaded_rows)
