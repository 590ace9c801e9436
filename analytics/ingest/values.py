"""How one cell of a canonical column becomes a value, or the reason it cannot (docs/design.md §5, dates and
values). The import applies these to each distinct value of a column once (ingest.table), never row by row: a
register has few distinct units, dates and counts however many rows it has."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analytics.ingest.dates import DateProblem, parse_date
from analytics.ingest.source import MAX_CELL_CHARS, cell_text
from analytics.schema import COLUMN_BY_NAME, NO_DEADLINE_WORDS
from analytics.text import fold, squash


@dataclass(frozen=True)
class Problem:
    """One reason a row cannot be loaded: a message code and what to show with it."""

    code: str
    params: dict = field(default_factory=dict)


INTEGER = re.compile(r"^\d+$")
# What a completion or extension cell says when there is nothing yet: not a date, not an error either.
NOT_YET = frozenset(
    fold(w)
    for w in (
        "-", "–", "—", "Chưa", "Chưa hoàn thành", "Đang thực hiện", "Đang xử lý", "Chưa xong", "Không", "Không có",
    )
)
_COMPLETION_WORDS = frozenset(fold(w) for w in ("Đã hoàn thành", "Hoàn thành", "Xong", "Done", "Completed"))
# Cells that hold a place for a unit without naming one.
_NO_UNIT = NOT_YET | {fold(w) for w in ("x", "N/A", "NA", "Không rõ", "?", "...", "…")}


@functools.lru_cache(maxsize=4096)  # called with every distinct unit cell; a register has few
def is_unit_name(text: str) -> bool:
    """Does this cell name a unit? Not empty, not a placeholder ("-", "x"), not a bare number."""
    folded = fold(text)
    return bool(folded) and folded not in _NO_UNIT and any(ch.isalpha() for ch in folded)


def converter(name: str, date1904: bool = False) -> Callable[[object, str], tuple]:
    """How a cell of canonical column `name` becomes a value: (value, None) or (None, Problem). `date1904`: the
    file is a workbook in the 1904 date system (its serial numbers count from 1904)."""
    convert = _CONVERTERS[COLUMN_BY_NAME[name].kind if name not in _SPECIAL else name]
    if date1904 and COLUMN_BY_NAME[name].kind == "date":
        return functools.partial(convert, date1904=True)
    return convert


def text_value(value: object, label: str) -> tuple[str | None, Problem | None]:
    text = cell_text(value)
    if len(text) > MAX_CELL_CHARS:
        return None, Problem("cell_too_long", {"column": label, "length": len(text)})
    return (text or None), None


def _unit_value(value: object, label: str) -> tuple[str | None, Problem | None]:
    text, problem = text_value(value, label)
    if text and not is_unit_name(text):
        return None, Problem("unit_not_a_name", {"column": label, "value": text[:80]})
    return (squash(text) if text else None), problem


def date_problem(found: DateProblem, label: str) -> Problem:
    return Problem(found.code, {"column": label, "value": found.value[:80]})


def _date_value(value: object, label: str, empty_words: frozenset[str] = frozenset(), date1904: bool = False) -> tuple:
    if isinstance(value, str) and empty_words and fold(value) in empty_words:
        return None, None
    found = parse_date(value, date1904)
    if isinstance(found, DateProblem):
        return None, date_problem(found, label)
    return found, None


def _due_value(value: object, label: str, date1904: bool = False) -> tuple:
    return _date_value(value, label, NO_DEADLINE_WORDS | {""}, date1904)


def _extension_value(value: object, label: str, date1904: bool = False) -> tuple:
    return _date_value(value, label, NO_DEADLINE_WORDS | NOT_YET | {""}, date1904)


def _completed_value(value: object, label: str, date1904: bool = False) -> tuple:
    if isinstance(value, str) and fold(value) in _COMPLETION_WORDS:
        return None, Problem("completed_without_date", {"column": label, "value": value[:80]})
    return _date_value(value, label, NOT_YET | {""}, date1904)


def _int_value(value: object, label: str) -> tuple[int | None, Problem | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, Problem("not_a_count", {"column": label, "value": str(value)})
    if isinstance(value, (int, float)) and float(value).is_integer() and value >= 0:
        return int(value), None
    text = cell_text(value)
    if INTEGER.match(text) and len(text) < 7:
        return int(text), None
    if fold(text) in NOT_YET:
        return None, None
    return None, Problem("not_a_count", {"column": label, "value": text[:80]})


_CONVERTERS: dict[str, Callable[[object, str], tuple]] = {
    "text": text_value,
    "date": _date_value,
    "int": _int_value,
    "unit": _unit_value,
    "due_date": _due_value,
    "extended_due_date": _extension_value,
    "completed_date": _completed_value,
}
_SPECIAL = frozenset({"unit", "due_date", "extended_due_date", "completed_date"})
