"""Backups of a deployment, and restoring one (`python -m analytics backup` / `restore`).

A backup is one zip: the database file as of one moment (written out with CHECKPOINT while this process holds
the file, so no other process can change it mid-copy), the kept original files, the audit log for the record,
and a manifest saying what it holds. Restoring checks the backup first (its database opens and holds a register),
keeps the current files aside (`*.before-restore-<time>`), then puts the backup's in place with renames: the app
sees either the old register or the restored one, never half of each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics import audit
from analytics.problems import CodedProblem
from analytics.store import Store, StoreError

FORMAT = "dondoc-backup-1"
_DATABASE = "database.duckdb"
_ORIGINALS = "originals/"
_AUDIT = "audit.jsonl"
_MANIFEST = "manifest.json"


class BackupProblem(CodedProblem):
    """A backup that cannot be made or used."""

    catalogue = "backup"
    exit_code = 2


@dataclass(frozen=True)
class Manifest:
    made_at: str
    tasks: int
    batches: int
    latest_snapshot: str | None
    database_sha256: str
    originals: int


def make_backup(store: Store, target: Path | None = None, now: dt.datetime | None = None) -> tuple[Path, Manifest]:
    """Write a backup of `store` to `target` (default: <database folder>/backups/<name>-<time>.zip)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    if target is None:
        target = store.path.parent / "backups" / f"{store.path.stem}-{now:%Y%m%d-%H%M%S}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with store.locked() as con:  # while the copy is made, no import of this process or another one can write
        con.execute("CHECKPOINT")
        tasks = con.execute("SELECT count(*) FROM tasks").fetchall()[0][0]
        batches = con.execute("SELECT count(*) FROM batches WHERE undone_at IS NULL").fetchall()[0][0]
        latest = con.execute("SELECT max(snapshot_date) FROM batches WHERE undone_at IS NULL").fetchall()[0][0]
        digest = hashlib.sha256()
        originals = sorted(p for p in store.originals_dir.glob("*") if p.is_file()) \
            if store.originals_dir.exists() else []
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            with store.path.open("rb") as source, archive.open(_DATABASE, "w", force_zip64=True) as copy:
                while block := source.read(1 << 20):
                    digest.update(block)
                    copy.write(block)
            for original in originals:
                archive.write(original, _ORIGINALS + original.name)
            log = audit.beside(store.path)
            if log.exists():
                archive.write(log, _AUDIT)
            manifest = Manifest(now.isoformat(), tasks, batches, latest.isoformat() if latest else None,
                                digest.hexdigest(), len(originals))
            archive.writestr(_MANIFEST, json.dumps({"format": FORMAT, **manifest.__dict__}, ensure_ascii=False,
                                                   indent=1))
    os.replace(partial, target)
    return target, manifest


def read_manifest(backup: Path) -> Manifest:
    try:
        with zipfile.ZipFile(backup) as archive:
            data = json.loads(archive.read(_MANIFEST))
            if data.pop("format", None) != FORMAT or _DATABASE not in archive.namelist():
                raise BackupProblem("not_a_backup", file=str(backup))
            return Manifest(**data)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise BackupProblem("not_a_backup", file=str(backup)) from exc


def restore_backup(store: Store, backup: Path, now: dt.datetime | None = None) -> tuple[Manifest, Path | None]:
    """Replace `store`'s database and originals with the backup's. Returns the backup's manifest and where the
    replaced database was kept (None if there was none)."""
    manifest = read_manifest(backup)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{store.path.stem}.restore-", dir=store.path.parent))
    try:
        database = staging / store.path.name
        originals = staging / "originals"
        originals.mkdir()
        digest = hashlib.sha256()
        with zipfile.ZipFile(backup) as archive:
            with archive.open(_DATABASE) as source, database.open("wb") as copy:
                while block := source.read(1 << 20):
                    digest.update(block)
                    copy.write(block)
            for member in archive.infolist():
                name = member.filename
                plain = Path(name).name  # never a path out of the folder ("../")
                if name.startswith(_ORIGINALS) and not member.is_dir() and plain not in ("", ".", ".."):
                    with archive.open(member) as source, (originals / plain).open("wb") as copy:
                        shutil.copyfileobj(source, copy)
        if digest.hexdigest() != manifest.database_sha256:
            raise BackupProblem("damaged", file=str(backup))
        _check_database(database, backup)
        kept = _swap_in(store, database, originals, now)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest, kept


def _check_database(database: Path, backup: Path) -> None:
    try:
        con = duckdb.connect(str(database), read_only=True,
                             config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
        try:
            con.execute("SELECT count(*) FROM tasks").fetchall()
            con.execute("SELECT count(*) FROM batches").fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise BackupProblem("damaged", file=str(backup)) from exc


def _swap_in(store: Store, database: Path, originals: Path, now: dt.datetime) -> Path | None:
    """Move the current files aside and the new ones in, holding the current database meanwhile: an import (of
    this process or another) finishes first, and none can start on the file being moved aside. Any rename that
    fails undoes the ones before it."""
    suffix = f".before-restore-{now:%Y%m%d-%H%M%S}"
    try:
        with store.locked() as con:
            con.execute("CHECKPOINT")  # the log is written into the file: the kept copy is whole by itself
            return _renames(store, database, originals, suffix)
    except StoreError:
        return _renames(store, database, originals, suffix)  # a damaged file: that is why it is being restored


def _renames(store: Store, database: Path, originals: Path, suffix: str) -> Path | None:
    kept = store.path.with_name(store.path.name + suffix) if store.path.exists() else None
    wal = store.path.with_name(store.path.name + ".wal")
    steps = []
    if kept is not None:
        steps.append((store.path, kept))
        if wal.exists():  # kept with its copy, under the name DuckDB looks for; never replayed onto the new one
            steps.append((wal, kept.with_name(kept.name + ".wal")))
    steps.append((database, store.path))
    if store.originals_dir.exists():
        steps.append((store.originals_dir, store.originals_dir.with_name(store.originals_dir.name + suffix)))
    steps.append((originals, store.originals_dir))
    done = []
    try:
        for source, target in steps:
            os.replace(source, target)
            done.append((source, target))
    except OSError:
        for source, target in reversed(done):
            os.replace(target, source)
        raise
    return kept
