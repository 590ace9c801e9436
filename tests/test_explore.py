"""Khám phá (analytics.explore) on a small hand-made register: every figure of every grouping worked out by hand,
the order of groups, the records behind a value, search, the URL round trip and the labels.

As of 31/03/2023 (due soon = effective due within 31/03–07/04); days overdue = 31/03 - effective due.
Units: Phòng Nội vụ (block government), Phường Trần Phú and Xã Tịnh Ấn Tây (commune), Văn phòng Thành ủy
(party), Hội Nông dân thành phố (mass_org).

id   unit         officer         field       document    assigned  due       ext    done      state on 31/03
T01  Nội vụ       Nguyễn Văn Anh  Đất đai     280/CĐ-TTg  05/01/23  15/03/23         -         overdue 16
T02  Nội vụ       Nguyễn Văn Anh  Giao thông  12/UBND-KT  10/01/23  01/03/23  25/03  -         overdue 6
T03  Nội vụ       Trần Thị Bình   An ninh     280/CĐ-TTg  20/02/23  10/03/23         08/03/23  done_on_time
T04  Trần Phú     Trần Thị Bình   Đất đai     -           01/02/23  28/02/23         10/03/23  done_late
T05  Trần Phú     Trần Thị Bình   Giao thông  45/KH-UBND  15/11/22  20/12/22         -         overdue 101
T06  Trần Phú     -               -           -           01/03/23  05/04/23         -         due_soon
T07  Tịnh Ấn Tây  Lê Đức          An ninh     45/KH-UBND  10/02/23  20/02/23  10/03  09/03/23  done_on_time
T08  Tịnh Ấn Tây  Lê Đức          -           -           03/01/23  31/01/23         -         overdue 59
T09  Thành ủy     Nguyễn Văn Anh  An ninh     -           15/03/23  -                -         no_deadline
T10  Thành ủy     -               Đất đai     12/UBND-KT  -         30/04/23         -         on_track
T11  Nông dân     Trần Thị Bình   Giao thông  -           20/01/23  10/02/23         20/02/23  done_late
T12  Nông dân     Lê Đức          -           -           25/12/22  24/03/23         -         overdue 7
T13  Nông dân     Nguyễn Văn Anh  Đất đai     -           05/03/23  31/03/23         -         due_soon (today)
T14  Nội vụ       Nguyễn Văn Anh  -           -           15/04/23  30/04/23         -         not assigned yet
T15  Tịnh Ấn Tây  -               Giao thông  -           01/02/23  10/03/23         05/04/23  overdue 21 (done later)

14 tasks exist on 31/03: 6 overdue (6, 7, 16, 21, 59, 101 days: median 18,5), 2 done on time, 2 done late, 2 due
soon, 1 on track, 1 without deadline; 10 came due, so the on-time rate is 2/10.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import explore
from analytics.explore import ExploreState, Pick, Question
from analytics.queries import Filters, View
from analytics.schema import STATES
from analytics.store import Store
from tests.builders import d, load, new_store

AS_OF = d("31/03/2023")
VIEW = View(AS_OF)
HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Lĩnh vực", "Số, ký hiệu văn bản",
          "Ngày giao", "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành"]
NOI_VU, TRAN_PHU, TINH_AN_TAY = "Phòng Nội vụ", "Phường Trần Phú", "Xã Tịnh Ấn Tây"
THANH_UY, NONG_DAN = "Văn phòng Thành ủy", "Hội Nông dân thành phố"
ANH, BINH, DUC = "Nguyễn Văn Anh", "Trần Thị Bình", "Lê Đức"
CD_280, UBND_12, KH_45 = "280/CĐ-TTg", "12/UBND-KT", "45/KH-UBND"
REGISTER = [
    ["T01", "Giải phóng mặt bằng Xã Tịnh Ấn Tây", NOI_VU, ANH, "Đất đai", CD_280,
     d("05/01/2023"), d("15/03/2023"), None, None],
    ["T02", "Sửa đường Tịnh An", NOI_VU, ANH, "Giao thông", UBND_12,
     d("10/01/2023"), d("01/03/2023"), d("25/03/2023"), None],
    ["T03", "Họp Ban chỉ đạo", NOI_VU, BINH, "An ninh", CD_280,
     d("20/02/2023"), d("10/03/2023"), None, d("08/03/2023")],
    ["T04", "Báo cáo quý", TRAN_PHU, BINH, "Đất đai", None,
     d("01/02/2023"), d("28/02/2023"), None, d("10/03/2023")],
    ["T05", "Kiểm tra xây dựng", TRAN_PHU, BINH, "Giao thông", KH_45,
     d("15/11/2022"), d("20/12/2022"), None, None],
    ["T06", "Thu hồi đất", TRAN_PHU, None, None, None,
     d("01/03/2023"), d("05/04/2023"), None, None],
    ["T07", "Rà soát hộ nghèo", TINH_AN_TAY, DUC, "An ninh", KH_45,
     d("10/02/2023"), d("20/02/2023"), d("10/03/2023"), d("09/03/2023")],
    ["T08", "Phòng chống thiên tai", TINH_AN_TAY, DUC, None, None,
     d("03/01/2023"), d("31/01/2023"), None, None],
    ["T09", "Tuyên truyền", THANH_UY, ANH, "An ninh", None,
     d("15/03/2023"), None, None, None],
    ["T10", "Tổng kết năm", THANH_UY, None, "Đất đai", UBND_12,
     None, d("30/04/2023"), None, None],
    ["T11", "Hỗ trợ nông dân", NONG_DAN, BINH, "Giao thông", None,
     d("20/01/2023"), d("10/02/2023"), None, d("20/02/2023")],
    ["T12", "Vận động hội viên", NONG_DAN, DUC, None, None,
     d("25/12/2022"), d("24/03/2023"), None, None],
    ["T13", "Ban hành quy chế", NONG_DAN, ANH, "Đất đai", None,
     d("05/03/2023"), d("31/03/2023"), None, None],
    ["T14", "Kế hoạch năm sau", NOI_VU, ANH, None, None,
     d("15/04/2023"), d("30/04/2023"), None, None],
    ["T15", "Đôn đốc giải ngân", TINH_AN_TAY, None, "Giao thông", None,
     d("01/02/2023"), d("10/03/2023"), None, d("05/04/2023")],
]
ALL_TASKS = [f"T{i:02d}" for i in range(1, 16) if i != 14]
# The count a measure's records make up: a median of days overdue is taken over the overdue tasks, a rate
# over the tasks that came due.
RECORDS_OF = {"tasks": "tasks", "overdue": "overdue", "on_time_rate": "came_due",
              "median_days_overdue": "overdue", "done_late": "done_late"}


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The hand-made register, imported once for the module: the tests only read it."""
    store = new_store(tmp_path_factory.mktemp("explore") / "register.duckdb")
    report = load(store, REGISTER, HEADER)
    assert (report.rows_loaded, report.rows_rejected) == (15, 0)
    return store


# --- helpers ------------------------------------------------------------------------------------------------

def _number(value: object) -> float | None:
    """A measure's value as a plain number (rates to six places), None for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 6)


def measures(record) -> tuple:
    """(tasks, overdue, on_time_rate, median_days_overdue, done_late) of one group, or of the total."""
    return (int(record["tasks"]), int(record["overdue"]), _number(record["on_time_rate"]),
            _number(record["median_days_overdue"]), int(record["done_late"]))


def rate(done_on_time: int, came_due: int) -> float:
    return round(done_on_time / came_due, 6)


def groups(frame: pd.DataFrame, key: str = "row_key") -> list[tuple]:
    """Each group of a Grouped frame as (key, *measures), in the frame's order."""
    return [(row[key], *measures(row)) for row in frame.to_dict("records")]


