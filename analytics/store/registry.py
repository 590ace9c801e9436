"""The unit registry as stored, and what follows from it (docs/design.md §3.1).

Every registry import is a batch (`kind = 'registry'`) whose rows are kept in `registry_units`; the registry in force
is the latest active one. From it, at each registry import and each undo, are made again: `unit_lineage` (which unit
carries a unit's tasks from which day, analytics.lineage), `unit_aliases` (other spellings -> unit) and the units the
registry names in `units` (its name, block and parent; `block_source = 'registry'`). A unit it stops naming gets its
inferred block back.

Every function here works inside the caller's transaction (Store.writing).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from analytics.lineage import LineageProblem, RegistryUnit, resolve
from analytics.schema import infer_block
from analytics.store.batches import new_batch
from analytics.text import unit_key

_CURRENT = """
SELECT name, source_row, successor, effective_date, block, parent, aliases
FROM registry_units
WHERE batch_id = (SELECT max(batch_id) FROM batches WHERE kind = 'registry' AND undone_at IS NULL)
ORDER BY source_row
"""


def write_registry(con: duckdb.DuckDBPyConnection, batch: dict, units: list[RegistryUnit],
                   rejects: list[tuple[int, str, str]], ignored: list[tuple[int, str, str]]) -> int:
    """Record a registry (its lineage checked by the caller) as a batch and put it in force; return the batch id."""
    batch_id = new_batch(con, batch | {"kind": "registry"}, rejects, ignored)
    con.register("incoming_registry", pa.table({
        "source_row": pa.array([u.row for u in units], pa.int32()),
        "unit_key": [u.key for u in units],
        "name": [u.name for u in units],
        "block": [u.block for u in units],
        "parent": [u.parent for u in units],
        "successor": [u.successor for u in units],
        "effective_date": pa.array([u.effective for u in units], pa.date32()),
        "aliases": pa.array([list(u.aliases) for u in units], pa.list_(pa.string())),
    }))
    con.execute("INSERT INTO registry_units SELECT $batch, source_row, unit_key, name, block, parent, successor, "
                "effective_date, aliases FROM incoming_registry", {"batch": batch_id})
    con.unregister("incoming_registry")
    apply_registry(con)
    return batch_id


def current_registry(con: duckdb.DuckDBPyConnection) -> list[RegistryUnit]:
    """The registry in force: the units of the latest registry import not undone (none: an empty list)."""
    return [RegistryUnit(name, row, successor=successor, effective=effective, block=block, parent=parent,
                         aliases=tuple(aliases or ()))
            for name, row, successor, effective, block, parent, aliases in con.execute(_CURRENT).fetchall()]


def apply_registry(con: duckdb.DuckDBPyConnection) -> list[LineageProblem]:
    """Make the lineage, the other spellings and the registry's units again from the registry in force."""
    units = current_registry(con)
    lineage, problems = resolve(units)  # a stored registry has none: write_registry's caller checks
    con.execute("DELETE FROM unit_lineage")
    con.execute("DELETE FROM unit_aliases")
    if lineage:
        con.register("lineage_rows", pa.table({
            "unit_key": [r.unit_key for r in lineage], "carrier_key": [r.carrier_key for r in lineage],
            "start": pa.array([r.start for r in lineage], pa.date32()),
            "depth": pa.array([r.depth for r in lineage], pa.int32()),
        }))
        con.execute("INSERT INTO unit_lineage SELECT * FROM lineage_rows")
        con.unregister("lineage_rows")
    aliases = {unit_key(alias): unit.key for unit in units for alias in unit.aliases}
    if aliases:
        con.register("alias_rows", pa.table({"alias_key": list(aliases), "unit_key": list(aliases.values())}))
        con.execute("INSERT INTO unit_aliases SELECT * FROM alias_rows")
        con.unregister("alias_rows")
    # Units the registry no longer names: their inferred block back.
    named = [u.key for u in units]
    for key, name in con.execute(
            "SELECT unit_key, name FROM units WHERE block_source = 'registry' "
            "AND NOT list_contains($named::VARCHAR[], unit_key)", {"named": named}).fetchall():
        con.execute("UPDATE units SET block = $block, parent = NULL, block_source = 'inferred' WHERE unit_key = $key",
                    {"block": infer_block(name), "key": key})
    con.execute("DELETE FROM units WHERE block_source = 'inferred' "
                "AND unit_key NOT IN (SELECT DISTINCT unit_key FROM tasks)")
    if units:
        con.register("registry_rows", pa.table({
            "unit_key": named, "name": [u.name for u in units],
            "block": [u.block or infer_block(u.name) for u in units], "parent": [u.parent for u in units],
        }))
        con.execute("DELETE FROM units WHERE unit_key IN (SELECT unit_key FROM registry_rows)")
        con.execute("INSERT INTO units SELECT unit_key, name, block, parent, 'registry' FROM registry_rows")
        con.unregister("registry_rows")
    return problems


# Units tasks are recorded under that are neither a unit of the registry in force (block_source 'registry', set by
# apply_registry) nor another spelling of one, with their task counts: what the registry does not account for yet.
_UNMATCHED = """
SELECT t.unit_key, coalesce(any_value(u.name), any_value(t.unit)) AS name, count(*) AS tasks
FROM tasks t LEFT JOIN units u USING (unit_key)
WHERE t.unit_key NOT IN (SELECT unit_key FROM units WHERE block_source = 'registry')
  AND t.unit_key NOT IN (SELECT alias_key FROM unit_aliases)
GROUP BY t.unit_key
ORDER BY tasks DESC, name
"""


def unmatched_units(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """The units tasks are recorded under that the registry in force does not name, under any spelling: (key, name,
    tasks), most tasks first."""
    return [(key, name, int(tasks)) for key, name, tasks in con.execute(_UNMATCHED).fetchall()]


def registry_aliases(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, str]:
    """Of these unit keys, those the registry in force gives as another spelling of a unit: key -> the unit's key."""
    return dict(con.execute("SELECT alias_key, unit_key FROM unit_aliases WHERE list_contains($keys::VARCHAR[], "
                            "alias_key)", {"keys": keys}).fetchall())
