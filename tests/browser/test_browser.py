"""End-to-end: the real app (``streamlit run app.py``) driven in headless Chromium (tests/browser/conftest.py).

The read-only tests share the module's server, on the bundled sample (snapshot 25/10/2023: 140 overdue tasks, 58
of them in the communes and wards, 154 overdue on 18/10/2023). The import test changes the data, so it gets a
server and a database of its own; the first-request test, a server just started on a new database.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from python_calamine import CalamineWorkbook

from tests.browser.conftest import AppServer
from tests.browser.helpers import (
    RUN_TIMEOUT,
    SNAPSHOT,
    choose_block,
    click_bar,
    expect,
    expect_overdue,
    metric_value,
    open_app,
    opened_elsewhere,
    plotly_chart,
    save_screenshot,
    wait_for_run,
)
from tests.builders import csv_bytes

DRILL_UNIT = "Phường Nghĩa Lộ"  # 11 overdue tasks on 25/10/2023 in the sample (1 + 2 + 4 + 4 by age)
IMPORT_UNIT = "Phường Trần Phú"  # 4 overdue tasks on 25/10/2023 in the sample


# --- the tests -----------------------------------------------------------------------------------------------

def test_overview_shows_the_sample(app_server: AppServer, page, tmp_path: Path) -> None:
    """The first screen: the sample as of its snapshot, at 1920×1080."""
    open_app(page, app_server)
    expect(page.get_by_role("heading", name="Tình hình thực hiện nhiệm vụ")).to_be_visible()
    expect_overdue(page, 140)
    expect(metric_value(page, "Tổng số nhiệm vụ")).to_have_text("1.600")
    titles = page.locator(".js-plotly-plot .gtitle").filter(has_text=SNAPSHOT)
    expect(titles.first).to_be_visible(timeout=RUN_TIMEOUT)
    expect(plotly_chart(page, "Nhiệm vụ trễ hạn theo khối")).to_be_visible()
    assert save_screenshot(page, tmp_path, "overview.png").stat().st_size > 0


def test_link_with_a_date_reproduces_the_view(app_server: AppServer, page) -> None:
    """A link with an as-of date shows the figures of that day."""
    open_app(page, app_server, "/?as_of=2023-10-18")
    expect_overdue(page, 154)
    expect(page.get_by_text("Số liệu tính đến ngày 18/10/2023", exact=False)).to_be_visible()
    expect(page.locator(".js-plotly-plot .gtitle").filter(has_text="18/10/2023").first).to_be_visible()


def test_copied_link_with_a_filter_reproduces_the_view(app_server: AppServer, page, chromium) -> None:
    """Choose a block in the sidebar, copy the address, open it in another browser: the same figures."""
    open_app(page, app_server)
    expect_overdue(page, 140)
    choose_block(page, "Xã, phường, thị trấn")
    expect_overdue(page, 58)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]block=commune(&|$)"))
    with opened_elsewhere(chromium, page.url) as other:
        expect_overdue(other, 58)
        expect(other.get_by_text("Đang lọc: Khối: Xã, phường, thị trấn")).to_be_visible()


def test_link_with_a_block_code(app_server: AppServer, page) -> None:
    """A hand-written link with the block's code: the communes and wards only."""
    open_app(page, app_server, "/?block=commune")
    expect_overdue(page, 58)
    expect(page.get_by_text("Đang lọc: Khối: Xã, phường, thị trấn")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]block=commune(&|$)"))


def test_link_copied_after_switching_language(app_server: AppServer, page, chromium) -> None:
    """Filter and period chosen in Vietnamese, then English: the copied link keeps all three."""
    open_app(page, app_server)
    choose_block(page, "Xã, phường, thị trấn")
    expect_overdue(page, 58)
    page.get_by_role("radio", name="6 tháng", exact=True).click()
    trend_title = "Số nhiệm vụ trễ hạn từng ngày, 28/04/2023 – 25/10/2023"
    expect(page.locator(".js-plotly-plot .gtitle").filter(has_text=trend_title)).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English", exact=True).click()
    expect(metric_value(page, "Overdue")).to_have_text("58", timeout=RUN_TIMEOUT)
    wait_for_run(page)
    link = page.url
    with opened_elsewhere(chromium, link) as other:
        expect(metric_value(other, "Overdue")).to_have_text("58", timeout=RUN_TIMEOUT)
        english_title = "Overdue tasks day by day, 28/04/2023 – 25/10/2023"
        expect(other.locator(".js-plotly-plot .gtitle").filter(has_text=english_title)).to_be_visible()


def test_clicking_a_units_bar_drills_down(app_server: AppServer, page, tmp_path: Path) -> None:
    """A click on a ward's bar chooses it in the drill-down below and lists its overdue tasks."""
    open_app(page, app_server)
    chart = plotly_chart(page, "Trễ hạn theo xã, phường")
    expect(chart.locator(".bars path").first).to_be_attached(timeout=RUN_TIMEOUT)
    click_bar(page, chart, DRILL_UNIT)

    line = page.get_by_text(f"{DRILL_UNIT}: 11 nhiệm vụ trễ hạn tính đến {SNAPSHOT}", exact=True)
    expect(line).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]focus="))
    expect(page.get_by_role("combobox", name="Chọn đơn vị")).to_have_value(DRILL_UNIT)
    line.scroll_into_view_if_needed()
    save_screenshot(page, tmp_path, "drilldown.png")


