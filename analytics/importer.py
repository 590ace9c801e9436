"""One import, start to finish: read the file, find the table, validate every row, store the batch,
and report what happened to every row. The import page and the command line both call this."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from analytics import settings
from analytics.i18n import t
from analytics.ingest import bulk
from analytics.ingest.errors import FileProblem
from analytics.ingest.events import EventLayout, EventParser, detect_event_layout, parse_events
from analytics.ingest.layout import Layout, detect_layout
from analytics.ingest.readers import Sheet, Source, read_source
from analytics.ingest.rows import Ignored, Reject, first_unit_names, parse_table
from analytics.schema import ORDINAL_HEADERS
from analytics.store import BatchSummary, Store, transaction
from analytics.store.batches import EventWriter, known_units, write_tasks
from analytics.store.tables import TASK_COLUMNS
from analytics.text import fold, has_diacritics


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
    snapshot_source: str  # "file" (title block), "given" (user or --snapshot-date), "import_day"
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
    kind: str = "tasks"  # "tasks" (a register) or "events" (an event history)

    def reject_reasons(self, lang: str = "vi") -> list[dict]:
        return [{"row": r.row, "reason": problems_text(r.problems, lang)} for r in self.rejects]

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
            "ignored": [{"row": i.row, "reason": t(f"ignored.{i.code}", lang), "text": i.text} for i in self.ignored],
            "notes": [t(f"note.{code}", lang, **params) for code, params in self.notes],
        }


def problems_text(problems, lang: str = "vi") -> str:
    return "; ".join(t(f"problem.{p.code}", lang, **p.params) for p in problems)


def analyse(data: bytes, file_name: str, sheet: str | None = None, header_row: int | None = None):
    """Read a file and find its table, without storing anything (the import page's preview)."""
    source = read_source(data, file_name)
    return source, detect_layout(source, sheet=sheet, header_row=header_row)


def detect_table(source: Source) -> Layout | EventLayout:
    """What the file holds: a register's table, or an event history's when it is one. A register names a unit
    and a deadline; a history names a task, a date and an action. FileProblem when no table is found."""
    try:
        register: Layout | None = detect_layout(source)
    except FileProblem:
        register = None
    if register is not None and not register.missing_required():
        return register
    history = _history_layout(source)
    if history is not None:
        return history
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
    sheet = source.sheet(layout.sheet)
    head = Source(source.file_name, source.kind, [Sheet(sheet.name, sheet.rows[: layout.first_data_row + 50])])
    parsed = parse_events(head, layout)
    unknown = sum(1 for r in parsed.rejects if any(p.code == "unknown_action" for p in r.problems))
    return layout if parsed.rows_read and unknown * 2 < parsed.rows_read else None


def check_layout(layout: Layout) -> None:
    """A table without a unit or a deadline column is not a task register."""
    missing = layout.missing_required()
    if missing:
        raise FileProblem("missing_columns", columns=missing)


def _snapshot(layout: Layout, given: dt.date | None, today: dt.date) -> tuple[dt.date, str]:
    if given is not None:
        return given, "given"
    if layout.snapshot_date is not None:
        return layout.snapshot_date, "file"
    return today, "import_day"


def _match_plain_names(known: dict[str, str],
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


@dataclass
class _Rows:
    """What either route made of a register's rows, before they are written."""

    rows_loaded: int
    rejects: list[Reject]
    ignored: list[Ignored]
    blank_rows: int
    derived_ids: int
    unit_names: dict[str, str]

    @property
    def rows_read(self) -> int:
        return self.rows_loaded + len(self.rejects)


def import_file(
    store: Store,
    data: bytes | Path,
    file_name: str,
    *,
    snapshot_date: dt.date | None = None,
    layout: Layout | None = None,
    source: Source | None = None,
    origin: str = "command line",
    today: dt.date | None = None,
) -> ImportReport:
    """Import one file into the store. Raises FileProblem when it is not a task table.

    `data` is the file's content, or its path (the command line: a large file is then never held in memory
    whole). `source` is the file already read from `data` (the import page read it for its preview). A large
    UTF-8 text export goes the bulk route (ingest.bulk: same rules, read by DuckDB); anything else, or a file
    that route cannot read line for line, is read whole here.
    """
    today = today or dt.date.today()
    text = bulk.plan(data, file_name)

    def whole() -> Source:  # the ordinary reader's view of the whole file
        nonlocal source
        if source is None:
            source = read_source(_content(data), file_name)
        return source

    if layout is None:
        layout = detect_table(text.head if text and source is None else whole())
    if isinstance(layout, EventLayout):
        if text is not None and source is None:  # a large text export: read a piece at a time, never whole
            rows = bulk.text_rows(data, text)
            return import_events(store, data, file_name, rows, layout, kind=text.head.kind,
                                 encoding=text.head.encoding, origin=origin, today=today)
        whole_source = whole()
        return import_events(store, data, file_name, whole_source.sheet(layout.sheet).rows, layout,
                             kind=whole_source.kind, encoding=whole_source.encoding, origin=origin, today=today)
    check_layout(layout)
    snapshot, snapshot_source = _snapshot(layout, snapshot_date, today)
    digest, stored_name = store.keep_original(data, file_name)
    batch = {
        "kind": "tasks", "file_name": file_name, "file_sha256": digest, "file_size": _size(data),
        "stored_name": stored_name, "sheet": layout.sheet, "header_row": layout.header_row,
        "labels": json.dumps(list(layout.labels), ensure_ascii=False), "mapping": json.dumps(_mapping(layout),
                                                                                            ensure_ascii=False),
        "snapshot_date": snapshot, "snapshot_source": snapshot_source,
        "imported_at": dt.datetime.now().replace(microsecond=0), "origin": origin,
    }
    if text is not None:
        try:
            # Staged outside the transaction: rows appended inside one have no file-order row ids yet.
            with store.locked() as con:
                staged = bulk.stage(con, store.original_path(stored_name), text, layout)
                rows = _Rows(staged.rows_loaded, staged.rejects, staged.ignored, staged.blank_rows,
                             staged.derived_ids, staged.unit_names)
                notes = _notes(layout, text.head, rows, known_units(con), snapshot, snapshot_source,
                               remap=lambda remap: bulk.remap_units(con, remap),
                               completed_after=lambda: bulk.completed_after(con, snapshot))
                batch |= {"file_kind": text.head.kind, "encoding": text.head.encoding}
                with transaction(con):
                    summary = write_tasks(con, batch=_with_counts(batch, rows, notes),
                                             rejects=_reject_rows(rows.rejects),
                                             ignored=[(i.row, i.code, i.text) for i in rows.ignored],
                                             unit_names=rows.unit_names)
            return _report(file_name, layout, snapshot, snapshot_source, rows, summary, notes)
        except bulk.NotBulk:
            pass  # read whole below, exactly as a smaller file is
    source = whole()
    parsed = parse_table(source, layout)
    rows = _Rows(parsed.rows_loaded, parsed.rejects, parsed.ignored, parsed.blank_rows, parsed.derived_ids,
                 first_unit_names(parsed.records["unit_key"], parsed.records["unit"]))

    def remap(keys: dict[str, str]) -> None:
        parsed.records["unit_key"] = [keys.get(k, k) for k in parsed.records["unit_key"]]

    def completed_after() -> int:
        return sum(1 for d in parsed.records["completed_date"] if d is not None and d > snapshot)

    notes = _notes(layout, source, rows, store.unit_keys(), snapshot, snapshot_source, remap, completed_after)
    batch |= {"file_kind": source.kind, "encoding": source.encoding}
    incoming = pa.table({
        "source_row": pa.array(parsed.records["row"], pa.int32()),
        **{name: pa.array(parsed.records[name], _ARROW_TYPES.get(name, pa.string())) for name in TASK_COLUMNS},
    })
    with store.writing() as con:
        con.register("incoming", incoming)
        summary = write_tasks(con, batch=_with_counts(batch, rows, notes), rejects=_reject_rows(rows.rejects),
                              ignored=[(i.row, i.code, i.text) for i in rows.ignored], unit_names=rows.unit_names)
        con.unregister("incoming")
    return _report(file_name, layout, snapshot, snapshot_source, rows, summary, notes)


_ARROW_TYPES = {"assigned_date": pa.date32(), "due_date": pa.date32(), "extended_due_date": pa.date32(),
                "completed_date": pa.date32(), "transfers": pa.int32()}


def _content(data: bytes | Path) -> bytes:
    return data.read_bytes() if isinstance(data, Path) else data


def _size(data: bytes | Path) -> int:
    return data.stat().st_size if isinstance(data, Path) else len(data)


def _mapping(layout: Layout) -> dict[str, str]:
    return {layout.labels[i] or f"#{i + 1}": name for i, name in layout.mapping.items()}


def _notes(layout: Layout, source: Source, rows: _Rows, known_units: dict[str, str], snapshot: dt.date,
           snapshot_source: str, remap, completed_after) -> list[tuple[str, dict]]:
    """What the import report says besides the rows: where the snapshot date came from, sheets and columns
    left out, units matched, ids made up, completions after the snapshot. Applies the unit matches (`remap`)."""
    notes: list[tuple[str, dict]] = [(f"snapshot_{snapshot_source}", {"date": snapshot.strftime("%d/%m/%Y")})]
    other_sheets = [s.name for s in source.sheets if s.name != layout.sheet and not s.hidden and len(s.rows) > 1]
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
    matched, unit_notes = _match_plain_names(known_units, rows.unit_names)
    if matched:
        remap(matched)
    notes += unit_notes
    if rows.derived_ids:
        notes.append(("derived_ids", {"count": rows.derived_ids}))
    after = completed_after()
    if after:
        notes.append(("completed_after_snapshot", {"count": after, "date": snapshot.strftime("%d/%m/%Y")}))
    return notes


def _with_counts(batch: dict, rows: _Rows, notes: list[tuple[str, dict]]) -> dict:
    return batch | {"rows_read": rows.rows_read, "rows_loaded": rows.rows_loaded,
                    "rows_rejected": len(rows.rejects), "rows_ignored": len(rows.ignored),
                    "notes": json.dumps(notes, ensure_ascii=False)}


def _report(file_name: str, layout: Layout, snapshot: dt.date, snapshot_source: str, rows: _Rows,
            summary: BatchSummary, notes: list[tuple[str, dict]]) -> ImportReport:
    if summary.superseded:
        notes.append(("superseded", {"count": summary.superseded}))
    return ImportReport(
        file=file_name, batch_id=summary.batch_id, sheet=layout.sheet, header_row=layout.header_row,
        labels=list(layout.labels), mapping=_mapping(layout), snapshot_date=snapshot,
        snapshot_source=snapshot_source, rows_read=rows.rows_read, rows_loaded=rows.rows_loaded,
        rows_rejected=len(rows.rejects), rejects=rows.rejects, ignored=rows.ignored, blank_rows=rows.blank_rows,
        inserted=summary.inserted, updated=summary.updated, superseded=summary.superseded, notes=notes,
    )


# Loaded events go to the database this many at a time: a history's memory does not grow with its length.
EVENT_PIECE = 50_000


def import_events(store: Store, data: bytes | Path, file_name: str, rows: Iterable[list[object]],
                  layout: EventLayout, *, kind: str, encoding: str | None, origin: str = "command line",
                  today: dt.date | None = None) -> ImportReport:
    """Import an event history: every row loaded or rejected with reasons, the original kept, one batch.

    `rows` are the rows of the history's sheet from the first (row i is the file's row i + 1), as a list or as
    they are read: they are decided one at a time and stored in pieces, all in one transaction.
    """
    parser = EventParser(layout)
    digest, stored_name = store.keep_original(data, file_name)
    with store.writing() as con:
        writer = EventWriter(con)
        for index, raw in enumerate(rows):
            if index < layout.first_data_row - 1:
                continue
            parser.add(index, raw)
            if len(parser.records["row"]) >= EVENT_PIECE:
                writer.add(parser.take())
        writer.add(parser.take())
        snapshot = layout.snapshot_date or parser.last_day or (today or dt.date.today())
        notes: list[tuple[str, dict]] = [("history", {"count": parser.loaded})]
        unknown = writer.unknown_tasks()
        if unknown:
            notes.append(("history_unknown_tasks", {"count": unknown}))
        mapping = {layout.labels[i] or f"#{i + 1}": name for i, name in layout.mapping.items()}
        rows_read = parser.loaded + len(parser.rejects)
        batch = {
            "kind": "events", "file_name": file_name, "file_sha256": digest, "file_size": _size(data),
            "stored_name": stored_name, "file_kind": kind, "encoding": encoding, "sheet": layout.sheet,
            "header_row": layout.header_row, "labels": json.dumps(list(layout.labels), ensure_ascii=False),
            "mapping": json.dumps(mapping, ensure_ascii=False), "snapshot_date": snapshot,
            "snapshot_source": "file" if layout.snapshot_date else "events",
            "imported_at": dt.datetime.now().replace(microsecond=0), "origin": origin,
            "rows_read": rows_read, "rows_loaded": parser.loaded, "rows_rejected": len(parser.rejects),
            "rows_ignored": len(parser.ignored), "notes": json.dumps(notes, ensure_ascii=False),
        }
        batch_id = writer.save(batch, _reject_rows(parser.rejects), [(i.row, i.code, i.text) for i in parser.ignored])
    return ImportReport(
        file=file_name, batch_id=batch_id, sheet=layout.sheet, header_row=layout.header_row,
        labels=list(layout.labels), mapping=mapping, snapshot_date=snapshot, snapshot_source=batch["snapshot_source"],
        rows_read=rows_read, rows_loaded=parser.loaded, rows_rejected=len(parser.rejects),
        rejects=parser.rejects, ignored=parser.ignored, blank_rows=parser.blank, inserted=parser.loaded,
        notes=notes, kind="events",
    )


def _reject_rows(rejects: list[Reject]) -> list[tuple[int, str, str]]:
    return [
        (
            r.row,
            json.dumps([{"code": p.code, "params": p.params} for p in r.problems], ensure_ascii=False),
            json.dumps(r.values, ensure_ascii=False),
        )
        for r in rejects
    ]


def load_sample(store: Store) -> list[ImportReport]:
    """Import the bundled synthetic register (Quảng Ngãi city, snapshot 25/10/2023) and its event history."""
    reports = [import_file(store, settings.SAMPLE_FILE.read_bytes(), settings.SAMPLE_FILE.name, origin="sample")]
    if settings.SAMPLE_HISTORY.exists():
        reports.append(import_file(store, settings.SAMPLE_HISTORY.read_bytes(), settings.SAMPLE_HISTORY.name,
                                   origin="sample"))
    return reports
