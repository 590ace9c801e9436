"""Both languages say everything, and numbers read the way each language writes them."""

from __future__ import annotations

import datetime as dt
import string

from analytics.i18n import en, fmt_date, fmt_int, fmt_pct, t, vi


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_string_exists_in_both_languages_with_the_same_placeholders():
    assert set(vi.STRINGS) == set(en.STRINGS)
    for key, template in vi.STRINGS.items():
        assert _placeholders(template) == _placeholders(en.STRINGS[key]), key


def test_vietnamese_and_english_number_formats():
    assert (fmt_int(1600, "vi"), fmt_int(1600, "en")) == ("1.600", "1,600")
    assert (fmt_pct(0.62, "vi"), fmt_pct(0.62, "en")) == ("62,0%", "62.0%")
    assert fmt_pct(None) == "—"
    assert fmt_date(dt.date(2023, 10, 25)) == "25/10/2023"


def test_unknown_key_and_missing_placeholder_do_not_crash_for_a_user(monkeypatch):
    monkeypatch.delenv("DONDOC_STRICT_STRINGS", raising=False)
    assert t("no.such.key") == "no.such.key"
    assert t("kpi.since", "vi", wrong="x") == "so với {compare}"
    assert t("kpi.since", "vi") == "so với {compare}"


def test_under_test_a_missing_string_or_placeholder_is_an_error():
    """The suite runs with DONDOC_STRICT_STRINGS=1 (tests/conftest.py), its command lines and servers too."""
    import os

    import pytest

    assert os.environ["DONDOC_STRICT_STRINGS"] == "1"
    with pytest.raises(KeyError):
        t("no.such.key")
    with pytest.raises(KeyError):
        t("kpi.since", "vi", wrong="x")
