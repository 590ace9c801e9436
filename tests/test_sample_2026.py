"""The 2026 sample: the register continued across the 1/7/2025 merger of wards and communes, and its unit registry.

Every figure is counted here from the committed files themselves (python-calamine, the rule of docs/design.md §4.1
and analytics.lineage's rule) and compared with what the import stored and the queries count; the figures are also
written out, so that a regenerated file that changes them is noticed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from analytics import queries, settings
from analytics.importer import import_file, import_registry, load_sample
from analytics.lineage import carrier, resolve
from analytics.store import Store
from analytics.text import unit_key
from tests.conftest import copy_database
from tests.test_cli import run

SNAPSHOT = dt.date(2026, 11, 30)
BEFORE, MERGER, CHAIN_DAY = dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2026, 1, 1)
TASKS, CARRIED, OVERDUE = 4015, 403, 131  # rows; 2023 tasks still open on 25/10/2023; overdue on SNAPSHOT
REGISTRY_UNITS, MERGED_UNITS = 78, 50
MERGED_WARD, ITS_SUCCESSOR = "Phường Chánh Lộ", "Phường Cẩm Thành"  # khoản 83 Điều 1 NQ 1677/NQ-UBTVQH15
MERGED_WARD_TASKS, MERGED_WARD_OVERDUE = 58, 4
SUCCESSOR_OVERDUE = 13  # carried by Phường Cẩm Thành on SNAPSHOT, its predecessors' tasks included
OTHER_SPELLINGS = {"P Cẩm Thành": ("Phường Cẩm Thành", 17), "Sở NN&MT": ("Sở Nông nghiệp và Môi trường", 5)}
CHAIN = ("Trung tâm Phát triển quỹ đất thành phố", "Chi nhánh Trung tâm Phát triển quỹ đất Cẩm Thành",
         "Trung tâm Phát triển quỹ đất tỉnh")


def sheet(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


@pytest.fixture(scope="module")
def register() -> dict[str, dict]:
    """The committed register's tasks by code, as written."""
    rows = sheet(settings.SAMPLE_2026_FILE)
    header = next(i for i, r in enumerate(rows) if r[:2] == ["STT", "Mã nhiệm vụ"])
    tasks = {}
    for r in rows[header + 1:]:
        if not str(r[1]).startswith("QNg-"):
            break
        tasks[r[1]] = {"unit": r[5], "assigned": r[9], "due": r[10] or None, "extended": r[11] or None,
                       "done": r[12] or None}
    return tasks


@pytest.fixture(scope="module")
def registry_rows() -> list[list]:
    """The committed registry's unit rows (numbered), as written."""
    rows = sheet(settings.SAMPLE_2026_REGISTRY)
    header = next(i for i, r in enumerate(rows) if r[:2] == ["STT", "Tên đơn vị"])
    assert rows[header] == ["STT", "Tên đơn vị", "Khối", "Đơn vị cấp trên", "Sáp nhập vào", "Ngày hiệu lực",
                            "Tên gọi khác", "Căn cứ"]
    return [r for r in rows[header + 1:] if isinstance(r[0], float)]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Store, list]:
    """A new database with the 2026 sample loaded as the command line and the import page load it."""
    store = Store(tmp_path_factory.mktemp("sample2026") / "sample2026.duckdb")
    store.ensure()
    return store, load_sample(store, "2026")


def overdue_on(task: dict, day: dt.date) -> bool:
    """docs/design.md §4.1: not completed by the day, its effective deadline before it, given by then."""
    due = task["extended"] or task["due"]
    return (due is not None and due < day and task["assigned"] <= day
            and (task["done"] is None or task["done"] > day))


def test_the_files_are_small_and_as_counted(register, registry_rows):
    assert settings.SAMPLE_2026_FILE.stat().st_size < 1_000_000
    assert settings.SAMPLE_2026_REGISTRY.stat().st_size < 1_000_000
    assert len(register) == TASKS
    assert sum(code.startswith("QNg-2023-") for code in register) == CARRIED
    assert sum(overdue_on(t, SNAPSHOT) for t in register.values()) == OVERDUE
    assert (len(registry_rows), sum(bool(r[4]) for r in registry_rows)) == (REGISTRY_UNITS, MERGED_UNITS)


