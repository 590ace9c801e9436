"""Plotly figures: pure functions of query results and labels, no data access, no Streamlit.

Built for a meeting-room projector: large type, values written on the bars, a colour-blind-safe palette
whose colours also differ in lightness (readable in greyscale), every title carrying its as-of date.
User text (unit names) is HTML-escaped, because Plotly reads tags in labels.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics.explore import COUNT_MEASURES, TIME_DIMENSIONS
from analytics.schema import AGING_BUCKETS

FONT_FAMILY = "Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
BASE_FONT = 20  # the smallest chart text anywhere: readable on a projector from 5 metres
TITLE_FONT = 26
TEXT = "#111111"
GRID = "#d9d9d9"
# Okabe-Ito, the standard colour-blind-safe qualitative palette.
BLOCK_COLOURS = {
    "government": "#0072B2",
    "commune": "#E69F00",
    "party": "#D55E00",
    "mass_org": "#009E73",
    "other": "#7f7f7f",
}
# Light to dark (ColorBrewer YlOrRd): longer overdue reads darker, in colour and in greyscale.
BUCKET_COLOURS = dict(zip(AGING_BUCKETS, ("#fecc5c", "#fd8d3c", "#e31a1c", "#800026"), strict=True))
TREND_COLOUR = "#b3261e"
BAR_HEIGHT = 38  # pixels per unit bar: room for a 20 px label
LABEL_CHARS = 45  # a longer unit name is cut on the axis (in full on hover), or it would squeeze the bars
RATE_COLOUR = "#009E73"  # Okabe-Ito green: commendation


def axis_label(name: str) -> str:
    """A unit's name for an axis: HTML-escaped, cut to LABEL_CHARS with an ellipsis."""
    name = str(name)
    return html.escape(name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…")


def _house_layout(title: str, height: float) -> dict:
    """What every chart shares: projector type sizes, a white ground, the title on the left, the legend on top."""
    return {
        "title": {"text": f"<b>{html.escape(title)}</b>" if title else "", "font": {"size": TITLE_FONT, "color": TEXT},
                  "x": 0, "xanchor": "left"},
        "font": {"family": FONT_FAMILY, "size": BASE_FONT, "color": TEXT},
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 60 if title else 20, "b": 40},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hoverlabel": {"font": {"size": BASE_FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1,
                   "font": {"size": BASE_FONT}, "title": {"text": ""}},
        "dragmode": False,
        "xaxis": {"gridcolor": GRID, "zeroline": False, "tickfont": {"size": BASE_FONT}, "automargin": True},
        "yaxis": {"gridcolor": GRID, "zeroline": False, "tickfont": {"size": BASE_FONT}, "automargin": True,
                  "ticksuffix": " "},
    }


def _layout(fig: go.Figure, title: str, height: float) -> go.Figure:
    """The house layout written over a figure built step by step (on every x and y axis it has)."""
    layout = _house_layout(title, height)
    x_axis, y_axis = layout.pop("xaxis"), layout.pop("yaxis")
    fig.update_layout(layout)
    fig.update_xaxes(x_axis)
    fig.update_yaxes(y_axis)
    return fig


def _legend_below(fig: go.Figure, title: str, height: float) -> go.Figure:
    """The legend under the chart, left-aligned, in the series' order: on top, a wide legend meets the title."""
    height += 60
    plot_height = height - (60 if title else 20) - 160
    fig.update_layout(height=height, margin={"b": 160},
                      legend={"orientation": "h", "yanchor": "top", "y": -100 / plot_height, "xanchor": "left",
                              "x": 0, "traceorder": "normal"})
    return fig


def _merged(base: dict, changes: dict) -> dict:
    """`base` with `changes` written over it, nested settings key by key (as Plotly's update_layout merges)."""
    result = dict(base)
    for key, value in changes.items():
        both_dicts = isinstance(value, dict) and isinstance(result.get(key), dict)
        result[key] = _merged(result[key], value) if both_dicts else value
    return result


