"""Nhập dữ liệu: upload task registers, event histories and unit registries, check what was found (sheet, header
row, columns, snapshot date), import, read the report of every rejected row, and look back over (or undo) earlier
imports."""

import datetime as dt
import hashlib
from collections import Counter

import pandas as pd
import streamlit as st

from analytics import settings
from analytics.exports import table_csv, table_xlsx
from analytics.i18n import fmt_date, fmt_int, t
from analytics.importer import ImportReport, detect_table, import_file, load_sample, preview, problems_text
from analytics.ingest.errors import FileProblem
from analytics.ingest.events import EventLayout
from analytics.ingest.layout import Layout, detect_layout
from analytics.ingest.readers import read_head
from analytics.ingest.registry import RegistryLayout
from analytics.ingest.source import Source, cell_text
from analytics.ingest.values import Problem
from analytics.schema import COLUMN_NAMES
from analytics.unit_registry import edit_label
from pages.common import (
    audit_log,
    current_access,
    download_button,
    friendly_errors,
    get_store,
    lang,
    plain,
    through_app_shell,
    tr,
    watch_for_new_data,
)

PREVIEW_ROWS = 10
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt", "tsv", "htm", "html"]


def unique_labels(labels: list[str]) -> list[str]:
    """Column headers made unique for a table (two columns may share a header in a file)."""
    seen: dict[str, int] = {}
    result = []
    for index, label in enumerate(labels):
        label = label or f"#{index + 1}"
        seen[label] = seen.get(label, 0) + 1
        result.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return result


def digest_of(upload) -> str:
    """The content hash of an upload, computed once per upload (a large file takes a while to hash)."""
    digests = st.session_state.setdefault("digests", {})
    if upload.file_id not in digests:
        digests[upload.file_id] = hashlib.sha256(upload.getvalue()).hexdigest()
    return digests[upload.file_id]


def read_cached(data: bytes, name: str, key: str) -> Source | FileProblem:
    """Read each uploaded file once per session (reruns while correcting the mapping reuse it)."""
    sources = st.session_state.setdefault("sources", {})
    if key not in sources:
        try:
            sources[key] = read_head(data, name)
        except FileProblem as problem:
            sources[key] = problem
    return sources[key]


def first_values(source: Source, layout: Layout) -> list[str]:
    rows = source.sheet(layout.sheet).rows[layout.first_data_row - 1:]
    values = []
    for col in range(layout.file_width):
        values.append(next((cell_text(r[col]) for r in rows[:200] if col < len(r) and cell_text(r[col])), ""))
    if layout.unit_of_sheet:  # the sheet's own unit, from its title line or its name
        values.append(layout.sheet_parts()[0].unit or "")
    return values


def file_labels(layout: Layout) -> list[str]:
    """The file's column labels, the sheet's own unit (not a column of the file) said as such."""
    labels = list(layout.labels)
    if layout.unit_of_sheet:
        labels[-1] = tr("import.unit_of_sheet")
    return labels


def mapping_editor(source: Source, layout: Layout, key: str) -> Layout:
    """Let the user correct which column is which field; return the corrected layout."""
    field_label = {name: tr(f"field.{name}") for name in COLUMN_NAMES}
    not_used = tr("import.not_used")
    by_label = {label: name for name, label in field_label.items()}
    table = pd.DataFrame({
        tr("import.mapping_file_column"): unique_labels(file_labels(layout)),
        tr("import.mapping_sample"): [v[:80] for v in first_values(source, layout)],
        tr("import.mapping_field"): [field_label.get(layout.mapping.get(i, ""), not_used)
                                     for i in range(len(layout.labels))],
    })
    edited = st.data_editor(
        table, key=key, hide_index=True, width="stretch", num_rows="fixed",
        disabled=[tr("import.mapping_file_column"), tr("import.mapping_sample")],
        column_config={tr("import.mapping_field"): st.column_config.SelectboxColumn(
            options=[not_used, *field_label.values()], required=True)},
    )
    chosen: dict[int, str] = {}
    for index, label in enumerate(edited[tr("import.mapping_field")]):
        name = by_label.get(label)
        if name is None:
            continue
        if name in chosen.values():
            st.warning(tr("import.duplicate_field", field=field_label[name]))
            continue
        chosen[index] = name
    return layout.with_mapping(chosen)


