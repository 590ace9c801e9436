"""Danh mục đơn vị: the unit registry in force, its edits (add, rename, merge into, block, other names), its download,
and the units the registers name that it does not account for (administrators only). Every edit is
analytics.unit_registry's: a new registry batch, undone from the import page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from analytics import queries, unit_registry
from analytics.i18n import fmt_int
from analytics.schema import BLOCKS
from analytics.unit_registry import RegistryEditProblem
from pages.common import (
    audit_log,
    basics,
    cached,
    current_access,
    download_button,
    friendly_errors,
    get_store,
    lang,
    plain,
    through_app_shell,
    tr,
    watch_for_new_data,
)

UNMATCHED_SHOWN = 50  # names listed with their buttons; "add all" takes every one
REFORM_DAY = dt.date(2025, 7, 1)  # the mergers of Luật 72/2025/QH15: the effective date proposed
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def save(store, edit: Callable, place=st) -> None:
    """Write one edit; on success say so above the registry (after the rerun), else say why where it was asked."""
    try:
        batch_id, change = unit_registry.save(store, current_access(), edit)
    except RegistryEditProblem as problem:
        place.error(plain(problem.message(lang())), icon=":material/block:")  # names typed are data
        return
    audit_log("units", f"{change.describe('vi')} (batch {batch_id})")
    st.session_state["units_message"] = tr("units.saved", what=change.describe(lang()), batch=batch_id)
    st.rerun()


def registry_section(units, in_force: dict | None) -> None:
    if not units:
        st.info(tr("units.empty"), icon=":material/account_tree:")
        st.page_link("pages/import_data.py", label=tr("units.open_import"), icon=":material/upload_file:")
        return
    header, rows = unit_registry.registry_shown(units, lang())
    # A province's registry has a hundred units or more: twenty rows at a time rather than ten.
    height = "auto" if len(rows) <= 10 else min(len(rows), 20) * 35 + 38
    st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", height=height)
    if in_force is not None:
        st.caption(plain(tr("units.in_force", count=fmt_int(len(units), lang()), batch=in_force["batch_id"],
                            what=unit_registry.edit_label(in_force, lang()) or in_force["file_name"],
                            when=in_force["imported_at"].strftime("%d/%m/%Y %H:%M"))))
    language = lang()  # the file is made on the click, outside this run
    download_button(st, tr("units.download"), lambda: unit_registry.registry_xlsx(units, language),
                    tr("units.file_name"), mime=XLSX, key="units_download", icon=":material/download:")


SPLIT_COLUMNS = ("task_id", "title", "unit", "went_into", "state", "days_overdue")


def split_section(store, units) -> None:
    """The tasks of split units that no transfer has given to one of their successors yet (docs/design.md §3.1):
    counted under the split unit until then."""
    snapshot = basics(store).snapshot
    if snapshot is None or not any(unit.split for unit in units):
        return
    left = cached(store, queries.split_tasks, queries.View(snapshot, access=current_access()))
    st.header(tr("units.split_heading"))
    st.caption(tr("units.split_help"))
    if left.empty:
        st.success(tr("units.split_none", day=snapshot.strftime("%d/%m/%Y")), icon=":material/check_circle:")
        return
    shown = left.loc[:, list(SPLIT_COLUMNS)].assign(state=left["state"].map(lambda s: tr(f"state.{s}")))
    shown = shown.rename(columns={c: tr(f"units.split_col.{c}") for c in SPLIT_COLUMNS})
    st.markdown(tr("units.split_count", count=fmt_int(len(left), lang()), day=snapshot.strftime("%d/%m/%Y")))
    st.dataframe(shown, hide_index=True, width="stretch")


def edit_section(store, units) -> None:
    st.header(tr("units.edit_heading"))
    st.caption(tr("units.edit_help"))
    names = [u.name for u in units]
    block_label = {None: tr("units.block_inferred")} | {b: tr(f"block.{b}") for b in BLOCKS}
    if not units:  # only adding makes sense yet
        add_form(store, names, block_label)
        return
    add, rename, merge, block, alias = st.tabs([tr("units.tab_add"), tr("units.tab_rename"), tr("units.tab_merge"),
                                                tr("units.tab_block"), tr("units.tab_alias")])
    with add:
        add_form(store, names, block_label)
    with rename, st.form("rename_form"):
        unit = st.selectbox(tr("units.unit"), names, index=None, placeholder=tr("units.choose"), key="rename_unit")
        name = st.text_input(tr("units.new_name"), max_chars=unit_registry.MAX_NAME, key="rename_to")
        st.caption(tr("units.rename_note"))
        if st.form_submit_button(tr("units.rename"), type="primary", icon=":material/edit:"):
            if chosen(unit) and typed(name):
                save(store, partial(unit_registry.renamed, unit=unit, name=name))
    with merge, st.form("merge_form"):
        left, middle, right = st.columns([2, 2, 1])
        unit = left.selectbox(tr("units.merged_unit"), names, index=None, placeholder=tr("units.choose"),
                              key="merge_unit")
        successor = middle.selectbox(tr("registry.successor"), [None, *names],
                                     format_func=lambda n: tr("units.not_merged") if n is None else n,
                                     key="merge_into")
        day = right.date_input(tr("registry.effective_date"), value=REFORM_DAY, format="DD/MM/YYYY",
                               min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31), key="merge_date")
        st.caption(tr("units.merge_note"))
        if st.form_submit_button(tr("units.merge"), type="primary", icon=":material/merge:") and chosen(unit):
            save(store, partial(unit_registry.merged, unit=unit, successor=successor,
                                effective=day if successor else None))
    with block, st.form("block_form"):
        left, right = st.columns(2)
        unit = left.selectbox(tr("units.unit"), names, index=None, placeholder=tr("units.choose"), key="block_unit")
        code = right.selectbox(tr("registry.block"), BLOCKS, format_func=block_label.get, key="block_choice")
        if st.form_submit_button(tr("units.set_block"), type="primary", icon=":material/category:") and chosen(unit):
            save(store, partial(unit_registry.reblocked, unit=unit, block=code))
    with alias, st.form("alias_form"):
        left, right = st.columns(2)
        unit = left.selectbox(tr("units.unit"), names, index=None, placeholder=tr("units.choose"), key="alias_unit")
        name = right.text_input(tr("registry.aliases"), max_chars=unit_registry.MAX_NAME, key="alias_name")
        st.caption(tr("units.alias_note"))
        if st.form_submit_button(tr("units.add_alias"), type="primary", icon=":material/add_link:"):
            if chosen(unit) and typed(name):
                save(store, partial(unit_registry.aliased, unit=unit, alias=name))


def add_form(store, names: list[str], block_label: dict) -> None:
    with st.form("add_form"):
        left, middle, right = st.columns(3)
        name = left.text_input(tr("registry.name"), max_chars=unit_registry.MAX_NAME, key="add_name")
        block = middle.selectbox(tr("registry.block"), [None, *BLOCKS], format_func=block_label.get, key="add_block")
        parent = right.selectbox(tr("registry.parent"), [None, *names],
                                 format_func=lambda n: tr("units.no_parent") if n is None else n, key="add_parent")
        if st.form_submit_button(tr("units.add"), type="primary", icon=":material/add:") and typed(name):
            save(store, partial(unit_registry.added, name=name, block=block, parent=parent))


def chosen(unit: str | None) -> bool:
    if unit is None:
        st.warning(tr("units.choose_first"))
    return unit is not None


def typed(name: str) -> bool:
    if not name.strip():
        st.warning(tr("units.name_needed"))
    return bool(name.strip())


def unmatched_section(store, units, version: int) -> None:
    """The units the registers name that the registry does not, each to add or to record as another name."""
    st.header(tr("units.unmatched_heading"))
    st.caption(tr("units.unmatched_help"))
    found = unit_registry.unmatched(store)
    if not found:
        st.success(tr("units.unmatched_none"), icon=":material/check_circle:")
        return
    notice = st.container()
    top = st.columns([3, 2], vertical_alignment="center")
    top[0].markdown(tr("units.unmatched_count", count=fmt_int(len(found), lang()),
                       tasks=fmt_int(sum(u.tasks for u in found), lang())))
    if top[1].button(tr("units.add_all", count=fmt_int(len(found), lang())), icon=":material/playlist_add:",
                     key=f"add_all_{version}"):
        save(store, partial(unit_registry.added_all, names=[u.name for u in found]), notice)
    names = [u.name for u in units]
    widths = [4, 1, 2, 3, 2]
    head = st.columns(widths)
    head[0].markdown(f"**{tr('units.col_name')}**")
    head[1].markdown(f"**{tr('units.col_tasks')}**")
    if names:
        head[3].markdown(f"**{tr('units.spelling_of')}**")
    for item in found[:UNMATCHED_SHOWN]:
        row = st.columns(widths, vertical_alignment="center")
        row[0].markdown(plain(item.name))
        row[1].markdown(fmt_int(item.tasks, lang()))
        # Keys carry the registry's batch: after an edit the choices are those of the new registry.
        if row[2].button(tr("units.add"), key=f"add_{version}_{item.key}", icon=":material/add:"):
            save(store, partial(unit_registry.added, name=item.name), notice)
        if not names:
            continue
        target = row[3].selectbox(tr("units.spelling_of"), names, label_visibility="collapsed",
                                  index=names.index(item.likely) if item.likely else None,
                                  placeholder=tr("units.choose"), key=f"spelling_{version}_{item.key}")
        if row[4].button(tr("units.add_spelling"), key=f"alias_{version}_{item.key}", icon=":material/add_link:",
                         disabled=target is None):
            save(store, partial(unit_registry.aliased, unit=target, alias=item.name), notice)
    if len(found) > UNMATCHED_SHOWN:
        st.caption(tr("units.unmatched_more", count=fmt_int(len(found) - UNMATCHED_SHOWN, lang())))


through_app_shell("pages/units.py")
with friendly_errors():
    current_access().require_change()  # app.py offers this page to administrators only; this says it again
    store = get_store()
    watch_for_new_data(store)
    st.title(tr("units.heading"))
    st.caption(tr("units.intro"))
    if "units_message" in st.session_state:
        saved = plain(st.session_state.pop("units_message"))
        st.success(saved, icon=":material/check_circle:")
        st.toast(saved, icon=":material/check_circle:")  # seen too by whoever clicked far down the page
    units = store.registry()
    in_force = unit_registry.in_force(store)
    registry_section(units, in_force)
    split_section(store, units)
    edit_section(store, units)
    unmatched_section(store, units, in_force["batch_id"] if in_force else 0)
