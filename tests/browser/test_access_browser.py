"""Signing in, in Chromium: a wrong password, a unit account's own figures, an export in the audit log, signing
out; and a reload that asks to sign in again."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import audit
from analytics.access import save_account
from tests.browser.conftest import AppServer
from tests.browser.helpers import expect, metric_value, open_app, wait_for_run

UNIT = "Phường Nghĩa Lộ"  # 11 overdue tasks on 25/10/2023 in the sample, of 140


@pytest.fixture(scope="module")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The module's server signs users in: an administrator and a unit account."""
    accounts = tmp_path_factory.mktemp("access") / "accounts.toml"
    save_account(accounts, "admin", name="Quản trị viên", role="admin", password="mat-khau-admin")
    save_account(accounts, "lan", name="Nguyễn Thị Lan", role="unit", units=[UNIT], password="mat-khau-lan")
    return {"DONDOC_ACCOUNTS": str(accounts)}


def sign_in(page, login: str, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(login)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_unit_account_signs_in_sees_its_unit_and_its_export_is_logged(app_server: AppServer, page,
                                                                         tmp_path: Path) -> None:
    open_app(page, app_server)
    expect(page.get_by_role("heading", name="Đăng nhập Đôn đốc")).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(0)

    sign_in(page, "lan", "sai-mat-khau")
    expect(page.get_by_text("Sai tên đăng nhập hoặc mật khẩu.")).to_be_visible()

    sign_in(page, "lan", "mat-khau-lan")
    expect(metric_value(page, "Trễ hạn")).to_have_text("11", timeout=60_000)  # the unit's, not the sample's 140
    expect(page.get_by_test_id("stSidebar").get_by_text("Nguyễn Thị Lan")).to_be_visible()
    expect(page.get_by_role("link", name="Nhập dữ liệu")).to_have_count(0)  # not an administrator

    with page.expect_download() as started:
        page.get_by_role("button", name="Tải bảng (.xlsx)").first.click()
    started.value.save_as(tmp_path / started.value.suggested_filename)
    wait_for_run(page)
    entries = audit.latest(audit.beside(app_server.db))
    assert [(e.user, e.action) for e in entries][:3] == [("lan", "export"), ("lan", "login"),
                                                        ("lan", "login_failed")]
    assert entries[0].detail == started.value.suggested_filename

    page.reload(wait_until="domcontentloaded")  # a new session: signed in again
    wait_for_run(page)
    expect(page.get_by_role("heading", name="Đăng nhập Đôn đốc")).to_be_visible()
    sign_in(page, "lan", "mat-khau-lan")
    expect(metric_value(page, "Trễ hạn")).to_have_text("11")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập Đôn đốc")).to_be_visible()
    assert audit.latest(audit.beside(app_server.db))[0].action == "logout"
