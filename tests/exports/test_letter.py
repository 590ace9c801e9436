"""The reminder letter (công văn đôn đốc) read back with python-docx: the Nghị định 30 layout (A4, margins,
Times New Roman, header with quốc hiệu and tiêu ngữ), the recipient, the wording for each reminder level,
the task table in order, file properties, user text kept literally, and a safe file name."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from analytics.exports.letter import Letterhead, LetterTask, letter_file_name, reminder_letter

AS_OF = dt.date(2023, 10, 25)
UNIT = "Ủy ban nhân dân phường Nghĩa Lộ"
QUANG_NGAI = Letterhead(superior="ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI", issuer="VĂN PHÒNG", place="Quảng Ngãi",
                        number_suffix="VP-TH", signer_title="KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG")
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


def task(task_id: str, days: int, level: int = 1, *, due: dt.date = dt.date(2023, 10, 5), extended: bool = False,
         title: str | None = "Báo cáo tình hình", source: str | None = "123/UBND-VP",
         last: dt.date | None = None) -> LetterTask:
    return LetterTask(task_id, title, source, due, extended, days, level, last)


TASKS = [
    task("NV-003", 20, 1, due=dt.date(2023, 10, 5), extended=True, title="Rà soát hộ nghèo năm 2023"),
    task("NV-001", 54, 2, due=dt.date(2023, 9, 1), title="Hoàn thiện hồ sơ đất đai", source="45/QĐ-UBND"),
    task("NV-010", 20, 1, due=dt.date(2023, 10, 5), title=None, source=None),
]


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def letter(tasks=TASKS, unit: str = UNIT, letterhead: Letterhead = QUANG_NGAI) -> Document:
    return read(reminder_letter(unit, tasks, AS_OF, letterhead))


def body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def cell_paragraphs(cell) -> dict[str, object]:
    """The cell's non-empty paragraphs by text."""
    return {p.text: p for p in cell.paragraphs if p.text}


def runs_of(paragraph) -> list:
    return [run for run in paragraph.runs if run.text.strip()]


def is_bold(paragraph) -> bool:
    return all(run.bold for run in runs_of(paragraph))


def sizes(paragraph) -> set[float]:
    return {run.font.size.pt for run in runs_of(paragraph)}


@pytest.fixture(scope="module")
def document():
    return letter()


# --- layout of the page ---------------------------------------------------------------------------------

def test_page_is_a4_with_the_decree_margins(document):
    section = document.sections[0]
    tolerance = Mm(0.1)
    for actual, expected in [(section.page_width, Mm(210)), (section.page_height, Mm(297)),
                             (section.top_margin, Mm(20)), (section.bottom_margin, Mm(20)),
                             (section.left_margin, Mm(30)), (section.right_margin, Mm(15))]:
        assert abs(actual - expected) < tolerance


def test_everything_is_times_new_roman(document):
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(script)) for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    assert not any("Theme" in name or "theme" in name for name in fonts.attrib)  # no Calibri from the theme
    xml = document.element.xml
    assert "w:rFonts" not in xml  # no run names another font


def test_body_text_is_13_to_14_pt_and_table_text_11_to_12_pt(document):
    for paragraph in document.paragraphs:
        assert sizes(paragraph) <= {13.0, 14.0}
    for row in document.tables[1].rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                assert sizes(paragraph) <= {11.0, 12.0}


# --- header ---------------------------------------------------------------------------------------------

def test_header_has_issuer_quoc_hieu_and_tieu_ngu(document):
    header = document.tables[0]
    (body, nation), (number, date_line) = (row.cells for row in header.rows)
    left = cell_paragraphs(body)
    assert list(left) == ["ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI", "VĂN PHÒNG"]
    assert not is_bold(left["ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI"])
    assert is_bold(left["VĂN PHÒNG"])
    right = cell_paragraphs(nation)
    assert list(right) == [QUOC_HIEU, TIEU_NGU]
    assert is_bold(right[QUOC_HIEU]) and sizes(right[QUOC_HIEU]) <= {12.0, 13.0}
    assert is_bold(right[TIEU_NGU]) and sizes(right[TIEU_NGU]) <= {13.0, 14.0}
    numbers = list(cell_paragraphs(number))
    assert re.fullmatch(r"Số: {3,}/VP-TH", numbers[0])  # the number itself is left blank
    assert numbers[1] == "V/v đôn đốc thực hiện nhiệm vụ quá hạn"
    (date_paragraph,) = cell_paragraphs(date_line).values()
    assert re.fullmatch(r"Quảng Ngãi, ngày +tháng +năm 2023", date_paragraph.text)
    assert all(run.italic for run in runs_of(date_paragraph))


