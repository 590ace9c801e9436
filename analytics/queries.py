"""Every question the dashboard asks of the register, in one place.

Each query takes one `View` (the as-of date, the filters, later the user's access scope). The view becomes
the `scoped` and `classified` common table expressions below, so a new filter or a role is one change here,
not one per chart. SQL text is constant; user values are always bound parameters. The only identifiers
ever spliced in come from the fixed whitelist schema.GROUP_DIMENSIONS.

The definitions (docs/design.md §4) are written once, in `_state` and `_OVERDUE`, which `classified` applies:
- effective due = extended due date if present, else due date;
- done_on_time / done_late: completed on or before the as-of day, on/before or after the effective due;
- overdue: not completed by the as-of day and effective due before it (the deadline day itself is in time);
- due_soon: not completed, effective due within the next N days (as-of day included); on_track: later;
- no_deadline: no effective due at all (counted apart whether or not completed);
- tasks assigned after the as-of day did not exist yet and are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from analytics.access import EVERYTHING, Access
from analytics.schema import AGING_BUCKETS, COMMITMENT_ORIGIN_WORDS, DUE_SOON_DAYS, GROUP_DIMENSIONS, STATES
from analytics.text import has_diacritics, nfc


@dataclass(frozen=True)
class Filters:
    """Which tasks to look at. Empty means "any"; every query applies all of it in the `scoped` CTE."""

    blocks: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # unit display names
    assigners: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    assignees: tuple[str, ...] = ()  # as shown: the "CB-…" codes when names are hidden
    search: str = ""  # a phrase of whole words in the title or the source document (accents optional)
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    due_from: dt.date | None = None  # the effective due (after extensions)
    due_to: dt.date | None = None

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class View:
    """What to look at: the one value every query takes."""

    as_of: dt.date
    filters: Filters = field(default_factory=Filters)
    due_soon_days: int = DUE_SOON_DAYS
    # Officers' names are personal data: hidden, every query sees a stable code instead ("CB-3F2A1C09BE").
    hide_names: bool = False
    # Who is asking (analytics.access): a unit account sees its units' tasks only, a guest no names.
    access: Access = EVERYTHING
    # Units as the register writes them, instead of the unit carrying a task on the as-of day (docs/design.md §3.1).
    by_recorded_unit: bool = False

    def at(self, day: dt.date) -> View:
        return replace(self, as_of=day)

    def names_hidden(self) -> bool:
        return self.hide_names or not self.access.sees_names

    def params(self) -> dict:
        if self.filters.search or self.filters.assignees:  # words of a title, an officer: a guest's figures
            self.access.require_details()  # would narrow down to single tasks or people
        return {
            "as_of": self.as_of,
            "due_soon_days": self.due_soon_days,
            "hide_names": self.names_hidden(),
            "by_recorded": self.by_recorded_unit,
            **self.access.params(),
            "blocks": list(self.filters.blocks),
            "units": list(self.filters.units),
            "assigners": list(self.filters.assigners),
            "fields": list(self.filters.fields),
            "origins": list(self.filters.origins),
            "assignees": list(self.filters.assignees),
            "search": nfc(self.filters.search.strip()),
            "search_accented": has_diacritics(self.filters.search),
            "assigned_from": self.filters.assigned_from,
            "assigned_to": self.filters.assigned_to,
            "due_from": self.filters.due_from,
            "due_to": self.filters.due_to,
        }


# A task's state on a day (a bound parameter such as $as_of): docs/design.md §4.1, written once. Tasks
# assigned after the day are left out before it is asked (`scoped`).
_STATE = """CASE
            WHEN effective_due IS NULL THEN {no_deadline}
            WHEN completed_date <= {day} AND completed_date <= effective_due THEN {done_on_time}
            WHEN completed_date <= {day} THEN {done_late}
            WHEN effective_due < {day} THEN {overdue}
            WHEN effective_due <= {day} + $due_soon_days THEN {due_soon}
            ELSE {on_track}
        END"""
_OVERDUE = "effective_due < {day} AND (completed_date IS NULL OR completed_date > {day})"  # the same, alone


def _state(day: str, *, coded: bool = False) -> str:
    """The state as its name ('overdue'), or coded: its position in STATES, much cheaper to count by."""
    return _STATE.format(day=day, **{s: str(i) if coded else f"'{s}'" for i, s in enumerate(STATES)})


# Officers' names are personal data: hidden, a stable code instead ("CB-3F2A1C09BE"), keyed with the deployment's own
# secret, so a staff list cannot be hashed back to the codes.
_CODED_ASSIGNEE = """CASE WHEN $hide_names AND t.assignee IS NOT NULL
             THEN 'CB-' || upper(substr(md5((SELECT value FROM meta WHERE key = 'name_key') || t.assignee), 1, 10))
             ELSE t.assignee END"""

# Who may see what, and which units a unit filter brings: lists made once per query (uncorrelated scalar
# subqueries), then one list_contains per task. docs/design.md §3.1: a unit account covers its predecessors' tasks,
# and the tasks recorded under another spelling of its units (stored before the registry named it).
_ACCESS = """
allowed_units AS (
    SELECT unnest($allowed_units::VARCHAR[]) AS unit_key
    UNION SELECT unit_key FROM unit_lineage WHERE list_contains($allowed_units::VARCHAR[], carrier_key)
),
allowed AS (
    SELECT coalesce(list(DISTINCT unit_key), []) AS keys FROM (
        SELECT unit_key FROM allowed_units
        UNION SELECT alias_key FROM unit_aliases WHERE unit_key IN (SELECT unit_key FROM allowed_units)
    )
)"""

_VIEW_SQL = """
WITH
-- docs/design.md §3.1, lineage: on the as-of day a task recorded under a merged unit is carried by its successor.
-- Of a unit's lineage rows started by that day the latest start carries; along a chain the starts never go down,
-- so that is the deepest row started. Asked by the name as recorded ($by_recorded), nothing is carried over.
lineage_now AS (
    SELECT unit_key, arg_max(carrier_key, depth) AS carrier_key
    FROM unit_lineage
    WHERE NOT $by_recorded AND (start IS NULL OR start <= $as_of)
    GROUP BY unit_key
),
-- The recorded keys that change, with the unit carrying them: merged units, and other spellings of a registry
-- unit under which tasks were stored before the registry named them (imports under it store the unit itself).
carriers AS (
    SELECT moved.recorded_key, u.unit_key AS carrier_key, u.name AS carrier_name, u.block AS carrier_block,
           u.parent AS carrier_parent
    FROM (
        SELECT unit_key AS recorded_key, carrier_key FROM lineage_now
        UNION ALL
        SELECT a.alias_key, coalesce(n.carrier_key, a.unit_key)
        FROM unit_aliases a LEFT JOIN lineage_now n USING (unit_key)
        WHERE NOT $by_recorded AND a.alias_key NOT IN (SELECT unit_key FROM lineage_now)
    ) moved JOIN units u ON u.unit_key = moved.carrier_key
    WHERE moved.recorded_key <> moved.carrier_key
),
-- A split unit (docs/design.md §3.1: it went into several) keeps its tasks, unless the history sends one on: a task
-- transferred out of it on or after the split's day is carried, from then, by the unit its latest transfer by the
-- as-of day names (itself followed along the lineage).
split_units AS (
    SELECT unit_key, effective_date AS split_on, successor AS went_into FROM registry_units
    WHERE NOT $by_recorded AND contains(successor, ';')
      AND batch_id = (SELECT max(batch_id) FROM batches WHERE kind = 'registry' AND undone_at IS NULL)
),
reassigned AS (
    SELECT sent.task_id, u.unit_key AS carrier_key, u.name AS carrier_name, u.block AS carrier_block,
           u.parent AS carrier_parent
    FROM (
        -- (the stored versions of active batches, not the `events` view, and the split found from the events, not
        -- from the tasks: every query makes this, split or not, and these are the cheap scans)
        SELECT e.task_id, arg_max(e.to_key, e.day) AS to_key
        FROM event_versions e JOIN batches b USING (batch_id)
        JOIN (SELECT o.task_id, min(s.split_on) AS split_on
              FROM event_versions o JOIN split_units s ON s.unit_key = o.from_key
              WHERE o.action = 'transfer' AND o.day >= s.split_on GROUP BY o.task_id) out_of_split USING (task_id)
        WHERE b.undone_at IS NULL AND e.action = 'transfer' AND e.to_key IS NOT NULL
          AND e.day >= out_of_split.split_on AND e.day <= $as_of
        GROUP BY e.task_id
    ) sent
    LEFT JOIN lineage_now n ON n.unit_key = sent.to_key
    JOIN units u ON u.unit_key = coalesce(n.carrier_key, sent.to_key)
),
""" + _ACCESS + """,
-- A unit chosen in the filter brings the tasks of its predecessors (and of its other spellings): a successor's
-- trend and period report run on across its merger. Asked by the name as recorded, the name alone.
filtered_units AS (
    SELECT unit_key FROM units WHERE list_contains($units::VARCHAR[], name)
    UNION SELECT l.unit_key FROM unit_lineage l JOIN units u ON u.unit_key = l.carrier_key
          WHERE NOT $by_recorded AND list_contains($units::VARCHAR[], u.name)
),
unit_filter AS (
    SELECT coalesce(list(DISTINCT unit_key), []) AS keys FROM (
        SELECT unit_key FROM filtered_units
        UNION SELECT alias_key FROM unit_aliases
              WHERE NOT $by_recorded AND unit_key IN (SELECT unit_key FROM filtered_units)
    )
),
-- Each unit as it is shown on the as-of day, and whether this user may see its tasks and the unit and block filters
-- take them: a small relation (one row per unit), so that the lineage, the access and those filters cost the join of
-- the tasks with their units that every query makes anyway, not a test of every task. A split unit's tasks are
-- decided one by one (below: a transfer may have sent one on).
unit_view AS (
    SELECT u.unit_key AS recorded_key, u.name AS recorded_unit,
           coalesce(c.carrier_key, u.unit_key) AS unit_key, coalesce(c.carrier_name, u.name) AS unit_name,
           coalesce(c.carrier_block, u.block) AS block, coalesce(c.carrier_parent, u.parent) AS parent,
           u.unit_key IN (SELECT unit_key FROM split_units) AS split
    FROM units u LEFT JOIN carriers c ON c.recorded_key = u.unit_key
),
seen_units AS (
    SELECT * FROM unit_view
    WHERE split OR (
        -- The user's access first: a unit account's tasks are its units' (analytics.access).
        ($all_units OR list_contains((SELECT keys FROM allowed), recorded_key)
         OR list_contains($allowed_units::VARCHAR[], unit_key))
        AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_name)
             OR list_contains((SELECT keys FROM unit_filter), recorded_key))
        AND (len($blocks::VARCHAR[]) = 0 OR list_contains($blocks::VARCHAR[], block)))
),
-- The tasks as shown (docs/design.md §2: the `facts` view's columns, with the units of the as-of day). row_ref: the
-- task's row, for reading a few chosen tasks whole after choosing them by one column (explore.records).
shown AS (
    SELECT {row_ref} AS row_ref, {star} REPLACE (v.unit_key AS unit_key, {assignee} AS assignee),
           v.unit_name, v.block, v.parent, coalesce(t.extended_due_date, t.due_date) AS effective_due,
           v.recorded_key, v.recorded_unit  -- the unit as the register writes it
    FROM {tasks} JOIN seen_units v ON v.recorded_key = t.unit_key
    WHERE NOT v.split
    UNION ALL
    SELECT * FROM (
        SELECT {row_ref} AS row_ref,
               {star} REPLACE (coalesce(r.carrier_key, v.unit_key) AS unit_key, {assignee} AS assignee),
               coalesce(r.carrier_name, v.unit_name) AS unit_name, coalesce(r.carrier_block, v.block) AS block,
               coalesce(r.carrier_parent, v.parent) AS parent, coalesce(t.extended_due_date, t.due_date),
               v.recorded_key, v.recorded_unit
        FROM (SELECT * FROM seen_units WHERE split) v JOIN {tasks} ON t.unit_key = v.recorded_key
        LEFT JOIN reassigned r ON r.task_id = t.task_id
    )
    WHERE ($all_units OR list_contains((SELECT keys FROM allowed), recorded_key)
           OR list_contains($allowed_units::VARCHAR[], unit_key))
      AND (len($units::VARCHAR[]) = 0 OR list_contains($units::VARCHAR[], unit_name)
           OR list_contains((SELECT keys FROM unit_filter), recorded_key))
      AND (len($blocks::VARCHAR[]) = 0 OR list_contains($blocks::VARCHAR[], block))
),
scoped AS (
    SELECT * FROM shown  -- filtered as shown: an officer's code picks the officer when names are hidden
    WHERE (assigned_date IS NULL OR assigned_date <= $as_of)
      AND (len($assigners::VARCHAR[]) = 0 OR list_contains($assigners::VARCHAR[], assigner))
      AND (len($fields::VARCHAR[]) = 0 OR list_contains($fields::VARCHAR[], field))
      AND (len($origins::VARCHAR[]) = 0 OR list_contains($origins::VARCHAR[], origin))
      AND (len($assignees::VARCHAR[]) = 0 OR list_contains($assignees::VARCHAR[], assignee))
      AND ($assigned_from::DATE IS NULL OR assigned_date >= $assigned_from::DATE)
      AND ($assigned_to::DATE IS NULL OR assigned_date <= $assigned_to::DATE)
      AND ($due_from::DATE IS NULL OR effective_due >= $due_from::DATE)
      AND ($due_to::DATE IS NULL OR effective_due <= $due_to::DATE)
      -- The search is a phrase of whole words in the title or in the source document, matched without
      -- accents ("tinh an" finds "Tịnh Ấn"); typed with accents, with them, wherever the tone mark sits:
      -- "Tịnh Ấn" finds "Tịnh Ấn", not "tình an ninh"; "Thanh Hóa" finds "Thanh Hoá". Words with accents
      -- that match also match folded, so an accented search reads only search_words.
      AND (fold_text($search::VARCHAR) = ''  -- a search of punctuation alone ("-", "/") is no search
           OR CASE WHEN $search_accented
                   THEN contains(search_words, ' ' || tone_placed_words($search::VARCHAR) || ' ')
                   ELSE contains(search_key, ' ' || fold_text($search::VARCHAR) || ' ') END)
),
classified AS (
    SELECT *,
        {state} AS state,
        CASE WHEN {overdue} THEN ($as_of - effective_due) END AS days_overdue,
        CASE  -- aging, for overdue tasks only
            WHEN days_overdue IS NULL THEN NULL
            WHEN days_overdue <= 7 THEN '1-7'
            WHEN days_overdue <= 30 THEN '8-30'
            WHEN days_overdue <= 90 THEN '31-90'
            ELSE '90+'
        END AS bucket
    FROM scoped
),
-- state = 'overdue', written on the stored columns: the filter reaches the table scan (a filter on `state` would
-- classify every task first).
overdue AS (SELECT * FROM classified WHERE {overdue})
"""


def _view(picked: bool = False) -> str:
    """The view's common table expressions over every task, or (`picked`) over the tasks whose rows are in $refs
    only: a few tasks read whole after choosing them by one column (explore.records, overdue_tasks), found by their
    row numbers in the table itself, where no join hides the row number from the scan."""
    tasks = ("(SELECT rowid AS picked_row, * FROM tasks WHERE rowid IN (SELECT unnest($refs::BIGINT[]))) t"
             if picked else "tasks t")
    return _VIEW_SQL.format(state=_state("$as_of"), overdue=_OVERDUE.format(day="$as_of"), assignee=_CODED_ASSIGNEE,
                            tasks=tasks, row_ref="t.picked_row" if picked else "t.rowid",
                            star="t.* EXCLUDE (picked_row)" if picked else "t.*")


_VIEW = _view()
_VIEW_PICKED = _view(picked=True)

_COUNTS = _VIEW + f"SELECT {_state('$as_of', coded=True)} AS state, count(*) AS tasks FROM scoped GROUP BY ALL"

_OVERDUE_BY_UNIT = _VIEW + """
SELECT unit_name AS unit, block, bucket, count(*) AS overdue
FROM overdue
GROUP BY ALL
ORDER BY unit COLLATE vi, bucket
"""

# The trend is a sweep over events, never a days x tasks join: a task is overdue from the day after its
# effective due (or the day it was assigned, if later) until the day it is completed. The tasks are counted
# by (first day, last day) once; each count becomes +n on its first day and -n on its last; everything before
# $since is folded into $since, so the running sum of the changes (`sweep`) is the count of every day from it.
# A task completed by $since or not yet due on the as-of day changes nothing there: it is left out at the scan.
_TREND_CHANGES = _VIEW + """
, spans AS (
    SELECT greatest(effective_due + 1, assigned_date) AS first_day, completed_date AS end_day
    FROM scoped
    WHERE effective_due < $as_of AND (completed_date IS NULL OR completed_date > $since)
),
overdue_spans AS (
    SELECT greatest(first_day, $since) AS starts,
           CASE WHEN end_day <= $as_of THEN greatest(end_day, $since) END AS ends,
           count(*) AS tasks
    FROM spans
    WHERE first_day <= $as_of AND (end_day IS NULL OR end_day > first_day)
    GROUP BY ALL
),
changes AS (
    SELECT starts AS day, tasks AS change FROM overdue_spans
    UNION ALL
    SELECT ends, -tasks FROM overdue_spans WHERE ends IS NOT NULL
)
SELECT day, sum(change) AS change FROM changes GROUP BY day ORDER BY day
"""

# The overview's figures: tasks counted by state on the as-of and on the comparison day (coded, see _state; the
# comparison day's state is asked of the as-of day's tasks, so `overview` uses it when that day is not later)...
_STATES_THEN_AND_NOW = _VIEW + f"""
SELECT {_state('$as_of', coded=True)} AS state,
       CASE WHEN assigned_date IS NULL OR assigned_date <= $compare THEN {_state('$compare', coded=True)} END
           AS state_then,
       count(*) AS tasks
FROM scoped
GROUP BY ALL
"""
# ... and the overdue tasks by unit, aging bucket and month of their deadline: by_unit and by_month add them up.
# Counted by unit key and month start, named after: grouping by short keys is what costs.
_OVERDUE_CUBE = _VIEW + """
, cube AS (
    SELECT unit_key, bucket, date_trunc('month', effective_due) AS month, count(*) AS overdue
    FROM overdue
    GROUP BY ALL
)
SELECT units.name AS unit, units.block, bucket, strftime(month, '%Y-%m') AS month, overdue
FROM cube JOIN units USING (unit_key)
ORDER BY unit COLLATE vi, bucket, month
"""

# Since when: overdue tasks by the month their (effective) deadline passed.
_OVERDUE_BY_DUE_MONTH = _VIEW + """
SELECT strftime(effective_due, '%Y-%m') AS month, count(*) AS overdue
FROM overdue
GROUP BY month
ORDER BY month
"""

_OVERDUE_COLUMNS = """task_id, title, unit_name AS unit, block, assignee, assigner, source_doc, origin, field,
       assigned_date, due_date, extended_due_date, effective_due, days_overdue, bucket, status, cause, transfers,
       recorded_unit"""
_OVERDUE_ORDER = "ORDER BY days_overdue DESC, effective_due, task_id"
_OVERDUE_TASKS = _VIEW + f"""
SELECT {_OVERDUE_COLUMNS}
FROM overdue
WHERE ($unit::VARCHAR IS NULL OR unit_name = $unit::VARCHAR)
{_OVERDUE_ORDER}
LIMIT $limit
"""
# What a page lists of one unit's overdue tasks, and what its download holds at most.
UNIT_TASKS_SHOWN = 1_000
TASKS_EXPORTED = 100_000
# A few of a million overdue tasks (the longest-overdue list) in two steps: which ones, reading only what orders
# them, then those rows whole (carrying every column of every overdue task through the sort costs more).
_FEW_TASKS = 10_000
_OVERDUE_REFS = _VIEW + f"""
SELECT row_ref
FROM overdue
WHERE ($unit::VARCHAR IS NULL OR unit_name = $unit::VARCHAR)
{_OVERDUE_ORDER}
LIMIT $limit
"""
_OVERDUE_BY_REF = _VIEW_PICKED + f"""
SELECT {_OVERDUE_COLUMNS}
FROM overdue
WHERE row_ref IN (SELECT unnest($refs::BIGINT[]))
ORDER BY list_position($refs::BIGINT[], row_ref)
"""

_STATE_COUNTS = ",\n".join(f"    count(*) FILTER (WHERE state = '{s}') AS {s}" for s in STATES)

_UNIT_STATES = _VIEW + """
SELECT unit_name AS unit, block, count(*) AS total,
""" + _STATE_COUNTS + """
FROM classified
GROUP BY unit_name, block
ORDER BY overdue DESC, total DESC, unit COLLATE vi
"""

_TASK_COLUMNS = """
SELECT task_id, title, unit_name AS unit, block, assignee, assigner, source_doc, origin, field,
       assigned_date, due_date, extended_due_date, effective_due,
       CASE WHEN completed_date <= $as_of THEN completed_date END AS completed_date,  -- not known yet on as_of
       state, days_overdue, status, cause, transfers
FROM classified
"""

# Tasks that changed hands or deadline: moved between lead units, or given an extension.
_CHANGED_HANDS = _VIEW + _TASK_COLUMNS + """
WHERE coalesce(transfers, 0) > 0 OR extended_due_date IS NOT NULL
ORDER BY coalesce(transfers, 0) DESC, state = 'overdue' DESC, days_overdue DESC NULLS LAST, effective_due, task_id
"""

# Commitments: tasks whose origin is a questioning or dialogue session, matched on the folded origin text.
_COMMITMENTS = _VIEW + _TASK_COLUMNS + """
WHERE regexp_matches(fold_text(origin), $origin_pattern)
ORDER BY state = 'overdue' DESC, days_overdue DESC NULLS LAST, effective_due NULLS LAST, task_id
"""
_COMMITMENT_PATTERN = "|".join(re.escape(word) for word in COMMITMENT_ORIGIN_WORDS)

# The period report [start, as_of], the form offices file. A task belongs to the period if it was open at
# some point in it: assigned by its end and not completed before its start. Completed in the period splits
# by the effective due: early (before the due day), on the due day, late; open at the end splits in time /
# overdue. Tasks without a deadline are counted in their own columns, as everywhere else.
_PERIOD = _VIEW + """
SELECT unit_name AS unit, block,
    count(*) FILTER (WHERE assigned_date IS NULL OR assigned_date < $start) AS carried_over,
    count(*) FILTER (WHERE assigned_date >= $start) AS assigned,
    count(*) FILTER (WHERE completed_date <= $as_of AND completed_date < effective_due) AS done_early,
    count(*) FILTER (WHERE completed_date <= $as_of AND completed_date = effective_due) AS done_on_due,
    count(*) FILTER (WHERE completed_date <= $as_of AND completed_date > effective_due) AS done_late,
    count(*) FILTER (WHERE completed_date <= $as_of AND effective_due IS NULL) AS done_no_deadline,
    count(*) FILTER (WHERE state IN ('due_soon', 'on_track')) AS open_in_time,
    count(*) FILTER (WHERE state = 'overdue') AS open_overdue,
    count(*) FILTER (WHERE effective_due IS NULL AND (completed_date IS NULL OR completed_date > $as_of))
        AS open_no_deadline
FROM classified
WHERE completed_date IS NULL OR completed_date >= $start
GROUP BY unit_name, block
ORDER BY unit COLLATE vi
"""
PERIOD_COLUMNS = ("carried_over", "assigned", "done_early", "done_on_due", "done_late", "done_no_deadline",
                  "open_in_time", "open_overdue", "open_no_deadline")

def cause_kinds(distinct_causes: str) -> str:
    """Two common table expressions (docs/design.md §4.7): `causes`, each distinct cause of `distinct_causes` (a
    constant SELECT of one column, cause) folded once, and `matched`, its category and kind (objective, subjective)
    by the first cause rule, by position, whose words it contains. Millions of late tasks share a few hundred
    causes: each is matched once."""
    return f"""causes AS (SELECT cause, ' ' || fold_text(cause) || ' ' AS folded FROM ({distinct_causes})),
matched AS (
    SELECT c.cause, arg_min(r.category, r.position) AS category, arg_min(r.kind, r.position) AS kind
    FROM causes c JOIN cause_rules r ON contains(c.folded, ' ' || r.pattern || ' ')
    GROUP BY c.cause
)"""


# The units whose tasks another unit carries in view, and the last day each carried its own (docs/design.md §3.1):
# what a chart or document must say of a successor ("… gồm Phường Trần Phú đến 30/06/2025").
_CARRIED = _VIEW + """
, merged AS (SELECT unit_key, min(start) AS merged_on FROM unit_lineage WHERE depth = 1 GROUP BY unit_key)
-- (a task stored under another spelling of a merged unit is that unit's: named as the registry names it)
SELECT s.unit_name AS unit, p.name AS predecessor, m.merged_on - 1 AS until, count(*) AS tasks
FROM scoped s
LEFT JOIN unit_aliases a ON a.alias_key = s.recorded_key
JOIN merged m ON m.unit_key = coalesce(a.unit_key, s.recorded_key)
JOIN units p ON p.unit_key = m.unit_key
WHERE s.unit_key <> m.unit_key
GROUP BY ALL
ORDER BY unit COLLATE vi, until, predecessor COLLATE vi
"""

# The tasks of a split unit that no transfer has sent on by the as-of day: still counted under the unit, to be
# reassigned (a transfer in the history) to one of the units it went into.
_SPLIT_TASKS = _VIEW + """
SELECT c.task_id, c.title, c.recorded_unit AS unit, s.went_into, s.split_on, c.effective_due, c.state,
       c.days_overdue
FROM classified c JOIN split_units s ON s.unit_key = c.recorded_key
WHERE c.unit_key = c.recorded_key AND s.split_on <= $as_of
ORDER BY unit COLLATE vi, c.state = 'overdue' DESC, c.days_overdue DESC NULLS LAST, c.task_id
"""

# Each column's distinct values first (a scan of one column, few values): filtering or comparing every row is
# what costs.
_OPTIONS = "WITH " + _ACCESS + """,
seen AS (SELECT * FROM tasks WHERE $all_units OR list_contains((SELECT keys FROM allowed), unit_key)),
used_units AS (SELECT DISTINCT unit_key FROM seen),
-- The units a filter can pick: those recorded, the units they are other spellings of, and every unit that carries
-- them at some time (the filter does not know the as-of day; a unit brings its predecessors' tasks).
spelled AS (
    SELECT unit_key FROM used_units
    UNION SELECT a.unit_key FROM unit_aliases a JOIN used_units u ON u.unit_key = a.alias_key
),
named_units AS (  -- (not the other spellings themselves: their tasks are shown under the unit)
    SELECT unit_key FROM spelled WHERE unit_key NOT IN (SELECT alias_key FROM unit_aliases)
    UNION SELECT l.carrier_key FROM unit_lineage l JOIN spelled s USING (unit_key)
)
SELECT 'blocks' AS dimension, block AS value FROM units WHERE unit_key IN (SELECT unit_key FROM named_units)
UNION SELECT 'units', name FROM units WHERE unit_key IN (SELECT unit_key FROM named_units)
UNION SELECT 'assigners', assigner FROM (SELECT DISTINCT assigner FROM seen) WHERE assigner IS NOT NULL
UNION SELECT 'fields', field FROM (SELECT DISTINCT field FROM seen) WHERE field IS NOT NULL
UNION SELECT 'origins', origin FROM (SELECT DISTINCT origin FROM seen) WHERE origin IS NOT NULL
ORDER BY dimension, value COLLATE vi
"""


_LATEST_SNAPSHOT = (
    "SELECT max(snapshot_date) FROM batches WHERE undone_at IS NULL AND rows_loaded > 0 AND kind = 'tasks'"
)
_SAMPLE_IN_USE = (
    "SELECT count(*) FROM batches WHERE origin = 'sample' AND undone_at IS NULL AND rows_loaded > 0 "
    "AND kind = 'tasks'"
)


def _group_sql(dimension: str) -> str:
    column = GROUP_DIMENSIONS[dimension]  # whitelist: KeyError for anything else
    return _VIEW + f"""
SELECT {column} AS key,
       count(*) AS total,
""" + ",\n".join(f"       count(*) FILTER (WHERE state = '{s}') AS {s}" for s in STATES) + f"""
FROM classified
GROUP BY {column}
ORDER BY overdue DESC, total DESC, key COLLATE vi NULLS LAST
"""


_GROUP_SQL = {dimension: _group_sql(dimension) for dimension in GROUP_DIMENSIONS}


# --- results ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Counts:
    """Tasks by state as of one day, and the two rates built from them."""

    as_of: dt.date
    total: int
    done_on_time: int
    done_late: int
    overdue: int
    due_soon: int
    on_track: int
    no_deadline: int

    @property
    def came_due(self) -> int:
        return self.done_on_time + self.done_late + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """done_on_time / (done_on_time + done_late + overdue): every task that came due, not only closed ones."""
        return self.done_on_time / self.came_due if self.came_due else None

    @property
    def completion_on_time_rate(self) -> float | None:
        """done_on_time / (done_on_time + done_late): the rate over completed tasks only, shown beside it."""
        closed = self.done_on_time + self.done_late
        return self.done_on_time / closed if closed else None

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "total": self.total,
            **{s: getattr(self, s) for s in STATES},
            "on_time_rate": self.on_time_rate,
            "completion_on_time_rate": self.completion_on_time_rate,
        }


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: dict, dates: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = con.execute(sql, params).df()
    for column in dates:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def counts(con: duckdb.DuckDBPyConnection, view: View) -> Counts:
    return _counts(view.as_of, dict(con.execute(_COUNTS, view.params()).fetchall()))


def _counts(as_of: dt.date, tasks: Mapping[int, int]) -> Counts:
    """Counts from the number of tasks of each coded state (_state; a state no task is in may be missing)."""
    return Counts(as_of, int(sum(tasks.values())), *(int(tasks.get(code, 0)) for code in range(len(STATES))))


def overdue_by_unit(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Overdue tasks per unit and aging bucket: columns unit, block, bucket, overdue."""
    return _frame(con, _OVERDUE_BY_UNIT, view.params())


def overdue_by_due_month(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Overdue tasks per month of their effective deadline ("2023-09"): columns month, overdue."""
    return _frame(con, _OVERDUE_BY_DUE_MONTH, view.params())


def month_range(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a "YYYY-MM" month (raises ValueError for anything else)."""
    first = dt.date.fromisoformat(month + "-01")
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def trend(con: duckdb.DuckDBPyConnection, view: View, start: dt.date) -> pd.DataFrame:
    """The overdue count for every day from `start` to the view's as-of day: columns day, overdue."""
    start = min(start, view.as_of)
    return sweep(trend_changes(con, view, start), start, view.as_of)


def trend_changes(con: duckdb.DuckDBPyConnection, view: View, since: dt.date) -> pd.DataFrame:
    """How the overdue count changes, day by day, from `since` to the view's as-of day (columns day, change; days
    without a change left out): the change on `since` is the count on that day. `sweep` makes the trend of it."""
    return _frame(con, _TREND_CHANGES, {**view.params(), "since": since}, dates=("day",))


def sweep(changes: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The running sum of trend_changes (from a day up to `start`): the overdue count on every day from `start`
    to `end`, columns day, overdue."""
    change = dict(zip(changes["day"], changes["change"], strict=True))
    count = int(sum(n for day, n in change.items() if day <= start))
    days, overdue = [], []
    for offset in range((end - start).days + 1):
        day = start + dt.timedelta(days=offset)
        if offset:
            count += int(change.get(day, 0))
        days.append(day)
        overdue.append(count)
    return pd.DataFrame({"day": pd.Series(days, dtype=object), "overdue": pd.Series(overdue, dtype="int64")})


def overdue_tasks(
    con: duckdb.DuckDBPyConnection, view: View, unit: str | None = None, limit: int = 1_000_000
) -> pd.DataFrame:
    """Overdue tasks, longest overdue first; optionally of one unit (display name)."""
    view.access.require_details()
    params = {**view.params(), "unit": unit, "limit": limit}
    dates = ("assigned_date", "due_date", "extended_due_date", "effective_due")
    if limit > _FEW_TASKS:
        return _frame(con, _OVERDUE_TASKS, params, dates=dates)
    with one_version(con) as reader:
        refs = [row[0] for row in reader.execute(_OVERDUE_REFS, params).fetchall()]
        return _frame(reader, _OVERDUE_BY_REF, {**view.params(), "refs": refs}, dates=dates)


@contextmanager
def one_version(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor whose queries all read the same version of the data (queries in steps: choose rows by one
    column, then read them whole by row_ref). A cursor of its own, so whatever transaction the caller's
    connection is in does not matter; closing it ends the read."""
    with con.cursor() as reader:
        reader.execute("BEGIN TRANSACTION")
        yield reader


def _no_tasks() -> pd.DataFrame:
    """What a list of overdue tasks is for a user who may see no list (a guest): empty, same columns."""
    return pd.DataFrame(columns=[column.split(" AS ")[-1].strip() for column in _OVERDUE_COLUMNS.split(",")])


def group_counts(con: duckdb.DuckDBPyConnection, view: View, dimension: str) -> pd.DataFrame:
    """Tasks by state for each value of one dimension (unit, block, assignee, assigner, field, origin)."""
    if dimension == "assignee":
        view.access.require_details()
    return _frame(con, _GROUP_SQL[dimension], view.params())


def unit_states(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Tasks by state for every unit (columns unit, block, total and one per state), most overdue first."""
    return _frame(con, _UNIT_STATES, view.params())


_TASK_DATES = ("assigned_date", "due_date", "extended_due_date", "effective_due", "completed_date")


def changed_hands(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Tasks moved between lead units or given an extension, most transfers first (one unit: filter the view)."""
    view.access.require_details()
    return _frame(con, _CHANGED_HANDS, view.params(), dates=_TASK_DATES)


def commitments(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Tasks promised at a questioning or dialogue session, with their state as of the view's day."""
    view.access.require_details()
    params = {**view.params(), "origin_pattern": _COMMITMENT_PATTERN}
    return _frame(con, _COMMITMENTS, params, dates=_TASK_DATES)


def period_report(con: duckdb.DuckDBPyConnection, view: View, start: dt.date) -> pd.DataFrame:
    """Per unit, the period [start, view.as_of]: carried over, assigned, completed early / on the due day /
    late / without deadline, open at the end in time / overdue / without deadline. For every unit
    carried_over + assigned = the six other columns' sum."""
    if start > view.as_of:
        raise ValueError("period start after its end")
    frame = _frame(con, _PERIOD, {**view.params(), "start": start})
    for column in PERIOD_COLUMNS:
        frame[column] = frame[column].astype("int64")
    return frame


def carried_units(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """The merged units whose tasks in view another unit carries on the as-of day: columns unit (the carrier),
    predecessor, until (the predecessor's last day of its own) and tasks. Empty by the name as recorded."""
    return _frame(con, _CARRIED, view.params(), dates=("until",))


def split_tasks(con: duckdb.DuckDBPyConnection, view: View) -> pd.DataFrame:
    """Tasks of split units not yet reassigned on the as-of day: task_id, title, unit, went_into (the units it went
    into, "Xã A; Xã B"), split_on, effective_due, state, days_overdue."""
    view.access.require_details()
    return _frame(con, _SPLIT_TASKS, view.params(), dates=("split_on", "effective_due"))


def latest_snapshot(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The day the newest data is as of (the default as-of date): imports that loaded nothing do not count."""
    return con.execute(_LATEST_SNAPSHOT).fetchall()[0][0]


def sample_in_use(con: duckdb.DuckDBPyConnection) -> bool:
    """Is the bundled synthetic sample among the active imports?"""
    return bool(con.execute(_SAMPLE_IN_USE).fetchall()[0][0])


def filter_options(con: duckdb.DuckDBPyConnection, access: Access = EVERYTHING) -> dict[str, list[str]]:
    """Every value each filter can take among the tasks this user may see, in Vietnamese alphabetical order."""
    options: dict[str, list[str]] = {"blocks": [], "units": [], "assigners": [], "fields": [], "origins": []}
    for dimension, value in con.execute(_OPTIONS, access.params()).fetchall():
        options[dimension].append(value)
    return options


# --- the overview page in one round trip ------------------------------------------------------------------

@dataclass(frozen=True)
class Overview:
    counts: Counts
    previous: Counts  # the same view at the comparison date
    by_unit: pd.DataFrame  # unit, block, bucket, overdue
    longest: pd.DataFrame  # the longest-overdue tasks
    by_month: pd.DataFrame  # month, overdue: as overdue_by_due_month
    since: dt.date | None = None  # the first day of the trend, if asked for one
    changes: pd.DataFrame | None = None  # the trend's daily changes from `since` (trend_changes)

    def by_block(self) -> pd.DataFrame:
        return overdue_by_block(self.by_unit)

    def by_bucket(self) -> pd.DataFrame:
        totals = self.by_unit.groupby("bucket")["overdue"].sum()
        return pd.DataFrame({"bucket": list(AGING_BUCKETS), "overdue": [int(totals.get(b, 0)) for b in AGING_BUCKETS]})

    def trend(self, start: dt.date) -> pd.DataFrame:
        """As trend(): the overdue count of every day from `start` (not before the `since` the overview was asked
        with) to the as-of day."""
        start = min(start, self.counts.as_of)
        if self.since is None or self.changes is None or start < self.since:
            raise ValueError("the overview was asked without this trend: give overview() an earlier `since`")
        return sweep(self.changes, start, self.counts.as_of)


def overdue_by_block(by_unit: pd.DataFrame) -> pd.DataFrame:
    """Overdue tasks per block (columns block, overdue), most first, from overdue_by_unit's rows."""
    frame = by_unit.groupby("block", as_index=False)["overdue"].sum()
    return frame.sort_values("overdue", ascending=False, kind="stable").reset_index(drop=True)


def overview(con: duckdb.DuckDBPyConnection, view: View, compare: dt.date, longest: int = 15,
             since: dt.date | None = None) -> Overview:
    """Everything the overview shows, in one connection: the figures on the as-of and the comparison day, the
    overdue tasks by unit, bucket and month, the `longest` longest-overdue tasks and, given `since`, the trend's
    changes from that day (Overview.trend). A scan of the tasks for each, narrowed at the scan where it can be."""
    now: Counter[int] = Counter()
    then: Counter[int] = Counter()
    states = con.execute(_STATES_THEN_AND_NOW, {**view.params(), "compare": compare}).fetchall()
    for state, state_then, tasks in states:
        now[state] += tasks
        if state_then is not None:
            then[state_then] += tasks
    if compare > view.as_of:  # tasks assigned after the as-of day count on the comparison day: asked apart
        previous = counts(con, view.at(compare))
    else:
        previous = _counts(compare, then)
    cube = _frame(con, _OVERDUE_CUBE, view.params())
    # The cube is sorted by unit (Vietnamese order) and bucket: the groups keep that order.
    by_unit = cube.groupby(["unit", "block", "bucket"], sort=False, as_index=False)["overdue"].sum()
    by_month = cube.groupby("month", as_index=False)["overdue"].sum()
    if since is not None:
        since = min(since, view.as_of)
    return Overview(
        counts=_counts(view.as_of, now),
        previous=previous,
        by_unit=by_unit,
        longest=overdue_tasks(con, view, limit=longest) if view.access.sees_details else _no_tasks(),
        by_month=by_month,
        since=since,
        changes=None if since is None else trend_changes(con, view, since),
    )


@dataclass(frozen=True)
class Basics:
    """What every page asks before its view is known."""

    snapshot: dt.date | None  # latest_snapshot
    options: dict[str, list[str]]  # filter_options
    sample: bool  # sample_in_use
    lineage: bool = False  # has_lineage


def basics(con: duckdb.DuckDBPyConnection, access: Access = EVERYTHING) -> Basics:
    return Basics(latest_snapshot(con), filter_options(con, access), sample_in_use(con), has_lineage(con))


_HAS_LINEAGE = ("SELECT EXISTS (SELECT 1 FROM unit_lineage WHERE carrier_key <> unit_key) "
                "OR EXISTS (SELECT 1 FROM unit_aliases)")


def has_lineage(con: duckdb.DuckDBPyConnection) -> bool:
    """Does the unit registry in force merge or respell any unit (so that the units carrying tasks on a day can
    differ from those the register writes)?"""
    return bool(con.execute(_HAS_LINEAGE).fetchall()[0][0])


def summary(con: duckdb.DuckDBPyConnection, view: View, by: str | None = None) -> dict:
    """The command line's `summary`: counts as of a day, and optionally per value of one dimension."""
    result = counts(con, view).as_dict()
    if by:
        frame = group_counts(con, view, by)
        result["by"] = [
            {"key": row["key"], **{k: int(row[k]) for k in ("total", *STATES)}}
            for row in frame.to_dict("records")
        ]
    return result
