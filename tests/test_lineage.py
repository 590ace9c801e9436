"""Unit lineage (analytics.lineage): who carries a merged unit's tasks, on the merger day itself, before and after;
chains resolved transitively; the registry problems named by their rows."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from analytics.lineage import LineageRow, RegistryUnit, carrier, predecessors, resolve
from analytics.text import unit_key

MERGER = dt.date(2025, 7, 1)  # the two-level local government, Luật 72/2025/QH15
LATER = dt.date(2026, 1, 1)


def d(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def test_a_merged_ward_carries_its_tasks_until_the_day_before_the_merger():
    lineage, problems = resolve([
        RegistryUnit("Phường Trần Phú", 2, successor="Phường Cẩm Thành", effective=MERGER),
        RegistryUnit("Phường Lê Hồng Phong", 3, successor="Phường Cẩm Thành", effective=MERGER),
        RegistryUnit("Phường Cẩm Thành", 4),
    ])
    assert problems == []
    tran_phu, cam_thanh = unit_key("Phường Trần Phú"), unit_key("Phường Cẩm Thành")
    assert carrier(lineage, tran_phu, d("30/06/2025")) == tran_phu
    assert carrier(lineage, tran_phu, d("01/07/2025")) == cam_thanh  # the merger day itself: the successor's
    assert carrier(lineage, tran_phu, d("03/12/2026")) == cam_thanh
    assert carrier(lineage, cam_thanh, d("30/06/2025")) == cam_thanh
    assert predecessors(lineage, cam_thanh) == [tran_phu, unit_key("Phường Lê Hồng Phong")]
    assert predecessors(lineage, tran_phu) == []


def test_spellings_of_one_unit_are_one_unit():
    """The successor is named as offices write it ("P. Cẩm Thành", decomposed Unicode): the same unit."""
    lineage, problems = resolve([
        RegistryUnit("UBND phường Trần Phú", 2, successor="P. Cẩm Thành", effective=MERGER),
        RegistryUnit("Phường Cẩm Thành", 3),
    ])
    assert problems == []
    assert carrier(lineage, unit_key("Phường Trần Phú"), MERGER) == unit_key("Phường Cẩm Thành")


def test_a_chain_resolves_transitively_from_each_day():
    lineage, problems = resolve([
        RegistryUnit("Xã A", 2, successor="Xã B", effective=MERGER),
        RegistryUnit("Xã B", 3, successor="Xã C", effective=LATER),
        RegistryUnit("Xã C", 4),
    ])
    assert problems == []
    a, b, c = (unit_key(n) for n in ("Xã A", "Xã B", "Xã C"))
    assert [carrier(lineage, a, day) for day in (d("30/06/2025"), MERGER, d("31/12/2025"), LATER)] == [a, b, b, c]
    assert carrier(lineage, b, d("31/12/2025")) == b and carrier(lineage, b, LATER) == c
    assert predecessors(lineage, c) == [a, b]
    assert LineageRow(a, c, LATER, 2) in lineage


def test_a_later_link_dated_earlier_waits_for_the_first():
    """B was merged into C on 1/3/2025, but A into B only on 1/7/2025: A's tasks go to C from 1/7/2025."""
    lineage, _ = resolve([
        RegistryUnit("Xã A", 2, successor="Xã B", effective=MERGER),
        RegistryUnit("Xã B", 3, successor="Xã C", effective=d("01/03/2025")),
        RegistryUnit("Xã C", 4),
    ])
    a, c = unit_key("Xã A"), unit_key("Xã C")
    assert carrier(lineage, a, d("30/06/2025")) == a
    assert carrier(lineage, a, MERGER) == c


def test_a_unit_the_registry_does_not_know_carries_its_own_tasks():
    lineage, _ = resolve([RegistryUnit("Phường Cẩm Thành", 2)])
    assert carrier(lineage, unit_key("Phòng Nội vụ"), LATER) == unit_key("Phòng Nội vụ")


def test_problems_name_their_rows():
    _, problems = resolve([
        RegistryUnit("Xã A", 2, successor="Xã Không Có", effective=MERGER),
        RegistryUnit("Xã B", 3, successor="Xã C"),
        RegistryUnit("Xã C", 4),
        RegistryUnit("Xã D", 5, successor="xã D", effective=MERGER),
    ])
    assert [(p.code, p.rows) for p in problems] == [
        ("unknown_successor", (2,)), ("missing_effective_date", (3,)), ("merged_into_itself", (5,))]
    assert problems[0].params == {"unit": "Xã A", "successor": "Xã Không Có"}


def test_a_cycle_is_one_problem_naming_every_row_in_it():
    lineage, problems = resolve([
        RegistryUnit("Xã A", 2, successor="Xã B", effective=MERGER),
        RegistryUnit("Xã B", 3, successor="Xã C", effective=MERGER),
        RegistryUnit("Xã C", 4, successor="Xã A", effective=LATER),
        RegistryUnit("Xã E", 5, successor="Xã A", effective=MERGER),  # leads into the cycle, is not in it
    ])
    assert lineage == []
    assert [(p.code, p.rows, p.params) for p in problems] == [
        ("successor_cycle", (2, 3, 4), {"units": "Xã A → Xã B → Xã C → Xã A"})]


@given(st.lists(st.tuples(st.integers(0, 7), st.dates(dt.date(2024, 1, 1), dt.date(2027, 1, 1))), min_size=1,
                max_size=8))
def test_any_forest_of_mergers_gives_each_day_one_carrier_that_is_never_merged_on_that_day(links):
    """Any registry whose successors point to earlier units (so no cycle): on every day, each unit's carrier is a
    unit of the registry that has not itself been merged by that day."""
    units = [RegistryUnit(f"Xã Số {i}", i + 2, successor=f"Xã Số {target}" if target < i else None,
                          effective=day if target < i else None)
             for i, (target, day) in enumerate(links)]
    lineage, problems = resolve(units)
    assert problems == []
    by_key = {u.key: u for u in units}
    for unit in units:
        for day in sorted({u.effective for u in units if u.effective} | {dt.date(2023, 1, 1)}):
            held = by_key[carrier(lineage, unit.key, day)]
            assert held.effective is None or held.effective > day