def test_rules_under_the_issuer_and_the_tieu_ngu(document):
    """A short bottom-bordered paragraph under each, centred by equal indents."""
    for cell in document.tables[0].rows[0].cells:
        bordered = [p for p in cell.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None]
        assert len(bordered) == 1 and not bordered[0].text
        format_ = bordered[0].paragraph_format
        assert format_.left_indent == format_.right_indent > 0


def test_header_table_has_no_borders(document):
    for table in (document.tables[0], document.tables[2]):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    assert document.tables[1].style.name == "Table Grid"


def test_default_letterhead_and_blank_place():
    document = letter(letterhead=Letterhead())
    (body, _), (number, date_line) = (row.cells for row in document.tables[0].rows)
    assert list(cell_paragraphs(body)) == ["ỦY BAN NHÂN DÂN", "VĂN PHÒNG"]
    assert re.fullmatch(r"Số: +/VP", number.paragraphs[0].text)
    assert re.fullmatch(r"……, ngày +tháng +năm 2023", date_line.text)


# --- body -----------------------------------------------------------------------------------------------

def test_recipient_and_as_of_date(document):
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == f"Kính gửi: {UNIT}"
    assert (f"Theo số liệu theo dõi tính đến ngày 25/10/2023, {UNIT} còn 3 nhiệm vụ quá hạn chưa hoàn thành"
            in texts[1])
    assert "trước ngày …" in body_text(document)
    assert texts[-1] == f"Văn phòng đề nghị {UNIT} khẩn trương thực hiện./."


def test_body_paragraphs_are_justified_with_a_first_line_indent(document):
    body = [p for p in document.paragraphs if p.text.startswith(("Theo số liệu", "Để bảo đảm", "Văn phòng"))]
    assert len(body) == 3
    for paragraph in body:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert paragraph.paragraph_format.first_line_indent > 0


def test_level_1_is_a_first_reminder():
    text = body_text(letter([task("A", 3, 1)]))
    assert "đôn đốc (lần 1)" in text
    assert "đã được đôn đốc" not in text and "báo cáo Chủ tịch" not in text


def test_level_2_mentions_the_first_reminder():
    text = body_text(letter([task("A", 30, 2, last=dt.date(2023, 10, 12)), task("B", 9, 2)]))
    assert "Các nhiệm vụ nêu trên đã được đôn đốc lần 1 nhưng đến nay chưa hoàn thành" in text
    assert "12/10/2023" in text
    assert "đôn đốc (lần 2)" in text
    assert "báo cáo Chủ tịch" not in text


def test_level_2_among_first_reminders_counts_them(document):
    assert "Trong đó, 1 nhiệm vụ đã được đôn đốc lần 1 nhưng đến nay chưa hoàn thành" in body_text(document)


def test_level_3_will_be_reported_to_the_chairman():
    text = body_text(letter([task("A", 90, 3), task("B", 10, 1)]))
    assert "đã được đôn đốc lần 1 và lần 2 nhưng đến nay vẫn chưa hoàn thành" in text
    assert "đôn đốc (lần 3)" in text
    assert "báo cáo Chủ tịch Ủy ban nhân dân thành phố Quảng Ngãi xem xét, xử lý trách nhiệm" in text


def test_issuer_is_written_in_sentence_case_in_the_text():
    letterhead = Letterhead(superior="ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", issuer="VĂN PHÒNG UBND TỈNH QUẢNG NGÃI")
    document = letter([task("A", 40, 3)], letterhead=letterhead)
    assert document.paragraphs[-1].text == f"Văn phòng UBND tỉnh Quảng Ngãi đề nghị {UNIT} khẩn trương thực hiện./."
    assert "báo cáo Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi" in body_text(document)


# --- task table -----------------------------------------------------------------------------------------

def table_rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[1].rows]


def test_table_has_a_header_and_one_row_per_task_in_order(document):
    rows = table_rows(document)
    assert rows[0] == ["TT", "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Văn bản giao", "Hạn xử lý", "Số ngày quá hạn",
                       "Lần đôn đốc"]
    assert len(rows) == len(TASKS) + 1
    # most days overdue first; ties by task id
    assert [row[:2] for row in rows[1:]] == [["1", "NV-001"], ["2", "NV-003"], ["3", "NV-010"]]
    assert rows[1][2:] == ["Hoàn thiện hồ sơ đất đai", "45/QĐ-UBND", "01/09/2023", "54", "2"]
    assert rows[2][2:] == ["Rà soát hộ nghèo năm 2023", "123/UBND-VP", "05/10/2023\n(đã gia hạn)", "20", "1"]
    assert rows[3][2:] == ["", "", "05/10/2023", "20", "1"]  # missing title and document stay empty


