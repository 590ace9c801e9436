"""Cán bộ: each officer's (or unit's) rate of late tasks per quarter, flagged above a threshold (HCMC's 5%
rule: no "excellent" rating above it), the trend over the last quarters, and who to commend."""

import dataclasses

import pandas as pd
import streamlit as st

from analytics import accountability, charts, settings
from analytics.exports import table_xlsx
from analytics.i18n import fmt_date, fmt_int, fmt_pct
from pages.common import (
    CHART,
    analysis_page,
    cached,
    download_button,
    explore_door,
    friendly_errors,
    from_url,
    lang,
    plain,
    through_app_shell,
    to_url,
    tr,
)

QUARTERS_SHOWN = 8
TREND_QUARTERS = 4
BY = ("officer", "unit")


def period_code(period: accountability.Period) -> str:
    return f"{period.start.year}q{period.quarter}"


def period_label(period: accountability.Period) -> str:
    label = tr("officers.quarter", quarter=period.quarter, year=period.start.year)
    return label if period.complete else tr("officers.quarter_to_date", quarter=label, date=fmt_date(period.end))


def rates_table(rates: pd.DataFrame, by: str, threshold: float) -> tuple[list[str], list[list]]:
    """The rating table in the user's language: who, where, came due, on time, late, overdue, rate, flag."""
    first = [tr("col.assignee"), tr("col.unit")] if by == "officer" else [tr("col.unit"), tr("col.block")]
    header = [*first, tr("officers.came_due"), tr("state.done_on_time"), tr("state.done_late"), tr("state.overdue"),
              tr("officers.late_rate"), tr("officers.flag", threshold=fmt_pct(threshold, lang())),
              tr("officers.overdue_earlier")]
    flags = accountability.above_threshold(rates, threshold)
    rows = []
    for row, flagged in zip(rates.to_dict("records"), flags, strict=True):
        officer = tr("officers.no_officer") if by == "officer" and pd.isna(row["officer"]) else row.get("officer")
        who = [officer, row["unit"]] if by == "officer" else [
            row["unit"], tr(f"block.{row['block']}")]
        rows.append([*who, row["came_due"], row["done_on_time"], row["done_late"], row["overdue"],
                     fmt_pct(None if pd.isna(row["late_rate"]) else row["late_rate"], lang()),
                     tr("officers.above") if flagged else "", row["overdue_earlier"]])
    return header, rows


def commend_table(best: pd.DataFrame, by: str) -> pd.DataFrame:
    key = "officer" if by == "officer" else "unit"
    return pd.DataFrame({
        tr("col.assignee") if by == "officer" else tr("col.unit"): best[key],
        tr("officers.on_time_rate"): [fmt_pct(v, lang()) for v in best["on_time_rate"]],
        tr("state.done_on_time"): best["done_on_time"],
        tr("officers.came_due"): best["came_due"],
    })