def ask(store, question: Question, view: View = VIEW, **limits) -> explore.Grouped:
    with store.connect() as con:
        return explore.grouped(con, view, question, **limits)


def task_ids(store, question: Question, pick: Pick | None = None, view: View = VIEW, **kwargs) -> list[str]:
    """The ids of the records behind `question` (and `pick`), in the order records() gives them."""
    kwargs.setdefault("limit", 1000)
    with store.connect() as con:
        return list(explore.records(con, view, question, pick, **kwargs)["task_id"])


def found(store, **filters) -> set[str]:
    """The tasks a view with these filters holds."""
    return set(task_ids(store, Question(measure="tasks"), view=View(AS_OF, filters=Filters(**filters))))


# --- grouped(): every measure of every grouping --------------------------------------------------------------

TOTAL = (14, 6, rate(2, 10), 18.5, 2)
# Each dimension's groups in the default order (most overdue first, then most tasks, then by name), or in time
# order for months and quarters: (key, tasks, overdue, on_time_rate, median_days_overdue, done_late).
EXPECTED_GROUPS = {
    "unit": [
        (NOI_VU, 3, 2, rate(1, 3), 11.0, 0),
        (TINH_AN_TAY, 3, 2, rate(1, 3), 40.0, 0),  # the same overdue and tasks as Nội vụ: by name
        (NONG_DAN, 3, 1, 0.0, 7.0, 1),
        (TRAN_PHU, 3, 1, 0.0, 101.0, 1),
        (THANH_UY, 2, 0, None, None, 0),  # nothing came due: no rate, no median
    ],
    "block": [
        ("commune", 6, 3, rate(1, 5), 59.0, 1),
        ("government", 3, 2, rate(1, 3), 11.0, 0),
        ("mass_org", 3, 1, 0.0, 7.0, 1),
        ("party", 2, 0, None, None, 0),
    ],
    "assignee": [
        (ANH, 4, 2, 0.0, 11.0, 0),  # ties with Đức on overdue; more tasks goes first
        (DUC, 3, 2, rate(1, 3), 33.0, 0),
        (BINH, 4, 1, rate(1, 4), 101.0, 2),
        (None, 3, 1, 0.0, 21.0, 0),
    ],
    "field": [
        ("Giao thông", 4, 3, 0.0, 21.0, 1),
        (None, 3, 2, 0.0, 33.0, 0),
        ("Đất đai", 4, 1, 0.0, 16.0, 1),
        ("An ninh", 3, 0, 1.0, None, 0),
    ],
    "source_doc": [
        (None, 8, 3, 0.0, 21.0, 2),
        (UBND_12, 2, 1, 0.0, 6.0, 0),
        (CD_280, 2, 1, rate(1, 2), 16.0, 0),
        (KH_45, 2, 1, rate(1, 2), 101.0, 0),
    ],
    "assigned_month": [
        ("2022-11", 1, 1, 0.0, 101.0, 0),
        ("2022-12", 1, 1, 0.0, 7.0, 0),
        ("2023-01", 4, 3, 0.0, 16.0, 1),
        ("2023-02", 4, 1, rate(2, 4), 21.0, 1),
        ("2023-03", 3, 0, None, None, 0),
        (None, 1, 0, None, None, 0),
    ],
    "assigned_quarter": [
        ("2022-Q4", 2, 2, 0.0, 54.0, 0),
        ("2023-Q1", 11, 4, rate(2, 8), 18.5, 2),
        (None, 1, 0, None, None, 0),
    ],
    "due_month": [  # the effective due: T07 (due 20/02, extended to 10/03) is in March
        ("2022-12", 1, 1, 0.0, 101.0, 0),
        ("2023-01", 1, 1, 0.0, 59.0, 0),
        ("2023-02", 2, 0, 0.0, None, 2),
        ("2023-03", 7, 4, rate(2, 6), 11.5, 0),
        ("2023-04", 2, 0, None, None, 0),
        (None, 1, 0, None, None, 0),
    ],
    "due_quarter": [
        ("2022-Q4", 1, 1, 0.0, 101.0, 0),
        ("2023-Q1", 10, 5, rate(2, 9), 16.0, 2),
        ("2023-Q2", 2, 0, None, None, 0),
        (None, 1, 0, None, None, 0),
    ],
    "aging": [
        ("1-7", 2, 2, 0.0, 6.5, 0),
        ("8-30", 2, 2, 0.0, 18.5, 0),
        ("31-90", 1, 1, 0.0, 59.0, 0),
        ("90+", 1, 1, 0.0, 101.0, 0),
        ("none", 8, 0, rate(2, 4), None, 2),
    ],
    "state": [
        ("overdue", 6, 6, 0.0, 18.5, 0),
        ("done_late", 2, 0, 0.0, None, 2),  # the rest tie on overdue: most tasks, then by code
        ("done_on_time", 2, 0, 1.0, None, 0),
        ("due_soon", 2, 0, None, None, 0),
        ("no_deadline", 1, 0, None, None, 0),
        ("on_track", 1, 0, None, None, 0),
    ],
}


@pytest.mark.parametrize("rows", list(EXPECTED_GROUPS))
def test_every_measure_of_every_grouping(register, rows):
    """Each group's five measures, the groups' order and the grand total, worked out by hand."""
    answer = ask(register, Question(rows=rows))
    assert groups(answer.row_totals) == EXPECTED_GROUPS[rows]
    assert measures(answer.total) == TOTAL
    assert (answer.total["done_on_time"], answer.total["came_due"]) == (2, 10)
    assert answer.row_count == len(EXPECTED_GROUPS[rows])
    assert answer.column_count == 0 and answer.column_totals.empty


@pytest.mark.parametrize("rows", list(EXPECTED_GROUPS))
def test_one_dimension_cells_are_the_row_totals(register, rows):
    """With one dimension the cells are the groups themselves, with no column key."""
    answer = ask(register, Question(rows=rows))
    assert sorted(groups(answer.cells), key=repr) == sorted(groups(answer.row_totals), key=repr)
    assert answer.cells["col_key"].tolist() == [None] * len(answer.cells)


def test_missing_values_are_grouped_under_none(register):
    """Tasks with no officer, field, document, assigned day or deadline form one group keyed None."""
    none_groups = {rows: next(g for g in EXPECTED_GROUPS[rows] if g[0] is None)[1]
                   for rows in ("assignee", "field", "source_doc", "assigned_month", "due_quarter")}
    assert none_groups == {"assignee": 3, "field": 3, "source_doc": 8, "assigned_month": 1, "due_quarter": 1}
    for rows, tasks in none_groups.items():
        row_totals = ask(register, Question(rows=rows)).row_totals
        assert row_totals[row_totals["row_key"].isna()]["tasks"].tolist() == [tasks]
        assert row_totals["row_key"].tolist().count(None) == 1


