"""The command line, for scheduled imports and checks (docs/design.md §7 Command-line contract).

    python -m analytics import FILE... --db PATH [--snapshot-date YYYY-MM-DD] [--json]
    python -m analytics summary --db PATH --as-of YYYY-MM-DD [--by unit|recorded_unit|block|...] [--json]
                                (unit: the unit carrying a task on the as-of day; recorded_unit: as written)
    python -m analytics sample --db PATH [--register 2023|2026]
    python -m analytics export deck|briefing|period --db PATH --as-of YYYY-MM-DD [--unit NAME]
                               --format pdf|pptx|xlsx --out FILE [--compare DAY] [--from DAY] [--hide-names]
    python -m analytics reminders --db PATH [--as-of YYYY-MM-DD] [--repeat-days N] [--json] [--docx DIR]
    python -m analytics backup --db PATH [--out FILE]
    python -m analytics restore BACKUP.zip --db PATH [--yes]
    python -m analytics account add|password|remove|list [LOGIN] [--role R] [--name N] [--unit U]... [--email E]
                                [--password-stdin | --no-password]
    python -m analytics units import FILE|list|export --db PATH [--json] [--out FILE.xlsx]
    python -m analytics evaluate --db PATH --period 2026-10|2026-Q3|2026-H1|2026-9M|2026 [--by officer|unit]
                                 [--cutoff-day N] [--as-of YYYY-MM-DD] [--json]
    python -m analytics bench [--sizes 100k,1m,10m] [--json] [--out FILE] [--keep DIR] [--xlsx-rows N]

Exit codes: 0 done (an import with rejected rows is done: they are reported); 2 a file cannot be read as a
task table, or the arguments are wrong; 1 the database is busy or damaged. Messages are one line, never a
traceback (set DONDOC_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from analytics import audit, settings
from analytics.i18n import LANGUAGES, fmt_date, fmt_pct, t
from analytics.problems import CodedProblem
from analytics.schema import (
    COMMEND_MIN_TASKS,
    DOCUMENT_FORMATS,
    GROUP_DIMENSIONS,
    REMINDER_REPEAT_DAYS,
    ROLES,
    STATES,
)
from analytics.text import fold

if TYPE_CHECKING:
    from analytics.store import Store

# Each command imports what it needs when it runs: a scheduled import does not load the document renderers,
# pandas or the charts (python -m analytics import starts in about half the time).

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2
HUMAN_REJECT_LINES = 50


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(t("cli.bad_date", value=value)) from exc


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(t("cli.bad_positive", value=value))
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description="Đôn đốc: nhập và kiểm tra dữ liệu.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None, help="tệp cơ sở dữ liệu (mặc định: $DONDOC_DB)")
    common.add_argument("--lang", choices=LANGUAGES, default="vi", help="ngôn ngữ thông báo")
    commands = parser.add_subparsers(dest="command", required=True)

    imp = commands.add_parser("import", parents=[common], help="nhập một hoặc nhiều tệp sổ theo dõi nhiệm vụ")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--snapshot-date", type=_date, help="ngày chốt số liệu của tệp (YYYY-MM-DD)")
    imp.add_argument("--json", action="store_true", help="in mỗi tệp một dòng JSON")

    summ = commands.add_parser("summary", parents=[common], help="số liệu tổng hợp tính đến một ngày")
    summ.add_argument("--as-of", type=_date, help="ngày tính số liệu (mặc định: ngày chốt mới nhất)")
    summ.add_argument("--by", choices=sorted(GROUP_DIMENSIONS), help="nhóm theo")
    summ.add_argument("--due-soon-days", type=int, default=None, help="số ngày tính là sắp đến hạn")
    summ.add_argument("--json", action="store_true")

    eva = commands.add_parser("evaluate", parents=[common],
                              help="kết quả thực hiện nhiệm vụ theo kỳ (số lượng, tiến độ; Nghị định 335/2025/NĐ-CP)")
    eva.add_argument("--period", required=True, help="kỳ: 2026-10 (tháng), 2026-Q3, 2026-H1, 2026-9M, 2026")
    eva.add_argument("--by", choices=("officer", "unit"), default="officer", help="theo cán bộ hay đơn vị")
    eva.add_argument("--cutoff-day", type=int, default=None,
                     help="ngày chốt số liệu (15: từ ngày 15 tháng trước đến ngày 14, Nghị định 09/2019/NĐ-CP)")
    eva.add_argument("--as-of", type=_date, help="ngày tính số liệu (mặc định: ngày chốt mới nhất)")
    eva.add_argument("--json", action="store_true")

    sam = commands.add_parser("sample", parents=[common],
                              help="nạp dữ liệu mẫu (TP Quảng Ngãi 2023, hoặc 2026 sau sắp xếp đơn vị hành chính)")
    sam.add_argument("--register", choices=settings.SAMPLE_REGISTERS, default="2023",
                     help="sổ mẫu: 2023 (mặc định) hoặc 2026 (nối tiếp qua ngày 01/7/2025, kèm danh mục đơn vị)")

    exp = commands.add_parser("export", parents=[common], help="xuất bộ trình chiếu, tài liệu chuẩn bị, báo cáo kỳ")
    exp.add_argument("kind", choices=sorted(DOCUMENT_FORMATS), help="deck: trình chiếu; briefing: chuẩn bị đối "
                     "thoại/chất vấn; period: báo cáo định kỳ")
    exp.add_argument("--as-of", type=_date, help="ngày tính số liệu, cuối kỳ báo cáo (mặc định: ngày chốt mới nhất)")
    exp.add_argument("--unit", help="một đơn vị (briefing: đơn vị được chuẩn bị; deck, period: chỉ đơn vị này)")
    exp.add_argument("--format", required=True, choices=sorted({f for fs in DOCUMENT_FORMATS.values() for f in fs}),
                     dest="fmt")
    exp.add_argument("--out", required=True, type=Path, help="tệp sẽ ghi")
    exp.add_argument("--compare", type=_date, help="ngày so sánh, phiên họp trước (mặc định: 7 ngày trước)")
    exp.add_argument("--from", type=_date, dest="start", help="đầu kỳ báo cáo (mặc định: ngày 1 của tháng)")
    exp.add_argument("--hide-names", action="store_true", help="ẩn tên cán bộ (briefing)")
    exp.add_argument("--min-tasks", type=_positive, default=COMMEND_MIN_TASKS,
                     help="số nhiệm vụ đã đến hạn tối thiểu để được biểu dương (deck)")

    rem = commands.add_parser("reminders", parents=[common],
                              help="nhiệm vụ cần đôn đốc lần 1, lần 2, báo cáo lãnh đạo; dự thảo công văn")
    rem.add_argument("--as-of", type=_date, help="ngày lập danh sách (mặc định: ngày chốt mới nhất)")
    rem.add_argument("--repeat-days", type=_positive, default=REMINDER_REPEAT_DAYS,
                     help="số ngày chờ giữa hai lần đôn đốc")
    rem.add_argument("--json", action="store_true", help="in mỗi nhiệm vụ một dòng JSON")
    rem.add_argument("--docx", type=Path, metavar="DIR", help="ghi dự thảo công văn từng đơn vị vào thư mục này")

    bak = commands.add_parser("backup", parents=[common], help="sao lưu cơ sở dữ liệu và các tệp gốc vào một tệp zip")
    bak.add_argument("--out", type=Path, help="tệp sao lưu sẽ ghi (mặc định: thư mục backups cạnh cơ sở dữ liệu)")
    res = commands.add_parser("restore", parents=[common], help="khôi phục từ một tệp sao lưu")
    res.add_argument("backup", type=Path, metavar="TỆP_SAO_LƯU")
    res.add_argument("--yes", action="store_true", help="khôi phục thật (không có: chỉ cho biết tệp sao lưu chứa gì)")

    acc = commands.add_parser("account", parents=[common], help="quản lý tài khoản người dùng (tệp $DONDOC_ACCOUNTS)")
    acc.add_argument("action", choices=("add", "password", "remove", "list"),
                     help="add: thêm hoặc sửa; password: đặt mật khẩu; remove: xóa; list: liệt kê")
    acc.add_argument("login", nargs="?", help="tên đăng nhập (chữ thường không dấu, số, . _ -)")
    acc.add_argument("--role", choices=ROLES, help="admin, leader (lãnh đạo), unit (đơn vị), guest (khách)")
    acc.add_argument("--name", default="", help="họ tên hiển thị")
    acc.add_argument("--unit", action="append", default=[], dest="units", metavar="TÊN ĐƠN VỊ",
                     help="đơn vị được xem (vai trò unit; lặp lại cho nhiều đơn vị)")
    acc.add_argument("--email", help="e-mail, để đăng nhập qua hệ thống xác thực của cơ quan (OpenID Connect)")
    acc.add_argument("--password-stdin", action="store_true",
                     help="đọc mật khẩu từ dòng đầu của đầu vào chuẩn (cho tập lệnh), thay vì hỏi")
    acc.add_argument("--no-password", action="store_true", help="không đặt mật khẩu (chỉ đăng nhập qua e-mail)")

    uni = commands.add_parser("units", parents=[common], help="danh mục đơn vị: nhập, liệt kê, xuất")
    uni.add_argument("action", choices=("import", "list", "export"),
                     help="import: nhập tệp danh mục; list: liệt kê danh mục đang dùng; export: xuất ra .xlsx")
    uni.add_argument("file", nargs="?", type=Path, metavar="FILE", help="tệp danh mục (import)")
    uni.add_argument("--out", type=Path, help="tệp .xlsx sẽ ghi (export)")
    uni.add_argument("--json", action="store_true", help="import: báo cáo một dòng JSON; list: mỗi đơn vị một dòng")

    # The benchmark is not part of the app: its own program (benchmarks/bench.py) reads these options.
    ben = commands.add_parser("bench", add_help=False,
                              help="đo tốc độ nhập, truy vấn, trang và bộ nhớ trên dữ liệu tổng hợp (bench --help)")
    ben.set_defaults(lang="vi")
    return parser


def _store(args: argparse.Namespace) -> Store:
    from analytics.store import Store

    store = Store(args.db)
    store.ensure()
    return store


def cmd_import(args: argparse.Namespace) -> int:
    from analytics.importer import import_file, problems_text
    from analytics.ingest.errors import FileProblem

    store = _store(args)
    status = EXIT_OK
    for path in args.files:
        try:  # the path itself is imported: a large register is read from the disk, never held whole
            with path.open("rb"):
                pass
        except OSError:
            status = EXIT_UNREADABLE
            _fail(args, str(path), t("cli.no_file", args.lang, file=path))
            continue
        try:
            report = import_file(store, path, path.name, snapshot_date=args.snapshot_date, origin="command line")
        except FileProblem as problem:
            status = EXIT_UNREADABLE
            _fail(args, str(path), t("cli.cannot_read", args.lang, file=path, message=problem.message(args.lang)))
            continue
        _audit(store.path, "import",
               f"{path.name} (batch {report.batch_id}: {report.rows_loaded}/{report.rows_read}, command line)")
        if args.json:
            print(json.dumps({**report.to_json(args.lang), "file": str(path)}, ensure_ascii=False))
            continue
        print(t("cli.imported", args.lang, file=path, read=report.rows_read, loaded=report.rows_loaded,
                rejected=report.rows_rejected, ignored=len(report.ignored), batch=report.batch_id,
                snapshot=report.snapshot_date.strftime("%d/%m/%Y")))
        for reject in report.rejects[:HUMAN_REJECT_LINES]:
            print(t("cli.reject_line", args.lang, row=reject.place, reason=problems_text(reject.problems, args.lang)))
        if report.rows_rejected > HUMAN_REJECT_LINES:
            print(f"  … (+{report.rows_rejected - HUMAN_REJECT_LINES}; --json)")
    return status


def cmd_units(args: argparse.Namespace) -> int:
    """The unit registry: import a file (a batch that can be undone), list the one in force, export it."""
    from analytics.importer import import_registry, problems_text

    store = _store(args)
    if args.action == "import":
        if args.file is None:
            _fail(args, "", t("cli.units_file_needed", args.lang))
            return EXIT_UNREADABLE
        try:
            data = args.file.read_bytes()
        except OSError:
            _fail(args, str(args.file), t("cli.no_file", args.lang, file=args.file))
            return EXIT_UNREADABLE
        report = import_registry(store, data, args.file.name, origin="command line")  # CodedProblem: main says it
        _audit(store.path, "import", f"{args.file.name} (batch {report.batch_id}: unit registry, command line)")
        if args.json:
            print(json.dumps({**report.to_json(args.lang), "file": str(args.file)}, ensure_ascii=False))
            return EXIT_OK
        print(t("cli.units_imported", args.lang, file=args.file, loaded=report.rows_loaded,
                rejected=report.rows_rejected, batch=report.batch_id))
        for reject in report.rejects[:HUMAN_REJECT_LINES]:
            print(t("cli.reject_line", args.lang, row=reject.place, reason=problems_text(reject.problems, args.lang)))
        return EXIT_OK
    units = store.registry()
    block = {u.key: t(f"block.{u.block}", args.lang) if u.block else "" for u in units}
    if args.action == "list":
        for u in units:
            if args.json:
                print(json.dumps({"name": u.name, "block": u.block, "parent": u.parent, "successor": u.successor,
                                  "effective_date": u.effective.isoformat() if u.effective else None,
                                  "aliases": list(u.aliases)}, ensure_ascii=False))
                continue
            merged = t("cli.units_split" if u.split else "cli.units_merged", args.lang, successor=u.successor,
                       date=u.effective.strftime("%d/%m/%Y")) if u.successor and u.effective else ""
            print(" · ".join(part for part in (u.name, block[u.key], u.parent or "", merged) if part))
        return EXIT_OK
    if args.out is None:
        _fail(args, "", t("cli.units_out_needed", args.lang))
        return EXIT_UNREADABLE
    from analytics.unit_registry import registry_xlsx

    _write_atomically(args.out, registry_xlsx(units, args.lang))  # the file the app's registry page downloads
    return EXIT_OK


def _os_user() -> str:
    """Who ran the command, for the audit log: the system account (the command line has no sign-in)."""
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def cmd_backup(args: argparse.Namespace) -> int:
    from analytics import backup
    from analytics.store import Store

    store = Store(args.db)  # as it is: a backup never changes the file (no schema upgrade first)
    if not store.path.exists():
        print(t("cli.no_file", args.lang, file=store.path), file=sys.stderr)
        return EXIT_FAILED
    target, manifest = backup.make_backup(store, args.out)
    _audit(store.path, "backup", target.name)
    print(t("cli.backup_done", args.lang, file=target, tasks=manifest.tasks, batches=manifest.batches,
            originals=manifest.originals, size=f"{target.stat().st_size / 1e6:.1f}"))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from analytics import backup
    from analytics.store import Store

    store = Store(args.db)
    manifest = backup.read_manifest(args.backup)
    if not args.yes:
        print(t("cli.restore_preview", args.lang, file=args.backup, made=manifest.made_at, tasks=manifest.tasks,
                batches=manifest.batches, db=store.path))
        return EXIT_FAILED
    manifest, kept = backup.restore_backup(store, args.backup)
    _audit(store.path, "restore", f"{args.backup.name} ({manifest.made_at})")
    print(t("cli.restore_done", args.lang, file=args.backup, made=manifest.made_at, tasks=manifest.tasks,
            kept=kept or "-"))
    return EXIT_OK


def cmd_account(args: argparse.Namespace) -> int:
    from analytics.access import load_accounts, remove_account, save_account

    path = settings.accounts_path()
    if path is None:
        print(t("accounts.none", args.lang), file=sys.stderr)
        return EXIT_FAILED
    known = load_accounts(path) or {}
    if args.action == "list":
        for account in known.values():
            units = f" [{', '.join(account.units)}]" if account.units else ""
            print(f"{account.login}\t{account.role}\t{account.name}{units}\t{account.email or ''}")
        return EXIT_OK
    if not args.login:
        print("Cần tên đăng nhập.", file=sys.stderr)
        return EXIT_FAILED
    if args.action == "remove":
        if not remove_account(path, args.login):
            print(f"Không có tài khoản {args.login}.", file=sys.stderr)
            return EXIT_FAILED
        _audit(_database(args), "accounts", f"remove {args.login}")
        print(f"Đã xóa tài khoản {args.login}.")
        return EXIT_OK
    current = known.get(args.login.strip().lower())
    if args.action == "password" and current is None:
        print(f"Không có tài khoản {args.login}.", file=sys.stderr)
        return EXIT_FAILED
    role = args.role or (current.role if current else None)
    if role is None:
        print("Cần --role cho tài khoản mới.", file=sys.stderr)
        return EXIT_FAILED
    password = None if args.no_password else _read_password(args, asked=args.action == "password" or not current)
    account = save_account(
        path, args.login, name=args.name or (current.name if current else args.login), role=role,
        units=args.units or (current.units if current and role == "unit" else ()), password=password,
        email=args.email if args.email is not None else (current.email if current else None))
    _audit(_database(args), "accounts",
           f"{'password' if args.action == 'password' else 'save'} {account.login} ({account.role})")
    print(f"Đã lưu tài khoản {account.login} ({account.role}) vào {path}.")
    return EXIT_OK


def _read_password(args: argparse.Namespace, asked: bool) -> str | None:
    """The new password: from standard input (--password-stdin) or typed twice; None keeps the old one."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not asked:
        return None
    from analytics.access import AccountsProblem

    first = getpass.getpass("Mật khẩu: ")
    if first != getpass.getpass("Nhập lại mật khẩu: "):
        raise AccountsProblem("password_mismatch")
    return first


