"""Downloads keep text as text: no formula, link or number conversion, in XLSX or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from python_calamine import CalamineWorkbook

from analytics.exports import neutralise_csv_cell, table_csv, table_xlsx

HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "=1+1", "<script>x</script>"]


def test_xlsx_cells_are_strings_never_formulas():
    data = table_xlsx(["Dòng", "Lý do", "Trích yếu"], [[i + 2, "lỗi", text] for i, text in enumerate(HOSTILE)],
                      preamble=["=cmd|' /C calc'!A0"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula element anywhere
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "=cmd|' /C calc'!A0"
    assert [row[2] for row in rows[3:]] == HOSTILE  # shown exactly as typed
    assert rows[3][0] == 2.0  # numbers stay numbers


def test_xlsx_dates_are_dates():
    data = table_xlsx(["Hạn"], [[dt.date(2023, 10, 25)]])
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[1][0] == dt.date(2023, 10, 25)


def test_csv_cells_that_a_spreadsheet_would_evaluate_are_prefixed():
    assert [neutralise_csv_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE[:5]] + [HOSTILE[5]]
    assert neutralise_csv_cell(dt.date(2023, 10, 25)) == "25/10/2023"
    data = table_csv(["Trích yếu"], [[v] for v in HOSTILE])
    assert data.startswith("\ufeff".encode())  # Excel reads the UTF-8 correctly
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + HOSTILE[0] and rows[-1][0] == "<script>x</script>"
