"""Files made to hurt: a workbook whose grid would need hundreds of gigabytes, a zip that claims to unpack to
more than any register, random bytes behind every file signature, thousands of columns, a huge cell. Each
gets a clear problem, and the process that asked (the app's server) carries on."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsxwriter import Workbook

from analytics.importer import detect_table, import_file
from analytics.ingest import sandbox
from analytics.ingest.errors import FileProblem
from analytics.ingest.readers import MAX_UNPACKED_BYTES, read_head, read_source
from analytics.store import Store
from tests.builders import csv_bytes, xlsx_bytes

# Hostile workbooks go through the child process the app reads them in (tests/conftest.py reads others here).
pytestmark = pytest.mark.child_process

HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"]


def _far_cell_workbook() -> bytes:
    """5 KB: a header and one cell at XFD1048576. Laid out as a grid, that is 17 billion cells."""
    buffer = io.BytesIO()
    workbook = Workbook(buffer)
    sheet = workbook.add_worksheet("Nhiệm vụ")
    sheet.write_row(0, 0, HEADER)
    sheet.write(1_048_575, 16_383, "x")
    workbook.close()
    return buffer.getvalue()


def _lying_zip(declared: int) -> bytes:
    """A small workbook whose sheet says, in the zip's directory, that it unpacks to `declared` bytes."""
    data = bytearray(xlsx_bytes([HEADER, ["1", "Việc", "Phường Trần Phú", "01/10/2023"]]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        sheet = next(m for m in archive.infolist() if m.filename.startswith("xl/worksheets/"))
    # The central directory entry: signature PK\x01\x02, the uncompressed size at offset 24.
    name = sheet.filename.encode()
    at = data.find(b"PK\x01\x02")
    while data[at + 46: at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + 24: at + 28] = struct.pack("<I", declared)
    return bytes(data)


def test_a_workbook_that_would_need_hundreds_of_gigabytes_is_refused(store: Store):
    data = _far_cell_workbook()
    assert len(data) < 10_000
    with pytest.raises(FileProblem) as raised:
        read_source(data, "ba_tram_gb.xlsx")
    assert raised.value.code == "workbook_too_large"
    assert "giới hạn bộ nhớ" in raised.value.message("vi")
    with pytest.raises(FileProblem):  # the importer says the same, and nothing is written
        import_file(store, data, "ba_tram_gb.xlsx")
    assert not store.batches()


def test_a_zip_claiming_more_than_the_limit_is_refused_before_it_is_opened():
    data = _lying_zip(min(MAX_UNPACKED_BYTES + 1, 2**32 - 1))
    with pytest.raises(FileProblem) as raised:
        read_source(data, "bom.xlsx")
    assert raised.value.code == "workbook_too_large"


def test_a_member_that_lies_about_its_size_is_a_damaged_file():
    with pytest.raises(FileProblem) as raised:
        read_source(_lying_zip(10), "noi_doi.xlsx")  # says 10 bytes, holds more
    assert raised.value.code in ("unreadable_workbook", "workbook_too_large")


def test_the_readers_memory_limit_holds(monkeypatch: pytest.MonkeyPatch):
    small = xlsx_bytes([HEADER, ["1", "Việc", "Phường Trần Phú", "01/10/2023"]])
    big = xlsx_bytes([HEADER] + [[str(i), f"Việc {i} " * 150, "Phường Trần Phú", "01/10/2023"]
                                 for i in range(30_000)])
    assert len(read_source(big, "lon.xlsx").sheets[0].rows) == 30_001  # within the usual limit
    monkeypatch.setenv("DONDOC_WORKBOOK_MEMORY_MB", "120")
    assert len(read_source(small, "nho.xlsx").sheets[0].rows) == 2
    with pytest.raises(FileProblem) as raised:
        read_source(big, "lon.xlsx")
    assert raised.value.code == "workbook_too_large"


def test_a_workbook_that_fans_out_beyond_what_the_server_keeps_is_refused(monkeypatch: pytest.MonkeyPatch):
    """One long text used in every cell: a small file, a great many characters once laid out."""
    long_text = "Nội dung lặp lại " * 500
    data = xlsx_bytes([HEADER] + [[str(i), long_text, "Phường Trần Phú", "01/10/2023"] for i in range(2_000)])
    assert len(read_source(data, "lap.xlsx").sheets[0].rows) == 2_001
    monkeypatch.setattr(sandbox, "MAX_RESULT_BYTES", 5 * 1024 * 1024)  # the text alone is 17 MB
    with pytest.raises(FileProblem) as raised:
        read_source(data, "lap.xlsx")
    assert raised.value.code == "workbook_too_large"


def test_thousands_of_columns_are_read_and_the_task_columns_found(store: Store):
    width = 5_000
    header = HEADER + [f"Cột {i}" for i in range(width - len(HEADER))]
    rows = [header] + [[str(i), "Việc", "Phường Trần Phú", "01/10/2023"] + [f"ô {i} {c}" for c in range(width - 4)]
                       for i in range(50)]
    report = import_file(store, csv_bytes(rows), "rong.csv")
    assert (report.rows_read, report.rows_loaded) == (50, 50)


@pytest.mark.parametrize("blank_line", [False, True])
def test_a_huge_cell_is_a_clear_problem(store: Store, blank_line: bool):
    """A 5 MB cell (a line longer than DuckDB's reader takes: Python's csv module reads the file): its row is
    rejected saying so, the others load."""
    rows = [HEADER, ["1", "x" * 5_000_000, "Phường Trần Phú", "01/10/2023"], [], ["2", "Việc", "Xã A", "01/10/2023"]]
    report = import_file(store, csv_bytes(rows if blank_line else rows[:2] + rows[3:]), "o_lon.csv")
    assert report.route == "records"
    assert (report.rows_read, report.rows_loaded) == (2, 1)
    assert [(r.row, [p.code for p in r.problems]) for r in report.rejects] == [(2, ["cell_too_long"])]
    assert report.rejects[0].problems[0].params["length"] == 5_000_000


_SIGNATURES = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>",
               b"Ma nhiem vu,Don vi chu tri,Han xu ly\n"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_SIGNATURES), body=st.binary(max_size=3000))
def test_random_bytes_behind_any_signature_are_a_problem_or_a_table(prefix: bytes, body: bytes):
    try:
        detect_table(read_head(prefix + body, "ngau_nhien.xlsx"))
    except FileProblem as problem:
        assert problem.message("vi") and problem.message("vi") != f"file_problem.{problem.code}"


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=30, max_size=3000))
def test_a_damaged_copy_of_a_real_workbook_is_a_problem_or_a_table(data: bytes):
    real = xlsx_bytes([HEADER, ["1", "Việc", "Phường Trần Phú", "01/10/2023"]])
    cut = len(data) % len(real)
    damaged = real[:cut] + data + real[cut + len(data):]
    try:
        detect_table(read_head(damaged, "hong.xlsx"))
    except FileProblem as problem:
        assert problem.message("vi") != f"file_problem.{problem.code}"
