"""The DuckDB file: sandboxed short-lived connections, import batches, upsert by task_id, undo.

Concurrency: DuckDB lets one process hold the file. The app and a scheduled `python -m analytics import`
must share it, so every connection here is short-lived (opened for one piece of work, then closed) and
opening retries while another process holds the lock. Within one process connections share one database
instance, so writers are serialised with a lock of our own.

Every task row of every import is kept in `task_versions`; `tasks` holds, per task_id, the version from the
active batch with the latest snapshot date (ties: the later import). Undo marks a batch undone and rebuilds
the tasks it touched from what remains, so any batch can be undone in any order and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from analytics import settings
from analytics.queries import latest_snapshot
from analytics.schema import DEFAULT_CAUSE_RULES, infer_block
from analytics.text import TONE_PLACEMENTS, fold

SCHEMA_VERSION = "1"

TASK_COLUMNS = (
    "task_id", "title", "unit", "unit_key", "assignee", "assigner", "source_doc", "origin", "field",
    "assigned_date", "due_date", "extended_due_date", "completed_date", "status", "cause", "transfers", "note",
)
_EVENT_TYPES = {"row": pa.int32(), "day": pa.date32(), "level": pa.int32()}
_ARROW_TYPES = {
    "assigned_date": pa.date32(), "due_date": pa.date32(), "extended_due_date": pa.date32(),
    "completed_date": pa.date32(), "transfers": pa.int32(), "source_row": pa.int32(),
}

def _tone_placed_sql(expression: str) -> str:
    """`expression` with analytics.text's old-style tone placements rewritten (constant letters, no input)."""
    for old, new in TONE_PLACEMENTS:
        expression = f"replace({expression}, '{old}', '{new}')"
    return expression


