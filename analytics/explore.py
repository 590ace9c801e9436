"""Khám phá: any question about the register as a grouping, a measure, and the records behind it.

A `Question` groups the view's tasks by one or two dimensions and measures each group; `grouped()` answers
it in one query (cells, row and column totals and the grand total through GROUPING SETS, the groups ranked
and cut in SQL, so a dimension with a hundred thousand values never reaches pandas whole). `records()` pages
through the tasks behind the whole answer or behind one picked bar, cell or point, sorted by any column.

Every identifier spliced into SQL comes from the whitelists below (DIMENSIONS, MEASURES, SORT_COLUMNS);
every value is bound. The view (as-of day, filters, hidden names) is applied by queries._VIEW, as everywhere.

`ExploreState` is everything the page shows, written to and read from the URL (`to_params`/`from_params`):
a copied link reproduces the view, and the browser's back button returns to the previous one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from analytics.i18n import fmt_decimal, fmt_int, fmt_pct, t
from analytics.queries import _OVERDUE, _VIEW, _VIEW_PICKED, Filters, View, _frame, _state, one_version
from analytics.schema import AGING_BUCKETS, BLOCKS, GROUP_DIMENSIONS, STATES

# --- what can be asked ----------------------------------------------------------------------------------

# Dimension code -> SQL expression over the `classified` CTE. Months and quarters are text keys that sort
# chronologically ("2023-03", "2023-Q1"); the deadline is the effective one (after extensions).
DIMENSIONS: dict[str, str] = {
    **GROUP_DIMENSIONS,  # unit, block, assignee, assigner, field, origin: as the command line's summary
    "source_doc": "source_doc",
    "assigned_month": "strftime(assigned_date, '%Y-%m')",
    "assigned_quarter": "strftime(assigned_date, '%Y') || '-Q' || quarter(assigned_date)",
    "due_month": "strftime(effective_due, '%Y-%m')",
    "due_quarter": "strftime(effective_due, '%Y') || '-Q' || quarter(effective_due)",
    "aging": "coalesce(bucket, 'none')",
    "state": "state",
}
TIME_DIMENSIONS = frozenset({"assigned_month", "assigned_quarter", "due_month", "due_quarter"})
# Groups of one person or of a handful of tasks (a document assigns a few): not for a guest (analytics.access).
DETAIL_DIMENSIONS = frozenset({"assignee", "source_doc"})
NOT_OVERDUE = "none"  # the aging key of a task that is not overdue
# Dimensions whose values have a natural order of their own (used when ordering "by name").
FIXED_ORDER: dict[str, tuple[str, ...]] = {"block": BLOCKS, "state": STATES, "aging": (*AGING_BUCKETS, NOT_OVERDUE)}

# Measures, each computed for every group (changing the measure shown costs no query).
MEASURES: tuple[str, ...] = ("tasks", "overdue", "on_time_rate", "median_days_overdue", "done_late")
RATE_MEASURES = frozenset({"on_time_rate"})
COUNT_MEASURES = frozenset({"tasks", "overdue", "done_late"})
# The records behind a value are the tasks that make it: behind an overdue count the overdue tasks, behind
# an on-time rate every task that came due (its denominator), behind a median of days overdue the overdue.
MEASURE_STATES: dict[str, tuple[str, ...]] = {
    "tasks": (),
    "overdue": ("overdue",),
    "on_time_rate": ("done_on_time", "done_late", "overdue"),
    "median_days_overdue": ("overdue",),
    "done_late": ("done_late",),
}
_AGGREGATES = """
    count(*) AS tasks,
    count(*) FILTER (WHERE state = 'overdue') AS overdue,
    count(*) FILTER (WHERE state = 'done_late') AS done_late,
    count(*) FILTER (WHERE state = 'done_on_time') AS done_on_time,
    count(*) FILTER (WHERE state IN ('done_on_time', 'done_late', 'overdue')) AS came_due,
    -- the on-time rate of docs/design.md §4.2: done on time over every task that came due, not only the closed ones
    count(*) FILTER (WHERE state = 'done_on_time')
        / nullif(count(*) FILTER (WHERE state IN ('done_on_time', 'done_late', 'overdue')), 0) AS on_time_rate,
    median(days_overdue) AS median_days_overdue  -- over the overdue tasks (the others have no days overdue)
