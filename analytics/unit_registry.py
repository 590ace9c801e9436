"""The unit registry as an administrator keeps it in the app (docs/design.md §3.1): edits, the registry as a
workbook, and the names tasks are recorded under that the registry does not account for.

Every edit makes a new registry from the one in force plus one change, checks its lineage (analytics.lineage) and
writes it as a registry batch, in one transaction (Store.writing): the import page's undo takes it back like an
import, and the one before is in force again. The rules:

- add: a unit's name, not the name nor another spelling of a unit already in the registry;
- rename: the old name is kept as another spelling, so registers written with it still match; the units whose
  parent or successor it was follow the new name; the new name may not be another unit's name or spelling;
- merge into: a successor among the registry's units, from an effective date; a merger into the unit itself or one
  that would make a cycle is refused with lineage.resolve's problem, which names the units; no successor takes a
  merger back;
- block: one of schema.BLOCKS;
- another spelling: not the name of a unit of the registry, nor another unit's spelling.

An edit that would change nothing is refused too (it would only add a batch to undo).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from analytics.access import Access
from analytics.exports import table_xlsx
from analytics.i18n import fmt_date, t
from analytics.ingest.values import is_unit_name
from analytics.lineage import SPLIT_SEPARATOR, RegistryUnit, resolve
from analytics.problems import CodedProblem
from analytics.schema import BLOCKS, infer_block
from analytics.store import Store
from analytics.store.registry import current_registry, write_registry
from analytics.text import fold, squash, unit_key

# The registry's columns, in the order of its file (and of the export, which imports again to the same registry).
REGISTRY_FIELDS = ("name", "block", "parent", "successor", "effective_date", "aliases")
MAX_NAME = 255  # a unit's name, as typed in the app
# What an edit did: the code of its note (and of its line in the import history, units.edit.<code>).
EDIT_CODES = ("unit_added", "units_added", "unit_renamed", "unit_merged", "unit_unmerged", "unit_block",
              "unit_alias")


class RegistryEditProblem(CodedProblem):
    """An edit the registry cannot take: nothing is written. Lineage problems are said with their own messages
    (lineage.*), which name the units."""

    catalogue = "units.problem"
    exit_code = 2

    def message(self, lang: str = "vi") -> str:
        params = dict(self.params)
        if "problems" in params:
            params["problems"] = "; ".join(t(f"lineage.{code}", lang, **said) for code, said in params["problems"])
        return t(f"{self.catalogue}.{self.code}", lang, **params)


@dataclass(frozen=True)
class Change:
    """A new registry (checked) and what made it: a code of EDIT_CODES with its parameters, the units added and
    changed."""

    units: list[RegistryUnit]
    code: str
    params: dict[str, str] = field(default_factory=dict)
    inserted: int = 0
    updated: int = 0

    def describe(self, lang: str = "vi") -> str:
        return _said(self.code, self.params, lang)


def _said(code: str, params: dict, lang: str) -> str:
    if code == "unit_block":  # the block is stored as its code, said in the reader's language
        params = params | {"block": t(f"block.{params.get('block')}", lang)}
    return t(f"units.edit.{code}", lang, **params)


def _checked(units: list[RegistryUnit], code: str, params: dict[str, str], before: list[RegistryUnit]) -> Change:
    """The change, once its lineage can be followed (else RegistryEditProblem naming the units)."""
    _, problems = resolve(units)
    if problems:
        raise RegistryEditProblem("lineage", problems=[(p.code, dict(p.params)) for p in problems])
    old = {u.row: u for u in before}
    inserted = sum(1 for u in units if u.row not in old)
    updated = sum(1 for u in units if u.row in old and old[u.row] != u)
    return Change(units, code, params, inserted, updated)


def _find(units: list[RegistryUnit], name: str) -> RegistryUnit:
    key = unit_key(name)
    found = next((u for u in units if u.key == key), None)
    if found is None:  # another administrator changed the registry since the page was drawn
        raise RegistryEditProblem("unknown_unit", unit=name)
    return found


def _spelling_owner(units: list[RegistryUnit], key: str) -> RegistryUnit | None:
    return next((u for u in units if key in {unit_key(a) for a in u.aliases}), None)


def _new_name(units: list[RegistryUnit], name: str, itself: RegistryUnit | None = None) -> str:
    """A name a unit may take: a unit's name, not that of another unit of the registry nor another's spelling."""
    text = squash(name)
    if not is_unit_name(text) or len(text) > MAX_NAME:
        raise RegistryEditProblem("not_a_name", name=text[:80])
    key = unit_key(text)
    others = [u for u in units if u is not itself]
    taken = next((u for u in others if u.key == key), None)
    if taken is not None:
        raise RegistryEditProblem("name_taken", name=text, unit=taken.name)
    owner = _spelling_owner(others, key)
    if owner is not None:
        raise RegistryEditProblem("spelling_of_other", name=text, unit=owner.name)
    return text


def _next_row(units: list[RegistryUnit]) -> int:
    """A new unit's row: after the last (row 1 being a file's header)."""
    return max((u.row for u in units), default=1) + 1


# --- the edits: each takes the registry in force and returns the Change -----------------------------------------

def added(units: list[RegistryUnit], name: str, block: str | None = None, parent: str | None = None) -> Change:
    """A new unit at the end of the registry; no block: inferred from its name, as a register's units are."""
    text = _new_name(units, name)
    if block is not None and block not in BLOCKS:
        raise ValueError(block)
    parent_name = _find(units, parent).name if parent else None
    unit = RegistryUnit(text, _next_row(units), block=block, parent=parent_name)
    return _checked([*units, unit], "unit_added", {"unit": text}, units)


