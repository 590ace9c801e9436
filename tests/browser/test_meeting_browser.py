"""End-to-end: the meeting-room pages (Trình chiếu, Chuẩn bị đối thoại, Báo cáo định kỳ) in headless Chromium.

The module's server is on the bundled sample (snapshot 25/10/2023, 140 overdue tasks); the server and the browser
are tests/browser/conftest.py's, the waiting helpers tests/browser/helpers.py's.

Set DONDOC_SCREENSHOTS to a directory to keep the screenshots of the slides (slide_1.png … slide_7.png), each
as the projector shows it: 1920×1080, presenting.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from pathlib import Path

import pytest

from tests.browser.conftest import VIEWPORT, AppServer
from tests.browser.helpers import RUN_TIMEOUT, expect, metric_value, open_app, save_screenshot, wait_for_run

pptx = pytest.importorskip("pptx", reason="python-pptx is not installed")
pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed")

from python_calamine import CalamineWorkbook  # noqa: E402

from tests.app.test_meeting_pages import PERIOD_TOTAL, SLIDE_TITLES, SLIDES  # noqa: E402

SNAPSHOT = "25/10/2023"
UNIT = "Phường Nghĩa Lộ"
FILE_TIMEOUT = 120_000  # milliseconds for a document made on the click (a deck draws its charts in Chromium)
CHART_SLIDES = {2, 3, 4, 5, 7}


def quoted(text: str) -> str:
    return urllib.parse.quote(text)


def slide_title(page):
    return page.locator(".dd-slide-title")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (the IHDR chunk follows the 8-byte signature)."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", header
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def download(page, button: str, target: Path) -> Path:
    """Click the download button labelled `button` and keep the file it gives (made on the click)."""
    with page.expect_download(timeout=FILE_TIMEOUT) as started:
        page.get_by_role("button", name=button, exact=True).click()
    path = target / started.value.suggested_filename
    started.value.save_as(path)
    assert started.value.failure() is None
    return path


def pdf_text(path: Path) -> str:
    """The PDF's text, in composed Unicode with single spaces (extraction may split lines anywhere)."""
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- presenting ----------------------------------------------------------------------------------------------

def test_every_slide_fills_the_screen(app_server: AppServer, page, tmp_path: Path) -> None:
    """Each slide opened by its link in presenting mode: only the slide (no sidebar, no header), nothing wider
    than the screen, the footer on screen; screenshots at 1920×1080."""
    for number in range(1, SLIDES + 1):
        open_app(page, app_server, f"/present?show=1&slide={number}")
        title = slide_title(page)
        expect(title).to_have_text(SLIDE_TITLES[number], timeout=RUN_TIMEOUT)
        expect(title).to_be_visible()
        expect(page.locator(".dd-footer")).to_contain_text(f"· {number}/{SLIDES}")
        if number in CHART_SLIDES:
            expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=RUN_TIMEOUT)
            expect(page.locator(".js-plotly-plot .bars path, .js-plotly-plot .scatterlayer path").first
                   ).to_be_attached(timeout=RUN_TIMEOUT)
        if number == 1:
            expect(page.locator(".dd-headline")).to_have_text(f"140 nhiệm vụ trễ hạn tính đến {SNAPSHOT}")
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        expect(page.get_by_test_id("stHeader")).to_be_hidden()
        expect(page.get_by_test_id("stTopNav")).to_be_hidden()
        expect(page.get_by_role("button", name="Thoát trình chiếu")).to_be_visible()
        expect(page.get_by_role("heading", name="Trình chiếu", exact=True)).to_have_count(0)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= VIEWPORT["width"], f"slide {number} is {width} px wide"
        footer = page.locator(".dd-footer").bounding_box()
        assert footer["y"] + footer["height"] <= VIEWPORT["height"], f"slide {number} runs below the screen"
        shot = save_screenshot(page, tmp_path, f"slide_{number}.png")
        assert png_size(shot) == (VIEWPORT["width"], VIEWPORT["height"])


def test_arrow_keys_change_slides(app_server: AppServer, page) -> None:
    """A presentation clicker sends ← and →: the next slide, and back."""
    open_app(page, app_server, "/present?show=1&slide=1")
    expect(slide_title(page)).to_have_text(SLIDE_TITLES[1], timeout=RUN_TIMEOUT)
    # The keys are the buttons' shortcuts: they listen once the buttons are drawn and the run is over (on a
    # busy machine the title can show first).
    expect(page.get_by_role("button", name="Trang sau")).to_be_enabled()
    wait_for_run(page)
    page.keyboard.press("ArrowRight")
    expect(slide_title(page)).to_have_text(SLIDE_TITLES[2], timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]slide=2(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]show=1(&|$)"))
    page.keyboard.press("ArrowLeft")
    expect(slide_title(page)).to_have_text(SLIDE_TITLES[1], timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]slide=1(&|$)"))


# --- downloads -----------------------------------------------------------------------------------------------

