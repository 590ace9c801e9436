"""Files of every earlier version open, are brought up to date once, and then read and take imports exactly as a
file made today does.

tests/store/earlier/vNN.sql is a database file as release NN wrote it, made by that release's own code from the
register below (see the header of each file). Today's code opens it; what it then holds is compared with a new
file into which today's code imported the same register.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from analytics import explore
from analytics.importer import import_file
from analytics.queries import Filters, View
from analytics.store import Store, StoreError, migrations
from tests.builders import counts, xlsx_bytes

EARLIER = Path(__file__).parent / "earlier"
VERSIONS = sorted(int(path.stem[1:]) for path in EARLIER.glob("v*.sql"))
HISTORY_SINCE = 2  # releases before this one had no event histories

D = dt.date
HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Cơ quan giao", "Ngày giao", "Hạn xử lý",
          "Gia hạn đến", "Ngày hoàn thành", "Nguyên nhân chậm", "Nguồn"]
TITLE = [["BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"], ["Số liệu tính đến ngày 25/10/2023"], []]
ROWS = [
    ["NV-1", "Giải phóng mặt bằng khu A", "Phường Trần Phú", "Nguyễn Văn An", "UBND thành phố", D(2023, 1, 5),
     D(2023, 3, 31), None, None, "Vướng giải phóng mặt bằng", "Chỉ đạo"],
    ["NV-2", "Báo cáo tình hình Tịnh Ấn", "Xã Tịnh Ấn Tây", "Lê Thị Bình", "UBND thành phố", D(2023, 2, 1),
     D(2023, 10, 25), None, None, None, "Chất vấn"],
    ["NV-3", "Đề án chuyển đổi số", "Phòng Nội vụ", "Trần Văn Cường", "Thành ủy", D(2023, 3, 1), D(2023, 6, 30),
     D(2023, 9, 30), D(2023, 10, 2), "Thiếu nhân lực", "Chỉ đạo"],
    ["NV-4", "Kiểm tra an toàn thực phẩm", "Phòng Y tế", "Phạm Thị Dung", "UBND thành phố", D(2023, 4, 1),
     D(2023, 5, 15), None, D(2023, 5, 10), None, "Đối thoại"],
    ["NV-5", "Rà soát hộ nghèo thường xuyên", "Phường Nghĩa Lộ", "Võ Văn Em", "UBND thành phố", D(2023, 1, 10),
     "Thường xuyên", None, None, None, "Chỉ đạo"],
    ["NV-6", "Sửa chữa trường học", "Phường Trần Phú", "Nguyễn Văn An", "UBND thành phố", D(2023, 9, 1),
     D(2023, 12, 31), None, None, None, "Kiến nghị cử tri"],
]
EVENT_HEADER = ["Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị", "Ghi chú"]
EVENTS = [["NV-1", D(2023, 2, 1), "Chuyển đơn vị chủ trì", "Phòng Nội vụ", "Phường Trần Phú", ""],
          ["NV-1", D(2023, 4, 5), "Đôn đốc lần 1", "", "Phường Trần Phú", ""],
          ["NV-3", D(2023, 6, 20), "Gia hạn", "", "", "đến 30/09/2023"],
          ["NV-2", D(2023, 5, 2), "Xin ý kiến cấp trên", "Xã Tịnh Ấn Tây", "UBND thành phố", ""]]


def made_as_then(tmp_path: Path, version: int) -> Store:
    """The file release `version` wrote, on disk."""
    path = tmp_path / f"v{version:02d}.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute((EARLIER / f"v{version:02d}.sql").read_text(encoding="utf-8"))
    return Store(path, lock_wait=5)


def made_today(tmp_path: Path, with_history: bool) -> Store:
    """The same imports, in the same order, by today's code."""
    store = Store(tmp_path / "today.duckdb", lock_wait=5)
    store.ensure()
    rows = [list(row) for row in ROWS]
    import_file(store, xlsx_bytes(TITLE + [HEADER] + rows), "so_theo_doi.xlsx", snapshot_date=D(2023, 10, 20))
    rows[0][8] = D(2023, 10, 24)  # completed in the later export
    import_file(store, xlsx_bytes(TITLE + [HEADER] + rows), "so_theo_doi_moi.xlsx", snapshot_date=D(2023, 10, 25))
    mistake = import_file(store, xlsx_bytes([HEADER, ["NV-9", "Việc nhập nhầm", "Phòng Nội vụ", "", "",
                                                      D(2023, 1, 1), D(2023, 2, 1), None, None, None, ""]]),
                          "nham.xlsx", snapshot_date=D(2023, 10, 25))
    store.undo(mistake.batch_id)
    if with_history:
        for name in ("lich_su.xlsx", "lich_su_lai.xlsx"):
            import_file(store, xlsx_bytes([EVENT_HEADER, *EVENTS]), name)
    return store


def columns(store: Store) -> list[tuple]:
    """Every table's columns and their types, in order (constraints aside)."""
    with store.connect() as con:
        return con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal "
            "AND table_name IN (SELECT table_name FROM duckdb_tables()) ORDER BY table_name, column_index"
        ).fetchall()


def contents(store: Store, sql: str) -> list[tuple]:
    with store.connect() as con:
        return con.execute(sql).fetchall()


