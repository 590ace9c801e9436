"""Event histories are imported like registers: header found under a title, furniture skipped and listed,
every other row loaded or rejected with its row number and every reason; re-imports do not double count."""

from __future__ import annotations

import contextlib
import json
import unicodedata

from analytics.cli import main
from analytics.importer import import_file
from tests.builders import csv_bytes, d, latest_snapshot, load, new_store, xlsx_bytes

HEADER = ["STT", "Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị", "Ghi chú"]


def _events(store) -> list[tuple]:
    return store.query("SELECT task_id, day, action, level, from_unit, to_unit FROM events ORDER BY task_id, day")


def test_messy_history_every_row_accounted_for(store):
    load(store, [["A1", "Việc", "Phòng Nội vụ", d("01/08/2023"), None, None, None]])
    nfd = unicodedata.normalize("NFD", "Phường Trần Phú")
    rows = [
        ["UBND THÀNH PHỐ", None, None, None, None, None, None],
        ["LỊCH SỬ XỬ LÝ (Số liệu tính đến ngày 30/09/2023)", None, None, None, None, None, None],
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, "A1", "02/08/2023", "Chuyển đơn vị chủ trì", nfd, "Phòng Nội vụ", None],
        [2, "A1", "31/02/2023", "Bay lên trời", None, None, None],
        [3, None, None, "Đôn đốc", None, None, None],
        [4, "A1", "2023-08-20 08:30", "ĐÔN ĐỐC LẦN 2", "Văn phòng", "Phòng Nội vụ", "=HYPERLINK(\"x\")"],
        [5, "A1", "02/08/2023", "Chuyển đơn vị chủ trì", nfd, "Phòng Nội vụ", None],  # written twice: two events
        [None, None, None, None, None, None, None],
        ["Tổng cộng", None, None, None, None, None, None],
        ["NGƯỜI LẬP BIỂU", None, None, None, None, None, None],
    ]
    report = import_file(store, xlsx_bytes(rows), "lich_su.xlsx")
    assert report.kind == "events"
    assert (report.header_row, report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 5, 3, 2)
    reasons = {r["row"]: r["reason"] for r in report.reject_reasons()}
    assert set(reasons) == {6, 7}
    assert "31/02/2023" in reasons[6] and "Bay lên trời" in reasons[6]  # every reason of the row
    assert "Thiếu mã nhiệm vụ" in reasons[7] and "Thiếu ngày" in reasons[7]
    assert {i.row: i.code for i in report.ignored} == {4: "numbering_row", 11: "total_row", 12: "footer"}
    assert str(report.snapshot_date) == "2023-09-30"  # from the title block
    events = _events(store)
    assert [(e[2], e[3]) for e in events] == [("transfer", None), ("transfer", None), ("reminder", 2)]
    assert events[0][4] == "Phường Trần Phú"  # NFC
    notes = store.query("SELECT note FROM events WHERE action = 'reminder'")
    assert notes == [('=HYPERLINK("x")',)]  # kept verbatim, as data

    again = import_file(store, xlsx_bytes(rows), "lich_su (1).xlsx")
    assert again.rows_loaded == 3 and len(_events(store)) == 3  # the same events again are not new events
    assert [(b["inserted"], b["updated"]) for b in store.batches()[:2]] == [(0, 0), (3, 0)]
    store.undo(again.batch_id)
    assert len(_events(store)) == 3
    store.undo(report.batch_id)
    assert len(_events(store)) == 0
    assert latest_snapshot(store) == d("31/12/2023")  # a history never moves the register's snapshot


def test_csv_history_without_diacritics_and_unknown_tasks(store):
    data = csv_bytes([
        ["Ma nhiem vu", "Ngay", "Hanh dong", "Tu don vi", "Den don vi"],
        ["X9", "05/09/2023", "Tra lai", "Phong Tu phap", "Van phong"],
        ["X9", "06/09/2023", "Xin y kien cap tren", "Phong Tu phap", "UBND thanh pho"],
    ], encoding="utf-8-sig")
    report = import_file(store, data, "history.csv")
    assert report.kind == "events" and report.rows_loaded == 2
    assert [code for code, _ in report.notes] == ["history", "history_unknown_tasks"]
    assert [e[2] for e in _events(store)] == ["return", "escalation"]


def test_a_register_is_never_taken_for_a_history(store):
    header = ["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày giao", "Ghi chú"]
    report = load(store, [["A1", "Phòng Nội vụ", d("01/08/2023"), d("01/07/2023"), "Đôn đốc lần 1"]], header=header)
    assert report.kind == "tasks" and report.rows_loaded == 1


def test_cli_imports_a_history_as_json(store, tmp_path, capsys):
    path = tmp_path / "lich_su.csv"
    path.write_bytes(csv_bytes([["Mã nhiệm vụ", "Ngày", "Nội dung xử lý"], ["A1", "01/09/2023", "Gia hạn"],
                                ["A2", "không rõ", "Gia hạn"]]))
    assert main(["import", str(path), "--db", str(store.path), "--json"]) == 0
    line = json.loads(capsys.readouterr().out.strip())
    assert (line["kind"], line["rows_read"], line["rows_loaded"], line["rows_rejected"]) == ("events", 2, 1, 1)
    assert line["rejects"][0]["row"] == 3 and "không rõ" in line["rejects"][0]["reason"]


