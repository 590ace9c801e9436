"""Shared fixtures: throw-away databases and the imported sample (builders live in tests/builders.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analytics.importer import load_sample
from analytics.store import Store


@pytest.fixture(autouse=True)
def no_accounts(monkeypatch: pytest.MonkeyPatch) -> None:
    """No accounts (the single-user mode, DONDOC_ACCOUNTS=none) unless a test names a file of its own: a
    developer's data/accounts.toml never changes what a test sees. (The audit log is beside each test's database.)"""
    monkeypatch.setenv("DONDOC_ACCOUNTS", "none")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty database of its own for each test."""
    result = Store(tmp_path / "test.duckdb", lock_wait=5)
    result.ensure()
    return result


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
    target = tmp_path / "sample.duckdb"
    shutil.copy(sample_db, target)
    originals = sample_db.with_name(sample_db.stem + ".originals")
    if originals.exists():
        shutil.copytree(originals, target.with_name(target.stem + ".originals"))
    return Store(target, lock_wait=5)
