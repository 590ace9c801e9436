"""Every definition of docs/design.md §4 with exact figures on a small hand-made register, and the sample's 140.

The register (as-of day 10/03/2023 unless said otherwise); days overdue = as-of day - effective due:
T1  due 10/03 (the deadline day itself)          -> due_soon, not overdue
T2  due 09/03                                    -> overdue 1 day
T3  due 01/03 extended to 15/03                  -> due_soon (the extension counts)
T4  due 01/03 extended to 05/03                  -> overdue 5 days
T5  due 01/03 completed 20/03 (after the as-of)  -> overdue 9 days on 10/03, done_late on 25/03
T6  due 01/03 completed 01/03                    -> done_on_time
T7  due 01/03 completed 02/03                    -> done_late
T8  due 01/03 extended 10/03 completed 08/03     -> done_on_time
T9  no deadline, open; T10 no deadline, done     -> no_deadline (both)
T11 due 30/03; T13 due 18/03                     -> on_track
T12 due 17/03 (as-of + 7)                        -> due_soon
T14 assigned 15/03                               -> not counted before 15/03
T15..T21 overdue 99, 30, 60, 7, 8, 91, 90 days   -> aging buckets at their edges
"""

from __future__ import annotations

import datetime as dt
import functools

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import queries
from analytics.store import migrations, tables
from tests.builders import SAMPLE_AS_OF, counts, d, load

AS_OF = d("10/03/2023")
HEADER = ["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành", "Ngày giao"]
REGISTER = [
    ["T1", "Phòng Nội vụ", d("10/03/2023"), None, None, d("01/02/2023")],
    ["T2", "Phòng Nội vụ", d("09/03/2023"), None, None, d("01/02/2023")],
    ["T3", "Phòng Nội vụ", d("01/03/2023"), d("15/03/2023"), None, d("01/02/2023")],
    ["T4", "Phường Trần Phú", d("01/03/2023"), d("05/03/2023"), None, d("01/02/2023")],
    ["T5", "Phường Trần Phú", d("01/03/2023"), None, d("20/03/2023"), d("01/02/2023")],
    ["T6", "Phường Trần Phú", d("01/03/2023"), None, d("01/03/2023"), d("01/02/2023")],
    ["T7", "Phường Trần Phú", d("01/03/2023"), None, d("02/03/2023"), d("01/02/2023")],
    ["T8", "Văn phòng Thành ủy", d("01/03/2023"), d("10/03/2023"), d("08/03/2023"), d("01/02/2023")],
    ["T9", "Văn phòng Thành ủy", None, None, None, d("01/02/2023")],
    ["T10", "Văn phòng Thành ủy", "Thường xuyên", None, d("05/03/2023"), d("01/02/2023")],
    ["T11", "Hội Nông dân thành phố", d("30/03/2023"), None, None, d("01/03/2023")],
    ["T12", "Hội Nông dân thành phố", d("17/03/2023"), None, None, d("01/03/2023")],
    ["T13", "Hội Nông dân thành phố", d("18/03/2023"), None, None, d("01/03/2023")],
    ["T14", "Phòng Nội vụ", d("20/03/2023"), None, None, d("15/03/2023")],
    ["T15", "Phòng Tư pháp", d("01/12/2022"), None, None, d("01/11/2022")],
    ["T16", "Phòng Tư pháp", d("08/02/2023"), None, None, d("01/01/2023")],
    ["T17", "Phòng Tư pháp", d("09/01/2023"), None, None, d("01/01/2023")],
    ["T18", "Xã Tịnh Ấn Tây", d("03/03/2023"), None, None, d("01/01/2023")],
    ["T19", "Xã Tịnh Ấn Tây", d("02/03/2023"), None, None, d("01/01/2023")],
    ["T20", "Xã Tịnh Ấn Tây", d("09/12/2022"), None, None, d("01/11/2022")],
    ["T21", "Xã Tịnh Ấn Tây", d("10/12/2022"), None, None, None],
]


@pytest.fixture
def register(store):
    report = load(store, REGISTER, HEADER)
    assert (report.rows_loaded, report.rows_rejected) == (21, 0)
    return store


