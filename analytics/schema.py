"""The data model: canonical task columns, the headers real exports use for them, blocks and states.

Everything here is data, shared by the importer, the store, the queries and the pages.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analytics.text import fold, unit_key


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "date" or "int"
    synonyms: tuple[str, ...]


# Header synonyms are written as people write them; they are compared after fold() (no accents, no case,
# no punctuation), so "HẠN XỬ LÝ", "Han xu ly" and "Hạn xử lý (*)" all match.
COLUMNS: tuple[Column, ...] = (
    Column("task_id", "text", (
        "Mã nhiệm vụ", "Mã NV", "Mã", "ID", "Mã số", "Mã công việc", "Số hiệu nhiệm vụ", "Task ID", "Task code",
    )),
    Column("title", "text", (
        "Trích yếu", "Nội dung", "Nội dung nhiệm vụ", "Tên nhiệm vụ", "Nhiệm vụ", "Nội dung công việc",
        "Tên công việc", "Nội dung chỉ đạo", "Title", "Task", "Description", "Subject",
    )),
    Column("unit", "text", (
        "Đơn vị chủ trì", "Đơn vị thực hiện", "Cơ quan chủ trì", "Đơn vị", "Cơ quan thực hiện", "Đơn vị xử lý",
        "Cơ quan, đơn vị chủ trì", "Đơn vị được giao", "Cơ quan được giao", "Lead unit", "Unit", "Department",
        "Responsible unit", "Agency",
    )),
    Column("assignee", "text", (
        "Cán bộ phụ trách", "Chuyên viên", "Người xử lý", "Cán bộ xử lý", "Người phụ trách", "Cán bộ thực hiện",
        "Chuyên viên theo dõi", "Assignee", "Officer", "Person in charge", "Handler",
    )),
    Column("assigner", "text", (
        "Cơ quan giao", "Người giao", "Lãnh đạo giao", "Lãnh đạo chỉ đạo", "Đơn vị giao", "Người chỉ đạo",
        "Assigner", "Assigned by",
    )),
    Column("source_doc", "text", (
        "Số, ký hiệu văn bản", "Văn bản giao", "Số ký hiệu", "Số văn bản", "Văn bản", "Số hiệu văn bản",
        "Văn bản chỉ đạo", "Source document", "Document", "Document number",
    )),
    Column("origin", "text", (
        "Nguồn", "Loại nhiệm vụ", "Nguồn nhiệm vụ", "Nguồn giao", "Origin", "Source", "Task type", "Type",
    )),
    Column("field", "text", ("Lĩnh vực", "Field", "Domain", "Sector")),
    Column("assigned_date", "date", (
        "Ngày giao", "Ngày ban hành", "Ngày nhận", "Ngày văn bản", "Ngày giao nhiệm vụ", "Assigned date",
        "Date assigned", "Assigned on", "Issue date", "Received date",
    )),
    Column("due_date", "date", (
        "Hạn xử lý", "Thời hạn", "Hạn hoàn thành", "Thời hạn hoàn thành", "Hạn", "Hạn giải quyết",
        "Thời hạn xử lý", "Thời hạn thực hiện", "Due date", "Deadline", "Due",
    )),
    Column("extended_due_date", "date", (
        "Gia hạn", "Gia hạn đến", "Hạn gia hạn", "Thời hạn gia hạn", "Ngày gia hạn", "Hạn sau gia hạn",
        "Extended due date", "Extension", "Extended to", "New deadline",
    )),
    Column("completed_date", "date", (
        "Ngày hoàn thành", "Ngày xử lý xong", "Ngày kết thúc", "Ngày hoàn thành thực tế", "Ngày báo cáo kết quả",
        "Completed date", "Completion date", "Date completed", "Completed", "Completed on", "Done date",
    )),
    Column("status", "text", (
        "Tình trạng", "Trạng thái", "Kết quả", "Tình trạng thực hiện", "Kết quả thực hiện", "Status",
    )),
    Column("cause", "text", (
        "Nguyên nhân chậm", "Lý do", "Nguyên nhân", "Lý do chậm", "Nguyên nhân trễ hạn", "Lý do chậm trễ",
        "Cause", "Reason", "Delay reason",
    )),
    Column("transfers", "int", ("Số lần chuyển", "Số lần chuyển đơn vị", "Transfers", "Transfer count")),
    Column("note", "text", ("Ghi chú", "Note", "Notes", "Remarks", "Comment", "Comments")),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
# A task as stored: the canonical columns and the unit's key (text.unit_key), in the order of the task tables.
TASK_COLUMNS: tuple[str, ...] = (*COLUMN_NAMES[:3], "unit_key", *COLUMN_NAMES[3:])
COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
# Without these two the file is not a task register: no unit to blame, no deadline to miss.
REQUIRED_COLUMNS = ("unit", "due_date")
# Header cells that are not data but tell us we are looking at the header row.
ORDINAL_HEADERS = frozenset(fold(h) for h in ("STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "#"))

_SYNONYMS: dict[str, str] = {}
for _column in COLUMNS:
    for _synonym in _column.synonyms:
        _SYNONYMS.setdefault(fold(_synonym), _column.name)
# Longest first, so "thoi han hoan thanh" beats "hoan thanh" when a header merely contains a synonym.
_BY_LENGTH = sorted(_SYNONYMS, key=len, reverse=True)
# Does a folded header hold any multi-word synonym as whole words? One regular expression answers for all of
# them at once; most cells of a wide sheet hold none, and the loops below are only run for those that do.
_ANY_PHRASE = re.compile(
    r"(?:^| )(?:" + "|".join(re.escape(s) for s in _BY_LENGTH if " " in s) + r")(?= |$)")


# Words that turn a known header into another column: "Ngày hoàn thành dự kiến" is a plan, not a completion;
# "Đơn vị phối hợp" is not the lead unit; "Đơn vị tính" is a unit of measure.
_QUALIFIERS = re.compile(r"\b(phoi hop|du kien|ke hoach|de xuat|tinh|lan thu|cu|truoc|planned|expected|proposed)\b")
_BRACKETS = re.compile(r"[(\[].*?[)\]]")
EXACT, STARTS, CONTAINS = 3, 2, 1


@functools.lru_cache(maxsize=65_536)  # a sheet repeats its cells ("x", "Đã xong") row after row
def header_match(cell: str) -> tuple[str, int] | None:
    """The canonical column a header cell names, and how surely: EXACT, STARTS or CONTAINS; or None.

    Text in brackets is a note ("Hạn xử lý (dd/mm/yyyy)"). Only multi-word synonyms match the start of a
    longer header or a part of it ("Thời hạn hoàn thành theo văn bản"), and never when a qualifier makes
    it another column ("Ngày hoàn thành dự kiến", "Đơn vị phối hợp").
    """
    folded = fold(_BRACKETS.sub(" ", cell)) or fold(cell)
    if not folded:
        return None
    if folded in _SYNONYMS:
        return _SYNONYMS[folded], EXACT
    if not _ANY_PHRASE.search(folded):
        return None
    for synonym in _BY_LENGTH:
        if " " in synonym and folded.startswith(synonym + " "):
            rest = folded[len(synonym):]
            return None if _QUALIFIERS.search(rest) else (_SYNONYMS[synonym], STARTS)
    padded = f" {folded} "
    for synonym in _BY_LENGTH:
        if " " in synonym and f" {synonym} " in padded:
            return None if _QUALIFIERS.search(padded.replace(f" {synonym} ", " ")) else (_SYNONYMS[synonym], CONTAINS)
    return None


def match_header(cell: str) -> str | None:
    """The canonical column a header cell names, or None (see header_match)."""
    found = header_match(cell)
    return found[0] if found else None


# --- Blocks (khối) -------------------------------------------------------------------------------------

BLOCKS: tuple[str, ...] = ("government", "commune", "party", "mass_org", "other")
# How a registry's "Khối" cell names a block (compared after fold()): the code itself, the labels the app shows, and
# the words offices use.
BLOCK_WORDS: dict[str, tuple[str, ...]] = {
    "government": ("government", "Chính quyền", "Khối chính quyền", "Chính quyền (sở, phòng, ban)", "Sở, ngành",
                   "Sở, phòng, ban", "Phòng, ban", "Government (departments)", "Departments"),
    "commune": ("commune", "Xã, phường", "Xã, phường, thị trấn", "Khối xã, phường", "Cấp xã", "Phường, xã",
                "Wards and communes"),
    "party": ("party", "Đảng", "Khối Đảng", "Các cơ quan Đảng", "Party"),
    "mass_org": ("mass_org", "MTTQ và đoàn thể", "Mặt trận, đoàn thể", "MTTQ, đoàn thể", "Đoàn thể",
                 "Khối MTTQ và đoàn thể", "Front and mass organisations"),
    "other": ("other", "Khác", "Khối khác", "Other"),
}
# Who may see and do what (analytics.access).
ROLES: tuple[str, ...] = ("admin", "leader", "unit", "guest")

# Checked in order on the folded unit name; the first rule that matches decides.
_BLOCK_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("commune", re.compile(r"^(ubnd |uy ban nhan dan )?(phuong|xa|thi tran|dac khu|p|x) ")),
    ("party", re.compile(
        r"\b(tinh uy|thanh uy|huyen uy|thi uy|quan uy|dang uy|dang bo|ban chap hanh dang|chi bo)\b"
    )),
    ("mass_org", re.compile(
        r"\b(mat tran|mttq|doan thanh nien|thanh doan|tinh doan|huyen doan|hoi lien hiep|hoi nong dan"
        r"|hoi cuu chien binh|lien doan lao dong|cong doan|hoi chu thap do|hoi nguoi cao tuoi|hoi khuyen hoc)\b"
    )),
    ("other", re.compile(
        r"\b(cong an|quan su|bo chi huy|bien phong|chi cuc thue|cuc thue|kho bac|toa an|vien kiem sat"
        r"|thi hanh an|bao hiem xa hoi|ngan hang|dien luc)\b"
    )),
    ("government", re.compile(
        r"\b(so|phong|van phong|thanh tra|ban quan ly|trung tam|ubnd|uy ban nhan dan|hdnd|chi cuc|doi"
        r"|ban dan toc|dai phat thanh|bql|tt|ttyt)\b|^(huyen|quan|thi xa|thanh pho|tinh) "
    )),
)


_BLOCK_BY_WORDS = {fold(word): block for block, words in BLOCK_WORDS.items() for word in words}


def block_named(text: str) -> str | None:
    """The block a registry cell names ("Khối xã, phường" -> "commune"), or None when it names none."""
    return _BLOCK_BY_WORDS.get(fold(text))


def infer_block(unit_name: str) -> str:
    """The block (khối) a unit belongs to, guessed from its name; a unit registry can override it."""
    folded = fold(unit_name)
    for block, pattern in _BLOCK_RULES:
        if pattern.search(folded):
            return block
    return "other"


# --- Task states as of a day (docs/design.md §4 Definitions) --------------------------------------------

STATES: tuple[str, ...] = ("done_on_time", "done_late", "overdue", "due_soon", "on_track", "no_deadline")
AGING_BUCKETS: tuple[str, ...] = ("1-7", "8-30", "31-90", "90+")
# Origins that make a task a commitment followed "to the end": promises made at a People's Council questioning
# session (chất vấn) or at a dialogue (đối thoại). Matched on the folded text (no accents, lower case).
COMMITMENT_ORIGIN_WORDS: tuple[str, ...] = ("chat van", "doi thoai", "question", "dialogue")
DUE_SOON_DAYS = 7
# A unit needs this many tasks that came due to be commended in the deck (10/10 beats 1/1).
COMMEND_MIN_TASKS = 10
# A second reminder is due this many days after the first (accountability.reminders).
REMINDER_REPEAT_DAYS = 7
# Which document can be written in which format (analytics.exports): a deck is slides (or their printout), a
# briefing and a period report are printed or worked on in Excel.
DOCUMENT_FORMATS = {"deck": ("pptx", "pdf"), "briefing": ("pdf", "xlsx"), "period": ("xlsx", "pdf")}

# Words in a due-date cell that mean "no deadline" (a regular task), not an invalid date.
NO_DEADLINE_WORDS = frozenset(
    fold(w)
    for w in (
        "Thường xuyên", "TX", "Không thời hạn", "Không có thời hạn", "Không có hạn", "Hàng năm", "Hằng năm",
        "Hàng tháng", "Hằng tháng", "Hàng quý", "Hằng quý", "Định kỳ", "Liên tục", "Regular", "Ongoing",
        "No deadline", "N/A",
    )
)

# Dimensions a summary can be grouped by: the name a user gives -> the SQL column of the facts view.
# These identifiers are the only text ever spliced into SQL; every value is bound as a parameter.
GROUP_DIMENSIONS = {
    "unit": "unit_name",  # the unit carrying the task on the as-of day (docs/design.md §3.1)
    "recorded_unit": "recorded_unit",  # the unit as the register writes it
    "block": "block",
    "assignee": "assignee",
    "assigner": "assigner",
    "field": "field",
    "origin": "origin",
}


# --- Event history (docs/design.md §2.3: task_id, date, action, from_unit, to_unit) ---------------------------------

# The columns of an uploaded event history, with the headers people give them (compared after fold()).
EVENT_COLUMNS: tuple[Column, ...] = (
    Column("task_id", "text", (
        "Mã nhiệm vụ", "Mã NV", "Mã", "ID", "Mã số", "Mã công việc", "Task ID", "Task code",
    )),
    Column("date", "date", (
        "Ngày", "Ngày xử lý", "Ngày thực hiện", "Thời gian", "Ngày chuyển", "Ngày sự kiện", "Date", "Event date",
    )),
    Column("action", "text", (
        "Nội dung xử lý", "Hành động", "Thao tác", "Sự kiện", "Loại xử lý", "Nội dung", "Hình thức xử lý",
        "Action", "Event",
    )),
    Column("from_unit", "text", (
        "Từ đơn vị", "Đơn vị chuyển", "Đơn vị gửi", "Đơn vị chuyển đi", "Nơi chuyển", "From unit", "From",
    )),
    Column("to_unit", "text", (
        "Đến đơn vị", "Đơn vị nhận", "Chuyển đến", "Đơn vị chuyển đến", "Nơi nhận", "To unit", "To",
    )),
    Column("note", "text", ("Ghi chú", "Note", "Notes", "Comment")),
)
EVENT_REQUIRED = ("task_id", "date", "action")


# --- Unit registry (docs/design.md §3.1: name, block, parent, successor, effective date, other spellings) -----------

# The columns of an uploaded unit registry (Danh mục đơn vị), with the headers people give them (after fold()).
REGISTRY_COLUMNS: tuple[Column, ...] = (
    Column("name", "text", ("Tên đơn vị", "Đơn vị", "Tên cơ quan, đơn vị", "Cơ quan, đơn vị", "Unit", "Unit name")),
    Column("block", "text", ("Khối", "Khối đơn vị", "Nhóm đơn vị", "Block")),
    Column("parent", "text", ("Đơn vị cấp trên", "Cấp trên", "Cơ quan cấp trên", "Cơ quan chủ quản", "Parent",
                              "Parent unit")),
    Column("successor", "text", ("Sáp nhập vào", "Đơn vị kế thừa", "Hợp nhất vào", "Đơn vị sau sáp nhập",
                                 "Merged into", "Successor")),
    Column("effective_date", "date", ("Ngày hiệu lực", "Ngày sáp nhập", "Hiệu lực từ ngày", "Từ ngày",
                                      "Effective date", "Effective from")),
    Column("aliases", "text", ("Tên gọi khác", "Tên khác", "Tên cũ", "Other names", "Aliases")),
)
REGISTRY_REQUIRED = ("name",)
ALIAS_SEPARATOR = ";"  # other spellings in one cell: "UBND P. Trần Phú; Phường Trần Phú cũ"
# An event's key names the event itself, so that the same event in a history imported again counts once: made
# by the database from the columns an event is stored with (SQL over those names; the same for every import).
EVENT_KEY_SQL = ("left(md5(concat_ws(chr(31), task_id, strftime(day, '%Y-%m-%d'), action, "
                 "coalesce(level::VARCHAR, ''), coalesce(from_key, ''), coalesce(to_key, ''))), 20)")

# What happened, as offices write it -> the event's code. Compared on the folded text: the action cell equals
# one of these or starts with it ("Đôn đốc lần 2", "Chuyển đơn vị chủ trì").
EVENT_ACTIONS: dict[str, tuple[str, ...]] = {
    "transfer": ("Chuyển", "Chuyển đơn vị", "Chuyển xử lý", "Chuyển đơn vị chủ trì", "Điều chuyển", "Giao lại",
                 "Transfer", "Transferred", "Reassigned"),
    "return": ("Trả lại", "Trả lại nhiệm vụ", "Hoàn trả", "Trả về", "Return", "Returned"),
    "escalation": ("Xin ý kiến cấp trên", "Xin ý kiến", "Trình cấp trên", "Báo cáo cấp trên", "Đề nghị cấp trên",
                   "Escalation", "Escalated"),
    "extension": ("Gia hạn", "Extension", "Extended"),
    "reminder": ("Đôn đốc", "Nhắc", "Nhắc nhở", "Văn bản đôn đốc", "Nhắc hạn", "Reminder", "Reminded"),
}
_ACTION_WORDS = sorted(((fold(w), code) for code, words in EVENT_ACTIONS.items() for w in words),
                       key=lambda item: len(item[0]), reverse=True)
_LEVEL = re.compile(r"\b(?:lan|level|no)\s*(\d)\b")


def event_action(text: str) -> tuple[str, int | None] | None:
    """The code of an action cell ("Đôn đốc lần 2" -> ("reminder", 2)) and the level it names, or None."""
    folded = fold(text)
    for words, code in _ACTION_WORDS:
        if folded == words or folded.startswith(words + " "):
            level = _LEVEL.search(folded)
            return code, int(level.group(1)) if level else None
    return None


# --- Causes of delay: categories, and the default mapping the user can edit ----------------------------------

# (words, category, kind), checked in order on the folded cause; the first whose words appear (as whole words)
# wins. Stored in the database on first use and editable on the causes page. Matching ignores accents, so no
# rule is a single syllable: "đất" would also match "đạt", "mưa" would match "mua".
DEFAULT_CAUSE_RULES: tuple[tuple[str, str, str], ...] = (
    ("chậm phối hợp", "Phối hợp giữa các cơ quan chưa tốt", "subjective"),
    ("phối hợp chưa", "Phối hợp giữa các cơ quan chưa tốt", "subjective"),
    ("chưa tập trung", "Chỉ đạo, điều hành chưa quyết liệt", "subjective"),
    ("chưa quyết liệt", "Chỉ đạo, điều hành chưa quyết liệt", "subjective"),
    ("chỉ đạo", "Chỉ đạo, điều hành chưa quyết liệt", "subjective"),
    ("tham mưu", "Cán bộ chưa chủ động, thiếu trách nhiệm", "subjective"),
    ("trách nhiệm", "Cán bộ chưa chủ động, thiếu trách nhiệm", "subjective"),
    ("chủ động", "Cán bộ chưa chủ động, thiếu trách nhiệm", "subjective"),
    ("nhân lực", "Thiếu nhân lực", "subjective"),
    ("thiếu người", "Thiếu nhân lực", "subjective"),
    ("chủ quan", "Chủ quan khác", "subjective"),
    ("quy định", "Vướng cơ chế, chính sách, pháp luật", "objective"),
    ("pháp luật", "Vướng cơ chế, chính sách, pháp luật", "objective"),
    ("chính sách", "Vướng cơ chế, chính sách, pháp luật", "objective"),
    ("cơ chế", "Vướng cơ chế, chính sách, pháp luật", "objective"),
    ("chờ ý kiến", "Chờ ý kiến, hồ sơ của cơ quan khác", "objective"),
    ("chờ kết quả", "Chờ ý kiến, hồ sơ của cơ quan khác", "objective"),
    ("đơn vị phối hợp", "Chờ ý kiến, hồ sơ của cơ quan khác", "objective"),
    ("giải phóng mặt bằng", "Giải phóng mặt bằng, đất đai", "objective"),
    ("bồi thường", "Giải phóng mặt bằng, đất đai", "objective"),
    ("đất đai", "Giải phóng mặt bằng, đất đai", "objective"),
    ("giá đất", "Giải phóng mặt bằng, đất đai", "objective"),
    ("thu hồi đất", "Giải phóng mặt bằng, đất đai", "objective"),
    ("kinh phí", "Kinh phí, nguồn vốn", "objective"),
    ("nguồn vốn", "Kinh phí, nguồn vốn", "objective"),
    ("thiếu vốn", "Kinh phí, nguồn vốn", "objective"),
    ("bố trí vốn", "Kinh phí, nguồn vốn", "objective"),
    ("ngân sách", "Kinh phí, nguồn vốn", "objective"),
    ("thời tiết", "Thiên tai, thời tiết, dịch bệnh", "objective"),
    ("mưa bão", "Thiên tai, thời tiết, dịch bệnh", "objective"),
    ("mưa lũ", "Thiên tai, thời tiết, dịch bệnh", "objective"),
    ("mưa kéo dài", "Thiên tai, thời tiết, dịch bệnh", "objective"),
    ("thiên tai", "Thiên tai, thời tiết, dịch bệnh", "objective"),
    ("dịch bệnh", "Thiên tai, thời tiết, dịch bệnh", "objective"),
    ("người dân", "Người dân, doanh nghiệp, nhà thầu", "objective"),
    ("nhà thầu", "Người dân, doanh nghiệp, nhà thầu", "objective"),
    ("doanh nghiệp", "Người dân, doanh nghiệp, nhà thầu", "objective"),
    ("phức tạp", "Nhiệm vụ phức tạp, cần xác minh", "objective"),
    ("xác minh", "Nhiệm vụ phức tạp, cần xác minh", "objective"),
    ("khách quan", "Khách quan khác", "objective"),
)

__all__ = [
    "AGING_BUCKETS", "ALIAS_SEPARATOR", "BLOCKS", "BLOCK_WORDS", "block_named", "DEFAULT_CAUSE_RULES",
    "EVENT_ACTIONS", "EVENT_COLUMNS", "EVENT_KEY_SQL", "EVENT_REQUIRED", "TASK_COLUMNS", "event_action",
    "COMMITMENT_ORIGIN_WORDS", "COLUMNS", "COLUMN_BY_NAME", "COLUMN_NAMES", "DUE_SOON_DAYS", "GROUP_DIMENSIONS",
    "COMMEND_MIN_TASKS", "DOCUMENT_FORMATS", "NO_DEADLINE_WORDS", "REMINDER_REPEAT_DAYS", "ROLES", "ORDINAL_HEADERS",
    "REGISTRY_COLUMNS", "REGISTRY_REQUIRED", "REQUIRED_COLUMNS", "STATES", "header_match", "infer_block",
    "match_header", "unit_key",
]