TASKS = "SELECT * EXCLUDE (batch_id) FROM tasks ORDER BY task_id"
VERSIONS_SQL = "SELECT * EXCLUDE (batch_id) FROM task_versions ORDER BY task_id, batch_id"


@pytest.fixture(scope="module")
def today(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return made_today(tmp_path_factory.mktemp("today"), with_history=True)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_of_each_earlier_release_is_brought_up_to_date_once(tmp_path: Path, today: Store, version: int):
    store = made_as_then(tmp_path, version)
    assert store.ensure() == list(range(version + 1, migrations.LATEST + 1))
    assert store.ensure() == []  # once
    recorded = contents(store, "SELECT number, name, applied_at IS NULL FROM migrations ORDER BY number")
    assert [(number, before) for number, _, before in recorded] == [
        (number, number <= version) for number in range(1, migrations.LATEST + 1)]

    assert columns(store) == columns(today)  # the same tables, columns and types as a file made today
    assert contents(store, TASKS) == contents(today, TASKS)  # derived columns included: search keys, sort keys
    assert contents(store, VERSIONS_SQL) == contents(today, VERSIONS_SQL)
    assert contents(store, "SELECT * FROM units ORDER BY unit_key") == contents(today,
                                                                               "SELECT * FROM units ORDER BY unit_key")
    assert contents(store, "SELECT key FROM meta ORDER BY key") == [("cause_rules",), ("name_key",)]
    assert contents(store, "SELECT count(*) > 0 FROM cause_rules") == [(True,)]  # as that release stored them
    events = "SELECT event_key, task_id, day, action, level FROM events ORDER BY event_key"
    if version >= HISTORY_SINCE:
        assert contents(store, events) == contents(today, events)
        assert len(contents(store, events)) == len(EVENTS)  # the history imported twice counts once
        flags = "SELECT shares_keys FROM batches WHERE kind = 'events' ORDER BY batch_id"
        assert contents(store, flags) == contents(today, flags) == [(False,), (True,)]

    # The figures, the search and the sort read it as they read a file made today.
    for day in (D(2023, 10, 25), D(2023, 10, 26)):
        assert counts(store, day) == counts(today, day)
    late = counts(store, D(2023, 10, 26))
    assert (late.overdue, late.done_late, late.done_on_time, late.no_deadline, late.on_track) == (1, 2, 1, 1, 1)
    with store.connect() as con:
        for search, found in (("giai phong mat bang", ["NV-1"]), ("Tịnh Ấn", ["NV-2"]), ("tinh an", ["NV-2"])):
            view = View(D(2023, 10, 26), Filters(search=search))
            records = explore.records(con, view, explore.Question(measure="tasks"), sort="task_id", descending=False)
            assert list(records["task_id"]) == found
        by_title = explore.records(con, View(D(2023, 10, 26)), explore.Question(measure="tasks"), sort="title",
                                   descending=False)
    assert list(by_title["task_id"]) == ["NV-2", "NV-3", "NV-1", "NV-4", "NV-5", "NV-6"]

    # And it takes a new import, and undoes it.
    report = import_file(store, xlsx_bytes([HEADER, ["NV-7", "Việc mới", "Phường Nghĩa Lộ", "", "", D(2023, 10, 1),
                                                     D(2023, 10, 10), None, None, None, ""]]),
                         "moi.xlsx", snapshot_date=D(2023, 10, 26))
    assert counts(store, D(2023, 10, 26)).overdue == 2
    assert store.undo(report.batch_id)
    assert counts(store, D(2023, 10, 26)).overdue == 1


def test_a_new_file_records_every_migration(tmp_path: Path):
    store = Store(tmp_path / "new.duckdb", lock_wait=5)
    assert store.ensure() == list(range(1, migrations.LATEST + 1))
    assert store.ensure() == []
    assert [n for n, in contents(store, "SELECT number FROM migrations ORDER BY number")] == list(
        range(1, migrations.LATEST + 1))


def test_a_file_of_a_newer_release_is_refused_and_left_as_it_is(tmp_path: Path):
    store = Store(tmp_path / "newer.duckdb", lock_wait=5)
    store.ensure()
    with store.connect() as con:
        con.execute("INSERT INTO migrations VALUES ($n, 'from the future', now())", {"n": migrations.LATEST + 1})
    before = columns(store)
    with pytest.raises(StoreError) as refused:
        store.ensure()
    assert refused.value.code == "newer"
    assert "phiên bản Đôn đốc mới hơn" in refused.value.message("vi")
    assert columns(store) == before


def test_an_upgrade_stopped_half_way_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """All of an upgrade or none of it: a start killed (here: failing) after some migrations ran changes nothing,
    and the next start does the whole upgrade."""
    store = made_as_then(tmp_path, 5)
    before = columns(store), contents(store, TASKS)

    def fail(_con, _refilling):
        raise RuntimeError("stopped")

    broken = tuple(m if m.number != 9 else migrations.Migration(9, m.name, m.statements, m.refills, fail)
                   for m in migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(RuntimeError):
        store.ensure()
    assert (columns(store), contents(store, TASKS)) == before
    monkeypatch.undo()
    assert store.ensure() == list(range(6, migrations.LATEST + 1))
