"""The unit registry in Chromium: a registry file imported on the import page, seen on Danh mục đơn vị, and the
overview counting the merged wards' overdue tasks under their successor from the merger's day."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from tests.browser.conftest import AppServer
from tests.browser.helpers import RUN_TIMEOUT, expect, open_app, save_screenshot, wait_for_run
from tests.builders import csv_bytes

SUCCESSOR = "Phường Nghĩa Lộ"
# Trần Phú, Lê Hồng Phong and Quảng Phú into Nghĩa Lộ, as Nghị quyết 1677/NQ-UBTVQH15 groups them.
REGISTRY = [
    ["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"],
    [],
    ["Tên đơn vị", "Khối", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác"],
    ["Phường Trần Phú", "Xã, phường", SUCCESSOR, "01/07/2025", "P Trần Phú"],
    ["Phường Lê Hồng Phong", "Xã, phường", SUCCESSOR, "01/07/2025", ""],
    ["Phường Quảng Phú", "Xã, phường", SUCCESSOR, "01/07/2025", ""],
    [SUCCESSOR, "Xã, phường", "", "", ""],
    ["Xã Tịnh Ấn Đông", "Khối lạ", "", "", ""],
]


def overdue_line(page, server: AppServer, day: str, as_of: str):
    """The overview's drill-down line of the successor on `day` (YYYY-MM-DD)."""
    open_app(page, server, "/?" + urllib.parse.urlencode({"as_of": day, "focus": SUCCESSOR}))
    return page.get_by_text(re.compile(rf"^{SUCCESSOR}: \d+ nhiệm vụ trễ hạn tính đến {as_of}$"))


def test_import_a_registry_see_it_and_the_overview_follows_the_mergers(own_server: AppServer, page,
                                                                      tmp_path: Path) -> None:
    # The sample's tasks (snapshot 25/10/2023) still open on 01/07/2025: Nghĩa Lộ 16 overdue, Trần Phú 8, Lê Hồng
    # Phong 6, Quảng Phú 7; before the registry each ward keeps its own.
    expect(overdue_line(page, own_server, "2025-07-01", "01/07/2025")).to_have_text(
        f"{SUCCESSOR}: 16 nhiệm vụ trễ hạn tính đến 01/07/2025", timeout=RUN_TIMEOUT)

    registry = tmp_path / "danh_muc_don_vi.csv"
    registry.write_bytes(csv_bytes(REGISTRY))
    open_app(page, own_server, "/import_data")
    expect(page.get_by_role("heading", name="Nhập dữ liệu", exact=True)).to_be_visible()
    page.locator("input[type=file]").set_input_files(str(registry))
    expect(page.get_by_text("Tệp này là danh mục đơn vị", exact=False)).to_be_visible(timeout=RUN_TIMEOUT)
    expect(page.get_by_text("Dòng tiêu đề: 3.", exact=False)).to_be_visible()
    wait_for_run(page)
    page.get_by_role("button", name="Nhập 1 tệp").click()
    done = page.get_by_test_id("stAlert").filter(has_text=f"Đã nhập {registry.name}")
    expect(done).to_contain_text("4 dòng được nạp, 1 dòng bị từ chối (đọc 5 dòng)", timeout=RUN_TIMEOUT)
    expect(page.get_by_text("4 đơn vị trong danh mục.")).to_be_visible()
    wait_for_run(page)

    page.get_by_role("link", name="Xem danh mục đơn vị").click()
    expect(page.get_by_role("heading", name="Danh mục đơn vị", exact=True)).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"/units(\?|$)"))
    # st.dataframe draws on a canvas; its cells are also in an accessible table (td[role=gridcell]).
    table = page.get_by_test_id("stDataFrame").filter(has=page.locator("th", has_text="Sáp nhập vào"))
    names = table.locator('td[role="gridcell"][aria-colindex="1"]')
    expect(names).to_have_text(["Phường Trần Phú", "Phường Lê Hồng Phong", "Phường Quảng Phú", SUCCESSOR],
                               timeout=RUN_TIMEOUT)
    expect(table.locator('td[role="gridcell"][aria-colindex="5"]').first).to_have_text("01/07/2025")
    expect(page.get_by_text("4 đơn vị. Đang dùng: lần nhập số 3", exact=False)).to_be_visible()
    # The sample's 52 units less the four (Nghĩa Lộ 56 tasks, Trần Phú 42, Lê Hồng Phong 28, Quảng Phú 48).
    expect(page.get_by_text("48 tên, 1.426 nhiệm vụ.")).to_be_visible()
    save_screenshot(page, tmp_path, "units_page.png")

    # From the merger's day the successor carries the merged wards' tasks: 16 + 8 + 6 + 7; the day before, its own.
    expect(overdue_line(page, own_server, "2025-07-01", "01/07/2025")).to_have_text(
        f"{SUCCESSOR}: 37 nhiệm vụ trễ hạn tính đến 01/07/2025", timeout=RUN_TIMEOUT)
    save_screenshot(page, tmp_path, "overview_after_registry.png")
    expect(overdue_line(page, own_server, "2025-06-30", "30/06/2025")).to_have_text(
        f"{SUCCESSOR}: 16 nhiệm vụ trễ hạn tính đến 30/06/2025", timeout=RUN_TIMEOUT)
