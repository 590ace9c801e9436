"""Nguyên nhân: why tasks are late. Causes grouped into categories (objective / subjective and finer, by a
mapping the user edits and the database keeps), by block and by unit; and the units that extend deadlines
most, with how often their extended tasks are late all the same."""

import pandas as pd
import streamlit as st

from analytics import accountability, charts
from analytics.i18n import fmt_date, fmt_int, fmt_pct
from analytics.schema import BLOCKS
from pages.common import (
    CHART,
    analysis_page,
    cached,
    friendly_errors,
    lang,
    through_app_shell,
    tr,
)

KINDS = ("objective", "subjective")


def category_label(row: dict) -> str:
    if row["kind"] in KINDS:
        return row["category"]
    return tr(f"cause.kind_{row['kind']}")


def rules_editor(store) -> None:
    """The mapping from words in a cause to a category, in the order it is applied; saved in the database."""
    rules = store.cause_rules()
    kind_labels = {k: tr(f"cause.kind_{k}") for k in KINDS}
    by_label = {label: kind for kind, label in kind_labels.items()}
    table = pd.DataFrame({
        tr("cause.rule_words"): [r[0] for r in rules],
        tr("cause.rule_category"): [r[1] for r in rules],
        tr("cause.rule_kind"): [kind_labels[r[2]] for r in rules],
    })
    edited = st.data_editor(
        table, num_rows="dynamic", hide_index=True, width="stretch", key=f"rules_{len(rules)}_{hash(tuple(rules))}",
        column_config={
            tr("cause.rule_words"): st.column_config.TextColumn(required=True, max_chars=200),
            tr("cause.rule_category"): st.column_config.TextColumn(required=True, max_chars=200),
            tr("cause.rule_kind"): st.column_config.SelectboxColumn(options=list(kind_labels.values()),
                                                                    required=True),
        },
    )
    save, reset = st.columns(2)
    if save.button(tr("cause.rules_save"), type="primary", icon=":material/save:"):
        rows = [(str(w or "").strip(), str(c or "").strip(), by_label.get(k))
                for w, c, k in edited.itertuples(index=False, name=None)]
        kept = [r for r in rows if r[0] and r[1] and r[2]]
        store.save_cause_rules(kept)
        st.session_state["rules_message"] = tr("cause.rules_saved", count=len(kept), dropped=len(rows) - len(kept))
        st.rerun()
    if reset.button(tr("cause.rules_reset"), icon=":material/restart_alt:"):
        store.save_cause_rules(None)
        st.session_state["rules_message"] = tr("cause.rules_restored")
        st.rerun()


