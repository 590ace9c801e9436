"""What every page shares: language, the database, cached queries and figures, and the as-of/filter sidebar.

Query results are cached by the database's data version (Store.version(), which changes with every import
or undo), the query and its arguments (the view: as-of date and filters), never by a DataFrame. Figures are
cached by what they are drawn from (the query results, by their contents, and the labels): a new version
brings new results, so an import or undo can never leave a stale figure on screen either.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import plotly.graph_objects as go
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.pages_manager import PagesManager

from analytics import accountability, audit, charts, evaluation, explore, exports, meeting, queries, settings
from analytics.access import Access
from analytics.document import Document
from analytics.i18n import DEFAULT_LANGUAGE, LANGUAGES, fmt_date, t
from analytics.images import browser_available
from analytics.importer import load_sample
from analytics.problems import CodedProblem
from analytics.schema import BLOCKS
from analytics.store import Store

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
# Charts on every page: no toolbar; the figures carry their own projector styling (Streamlit's theme would
# shrink and grey the labels).
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}
CHART = {"config": PLOTLY_CONFIG, "theme": None}  # st.plotly_chart(figure, **CHART)
FILTER_KEYS = ("block", "unit", "assigner", "field", "origin")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **params: object) -> str:
    return t(key, lang(), **params)


def plain(text: object) -> str:
    """User text made inert for Streamlit's Markdown (no links, images, icons or formulas from a file)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


# Widgets whose options are codes shown through translated labels (language, block, trend range) keep the
# codes in the URL themselves: Streamlit's query-parameter binding would write the translated label, and a
# link made in English would then lose its filters when opened in Vietnamese.

def from_url(key: str, codes: Sequence[str], multi: bool = False) -> None:
    """Before drawing the widget `key`: on a page load, take its value from the URL (codes only)."""
    if key in st.session_state:
        return
    values = [v for v in st.query_params.get_all(key) if v in codes]
    if values:
        st.session_state[key] = list(dict.fromkeys(values)) if multi else values[0]


