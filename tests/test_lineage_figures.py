"""Units after the mergers of 1/7/2025 in every figure (docs/design.md §3.1), exact on a small register.

The registry (illustrative names):
    Phường Nguyễn Nghiêm, Phường Chánh Lộ  -> Phường Cẩm Thành from 01/07/2025 ("Nguyễn Nghiêm" another spelling)
    Xã Tịnh Ấn Tây -> Xã Tịnh Ấn from 01/07/2025 -> Phường Trương Quang Trọng from 01/01/2026 (a chain)
    Phòng Nội vụ: not merged
The register (imported before the registry, so T7's spelling is stored as written):
    T1 Phường Nguyễn Nghiêm        due 10/06/2025, open
    T2 Phường Chánh Lộ   due 30/06/2025 (the day before the merger), open
    T3 Phường Cẩm Thành       assigned 15/07/2025, due 01/08/2025, open
    T4 Xã Tịnh Ấn Tây         due 01/05/2025, open
    T5 Phòng Nội vụ           due 01/05/2025, done 20/05/2025 (late)
    T6 Phường Nguyễn Nghiêm        due 05/03/2025, done 01/03/2025 (on time)
    T7 Nguyễn Nghiêm          due 20/06/2025, open
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from analytics import accountability, meeting, queries
from analytics.access import Access
from analytics.importer import import_file, import_registry
from analytics.text import unit_key
from tests.builders import csv_bytes, d, new_store

REGISTRY = [
    ["Tên đơn vị", "Khối", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác"],
    ["Phường Nguyễn Nghiêm", "Xã, phường", "Phường Cẩm Thành", "01/07/2025", "UBND P. Nguyễn Nghiêm; Nguyễn Nghiêm"],
    ["Phường Chánh Lộ", "Xã, phường", "Phường Cẩm Thành", "01/07/2025", ""],
    ["Phường Cẩm Thành", "Xã, phường", "", "", ""],
    ["Xã Tịnh Ấn Tây", "Xã, phường", "Xã Tịnh Ấn", "01/07/2025", ""],
    ["Xã Tịnh Ấn", "Xã, phường", "Phường Trương Quang Trọng", "01/01/2026", ""],
    ["Phường Trương Quang Trọng", "Xã, phường", "", "", ""],
    ["Phòng Nội vụ", "Chính quyền", "", "", ""],
]
HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành", "Ngày giao"]
REGISTER = [
    ["T1", "Báo cáo đất công", "Phường Nguyễn Nghiêm", "10/06/2025", "", "01/05/2025"],
    ["T2", "Rà soát hộ nghèo", "Phường Chánh Lộ", "30/06/2025", "", "01/05/2025"],
    ["T3", "Kiểm tra trật tự đô thị", "Phường Cẩm Thành", "01/08/2025", "", "15/07/2025"],
    ["T4", "Giải phóng mặt bằng", "Xã Tịnh Ấn Tây", "01/05/2025", "", "01/04/2025"],
    ["T5", "Tuyển dụng công chức", "Phòng Nội vụ", "01/05/2025", "20/05/2025", "01/04/2025"],
    ["T6", "Tổng hợp ý kiến cử tri", "Phường Nguyễn Nghiêm", "05/03/2025", "01/03/2025", "01/02/2025"],
    ["T7", "Xử lý đơn thư", "Nguyễn Nghiêm", "20/06/2025", "", "01/05/2025"],
]
CAM_THANH = "Phường Cẩm Thành"


def merged(path):
    """A database with the register above, then the registry (so T7's spelling is stored as written)."""
    store = new_store(path)
    import_file(store, csv_bytes([HEADER, *REGISTER]), "so-theo-doi.csv", snapshot_date=d("30/11/2026"))
    import_registry(store, csv_bytes(REGISTRY), "danh-muc.csv")
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return merged(tmp_path_factory.mktemp("lineage") / "dondoc.duckdb")


@pytest.fixture(scope="module")
def con(store):
    with store.connect() as con:
        yield con


def overdue_by_unit(con, day, **view) -> dict[str, int]:
    frame = queries.group_counts(con, queries.View(d(day), **view), "unit")
    return {row["key"]: int(row["overdue"]) for row in frame.to_dict("records") if row["overdue"]}


def test_before_the_merger_each_unit_counts_its_own_tasks_and_another_spelling_is_the_unit(con):
    assert overdue_by_unit(con, "30/06/2025") == {"Phường Nguyễn Nghiêm": 2, "Xã Tịnh Ấn Tây": 1}
    # T2's deadline is the as-of day itself: in time, under its own ward
    states = queries.group_counts(con, queries.View(d("30/06/2025")), "unit").set_index("key")
    assert int(states.loc["Phường Chánh Lộ", "due_soon"]) == 1


def test_from_the_merger_day_the_successor_carries_them(con):
    assert overdue_by_unit(con, "01/07/2025") == {CAM_THANH: 3, "Xã Tịnh Ấn": 1}
    assert overdue_by_unit(con, "01/09/2025") == {CAM_THANH: 4, "Xã Tịnh Ấn": 1}


def test_a_chain_is_followed_to_the_unit_carrying_on_the_day(con):
    assert overdue_by_unit(con, "31/12/2025")["Xã Tịnh Ấn"] == 1
    assert overdue_by_unit(con, "01/01/2026") == {CAM_THANH: 4, "Phường Trương Quang Trọng": 1}


def test_the_totals_do_not_change_only_who_carries(con):
    for day in ("30/06/2025", "01/07/2025", "01/01/2026"):
        view = queries.View(d(day))
        assert queries.counts(con, view) == queries.counts(con, replace(view, by_recorded_unit=True))


def test_by_the_name_as_recorded_nothing_is_carried_over(con):
    assert overdue_by_unit(con, "01/01/2026", by_recorded_unit=True) == {
        "Phường Nguyễn Nghiêm": 1, "Nguyễn Nghiêm": 1, "Phường Chánh Lộ": 1, CAM_THANH: 1, "Xã Tịnh Ấn Tây": 1}
    # and the command line's --by recorded_unit, whatever the view
    frame = queries.group_counts(con, queries.View(d("01/01/2026")), "recorded_unit")
    assert dict(zip(frame["key"], frame["overdue"], strict=True))["Nguyễn Nghiêm"] == 1


def test_a_filter_on_the_successor_brings_its_predecessors_before_and_after(con):
    cam_thanh = queries.Filters(units=(CAM_THANH,))
    before = queries.View(d("30/06/2025"), cam_thanh)
    assert queries.counts(con, before).total == 4  # T1, T2, T6, T7 (T3 not yet assigned)
    assert overdue_by_unit(con, "30/06/2025", filters=cam_thanh) == {"Phường Nguyễn Nghiêm": 2}
    after = queries.View(d("01/09/2025"), cam_thanh)
    assert queries.counts(con, after).overdue == 4
    # the trend runs on across the merger: T1 and T7 overdue from 11/06 and 21/06, T2 from 01/07, T3 from 02/08
    trend = queries.trend(con, after, d("10/06/2025")).set_index("day")["overdue"]
    assert [int(trend[d(day)]) for day in ("10/06/2025", "11/06/2025", "21/06/2025", "30/06/2025", "01/07/2025",
                                           "01/08/2025", "02/08/2025")] == [0, 1, 2, 2, 3, 3, 4]
    # as recorded, the filter is the name alone
    assert queries.counts(con, replace(after, by_recorded_unit=True)).overdue == 1


def test_the_filters_offer_the_successors(con):
    units = queries.filter_options(con)["units"]
    assert {CAM_THANH, "Xã Tịnh Ấn", "Phường Trương Quang Trọng", "Phường Nguyễn Nghiêm"} <= set(units)


def test_the_period_report_has_one_row_for_the_successor(con):
    view = queries.View(d("31/12/2025"))
    report = queries.period_report(con, view, d("01/07/2025")).set_index("unit")
    assert "Phường Nguyễn Nghiêm" not in report.index
    row = report.loc[CAM_THANH]
    assert (int(row["carried_over"]), int(row["assigned"]), int(row["open_overdue"])) == (3, 1, 4)
    recorded = queries.period_report(con, replace(view, by_recorded_unit=True), d("01/07/2025")).set_index("unit")
    assert int(recorded.loc["Phường Nguyễn Nghiêm", "open_overdue"]) == 1


def test_charts_and_documents_say_which_units_a_successor_includes(con):
    carried = queries.carried_units(con, queries.View(d("01/01/2026")))
    assert carried.to_dict("records") == [
        {"unit": CAM_THANH, "predecessor": "Phường Chánh Lộ", "until": d("30/06/2025"), "tasks": 1},
        {"unit": CAM_THANH, "predecessor": "Phường Nguyễn Nghiêm", "until": d("30/06/2025"), "tasks": 3},
        {"unit": "Phường Trương Quang Trọng", "predecessor": "Xã Tịnh Ấn Tây", "until": d("30/06/2025"), "tasks": 1},
    ]
    assert meeting.describe_lineage(carried, "vi") == [
        "Phường Cẩm Thành gồm Phường Chánh Lộ, Phường Nguyễn Nghiêm đến 30/06/2025",
        "Phường Trương Quang Trọng gồm Xã Tịnh Ấn Tây đến 30/06/2025",
    ]
    assert meeting.describe_lineage(carried, "en", unit=CAM_THANH) == [
        "Phường Cẩm Thành includes Phường Chánh Lộ, Phường Nguyễn Nghiêm until 30/06/2025"]
    assert queries.carried_units(con, queries.View(d("30/06/2025"))).empty
    ctx = meeting.Context(queries.View(d("01/01/2026")), snapshot=d("30/11/2026"), lang="vi")
    deck = meeting.build_deck(con, ctx)
    assert "Phường Cẩm Thành gồm Phường Chánh Lộ, Phường Nguyễn Nghiêm đến 30/06/2025" in deck.context
    period = meeting.build_period(con, ctx, d("01/07/2025"))
    assert "Phường Trương Quang Trọng gồm Xã Tịnh Ấn Tây đến 30/06/2025" in period.context
    recorded = meeting.Context(queries.View(d("01/01/2026"), by_recorded_unit=True), snapshot=d("30/11/2026"))
    assert "Đơn vị theo tên ghi trong sổ" in " ".join(meeting.build_deck(con, recorded).context)


def test_a_successors_account_covers_its_predecessors_tasks(con):
    account = Access("unit", (unit_key(CAM_THANH),), "cam-thanh")
    before = queries.View(d("30/06/2025"), access=account)
    assert sorted(queries.group_counts(con, before, "unit")["key"]) == ["Phường Chánh Lộ", "Phường Nguyễn Nghiêm"]
    assert queries.counts(con, before).total == 4
    after = queries.View(d("01/09/2025"), access=account)
    assert set(queries.overdue_tasks(con, after)["task_id"]) == {"T1", "T2", "T3", "T7"}
    assert queries.filter_options(con, account)["units"] == ["Phường Cẩm Thành", "Phường Chánh Lộ",
                                                               "Phường Nguyễn Nghiêm"]
    # the old ward's own account keeps its own tasks, wherever they are counted now
    old = Access("unit", (unit_key("Phường Chánh Lộ"),), "chanh-lo")
    assert set(queries.overdue_tasks(con, queries.View(d("01/09/2025"), access=old))["task_id"]) == {"T2"}


def test_reminders_of_an_old_wards_overdue_tasks_go_to_the_successor(con):
    due = accountability.reminders(con, queries.View(d("01/07/2025")))
    assert sorted(zip(due["unit"], due["task_id"], strict=True)) == [
        (CAM_THANH, "T1"), (CAM_THANH, "T2"), (CAM_THANH, "T7"), ("Xã Tịnh Ấn", "T4")]
    mine = accountability.reminders(con, queries.View(d("01/07/2025")), units=(CAM_THANH,))
    assert sorted(mine["task_id"]) == ["T1", "T2", "T7"]


def test_an_undone_registry_gives_the_units_back(tmp_path):
    store = merged(tmp_path / "undo.duckdb")
    batch = store.query("SELECT max(batch_id) FROM batches WHERE kind = 'registry'")[0][0]
    with store.connect() as con:
        assert CAM_THANH in overdue_by_unit(con, "01/09/2025")
    store.undo(batch)
    with store.connect() as con:
        assert overdue_by_unit(con, "01/09/2025") == {
            "Phường Nguyễn Nghiêm": 1, "Nguyễn Nghiêm": 1, "Phường Chánh Lộ": 1, CAM_THANH: 1, "Xã Tịnh Ấn Tây": 1}
        assert not queries.has_lineage(con)


SPLIT_REGISTRY = [
    ["Tên đơn vị", "Sáp nhập vào", "Ngày hiệu lực"],
    ["Xã Nghĩa Dõng", "Phường Cẩm Thành; Phường Nghĩa Lộ", "01/07/2025"],
    ["Phường Cẩm Thành", "", ""],
    ["Phường Nghĩa Lộ", "", ""],
]
SPLIT_REGISTER = [
    ["S1", "Di dời hộ dân", "Xã Nghĩa Dõng", "01/06/2025", "", "01/05/2025"],
    ["S2", "Cấp giấy chứng nhận", "Xã Nghĩa Dõng", "01/06/2025", "", "01/05/2025"],
]
HISTORY = [["Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị"],
           ["S2", "15/07/2025", "Chuyển đơn vị chủ trì", "Xã Nghĩa Dõng", "Phường Nghĩa Lộ"]]


def test_a_split_keeps_its_tasks_until_one_is_sent_on_and_lists_those_left(tmp_path):
    store = new_store(tmp_path / "split.duckdb")
    import_file(store, csv_bytes([HEADER, *SPLIT_REGISTER]), "so.csv", snapshot_date=d("30/11/2026"))
    import_file(store, csv_bytes(HISTORY), "lich-su.csv")
    import_registry(store, csv_bytes(SPLIT_REGISTRY), "danh-muc.csv")
    with store.connect() as con:
        assert overdue_by_unit(con, "10/07/2025") == {"Xã Nghĩa Dõng": 2}  # split, but nothing sent on yet
        assert overdue_by_unit(con, "01/09/2025") == {"Xã Nghĩa Dõng": 1, "Phường Nghĩa Lộ": 1}
        assert overdue_by_unit(con, "01/09/2025", by_recorded_unit=True) == {"Xã Nghĩa Dõng": 2}
        left = queries.split_tasks(con, queries.View(d("01/09/2025")))
        assert left[["task_id", "unit", "went_into", "split_on"]].to_dict("records") == [
            {"task_id": "S1", "unit": "Xã Nghĩa Dõng", "went_into": "Phường Cẩm Thành; Phường Nghĩa Lộ",
             "split_on": d("01/07/2025")}]
        assert queries.split_tasks(con, queries.View(d("30/06/2025"))).empty  # not split yet
        nghia_lo = Access("unit", (unit_key("Phường Nghĩa Lộ"),), "nghia-lo")
        # the unit a task was sent to sees it from that day
        assert set(queries.overdue_tasks(con, queries.View(d("01/09/2025"), access=nghia_lo))["task_id"]) == {"S2"}
        assert queries.overdue_tasks(con, queries.View(d("10/07/2025"), access=nghia_lo)).empty