def _database(args: argparse.Namespace) -> Path:
    return args.db.expanduser().resolve() if args.db else settings.db_path()


def _audit(database: Path, action: str, detail: str) -> None:
    """An entry in the audit log beside `database`, by the system account that ran the command."""
    audit.record(audit.beside(database), _os_user(), action, detail)


def _fail(args: argparse.Namespace, file: str, message: str) -> None:
    print(message, file=sys.stderr)
    if args.json:
        print(json.dumps({"file": file, "error": message}, ensure_ascii=False))


def cmd_summary(args: argparse.Namespace) -> int:
    from analytics import queries

    store = _store(args)
    as_of = args.as_of or _latest_snapshot(store) or dt.date.today()
    days = args.due_soon_days if args.due_soon_days is not None else settings.due_soon_days()
    view = queries.View(as_of, due_soon_days=days)
    with store.connect() as con:
        result = queries.summary(con, view, args.by)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return EXIT_OK
    print(t("cli.summary_header", args.lang, as_of=as_of.strftime("%d/%m/%Y")))
    print(f"  {t('kpi.total', args.lang)}: {result['total']}")
    for state in STATES:
        print(f"  {t('state.' + state, args.lang)}: {result[state]}")
    print(f"  {t('kpi.on_time_rate', args.lang)}: {fmt_pct(result['on_time_rate'], args.lang)}")
    for row in result.get("by", []):
        key = row["key"] if args.by != "block" else t(f"block.{row['key']}", args.lang)
        print(f"  {key or '—'}: {row['overdue']} / {row['total']}")
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analytics import evaluation, queries

    try:
        period = evaluation.parse_period(args.period, args.cutoff_day or 1)
    except ValueError:
        print(t("cli.bad_period", args.lang, period=args.period), file=sys.stderr)
        return EXIT_UNREADABLE
    store = _store(args)
    as_of = args.as_of or _latest_snapshot(store) or dt.date.today()
    view = queries.View(as_of, hide_names=not settings.officer_names_visible())
    with store.connect() as con:
        records = evaluation.as_records(evaluation.evaluate(con, view, period, args.by))
    if args.json:
        print(json.dumps(records, ensure_ascii=False))
        return EXIT_OK
    print(t("cli.evaluate_header", args.lang, start=period.start.strftime("%d/%m/%Y"),
            end=period.end.strftime("%d/%m/%Y"), as_of=evaluation.judged_day(view, period).strftime("%d/%m/%Y")))
    for row in records:
        print("  " + t("cli.evaluate_row", args.lang, who=row["key"] or "—", due=row["due"], on_time=row["on_time"],
                       late=row["late"], objective=row["late_objective"], not_done=row["not_done"],
                       quantity=fmt_pct(_share(row["quantity_pct"]), args.lang),
                       progress=fmt_pct(_share(row["progress_pct"]), args.lang)))
    return EXIT_OK


