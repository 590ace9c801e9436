"""Synthetic task registers for the benchmark and the tests: the same size gives the same files on every run and
every machine with the same DuckDB.

About 170 units, a few large and many small; a few thousand officers, each in one unit; three years of assignments
before SNAPSHOT; deadlines, extensions, completions, late tasks with their causes; an event history of one event per
four tasks. The data is generated with DuckDB SQL from hashes of the row number.
"""

from __future__ import annotations

import datetime as dt
import html
import random
from pathlib import Path

import duckdb
import xlsxwriter

SNAPSHOT = dt.date(2024, 6, 30)  # the registers are as of this day (their import's snapshot date)
FIRST_DAY = dt.date(2021, 7, 1)  # tasks are assigned over the three years before it

HEADER = ["Mã nhiệm vụ", "Trích yếu", "Đơn vị chủ trì", "Cán bộ phụ trách", "Cơ quan giao", "Lĩnh vực", "Ngày giao",
          "Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành", "Tình trạng", "Nguyên nhân chậm"]

# --- vocabulary ---------------------------------------------------------------------------------------------

_DEPARTMENTS = [
    "Sở Tài nguyên và Môi trường", "Sở Xây dựng", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Nội vụ",
    "Sở Tư pháp", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Công Thương", "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ", "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", "Ban Quản lý Khu kinh tế",
    "Trung tâm Phát triển quỹ đất tỉnh",
]
_DISTRICTS = [
    "UBND huyện Bình Sơn", "UBND huyện Sơn Tịnh", "UBND huyện Tư Nghĩa", "UBND huyện Nghĩa Hành",
    "UBND huyện Mộ Đức", "UBND thị xã Đức Phổ", "UBND huyện Ba Tơ", "UBND huyện Trà Bồng",
]
_WARDS = [
    "Trần Phú", "Lê Hồng Phong", "Nguyễn Nghiêm", "Chánh Lộ", "Nghĩa Lộ", "Nghĩa Chánh", "Quảng Phú",
    "Trần Hưng Đạo", "Trương Quang Trọng", "Hải Châu", "Thạch Thang", "Thanh Bình", "Hòa Cường", "Hòa Thuận",
    "An Hải", "Mỹ An", "Khuê Mỹ", "Hòa Khánh", "Phước Mỹ", "Thọ Quang", "Bến Nghé", "Đa Kao", "Tân Định",
    "Cầu Kho", "Phạm Ngũ Lão", "Bến Thành", "Cô Giang", "Nguyễn Cư Trinh", "Phú Hội", "Vĩnh Ninh", "Thuận Thành",
    "Đông Ba", "Hương Sơ", "Kim Long", "Phú Hậu", "An Cựu", "Xuân Phú", "Trường An", "Phước Vĩnh", "Vỹ Dạ",
]
_COMMUNE_FIRST = ["Nghĩa", "Tịnh", "Bình", "Đức", "Phổ", "Hành", "Sơn", "Trà", "Ba", "Long"]
_COMMUNE_SECOND = ["An", "Hòa", "Phú", "Thuận", "Lợi", "Thắng", "Hiệp", "Trung", "Phước", "Thạnh"]
_OTHER_UNITS = [
    "Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
    "Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh",
    "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Cục Thuế tỉnh",
]


def _unit_names() -> list[str]:
    """About 170 units in a fixed order that decides their size: the first are the largest."""
    communes = [f"Xã {a} {b}" for a in _COMMUNE_FIRST for b in _COMMUNE_SECOND][:95]
    names = _DEPARTMENTS + _DISTRICTS + [f"Phường {w}" for w in _WARDS] + communes + _OTHER_UNITS
    random.Random(2024).shuffle(names)
    return names


UNITS = _unit_names()
UNIT_SKEW = 2.0  # unit index = floor(units * u^skew): the first unit has ~8% of the tasks, the last ~0.3%
OFFICERS = 3500  # officers spread over the units by their share of the tasks (at least 4 per unit)


def _officer_counts() -> list[int]:
    count = len(UNITS)
    shares = [((k + 1) / count) ** (1 / UNIT_SKEW) - (k / count) ** (1 / UNIT_SKEW) for k in range(count)]
    return [max(4, round(share * OFFICERS)) for share in shares]


