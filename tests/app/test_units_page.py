"""Danh mục đơn vị (pages/units.py) on the sample: the empty registry, a registry imported on the import page, each
edit with the registry and lineage it leaves, a merger refused, the units the registers name that the registry
lacks, the download that imports again to the same registry, and who gets the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from analytics import audit
from analytics.access import save_account
from analytics.importer import import_file, import_registry
from analytics.store import Store
from analytics.text import unit_key
from tests.app.helpers import IMPORT_PAGE, button, new_app, no_exception, texts
from tests.builders import csv_bytes, new_store

UNITS_PAGE = "pages/units.py"
HEADER = ["Tên đơn vị", "Khối", "Đơn vị cấp trên", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác"]
REGISTRY = csv_bytes([
    HEADER,
    ["Phường Trần Phú", "Xã, phường", "", "Phường Cẩm Thành", "01/07/2025", "P Trần Phú"],
    ["Phường Lê Hồng Phong", "Xã, phường", "", "Phường Cẩm Thành", "01/07/2025", ""],
    ["Phường Cẩm Thành", "Xã, phường", "", "", "", ""],
    ["Phòng Nội vụ", "Chính quyền", "", "", "", ""],
    ["Xã Tịnh Ấn Đông", "Khối lạ", "", "", "", ""],
])
COMMUNE, GOVERNMENT = "Xã, phường, thị trấn", "Chính quyền (sở, phòng, ban)"
# The registry's rows as the page shows them: name, block, parent, merged into, effective date, other names.
SHOWN = [
    ["Phường Trần Phú", COMMUNE, "", "Phường Cẩm Thành", "01/07/2025", "P Trần Phú"],
    ["Phường Lê Hồng Phong", COMMUNE, "", "Phường Cẩm Thành", "01/07/2025", ""],
    ["Phường Cẩm Thành", COMMUNE, "", "", "", ""],
    ["Phòng Nội vụ", GOVERNMENT, "", "", "", ""],
]
# The sample's tasks (1,600 under 52 units): Phường Trần Phú 42, Phường Lê Hồng Phong 28, Phòng Nội vụ 39.
SAMPLE_TOP = [("Phòng Tài nguyên và Môi trường", "113"), ("Phòng Quản lý đô thị", "100"),
              ("Ban Quản lý dự án đầu tư xây dựng thành phố", "93")]


def units_page(**query: str):
    at = new_app(**query).run()
    at.switch_page(UNITS_PAGE).run()
    no_exception(at)
    return at


def with_registry(store: Store) -> Store:
    import_registry(store, REGISTRY, "danh_muc.csv", origin="upload")
    return store


def shown(at) -> list[list[str]]:
    """The registry table's rows."""
    return at.dataframe[0].value.astype(str).values.tolist()


def unmatched(at) -> list[tuple[str, str]]:
    """The list of the registers' units the registry lacks: (name, tasks) per row, as shown."""
    said = texts(at.markdown)
    first = said.index("**Số nhiệm vụ**") + 1
    if "**Là tên gọi khác của**" in said:
        first += 1
    rows = said[first:]
    return list(zip(rows[::2], rows[1::2], strict=True))


def submit(at, form: str):
    found = [b for b in at.button if b.form_id == form]
    assert len(found) == 1, [(b.form_id, b.label) for b in at.button]
    found[0].click().run()
    no_exception(at)
    return at


def lineage(store: Store) -> list[tuple]:
    return store.query("SELECT unit_key, carrier_key, start, depth FROM unit_lineage WHERE depth > 0 ORDER BY ALL")


def audited(store: Store, action: str) -> list[str]:
    return [e.detail for e in audit.latest(audit.beside(store.path)) if e.action == action]


# --- the empty registry -------------------------------------------------------------------------------------------

