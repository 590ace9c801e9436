"""The overview page on the bundled sample (snapshot 25/10/2023): figures, URL parameters, sidebar, drill-down."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import streamlit as st

from analytics import queries
from analytics.importer import import_file
from tests.app.helpers import metric, metrics, new_app, no_exception, texts
from tests.builders import csv_bytes

pytestmark = pytest.mark.usefixtures("sample_app_db")

SAMPLE_FIGURES = {
    "Trễ hạn": "140",
    "Tổng số nhiệm vụ": "1.600",
    "Tỷ lệ đúng hạn": "62,0%",
    "Sắp đến hạn (7 ngày)": "22",
    "Không thời hạn": "128",
}


SAMPLE_NOTICE = (
    "Đang xem **dữ liệu mẫu giả lập** (TP Quảng Ngãi). Khi nhập sổ theo dõi của cơ quan, hãy hoàn tác "
    "các lần nhập “Dữ liệu mẫu” ở trang Nhập dữ liệu để số liệu không lẫn với dữ liệu mẫu."
)


def chart_titles(at) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")]


def as_of_line(at) -> str:
    lines = [text for text in texts(at.markdown) if text.startswith(("Số liệu tính đến ngày", "Figures as of"))]
    assert len(lines) == 1, texts(at.markdown)
    return lines[0]


def test_sample_overview_figures():
    at = new_app().run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Tình hình thực hiện nhiệm vụ"]
    assert metrics(at) == SAMPLE_FIGURES
    overdue = metric(at, "Trễ hạn")
    assert overdue.proto.delta == "-14"
    assert overdue.proto.delta_description == "so với 18/10/2023"
    assert as_of_line(at) == (
        "Số liệu tính đến ngày **25/10/2023** · dữ liệu chốt ngày 25/10/2023 · so sánh với ngày 18/10/2023"
    )
    assert "Dữ liệu chốt ngày 25/10/2023" in texts(at.sidebar.caption)
    assert [d.value for d in at.date_input] == [dt.date(2023, 10, 25), dt.date(2023, 10, 18)]
    assert not at.warning
    assert texts(at.caption)[:1] == ["Đúng hạn trong số đã hoàn thành: 69,5%"]
    assert "Hiện 15 trong số 140 nhiệm vụ trễ hạn." in texts(at.caption)


def test_sample_overview_chart_titles():
    at = new_app().run()
    no_exception(at)
    assert chart_titles(at) == [
        "<b>Nhiệm vụ trễ hạn theo khối — đến 25/10/2023</b>",
        "<b>Thời gian trễ hạn — đến 25/10/2023</b>",
        "<b>Số nhiệm vụ trễ hạn từng ngày, 27/07/2023 – 25/10/2023</b>",
        "<b>Nhiệm vụ trễ hạn theo tháng hết hạn — đến 25/10/2023</b>",
        "<b>Trễ hạn theo sở, phòng, ban — đến 25/10/2023</b>",
        "<b>Trễ hạn theo xã, phường — đến 25/10/2023</b>",
        "<b>Trễ hạn: khối Đảng, MTTQ, đoàn thể và khác — đến 25/10/2023</b>",
    ]
    by_block = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert by_block["customdata"] == ["other", "party", "mass_org", "commune", "government"]


def test_longest_overdue_table():
    at = new_app().run()
    longest = at.dataframe[-1].value
    assert len(longest) == 15
    assert list(longest.columns) == [
        "Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Hạn (sau gia hạn)", "Số ngày trễ",
        "Nguyên nhân chậm", "Tình trạng (theo tệp)",
    ]
    days = list(longest["Số ngày trễ"])
    assert days == sorted(days, reverse=True)
    assert days[-1] > 0


def test_english_chosen_in_the_sidebar():
    at = new_app().run()
    at.segmented_control(key="lang").set_value("en").run()
    no_exception(at)
    assert metrics(at) == {
        "Overdue": "140",
        "Total tasks": "1,600",
        "On-time rate": "62.0%",
        "Due within 7 days": "22",
        "No deadline": "128",
    }
    assert metric(at, "Overdue").proto.delta_description == "since 18/10/2023"
    assert as_of_line(at).startswith("Figures as of **25/10/2023**")
    # The language survives the next rerun (the selector lives in app.py, above the pages).
    at.run()
    assert metric(at, "Total tasks").value == "1,600"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({"lang": "en"}, {"Overdue": "140", "Total tasks": "1,600"}, id="lang=en"),
        pytest.param({"block": "commune"}, {"Trễ hạn": "58"}, id="block=commune"),
        pytest.param({"block": "government"}, {"Trễ hạn": "60"}, id="block=government"),
    ],
)
def test_url_parameters_use_codes(query, expected):
    at = new_app(**query).run()
    no_exception(at)
    shown = metrics(at)
    assert {label: shown.get(label) for label in expected} == expected


def test_trend_range_from_url_code():
    at = new_app(trend="30").run()
    no_exception(at)
    assert "<b>Số nhiệm vụ trễ hạn từng ngày, 25/09/2023 – 25/10/2023</b>" in chart_titles(at)


def test_trend_range_chosen_on_the_page():
    at = new_app().run()
    at.segmented_control(key="trend").set_value("30").run()
    no_exception(at)
    assert "<b>Số nhiệm vụ trễ hạn từng ngày, 25/09/2023 – 25/10/2023</b>" in chart_titles(at)
    trend = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                 if "từng ngày" in json.loads(c.proto.spec)["layout"]["title"]["text"])
    assert len(trend["data"][0]["x"]) == 31


def test_unit_filter_from_url():
    at = new_app(unit="Phường Nghĩa Lộ").run()
    no_exception(at)
    assert metrics(at) == {
        "Trễ hạn": "11",
        "Tổng số nhiệm vụ": "56",
        "Tỷ lệ đúng hạn": "59,6%",
        "Sắp đến hạn (7 ngày)": "1",
        "Không thời hạn": "4",
    }
    assert at.multiselect(key="unit").value == ["Phường Nghĩa Lộ"]
    assert "Đang lọc: Đơn vị chủ trì: Phường Nghĩa Lộ" in texts(at.caption)
    assert [b.label for b in at.sidebar.button] == ["Bỏ mọi bộ lọc"]


def test_block_filter_chosen_in_the_sidebar():
    at = new_app().run()
    at.multiselect(key="block").set_value(["commune"]).run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "58"
    at.multiselect(key="block").set_value(["government"]).run()
    assert metric(at, "Trễ hạn").value == "60"


def test_filters_matching_nothing_then_cleared():
    at = new_app().run()
    at.multiselect(key="block").set_value(["government"])
    at.multiselect(key="unit").set_value(["Phường Nghĩa Lộ"])
    at.run()
    no_exception(at)
    assert not at.metric
    assert texts(at.info) == [SAMPLE_NOTICE, "Không có nhiệm vụ nào khớp với bộ lọc đang chọn."]
    at.sidebar.button[0].click().run()
    no_exception(at)
    assert at.multiselect(key="block").value == []
    assert at.multiselect(key="unit").value == []
    assert metrics(at) == SAMPLE_FIGURES


def test_as_of_from_url_moves_the_comparison():
    at = new_app(as_of="2023-10-18").run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "154"
    assert metric(at, "Tổng số nhiệm vụ").value == "1.576"
    assert [d.value for d in at.date_input] == [dt.date(2023, 10, 18), dt.date(2023, 10, 11)]
    assert as_of_line(at) == (
        "Số liệu tính đến ngày **18/10/2023** · dữ liệu chốt ngày 25/10/2023 · so sánh với ngày 11/10/2023"
    )
    assert not at.warning


def test_as_of_and_comparison_from_url():
    at = new_app(as_of="2023-10-18", compare="2023-10-01").run()
    no_exception(at)
    assert [d.value for d in at.date_input] == [dt.date(2023, 10, 18), dt.date(2023, 10, 1)]
    overdue = metric(at, "Trễ hạn")
    assert (overdue.value, overdue.proto.delta, overdue.proto.delta_description) == ("154", "-12", "so với 01/10/2023")


def test_changing_the_as_of_date_in_the_sidebar():
    at = new_app().run()
    at.date_input(key="as_of").set_value(dt.date(2023, 10, 18)).run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "154"
    assert at.date_input(key="compare").value == dt.date(2023, 10, 11)
    assert as_of_line(at).endswith("so sánh với ngày 11/10/2023")
    assert "<b>Thời gian trễ hạn — đến 18/10/2023</b>" in chart_titles(at)


def test_a_new_as_of_date_resets_a_chosen_comparison():
    at = new_app().run()
    at.date_input(key="compare").set_value(dt.date(2023, 10, 1)).run()
    assert metric(at, "Trễ hạn").proto.delta_description == "so với 01/10/2023"
    at.date_input(key="as_of").set_value(dt.date(2023, 10, 18)).run()
    no_exception(at)
    assert at.date_input(key="compare").value == dt.date(2023, 10, 11)
    assert metric(at, "Trễ hạn").proto.delta_description == "so với 11/10/2023"


def test_comparison_not_before_as_of_is_flagged():
    at = new_app(compare="2023-10-30").run()
    no_exception(at)
    assert texts(at.info) == [
        SAMPLE_NOTICE,
        "Ngày so sánh 30/10/2023 không trước ngày 25/10/2023: mức thay đổi được tính ngược chiều."]
    assert metric(at, "Trễ hạn").value == "140"


def test_as_of_after_the_snapshot_warns():
    at = new_app(as_of="2023-11-30").run()
    no_exception(at)
    assert texts(at.warning) == [
        "Ngày 30/11/2023 sau ngày chốt dữ liệu mới nhất (25/10/2023). Sau ngày chốt chưa có thông tin, nên các "
        "nhiệm vụ còn mở trong tệp sẽ bị tính là trễ hạn. Hãy nhập dữ liệu mới hơn hoặc chọn ngày không quá "
        "25/10/2023."
    ]
    assert as_of_line(at).startswith("Số liệu tính đến ngày **30/11/2023**")


def test_drill_down_into_one_unit(sample_app_db):
    at = new_app().run()
    focus = at.selectbox(key="focus")
    assert focus.value is None
    assert "Phường Nghĩa Lộ" in focus.options
    focus.set_value("Phường Nghĩa Lộ").run()
    no_exception(at)
    assert "Phường Nghĩa Lộ: 11 nhiệm vụ trễ hạn tính đến 25/10/2023" in texts(at.markdown)
    table = at.dataframe[0].value
    assert len(table) == 11
    assert "Đơn vị chủ trì" not in table.columns  # named once, above the table
    with sample_app_db.connect() as con:
        expected = queries.overdue_tasks(con, queries.View(dt.date(2023, 10, 25)), unit="Phường Nghĩa Lộ")
    assert list(table["Mã nhiệm vụ"]) == list(expected["task_id"])
    assert (table["Số ngày trễ"] > 0).all()
    assert len(at.dataframe) == 2  # the unit's tasks, then the longest-overdue table
    # Choosing a unit cross-filters the figures, the block chart and the lists; the unit charts keep every unit.
    assert metric(at, "Trễ hạn").value == "11"
    assert len(at.dataframe[1].value) == 11  # the longest-overdue list is the unit's
    assert chart_data(at, "Nhiệm vụ trễ hạn theo khối")[0]["customdata"] == ["commune"]
    assert "Phường Trần Phú" in chart_data(at, "Trễ hạn theo xã, phường")[0]["customdata"]
    at.button(key="clear_focus").click().run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "140"
    assert at.selectbox(key="focus").value is None


def test_drill_down_lists_the_longest_overdue_first_and_says_how_many_there_are(sample_app_db, monkeypatch):
    monkeypatch.setattr(queries, "UNIT_TASKS_SHOWN", 4)
    st.cache_data.clear()  # the unit's list as an earlier test showed it, whole
    at = new_app(focus="Phường Nghĩa Lộ").run()
    no_exception(at)
    assert "Phường Nghĩa Lộ: 11 nhiệm vụ trễ hạn tính đến 25/10/2023" in texts(at.markdown)  # all of them
    table = at.dataframe[0].value
    with sample_app_db.connect() as con:
        expected = queries.overdue_tasks(con, queries.View(dt.date(2023, 10, 25)), unit="Phường Nghĩa Lộ")
    assert list(table["Mã nhiệm vụ"]) == list(expected["task_id"][:4])
    assert "Hiện 4 nhiệm vụ trễ lâu nhất trong 11; tệp Excel có 11 nhiệm vụ đầu." in texts(at.caption)


def test_drill_down_from_url():
    at = new_app(focus="Phường Nghĩa Lộ").run()
    no_exception(at)
    assert at.selectbox(key="focus").value == "Phường Nghĩa Lộ"
    assert "Phường Nghĩa Lộ: 11 nhiệm vụ trễ hạn tính đến 25/10/2023" in texts(at.markdown)
    assert len(at.dataframe[0].value) == 11


def test_empty_database_shows_the_way_to_import(empty_app_db):
    at = new_app().run()
    no_exception(at)
    assert not at.metric
    assert not at.get("plotly_chart")
    assert texts(at.info) == [
        "Chưa có nhiệm vụ nào. Vào trang **Nhập dữ liệu** để nhập sổ theo dõi nhiệm vụ (Excel hoặc CSV)."
    ]
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["Nhập dữ liệu"]
    assert [link.proto.page for link in links] == ["import_data"]


@pytest.mark.changes_data
def test_the_sample_says_it_is_the_sample_until_it_is_undone(sample_app_db):
    at = new_app().run()
    assert SAMPLE_NOTICE in texts(at.info)
    real = csv_bytes([["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý"], ["R-1", "Phòng Nội vụ", "01/10/2023"]])
    import_file(sample_app_db, real, "that.csv", snapshot_date=dt.date(2023, 10, 25))
    sample_batch = next(b["batch_id"] for b in sample_app_db.batches()
                        if b["origin"] == "sample" and b["kind"] == "tasks")
    assert sample_app_db.undo(sample_batch)
    at.run()
    no_exception(at)
    assert SAMPLE_NOTICE not in texts(at.info)
    assert metrics(at)["Tổng số nhiệm vụ"] == "1" and metrics(at)["Trễ hạn"] == "1"


def test_a_new_database_without_the_sample(tmp_path, monkeypatch):
    """DONDOC_SAMPLE=0: a brand-new database stays empty; both pages say what to do, nothing breaks."""
    monkeypatch.setenv("DONDOC_DB", str(tmp_path / "new.duckdb"))
    monkeypatch.setenv("DONDOC_SAMPLE", "0")
    at = new_app().run()
    no_exception(at)
    assert not at.metric
    assert "Chưa có nhiệm vụ nào" in texts(at.info)[0]
    at.switch_page("pages/import_data.py").run()
    no_exception(at)
    assert texts(at.info) == ["Chưa nhập lần nào."]


def test_import_page_on_a_database_whose_imports_were_undone(empty_app_db):
    at = new_app()
    at.switch_page("pages/import_data.py").run()
    no_exception(at)
    history = at.dataframe[-1].value
    assert list(history["Tệp"]) == ["mot_dong.csv"]
    assert history["Trạng thái"].iloc[0].startswith("Đã hoàn tác")
    assert not [b for b in at.button if b.label == "Hoàn tác lần nhập"]  # nothing left to undo


def chart_data(at, title: str) -> list[dict]:
    """The traces of the chart whose title starts with `title`."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["layout"]["title"]["text"].removeprefix("<b>").startswith(title):
            return spec["data"]
    raise AssertionError(f"no chart titled {title!r}")


