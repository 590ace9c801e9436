"""The browser tests' servers and browser: `streamlit run app.py` driven in Debian's headless Chromium.

One server per module (`app_server`), started on a copy of the session's imported sample, so no test waits for
the sample to load; a module that needs a different server (accounts) overrides `server_env`. A test that changes
the data, or must be the first request after a start, gets a server of its own (`own_server`, `new_server`). One
Chromium for the whole session; each test gets a new browser context (a new Streamlit session) at 1920×1080.

Every test here is marked `browser`, and is skipped, with the reason, where Chromium is not installed. They spend
most of their time waiting for a page (the CPU works in the server and in Chromium), so they run beside the other
tests, on their own xdist workers as the others do.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_database

CHROMIUM = Path("/usr/bin/chromium")
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
# Without animations Chromium draws a page with less work (the overview: 9.8-10.2 CPU-s a load instead of 11.5-13.1;
# the browser tests: 265 s instead of 304 s on two workers); what the tests check does not move.
CONTEXT = {"reduced_motion": "reduce"}
STARTUP_TIMEOUT = 60  # seconds for the server to answer /_stcore/health
UI_TIMEOUT = 30_000  # milliseconds for an element or a text to appear


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test here is `browser`, and the tests of one module are one xdist group: one worker runs them all
    on the module's one server (`make test` runs `--dist loadgroup`, which hands the largest groups out first,
    so the longest modules start at once and no worker is left with a module at the end)."""
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason="Chromium not installed at /usr/bin/chromium")
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group(Path(item.fspath).stem))
            if not CHROMIUM.exists():
                item.add_marker(skip)


class AppServer:
    """`streamlit run app.py` on a free port with a database of its own."""

    def __init__(self, workdir: Path, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.db = workdir / "dondoc.duckdb"
        self.log_path = workdir / "streamlit.log"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env or {}
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self) -> AppServer:
        # No accounts unless the test named a file: a developer's data/accounts.toml must not ask these to sign in.
        env = {**os.environ, "DONDOC_DB": str(self.db), "DONDOC_ACCOUNTS": "none", **self.env}
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
def server_env() -> dict[str, str]:
    """What the module's server has in its environment besides its database (a module overrides this)."""
    return {}


ServerFactory = Callable[..., AppServer]


@pytest.fixture(scope="module")
def _servers() -> Iterator[list[AppServer]]:
    started: list[AppServer] = []
    yield started
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def start_server(sample_db: Path, _servers: list[AppServer]) -> ServerFactory:
    """A started server in `workdir`: on a copy of the imported sample, or (sample=False) on a new database,
    into which the app loads the sample at its first run."""
    def start(workdir: Path, env: dict[str, str] | None = None, sample: bool = True) -> AppServer:
        workdir.mkdir(parents=True, exist_ok=True)
        server = AppServer(workdir, env)
        if sample:
            copy_database(sample_db, server.db)
        _servers.append(server)
        return server.start()

    return start


@pytest.fixture(scope="module")
def app_server(start_server: ServerFactory, server_env: dict[str, str],
               tmp_path_factory: pytest.TempPathFactory) -> AppServer:
    """The module's server, for its tests that only read the sample."""
    return start_server(tmp_path_factory.mktemp("app"), server_env)


@pytest.fixture
def own_server(start_server: ServerFactory, tmp_path: Path) -> Iterator[AppServer]:
    """A server on a copy of the sample of its own, for a test that changes the data."""
    server = start_server(tmp_path / "app")
    yield server
    server.stop()


@pytest.fixture
def new_server(start_server: ServerFactory, tmp_path: Path) -> Iterator[AppServer]:
    """A server just started on a new database (the app loads the sample at its first run)."""
    server = start_server(tmp_path / "app", sample=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed at /usr/bin/chromium")
    sync_api.expect.set_options(timeout=UI_TIMEOUT)  # every `expect` waits as long as a page may, not 5 s
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium) -> Iterator:
    """A fresh browser context (a new Streamlit session) at 1920×1080, the meeting-room screen."""
    context = chromium.new_context(viewport=VIEWPORT, locale="vi-VN", accept_downloads=True, **CONTEXT)
    context.set_default_timeout(UI_TIMEOUT)
    try:
        yield context.new_page()
    finally:
        context.close()
