"""The importer against the files offices really send: printed-report spreadsheets, macOS text, Excel's
"Unicode text", Windows-1258, bad dates, missing units, hostile text, and things that are not tables."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest
import xlwt

from analytics import queries
from analytics.importer import import_file
from analytics.ingest.errors import FileProblem
from analytics.ingest.layout import detect_layout
from analytics.ingest.readers import read_head
from analytics.text import unit_key
from tests.builders import counts, csv_bytes, d, to_cp1258, xlsx_bytes


def analyse(data: bytes, file_name: str):
    """The file's first rows and the table found in them, nothing stored (as the import page shows them)."""
    source = read_head(data, file_name)
    return source, detect_layout(source)


def report_rows() -> tuple[list[list[object]], list[tuple]]:
    """A register printed as a report: title block, header, column numbers, a section heading, tasks
    (one unit merged down over two rows), a total row and a signature block."""
    width = 8
    rows: list[list[object]] = [[""] * width for _ in range(6)]
    merges = [
        (0, 0, 0, 2, "ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI"),
        (0, 4, 0, 7, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (2, 0, 2, 7, "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"),
        (3, 0, 3, 7, "(Số liệu tính đến ngày 25/10/2023)"),
    ]
    rows.append(["STT", "Mã NV", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành",
                 "Nguyên nhân chậm"])  # row 7
    rows.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"])  # row 8
    rows.append(["I", "KHỐI CHÍNH QUYỀN", "", "", "", "", "", ""])  # row 9: section heading
    rows.append([1, "A1", "Rà soát hồ sơ đất đai", "", d("01/10/2023"), "", "", "Chờ ý kiến sở"])  # row 10, merged unit
    rows.append([2, "A2", "Báo cáo quý III", "", d("30/10/2023"), "", "", ""])  # row 11, same merged unit
    merges.append((9, 3, 10, 3, "Phòng Tài nguyên và Môi trường"))
    rows.append([""] * width)  # row 12: blank
    rows.append([3, "A3", "Kiểm tra trật tự xây dựng", "Phường Trần Phú", d("10/10/2023"), d("20/10/2023"),
                 d("19/10/2023"), ""])  # row 13
    rows.append([4, "A4", "Tổng hợp kiến nghị cử tri", "Phường Trần Phú", d("05/10/2023"), "", "", ""])  # row 14
    rows.append([""] * width)  # row 15
    rows.append(["Tổng cộng", "", "", 4, "", "", "", ""])  # row 16
    rows.append(["", "", "", "", "", "Quảng Ngãi, ngày 25 tháng 10 năm 2023", "", ""])  # row 17
    rows.append(["NGƯỜI LẬP BIỂU", "", "", "", "", "CHÁNH VĂN PHÒNG", "", ""])  # row 18
    rows.append(["Lê Văn A", "", "", "Nguyễn Thị B", "", "", "", ""])  # row 19: signer under the unit column
    return rows, merges


def test_report_style_xlsx(store):
    rows, merges = report_rows()
    report = import_file(store, xlsx_bytes(rows, merges), "bao_cao.xlsx")
    assert (report.header_row, report.snapshot_date, report.snapshot_source) == (7, d("25/10/2023"), "file")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 4, 0)
    assert [(i.row, i.code) for i in report.ignored] == [
        (8, "numbering_row"), (9, "section_heading"), (16, "total_row"), (17, "footer"), (18, "footer"),
        (19, "footer"),
    ]
    result = counts(store, d("25/10/2023"))
    assert (result.total, result.overdue, result.done_on_time, result.due_soon) == (4, 2, 1, 1)
    with store.connect() as con:
        units = dict(con.execute("SELECT task_id, unit FROM tasks ORDER BY task_id").fetchall())
    assert units["A2"] == "Phòng Tài nguyên và Môi trường"  # the merged cell reaches every row it spans