def test_cross_filter_by_block_and_month(sample_app_db):
    """A block and a month chosen on the charts (here: through the link) narrow the other charts and the figures;
    each chart keeps its own bars; every choice is cleared by its own button, and Explore opens on the same
    tasks."""
    at = new_app(x_block="commune").run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "58"  # the communes' share of the 140 on 25/10/2023
    assert len(chart_data(at, "Nhiệm vụ trễ hạn theo khối")[0]["customdata"]) == 5  # the block chart keeps all
    assert chart_data(at, "Nhiệm vụ trễ hạn theo khối")[0]["selectedpoints"] == [3]  # communes highlighted
    assert not [c for c in at.get("plotly_chart") if "sở, phòng, ban" in json.loads(c.proto.spec)["layout"]
                ["title"]["text"]]  # no department is a commune
    months = chart_data(at, "Nhiệm vụ trễ hạn theo tháng hết hạn")[0]
    assert sum(months["y"]) == 58
    with sample_app_db.connect() as con:
        view = queries.View(dt.date(2023, 10, 25), queries.Filters(blocks=("commune",)))
        expected = queries.overdue_by_due_month(con, view)
    month = expected["month"].iloc[-1]
    at = new_app(x_block="commune", x_month=month).run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == str(int(expected["overdue"].iloc[-1]))
    link = [p for p in at.get("page_link") if p.proto.label == "Xem các nhiệm vụ này trong Khám phá"]
    assert len(link) == 1
    assert at.query_params["x_block"] == "commune" and at.query_params["x_month"] == month
    at.button(key="clear_x_month").click().run()
    assert metric(at, "Trễ hạn").value == "58"
    assert "x_month" not in at.query_params
    at.button(key="clear_cross").click().run()
    assert metric(at, "Trễ hạn").value == "140"
    assert not [b for b in at.button if b.key == "clear_cross"]