def test_old_names_before_the_merger_new_names_after(register, registry_rows):
    merged = {r[1]: r[5] for r in registry_rows if r[4]}
    for code, task in register.items():
        if task["unit"] in merged and not code.startswith("QNg-2023-"):
            assert task["assigned"] < merged[task["unit"]], (code, task)
    units = {r[1] for r in registry_rows} | set(OTHER_SPELLINGS)
    assert {t["unit"] for t in register.values()} <= units
    after = {t["unit"] for t in register.values() if t["assigned"] >= MERGER}
    assert not after & {name for name, day in merged.items() if day == MERGER}
    assert {"Phường Cẩm Thành", "Phường Nghĩa Lộ", "Phường Trương Quang Trọng", "Xã Tịnh Khê", "Xã An Phú"} <= after


def test_deadlines_on_the_day_before_the_merger_and_on_its_day(register):
    for day in (BEFORE, MERGER):
        edge = [t for t in register.values() if t["due"] == day and t["extended"] is None]
        assert len(edge) >= 6
        assert not any(overdue_on(t, day) for t in edge)  # the deadline day itself is in time
        assert any(overdue_on(t, SNAPSHOT) for t in edge)  # some are open still
    assert sum(overdue_on(t, BEFORE) for t in register.values()) == 91
    assert sum(overdue_on(t, MERGER) for t in register.values()) == 96


def test_the_registry_loads_first_and_resolves_without_problems(loaded, registry_rows):
    store, (registry, tasks) = loaded
    assert (registry.kind, registry.rows_read, registry.rows_loaded, registry.rows_rejected) == (
        "registry", REGISTRY_UNITS, REGISTRY_UNITS, 0)
    assert [i.code for i in registry.ignored] == ["section_heading"] * 5 + ["footer"] * 2
    units = store.registry()
    assert [u.name for u in units] == [r[1] for r in registry_rows]
    lineage, problems = resolve(units)
    assert problems == [] and lineage
    assert [(b["kind"], b["origin"]) for b in reversed(store.batches())] == [("registry", "sample"),
                                                                           ("tasks", "sample")]


def test_the_register_loads_every_row_under_the_registry_spellings(loaded, register):
    store, (_, tasks) = loaded
    assert (tasks.rows_read, tasks.rows_loaded, tasks.rows_rejected, tasks.inserted) == (TASKS, TASKS, 0, TASKS)
    assert tasks.snapshot_date == SNAPSHOT
    assert sorted((p for code, p in tasks.notes if code == "unit_alias"), key=lambda p: p["name"]) == [
        {"name": "P Cẩm Thành", "target": "Phường Cẩm Thành"},
        {"name": "Sở NN&MT", "target": "Sở Nông nghiệp và Môi trường"}]
    with store.connect() as con:
        stored = dict(con.execute("SELECT unit_key, count(*) FROM tasks GROUP BY unit_key").fetchall())
    for spelling, (unit, count) in OTHER_SPELLINGS.items():
        assert sum(t["unit"] == spelling for t in register.values()) == count
        assert unit_key(spelling) not in stored
        assert stored[unit_key(unit)] == sum(t["unit"] in (unit, spelling) for t in register.values())


def test_a_merged_ward_is_carried_by_its_successor_from_the_merger_day(loaded, register):
    store, _ = loaded
    recorded = [t for t in register.values() if t["unit"] == MERGED_WARD]
    assert len(recorded) == MERGED_WARD_TASKS
    assert sum(overdue_on(t, SNAPSHOT) for t in recorded) == MERGED_WARD_OVERDUE
    assert all(t["assigned"] < MERGER for t in recorded)
    lineage, _ = resolve(store.registry())
    assert carrier(lineage, unit_key(MERGED_WARD), BEFORE) == unit_key(MERGED_WARD)
    assert carrier(lineage, unit_key(MERGED_WARD), MERGER) == unit_key(ITS_SUCCESSOR)
    assert carrier(lineage, unit_key(MERGED_WARD), SNAPSHOT) == unit_key(ITS_SUCCESSOR)
    with store.connect() as con:  # stored as recorded: the lineage is applied when counting
        assert con.execute("SELECT count(*) FROM tasks WHERE unit_key = $k",
                           {"k": unit_key(MERGED_WARD)}).fetchone()[0] == MERGED_WARD_TASKS


