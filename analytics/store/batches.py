"""What an import, a recorded reminder or an undo writes (docs/design.md §5, batches and undo).

Every task row of every import is kept in `task_versions`; `tasks` holds, per task_id, the version from the
active batch with the latest snapshot date (ties: the later import). Undo marks a batch undone and rebuilds the
tasks it touched from what remains, so any batch can be undone in any order and nothing is lost. Event histories
are only ever added to (`event_versions`); the `events` view shows each event once.

Every function here works inside the caller's transaction (Store.writing).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from analytics.schema import infer_block
from analytics.store import tables


@dataclass(frozen=True)
class BatchSummary:
    batch_id: int
    inserted: int
    updated: int
    superseded: int


# What an importer records about a batch (the counts of what it changed are filled in here).
BATCH_FIELDS = (
    "kind", "file_name", "file_sha256", "file_size", "stored_name", "file_kind", "encoding", "sheet", "header_row",
    "labels", "mapping", "snapshot_date", "snapshot_source", "imported_at", "origin", "rows_read", "rows_loaded",
    "rows_rejected", "rows_ignored", "notes", "inserted", "updated", "superseded", "shares_keys",
)
_INSERT_BATCH = (  # column names from the constant above; values are bound
    "INSERT INTO batches (batch_id, " + ", ".join(BATCH_FIELDS) + ") VALUES ($batch_id, "
    + ", ".join("$" + name for name in BATCH_FIELDS) + ")"
)
_REPORT = ["source_row", "what", "detail", "sheet"]
_INSERT_REPORT = {
    "batch_rejects": "INSERT INTO batch_rejects BY NAME SELECT $batch AS batch_id, source_row, what AS problems, "
                     "detail AS cells, sheet FROM incoming_report",
    "batch_ignored": "INSERT INTO batch_ignored BY NAME SELECT $batch AS batch_id, source_row, what AS reason, "
                     "detail AS content, sheet FROM incoming_report",
}

# Rebuild `tasks` for the ids of one batch: the winning version among active batches.
_REBUILD_FOR_BATCH = (
    "DELETE FROM tasks WHERE task_id IN (SELECT task_id FROM task_versions WHERE batch_id = $batch)",
    """