def preview_register(source: Source, layout: Layout) -> None:
    """The first rows under the header as the import will treat them: loaded, rejected (why) or skipped."""
    sheet = source.sheet(layout.sheet)
    if layout.missing_required():  # every row would be rejected for the missing column: show the cells only
        rows = [r for r in sheet.rows[layout.first_data_row - 1:] if any(cell_text(v) for v in r)][:PREVIEW_ROWS]
        columns = sorted(layout.mapping.items())
        st.dataframe(pd.DataFrame([[cell_text(r[i]) if i < len(r) else "" for i, _ in columns] for r in rows],
                                  columns=[tr(f"col.{name}") for _, name in columns]), hide_index=True)
        return
    show_verdicts(source, layout, [tr(f"col.{name}") for _, name in sorted(layout.mapping.items())])


def preview_history(source: Source, layout: EventLayout) -> None:
    """An event history: what was found, and the first rows as the import will treat them."""
    st.info(tr("import.history_file", row=layout.header_row), icon=":material/history:")
    show_verdicts(source, layout, unique_labels([layout.labels[i] for i in sorted(layout.mapping)]))


def preview_registry(source: Source, layout: RegistryLayout) -> None:
    """A unit registry: what was found, and the first rows as the import will treat them."""
    st.info(tr("import.registry_file", row=layout.header_row), icon=":material/account_tree:")
    show_verdicts(source, layout, unique_labels([layout.labels[i] for i in sorted(layout.mapping)]))


def show_verdicts(source: Source, layout: Layout | EventLayout | RegistryLayout, labels: list[str]) -> None:
    """The first rows under the header as the import will treat them (load / reject: why / skip: why), showing
    the mapped columns under `labels`. A register read over several sheets: the first rows of each, with the
    sheet they are on, and each sheet's unit when it is the sheet's own."""
    parts = layout.sheet_parts() if isinstance(layout, Layout) else ()
    several = len(parts) > 1
    if several:
        st.info(tr("import.sheets_together", count=len(parts), sheets=", ".join(p.sheet for p in parts)),
                icon=":material/tab:")
    parsed = preview(source, layout)
    sheets = parsed.loaded_sheets if getattr(parsed, "loaded_sheets", None) else [None] * len(parsed.loaded_rows)
    first = parts[0].sheet if parts else layout.sheet
    verdicts = {(sheet or first, row): tr("import.will_load") for sheet, row in zip(sheets, parsed.loaded_rows,
                                                                                 strict=True)}
    verdicts |= {(r.sheet or first, r.row): tr("import.will_reject", reason=problems_text(r.problems, lang()))
                 for r in parsed.rejects}
    verdicts |= {(i.sheet or first, i.row): tr("import.will_skip", reason=tr(f"ignored.{i.code}"))
                 for i in parsed.ignored}
    order = {part.sheet: index for index, part in enumerate(parts)}
    shown = sorted(verdicts, key=lambda place: (order.get(place[0], 0), place[1]))
    if several:  # a few rows of every sheet
        per_sheet, taken, kept = max(2, PREVIEW_ROWS // len(parts)), Counter(), []
        for place in shown:
            taken[place[0]] += 1
            if taken[place[0]] <= per_sheet:
                kept.append(place)
        shown = kept
    else:
        shown = shown[:PREVIEW_ROWS]
    columns = sorted(layout.mapping)
    units = {part.sheet: part.unit for part in parts}
    unit_col = layout.column_of("unit") if isinstance(layout, Layout) and layout.unit_of_sheet else None

    def cells(sheet_name: str, row: int) -> list[str]:
        line = source.sheet(sheet_name).rows[row - 1]
        return [units.get(sheet_name) or "" if i == unit_col else cell_text(line[i]) if i < len(line) else ""
                for i in columns]

    frame = pd.DataFrame(
        [[*([sheet_name] if several else []), row, verdicts[(sheet_name, row)], *cells(sheet_name, row)]
         for sheet_name, row in shown],
        columns=[*([tr("col.sheet")] if several else []), tr("col.row"), tr("import.verdict"), *labels],
    )
    st.caption(tr("import.preview", count=len(shown)))
    st.dataframe(frame, hide_index=True, width="stretch")


def prepare(upload, data: bytes,
            digest: str) -> tuple[bytes, Source, Layout | EventLayout | RegistryLayout, dt.date | None] | None:
    """One uploaded file: show what was found and let the user correct it. None if it cannot be imported."""
    key = upload.file_id  # widget keys per upload: the same file may be chosen twice
    st.subheader(plain(upload.name))
    source = read_cached(data, upload.name, digest)
    if isinstance(source, FileProblem):
        st.error(tr("import.read_error", name=plain(upload.name), message=plain(source.message(lang()))))
        return None
    try:
        detected = detect_table(source)
    except FileProblem:
        detected = None
    if isinstance(detected, EventLayout):
        preview_history(source, detected)
        return data, source, detected, None
    if isinstance(detected, RegistryLayout):
        preview_registry(source, detected)
        return data, source, detected, None
    sheets = [s.name for s in source.sheets if not s.hidden] or [s.name for s in source.sheets]
    cols = st.columns([2, 1, 1])
    sheet = detected.sheet if detected else sheets[0]
    if len(sheets) > 1:
        sheet = cols[0].selectbox(tr("import.sheet"), sheets, index=sheets.index(sheet), key=f"sheet_{key}")
    auto = detected if detected and detected.sheet == sheet else None
    if auto is None:
        try:
            auto = detect_layout(source, sheet=sheet)
        except FileProblem as problem:
            st.warning(plain(problem.message(lang())))
    height = max(len(source.sheet(sheet).rows), 1)
    header_row = cols[1].number_input(
        tr("import.header_row"), min_value=1, max_value=height, value=auto.header_row if auto else 1, step=1,
        help=tr("import.header_row_help"), key=f"header_{key}_{sheet}",
    )
    layout = auto if auto and auto.header_row == header_row else None
    if layout is None:  # the user moved the header row
        try:
            layout = detect_layout(source, sheet=sheet, header_row=int(header_row))
        except FileProblem as problem:  # an empty sheet, a header row past the end
            st.warning(plain(problem.message(lang())))
            return None
    found = layout.snapshot_date
    snapshot = cols[2].date_input(
        tr("import.snapshot"), value=found or dt.date.today(), format="DD/MM/YYYY", key=f"snapshot_{key}",
        min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31),
    )
    st.caption(tr("import.snapshot_found", date=fmt_date(found)) if found
               else tr("import.snapshot_missing", date=fmt_date(dt.date.today())))
    # Left as proposed, the date keeps its source (the file's title, or the import day) in the report.
    chosen_snapshot = None if snapshot == (found or dt.date.today()) else snapshot
    with st.expander(tr("import.mapping"), expanded=bool(layout.missing_required())):
        st.caption(tr("import.mapping_help"))
        layout = mapping_editor(source, layout, key=f"mapping_{key}_{sheet}_{int(header_row)}")
    preview_register(source, layout)
    missing = layout.missing_required()
    if missing:
        st.error(tr("import.missing", columns=", ".join(tr(f"column.{c}") for c in missing)))
        return None
    return data, source, layout, chosen_snapshot


