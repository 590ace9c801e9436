"""The meeting-room pages on the bundled sample (snapshot 25/10/2023, comparison 18/10/2023): the slide deck
(Trình chiếu), the briefing for a dialogue or questioning session, and the period report.

Most tests open a page as a link would (`open_page`: app.py runs with the page chosen and the link's URL
parameters); test_reached_from_the_overview follows the top navigation instead. Slides are drawn with st.html:
AppTest shows each call as an Html element whose `proto.body` is the HTML. Widgets bound to the URL
(bind="query-params") have the browser write their value to the address, so AppTest's query_params show only
what the script wrote itself (the slide number, presenting); the browser tests check the rest. The download
buttons are only looked at here (a click would draw charts in Chromium; test_meeting_browser.py clicks them).
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from analytics import meeting, queries
from analytics.images import browser_available
from analytics.store import Store
from tests.app.helpers import metric, new_app, no_exception, texts, unescape
from tests.builders import SAMPLE_AS_OF

PRESENT = "pages/present.py"
BRIEFING = "pages/briefing.py"
PERIOD = "pages/period.py"
SLIDES = 7
UNIT = "Phường Nghĩa Lộ"
HEADLINE = "140 nhiệm vụ trễ hạn tính đến 25/10/2023"
SLIDE_TITLES = {
    1: "Tình hình thực hiện nhiệm vụ — đến 25/10/2023",
    2: "Nhiệm vụ trễ hạn theo khối — đến 25/10/2023",
    3: f"{meeting.DECK_TOP_UNITS} sở, phòng, ban trễ hạn nhiều nhất — đến 25/10/2023",
    4: f"{meeting.DECK_TOP_UNITS} xã, phường trễ hạn nhiều nhất — đến 25/10/2023",
    5: "Số nhiệm vụ trễ hạn từng ngày, 18/10/2023 – 25/10/2023",
    6: f"{meeting.DECK_LONGEST} nhiệm vụ trễ hạn lâu nhất và nguyên nhân — đến 25/10/2023",
    7: "Biểu dương: đơn vị có tỷ lệ đúng hạn cao nhất — đến 25/10/2023",
}
DOWNLOADS = {  # the download buttons of each page, in order
    "deck": ["Tải PowerPoint", "Tải PDF (in A4)"],
    "briefing": ["Tải PDF (in A4)", "Tải bảng (.xlsx)"],
    "period": ["Tải bảng (.xlsx)", "Tải PDF (in A4)"],
}
OVERDUE = "Nhiệm vụ trễ hạn ("  # the heading of the briefing's overdue tasks
# The period report's grand total, 01/10/2023–25/10/2023: carried over, assigned, total, done early / on the
# due day / late / without deadline, open in time / overdue / without deadline.
PERIOD_TOTAL = [457, 147, 604, 106, 6, 86, 3, 172, 140, 91]


def open_page(page: str, **query: str | list[str]):
    """A link to `page` with these URL parameters opened in a new browser tab (a new session).

    Switching before the first run picks the page by its file name, which is also its URL path here. (Running
    the overview first and then switching would not do for URL parameters: the sidebar filters of a link are
    dropped when the session moves to another page; see test_meeting_browser.py.)
    """
    at = new_app(**query).switch_page(page).run()
    no_exception(at)
    return at


def url(at, key: str) -> list[str]:
    """The values of one URL query parameter after the run (none: an empty list)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def bound_to_url(widget) -> str:
    """The URL parameter a widget is bound to (bind="query-params"): the browser, not the script, writes the
    widget's value there, so AppTest's query_params do not show it; the browser test checks the address."""
    return widget.proto.query_param_key


def html_bodies(at) -> list[str]:
    """What the page drew with st.html (the slide), style sheets left out."""
    return [e.proto.body for e in at.get("html") if not e.proto.body.lstrip().startswith("<style")]


def slide_html(at) -> str:
    return "\n".join(html_bodies(at))


def slide_title(at) -> str:
    titles = [body for body in html_bodies(at) if 'class="dd-slide-title"' in body]
    assert len(titles) == 1, html_bodies(at)
    return titles[0].split(">", 1)[1].rsplit("</div>", 1)[0]


