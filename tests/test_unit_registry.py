"""The unit registry kept in the app (analytics.unit_registry): each edit as the registry it makes, the edits refused
and why, the batch an edit writes and its undo, the download that imports again to the same registry, and the
names the registers use that the registry lacks."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from analytics import unit_registry as ur
from analytics.access import Access, AccessDenied
from analytics.importer import import_file, import_registry
from analytics.lineage import RegistryUnit, carrier, resolve
from analytics.store.registry import current_registry
from analytics.text import unit_key
from tests.builders import csv_bytes

TITLE = [["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"], ["DANH MỤC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ"], []]
HEADER = ["STT", "Tên đơn vị", "Khối", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác"]
ROWS = [
    ["I", "KHỐI XÃ, PHƯỜNG", "", "", "", ""],
    [1, "Phường Trần Phú", "Xã, phường", "Phường Cẩm Thành", "01/07/2025", "UBND P. Trần Phú; P Trần Phú"],
    [2, "Phường Lê Hồng Phong", "Xã, phường", "Phường Cẩm Thành", "1/7/2025", ""],
    [3, "Phường Cẩm Thành", "Xã, phường", "", "", "Cẩm Thành"],
    [4, "Phòng Nội vụ", "Chính quyền", "", "", ""],
    [5, "Xã Tịnh Ấn Đông", "Khối lạ", "", "31/02/2025", ""],
    [6, "", "Xã, phường", "", "", ""],
    [7, "Phường Trần Phú", "Xã, phường", "", "", ""],
    [],
    ["", "Người lập biểu", "", "", "", ""],
]

JULY = dt.date(2025, 7, 1)
TRAN_PHU = RegistryUnit("Phường Trần Phú", 6, "Phường Cẩm Thành", JULY, "commune", None, ("P Trần Phú",))
LE_HONG_PHONG = RegistryUnit("Phường Lê Hồng Phong", 7, "Phường Cẩm Thành", JULY, "commune")
CAM_THANH = RegistryUnit("Phường Cẩm Thành", 8, block="commune", aliases=("Cẩm Thành",))
NOI_VU = RegistryUnit("Phòng Nội vụ", 9, block="government")
REGISTRY = [TRAN_PHU, LE_HONG_PHONG, CAM_THANH, NOI_VU]  # the file above as read


def refused(edit, *args, **kwargs) -> ur.RegistryEditProblem:
    with pytest.raises(ur.RegistryEditProblem) as raised:
        edit(*args, **kwargs)
    return raised.value


def test_the_registry_file_reads_as_these_units(store):
    import_registry(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    assert store.registry() == REGISTRY


# --- add ----------------------------------------------------------------------------------------------------------

def test_add_a_unit_at_the_end_with_its_block_and_parent():
    change = ur.added(REGISTRY, "  Xã  Tịnh Ấn Đông ", block="commune", parent="Phòng Nội vụ")
    assert change.units == [*REGISTRY, RegistryUnit("Xã Tịnh Ấn Đông", 10, block="commune", parent="Phòng Nội vụ")]
    assert (change.code, change.params, change.inserted, change.updated) == (
        "unit_added", {"unit": "Xã Tịnh Ấn Đông"}, 1, 0)
    assert change.describe("vi") == "Thêm đơn vị Xã Tịnh Ấn Đông"
    assert change.describe("en") == "Unit Xã Tịnh Ấn Đông added"
    assert ur.added([], "Phòng Tư pháp").units == [RegistryUnit("Phòng Tư pháp", 2)]  # row 1: a file's header


def test_a_unit_already_there_under_any_spelling_is_not_added_again():
    problem = refused(ur.added, REGISTRY, "UBND phường Trần Phú")  # unit_key reads it as Phường Trần Phú
    assert problem.message("vi") == "“UBND phường Trần Phú” đã có trong danh mục: Phường Trần Phú."
    problem = refused(ur.added, REGISTRY, "P Trần Phú")
    assert problem.message("vi") == "“P Trần Phú” đã là tên gọi khác của Phường Trần Phú."
    assert problem.message("en") == "“P Trần Phú” is already another name of Phường Trần Phú."
    assert refused(ur.added, REGISTRY, " - ").message("vi") == "“-” không phải là tên một đơn vị."


def test_add_every_name_the_registers_use():
    change = ur.added_all(REGISTRY, ["Phòng Tư pháp", "Xã Nghĩa Hà"])
    assert change.units[4:] == [RegistryUnit("Phòng Tư pháp", 10), RegistryUnit("Xã Nghĩa Hà", 11)]
    assert (change.code, change.params, change.inserted) == ("units_added", {"count": "2"}, 2)
    assert refused(ur.added_all, REGISTRY, []).code == "nothing_to_add"


# --- rename -------------------------------------------------------------------------------------------------------

def test_rename_keeps_the_old_name_as_another_spelling_and_the_references_follow():
    change = ur.renamed(REGISTRY, "Phường Cẩm Thành", "Phường Cẩm Thành Mới")
    assert change.units == [
        RegistryUnit("Phường Trần Phú", 6, "Phường Cẩm Thành Mới", JULY, "commune", None, ("P Trần Phú",)),
        RegistryUnit("Phường Lê Hồng Phong", 7, "Phường Cẩm Thành Mới", JULY, "commune"),
        RegistryUnit("Phường Cẩm Thành Mới", 8, block="commune", aliases=("Cẩm Thành", "Phường Cẩm Thành")),
        NOI_VU,
    ]
    assert (change.inserted, change.updated) == (0, 3)
    assert change.describe("vi") == "Đổi tên Phường Cẩm Thành thành Phường Cẩm Thành Mới"


def test_rename_follows_into_a_split():
    split = RegistryUnit("Xã Tịnh Ấn", 10, "Phường Cẩm Thành; Phòng Nội vụ", JULY)
    change = ur.renamed([*REGISTRY, split], "Phòng Nội vụ", "Phòng Nội vụ mới")
    assert change.units[4] == RegistryUnit("Xã Tịnh Ấn", 10, "Phường Cẩm Thành; Phòng Nội vụ mới", JULY)
    assert change.units[4].split


def test_rename_to_one_of_its_own_spellings_swaps_them():
    change = ur.renamed(REGISTRY, "Phường Trần Phú", "P Trần Phú")
    assert change.units[0] == RegistryUnit("P Trần Phú", 6, "Phường Cẩm Thành", JULY, "commune", None,
                                           ("Phường Trần Phú",))


def test_rename_that_changes_only_the_spelling_adds_no_other_name():
    change = ur.renamed(REGISTRY, "Phòng Nội vụ", "Phòng Nội Vụ")  # the same unit key
    assert change.units[3] == RegistryUnit("Phòng Nội Vụ", 9, block="government")


def test_rename_refused():
    assert refused(ur.renamed, REGISTRY, "Phòng Nội vụ", "Phường Trần Phú").message("vi") == (
        "“Phường Trần Phú” đã có trong danh mục: Phường Trần Phú.")
    assert refused(ur.renamed, REGISTRY, "Phòng Nội vụ", "Cẩm Thành").code == "spelling_of_other"
    assert refused(ur.renamed, REGISTRY, "Phòng Nội vụ", "Phòng Nội vụ").message("vi") == (
        "Phòng Nội vụ đã như vậy: danh mục không thay đổi.")
    assert refused(ur.renamed, REGISTRY, "Phòng Không Có", "Phòng Mới").message("vi") == (
        "Không còn đơn vị “Phòng Không Có” trong danh mục (có thể vừa có người sửa danh mục). Hãy tải lại trang.")


# --- merge into ---------------------------------------------------------------------------------------------------

def test_merge_into_a_unit_from_a_day():
    change = ur.merged(REGISTRY, "Phòng Nội vụ", "UBND phường Cẩm Thành", dt.date(2025, 8, 1))
    assert change.units[3] == RegistryUnit("Phòng Nội vụ", 9, "Phường Cẩm Thành", dt.date(2025, 8, 1), "government")
    assert change.describe("vi") == "Sáp nhập Phòng Nội vụ vào Phường Cẩm Thành từ 01/08/2025"
    assert (change.inserted, change.updated) == (0, 1)


def test_a_merger_taken_back():
    change = ur.merged(REGISTRY, "Phường Trần Phú", None, None)
    assert change.units[0] == RegistryUnit("Phường Trần Phú", 6, block="commune", aliases=("P Trần Phú",))
    assert change.describe("en") == "Merger of Phường Trần Phú taken back"
    assert refused(ur.merged, REGISTRY, "Phòng Nội vụ", None, None).code == "not_merged"
    assert refused(ur.merged, REGISTRY, "Phường Trần Phú", "Phường Cẩm Thành", JULY).code == "nothing_changed"


def test_a_merger_into_itself_or_round_in_a_circle_is_refused_naming_the_units():
    problem = refused(ur.merged, REGISTRY, "Phường Cẩm Thành", "Phường Trần Phú", JULY)
    assert problem.message("vi") == (
        "Không lưu được: Sáp nhập thành vòng tròn: Phường Trần Phú → Phường Cẩm Thành → Phường Trần Phú.")
    assert problem.message("en") == (
        "Not saved: Mergers that go round in a circle: Phường Trần Phú → Phường Cẩm Thành → Phường Trần Phú.")
    problem = refused(ur.merged, REGISTRY, "Phòng Nội vụ", "Phòng Nội vụ", JULY)
    assert problem.message("vi") == "Không lưu được: Phòng Nội vụ được ghi là sáp nhập vào chính nó."
    problem = refused(ur.merged, REGISTRY, "Phòng Nội vụ", "Phường Cẩm Thành", None)
    assert problem.message("vi") == (
        "Không lưu được: Phòng Nội vụ sáp nhập vào đơn vị khác nhưng thiếu ngày hiệu lực.")


# --- block and other spellings ------------------------------------------------------------------------------------

def test_set_a_block():
    change = ur.reblocked(REGISTRY, "Phòng Nội vụ", "party")
    assert change.units[3] == RegistryUnit("Phòng Nội vụ", 9, block="party")
    assert change.describe("vi") == "Đặt khối của Phòng Nội vụ: Khối Đảng"
    assert change.describe("en") == "Block of Phòng Nội vụ: Party"
    assert refused(ur.reblocked, REGISTRY, "Phòng Nội vụ", "government").code == "nothing_changed"
    with pytest.raises(ValueError):
        ur.reblocked(REGISTRY, "Phòng Nội vụ", "ministry")


def test_add_another_spelling_and_the_ones_refused():
    change = ur.aliased(REGISTRY, "Phòng Nội vụ", "Phòng NV")
    assert change.units[3] == RegistryUnit("Phòng Nội vụ", 9, block="government", aliases=("Phòng NV",))
    assert change.describe("vi") == "Thêm tên gọi khác của Phòng Nội vụ: Phòng NV"
    said = {alias: refused(ur.aliased, REGISTRY, "Phòng Nội vụ", alias).message("vi")
            for alias in ("phòng nội  vụ", "Phường Trần Phú", "P Trần Phú", "?")}
    assert said == {
        "phòng nội  vụ": "“phòng nội vụ” được hiểu là chính tên Phòng Nội vụ: không cần thêm.",
        "Phường Trần Phú": "“Phường Trần Phú” là một đơn vị khác trong danh mục: Phường Trần Phú.",
        "P Trần Phú": "“P Trần Phú” đã là tên gọi khác của Phường Trần Phú.",
        "?": "“?” không phải là tên một đơn vị.",
    }
    assert refused(ur.aliased, REGISTRY, "Phường Trần Phú", "P Trần Phú").code == "nothing_changed"


# --- written as a registry batch ----------------------------------------------------------------------------------

def test_an_edit_is_a_registry_batch_in_force_and_undone(store):
    first = import_registry(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    at = dt.datetime(2026, 12, 3, 9, 30)
    batch_id, change = ur.save(store, Access(), lambda units: ur.merged(units, "Phòng Nội vụ", "Phường Cẩm Thành",
                                                                      dt.date(2025, 8, 1)), now=at)
    assert store.registry() == change.units
    lineage = store.query("SELECT unit_key, carrier_key, start, depth FROM unit_lineage ORDER BY ALL")
    key = unit_key("Phòng Nội vụ")
    assert (key, unit_key("Phường Cẩm Thành"), dt.date(2025, 8, 1), 1) in lineage
    batch = store.batch(batch_id)
    assert {name: batch[name] for name in ("kind", "file_name", "origin", "snapshot_date", "imported_at",
                                           "rows_read", "rows_loaded", "rows_rejected", "inserted", "updated")} == {
        "kind": "registry", "file_name": "Sáp nhập Phòng Nội vụ vào Phường Cẩm Thành từ 01/08/2025",
        "origin": "app", "snapshot_date": at.date(), "imported_at": at, "rows_read": 4, "rows_loaded": 4,
        "rows_rejected": 0, "inserted": 0, "updated": 1}
    assert ur.edit_label(batch, "en") == "Phòng Nội vụ merged into Phường Cẩm Thành from 01/08/2025"
    assert ur.edit_label(store.batch(first.batch_id), "vi") is None  # an imported file is named by its file
    assert ur.in_force(store)["batch_id"] == batch_id
    assert store.undo(batch_id)
    assert store.registry() == REGISTRY  # the registry before it is in force again
    assert ur.in_force(store)["batch_id"] == first.batch_id
    with store.connect() as con:
        assert not [r for r in con.execute("SELECT * FROM unit_lineage").fetchall() if r[0] == key and r[3] > 0]


def test_the_first_edit_of_an_empty_registry(store):
    ur.save(store, Access(), lambda units: ur.added(units, "Phòng Tư pháp", block="government"))
    assert store.registry() == [RegistryUnit("Phòng Tư pháp", 2, block="government")]
    assert store.query("SELECT name, block, block_source FROM units") == [("Phòng Tư pháp", "government",
                                                                           "registry")]


def test_a_refused_edit_writes_nothing_and_only_an_administrator_edits(store):
    import_registry(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    with pytest.raises(ur.RegistryEditProblem):
        ur.save(store, Access(), lambda units: ur.merged(units, "Phường Cẩm Thành", "Phường Trần Phú", JULY))
    for role in ("leader", "unit", "guest"):
        with pytest.raises(AccessDenied):
            ur.save(store, Access(role), lambda units: ur.added(units, "Phòng Tư pháp"))
    assert len(store.batches()) == 1 and store.registry() == REGISTRY


# --- the download -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_download_imports_again_to_the_same_registry(store, lang):
    import_registry(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    ur.save(store, Access(), lambda units: ur.added(units, "Ban Dân vận", block="party", parent="Phòng Nội vụ"))
    units = store.registry()
    data = ur.registry_xlsx(units, lang)
    again = import_registry(store, data, "tai-ve.xlsx")
    assert (again.rows_loaded, again.rows_rejected, again.ignored) == (5, 0, [])
    as_read = store.registry()
    assert [(u.name, u.successor, u.effective, u.block, u.parent, u.aliases) for u in as_read] == [
        (u.name, u.successor, u.effective, u.block, u.parent, u.aliases) for u in units]
    assert [u.row for u in as_read] == [2, 3, 4, 5, 6]  # the download's own rows, under its header


def test_the_registry_as_the_page_shows_it():
    header, rows = ur.registry_shown([TRAN_PHU, RegistryUnit("Phòng Tư pháp", 10)], "en")
    assert header == ["Unit", "Block", "Parent unit", "Merged into", "Effective date", "Other names"]
    assert rows == [["Phường Trần Phú", "Wards and communes", "", "Phường Cẩm Thành", "01/07/2025", "P Trần Phú"],
                    ["Phòng Tư pháp", "Government (departments) (from its name)", "", "", "", ""]]


def test_the_download_writes_text_never_a_formula():
    units = [RegistryUnit('=HYPERLINK("http://x.example","Phường A")', 2, aliases=("@SUM(A1)",))]
    data = ur.registry_xlsx(units)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet


# --- names the registry lacks -------------------------------------------------------------------------------------

REGISTER = [
    ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
    ["NV-1", "Một", "Phường Trần Phú", "30/05/2025"],
    ["NV-2", "Hai", "Phường Trần Phú", "30/06/2025"],
    ["NV-3", "Ba", "Phòng Tư pháp", "30/06/2025"],
    ["NV-4", "Bốn", "Phòng Tư pháp", "30/06/2025"],
    ["NV-5", "Năm", "Phòng Tư pháp", "30/06/2025"],
    ["NV-6", "Sáu", "P. Cẩm Thành cũ", "30/06/2025"],
    ["NV-7", "Bảy", "Cẩm Thành", "30/06/2025"],
]


def test_the_names_the_registers_use_that_the_registry_lacks(store):
    import_file(store, csv_bytes(REGISTER), "so.csv", snapshot_date=dt.date(2025, 10, 1))
    assert [(u.name, u.tasks) for u in ur.unmatched(store)] == [
        ("Phòng Tư pháp", 3), ("Phường Trần Phú", 2), ("Cẩm Thành", 1), ("P. Cẩm Thành cũ", 1)]
    import_registry(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    # Phường Trần Phú is a unit of the registry, "Cẩm Thành" another spelling of one.
    assert ur.unmatched(store) == [
        ur.Unmatched(unit_key("Phòng Tư pháp"), "Phòng Tư pháp", 3, None),
        ur.Unmatched(unit_key("P. Cẩm Thành cũ"), "P. Cẩm Thành cũ", 1, "Phường Cẩm Thành")]
    ur.save(store, Access(), lambda units: ur.aliased(units, "Phường Cẩm Thành", "P. Cẩm Thành cũ"))
    ur.save(store, Access(), lambda units: ur.added(units, "Phòng Tư pháp"))
    assert ur.unmatched(store) == []
    with store.connect() as con:
        assert current_registry(con)[-1] == RegistryUnit("Phòng Tư pháp", 10)


def test_the_likely_unit_is_proposed_only_when_it_is_one_and_plain():
    assert ur.likely_unit("P Trần Phú", REGISTRY) == "Phường Trần Phú"
    assert ur.likely_unit("Phuong Le Hong Phong", REGISTRY) == "Phường Lê Hồng Phong"
    assert ur.likely_unit("P. Cẩm Thành cũ", REGISTRY) == "Phường Cẩm Thành"
    assert ur.likely_unit("Phòng Tư pháp", REGISTRY) is None
    communes = [RegistryUnit("Xã Nghĩa Dõng", 2), RegistryUnit("Xã Nghĩa Dũng", 3)]
    assert ur.likely_unit("Xã Nghĩa Dõng cũ", communes) == "Xã Nghĩa Dõng"
    assert ur.likely_unit("Nghia Dong", communes) == "Xã Nghĩa Dõng"  # letters still matter
    assert ur.likely_unit("Xã Nghĩa", communes) is None  # two units begin so


def test_a_merged_unit_is_carried_by_its_successor_after_the_edit():
    change = ur.merged(REGISTRY, "Phòng Nội vụ", "Phường Cẩm Thành", dt.date(2025, 8, 1))
    lineage, _ = resolve(change.units)
    assert carrier(lineage, unit_key("Phòng Nội vụ"), dt.date(2025, 7, 31)) == unit_key("Phòng Nội vụ")
    assert carrier(lineage, unit_key("Phòng Nội vụ"), dt.date(2025, 8, 1)) == unit_key("Phường Cẩm Thành")


def test_import_file_recognises_a_registry_and_reports_it(store):
    """The import page's route: any file goes to import_file, which imports a registry as import_registry does."""
    report = import_file(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv", origin="upload")
    assert (report.kind, report.rows_read, report.rows_loaded, report.rows_rejected) == ("registry", 7, 4, 3)
    assert store.registry() == REGISTRY
    assert report.to_json("vi")["notes"] == ["4 đơn vị trong danh mục."]
    assert report.to_json("en")["rejects"][1] == {"row": 11, "reason": "No unit name (column “Tên đơn vị” is empty)"}
    batch = store.batches()[0]
    assert (batch["kind"], batch["origin"], batch["inserted"], batch["updated"]) == ("registry", "upload", 4, 0)