_SCHEMA = """
-- Text as words for matching: lower case, anything but letters and digits one space ("Xã Tịnh Ấn – Đức"
-- -> "xã tịnh ấn đức"); folded, also without accents and with đ as d ("xa tinh an duc"). The SQL spelling
-- of analytics.text.fold.
CREATE OR REPLACE MACRO words_text(s) AS  -- (two steps: a class without the space is much faster to replace)
    trim(regexp_replace(regexp_replace(lower(coalesce(s, '')), '[^\\pL\\pN ]+', ' ', 'g'), '  +', ' ', 'g'));
CREATE OR REPLACE MACRO fold_words(w) AS replace(strip_accents(w), 'đ', 'd');
CREATE OR REPLACE MACRO fold_text(s) AS fold_words(words_text(s));
-- Words with every tone mark where the new style puts it: "Thanh Hoá" reads as "thanh hóa".
CREATE OR REPLACE MACRO tone_placed(w) AS {tone_placed};
CREATE OR REPLACE MACRO tone_placed_words(s) AS tone_placed(words_text(s));
-- The first 16 bytes of a text's Vietnamese sort key as a number: when two texts' numbers differ, they are in
-- that order under COLLATE vi as well, so a sort by collation need only collate the texts that tie on it
-- (explore.records). NULL for NULL.
-- Bytes 16 * part + 1 to 16 * part + 16 of a sort key (written in hex) as a number, zeros past its end: a text
-- sorted by its parts 0, 1, 2 is in COLLATE vi order wherever those 48 bytes differ.
CREATE OR REPLACE MACRO sort_key_part(k, part) AS ('0x' || rpad(substr(k, 32 * part + 1, 32), 32, '0'))::UHUGEINT;
CREATE OR REPLACE MACRO sort_prefix(s) AS sort_key_part(icu_sort_key(s, 'vi'), 0);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS batch_ids START 1;
CREATE TABLE IF NOT EXISTS batches (
    batch_id INTEGER PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    file_size BIGINT,
    stored_name VARCHAR,
    file_kind VARCHAR,
    encoding VARCHAR,
    sheet VARCHAR,
    header_row INTEGER,
    labels VARCHAR,
    mapping VARCHAR,
    snapshot_date DATE NOT NULL,
    snapshot_source VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    origin VARCHAR NOT NULL,
    rows_read INTEGER NOT NULL,
    rows_loaded INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rows_ignored INTEGER NOT NULL,
    inserted INTEGER,
    updated INTEGER,
    superseded INTEGER,
    notes VARCHAR,
    undone_at TIMESTAMP,
    kind VARCHAR NOT NULL DEFAULT 'tasks',  -- tasks (a register), events (a history), reminders (sent in the app)
    shares_keys BOOLEAN  -- events: does the batch bring an event_key an earlier batch stored (the events view)
);
CREATE TABLE IF NOT EXISTS batch_rejects (
    batch_id INTEGER NOT NULL, source_row INTEGER NOT NULL, problems VARCHAR NOT NULL, cells VARCHAR
);
CREATE TABLE IF NOT EXISTS batch_ignored (
    batch_id INTEGER NOT NULL, source_row INTEGER NOT NULL, reason VARCHAR NOT NULL, content VARCHAR
);
CREATE TABLE IF NOT EXISTS task_versions (
    batch_id INTEGER NOT NULL,
    source_row INTEGER,
    task_id VARCHAR NOT NULL,
    title VARCHAR,
    unit VARCHAR NOT NULL,
    unit_key VARCHAR NOT NULL,
    assignee VARCHAR,
    assigner VARCHAR,
    source_doc VARCHAR,
    origin VARCHAR,
    field VARCHAR,
    assigned_date DATE,
    due_date DATE,
    extended_due_date DATE,
    completed_date DATE,
    status VARCHAR,
    cause VARCHAR,
    transfers INTEGER,
    note VARCHAR,
    search_key VARCHAR,  -- the title and source document folded (no accents): what the search box matches
    search_words VARCHAR,  -- the same as words with their accents, for a search typed with accents
    task_id_sort UHUGEINT,  -- sort_prefix(task_id): the records table sorts by it first
    title_sort UHUGEINT,  -- sort_prefix(title)
    title_sort2 UHUGEINT,  -- the next 16 bytes of the title's sort key: titles often share a long beginning
    title_sort3 UHUGEINT
);
CREATE TABLE IF NOT EXISTS tasks AS SELECT * EXCLUDE (source_row) FROM task_versions LIMIT 0;
CREATE TABLE IF NOT EXISTS units (
    unit_key VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    block VARCHAR NOT NULL,
    parent VARCHAR,
    block_source VARCHAR NOT NULL
);
-- The event history (transfers, returns, escalations, extensions, reminders): every imported or recorded
-- event is kept per batch; `events` shows each event once (the same event in a re-imported history is one).
CREATE TABLE IF NOT EXISTS event_versions (
    batch_id INTEGER NOT NULL,
    source_row INTEGER,
    event_key VARCHAR NOT NULL,
    task_id VARCHAR NOT NULL,
    day DATE NOT NULL,
    action VARCHAR NOT NULL,
    level INTEGER,
    action_text VARCHAR,
    from_unit VARCHAR,
    from_key VARCHAR,
    to_unit VARCHAR,
    to_key VARCHAR,
    note VARCHAR
);
-- How free-text causes of delay fall into categories: the first rule (by position) whose words appear wins.
CREATE TABLE IF NOT EXISTS cause_rules (
    position INTEGER NOT NULL, words VARCHAR NOT NULL, pattern VARCHAR NOT NULL, category VARCHAR NOT NULL,
    kind VARCHAR NOT NULL
);
-- row_ref: the task's row, for reading a few chosen tasks whole after choosing them by one column (explore.records)
CREATE OR REPLACE VIEW facts AS
SELECT t.rowid AS row_ref, t.*, u.name AS unit_name, u.block, u.parent,
       coalesce(t.extended_due_date, t.due_date) AS effective_due
FROM tasks t JOIN units u USING (unit_key);
""".replace("{tone_placed}", _tone_placed_sql("w"))