def test_import_a_register(own_server: AppServer, page, tmp_path: Path) -> None:
    """Upload a CSV register: two rows loaded, one rejected with its reason, and the overview counts them."""
    register = tmp_path / "so_theo_doi_tran_phu.csv"
    register.write_bytes(csv_bytes([
        # The title block gives the snapshot date, as in the registers offices export; without it the import
        # page proposes today, and the overview would move to today.
        [f"Số liệu tính đến ngày {SNAPSHOT}"],
        ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
        ["TP-E2E-001", "Báo cáo rà soát hộ nghèo quý III", IMPORT_UNIT, "15/09/2023"],
        ["TP-E2E-002", "Kiểm tra công trình xây dựng trái phép", IMPORT_UNIT, "02/10/2023"],
        ["TP-E2E-003", "Tổng hợp kiến nghị cử tri", IMPORT_UNIT, "31/02/2023"],
    ]))

    open_app(page, own_server)
    expect_overdue(page, 140)
    page.get_by_test_id("stTopNav").get_by_role("link", name="Nhập dữ liệu").click()
    expect(page.get_by_role("heading", name="Nhập dữ liệu", exact=True)).to_be_visible()
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"/import_data(\?|$)"))

    page.locator("input[type=file]").set_input_files(str(register))
    expect(page.get_by_text("Xem trước 3 dòng đầu")).to_be_visible(timeout=RUN_TIMEOUT)
    expect(page.get_by_text(f"số liệu tính đến ngày {SNAPSHOT}", exact=False)).to_be_visible()
    wait_for_run(page)
    page.get_by_role("button", name="Nhập 1 tệp").click()

    done = page.get_by_test_id("stAlert").filter(has_text=f"Đã nhập {register.name}")
    expect(done).to_be_visible(timeout=RUN_TIMEOUT)
    expect(done).to_contain_text("2 dòng được nạp, 1 dòng bị từ chối (đọc 3 dòng)")
    wait_for_run(page)
    # st.dataframe draws on a canvas; its cells are also in an accessible table (td[role=gridcell]).
    rejects = page.get_by_test_id("stDataFrame").filter(has=page.locator("th", has_text="Lý do"))
    expect(rejects.locator('th[aria-colindex="2"]')).to_have_text("Lý do", timeout=RUN_TIMEOUT)
    reason = rejects.locator('td[role="gridcell"][aria-colindex="2"]')
    expect(reason).to_have_count(1)
    expect(reason).to_contain_text("31/02/2023")
    save_screenshot(page, tmp_path, "import_report.png")

    # The rejected rows download as a workbook made on the click (the row, its reason, its cells).
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải danh sách dòng bị từ chối (.xlsx)").first.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    cells = CalamineWorkbook.from_path(str(saved)).get_sheet_by_index(0).to_python()
    assert cells[2][:2] == ["Dòng", "Lý do"]
    assert cells[3][0] == 5.0 and "31/02/2023" in cells[3][1]
    # The same rows, later, from the import history (read back from the database on the click).
    with page.expect_download() as again:
        page.get_by_role("button", name="Tải danh sách dòng bị từ chối (.xlsx)").last.click()
    saved_again = tmp_path / ("history_" + again.value.suggested_filename)
    again.value.save_as(saved_again)
    assert CalamineWorkbook.from_path(str(saved_again)).get_sheet_by_index(0).to_python()[2:] == cells[2:]

    page.get_by_test_id("stTopNav").get_by_role("link", name="Tổng quan").click()
    expect_overdue(page, 142)
    wait_for_run(page)

    open_app(page, own_server, "/?" + urllib.parse.urlencode({"focus": IMPORT_UNIT}))
    expect(page.get_by_text(f"{IMPORT_UNIT}: 6 nhiệm vụ trễ hạn tính đến {SNAPSHOT}", exact=True)).to_be_visible()


def test_a_link_can_be_the_first_request_after_a_start(new_server: AppServer, page) -> None:
    """Right after a start on a new database (the sample loads on that first run), a shared link to a page with
    filters opens that page inside the app (top navigation, language, layout) with its filters: not a bare page
    file, not a "page not found" notice."""
    open_app(page, new_server, "/overview?block=commune&lang=en")
    expect(metric_value(page, "Overdue")).to_have_text("58", timeout=RUN_TIMEOUT)
    navigation = page.get_by_test_id("stTopNav")
    # overview, explore, deck, briefing, period report, officers, rating, reminders, pushed around, causes, import,
    # unit registry, administration (the single-user mode has an administrator's rights), every one in sight
    expect(navigation.get_by_role("link")).to_have_count(13)
    expect(navigation.get_by_role("link", name="Import data")).to_be_visible()
    expect(navigation.get_by_role("link", name="Admin")).to_be_in_viewport()
    expect(navigation.get_by_role("link", name="Presentation")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/(overview)?\?.*block=commune"))  # the overview is the home page
    expect(page.get_by_text("Page not found")).to_have_count(0)
