"""Unit lineage: which unit carries a unit's tasks on a given day, after mergers (docs/design.md §3.1).

Since 1/7/2025 many communes and wards have been merged: the tasks of a merged unit were handed to its successor,
and a successor may itself be merged later (A into B on 1/7/2025, B into C on 1/1/2026). A registry row says, for
one unit, into which unit it was merged and from which day. `resolve` turns those rows into *lineage rows*
(unit, carrier, from day): on a day D a task recorded under `unit` is carried by the carrier of the row with the
latest `from day` not after D (a row with no day: from the beginning). So on 30/6/2025 A carries its own tasks,
from 1/7/2025 B does, from 1/1/2026 C does.

A successor that is not a unit of the registry, a unit merged into itself or a chain that comes back to a unit it
left (a cycle), and a merger without its day are problems naming the registry rows involved; the registry is not
stored while it has any (importing half a lineage would count tasks under units that no longer exist).

Pure Python on a registry's rows (a few thousand at most): no database, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from analytics.text import unit_key

SPLIT_SEPARATOR = ";"  # between the units a split unit went into (as between other spellings)


@dataclass(frozen=True)
class RegistryUnit:
    """One row of a unit registry, as read: names as written, `row` its row number in the file."""

    name: str
    row: int
    successor: str | None = None
    effective: dt.date | None = None  # the day the successor takes the unit's tasks over
    block: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return unit_key(self.name)

    @property
    def successors(self) -> tuple[str, ...]:
        """The units it went into: one for a merger; several ("Xã A; Xã B") for a split, whose tasks cannot be
        given to one unit by name and stay under it unless a task is reassigned (docs/design.md §3.1)."""
        if not self.successor:
            return ()
        return tuple(name.strip() for name in self.successor.split(SPLIT_SEPARATOR) if name.strip())

    @property
    def split(self) -> bool:
        return len(self.successors) > 1


@dataclass(frozen=True)
class LineageRow:
    """From `start` (None: always), the tasks recorded under `unit_key` are carried by `carrier_key`, `depth` links
    down its chain (0: itself). Of the rows started by a day, the latest start carries, and of equal starts the
    deepest: two links taking effect the same day hand the tasks straight to the last."""

    unit_key: str
    carrier_key: str
    start: dt.date | None
    depth: int


@dataclass(frozen=True)
class LineageProblem:
    """A registry problem: a message code, the registry rows it concerns, and its parameters."""

    code: str  # unknown_successor, merged_into_itself, successor_cycle, missing_effective_date
    rows: tuple[int, ...]
    params: dict[str, object] = field(default_factory=dict)


def resolve(units: list[RegistryUnit]) -> tuple[list[LineageRow], list[LineageProblem]]:
    """The lineage rows of a registry, or the problems that stop it (then no rows). Each unit has its own row from
    the beginning, then one row per successor along its chain, from the latest day on the chain so far (a merger
    dated before the one that led to it takes effect only when the earlier link does)."""
    by_key = {u.key: u for u in units}
    problems = _problems(units, by_key)
    if problems:
        return [], problems
    lineage: list[LineageRow] = []
    for unit in units:
        lineage.append(LineageRow(unit.key, unit.key, None, 0))
        start: dt.date | None = None
        current, depth = unit, 0
        while current.successor is not None and not current.split:
            assert current.effective is not None  # checked by _problems
            start = current.effective if start is None else max(start, current.effective)
            current, depth = by_key[unit_key(current.successor)], depth + 1
            lineage.append(LineageRow(unit.key, current.key, start, depth))
    return lineage, problems


def carrier(lineage: list[LineageRow], key: str, day: dt.date) -> str:
    """The unit that carries the tasks recorded under `key` on `day` (itself when the registry does not know it).
    The query layer does the same in SQL; this is its definition, for tests and for the command line."""
    rows = [r for r in lineage if r.unit_key == key and (r.start is None or r.start <= day)]
    if not rows:
        return key
    return max(rows, key=lambda r: (r.start or dt.date.min, r.depth)).carrier_key


def predecessors(lineage: list[LineageRow], key: str) -> list[str]:
    """The units whose tasks `key` carries at some time, itself excluded, in lineage order."""
    return list(dict.fromkeys(r.unit_key for r in lineage if r.carrier_key == key and r.unit_key != key))


def _problems(units: list[RegistryUnit], by_key: dict[str, RegistryUnit]) -> list[LineageProblem]:
    problems: list[LineageProblem] = []
    for unit in units:
        if unit.successor is None:
            continue
        for successor in unit.successors:
            successor_key = unit_key(successor)
            if successor_key == unit.key:
                problems.append(LineageProblem("merged_into_itself", (unit.row,), {"unit": unit.name}))
            elif successor_key not in by_key:
                problems.append(LineageProblem("unknown_successor", (unit.row,),
                                               {"unit": unit.name, "successor": successor}))
        if unit.effective is None:
            problems.append(LineageProblem("missing_effective_date", (unit.row,), {"unit": unit.name}))
    if problems:
        return problems
    reported: set[str] = set()
    for unit in units:
        path: list[RegistryUnit] = []
        current: RegistryUnit | None = unit
        while current is not None and current not in path:
            path.append(current)
            current = by_key[unit_key(current.successor)] if current.successor and not current.split else None
        if current is None:
            continue
        cycle = path[path.index(current):]
        if not reported & {u.key for u in cycle}:
            reported |= {u.key for u in cycle}
            problems.append(LineageProblem("successor_cycle", tuple(sorted(u.row for u in cycle)),
                                           {"units": " → ".join(u.name for u in [*cycle, cycle[0]])}))
    return problems
