"""`python -m analytics export` as an office's scheduler would call it (tests/test_cli.run): files read back."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.test_cli import run

pypdf = pytest.importorskip("pypdf")


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


def test_period_report_as_xlsx(sample_store, tmp_path):
    out = tmp_path / "bao_cao.xlsx"
    result = run("export", "period", "--as-of", "2023-10-25", "--from", "2023-10-01", "--format", "xlsx",
                 "--out", str(out), db=sample_store.path)
    assert result.returncode == 0, result.stderr
    assert "bao_cao.xlsx" in result.stdout and not result.stderr
    book = CalamineWorkbook.from_filelike(io.BytesIO(out.read_bytes()))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    total = next(row for row in rows if "Tổng cộng" in row)
    numbers = [int(v) for v in total[total.index("Tổng cộng") + 1:] if v != ""]
    assert numbers == [457, 147, 604, 106, 6, 86, 3, 172, 140, 91]
    assert any("Kỳ báo cáo: từ ngày 01/10/2023 đến ngày 25/10/2023" in str(c) for row in rows for c in row)
    assert not list(tmp_path.glob("*.partial"))


def test_briefing_pdf_for_a_unit_typed_without_accents(sample_store, tmp_path):
    out = tmp_path / "nghia_lo.pdf"
    result = run("export", "briefing", "--unit", "phuong nghia lo", "--as-of", "2023-10-25", "--format", "pdf",
                 "--hide-names", "--out", str(out), db=sample_store.path)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Phường Nghĩa Lộ" in text
    assert "Số liệu tính đến ngày 25/10/2023" in text
    assert "Cam kết tại phiên chất vấn, đối thoại (6)" in text
    assert "Tên cán bộ phụ trách đã được ẩn." in text


def test_deck_as_pptx_defaults_to_the_latest_snapshot(sample_store, tmp_path):
    from pptx import Presentation

    out = tmp_path / "giao_ban.pptx"
    result = run("export", "deck", "--format", "pptx", "--out", str(out), db=sample_store.path)
    assert result.returncode == 0, result.stderr
    assert not result.stderr  # Chromium started and closed without a word (no traceback at exit)
    deck = Presentation(str(out))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert len(titles) == 7
    assert titles[0] == "Tình hình thực hiện nhiệm vụ — đến 25/10/2023"
    assert "140 nhiệm vụ trễ hạn tính đến 25/10/2023" in {
        shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deck", "--format", "xlsx"], "pptx, pdf"),
        (["briefing", "--format", "pptx"], "pdf, xlsx"),
        (["briefing", "--unit", "Phường Không Có", "--format", "pdf"], "Phường Không Có"),
        (["period", "--as-of", "2023-10-01", "--from", "2023-10-25", "--format", "xlsx"], "01/10/2023"),
        (["period", "--as-of", "25/10/2023", "--format", "xlsx"], "YYYY-MM-DD"),
    ],
)
def test_wrong_requests_exit_2_with_one_line(sample_store, tmp_path, args, message):
    out = tmp_path / "x.out"
    result = run("export", *args, "--out", str(out), db=sample_store.path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_unwritable_output_exits_1_without_traceback(sample_store, tmp_path):
    out = tmp_path / "no_such_folder" / "x.xlsx"
    result = run("export", "period", "--format", "xlsx", "--out", str(out), db=sample_store.path)
    assert result.returncode == 1
    assert "x.xlsx" in result.stderr and "Traceback" not in result.stderr


def test_without_chromium_a_deck_is_refused_with_the_fix_named(sample_store, tmp_path):
    import subprocess
    import sys

    from tests.test_cli import ROOT

    out = tmp_path / "giao_ban.pdf"
    env = {"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "analytics", "export", "deck", "--format", "pdf", "--out", str(out),
                             "--db", str(sample_store.path)], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=120)
    assert result.returncode == 1
    assert "apt-get install chromium" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("bad", ["0", "-3", "mười"])
def test_commendation_minimum_must_be_a_positive_number(sample_store, tmp_path, bad):
    result = run("export", "deck", "--min-tasks", bad, "--format", "pptx", "--out", str(tmp_path / "x.pptx"),
                 db=sample_store.path)
    assert result.returncode == 2 and bad in result.stderr and "Traceback" not in result.stderr


def test_output_must_be_a_file_and_the_database_must_exist(sample_store, tmp_path):
    to_folder = run("export", "period", "--format", "xlsx", "--out", str(tmp_path), db=sample_store.path)
    assert to_folder.returncode == 2 and "thư mục" in to_folder.stderr
    assert not list(tmp_path.glob(".*"))  # nothing half-written left behind
    missing = tmp_path / "go_nham.duckdb"
    typo = run("export", "period", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"), db=missing)
    assert typo.returncode == 2 and "go_nham.duckdb" in typo.stderr
    assert not missing.exists() and not (tmp_path / "x.xlsx").exists()