def _share(pct: float | None) -> float | None:
    return None if pct is None else pct / 100


def cmd_sample(args: argparse.Namespace) -> int:
    from analytics.importer import load_sample

    store = _store(args)
    if args.register == "2026":
        registry, report = load_sample(store, "2026")
        print(t("cli.sample_2026_loaded", args.lang, db=store.path, units=registry.rows_loaded,
                registry_batch=registry.batch_id, loaded=report.rows_loaded, batch=report.batch_id,
                snapshot=report.snapshot_date.strftime("%d/%m/%Y")))
        return EXIT_OK
    report = load_sample(store)[0]
    print(t("cli.sample_loaded", args.lang, db=store.path, loaded=report.rows_loaded,
            snapshot=report.snapshot_date.strftime("%d/%m/%Y")))
    return EXIT_OK


def _unit_name(con, given: str) -> str | None:
    """The unit as the data spells it: exact, else the one unit whose name matches without accents/case."""
    from analytics import queries

    names = queries.filter_options(con)["units"]
    if given in names:
        return given
    matches = [name for name in names if fold(name) == fold(given)]
    return matches[0] if len(matches) == 1 else None


def cmd_export(args: argparse.Namespace) -> int:
    from analytics import exports, meeting, queries

    allowed = exports.FORMATS[args.kind]
    if args.fmt not in allowed:
        print(t("cli.bad_format", args.lang, kind=args.kind, format=args.fmt, allowed=", ".join(allowed)),
              file=sys.stderr)
        return EXIT_UNREADABLE
    if not args.out.name or args.out.is_dir():
        print(t("cli.cannot_write", args.lang, out=args.out, detail=t("cli.not_a_file", args.lang)), file=sys.stderr)
        return EXIT_UNREADABLE
    db = args.db or settings.db_path()
    if not Path(db).exists():  # a mistyped --db must not quietly report on a new, empty database
        print(t("cli.no_database", args.lang, db=db), file=sys.stderr)
        return EXIT_UNREADABLE
    store = _store(args)
    snapshot = _latest_snapshot(store)
    as_of = args.as_of or snapshot or dt.date.today()
    with store.connect() as con:
        unit = None
        if args.unit:
            unit = _unit_name(con, args.unit)
            if unit is None:
                print(t("cli.no_unit", args.lang, unit=args.unit), file=sys.stderr)
                return EXIT_UNREADABLE
        filters = queries.Filters(units=(unit,)) if unit and args.kind != "briefing" else queries.Filters()
        view = queries.View(as_of, filters, settings.due_soon_days())
        compare = args.compare or as_of - dt.timedelta(days=7)
        ctx = meeting.Context(view, snapshot, args.lang, compare if args.kind != "period" else None,
                              sample=queries.sample_in_use(con))
        if args.kind == "deck":
            document = meeting.build_deck(con, ctx, min_tasks=args.min_tasks)
        elif args.kind == "briefing":
            document = meeting.build_briefing(con, ctx, unit, hide_names=args.hide_names)
        else:
            start = args.start or meeting.period_start_default(as_of)
            if start > as_of:
                print(t("period.bad_range", args.lang, start=fmt_date(start), end=fmt_date(as_of)), file=sys.stderr)
                return EXIT_UNREADABLE
            document = meeting.build_period(con, ctx, start)
    data = exports.render(document, args.fmt)  # ImageProblem: charts cannot be drawn (cli.main says so)
    try:
        _write_atomically(args.out, data)
    except OSError as exc:
        print(t("cli.cannot_write", args.lang, out=args.out, detail=exc.strerror or exc), file=sys.stderr)
        return EXIT_FAILED
    print(t("cli.exported", args.lang, out=args.out, kind=args.kind, format=args.fmt, as_of=fmt_date(as_of)))
    return EXIT_OK


