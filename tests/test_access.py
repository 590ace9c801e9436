"""Accounts, sign-in and roles (analytics.access), and the access scope applied by every query.

The scope tests ask every query of the sample twice: as a unit account, and with full access filtered to that
unit. The answers must be the same, and no other unit's name, officer or task may appear in the first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analytics import accountability, audit, exports, meeting, queries, settings
from analytics.access import (
    EVERYTHING,
    Access,
    AccessDenied,
    AccountsProblem,
    LoginThrottle,
    account_for_email,
    authenticate,
    load_accounts,
    remove_account,
    save_account,
)
from analytics.explore import Question, assignee_options, grouped, record_count, records
from analytics.store import Store
from analytics.text import unit_key

AS_OF = dt.date(2023, 10, 25)
UNIT = "Phường Nghĩa Lộ"
OTHER = "Phòng Tài nguyên và Môi trường"
Q3 = accountability.Period(dt.date(2023, 7, 1), dt.date(2023, 9, 30))


# --- the accounts file ------------------------------------------------------------------------------------

@pytest.fixture
def accounts_file(tmp_path: Path) -> Path:
    path = tmp_path / "accounts.toml"
    save_account(path, "admin", name="Quản trị", role="admin", password="mat-khau-dai")
    save_account(path, "lan", name="Nguyễn Thị Lan", role="unit", units=[UNIT], password="mat-khau-lan",
                 email="Lan@QuangNgai.gov.vn")
    save_account(path, "khach", name="Khách", role="guest", password="mat-khau-khach")
    return path


def test_no_file_is_the_single_user_mode(tmp_path: Path):
    assert load_accounts(tmp_path / "none.toml") is None


def test_accounts_are_read_back_with_their_roles_and_scope(accounts_file: Path):
    accounts = load_accounts(accounts_file)
    assert list(accounts) == ["admin", "lan", "khach"]
    lan = accounts["lan"]
    assert (lan.name, lan.role, lan.units, lan.email) == ("Nguyễn Thị Lan", "unit", (UNIT,), "lan@quangngai.gov.vn")
    assert lan.access() == Access("unit", (unit_key(UNIT),), "lan")
    assert accounts["admin"].access() == Access("admin", None, "admin")
    assert lan.password_hash.startswith("$argon2id$")
    assert "mat-khau" not in accounts_file.read_text(encoding="utf-8")  # only hashes are stored
    assert accounts_file.stat().st_mode & 0o777 == 0o600


def test_sign_in_checks_the_password(accounts_file: Path):
    accounts = load_accounts(accounts_file)
    assert authenticate(accounts, "lan", "mat-khau-lan").login == "lan"
    assert authenticate(accounts, " LAN ", "mat-khau-lan").login == "lan"  # names are not case-sensitive
    assert authenticate(accounts, "lan", "mat-khau-lan ") is None
    assert authenticate(accounts, "lan", "mat-khau-dai") is None  # another account's password
    assert authenticate(accounts, "nobody", "mat-khau-lan") is None
    assert authenticate(accounts, "lan", "") is None


def test_an_account_changed_without_a_password_keeps_it(accounts_file: Path):
    save_account(accounts_file, "lan", name="Lan", role="unit", units=[UNIT, OTHER])
    accounts = load_accounts(accounts_file)
    assert accounts["lan"].units == (UNIT, OTHER)
    assert authenticate(accounts, "lan", "mat-khau-lan") is not None


def test_the_file_keeps_its_comments(accounts_file: Path):
    text = "# Do not edit by hand on Fridays\n" + accounts_file.read_text(encoding="utf-8")
    accounts_file.write_text(text, encoding="utf-8")
    save_account(accounts_file, "khach", name="Khách mời", role="guest")
    assert accounts_file.read_text(encoding="utf-8").startswith("# Do not edit by hand on Fridays\n")


@pytest.mark.parametrize("change, code", [
    (lambda p: save_account(p, "x", name="X", role="leader", password="short"), "short_password"),
    (lambda p: save_account(p, "x", name="X", role="unit", password="long enough"), "unit_without_units"),
    (lambda p: save_account(p, "Có Dấu", name="X", role="leader", password="long enough"), "bad_login"),
    (lambda p: save_account(p, "x", name="X", role="boss", password="long enough"), "bad_role"),
    (lambda p: save_account(p, "x", name="X", role="leader"), "no_way_in"),
    (lambda p: save_account(p, "admin", name="A", role="leader"), "last_admin"),
    (lambda p: remove_account(p, "admin"), "last_admin"),
])
def test_a_bad_change_is_refused_and_the_file_is_unchanged(accounts_file: Path, change, code):
    before = accounts_file.read_bytes()
    with pytest.raises(AccountsProblem) as raised:
        change(accounts_file)
    assert raised.value.code == code
    assert accounts_file.read_bytes() == before


@pytest.mark.parametrize("text, code", [
    ("[accounts\n", "broken"),
    ("", "empty"),
    ('[accounts.a]\nrole = "admin"\npassword = "hunter22"\n', "bad_hash"),  # a password in clear is not used
    ('[accounts.a]\nrole = "root"\nemail = "a@b.vn"\n', "bad_role"),
    ('[accounts.a]\nrole = "unit"\nemail = "a@b.vn"\n', "unit_without_units"),
    ('[accounts.a]\nrole = "admin"\nemail = "a@b.vn"\n[accounts.b]\nrole = "guest"\nemail = "A@b.vn"\n',
     "email_twice"),
])
def test_a_damaged_file_is_a_problem_not_an_open_door(tmp_path: Path, text: str, code: str):
    path = tmp_path / "accounts.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AccountsProblem) as raised:
        load_accounts(path)
    assert raised.value.code == code


def test_the_identity_providers_user_is_found_by_email(accounts_file: Path):
    accounts = load_accounts(accounts_file)
    assert account_for_email(accounts, "LAN@quangngai.gov.vn ").login == "lan"
    assert account_for_email(accounts, "someone@else.vn") is None
    assert account_for_email(accounts, None) is None


def test_failures_from_one_address_or_from_everywhere_are_slowed_down():
    now = [1000.0]
    throttle = LoginThrottle(attempts=3, window=60, pause=30, clock=lambda: now[0])
    for name in ("a", "b", "c"):  # one guess at each of three names, from one machine
        throttle.failed(name, "10.0.0.9")
    assert throttle.wait_seconds("d", "10.0.0.9") == 30
    assert throttle.wait_seconds("d", "10.0.0.10") == 0  # another machine may still try
    for index in range(30):  # guesses spread over many names and machines: every attempt waits
        throttle.failed(f"n{index}", f"10.1.0.{index}")
    assert throttle.wait_seconds("admin", "10.2.0.1") == 30
    now[0] += 61
    assert throttle.wait_seconds("admin", "10.2.0.1") == 0
    throttle.failed("x", "10.3.0.1")
    assert len(throttle._failures) == 3  # old failures are forgotten, not kept forever


def test_repeated_failures_are_slowed_down():
    now = [1000.0]
    throttle = LoginThrottle(attempts=3, window=60, pause=30, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait_seconds("lan") == 0
        throttle.failed("LAN")
    assert throttle.wait_seconds("lan") == 30
    assert throttle.wait_seconds("admin") == 0  # other names are not held up
    now[0] += 29.5
    assert throttle.wait_seconds("lan") == 1
    now[0] += 1
    assert throttle.wait_seconds("lan") == 0
    throttle.failed("lan")
    throttle.succeeded("lan")
    assert throttle.wait_seconds("lan") == 0


def test_the_audit_log_keeps_every_entry_newest_first(tmp_path: Path):
    path = audit.beside(tmp_path / "dondoc.duckdb")
    assert path.name == "dondoc.audit.jsonl"
    assert audit.latest(path) == []
    for minute, (user, action) in enumerate([("lan", "login"), ("lan", "export"), ("admin", "import")]):
        audit.record(path, user, action, f"<b>{minute}</b>", now=dt.datetime(2023, 10, 25, 8, minute))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")  # a damaged line is skipped, the others still read
    entries = audit.latest(path)
    assert [(e.user, e.action, e.detail) for e in entries] == [
        ("admin", "import", "<b>2</b>"), ("lan", "export", "<b>1</b>"), ("lan", "login", "<b>0</b>")]
    assert [e.action for e in audit.latest(path, actions=("login",))] == ["login"]
    assert [e.action for e in audit.latest(path, limit=1)] == ["import"]
    with pytest.raises(ValueError):
        audit.record(path, "lan", "drop table")


# --- the scope in every query ------------------------------------------------------------------------------

UNIT_ONLY = Access("unit", (unit_key(UNIT),), "lan")
GUEST = Access("guest", None, "khach")


def _views(view_args: dict | None = None) -> tuple[queries.View, queries.View]:
    """The same question as the unit account, and with full access filtered to its unit."""
    base = queries.View(AS_OF, **(view_args or {}))
    return dataclasses.replace(base, access=UNIT_ONLY), dataclasses.replace(
        base, filters=dataclasses.replace(base.filters, units=(UNIT,)))


ASKED = {
    "counts": lambda con, v: queries.counts(con, v),
    "overview": lambda con, v: queries.overview(con, v, AS_OF - dt.timedelta(days=7), since=dt.date(2023, 7, 1)),
    "overdue_tasks": lambda con, v: queries.overdue_tasks(con, v),
    "group_counts by unit": lambda con, v: queries.group_counts(con, v, "unit"),
    "group_counts by officer": lambda con, v: queries.group_counts(con, v, "assignee"),
    "unit_states": lambda con, v: queries.unit_states(con, v),
    "changed_hands": lambda con, v: queries.changed_hands(con, v),
    "commitments": lambda con, v: queries.commitments(con, v),
    "period_report": lambda con, v: queries.period_report(con, v, dt.date(2023, 7, 1)),
    "trend": lambda con, v: queries.trend(con, v, dt.date(2023, 7, 1)),
    "explore grouped": lambda con, v: grouped(con, v, Question(rows="assignee", columns="state", measure="tasks")),
    "explore records": lambda con, v: records(con, v, Question(measure="tasks"), limit=1000),
    "explore record_count": lambda con, v: record_count(con, v, Question(measure="tasks")),
    "late_rates by unit": lambda con, v: accountability.late_rates(con, v, Q3, by="unit"),
    "late_rates by officer": lambda con, v: accountability.late_rates(con, v, Q3, by="officer"),
    "reminders": lambda con, v: accountability.reminders(con, v),
    "reminder_summary": lambda con, v: accountability.reminder_summary(con, v),
    "pushed_counts": lambda con, v: accountability.pushed_counts(con, v),
    "pushed_tasks": lambda con, v: accountability.pushed_tasks(con, v),
    "lateness_by_moves": lambda con, v: accountability.lateness_by_moves(con, v),
    "transfer_flows": lambda con, v: accountability.transfer_flows(con, v),
    "late_causes": lambda con, v: accountability.late_causes(con, v),
    "extensions_by_unit": lambda con, v: accountability.extensions_by_unit(con, v),
}


def _same(a, b) -> None:
    if isinstance(a, pd.DataFrame):  # the same rows (in any order among equals) and columns
        assert list(a.columns) == list(b.columns)
        assert sorted(map(repr, a.itertuples(index=False))) == sorted(map(repr, b.itertuples(index=False)))
    elif isinstance(a, queries.Overview):
        for name in ("counts", "previous", "by_unit", "longest", "by_month"):
            _same(getattr(a, name), getattr(b, name))
        _same(a.trend(dt.date(2023, 7, 1)), b.trend(dt.date(2023, 7, 1)))
    elif hasattr(a, "cells"):  # explore.Grouped
        _same(a.cells, b.cells)
        assert a.total == b.total
    else:
        assert a == b


def _other_names(con) -> tuple[set[str], set[str]]:
    """Every other unit's name, and the officers who have no task of the unit."""
    units = {row[0] for row in con.execute("SELECT name FROM units WHERE unit_key <> ?", [unit_key(UNIT)]).fetchall()}
    officers = {row[0] for row in con.execute(
        "SELECT DISTINCT assignee FROM tasks WHERE assignee IS NOT NULL AND assignee NOT IN "
        "(SELECT assignee FROM tasks WHERE unit_key = ? AND assignee IS NOT NULL)", [unit_key(UNIT)]).fetchall()}
    return units, officers


