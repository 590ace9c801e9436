"""The bulk route for large text exports: DuckDB reads the file in parallel, and the rules of ingest.rows are
applied a column at a time in SQL, every distinct value converted once in Python by the same converters.

A register exported by a system has millions of rows but few distinct units, dates and counts; its titles and
ids are mostly distinct but need only trimming. So the Python work is proportional to the distinct values, and
the rows never become Python objects. Each row is decided exactly as parse_table decides it: the rows SQL cannot
settle (not plainly a task: headings, totals, signatures, blank rows) are asked of the same RowSorter, in file
order. A file this route cannot read line for line (not UTF-8 or not NFC, blank lines or cells running over
several lines in the table, a row wider than the header) goes the ordinary way; `plan` and `stage` say so by
returning None or raising NotBulk, never by reading it differently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from analytics.ingest.errors import FileProblem
from analytics.ingest.layout import Layout
from analytics.ingest.readers import MAX_CELL_CHARS, Source, cell_text, decode_text, is_html, is_workbook, read_text
from analytics.ingest.rows import (
    ID_SOURCE_COLUMNS,
    Ignored,
    Problem,
    Reject,
    RowSorter,
    converter,
    derive_ids,
    first_unit_names,
)
from analytics.schema import COLUMN_BY_NAME, COLUMN_NAMES
from analytics.store.tables import TASK_COLUMNS
from analytics.text import unit_key

# Smaller files are read the ordinary way: the bulk route pays off in the hundreds of thousands of rows.
MIN_BYTES = 4 * 1024 * 1024
HEAD_BYTES = 256 * 1024  # the title block and header are found in the first lines (layout.MAX_HEADER_SCAN)
_CHUNK = 16 * 1024 * 1024
# What Python's str.strip() removes: cell_text strips cells with it, SQL must trim the same characters.
_WHITESPACE = "".join(ch for ch in map(chr, range(0x3000 + 1)) if ch.isspace())
_SQL_TYPES = {"date": "DATE", "int": "INTEGER", "text": "VARCHAR"}


class NotBulk(Exception):  # noqa: N818 - a verdict, not an error: the file is read the ordinary way
    """The file cannot be read line for line by DuckDB exactly as the ordinary reader reads it."""


@dataclass
class TextPlan:
    """A UTF-8 text export checked for the bulk route, with its first lines read the ordinary way."""

    head: Source  # the first lines, for finding the header and the title block
    head_text: str  # those lines as text
    lines: int  # physical lines in the file


@dataclass
class Staged:
    """What the bulk route made of a register: counts and row reports; the loaded rows stay in DuckDB as
    the relation `incoming` (source_row + TASK_COLUMNS) until the connection closes."""

    rows_loaded: int
    rejects: list[Reject]
    ignored: list[Ignored]
    blank_rows: int
    derived_ids: int
    unit_names: dict[str, str]  # incoming unit key -> name as first written (preferring one with diacritics)

    @property
    def rows_read(self) -> int:
        return self.rows_loaded + len(self.rejects)


def plan(data: bytes | Path, file_name: str) -> TextPlan | None:
    """The bulk route's view of a file (its bytes, or its path: then it is read in pieces, never whole), or
    None when it must be read the ordinary way."""
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    if size < MIN_BYTES:
        return None
    head = _head(data)
    if is_workbook(head) or is_html(head):
        return None
    cut = head.rfind(b"\n")
    if cut < 0:
        return None
    try:
        text, encoding = decode_text(head[: cut + 1])  # the ordinary reader's checks, on the head
    except FileProblem:
        return None
    if encoding not in ("utf-8", "utf-8-sig"):
        return None
    lines = 0
    for index, piece in enumerate(_pieces(data)):
        if piece.count(b"\r") != piece.count(b"\r\n"):  # old Mac line ends: DuckDB and Python would disagree
            return None
        if not _utf8_nfc(piece[3:] if index == 0 and encoding == "utf-8-sig" else piece):
            return None
        lines += piece.count(b"\n") + (0 if piece.endswith(b"\n") else 1)
    return TextPlan(read_text(text, encoding, file_name), text, lines)


def _head(data: bytes | Path) -> bytes:
    if isinstance(data, Path):
        with data.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    return data[:HEAD_BYTES]


def _pieces(data: bytes | Path) -> Iterator[bytes]:
    """The file in pieces of about _CHUNK bytes, each ending at a line break (the last perhaps not): neither a
    combining mark nor the second half of a CR LF ever starts a piece."""
    if isinstance(data, Path):
        carry = b""
        with data.open("rb") as handle:
            while block := handle.read(_CHUNK):
                block = carry + block
                cut = block.rfind(b"\n") + 1
                carry = block[cut:]
                if cut:
                    yield block[:cut]
        if carry:
            yield carry
        return
    start = 0
    while start < len(data):
        end = data.find(b"\n", min(start + _CHUNK, len(data)))
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end


def text_rows(data: bytes | Path, text: TextPlan) -> Iterator[list[str]]:
    """Every row of a planned file (valid UTF-8 in NFC, checked by `plan`), as the ordinary reader reads them,
    read a piece at a time: an event history of millions of rows is never held whole."""
    def lines() -> Iterator[str]:
        for index, piece in enumerate(_pieces(data)):
            encoding = "utf-8-sig" if index == 0 and text.head.encoding == "utf-8-sig" else "utf-8"
            yield from io.StringIO(piece.decode(encoding), newline="")

    try:
        yield from csv.reader(lines(), delimiter=text.head.delimiter)
    except csv.Error as exc:
        raise FileProblem("broken_text", detail=str(exc).splitlines()[0][:200]) from exc


def _utf8_nfc(piece: bytes) -> bool:
    """Is this piece valid UTF-8 in NFC (as Windows writes it)?"""
    try:
        text = piece.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return text.isascii() or unicodedata.is_normalized("NFC", text)


def _one_line_each(text: str, delimiter: str, rows: int) -> bool:
    """Do the first `rows` rows of the text take one line each (no cell running over several lines)?"""
    lines = text.split("\n")[:rows]
    try:
        parsed = list(csv.reader(io.StringIO("\n".join(lines) + "\n", newline=""), delimiter=delimiter))
    except csv.Error:
        return False
    return len(lines) == rows and len(parsed) == rows


def _col(index: int) -> str:
    return f"c{index}"  # the raw columns of the staged file: c0, c1, ... (made from integers, never input)


def stage(con: duckdb.DuckDBPyConnection, path: Path, text: TextPlan, layout: Layout) -> Staged:
    """Read the register at `path` (the kept original) under `layout` into temporary tables of `con`."""
    width = len(layout.labels)
    skip = layout.first_data_row - 1  # lines above the first row under the header
    if not _one_line_each(text.head_text, text.head.delimiter, skip):
        raise NotBulk  # a title block with a cell over several lines: lines and rows would not agree
    columns = "{" + ", ".join(f"'{_col(i)}': 'VARCHAR'" for i in range(width)) + "}"
    try:
        con.execute(
            "CREATE TEMP TABLE bulk_raw AS SELECT * FROM read_csv($path, header = false, skip = $skip, "
            f"delim = $delim, quote = '\"', escape = '\"', all_varchar = true, null_padding = true, "
            f"auto_detect = false, strict_mode = true, columns = {columns})",
            {"path": str(path), "skip": skip, "delim": text.head.delimiter},
        )
    except duckdb.Error as exc:  # a row wider than the header, a broken quote: the ordinary reader decides
        raise NotBulk from exc
    count = con.execute("SELECT count(*) FROM bulk_raw").fetchall()[0][0]
    if count != text.lines - skip:  # blank lines or cells over several lines: row numbers would shift
        raise NotBulk

    sorter = RowSorter(layout)
    unit_col = layout.column_of("unit")
    unit_label = layout.labels[unit_col] or "unit"
    _register_unit_map(con, unit_col, unit_label)
    evidence = " OR ".join(f"{_col(i)} IS NOT NULL" for i in sorter.evidence_cols) or "false"
    every_cell = ", ".join(_col(i) for i in range(width))
    # Three different cells: most rows show it in their first three (counting distinct cells is slower).
    first_three_differ = "c0 <> c1 AND c0 <> c2 AND c1 <> c2" if width >= 3 else "false"
    con.execute(
        "CREATE TEMP TABLE bulk_plain AS SELECT r.rowid AS pos, coalesce(r.rowid > 0 AND m.plain AND "
        f"({evidence}) AND CASE WHEN {first_three_differ} THEN true "
        f"ELSE len(list_distinct([{every_cell}])) >= 3 END, false) AS plain "
        f"FROM bulk_raw r LEFT JOIN bulk_unit_map m ON coalesce(r.{_col(unit_col)}, '') = m.raw"
    )
    cutoff, extra = _settle_other_rows(con, sorter, every_cell, count)
    con.register("bulk_extra_arrow", pa.table({"pos": pa.array(extra, pa.int64())}))
    con.execute("CREATE TEMP TABLE bulk_extra AS SELECT * FROM bulk_extra_arrow")
    con.unregister("bulk_extra_arrow")
    con.execute(
        "CREATE TEMP TABLE bulk_data AS SELECT pos FROM bulk_plain WHERE plain AND pos < $cutoff "
        "UNION ALL SELECT pos FROM bulk_extra",
        {"cutoff": cutoff},
    )

    _build_rows(con, layout, width)
    derived = _assign_ids(con, layout.first_data_row)
    rejects = _rejects(con, layout.first_data_row, every_cell)
    con.execute(
        "CREATE TEMP VIEW incoming AS SELECT source_row, " + ", ".join(TASK_COLUMNS)
        + " FROM bulk_rows WHERE len(problems) = 0"
    )
    loaded = con.execute("SELECT count(*) FROM incoming").fetchall()[0][0]
    for table in ("bulk_plain", "bulk_extra", "bulk_data", "bulk_raw"):  # memory for the write that follows
        con.execute(f"DROP TABLE {table}")
    return Staged(loaded, rejects, sorter.ignored, sorter.blank, derived, _unit_names(con))


def _register_unit_map(con: duckdb.DuckDBPyConnection, unit_col: int, label: str) -> None:
    """Every distinct unit cell, once: is it plainly a unit (RowSorter's quick test), its value, key and
    problem (the unit converter)."""
    raws = [row[0] or "" for row in con.execute(f"SELECT DISTINCT {_col(unit_col)} FROM bulk_raw").fetchall()]
    sorter_test = RowSorter.plain_unit
    convert = converter("unit")
    values, problems = zip(*(convert(raw, label) for raw in raws), strict=True) if raws else ((), ())
    table = pa.table({
        "raw": pa.array(raws, pa.string()),
        "plain": pa.array([sorter_test(raw) for raw in raws], pa.bool_()),
        "value": pa.array(values, pa.string()),
        "unit_key": pa.array([unit_key(v) if v else None for v in values], pa.string()),
        "problem": pa.array([_problem_json(p) for p in problems], pa.string()),
        "problem_code": pa.array([p.code if p else None for p in problems], pa.string()),
    })
    con.register("bulk_unit_arrow", table)
    con.execute("CREATE TEMP TABLE bulk_unit_map AS SELECT * FROM bulk_unit_arrow")
    con.unregister("bulk_unit_arrow")


def _settle_other_rows(con: duckdb.DuckDBPyConnection, sorter: RowSorter, every_cell: str,
                       count: int) -> tuple[int, list[int]]:
    """Ask the RowSorter, in file order, about every row SQL did not find plainly a task. After a signature
    line every row is asked (only a row that clearly is a task counts there). Returns the position from which
    Python decided every row, and the positions it took as tasks."""
    tasks: list[int] = []
    others = con.execute(
        f"SELECT r.rowid, {every_cell} FROM bulk_raw r JOIN bulk_plain p ON p.pos = r.rowid "
        "WHERE NOT p.plain ORDER BY r.rowid"
    ).fetchall()
    for pos, *cells in others:
        if sorter.is_task(sorter.start + pos, [c or "" for c in cells]):
            tasks.append(pos)
        if sorter.in_footer:
            rest = con.execute(
                f"SELECT rowid, {every_cell} FROM bulk_raw WHERE rowid > $pos ORDER BY rowid", {"pos": pos}
            ).fetchall()
            for later, *later_cells in rest:
                if sorter.is_task(sorter.start + later, [c or "" for c in later_cells]):
                    tasks.append(later)
            return pos + 1, tasks
    return count, tasks


def _problem_json(problem: Problem | None) -> str | None:
    return None if problem is None else json.dumps({"code": problem.code, "params": problem.params},
                                                   ensure_ascii=False)


def _build_rows(con: duckdb.DuckDBPyConnection, layout: Layout, width: int) -> None:
    """bulk_rows: every task row with its canonical columns converted and its problems in the order
    parse_table finds them (column by column in the header's order, then a missing unit)."""
    selects = ["d.pos AS pos", "$first_row + d.pos AS source_row"]
    joins = []
    problems = []
    params: dict[str, object] = {"first_row": layout.first_data_row, "whitespace": _WHITESPACE,
                                 "too_long": MAX_CELL_CHARS}
    mapped = {}
    for col, name in layout.mapping.items():
        mapped[name] = col
        label = layout.labels[col] or name
        raw = f"r.{_col(col)}"
        if name == "unit":
            selects += ["u.value AS unit", "u.unit_key AS unit_key"]
            problems.append("u.problem")
            continue
        kind = COLUMN_BY_NAME[name].kind
        if kind == "text":  # trimmed as cell_text trims; too long is a problem (no distinct values to map)
            params[f"label_{col}"] = label
            # Trimming with a set of characters is slow: only cells that start or end with one are trimmed.
            trimmed = (f"CASE WHEN contains($whitespace, left({raw}, 1)) OR contains($whitespace, right({raw}, 1)) "
                       f"THEN nullif(trim({raw}, $whitespace), '') ELSE {raw} END")
            too_long = f"strlen({raw}) > $too_long AND length({trimmed}) > $too_long"  # bytes >= characters
            selects.append(f"CASE WHEN NOT ({too_long}) OR {raw} IS NULL THEN {trimmed} END AS {name}")
            problems.append(
                f"CASE WHEN {too_long} THEN json_object('code', 'cell_too_long', 'params', "
                f"json_object('column', $label_{col}::VARCHAR, 'length', length({trimmed})))::VARCHAR END"
            )
            continue
        table = f"bulk_map_{col}"
        _register_value_map(con, table, col, name, label)
        joins.append(f"LEFT JOIN {table} ON {raw} = {table}.raw")
        selects.append(f"{table}.value AS {name}")
        problems.append(f"{table}.problem")
    for name in COLUMN_NAMES:
        if name not in mapped:
            selects.append(f"NULL::{_SQL_TYPES[COLUMN_BY_NAME[name].kind]} AS {name}")
    params["missing_unit"] = _problem_json(Problem("missing_unit", {"column": layout.label_of("unit")}))
    problems.append("CASE WHEN u.value IS NULL AND u.problem_code IS DISTINCT FROM 'unit_not_a_name' "
                    "THEN $missing_unit END")
    selects.append(f"CASE WHEN {' AND '.join(f'({p}) IS NULL' for p in problems)} THEN []::VARCHAR[] "
                   f"ELSE list_filter([{', '.join(problems)}]::VARCHAR[], lambda p: p IS NOT NULL) END AS problems")
    con.execute(
        "CREATE TEMP TABLE bulk_rows AS SELECT *, task_id IS NOT NULL AS given_id FROM (SELECT "
        + ",\n".join(selects) + " FROM bulk_data d JOIN bulk_raw r ON r.rowid = d.pos "
        + f"LEFT JOIN bulk_unit_map u ON coalesce(r.{_col(mapped['unit'])}, '') = u.raw "
        + " ".join(joins) + ")",
        params,
    )


def _register_value_map(con: duckdb.DuckDBPyConnection, table: str, col: int, name: str, label: str) -> None:
    """Every distinct cell of a date or count column among the task rows, converted once."""
    raws = [row[0] for row in con.execute(
        f"SELECT DISTINCT r.{_col(col)} FROM bulk_data d JOIN bulk_raw r ON r.rowid = d.pos "
        f"WHERE r.{_col(col)} IS NOT NULL"
    ).fetchall()]
    convert = converter(name)
    converted = [convert(raw, label) for raw in raws]
    kind = COLUMN_BY_NAME[name].kind
    arrow_type = pa.date32() if kind == "date" else pa.int64()
    arrow = pa.table({
        "raw": pa.array(raws, pa.string()),
        "value": pa.array([value for value, _ in converted], arrow_type),
        "problem": pa.array([_problem_json(problem) for _, problem in converted], pa.string()),
    })
    con.register("bulk_map_arrow", arrow)
    con.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM bulk_map_arrow")
    con.unregister("bulk_map_arrow")


def _assign_ids(con: duckdb.DuckDBPyConnection, first_row: int) -> int:
    """Derived ids for rows without one (as rows.derive_ids makes them), then a row repeating an id given on
    an earlier row that had no problem is rejected (the rejected rows do not claim their ids)."""
    missing = con.execute(
        "SELECT pos, " + ", ".join(ID_SOURCE_COLUMNS) + " FROM bulk_rows WHERE task_id IS NULL ORDER BY pos"
    ).fetchall()
    if missing:
        ids = derive_ids([tuple(row[1:]) for row in missing])
        con.register("bulk_ids", pa.table({"pos": [row[0] for row in missing], "task_id": ids}))
        con.execute("UPDATE bulk_rows SET task_id = i.task_id FROM bulk_ids i WHERE bulk_rows.pos = i.pos")
        con.unregister("bulk_ids")
    con.execute(
        """
UPDATE bulk_rows SET problems = list_append(problems, json_object('code', 'duplicate_id', 'params',
    json_object('task_id', left(d.task_id, 80), 'first_row', $first_row + d.first_pos))::VARCHAR)
FROM (
    SELECT pos, task_id, min(pos) FILTER (WHERE len(problems) = 0) OVER (PARTITION BY task_id) AS first_pos
    FROM bulk_rows WHERE given_id
) d
WHERE bulk_rows.pos = d.pos AND d.first_pos < d.pos
""",
        {"first_row": first_row},
    )
    return len(missing)


def _rejects(con: duckdb.DuckDBPyConnection, first_row: int, every_cell: str) -> list[Reject]:
    rows = con.execute(
        f"SELECT b.pos, b.problems, {every_cell} FROM bulk_rows b JOIN bulk_raw r ON r.rowid = b.pos "
        "WHERE len(b.problems) > 0 ORDER BY b.pos"
    ).fetchall()
    rejects = []
    for pos, problems, *cells in rows:
        found = [Problem(p["code"], p["params"]) for p in map(json.loads, problems)]
        rejects.append(Reject(first_row + pos, found, [cell_text(c) for c in cells]))
    return rejects


def _unit_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """rows.first_unit_names over each distinct spelling, in order of first appearance."""
    pairs = con.execute(
        "SELECT unit_key, unit FROM bulk_rows WHERE len(problems) = 0 GROUP BY ALL ORDER BY min(pos)"
    ).fetchall()
    return first_unit_names([key for key, _ in pairs], [name for _, name in pairs])


def completed_after(con: duckdb.DuckDBPyConnection, day: dt.date) -> int:
    return con.execute("SELECT count(*) FROM incoming WHERE completed_date > $day", {"day": day}).fetchall()[0][0]


def remap_units(con: duckdb.DuckDBPyConnection, remap: dict[str, str]) -> None:
    """Units typed without diacritics that joined a known unit (importer._match_plain_names)."""
    for old, new in remap.items():
        con.execute("UPDATE bulk_rows SET unit_key = $new WHERE unit_key = $old", {"old": old, "new": new})
