"""The slide deck as a PowerPoint file, for the projector at leadership meetings (giao ban).

Offices present from PowerPoint and often touch a slide up before the meeting, so the deck stays editable:
titles are real title placeholders, tables are real tables, only charts are pictures. One slide per section of
the `Document`, nothing added before it. Every slide prints the as-of and snapshot dates under its title and
"n/N" at the bottom; the first slide also carries all of the document's context (dates, comparison, filters),
on the slide and in its notes, so a forwarded or printed copy says what it shows.

Sizes are for a projector seen from 5 metres: titles 32-36 pt bold, body text 16 pt and up, nothing under
14 pt; dark text (#111111) on white. python-pptx cannot measure text, so heights are estimated from rough
character widths of Calibri (the template's font, on every Office install) with a margin of safety; that is how
blocks are stacked without overlapping and how many table rows fit on a slide.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.parts.image import Image
from pptx.util import Emu, Inches, Pt

from analytics.document import CellValue, Column, Document, KeyFigure, Section, Table, cell_text
from analytics.i18n import t
from analytics.images import figures_to_png

# 16:9 at PowerPoint's own widescreen size; all geometry below is in inches.
SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)
_SLIDE_W, _SLIDE_H = 13.333, 7.5
_MARGIN = 0.5
_CONTENT_W = _SLIDE_W - 2 * _MARGIN
_TITLE_TOP, _TITLE_H = 0.2, 1.15  # room for two lines at 32 pt
_CONTEXT_TOP, _CONTEXT_H = 1.35, 0.4
_BODY_TOP, _BODY_BOTTOM = 1.85, 6.85
_NUMBER_W, _NUMBER_H = 1.2, 0.42
_BOTTOM = _SLIDE_H - 0.12  # lowest edge of the slide number and the first slide's context box
_GAP = 0.18
# Charts are drawn at about the chart area's shape and at most its size in a 1080p projector's pixels (144 per
# inch), so that the charts' 20 px text projects at 20 px or more; twice the pixels keep them sharp when enlarged.
CHART_PX = (1480, 640)
CHART_SCALE = 2.0

TITLE_PT, TITLE_MIN_PT = 36, 32
HEADLINE_PT, HEADLINE_MIN_PT = 48, 40
CONTEXT_PT = 16
LINE_PT = 24
FIGURE_VALUE_PT, FIGURE_LABEL_PT, FIGURE_NOTE_PT = 40, 18, 16
TABLE_PTS = (18, 16)  # the largest that lets every row fit
NOTE_PT = 18
EMPTY_PT = 28
SMALL_PT = 14  # the first slide's context box: the smallest type in the deck

TEXT = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x44, 0x44, 0x44)
BOX_FILL = RGBColor(0xF0, 0xF0, 0xF0)
HEADER_FILL = RGBColor(0xE0, 0xE0, 0xE0)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
TABLE_GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # "No Style, Table Grid": thin dark cell borders
_LANGUAGES = {"vi": (MSO_LANGUAGE_ID.VIETNAMESE, "vi-VN"), "en": (MSO_LANGUAGE_ID.ENGLISH_US, "en-US")}

_LINE_SPACING = 1.2  # line height / font size
_PARA_GAP_PT = 6  # space after each paragraph of a multi-paragraph block
_BOX_INSET = 0.1  # python-pptx's default left/right text inset; top/bottom is half of it
_CELL_INSET_X, _CELL_INSET_Y = 0.08, 0.04
_ELLIPSIS = "…"


def render_pptx(document: Document, images: Sequence[bytes | None] | None = None) -> bytes:
    """The document as a 16:9 PPTX, one slide per section. `images`: a PNG per chart, in the order of
    `document.charts()` (None where a chart could not be drawn); drawn here with Chromium when not given."""
    charts = document.charts()
    if images is None:
        images = figures_to_png(charts, *CHART_PX, scale=CHART_SCALE)
    if len(images) != len(charts):
        raise ValueError(f"{len(images)} images for {len(charts)} charts")
    remaining = iter(images)

    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Only")
    lang_id, lang_tag = _LANGUAGES.get(document.lang, _LANGUAGES["vi"])
    writer = _Writer(lang_id, document.lang)
    total = len(document.sections)
    context_line = _clean(document.footer) or " · ".join(_clean(line) for line in document.context[:2])

    for number, section in enumerate(document.sections, start=1):
        slide = prs.slides.add_slide(layout)
        writer.title(slide, section.title)
        writer.box(slide, _MARGIN, _CONTEXT_TOP, _CONTENT_W, _CONTEXT_H, [_Para(context_line, CONTEXT_PT, color=MUTED)])
        page = _Para(f"{number}/{total}", CONTEXT_PT, color=MUTED, align=PP_ALIGN.RIGHT)
        writer.box(slide, _SLIDE_W - _MARGIN - _NUMBER_W, _BOTTOM - _NUMBER_H, _NUMBER_W, _NUMBER_H, [page],
                   anchor=MSO_ANCHOR.BOTTOM)
        bottom = _BODY_BOTTOM
        if number == 1:
            bottom = writer.context_box(slide, document) - _GAP
            notes = [_clean(document.title), *(_clean(line) for line in document.context)]
            slide.notes_slide.notes_text_frame.text = "\n".join(line for line in notes if line)
        image = next(remaining) if section.chart is not None else None
        writer.body(slide, section, image, bottom)

    props = prs.core_properties
    props.title = _clean(document.title)[:255]  # the core properties allow 255 characters
    props.author = props.last_modified_by = "Đôn đốc"
    props.subject = context_line[:255]
    props.language = lang_tag
    props.revision = 1
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# --- text ----------------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _clean(text: object) -> str:
    """User text on one line: control characters dropped, runs of whitespace (line breaks too) made one space."""
    text = " ".join(("" if text is None else str(text)).split())  # first, as some separators are whitespace
    return " ".join(_CONTROL.sub("", text).split())


# Advance widths of Calibri (the template's font) in ems; other characters count as 0.55.
_CALIBRI = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", (
        0.479, 0.525, 0.423, 0.525, 0.498, 0.305, 0.471, 0.525, 0.229, 0.239, 0.455, 0.229, 0.799, 0.525, 0.527,
        0.525, 0.525, 0.349, 0.391, 0.335, 0.525, 0.452, 0.715, 0.433, 0.453, 0.395), strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        0.579, 0.544, 0.533, 0.615, 0.488, 0.459, 0.631, 0.623, 0.252, 0.319, 0.520, 0.420, 0.855, 0.646, 0.662,
        0.517, 0.673, 0.543, 0.459, 0.487, 0.642, 0.567, 0.890, 0.519, 0.487, 0.468), strict=True)),
    **dict.fromkeys("0123456789", 0.507),
    " ": 0.226, ".": 0.252, ",": 0.250, ":": 0.268, ";": 0.268, "!": 0.326, "?": 0.463, "'": 0.221, '"': 0.401,
    "(": 0.303, ")": 0.303, "[": 0.307, "]": 0.307, "-": 0.306, "/": 0.386, "%": 0.715, "&": 0.682, "+": 0.498,
    "=": 0.498, "<": 0.498, ">": 0.498, "·": 0.252, "—": 1.0, "–": 0.5, "…": 0.75, "đ": 0.525, "Đ": 0.625,
}


def _em(char: str) -> float:
    """The width of a character in Calibri, in ems (diacritics do not change a letter's width)."""
    width = _CALIBRI.get(char)
    if width is None:
        width = _CALIBRI.get(unicodedata.normalize("NFD", char)[:1], 0.55)
    return width


def _width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in inches, on the generous side (bold runs wider, and 10 % to spare)."""
    return sum(_em(c) for c in text) * size / 72 * (1.06 if bold else 1.0) * 1.1


def _line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """Lines the text takes when wrapped at word boundaries into `width` inches."""
    width = max(width, 0.1)
    space = _width(" ", size, bold)
    lines, current = 1, 0.0
    for word in text.split(" "):
        w = _width(word, size, bold)
        if current and current + space + w > width:
            lines, current = lines + 1, 0.0
        elif current:
            current += space
        if w > width:  # a word longer than the line breaks anywhere
            extra = math.ceil(w / width) - 1
            lines, w = lines + extra, w - extra * width
        current += w
    return lines


def _lines_height(lines: int, size: float) -> float:
    return lines * size * _LINE_SPACING / 72


@dataclass(frozen=True)
class _Para:
    text: str
    size: float
    bold: bool = False
    color: RGBColor = TEXT
    align: PP_ALIGN = PP_ALIGN.LEFT


def _paras_height(paras: Sequence[_Para], width: float, inset: float = _BOX_INSET) -> float:
    """Height of a text box holding these paragraphs in `width` inches (insets included)."""
    inner = width - 2 * inset
    height = sum(_lines_height(_line_count(p.text, inner, p.size, p.bold), p.size) for p in paras)
    return height + _PARA_GAP_PT / 72 * max(len(paras) - 1, 0) + inset


# --- cells ---------------------------------------------------------------------------------------------------

def _cell_text(value: CellValue, column: Column, lang: str) -> str:
    """As everywhere (document.cell_text), with control characters and line breaks made spaces."""
    return _clean(cell_text(value, column.kind, lang))


def _align(column: Column) -> PP_ALIGN:
    return {"int": PP_ALIGN.RIGHT, "pct": PP_ALIGN.RIGHT, "date": PP_ALIGN.CENTER}.get(column.kind, PP_ALIGN.LEFT)


@dataclass(frozen=True)
class _TablePlan:
    size: float
    widths: tuple[float, ...]
    header_heights: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]
    row_heights: tuple[float, ...]
    emphasis: frozenset[int]  # indexes into `rows`
    cut: bool  # rows were left out: an ellipsis row follows

    @property
    def height(self) -> float:
        ellipsis = _cell_height(_ELLIPSIS, 1.0, self.size, False) if self.cut else 0.0
        return sum(self.header_heights) + sum(self.row_heights) + ellipsis


def _cell_height(text: str, width: float, size: float, bold: bool) -> float:
    lines = _line_count(text, width - 2 * _CELL_INSET_X, size, bold)
    return _lines_height(lines, size) + 2 * _CELL_INSET_Y + 0.04


def _plan_table(table: Table, width: float, max_height: float, lang: str) -> _TablePlan:
    total = sum(max(c.width, 0.01) for c in table.columns)
    widths = tuple(width * max(c.width, 0.01) / total for c in table.columns)
    texts = [tuple(_cell_text(v, c, lang) for v, c in zip(row, table.columns, strict=False)) for row in table.rows]
    plan = None
    for size in TABLE_PTS:
        header = _header_heights(table, widths, size)
        heights = [max((_cell_height(text, w, size, i in table.emphasis) for text, w in zip(row, widths, strict=False)),
                       default=_cell_height("", 1.0, size, False)) for i, row in enumerate(texts)]
        ellipsis = _cell_height(_ELLIPSIS, 1.0, size, False)
        room = max_height - sum(header)
        keep, used = len(texts), sum(heights)
        if used > room:  # keep the first rows that fit with the ellipsis row under them (at least one)
            keep, used = 0, ellipsis
            while keep < len(texts) and used + heights[keep] <= room:
                used, keep = used + heights[keep], keep + 1
            keep = max(keep, min(1, len(texts)))
        plan = _TablePlan(size, widths, tuple(header), tuple(texts[:keep]), tuple(heights[:keep]),
                          frozenset(i for i in table.emphasis if i < keep), keep < len(texts))
        if not plan.cut:
            break
    assert plan is not None
    return plan


def _header_heights(table: Table, widths: Sequence[float], size: float) -> list[float]:
    labels = [_clean(c.label) for c in table.columns]
    if not table.groups:
        return [max((_cell_height(text, w, size, True) for text, w in zip(labels, widths, strict=True)), default=0.4)]
    top, bottom, alone = [], [], []
    start = 0
    for label, span in table.groups:
        cols = range(start, min(start + span, len(labels)))
        if label:
            top.append(_cell_height(_clean(label), sum(widths[c] for c in cols), size, True))
            bottom.extend(_cell_height(labels[c], widths[c], size, True) for c in cols)
        else:
            alone.extend(_cell_height(labels[c], widths[c], size, True) for c in cols)
        start += span
    alone.extend(_cell_height(labels[c], widths[c], size, True) for c in range(start, len(labels)))
    first = max(top, default=_cell_height("", 1.0, size, True))
    second = max(bottom, default=_cell_height("", 1.0, size, True))
    return [first, max(second, max(alone, default=0.0) - first)]


# --- slides --------------------------------------------------------------------------------------------------

class _Writer:
    def __init__(self, lang_id: MSO_LANGUAGE_ID, lang: str):
        self.lang_id = lang_id
        self.lang = lang

    def _fill(self, frame, paras: Sequence[_Para]) -> None:
        """Plain text runs (never interpreted), each with its size, weight, colour and language set."""
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for i, para in enumerate(paras):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.alignment = para.align
            if len(paras) > 1 and i < len(paras) - 1:
                p.space_after = Pt(_PARA_GAP_PT)
            run = p.add_run()
            run.text = para.text
            font = run.font
            font.size = Pt(para.size)
            font.bold = para.bold
            font.color.rgb = para.color
            font.language_id = self.lang_id

    def box(self, slide, left: float, top: float, width: float, height: float, paras: Sequence[_Para],
            anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, fill: RGBColor | None = None, inset: float | None = None):
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = shape.text_frame
        frame.vertical_anchor = anchor
        if inset is not None:
            frame.margin_left = frame.margin_right = Inches(inset)
            frame.margin_top = frame.margin_bottom = Inches(inset / 2)
        if fill is not None:
            shape.fill.solid()
            shape.fill.fore_color.rgb = fill
        self._fill(frame, paras)
        return shape

    def title(self, slide, text: str) -> None:
        text = _clean(text)
        inner = _CONTENT_W - 2 * _BOX_INSET
        size = TITLE_PT if _line_count(text, inner, TITLE_PT, True) == 1 else TITLE_MIN_PT
        shape = slide.shapes.title
        shape.left, shape.top = Inches(_MARGIN), Inches(_TITLE_TOP)
        shape.width, shape.height = Inches(_CONTENT_W), Inches(_TITLE_H)
        frame = shape.text_frame
        frame.clear()
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        frame.margin_left = frame.margin_right = Inches(_BOX_INSET)
        frame.margin_top = frame.margin_bottom = Inches(_BOX_INSET / 2)
        self._fill(frame, [_Para(text, size, bold=True)])

    def context_box(self, slide, document: Document) -> float:
        """The document's title and context at the bottom of the first slide; returns the box's top edge."""
        paras = [_Para(_clean(document.title), SMALL_PT, bold=True, color=MUTED),
                 _Para(" · ".join(_clean(line) for line in document.context), SMALL_PT, color=MUTED)]
        paras = [p for p in paras if p.text]
        if not paras:
            return _BODY_BOTTOM + _GAP
        width = _CONTENT_W - _NUMBER_W - _GAP
        height = _paras_height(paras, width)
        top = min(_BOTTOM - height, _BODY_BOTTOM + _GAP)
        self.box(slide, _MARGIN, top, width, _BOTTOM - top, paras, anchor=MSO_ANCHOR.BOTTOM)
        return top

    def body(self, slide, section: Section, image: bytes | None, bottom: float) -> None:
        top, width = _BODY_TOP, _CONTENT_W
        lines = [_Para(_clean(line), LINE_PT) for line in section.lines if _clean(line)]
        figures_h = self._figures_height(section.figures)
        headline = _clean(section.headline)
        if headline:
            size = HEADLINE_PT
            fixed = _paras_height(lines, width) + figures_h + 2 * _GAP if lines or figures_h else 0.0
            if _paras_height([_Para(headline, size, True)], width) + fixed > bottom - top:
                size = HEADLINE_MIN_PT
            para = _Para(headline, size, bold=True)
            height = _paras_height([para], width)
            self.box(slide, _MARGIN, top, width, height, [para])
            top += height + _GAP
        if lines:
            height = _paras_height(lines, width)
            self.box(slide, _MARGIN, top, width, height, lines)
            top += height + _GAP
        if section.figures:
            self._figures(slide, section.figures, top)
            top += figures_h + _GAP

        # What follows the chart or table, sized first so that they get the rest of the slide.
        tail: list[_Para] = []
        if section.table is not None and _clean(section.table.note):
            tail.append(_Para(_clean(section.table.note), NOTE_PT, color=MUTED))
        empty = _clean(section.empty)
        if section.chart is not None and image is None and section.table is None and not empty:
            empty = _clean(t("doc.image_problem", self.lang, detail="—"))
        if empty:
            tail.append(_Para(empty, EMPTY_PT, color=MUTED))
        tail_h = _paras_height(tail, width) + _GAP if tail else 0.0
        room = bottom - top - tail_h

        show_chart = section.chart is not None and image is not None
        if section.table is not None and section.table.columns:
            share = room / 2 if show_chart else room
            plan = _plan_table(section.table, width, share, self.lang)
            if show_chart:
                self._picture(slide, image, section.title, top, room - plan.height - _GAP)
                top += room - plan.height
            self._table(slide, section.table, plan, top)
            top += plan.height + _GAP
        elif show_chart:
            top += self._picture(slide, image, section.title, top, room) + _GAP
        if tail:
            self.box(slide, _MARGIN, top, width, _paras_height(tail, width), tail)

    # figures: a row of boxes (rows of up to five)

    @staticmethod
    def _figure_grid(count: int) -> tuple[int, float]:
        per_row = math.ceil(count / math.ceil(count / 5)) if count else 1
        return per_row, (_CONTENT_W - _GAP * (per_row - 1)) / per_row

    @staticmethod
    def _figure_paras(figure: KeyFigure) -> list[_Para]:
        paras = [_Para(_clean(figure.value), FIGURE_VALUE_PT, bold=True), _Para(_clean(figure.label), FIGURE_LABEL_PT)]
        if _clean(figure.note):
            paras.append(_Para(_clean(figure.note), FIGURE_NOTE_PT, color=MUTED))
        return paras

    def _figure_rows(self, figures: Sequence[KeyFigure]) -> list[tuple[Sequence[KeyFigure], float]]:
        per_row, box_w = self._figure_grid(len(figures))
        rows = [figures[i:i + per_row] for i in range(0, len(figures), per_row)]
        return [(row, max(_paras_height(self._figure_paras(f), box_w, 0.15) + 0.05 for f in row)) for row in rows]

    def _figures_height(self, figures: Sequence[KeyFigure]) -> float:
        rows = self._figure_rows(figures)
        return sum(h for _, h in rows) + _GAP * max(len(rows) - 1, 0)

    def _figures(self, slide, figures: Sequence[KeyFigure], top: float) -> None:
        _, box_w = self._figure_grid(len(figures))
        for row, height in self._figure_rows(figures):
            for i, figure in enumerate(row):
                left = _MARGIN + i * (box_w + _GAP)
                self.box(slide, left, top, box_w, height, self._figure_paras(figure), fill=BOX_FILL, inset=0.15)
            top += height + _GAP

    # the chart, as large as the room allows, in its own proportions

    def _picture(self, slide, blob: bytes, title: str, top: float, room: float) -> float:
        px_w, px_h = Image.from_blob(blob).size
        ratio = px_w / px_h if px_h else 1.0
        room = max(room, 1.0)
        width = min(_CONTENT_W, room * ratio)
        height = width / ratio
        left = _MARGIN + (_CONTENT_W - width) / 2
        picture = slide.shapes.add_picture(io.BytesIO(blob), Inches(left), Inches(top), Inches(width), Inches(height))
        picture.name = "Chart"
        picture._element.nvPicPr.cNvPr.set("descr", _clean(title))  # alt text for screen readers
        return height

    # the table, a real PowerPoint table

    def _table(self, slide, table: Table, plan: _TablePlan, top: float) -> None:
        columns = table.columns
        header_rows = len(plan.header_heights)
        n_rows = header_rows + len(plan.rows) + (1 if plan.cut else 0)
        frame = slide.shapes.add_table(n_rows, len(columns), Inches(_MARGIN), Inches(top),
                                       Inches(sum(plan.widths)), Inches(plan.height))
        grid = frame.table
        grid.first_row, grid.horz_banding = True, False
        style = grid._tbl.tblPr.find(qn("a:tableStyleId"))
        if style is not None:
            style.text = TABLE_GRID_STYLE
        for c, width in enumerate(plan.widths):
            grid.columns[c].width = Inches(width)
        heights = [*plan.header_heights, *plan.row_heights]
        if plan.cut:
            heights.append(_cell_height(_ELLIPSIS, 1.0, plan.size, False))
        for r, height in enumerate(heights):
            grid.rows[r].height = Inches(height)

        def put(r: int, c: int, text: str, bold: bool, align: PP_ALIGN, fill: RGBColor) -> None:
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = Inches(_CELL_INSET_X)
            cell.margin_top = cell.margin_bottom = Inches(_CELL_INSET_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = fill
            cell.text_frame.clear()
            self._fill(cell.text_frame, [_Para(text, plan.size, bold=bold, align=align)])

        labels = [_clean(c.label) for c in columns]
        for c, column in enumerate(columns):
            for r in range(header_rows):
                put(r, c, labels[c] if r == header_rows - 1 else "", True, _align(column), HEADER_FILL)
        if table.groups:
            start = 0
            for label, span in table.groups:
                cols = list(range(start, min(start + span, len(columns))))
                start += span
                if not cols:
                    continue
                if _clean(label):
                    put(0, cols[0], _clean(label), True, PP_ALIGN.CENTER, HEADER_FILL)
                    if len(cols) > 1:
                        grid.cell(0, cols[0]).merge(grid.cell(0, cols[-1]))
                else:
                    for c in cols:
                        self._merge_header(grid, c, labels[c], put, columns[c])
            for c in range(start, len(columns)):
                self._merge_header(grid, c, labels[c], put, columns[c])
        for i, row in enumerate(plan.rows):
            bold = i in plan.emphasis
            for c, column in enumerate(columns):
                put(header_rows + i, c, row[c] if c < len(row) else "", bold, _align(column), WHITE)
        if plan.cut:
            last = n_rows - 1
            for c in range(len(columns)):
                put(last, c, _ELLIPSIS if c == 0 else "", False, PP_ALIGN.LEFT, WHITE)

    @staticmethod
    def _merge_header(grid, c: int, label: str, put, column: Column) -> None:
        """A column without a group: its label spans both header rows."""
        put(0, c, label, True, _align(column), HEADER_FILL)
        put(1, c, "", True, _align(column), HEADER_FILL)
        grid.cell(0, c).merge(grid.cell(1, c))
