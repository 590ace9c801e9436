"""What following merged units costs: the overview at a size with many units merged (docs/design.md §3.1).

    python benchmarks/lineage.py [--tasks 1000000] [--merged 540] [--repeats 5] [--keep DIR]

Builds the synthetic register of benchmarks/registers.py with each ward and commune split into four former
units ("Xã Nghĩa An 1" … "Xã Nghĩa An 4", as a register spanning a merger writes them: 135 x 4 = 540 by default),
imports it, then times the overview's one round trip (queries.overview, the figures on the as-of and comparison
days, by unit, bucket and month, the 15 longest overdue and a 90-day trend) and the unit states of the period page:

- without a registry (every former unit its own, as the product counted them before lineage);
- with a registry merging every former unit into the ward or commune it became, on 01/07/2023;
- the same, asked by the name as recorded.

Each is the median of --repeats runs after one warm-up run. It prints numbers; it passes or fails nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from analytics import queries  # noqa: E402
from analytics.importer import import_file, import_registry  # noqa: E402
from analytics.store import Store  # noqa: E402
from benchmarks.registers import SNAPSHOT, UNITS, _sql_text, write_register_csv  # noqa: E402

MERGER = dt.date(2023, 7, 1)
PARTS = 4  # former units per merged ward or commune


def _merged_register(plain: Path, out: Path) -> list[str]:
    """The register with each ward's and commune's tasks spread over PARTS former units; returns the units split."""
    split = [u for u in UNITS if u.startswith(("Phường ", "Xã "))]
    con = duckdb.connect()
    # File names as SQL string literals (registers._sql_text quotes them): COPY takes no bound file names.
    con.execute(f"""
        COPY (
            SELECT * REPLACE (
                CASE WHEN list_contains($split, "Đơn vị chủ trì")
                     THEN "Đơn vị chủ trì" || ' ' || (1 + hash("Mã nhiệm vụ") % $parts)::VARCHAR
                     ELSE "Đơn vị chủ trì" END AS "Đơn vị chủ trì")
            FROM read_csv({_sql_text(str(plain))}, all_varchar = true, header = true)
        ) TO {_sql_text(str(out))} (HEADER, DELIMITER ',')
    """, {"split": split, "parts": PARTS})  # noqa: S608
    return split


def _registry_csv(split: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Tên đơn vị", "Sáp nhập vào", "Ngày hiệu lực"])
    for unit in split:
        writer.writerow([unit, "", ""])
        for part in range(1, PARTS + 1):
            writer.writerow([f"{unit} {part}", unit, MERGER.strftime("%d/%m/%Y")])
    return buffer.getvalue().encode()


def _median(action, repeats: int) -> float:
    action()  # warm-up: the file's pages in memory, as for a page's second user
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _measure(store: Store, view: queries.View, repeats: int) -> dict[str, float]:
    compare = view.as_of - dt.timedelta(days=7)
    since = view.as_of - dt.timedelta(days=90)
    with store.connect() as con:
        overview = _median(lambda: queries.overview(con, view, compare, since=since), repeats)
        states = _median(lambda: queries.unit_states(con, view), repeats)
        units = int(queries.overview(con, view, compare).by_unit["unit"].nunique())
    return {"overview_s": overview, "unit_states_s": states, "units_shown": units}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the files and the database in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dondoc-lineage-"))
    folder.mkdir(parents=True, exist_ok=True)
    plain, merged = folder / "plain.csv", folder / "merged.csv"
    write_register_csv(plain, args.tasks)
    split = _merged_register(plain, merged)
    store = Store(folder / "lineage.duckdb")
    store.ensure()
    import_file(store, merged, merged.name, snapshot_date=SNAPSHOT)
    view = queries.View(SNAPSHOT)
    results = {"without registry": _measure(store, view, args.repeats)}
    report = import_registry(store, _registry_csv(split), "danh-muc.csv")
    merged_units = len(split) * PARTS
    results[f"registry, {merged_units} merged"] = _measure(store, view, args.repeats)
    results["registry, as recorded"] = _measure(store, replace(view, by_recorded_unit=True), args.repeats)
    print(f"{args.tasks:,} tasks; {merged_units:,} former units merged into {len(split)} on "
          f"{MERGER:%d/%m/%Y} (registry batch {report.batch_id}); median of {args.repeats}")
    for name, numbers in results.items():
        print(f"  {name:<28} overview {numbers['overview_s']:.3f} s   unit states {numbers['unit_states_s']:.3f} s   "
              f"units with overdue tasks {numbers['units_shown']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
