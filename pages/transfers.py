"""Đùn đẩy: work pushed up to a higher level or sideways to another unit. Tasks moved two or more times,
returned or escalated; which units pass work away and to whom; how lateness grows with each move."""

import pandas as pd
import streamlit as st

from analytics import accountability, charts
from analytics.exports import table_xlsx
from analytics.i18n import fmt_date, fmt_int, fmt_pct
from pages.common import (
    CHART,
    analysis_page,
    cached,
    download_button,
    friendly_errors,
    lang,
    through_app_shell,
    tr,
)

ACTIONS = ("transfer", "return", "escalation")


def moves_label(moves: int) -> str:
    return tr("push.moves_3") if moves >= 3 else tr(f"push.moves_{moves}")


through_app_shell("pages/transfers.py")
with friendly_errors():
    store, view, compare, snapshot = analysis_page("nav.transfers")

    counts = cached(store, accountability.pushed_counts, view)
    flows = cached(store, accountability.transfer_flows, view)
    st.header(tr("push.heading", as_of=fmt_date(view.as_of)))
    st.caption(tr("push.definition"))
    metrics = st.columns(4)
    metrics[0].metric(tr("push.moved_twice"), fmt_int(counts["moved_twice"], lang()),
                      help=tr("push.moved_help", moved=fmt_int(counts["moved"], lang())))
    metrics[1].metric(tr("push.returned"), fmt_int(counts["returned"], lang()))
    metrics[2].metric(tr("push.escalated"), fmt_int(counts["escalated"], lang()), help=tr("push.escalated_help"))
    metrics[3].metric(tr("push.pushed_overdue"), fmt_int(counts["pushed_overdue"], lang()))

    if flows.empty:
        history = cached(store, accountability.has_history)
        st.info(tr("push.no_moves" if history else "push.no_history"), icon=":material/history:")
    else:
        st.subheader(tr("push.flows_heading", as_of=fmt_date(view.as_of)))
        action_labels = {a: tr(f"action.{a}") for a in ACTIONS}
        st.plotly_chart(charts.transfer_flows(flows, "", action_labels, tr("push.unknown_target")), **CHART)
        st.caption(tr("push.flows_note"))
        table = accountability.passers(flows)
        st.subheader(tr("push.passers_heading"))
        st.dataframe(pd.DataFrame({
            tr("col.unit"): table["unit"],
            tr("action.transfer"): table["transfer"],
            tr("action.return"): table["return"],
            tr("action.escalation"): table["escalation"],
            tr("push.total"): table["total"],
            tr("push.top_target"): table["top_target"].fillna(""),
        }), hide_index=True, width="stretch", height=min(40 * (len(table) + 1) + 3, 480), row_height=40)

    by_moves = cached(store, accountability.lateness_by_moves, view)
    st.subheader(tr("push.lateness_heading", as_of=fmt_date(view.as_of)))
    if by_moves["came_due"].sum():
        labels = [moves_label(int(m)) for m in by_moves["moves"]]
        texts = [f"{fmt_pct(None if pd.isna(r) else r, lang())} ({late}/{due})"
                 for r, late, due in zip(by_moves["late_rate"], by_moves["late"], by_moves["came_due"], strict=True)]
        st.plotly_chart(charts.lateness_by_moves(by_moves, "", labels, tr("officers.late_rate"), texts), **CHART)
        st.caption(tr("push.lateness_note"))

    pushed = cached(store, accountability.pushed_tasks, view)
    total = counts["pushed"]
    st.subheader(tr("push.tasks_heading", count=fmt_int(total, lang())))
    if not pushed.empty:
        columns = ("task_id", "title", "unit", "moves", "returns", "escalations", "state", "days_overdue", "cause")
        header = [tr(f"col.{c}") if c not in ("moves", "returns", "escalations") else tr(f"push.col_{c}")
                  for c in columns]

        def table_rows(frame: pd.DataFrame) -> list[list]:
            return [[row[c] if c != "state" else tr(f"state.{row[c]}") for c in columns]
                    for row in frame.to_dict("records")]

        rows = table_rows(pushed)
        st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", row_height=40,
                     height=min(40 * (len(rows) + 1) + 3, 600),
                     column_config={tr("col.title"): st.column_config.TextColumn(width="large")})
        if total > len(rows):
            st.caption(tr("push.shown_first", shown=fmt_int(len(rows), lang()), total=fmt_int(total, lang()),
                          exported=fmt_int(min(total, accountability.PUSHED_EXPORTED), lang())))

        def workbook() -> bytes:  # made when clicked: up to PUSHED_EXPORTED tasks, read then
            with store.connect() as con:
                every = table_rows(accountability.pushed_tasks(con, view, accountability.PUSHED_EXPORTED))
            clean = [[("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for v in r] for r in every]
            return table_xlsx(header, clean, [tr("push.tasks_heading", count=fmt_int(total, lang()))],
                              sheet="Dun day")

        download_button(st, tr("export.xlsx"), workbook, f"dun_day_{view.as_of:%Y%m%d}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:", key="pushed_xlsx")