def test_deck_downloads(app_server: AppServer, page, tmp_path: Path) -> None:
    """The deck as PowerPoint (seven slides) and as PDF, from the page that is not presenting."""
    open_app(page, app_server, "/present")
    expect(page.get_by_role("heading", name="Trình chiếu", exact=True)).to_be_visible()
    expect(slide_title(page)).to_have_text(SLIDE_TITLES[1], timeout=RUN_TIMEOUT)

    deck = pptx.Presentation(str(download(page, "Tải PowerPoint", tmp_path)))
    assert len(deck.slides) == SLIDES
    first = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert f"140 nhiệm vụ trễ hạn tính đến {SNAPSHOT}" in " ".join(first.split())

    wait_for_run(page)
    printed = download(page, "Tải PDF (in A4)", tmp_path)
    assert printed.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(printed)
    assert f"140 nhiệm vụ trễ hạn tính đến {SNAPSHOT}" in text
    assert f"Số liệu tính đến ngày {SNAPSHOT}" in text


def test_briefing_pdf_for_one_unit(app_server: AppServer, page, tmp_path: Path) -> None:
    """A link to one ward's briefing: its figures on screen, and its printable PDF."""
    open_app(page, app_server, f"/briefing?brief_unit={quoted(UNIT)}")
    expect(metric_value(page, "Trễ hạn")).to_have_text("11", timeout=RUN_TIMEOUT)
    expect(page.get_by_role("heading", name="Cam kết tại phiên chất vấn, đối thoại (6)")).to_be_visible()
    text = pdf_text(download(page, "Tải PDF (in A4)", tmp_path))
    assert UNIT in text
    assert "Cam kết tại phiên chất vấn, đối thoại (6)" in text
    assert f"Số liệu tính đến ngày {SNAPSHOT}" in text


def test_period_workbook(app_server: AppServer, page, tmp_path: Path) -> None:
    """The period report's Excel form: the grand total row carries the same figures as the screen."""
    open_app(page, app_server, "/period")
    expect(page.get_by_role("heading", name="Báo cáo định kỳ", exact=True)).to_be_visible(timeout=RUN_TIMEOUT)
    saved = download(page, "Tải bảng (.xlsx)", tmp_path)
    rows = CalamineWorkbook.from_path(str(saved)).get_sheet_by_index(0).to_python()
    totals = [row for row in rows if "Tổng cộng" in row]
    assert len(totals) == 1, rows[-3:]
    numbers = [int(v) for v in totals[0][totals[0].index("Tổng cộng") + 1:] if isinstance(v, int | float)]
    assert numbers == PERIOD_TOTAL


# --- the address ---------------------------------------------------------------------------------------------

def test_choices_are_kept_in_the_address(app_server: AppServer, page) -> None:
    """Choices bound to the URL land in the address bar (AppTest cannot see this: the browser writes them)."""
    open_app(page, app_server, "/briefing")
    expect(metric_value(page, "Trễ hạn")).to_have_text("140", timeout=RUN_TIMEOUT)
    page.get_by_role("combobox", name="Đơn vị", exact=True).click()
    page.keyboard.type("Nghĩa Lộ")
    page.get_by_role("option", name=UNIT, exact=True).click()
    expect(metric_value(page, "Trễ hạn")).to_have_text("11", timeout=RUN_TIMEOUT)
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"[?&]brief_unit=" + re.escape(urllib.parse.quote_plus(UNIT))))


def test_a_links_filter_follows_to_the_deck(app_server: AppServer, page) -> None:
    """Open a shared link to the overview with the wards' block, then go to Trình chiếu: the deck says it
    takes the sidebar's filters, so its headline should count the wards' 58 overdue tasks, not all 140."""
    open_app(page, app_server, "/?block=commune")
    expect(metric_value(page, "Trễ hạn")).to_have_text("58", timeout=RUN_TIMEOUT)
    page.get_by_test_id("stTopNav").get_by_role("link", name="Trình chiếu").click()
    expect(slide_title(page)).to_have_text(SLIDE_TITLES[1], timeout=RUN_TIMEOUT)
    wait_for_run(page)
    assert page.locator(".dd-headline").inner_text() == f"58 nhiệm vụ trễ hạn tính đến {SNAPSHOT}"


def test_language_date_and_filters_follow_from_page_to_page(app_server: AppServer, page) -> None:
    """A shared English link to the wards' figures on 18/10/2023 keeps all three through two page switches."""
    open_app(page, app_server, "/?lang=en&as_of=2023-10-18&block=commune")
    expect(metric_value(page, "Overdue")).to_have_text("60", timeout=RUN_TIMEOUT)
    wait_for_run(page)
    page.get_by_test_id("stTopNav").get_by_role("link", name="Presentation").click()
    expect(page.locator(".dd-headline")).to_have_text("60 overdue tasks as of 18/10/2023", timeout=RUN_TIMEOUT)
    wait_for_run(page)
    page.get_by_test_id("stTopNav").get_by_role("link", name="Period report").click()
    expect(page.get_by_text("Task report from 01/10/2023 to 18/10/2023")).to_be_visible(timeout=RUN_TIMEOUT)
    expect(page).to_have_url(re.compile(r"/period\?(?=.*lang=en)(?=.*as_of=2023-10-18)(?=.*block=commune)"))