def test_a_register_without_deadline_is_a_bad_register_not_a_history(store, tmp_path, capsys):
    path = tmp_path / "so.csv"
    path.write_bytes(csv_bytes([["Mã nhiệm vụ", "Nội dung", "Thời gian", "Đơn vị chủ trì"],
                                ["A1", "Rà soát hồ sơ đất đai", "01/08/2023", "Phòng Nội vụ"],
                                ["A2", "Báo cáo tình hình", "05/08/2023", "Phòng Tư pháp"]]))
    assert main(["import", str(path), "--db", str(store.path)]) == 2
    assert "Hạn xử lý" in capsys.readouterr().err


def _history_three_ways(tmp_path, monkeypatch, data: bytes):
    """Import the same history from its path read in small pieces (as a large export is), from its bytes, and
    read by Python's csv module: each store's report and events."""
    from analytics.ingest import readers
    from tests.ingest.test_one_route import read_by_python

    path = tmp_path / "lich_su.csv"
    path.write_bytes(data)
    results = []
    for name in ("pieces", "bytes", "python"):
        with monkeypatch.context() as patch:
            if name != "python":  # read as a large file is, by the database
                patch.setattr(readers, "HEAD_BYTES", len(data) - 1)
            if name == "pieces":
                patch.setattr(readers, "PIECE_BYTES", 64)  # many pieces of the file
            store = new_store(tmp_path / f"{name}.duckdb")
            load(store, [["A1", "Việc", "Phòng Nội vụ", d("01/08/2023"), None, None, None]])
            with read_by_python(patch) if name == "python" else contextlib.nullcontext():
                report = import_file(store, path if name == "pieces" else data, "lich_su.csv")
            stored = store.query("SELECT * EXCLUDE (batch_id) FROM event_versions ORDER BY source_row")
            results.append((report, stored))
    return results


def test_a_large_history_read_in_pieces_is_imported_as_one_read_whole(tmp_path, monkeypatch):
    rows = [
        ["LỊCH SỬ XỬ LÝ (Số liệu tính đến ngày 30/09/2023)"],
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, "A1", "02/08/2023", "Chuyển đơn vị chủ trì", "Phường Trần Phú", "Phòng Nội vụ", "dòng một\ndòng hai"],
        [2, "A1", "31/02/2023", "Bay lên trời", "", "", ""],
        [3, "A1", "20/08/2023", "Đôn đốc lần 2", "Văn phòng", "Phòng Nội vụ", ""],
        [4, "B7", "21/08/2023", "Trả lại", "Phòng Tư pháp", "Văn phòng", ""],
        [5, "A1", "02/08/2023", "Chuyển đơn vị chủ trì", "Phường Trần Phú", "Phòng Nội vụ", ""],  # again
        ["Tổng cộng", "", "", "", "", "", ""],
        [6, "A1", "02/08/2023", "Chuyển đơn vị chủ trì", "Phường Trần Phú", "Phòng Nội vụ", ""],  # third time
    ]
    (pieces, stored_pieces), (whole, stored_whole), (python, stored_python) = _history_three_ways(
        tmp_path, monkeypatch, csv_bytes(rows, encoding="utf-8-sig"))
    assert pieces.to_json() == whole.to_json() == python.to_json()
    assert stored_whole == stored_python
    assert (pieces.rows_read, pieces.rows_loaded, pieces.rows_rejected) == (6, 5, 1)
    assert [r.row for r in pieces.rejects] == [5]
    assert [(i.row, i.code) for i in pieces.ignored] == [(3, "numbering_row"), (9, "total_row")]
    assert ("history_unknown_tasks", {"count": 1}) in pieces.notes  # B7
    assert stored_pieces == stored_whole
    keys = [row[1] for row in stored_pieces if row[4] == "transfer"]
    assert keys[1:] == [keys[0] + "-2", keys[0] + "-3"]  # one event written three times: three events
    assert stored_pieces[0][-1] == "dòng một\ndòng hai"


def test_each_event_once_whichever_batches_hold_it(store):
    """A history imported again, in part, and undone in any order: the events view shows each event once, from
    the latest active batch, flagged or not."""
    load(store, [["A1", "Việc", "Phòng Nội vụ", d("01/08/2023"), None, None, None]])
    first = [["Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Ghi chú"],
             ["A1", "02/08/2023", "Trả lại", "lần đầu"], ["A1", "03/08/2023", "Đôn đốc", "lần đầu"]]
    second = [first[0], ["A1", "03/08/2023", "Đôn đốc", "nhập lại"], ["A1", "04/08/2023", "Đôn đốc", "nhập lại"]]
    a = import_file(store, csv_bytes(first), "a.csv")
    b = import_file(store, csv_bytes(second), "b.csv")

    def shown() -> list[tuple]:
        return store.query("SELECT day, note FROM events ORDER BY day")

    def flags() -> list[tuple]:
        return store.query("SELECT batch_id, shares_keys FROM batches WHERE kind = 'events' ORDER BY batch_id")

    both = [(d("02/08/2023"), "lần đầu"), (d("03/08/2023"), "nhập lại"), (d("04/08/2023"), "nhập lại")]
    assert shown() == both
    assert flags() == [(a.batch_id, False), (b.batch_id, True)]
    with store.connect() as con:
        con.execute("UPDATE batches SET shares_keys = NULL")
    assert shown() == both  # not flagged (a file of an earlier release: its migration flags them): every key ranked
    store.undo(a.batch_id)
    assert shown() == both[1:]
    store.undo(b.batch_id)
    assert shown() == []