_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ",
           "Dương", "Đinh", "Lương", "Tạ", "Châu", "Đoàn", "Cao"]
_MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Quốc", "Đức", "Thanh", "Hữu", "Thu", "Kim"]
_GIVEN = ["Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Sơn", "Phúc", "Trung", "Thắng", "Long", "Bình", "Quang",
          "Hiếu", "Toàn", "Vinh", "Tâm", "Khoa", "Lâm", "Nhân", "Huy", "Hoa", "Lan", "Hương", "Mai", "Hà",
          "Trang", "Linh", "Thảo", "Nhung", "Vân", "Yến", "Hạnh", "Phương", "Thủy", "Ngân", "Diễm", "Oanh",
          "Trinh", "Đạt", "Tín"]
_ASSIGNERS = ["Chủ tịch UBND tỉnh"] * 4 + ["Phó Chủ tịch UBND tỉnh (Kinh tế)"] * 3 + [
    "Phó Chủ tịch UBND tỉnh (Văn hóa - Xã hội)"] * 2 + ["UBND tỉnh", "Văn phòng UBND tỉnh", "Ban Thường vụ Tỉnh ủy"]
# Field -> what its tasks are about (the titles are composed from these, a verb and a tail).
_FIELDS = {
    "Đất đai": ["cấp Giấy chứng nhận quyền sử dụng đất", "công tác giải phóng mặt bằng", "hồ sơ thu hồi đất",
                "phương án bồi thường, hỗ trợ, tái định cư", "quỹ đất công"],
    "Xây dựng - Đô thị": ["vi phạm trật tự xây dựng", "tình trạng lấn chiếm vỉa hè", "hệ thống chiếu sáng công cộng",
                          "hồ sơ cấp phép xây dựng", "chất lượng thi công công trình"],
    "Tài chính - Ngân sách": ["dự toán thu, chi ngân sách", "nợ đọng tiền sử dụng đất", "quyết toán vốn đầu tư",
                              "tài sản công", "kinh phí sự nghiệp"],
    "Tài nguyên - Môi trường": ["ô nhiễm môi trường", "khai thác khoáng sản trái phép", "thu gom rác thải sinh hoạt",
                                "nguồn nước sinh hoạt", "điểm tập kết chất thải"],
    "Nông nghiệp": ["phòng, chống dịch bệnh gia súc", "kênh mương nội đồng", "chuyển đổi cơ cấu cây trồng",
                    "chương trình nông thôn mới", "công tác phòng, chống thiên tai"],
    "Kinh tế": ["hỗ trợ doanh nghiệp nhỏ và vừa", "chợ truyền thống", "thủ tục đầu tư", "quản lý thị trường",
                "giá cả hàng hóa thiết yếu"],
    "Giáo dục": ["cơ sở vật chất trường học", "tuyển sinh đầu cấp", "đội ngũ giáo viên", "an toàn trường học",
                 "phổ cập giáo dục"],
    "Y tế": ["an toàn thực phẩm", "tiêm chủng mở rộng", "trạm y tế", "bảo hiểm y tế hộ gia đình",
             "phòng, chống sốt xuất huyết"],
    "Văn hóa - Xã hội": ["chế độ người có công", "hộ nghèo, hộ cận nghèo", "bảo trợ xã hội",
                         "thiết chế văn hóa cơ sở", "hoạt động kinh doanh karaoke"],
    "Nội vụ": ["sắp xếp đơn vị hành chính", "tinh giản biên chế", "cải cách hành chính", "thi đua, khen thưởng",
               "vị trí việc làm"],
    "Tư pháp": ["đơn khiếu nại, tố cáo", "kiến nghị của cử tri", "hòa giải ở cơ sở", "chứng thực, hộ tịch",
                "văn bản quy phạm pháp luật"],
    "Giao thông": ["an toàn giao thông", "tuyến đường xuống cấp", "bến xe, bãi đỗ xe", "biển báo giao thông",
                   "hành lang an toàn đường bộ"],
}
_VERBS = ["Rà soát", "Kiểm tra, xử lý", "Báo cáo kết quả", "Tham mưu giải quyết", "Đẩy nhanh tiến độ",
          "Xây dựng kế hoạch về", "Tổng hợp, báo cáo", "Khắc phục", "Đề xuất phương án xử lý", "Triển khai thực hiện",
          "Kiểm tra, đánh giá", "Chấn chỉnh", "Hoàn thiện hồ sơ", "Xác minh, làm rõ", "Giải quyết dứt điểm",
          "Tổ chức thực hiện"]
