"""A register's rules, applied to its raw table a column at a time in SQL (docs/design.md §5).

`decide` reads raw_rows (ingest.raw) under a Layout and leaves the rows to load as the relation `incoming`
(source_row + the canonical task columns), until the next import on the connection. What is worked out in
Python is worked out once per distinct value (a unit cell, a date cell, a count: ingest.values), once per file
(the layout), or for the few rows that are not plainly tasks (headings, totals, signatures: ingest.rows), never
for every row. Each row is loaded, or rejected with every reason it has (in the header's column order, then a
missing unit, then a repeated id), or skipped and listed as report furniture.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from analytics.ingest.layout import Layout
from analytics.ingest.raw import RAW, WHITESPACE, column, text_of
from analytics.ingest.rows import ID_SOURCE_COLUMNS, Ignored, Reject, RowSorter, derive_ids, first_unit_names
from analytics.ingest.source import MAX_CELL_CHARS, cell_text
from analytics.ingest.values import Problem, converter
from analytics.schema import COLUMN_BY_NAME, COLUMN_NAMES, TASK_COLUMNS
from analytics.text import unit_key

_SQL_TYPES = {"date": "DATE", "int": "INTEGER", "text": "VARCHAR"}
INCOMING = "incoming"  # the relation `decide` leaves: the rows to load


@dataclass
class Decided:
    """What the rules made of a register's rows; the loaded rows are the relation `incoming`."""

    rows_loaded: int
    rejects: list[Reject]
    ignored: list[Ignored]
    blank_rows: int
    derived_ids: int
    unit_names: dict[str, str]  # unit key -> name as the file first wrote it (preferring one with diacritics)
    loaded_rows: list[int] | None = None  # the file's row numbers of the loaded rows (asked for by the preview)
    loaded_sheets: list[str | None] | None = None  # and their sheets, when the register is read over several

    @property
    def rows_read(self) -> int:
        return self.rows_loaded + len(self.rejects)


def problem_json(problem: Problem | None) -> str | None:
    return None if problem is None else json.dumps({"code": problem.code, "params": problem.params},
                                                   ensure_ascii=False)


def _table(con: duckdb.DuckDBPyConnection, name: str, arrow: pa.Table) -> None:
    """An Arrow table the SQL that follows reads under `name` (nothing is copied: these are small)."""
    con.register(name, arrow)


def decide(con: duckdb.DuckDBPyConnection, layout: Layout, rows: int, trailing_blank: int = 0,
           with_row_numbers: bool = False) -> Decided:
    """Apply the register's rules to raw_rows (`rows` rows) under `layout`. What it makes is temporary: it goes
    with the connection (every import and preview has its own). A handful of statements whatever the size, so
    that a small file costs little more than opening the database."""
    width = len(layout.labels)
    first_row = layout.first_data_row
    sorter = RowSorter(layout)
    unit_col = layout.column_of("unit")
    # Rows of several sheets (raw.from_parts) carry their sheet and row number; the sheets' names go in the report
    # (one sheet whose unit is its own is read that way too, and is named no more than any one sheet).
    sheets = [part.sheet for part in layout.parts] if len(layout.parts) > 1 else None
    _value_maps(con, layout)
    evidence = " OR ".join(f"r.{column(i)} IS NOT NULL" for i in sorter.evidence_cols if i < width) or "false"
    every_cell = ", ".join(f"r.{column(i)}" for i in range(width))
    # Three different cells: most rows show it in their first three (counting distinct cells is slower).
    first_three_differ = "r.c0 <> r.c1 AND r.c0 <> r.c2 AND r.c1 <> r.c2" if width >= 3 else "false"
    # A row plainly a task: it names a unit plainly, with a deadline, an id or a title, in three different cells
    # (a heading merged across the row repeats one text). The first row under the header is always asked. When
    # the unit is the sheet's own, nothing in the row says it is not a total or a signature: every row is asked.
    plain = "false" if layout.unit_of_sheet else (
        f"coalesce(r.rowid > 0 AND u.plain AND ({evidence}) AND CASE WHEN {first_three_differ} THEN true "
        f"ELSE len(list_distinct([{every_cell}])) >= 3 END, false)")
    # (an empty unit cell matches nothing: no unit, so missing, and never plainly a task)
    unit_join = f"LEFT JOIN cell_values u ON u.col = {unit_col} AND r.{column(unit_col)} = u.raw"
    file_cells = ", ".join(f"r.{column(i)}" for i in range(layout.file_width)) or "NULL"
    skipped = _settle_other_rows(con, sorter, layout, file_cells, plain, unit_join)
    if skipped:
        _table(con, "skipped_rows", pa.table({"pos": pa.array(skipped, pa.int64())}))
    _decide_columns(con, layout, first_row, "r.rowid NOT IN (SELECT pos FROM skipped_rows)" if skipped else "true",
                    unit_join)
    derived, loaded, rejected = _assign_ids(con, first_row, sheets)
    rejects = _rejects(con, every_cell, sheets) if rejected else []
    con.execute(f"CREATE OR REPLACE TEMP VIEW {INCOMING} AS SELECT source_row, " + ", ".join(TASK_COLUMNS)
                + " FROM decided WHERE len(problems) = 0")
    loaded_rows = loaded_sheets = None
    if with_row_numbers:
        found = con.execute("SELECT source_row, part FROM decided WHERE len(problems) = 0 ORDER BY pos").fetchall()
        loaded_rows = [row for row, _ in found]
        loaded_sheets = [sheets[part] if sheets else None for _, part in found]
    con.execute(f"DROP TABLE {RAW}")  # memory for the write that follows
    return Decided(loaded, rejects, sorter.ignored, sorter.blank + trailing_blank, derived, _unit_names(con),
                   loaded_rows, loaded_sheets)