def test_states_as_of_a_day(register):
    result = counts(register, AS_OF)
    assert (result.total, result.done_on_time, result.done_late, result.overdue) == (20, 2, 1, 10)
    assert (result.due_soon, result.on_track, result.no_deadline) == (3, 2, 2)
    assert result.on_time_rate == pytest.approx(2 / 13)  # tasks that came due, not only closed ones
    assert result.completion_on_time_rate == pytest.approx(2 / 3)


def test_deadline_day_is_in_time_and_the_next_day_is_late(register):
    with register.connect() as con:
        on_the_day = set(queries.overdue_tasks(con, queries.View(AS_OF))["task_id"])
        next_day = queries.overdue_tasks(con, queries.View(AS_OF + dt.timedelta(days=1)))
    assert "T1" not in on_the_day
    assert next_day.set_index("task_id").loc["T1", "days_overdue"] == 1


def test_completion_after_the_as_of_day_is_still_overdue_then(register):
    with register.connect() as con:
        early = queries.overdue_tasks(con, queries.View(AS_OF)).set_index("task_id")
        later = set(queries.overdue_tasks(con, queries.View(d("25/03/2023")))["task_id"])
    assert early.loc["T5", "days_overdue"] == 9
    assert "T5" not in later
    assert counts(register, d("25/03/2023")).done_late == 2  # T7 and now T5


def test_extension_replaces_the_deadline(register):
    with register.connect() as con:
        overdue = queries.overdue_tasks(con, queries.View(AS_OF)).set_index("task_id")
    assert "T3" not in overdue.index  # extended to 15/03
    assert overdue.loc["T4", "days_overdue"] == 5  # 10/03 - extended 05/03
    assert overdue.loc["T4", "effective_due"] == d("05/03/2023")


def test_task_assigned_after_the_as_of_day_does_not_exist_yet(register):
    assert counts(register, AS_OF).total == 20
    assert counts(register, d("15/03/2023")).total == 21


def test_days_overdue_and_aging_buckets(register):
    with register.connect() as con:
        overdue = queries.overdue_tasks(con, queries.View(AS_OF)).set_index("task_id")
        by_unit = queries.overdue_by_unit(con, queries.View(AS_OF))
    expected = {"T2": 1, "T4": 5, "T5": 9, "T15": 99, "T16": 30, "T17": 60, "T18": 7, "T19": 8, "T20": 91, "T21": 90}
    assert overdue["days_overdue"].to_dict() == expected
    assert overdue["bucket"].to_dict() == {
        "T2": "1-7", "T4": "1-7", "T18": "1-7", "T5": "8-30", "T16": "8-30", "T19": "8-30",
        "T17": "31-90", "T21": "31-90", "T15": "90+", "T20": "90+",
    }
    assert list(overdue.index[:3]) == ["T15", "T20", "T21"]  # longest overdue first
    assert by_unit.groupby("bucket")["overdue"].sum().to_dict() == {"1-7": 3, "8-30": 3, "31-90": 2, "90+": 2}


def test_due_soon_window_is_configurable(register):
    assert counts(register, AS_OF, due_soon_days=7).due_soon == 3
    assert counts(register, AS_OF, due_soon_days=30).due_soon == 5  # T11 (30/03) and T13 (18/03) join


def test_filters_by_block_and_unit(register):
    government = counts(register, AS_OF, filters=queries.Filters(blocks=("government",)))
    assert (government.total, government.overdue) == (6, 4)  # Nội vụ T1-T3 (T14 not yet), Tư pháp T15-T17
    ward = counts(register, AS_OF, filters=queries.Filters(units=("Phường Trần Phú",)))
    assert (ward.total, ward.overdue, ward.done_on_time, ward.done_late) == (4, 2, 1, 1)


def test_summary_groups_by_block_with_english_keys(register):
    with register.connect() as con:
        result = queries.summary(con, queries.View(AS_OF), by="block")
    by = {row["key"]: (row["total"], row["overdue"]) for row in result["by"]}
    assert by == {"government": (6, 4), "commune": (8, 6), "party": (3, 0), "mass_org": (3, 0)}


def test_trend_is_the_overdue_count_of_every_day(register):
    with register.connect() as con:
        view = queries.View(d("31/03/2023"))
        daily = queries.trend(con, view, d("01/11/2022"))
        expected = [queries.counts(con, view.at(day)).overdue for day in daily["day"]]
    assert list(daily["overdue"]) == expected
    assert daily.set_index("day").loc[AS_OF, "overdue"] == 10
    assert daily.set_index("day").loc[d("11/03/2023"), "overdue"] == 11


