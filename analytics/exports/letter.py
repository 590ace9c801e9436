"""A draft reminder letter (công văn đôn đốc) to one unit, as a Word file the office edits, signs and sends.

The office's staff, not this program, issue the letter: it is a *draft* in the layout of Nghị định
30/2020/NĐ-CP (Times New Roman, A4, margins 20/20/30/15 mm, the two-column header with the quốc hiệu and
tiêu ngữ, "Kính gửi", the body, "Nơi nhận" and the signature block), so that only the number, the day, the
reply deadline and the signer's name are left to fill in. The overdue tasks go in a real Word table so they
can be edited; its header row repeats on every page. The wording escalates with the highest reminder level
among the unit's tasks (first reminder, second reminder, then a report to the leadership).

The letter is always in Vietnamese: it is an official document to a Vietnamese unit, whatever language
the dashboard is shown in. Unit names, titles and document numbers are user data: they are written as
plain text (python-docx escapes XML) after removing the control characters that XML cannot hold at all.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from analytics.text import fold, squash


@dataclass(frozen=True)
class Letterhead:
    superior: str = "ỦY BAN NHÂN DÂN"  # cơ quan chủ quản, upper line
    issuer: str = "VĂN PHÒNG"  # the issuing body (cơ quan ban hành)
    place: str = ""  # địa danh for the date line; "" -> "……"
    number_suffix: str = "VP"  # "Số:      /{number_suffix}"
    signer_title: str = "CHÁNH VĂN PHÒNG"


@dataclass(frozen=True)
class LetterTask:
    task_id: str
    title: str | None
    source_doc: str | None
    due: dt.date  # the effective deadline (extension if any)
    extended: bool  # the deadline was extended
    days_overdue: int
    level: int  # 1 first reminder, 2 second, 3 escalated
    last_reminder: dt.date | None = None


FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
BLANK = "……"  # what the signer fills in by hand
DEADLINE_BLANK = "……/……/……"
NUMBER_GAP = " " * 8  # room for the number, written in when the letter is registered

# A4 and the margins of Nghị định 30/2020/NĐ-CP; the text width is what the tables are laid out in.
PAGE_W, PAGE_H = 210, 297
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_W = PAGE_W - MARGINS["left"] - MARGINS["right"]
HEADER_COLS = (65, TEXT_W - 65)  # the quốc hiệu (12 pt bold, ~89 mm) must fit on one line on the right
SIGNATURE_COLS = (80, TEXT_W - 80)
CELL_PAD = 1.9  # Word's default left/right cell margin, mm
TASK_COLUMNS = (  # header, width in mm, alignment of the values
    ("TT", 9, WD_ALIGN_PARAGRAPH.CENTER),
    ("Mã nhiệm vụ", 22, WD_ALIGN_PARAGRAPH.LEFT),
    ("Nội dung nhiệm vụ", 56, WD_ALIGN_PARAGRAPH.LEFT),
    ("Văn bản giao", 28, WD_ALIGN_PARAGRAPH.LEFT),
    ("Hạn xử lý", 22, WD_ALIGN_PARAGRAPH.CENTER),
    ("Số ngày quá hạn", 14, WD_ALIGN_PARAGRAPH.CENTER),
    ("Lần đôn đốc", 14, WD_ALIGN_PARAGRAPH.CENTER),
)
TASK_CELL_PAD = 1.0  # narrower than Word's default so "Số ngày quá hạn" breaks between words only

# Characters XML 1.0 cannot contain at all (tab, line feed and carriage return are allowed).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# After one of these words the rest of an upper-case name is a place name: "... TỈNH QUẢNG NGÃI".
_PLACE_LEVELS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "thành phố", "thị trấn", "đặc khu"})
# pPr children that must come after w:pBdr (the schema fixes the order; Word rejects files that break it).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


# --- public ---------------------------------------------------------------------------------------------

def reminder_letter(unit: str, tasks: Sequence[LetterTask], as_of: dt.date,
                    letterhead: Letterhead = Letterhead()) -> bytes:
    """The draft letter to `unit` about its overdue `tasks`, figures as of `as_of`, as .docx bytes."""
    if not tasks:
        raise ValueError("a reminder letter needs at least one overdue task")
    unit = _text(unit) or BLANK
    ordered = sorted(tasks, key=lambda task: (-task.days_overdue, _text(task.task_id)))
    document = _new_document()
    _header(document, letterhead, as_of)
    _paragraph(document, f"Kính gửi: {unit}", align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=12)
    for text in _body(unit, ordered, as_of, letterhead):
        _body_paragraph(document, text)
    _task_table(document, ordered)
    _body_paragraph(document, f"{_prose_name(_text(letterhead.issuer))} đề nghị {unit} khẩn trương thực hiện./.")
    _signature(document, letterhead)
    _properties(document, unit, as_of, letterhead)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_file_name(unit: str, as_of: dt.date) -> str:
    """A safe ASCII file name: "Phường Nghĩa Lộ" -> "don-doc_phuong-nghia-lo_2023-10-25.docx"."""
    slug = _NON_ALNUM.sub("-", fold(_text(unit))).strip("-")  # fold() may leave non-Latin letters
    slug = slug[:60].rstrip("-") or "don-vi"
    return f"don-doc_{slug}_{as_of.isoformat()}.docx"


# --- text -----------------------------------------------------------------------------------------------

def _text(value: object) -> str:
    """User data as one line of text that any XML file can hold."""
    if value is None:
        return ""
    return squash(_ILLEGAL_XML.sub("", str(value)))


def _lines(value: str) -> list[str]:
    """A letterhead field that may be split over lines on purpose ("KT. CHÁNH VĂN PHÒNG\\nPHÓ ...")."""
    return [line for line in map(_text, _ILLEGAL_XML.sub("", value).splitlines()) if line]


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _is_acronym(word: str) -> bool:
    """"UBND", "HĐND", "TP" stay in capitals inside a sentence; ordinary words have a vowel."""
    bare = fold(word)
    return bare == "ubnd" or (bare.isalpha() and not set(bare) & set("aeiouy"))


def _prose_name(name: str) -> str:
    """An upper-case letterhead name as written in a sentence: "VĂN PHÒNG UBND TỈNH QUẢNG NGÃI" ->
    "Văn phòng UBND tỉnh Quảng Ngãi". A name typed in mixed case is taken as it is."""
    if name != name.upper():
        return name
    words = name.lower().split()
    result, in_place_name = [], False
    for i, word in enumerate(words):
        if _is_acronym(word):
            result.append(word.upper())
        elif i == 0 or in_place_name:
            result.append(word.capitalize())
        else:
            result.append(word)
        in_place_name = in_place_name or word in _PLACE_LEVELS or " ".join(words[i - 1:i + 1]) in _PLACE_LEVELS
    return " ".join(result)


def _leadership(superior: str) -> str:
    """Whom an unresolved matter is reported to: the chairman of a people's committee, else its leaders."""
    name = _prose_name(" ".join(_lines(superior)))
    if not name:
        return "lãnh đạo cấp trên"
    if fold(name).startswith(("uy ban nhan dan", "ubnd")):
        return f"Chủ tịch {name}"
    return f"lãnh đạo {name}"


