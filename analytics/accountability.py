"""Accountability (Official Dispatch 280/CĐ-TTg and its local follow-ups): who is late and by how much, who
must be reminded today, where work is pushed around (đùn đẩy), why tasks are late, and who to commend.

The queries extend analytics.queries: each one starts from the same `scoped`/`classified` CTE built from one
View, so the definitions, the filters and the hiding of names apply here exactly as everywhere else. SQL text
is constant; values are bound.

Definitions used here, on top of docs/design.md §4's:
- a task *came due in a period* [start, end] when its effective due falls in it; it is judged the day after
  `end` (done on time, done late or overdue), or on the view's day if that is earlier — then a task due that
  very day and still open is in time, not yet counted;
- *late rate* = (done late + still overdue) / came due: the HCMC office rates officers by it each quarter;
  overdue tasks due before the period are shown apart (they were counted in their own period);
- *reminders* follow one task's lateness: the first when it is overdue and none was sent since its deadline,
  the second once the first is `repeat_days` old and the task is still overdue, then escalation (level 3,
  repeated every `repeat_days`) once two reminders went unanswered;
- a task's *moves* are the larger of the register's transfers column and its transfer events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.access import EVERYTHING, Access
from analytics.exports.letter import Letterhead, LetterTask, letter_file_name, reminder_letter
from analytics.queries import _TASK_COLUMNS, _VIEW, View, _frame, cause_kinds
from analytics.schema import REMINDER_REPEAT_DAYS
from analytics.store import Store

LATE_RATE_THRESHOLD = 0.05  # HCMC: above 5% late files, no "excellent" rating for the quarter
COMMEND_MIN_DUE = 5


# --- periods ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive; never after the as-of day it was made for
    quarter: int | None = None  # 1-4 for a calendar quarter

    @property
    def complete(self) -> bool:
        """Does the period run to its natural end (a quarter not cut short by the as-of day)?"""
        return self.quarter is None or self.end == quarter_end(self.start)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: dt.date) -> dt.date:
    start = quarter_start(day)
    following = dt.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def quarters(as_of: dt.date, count: int = 4) -> list[Period]:
    """The quarter of the as-of day (up to that day) and the `count - 1` before it, oldest first."""
    periods = []
    start = quarter_start(as_of)
    for _ in range(count):
        periods.append(Period(start, min(quarter_end(start), as_of), (start.month - 1) // 3 + 1))
        start = quarter_start(start - dt.timedelta(days=1))
    return periods[::-1]


# --- late rates of officers and units ----------------------------------------------------------------------

_CAME_DUE = "effective_due BETWEEN $start AND $end AND state IN ('done_on_time', 'done_late', 'overdue')"
_RATES = f"""
    count(*) FILTER (WHERE {_CAME_DUE}) AS came_due,
    count(*) FILTER (WHERE {_CAME_DUE} AND state = 'done_on_time') AS done_on_time,
    count(*) FILTER (WHERE {_CAME_DUE} AND state = 'done_late') AS done_late,
    count(*) FILTER (WHERE {_CAME_DUE} AND state = 'overdue') AS overdue,
    count(*) FILTER (WHERE effective_due < $start AND state = 'overdue') AS overdue_earlier
FROM classified
WHERE state IN ('done_on_time', 'done_late', 'overdue') AND effective_due <= $end
  AND (effective_due >= $start OR state = 'overdue')
