"""Khám phá's records table sorted by title or task id: it collates only the tasks whose stored sort prefix
(store.sort_prefix, the first 16 bytes of the Vietnamese sort key) can reach the page. The order must be exactly
that of a plain `ORDER BY ... COLLATE vi NULLS LAST, task_id` over every task, on every page, both ways, also
where many titles share more than the prefix and differ only after it, in case, tone marks or đ."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import explore
from analytics.explore import Question
from analytics.queries import View
from analytics.store import Store, tables
from tests.builders import load, new_store

AS_OF = dt.date(2023, 12, 31)
HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Ngày giao", "Hạn xử lý"]
# Longer than what the three stored parts of a title's sort key hold (48 bytes).
SHARED = "Báo cáo tình hình thực hiện các nhiệm vụ được giao tại các phường, xã trên địa bàn thành phố "
ENDINGS = ["Đất đai", "dân cư", "Dân cư", "đô thị", "Ê-đê", "e", "an ninh", "ăn ở", "ấn định", "Anh", "quý 1",
           "quý 10", "quý 2", "Đất đai", "dat dai"]
TITLES = [SHARED + ending for ending in ENDINGS] + ["Đất", "dat", "Dat", "Đặt", "Z", "ă", "â", "a", "", "Đất"]
# Ids where Vietnamese order and byte order differ: case, đ, punctuation, digits.
IDS = [f"{stem}-{n:02d}" for n, stem in enumerate(["HS", "hs", "Đ", "D", "e", "É", "HS_", "HS.", "A", "ă", "â",
                                                    "hs/2023", "Z", "z", "HS", "Đ"] * 2)][: len(TITLES)]


@pytest.fixture(scope="module")
def macros() -> duckdb.DuckDBPyConnection:
    """The store's SQL macros on an in-memory database of their own (one connection for every example)."""
    con = duckdb.connect()
    tables.define_macros(con)
    return con


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = new_store(tmp_path_factory.mktemp("order") / "order.duckdb")
    rows = [[task_id, title, "Phòng Nội vụ", dt.date(2023, 1, 2), dt.date(2023, 6, 30)]
            for task_id, title in zip(IDS, TITLES, strict=True)]
    report = load(store, rows, HEADER)
    assert (report.rows_loaded, report.rows_rejected) == (len(TITLES), 0)
    return store


def expected(store: Store, column: str, descending: bool) -> list[str]:
    """Every task in the order a plain collated sort gives (the definition the records table must keep)."""
    direction = "DESC" if descending else "ASC"
    with store.connect() as con:
        rows = con.execute(
            f"SELECT task_id FROM tasks ORDER BY {column} COLLATE vi {direction} NULLS LAST, task_id").fetchall()
    return [row[0] for row in rows]


def shown(store: Store, sort: str, descending: bool, limit: int, offset: int) -> list[str]:
    with store.connect() as con:
        frame = explore.records(con, View(AS_OF), Question(measure="tasks"), sort=sort, descending=descending,
                                limit=limit, offset=offset)
    return list(frame["task_id"])


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", ["title", "task_id"])
def test_every_page_is_in_collated_order(register, sort, descending):
    whole = expected(register, sort, descending)
    assert len(whole) == len(TITLES)
    assert shown(register, sort, descending, 100, 0) == whole
    for size in (1, 2, 3, 7):
        pages = [shown(register, sort, descending, size, offset) for offset in range(0, len(whole) + size, size)]
        assert [task for page in pages for task in page] == whole, size


def test_the_shared_beginning_is_longer_than_the_prefix(register):
    """The check the test above relies on: titles that differ only after the prefix tie on it."""
    with register.connect() as con:
        ties = con.execute("SELECT count(DISTINCT title), count(DISTINCT (title_sort, title_sort2, title_sort3)) "
                           "FROM tasks WHERE title LIKE $shared || '%'", {"shared": SHARED}).fetchall()[0]
    assert ties[0] > 10 and ties[1] == 1


def test_titles_missing_sort_last_both_ways(register):
    """An empty title is stored as missing: last whether sorted up or down, as every missing value."""
    with register.connect() as con:
        missing = {row[0] for row in con.execute("SELECT task_id FROM tasks WHERE title IS NULL").fetchall()}
    assert missing
    for descending in (False, True):
        order = shown(register, "title", descending, 100, 0)
        assert set(order[-len(missing):]) == missing


VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
                              "ùúủũụừứửữựỳýỷỹỵ 0123456789-/.,_", max_size=40)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.builds(lambda head, tail: head * 3 + tail, VIETNAMESE, VIETNAMESE), min_size=2, max_size=12))
def test_prefix_order_agrees_with_the_collation(macros, texts):
    """Wherever two texts' first part, or first three parts, of the sort key differ, their order is that of
    COLLATE vi: the cut above never drops a task. (Texts repeat their start, as titles share their first words.)"""
    rows = macros.execute(
        "SELECT t, [sort_key_part(k, 0), sort_key_part(k, 1), sort_key_part(k, 2)] AS p, "
        "row_number() OVER (ORDER BY t COLLATE vi) AS position "
        "FROM (SELECT t, icu_sort_key(t, 'vi') AS k FROM unnest($texts::VARCHAR[]) AS u(t))",
        {"texts": texts}).fetchall()
    firsts = dict(macros.execute("SELECT t, sort_prefix(t) FROM unnest($texts::VARCHAR[]) AS u(t)",
                              {"texts": texts}).fetchall())
    for text, parts, _ in rows:
        assert firsts[text] == parts[0]
    for text_a, prefix_a, position_a in rows:
        for text_b, prefix_b, position_b in rows:
            if prefix_a < prefix_b:
                assert position_a < position_b, (text_a, text_b)
