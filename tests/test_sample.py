"""The bundled sample is what its script makes, and what the README promises."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from analytics import settings


def test_the_committed_sample_is_reproduced_by_its_script(tmp_path):
    out = tmp_path / "sample.xlsx"
    result = subprocess.run([sys.executable, str(settings.PROJECT_DIR / "data/sample/make_sample.py"), str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Overdue on 25/10/2023: 140" in result.stdout
    committed = hashlib.sha256(settings.SAMPLE_FILE.read_bytes()).hexdigest()
    assert hashlib.sha256(out.read_bytes()).hexdigest() == committed
    assert settings.SAMPLE_FILE.stat().st_size < 300_000