"""
_OFFICER_RATES = _VIEW + """
SELECT assignee AS officer, mode(unit_name) AS unit, count(DISTINCT unit_name) AS units,""" + _RATES + """
GROUP BY assignee
"""
_UNIT_RATES = _VIEW + "SELECT unit_name AS unit, block," + _RATES + "GROUP BY unit_name, block\n"
RATE_COLUMNS = ("came_due", "done_on_time", "done_late", "overdue", "overdue_earlier")


def late_rates(con: duckdb.DuckDBPyConnection, view: View, period: Period, by: str = "officer") -> pd.DataFrame:
    """Per officer (`by="officer"`, columns officer, unit, units) or per unit (unit, block): tasks that came
    due in the period, done on time, done late, still overdue, overdue from earlier periods, late_rate
    (None when nothing came due). The period ends on the view's as-of day at the latest.
    Highest late rate first, then most late tasks."""
    if by == "officer":
        view.access.require_details()
    end = min(period.end, view.as_of)
    # Judged the day after the period: a task due on its last day was still in time that day, and belongs to
    # this period, not the next. Never after the view's day (nothing is known after it).
    judged = min(end + dt.timedelta(days=1), view.as_of)
    sql = {"officer": _OFFICER_RATES, "unit": _UNIT_RATES}[by]
    frame = _frame(con, sql, {**view.at(judged).params(), "start": period.start, "end": end})
    for column in RATE_COLUMNS:
        frame[column] = frame[column].astype("int64")
    late = frame["done_late"] + frame["overdue"]
    frame["late"] = late
    frame["late_rate"] = (late / frame["came_due"]).where(frame["came_due"] > 0)
    frame["on_time_rate"] = (frame["done_on_time"] / frame["came_due"]).where(frame["came_due"] > 0)
    key = "officer" if by == "officer" else "unit"
    frame = frame.assign(_rate=frame["late_rate"].fillna(-1))
    frame = frame.sort_values(["_rate", "late", "came_due", key], ascending=[False, False, False, True],
                              kind="stable", na_position="last")
    return frame.drop(columns="_rate").reset_index(drop=True)


def above_threshold(rates: pd.DataFrame, threshold: float = LATE_RATE_THRESHOLD) -> pd.Series:
    """Which rows are above the late-rate threshold (strictly: exactly 5% still qualifies)."""
    return rates["late_rate"].fillna(0) > threshold + 1e-12


def late_rate_trend(con: duckdb.DuckDBPyConnection, view: View, periods: list[Period],
                    by: str = "officer") -> pd.DataFrame:
    """late_rates for each period, stacked: one row per key and period (column `period` = its start)."""
    frames = [late_rates(con, view, period, by).assign(period=period.start) for period in periods]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def best_on_time(rates: pd.DataFrame, minimum: int = COMMEND_MIN_DUE, top: int = 5) -> pd.DataFrame:
    """Who to commend: the best on-time rates among those with at least `minimum` tasks that came due (and at
    least one done on time). Ties go to more tasks done on time, then the name."""
    key = "officer" if "officer" in rates.columns else "unit"
    chosen = rates[(rates["came_due"] >= minimum) & (rates["done_on_time"] > 0) & rates[key].notna()]
    chosen = chosen.sort_values(["on_time_rate", "done_on_time", key], ascending=[False, False, True], kind="stable")
    return chosen.head(top).reset_index(drop=True)


# --- reminders (đôn đốc) ----------------------------------------------------------------------------------

_REMINDER_ROWS = _VIEW + """
, sent AS (
    -- Days, not rows: the same reminder recorded in the app and in an imported history is one reminder.
    SELECT o.task_id, greatest(count(DISTINCT e.day), max(coalesce(e.level, 0))) AS sent, max(e.day) AS last_sent
    FROM overdue o JOIN events e ON e.task_id = o.task_id
    WHERE e.action = 'reminder' AND e.day > o.effective_due AND e.day <= $as_of
    GROUP BY o.task_id
),
listed AS (
    SELECT o.task_id, o.title, o.unit_name AS unit, o.block, o.assignee, o.source_doc, o.due_date,
           o.extended_due_date, o.effective_due, o.days_overdue, o.cause,
           coalesce(s.sent, 0) AS sent, s.last_sent,
           least(coalesce(s.sent, 0) + 1, 3) AS level,
           s.sent IS NULL OR $as_of - s.last_sent >= $repeat_days AS due_today
    FROM overdue o LEFT JOIN sent s USING (task_id)
)
"""
_REMINDERS = _REMINDER_ROWS + """
SELECT * FROM listed
WHERE ($for_units::VARCHAR[] IS NULL OR list_contains($for_units::VARCHAR[], unit))
  AND ($due_today::BOOLEAN IS NULL OR due_today = $due_today::BOOLEAN)
QUALIFY $per_unit::BIGINT IS NULL
     OR row_number() OVER (PARTITION BY unit ORDER BY level DESC, days_overdue DESC, task_id) <= $per_unit::BIGINT
