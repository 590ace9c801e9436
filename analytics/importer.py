"""One import, start to finish: read the file, find the table, decide every row, store the batch, and report
what happened to every row (docs/design.md §5). The import page and the command line both call this.

There is one route for every file: its first rows find the table (readers.read_head, layout), the rows under
the header go into the database as one raw table (ingest.raw), the rules are applied to that table a column at a
time in SQL (ingest.table for a register, ingest.events for a history), and the batch is written from there in
one transaction (store.batches). The import page's preview runs the same rules on the first rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics import settings
from analytics.i18n import t
from analytics.ingest import raw, table
from analytics.ingest.errors import FileProblem, RegistryProblem
from analytics.ingest.events import (
    LOADED_EVENTS,
    DecidedEvents,
    EventLayout,
    decide_events,
    detect_event_layout,
    names_known_actions,
)
from analytics.ingest.layout import Layout, detect_layout
from analytics.ingest.readers import read_head
from analytics.ingest.registry import DecidedRegistry, RegistryLayout, decide_registry, detect_registry_layout
from analytics.ingest.rows import Ignored, Reject
from analytics.ingest.source import Source
from analytics.ingest.table import Decided
from analytics.lineage import resolve
from analytics.schema import ORDINAL_HEADERS
from analytics.store import BatchSummary, Store, transaction
from analytics.store.batches import EventWriter, known_units, write_tasks
from analytics.store.connections import scratch
from analytics.store.registry import registry_aliases, write_registry
from analytics.text import fold, has_diacritics

# The rows under the header the import page shows as the import will treat them.
PREVIEW_ROWS = 60


@dataclass
class ImportReport:
    """What happened to one file. rows_read = rows_loaded + rows_rejected, always."""

    file: str
    batch_id: int | None
    sheet: str
    header_row: int
    labels: list[str]  # the file's header, column by column
    mapping: dict[str, str]  # the file's header -> canonical column
    snapshot_date: dt.date
    snapshot_source: str  # "file" (title block), "given" (user or --snapshot-date), "import_day", "events"
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rejects: list[Reject]
    ignored: list[Ignored]
    blank_rows: int
    inserted: int = 0
    updated: int = 0
    superseded: int = 0
    notes: list[tuple[str, dict]] = field(default_factory=list)
    kind: str = "tasks"  # "tasks" (a register), "events" (an event history) or "registry" (a unit registry)
    route: str = ""  # how the rows reached the database (ingest.raw.Raw.route)

    def reject_reasons(self, lang: str = "vi") -> list[dict]:
        """Each rejected row and why; with its sheet when the register was read over several."""
        return [{"row": r.row, **({"sheet": r.sheet} if r.sheet else {}), "reason": problems_text(r.problems, lang)}
                for r in self.rejects]

    def to_json(self, lang: str = "vi") -> dict:
        return {
            "file": self.file,
            "kind": self.kind,
            "batch_id": self.batch_id,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "snapshot_date": self.snapshot_date.isoformat(),
            "snapshot_source": self.snapshot_source,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "rows_ignored": len(self.ignored),
            "inserted": self.inserted,
            "updated": self.updated,
            "superseded": self.superseded,
            "mapping": self.mapping,
            "rejects": self.reject_reasons(lang),
            "ignored": [{"row": i.row, **({"sheet": i.sheet} if i.sheet else {}),
                         "reason": t(f"ignored.{i.code}", lang), "text": i.text} for i in self.ignored],
            "notes": [t(f"note.{code}", lang, **params) for code, params in self.notes],
        }


def problems_text(problems, lang: str = "vi") -> str:
    return "; ".join(t(f"problem.{p.code}", lang, **p.params) for p in problems)


# --- what the file holds ---------------------------------------------------------------------------------------

def detect_table(source: Source) -> Layout | EventLayout | RegistryLayout:
    """What the file holds: a register's table, an event history's or a unit registry's. A register names a unit
    and a deadline; a history names a task, a date and an action; a registry names a unit and what only a
    registry says of it (its block, parent, successor, effective date, other names). FileProblem when no table
    is found."""
    try:
        register: Layout | None = detect_layout(source)
    except FileProblem:
        register = None
    if register is not None and not register.missing_required():
        return register
    history = _history_layout(source)
    if history is not None:
        return history
    registry = detect_registry_layout(source)
    if registry is not None:
        return registry
    if register is None:
        raise FileProblem("no_header")
    return register  # a register missing a required column: check_layout says which


def _history_layout(source: Source) -> EventLayout | None:
    """The event table of a file, if most of its first rows name an action we know.

    A register that lacks its deadline column can still have an ID, a date and a "Nội dung" column: it is
    then reported as a register with a missing column, not read as a history of unknown actions.
    """
    layout = detect_event_layout(source)
    if layout is None:
        return None
    return layout if names_known_actions(source, layout) else None


def check_layout(layout: Layout) -> None:
    """A table without a unit or a deadline column is not a task register."""
    missing = layout.missing_required()
    if missing:
        raise FileProblem("missing_columns", columns=missing)


def preview(source: Source, layout: Layout | EventLayout | RegistryLayout,
            rows: int = PREVIEW_ROWS) -> Decided | DecidedEvents | DecidedRegistry:
    """The first `rows` rows under the header as the import will treat them, decided by the same rules on a
    database of their own (nothing is stored); the loaded rows' numbers are in `loaded_rows`."""
    con = scratch()
    try:
        if isinstance(layout, Layout) and layout.parts:  # the first rows of every sheet read
            got = raw.from_parts(con, _parts(source, layout, rows), len(layout.labels), _unit_col(layout))
            return table.decide(con, layout, got.rows, with_row_numbers=True)
        sheet = source.sheet(layout.sheet)
        head = sheet.rows[layout.first_data_row - 1: layout.first_data_row - 1 + rows]
        got = raw.from_rows(con, head, len(layout.labels))
        if isinstance(layout, EventLayout):
            return decide_events(con, layout, got.rows, with_row_numbers=True)
        if isinstance(layout, RegistryLayout):
            return decide_registry(con, layout, got.rows)
        return table.decide(con, layout, got.rows, with_row_numbers=True)
    finally:
        con.close()


