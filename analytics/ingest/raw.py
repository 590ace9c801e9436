"""Any register or history into the database as one raw table, `raw_rows`: the rows under the header, one
VARCHAR column per column of the header (c0, c1, ...), in file order (docs/design.md §5.2).

Its rowid is the row's position under the header: row number = first data row + rowid, whatever the file was.
Every rule of the import is then applied to this table a column at a time in SQL (ingest.table, ingest.events).

- A sheet (a workbook's, or the first rows of a text file on the import page) goes in from its cells, each read
  as text (source.cell_text), blank rows included. So does a text file small enough to have been read whole
  with its first rows (readers.HEAD_BYTES): Python's csv module has read its records already.
- A larger text file is read by DuckDB, in parallel, when every row of its body is one line: as it was kept when it is
  UTF-8 in NFC, else from a copy transcoded once to UTF-8 NFC. DuckDB's reader drops blank lines (which would
  shift every later row's number) and, on this version, loses rows when a quoted cell holds a line break other
  than the file's own: so a file whose body has a blank line, a lone CR, or a cell over several lines, or whose
  count of rows read is not its count of lines, is read record by record by Python's csv module (in C, a batch
  at a time) and goes in as a workbook's cells do. Either way the rules that follow are the same SQL.
"""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from analytics.ingest.errors import FileProblem
from analytics.ingest.readers import decoded_pieces, line_pieces
from analytics.ingest.source import cell_text

RAW = "raw_rows"


@dataclass
class Raw:
    rows: int  # rows of raw_rows
    trailing_blank: int = 0  # blank lines at the end of a text file, which raw_rows does not hold
    route: str = "sheet"  # how it got there: "sheet", "direct", "transcoded" or "records" (said in the report)


def column(index: int) -> str:
    """The raw table's column of the file's column `index` (a name made from an integer, never from input)."""
    return f"c{index}"


def _columns_sql(width: int, leading: tuple[str, ...] = ()) -> str:
    names = [*leading, *(column(i) for i in range(width))]
    return "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in names) + "}"


# What Python's str.strip() removes: cell_text strips cells with it, and so does text_of.
WHITESPACE = "".join(ch for ch in map(chr, range(0x3000 + 1)) if ch.isspace())


def text_of(cell: str) -> str:
    """SQL for a raw cell read as text, as source.cell_text reads it: trimmed, NULL when nothing is left (the
    statement binds $whitespace to WHITESPACE). Trimming with a set of characters is slow: only a cell that
    starts or ends with one of them is trimmed."""
    return (f"CASE WHEN contains($whitespace, left({cell}, 1)) OR contains($whitespace, right({cell}, 1)) "
            f"THEN nullif(trim({cell}, $whitespace), '') ELSE {cell} END")


