"""Exports as other systems produce them: web pages saved as .xls (UTF-8 or Windows-1258, a title block, a header of
two rows in colspan and rowspan, a numbering row), pages made to hurt, workbooks with a sheet per unit and no unit
column, several register sheets of one layout imported as one batch, workbooks in the 1904 date system."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
import zipfile

import pytest
import xlsxwriter

from analytics.importer import detect_table, import_file, import_registry, preview
from analytics.ingest.errors import FileProblem
from analytics.ingest.layout import detect_layout
from analytics.ingest.readers import read_head
from analytics.store import Store
from tests.builders import d, html_bytes, to_cp1258, xlsx_bytes

# --- web pages saved as .xls ------------------------------------------------------------------------------------

_PAGE = """<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>Xuất dữ liệu</title>
<style>td {{ mso-number-format: "\\@"; }}</style>
<!--[if gte mso 9]><xml><x:ExcelWorkbook></x:ExcelWorkbook></xml><![endif]-->
</head>
<body>
<p align="center"><b>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ QUẢNG NGÃI</b></p>
<h3>BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO</h3>
<p><i>(Số liệu tính đến ngày 25/10/2023)</i></p>
<table border="1">
<thead>
<tr><th rowspan="2">STT</th><th rowspan="2">Mã NV</th><th rowspan="2">Trích yếu</th><th rowspan="2">Đơn vị chủ trì</th>
    <th colspan="2">Thời hạn</th></tr>
<tr><th>Hạn xử lý</th><th>Ngày hoàn thành</th></tr>
<tr><td>(1)</td><td>(2)</td><td>(3)</td><td>(4)</td><td>(5)</td><td>(6)</td></tr>
</thead>
<tbody>
<tr><td>1</td><td>HS-01</td><td>Rà soát&nbsp;hồ sơ<br>cấp Giấy chứng nhận quyền sử dụng đất</td>
    <td rowspan="2">Phường Trần Phú</td><td>01/10/2023</td><td>&nbsp;</td></tr>
<tr><td>2</td><td>HS-02</td><td>  Báo cáo
      kết quả   giải phóng mặt bằng </td><td>30/10/2023</td><td>20/10/2023</td></tr>
<tr><td>3</td><td>HS-03</td><td>Kiểm tra trật tự xây dựng</td><td>UBND xã Nghĩa Dõng</td><td>31/02/2023</td>
    <td></td></tr>
