"""Documents (analytics/document.py) as PDF, laid out with ReportLab's platypus on A4.

- Text is set in the bundled Noto Sans, embedded as subsets, so Vietnamese prints the same on every machine and
  stays searchable. Text is NFC-normalised first: registers exported from some tools carry decomposed accents,
  which would print as loose marks beside their letters.
- Everything that comes from the document is escaped before it reaches a Paragraph, so "<b>" or "&amp;" typed in
  a register prints as typed. Markup is only ever added here, and only as styles.
- A deck prints a title page, then one slide per page. A briefing or report flows; a section moves to the next
  page when the space left cannot hold its heading, its lead (headline, key figures) and the start of its body
  (the first rows of the table, a reduced chart). KeepTogether would push every long table to a fresh page.
- A chart fills the frame's width and shrinks, down to half its height, to fit the space left on the page.
- "Page X of Y" needs the page count before any page is written: the canvas keeps each page and draws the
  footers when it is saved (ReportLab's usual two-pass canvas).
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    TableStyle,
)

from analytics.document import Document, KeyFigure, Section, Table, cell_text
from analytics.i18n import t
from analytics.images import figures_to_png

FONT_DIR = Path(__file__).with_name("fonts")
REGULAR, BOLD = "NotoSans", "NotoSans-Bold"
AUTHOR = "Đôn đốc"

MARGIN = 14 * mm  # left, right and top
FRAME_BOTTOM = 18 * mm  # the footer sits below the frame
FOOTER_BASELINE = 9 * mm
FOOTER_SIZE = 8

# Chart images drawn by Chromium when the caller gives none, in CSS pixels: chart text (at least 20 px) then
# prints at about 9 pt on a landscape page and 8.5 pt on a portrait one. Scale 2 keeps it sharp on paper.
CHART_PIXELS = {True: (1600, 900), False: (1200, 750)}
CHART_SCALE = 2
CHART_MIN_FRACTION = 0.5

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e3e3e3")
EMPHASIS_FILL = colors.HexColor("#f2f2f2")
FIGURE_FILL = colors.HexColor("#eef2f7")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the PDF paragraph parser rejects these


@functools.cache
def register_fonts() -> None:
    """Noto Sans regular and bold, once per process, as a family so <b> picks the bold face."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "NotoSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def plain(text: object) -> str:
    """Text as it should be printed: NFC, without control characters, tabs as spaces."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", str(text).replace("\t", " ")))


def markup(text: object) -> str:
    """Text for a Paragraph: escaped, so it is never read as markup; line breaks kept."""
    return escape(plain(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")


def render_pdf(document: Document, images: Sequence[bytes | None] | None = None) -> bytes:
    """The document as a PDF. `images` are PNGs of `document.charts()` in order (None: that chart is left out);
    without them the charts are drawn here through Chromium (may raise analytics.images.ImageProblem)."""
    register_fonts()
    if images is None:
        width, height = CHART_PIXELS[document.landscape]
        images = figures_to_png(document.charts(), width, height, scale=CHART_SCALE)
    pagesize = landscape(A4) if document.landscape else A4
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=FRAME_BOTTOM,
        initialFontName=REGULAR, initialFontSize=10,  # else every page also lists Helvetica among its fonts
        title=plain(document.title), author=AUTHOR, creator=AUTHOR, lang=document.lang, displayDocTitle=1,
        subject=" · ".join(plain(line) for line in document.context),
    )
    frame = Frame(MARGIN, FRAME_BOTTOM, template.width, template.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = _Layout(document, template.width, template.height).story(_section_images(document, images))
    template.build(story, canvasmaker=functools.partial(_NumberedCanvas, footer=document.footer))
    return buffer.getvalue()


def _section_images(document: Document, images: Sequence[bytes | None]) -> list[bytes | None]:
    """One entry per section: its chart's PNG, or None."""
    remaining = iter(images)
    return [next(remaining, None) if section.chart is not None else None for section in document.sections]


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, then writes each with its footer and "page X of Y"."""

    def __init__(self, *args: object, footer: str = "", lang: str | None = None, **kwargs: object) -> None:
        super().__init__(*args, lang=lang, **kwargs)  # the document's language, also written into the PDF
        self._footer = plain(footer)
        self._lang = lang or "vi"
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        label = t("doc.page", self._lang, page=number, pages=total)
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, FOOTER_BASELINE + 3.5 * mm, width - MARGIN, FOOTER_BASELINE + 3.5 * mm)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN, FOOTER_BASELINE, label)
        room = width - 2 * MARGIN - pdfmetrics.stringWidth(label, REGULAR, FOOTER_SIZE) - 6 * mm
        self.drawString(MARGIN, FOOTER_BASELINE, _shorten(self._footer, room))
        self.restoreState()


def _shorten(text: str, room: float) -> str:
    """The text, cut with an ellipsis if it is wider than `room` at the footer's size."""
    if pdfmetrics.stringWidth(text, REGULAR, FOOTER_SIZE) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", REGULAR, FOOTER_SIZE) > room:
        text = text[:-1]
    return text.rstrip() + "…"