# Each event once: the version of the latest active batch. Only a batch that brought keys already stored (a
# history imported again, a reminder recorded twice) can hold a second version of an event, so only the keys of
# such batches are ranked; every other event is taken as it is, without sorting millions of keys.
_EVENTS_VIEW = """
CREATE OR REPLACE VIEW events AS
WITH active AS (
    SELECT batch_id, coalesce(shares_keys, true) AS shares_keys FROM batches WHERE undone_at IS NULL
),
shared AS (
    SELECT DISTINCT v.event_key FROM event_versions v JOIN active a USING (batch_id) WHERE a.shares_keys
)
SELECT v.* FROM event_versions v JOIN active a USING (batch_id)
WHERE v.event_key NOT IN (SELECT event_key FROM shared)
UNION ALL
SELECT * EXCLUDE (rank) FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.event_key ORDER BY v.batch_id DESC) AS rank
    FROM event_versions v JOIN active a USING (batch_id)
    WHERE v.event_key IN (SELECT event_key FROM shared)
) WHERE rank = 1
"""
# Event batches stored before shares_keys: whether each brought a key an earlier batch had stored.
_FLAG_SHARED_KEYS = """
UPDATE batches SET shares_keys = EXISTS (
    SELECT 1 FROM event_versions v JOIN event_versions w ON w.event_key = v.event_key AND w.batch_id < v.batch_id
    WHERE v.batch_id = batches.batch_id
)
WHERE shares_keys IS NULL AND kind <> 'tasks'
"""

# Columns made from others when a row is written. What the search box matches: the folded title and source
# document, kept apart by a mark no folded search contains (a phrase never runs from the end of a title into
# the document number), with a space at each end so that a phrase of whole words is found by one plain
# `contains` of " phrase " (no text is built per row). What sorts by text begins with: sort_prefix.
_DERIVED = {
    "search_key": ("VARCHAR", "' ' || fold_words(title_words) || ' | ' || fold_words(doc_words) || ' '"),
    "search_words": ("VARCHAR", "' ' || tone_placed(title_words) || ' | ' || tone_placed(doc_words) || ' '"),
    "task_id_sort": ("UHUGEINT", "sort_prefix(task_id)"),
    "title_sort": ("UHUGEINT", "sort_key_part(title_key, 0)"),
    "title_sort2": ("UHUGEINT", "sort_key_part(title_key, 1)"),
    "title_sort3": ("UHUGEINT", "sort_key_part(title_key, 2)"),
}
# Both search keys start from the words of the title and of the document, the title's sort parts from its sort
# key: each made once per row.
_WORDS_INLINE = {"title_words": "words_text(title)", "doc_words": "words_text(source_doc)",
                 "title_key": "icu_sort_key(title, 'vi')"}
_WORDS = ", ".join(f"{expression} AS {name}" for name, expression in _WORDS_INLINE.items())
DERIVED_VERSION = "6"  # a new way of folding or sorting refills every derived column (meta 'search_key')
# Earlier versions whose columns still hold: only the columns added since are filled, and version 4's search
# keys get their outer spaces.
_ADDED_SINCE = {"4": ("title_sort2", "title_sort3"), "5": ("title_sort2", "title_sort3")}
_HAS_COLUMN = (
    "SELECT count(*) FROM duckdb_columns() WHERE table_name = $table AND column_name = $column "
    "AND database_name = current_database()"
)
# Statements made once here from the fixed names above (identifiers cannot be bound; no input reaches them).
_TASK_TABLES = ("task_versions", "tasks")
_ADD_DERIVED_COLUMN = {
    (table, column): f"ALTER TABLE {table} ADD COLUMN {column} {kind}"
    for table in _TASK_TABLES for column, (kind, _) in _DERIVED.items()
}
# A column is refilled by rewriting it (ALTER ... USING), not by UPDATE: an update of ten million texts is
# held in memory until it commits, a rewritten column is written out like an import.
def _inline_words(sql: str) -> str:
    for name, expression in _WORDS_INLINE.items():
        sql = sql.replace(name, expression)
    return sql


