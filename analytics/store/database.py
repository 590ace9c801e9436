"""Store: one deployment's database file, and the folder of original files kept beside it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from analytics import settings
from analytics.schema import DEFAULT_CAUSE_RULES
from analytics.store import batches, migrations, registry, tables
from analytics.store.causes import write_cause_rules
from analytics.store.connections import data_version, open_file, transaction, write_lock


class Store:
    """One deployment's database file and the folder of original files next to it.

    Every connection is short-lived (`connect`, `writing`); writes of this process take turns, each all in one
    transaction or nothing. `ensure` makes a new file or brings an older one up to date.
    """

    def __init__(self, path: str | Path | None = None, *, lock_wait: float | None = None) -> None:
        self.path = Path(path).expanduser().resolve() if path else settings.db_path()
        self.originals_dir = self.path.with_name(self.path.stem + ".originals")
        self.temp_dir = self.path.with_name(self.path.stem + ".tmp")
        self.lock_wait = settings.lock_wait_seconds() if lock_wait is None else lock_wait

    # --- connections ---------------------------------------------------------------------------------

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A sandboxed connection, retried while another process holds the file, closed afterwards. SQL may read
        the temporary folder and the kept originals (an import reads a text file from there)."""
        con = open_file(self.path, [self.temp_dir, self.originals_dir], self.lock_wait)
        try:
            yield con
        finally:
            con.close()

    def ensure(self) -> list[int]:
        """Make the file when it is new, bring an older file up to date; return the migrations applied."""
        with self.locked() as con:
            tables.define_macros(con)
            applied = migrations.upgrade(con)
            tables.define_views(con)
        return applied

    def version(self) -> str:
        """A token that changes whenever committed data changes (connections.data_version)."""
        return data_version(self.path)

    @contextmanager
    def locked(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection while this process's other writers wait (work that prepares a write, a backup)."""
        with write_lock(self.path), self.connect() as con:
            yield con

    def busy_writing(self) -> bool:
        """Is another import or undo of this process writing right now? (A new one waits its turn.)"""
        return write_lock(self.path).locked()

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write: this process's writers one at a time, all of it in one transaction or none of it."""
        with self.locked() as con, transaction(con):
            yield con

    # --- reading ----------------------------------------------------------------------------------------

    def query(self, sql: str, params: dict | list | None = None) -> list[tuple]:
        with self.connect() as con:
            return con.execute(sql, params or {}).fetchall()

    def has_batches(self) -> bool:
        return bool(self.query("SELECT count(*) FROM batches")[0][0])

    def unit_keys(self) -> dict[str, str]:
        """Known units: key -> display name."""
        with self.connect() as con:
            return batches.known_units(con)

    def batches(self) -> list[dict]:
        """Import history, newest first."""
        with self.connect() as con:
            return batches.all_batches(con)

    def batch(self, batch_id: int) -> dict | None:
        with self.connect() as con:
            return batches.one_batch(con, batch_id)

    def batch_labels(self, batch_id: int) -> list[str]:
        with self.connect() as con:
            return batches.batch_labels(con, batch_id)

    def batch_rejects(self, batch_id: int) -> list[dict]:
        with self.connect() as con:
            return batches.batch_rejects(con, batch_id)

    def cause_rules(self) -> list[tuple[str, str, str]]:
        """The mapping of causes to categories, in the order it is applied: (words, category, kind)."""
        return self.query("SELECT words, category, kind FROM cause_rules ORDER BY position")

    # --- the original files -------------------------------------------------------------------------------

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

    def original_path(self, stored_name: str) -> Path:
        return self.originals_dir / Path(stored_name).name

    def has_original(self, stored_name: str) -> bool:
        return bool(stored_name) and self.original_path(stored_name).is_file()

    def original(self, stored_name: str) -> bytes | None:
        """The file an import came from, as uploaded."""
        return self.original_path(stored_name).read_bytes() if self.has_original(stored_name) else None

    # --- writing ----------------------------------------------------------------------------------------

    def save_events(self, *, batch: dict, events: dict[str, list], rejects: list[tuple[int, str, str]],
                    ignored: list[tuple[int, str, str]]) -> int:
        """Write events (one list per column of event_versions but batch_id) as one batch; return its id."""
        with self.writing() as con:
            writer = batches.EventWriter(con)
            writer.add(events)
            return writer.save(batch, rejects, ignored)

    def save_cause_rules(self, rules: list[tuple[str, str, str]] | None) -> None:
        """Replace the mapping (None: back to the built-in one). Rules without words or category are dropped."""
        with self.writing() as con:
            write_cause_rules(con, DEFAULT_CAUSE_RULES if rules is None else rules)
            con.execute(
                "INSERT INTO meta VALUES ('cause_rules', $how) ON CONFLICT DO UPDATE SET value = $how",
                {"how": "default" if rules is None else "edited"},
            )

    def registry(self) -> list:
        """The unit registry in force (analytics.lineage.RegistryUnit, in file order); empty when none."""
        with self.connect() as con:
            return registry.current_registry(con)

    def unmatched_units(self) -> list[tuple[str, str, int]]:
        """Units tasks are recorded under that the registry in force names under no spelling: (key, name, tasks)."""
        with self.connect() as con:
            return registry.unmatched_units(con)

    def undo(self, batch_id: int) -> bool:
        """Undo an import: its tasks go back to their previous version (or away). False if nothing to undo."""
        with self.writing() as con:
            undone = batches.undo(con, batch_id)
            if undone and batches.one_batch(con, batch_id)["kind"] == "registry":
                registry.apply_registry(con)  # the registry before it back in force
            return undone