def slide_number(at) -> int:
    footers = [body for body in html_bodies(at) if 'class="dd-footer"' in body]
    assert len(footers) == 1, html_bodies(at)
    shown = footers[0].rsplit("· ", 1)[1].split("/")[0]
    assert at.selectbox(key="slide").value == int(shown) - 1
    return int(shown)


def chart_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def commended_units(at) -> list[str]:
    """The units on the commendation slide's chart, best first (Plotly draws the first bar at the bottom)."""
    specs = chart_specs(at)
    assert len(specs) == 1
    return list(reversed(specs[0]["data"][0]["y"]))


def download_labels(at) -> list[str]:
    return [button.label for button in at.get("download_button")]


def assert_downloads(at, kind: str) -> None:
    """The page offers its document in each format (a deck's files need Chromium for the charts' images:
    without it the page says so and offers nothing)."""
    if kind == "deck" and not browser_available():
        assert download_labels(at) == []
        assert any(text.startswith("Không vẽ được biểu đồ") for text in texts(at.caption))
    else:
        assert download_labels(at) == DOWNLOADS[kind]
        assert all(button.key.startswith(f"download_{kind}_") for button in at.get("download_button"))


def expected_commended(store: Store, minimum: int) -> list[str]:
    """The commendation computed from the sample without the deck: the best on-time rates (done on time over
    tasks that came due) among units with at least `minimum` tasks that came due; ties to more done on time."""
    with store.connect() as con:
        units = queries.unit_states(con, queries.View(SAMPLE_AS_OF))
    rows = []
    for row in units.to_dict("records"):
        came_due = int(row["done_on_time"] + row["done_late"] + row["overdue"])
        if came_due >= minimum:
            rows.append((-row["done_on_time"] / came_due, -int(row["done_on_time"]), row["unit"]))
    return [unit for _, _, unit in sorted(rows)[: meeting.COMMEND_UNITS]]


def grand_total(frame: pd.DataFrame) -> list[int]:
    """The numbers of the period table's "Tổng cộng" row, which closes the table."""
    names = frame.iloc[:, 1].tolist()
    assert names.count("Tổng cộng") == 1 and names[-1] == "Tổng cộng", names
    return [int(v) for v in frame.iloc[-1, 2:]]


def period_table(at) -> pd.DataFrame:
    """The period report's one table."""
    assert len(at.dataframe) == 1, [frame.value.columns[:3].tolist() for frame in at.dataframe]
    return at.dataframe[0].value


def period_expected(store: Store, start: dt.date, filters: queries.Filters = queries.Filters()) -> list[int]:
    """The grand total straight from the period query (the report adds the total column)."""
    with store.connect() as con:
        frame = queries.period_report(con, queries.View(SAMPLE_AS_OF, filters), start)
    sums = [int(frame[c].sum()) for c in queries.PERIOD_COLUMNS]
    return [sums[0], sums[1], sums[0] + sums[1], *sums[2:]]


# --- Trình chiếu ----------------------------------------------------------------------------------------------