def test_two_dimensions_cells_and_totals(register):
    """Officer x block: a cell per combination that has tasks, totals over all of them, the pivot."""
    answer = ask(register, Question(rows="assignee", columns="block", measure="overdue"))
    assert groups(answer.row_totals) == EXPECTED_GROUPS["assignee"]
    assert groups(answer.column_totals, "col_key") == EXPECTED_GROUPS["block"]
    assert measures(answer.total) == TOTAL
    assert (answer.row_count, answer.column_count) == (4, 4)
    cells = {(row["row_key"], row["col_key"]): measures(row) for row in answer.cells.to_dict("records")}
    assert cells == {
        (ANH, "government"): (2, 2, 0.0, 11.0, 0),
        (ANH, "party"): (1, 0, None, None, 0),
        (ANH, "mass_org"): (1, 0, None, None, 0),
        (BINH, "government"): (1, 0, 1.0, None, 0),
        (BINH, "commune"): (2, 1, 0.0, 101.0, 1),
        (BINH, "mass_org"): (1, 0, 0.0, None, 1),
        (DUC, "commune"): (2, 1, rate(1, 2), 59.0, 0),
        (DUC, "mass_org"): (1, 1, 0.0, 7.0, 0),
        (None, "commune"): (2, 1, 0.0, 21.0, 0),
        (None, "party"): (1, 0, None, None, 0),
    }
    # cells come row by row in the rows' order, each row's cells in the columns' order
    assert list(zip(answer.cells["row_key"], answer.cells["col_key"], strict=True)) == [
        (ANH, "government"), (ANH, "mass_org"), (ANH, "party"),
        (DUC, "commune"), (DUC, "mass_org"),
        (BINH, "commune"), (BINH, "government"), (BINH, "mass_org"),
        (None, "commune"), (None, "party"),
    ]
    table = answer.pivot()
    assert list(table.columns) == ["commune", "government", "mass_org", "party"]
    assert list(table.index[:3]) == [ANH, DUC, BINH] and pd.isna(table.index[3])  # pandas shows None as NaN
    nan = float("nan")
    expected = [[nan, 2.0, 0.0, 0.0], [1.0, nan, 1.0, nan], [1.0, 0.0, 0.0, nan], [1.0, nan, nan, 0.0]]
    assert str(table.values.tolist()) == str(expected)  # NaN: no task of that officer in that block
    assert table.at[None, "commune"] == 1 and table.at[None, "party"] == 0  # a None key still finds its row
    tasks = answer.pivot("tasks")
    assert tasks.loc[BINH, "commune"] == 2 and math.isnan(tasks.loc[DUC, "government"])


def test_pivot_with_a_none_column_key(register):
    """Blocks x fields: the tasks without a field are a column of their own."""
    answer = ask(register, Question(rows="block", columns="field", measure="tasks"))
    table = answer.pivot()
    assert list(table.index) == ["commune", "government", "mass_org", "party"]
    assert list(table.columns[:3]) == ["Đất đai", "Giao thông", "An ninh"] and pd.isna(table.columns[3])
    assert table.at["commune", None] == 2 and table.at["mass_org", None] == 1
    assert pd.isna(table.at["government", None])
    nan = float("nan")
    expected = [[1.0, 2.0, 1.0, 2.0], [1.0, 1.0, 1.0, nan], [1.0, 1.0, nan, 1.0], [1.0, nan, 1.0, nan]]
    assert str(table.values.tolist()) == str(expected)


def test_one_dimension_pivot_is_the_measure_by_row(register):
    """With one dimension the pivot is the chosen measure (or another) per row key, in order."""
    answer = ask(register, Question(rows="block", measure="done_late"))
    assert answer.pivot().to_dict() == {"done_late": {"commune": 1, "mass_org": 1, "government": 0, "party": 0}}
    assert list(answer.pivot().index) == ["commune", "mass_org", "government", "party"]
    assert answer.pivot("tasks")["tasks"].tolist() == [6, 3, 3, 2]


def test_question_filters_states_and_aging(register):
    """A question's own states and aging buckets narrow every figure, totals included."""
    due_soon = ask(register, Question(rows="unit", measure="tasks", states=("due_soon", "on_track")))
    assert groups(due_soon.row_totals) == [(NONG_DAN, 1, 0, None, None, 0), (TRAN_PHU, 1, 0, None, None, 0),
                                           (THANH_UY, 1, 0, None, None, 0)]  # T13, T06, T10: one each, by name
    assert measures(due_soon.total) == (3, 0, None, None, 0)
    aged = ask(register, Question(rows="block", buckets=("8-30", "90+")))
    assert groups(aged.row_totals) == [("commune", 2, 2, 0.0, 61.0, 0), ("government", 1, 1, 0.0, 16.0, 0)]
    not_overdue = ask(register, Question(rows="state", measure="tasks", buckets=("none",)))
    assert not_overdue.total["tasks"] == 8 and "overdue" not in set(not_overdue.row_totals["row_key"])


def test_an_empty_view_has_zero_totals(register):
    """A view without tasks gives no groups and a total of zeros, without rate or median."""
    answer = ask(register, Question(rows="unit", columns="block"), View(AS_OF, filters=Filters(search="không có")))
    assert answer.cells.empty and answer.row_totals.empty and answer.column_totals.empty
    assert (answer.row_count, answer.column_count) == (0, 0)
    assert answer.total == {"tasks": 0, "overdue": 0, "done_late": 0, "done_on_time": 0, "came_due": 0,
                            "on_time_rate": None, "median_days_overdue": None}


def test_question_rejects_what_cannot_be_asked():
    """Only whitelisted dimensions, measures, orders, states and buckets make a Question."""
    for bad in ({"rows": "unit; DROP TABLE tasks"}, {"rows": "unit", "columns": "unit"}, {"measure": "sum"},
                {"order": "random"}, {"states": ("late",)}, {"buckets": ("0-1",)}):
        with pytest.raises(ValueError):
            Question(**bad)


# --- order of groups and limits -----------------------------------------------------------------------------

ALPHABET = ["Đông", "Dương", "Ân", "Anh", "Ấp", "Bình", "Ăn"]  # the order a file may list them in
VIETNAMESE_ORDER = ["Anh", "Ăn", "Ân", "Ấp", "Bình", "Dương", "Đông"]  # A < Ă < Â, D < Đ


@pytest.fixture
def alphabet(store):
    """One open task per name, each the name of its unit and of its field."""
    rows = [[f"A{i}", "Việc", name, None, name, None, d("01/03/2023"), d("30/04/2023"), None, None]
            for i, name in enumerate(ALPHABET)]
    assert load(store, rows, HEADER).rows_loaded == len(ALPHABET)
    return store


@pytest.mark.parametrize("rows", ["unit", "field"])
@pytest.mark.parametrize("order", ["name", "value"])
def test_names_in_vietnamese_alphabetical_order(alphabet, rows, order):
    """By name, and among equal values, Ă and Â come after A and Đ after D, not in code point order."""
    answer = ask(alphabet, Question(rows=rows, measure="tasks", order=order))
    assert answer.row_totals["row_key"].tolist() == VIETNAMESE_ORDER
    assert sorted(ALPHABET) != VIETNAMESE_ORDER  # byte order would differ


def test_order_by_name_sorts_text_and_puts_none_last(register):
    """By name: Vietnamese order (Lê, Nguyễn, Trần; An, Đất, Giao), the missing value last."""
    answer = ask(register, Question(rows="assignee", order="name"))
    assert answer.row_totals["row_key"].tolist() == [DUC, ANH, BINH, None]
    fields = ask(register, Question(rows="field", order="name"))
    assert fields.row_totals["row_key"].tolist() == ["An ninh", "Đất đai", "Giao thông", None]


def test_order_by_value_largest_first_then_tasks_then_name(register):
    """By value: largest first for any measure, then most tasks, then by name; no value last."""
    assert ask(register, Question(rows="field", measure="tasks")).row_totals["row_key"].tolist() == [
        "Đất đai", "Giao thông", "An ninh", None]  # 4, 4 (by name), 3, 3 (None last)
    assert ask(register, Question(rows="block", measure="on_time_rate")).row_totals["row_key"].tolist() == [
        "government", "commune", "mass_org", "party"]  # 1/3, 1/5, 0, no rate last
    assert ask(register, Question(rows="unit", measure="median_days_overdue")).row_totals["row_key"].tolist() == [
        TRAN_PHU, TINH_AN_TAY, NOI_VU, NONG_DAN, THANH_UY]  # 101, 40, 11, 7, none


