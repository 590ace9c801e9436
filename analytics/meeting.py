"""The meeting room's documents: the slide deck, a unit's briefing and the period report.

Each builder runs the queries for one view and returns a `Document` (analytics/document.py) in the user's
language. The presentation and briefing pages show it; the PDF, PPTX and XLSX renderers lay it out; the
command line's `export` writes it. One builder per document, so the screen and the printed copy agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from analytics import charts, queries
from analytics.document import Column, Document, KeyFigure, Section, Table
from analytics.i18n import fmt_date, fmt_int, fmt_pct, fmt_signed, t
from analytics.schema import AGING_BUCKETS, BLOCKS, COMMEND_MIN_TASKS

DECK_TOP_UNITS = 10  # bars per unit slide: readable from the back of the room
DECK_LONGEST = 6  # rows on the longest-overdue slide: what fits at 16 pt and more on a PowerPoint slide
DECK_TITLE_CHARS = 90  # a slide shows the start of a long title; the printed briefing shows all of it
DECK_CAUSE_CHARS = 60
COMMEND_UNITS = 5
DOC_LINEAGE_LINES = 4  # units that include merged ones, named in a document's context lines


@dataclass(frozen=True)
class Context:
    """What every document prints about itself."""

    view: queries.View
    snapshot: dt.date | None
    lang: str = "vi"
    compare: dt.date | None = None
    sample: bool = False  # the bundled synthetic sample is loaded: say so on the printed copy
    today: dt.date | None = None

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    @property
    def as_of(self) -> str:
        return fmt_date(self.view.as_of)

    def lines(self, period_start: dt.date | None = None, carried: pd.DataFrame | None = None) -> tuple[str, ...]:
        """The document's context lines; `carried` (queries.carried_units) says which units include merged ones."""
        lines = [self.tr("doc.as_of", as_of=self.as_of),
                 self.tr("doc.snapshot", snapshot=fmt_date(self.snapshot) or "—")]
        if period_start is not None:
            lines.append(self.tr("doc.period", start=fmt_date(period_start), end=self.as_of))
        if self.compare is not None:
            lines.append(self.tr("doc.compare", compare=fmt_date(self.compare)))
        filters = describe_filters(self.view.filters, self.lang)
        lines.append(self.tr("doc.filters", filters=filters or self.tr("doc.no_filters")))
        if self.view.by_recorded_unit:
            lines.append(self.tr("lineage.by_recorded"))
        elif carried is not None:  # the units with most inherited tasks; a title slide holds only a few lines
            described = describe_lineage(carried, self.lang)
            lines.extend(described[:DOC_LINEAGE_LINES])
            if len(described) > DOC_LINEAGE_LINES:
                lines.append(self.tr("lineage.more", count=len(described) - DOC_LINEAGE_LINES))
        if self.compare is not None and self.compare >= self.view.as_of:
            lines.append(self.tr("warn.compare_after", compare=fmt_date(self.compare), as_of=self.as_of))
        if self.snapshot and self.view.as_of > self.snapshot:
            lines.append(self.tr("warn.after_snapshot", as_of=self.as_of, snapshot=fmt_date(self.snapshot)))
        if self.sample:
            lines.append(self.tr("doc.sample"))
        lines.append(self.tr("doc.made", day=fmt_date(self.today or dt.date.today())))
        return tuple(lines)

    def footer(self) -> str:
        """On every slide and printed page: the as-of and snapshot dates, and the filters when there are any."""
        footer = self.tr("doc.footer", as_of=self.as_of, snapshot=fmt_date(self.snapshot) or "—")
        filters = describe_filters(self.view.filters, self.lang)
        return f"{footer} · {self.tr('doc.filters', filters=filters)}" if filters else footer