_FILL_DERIVED = {
    (table, column): f"ALTER TABLE {table} ALTER {column} TYPE {kind} USING ({_inline_words(sql)})"
    for table in _TASK_TABLES for column, (kind, sql) in _DERIVED.items()
}
_PAD_SEARCH_KEYS = {
    table: [f"ALTER TABLE {table} ALTER {column} TYPE VARCHAR USING (' ' || {column} || ' ')"
            for column in ("search_key", "search_words")]
    for table in _TASK_TABLES
}
_INSERT_TASK_VERSIONS = (
    f"INSERT INTO task_versions SELECT $batch AS batch_id, * EXCLUDE ({', '.join(_WORDS_INLINE)}), "
    + ", ".join(sql for _, sql in _DERIVED.values()) + f" FROM (SELECT *, {_WORDS} FROM incoming)"
)


def _ensure_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Files made before a derived column, or with an older folding: the derived columns are added at the end
    of both task tables (the task rebuild copies columns by position) and filled, in one transaction, so an
    interrupted start leaves nothing half done and the next start does it again."""
    done = con.execute("SELECT value FROM meta WHERE key = 'search_key'").fetchall()
    version = done[0][0] if done else None
    if version == DERIVED_VERSION:
        return
    changed = _ADDED_SINCE.get(version, tuple(_DERIVED))
    con.execute("BEGIN TRANSACTION")
    try:
        for table in _TASK_TABLES:
            for column in _DERIVED:  # in the same order in both tables
                if not con.execute(_HAS_COLUMN, {"table": table, "column": column}).fetchall()[0][0]:
                    con.execute(_ADD_DERIVED_COLUMN[table, column])
            if version == "4":  # the search keys only lack their outer spaces: far quicker to add
                for statement in _PAD_SEARCH_KEYS[table]:
                    con.execute(statement)
            for column in _DERIVED:
                if column in changed:
                    con.execute(_FILL_DERIVED[table, column])
        con.execute("INSERT OR REPLACE INTO meta VALUES ('search_key', ?)", [DERIVED_VERSION])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


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


# What an importer records about a batch (the rest is filled in by save_batch).
BATCH_FIELDS = (
    "kind", "file_name", "file_sha256", "file_size", "stored_name", "file_kind", "encoding", "sheet", "header_row",
    "labels", "mapping", "snapshot_date", "snapshot_source", "imported_at", "origin", "rows_read", "rows_loaded",
    "rows_rejected", "rows_ignored", "notes",
)
_INSERT_BATCH = (  # column names from the constant above; values are bound
    "INSERT INTO batches (batch_id, " + ", ".join(BATCH_FIELDS) + ") VALUES ($batch_id, "
    + ", ".join("$" + name for name in BATCH_FIELDS) + ")"
)


_REPORT = ["source_row", "what", "detail"]
_INSERT_REPORT = {
    "batch_rejects": "INSERT INTO batch_rejects SELECT $batch, source_row, what, detail FROM incoming_report",
    "batch_ignored": "INSERT INTO batch_ignored SELECT $batch, source_row, what, detail FROM incoming_report",
}


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


class StoreBusy(Exception):
    """Another process has held the database for longer than we are willing to wait."""


class StoreError(Exception):
    """The database file cannot be used (damaged, not a DuckDB file, unwritable)."""


_write_locks: dict[Path, threading.Lock] = {}
_write_locks_guard = threading.Lock()
_sandbox_lock = threading.Lock()


def _write_lock(path: Path) -> threading.Lock:
    with _write_locks_guard:
        return _write_locks.setdefault(path, threading.Lock())


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


@dataclass(frozen=True)
class BatchSummary:
    batch_id: int
    inserted: int
    updated: int
    superseded: int


class EventWriter:
    """The events of one history as they are read, kept in a temporary table until the batch is recorded.

    Events are only ever added: the `events` view shows each event_key once, so a re-imported history does not
    count anything twice. The same event written twice in one file is two events: its repeats get "-2", "-3"...
    after the key, in file order.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def add(self, events: dict[str, list]) -> None:
        """Some of the history's loaded rows, one list per column (as ingest.events.EventParser.take gives)."""
        if not events["row"]:
            return
        self.con.register("incoming_piece", pa.table({name: pa.array(values, _EVENT_TYPES.get(name, pa.string()))
                                                      for name, values in events.items()}))
        self.con.execute("INSERT INTO incoming_events BY NAME SELECT * FROM incoming_piece")
        self.con.unregister("incoming_piece")

    def unknown_tasks(self) -> int:
        """Events of tasks the register does not hold."""
        return self.con.execute("SELECT count(*) FROM incoming_events WHERE task_id NOT IN "
                                "(SELECT task_id FROM tasks)").fetchall()[0][0]

    def save(self, batch: dict, rejects: list[tuple[int, str, str]], ignored: list[tuple[int, str, str]]) -> int:
        """Record the batch and its events; return its id."""
        batch_id = _new_batch(self.con, batch, rejects, ignored)
        self.con.execute(_NUMBER_REPEATED_EVENTS)
        new = self.con.execute("SELECT count(*) FROM incoming_events WHERE event_key NOT IN "
                               "(SELECT event_key FROM events)").fetchall()[0][0]
        shares = self.con.execute("SELECT EXISTS (SELECT 1 FROM incoming_events i JOIN event_versions v "
                                  "USING (event_key))").fetchall()[0][0]
        self.con.execute("UPDATE batches SET inserted = $new, updated = 0, superseded = 0, shares_keys = $shares "
                         "WHERE batch_id = $batch",  # a re-imported history brings no new events
                         {"new": new, "shares": shares, "batch": batch_id})
        self.con.execute(
            "INSERT INTO event_versions BY NAME "
            "SELECT $batch AS batch_id, * RENAME (row AS source_row) FROM incoming_events",
            {"batch": batch_id},
        )
        return batch_id


