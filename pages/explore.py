"""Khám phá: specialists ask their own questions of the register (group by one or two dimensions, a
measure, a chart or a table), click any bar, cell or point for the tasks behind it, and send the link.

Every choice is in the URL. A change made on the page writes the URL in one step (a new browser history
entry, so the back button returns to the previous view); a URL that differs from what the page last wrote
(back, forward, an opened link) is read back into the widgets.
"""

from __future__ import annotations

import dataclasses
import functools
import math

import pandas as pd
import streamlit as st

from analytics import charts, explore
from analytics.exports import table_csv, table_xlsx
from analytics.i18n import fmt_date, fmt_int, t
from analytics.schema import STATES
from analytics.store import Store
from pages.common import (
    CHART,
    SWITCHED,
    analysis_page,
    cached,
    download_button,
    filters_caption,
    filters_text,
    friendly_errors,
    lang,
    lineage_caption,
    plain,
    through_app_shell,
    tr,
)

NO_COLUMNS = "-"  # the "and by" choice meaning one dimension only
CHART_LIMITS = {"bar": (40, 12), "line": (60, 12), "heatmap": (40, 30), "table": (200, 30)}  # rows, columns
RECORD_TABLE_COLUMNS = ("task_id", "title", "unit", "assignee", "effective_due", "completed_date", "state",
                        "days_overdue", "cause")
ROW_HEIGHT = 40
# Groups in a figures download (rows, columns), one dimension / two: a file stays a table one can read.
FIGURES_LIMITS = {False: (explore.EXPORT_LIMIT, 1), True: (10_000, 100)}
_PICK, _NONCE, _WRITTEN, _TABLE_KEYS = "_ex_pick", "_ex_nonce", "_ex_written", "_ex_table_keys"
_SIDEBAR = "_ex_sidebar_view"  # the sidebar's view on the last run, to notice a change


# --- the page's state: widgets <-> ExploreState <-> URL ---------------------------------------------------

def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in explore.URL_KEYS if st.query_params.get_all(key)}


def _load(state: explore.ExploreState) -> None:
    """Put a state into the widgets (before they are drawn)."""
    ss, q = st.session_state, state.question
    ss.update({
        "ex_rows": q.rows, "ex_cols": q.columns or NO_COLUMNS, "ex_measure": q.measure, "ex_order": q.order,
        "ex_chart": state.chart, "ex_states": list(q.states), "ex_aging": list(q.buckets),
        "ex_officer": list(state.assignees), "ex_q": state.search,
        "ex_assigned_from": state.assigned_from, "ex_assigned_to": state.assigned_to,
        "ex_due_from": state.due_from, "ex_due_to": state.due_to,
        "ex_sort": state.sort, "ex_desc": state.descending, "ex_size": state.page_size, "ex_page": state.page,
        _PICK: state.pick, _NONCE: ss.get(_NONCE, 0) + 1,
    })


def _state_from_widgets() -> explore.ExploreState:
    ss = st.session_state
    rows = ss["ex_rows"]
    columns = None if ss["ex_cols"] in (NO_COLUMNS, rows) else ss["ex_cols"]
    question = explore.Question(rows, columns, ss["ex_measure"], ss["ex_order"], tuple(ss["ex_states"]),
                                tuple(ss["ex_aging"]))
    pick = ss.get(_PICK)
    if pick is not None and pick.has_column and not columns:
        pick = explore.Pick(pick.row_key)
    return explore.ExploreState(
        question=question, chart=ss["ex_chart"], assignees=tuple(ss["ex_officer"]), search=ss["ex_q"] or "",
        assigned_from=ss["ex_assigned_from"], assigned_to=ss["ex_assigned_to"], due_from=ss["ex_due_from"],
        due_to=ss["ex_due_to"], pick=pick, sort=ss["ex_sort"], descending=ss["ex_desc"],
        page=ss["ex_page"], page_size=ss["ex_size"],
    )


def _write_url(state: explore.ExploreState) -> None:
    """The state into the URL, in one message (one history entry); unchanged URLs are left alone."""
    params = explore.to_params(state)
    if params != _url_params():
        st.query_params.update({key: params.get(key, []) for key in explore.URL_KEYS})
    st.session_state[_WRITTEN] = params


