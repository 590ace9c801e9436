"""Speed of the import and of the overview, printed as numbers (not a test: nothing here passes or fails).

    python benchmarks/bench.py [--csv-rows 1000000] [--xlsx-rows 100000] [--json]

It writes synthetic registers to a temporary folder, imports them into a new database, times the overview's
queries on the result, and times the overview page's whole script run on the bundled sample with Streamlit's
AppTest: first run (cold caches) and repeated runs (warm).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import accountability, explore, meeting, queries  # noqa: E402
from analytics.importer import import_file, load_sample  # noqa: E402
from analytics.store import Store  # noqa: E402

HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Cơ quan giao", "Lĩnh vực", "Ngày giao",
          "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành", "Tình trạng", "Nguyên nhân chậm"]
UNITS = [f"Phường {i}" for i in range(1, 60)] + [f"Xã {i}" for i in range(1, 80)] + [f"Sở ngành {i}" for i in range(30)]


def rows(count: int, seed: int = 1):
    """A register with realistic spreads: most tasks done, some late, some open, a few without a deadline."""
    rng = random.Random(seed)
    start = dt.date(2021, 1, 1)
    for i in range(count):
        assigned = start + dt.timedelta(days=rng.randrange(1000))
        due = assigned + dt.timedelta(days=rng.randrange(5, 90)) if rng.random() > 0.08 else None
        done = (due or assigned) + dt.timedelta(days=rng.randrange(-30, 60)) if rng.random() < 0.8 else None
        yield [f"T{i:08d}", f"Nội dung nhiệm vụ số {i} về việc rà soát, báo cáo", rng.choice(UNITS),
               f"Cán bộ {i % 900}", "Chủ tịch UBND", rng.choice(["Đất đai", "Y tế", "Giáo dục", "Xây dựng"]),
               f"{assigned:%d/%m/%Y}", f"{due:%d/%m/%Y}" if due else "", "",
               f"{done:%d/%m/%Y}" if done else "", "", ""]


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def bench_import(folder: Path, csv_rows: int, xlsx_rows: int) -> dict:
    results = {}
    csv_path = folder / "register.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows(csv_rows))
    xlsx_path = folder / "register.xlsx"
    workbook = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    for index, row in enumerate(rows(xlsx_rows, seed=2), start=1):
        sheet.write_row(index, 0, row)
    workbook.close()

    store = Store(folder / "bench.duckdb")
    store.ensure()
    for path, count in ((xlsx_path, xlsx_rows), (csv_path, csv_rows)):
        seconds, report = timed(lambda p=path: import_file(store, p.read_bytes(), p.name))
        assert report.rows_loaded == count
        results[f"import_{path.suffix[1:]}"] = {"rows": count, "seconds": round(seconds, 2),
                                                "rows_per_second": round(count / seconds)}

    # An event history: one event for every fourth task (transfers, returns, escalations, reminders).
    history_path = folder / "history.csv"
    actions = ["Chuyển đơn vị chủ trì", "Trả lại", "Xin ý kiến cấp trên", "Đôn đốc lần 1", "Gia hạn"]
    event_rng = random.Random(3)
    events = csv_rows // 4
    with history_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị"])
        for _ in range(events):
            day = dt.date(2021, 1, 1) + dt.timedelta(days=event_rng.randrange(1030))
            writer.writerow([f"T{event_rng.randrange(csv_rows):08d}", f"{day:%d/%m/%Y}", event_rng.choice(actions),
                             event_rng.choice(UNITS), event_rng.choice(UNITS)])
    seconds, report = timed(lambda: import_file(store, history_path.read_bytes(), history_path.name))
    assert report.rows_loaded == events
    results["import_history_csv"] = {"rows": events, "seconds": round(seconds, 2),
                                     "rows_per_second": round(events / seconds)}

    view = queries.View(dt.date(2023, 10, 25))
    quarter = accountability.quarters(view.as_of, 2)[0]
    searched = queries.View(view.as_of, queries.Filters(search="so 12345"))
    # The meeting room's documents, without their chart images (those cost Chromium's time, not the data's).
    ctx = meeting.Context(view, view.as_of, compare=view.as_of - dt.timedelta(days=7))
    with store.connect() as con:
        for name, query in (
            ("counts", lambda: queries.counts(con, view)),
            ("overdue_by_unit", lambda: queries.overdue_by_unit(con, view)),
            ("trend_90_days", lambda: queries.trend(con, view, view.as_of - dt.timedelta(days=90))),
            ("longest_overdue", lambda: queries.overdue_tasks(con, view, limit=15)),
            ("overview_bundle", lambda: queries.overview(con, view, view.as_of - dt.timedelta(days=7))),
            ("deck", lambda: meeting.build_deck(con, ctx)),
            ("briefing_one_unit", lambda: meeting.build_briefing(con, ctx, UNITS[0])),
            ("period_report_month", lambda: meeting.build_period(con, ctx, dt.date(2023, 10, 1))),
            ("officer_late_rates_quarter", lambda: accountability.late_rates(con, view, quarter)),
            ("reminders", lambda: accountability.reminders(con, view)),
            ("pushed_counts", lambda: accountability.pushed_counts(con, view)),
            ("transfer_flows", lambda: accountability.transfer_flows(con, view)),
            ("late_causes", lambda: accountability.late_causes(con, view)),
            ("extensions_by_unit", lambda: accountability.extensions_by_unit(con, view)),
            ("explore_unit_overdue", lambda: explore.grouped(con, view, explore.Question())),
            ("explore_unit_by_due_month", lambda: explore.grouped(con, view, explore.Question("unit", "due_month",
                                                                                               "tasks"))),
            ("explore_records_first_page", lambda: explore.records(con, view, explore.Question(measure="tasks"))),
            ("explore_records_page_2000", lambda: explore.records(con, view, explore.Question(measure="tasks"),
                                                                  offset=100_000)),
            ("explore_records_by_title", lambda: explore.records(con, view, explore.Question(measure="tasks"),
                                                                 sort="title", descending=False)),
            ("explore_search_count", lambda: explore.record_count(con, searched, explore.Question(measure="tasks"))),
        ):
            query()  # once to warm DuckDB's own caches
            samples = [timed(query)[0] for _ in range(3)]
            results[f"query_{name}"] = {"tasks": csv_rows + xlsx_rows, "seconds": round(min(samples), 3)}
    return results


def bench_page(folder: Path) -> dict:
    """The overview page's whole script run on the sample, as a user's browser triggers it."""
    from streamlit.testing.v1 import AppTest

    database = folder / "sample.duckdb"
    sample = Store(database)
    sample.ensure()
    load_sample(sample)
    os.environ["DONDOC_DB"] = str(database)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    cold, _ = timed(app.run)
    warm = [timed(app.run)[0] for _ in range(5)]
    return {"page_overview_first_run": {"seconds": round(cold, 2)},
            "page_overview_repeat_run": {"seconds": round(statistics.median(warm), 3)},
            "page_shows_overdue": app.metric[0].value}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = bench_import(Path(folder), args.csv_rows, args.xlsx_rows)
        results |= bench_page(Path(folder))
    results["peak_memory_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return
    for name, value in results.items():
        print(f"{name:28} {value}")


if __name__ == "__main__":
    main()