through_app_shell("pages/officers.py")
with friendly_errors():
    store, view, compare, snapshot = analysis_page("nav.officers")

    periods = accountability.quarters(view.as_of, QUARTERS_SHOWN)[::-1]  # newest first
    codes = [period_code(p) for p in periods]
    # The rating is made on finished quarters: default to the last one, unless the as-of day ends a quarter.
    default = codes[0] if periods[0].complete or len(periods) == 1 else codes[1]
    controls = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    from_url("quarter", codes)
    chosen = controls[0].selectbox(tr("officers.period"), codes, index=codes.index(default), key="quarter",
                                   format_func=lambda c: period_label(periods[codes.index(c)]))
    to_url("quarter", chosen, default)
    period = periods[codes.index(chosen)]
    threshold_percent = controls[1].number_input(
        tr("officers.threshold"), min_value=0.0, max_value=100.0, value=accountability.LATE_RATE_THRESHOLD * 100,
        step=0.5, format="%.1f", key="threshold", bind="query-params", help=tr("officers.threshold_help"))
    threshold = float(threshold_percent) / 100
    from_url("rate_by", BY)
    by = controls[2].segmented_control(tr("officers.by"), BY, format_func=lambda b: tr(f"officers.by_{b}"),
                                       default="officer", key="rate_by", required=True)
    to_url("rate_by", by, "officer")
    names_allowed = settings.officer_names_visible()
    hide = controls[3].toggle(tr("brief.hide_names"), key="officers_hide", bind="query-params",
                              disabled=not names_allowed,
                              help=tr("brief.hide_names_help") if names_allowed else tr("officers.names_off"))
    view = dataclasses.replace(view, hide_names=view.hide_names or bool(hide))

    rates = cached(store, accountability.late_rates, view, period, by)
    rated = rates[rates["came_due"] > 0]
    flagged = rated[accountability.above_threshold(rated, threshold)]
    who = tr(f"officers.by_{by}").lower()
    st.header(tr("officers.heading", who=who, period=period_label(period), start=fmt_date(period.start),
                 end=fmt_date(period.end)))
    st.caption(tr("officers.definition", threshold=fmt_pct(threshold, lang())))
    if view.hide_names:
        st.caption(tr("brief.names_hidden"))
    came_due = int(rated["came_due"].sum())
    late = int(rated["late"].sum())
    metrics = st.columns(4)
    metrics[0].metric(tr(f"officers.rated_{by}"), fmt_int(len(rated), lang()))
    metrics[1].metric(tr("officers.above_count", threshold=fmt_pct(threshold, lang())), fmt_int(len(flagged), lang()))
    metrics[2].metric(tr("officers.came_due"), fmt_int(came_due, lang()))
    metrics[3].metric(tr("officers.overall_late_rate"), fmt_pct(late / came_due if came_due else None, lang()))

    if rated.empty:
        st.info(tr("officers.nothing_due"), icon=":material/event_available:")
    else:
        header, rows = rates_table(rated, by, threshold)
        table = st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch",
                             height=min(40 * (len(rows) + 1) + 3, 640), row_height=40, key="officers_table",
                             on_select="rerun", selection_mode="single-row")
        selected = table.selection.rows if table is not None else []
        # The door to the tasks behind a row: those that came due in the period, in Khám phá. Not for a code
        # hidden on this page only (Khám phá shows names there) nor for tasks without an officer.
        who_key = "officer" if by == "officer" else "unit"
        if selected and not (hide and names_allowed) and not pd.isna(rated.iloc[selected[0]][who_key]):
            name = str(rated.iloc[selected[0]][who_key])
            explore_door(tr("officers.explore", who=name, start=fmt_date(period.start), end=fmt_date(period.end)),
                         **{"officer" if by == "officer" else "unit": [name], "rows": ["due_month"],
                            "measure": ["on_time_rate"], "due_from": [period.start.isoformat()],
                            "due_to": [period.end.isoformat()]})
        else:
            st.caption(tr("officers.explore_hint"))
        preamble = [tr("officers.heading", who=who, period=period_label(period), start=fmt_date(period.start),
                       end=fmt_date(period.end)), tr("officers.definition", threshold=fmt_pct(threshold, lang()))]
        download_button(st, tr("export.xlsx"), lambda: table_xlsx(header, rows, preamble, sheet="Ty le tre han"),
                        f"ty_le_tre_han_{period_code(period)}.xlsx", icon=":material/download:",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="officers_xlsx")

    st.header(tr("officers.trend_heading", who=who, count=TREND_QUARTERS))
    trend_periods = accountability.quarters(period.end, TREND_QUARTERS)
    trend = cached(store, accountability.late_rate_trend, view, trend_periods, by)
    key = "officer" if by == "officer" else "unit"
    names = [n for n in rated.sort_values("late", ascending=False, kind="stable")[key].dropna()]
    shown = st.multiselect(tr("officers.trend_who"), sorted(set(trend[key].dropna())), default=names[:5],
                           key=f"trend_{by}", max_selections=8, placeholder=tr("officers.trend_placeholder"))
    if shown:
        labels = {p.start: period_label(p) for p in trend_periods}
        fig = charts.late_rate_trend(
            trend[trend[key].isin(shown)], tr("officers.trend_chart", who=who), key, labels, threshold,
            tr("officers.threshold_line", threshold=fmt_pct(threshold, lang())), tr("officers.late_rate"))
        st.plotly_chart(fig, **CHART)

    st.header(tr("officers.commend_heading", period=period_label(period)))
    minimum = st.number_input(tr("officers.commend_min"), min_value=1, max_value=1000,
                              value=accountability.COMMEND_MIN_DUE, step=1, key="commend_min", bind="query-params")
    left, right = st.columns(2)
    unit_rates = rates if by == "unit" else cached(store, accountability.late_rates, view, period, "unit")
    officer_rates = rates if by == "officer" else cached(store, accountability.late_rates, view, period, "officer")
    for column, frame, kind in ((left, unit_rates, "unit"), (right, officer_rates, "officer")):
        column.subheader(tr(f"officers.commend_{kind}"))
        best = accountability.best_on_time(frame, int(minimum))
        if best.empty:
            column.caption(tr("officers.commend_none", minimum=int(minimum)))
        else:
            column.dataframe(commend_table(best, kind), hide_index=True, width="stretch")
    st.caption(plain(tr("officers.commend_note")))