def test_the_sample_has_140_overdue_tasks_on_25_10_2023(sample_store):
    result = counts(sample_store, SAMPLE_AS_OF)
    assert result.overdue == 140
    assert counts(sample_store, d("18/10/2023")).overdue == 154
    with sample_store.connect() as con:
        by_block = queries.overview(con, queries.View(SAMPLE_AS_OF), d("18/10/2023")).by_block()
    blocks = dict(zip(by_block["block"], by_block["overdue"], strict=True))
    assert blocks == {"government": 60, "commune": 58, "mass_org": 8, "party": 7, "other": 7}
    assert blocks["government"] + blocks["commune"] > 0.8 * 140


# --- properties over any register ------------------------------------------------------------------------

_DAY0 = dt.date(2023, 1, 1)
_days = st.integers(min_value=0, max_value=120).map(lambda n: _DAY0 + dt.timedelta(days=n))
_task = st.tuples(
    st.none() | _days,  # assigned
    st.none() | _days,  # due
    st.none() | _days,  # extended
    st.none() | _days,  # completed
    st.sampled_from(["Phòng Nội vụ", "Phường Trần Phú", "Văn phòng Thành ủy"]),
)


@functools.cache
def _memory_database() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the tables, views and macros of a file, made once for the examples below."""
    con = duckdb.connect()
    tables.define_macros(con)
    migrations.upgrade(con)
    tables.define_views(con)
    return con


def _memory_register(tasks: list[tuple]) -> duckdb.DuckDBPyConnection:
    con = _memory_database()
    con.execute("DELETE FROM tasks")
    con.execute("DELETE FROM units")
    for index, (assigned, due, extended, completed, unit) in enumerate(tasks):
        con.execute(
            "INSERT INTO tasks (batch_id, task_id, unit, unit_key, assigned_date, due_date, extended_due_date, "
            "completed_date) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            [f"T{index}", unit, unit.lower(), assigned, due, extended, completed],
        )
    con.execute("INSERT INTO units SELECT DISTINCT unit_key, unit, 'government', NULL, 'test' FROM tasks")
    return con


def _state(task: tuple, day: dt.date, soon: int = 7) -> str | None:
    """docs/design.md §4.1, written independently of the SQL, for one task on one day."""
    assigned, due, extended, completed, _unit = task
    if assigned is not None and assigned > day:
        return None  # not assigned yet: not counted
    effective = extended or due
    if effective is None:
        return "no_deadline"
    if completed is not None and completed <= day:
        return "done_on_time" if completed <= effective else "done_late"
    if effective < day:
        return "overdue"
    return "due_soon" if effective <= day + dt.timedelta(days=soon) else "on_track"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_task, max_size=25), _days)
def test_sql_agrees_with_the_definitions_on_any_register(tasks, as_of):
    con = _memory_register(tasks)
    view = queries.View(as_of)
    result = queries.counts(con, view)
    states = [_state(t, as_of) for t in tasks]
    for state in ("done_on_time", "done_late", "overdue", "due_soon", "on_track", "no_deadline"):
        assert getattr(result, state) == states.count(state), state
    assert result.total == sum(1 for s in states if s is not None)
    daily = queries.trend(con, view, _DAY0).set_index("day")["overdue"]
    for day, count in daily.items():
        assert count == sum(1 for t in tasks if _state(t, day) == "overdue"), day


def test_the_first_overdue_tasks_are_the_head_of_the_whole_list(sample_store):
    """A short list (the overview's longest-overdue tasks) is read in two steps; it must be the whole list's
    head, column for column, for every unit as for all of them, and inside a caller's transaction too."""
    view = queries.View(dt.date(2023, 10, 25))
    with sample_store.connect() as con:
        whole = queries.overdue_tasks(con, view)
        assert len(whole) == 140
        for limit in (1, 15, 139):
            head = queries.overdue_tasks(con, view, limit=limit)
            assert head.equals(whole.head(limit).reset_index(drop=True))
        unit = whole["unit"].iloc[0]
        mine = whole[whole["unit"] == unit].reset_index(drop=True)
        assert queries.overdue_tasks(con, view, unit, limit=5).equals(mine.head(5))
        con.execute("BEGIN TRANSACTION")
        assert queries.overdue_tasks(con, view, limit=3).equals(whole.head(3))
        con.execute("COMMIT")