"""
ORDERS = ("value", "name")
CHARTS = ("bar", "line", "heatmap", "table")

# Record columns: code -> SQL expression (all sortable). The completion date is shown only if it is known
# on the as-of day.
SORT_COLUMNS: dict[str, str] = {
    "task_id": "task_id",
    "title": "title",
    "unit": "unit_name",
    "block": "block",
    "assignee": "assignee",
    "assigner": "assigner",
    "source_doc": "source_doc",
    "origin": "origin",
    "field": "field",
    "assigned_date": "assigned_date",
    "effective_due": "effective_due",
    "completed_date": "CASE WHEN completed_date <= $as_of THEN completed_date END",
    "state": "state",
    "days_overdue": "days_overdue",
    "cause": "cause",
    "status": "status",
}
RECORD_COLUMNS = tuple(SORT_COLUMNS)
_TEXT_COLUMNS = frozenset({"task_id", "title", "unit", "assignee", "assigner", "source_doc", "origin", "field",
                           "cause", "status"})
_RECORD_DATES = ("assigned_date", "effective_due", "completed_date")
PAGE_SIZES = (25, 50, 100, 200)
EXPORT_LIMIT = 100_000  # rows in one downloaded file: beyond that, filter first (a spreadsheet is not a database)


@dataclass(frozen=True)
class Question:
    """Group the view's tasks by `rows` (and `columns`), measure each group; optionally only some states or
    aging buckets. `order`: groups by their value (largest first) or by name (Vietnamese alphabetical order;
    a natural order for blocks, states and aging). Months and quarters are always in time order."""

    rows: str = "unit"
    columns: str | None = None
    measure: str = "overdue"
    order: str = "value"
    states: tuple[str, ...] = ()
    buckets: tuple[str, ...] = ()  # aging buckets, NOT_OVERDUE included

    def __post_init__(self) -> None:
        if self.rows not in DIMENSIONS or (self.columns is not None and self.columns not in DIMENSIONS):
            raise ValueError(f"unknown dimension: {self.rows}, {self.columns}")
        if self.columns == self.rows:
            raise ValueError("the two dimensions must differ")
        if self.measure not in MEASURES or self.order not in ORDERS:
            raise ValueError(f"unknown measure or order: {self.measure}, {self.order}")
        if not set(self.states) <= set(STATES) or not set(self.buckets) <= set(FIXED_ORDER["aging"]):
            raise ValueError("unknown state or aging bucket")

    def conditions(self) -> list[str]:
        """The question's own filters (states, aging) as SQL over `classified`, only those in use: a condition
        on the state, even one that keeps every task, classifies all ten million of them. Values: params()."""
        conditions = ["true"]
        if self.states:
            conditions.append("list_contains($states::VARCHAR[], state)")
        if self.buckets:
            conditions.append(f"list_contains($buckets::VARCHAR[], {DIMENSIONS['aging']})")
        return conditions

    def params(self) -> dict:
        """The values of conditions(), and no others."""
        return ({"states": list(self.states)} if self.states else {}) | (
            {"buckets": list(self.buckets)} if self.buckets else {})


def _sql_list(values: tuple[str, ...]) -> str:
    """A constant list of codes from this module's whitelists, written into SQL."""
    return "[" + ", ".join("'" + v + "'" for v in values) + "]"


def _group_order(dimension: str, key: str, question: Question) -> str:
    """The order groups are ranked in, which decides which are kept when there are too many. Months and
    quarters keep the most recent (and the tasks without a date); grouped() then shows them oldest first."""
    if dimension in TIME_DIMENSIONS:
        return f"{key} DESC NULLS FIRST"
    if question.order == "name":
        if dimension in FIXED_ORDER:
            return f"list_position({_sql_list(FIXED_ORDER[dimension])}, {key}) NULLS LAST"
        return f"{key} COLLATE vi NULLS LAST"
    return f"{question.measure} DESC NULLS LAST, tasks DESC, {key} COLLATE vi NULLS LAST"


