"""Báo cáo định kỳ: the standard period report offices file — per unit, carried over, assigned in the
period, completed early / on the due day / late, open at the end in time / overdue — on screen, as the
Excel form and as a printable PDF. The period ends on the sidebar's as-of day."""

import datetime as dt

import streamlit as st

from analytics import meeting
from analytics.i18n import fmt_date
from pages.common import (
    cached_document,
    document_context,
    document_downloads,
    follow_default,
    friendly_errors,
    get_store,
    plain,
    through_app_shell,
    tr,
    view_sidebar,
    watch_for_new_data,
)
from pages.document_view import show_section

through_app_shell("pages/period.py")
with friendly_errors():
    store = get_store()
    view, compare, snapshot = view_sidebar(store)
    watch_for_new_data(store)
    st.title(tr("nav.period"))

    left, right = st.columns(2)
    follow_default("start", meeting.period_start_default(view.as_of))  # a new as-of month moves the start
    start = left.date_input(
        tr("period.start"), value=meeting.period_start_default(view.as_of), min_value=dt.date(1990, 1, 1),
        max_value=dt.date(2100, 12, 31), format="DD/MM/YYYY", key="start", bind="query-params",
    )
    right.date_input(tr("period.end"), value=view.as_of, format="DD/MM/YYYY", disabled=True,
                     help=tr("sidebar.as_of"))
    if start > view.as_of:
        st.error(tr("period.bad_range", start=fmt_date(start), end=fmt_date(view.as_of)), icon=":material/error:")
        st.stop()

    ctx = document_context(store, view, None, snapshot)
    report = cached_document(store, meeting.build_period, ctx, start)
    st.header(plain(report.title))
    st.caption(plain(" · ".join(report.context)))
    document_downloads(store, meeting.build_period, ctx, (start,), report)
    for section in report.sections:
        show_section(section, report.lang)
