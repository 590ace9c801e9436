"""The import page: history, upload, column mapping, import report, undo; and how the overview follows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from analytics.i18n import fmt_date
from tests.app.helpers import IMPORT_PAGE, OVERVIEW_PAGE, button, metric, new_app, no_exception, texts, unescape
from tests.builders import csv_bytes

# Every test here changes its data: a database and caches of its own.
pytestmark = [pytest.mark.usefixtures("sample_app_db"), pytest.mark.changes_data]

HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"]
NEW_TASKS = csv_bytes([
    HEADER,
    ["MOI-1", "Báo cáo tiến độ giải ngân", "Phường Nghĩa Lộ", "01/09/2023"],
    ["MOI-2", "Rà soát hồ sơ đất đai", "Sở Tài chính", "15/12/2023"],
    ["MOI-3", "Tổng hợp ý kiến cử tri", "Phường Nghĩa Lộ", "31/02/2023"],
])
IMPORT_BUTTON = "Nhập 1 tệp"
SAMPLE_EVENTS = 788  # rows of the sample's event history
UNDO = "Hoàn tác lần nhập"


def import_page():
    at = new_app().run()
    at.switch_page(IMPORT_PAGE).run()
    no_exception(at)
    return at


def undo_chooser(at):
    found = [box for box in at.selectbox if box.label == "Chọn lần nhập cần hoàn tác"]
    assert len(found) == 1
    return found[0]


def history(at):
    return at.dataframe[-1].value


def test_import_page_on_the_sample():
    at = import_page()
    assert [t.value for t in at.title] == ["Nhập dữ liệu"]
    assert [h.value for h in at.header] == ["Lịch sử nhập dữ liệu"]
    assert [(f.label, f.value) for f in at.file_uploader] == [("Chọn tệp", [])]
    table = history(at)
    assert len(table) == 2  # the sample register, then its event history
    history_row, row = table.iloc[0], table.iloc[1]
    assert (row["Lần"], row["Tệp"], row["Loại"], row["Ngày chốt"], row["Cách nhập"]) == (
        1, "quang_ngai_2023.xlsx", "Sổ nhiệm vụ", "25/10/2023", "Dữ liệu mẫu")
    assert (row["Đọc"], row["Nạp"], row["Từ chối"], row["Mới"], row["Cập nhật"]) == (1600, 1600, 0, 1600, 0)
    assert row["Trạng thái"] == "Đang dùng"
    assert (history_row["Lần"], history_row["Tệp"], history_row["Loại"], history_row["Ngày chốt"]) == (
        2, "quang_ngai_2023_lich_su.xlsx", "Lịch sử xử lý", "25/10/2023")
    assert (history_row["Đọc"], history_row["Nạp"], history_row["Từ chối"]) == (SAMPLE_EVENTS, SAMPLE_EVENTS, 0)
    assert undo_chooser(at).options == [
        f"Lần 2: quang_ngai_2023_lich_su.xlsx ({history_row['Thời điểm nhập']})",
        f"Lần 1: quang_ngai_2023.xlsx ({row['Thời điểm nhập']})",
    ]
    assert at.checkbox(key="undo_sure").value is False
    assert button(at, UNDO).disabled
    assert [b.label for b in at.download_button] == ["Tải tệp gốc"]


def test_upload_import_then_undo():
    at = import_page()
    at.file_uploader[0].set_value(("moi.csv", NEW_TASKS, "text/csv")).run()
    no_exception(at)

    # What was found in the file.
    assert "moi.csv" in texts(at.subheader)
    assert [(n.label, n.value) for n in at.number_input] == [("Dòng tiêu đề cột", 1)]
    today = dt.date.today()
    assert at.date_input[0].label == "Ngày chốt số liệu của tệp"
    assert at.date_input[0].value == today
    assert (f"Tệp không ghi ngày chốt số liệu: mặc định là hôm nay ({fmt_date(today)}). "
            "Hãy sửa nếu tệp xuất ngày khác.") in texts(at.caption)
    mapping = at.data_editor[0].value
    assert mapping.to_dict("list") == {
        "Cột trong tệp": HEADER,
        "Giá trị đầu tiên": ["MOI-1", "Báo cáo tiến độ giải ngân", "Phường Nghĩa Lộ", "01/09/2023"],
        "Trường": ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì (bắt buộc)", "Hạn xử lý (bắt buộc)"],
    }
    assert "Xem trước 3 dòng đầu, như khi nhập" in texts(at.caption)
    preview = at.dataframe[1].value
    assert list(preview.columns) == ["Dòng", "Khi nhập", *HEADER]
    assert list(preview["Hạn xử lý"]) == ["01/09/2023", "15/12/2023", "31/02/2023"]
    assert list(preview["Khi nhập"]) == ["Nạp", "Nạp", "Từ chối: Hạn xử lý: ngày “31/02/2023” không có thật"]
    assert not at.error
    assert not button(at, IMPORT_BUTTON).disabled

    # Import with the register's own snapshot date.
    at.date_input[0].set_value(dt.date(2023, 10, 25))
    button(at, IMPORT_BUTTON).click().run()
    no_exception(at)
    assert texts(at.success) == ["Đã nhập moi.csv: 2 dòng được nạp, 1 dòng bị từ chối (đọc 3 dòng)."]
    assert "2 nhiệm vụ mới, 0 nhiệm vụ được cập nhật." in texts(at.markdown)
    assert "**Dòng bị từ chối (1)**" in texts(at.markdown)
    rejects = at.dataframe[0].value
    assert rejects.to_dict("records") == [{
        "Dòng": "4",
        "Lý do": "Hạn xử lý: ngày “31/02/2023” không có thật",
        "Mã nhiệm vụ": "MOI-3",
        "Trích yếu": "Tổng hợp ý kiến cử tri",
        "Đơn vị chủ trì": "Phường Nghĩa Lộ",
        "Hạn xử lý": "31/02/2023",
    }]
    assert [b.label for b in at.download_button][:2] == [
        "Tải danh sách dòng bị từ chối (.xlsx)", "Tải dạng .csv"]
    # The uploader starts empty again, and the history has the new import on top.
    assert [f.value for f in at.file_uploader] == [[]]
    table = history(at)
    assert list(table["Lần"]) == [3, 2, 1]
    assert list(table.iloc[0][["Tệp", "Ngày chốt", "Cách nhập", "Đọc", "Nạp", "Từ chối", "Mới", "Trạng thái"]]) == [
        "moi.csv", "25/10/2023", "Tải lên", 3, 2, 1, 2, "Đang dùng"]

    # The overview counts the two new tasks (MOI-1 is overdue in Phường Nghĩa Lộ).
    at.switch_page(OVERVIEW_PAGE).run()
    no_exception(at)
    assert metric(at, "Tổng số nhiệm vụ").value == "1.602"
    assert metric(at, "Trễ hạn").value == "141"
    at.selectbox(key="focus").set_value("Phường Nghĩa Lộ").run()
    assert "Phường Nghĩa Lộ: 12 nhiệm vụ trễ hạn tính đến 25/10/2023" in texts(at.markdown)

    # Undo it from the history.
    at.switch_page(IMPORT_PAGE).run()
    no_exception(at)
    chooser = undo_chooser(at)
    assert chooser.index == 0 and "moi.csv" in chooser.options[0]  # the newest import comes first
    at.checkbox(key="undo_sure").check().run()
    assert not button(at, UNDO).disabled
    button(at, UNDO).click().run()
    no_exception(at)
    assert "Đã hoàn tác lần nhập số 3." in texts(at.success)
    assert at.checkbox(key="undo_sure").value is False
    assert button(at, UNDO).disabled
    table = history(at)
    assert table.iloc[0]["Lần"] == 3
    assert table.iloc[0]["Trạng thái"].startswith("Đã hoàn tác ")
    assert table.iloc[1]["Trạng thái"] == "Đang dùng"
    assert [label for label in undo_chooser(at).options if "moi.csv" in label] == []

    at.switch_page(OVERVIEW_PAGE).run()
    no_exception(at)
    # The unit chosen before is still in the link, and narrows every figure (the cross-filter) until cleared.
    assert metric(at, "Tổng số nhiệm vụ").value == "56"
    at.button(key="clear_cross").click().run()
    assert metric(at, "Tổng số nhiệm vụ").value == "1.600"
    assert metric(at, "Trễ hạn").value == "140"


def test_overview_follows_a_newer_snapshot():
    at = new_app().run()
    assert at.date_input(key="as_of").value == dt.date(2023, 10, 25)
    at.switch_page(IMPORT_PAGE).run()
    at.file_uploader[0].set_value(("moi.csv", NEW_TASKS, "text/csv")).run()
    at.date_input[0].set_value(dt.date(2023, 11, 1))
    button(at, IMPORT_BUTTON).click().run()
    no_exception(at)
    at.switch_page(OVERVIEW_PAGE).run()
    no_exception(at)
    assert at.date_input(key="as_of").value == dt.date(2023, 11, 1)
    assert at.date_input(key="compare").value == dt.date(2023, 10, 25)
    assert "Dữ liệu chốt ngày 01/11/2023" in texts(at.sidebar.caption)
    assert metric(at, "Tổng số nhiệm vụ").value == "1.602"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param("x.csv", bytes(range(256)) * 8, "không phải bảng tính hay tệp văn bản (CSV/TXT)", id="binary"),
        pytest.param("empty.csv", b"", "tệp trống", id="empty"),
    ],
)
def test_upload_that_is_not_a_table(name, data, message):
    at = import_page()
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    no_exception(at)
    assert texts(at.error) == [f"Không đọc được tệp {name}: {message}"]
    assert not at.data_editor
    go = [b for b in at.button if b.label.startswith("Nhập ")]
    assert all(b.disabled for b in go)
    assert [b.label for b in go] in ([], ["Nhập 0 tệp"])
    assert len(history(at)) == 2  # the sample's register and history only


def test_missing_unit_column_corrected_in_the_mapping():
    data = csv_bytes([
        ["Mã nhiệm vụ", "Trích yếu", "Nơi thực hiện", "Hạn xử lý"],
        ["KD-1", "Kiểm tra an toàn thực phẩm", "Phường Nghĩa Lộ", "01/09/2023"],
        ["KD-2", "Báo cáo quý", "Sở Tài chính", "15/12/2023"],
    ])
    at = import_page()
    at.file_uploader[0].set_value(("khong_don_vi.csv", data, "text/csv")).run()
    no_exception(at)
    assert texts(at.error) == [
        "Chưa có cột bắt buộc: Đơn vị chủ trì. Hãy chọn cột tương ứng trong bảng ghép cột."]
    assert button(at, "Nhập 0 tệp").disabled
    editor = at.data_editor[0]
    assert list(editor.value["Trường"]) == ["Mã nhiệm vụ", "Trích yếu", "(không dùng)", "Hạn xử lý (bắt buộc)"]
    assert (at.expander[0].label, at.expander[0].proto.expanded) == ("Ghép cột", True)  # opens by itself

    # The user picks the field for "Nơi thực hiện" in the mapping table.
    at.session_state[editor.key] = {
        "edited_rows": {2: {"Trường": "Đơn vị chủ trì (bắt buộc)"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    no_exception(at)
    assert not at.error
    assert list(at.dataframe[1].value.columns) == [
        "Dòng", "Khi nhập", "Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"]
    assert list(at.dataframe[1].value["Khi nhập"]) == ["Nạp", "Nạp"]
    at.date_input[0].set_value(dt.date(2023, 10, 25))
    button(at, IMPORT_BUTTON).click().run()
    no_exception(at)
    assert texts(at.success) == ["Đã nhập khong_don_vi.csv: 2 dòng được nạp, 0 dòng bị từ chối (đọc 2 dòng)."]
    at.switch_page(OVERVIEW_PAGE).run()
    assert metric(at, "Tổng số nhiệm vụ").value == "1.602"


def test_same_file_uploaded_twice():
    at = import_page()
    at.file_uploader[0].set_value([("a.csv", NEW_TASKS, "text/csv"), ("b.csv", NEW_TASKS, "text/csv")]).run()
    no_exception(at)
    assert texts(at.warning) == ["Tệp b.csv có nội dung giống hệt tệp a.csv: chỉ nhập một lần."]
    assert button(at, "Nhập 1 tệp").disabled is False


def test_rejected_rows_of_different_lengths():
    data = (
        "Mã nhiệm vụ,Trích yếu,Đơn vị chủ trì,Hạn xử lý,Ghi chú\r\n"
        "R-1,Thiếu đơn vị,,01/09/2023\r\n"
        "R-2,Ngày sai,Phường Nghĩa Lộ,31/02/2023,ghi chú,thừa một ô\r\n"
        "R-3,Hợp lệ,Phường Nghĩa Lộ,01/09/2023,x\r\n"
    ).encode()
    at = import_page()
    at.file_uploader[0].set_value(("le_ro.csv", data, "text/csv")).run()
    at.date_input[0].set_value(dt.date(2023, 10, 25))
    button(at, IMPORT_BUTTON).click().run()
    no_exception(at)
    assert texts(at.success) == ["Đã nhập le_ro.csv: 1 dòng được nạp, 2 dòng bị từ chối (đọc 3 dòng)."]
    rejects = at.dataframe[0].value
    assert list(rejects["Dòng"]) == ["2", "3"]
    assert "nan" not in rejects.to_numpy().tolist()[0]


def test_file_name_is_shown_as_plain_text():
    name = "**gấp**_[xem](http://a.b).csv"
    at = import_page()
    at.file_uploader[0].set_value((name, NEW_TASKS, "text/csv")).run()
    no_exception(at)
    heading = at.subheader[0].value
    assert unescape(heading) == name
    assert re.search(r"(?<!\\)[*_\[\]()]", heading) is None, heading


def test_snapshot_date_keeps_its_source_unless_the_user_changes_it():
    titled = csv_bytes([["Số liệu tính đến ngày 20/10/2023"], HEADER, ["T-1", "Việc", "Phường Nghĩa Lộ", "01/10/2023"]])
    at = import_page()
    at.file_uploader[0].set_value(("co_ngay.csv", titled, "text/csv")).run()
    assert at.date_input[0].value == dt.date(2023, 10, 20)
    button(at, IMPORT_BUTTON).click().run()
    no_exception(at)
    assert "Ngày chốt số liệu 20/10/2023 lấy từ tiêu đề tệp." in " ".join(texts(at.markdown))

    at.file_uploader[0].set_value(("doi_ngay.csv", titled.replace(b"T-1", b"T-2"), "text/csv")).run()
    at.date_input[0].set_value(dt.date(2023, 10, 24))
    button(at, IMPORT_BUTTON).click().run()
    assert "Ngày chốt số liệu 24/10/2023 do người nhập chỉ định." in " ".join(texts(at.markdown))


def test_upload_an_event_history():
    events = csv_bytes([
        ["Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị"],
        ["QNg-2023-0001", "05/10/2023", "Chuyển đơn vị chủ trì", "Phường Trần Phú", "Phường Nghĩa Lộ"],
        ["QNg-2023-0002", "31/02/2023", "Đôn đốc lần 1", "Văn phòng", "Phường Nghĩa Lộ"],
    ])
    at = import_page()
    at.file_uploader[0].set_value(("lich_su.csv", events, "text/csv")).run()
    no_exception(at)
    assert any("lịch sử xử lý" in text for text in texts(at.info))
    assert not at.data_editor  # no column mapping to correct: the history's columns are fixed
    preview = at.dataframe[0].value
    assert list(preview["Dòng"]) == [2, 3]
    assert preview.iloc[0]["Khi nhập"] == "Nạp"
    assert preview.iloc[1]["Khi nhập"].startswith("Từ chối") and "31/02/2023" in preview.iloc[1]["Khi nhập"]
    assert list(preview.columns[2:]) == ["Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị"]
    button(at, IMPORT_BUTTON).click().run()
    no_exception(at)
    assert texts(at.success)[0].startswith("Đã nhập lich_su.csv")
    table = history(at)
    assert (table.iloc[0]["Loại"], table.iloc[0]["Đọc"], table.iloc[0]["Nạp"], table.iloc[0]["Từ chối"]) == (
        "Lịch sử xử lý", 2, 1, 1)


def test_a_workbook_of_a_sheet_per_unit_previewed_and_imported_as_one():
    """Each sheet's rows, with its sheet and the unit the sheet names; the report's rejected rows with their sheet."""
    from tests.builders import d, xlsx_bytes

    header = ["STT", "Mã NV", "Trích yếu", "Hạn xử lý"]
    data = xlsx_bytes(
        [["Đơn vị: UBND phường Trần Phú"], header, [1, "TP-1", "Rà soát hồ sơ", d("01/10/2023")],
         [2, "TP-2", "Báo cáo quý", "31/02/2023"]], sheet="Trần Phú",
        extra_sheets={"Tổng hợp": [["Đơn vị", "Số nhiệm vụ"], ["Trần Phú", 2], ["Nghĩa Lộ", 1]],
                      "Phường Nghĩa Lộ": [header, [1, "NL-1", "Giải quyết đơn thư", d("15/11/2023")]]})
    at = import_page()
    at.file_uploader[0].set_value(("theo_don_vi.xlsx", data, "application/octet-stream")).run()
    no_exception(at)
    assert "Nhập cùng lúc 2 trang tính cùng mẫu: Trần Phú, Phường Nghĩa Lộ" in texts(at.info)
    assert list(at.data_editor[0].value["Cột trong tệp"]) == ["STT", "Mã NV", "Trích yếu", "Hạn xử lý",
                                                              "Đơn vị (theo trang tính)"]
    shown = at.dataframe[1].value
    assert list(shown.columns) == ["Trang tính", "Dòng", "Khi nhập", "Mã nhiệm vụ", "Trích yếu", "Hạn xử lý",
                                   "Đơn vị chủ trì"]
    assert [tuple(row) for row in shown[["Trang tính", "Dòng", "Mã nhiệm vụ", "Đơn vị chủ trì"]].to_numpy()] == [
        ("Trần Phú", 3, "TP-1", "UBND phường Trần Phú"), ("Trần Phú", 4, "TP-2", "UBND phường Trần Phú"),
        ("Phường Nghĩa Lộ", 2, "NL-1", "Phường Nghĩa Lộ")]
    assert list(shown["Khi nhập"])[:2] == ["Nạp", "Từ chối: Hạn xử lý: ngày “31/02/2023” không có thật"]
    at.date_input[0].set_value(dt.date(2023, 10, 25))
    button(at, IMPORT_BUTTON).click().run()
    no_exception(at)
    assert texts(at.success) == ["Đã nhập theo_don_vi.xlsx: 2 dòng được nạp, 1 dòng bị từ chối (đọc 3 dòng)."]
    notes = " ".join(texts(at.markdown))
    assert "Các trang tổng hợp không nhập: Tổng hợp." in unescape(notes)
    rejects = at.dataframe[0].value
    assert [tuple(row) for row in rejects[["Trang tính", "Dòng"]].to_numpy()] == [("Trần Phú", "4")]