def _grouped_sql(question: Question) -> str:
    row = DIMENSIONS[question.rows]
    column = DIMENSIONS[question.columns] if question.columns else "NULL::VARCHAR"
    if question.columns:
        sets = "((row_key, col_key), (row_key), (col_key), ())"
        column_grouping = "grouping(col_key) AS all_columns, col_key"
    else:  # one dimension: every row is a row total
        sets = "((row_key), ())"
        column_grouping = "1 AS all_columns, NULL::VARCHAR AS col_key"
    return _VIEW + f"""
, explored AS (
    SELECT {row} AS row_key, {column} AS col_key, state, days_overdue
    FROM classified
    WHERE {" AND ".join(question.conditions())}
),
measured AS (
    SELECT grouping(row_key) AS all_rows, {column_grouping}, row_key, {_AGGREGATES}
    FROM explored
    GROUP BY GROUPING SETS {sets}
),
row_order AS (
    SELECT row_key, row_number() OVER (ORDER BY {_group_order(question.rows, "row_key", question)}) AS rank
    FROM measured WHERE all_rows = 0 AND all_columns = 1
),
col_order AS (
    SELECT col_key, row_number() OVER (ORDER BY {_group_order(question.columns or "", "col_key", question)}) AS rank
    FROM measured WHERE all_rows = 1 AND all_columns = 0
)
SELECT m.all_rows::BOOLEAN AS all_rows, m.all_columns::BOOLEAN AS all_columns, m.row_key, m.col_key,
       r.rank AS row_rank, c.rank AS col_rank,
       (SELECT count(*) FROM row_order) AS row_count, (SELECT count(*) FROM col_order) AS col_count,
       m.tasks, m.overdue, m.done_late, m.done_on_time, m.came_due, m.on_time_rate, m.median_days_overdue
FROM measured m
LEFT JOIN row_order r ON m.all_rows = 0 AND m.row_key IS NOT DISTINCT FROM r.row_key
LEFT JOIN col_order c ON m.all_columns = 0 AND m.col_key IS NOT DISTINCT FROM c.col_key
WHERE (m.all_rows = 1 OR r.rank <= $row_limit) AND (m.all_columns = 1 OR c.rank <= $col_limit)
ORDER BY row_rank NULLS LAST, col_rank NULLS LAST
"""


@dataclass(frozen=True)
class Grouped:
    """The answer to a Question: `cells` (one row per row key x column key shown; with one dimension, per
    row key), `row_totals` and `column_totals` (in display order), the grand `total`, and how many groups
    there are in all (only the first `row_limit` / `col_limit` are here)."""

    question: Question
    cells: pd.DataFrame
    row_totals: pd.DataFrame
    column_totals: pd.DataFrame
    total: dict
    row_count: int
    column_count: int

    def pivot(self, measure: str | None = None) -> pd.DataFrame:
        """The measure as a table: one row per row key, one column per column key (keys as they are)."""
        measure = measure or self.question.measure
        if self.question.columns is None:
            return self.row_totals.set_index("row_key")[[measure]]
        table = self.cells.pivot(index="row_key", columns="col_key", values=measure)
        rows = list(self.row_totals["row_key"])
        columns = list(self.column_totals["col_key"])
        return table.reindex(index=rows, columns=columns)


_MEASURE_COLUMNS = ("tasks", "overdue", "done_late", "done_on_time", "came_due", "on_time_rate",
                    "median_days_overdue")


def grouped(con: duckdb.DuckDBPyConnection, view: View, question: Question, row_limit: int = 50,
            col_limit: int = 12) -> Grouped:
    """Answer `question` for `view`: the first `row_limit` row groups and `col_limit` column groups in the
    question's order, with totals over all groups (not only those shown)."""
    if DETAIL_DIMENSIONS & {question.rows, question.columns}:
        view.access.require_details()
    params = {**view.params(), **question.params(), "row_limit": row_limit, "col_limit": col_limit}
    frame = _frame(con, _grouped_sql(question), params)
    for key in ("row_key", "col_key"):  # a missing value is None (pandas reads SQL NULL text as NaN)
        frame[key] = frame[key].astype(object).where(frame[key].notna(), None)
    for column in ("tasks", "overdue", "done_late", "done_on_time", "came_due"):
        frame[column] = frame[column].astype("int64")
    frame["on_time_rate"] = frame["on_time_rate"].astype("float64")
    frame["median_days_overdue"] = frame["median_days_overdue"].astype("float64")
    row_count = int(frame["row_count"].iloc[0]) if len(frame) else 0
    column_count = int(frame["col_count"].iloc[0]) if len(frame) else 0
    keep = ["row_key", "col_key", *_MEASURE_COLUMNS]
    rows_only = frame[~frame["all_rows"] & frame["all_columns"]]
    columns_only = frame[frame["all_rows"] & ~frame["all_columns"]]
    grand = frame[frame["all_rows"] & frame["all_columns"]]
    row_totals = _in_display_order(rows_only, "row_rank", "row_key", question.rows)[keep]
    cells = frame[~frame["all_rows"] & ~frame["all_columns"]][keep] if question.columns else row_totals
    total = ({c: _plain(grand[c].iloc[0]) for c in _MEASURE_COLUMNS} if len(grand)
             else dict.fromkeys(_MEASURE_COLUMNS, 0) | {"on_time_rate": None, "median_days_overdue": None})
    return Grouped(
        question=question,
        cells=cells.reset_index(drop=True),
        row_totals=row_totals,
        column_totals=_in_display_order(columns_only, "col_rank", "col_key", question.columns)[keep],
        total=total,
        row_count=row_count,
        column_count=column_count,
    )