INSERT INTO tasks
SELECT * EXCLUDE (source_row, rank) FROM (
    SELECT v.*, row_number() OVER (
        PARTITION BY v.task_id ORDER BY b.snapshot_date DESC, v.batch_id DESC, v.source_row DESC
    ) AS rank
    FROM task_versions v JOIN batches b USING (batch_id)
    WHERE b.undone_at IS NULL
      AND v.task_id IN (SELECT task_id FROM task_versions WHERE batch_id = $batch)
) WHERE rank = 1
""",
)
_INSERT_NEW_TASKS = "INSERT INTO tasks SELECT * EXCLUDE (source_row) FROM task_versions WHERE batch_id = $batch"


def new_batch(con: duckdb.DuckDBPyConnection, batch: dict, rejects: list[tuple], ignored: list[tuple]) -> int:
    """Record a batch and the report of its rejected and skipped rows: (row, what, detail[, sheet]); return its
    id."""
    batch_id = con.execute("SELECT nextval('batch_ids')").fetchall()[0][0]
    con.execute(_INSERT_BATCH, {"batch_id": batch_id, **{k: batch.get(k) for k in BATCH_FIELDS}})
    # Row reports go in as one table each: a file can have as many rejected rows as good ones.
    for table_name, rows in (("batch_rejects", rejects), ("batch_ignored", ignored)):
        if rows:
            rows = [(*row, None) if len(row) == 3 else row for row in rows]  # no sheet: the file's one
            con.register("incoming_report", pa.table([pa.array(values, pa.int32() if index == 0 else pa.string())
                                                      for index, values in enumerate(zip(*rows, strict=True))],
                                                     names=_REPORT))
            con.execute(_INSERT_REPORT[table_name], {"batch": batch_id})
            con.unregister("incoming_report")
    return batch_id


def write_tasks(con: duckdb.DuckDBPyConnection, *, batch: dict, rejects: list[tuple[int, str, str]],
                ignored: list[tuple[int, str, str]], unit_names: dict[str, str]) -> BatchSummary:
    """Record a register's batch whose loaded rows are the relation `incoming` (source_row + TASK_COLUMNS): its
    versions, rejects, new units and the rebuilt tasks. Returns what it changed."""
    existing, distinct, rows = con.execute(
        "SELECT (SELECT count(*) FROM tasks WHERE task_id IN (SELECT task_id FROM incoming)), "
        "count(DISTINCT task_id), count(*) FROM incoming").fetchall()[0]
    first = existing == 0 and distinct == rows  # only new tasks, each once (a first import): every version wins
    batch_id = new_batch(con, batch | ({"inserted": rows, "updated": 0, "superseded": 0} if first else {}),
                         rejects, ignored)
    con.execute(tables.INSERT_TASK_VERSIONS, {"batch": batch_id})
    con.register("incoming_units", pa.table({
        "unit_key": list(unit_names),
        "name": list(unit_names.values()),
        "block": [infer_block(name) for name in unit_names.values()],
    }))
    con.execute(
        "INSERT INTO units SELECT unit_key, name, block, NULL, 'inferred' FROM incoming_units "
        "WHERE unit_key NOT IN (SELECT unit_key FROM units)"
    )
    con.unregister("incoming_units")
    if first:  # nothing to delete or rank
        con.execute(_INSERT_NEW_TASKS, {"batch": batch_id})
        return BatchSummary(batch_id, rows, 0, 0)
    rebuild_tasks(con, batch_id)
    applied = con.execute("SELECT count(*) FROM tasks WHERE batch_id = $batch", {"batch": batch_id}).fetchall()[0][0]
    superseded = distinct - applied  # ids whose newer version (later snapshot) stays
    summary = BatchSummary(batch_id, distinct - existing, existing - superseded, superseded)
    con.execute(
        "UPDATE batches SET inserted = $i, updated = $u, superseded = $s WHERE batch_id = $batch",
        {"i": summary.inserted, "u": summary.updated, "s": summary.superseded, "batch": batch_id},
    )
    return summary


def rebuild_tasks(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    for statement in _REBUILD_FOR_BATCH:
        con.execute(statement, {"batch": batch_id})


def undo(con: duckdb.DuckDBPyConnection, batch_id: int) -> bool:
    """Undo a batch: its tasks go back to their previous version (or away), its events stop counting. False if
    there was nothing to undo."""
    changed = con.execute(
        "UPDATE batches SET undone_at = $now WHERE batch_id = $batch AND undone_at IS NULL RETURNING batch_id",
        {"now": dt.datetime.now(), "batch": batch_id},
    ).fetchall()
    if not changed:
        return False
    rebuild_tasks(con, batch_id)
    # Units no task refers to any more go too (a registry could bring them back later).
    con.execute(
        "DELETE FROM units WHERE block_source = 'inferred' AND unit_key NOT IN (SELECT DISTINCT unit_key FROM tasks)"
    )
    return True


# --- event histories ---------------------------------------------------------------------------------------

_EVENT_TYPES = {"row": pa.int32(), "day": pa.date32(), "level": pa.int32()}
_CREATE_INCOMING_EVENTS = """
CREATE TEMP TABLE incoming_events (
    row INTEGER, event_key VARCHAR, task_id VARCHAR, day DATE, action VARCHAR, level INTEGER, action_text VARCHAR,
    from_unit VARCHAR, from_key VARCHAR, to_unit VARCHAR, to_key VARCHAR, note VARCHAR
)"""
_NUMBER_REPEATED_EVENTS = """
UPDATE incoming_events SET event_key = r.event_key || '-' || r.nth
FROM (SELECT row, event_key, row_number() OVER (PARTITION BY event_key ORDER BY row) AS nth FROM incoming_events) r
WHERE incoming_events.row = r.row AND r.nth > 1
"""


class EventWriter:
    """The events of one history as they are read, kept in a temporary table until the batch is recorded.

    Events are only ever added: the `events` view shows each event_key once, so a re-imported history does not
    count anything twice. The same event written twice in one file is two events: its repeats get "-2", "-3"...
    after the key, in file order.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.numbered = False  # are the repeats of an event numbered already?
        con.execute(_CREATE_INCOMING_EVENTS)

    def add(self, events: dict[str, list]) -> None:
        """Some of the history's loaded rows, one list per column of event_versions but batch_id (the file's row
        is "row")."""
        if not events["row"]:
            return
        self.con.register("incoming_piece", pa.table({name: pa.array(values, _EVENT_TYPES.get(name, pa.string()))
                                                      for name, values in events.items()}))
        self.con.execute("INSERT INTO incoming_events BY NAME SELECT * FROM incoming_piece")
        self.con.unregister("incoming_piece")

    def add_from(self, relation: str) -> None:
        """The loaded rows of a history decided in SQL (ingest.events.LOADED_EVENTS), their repeats numbered."""
        self.con.execute(f"INSERT INTO incoming_events BY NAME SELECT source_row AS row, * EXCLUDE (source_row) "
                         f"FROM {relation}")
        self.numbered = True

    def unknown_tasks(self) -> int:
        """Events of tasks the register does not hold."""
        return self.con.execute("SELECT count(*) FROM incoming_events WHERE task_id NOT IN "
                                "(SELECT task_id FROM tasks)").fetchall()[0][0]

    def save(self, batch: dict, rejects: list[tuple[int, str, str]], ignored: list[tuple[int, str, str]]) -> int:
        """Record the batch and its events; return its id."""
        if not self.numbered:
            self.con.execute(_NUMBER_REPEATED_EVENTS)
        # A re-imported history brings no new events; shares_keys: it brings a key an earlier batch stored.
        new, shares = self.con.execute(
            "SELECT count(*) FILTER (WHERE event_key NOT IN (SELECT event_key FROM events)), "
            "coalesce(bool_or(event_key IN (SELECT event_key FROM event_versions)), false) FROM incoming_events"
        ).fetchall()[0]
        batch_id = new_batch(self.con, batch | {"inserted": new, "updated": 0, "superseded": 0,
                                                "shares_keys": shares}, rejects, ignored)
        self.con.execute(
            "INSERT INTO event_versions BY NAME "
            "SELECT $batch AS batch_id, * RENAME (row AS source_row) FROM incoming_events",
            {"batch": batch_id},
        )
        self.con.execute("DROP TABLE incoming_events")
        return batch_id


# --- reading ----------------------------------------------------------------------------------------------

def known_units(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Known units: key -> display name."""
    return dict(con.execute("SELECT unit_key, name FROM units").fetchall())


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def all_batches(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Import history, newest first."""
    return _dicts(con.execute("SELECT * FROM batches ORDER BY batch_id DESC"))


def one_batch(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict | None:
    found = _dicts(con.execute("SELECT * FROM batches WHERE batch_id = ?", [batch_id]))
    return found[0] if found else None


def batch_labels(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[str]:
    """The header of the file a batch came from, column by column."""
    rows = con.execute("SELECT labels FROM batches WHERE batch_id = ?", [batch_id]).fetchall()
    return json.loads(rows[0][0]) if rows and rows[0][0] else []


def batch_rejects(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[dict]:
    """A batch's rejected rows in file order (of a register read over several sheets, sheet by sheet as read)."""
    rows = con.execute(
        "SELECT source_row, problems, cells, sheet FROM batch_rejects WHERE batch_id = ? ORDER BY rowid", [batch_id],
    ).fetchall()
    return [{"row": r, "problems": json.loads(p), "cells": json.loads(c or "[]"), "sheet": s} for r, p, c, s in rows]
