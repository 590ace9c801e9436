"""Properties over generated registers: whatever the cells hold, the importer does not crash, and every row
read is either loaded or rejected with its row number."""

from __future__ import annotations

import datetime as dt
import functools

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.importer import import_file
from analytics.ingest import raw, table
from analytics.ingest.errors import FileProblem
from analytics.ingest.layout import detect_layout
from analytics.ingest.readers import read_source
from analytics.store.connections import scratch
from tests.builders import csv_bytes, new_store, xlsx_bytes

HEADER = ["STT", "Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành",
          "Số lần chuyển"]

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
_cell = st.one_of(
    st.just(""),
    _text,
    st.sampled_from(["Phường Trần Phú", "Phòng Nội vụ", "Tổng cộng", "Người lập biểu", "31/02/2023", "không rõ",
                     "Thường xuyên", "=1+1", "<b>x</b>", "'); DROP TABLE tasks; --", "(1)", "I", "-", "Đã hoàn thành"]),
    st.dates(min_value=dt.date(1985, 1, 1), max_value=dt.date(2105, 1, 1)).map(lambda x: x.strftime("%d/%m/%Y")),
    st.integers(min_value=-5, max_value=80_000).map(str),
)
_row = st.lists(_cell, min_size=0, max_size=len(HEADER) + 2)


@functools.cache
def _database() -> duckdb.DuckDBPyConnection:
    """One sandboxed in-memory database for every example (the import page's preview makes one per file)."""
    return scratch()


def decided(source):
    """Every row under the header decided by the import's rules, as the preview decides them (nothing stored)."""
    layout = detect_layout(source)
    con = _database()
    got = raw.from_rows(con, source.sheet(layout.sheet).rows[layout.first_data_row - 1:], len(layout.labels))
    return table.decide(con, layout, got.rows, with_row_numbers=True)


def _check(parsed, body_rows: int) -> None:
    rows = [r.row for r in parsed.rejects] + parsed.loaded_rows + [i.row for i in parsed.ignored]
    assert len(rows) == len(set(rows))  # each row is accounted for once
    assert all(2 <= r <= body_rows + 1 for r in rows)
    assert parsed.rows_read + len(parsed.ignored) + parsed.blank_rows == body_rows
    assert all(r.problems for r in parsed.rejects)


def _read(data: bytes, name: str):
    """The file as read; None when it is refused as a whole with a clear reason (mostly control characters)."""
    try:
        return read_source(data, name)
    except FileProblem as problem:
        assert problem.code == "not_text"
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, max_size=30))
def test_any_csv_rows(rows):
    source = _read(csv_bytes([HEADER, *rows]), "fuzz.csv")
    if source is None:
        return
    parsed = decided(source)
    # csv drops nothing: a row of no cells is still a (blank) row of the file
    _check(parsed, len(source.sheets[0].rows) - 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, max_size=20))
def test_any_xlsx_rows(rows):
    source = _read(xlsx_bytes([HEADER, *rows]), "fuzz.xlsx")
    parsed = decided(source)
    _check(parsed, len(source.sheets[0].rows) - 1)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_row, max_size=15))
def test_any_rows_store_exactly_what_was_loaded(tmp_path_factory, rows):
    store = new_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")
    try:
        report = import_file(store, csv_bytes([HEADER, *rows]), "fuzz.csv", snapshot_date=dt.date(2023, 10, 25))
    except FileProblem as problem:
        assert problem.code == "not_text"
        return
    assert report.rows_read == report.rows_loaded + report.rows_rejected
    with store.connect() as con:
        stored = con.execute("SELECT count(*) FROM task_versions").fetchall()[0][0]
        tasks = con.execute("SELECT count(*) FROM tasks").fetchall()[0][0]
    assert stored == tasks == report.rows_loaded
    assert len(store.batch_rejects(report.batch_id)) == report.rows_rejected
    with store.connect() as con:  # every loaded task names a unit, and no id twice
        assert con.execute("SELECT count(*) FROM tasks WHERE unit IS NULL OR unit = ''").fetchall()[0][0] == 0
        assert con.execute("SELECT count(DISTINCT task_id) FROM tasks").fetchall()[0][0] == report.rows_loaded


_UNITS = ["Phường Trần Phú", "Công an tỉnh", "Tổng cục Thuế", "Chủ tịch UBND tỉnh", "KHỐI CHÍNH QUYỀN"]
_filler = st.sampled_from(["", "Tổng cộng", "NGƯỜI LẬP BIỂU", "Quảng Ngãi, ngày 25 tháng 10 năm 2023", "I", "x"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(_UNITS), _filler, _filler), min_size=1, max_size=25))
def test_a_row_with_a_unit_and_a_deadline_is_never_skipped(rows):
    """Whatever report furniture surrounds it, a row naming a unit and a real deadline is read (loaded or
    rejected), never skipped as a heading, total or signature."""
    body = []
    for is_task, unit, first, last in rows:
        task = [first, "", "", unit, "01/10/2023", "", "", last]
        body.append(task if is_task else [first, "", last, "", "", "", "", ""])
    source = read_source(csv_bytes([HEADER, *body]), "furniture.csv")
    parsed = decided(source)
    read = {r.row for r in parsed.rejects} | set(parsed.loaded_rows)
    tasks = {index + 2 for index, (is_task, *_rest) in enumerate(rows) if is_task}
    assert tasks <= read
    assert set(parsed.unit_names.values()) <= set(_UNITS)


_PIECES = st.sampled_from(["a", "e", "o", "u", "A", "đ", "\u0301", "\u0300", "\u0323", "\u0309", "\u0303", "\u0302",
                           "\u0306", "ệ", "Ấ", " ", "\0", "\u1100", "\u1161"])


@settings(max_examples=300, deadline=None)
@given(row=st.lists(st.one_of(st.lists(_PIECES, max_size=8).map("".join), st.none(), st.integers(),
                              st.floats(allow_nan=False)), max_size=6))
def test_a_workbook_row_is_normalised_as_each_of_its_cells_is(row):
    """Text is checked for NFC a row at a time (workbook.nfc_row): the result is each cell's own NFC, whatever
    combining marks sit at the edges of the cells."""
    from analytics.ingest.workbook import nfc_row
    from analytics.text import nfc

    assert nfc_row(list(row)) == [nfc(v) if isinstance(v, str) else v for v in row]
