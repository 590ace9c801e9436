"""Fixtures for the Streamlit page tests: a private database per test and a clean Streamlit process state.

The pages are driven with Streamlit's AppTest, which runs the real entry point (app.py) and its
st.navigation pages in this process, so every test points DONDOC_DB at its own database and starts with
empty Streamlit caches.
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


@pytest.fixture(autouse=True)
def streamlit_process(monkeypatch: pytest.MonkeyPatch):
    """Empty Streamlit caches around each test, and run every script run the way the server does.

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
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def sample_app_db(sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A private copy of the imported sample, used by the app."""
    monkeypatch.setenv("DONDOC_DB", str(sample_store.path))
    return sample_store


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
