"""Helpers for driving the pages with AppTest and reading what they show."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
IMPORT_PAGE = "pages/import_data.py"
OVERVIEW_PAGE = "pages/overview.py"
_ESCAPED = re.compile(r"\\(.)")


def new_app(**query: str | list[str]) -> AppTest:
    """The app as a browser opening it with these URL query parameters (not yet run)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def open_page(page_file: str, /, **query: str | list[str]) -> AppTest:
    """The app opened on `page_file` with these URL parameters (a "page" parameter too), run once, without an
    exception."""
    at = new_app(**query).switch_page(page_file).run()
    no_exception(at)
    return at


def button(at: AppTest, label: str):
    """The one button labelled `label`."""
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, [b.label for b in at.button]
    return found[0]


def unescape(text: str) -> str:
    """Markdown text as shown on screen: the pages escape punctuation from data (`moi\\.csv`)."""
    return _ESCAPED.sub(r"\1", text)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def metric(at: AppTest, label: str):
    found = [m for m in at.metric if m.label == label]
    assert len(found) == 1, f"metric {label!r} not found among {[m.label for m in at.metric]}"
    return found[0]


def texts(elements) -> list[str]:
    return [unescape(e.value) for e in elements]


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
