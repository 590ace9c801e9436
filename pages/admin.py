"""Administration: the audit log, and the accounts (administrators only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import audit, queries, settings
from analytics.access import ROLES, AccountsProblem, remove_account, save_account
from pages.auth import accounts
from pages.common import (
    audit_log,
    cached,
    current_access,
    friendly_errors,
    get_store,
    lang,
    through_app_shell,
    tr,
)

AUDIT_SHOWN = 1000


def audit_section() -> None:
    st.header(tr("admin.audit"))
    st.caption(tr("admin.audit_help"))
    chosen = st.multiselect(tr("admin.audit_actions"), audit.ACTIONS, format_func=lambda a: tr(f"audit.{a}"),
                            key="audit_actions", placeholder=tr("sidebar.any"))
    entries = audit.latest(audit.beside(settings.db_path()), AUDIT_SHOWN, tuple(chosen))
    if not entries:
        st.info(tr("admin.audit_empty"))
        return
    table = pd.DataFrame({
        tr("admin.col_at"): [e.at.strftime("%d/%m/%Y %H:%M:%S") for e in entries],
        tr("admin.col_user"): [e.user for e in entries],
        tr("admin.col_action"): [tr(f"audit.{e.action}") for e in entries],
        tr("admin.col_detail"): [e.detail for e in entries],
    })
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(tr("admin.audit_shown", shown=len(entries)))


def accounts_section(unit_names: list[str]) -> None:
    st.header(tr("admin.accounts"))
    path = settings.accounts_path()
    if path is None:
        st.info(tr("accounts.none"), icon=":material/computer:")
        return
    known = accounts() or {}
    st.caption(tr("admin.accounts_file", path=str(path)))
    if "accounts_message" in st.session_state:
        st.success(st.session_state.pop("accounts_message"), icon=":material/check:")
    if not known:
        st.info(tr("admin.no_accounts"), icon=":material/person_add:")
    else:
        st.dataframe(pd.DataFrame({
            tr("admin.col_login"): list(known),
            tr("admin.col_name"): [a.name for a in known.values()],
            tr("admin.col_role"): [tr(f"role.{a.role}") for a in known.values()],
            tr("admin.col_units"): [", ".join(a.units) for a in known.values()],
            tr("admin.col_email"): [a.email or "" for a in known.values()],
            tr("admin.col_password"): [a.password_hash is not None for a in known.values()],
        }), hide_index=True, width="stretch")

    with st.form("account_form", clear_on_submit=True):
        st.subheader(tr("admin.edit"))
        st.caption(tr("admin.edit_help"))
        left, right = st.columns(2)
        login = left.text_input(tr("admin.col_login"), max_chars=64)
        name = right.text_input(tr("admin.col_name"), max_chars=200)
        role = left.selectbox(tr("admin.col_role"), ROLES, format_func=lambda r: tr(f"role.{r}"))
        email = right.text_input(tr("admin.col_email"), max_chars=200)
        units = st.multiselect(tr("admin.units_pick"), unit_names, placeholder=tr("admin.units_placeholder"))
        password = st.text_input(tr("auth.password"), type="password", autocomplete="new-password")
        if st.form_submit_button(tr("admin.save"), type="primary", icon=":material/save:"):
            current = known.get(login.strip().lower())  # an existing account: what is left empty stays as it was
            if current is not None:
                name, email = name or current.name, email or current.email or ""
                units = units or (list(current.units) if current.role == "unit" else [])
            try:
                account = save_account(path, login, name=name, role=role, units=units if role == "unit" else (),
                                       password=password or None, email=email or None)
            except AccountsProblem as problem:
                st.error(problem.message(lang()))
            else:
                audit_log("accounts", f"save {account.login} ({account.role})")
                st.session_state["accounts_message"] = tr("admin.saved", login=account.login)
                st.rerun()

    if known:
        st.subheader(tr("admin.remove"))
        gone = st.selectbox(tr("admin.col_login"), list(known), index=None, key="remove_login")
        sure = st.checkbox(tr("admin.remove_confirm"), key="remove_sure")
        if st.button(tr("admin.remove"), disabled=not (gone and sure), icon=":material/person_remove:"):
            if gone == current_access().user:
                st.error(tr("admin.not_self"))
            else:
                try:
                    remove_account(path, gone)
                except AccountsProblem as problem:
                    st.error(problem.message(lang()))
                else:
                    audit_log("accounts", f"remove {gone}")
                    st.session_state["accounts_message"] = tr("admin.removed", login=gone)
                    st.session_state.pop("remove_sure", None)
                    st.rerun()


through_app_shell("pages/admin.py")
with friendly_errors():
    current_access().require_change()  # app.py offers this page to administrators only; this says it again
    store = get_store()
    st.title(tr("admin.heading"))
    accounts_section(cached(store, queries.filter_options)["units"])
    audit_section()