ORDER BY unit COLLATE vi, level DESC, days_overdue DESC, task_id
LIMIT $limit
"""
_REMINDER_SUMMARY = _REMINDER_ROWS + """
SELECT unit,
       count(*) FILTER (WHERE due_today AND level = 1) AS level_1,
       count(*) FILTER (WHERE due_today AND level = 2) AS level_2,
       count(*) FILTER (WHERE due_today AND level = 3) AS level_3,
       count(*) FILTER (WHERE due_today) AS due,
       count(*) FILTER (WHERE NOT due_today) AS waiting
FROM listed
GROUP BY unit
ORDER BY unit COLLATE vi
"""
# What the Đôn đốc page lists: a province has a million overdue tasks; its letters and the record of what was
# sent hold every one, read when asked for.
REMINDERS_SHOWN_PER_UNIT = 100
WAITING_SHOWN = 1_000


def reminders(con: duckdb.DuckDBPyConnection, view: View, repeat_days: int = REMINDER_REPEAT_DAYS,
              units: tuple[str, ...] | None = None, due_today: bool | None = None, per_unit: int | None = None,
              limit: int | None = None) -> pd.DataFrame:
    """Overdue tasks with their reminder state: sent (reminders since its deadline), last_sent, level
    (1 first reminder, 2 second, 3 escalated) and due_today (that reminder is due on the as-of day; the
    others were reminded less than `repeat_days` ago and are waiting). Ordered by unit, level, lateness.

    Every one of them, or only: those of `units`; those due today (True) or waiting (False); the first
    `per_unit` of each unit; the first `limit`."""
    view.access.require_details()
    dates = ("due_date", "extended_due_date", "effective_due", "last_sent")
    params = {**_reminder_params(view, repeat_days), "for_units": None if units is None else list(units),
              "due_today": due_today, "per_unit": per_unit, "limit": limit}
    frame = _frame(con, _REMINDERS, params, dates=dates)
    for column in ("sent", "level", "days_overdue"):
        frame[column] = frame[column].astype("int64")
    frame["due_today"] = frame["due_today"].astype(bool)
    return frame


def _reminder_params(view: View, repeat_days: int) -> dict:
    if repeat_days < 1:
        raise ValueError("repeat_days must be at least 1")
    return {**view.params(), "repeat_days": repeat_days}


def reminder_summary(con: duckdb.DuckDBPyConnection, view: View,
                     repeat_days: int = REMINDER_REPEAT_DAYS) -> pd.DataFrame:
    """Per unit with an overdue task, in Vietnamese order: reminders due today at each level (level_1, level_2,
    level_3), due (their sum) and waiting."""
    frame = _frame(con, _REMINDER_SUMMARY, _reminder_params(view, repeat_days))
    for column in ("level_1", "level_2", "level_3", "due", "waiting"):
        frame[column] = frame[column].astype("int64")
    return frame


def reminders_due(con: duckdb.DuckDBPyConnection, view: View, repeat_days: int = REMINDER_REPEAT_DAYS,
                  units: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Today's list: the overdue tasks (of `units`, or all) whose next reminder is due on the as-of day."""
    return reminders(con, view, repeat_days, units=units, due_today=True)


def record_reminders(store: Store, due: pd.DataFrame, day: dt.date, sender: str, origin: str = "app",
                     access: Access = EVERYTHING) -> int | None:
    """Record that the reminders in `due` (rows of reminders_due) were sent on `day`, as one batch that can be
    undone like an import. Recording the same reminder twice the same day counts once. None if nothing.
    Only a user who may change the data (an administrator) records."""
    access.require_change()
    if due.empty:
        return None
    keys = [
        hashlib.blake2b(f"reminder\x1f{task_id}\x1f{day.isoformat()}\x1f{level}".encode(), digest_size=10).hexdigest()
        for task_id, level in zip(due["task_id"], due["level"], strict=True)
    ]
    count = len(due)
    events = {
        "row": list(range(1, count + 1)), "event_key": keys, "task_id": list(due["task_id"]),
        "day": [day] * count, "action": ["reminder"] * count, "level": [int(v) for v in due["level"]],
        "action_text": [f"Đôn đốc lần {int(v)}" for v in due["level"]], "from_unit": [sender or None] * count,
        "from_key": [None] * count, "to_unit": list(due["unit"]), "to_key": [None] * count, "note": [None] * count,
    }
    batch = {
        "kind": "reminders", "file_name": f"Đôn đốc {day:%d/%m/%Y}", "file_sha256": "", "file_size": None,
        "stored_name": None, "file_kind": None, "encoding": None, "sheet": None, "header_row": None, "labels": None,
        "mapping": None, "snapshot_date": day, "snapshot_source": "given",
        "imported_at": dt.datetime.now().replace(microsecond=0), "origin": origin, "rows_read": count,
        "rows_loaded": count, "rows_rejected": 0, "rows_ignored": 0, "notes": None,
    }
    return store.save_events(batch=batch, events=events, rejects=[], ignored=[])