@pytest.mark.parametrize("rows, natural", [
    ("block", ["government", "commune", "party", "mass_org"]),
    ("state", list(STATES)),
    ("aging", ["1-7", "8-30", "31-90", "90+", "none"]),
])
def test_fixed_natural_order_by_name(register, rows, natural):
    """Blocks, states and aging buckets by name are in their own order, whatever their values."""
    by_name = ask(register, Question(rows=rows, measure="tasks", order="name"))
    assert by_name.row_totals["row_key"].tolist() == natural
    by_value = ask(register, Question(rows=rows, measure="tasks"))
    assert by_value.row_totals["row_key"].tolist() != natural


@pytest.mark.parametrize("rows", ["assigned_month", "assigned_quarter", "due_month", "due_quarter"])
@pytest.mark.parametrize("order", ["name", "value"])
def test_months_and_quarters_always_in_time_order(register, rows, order):
    """Months and quarters are oldest first (undated last) in either order, as rows or columns."""
    answer = ask(register, Question(rows=rows, measure="overdue", order=order))
    assert answer.row_totals["row_key"].tolist() == [g[0] for g in EXPECTED_GROUPS[rows]]
    both = ask(register, Question(rows="block", columns=rows, order=order))
    assert both.column_totals["col_key"].tolist() == [g[0] for g in EXPECTED_GROUPS[rows]]


def test_row_limit_keeps_the_first_groups_and_counts_them_all(register):
    """row_limit keeps the first groups; row_count and the total still cover all of them."""
    answer = ask(register, Question(rows="unit"), row_limit=2)
    assert groups(answer.row_totals) == EXPECTED_GROUPS["unit"][:2]
    assert answer.row_count == 5
    assert measures(answer.total) == TOTAL  # the total is over every group, not the two shown


def test_row_and_column_limits_cut_cells_but_not_totals(register):
    """Both limits cut the cells; totals are over every group, the counts report all groups."""
    answer = ask(register, Question(rows="assignee", columns="block"), row_limit=2, col_limit=3)
    assert answer.row_totals["row_key"].tolist() == [ANH, DUC]
    assert answer.column_totals["col_key"].tolist() == ["commune", "government", "mass_org"]
    assert (answer.row_count, answer.column_count) == (4, 4)
    assert groups(answer.column_totals, "col_key") == EXPECTED_GROUPS["block"][:3]  # over all officers
    assert list(zip(answer.cells["row_key"], answer.cells["col_key"], strict=True)) == [
        (ANH, "government"), (ANH, "mass_org"), (DUC, "commune"), (DUC, "mass_org")]
    assert measures(answer.total) == TOTAL
    assert answer.pivot().shape == (2, 3)


def test_limit_on_months_keeps_the_latest_and_the_undated(register):
    """Cut months keep the most recent (and the tasks without a date), still shown oldest first."""
    answer = ask(register, Question(rows="assigned_month"), row_limit=3)
    assert answer.row_totals["row_key"].tolist() == ["2023-02", "2023-03", None]
    assert answer.row_count == 6


# --- the records behind an answer -----------------------------------------------------------------------------

OVERDUE_LONGEST_FIRST = ["T05", "T08", "T15", "T01", "T12", "T02"]  # 101, 59, 21, 16, 7, 6 days


@pytest.mark.parametrize("measure, expected", [
    ("tasks", set(ALL_TASKS)),
    ("overdue", set(OVERDUE_LONGEST_FIRST)),
    ("median_days_overdue", set(OVERDUE_LONGEST_FIRST)),
    ("on_time_rate", {"T03", "T07", "T04", "T11", *OVERDUE_LONGEST_FIRST}),  # every task that came due
    ("done_late", {"T04", "T11"}),
])
def test_records_are_the_tasks_that_make_the_measure(register, measure, expected):
    """The records behind a measure are the tasks it counts (MEASURE_STATES); record_count agrees."""
    question = Question(rows="unit", measure=measure)
    assert set(task_ids(register, question)) == expected
    with register.connect() as con:
        assert explore.record_count(con, VIEW, question) == len(expected)
        frame = explore.records(con, VIEW, question, limit=1000)
    assert set(frame["state"]) <= set(explore.MEASURE_STATES[measure] or STATES)


def test_records_default_to_longest_overdue_first(register):
    """By default the records are the overdue tasks, longest overdue first, with every column."""
    assert task_ids(register, Question()) == OVERDUE_LONGEST_FIRST
    with register.connect() as con:
        frame = explore.records(con, VIEW, Question())
    assert frame["days_overdue"].tolist() == [101, 59, 21, 16, 7, 6]
    assert list(frame.columns) == list(explore.RECORD_COLUMNS)


@pytest.mark.parametrize("rows", list(EXPECTED_GROUPS))
@pytest.mark.parametrize("measure", explore.MEASURES)
def test_every_group_has_exactly_its_records(register, rows, measure):
    """Picking any group lists as many records as the figure counts (None keys included)."""
    question = Question(rows=rows, measure=measure)
    answer = ask(register, question)
    with register.connect() as con:
        for row in answer.row_totals.to_dict("records"):
            count = explore.record_count(con, VIEW, question, Pick(row["row_key"]))
            assert count == row[RECORDS_OF[measure]], row["row_key"]


def test_records_of_a_picked_row(register):
    """A picked row key lists that group's records only (the effective due decides the month)."""
    assert task_ids(register, Question(rows="unit"), Pick(NOI_VU)) == ["T01", "T02"]
    assert task_ids(register, Question(rows="unit", measure="tasks"), Pick(NOI_VU), sort="task_id",
                    descending=False) == ["T01", "T02", "T03"]  # T14 was not assigned yet
    assert task_ids(register, Question(rows="due_month", measure="tasks"), Pick("2023-02"),
                    sort="task_id", descending=False) == ["T04", "T11"]  # T07 was extended into March
    assert task_ids(register, Question(rows="aging"), Pick("8-30")) == ["T15", "T01"]


def test_records_of_a_none_key(register):
    """A picked None key lists the tasks missing that value."""
    assert task_ids(register, Question(rows="field", measure="tasks"), Pick(None), sort="task_id",
                    descending=False) == ["T06", "T08", "T12"]
    assert task_ids(register, Question(rows="assignee"), Pick(None)) == ["T15"]
    assert task_ids(register, Question(rows="due_month", measure="tasks"), Pick(None)) == ["T09"]


def test_records_of_a_picked_cell(register):
    """A picked cell lists the tasks of its row and column; a row pick in a table, the whole row."""
    question = Question(rows="assignee", columns="block", measure="overdue")
    assert task_ids(register, question, Pick(ANH, "government", has_column=True)) == ["T01", "T02"]
    assert task_ids(register, question, Pick(None, "commune", has_column=True)) == ["T15"]
    assert task_ids(register, question, Pick(DUC, "government", has_column=True)) == []
    assert task_ids(register, question, Pick(DUC)) == ["T08", "T12"]  # a whole row of the table
    tasks = Question(rows="assignee", columns="block", measure="tasks")
    assert task_ids(register, tasks, Pick(None, "party", has_column=True)) == ["T10"]
    with register.connect() as con:
        assert explore.record_count(con, VIEW, tasks, Pick(BINH, "commune", has_column=True)) == 2


def test_a_column_key_without_a_second_dimension_is_ignored(register):
    """A pick's column key is ignored when the question has one dimension."""
    assert task_ids(register, Question(rows="assignee"), Pick(DUC, "commune", has_column=True)) == ["T08", "T12"]