def describe_filters(filters: queries.Filters, lang: str = "vi") -> str:
    """The active filters in words ("Khối: Xã, phường, thị trấn; Lĩnh vực: Đất đai"), empty when none."""
    parts = []
    if filters.blocks:
        parts.append(t("sidebar.block", lang) + ": " + ", ".join(t(f"block.{b}", lang) for b in filters.blocks))
    for label, values in (
        ("sidebar.unit", filters.units),
        ("sidebar.assigner", filters.assigners),
        ("sidebar.field", filters.fields),
        ("sidebar.origin", filters.origins),
    ):
        if values:
            parts.append(t(label, lang) + ": " + ", ".join(values))
    if filters.assignees:
        parts.append(t("col.assignee", lang) + ": " + ", ".join(filters.assignees))
    if filters.search.strip():
        parts.append(t("filter.search", lang) + ": " + filters.search.strip())
    for label, start, end in (("filter.assigned", filters.assigned_from, filters.assigned_to),
                              ("filter.due", filters.due_from, filters.due_to)):
        if start or end:
            parts.append(t(label, lang) + ": " + (fmt_date(start) or "…") + " – " + (fmt_date(end) or "…"))
    return "; ".join(parts)


def describe_lineage(carried: pd.DataFrame, lang: str = "vi", unit: str | None = None) -> list[str]:
    """One line per unit that carries merged units' tasks (queries.carried_units), those carrying most first, or
    for `unit` alone:
    "Phường Nghĩa Lộ gồm Phường Lê Hồng Phong, Phường Quảng Phú, Phường Trần Phú đến 30/06/2025"."""
    lines = []
    rows = carried if unit is None else carried[carried["unit"] == unit]
    # The units carrying the most tasks of others first (where the figures change most), then in name order.
    order = rows.groupby("unit", sort=False)["tasks"].sum().sort_values(ascending=False, kind="stable").index
    for carrier in order:
        group = rows[rows["unit"] == carrier]
        parts = [t("lineage.until", lang, units=", ".join(dict.fromkeys(part["predecessor"])), day=fmt_date(until))
                 for until, part in group.groupby("until", sort=False)]
        lines.append(t("lineage.includes", lang, unit=carrier, parts="; ".join(parts)))
    return lines