def test_a_two_step_chain_resolves_transitively(loaded, register):
    store, _ = loaded
    lineage, _ = resolve(store.registry())
    city, branch, province = (unit_key(u) for u in CHAIN)
    assert [carrier(lineage, city, day) for day in (BEFORE, MERGER, dt.date(2025, 12, 31), CHAIN_DAY)] == [
        city, branch, branch, province]
    assert carrier(lineage, branch, CHAIN_DAY) == province
    assert [sum(overdue_on(t, SNAPSHOT) for t in register.values() if t["unit"] == u) for u in CHAIN] == [5, 0, 1]


def test_the_queries_count_what_the_file_says(loaded, register):
    store, _ = loaded
    with store.connect() as con:
        for day in (BEFORE, MERGER, SNAPSHOT):
            summary = queries.summary(con, queries.View(day), None)
            assert summary["overdue"] == sum(overdue_on(t, day) for t in register.values())
        assert queries.summary(con, queries.View(SNAPSHOT), None)["total"] == TASKS
        assert queries.sample_in_use(con)
        assert queries.latest_snapshot(con) == SNAPSHOT


def overdue_by_unit(con, view: queries.View) -> dict[str, int]:
    frame = queries.group_counts(con, view, "unit")
    return {row["key"]: int(row["overdue"]) for row in frame.to_dict("records") if row["overdue"]}


def test_every_unit_counts_the_tasks_it_carries_on_the_day(loaded, register):
    """docs/design.md §3.1 in the queries, against the file and analytics.lineage's rule: a task written under an
    other spelling is its unit's; a merged unit's is its successor's from the merger's day, along a chain."""
    store, _ = loaded
    units = store.registry()
    lineage, _ = resolve(units)
    spelled = {unit_key(alias): u.key for u in units for alias in u.aliases}
    names = {u.key: u.name for u in units}

    def carried_by(written: str, day: dt.date) -> str:
        key = spelled.get(unit_key(written), unit_key(written))
        return names[carrier(lineage, key, day)]

    with store.connect() as con:
        for day in (BEFORE, MERGER, dt.date(2025, 12, 31), CHAIN_DAY, SNAPSHOT):
            expected = Counter(carried_by(t["unit"], day) for t in register.values() if overdue_on(t, day))
            assert overdue_by_unit(con, queries.View(day)) == dict(expected), day


def test_a_successor_ward_with_its_predecessors_and_by_the_names_as_recorded(loaded):
    store, _ = loaded
    now = queries.View(SNAPSHOT)
    with store.connect() as con:
        # Phường Cẩm Thành: 7 of its own (1 written "P Cẩm Thành"), 4 of Phường Chánh Lộ, 1 of Phường Trần Hưng Đạo,
        # 1 of Phường Nghĩa Chánh; Phường Nguyễn Nghiêm has none open.
        assert overdue_by_unit(con, now)[ITS_SUCCESSOR] == SUCCESSOR_OVERDUE
        assert MERGED_WARD not in overdue_by_unit(con, now)
        recorded = overdue_by_unit(con, replace(now, by_recorded_unit=True))
        assert (recorded[ITS_SUCCESSOR], recorded[MERGED_WARD]) == (7, MERGED_WARD_OVERDUE)
        assert "P Cẩm Thành" not in recorded  # stored under the unit: imported after the registry
        assert sum(recorded.values()) == sum(overdue_by_unit(con, now).values()) == OVERDUE
        chosen = replace(now, filters=queries.Filters(units=(ITS_SUCCESSOR,)))
        assert (queries.counts(con, chosen).total, queries.counts(con, chosen).overdue) == (368, SUCCESSOR_OVERDUE)
        assert queries.counts(con, replace(chosen, by_recorded_unit=True)).overdue == 7
        carried = queries.carried_units(con, now)
        assert carried[carried["unit"] == ITS_SUCCESSOR][["predecessor", "tasks"]].to_dict("records") == [
            {"predecessor": "Phường Chánh Lộ", "tasks": 58}, {"predecessor": "Phường Nghĩa Chánh", "tasks": 64},
            {"predecessor": "Phường Nguyễn Nghiêm", "tasks": 35}, {"predecessor": "Phường Trần Hưng Đạo", "tasks": 33}]
        # The chain: the provincial centre carries the city centre's 5 and its own 1; its branch, until 31/12/2025.
        assert overdue_by_unit(con, now)[CHAIN[2]] == 6
        assert carried[carried["unit"] == CHAIN[2]][["predecessor", "until"]].to_dict("records") == [
            {"predecessor": CHAIN[0], "until": BEFORE}, {"predecessor": CHAIN[1], "until": dt.date(2025, 12, 31)}]