def _new_question() -> None:
    """A new grouping or filter, or the pick cleared: the picked group and the page no longer apply (the
    chart gets a new key, so it drops the selection it shows)."""
    st.session_state[_PICK] = None
    st.session_state["ex_page"] = 1
    st.session_state[_NONCE] = st.session_state.get(_NONCE, 0) + 1


def _first_page() -> None:
    st.session_state["ex_page"] = 1


def _clear_more_filters() -> None:
    st.session_state.update({"ex_states": [], "ex_aging": [], "ex_officer": [], "ex_assigned_from": None,
                             "ex_assigned_to": None, "ex_due_from": None, "ex_due_to": None})
    _new_question()


def _step_page(step: int) -> None:
    st.session_state["ex_page"] = max(1, st.session_state.get("ex_page", 1) + step)


def _forget_details() -> None:
    """A guest's link or state naming officers, documents or words of titles: as if it did not."""
    ss = st.session_state
    if ss.get("ex_rows") in explore.DETAIL_DIMENSIONS:
        ss["ex_rows"] = explore.Question().rows
    if ss.get("ex_cols") in explore.DETAIL_DIMENSIONS:
        ss["ex_cols"] = NO_COLUMNS
    ss["ex_officer"] = []
    ss["ex_q"] = ""


def _picked_on_chart(key: str) -> None:
    """A click on a bar, point or heatmap cell: its keys are the marks' customdata."""
    points = st.session_state.get(key, {}).get("selection", {}).get("points", [])
    keys = next((p["customdata"] for p in points if isinstance(p.get("customdata"), list)), None)
    has_column = st.session_state.get("ex_cols", NO_COLUMNS) != NO_COLUMNS
    st.session_state[_PICK] = explore.Pick(keys[0], keys[1], has_column) if keys else None
    st.session_state["ex_page"] = 1


def _picked_in_table(key: str) -> None:
    """A click on a cell of the table: its row's key and, under a column of the second dimension, that key.
    The label column picks the whole row; the total row clears the choice."""
    cells = st.session_state.get(key, {}).get("selection", {}).get("cells", [])
    row_keys, column_keys = st.session_state.get(_TABLE_KEYS, ([], {}))
    st.session_state[_PICK] = explore.pick_from_cell(row_keys, column_keys, *cells[0]) if cells else None
    st.session_state["ex_page"] = 1


# --- drawing --------------------------------------------------------------------------------------------

def _labels(dimension: str | None, keys) -> dict:
    return {key: explore.key_label(dimension, key, lang()) for key in keys} if dimension else {}


