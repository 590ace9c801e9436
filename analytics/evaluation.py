"""Results of assigned work per officer or unit and period, the register's evidence for the monthly and quarterly
rating of Nghị định 335/2025/NĐ-CP (docs/design.md §4.8): how much of the work due in the period was done
(quantity) and how much of it on time (progress), each late piece of work losing a quarter of its progress points
unless its delay has an objective cause.

For an officer (the register's "Cán bộ phụ trách") or a unit (the unit carrying the task on the period's last day,
§3.1) and a period P = [start, end], judged on J = the earlier of P's last day and the as-of day:
- due: tasks whose effective due date (after extensions) falls in P; tasks without a deadline are counted apart
  (`no_deadline`: those open at some time in P);
- on_time: completed by J, not after the effective due date; late: completed by J, after it; not_done: the others;
- late_objective: late tasks whose cause the cause rules (the Nguyên nhân page's, first matching rule) classify as
  objective ("khách quan");
- quantity_pct = (on_time + late) / due x 100;
- progress_pct = (on_time + late_objective + 0.75 x (late - late_objective)) / due x 100.

What the decree says that this follows (its text seen in part; the rest as legal Q&A and the press report it, not
verified against the text): Điều 12, 30 points of general criteria and 70 of task results (quantity, quality and
progress of converted work, each a share of the work assigned; 25% of a late item's progress points lost unless a
competent authority confirms an objective cause); Điều 19, the year's rating from the monthly and quarterly results.
Quality, the 30 points, conversion weights and the bands are not in a register: not computed here.

Periods: a month "2026-10", a quarter "2026-Q3", a half year "2026-H1", nine months "2026-9M", a year "2026"; with
a cut-off day N (the reporting regime's, Nghị định 09/2019/NĐ-CP Điều 12: from the 15th of the month before to the
14th), a period runs from day N of the month before its first month to day N-1 of its last month.
No Streamlit here: the page, the documents and the command line share these functions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.queries import _VIEW, View, _frame, cause_kinds

LATE_PROGRESS_FACTOR = 0.75  # a late piece of work keeps 75% of its progress points (loses 25%, once)
EVALUATION_KEYS = {"officer": "assignee", "unit": "unit_name"}  # whitelisted group columns
COUNT_COLUMNS = ("due", "on_time", "late", "late_objective", "not_done", "no_deadline")
_PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|Q([1-4])|H([12])|(9)M))?$", re.IGNORECASE)


@dataclass(frozen=True)
class EvaluationPeriod:
    code: str  # as asked: "2026-10", "2026-Q3", "2026-H1", "2026-9M", "2026"
    start: dt.date
    end: dt.date  # inclusive
    cutoff_day: int = 1  # 1: calendar months


def parse_period(text: str, cutoff_day: int = 1) -> EvaluationPeriod:
    """The period a code names (ValueError for anything else), under a cut-off day from 1 (calendar months) to 28."""
    if not 1 <= cutoff_day <= 28:
        raise ValueError("cut-off day outside 1-28")
    match = _PERIOD.match(text.strip())
    if not match:
        raise ValueError(f"not a period: {text!r}")
    year, month, quarter, half, nine = match.groups()
    year = int(year)
    if month is not None:
        first = last = int(month)
        if not 1 <= first <= 12:
            raise ValueError(f"not a month: {text!r}")
    elif quarter is not None:
        first, last = 3 * int(quarter) - 2, 3 * int(quarter)
    elif half is not None:
        first, last = 6 * int(half) - 5, 6 * int(half)
    elif nine is not None:
        first, last = 1, 9
    else:
        first, last = 1, 12
    if cutoff_day == 1:
        start = dt.date(year, first, 1)
        end = dt.date(year, last, calendar.monthrange(year, last)[1])
    else:  # from day N of the month before the first month to day N - 1 of the last month
        before = dt.date(year - (first == 1), 12 if first == 1 else first - 1, cutoff_day)
        start, end = before, dt.date(year, last, cutoff_day - 1)
    return EvaluationPeriod(text.strip().upper(), start, end, cutoff_day)


def judged_day(view: View, period: EvaluationPeriod) -> dt.date:
    """What the figures know: the period's last day, or the as-of day while the period runs."""
    return min(period.end, view.as_of)