<tr><td colspan="6">Tổng cộng: 3 nhiệm vụ</td></tr>
</tbody>
</table>
<p>Quảng Ngãi, ngày 25 tháng 10 năm 2023</p>
</body>
</html>
"""


def _page(charset: str) -> bytes:
    text = _PAGE.format(charset=charset)
    return to_cp1258(text) if charset == "windows-1258" else text.encode(charset)


def stored_tasks(store: Store) -> list[tuple]:
    return store.query("SELECT task_id, title, unit, due_date, completed_date FROM tasks ORDER BY task_id")


_EXPECTED = [
    ("HS-01", "Rà soát hồ sơ\ncấp Giấy chứng nhận quyền sử dụng đất", "Phường Trần Phú", d("01/10/2023"), None),
    ("HS-02", "Báo cáo kết quả giải phóng mặt bằng", "Phường Trần Phú", d("30/10/2023"), d("20/10/2023")),
]


@pytest.mark.parametrize("charset", ["utf-8", "windows-1258"])
def test_a_web_page_saved_as_xls_is_imported_like_a_sheet(store: Store, charset: str):
    data = _page(charset)
    if charset == "windows-1258":
        assert "Trần".encode() not in data  # tones as combining marks, not the letters UTF-8 would write
    report = import_file(store, data, "xuat_du_lieu.xls")
    # The title block: four lines (the <br> splits the first paragraph). The header's rows are 5 and 6; the
    # rowspans give row 6 every label, as merged cells of a workbook do.
    assert (report.header_row, report.snapshot_date, report.snapshot_source) == (6, d("25/10/2023"), "file")
    assert report.mapping == {"Mã NV": "task_id", "Trích yếu": "title", "Đơn vị chủ trì": "unit",
                              "Hạn xử lý": "due_date", "Ngày hoàn thành": "completed_date"}
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert [(r.row, [p.code for p in r.problems]) for r in report.rejects] == [(10, ["impossible_date"])]
    assert report.rejects[0].values == ["3", "HS-03", "Kiểm tra trật tự xây dựng", "UBND xã Nghĩa Dõng",
                                        "31/02/2023", ""]
    assert [(i.row, i.code) for i in report.ignored] == [(7, "numbering_row"), (11, "total_row")]
    assert stored_tasks(store) == _EXPECTED
    assert all(unicodedata.is_normalized("NFC", title) for _, title, *_ in stored_tasks(store))
    batch = store.batches()[0]
    assert (batch["file_kind"], batch["encoding"]) == ("html", "utf-8" if charset == "utf-8" else "cp1258")


def test_the_encoding_of_a_page_that_does_not_say_it(store: Store):
    """No charset stated: UTF-8 when the page decodes as UTF-8 (with a BOM or without), else Windows-1258; a page
    whose stated encoding is wrong is read in the one it decodes in."""
    rows = [["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
            ["A1", "Giải quyết đơn thư khiếu nại", "Phường Nghĩa Lộ", "15/11/2023"]]
    page = html_bytes(rows).decode("utf-8").replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    for data, encoding in ((page.encode("utf-8"), "utf-8"), (b"\xef\xbb\xbf" + page.encode("utf-8"), "utf-8-sig"),
                           (to_cp1258(page), "cp1258"),
                           (to_cp1258(page.replace("<head>", '<head><meta charset="utf-8">')), "cp1258")):
        source = read_head(data, "khong_khai_bao.xls")
        assert source.encoding == encoding
        assert source.sheets[0].rows[1] == ["A1", "Giải quyết đơn thư khiếu nại", "Phường Nghĩa Lộ", "15/11/2023"]


def test_of_several_tables_the_register_is_found_and_the_others_named():
    page = html_bytes([["Người xuất", "Nguyễn Văn A"], ["Thời điểm", "25/10/2023 08:00"]]).replace(
        b"</table>", b"</table><p>DANH S\xc3\x81CH NHI\xe1\xbb\x86M V\xe1\xbb\xa4</p>" + html_bytes(
            [["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý"], ["B1", "Sở Xây dựng", "01/12/2023"]]).split(
            b"<body>\n")[1].split(b"</body>")[0], 1)
    source = read_head(page, "hai_bang.xls")
    assert [(s.name, len(s.rows)) for s in source.sheets] == [("#1", 2), ("#2", 3)]
    assert source.sheets[1].rows[0] == ["DANH SÁCH NHIỆM VỤ"]  # the paragraph between the tables is its title
    layout = detect_table(source)
    assert (layout.sheet, layout.header_row) == ("#2", 2)


def test_a_unit_registry_exported_as_a_web_page(store: Store):
    rows = [["STT", "Tên đơn vị", "Khối", "Sáp nhập vào", "Ngày hiệu lực"],
            ["1", "Phường Trần Phú", "Xã, phường", "Phường Cẩm Thành", "01/07/2025"],
            ["2", "Phường Cẩm Thành", "Xã, phường", "", ""],
            ["3", "Phòng Nội vụ", "Khối lạ", "", ""]]
    report = import_registry(store, html_bytes(rows, ["DANH MỤC ĐƠN VỊ"], charset="windows-1258"), "danh_muc.xls")
    assert (report.kind, report.header_row, report.rows_loaded, report.rows_rejected) == ("registry", 2, 2, 1)
    assert [u.name for u in store.registry()] == ["Phường Trần Phú", "Phường Cẩm Thành"]
    assert [(r.row, [p.code for p in r.problems]) for r in report.rejects] == [(5, ["unknown_block"])]


# --- pages made to hurt ---------------------------------------------------------------------------------------

_BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE html [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY file SYSTEM "file:///etc/passwd">
]>
<html><body><table>
<tr><td>M\xc3\xa3 nhi\xe1\xbb\x87m v\xe1\xbb\xa5</td><td>Tr\xc3\xadch y\xe1\xba\xbfu</td>
<td>\xc4\x90\xc6\xa1n v\xe1\xbb\x8b ch\xe1\xbb\xa7 tr\xc3\xac</td><td>H\xe1\xba\xa1n x\xe1\xbb\xad l\xc3\xbd</td></tr>
<tr><td>X1</td><td>&lol9;&file;</td><td>Ph\xc6\xb0\xe1\xbb\x9dng Tr\xe1\xba\xa7n Ph\xc3\xba</td><td>01/10/2023</td></tr>
<tr><td>X2</td><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; =SUM(A1)<script>alert(2)</script></td>
<td>Ph\xc6\xb0\xe1\xbb\x9dng Tr\xe1\xba\xa7n Ph\xc3\xba</td><td>02/10/2023</td></tr>
</table>
<script>document.write("<table><tr><td>M\xc3\xa3 nhi\xe1\xbb\x87m v\xe1\xbb\xa5</td></tr></table>")</script>
</body></html>
"""