# --- one import ------------------------------------------------------------------------------------------------

def import_file(
    store: Store,
    data: bytes | Path,
    file_name: str,
    *,
    snapshot_date: dt.date | None = None,
    layout: Layout | EventLayout | RegistryLayout | None = None,
    source: Source | None = None,
    origin: str = "command line",
    today: dt.date | None = None,
) -> ImportReport:
    """Import one file into the store: a register, an event history or a unit registry (then as import_registry
    does). Raises FileProblem when it is none of them, RegistryProblem when a registry's mergers cannot be followed.

    `data` is the file's content, or its path (the command line: a large file is then never held in memory
    whole). `source` is the file as readers.read_head read it, when the caller has it already (the import
    page, for its preview); `layout`, the table in it as the user confirmed it.
    """
    today = today or dt.date.today()
    source = source or read_head(data, file_name)
    if layout is None:
        layout = detect_table(source)
    if isinstance(layout, Layout):
        check_layout(layout)
    batch, stored_name = _new_batch(store, data, file_name, source, layout, origin)
    with store.locked() as con:  # this process's other writers wait: the raw table is read, then written
        got = _raw_rows(con, store, source, layout, data, stored_name)
        if isinstance(layout, EventLayout):
            return _import_events(con, layout, got, batch, file_name, today)
        if isinstance(layout, RegistryLayout):
            return _import_registry(con, layout, got, batch, file_name, today)
        return _import_tasks(con, layout, got, batch, file_name, source, snapshot_date, today)


def import_registry(store: Store, data: bytes | Path, file_name: str, *, origin: str = "command line",
                    today: dt.date | None = None) -> ImportReport:
    """Import a unit registry (docs/design.md §3.1): it is put in force, with its lineage, as a batch that can be
    undone. FileProblem when the file holds no registry; RegistryProblem, naming the rows, when its mergers cannot be
    followed (a successor that is not a unit, a cycle, a merger without its day): then nothing is stored."""
    source = read_head(data, file_name)
    layout = detect_registry_layout(source)
    if layout is None:
        raise FileProblem("no_registry_header")
    return import_file(store, data, file_name, layout=layout, source=source, origin=origin, today=today)