def _in_display_order(frame: pd.DataFrame, rank: str, key: str, dimension: str | None) -> pd.DataFrame:
    """Groups in their rank, but months and quarters in time order (the rank kept the latest), with the
    periods that have no task in between shown as empty (a line over months must not skip one), undated last."""
    if dimension not in TIME_DIMENSIONS:
        return frame.sort_values(rank, kind="stable").reset_index(drop=True)
    dated = sorted(k for k in frame[key] if k is not None)
    if dated:
        every = _periods(dated[0], dated[-1], quarters=dimension.endswith("quarter"))
        empty = pd.DataFrame({key: [k for k in every if k not in set(dated)]})
        frame = pd.concat([frame, empty.assign(**dict.fromkeys(COUNT_MEASURES | {"done_on_time", "came_due"}, 0))],
                          ignore_index=True)
    return frame.sort_values(key, kind="stable", na_position="last").reset_index(drop=True)


def _periods(first: str, last: str, quarters: bool) -> list[str]:
    """Every month ("2023-03") or quarter ("2023-Q1") from `first` to `last`."""
    year, part = (int(first[:4]), int(first[-1] if quarters else first[5:]))
    keys, per_year = [], 4 if quarters else 12
    while True:
        key = f"{year}-Q{part}" if quarters else f"{year}-{part:02d}"
        keys.append(key)
        if key >= last:
            return keys
        year, part = (year + 1, 1) if part == per_year else (year, part + 1)


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


# --- the records behind an answer ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Pick:
    """One bar, cell or point of an answer: its row key and, with two dimensions, its column key. A key may
    be None (tasks with no value for the dimension, shown as "(none)")."""

    row_key: str | None
    col_key: str | None = None
    has_column: bool = False


def pick_from_cell(row_keys: list, column_keys: dict[str, str | None], position: int, column: str) -> Pick | None:
    """The group behind a clicked cell of figures_table(): its row (by position) and, under a column of the
    second dimension (by label), that column's key. The row's label or total column picks the whole row; the
    total row picks nothing."""
    if not 0 <= position < len(row_keys):
        return None
    if column in column_keys:
        return Pick(row_keys[position], column_keys[column], has_column=True)
    return Pick(row_keys[position])


def _records_where(question: Question, pick: Pick | None) -> str:
    """The records' filter: the question's, the states its measure counts, the picked group; only the conditions
    in use are written (their values are bound)."""
    conditions = question.conditions()
    measure_states = MEASURE_STATES[question.measure]
    if measure_states == ("overdue",):  # on the stored dates: the scan skips what is not overdue
        conditions.append(_OVERDUE.format(day="$as_of"))
    elif measure_states:  # the coded state: no text made per task
        codes = ", ".join(str(STATES.index(state)) for state in measure_states)  # from a whitelist
        conditions.append(f"{_state('$as_of', coded=True)} IN ({codes})")
    if pick is not None:
        conditions.append(f"{DIMENSIONS[question.rows]} IS NOT DISTINCT FROM $pick_row::VARCHAR")
        if pick.has_column and question.columns:
            conditions.append(f"{DIMENSIONS[question.columns]} IS NOT DISTINCT FROM $pick_col::VARCHAR")
    return "\n    AND ".join(conditions)