def rejects_table(
    labels: list[str], rejects: list[tuple[int, list[Problem], list[str], str | None]], language: str
) -> tuple[list, list]:
    """Row, reason and the row's own cells; rows of a ragged text file are padded to the widest. A register read
    over several sheets: the sheet first.

    The language is given, not read from the session: downloads build this on another thread.
    """
    width = max([len(labels), *(len(cells) for _, _, cells, _ in rejects)])
    file_columns = [label or f"#{i + 1}" for i, label in enumerate([*labels, *[""] * (width - len(labels))])]
    several = any(sheet for *_, sheet in rejects)
    # One namespace: a file may have its own "Lý do" column beside ours.
    header = unique_labels([*([t("col.sheet", language)] if several else []), t("col.row", language),
                            t("col.reason", language), *file_columns])
    rows = [[*([sheet or ""] if several else []), row, problems_text(problems, language), *cells,
             *[""] * (width - len(cells))] for row, problems, cells, sheet in rejects]
    return header, rows


def show_report(report: ImportReport) -> None:
    st.success(tr("import.done", name=plain(report.file), loaded=fmt_int(report.rows_loaded, lang()),
                  rejected=fmt_int(report.rows_rejected, lang()), read=fmt_int(report.rows_read, lang())),
               icon=":material/check_circle:")
    if report.kind == "tasks":
        st.markdown(tr("import.counts", inserted=fmt_int(report.inserted, lang()),
                       updated=fmt_int(report.updated, lang())))
    notes = [tr(f"note.{code}", **params) for code, params in report.notes]
    if notes:
        st.markdown("\n".join(f"- {plain(n)}" for n in notes))
    if report.kind == "registry":
        st.page_link("pages/units.py", label=tr("import.open_units"), icon=":material/account_tree:")
    if report.rejects:
        st.markdown(f"**{tr('import.rejects_heading', count=fmt_int(report.rows_rejected, lang()))}**")
        table = rejects_table(report.labels, [(r.row, r.problems, r.values, r.sheet) for r in report.rejects],
                              lang())
        header, rows = table
        st.dataframe(pd.DataFrame(rows, columns=header).astype(str), hide_index=True, width="stretch")
        download_rejects(report.file, report.rows_rejected, lambda: table, key=f"rej_{report.batch_id}")
    if report.ignored:
        with st.expander(tr("import.ignored_heading", count=len(report.ignored))):
            sheets = {tr("col.sheet"): [i.sheet for i in report.ignored]} if any(i.sheet for i in report.ignored) \
                else {}
            st.dataframe(
                pd.DataFrame({**sheets, tr("col.row"): [i.row for i in report.ignored],
                              tr("col.reason"): [tr(f"ignored.{i.code}") for i in report.ignored],
                              "…": [i.text for i in report.ignored]}),
                hide_index=True, width="stretch",
            )