def test_entities_and_scripts_in_a_page_are_text_never_expanded_or_run(store: Store):
    report = import_file(store, _BILLION_LAUGHS, "doc_hai.xls")
    assert (report.rows_read, report.rows_loaded) == (2, 2)
    assert store.query("SELECT task_id, title FROM tasks ORDER BY 1") == [
        ("X1", "&lol9;&file;"),  # an entity the page declares is left as written: nothing expanded, no file read
        ("X2", "<script>alert(1)</script> & =SUM(A1)"),  # escaped text is text; a script's own text is not shown
    ]
    assert len(read_head(_BILLION_LAUGHS, "doc_hai.xls").sheets) == 1  # the table a script would write is not one


def test_a_page_nested_beyond_the_parsers_limits_is_refused_not_read_in_part(store: Store):
    rows = "<tr><td>Mã nhiệm vụ</td><td>Đơn vị chủ trì</td><td>Hạn xử lý</td></tr>"
    rows += "<tr><td>Y1</td><td>Sở Y tế</td><td>01/10/2023</td></tr>" * 3
    page = ("<html><body>" + "<div>" * 100_000 + f"<table>{rows}</table>" + "</div>" * 100_000
            + "</body></html>").encode()
    with pytest.raises(FileProblem) as raised:
        import_file(store, page, "long_sau.xls")
    assert raised.value.code == "unreadable_page"
    assert "lồng quá sâu" in raised.value.message("vi") and "nested too deeply" in raised.value.message("en")
    assert not store.batches()
    with pytest.raises(FileProblem) as raised:  # a page with no table at all
        read_head(b"<html><body><p>Trang web</p></body></html>", "trang.xls")
    assert raised.value.code == "html_no_table"


def test_spans_beyond_htmls_limits_are_cut_to_them():
    page = (b"<table><tr><td colspan='99999999'>A</td><td rowspan='-3'>B</td></tr>"
            b"<tr><td rowspan='2'>C</td><td colspan='abc'>D</td></tr><tr><td>E</td></tr></table>")
    rows = read_head(page, "span.xls").sheets[0].rows
    assert [len(row) for row in rows] == [1001, 2, 2]
    assert rows[1] == ["C", "D"] and rows[2] == ["C", "E"]


@pytest.mark.child_process
def test_a_page_is_read_in_the_child_process_as_a_workbook_is(monkeypatch: pytest.MonkeyPatch):
    source = read_head(_page("windows-1258"), "con.xls")
    assert source.kind == "html" and source.sheets[0].rows[8][3] == "Phường Trần Phú"
    monkeypatch.setenv("DONDOC_WORKBOOK_MEMORY_MB", "100")  # too little for 20 million cells a page spans over
    many = "".join(f"<tr><td>Z{i}</td><td>Sở Y tế</td><td colspan='1000'>01/10/2023</td></tr>" for i in range(20_000))
    with pytest.raises(FileProblem) as raised:
        read_head(f"<html><body><table>{many}</table></body></html>".encode(), "lon.xls")
    assert raised.value.code == "workbook_too_large"


# --- workbooks in the 1904 date system ------------------------------------------------------------------------

def _dated_workbook(date1904: bool) -> bytes:
    """One register, four ways of writing 25/10/2023 as its deadline: a date cell, a date-and-time cell, and the
    serial number of the workbook's own date system in a cell not formatted as a date (and as text)."""
    serial = (dt.date(2023, 10, 25) - (dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30))).days
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "date_1904": date1904})
    sheet = workbook.add_worksheet("Nhiệm vụ")
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành"])
    sheet.write_row(1, 0, ["D1", "Sở Tài chính"])
    sheet.write_datetime(1, 2, dt.datetime(2023, 10, 25), day)
    sheet.write_datetime(1, 3, dt.datetime(2023, 10, 20, 16, 30),
                         workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}))
    sheet.write_row(2, 0, ["D2", "Sở Tài chính", serial, serial - 5])
    sheet.write_row(3, 0, ["D3", "Sở Tài chính", str(serial), f"{serial - 5}.75"])
    workbook.close()
    return buffer.getvalue()