# --- pushed around (đùn đẩy) --------------------------------------------------------------------------------

_MOVED = _VIEW + """
, task_events AS (
    SELECT task_id,
        count(*) FILTER (WHERE action = 'transfer') AS transfer_events,
        count(*) FILTER (WHERE action = 'return') AS returns,
        count(*) FILTER (WHERE action = 'escalation') AS escalations,
        count(*) FILTER (WHERE action = 'extension') AS extensions,
        count(*) FILTER (WHERE action = 'reminder') AS reminders
    FROM events
    WHERE day <= $as_of  -- only the tasks in view are kept, by the join in `moved`
    GROUP BY task_id
),
moved AS (
    SELECT c.*, greatest(coalesce(c.transfers, 0), coalesce(e.transfer_events, 0)) AS moves,
           coalesce(e.returns, 0) AS returns, coalesce(e.escalations, 0) AS escalations,
           coalesce(e.extensions, 0) AS extensions, coalesce(e.reminders, 0) AS reminders
    FROM classified c LEFT JOIN task_events e USING (task_id)
)
"""

_PUSHED_COUNTS = _MOVED + """
SELECT count(*) AS tasks,
       count(*) FILTER (WHERE moves >= 1) AS moved,
       count(*) FILTER (WHERE moves >= 2) AS moved_twice,
       count(*) FILTER (WHERE returns > 0) AS returned,
       count(*) FILTER (WHERE escalations > 0) AS escalated,
       count(*) FILTER (WHERE moves >= 2 OR returns > 0 OR escalations > 0) AS pushed,
       count(*) FILTER (WHERE (moves >= 2 OR returns > 0 OR escalations > 0) AND state = 'overdue') AS pushed_overdue
FROM moved
"""

_PUSHED_TASKS = _MOVED + _TASK_COLUMNS.replace("FROM classified", ", moves, returns, escalations\nFROM moved") + """
WHERE moves >= 2 OR returns > 0 OR escalations > 0
ORDER BY moves + returns + escalations DESC, state = 'overdue' DESC, days_overdue DESC NULLS LAST, task_id
LIMIT $limit
"""
# The pushed tasks a page lists, and a download holds: a province's register can have hundreds of thousands.
PUSHED_SHOWN = 1_000
PUSHED_EXPORTED = 100_000

_LATENESS_BY_MOVES = _MOVED + """
SELECT least(moves, 3) AS moves, count(*) AS tasks,
       count(*) FILTER (WHERE state IN ('done_on_time', 'done_late', 'overdue')) AS came_due,
       count(*) FILTER (WHERE state IN ('done_late', 'overdue')) AS late,
       count(*) FILTER (WHERE state = 'overdue') AS overdue,
       avg(days_overdue) FILTER (WHERE state = 'overdue') AS mean_days_overdue
FROM moved
GROUP BY ALL
ORDER BY moves
"""

# Who passes work to whom: transfers and returns of the tasks in view, named as the units table names them.
_FLOWS = _VIEW + """
SELECT coalesce(cf.carrier_name, uf.name, e.from_unit) AS source,
       coalesce(ct.carrier_name, ut.name, e.to_unit) AS target,
       e.action, count(*) AS events, count(DISTINCT e.task_id) AS tasks
FROM events e
LEFT JOIN units uf ON uf.unit_key = e.from_key
LEFT JOIN units ut ON ut.unit_key = e.to_key
-- a merged unit is named as the unit carrying its work on the as-of day (docs/design.md §3.1), as everywhere
LEFT JOIN carriers cf ON cf.recorded_key = e.from_key
LEFT JOIN carriers ct ON ct.recorded_key = e.to_key
WHERE e.action IN ('transfer', 'return', 'escalation') AND e.day <= $as_of
  AND e.task_id IN (SELECT task_id FROM scoped)
  AND e.from_unit IS NOT NULL
GROUP BY ALL
ORDER BY events DESC, source COLLATE vi, target COLLATE vi NULLS LAST
"""


