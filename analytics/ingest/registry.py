"""Unit registries (Danh mục đơn vị): one row per unit, with its block, parent unit, the unit it was merged into and
from which day, and its other spellings (docs/design.md §3.1).

Read as a register is: the header is found under a title block (its own header names, schema.REGISTRY_COLUMNS), the
rows under it go into the database as one raw table (ingest.raw), report furniture is skipped and listed, and every
other row is loaded or rejected with its row number and every reason. A registry has a few thousand rows at most,
one per unit, so its rows are decided here from the raw table one by one, with the cell rules every import uses
(source.cell_text, values.is_unit_name, dates.parse_date); the lineage rules (a successor that is a unit, no cycle)
are analytics.lineage's.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analytics.ingest.dates import DateProblem, parse_date
from analytics.ingest.layout import best_header, is_numbering_row
from analytics.ingest.raw import RAW, column
from analytics.ingest.rows import Ignored, Reject, is_signature, is_total, row_text
from analytics.ingest.source import MAX_CELL_CHARS, Source, cell_text
from analytics.ingest.values import Problem, date_problem, is_unit_name
from analytics.lineage import SPLIT_SEPARATOR, RegistryUnit
from analytics.schema import ALIAS_SEPARATOR, REGISTRY_COLUMNS, REGISTRY_REQUIRED, block_named
from analytics.text import fold, squash, unit_key

_SYNONYMS: dict[str, str] = {}
for _column in REGISTRY_COLUMNS:
    for _synonym in _column.synonyms:
        _SYNONYMS.setdefault(fold(_synonym), _column.name)
# A registry names its units and says something of them that a register does not.
_REGISTRY_ONLY = ("block", "parent", "successor", "effective_date", "aliases")


@dataclass(frozen=True)
class RegistryLayout:
    """Where a registry's table is: sheet, header row (1-based), labels and column mapping."""

    sheet: str
    header_row: int
    labels: tuple[str, ...]
    mapping: dict[int, str]  # column index -> registry column

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def missing_required(self) -> list[str]:
        return [c for c in REGISTRY_REQUIRED if c not in self.mapping.values()]

    def column_of(self, name: str) -> int | None:
        return next((i for i, n in self.mapping.items() if n == name), None)

    def label_of(self, name: str) -> str:
        index = self.column_of(name)
        return self.labels[index] if index is not None and self.labels[index] else name


@dataclass
class DecidedRegistry:
    units: list[RegistryUnit]
    rejects: list[Reject]
    ignored: list[Ignored]
    blank_rows: int

    @property
    def rows_read(self) -> int:
        return len(self.units) + len(self.rejects)

    @property
    def loaded_rows(self) -> list[int]:
        """The rows read as units (the import page's preview names each row's fate)."""
        return [u.row for u in self.units]