class Store:
    """One deployment's database file and the folder of original files next to it."""

    def __init__(self, path: str | Path | None = None, *, lock_wait: float | None = None) -> None:
        self.path = Path(path).expanduser().resolve() if path else settings.db_path()
        self.originals_dir = self.path.with_name(self.path.stem + ".originals")
        self.temp_dir = self.path.with_name(self.path.stem + ".tmp")
        self.lock_wait = settings.lock_wait_seconds() if lock_wait is None else lock_wait

    # --- connections ---------------------------------------------------------------------------------

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A sandboxed connection, retried while another process holds the file, closed afterwards."""
        con = self._open()
        try:
            yield con
        finally:
            con.close()

    def _open(self) -> duckdb.DuckDBPyConnection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.lock_wait
        pause = 0.05
        while True:
            try:
                con = duckdb.connect(
                    str(self.path),
                    config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
                )
                break
            except duckdb.IOException as exc:
                if not _is_lock_conflict(exc):
                    raise StoreError(str(exc).splitlines()[0]) from exc
                if time.monotonic() >= deadline:
                    raise StoreBusy(str(exc).splitlines()[0]) from exc
                time.sleep(pause)
                pause = min(pause * 1.5, 0.5)
            except duckdb.Error as exc:
                raise StoreError(str(exc).splitlines()[0]) from exc
        try:
            self._sandbox(con)
        except Exception:
            con.close()
            raise
        return con

    def _sandbox(self, con: duckdb.DuckDBPyConnection) -> None:
        """No file, network or extension access from SQL; limits set; then the settings are locked.

        Connections in one process share a database instance, whose settings are locked by the first.
        """
        with _sandbox_lock:  # two sessions opening at once must not both try to configure the instance
            if con.execute("SELECT current_setting('lock_configuration')").fetchall()[0][0]:
                return
            self.temp_dir.mkdir(parents=True, exist_ok=True)
            self.originals_dir.mkdir(parents=True, exist_ok=True)
            con.execute("SET temp_directory = ?", [str(self.temp_dir)])
            # The kept originals are readable: a large text export is read from there (ingest.bulk).
            con.execute("SET allowed_directories = ?", [[str(self.temp_dir), str(self.originals_dir)]])
            con.execute("SET enable_external_access = false")
            con.execute("SET memory_limit = ?", [settings.memory_limit()])
            con.execute("SET threads = ?", [settings.threads()])
            con.execute("SET lock_configuration = true")

    def ensure(self) -> None:
        """Create the schema when the file is new, bring an older file up to date (idempotent)."""
        with _write_lock(self.path), self.connect() as con:
            con.execute(_SCHEMA)
            # Files made before event histories existed: every batch they hold is a register.
            con.execute("ALTER TABLE batches ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'tasks'")
            con.execute("ALTER TABLE batches ADD COLUMN IF NOT EXISTS shares_keys BOOLEAN")
            con.execute(_FLAG_SHARED_KEYS)
            con.execute(_EVENTS_VIEW)
            _ensure_derived(con)
            con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [SCHEMA_VERSION])
            # The secret that keys officers' codes when names are hidden (queries.View.hide_names).
            con.execute("INSERT INTO meta VALUES ('name_key', ?) ON CONFLICT DO NOTHING", [secrets.token_hex(16)])
            if not con.execute("SELECT count(*) FROM meta WHERE key = 'cause_rules'").fetchall()[0][0]:
                _write_cause_rules(con, DEFAULT_CAUSE_RULES)
                con.execute("INSERT INTO meta VALUES ('cause_rules', 'default')")

    def version(self) -> str:
        """A token that changes whenever committed data changes: cache keys use it.

        It is read from the file system (no connection needed), so a repeated view costs no database work.
        Every commit writes the write-ahead log or the file itself; reads write nothing.
        """
        parts = []
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                stat = path.stat()
                parts.append(f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}")
            except FileNotFoundError:
                parts.append("-")
        return "|".join(parts)

    # --- reading ----------------------------------------------------------------------------------------

    def query(self, sql: str, params: dict | list | None = None) -> list[tuple]:
        with self.connect() as con:
            return con.execute(sql, params or {}).fetchall()

    def has_batches(self) -> bool:
        return bool(self.query("SELECT count(*) FROM batches")[0][0])

    def latest_snapshot_date(self) -> dt.date | None:
        with self.connect() as con:
            return latest_snapshot(con)

    def unit_keys(self) -> dict[str, str]:
        """Known units: key -> display name."""
        with self.connect() as con:
            return store_units(con)

    # --- writing ----------------------------------------------------------------------------------------

    def keep_original(self, data: bytes | Path, file_name: str) -> tuple[str, str]:
        """Store the uploaded file as it came (content-addressed); return its sha256 and stored name. A file
        on disk is hashed and copied in pieces, never held whole in memory."""
        if isinstance(data, Path):
            with data.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        else:
            digest = hashlib.sha256(data).hexdigest()
        suffix = Path(file_name).suffix.lower()[:8]
        stored = f"{digest}{suffix if suffix.replace('.', '').isalnum() else ''}"
        self.originals_dir.mkdir(parents=True, exist_ok=True)
        target = self.originals_dir / stored
        if not target.exists():
            partial = target.with_name(target.name + ".part")
            if isinstance(data, Path):
                shutil.copyfile(data, partial)
            else:
                partial.write_bytes(data)
            partial.replace(target)
        return digest, stored

    def has_original(self, stored_name: str) -> bool:
        return bool(stored_name) and (self.originals_dir / Path(stored_name).name).is_file()

    def original_path(self, stored_name: str) -> Path:
        return self.originals_dir / Path(stored_name).name

    def original(self, stored_name: str) -> bytes | None:
        """The file an import came from, as uploaded."""
        return (self.originals_dir / Path(stored_name).name).read_bytes() if self.has_original(stored_name) else None

    @contextmanager
    def locked(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection while this process's other writers wait (work that prepares a write: ingest.bulk)."""
        with _write_lock(self.path), self.connect() as con:
            yield con

    def busy_writing(self) -> bool:
        """Is another import or undo of this process writing right now? (A new one waits its turn.)"""
        return _write_lock(self.path).locked()

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write: this process's writers one at a time, all of it in one transaction or none of it."""
        with self.locked() as con, transaction(con):
            yield con

    def save_batch(
        self,
        *,
        batch: dict,
        records: dict[str, list],
        rejects: list[tuple[int, str, str]],
        ignored: list[tuple[int, str, str]],
        unit_names: dict[str, str],
    ) -> BatchSummary:
        """Write one import in one transaction: batch, versions, rejects, new units, rebuilt tasks."""
        table = pa.table(
            {
                "source_row": pa.array(records["row"], _ARROW_TYPES["source_row"]),
                **{
                    name: pa.array(records[name], _ARROW_TYPES.get(name, pa.string()))
                    for name in TASK_COLUMNS
                },
            }
        )
        with self.writing() as con:
            con.register("incoming", table)
            summary = write_versions(con, batch=batch, rejects=rejects, ignored=ignored, unit_names=unit_names)
            con.unregister("incoming")
        return summary

    def save_events(self, *, batch: dict, events: dict[str, list], rejects: list[tuple[int, str, str]],
                    ignored: list[tuple[int, str, str]]) -> int:
        """Write one event history (or reminders recorded in the app) in one transaction; return its batch id.
        `events` holds one list per column of event_versions but batch_id (the file's row is "row")."""
        with self.writing_events() as writer:
            writer.add(events)
            return writer.save(batch, rejects, ignored)

    @contextmanager
    def writing_events(self) -> Iterator[EventWriter]:
        """One event history written in pieces (`add`), then recorded (`save`), all in one transaction."""
        with self.writing() as con:
            con.execute(_CREATE_INCOMING_EVENTS)
            yield EventWriter(con)
            con.execute("DROP TABLE incoming_events")

    def cause_rules(self) -> list[tuple[str, str, str]]:
        """The mapping of causes to categories, in the order it is applied: (words, category, kind)."""
        return self.query("SELECT words, category, kind FROM cause_rules ORDER BY position")

    def save_cause_rules(self, rules: list[tuple[str, str, str]] | None) -> None:
        """Replace the mapping (None: back to the built-in one). Rules without words or category are dropped."""
        with self.writing() as con:
            _write_cause_rules(con, DEFAULT_CAUSE_RULES if rules is None else rules)
            con.execute(
                "INSERT INTO meta VALUES ('cause_rules', $how) ON CONFLICT DO UPDATE SET value = $how",
                {"how": "default" if rules is None else "edited"},
            )

    def undo(self, batch_id: int) -> bool:
        """Undo an import: its tasks go back to their previous version (or away). False if nothing to undo."""
        with self.writing() as con:
            changed = con.execute(
                "UPDATE batches SET undone_at = $now WHERE batch_id = $batch AND undone_at IS NULL "
                "RETURNING batch_id",
                {"now": dt.datetime.now(), "batch": batch_id},
            ).fetchall()
            if not changed:
                return False
            _rebuild_tasks(con, batch_id)
            # Units no task refers to any more go too (a registry could bring them back later).
            con.execute(
                "DELETE FROM units WHERE block_source = 'inferred' "
                "AND unit_key NOT IN (SELECT DISTINCT unit_key FROM tasks)"
            )
        return True

    def batches(self) -> list[dict]:
        """Import history, newest first."""
        with self.connect() as con:
            cursor = con.execute("SELECT * FROM batches ORDER BY batch_id DESC")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def batch(self, batch_id: int) -> dict | None:
        with self.connect() as con:
            cursor = con.execute("SELECT * FROM batches WHERE batch_id = ?", [batch_id])
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        return dict(zip(names, rows[0], strict=True)) if rows else None

    def batch_labels(self, batch_id: int) -> list[str]:
        """The header of the file a batch came from, column by column."""
        rows = self.query("SELECT labels FROM batches WHERE batch_id = ?", [batch_id])
        return json.loads(rows[0][0]) if rows and rows[0][0] else []

    def batch_rejects(self, batch_id: int) -> list[dict]:
        rows = self.query(
            "SELECT source_row, problems, cells FROM batch_rejects WHERE batch_id = ? ORDER BY source_row",
            [batch_id],
        )
        return [{"row": r, "problems": json.loads(p), "cells": json.loads(c or "[]")} for r, p, c in rows]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All of the block's writes or none of them."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def store_units(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Known units: key -> display name."""
    return dict(con.execute("SELECT unit_key, name FROM units").fetchall())