def _shorten(text: object, limit: int) -> str:
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _value(value: object) -> object:
    """A pandas cell as a plain Python value (NaN/NaT -> None, numpy ints -> int)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _change_line(ctx: Context, now: int, before: int) -> str:
    if ctx.compare is None:
        return ""
    change = now - before
    key = "deck.change_up" if change > 0 else "deck.change_down" if change < 0 else "deck.change_none"
    return ctx.tr(key, change=fmt_int(abs(change), ctx.lang), compare=fmt_date(ctx.compare),
                  before=fmt_int(before, ctx.lang))


def _key_figures(ctx: Context, counts: queries.Counts, previous: queries.Counts | None) -> tuple[KeyFigure, ...]:
    lang = ctx.lang
    overdue_note = ""
    if previous is not None and ctx.compare is not None:
        overdue_note = ctx.tr("kpi.since_value", change=fmt_signed(counts.overdue - previous.overdue, lang),
                              compare=fmt_date(ctx.compare))
    return (
        KeyFigure(ctx.tr("kpi.overdue"), fmt_int(counts.overdue, lang), overdue_note),
        KeyFigure(ctx.tr("kpi.total"), fmt_int(counts.total, lang)),
        KeyFigure(ctx.tr("kpi.on_time_rate"), fmt_pct(counts.on_time_rate, lang),
                  ctx.tr("kpi.completion_rate", rate=fmt_pct(counts.completion_on_time_rate, lang))),
        KeyFigure(ctx.tr("kpi.due_soon", days=ctx.view.due_soon_days), fmt_int(counts.due_soon, lang)),
        KeyFigure(ctx.tr("kpi.no_deadline"), fmt_int(counts.no_deadline, lang)),
    )


# --- the slide deck ---------------------------------------------------------------------------------------

def commendable(units: pd.DataFrame, minimum: int = COMMEND_MIN_TASKS, top: int = COMMEND_UNITS) -> pd.DataFrame:
    """Units with the best on-time rate among those with at least `minimum` tasks that came due.
    Ties go to the unit with more tasks done on time, then by name; a unit with none on time is not commended.
    Columns: unit, block, rate, on_time, came_due."""
    frame = units.assign(came_due=units["done_on_time"] + units["done_late"] + units["overdue"])
    frame = frame[(frame["came_due"] >= minimum) & (frame["done_on_time"] > 0)]  # 0% is never commended
    frame = frame.assign(rate=frame["done_on_time"] / frame["came_due"], on_time=frame["done_on_time"])
    frame = frame.sort_values(["rate", "on_time", "unit"], ascending=[False, False, True], kind="stable")
    return frame.loc[:, ["unit", "block", "rate", "on_time", "came_due"]].head(top).reset_index(drop=True)


def _unit_slide(ctx: Context, by_unit: pd.DataFrame, blocks: set[str], key: str) -> Section:
    title = ctx.tr(f"deck.{key}", top=DECK_TOP_UNITS, as_of=ctx.as_of)
    part = by_unit[by_unit["block"].isin(blocks)]
    if part.empty:
        return Section(key, title, empty=ctx.tr("chart.no_overdue"))
    bucket_labels = {b: ctx.tr(f"bucket.{b}") for b in AGING_BUCKETS}
    fig = charts.overdue_by_unit(part, "", bucket_labels, ctx.tr("chart.axis_tasks"), max_units=DECK_TOP_UNITS)
    shown = part["unit"].nunique()
    lines = ()
    if shown > DECK_TOP_UNITS:
        lines = (ctx.tr("deck.units_shown", shown=DECK_TOP_UNITS, total=shown),)
    return Section(key, title, lines=lines, chart=fig)


def build_deck(con: duckdb.DuckDBPyConnection, ctx: Context, min_tasks: int = COMMEND_MIN_TASKS) -> Document:
    """The giao ban deck: headline, blocks, departments, wards and communes, trend since the previous meeting,
    the longest-overdue tasks with their causes, and the units to commend."""
    view, lang = ctx.view, ctx.lang
    compare = ctx.compare or view.as_of - dt.timedelta(days=7)
    data = queries.overview(con, view, compare, longest=DECK_LONGEST)
    counts, previous = data.counts, data.previous
    sections: list[Section] = []

    change = _change_line(ctx, counts.overdue, previous.overdue)
    sections.append(Section(
        "headline", ctx.tr("deck.headline_title", as_of=ctx.as_of),
        headline=ctx.tr("deck.headline", count=fmt_int(counts.overdue, lang), as_of=ctx.as_of),
        lines=(change,) if change else (), figures=_key_figures(ctx, counts, None)[1:],
    ))

    block_title = ctx.tr("chart.by_block", as_of=ctx.as_of)
    if counts.overdue:
        block_labels = {b: ctx.tr(f"block.{b}") for b in BLOCKS}
        fig = charts.overdue_by_block(data.by_block(), "", block_labels)
        sections.append(Section("by_block", block_title, chart=fig))
    else:
        sections.append(Section("by_block", block_title, empty=ctx.tr("chart.no_overdue")))
    sections.append(_unit_slide(ctx, data.by_unit, {"government"}, "departments"))
    sections.append(_unit_slide(ctx, data.by_unit, {"commune"}, "communes"))

    # The trend since the previous meeting; at least a week, so a line has a shape.
    start = min(compare, view.as_of - dt.timedelta(days=7))
    daily = queries.trend(con, view, start)
    fig = charts.overdue_trend(daily, "", ctx.tr("chart.axis_tasks"), compare, ctx.tr("chart.compare_marker"))
    sections.append(Section(
        "trend", ctx.tr("chart.trend", start=fmt_date(start), as_of=ctx.as_of),
        lines=(change,) if change else (), chart=fig,
    ))

    longest_title = ctx.tr("deck.longest", count=DECK_LONGEST, as_of=ctx.as_of)
    if not view.access.sees_details:  # a guest: figures only, and the slide says why it has no list
        sections.append(Section("longest", longest_title, empty=ctx.tr("doc.list_not_for_role")))
    elif len(data.longest):
        table = Table(
            columns=(Column(ctx.tr("col.unit"), width=2.2), Column(ctx.tr("col.title"), width=4.5),
                     Column(ctx.tr("col.days_overdue"), "int", 1.0), Column(ctx.tr("col.cause"), width=2.8)),
            rows=tuple(
                (row["unit"], _shorten(row["title"], DECK_TITLE_CHARS), _value(row["days_overdue"]),
                 _shorten(_value(row["cause"]) or ctx.tr("doc.no_cause"), DECK_CAUSE_CHARS))
                for row in data.longest.to_dict("records")
            ),
        )
        sections.append(Section("longest", longest_title, table=table))
    else:
        sections.append(Section("longest", longest_title, empty=ctx.tr("chart.no_overdue")))

    best = commendable(queries.unit_states(con, view), minimum=min_tasks)
    commend_title = ctx.tr("deck.commend", as_of=ctx.as_of)
    commend_rule = ctx.tr("deck.commend_rule", minimum=min_tasks)
    if len(best):
        labels = [f"{fmt_pct(r.rate, lang)} ({fmt_int(r.on_time, lang)}/{fmt_int(r.came_due, lang)})"
                  for r in best.itertuples()]
        fig = charts.on_time_rates(best.assign(label=labels), "", ctx.tr("kpi.on_time_rate"))
        sections.append(Section("commend", commend_title, lines=(commend_rule,),
                                chart=fig))
    else:
        sections.append(Section("commend", commend_title, lines=(commend_rule,),
                                empty=ctx.tr("deck.commend_none", minimum=min_tasks)))

    return Document(
        kind="deck", title=ctx.tr("deck.title", as_of=ctx.as_of),
        context=ctx.lines(carried=queries.carried_units(con, ctx.view)), sections=tuple(sections),
        lang=lang, landscape=True, footer=ctx.footer(), file_stem=f"trinh_chieu_{view.as_of:%Y%m%d}",
    )


# --- a unit's briefing (dialogue and questioning sessions) ------------------------------------------------

def _rank(units: pd.DataFrame, unit: str, column: str, ascending: bool) -> tuple[int, int] | None:
    """The unit's place among the units of its block by `column` (1 = first), and how many there are."""
    row = units[units["unit"] == unit]
    if row.empty:
        return None
    peers = units[units["block"] == row["block"].iloc[0]].dropna(subset=[column])
    if unit not in set(peers["unit"]):
        return None
    value = row[column].iloc[0]
    better = (peers[column] < value) if ascending else (peers[column] > value)
    return int(better.sum()) + 1, len(peers)


