"""The product's benchmark: import speed, query speed, page speed and memory on synthetic registers.

    python -m analytics bench [--sizes 100k,1m,10m] [--json] [--out FILE] [--keep DIR] [--xlsx-rows N]
    python benchmarks/bench.py [the same options]

(The synthetic registers are made by benchmarks/registers.py, which the tests use too.)

For each size it builds a synthetic register of that many tasks (about 170 units, a few large and many small;
a few thousand officers, each in one unit; three years of assignments; deadlines, extensions, completions,
late tasks with their causes; an event history of one event per four tasks), written by a short-lived process
of its own, then measures, in another process of its own (so its peak memory is that size's alone):

- the import of the register as CSV, as XLSX and as a web page saved as .xls (an HTML table, as document-management
  systems export it: min(size, --xlsx-rows) rows each, into throw-away databases), and of the event history; the
  database file's size and its ratio to the CSV's;
- every query of the overview, Khám phá, accountability and meeting pages, the records table of Khám phá
  sorted by each column both ways, filtered by a unit and by a search (each run once, then the best of 3);
- the overview page's whole script run with Streamlit's AppTest: the first run in the process, cold (the
  first view after an import, every cache missed) and warm (a repeated view, the median of 5), and the overdue
  figure it shows; the same for Khám phá with the records of every task;
- the process's peak memory (resident set size).

Targets printed beside the numbers (a target given for 1M holds for smaller sizes; one given for 10M is
checked at every size): CSV import ≥ 300 000 rows/s; 100 000 XLSX rows in ≤ 5 s; overview cold ≤ 0.4 s up to
1M, ≤ 1.5 s above; warm ≤ 0.1 s; Khám phá's records table (a page of records plus their count) ≤ 0.2 s for any
sort and filter; peak memory ≤ 3 GiB; the database file no larger than twice the CSV.

The data is generated with DuckDB SQL from hashes of the row number: the same size gives the same files on
every run and every machine with the same DuckDB. Nothing here passes or fails a build: it prints numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python benchmarks/bench.py
    sys.path.insert(0, str(ROOT))

from analytics import accountability, explore, meeting, queries  # noqa: E402
from analytics.importer import import_file  # noqa: E402
from analytics.store import Store  # noqa: E402
from benchmarks.registers import (  # noqa: E402
    SEARCH,
    SNAPSHOT,
    UNITS,
    write_history_csv,
    write_register_csv,
    write_register_html,
    write_register_xlsx,
)

DEFAULT_XLSX_ROWS = 100_000
PAGE_TIMEOUT = 1800  # seconds one run of a page may take (10M, cold) before AppTest gives up
QUERY_REPEATS = 3
WARM_RUNS = 5
EXTRA_TASKS = 20  # the small import before a cold page view


# --- measuring ----------------------------------------------------------------------------------------------------

def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def peak_mib() -> float:
    """The process's peak resident set size so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _import(store: Store, path: Path):
    """Import one file as `python -m analytics import` does, from its path: every row read, validated and stored,
    the original kept. (The one place to change when the importer's way in changes.)"""
    return import_file(store, path, path.name, snapshot_date=SNAPSHOT, origin="benchmark")


def _database_bytes(store: Store) -> int:
    total = 0
    for path in (store.path, store.path.with_name(store.path.name + ".wal")):
        if path.exists():
            total += path.stat().st_size
    return total


def _progress(label: str, message: str) -> None:
    print(f"[{label}] {message}", file=sys.stderr, flush=True)


def size_label(count: int) -> str:
    """100000 -> "100k", 10000000 -> "10m", 2500 -> "2500"."""
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}m"
    if count % 1000 == 0:
        return f"{count // 1000}k"
    return str(count)


