"""Who may see and do what: local accounts, their roles, and the access scope every query applies.

Roles (docs/design.md §6 Access rules):
- admin: everything, and the only one who may import, undo, and manage settings and accounts;
- leader: everything, read-only;
- unit: only the tasks of its own unit(s) and their officers. `queries._VIEW` applies this, so every figure,
  list and export is limited the same way, not only what a page shows;
- guest: figures only. Officers' names are hidden, and no list of tasks nor figure per officer is given
  (`Access.require_details`, called by every query that returns them).

Accounts live in a TOML file kept out of git: $DONDOC_ACCOUNTS, default data/accounts.toml. Passwords are stored
only as Argon2id hashes (argon2-cffi). With no accounts file the app runs for one user on this machine, with an
administrator's rights (pages.auth says so on screen, and refuses to serve a network that way). A file that
exists but cannot be read opens nothing: it never falls back to the single-user mode.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from analytics.problems import CodedProblem
from analytics.schema import ROLES
from analytics.text import nfc, unit_key

MIN_PASSWORD_CHARS = 8
_LOGIN_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")  # lower case: "Lan" and "lan" are one account
_hasher = PasswordHasher()  # Argon2id with the library's recommended cost


class AccessDenied(CodedProblem):
    """The user's role does not allow this (a guest asking for a list of tasks or for officers' figures)."""

    catalogue = "auth"
    tone = "info"
    icon = "lock"

    def __init__(self, role: str = "") -> None:
        super().__init__("denied", role=role)


class AccountsProblem(CodedProblem):
    """The accounts file cannot be used, or a change to it is refused."""

    catalogue = "accounts"


@dataclass(frozen=True)
class Access:
    """What one user may see and do: the part of every query's View that comes from the login."""

    role: str = "admin"
    units: tuple[str, ...] | None = None  # the unit keys a unit account may see; None: every unit
    user: str = ""  # the login name, for the audit log ("" for the command line and the single-user mode)

    @property
    def may_change_data(self) -> bool:
        """Import, undo, settings and accounts."""
        return self.role == "admin"

    @property
    def sees_names(self) -> bool:
        return self.role != "guest"

    @property
    def sees_details(self) -> bool:
        return self.role != "guest"

    def require_details(self) -> None:
        """Called by each query that lists tasks or counts per officer."""
        if not self.sees_details:
            raise AccessDenied(self.role)

    def require_change(self) -> None:
        """Called before an import, an undo, or a change of settings or accounts."""
        if not self.may_change_data:
            raise AccessDenied(self.role)

    def params(self) -> dict:
        """Bound by queries._VIEW: a unit account's tasks are those of its units."""
        return {"all_units": self.units is None, "allowed_units": list(self.units or ())}


EVERYTHING = Access()  # the command line, the single-user mode and the tests' default


@dataclass(frozen=True)
class Account:
    login: str
    name: str
    role: str
    units: tuple[str, ...] = ()  # unit names, as the register writes them (a unit account's)
    password_hash: str | None = None  # None: signs in only through the office's identity provider
    email: str | None = None  # matched with the identity provider's e-mail (st.login)

    def access(self) -> Access:
        if self.role == "unit":
            return Access("unit", tuple(sorted({unit_key(u) for u in self.units})), self.login)
        return Access(self.role, None, self.login)


def load_accounts(path: Path) -> dict[str, Account] | None:
    """The accounts in `path` by login name; None when there is no such file (the single-user mode).
    Raises AccountsProblem when the file exists but cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AccountsProblem("unreadable", path=str(path), detail=exc.strerror or str(exc)) from exc
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AccountsProblem("broken", path=str(path), detail=str(exc)[:200]) from exc
    table = document.get("accounts")
    if not isinstance(table, dict) or not table:
        raise AccountsProblem("empty", path=str(path))
    accounts = {}
    for login, entry in table.items():
        accounts[login] = _account(login, entry)
    emails = [a.email for a in accounts.values() if a.email]
    if len(emails) != len(set(emails)):
        raise AccountsProblem("email_twice", path=str(path))
    return accounts


def _account(login: str, entry: object) -> Account:
    if not _LOGIN_NAME.match(login):
        raise AccountsProblem("bad_login", login=login)
    if not isinstance(entry, dict):
        raise AccountsProblem("bad_entry", login=login)
    role = entry.get("role")
    if role not in ROLES:
        raise AccountsProblem("bad_role", login=login, role=str(role))
    units = entry.get("units", [])
    if not isinstance(units, list) or not all(isinstance(u, str) and u.strip() for u in units):
        raise AccountsProblem("bad_units", login=login)
    if role == "unit" and not units:
        raise AccountsProblem("unit_without_units", login=login)
    password_hash = entry.get("password")
    email = entry.get("email")
    if password_hash is not None and not (isinstance(password_hash, str) and password_hash.startswith("$argon2")):
        raise AccountsProblem("bad_hash", login=login)  # a password written in clear is refused, not used
    if password_hash is None and not email:
        raise AccountsProblem("no_way_in", login=login)
    name = entry.get("name") or login
    return Account(login, nfc(str(name)), role, tuple(nfc(u.strip()) for u in units), password_hash,
                   str(email).strip().lower() if email else None)


# --- signing in --------------------------------------------------------------------------------------------

@functools.cache
def _unknown_hash() -> str:
    """Verified against when the login name is unknown, so an unknown name takes as long as a wrong password.
    Made on the first sign-in, not when the module is imported (an Argon2id hash takes about 0.2 s, which every
    command line and server start would pay)."""
    return _hasher.hash("not a password of anyone")


def authenticate(accounts: dict[str, Account], login: str, password: str) -> Account | None:
    """The account whose login and password these are, else None."""
    account = accounts.get(login.strip().lower())
    stored = account.password_hash if account and account.password_hash else _unknown_hash()
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return account if account and account.password_hash else None


def account_for_email(accounts: dict[str, Account], email: str | None) -> Account | None:
    """The account the identity provider's user is (by e-mail, case-insensitive), else None."""
    if not email:
        return None
    wanted = email.strip().lower()
    return next((a for a in accounts.values() if a.email == wanted), None)


