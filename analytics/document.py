"""What a deck, a briefing or a period report says, independent of how it is shown.

The builders in analytics/meeting.py fill a `Document` once, in the user's language, from the queries; the
presentation page, the briefing page and every exporter (PDF, PPTX, XLSX) only lay it out. So a figure
cannot differ between the screen and the printed copy, and a new export format is one renderer.

Table cells hold raw values (str, int, float for a share, datetime.date, None); each renderer formats them
its own way (numbers stay numbers in XLSX, dates read dd/mm/yyyy everywhere).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import plotly.graph_objects as go

CellValue = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text | int | pct (a share, 0..1) | date
    width: float = 1.0  # relative width in printed tables


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    # An optional header row above the column labels: (label, number of columns it spans). Columns under an
    # empty label have no group; their label spans both header rows (the layout of offices' report forms).
    groups: tuple[tuple[str, int], ...] = ()
    emphasis: frozenset[int] = frozenset()  # rows to set in bold (subtotals, the grand total)
    note: str = ""  # e.g. how many rows were left out of a long list


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Section:
    """A slide of the deck, or a part of a briefing or report."""

    key: str  # stable name, e.g. "headline", "by_block" (tests and URLs use it)
    title: str
    lines: tuple[str, ...] = ()  # short paragraphs
    figures: tuple[KeyFigure, ...] = ()
    chart: go.Figure | None = None
    table: Table | None = None
    empty: str = ""  # said instead of a chart or table when there is nothing to show
    headline: str = ""  # the one big sentence of a headline slide


@dataclass(frozen=True)
class Document:
    kind: str  # deck | briefing | period
    title: str
    context: tuple[str, ...]  # as-of date, snapshot date, comparison, filters: printed on every export
    sections: tuple[Section, ...]
    lang: str = "vi"
    landscape: bool = False
    footer: str = ""  # printed on every page next to the page number
    file_stem: str = "dondoc"
    meta: dict = field(default_factory=dict, compare=False)

    def charts(self) -> list[go.Figure]:
        return [s.chart for s in self.sections if s.chart is not None]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def cell_text(value: CellValue, kind: str, lang: str) -> str:
    """A table cell as printed: 1.600 / 62,0% in Vietnamese, dates dd/mm/yyyy, nothing for None."""
    from analytics.i18n import fmt_date, fmt_int, fmt_pct

    if value is None:
        return ""
    if kind == "int" and isinstance(value, (int, float)):
        return fmt_int(int(value), lang)
    if kind == "pct" and isinstance(value, (int, float)):
        return fmt_pct(float(value), lang)
    if isinstance(value, dt.date):
        return fmt_date(value)
    return str(value)