def _value_maps(con: duckdb.DuckDBPyConnection, layout: Layout) -> None:
    """Every distinct cell of the unit column and of each date and count column, converted once (one query reads
    them all, one table holds them): cell_values, keyed by (col, raw) - for the unit column whether it is plainly
    a unit, its value, key and problem; for a date or count column its value and problem."""
    columns = {col: name for col, name in layout.mapping.items()
               if name == "unit" or COLUMN_BY_NAME[name].kind != "text"}
    found = con.execute(" UNION ALL ".join(
        f"SELECT DISTINCT {col} AS col, {column(col)} AS raw FROM {RAW} WHERE {column(col)} IS NOT NULL"
        for col in columns)).fetchall()
    table: dict[str, list] = {name: [] for name in (
        "col", "raw", "plain", "unit", "unit_key", "day", "number", "problem", "problem_code")}

    def add(col: int, raw: str, problem: Problem | None, plain=None, unit=None, key=None, day=None, number=None):
        for name, value in (("col", col), ("raw", raw), ("plain", plain), ("unit", unit), ("unit_key", key),
                            ("day", day), ("number", number), ("problem", problem_json(problem)),
                            ("problem_code", problem.code if problem else None)):
            table[name].append(value)

    for col, raw in found:
        name = columns[col]
        label = layout.labels[col] or name
        value, problem = converter(name, layout.date1904)(raw, label)
        if name == "unit":
            add(col, raw, problem, RowSorter.plain_unit(raw), value, unit_key(value) if value else None)
        else:
            kind = COLUMN_BY_NAME[name].kind
            add(col, raw, problem, day=value if kind == "date" else None, number=value if kind == "int" else None)
    types = {"col": pa.int32(), "plain": pa.bool_(), "day": pa.date32(), "number": pa.int64()}
    arrow = pa.table({name: pa.array(values, types.get(name, pa.string())) for name, values in table.items()})
    con.register("cell_values_arrow", arrow)
    con.execute("CREATE OR REPLACE TEMP TABLE cell_values AS SELECT * FROM cell_values_arrow")
    con.unregister("cell_values_arrow")


def _settle_other_rows(con: duckdb.DuckDBPyConnection, sorter: RowSorter, layout: Layout, cells_sql: str,
                       plain: str, unit_join: str) -> list[int]:
    """Ask the RowSorter, in file order, about every row SQL did not find plainly a task; after a signature line,
    about every row of its sheet (only a row that clearly is a task counts there). Returns the positions of the
    rows that are not tasks (blank, or report furniture): every other row is one."""
    skipped: list[int] = []
    parts = layout.parts
    part_sql = "r.src_part" if parts else "0"
    starts = dict(con.execute(f"SELECT src_part, min(rowid) FROM {RAW} GROUP BY ALL").fetchall()) if parts else {}
    others = con.execute(
        f"SELECT r.rowid, {part_sql}, {cells_sql} FROM {RAW} r {unit_join} WHERE NOT {plain} ORDER BY r.rowid"
    ).fetchall()
    current = None
    settled_to = -1  # rows up to here were asked already (after a signature line)
    for pos, part, *cells in others:
        if pos <= settled_to:
            continue
        if parts and part != current:
            current = part
            sorter.begin_sheet(parts[part], starts[part], named=len(parts) > 1)
        if not sorter.is_task(sorter.index_of(pos), [c or "" for c in cells]):
            skipped.append(pos)
        if sorter.in_footer:
            rest = con.execute(
                f"SELECT r.rowid, {cells_sql} FROM {RAW} r WHERE r.rowid > $pos AND {part_sql} = $part "
                "ORDER BY r.rowid", {"pos": pos, "part": part}
            ).fetchall()
            for later, *later_cells in rest:
                if not sorter.is_task(sorter.index_of(later), [c or "" for c in later_cells]):
                    skipped.append(later)
            if not parts:
                break
            settled_to = rest[-1][0] if rest else pos
    return skipped


