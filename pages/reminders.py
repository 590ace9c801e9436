"""Đôn đốc: which units must get a first or second reminder letter today, and which tasks go up to the
leadership; a draft letter per unit (.docx); marking the reminders sent so tomorrow's list is right."""

import pandas as pd
import streamlit as st

from analytics import accountability, settings
from analytics.exports.letter import Letterhead, letter_file_name
from analytics.i18n import fmt_date, fmt_int
from pages.common import (
    analysis_page,
    cached,
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
                             value=accountability.REMINDER_REPEAT_DAYS, step=1, key="repeat_days",
                             bind="query-params", help=tr("remind.repeat_help"))
    everything = cached(store, accountability.reminders, view, int(repeat))
    due = everything[everything["due_today"]]
    waiting = everything[~everything["due_today"]]

    st.header(tr("remind.heading", as_of=fmt_date(view.as_of)))
    st.caption(tr("remind.definition", days=int(repeat)))
    metrics = st.columns(5)
    for column, level in zip(metrics, (1, 2, 3), strict=False):
        column.metric(level_text(level), fmt_int(int((due["level"] == level).sum()), lang()))
    metrics[3].metric(tr("remind.units"), fmt_int(due["unit"].nunique(), lang()))
    metrics[4].metric(tr("remind.waiting"), fmt_int(len(waiting), lang()), help=tr("remind.waiting_help"))

    if due.empty:
        st.info(tr("remind.nothing", as_of=fmt_date(view.as_of)), icon=":material/task_alt:")
    else:
        letterhead = letterhead_form()
        units = list(dict.fromkeys(due["unit"]))

        def all_letters() -> bytes:
            return accountability.letters_zip(accountability.reminder_letters(due, view.as_of, letterhead))

        st.download_button(tr("remind.download_all", count=len(units)), all_letters,
                           f"don_doc_{view.as_of:%Y%m%d}.zip", mime="application/zip", icon=":material/folder_zip:",
                           on_click="ignore", key="letters_zip")
        for index, unit in enumerate(units):
            rows = due[due["unit"] == unit]
            levels = ", ".join(f"{level_text(level)}: {count}"
                               for level, count in rows["level"].value_counts().sort_index().items())
            with st.expander(f"{plain(unit)} — {tr('remind.unit_summary', count=len(rows), levels=levels)}",
                             expanded=index < 3):
                task_list(rows)

                def letter(rows: pd.DataFrame = rows) -> bytes:
                    return accountability.reminder_letters(rows, view.as_of, letterhead)[0][2]

                st.download_button(tr("remind.download_letter"), letter, letter_file_name(unit, view.as_of),
                                   mime=DOCX_MIME,
                                   icon=":material/description:", on_click="ignore", key=f"letter_{index}")

        st.subheader(tr("remind.mark_heading"))
        chosen = st.multiselect(tr("remind.mark_units"), units, default=units, key="mark_units")
        sent_on = st.date_input(tr("remind.sent_on"), value=view.as_of, format="DD/MM/YYYY", key="sent_on")
        selected = due[due["unit"].isin(chosen)]
        if st.button(tr("remind.mark", count=len(selected)), type="primary", disabled=selected.empty,
                     icon=":material/mark_email_read:"):
            batch = accountability.record_reminders(store, selected, sent_on, letterhead.issuer, origin="app")
            st.session_state["reminders_recorded"] = tr(
                "remind.recorded", count=len(selected), units=selected["unit"].nunique(), date=fmt_date(sent_on),
                batch=batch)
            st.rerun()
        st.caption(tr("remind.mark_help"))

    if not waiting.empty:
        with st.expander(tr("remind.waiting_heading", count=len(waiting))):
            task_list(waiting, with_unit=True)