@pytest.mark.usefixtures("sample_app_db")
class TestPresent:
    def test_first_slide(self):
        at = open_page(PRESENT)
        assert [t.value for t in at.title] == ["Trình chiếu"]
        assert slide_title(at) == SLIDE_TITLES[1]
        assert slide_number(at) == 1
        slide = slide_html(at)
        assert f'<div class="dd-headline">{HEADLINE}</div>' in slide
        assert "Giảm 14 so với ngày 18/10/2023 (154)" in slide
        assert '<div class="value">1.600</div>' in slide
        assert '<div class="value">62,0%</div>' in slide
        assert '<div class="value">22</div>' in slide  # due within 7 days
        assert '<div class="value">128</div>' in slide  # no deadline
        assert "Đôn đốc · số liệu tính đến 25/10/2023 · dữ liệu chốt 25/10/2023 · 1/7" in slide
        assert url(at, "slide") == ["1"]
        assert [b.key for b in at.button] == ["previous", "next", "present_start"]
        assert len(at.selectbox(key="slide").options) == SLIDES
        assert_downloads(at, "deck")

    def test_next_moves_to_slide_two(self):
        at = open_page(PRESENT)
        at.button(key="next").click().run()
        no_exception(at)
        assert slide_number(at) == 2
        assert slide_title(at) == SLIDE_TITLES[2]
        assert url(at, "slide") == ["2"]
        assert HEADLINE not in slide_html(at)
        assert len(at.get("plotly_chart")) == 1
        at.button(key="next").click().run()
        assert slide_number(at) == 3
        assert url(at, "slide") == ["3"]

    def test_every_slide_in_turn(self):
        at = open_page(PRESENT)
        seen = {}
        for number in range(1, SLIDES + 1):
            assert slide_number(at) == number
            assert url(at, "slide") == [str(number)]
            assert f"· {number}/{SLIDES}</div>" in slide_html(at)
            seen[number] = slide_title(at)
            at.button(key="next").click().run()
            no_exception(at)
        assert slide_number(at) == 1  # past the last slide: the first again
        assert seen == SLIDE_TITLES
        assert [option.split(". ", 1)[1] for option in at.selectbox(key="slide").options] == list(
            SLIDE_TITLES.values())

    def test_previous_from_the_first_slide_wraps_to_the_last(self):
        at = open_page(PRESENT)
        at.button(key="previous").click().run()
        no_exception(at)
        assert slide_number(at) == SLIDES
        assert slide_title(at) == SLIDE_TITLES[7]
        assert url(at, "slide") == ["7"]
        at.button(key="next").click().run()  # and forward again, past the end, to the first
        assert slide_number(at) == 1
        assert url(at, "slide") == ["1"]

    def test_jump_to_the_longest_overdue(self):
        at = open_page(PRESENT)
        at.selectbox(key="slide").set_value(5).run()
        no_exception(at)
        assert slide_number(at) == 6
        assert slide_title(at) == SLIDE_TITLES[6]
        slide = slide_html(at)
        assert '<table class="dd-table">' in slide
        assert "<td>Công an thành phố</td>" in slide
        assert '<td class="num">237</td>' in slide
        assert slide.count("<tr>") == 1 + meeting.DECK_LONGEST  # the header and the tasks
        assert url(at, "slide") == ["6"]

    def test_link_to_the_commendation_slide(self):
        at = open_page(PRESENT, slide="7")
        assert slide_number(at) == 7
        assert slide_title(at) == SLIDE_TITLES[7]
        assert "Xét các đơn vị có từ 10 nhiệm vụ đã đến hạn trở lên." in slide_html(at)
        units = commended_units(at)
        assert units[0] == "Xã Tịnh Khê"
        labels = list(reversed(chart_specs(at)[0]["data"][0]["text"]))
        assert labels[0] == "86,7% (13/15)"

    @pytest.mark.parametrize("wanted", ["99", "abc", "0", "-3", ""])
    def test_a_bad_slide_number_opens_the_first(self, wanted):
        at = open_page(PRESENT, slide=wanted)
        assert slide_number(at) == 1
        assert f'<div class="dd-headline">{HEADLINE}</div>' in slide_html(at)
        assert url(at, "slide") == ["1"]

    def test_presenting_from_a_link(self):
        at = open_page(PRESENT, show="1", slide="2")
        assert not at.title
        assert not at.get("download_button")
        assert slide_number(at) == 2
        assert [b.key for b in at.button] == ["previous", "next", "exit"]
        assert at.button(key="exit").label == "Thoát trình chiếu"
        styles = [e.proto.body for e in at.get("html") if '[data-testid="stSidebar"]' in e.proto.body]
        assert len(styles) == 1 and "display: none" in styles[0]  # the presenting style sheet hides the sidebar
        at.button(key="exit").click().run()
        no_exception(at)
        assert [t.value for t in at.title] == ["Trình chiếu"]
        assert "show" not in at.query_params
        assert slide_number(at) == 2

    def test_start_presenting(self):
        at = open_page(PRESENT)
        at.selectbox(key="slide").set_value(2).run()
        at.button(key="present_start").click().run()
        no_exception(at)
        assert not at.title
        assert url(at, "show") == ["1"]
        assert [b.label for b in at.button if b.key == "exit"] == ["Thoát trình chiếu"]
        assert slide_number(at) == 3  # the slide stays
        at.button(key="next").click().run()
        assert slide_number(at) == 4
        assert not at.title  # still presenting

    def test_minimum_tasks_for_the_commendation(self, sample_app_db: Store):
        at = open_page(PRESENT, slide="7")
        assert commended_units(at) == expected_commended(sample_app_db, 10)
        at.sidebar.number_input(key="min_tasks").set_value(60).run()
        no_exception(at)
        assert bound_to_url(at.number_input(key="min_tasks")) == "min_tasks"
        assert slide_number(at) == 7
        expected = expected_commended(sample_app_db, 60)
        assert expected, "the sample has units with 60 tasks that came due"
        assert expected != expected_commended(sample_app_db, 10)
        assert commended_units(at) == expected
        assert "Xét các đơn vị có từ 60 nhiệm vụ đã đến hạn trở lên." in slide_html(at)

    def test_minimum_tasks_nobody_reaches(self):
        at = open_page(PRESENT, slide="7", min_tasks="1000")
        assert at.number_input(key="min_tasks").value == 1000
        assert not at.get("plotly_chart")
        assert "Chưa có đơn vị nào đủ 1000 nhiệm vụ đã đến hạn để xét biểu dương." in slide_html(at)

    def test_english(self):
        at = open_page(PRESENT, lang="en")
        assert [t.value for t in at.title] == ["Presentation"]
        slide = slide_html(at)
        assert "140 overdue tasks as of 25/10/2023" in slide
        assert '<div class="value">1,600</div>' in slide
        assert '<div class="value">62.0%</div>' in slide
        assert [b.label for b in at.button if b.key == "next"] == ["Next"]

    def test_filters_from_the_sidebar(self):
        at = open_page(PRESENT, block="commune")
        assert at.multiselect(key="block").value == ["commune"]
        assert "58 nhiệm vụ trễ hạn tính đến 25/10/2023" in slide_html(at)
        assert any("Bộ lọc: Khối: Xã, phường, thị trấn" in text for text in texts(at.caption))

    def test_as_of_date_from_a_link(self):
        at = open_page(PRESENT, as_of="2023-10-18")
        assert slide_title(at) == "Tình hình thực hiện nhiệm vụ — đến 18/10/2023"
        assert '<div class="dd-headline">154 nhiệm vụ trễ hạn tính đến 18/10/2023</div>' in slide_html(at)