def generate(folder: Path, count: int, xlsx_rows: int) -> dict:
    """Write the size's files: register.csv, history.csv, register.xlsx and register_html.xls (min(count,
    xlsx_rows) rows each), and the two small registers of new tasks imported before a cold page view."""
    result: dict = {}
    csv_path = folder / "register.csv"
    seconds, _ = timed(lambda: write_register_csv(csv_path, count))
    result |= {"generate_csv_seconds": round(seconds, 2), "csv_bytes": csv_path.stat().st_size}
    seconds, _ = timed(lambda: write_history_csv(folder / "history.csv", count))
    result["generate_history_seconds"] = round(seconds, 2)
    for name, first in (("new_tasks.csv", count + 1), ("more_tasks.csv", count + EXTRA_TASKS + 1)):
        write_register_csv(folder / name, EXTRA_TASKS, first)
    xlsx_count = min(count, xlsx_rows)
    if xlsx_count:
        seconds, _ = timed(lambda: write_register_xlsx(folder / "register.xlsx", xlsx_count))
        result |= {"generate_xlsx_seconds": round(seconds, 2), "xlsx_rows": xlsx_count,
                   "xlsx_bytes": (folder / "register.xlsx").stat().st_size}
        seconds, _ = timed(lambda: write_register_html(folder / "register_html.xls", xlsx_count))
        result |= {"generate_html_seconds": round(seconds, 2),
                   "html_bytes": (folder / "register_html.xls").stat().st_size}
    result["generate_peak_memory_mib"] = peak_mib()
    return result