class _Chart(Flowable):
    """A PNG as wide as the frame (never taller than a page), shrunk to the height left on the page as long as
    that is at least CHART_MIN_FRACTION of its height; otherwise it moves to the next page."""

    def __init__(self, png: bytes, max_height: float) -> None:
        super().__init__()
        self._image = ImageReader(io.BytesIO(png))
        pixels_wide, pixels_high = self._image.getSize()
        self._ratio = pixels_high / pixels_wide
        self._max_height = max_height
        self.hAlign = "CENTER"
        self.spaceBefore = 4
        self.spaceAfter = 6

    def natural_size(self, avail_width: float) -> tuple[float, float]:
        width, height = avail_width, avail_width * self._ratio
        if height > self._max_height:
            width, height = self._max_height / self._ratio, self._max_height
        return width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.natural_size(avail_width)
        if CHART_MIN_FRACTION * height <= avail_height < height:
            width, height = avail_height / self._ratio, avail_height
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        self.canv.drawImage(self._image, 0, 0, self.width, self.height, mask="auto")


def _style(name: str, size: float, bold: bool = False, align: int = TA_LEFT, color: colors.Color = INK,
           before: float = 0, after: float = 0, leading: float = 1.25) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=BOLD if bold else REGULAR, fontSize=size, leading=size * leading,
                          alignment=align, textColor=color, spaceBefore=before, spaceAfter=after)


