"""Accountability figures on a hand-made register and event history, every number worked out by hand.

As of 30/09/2023, the third quarter (01/07–30/09/2023):

officer  task  unit              due     ext     done    moves  cause                              state 30/09
Anh      T1    Phòng Nội vụ      10/07           05/07   0                                         on time
Anh      T2    Phòng Nội vụ      15/07           20/07   3 (column)  Chờ ý kiến của sở             late
Anh      T3    Phòng Nội vụ      01/08                   2 (events)  Cán bộ chưa chủ động tham mưu overdue
Anh      T4    Phòng Nội vụ      30/09                   0                                         due on the last day
Anh      T5    Phòng Nội vụ      20/06                   0                                         overdue (earlier)
Bình     B01-B19 Phường Trần Phú 03/07   ...     on due  0                                         on time
Bình     B20   Phường Trần Phú   04/07           06/07   0           Lý do rất riêng                late
Chi      T8    Phòng Tư pháp     10/08   10/09           0           Chậm phối hợp, chờ ý kiến     overdue
Chi      T9    Phòng Tư pháp     05/07                   0 (+1 escalation)                         overdue
(none)   T10   Phòng Tư pháp     01/09                   0 (+1 return)                             overdue
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import pytest

from analytics import accountability as acc
from analytics.importer import import_file
from analytics.queries import Filters, View
from tests.builders import d, load, xlsx_bytes

AS_OF = d("30/09/2023")
Q3 = acc.Period(d("01/07/2023"), d("30/09/2023"), 3)
HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Hạn xử lý", "Gia hạn đến",
          "Ngày hoàn thành", "Ngày giao", "Nguyên nhân chậm", "Số lần chuyển"]
NOI_VU, TRAN_PHU, TU_PHAP = "Phòng Nội vụ", "Phường Trần Phú", "Phòng Tư pháp"


def register() -> list[list[object]]:
    start = d("01/06/2023")
    rows = [
        ["T1", "Việc 1", NOI_VU, "Anh", d("10/07/2023"), None, d("05/07/2023"), start, None, 0],
        ["T2", "Việc 2", NOI_VU, "Anh", d("15/07/2023"), None, d("20/07/2023"), start, "Chờ ý kiến của sở", 3],
        ["T3", "Việc 3", NOI_VU, "Anh", d("01/08/2023"), None, None, start, "Cán bộ chưa chủ động tham mưu", None],
        ["T4", "Việc 4", NOI_VU, "Anh", d("30/09/2023"), None, None, start, None, None],
        ["T5", "Việc 5", NOI_VU, "Anh", d("20/06/2023"), None, None, start, None, None],
        *[[f"B{i:02d}", f"Việc B{i}", TRAN_PHU, "Bình", d("03/07/2023"), None, d("03/07/2023"), start, None, None]
          for i in range(1, 20)],
        ["B20", "Việc B20", TRAN_PHU, "Bình", d("04/07/2023"), None, d("06/07/2023"), start, "Lý do rất riêng", None],
        ["T8", "Việc 8", TU_PHAP, "Chi", d("10/08/2023"), d("10/09/2023"), None, start,
         "Chậm phối hợp, chờ ý kiến", None],
        ["T9", "Việc 9", TU_PHAP, "Chi", d("05/07/2023"), None, None, start, None, None],
        ["T10", "Việc 10", TU_PHAP, None, d("01/09/2023"), None, None, start, None, None],
    ]
    return rows


def history() -> bytes:
    rows = [
        ["LỊCH SỬ XỬ LÝ NHIỆM VỤ"],
        [],
        ["STT", "Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị", "Ghi chú"],
        [1, "T3", d("02/07/2023"), "Chuyển đơn vị chủ trì", TRAN_PHU, TU_PHAP, None],
        [2, "T3", d("10/07/2023"), "Chuyển", TU_PHAP, NOI_VU, None],
        [3, "T3", d("05/08/2023"), "Đôn đốc lần 1", "Văn phòng", NOI_VU, None],
        [4, "T5", d("25/06/2023"), "Đôn đốc lần 1", "Văn phòng", NOI_VU, None],
        [5, "T5", d("25/09/2023"), "Đôn đốc lần 2", "Văn phòng", NOI_VU, None],
        [6, "T8", d("12/08/2023"), "Đôn đốc", "Văn phòng", TU_PHAP, "trước khi được gia hạn"],
        [7, "T8", d("01/08/2023"), "Gia hạn", TU_PHAP, None, "Gia hạn đến 10/09/2023"],
        [8, "T9", d("10/07/2023"), "Đôn đốc lần 1", "Văn phòng", TU_PHAP, None],
        [9, "T9", d("20/07/2023"), "Đôn đốc lần 2", "Văn phòng", TU_PHAP, None],
        [10, "T9", d("01/09/2023"), "Đôn đốc lần 3", "Văn phòng", TU_PHAP, None],
        [11, "T9", d("15/07/2023"), "Xin ý kiến cấp trên", TU_PHAP, "UBND thành phố", None],
        [12, "T10", d("05/09/2023"), "Trả lại", TU_PHAP, "Văn phòng", None],
        [13, "T10", d("06/09/2023"), "Chuyển đơn vị chủ trì", "Văn phòng", TU_PHAP, None],
        [14, "T3", d("01/10/2023"), "Chuyển", NOI_VU, TU_PHAP, "after the as-of day: not counted"],
        [15, "T99", d("01/09/2023"), "Chuyển", NOI_VU, TU_PHAP, "a task not in the register"],
        ["Tổng cộng", None, None, None, None, None, None],
    ]
    return xlsx_bytes(rows)


@pytest.fixture
def con(store):
    load(store, register(), header=HEADER, snapshot_date=AS_OF)
    report = import_file(store, history(), "lich_su.xlsx")
    assert report.kind == "events" and report.rows_loaded == 15 and report.rows_rejected == 0
    with store.connect() as connection:
        yield connection


def test_quarters_end_on_the_as_of_day():
    periods = acc.quarters(d("25/10/2023"), 3)
    assert [(p.start, p.end, p.quarter, p.complete) for p in periods] == [
        (d("01/04/2023"), d("30/06/2023"), 2, True),
        (d("01/07/2023"), d("30/09/2023"), 3, True),
        (d("01/10/2023"), d("25/10/2023"), 4, False),
    ]
    assert acc.quarter_end(d("15/12/2023")) == d("31/12/2023")
    assert acc.quarters(d("01/01/2024"), 2)[0].start == d("01/10/2023")


def test_officer_late_rates(con):
    rates = acc.late_rates(con, View(AS_OF), Q3).set_index("officer", drop=False)
    anh = rates.loc["Anh"]
    assert (anh.came_due, anh.done_on_time, anh.done_late, anh.overdue, anh.overdue_earlier) == (3, 1, 1, 1, 1)
    assert anh.late_rate == pytest.approx(2 / 3)
    assert anh.unit == NOI_VU
    binh = rates.loc["Bình"]
    assert (binh.came_due, binh.done_on_time, binh.done_late, binh.overdue) == (20, 19, 1, 0)
    assert binh.late_rate == pytest.approx(0.05)
    chi = rates.loc["Chi"]  # T8's deadline is its extension, 10/09: in the quarter
    assert (chi.came_due, chi.done_late, chi.overdue) == (2, 0, 2)
    # Exactly 5% is not above a 5% threshold; any lower threshold flags it.
    # Highest late rate first, then more late tasks: Chi (2 of 2), the task with no officer (1 of 1), Anh.
    assert rates["officer"].iloc[0] == "Chi" and pd.isna(rates["officer"].iloc[1])
    assert list(rates["officer"].iloc[2:]) == ["Anh", "Bình"]
    flags = dict(zip(rates["officer"], acc.above_threshold(rates, 0.05), strict=True))
    assert flags["Anh"] and flags["Chi"] and not flags["Bình"]
    assert acc.above_threshold(rates, 0.049).loc["Bình"]


def test_unit_late_rates_and_period_end(con):
    units = acc.late_rates(con, View(AS_OF), Q3, by="unit").set_index("unit")
    assert units.loc[TU_PHAP, ["came_due", "overdue"]].tolist() == [3, 3]
    assert units.loc[TRAN_PHU, "block"] == "commune"
    # Evaluated on 31/07 (a period ending before the view's day), T3 was not yet overdue.
    july = acc.Period(d("01/07/2023"), d("31/07/2023"))
    anh = acc.late_rates(con, View(AS_OF), july).set_index("officer").loc["Anh"]
    assert (anh.came_due, anh.done_on_time, anh.done_late, anh.overdue) == (2, 1, 1, 0)


def test_hidden_names_are_codes_everywhere(con):
    rates = acc.late_rates(con, View(AS_OF, hide_names=True), Q3)
    names = set(rates["officer"].dropna())
    assert names.isdisjoint({"Anh", "Bình", "Chi"}) and all(n.startswith("CB-") for n in names)
    assert len(names) == 3  # still three different people
    reminders = acc.reminders(con, View(AS_OF, hide_names=True))
    assert "Anh" not in set(reminders["assignee"])


def test_trend_and_commendation(con):
    trend = acc.late_rate_trend(con, View(AS_OF), acc.quarters(AS_OF, 2))
    assert set(trend["period"]) == {d("01/04/2023"), d("01/07/2023")}
    q2 = trend[(trend["period"] == d("01/04/2023")) & (trend["officer"] == "Anh")].iloc[0]
    assert (q2.came_due, q2.overdue) == (1, 1)  # T5, due 20/06, overdue on 30/06
    rates = acc.late_rates(con, View(AS_OF), Q3)
    best = acc.best_on_time(rates, minimum=3)
    assert list(best["officer"]) == ["Bình", "Anh"]  # Chi: no task on time, never commended
    assert best["on_time_rate"].iloc[0] == pytest.approx(0.95)
    assert list(acc.best_on_time(rates, minimum=5)["officer"]) == ["Bình"]


def test_reminder_levels(con):
    rows = acc.reminders(con, View(AS_OF)).set_index("task_id")
    assert set(rows.index) == {"T3", "T5", "T8", "T9", "T10"}  # the overdue tasks
    # T3: one reminder 05/08, 56 days ago -> second reminder due.
    assert (rows.loc["T3", "sent"], rows.loc["T3", "level"], rows.loc["T3", "due_today"]) == (1, 2, True)
    # T5: second reminder 25/09, five days ago -> waiting; next would be the escalation.
    assert (rows.loc["T5", "sent"], rows.loc["T5", "level"], rows.loc["T5", "due_today"]) == (2, 3, False)
    # T8: the 12/08 reminder predates its extended deadline (10/09): it does not count.
    assert (rows.loc["T8", "sent"], rows.loc["T8", "level"], rows.loc["T8", "due_today"]) == (0, 1, True)
    # T9: three reminders, the last 01/09 -> escalate again.
    assert (rows.loc["T9", "sent"], rows.loc["T9", "level"], rows.loc["T9", "due_today"]) == (3, 3, True)
    assert rows.loc["T10", "level"] == 1
    due = acc.reminders_due(con, View(AS_OF))
    assert list(due["task_id"]) == ["T3", "T9", "T10", "T8"]  # by unit (Vietnamese order), level, days overdue
    # Sixty days between reminders: T3 (56 days) and T9 (29 days) wait; the unreminded stay due.
    assert acc.reminders_due(con, View(AS_OF), repeat_days=60)["task_id"].tolist() == ["T10", "T8"]
    with pytest.raises(ValueError):
        acc.reminders(con, View(AS_OF), repeat_days=0)


def test_reminders_summed_per_unit_and_listed_in_part(con):
    """What the page shows of a long list: each unit's counts, the first tasks of each unit, one unit's tasks,
    the waiting ones; each the same as the whole list cut in pandas."""
    view = View(AS_OF)
    whole = acc.reminders(con, view)
    summary = acc.reminder_summary(con, view).set_index("unit")
    assert list(summary.index) == list(dict.fromkeys(whole["unit"]))  # the units with overdue tasks, in order
    for unit, row in summary.iterrows():
        mine = whole[whole["unit"] == unit]
        due = mine[mine["due_today"]]
        assert row[["level_1", "level_2", "level_3"]].tolist() == [int((due["level"] == n).sum()) for n in (1, 2, 3)]
        assert (row["due"], row["waiting"]) == (len(due), len(mine) - len(due))
    assert summary["due"].sum() == 4 and summary["waiting"].sum() == 1
    first = acc.reminders(con, view, due_today=True, per_unit=1)
    expected = whole[whole["due_today"]].groupby("unit", sort=False).head(1)
    assert list(first["task_id"]) == list(expected["task_id"]) and len(first) < 4
    one_unit = whole["unit"].iloc[0]
    assert list(acc.reminders_due(con, view, units=(one_unit,))["task_id"]) == list(
        whole[whole["due_today"] & (whole["unit"] == one_unit)]["task_id"])
    assert list(acc.reminders(con, view, due_today=False)["task_id"]) == ["T5"]
    assert list(acc.reminders(con, view, limit=2)["task_id"]) == list(whole["task_id"][:2])


def test_recorded_reminders_change_tomorrows_list(store):
    load(store, register(), header=HEADER, snapshot_date=AS_OF)
    with store.connect() as con:
        due = acc.reminders_due(con, View(AS_OF))
    assert len(due) == 5  # T3, T5, T8, T9, T10: no history imported here
    batch = acc.record_reminders(store, due, AS_OF, "Văn phòng")
    again = acc.record_reminders(store, due, AS_OF, "Văn phòng")  # recorded twice by mistake: counts once
    tomorrow = View(AS_OF + dt.timedelta(days=1))
    with store.connect() as con:
        assert acc.reminders_due(con, tomorrow)["task_id"].tolist() == ["T4"]  # due 30/09, overdue from 01/10
        later = acc.reminders_due(con, View(AS_OF + dt.timedelta(days=7)))
    assert set(later.loc[later["task_id"] != "T4", "level"]) == {2} and len(later) == 6
    store.undo(again)
    store.undo(batch)
    with store.connect() as con:
        assert len(acc.reminders_due(con, tomorrow)) == 6
    kinds = {b["batch_id"]: b["kind"] for b in store.batches()}
    assert kinds[batch] == "reminders"
    assert acc.record_reminders(store, due.iloc[0:0], AS_OF, "Văn phòng") is None


def test_pushed_around(con):
    view = View(AS_OF)
    assert acc.pushed_counts(con, view) == {
        "tasks": 28, "moved": 3, "moved_twice": 2, "returned": 1, "escalated": 1, "pushed": 4,
        "pushed_overdue": 3,
    }
    pushed = acc.pushed_tasks(con, view).set_index("task_id")
    assert set(pushed.index) == {"T2", "T3", "T9", "T10"}
    assert pushed.loc["T2", "moves"] == 3 and pushed.loc["T3", "moves"] == 2
    assert pushed.loc["T10", ["moves", "returns"]].tolist() == [1, 1]
    first_two = acc.pushed_tasks(con, view, limit=2)  # a page lists the most pushed first, never all of them
    assert list(first_two["task_id"]) == list(pushed.index[:2]) and pushed.index[0] == "T2"
    by_moves = acc.lateness_by_moves(con, view).set_index("moves")
    assert by_moves.loc[0, ["tasks", "came_due", "late", "overdue"]].tolist() == [25, 24, 4, 3]
    assert by_moves.loc[1, ["tasks", "late"]].tolist() == [1, 1]
    assert by_moves.loc[3, "late_rate"] == 1.0
    flows = acc.transfer_flows(con, view)
    as_tuples = {(r.source, r.target, r.action, r.events) for r in flows.itertuples()}
    assert as_tuples == {
        (TRAN_PHU, TU_PHAP, "transfer", 1), (TU_PHAP, NOI_VU, "transfer", 1), (TU_PHAP, "Văn phòng", "return", 1),
        ("Văn phòng", TU_PHAP, "transfer", 1), (TU_PHAP, "UBND thành phố", "escalation", 1),
    }  # T3's move on 01/10 is after the as-of day; T99 is not in the register
    table = acc.passers(flows).set_index("unit")
    assert table.loc[TU_PHAP, ["transfer", "return", "escalation", "total"]].tolist() == [1, 1, 1, 3]
    assert table.index[0] == TU_PHAP
    one_unit = View(AS_OF, Filters(units=(TRAN_PHU,)))
    assert acc.transfer_flows(con, one_unit).empty  # the tasks now led by Trần Phú never moved


def test_causes_by_category(con, store):
    causes = acc.late_causes(con, View(AS_OF))
    by_task_kind = causes.groupby(["kind", "category"], dropna=False)["tasks"].sum().to_dict()
    objective = ("objective", "Chờ ý kiến, hồ sơ của cơ quan khác")
    assert by_task_kind[objective] == 1  # T2
    # T3 (tham mưu) and T8 ("Chậm phối hợp, chờ ý kiến": the first rule that matches wins) are subjective.
    assert by_task_kind[("subjective", "Cán bộ chưa chủ động, thiếu trách nhiệm")] == 1
    assert by_task_kind[("subjective", "Phối hợp giữa các cơ quan chưa tốt")] == 1
    unclassified = causes[causes["kind"] == "unclassified"]
    assert unclassified["unclassified_cause"].tolist() == ["Lý do rất riêng"]
    assert int(causes.loc[causes["kind"] == "none", "tasks"].sum()) == 3  # T5, T9, T10
    assert int(causes["tasks"].sum()) == 7  # overdue or done late on 30/09


def test_edited_cause_rules_are_stored_and_used(store):
    load(store, register(), header=HEADER, snapshot_date=AS_OF)
    store.save_cause_rules([("rất riêng", "Lý do riêng", "subjective"), ("", "bỏ", "objective"),
                            ("x", "y", "nonsense")])
    assert store.cause_rules() == [("rất riêng", "Lý do riêng", "subjective")]
    with store.connect() as con:
        causes = acc.late_causes(con, View(AS_OF))
    assert causes.loc[causes["category"] == "Lý do riêng", "tasks"].sum() == 1
    assert causes.loc[causes["kind"] == "unclassified", "tasks"].sum() == 3  # T2, T3, T8 no longer match
    store.save_cause_rules(None)
    assert len(store.cause_rules()) > 20


def test_extensions_by_unit(con):
    table = acc.extensions_by_unit(con, View(AS_OF)).set_index("unit")
    row = table.loc[TU_PHAP]
    assert (row.tasks, row.extended, row.extension_events, row.extended_came_due, row.extended_late) == (3, 1, 1, 1, 1)
    assert (row.other_came_due, row.other_late) == (2, 2)
    assert table.loc[NOI_VU, "extended"] == 0
    assert table.index[0] == TU_PHAP  # most extensions first


def test_a_deadline_on_the_quarters_last_day_belongs_to_that_quarter(con):
    # T4 is due 30/09 and still open: in time on 30/09, overdue from 01/10. Seen from 25/10 it is Q3's.
    later = View(d("25/10/2023"))
    anh = acc.late_rates(con, later, Q3).set_index("officer").loc["Anh"]
    assert (anh.came_due, anh.overdue) == (4, 2)
    q4 = acc.late_rates(con, later, acc.quarters(later.as_of, 1)[0]).set_index("officer")
    assert "Anh" not in q4.index or q4.loc["Anh", "came_due"] == 0


def test_the_same_reminder_recorded_twice_is_one_reminder(con, store):
    # T3 was reminded on 05/08 in the imported history; the app records the same day again.
    due = acc.reminders(con, View(AS_OF))
    t3 = due[due["task_id"] == "T3"]
    acc.record_reminders(store, t3.assign(level=1), d("05/08/2023"), "Văn phòng")
    with store.connect() as fresh:
        row = acc.reminders(fresh, View(AS_OF)).set_index("task_id").loc["T3"]
    assert (row.sent, row.level) == (1, 2)


def test_officer_codes_are_keyed_and_distinct(store):
    names = [f"Người {i}" for i in range(400)]
    rows = [[f"N{i}", "Việc", NOI_VU, name, d("01/08/2023"), None, None, d("01/06/2023"), None, None]
            for i, name in enumerate(names)]
    load(store, rows, header=HEADER, snapshot_date=AS_OF)
    with store.connect() as con:
        codes = acc.late_rates(con, View(AS_OF, hide_names=True), Q3)["officer"]
    assert codes.nunique() == 400 and all(len(c) == 13 for c in codes)
    plain_md5 = {"CB-" + hashlib.md5(n.encode()).hexdigest()[:10].upper() for n in names}
    assert plain_md5.isdisjoint(set(codes))  # not the bare hash of the name: keyed by the deployment's secret
