"""The unit registry in Chromium: a registry file imported on the import page, then seen on Danh mục đơn vị."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.conftest import AppServer
from tests.browser.helpers import RUN_TIMEOUT, expect, open_app, save_screenshot, wait_for_run
from tests.builders import csv_bytes

REGISTRY = [
    ["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"],
    [],
    ["Tên đơn vị", "Khối", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác"],
    ["Phường Trần Phú", "Xã, phường", "Phường Cẩm Thành", "01/07/2025", "P Trần Phú"],
    ["Phường Lê Hồng Phong", "Xã, phường", "Phường Cẩm Thành", "01/07/2025", ""],
    ["Phường Cẩm Thành", "Xã, phường", "", "", ""],
    ["Xã Tịnh Ấn Đông", "Khối lạ", "", "", ""],
]


def test_import_a_registry_then_see_it_on_its_page(own_server: AppServer, page, tmp_path: Path) -> None:
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
    expect(done).to_contain_text("3 dòng được nạp, 1 dòng bị từ chối (đọc 4 dòng)", timeout=RUN_TIMEOUT)
    expect(page.get_by_text("3 đơn vị trong danh mục.")).to_be_visible()
    wait_for_run(page)

    page.get_by_role("link", name="Xem danh mục đơn vị").click()
    expect(page.get_by_role("heading", name="Danh mục đơn vị", exact=True)).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"/units(\?|$)"))
    # st.dataframe draws on a canvas; its cells are also in an accessible table (td[role=gridcell]).
    table = page.get_by_test_id("stDataFrame").filter(has=page.locator("th", has_text="Sáp nhập vào"))
    names = table.locator('td[role="gridcell"][aria-colindex="1"]')
    expect(names).to_have_text(["Phường Trần Phú", "Phường Lê Hồng Phong", "Phường Cẩm Thành"], timeout=RUN_TIMEOUT)
    expect(table.locator('td[role="gridcell"][aria-colindex="5"]').first).to_have_text("01/07/2025")
    expect(page.get_by_text("3 đơn vị. Đang dùng: lần nhập số 3", exact=False)).to_be_visible()
    # The sample's 52 units less Phường Trần Phú (42 tasks) and Phường Lê Hồng Phong (28).
    expect(page.get_by_text("50 tên, 1.530 nhiệm vụ.")).to_be_visible()
    save_screenshot(page, tmp_path, "units_page.png")