def has_history(con: duckdb.DuckDBPyConnection) -> bool:
    """Is there any transfer, return or escalation in the event history (whatever the view)?"""
    sql = "SELECT count(*) FROM events WHERE action IN ('transfer', 'return', 'escalation')"
    return bool(con.execute(sql).fetchall()[0][0])


def pushed_counts(con: duckdb.DuckDBPyConnection, view: View) -> dict[str, int]:
    """Tasks in view; moved at least once, twice or more; returned; escalated; and pushed tasks now overdue."""
    cursor = con.execute(_PUSHED_COUNTS, view.params())
    names = [d[0] for d in cursor.description]
    return {name: int(value) for name, value in zip(names, cursor.fetchall()[0], strict=True)}


def pushed_tasks(con: duckdb.DuckDBPyConnection, view: View, limit: int | None = None) -> pd.DataFrame:
    """Tasks moved two or more times, returned or escalated, most pushed first: the first `limit` of them
    (PUSHED_SHOWN unless given; pushed_counts()["pushed"] says how many there are)."""
    view.access.require_details()
    dates = ("assigned_date", "due_date", "extended_due_date", "effective_due", "completed_date")
    limit = PUSHED_SHOWN if limit is None else limit
    return _frame(con, _PUSHED_TASKS, {**view.params(), "limit": limit}, dates=dates)


