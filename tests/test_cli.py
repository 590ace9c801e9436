"""The command line as a scheduler would call it: exit codes, JSON Lines, one-line messages, no tracebacks.

`run` calls the command line's own entry (cli.main) in this process, with its arguments, environment, standard
input and outputs as a process has them: the same code, without a Python start per call. The tests that are
about the process itself (an unreadable file, a missing browser, a password typed on standard input) run it as
a real process (`process=True`), as a scheduler does.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import cli
from tests.builders import csv_bytes

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, db: Path | None = None, env: dict[str, str] | None = None, stdin: str | None = None,
        process: bool = False) -> subprocess.CompletedProcess:
    """`python -m analytics *args [--db DB]`: its exit status and what it printed."""
    argv = [*args, *(["--db", str(db)] if db is not None else [])]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("DONDOC_DEBUG", None)
    if process:
        return subprocess.run([sys.executable, "-m", "analytics", *argv], input=stdin, capture_output=True,
                              text=True, cwd=ROOT, env=environment, timeout=120)
    out, err = io.StringIO(), io.StringIO()
    saved_environ, saved_stdin = dict(os.environ), sys.stdin
    os.environ.clear()
    os.environ.update(environment)
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exit_:  # argparse: wrong arguments
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["python", "-m", "analytics", *argv], code, out.getvalue(), err.getvalue())


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "so_theo_doi.csv"
    good.write_bytes(csv_bytes([
        ["Mã nhiệm vụ", "Đơn vị chủ trì", "Hạn xử lý", "Ngày hoàn thành"],
        ["1", "Phường Trần Phú", "01/10/2023", ""],
        ["2", "Phòng Nội vụ", "31/02/2023", ""],
        ["3", "", "01/10/2023", ""],
        ["4", "Phòng Nội vụ", "20/10/2023", "19/10/2023"],
    ]))
    empty = tmp_path / "trong.csv"
    empty.write_bytes(b"")
    picture = tmp_path / "anh.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4000))
    no_deadline = tmp_path / "thieu_cot.csv"
    no_deadline.write_bytes(csv_bytes([["Mã nhiệm vụ", "Đơn vị chủ trì"], ["1", "Phòng Y tế"]]))
    return {"good": good, "empty": empty, "picture": picture, "no_deadline": no_deadline}


def test_import_json_lines_with_rejects(tmp_path, files):
    result = run("import", str(files["good"]), "--snapshot-date", "2023-10-25", "--json", db=tmp_path / "a.duckdb")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["file"] == str(files["good"])
    assert (report["rows_read"], report["rows_loaded"], report["rows_rejected"]) == (4, 2, 2)
    assert report["rejects"] == [
        {"row": 3, "reason": "Hạn xử lý: ngày “31/02/2023” không có thật"},
        {"row": 4, "reason": "Thiếu đơn vị chủ trì (cột “Đơn vị chủ trì” để trống)"},
    ]
    assert report["snapshot_date"] == "2023-10-25"


@pytest.mark.parametrize("name", ["empty", "picture", "no_deadline"])
def test_unreadable_file_exits_2_with_one_line(tmp_path, files, name):
    result = run("import", str(files[name]), db=tmp_path / "b.duckdb", process=True)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert str(files[name]) in result.stderr
    if name == "no_deadline":
        assert "thiếu cột bắt buộc: Hạn xử lý" in result.stderr  # the user's words, not the field's code


def test_several_files_one_json_object_each_and_exit_2_if_any_failed(tmp_path, files):
    result = run("import", str(files["good"]), str(files["empty"]), "--json", db=tmp_path / "c.duckdb")
    assert result.returncode == 2
    objects = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [o["file"] for o in objects] == [str(files["good"]), str(files["empty"])]
    assert objects[0]["rows_loaded"] == 2 and "error" in objects[1]


def test_reimport_is_idempotent_from_the_command_line(tmp_path, files):
    db = tmp_path / "d.duckdb"
    run("import", str(files["good"]), "--snapshot-date", "2023-10-25", db=db)
    again = json.loads(run("import", str(files["good"]), "--snapshot-date", "2023-10-26", "--json", db=db).stdout)
    assert (again["inserted"], again["updated"]) == (0, 2)
    summary = json.loads(run("summary", "--as-of", "2023-10-25", "--json", db=db).stdout)
    assert summary["total"] == 2


def test_sample_then_summary(tmp_path):
    db = tmp_path / "e.duckdb"
    loaded = run("sample", db=db)
    assert loaded.returncode == 0 and "1600" in loaded.stdout
    summary = json.loads(run("summary", "--as-of", "2023-10-25", "--json", db=db).stdout)
    assert {k: summary[k] for k in ("as_of", "total", "done_on_time", "done_late", "overdue", "due_soon",
                                     "on_track", "no_deadline")} == {
        "as_of": "2023-10-25", "total": 1600, "done_on_time": 806, "done_late": 354, "overdue": 140,
        "due_soon": 22, "on_track": 150, "no_deadline": 128,
    }
    by_block = json.loads(run("summary", "--as-of", "2023-10-25", "--by", "block", "--json", db=db).stdout)["by"]
    assert {row["key"]: row["overdue"] for row in by_block} == {
        "government": 60, "commune": 58, "party": 7, "mass_org": 8, "other": 7}
    assert all(set(row) >= {"key", "total", "overdue"} for row in by_block)
    by_unit = json.loads(run("summary", "--as-of", "2023-10-25", "--by", "unit", "--json", db=db).stdout)["by"]
    assert by_unit[0] == {**by_unit[0], "key": "Phường Nghĩa Lộ", "overdue": 11}
    human = run("summary", "--as-of", "2023-10-25", db=db)
    assert "Trễ hạn: 140" in human.stdout and "62,0%" in human.stdout


def test_summary_defaults_to_the_latest_snapshot(tmp_path):
    db = tmp_path / "f.duckdb"
    run("sample", db=db)
    assert json.loads(run("summary", "--json", db=db).stdout)["as_of"] == "2023-10-25"


def test_bad_arguments_exit_2(tmp_path):
    result = run("summary", "--as-of", "25/10/2023", db=tmp_path / "g.duckdb")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run("summary", "--by", "colour", db=tmp_path / "g.duckdb")
    assert result.returncode == 2
