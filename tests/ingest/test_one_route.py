"""Every form of a file takes the one import route and is decided alike (docs/design.md §5.2).

The rows under the header reach the database as one raw table however the file came: a workbook's cells, a UTF-8
text export read by DuckDB as it was kept, another encoding transcoded once, a file with blank lines written
once as a canonical copy. Each test imports the same register in several forms and compares the reports and
everything stored with the register read by Python's own csv module (the way a person's spreadsheet program
reads it), so DuckDB's reading is checked against an independent reader.
"""

from __future__ import annotations

import contextlib
import unicodedata
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import importer
from analytics.importer import ImportReport, import_file
from analytics.ingest import raw, readers
from analytics.store import Store
from tests.builders import csv_bytes, html_bytes, new_store, xlsx_bytes

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


@contextlib.contextmanager
def read_by_python(monkeypatch: pytest.MonkeyPatch):
    """Imports in the block read a text file's rows with Python's csv module (readers.read_source) and put
    them into the raw table cell by cell, as a workbook's are: the reference the DuckDB reading must match."""
    def from_python(con, store, source, layout, data, stored_name):
        whole = readers.read_source(data.read_bytes() if isinstance(data, Path) else data, source.file_name)
        rows = whole.sheet(layout.sheet).rows[layout.first_data_row - 1:]
        return raw.from_rows(con, rows, len(layout.labels))

    with monkeypatch.context() as patch:
        patch.setattr(importer, "_raw_rows", from_python)
        yield


def stored(store: Store) -> dict[str, list[tuple]]:
    with duckdb.connect(str(store.path), read_only=True) as con:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("task_versions", "tasks", "units", "batch_rejects", "batch_ignored", "event_versions")
        } | {"batches": con.execute("SELECT * EXCLUDE (imported_at, file_kind, encoding, file_sha256, "
                                    "stored_name, file_size) FROM batches ORDER BY ALL").fetchall()}


def imported(tmp_path: Path, name: str, data: bytes | Path, file_name: str = "so-theo-doi.csv") -> tuple[
        ImportReport, dict]:
    store = new_store(tmp_path / f"{name}.duckdb")
    report = import_file(store, data, file_name)
    return report, stored(store)


@contextlib.contextmanager
def as_a_large_file(monkeypatch: pytest.MonkeyPatch, data: bytes | Path):
    """In the block, `data` is read as a file too large to be read whole with its first rows: the database reads
    it (a small file's records, read by Python with its first rows, go in as cells)."""
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    with monkeypatch.context() as patch:
        patch.setattr(readers, "HEAD_BYTES", size - 1)
        yield


def same_as_python_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes,
                         file_name: str = "so-theo-doi.csv") -> ImportReport:
    """Import `data` as a large file, and again reading it with Python's csv module: the same report, the same rows
    stored."""
    with as_a_large_file(monkeypatch, data):
        report, found = imported(tmp_path, "route", data, file_name)
        with read_by_python(monkeypatch):  # (the same first rows, so the same table is found in them)
            reference, expected = imported(tmp_path, "python", data, file_name)
    assert report.to_json() == reference.to_json()
    assert [(r.row, r.problems, r.values) for r in report.rejects] == [
        (r.row, r.problems, r.values) for r in reference.rejects]
    assert (report.blank_rows, report.ignored) == (reference.blank_rows, reference.ignored)
    assert found == expected
    return report


def test_a_messy_register_is_decided_as_checked_by_hand(tmp_path, monkeypatch):
    report = same_as_python_reads(tmp_path, monkeypatch, csv_bytes([*TITLE, HEADER, *MESSY_ROWS]))
    assert report.route == "direct"
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
    assert report.blank_rows == 2
    assert ("derived_ids", {"count": 2}) in report.notes
    assert any(code == "unit_matched" for code, _ in report.notes)


def test_a_small_text_file_goes_in_as_the_records_read_with_its_first_rows(tmp_path, monkeypatch):
    """A file read whole with its first rows is not read a second time: its records go in as cells."""
    data = csv_bytes([*TITLE, HEADER, *MESSY_ROWS[:6]])
    report, found = imported(tmp_path, "small", data)
    assert report.route == "records"
    large = same_as_python_reads(tmp_path, monkeypatch, data)
    assert large.route == "direct"
    assert report.to_json() == large.to_json()


