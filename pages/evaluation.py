"""Đánh giá: per officer or unit and period, the register's evidence for the monthly and quarterly rating of
Nghị định 335/2025/NĐ-CP — work due, on time, late (objective or not), not done, quantity and progress — and the
tasks behind each deduction (analytics.evaluation; docs/design.md §4.8)."""

import dataclasses

import pandas as pd
import streamlit as st

from analytics import charts, evaluation, settings
from analytics.exports import table_xlsx
from analytics.i18n import fmt_date, fmt_int, fmt_pct
from pages.common import (
    CHART,
    analysis_page,
    cached,
    download_button,
    explore_door,
    figure,
    filters_text,
    friendly_errors,
    from_url,
    lang,
    plain,
    through_app_shell,
    to_url,
    tr,
)

BY = ("officer", "unit")
CUTOFF_DAYS = (1, 15)  # calendar months, or the reporting regime's (Nghị định 09/2019/NĐ-CP Điều 12)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pct(value: object) -> str:
    """A percentage of analytics.evaluation (0-100, missing when nothing was due) as the other pages write one."""
    return fmt_pct(None if value is None or pd.isna(value) else float(value) / 100, lang())


def period_label(code: str) -> str:
    if "-Q" in code:
        year, quarter = code.split("-Q")
        return tr("evaluation.quarter", quarter=quarter, year=year)
    if "-" in code:
        year, month = code.split("-")
        return tr("evaluation.month", month=int(month), year=year)
    return tr("evaluation.year", year=code)


def results_table(frame: pd.DataFrame, by: str) -> tuple[list[str], list[list]]:
    first = [tr("col.assignee"), tr("col.unit")] if by == "officer" else [tr("col.unit"), tr("col.block")]
    header = [*first, tr("evaluation.due"), tr("evaluation.on_time"), tr("evaluation.late"),
              tr("evaluation.late_objective"), tr("evaluation.not_done"), tr("evaluation.no_deadline"),
              tr("evaluation.quantity"), tr("evaluation.progress")]
    rows = []
    for row in frame.to_dict("records"):
        key = row["key"] if not pd.isna(row["key"]) else tr("officers.no_officer")
        second = row.get("unit") if by == "officer" else tr(f"block.{row['block']}")
        rows.append([key, "" if second is None or pd.isna(second) else second, row["due"], row["on_time"],
                     row["late"], row["late_objective"], row["not_done"], row["no_deadline"],
                     pct(row["quantity_pct"]), pct(row["progress_pct"])])
    return header, rows