def added_all(units: list[RegistryUnit], names: list[str]) -> Change:
    """Several new units at once (the register's names the registry lacks), in the order given."""
    now = list(units)
    for name in names:
        now.append(RegistryUnit(_new_name(now, name), _next_row(now)))
    if len(now) == len(units):
        raise RegistryEditProblem("nothing_to_add")
    return _checked(now, "units_added", {"count": str(len(now) - len(units))}, units)


def renamed(units: list[RegistryUnit], unit: str, name: str) -> Change:
    """The unit under a new name; its old name kept as another spelling; parents and successors follow."""
    old = _find(units, unit)
    text = _new_name(units, name, itself=old)
    if text == old.name:
        raise RegistryEditProblem("nothing_changed", unit=old.name)
    new_key = unit_key(text)
    aliases = [a for a in old.aliases if unit_key(a) != new_key]
    if new_key != old.key and old.key not in {unit_key(a) for a in aliases}:
        aliases.append(old.name)  # registers written with the old name still match

    def follow(reference: str | None) -> str | None:
        return text if reference and unit_key(reference) == old.key else reference

    def successor_of(unit: RegistryUnit) -> str | None:  # a split names several units ("Xã A; Xã B")
        return f"{SPLIT_SEPARATOR} ".join(follow(name) for name in unit.successors) or None

    now = [replace(u, name=text, aliases=tuple(aliases)) if u is old else u for u in units]
    now = [replace(u, successor=successor_of(u), parent=follow(u.parent)) for u in now]
    return _checked(now, "unit_renamed", {"unit": old.name, "name": text}, units)


def merged(units: list[RegistryUnit], unit: str, successor: str | None, effective: dt.date | None) -> Change:
    """The unit merged into `successor` from `effective` (None: its merger taken back)."""
    old = _find(units, unit)
    if successor is None:
        if old.successor is None:
            raise RegistryEditProblem("not_merged", unit=old.name)
        now = [replace(u, successor=None, effective=None) if u is old else u for u in units]
        return _checked(now, "unit_unmerged", {"unit": old.name}, units)
    target = _find(units, successor)
    if old.successor and unit_key(old.successor) == target.key and old.effective == effective:
        raise RegistryEditProblem("nothing_changed", unit=old.name)
    now = [replace(u, successor=target.name, effective=effective) if u is old else u for u in units]
    day = effective.strftime("%d/%m/%Y") if effective else ""
    return _checked(now, "unit_merged", {"unit": old.name, "successor": target.name, "date": day}, units)


def reblocked(units: list[RegistryUnit], unit: str, block: str) -> Change:
    """The unit in another block (khối)."""
    if block not in BLOCKS:
        raise ValueError(block)
    old = _find(units, unit)
    if old.block == block:
        raise RegistryEditProblem("nothing_changed", unit=old.name)
    now = [replace(u, block=block) if u is old else u for u in units]
    return _checked(now, "unit_block", {"unit": old.name, "block": block}, units)


def aliased(units: list[RegistryUnit], unit: str, alias: str) -> Change:
    """Another spelling of the unit: tasks recorded under it are the unit's."""
    old = _find(units, unit)
    text = squash(alias)
    if not is_unit_name(text) or len(text) > MAX_NAME:
        raise RegistryEditProblem("not_a_name", name=text[:80])
    key = unit_key(text)
    if key == old.key:
        raise RegistryEditProblem("spelling_is_name", name=text, unit=old.name)
    if key in {unit_key(a) for a in old.aliases}:
        raise RegistryEditProblem("nothing_changed", unit=old.name)
    other = next((u for u in units if u.key == key), None)
    if other is not None:
        raise RegistryEditProblem("spelling_is_unit", name=text, unit=other.name)
    owner = _spelling_owner(units, key)
    if owner is not None:
        raise RegistryEditProblem("spelling_of_other", name=text, unit=owner.name)
    now = [replace(u, aliases=(*u.aliases, text)) if u is old else u for u in units]
    return _checked(now, "unit_alias", {"unit": old.name, "name": text}, units)


# --- writing ------------------------------------------------------------------------------------------------------

