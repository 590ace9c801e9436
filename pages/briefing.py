"""Chuẩn bị đối thoại, chất vấn: what organisers hand out before a dialogue with staff or a People's Council
questioning session. One unit (or all of them) as of a day: figures and rank, change since the comparison
day, overdue tasks with their causes, transfers and extensions, commitments with their status. Printable."""

import streamlit as st

from analytics import meeting
from pages.common import (
    basics,
    cached_document,
    document_context,
    document_downloads,
    friendly_errors,
    get_store,
    plain,
    through_app_shell,
    tr,
    view_sidebar,
    watch_for_new_data,
)
from pages.document_view import show_section

through_app_shell("pages/briefing.py")
with friendly_errors():
    store = get_store()
    view, compare, snapshot = view_sidebar(store)
    watch_for_new_data(store)
    st.title(tr("nav.briefing"))

    units = basics(store).options["units"]  # the units this user may see
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    unit = left.selectbox(tr("brief.unit"), units, index=None, placeholder=tr("brief.everyone"), key="brief_unit",
                          bind="query-params")
    hide_names = right.toggle(tr("brief.hide_names"), key="hide_names", help=tr("brief.hide_names_help"),
                              bind="query-params")

    ctx = document_context(store, view, compare, snapshot)
    briefing = cached_document(store, meeting.build_briefing, ctx, unit, bool(hide_names))
    st.header(plain(briefing.title))
    if briefing.meta["total"] == 0 and not view.filters.is_empty():  # e.g. a ward chosen, a department filter
        st.info(tr("empty.filtered"), icon=":material/filter_alt:")
    st.caption(plain(" · ".join(briefing.context)))
    document_downloads(store, meeting.build_briefing, ctx, (unit, bool(hide_names)), briefing)
    for section in briefing.sections:
        show_section(section, briefing.lang)
