"""The PDF renderer, read back with pypdf: what is printed, in which font, on which page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata

import plotly.graph_objects as go
import pytest
from PIL import Image
from pypdf import PdfReader

from analytics.document import Column, Document, KeyFigure, Section, Table
from analytics.exports.pdf import CHART_PIXELS, CHART_SCALE, render_pdf

UNITS = ("Phường Nghĩa Lộ", "Đội Kiểm tra trật tự đô thị", "Phòng Tài nguyên và Môi trường", "Xã Tịnh Khê")
CONTEXT = (
    "Số liệu tính đến ngày 25/10/2023",
    "Ngày chốt dữ liệu: 25/10/2023",
    "So sánh với ngày 18/10/2023",
    "Bộ lọc: Khối: Xã, phường, thị trấn",
)
TITLE = "Tài liệu chuẩn bị đối thoại, chất vấn: Phường Nghĩa Lộ"
HOSTILE = '<b>xấu</b> & =HYPERLINK("x")'
LONG_ROWS = 150


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def long_table(rows: int = LONG_ROWS) -> Table:
    columns = (Column("STT", width=0.5), Column("Trích yếu", width=4), Column("Đơn vị chủ trì", width=2.5),
               Column("Số ngày trễ", "int"), Column("Tỷ lệ", "pct"), Column("Hạn", "date"))
    return Table(columns, tuple(
        (str(i), f"Nhiệm vụ số {i:03d}: rà soát hồ sơ", UNITS[i % len(UNITS)], i * 7, i / rows,
         dt.date(2023, 1, 1) + dt.timedelta(days=i))
        for i in range(1, rows + 1)
    ), note="Đã in đủ các nhiệm vụ trễ hạn.")


def grouped_table() -> Table:
    columns = (Column("STT", width=0.5), Column("Đơn vị chủ trì", width=3), Column("Tổng số", "int"),
               Column("Trước hạn", "int"), Column("Đúng hạn", "int"), Column("Trễ hạn", "int"),
               Column("Trong hạn", "int"), Column("Quá hạn", "int"))
    rows = (("I", "Xã, phường, thị trấn", 1600, 300, 200, 100, 700, 300),
            ("1", "Phường Nghĩa Lộ", 56, 10, 8, 4, 20, 14),
            ("", "Tổng cộng", 1600, 300, 200, 100, 700, 300))
    groups = (("", 1), ("", 1), ("", 1), ("Đã hoàn thành trong kỳ", 3), ("Chưa hoàn thành", 2))
    return Table(columns, rows, groups=groups, emphasis=frozenset({0, 2}))


def bar_chart() -> go.Figure:
    return go.Figure(go.Bar(x=[11, 7, 5, 2], y=list(UNITS), orientation="h"))


def make_document(kind: str = "briefing", lang: str = "vi", landscape: bool = False, **changes: object) -> Document:
    sections = (
        Section("overview", "Số liệu chung", headline="Có 11 nhiệm vụ trễ hạn",
                figures=(KeyFigure("Trễ hạn", "11", "tăng 2 so với 18/10/2023"), KeyFigure("Tỷ lệ đúng hạn", "59,6%"),
                         KeyFigure("Đối thoại", "3")),
                lines=("Chất vấn HĐND: 3 nhiệm vụ được hỏi tại kỳ họp.",)),
        Section("by_unit", "Trễ hạn theo đơn vị", chart=bar_chart(), empty="Không có biểu đồ."),
        Section("overdue", "Nhiệm vụ trễ hạn", table=long_table()),
        Section("period", "Báo cáo kỳ", table=grouped_table()),
        Section("none", "Cam kết", empty="Chưa có cam kết nào."),
    )
    document = Document(kind=kind, title=TITLE, context=CONTEXT, sections=sections, lang=lang, landscape=landscape,
                        footer="Đôn đốc · số liệu tính đến 25/10/2023")
    return dataclasses.replace(document, **changes)


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text, NFC, whitespace collapsed (table cells wrap wherever their column ends)."""
    return [" ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in reader(data).pages]


def page_images(page) -> list:
    xobjects = page["/Resources"].get("/XObject", {})
    return [obj.get_object() for obj in xobjects.values() if obj.get_object()["/Subtype"] == "/Image"]


def first_page_with(texts: list[str], needle: str) -> int:
    return next(index for index, text in enumerate(texts) if needle in text)


@pytest.fixture(scope="module")
def briefing_pdf() -> bytes:
    return render_pdf(make_document(), images=[PNG])


def test_text_holds_title_context_sections_and_vietnamese_names(briefing_pdf):
    assert briefing_pdf.startswith(b"%PDF")
    texts = page_texts(briefing_pdf)
    assert TITLE in texts[0]
    for line in CONTEXT:
        assert line in texts[0]
    everything = " ".join(texts)
    for title in ("Số liệu chung", "Trễ hạn theo đơn vị", "Nhiệm vụ trễ hạn", "Báo cáo kỳ", "Cam kết"):
        assert title in everything
    for name in ("Phường Nghĩa Lộ", "Đội Kiểm tra trật tự đô thị", "Chất vấn HĐND", "Có 11 nhiệm vụ trễ hạn",
                 "Tỷ lệ đúng hạn", "59,6%", "tăng 2 so với 18/10/2023", "Chưa có cam kết nào."):
        assert name in everything


def test_metadata_names_the_document(briefing_pdf):
    pdf = reader(briefing_pdf)
    assert pdf.metadata.title == TITLE
    assert pdf.metadata.author == "Đôn đốc" and pdf.metadata.creator == "Đôn đốc"
    assert pdf.trailer["/Root"]["/Lang"] == "vi"


def test_every_page_is_numbered_page_x_of_y(briefing_pdf):
    texts = page_texts(briefing_pdf)
    total = len(texts)
    assert total > 1
    assert f"Trang 1/{total}" in texts[0] and f"Trang {total}/{total}" in texts[-1]
    for number, text in enumerate(texts, start=1):
        assert f"Trang {number}/{total}" in text
        assert "Đôn đốc · số liệu tính đến 25/10/2023" in text

    english = page_texts(render_pdf(make_document(lang="en"), images=[PNG]))
    assert f"Page 1 of {len(english)}" in english[0] and f"Page {len(english)} of {len(english)}" in english[-1]


def test_long_table_runs_over_pages_with_its_header_on_each(briefing_pdf):
    texts = page_texts(briefing_pdf)
    with_rows = [text for text in texts if "Nhiệm vụ số" in text]
    assert len(with_rows) > 1
    for text in with_rows:
        assert "Trích yếu" in text and "Đơn vị chủ trì" in text and "Số ngày trễ" in text
    everything = " ".join(texts)
    for i in range(1, LONG_ROWS + 1):
        assert f"Nhiệm vụ số {i:03d}: rà soát hồ sơ" in everything
    assert everything.index("Nhiệm vụ số 150") < everything.index("Đã in đủ các nhiệm vụ trễ hạn.")


def test_fonts_are_embedded_noto_sans(briefing_pdf):
    names = set()
    for page in reader(briefing_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()  # the TrueType program itself is in the file
    assert names and all("NotoSans" in name for name in names)
    assert any("NotoSans-Bold" in name for name in names) and any("NotoSans-Regular" in name for name in names)


def test_text_that_looks_like_markup_prints_literally():
    overview = Section("overview", HOSTILE, lines=(HOSTILE, "a < b && c > d"), figures=(KeyFigure(HOSTILE, "1"),),
                       table=Table((Column("Trích yếu"),), ((HOSTILE,), ("=1+1",))))
    data = render_pdf(make_document(title=HOSTILE, sections=(overview,), footer=HOSTILE), images=[])
    text = " ".join(page_texts(data))
    assert text.count(HOSTILE) == 6  # title, heading, line, key figure, cell, footer
    assert "a < b && c > d" in text and "=1+1" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_decomposed_accents_print_composed():
    decomposed = unicodedata.normalize("NFD", "Phường Nghĩa Lộ")
    overview = Section("overview", "Đơn vị", lines=(decomposed + "\x00\x0b",))
    data = render_pdf(make_document(sections=(overview,)), images=[])
    raw = reader(data).pages[0].extract_text()  # not normalised here: the PDF itself holds the composed letters
    assert "Phường Nghĩa Lộ" in raw


def test_deck_gives_every_section_its_own_page():
    document = make_document(kind="deck", landscape=True, sections=tuple(
        s if s.key != "overdue" else dataclasses.replace(s, table=long_table(8)) for s in make_document().sections))
    data = render_pdf(document, images=[PNG])
    texts = page_texts(data)
    pdf = reader(data)
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height  # landscape A4
    assert len(texts) >= len(document.sections) + 1  # a title page, then one page per section
    assert TITLE in texts[0] and CONTEXT[0] in texts[0]
    pages = [first_page_with(texts, section.title) for section in document.sections]
    assert pages == sorted(set(pages)) and pages[0] == 1
    assert pages == list(range(1, len(document.sections) + 1))  # each fits its page
    assert f"Trang {len(texts)}/{len(texts)}" in texts[-1]


def test_numbers_and_dates_follow_the_language():
    table = Table((Column("Đơn vị"), Column("Số", "int"), Column("Tỷ lệ", "pct"), Column("Hạn", "date"),
                   Column("Ghi chú")),
                  (("Phường Nghĩa Lộ", 1600, 0.62, dt.date(2023, 10, 5), None),))
    sections = (Section("numbers", "Số liệu", table=table),)
    vietnamese = " ".join(page_texts(render_pdf(make_document(sections=sections), images=[])))
    assert "1.600" in vietnamese and "62,0%" in vietnamese and "05/10/2023" in vietnamese
    assert "None" not in vietnamese
    english = " ".join(page_texts(render_pdf(make_document(sections=sections, lang="en"), images=[])))
    assert "1,600" in english and "62.0%" in english and "05/10/2023" in english


def test_chart_image_is_on_its_sections_page(briefing_pdf):
    texts = page_texts(briefing_pdf)
    pages = reader(briefing_pdf).pages
    chart_page = first_page_with(texts, "Trễ hạn theo đơn vị")
    images = page_images(pages[chart_page])
    assert len(images) == 1 and (images[0]["/Width"], images[0]["/Height"]) == (160, 90)
    assert sum(len(page_images(page)) for page in pages) == 1
    assert "Không có biểu đồ." not in " ".join(texts)


def test_missing_chart_image_prints_the_empty_text():
    data = render_pdf(make_document(), images=[None])
    assert not any(page_images(page) for page in reader(data).pages)
    assert "Không có biểu đồ." in " ".join(page_texts(data))


def test_grouped_header_prints_groups_over_their_columns(briefing_pdf):
    texts = page_texts(briefing_pdf)
    text = texts[first_page_with(texts, "Báo cáo kỳ")]
    period = text[text.index("Báo cáo kỳ"):]
    for label in ("Đã hoàn thành trong kỳ", "Chưa hoàn thành", "Trước hạn", "Đúng hạn", "Trễ hạn", "Trong hạn",
                  "Quá hạn", "Tổng số", "Đơn vị chủ trì"):
        assert label in period
    # The group label is read before the labels of its columns, which sit on the second header row.
    assert period.index("Đã hoàn thành trong kỳ") < period.index("Trước hạn")
    assert period.index("Xã, phường, thị trấn") > period.index("Quá hạn")


def test_a_section_heading_never_ends_a_page_alone():
    """Push a table section and a chart section down the page line by line: wherever the heading lands, the
    table's first row (or the chart) is on the same page."""
    moved = set()
    for filler in range(20, 40):
        lines = tuple(f"Dòng {n}: nội dung giải trình của đơn vị." for n in range(filler))
        first = Section("filler", "Giải trình", lines=lines)
        for second in (Section("overdue", "Nhiệm vụ trễ hạn", table=long_table(30)),
                       Section("by_unit", "Trễ hạn theo đơn vị", chart=bar_chart())):
            data = render_pdf(make_document(sections=(first, second)), images=[PNG])
            texts = page_texts(data)
            page = first_page_with(texts, second.title)
            moved.add(page)
            if second.table is not None:
                assert "Nhiệm vụ số 001" in texts[page]
            else:
                assert page_images(reader(data).pages[page])
    assert moved == {0, 1}  # the filler did push the second section over the page break


def test_charts_are_drawn_with_chromium_when_no_images_are_given():
    document = make_document(landscape=True, sections=(Section("by_unit", "Trễ hạn theo đơn vị", chart=bar_chart()),))
    data = render_pdf(document)
    images = page_images(reader(data).pages[0])
    width, height = CHART_PIXELS[True]
    assert [(image["/Width"], image["/Height"]) for image in images] == [(width * CHART_SCALE, height * CHART_SCALE)]