def download_rejects(file_name: str, count: int, table, key: str) -> None:
    """Buttons for the rejected rows as .xlsx and .csv; `table()` gives (header, rows) and the files are made
    only when a button is clicked, not on every run of the page."""
    stem = file_name.rsplit(".", 1)[0]
    preamble = [f"{tr('import.rejects_heading', count=count)}: {file_name}"]
    left, right = st.columns(2)
    download_button(
        left, tr("import.rejects_download"), lambda: table_xlsx(*table(), preamble, sheet="Loi"),
        f"{stem}_dong_bi_tu_choi.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", icon=":material/download:",
    )
    download_button(
        right, tr("import.rejects_download_csv"), lambda: table_csv(*table(), preamble), f"{stem}_dong_bi_tu_choi.csv",
        mime="text/csv", key=f"{key}_csv", icon=":material/download:",
    )


def run_imports(store, ready: list[tuple[str, bytes, Source, Layout, dt.date | None]]) -> None:
    reports = []
    if store.busy_writing():  # another user's import: this one runs right after it, nothing is mixed
        st.info(tr("import.waiting"), icon=":material/hourglass_top:")
    for name, data, source, layout, snapshot in ready:
        with st.spinner(tr("import.running", name=plain(name))):
            try:
                report = import_file(store, data, name, snapshot_date=snapshot, layout=layout, source=source,
                                     origin="upload")
            except FileProblem as problem:
                st.session_state.setdefault("import_errors", []).append(
                    tr("import.read_error", name=plain(name), message=plain(problem.message(lang()))))
                continue
        audit_log("import", f"{name} (batch {report.batch_id}: {report.rows_loaded}/{report.rows_read})")
        reports.append(report)
    st.session_state["import_reports"] = reports
    st.session_state["uploader_generation"] = st.session_state.get("uploader_generation", 0) + 1
    st.session_state.pop("sources", None)
    st.session_state.pop("digests", None)


def samples(store) -> None:
    """The bundled samples, one click each: the 2023 register, or the 2026 one with its unit registry."""
    with st.expander(tr("import.sample_heading"), icon=":material/science:"):
        st.caption(tr("import.sample_help"))
        for place, register in zip(st.columns(len(settings.SAMPLE_REGISTERS)), settings.SAMPLE_REGISTERS,
                                   strict=True):
            if place.button(tr(f"import.sample_{register}"), key=f"sample_{register}"):
                with st.spinner(tr("import.sample_running", register=register)):
                    reports = load_sample(store, register)
                for report in reports:
                    audit_log("import", f"{report.file} (batch {report.batch_id}: sample {register})")
                st.session_state["import_reports"] = reports
                st.rerun()