def test_over_the_2023_sample_it_updates_the_tasks_it_carries_over(sample_db, tmp_path, register):
    store = copy_database(sample_db, tmp_path / "both.duckdb")
    _, tasks = load_sample(store, "2026")
    assert (tasks.inserted, tasks.updated) == (TASKS - CARRIED, CARRIED)
    with store.connect() as con:
        summary = queries.summary(con, queries.View(SNAPSHOT), None)
        assert (summary["total"], summary["overdue"]) == (1600 + TASKS - CARRIED, OVERDUE)
        # The 2023 figures are the 2023 register's: a later snapshot of a task does not change the past.
        assert queries.summary(con, queries.View(dt.date(2023, 10, 25)), None)["overdue"] == 140


def test_the_command_line_loads_the_2026_sample(tmp_path):
    db = tmp_path / "cli.duckdb"
    done = run("sample", "--register", "2026", db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"Đã nạp dữ liệu mẫu 2026 vào {db}: danh mục {REGISTRY_UNITS} đơn vị (lần nhập số 1), "
                           f"{TASKS} nhiệm vụ (lần nhập số 2), ngày chốt 30/11/2026.\n")
    english = run("sample", "--register", "2026", "--lang", "en", db=tmp_path / "en.duckdb")
    assert english.stdout.startswith("2026 sample loaded into ")
    wrong = run("sample", "--register", "2024", db=tmp_path / "x.duckdb")
    assert wrong.returncode == 2 and "2026" in wrong.stderr


def test_the_default_sample_is_still_2023(tmp_path):
    done = run("sample", "--register", "2023", db=tmp_path / "s.duckdb")
    assert done.stdout == f"Đã nạp dữ liệu mẫu vào {tmp_path / 's.duckdb'}: 1600 nhiệm vụ, ngày chốt 25/10/2023.\n"
    with pytest.raises(ValueError):
        load_sample(Store(tmp_path / "v.duckdb"), "2024")


def test_the_register_exported_as_a_web_page_in_windows_1258_gives_the_same_figures(loaded, tmp_path):
    """What an office does (issue: "done means"): its unit registry, then its register as the document-management
    system exports it — a web page saved as .xls, in Windows-1258 — and every figure is the one of the workbook."""
    from tests.builders import html_bytes

    rows = sheet(settings.SAMPLE_2026_FILE)
    header = next(i for i, r in enumerate(rows) if r[:2] == ["STT", "Mã nhiệm vụ"])

    def as_written(value):  # the workbook's cells as a web page writes them: 1, not 1.0; dates as dates
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value.date() if isinstance(value, dt.datetime) else value

    page = html_bytes([[as_written(v) for v in r] for r in rows[header:]],
                      titles=["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "SỔ THEO DÕI NHIỆM VỤ",
                              "Số liệu tính đến ngày 30/11/2026"], charset="windows-1258")
    store = Store(tmp_path / "html.duckdb")
    store.ensure()
    import_registry(store, settings.SAMPLE_2026_REGISTRY.read_bytes(), settings.SAMPLE_2026_REGISTRY.name)
    report = import_file(store, page, "so_theo_doi.xls")
    assert (report.rows_loaded, report.rows_rejected, report.snapshot_date) == (4015, 0, SNAPSHOT)
    workbook_store = loaded[0]
    for day in (dt.date(2025, 6, 30), dt.date(2025, 7, 1), SNAPSHOT):
        for by_recorded in (False, True):
            view = queries.View(day, by_recorded_unit=by_recorded)
            with store.connect() as con, workbook_store.connect() as workbook:
                assert queries.counts(con, view) == queries.counts(workbook, view)
                assert overdue_by_unit(con, view) == overdue_by_unit(workbook, view)
