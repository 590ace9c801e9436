"""Numbered changes to the database file's tables, each recorded in the file when applied (docs/design.md §11).

A new file is made by applying every migration in order; a file of any earlier version opens and gets the ones
it lacks, once, all in one transaction (an interrupted start leaves the file as it was, and the next start does
the work again). A migration adds or changes tables; the columns derived from others (store.tables.DERIVED) that
it adds or whose content it changes are named in `refills`, and each is refilled once at the end however many
pending migrations name it: a file several versions behind is rewritten once, not once per version.

Files made before migrations were recorded (the versions of November and early December 2026) are recognised
by their shape (`_unrecorded_level`) and recorded as such before the rest is applied.

Add a migration at the end; never change one that has been released (a file may already have it).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from analytics.schema import DEFAULT_CAUSE_RULES, EVENT_KEY_SQL
from analytics.store import tables
from analytics.store.causes import write_cause_rules
from analytics.store.connections import StoreError, transaction


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    statements: tuple[str, ...] = ()  # run in order
    refills: tuple[str, ...] = ()  # derived columns whose content this migration adds or changes
    # Work beyond statements: called with the connection and the derived columns that will be refilled anyway.
    run: Callable[[duckdb.DuckDBPyConnection, frozenset[str]], None] | None = None


def _add_derived(*columns: str) -> tuple[str, ...]:
    """Statements adding derived columns at the end of both task tables, in the same order in each (the tasks
    are rebuilt from their versions by position)."""
    return tuple(tables.ADD_DERIVED[table, column] for table in tables.TASK_TABLES for column in columns)


def _default_cause_rules(con: duckdb.DuckDBPyConnection, _refilling: frozenset[str]) -> None:
    if not con.execute("SELECT count(*) FROM meta WHERE key = 'cause_rules'").fetchall()[0][0]:
        write_cause_rules(con, DEFAULT_CAUSE_RULES)
        con.execute("INSERT INTO meta VALUES ('cause_rules', 'default')")


def _name_key(con: duckdb.DuckDBPyConnection, _refilling: frozenset[str]) -> None:
    # The secret that keys officers' codes when names are hidden (queries.View.hide_names).
    con.execute("INSERT INTO meta VALUES ('name_key', ?) ON CONFLICT DO NOTHING", [secrets.token_hex(16)])


_PAD_SEARCH_KEYS = {
    table: [f"ALTER TABLE {table} ALTER {column} TYPE VARCHAR USING (' ' || {column} || ' ')"
            for column in ("search_key", "search_words")]
    for table in tables.TASK_TABLES
}


def _pad_search_keys(con: duckdb.DuckDBPyConnection, refilling: frozenset[str]) -> None:
    """The search keys only lacked their outer spaces: far quicker to add them than to refill the keys (unless an
    earlier pending migration refills them anyway)."""
    if "search_key" in refilling:
        return
    for table in tables.TASK_TABLES:
        for statement in _PAD_SEARCH_KEYS[table]:
            con.execute(statement)


def _flag_shared_keys(con: duckdb.DuckDBPyConnection, _refilling: frozenset[str]) -> None:
    """Event batches stored before the flag: whether each brought a key an earlier batch had stored (the events
    view ranks only those batches' keys)."""
    con.execute("""
UPDATE batches SET shares_keys = EXISTS (
    SELECT 1 FROM event_versions v JOIN event_versions w ON w.event_key = v.event_key AND w.batch_id < v.batch_id
    WHERE v.batch_id = batches.batch_id
)
WHERE shares_keys IS NULL AND kind <> 'tasks'
""")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "register: batches, task versions, tasks, units", (
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "CREATE SEQUENCE batch_ids START 1",
        """CREATE TABLE batches (
    batch_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL, file_size BIGINT,
    stored_name VARCHAR, file_kind VARCHAR, encoding VARCHAR, sheet VARCHAR, header_row INTEGER, labels VARCHAR,
    mapping VARCHAR, snapshot_date DATE NOT NULL, snapshot_source VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
    origin VARCHAR NOT NULL, rows_read INTEGER NOT NULL, rows_loaded INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL, rows_ignored INTEGER NOT NULL, inserted INTEGER, updated INTEGER,
    superseded INTEGER, notes VARCHAR, undone_at TIMESTAMP)""",
        "CREATE TABLE batch_rejects (batch_id INTEGER NOT NULL, source_row INTEGER NOT NULL, "
        "problems VARCHAR NOT NULL, cells VARCHAR)",
        "CREATE TABLE batch_ignored (batch_id INTEGER NOT NULL, source_row INTEGER NOT NULL, "
        "reason VARCHAR NOT NULL, content VARCHAR)",
        """CREATE TABLE task_versions (
    batch_id INTEGER NOT NULL, source_row INTEGER, task_id VARCHAR NOT NULL, title VARCHAR, unit VARCHAR NOT NULL,
    unit_key VARCHAR NOT NULL, assignee VARCHAR, assigner VARCHAR, source_doc VARCHAR, origin VARCHAR,
    field VARCHAR, assigned_date DATE, due_date DATE, extended_due_date DATE, completed_date DATE, status VARCHAR,
    cause VARCHAR, transfers INTEGER, note VARCHAR)""",
        "CREATE TABLE tasks AS SELECT * EXCLUDE (source_row) FROM task_versions LIMIT 0",
        "CREATE TABLE units (unit_key VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, block VARCHAR NOT NULL, "
        "parent VARCHAR, block_source VARCHAR NOT NULL)",
    )),
    Migration(2, "event histories and the rules that sort causes of delay", (
        # kind: tasks (a register), events (a history), reminders (recorded in the app)
        "ALTER TABLE batches ADD COLUMN kind VARCHAR DEFAULT 'tasks'",
        """CREATE TABLE event_versions (
    batch_id INTEGER NOT NULL, source_row INTEGER, event_key VARCHAR NOT NULL, task_id VARCHAR NOT NULL,
    day DATE NOT NULL, action VARCHAR NOT NULL, level INTEGER, action_text VARCHAR, from_unit VARCHAR,
    from_key VARCHAR, to_unit VARCHAR, to_key VARCHAR, note VARCHAR)""",
        # The first rule (by position) whose words appear in a cause wins.
        "CREATE TABLE cause_rules (position INTEGER NOT NULL, words VARCHAR NOT NULL, pattern VARCHAR NOT NULL, "
        "category VARCHAR NOT NULL, kind VARCHAR NOT NULL)",
    ), run=_default_cause_rules),
    Migration(3, "the secret behind officers' codes", run=_name_key),
    Migration(4, "search key", _add_derived("search_key"), refills=("search_key",)),
    Migration(5, "search key: title and document apart", refills=("search_key",)),
    # (The folded key is made again with the accented one: the words of both come from one macro since.)
    Migration(6, "search typed with accents", _add_derived("search_words"), refills=("search_key", "search_words")),
    Migration(7, "sort prefixes of task ids and titles", _add_derived("task_id_sort", "title_sort"),
              refills=("task_id_sort", "title_sort")),
    Migration(8, "search keys with a space at each end", run=_pad_search_keys),
    Migration(9, "event batches that bring keys already stored", (
        "ALTER TABLE batches ADD COLUMN shares_keys BOOLEAN",
    ), run=_flag_shared_keys),
    Migration(10, "titles sort by 48 bytes of their sort key", _add_derived("title_sort2", "title_sort3"),
              refills=("title_sort2", "title_sort3")),
    Migration(11, "versions recorded as migrations", (
        "DELETE FROM meta WHERE key IN ('schema_version', 'search_key', 'data_version')",
    )),
    # Imported events keyed by the database (schema.EVENT_KEY_SQL) rather than by a hash made in Python: each
    # key made again from the columns stored, a repeat's "-2", "-3" kept. Reminders recorded in the app keep theirs.
    Migration(12, "event keys made by the database", (
        f"UPDATE event_versions SET event_key = {EVENT_KEY_SQL} || regexp_extract(event_key, '-[0-9]+$') "
        "WHERE batch_id IN (SELECT batch_id FROM batches WHERE kind = 'events')",
    )),
    # docs/design.md §3.1: each registry import's units; the lineage and other spellings of the one in force.
    Migration(13, "unit registry and lineage", (
        "CREATE TABLE registry_units (batch_id INTEGER NOT NULL, source_row INTEGER, unit_key VARCHAR NOT NULL, "
        "name VARCHAR NOT NULL, block VARCHAR, parent VARCHAR, successor VARCHAR, effective_date DATE, "
        "aliases VARCHAR[])",
        "CREATE TABLE unit_lineage (unit_key VARCHAR NOT NULL, carrier_key VARCHAR NOT NULL, start DATE, "
        "depth INTEGER NOT NULL)",
        "CREATE TABLE unit_aliases (alias_key VARCHAR PRIMARY KEY, unit_key VARCHAR NOT NULL)",
    )),
    # docs/design.md §5.3: a register read over several sheets names each rejected or skipped row's sheet.
    Migration(14, "the sheet of a rejected or skipped row", (
        "ALTER TABLE batch_rejects ADD COLUMN sheet VARCHAR",
        "ALTER TABLE batch_ignored ADD COLUMN sheet VARCHAR",
    )),
)
LATEST = MIGRATIONS[-1].number