def test_nfd_csv_with_semicolons_gives_one_unit_however_typed(store):
    nfd = unicodedata.normalize("NFD", "Phường Trần Phú")
    rows = [
        [unicodedata.normalize("NFD", h) for h in ("Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Trích yếu")],
        ["1", nfd, "01/10/2023", unicodedata.normalize("NFD", "Giải quyết đơn thư")],
        ["2", "Phường Trần Phú", "02/10/2023", "b"],
        ["3", "  phường   trần phú ", "03/10/2023", "c"],
        ["4", "UBND phường Trần Phú", "04/10/2023", "d"],
        ["5", "P. Trần Phú", "05/10/2023", "e"],
        ["6", "Xã Tịnh Hoà", "05/10/2023", "old-style tone placement"],
        ["7", "Xã Tịnh Hòa", "05/10/2023", "new-style tone placement"],
    ]
    report = import_file(store, csv_bytes(rows, delimiter=";"), "macos.csv", snapshot_date=d("25/10/2023"))
    assert (report.rows_loaded, report.rows_rejected) == (7, 0)
    with store.connect() as con:
        units = con.execute("SELECT unit_name, count(*) FROM facts GROUP BY unit_name ORDER BY unit_name").fetchall()
        title = con.execute("SELECT title FROM tasks WHERE task_id = '1'").fetchall()[0][0]
    assert units == [("Phường Trần Phú", 5), ("Xã Tịnh Hoà", 2)]
    assert title == "Giải quyết đơn thư" and unicodedata.is_normalized("NFC", title)


def test_utf16_tab_text_from_excel(store):
    text = "Mã NV\tĐơn vị thực hiện\tThời hạn\tNgày hoàn thành\r\nX1\tXã Nghĩa Dõng\t20/09/2023\t\r\n" \
           "X2\tXã Nghĩa Dũng\t21/09/2023\t21/09/2023\r\n"
    data = b"\xff\xfe" + text.encode("utf-16-le")
    report = import_file(store, data, "unicode.txt", snapshot_date=d("25/10/2023"))
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    result = counts(store, d("25/10/2023"))
    assert (result.overdue, result.done_on_time) == (1, 1)
    assert unit_key("Xã Nghĩa Dõng") != unit_key("Xã Nghĩa Dũng")  # two communes, not one


def test_windows_1258_with_quoted_multiline_fields(store):
    text = (
        'Mã nhiệm vụ,Trích yếu,Đơn vị chủ trì,Hạn xử lý\r\n'
        'W1,"Rà soát, báo cáo\r\ntình hình giải ngân",Phòng Tài chính - Kế hoạch,15/09/2023\r\n'
        'W2,"Dòng thứ hai ""có ngoặc""",Phường Nghĩa Lộ,31/09/2023\r\n'
    )
    report = import_file(store, to_cp1258(text), "cp1258.csv", snapshot_date=d("25/10/2023"))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 1, 1)
    assert report.rejects[0].row == 3  # the third record, although the file's third line is inside a field
    assert "31/09/2023" in report.reject_reasons()[0]["reason"]
    with store.connect() as con:
        title, unit = con.execute("SELECT title, unit FROM tasks").fetchall()[0]
    assert title == "Rà soát, báo cáo\r\ntình hình giải ngân"
    assert unit == "Phòng Tài chính - Kế hoạch" and unicodedata.is_normalized("NFC", unit)


