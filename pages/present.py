"""Trình chiếu: the giao ban deck on the meeting-room projector, built from the sidebar's dates and filters.

Previous/next (also the ← → keys, which presentation clickers send), jump to a slide, optional
auto-advance for a lobby screen. While presenting, nothing but the slide is on screen. The slide number is
in the URL, so a link opens the same slide; the deck downloads as PowerPoint or PDF.
"""

import time

import streamlit as st

from analytics import meeting
from analytics.schema import COMMEND_MIN_TASKS
from pages.common import (
    cached_document,
    document_context,
    document_downloads,
    friendly_errors,
    from_url,
    get_store,
    plain,
    through_app_shell,
    to_url,
    tr,
    view_sidebar,
    watch_for_new_data,
)
from pages.document_view import PRESENTING_CSS, show_slide

AUTO_SECONDS = ("10", "15", "20", "30", "60")  # strings: the URL keeps them as written
SLIDE_CHART_HEIGHT = 800  # fits under the title and above the controls at 1920x1080
_TARGET = "_slide_target"  # a slide change asked for by a callback or the timer, applied before the widgets


def _go(step: int, count: int) -> None:
    st.session_state[_TARGET] = (st.session_state.get("slide", 0) + step) % count
    st.session_state["_slide_changed"] = time.monotonic()


def _set_presenting(on: bool) -> None:
    st.session_state["presenting"] = on
    if on:
        st.query_params["show"] = "1"
    elif "show" in st.query_params:
        del st.query_params["show"]


def _slide_from_url(count: int) -> None:
    """On a page load the URL's ?slide=N (1-based) chooses the slide; later, callbacks and the timer do."""
    if _TARGET in st.session_state:
        st.session_state["slide"] = st.session_state.pop(_TARGET)
    elif "slide" not in st.session_state:
        try:
            wanted = int(st.query_params.get("slide", "1")) - 1
        except ValueError:
            wanted = 0
        st.session_state["slide"] = wanted if 0 <= wanted < count else 0
    if st.session_state["slide"] >= count:
        st.session_state["slide"] = 0
    if "presenting" not in st.session_state:
        st.session_state["presenting"] = st.query_params.get("show") == "1"


through_app_shell("pages/present.py")
with friendly_errors():
    store = get_store()
    view, compare, snapshot = view_sidebar(store)
    watch_for_new_data(store)
    min_tasks = st.sidebar.number_input(tr("present.min_tasks"), min_value=1, max_value=1000,
                                        value=COMMEND_MIN_TASKS, step=1, key="min_tasks",
                                        bind="query-params")
    ctx = document_context(store, view, compare, snapshot)
    deck = cached_document(store, meeting.build_deck, ctx, int(min_tasks))
    count = len(deck.sections)
    _slide_from_url(count)
    presenting = st.session_state["presenting"]

    if presenting:
        st.html(PRESENTING_CSS)
    else:
        st.title(tr("nav.present"))
        st.caption(plain(tr("present.intro")))
        st.caption(plain(" · ".join(deck.context)))
        document_downloads(store, meeting.build_deck, ctx, (int(min_tasks),), deck)

    # Presenting: the slide, then the controls under it. Preparing: the controls first, the slide in a frame.
    if presenting:
        slide_area, controls_area = st.container(), st.container()
    else:
        controls_area, slide_area = st.container(), st.container(border=True)
    index = st.session_state["slide"]
    with slide_area:
        show_slide(deck.sections[index], deck.lang, deck.footer, index + 1, count, SLIDE_CHART_HEIGHT)

    controls = controls_area.columns([1.4, 3, 1.4, 1.9, 0.9, 1.9], vertical_alignment="center")
    controls[0].button(tr("present.previous"), on_click=_go, args=(-1, count), icon=":material/arrow_back:",
                       shortcut="Left", key="previous", width="stretch")
    controls[1].selectbox(
        tr("present.jump"), range(count), key="slide", label_visibility="collapsed",
        format_func=lambda i: f"{i + 1}. {deck.sections[i].title}",
    )
    controls[2].button(tr("present.next"), on_click=_go, args=(1, count), icon=":material/arrow_forward:",
                       shortcut="Right", key="next", width="stretch")
    auto = controls[3].toggle(tr("present.auto"), key="auto", bind="query-params")
    from_url("auto_seconds", AUTO_SECONDS)  # the URL keeps the code ("30"), not the label ("30 s")
    seconds = controls[4].selectbox(tr("present.auto_seconds"), AUTO_SECONDS, index=1, key="auto_seconds",
                                    label_visibility="collapsed", format_func=lambda s: f"{s} s", disabled=not auto)
    to_url("auto_seconds", seconds, AUTO_SECONDS[1])
    seconds = int(seconds or AUTO_SECONDS[1])
    if presenting:
        controls[5].button(tr("present.exit"), on_click=_set_presenting, args=(False,), icon=":material/close:",
                           key="exit", width="stretch", shortcut="Escape")
    else:
        controls[5].button(tr("present.start"), on_click=_set_presenting, args=(True,), type="primary",
                           icon=":material/slideshow:", key="present_start", width="stretch")
    if st.query_params.get("slide") != str(st.session_state["slide"] + 1):
        st.query_params["slide"] = str(st.session_state["slide"] + 1)

    if auto:
        @st.fragment(run_every=seconds)
        def advance() -> None:
            changed = st.session_state.get("_slide_changed")
            if changed is None:
                st.session_state["_slide_changed"] = time.monotonic()
            elif time.monotonic() - changed >= seconds - 0.5:
                _go(1, count)
                st.rerun()

        advance()