def to_url(key: str, value: object, default: object = None) -> None:
    """After drawing the widget `key`: write its value to the URL, or drop it when it is the default."""
    if value in (None, [], default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (list(value) if isinstance(value, list) else [str(value)]):
        st.query_params[key] = value


_DEEP_LINK = "_deep_link"


def through_app_shell(page_file: str) -> None:
    """Make sure a page runs inside app.py (layout, language, navigation).

    Streamlit treats an app with a pages/ folder as an old-style multipage app until app.py has called
    st.navigation once in the server process; the very first request after a start that asks for a page
    by its link (/import_data) would run the page file on its own. Such a run hands over to app.py, which
    then opens the page that was asked for, with its URL parameters.
    """
    if PagesManager.uses_pages_directory:
        params = _query_params()
        st.session_state[_DEEP_LINK] = (page_file, params)
        st.switch_page("app.py", query_params=params)


def open_deep_link() -> None:
    """In app.py, after st.navigation: finish a hand-over started by through_app_shell()."""
    wanted = st.session_state.pop(_DEEP_LINK, None)
    if wanted:
        try:
            st.switch_page(wanted[0], query_params=wanted[1])
        except StreamlitAPIException:  # a page this user's role does not have: the home page instead
            pass


# What a page looks at (dates, filters): one view across pages, as the sidebar is shared. (The language
# selector lives in app.py itself, so its widget, and its URL parameter, outlive a switch of page.)
RECORDED = "recorded"  # "1": units as the register writes them, not as they carry tasks on the as-of day
VIEW_PARAMS = ("as_of", "compare", *FILTER_KEYS, RECORDED)
_CARRIED = "_view_params"
SWITCHED = "_switched_page"  # True in the run that opened a page from another one


def carry_view(page) -> None:
    """In app.py, before a page runs: a switch of page in the navigation opens the new page without URL
    parameters, and the sidebar widgets that took their values from the URL of a shared link would fall back
    to their defaults — a deck made after opening a link to the wards' figures would count the whole city.
    So the view's parameters go with the user from page to page, unless the link followed names a view of its
    own (then its values go into the widgets, for the same reason)."""
    carried = st.session_state.get(_CARRIED)
    switched = st.session_state.get("_page") not in (None, page.url_path)
    st.session_state["_page"] = page.url_path
    st.session_state[SWITCHED] = switched
    if not switched:
        return
    linked = {key: st.query_params.get_all(key) for key in VIEW_PARAMS if st.query_params.get_all(key)}
    if linked:  # a link that names its own view (the overview's link to Khám phá): the link decides
        source = linked
        for key in FILTER_KEYS:
            if key not in linked:
                st.session_state[key] = []
        if RECORDED not in linked:
            st.session_state[RECORDED] = False
    elif carried:
        source = carried
        for key, values in carried.items():
            st.query_params[key] = values if len(values) > 1 else values[0]
    else:
        return
    for key, values in source.items():
        # The widgets take the values too: a switch of page does not read the URL again.
        if key in ("as_of", "compare"):
            try:
                st.session_state[key] = dt.date.fromisoformat(values[0])
            except ValueError:
                pass
        elif key in FILTER_KEYS:
            st.session_state[key] = list(values)
        elif key == RECORDED:
            st.session_state[key] = values[0] == "1"


def remember_view() -> None:
    """In app.py, after a page ran (or stopped): the view's URL parameters, for carry_view()."""
    st.session_state[_CARRIED] = {key: st.query_params.get_all(key) for key in VIEW_PARAMS if key in st.query_params}


def _query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def language_selector() -> None:
    from_url("lang", LANGUAGES)
    chosen = st.sidebar.segmented_control(
        t("sidebar.language", lang()),
        LANGUAGES,
        default=DEFAULT_LANGUAGE,
        format_func=LANGUAGE_NAMES.get,
        key="lang",
        required=True,
        persist_state="session",
    )
    to_url("lang", chosen, DEFAULT_LANGUAGE)


# --- who is looking ------------------------------------------------------------------------------------

_ACCESS = "_access"  # session state: set by app.py on every run, before the page runs
_NOTHING = Access("unit", (), "")  # what a page run without app.py may see: no unit, no change


def remember_access(access: Access) -> None:
    st.session_state[_ACCESS] = access


def current_access() -> Access:
    """The access app.py found for this run."""
    return st.session_state.get(_ACCESS, _NOTHING)


def audit_log(action: str, detail: str = "", user: str | None = None) -> None:
    """An entry in the audit log, by `user`, else the signed-in user ("local" in the single-user mode)."""
    audit.record(audit.beside(settings.db_path()), user or current_access().user or "local", action, detail)


def download_button(place, label: str, data, file_name: str, **options) -> None:
    """`place.download_button`, each download written in the audit log (who exported which file). The file is
    made and logged when it is asked for, and the click does not rerun the page (a rerun would redraw every
    button under the user's next click)."""
    user = current_access().user or "local"  # read now: the file is made outside this script run

    def logged() -> bytes | str:
        content = data() if callable(data) else data
        audit_log("export", file_name, user=user)
        return content

    place.download_button(label, logged, file_name, on_click="ignore", **options)



@st.cache_resource(show_spinner=False)
def _bootstrapped_store(path: str) -> Store:
    """Open the deployment's database once per process; a brand-new one gets the bundled sample."""
    store = Store(path)
    store.ensure()
    if not store.has_batches() and settings.load_sample_into_new_database() and settings.SAMPLE_FILE.exists():
        load_sample(store)
    return store


def get_store() -> Store:
    return _bootstrapped_store(str(settings.db_path()))


@contextmanager
def friendly_errors() -> Iterator[None]:
    """A problem the user is told about (analytics.problems: a busy or damaged database, what the role may not
    see, charts that cannot be drawn...) becomes its message in the user's language, never a traceback."""
    try:
        yield
    except CodedProblem as problem:
        getattr(st, problem.tone)(problem.message(lang()), icon=f":material/{problem.icon}:")
        st.stop()


# --- cached queries ------------------------------------------------------------------------------------

def _hash_view(view: queries.View) -> tuple:
    """Every field of the view (a new field is part of the cache key without anyone remembering it)."""
    return tuple(getattr(view, f.name) for f in dataclasses.fields(view))


# The modules whose functions `cached` may run (by name: a function object is not a stable cache key).
_QUERY_MODULES = {module.__name__: module for module in (queries, accountability, explore, evaluation)}


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs={queries.View: _hash_view})
def _run(path: str, version: str, module: str, query_name: str, *args: object) -> object:
    with Store(path).connect() as con:
        return getattr(_QUERY_MODULES[module], query_name)(con, *args)