def test_an_empty_registry_says_what_a_registry_is_for_and_lists_every_unit(sample_app_db: Store):
    at = units_page()
    assert texts(at.title) == ["Danh mục đơn vị"]
    (explained,) = texts(at.info)
    assert explained.startswith("**Chưa có danh mục đơn vị.** Từ 01/07/2025 chính quyền địa phương tổ chức hai cấp")
    assert "72/2025/QH15" in explained and "đơn vị đảm nhận nó vào ngày tính số liệu" in explained
    assert "python -m analytics units import" in explained
    assert [link.proto.page for link in at.get("page_link")] == ["import_data"]
    assert not at.dataframe and not at.tabs and not at.download_button  # no registry to show, edit or download
    assert [b.label for b in at.button if b.form_id == "add_form"] == ["Thêm vào danh mục"]
    assert "52 tên, 1.600 nhiệm vụ." in texts(at.markdown)
    assert unmatched(at)[:3] == SAMPLE_TOP and len(unmatched(at)) == 50  # the first 50; "add all" takes every one
    assert texts(at.main.caption)[-1] == (
        "Còn 2 tên ít nhiệm vụ hơn chưa hiện; chúng được thêm bằng nút “Thêm cả” ở trên.")
    assert not at.selectbox(key="add_parent").options[1:]  # no unit to be a parent yet


def test_the_page_in_english(sample_app_db: Store):
    at = units_page(lang="en")
    assert texts(at.title) == ["Unit registry"]
    assert texts(at.info)[0].startswith("**No unit registry yet.** Since 01/07/2025 local government has two levels")
    assert "52 names, 1,600 tasks." in texts(at.markdown)


# --- a registry imported on the import page -----------------------------------------------------------------------

@pytest.mark.changes_data
def test_a_registry_imported_on_the_import_page_is_shown(sample_app_db: Store):
    at = new_app().run()
    at.switch_page(IMPORT_PAGE).run()
    at.file_uploader[0].set_value(("danh_muc.csv", REGISTRY, "text/csv")).run()
    no_exception(at)
    assert texts(at.info) == ["Tệp này là **danh mục đơn vị** (mỗi dòng một đơn vị: khối, cấp trên, sáp nhập, tên "
                              "gọi khác). Dòng tiêu đề: 1. Nhập sẽ thay danh mục đang dùng; hoàn tác được."]
    assert not at.data_editor and not at.error  # a registry's columns are its own: nothing to map
    preview = at.dataframe[0].value
    assert list(preview.columns) == ["Dòng", "Khi nhập", *HEADER]
    assert list(preview["Khi nhập"]) == ["Nạp"] * 4 + [
        "Từ chối: Khối: “Khối lạ” không phải là một khối (Chính quyền; Xã, phường; Khối Đảng; MTTQ và đoàn thể; Khác)"]
    button(at, "Nhập 1 tệp").click().run()
    no_exception(at)
    assert texts(at.success) == ["Đã nhập danh_muc.csv: 4 dòng được nạp, 1 dòng bị từ chối (đọc 5 dòng)."]
    assert "- 4 đơn vị trong danh mục." in texts(at.markdown)
    assert at.dataframe[0].value[["Dòng", "Lý do"]].values.tolist() == [
        ["6", "Khối: “Khối lạ” không phải là một khối (Chính quyền; Xã, phường; Khối Đảng; MTTQ và đoàn thể; Khác)"]]
    history = at.dataframe[-1].value
    assert history.iloc[0][["Lần", "Tệp", "Loại", "Cách nhập", "Đọc", "Nạp", "Từ chối", "Mới", "Trạng thái"]].tolist() \
        == [3, "danh_muc.csv", "Danh mục đơn vị", "Tải lên", 5, 4, 1, 4, "Đang dùng"]
    assert audited(sample_app_db, "import") == ["danh_muc.csv (batch 3: 4/5)"]
    assert [link.proto.page for link in at.get("page_link")] == ["units"]

    at.switch_page(UNITS_PAGE).run()
    no_exception(at)
    assert shown(at) == SHOWN
    assert texts(at.main.caption)[1].startswith("4 đơn vị. Đang dùng: lần nhập số 3 (danh_muc.csv, ")
    assert not at.info
    # Phường Trần Phú (42), Phường Lê Hồng Phong (28) and Phòng Nội vụ (39) are in the registry now.
    assert "49 tên, 1.491 nhiệm vụ." in texts(at.markdown)
    assert unmatched(at)[:3] == SAMPLE_TOP
    assert [tab.label for tab in at.tabs] == ["Thêm đơn vị", "Đổi tên", "Sáp nhập", "Khối", "Tên gọi khác"]