def _map(labels: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for index, label in enumerate(labels):
        name = _SYNONYMS.get(fold(label))
        if name and name not in mapping.values():
            mapping[index] = name
    return mapping


def detect_registry_layout(source: Source) -> RegistryLayout | None:
    """The registry table of a file: the header row naming a unit and most of what a registry says of it (a
    successor, a block, a parent, a date, other names). None when no sheet has one."""
    found = best_header(source, _map, lambda mapping: "name" in mapping.values()
                        and any(name in mapping.values() for name in _REGISTRY_ONLY))
    if found is None:
        return None
    sheet, row, labels, mapping = found
    return RegistryLayout(sheet.name, row + 1, tuple(labels), mapping)


def decide_registry(con: duckdb.DuckDBPyConnection, layout: RegistryLayout, rows: int,
                    trailing_blank: int = 0) -> DecidedRegistry:
    """The registry's rows in raw_rows (`rows` of them) under `layout`: each a unit, a rejected row with every
    reason, report furniture (listed) or blank (counted)."""
    width = len(layout.labels)
    col = {c.name: layout.column_of(c.name) for c in REGISTRY_COLUMNS}
    col = {name: (i if i is not None and i < width else None) for name, i in col.items()}
    first_row = layout.first_data_row
    units: list[RegistryUnit] = []
    rejects: list[Reject] = []
    ignored: list[Ignored] = []
    blank = trailing_blank
    seen: dict[str, int] = {}
    cells_sql = ", ".join(column(i) for i in range(width)) or "NULL"
    # Column names made from integers (raw.column), the table a constant: no input in the text.
    for pos, *raw in con.execute(f"SELECT rowid, {cells_sql} FROM {RAW} ORDER BY rowid").fetchall():  # noqa: S608
        cells = [cell_text(v) for v in raw]
        row = first_row + pos
        if not any(cells):
            blank += 1
            continue
        if pos == 0 and is_numbering_row(raw):
            ignored.append(Ignored(row, "numbering_row", row_text(cells)))
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            return cells[col[name]] if col[name] is not None else ""

        furniture = _furniture(cell("name"), next(c for c in cells if c), [cell(n) for n in _REGISTRY_ONLY])
        if furniture:
            ignored.append(Ignored(row, furniture, row_text(cells)))
            continue
        unit, problems = _unit(layout, row, cell)
        if unit is not None and unit.key in seen:
            problems.append(Problem("duplicate_unit", {"column": layout.label_of("name"), "value": unit.name[:80],
                                                       "first_row": seen[unit.key]}))
        if problems or unit is None:
            rejects.append(Reject(row, problems, cells))
            continue
        seen[unit.key] = row
        units.append(unit)
    con.execute(f"DROP TABLE {RAW}")
    return DecidedRegistry(units, rejects, ignored, blank)


def _furniture(name: str, first: str, others: list[str]) -> str | None:
    """Why a row that says nothing of a unit but its name is not a unit: a total, a signature line, or a heading
    over a group of rows ("KHỐI XÃ, PHƯỜNG", "II", a block's name). A name alone is a unit."""
    if any(others):
        return None
    if is_total(first):
        return "total_row"
    if is_signature(first):
        return "footer"
    if not name or block_named(name) or (name.isupper() and fold(name).startswith("khoi ")):
        return "section_heading"
    return None


def _unit(layout: RegistryLayout, row: int, cell) -> tuple[RegistryUnit | None, list[Problem]]:
    """One registry row as a unit, with every problem of its cells."""
    problems: list[Problem] = []
    for name in ("name", "block", "parent", "successor", "effective_date", "aliases"):
        if len(cell(name)) > MAX_CELL_CHARS:
            problems.append(Problem("cell_too_long", {"column": layout.label_of(name), "length": len(cell(name))}))
    if problems:
        return None, problems

    def unit_cell(name: str) -> str | None:
        text = squash(cell(name))
        if text and not is_unit_name(text):
            problems.append(Problem("unit_not_a_name", {"column": layout.label_of(name), "value": text[:80]}))
            return None
        return text or None

    name = unit_cell("name")
    if name is None and not problems:
        problems.append(Problem("missing_unit_name", {"column": layout.label_of("name")}))
    parent = unit_cell("parent")
    # Several units ("Xã A; Xã B"): a split (analytics.lineage); each must be a unit's name.
    went_into = [text for text in (squash(part) for part in cell("successor").split(SPLIT_SEPARATOR)) if text]
    for text in went_into:
        if not is_unit_name(text):
            problems.append(Problem("unit_not_a_name", {"column": layout.label_of("successor"), "value": text[:80]}))
    successor = f"{SPLIT_SEPARATOR} ".join(went_into) or None
    block = None
    if cell("block"):
        block = block_named(cell("block"))
        if block is None:
            problems.append(Problem("unknown_block", {"column": layout.label_of("block"), "value": cell("block")[:80]}))
    effective = None
    if cell("effective_date"):
        found = parse_date(cell("effective_date"))
        if isinstance(found, DateProblem):
            problems.append(date_problem(found, layout.label_of("effective_date")))
        else:
            effective = found
    aliases = tuple(dict.fromkeys(
        alias for alias in (squash(a) for a in cell("aliases").split(ALIAS_SEPARATOR))
        if alias and is_unit_name(alias) and name and unit_key(alias) != unit_key(name)))
    if problems or name is None:
        return None, problems
    return RegistryUnit(name, row, successor=successor, effective=effective, block=block, parent=parent,
                        aliases=aliases), problems