def test_table_header_repeats_and_title_column_is_widest(document):
    table = document.tables[1]
    header, first = table.rows[0]._tr.trPr, table.rows[1]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert first.find(qn("w:tblHeader")) is None
    widths = [column.width for column in table.columns]
    assert max(widths) == widths[2]
    assert abs(sum(widths) - Mm(165)) < Mm(0.5)  # exactly the text width
    assert all(run.bold for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs)


# --- signature block ------------------------------------------------------------------------------------

def test_recipients_and_signer(document):
    recipients, signer = document.tables[2].rows[0].cells
    lines = cell_paragraphs(recipients)
    assert list(lines) == ["Nơi nhận:", "- Như trên;", "- Lãnh đạo Văn phòng;", "- Lưu: VT."]
    heading = lines["Nơi nhận:"]
    assert is_bold(heading) and all(run.italic for run in heading.runs) and sizes(heading) == {12.0}
    assert sizes(lines["- Như trên;"]) == {11.0}
    titles = list(cell_paragraphs(signer))
    assert titles[:2] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert all(is_bold(cell_paragraphs(signer)[title]) for title in titles[:2])
    assert len([p for p in signer.paragraphs if not p.text]) >= 3  # room to sign


# --- file -----------------------------------------------------------------------------------------------

def test_the_letter_is_well_formed():
    assert_sane_xml(reminder_letter(UNIT, TASKS, AS_OF, QUANG_NGAI))


def test_core_properties(document):
    core = document.core_properties
    assert core.title == f"Đôn đốc thực hiện nhiệm vụ quá hạn - {UNIT}"
    assert core.author == "Văn phòng" and core.last_modified_by == "Văn phòng"
    assert core.created.replace(tzinfo=None) == dt.datetime(2023, 10, 25, 12, 0)
    assert "python-docx" not in (core.comments + core.author + core.last_modified_by)


def test_user_text_is_kept_literally_and_control_characters_removed():
    hostile = [task("NV\x00-1", 5, title="=1+1 <b>x</b>\x07 & \x1fđúng", source="\x0b12/\x0cKH"),
               task("NV-2", 4, title="<w:p>", source='"; DROP')]
    data = reminder_letter("Phường\x00 <Nghĩa> & Lộ\x1b", hostile, AS_OF)
    document = read(data)
    rows = table_rows(document)
    assert rows[1][1:4] == ["NV-1", "=1+1 <b>x</b> & đúng", "12/KH"]
    assert rows[2][1:4] == ["NV-2", "<w:p>", '"; DROP']
    assert document.paragraphs[0].text == "Kính gửi: Phường <Nghĩa> & Lộ"
    assert document.core_properties.title.endswith("Phường <Nghĩa> & Lộ")
    assert_sane_xml(data)


def assert_sane_xml(data: bytes) -> None:
    """Every XML part parses with a strict parser and holds no character XML forbids."""
    illegal = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                text = archive.read(name).decode("utf-8")
                assert not illegal.search(text), name
                ET.fromstring(text.encode("utf-8"))


def test_no_tasks_is_an_error():
    with pytest.raises(ValueError):
        reminder_letter(UNIT, [], AS_OF)


# --- file name ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("unit", "expected"), [
    ("Phường Nghĩa Lộ", "don-doc_phuong-nghia-lo_2023-10-25.docx"),
    ("UBND xã Tịnh Khê", "don-doc_ubnd-xa-tinh-khe_2023-10-25.docx"),
    ("Đ/c ???", "don-doc_d-c_2023-10-25.docx"),
    ("", "don-doc_don-vi_2023-10-25.docx"),
    ("???", "don-doc_don-vi_2023-10-25.docx"),
    ("Phòng\x00 Tài chính – Kế hoạch", "don-doc_phong-tai-chinh-ke-hoach_2023-10-25.docx"),
])
def test_letter_file_name(unit: str, expected: str):
    assert letter_file_name(unit, AS_OF) == expected


def test_letter_file_name_of_a_long_name_is_short_and_safe():
    unit = "Ủy ban nhân dân xã Nghĩa Hà " * 8
    assert len(unit) >= 200
    name = letter_file_name(unit, AS_OF)
    unit_part = name.removeprefix("don-doc_").removesuffix("_2023-10-25.docx")
    assert 0 < len(unit_part) <= 60
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", unit_part)
    assert name.isascii()