@pytest.mark.parametrize("date1904", [False, True])
def test_a_workbook_in_the_1904_date_system_gives_the_same_dates(store: Store, date1904: bool):
    data = _dated_workbook(date1904)
    assert (b'date1904="1"' in zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")) == date1904
    report = import_file(store, data, "lich_1904.xlsx")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert store.query("SELECT task_id, due_date, completed_date FROM tasks ORDER BY 1") == [
        (task, d("25/10/2023"), d("20/10/2023")) for task in ("D1", "D2", "D3")]


# --- a register over several sheets ---------------------------------------------------------------------------

_UNIT_HEADER = ["STT", "Mã NV", "Trích yếu", "Hạn xử lý", "Ngày hoàn thành"]


def _sheet_per_unit() -> bytes:
    """One sheet per unit and no unit column: Trần Phú names its unit in a title line, Nghĩa Lộ only in the sheet's
    name; "Tổng hợp" counts them; "TH" is a copy of the rows (imported, it would count every task twice)."""
    tran_phu = [["ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI"], ["Đơn vị chủ trì: UBND phường Trần Phú"],
                ["(Số liệu tính đến ngày 25/10/2023)"], _UNIT_HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)"],
                [1, "TP-1", "Rà soát hồ sơ đất đai", d("01/10/2023"), ""],
                [2, "TP-2", "Báo cáo quý III", d("30/10/2023"), d("20/10/2023")],
                [3, "TP-3", "Kiểm tra trật tự xây dựng", "31/02/2023", ""],
                ["Tổng cộng", "", "", "", ""], ["", "", "", "NGƯỜI LẬP BIỂU", ""]]
    nghia_lo = [["DANH SÁCH NHIỆM VỤ"], _UNIT_HEADER,
                [1, "NL-1", "Giải quyết đơn thư khiếu nại", d("15/11/2023"), ""],
                [],
                [2, "TP-2", "Tổng hợp kiến nghị cử tri", d("15/11/2023"), ""]]
    summary = [["Đơn vị", "Tổng số", "Quá hạn"], ["UBND phường Trần Phú", 3, 1], ["Phường Nghĩa Lộ", 2, 0]]
    copy = [["Đơn vị: Toàn thành phố"], _UNIT_HEADER, [1, "TP-1", "Rà soát hồ sơ đất đai", d("01/10/2023"), ""]]
    return xlsx_bytes(tran_phu, sheet="Trần Phú",
                      extra_sheets={"Tổng hợp": summary, "Phường Nghĩa Lộ": nghia_lo, "TH": copy})


