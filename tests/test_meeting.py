"""The meeting room's documents: the period report on a hand-made register and against an independent
implementation, commitments and transfers, ranks and commendation, and the sample's deck and briefings."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import charts, meeting, queries
from tests.builders import SAMPLE_AS_OF, d, load
from tests.test_definitions import _DAY0, _days, _memory_register, _task

HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Ngày giao", "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành",
          "Nguồn", "Số lần chuyển", "Cán bộ phụ trách"]
START, END = d("01/03/2023"), d("31/03/2023")
# The period 01/03–31/03/2023. Expected per row: where the task lands in the report.
REGISTER = [
    ["P1", "Sớm", "Phòng Nội vụ", d("01/02/2023"), d("10/03/2023"), None, d("05/03/2023")],  # carried, early
    ["P2", "Đúng ngày", "Phòng Nội vụ", d("01/02/2023"), d("10/03/2023"), None, d("10/03/2023")],  # carried, on due
    ["P3", "Trễ", "Phòng Nội vụ", d("05/03/2023"), d("10/03/2023"), None, d("12/03/2023")],  # assigned, late
    ["P4", "Gia hạn", "Phòng Nội vụ", d("05/03/2023"), d("10/03/2023"), d("20/03/2023"), d("20/03/2023")],  # on due
    ["P5", "Xong trước kỳ", "Phòng Nội vụ", d("01/02/2023"), d("15/02/2023"), None, d("28/02/2023")],  # not in it
    ["P6", "Còn trễ", "Phòng Nội vụ", d("01/02/2023"), d("20/02/2023"), None, None],  # carried, open overdue
    ["P7", "Còn hạn", "Phòng Nội vụ", d("10/03/2023"), d("15/04/2023"), None, None],  # assigned, open in time
    ["P8", "Hạn cuối kỳ", "Phòng Nội vụ", d("10/03/2023"), d("31/03/2023"), None, None],  # deadline day: in time
    ["P9", "Giao sau kỳ", "Phường Trần Phú", d("01/04/2023"), d("10/04/2023"), None, None],  # not in it
    ["P10", "Không ngày giao", "Phường Trần Phú", None, d("01/03/2023"), None, d("05/04/2023")],  # carried, overdue
    ["P11", "Thường xuyên xong", "Phường Trần Phú", d("01/02/2023"), None, None, d("15/03/2023")],  # no deadline
    ["P12", "Thường xuyên", "Phường Trần Phú", d("20/03/2023"), None, None, None],  # assigned, open no deadline
    ["P13", "Xong ngày đầu kỳ", "Phường Trần Phú", d("01/02/2023"), d("05/03/2023"), None, d("01/03/2023")],  # early
]


@pytest.fixture
def period_register(store):
    report = load(store, [row + [None, None, None] for row in REGISTER], HEADER)
    assert report.rows_loaded == len(REGISTER)
    return store


def _period(store, start=START, end=END, **view) -> dict[str, dict[str, int]]:
    with store.connect() as con:
        frame = queries.period_report(con, queries.View(end, **view), start)
    return {row["unit"]: {c: row[c] for c in queries.PERIOD_COLUMNS} for row in frame.to_dict("records")}


def test_period_report_on_a_hand_made_register(period_register):
    result = _period(period_register)
    assert result["Phòng Nội vụ"] == {
        "carried_over": 3, "assigned": 4, "done_early": 1, "done_on_due": 2, "done_late": 1, "done_no_deadline": 0,
        "open_in_time": 2, "open_overdue": 1, "open_no_deadline": 0,
    }
    assert result["Phường Trần Phú"] == {
        "carried_over": 3, "assigned": 1, "done_early": 1, "done_on_due": 0, "done_late": 0, "done_no_deadline": 1,
        "open_in_time": 0, "open_overdue": 1, "open_no_deadline": 1,
    }


def test_period_start_after_end_is_refused(period_register):
    with period_register.connect() as con, pytest.raises(ValueError):
        queries.period_report(con, queries.View(START), END)


def test_period_document_has_block_subtotals_and_a_grand_total(period_register):
    ctx = meeting.Context(queries.View(END), snapshot=d("31/12/2023"), today=d("01/04/2023"))
    with period_register.connect() as con:
        document = meeting.build_period(con, ctx, START)
    table = document.section("period").table
    rows = {row[1]: row for row in table.rows}
    assert rows["Chính quyền (sở, phòng, ban)"][:2] == ("I", "Chính quyền (sở, phòng, ban)")
    assert rows["Chính quyền (sở, phòng, ban)"][2:] == (3, 4, 7, 1, 2, 1, 0, 2, 1, 0)
    assert rows["Xã, phường, thị trấn"][0] == "II"
    assert rows["Tổng cộng"][2:] == (6, 5, 11, 2, 2, 1, 1, 2, 2, 1)
    assert {table.rows.index(rows[k]) for k in ("Chính quyền (sở, phòng, ban)", "Tổng cộng")} <= table.emphasis
    assert sum(span for _label, span in table.groups) == len(table.columns)
    assert "Kỳ báo cáo: từ ngày 01/03/2023 đến ngày 31/03/2023" in document.context


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_task, max_size=25), _days, st.integers(min_value=0, max_value=60))
def test_period_report_agrees_with_an_independent_implementation(tasks, end, length):
    start = max(_DAY0, end - dt.timedelta(days=length))
    con = _memory_register(tasks)
    frame = queries.period_report(con, queries.View(end), start)
    got = {row["unit"]: {c: row[c] for c in queries.PERIOD_COLUMNS} for row in frame.to_dict("records")}
    expected: dict[str, dict[str, int]] = {}
    for assigned, due, extended, completed, unit in tasks:
        if assigned is not None and assigned > end:
            continue  # not yet assigned at the end of the period
        if completed is not None and completed < start:
            continue  # finished before the period began
        row = expected.setdefault(unit, dict.fromkeys(queries.PERIOD_COLUMNS, 0))
        row["carried_over" if assigned is None or assigned < start else "assigned"] += 1
        effective = extended or due
        if completed is not None and completed <= end:
            if effective is None:
                row["done_no_deadline"] += 1
            else:
                row["done_early" if completed < effective else "done_on_due" if completed == effective
                    else "done_late"] += 1
        elif effective is None:
            row["open_no_deadline"] += 1
        else:
            row["open_overdue" if effective < end else "open_in_time"] += 1
    assert got == expected
    for row in got.values():  # the form's own check: carried + assigned = completed + open
        assert row["carried_over"] + row["assigned"] == sum(
            v for k, v in row.items() if k not in ("carried_over", "assigned"))


def test_the_sample_period_report(sample_store):
    with sample_store.connect() as con:
        frame = queries.period_report(con, queries.View(SAMPLE_AS_OF), d("01/10/2023"))
    totals = {c: int(frame[c].sum()) for c in queries.PERIOD_COLUMNS}
    assert totals == {"carried_over": 457, "assigned": 147, "done_early": 106, "done_on_due": 6, "done_late": 86,
                      "done_no_deadline": 3, "open_in_time": 172, "open_overdue": 140, "open_no_deadline": 91}
    assert totals["open_overdue"] == 140  # the same 140 as the overview: one definition


# --- commitments, transfers and extensions -----------------------------------------------------------------

def test_commitments_match_origins_whatever_the_spelling(store):
    rows = [
        ["C1", "Trả lời chất vấn", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, "Chất vấn HĐND"],
        ["C2", "Sau đối thoại", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, d("15/01/2023"),
         "ĐỐI THOẠI với cán bộ"],
        ["C3", "Không dấu", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, "chat van HDND"],
        ["C4", "English", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, "Questioning session"],
        ["N1", "Chỉ đạo", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, "Chỉ đạo, điều hành"],
        ["N2", "Kiến nghị", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, "Kiến nghị cử tri"],
        ["N3", "Không nguồn", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, None],
    ]
    load(store, [r + [None, None] for r in rows], HEADER)
    with store.connect() as con:
        found = queries.commitments(con, queries.View(d("01/03/2023")))
    assert sorted(found["task_id"]) == ["C1", "C2", "C3", "C4"]
    assert found.set_index("task_id").loc["C2", "state"] == "done_on_time"
    assert list(found["task_id"])[:1] != ["C2"]  # the overdue ones come first


def test_changed_hands_are_transfers_and_extensions(store):
    rows = [
        ["M1", "Chuyển 2 lần", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, None, 2],
        ["M2", "Gia hạn", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), d("01/04/2023"), None, None, 0],
        ["M3", "Chuyển 1 lần", "Phường Trần Phú", d("01/01/2023"), d("01/02/2023"), None, None, None, 1],
        ["M4", "Không đổi", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, None, 0],
        ["M5", "Không ghi", "Phòng Nội vụ", d("01/01/2023"), d("01/02/2023"), None, None, None, None],
    ]
    load(store, [r + [None] for r in rows], HEADER)
    with store.connect() as con:
        everyone = queries.changed_hands(con, queries.View(d("01/03/2023")))
        one = queries.changed_hands(con, queries.View(d("01/03/2023"), queries.Filters(units=("Phòng Nội vụ",))))
    assert list(everyone["task_id"]) == ["M1", "M3", "M2"]  # most transfers first
    assert list(one["task_id"]) == ["M1", "M2"]


# --- ranks and commendation ----------------------------------------------------------------------------------

def test_commendation_needs_enough_tasks_and_breaks_ties_by_volume():
    import pandas as pd

    units = pd.DataFrame([
        # unit, block, done_on_time, done_late, overdue
        ("A 1/1", "commune", 1, 0, 0),  # 100% but 1 task: too few
        ("B 10/10", "commune", 10, 0, 0),
        ("C 20/20", "government", 20, 0, 0),  # the same 100%, more tasks: first
        ("D 9/10", "commune", 9, 1, 0),
        ("E 5/10", "commune", 5, 2, 3),
    ], columns=["unit", "block", "done_on_time", "done_late", "overdue"])
    best = meeting.commendable(units, minimum=10, top=3)
    assert list(best["unit"]) == ["C 20/20", "B 10/10", "D 9/10"]
    assert list(best["rate"]) == [1.0, 1.0, 0.9]


# --- the sample's documents ------------------------------------------------------------------------------------

def _context(lang="vi", **view):
    return meeting.Context(queries.View(SAMPLE_AS_OF, **view), snapshot=SAMPLE_AS_OF, lang=lang,
                           compare=d("18/10/2023"), sample=True, today=d("22/11/2026"))


def test_sample_deck(sample_store):
    with sample_store.connect() as con:
        deck = meeting.build_deck(con, _context())
    assert [s.key for s in deck.sections] == ["headline", "by_block", "departments", "communes", "trend", "longest",
                                              "commend"]
    headline = deck.section("headline")
    assert headline.headline == "140 nhiệm vụ trễ hạn tính đến 25/10/2023"
    assert headline.lines == ("Giảm 14 so với ngày 18/10/2023 (154)",)
    assert [f.value for f in headline.figures] == ["1.600", "62,0%", "22", "128"]
    assert deck.context[:4] == ("Số liệu tính đến ngày 25/10/2023", "Ngày chốt dữ liệu (bản xuất mới nhất): 25/10/2023",
                                "So sánh với ngày 18/10/2023", "Bộ lọc: không (toàn bộ dữ liệu)")
    assert "Lưu ý: đây là DỮ LIỆU MẪU giả lập, không phải số liệu thật." in deck.context
    block_bars = deck.section("by_block").chart.data[0]
    assert dict(zip(block_bars.customdata, block_bars.x, strict=True)) == {
        "government": 60, "commune": 58, "mass_org": 8, "party": 7, "other": 7}
    communes = deck.section("communes").chart
    assert len(communes.data[0].y) == meeting.DECK_TOP_UNITS  # the top 10 of 17 wards and communes
    assert communes.data[-1].y[-1] == "Phường Nghĩa Lộ"  # the most overdue, drawn on top
    trend = deck.section("trend").chart.data[0]
    assert (trend.y[0], trend.y[-1]) == (154, 140)
    longest = deck.section("longest").table
    assert len(longest.rows) == meeting.DECK_LONGEST
    assert longest.rows[0][2] == 237 and longest.rows[0][0] == "Công an thành phố"
    commend = deck.section("commend").chart.data[0]
    assert commend.y[-1] == "Xã Tịnh Khê" and commend.text[-1] == "86,7% (13/15)"
    for figure in deck.charts():  # projector rule: no chart text under 20 px
        assert charts.smallest_font(figure) >= 20


def test_deck_follows_filters_and_language(sample_store):
    with sample_store.connect() as con:
        deck = meeting.build_deck(con, _context("en", filters=queries.Filters(blocks=("commune",))))
    assert deck.section("headline").headline == "58 overdue tasks as of 25/10/2023"
    assert "Filters: Block: Wards, communes and towns" in deck.context or any(
        line.startswith("Filters: ") and "commune" in line.lower() for line in deck.context)
    assert deck.section("departments").chart is None and deck.section("departments").empty


def test_commendation_minimum_is_a_parameter(sample_store):
    with sample_store.connect() as con:
        deck = meeting.build_deck(con, _context(), min_tasks=10_000)
    commend = deck.section("commend")
    assert commend.chart is None and "10000" in commend.empty.replace(".", "")


def test_briefing_for_one_ward(sample_store):
    with sample_store.connect() as con:
        brief = meeting.build_briefing(con, _context(), "Phường Nghĩa Lộ")
    figures = brief.section("figures")
    assert {f.label: f.value for f in figures.figures}["Trễ hạn"] == "11"
    assert "Số nhiệm vụ trễ hạn xếp thứ 1/23 trong các xã, phường, thị trấn (thứ 1 là nhiều nhất)." in figures.lines
    assert "Không đổi so với ngày 18/10/2023 (11)" in figures.lines
    overdue = brief.section("overdue").table
    assert len(overdue.rows) == 11
    assert "Cán bộ phụ trách" in [c.label for c in overdue.columns]
    assert all(row[-1] for row in overdue.rows)  # every overdue task says why, or that no cause was recorded
    assert len(brief.section("changed").table.rows) == 21
    commitments = brief.section("commitments")
    assert len(commitments.table.rows) == 6
    assert commitments.lines == ("Đã hoàn thành 5, đang trễ hạn 1, trên tổng số 6 cam kết.",)


def test_briefing_can_hide_officers_names(sample_store):
    with sample_store.connect() as con:
        brief = meeting.build_briefing(con, _context(), "Phường Nghĩa Lộ", hide_names=True)
        officers = set(queries.overdue_tasks(con, queries.View(SAMPLE_AS_OF), "Phường Nghĩa Lộ")["assignee"].dropna())
    assert officers
    for section in brief.sections:
        if section.table is not None:
            assert "Cán bộ phụ trách" not in [c.label for c in section.table.columns]
            assert not officers & {cell for row in section.table.rows for cell in row}
    assert "Tên cán bộ phụ trách đã được ẩn." in brief.context


def test_briefing_for_everyone(sample_store):
    with sample_store.connect() as con:
        brief = meeting.build_briefing(con, _context(), None)
    assert brief.title.startswith("Tài liệu chuẩn bị đối thoại, chất vấn: Toàn bộ các đơn vị")
    assert len(brief.section("overdue").table.rows) == 140
    assert len(brief.section("commitments").table.rows) == 153
    by_block = {row[0]: row[2] for row in brief.section("figures").table.rows}
    assert by_block["Chính quyền (sở, phòng, ban)"] == 60
    causes = brief.section("causes").table.rows
    assert sum(n for _cause, n in causes) == 140


def test_context_warns_after_the_snapshot():
    ctx = meeting.Context(queries.View(d("30/10/2023")), snapshot=SAMPLE_AS_OF, today=d("22/11/2026"))
    assert any("25/10/2023" in line and "30/10/2023" in line for line in ctx.lines()[2:])


def test_every_page_footer_names_the_filters():
    plain = meeting.Context(queries.View(SAMPLE_AS_OF), snapshot=SAMPLE_AS_OF)
    assert plain.footer() == "Đôn đốc · số liệu tính đến 25/10/2023 · dữ liệu chốt 25/10/2023"
    filtered = meeting.Context(queries.View(SAMPLE_AS_OF, queries.Filters(fields=("Đất đai",))), snapshot=SAMPLE_AS_OF)
    assert filtered.footer().endswith("· Bộ lọc: Lĩnh vực: Đất đai")


def test_task_lists_never_show_a_completion_after_the_as_of_day(sample_store):
    as_of = d("30/06/2023")
    with sample_store.connect() as con:
        promised = queries.commitments(con, queries.View(as_of))
        brief = meeting.build_briefing(con, meeting.Context(queries.View(as_of), SAMPLE_AS_OF, today=as_of), None)
    assert (promised["completed_date"].dropna() <= as_of).all()
    overdue = promised[promised["state"] == "overdue"]
    assert len(overdue) and overdue["completed_date"].isna().all()  # overdue on 30/06: not done by then
    done = int(promised["completed_date"].notna().sum())
    assert brief.section("commitments").lines[0].startswith(f"Đã hoàn thành {done},")


def test_done_commitments_include_those_without_a_deadline(sample_store):
    with sample_store.connect() as con:
        promised = queries.commitments(con, queries.View(SAMPLE_AS_OF))
        brief = meeting.build_briefing(con, _context(), None)
    done_without_deadline = int(((promised["state"] == "no_deadline") & promised["completed_date"].notna()).sum())
    done = int(promised["state"].isin(["done_on_time", "done_late"]).sum()) + done_without_deadline
    assert done_without_deadline > 0
    assert brief.section("commitments").lines == (f"Đã hoàn thành {done}, đang trễ hạn 9, trên tổng số 153 cam kết.",)


def test_a_unit_briefing_under_a_unit_filter_ranks_among_all_and_says_which_unit(sample_store):
    ctx = _context(filters=queries.Filters(units=("Phường Nghĩa Lộ", "Phường Trần Phú")))
    with sample_store.connect() as con:
        brief = meeting.build_briefing(con, ctx, "Phường Trần Phú")
        alone = meeting.build_briefing(con, _context(), "Phường Trần Phú")
    assert brief.section("figures").lines == alone.section("figures").lines  # the rank among all 23
    assert any(line.endswith("/23 trong các xã, phường, thị trấn (thứ 1 là nhiều nhất).")
               for line in brief.section("figures").lines)
    assert "Bộ lọc: Đơn vị chủ trì: Phường Trần Phú" in brief.context
    assert brief.footer.endswith("Bộ lọc: Đơn vị chủ trì: Phường Trần Phú")


def test_a_unit_with_nothing_on_time_is_never_commended():
    import pandas as pd

    units = pd.DataFrame([("Chưa đúng hạn việc nào", "commune", 0, 5, 7)],
                         columns=["unit", "block", "done_on_time", "done_late", "overdue"])
    assert meeting.commendable(units, minimum=1).empty


def test_long_unit_names_are_cut_on_the_axis_and_whole_on_hover():
    import pandas as pd

    name = "Ban Quản lý dự án " + "đầu tư xây dựng các công trình dân dụng và công nghiệp " * 4
    frame = pd.DataFrame({"unit": [name], "bucket": ["1-7"], "overdue": [3]})
    fig = charts.overdue_by_unit(frame, "", {}, "")
    assert len(fig.data[0].y[0]) == charts.LABEL_CHARS and fig.data[0].y[0].endswith("…")
    assert fig.data[0].hovertext[0] == name and fig.data[0].customdata[0] == name


def test_context_warns_when_the_comparison_day_is_not_before_the_as_of_day():
    ctx = meeting.Context(queries.View(SAMPLE_AS_OF), snapshot=SAMPLE_AS_OF, compare=d("01/11/2023"))
    assert any("01/11/2023" in line and "ngược chiều" in line for line in ctx.lines())
    assert not any("ngược chiều" in line for line in _context().lines())