def _decide_columns(con: duckdb.DuckDBPyConnection, layout: Layout, first_row: int, tasks: str,
                    unit_join: str) -> None:
    """decided: every task row with its canonical columns converted and its problems, column by column in the
    header's order, then a missing unit. Written in two steps (the cells, then what is made of them) so that each
    expression is written once: the statement is planned in a few milliseconds however many columns it has.
    `tasks` says which rows of raw_rows (r) are tasks."""
    cells = ["r.rowid AS pos", "r.src_row AS src_row, r.src_part AS part" if layout.parts else "0 AS part"]
    values = ["pos", "part", "src_row AS source_row" if layout.parts else "$first_row + pos AS source_row"]
    joins = []
    problems = []
    params: dict[str, object] = {"whitespace": WHITESPACE, "too_long": MAX_CELL_CHARS}
    if not layout.parts:
        params["first_row"] = first_row
    mapped = {}
    for col, name in layout.mapping.items():
        mapped[name] = col
        label = layout.labels[col] or name
        raw = f"r.{column(col)}"
        if name == "unit":
            cells += ["u.unit AS unit", "u.unit_key AS unit_key", "u.problem AS unit_problem"]
            values += ["unit", "unit_key"]
            problems.append("unit_problem")
            continue
        if COLUMN_BY_NAME[name].kind == "text":  # trimmed as cell_text trims; too long is a problem
            cells.append(f"{text_of(raw)} AS {name}")
            too_long = f"(strlen({name}) > $too_long AND length({name}) > $too_long)"  # bytes >= characters
            params[f"label_{col}"] = label
            values.append(f"CASE WHEN NOT {too_long} THEN {name} END AS {name}")
            problems.append(f"CASE WHEN {too_long} THEN json_object('code', 'cell_too_long', 'params', "
                            f"json_object('column', $label_{col}::VARCHAR, 'length', length({name})))::VARCHAR END")
            continue
        table = f"v{col}"
        joins.append(f"LEFT JOIN cell_values {table} ON {table}.col = {col} AND {raw} = {table}.raw")
        value = "day" if COLUMN_BY_NAME[name].kind == "date" else "number"
        cells += [f"{table}.{value} AS {name}", f"{table}.problem AS {name}_problem"]
        values.append(name)
        problems.append(f"{name}_problem")
    for name in COLUMN_NAMES:
        if name not in mapped:
            values.append(f"NULL::{_SQL_TYPES[COLUMN_BY_NAME[name].kind]} AS {name}")
    params["missing_unit"] = problem_json(Problem("missing_unit", {"column": layout.label_of("unit")}))
    cells.append("u.unit IS NULL AND u.problem_code IS DISTINCT FROM 'unit_not_a_name' AS unit_missing")
    problems.append("CASE WHEN unit_missing THEN $missing_unit END")
    values.append(f"list_filter([{', '.join(problems)}]::VARCHAR[], lambda p: p IS NOT NULL) AS problems")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE decided AS SELECT *, task_id IS NOT NULL AS given_id FROM (SELECT "
        + ", ".join(values) + " FROM (SELECT " + ", ".join(cells)
        + f" FROM {RAW} r {unit_join} " + " ".join(joins) + f" WHERE {tasks}))",
        params,
    )


_COUNTS = ("SELECT count(*) FILTER (WHERE task_id IS NULL), "
           "count(task_id) FILTER (WHERE given_id) > count(DISTINCT task_id) FILTER (WHERE given_id), "
           "count(*) FILTER (WHERE len(problems) = 0), count(*) FILTER (WHERE len(problems) > 0) FROM decided")