def write_versions(con: duckdb.DuckDBPyConnection, *, batch: dict, rejects: list[tuple[int, str, str]],
                   ignored: list[tuple[int, str, str]], unit_names: dict[str, str]) -> BatchSummary:
    """Record a batch whose rows are the relation `incoming` (source_row + TASK_COLUMNS), inside the caller's
    transaction: its versions, rejects, new units and the rebuilt tasks. Returns what it changed."""
    batch_id = _new_batch(con, batch, rejects, ignored)
    con.execute(_INSERT_TASK_VERSIONS, {"batch": batch_id})
    new_units = pa.table(
        {
            "unit_key": list(unit_names),
            "name": list(unit_names.values()),
            "block": [infer_block(name) for name in unit_names.values()],
        }
    )
    con.register("incoming_units", new_units)
    con.execute(
        "INSERT INTO units SELECT unit_key, name, block, NULL, 'inferred' FROM incoming_units "
        "WHERE unit_key NOT IN (SELECT unit_key FROM units)"
    )
    con.unregister("incoming_units")
    existing, distinct, rows = con.execute(
        "SELECT (SELECT count(*) FROM tasks WHERE task_id IN (SELECT task_id FROM task_versions "
        "WHERE batch_id = $batch)), count(DISTINCT task_id), count(*) FROM task_versions WHERE batch_id = $batch",
        {"batch": batch_id},
    ).fetchall()[0]
    if existing == 0 and distinct == rows:
        # Only new tasks, each once (a first import): every version wins, nothing to delete or rank.
        con.execute(_INSERT_NEW_TASKS, {"batch": batch_id})
    else:
        _rebuild_tasks(con, batch_id)
    applied = con.execute("SELECT count(*) FROM tasks WHERE batch_id = $batch", {"batch": batch_id}).fetchall()[0][0]
    superseded = distinct - applied  # ids whose newer version (later snapshot) stays
    summary = BatchSummary(batch_id, distinct - existing, existing - superseded, superseded)
    con.execute(
        "UPDATE batches SET inserted = $i, updated = $u, superseded = $s WHERE batch_id = $batch",
        {"i": summary.inserted, "u": summary.updated, "s": summary.superseded, "batch": batch_id},
    )
    return summary


