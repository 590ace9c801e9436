"""`python -m analytics units import|list|export`: the unit registry from the command line (docs/design.md §7)."""

from __future__ import annotations

import json
from pathlib import Path

from python_calamine import CalamineWorkbook

from tests.builders import csv_bytes
from tests.ingest.test_registry import HEADER, ROWS, TITLE
from tests.test_cli import run


def test_import_list_export_and_import_the_export_again(tmp_path: Path):
    db, registry = tmp_path / "dondoc.duckdb", tmp_path / "danh-muc.csv"
    registry.write_bytes(csv_bytes([*TITLE, HEADER, *ROWS]))
    done = run("units", "import", str(registry), db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"{registry}: 4 đơn vị trong danh mục, 3 dòng bị loại (lần nhập số 1)"
    assert done.stdout.splitlines()[2] == "  dòng 11: Thiếu tên đơn vị (cột “Tên đơn vị” để trống)"
    listed = run("units", "list", db=db)
    assert listed.stdout.splitlines() == [
        "Phường Nguyễn Nghiêm · Xã, phường, thị trấn · sáp nhập vào Phường Cẩm Thành từ 01/07/2025",
        "Phường Chánh Lộ · Xã, phường, thị trấn · sáp nhập vào Phường Cẩm Thành từ 01/07/2025",
        "Phường Cẩm Thành · Xã, phường, thị trấn",
        "Phòng Nội vụ · Chính quyền (sở, phòng, ban)",
    ]
    as_json = [json.loads(line) for line in run("units", "list", "--json", db=db).stdout.splitlines()]
    assert as_json[0] == {"name": "Phường Nguyễn Nghiêm", "block": "commune", "parent": None,
                          "successor": "Phường Cẩm Thành", "effective_date": "2025-07-01",
                          "aliases": ["P Nguyễn Nghiêm"]}
    out = tmp_path / "danh-muc.xlsx"
    assert run("units", "export", "--out", str(out), db=db).returncode == 0
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Danh mục đơn vị").to_python()
    assert sheet[0] == ["Tên đơn vị", "Khối", "Đơn vị cấp trên", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác"]
    again = tmp_path / "again.duckdb"
    assert run("units", "import", str(out), db=again).returncode == 0
    assert [json.loads(line) for line in run("units", "list", "--json", db=again).stdout.splitlines()] == as_json


def test_a_registry_that_cannot_be_followed_is_one_line_and_exit_2(tmp_path: Path):
    bad = tmp_path / "vong.csv"
    bad.write_bytes(csv_bytes([["Tên đơn vị", "Sáp nhập vào", "Ngày hiệu lực"],
                               ["Xã A", "Xã B", "01/07/2025"], ["Xã B", "Xã A", "01/07/2025"]]))
    done = run("units", "import", str(bad), db=tmp_path / "x.duckdb")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "danh mục đơn vị chưa được nhập vì: dòng 2, 3: Sáp nhập thành vòng tròn: Xã A → Xã B → Xã A\n"
    assert run("units", "list", db=tmp_path / "x.duckdb").stdout == ""
    missing = run("units", "import", db=tmp_path / "x.duckdb")
    assert missing.returncode == 2 and "units import" in missing.stderr


def test_summary_by_unit_follows_the_lineage_and_by_recorded_unit_the_names_written(tmp_path: Path):
    from tests.test_lineage_figures import HEADER as TASKS_HEADER
    from tests.test_lineage_figures import REGISTER as TASKS
    from tests.test_lineage_figures import REGISTRY as MERGERS

    db, register, registry = tmp_path / "dondoc.duckdb", tmp_path / "so.csv", tmp_path / "danh-muc.csv"
    register.write_bytes(csv_bytes([TASKS_HEADER, *TASKS]))
    registry.write_bytes(csv_bytes(MERGERS))
    assert run("import", str(register), "--snapshot-date", "2026-11-30", db=db).returncode == 0
    assert run("units", "import", str(registry), db=db).returncode == 0

    def overdue(by: str, day: str) -> dict[str, int]:
        done = run("summary", "--as-of", day, "--by", by, "--json", db=db)
        assert done.returncode == 0, done.stderr
        return {row["key"]: row["overdue"] for row in json.loads(done.stdout)["by"] if row["overdue"]}

    assert overdue("unit", "2025-06-30") == {"Phường Nguyễn Nghiêm": 2, "Xã Tịnh Ấn Tây": 1}
    assert overdue("unit", "2026-01-01") == {"Phường Cẩm Thành": 4, "Phường Trương Quang Trọng": 1}
    assert overdue("recorded_unit", "2026-01-01") == {
        "Phường Nguyễn Nghiêm": 1, "Nguyễn Nghiêm": 1, "Phường Chánh Lộ": 1, "Phường Cẩm Thành": 1, "Xã Tịnh Ấn Tây": 1}
