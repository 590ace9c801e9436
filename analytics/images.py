"""Plotly figures as PNG images for PDF and PPTX, through Plotly's own exporter (Kaleido) driving the
Chromium installed on the machine (Debian's `chromium`; Kaleido finds it on the PATH, or set BROWSER_PATH).

One Chromium is started per export and reused for all its charts (the first image costs ~1.5 s, each further
one ~0.1 s), then closed: a dashboard server should not keep a browser running between exports. Exports are
serialised because Kaleido's synchronous server is one per process.
"""

from __future__ import annotations

import os
import shutil
import threading
import warnings
from collections.abc import Sequence

import plotly.graph_objects as go

from analytics.problems import CodedProblem

_LOCK = threading.Lock()
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


class ImageProblem(CodedProblem):
    """Charts could not be drawn as images (no browser on the machine, or it failed)."""

    catalogue = "doc"

    def __init__(self, detail: str = "") -> None:
        super().__init__("image_problem", detail=detail)


def browser_available() -> bool:
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return os.path.isfile(configured) and os.access(configured, os.X_OK)
    return any(shutil.which(name) for name in CHROMIUM_NAMES)


def figures_to_png(figures: Sequence[go.Figure], width: int, height: int, scale: float = 1.0) -> list[bytes]:
    """Each figure drawn at width x height CSS pixels (times `scale` for print sharpness)."""
    if not figures:
        return []
    if not browser_available():  # also a BROWSER_PATH that is not a program: Kaleido would wait for it for ever
        raise ImageProblem("chromium not found")
    import kaleido
    import plotly.io as pio

    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts ignored when using a server": expected, the server has them
        try:
            kaleido.start_sync_server(silence_warnings=True)
        except Exception as exc:  # a server left over from a failed export: reuse it
            if "already" not in str(exc).lower():
                raise ImageProblem(str(exc)) from exc
        try:
            return [pio.to_image(fig, format="png", width=width, height=height, scale=scale) for fig in figures]
        except Exception as exc:
            raise ImageProblem(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        finally:
            try:
                kaleido.stop_sync_server(silence_warnings=True)
            except Exception:  # noqa: S110 - closing a browser that already went away is not an error
                pass