def _records_params(question: Question, pick: Pick | None) -> dict:
    """The values of the conditions _records_where wrote, and no others."""
    params = question.params()
    if pick is not None:
        params["pick_row"] = pick.row_key
        if pick.has_column and question.columns:
            params["pick_col"] = pick.col_key
    return params


# Text columns with many distinct values whose collation is what a sort costs: each has the beginning of its
# sort key stored as one or more numbers (store.sort_key_part), an order that agrees with COLLATE vi wherever
# two beginnings differ. Titles get three: many share their first words.
_SORT_PREFIXES = {"task_id": ("task_id_sort",), "title": ("title_sort", "title_sort2", "title_sort3")}


def _not_past_cut(parts: tuple[str, ...], descending: bool) -> str:
    """The tasks whose sort-key parts are not past the cut's ($cut0, $cut1, ...) in the sort's direction. The
    first part alone is also written as a condition of its own: that one reaches the table scan."""
    before, at_most = (">", ">=") if descending else ("<", "<=")
    cut = [f"$cut{i}::UHUGEINT" for i in range(len(parts))]
    condition = f"{parts[-1]} {at_most} {cut[-1]}"
    for part, value in zip(reversed(parts[:-1]), reversed(cut[:-1]), strict=True):
        condition = f"{part} {before} {value} OR ({part} = {value} AND ({condition}))"
    return f"($cut0::UHUGEINT IS NULL OR ({parts[0]} {at_most} {cut[0]} AND ({condition})))"


def _order(sort: str, descending: bool) -> str:
    order = SORT_COLUMNS[sort]  # whitelist: KeyError for anything else
    if sort == "state":  # the coded state is its position in STATES: the same order, far cheaper than text
        order = _state("$as_of", coded=True)
    elif sort in _TEXT_COLUMNS:
        order += " COLLATE vi"
    elif sort in FIXED_ORDER:  # blocks in their own order, not their codes' alphabet
        order = f"list_position({_sql_list(FIXED_ORDER[sort])}, {order})"
    return f"{order} {'DESC' if descending else 'ASC'} NULLS LAST, task_id"


def _page_sql(question: Question, pick: Pick | None, sort: str, descending: bool) -> str:
    """The first step of a page of records: which tasks (their row_ref), in order. Only the sort key and the
    filters are read here; sorting whole records would carry every column of every task through the sort.
    Sorted by a column with a sort prefix, only the tasks whose prefix is not past $cut are collated."""
    within_cut = ""
    if sort in _SORT_PREFIXES:
        within_cut = "\n    AND " + _not_past_cut(_SORT_PREFIXES[sort], descending)
    return _VIEW + f"""
SELECT row_ref
FROM classified
WHERE {_records_where(question, pick)}{within_cut}
ORDER BY {_order(sort, descending)}
LIMIT $limit OFFSET $offset
"""


def _cut_sql(question: Question, pick: Pick | None, sort: str, descending: bool) -> str:
    """The sort prefix of the last task of the page, in the prefix's order: no task past it can be on the page
    (it comes after every task up to it), so the page is among those not past it. Sorting by a stored number
    reads little; a NULL (the page reaches the tasks without the column) means no cut."""
    parts = _SORT_PREFIXES[sort]
    direction = "DESC" if descending else "ASC"
    return _VIEW + f"""
SELECT {", ".join(parts)}
FROM classified
WHERE {_records_where(question, pick)}
ORDER BY {", ".join(f"{part} {direction} NULLS LAST" for part in parts)}
LIMIT 1 OFFSET $last
"""


# The second step: the records of the chosen tasks, in the order given. The row_ref filter reaches the table
# scan, so only those rows are read.
_RECORDS_BY_REF = _VIEW_PICKED + """
SELECT {select}
FROM classified
WHERE row_ref IN (SELECT unnest($refs::BIGINT[]))
ORDER BY list_position($refs::BIGINT[], row_ref)
""".format(select=",\n       ".join(f"{expression} AS {name}" for name, expression in SORT_COLUMNS.items()))


