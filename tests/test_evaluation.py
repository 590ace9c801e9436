"""Quantity and progress of the work due in a period (analytics.evaluation, Nghị định 335/2025/NĐ-CP), exact on a
small register, and against an independent reading of the definitions for any register.

October 2026, as of 30/11/2026 (officer An of Phòng Nội vụ, officer Bình of Phường Nghĩa Lộ):
E1 An   due 31/10 (the period's last day), done 31/10      -> on time
E2 An   due 31/10, done 01/11 (the day after)              -> not done in October
E3 An   due 15/10, done 20/10, cause "... khách quan"      -> late, objective (the default rules)
E4 An   due 10/10, done 12/10, cause "cán bộ chậm tham mưu" -> late, not objective
E5 An   due 30/09 extended to 05/10, done 04/10            -> due in October (the extension), on time
E6 An   due 20/10 extended to 05/11, open                  -> not due in October (the extension)
E7 An   no deadline, open                                  -> no_deadline
E8 Bình due 01/10, open                                    -> not done
An: due 5, on time 2, late 2 (1 objective), not done 1: quantity 80.0%, progress (2 + 1 + 0.75) / 5 = 75.0%.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import evaluation, queries
from analytics.access import Access
from analytics.importer import import_file
from analytics.text import unit_key
from tests.builders import csv_bytes, d, new_store
from tests.test_cli import run

HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Hạn xử lý", "Gia hạn đến",
          "Ngày hoàn thành", "Ngày giao", "Nguyên nhân chậm"]
REGISTER = [
    ["E1", "Báo cáo tháng", "Phòng Nội vụ", "Nguyễn Văn An", "31/10/2026", "", "31/10/2026", "01/10/2026", ""],
    ["E2", "Tổng hợp thi đua", "Phòng Nội vụ", "Nguyễn Văn An", "31/10/2026", "", "01/11/2026", "01/10/2026", ""],
    ["E3", "Đề án vị trí việc làm", "Phòng Nội vụ", "Nguyễn Văn An", "15/10/2026", "", "20/10/2026", "01/09/2026",
     "Chờ văn bản hướng dẫn (lý do khách quan)"],
    ["E4", "Tuyển dụng viên chức", "Phòng Nội vụ", "Nguyễn Văn An", "10/10/2026", "", "12/10/2026", "01/09/2026",
     "Cán bộ chậm tham mưu"],
    ["E5", "Rà soát biên chế", "Phòng Nội vụ", "Nguyễn Văn An", "30/09/2026", "05/10/2026", "04/10/2026",
     "01/09/2026", ""],
    ["E6", "Sắp xếp tổ chức", "Phòng Nội vụ", "Nguyễn Văn An", "20/10/2026", "05/11/2026", "", "01/09/2026", ""],
    ["E7", "Theo dõi kỷ luật", "Phòng Nội vụ", "Nguyễn Văn An", "Thường xuyên", "", "", "01/01/2026", ""],
    ["E8", "Rà soát hộ nghèo", "Phường Nghĩa Lộ", "Trần Thị Bình", "01/10/2026", "", "", "01/09/2026", ""],
]
AS_OF = d("30/11/2026")
AN = {"key": "Nguyễn Văn An", "due": 5, "on_time": 2, "late": 2, "late_objective": 1, "not_done": 1,
      "no_deadline": 1, "quantity_pct": 80.0, "progress_pct": 75.0}
BINH = {"key": "Trần Thị Bình", "due": 1, "on_time": 0, "late": 0, "late_objective": 0, "not_done": 1,
        "no_deadline": 0, "quantity_pct": 0.0, "progress_pct": 0.0}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = new_store(tmp_path_factory.mktemp("evaluation") / "dondoc.duckdb")
    import_file(store, csv_bytes([HEADER, *REGISTER]), "so.csv", snapshot_date=AS_OF)
    return store


def evaluated(store, period: str, by: str = "officer", cutoff_day: int = 1, **view) -> list[dict]:
    with store.connect() as con:
        frame = evaluation.evaluate(con, queries.View(view.pop("as_of", AS_OF), **view),
                                    evaluation.parse_period(period, cutoff_day), by)
    return evaluation.as_records(frame)


def test_the_month_as_the_definitions_count_it(store):
    assert evaluated(store, "2026-10") == [AN, BINH]


def test_by_unit(store):
    assert [(r["key"], r["due"], r["progress_pct"]) for r in evaluated(store, "2026-10", "unit")] == [
        ("Phòng Nội vụ", 5, 75.0), ("Phường Nghĩa Lộ", 1, 0.0)]


def test_the_reporting_regimes_cut_off_day(store):
    # 15/09 - 14/10: E4 (late, not objective) and E5 (on time) for An; E8 for Bình
    assert evaluated(store, "2026-10", cutoff_day=15)[0] == {
        **AN, "due": 2, "on_time": 1, "late": 1, "late_objective": 0, "not_done": 0, "quantity_pct": 100.0,
        "progress_pct": 87.5}


def test_a_period_still_running_is_judged_on_the_as_of_day(store):
    # on 20/10 E1 and E2 are not done yet, E3 was done that day (late)
    an = evaluated(store, "2026-10", as_of=d("20/10/2026"))[0]
    assert (an["due"], an["on_time"], an["late"], an["not_done"]) == (5, 1, 2, 2)


def test_a_quarter_a_half_year_nine_months_and_the_year(store):
    for period in ("2026-Q4", "2026-H2", "2026"):
        assert evaluated(store, period)[0]["due"] == 6  # E6's extended deadline, 05/11, is in these too
    assert evaluated(store, "2026-9M")[0]["due"] == 0


def test_an_empty_period_and_a_unit_account(store):
    assert evaluated(store, "2025-01") == []
    account = Access("unit", (unit_key("Phường Nghĩa Lộ"),), "nghia-lo")
    assert evaluated(store, "2026-10", access=account) == [BINH]


def test_malformed_periods():
    for bad in ("2026-13", "26-10", "2026-Q5", "tháng 10"):
        with pytest.raises(ValueError):
            evaluation.parse_period(bad)
    with pytest.raises(ValueError):
        evaluation.parse_period("2026-10", cutoff_day=31)


def test_the_command_line(store, tmp_path):
    done = run("evaluate", "--period", "2026-10", "--as-of", "2026-11-30", "--json", db=store.path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [AN, BINH]
    human = run("evaluate", "--period", "2026-10", "--as-of", "2026-11-30", db=store.path)
    assert "Nguyễn Văn An: 5 việc đến hạn, 2 đúng hạn, 2 trễ hạn (1 khách quan), 1 chưa xong" in human.stdout
    assert "số lượng 80,0%, tiến độ 75,0%" in human.stdout
    bad = run("evaluate", "--period", "2026-13", db=store.path)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


# --- any register: the definitions read again, independently, in Python -------------------------------------

OCTOBER = (d("01/10/2026"), d("31/10/2026"))
days = st.integers(min_value=-20, max_value=60).map(lambda n: d("20/09/2026") + dt.timedelta(days=n))
task = st.tuples(st.sampled_from(["Lê An", "Võ Bình"]), days, st.one_of(st.none(), days),
                 st.one_of(st.none(), days), st.sampled_from(["", "Vướng giải phóng mặt bằng", "Cán bộ chủ quan"]))


def expected(tasks, as_of: dt.date) -> dict[str, dict]:
    start, end = OCTOBER
    judged = min(end, as_of)
    result: dict[str, dict] = {}
    for officer, due, extended, done, cause in tasks:
        effective = extended or due
        if not start <= effective <= end:
            continue
        row = result.setdefault(officer, {c: 0 for c in ("due", "on_time", "late", "late_objective", "not_done")})
        row["due"] += 1
        if done is not None and done <= judged and done <= effective:
            row["on_time"] += 1
        elif done is not None and done <= judged:
            row["late"] += 1
            row["late_objective"] += cause == "Vướng giải phóng mặt bằng"
        else:
            row["not_done"] += 1
    return result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tasks=st.lists(task, min_size=1, max_size=12), as_of=st.sampled_from([d("15/10/2026"), d("30/11/2026")]))
def test_any_register_as_the_definitions_read_in_python(tmp_path_factory, tasks, as_of):
    store = new_store(tmp_path_factory.mktemp("any") / "dondoc.duckdb")
    rows = [[f"H{i}", "Việc", "Phòng Nội vụ", officer, due.strftime("%d/%m/%Y"),
             extended.strftime("%d/%m/%Y") if extended else "", done.strftime("%d/%m/%Y") if done else "",
             "01/09/2026", cause] for i, (officer, due, extended, done, cause) in enumerate(tasks)]
    import_file(store, csv_bytes([HEADER, *rows]), "so.csv", snapshot_date=d("30/11/2026"))
    got = {r["key"]: {c: r[c] for c in ("due", "on_time", "late", "late_objective", "not_done")}
           for r in evaluated(store, "2026-10", as_of=as_of) if r["due"]}
    assert got == expected(tasks, as_of)


def test_the_tasks_behind_the_deductions(store):
    with store.connect() as con:
        frame = evaluation.behind(con, queries.View(AS_OF), evaluation.parse_period("2026-10"), "officer",
                                  "Nguyễn Văn An")
    assert frame[["task_id", "days_late", "objective"]].astype(object).where(frame.notna(), None).values.tolist() == [
        ["E3", 5, True], ["E4", 2, False], ["E2", None, False]]
    assert frame["completed_date"].tolist()[:2] == [d("20/10/2026"), d("12/10/2026")]


def test_the_periods_a_page_offers():
    assert evaluation.recent_periods(d("30/11/2026"), months=3, quarters=2) == [
        "2026-11", "2026-10", "2026-09", "2026-Q4", "2026-Q3", "2026", "2025"]
    assert evaluation.recent_periods(d("15/01/2026"), months=2, quarters=2)[:4] == [
        "2026-01", "2025-12", "2026-Q1", "2025-Q4"]


def test_the_periods_a_trend_shows():
    assert evaluation.earlier_periods("2026-02") == ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]
    assert evaluation.earlier_periods("2026-q2") == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert evaluation.earlier_periods("2026") == ["2024", "2025", "2026"]
    assert evaluation.earlier_periods("2026-H1") == ["2026-H1"]


def test_the_trend_is_each_periods_evaluation(store):
    with store.connect() as con:
        history = evaluation.trend(con, queries.View(AS_OF), ["2026-09", "2026-10"], "officer")
    an = history[history["key"] == "Nguyễn Văn An"].set_index("period")
    assert (int(an.loc["2026-09", "due"]), int(an.loc["2026-10", "due"])) == (0, 5)
    assert an.loc["2026-10", "progress_pct"] == 75.0