def _import_registry(con: duckdb.DuckDBPyConnection, layout: RegistryLayout, got: raw.Raw, batch: dict,
                     file_name: str, today: dt.date) -> ImportReport:
    decided = decide_registry(con, layout, got.rows, got.trailing_blank)
    _, problems = resolve(decided.units)
    if problems:
        raise RegistryProblem(problems)
    notes: list[tuple[str, dict]] = [("registry", {"count": len(decided.units)})]
    batch = batch | {"snapshot_date": today, "snapshot_source": "import_day", "rows_read": decided.rows_read,
                     "rows_loaded": len(decided.units), "rows_rejected": len(decided.rejects),
                     "rows_ignored": len(decided.ignored), "inserted": len(decided.units), "updated": 0,
                     "superseded": 0, "notes": json.dumps(notes, ensure_ascii=False)}
    with transaction(con):
        batch_id = write_registry(con, batch, decided.units, _reject_rows(decided.rejects),
                                  _ignored_rows(decided.ignored))
    return ImportReport(
        file=file_name, batch_id=batch_id, sheet=layout.sheet, header_row=layout.header_row,
        labels=list(layout.labels), mapping=_mapping(layout), snapshot_date=today, snapshot_source="import_day",
        rows_read=decided.rows_read, rows_loaded=len(decided.units), rows_rejected=len(decided.rejects),
        rejects=decided.rejects, ignored=decided.ignored, blank_rows=decided.blank_rows, inserted=len(decided.units),
        notes=notes, kind="registry", route=got.route,
    )


def _new_batch(store: Store, data: bytes | Path, file_name: str, source: Source,
               layout: Layout | EventLayout | RegistryLayout, origin: str) -> tuple[dict, str]:
    """What every import records of its file (its original kept beside the database), and the kept file's name."""
    digest, stored_name = store.keep_original(data, file_name)
    return {
        "file_name": file_name, "file_sha256": digest, "file_size": _size(data), "stored_name": stored_name,
        "file_kind": source.kind, "encoding": source.encoding, "sheet": layout.sheet,
        "header_row": layout.header_row, "labels": json.dumps(list(layout.labels), ensure_ascii=False),
        "mapping": json.dumps(_mapping(layout), ensure_ascii=False),
        "imported_at": dt.datetime.now().replace(microsecond=0), "origin": origin,
    }, stored_name


def _raw_rows(con: duckdb.DuckDBPyConnection, store: Store, source: Source,
              layout: Layout | EventLayout | RegistryLayout,
              data: bytes | Path, stored_name: str) -> raw.Raw:
    """The rows under the header into the database: a large text file read by DuckDB from the kept original; a
    workbook's sheet, or a text file small enough to have been read whole with its first rows, from its cells."""
    width = len(layout.labels)
    if isinstance(layout, Layout) and layout.parts:
        return raw.from_parts(con, _parts(source, layout), width, _unit_col(layout))
    if not source.whole:
        return raw.from_text_file(con, data, store.original_path(stored_name), encoding=source.encoding,
                                  delimiter=source.delimiter, skip=layout.first_data_row - 1, width=width,
                                  work_dir=store.temp_dir)
    rows = source.sheet(layout.sheet).rows
    return raw.from_rows(con, rows[layout.first_data_row - 1:], width, "records" if source.delimiter else "sheet")


def _parts(source: Source, layout: Layout, rows: int | None = None) -> list[tuple[list[list[object]], int, str | None]]:
    """The rows under the header of every sheet the layout reads (the first `rows` of each), each with the row
    number of the first and the sheet's unit."""
    found = []
    for part in layout.sheet_parts():
        under = source.sheet(part.sheet).rows[part.first_data_row - 1:]
        found.append((under if rows is None else under[:rows], part.first_data_row, part.unit))
    return found


def _unit_col(layout: Layout) -> int | None:
    return layout.column_of("unit") if layout.unit_of_sheet else None


def _import_tasks(con: duckdb.DuckDBPyConnection, layout: Layout, got: raw.Raw, batch: dict, file_name: str,
                  source: Source, given: dt.date | None, today: dt.date) -> ImportReport:
    decided = table.decide(con, layout, got.rows, got.trailing_blank)
    snapshot, snapshot_source = _snapshot(layout, given, today)
    notes = _notes(con, layout, source, decided, snapshot, snapshot_source)
    batch = batch | {"kind": "tasks", "snapshot_date": snapshot, "snapshot_source": snapshot_source,
                     **_counts(decided, notes)}
    with transaction(con):
        summary = write_tasks(con, batch=batch, rejects=_reject_rows(decided.rejects),
                              ignored=_ignored_rows(decided.ignored), unit_names=decided.unit_names)
    if summary.superseded:
        notes.append(("superseded", {"count": summary.superseded}))
    return _report(file_name, layout, snapshot, snapshot_source, decided, summary, notes, "tasks", got.route)