def test_records_follow_the_questions_states_and_aging(register):
    """The question's states and aging buckets narrow the records, on top of the measure's."""
    question = Question(rows="unit", measure="tasks", states=("due_soon",))
    assert task_ids(register, question, sort="task_id", descending=False) == ["T06", "T13"]
    assert task_ids(register, Question(rows="unit", buckets=("1-7",))) == ["T12", "T02"]
    # the question's states and the measure's both apply: overdue among due soon is nothing
    assert task_ids(register, Question(rows="unit", measure="overdue", states=("due_soon",))) == []


BY_ASSIGNEE = ["T07", "T08", "T12", "T01", "T02", "T09", "T13", "T03", "T04", "T05", "T11"]
BY_FIELD = ["T03", "T07", "T09", "T01", "T04", "T10", "T13", "T02", "T05", "T11", "T15"]


@pytest.mark.parametrize("sort, ascending, descending", [
    # Lê Đức, Nguyễn Văn Anh, Trần Thị Bình in Vietnamese order; no officer last either way; ties by task id
    ("assignee", [*BY_ASSIGNEE, "T06", "T10", "T15"],
     ["T03", "T04", "T05", "T11", "T01", "T02", "T09", "T13", "T07", "T08", "T12", "T06", "T10", "T15"]),
    # An ninh, Đất đai, Giao thông: Đ after D, not after every plain letter
    ("field", [*BY_FIELD, "T06", "T08", "T12"],
     ["T02", "T05", "T11", "T15", "T01", "T04", "T10", "T13", "T03", "T07", "T09", "T06", "T08", "T12"]),
    ("title", ["T13", "T04", "T15", "T01", "T03", "T11", "T05", "T08", "T07", "T02", "T06", "T10", "T09", "T12"],
     ["T12", "T09", "T10", "T06", "T02", "T07", "T08", "T05", "T11", "T03", "T01", "T15", "T04", "T13"]),
    ("unit", ["T11", "T12", "T13", "T01", "T02", "T03", "T04", "T05", "T06", "T09", "T10", "T07", "T08", "T15"],
     ["T07", "T08", "T15", "T09", "T10", "T04", "T05", "T06", "T01", "T02", "T03", "T11", "T12", "T13"]),
    # only completions known on the as-of day: T15's (05/04) is not, so it sorts with the open tasks
    ("completed_date", ["T11", "T03", "T07", "T04", "T01", "T02", "T05", "T06", "T08", "T09", "T10", "T12", "T13",
                        "T15"],
     ["T04", "T07", "T03", "T11", "T01", "T02", "T05", "T06", "T08", "T09", "T10", "T12", "T13", "T15"]),
    ("effective_due", ["T05", "T08", "T11", "T04", "T03", "T07", "T15", "T01", "T12", "T02", "T13", "T06", "T10",
                       "T09"],
     ["T10", "T06", "T13", "T02", "T12", "T01", "T03", "T07", "T15", "T04", "T11", "T08", "T05", "T09"]),
    ("assigned_date", ["T05", "T12", "T08", "T01", "T02", "T11", "T04", "T15", "T07", "T03", "T06", "T13", "T09",
                       "T10"],
     ["T09", "T13", "T06", "T03", "T07", "T04", "T15", "T11", "T02", "T01", "T08", "T12", "T05", "T10"]),
    # states in their own order, not their codes' alphabet
    ("state", ["T03", "T07", "T04", "T11", "T01", "T02", "T05", "T08", "T12", "T15", "T06", "T13", "T10", "T09"],
     ["T09", "T10", "T06", "T13", "T01", "T02", "T05", "T08", "T12", "T15", "T04", "T11", "T03", "T07"]),
    ("days_overdue", [*reversed(OVERDUE_LONGEST_FIRST), "T03", "T04", "T06", "T07", "T09", "T10", "T11", "T13"],
     [*OVERDUE_LONGEST_FIRST, "T03", "T04", "T06", "T07", "T09", "T10", "T11", "T13"]),
])
def test_records_sorted_on_the_server(register, sort, ascending, descending):
    """Each column sorts both ways (text in Vietnamese order, missing values last), ties by id."""
    question = Question(measure="tasks")
    assert task_ids(register, question, sort=sort, descending=False) == ascending
    assert task_ids(register, question, sort=sort, descending=True) == descending


def test_records_sort_only_by_a_known_column(register):
    """A sort column outside the whitelist is refused, never spliced into SQL."""
    with register.connect() as con, pytest.raises(KeyError):
        explore.records(con, VIEW, Question(), sort="task_id; DROP TABLE tasks")


@pytest.mark.parametrize("sort, descending", [("unit", False), ("block", True), ("days_overdue", True),
                                              ("completed_date", False)])
@pytest.mark.parametrize("size", [1, 3, 4, 5])
def test_pages_never_overlap_and_cover_every_record(register, sort, descending, size):
    """Pages of any size, under sorts with ties and missing values, hold every record exactly once."""
    question = Question(measure="tasks")
    whole = task_ids(register, question, sort=sort, descending=descending)
    pages = [task_ids(register, question, sort=sort, descending=descending, limit=size, offset=offset)
             for offset in range(0, 14 + size, size)]
    assert [len(page) for page in pages] == [max(0, min(size, 14 - offset)) for offset in range(0, 14 + size, size)]
    assert [task for page in pages for task in page] == whole
    assert sorted(whole) == ALL_TASKS


def test_record_columns(register):
    """A record's columns: names, block code, dates as dates, completion known on the as-of day only."""
    with register.connect() as con:
        frame = explore.records(con, VIEW, Question(measure="tasks"), sort="task_id", descending=False)
    record = frame.set_index("task_id").loc["T07"]
    assert (record["unit"], record["block"], record["assignee"], record["field"], record["source_doc"]) == (
        TINH_AN_TAY, "commune", DUC, "An ninh", KH_45)
    assert (record["assigned_date"], record["effective_due"], record["completed_date"]) == (
        d("10/02/2023"), d("10/03/2023"), d("09/03/2023"))
    assert record["state"] == "done_on_time" and pd.isna(record["days_overdue"])
    later = frame.set_index("task_id").loc["T15"]
    assert pd.isna(later["completed_date"]) and later["days_overdue"] == 21  # completed after the as-of day
    assert str(frame["days_overdue"].dtype) == "Int64"


# --- search and the page's filters ----------------------------------------------------------------------------

@pytest.mark.parametrize("search, expected", [
    ("tinh an", {"T01", "T02"}),  # without accents: "Xã Tịnh Ấn Tây" and "Tịnh An"
    ("Tịnh Ấn", {"T01"}),  # with accents: only that spelling
    ("Tịnh An", {"T02"}),
    ("TINH AN", {"T01", "T02"}),
    ("tỊnh Ấn", {"T01"}),
    ("  tinh   an ", {"T01", "T02"}),
    ("tinh a", set()),  # whole words only
    ("an", {"T01", "T02"}),  # not inside "Ban"
    ("ban", {"T03", "T13"}),  # not inside "bằng"
    ("ban chi dao", {"T03"}),
    ("280/CĐ-TTg", {"T01", "T03"}),  # the source document
    ("280 cd ttg", {"T01", "T03"}),
    ("280/cđ-ttg", {"T01", "T03"}),
    ("UBND", {"T02", "T05", "T07", "T10"}),
    ("xa tinh an tay 280", set()),  # a phrase does not run from the title into the document
    ("thanh uy", set()),  # the unit is not searched
    ("", set(ALL_TASKS)),
    ("   ", set(ALL_TASKS)),
])
def test_search_finds_whole_words_with_or_without_accents(register, search, expected):
    """Search: whole words, accents optional unless typed, any case, title or document number."""
    assert found(register, search=search) == expected