_PLACES = ["thôn An Lộc", "thôn Phú Mỹ", "tổ dân phố 3", "tổ dân phố 7", "khu dân cư Bắc sông Trà",
           "khu dân cư Nam Lê Lợi", "đường Quang Trung", "đường Hùng Vương", "đường Lê Lợi", "đường Phạm Văn Đồng",
           "khu công nghiệp Tịnh Phong", "chợ trung tâm", "cụm công nghiệp Quảng Phú", "xóm Đông", "thôn Thạch Bích",
           "thôn Trường Thọ"]
_DOC_CODES = ["KT", "NC", "VX", "NNTN", "TH", "CNXD"]
_CAUSES = [
    "Chờ ý kiến của sở, ngành", "Vướng mắc công tác giải phóng mặt bằng", "Chưa bố trí được kinh phí",
    "Hồ sơ phức tạp, cần thêm thời gian xác minh", "Chậm phối hợp giữa các cơ quan", "Thiếu nhân lực",
    "Chưa tập trung chỉ đạo, đôn đốc", "Cán bộ chưa chủ động tham mưu",
    "Người dân chưa đồng thuận phương án bồi thường", "Nhà thầu thi công chậm", "Thời tiết mưa kéo dài",
    "Chờ kết quả thẩm định giá đất", "Đơn vị phối hợp chậm cung cấp hồ sơ", "Vướng quy định pháp luật, chờ hướng dẫn",
]
_ACTIONS = ["Đôn đốc lần 1", "Đôn đốc lần 1", "Đôn đốc lần 2", "Chuyển đơn vị chủ trì", "Chuyển đơn vị chủ trì",
            "Trả lại", "Xin ý kiến cấp trên", "Gia hạn"]
SEARCH = "giải phóng mặt bằng"  # a phrase some titles hold (Khám phá's search)


# --- synthetic data, in SQL ---------------------------------------------------------------------------------------

def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_list(values) -> str:
    return "[" + ", ".join(_sql_text(v) if isinstance(v, str) else _sql_list(v) if isinstance(v, list) else str(v)
                           for v in values) + "]"


def _macros() -> str:
    """Each attribute of task number j as a function of hashes of j: deterministic whatever the threads."""
    return f"""
-- hash(j, salt) would only xor the salt's hash into the low bits: every value is hashed again instead, so
-- values drawn with different salts are independent.
CREATE OR REPLACE TEMP MACRO draw(j, salt) AS hash(xor(hash(j), hash(salt)));
CREATE OR REPLACE TEMP MACRO uni(j, salt) AS (draw(j, salt) % 1000003)::DOUBLE / 1000003;
CREATE OR REPLACE TEMP MACRO pick(j, salt, n) AS (draw(j, salt) % n)::INTEGER;
CREATE OR REPLACE TEMP MACRO unit_of(j) AS
    least(floor({len(UNITS)} * pow(uni(j, 'unit'), {UNIT_SKEW}))::INTEGER, {len(UNITS) - 1});
CREATE OR REPLACE TEMP MACRO unit_name(k) AS ({_sql_list(UNITS)})[k + 1];
CREATE OR REPLACE TEMP MACRO assigned_of(j) AS
    DATE '{FIRST_DAY}' + pick(j, 'assigned', {(SNAPSHOT - FIRST_DAY).days + 1});
CREATE OR REPLACE TEMP MACRO officer(k, o) AS
    ({_sql_list(_FAMILY)})[1 + pick(k * 100003 + o, 'family', {len(_FAMILY)})] || ' '
    || ({_sql_list(_MIDDLE)})[1 + pick(k * 100003 + o, 'middle', {len(_MIDDLE)})] || ' '
    || ({_sql_list(_GIVEN)})[1 + pick(k * 100003 + o, 'given', {len(_GIVEN)})];
"""


