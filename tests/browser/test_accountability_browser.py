"""The follow-up flow in Chromium: open today's reminders, download a unit's draft letter and all letters, record
them as sent and see the list change; the officers' rating opened from a shared link."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.app.test_accountability_pages import SAMPLE_REMINDERS
from tests.browser.conftest import AppServer
from tests.browser.helpers import RUN_TIMEOUT, expect, metric_value, open_app, wait_for_run

docx = pytest.importorskip("docx", reason="python-docx is not installed")

FILE_TIMEOUT = 60_000


def download(page, name: str, target: Path) -> Path:
    with page.expect_download(timeout=FILE_TIMEOUT) as started:
        page.get_by_role("button", name=name).first.click()
    path = target / started.value.suggested_filename
    started.value.save_as(path)
    assert started.value.failure() is None
    return path


def test_reminders_letters_and_recording(app_server: AppServer, page, tmp_path: Path) -> None:
    open_app(page, app_server, "/reminders")
    expect(metric_value(page, "Đôn đốc lần 1")).to_have_text(SAMPLE_REMINDERS["Đôn đốc lần 1"], timeout=RUN_TIMEOUT)
    units = SAMPLE_REMINDERS["Đơn vị cần gửi"]

    archive = download(page, f"Tải dự thảo công văn cho cả {units} đơn vị (.zip)", tmp_path)
    names = zipfile.ZipFile(archive).namelist()
    assert len(names) == int(units) and all(n.endswith(".docx") for n in names)

    letter = download(page, "Tải dự thảo công văn (.docx)", tmp_path)  # the first unit's letter
    document = docx.Document(str(letter))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(c.text for c in document.tables[0]._cells)
    assert "Kính gửi: " in text and "25/10/2023" in text
    assert letter.name in names  # the same file name as in the .zip

    page.get_by_role("button", name="Ghi nhận đã đôn đốc").click()
    wait_for_run(page)
    expect(page.get_by_text("Đã ghi nhận", exact=False)).to_be_visible(timeout=RUN_TIMEOUT)
    expect(metric_value(page, "Đơn vị cần gửi")).to_have_text("0", timeout=RUN_TIMEOUT)
    expect(metric_value(page, "Đang chờ phản hồi")).to_have_text("140")

    # Undone from the import page's history, the list is back.
    open_app(page, app_server, "/import_data")
    history = page.get_by_test_id("stDataFrame").last
    expect(history).to_be_visible(timeout=RUN_TIMEOUT)
    page.get_by_text("Tôi hiểu", exact=False).first.click()
    page.get_by_role("button", name="Hoàn tác lần nhập").click()
    # Wait for the undo to be done (its message), not just for a run: leaving earlier could cut the run short.
    expect(page.get_by_text("Đã hoàn tác lần nhập số", exact=False)).to_be_visible(timeout=RUN_TIMEOUT)
    open_app(page, app_server, "/reminders")
    expect(metric_value(page, "Đơn vị cần gửi")).to_have_text(units, timeout=RUN_TIMEOUT)


def test_officers_from_a_shared_link(app_server: AppServer, page) -> None:
    open_app(page, app_server, "/officers?rate_by=unit&quarter=2023q3&lang=en")
    expect(metric_value(page, "Units with tasks due")).to_have_text("52", timeout=RUN_TIMEOUT)
    expect(metric_value(page, "Above 5.0%")).to_have_text("45")
    expect(page.get_by_role("heading", name="Late rate by unit — Q3/2023 (01/07/2023–30/09/2023)")).to_be_visible()