def test_a_sheet_per_unit_without_a_unit_column(store: Store):
    report = import_file(store, _sheet_per_unit(), "theo_don_vi.xlsx")
    assert (report.sheet, report.header_row, report.snapshot_date) == ("Trần Phú", 4, d("25/10/2023"))
    assert report.mapping == {"Mã NV": "task_id", "Trích yếu": "title", "Hạn xử lý": "due_date",
                              "Ngày hoàn thành": "completed_date", "Đơn vị chủ trì": "unit"}
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (5, 3, 2)
    assert store.query("SELECT task_id, title, unit, due_date, completed_date, source_row FROM task_versions "
                       "ORDER BY task_id") == [
        ("NL-1", "Giải quyết đơn thư khiếu nại", "Phường Nghĩa Lộ", d("15/11/2023"), None, 3),
        ("TP-1", "Rà soát hồ sơ đất đai", "UBND phường Trần Phú", d("01/10/2023"), None, 6),
        ("TP-2", "Báo cáo quý III", "UBND phường Trần Phú", d("30/10/2023"), d("20/10/2023"), 7),
    ]
    # Every rejected and skipped row says its sheet; a repeated id names the sheet of its first row.
    assert report.reject_reasons() == [
        {"row": 8, "sheet": "Trần Phú", "reason": "Hạn xử lý: ngày “31/02/2023” không có thật"},
        {"row": 5, "sheet": "Phường Nghĩa Lộ", "reason": "Mã nhiệm vụ “TP-2” trùng với dòng 7 của trang “Trần Phú”"},
    ]
    assert report.reject_reasons("en")[1]["reason"] == "Task ID “TP-2” repeats row 7 of sheet “Trần Phú”"
    assert [r.place for r in report.rejects] == ["Trần Phú!8", "Phường Nghĩa Lộ!5"]
    assert [(i.sheet, i.row, i.code) for i in report.ignored] == [
        ("Trần Phú", 5, "numbering_row"), ("Trần Phú", 9, "total_row"), ("Trần Phú", 10, "footer")]
    assert report.blank_rows == 1
    assert report.notes[1:5] == [
        ("sheets_together", {"count": 2, "sheets": "Trần Phú, Phường Nghĩa Lộ"}),
        ("unit_from_title", {"sheet": "Trần Phú", "unit": "UBND phường Trần Phú"}),
        ("unit_from_sheet", {"sheet": "Phường Nghĩa Lộ", "unit": "Phường Nghĩa Lộ"}),
        ("summary_sheets", {"sheets": "Tổng hợp, TH"}),
    ]
    assert "Các trang tổng hợp không nhập: Tổng hợp, TH." in report.to_json()["notes"]
    # The stored report keeps each row's sheet, and the unit the row was given (the last cell).
    assert [(r["sheet"], r["row"], r["cells"][-1]) for r in store.batch_rejects(report.batch_id)] == [
        ("Trần Phú", 8, "UBND phường Trần Phú"), ("Phường Nghĩa Lộ", 5, "Phường Nghĩa Lộ")]
    assert store.query("SELECT sheet, source_row, reason FROM batch_ignored ORDER BY source_row") == [
        ("Trần Phú", 5, "numbering_row"), ("Trần Phú", 9, "total_row"), ("Trần Phú", 10, "footer")]


def test_the_preview_shows_the_rows_of_every_sheet_as_the_import_will(store: Store):
    source = read_head(_sheet_per_unit(), "theo_don_vi.xlsx")
    layout = detect_table(source)
    parsed = preview(source, layout)
    assert list(zip(parsed.loaded_sheets, parsed.loaded_rows, strict=True)) == [
        ("Trần Phú", 6), ("Trần Phú", 7), ("Phường Nghĩa Lộ", 3)]
    assert [r.place for r in parsed.rejects] == ["Trần Phú!8", "Phường Nghĩa Lộ!5"]


def test_one_sheet_naming_its_unit_in_its_title(store: Store):
    rows = [["Đơn vị: Phòng Tài chính - Kế hoạch"], [], _UNIT_HEADER, [1, "A", "Lập dự toán", d("01/12/2023"), ""],
            [2, "A", "Lập dự toán (lặp)", d("01/12/2023"), ""]]
    report = import_file(store, xlsx_bytes(rows), "mot_trang.xlsx", snapshot_date=d("25/10/2023"))
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert store.query("SELECT task_id, unit, source_row FROM task_versions") == [
        ("A", "Phòng Tài chính - Kế hoạch", 4)]
    assert ("unit_from_title", {"sheet": "Sheet1", "unit": "Phòng Tài chính - Kế hoạch"}) in report.notes
    assert report.reject_reasons() == [{"row": 5, "reason": "Mã nhiệm vụ “A” trùng với dòng 4"}]  # one sheet: no name
    with pytest.raises(FileProblem) as raised:  # neither a unit column nor a title line naming one
        import_file(store, xlsx_bytes(rows[2:]), "khong_don_vi.xlsx")
    assert (raised.value.code, raised.value.params) == ("missing_columns", {"columns": ["unit"]})