through_app_shell("pages/evaluation.py")
with friendly_errors():
    store, view, compare, snapshot = analysis_page("nav.evaluation")
    st.caption(tr("evaluation.intro"))

    codes = evaluation.recent_periods(view.as_of)
    default = codes[1]  # last month: the rating is made on the 1st for the month before
    controls = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    from_url("period", codes)
    chosen = controls[0].selectbox(tr("evaluation.period"), codes, index=1, key="period", format_func=period_label)
    to_url("period", chosen, default)
    from_url("cutoff", [str(day) for day in CUTOFF_DAYS])
    cutoff = controls[1].selectbox(tr("evaluation.cutoff"), [str(day) for day in CUTOFF_DAYS], key="cutoff",
                                   format_func=lambda day: tr(f"evaluation.cutoff_{day}"),
                                   help=tr("evaluation.cutoff_help"))
    to_url("cutoff", cutoff, "1")
    offered = BY if view.access.sees_details else ("unit",)  # a guest sees units' figures only
    from_url("evaluate_by", offered)
    by = controls[2].segmented_control(tr("officers.by"), offered, format_func=lambda b: tr(f"officers.by_{b}"),
                                       default=offered[0], key="evaluate_by", required=True)
    to_url("evaluate_by", by, offered[0])
    names_allowed = settings.officer_names_visible()
    hide = controls[3].toggle(tr("brief.hide_names"), key="evaluation_hide", bind="query-params",
                              disabled=not names_allowed or by == "unit",
                              help=tr("brief.hide_names_help") if names_allowed else tr("officers.names_off"))
    view = dataclasses.replace(view, hide_names=view.hide_names or bool(hide))
    period = evaluation.parse_period(chosen, int(cutoff))
    judged = evaluation.judged_day(view, period)

    heading = tr("evaluation.heading", who=tr(f"officers.by_{by}").lower(), period=period_label(chosen),
                 start=fmt_date(period.start), end=fmt_date(period.end))
    st.header(heading)
    lines = [tr("evaluation.definition"), tr("evaluation.judged", day=fmt_date(judged))]
    if judged < period.end:
        lines.append(tr("evaluation.running", end=fmt_date(period.end)))
    for line in lines:
        st.caption(line)
    if view.hide_names:
        st.caption(tr("brief.names_hidden"))

    results = cached(store, evaluation.evaluate, view, period, by)
    rated = results[results["due"] > 0]
    if results.empty:
        st.info(tr("evaluation.nothing_due"), icon=":material/event_available:")
        st.stop()
    header, rows = results_table(results, by)
    table = st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch",
                         height=min(40 * (len(rows) + 1) + 3, 640), row_height=40, key="evaluation_table",
                         on_select="rerun", selection_mode="single-row")
    preamble = [heading, *lines, tr("evaluation.filters", filters=filters_text(view.filters) or tr("doc.no_filters"))]
    download_button(st, tr("export.xlsx"), lambda: table_xlsx(header, rows, preamble, sheet="Danh gia"),
                    f"danh_gia_{chosen.lower()}.xlsx", icon=":material/download:", mime=XLSX, key="evaluation_xlsx")

    # --- progress over the last periods of the same kind ---
    codes_before = evaluation.earlier_periods(chosen)
    if len(codes_before) > 1:
        st.header(tr("evaluation.trend_heading", who=tr(f"officers.by_{by}").lower(), count=len(codes_before)))
        history = cached(store, evaluation.trend, view, codes_before, by, int(cutoff))
        worst = rated.sort_values(["progress_pct", "due"], ascending=[True, False], kind="stable")["key"].dropna()
        shown_keys = st.multiselect(tr("officers.trend_who"), sorted(set(history["key"].dropna())),
                                    default=list(worst[:5]), key=f"evaluation_trend_{by}", max_selections=8,
                                    placeholder=tr("officers.trend_placeholder"))
        if shown_keys:
            part = history[history["key"].isin(shown_keys)].rename(columns={"progress_pct": "share"})
            fig = figure(charts.share_trend, part, tr("evaluation.trend_chart", who=tr(f"officers.by_{by}").lower()),
                         "key", {code: period_label(code) for code in codes_before}, tr("evaluation.progress"))
            st.plotly_chart(fig, **CHART)

    # --- the tasks behind one row's deductions ---
    selected = table.selection.rows if table is not None else []
    if not selected or not view.access.sees_details:
        st.caption(tr("evaluation.pick_hint"))
        st.stop()
    key = results.iloc[selected[0]]["key"]
    key = None if pd.isna(key) else str(key)
    tasks = cached(store, evaluation.behind, view, period, by, key)
    st.subheader(plain(tr("evaluation.behind", who=key or tr("officers.no_officer"),
                          count=fmt_int(len(tasks), lang()))))
    if tasks.empty:
        st.success(tr("evaluation.nothing_behind"), icon=":material/check_circle:")
    else:
        shown = pd.DataFrame({
            tr("col.task_id"): tasks["task_id"], tr("col.title"): tasks["title"], tr("col.unit"): tasks["unit"],
            tr("col.effective_due"): [fmt_date(v) for v in tasks["effective_due"]],
            tr("col.completed_date"): [fmt_date(v) if not pd.isna(v) else "" for v in tasks["completed_date"]],
            tr("evaluation.days_late"): [int(v) if not pd.isna(v) else None for v in tasks["days_late"]],
            tr("evaluation.deduction"): [tr("evaluation.not_done_short") if pd.isna(done) else
                                         tr("evaluation.exempt") if objective else tr("evaluation.minus_25")
                                         for done, objective in zip(tasks["completed_date"], tasks["objective"],
                                                                    strict=True)],
            tr("col.cause"): tasks["cause"].fillna(""),
        })
        st.dataframe(shown, hide_index=True, width="stretch")
    if key is not None and not hide:
        explore_door(tr("officers.explore", who=key, start=fmt_date(period.start), end=fmt_date(period.end)),
                     **{"officer" if by == "officer" else "unit": [key], "rows": ["state"], "measure": ["tasks"],
                        "due_from": [period.start.isoformat()], "due_to": [period.end.isoformat()]})
