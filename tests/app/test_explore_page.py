"""Khám phá with AppTest: the page drawn from a URL, its figures and records exact on the sample, the URL
written back when a choice changes, paging, search, hidden names, bad links and an empty database."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analytics import explore, queries
from tests.app.helpers import button, no_exception, open_page, texts
from tests.builders import SAMPLE_AS_OF

EXPLORE = "pages/explore.py"
pytestmark = pytest.mark.usefixtures("sample_app_db")


def explore_page(**query: str | list[str]):
    return open_page(EXPLORE, **query)


def chart(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_default_view_is_overdue_by_unit_with_its_records():
    at = explore_page()
    spec = chart(at)
    assert spec["layout"]["title"]["text"] == "<b>Số nhiệm vụ trễ hạn theo Đơn vị chủ trì, tính đến 25/10/2023</b>"
    bars = spec["data"][0]
    assert bars["text"][:2] == ["11", "8"]  # Phường Nghĩa Lộ 11, Phòng Quản lý đô thị 8: most first
    assert bars["customdata"][0] == ["Phường Nghĩa Lộ", None]
    assert "140 nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 25/10/2023" in texts(at.markdown)
    assert "Dòng 1–50 trong 140 · trang 1/3" in texts(at.caption)
    records = at.dataframe[0].value
    assert len(records) == 50
    assert set(records["Trạng thái (tính đến ngày)"]) == {"Trễ hạn"}
    assert list(records["Số ngày trễ"]) == sorted(records["Số ngày trễ"], reverse=True)  # longest overdue first
    assert dict(at.query_params) == {}  # the default view needs no parameters


def test_table_of_blocks_by_quarter_due(sample_app_db):
    at = explore_page(rows="block", cols="due_quarter", measure="tasks", chart="table", order="name")
    table = at.dataframe[0].value
    assert list(table["Khối"]) == ["Chính quyền (sở, phòng, ban)", "Xã, phường, thị trấn", "Khối Đảng",
                                   "MTTQ và đoàn thể", "Khác", "Tổng cộng"]
    assert table["Tổng cộng"].iloc[-1] == "1.600"
    with sample_app_db.connect() as con:
        answer = explore.grouped(con, queries.View(SAMPLE_AS_OF), explore.Question("block", "due_quarter", "tasks"))
    government = answer.cells[answer.cells["row_key"] == "government"].set_index("col_key")["tasks"]
    assert table["Quý 3/2023"].iloc[0] == f"{government['2023-Q3']:,}".replace(",", ".")
    assert table["Tổng cộng"].iloc[0] == "841"


def test_a_picked_group_lists_its_records_and_can_be_cleared():
    at = explore_page(rows="block", pick='["commune"]')
    assert "58 nhiệm vụ trễ hạn của nhóm Xã, phường, thị trấn, tính đến 25/10/2023" in texts(at.markdown)
    assert chart(at)["data"][0]["selectedpoints"] == [1]  # the picked bar shows, second after the government's 60
    assert "Dòng 1–50 trong 58 · trang 1/2" in texts(at.caption)
    button(at, "Bỏ chọn nhóm").click().run()
    no_exception(at)
    assert "140 nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 25/10/2023" in texts(at.markdown)
    assert "pick" not in at.query_params


def test_on_time_rate_records_are_the_tasks_that_came_due():
    at = explore_page(rows="block", measure="on_time_rate")
    assert chart(at)["data"][0]["text"][0].endswith("%")
    assert "1.300 nhiệm vụ đã đến hạn (đúng hạn, hoàn thành trễ, đang trễ hạn) khớp các lựa chọn, tính đến " \
           "25/10/2023" in texts(at.markdown)


def test_changing_the_grouping_writes_the_url_and_resets_pick_and_page():
    at = explore_page(rows="block", pick='["commune"]', page="2")
    assert "Dòng 51–58 trong 58 · trang 2/2" in texts(at.caption)
    at.selectbox(key="ex_rows").set_value("field").run()
    no_exception(at)
    assert at.query_params["rows"] == "field"
    assert "pick" not in at.query_params and "page" not in at.query_params
    assert "Dòng 1–50 trong 140 · trang 1/3" in texts(at.caption)


def test_paging_and_server_side_sort():
    at = explore_page(sort="task_id", desc="0")
    first_page = list(at.dataframe[0].value["Mã nhiệm vụ"])
    assert first_page == sorted(first_page)
    button(at, "Trang sau").click().run()
    no_exception(at)
    assert at.query_params["page"] == "2"
    second_page = list(at.dataframe[0].value["Mã nhiệm vụ"])
    assert first_page[-1] < second_page[0]  # sorted across pages, not within one
    assert "Dòng 51–100 trong 140 · trang 2/3" in texts(at.caption)


def test_search_is_accent_insensitive_and_in_the_url(sample_app_db):
    at = explore_page(measure="tasks")
    at.text_input(key="ex_q").input("tinh an").run()
    no_exception(at)
    assert at.query_params["q"] == "tinh an"
    with sample_app_db.connect() as con:
        view = queries.View(SAMPLE_AS_OF, queries.Filters(search="tinh an"))
        expected = explore.record_count(con, view, explore.Question(measure="tasks"))
        accented = explore.record_count(con, queries.View(SAMPLE_AS_OF, queries.Filters(search="Tịnh Ấn")),
                                        explore.Question(measure="tasks"))
    assert 0 < accented < expected
    assert f"{expected} nhiệm vụ khớp các lựa chọn, tính đến 25/10/2023" in texts(at.markdown)
    titles = at.dataframe[0].value["Trích yếu"]
    assert titles.str.contains("Tịnh A|Tịnh Ấ|tịnh a|tịnh ấ", regex=True).any()
    assert "Tìm: tinh an" in " ".join(texts(at.caption))  # the filter line says what is searched


def test_more_filters_from_the_url_and_cleared():
    at = explore_page(state="overdue", aging="90+", due_to="2023-06-30")
    line = texts(at.markdown)[0]
    assert line.endswith("nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 25/10/2023")
    count = int(line.split()[0])
    assert 0 < count <= 50  # over 90 days late: 50 in all, fewer with a deadline by 30/06/2023
    button(at, "Bỏ các lọc thêm").click().run()
    no_exception(at)
    assert "140 nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 25/10/2023" in texts(at.markdown)
    assert not {"state", "aging", "due_to"} & set(at.query_params)


def test_english_labels():
    at = explore_page(lang="en", rows="aging", order="name")
    spec = chart(at)
    assert spec["layout"]["title"]["text"] == "<b>Overdue tasks by Days overdue, as of 25/10/2023</b>"
    assert spec["layout"]["yaxis"]["ticktext"] == ["1–7 days ", "8–30 days ", "31–90 days ", "Over 90 days ",
                                                   "Not overdue "]
    assert "140 overdue tasks match these choices, as of 25/10/2023" in texts(at.markdown)


def test_a_malformed_link_still_opens():
    at = explore_page(rows="nonsense", cols="rows", measure="x", chart="pie", pick="{not json", page="-3",
                      size="7", due_from="31/02/2023", sort="DROP TABLE")
    assert chart(at)["layout"]["title"]["text"].startswith("<b>Số nhiệm vụ trễ hạn theo Đơn vị chủ trì")
    assert "Dòng 1–50 trong 140 · trang 1/3" in texts(at.caption)


def test_hidden_names_in_options_chart_and_records(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DONDOC_OFFICER_NAMES", "0")
    at = explore_page(rows="assignee")
    officers = at.multiselect(key="ex_officer").options
    assert officers and all(o.startswith("CB-") for o in officers)
    assert all(str(k[0]).startswith("CB-") for k in chart(at)["data"][0]["customdata"] if k[0])
    assert all(v.startswith("CB-") or v == "" for v in at.dataframe[0].value["Cán bộ phụ trách"])
    at.multiselect(key="ex_officer").select(officers[0]).run()
    no_exception(at)
    assert at.query_params["officer"] == officers[0]


def test_a_search_with_no_match(sample_app_db):
    at = explore_page(q="không có cụm từ này")
    assert texts(at.info)[-1] == "Không có nhiệm vụ nào khớp các lựa chọn này."


def test_the_as_of_day_applies():
    at = explore_page(as_of=dt.date(2023, 10, 18).isoformat())
    assert "154 nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 18/10/2023" in texts(at.markdown)


def test_a_clicked_table_cell_is_its_group(sample_app_db):
    """The table's cells map back to their groups: a cell to (row, column), the label column to the row, the
    total row to nothing; the mapping the page keeps is that of the table it drew."""
    at = explore_page(rows="block", cols="due_quarter", chart="table")
    rows, columns = at.session_state["_ex_table_keys"]
    table = at.dataframe[0].value
    assert rows[:2] == ["government", "commune"] and columns["Quý 3/2023"] == "2023-Q3"
    assert explore.pick_from_cell(rows, columns, 1, "Quý 3/2023") == explore.Pick("commune", "2023-Q3", True)
    assert explore.pick_from_cell(rows, columns, 0, "Khối") == explore.Pick("government")
    assert explore.pick_from_cell(rows, columns, len(table) - 1, "Quý 3/2023") is None  # the total row
    picked = explore_page(rows="block", cols="due_quarter", chart="table", pick='["commune", "2023-Q3"]')
    with sample_app_db.connect() as con:
        expected = explore.record_count(con, queries.View(SAMPLE_AS_OF), explore.Question("block", "due_quarter"),
                                        explore.Pick("commune", "2023-Q3", True))
    assert table.loc[1, "Quý 3/2023"] == str(expected)
    assert (f"{expected} nhiệm vụ trễ hạn của nhóm Xã, phường, thị trấn × Quý 3/2023, tính đến 25/10/2023"
            in texts(picked.markdown))


def test_a_sidebar_change_drops_the_pick_and_the_page():
    at = explore_page(rows="block", pick='["commune"]', page="2")
    assert "Dòng 51–58 trong 58 · trang 2/2" in texts(at.caption)
    at.multiselect(key="block").select("government").run()
    no_exception(at)
    assert "60 nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 25/10/2023" in texts(at.markdown)
    assert "pick" not in at.query_params and "page" not in at.query_params


def test_the_latest_months_are_kept_and_the_cut_is_said():
    at = explore_page(rows="block", cols="due_month", measure="tasks")
    series = [trace["name"] for trace in chart(at)["data"]]
    assert series[-2:] == ["01/2024", "(không có)"]  # the latest month and the undated are kept, in time order
    assert len(series) == 12
    assert "Hiện 12 tháng đến hạn gần nhất trong 14; đủ mọi nhóm trong tệp tải về." in " ".join(texts(at.caption))


def test_leaving_and_coming_back_keeps_the_exploration():
    at = explore_page(rows="field", measure="tasks", q="tinh an")
    at.switch_page("pages/overview.py").run()
    for key in list(at.query_params):  # the navigation drops the page's parameters, as in a browser
        del at.query_params[key]
    at.switch_page(EXPLORE).run()
    no_exception(at)
    assert at.selectbox(key="ex_rows").value == "field" and at.text_input(key="ex_q").value == "tinh an"
    assert at.query_params["rows"] == "field"


def test_the_figures_file_holds_numbers(sample_app_db):
    with sample_app_db.connect() as con:
        answer = explore.grouped(con, queries.View(SAMPLE_AS_OF), explore.Question("block", measure="on_time_rate"))
    table, _ = explore.figures_table(answer, "vi", as_text=False)
    assert list(table.columns) == ["Khối", "Tỷ lệ đúng hạn (%)"]
    assert table.iloc[-1].tolist() == ["Tổng cộng", 62.0]  # 806 of 1.300 came due on time
    shown, _ = explore.figures_table(answer, "vi")
    assert shown.iloc[-1].tolist() == ["Tổng cộng", "62,0%"]


def test_rows_set_to_the_column_dimension_drop_the_columns():
    at = explore_page(rows="block", cols="unit")
    at.selectbox(key="ex_rows").set_value("unit").run()
    no_exception(at)
    assert at.selectbox(key="ex_cols").value == "-"
    assert dict(at.query_params) == {}  # units alone: the default view
