"""Opening the database file: sandboxed, short-lived connections, retried while another process holds it.

DuckDB lets one process hold a file; the app and a scheduled `python -m analytics import` share it, so every
connection here is opened for one piece of work and closed, and opening retries while another process holds the
lock (docs/design.md §10). Connections of one process share a database instance, whose settings the first one
locks. Writers of one process take turns on a lock of our own (`write_lock`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from analytics import settings
from analytics.problems import CodedProblem


class StoreBusy(CodedProblem):
    """Another process has held the database for longer than we are willing to wait."""

    catalogue = "store"
    tone = "warning"
    icon = "hourglass_top"

    def __init__(self, detail: str = "") -> None:
        super().__init__("busy", detail=detail)


class StoreError(CodedProblem):
    """The database file cannot be used (damaged, not a DuckDB file, unwritable, made by a newer version)."""

    catalogue = "store"

    def __init__(self, detail: str = "", code: str = "unusable") -> None:
        super().__init__(code, detail=detail[:200])


_write_locks: dict[Path, threading.Lock] = {}
_write_locks_guard = threading.Lock()
_sandbox_lock = threading.Lock()


def write_lock(path: Path) -> threading.Lock:
    """The lock this process's writers of the file at `path` take turns on."""
    with _write_locks_guard:
        return _write_locks.setdefault(path, threading.Lock())


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


def first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def open_file(path: Path, readable: list[Path], lock_wait: float) -> duckdb.DuckDBPyConnection:
    """A sandboxed connection to the file at `path`, retried for up to `lock_wait` seconds while another process
    holds it. SQL may read files under `readable` only (the first is DuckDB's temporary folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_wait
    pause = 0.05
    while True:
        try:
            con = duckdb.connect(
                str(path), config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
            )
            break
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc):
                raise StoreError(first_line(exc)) from exc
            if time.monotonic() >= deadline:
                raise StoreBusy(first_line(exc)) from exc
            time.sleep(pause)
            pause = min(pause * 1.5, 0.5)
        except duckdb.Error as exc:
            raise StoreError(first_line(exc)) from exc
    try:
        sandbox(con, readable)
    except Exception:
        con.close()
        raise
    return con


def sandbox(con: duckdb.DuckDBPyConnection, readable: list[Path]) -> None:
    """No file, network or extension access from SQL but to `readable`; limits set; then the settings are locked
    (docs/design.md §10). Connections in one process share a database instance, locked by the first."""
    with _sandbox_lock:  # two sessions opening at once must not both try to configure the instance
        if con.execute("SELECT current_setting('lock_configuration')").fetchall()[0][0]:
            return
        for folder in readable:
            folder.mkdir(parents=True, exist_ok=True)
        if readable:
            con.execute("SET temp_directory = ?", [str(readable[0])])
        con.execute("SET allowed_directories = ?", [[str(folder) for folder in readable]])
        con.execute("SET enable_external_access = false")
        con.execute("SET memory_limit = ?", [settings.memory_limit()])
        con.execute("SET threads = ?", [settings.threads()])
        con.execute("SET lock_configuration = true")


def scratch(readable: list[Path] = ()) -> duckdb.DuckDBPyConnection:
    """A sandboxed in-memory database of its own, for work on a file that is not stored (the import page's
    preview)."""
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    sandbox(con, list(readable))
    return con


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


def data_version(path: Path) -> str:
    """A token that changes whenever committed data changes: cache keys use it (docs/design.md §9).

    Read from the file system (no connection needed), so a repeated view costs no database work: every commit
    writes the write-ahead log or the file itself; reads write nothing.
    """
    parts = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            stat = file.stat()
            parts.append(f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}")
        except FileNotFoundError:
            parts.append("-")
    return "|".join(parts)
