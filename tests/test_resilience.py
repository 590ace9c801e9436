"""Nothing lost: a real import killed half-way leaves the previous register whole; two imports at once are
taken one after the other (a scheduled import beside the app: tests/app/test_scheduled_import.py). Real
processes, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from analytics.importer import import_file
from analytics.store import Store
from benchmarks.registers import write_register_csv
from tests.conftest import BIG

# Imports killed at measured moments, imports at once: timed, so not beside other tests.
pytestmark = pytest.mark.serial

ROOT = Path(__file__).resolve().parent.parent


def start_import(db: Path, *files: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DONDOC_LOCK_WAIT": "120"}
    return subprocess.Popen([sys.executable, "-m", "analytics", "import", *map(str, files), "--db", str(db)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def register(store: Store) -> tuple[int, int, int]:
    """Tasks, active batches, and versions: what an interrupted import must not have changed."""
    with store.connect() as con:
        return con.execute("SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM batches), "
                           "(SELECT count(*) FROM task_versions)").fetchall()[0]


@pytest.mark.slow
def test_an_import_killed_half_way_leaves_the_register_as_it_was(sample_store: Store, big_csv: Path):
    sample_store.ensure()
    before = register(sample_store)
    # How long a whole import takes here, to kill the next ones at a quarter, half and three quarters of it.
    timing = Store(sample_store.path.with_name("timing.duckdb"))
    started = time.monotonic()
    assert start_import(timing.path, big_csv).wait(timeout=300) == 0
    whole = time.monotonic() - started
    killed = 0
    for share in (0.25, 0.5, 0.75):
        process = start_import(sample_store.path, big_csv)
        time.sleep(whole * share)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)  # no clean-up of any kind: as a power cut
            killed += 1
        process.wait(timeout=60)
        assert register(sample_store) == before  # the previous register, whole
    assert killed == 3
    # And the next import, not killed, loads everything.
    finished = start_import(sample_store.path, big_csv)
    assert finished.wait(timeout=300) == 0, finished.stderr.read()
    tasks, batches, versions = register(sample_store)
    assert (tasks, batches, versions) == (before[0] + BIG, before[1] + 1, before[2] + BIG)


@pytest.mark.slow
def test_two_imports_at_once_are_taken_one_after_the_other(store: Store, big_csv: Path, tmp_path: Path):
    small = tmp_path / "nho.csv"
    write_register_csv(small, 2_000, first=BIG + 1)
    first = start_import(store.path, big_csv)
    time.sleep(0.5)
    second = start_import(store.path, small)  # waits for the first one to let go of the file, then runs
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert register(store) == (BIG + 2_000, 2, BIG + 2_000)


def test_two_users_importing_at_once_in_the_app_are_taken_in_turn(store: Store, tmp_path: Path):
    """The app's sessions are threads of one process: their imports queue on the store's write lock."""
    files = []
    for index in range(2):
        path = tmp_path / f"so_{index}.csv"
        write_register_csv(path, 20_000, first=1 + index * 20_000)
        files.append(path.read_bytes())
    seen_busy = []
    results: list[object] = [None, None]

    def run(index: int) -> None:
        try:
            results[index] = import_file(store, files[index], f"so_{index}.csv")
        except Exception as exc:  # noqa: BLE001 - the test reports it
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        seen_busy.append(store.busy_writing())
        time.sleep(0.01)
    assert all(getattr(r, "rows_loaded", None) == 20_000 for r in results), results
    assert any(seen_busy)
    assert register(store) == (40_000, 2, 40_000)