def _body(unit: str, tasks: Sequence[LetterTask], as_of: dt.date, letterhead: Letterhead) -> list[str]:
    """The paragraphs before the table; the tone follows the highest reminder level among the tasks."""
    issuer = _prose_name(_text(letterhead.issuer))
    level = max(_level(task) for task in tasks)
    paragraphs = [f"Theo số liệu theo dõi tính đến ngày {_date(as_of)}, {unit} còn {len(tasks)} nhiệm vụ quá hạn "
                  "chưa hoàn thành (chi tiết tại bảng dưới đây)."]
    if level >= 2:
        paragraphs.append(_history(tasks, level))
    paragraphs.append(f"Để bảo đảm tiến độ theo yêu cầu, {issuer} đôn đốc (lần {level}) {unit} tập trung chỉ đạo, "
                      "khẩn trương hoàn thành các nhiệm vụ nêu trên và báo cáo kết quả thực hiện bằng văn bản "
                      f"về {issuer} trước ngày {DEADLINE_BLANK}.")
    if level == 3:
        paragraphs.append(f"Quá thời hạn trên, nếu {unit} chưa hoàn thành, {issuer} sẽ tổng hợp, báo cáo "
                          f"{_leadership(letterhead.superior)} xem xét, xử lý trách nhiệm theo quy định.")
    return paragraphs