# --- the edits ----------------------------------------------------------------------------------------------------

@pytest.mark.changes_data
def test_add_rename_merge_and_set_block_each_a_batch_that_can_be_undone(sample_app_db: Store):
    store = with_registry(sample_app_db)
    at = units_page()

    at.text_input(key="add_name").input("Xã  Tịnh Ấn Tây")
    at.selectbox(key="add_block").set_value("commune")
    at.selectbox(key="add_parent").set_value("Phường Cẩm Thành")
    submit(at, "add_form")
    assert texts(at.success) == [
        "Đã lưu: Thêm đơn vị Xã Tịnh Ấn Tây (lần nhập số 4; hoàn tác được ở trang Nhập dữ liệu)."]
    assert texts(at.toast) == texts(at.success)  # also seen by whoever clicked far down the page
    assert shown(at) == [*SHOWN, ["Xã Tịnh Ấn Tây", COMMUNE, "Phường Cẩm Thành", "", "", ""]]

    at.selectbox(key="rename_unit").set_value("Phường Cẩm Thành")
    at.text_input(key="rename_to").input("Phường Cẩm Thành mới")
    submit(at, "rename_form")
    assert texts(at.success) == ["Đã lưu: Đổi tên Phường Cẩm Thành thành Phường Cẩm Thành mới (lần nhập số 5; "
                                 "hoàn tác được ở trang Nhập dữ liệu)."]
    new = "Phường Cẩm Thành mới"
    assert shown(at) == [
        ["Phường Trần Phú", COMMUNE, "", new, "01/07/2025", "P Trần Phú"],
        ["Phường Lê Hồng Phong", COMMUNE, "", new, "01/07/2025", ""],
        [new, COMMUNE, "", "", "", "Phường Cẩm Thành"],  # the old name kept: registers written with it still match
        ["Phòng Nội vụ", GOVERNMENT, "", "", "", ""],
        ["Xã Tịnh Ấn Tây", COMMUNE, new, "", "", ""],
    ]
    assert store.query("SELECT alias_key, unit_key FROM unit_aliases ORDER BY 1") == [
        (unit_key("P Trần Phú"), unit_key("Phường Trần Phú")), (unit_key("Phường Cẩm Thành"), unit_key(new))]

    at.selectbox(key="merge_unit").set_value("Xã Tịnh Ấn Tây")
    at.selectbox(key="merge_into").set_value(new)
    assert at.date_input(key="merge_date").value == dt.date(2025, 7, 1)  # the mergers' day, proposed
    at.date_input(key="merge_date").set_value(dt.date(2025, 8, 15))
    submit(at, "merge_form")
    assert texts(at.success) == ["Đã lưu: Sáp nhập Xã Tịnh Ấn Tây vào Phường Cẩm Thành mới từ 15/08/2025 (lần nhập "
                                 "số 6; hoàn tác được ở trang Nhập dữ liệu)."]
    assert shown(at)[4] == ["Xã Tịnh Ấn Tây", COMMUNE, new, new, "15/08/2025", ""]
    assert lineage(store) == sorted([
        (unit_key("Phường Lê Hồng Phong"), unit_key(new), dt.date(2025, 7, 1), 1),
        (unit_key("Phường Trần Phú"), unit_key(new), dt.date(2025, 7, 1), 1),
        (unit_key("Xã Tịnh Ấn Tây"), unit_key(new), dt.date(2025, 8, 15), 1)])

    at.selectbox(key="block_unit").set_value("Phòng Nội vụ")
    at.selectbox(key="block_choice").set_value("party")
    submit(at, "block_form")
    assert shown(at)[3] == ["Phòng Nội vụ", "Khối Đảng", "", "", "", ""]
    assert store.query("SELECT block, block_source FROM units WHERE unit_key = ?", [unit_key("Phòng Nội vụ")]) == [
        ("party", "registry")]
    assert audited(sample_app_db, "units") == [
        "Đặt khối của Phòng Nội vụ: Khối Đảng (batch 7)",
        "Sáp nhập Xã Tịnh Ấn Tây vào Phường Cẩm Thành mới từ 15/08/2025 (batch 6)",
        "Đổi tên Phường Cẩm Thành thành Phường Cẩm Thành mới (batch 5)",
        "Thêm đơn vị Xã Tịnh Ấn Tây (batch 4)"]

    # The import history names each edit; the last one is undone there like an import.
    at.switch_page(IMPORT_PAGE).run()
    no_exception(at)
    history = at.dataframe[-1].value
    assert history[["Lần", "Tệp", "Loại", "Cách nhập", "Nạp", "Mới", "Cập nhật"]].values.tolist()[:4] == [
        [7, "Đặt khối của Phòng Nội vụ: Khối Đảng", "Danh mục đơn vị", "Ghi nhận trên ứng dụng", 5, 0, 1],
        [6, "Sáp nhập Xã Tịnh Ấn Tây vào Phường Cẩm Thành mới từ 15/08/2025", "Danh mục đơn vị",
         "Ghi nhận trên ứng dụng", 5, 0, 1],
        [5, "Đổi tên Phường Cẩm Thành thành Phường Cẩm Thành mới", "Danh mục đơn vị", "Ghi nhận trên ứng dụng", 5,
         0, 4],  # the two units merged into it and the one under it follow its new name
        [4, "Thêm đơn vị Xã Tịnh Ấn Tây", "Danh mục đơn vị", "Ghi nhận trên ứng dụng", 5, 1, 0]]
    assert at.selectbox(key="undo_batch_7_7").value["batch_id"] == 7
    at.checkbox(key="undo_sure").check().run()
    button(at, "Hoàn tác lần nhập").click().run()
    assert "Đã hoàn tác lần nhập số 7." in texts(at.success)
    at.switch_page(UNITS_PAGE).run()
    assert shown(at)[3] == ["Phòng Nội vụ", GOVERNMENT, "", "", "", ""]
    assert texts(at.main.caption)[1].startswith("5 đơn vị. Đang dùng: lần nhập số 6 (Sáp nhập Xã Tịnh Ấn Tây vào ")