def cmd_reminders(args: argparse.Namespace) -> int:
    from analytics import accountability, queries
    from analytics.exports.letter import Letterhead

    db = args.db or settings.db_path()
    if not Path(db).exists():
        print(t("cli.no_database", args.lang, db=db), file=sys.stderr)
        return EXIT_UNREADABLE
    if args.docx is not None and args.docx.exists() and not args.docx.is_dir():
        print(t("cli.cannot_write", args.lang, out=args.docx, detail=t("cli.not_a_folder", args.lang)), file=sys.stderr)
        return EXIT_UNREADABLE
    store = _store(args)
    as_of = args.as_of or _latest_snapshot(store) or dt.date.today()
    view = queries.View(as_of, due_soon_days=settings.due_soon_days(), hide_names=not settings.officer_names_visible())
    with store.connect() as con:
        due = accountability.reminders_due(con, view, args.repeat_days)
    for row in due.to_dict("records"):
        item = {
            "task_id": row["task_id"], "unit": row["unit"], "level": int(row["level"]), "block": row["block"],
            "title": row["title"], "source_doc": row["source_doc"], "effective_due": row["effective_due"].isoformat(),
            "days_overdue": int(row["days_overdue"]), "reminders_sent": int(row["sent"]),
            "last_reminder": None if row["last_sent"] is None or row["last_sent"] != row["last_sent"]
            else row["last_sent"].isoformat(),
        }
        if args.json:
            print(json.dumps(item, ensure_ascii=False))
        else:
            level = t(f"remind.level_{item['level']}", args.lang)
            print(f"{row['unit']}\t{row['task_id']}\t{level}\t{fmt_date(row['effective_due'])}\t"
                  f"{item['days_overdue']}")
    if args.docx is not None:
        letters = accountability.reminder_letters(due, as_of, Letterhead(**settings.letterhead_defaults()))
        try:
            args.docx.mkdir(parents=True, exist_ok=True)
            for _, name, data in accountability.unique_names(letters):
                _write_atomically(args.docx / name, data)
        except OSError as exc:
            print(t("cli.cannot_write", args.lang, out=args.docx, detail=exc.strerror or exc), file=sys.stderr)
            return EXIT_FAILED
        print(t("cli.reminders_written", args.lang, count=len(letters), folder=args.docx), file=sys.stderr)
    return EXIT_OK


