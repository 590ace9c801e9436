"""Strings and number/date formatting in Vietnamese (default) and English.

Numbers follow each language's convention through Babel (1.234 and 95,6% in Vietnamese; 1,234 and 95.6%
in English). Dates are always dd/mm/yyyy: that is what officials read, whatever the language.
"""

from __future__ import annotations

import datetime as dt
import os

from babel.numbers import format_decimal, format_percent

from analytics.i18n import en, vi

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_CATALOGUES = {"vi": vi.STRINGS, "en": en.STRINGS}


def strict() -> bool:
    """Under test (DONDOC_STRICT_STRINGS=1) a missing string or placeholder is an error, so that no test passes
    over a screen that shows a key instead of words; a user is shown the key rather than a traceback."""
    return os.environ.get("DONDOC_STRICT_STRINGS") == "1"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The string for `key` in `lang`, with {placeholders} filled; the key itself if it is unknown."""
    catalogue = _CATALOGUES.get(lang, vi.STRINGS)
    template = catalogue.get(key) or vi.STRINGS.get(key)
    if template is None:
        if strict():
            raise KeyError(f"no string {key!r}")
        template = key
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        if strict():
            raise
        return template


def fmt_int(value: int | None, lang: str = DEFAULT_LANGUAGE) -> str:
    return "—" if value is None else format_decimal(int(value), locale=lang)


def fmt_pct(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A share as a percentage with one decimal ("95,6%"); a dash when there is nothing to divide."""
    return "—" if value is None else format_percent(value, locale=lang, format="#,##0.0%")


def fmt_decimal(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A number with at most one decimal ("12,5" in Vietnamese); a dash when there is none."""
    return "—" if value is None else format_decimal(value, locale=lang, format="#,##0.#")


def fmt_signed(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    return ("+" if value > 0 else "") + format_decimal(value, locale=lang)


def fmt_date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")