@pytest.mark.changes_data
def test_the_page_in_english_says_the_edit_in_english(sample_app_db: Store):
    with_registry(sample_app_db)
    at = units_page(lang="en")
    at.selectbox(key="block_unit").set_value("Phòng Nội vụ")
    at.selectbox(key="block_choice").set_value("other")
    submit(at, "block_form")
    assert texts(at.success) == ["Saved: Block of Phòng Nội vụ: Other (import no. 4; it can be undone on the Import "
                                 "data page)."]
    assert shown(at)[3] == ["Phòng Nội vụ", "Other", "", "", "", ""]


@pytest.mark.changes_data
def test_a_merger_that_would_make_a_cycle_or_into_itself_is_refused_naming_the_units(sample_app_db: Store):
    store = with_registry(sample_app_db)
    at = units_page()
    at.selectbox(key="merge_unit").set_value("Phường Cẩm Thành")
    at.selectbox(key="merge_into").set_value("Phường Trần Phú")
    submit(at, "merge_form")
    assert texts(at.error) == ["Không lưu được: Sáp nhập thành vòng tròn: Phường Trần Phú → Phường Cẩm Thành → "
                               "Phường Trần Phú."]
    at.selectbox(key="merge_unit").set_value("Phòng Nội vụ")
    at.selectbox(key="merge_into").set_value("Phòng Nội vụ")
    submit(at, "merge_form")
    assert texts(at.error) == ["Không lưu được: Phòng Nội vụ được ghi là sáp nhập vào chính nó."]
    assert not at.success and shown(at) == SHOWN
    assert len(store.batches()) == 3 and audited(store, "units") == []  # nothing written


@pytest.mark.changes_data
def test_a_rename_to_a_unit_already_there_is_refused(sample_app_db: Store):
    with_registry(sample_app_db)
    at = units_page()
    at.selectbox(key="rename_unit").set_value("Phòng Nội vụ")
    at.text_input(key="rename_to").input("UBND phường Trần Phú")
    submit(at, "rename_form")
    assert texts(at.error) == ["“UBND phường Trần Phú” đã có trong danh mục: Phường Trần Phú."]
    at.selectbox(key="alias_unit").set_value("Phòng Nội vụ")
    at.text_input(key="alias_name").input("P Trần Phú")
    submit(at, "alias_form")
    assert texts(at.error) == ["“P Trần Phú” đã là tên gọi khác của Phường Trần Phú."]
    assert shown(at) == SHOWN


