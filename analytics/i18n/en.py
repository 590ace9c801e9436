"""English strings. Every key of vi.py has one here (a test checks)."""

STRINGS: dict[str, str] = {
    # --- app ---
    "nav.overview": "Overview",
    "nav.import": "Import data",
    "sidebar.language": "Language",
    "sidebar.as_of": "Figures as of",
    "sidebar.compare": "Compare with",
    "sidebar.filters": "Filters",
    "sidebar.block": "Block",
    "sidebar.unit": "Lead unit",
    "sidebar.assigner": "Assigned by",
    "sidebar.field": "Field",
    "sidebar.origin": "Origin",
    "sidebar.clear": "Clear all filters",
    "sidebar.any": "All",
    "sidebar.link_hint": "The address bar keeps the dates and filters: copy it to share exactly this view.",
    "sidebar.snapshot": "Data exported on {date}",
    "warn.after_snapshot": (
        "{as_of} is after the latest data snapshot ({snapshot}). Nothing is known after the snapshot, so every "
        "task still open in the export would count as overdue. Import newer data or choose a day no later "
        "than {snapshot}."
    ),
    "warn.compare_after": "The comparison day {compare} is not before {as_of}: the change reads backwards.",
    "store.busy": (
        "The data is being updated by another import (another process holds the database file). Please try "
        "again in a few minutes."
    ),
    "store.newer": (
        "The database file was made by a newer version of Đôn đốc (up to change number {detail}). Update the app "
        "to that version; the file is left as it is."
    ),
    "store.unusable": (
        "The database cannot be opened ({detail}). The administrator should restore the latest backup: "
        "python -m analytics restore <backup .zip> --yes (the damaged file is kept beside it)."
    ),
    "empty.body": "There are no tasks yet. Go to **Import data** to import the task register (Excel or CSV).",
    "empty.filtered": "No task matches the selected filters.",
    # --- overview ---
    "overview.heading": "Task performance",
    "overview.as_of_line": "Figures as of **{as_of}** · data exported on {snapshot} · compared with {compare}",
    "overview.filters_line": "Filtered: {filters}",
    "kpi.overdue": "Overdue",
    "kpi.overdue_help": (
        "Not completed and past the (extended) deadline as of {as_of}. The deadline day itself is in "
        "time."
    ),
    "kpi.since": "since {compare}",
    "kpi.total": "Total tasks",
    "kpi.total_help": "Tasks assigned up to {as_of}.",
    "kpi.on_time_rate": "On-time rate",
    "kpi.on_time_rate_help": (
        "Done on time ÷ (on time + done late + overdue): over every task that came due. "
        "Over completed tasks only: {completion_rate}."
    ),
    "kpi.completion_rate": "On time among completed: {rate}",
    "kpi.due_soon": "Due within {days} days",
    "kpi.due_soon_help": "Not completed, due from {as_of} to {until}.",
    "kpi.no_deadline": "No deadline",
    "kpi.no_deadline_help": "Regular tasks without a deadline: never counted as overdue.",
    "chart.by_block": "Overdue tasks by block — as of {as_of}",
    "chart.by_department": "Overdue by department — as of {as_of}",
    "chart.by_commune": "Overdue by ward and commune — as of {as_of}",
    "chart.by_other_units": "Overdue: Party, Front, mass organisations and other — as of {as_of}",
    "chart.trend": "Overdue tasks day by day, {start} – {as_of}",
    "chart.aging": "How long overdue — as of {as_of}",
    "chart.no_overdue": "No overdue tasks.",
    "chart.axis_tasks": "Tasks",
    "chart.compare_marker": "Comparison day",
    "chart.click_hint": (
        "Click the bar of a block, a unit or a month to filter the other charts by it; click an empty spot "
        "or the ✕ above to clear it."
    ),
    "trend.range": "Period",
    "trend.30": "30 days",
    "trend.90": "90 days",
    "trend.180": "6 months",
    "trend.365": "1 year",
    "trend.ytd": "Year to date",
    "drill.heading": "Overdue tasks of a unit",
    "drill.choose": "Choose a unit",
    "drill.none": "(choose a unit)",
    "drill.count": "{unit}: {count} overdue tasks as of {as_of}",
    "drill.more": "Showing the {shown} longest overdue of {total}; the Excel file holds the first {exported}.",
    "longest.heading": "Longest-overdue tasks — as of {as_of}",
    "longest.more": "Showing {shown} of {total} overdue tasks.",
    "col.task_id": "Task ID",
    "col.title": "Title",
    "col.recorded_unit": "Unit as recorded",
    "col.unit": "Lead unit",
    "col.block": "Block",
    "col.assignee": "Officer",
    "col.assigner": "Assigned by",
    "col.source_doc": "Document",
    "col.origin": "Origin",
    "col.field": "Field",
    "col.assigned_date": "Assigned",
    "col.due_date": "Due",
    "col.extended_due_date": "Extended to",
    "col.effective_due": "Due (after extension)",
    "col.completed_date": "Completed",
    "col.status": "Status (as in the file)",
    "col.cause": "Cause of delay",
    "col.transfers": "Transfers",
    "col.note": "Note",
    "col.days_overdue": "Days overdue",
    "col.bucket": "Aging",
    "col.count": "Tasks",
    "col.row": "Row",
    "col.reason": "Reason",
    "sample.notice": (
        "You are looking at the **synthetic sample** (Quảng Ngãi city). When you import your "
        "office's register, undo the “Sample data” imports on the Import data page so the figures do not "
        "mix."
    ),
    "export.as_of": "Figures as of {as_of}",
    "export.xlsx": "Download the table (.xlsx)",
    # --- units after mergers (docs/design.md §3.1) ---
    "sidebar.by_recorded": "As recorded",
    "sidebar.by_recorded_help": (
        "On: group tasks by the unit name written in the register. Off (default): by the unit responsible on the "
        "as-of date, so a merged unit's tasks count under its successor from the merger's effective date."
    ),
    "dim.recorded_unit": "Unit (as recorded)",
    "lineage.includes": "{unit} includes {parts}",
    "lineage.until": "{units} until {day}",
    "lineage.more": "And {count} more units that include merged units",
    "lineage.by_recorded": "Units by the name written in the register (not moved to their successors after mergers).",
    # --- blocks, states, buckets ---
    "block.government": "Government (departments)",
    "block.commune": "Wards and communes",
    "block.party": "Party",
    "block.mass_org": "Front and mass organisations",
    "block.other": "Other",
    "state.done_on_time": "Done on time",
    "state.done_late": "Done late",
    "state.overdue": "Overdue",
    "state.due_soon": "Due soon",
    "state.on_track": "On track",
    "state.no_deadline": "No deadline",
    "bucket.1-7": "1–7 days",
    "bucket.8-30": "8–30 days",
    "bucket.31-90": "31–90 days",
    "bucket.90+": "Over 90 days",
    # --- import page ---
    "import.heading": "Import data",
    "import.intro": (
        "Upload the task register exported by your office software: Excel (.xlsx, .xls), CSV or tab-separated "
        "text (.txt). Several files at once are fine. Importing a newer export updates tasks by their ID; it "
        "never duplicates them."
    ),
    "import.upload": "Choose files",
    "import.read_error": "Cannot read {name}: {message}",
    "import.same_content": "{name} has exactly the same content as {first}: it is imported once.",
    "import.sheet": "Sheet",
    "import.header_row": "Header row",
    "import.header_row_help": "Row number as shown in Excel. Found automatically; correct it if wrong.",
    "import.mapping": "Column mapping",
    "import.mapping_help": "Each column of the file maps to one field. Correct the “Field” column if needed.",
    "import.mapping_file_column": "Column in the file",
    "import.mapping_field": "Field",
    "import.mapping_sample": "First value",
    "import.not_used": "(not used)",
    "import.snapshot": "Snapshot date of the file",
    "import.snapshot_found": "Found in the file's title: “figures as of {date}”.",
    "import.snapshot_missing": (
        "The file does not say its snapshot date: today ({date}) is used. Correct it if the export was "
        "made on another day."
    ),
    "import.preview": "The first {count} rows, as the import will treat them",
    "import.verdict": "On import",
    "import.will_load": "Load",
    "import.will_reject": "Reject: {reason}",
    "import.will_skip": "Skip: {reason}",
    "import.missing": "Required columns not mapped: {columns}. Choose them in the column mapping.",
    "import.duplicate_field": "Field “{field}” is chosen for several columns; only the first is kept.",
    "import.go": "Import {count} file(s)",
    "import.waiting": "Someone else is importing: your import runs as soon as theirs is done.",
    "import.upload_limit": (
        "Up to {mb} MB per file. Larger files: import them from the command line (python -m analytics import FILE)."
    ),
    "import.running": "Importing {name}…",
    "import.done": "Imported {name}: {loaded} rows loaded, {rejected} rows rejected ({read} rows read).",
    "import.counts": "{inserted} new tasks, {updated} tasks updated.",
    "import.rejects_heading": "Rejected rows ({count})",
    "import.rejects_download": "Download the rejected rows (.xlsx)",
    "import.rejects_download_csv": "Download as .csv",
    "import.ignored_heading": "Rows skipped as not tasks ({count})",
    "import.history": "Import history",
    "import.history_empty": "Nothing imported yet.",
    "import.undo": "Undo import",
    "import.undo_choose": "Import to undo",
    "import.undo_confirm": "I understand: the tasks of this import go back to what they were before it.",
    "import.undo_done": "Import {batch} undone.",
    "import.undo_nothing": "Import {batch} was already undone.",
    "import.download_original": "Download the original file",
    "import.batch_label": "Import {batch}: {file} ({when})",
    "hist.batch": "Import",
    "hist.file": "File",
    "hist.imported_at": "Imported at",
    "hist.snapshot": "Snapshot",
    "hist.origin": "How",
    "hist.read": "Read",
    "hist.loaded": "Loaded",
    "hist.rejected": "Rejected",
    "hist.new": "New",
    "hist.updated": "Updated",
    "hist.status": "Status",
    "hist.active": "In use",
    "hist.undone": "Undone {when}",
    "origin.upload": "Upload",
    "origin.command line": "Command line",
    "origin.sample": "Sample data",
    "field.task_id": "Task ID",
    "field.title": "Title",
    "field.unit": "Lead unit (required)",
    "field.assignee": "Officer",
    "field.assigner": "Assigned by",
    "field.source_doc": "Assigning document",
    "field.origin": "Origin",
    "field.field": "Field",
    "field.assigned_date": "Assigned date",
    "field.due_date": "Due date (required)",
    "field.extended_due_date": "Extended due date",
    "field.completed_date": "Completed date",
    "field.status": "Status",
    "field.cause": "Cause of delay",
    "field.transfers": "Transfers",
    "field.note": "Note",
    # --- problems with a whole file ---
    "file_problem.empty_file": "the file is empty",
    "file_problem.unreadable_workbook": "the workbook cannot be read (damaged or password-protected): {detail}",
    "file_problem.workbook_too_large": (
        "the workbook cannot be opened within the allowed memory and time: it may be damaged or an abnormal "
        "archive. Open it in Excel, save it again and import it again"
    ),
    "file_problem.no_sheets": "the workbook has no data sheet",
    "file_problem.mixed_encoding": (
        "the file is not in one encoding: it begins in {encoding} but a later part is not; "
        "export it again in one encoding (UTF-8)"
    ),
    "file_problem.not_text": "not a spreadsheet or a text (CSV/TXT) file",
    "file_problem.broken_text": "the text file is malformed: {detail}",
    "file_problem.no_header": (
        "no header row of a task table found (it needs columns such as “Đơn vị chủ trì” / unit and "
        "“Hạn xử lý” / due date)"
    ),
    "file_problem.missing_columns": "required columns missing: {columns}",
    "file_problem.no_registry_header": (
        "no unit registry found: it needs a header row with a “Tên đơn vị” (unit name) column and at least one of "
        "“Khối” (block), “Đơn vị cấp trên” (parent), “Sáp nhập vào” (merged into), “Ngày hiệu lực” (effective date), "
        "“Tên gọi khác” (other names)"
    ),
    "file_problem.registry_lineage": "the unit registry was not imported: {problems}",
    "file_problem.registry_row": "row {rows}: {text}",
    "file_problem.no_such_sheet": "there is no sheet “{sheet}”",
    "column.unit": "Lead unit",
    "column.due_date": "Due date",
    # --- exports of other systems (HTML .xls, workbooks of several sheets) ---
    "file_problem.html_no_table": (
        "the file is a web page (HTML) with a spreadsheet extension but holds no table of data; open it in Excel, "
        "check it and save it as .xlsx"
    ),
    "file_problem.unreadable_page": (
        "the web page (HTML) with a spreadsheet extension cannot be read: it is damaged or nested too deeply "
        "({detail}); open it in Excel and save it as .xlsx"
    ),
    "problem.duplicate_id_on_sheet": "Task ID “{task_id}” repeats row {first_row} of sheet “{sheet}”",
    "note.sheets_together": "{count} sheets of one layout imported together: {sheets}.",
    "note.unit_from_title": "Sheet “{sheet}” has no unit column: its rows are “{unit}”'s (from its title line).",
    "note.unit_from_sheet": "Sheet “{sheet}” has no unit column: its rows are “{unit}”'s (from the sheet's name).",
    "note.summary_sheets": "Summary sheets not imported: {sheets}.",
    "col.sheet": "Sheet",
    "import.unit_of_sheet": "Unit (from the sheet)",
    "import.sheets_together": "{count} sheets of one layout imported together: {sheets}",
    # --- problems with one row ---
    "problem.not_a_date": "{column}: “{value}” is not a date (write dd/mm/yyyy)",
    "problem.impossible_date": "{column}: “{value}” is not a real date",
    "problem.year_out_of_range": "{column}: the year of “{value}” is outside 1990–2100",
    "problem.missing_unit": "No lead unit (column “{column}” is empty)",
    "problem.unit_not_a_name": "{column}: “{value}” is not the name of a unit",
    "problem.not_a_count": "{column}: “{value}” is not a count",
    "problem.cell_too_long": "{column}: the cell has {length} characters, over Excel's limit of 32,767",
    "problem.duplicate_id": "Task ID “{task_id}” repeats row {first_row}",
    "problem.completed_without_date": "{column}: says “{value}” but gives no completion date",
    "problem.missing_unit_name": "No unit name (column “{column}” is empty)",
    "problem.unknown_block": "{column}: “{value}” is not a block (Government; Wards and communes; Party; Front and "
                             "mass organisations; Other)",
    "problem.duplicate_unit": "Unit “{value}” is already on row {first_row}",
    "lineage.unknown_successor": "{unit}: the unit it was merged into, “{successor}”, is not in the registry",
    "lineage.merged_into_itself": "{unit} is recorded as merged into itself",
    "lineage.missing_effective_date": "{unit} is merged into another unit but has no effective date",
    "lineage.successor_cycle": "Mergers that go round in a circle: {units}",
    "ignored.total_row": "Total row",
    "ignored.section_heading": "Section heading",
    "ignored.footer": "Report footer (signatures, date line)",
    "ignored.numbering_row": "Column numbering row",
    # --- notes on an import ---
    "note.snapshot_file": "Snapshot date {date} taken from the file's title.",
    "note.snapshot_given": "Snapshot date {date} given by the importer.",
    "note.snapshot_import_day": "The file does not say its snapshot date: the import day {date} is used.",
    "note.other_sheets": "Other sheets of the file were not imported: {sheets}.",
    "note.ignored_columns": "Columns repeating a field already mapped, not used: {columns}.",
    "note.unmapped_columns": "Columns matching no field, not used: {columns}.",
    "note.unit_matched": "Unit “{name}” (typed without diacritics) was matched to “{target}”.",
    "note.unit_alias": "Unit “{name}” is another name of “{target}” in the unit registry.",
    "note.derived_ids": "{count} rows had no task ID: a stable ID was made from the row's content.",
    "note.completed_after_snapshot": (
        "{count} tasks were completed after the snapshot date {date}: the snapshot date may be wrong."
    ),
    "note.superseded": "{count} tasks already have a newer version (later snapshot) in the data: the newer is kept.",
    # --- command line ---
    "cli.cannot_read": "{file}: {message}",
    "cli.units_file_needed": "no registry file: python -m analytics units import FILE --db ...",
    "cli.units_out_needed": "missing --out FILE.xlsx",
    "cli.units_imported": "{file}: {loaded} units in the registry, {rejected} rows rejected (import no. {batch})",
    "cli.bad_period": "not a period: “{period}” (for example 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026)",
    "cli.evaluate_header": "Work due from {start} to {end}, as of {as_of}:",
    "cli.evaluate_row": (
        "{who}: {due} due, {on_time} on time, {late} late ({objective} objective), {not_done} not done"
        " — quantity {quantity}, progress {progress}"
    ),
    "cli.units_split": "split into {successor} from {date}",
    "cli.units_merged": "merged into {successor} from {date}",
    "registry.name": "Unit",
    "registry.block": "Block",
    "registry.parent": "Parent unit",
    "registry.successor": "Merged into",
    "registry.effective_date": "Effective date",
    "registry.aliases": "Other names",
    "registry.sheet": "Unit registry",
    "cli.imported": (
        "{file}: {read} rows read, {loaded} loaded, {rejected} rejected, {ignored} skipped "
        "(import {batch}, snapshot {snapshot})"
    ),
    "cli.reject_line": "  row {row}: {reason}",
    "cli.sample_loaded": "Sample data loaded into {db}: {loaded} tasks, snapshot {snapshot}.",
    "cli.summary_header": "As of {as_of}:",
    "cli.bad_date": "Invalid date: {value} (use YYYY-MM-DD)",
    "cli.no_file": "{file}: no such file",
    # --- the 2026 sample ---
    "cli.sample_2026_loaded": (
        "2026 sample loaded into {db}: a registry of {units} units (import no. {registry_batch}), "
        "{loaded} tasks (import no. {batch}), snapshot {snapshot}."
    ),
    "import.sample_heading": "Sample data",
    "import.sample_help": (
        "Synthetic data to try the app with, not real figures. The 2026 sample continues the 2023 register past "
        "1 July 2025 (the merger of communes and wards), with a unit registry saying which unit took over whose "
        "tasks. Each file is one import and can be undone."
    ),
    "import.sample_2023": "Load the 2023 sample",
    "import.sample_2026": "Load the 2026 sample (after the merger of administrative units)",
    "import.sample_running": "Loading the {register} sample…",
    "kind.registry": "Unit registry",
    "note.registry": "{count} units in the registry.",
    # --- printed and presented documents ---
    "nav.present": "Presentation",
    "nav.briefing": "Dialogue & questioning brief",
    "nav.briefing_short": "Dialogue brief",  # in the top bar: every page's link fits at 1920 px
    "nav.period_short": "Period report",
    "nav.admin_short": "Admin",
    "nav.period": "Period report",
    "col.state": "State (as of the day)",
    "doc.as_of": "Figures as of {as_of}",
    "doc.snapshot": "Data snapshot date (newest export): {snapshot}",
    "doc.period": "Reporting period: {start} to {end}",
    "doc.compare": "Compared with {compare}",
    "doc.filters": "Filters: {filters}",
    "doc.no_filters": "none (all data)",
    "doc.sample": "Note: this is SYNTHETIC SAMPLE data, not real figures.",
    "doc.made": "Made on {day} with Đôn đốc",
    "doc.footer": "Đôn đốc · figures as of {as_of} · data snapshot {snapshot}",
    "doc.no_cause": "(no cause recorded)",
    "doc.page": "Page {page} of {pages}",
    "doc.image_problem": (
        "Charts could not be drawn as images: the server needs the Chromium browser "
        "(Debian: apt-get install chromium). Detail: {detail}"
    ),
    "kpi.since_value": "{change} since {compare}",
    "deck.title": "Leadership meeting: tasks as of {as_of}",
    "deck.headline_title": "Where tasks stand — as of {as_of}",
    "deck.headline": "{count} overdue tasks as of {as_of}",
    "deck.change_up": "Up {change} since {compare} ({before})",
    "deck.change_down": "Down {change} since {compare} ({before})",
    "deck.change_none": "Unchanged since {compare} ({before})",
    "deck.departments": "The {top} departments with most overdue tasks — as of {as_of}",
    "deck.communes": "The {top} wards and communes with most overdue tasks — as of {as_of}",
    "deck.units_shown": "Showing {shown} of {total} units with overdue tasks.",
    "deck.longest": "The {count} longest-overdue tasks and their causes — as of {as_of}",
    "deck.commend": "Commendation: units with the best on-time rate — as of {as_of}",
    "deck.commend_rule": "Units with at least {minimum} tasks that came due.",
    "deck.commend_none": "No unit has {minimum} tasks that came due yet.",
    "brief.title": "Dialogue and questioning brief: {who} — as of {as_of}",
    "brief.everyone": "All units",
    "brief.figures": "Figures: {who} — as of {as_of}",
    "brief.rate_change": "On-time rate: {now} (on {compare}: {before})",
    "brief.rank_overdue": "Overdue tasks rank {rank} of {of} among {peers} (1 = most).",
    "brief.rank_rate": "On-time rate ranks {rank} of {of} among {peers} (1 = highest).",
    "brief.peers.government": "departments",
    "brief.peers.commune": "wards and communes",
    "brief.peers.party": "Party boards",
    "brief.peers.mass_org": "the Fatherland Front and mass organisations",
    "brief.peers.other": "other units",
    "brief.overdue": "Overdue tasks ({count}) — as of {as_of}",
    "brief.causes": "Causes of the overdue tasks — as of {as_of}",
    "brief.changed": "Tasks moved between units or extended ({count})",
    "brief.changed_none": "The data has no task moved between lead units or extended.",
    "brief.commitments": "Commitments made at questioning and dialogue sessions ({count})",
    "brief.commitments_summary": "{done} done, {overdue} overdue, of {total} commitments.",
    "brief.commitments_none": "No task comes from a questioning or dialogue session.",
    "brief.names_hidden": "Officers' names are hidden.",
    "brief.unit": "Unit",
    "brief.hide_names": "Hide officers' names",
    "brief.hide_names_help": "Dialogues discuss units, not people: drops the officer column from screen and print.",
    "period.title": "Task report from {start} to {end}",
    "period.by_unit": "By unit, grouped by block",
    "period.no": "No.",
    "period.carried_over": "Carried over (open on {start})",
    "period.assigned": "Assigned in the period",
    "period.total": "Total to do",
    "period.done": "Completed in the period",
    "period.done_early": "Early",
    "period.done_on_due": "On the due day",
    "period.done_late": "Late",
    "period.no_deadline": "No deadline",
    "period.open": "Open on {end}",
    "period.open_in_time": "In time",
    "period.open_overdue": "Overdue",
    "period.grand_total": "Total",
    "period.rule": (
        "Early: before the due day; on the due day; late: after it (extensions counted). "
        "Total to do = carried over + assigned = completed + open."
    ),
    "period.start": "From",
    "period.end": "To",
    "period.bad_range": "The period start ({start}) must not be after its end ({end}).",
    "export.pdf": "Download PDF (A4)",
    "export.pptx": "Download PowerPoint",
    "present.start": "Start presenting",
    "present.exit": "Leave presentation",
    "present.previous": "Previous",
    "present.next": "Next",
    "present.jump": "Go to slide",
    "present.auto": "Advance automatically",
    "present.auto_seconds": "Seconds per slide",
    "present.intro": (
        "The slides use the dates and filters chosen in the sidebar. "
        "Press Start presenting, then F11 for full screen."
    ),
    "present.min_tasks": "Commendation: minimum tasks that came due",
    "cli.exported": "Wrote {out} ({kind}, {format}, as of {as_of}).",
    "cli.bad_format": "Cannot export {kind} as {format}; choose: {allowed}",
    "cli.no_unit": "No unit named \"{unit}\" in the data.",
    "cli.cannot_write": "Cannot write {out}: {detail}",
    "cli.bad_positive": "A whole number of 1 or more is needed: {value}",
    "cli.not_a_file": "a path to a file is needed, not a folder",
    "cli.no_database": "No database at {db} (check --db or DONDOC_DB).",
    # --- accountability: officers, reminders, pushed-around work, causes ---
    "nav.officers": "Officers",
    "nav.reminders": "Reminders",
    "nav.transfers": "Pushed around",
    "nav.causes": "Causes",
    "officers.period": "Rating period",
    "officers.quarter": "Q{quarter}/{year}",
    "officers.quarter_to_date": "{quarter} (to {date})",
    "officers.threshold": "Late-rate threshold (%)",
    "officers.threshold_help": (
        "Above this rate there is no \"excellent\" rating (Ho Chi Minh City uses 5%). Exactly at the threshold "
        "still qualifies."
    ),
    "officers.by": "By",
    "officers.by_officer": "Officer",
    "officers.by_unit": "Unit",
    "officers.names_off": "Officers' names are hidden by this deployment's settings.",
    "officers.heading": "Late rate by {who} — {period} ({start}–{end})",
    "officers.definition": (
        "Came due in the period: the effective deadline falls in the period; the task is judged the day after the "
        "period ends (a deadline on its last day belongs to it): done or overdue. "
        "Late rate = (done late + still overdue) / came due. Flagged: above {threshold}. Tasks "
        "overdue since an earlier period are shown apart, not counted again in this period's rate."
    ),
    "officers.rated_officer": "Officers with tasks due",
    "officers.rated_unit": "Units with tasks due",
    "officers.above_count": "Above {threshold}",
    "officers.came_due": "Came due in period",
    "officers.overall_late_rate": "Overall late rate",
    "officers.late_rate": "Late rate",
    "officers.on_time_rate": "On-time rate",
    "officers.flag": "Above {threshold}",
    "officers.above": "Above threshold",
    "officers.overdue_earlier": "Overdue from earlier periods",
    "officers.no_officer": "(no officer recorded)",
    "officers.nothing_due": "No task came due in this period.",
    "officers.trend_heading": "Late rate by {who} over {count} quarters",
    "officers.trend_who": "Show the trend of",
    "officers.trend_placeholder": "Choose up to 8",
    "officers.trend_chart": "Late rate per quarter",
    "officers.threshold_line": "Threshold {threshold}",
    "officers.commend_heading": "To commend — {period}",
    "officers.commend_min": "Minimum tasks due to be considered",
    "officers.commend_unit": "Units",
    "officers.commend_officer": "Officers",
    "officers.commend_none": "Nobody has {minimum} tasks due with at least one done on time.",
    "officers.commend_note": (
        "Ranked by the on-time rate among the period's tasks that came due; ties go to more tasks done on time."
    ),
    "remind.repeat_days": "Days between reminders",
    "remind.repeat_help": (
        "A second reminder when the task is still overdue this many days after the first; report to the "
        "leadership when still overdue this many days after the second."
    ),
    "remind.heading": "Reminders due on {as_of}",
    "remind.definition": (
        "First: overdue and not reminded since its deadline. Second: reminded once, {days} or more days ago, "
        "still overdue. Report to the leadership: reminded twice, the last {days} or more days ago."
    ),
    "remind.level": "Reminder",
    "remind.level_1": "First reminder",
    "remind.level_2": "Second reminder",
    "remind.level_3": "Report to leadership",
    "remind.units": "Units to write to",
    "remind.waiting": "Awaiting reply",
    "remind.waiting_help": "Overdue tasks reminded recently: not yet time to remind again.",
    "remind.waiting_heading": "Reminded, awaiting reply ({count} tasks)",
    "remind.last_sent": "Last reminder",
    "remind.nothing": "No task needs a reminder on {as_of}.",
    "remind.unit_summary": "{count} tasks ({levels})",
    "remind.shown_first": "Showing the first {shown} of {total} tasks; the letters and the record hold all {total}.",
    "remind.waiting_shown_first": "Showing the first {shown} of {total} tasks.",
    "remind.letterhead": "Letterhead (issuing body, place, signer)",
    "remind.letter_superior": "Superior body",
    "remind.letter_issuer": "Issuing body",
    "remind.letter_place": "Place name",
    "remind.letter_signer_title": "Signer's title",
    "remind.download_all": "Download draft letters for all {count} units (.zip)",
    "remind.download_letter": "Download draft letter (.docx)",
    "remind.mark_heading": "Record as sent",
    "remind.mark_units": "Units the letters were sent to",
    "remind.sent_on": "Sent on",
    "remind.mark": "Record {count} tasks as reminded",
    "remind.mark_help": "Recorded like an import: it can be undone on the Import page if it was a mistake.",
    "remind.recorded": "Recorded {count} reminders to {units} units, sent on {date} (import number {batch}).",
    "action.transfer": "Transferred",
    "action.return": "Returned",
    "action.escalation": "Escalated",
    "action.extension": "Extended",
    "action.reminder": "Reminded",
    "push.heading": "Tasks moved around, returned or pushed up — as of {as_of}",
    "push.definition": (
        "A task's moves are the larger of the register's transfers column and the transfers in the event "
        "history. Escalation: asking a higher level about a matter within one's own authority."
    ),
    "push.moved_twice": "Moved 2 or more times",
    "push.moved_help": "{moved} tasks changed lead unit at least once.",
    "push.returned": "Returned",
    "push.escalated": "Escalated",
    "push.escalated_help": "Tasks with at least one escalation to a higher level.",
    "push.pushed_overdue": "Of those, now overdue",
    "push.no_history": (
        "No event history yet: the figures above use the register's transfers column only. Import a history "
        "(task ID, date, action, from unit, to unit) on the Import page to see who passes work to whom."
    ),
    "push.flows_heading": "Who passes work to whom — as of {as_of}",
    "push.flows_note": "Left: the unit passing work away; right: the receiver. Width: number of moves.",
    "push.unknown_target": "(receiver not recorded)",
    "push.passers_heading": "Units that pass work away most",
    "push.total": "Total",
    "push.top_target": "Mostly to",
    "push.lateness_heading": "Late rate by number of moves — as of {as_of}",
    "push.lateness_note": "Late rate = (done late + still overdue) / tasks that came due.",
    "push.moves_0": "Never moved",
    "push.moves_1": "Moved once",
    "push.moves_2": "Moved twice",
    "push.moves_3": "Moved 3+ times",
    "push.tasks_heading": "Tasks pushed around ({count})",
    "push.shown_first": "Showing the {shown} most pushed of {total} tasks; the Excel file holds the first {exported}.",
    "push.col_moves": "Moves",
    "push.col_returns": "Returns",
    "push.col_escalations": "Escalations",
    "cause.heading": "Causes of delay — as of {as_of}",
    "cause.definition": (
        "Tasks overdue or done late, grouped by the cause the register gives. The grouping can be edited at "
        "the bottom of the page."
    ),
    "cause.late_tasks": "Late tasks",
    "cause.kind_objective": "Objective",
    "cause.kind_subjective": "Subjective",
    "cause.kind_unclassified": "Not grouped",
    "cause.kind_none": "No cause given",
    "cause.share": "{share} of late tasks.",
    "cause.chart": "Late tasks by cause — {as_of}",
    "cause.by_block": "By block",
    "cause.by_unit": "By unit (most subjective causes first)",
    "cause.unclassified_heading": "Causes not grouped ({count} tasks)",
    "cause.unclassified_help": "Add keywords to the grouping table at the bottom of the page to group these.",
    "cause.extensions_heading": "Extensions — as of {as_of}",
    "cause.no_extensions": "No task has been extended.",
    "cause.extensions_summary": (
        "**{extended}** tasks were extended. Of those that came due, **{rate}** are late all the same "
        "(tasks never extended: {other})."
    ),
    "cause.ext_tasks": "Tasks",
    "cause.ext_extended": "Extended",
    "cause.ext_share": "Share extended",
    "cause.ext_events": "Extensions (history)",
    "cause.ext_came_due": "Extended, came due",
    "cause.ext_late": "Extended, still late",
    "cause.ext_late_rate": "Late after extension",
    "cause.rules_heading": "How causes are grouped",
    "cause.rules_help": (
        "Each row: keywords (case and accents do not matter), group and kind. Rows are tried top to bottom; the "
        "first whose keywords appear in the cause decides. Add, edit or delete rows, then Save."
    ),
    "cause.rule_words": "Keywords",
    "cause.rule_category": "Cause group",
    "cause.rule_kind": "Kind",
    "cause.rules_save": "Save grouping",
    "cause.rules_reset": "Restore defaults",
    "cause.rules_saved": "Saved {count} grouping rows ({dropped} incomplete rows ignored).",
    "cause.rules_restored": "The default grouping is back.",
    "problem.missing_task_id": "Task ID missing (column “{column}” is empty)",
    "problem.missing_event_date": "Date missing (column “{column}” is empty)",
    "problem.unknown_action": "{column}: “{value}” is not understood (write one of: {known})",
    "note.history": "The file is an event history: {count} events loaded.",
    "note.history_unknown_tasks": (
        "{count} events belong to tasks not in the register: kept, and counted once a register with them is "
        "imported."
    ),
    "origin.app": "Recorded in the app",
    "hist.kind": "Kind",
    "kind.tasks": "Task register",
    "kind.events": "Event history",
    "kind.reminders": "Reminders sent",
    "import.history_file": (
        "This file is an **event history** (one event per row: transfer, return, escalation, extension, "
        "reminder). Header row: {row}."
    ),
    "cli.reminders_written": "Wrote {count} draft letters to {folder}",
    "cli.not_a_folder": "a path to a folder is needed, not a file",
    "push.no_moves": (
        "No transfer, return or escalation of the tasks in view (filters pick tasks by their current lead unit)."
    ),
    # Khám phá
    "nav.explore": "Explore",
    "explore.heading": "Explore the register",
    "explore.rows": "Group by",
    "explore.columns": "and by",
    "explore.no_columns": "(none)",
    "explore.measure": "Measure",
    "explore.chart": "Show as",
    "chart_kind.bar": "Bars",
    "chart_kind.line": "Line",
    "chart_kind.heatmap": "Heatmap",
    "chart_kind.table": "Table",
    "explore.order": "Order of groups",
    "order.value": "By value",
    "order.name": "By name (A–Z)",
    "explore.search": "Search titles and document numbers",
    "explore.search_placeholder": "e.g. tinh an, 280/CĐ-TTg",
    "explore.search_help": (
        "Finds a phrase of whole words, accents optional: “tinh an” finds “Tịnh Ấn” and “Tịnh An”. Type the "
        "accents to match them exactly."
    ),
    "explore.more_filters": "More filters: officer, state, aging, assigned and due dates",
    "explore.states": "State",
    "explore.aging": "Days overdue",
    "explore.assigned_range": "Assigned (from – to)",
    "explore.due_range": "Deadline after extensions (from – to)",
    "explore.clear_filters": "Clear these filters",
    "filter.search": "Search",
    "filter.assigned": "Assigned",
    "filter.due": "Deadline",
    "dim.unit": "Lead unit",
    "dim.block": "Block",
    "dim.assignee": "Officer in charge",
    "dim.assigner": "Assigned by",
    "dim.field": "Field",
    "dim.origin": "Origin",
    "dim.source_doc": "Source document",
    "dim.assigned_month": "Month assigned",
    "dim.assigned_quarter": "Quarter assigned",
    "dim.due_month": "Month due",
    "dim.due_quarter": "Quarter due",
    "dim.aging": "Days overdue",
    "dim.state": "State",
    "measure.tasks": "Tasks",
    "measure.overdue": "Overdue tasks",
    "measure.on_time_rate": "On-time rate",
    "measure.median_days_overdue": "Days overdue (median)",
    "measure.done_late": "Tasks done late",
    "measure.help": (
        "On-time rate = done on time ÷ every task that came due (on time + done late + overdue). Days overdue"
        " (median): of the overdue tasks."
    ),
    "explore.none": "(none)",
    "explore.quarter": "Q{quarter} {year}",
    "explore.not_overdue": "Not overdue",
    "explore.grouped_by": "{measure} by {rows}{columns}",
    "explore.picked": "Selected group: {group}",
    "explore.chart_title": "{measure} by {rows}{columns}, as of {as_of}",
    "explore.click_hint": "Click a bar, a cell or a point to see the tasks behind it.",
    "explore.records": "Tasks",
    "explore.records_all": "{count} {what} match these choices, as of {as_of}",
    "explore.records_picked": "{count} {what} in {group}, as of {as_of}",
    "explore.clear_pick": "Clear the selected group",
    "explore.sort": "Sort by",
    "explore.descending": "Descending",
    "explore.page": "Page",
    "explore.page_of": "Rows {first}–{last} of {total} · page {page}/{pages}",
    "explore.page_size": "Rows per page",
    "explore.prev": "Previous page",
    "explore.next": "Next page",
    "explore.sort_hint": "“Sort by” orders the whole result, not only the page on screen.",
    "explore.no_tasks": "No task matches these choices.",
    "explore.records_csv": "Download the tasks (.csv)",
    "explore.records_xlsx": "Download the tasks (.xlsx)",
    "explore.table_csv": "Download the figures (.csv)",
    "explore.table_xlsx": "Download the figures (.xlsx)",
    "explore.export_limit": (
        "The download holds the first {limit} of {total} tasks in the current order; filter further to get "
        "them all."
    ),
    "explore.total": "Total",
    "explore.records_title": "Tasks — Explore",
    "explore.table_title": "Figures — Explore",
    "behind.tasks": "tasks",
    "behind.overdue": "overdue tasks",
    "behind.on_time_rate": "tasks that came due (on time, done late, overdue)",
    "behind.median_days_overdue": "overdue tasks",
    "behind.done_late": "tasks done late",
    "cross.heading": "Cross-filtered by:",
    "cross.month": "Due in",
    "cross.clear": "Clear the cross-filter",
    "cross.explore": "See these tasks in Explore",
    "chart.by_due_month": "Overdue tasks by the month their deadline passed — as of {as_of}",
    "officers.explore": "See the tasks of {who} due {start} – {end} in Explore",
    "officers.explore_hint": "Select a row of the table to open the tasks behind it in Explore.",
    "explore.shown_first": (
        "Showing the first {shown} of {total} groups by {dimension} in the chosen order; every group is "
        "in the download."
    ),
    "explore.shown_latest": (
        "Showing the latest {shown} of {total} values of {dimension}; every group is in the "
        "download."
    ),
    "explore.figures_cut": (
        "The file holds the first {rows} of {row_total} row groups and {columns} of {column_total} "
        "column groups in the chosen order; filter further to get them all."
    ),
    # --- Đánh giá (pages/evaluation.py; analytics/evaluation.py) ---
    "nav.evaluation": "Rating",
    "evaluation.intro": (
        "The register's evidence for the monthly and quarterly rating of civil servants under Nghị định "
        "335/2025/NĐ-CP: the quantity and progress of the work due in the period. Quality, the 30 points of general "
        "criteria and the bands are not in a register and are not computed here."
    ),
    "evaluation.period": "Period",
    "evaluation.month": "{month}/{year}",
    "evaluation.quarter": "Q{quarter} {year}",
    "evaluation.year": "Year {year}",
    "evaluation.cutoff": "Cut-off",
    "evaluation.cutoff_1": "Calendar months",
    "evaluation.cutoff_15": "15th to 14th",
    "evaluation.cutoff_help": (
        "The reporting regime (Nghị định 09/2019/NĐ-CP, Điều 12) counts from the 15th of the month before to the "
        "14th of the period's last month."
    ),
    "evaluation.heading": "Results of assigned work by {who}: {period} ({start} – {end})",
    "evaluation.definition": (
        "Due: the deadline (after extensions) in the period. Quantity = (on time + late) / due. Progress = (on time + "
        "late with an objective cause + 0.75 × other late) / due: each late piece of work loses 25% of its progress "
        "points unless its cause is objective (by the rules on the Causes page)."
    ),
    "evaluation.judged": "Judged on {day}.",
    "evaluation.running": "The period is not over (until {end}): work not done may still be done on time.",
    "evaluation.filters": "Filters: {filters}",
    "evaluation.due": "Due",
    "evaluation.on_time": "On time",
    "evaluation.late": "Late",
    "evaluation.late_objective": "Of which objective",
    "evaluation.not_done": "Not done",
    "evaluation.no_deadline": "No deadline",
    "evaluation.quantity": "Quantity",
    "evaluation.progress": "Progress",
    "evaluation.nothing_due": "No work falls due in this period with the filters chosen.",
    "evaluation.pick_hint": "Pick a row to see the work behind its deductions (late, not done).",
    "evaluation.behind": "Work behind the deductions of {who}: {count}",
    "evaluation.nothing_behind": "All the work due in the period was done on time.",
    "evaluation.trend_heading": "Progress by {who}, the last {count} periods",
    "evaluation.trend_chart": "Progress (%) by {who}",
    "evaluation.days_late": "Days late",
    "evaluation.deduction": "Progress",
    "evaluation.not_done_short": "Not done: not counted",
    "evaluation.exempt": "Objective: no deduction",
    "evaluation.minus_25": "Minus 25%",
    # --- signing in and roles ---
    "doc.list_not_for_role": "The list of tasks is not shown for your role (figures only).",
    "auth.title": "Sign in to Đôn đốc",
    "auth.login": "User name",
    "auth.password": "Password",
    "auth.sign_in": "Sign in",
    "auth.sign_in_oidc": "Sign in with the office account",
    "auth.wrong": "Wrong user name or password.",
    "auth.wait": "Too many failed attempts. Please try again in {seconds} seconds.",
    "auth.not_allowed": "The account {email} has not been given access to Đôn đốc. Please ask the administrator.",
    "auth.sign_out": "Sign out",
    "auth.signed_in_as": "**{name}** · {role}",
    "auth.single_user": (
        "Single-user mode: no accounts are configured, so the app opens on this computer only, with "
        "administrator rights."
    ),
    "auth.network_without_accounts": (
        "The app is open to the network but no accounts are configured, so it shows no data. The administrator "
        "should create accounts (python -m analytics account add …) or serve this computer only "
        "(server.address = \"127.0.0.1\")."
    ),
    "auth.denied": "Your role does not allow you to see this.",
    "role.admin": "Administrator",
    "role.leader": "Leader",
    "role.unit": "Unit",
    "role.guest": "Guest (figures only)",
    "accounts.missing": (
        "The accounts file {path} (DONDOC_ACCOUNTS) is missing. The app stays locked until it is fixed."
    ),
    "accounts.none": "DONDOC_ACCOUNTS=none: the app serves one user on this machine, without accounts.",
    "accounts.unreadable": "The accounts file {path} cannot be read: {detail}. The app stays locked until it is fixed.",
    "accounts.broken": "The accounts file {path} is not valid TOML: {detail}. The app stays locked until it is fixed.",
    "accounts.empty": "The accounts file {path} has no accounts. The app stays locked until it is fixed.",
    "accounts.email_twice": "The accounts file {path}: one e-mail address is used by two accounts.",
    "accounts.bad_login": "The user name \"{login}\" is not valid (lower-case letters without accents, digits, . _ -).",
    "accounts.bad_entry": "The account \"{login}\" is not written correctly in the accounts file.",
    "accounts.bad_role": "Account \"{login}\": there is no role \"{role}\" (admin, leader, unit, guest).",
    "accounts.bad_units": "Account \"{login}\": units must be a list of unit names.",
    "accounts.unit_without_units": "The unit account \"{login}\" names no unit.",
    "accounts.bad_hash": (
        "Account \"{login}\": the password must be an Argon2 hash (set it with python -m analytics account "
        "password), never the password itself."
    ),
    "accounts.no_way_in": "The account \"{login}\" has neither a password nor an e-mail to sign in with.",
    "accounts.last_admin": "At least one administrator who can sign in must remain: this change was not saved.",
    "accounts.password_mismatch": "The two passwords differ.",
    "accounts.short_password": "A password needs at least {chars} characters.",
    "nav.admin": "Administration",
    "admin.heading": "Administration",
    "admin.audit": "Audit log",
    "admin.audit_help": "Who signed in, imported, undid, exported or changed accounts, and when. Newest first.",
    "admin.audit_actions": "Kind of action",
    "admin.audit_empty": "Nothing recorded yet.",
    "admin.audit_shown": "The latest {shown} entries.",
    "admin.col_at": "When",
    "admin.col_user": "User",
    "admin.col_action": "Action",
    "admin.col_detail": "Detail",
    "audit.login": "Sign-in",
    "audit.login_failed": "Failed sign-in",
    "audit.logout": "Sign-out",
    "audit.import": "Import",
    "audit.undo": "Undo",
    "audit.export": "Export",
    "audit.accounts": "Accounts",
    "audit.settings": "Settings",
    "audit.restore": "Restore",
    "admin.accounts": "Accounts",
    "admin.accounts_file": "Accounts file: `{path}`",
    "admin.no_accounts": (
        "No accounts yet: the app runs for one user on this computer. Create the first administrator below; from "
        "then on everyone (you too) signs in."
    ),
    "admin.col_login": "User name",
    "admin.col_name": "Name",
    "admin.col_role": "Role",
    "admin.col_units": "Units",
    "admin.col_email": "E-mail",
    "admin.col_password": "Has a password",
    "admin.edit": "Add or change an account",
    "admin.edit_help": (
        "Type an existing user name to change it: fields left empty (name, e-mail, units, password) stay."
    ),
    "admin.units_pick": "Units (for the Unit role)",
    "admin.units_placeholder": "Choose one or more units",
    "admin.save": "Save the account",
    "admin.saved": "Account {login} saved.",
    "admin.remove": "Remove the account",
    "admin.remove_confirm": "I am sure I want to remove this account",
    "admin.removed": "Account {login} removed.",
    "admin.not_self": "You cannot remove the account you are signed in with.",
    # --- the unit registry page (pages/units.py) ---
    "units.split_heading": "Tasks of split units not yet reassigned",
    "units.split_help": (
        "A unit split into several (its “merged into” cell names several units, separated by “;”) cannot hand "
        "its tasks over by name: they count under it until the history transfers a task to a unit, from the day "
        "of the split. Import a history with those transfers on the Import data page."
    ),
    "units.split_none": "Every task of a split unit has been reassigned (as of {day}).",
    "units.split_count": "**{count}** tasks not yet reassigned (as of {day}):",
    "units.split_col.task_id": "Task ID",
    "units.split_col.title": "Title",
    "units.split_col.unit": "Unit as recorded",
    "units.split_col.went_into": "Split into",
    "units.split_col.state": "State",
    "units.split_col.days_overdue": "Days overdue",
    "nav.units": "Units",
    "units.heading": "Unit registry",
    "units.intro": (
        "The registry says for each unit its block, its parent unit, which unit it was merged into and from which "
        "day, and the other names it goes by in the registers."
    ),
    "units.empty": (
        "**No unit registry yet.** Since 01/07/2025 local government has two levels (Law on the Organisation of "
        "Local Government No. 72/2025/QH15): districts are gone and many communes and wards have merged. A register "
        "kept across that day names the old unit on tasks given before and the new one on tasks given after. The "
        "registry says which unit merged into which, from which day, so that each task is counted under the unit "
        "that carries it on the as-of day; it also sets each unit's block, parent unit and other names.\n\n"
        "**How to get one:** import an Excel or CSV file with the columns Unit name, Block, Parent unit, Merged "
        "into, Effective date (dd/mm/yyyy), Other names (separated by ;) on the Import data page, or with the "
        "command python -m analytics units import FILE. You can also add units one by one below, or add the units "
        "the registers name at the bottom of this page."
    ),
    "units.open_import": "Import a registry on the Import data page",
    "units.in_force": "{count} units. In force: import no. {batch} ({what}, {when}).",
    "units.download": "Download the registry (.xlsx)",
    "units.file_name": "unit_registry.xlsx",
    "units.edit_heading": "Edit the registry",
    "units.edit_help": (
        "Each change is saved as a new registry import: it can be undone on the Import data page, and it is "
        "written to the activity log."
    ),
    "units.tab_add": "Add a unit",
    "units.tab_rename": "Rename",
    "units.tab_merge": "Merger",
    "units.tab_block": "Block",
    "units.tab_alias": "Other names",
    "units.unit": "Unit",
    "units.choose": "Choose a unit",
    "units.choose_first": "Choose a unit.",
    "units.block_inferred": "(from the unit's name)",
    "units.block_guessed": "{block} (from its name)",
    "units.no_parent": "(none)",
    "units.add": "Add to the registry",
    "units.new_name": "New name",
    "units.rename_note": (
        "The old name is kept as another name of the unit: registers written with the old name still match this "
        "unit. Units whose parent it is, or which were merged into it, follow the new name."
    ),
    "units.rename": "Rename",
    "units.merged_unit": "Unit merged",
    "units.not_merged": "(not merged: take the recorded merger back)",
    "units.merge_note": (
        "From the effective date (that day included), the merged unit's tasks are counted under the unit it was "
        "merged into. A unit cannot be merged into itself, nor can mergers go round in a circle."
    ),
    "units.merge": "Save the merger",
    "units.set_block": "Save the block",
    "units.alias_note": "Tasks recorded under this name are counted as the chosen unit's.",
    "units.add_alias": "Add the other name",
    "units.name_needed": "Type a name.",
    "units.saved": "Saved: {what} (import no. {batch}; it can be undone on the Import data page).",
    "units.unmatched_heading": "Units in the registers that are not in the registry",
    "units.unmatched_help": (
        "Units that have tasks but are neither a unit of the registry nor another name of one. Add them to the "
        "registry, or record them as another name of a unit already there. When a name plainly is a unit of the "
        "registry (as “P. Trần Phú” or “Phuong Tran Phu”), that unit is chosen for you."
    ),
    "units.unmatched_none": "Every unit in the registers is in the registry.",
    "units.unmatched_count": "{count} names, {tasks} tasks.",
    "units.unmatched_more": "{count} more names with fewer tasks are not shown; the “Add all” button above adds them.",
    "units.col_name": "Name in the registers",
    "units.col_tasks": "Tasks",
    "units.spelling_of": "Is another name of",
    "units.add_spelling": "Record as another name",
    "units.add_all": "Add all {count} names to the registry",
    "units.edit.unit_added": "Unit {unit} added",
    "units.edit.units_added": "{count} units added from the registers",
    "units.edit.unit_renamed": "{unit} renamed {name}",
    "units.edit.unit_merged": "{unit} merged into {successor} from {date}",
    "units.edit.unit_unmerged": "Merger of {unit} taken back",
    "units.edit.unit_block": "Block of {unit}: {block}",
    "units.edit.unit_alias": "Other name of {unit}: {name}",
    "units.problem.lineage": "Not saved: {problems}.",
    "units.problem.unknown_unit": (
        "“{unit}” is no longer in the registry (someone may just have changed it). Reload the page."
    ),
    "units.problem.not_a_name": "“{name}” is not the name of a unit.",
    "units.problem.name_taken": "“{name}” is already in the registry: {unit}.",
    "units.problem.spelling_of_other": "“{name}” is already another name of {unit}.",
    "units.problem.spelling_is_name": "“{name}” already reads as {unit} itself: nothing to add.",
    "units.problem.spelling_is_unit": "“{name}” is another unit of the registry: {unit}.",
    "units.problem.nothing_changed": "{unit} is already so: the registry is unchanged.",
    "units.problem.not_merged": "{unit} has no recorded merger: nothing to take back.",
    "units.problem.nothing_to_add": "There is no name to add.",
    "audit.units": "Unit registry",
    "import.registry_hint": (
        "A unit registry file (columns Unit name, Block, Merged into, Effective date…) is imported here too; see and "
        "edit it on the Unit registry page."
    ),
    "import.registry_file": (
        "This file is a **unit registry** (one unit a row: block, parent, merger, other names). Header row: {row}. "
        "Importing it replaces the registry in force; it can be undone."
    ),
    "import.open_units": "See the unit registry",
    "cli.backup_done": (
        "Backed up to {file} ({size} MB): {tasks} tasks, {batches} imports, {originals} original files."
    ),
    "cli.restore_preview": (
        "The backup {file} was made at {made}: {tasks} tasks, {batches} imports. "
        "Add --yes to restore it into {db} (the current copy is kept beside it)."
    ),
    "cli.restore_done": (
        "Restored from {file} (made at {made}): {tasks} tasks. The copy before the restore is kept at {kept}."
    ),
    "backup.not_a_backup": "{file} is not an Đôn đốc backup.",
    "backup.damaged": (
        "The backup {file} is damaged (its database does not open or its checksum differs); nothing was changed."
    ),
    "audit.backup": "Backup",
}
