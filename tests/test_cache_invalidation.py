"""Never a stale figure: the overview caches its queries under the data version and its figures under the query
results they are drawn from, so an import, or its undo, shows at once on a page already open, in a view seen
before the import as well as in a new one. Driven through the app itself (Streamlit's AppTest), on the sample
(25/10/2023: 140 overdue tasks, 58 of them in communes and wards)."""

from __future__ import annotations

import json

import pytest

from analytics.importer import import_file
from analytics.store import Store
from tests.app.conftest import streamlit_process  # noqa: F401  (autouse: a clean Streamlit state per test)
from tests.app.helpers import metric, metrics, new_app, no_exception
from tests.builders import SAMPLE_AS_OF, csv_bytes, d

# Three tasks of a ward, overdue since 01/10/2023 (24 days on the sample's day): the whole city's figures, the
# communes' figures, the ward's bar, the aging bucket 8-30 days, October's bar and the trend all gain 3.
NEW_TASKS = csv_bytes([
    ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Ngày giao", "Hạn xử lý"],
    *[[f"MOI-{n}", f"Việc mới {n}", "Phường Nghĩa Lộ", "01/09/2023", "01/10/2023"] for n in range(1, 4)],
])


@pytest.fixture
def app_db(sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("DONDOC_DB", str(sample_store.path))
    return sample_store


def charts(at) -> dict[str, list[dict]]:
    """Every chart's traces, by its title (as of the same day before and after: the titles stay)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return {spec["layout"]["title"]["text"]: spec["data"] for spec in specs}


def trend_last(at) -> int:
    """The trend's value on the as-of day (the label written at the end of the line)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    trend = next(spec for spec in specs if "từng ngày" in spec["layout"]["title"]["text"])
    return int(trend["layout"]["annotations"][0]["text"].strip("<b/>"))


def unit_bar(at, unit: str) -> int:
    """A unit's total on the wards' chart (the number written at the end of its bar)."""
    traces = next(data for title, data in charts(at).items() if "xã, phường" in title)
    totals = traces[-1]
    return int(totals["text"][totals["customdata"].index(unit)])


def screen(at) -> dict:
    """What the page shows: the figures, the charts, the longest-overdue list."""
    no_exception(at)
    return {"metrics": metrics(at), "delta": metric(at, "Trễ hạn").proto.delta, "charts": charts(at),
            "longest": list(at.dataframe[-1].value["Mã nhiệm vụ"])}


def import_new_tasks(store: Store) -> int:
    report = import_file(store, NEW_TASKS, "moi.csv", snapshot_date=SAMPLE_AS_OF)
    assert report.rows_loaded == 3
    return report.batch_id


def test_an_import_and_its_undo_show_at_once(app_db: Store):
    at = new_app().run()
    before = screen(at)
    assert before["metrics"]["Trễ hạn"] == "140"
    assert (trend_last(at), unit_bar(at, "Phường Nghĩa Lộ")) == (140, 11)

    batch = import_new_tasks(app_db)
    at.run()  # the same page, open on the same view: every cached query and figure is from the old version
    after = screen(at)
    assert after["metrics"]["Trễ hạn"] == "143"
    assert after["metrics"]["Tổng số nhiệm vụ"] == "1.603"
    assert after["delta"] == "-14"  # overdue on the comparison day (18/10) as well: 157 then
    assert (trend_last(at), unit_bar(at, "Phường Nghĩa Lộ")) == (143, 14)
    changed = {title for title in before["charts"] if before["charts"][title] != after["charts"][title]}
    assert changed == set(before["charts"]) - {"<b>Trễ hạn theo sở, phòng, ban — đến 25/10/2023</b>",
                                               "<b>Trễ hạn: khối Đảng, MTTQ, đoàn thể và khác — đến 25/10/2023</b>"}

    assert app_db.undo(batch)
    at.run()
    assert screen(at) == before


def test_a_filter_seen_before_the_import_shows_the_import(app_db: Store):
    at = new_app().run()
    at.multiselect(key="block").set_value(["commune"]).run()
    communes = screen(at)
    assert communes["metrics"]["Trễ hạn"] == "58"
    at.multiselect(key="block").set_value([]).run()
    everything = screen(at)
    at.segmented_control(key="trend").set_value("30").run()  # a trend range seen too
    everything_30_days = screen(at)
    at.segmented_control(key="trend").set_value("90").run()

    batch = import_new_tasks(app_db)
    at.multiselect(key="block").set_value(["commune"]).run()  # the view seen before: its cache is of the old data
    assert metric(at, "Trễ hạn").value == "61"
    assert (trend_last(at), unit_bar(at, "Phường Nghĩa Lộ")) == (61, 14)
    at.multiselect(key="block").set_value([]).run()
    at.segmented_control(key="trend").set_value("30").run()
    assert metric(at, "Trễ hạn").value == "143"
    assert trend_last(at) == 143

    assert app_db.undo(batch)
    at.run()
    assert screen(at) == everything_30_days
    at.segmented_control(key="trend").set_value("90").run()
    assert screen(at) == everything
    at.multiselect(key="block").set_value(["commune"]).run()
    assert screen(at) == communes


def test_a_drill_down_seen_before_the_import_shows_the_import(app_db: Store):
    """The unit's list is its own cached query (not part of the overview's)."""
    at = new_app(focus="Phường Nghĩa Lộ").run()
    assert len(at.dataframe[0].value) == 11
    batch = import_new_tasks(app_db)
    at.run()
    no_exception(at)
    shown = list(at.dataframe[0].value["Mã nhiệm vụ"])
    assert len(shown) == 14 and {"MOI-1", "MOI-2", "MOI-3"} <= set(shown)
    assert app_db.undo(batch)
    at.run()
    assert len(at.dataframe[0].value) == 11


def test_the_new_tasks_fell_due_in_october(app_db: Store):
    """The check the tests above rely on: the new tasks are overdue on the sample's day, 24 days."""
    import_new_tasks(app_db)
    with app_db.connect() as con:
        rows = con.execute("SELECT task_id, coalesce(extended_due_date, due_date) FROM tasks "
                           "WHERE task_id LIKE 'MOI-%' ORDER BY task_id").fetchall()
    assert rows == [(f"MOI-{n}", d("01/10/2023")) for n in range(1, 4)]
    assert (SAMPLE_AS_OF - d("01/10/2023")).days == 24