def _figure(traces: list[dict], title: str, height: float, **layout: object) -> go.Figure:
    """A figure made in one step, the house layout with `layout` written over it: Plotly checks every setting once
    (a figure built by successive updates costs several times as much to make)."""
    return go.Figure(data=traces, layout=_merged(_house_layout(title, height), layout))


def overdue_by_block(frame: pd.DataFrame, title: str, block_labels: dict[str, str]) -> go.Figure:
    """Horizontal bars, one per block, largest on top. `frame`: block, overdue."""
    data = frame.sort_values("overdue", kind="stable")
    bars = {
        "type": "bar",
        "x": data["overdue"],
        "y": [html.escape(block_labels.get(b, b)) for b in data["block"]],
        "customdata": data["block"],
        "orientation": "h",
        "marker": {"color": [BLOCK_COLOURS.get(b, "#7f7f7f") for b in data["block"]]},
        "text": data["overdue"],
        "textposition": "outside",
        "textfont": {"size": BASE_FONT + 2, "color": TEXT},
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x}<extra></extra>",
        "selected": {"marker": {"opacity": 1}},
        "unselected": {"marker": {"opacity": 0.35}},
    }
    return _figure([bars], title, 120 + BAR_HEIGHT * 1.4 * max(len(data), 1),
                   xaxis={"visible": False, "range": [0, max(1, int(data["overdue"].max() or 1)) * 1.15]})


def overdue_by_unit(
    frame: pd.DataFrame, title: str, bucket_labels: dict[str, str], axis_title: str, max_units: int = 40
) -> go.Figure:
    """One horizontal bar per unit, split by aging bucket, most overdue on top, the total at the end.

    `frame`: unit, bucket, overdue. `customdata` carries the raw unit name for click-through.
    """
    totals = frame.groupby("unit")["overdue"].sum().sort_values(ascending=False, kind="stable").head(max_units)
    order = list(totals.index[::-1])  # Plotly draws the first category at the bottom
    labels = [axis_label(u) for u in order]
    hover = [html.escape(u) for u in order]
    traces = []
    for bucket in AGING_BUCKETS:
        part = frame[frame["bucket"] == bucket].set_index("unit")["overdue"]
        label = bucket_labels.get(bucket, bucket)
        traces.append({
            "type": "bar",
            "name": label,
            "x": [int(part.get(u, 0)) for u in order],
            "y": labels,
            "customdata": order,
            "orientation": "h",
            "marker": {"color": BUCKET_COLOURS[bucket]},
            # After a click the other bars stay readable on a projector (Plotly's default fades them to 0.2).
            "selected": {"marker": {"opacity": 1}},
            "unselected": {"marker": {"opacity": 0.75}},
            "hovertext": hover,
            "hovertemplate": "%{hovertext}<br>" + html.escape(label) + ": %{x}<extra></extra>",
        })
    traces.append({  # the total written at the end of each bar
        "type": "scatter",
        "x": [int(totals[u]) for u in order],
        "y": labels,
        "customdata": order,
        "mode": "text",
        "text": [f"  {int(totals[u])}" for u in order],
        "textposition": "middle right",
        "textfont": {"size": BASE_FONT + 2, "color": TEXT},
        "showlegend": False,
        "hoverinfo": "skip",
        "cliponaxis": False,
        "selected": {"textfont": {"color": TEXT}},
        "unselected": {"textfont": {"color": TEXT}},
    })
    top = int(totals.max()) if len(totals) else 1
    height = 220 + BAR_HEIGHT * max(len(order), 1)
    # The legend sits under the axis title, left-aligned: on top it would collide with the chart title.
    top_margin = 60 if title else 20
    plot_height = height - top_margin - 130
    return _figure(
        traces, title, height, barmode="stack", bargap=0.3,
        xaxis={"title": {"text": axis_title, "font": {"size": BASE_FONT}}, "range": [0, top * 1.15 + 1]},
        yaxis={"automargin": True},
        margin={"t": top_margin, "b": 130},
        legend={"orientation": "h", "yanchor": "top", "y": -75 / plot_height, "xanchor": "left", "x": 0,
                "traceorder": "normal"},
    )