# --- Chuẩn bị đối thoại, chất vấn -----------------------------------------------------------------------------

def subheaders(at) -> list[str]:
    return texts(at.subheader)


def table_of(at, heading: str) -> pd.DataFrame:
    """The table under the section heading that starts with `heading` (elements in the order drawn)."""
    under = None
    for node in at.main:
        if node.type == "subheader":
            under = unescape(node.value)
        elif node.type == "dataframe" and under is not None and under.startswith(heading):
            return node.value
    raise AssertionError(f"no table under a heading starting with {heading!r} in {subheaders(at)}")


@pytest.mark.usefixtures("sample_app_db")
class TestBriefing:
    def test_everyone(self):
        at = open_page(BRIEFING)
        assert [t.value for t in at.title] == ["Chuẩn bị đối thoại, chất vấn"]
        assert at.selectbox(key="brief_unit").value is None
        assert texts(at.header) == ["Tài liệu chuẩn bị đối thoại, chất vấn: Toàn bộ các đơn vị — đến ngày 25/10/2023"]
        assert "Số liệu chung: Toàn bộ các đơn vị — đến 25/10/2023" in subheaders(at)
        assert metric(at, "Trễ hạn").value == "140"
        assert metric(at, "Tổng số nhiệm vụ").value == "1.600"
        assert metric(at, "Tỷ lệ đúng hạn").value == "62,0%"
        assert "Giảm 14 so với ngày 18/10/2023 (154)" in texts(at.markdown)
        assert "Cam kết tại phiên chất vấn, đối thoại (153)" in subheaders(at)
        assert "Nhiệm vụ chuyển đơn vị hoặc được gia hạn (496)" in subheaders(at)
        assert "Nhiệm vụ trễ hạn (140) — đến 25/10/2023" in subheaders(at)
        assert_downloads(at, "briefing")

    def test_one_unit(self):
        at = open_page(BRIEFING)
        at.selectbox(key="brief_unit").set_value(UNIT).run()
        no_exception(at)
        assert bound_to_url(at.selectbox(key="brief_unit")) == "brief_unit"
        assert texts(at.header) == [f"Tài liệu chuẩn bị đối thoại, chất vấn: {UNIT} — đến ngày 25/10/2023"]
        assert metric(at, "Trễ hạn").value == "11"
        assert metric(at, "Tổng số nhiệm vụ").value == "56"
        assert metric(at, "Tỷ lệ đúng hạn").value == "59,6%"
        lines = texts(at.markdown)
        assert "Không đổi so với ngày 18/10/2023 (11)" in lines
        assert "Số nhiệm vụ trễ hạn xếp thứ 1/23 trong các xã, phường, thị trấn (thứ 1 là nhiều nhất)." in lines
        assert "Tỷ lệ đúng hạn xếp thứ 14/23 trong các xã, phường, thị trấn (thứ 1 là cao nhất)." in lines
        assert "Cam kết tại phiên chất vấn, đối thoại (6)" in subheaders(at)
        assert "Đã hoàn thành 5, đang trễ hạn 1, trên tổng số 6 cam kết." in lines
        assert "Nhiệm vụ chuyển đơn vị hoặc được gia hạn (21)" in subheaders(at)
        overdue = table_of(at, OVERDUE)
        assert len(overdue) == 11
        assert "Cán bộ phụ trách" in overdue.columns
        assert "Đơn vị chủ trì" not in overdue.columns  # one unit: no unit column
        assert_downloads(at, "briefing")

    def test_one_unit_from_a_link_with_names_hidden(self):
        at = open_page(BRIEFING, brief_unit=UNIT)
        assert at.selectbox(key="brief_unit").value == UNIT
        assert metric(at, "Trễ hạn").value == "11"
        assert "Cán bộ phụ trách" in table_of(at, OVERDUE).columns
        at.toggle(key="hide_names").set_value(True).run()
        no_exception(at)
        assert bound_to_url(at.toggle(key="hide_names")) == "hide_names"
        overdue = table_of(at, OVERDUE)
        assert len(overdue) == 11
        assert "Cán bộ phụ trách" not in overdue.columns
        assert all("Cán bộ phụ trách" not in frame.value.columns for frame in at.dataframe)
        assert any(text.endswith(" · Tên cán bộ phụ trách đã được ẩn.") for text in texts(at.caption))

    def test_names_hidden_from_a_link(self):
        at = open_page(BRIEFING, brief_unit=UNIT, hide_names="true")
        assert at.toggle(key="hide_names").value is True
        assert "Cán bộ phụ trách" not in table_of(at, OVERDUE).columns
        assert any(text.endswith(" · Tên cán bộ phụ trách đã được ẩn.") for text in texts(at.caption))

    def test_sidebar_unit_filter(self):
        at = open_page(BRIEFING, unit="Phường Trần Phú")
        assert at.multiselect(key="unit").value == ["Phường Trần Phú"]
        assert metric(at, "Trễ hạn").value == "4"
        assert "Nhiệm vụ trễ hạn (4) — đến 25/10/2023" in subheaders(at)
        assert any("Đơn vị chủ trì: Phường Trần Phú" in text for text in texts(at.caption))

    def test_english(self):
        at = open_page(BRIEFING, lang="en", brief_unit=UNIT)
        assert metric(at, "Overdue").value == "11"