def test_search_text_is_data_not_sql(register):
    """SQL in the search box is only text: nothing found, no error, the tasks still there."""
    for text in ("'; DROP TABLE tasks; --", "' OR '1'='1", "x' OR search_key LIKE '%", "$search"):
        assert found(register, search=text) == set()
    assert found(register) == set(ALL_TASKS)
    with register.connect() as con:
        assert con.execute("SELECT count(*) FROM tasks").fetchall() == [(15,)]


@pytest.mark.parametrize("search", ["%", "-", "/", "–"])
def test_a_search_without_words_matches_all_or_nothing(register, search):
    """A search of punctuation only is no search (it must not match an arbitrary subset of the tasks)."""
    assert found(register, search=search) == set(ALL_TASKS)


def test_search_narrows_the_figures_too(register):
    """The search applies to the figures as to the records."""
    answer = ask(register, Question(rows="unit", measure="tasks"), View(AS_OF, filters=Filters(search="tinh an")))
    assert groups(answer.row_totals) == [(NOI_VU, 2, 2, 0.0, 11.0, 0)]
    assert answer.total["tasks"] == 2


def test_filters_by_officer_and_date_ranges(register):
    """Officer filter, assigned-day range and effective-due range, both ends included."""
    assert found(register, assignees=(DUC,)) == {"T07", "T08", "T12"}
    assert found(register, assignees=(DUC, BINH)) == {"T07", "T08", "T12", "T03", "T04", "T05", "T11"}
    assert found(register, assignees=("x'); DROP TABLE tasks; --",)) == set()
    february = {"assigned_from": d("01/02/2023"), "assigned_to": d("28/02/2023")}
    assert found(register, **february) == {"T03", "T04", "T07", "T15"}  # both ends included
    assert found(register, assigned_to=d("31/12/2022")) == {"T05", "T12"}  # no assigned day: never in a range
    # the effective due: T07 (due 20/02, extended to 10/03) is due in March, T02 (01/03 -> 25/03) too
    assert found(register, due_from=d("01/03/2023"), due_to=d("31/03/2023")) == {
        "T01", "T02", "T03", "T07", "T12", "T13", "T15"}
    assert found(register, due_to=d("28/02/2023")) == {"T04", "T05", "T08", "T11"}
    assert found(register, due_from=d("01/04/2023")) == {"T06", "T10"}  # no deadline: never in a range


def test_page_filters_go_into_the_view(register):
    """ExploreState.filters_into adds the page's filters (search trimmed) to the sidebar's."""
    state = ExploreState(assignees=(ANH,), search="  tinh an  ", due_from=d("20/03/2023"))
    view = state.filters_into(View(AS_OF, filters=Filters(blocks=("government",))))
    assert view.filters == Filters(blocks=("government",), assignees=(ANH,), search="tinh an",
                                   due_from=d("20/03/2023"))
    assert set(task_ids(register, Question(measure="tasks"), view=view)) == {"T02"}


def test_hidden_names_group_and_pick_by_code(register):
    """With names hidden, officers are grouped under codes, and a code picks that officer's records."""
    view = View(AS_OF, hide_names=True)
    answer = ask(register, Question(rows="assignee"), view)
    keys = answer.row_totals["row_key"].tolist()
    assert [k.startswith("CB-") and len(k) == 13 for k in keys[:3]] == [True] * 3 and keys[3] is None
    assert not {ANH, BINH, DUC} & set(keys)
    assert answer.row_totals["overdue"].tolist() == [2, 2, 1, 1]
    assert task_ids(register, Question(rows="assignee"), Pick(keys[1]), view=view) == ["T08", "T12"]  # Đức
    with register.connect() as con:
        frame = explore.records(con, view, Question(measure="tasks"), limit=100)
    assert not {ANH, BINH, DUC} & set(frame["assignee"].dropna())


def test_assignee_options_ignore_the_views_filters(register):
    """The officer list holds every officer of the day, in Vietnamese order, whatever the filters."""
    view = View(AS_OF, filters=Filters(assignees=(DUC,), search="tinh an"))
    with register.connect() as con:
        assert explore.assignee_options(con, view) == [DUC, ANH, BINH]


# --- the URL ----------------------------------------------------------------------------------------------

TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from("ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậđĩịọồổỗốộờởỡớợ ")),
               max_size=40)
OFFICERS = st.one_of(st.sampled_from([ANH, BINH, DUC, "Phạm Thị Ấn", "Đặng Văn Ơn"]), TEXT.filter(bool))
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
KEYS = st.one_of(st.none(), TEXT, st.sampled_from([NOI_VU, "2023-Q1", "2023-03", "none", "90+", CD_280]))


@st.composite
def explore_states(draw) -> ExploreState:
    """Any state the page can be in."""
    dimensions = sorted(explore.DIMENSIONS)
    rows = draw(st.sampled_from(dimensions))
    columns = draw(st.one_of(st.none(), st.sampled_from([x for x in dimensions if x != rows])))
    question = Question(
        rows=rows,
        columns=columns,
        measure=draw(st.sampled_from(explore.MEASURES)),
        order=draw(st.sampled_from(explore.ORDERS)),
        states=tuple(draw(st.lists(st.sampled_from(STATES), unique=True))),
        buckets=tuple(draw(st.lists(st.sampled_from(explore.FIXED_ORDER["aging"]), unique=True))),
    )
    picks = [st.none(), st.builds(Pick, KEYS)]
    if columns:
        picks.append(st.builds(Pick, KEYS, KEYS, st.just(True)))
    return ExploreState(
        question=question,
        chart=draw(st.sampled_from(explore.CHARTS)),
        assignees=tuple(draw(st.lists(OFFICERS, unique=True, max_size=4))),
        search=draw(st.one_of(st.text(max_size=200), st.sampled_from(["tinh an", "Tịnh Ấn", CD_280]))).strip(),
        assigned_from=draw(DATES),
        assigned_to=draw(DATES),
        due_from=draw(DATES),
        due_to=draw(DATES),
        pick=draw(st.one_of(picks)),
        sort=draw(st.sampled_from(list(explore.SORT_COLUMNS))),
        descending=draw(st.booleans()),
        page=draw(st.integers(min_value=1, max_value=10**9)),
        page_size=draw(st.sampled_from(explore.PAGE_SIZES)),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(explore_states())
def test_url_round_trip(state):
    """to_params then from_params gives back any valid state; every value is a list of strings."""
    params = explore.to_params(state)
    assert set(params) <= set(explore.URL_KEYS)
    assert all(isinstance(values, list) and all(isinstance(v, str) for v in values) for values in params.values())
    assert explore.from_params(params) == state
    # what the browser hands back: the same lists, copied
    assert explore.from_params(json.loads(json.dumps(params))) == state


URL_VALUES = st.lists(st.one_of(
    st.text(max_size=60), st.sampled_from(["unit", "block", "due_month", "tasks", "name", "heatmap", "overdue",
                                           "90+", "none", "0", "1", "-3", "7", "200", "2023-02-30", "2023-01-01",
                                           '["a"]', '["a", null]', "[null]", "[1]", "{}", "null"])), max_size=3)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from([*explore.URL_KEYS, "other"]), URL_VALUES))
def test_any_link_opens_a_state_that_survives_the_round_trip(params):
    """Whatever a hand-edited link holds, from_params gives a valid state without raising, and writing that
    state back to a link and reading it again gives the same state."""
    state = explore.from_params(params)
    assert state.page >= 1 and state.page_size in explore.PAGE_SIZES and state.sort in explore.SORT_COLUMNS
    assert state.question.columns != state.question.rows
    assert state.pick is None or not state.pick.has_column or state.question.columns is not None
    assert explore.from_params(explore.to_params(state)) == state