class LoginThrottle:
    """Slows down password guessing: after `attempts` failures within `window` seconds for one login name, or
    from one address, that name or address is refused for `pause` seconds; and after `attempts * 10` failures
    server-wide, every attempt is. Kept in memory, shared by every session of the server."""

    def __init__(self, attempts: int = 5, window: float = 900, pause: float = 300, clock=time.monotonic) -> None:
        self.attempts, self.window, self.pause, self.clock = attempts, window, pause, clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _keys(login: str, address: str | None) -> tuple[str, ...]:
        return ("name:" + login.strip().lower(), *(("from:" + address,) if address else ()))

    def wait_seconds(self, login: str, address: str | None = None) -> int:
        """How long this login name, from this address, must still wait (0: it may try)."""
        now = self.clock()
        with self._lock:
            waits = [self._wait(self._failures.get(key, []), self.attempts, now)
                     for key in self._keys(login, address)]
            waits.append(self._wait(self._failures.get("all", []), self.attempts * 10, now))
        return max(waits)

    def _wait(self, times: list[float], limit: int, now: float) -> int:
        recent = [t for t in times if now - t < self.window]
        return 0 if len(recent) < limit else max(0, int(recent[-1] + self.pause - now + 0.999))

    def failed(self, login: str, address: str | None = None) -> None:
        now = self.clock()
        with self._lock:
            for key in (*self._keys(login, address), "all"):
                self._failures[key] = [t for t in self._failures.get(key, []) if now - t < self.window] + [now]
            for key in [k for k, times in self._failures.items() if not times or now - times[-1] >= self.window]:
                del self._failures[key]  # forgotten once they no longer count

    def succeeded(self, login: str, address: str | None = None) -> None:
        with self._lock:
            for key in self._keys(login, address):
                self._failures.pop(key, None)


# --- managing accounts (the command line and the administration page) --------------------------------------

def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountsProblem("short_password", chars=MIN_PASSWORD_CHARS)


def save_account(path: Path, login: str, *, name: str, role: str, units: list[str] | tuple[str, ...] = (),
                 password: str | None = None, email: str | None = None) -> Account:
    """Add an account or change one (a password given is hashed; none keeps the stored one). The file keeps its
    comments and order, and is readable only by its owner."""
    login = login.strip().lower()
    document = _document(path)
    accounts = document.setdefault("accounts", tomlkit.table(is_super_table=True))
    entry = tomlkit.table()
    previous = accounts.get(login)
    entry["name"] = nfc(name.strip()) or login
    entry["role"] = role
    if units:
        entry["units"] = [nfc(u.strip()) for u in units if u.strip()]
    if email:
        entry["email"] = email.strip().lower()
    if password is not None:
        check_password(password)
        entry["password"] = _hasher.hash(password)
    elif previous is not None and "password" in previous:
        entry["password"] = str(previous["password"])
    account = _account(login, entry.unwrap())  # checked as the file will be read, before it is written
    accounts[login] = entry
    _check_an_admin_remains(document)
    _write(path, document)
    return account


def remove_account(path: Path, login: str) -> bool:
    document = _document(path)
    accounts = document.get("accounts")
    if accounts is None or login not in accounts:
        return False
    del accounts[login]
    _check_an_admin_remains(document)
    _write(path, document)
    return True


def _check_an_admin_remains(document: tomlkit.TOMLDocument) -> None:
    """Somebody must still be able to import and manage accounts: a change that leaves no administrator who can
    sign in is refused (the file is not written)."""
    entries = document.get("accounts") or {}
    if not any(e.get("role") == "admin" and (e.get("password") or e.get("email")) for e in entries.values()):
        raise AccountsProblem("last_admin")


def _document(path: Path) -> tomlkit.TOMLDocument:
    if not path.exists():
        document = tomlkit.document()
        document.add(tomlkit.comment("Đôn đốc: tài khoản người dùng. Mật khẩu chỉ lưu dạng băm (Argon2id)."))
        document.add(tomlkit.comment("Quản lý bằng: python -m analytics account --help"))
        return document
    return tomlkit.parse(path.read_text(encoding="utf-8"))


def _write(path: Path, document: tomlkit.TOMLDocument) -> None:
    """Written to a temporary file and moved into place: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(tomlkit.dumps(document))
    os.replace(temporary, path)