def overdue_trend(
    frame: pd.DataFrame, title: str, axis_title: str, compare: dt.date | None = None, compare_label: str = ""
) -> go.Figure:
    """The daily overdue count as a line, with the comparison day marked. `frame`: day, overdue."""
    traces: list[dict] = [{
        "type": "scatter",
        "x": frame["day"],
        "y": frame["overdue"],
        "mode": "lines",
        "line": {"color": TREND_COLOUR, "width": 4},
        "hovertemplate": "%{x|%d/%m/%Y}: %{y}<extra></extra>",
    }]
    annotations = []
    if len(frame):
        last = frame.iloc[-1]
        annotations.append({
            "x": last["day"], "y": last["overdue"], "text": f"<b>{int(last['overdue'])}</b>", "showarrow": False,
            "xanchor": "left", "xshift": 8, "font": {"size": BASE_FONT + 4, "color": TREND_COLOUR},
        })
    if compare is not None and len(frame) and frame["day"].iloc[0] <= compare <= frame["day"].iloc[-1]:
        value = int(frame.loc[frame["day"] == compare, "overdue"].iloc[0])
        traces.append({
            "type": "scatter", "x": [compare], "y": [value], "mode": "markers+text", "text": [f"{value}"],
            "textposition": "top center", "marker": {"size": 14, "color": TEXT, "symbol": "diamond"},
            "textfont": {"size": BASE_FONT}, "name": html.escape(compare_label), "showlegend": False,
            "hovertemplate": html.escape(compare_label) + " %{x|%d/%m/%Y}: %{y}<extra></extra>",
        })
    return _figure(
        traces, title, 420, annotations=annotations, showlegend=False,
        xaxis={"tickformat": "%d/%m/%Y", "nticks": 8},
        yaxis={"title": {"text": axis_title, "font": {"size": BASE_FONT}}, "rangemode": "tozero"},
    )


def aging(frame: pd.DataFrame, title: str, bucket_labels: dict[str, str], axis_title: str) -> go.Figure:
    """Overdue tasks per aging bucket (1–7, 8–30, 31–90, over 90 days). `frame`: bucket, overdue."""
    bars = {
        "type": "bar",
        "x": [bucket_labels.get(b, b) for b in frame["bucket"]],
        "y": frame["overdue"],
        "marker": {"color": [BUCKET_COLOURS[b] for b in frame["bucket"]]},
        "text": frame["overdue"],
        "textposition": "outside",
        "textfont": {"size": BASE_FONT + 2, "color": TEXT},
        "cliponaxis": False,
        "hovertemplate": "%{x}: %{y}<extra></extra>",
    }
    top = int(frame["overdue"].max()) if len(frame) else 1
    return _figure([bars], title, 420, yaxis={"title": {"text": axis_title, "font": {"size": BASE_FONT}},
                                              "range": [0, max(top, 1) * 1.2]})


def on_time_rates(frame: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    """Units with the best on-time rate, best on top, the rate and its counts written on each bar.
    `frame`: unit, rate (0..1), label (the text to write, e.g. "95,0% (19/20)")."""
    data = frame.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=data["rate"] * 100,
            y=[axis_label(u) for u in data["unit"]],
            hovertext=[html.escape(u) for u in data["unit"]],
            orientation="h",
            marker_color=RATE_COLOUR,
            text=[html.escape(str(v)) for v in data["label"]],
            textposition="outside",
            textfont={"size": BASE_FONT + 2, "color": TEXT},
            cliponaxis=False,
            hovertemplate="%{hovertext}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(title={"text": axis_title, "font": {"size": BASE_FONT}}, range=[0, 130], ticksuffix="%",
                     tickvals=[0, 25, 50, 75, 100])
    return _layout(fig, title, 200 + BAR_HEIGHT * 1.6 * max(len(data), 1))


def smallest_font(fig: go.Figure) -> float:
    """The smallest font size set anywhere in the figure (layout, axes, traces, annotations)."""
    sizes: list[float] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("font", "textfont", "tickfont") and isinstance(value, dict) and "size" in value:
                    size = value["size"]
                    sizes.extend(size if isinstance(size, list) else [size])
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(fig.to_plotly_json())
    return min(sizes) if sizes else float("inf")