# --- Báo cáo định kỳ ------------------------------------------------------------------------------------------

@pytest.mark.usefixtures("sample_app_db")
class TestPeriod:
    def test_default_period(self):
        at = open_page(PERIOD)
        assert [t.value for t in at.title] == ["Báo cáo định kỳ"]
        assert at.date_input(key="start").value == dt.date(2023, 10, 1)
        assert [d.value for d in at.main.date_input] == [dt.date(2023, 10, 1), dt.date(2023, 10, 25)]
        assert texts(at.header) == ["Báo cáo tình hình thực hiện nhiệm vụ từ ngày 01/10/2023 đến ngày 25/10/2023"]
        frame = period_table(at)
        assert grand_total(frame) == PERIOD_TOTAL
        assert list(frame.columns[:5]) == [
            "STT", "Đơn vị chủ trì", "Kỳ trước chuyển sang (chưa xong đến 01/10/2023)", "Giao trong kỳ",
            "Tổng số phải thực hiện",
        ]
        assert frame.columns[-3].endswith("Trong hạn") and frame.columns[-2].endswith("Quá hạn")
        assert not at.error
        assert_downloads(at, "period")

    def test_start_after_the_end(self):
        at = open_page(PERIOD)
        at.date_input(key="start").set_value(dt.date(2023, 10, 26)).run()
        no_exception(at)
        assert [e.value for e in at.error] == [
            "Ngày bắt đầu kỳ (26/10/2023) phải không sau ngày kết thúc (25/10/2023)."
        ]
        assert not at.dataframe
        assert not at.get("download_button")

    def test_start_from_a_link(self, sample_app_db: Store):
        at = open_page(PERIOD, start="2023-09-01")
        assert at.date_input(key="start").value == dt.date(2023, 9, 1)
        assert texts(at.header) == ["Báo cáo tình hình thực hiện nhiệm vụ từ ngày 01/09/2023 đến ngày 25/10/2023"]
        expected = period_expected(sample_app_db, dt.date(2023, 9, 1))
        assert expected != PERIOD_TOTAL
        assert grand_total(period_table(at)) == expected

    def test_block_filter(self, sample_app_db: Store):
        at = open_page(PERIOD, block="commune")
        assert at.multiselect(key="block").value == ["commune"]
        expected = period_expected(sample_app_db, dt.date(2023, 10, 1), queries.Filters(blocks=("commune",)))
        assert expected != PERIOD_TOTAL
        table = period_table(at)
        assert grand_total(table) == expected
        # one block: its subtotal (the same figures), its 23 communes and wards, the grand total
        assert table.iloc[0, :2].tolist() == ["I", "Xã, phường, thị trấn"]
        assert [int(v) for v in table.iloc[0, 2:]] == expected
        assert len(table) == 1 + 23 + 1


