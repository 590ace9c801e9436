"""The rules that sort free-text causes of delay into categories, as stored (docs/design.md §4, causes)."""

from __future__ import annotations

import duckdb

from analytics.text import fold


def write_cause_rules(con: duckdb.DuckDBPyConnection, rules) -> None:
    """Store (words, category, kind) rules in order; the folded pattern is what queries match on (whole words, no
    accents). Rules without words or category, or of another kind, are dropped."""
    clean = [(str(w).strip(), str(c).strip(), k) for w, c, k in rules
             if w and c and str(w).strip() and str(c).strip() and fold(str(w)) and k in ("objective", "subjective")]
    con.execute("DELETE FROM cause_rules")
    if clean:
        con.executemany(
            "INSERT INTO cause_rules VALUES (?, ?, ?, ?, ?)",
            [(i, words, fold(words), category, kind) for i, (words, category, kind) in enumerate(clean)],
        )