def _state_label(ctx: Context, state: object) -> str:
    return ctx.tr(f"state.{state}") if state else ""


def _task_table(ctx: Context, frame: pd.DataFrame, columns: list[tuple[str, str, float]]) -> Table:
    """Every row of a task frame as a Table (a briefing leaves nothing out; printed tables paginate);
    `columns`: (frame column, kind, width). `state` is translated."""
    rows = []
    for record in frame.to_dict("records"):
        row = []
        for name, _kind, _width in columns:
            value = _value(record.get(name))
            if name == "state":
                value = _state_label(ctx, value)
            elif name == "cause" and value is None and record.get("state", "overdue") in ("overdue", "done_late"):
                value = ctx.tr("doc.no_cause")
            row.append(value)
        rows.append(tuple(row))
    return Table(
        columns=tuple(Column(ctx.tr(f"col.{name}"), kind, width) for name, kind, width in columns),
        rows=tuple(rows),
    )


def build_briefing(
    con: duckdb.DuckDBPyConnection, ctx: Context, unit: str | None = None, hide_names: bool = False
) -> Document:
    """What organisers hand out before a dialogue or questioning session: one unit (or all of them, `unit`
    None) as of a day — figures and rank, change since the comparison day, overdue tasks with their causes,
    tasks moved between units or extended, and commitments made at questioning/dialogue sessions."""
    view, lang = ctx.view, ctx.lang
    compare = ctx.compare or view.as_of - dt.timedelta(days=7)
    if unit is not None:
        # The chosen unit takes the place of any unit filter: the document's context says so, and the unit is
        # ranked among all the units of its block, not only those a filter happened to leave.
        peers_view = replace(view, filters=replace(view.filters, units=()))
        view = replace(view, filters=replace(view.filters, units=(unit,)))
        ctx = replace(ctx, view=view)
    scoped = view
    counts = queries.counts(con, scoped)
    previous = queries.counts(con, scoped.at(compare))
    who = unit or ctx.tr("brief.everyone")
    sections: list[Section] = []

    # Figures, rank and change.
    lines = []
    change = _change_line(ctx, counts.overdue, previous.overdue)
    if change:
        lines.append(change)
    rate_change = ctx.tr("brief.rate_change", before=fmt_pct(previous.on_time_rate, lang),
                         now=fmt_pct(counts.on_time_rate, lang), compare=fmt_date(compare))
    lines.append(rate_change)
    by_block = None
    if unit is not None:
        units = queries.unit_states(con, peers_view)
        units = units.assign(came_due=units["done_on_time"] + units["done_late"] + units["overdue"])
        units = units.assign(rate=(units["done_on_time"] / units["came_due"]).where(units["came_due"] > 0))
        block = units.loc[units["unit"] == unit, "block"]
        peers = ctx.tr(f"brief.peers.{block.iloc[0]}") if len(block) else ""
        overdue_rank = _rank(units, unit, "overdue", ascending=False)
        if overdue_rank:
            lines.append(ctx.tr("brief.rank_overdue", rank=overdue_rank[0], of=overdue_rank[1], peers=peers))
        rate_rank = _rank(units, unit, "rate", ascending=False)
        if rate_rank:
            lines.append(ctx.tr("brief.rank_rate", rank=rate_rank[0], of=rate_rank[1], peers=peers))
    else:
        frame = queries.group_counts(con, scoped, "block")
        frame = frame.assign(came_due=frame["done_on_time"] + frame["done_late"] + frame["overdue"])
        by_block = Table(
            columns=(Column(ctx.tr("col.block"), width=3), Column(ctx.tr("kpi.total"), "int"),
                     Column(ctx.tr("kpi.overdue"), "int"), Column(ctx.tr("kpi.due_soon", days=view.due_soon_days),
                                                                  "int"),
                     Column(ctx.tr("kpi.on_time_rate"), "pct")),
            rows=tuple(
                (ctx.tr(f"block.{r['key']}"), int(r["total"]), int(r["overdue"]), int(r["due_soon"]),
                 (r["done_on_time"] / r["came_due"]) if r["came_due"] else None)
                for r in frame.to_dict("records")
            ),
        )
    sections.append(Section("figures", ctx.tr("brief.figures", who=who, as_of=ctx.as_of), lines=tuple(lines),
                            figures=_key_figures(ctx, counts, previous), table=by_block))

    unit_column = [] if unit is not None else [("unit", "text", 2.0)]
    names = [] if hide_names else [("assignee", "text", 1.6)]

    overdue = queries.overdue_tasks(con, scoped)
    overdue_title = ctx.tr("brief.overdue", count=fmt_int(len(overdue), lang), as_of=ctx.as_of)
    if len(overdue):
        table = _task_table(ctx, overdue, [("task_id", "text", 1.8), *unit_column, ("title", "text", 4.0), *names,
                                           ("effective_due", "date", 1.1), ("days_overdue", "int", 1.0),
                                           ("cause", "text", 2.4)])
        sections.append(Section("overdue", overdue_title, table=table))
        causes = overdue["cause"].fillna(ctx.tr("doc.no_cause")).value_counts()
        sections.append(Section("causes", ctx.tr("brief.causes", as_of=ctx.as_of), table=Table(
            columns=(Column(ctx.tr("col.cause"), width=5), Column(ctx.tr("col.count"), "int", 1)),
            rows=tuple((str(cause), int(n)) for cause, n in causes.items()),
        )))
    else:
        sections.append(Section("overdue", overdue_title, empty=ctx.tr("chart.no_overdue")))

    changed = queries.changed_hands(con, scoped)
    changed_title = ctx.tr("brief.changed", count=fmt_int(len(changed), lang))
    if len(changed):
        table = _task_table(ctx, changed, [("task_id", "text", 1.8), *unit_column, ("title", "text", 4.0),
                                           ("transfers", "int", 1.0), ("due_date", "date", 1.1),
                                           ("extended_due_date", "date", 1.1), ("state", "text", 1.4)])
        sections.append(Section("changed", changed_title, table=table))
    else:
        sections.append(Section("changed", changed_title, empty=ctx.tr("brief.changed_none")))

    promised = queries.commitments(con, scoped)
    promised_title = ctx.tr("brief.commitments", count=fmt_int(len(promised), lang))
    if len(promised):
        done = int(promised["completed_date"].notna().sum())  # incl. done commitments without a deadline
        late = int((promised["state"] == "overdue").sum())
        summary = ctx.tr("brief.commitments_summary", done=fmt_int(done, lang), overdue=fmt_int(late, lang),
                         total=fmt_int(len(promised), lang))
        table = _task_table(ctx, promised, [("task_id", "text", 1.8), *unit_column, ("title", "text", 3.6),
                                            ("origin", "text", 1.2), ("source_doc", "text", 1.4),
                                            ("effective_due", "date", 1.1), ("state", "text", 1.4),
                                            ("days_overdue", "int", 1.0), ("completed_date", "date", 1.1)])
        sections.append(Section("commitments", promised_title, lines=(summary,), table=table))
    else:
        sections.append(Section("commitments", promised_title, empty=ctx.tr("brief.commitments_none")))

    context = ctx.lines(carried=queries.carried_units(con, view))
    if hide_names:
        context = (*context, ctx.tr("brief.names_hidden"))
    stem = "tong_hop" if unit is None else "don_vi"
    return Document(
        kind="briefing", title=ctx.tr("brief.title", who=who, as_of=ctx.as_of), context=context,
        sections=tuple(sections), lang=lang, landscape=False, footer=ctx.footer(),
        file_stem=f"chuan_bi_{stem}_{view.as_of:%Y%m%d}",
        meta={"total": counts.total},
    )