def _tasks_sql(count: int, first: int = 1) -> str:
    """Tasks number first .. first + count - 1 (ids T00000001, ...), under the register's Vietnamese header; the
    dates are DATE values (written dd/mm/yyyy)."""
    fields = list(_FIELDS)
    return f"""
WITH base AS (
    SELECT i AS j, 'T' || lpad(i::VARCHAR, 8, '0') AS task_id, unit_of(i) AS k, assigned_of(i) AS assigned,
           pick(i, 'field', {len(fields)}) AS f
    FROM range({first}, {first + count}) t(i)
),
due AS (
    SELECT *, CASE WHEN uni(j, 'no_deadline') >= 0.08 THEN assigned + 5 + pick(j, 'due', 86) END AS due
    FROM base
),
extended AS (
    SELECT *, CASE WHEN due IS NOT NULL AND uni(j, 'extended') < 0.055 THEN due + 10 + pick(j, 'extension', 51)
               END AS extended
    FROM due
),
planned AS (  -- old tasks are mostly done; recent ones less often; a quarter of the done ones late
    SELECT *, coalesce(extended, due) AS effective,
           uni(j, 'done') < CASE WHEN assigned < DATE '{SNAPSHOT}' - 180 THEN 0.9 ELSE 0.55 END AS will_finish,
           0.3 + 0.95 * uni(j, 'pace') AS pace
    FROM extended
),
finished AS (
    SELECT *, CASE WHEN will_finish
                   THEN assigned + round((coalesce(effective, assigned + 30) - assigned) * pace)::INTEGER
                        + CASE WHEN pace > 1 THEN pick(j, 'slip', 45) ELSE 0 END END AS finish
    FROM planned
),
dated AS (
    SELECT *, CASE WHEN finish <= DATE '{SNAPSHOT}' THEN finish END AS completed FROM finished
),
stated AS (
    SELECT *, CASE
        WHEN completed IS NOT NULL AND (effective IS NULL OR completed <= effective) THEN 'Đã hoàn thành'
        WHEN completed IS NOT NULL THEN 'Hoàn thành trễ hạn'
        WHEN effective IS NULL THEN 'Thường xuyên'
        WHEN effective < DATE '{SNAPSHOT}' THEN 'Quá hạn'
        ELSE 'Đang thực hiện' END AS status
    FROM dated
)
SELECT task_id AS "Mã nhiệm vụ",
       ({_sql_list(_VERBS)})[1 + pick(j, 'verb', {len(_VERBS)})] || ' '
       || ({_sql_list(list(_FIELDS.values()))})[f + 1][1 + pick(j, 'object', 5)]
       || CASE pick(j, 'tail', 5)
              WHEN 0 THEN ' tại ' || ({_sql_list(_PLACES)})[1 + pick(j, 'place', {len(_PLACES)})]
              WHEN 1 THEN ' theo Văn bản số ' || (100 + pick(j, 'doc', 9000)) || '/UBND-'
                          || ({_sql_list(_DOC_CODES)})[1 + pick(j, 'code', {len(_DOC_CODES)})]
              WHEN 2 THEN ' năm ' || year(assigned)
              WHEN 3 THEN ' theo kiến nghị của cử tri ' || ({_sql_list(_PLACES)})[1 + pick(j, 'voter', {len(_PLACES)})]
              ELSE '' END AS "Trích yếu",
       unit_name(k) AS "Đơn vị chủ trì",
       officer(k, pick(j, 'officer', ({_sql_list(_officer_counts())})[k + 1])) AS "Cán bộ phụ trách",
       ({_sql_list(_ASSIGNERS)})[1 + pick(j, 'assigner', {len(_ASSIGNERS)})] AS "Cơ quan giao",
       ({_sql_list(fields)})[f + 1] AS "Lĩnh vực",
       assigned AS "Ngày giao",
       due AS "Hạn xử lý",
       extended AS "Gia hạn đến",
       completed AS "Ngày hoàn thành",
       status AS "Tình trạng",
       CASE WHEN status IN ('Hoàn thành trễ hạn', 'Quá hạn') AND uni(j, 'cause') < 0.65
            THEN ({_sql_list(_CAUSES)})[1 + pick(j, 'cause_text', {len(_CAUSES)})] END AS "Nguyên nhân chậm"
FROM stated
"""  # noqa: S608 (numbers and this module's constant words; nothing from outside)


