"""Shared fixtures: throw-away databases and the imported sample (builders live in tests/builders.py).

What takes time is built once per session and copied per test: an empty database (every migration applied) and
the imported sample. Small workbooks are read in this process: the child process that reads them in the app
(ingest.sandbox) costs a Python start per file, and only the tests of hostile files, marked `child_process`, need
it. Tests that cannot share the machine with others (timed kills, lock waits, real servers and browsers) are marked
`serial`: `make test` runs them after the others, which run on every core (pytest-xdist).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analytics.importer import load_sample
from analytics.store import Store
from tests.builders import new_store


def pytest_configure(config: pytest.Config) -> None:
    """A missing string or placeholder is an error under test (analytics.i18n.strict), in this process and in every
    command line and server a test starts."""
    os.environ["DONDOC_STRICT_STRINGS"] = "1"


@pytest.fixture(autouse=True)
def no_accounts(monkeypatch: pytest.MonkeyPatch) -> None:
    """No accounts (the single-user mode, DONDOC_ACCOUNTS=none) unless a test names a file of its own: a
    developer's data/accounts.toml never changes what a test sees. (The audit log is beside each test's database.)"""
    monkeypatch.setenv("DONDOC_ACCOUNTS", "none")


@pytest.fixture(autouse=True)
def workbooks_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workbooks and web pages read in this process (the reader is the same code the child process runs), unless
    the test is marked `child_process`."""
    if request.node.get_closest_marker("child_process") is None:
        from analytics.ingest import sandbox, webpage, workbook

        monkeypatch.setattr(sandbox, "read_workbook", workbook.read_workbook)
        monkeypatch.setattr(sandbox, "read_webpage", webpage.read_webpage)


def copy_database(source: Path, target: Path) -> Store:
    """A copy of a closed database file (and the originals kept beside it) at `target`."""
    shutil.copy(source, target)
    originals = source.with_name(source.stem + ".originals")
    if originals.exists():
        shutil.copytree(originals, target.with_name(target.stem + ".originals"))
    return Store(target, lock_wait=5)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty database of its own for each test (a copy of one made once: builders.new_store)."""
    return new_store(tmp_path / "test.duckdb")


BIG = 150_000  # rows of `big_csv`: an import of a few seconds, long enough to be killed in the middle


@pytest.fixture(scope="session")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic register of BIG tasks (the benchmark's generator), written once per test session."""
    from benchmarks.registers import write_register_csv

    path = tmp_path_factory.mktemp("big") / "so_lon.csv"
    write_register_csv(path, BIG)
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample imported once per test session (tests copy it before changing anything)."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    sample = Store(path)
    sample.ensure()
    load_sample(sample)
    return path


@pytest.fixture
def sample_store(sample_db: Path, tmp_path: Path) -> Store:
    """A private copy of the imported sample."""
    return copy_database(sample_db, tmp_path / "sample.duckdb")