def history(store) -> None:
    st.header(tr("import.history"))
    batches = store.batches()
    if not batches:
        st.info(tr("import.history_empty"))
        return

    def file_of(batch: dict) -> str:  # a registry edited in the app: what the edit did, in the reader's language
        return edit_label(batch, lang()) or batch["file_name"]

    frame = pd.DataFrame({
        tr("hist.batch"): [b["batch_id"] for b in batches],
        tr("hist.file"): [file_of(b) for b in batches],
        tr("hist.kind"): [tr(f"kind.{b['kind']}") for b in batches],
        tr("hist.imported_at"): [b["imported_at"].strftime("%d/%m/%Y %H:%M") for b in batches],
        # A registry has no snapshot of tasks: its day would read as one.
        tr("hist.snapshot"): [fmt_date(b["snapshot_date"]) if b["kind"] != "registry" else "" for b in batches],
        tr("hist.origin"): [tr(f"origin.{b['origin']}") for b in batches],
        tr("hist.read"): [b["rows_read"] for b in batches],
        tr("hist.loaded"): [b["rows_loaded"] for b in batches],
        tr("hist.rejected"): [b["rows_rejected"] for b in batches],
        tr("hist.new"): [b["inserted"] for b in batches],
        tr("hist.updated"): [b["updated"] for b in batches],
        tr("hist.status"): [tr("hist.active") if b["undone_at"] is None
                            else tr("hist.undone", when=b["undone_at"].strftime("%d/%m/%Y %H:%M")) for b in batches],
    })
    st.dataframe(frame, hide_index=True, width="stretch")

    def label(batch: dict) -> str:
        return tr("import.batch_label", batch=batch["batch_id"], file=file_of(batch),
                  when=batch["imported_at"].strftime("%d/%m/%Y %H:%M"))

    undo_col, file_col = st.columns(2)
    with undo_col:
        st.subheader(tr("import.undo"))
        active = [b for b in batches if b["undone_at"] is None]
        if active:
            # Keyed by the newest import, so a new import (or an undo) starts the list at the top again.
            chosen = st.selectbox(tr("import.undo_choose"), active, format_func=label,
                                  key=f"undo_batch_{active[0]['batch_id']}_{len(active)}")
            sure = st.checkbox(tr("import.undo_confirm"), key="undo_sure")
            if st.button(tr("import.undo"), disabled=not sure, type="primary", icon=":material/undo:"):
                done = store.undo(chosen["batch_id"])
                if done:
                    audit_log("undo", f"{chosen['file_name']} (batch {chosen['batch_id']})")
                st.session_state["undo_message"] = tr(
                    "import.undo_done" if done else "import.undo_nothing", batch=chosen["batch_id"])
                st.session_state.pop("undo_sure", None)
                st.session_state.pop("import_reports", None)  # the report of an undone import would mislead
                st.rerun()
    with file_col:
        st.subheader(tr("import.download_original"))
        chosen = st.selectbox(tr("hist.file"), batches, format_func=label,
                              key=f"original_batch_{batches[0]['batch_id']}")
        stored = chosen["stored_name"] or ""
        if store.has_original(stored):
            download_button(st, tr("import.download_original"), lambda: store.original(stored), chosen["file_name"],
                               key="original_download", icon=":material/download:")
        if chosen["rows_rejected"]:
            batch_id, language = chosen["batch_id"], lang()

            def table() -> tuple[list, list]:
                rejects = [(r["row"], [Problem(**p) for p in r["problems"]], r["cells"], r["sheet"])
                           for r in store.batch_rejects(batch_id)]
                return rejects_table(store.batch_labels(batch_id), rejects, language)

            download_rejects(chosen["file_name"], chosen["rows_rejected"], table, key=f"hist_rej_{batch_id}")


through_app_shell("pages/import_data.py")
with friendly_errors():
    current_access().require_change()  # app.py offers this page to administrators only; this says it again
    store = get_store()
    watch_for_new_data(store)
    st.title(tr("import.heading"))
    st.markdown(tr("import.intro"))
    st.caption(tr("import.registry_hint"))
    if "undo_message" in st.session_state:
        st.success(st.session_state.pop("undo_message"), icon=":material/undo:")
    for message in st.session_state.pop("import_errors", []):
        st.error(message)
    for report in st.session_state.get("import_reports", []):
        with st.container(border=True):
            show_report(report)

    uploads = st.file_uploader(
        tr("import.upload"), type=UPLOAD_TYPES, accept_multiple_files=True,
        key=f"uploads_{st.session_state.get('uploader_generation', 0)}",
        help=tr("import.upload_limit", mb=st.get_option("server.maxUploadSize")),
    )
    ready = []
    seen: dict[str, str] = {}  # content hash -> the first file with that content
    for upload in uploads or []:
        data = upload.getvalue()
        digest = digest_of(upload)
        with st.container(border=True):
            if digest in seen:
                st.subheader(plain(upload.name))
                st.warning(tr("import.same_content", name=plain(upload.name), first=plain(seen[digest])))
                continue
            seen[digest] = upload.name
            prepared = prepare(upload, data, digest)
        if prepared is not None:
            ready.append((upload.name, *prepared))
    if uploads:
        if st.button(tr("import.go", count=len(ready)), type="primary", disabled=not ready,
                     icon=":material/database_upload:"):
            run_imports(store, ready)
            st.rerun()

    samples(store)
    history(store)