_CREATE_RECORD = ("CREATE TABLE IF NOT EXISTS migrations (number INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                  "applied_at TIMESTAMP)")
_HAS_TABLE = ("SELECT count(*) FROM duckdb_tables() WHERE table_name = $table "
              "AND database_name = current_database() AND schema_name = 'main'")
_HAS_COLUMN = ("SELECT count(*) FROM duckdb_columns() WHERE table_name = $table AND column_name = $column "
               "AND database_name = current_database() AND schema_name = 'main'")


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute(_HAS_TABLE, {"table": table}).fetchall()[0][0])


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return bool(con.execute(_HAS_COLUMN, {"table": table, "column": column}).fetchall()[0][0])


# The derived-column version earlier files recorded in meta ('search_key') -> the migration it matches.
_DERIVED_VERSIONS = {None: 4, "2": 5, "3": 6, "4": 7, "5": 8, "6": 10}


def _unrecorded_level(con: duckdb.DuckDBPyConnection) -> int:
    """The last migration a file made before migrations were recorded already has, read from its shape: 0 for a
    new file."""
    if not _has_table(con, "batches"):
        return 0
    if not _has_table(con, "event_versions"):
        return 1
    if not con.execute("SELECT count(*) FROM meta WHERE key = 'name_key'").fetchall()[0][0]:
        return 2
    if not _has_column(con, "tasks", "search_key"):
        return 3
    found = con.execute("SELECT value FROM meta WHERE key = 'search_key'").fetchall()
    level = _DERIVED_VERSIONS.get(found[0][0] if found else None, 3)
    if level == 8 and _has_column(con, "batches", "shares_keys"):
        return 9
    return level