def _import_events(con: duckdb.DuckDBPyConnection, layout: EventLayout, got: raw.Raw, batch: dict, file_name: str,
                   today: dt.date) -> ImportReport:
    decided = decide_events(con, layout, got.rows, got.trailing_blank)
    snapshot = layout.snapshot_date or decided.last_day or today
    snapshot_source = "file" if layout.snapshot_date else "events"
    with transaction(con):
        writer = EventWriter(con)
        writer.add_from(LOADED_EVENTS)
        notes: list[tuple[str, dict]] = [("history", {"count": decided.rows_loaded})]
        unknown = writer.unknown_tasks()
        if unknown:
            notes.append(("history_unknown_tasks", {"count": unknown}))
        batch = batch | {"kind": "events", "snapshot_date": snapshot, "snapshot_source": snapshot_source,
                         **_counts(decided, notes)}
        batch_id = writer.save(batch, _reject_rows(decided.rejects), _ignored_rows(decided.ignored))
    summary = BatchSummary(batch_id, decided.rows_loaded, 0, 0)
    return _report(file_name, layout, snapshot, snapshot_source, decided, summary, notes, "events", got.route)


def _snapshot(layout: Layout, given: dt.date | None, today: dt.date) -> tuple[dt.date, str]:
    if given is not None:
        return given, "given"
    if layout.snapshot_date is not None:
        return layout.snapshot_date, "file"
    return today, "import_day"


def match_plain_names(known: dict[str, str],
                      incoming: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, dict]]]:
    """A unit typed without diacritics ("Phuong Tran Phu") joins the one unit it can only mean.

    Only when exactly one known or incoming unit with diacritics folds to the same letters; the match is
    reported, never silent. Returns the keys to change (old -> new) and the notes; `incoming` (key -> name)
    loses the keys that were matched away.
    """
    candidates: dict[str, set[str]] = {}
    for key, name in list(known.items()) + list(incoming.items()):
        if has_diacritics(name):
            candidates.setdefault(fold(name), set()).add(key)
    remap: dict[str, str] = {}
    notes = []
    for key, name in incoming.items():
        if has_diacritics(name) or key in known:
            continue
        matches = candidates.get(fold(name), set()) - {key}
        if len(matches) == 1:
            target = matches.pop()
            remap[key] = target
            notes.append(("unit_matched", {"name": name, "target": known.get(target) or incoming[target]}))
    for key in remap:
        del incoming[key]
    return remap, notes


def _notes(con: duckdb.DuckDBPyConnection, layout: Layout, source: Source, decided: Decided, snapshot: dt.date,
           snapshot_source: str) -> list[tuple[str, dict]]:
    """What the import report says besides the rows: where the snapshot date came from, sheets and columns
    left out, units matched, ids made up, completions after the snapshot. Applies the unit matches."""
    notes: list[tuple[str, dict]] = [(f"snapshot_{snapshot_source}", {"date": snapshot.strftime("%d/%m/%Y")})]
    read = {part.sheet for part in layout.sheet_parts()}
    notes += sheet_notes(layout)
    other_sheets = [s.name for s in source.sheets
                    if s.name not in read and s.name not in layout.summary_sheets and not s.hidden and len(s.rows) > 1]
    if other_sheets:
        notes.append(("other_sheets", {"sheets": ", ".join(other_sheets)}))
    if layout.ignored_columns:
        labels = ", ".join(layout.labels[i] for i in layout.ignored_columns)
        notes.append(("ignored_columns", {"columns": labels}))
    unmapped = [
        label for i, label in enumerate(layout.labels)
        if label and i not in layout.mapping and i not in layout.ignored_columns and fold(label) not in ORDINAL_HEADERS
    ]
    if unmapped:
        notes.append(("unmapped_columns", {"columns": ", ".join(unmapped)}))
    # Other spellings the unit registry gives ("P Trần Phú") are its unit (docs/design.md §3.1), said in the report.
    known = known_units(con)
    aliased = registry_aliases(con, list(decided.unit_names))
    if aliased:
        table.remap_units(con, aliased)
        for key, target in aliased.items():
            notes.append(("unit_alias", {"name": decided.unit_names.pop(key), "target": known.get(target, target)}))
    matched, unit_notes = match_plain_names(known, decided.unit_names)
    if matched:
        table.remap_units(con, matched)
    notes += unit_notes
    if decided.derived_ids:
        notes.append(("derived_ids", {"count": decided.derived_ids}))
    after = table.completed_after(con, snapshot)
    if after:
        notes.append(("completed_after_snapshot", {"count": after, "date": snapshot.strftime("%d/%m/%Y")}))
    return notes