def controls(options: dict, details: bool) -> None:
    """The question's widgets; without `details` (a guest) no grouping or filtering by officer."""
    dimensions = [d for d in explore.DIMENSIONS if details or d not in explore.DETAIL_DIMENSIONS]
    top = st.columns([2, 2, 2, 3])
    top[0].selectbox(tr("explore.rows"), dimensions, format_func=lambda d: tr(f"dim.{d}"), key="ex_rows",
                     on_change=_new_question)
    top[1].selectbox(tr("explore.columns"), [NO_COLUMNS, *[d for d in dimensions if d != st.session_state["ex_rows"]]],
                     format_func=lambda d: tr("explore.no_columns") if d == NO_COLUMNS else tr(f"dim.{d}"),
                     key="ex_cols", on_change=_new_question)
    top[2].selectbox(tr("explore.measure"), explore.MEASURES, format_func=lambda m: tr(f"measure.{m}"),
                     key="ex_measure", help=tr("measure.help"), on_change=_first_page)
    if details:  # a guest's figures are not narrowed down to the words of a title
        top[3].text_input(tr("explore.search"), key="ex_q", placeholder=tr("explore.search_placeholder"),
                          help=tr("explore.search_help"), on_change=_new_question, max_chars=200)
    row = st.container(horizontal=True)
    row.segmented_control(tr("explore.chart"), explore.CHARTS, format_func=lambda c: tr(f"chart_kind.{c}"),
                          key="ex_chart", required=True)
    row.segmented_control(tr("explore.order"), explore.ORDERS, format_func=lambda o: tr(f"order.{o}"),
                          key="ex_order", required=True, on_change=_first_page)
    ss = st.session_state
    extra = any(ss[k] for k in ("ex_states", "ex_aging", "ex_officer", "ex_assigned_from", "ex_assigned_to",
                                "ex_due_from", "ex_due_to"))
    with st.expander(tr("explore.more_filters"), expanded=extra, icon=":material/filter_alt:"):
        first = st.columns(3)
        first[0].multiselect(tr("explore.states"), STATES, format_func=lambda s: tr(f"state.{s}"), key="ex_states",
                             placeholder=tr("sidebar.any"), on_change=_new_question)
        first[1].multiselect(tr("explore.aging"), explore.FIXED_ORDER["aging"],
                             format_func=lambda b: explore.key_label("aging", b, lang()), key="ex_aging",
                             placeholder=tr("sidebar.any"), on_change=_new_question)
        if details:
            officers = list(dict.fromkeys([*ss["ex_officer"], *options]))  # a code from a link stays choosable
            first[2].multiselect(tr("dim.assignee"), officers, key="ex_officer", placeholder=tr("sidebar.any"),
                                 on_change=_new_question)
        dates = st.columns(4)
        date_args = {"format": "DD/MM/YYYY", "on_change": _new_question}
        dates[0].date_input(tr("explore.assigned_range") + " ·  ←", key="ex_assigned_from", **date_args)
        dates[1].date_input("→", key="ex_assigned_to", **date_args)
        dates[2].date_input(tr("explore.due_range") + " ·  ←", key="ex_due_from", **date_args)
        dates[3].date_input("→", key="ex_due_to", **date_args)
        if extra:
            st.button(tr("explore.clear_filters"), on_click=_clear_more_filters, icon=":material/filter_alt_off:")


def answer_chart(answer: explore.Grouped, state: explore.ExploreState, title: str) -> None:
    question = answer.question
    labels = charts.ExploreLabels(
        title=title, measure=tr(f"measure.{question.measure}"),
        rows=_labels(question.rows, answer.row_totals["row_key"]),
        columns=_labels(question.columns, answer.column_totals["col_key"]),
        value_text=explore.value_text(question.measure, lang()),
    )
    figure = charts.explore_chart(answer, state.chart, labels)
    if state.pick is not None and (state.pick.has_column or not question.columns):
        figure = charts.highlight(figure, [state.pick.row_key, state.pick.col_key])  # a pick from a link shows too
    key = f"ex_plot_{state.chart}_{st.session_state.get(_NONCE, 0)}"
    st.plotly_chart(figure, key=key, on_select=functools.partial(_picked_on_chart, key), selection_mode="points",
                    **CHART)


def answer_table(answer: explore.Grouped, title: str) -> None:
    table, column_keys = explore.figures_table(answer, lang())
    st.session_state[_TABLE_KEYS] = (list(answer.row_totals["row_key"]), column_keys)
    st.subheader(title)
    key = f"ex_table_{st.session_state.get(_NONCE, 0)}"
    height = ROW_HEIGHT * (min(len(table), 20) + 1) + 3
    st.dataframe(table, hide_index=True, width="stretch", height=height, row_height=ROW_HEIGHT, key=key,
                 on_select=functools.partial(_picked_in_table, key), selection_mode="single-cell")