def test_the_same_register_as_a_web_page_is_decided_alike(tmp_path):
    """The rows as an HTML table saved as .xls (Windows-1258, as older systems write it) reach the same decisions
    and the same stored rows as the CSV's lines. (A page shows a tab inside a cell as a space, as a browser does:
    that cell is written without one here.)"""
    rows = [[cell.replace("\t", " ") for cell in row] for row in [*TITLE, HEADER, *MESSY_ROWS]]
    as_csv, csv_stored = imported(tmp_path, "csv", csv_bytes(rows))
    as_page, page_stored = imported(tmp_path, "page", html_bytes(rows, charset="windows-1258"), "so-theo-doi.xls")
    assert as_page.route == "sheet"
    for report in (as_csv, as_page):
        report.file = ""
    assert as_page.to_json() | {"sheet": ""} == as_csv.to_json() | {"sheet": ""}
    for table in ("task_versions", "tasks", "units", "batch_rejects", "batch_ignored"):
        assert page_stored[table] == csv_stored[table], table


def test_the_same_register_as_a_workbook_is_decided_alike(tmp_path):
    """Cells of a workbook (here all text, as the CSV's) reach the same decisions as the CSV's lines. (A workbook
    cannot hold the over-long cell: Excel's limit is what the rule checks.)"""
    rows = [*TITLE, HEADER, *(row for row in MESSY_ROWS if row[1] != "NV-11")]
    as_csv, csv_stored = imported(tmp_path, "csv", csv_bytes(rows))
    as_xlsx, xlsx_stored = imported(tmp_path, "xlsx", xlsx_bytes(rows), "so-theo-doi.xlsx")
    assert as_xlsx.route == "sheet"
    for report in (as_csv, as_xlsx):
        report.file = ""
    assert as_xlsx.to_json() | {"sheet": ""} == as_csv.to_json() | {"sheet": ""}
    assert xlsx_stored["tasks"] == csv_stored["tasks"]
    assert xlsx_stored["batch_rejects"] == csv_stored["batch_rejects"]


def test_the_first_row_of_a_repeated_id_keeps_it_even_when_a_rejected_row_came_first(tmp_path, monkeypatch):
    rows = [["1", "NV-5", "Ngày sai", "Xã A", "", "", "31/02/2023", "", "", "", ""],
            ["2", "NV-5", "Đúng", "Xã A", "", "", "01/02/2023", "", "", "", ""],
            ["3", "NV-5", "Lặp", "Xã A", "", "", "01/02/2023", "", "", "", ""]]
    report = same_as_python_reads(tmp_path, monkeypatch, csv_bytes([HEADER, *rows]))
    assert [(r.row, [p.code for p in r.problems]) for r in report.rejects] == [(2, ["impossible_date"]),
                                                                               (4, ["duplicate_id"])]
    assert report.rejects[1].problems[0].params == {"task_id": "NV-5", "first_row": 3}


ROW, OTHER = MESSY_ROWS[2], MESSY_ROWS[3]