def _level(task: LetterTask) -> int:
    """The reminder level the wording knows about: 1, 2 or 3."""
    return min(max(task.level, 1), 3)


def _history(tasks: Sequence[LetterTask], level: int) -> str:
    """What the earlier reminders were: "... đã được đôn đốc lần 1 nhưng đến nay chưa hoàn thành"."""
    repeated = [task for task in tasks if _level(task) == level]
    if len(repeated) == len(tasks):
        subject = "Các nhiệm vụ nêu trên" if len(tasks) > 1 else "Nhiệm vụ nêu trên"
    else:
        subject = f"Trong đó, {len(repeated)} nhiệm vụ"
    earlier = "lần 1" if level == 2 else "lần 1 và lần 2"
    still = "chưa" if level == 2 else "vẫn chưa"
    sentence = f"{subject} đã được đôn đốc {earlier} nhưng đến nay {still} hoàn thành"
    last = max((task.last_reminder for task in repeated if task.last_reminder), default=None)
    return f"{sentence} (lần đôn đốc gần nhất ngày {_date(last)})." if last else f"{sentence}."


# --- document -------------------------------------------------------------------------------------------

def _new_document() -> Document:
    """An empty A4 document whose every paragraph defaults to Times New Roman 14 pt, single-spaced, Vietnamese."""
    document = docx.Document()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run_defaults.find(qn("w:rFonts"))
    for name in list(fonts.attrib):  # theme fonts (Calibri) would win over the named font
        del fonts.attrib[name]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    _page_numbers(section)
    return document


def _page_numbers(section) -> None:
    """Page numbers centred at the top from the second page on, as the decree asks (a long table runs over)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")  # a cached result; Word and LibreOffice replace it with the real page number
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _paragraph(container, text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
               align=WD_ALIGN_PARAGRAPH.CENTER, before: float = 0, after: float = 0) -> Paragraph:
    """A one-run paragraph; in a fresh table cell the cell's own empty paragraph is used first."""
    first = container.paragraphs[0] if isinstance(container, _Cell) else None
    if first is not None and not first.text and len(container.paragraphs) == 1 and not first.runs:
        paragraph = first
    else:
        paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return paragraph


def _body_paragraph(document, text: str) -> Paragraph:
    paragraph = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
    paragraph.paragraph_format.first_line_indent = Mm(12.7)
    paragraph.paragraph_format.line_spacing = 1.15
    return paragraph


def _rule(cell: _Cell, length_mm: float, column_mm: float) -> None:
    """A short centred line under a heading: an empty, very low paragraph with a bottom border, its length set
    by equal indents (Word and LibreOffice both draw this; a drawn shape would float away when edited)."""
    paragraph = _paragraph(cell)
    side = max((column_mm - 2 * CELL_PAD - length_mm) / 2, 0)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "auto"}.items():
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(2)