@pytest.mark.parametrize("name", list(ASKED))
def test_a_unit_account_gets_exactly_its_units_answer(sample_store: Store, name: str):
    ask = ASKED[name]
    scoped, filtered = _views()
    with sample_store.connect() as con:
        mine = ask(con, scoped)
        _same(mine, ask(con, filtered))
        everyone = ask(con, queries.View(AS_OF))
        other_units, other_officers = _other_names(con)
    shown = repr(mine) if not isinstance(mine, pd.DataFrame) else mine.to_csv()
    if isinstance(mine, queries.Overview):
        shown = mine.by_unit.to_csv() + mine.longest.to_csv()
    if name != "transfer_flows":  # where the unit's own tasks came from names the unit that passed them
        assert not {u for u in other_units if u in shown}
    assert not {o for o in other_officers if o in shown}
    if name in ("counts", "group_counts by unit", "explore record_count"):
        assert repr(mine) != repr(everyone)  # the question itself is not one that every unit answers alike


def test_a_unit_account_filtering_another_unit_sees_nothing(sample_store: Store):
    view = queries.View(AS_OF, queries.Filters(units=(OTHER,)), access=UNIT_ONLY)
    with sample_store.connect() as con:
        assert queries.counts(con, view).total == 0
        assert records(con, view, Question(measure="tasks")).empty