# --- accountability ---------------------------------------------------------------------------------------

LATE_COLOUR = "#D55E00"  # Okabe-Ito vermillion: lateness
KIND_COLOURS = {"objective": "#0072B2", "subjective": "#D55E00", "unclassified": "#999999", "none": "#cccccc"}
_LINE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def late_rate_trend(frame: pd.DataFrame, title: str, key: str, period_labels: dict, threshold: float,
                    threshold_label: str, axis_title: str) -> go.Figure:
    """One line per officer or unit: the late rate in each period, with the threshold as a dashed line.
    `frame`: `key`, period, late_rate (0..1, missing when nothing came due)."""
    return share_trend(frame.assign(share=frame["late_rate"] * 100), title, key, period_labels, axis_title,
                       threshold=(threshold * 100, threshold_label))


def share_trend(frame: pd.DataFrame, title: str, key: str, period_labels: dict, axis_title: str,
                threshold: tuple[float, str] | None = None) -> go.Figure:
    """One line per officer or unit: a percentage (`share`, 0..100, missing when there was nothing to count) in
    each period, optionally with a threshold (value, label) as a dashed line. `frame`: `key`, period, share. Lines
    differ in dash as well as colour, so they stay apart in greyscale."""
    fig = go.Figure()
    periods = sorted(frame["period"].unique())
    x = [period_labels.get(p, str(p)) for p in periods]
    for index, (name, rows) in enumerate(frame.groupby(key, sort=False)):
        shares = rows.set_index("period")["share"].reindex(periods)
        fig.add_trace(go.Scatter(
            x=x, y=[None if pd.isna(v) else v for v in shares], name=axis_label(name), mode="lines+markers",
            line={"width": 4, "dash": _LINE_DASHES[index % len(_LINE_DASHES)]}, marker={"size": 12},
            connectgaps=False, hovertemplate=f"{axis_label(name)}: %{{y:.1f}}%<extra></extra>",
        ))
    if threshold is not None:
        fig.add_hline(y=threshold[0], line={"color": LATE_COLOUR, "dash": "dash", "width": 3},
                      annotation={"text": html.escape(threshold[1]), "font": {"size": BASE_FONT, "color": LATE_COLOUR}},
                      annotation_position="top left")
    fig.update_yaxes(title={"text": axis_title, "font": {"size": BASE_FONT}}, ticksuffix="%", rangemode="tozero")
    fig.update_xaxes(type="category")
    return _layout(fig, title, 520)


def lateness_by_moves(frame: pd.DataFrame, title: str, move_labels: list[str], axis_title: str,
                      bar_text: list[str]) -> go.Figure:
    """Late rate for tasks moved 0, 1, 2, 3+ times: does passing work around make it late?
    `frame`: moves, late_rate; `bar_text` what to write on each bar ("63,1% (41/65)")."""
    fig = go.Figure(go.Bar(
        x=[html.escape(label) for label in move_labels], y=[0 if pd.isna(v) else v * 100 for v in frame["late_rate"]],
        marker_color=LATE_COLOUR, text=[html.escape(t) for t in bar_text], textposition="outside",
        textfont={"size": BASE_FONT + 2, "color": TEXT}, cliponaxis=False,
        hovertemplate="%{x}: %{text}<extra></extra>",
    ))
    fig.update_yaxes(title={"text": axis_title, "font": {"size": BASE_FONT}}, ticksuffix="%", range=[0, 118])
    fig.update_xaxes(type="category")
    return _layout(fig, title, 480)