def _layout_table(document, rows: int, widths_mm: Sequence[float], *, borders: bool, pad_mm: float = CELL_PAD
                  ) -> Table:
    """A table with fixed column widths (so Word and LibreOffice agree), with or without grid lines."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.style = document.styles["Table Grid"] if borders else None
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    properties = table._tbl.tblPr
    if not borders:  # explicit "no border" rather than relying on the default table style
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            line = OxmlElement(f"w:{edge}")
            line.set(qn("w:val"), "nil")
            edges.append(line)
        properties.insert_element_before(edges, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                         "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    if pad_mm != CELL_PAD:
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            side = OxmlElement(f"w:{edge}")
            side.set(qn("w:w"), str(round(pad_mm * 1440 / 25.4)))
            side.set(qn("w:type"), "dxa")
            margins.append(side)
        properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    return table


def _header(document, letterhead: Letterhead, as_of: dt.date) -> None:
    """Issuing body, number and subject on the left; quốc hiệu, tiêu ngữ and the date line on the right.
    Two rows so the number and the date line sit on the same level."""
    table = _layout_table(document, 2, HEADER_COLS, borders=False)
    (body, nation), (number, date_line) = (row.cells for row in table.rows)

    for line in _lines(letterhead.superior.upper()):
        _paragraph(body, line, size=13)
    issuer_lines = _lines(letterhead.issuer.upper())
    for line in issuer_lines:
        _paragraph(body, line, size=13, bold=True)
    # the rule under the issuer is a third to a half of its name (upper-case bold ~0.62 em a letter)
    longest = max((len(line) for line in issuer_lines), default=10)
    _rule(body, min(max(0.45 * longest * 0.62 * 13 * 25.4 / 72, 10), 40), HEADER_COLS[0])

    _paragraph(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _paragraph(nation, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(nation, 60, HEADER_COLS[1])  # as long as the tiêu ngữ at 14 pt bold

    _paragraph(number, f"Số:{NUMBER_GAP}/{_text(letterhead.number_suffix)}", size=13, before=6)
    _paragraph(number, "V/v đôn đốc thực hiện nhiệm vụ quá hạn", size=12)
    place = _text(letterhead.place) or BLANK
    _paragraph(date_line, f"{place}, ngày     tháng     năm {as_of.year}", italic=True, before=6)


def _task_table(document, tasks: Sequence[LetterTask]) -> None:
    """One row per task under a header row that Word repeats on every page."""
    table = _layout_table(document, len(tasks) + 1, [width for _, width, _ in TASK_COLUMNS], borders=True,
                          pad_mm=TASK_CELL_PAD)
    header = table.rows[0]
    _row_flags(header, "w:cantSplit", "w:tblHeader")
    for cell, (label, _, _) in zip(header.cells, TASK_COLUMNS, strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _paragraph(cell, label, size=TABLE_PT, bold=True, before=2, after=2)
    for number, (row, task) in enumerate(zip(table.rows[1:], tasks, strict=True), start=1):
        _row_flags(row, "w:cantSplit")
        values = (str(number), _text(task.task_id), _text(task.title), _text(task.source_doc), _date(task.due),
                  str(task.days_overdue), str(task.level))
        for cell, value, (_, _, align) in zip(row.cells, values, TASK_COLUMNS, strict=True):
            _paragraph(cell, value, size=TABLE_PT, align=align, before=2, after=2)
        if task.extended:
            _paragraph(row.cells[4], "(đã gia hạn)", size=TABLE_PT - 1, italic=True, after=2)


def _row_flags(row, *flags: str) -> None:
    """Row properties such as "repeat as header row" (w:tblHeader); cantSplit comes first in the schema."""
    properties = row._tr.get_or_add_trPr()
    for flag in flags:
        properties.append(OxmlElement(flag))


def _signature(document, letterhead: Letterhead) -> None:
    """"Nơi nhận" on the left; the signer's title and room for the signature and name on the right."""
    table = _layout_table(document, 1, SIGNATURE_COLS, borders=False)
    recipients, signer = table.rows[0].cells
    _paragraph(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
    leaders = _prose_name(_text(letterhead.issuer))
    for line in ("- Như trên;", f"- Lãnh đạo {leaders};", "- Lưu: VT."):
        _paragraph(recipients, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, line in enumerate(_lines(letterhead.signer_title.upper())):
        _paragraph(signer, line, bold=True, before=12 if i == 0 else 0)
    for _ in range(4):  # room for the signature and the seal
        _paragraph(signer)
    _paragraph(signer, "(Ký, ghi rõ họ tên)", size=13, italic=True)


def _properties(document, unit: str, as_of: dt.date, letterhead: Letterhead) -> None:
    """File properties that say what the letter is, with nothing about this machine or python-docx."""
    issuer = _prose_name(_text(letterhead.issuer))
    noon = dt.datetime.combine(as_of, dt.time(12, 0))
    core = document.core_properties
    core.title = f"Đôn đốc thực hiện nhiệm vụ quá hạn - {unit}"[:255]  # Word's limit for a property
    core.subject = "Công văn đôn đốc thực hiện nhiệm vụ quá hạn"
    core.author = core.last_modified_by = issuer
    core.comments = core.keywords = core.category = ""
    core.language = "vi-VN"
    core.created = core.modified = noon
    core.revision = 1