def _history_sql(tasks: int) -> str:
    """One event for every fourth task, on a random task, after its assignment (never after the snapshot)."""
    return f"""
SELECT 'T' || lpad(j::VARCHAR, 8, '0') AS "Mã nhiệm vụ",
       least(assigned_of(j) + 1 + pick(e, 'day', 60), DATE '{SNAPSHOT}') AS "Ngày",
       ({_sql_list(_ACTIONS)})[1 + pick(e, 'action', {len(_ACTIONS)})] AS "Nội dung xử lý",
       unit_name(unit_of(j)) AS "Từ đơn vị",
       unit_name(pick(e, 'to', {len(UNITS)})) AS "Đến đơn vị"
FROM (SELECT e, 1 + (draw(e, 'task') % {tasks})::BIGINT AS j FROM range({max(1, tasks // 4)}) t(e))
"""  # noqa: S608 (numbers and this module's constant words)


def _generator() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(_macros())
    return con


def _copy_csv(con: duckdb.DuckDBPyConnection, sql: str, path: Path) -> None:
    target = _sql_text(str(path))
    con.execute(f"COPY ({sql}) TO {target} (HEADER, DELIMITER ',', DATEFORMAT '%d/%m/%Y')")


def write_register_csv(path: Path, count: int, first: int = 1) -> None:
    with _generator() as con:
        _copy_csv(con, _tasks_sql(count, first), path)


def write_history_csv(path: Path, tasks: int) -> None:
    with _generator() as con:
        _copy_csv(con, _history_sql(tasks), path)


def write_register_xlsx(path: Path, count: int) -> None:
    """The register as a workbook with real date cells, streamed: rows are fetched and written in batches."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Nhiệm vụ")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADER)
    row = 1
    with _generator() as con:
        cursor = con.execute(_tasks_sql(count))
        while batch := cursor.fetchmany(10_000):
            for values in batch:
                for column, value in enumerate(values):
                    if value is None:
                        continue
                    if isinstance(value, dt.date):
                        sheet.write_datetime(row, column, value, date_format)
                    else:
                        sheet.write_string(row, column, value)
                row += 1
    workbook.close()


def write_register_html(path: Path, count: int) -> None:
    """The register as a web page saved as .xls, as document-management systems export it: UTF-8, a title block
    above the table, a two-row header (a group title spanning its columns), dates as dd/mm/yyyy text. Streamed."""
    group = "Thời hạn"
    spanned = ("Hạn xử lý", "Gia hạn đến", "Ngày hoàn thành")
    first = HEADER.index(spanned[0])

    def cell(value: object) -> str:
        if value is None:
            return "<td></td>"
        text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else html.escape(str(value), quote=False)
        return f"<td>{text}</td>"

    top = "".join(
        f'<th colspan="{len(spanned)}">{group}</th>' if i == first else f'<th rowspan="2">{html.escape(label)}</th>'
        for i, label in enumerate(HEADER) if label not in spanned[1:])
    with path.open("w", encoding="utf-8", newline="\r\n") as out:
        out.write('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>\n'
                  f"<p><b>BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ</b></p><p>(Số liệu tính đến ngày "
                  f"{SNAPSHOT.strftime('%d/%m/%Y')})</p>\n<table border=\"1\">\n<tr>{top}</tr>\n<tr>"
                  + "".join(f"<th>{label}</th>" for label in spanned) + "</tr>\n")
        with _generator() as con:
            cursor = con.execute(_tasks_sql(count))
            while batch := cursor.fetchmany(10_000):
                out.writelines("<tr>" + "".join(map(cell, values)) + "</tr>\n" for values in batch)
        out.write("</table></body></html>\n")
