"""Units after mergers on the pages (docs/design.md §3.1): the overview and Khám phá count a merged ward's tasks
under its successor and say so; "Theo tên trong sổ" in the sidebar, kept in the URL, groups by the name written.
The register and registry are those of tests/test_lineage_figures.py."""

from __future__ import annotations

import base64
import json

import numpy
import pytest

from tests.app.helpers import metric, new_app, no_exception, texts
from tests.test_lineage_figures import merged

CAM_THANH_LINE = "Phường Cẩm Thành gồm Phường Chánh Lộ, Phường Nguyễn Nghiêm đến 30/06/2025"


@pytest.fixture(scope="module")
def merged_db(tmp_path_factory):
    return merged(tmp_path_factory.mktemp("merged") / "dondoc.duckdb").path


@pytest.fixture(autouse=True)
def app_db(merged_db, monkeypatch):
    monkeypatch.setenv("DONDOC_DB", str(merged_db))


def _values(values) -> list:
    """A Plotly array as written in a figure's JSON: a list, or typed binary data ({"dtype", "bdata"})."""
    if isinstance(values, dict):
        return numpy.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def unit_bars(at) -> dict[str, int]:
    """The overdue tasks per unit drawn on the overview's unit charts (every bucket added up)."""
    totals: dict[str, int] = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if not spec["layout"]["title"]["text"].startswith("<b>Trễ hạn"):
            continue
        for trace in spec["data"]:
            if not trace.get("name"):  # the totals written at the bars' ends
                continue
            for unit, value in zip(_values(trace["y"]), _values(trace["x"]), strict=True):
                totals[unit] = totals.get(unit, 0) + int(value)
    return totals


def test_the_overview_counts_the_merged_wards_under_their_successor_and_says_so():
    at = new_app(as_of="2025-09-01").run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "5"
    bars = unit_bars(at)
    assert bars["Phường Cẩm Thành"] == 4 and "Phường Nguyễn Nghiêm" not in bars
    assert CAM_THANH_LINE in texts(at.caption)
    switch = [t for t in at.toggle if t.label == "Theo tên trong sổ"]
    assert len(switch) == 1 and switch[0].value is False
    at = switch[0].set_value(True).run()
    no_exception(at)
    assert at.query_params["recorded"] == "1"
    bars = unit_bars(at)
    assert (bars["Phường Nguyễn Nghiêm"], bars["Nguyễn Nghiêm"], bars["Phường Cẩm Thành"]) == (1, 1, 1)
    assert CAM_THANH_LINE not in texts(at.caption)
    assert metric(at, "Trễ hạn").value == "5"  # the totals are the same either way


def test_a_link_as_recorded_opens_as_recorded():
    at = new_app(as_of="2025-09-01", recorded="1").run()
    no_exception(at)
    assert [t.value for t in at.toggle if t.label == "Theo tên trong sổ"] == [True]
    assert "Phường Nguyễn Nghiêm" in unit_bars(at)


def test_the_switch_is_not_offered_without_mergers(sample_app_db):
    at = new_app().run()
    no_exception(at)
    assert not [t for t in at.toggle if t.label == "Theo tên trong sổ"]


def test_explore_by_unit_says_which_units_include_merged_ones():
    at = new_app(as_of="2026-01-01").switch_page("pages/explore.py").run()
    no_exception(at)
    captions = texts(at.caption)
    assert CAM_THANH_LINE in captions
    assert "Phường Trương Quang Trọng gồm Xã Tịnh Ấn Tây đến 30/06/2025" in captions


def test_a_successors_drill_down_says_which_tasks_it_took_over():
    at = new_app(as_of="2025-09-01", focus="Phường Cẩm Thành").run()
    no_exception(at)
    table = at.dataframe[0].value
    assert list(table.columns)[:3] == ["Mã nhiệm vụ", "Trích yếu", "Đơn vị ghi trong sổ"]
    assert dict(zip(table["Mã nhiệm vụ"], table["Đơn vị ghi trong sổ"], strict=True)) == {
        "T1": "Phường Nguyễn Nghiêm", "T2": "Phường Chánh Lộ", "T3": "Phường Cẩm Thành", "T7": "Nguyễn Nghiêm"}
    assert CAM_THANH_LINE in texts(at.caption)
