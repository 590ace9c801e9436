"""Tổng quan: the page a leader sees first. How many tasks are overdue as of a day, where, since when,
and whether it is getting better."""

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics import charts, explore, queries
from analytics.exports import table_xlsx
from analytics.i18n import fmt_date, fmt_int, fmt_pct, fmt_signed
from analytics.schema import AGING_BUCKETS, BLOCKS
from pages.common import (
    CHART,
    cached,
    download_button,
    explore_door,
    figure,
    filters_caption,
    filters_text,
    friendly_errors,
    from_url,
    get_store,
    lang,
    lineage_caption,
    plain,
    sample_notice,
    through_app_shell,
    to_url,
    tr,
    view_sidebar,
    watch_for_new_data,
)

TREND_RANGES = ("30", "90", "180", "365", "ytd")
LONGEST = 15  # the longest-overdue tasks listed
TASK_COLUMNS = ("task_id", "title", "unit", "assignee", "effective_due", "days_overdue", "cause", "status")
UNIT_TASK_COLUMNS = tuple(c for c in TASK_COLUMNS if c != "unit")  # the drill-down names its unit once
ROW_HEIGHT = 40
UNIT_CHARTS = (  # the unit charts: which blocks, the title, the chart's key
    ({"government"}, "chart.by_department", "chart_government"),
    ({"commune"}, "chart.by_commune", "chart_commune"),
    ({"party", "mass_org", "other"}, "chart.by_other_units", "chart_other"),
)


def trend_start(as_of: dt.date, choice: str) -> dt.date:
    if choice == "ytd":
        return dt.date(as_of.year, 1, 1)
    return as_of - dt.timedelta(days=int(choice))


def trend_since(as_of: dt.date) -> dt.date:
    """The first day any trend range starts on: the overview's query covers them all, a new range costs nothing."""
    return min(trend_start(as_of, choice) for choice in TREND_RANGES)


def task_table(frame: pd.DataFrame, columns=TASK_COLUMNS) -> None:
    """Overdue tasks as a table, headed in the user's language, dates as dd/mm/yyyy, every row on screen
    (up to 20; more scroll inside the table)."""
    shown = frame.loc[:, list(columns)].rename(columns={c: tr(f"col.{c}") for c in columns})
    text_columns = [tr(f"col.{c}") for c in columns if frame[c].dtype != "int64" and c != "effective_due"]
    shown[text_columns] = shown[text_columns].fillna("")
    config = {tr(f"col.{c}"): st.column_config.TextColumn(width="medium") for c in ("task_id", "status")}
    config |= {
        tr("col.effective_due"): st.column_config.DateColumn(format="DD/MM/YYYY", width="medium"),
        tr("col.days_overdue"): st.column_config.NumberColumn(format="%d", width="small"),
        tr("col.title"): st.column_config.TextColumn(width="large"),
    }
    height = ROW_HEIGHT * (min(len(shown), 20) + 1) + 3
    st.dataframe(shown, hide_index=True, column_config=config, width="stretch", height=height,
                 row_height=ROW_HEIGHT)