def lateness_by_moves(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """How lateness grows with the number of moves (0, 1, 2, 3 or more): tasks, came due, late (done late or
    overdue), overdue, late_rate and the mean days overdue of those overdue."""
    frame = _frame(con, _LATENESS_BY_MOVES, view.params())
    for column in ("moves", "tasks", "came_due", "late", "overdue"):
        frame[column] = frame[column].astype("int64")
    frame["late_rate"] = (frame["late"] / frame["came_due"]).where(frame["came_due"] > 0)
    return frame


def transfer_flows(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Events that moved work away: source unit, target (None when the file did not say), action (transfer,
    return, escalation), events, tasks."""
    return _frame(con, _FLOWS, view.params())


def passers(flows: pd.DataFrame) -> pd.DataFrame:
    """Per unit that passed work away: transfers out, returns, escalations, total, and where most of it went."""
    if flows.empty:
        return pd.DataFrame(columns=["unit", "transfer", "return", "escalation", "total", "top_target"])
    table = flows.pivot_table(index="source", columns="action", values="events", aggfunc="sum", fill_value=0)
    for action in ("transfer", "return", "escalation"):
        if action not in table.columns:
            table[action] = 0
    table = table[["transfer", "return", "escalation"]].astype("int64")
    table["total"] = table.sum(axis=1)
    targets = flows.dropna(subset=["target"]).groupby(["source", "target"])["events"].sum().reset_index()
    targets = targets.sort_values(["events", "target"], ascending=[False, True], kind="stable")
    table["top_target"] = targets.drop_duplicates("source").set_index("source")["target"]
    table = table.reset_index().rename(columns={"source": "unit"})
    return table.sort_values(["total", "unit"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --- causes and extensions -----------------------------------------------------------------------------------

# A late task's cause, folded like analytics.text.fold (no accents, no case, words only), is matched against
# the stored rules as whole words; the first rule by position wins.
# Millions of late tasks share a few hundred causes: the tasks are counted by cause first, and each distinct
# cause is folded and matched once.
_CAUSES = _VIEW + """
, late AS (
    SELECT unit_name, block, state, cause, count(*) AS tasks
    FROM classified
    WHERE state IN ('overdue', 'done_late')
    GROUP BY ALL
),
""" + cause_kinds("SELECT DISTINCT cause FROM late") + """
SELECT l.unit_name AS unit, l.block, l.state,
       CASE WHEN c.folded = '  ' THEN 'none' ELSE coalesce(m.kind, 'unclassified') END AS kind,
       m.category, CASE WHEN m.kind IS NULL AND c.folded <> '  ' THEN l.cause END AS unclassified_cause,
       sum(l.tasks) AS tasks
FROM late l
JOIN causes c ON c.cause IS NOT DISTINCT FROM l.cause
LEFT JOIN matched m ON m.cause IS NOT DISTINCT FROM l.cause
GROUP BY ALL
ORDER BY tasks DESC
"""

_EXTENSIONS = _MOVED + """
, marked AS (
    SELECT *, (extended_due_date IS NOT NULL OR extensions > 0) AS extended FROM moved
)
SELECT unit_name AS unit, block, count(*) AS tasks,
       count(*) FILTER (WHERE extended) AS extended,
       sum(extensions) AS extension_events,
       count(*) FILTER (WHERE extended AND state IN ('done_on_time', 'done_late', 'overdue')) AS extended_came_due,
       count(*) FILTER (WHERE extended AND state IN ('done_late', 'overdue')) AS extended_late,
       count(*) FILTER (WHERE NOT extended AND state IN ('done_on_time', 'done_late', 'overdue')) AS other_came_due,
       count(*) FILTER (WHERE NOT extended AND state IN ('done_late', 'overdue')) AS other_late
FROM marked
GROUP BY unit_name, block
ORDER BY extended DESC, tasks DESC, unit COLLATE vi
"""
EXTENSION_COLUMNS = ("tasks", "extended", "extension_events", "extended_came_due", "extended_late",
                     "other_came_due", "other_late")


def late_causes(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Late tasks (overdue or done late as of the view's day) by unit, block, state, kind of cause (objective,
    subjective, unclassified, none) and category; `unclassified_cause` keeps the text no rule matched."""
    frame = _frame(con, _CAUSES, view.params())
    frame["tasks"] = frame["tasks"].astype("int64")
    if not view.access.sees_details:  # a cause no rule matched is one task's own words
        frame["unclassified_cause"] = None
    return frame


def extensions_by_unit(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Per unit: tasks, tasks extended (an extended deadline or an extension event), extension events, and of
    the extended tasks that came due how many are late; the same for the tasks never extended."""
    frame = _frame(con, _EXTENSIONS, view.params())
    for column in EXTENSION_COLUMNS:
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["extended_late_rate"] = (frame["extended_late"] / frame["extended_came_due"]).where(
        frame["extended_came_due"] > 0)
    return frame


def reminder_letters(due: pd.DataFrame, as_of: dt.date,
                     letterhead: Letterhead | None = None) -> list[tuple[str, str, bytes]]:
    """A draft letter per unit of today's list: (unit, file name, .docx bytes), in the order of the list."""
    letterhead = letterhead or Letterhead()
    letters = []
    for unit, rows in due.groupby("unit", sort=False):
        tasks = [
            LetterTask(task_id=row["task_id"], title=row["title"], source_doc=row["source_doc"],
                       due=row["effective_due"], extended=row["extended_due_date"] is not None
                       and not pd.isna(row["extended_due_date"]), days_overdue=int(row["days_overdue"]),
                       level=int(row["level"]), last_reminder=None if pd.isna(row["last_sent"]) else row["last_sent"])
            for row in rows.to_dict("records")
        ]
        letters.append((unit, letter_file_name(unit, as_of), reminder_letter(unit, tasks, as_of, letterhead)))
    return letters


def unique_names(letters: list[tuple[str, str, bytes]]) -> list[tuple[str, str, bytes]]:
    """The letters with file names made unique: two long unit names can shorten to the same file name."""
    used: set[str] = set()
    result = []
    for unit, name, data in letters:
        stem, number = name.removesuffix(".docx"), 2
        while name in used:
            name, number = f"{stem}-{number}.docx", number + 1
        used.add(name)
        result.append((unit, name, data))
    return result


def letters_zip(letters: list[tuple[str, str, bytes]]) -> bytes:
    """All letters in one .zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for _, name, data in unique_names(letters):
            archive.writestr(name, data)
    return buffer.getvalue()
