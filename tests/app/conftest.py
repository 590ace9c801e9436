"""Fixtures for the Streamlit page tests: the sample's database, and the Streamlit process state.

The pages are driven with Streamlit's AppTest, which runs the real entry point (app.py) and its st.navigation
pages in this process. The tests of one module that only read share one copy of the sample and Streamlit's
caches (as the users of one server do): the first view pays for the queries, the next ones are served from the
caches, keyed by the data version like every cached figure. A test marked `changes_data` (an import, an undo,
recorded reminders, edited cause rules, accounts) gets a copy and empty caches of its own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics.importer import import_file
from analytics.store import Store
from tests.builders import csv_bytes
from tests.conftest import copy_database


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module", autouse=True)
def module_caches():
    """Streamlit's caches start empty for each module and are left empty after it."""
    _clear_caches()
    yield
    _clear_caches()


@pytest.fixture(autouse=True)
def streamlit_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Empty Streamlit caches around a test that changes its data, and every script run the way the server does.

    AppTest starts each run with a fresh PagesManager, which sees the project's `pages/` folder and treats
    the app as an old-style multipage app: from the second run on it would execute the page file alone,
    without app.py (no language selector, no page configuration). A running server decides this once,
    and st.navigation switches it off for good; the wrapper below puts every AppTest run in that state.
    """
    original_init = PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    private = request.node.get_closest_marker("changes_data") is not None
    if private:
        _clear_caches()
    yield
    if private:
        _clear_caches()


@pytest.fixture(scope="module")
def shared_sample_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the imported sample for the tests of a module that only read it."""
    return copy_database(sample_db, tmp_path_factory.mktemp("shared") / "sample.duckdb").path


@pytest.fixture
def sample_app_db(request: pytest.FixtureRequest, shared_sample_db: Path, sample_db: Path, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Store:
    """The imported sample, used by the app: the module's shared copy, or a private one for a test that changes
    its data (marked `changes_data`)."""
    if request.node.get_closest_marker("changes_data") is not None:
        store = copy_database(sample_db, tmp_path / "sample.duckdb")
    else:
        store = Store(shared_sample_db, lock_wait=5)
    monkeypatch.setenv("DONDOC_DB", str(store.path))
    return store


@pytest.fixture
def empty_app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A database with import history but no tasks: one import, undone (the app loads the sample only into a
    database that has never had an import)."""
    store = Store(tmp_path / "empty.duckdb", lock_wait=5)
    store.ensure()
    data = csv_bytes([["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
                      ["X1", "Một việc", "Phường Nghĩa Lộ", "01/09/2023"]])
    report = import_file(store, data, "mot_dong.csv", snapshot_date=dt.date(2023, 10, 25))
    assert store.undo(report.batch_id)
    monkeypatch.setenv("DONDOC_DB", str(store.path))
    return store
