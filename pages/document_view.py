"""Documents (analytics.document) drawn on screen: the briefing and period pages as a page, the deck as
slides. Not a page itself; the pages import it. Text from the register is escaped before it reaches HTML."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from analytics.document import Section, Table, cell_text
from pages.common import CHART, plain

ROW_HEIGHT = 38


def table_frame(table: Table, lang: str) -> pd.DataFrame:
    """The table for st.dataframe: counts stay numbers (they sort and align right), dates stay dates, shares
    read as printed (62,0%); grouped headers read "group — label"."""
    spans = [label for label, span in table.groups for _ in range(span)]
    labels = []
    for index, column in enumerate(table.columns):
        group = spans[index] if index < len(spans) else ""
        labels.append(f"{group} — {column.label}" if group else column.label)
    data = {}
    for index, (label, column) in enumerate(zip(_unique(labels), table.columns, strict=True)):
        values = [row[index] for row in table.rows]
        if column.kind == "int":
            data[label] = pd.array(values, dtype="Int64")
        elif column.kind == "date":
            data[label] = pd.Series(values, dtype="object")
        else:
            data[label] = [cell_text(v, column.kind, lang) for v in values]
    return pd.DataFrame(data)


def show_table(table: Table, lang: str, key: str) -> None:
    frame = table_frame(table, lang)
    config = {}
    for label, column in zip(frame.columns, table.columns, strict=True):
        if column.kind == "int":
            config[label] = st.column_config.NumberColumn(format="%d")
        elif column.kind == "date":
            config[label] = st.column_config.DateColumn(format="DD/MM/YYYY")
        elif column.width >= 3:
            config[label] = st.column_config.TextColumn(width="large")
    data = frame
    if table.emphasis:  # subtotals and the grand total in bold
        bold = pd.DataFrame("", index=frame.index, columns=frame.columns)
        bold.iloc[sorted(table.emphasis), :] = "font-weight: bold"
        data = frame.style.apply(lambda _: bold, axis=None)
    height = ROW_HEIGHT * (min(len(frame), 20) + 1) + 3
    st.dataframe(data, hide_index=True, width="stretch", height=height, row_height=ROW_HEIGHT, key=key,
                 column_config=config)
    if table.note:
        st.caption(plain(table.note))


def _unique(labels: list[str]) -> list[str]:
    """Column labels made unique (the period form has "Không thời hạn" under two groups)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def show_section(section: Section, lang: str) -> None:
    """A briefing or report section, in page style."""
    st.subheader(plain(section.title), anchor=section.key)
    for line in section.lines:
        st.markdown(plain(line))
    if section.figures:
        cards = st.columns(len(section.figures))
        for card, figure in zip(cards, section.figures, strict=True):
            card.metric(plain(figure.label), figure.value, border=True)
            if figure.note:
                card.caption(plain(figure.note))
    if section.chart is not None:
        st.plotly_chart(section.chart, **CHART, key=f"chart_{section.key}")
    if section.table is not None and section.table.rows:
        show_table(section.table, lang, key=f"table_{section.key}")
    elif section.empty:
        st.info(plain(section.empty))


# --- slides -------------------------------------------------------------------------------------------------

# Projector styling: large type, black on white. Only constant CSS goes through st.html; no user text.
SLIDE_CSS = """
<style>
.dd-slide-title {font-size: 44px; font-weight: 700; color: #111; line-height: 1.2; margin: 0 0 8px 0;}
.dd-headline {font-size: 88px; font-weight: 800; color: #b3261e; line-height: 1.1; margin: 40px 0 16px 0;}
.dd-line {font-size: 32px; color: #111; margin: 4px 0;}
.dd-figures {display: flex; gap: 24px; margin-top: 48px;}
.dd-figure {flex: 1; border: 3px solid #111; border-radius: 8px; padding: 16px 24px;}
.dd-figure .label {font-size: 26px; color: #333;}
.dd-figure .value {font-size: 64px; font-weight: 800; color: #111;}
.dd-figure .note {font-size: 22px; color: #333;}
.dd-table {border-collapse: collapse; width: 100%; font-size: 24px; color: #111;}
.dd-table th {background: #222; color: #fff; text-align: left; padding: 8px 12px;}
.dd-table td {border-bottom: 2px solid #bbb; padding: 8px 12px; vertical-align: top;}
.dd-table td.num {text-align: right; font-weight: 700; white-space: nowrap;}
.dd-empty {font-size: 36px; color: #111; margin-top: 80px;}
.dd-footer {font-size: 20px; color: #333;}
</style>
"""

# While presenting: nothing but the slide (no sidebar, no header or navigation, no toolbar).
PRESENTING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding: 1.2rem 2.5rem 0.5rem 2.5rem !important;
    max-width: 100% !important;}
</style>
"""


def _slide_table(table: Table, lang: str) -> str:
    head = "".join(f"<th>{html.escape(c.label)}</th>" for c in table.columns)
    body = []
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns, strict=True):
            css = ' class="num"' if column.kind in ("int", "pct") else ""
            cells.append(f"<td{css}>{html.escape(cell_text(value, column.kind, lang))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="dd-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def show_slide(section: Section, lang: str, footer: str, number: int, count: int, chart_height: int) -> None:
    """One slide at projector scale: title, then the headline, figures, chart or table."""
    st.html(SLIDE_CSS)
    st.html(f'<div class="dd-slide-title">{html.escape(section.title)}</div>')
    if section.headline:
        st.html(f'<div class="dd-headline">{html.escape(section.headline)}</div>')
    for line in section.lines:
        st.html(f'<div class="dd-line">{html.escape(line)}</div>')
    if section.figures:
        boxes = "".join(
            f'<div class="dd-figure"><div class="label">{html.escape(f.label)}</div>'
            f'<div class="value">{html.escape(f.value)}</div><div class="note">{html.escape(f.note)}</div></div>'
            for f in section.figures
        )
        st.html(f'<div class="dd-figures">{boxes}</div>')
    if section.chart is not None:
        figure = section.chart
        figure.update_layout(height=chart_height - 40 * len(section.lines))
        st.plotly_chart(figure, **CHART, key=f"slide_chart_{section.key}")
    elif section.table is not None and section.table.rows:
        st.html(_slide_table(section.table, lang))
    elif section.empty:
        st.html(f'<div class="dd-empty">{html.escape(section.empty)}</div>')
    st.html(f'<div class="dd-footer">{html.escape(footer)} · {number}/{count}</div>')
