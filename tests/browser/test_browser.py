"""End-to-end: the real app (``streamlit run app.py``) driven in headless Chromium.

A new database gets the bundled sample (snapshot 25/10/2023: 140 overdue tasks, 58 of them in the communes
and wards, 154 overdue on 18/10/2023). The read-only tests share one server; the import test changes the
data, so it gets a server and a database of its own.

Waiting: the app root ``[data-testid="stApp"]`` carries ``data-test-script-state`` (``initial``, ``running``,
``notRunning``, ...) and ``data-test-connection-state``; a page load waits for ``CONNECTED`` and
``notRunning``. After a click the run may not have started yet, so actions wait for the text they expect
(Playwright's ``expect`` retries), then for the run to finish.

Set DONDOC_SCREENSHOTS to a directory to keep the screenshots (overview.png, drilldown.png, import_report.png).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not installed at /usr/bin/chromium"),
]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect

from python_calamine import CalamineWorkbook  # noqa: E402

from tests.builders import csv_bytes  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1920, "height": 1080}
STARTUP_TIMEOUT = 60  # seconds for the server to answer /_stcore/health
RUN_TIMEOUT = 60_000  # milliseconds for a script run (the first one loads the sample into the database)
UI_TIMEOUT = 30_000  # milliseconds for an element or a text to appear

SNAPSHOT = "25/10/2023"
DRILL_UNIT = "Phường Nghĩa Lộ"  # 11 overdue tasks on 25/10/2023 in the sample (1 + 2 + 4 + 4 by age)
IMPORT_UNIT = "Phường Trần Phú"  # 4 overdue tasks on 25/10/2023 in the sample


# --- the server ----------------------------------------------------------------------------------------------

class AppServer:
    """`streamlit run app.py` on a free port with a database of its own."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.db = workdir / "dondoc.duckdb"
        self.log_path = workdir / "streamlit.log"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self) -> AppServer:
        # No accounts unless the test named a file: a developer's data/accounts.toml must not ask these to sign in.
        env = {**os.environ, "DONDOC_DB": str(self.db), "DONDOC_ACCOUNTS": os.environ.get("DONDOC_ACCOUNTS") or "none"}
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(self.port),
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT
        )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"streamlit did not answer on {self.url} within {STARTUP_TIMEOUT} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        if self._log is not None:
            self._log.flush()
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self._log is not None:
            self._log.close()
            self._log = None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """One server for the tests that only read the sample."""
    server = AppServer(tmp_path_factory.mktemp("app")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server and a new database for a test that changes the data."""
    workdir = tmp_path / "app"
    workdir.mkdir()
    server = AppServer(workdir).start()
    try:
        yield server
    finally:
        server.stop()


# --- the browser ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium) -> Iterator:
    """A fresh browser context (a new Streamlit session) at 1920×1080, the meeting-room screen."""
    context = chromium.new_context(viewport=VIEWPORT, locale="vi-VN", accept_downloads=True)
    context.set_default_timeout(UI_TIMEOUT)
    try:
        yield context.new_page()
    finally:
        context.close()


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
    context = chromium.new_context(viewport=VIEWPORT, locale="vi-VN")
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
    """Click the bar of the category `label` (its widest segment), through Plotly's drag layer, as a user does."""
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


# --- the tests -----------------------------------------------------------------------------------------------

def test_overview_shows_the_sample(app_server: AppServer, page, tmp_path: Path) -> None:
    """The first screen on a new database: the sample as of its snapshot, at 1920×1080."""
    open_app(page, app_server)
    expect(page.get_by_role("heading", name="Tình hình thực hiện nhiệm vụ")).to_be_visible()
    expect_overdue(page, 140)
    expect(metric_value(page, "Tổng số nhiệm vụ")).to_have_text("1.600")
    titles = page.locator(".js-plotly-plot .gtitle").filter(has_text=SNAPSHOT)
    expect(titles.first).to_be_visible(timeout=RUN_TIMEOUT)
    expect(plotly_chart(page, "Nhiệm vụ trễ hạn theo khối")).to_be_visible()
    assert save_screenshot(page, tmp_path, "overview.png").stat().st_size > 0


def test_link_with_a_date_reproduces_the_view(app_server: AppServer, page) -> None:
    """A link with an as-of date shows the figures of that day."""
    open_app(page, app_server, "/?as_of=2023-10-18")
    expect_overdue(page, 154)
    expect(page.get_by_text("Số liệu tính đến ngày 18/10/2023", exact=False)).to_be_visible()
    expect(page.locator(".js-plotly-plot .gtitle").filter(has_text="18/10/2023").first).to_be_visible()


def test_copied_link_with_a_filter_reproduces_the_view(app_server: AppServer, page, chromium) -> None:
    """Choose a block in the sidebar, copy the address, open it in another browser: the same figures."""
    open_app(page, app_server)
    expect_overdue(page, 140)
    choose_block(page, "Xã, phường, thị trấn")
    expect_overdue(page, 58)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]block=commune(&|$)"))
    with opened_elsewhere(chromium, page.url) as other:
        expect_overdue(other, 58)
        expect(other.get_by_text("Đang lọc: Khối: Xã, phường, thị trấn")).to_be_visible()


