"""Backups and restoring them, as an administrator runs them from the command line, and a damaged database: a clear
message and the way back, in the command line and in the app."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest

from analytics import audit, backup, queries
from analytics.importer import import_file
from analytics.store import Store
from tests.app.helpers import new_app, no_exception, texts
from tests.builders import csv_bytes
from tests.test_cli import run as cli


def _tasks(store: Store) -> int:
    with store.connect() as con:
        return con.execute("SELECT count(*) FROM tasks").fetchall()[0][0]


def _newer(store: Store) -> None:
    data = csv_bytes([["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý"], ["MOI-1", "Phường Trần Phú", "01/11/2023"]])
    import_file(store, data, "moi.csv", snapshot_date=dt.date(2023, 11, 1))


def test_a_backup_restores_the_register_as_it_was(sample_store: Store, tmp_path: Path):
    before = _tasks(sample_store)
    made = cli("backup", "--out", str(tmp_path / "sao_luu.zip"), db=sample_store.path)
    assert made.returncode == 0, made.stderr
    assert "Đã sao lưu" in made.stdout and f"{before} nhiệm vụ" in made.stdout
    with zipfile.ZipFile(tmp_path / "sao_luu.zip") as archive:
        names = archive.namelist()
    assert "database.duckdb" in names and "manifest.json" in names
    assert sum(n.startswith("originals/") for n in names) == 2  # the sample register and its history

    _newer(sample_store)
    assert _tasks(sample_store) == before + 1
    preview = cli("restore", str(tmp_path / "sao_luu.zip"), db=sample_store.path)
    assert preview.returncode == 1 and "--yes" in preview.stdout
    assert _tasks(sample_store) == before + 1  # without --yes nothing changes

    restored = cli("restore", str(tmp_path / "sao_luu.zip"), "--yes", db=sample_store.path)
    assert restored.returncode == 0, restored.stderr
    assert _tasks(sample_store) == before
    kept = list(sample_store.path.parent.glob(sample_store.path.name + ".before-restore-*"))
    assert len(kept) == 1  # the register before the restore, kept
    assert _tasks(Store(kept[0])) == before + 1
    assert sample_store.has_original(sorted(p.name for p in sample_store.originals_dir.iterdir())[0])
    assert [e.action for e in audit.latest(audit.beside(sample_store.path))][:2] == ["restore", "backup"]


def test_a_damaged_or_foreign_backup_changes_nothing(sample_store: Store, tmp_path: Path):
    target, _ = backup.make_backup(sample_store, tmp_path / "b.zip")
    before = _tasks(sample_store)
    foreign = tmp_path / "khac.zip"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("readme.txt", "hello")
    damaged = tmp_path / "hong.zip"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(damaged, "w") as archive:
        for member in source.infolist():
            data = source.read(member)
            archive.writestr(member, data[:4096] if member.filename == "database.duckdb" else data)
    for file, code in ((foreign, "not_a_backup"), (damaged, "damaged"), (tmp_path / "none.zip", "not_a_backup")):
        with pytest.raises(backup.BackupProblem) as raised:
            backup.restore_backup(sample_store, file)
        assert raised.value.code == code
        result = cli("restore", str(file), "--yes", db=sample_store.path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
    assert _tasks(sample_store) == before
    assert not list(sample_store.path.parent.glob("*.before-restore-*"))


def test_a_damaged_database_says_how_to_restore(sample_store: Store, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    target, _ = backup.make_backup(sample_store, tmp_path / "b.zip")
    before = _tasks(sample_store)
    with sample_store.path.open("r+b") as handle:  # a disk error over the file's header
        handle.write(os.urandom(8192))
    summary = cli("summary", db=sample_store.path)
    assert summary.returncode == 1
    assert "python -m analytics restore" in summary.stderr and "Traceback" not in summary.stderr

    monkeypatch.setenv("DONDOC_DB", str(sample_store.path))
    at = new_app().run()
    no_exception(at)
    assert "python -m analytics restore" in texts(at.error)[0]

    assert cli("restore", str(target), "--yes", db=sample_store.path).returncode == 0
    assert _tasks(sample_store) == before
    with sample_store.connect() as con:
        assert queries.latest_snapshot(con) == dt.date(2023, 10, 25)
