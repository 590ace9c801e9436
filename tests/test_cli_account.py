"""`python -m analytics account`: accounts managed from the command line, as an administrator sets them up."""

from __future__ import annotations

import subprocess
from pathlib import Path

from analytics import audit
from analytics.access import authenticate, load_accounts
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent


def account(*args: str, accounts: Path, db: Path, password: str | None = None,
            process: bool = False) -> subprocess.CompletedProcess:
    return run("account", *args, *(["--password-stdin"] if password is not None else []), db=db,
               env={"DONDOC_ACCOUNTS": str(accounts)}, stdin=None if password is None else password + "\n",
               process=process)


def test_accounts_are_added_changed_listed_and_removed(tmp_path: Path):
    path, db = tmp_path / "accounts.toml", tmp_path / "dondoc.duckdb"
    first = account("add", "lan", "--role", "unit", "--unit", "Phường Nghĩa Lộ", accounts=path, db=db,
                    password="mat-khau-lan")
    assert first.returncode == 1
    assert "ít nhất một tài khoản Quản trị" in first.stderr  # the first account must be an administrator
    assert not path.exists()

    assert account("add", "admin", "--role", "admin", "--name", "Quản trị", accounts=path, db=db,
                   password="mat-khau-admin", process=True).returncode == 0  # a real process reads standard input
    added = account("add", "Lan", "--role", "unit", "--unit", "Phường Nghĩa Lộ", "--unit", "Phường Trần Phú",
                    "--name", "Nguyễn Thị Lan", accounts=path, db=db, password="mat-khau-lan")
    assert added.returncode == 0, added.stderr
    short = account("password", "lan", accounts=path, db=db, password="ngan")
    assert short.returncode == 1 and "ít nhất 8 ký tự" in short.stderr
    assert account("password", "lan", accounts=path, db=db, password="mat-khau-moi").returncode == 0

    accounts = load_accounts(path)
    assert accounts["lan"].units == ("Phường Nghĩa Lộ", "Phường Trần Phú")
    assert authenticate(accounts, "lan", "mat-khau-moi") and not authenticate(accounts, "lan", "mat-khau-lan")
    listed = account("list", accounts=path, db=db)
    assert listed.stdout.splitlines() == ["admin\tadmin\tQuản trị\t",
                                          "lan\tunit\tNguyễn Thị Lan [Phường Nghĩa Lộ, Phường Trần Phú]\t"]
    assert "argon2" not in listed.stdout

    assert account("remove", "lan", accounts=path, db=db).returncode == 0
    assert account("remove", "lan", accounts=path, db=db).returncode == 1
    assert account("remove", "admin", accounts=path, db=db).returncode == 1  # the last administrator stays
    assert list(load_accounts(path)) == ["admin"]
    assert [e.detail for e in audit.latest(audit.beside(db))] == [
        "remove lan", "password lan (unit)", "save lan (unit)", "save admin (admin)"]
    assert all(e.user.startswith("cli") for e in audit.latest(audit.beside(db)))