def _evaluation_sql(by: str) -> str:
    key = EVALUATION_KEYS[by]  # whitelist: KeyError for anything else
    unit = ", mode(unit_name) AS unit" if by == "officer" else ", mode(block) AS block"
    return _VIEW + f"""
, due AS (
    SELECT {key} AS key, unit_name, block, cause,
           coalesce(completed_date <= $judged AND completed_date <= effective_due, false) AS on_time,
           coalesce(completed_date <= $judged AND completed_date > effective_due, false) AS late
    FROM scoped
    WHERE effective_due BETWEEN $start AND $end
),
-- the late tasks' causes as the cause rules classify them (the Nguyên nhân page's; one definition)
{cause_kinds("SELECT DISTINCT cause FROM due WHERE late")},
counted AS (
    SELECT key, count(*) AS due,
           count(*) FILTER (WHERE on_time) AS on_time,
           count(*) FILTER (WHERE late) AS late,
           count(*) FILTER (WHERE late AND cause IN (SELECT cause FROM matched WHERE kind = 'objective'))
               AS late_objective,
           count(*) FILTER (WHERE NOT on_time AND NOT late) AS not_done
    FROM due GROUP BY key
),
open_without_deadline AS (
    SELECT {key} AS key, unit_name, block FROM scoped
    WHERE effective_due IS NULL AND (assigned_date IS NULL OR assigned_date <= $end)
      AND (completed_date IS NULL OR completed_date >= $start)
),
-- where an officer works (the unit of most of their tasks in the period), or a unit's block
home AS (
    SELECT key{unit} FROM (SELECT key, unit_name, block FROM due UNION ALL SELECT * FROM open_without_deadline)
    GROUP BY key
),
no_deadline AS (SELECT key, count(*) AS no_deadline FROM open_without_deadline GROUP BY key)
SELECT h.*, c.* EXCLUDE (key), coalesce(n.no_deadline, 0) AS no_deadline
FROM home h
LEFT JOIN counted c ON c.key IS NOT DISTINCT FROM h.key
LEFT JOIN no_deadline n ON n.key IS NOT DISTINCT FROM h.key
ORDER BY h.key COLLATE vi NULLS LAST
"""


_EVALUATION_SQL = {by: _evaluation_sql(by) for by in EVALUATION_KEYS}


def evaluate(con: duckdb.DuckDBPyConnection, view: View, period: EvaluationPeriod, by: str = "officer") -> pd.DataFrame:
    """Per officer (columns key, unit) or unit (key, block): due, on_time, late, late_objective, not_done,
    no_deadline, quantity_pct and progress_pct (None when nothing was due), for the tasks of the view's filters and
    access, judged on judged_day."""
    if by == "officer":
        view.access.require_details()
    judged = judged_day(view, period)
    frame = _frame(con, _EVALUATION_SQL[by], {**view.at(judged).params(), "start": period.start, "end": period.end,
                                              "judged": judged})
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame.assign(quantity_pct=quantity_pct(frame), progress_pct=progress_pct(frame))


_BEHIND_SQL = {by: _VIEW + f"""
, due AS (
    SELECT *, coalesce(completed_date <= $judged AND completed_date <= effective_due, false) AS on_time
    FROM scoped
    WHERE effective_due BETWEEN $start AND $end AND {key} IS NOT DISTINCT FROM $key
),
{{cause_kinds}}
SELECT d.task_id, d.title, d.unit_name AS unit, d.effective_due,
       CASE WHEN d.completed_date <= $judged THEN d.completed_date END AS completed_date,
       CASE WHEN d.completed_date <= $judged THEN d.completed_date - d.effective_due END AS days_late,
       coalesce(m.kind = 'objective', false) AS objective, d.cause
FROM due d LEFT JOIN matched m ON m.cause IS NOT DISTINCT FROM d.cause
WHERE NOT d.on_time
ORDER BY d.completed_date IS NULL, days_late DESC NULLS LAST, d.effective_due, d.task_id
""".replace("{cause_kinds}", cause_kinds("SELECT DISTINCT cause FROM due")) for by, key in EVALUATION_KEYS.items()}


