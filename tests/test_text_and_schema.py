"""Names and headers as people type them: one unit however spelled, headers in any form, blocks from names."""

from __future__ import annotations

import unicodedata

import pytest

from analytics.schema import infer_block, match_header
from analytics.text import fold, unit_key


@pytest.mark.parametrize(("a", "b"), [
    ("Phường Trần Phú", unicodedata.normalize("NFD", "Phường Trần Phú")),
    ("Phường Trần Phú", "  phường  TRẦN   phú "),
    ("Phường Trần Phú", "UBND phường Trần Phú"),
    ("Phường Trần Phú", "Ủy ban nhân dân phường Trần Phú"),
    ("Phường Trần Phú", "P. Trần Phú"),
    ("Xã Tịnh Hòa", "Xã Tịnh Hoà"),
    ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính-Kế hoạch"),
    ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính – Kế hoạch"),
    ("Ủy ban MTTQ Việt Nam thành phố", "Uỷ ban Mặt trận Tổ quốc Việt Nam TP"),
    ("Văn phòng HĐND và UBND thành phố", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố"),
])
def test_same_unit_however_typed(a, b):
    assert unit_key(a) == unit_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Xã Nghĩa Dõng", "Xã Nghĩa Dũng"),
    ("Xã Tịnh Ấn Đông", "Xã Tịnh Ấn Tây"),
    ("Phường Nghĩa Lộ", "Phường Nghĩa Chánh"),
    ("Xã Tịnh An", "Xã Tịnh Ấn"),
])
def test_different_units_stay_different(a, b):
    assert unit_key(a) != unit_key(b)


def test_fold_removes_accents_case_and_punctuation_including_d():
    assert fold("ĐƠN VỊ chủ trì (*)") == "don vi chu tri"
    assert fold("Số, ký hiệu văn bản") == "so ky hieu van ban"


@pytest.mark.parametrize(("header", "column"), [
    ("Mã nhiệm vụ", "task_id"), ("MÃ NV", "task_id"), ("ID", "task_id"),
    ("Trích yếu", "title"), ("Nội dung nhiệm vụ", "title"), ("Tên nhiệm vụ", "title"),
    ("Đơn vị chủ trì", "unit"), ("Don vi thuc hien", "unit"), ("Cơ quan chủ trì", "unit"), ("Lead unit", "unit"),
    ("Cán bộ phụ trách", "assignee"), ("Người xử lý", "assignee"),
    ("Cơ quan giao", "assigner"), ("Lãnh đạo giao", "assigner"),
    ("Số, ký hiệu văn bản", "source_doc"), ("Văn bản giao", "source_doc"),
    ("Nguồn", "origin"), ("Loại nhiệm vụ", "origin"), ("Lĩnh vực", "field"),
    ("Ngày giao", "assigned_date"), ("Ngày ban hành", "assigned_date"), ("Ngày nhận", "assigned_date"),
    ("Hạn xử lý", "due_date"), ("Thời hạn", "due_date"), ("Thời hạn hoàn thành", "due_date"),
    ("Hạn xử lý (dd/mm/yyyy)", "due_date"), ("Deadline", "due_date"),
    ("Gia hạn", "extended_due_date"), ("Gia hạn đến", "extended_due_date"),
    ("Ngày hoàn thành", "completed_date"), ("Ngày xử lý xong", "completed_date"),
    ("Tình trạng", "status"), ("Trạng thái", "status"),
    ("Nguyên nhân chậm", "cause"), ("Lý do", "cause"), ("Số lần chuyển", "transfers"), ("Ghi chú", "note"),
])
def test_headers_real_exports_use(header, column):
    assert match_header(header) == column
    assert match_header(fold(header)) == column  # exports without diacritics
    assert match_header(header.upper()) == column


@pytest.mark.parametrize("header", ["STT", "", "Ký tên", "Xếp loại"])
def test_headers_that_are_no_column(header):
    assert match_header(header) is None


@pytest.mark.parametrize(("name", "block"), [
    ("Phòng Tài nguyên và Môi trường", "government"), ("Văn phòng HĐND và UBND thành phố", "government"),
    ("Thanh tra thành phố", "government"), ("Sở Tài chính", "government"), ("UBND huyện Sơn Tịnh", "government"),
    ("Phường Trần Phú", "commune"), ("Xã Tịnh Kỳ", "commune"), ("UBND xã Nghĩa Hà", "commune"),
    ("Thị trấn La Hà", "commune"), ("Đặc khu Lý Sơn", "commune"),
    ("Văn phòng Thành ủy", "party"), ("Ban Tổ chức Thành ủy", "party"), ("Ủy ban Kiểm tra Thành ủy", "party"),
    ("Ủy ban MTTQ Việt Nam thành phố", "mass_org"), ("Thành đoàn Quảng Ngãi", "mass_org"),
    ("Hội Cựu chiến binh thành phố", "mass_org"), ("Liên đoàn Lao động thành phố", "mass_org"),
    ("Công an thành phố", "other"), ("Chi cục Thuế khu vực Quảng Ngãi", "other"), ("Công ty ABC", "other"),
    ("Phòng Lao động - Thương binh và Xã hội", "government"),
])
def test_block_inferred_from_the_name(name, block):
    assert infer_block(name) == block