def download_table(frame: pd.DataFrame | Callable[[], pd.DataFrame], columns, title: str, view, name: str) -> None:
    """The table as an XLSX file that says what it is: title, as-of date, filters; text never a formula. `frame`
    may be a function giving it: then it is read when the button is clicked."""
    preamble = [title, tr("export.as_of", as_of=fmt_date(view.as_of))]
    if not view.filters.is_empty():
        preamble.append(tr("overview.filters_line", filters=filters_text(view.filters)))
    header = [tr(f"col.{c}") for c in columns]

    def workbook() -> bytes:  # made when the button is clicked, not on every run of the page
        table = frame() if callable(frame) else frame
        rows = table.loc[:, list(columns)].astype(object).where(table.loc[:, list(columns)].notna(), None)
        return table_xlsx(header, rows.itertuples(index=False), preamble, sheet="Nhiem vu")

    download_button(st, tr("export.xlsx"), workbook, f"{name}_{view.as_of:%Y%m%d}.xlsx", key=f"download_{name}",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")


# --- cross-filter: a click on a block, a unit or a month filters the other charts ------------------------

# The chosen block and month live in the URL (x_block, x_month) beside the chosen unit (focus, the drill-down
# selectbox's own parameter): a copied link keeps them.
CROSS_KEYS = ("x_block", "x_month")
_CROSS_WRITTEN = "_cross_written"  # what the page last wrote to the URL: anything else came from outside


def _clicked(chart_key: str) -> object:
    points = st.session_state.get(chart_key, {}).get("selection", {}).get("points", [])
    return next((p["customdata"] for p in points if p.get("customdata")), None)


def focus_from_chart(chart_key: str) -> None:
    """A click on a unit's bar chooses that unit (Plotly selection -> the drill-down selectbox); a click
    beside the bars clears it."""
    st.session_state["focus"] = _clicked(chart_key)


def cross_from_chart(chart_key: str, key: str) -> None:
    st.session_state[key] = _clicked(chart_key)


def clear_cross(*keys: str) -> None:
    for key in keys:
        st.session_state[key] = None
    st.session_state["_cross_nonce"] = st.session_state.get("_cross_nonce", 0) + 1  # charts drop their selection


def cross_state(view: queries.View) -> dict[str, str | None]:
    """The chosen block, unit and month, read from the URL on a page load. A choice outside the sidebar's
    filters (a stale link) is dropped: it would otherwise widen, not narrow, what is shown."""
    url = {key: (st.query_params.get_all(key) or [None])[-1] for key in CROSS_KEYS}
    if st.session_state.get(_CROSS_WRITTEN) != url:  # a page load, a link, or the back/forward button
        st.session_state.update(url)
    block, month = st.session_state["x_block"], st.session_state["x_month"]
    if block is not None and (block not in BLOCKS or (view.filters.blocks and block not in view.filters.blocks)):
        block = st.session_state["x_block"] = None
    try:
        queries.month_range(month or "")
    except ValueError:
        month = st.session_state["x_month"] = None
    for key in CROSS_KEYS:
        to_url(key, st.session_state[key])
    st.session_state[_CROSS_WRITTEN] = {key: st.session_state[key] for key in CROSS_KEYS}
    return {"block": block, "month": month}


def narrowed(view: queries.View, block: str | None = None, unit: str | None = None,
             month: str | None = None) -> queries.View:
    """The view with the cross-filter's choices added to the sidebar's filters."""
    changes: dict = {}
    if block:
        changes["blocks"] = (block,)
    if unit:
        changes["units"] = (unit,)
    if month:
        changes["due_from"], changes["due_to"] = queries.month_range(month)
    return dataclasses.replace(view, filters=dataclasses.replace(view.filters, **changes)) if changes else view


def units_overdue(store, wanted: queries.View, shown: queries.View, data: queries.Overview) -> pd.DataFrame:
    """Overdue tasks per unit for `wanted`: the overview's own when it is the same view (no cross-filter)."""
    return data.by_unit if wanted == shown else cached(store, queries.overdue_by_unit, wanted)


def months_overdue(store, wanted: queries.View, shown: queries.View, data: queries.Overview) -> pd.DataFrame:
    """Overdue tasks per month of their deadline for `wanted`: the overview's own when it is the same view."""
    return data.by_month if wanted == shown else cached(store, queries.overdue_by_due_month, wanted)


def cross_filter_bar(shown: queries.View, block: str | None, unit: str | None, month: str | None) -> None:
    """What the charts are narrowed to, each choice with its own ✕, and a door to the records in Khám phá."""
    # Always drawn, empty when nothing is chosen: the elements below keep their places between runs, and the
    # figures do not show twice while a click is redrawn.
    row = st.container(horizontal=True, vertical_alignment="center")
    if not (block or unit or month):
        return
    row.markdown(f"**{tr('cross.heading')}**")
    if block:
        row.button(tr("sidebar.block") + ": " + tr(f"block.{block}"), icon=":material/close:",
                   on_click=clear_cross, args=("x_block",), key="clear_x_block")
    if unit:
        row.button(plain(tr("sidebar.unit") + ": " + unit), icon=":material/close:", on_click=clear_cross,
                   args=("focus",), key="clear_focus")
    if month:
        row.button(tr("cross.month") + ": " + explore.key_label("due_month", month, lang()), icon=":material/close:",
                   on_click=clear_cross, args=("x_month",), key="clear_x_month")
    row.button(tr("cross.clear"), icon=":material/filter_alt_off:", on_click=clear_cross,
               args=("x_block", "focus", "x_month"), key="clear_cross", type="tertiary")
    with row:
        explore_door(tr("cross.explore"), **explore_params(shown))


def explore_params(shown: queries.View) -> dict[str, list[str]]:
    """Khám phá's parameters for the overdue tasks of the narrowed view (the sidebar's dates come along)."""
    filters = shown.filters
    params = {"rows": ["unit"], "state": ["overdue"], "block": list(filters.blocks), "unit": list(filters.units),
              "due_from": [filters.due_from.isoformat()] if filters.due_from else [],
              "due_to": [filters.due_to.isoformat()] if filters.due_to else []}
    return {key: values for key, values in params.items() if values}


def unit_chart(by_unit: pd.DataFrame, blocks: set[str], title_key: str, chart_key: str, as_of: str,
               unit: str | None) -> None:
    part = by_unit[by_unit["block"].isin(blocks)]
    bucket_labels = {b: tr(f"bucket.{b}") for b in AGING_BUCKETS}
    fig = figure(charts.overdue_by_unit, part, tr(title_key, as_of=as_of), bucket_labels, tr("chart.axis_tasks"),
                 chosen=unit)
    key = f"{chart_key}_{st.session_state.get('_cross_nonce', 0)}"
    st.plotly_chart(fig, key=key, on_select=functools.partial(focus_from_chart, key), selection_mode="points",
                    **CHART)


through_app_shell("pages/overview.py")
with friendly_errors():
    store = get_store()
    view, compare, snapshot = view_sidebar(store)
    watch_for_new_data(store)
    as_of_text = fmt_date(view.as_of)

    st.title(tr("overview.heading"))
    st.markdown(tr("overview.as_of_line", as_of=as_of_text, snapshot=fmt_date(snapshot) or "—",
                   compare=fmt_date(compare)))
    filters_caption(view.filters)
    sample_notice(store)
    if snapshot and view.as_of > snapshot:
        st.warning(tr("warn.after_snapshot", as_of=as_of_text, snapshot=fmt_date(snapshot)), icon=":material/warning:")
    if compare >= view.as_of:
        st.info(tr("warn.compare_after", compare=fmt_date(compare), as_of=as_of_text))

    # Cross-filter: each chart shows the other charts' choices, never its own (it keeps all its bars, the
    # chosen one highlighted); the figures, the trend and the lists show all of them.
    cross = cross_state(view)
    block, month = cross["block"], cross["month"]
    # The unit is the drill-down selectbox's value; on a page load, before the widget is drawn, its URL value.
    unit = st.session_state["focus"] if "focus" in st.session_state else (st.query_params.get_all("focus")
                                                                          or [None])[-1]
    if unit and view.filters.units and unit not in view.filters.units:
        unit = None
    shown = narrowed(view, block, unit, month)
    cross_filter_bar(shown, block, unit, month)
    data = cached(store, queries.overview, shown, compare, LONGEST, trend_since(view.as_of))
    counts, previous = data.counts, data.previous

    if counts.total == 0:
        if view.filters.is_empty():
            st.info(tr("empty.body"), icon=":material/info:")
            st.page_link("pages/import_data.py", label=tr("nav.import"), icon=":material/upload_file:")
        else:
            st.info(tr("empty.filtered"), icon=":material/filter_alt:")
        st.stop()

    # --- the figures a leader reads first ---
    cards = st.columns(5)
    cards[0].metric(
        tr("kpi.overdue"), fmt_int(counts.overdue, lang()),
        delta=fmt_signed(counts.overdue - previous.overdue, lang()) if counts.overdue != previous.overdue else 0,
        delta_color="inverse", delta_description=tr("kpi.since", compare=fmt_date(compare)),
        help=tr("kpi.overdue_help", as_of=as_of_text), border=True,
    )
    cards[1].metric(tr("kpi.total"), fmt_int(counts.total, lang()), help=tr("kpi.total_help", as_of=as_of_text),
                    border=True)
    cards[2].metric(
        tr("kpi.on_time_rate"), fmt_pct(counts.on_time_rate, lang()), border=True,
        help=tr("kpi.on_time_rate_help", completion_rate=fmt_pct(counts.completion_on_time_rate, lang())),
    )
    cards[2].caption(tr("kpi.completion_rate", rate=fmt_pct(counts.completion_on_time_rate, lang())))
    until = view.as_of + dt.timedelta(days=view.due_soon_days)
    cards[3].metric(
        tr("kpi.due_soon", days=view.due_soon_days), fmt_int(counts.due_soon, lang()), border=True,
        help=tr("kpi.due_soon_help", as_of=as_of_text, until=fmt_date(until)),
    )
    cards[4].metric(tr("kpi.no_deadline"), fmt_int(counts.no_deadline, lang()), help=tr("kpi.no_deadline_help"),
                    border=True)

    # --- where: blocks and aging ---
    left, right = st.columns(2)
    with left:
        by_block = queries.overdue_by_block(units_overdue(store, narrowed(view, None, unit, month), shown, data))
        if by_block["overdue"].sum():
            block_labels = {b: tr(f"block.{b}") for b in BLOCKS}
            key = f"chart_block_{st.session_state.get('_cross_nonce', 0)}"
            fig = figure(charts.overdue_by_block, by_block, tr("chart.by_block", as_of=as_of_text), block_labels,
                         chosen=block)
            st.plotly_chart(fig, key=key, selection_mode="points",
                            on_select=functools.partial(cross_from_chart, key, "x_block"), **CHART)
        else:
            st.subheader(tr("chart.by_block", as_of=as_of_text))
            st.success(tr("chart.no_overdue"))
    with right:
        if counts.overdue:
            bucket_labels = {b: tr(f"bucket.{b}") for b in AGING_BUCKETS}
            st.plotly_chart(figure(charts.aging, data.by_bucket(), tr("chart.aging", as_of=as_of_text), bucket_labels,
                                   tr("chart.axis_tasks")), **CHART)

    # --- since when: the daily trend, and the months the overdue tasks fell due ---
    from_url("trend", TREND_RANGES)
    choice = st.segmented_control(
        tr("trend.range"), TREND_RANGES, default="90", format_func=lambda r: tr(f"trend.{r}"), key="trend",
        required=True, persist_state="session",
    )
    to_url("trend", choice, "90")
    daily = data.trend(trend_start(view.as_of, choice or "90"))
    start = daily["day"].iloc[0] if len(daily) else view.as_of
    st.plotly_chart(
        figure(charts.overdue_trend, daily, tr("chart.trend", start=fmt_date(start), as_of=as_of_text),
               tr("chart.axis_tasks"), compare, tr("chart.compare_marker")),
        **CHART,
    )
    months = months_overdue(store, narrowed(view, block, unit, None), shown, data)
    if len(months):
        key = f"chart_month_{st.session_state.get('_cross_nonce', 0)}"
        labels = [explore.key_label("due_month", m, lang()) for m in months["month"]]
        fig = figure(charts.overdue_by_due_month, months, labels, tr("chart.by_due_month", as_of=as_of_text),
                     tr("chart.axis_tasks"), chosen=month)
        st.plotly_chart(fig, key=key, selection_mode="points",
                        on_select=functools.partial(cross_from_chart, key, "x_month"), **CHART)

    # --- which departments and wards ---
    by_unit = units_overdue(store, narrowed(view, block, None, month), shown, data)
    if len(by_unit):
        st.caption(tr("chart.click_hint"))
        groups = [(blocks, title, key) for blocks, title, key in UNIT_CHARTS if by_unit["block"].isin(blocks).any()]
        # Departments and wards side by side; a group alone (a block chosen) takes the whole width.
        side_by_side = [key for _, _, key in groups[:2]] == ["chart_government", "chart_commune"]
        places = [*st.columns(2)] if side_by_side else []
        for index, (blocks, title, key) in enumerate(groups):
            with places[index] if index < len(places) else st.container():
                unit_chart(by_unit, blocks, title, key, as_of_text, unit)
        lineage_caption(store, shown)

        # --- drill-down: one unit's overdue tasks (not for a guest, who sees figures only) ---
        if not shown.access.sees_details:
            st.stop()
        totals = by_unit.groupby("unit")["overdue"].sum().sort_values(ascending=False, kind="stable")
        st.subheader(tr("drill.heading"))
        focus = st.selectbox(
            tr("drill.choose"), list(totals.index), index=None, placeholder=tr("drill.none"), key="focus",
            bind="query-params",
        )
        if focus:
            # A ward of a province can have tens of thousands: the first ones on screen, more in the file.
            tasks = cached(store, queries.overdue_tasks, shown, focus, queries.UNIT_TASKS_SHOWN)
            total = int(totals.get(focus, len(tasks)))
            heading = tr("drill.count", unit=focus, count=fmt_int(total, lang()), as_of=as_of_text)
            st.markdown(plain(heading))
            lineage_caption(store, shown, focus)
            # A successor's list says which tasks it took over, and from whom (docs/design.md §3.1).
            inherited = (tasks["recorded_unit"] != tasks["unit"]).any()
            task_table(tasks, (*UNIT_TASK_COLUMNS[:2], "recorded_unit", *UNIT_TASK_COLUMNS[2:]) if inherited
                       else UNIT_TASK_COLUMNS)
            if total > len(tasks):
                st.caption(tr("drill.more", shown=fmt_int(len(tasks), lang()), total=fmt_int(total, lang()),
                              exported=fmt_int(min(total, queries.TASKS_EXPORTED), lang())))

            def every_task(unit: str = focus) -> pd.DataFrame:
                with store.connect() as con:
                    return queries.overdue_tasks(con, shown, unit, queries.TASKS_EXPORTED)

            download_table(every_task if total > len(tasks) else tasks, TASK_COLUMNS, heading, shown, "unit")

    if counts.overdue and shown.access.sees_details:
        # --- the longest-overdue tasks ---
        st.subheader(tr("longest.heading", as_of=as_of_text))
        task_table(data.longest)
        download_table(data.longest, TASK_COLUMNS, tr("longest.heading", as_of=as_of_text), shown, "longest")
        st.caption(tr("longest.more", shown=fmt_int(len(data.longest), lang()), total=fmt_int(counts.overdue, lang())))