def cached(store: Store, query, *args: object):
    """`query(con, *args)` from analytics.queries, .accountability, .explore or .evaluation, cached under the data
    version: a repeated view costs no database work, and an import or undo (a new version) can never leave a stale
    figure on screen."""
    return _run(str(store.path), store.version(), query.__module__, query.__name__, *args)


def basics(store: Store) -> queries.Basics:
    """The latest snapshot, the filters' values (those the user may see) and whether the sample is in use: one
    cached query."""
    return cached(store, queries.basics, current_access())


# --- cached figures -----------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=128)
def _drawn(draw: str, chosen: object, *args: object) -> go.Figure:
    return charts.highlight(getattr(charts, draw)(*args), chosen)


def figure(draw, *args: object, chosen: object = None) -> go.Figure:
    """`charts.draw(*args)`, with the mark whose key is `chosen` highlighted (charts.highlight), built once for the
    same arguments and shared by every later run: a figure costs more to build than its data costs to fetch from
    the cache. The arguments are the cache key, the data frames by their contents, so a figure can never be older
    than its data. The figure is shared: nothing may change it after."""
    return _drawn(draw.__name__, chosen, *args)


def sample_notice(store: Store) -> None:
    """Say plainly when the figures on screen are the bundled synthetic sample, not the office's data."""
    if basics(store).sample:
        st.info(tr("sample.notice"), icon=":material/science:")


def watch_for_new_data(store: Store, seconds: int = 30) -> None:
    """A screen left open (the meeting-room wall) redraws itself when an import or undo changes the data,
    wherever it was made: the version is a file-system check, so looking costs nothing."""
    seen = store.version()

    @st.fragment(run_every=seconds)
    def _watch() -> None:
        if store.version() != seen:
            st.rerun()

    _watch()


# --- the as-of date and the filters ----------------------------------------------------------------------

def follow_default(key: str, default: object) -> None:
    """Keep a widget on its default as the default moves (a new import), unless the user changed it."""
    marker = f"_default_{key}"
    if marker in st.session_state:  # not on a page load, where the URL may carry the value
        previous = st.session_state[marker]
        if previous != default and st.session_state.get(key) in (None, previous):
            st.session_state[key] = default
    st.session_state[marker] = default


def _reset_compare() -> None:
    as_of = st.session_state.get("as_of")
    if isinstance(as_of, dt.date):
        st.session_state["compare"] = as_of - dt.timedelta(days=7)


def _clear_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state[key] = []