def test_default_state_has_no_parameters():
    """The default state is an empty URL, and an empty URL the default state."""
    assert explore.to_params(ExploreState()) == {}
    assert explore.from_params({}) == ExploreState()


def test_a_state_as_parameters():
    """Every part of a state, written as the URL holds it."""
    state = ExploreState(
        question=Question(rows="block", columns="due_quarter", measure="tasks", order="name",
                          states=("overdue", "due_soon"), buckets=("90+",)),
        chart="heatmap", assignees=(ANH, DUC), search="Tịnh Ấn", assigned_from=d("01/01/2023"),
        due_to=d("31/03/2023"), pick=Pick("commune", None, has_column=True), sort="unit", descending=False,
        page=3, page_size=200,
    )
    assert explore.to_params(state) == {
        "rows": ["block"], "cols": ["due_quarter"], "measure": ["tasks"], "order": ["name"],
        "state": ["overdue", "due_soon"], "aging": ["90+"], "chart": ["heatmap"], "officer": [ANH, DUC],
        "q": ["Tịnh Ấn"], "assigned_from": ["2023-01-01"], "due_to": ["2023-03-31"], "pick": ['["commune", null]'],
        "sort": ["unit"], "desc": ["0"], "page": ["3"], "size": ["200"],
    }


@pytest.mark.parametrize("params", [
    {"rows": ["nope"]},
    {"rows": ["unit; DROP TABLE tasks"]},
    {"cols": ["unit"]},  # the same as the rows
    {"cols": ["nope"]},
    {"measure": ["sum"]},
    {"order": ["random"]},
    {"chart": ["pie"]},
    {"state": ["late", "overdue "]},
    {"aging": ["0-1", "NONE"]},
    {"q": ["   "]},
    {"assigned_from": ["2023-02-30"]},
    {"assigned_to": ["31/03/2023"]},
    {"due_from": ["yesterday"]},
    {"due_to": [""]},
    {"pick": ["not json"]},
    {"pick": ['{"row": "x"}']},
    {"pick": ["[]"]},
    {"pick": ['["a", "b", "c"]']},
    {"pick": ["[1]"]},
    {"pick": ['["a", "b"]']},  # a cell, but there is no second dimension
    {"pick": ['"a"']},
    {"sort": ["days_overdue DESC; DROP TABLE tasks"]},
    {"page": ["-3"]},
    {"page": ["0"]},
    {"page": ["two"]},
    {"size": ["7"]},
    {"size": ["fifty"]},
    {"rows": []},
])
def test_malformed_parameters_fall_back_to_defaults(params):
    """An unknown or malformed parameter gives its default, without raising."""
    assert explore.from_params(params) == ExploreState()


def test_a_bad_parameter_does_not_spoil_the_good_ones():
    """Bad parameters fall back one by one; the good ones next to them are kept."""
    state = explore.from_params({
        "rows": ["field"], "cols": ["field"], "measure": ["done_late"], "state": ["overdue", "late", "overdue"],
        "assigned_from": ["2023-02-30"], "due_to": ["2023-03-31"], "pick": ['["Đất đai", "x"]'],
        "page": ["-3"], "size": ["7"], "sort": ["nope"], "desc": ["0"], "officer": [ANH, ANH, DUC],
        "q": ["  " + "x" * 300], "chart": ["line"], "unknown": ["1"],
    })
    assert state == ExploreState(
        question=Question(rows="field", measure="done_late", states=("overdue",)), chart="line",
        assignees=(ANH, DUC), search="x" * 200, due_to=d("31/03/2023"), descending=False,
    )
    cell = explore.from_params({"rows": ["field"], "cols": ["block"], "pick": ['["Đất đai", null]']})
    assert cell.pick == Pick("Đất đai", None, has_column=True)
    assert explore.from_params({"pick": ["[null]"]}).pick == Pick(None)
    assert explore.from_params({"page": ["1", "4"]}).page == 4  # the last value of a repeated parameter


# --- labels, the figures table and readable records -----------------------------------------------------------

@pytest.mark.parametrize("dimension, key, lang, label", [
    ("assigned_month", "2023-03", "vi", "03/2023"),
    ("due_month", "2022-12", "en", "12/2022"),
    ("assigned_quarter", "2023-Q1", "vi", "Quý 1/2023"),
    ("due_quarter", "2023-Q1", "en", "Q1 2023"),
    ("unit", None, "vi", "(không có)"),
    ("due_month", None, "en", "(none)"),
    ("aging", "none", "vi", "Không trễ hạn"),
    ("aging", "none", "en", "Not overdue"),
    ("aging", "8-30", "vi", "8–30 ngày"),
    ("block", "commune", "vi", "Xã, phường, thị trấn"),
    ("state", "overdue", "en", "Overdue"),
    ("unit", TINH_AN_TAY, "en", TINH_AN_TAY),
])
def test_key_label(dimension, key, lang, label):
    """Keys as readers see them, in Vietnamese and in English."""
    assert explore.key_label(dimension, key, lang) == label


def test_figures_table_one_dimension(register):
    """One dimension: a label column, the measure's column, a total row."""
    answer = ask(register, Question(rows="unit"))
    table, column_keys = explore.figures_table(answer, "vi")
    assert column_keys == {}
    assert list(table.columns) == ["Đơn vị chủ trì", "Số nhiệm vụ trễ hạn"]
    assert table.values.tolist() == [[NOI_VU, "2"], [TINH_AN_TAY, "2"], [NONG_DAN, "1"], [TRAN_PHU, "1"],
                                     [THANH_UY, "0"], ["Tổng cộng", "6"]]


def test_figures_table_labels_keys_in_english(register):
    """Quarters and the missing key labelled in English, with an English total row."""
    answer = ask(register, Question(rows="due_quarter", measure="tasks"))
    table, _ = explore.figures_table(answer, "en")
    assert list(table.columns) == ["Quarter due", "Tasks"]
    assert table.values.tolist() == [["Q4 2022", "1"], ["Q1 2023", "10"], ["Q2 2023", "2"], ["(none)", "1"],
                                     ["Total", "14"]]


def test_value_text():
    """Values as on screen: thousands separators, per cent with one decimal, a dash for none."""
    assert [explore.value_text("tasks", "vi")(v) for v in (1600, None, float("nan"))] == ["1.600", "0", "0"]
    assert explore.value_text("overdue", "en")(1600) == "1,600"
    assert explore.value_text("on_time_rate", "vi")(0.62) == "62,0%"
    assert explore.value_text("on_time_rate", "en")(2 / 3) == "66.7%"
    assert explore.value_text("median_days_overdue", "vi")(12.5) == "12,5"
    assert explore.value_text("median_days_overdue", "vi")(None) == "—"


def test_figures_table_two_dimensions(register):
    """Two dimensions: a column per column key, a total column and a total row; no task is 0."""
    answer = ask(register, Question(rows="assignee", columns="block"))
    table, column_keys = explore.figures_table(answer, "vi")
    commune, government, mass_org, party = ("Xã, phường, thị trấn", "Chính quyền (sở, phòng, ban)",
                                            "MTTQ và đoàn thể", "Khối Đảng")
    assert column_keys == {commune: "commune", government: "government", mass_org: "mass_org", party: "party"}
    assert list(table.columns) == ["Cán bộ phụ trách", commune, government, mass_org, party, "Tổng cộng"]
    assert table.values.tolist() == [
        [ANH, "0", "2", "0", "0", "2"],  # no task of Anh in a commune: 0
        [DUC, "1", "0", "1", "0", "2"],
        [BINH, "1", "0", "0", "0", "1"],
        ["(không có)", "1", "0", "0", "0", "1"],
        ["Tổng cộng", "3", "2", "1", "0", "6"],
    ]