def test_a_unit_account_without_a_unit_sees_nothing(sample_store: Store):
    view = queries.View(AS_OF, access=Access("unit", (), "nobody"))
    with sample_store.connect() as con:
        assert queries.counts(con, view).total == 0
        assert queries.filter_options(con, view.access)["units"] == []


def test_the_filters_offer_only_the_units_own_values(sample_store: Store):
    with sample_store.connect() as con:
        mine = queries.filter_options(con, UNIT_ONLY)
        everyone = queries.filter_options(con)
        assert mine["units"] == [UNIT]
        assert set(mine["fields"]) <= set(everyone["fields"])
        assert mine["blocks"] == ["commune"]
        assert queries.basics(con, UNIT_ONLY).options == mine


def test_the_officers_list_follows_the_scope(sample_store: Store):
    scoped, filtered = _views()
    with sample_store.connect() as con:
        mine = assignee_options(con, scoped)
        tasks = con.execute("SELECT DISTINCT assignee FROM tasks WHERE unit_key = ? AND assignee IS NOT NULL",
                            [unit_key(UNIT)]).fetchall()
    assert sorted(mine) == sorted(row[0] for row in tasks)


@pytest.mark.parametrize("name", ["overdue_tasks", "group_counts by officer", "changed_hands", "commitments",
                                  "explore grouped", "explore records", "late_rates by officer", "reminders",
                                  "pushed_tasks"])
