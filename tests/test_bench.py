"""The benchmark command on a tiny register: it runs end to end and reports every measurement it promises."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import explore
from benchmarks.bench import _sizes

ROOT = Path(__file__).resolve().parent.parent


def test_sizes_are_read_with_thousands_and_millions():
    assert _sizes("2k,100k, 1m,10M,1.5m,2500") == [2000, 100_000, 1_000_000, 10_000_000, 1_500_000, 2500]
    for bad in ("", "0", "k", "-1k", "abc", "1m,", "inf", "nan"):
        with pytest.raises(argparse.ArgumentTypeError):
            _sizes(bad)


def test_bench_on_a_tiny_register(tmp_path: Path):
    out = tmp_path / "bench.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DONDOC_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "bench", "--sizes", "2k", "--xlsx-rows", "300", "--repeats", "1", "--json",
         "--out", str(out), "--keep", str(tmp_path / "kept")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)  # --json: the one object, nothing else
    assert list(results) == ["2k"]
    assert json.loads(out.read_text(encoding="utf-8")) == results
    result = results["2k"]
    assert "errors" not in result, result["errors"]  # no step failed, no page showed an exception
    assert result["size"] == 2000
    assert result["import_csv_rows"] == 2000 and result["import_csv_rejected"] == 0
    assert result["import_xlsx_rows"] == 300
    assert result["import_html_rows"] == 300 and result["import_html_rejected"] == 0  # the same rows as a web page
    assert result["import_history_rows"] == 500  # one event for every fourth task
    assert result["csv_bytes"] > 0 and result["db_bytes"] > 0
    assert result["db_to_csv_ratio"] == round(result["db_bytes"] / result["csv_bytes"], 2)
    for key in ("import_csv_seconds", "import_csv_rows_per_second", "import_xlsx_seconds", "import_html_seconds",
                "peak_memory_mib",
                "page_overview_first_run_seconds", "page_overview_cold_seconds", "page_overview_warm_seconds",
                "page_explore_first_run_seconds", "page_explore_cold_seconds", "page_explore_warm_seconds",
                "query_counts_seconds", "query_overview_bundle_seconds", "query_late_causes_seconds",
                "query_explore_count_search_seconds", "explore_records_table_worst_seconds"):
        assert result[key] > 0, key
    for sort in explore.SORT_COLUMNS:
        for direction in ("asc", "desc"):
            assert result[f"query_explore_records_{sort}_{direction}_seconds"] > 0
    shown = result["page_overview_shown"]  # "1.234": the overview showed a figure, not an error
    assert shown.replace(".", "").isdigit() and int(shown.replace(".", "")) > 0
    assert result["page_explore_shown"] == 50  # a full page of records
    targets = result["targets"]
    assert {"import_csv_rows_per_second", "import_xlsx_seconds", "page_overview_cold_seconds",
            "page_overview_warm_seconds", "explore_records_table_worst_seconds", "peak_memory_mib",
            "db_to_csv_ratio"} <= set(targets)
    assert all(isinstance(check["ok"], bool) and check["target"] for check in targets.values())
    kept = tmp_path / "kept" / "2k"
    assert (kept / "register.csv").read_text(encoding="utf-8").startswith("Mã nhiệm vụ,Trích yếu,Đơn vị chủ trì")
    assert (kept / "bench.duckdb").exists()
