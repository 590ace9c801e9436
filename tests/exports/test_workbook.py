"""The XLSX documents read back cell by cell: what offices file (title, context, grouped header, figures as
numbers, dates as dates, bold totals, print setup) and text that is never a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from analytics import meeting, queries
from analytics.document import Column, Document, KeyFigure, Section, Table
from analytics.exports import workbook
from analytics.exports.workbook import WORKBOOK_OPTIONS, render_xlsx, sheet_name, sheet_names
from tests.builders import SAMPLE_AS_OF

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
HOSTILE = '=HYPERLINK("http://x","y")'
BUILTIN_FORMATS = {0: "General", 3: "#,##0", 9: "0%", 10: "0.00%", 14: "m/d/yyyy"}


# --- reading an .xlsx back -------------------------------------------------------------------------------

def sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def ref(row: int, col: int) -> str:
    """0-based (row, col) -> "A1"."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def find(rows: list[list[object]], value: object) -> tuple[int, int]:
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell == value:
                return r, c
    raise AssertionError(f"{value!r} is not in the sheet")


def texts(rows: list[list[object]]) -> list[str]:
    return [cell for row in rows for cell in row if isinstance(cell, str) and cell]


class Parts:
    """The raw XML of a workbook: formulas, merges, styles, print setup."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
        styles = ET.fromstring(self.files["xl/styles.xml"])
        codes = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iterfind("m:numFmts/m:numFmt", NS)}
        bold = [font.find("m:b", NS) is not None for font in styles.iterfind("m:fonts/m:font", NS)]
        self.xfs = [
            (codes.get(int(xf.get("numFmtId", 0)), BUILTIN_FORMATS.get(int(xf.get("numFmtId", 0)))),
             bold[int(xf.get("fontId", 0))])
            for xf in styles.iterfind("m:cellXfs/m:xf", NS)
        ]

    def sheet(self, index: int) -> str:
        return self.files[f"xl/worksheets/sheet{index + 1}.xml"]

    def sheet_xmls(self) -> list[str]:
        return [text for name, text in sorted(self.files.items()) if name.startswith("xl/worksheets/sheet")]

    def merges(self, index: int) -> set[str]:
        return set(re.findall(r'<mergeCell ref="([A-Z0-9:]+)"/>', self.sheet(index)))

    def style(self, index: int, row: int, col: int) -> tuple[str, bool]:
        """(number format, bold) of a cell."""
        match = re.search(rf'<c r="{ref(row, col)}"(?: s="(\d+)")?', self.sheet(index))
        assert match, ref(row, col)
        return self.xfs[int(match.group(1) or 0)]


def no_formulas(parts: Parts) -> None:
    for xml in parts.sheet_xmls():
        assert "<f>" not in xml and "<f " not in xml
        assert "<hyperlink" not in xml


# --- hand-made documents ---------------------------------------------------------------------------------

def hand_made(**changes) -> Document:
    table = Table(
        columns=(Column("STT", width=0.5), Column("Đơn vị", width=3), Column("Số việc", "int"),
                 Column("Tỷ lệ", "pct"), Column("Hạn", "date"), Column("Ghi chú", width=2)),
        rows=(
            ("1", "Phòng Tư pháp", 1234, 0.956, dt.date(2023, 10, 25), HOSTILE),
            ("2", "Phường Nghĩa Lộ", None, None, None, "+1"),
            ("", "Tổng cộng", 1234, 0.5, dt.date(2023, 1, 2), "@SUM(A1)"),
        ),
        groups=(("", 1), ("", 1), ("Kết quả", 2), ("", 1), ("", 1)),
        emphasis=frozenset({2}),
        note="Còn 3 dòng không hiển thị.",
    )
    fields = dict(
        kind="period", title="Báo cáo thử =1+1", context=("Số liệu tính đến ngày 25/10/2023", "-cmd|' /C calc'!A0"),
        sections=(
            Section("chart_only", "Biểu đồ", lines=("Chỉ có biểu đồ",)),
            Section("main", "Bảng: số liệu [thử] — đến 25/10/2023", lines=("Dòng giải thích",), table=table,
                    figures=(KeyFigure("Trễ hạn", "140", "-14"),)),
        ),
        footer="Sở A & B · &P trang",
    )
    fields.update(changes)
    return Document(**fields)


def test_workbook_options_keep_text_as_text():
    assert WORKBOOK_OPTIONS["strings_to_formulas"] is False
    assert WORKBOOK_OPTIONS["strings_to_urls"] is False
    assert WORKBOOK_OPTIONS["strings_to_numbers"] is False


def test_hand_made_document_cells_and_layout():
    data = render_xlsx(hand_made())
    book = sheets(data)
    assert list(book) == ["Bảng - số liệu thử"]  # the chart-only section has no sheet
    rows = book["Bảng - số liệu thử"]
    parts = Parts(data)
    no_formulas(parts)

    # Title, context lines, section title, its lines and key figures, a blank row, then the table.
    assert rows[0][0] == "Báo cáo thử =1+1"
    assert [r[0] for r in rows[1:7]] == ["Số liệu tính đến ngày 25/10/2023", "-cmd|' /C calc'!A0",
                                         "Bảng: số liệu [thử] — đến 25/10/2023", "Dòng giải thích",
                                         "Trễ hạn: 140 (-14)", ""]
    assert parts.style(0, 0, 0)[1]  # the title is bold
    assert parts.style(0, 3, 0)[1]  # so is the section title
    merges = parts.merges(0)
    assert {"A1:F1", "A2:F2", "A4:F4"} <= merges

    # Two header rows: the group merged across its columns, ungrouped labels merged down both rows.
    assert rows[7] == ["STT", "Đơn vị", "Kết quả", "", "Hạn", "Ghi chú"]
    assert rows[8] == ["", "", "Số việc", "Tỷ lệ", "", ""]
    assert {"A8:A9", "B8:B9", "C8:D8", "E8:E9", "F8:F9"} <= merges
    assert all(parts.style(0, r, c)[1] for r in (7, 8) for c in range(6))
    assert '<pane ySplit="9" topLeftCell="A10"' in parts.sheet(0)  # frozen below the header

    # Body: numbers as numbers, shares 0..1, dates as dates, None empty, hostile text literal.
    assert rows[9] == ["1", "Phòng Tư pháp", 1234, 0.956, dt.date(2023, 10, 25), HOSTILE]
    assert rows[10] == ["2", "Phường Nghĩa Lộ", "", "", "", "+1"]
    assert rows[11] == ["", "Tổng cộng", 1234, 0.5, dt.date(2023, 1, 2), "@SUM(A1)"]
    assert parts.style(0, 9, 2) == ("#,##0", False)
    assert parts.style(0, 9, 3) == ("0.0%", False)
    assert parts.style(0, 9, 4) == ("dd/mm/yyyy", False)
    assert parts.style(0, 11, 2) == ("#,##0", True)  # the emphasised row is bold throughout
    assert all(parts.style(0, 11, c)[1] for c in range(6))
    assert not any(parts.style(0, 10, c)[1] for c in range(6))
    assert re.search(r'<c r="C10" s="\d+"><v>1234</v></c>', parts.sheet(0))  # a number cell, not a string
    assert rows[12][0] == "Còn 3 dòng không hiển thị."  # the note under the table
    assert len(rows) == 13

    # Every text cell is a shared string, shown exactly as given.
    shared = parts.files["xl/sharedStrings.xml"]
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in shared or '=HYPERLINK("http://x","y")' in shared

    # Print setup, footer (user '&' escaped), workbook properties.
    sheet = parts.sheet(0)
    assert 'orientation="landscape"' in sheet and 'paperSize="9"' in sheet and 'fitToHeight="0"' in sheet
    assert '<pageSetUpPr fitToPage="1"/>' in sheet
    assert "<oddFooter>&amp;LSở A &amp;&amp; B · &amp;&amp;P trang&amp;R&amp;P/&amp;N</oddFooter>" in sheet
    assert "'Bảng - số liệu thử'!$8:$9</definedName>" in parts.files["xl/workbook.xml"]
    core = parts.files["docProps/core.xml"]
    assert "<dc:title>Báo cáo thử =1+1</dc:title>" in core and "<dc:creator>Đôn đốc</dc:creator>" in core


def test_a_table_without_groups_has_one_header_row_and_portrait_pages():
    table = Table(columns=(Column("Nguyên nhân chậm", width=5), Column("Số nhiệm vụ", "int")),
                  rows=(("Chờ ý kiến", 3),))
    document = Document("briefing", "Tài liệu", ("Số liệu tính đến ngày 25/10/2023",),
                        (Section("causes", "Nguyên nhân", table=table),))
    data = render_xlsx(document)
    rows = sheets(data)["Nguyên nhân"]
    assert rows == [["Tài liệu", ""], ["Số liệu tính đến ngày 25/10/2023", ""], ["Nguyên nhân", ""], ["", ""],
                    ["Nguyên nhân chậm", "Số nhiệm vụ"], ["Chờ ý kiến", 3]]
    parts = Parts(data)
    assert parts.merges(0) == {"A1:B1", "A2:B2", "A3:B3"}
    assert parts.style(0, 4, 0)[1] and parts.style(0, 4, 1)[1]
    assert '<pane ySplit="5" topLeftCell="A6"' in parts.sheet(0)
    assert 'orientation="portrait"' in parts.sheet(0)
    assert "!$5:$5</definedName>" in parts.files["xl/workbook.xml"]
    # Text columns are wider than their share; every width is in Excel's range.
    widths = [float(w) for w in re.findall(r'<col min="\d+" max="\d+" width="([\d.]+)"', parts.sheet(0))]
    assert widths[0] > 5 * widths[1] > 0 and all(w <= 256 for w in widths)


def test_a_document_without_tables_is_one_sheet_with_its_title_and_context():
    document = Document("deck", "Giao ban: đến ngày 25/10/2023", ("Số liệu tính đến ngày 25/10/2023", "Bộ lọc: không"),
                        (Section("headline", "Tình hình", headline="140 nhiệm vụ trễ hạn"),
                         Section("trend", "Xu hướng", empty="Không có dữ liệu")))
    data = render_xlsx(document)
    book = sheets(data)
    assert list(book) == ["Giao ban - đến ngày 25-10-2023"]
    found = texts(book["Giao ban - đến ngày 25-10-2023"])
    assert found[:3] == ["Giao ban: đến ngày 25/10/2023", "Số liệu tính đến ngày 25/10/2023", "Bộ lọc: không"]
    assert {"Tình hình", "140 nhiệm vụ trễ hạn", "Xu hướng", "Không có dữ liệu"} <= set(found)
    no_formulas(Parts(data))


def test_sheet_names_are_short_unique_and_allowed():
    long = "Nguyên nhân chậm của các nhiệm vụ trễ hạn — đến 25/10/2023"
    assert sheet_name(long) == "Nguyên nhân chậm của các nhiệm…"
    assert sheet_name("Số liệu chung: Phường Nghĩa Lộ — đến 25/10/2023") == "Số liệu chung - Phường Nghĩa Lộ"
    assert sheet_name("a[b]c*d?e/f\\g:h") == "abcde-f-g -h"
    assert sheet_name("'History'") == "History (1)"
    table = Table(columns=(Column("A"),), rows=())
    sections = tuple(Section(f"k{i}", title, table=table) for i, title in enumerate(
        ["Nhiệm vụ trễ hạn (11)", "nhiệm vụ trễ hạn (11)", long, long, "[]:*?/\\", "", "x" * 40]))
    document = Document("briefing", "T", (), sections)
    names = sheet_names(document)
    assert names == sheet_names(document)  # deterministic
    assert len({n.casefold() for n in names}) == len(names)
    assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[1] == "nhiệm vụ trễ hạn (11) (2)" and names[3] == "Nguyên nhân chậm của các… (2)"
    assert names[4] == "k4" and names[5] == "k5"  # nothing readable in the title: the section's key
    assert list(sheets(render_xlsx(document))) == names


def test_footer_is_cut_to_what_excel_accepts():
    footer = workbook._footer_text("&" * 300, 200)
    assert len(footer) <= 200 and footer == "&&" * 100


# --- the real builders on the bundled sample -------------------------------------------------------------

def sample_context() -> meeting.Context:
    return meeting.Context(queries.View(SAMPLE_AS_OF), snapshot=SAMPLE_AS_OF, lang="vi",
                           compare=SAMPLE_AS_OF - dt.timedelta(days=7), sample=True)


@pytest.fixture
def period_xlsx(sample_store) -> bytes:
    with sample_store.connect() as con:
        document = meeting.build_period(con, sample_context(), dt.date(2023, 10, 1))
    return render_xlsx(document)


def test_period_report_figures(period_xlsx):
    book = sheets(period_xlsx)
    assert len(book) == 1
    rows = next(iter(book.values()))
    parts = Parts(period_xlsx)
    no_formulas(parts)

    assert rows[0][0] == "Báo cáo tình hình thực hiện nhiệm vụ từ ngày 01/10/2023 đến ngày 25/10/2023"
    found = texts(rows)
    assert "Số liệu tính đến ngày 25/10/2023" in found
    assert "Kỳ báo cáo: từ ngày 01/10/2023 đến ngày 25/10/2023" in found
    assert "Lưu ý: đây là DỮ LIỆU MẪU giả lập, không phải số liệu thật." in found
    assert "Bộ lọc: không (toàn bộ dữ liệu)" in found

    # The form's header: groups merged across their columns, the other labels down both rows.
    header, _ = find(rows, "STT")
    done = find(rows, "Đã hoàn thành trong kỳ")
    still_open = find(rows, "Chưa hoàn thành đến ngày 25/10/2023")
    assert done == (header, 5) and still_open == (header, 9)
    merges = parts.merges(0)
    assert f"{ref(header, 5)}:{ref(header, 8)}" in merges and f"{ref(header, 9)}:{ref(header, 11)}" in merges
    assert all(f"{ref(header, c)}:{ref(header + 1, c)}" in merges for c in range(5))
    assert rows[header + 1][5:] == ["Trước hạn", "Đúng hạn", "Trễ hạn", "Không thời hạn", "Trong hạn", "Quá hạn",
                                    "Không thời hạn"]
    assert f'<pane ySplit="{header + 2}"' in parts.sheet(0)
    assert f"!${header + 1}:${header + 2}</definedName>" in parts.files["xl/workbook.xml"]
    assert 'orientation="landscape"' in parts.sheet(0) and "&amp;P/&amp;N</oddFooter>" in parts.sheet(0)

    body = rows[header + 2:]
    total = next(r for r in body if r[1] == "Tổng cộng")
    government = next(r for r in body if r[:2] == ["I", "Chính quyền (sở, phòng, ban)"])
    assert total[2:] == [457, 147, 604, 106, 6, 86, 3, 172, 140, 91]
    assert government[2:] == [233, 71, 304, 61, 2, 44, 2, 84, 60, 51]
    assert all(isinstance(v, (int, float)) for v in total[2:])

    # Every unit adds up; every block's subtotal is the sum of its units; the blocks add up to the total.
    units = [r for r in body if isinstance(r[0], str) and r[0].isdigit()]
    assert len(units) > 20
    for row in units:
        carried, assigned, whole, *outcomes = row[2:]
        assert carried + assigned == whole == sum(outcomes), row
    blocks, current = [], None
    for row in body:
        if row[0] and not row[0].isdigit():
            current = [row, []]
            blocks.append(current)
        elif row[0]:
            current[1].append(row)
    assert blocks[0][0] == government
    for subtotal, members in blocks:
        assert subtotal[2:] == [sum(m[c] for m in members) for c in range(2, 12)], subtotal[1]
    assert [sum(b[0][c] for b in blocks) for c in range(2, 12)] == total[2:]

    # Subtotals and the total in bold, unit rows not; figures formatted as whole numbers.
    first = header + 2
    for offset, row in enumerate(body):
        if not row[1]:
            continue
        bold = parts.style(0, first + offset, 1)[1]
        assert bold == (not row[0].isdigit()), row[1]
    assert parts.style(0, first, 2) == ("#,##0", True)
    assert parts.style(0, first + 1, 2) == ("#,##0", False)


def test_briefing_sheets_dates_and_hidden_names(sample_store):
    ctx = sample_context()
    with sample_store.connect() as con:
        document = meeting.build_briefing(con, ctx, "Phường Nghĩa Lộ")
        hidden = meeting.build_briefing(con, ctx, "Phường Nghĩa Lộ", hide_names=True)
    data = render_xlsx(document)
    book = sheets(data)
    with_tables = [s for s in document.sections if s.table is not None]
    assert len(book) == len(with_tables) >= 3 and list(book) == sheet_names(document)
    for rows, section in zip(book.values(), with_tables, strict=True):
        assert rows[0][0] == document.title
        assert section.title in texts(rows)
        assert "Số liệu tính đến ngày 25/10/2023" in texts(rows)
    no_formulas(Parts(data))

    overdue = book[sheet_names(document)[[s.key for s in with_tables].index("overdue")]]
    header, _ = find(overdue, "Mã nhiệm vụ")
    tasks = [r for r in overdue[header + 1:] if r[0]]
    assert len(tasks) == 11
    due = overdue[header].index("Hạn (sau gia hạn)")
    assert all(type(r[due]) is dt.date for r in tasks)
    days = overdue[header].index("Số ngày trễ")
    assert all(isinstance(r[days], (int, float)) and r[days] > 0 for r in tasks)
    assert "Cán bộ phụ trách" in overdue[header]

    hidden_book = sheets(render_xlsx(hidden))
    assert hidden_book and all("Cán bộ phụ trách" not in texts(rows) for rows in hidden_book.values())
    assert any("Tên cán bộ phụ trách đã được ẩn." in texts(rows) for rows in hidden_book.values())


def test_deck_keeps_only_its_table_slide(sample_store):
    with sample_store.connect() as con:
        document = meeting.build_deck(con, sample_context())
    book = sheets(render_xlsx(document))
    assert list(book) == sheet_names(document) and len(book) == 1
    rows = next(iter(book.values()))
    header, _ = find(rows, "Số ngày trễ")
    assert len([r for r in rows[header + 1:] if r[0]]) == len(document.section("longest").table.rows)
