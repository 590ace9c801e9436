"""Plotly figures as PNG images for PDF and PPTX, through Plotly's own exporter (Kaleido) driving the
Chromium installed on the machine (Debian's `chromium`; Kaleido finds it on the PATH, or set BROWSER_PATH).

One Chromium is started per export and reused for all its charts (the first image costs ~1.5 s, each further
one ~0.1 s), then closed: a dashboard server should not keep a browser running between exports. Exports are
serialised because Kaleido's synchronous server is one per process.
"""

from __future__ import annotations

import os
import queue
import shutil
import threading
import warnings
from collections.abc import Sequence

import plotly.graph_objects as go

_LOCK = threading.Lock()
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
TIMEOUT_SECONDS = 180  # a deck's charts take ~10 s; a browser that never answers must not hang an export


class ImageProblem(Exception):
    """Charts could not be drawn as images (no browser on the machine, or it failed)."""


def browser_available() -> bool:
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return os.path.isfile(configured) and os.access(configured, os.X_OK)
    return any(shutil.which(name) for name in CHROMIUM_NAMES)


def figures_to_png(figures: Sequence[go.Figure], width: int, height: int, scale: float = 1.0,
                   timeout: float = TIMEOUT_SECONDS) -> list[bytes]:
    """Each figure drawn at width x height CSS pixels (times `scale` for print sharpness).

    The drawing runs in a daemon thread and is given `timeout` seconds: a browser that starts but never
    answers (Kaleido then waits for ever) becomes an ImageProblem, not a hung export or a hung process."""
    if not figures:
        return []
    if not browser_available():
        raise ImageProblem("chromium not found")
    outcome: queue.Queue = queue.Queue()
    with _LOCK:
        worker = threading.Thread(target=_draw, args=(list(figures), width, height, scale, outcome), daemon=True)
        worker.start()
        try:
            result = outcome.get(timeout=timeout)
        except queue.Empty:
            raise ImageProblem(f"no image after {timeout:.0f} s") from None
    if isinstance(result, Exception):
        raise ImageProblem(str(result).splitlines()[0] if str(result) else type(result).__name__) from result
    return result


def _draw(figures: list[go.Figure], width: int, height: int, scale: float, outcome: queue.Queue) -> None:
    import kaleido
    import plotly.io as pio

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts ignored when using a server": expected, the server has them
        try:
            try:
                kaleido.start_sync_server(silence_warnings=True)
            except Exception as exc:  # a server left over from a failed export: reuse it
                if "already" not in str(exc).lower():
                    raise
            try:
                outcome.put([pio.to_image(f, format="png", width=width, height=height, scale=scale) for f in figures])
            finally:
                try:
                    kaleido.stop_sync_server(silence_warnings=True)
                except Exception:  # noqa: S110 - closing a browser that already went away is not an error
                    pass
        except Exception as exc:  # handed to the caller, which raises it as an ImageProblem
            outcome.put(exc)
