"""Deployment settings, read from the environment so the app, the command line and tests agree."""

from __future__ import annotations

import os
from pathlib import Path

from analytics.schema import DUE_SOON_DAYS

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_FILE = PROJECT_DIR / "data" / "sample" / "quang_ngai_2023.xlsx"
SAMPLE_HISTORY = PROJECT_DIR / "data" / "sample" / "quang_ngai_2023_lich_su.xlsx"  # its event history
# The register continued across the 1/7/2025 merger of wards and communes, and its unit registry.
SAMPLE_2026_FILE = PROJECT_DIR / "data" / "sample" / "quang_ngai_2026.xlsx"
SAMPLE_2026_REGISTRY = PROJECT_DIR / "data" / "sample" / "quang_ngai_2026_danh_muc_don_vi.xlsx"
SAMPLE_REGISTERS = ("2023", "2026")
DEFAULT_DB = PROJECT_DIR / "data" / "dondoc.duckdb"


def db_path() -> Path:
    """The deployment's database file: $DONDOC_DB, else data/dondoc.duckdb."""
    return Path(os.environ.get("DONDOC_DB") or DEFAULT_DB).expanduser().resolve()


def accounts_path() -> Path | None:
    """The accounts file (analytics.access): $DONDOC_ACCOUNTS, else data/accounts.toml, kept out of git. No such
    file: the app serves one user on this machine. DONDOC_ACCOUNTS=none says so on purpose (None)."""
    named = os.environ.get("DONDOC_ACCOUNTS")
    if named and named.strip().lower() == "none":
        return None
    return Path(named or PROJECT_DIR / "data" / "accounts.toml").expanduser().resolve()


def accounts_configured() -> bool:
    """Was an accounts file named on purpose ($DONDOC_ACCOUNTS, not "none")? Then a missing file is an error,
    not the single-user mode."""
    named = os.environ.get("DONDOC_ACCOUNTS")
    return bool(named) and named.strip().lower() != "none"


def workbook_memory_bytes() -> int:
    """The memory a workbook's reader may use (ingest.sandbox): $DONDOC_WORKBOOK_MEMORY_MB, default 4096."""
    return int(os.environ.get("DONDOC_WORKBOOK_MEMORY_MB") or 4096) * 1024 * 1024


def workbook_seconds() -> int:
    """The CPU time a workbook's reader may use: $DONDOC_WORKBOOK_SECONDS, default 300."""
    return int(os.environ.get("DONDOC_WORKBOOK_SECONDS") or 300)


def memory_limit() -> str:
    return os.environ.get("DONDOC_MEMORY_LIMIT", "2GB")


def threads() -> int:
    return int(os.environ.get("DONDOC_THREADS") or min(os.cpu_count() or 2, 8))


def due_soon_days() -> int:
    """How many days ahead a deadline counts as "due soon" (docs/design.md §4.1: 7 unless configured)."""
    return int(os.environ.get("DONDOC_DUE_SOON_DAYS") or DUE_SOON_DAYS)


def load_sample_into_new_database() -> bool:
    """A brand-new database gets the synthetic sample, for a first look; DONDOC_SAMPLE=0 turns that off."""
    return os.environ.get("DONDOC_SAMPLE", "1") != "0"


def lock_wait_seconds() -> float:
    """How long to wait for another process (a scheduled import) to release the database."""
    return float(os.environ.get("DONDOC_LOCK_WAIT", "60"))


def officer_names_visible() -> bool:
    """Officers' names are personal data: DONDOC_OFFICER_NAMES=0 hides them on every page, whatever the role
    (a guest never sees them: analytics.access)."""
    return os.environ.get("DONDOC_OFFICER_NAMES", "1") != "0"


def letterhead_defaults() -> dict[str, str]:
    """What reminder letters print at the top and at the signature: the deployment's own office."""
    return {
        "superior": os.environ.get("DONDOC_LETTER_SUPERIOR", "ỦY BAN NHÂN DÂN"),
        "issuer": os.environ.get("DONDOC_LETTER_ISSUER", "VĂN PHÒNG"),
        "place": os.environ.get("DONDOC_LETTER_PLACE", ""),
        "signer_title": os.environ.get("DONDOC_LETTER_SIGNER", "CHÁNH VĂN PHÒNG"),
    }
