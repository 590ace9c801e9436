"""The accountability pages on the bundled sample (register and event history, as of 25/10/2023): Cán bộ,
Đôn đốc, Đùn đẩy, Nguyên nhân. Figures on screen are checked against what the sample holds; the exact
definitions are tested in tests/test_accountability.py on a hand-made register."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from urllib.parse import parse_qs

import docx
import pytest
import streamlit as st

from analytics import accountability
from analytics.queries import View
from tests.app.helpers import button, metrics, new_app, no_exception, open_page, texts

OFFICERS = "pages/officers.py"
REMINDERS = "pages/reminders.py"
TRANSFERS = "pages/transfers.py"
CAUSES = "pages/causes.py"
PAGES = (OFFICERS, REMINDERS, TRANSFERS, CAUSES)
# The sample's 140 overdue tasks on 25/10/2023 by reminder (see data/sample/make_sample.py): 91 never reminded
# (first reminder due), 29 reminded once (27 of them 7+ days ago: second reminder due), 20 reminded twice or
# more (15 of them 7+ days ago: report to the leadership); the other 7 were reminded within the week.
SAMPLE_REMINDERS = {"Đôn đốc lần 1": "91", "Đôn đốc lần 2": "27", "Báo cáo lãnh đạo": "15", "Đơn vị cần gửi": "44",
                    "Đang chờ phản hồi": "7"}
# 87 tasks moved twice or more (the register's transfers column), 22 returns and 32 escalations in the history.
SAMPLE_PUSHED = {"Chuyển từ 2 lần trở lên": "87", "Bị trả lại": "22", "Đẩy lên cấp trên": "32",
                 "Trong số đó đang quá hạn": "25"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_renders(sample_app_db, page, lang):
    at = open_page(page, lang=lang)
    assert at.title and at.metric


def test_officers_rated_for_the_last_complete_quarter(sample_app_db):
    at = open_page(OFFICERS)
    assert [h.value for h in at.header][0] == "Tỷ lệ trễ hạn theo cán bộ — Quý 3/2023 (01/07/2023–30/09/2023)"
    assert metrics(at) == {"Cán bộ có nhiệm vụ đến hạn": "127", "Vượt ngưỡng 5,0%": "89",
                           "Đến hạn trong kỳ": "466", "Tỷ lệ trễ chung": "45,9%"}
    table = at.dataframe[0].value
    assert len(table) == 127
    first = table.iloc[0]
    assert (first["Cán bộ phụ trách"], first["Đơn vị chủ trì"], first["Đến hạn trong kỳ"], first["Tỷ lệ trễ"],
            first["Vượt ngưỡng 5,0%"]) == ("Phan Hữu Hiếu", "Phường Lê Hồng Phong", 6, "100,0%", "Vượt ngưỡng")
    flagged = table[table["Vượt ngưỡng 5,0%"] == "Vượt ngưỡng"]
    assert len(flagged) == 89
    commend = at.dataframe[-1].value  # officers to commend, best first
    assert list(commend.iloc[0]) == ["Cao Thu Lan", "83,3%", 5, 6]
    assert [b.label for b in at.download_button] == ["Tải bảng (.xlsx)"]


def test_a_chosen_officer_opens_their_tasks_in_explore(sample_app_db):
    """A row of the rating selected: a link to Khám phá with that officer's tasks due in the quarter."""
    at = new_app()
    at.session_state["officers_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.switch_page(OFFICERS).run()
    no_exception(at)
    links = [p for p in at.get("page_link") if p.proto.page.endswith("explore")]
    assert [p.proto.label for p in links] == [
        "Xem các nhiệm vụ đến hạn từ 01/07/2023 đến 30/09/2023 của Phan Hữu Hiếu trong Khám phá"]
    params = parse_qs(links[0].proto.query_string)
    assert params["officer"] == ["Phan Hữu Hiếu"]
    assert (params["due_from"], params["due_to"], params["measure"]) == (["2023-07-01"], ["2023-09-30"],
                                                                        ["on_time_rate"])
    opened = new_app(**params).switch_page("pages/explore.py").run()
    no_exception(opened)
    # the 6 tasks that came due in the quarter, as in the rating's first row
    assert texts(opened.markdown)[0] == (
        "6 nhiệm vụ đã đến hạn (đúng hạn, hoàn thành trễ, đang trễ hạn) khớp các lựa chọn, tính đến 25/10/2023")


def test_officers_by_unit_threshold_and_quarter_from_the_link(sample_app_db):
    at = open_page(OFFICERS, rate_by="unit", threshold="50.0", quarter="2023q4")
    assert [h.value for h in at.header][0] == (
        "Tỷ lệ trễ hạn theo đơn vị — Quý 4/2023 (đến 25/10/2023) (01/10/2023–25/10/2023)")
    shown = metrics(at)
    assert "Đơn vị có nhiệm vụ đến hạn" in shown and "Vượt ngưỡng 50,0%" in shown
    at = open_page(OFFICERS, rate_by="unit")
    assert metrics(at)["Đơn vị có nhiệm vụ đến hạn"] == "52" and metrics(at)["Vượt ngưỡng 5,0%"] == "45"


def test_officer_names_hidden_for_a_session_and_by_the_deployment(sample_app_db, monkeypatch):
    at = open_page(OFFICERS)
    names = set(at.dataframe[0].value["Cán bộ phụ trách"]) - {"(chưa ghi cán bộ)"}
    at.toggle(key="officers_hide").set_value(True).run()
    no_exception(at)
    hidden = set(at.dataframe[0].value["Cán bộ phụ trách"])
    assert names.isdisjoint(hidden) and all(n.startswith("CB-") for n in hidden - {"(chưa ghi cán bộ)"})
    assert metrics(at)["Vượt ngưỡng 5,0%"] == "89"  # the same people, only their names hidden

    monkeypatch.setenv("DONDOC_OFFICER_NAMES", "0")
    at = open_page(OFFICERS)
    assert at.toggle(key="officers_hide").disabled
    assert names.isdisjoint(set(at.dataframe[0].value["Cán bộ phụ trách"]))
    overview = open_page("pages/overview.py")  # the overview's task lists too
    assert all(names.isdisjoint(set(frame.value.get("Cán bộ phụ trách", []))) for frame in overview.dataframe)


@pytest.mark.changes_data
def test_reminders_list_letters_and_marking_sent(sample_app_db):
    at = open_page(REMINDERS)
    before = metrics(at)
    assert before == SAMPLE_REMINDERS
    assert at.header[0].value == "Danh sách cần đôn đốc ngày 25/10/2023"
    labels = [b.label for b in at.download_button]
    assert labels[0] == f"Tải dự thảo công văn cho cả {SAMPLE_REMINDERS['Đơn vị cần gửi']} đơn vị (.zip)"
    assert labels.count("Tải dự thảo công văn (.docx)") == int(SAMPLE_REMINDERS["Đơn vị cần gửi"])

    # Send only to Phường Nghĩa Lộ: its tasks leave today's list, the others stay.
    at.multiselect(key="mark_units").set_value(["Phường Nghĩa Lộ"]).run()
    label = [b.label for b in at.button if b.label.startswith("Ghi nhận đã đôn đốc")][0]
    count = int(re.search(r"\d+", label).group())
    button(at, label).click().run()
    no_exception(at)
    assert texts(at.success)[0].startswith(f"Đã ghi nhận {count} lượt đôn đốc tới 1 đơn vị, ngày gửi 25/10/2023")
    after = metrics(at)
    assert int(after["Đang chờ phản hồi"]) == int(before["Đang chờ phản hồi"]) + count
    assert int(after["Đơn vị cần gửi"]) == int(before["Đơn vị cần gửi"]) - 1
    history = sample_app_db.batches()[0]
    assert (history["kind"], history["origin"], history["rows_loaded"]) == ("reminders", "app", count)


def test_reminder_letters_are_built_from_the_list(sample_app_db):
    from analytics import accountability, queries
    from tests.builders import SAMPLE_AS_OF

    with sample_app_db.connect() as con:
        due = accountability.reminders_due(con, queries.View(SAMPLE_AS_OF))
    letters = accountability.reminder_letters(due, SAMPLE_AS_OF)
    assert len(letters) == int(SAMPLE_REMINDERS["Đơn vị cần gửi"])
    unit, name, data = next(item for item in letters if item[0] == "Phường Nghĩa Lộ")
    assert name == "don-doc_phuong-nghia-lo_2023-10-25.docx"
    document = docx.Document(io.BytesIO(data))
    ids = [row.cells[1].text for row in document.tables[1].rows[1:]]
    assert sorted(ids) == sorted(due.loc[due["unit"] == unit, "task_id"])
    archive = zipfile.ZipFile(io.BytesIO(accountability.letters_zip(letters)))
    assert len(archive.namelist()) == len(letters)


def test_transfers_page(sample_app_db):
    at = open_page(TRANSFERS)
    assert metrics(at) == SAMPLE_PUSHED
    assert len(at.get("plotly_chart")) == 2  # who passes to whom; late rate by moves
    passers = at.dataframe[0].value
    assert passers.iloc[0]["Tổng"] == passers["Tổng"].max()


def test_transfers_page_without_history(empty_app_db):
    at = open_page(TRANSFERS)
    assert metrics(at)["Chuyển từ 2 lần trở lên"] == "0"
    assert any("Chưa có lịch sử xử lý" in text for text in texts(at.info))


@pytest.mark.changes_data
def test_causes_page_and_its_rules(sample_app_db):
    at = open_page(CAUSES)
    assert metrics(at) == {"Nhiệm vụ trễ hạn": "494", "Khách quan": "250", "Chủ quan": "91",
                           "Không nêu nguyên nhân": "153"}
    by_block = at.dataframe[0].value
    assert by_block["Tổng"].sum() == 494
    # Restoring the defaults after an edit stored in the database brings the figures back.
    sample_app_db.save_cause_rules([("chờ ý kiến", "Chờ cấp trên", "subjective")])
    at = open_page(CAUSES)
    assert metrics(at)["Chủ quan"] != "91"
    button(at, "Khôi phục mặc định").click().run()
    no_exception(at)
    assert metrics(at)["Chủ quan"] == "91"
    assert texts(at.success) == ["Đã khôi phục cách xếp nhóm mặc định."]


def test_pages_follow_the_unit_filter(sample_app_db):
    at = open_page(CAUSES, unit="Phường Nghĩa Lộ")
    late = int(metrics(at)["Nhiệm vụ trễ hạn"])
    assert 0 < late < 494
    at = open_page(REMINDERS, unit="Phường Nghĩa Lộ")
    assert metrics(at)["Đơn vị cần gửi"] in ("0", "1")


@pytest.mark.parametrize("page", PAGES)
def test_pages_on_a_database_without_tasks(empty_app_db, page):
    at = open_page(page)
    assert at.title


def test_pages_with_filters_that_match_nothing(sample_app_db):
    for page in PAGES:
        at = open_page(page, block="party", unit="Phường Nghĩa Lộ")
        assert at.title


def test_transfers_page_lists_the_most_pushed_first_and_says_how_many_there_are(sample_app_db, monkeypatch):
    monkeypatch.setattr(accountability, "PUSHED_SHOWN", 2)
    st.cache_data.clear()  # the list as an earlier test showed it, whole
    with sample_app_db.connect() as con:
        total = accountability.pushed_counts(con, View(dt.date(2023, 10, 25)))["pushed"]
    assert total > 2
    at = open_page(TRANSFERS)
    assert any(f"({total})" in header.value for header in at.subheader)
    assert len(at.dataframe[-1].value) == 2
    assert any(f"Hiện 2 nhiệm vụ bị đùn đẩy nhiều nhất trong {total}" in text for text in texts(at.caption))


@pytest.mark.changes_data
def test_reminders_page_shows_the_first_tasks_of_each_unit_and_records_them_all(sample_app_db, monkeypatch):
    monkeypatch.setattr(accountability, "REMINDERS_SHOWN_PER_UNIT", 1)
    monkeypatch.setattr(accountability, "WAITING_SHOWN", 2)
    st.cache_data.clear()
    with sample_app_db.connect() as con:
        summary = accountability.reminder_summary(con, View(dt.date(2023, 10, 25))).set_index("unit")
    unit = summary["due"].idxmax()
    due = int(summary.loc[unit, "due"])
    assert due > 1
    at = open_page(REMINDERS)
    assert metrics(at) == SAMPLE_REMINDERS  # the counts are of every task
    tables = at.dataframe
    assert all(len(table.value) <= 2 for table in tables)  # one per unit; two waiting
    captions = texts(at.caption)
    assert any(f"Hiện 1 nhiệm vụ đầu trong {due}; công văn và việc ghi nhận gồm đủ {due}." in c for c in captions)
    assert any(f"Hiện 2 nhiệm vụ đầu trong {SAMPLE_REMINDERS['Đang chờ phản hồi']}." in c for c in captions)

    at.multiselect(key="mark_units").set_value([unit]).run()
    button(at, f"Ghi nhận đã đôn đốc {due} nhiệm vụ").click().run()
    no_exception(at)
    history = sample_app_db.batches()[0]
    assert (history["kind"], history["rows_loaded"]) == ("reminders", due)  # all of them, not the one shown
