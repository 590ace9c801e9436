"""`python -m analytics reminders`: today's list as JSON Lines, the draft letters as .docx, clear failures."""

from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest

from analytics.cli import main
from analytics.importer import import_file
from tests.builders import d, load
from tests.test_accountability import AS_OF, HEADER, NOI_VU, TU_PHAP, history, register


@pytest.fixture
def db(store):
    load(store, register(), header=HEADER, snapshot_date=AS_OF)
    import_file(store, history(), "lich_su.xlsx")
    return store.path


def test_json_lines(db, capsys):
    assert main(["reminders", "--db", str(db), "--as-of", "2023-09-30", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["task_id"], x["unit"], x["level"]) for x in lines] == [
        ("T3", NOI_VU, 2), ("T9", TU_PHAP, 3), ("T10", TU_PHAP, 1), ("T8", TU_PHAP, 1),
    ]
    t8 = lines[3]
    assert (t8["effective_due"], t8["days_overdue"], t8["reminders_sent"], t8["last_reminder"]) == (
        "2023-09-10", 20, 0, None)
    assert lines[1]["last_reminder"] == "2023-09-01"


def test_defaults_to_the_latest_snapshot_and_repeat_days(db, capsys):
    assert main(["reminders", "--db", str(db), "--json", "--repeat-days", "60"]) == 0
    assert [json.loads(line)["task_id"] for line in capsys.readouterr().out.splitlines()] == ["T10", "T8"]


def test_docx_letters(db, tmp_path, capsys):
    out = tmp_path / "letters" / "today"
    assert main(["reminders", "--db", str(db), "--as-of", "2023-09-30", "--docx", str(out)]) == 0
    human = capsys.readouterr()
    assert "T9" in human.out and "Báo cáo lãnh đạo" in human.out
    assert human.err.strip() == f"Đã ghi 2 dự thảo công văn vào {out}"
    files = sorted(p.name for p in out.iterdir())
    assert files == ["don-doc_phong-noi-vu_2023-09-30.docx", "don-doc_phong-tu-phap_2023-09-30.docx"]
    letter = docx.Document(str(out / files[1]))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert f"Kính gửi: {TU_PHAP}" in text and "30/09/2023" in text
    table = letter.tables[1]  # letterhead, tasks, signature
    ids = [row.cells[1].text for row in table.rows[1:]]
    assert ids == ["T9", "T10", "T8"]  # longest overdue first
    cells = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert "10/09/2023" in cells["T8"][4] and cells["T8"][5] == "20"


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2023-02-30"], "2023-02-30"),
    (["--repeat-days", "0"], "0"),
])
def test_bad_arguments(db, args, message):
    result = subprocess.run([sys.executable, "-m", "analytics", "reminders", "--db", str(db), *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_missing_database_and_file_as_folder(tmp_path, db, capsys):
    assert main(["reminders", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "none.duckdb" in capsys.readouterr().err
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    assert main(["reminders", "--db", str(db), "--docx", str(not_a_folder)]) == 2
    assert "thư mục" in capsys.readouterr().err


def test_letters_of_units_whose_names_shorten_alike_are_all_written(store, tmp_path, capsys):
    long = "Trung tâm Phát triển quỹ đất và Dịch vụ công ích thành phố Quảng Ngãi tỉnh Quảng Ngãi"
    units = [f"{long} - Chi nhánh 1", f"{long} - Chi nhánh 2", "Phòng " + "rất dài " * 40]
    load(store, [[f"L{i}", "Việc", unit, "Anh", d("01/08/2023"), None, None, d("01/06/2023"), None, None]
                 for i, unit in enumerate(units)], header=HEADER, snapshot_date=AS_OF)
    out = tmp_path / "letters"
    assert main(["reminders", "--db", str(store.path), "--docx", str(out)]) == 0
    assert len(list(out.iterdir())) == 3 and "Đã ghi 3" in capsys.readouterr().err