def drop(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DROP TABLE IF EXISTS {RAW}")


# --- from cells ---------------------------------------------------------------------------------------------

def _texts(values: tuple[object, ...]) -> tuple[object, ...] | list[str | None]:
    """A column's cells as text, empty cells as NULL (a column of text only is given back as it is: SQL makes its
    empty cells NULL). Each distinct value of another kind is written once."""
    if set(map(type, values)) <= {str}:
        return values
    memo: dict[object, str | None] = {}
    out: list[str | None] = []
    append = out.append
    for value in values:
        if value.__class__ is str:
            append(value or None)
        elif value is None:
            append(None)
        elif value.__class__ is bool:  # True == 1 == 1.0 as keys: a boolean is never memoised
            append(cell_text(value))
        else:
            found = memo.get(value)
            if found is None:
                found = memo[value] = cell_text(value) or None
            append(found)
    return out


def _append(con: duckdb.DuckDBPyConnection, rows: list[list[object]], width: int, create: bool = False,
            places: dict[str, pa.Array] | None = None) -> None:
    """Add rows to raw_rows (made here when `create`), in order; cells past `width` are not read. `places`: the
    columns src_part and src_row of rows from several sheets (from_parts)."""
    if set(map(len, rows)) != {width}:
        rows = [row[:width] if len(row) >= width else [*row, *([None] * (width - len(row)))] for row in rows]
    columns = zip(*rows, strict=True) if rows else [()] * width
    table = pa.table({**{column(i): pa.array(_texts(values), pa.string()) for i, values in enumerate(columns)},
                      **(places or {})})
    con.register("raw_arrow", table)
    cells = "SELECT " + ", ".join([*(f"nullif({column(i)}, '') AS {column(i)}" for i in range(width)),
                                   *(places or {})]) + " FROM raw_arrow"
    con.execute(f"CREATE TEMP TABLE {RAW} AS {cells}" if create else f"INSERT INTO {RAW} {cells}")
    con.unregister("raw_arrow")


def from_rows(con: duckdb.DuckDBPyConnection, rows: list[list[object]], width: int, route: str = "sheet") -> Raw:
    """`rows` (the sheet's rows under the header, in order, or a text file's records) as raw_rows."""
    drop(con)
    _append(con, rows, width, create=True)
    return Raw(len(rows), 0, route)


def from_parts(con: duckdb.DuckDBPyConnection, parts: list[tuple[list[list[object]], int, str | None]], width: int,
               unit_col: int | None = None) -> Raw:
    """Rows of several sheets of one layout as one raw table, sheet after sheet; `parts` gives each sheet's rows
    under its header, the row number of the first, and its unit. Each row also has its sheet (src_part, the index
    in `parts`) and its row number there (src_row). When the unit is the sheet's own, column `unit_col` of every
    row that is not blank holds it (a blank row stays blank)."""
    drop(con)
    rows: list[list[object]] = []
    part_ids: list[int] = []
    row_numbers: list[int] = []
    for index, (part_rows, first_row, unit) in enumerate(parts):
        for offset, row in enumerate(part_rows):
            row = list(row[:width])
            if unit_col is not None:
                row += [None] * (unit_col - len(row))
                row[unit_col:unit_col + 1] = [unit if any(cell_text(v) for v in row[:unit_col]) else None]
            rows.append(row)
            part_ids.append(index)
            row_numbers.append(first_row + offset)
    _append(con, rows, width, create=True, places={"src_part": pa.array(part_ids, pa.int32()),
                                                   "src_row": pa.array(row_numbers, pa.int32())})
    return Raw(len(rows), 0, "sheet")


# --- from a text file ---------------------------------------------------------------------------------------

RECORDS_AT_ONCE = 50_000  # records read by Python's csv module go to the database this many at a time


@dataclass
class _Scan:
    nfc_utf8: bool  # the file as it is can be read by DuckDB
    one_line_each: bool  # no blank line and no lone CR in the body: DuckDB may read it, if its rows are its lines
    lines: int  # non-blank lines in the body: the rows DuckDB must read
    trailing_blank: int  # blank lines after the last row


def _body_offset(piece: str, skip: int, delimiter: str) -> int:
    """Where the rows under the header start in the first piece of text: after `skip` records."""
    reader = csv.reader(io.StringIO(piece, newline=""), delimiter=delimiter)
    for _ in itertools.islice(reader, skip):
        pass
    return sum(map(len, itertools.islice(io.StringIO(piece, newline=""), reader.line_num)))


def _scan(data: bytes | Path, encoding: str, skip: int, delimiter: str) -> _Scan:
    """One pass over the file: is it already UTF-8 in NFC, is every row of its body one line (no blank line, no
    lone CR), how many lines it has, and how many blank lines end it. A UTF-8 file is looked at as bytes (a
    line break is the same byte there) and decoded only where it is not ASCII, to check its form."""
    utf8 = encoding in ("utf-8", "utf-8-sig")
    nfc_utf8 = utf8
    one_line_each = True
    breaks = 0
    ends_open = False  # the body's last line has no line break
    run = b""  # the line breaks that end what was read so far
    lf, cr, crlf, blank, blank_crlf = (b"\n", b"\r", b"\r\n", b"\n\n", b"\n\r\n") if utf8 else (
        "\n", "\r", "\r\n", "\n\n", "\n\r\n")
    chunks = line_pieces(data) if utf8 else decoded_pieces(data, encoding, normalise=False)
    try:
        for index, piece in enumerate(chunks):
            text = piece.decode("utf-8-sig" if index == 0 else "utf-8") if utf8 and (
                index == 0 or not piece.isascii()) else piece
            if utf8 and nfc_utf8 and not text.isascii():
                nfc_utf8 = unicodedata.is_normalized("NFC", text)
            if index == 0:  # the body starts after the header's line break
                offset = _body_offset(text, skip, delimiter)
                if utf8:
                    offset = len(piece) - len(text[offset:].encode("utf-8"))
                piece, run = piece[offset:], (lf if offset else lf[:0])
            if not piece:
                continue
            if piece.count(cr) != piece.count(crlf):  # a piece never splits CR LF: it ends at a line feed
                one_line_each = False
            breaks += piece.count(lf)
            ends_open = piece[-1:] not in (lf, cr)
            head = piece.rstrip(crlf)
            if head:  # the breaks read before are inside the body, followed by this piece's text
                one_line_each = one_line_each and blank not in head and blank_crlf not in head and not (
                    run and (head.startswith(lf) or head.startswith(crlf) or len(run) > 1 + run.startswith(cr)))
                run = piece[len(head):]
            else:
                run += piece
    except UnicodeDecodeError as exc:
        raise FileProblem("mixed_encoding", encoding=encoding.upper()) from exc
    except csv.Error as exc:
        raise FileProblem("broken_text", detail=str(exc).splitlines()[0][:200]) from exc
    trailing_blank = max(0, run.count(lf) + run.count(cr) - run.count(crlf) - 1)
    return _Scan(nfc_utf8, one_line_each, breaks + ends_open - trailing_blank, trailing_blank)


def from_text_file(con: duckdb.DuckDBPyConnection, data: bytes | Path, path: Path, *, encoding: str,
                   delimiter: str, skip: int, width: int, work_dir: Path) -> Raw:
    """The register kept at `path` (its content `data`: the same bytes, or the same path) as raw_rows, reading
    the records after the first `skip` (title block and header)."""
    # A UTF-8 file is read by DuckDB while Python scans it (DuckDB works outside Python's lock): nearly always the
    # scan then confirms the reading.
    with ThreadPoolExecutor(max_workers=1) as worker:
        scanning = worker.submit(_scan, data, encoding, skip, delimiter)
        early = _try_direct(con, path, delimiter, skip, width) if encoding in ("utf-8", "utf-8-sig") else None
        scan = scanning.result()
    if scan.one_line_each and scan.nfc_utf8 and early == scan.lines:
        return Raw(scan.lines, scan.trailing_blank, "direct")
    if scan.one_line_each and not scan.nfc_utf8:
        work = work_dir / f"{path.stem}.utf8.csv"
        work_dir.mkdir(parents=True, exist_ok=True)
        try:
            with work.open("w", encoding="utf-8", newline="") as out:
                out.writelines(decoded_pieces(data, encoding))
            if _try_direct(con, work, delimiter, skip, width) == scan.lines:
                return Raw(scan.lines, scan.trailing_blank, "transcoded")
        finally:
            work.unlink(missing_ok=True)
    return Raw(_read_records(con, data, encoding, delimiter, skip, width), 0, "records")


def _try_direct(con: duckdb.DuckDBPyConnection, path: Path, delimiter: str, skip: int, width: int) -> int | None:
    """The rows DuckDB reads from `path`, or None when its strict reader refuses the file (quoting it does not
    read as Python does: the records route then reads it)."""
    try:
        return _read_direct(con, path, delimiter, skip, width)
    except duckdb.Error:
        return None


_READ_DIRECT = (
    "CREATE TEMP TABLE {raw} AS SELECT * FROM read_csv($path, header = false, skip = $skip, delim = $delim, "
    "quote = '\"', escape = '\"', all_varchar = true, null_padding = true, auto_detect = false, "
    "strict_mode = true, columns = {columns})"
)


def _read_direct(con: duckdb.DuckDBPyConnection, path: Path, delimiter: str, skip: int, width: int) -> int:
    drop(con)
    con.execute(_READ_DIRECT.format(raw=RAW, columns=_columns_sql(width)),
                {"path": str(path), "skip": skip, "delim": delimiter})
    return con.execute(f"SELECT count(*) FROM {RAW}").fetchall()[0][0]


def _read_records(con: duckdb.DuckDBPyConnection, data: bytes | Path, encoding: str, delimiter: str, skip: int,
                  width: int) -> int:
    """Every record after the first `skip`, read by Python's csv module (blank ones included), into raw_rows a
    batch at a time: a file of millions of rows is never held whole."""
    reader = csv.reader(itertools.chain.from_iterable(map(_lines, decoded_pieces(data, encoding))),
                        delimiter=delimiter)
    drop(con)
    try:
        for _ in itertools.islice(reader, skip):
            pass
        batch = list(itertools.islice(reader, RECORDS_AT_ONCE))
        _append(con, batch, width, create=True)
        count = len(batch)
        while batch := list(itertools.islice(reader, RECORDS_AT_ONCE)):
            _append(con, batch, width)
            count += len(batch)
    except csv.Error as exc:
        raise FileProblem("broken_text", detail=str(exc).splitlines()[0][:200]) from exc
    return count


def _lines(text: str) -> io.StringIO:
    return io.StringIO(text, newline="")