def behind(con: duckdb.DuckDBPyConnection, view: View, period: EvaluationPeriod, by: str, key: str | None
           ) -> pd.DataFrame:
    """The tasks behind one officer's or unit's deductions: those due in the period not done on time (late: with
    completed_date, days_late and whether the cause is objective; not done: without), most late first."""
    view.access.require_details()
    judged = judged_day(view, period)
    return _frame(con, _BEHIND_SQL[by], {**view.at(judged).params(), "start": period.start, "end": period.end,
                                         "judged": judged, "key": key}, dates=("effective_due", "completed_date"))


def recent_periods(as_of: dt.date, months: int = 12, quarters: int = 4) -> list[str]:
    """The codes a page offers, newest first: the last `months` months and `quarters` quarters up to the as-of
    day's, then its year and the year before."""
    codes = []
    year, month = as_of.year, as_of.month
    for _ in range(months):
        codes.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    year, quarter = as_of.year, (as_of.month - 1) // 3 + 1
    for _ in range(quarters):
        codes.append(f"{year}-Q{quarter}")
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return [*codes, str(as_of.year), str(as_of.year - 1)]


TREND_COUNTS = {"month": 6, "quarter": 4, "year": 3}  # the periods a trend shows, the chosen one last


def earlier_periods(code: str, count: int | None = None) -> list[str]:
    """The `count` periods of the same kind up to `code` (itself last): 6 months, 4 quarters, 3 years by default;
    a half year or nine months has no run of its own (itself only)."""
    code = code.strip().upper()
    year_text, _, rest = code.partition("-")
    year = int(year_text)
    if not rest:
        return [str(y) for y in range(year - (count or TREND_COUNTS["year"]) + 1, year + 1)]
    if rest.startswith("Q"):
        quarter, codes = int(rest[1:]), []
        for _ in range(count or TREND_COUNTS["quarter"]):
            codes.append(f"{year}-Q{quarter}")
            year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        return codes[::-1]
    if rest.isdigit():
        month, codes = int(rest), []
        for _ in range(count or TREND_COUNTS["month"]):
            codes.append(f"{year}-{month:02d}")
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return codes[::-1]
    return [code]


def trend(con: duckdb.DuckDBPyConnection, view: View, codes: list[str], by: str = "officer",
          cutoff_day: int = 1) -> pd.DataFrame:
    """evaluate() for each period of `codes`, stacked: one row per key and period (column `period` = its code)."""
    frames = [evaluate(con, view, parse_period(code, cutoff_day), by).assign(period=code) for code in codes]
    return pd.concat(frames, ignore_index=True)


def quantity_pct(frame: pd.DataFrame) -> pd.Series:
    """(on time + late) / due x 100, one decimal; None when nothing was due."""
    return ((frame["on_time"] + frame["late"]) * 100 / frame["due"]).where(frame["due"] > 0).round(1)


def progress_pct(frame: pd.DataFrame) -> pd.Series:
    """(on time + objective late + 0.75 x other late) / due x 100, one decimal; None when nothing was due."""
    points = frame["on_time"] + frame["late_objective"] + LATE_PROGRESS_FACTOR * (frame["late"]
                                                                                  - frame["late_objective"])
    return (points * 100 / frame["due"]).where(frame["due"] > 0).round(1)


def as_records(frame: pd.DataFrame) -> list[dict]:
    """The command line's JSON: one object per officer or unit."""
    records = []
    for row in frame.to_dict("records"):
        record = {"key": row["key"], **{c: int(row[c]) for c in COUNT_COLUMNS}}
        for column in ("quantity_pct", "progress_pct"):
            record[column] = None if pd.isna(row[column]) else float(row[column])
        records.append(record)
    return records
