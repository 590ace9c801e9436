"""End-to-end, Khám phá and the overview's cross-filter in Chromium: a click on a bar opens the records behind
it, the back button returns to the previous view, the records download reads back, and a click on a block in
the overview narrows the other charts until it is cleared."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.browser.conftest import AppServer
from tests.browser.helpers import (
    RUN_TIMEOUT,
    click_bar,
    expect,
    expect_overdue,
    open_app,
    plotly_chart,
    save_screenshot,
    wait_for_run,
)

COMMUNES = "Xã, phường, thị trấn"  # 58 of the sample's 140 overdue tasks on 25/10/2023
ALL_OVERDUE = "140 nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 25/10/2023"
COMMUNE_OVERDUE = f"58 nhiệm vụ trễ hạn của nhóm {COMMUNES}, tính đến 25/10/2023"


def test_click_a_bar_see_its_records_and_go_back(app_server: AppServer, page, tmp_path: Path) -> None:
    """Overdue tasks by block: a click on the communes' bar lists their 58 tasks (in the URL too); the back
    button returns to all 140, forward to the 58 again; the records download holds the 58 with the view written
    above them."""
    open_app(page, app_server, "/explore?rows=block")
    expect(page.get_by_text(ALL_OVERDUE, exact=True)).to_be_visible(timeout=RUN_TIMEOUT)
    chart = plotly_chart(page, "Số nhiệm vụ trễ hạn theo Khối")
    expect(chart.locator(".bars path").first).to_be_attached(timeout=RUN_TIMEOUT)
    click_bar(page, chart, COMMUNES)

    expect(page.get_by_text(COMMUNE_OVERDUE, exact=True)).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]pick="))
    expect(page.get_by_text("Dòng 1–50 trong 58 · trang 1/2", exact=True)).to_be_visible()
    save_screenshot(page, tmp_path, "explore_picked.png")

    with page.expect_download() as download:
        page.get_by_role("button", name="Tải các nhiệm vụ (.csv)").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Các nhiệm vụ — Khám phá"]
    assert rows[1] == ["Số liệu tính đến ngày 25/10/2023"]
    assert [f"Nhóm đã chọn: {COMMUNES}"] in rows[:6]
    header = rows.index(next(r for r in rows if r[:1] == ["Mã nhiệm vụ"]))
    body = rows[header + 1:]
    assert len(body) == 58
    assert {r[rows[header].index("Khối")] for r in body} == {COMMUNES}
    assert {r[rows[header].index("Trạng thái (tính đến ngày)")] for r in body} == {"Trễ hạn"}

    page.go_back()
    expect(page.get_by_text(ALL_OVERDUE, exact=True)).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    assert "pick=" not in page.url
    page.go_forward()
    expect(page.get_by_text(COMMUNE_OVERDUE, exact=True)).to_be_visible(timeout=RUN_TIMEOUT)


def test_a_changed_grouping_is_one_step_back(app_server: AppServer, page) -> None:
    """Choosing another grouping writes the URL once: one press of back restores the previous grouping in
    the widgets and the chart."""
    open_app(page, app_server, "/explore?rows=block")
    expect(plotly_chart(page, "Số nhiệm vụ trễ hạn theo Khối")).to_be_visible(timeout=RUN_TIMEOUT)
    page.get_by_role("combobox", name="Nhóm theo").click()
    page.get_by_role("option", name="Lĩnh vực", exact=True).click()
    expect(plotly_chart(page, "Số nhiệm vụ trễ hạn theo Lĩnh vực")).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]rows=field"))

    page.go_back()
    expect(plotly_chart(page, "Số nhiệm vụ trễ hạn theo Khối")).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]rows=block"))
    expect(page.get_by_role("combobox", name="Nhóm theo")).to_have_value("Khối")


def test_overview_cross_filter_by_clicking_a_block(app_server: AppServer, page, tmp_path: Path) -> None:
    """A click on the communes' bar in the overview narrows the figures to their 58 overdue tasks; back and
    forward undo and redo it; the cross-filter's button clears it; its link opens the same tasks in Khám phá."""
    open_app(page, app_server)
    expect_overdue(page, 140)
    chart = plotly_chart(page, "Nhiệm vụ trễ hạn theo khối")
    expect(chart.locator(".bars path").first).to_be_attached(timeout=RUN_TIMEOUT)
    click_bar(page, chart, COMMUNES)
    expect_overdue(page, 58)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]x_block=commune"))
    expect(page.get_by_text("Đang lọc chéo theo:")).to_be_visible()
    save_screenshot(page, tmp_path, "cross_filter.png")
    page.go_back()  # the click is one step of the browser's history
    expect(page.get_by_text("Đang lọc chéo theo:")).to_have_count(0, timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect_overdue(page, 140)
    assert "x_block" not in page.url
    page.go_forward()
    expect_overdue(page, 58)
    wait_for_run(page)

    page.get_by_role("link", name="Xem các nhiệm vụ này trong Khám phá").click()
    expect(page.get_by_text("58 nhiệm vụ trễ hạn khớp các lựa chọn, tính đến 25/10/2023", exact=True)) \
        .to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)

    open_app(page, app_server, "/?x_block=commune")
    expect_overdue(page, 58)
    page.get_by_role("button", name="Bỏ lọc chéo").click()
    expect(page.get_by_text("Đang lọc chéo theo:")).to_have_count(0, timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect_overdue(page, 140)
