"""Signing in, and who the signed-in user is (the roles and their scope: analytics.access).

Three ways the app runs:
- no accounts file: one user on this machine, with an administrator's rights. The sidebar says so, and the
  app refuses to serve that way on any address but this machine's;
- local accounts (settings.accounts_path): a sign-in form, passwords checked against their Argon2id hashes,
  repeated failures slowed down;
- and, where the office has an identity provider configured for Streamlit (`[auth]` in .streamlit/secrets.toml),
  a button that signs in through it (st.login). The account whose `email` is the provider's user gives the role.

The accounts file is read again whenever it changes: a removed account or a changed role takes effect on the
user's next click.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import streamlit as st

from analytics import settings
from analytics.access import (
    EVERYTHING,
    Access,
    Account,
    AccountsProblem,
    LoginThrottle,
    account_for_email,
    authenticate,
    load_accounts,
)
from pages.common import audit_log, lang, tr

_SIGNED_IN = "signed_in"  # session state: the login name of the signed-in account


@st.cache_resource(show_spinner=False, max_entries=4)
def _accounts(path: str, changed: tuple[int, int, int]) -> dict[str, Account] | None:
    """The accounts file as of its last change (`changed`: its modification time, size and inode, part of the
    cache key)."""
    return load_accounts(Path(path))


@st.cache_resource(show_spinner=False)
def _throttle() -> LoginThrottle:
    return LoginThrottle()  # one for the whole server: guesses spread over sessions are counted together


def accounts(pages: list | None = None) -> dict[str, Account] | None:
    """The configured accounts, None in the single-user mode. A file that exists but cannot be used stops the
    app with a message (it never falls back to letting everyone in); `pages`: as for `sign_in`."""
    path = settings.accounts_path()
    if path is None:  # DONDOC_ACCOUNTS=none
        return None
    try:
        stat = path.stat()
        changed = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    except FileNotFoundError:
        if settings.accounts_configured():  # named on purpose, and missing: never the single-user mode
            if pages is not None:
                _hold(pages)
            st.error(tr("accounts.missing", path=str(path)), icon=":material/lock:")
            st.stop()
        return None
    except OSError:
        changed = (-1, -1, -1)
    try:
        return _accounts(str(path), changed)
    except AccountsProblem as problem:
        if pages is not None:
            _hold(pages)
        st.error(problem.message(lang()), icon=":material/lock:")
        st.stop()


def _hold(pages: list) -> None:
    """Before the sign-in form or a message is drawn: the app's pages registered, hidden and not run. Until
    st.navigation is called in a server, Streamlit lists the files of pages/ in the sidebar; a link to a page
    (/explore) must still lead there once the user has signed in; and the form must be drawn under the same page
    in every run, or its widgets are new ones each time and a submitted password is lost."""
    st.navigation(pages, position="hidden")


def _serves_this_machine_only() -> bool:
    address = (st.get_option("server.address") or "").strip()
    if address in ("", "0.0.0.0", "::"):  # every interface  # noqa: S104 - compared, not bound
        return False
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False  # a host name: assume it is reachable from elsewhere


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all  # noqa: BLE001
        return False


def sign_in(pages: list) -> tuple[Access, Account | None]:
    """The signed-in user's access and account (None in the single-user mode). Draws the sign-in page and stops
    the script until someone has signed in; `pages` (every page of the app) are registered, hidden, meanwhile."""
    known = accounts(pages)
    if known is None:
        if not _serves_this_machine_only():
            _hold(pages)
            st.error(tr("auth.network_without_accounts"), icon=":material/lock:")
            st.stop()
        return EVERYTHING, None
    login = st.session_state.get(_SIGNED_IN)
    account = known.get(login) if login else None
    if account is None and _oidc_configured() and st.user.is_logged_in:
        # An address the provider has not verified names nobody (some providers let users type any).
        verified = st.user.get("email_verified", True) is not False
        account = account_for_email(known, st.user.get("email")) if verified else None
        if account is None:
            _hold(pages)
            st.error(tr("auth.not_allowed", email=str(st.user.get("email") or "")), icon=":material/lock:")
            st.button(tr("auth.sign_out"), on_click=st.logout)
            st.stop()
        st.session_state[_SIGNED_IN] = account.login
        audit_log("login", "oidc", user=account.login)
    if account is None:
        st.session_state.pop(_SIGNED_IN, None)  # an account removed from the file is signed out
        _hold(pages)
        _sign_in_form(known)
        st.stop()
    return account.access(), account


def _sign_in_form(known: dict[str, Account]) -> None:
    st.title(tr("auth.title"))
    with st.form("sign_in", enter_to_submit=True):
        login = st.text_input(tr("auth.login"), key="sign_in_login", autocomplete="username")
        password = st.text_input(tr("auth.password"), type="password", key="sign_in_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(tr("auth.sign_in"), type="primary")
    if _oidc_configured():
        st.button(tr("auth.sign_in_oidc"), on_click=st.login, icon=":material/badge:")
    if not submitted:
        return
    throttle = _throttle()
    address = st.context.ip_address
    wait = throttle.wait_seconds(login, address)
    if wait:
        st.error(tr("auth.wait", seconds=wait), icon=":material/timer:")
        return
    account = authenticate(known, login, password)
    if account is None:
        throttle.failed(login, address)
        audit_log("login_failed", user=login.strip().lower()[:64])
        st.error(tr("auth.wrong"), icon=":material/error:")
        return
    throttle.succeeded(login, address)
    st.session_state[_SIGNED_IN] = account.login
    audit_log("login", "password", user=account.login)
    st.rerun()


def _sign_out(account: Account) -> None:
    audit_log("logout", user=account.login)
    st.session_state.pop(_SIGNED_IN, None)
    if _oidc_configured() and st.user.is_logged_in:
        st.logout()


def user_box(access: Access, account: Account | None) -> None:
    """Who is signed in, and the way out; or that this is the single-user mode."""
    if account is None:
        st.sidebar.caption(":material/computer: " + tr("auth.single_user"))
        return
    box = st.sidebar.container(border=True)
    box.markdown(tr("auth.signed_in_as", name=account.name, role=tr(f"role.{account.role}")))
    if account.role == "unit":
        box.caption(", ".join(account.units))
    box.button(tr("auth.sign_out"), on_click=_sign_out, args=(account,), icon=":material/logout:")
