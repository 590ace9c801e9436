"""The audit log: who signed in, imported, undid, exported, changed accounts or the unit registry, and when.

One JSON object per line, appended to a file beside the database (`beside`), not inside it: writing a
line never waits for a database lock held by an import, and restoring a backup of the database never rewrites
the record of what was done. Each line is written with one append, so lines from two processes never mix.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ACTIONS = ("login", "login_failed", "logout", "import", "undo", "export", "accounts", "settings", "backup",
           "restore", "units")
_lock = threading.Lock()


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    user: str
    action: str
    detail: str


def beside(database: Path) -> Path:
    """The audit log of the database at `database`: dondoc.duckdb -> dondoc.audit.jsonl."""
    return database.with_name(database.stem + ".audit.jsonl")


def record(path: Path, user: str, action: str, detail: str = "", *, now: dt.datetime | None = None) -> None:
    """Append one entry. `detail` is data (a file name, an export's name), stored as given."""
    if action not in ACTIONS:
        raise ValueError(action)
    line = json.dumps({"at": (now or dt.datetime.now()).replace(microsecond=0).isoformat(), "user": user,
                       "action": action, "detail": detail[:500]}, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, line.encode("utf-8"))
        finally:
            os.close(descriptor)


def latest(path: Path, limit: int = 1000, actions: tuple[str, ...] = ()) -> list[Entry]:
    """The newest `limit` entries (of the given actions, or all), newest first. A damaged line is skipped."""
    kept: deque[Entry] = deque(maxlen=limit)
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    with handle:
        for line in handle:
            try:
                item = json.loads(line)
                entry = Entry(dt.datetime.fromisoformat(item["at"]), str(item["user"]), str(item["action"]),
                              str(item.get("detail", "")))
            except (ValueError, KeyError, TypeError):
                continue
            if not actions or entry.action in actions:
                kept.append(entry)
    return list(reversed(kept))
