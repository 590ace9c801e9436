"""What the database file holds besides its tables: the SQL macros and views, made again at every start (they
are code, not data), and the columns derived from others when a task is written (docs/design.md §2).

The tables themselves are made and changed by numbered migrations only (store.migrations).
"""

from __future__ import annotations

import duckdb

from analytics.text import TONE_PLACEMENTS


def _tone_placed_sql(expression: str) -> str:
    """`expression` with analytics.text's old-style tone placements rewritten (constant letters, no input)."""
    for old, new in TONE_PLACEMENTS:
        expression = f"replace({expression}, '{old}', '{new}')"
    return expression


MACROS = """
-- Text as words for matching: lower case, anything but letters and digits one space ("Xã Tịnh Ấn – Đức"
-- -> "xã tịnh ấn đức"); folded, also without accents and with đ as d ("xa tinh an duc"). The SQL spelling
-- of analytics.text.fold.
CREATE OR REPLACE MACRO words_text(s) AS  -- (two steps: a class without the space is much faster to replace)
    trim(regexp_replace(regexp_replace(lower(coalesce(s, '')), '[^\\pL\\pN ]+', ' ', 'g'), '  +', ' ', 'g'));
CREATE OR REPLACE MACRO fold_words(w) AS replace(strip_accents(w), 'đ', 'd');
CREATE OR REPLACE MACRO fold_text(s) AS fold_words(words_text(s));
-- Words with every tone mark where the new style puts it: "Thanh Hoá" reads as "thanh hóa".
CREATE OR REPLACE MACRO tone_placed(w) AS {tone_placed};
CREATE OR REPLACE MACRO tone_placed_words(s) AS tone_placed(words_text(s));
-- Bytes 16 * part + 1 to 16 * part + 16 of a text's Vietnamese sort key (written in hex) as a number, zeros
-- past its end: when two texts' numbers differ they are in that order under COLLATE vi as well, so a sort by
-- collation need only collate the texts that tie on them (explore.records). NULL for NULL.
CREATE OR REPLACE MACRO sort_key_part(k, part) AS ('0x' || rpad(substr(k, 32 * part + 1, 32), 32, '0'))::UHUGEINT;
CREATE OR REPLACE MACRO sort_prefix(s) AS sort_key_part(icu_sort_key(s, 'vi'), 0);
""".replace("{tone_placed}", _tone_placed_sql("w"))

VIEWS = """
-- row_ref: the task's row, for reading a few chosen tasks whole after choosing them by one column (explore.records)
CREATE OR REPLACE VIEW facts AS
SELECT t.rowid AS row_ref, t.*, u.name AS unit_name, u.block, u.parent,
       coalesce(t.extended_due_date, t.due_date) AS effective_due
FROM tasks t JOIN units u USING (unit_key);
-- Each event once: the version of the latest active batch. Only a batch that brought keys already stored (a
-- history imported again, a reminder recorded twice) can hold a second version of an event, so only the keys of
-- such batches are ranked; every other event is taken as it is, without sorting millions of keys.
CREATE OR REPLACE VIEW events AS
WITH active AS (
    SELECT batch_id, coalesce(shares_keys, true) AS shares_keys FROM batches WHERE undone_at IS NULL
),
shared AS (
    SELECT DISTINCT v.event_key FROM event_versions v JOIN active a USING (batch_id) WHERE a.shares_keys
)
SELECT v.* FROM event_versions v JOIN active a USING (batch_id)
WHERE v.event_key NOT IN (SELECT event_key FROM shared)
UNION ALL
SELECT * EXCLUDE (rank) FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.event_key ORDER BY v.batch_id DESC) AS rank
    FROM event_versions v JOIN active a USING (batch_id)
    WHERE v.event_key IN (SELECT event_key FROM shared)
) WHERE rank = 1;
"""


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(MACROS)


def define_views(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(VIEWS)


# Columns made from others when a row is written, in their order at the end of both task tables. What the search
# box matches: the folded title and source document, kept apart by a mark no folded search contains (a phrase
# never runs from the end of a title into the document number), with a space at each end so that a phrase of
# whole words is found by one plain `contains` of " phrase " (no text is built per row). What sorts by text
# begins with: sort_prefix and the next parts of the title's sort key (titles often share a long beginning).
DERIVED = {
    "search_key": ("VARCHAR", "' ' || fold_words(title_words) || ' | ' || fold_words(doc_words) || ' '"),
    "search_words": ("VARCHAR", "' ' || tone_placed(title_words) || ' | ' || tone_placed(doc_words) || ' '"),
    "task_id_sort": ("UHUGEINT", "sort_prefix(task_id)"),
    "title_sort": ("UHUGEINT", "sort_key_part(title_key, 0)"),
    "title_sort2": ("UHUGEINT", "sort_key_part(title_key, 1)"),
    "title_sort3": ("UHUGEINT", "sort_key_part(title_key, 2)"),
}
# The derived columns start from the words of the title and of the document, and from the title's sort key:
# each made once per row.
_WORDS_INLINE = {"title_words": "words_text(title)", "doc_words": "words_text(source_doc)",
                 "title_key": "icu_sort_key(title, 'vi')"}
_WORDS = ", ".join(f"{expression} AS {name}" for name, expression in _WORDS_INLINE.items())
TASK_TABLES = ("task_versions", "tasks")


def _inline_words(sql: str) -> str:
    for name, expression in _WORDS_INLINE.items():
        sql = sql.replace(name, expression)
    return sql


# Statements made once here from the fixed names above (identifiers cannot be bound; no input reaches them).
# A column is refilled by rewriting it (ALTER ... USING), not by UPDATE: an update of ten million texts is held
# in memory until it commits, a rewritten column is written out like an import.
REFILL_DERIVED = {
    (table, column): f"ALTER TABLE {table} ALTER {column} TYPE {kind} USING ({_inline_words(sql)})"
    for table in TASK_TABLES for column, (kind, sql) in DERIVED.items()
}
ADD_DERIVED = {
    (table, column): f"ALTER TABLE {table} ADD COLUMN {column} {kind}"
    for table in TASK_TABLES for column, (kind, _) in DERIVED.items()
}
# One import's versions (the relation `incoming`: source_row and TASK_COLUMNS) with their derived columns.
INSERT_TASK_VERSIONS = (
    f"INSERT INTO task_versions SELECT $batch AS batch_id, * EXCLUDE ({', '.join(_WORDS_INLINE)}), "
    + ", ".join(sql for _, sql in DERIVED.values()) + f" FROM (SELECT *, {_WORDS} FROM incoming)"
)