def records_section(store, view, state: explore.ExploreState) -> None:
    question, pick = state.question, state.pick
    as_of = fmt_date(view.as_of)
    count = cached(store, explore.record_count, view, question, pick)
    what = tr(f"behind.{question.measure}")
    st.subheader(tr("explore.records"))
    if pick is not None:
        st.markdown(plain(tr("explore.records_picked", count=fmt_int(count, lang()), group=_pick_label(state),
                             what=what, as_of=as_of)))
        st.button(tr("explore.clear_pick"), on_click=_new_question, icon=":material/close:")
    else:
        st.markdown(plain(tr("explore.records_all", count=fmt_int(count, lang()), what=what, as_of=as_of)))
    if not count:
        st.info(tr("explore.no_tasks"), icon=":material/search_off:")
        return
    ss = st.session_state
    pages = max(1, math.ceil(count / state.page_size))
    if ss["ex_page"] > pages:
        ss["ex_page"] = pages
    bar = st.columns([3, 1.2, 1.3, 1.2, 2.5])
    bar[0].selectbox(tr("explore.sort"), explore.RECORD_COLUMNS, format_func=lambda c: tr(f"col.{c}"), key="ex_sort",
                     on_change=_first_page, help=tr("explore.sort_hint"))
    bar[1].toggle(tr("explore.descending"), key="ex_desc", on_change=_first_page)
    bar[2].selectbox(tr("explore.page_size"), explore.PAGE_SIZES, key="ex_size", on_change=_first_page)
    bar[3].number_input(tr("explore.page"), min_value=1, max_value=pages, step=1, key="ex_page")
    page = ss["ex_page"]
    offset = (page - 1) * state.page_size
    frame = cached(store, explore.records, view, question, pick, state.sort, state.descending, state.page_size,
                   offset)
    with bar[4]:
        st.caption(tr("explore.page_of", first=fmt_int(offset + 1, lang()), last=fmt_int(offset + len(frame), lang()),
                      total=fmt_int(count, lang()), page=page, pages=pages))
        steps = st.container(horizontal=True)
        steps.button(tr("explore.prev"), on_click=_step_page, args=(-1,), disabled=page <= 1,
                     icon=":material/chevron_left:")
        steps.button(tr("explore.next"), on_click=_step_page, args=(1,), disabled=page >= pages,
                     icon=":material/chevron_right:")
    shown = explore.readable_records(frame, RECORD_TABLE_COLUMNS, lang())
    for column in ("col.effective_due", "col.completed_date"):  # dd/mm/yyyy, and empty (not "None") when unknown
        shown[tr(column)] = shown[tr(column)].dt.strftime("%d/%m/%Y").fillna("")
    config = {
        tr("col.days_overdue"): st.column_config.NumberColumn(format="%d"),
        tr("col.title"): st.column_config.TextColumn(width="large"),
    }
    height = ROW_HEIGHT * (min(len(shown), 20) + 1) + 3
    st.dataframe(shown, hide_index=True, column_config=config, width="stretch", height=height,
                 row_height=ROW_HEIGHT)
    if count > explore.EXPORT_LIMIT:
        st.caption(tr("explore.export_limit", limit=fmt_int(explore.EXPORT_LIMIT, lang()),
                      total=fmt_int(count, lang())))
    downloads(store, view, state, "records")


def _pick_label(state: explore.ExploreState) -> str:
    question, pick = state.question, state.pick
    label = explore.key_label(question.rows, pick.row_key, lang())
    if pick.has_column and question.columns:
        label += " × " + explore.key_label(question.columns, pick.col_key, lang())
    return label