@pytest.mark.parametrize("why, data, route", [
    ("a plain export", csv_bytes([*TITLE, HEADER, ROW, OTHER]), "direct"),
    ("a blank line between tasks", csv_bytes([HEADER, ROW, [], OTHER]), "records"),
    ("a blank line right under the header", csv_bytes([HEADER, [], ROW, OTHER]), "records"),
    ("blank lines only at the end", csv_bytes([HEADER, ROW, OTHER]) + b"\r\n\r\n", "direct"),
    ("no line break at the end", csv_bytes([HEADER, ROW, OTHER]).rstrip(), "direct"),
    ("a cell over two lines", csv_bytes([HEADER, ROW, ["5", "NV-9", "Dòng một\nDòng hai", "Xã A", "", "",
                                                         "01/03/2023", "", "", "", ""]]), "records"),
    ("a cell over two lines, one of them blank", csv_bytes([HEADER, ROW, ["5", "NV-9", "Dòng một\n\nDòng hai",
                                                                            "Xã A", "", "", "01/03/2023"]]),
     "records"),
    # (beyond the first rows, where the header's width is taken)
    ("a row wider than the header", csv_bytes([HEADER, *[ROW] * 2000, [*OTHER, "thừa"]]), "records"),
    ("a row narrower than the header", csv_bytes([HEADER, ROW, OTHER[:5]]), "direct"),
    # (DuckDB skips such a title wrongly on this version: its count of rows tells, and Python reads it)
    ("a title cell over two lines", csv_bytes([["BÁO CÁO\nTIẾN ĐỘ"], HEADER, ROW]), "records"),
    ("a blank title line", csv_bytes([["BÁO CÁO"], [], [], HEADER, ROW]), "direct"),
    ("text after a closing quote", csv_bytes([HEADER, ROW]) + '"NV-1"x,"a"b,Xã A,,,,01/03/2023\r\n'.encode(),
     "records"),
    ("Windows-1258", csv_bytes([*TITLE, HEADER, ROW, OTHER], encoding="cp1258"), "transcoded"),
    ("UTF-16 (Excel's Unicode text)", csv_bytes([HEADER, ROW, OTHER], delimiter="\t", encoding="utf-16"),
     "transcoded"),
    ("UTF-8 with a byte-order mark", b"\xef\xbb\xbf" + csv_bytes([HEADER, ROW, OTHER]), "direct"),
    ("decomposed accents (macOS)", unicodedata.normalize("NFD", csv_bytes([HEADER, ROW, OTHER]).decode()).encode(),
     "transcoded"),
    ("old Mac line ends", csv_bytes([HEADER, ROW, OTHER]).replace(b"\r\n", b"\r"), "records"),
    ("a stray CR inside a line", csv_bytes([HEADER, ROW]) + "2,NV-2,A\rB,Xã A,,,01/03/2023\r\n".encode(),
     "records"),
])
def test_each_form_of_text_file_reads_as_python_reads_it(tmp_path, monkeypatch, why, data, route):
    report = same_as_python_reads(tmp_path, monkeypatch, data)
    assert report.route == route, why
    assert report.rows_loaded >= 1


def test_a_register_on_disk_is_read_in_pieces_as_its_bytes_are(tmp_path, monkeypatch):
    """A file given by its path (the command line) is read a piece at a time, never whole; pieces far smaller than
    a line still end at line breaks, and a blank line split across two pieces is found."""
    data = csv_bytes([*TITLE, HEADER, *MESSY_ROWS[:8], [], *MESSY_ROWS[8:]], encoding="cp1258")
    path = tmp_path / "so-theo-doi.csv"
    path.write_bytes(data)
    monkeypatch.setattr(readers, "PIECE_BYTES", 7)
    assert b"".join(readers.pieces(path)) == data
    with as_a_large_file(monkeypatch, data):
        from_path, stored_path = imported(tmp_path, "path", path)
        monkeypatch.setattr(readers, "PIECE_BYTES", 16 * 1024 * 1024)
        from_bytes, stored_bytes = imported(tmp_path, "bytes", data)
    assert from_path.route == from_bytes.route == "records"
    assert from_path.to_json() == from_bytes.to_json()
    assert stored_path["tasks"] == stored_bytes["tasks"]
    assert from_path.rows_loaded == 6


CELLS = st.sampled_from([
    "", " ", "  x  ", "Phường Trần Phú", "Phuong Tran Phu", "xã tịnh ấn tây", "x", "-", "Tổng cộng", "12",
    "01/02/2023", "2023-02-30", "31/12/1989", "45000", "ngày 5 tháng 3 năm 2023", "Chưa", "Đã hoàn thành",
    "Không thời hạn", "NV-1", "NV-2", "Giám đốc", "KT. CHỦ TỊCH", '"a, b"', "\tTab\t", "Báo cáo\u00a0",
    "dòng một\ndòng hai", "\r", '"', "Hoà", unicodedata.normalize("NFD", "Phường Trần Phú"),
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 1), min_size=1, max_size=25))
def test_any_mix_of_cells_is_decided_as_python_reads_it(tmp_path_factory, monkeypatch, rows):
    same_as_python_reads(tmp_path_factory.mktemp("route"), monkeypatch, csv_bytes([*TITLE, HEADER, *rows]))