def view_sidebar(store: Store) -> tuple[queries.View, dt.date, dt.date | None]:
    """Draw the sidebar (as-of date, comparison date, filters), all kept in the URL.

    Returns the view, the comparison date and the latest snapshot date (None before any import).
    """
    known = basics(store)
    snapshot = known.snapshot
    default_as_of = snapshot or dt.date.today()
    follow_default("as_of", default_as_of)
    sidebar = st.sidebar
    as_of = sidebar.date_input(
        tr("sidebar.as_of"), value=default_as_of, min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31),
        format="DD/MM/YYYY", key="as_of", bind="query-params", on_change=_reset_compare,
    )
    follow_default("compare", as_of - dt.timedelta(days=7))
    compare = sidebar.date_input(
        tr("sidebar.compare"), value=as_of - dt.timedelta(days=7), min_value=dt.date(1990, 1, 1),
        max_value=dt.date(2100, 12, 31), format="DD/MM/YYYY", key="compare", bind="query-params",
    )
    if snapshot:
        sidebar.caption(tr("sidebar.snapshot", date=fmt_date(snapshot)))

    options = known.options
    sidebar.subheader(tr("sidebar.filters"))
    block_codes = [b for b in BLOCKS if b in options["blocks"]]
    from_url("block", block_codes, multi=True)
    blocks = sidebar.multiselect(
        tr("sidebar.block"), block_codes, format_func=lambda b: tr(f"block.{b}"), key="block",
        placeholder=tr("sidebar.any"), persist_state="session",
    )
    to_url("block", blocks)
    chosen = {}
    for key, option_key, label in (
        ("unit", "units", "sidebar.unit"),
        ("assigner", "assigners", "sidebar.assigner"),
        ("field", "fields", "sidebar.field"),
        ("origin", "origins", "sidebar.origin"),
    ):
        chosen[key] = sidebar.multiselect(
            tr(label), options[option_key], key=key, bind="query-params", placeholder=tr("sidebar.any")
        )
    if blocks or any(chosen.values()):
        sidebar.button(tr("sidebar.clear"), on_click=_clear_filters, icon=":material/filter_alt_off:")
    by_recorded = False
    if known.lineage:  # only where a unit registry merges or respells units: elsewhere it would change nothing
        if RECORDED not in st.session_state:
            st.session_state[RECORDED] = st.query_params.get(RECORDED) == "1"
        by_recorded = sidebar.toggle(tr("sidebar.by_recorded"), key=RECORDED, help=tr("sidebar.by_recorded_help"))
        to_url(RECORDED, "1" if by_recorded else None)
    sidebar.caption(tr("sidebar.link_hint"))
    filters = queries.Filters(
        blocks=tuple(blocks),
        units=tuple(chosen["unit"]),
        assigners=tuple(chosen["assigner"]),
        fields=tuple(chosen["field"]),
        origins=tuple(chosen["origin"]),
    )
    # Officers' names stay out of every query result when the deployment hides them.
    view = queries.View(as_of, filters, settings.due_soon_days(), hide_names=not settings.officer_names_visible(),
                        access=current_access(), by_recorded_unit=by_recorded)
    return view, compare, snapshot


def analysis_page(title_key: str) -> tuple[Store, queries.View, dt.date, dt.date | None]:
    """The start every analysis page shares: the database, the sidebar's view, redrawing after an import, the
    page title and the sample notice. Returns the store, the view, the comparison date and the snapshot."""
    store = get_store()
    view, compare, snapshot = view_sidebar(store)
    watch_for_new_data(store)
    st.title(tr(title_key))
    sample_notice(store)
    return store, view, compare, snapshot


def explore_door(label: str, **explore_params: list[str]) -> None:
    """A link to Khám phá with this page's view (dates, filters, language) and `explore_params` (its own URL
    parameters, analytics.explore.URL_KEYS; sidebar filters such as `unit` narrow the view): the records
    behind what this page shows, to sort, page and export."""
    params = {key: st.query_params.get_all(key) for key in (*VIEW_PARAMS, "lang") if st.query_params.get_all(key)}
    params |= explore_params  # a unit or block given here is one the page's filters already allow
    st.page_link("pages/explore.py", label=label, icon=":material/query_stats:", query_params=params)