def test_cross_filter_outside_the_sidebar_filter_is_dropped(sample_app_db):
    """A stale link whose chosen block is outside the sidebar's block filter shows the sidebar's view."""
    at = new_app(block="government", x_block="commune").run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "60"
    assert "x_block" not in at.query_params


@pytest.mark.parametrize(
    ("as_of", "compare", "filters"),
    [
        pytest.param(dt.date(2023, 10, 25), dt.date(2023, 10, 18), queries.Filters(), id="sample day"),
        pytest.param(dt.date(2023, 9, 30), dt.date(2023, 6, 1), queries.Filters(blocks=("commune",)), id="communes"),
        pytest.param(dt.date(2023, 10, 1), dt.date(2023, 10, 20), queries.Filters(units=("Phường Nghĩa Lộ",)),
                     id="comparison after"),
    ],
)
def test_the_overview_query_agrees_with_the_single_queries(sample_app_db, as_of, compare, filters):
    """The page reads everything from queries.overview (a few scans); each part is what its own query says."""
    view = queries.View(as_of, filters)
    since = as_of - dt.timedelta(days=365)
    with sample_app_db.connect() as con:
        data = queries.overview(con, view, compare, 15, since)
        assert data.counts == queries.counts(con, view)
        assert data.previous == queries.counts(con, view.at(compare))
        pd.testing.assert_frame_equal(data.by_unit, queries.overdue_by_unit(con, view))
        pd.testing.assert_frame_equal(data.by_month, queries.overdue_by_due_month(con, view))
        pd.testing.assert_frame_equal(data.longest, queries.overdue_tasks(con, view, limit=15))
        for start in (as_of - dt.timedelta(days=30), since):
            pd.testing.assert_frame_equal(data.trend(start), queries.trend(con, view, start))
        daily = data.trend(since).set_index("day")["overdue"]
        for day in (since, as_of - dt.timedelta(days=100), compare if compare <= as_of else as_of, as_of):
            assert daily[day] == queries.counts(con, view.at(day)).overdue, day
    with pytest.raises(ValueError):
        data.trend(since - dt.timedelta(days=1))