def run_bench(options: list[str]) -> int:
    """The benchmark in a process of its own, with its own options: the app never imports it."""
    command = [sys.executable, "-m", "benchmarks.bench", *options]
    return subprocess.run(command, cwd=settings.PROJECT_DIR, check=False).returncode


def _latest_snapshot(store: Store) -> dt.date | None:
    from analytics import queries

    with store.connect() as con:
        return queries.latest_snapshot(con)


def _write_atomically(target: Path, data: bytes) -> None:
    """Write a new file next to the target, then rename: a scheduled job never leaves half a file behind."""
    partial = None
    try:
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as handle:
            partial = Path(handle.name)
            handle.write(data)
        os.replace(partial, target)
    except OSError:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:  # every option after it is the benchmark's own
        return run_bench(argv[1:])
    args = build_parser().parse_args(argv)
    handlers = {"import": cmd_import, "summary": cmd_summary, "sample": cmd_sample, "export": cmd_export,
                "reminders": cmd_reminders, "account": cmd_account,
                "backup": cmd_backup, "restore": cmd_restore, "units": cmd_units, "evaluate": cmd_evaluate}
    try:
        return handlers[args.command](args)
    except CodedProblem as problem:  # a problem the user is told about: its message, and its exit status
        print(problem.message(args.lang), file=sys.stderr)
        return problem.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: one line, not a traceback
        if os.environ.get("DONDOC_DEBUG"):
            raise
        print(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", file=sys.stderr)
        return EXIT_FAILED