class _Layout:
    """The story (list of flowables) of one document."""

    def __init__(self, document: Document, width: float, height: float) -> None:
        self.document = document
        self.width, self.height = width, height
        self.deck = document.kind == "deck"
        big = self.deck
        self.title = _style("title", 26 if big else 18, bold=True, color=ACCENT, after=6, leading=1.2)
        self.context = _style("context", 12 if big else 9.5, color=MUTED)
        self.heading = _style("heading", 20 if big else 13.5, bold=True, color=ACCENT, before=10, after=6,
                              leading=1.2)
        self.headline = _style("headline", 26 if big else 16, bold=True, before=4, after=10, leading=1.25)
        self.body = _style("body", 14 if big else 10, after=4, leading=1.35)
        self.small = _style("small", 11 if big else 8.5, color=MUTED, before=2, after=4)
        self.figure_label = _style("figure_label", 11 if big else 8.5, color=MUTED)
        self.figure_value = _style("figure_value", 24 if big else 16, bold=True, before=2, after=2, leading=1.2)
        self.figure_note = _style("figure_note", 10 if big else 8, color=MUTED)

    def story(self, images: Sequence[bytes | None]) -> list[Flowable]:
        flowables: list[Flowable] = [Paragraph(markup(self.document.title), self.title)]
        flowables += [Paragraph(markup(line), self.context) for line in self.document.context]
        flowables.append(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=6, spaceAfter=6))
        for section, image in zip(self.document.sections, images, strict=True):
            lead, body = self.section(section, image)
            if self.deck:
                flowables.append(PageBreak())
            else:
                flowables.append(CondPageBreak(self.room_needed(lead, body[:1], section)))
            flowables += lead + body
        return flowables

    def section(self, section: Section, image: bytes | None) -> tuple[list[Flowable], list[Flowable]]:
        """The section's lead (heading, headline, key figures) and its body (lines, chart, table or `empty`, note)."""
        lead: list[Flowable] = [Paragraph(markup(section.title), self.heading)]
        if section.headline:
            lead.append(Paragraph(markup(section.headline), self.headline))
        if section.figures:
            lead.append(self.figures(section.figures))
        body: list[Flowable] = [Paragraph(markup(line), self.body) for line in section.lines]
        if image is not None:
            body.append(_Chart(image, self.height))
        has_rows = section.table is not None and bool(section.table.rows and section.table.columns)
        if has_rows:
            body.append(self.table(section.table))
        if image is None and not has_rows and section.empty:
            body.append(Paragraph(markup(section.empty), self.body))
        if section.table is not None and section.table.note:
            body.append(Paragraph(markup(section.table.note), self.small))
        return lead, body

    def room_needed(self, lead: list[Flowable], first: list[Flowable], section: Section) -> float:
        """The height a section needs left on the page to start there: its lead and the start of its body."""
        needed = 8.0  # slack for rounding and the space around flowables
        for flowable in lead:
            needed += flowable.wrap(self.width, self.height)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if first:
            head = first[0]
            if isinstance(head, _Chart):
                needed += CHART_MIN_FRACTION * head.natural_size(self.width)[1] + head.spaceBefore
            elif isinstance(head, LongTable) and section.table is not None:
                needed += self.table(section.table, limit=2).wrap(self.width, self.height)[1]
            else:
                needed += head.wrap(self.width, self.height)[1] + head.getSpaceBefore()
        return min(needed, self.height)

    def figures(self, figures: Sequence[KeyFigure]) -> LongTable:
        """Key figures as boxes, a row of up to 4 (5 on a landscape page), rows balanced."""
        most = 5 if self.document.landscape else 4
        per_row = math.ceil(len(figures) / math.ceil(len(figures) / most))
        cells: list[object] = []
        for figure in figures:
            box = [Paragraph(markup(figure.label), self.figure_label),
                   Paragraph(markup(figure.value), self.figure_value)]
            if figure.note:
                box.append(Paragraph(markup(figure.note), self.figure_note))
            cells.append(box)
        cells += [""] * (-len(cells) % per_row)
        data = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # a table sets its default font (Helvetica) on every page
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]
        for index in range(len(figures)):
            cell = (index % per_row, index // per_row)
            commands.append(("BACKGROUND", cell, cell, FIGURE_FILL))
        # White rules between the filled cells make separate boxes out of one table.
        commands.append(("INNERGRID", (0, 0), (-1, -1), 6, colors.white))
        grid = LongTable(data, colWidths=[self.width / per_row] * per_row, style=TableStyle(commands))
        grid.spaceBefore, grid.spaceAfter = 2, 8
        return grid

    def table(self, table: Table, limit: int | None = None) -> LongTable:
        """The table with its header repeated on every page; only its first `limit` rows to measure its start."""
        columns = table.columns
        count = len(columns)
        size = 10 if count <= 5 else 9 if count <= 8 else 8
        head = _style("th", size, bold=True, align=TA_CENTER, leading=1.2)
        aligns = {"int": TA_RIGHT, "pct": TA_RIGHT, "date": TA_CENTER}
        cell_styles = {
            (kind, bold): _style(f"td-{kind}-{bold}", size, bold=bold, align=aligns.get(kind, TA_LEFT), leading=1.2)
            for kind in ("text", "int", "pct", "date") for bold in (False, True)
        }
        header, commands = self.header(table, head)
        data: list[list[object]] = list(header)
        lang = self.document.lang
        texts = [[markup(cell_text(value, column.kind, lang)) for value, column in
                  zip(list(row)[:count] + [None] * (count - len(row)), columns, strict=True)] for row in table.rows]
        for index, row in enumerate(texts[:limit]):
            bold = index in table.emphasis
            data.append([Paragraph(text, cell_styles.get((column.kind, bold), cell_styles[("text", bold)]))
                         for text, column in zip(row, columns, strict=True)])
            if bold:
                commands.append(("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), EMPHASIS_FILL))
        widths = self.column_widths(table, texts, size)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, len(header) - 1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, len(header) - 1), "MIDDLE"),
            ("VALIGN", (0, len(header)), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *commands,
        ]
        printed = LongTable(data, colWidths=widths, repeatRows=len(header), style=TableStyle(commands))
        printed.spaceBefore, printed.spaceAfter = 4, 4
        return printed

    def column_widths(self, table: Table, texts: list[list[str]], size: float) -> list[float]:
        """Widths in proportion to Column.width, except that numbers and dates are never broken across lines:
        such a column gets the width of its widest value, taken from the text columns."""
        weights = [column.width if column.width > 0 else 1.0 for column in table.columns]
        widths = [self.width * weight / sum(weights) for weight in weights]
        least = [0.0] * len(widths)
        for index, column in enumerate(table.columns):
            if column.kind in ("int", "pct", "date"):
                widest = max((pdfmetrics.stringWidth(row[index], BOLD, size) for row in texts), default=0)
                least[index] = widest + 3 + 3 + 2  # padding either side, and a little air
        wanting = sum(max(need - width, 0) for need, width in zip(least, widths, strict=True))
        flexible = sum(width for need, width in zip(least, widths, strict=True) if not need)
        if not wanting or wanting >= flexible / 2:  # text columns cannot give that much: keep the proportions
            return widths
        shrink = (flexible - wanting) / flexible
        return [max(width, need) if need else width * shrink for need, width in zip(least, widths, strict=True)]

    def header(self, table: Table, style: ParagraphStyle) -> tuple[list[list[object]], list[tuple]]:
        """One header row of column labels; with groups, two: a group's label spans its columns above their
        labels, and a column without a group has its label span both rows."""
        labels = [Paragraph(markup(column.label), style) for column in table.columns]
        if not table.groups:
            return [labels], []
        count = len(labels)
        top: list[object] = []
        bottom: list[object] = []
        spans: list[tuple] = []
        start = 0
        for label, span in table.groups:
            span = min(max(int(span), 1), count - start)
            if span <= 0:
                break
            if label:
                top += [Paragraph(markup(label), style)] + [""] * (span - 1)
                bottom += labels[start:start + span]
                spans.append(("SPAN", (start, 0), (start + span - 1, 0)))
            else:
                top += labels[start:start + span]
                bottom += [""] * span
                spans += [("SPAN", (column, 0), (column, 1)) for column in range(start, start + span)]
            start += span
        top += labels[start:]  # columns the groups leave out have no group
        bottom += [""] * (count - start)
        spans += [("SPAN", (column, 0), (column, 1)) for column in range(start, count)]
        return [top, bottom], spans
