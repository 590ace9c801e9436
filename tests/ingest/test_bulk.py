"""The bulk route (ingest.bulk) decides every row exactly as the ordinary reader does.

Each test imports the same bytes twice, once forced through the bulk route and once the ordinary way, and
compares the reports and everything stored. Files the bulk route cannot read line for line must fall back.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.importer import ImportReport, import_file
from analytics.ingest import bulk
from analytics.store import Store
from tests.builders import csv_bytes

HEADER = ["STT", "Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Ngày giao", "Hạn xử lý",
          "Gia hạn đến", "Ngày hoàn thành", "Số lần chuyển", "Nguyên nhân chậm"]
TITLE = [["ỦY BAN NHÂN DÂN THÀNH PHỐ"], [], ["BÁO CÁO TIẾN ĐỘ NHIỆM VỤ"], ["Số liệu tính đến ngày 25/10/2023"]]

MESSY_ROWS = [
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)"],
    ["I", "KHỐI CHÍNH QUYỀN", "", "", "", "", "", "", "", "", ""],
    ["1", "NV-1", "Rà soát quy hoạch", "Phường Trần Phú", "Nguyễn Văn A", "02/01/2023", "31/03/2023", "", "",
     "0", ""],
    ["2", "NV-2", "  Báo cáo\tđất đai ", "Phuong Tran Phu", "Lê Thị B", "2023-01-05", "15/04/2023", "30/04/2023",
     "20/04/2023", "1", "Chờ ý kiến sở"],
    ["3", "NV-3", "Giải phóng mặt bằng", "", "", "05/01/2023", "30/06/2023", "", "", "", ""],
    ["4", "NV-1", "Trùng mã", "Xã Tịnh Ấn Tây", "", "05/01/2023", "30/06/2023", "", "", "", ""],
    ["5", "NV-5", "Ngày sai", "Xã Tịnh Ấn Tây", "", "05/01/2023", "31/02/2023", "", "", "", ""],
    ["6", "NV-5", "Trùng mã của dòng bị loại", "Xã Tịnh Ấn Tây", "", "05/01/2023", "01/02/2023", "", "", "", ""],
    ["7", "NV-5", "Lần thứ ba", "Xã Tịnh Ấn Tây", "", "05/01/2023", "01/02/2023", "", "", "", ""],
    ["8", "", "Không có mã", "Phường Nghĩa Chánh", "", "01/02/2023", "01/03/2023", "", "Chưa", "", ""],
    ["9", "", "Không có mã", "Phường Nghĩa Chánh", "", "01/02/2023", "01/03/2023", "", "Chưa", "", ""],
    ["10", "NV-10", "Hoàn thành không ngày", "Phường Nghĩa Chánh", "", "01/02/2023", "01/03/2023", "",
     "Đã hoàn thành", "abc", ""],
    ["11", "NV-11", "x" * 32_800, "Phường Nghĩa Chánh", "", "01/02/2023", "Không thời hạn", "", "", "", ""],
    ["12", "NV-12", "Ô trống là khoảng trắng", "   ", "   ", "01/02/2023", "01/03/2023", "", "", "", ""],
    ["13", "NV-13", '=HYPERLINK("x")', "x", "", "ngày 5 tháng 3 năm 2023", "45000", "", "", "", ""],
    ["Tổng cộng", "", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "NGƯỜI LẬP BIỂU", "", "", ""],
    ["", "", "", "", "", "", "", "Trần Văn C", "", "", ""],
    ["14", "NV-14", "Sau chữ ký vẫn là nhiệm vụ", "Phường Trần Phú", "", "01/02/2023", "01/03/2023", "", "", "",
     ""],
]


def _import(tmp_path: Path, name: str, data: bytes, force_bulk: bool,
            monkeypatch: pytest.MonkeyPatch) -> tuple[ImportReport, Store, list[str]]:
    """Import `data`; returns the report, the store and which route took the rows ("bulk" or "ordinary")."""
    routes: list[str] = []
    real_stage = bulk.stage

    def spy(*args, **kwargs):
        try:
            staged = real_stage(*args, **kwargs)
        except bulk.NotBulk:
            routes.append("fallback")
            raise
        routes.append("bulk")
        return staged

    with monkeypatch.context() as patch:
        patch.setattr(bulk, "MIN_BYTES", 0 if force_bulk else 10**12)
        patch.setattr(bulk, "stage", spy)
        store = Store(tmp_path / f"{name}.duckdb", lock_wait=5)
        store.ensure()
        report = import_file(store, data, "so-theo-doi.csv")
    return report, store, routes


def _stored(store: Store) -> dict[str, list[tuple]]:
    with duckdb.connect(str(store.path), read_only=True) as con:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("task_versions", "tasks", "units", "batch_rejects", "batch_ignored")
        } | {"batches": con.execute("SELECT * EXCLUDE (imported_at) FROM batches ORDER BY ALL").fetchall()}


def _both_routes(tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[ImportReport, list[str]]:
    """Import the same bytes both ways and check that the reports and the stored rows are the same."""
    fast, fast_store, routes = _import(tmp_path, "bulk", data, True, monkeypatch)
    ordinary, ordinary_store, ordinary_routes = _import(tmp_path, "ordinary", data, False, monkeypatch)
    assert ordinary_routes == []
    assert fast.to_json() == ordinary.to_json()
    assert [(r.row, r.problems, r.values) for r in fast.rejects] == [
        (r.row, r.problems, r.values) for r in ordinary.rejects]
    assert (fast.blank_rows, fast.ignored) == (ordinary.blank_rows, ordinary.ignored)
    assert _stored(fast_store) == _stored(ordinary_store)
    for store in (fast_store, ordinary_store):
        shutil.rmtree(store.originals_dir)
        store.path.unlink()
    return fast, routes


def test_a_messy_register_is_read_by_the_bulk_route_exactly_as_the_ordinary_way(tmp_path, monkeypatch):
    data = csv_bytes([*TITLE, HEADER, *MESSY_ROWS])
    report, routes = _both_routes(tmp_path, data, monkeypatch)
    assert routes == ["bulk"]
    # Checked by hand: 14 task rows (the one after the signature too), 8 rejected.
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (14, 6, 8)
    codes = {r.row: [p.code for p in r.problems] for r in report.rejects}
    first = len(TITLE) + 4  # the file's row of NV-1: title block, header, numbering row, heading
    assert codes == {
        first + 2: ["missing_unit"],
        first + 3: ["duplicate_id"],  # NV-1 again
        first + 4: ["impossible_date"],  # 31/02: this NV-5 is rejected, so the next one keeps the id
        first + 6: ["duplicate_id"],
        first + 9: ["completed_without_date", "not_a_count"],
        first + 10: ["cell_too_long"],
        first + 11: ["missing_unit"],  # a unit of spaces
        first + 12: ["unit_not_a_name"],
    }
    assert [i.code for i in report.ignored] == ["numbering_row", "section_heading", "total_row", "footer", "footer"]
    assert ("derived_ids", {"count": 2}) in report.notes
    assert any(code == "unit_matched" for code, _ in report.notes)


def test_the_first_row_of_a_repeated_id_keeps_it_even_when_a_rejected_row_came_first(tmp_path, monkeypatch):
    rows = [["1", "NV-5", "Ngày sai", "Xã A", "", "", "31/02/2023", "", "", "", ""],
            ["2", "NV-5", "Đúng", "Xã A", "", "", "01/02/2023", "", "", "", ""],
            ["3", "NV-5", "Lặp", "Xã A", "", "", "01/02/2023", "", "", "", ""]]
    report, routes = _both_routes(tmp_path, csv_bytes([HEADER, *rows]), monkeypatch)
    assert routes == ["bulk"]
    assert [(r.row, [p.code for p in r.problems]) for r in report.rejects] == [(2, ["impossible_date"]),
                                                                               (4, ["duplicate_id"])]
    assert report.rejects[1].problems[0].params == {"task_id": "NV-5", "first_row": 3}


@pytest.mark.parametrize("why, data", [
    ("a blank line between tasks", csv_bytes([HEADER, MESSY_ROWS[2], [], MESSY_ROWS[3]])),
    ("a cell over two lines", csv_bytes([HEADER, MESSY_ROWS[2], ["5", "NV-9", "Dòng một\nDòng hai", "Xã A", "",
                                                                  "", "01/03/2023", "", "", "", ""]])),
    # (beyond the first lines, where the header's width is taken)
    ("a row wider than the header", csv_bytes([HEADER, *[MESSY_ROWS[2]] * 2000, [*MESSY_ROWS[3], "thừa"]])),
    ("a title cell over two lines", csv_bytes([["BÁO CÁO\nTIẾN ĐỘ"], HEADER, MESSY_ROWS[2]])),
])
def test_files_the_bulk_route_cannot_read_line_for_line_go_the_ordinary_way(tmp_path, monkeypatch, why, data):
    monkeypatch.setattr(bulk, "HEAD_BYTES", 64 * 1024)
    report, routes = _both_routes(tmp_path, data, monkeypatch)
    assert routes == ["fallback"], why
    assert report.rows_loaded >= 1


@pytest.mark.parametrize("why, data", [
    ("not UTF-8 (a Windows-1258 byte)", csv_bytes([HEADER, MESSY_ROWS[2]] * 500) + b"\xd0\xf2\r\n"),
    ("decomposed accents (macOS)", unicodedata.normalize("NFD", csv_bytes([HEADER, MESSY_ROWS[2]] * 500)
                                                          .decode()).encode()),
    ("old Mac line ends", csv_bytes([HEADER, MESSY_ROWS[2]] * 500).replace(b"\r\n", b"\r")),
])
def test_other_encodings_and_line_ends_are_never_planned_for_the_bulk_route(monkeypatch, why, data):
    monkeypatch.setattr(bulk, "MIN_BYTES", 0)
    assert bulk.plan(data, "x.csv") is None, why
    assert bulk.plan(csv_bytes([HEADER, MESSY_ROWS[2]] * 500), "x.csv") is not None


CELLS = st.sampled_from([
    "", " ", "  x  ", "Phường Trần Phú", "Phuong Tran Phu", "xã tịnh ấn tây", "x", "-", "Tổng cộng", "12",
    "01/02/2023", "2023-02-30", "31/12/1989", "45000", "ngày 5 tháng 3 năm 2023", "Chưa", "Đã hoàn thành",
    "Không thời hạn", "NV-1", "NV-2", "Giám đốc", "KT. CHỦ TỊCH", '"a, b"', "\tTab\t", "Báo cáo\u00a0",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=25))
def test_any_mix_of_cells_is_decided_the_same_way_by_both_routes(tmp_path_factory, monkeypatch, rows):
    tmp_path = tmp_path_factory.mktemp("bulk")
    rows = [row for row in rows if any(cell.strip() for cell in row)] or [MESSY_ROWS[2]]  # blank lines fall back
    _, routes = _both_routes(tmp_path, csv_bytes([*TITLE, HEADER, *rows]), monkeypatch)
    assert routes in (["bulk"], ["fallback"])


def test_a_register_on_disk_is_planned_in_pieces_and_imported_as_its_bytes_are(tmp_path, monkeypatch):
    data = csv_bytes([*TITLE, HEADER, *MESSY_ROWS])
    path = tmp_path / "so-theo-doi.csv"
    path.write_bytes(data)
    monkeypatch.setattr(bulk, "MIN_BYTES", 0)
    monkeypatch.setattr(bulk, "_CHUNK", 7)  # pieces far smaller than a line: each still ends at a line break
    from_path, from_bytes = bulk.plan(path, path.name), bulk.plan(data, path.name)
    assert from_path.lines == from_bytes.lines == data.count(b"\n")
    assert from_path.head.sheets[0].rows == from_bytes.head.sheets[0].rows
    assert b"".join(bulk._pieces(path)) == b"".join(bulk._pieces(data)) == data

    reports = []
    for name, content in (("path", path), ("bytes", data)):
        store = Store(tmp_path / f"{name}.duckdb", lock_wait=5)
        store.ensure()
        reports.append(import_file(store, content, path.name).to_json())
        assert store.original(store.batches()[0]["stored_name"]) == data
    assert reports[0] == reports[1]
    assert reports[0]["rows_loaded"] == 6
