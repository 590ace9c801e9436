"""What the browser tests do in a page: wait for a script run, open a link, read a metric, click a bar, keep a
screenshot.

Waiting: the app root ``[data-testid="stApp"]`` carries ``data-test-script-state`` (``initial``, ``running``,
``notRunning``, ...) and ``data-test-connection-state``; a page load waits for ``CONNECTED`` and ``notRunning``.
After a click the run may not have started yet, so actions wait for the text they expect (Playwright's ``expect``
retries), then for the run to finish.

Set DONDOC_SCREENSHOTS to a directory to keep the screenshots the tests take.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.conftest import CONTEXT, UI_TIMEOUT, VIEWPORT, AppServer

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect

RUN_TIMEOUT = 60_000  # milliseconds for a script run
SNAPSHOT = "25/10/2023"  # the sample's: 140 overdue tasks, 58 of them in the communes and wards, 154 on 18/10/2023


def wait_for_run(page) -> None:
    """Wait until the app is connected and its script run has finished."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=RUN_TIMEOUT)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=RUN_TIMEOUT)


def open_app(page, server: AppServer, path: str = "/") -> None:
    page.goto(server.url + path, wait_until="domcontentloaded")
    wait_for_run(page)


def metric_value(page, label: str):
    """The value of the metric card whose label is exactly `label`."""
    card = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    return card.get_by_test_id("stMetricValue")


def expect_overdue(page, count: int) -> None:
    expect(metric_value(page, "Trễ hạn")).to_have_text(str(count), timeout=RUN_TIMEOUT)


def choose_block(page, label: str) -> None:
    """Pick one block in the sidebar's "Khối" filter."""
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Khối").click()
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


@contextmanager
def opened_elsewhere(chromium, link: str) -> Iterator:
    """`link` opened in a new browser context, as by a colleague who received it."""
    context = chromium.new_context(viewport=VIEWPORT, locale="vi-VN", **CONTEXT)
    context.set_default_timeout(UI_TIMEOUT)
    try:
        other = context.new_page()
        other.goto(link, wait_until="domcontentloaded")
        wait_for_run(other)
        yield other
    finally:
        context.close()


def plotly_chart(page, title: str):
    """The Plotly chart whose title contains `title`."""
    return page.get_by_test_id("stPlotlyChart").filter(has=page.locator(".gtitle", has_text=title))


def click_bar(page, chart, label: str, axis: str = "y") -> None:
    """Click the bar of the category `label` (its widest segment), through Plotly's drag layer, as a user does:
    once the app is idle (a click on a chart a run is still redrawing is lost, as it would be for a user)."""
    wait_for_run(page)
    chart.scroll_into_view_if_needed()
    tick = chart.locator(f".{axis}tick text").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    expect(tick).to_have_count(1)
    box = tick.bounding_box()
    middle = box[axis] + box["height" if axis == "y" else "width"] / 2
    rects = chart.locator(".bars path").evaluate_all(
        "paths => paths.map(p => { const r = p.getBoundingClientRect();"
        " return [r.x, r.y, r.width, r.height]; })"
    )
    if axis == "y":
        row = [r for r in rects if r[2] > 2 and r[1] <= middle <= r[1] + r[3]]
    else:
        row = [r for r in rects if r[3] > 2 and r[0] <= middle <= r[0] + r[2]]
    assert row, f"no bar for {label} ({axis}={middle:.0f}): {rects}"
    x, y, width, height = max(row, key=lambda r: r[2] * r[3])
    page.mouse.move(x + width / 2, y + height / 2)
    page.mouse.click(x + width / 2, y + height / 2)


def save_screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path))
    keep = os.environ.get("DONDOC_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(keep) / name)
    return path
