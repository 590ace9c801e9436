"""Đôn đốc: which units must get a first or second reminder letter today, and which tasks go up to the
leadership; a draft letter per unit (.docx); marking the reminders sent so tomorrow's list is right."""

import pandas as pd
import streamlit as st

from analytics import accountability, settings
from analytics.exports.letter import Letterhead, letter_file_name
from analytics.i18n import fmt_date, fmt_int
from analytics.schema import REMINDER_REPEAT_DAYS
from pages.common import (
    analysis_page,
    cached,
    download_button,
    friendly_errors,
    lang,
    plain,
    through_app_shell,
    tr,
)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def level_text(level: int) -> str:
    return tr(f"remind.level_{int(level)}")


def task_list(rows: pd.DataFrame, with_unit: bool = False) -> None:
    shown = pd.DataFrame({
        **({tr("col.unit"): rows["unit"]} if with_unit else {}),
        tr("col.task_id"): rows["task_id"],
        tr("col.title"): rows["title"].fillna(""),
        tr("col.assignee"): rows["assignee"].fillna(""),
        tr("col.effective_due"): [fmt_date(d) for d in rows["effective_due"]],
        tr("col.days_overdue"): rows["days_overdue"],
        tr("remind.level"): [level_text(v) for v in rows["level"]],
        tr("remind.last_sent"): [fmt_date(None if pd.isna(d) else d) for d in rows["last_sent"]],
    })
    st.dataframe(shown, hide_index=True, width="stretch", row_height=40,
                 column_config={tr("col.title"): st.column_config.TextColumn(width="large")})


def letterhead_form() -> Letterhead:
    """What the letters print as issuing body and signer: the deployment's defaults, editable here."""
    defaults = settings.letterhead_defaults()
    with st.expander(tr("remind.letterhead")):
        cols = st.columns(2)
        values = {}
        for index, name in enumerate(("superior", "issuer", "place", "signer_title")):
            values[name] = cols[index % 2].text_input(tr(f"remind.letter_{name}"), value=defaults[name],
                                                      key=f"letter_{name}", max_chars=200)
    return Letterhead(**{k: v.strip() for k, v in values.items()})


through_app_shell("pages/reminders.py")
with friendly_errors():
    store, view, compare, snapshot = analysis_page("nav.reminders")
    if "reminders_recorded" in st.session_state:
        st.success(st.session_state.pop("reminders_recorded"), icon=":material/mark_email_read:")

    repeat = st.columns([1, 3])[0].number_input(tr("remind.repeat_days"), min_value=1, max_value=90,
                             value=REMINDER_REPEAT_DAYS, step=1, key="repeat_days",
                             bind="query-params", help=tr("remind.repeat_help"))
    repeat = int(repeat)
    # Counts per unit, and only the first tasks of each unit: the letters and the record of what was sent read
    # every task of the units asked for when their button is pressed.
    summary = cached(store, accountability.reminder_summary, view, repeat)
    due_units = summary[summary["due"] > 0]
    waiting_count = int(summary["waiting"].sum())

    def due_rows(units: tuple[str, ...] | None) -> pd.DataFrame:
        with store.connect() as con:
            return accountability.reminders_due(con, view, repeat, units)

    st.header(tr("remind.heading", as_of=fmt_date(view.as_of)))
    st.caption(tr("remind.definition", days=repeat))
    metrics = st.columns(5)
    for column, level in zip(metrics, (1, 2, 3), strict=False):
        column.metric(level_text(level), fmt_int(int(summary[f"level_{level}"].sum()), lang()))
    metrics[3].metric(tr("remind.units"), fmt_int(len(due_units), lang()))
    metrics[4].metric(tr("remind.waiting"), fmt_int(waiting_count, lang()), help=tr("remind.waiting_help"))

    if due_units.empty:
        st.info(tr("remind.nothing", as_of=fmt_date(view.as_of)), icon=":material/task_alt:")
    else:
        letterhead = letterhead_form()
        units = list(due_units["unit"])
        shown = cached(store, accountability.reminders, view, repeat, None, True,
                       accountability.REMINDERS_SHOWN_PER_UNIT)

        def all_letters() -> bytes:
            return accountability.letters_zip(accountability.reminder_letters(due_rows(None), view.as_of, letterhead))

        download_button(st, tr("remind.download_all", count=len(units)), all_letters,
                        f"don_doc_{view.as_of:%Y%m%d}.zip", mime="application/zip", icon=":material/folder_zip:",
                        key="letters_zip")
        for index, counts in enumerate(due_units.to_dict("records")):
            unit = counts["unit"]
            levels = ", ".join(f"{level_text(level)}: {counts[f'level_{level}']}" for level in (1, 2, 3)
                               if counts[f"level_{level}"])
            with st.expander(f"{plain(unit)} — {tr('remind.unit_summary', count=counts['due'], levels=levels)}",
                             expanded=index < 3):
                rows = shown[shown["unit"] == unit]
                task_list(rows)
                if counts["due"] > len(rows):
                    st.caption(tr("remind.shown_first", shown=fmt_int(len(rows), lang()),
                                  total=fmt_int(counts["due"], lang())))

                def letter(unit: str = unit) -> bytes:
                    return accountability.reminder_letters(due_rows((unit,)), view.as_of, letterhead)[0][2]

                download_button(st, tr("remind.download_letter"), letter, letter_file_name(unit, view.as_of),
                                   mime=DOCX_MIME,
                                   icon=":material/description:", key=f"letter_{index}")

        if view.access.may_change_data:  # recording what was sent changes the data: an administrator's
            st.subheader(tr("remind.mark_heading"))
            chosen = st.multiselect(tr("remind.mark_units"), units, default=units, key="mark_units")
            sent_on = st.date_input(tr("remind.sent_on"), value=view.as_of, format="DD/MM/YYYY", key="sent_on")
            selected_count = int(due_units[due_units["unit"].isin(chosen)]["due"].sum())
            if st.button(tr("remind.mark", count=selected_count), type="primary", disabled=not selected_count,
                         icon=":material/mark_email_read:"):
                selected = due_rows(tuple(chosen))
                batch = accountability.record_reminders(store, selected, sent_on, letterhead.issuer,
                                                        origin="app", access=view.access)
                st.session_state["reminders_recorded"] = tr(
                    "remind.recorded", count=len(selected), units=selected["unit"].nunique(), date=fmt_date(sent_on),
                    batch=batch)
                st.rerun()
            st.caption(tr("remind.mark_help"))

    if waiting_count:
        with st.expander(tr("remind.waiting_heading", count=waiting_count)):
            waiting = cached(store, accountability.reminders, view, repeat, None, False, None,
                             accountability.WAITING_SHOWN)
            task_list(waiting, with_unit=True)
            if waiting_count > len(waiting):
                st.caption(tr("remind.waiting_shown_first", shown=fmt_int(len(waiting), lang()),
                              total=fmt_int(waiting_count, lang())))
