"""Signing in and roles, as a user meets them in the app (AppTest on the sample)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st

from analytics import audit, queries, settings
from analytics.access import save_account
from analytics.store import Store
from tests.app.helpers import button, metric, new_app, no_exception, texts, unescape

# Every test here changes its data (accounts, the audit log): a database and caches of its own.
pytestmark = pytest.mark.changes_data

SNAPSHOT = dt.date(2023, 10, 25)
UNIT = "Phường Nghĩa Lộ"
OTHER_UNITS = ("Phòng Tài nguyên và Môi trường", "Phòng Quản lý đô thị", "Phường Trần Phú")
ANALYSIS_PAGES = ["pages/overview.py", "pages/explore.py", "pages/present.py", "pages/briefing.py",
                  "pages/period.py", "pages/officers.py", "pages/reminders.py", "pages/transfers.py",
                  "pages/causes.py", "pages/evaluation.py"]
GUEST_PAGES = ["pages/overview.py", "pages/explore.py", "pages/present.py", "pages/period.py", "pages/causes.py",
               "pages/evaluation.py"]


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "accounts.toml"
    save_account(path, "admin", name="Quản trị viên", role="admin", password="mat-khau-admin")
    save_account(path, "lan", name="Nguyễn Thị Lan", role="unit", units=[UNIT], password="mat-khau-lan")
    save_account(path, "sep", name="Lãnh đạo", role="leader", password="mat-khau-sep")
    save_account(path, "khach", name="Khách", role="guest", password="mat-khau-khach")
    monkeypatch.setenv("DONDOC_ACCOUNTS", str(path))
    return path


def sign_in(login: str, password: str):
    at = new_app().run()
    no_exception(at)
    at.text_input(key="sign_in_login").input(login)
    at.text_input(key="sign_in_password").input(password)
    button(at, "Đăng nhập").click()
    at.run()
    no_exception(at)
    return at


def everything_on_screen(at) -> str:
    parts = [*texts(at.markdown), *texts(at.caption), *texts(at.info), *texts(at.title), *texts(at.subheader),
             *texts(at.header), *(m.label + m.value for m in at.metric)]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    for select in [*at.selectbox, *at.multiselect]:
        parts += [str(o) for o in select.options]
    return unescape("\n".join(parts))


def test_with_accounts_nothing_shows_before_signing_in(sample_app_db: Store, accounts: Path):
    at = new_app().run()
    no_exception(at)
    assert texts(at.title) == ["Đăng nhập Đôn đốc"]
    assert not at.metric and not at.dataframe and not at.sidebar.date_input
    at = new_app().switch_page("pages/explore.py").run()  # a link to another page asks to sign in as well
    assert texts(at.title) == ["Đăng nhập Đôn đốc"] and not at.dataframe


def test_a_wrong_password_is_refused_and_logged(sample_app_db: Store, accounts: Path):
    at = sign_in("lan", "mat-khau-sai")
    assert texts(at.error) == ["Sai tên đăng nhập hoặc mật khẩu."]
    assert texts(at.title) == ["Đăng nhập Đôn đốc"] and not at.metric
    entries = audit.latest(audit.beside(sample_app_db.path))
    assert [(e.user, e.action) for e in entries] == [("lan", "login_failed")]


def test_a_unit_account_sees_only_its_unit_on_every_page(sample_app_db: Store, accounts: Path):
    at = sign_in("lan", "mat-khau-lan")
    assert texts(at.title) == ["Tình hình thực hiện nhiệm vụ"]
    assert any("Nguyễn Thị Lan" in m and "Đơn vị" in m for m in texts(at.sidebar.markdown))
    assert at.sidebar.multiselect(key="unit").options == [UNIT]
    for page in ANALYSIS_PAGES:
        at.switch_page(page).run()
        no_exception(at)
        shown = everything_on_screen(at)
        if page != "pages/transfers.py":  # Đùn đẩy names the units that passed the unit its own tasks
            assert not [u for u in OTHER_UNITS if u in shown], page
    at.switch_page("pages/overview.py").run()
    with sample_app_db.connect() as con:
        expected = queries.counts(con, queries.View(SNAPSHOT, queries.Filters(units=(UNIT,))))
    assert (metric(at, "Tổng số nhiệm vụ").value, metric(at, "Trễ hạn").value) == (
        str(expected.total), str(expected.overdue))
    assert expected.total < 1600  # (the whole sample has 1,600 tasks)
    entries = audit.latest(audit.beside(sample_app_db.path))
    assert [(e.user, e.action) for e in entries][-1] == ("lan", "login")


def test_only_an_administrator_may_import(sample_app_db: Store, accounts: Path):
    for login, password in (("lan", "mat-khau-lan"), ("sep", "mat-khau-sep")):
        at = sign_in(login, password)
        for page in ("pages/import_data.py", "pages/admin.py"):  # not in their navigation: no way there
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page)
    at = sign_in("admin", "mat-khau-admin")
    at.switch_page("pages/import_data.py").run()
    no_exception(at)
    assert texts(at.title) == ["Nhập dữ liệu"]


def test_a_guest_sees_figures_but_no_tasks_or_officers(sample_app_db: Store, accounts: Path):
    at = sign_in("khach", "mat-khau-khach")
    assert texts(at.title) == ["Tình hình thực hiện nhiệm vụ"]
    assert at.metric  # the figures
    assert not at.dataframe  # no longest-overdue list, no drill-down
    for page in GUEST_PAGES:
        at.switch_page(page).run()
        no_exception(at)
        assert not [i for i in texts(at.info) if "Vai trò của bạn" in i], page
    at.switch_page("pages/explore.py").run()
    assert "assignee" not in at.selectbox(key="ex_rows").options
    assert not at.dataframe  # the chart only, no records table
    at.switch_page("pages/evaluation.py").run()
    no_exception(at)
    assert at.segmented_control(key="evaluate_by").options == ["Đơn vị"]  # units' figures, no officer
    assert "Cán bộ phụ trách" not in at.dataframe[0].value.columns
    for page in sorted(set(ANALYSIS_PAGES) - set(GUEST_PAGES)):  # they list tasks or officers: not offered
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_the_administrator_reads_the_audit_log(sample_app_db: Store, accounts: Path):
    sign_in("lan", "sai-mat-khau")
    at = sign_in("admin", "mat-khau-admin")
    at.switch_page("pages/admin.py").run()
    no_exception(at)
    assert texts(at.title) == ["Quản trị"]
    accounts_table, log = at.dataframe
    assert list(accounts_table.value["Tên đăng nhập"]) == ["admin", "lan", "sep", "khach"]
    assert "password" not in accounts_table.value.to_csv() and "$argon2" not in accounts_table.value.to_csv()
    assert list(log.value["Hoạt động"]) == ["Đăng nhập", "Đăng nhập sai"]
    assert list(log.value["Người dùng"]) == ["admin", "lan"]


def test_signing_out_returns_to_the_sign_in_page(sample_app_db: Store, accounts: Path):
    at = sign_in("sep", "mat-khau-sep")
    assert texts(at.title) == ["Tình hình thực hiện nhiệm vụ"]
    button(at, "Đăng xuất").click()
    at.run()
    assert texts(at.title) == ["Đăng nhập Đôn đốc"]
    assert [e.action for e in audit.latest(audit.beside(sample_app_db.path))][:2] == ["logout", "login"]


def test_a_removed_account_is_signed_out_at_its_next_click(sample_app_db: Store, accounts: Path):
    at = sign_in("sep", "mat-khau-sep")
    text = accounts.read_text(encoding="utf-8")
    start = text.index("[accounts.sep]")
    end = text.index("[accounts.khach]")
    accounts.write_text(text[:start] + text[end:], encoding="utf-8")
    at.run()
    assert texts(at.title) == ["Đăng nhập Đôn đốc"]


def test_a_damaged_accounts_file_locks_the_app(sample_app_db: Store, accounts: Path):
    accounts.write_text("[accounts\n", encoding="utf-8")
    at = new_app().run()
    no_exception(at)
    assert "sai cú pháp" in texts(at.error)[0]
    assert not at.text_input and not at.metric


def test_without_accounts_one_user_on_this_machine(sample_app_db: Store):
    at = new_app().run()
    no_exception(at)
    assert texts(at.title) == ["Tình hình thực hiện nhiệm vụ"]
    assert any("Chế độ một người dùng" in c for c in texts(at.sidebar.caption))


def test_without_accounts_the_network_is_refused(sample_app_db: Store):
    before = st.get_option("server.address")
    st.config.set_option("server.address", "0.0.0.0")  # noqa: S104 - what the test is about
    try:
        at = new_app().run()
    finally:
        st.config.set_option("server.address", before)
    no_exception(at)
    assert "chưa cấu hình tài khoản" in texts(at.error)[0]
    assert not at.metric


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "bi-mat-dai-dai-dai",
                 "client_id": "dondoc", "client_secret": "bi-mat",
                 "server_metadata_url": "https://id.quangngai.gov.vn/.well-known/openid-configuration"}}


def test_the_office_identity_provider_signs_in_by_email(sample_app_db: Store, accounts: Path):
    save_account(accounts, "lan", name="Nguyễn Thị Lan", role="unit", units=[UNIT], email="lan@quangngai.gov.vn")
    at = new_app()
    at.secrets = OIDC
    at.user = {"is_logged_in": False}
    at.run()
    no_exception(at)
    assert [b.label for b in at.button if "cơ quan" in b.label] == ["Đăng nhập bằng tài khoản của cơ quan"]

    at = new_app()
    at.secrets = OIDC
    at.user = {"is_logged_in": True, "email": "Lan@QuangNgai.gov.vn"}
    at.run()
    no_exception(at)
    assert texts(at.title) == ["Tình hình thực hiện nhiệm vụ"]
    assert at.sidebar.multiselect(key="unit").options == [UNIT]
    assert [(e.user, e.action, e.detail) for e in audit.latest(audit.beside(sample_app_db.path))] == [
        ("lan", "login", "oidc")]

    at = new_app()
    at.secrets = OIDC
    at.user = {"is_logged_in": True, "email": "nguoi-la@example.com"}
    at.run()
    no_exception(at)
    assert "nguoi-la@example.com" in texts(at.error)[0] and not at.metric


def save_on_page(at, login: str, password: str, role: str, name: str = "", units: list[str] | None = None):
    """Fill the administration page's account form and save it."""
    inputs = {t.label: t for t in at.text_input}
    inputs["Tên đăng nhập"].input(login)
    inputs["Họ tên"].input(name)
    inputs["Mật khẩu"].input(password)
    next(s for s in at.selectbox if s.label == "Vai trò").set_value(role)
    if units:
        next(m for m in at.multiselect if m.label == "Đơn vị (cho vai trò Đơn vị)").set_value(units)
    button(at, "Lưu tài khoản").click()
    at.run()