def filters_caption(filters: queries.Filters) -> None:
    """The active filters in a line under the title. The line keeps its place when there are none: the elements
    below it keep theirs between runs, and the figures are not drawn twice while a new filter is redrawn."""
    line = st.empty()
    if not filters.is_empty():
        line.caption(plain(tr("overview.filters_line", filters=filters_text(filters))))


def filters_text(filters: queries.Filters) -> str:
    """The active filters in words, for a caption under the page title."""
    return meeting.describe_filters(filters, lang())


LINEAGE_LINES_SHOWN = 3  # more than this, and the rest of the units that include merged ones fold away


def lineage_caption(store: Store, view: queries.View, unit: str | None = None) -> None:
    """Under figures by unit: which units include merged units' tasks, and until when those carried their own
    (docs/design.md §3.1), for every unit or for `unit`. Nothing by the name as recorded, or without mergers."""
    if view.by_recorded_unit or not basics(store).lineage:
        return
    lines = meeting.describe_lineage(cached(store, queries.carried_units, view), lang(), unit)
    for line in lines[:LINEAGE_LINES_SHOWN]:
        st.caption(plain(line))
    if len(lines) > LINEAGE_LINES_SHOWN:
        with st.expander(tr("lineage.more", count=len(lines) - LINEAGE_LINES_SHOWN)):
            for line in lines[LINEAGE_LINES_SHOWN:]:
                st.caption(plain(line))


# --- documents: the deck, briefings, the period report ------------------------------------------------------

def _hash_context(ctx: meeting.Context) -> tuple:
    """Every field of the context (a new field is part of the cache key without anyone remembering it)."""
    return tuple(_hash_view(v) if isinstance(v, queries.View) else v
                 for v in (getattr(ctx, f.name) for f in dataclasses.fields(ctx)))


_DOCUMENT_HASH = {queries.View: _hash_view, meeting.Context: _hash_context}


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_DOCUMENT_HASH)
def _document(path: str, version: str, builder: str, ctx: meeting.Context, *args: object) -> Document:
    with Store(path).connect() as con:
        return getattr(meeting, builder)(con, ctx, *args)


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=_DOCUMENT_HASH)
def _rendered(path: str, version: str, builder: str, ctx: meeting.Context, args: tuple, fmt: str) -> bytes:
    return exports.render(_document(path, version, builder, ctx, *args), fmt)


def document_context(store: Store, view: queries.View, compare: dt.date | None,
                     snapshot: dt.date | None) -> meeting.Context:
    return meeting.Context(view, snapshot, lang(), compare, sample=basics(store).sample,
                           today=dt.date.today())


def cached_document(store: Store, builder, ctx: meeting.Context, *args: object) -> Document:
    """`builder(con, ctx, *args)` from analytics.meeting, cached under the data version like every query."""
    return _document(str(store.path), store.version(), builder.__name__, ctx, *args)


def document_downloads(store: Store, builder, ctx: meeting.Context, args: tuple, document: Document) -> None:
    """A download button per format the document comes in. Files are made when clicked (a deck's PDF draws
    its charts in Chromium: seconds, not something to pay on every run) and cached by data version."""
    path, version = str(store.path), store.version()
    labels = {"pdf": "export.pdf", "pptx": "export.pptx", "xlsx": "export.xlsx"}
    formats = exports.FORMATS[document.kind]
    if document.charts() and not browser_available():  # charts cannot be drawn: offer only what works
        st.caption(tr("doc.image_problem", detail="chromium"))
        formats = tuple(f for f in formats if f == "xlsx")
    if not formats:
        return
    row = st.container(horizontal=True)
    for fmt in formats:
        def make(fmt: str = fmt) -> bytes:
            return _rendered(path, version, builder.__name__, ctx, args, fmt)

        download_button(
            row, tr(labels[fmt]), make, exports.file_name(document, fmt), mime=exports.MIME_TYPES[fmt],
            key=f"download_{document.kind}_{fmt}", icon=":material/download:",
        )