def sheet_notes(layout: Layout) -> list[tuple[str, dict]]:
    """What the report says of a register read over several sheets: which, each sheet's unit and where it was
    found, the summary sheets left out."""
    notes: list[tuple[str, dict]] = []
    if len(layout.parts) > 1:
        notes.append(("sheets_together", {"count": len(layout.parts),
                                          "sheets": ", ".join(part.sheet for part in layout.parts)}))
    for part in layout.parts:
        if part.unit:
            notes.append((f"unit_from_{part.unit_from}", {"sheet": part.sheet, "unit": part.unit}))
    if layout.summary_sheets:
        notes.append(("summary_sheets", {"sheets": ", ".join(layout.summary_sheets)}))
    return notes


def _counts(decided: Decided | DecidedEvents, notes: list[tuple[str, dict]]) -> dict:
    return {"rows_read": decided.rows_read, "rows_loaded": decided.rows_loaded,
            "rows_rejected": len(decided.rejects), "rows_ignored": len(decided.ignored),
            "notes": json.dumps(notes, ensure_ascii=False)}


def _report(file_name: str, layout: Layout | EventLayout, snapshot: dt.date, snapshot_source: str,
            decided: Decided | DecidedEvents, summary: BatchSummary, notes: list[tuple[str, dict]], kind: str,
            route: str) -> ImportReport:
    return ImportReport(
        file=file_name, batch_id=summary.batch_id, sheet=layout.sheet, header_row=layout.header_row,
        labels=list(layout.labels), mapping=_mapping(layout), snapshot_date=snapshot,
        snapshot_source=snapshot_source, rows_read=decided.rows_read, rows_loaded=decided.rows_loaded,
        rows_rejected=len(decided.rejects), rejects=decided.rejects, ignored=decided.ignored,
        blank_rows=decided.blank_rows, inserted=summary.inserted, updated=summary.updated,
        superseded=summary.superseded, notes=notes, kind=kind, route=route,
    )


def _size(data: bytes | Path) -> int:
    return data.stat().st_size if isinstance(data, Path) else len(data)


def _mapping(layout: Layout | EventLayout | RegistryLayout) -> dict[str, str]:
    return {layout.labels[i] or f"#{i + 1}": name for i, name in layout.mapping.items()}


def _reject_rows(rejects: list[Reject]) -> list[tuple[int, str, str, str | None]]:
    return [
        (
            r.row,
            json.dumps([{"code": p.code, "params": p.params} for p in r.problems], ensure_ascii=False),
            json.dumps(r.values, ensure_ascii=False),
            r.sheet,
        )
        for r in rejects
    ]


def _ignored_rows(ignored: list[Ignored]) -> list[tuple[int, str, str, str | None]]:
    return [(i.row, i.code, i.text, i.sheet) for i in ignored]


def load_sample(store: Store, register: str = "2023") -> list[ImportReport]:
    """Import a bundled synthetic register, each file a batch that can be undone: "2023" (Quảng Ngãi city, snapshot
    25/10/2023) and its event history, or "2026" (the register continued across the 1/7/2025 merger of wards and
    communes, snapshot 30/11/2026) after its unit registry, so that the registry's other spellings apply to it."""
    if register == "2026":
        registry, tasks = settings.SAMPLE_2026_REGISTRY, settings.SAMPLE_2026_FILE
        return [import_registry(store, registry.read_bytes(), registry.name, origin="sample"),
                import_file(store, tasks.read_bytes(), tasks.name, origin="sample")]
    if register != "2023":
        raise ValueError(f"no sample register {register!r}")
    reports = [import_file(store, settings.SAMPLE_FILE.read_bytes(), settings.SAMPLE_FILE.name, origin="sample")]
    if settings.SAMPLE_HISTORY.exists():
        reports.append(import_file(store, settings.SAMPLE_HISTORY.read_bytes(), settings.SAMPLE_HISTORY.name,
                                   origin="sample"))
    return reports