_REJECT_REPEATED_IDS = """
UPDATE decided SET problems = list_append(problems, json_object('code', 'duplicate_id', 'params',
    json_object('task_id', left(d.task_id, 80), 'first_row', $first_row + d.first_pos))::VARCHAR)
FROM (
    SELECT pos, task_id, min(pos) FILTER (WHERE len(problems) = 0) OVER (PARTITION BY task_id) AS first_pos
    FROM decided WHERE given_id
) d
WHERE decided.pos = d.pos AND d.first_pos < d.pos
"""
# The same over several sheets: the first row is named with its sheet.
_REJECT_REPEATED_IDS_ON_SHEETS = """
UPDATE decided SET problems = list_append(problems, json_object('code', 'duplicate_id_on_sheet', 'params',
    json_object('task_id', left(d.task_id, 80), 'first_row', f.source_row, 'sheet', $sheets[f.part + 1]))::VARCHAR)
FROM (
    SELECT pos, task_id, min(pos) FILTER (WHERE len(problems) = 0) OVER (PARTITION BY task_id) AS first_pos
    FROM decided WHERE given_id
) d, (SELECT pos, source_row, part FROM decided) f
WHERE decided.pos = d.pos AND d.first_pos < d.pos AND f.pos = d.first_pos
"""


def _assign_ids(con: duckdb.DuckDBPyConnection, first_row: int, sheets: list[str] | None) -> tuple[int, int, int]:
    """Derived ids for rows without one (rows.derive_ids), then a row repeating an id given on an earlier row
    that had no problem is rejected (rejected rows do not claim their ids). Returns the count of ids derived,
    of rows loaded and of rows rejected (one query tells all of it when there is nothing to do)."""
    missing, repeated, loaded, rejected = con.execute(_COUNTS).fetchall()[0]
    if missing:
        rows = con.execute(
            "SELECT pos, " + ", ".join(ID_SOURCE_COLUMNS) + " FROM decided WHERE task_id IS NULL ORDER BY pos"
        ).fetchall()
        ids = derive_ids([tuple(row[1:]) for row in rows])
        _table(con, "derived_ids", pa.table({"pos": pa.array([row[0] for row in rows], pa.int64()),
                                             "task_id": pa.array(ids, pa.string())}))
        con.execute("UPDATE decided SET task_id = i.task_id FROM derived_ids i WHERE decided.pos = i.pos")
    if repeated:
        if sheets:
            con.execute(_REJECT_REPEATED_IDS_ON_SHEETS, {"sheets": sheets})
        else:
            con.execute(_REJECT_REPEATED_IDS, {"first_row": first_row})
        _, _, loaded, rejected = con.execute(_COUNTS).fetchall()[0]
    return missing, loaded, rejected


def _rejects(con: duckdb.DuckDBPyConnection, every_cell: str, sheets: list[str] | None) -> list[Reject]:
    rows = con.execute(
        f"SELECT b.source_row, b.part, b.problems, {every_cell} FROM decided b JOIN {RAW} r ON r.rowid = b.pos "
        "WHERE len(b.problems) > 0 ORDER BY b.pos"
    ).fetchall()
    rejects = []
    for row, part, problems, *cells in rows:
        found = [Problem(p["code"], p["params"]) for p in map(json.loads, problems)]
        rejects.append(Reject(row, found, [cell_text(c) for c in cells], sheets[part] if sheets else None))
    return rejects


def _unit_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """rows.first_unit_names over each distinct spelling, in order of first appearance."""
    pairs = con.execute(
        "SELECT unit_key, unit FROM decided WHERE len(problems) = 0 GROUP BY ALL ORDER BY min(pos)"
    ).fetchall()
    return first_unit_names([key for key, _ in pairs], [name for _, name in pairs])


def completed_after(con: duckdb.DuckDBPyConnection, day) -> int:
    """Loaded tasks completed after the snapshot day (the report warns of them)."""
    return con.execute(f"SELECT count(*) FROM {INCOMING} WHERE completed_date > $day", {"day": day}).fetchall()[0][0]


def remap_units(con: duckdb.DuckDBPyConnection, remap: dict[str, str]) -> None:
    """Units typed without diacritics that joined a known unit (importer: match_plain_names)."""
    for old, new in remap.items():
        con.execute("UPDATE decided SET unit_key = $new WHERE unit_key = $old", {"old": old, "new": new})