def test_bad_and_missing_dates_and_units_are_rejected_with_row_and_reason(store):
    rows = [
        ["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành", "Số lần chuyển"],
        ["B1", "Phòng Y tế", "31/02/2023", "", ""],  # row 2: impossible date
        ["B2", "Phòng Y tế", "không rõ", "", ""],  # row 3: not a date
        ["B3", "", "01/03/2023", "", ""],  # row 4: no unit
        ["B4", "Phòng Y tế", "", "", ""],  # row 5: no deadline, a regular task: loaded
        ["B5", "Phòng Y tế", "2023-03-01", "2/3/2023 14:30", "2"],  # row 6: ISO, and d/m/yyyy with a time
        ["B8", "Phòng Y tế", "Thường xuyên", "Chưa hoàn thành", ""],  # row 7: words that mean "none"
    ]
    report = import_file(store, csv_bytes(rows), "dates.csv", snapshot_date=d("25/10/2023"))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 3, 3)
    assert report.reject_reasons() == [
        {"row": 2, "reason": "Hạn xử lý: ngày “31/02/2023” không có thật"},
        {"row": 3, "reason": "Hạn xử lý: “không rõ” không phải là ngày (ghi dạng dd/mm/yyyy)"},
        {"row": 4, "reason": "Thiếu đơn vị chủ trì (cột “Đơn vị chủ trì” để trống)"},
    ]
    assert report.reject_reasons("en")[0] == {"row": 2, "reason": "Hạn xử lý: “31/02/2023” is not a real date"}
    with store.connect() as con:
        loaded = {r[0]: r[1:] for r in con.execute(
            "SELECT task_id, due_date, completed_date, transfers FROM tasks").fetchall()}
    assert loaded == {
        "B4": (None, None, None),
        "B5": (d("01/03/2023"), d("02/03/2023"), 2),
        "B8": (None, None, None),
    }
    assert counts(store, d("25/10/2023")).no_deadline == 2


def test_reject_reasons_name_every_problem_of_a_row(store):
    rows = [
        ["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành", "Ngày giao", "Số lần chuyển"],
        ["B6", "Phòng Y tế", "45000", "", "01/01/1890", ""],
        ["B7", "Phòng Y tế", "ngày 5 tháng 3 năm 2023", "Đã hoàn thành", "", "hai"],
        ["B9", "Phòng Y tế", "5/3/2023", "", "", ""],
    ]
    report = import_file(store, csv_bytes(rows), "dates.csv", snapshot_date=d("25/10/2023"))
    reasons = {r["row"]: r["reason"] for r in report.reject_reasons()}
    assert reasons == {
        2: "Ngày giao: năm của “01/01/1890” nằm ngoài khoảng 1990–2100",
        3: "Ngày hoàn thành: ghi “Đã hoàn thành” nhưng không có ngày hoàn thành; "
           "Số lần chuyển: “hai” không phải là một số đếm",
    }
    with store.connect() as con:
        due = dict(con.execute("SELECT task_id, due_date FROM tasks").fetchall())
    assert due == {"B9": d("05/03/2023")}  # day first, always


def test_hostile_text_is_stored_verbatim_and_never_executed(store):
    hostile = [
        "<script>alert('x')</script>",
        '=HYPERLINK("http://example.invalid","bấm vào đây")',
        "'); DROP TABLE tasks; --",
        "Robert'); DELETE FROM batches; --",
    ]
    rows = [["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý", "Ghi chú"]]
    rows += [[f"H{i}", text, text, "01/10/2023", text] for i, text in enumerate(hostile)]
    report = import_file(store, xlsx_bytes(rows), "hostile.xlsx", snapshot_date=d("25/10/2023"))
    assert report.rows_loaded == 4
    with store.connect() as con:
        stored = con.execute("SELECT title, unit, note FROM tasks ORDER BY task_id").fetchall()
        assert con.execute("SELECT count(*) FROM batches").fetchall()[0][0] == 1
    assert [row[0] for row in stored] == hostile
    assert all(row[0] == row[1] == row[2] for row in stored)
    assert counts(store, d("25/10/2023")).overdue == 4
    with store.connect() as con:
        names = set(queries.filter_options(con)["units"])
    assert names == set(hostile)


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.csv", "empty_file"),
        (b"   \r\n\r\n", "blank.csv", "empty_file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "photo.xlsx", "not_text"),
        (b"<html><body><p>Kh\xc3\xb4ng c\xc3\xb3 b\xe1\xba\xa3ng</p></body></html>", "export.xls", "html_no_table"),
        (b"<html><body><table><tr><td>x</td></tr></table></body></html>", "export.xls", "no_header"),
        (b"Ghi chu\r\nmot dong\r\nhai dong\r\n", "notes.csv", "no_header"),
    ],
)
def test_files_that_are_not_task_tables(store, data, name, code):
    with pytest.raises(FileProblem) as problem:
        import_file(store, data, name)
    assert problem.value.code == code
    assert problem.value.message("vi") and problem.value.message("en")
    assert not store.batches()