def test_the_administrator_adds_an_account_who_then_signs_in(sample_app_db: Store, accounts: Path):
    at = sign_in("admin", "mat-khau-admin")
    at.switch_page("pages/admin.py").run()
    save_on_page(at, "hoa", "mat-khau-hoa", "unit", name="Trần Thị Hoa", units=["Phường Trần Phú"])
    no_exception(at)
    assert texts(at.success) == ["Đã lưu tài khoản hoa."]
    assert "hoa" in list(at.dataframe[0].value["Tên đăng nhập"])
    hoa = sign_in("hoa", "mat-khau-hoa")
    assert hoa.sidebar.multiselect(key="unit").options == ["Phường Trần Phú"]
    assert ("admin", "accounts", "save hoa (unit)") in [
        (e.user, e.action, e.detail) for e in audit.latest(audit.beside(sample_app_db.path))]


def test_in_single_user_mode_the_first_administrator_is_made_on_the_page(sample_app_db: Store, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DONDOC_ACCOUNTS")  # the default place, data/accounts.toml, not there yet
    monkeypatch.setattr(settings, "PROJECT_DIR", tmp_path)
    path = tmp_path / "data" / "accounts.toml"
    at = new_app().switch_page("pages/admin.py").run()
    no_exception(at)
    assert any("Chưa có tài khoản nào" in i for i in texts(at.info))
    save_on_page(at, "lan", "mat-khau-lan", "leader")
    assert "Quản trị đăng nhập được" in texts(at.error)[0]  # the first account must be an administrator
    assert not path.exists()
    save_on_page(at, "admin", "mat-khau-admin", "admin")
    assert path.exists()
    at.run()
    assert texts(at.title) == ["Đăng nhập Đôn đốc"]  # from now on, everyone signs in


def test_an_accounts_file_named_but_missing_locks_the_app(sample_app_db: Store, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DONDOC_ACCOUNTS", str(tmp_path / "khong_co.toml"))  # a typo must not open everything
    at = new_app().run()
    no_exception(at)
    assert "Không thấy tệp tài khoản" in texts(at.error)[0]
    assert not at.metric and not at.text_input


def test_a_guest_cannot_narrow_figures_to_words_or_documents(sample_app_db: Store, accounts: Path):
    at = sign_in("khach", "mat-khau-khach")
    at.switch_page("pages/explore.py").run()
    no_exception(at)
    assert not [t for t in at.text_input if t.key == "ex_q"]
    assert "source_doc" not in at.selectbox(key="ex_rows").options