def transfer_flows(flows: pd.DataFrame, title: str, action_labels: dict[str, str], unknown: str,
                   top: int = 30) -> go.Figure:
    """Who passes work to whom: a Sankey diagram of the `top` largest flows, senders on the left and
    receivers on the right (a unit that does both appears on each side). `flows`: source, target, action,
    events."""
    data = flows.assign(target=flows["target"].fillna(unknown))
    data = data.groupby(["source", "target", "action"], as_index=False)["events"].sum()
    data = data.sort_values(["events", "source", "target"], ascending=[False, True, True], kind="stable").head(top)
    sources = list(dict.fromkeys(data["source"]))
    targets = list(dict.fromkeys(data["target"]))
    labels = [axis_label(s) for s in sources] + [axis_label(t) for t in targets]
    colours = {"transfer": "rgba(0,114,178,0.45)", "return": "rgba(213,94,0,0.55)",
               "escalation": "rgba(0,158,115,0.5)"}
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": labels, "pad": 14, "thickness": 18,
              "color": ["#0072B2"] * len(sources) + ["#555555"] * len(targets),
              "hovertemplate": "%{label}: %{value}<extra></extra>"},
        link={
            "source": [sources.index(s) for s in data["source"]],
            "target": [len(sources) + targets.index(t) for t in data["target"]],
            "value": list(data["events"]),
            "color": [colours.get(a, "rgba(120,120,120,0.4)") for a in data["action"]],
            "customdata": [html.escape(action_labels.get(a, a)) for a in data["action"]],
            "hovertemplate": "%{source.label} → %{target.label}<br>%{customdata}: %{value}<extra></extra>",
        },
        textfont={"size": BASE_FONT - 4 if len(labels) > 24 else BASE_FONT, "color": TEXT},
    ))
    return _layout(fig, title, max(520, 26 * max(len(sources), len(targets))))


def cause_categories(frame: pd.DataFrame, title: str, kind_labels: dict[str, str], axis_title: str) -> go.Figure:
    """Late tasks per cause category, largest on top, coloured by kind (objective / subjective / other).
    `frame`: category (label), kind, tasks."""
    data = frame.sort_values("tasks", kind="stable")
    fig = go.Figure()
    for kind, rows in data.groupby("kind", sort=False):
        fig.add_trace(go.Bar(
            x=rows["tasks"], y=[axis_label(c) for c in rows["category"]], orientation="h",
            name=html.escape(kind_labels.get(kind, kind)), marker_color=KIND_COLOURS.get(kind, "#999999"),
            text=rows["tasks"], textposition="outside", textfont={"size": BASE_FONT + 2, "color": TEXT},
            cliponaxis=False, hovertemplate="%{y}: %{x}<extra></extra>",
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=[axis_label(c) for c in data["category"]])
    fig.update_xaxes(title={"text": axis_title, "font": {"size": BASE_FONT}})
    fig.update_layout(barmode="overlay")
    height = 200 + BAR_HEIGHT * 1.2 * max(len(data), 1)
    return _legend_below(_layout(fig, title, height), title, height)


# --- Khám phá: any grouping, any measure ---------------------------------------------------------------------

# Okabe-Ito again, then greys: the series of a second dimension (at most 12 are drawn).
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
                  "#7f7f7f", "#b3b3b3", "#4d4d4d", "#cccccc")
HEAT_SCALE = [[0, "#fff7ec"], [0.5, "#fc8d59"], [1, "#7f0000"]]  # light to dark: more reads darker in grey


@dataclass(frozen=True)
class ExploreLabels:
    """What an explore chart writes: the title, the measure's axis title, each key's label (by dimension),
    and how a value is written ("62,0%", "1.600")."""

    title: str
    measure: str
    rows: dict
    columns: dict
    value_text: Callable[[float | None], str]


def _positions(count: int) -> list[int]:
    return list(range(count))


