"""The import page's samples: one click loads the 2026 register after its unit registry, two imports that can be
undone; the app itself still opens on the 2023 sample."""

from __future__ import annotations

import pytest

from analytics.store import Store
from tests.app.helpers import IMPORT_PAGE, OVERVIEW_PAGE, button, metrics, new_app, no_exception, texts, unescape

pytestmark = [pytest.mark.usefixtures("sample_app_db"), pytest.mark.changes_data]

LOAD_2023, LOAD_2026 = "Nạp dữ liệu mẫu 2023", "Nạp dữ liệu mẫu 2026 (sau sắp xếp đơn vị hành chính)"


def import_page():
    at = new_app().run()
    at.switch_page(IMPORT_PAGE).run()
    no_exception(at)
    return at


def test_both_samples_are_offered_next_to_each_other():
    at = import_page()
    assert [e.label for e in at.expander if "mẫu" in e.label] == ["Dữ liệu mẫu"]
    assert {b.label for b in at.button} >= {LOAD_2023, LOAD_2026}


def test_one_click_loads_the_2026_registry_then_its_register(sample_app_db: Store):
    at = import_page()
    button(at, LOAD_2026).click().run()
    no_exception(at)
    successes = [unescape(s) for s in texts(at.success)]
    assert any("quang_ngai_2026_danh_muc_don_vi.xlsx" in s and "78" in s for s in successes), successes
    assert any("quang_ngai_2026.xlsx" in s and "4.015" in s for s in successes), successes
    table = at.dataframe[-1].value
    assert list(table["Lần"]) == [4, 3, 2, 1]
    register, registry = table.iloc[0], table.iloc[1]
    assert (registry["Tệp"], registry["Loại"], registry["Cách nhập"], registry["Nạp"], registry["Từ chối"]) == (
        "quang_ngai_2026_danh_muc_don_vi.xlsx", "Danh mục đơn vị", "Dữ liệu mẫu", 78, 0)
    assert (register["Tệp"], register["Loại"], register["Ngày chốt"], register["Đọc"], register["Nạp"],
            register["Từ chối"], register["Mới"], register["Cập nhật"]) == (
        "quang_ngai_2026.xlsx", "Sổ nhiệm vụ", "30/11/2026", 4015, 4015, 0, 3612, 403)
    assert len(sample_app_db.registry()) == 78
    assert [(b["kind"], b["origin"]) for b in sample_app_db.batches()][:2] == [("tasks", "sample"),
                                                                           ("registry", "sample")]
    # The other spellings the registry gives are said in the report.
    assert any("“P Cẩm Thành” là tên gọi khác của “Phường Cẩm Thành”" in unescape(m) for m in texts(at.markdown))
    # The overview opens on the new snapshot: the 2023 tasks still open then were carried over and updated.
    at.switch_page(OVERVIEW_PAGE).run()
    no_exception(at)
    assert metrics(at)["Trễ hạn"] == "131"


def test_a_new_database_still_opens_on_the_2023_sample(tmp_path, monkeypatch):
    monkeypatch.setenv("DONDOC_DB", str(tmp_path / "new.duckdb"))
    at = new_app().run()
    no_exception(at)
    assert metrics(at)["Trễ hạn"] == "140"
    assert [(b["file_name"], b["kind"]) for b in reversed(Store(tmp_path / "new.duckdb").batches())] == [
        ("quang_ngai_2023.xlsx", "tasks"), ("quang_ngai_2023_lich_su.xlsx", "events")]
