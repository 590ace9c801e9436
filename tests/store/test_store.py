"""The database file: re-import updates without duplicating, undo in any order, snapshots, originals kept,
the sandbox, the data version, and sharing the file with another process."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from analytics.store import Store, StoreBusy
from tests.builders import counts, csv_bytes, d, latest_snapshot

HEADER = ["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành"]


def export(rows: list[list[str]]) -> bytes:
    return csv_bytes([HEADER, *rows])


def imp(store: Store, rows, snapshot: str, name: str = "so_theo_doi.csv"):
    from analytics.importer import import_file

    return import_file(store, export(rows), name, snapshot_date=d(snapshot))


def task_rows(store: Store) -> dict[str, tuple]:
    with store.connect() as con:
        return {r[0]: r[1:] for r in con.execute("SELECT task_id, due_date, completed_date FROM tasks").fetchall()}


def test_reimporting_a_newer_export_updates_tasks_and_never_duplicates(store):
    first = imp(store, [["1", "Phòng Y tế", "01/10/2023", ""], ["2", "Phòng Y tế", "05/10/2023", ""]], "10/10/2023")
    assert (first.inserted, first.updated) == (2, 0)
    second = imp(store, [["1", "Phòng Y tế", "01/10/2023", "12/10/2023"], ["3", "Phòng Y tế", "20/10/2023", ""]],
                 "15/10/2023")
    assert (second.inserted, second.updated, second.superseded) == (1, 1, 0)
    assert task_rows(store) == {
        "1": (d("01/10/2023"), d("12/10/2023")),
        "2": (d("05/10/2023"), None),  # not in the newer export: kept as it was
        "3": (d("20/10/2023"), None),
    }
    assert counts(store, d("15/10/2023")).total == 3


def test_undo_restores_the_previous_version_in_any_order(store):
    first = imp(store, [["1", "Phòng Y tế", "01/10/2023", ""]], "10/10/2023")
    second = imp(store, [["1", "Phòng Y tế", "01/10/2023", "12/10/2023"], ["2", "Phòng Y tế", "02/10/2023", ""]],
                 "15/10/2023")
    assert store.undo(second.batch_id)
    assert task_rows(store) == {"1": (d("01/10/2023"), None)}
    assert latest_snapshot(store) == d("10/10/2023")
    assert not store.undo(second.batch_id)  # already undone

    third = imp(store, [["1", "Phòng Y tế", "01/10/2023", "20/10/2023"]], "21/10/2023")
    assert store.undo(first.batch_id)  # undo an older batch while a newer one stays
    assert task_rows(store) == {"1": (d("01/10/2023"), d("20/10/2023"))}
    assert store.undo(third.batch_id)
    assert task_rows(store) == {}
    with store.connect() as con:
        assert con.execute("SELECT count(*) FROM units").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM task_versions").fetchall()[0][0] == 4  # nothing is lost
    statuses = [b["undone_at"] is not None for b in store.batches()]
    assert statuses == [True, True, True]


def test_an_older_export_imported_late_does_not_overwrite_newer_data(store):
    imp(store, [["1", "Phòng Y tế", "01/10/2023", "12/10/2023"]], "20/10/2023")
    late = imp(store, [["1", "Phòng Y tế", "01/10/2023", ""]], "05/10/2023", name="cu.csv")
    assert (late.inserted, late.updated, late.superseded) == (0, 0, 1)
    assert ("superseded", {"count": 1}) in late.notes
    assert task_rows(store)["1"] == (d("01/10/2023"), d("12/10/2023"))
    assert latest_snapshot(store) == d("20/10/2023")


def test_an_import_that_loaded_nothing_does_not_move_the_as_of_date(store):
    imp(store, [["1", "Phòng Y tế", "01/10/2023", ""]], "10/10/2023")
    imp(store, [["2", "Phòng Y tế", "31/02/2023", ""]], "30/11/2023", name="all_rejected.csv")
    assert latest_snapshot(store) == d("10/10/2023")


def test_rejects_and_original_file_are_kept_for_audit(store):
    data = export([["1", "Phòng Y tế", "32/10/2023", ""], ["2", "Phòng Y tế", "01/10/2023", ""]])
    from analytics.importer import import_file

    report = import_file(store, data, "co_loi.csv", snapshot_date=d("25/10/2023"))
    batch = store.batch(report.batch_id)
    assert store.original(batch["stored_name"]) == data
    assert batch["rows_read"] == batch["rows_loaded"] + batch["rows_rejected"] == 2
    assert store.batch_rejects(report.batch_id) == [{
        "row": 2,
        "problems": [{"code": "impossible_date", "params": {"column": "Hạn xử lý", "value": "32/10/2023"}}],
        "cells": ["1", "Phòng Y tế", "32/10/2023", ""],
        "sheet": None,  # the file's one sheet (a register read over several names each row's)
    }]
    assert store.batch_labels(report.batch_id) == HEADER


def test_sql_cannot_reach_files_settings_or_extensions(store):
    with store.connect() as con:
        for statement in (
            "SELECT * FROM read_csv('/etc/passwd')",
            "COPY tasks TO '/tmp/leak.csv'",
            "ATTACH '/tmp/other.duckdb' AS other",
            "INSTALL httpfs",
            "SET enable_external_access = true",
        ):
            with pytest.raises(duckdb.Error):
                con.execute(statement).fetchall()
        settings = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('enable_external_access', 'lock_configuration', 'autoload_known_extensions', 'threads')").fetchall())
    assert settings["enable_external_access"] == "false"
    assert settings["lock_configuration"] == "true"
    assert settings["autoload_known_extensions"] == "false"


def test_data_version_changes_on_import_and_undo_but_not_on_reads(store):
    before = store.version()
    report = imp(store, [["1", "Phòng Y tế", "01/10/2023", ""]], "10/10/2023")
    after_import = store.version()
    assert after_import != before
    counts(store, d("10/10/2023"))
    store.batches()
    assert store.version() == after_import
    store.undo(report.batch_id)
    assert store.version() != after_import


HOLD_THE_FILE = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
""")


def _hold(path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_FILE, str(path), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


@pytest.mark.serial  # waits a measured time for another process
def test_waits_for_another_process_to_release_the_file(store):
    holder = _hold(store.path, 1.5)
    try:
        started = time.monotonic()
        report = imp(store, [["1", "Phòng Y tế", "01/10/2023", ""]], "10/10/2023")
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert report.rows_loaded == 1
    assert waited >= 0.5  # it really had to wait, and then it succeeded


def test_gives_up_with_store_busy_when_the_file_stays_locked(tmp_path):
    path = tmp_path / "busy.duckdb"
    Store(path).ensure()
    holder = _hold(path, 10)
    try:
        with pytest.raises(StoreBusy):
            latest_snapshot(Store(path, lock_wait=0.5))
    finally:
        holder.kill()
        holder.wait()


def test_import_while_the_app_reads_in_threads(store):
    """Sessions in one process read while an import writes: no 'connection is busy', no torn figures."""
    import threading

    imp(store, [[str(i), "Phòng Y tế", "01/10/2023", ""] for i in range(50)], "10/10/2023")
    errors, totals = [], []

    def read() -> None:
        try:
            for _ in range(20):
                totals.append(counts(store, d("10/10/2023")).total)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    imp(store, [[str(i), "Phòng Y tế", "01/10/2023", ""] for i in range(50, 100)], "11/10/2023")
    for thread in readers:
        thread.join()
    assert errors == []
    assert set(totals) <= {50, 100}
    assert counts(store, dt.date(2023, 10, 11)).total == 100