def explore_chart(grouped, chart: str, labels: ExploreLabels) -> go.Figure:
    """A bar, line or heatmap figure of an analytics.explore.Grouped answer. Every mark carries its keys as
    customdata ([row key, column key]) so a click can open the records behind it. Categories are placed by
    position, their labels written as tick text: two names that read the same once shortened stay two bars."""
    question = grouped.question
    measure = question.measure
    row_keys = list(grouped.row_totals["row_key"])
    col_keys = list(grouped.column_totals["col_key"]) if question.columns else [None]
    if chart == "heatmap":
        return _explore_heatmap(grouped, row_keys, col_keys, labels)
    time_axis = chart == "line" or question.rows in TIME_DIMENSIONS
    values = _explore_values(grouped, row_keys, col_keys, measure)
    fig = go.Figure()
    stacked = chart == "bar" and question.columns is not None and measure in COUNT_MEASURES
    row_text = [labels.rows.get(k, str(k)) for k in row_keys]
    for index, col_key in enumerate(col_keys):
        series = values[index]
        name = html.escape(labels.columns.get(col_key, str(col_key))) if question.columns else labels.measure
        common = {
            "name": name,
            "customdata": [[r, col_key] for r in row_keys],
            "hovertext": [html.escape(text) for text in row_text],
            "hovertemplate": "%{hovertext}" + (f" · {name}" if question.columns else "") + ": %{text}<extra></extra>",
            "text": [labels.value_text(v) for v in series],
        }
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)] if question.columns else BLOCK_COLOURS["government"]
        if chart == "line":
            fig.add_scatter(x=_positions(len(row_keys)), y=series, mode="lines+markers+text" if not question.columns
                            else "lines+markers", textposition="top center",
                            line={"color": colour, "width": 4}, marker={"size": 12, "color": colour},
                            textfont={"size": BASE_FONT, "color": TEXT}, cliponaxis=False, **common)
        elif time_axis:
            fig.add_bar(x=_positions(len(row_keys)), y=series, marker_color=colour,
                        textposition="outside" if not stacked else "inside", cliponaxis=False,
                        textfont={"size": BASE_FONT, "color": TEXT}, **_bar_selection(), **common)
        else:
            fig.add_bar(y=_positions(len(row_keys)), x=series, orientation="h", marker_color=colour,
                        textposition="outside" if not stacked else "inside", cliponaxis=False,
                        insidetextanchor="middle", textfont={"size": BASE_FONT, "color": TEXT},
                        **_bar_selection(), **common)
    # Numbers that do not fit inside a stacked segment are left out rather than shrunk below projector size.
    fig.update_layout(barmode="stack" if stacked else "group", bargap=0.25,
                      showlegend=question.columns is not None, uniformtext={"minsize": BASE_FONT - 4, "mode": "hide"})
    ticks = {"tickmode": "array", "tickvals": _positions(len(row_keys)),
             "ticktext": [axis_label(text) + " " for text in row_text]}
    value_axis = {"title": {"text": html.escape(labels.measure), "font": {"size": BASE_FONT}}, "rangemode": "tozero"}
    if measure == "on_time_rate":
        value_axis |= {"tickformat": ".0%", "range": [0, 1.15]}
    if chart == "line" or time_axis:
        fig.update_xaxes(**ticks, tickangle=-45 if len(row_keys) > 8 else 0)
        fig.update_yaxes(**value_axis)
        height = 520
    else:
        fig.update_yaxes(**ticks, autorange="reversed")  # the first group on top
        fig.update_xaxes(**value_axis)
        bars = len(row_keys) * (1 if stacked or not question.columns else min(len(col_keys), 4))
        height = 200 + BAR_HEIGHT * max(bars, 1)
    _layout(fig, labels.title, height)
    return _legend_below(fig, labels.title, height) if question.columns else fig