def test_link_with_a_block_code(app_server: AppServer, page) -> None:
    """A hand-written link with the block's code: the communes and wards only."""
    open_app(page, app_server, "/?block=commune")
    expect_overdue(page, 58)
    expect(page.get_by_text("Đang lọc: Khối: Xã, phường, thị trấn")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]block=commune(&|$)"))


def test_link_copied_after_switching_language(app_server: AppServer, page, chromium) -> None:
    """Filter and period chosen in Vietnamese, then English: the copied link keeps all three."""
    open_app(page, app_server)
    choose_block(page, "Xã, phường, thị trấn")
    expect_overdue(page, 58)
    page.get_by_role("radio", name="6 tháng", exact=True).click()
    trend_title = "Số nhiệm vụ trễ hạn từng ngày, 28/04/2023 – 25/10/2023"
    expect(page.locator(".js-plotly-plot .gtitle").filter(has_text=trend_title)).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English", exact=True).click()
    expect(metric_value(page, "Overdue")).to_have_text("58", timeout=RUN_TIMEOUT)
    wait_for_run(page)
    link = page.url
    with opened_elsewhere(chromium, link) as other:
        expect(metric_value(other, "Overdue")).to_have_text("58", timeout=RUN_TIMEOUT)
        english_title = "Overdue tasks day by day, 28/04/2023 – 25/10/2023"
        expect(other.locator(".js-plotly-plot .gtitle").filter(has_text=english_title)).to_be_visible()


def test_clicking_a_units_bar_drills_down(app_server: AppServer, page, tmp_path: Path) -> None:
    """A click on a ward's bar chooses it in the drill-down below and lists its overdue tasks."""
    open_app(page, app_server)
    chart = plotly_chart(page, "Trễ hạn theo xã, phường")
    expect(chart.locator(".bars path").first).to_be_attached(timeout=RUN_TIMEOUT)
    click_bar(page, chart, DRILL_UNIT)

    line = page.get_by_text(f"{DRILL_UNIT}: 11 nhiệm vụ trễ hạn tính đến {SNAPSHOT}", exact=True)
    expect(line).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]focus="))
    expect(page.get_by_role("combobox", name="Chọn đơn vị")).to_have_value(DRILL_UNIT)
    line.scroll_into_view_if_needed()
    save_screenshot(page, tmp_path, "drilldown.png")