def records(con: duckdb.DuckDBPyConnection, view: View, question: Question, pick: Pick | None = None,
            sort: str = "days_overdue", descending: bool = True, limit: int = 50, offset: int = 0) -> pd.DataFrame:
    """One page of the tasks behind `question` (or behind one `pick` of it): those that make its measure
    (MEASURE_STATES), sorted by any record column on the server; ties broken by task id, so pages never
    overlap."""
    view.access.require_details()
    params = {**view.params(), **_records_params(question, pick), "limit": limit, "offset": offset}
    with one_version(con) as reader:  # every step reads the same version of the data
        if sort in _SORT_PREFIXES:
            cut_params = {k: v for k, v in params.items() if k not in ("limit", "offset")}
            last = reader.execute(_cut_sql(question, pick, sort, descending),
                                  {**cut_params, "last": offset + limit - 1}).fetchall()
            # Given back as text: a 128-bit number is no parameter type. None: fewer tasks, all of them.
            for index in range(len(_SORT_PREFIXES[sort])):
                params[f"cut{index}"] = None if not last or last[0][0] is None else str(last[0][index])
        refs = [row[0] for row in reader.execute(_page_sql(question, pick, sort, descending), params).fetchall()]
        frame = _frame(reader, _RECORDS_BY_REF, {**view.params(), "refs": refs}, dates=_RECORD_DATES)
    frame["days_overdue"] = frame["days_overdue"].astype("Int64")
    return frame


def record_count(con: duckdb.DuckDBPyConnection, view: View, question: Question, pick: Pick | None = None) -> int:
    sql = _VIEW + f"SELECT count(*) FROM classified WHERE {_records_where(question, pick)}"
    params = {**view.params(), **_records_params(question, pick)}
    return int(con.execute(sql, params).fetchall()[0][0])


_ASSIGNEES = _VIEW + """
SELECT DISTINCT assignee FROM scoped WHERE assignee IS NOT NULL ORDER BY assignee COLLATE vi
"""


def assignee_options(con: duckdb.DuckDBPyConnection, view: View) -> list[str]:
    """Every officer the view's day knows (as shown: codes when names are hidden), in Vietnamese order.
    The view's filters are ignored, so choosing one officer does not take the others off the list."""
    view.access.require_details()
    unfiltered = replace(view, filters=Filters())
    return [row[0] for row in con.execute(_ASSIGNEES, unfiltered.params()).fetchall()]


# --- labels ---------------------------------------------------------------------------------------------

def key_label(dimension: str, key: str | None, lang: str) -> str:
    """A group's key as a reader sees it: "03/2023", "Quý 1/2023", "Xã, phường, thị trấn", "(không có)"."""
    if key is None:
        return t("explore.none", lang)
    if dimension in ("assigned_month", "due_month"):
        year, month = key.split("-")
        return f"{month}/{year}"
    if dimension in ("assigned_quarter", "due_quarter"):
        year, quarter = key.split("-Q")
        return t("explore.quarter", lang, quarter=quarter, year=year)
    if dimension == "block":
        return t(f"block.{key}", lang)
    if dimension == "state":
        return t(f"state.{key}", lang)
    if dimension == "aging":
        return t("explore.not_overdue", lang) if key == NOT_OVERDUE else t(f"bucket.{key}", lang)
    return str(key)


def value_text(measure: str, lang: str):
    """How a value of `measure` is written: "62,0%", "12,5" (days), "1.600"; a dash for none."""
    def known(value: float | None) -> float | None:
        return None if value is None or pd.isna(value) else value

    if measure in RATE_MEASURES:
        return lambda value: fmt_pct(known(value), lang)
    if measure == "median_days_overdue":
        return lambda value: fmt_decimal(known(value), lang)
    return lambda value: fmt_int(0 if value is None or pd.isna(value) else int(value), lang)  # no tasks: 0


def figures_table(answer: Grouped, lang: str, as_text: bool = True) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """The answer as a table with a total row (and, with two dimensions, a total column): values as the
    screen writes them ("62,0%", "1.600"), or, for a file, as numbers (rates in per cent, the header says so).
    Also returns each column label's key of the second dimension, to map a clicked cell back to its group."""
    question = answer.question
    value = value_text(question.measure, lang) if as_text else _value_number(question.measure)
    row_label = t(f"dim.{question.rows}", lang)
    total_label = t("explore.total", lang)
    table = pd.DataFrame({row_label: [key_label(question.rows, k, lang) for k in answer.row_totals["row_key"]]})
    total_row = {row_label: total_label}
    column_keys: dict[str, str | None] = {}
    if question.columns:
        pivot = answer.pivot()
        for key, column_total in zip(answer.column_totals["col_key"], answer.column_totals[question.measure],
                                     strict=True):
            label = key_label(question.columns, key, lang)
            column_keys[label] = key
            table[label] = [value(None if pd.isna(v) else v) for v in pivot[key]]
            total_row[label] = value(column_total)
        value_label = total_label
    else:
        value_label = t(f"measure.{question.measure}", lang)
    table[value_label] = [value(v) for v in answer.row_totals[question.measure]]
    total_row[value_label] = value(answer.total[question.measure])
    table = pd.concat([table, pd.DataFrame([total_row])], ignore_index=True)
    if not as_text and question.measure in RATE_MEASURES:  # numbers in per cent: every value column says so
        table = table.rename(columns={c: f"{c} (%)" for c in table.columns[1:]})
    return table, column_keys


