"""The bundled sample is what its script makes, and what the README promises."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from collections import Counter

import pytest
from python_calamine import CalamineWorkbook

from analytics import settings

HISTORY_FILE = settings.SAMPLE_FILE.with_name("quang_ngai_2023_lich_su.xlsx")
SNAPSHOT = dt.date(2023, 10, 25)
HISTORY_HEADERS = ["STT", "Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị", "Ghi chú"]
TRANSFER, RETURN, ESCALATION, EXTENSION = "Chuyển đơn vị chủ trì", "Trả lại", "Xin ý kiến cấp trên", "Gia hạn"
REMINDERS = ("Đôn đốc lần 1", "Đôn đốc lần 2", "Đôn đốc lần 3")
CITY_OFFICE = "Văn phòng HĐND và UBND thành phố"


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows_of(path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The script run into a temporary folder: (its output, register path, history path)."""
    out = tmp_path_factory.mktemp("sample") / "sample.xlsx"
    result = subprocess.run([sys.executable, str(settings.PROJECT_DIR / "data/sample/make_sample.py"), str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout, out, out.with_name("sample_lich_su.xlsx")


@pytest.fixture(scope="module")
def register() -> dict[str, dict]:
    """The committed register's tasks by code: unit, dates and number of transfers."""
    rows = rows_of(settings.SAMPLE_FILE)
    header = next(i for i, r in enumerate(rows) if r[:2] == ["STT", "Mã nhiệm vụ"])
    tasks = {}
    for r in rows[header + 1:]:
        if not str(r[1]).startswith("QNg-"):
            break
        tasks[r[1]] = {"unit": r[5], "assigned": r[9], "due": r[10] or None, "extended": r[11] or None,
                       "done": r[12] or None, "transfers": int(r[15])}
    assert len(tasks) == 1600
    return tasks


@pytest.fixture(scope="module")
def history() -> list[dict]:
    """The committed history's events, in file order."""
    rows = rows_of(HISTORY_FILE)
    header = next(i for i, r in enumerate(rows) if r[:2] == ["STT", "Mã nhiệm vụ"])
    assert rows[header] == HISTORY_HEADERS
    assert any("LỊCH SỬ XỬ LÝ NHIỆM VỤ NĂM 2023" in str(c) for r in rows[:header] for c in r)
    events = [dict(zip(["stt", "code", "day", "action", "from", "to", "note"], r, strict=True))
              for r in rows[header + 1:]]
    assert events and all(e["code"] and isinstance(e["day"], dt.date) for e in events), "rows after the events"
    return events


def test_the_committed_sample_is_reproduced_by_its_script(regenerated):
    stdout, register_out, _ = regenerated
    assert "Overdue on 25/10/2023: 140" in stdout
    assert sha256(register_out) == sha256(settings.SAMPLE_FILE)
    assert settings.SAMPLE_FILE.stat().st_size < 300_000


def test_the_committed_history_is_reproduced_by_its_script(regenerated):
    _, _, history_out = regenerated
    assert sha256(history_out) == sha256(HISTORY_FILE)
    assert HISTORY_FILE.stat().st_size < 150_000


def test_the_committed_2026_files_are_reproduced_by_its_script(regenerated):
    """The 2026 register and its registry are written next to the 2023 register, from their own random stream."""
    stdout, register_out, _ = regenerated
    assert "4015 tasks (403 carried over from 2023); overdue on 30/11/2026: 131" in stdout
    for committed in (settings.SAMPLE_2026_FILE, settings.SAMPLE_2026_REGISTRY):
        assert sha256(register_out.with_name(committed.name)) == sha256(committed)


def test_the_history_is_in_order_and_names_known_units(register, history):
    assert [e["stt"] for e in history] == list(range(1, len(history) + 1))
    assert 300 <= len(history) <= 1500
    assert [(e["day"], e["code"]) for e in history] == sorted((e["day"], e["code"]) for e in history)
    assert {e["action"] for e in history} == {TRANSFER, RETURN, ESCALATION, EXTENSION, *REMINDERS}
    units = {t["unit"] for t in register.values()}
    for e in history:
        assert e["code"] in register, e
        assert e["from"] in units, e
        assert e["to"] in units | {"", "UBND thành phố", "UBND tỉnh Quảng Ngãi"}, e
        if e["action"] in (RETURN, *REMINDERS):
            assert (e["from"] if e["action"] in REMINDERS else e["to"]) == CITY_OFFICE, e


def test_no_event_is_before_its_task_or_after_the_snapshot(register, history):
    for e in history:
        assert register[e["code"]]["assigned"] <= e["day"] <= SNAPSHOT, e


def test_the_transfers_match_the_register_and_end_at_its_unit(register, history):
    moves: dict[str, list[dict]] = {}
    for e in history:
        if e["action"] == TRANSFER:
            moves.setdefault(e["code"], []).append(e)
    for code, task in register.items():
        chain = moves.get(code, [])
        assert len(chain) == task["transfers"], code
        for before, after in zip(chain, chain[1:], strict=False):
            assert before["to"] == after["from"], code
        assert not chain or chain[-1]["to"] == task["unit"], code
        assert all(m["from"] != m["to"] for m in chain), code


def test_extensions_match_the_register(register, history):
    extensions = {e["code"]: e for e in history if e["action"] == EXTENSION}
    assert set(extensions) == {c for c, t in register.items() if t["extended"]}
    assert len(extensions) == sum(e["action"] == EXTENSION for e in history)
    for code, e in extensions.items():
        task = register[code]
        assert e["day"] < task["due"] and e["from"] == task["unit"], e
        assert e["note"] == f"Gia hạn đến {task['extended']:%d/%m/%Y}", e


def test_reminders_go_to_overdue_tasks_in_order(register, history):
    seen: dict[str, list[str]] = {}
    for e in history:
        if e["action"] not in REMINDERS:
            continue
        task = register[e["code"]]
        effective_due = task["extended"] or task["due"]
        assert effective_due is not None and effective_due < e["day"] < SNAPSHOT, e
        overdue_now = task["done"] is None or task["done"] > SNAPSHOT
        assert overdue_now or task["done"] > e["day"], e
        assert e["to"] == task["unit"], e
        level = REMINDERS.index(e["action"])
        assert seen.get(e["code"], []) == list(REMINDERS[:level]), e  # lần 2 follows lần 1, lần 3 follows lần 2
        seen.setdefault(e["code"], []).append(e["action"])

    overdue = [c for c, t in register.items() if t["done"] is None and (t["extended"] or t["due"])
               and (t["extended"] or t["due"]) < SNAPSHOT]
    assert len(overdue) == 140
    reminded = Counter(len(seen.get(c, [])) for c in overdue)
    assert 0.25 * len(overdue) <= len(overdue) - reminded[0] <= 0.45 * len(overdue), reminded
    assert reminded[2] and reminded[3], reminded
    assert any(register[c]["done"] for c in seen), "some tasks completed late had been reminded"