def save(store: Store, access: Access, edit: Callable[[list[RegistryUnit]], Change], origin: str = "app",
         now: dt.datetime | None = None) -> tuple[int, Change]:
    """Apply `edit` to the registry in force and write the result as a registry batch; return its id and the change.
    The registry is read inside the write, so two administrators' edits follow each other. RegistryEditProblem:
    nothing is written."""
    access.require_change()
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with store.writing() as con:
        change = edit(current_registry(con))
        count = len(change.units)
        batch = {
            "kind": "registry", "file_name": change.describe("vi"), "file_sha256": "", "file_size": None,
            "stored_name": None, "file_kind": None, "encoding": None, "sheet": None, "header_row": None,
            "labels": None, "mapping": None, "snapshot_date": now.date(), "snapshot_source": "import_day",
            "imported_at": now, "origin": origin, "rows_read": count, "rows_loaded": count, "rows_rejected": 0,
            "rows_ignored": 0, "inserted": change.inserted, "updated": change.updated, "superseded": 0,
            "notes": json.dumps([[change.code, change.params]], ensure_ascii=False),
        }
        return write_registry(con, batch, change.units, [], []), change


def in_force(store: Store) -> dict | None:
    """The batch of the registry in force (the latest registry batch not undone), None when there is none."""
    return next((b for b in store.batches() if b["kind"] == "registry" and b["undone_at"] is None), None)


def edit_label(batch: dict, lang: str = "vi") -> str | None:
    """What an edit made in the app did, in `lang`, for the import history; None for any other batch (its file
    name says what it was)."""
    if batch.get("kind") != "registry" or not batch.get("notes"):
        return None
    try:
        (code, params), *_ = json.loads(batch["notes"])
    except (ValueError, TypeError):
        return None
    return _said(code, params, lang) if code in EDIT_CODES else None


# --- the registry as a table and a workbook -------------------------------------------------------------------------

def registry_table(units: list[RegistryUnit], lang: str = "vi") -> tuple[list[str], list[list[object]]]:
    """The registry's header and rows as its file has them (dates as dates, blocks in words)."""
    header = [t(f"registry.{name}", lang) for name in REGISTRY_FIELDS]
    rows = [[u.name, t(f"block.{u.block}", lang) if u.block else None, u.parent, u.successor, u.effective,
             "; ".join(u.aliases)] for u in units]
    return header, rows


def registry_shown(units: list[RegistryUnit], lang: str = "vi") -> tuple[list[str], list[list[str]]]:
    """The registry as the page shows it: every cell text, dates dd/mm/yyyy, and a unit without a block of its own
    with the block its name gives it, said as such."""
    header, rows = registry_table(units, lang)
    return header, [[name, block or t("units.block_guessed", lang, block=t(f"block.{infer_block(name)}", lang)),
                     parent or "", successor or "", fmt_date(day), aliases]
                    for name, block, parent, successor, day, aliases in rows]


def registry_xlsx(units: list[RegistryUnit], lang: str = "vi") -> bytes:
    """The registry as a workbook that imports again to the same registry (every text a string, never a formula)."""
    return table_xlsx(*registry_table(units, lang), sheet=t("registry.sheet", lang))


# --- the names the registry does not account for ------------------------------------------------------------------

@dataclass(frozen=True)
class Unmatched:
    """A unit tasks are recorded under that the registry names under no spelling, and the registry unit it most
    likely is (None when none is close)."""

    key: str
    name: str
    tasks: int
    likely: str | None


_PREFIX = re.compile(r"^(ubnd |uy ban nhan dan )?(phuong|xa|thi tran|dac khu|p|x|tt) ")


def _bare(name: str) -> str:
    """A name folded, without its ward or commune prefix ("P Tran Phu" and "Phường Trần Phú" meet)."""
    return _PREFIX.sub("", fold(name))


def likely_unit(name: str, units: list[RegistryUnit]) -> str | None:
    """The registry unit `name` most likely is, proposed to the administrator before they choose: the one whose name
    is the same without accents and ward or commune prefix ("Phuong Tran Phu", "P. Trần Phú"), else the one whose
    words begin the other's ("P. Cẩm Thành cũ"); none when that is not one unit. Never a near spelling: "Nghĩa
    Dõng" and "Nghĩa Dũng" are two communes (docs/design.md §3)."""
    bare = _bare(name)
    same = [u.name for u in units if _bare(u.name) == bare]
    if same:
        return same[0] if len(same) == 1 else None
    near = [u.name for u in units if bare.startswith(_bare(u.name) + " ") or _bare(u.name).startswith(bare + " ")]
    return near[0] if len(near) == 1 else None


def unmatched(store: Store) -> list[Unmatched]:
    """Units tasks are recorded under that are neither a registry unit nor another spelling of one, most tasks
    first."""
    units = store.registry()
    return [Unmatched(key, name, tasks, likely_unit(name, units)) for key, name, tasks in store.unmatched_units()]
