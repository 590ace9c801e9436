"""Đánh giá (pages/evaluation.py) on the register of tests/test_evaluation.py: the month's figures per officer and
unit, the tasks behind a deduction, the cut-off day, the download, and what a guest sees."""

from __future__ import annotations

import json

import pytest

from analytics.importer import import_file
from tests.app.helpers import new_app, no_exception, texts
from tests.builders import csv_bytes, new_store
from tests.test_evaluation import AS_OF, HEADER, REGISTER

PAGE = "pages/evaluation.py"


@pytest.fixture(scope="module")
def evaluation_db(tmp_path_factory):
    store = new_store(tmp_path_factory.mktemp("evaluation-page") / "dondoc.duckdb")
    import_file(store, csv_bytes([HEADER, *REGISTER]), "so.csv", snapshot_date=AS_OF)
    return store.path


@pytest.fixture(autouse=True)
def app_db(evaluation_db, monkeypatch):
    monkeypatch.setenv("DONDOC_DB", str(evaluation_db))


def page(**query):
    at = new_app(**query).switch_page(PAGE).run()
    no_exception(at)
    return at


def test_last_month_per_officer_with_quantity_and_progress():
    at = page()
    assert [t.value for t in at.title] == ["Đánh giá"]
    assert at.selectbox(key="period").value == "2026-10"  # as of 30/11/2026: the month before
    assert at.header[0].value == "Kết quả thực hiện nhiệm vụ theo cán bộ: Tháng 10/2026 (01/10/2026 – 31/10/2026)"
    table = at.dataframe[0].value
    assert table.values.tolist() == [
        ["Nguyễn Văn An", "Phòng Nội vụ", 5, 2, 2, 1, 1, 1, "80,0%", "75,0%"],
        ["Trần Thị Bình", "Phường Nghĩa Lộ", 1, 0, 0, 0, 1, 0, "0,0%", "0,0%"],
    ]
    assert "Xét đến ngày 31/10/2026." in texts(at.caption)


def test_by_unit_and_the_reporting_regimes_cut_off():
    at = page(evaluate_by="unit", cutoff="15")
    assert at.dataframe[0].value.values.tolist()[0] == [
        "Phòng Nội vụ", "Chính quyền (sở, phòng, ban)", 2, 1, 1, 0, 0, 1, "100,0%", "87,5%"]
    assert "(15/09/2026 – 14/10/2026)" in at.header[0].value


def test_a_period_still_running_says_so():
    at = page(period="2026-11")
    assert "Kỳ chưa kết thúc (đến 30/11/2026): việc chưa xong có thể còn được hoàn thành đúng hạn." not in texts(
        at.caption)  # 30/11 is its last day: judged on it
    at = page(period="2026-Q4")
    assert "Kỳ chưa kết thúc (đến 31/12/2026): việc chưa xong có thể còn được hoàn thành đúng hạn." in texts(
        at.caption)


def test_the_tasks_behind_an_officers_deductions():
    at = new_app().switch_page(PAGE)
    at.session_state["evaluation_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    no_exception(at)
    assert "Các việc bị trừ điểm của Nguyễn Văn An: 3" in texts(at.subheader)
    behind = at.dataframe[1].value
    assert behind["Mã nhiệm vụ"].tolist() == ["E3", "E4", "E2"]
    assert behind["Tiến độ"].tolist() == ["Khách quan: không trừ", "Trừ 25%", "Chưa xong: không tính"]


def test_the_progress_of_the_last_six_months():
    at = page()
    assert "Tiến độ theo cán bộ, 6 kỳ gần nhất" in [h.value for h in at.header]
    assert at.multiselect(key="evaluation_trend_officer").value == ["Trần Thị Bình", "Nguyễn Văn An"]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [trace["name"] for trace in chart["data"]] == ["Nguyễn Văn An", "Trần Thị Bình"]  # in name order
    assert chart["layout"]["xaxis"]["type"] == "category"