def test_a_guest_gets_no_list_of_tasks_and_no_officer(sample_store: Store, name: str):
    with sample_store.connect() as con, pytest.raises(AccessDenied):
        ASKED[name](con, queries.View(AS_OF, access=GUEST))


def test_a_guest_gets_the_figures_without_names(sample_store: Store):
    guest = queries.View(AS_OF, access=GUEST)
    with sample_store.connect() as con:
        assert queries.counts(con, guest) == queries.counts(con, queries.View(AS_OF))
        data = queries.overview(con, guest, AS_OF - dt.timedelta(days=7))
        assert data.longest.empty and data.counts.overdue > 0
        causes = accountability.late_causes(con, guest)
        assert causes["unclassified_cause"].isna().all()
        assert causes["tasks"].sum() == accountability.late_causes(con, queries.View(AS_OF))["tasks"].sum()
        with pytest.raises(AccessDenied):
            meeting.build_briefing(con, meeting.Context(guest, AS_OF))
        deck = meeting.build_deck(con, meeting.Context(guest, AS_OF))
        with pytest.raises(AccessDenied):  # the words of a title would narrow the figures to single tasks
            queries.counts(con, queries.View(AS_OF, queries.Filters(search="giải phóng"), access=GUEST))
        with pytest.raises(AccessDenied):
            grouped(con, guest, Question(rows="source_doc"))
    longest = next(section for section in deck.sections if section.key == "longest")
    assert longest.table is None and "không hiển thị với vai trò" in longest.empty
    names = {row for row in _all_officers(sample_store)}
    text = _document_text(deck)
    assert not {n for n in names if n in text}


def _all_officers(store: Store) -> set[str]:
    with store.connect() as con:
        return {row[0] for row in con.execute("SELECT DISTINCT assignee FROM tasks WHERE assignee IS NOT NULL")
                .fetchall()}


def _document_text(document) -> str:
    parts = [document.title]
    for section in document.sections:
        parts += [section.title, section.headline, *section.lines, *(f.value for f in section.figures)]
        if section.table:
            parts += [str(cell) for row in section.table.rows for cell in row]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("build", ["deck", "briefing", "period"])
def test_a_unit_accounts_documents_hold_only_its_unit(sample_store: Store, build: str):
    ctx = meeting.Context(queries.View(AS_OF, access=UNIT_ONLY), AS_OF)
    with sample_store.connect() as con:
        if build == "deck":
            document = meeting.build_deck(con, ctx)
        elif build == "briefing":
            document = meeting.build_briefing(con, ctx)
        else:
            document = meeting.build_period(con, ctx, dt.date(2023, 10, 1))
        other_units, other_officers = _other_names(con)
    text = _document_text(document)
    assert UNIT in text
    assert not {u for u in other_units if u in text}
    assert not {o for o in other_officers if o in text}
    if build != "deck":  # (the deck's formats draw charts with Chromium: tests/exports)
        assert exports.render(document, "xlsx")


def test_only_an_administrator_records_reminders(sample_store: Store):
    view = queries.View(AS_OF, access=UNIT_ONLY)
    with sample_store.connect() as con:
        due = accountability.reminders_due(con, view)
    assert len(due)
    for role in ("leader", "unit", "guest"):
        with pytest.raises(AccessDenied):
            accountability.record_reminders(sample_store, due, AS_OF, "Văn phòng", access=Access(role, None, "x"))
    assert accountability.record_reminders(sample_store, due, AS_OF, "Văn phòng", access=EVERYTHING)


def test_the_default_is_full_access_only_where_nobody_signs_in():
    assert queries.View(AS_OF).access == EVERYTHING
    assert EVERYTHING.may_change_data and EVERYTHING.units is None
    assert settings.accounts_path() is None  # the tests' default: no accounts file is read, not even the real one