def _value_number(measure: str):
    """A value for a file: counts as integers (a cell without tasks is 0), rates in per cent, days to 0.1."""
    def number(value: float | None) -> float | int | None:
        missing = value is None or pd.isna(value)
        if measure in COUNT_MEASURES:
            return 0 if missing else int(value)
        if missing:
            return None
        return round(float(value) * 100, 1) if measure in RATE_MEASURES else round(float(value), 1)
    return number


def readable_records(frame: pd.DataFrame, columns, lang: str) -> pd.DataFrame:
    """Record columns under their names in `lang`; states and blocks in words."""
    shown = frame.loc[:, list(columns)].copy()
    for column in shown.columns:
        if column in _RECORD_DATES:  # NaT reads as an empty cell, in the table and in the files
            shown[column] = pd.to_datetime(shown[column])
        elif column in _TEXT_COLUMNS:
            shown[column] = shown[column].astype(object).where(shown[column].notna(), "")
    if "state" in shown:
        shown["state"] = [t(f"state.{s}", lang) for s in shown["state"]]
    if "block" in shown:
        shown["block"] = [t(f"block.{b}", lang) for b in shown["block"]]
    return shown.rename(columns={c: t(f"col.{c}", lang) for c in columns})


# --- the page's whole state, and its URL ---------------------------------------------------------------------

@dataclass(frozen=True)
class ExploreState:
    """Everything the Explore page shows beyond the shared sidebar: the question, the chart, the filters of
    its own (officers, search, date ranges: they become the view's filters), the picked group, and the
    records table's sort and page."""

    question: Question = field(default_factory=Question)
    chart: str = "bar"
    assignees: tuple[str, ...] = ()
    search: str = ""
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    pick: Pick | None = None
    sort: str = "days_overdue"
    descending: bool = True
    page: int = 1
    page_size: int = 50

    def filters_into(self, view: View) -> View:
        """The view with this page's own filters added to the sidebar's."""
        filters = replace(view.filters, assignees=self.assignees, search=self.search.strip(),
                          assigned_from=self.assigned_from, assigned_to=self.assigned_to,
                          due_from=self.due_from, due_to=self.due_to)
        return replace(view, filters=filters)


URL_KEYS = ("rows", "cols", "measure", "order", "state", "aging", "chart", "officer", "q", "assigned_from",
            "assigned_to", "due_from", "due_to", "pick", "sort", "desc", "page", "size")
_SEARCH_LIMIT = 200  # characters of a search kept from a URL


def to_params(state: ExploreState) -> dict[str, list[str]]:
    """The state as URL parameters: only what differs from the default, every value a list of strings."""
    default = ExploreState()
    q, dq = state.question, default.question
    params: dict[str, list[str]] = {}

    def put(key: str, value: object, default_value: object) -> None:
        if value != default_value:
            params[key] = [str(value)]

    put("rows", q.rows, dq.rows)
    if q.columns:
        params["cols"] = [q.columns]
    put("measure", q.measure, dq.measure)
    put("order", q.order, dq.order)
    if q.states:
        params["state"] = list(q.states)
    if q.buckets:
        params["aging"] = list(q.buckets)
    put("chart", state.chart, default.chart)
    if state.assignees:
        params["officer"] = list(state.assignees)
    if state.search.strip():
        params["q"] = [state.search.strip()]
    for name in ("assigned_from", "assigned_to", "due_from", "due_to"):
        day = getattr(state, name)
        if day is not None:
            params[name] = [day.isoformat()]
    if state.pick is not None:
        pick = [state.pick.row_key, state.pick.col_key] if state.pick.has_column else [state.pick.row_key]
        params["pick"] = [json.dumps(pick, ensure_ascii=False)]
    put("sort", state.sort, default.sort)
    put("desc", int(state.descending), int(default.descending))
    put("page", state.page, default.page)
    put("size", state.page_size, default.page_size)
    return params