def test_import_a_register(own_server: AppServer, page, tmp_path: Path) -> None:
    """Upload a CSV register: two rows loaded, one rejected with its reason, and the overview counts them."""
    register = tmp_path / "so_theo_doi_tran_phu.csv"
    register.write_bytes(csv_bytes([
        # The title block gives the snapshot date, as in the registers offices export; without it the import
        # page proposes today, and the overview would move to today.
        [f"Số liệu tính đến ngày {SNAPSHOT}"],
        ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Hạn xử lý"],
        ["TP-E2E-001", "Báo cáo rà soát hộ nghèo quý III", IMPORT_UNIT, "15/09/2023"],
        ["TP-E2E-002", "Kiểm tra công trình xây dựng trái phép", IMPORT_UNIT, "02/10/2023"],
        ["TP-E2E-003", "Tổng hợp kiến nghị cử tri", IMPORT_UNIT, "31/02/2023"],
    ]))

    open_app(page, own_server)
    expect_overdue(page, 140)
    page.get_by_test_id("stTopNav").get_by_role("link", name="Nhập dữ liệu").click()
    expect(page.get_by_role("heading", name="Nhập dữ liệu", exact=True)).to_be_visible()
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"/import_data(\?|$)"))

    page.locator("input[type=file]").set_input_files(str(register))
    expect(page.get_by_text("Xem trước 3 dòng đầu")).to_be_visible(timeout=RUN_TIMEOUT)
    expect(page.get_by_text(f"số liệu tính đến ngày {SNAPSHOT}", exact=False)).to_be_visible()
    wait_for_run(page)
    page.get_by_role("button", name="Nhập 1 tệp").click()

    done = page.get_by_test_id("stAlert").filter(has_text=f"Đã nhập {register.name}")
    expect(done).to_be_visible(timeout=RUN_TIMEOUT)
    expect(done).to_contain_text("2 dòng được nạp, 1 dòng bị từ chối (đọc 3 dòng)")
    wait_for_run(page)
    # st.dataframe draws on a canvas; its cells are also in an accessible table (td[role=gridcell]).
    rejects = page.get_by_test_id("stDataFrame").filter(has=page.locator("th", has_text="Lý do"))
    expect(rejects.locator('th[aria-colindex="2"]')).to_have_text("Lý do", timeout=RUN_TIMEOUT)
    reason = rejects.locator('td[role="gridcell"][aria-colindex="2"]')
    expect(reason).to_have_count(1)
    expect(reason).to_contain_text("31/02/2023")
    save_screenshot(page, tmp_path, "import_report.png")

    # The rejected rows download as a workbook made on the click (the row, its reason, its cells).
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải danh sách dòng bị từ chối (.xlsx)").first.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    cells = CalamineWorkbook.from_path(str(saved)).get_sheet_by_index(0).to_python()
    assert cells[2][:2] == ["Dòng", "Lý do"]
    assert cells[3][0] == 5.0 and "31/02/2023" in cells[3][1]
    # The same rows, later, from the import history (read back from the database on the click).
    with page.expect_download() as again:
        page.get_by_role("button", name="Tải danh sách dòng bị từ chối (.xlsx)").last.click()
    saved_again = tmp_path / ("history_" + again.value.suggested_filename)
    again.value.save_as(saved_again)
    assert CalamineWorkbook.from_path(str(saved_again)).get_sheet_by_index(0).to_python()[2:] == cells[2:]

    page.get_by_test_id("stTopNav").get_by_role("link", name="Tổng quan").click()
    expect_overdue(page, 142)
    wait_for_run(page)

    open_app(page, own_server, "/?" + urllib.parse.urlencode({"focus": IMPORT_UNIT}))
    expect(page.get_by_text(f"{IMPORT_UNIT}: 6 nhiệm vụ trễ hạn tính đến {SNAPSHOT}", exact=True)).to_be_visible()


def test_a_link_can_be_the_first_request_after_a_start(own_server: AppServer, page) -> None:
    """Right after a (re)start, a shared link to a page with filters opens that page inside the app (top
    navigation, language, layout) with its filters: not a bare page file, not a "page not found" notice."""
    open_app(page, own_server, "/overview?block=commune&lang=en")
    expect(metric_value(page, "Overdue")).to_have_text("58", timeout=RUN_TIMEOUT)
    navigation = page.get_by_test_id("stTopNav")
    # overview, explore, deck, briefing, period report, officers, reminders, pushed around, causes, import,
    # administration (the single-user mode has an administrator's rights)
    expect(navigation.get_by_role("link")).to_have_count(11)
    expect(navigation.get_by_role("link", name="Import data")).to_be_visible()
    expect(navigation.get_by_role("link", name="Presentation")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/(overview)?\?.*block=commune"))  # the overview is the home page
    expect(page.get_by_text("Page not found")).to_have_count(0)
