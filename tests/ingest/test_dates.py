"""Dates as offices write them; day first always; nothing guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.ingest.dates import DateProblem, find_snapshot_date, parse_date

D = dt.date(2023, 3, 5)


@pytest.mark.parametrize("value", [
    D, dt.datetime(2023, 3, 5, 14, 30), "05/03/2023", "5/3/2023", "05-03-2023", "05.03.2023", "5/3/23",
    "2023-03-05", "2023-03-05T14:30:00", "2023-03-05 14:30", "05/03/2023 14:30:00", "05/03/2023 2:30 PM",
    "ngày 5 tháng 3 năm 2023", "Ngay 05 thang 03 nam 2023", 44990, 44990.6, "44990",
])
def test_accepted_forms(value):
    assert parse_date(value) == D


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(("value", "code"), [
    ("31/02/2023", "impossible_date"), ("2023-13-01", "impossible_date"), ("00/01/2023", "impossible_date"),
    ("không rõ", "not_a_date"), ("03/2023", "not_a_date"), ("2023", "not_a_date"), ("Q3/2023", "not_a_date"),
    ("01/01/1890", "year_out_of_range"), (dt.date(1899, 12, 31), "year_out_of_range"), (5, "not_a_date"),
    (True, "not_a_date"), (2_958_465, "year_out_of_range"),
])
def test_rejected_forms(value, code):
    problem = parse_date(value)
    assert isinstance(problem, DateProblem) and problem.code == code


def test_two_digit_years():
    assert parse_date("25/10/23") == dt.date(2023, 10, 25)
    assert parse_date("1/2/99") == dt.date(1999, 2, 1)


def test_month_first_is_never_assumed():
    assert parse_date("03/05/2023") == dt.date(2023, 5, 3)
    assert isinstance(parse_date("05/13/2023"), DateProblem)


@pytest.mark.parametrize(("lines", "expected"), [
    (["BÁO CÁO", "(Số liệu tính đến ngày 25/10/2023)"], dt.date(2023, 10, 25)),
    (["Từ ngày 01/01/2023 đến ngày 25/10/2023"], dt.date(2023, 10, 25)),
    (["Tính đến 25-10-2023"], dt.date(2023, 10, 25)),
    (["Số liệu tính đến hết ngày 25 tháng 10 năm 2023"], dt.date(2023, 10, 25)),
    (["Figures as of 2023-10-25"], dt.date(2023, 10, 25)),
    (["BÁO CÁO NĂM 2023", "Quảng Ngãi"], None),
    (["Tính đến ngày 31/02/2023"], None),
    (["Báo cáo từ 01/01/2023 đến 30/09/2023", "(Số liệu tính đến ngày 25/10/2023)"], dt.date(2023, 10, 25)),
    (["Cập nhật đến 17h ngày 25/10/2023"], dt.date(2023, 10, 25)),
    (["Báo cáo từ 01/01/2023 đến 30/09/2023"], dt.date(2023, 9, 30)),
])
def test_snapshot_date_from_the_title_block(lines, expected):
    assert find_snapshot_date(lines) == expected