def test_a_zip_that_is_not_a_workbook(store):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a spreadsheet")
    with pytest.raises(FileProblem) as problem:
        import_file(store, buffer.getvalue(), "fake.xlsx")
    assert problem.value.code == "unreadable_workbook"


def test_table_without_a_deadline_column_is_not_a_register(store):
    rows = [["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì"], ["1", "a", "Phòng Y tế"]]
    with pytest.raises(FileProblem) as problem:
        import_file(store, csv_bytes(rows), "no_deadline.csv")
    assert problem.value.code == "missing_columns"


def test_legacy_xls(store):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Danh sách")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for col, header in enumerate(["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành"]):
        sheet.write(0, col, header)
    sheet.write(1, 0, "L1")
    sheet.write(1, 1, "Phòng Kinh tế")
    sheet.write(1, 2, dt.datetime(2023, 9, 1), date_style)
    sheet.write(2, 0, "L2")
    sheet.write(2, 1, "Phòng Kinh tế")
    sheet.write(2, 2, dt.datetime(2023, 11, 1), date_style)
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_file(store, buffer.getvalue(), "cu.xls", snapshot_date=d("25/10/2023"))
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert counts(store, d("25/10/2023")).overdue == 1


def test_headers_without_diacritics_and_in_english(store):
    plain = [["Ma NV", "Don vi chu tri", "Han xu ly", "Gia han den", "Ngay hoan thanh"],
             ["P1", "Phong Noi vu", "01/09/2023", "01/11/2023", ""]]
    english = [["Task ID", "Lead unit", "Due date", "Completed date", "Status"],
               ["E1", "Department of Justice", "2023-09-01", "", "open"]]
    first = import_file(store, csv_bytes(plain), "plain.csv", snapshot_date=d("25/10/2023"))
    second = import_file(store, csv_bytes(english), "english.csv", snapshot_date=d("25/10/2023"))
    assert first.mapping == {"Ma NV": "task_id", "Don vi chu tri": "unit", "Han xu ly": "due_date",
                             "Gia han den": "extended_due_date", "Ngay hoan thanh": "completed_date"}
    assert set(second.mapping.values()) == {"task_id", "unit", "due_date", "completed_date", "status"}
    assert counts(store, d("25/10/2023")).overdue == 1  # P1 was extended to November


@pytest.mark.parametrize("merged", [True, False])
def test_two_row_header_under_a_group_title(store, merged):
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "", "Kết quả"],
        ["", "", "", "Hạn xử lý", "Gia hạn", ""],
        [1, "Việc một", "Phòng Y tế", d("01/09/2023"), d("30/10/2023"), "Đang làm"],
    ]
    merges = [(0, 3, 0, 4, "Thời hạn"), (0, 0, 1, 0, "STT"), (0, 1, 1, 1, "Nội dung nhiệm vụ"),
              (0, 2, 1, 2, "Đơn vị chủ trì"), (0, 5, 1, 5, "Kết quả")] if merged else []
    source, layout = analyse(xlsx_bytes(rows, merges), "two_rows.xlsx")
    assert layout.first_data_row == 3
    assert layout.mapping == {1: "title", 2: "unit", 3: "due_date", 4: "extended_due_date", 5: "status"}
    report = import_file(store, xlsx_bytes(rows, merges), "two_rows.xlsx", snapshot_date=d("25/10/2023"))
    assert report.rows_loaded == 1 and counts(store, d("25/10/2023")).due_soon == 1  # extended to 30/10