through_app_shell("pages/causes.py")
with friendly_errors():
    store, view, compare, snapshot = analysis_page("nav.causes")
    if "rules_message" in st.session_state:
        st.success(st.session_state.pop("rules_message"), icon=":material/save:")

    causes = cached(store, accountability.late_causes, view)
    late = int(causes["tasks"].sum())
    by_kind = causes.groupby("kind")["tasks"].sum()
    st.header(tr("cause.heading", as_of=fmt_date(view.as_of)))
    st.caption(tr("cause.definition"))
    metrics = st.columns(4)
    metrics[0].metric(tr("cause.late_tasks"), fmt_int(late, lang()))
    for column, kind in zip(metrics[1:], ("objective", "subjective", "none"), strict=True):
        share = int(by_kind.get(kind, 0)) / late if late else None
        column.metric(tr(f"cause.kind_{kind}"), fmt_int(int(by_kind.get(kind, 0)), lang()),
                      help=tr("cause.share", share=fmt_pct(share, lang())))

    if late:
        categories = causes.assign(category=[category_label(r) for r in causes.to_dict("records")])
        categories = categories.groupby(["kind", "category"], as_index=False)["tasks"].sum()
        kind_labels = {k: tr(f"cause.kind_{k}") for k in ("objective", "subjective", "unclassified", "none")}
        st.plotly_chart(charts.cause_categories(categories, tr("cause.chart", as_of=fmt_date(view.as_of)),
                                                kind_labels, tr("col.count")), **CHART)

        st.subheader(tr("cause.by_block"))
        pivot = causes.assign(category=[category_label(r) for r in causes.to_dict("records")]).pivot_table(
            index=["kind", "category"], columns="block", values="tasks", aggfunc="sum", fill_value=0)
        blocks = [b for b in BLOCKS if b in pivot.columns]
        pivot = pivot[blocks].assign(total=pivot[blocks].sum(axis=1)).sort_values("total", ascending=False)
        pivot = pivot.reset_index()
        st.dataframe(pd.DataFrame({
            tr("cause.rule_kind"): [kind_labels[k] for k in pivot["kind"]],
            tr("cause.rule_category"): pivot["category"],
            **{tr(f"block.{b}"): pivot[b] for b in blocks},
            tr("push.total"): pivot["total"],
        }), hide_index=True, width="stretch")

        st.subheader(tr("cause.by_unit"))
        units = causes.pivot_table(index=["unit", "block"], columns="kind", values="tasks", aggfunc="sum",
                                   fill_value=0)
        for kind in kind_labels:
            if kind not in units.columns:
                units[kind] = 0
        units = units.assign(total=units[list(kind_labels)].sum(axis=1)).reset_index()
        units = units.sort_values(["subjective", "total", "unit"], ascending=[False, False, True], kind="stable")
        st.dataframe(pd.DataFrame({
            tr("col.unit"): units["unit"],
            tr("col.block"): [tr(f"block.{b}") for b in units["block"]],
            **{kind_labels[k]: units[k] for k in kind_labels},
            tr("push.total"): units["total"],
        }), hide_index=True, width="stretch", height=min(40 * (len(units) + 1) + 3, 520), row_height=40)

        unclassified = causes.dropna(subset=["unclassified_cause"]).groupby("unclassified_cause")["tasks"].sum()
        if len(unclassified):
            with st.expander(tr("cause.unclassified_heading", count=int(unclassified.sum()))):
                st.caption(tr("cause.unclassified_help"))
                st.dataframe(pd.DataFrame({tr("col.cause"): unclassified.index, tr("col.count"): unclassified.values})
                             .sort_values(tr("col.count"), ascending=False), hide_index=True, width="stretch")

    st.header(tr("cause.extensions_heading", as_of=fmt_date(view.as_of)))
    extensions = cached(store, accountability.extensions_by_unit, view)
    extended = extensions[extensions["extended"] > 0]
    if extended.empty:
        st.info(tr("cause.no_extensions"))
    else:
        came, late_ext = int(extensions["extended_came_due"].sum()), int(extensions["extended_late"].sum())
        other_came, other_late = int(extensions["other_came_due"].sum()), int(extensions["other_late"].sum())
        st.markdown(tr("cause.extensions_summary",
                       extended=fmt_int(int(extensions["extended"].sum()), lang()),
                       rate=fmt_pct(late_ext / came if came else None, lang()),
                       other=fmt_pct(other_late / other_came if other_came else None, lang())))
        st.dataframe(pd.DataFrame({
            tr("col.unit"): extended["unit"],
            tr("cause.ext_tasks"): extended["tasks"],
            tr("cause.ext_extended"): extended["extended"],
            tr("cause.ext_share"): [fmt_pct(e / t, lang()) for e, t in zip(extended["extended"], extended["tasks"],
                                                                            strict=True)],
            tr("cause.ext_events"): extended["extension_events"],
            tr("cause.ext_came_due"): extended["extended_came_due"],
            tr("cause.ext_late"): extended["extended_late"],
            tr("cause.ext_late_rate"): [fmt_pct(None if pd.isna(v) else v, lang())
                                        for v in extended["extended_late_rate"]],
        }), hide_index=True, width="stretch", height=min(40 * (len(extended) + 1) + 3, 520), row_height=40)

    if view.access.may_change_data:  # the rules are a setting: an administrator's
        with st.expander(tr("cause.rules_heading")):
            st.caption(tr("cause.rules_help"))
            rules_editor(store)