def from_params(params: dict[str, list[str]]) -> ExploreState:
    """The state a URL describes. Anything unknown or malformed (a hand-edited link) falls back to its
    default, one parameter at a time: a bad link still opens the page."""
    def one(key: str) -> str | None:
        values = params.get(key) or []
        return values[-1] if values else None

    def choice(key: str, allowed, default):
        value = one(key)
        return value if value in allowed else default

    def day(key: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(one(key) or "")
        except ValueError:
            return None

    def number(key: str, allowed=None, default: int = 1) -> int:
        try:
            value = int(one(key) or "")
        except ValueError:
            return default
        if allowed is not None:
            return value if value in allowed else default
        return value if value >= 1 else default

    rows = choice("rows", DIMENSIONS, "unit")
    columns = choice("cols", DIMENSIONS, None)
    question = Question(
        rows=rows,
        columns=columns if columns != rows else None,
        measure=choice("measure", MEASURES, "overdue"),
        order=choice("order", ORDERS, "value"),
        states=tuple(dict.fromkeys(v for v in params.get("state", []) if v in STATES)),
        buckets=tuple(dict.fromkeys(v for v in params.get("aging", []) if v in FIXED_ORDER["aging"])),
    )
    return ExploreState(
        question=question,
        chart=choice("chart", CHARTS, "bar"),
        assignees=tuple(dict.fromkeys(params.get("officer", []))),
        search=(one("q") or "").strip()[:_SEARCH_LIMIT].strip(),
        assigned_from=day("assigned_from"),
        assigned_to=day("assigned_to"),
        due_from=day("due_from"),
        due_to=day("due_to"),
        pick=_pick_from_url(one("pick"), question),
        sort=choice("sort", SORT_COLUMNS, "days_overdue"),
        descending=one("desc") != "0",
        page=number("page"),
        page_size=number("size", PAGE_SIZES, 50),
    )


def _pick_from_url(text: str | None, question: Question) -> Pick | None:
    try:
        keys = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(keys, list) or not 1 <= len(keys) <= 2 or not all(k is None or isinstance(k, str)
                                                                       for k in keys):
        return None
    if len(keys) == 2:
        return Pick(keys[0], keys[1], has_column=True) if question.columns else None
    return Pick(keys[0])


def describe(state: ExploreState, lang: str) -> list[str]:
    """The page's question and picked group in words, for the lines at the top of an exported file (the
    filters, this page's included, are the view's: analytics.meeting.describe_filters)."""
    q = state.question
    lines = [t("explore.grouped_by", lang, rows=t(f"dim.{q.rows}", lang),
               columns=(" × " + t(f"dim.{q.columns}", lang)) if q.columns else "",
               measure=t(f"measure.{q.measure}", lang))]
    parts = []
    if q.states:
        parts.append(t("explore.states", lang) + ": " + ", ".join(t(f"state.{s}", lang) for s in q.states))
    if q.buckets:
        parts.append(t("explore.aging", lang) + ": " + ", ".join(key_label("aging", b, lang) for b in q.buckets))
    if parts:
        lines.append("; ".join(parts))
    if state.pick is not None:
        picked = key_label(q.rows, state.pick.row_key, lang)
        if state.pick.has_column and q.columns:
            picked += " × " + key_label(q.columns, state.pick.col_key, lang)
        lines.append(t("explore.picked", lang, group=picked))
    return lines


__all__ = [
    "CHARTS", "DIMENSIONS", "EXPORT_LIMIT", "ExploreState", "Grouped", "MEASURES", "NOT_OVERDUE", "ORDERS",
    "PAGE_SIZES", "Pick", "Question", "RECORD_COLUMNS", "SORT_COLUMNS", "TIME_DIMENSIONS", "URL_KEYS",
    "assignee_options", "describe", "figures_table", "from_params", "grouped", "key_label", "pick_from_cell",
    "readable_records", "record_count", "records", "to_params", "value_text",
]