def applied(con: duckdb.DuckDBPyConnection) -> int:
    """The number of the last migration the file has (0: a new or empty file)."""
    if not _has_table(con, "migrations"):
        return _unrecorded_level(con)
    return con.execute("SELECT coalesce(max(number), 0) FROM migrations").fetchall()[0][0]


def upgrade(con: duckdb.DuckDBPyConnection, now: dt.datetime | None = None) -> list[int]:
    """Apply the migrations the file lacks, in one transaction; return their numbers. The caller holds the write
    lock, and the macros the derived columns use are defined (store.tables.define_macros)."""
    if _has_table(con, "migrations") and applied(con) == LATEST:  # the common case: one query
        return []
    now = now or dt.datetime.now()
    with transaction(con):
        recorded = _has_table(con, "migrations")
        level = applied(con)
        if level > LATEST:
            raise StoreError(str(level), code="newer")
        con.execute(_CREATE_RECORD)
        if not recorded and level:  # a file of a version that did not record its migrations
            con.executemany("INSERT INTO migrations VALUES (?, ?, NULL)",
                            [(m.number, m.name) for m in MIGRATIONS if m.number <= level])
        pending = [m for m in MIGRATIONS if m.number > level]
        refilling = frozenset(column for m in pending for column in m.refills)
        for migration in pending:
            for statement in migration.statements:
                con.execute(statement)
            if migration.run is not None:
                migration.run(con, refilling)
        for table in tables.TASK_TABLES:
            for column in tables.DERIVED:  # in their order; each once
                if column in refilling:
                    con.execute(tables.REFILL_DERIVED[table, column])
        con.executemany("INSERT INTO migrations VALUES (?, ?, ?)", [(m.number, m.name, now) for m in pending])
    return [m.number for m in pending]
