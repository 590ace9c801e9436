"""Dates as offices write them: real date cells, Excel serial numbers, dd/mm/yyyy (always day first),
d/m/yyyy, yyyy-mm-dd, "ngày 25 tháng 10 năm 2023", with or without a time.

Deliberately strict: a value that is not clearly a date is an error the user sees, never a guess
(general-purpose parsers such as dateutil fill in missing parts from today's date and read 03/04
month-first, which would silently misplace deadlines).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analytics.text import fold

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 in the 1900 date system (after its 1900 leap-year bug)
# A workbook in the 1904 date system (old Mac Excel) counts its serial numbers from 1 January 1904: 1462 days later.
DAYS_1900_TO_1904 = 1462
_EXCEL_SERIAL_RANGE = (
    (dt.date(EARLIEST_YEAR, 1, 1) - _EXCEL_EPOCH).days,
    (dt.date(LATEST_YEAR, 12, 31) - _EXCEL_EPOCH).days,
)

_TIME = r"(?:[ T,]+\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm|sa|ch|SA|CH|AM|PM)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})" + _TIME + r"$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})" + _TIME + r"$")
_WORDS = re.compile(r"^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")


@dataclass(frozen=True)
class DateProblem:
    """Why a cell is not a date: a code for the message catalogue, and the value as the file had it."""

    code: str  # "not_a_date", "impossible_date", "year_out_of_range"
    value: str


def _from_parts(day: int, month: int, year: int, raw: str) -> dt.date | DateProblem:
    if year < 100:  # "25/10/23" is 2023; "1/2/99" is 1999 (and then out of range), not 2099
        year += 2000 if year < 70 else 1900
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return DateProblem("year_out_of_range", raw)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return DateProblem("impossible_date", raw)


def _from_serial(serial: float, raw: str) -> dt.date | DateProblem:
    low, high = _EXCEL_SERIAL_RANGE
    if serial < 10_000:  # before 1927: a count or a code, not a date someone meant
        return DateProblem("not_a_date", raw)
    if not low <= serial <= high:
        return DateProblem("year_out_of_range", raw)
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value: object, date1904: bool = False) -> dt.date | DateProblem | None:
    """A cell as a date; None when empty; a DateProblem when it cannot be a date. `date1904`: a serial number is
    counted from 1904, as the workbook it came from counts them (its date cells are dates already)."""
    shift = DAYS_1900_TO_1904 if date1904 else 0
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            return DateProblem("year_out_of_range", value.strftime("%d/%m/%Y"))
        return value
    if isinstance(value, bool):
        return DateProblem("not_a_date", str(value))
    if isinstance(value, (int, float)):
        return _from_serial(float(value) + shift, _number_text(value))
    text = str(value).strip()
    if not text:
        return None
    match = _DAY_FIRST.match(text)
    if match:
        return _from_parts(int(match[1]), int(match[2]), int(match[3]), text)
    match = _YEAR_FIRST.match(text)
    if match:
        return _from_parts(int(match[3]), int(match[2]), int(match[1]), text)
    if _SERIAL.match(text):
        return _from_serial(float(text.replace(",", ".")) + shift, text)
    match = _WORDS.match(fold(text))
    if match:
        return _from_parts(int(match[1]), int(match[2]), int(match[3]), text)
    return DateProblem("not_a_date", text)


def _number_text(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# "Số liệu tính đến ngày 25/10/2023", "cập nhật đến 17h ngày 25/10/2023", "as of 2023-10-25" (after fold(),
# which turns every separator into a space). Phrases that name the data's day outrank a bare "đến"
# ("Báo cáo từ 01/01/2023 đến 30/09/2023" is a period, not the day of the figures).
_DATE_AFTER = (
    r"\s+(?:het\s+)?(?:\d{1,2}\s*(?:h|gio)(?:\s*\d{1,2})?\s+)?(?:ngay\s+)?"
    r"(?:(\d{1,2})\s+(?:thang\s+)?(\d{1,2})\s+(?:nam\s+)?(\d{4})|(\d{4})\s+(\d{1,2})\s+(\d{1,2}))\b"
)
_SNAPSHOT_PATTERNS = (
    re.compile(r"\b(?:so lieu|du lieu)?\s*(?:tinh den|tinh toi|cap nhat den|cap nhat ngay|chot ngay|chot den"
               r"|as of|as at)" + _DATE_AFTER),
    re.compile(r"\b(?:den|toi)" + _DATE_AFTER),
)


def find_snapshot_date(lines: list[str]) -> dt.date | None:
    """The day a report says its figures are "as of", from its title block; None when it does not say."""
    folded = [fold(line) for line in lines]
    for pattern in _SNAPSHOT_PATTERNS:
        for line in folded:
            for match in pattern.finditer(line):
                if match[1]:
                    found = _from_parts(int(match[1]), int(match[2]), int(match[3]), match[0])
                else:
                    found = _from_parts(int(match[6]), int(match[5]), int(match[4]), match[0])
                if isinstance(found, dt.date):
                    return found
    return None
