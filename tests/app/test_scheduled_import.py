"""A scheduled command-line import runs while the app serves users: it succeeds, the app's runs meanwhile wait
for the file or read it and never fail, and the app shows the new data after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.store import Store
from tests.app.helpers import metric, new_app, no_exception
from tests.test_resilience import start_import

# An import from another process while the app serves: timed, with its own data.
pytestmark = [pytest.mark.changes_data, pytest.mark.serial]


@pytest.mark.slow
def test_a_scheduled_import_while_the_app_serves(sample_app_db: Store, big_csv: Path):
    at = new_app().run()
    no_exception(at)
    total_before = metric(at, "Tổng số nhiệm vụ").value
    process = start_import(sample_app_db.path, big_csv)
    runs = 0
    while process.poll() is None:  # users keep clicking: each run waits for the file or reads it, never fails
        at.run()
        no_exception(at)
        assert not at.error, [e.value for e in at.error]
        runs += 1
    assert process.wait() == 0, process.stderr.read()
    assert runs >= 1
    at.run()
    no_exception(at)
    # The new register's snapshot is later: the as-of date follows it, and every new task is counted.
    assert metric(at, "Tổng số nhiệm vụ").value != total_before
