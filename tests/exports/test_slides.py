"""The PPTX deck, read back with python-pptx: one editable slide per section, large type, real tables,
formatted numbers, the dates and filters on the first slide, user text shown literally."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time

import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Pt

from analytics.document import Column, Document, KeyFigure, Section, Table
from analytics.exports.slides import CHART_PX, render_pptx
from analytics.images import browser_available, figures_to_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SLIDE_W, SLIDE_H = 12192000, 6858000
CONTEXT_VI = (
    "Số liệu tính đến ngày 25/10/2023",
    "Ngày chốt dữ liệu: 25/10/2023",
    "So sánh với ngày 18/10/2023",
    "Bộ lọc: Khối: Xã, phường, thị trấn",
)
CONTEXT_EN = ("Figures as of 25/10/2023", "Data snapshot date: 25/10/2023", "Compared with 18/10/2023",
              "Filters: Block: Wards and communes")
WARDS = ["Phường Nghĩa Lộ", "Xã Nghĩa Phúc", "Phường Pú Trạng", "Xã Nghĩa An", "Phường Trung Tâm"]
CAUSES = ["Chờ ý kiến sở", "Thiếu kinh phí", "Vướng mặt bằng", None, "Đang hoàn thiện hồ sơ"]


def _bars(names: list[str], values: list[int]) -> go.Figure:
    fig = go.Figure(go.Bar(x=values, y=names, orientation="h", text=values, textposition="outside"))
    fig.update_layout(paper_bgcolor="white", plot_bgcolor="white", font={"size": 20, "color": "#111111"})
    return fig


def _png_size(blob: bytes) -> tuple[int, int]:
    assert blob.startswith(PNG_SIGNATURE)
    return struct.unpack(">II", blob[16:24])


@pytest.fixture(scope="module")
def png() -> bytes:
    """One small real chart image for the whole module (Chromium when there is one, else Pillow)."""
    if browser_available():
        return figures_to_png([_bars(WARDS[:3], [12, 9, 4])], 440, 190)[0]
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (440, 190), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _table(lang: str, rows: int = 10, long_titles: bool = False) -> Table:
    labels = {"vi": ("Đơn vị", "Trích yếu", "Số ngày trễ hạn", "Tỷ lệ đúng hạn", "Hạn xử lý", "Nguyên nhân"),
              "en": ("Unit", "Subject", "Days overdue", "On-time rate", "Due date", "Cause")}[lang]
    title = "Báo cáo kết quả thực hiện" + (" nhiệm vụ được giao tại văn bản của Ủy ban nhân dân tỉnh" * 2
                                             if long_titles else "")
    body = []
    for i in range(rows):
        body.append((WARDS[i % len(WARDS)], f"{title} số {i + 1}", 1600 - 37 * i if i else 1600,
                     0.62 if i == 0 else None if i == 1 else 0.5 + i / 100,
                     dt.date(2019, 1, 5) + dt.timedelta(days=i), CAUSES[i % len(CAUSES)]))
    columns = (Column(labels[0], width=2.2), Column(labels[1], width=4.5), Column(labels[2], "int", 1.0),
               Column(labels[3], "pct", 1.0), Column(labels[4], "date", 1.5), Column(labels[5], width=2.8))
    return Table(columns=columns, rows=tuple(body), emphasis=frozenset({2}))


def make_document(lang: str = "vi", **changes: object) -> Document:
    if lang == "en":
        sections = (
            Section("headline", "Where tasks stand — as of 25/10/2023", headline="140 overdue tasks as of 25/10/2023",
                    lines=("Up 12 since 18/10/2023 (128)",),
                    figures=(KeyFigure("Tasks", "1,600"), KeyFigure("On-time rate", "62.0%", "Done on time: 80.0%"),
                             KeyFigure("Due within 7 days", "35"), KeyFigure("No deadline", "12"))),
            Section("by_block", "Overdue tasks by block — as of 25/10/2023",
                    chart=_bars(["Communes", "Party"], [90, 50])),
            Section("communes", "The 10 wards and communes with most overdue tasks — as of 25/10/2023",
                    lines=("Showing 10 of 25 units with overdue tasks.",), chart=_bars(WARDS, [30, 25, 20, 15, 10])),
            Section("longest", "The 10 longest-overdue tasks and their causes — as of 25/10/2023", table=_table("en")),
            Section("commend", "Commendation: units with the best on-time rate — as of 25/10/2023",
                    lines=("Units with at least 10 tasks that came due.",),
                    empty="No unit has 10 tasks that came due yet."),
        )
        document = Document("deck", "Leadership meeting: 140 overdue tasks", CONTEXT_EN, sections, lang="en",
                            landscape=True, footer="Đôn đốc · figures as of 25/10/2023 · data snapshot 25/10/2023")
    else:
        sections = (
            Section("headline", "Tình hình thực hiện nhiệm vụ — đến 25/10/2023",
                    headline="140 nhiệm vụ trễ hạn tính đến 25/10/2023",
                    lines=("Tăng 12 so với ngày 18/10/2023 (128)",),
                    figures=(KeyFigure("Tổng số nhiệm vụ", "1.600"),
                             KeyFigure("Tỷ lệ đúng hạn", "62,0%", "Hoàn thành đúng hạn: 80,0%"),
                             KeyFigure("Sắp đến hạn trong 7 ngày", "35"), KeyFigure("Chưa có hạn xử lý", "12"))),
            Section("by_block", "Nhiệm vụ trễ hạn theo khối — đến 25/10/2023",
                    chart=_bars(["Xã, phường, thị trấn", "Khối Đảng"], [90, 50])),
            Section("communes", "10 xã, phường trễ hạn nhiều nhất — đến 25/10/2023",
                    lines=("Hiển thị 10 trên 25 đơn vị có nhiệm vụ trễ hạn.",),
                    chart=_bars(WARDS, [30, 25, 20, 15, 10])),
            Section("trend", "Diễn biến số nhiệm vụ trễ hạn từ 18/10/2023 đến 25/10/2023",
                    lines=("Tăng 12 so với ngày 18/10/2023 (128)",),
                    chart=go.Figure(go.Scatter(x=[f"{d}/10" for d in range(18, 26)],
                                               y=[128, 130, 131, 135, 134, 138, 139, 140]))),
            Section("longest", "10 nhiệm vụ trễ hạn lâu nhất và nguyên nhân — đến 25/10/2023", table=_table("vi")),
            Section("commend", "Biểu dương: đơn vị có tỷ lệ đúng hạn cao nhất — đến 25/10/2023",
                    lines=("Đơn vị có ít nhất 10 nhiệm vụ đã đến hạn.",),
                    empty="Chưa có đơn vị nào có đủ 10 nhiệm vụ đã đến hạn."),
        )
        document = Document("deck", "Giao ban: 140 nhiệm vụ trễ hạn", CONTEXT_VI, sections, lang="vi", landscape=True,
                            footer="Đôn đốc · số liệu tính đến 25/10/2023 · dữ liệu chốt 25/10/2023")
    if changes:
        from dataclasses import replace

        document = replace(document, **changes)
    return document


def render(document: Document, png: bytes):
    data = render_pptx(document, [png] * len(document.charts()))
    return Presentation(io.BytesIO(data))


def slide_texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return texts


def runs(slide):
    for shape in slide.shapes:
        frames = [shape.text_frame] if shape.has_text_frame else []
        if shape.has_table:
            frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
        for frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    yield shape, run


def the_table(slide):
    tables = [shape.table for shape in slide.shapes if shape.has_table]
    assert len(tables) == 1
    return tables[0]


@pytest.fixture(scope="module")
def deck(png):
    document = make_document()
    return document, render(document, png)


def test_one_slide_per_section_with_editable_titles(deck):
    document, prs = deck
    assert len(prs.slides) == len(document.sections) == 6
    for slide, section in zip(prs.slides, document.sections, strict=True):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type == PP_PLACEHOLDER.TITLE
        assert title.text_frame.text == section.title


def test_slides_are_16_9_and_shapes_stay_on_them_without_overlapping(deck):
    _, prs = deck
    assert (prs.slide_width, prs.slide_height) == (SLIDE_W, SLIDE_H)
    for slide in prs.slides:
        boxes = [(s.left, s.top, s.left + s.width, s.top + s.height, s.name) for s in slide.shapes]
        for left, top, right, bottom, name in boxes:
            assert 0 <= left < right <= SLIDE_W and 0 <= top < bottom <= SLIDE_H, name
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
                assert not overlap, (a[4], b[4])


def test_first_slide_has_the_headline_and_all_the_context(deck):
    document, prs = deck
    first = prs.slides[0]
    text = "\n".join(slide_texts(first))
    assert "140 nhiệm vụ trễ hạn tính đến 25/10/2023" in slide_texts(first)
    assert "Tăng 12 so với ngày 18/10/2023 (128)" in text
    for figure in document.sections[0].figures:
        assert f"{figure.value}\n{figure.label}" in text
    assert "Hoàn thành đúng hạn: 80,0%" in text
    notes = first.notes_slide.notes_text_frame.text
    assert notes.splitlines() == [document.title, *CONTEXT_VI]
    for line in (document.title, *CONTEXT_VI):
        assert line in text  # printed on the slide too
    for slide in list(prs.slides)[1:]:
        assert not slide.has_notes_slide or not slide.notes_slide.notes_text_frame.text


def test_every_slide_has_dates_and_its_number(deck):
    document, prs = deck
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        texts = slide_texts(slide)
        assert document.footer in texts
        assert f"{number}/{total}" in texts


def test_each_chart_is_one_png_picture_in_its_proportions(deck, png):
    document, prs = deck
    width, height = _png_size(png)
    for slide, section in zip(prs.slides, document.sections, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if section.chart is None:
            assert pictures == []
            continue
        assert len(pictures) == 1
        assert pictures[0].image.blob.startswith(PNG_SIGNATURE)
        assert pictures[0].width / pictures[0].height == pytest.approx(width / height, rel=0.01)
        assert pictures[0].width > SLIDE_W * 0.6  # fills the slide's width, or its height
        assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == section.title


def test_table_is_a_real_table_with_formatted_cells(deck):
    document, prs = deck
    index = [s.key for s in document.sections].index("longest")
    grid = the_table(prs.slides[index])
    table = document.sections[index].table
    assert [cell.text for cell in grid.rows[0].cells] == [c.label for c in table.columns]
    assert all(run.font.bold for cell in grid.rows[0].cells for p in cell.text_frame.paragraphs for run in p.runs)
    body = [[cell.text for cell in row.cells] for row in list(grid.rows)[1:]]
    assert len(body) == 10  # all ten fit
    assert body[0] == ["Phường Nghĩa Lộ", "Báo cáo kết quả thực hiện số 1", "1.600", "62,0%", "05/01/2019",
                       "Chờ ý kiến sở"]
    assert body[1][3] == ""  # None is left empty
    assert body[3][5] == ""
    assert body[9][2] == "1.267"
    bold_rows = {i for i, row in enumerate(list(grid.rows)[1:])
                 if all(r.font.bold for c in row.cells for p in c.text_frame.paragraphs for r in p.runs)}
    assert bold_rows == {2}
    widths = [c.width for c in grid.columns]
    assert widths[1] / widths[0] == pytest.approx(4.5 / 2.2, rel=0.01)
    body_sizes = {run.font.size for _, run in runs(prs.slides[index]) if run.text in {"1.600", "Thiếu kinh phí"}}
    assert body_sizes and min(body_sizes) >= Pt(16)


def test_english_deck_formats_numbers_in_english(png):
    document = make_document("en")
    prs = render(document, png)
    assert [s.shapes.title.text_frame.text for s in prs.slides] == [s.title for s in document.sections]
    grid = the_table(prs.slides[3])
    assert [cell.text for cell in grid.rows[1].cells][2:5] == ["1,600", "62.0%", "05/01/2019"]
    assert "140 overdue tasks as of 25/10/2023" in slide_texts(prs.slides[0])
    assert "No unit has 10 tasks that came due yet." in slide_texts(prs.slides[4])
    assert Presentation(io.BytesIO(render_pptx(document, [png, png]))).core_properties.language == "en-US"


def test_type_is_large_enough_for_a_projector(deck):
    _, prs = deck
    for slide in prs.slides:
        for shape, run in runs(slide):
            if not run.text:
                continue
            assert run.font.size is not None, run.text  # every size is set, none left to the template
            assert run.font.size >= Pt(14), run.text
            if shape == slide.shapes.title:
                assert run.font.size >= Pt(32) and run.font.bold
                assert str(run.font.color.rgb) == "111111"
    headline = [run for _, run in runs(prs.slides[0]) if run.text == "140 nhiệm vụ trễ hạn tính đến 25/10/2023"]
    assert headline and headline[0].font.size >= Pt(40) and headline[0].font.bold
    figure_values = [run for _, run in runs(prs.slides[0]) if run.text == "1.600"]
    assert figure_values and figure_values[0].font.size >= Pt(36)
    assert all(run.font.size >= Pt(20) for _, run in runs(prs.slides[2]) if run.text.startswith("Hiển thị"))


def test_user_text_is_shown_literally(png):
    table = Table((Column("<i>Đơn vị</i>"), Column("Trích yếu")),
                  (("Phường <b>Nghĩa Lộ</b>", '=HYPERLINK("http://example.invalid","x")'), ("=1+1", "a\nb\x0bc")))
    document = make_document(
        title="<b>x</b> & =1+1",
        sections=(Section("s", "<b>x</b>", lines=("=1+1", "<script>alert(1)</script>"), table=table,
                          headline="&amp; <br>"),),
    )
    prs = render(document, png)
    slide = prs.slides[0]
    assert slide.shapes.title.text_frame.text == "<b>x</b>"
    texts = slide_texts(slide)
    for literal in ("=1+1\n<script>alert(1)</script>", "&amp; <br>", "<i>Đơn vị</i>", "Phường <b>Nghĩa Lộ</b>",
                    '=HYPERLINK("http://example.invalid","x")', "=1+1", "a b c"):
        assert literal in texts
    assert prs.core_properties.title == "<b>x</b> & =1+1"
    assert "<b>x</b> & =1+1" in slide.notes_slide.notes_text_frame.text


def test_long_table_keeps_the_rows_that_fit_and_says_so(png):
    table = _table("vi", rows=30, long_titles=True)
    document = make_document(sections=(Section("longest", "Nhiệm vụ trễ hạn", table=table),
                                       Section("more", "Tiếp theo", table=table)))
    prs = render(document, png)
    for slide in prs.slides:
        grid = the_table(slide)
        frame = next(s for s in slide.shapes if s.has_table)
        rows = list(grid.rows)
        assert 3 <= len(rows) < 31
        assert rows[-1].cells[0].text == "…"
        assert [row.cells[1].text for row in rows[1:-1]] == [r[1] for r in table.rows[: len(rows) - 2]]
        assert frame.top + sum(row.height for row in rows) <= SLIDE_H
        assert frame.top + frame.height <= SLIDE_H


def test_group_headers_span_their_columns(png):
    table = Table((Column("Đơn vị", width=3), Column("Tổng", "int"), Column("Đúng hạn", "int"), Column("Trễ", "int")),
                  (("Xã Nghĩa An", 1600, 1200, 400),), groups=(("", 2), ("Đã hoàn thành", 2)))
    prs = render(make_document(sections=(Section("period", "Báo cáo kỳ", table=table),)), png)
    grid = the_table(prs.slides[0])
    assert grid.cell(0, 0).is_merge_origin and grid.cell(0, 0).span_height == 2
    assert grid.cell(0, 2).text == "Đã hoàn thành" and grid.cell(0, 2).span_width == 2
    assert [grid.cell(1, c).text for c in (2, 3)] == ["Đúng hạn", "Trễ"]
    assert [c.text for c in grid.rows[2].cells] == ["Xã Nghĩa An", "1.600", "1.200", "400"]


def test_a_chart_that_could_not_be_drawn_is_said_in_words(png):
    document = make_document()
    images = [png] * len(document.charts())
    images[0] = None
    prs = Presentation(io.BytesIO(render_pptx(document, images)))
    slide = prs.slides[1]
    assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert any("Chromium" in text for text in slide_texts(slide))
    with pytest.raises(ValueError):
        render_pptx(document, [png])


def test_core_properties(deck):
    document, prs = deck
    props = prs.core_properties
    assert props.title == document.title == "Giao ban: 140 nhiệm vụ trễ hạn"
    assert props.author == "Đôn đốc"
    assert props.language == "vi-VN"


@pytest.mark.skipif(not browser_available(), reason="Chromium is not installed")
def test_charts_are_drawn_with_chromium_when_no_images_are_given():
    document = make_document()
    started = time.monotonic()
    prs = Presentation(io.BytesIO(render_pptx(document)))
    assert time.monotonic() - started < 60
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == len(document.charts()) == 3
    for picture in pictures:
        width, height = _png_size(picture.image.blob)
        assert width >= CHART_PX[0] and width / height == pytest.approx(CHART_PX[0] / CHART_PX[1], rel=0.01)