# --- no data ------------------------------------------------------------------------------------------------

PAGE_TITLES = {PRESENT: "Trình chiếu", BRIEFING: "Chuẩn bị đối thoại, chất vấn", PERIOD: "Báo cáo định kỳ"}
PAGE_DOCUMENTS = {PRESENT: "deck", BRIEFING: "briefing", PERIOD: "period"}


@pytest.mark.usefixtures("sample_app_db")
@pytest.mark.parametrize("page", [PRESENT, BRIEFING, PERIOD])
def test_reached_from_the_overview(page):
    """The overview first, then the page chosen in the top navigation (one session)."""
    at = new_app().run()
    no_exception(at)
    assert metric(at, "Trễ hạn").value == "140"
    at.switch_page(page).run()
    no_exception(at)
    assert [t.value for t in at.title] == [PAGE_TITLES[page]]
    if page == PRESENT:
        assert f'<div class="dd-headline">{HEADLINE}</div>' in slide_html(at)
    elif page == BRIEFING:
        assert metric(at, "Trễ hạn").value == "140"
    else:
        assert grand_total(period_table(at)) == PERIOD_TOTAL
    assert_downloads(at, PAGE_DOCUMENTS[page])


@pytest.mark.usefixtures("empty_app_db")
@pytest.mark.parametrize("page", [PRESENT, BRIEFING, PERIOD])
def test_empty_database(page):
    """No task at all (an import, undone): each page draws its document with zeros, no error."""
    at = open_page(page)
    assert [t.value for t in at.title] == [PAGE_TITLES[page]]
    assert not at.error
    if page == PRESENT:
        assert slide_number(at) == 1
        assert "<div class=\"dd-headline\">0 nhiệm vụ trễ hạn tính đến" in slide_html(at)
        at.selectbox(key="slide").set_value(SLIDES - 1).run()
        no_exception(at)
        assert "Chưa có đơn vị nào đủ 10 nhiệm vụ đã đến hạn để xét biểu dương." in slide_html(at)
    elif page == BRIEFING:
        assert metric(at, "Trễ hạn").value == "0"
        assert "Không có nhiệm vụ trễ hạn." in texts(at.info)
    else:
        assert grand_total(period_table(at)) == [0] * 10
    assert_downloads(at, PAGE_DOCUMENTS[page])