# --- the period report -----------------------------------------------------------------------------------

ROMAN = ("I", "II", "III", "IV", "V", "VI")


def period_start_default(end: dt.date) -> dt.date:
    """Offices report by month: the first day of the end day's month."""
    return end.replace(day=1)


def build_period(con: duckdb.DuckDBPyConnection, ctx: Context, start: dt.date) -> Document:
    """The standard period report, per unit grouped by block with subtotals and a grand total."""
    view, lang = ctx.view, ctx.lang
    frame = queries.period_report(con, view, start)
    numbers = list(queries.PERIOD_COLUMNS)
    columns = (
        Column(ctx.tr("period.no"), width=0.5), Column(ctx.tr("col.unit"), width=3.2),
        Column(ctx.tr("period.carried_over", start=fmt_date(start)), "int"),
        Column(ctx.tr("period.assigned"), "int"), Column(ctx.tr("period.total"), "int"),
        Column(ctx.tr("period.done_early"), "int"), Column(ctx.tr("period.done_on_due"), "int"),
        Column(ctx.tr("period.done_late"), "int"), Column(ctx.tr("period.no_deadline"), "int"),
        Column(ctx.tr("period.open_in_time"), "int"), Column(ctx.tr("period.open_overdue"), "int"),
        Column(ctx.tr("period.no_deadline"), "int"),
    )
    groups = (("", 1), ("", 1), ("", 1), ("", 1), ("", 1), (ctx.tr("period.done"), 4),
              (ctx.tr("period.open", end=ctx.as_of), 3))

    def figures(sums: list[int]) -> tuple[int, ...]:  # the form adds "total to do" after the first two
        return (sums[0], sums[1], sums[0] + sums[1], *sums[2:])

    rows: list[tuple] = []
    emphasis: set[int] = set()
    present = [b for b in BLOCKS if (frame["block"] == b).any()]
    for index, block in enumerate(present):
        part = frame[frame["block"] == block]
        emphasis.add(len(rows))
        rows.append((ROMAN[index], ctx.tr(f"block.{block}"), *figures([int(part[c].sum()) for c in numbers])))
        for number, record in enumerate(part.to_dict("records"), start=1):
            rows.append((str(number), record["unit"], *figures([int(record[c]) for c in numbers])))
    emphasis.add(len(rows))
    rows.append(("", ctx.tr("period.grand_total"), *figures([int(frame[c].sum()) for c in numbers])))

    title = ctx.tr("period.title", start=fmt_date(start), end=ctx.as_of)
    table = Table(columns, tuple(rows), groups=groups, emphasis=frozenset(emphasis))
    section = Section("period", ctx.tr("period.by_unit"), table=table, lines=(ctx.tr("period.rule"),))
    return Document(
        kind="period", title=title, context=ctx.lines(period_start=start, carried=queries.carried_units(con, view)),
        sections=(section,), lang=lang,
        landscape=True, footer=ctx.footer(), file_stem=f"bao_cao_ky_{start:%Y%m%d}_{view.as_of:%Y%m%d}",
    )