def test_figures_table_as_numbers_for_a_file(register):
    """For a file: numbers, not text; rates in per cent, and the header says so."""
    answer = ask(register, Question(rows="assignee", columns="block", measure="tasks"))
    table, _ = explore.figures_table(answer, "en", as_text=False)
    assert list(table.columns) == ["Officer in charge", "Wards and communes", "Government (departments)",
                                   "Front and mass organisations", "Party", "Total"]
    assert table.values.tolist() == [  # by tasks: Anh and Bình 4 (by name), Đức 3, no officer 3 (last)
        [ANH, 0, 2, 1, 1, 4], [BINH, 2, 1, 1, 0, 4], [DUC, 2, 0, 1, 0, 3], ["(none)", 2, 0, 0, 1, 3],
        ["Total", 6, 3, 3, 2, 14]]
    rates = ask(register, Question(rows="block", measure="on_time_rate"))
    table, _ = explore.figures_table(rates, "vi", as_text=False)
    assert list(table.columns) == ["Khối", "Tỷ lệ đúng hạn (%)"]
    assert table.values[[0, 1, 2, 4]].tolist() == [["Chính quyền (sở, phòng, ban)", 33.3],
                                                   ["Xã, phường, thị trấn", 20.0], ["MTTQ và đoàn thể", 0.0],
                                                   ["Tổng cộng", 20.0]]
    assert table.iloc[3, 0] == "Khối Đảng" and pd.isna(table.iloc[3, 1])  # no rate: an empty cell


def test_figures_table_with_a_none_column(register):
    """A column for the missing key, labelled "(không có)" and mapped back to None."""
    answer = ask(register, Question(rows="block", columns="field", measure="tasks"))
    table, column_keys = explore.figures_table(answer, "vi")
    assert column_keys == {"Đất đai": "Đất đai", "Giao thông": "Giao thông", "An ninh": "An ninh", "(không có)": None}
    assert table.values.tolist() == [
        ["Xã, phường, thị trấn", "1", "2", "1", "2", "6"],
        ["Chính quyền (sở, phòng, ban)", "1", "1", "1", "0", "3"],
        ["MTTQ và đoàn thể", "1", "1", "0", "1", "3"],
        ["Khối Đảng", "1", "0", "1", "0", "2"],
        ["Tổng cộng", "4", "4", "3", "3", "14"],
    ]


def test_figures_table_rates_and_days_as_text(register):
    """Rates and medians as the screen writes them, in either language."""
    rates, _ = explore.figures_table(ask(register, Question(rows="block", measure="on_time_rate")), "vi")
    assert rates.values[:3].tolist() == [["Chính quyền (sở, phòng, ban)", "33,3%"],
                                         ["Xã, phường, thị trấn", "20,0%"], ["MTTQ và đoàn thể", "0,0%"]]
    assert rates.values[-1].tolist() == ["Tổng cộng", "20,0%"]
    days, _ = explore.figures_table(ask(register, Question(rows="unit", measure="median_days_overdue")), "en")
    assert days.values[:4].tolist() == [[TRAN_PHU, "101"], [TINH_AN_TAY, "40"], [NOI_VU, "11"], [NONG_DAN, "7"]]
    assert days.values[-1].tolist() == ["Total", "18.5"]
    cells, _ = explore.figures_table(ask(register, Question(rows="assignee", columns="block",
                                                            measure="on_time_rate")), "en")
    assert list(cells.columns[1:5]) == ["Government (departments)", "Wards and communes",
                                        "Front and mass organisations", "Party"]  # 1/3, 1/5, 0, no rate
    assert cells.values[0].tolist() == [DUC, "—", "50.0%", "0.0%", "—", "33.3%"]  # no task in a block: a dash


@pytest.mark.parametrize("question, row", [
    (Question(rows="block", measure="on_time_rate"), ["Khối Đảng", "—"]),
    (Question(rows="unit", measure="median_days_overdue"), [THANH_UY, "—"]),
    (Question(rows="block", columns="state", measure="on_time_rate", order="name"),
     ["Khối Đảng", "—", "—", "—", "—", "—", "—", "—"]),
])
def test_figures_table_writes_a_missing_value_as_a_dash(register, question, row):
    """A group without a rate or a median shows a dash, as a cell does."""
    table, _ = explore.figures_table(ask(register, question), "vi")
    assert row in table.values.tolist()


def test_readable_records(register):
    """Record columns under their names, states and blocks in words, missing text empty."""
    with register.connect() as con:
        frame = explore.records(con, VIEW, Question(measure="tasks"), sort="task_id", descending=False)
    columns = ["task_id", "unit", "block", "assignee", "state", "completed_date", "days_overdue"]
    shown = explore.readable_records(frame, columns, "vi")
    assert list(shown.columns) == ["Mã nhiệm vụ", "Đơn vị chủ trì", "Khối", "Cán bộ phụ trách",
                                   "Trạng thái (tính đến ngày)", "Ngày hoàn thành", "Số ngày trễ"]
    first = shown.iloc[0].tolist()
    assert first[:5] == ["T01", NOI_VU, "Chính quyền (sở, phòng, ban)", ANH, "Trễ hạn"]
    assert pd.isna(first[5]) and first[6] == 16
    t06 = shown.set_index("Mã nhiệm vụ").loc["T06"]
    assert t06["Cán bộ phụ trách"] == "" and t06["Trạng thái (tính đến ngày)"] == "Sắp đến hạn"
    assert shown.set_index("Mã nhiệm vụ").loc["T03", "Ngày hoàn thành"] == pd.Timestamp(2023, 3, 8)
    english = explore.readable_records(frame, ["task_id", "state", "block"], "en")
    assert english.iloc[6].tolist() == ["T07", "Done on time", "Wards and communes"]


def test_pick_from_cell():
    """A clicked table cell maps to its row and column keys; the total row maps to nothing."""
    keys = {"Xã, phường, thị trấn": "commune", "(không có)": None}
    assert explore.pick_from_cell([ANH, None], keys, 1, "(không có)") == Pick(None, None, has_column=True)
    assert explore.pick_from_cell([ANH, None], keys, 0, "Xã, phường, thị trấn") == Pick(ANH, "commune", True)
    assert explore.pick_from_cell([ANH, None], keys, 0, "Tổng cộng") == Pick(ANH)
    assert explore.pick_from_cell([ANH, None], keys, 2, "Tổng cộng") is None  # the total row


def test_a_month_without_tasks_is_an_empty_period_not_skipped(register):
    """Trần Thị Bình's tasks were assigned in 11/2022, 01/2023 and 02/2023: 12/2022 is shown with 0 tasks and
    no rate, so a line over the months does not jump it; it is not counted as a group of its own."""
    view = View(AS_OF, filters=Filters(assignees=(BINH,)))
    answer = ask(register, Question(rows="assigned_month", measure="tasks"), view)
    assert list(answer.row_totals["row_key"]) == ["2022-11", "2022-12", "2023-01", "2023-02"]
    assert list(answer.row_totals["tasks"]) == [1, 0, 1, 2]
    assert answer.row_totals["on_time_rate"].isna().tolist()[1]
    assert answer.row_count == 3
    quarters = ask(register, Question(rows="assigned_quarter", measure="tasks"), view)
    assert list(quarters.row_totals["row_key"]) == ["2022-Q4", "2023-Q1"]