def _generate_apart(folder: Path, count: int, xlsx_rows: int) -> dict:
    """generate() in a process of its own: what it takes is not counted in the measured process's peak memory."""
    command = [sys.executable, "-m", "benchmarks.bench", "--generate", str(count), "--folder", str(folder),
               "--xlsx-rows", str(xlsx_rows)]
    done = subprocess.run(command, cwd=ROOT, env=_child_env(), stdout=subprocess.PIPE, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise RuntimeError(f"tạo dữ liệu không xong (mã {done.returncode})")
    return json.loads(lines[-1])


def _imported(result: dict, name: str, seconds: float, report) -> None:
    result |= {f"import_{name}_rows": report.rows_loaded, f"import_{name}_rejected": report.rows_rejected,
               f"import_{name}_seconds": round(seconds, 2),
               f"import_{name}_rows_per_second": round(report.rows_loaded / seconds) if seconds else None}


# Vietnamese labels of the records table's columns (analytics.explore.SORT_COLUMNS), for the printed table.
_SORT_LABELS = {
    "task_id": "mã", "title": "trích yếu", "unit": "đơn vị", "block": "khối", "assignee": "cán bộ",
    "assigner": "cơ quan giao", "source_doc": "văn bản", "origin": "nguồn", "field": "lĩnh vực",
    "assigned_date": "ngày giao", "effective_due": "hạn", "completed_date": "ngày hoàn thành", "state": "trạng thái",
    "days_overdue": "số ngày trễ", "cause": "nguyên nhân", "status": "tình trạng",
}


def query_cases(count: int) -> list[tuple[str, str, Callable]]:
    """(name, Vietnamese label, query(con)) for every query the pages ask, as they ask it."""
    view = queries.View(SNAPSHOT)
    compare = SNAPSHOT - dt.timedelta(days=7)
    big_unit = UNITS[0]
    one_unit = queries.View(SNAPSHOT, queries.Filters(units=(big_unit,)))
    searched = queries.View(SNAPSHOT, queries.Filters(search=SEARCH))
    quarter = accountability.quarters(SNAPSHOT, 1)[0]
    ctx = meeting.Context(view, SNAPSHOT, compare=compare)
    everything = explore.Question(measure="tasks")
    middle = (count // 2) // 50 * 50
    cases: list[tuple[str, str, Callable]] = [
        ("latest_snapshot", "Tổng quan: ngày chốt số liệu", queries.latest_snapshot),
        ("filter_options", "Tổng quan: các giá trị của bộ lọc", queries.filter_options),
        ("sample_in_use", "Tổng quan: có dữ liệu mẫu không", queries.sample_in_use),
        ("overview_bundle", "Tổng quan: số liệu, theo đơn vị, 15 việc trễ lâu nhất",
         lambda con: queries.overview(con, view, compare)),
        ("counts", "Tổng quan: đếm theo trạng thái", lambda con: queries.counts(con, view)),
        ("overdue_by_unit", "Tổng quan: trễ hạn theo đơn vị", lambda con: queries.overdue_by_unit(con, view)),
        ("trend_90_days", "Tổng quan: diễn biến 90 ngày",
         lambda con: queries.trend(con, view, SNAPSHOT - dt.timedelta(days=90))),
        ("overdue_by_due_month", "Tổng quan: trễ hạn theo tháng đến hạn",
         lambda con: queries.overdue_by_due_month(con, view)),
        ("unit_overdue_tasks", "Tổng quan: việc trễ hạn của một đơn vị",
         lambda con: queries.overdue_tasks(con, view, big_unit)),
        ("explore_assignee_options", "Khám phá: danh sách cán bộ", lambda con: explore.assignee_options(con, view)),
        ("explore_unit_overdue", "Khám phá: trễ hạn theo đơn vị (mặc định)",
         lambda con: explore.grouped(con, view, explore.Question(), 40, 12)),
        ("explore_unit_by_due_month", "Khám phá: đơn vị × tháng đến hạn",
         lambda con: explore.grouped(con, view, explore.Question("unit", "due_month", "tasks"), 40, 12)),
        ("explore_officers", "Khám phá: theo cán bộ (hàng nghìn nhóm)",
         lambda con: explore.grouped(con, view, explore.Question("assignee", measure="tasks"), 40, 12)),
    ]
    for sort in explore.SORT_COLUMNS:
        for descending in (False, True):
            direction = "giảm" if descending else "tăng"
            cases.append((f"explore_records_{sort}_{'desc' if descending else 'asc'}",
                          f"Khám phá: bảng hồ sơ, xếp theo {_SORT_LABELS.get(sort, sort)} {direction}",
                          lambda con, s=sort, d=descending: explore.records(con, view, everything, sort=s,
                                                                            descending=d)))
    cases += [
        ("explore_records_middle_page", "Khám phá: bảng hồ sơ, trang ở giữa",
         lambda con: explore.records(con, view, everything, offset=middle)),
        ("explore_records_overdue", "Khám phá: bảng hồ sơ trễ hạn (mặc định)",
         lambda con: explore.records(con, view, explore.Question())),
        ("explore_records_unit", "Khám phá: bảng hồ sơ, lọc một đơn vị",
         lambda con: explore.records(con, one_unit, everything)),
        ("explore_records_search", f"Khám phá: bảng hồ sơ, tìm “{SEARCH}”",
         lambda con: explore.records(con, searched, everything)),
        ("explore_count_all", "Khám phá: đếm hồ sơ, tất cả", lambda con: explore.record_count(con, view, everything)),
        ("explore_count_overdue", "Khám phá: đếm hồ sơ trễ hạn",
         lambda con: explore.record_count(con, view, explore.Question())),
        ("explore_count_unit", "Khám phá: đếm hồ sơ, lọc một đơn vị",
         lambda con: explore.record_count(con, one_unit, everything)),
        ("explore_count_search", f"Khám phá: đếm hồ sơ, tìm “{SEARCH}”",
         lambda con: explore.record_count(con, searched, everything)),
        ("officer_late_rates_quarter", "Cán bộ: tỷ lệ trễ trong quý",
         lambda con: accountability.late_rates(con, view, quarter)),
        ("unit_late_rates_quarter", "Cán bộ: tỷ lệ trễ của đơn vị trong quý",
         lambda con: accountability.late_rates(con, view, quarter, "unit")),
        ("late_rate_trend_4_quarters", "Cán bộ: tỷ lệ trễ 4 quý",
         lambda con: accountability.late_rate_trend(con, view, accountability.quarters(SNAPSHOT, 4))),
        ("reminder_summary", "Đôn đốc: số việc cần đôn đốc theo đơn vị",
         lambda con: accountability.reminder_summary(con, view)),
        ("reminders_shown", "Đôn đốc: các việc đầu của mỗi đơn vị",
         lambda con: accountability.reminders(con, view, due_today=True,
                                              per_unit=accountability.REMINDERS_SHOWN_PER_UNIT)),
        ("reminders_waiting", "Đôn đốc: các việc đang chờ phản hồi đầu tiên",
         lambda con: accountability.reminders(con, view, due_today=False, limit=accountability.WAITING_SHOWN)),
        ("has_history", "Đùn đẩy: có lịch sử xử lý không", accountability.has_history),
        ("pushed_counts", "Đùn đẩy: số việc bị chuyển, trả lại",
         lambda con: accountability.pushed_counts(con, view)),
        ("transfer_flows", "Đùn đẩy: luồng chuyển giữa đơn vị", lambda con: accountability.transfer_flows(con, view)),
        ("lateness_by_moves", "Đùn đẩy: trễ hạn theo số lần chuyển",
         lambda con: accountability.lateness_by_moves(con, view)),
        ("pushed_tasks", "Đùn đẩy: danh sách việc bị đùn đẩy", lambda con: accountability.pushed_tasks(con, view)),
        ("late_causes", "Nguyên nhân: nguyên nhân chậm", lambda con: accountability.late_causes(con, view)),
        ("extensions_by_unit", "Nguyên nhân: gia hạn theo đơn vị",
         lambda con: accountability.extensions_by_unit(con, view)),
        ("deck", "Trình chiếu: bộ trình chiếu (không ảnh)", lambda con: meeting.build_deck(con, ctx)),
        ("briefing_one_unit", "Chuẩn bị đối thoại: một đơn vị",
         lambda con: meeting.build_briefing(con, ctx, big_unit)),
        ("period_report_month", "Báo cáo kỳ: một tháng",
         lambda con: meeting.build_period(con, ctx, dt.date(SNAPSHOT.year, SNAPSHOT.month, 1))),
    ]
    return cases


def measure_queries(store: Store, count: int, result: dict, errors: list[str]) -> None:
    """Each query run once (DuckDB's own caches warm), then the best of QUERY_REPEATS; one that fails is reported
    and the others go on."""
    with store.connect() as con:
        for name, _label, query in query_cases(count):
            try:
                query(con)
                samples = [timed(lambda q=query: q(con))[0] for _ in range(QUERY_REPEATS)]
            except Exception as exc:
                errors.append(f"truy vấn {name}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                              [:500])
                continue
            result[f"query_{name}_seconds"] = round(min(samples), 4)
    records = [v for k, v in result.items() if k.startswith("query_explore_records_")]
    counts = [v for k, v in result.items() if k.startswith("query_explore_count_")]
    if records and counts:  # a page of the table and its count, each the slowest of its kind: an upper bound
        result["explore_records_table_worst_seconds"] = round(max(records) + max(counts), 4)


def _as_a_server(pages_manager) -> None:
    """AppTest starts every run with a new PagesManager, which sees pages/ and, from the second run on, would run
    the page file without app.py; a running server decides this once and st.navigation turns it off for good
    (tests/app/conftest.py does the same)."""
    original = pages_manager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages_manager.uses_pages_directory = False

    pages_manager.__init__ = init
    pages_manager.uses_pages_directory = None


def measure_pages(store: Store, folder: Path, count: int, result: dict, errors: list[str]) -> None:
    """The overview's and Khám phá's whole script runs, as a browser's visit triggers them (Streamlit AppTest).
    A page that shows an exception gets no timings (they would time the error), and the exception is reported."""
    from streamlit import config
    from streamlit.logger import set_log_level
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    # AppTest reads the widgets' labels outside a script run, and Streamlit logs a warning for each (time spent
    # on the measured runs too). The configuration is read first: reading it sets the level again.
    config.get_option("logger.level")
    set_log_level("error")
    _as_a_server(PagesManager)
    os.environ["DONDOC_DB"] = str(store.path)
    os.environ["DONDOC_SAMPLE"] = "0"
    label = size_label(count)

    def page(name: str, title: str, app, before_cold: Path, shown: Callable[[object], object]) -> None:
        timings, problems = {}, []

        def run() -> float:
            seconds, _ = timed(app.run)
            problems.extend((str(e.value).splitlines() or [""])[0][:300] for e in app.exception)
            return seconds

        timings["first_run"] = round(run(), 3)
        _import(store, before_cold)  # a new data version: every cached query misses, as after an import
        timings["cold"] = round(run(), 3)
        timings["warm"] = round(statistics.median(run() for _ in range(WARM_RUNS)), 3)
        if problems:
            errors.append(f"trang {title}: {sorted(set(problems))[0]}")
            return
        result.update({f"page_{name}_{key}_seconds": value for key, value in timings.items()})
        result[f"page_{name}_shown"] = shown(app)
        _progress(label, f"trang {title}: lạnh {timings['cold']} s, ấm {timings['warm']} s")

    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=PAGE_TIMEOUT)
    page("overview", "Tổng quan", overview, folder / "new_tasks.csv",
         lambda app: app.metric[0].value if len(app.metric) else None)  # the overdue figure
    records = AppTest.from_file(str(ROOT / "app.py"), default_timeout=PAGE_TIMEOUT)
    records.query_params["measure"] = "tasks"  # the records table of every task, the largest there is
    records.switch_page("pages/explore.py")
    page("explore", "Khám phá", records, folder / "more_tasks.csv",
         lambda app: len(app.dataframe[-1].value) if len(app.dataframe) else 0)  # rows on the records page


def _cap_memory() -> None:
    """A size too large for the machine fails with MemoryError (reported) rather than waking the kernel's
    out-of-memory killer: the address space is capped at 85% of the physical memory."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        limit = int(physical * 0.85)
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ValueError, OSError):
        pass


def _code_version() -> str | None:
    """The commit measured, "+" when the working tree had changes (numbers belong to the code they measured)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                 capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return commit + ("+" if changed else "")


def measure_size(count: int, folder: Path, xlsx_rows: int) -> dict:
    """Everything for one size, in this process. A step that fails is reported in "errors" and the next steps
    go on where they can (without the register imported, nothing else can be measured)."""
    label = size_label(count)
    result: dict = {"size": count, "code": _code_version(), "duckdb": duckdb.__version__, "cpus": os.cpu_count(),
                    "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}
    errors: list[str] = []
    started = time.perf_counter()
    for stem in ("bench", "xlsx", "html"):  # a folder kept from an earlier run (--keep): start from new databases
        for name in (f"{stem}.duckdb", f"{stem}.duckdb.wal"):
            (folder / name).unlink(missing_ok=True)
        for name in (f"{stem}.originals", f"{stem}.tmp"):
            shutil.rmtree(folder / name, ignore_errors=True)

    def step(name: str, action: Callable[[], object]) -> bool:
        try:
            action()
            return True
        except BaseException as exc:  # MemoryError too: the size is reported with what it got to
            if isinstance(exc, KeyboardInterrupt):
                raise
            errors.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:500])
            traceback.print_exc(file=sys.stderr)
            return False

    def generated() -> None:
        result.update(_generate_apart(folder, count, xlsx_rows))
        _progress(label, f"dữ liệu tổng hợp: CSV {result['csv_bytes'] / 2**20:.0f} MiB trong "
                         f"{result['generate_csv_seconds']} s")

    def xlsx() -> None:  # into a database of its own: the main one holds exactly `count` tasks
        scratch = Store(folder / "xlsx.duckdb")
        scratch.ensure()
        seconds, report = timed(lambda: _import(scratch, folder / "register.xlsx"))
        _imported(result, "xlsx", seconds, report)
        _progress(label, f"nhập XLSX {report.rows_loaded} dòng: {seconds:.1f} s")

    def html() -> None:  # the same rows as a web page saved as .xls, into a database of its own
        scratch = Store(folder / "html.duckdb")
        scratch.ensure()
        seconds, report = timed(lambda: _import(scratch, folder / "register_html.xls"))
        _imported(result, "html", seconds, report)
        _progress(label, f"nhập HTML .xls {report.rows_loaded} dòng: {seconds:.1f} s")

    store = Store(folder / "bench.duckdb")

    def register() -> None:
        store.ensure()
        seconds, report = timed(lambda: _import(store, folder / "register.csv"))
        _imported(result, "csv", seconds, report)
        result["peak_memory_after_import_mib"] = peak_mib()
        result["db_bytes"] = _database_bytes(store)
        result["db_to_csv_ratio"] = round(result["db_bytes"] / result["csv_bytes"], 2)
        _progress(label, f"nhập CSV: {seconds:.1f} s ({result['import_csv_rows_per_second']} dòng/s)")

    def history() -> None:
        seconds, report = timed(lambda: _import(store, folder / "history.csv"))
        _imported(result, "history", seconds, report)
        result["peak_memory_after_history_mib"] = peak_mib()
        result["db_bytes_with_history"] = _database_bytes(store)
        _progress(label, f"nhập lịch sử {report.rows_loaded} sự kiện: {seconds:.1f} s")

    if step("tạo dữ liệu", generated):
        if result.get("xlsx_rows"):
            step("nhập XLSX", xlsx)
            step("nhập HTML .xls", html)
        if step("nhập CSV", register):
            step("nhập lịch sử", history)
            step("truy vấn", lambda: measure_queries(store, count, result, errors))
            result["peak_memory_after_queries_mib"] = peak_mib()
            _progress(label, f"truy vấn: xong sau {time.perf_counter() - started:.0f} s")
            step("trang", lambda: measure_pages(store, folder, count, result, errors))
    result["peak_memory_mib"] = peak_mib()
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    if errors:
        result["errors"] = errors
    return result


# --- the targets -------------------------------------------------------------------------------------------------

def targets(result: dict) -> dict[str, dict]:
    """Each target that applies to the result: its text and whether it is met."""
    size = result.get("size", 0)
    found: dict[str, dict] = {}

    def at_most(key: str, limit: float, text: str) -> None:
        value = result.get(key)
        if isinstance(value, int | float):
            found[key] = {"target": text, "at_most": limit, "ok": value <= limit}

    value = result.get("import_csv_rows_per_second")
    if isinstance(value, int | float):
        found["import_csv_rows_per_second"] = {"target": "≥ 300.000 dòng/s", "at_least": 300_000,
                                               "ok": value >= 300_000}
    xlsx_rows = result.get("import_xlsx_rows") or 0
    xlsx_limit = round(5 * xlsx_rows / 100_000, 3)
    at_most("import_xlsx_seconds", xlsx_limit,
            f"≤ {_seconds(xlsx_limit)}" + ("" if xlsx_rows == 100_000 else " (5 s/100k dòng)"))
    cold = 0.4 if size <= 1_000_000 else 1.5
    at_most("page_overview_cold_seconds", cold, f"≤ {_seconds(cold)}")
    at_most("page_overview_warm_seconds", 0.1, f"≤ {_seconds(0.1)}")
    for key in list(result):
        if key.startswith(("query_explore_records_", "query_explore_count_")):
            at_most(key, 0.2, f"≤ {_seconds(0.2)}")
    at_most("explore_records_table_worst_seconds", 0.2, f"≤ {_seconds(0.2)}")
    at_most("peak_memory_mib", 3072, "≤ 3.072 MiB (3 GiB)")
    at_most("db_to_csv_ratio", 2, "≤ 2")
    return found


# --- printing -------------------------------------------------------------------------------------------------------

def _number(value: float, decimals: int = 0) -> str:
    """Vietnamese: 1.234.567,8"""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _seconds(value: float) -> str:
    decimals = 3 if value < 1 else 2 if value < 10 else 1
    return f"{_number(value, decimals)} s"


def _mib(value: float) -> str:
    return f"{_number(value, 1 if value < 10 else 0)} MiB"


# (key, label, how the value is written) of the rows every size's table shows, in order; queries follow.
_ROWS: list[tuple[str, str, Callable]] = [
    ("csv_bytes", "Tệp CSV", lambda v: _mib(v / 2**20)),
    ("generate_csv_seconds", "Tạo CSV (dữ liệu tổng hợp)", _seconds),
    ("generate_history_seconds", "Tạo lịch sử xử lý (CSV)", _seconds),
    ("generate_xlsx_seconds", "Tạo XLSX", _seconds),
    ("generate_html_seconds", "Tạo HTML .xls", _seconds),
    ("import_csv_rows", "Nhập CSV: số dòng đã nhập", _number),
    ("import_csv_seconds", "Nhập CSV: thời gian", _seconds),
    ("import_csv_rows_per_second", "Nhập CSV: tốc độ (dòng/s)", _number),
    ("import_xlsx_rows", "Nhập XLSX: số dòng đã nhập", _number),
    ("import_xlsx_seconds", "Nhập XLSX: thời gian", _seconds),
    ("import_xlsx_rows_per_second", "Nhập XLSX: tốc độ (dòng/s)", _number),
    ("import_html_rows", "Nhập HTML .xls: số dòng đã nhập", _number),
    ("import_html_seconds", "Nhập HTML .xls: thời gian", _seconds),
    ("import_html_rows_per_second", "Nhập HTML .xls: tốc độ (dòng/s)", _number),
    ("import_history_rows", "Nhập lịch sử: số sự kiện", _number),
    ("import_history_seconds", "Nhập lịch sử: thời gian", _seconds),
    ("db_bytes", "Tệp cơ sở dữ liệu (sau nhập CSV)", lambda v: _mib(v / 2**20)),
    ("db_to_csv_ratio", "Cơ sở dữ liệu / CSV", lambda v: _number(v, 2)),
    ("db_bytes_with_history", "Tệp cơ sở dữ liệu (cả lịch sử)", lambda v: _mib(v / 2**20)),
    ("explore_records_table_worst_seconds", "Bảng hồ sơ Khám phá: chậm nhất (trang + đếm, cận trên)", _seconds),
]
_PAGE_ROWS: list[tuple[str, str, Callable]] = [
    ("page_overview_first_run_seconds", "Trang Tổng quan: lần chạy đầu (cả nạp mô-đun)", _seconds),
    ("page_overview_cold_seconds", "Trang Tổng quan: lạnh (lần xem đầu sau khi nhập)", _seconds),
    ("page_overview_warm_seconds", "Trang Tổng quan: ấm (xem lại, trung vị 5 lần)", _seconds),
    ("page_overview_shown", "Trang Tổng quan: số trễ hạn hiển thị", str),
    ("page_explore_first_run_seconds", "Trang Khám phá (hồ sơ mọi nhiệm vụ): lần mở đầu", _seconds),
    ("page_explore_cold_seconds", "Trang Khám phá (hồ sơ mọi nhiệm vụ): lạnh", _seconds),
    ("page_explore_warm_seconds", "Trang Khám phá (hồ sơ mọi nhiệm vụ): ấm", _seconds),
    ("page_explore_shown", "Trang Khám phá: số dòng hồ sơ hiển thị", _number),
    ("generate_peak_memory_mib", "Bộ nhớ đỉnh của tiến trình tạo dữ liệu (không tính)", _mib),
    ("peak_memory_after_import_mib", "Bộ nhớ đỉnh: sau khi nhập XLSX, HTML .xls và CSV", _mib),
    ("peak_memory_after_history_mib", "Bộ nhớ đỉnh: sau khi nhập lịch sử", _mib),
    ("peak_memory_after_queries_mib", "Bộ nhớ đỉnh: sau các truy vấn", _mib),
    ("peak_memory_mib", "Bộ nhớ đỉnh: cả lượt đo", _mib),
    ("total_seconds", "Tổng thời gian đo cỡ này", _seconds),
]


def _table_rows(result: dict) -> list[tuple[str, str, str, str]]:
    checks = result.get("targets") or targets(result)
    labels = {name: label for name, label, _ in query_cases(result.get("size", 0))}
    rows: list[tuple[str, Callable, str]] = [(key, fmt, label) for key, label, fmt in _ROWS]
    rows += [(f"query_{name}_seconds", _seconds, f"Truy vấn — {label}") for name, label in labels.items()]
    rows += [(key, fmt, label) for key, label, fmt in _PAGE_ROWS]
    lines = []
    for key, fmt, label in rows:
        if result.get(key) is None:
            continue
        check = checks.get(key)
        verdict = "" if check is None else ("đạt" if check["ok"] else "chưa đạt")
        lines.append((label, fmt(result[key]), check["target"] if check else "", verdict))
    return lines


def format_table(label: str, result: dict) -> str:
    title = f"== {label}: {_number(result.get('size', 0))} nhiệm vụ =="
    header = ("Phép đo", "Giá trị", "Mục tiêu", "Đánh giá")
    rows = _table_rows(result)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [title]
    lines += [f"LỖI: {error}" for error in result.get("errors", [])]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        lines.append(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip())
    missed = [key for key, check in result.get("targets", {}).items() if not check["ok"]]
    met = len(result.get("targets", {})) - len(missed)
    lines.append(f"Mục tiêu: {met} đạt, {len(missed)} chưa đạt.")
    return "\n".join(lines)


def format_summary(results: dict[str, dict]) -> str:
    """The measurements that have a target, one column per size."""
    keys = []
    for result in results.values():
        keys += [k for k in result.get("targets", {}) if k not in keys and not k.startswith("query_explore_")]
    labels = {key: label for key, label, _ in _ROWS + _PAGE_ROWS}
    formats = {key: fmt for key, _, fmt in _ROWS + _PAGE_ROWS}
    header = ["Tóm tắt", *results]
    rows = []
    for key in keys:
        cells = [labels.get(key, key)]
        for result in results.values():
            check = result.get("targets", {}).get(key)
            value = result.get(key)
            cells.append("—" if value is None else f"{formats.get(key, _seconds)(value)} "
                         f"({'đạt' if check and check['ok'] else 'chưa đạt'})")
        rows.append(cells)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(f"{cell:<{widths[i]}}" for i, cell in enumerate(row)).rstrip()
                     for row in [header, ["-" * w for w in widths], *rows])