def test_excel_serial_numbers_and_times(store):
    rows = [["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành"],
            ["S1", "Phòng Y tế", 45199, 45200.75]]  # 30/09/2023, done 01/10/2023 at 18:00
    import_file(store, xlsx_bytes(rows), "serial.xlsx", snapshot_date=d("25/10/2023"))
    with store.connect() as con:
        assert con.execute("SELECT due_date, completed_date FROM tasks").fetchall() == [
            (d("30/09/2023"), d("01/10/2023"))]


def test_repeated_ids_in_one_file_and_stable_derived_ids(store):
    rows = [["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
            ["D1", "a", "Phòng Y tế", "01/09/2023"],
            ["D1", "b", "Phòng Y tế", "01/09/2023"],
            ["", "không có mã", "Phòng Y tế", "01/09/2023"],
            ["", "không có mã", "Phòng Y tế", "01/09/2023"]]
    first = import_file(store, csv_bytes(rows), "ids.csv", snapshot_date=d("25/10/2023"))
    assert first.reject_reasons() == [{"row": 3, "reason": "Mã nhiệm vụ “D1” trùng với dòng 2"}]
    assert first.rows_loaded == 3
    again = import_file(store, csv_bytes(rows), "ids.csv", snapshot_date=d("26/10/2023"))
    assert (again.inserted, again.updated) == (0, 3)  # the same ids are derived the second time
    assert counts(store, d("25/10/2023")).total == 3


def test_unit_typed_without_diacritics_joins_the_unit_it_can_only_mean(store):
    rows = [["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý"],
            ["U1", "Phường Trần Phú", "01/09/2023"],
            ["U2", "Phuong Tran Phu", "01/09/2023"],
            ["U3", "Xa Tinh An", "01/09/2023"]]  # Tịnh An or Tịnh Ấn? not guessed
    import_file(store, csv_bytes([rows[0], ["U0", "Xã Tịnh An", "01/09/2023"],
                                  ["U9", "Xã Tịnh Ấn", "01/09/2023"]]), "known.csv", snapshot_date=d("25/10/2023"))
    report = import_file(store, csv_bytes(rows), "plain.csv", snapshot_date=d("25/10/2023"))
    assert ("unit_matched", {"name": "Phuong Tran Phu", "target": "Phường Trần Phú"}) in report.notes
    with store.connect() as con:
        units = dict(con.execute("SELECT unit_name, count(*) FROM facts GROUP BY unit_name").fetchall())
    assert units == {"Phường Trần Phú": 2, "Xa Tinh An": 1, "Xã Tịnh An": 1, "Xã Tịnh Ấn": 1}


def test_best_sheet_is_found_and_others_are_reported(store):
    register = [["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý"], ["M1", "Phòng Y tế", "01/09/2023"]]
    data = xlsx_bytes([["Hướng dẫn sử dụng"], ["Điền vào trang Nhiệm vụ"]], sheet="Hướng dẫn",
                      extra_sheets={"Nhiệm vụ": register})
    report = import_file(store, data, "two_sheets.xlsx", snapshot_date=d("25/10/2023"))
    assert report.sheet == "Nhiệm vụ"
    assert ("other_sheets", {"sheets": "Hướng dẫn"}) in report.notes


def test_huge_cell_is_rejected_not_truncated(store):
    rows = [["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
            ["C1", "x" * 40_000, "Phòng Y tế", "01/09/2023"],
            ["C2", "bình thường", "Phòng Y tế", "01/09/2023"]]
    report = import_file(store, csv_bytes(rows), "huge.csv", snapshot_date=d("25/10/2023"))
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert "40000" in report.reject_reasons()[0]["reason"]


def test_first_data_row_is_not_mistaken_for_a_sub_header(store):
    rows = [["STT", "Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý"], ["Lý do", "Ghi chú", "", ""],
            [1, "R1", "Phòng Y tế", "01/09/2023"]]
    source, layout = analyse(csv_bytes(rows), "two_words.csv")
    assert (layout.header_row, layout.header_rows) == (1, 1)
    report = import_file(store, csv_bytes(rows), "two_words.csv", snapshot_date=d("25/10/2023"))
    assert report.rows_loaded == 1 and [i.row for i in report.ignored] == [2]


def test_each_field_goes_to_the_column_that_names_it_not_a_lookalike(store):
    rows = [["STT", "Nội dung", "Ngày hoàn thành dự kiến", "Đơn vị phối hợp", "Đơn vị chủ trì", "Đơn vị tính",
             "Hạn xử lý", "Ngày hoàn thành thực tế", "Mã đơn vị"],
            [1, "Việc một", "01/09/2023", "Phòng Tư pháp", "Phòng Y tế", "hồ sơ", "15/09/2023", "", "YT"]]
    source, layout = analyse(csv_bytes(rows), "lookalikes.csv")
    assert layout.mapping == {1: "title", 4: "unit", 6: "due_date", 7: "completed_date"}
    import_file(store, csv_bytes(rows), "lookalikes.csv", snapshot_date=d("25/10/2023"))
    with store.connect() as con:
        assert con.execute("SELECT unit, completed_date FROM tasks").fetchall() == [("Phòng Y tế", None)]


def test_titles_that_sound_like_signatures_or_totals_are_still_tasks(store):
    rows = [["Đơn vị chủ trì", "Trích yếu", "Hạn xử lý"],
            ["", "Chủ tịch UBND tỉnh yêu cầu báo cáo", ""],  # no unit: rejected, not skipped
            ["Công an tỉnh", "Thực hiện Công văn 12 ngày 5 tháng 10 năm 2023", "01/10/2023"],
            ["Tổng cục Thuế", "Rà soát nợ thuế", "02/10/2023"],
            ["Công ty Điện lực", "Di dời cột điện", ""],
            ["Phòng Y tế", "Kiểm tra an toàn thực phẩm", "03/10/2023"]]
    report = import_file(store, csv_bytes(rows), "tricky.csv", snapshot_date=d("25/10/2023"))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected, len(report.ignored)) == (5, 4, 1, 0)
    assert report.reject_reasons()[0]["row"] == 2


def test_headings_and_unit_only_rows_are_not_tasks(store):
    rows = [["STT", "Mã NV", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
            ["I. KHỐI SỞ NGÀNH"] * 4 + [""],  # a heading merged across STT..unit
            ["", "", "", "Phường Trần Phú", ""],  # a unit's name alone, grouping the rows below
            [1, "A1", "Việc một", "Phường Trần Phú", "01/10/2023"],
            ["", "A2", "", "Phường Trần Phú", ""],  # a regular task: an ID, a unit, no deadline
            ["", "", "", "-", "02/10/2023"],  # a placeholder is no unit
            ["", "", "", "123", "02/10/2023"]]
    report = import_file(store, csv_bytes(rows), "groups.csv", snapshot_date=d("25/10/2023"))
    assert [(i.row, i.code) for i in report.ignored] == [(2, "section_heading"), (3, "section_heading")]
    assert (report.rows_loaded, report.rows_rejected) == (2, 2)
    assert [r["reason"] for r in report.reject_reasons()] == [
        "Đơn vị chủ trì: “-” không phải là tên một đơn vị",
        "Đơn vị chủ trì: “123” không phải là tên một đơn vị",
    ]
    with store.connect() as con:
        assert con.execute("SELECT count(DISTINCT unit_key) FROM tasks").fetchall()[0][0] == 1