# --- the units the registers name that the registry lacks ---------------------------------------------------------

@pytest.mark.changes_data
def test_the_registers_units_the_registry_lacks_added_or_recorded_as_another_name(sample_app_db: Store):
    store = with_registry(sample_app_db)
    import_file(store, csv_bytes([["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
                                  ["CT-1", "Báo cáo bàn giao hồ sơ", "P. Cẩm Thành cũ", "01/09/2023"],
                                  ["CT-2", "Kiểm kê tài sản", "P. Cẩm Thành cũ", "01/12/2023"]]),
                "cam_thanh.csv", snapshot_date=dt.date(2023, 10, 25))
    at = units_page()
    assert "50 tên, 1.493 nhiệm vụ." in texts(at.markdown)
    rows = unmatched(at)
    assert rows[:3] == SAMPLE_TOP
    assert ("P. Cẩm Thành cũ", "2") in rows and ("Phòng Tư pháp", "37") in rows
    spelling = at.selectbox(key=f"spelling_3_{unit_key('P. Cẩm Thành cũ')}")
    assert spelling.value == "Phường Cẩm Thành"  # the registry unit it plainly is, proposed
    assert at.selectbox(key=f"spelling_3_{unit_key('Phòng Tư pháp')}").value is None  # nothing close: none

    at.button(key=f"alias_3_{unit_key('P. Cẩm Thành cũ')}").click().run()
    no_exception(at)
    assert texts(at.success) == ["Đã lưu: Thêm tên gọi khác của Phường Cẩm Thành: P. Cẩm Thành cũ (lần nhập số 5; "
                                 "hoàn tác được ở trang Nhập dữ liệu)."]
    assert shown(at)[2] == ["Phường Cẩm Thành", COMMUNE, "", "", "", "P. Cẩm Thành cũ"]
    assert "49 tên, 1.491 nhiệm vụ." in texts(at.markdown)

    at.button(key=f"add_5_{unit_key('Phòng Tư pháp')}").click().run()
    no_exception(at)
    assert shown(at)[-1] == ["Phòng Tư pháp", f"{GOVERNMENT} (theo tên)", "", "", "", ""]  # no block of its own
    assert "48 tên, 1.454 nhiệm vụ." in texts(at.markdown)

    button(at, "Thêm cả 48 tên vào danh mục").click().run()
    no_exception(at)
    assert texts(at.success)[0].startswith("Đã lưu: Thêm 48 đơn vị từ sổ nhiệm vụ (lần nhập số 7;")
    assert "Mọi đơn vị trong sổ nhiệm vụ đều có trong danh mục." in texts(at.success)
    assert len(shown(at)) == 4 + 1 + 48
    assert store.query("SELECT count(*) FROM units WHERE block_source = 'registry'") == [(53,)]


# --- the download -------------------------------------------------------------------------------------------------

@pytest.mark.changes_data
def test_the_download_imports_again_to_the_same_registry(sample_app_db: Store, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    store = with_registry(sample_app_db)
    made: dict[str, object] = {}  # file name -> the callable the page gives its download button
    original = MediaFileManager.add_deferred

    def remember(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    at = units_page()
    at.selectbox(key="merge_unit").set_value("Phòng Nội vụ")
    at.selectbox(key="merge_into").set_value("Phường Cẩm Thành")
    submit(at, "merge_form")
    assert [b.label for b in at.download_button] == ["Tải danh mục (.xlsx)"]
    data = made["danh_muc_don_vi.xlsx"]()
    assert audited(store, "export") == ["danh_muc_don_vi.xlsx"]

    again = new_store(tmp_path / "again.duckdb")
    report = import_registry(again, data, "danh_muc_don_vi.xlsx")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 4, 0)
    fields = [(u.name, u.block, u.parent, u.successor, u.effective, u.aliases) for u in store.registry()]
    assert [(u.name, u.block, u.parent, u.successor, u.effective, u.aliases) for u in again.registry()] == fields
    assert fields[3] == ("Phòng Nội vụ", "government", None, "Phường Cẩm Thành", dt.date(2025, 7, 1), ())
    assert again.query("SELECT * FROM unit_lineage ORDER BY ALL") == store.query(
        "SELECT * FROM unit_lineage ORDER BY ALL")


# --- who gets the page --------------------------------------------------------------------------------------------

@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "accounts.toml"
    save_account(path, "admin", name="Quản trị viên", role="admin", password="mat-khau-admin")
    save_account(path, "lan", name="Nguyễn Thị Lan", role="unit", units=["Phường Nghĩa Lộ"], password="mat-khau-lan")
    save_account(path, "sep", name="Lãnh đạo", role="leader", password="mat-khau-sep")
    save_account(path, "khach", name="Khách", role="guest", password="mat-khau-khach")
    monkeypatch.setenv("DONDOC_ACCOUNTS", str(path))
    return path


def sign_in(login: str, password: str):
    at = new_app().run()
    at.text_input(key="sign_in_login").input(login)
    at.text_input(key="sign_in_password").input(password)
    button(at, "Đăng nhập").click().run()
    no_exception(at)
    return at


@pytest.mark.changes_data
def test_only_an_administrator_gets_the_page(sample_app_db: Store, accounts: Path):
    for login, password in (("lan", "mat-khau-lan"), ("khach", "mat-khau-khach"), ("sep", "mat-khau-sep")):
        at = sign_in(login, password)
        assert texts(at.title) == ["Tình hình thực hiện nhiệm vụ"]
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(UNITS_PAGE)
    at = sign_in("admin", "mat-khau-admin")
    at.switch_page(UNITS_PAGE).run()
    no_exception(at)
    assert texts(at.title) == ["Danh mục đơn vị"]


@pytest.mark.changes_data
def test_a_name_typed_is_shown_as_plain_text(sample_app_db: Store):
    with_registry(sample_app_db)
    at = units_page()
    name = "**Phòng** [Kinh tế](http://a.example)"
    said = []
    for _ in range(2):  # added, then refused as already there: both messages say the name as typed
        at.text_input(key="add_name").input(name)
        submit(at, "add_form")
        said += [e.value for e in [*at.success, *at.error]]
    assert shown(at)[-1][0] == name
    assert len(said) == 2 and said[1].startswith("“")
    for message in said:  # no bold, no link: the name's Markdown is escaped
        assert "\\*\\*Phòng\\*\\* \\[Kinh tế\\]\\(http" in message, message


@pytest.mark.changes_data
def test_the_tasks_of_a_split_unit_not_yet_reassigned_are_listed(sample_app_db: Store):
    from analytics import queries
    from tests.builders import SAMPLE_AS_OF

    split = csv_bytes([["Tên đơn vị", "Sáp nhập vào", "Ngày hiệu lực"],
                       ["Xã Nghĩa Dõng", "Phường Trần Phú; Phường Nghĩa Lộ", "01/07/2023"],
                       ["Phường Trần Phú", "", ""], ["Phường Nghĩa Lộ", "", ""]])
    import_registry(sample_app_db, split, "chia_tach.csv", origin="upload")
    with sample_app_db.connect() as con:
        recorded = con.execute("SELECT count(*) FROM tasks WHERE unit_key = $key AND assigned_date <= $day",
                               {"key": unit_key("Xã Nghĩa Dõng"), "day": SAMPLE_AS_OF}).fetchall()[0][0]
        left = queries.split_tasks(con, queries.View(SAMPLE_AS_OF))
    assert 0 < len(left) <= recorded
    at = units_page()
    assert "Nhiệm vụ của đơn vị chia tách chưa được giao lại" in [h.value for h in at.header]
    assert f"**{len(left)}** nhiệm vụ chưa được giao lại (tính đến 25/10/2023):" in [m.value for m in at.markdown]
    table = at.dataframe[1].value
    assert list(table.columns) == ["Mã nhiệm vụ", "Trích yếu", "Đơn vị ghi trong sổ", "Chia tách thành", "Trạng thái",
                                   "Số ngày trễ"]
    assert set(table["Đơn vị ghi trong sổ"]) == {"Xã Nghĩa Dõng"}
    assert set(table["Chia tách thành"]) == {"Phường Trần Phú; Phường Nghĩa Lộ"}