# --- running: one process per size --------------------------------------------------------------------------------

def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}


def _run_child(count: int, folder: Path, xlsx_rows: int, repeats: int | None = None) -> dict:
    """measure_size() in a process of its own; its JSON line, or the reason there is none."""
    command = [sys.executable, "-m", "benchmarks.bench", "--one", str(count), "--folder", str(folder),
               "--xlsx-rows", str(xlsx_rows), *(["--repeats", str(repeats)] if repeats else [])]
    # stdout carries the one JSON line; stderr (progress, tracebacks) goes straight to the terminal
    done = subprocess.run(command, cwd=ROOT, env=_child_env(), stdout=subprocess.PIPE, text=True, check=False)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                break
    killed = " (bị dừng, có thể do hết bộ nhớ)" if done.returncode < 0 else ""
    return {"size": count, "errors": [f"tiến trình đo kết thúc với mã {done.returncode}{killed}"]}


def run(sizes: list[int], *, json_only: bool = False, out: Path | None = None, keep: Path | None = None,
        xlsx_rows: int = DEFAULT_XLSX_ROWS, repeats: int | None = None) -> int:
    """Measure each size in a process of its own; print a table per size (or only JSON) and return 0, or 1 when
    a size could not be measured to the end."""
    results: dict[str, dict] = {}
    for count in sizes:
        label = size_label(count)
        if keep is not None:
            folder = keep / label
            folder.mkdir(parents=True, exist_ok=True)
            result = _run_child(count, folder, xlsx_rows, repeats)
        else:
            with tempfile.TemporaryDirectory(prefix=f"dondoc-bench-{label}-") as temporary:
                result = _run_child(count, Path(temporary), xlsx_rows, repeats)
        result["targets"] = targets(result)
        results[label] = result
        if not json_only:
            print(format_table(label, result), flush=True)
            print(flush=True)
    text = json.dumps(results, ensure_ascii=False)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
    if json_only:
        print(text)
    else:
        print(format_summary(results))
        print()
        print("JSON:", text)
    return 1 if any(result.get("errors") for result in results.values()) else 0