def _bar_selection() -> dict:
    # After a click the other bars stay readable (Plotly's default fades them to 0.2).
    return {"selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 0.55}}}


def _explore_values(grouped, row_keys: list, col_keys: list, measure: str) -> list[list[float | None]]:
    """One list of values per column key, in row order (None where a cell has no tasks)."""
    empty = 0.0 if measure in COUNT_MEASURES else None  # no task: a count of 0, no rate
    if grouped.question.columns is None:
        series = grouped.row_totals[measure]
        return [[empty if pd.isna(v) else float(v) for v in series]]
    table = grouped.pivot(measure)
    return [[empty if pd.isna(table.at[r, c]) else float(table.at[r, c]) for r in row_keys] for c in col_keys]


def _explore_heatmap(grouped, row_keys: list, col_keys: list, labels: ExploreLabels) -> go.Figure:
    """Rows x columns coloured by the measure, the value written in each cell. Plotly reports no clicks on a
    heatmap, so each cell also carries an invisible marker that can be clicked."""
    values = _explore_values(grouped, row_keys, col_keys, grouped.question.measure)
    z = [[values[c][r] for c in range(len(col_keys))] for r in range(len(row_keys))]
    x = _positions(len(col_keys))
    y = _positions(len(row_keys))
    fig = go.Figure(go.Heatmap(z=z, x=x, y=y, colorscale=HEAT_SCALE, showscale=True, hoverinfo="skip",
                               xgap=2, ygap=2, colorbar={"tickfont": {"size": BASE_FONT}}))
    cells = [(r, c) for r in range(len(row_keys)) for c in range(len(col_keys)) if z[r][c] is not None]
    top = max((z[r][c] for r, c in cells), default=0) or 1
    fig.add_scatter(
        x=[c for _, c in cells], y=[r for r, _ in cells], mode="markers+text",
        text=[labels.value_text(z[r][c]) for r, c in cells],
        textfont={"size": BASE_FONT - 2,
                  "color": ["white" if z[r][c] / top > 0.55 else TEXT for r, c in cells]},
        marker={"size": 34, "symbol": "square", "opacity": 0.01, "color": "white"},
        customdata=[[row_keys[r], col_keys[c]] for r, c in cells],
        hovertext=[html.escape(labels.rows.get(row_keys[r], str(row_keys[r])) + " · "
                               + labels.columns.get(col_keys[c], str(col_keys[c]))) for r, c in cells],
        hovertemplate="%{hovertext}: %{text}<extra></extra>", showlegend=False,
        selected={"marker": {"opacity": 0.01}}, unselected={"marker": {"opacity": 0.01}},
    )
    column_text = [labels.columns.get(k, str(k)) for k in col_keys] if grouped.question.columns else [labels.measure]
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=[axis_label(v) for v in column_text],
                     tickangle=-45 if len(col_keys) > 4 else 0, showgrid=False)
    fig.update_yaxes(tickmode="array", tickvals=y, autorange="reversed", showgrid=False,
                     ticktext=[axis_label(labels.rows.get(k, str(k))) for k in row_keys])
    fig.update_layout(showlegend=False)
    return _layout(fig, labels.title, 300 + BAR_HEIGHT * max(len(row_keys), 1))


def overdue_by_due_month(frame: pd.DataFrame, labels: list[str], title: str, axis_title: str) -> go.Figure:
    """Overdue tasks by the month their deadline passed, oldest on the left: since when work has been late.
    `frame`: month ("2023-09"), overdue; `labels`: each month as written ("09/2023"); customdata carries the
    month for click-through."""
    bars = {
        "type": "bar", "x": labels, "y": frame["overdue"].tolist(), "customdata": frame["month"].tolist(),
        "marker": {"color": TREND_COLOUR}, "text": frame["overdue"].tolist(), "textposition": "outside",
        "textfont": {"size": BASE_FONT, "color": TEXT}, "cliponaxis": False,
        "hovertemplate": "%{x}: %{y}<extra></extra>",
        "selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 0.35}},
    }
    top = int(frame["overdue"].max()) if len(frame) else 1
    return _figure([bars], title, 420, xaxis={"type": "category", "tickangle": -45 if len(frame) > 8 else 0},
                   yaxis={"title": {"text": axis_title, "font": {"size": BASE_FONT}}, "range": [0, max(top, 1) * 1.2]})


def _same(value: object, key: object) -> bool:
    """customdata as Plotly keeps it (a tuple or array for [row, column] keys) against a key."""
    if isinstance(key, list):
        return list(value) == key if hasattr(value, "__len__") and not isinstance(value, str) else False
    return value == key


def highlight(fig: go.Figure, key: object) -> go.Figure:
    """Show one mark as chosen (a cross-filter): the bars whose customdata is `key` stay bright, the others
    fade, as after a click on them."""
    if key is None:
        return fig
    for trace in fig.data:
        if trace.type == "bar" and trace.customdata is not None:
            trace.selectedpoints = [i for i, value in enumerate(trace.customdata) if _same(value, key)]
    return fig