def test_register_sheets_of_one_layout_are_one_batch(store: Store):
    header = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"]
    first = [["SỔ THEO DÕI NHIỆM VỤ - QUÝ III"], header,
             ["Q3-1", "Rà soát hộ nghèo", "Phòng Lao động", "30/09/2023"],
             ["Q3-2", "Báo cáo giải ngân", "Sở Tài chính", "31/09/2023"]]
    second = [header, ["Q4-1", "Kế hoạch chuyển đổi số", "Sở Thông tin và Truyền thông", "31/12/2023"],
              ["Q3-1", "Rà soát hộ nghèo (lặp)", "Phòng Lao động", "30/12/2023"]]
    other = [["Hướng dẫn nhập liệu"], ["Ghi ngày dạng dd/mm/yyyy"]]
    data = xlsx_bytes(first, sheet="Quý III", extra_sheets={"Hướng dẫn": other, "Quý IV": second})
    report = import_file(store, data, "hai_quy.xlsx", snapshot_date=d("25/10/2023"))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 2, 2)
    assert store.query("SELECT task_id, unit, due_date, source_row FROM task_versions ORDER BY 1") == [
        ("Q3-1", "Phòng Lao động", d("30/09/2023"), 3),
        ("Q4-1", "Sở Thông tin và Truyền thông", d("31/12/2023"), 2)]
    assert [(r.sheet, r.row, [p.code for p in r.problems]) for r in report.rejects] == [
        ("Quý III", 4, ["impossible_date"]), ("Quý IV", 3, ["duplicate_id_on_sheet"])]
    assert ("sheets_together", {"count": 2, "sheets": "Quý III, Quý IV"}) in report.notes
    assert ("other_sheets", {"sheets": "Hướng dẫn"}) in report.notes
    assert len(store.batches()) == 1
    # A sheet the user picks is read alone.
    source = read_head(data, "hai_quy.xlsx")
    assert detect_layout(source, sheet="Quý IV").parts == ()


def test_a_page_with_a_table_per_unit_is_one_batch(store: Store):
    """A one-stop-shop system's page: each unit's table under a paragraph naming the unit, no unit column."""
    def table(unit: str, rows: list[list[str]]) -> str:
        body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        return (f"<p><b>Đơn vị thực hiện: {unit}</b></p><table border=1><tr><th>STT</th><th>Mã số</th>"
                f"<th>Nội dung</th><th>Hạn xử lý</th></tr>{body}</table>")

    page = ("<html><head><meta charset='windows-1258'></head><body><h2>HỒ SƠ QUÁ HẠN</h2>"
            + table("UBND xã Tịnh Ấn Đông", [["1", "H-01", "Cấp giấy phép xây dựng", "05/10/2023"],
                                             ["2", "H-02", "Đăng ký hộ tịch", "ngày mai"]])
            + table("UBND xã Nghĩa Dõng", [["1", "H-03", "Chứng thực bản sao", "12/10/2023"]])
            + "</body></html>")
    report = import_file(store, to_cp1258(page), "mot_cua.xls", snapshot_date=d("25/10/2023"))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert store.query("SELECT task_id, title, unit, due_date FROM tasks ORDER BY 1") == [
        ("H-01", "Cấp giấy phép xây dựng", "UBND xã Tịnh Ấn Đông", d("05/10/2023")),
        ("H-03", "Chứng thực bản sao", "UBND xã Nghĩa Dõng", d("12/10/2023"))]
    assert [r.place for r in report.rejects] == ["#1!5"]  # under the page title, its unit line and header
    assert ("unit_from_title", {"sheet": "#2", "unit": "UBND xã Nghĩa Dõng"}) in report.notes


def test_the_command_line_names_a_rejected_rows_sheet(tmp_path):
    from tests.test_cli import run

    path = tmp_path / "theo_don_vi.xlsx"
    path.write_bytes(_sheet_per_unit())
    result = run("import", str(path), db=tmp_path / "cli.duckdb")
    assert result.returncode == 0, result.stderr
    assert "  dòng Trần Phú!8: Hạn xử lý: ngày “31/02/2023” không có thật" in result.stdout.splitlines()
    result = run("import", str(path), "--json", db=tmp_path / "cli.duckdb")
    assert json.loads(result.stdout)["rejects"][1] == {
        "row": 5, "sheet": "Phường Nghĩa Lộ", "reason": "Mã nhiệm vụ “TP-2” trùng với dòng 7 của trang “Trần Phú”"}


@pytest.mark.parametrize("start", ["<meta charset='utf-8'>", "<!-- xuất từ hệ thống -->", "\ufeff<table>",
                                   "<style>td {}</style>"])
def test_a_page_is_known_by_how_it_begins(start: str):
    page = f"{start}<table><tr><td>Mã nhiệm vụ</td><td>Đơn vị chủ trì</td><td>Hạn xử lý</td></tr>" \
           "<tr><td>K1</td><td>Sở Y tế</td><td>01/10/2023</td></tr></table>"
    source = read_head(page.encode("utf-16" if start.startswith("\ufeff") else "utf-8"), "bat_dau.xls")
    assert source.kind == "html" and source.sheets[0].rows[-1] == ["K1", "Sở Y tế", "01/10/2023"]