def _new_batch(con: duckdb.DuckDBPyConnection, batch: dict, rejects: list[tuple[int, str, str]],
               ignored: list[tuple[int, str, str]]) -> int:
    """Record a batch and the report of its rejected and skipped rows; return its id."""
    batch_id = con.execute("SELECT nextval('batch_ids')").fetchall()[0][0]
    con.execute(_INSERT_BATCH, {"batch_id": batch_id, **{k: batch.get(k) for k in BATCH_FIELDS}})
    # Row reports go in as one table each: a file can have as many rejected rows as good ones.
    for table_name, rows in (("batch_rejects", rejects), ("batch_ignored", ignored)):
        if rows:
            con.register("incoming_report", pa.table(list(zip(*rows, strict=True)), names=_REPORT))
            con.execute(_INSERT_REPORT[table_name], {"batch": batch_id})
            con.unregister("incoming_report")
    return batch_id


def _write_cause_rules(con: duckdb.DuckDBPyConnection, rules) -> None:
    """Store the rules in order; the folded pattern is what queries match on (whole words, no accents)."""
    clean = [(str(w).strip(), str(c).strip(), k) for w, c, k in rules
             if w and c and str(w).strip() and str(c).strip() and fold(str(w)) and k in ("objective", "subjective")]
    con.execute("DELETE FROM cause_rules")
    if clean:
        con.executemany(
            "INSERT INTO cause_rules VALUES (?, ?, ?, ?, ?)",
            [(i, words, fold(words), category, kind) for i, (words, category, kind) in enumerate(clean)],
        )


def _rebuild_tasks(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    for statement in _REBUILD_FOR_BATCH:
        con.execute(statement, {"batch": batch_id})

