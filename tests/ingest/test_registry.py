"""Unit registries as offices write them (ingest.registry): a title block, synonyms of the headers, a heading row,
dates in any of the register's forms, other spellings in one cell; every rejected row with its reasons."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from analytics.i18n import t
from analytics.importer import import_file, import_registry, problems_text
from analytics.ingest import raw
from analytics.ingest.errors import FileProblem, RegistryProblem
from analytics.ingest.readers import read_head
from analytics.ingest.registry import decide_registry, detect_registry_layout
from analytics.lineage import RegistryUnit, carrier, resolve
from analytics.text import unit_key
from tests.builders import csv_bytes, xlsx_bytes

TITLE = [["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"], ["DANH MỤC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ"], []]
HEADER = ["STT", "Tên đơn vị", "Khối", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác"]
ROWS = [
    ["I", "KHỐI XÃ, PHƯỜNG", "", "", "", ""],
    [1, "Phường Nguyễn Nghiêm", "Xã, phường", "Phường Cẩm Thành", "01/07/2025",
     "UBND P. Nguyễn Nghiêm; P Nguyễn Nghiêm"],
    [2, "Phường Chánh Lộ", "Xã, phường", "Phường Cẩm Thành", "1/7/2025", ""],
    [3, "Phường Cẩm Thành", "Xã, phường", "", "", "Cẩm Thành"],
    [4, "Phòng Nội vụ", "Chính quyền", "", "", ""],
    [5, "Xã Tịnh Ấn Đông", "Khối lạ", "", "31/02/2025", ""],
    [6, "", "Xã, phường", "", "", ""],
    [7, "Phường Nguyễn Nghiêm", "Xã, phường", "", "", ""],
    [],
    ["", "Người lập biểu", "", "", "", ""],
]


def decided(data: bytes, name: str):
    source = read_head(data, name)
    layout = detect_registry_layout(source)
    assert layout is not None
    con = duckdb.connect()
    rows = source.sheet(layout.sheet).rows[layout.first_data_row - 1:]
    got = raw.from_rows(con, rows, len(layout.labels))
    return layout, decide_registry(con, layout, got.rows, got.trailing_blank)


def test_a_registry_under_its_title_block_as_checked_by_hand():
    layout, registry = decided(csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    assert layout.header_row == 4
    assert [u.name for u in registry.units] == ["Phường Nguyễn Nghiêm", "Phường Chánh Lộ", "Phường Cẩm Thành",
                                                "Phòng Nội vụ"]
    tran_phu = registry.units[0]
    assert (tran_phu.row, tran_phu.block, tran_phu.successor, tran_phu.effective) == (
        6, "commune", "Phường Cẩm Thành", dt.date(2025, 7, 1))
    # "UBND P. Nguyễn Nghiêm" is its own name as unit_key reads it; "P Nguyễn Nghiêm" (no dot) is another spelling.
    assert tran_phu.aliases == ("P Nguyễn Nghiêm",)
    assert registry.units[1].effective == dt.date(2025, 7, 1)  # "1/7/2025": day first, as every date
    assert registry.units[2].aliases == ("Cẩm Thành",)
    assert registry.units[3].block == "government"
    assert {r.row: [p.code for p in r.problems] for r in registry.rejects} == {
        10: ["unknown_block", "impossible_date"], 11: ["missing_unit_name"], 12: ["duplicate_unit"]}
    assert registry.rejects[2].problems[0].params["first_row"] == 6
    assert [(i.row, i.code) for i in registry.ignored] == [(5, "section_heading"), (14, "footer")]
    assert registry.blank_rows == 1


def test_the_registry_read_from_a_workbook_gives_the_same_units_and_their_lineage():
    _, from_csv = decided(csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    rows = [[dt.date(2025, 7, 1) if cell == "01/07/2025" else cell for cell in row] for row in ROWS]
    _, from_xlsx = decided(xlsx_bytes([*TITLE, HEADER, *rows]), "danh-muc.xlsx")
    assert from_xlsx.units == from_csv.units
    lineage, problems = resolve(from_xlsx.units)
    assert problems == []
    assert carrier(lineage, unit_key("Phường Chánh Lộ"), dt.date(2025, 6, 30)) == unit_key("Phường Chánh Lộ")
    assert carrier(lineage, unit_key("Phường Chánh Lộ"), dt.date(2025, 7, 1)) == unit_key("Phường Cẩm Thành")


def test_every_problem_is_said_in_both_languages():
    _, registry = decided(csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    for reject in registry.rejects:
        for lang in ("vi", "en"):
            assert "{" not in problems_text(reject.problems, lang)
    _, problems = resolve([RegistryUnit("Xã A", 2, successor="Xã B"), RegistryUnit("Xã C", 3, successor="Xã C",
                                                                                  effective=dt.date(2025, 7, 1))])
    said = [t(f"lineage.{p.code}", "vi", **p.params) for p in problems]
    assert said == ["Xã A: đơn vị sáp nhập vào, “Xã B”, không có trong danh mục",
                    "Xã A sáp nhập vào đơn vị khác nhưng thiếu ngày hiệu lực",
                    "Xã C được ghi là sáp nhập vào chính nó"]


def test_a_register_is_not_a_registry():
    source = read_head(csv_bytes([["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
                                  ["NV-1", "Báo cáo", "Phòng Nội vụ", "25/10/2023"]]), "so.csv")
    assert detect_registry_layout(source) is None


# --- stored ----------------------------------------------------------------------------------------------------

REGISTER = [
    ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Ngày giao", "Hạn xử lý"],
    ["NV-1", "Báo cáo giải phóng mặt bằng", "Phường Nguyễn Nghiêm", "02/01/2025", "30/05/2025"],
    ["NV-2", "Kế hoạch chuyển đổi số", "P Nguyễn Nghiêm", "02/01/2025", "30/09/2025"],
    ["NV-3", "Rà soát hộ nghèo", "Phòng Nội vụ", "02/01/2025", "30/09/2025"],
]


def unit_rows(store):
    return store.query("SELECT unit_key, name, block, block_source FROM units ORDER BY unit_key")


def test_a_registry_is_stored_in_force_and_undone(store):
    import_file(store, csv_bytes(REGISTER), "so.csv", snapshot_date=dt.date(2025, 10, 1))
    before = unit_rows(store)
    report = import_registry(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    assert (report.kind, report.rows_loaded, report.rows_rejected) == ("registry", 4, 3)
    assert [(u.name, u.row) for u in store.registry()][:2] == [("Phường Nguyễn Nghiêm", 6), ("Phường Chánh Lộ", 7)]
    assert store.query("SELECT unit_key, carrier_key, start, depth FROM unit_lineage WHERE depth > 0 ORDER BY 1") == [
        (unit_key("Phường Chánh Lộ"), unit_key("Phường Cẩm Thành"), dt.date(2025, 7, 1), 1),
        (unit_key("Phường Nguyễn Nghiêm"), unit_key("Phường Cẩm Thành"), dt.date(2025, 7, 1), 1)]
    assert store.query("SELECT alias_key, unit_key FROM unit_aliases ORDER BY 1") == [
        (unit_key("Cẩm Thành"), unit_key("Phường Cẩm Thành")),
        (unit_key("P Nguyễn Nghiêm"), unit_key("Phường Nguyễn Nghiêm"))]
    after = {key: (name, block, source) for key, name, block, source in unit_rows(store)}
    assert after[unit_key("Phường Cẩm Thành")] == ("Phường Cẩm Thành", "commune", "registry")
    assert after[unit_key("Phòng Nội vụ")] == ("Phòng Nội vụ", "government", "registry")
    assert store.undo(report.batch_id)
    assert store.registry() == []
    assert store.query("SELECT count(*) FROM unit_lineage")[0][0] == 0
    assert unit_rows(store) == before  # the inferred blocks back, the registry's own units gone


def test_a_registry_whose_mergers_cannot_be_followed_is_not_stored_and_names_its_rows(store):
    rows = [["Tên đơn vị", "Sáp nhập vào", "Ngày hiệu lực"],
            ["Xã A", "Xã B", "01/07/2025"], ["Xã B", "Xã A", "01/07/2025"], ["Xã C", "Xã Không Có", "01/07/2025"]]
    with pytest.raises(RegistryProblem) as raised:
        import_registry(store, csv_bytes(rows), "danh-muc.csv")
    assert raised.value.message("vi") == (
        "danh mục đơn vị chưa được nhập vì: dòng 4: Xã C: đơn vị sáp nhập vào, “Xã Không Có”, không có trong danh mục")
    rows[3] = ["Xã C", "", ""]
    with pytest.raises(RegistryProblem) as raised:
        import_registry(store, csv_bytes(rows), "danh-muc.csv")
    assert raised.value.message("en") == (
        "the unit registry was not imported: row 2, 3: Mergers that go round in a circle: Xã A → Xã B → Xã A")
    assert store.registry() == [] and store.batches() == []


def test_a_register_is_no_registry(store):
    with pytest.raises(FileProblem) as raised:
        import_registry(store, csv_bytes(REGISTER), "so.csv")
    assert raised.value.code == "no_registry_header"


def test_a_registers_other_spelling_goes_to_the_registry_unit(store):
    import_registry(store, csv_bytes([*TITLE, HEADER, *ROWS]), "danh-muc.csv")
    report = import_file(store, csv_bytes(REGISTER), "so.csv", snapshot_date=dt.date(2025, 10, 1))
    assert ("unit_alias", {"name": "P Nguyễn Nghiêm", "target": "Phường Nguyễn Nghiêm"}) in report.notes
    assert store.query("SELECT task_id, unit_key FROM tasks ORDER BY 1") == [
        ("NV-1", unit_key("Phường Nguyễn Nghiêm")), ("NV-2", unit_key("Phường Nguyễn Nghiêm")),
        ("NV-3", unit_key("Phòng Nội vụ"))]
    assert store.query("SELECT count(*) FROM units WHERE unit_key = $k", {"k": unit_key("P Nguyễn Nghiêm")}) == [(0,)]