def _sizes(value: str) -> list[int]:
    """ "100k,1m,10m" -> [100000, 1000000, 10000000] (k: thousand, m: million)."""
    sizes = []
    for part in value.split(","):
        text = part.strip().lower().replace("_", "")
        factor = {"k": 1000, "m": 1_000_000}.get(text[-1:], 1)
        number = text[:-1] if factor > 1 else text
        try:
            size = round(float(number) * factor)
        except (ValueError, OverflowError):  # "abc", "nan", "inf"
            size = 0
        if size < 1:
            raise argparse.ArgumentTypeError(f"cỡ dữ liệu không hợp lệ: “{part.strip()}” (ví dụ: 100k, 1m, 10m)")
        sizes.append(size)
    return sizes


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"cần một số nguyên không âm: “{value}”")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics bench",
        description="Đo tốc độ nhập, truy vấn, trang và bộ nhớ trên sổ theo dõi tổng hợp (mỗi cỡ một tiến trình).")
    parser.add_argument("--sizes", type=_sizes, default=[100_000, 1_000_000, 10_000_000], metavar="CỠ,...",
                        help="số nhiệm vụ của từng sổ tổng hợp, cách nhau bởi dấu phẩy (mặc định: 100k,1m,10m)")
    parser.add_argument("--json", action="store_true", help="chỉ in kết quả dạng JSON (một đối tượng)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="ghi thêm kết quả JSON vào tệp này")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="giữ các tệp và cơ sở dữ liệu đã tạo trong thư mục này (mặc định: xóa sau khi đo)")
    parser.add_argument("--xlsx-rows", type=_count, default=DEFAULT_XLSX_ROWS, metavar="N",
                        help="số dòng của tệp XLSX được đo (không quá cỡ dữ liệu; 0: bỏ qua XLSX; mặc định: 100000)")
    parser.add_argument("--repeats", type=int, metavar="N",
                        help=f"số lần đo lại mỗi truy vấn và mỗi lần xem trang ấm (mặc định: {QUERY_REPEATS} và "
                             f"{WARM_RUNS}; 1: kiểm tra nhanh rằng mọi phép đo chạy được)")
    # The processes run() starts: --one measures one size, --generate writes its files.
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.one is None and args.generate is None:  # the product's command: python -m analytics bench
        return run(args.sizes, json_only=args.json, out=args.out, keep=args.keep, xlsx_rows=args.xlsx_rows,
                   repeats=args.repeats)
    _cap_memory()
    if args.repeats:
        global QUERY_REPEATS, WARM_RUNS
        QUERY_REPEATS = WARM_RUNS = args.repeats
    args.folder.mkdir(parents=True, exist_ok=True)
    if args.generate is not None:
        result = generate(args.folder, args.generate, args.xlsx_rows)
    else:
        result = measure_size(args.one, args.folder, args.xlsx_rows)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