def downloads(store, view, state: explore.ExploreState, what: str) -> None:
    """CSV and XLSX of the figures of every group (not only those drawn) or of the tasks behind the answer
    (not only the page on screen, up to EXPORT_LIMIT, in the table's order). Made when clicked, outside the
    page's run: everything they need from the session (language, labels) is taken now."""
    language, path = lang(), str(store.path)
    if what == "figures":
        state = dataclasses.replace(state, pick=None)  # the figures cover every group
    preamble = [tr(f"explore.{'table' if what == 'figures' else 'records'}_title"),
                tr("export.as_of", as_of=fmt_date(view.as_of))]
    if not view.filters.is_empty():
        preamble.append(tr("overview.filters_line", filters=filters_text(view.filters)))
    preamble += explore.describe(state, language)

    def table() -> tuple[pd.DataFrame, list[str]]:
        with Store(path).connect() as con:
            if what == "records":
                frame = explore.records(con, view, state.question, state.pick, state.sort, state.descending,
                                        explore.EXPORT_LIMIT, 0)
                return explore.readable_records(frame, explore.RECORD_COLUMNS, language), preamble
            rows, columns = FIGURES_LIMITS[bool(state.question.columns)]
            answer = explore.grouped(con, view, state.question, rows, columns)
        lines = preamble
        if answer.row_count > len(answer.row_totals) or answer.column_count > len(answer.column_totals):
            lines = [*preamble, t("explore.figures_cut", language, rows=len(answer.row_totals),
                                  row_total=answer.row_count, columns=len(answer.column_totals),
                                  column_total=answer.column_count)]
        return explore.figures_table(answer, language, as_text=False)[0], lines

    def rows(frame: pd.DataFrame):
        return frame.astype(object).where(frame.notna(), None).itertuples(index=False)

    def xlsx() -> bytes:
        frame, lines = table()
        return table_xlsx(list(frame.columns), rows(frame), lines, sheet="Kham pha")

    def csv() -> bytes:
        frame, lines = table()
        return table_csv(list(frame.columns), rows(frame), lines)

    stem = f"{'so_lieu' if what == 'figures' else 'nhiem_vu'}_{view.as_of:%Y%m%d}"
    label = "table" if what == "figures" else "records"
    buttons = st.container(horizontal=True)
    download_button(buttons, tr(f"explore.{label}_xlsx"), xlsx, f"{stem}.xlsx", key=f"ex_{what}_xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            icon=":material/download:")
    download_button(buttons, tr(f"explore.{label}_csv"), csv, f"{stem}.csv", key=f"ex_{what}_csv", mime="text/csv",
                            icon=":material/download:")


through_app_shell("pages/explore.py")
with friendly_errors():
    store, sidebar_view, compare, snapshot = analysis_page("explore.heading")
    url = _url_params()
    if not url and st.session_state.get(SWITCHED) and st.session_state.get(_WRITTEN):
        url = st.session_state[_WRITTEN]  # back from another page through the navigation: as it was left
    if st.session_state.get(_WRITTEN) != url or "ex_rows" not in st.session_state:
        _load(explore.from_params(url))  # a page load, a shared link, or the back/forward button
    elif st.session_state.get(_SIDEBAR) != sidebar_view:
        _new_question()  # another day or sidebar filter: the picked group and the page no longer apply
    st.session_state[_SIDEBAR] = sidebar_view
    details = sidebar_view.access.sees_details
    if not details:
        _forget_details()
    controls(cached(store, explore.assignee_options, sidebar_view) if details else [], details)
    state = _state_from_widgets()
    _write_url(state)
    view = state.filters_into(sidebar_view)
    filters_caption(view.filters)

    question = state.question
    row_limit, col_limit = CHART_LIMITS[state.chart]
    answer = cached(store, explore.grouped, view, question, row_limit, col_limit)
    as_of = fmt_date(view.as_of)
    title = tr("explore.chart_title", measure=tr(f"measure.{question.measure}"), rows=tr(f"dim.{question.rows}"),
               columns=(" × " + tr(f"dim.{question.columns}")) if question.columns else "", as_of=as_of)
    if answer.total["tasks"] == 0:
        st.info(tr("explore.no_tasks"), icon=":material/search_off:")
        st.stop()
    if state.chart == "table":
        answer_table(answer, title)
    else:
        answer_chart(answer, state, title)
    notes = [tr("explore.click_hint")]
    for dimension, shown, total in ((question.rows, len(answer.row_totals), answer.row_count),
                                    (question.columns, len(answer.column_totals), answer.column_count)):
        if dimension and total > shown:  # say which groups were left out of the chart, and where they are
            which = "explore.shown_latest" if dimension in explore.TIME_DIMENSIONS else "explore.shown_first"
            notes.append(tr(which, shown=fmt_int(shown, lang()), total=fmt_int(total, lang()),
                            dimension=tr(f"dim.{dimension}").lower()))
    st.caption(" ".join(notes))
    if "unit" in (question.rows, question.columns):
        lineage_caption(store, view)
    downloads(store, view, state, "figures")
    if details:
        records_section(store, view, state)
