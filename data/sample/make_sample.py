"""Generate the synthetic sample registers: ``data/sample/quang_ngai_2023.xlsx`` with its event history, and
``quang_ngai_2026.xlsx`` with its unit registry ``quang_ngai_2026_danh_muc_don_vi.xlsx`` (the register continued
across the 1/7/2025 merger of wards and communes; see "the 2026 register" below for what its mergers follow and
what is illustrative).

The workbook imitates the task register ("sổ theo dõi nhiệm vụ") that the People's
Committee of Quảng Ngãi city keeps for the tasks it assigns, exported as a printed
report the way offices send it around. The unit names are the real units of the city
as of 2023; every task, document number, person and date is SYNTHETIC and made up by
this script. It exists so the dashboard can be demonstrated and tested without real data.

Run from the project root (standard library + xlsxwriter only)::

    python data/sample/make_sample.py [REGISTER.xlsx [HISTORY.xlsx]]

The 2026 files are written next to REGISTER.xlsx, under their own names.

Besides the register it writes the tasks' event history ("lịch sử xử lý": transfers between lead
units, returns, escalations, extensions and reminders) to ``quang_ngai_2023_lich_su.xlsx`` (next to
the register, named after it). The history draws from its own random stream after the register is
built, so it never changes a byte of the register; it is checked against the register before it is written.

The output is deterministic (fixed seed, fixed workbook timestamp): running the script
twice gives byte-identical files. The script checks the figures the dashboard is expected
to show (e.g. exactly 140 overdue tasks on 25/10/2023) and fails if they do not hold.
"""

from __future__ import annotations

import operator
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

SEED = 2023
OUT_PATH = Path(__file__).with_name("quang_ngai_2023.xlsx")
SHEET_NAME = "Nhiệm vụ"

FIRST_DAY = date(2023, 1, 3)
SNAPSHOT = date(2023, 10, 25)  # "số liệu tính đến ngày"
PREVIOUS_WEEK = date(2023, 10, 18)
DUE_SOON_END = date(2023, 11, 1)

# Public holidays of 2023 falling on weekdays (Tết, Giỗ Tổ, 30/4 - 1/5, Quốc khánh).
HOLIDAYS = {
    *(date(2023, 1, d) for d in range(20, 27)),
    date(2023, 5, 1), date(2023, 5, 2), date(2023, 5, 3),
    date(2023, 9, 1), date(2023, 9, 4),
}

HEADERS = [
    "STT", "Mã nhiệm vụ", "Số, ký hiệu văn bản", "Trích yếu", "Cơ quan giao", "Đơn vị chủ trì",
    "Cán bộ phụ trách", "Nguồn", "Lĩnh vực", "Ngày giao", "Hạn xử lý", "Gia hạn đến",
    "Ngày hoàn thành", "Tình trạng", "Nguyên nhân chậm", "Số lần chuyển", "Ghi chú",
]
COLUMN_WIDTHS = [6, 15, 22, 62, 26, 32, 22, 18, 20, 12, 12, 12, 13, 18, 34, 9, 26]
HEADER_ROW = 6  # zero-based: the header is on Excel row 7

# ----------------------------------------------------------------------------- units

# block -> [(unit, weight)]; the weight drives how many tasks a unit receives.
UNITS = {
    "government": [
        ("Văn phòng HĐND và UBND thành phố", 4), ("Phòng Nội vụ", 3), ("Phòng Tư pháp", 2),
        ("Phòng Tài chính - Kế hoạch", 5), ("Phòng Tài nguyên và Môi trường", 8),
        ("Phòng Lao động - Thương binh và Xã hội", 3), ("Phòng Văn hóa và Thông tin", 2),
        ("Phòng Giáo dục và Đào tạo", 3), ("Phòng Y tế", 2), ("Phòng Kinh tế", 4),
        ("Phòng Quản lý đô thị", 7), ("Thanh tra thành phố", 3),
        ("Ban Quản lý dự án đầu tư xây dựng thành phố", 7),
        ("Trung tâm Phát triển quỹ đất thành phố", 6), ("Đội Kiểm tra trật tự đô thị thành phố", 3),
    ],
    "commune": [
        ("Phường Chánh Lộ", 2.5), ("Phường Lê Hồng Phong", 2.5), ("Phường Nghĩa Chánh", 3.5),
        ("Phường Nghĩa Lộ", 3), ("Phường Nguyễn Nghiêm", 1.5), ("Phường Quảng Phú", 3.5),
        ("Phường Trần Hưng Đạo", 1.5), ("Phường Trần Phú", 3), ("Phường Trương Quang Trọng", 2.5),
        ("Xã Nghĩa An", 1.2), ("Xã Nghĩa Dõng", 1.3), ("Xã Nghĩa Dũng", 1.3), ("Xã Nghĩa Hà", 1.4),
        ("Xã Nghĩa Phú", 1.3), ("Xã Tịnh An", 1.2), ("Xã Tịnh Ấn Đông", 1.3), ("Xã Tịnh Ấn Tây", 1.2),
        ("Xã Tịnh Châu", 1.2), ("Xã Tịnh Hòa", 1.2), ("Xã Tịnh Khê", 1.5), ("Xã Tịnh Kỳ", 1.1),
        ("Xã Tịnh Long", 1.2), ("Xã Tịnh Thiện", 1.2),
    ],
    "party": [
        ("Văn phòng Thành ủy", 0.8), ("Ban Tổ chức Thành ủy", 0.8), ("Ban Tuyên giáo Thành ủy", 0.8),
        ("Ban Dân vận Thành ủy", 0.9), ("Ủy ban Kiểm tra Thành ủy", 0.7),
    ],
    "mass_org": [
        ("Ủy ban MTTQ Việt Nam thành phố", 1), ("Thành đoàn Quảng Ngãi", 0.7),
        ("Hội Liên hiệp Phụ nữ thành phố", 0.7), ("Hội Nông dân thành phố", 0.6),
        ("Hội Cựu chiến binh thành phố", 0.5), ("Liên đoàn Lao động thành phố", 0.6),
    ],
    "other": [
        ("Công an thành phố", 2.5), ("Ban Chỉ huy Quân sự thành phố", 1),
        ("Chi cục Thuế khu vực Quảng Ngãi", 2),
    ],
}
BLOCK_OF = {unit: block for block, units in UNITS.items() for unit, _ in units}
COMMUNES = [unit for unit, _ in UNITS["commune"]]

# Fields per unit (field -> weight). Wards and communes use COMMUNE_FIELDS.
UNIT_FIELDS = {
    "Văn phòng HĐND và UBND thành phố": {"Nội vụ": 3, "Kinh tế": 2, "Văn hóa - Xã hội": 2},
    "Phòng Nội vụ": {"Nội vụ": 1},
    "Phòng Tư pháp": {"Tư pháp": 1},
    "Phòng Tài chính - Kế hoạch": {"Tài chính - Ngân sách": 4, "Kinh tế": 1},
    "Phòng Tài nguyên và Môi trường": {"Đất đai": 3, "Tài nguyên - Môi trường": 2},
    "Phòng Lao động - Thương binh và Xã hội": {"Văn hóa - Xã hội": 1},
    "Phòng Văn hóa và Thông tin": {"Văn hóa - Xã hội": 1},
    "Phòng Giáo dục và Đào tạo": {"Giáo dục": 1},
    "Phòng Y tế": {"Y tế": 1},
    "Phòng Kinh tế": {"Kinh tế": 3, "Nông nghiệp": 2},
    "Phòng Quản lý đô thị": {"Xây dựng - Đô thị": 1},
    "Thanh tra thành phố": {"Tư pháp": 2, "Đất đai": 2, "Tài chính - Ngân sách": 1},
    "Ban Quản lý dự án đầu tư xây dựng thành phố": {"Xây dựng - Đô thị": 4, "Tài chính - Ngân sách": 1},
    "Trung tâm Phát triển quỹ đất thành phố": {"Đất đai": 1},
    "Đội Kiểm tra trật tự đô thị thành phố": {"Xây dựng - Đô thị": 1},
}
COMMUNE_FIELDS = {
    "Đất đai": 25, "Xây dựng - Đô thị": 18, "Tài nguyên - Môi trường": 10, "Văn hóa - Xã hội": 12,
    "Nông nghiệp": 7, "Tài chính - Ngân sách": 8, "Nội vụ": 6, "Tư pháp": 6, "Giáo dục": 3,
    "Y tế": 3, "Kinh tế": 4,
}

# ----------------------------------------------------------------------------- vocabulary

ISSUER_CHAIR = "Chủ tịch UBND thành phố"
ISSUER_VICE_ECON = "Phó Chủ tịch UBND thành phố (Kinh tế)"
ISSUER_VICE_SOCIAL = "Phó Chủ tịch UBND thành phố (Văn hóa - Xã hội)"
ISSUER_PROVINCE = "UBND tỉnh Quảng Ngãi"
ISSUER_PARTY = "Ban Thường vụ Thành ủy"

SOURCES = [
    ("Chỉ đạo, điều hành", 42), ("Kết luận giao ban", 24), ("Văn bản UBND tỉnh", 14),
    ("Kiến nghị cử tri", 10), ("Chất vấn HĐND", 5), ("Đối thoại", 5),
]
ECON_FIELDS = {"Đất đai", "Xây dựng - Đô thị", "Tài chính - Ngân sách", "Tài nguyên - Môi trường",
               "Nông nghiệp", "Kinh tế"}
SOCIAL_FIELDS = {"Giáo dục", "Y tế", "Văn hóa - Xã hội"}

STATUS_DONE = "Đã hoàn thành"
STATUS_DONE_LATE = "Hoàn thành trễ hạn"
STATUS_OPEN = "Đang thực hiện"
STATUS_OVERDUE = "Quá hạn"
STATUS_ROUTINE = "Thường xuyên"

DELAY_CAUSES = [
    ("Chờ ý kiến của sở, ngành tỉnh", 14), ("Vướng mắc công tác giải phóng mặt bằng", 12),
    ("Chưa bố trí được kinh phí", 9), ("Hồ sơ phức tạp, cần thêm thời gian xác minh", 12),
    ("Chậm phối hợp giữa các cơ quan", 10), ("Thiếu nhân lực", 6),
    ("Chưa tập trung chỉ đạo, đôn đốc", 6), ("Cán bộ chưa chủ động tham mưu", 6),
    ("Người dân chưa đồng thuận phương án bồi thường", 7), ("Nhà thầu thi công chậm", 5),
    ("Thời tiết mưa kéo dài", 3), ("Chờ kết quả thẩm định giá đất", 5),
    ("Đơn vị phối hợp chậm cung cấp hồ sơ", 6), ("Vướng quy định pháp luật, chờ hướng dẫn", 4),
]
NOTES = [
    "Đã có văn bản đôn đốc lần 2", "Phối hợp với Phòng Tài nguyên và Môi trường",
    "Đã báo cáo UBND tỉnh", "Đơn vị đề nghị điều chỉnh nội dung", "Giao bổ sung",
    "Theo dõi tại cuộc họp giao ban tuần", "Đã trả lời công dân", "Chờ ý kiến Thường trực Thành ủy",
    "Phối hợp với UBND phường, xã liên quan", "Báo cáo định kỳ hằng tháng",
]
EXTENSION_NOTES = ["Đã gia hạn theo đề nghị của đơn vị", "Gia hạn lần 1",
                   "Được Chủ tịch UBND thành phố đồng ý gia hạn"]

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ",
                "Ngô", "Hồ", "Dương", "Đinh", "Lương", "Tạ", "Châu", "Đoàn", "Cao"]
MIDDLE_MALE = ["Văn", "Minh", "Ngọc", "Quốc", "Đức", "Thanh", "Hữu", "Công", "Tấn", "Xuân", "Anh"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Thị Thu", "Thị Minh", "Hồng"]
GIVEN_MALE = ["Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Sơn", "Phúc", "Trung", "Thắng", "Long", "Bình",
              "Quang", "Hiếu", "Toàn", "Vinh", "Tâm", "Khoa", "Lâm", "Nhân", "Tín", "Huy", "Đạt"]
GIVEN_FEMALE = ["Hoa", "Lan", "Hương", "Mai", "Hà", "Trang", "Linh", "Thảo", "Nhung", "Vân", "Yến",
                "Hạnh", "Phương", "Thủy", "Ngân", "Diễm", "Oanh", "Trinh"]

STREETS = ["Quang Trung", "Hùng Vương", "Lê Lợi", "Phạm Văn Đồng", "Trường Chinh", "Nguyễn Công Phương",
           "Lê Thánh Tôn", "Hai Bà Trưng", "Phan Đình Phùng", "Nguyễn Nghiêm", "Bà Triệu", "Nguyễn Tự Tân",
           "Lê Trung Đình", "Trần Hưng Đạo", "Chu Văn An", "Nguyễn Trãi", "Lý Thường Kiệt", "Tôn Đức Thắng",
           "Nguyễn Văn Linh", "Nguyễn Du", "Huỳnh Thúc Kháng", "Hoàng Hoa Thám", "Bích Khê", "Cao Bá Quát",
           "Nguyễn Đình Chiểu", "Đinh Tiên Hoàng", "Ngô Quyền", "Trần Quang Diệu", "Lê Hữu Trác",
           "Phan Bội Châu", "Võ Thị Sáu", "Nguyễn Chánh"]
VILLAGES = ["An Lộc", "Phú Mỹ", "Xuân Yên", "Trường Thọ", "Thạch Bích", "Đông Hòa", "Tân Mỹ", "Phú Lộc",
            "An Phú", "Hòa Bình", "Phước Lộc", "Thọ Lộc", "Liên Hiệp", "Mỹ Thạnh", "Tân Hòa", "Gia Hòa",
            "Khánh Mỹ", "Long Bàn", "An Đạo", "Châu Me"]
DIRECTIONS = ["Bắc", "Nam", "Đông", "Tây"]
COMPANY_WORDS = ["Minh Phát", "Thành An", "Tân Long", "Phú Thịnh", "Hưng Thịnh", "Việt Trung", "Sao Mai",
                 "Hoàng Long", "Phước Hưng", "An Khang", "Thiên Phú", "Đại Lộc", "Bảo Châu", "Vạn Lợi"]
COMPANY_TRADES = ["Xây dựng", "Thương mại", "Chế biến thủy sản", "Vật liệu xây dựng", "Đầu tư", "Thực phẩm",
                  "Vận tải", "May mặc"]

# ----------------------------------------------------------------------------- task texts

SOCIAL_TEMPLATES = [
    "Rà soát, chi trả trợ cấp cho đối tượng bảo trợ xã hội {noi}",
    "Giải quyết đơn đề nghị hưởng chế độ người có công với cách mạng của {cd} ({diachi})",
    "Rà soát hộ nghèo, hộ cận nghèo giữa kỳ {noi}",
    "Hỗ trợ sửa chữa nhà ở cho hộ nghèo, gia đình chính sách {noi}",
    "Báo cáo kết quả giải quyết việc làm, đào tạo nghề cho lao động nông thôn {ky}",
    "Rà soát, hỗ trợ người lao động có hoàn cảnh khó khăn {noi}",
    "Tổ chức thăm hỏi, tặng quà gia đình chính sách nhân {le} {noi}",
]
CULTURE_TEMPLATES = [
    "Tổ chức các hoạt động kỷ niệm {le} {noi}",
    "Kiểm tra hoạt động kinh doanh karaoke, dịch vụ internet {noi}",
    "Tháo dỡ biển quảng cáo, băng rôn treo sai quy định trên {duong}",
    "Triển khai phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” {noi}",
    "Tu bổ, tôn tạo đình làng {lang}, {xa}",
    "Tổ chức tập huấn công tác phòng, chống bạo lực gia đình {noi}",
    "Xử lý phản ánh của người dân về tiếng ồn từ hoạt động karaoke tại {diachi}",
]

# Placeholders are filled by Slots below: {noi} locality phrase, {xa} a ward/commune,
# {diachi} hamlet + ward, {kdc} residential area, {duan} project, {cd}/{cd2} citizens, ...
# A leading "@" marks texts only the city's own offices receive (not wards or communes).
FIELD_TEMPLATES = {
    "Đất đai": [
        "Rà soát, báo cáo tiến độ giải phóng mặt bằng dự án {kdc}",
        ("Tham mưu giải quyết đơn của {cd} ({diachi}) đề nghị cấp Giấy chứng nhận quyền sử dụng đất "
         "tại {thua}"),
        "Kiểm tra, xác minh nguồn gốc sử dụng đất {thua}, {xa} theo đơn kiến nghị của {cd}",
        "Hoàn chỉnh hồ sơ thu hồi đất, lập phương án bồi thường, hỗ trợ, tái định cư dự án {duan}",
        "Đẩy nhanh tiến độ cấp Giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân {noi}",
        "Báo cáo kết quả thực hiện công tác bồi thường, giải phóng mặt bằng {ky}",
        "Rà soát quỹ đất công do UBND {xa} quản lý, đề xuất phương án quản lý, sử dụng",
        "Xử lý dứt điểm việc lấn chiếm đất công tại {diachi}",
        "@Chuẩn bị hồ sơ đấu giá quyền sử dụng đất các lô đất thuộc {kdc}",
        "Giải quyết kiến nghị của các hộ dân bị ảnh hưởng bởi dự án {duan} về đơn giá bồi thường",
        ("@Tham mưu trả lời kiến nghị của cử tri {xa} về việc chậm cấp Giấy chứng nhận quyền sử dụng đất "
         "tại {kdc}"),
        "Lập hồ sơ điều chỉnh kế hoạch sử dụng đất năm 2023 đối với các dự án phát sinh {noi}",
        "@Xác định giá đất cụ thể làm cơ sở tính tiền bồi thường dự án {duan}",
        "Rà soát các trường hợp giao đất không đúng thẩm quyền {noi}, đề xuất hướng xử lý",
        "Thống kê, kiểm kê quỹ đất nông nghiệp công ích (quỹ đất 5%) {noi}",
        "Bố trí đất tái định cư cho các hộ bị thu hồi đất ở tại dự án {duan}",
        ("Kiểm tra, làm rõ phản ánh của {cd} ({diachi}) về việc đo đạc, cắm mốc ranh giới thửa đất không "
         "đúng hiện trạng, báo cáo đề xuất UBND thành phố xem xét, giải quyết theo quy định"),
    ],
    "Xây dựng - Đô thị": [
        "Kiểm tra, xử lý vi phạm trật tự xây dựng tại {diachi}",
        "Kiểm tra, xử lý công trình xây dựng không phép của {cd} tại {diachi}",
        "Đẩy nhanh tiến độ thi công dự án {duan}, báo cáo khó khăn, vướng mắc",
        "@Hoàn thiện hồ sơ quyết toán dự án hoàn thành {duan}",
        "Khắc phục tình trạng ngập úng cục bộ trên {duong} sau các đợt mưa lớn",
        "Rà soát, sửa chữa hệ thống điện chiếu sáng công cộng trên {duong}",
        "Xử lý tình trạng lấn chiếm vỉa hè, lòng đường để kinh doanh, buôn bán trên {duong}",
        "@Lập quy hoạch chi tiết tỷ lệ 1/500 {kdc}",
        "Kiểm tra chất lượng công trình {duan} theo phản ánh của Nhân dân",
        "@Tham mưu điều chỉnh thiết kế cơ sở dự án {duan}",
        "Thu dọn vật liệu xây dựng, phế thải tập kết trái phép tại {diachi}",
        "Sửa chữa, duy tu các tuyến đường bê tông bị hư hỏng {noi}",
        "Báo cáo tình hình giải ngân vốn đầu tư công các dự án do đơn vị làm chủ đầu tư {ky}",
        "Cắt tỉa cây xanh, xử lý cây có nguy cơ gãy đổ trên {duong} trước mùa mưa bão",
        "@Tổ chức lựa chọn nhà thầu thi công dự án {duan} theo đúng quy định",
        "Lập hồ sơ đặt tên đường, đánh số nhà các tuyến đường mới {noi}",
        ("Kiểm tra, xử lý việc xây dựng sai giấy phép của {doanhnghiep} tại {diachi}, báo cáo kết quả về "
         "UBND thành phố"),
    ],
    "Tài chính - Ngân sách": [
        "Báo cáo kết quả thu ngân sách {quy}",
        "Đánh giá tình hình thực hiện dự toán ngân sách {ky}, đề xuất giải pháp tăng thu",
        "@Tham mưu bố trí kinh phí thực hiện dự án {duan}",
        "Rà soát, đôn đốc thu hồi nợ đọng tiền sử dụng đất {noi}",
        "@Thẩm tra quyết toán vốn đầu tư dự án {duan}",
        "Xây dựng dự toán thu, chi ngân sách năm 2024 của {xa}",
        "Báo cáo tình hình quản lý, sử dụng tài sản công tại UBND {xa}",
        "Thực hiện kết luận thanh tra về quản lý tài chính, ngân sách năm 2022 tại {xa}",
        "@Tham mưu phân bổ kinh phí sự nghiệp {chi} năm 2023 {noi}",
        "Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2023, báo cáo kết quả {ky}",
        "@Xử lý các khoản tạm ứng quá hạn vốn đầu tư xây dựng cơ bản của dự án {duan}",
        "Kiểm tra việc thu, nộp phí, lệ phí tại {cho}",
    ],
    "Tài nguyên - Môi trường": [
        "Xử lý tình trạng ô nhiễm môi trường do cơ sở chăn nuôi của {cd} tại {diachi}",
        "Kiểm tra, xử lý việc khai thác cát trái phép trên sông Trà Khúc đoạn qua {xa}",
        "Giải quyết phản ánh của người dân về mùi hôi, nước thải của {doanhnghiep} tại {xa}",
        "Thu gom, xử lý rác thải tồn đọng tại {diachi}",
        "Tổ chức ra quân vệ sinh môi trường, khơi thông cống rãnh {noi}",
        "Báo cáo công tác bảo vệ môi trường {ky}",
        "Kiểm tra việc chấp hành quy định về bảo vệ môi trường của các cơ sở sản xuất, kinh doanh {noi}",
        "Xây dựng phương án ứng phó sạt lở bờ sông, bờ biển {noi} mùa mưa bão năm 2023",
        "Xử lý điểm tập kết rác thải tự phát trên {duong}",
        "Bố trí điểm tập kết rác thải sinh hoạt tại {diachi}",
        "Kiểm tra việc san lấp mặt bằng trái phép tại {thua}, {xa}",
        ("Kiểm tra phản ánh của cử tri {diachi} về tình trạng nước thải sinh hoạt chảy tràn ra {duong}, gây "
         "ô nhiễm môi trường và mất mỹ quan đô thị"),
    ],
    "Giáo dục": [
        "Rà soát cơ sở vật chất, trang thiết bị dạy học chuẩn bị năm học 2023 - 2024 tại {truong}",
        "Xây dựng phương án tuyển sinh đầu cấp năm học 2023 - 2024 {noi}",
        "@Báo cáo tình hình thiếu giáo viên mầm non, tiểu học {noi}, đề xuất giải pháp",
        "Kiểm tra, xử lý phản ánh về việc thu các khoản ngoài quy định tại {truong}",
        "Sửa chữa phòng học xuống cấp tại {truong} trước năm học mới",
        "Triển khai biện pháp bảo đảm an toàn giao thông khu vực cổng {truong}",
        "@Tham mưu xây dựng {truong} đạt chuẩn quốc gia",
        "Giải quyết kiến nghị của phụ huynh học sinh {truong} về việc tổ chức lớp bán trú",
        "Kiểm tra công tác phòng, chống đuối nước cho học sinh trong dịp hè năm 2023 {noi}",
        "Rà soát, đề xuất sáp nhập điểm trường lẻ {noi}",
    ],
    "Y tế": [
        "Triển khai các biện pháp phòng, chống dịch sốt xuất huyết {noi}",
        "Kiểm tra an toàn thực phẩm tại các bếp ăn tập thể, cơ sở kinh doanh dịch vụ ăn uống {noi}",
        "Báo cáo tình hình tiêm chủng mở rộng {ky}",
        "Xử lý cơ sở kinh doanh thuốc không bảo đảm điều kiện tại {diachi}",
        "Rà soát, đề xuất sửa chữa {tramyte}",
        "Tổ chức chiến dịch diệt lăng quăng, phòng chống dịch bệnh {noi}",
        "Báo cáo tình hình khám, chữa bệnh bảo hiểm y tế tại {tramyte}",
        "Kiểm tra, xử lý phản ánh về chất lượng dịch vụ khám, chữa bệnh tại {tramyte}",
    ],
    "Văn hóa - Xã hội": SOCIAL_TEMPLATES + CULTURE_TEMPLATES,
    "Nội vụ": [
        "Rà soát, đề xuất sáp nhập thôn, tổ dân phố chưa đủ tiêu chuẩn {noi}",
        "Báo cáo số lượng, chất lượng đội ngũ cán bộ, công chức của {xa} {ky}",
        "@Tham mưu kiện toàn Ban Chỉ đạo {bcd} thành phố",
        "Báo cáo kết quả cải cách hành chính {ky}",
        "Triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh điện tử {noi}",
        ("Xử lý hồ sơ thủ tục hành chính trễ hạn trên Hệ thống thông tin giải quyết thủ tục hành chính "
         "của {xa}"),
        "@Kiểm tra công tác văn thư, lưu trữ tại UBND {xa}",
        "@Đánh giá chỉ số cải cách hành chính năm 2023 của {xa}",
        "Khắc phục hạn chế trong thực hiện dân chủ ở cơ sở {noi}",
        "Rà soát vị trí việc làm, đề xuất bổ sung biên chế công chức cấp xã {noi}",
        "Báo cáo kết quả thực hiện Quy chế văn hóa công sở {ky}",
    ],
    "Tư pháp": [
        "Tham mưu xử lý đơn kiến nghị của công dân {cd} ({diachi})",
        "Xác minh, tham mưu giải quyết đơn khiếu nại của {cd} liên quan đến {kn}",
        "Tổ chức hòa giải tranh chấp đất đai giữa {cd} và {cd2} tại {diachi}",
        "Rà soát văn bản quy phạm pháp luật do HĐND, UBND {xa} ban hành",
        "Báo cáo kết quả công tác theo dõi thi hành pháp luật {ky}",
        "Thực hiện quyết định giải quyết khiếu nại đã có hiệu lực pháp luật đối với {cd} ({diachi})",
        "Tổ chức cưỡng chế thi hành quyết định xử phạt vi phạm hành chính đối với {cd}, {diachi}",
        "@Kiểm tra công tác chứng thực, hộ tịch tại UBND {xa}",
        "Tổ chức lấy ý kiến Nhân dân đối với dự thảo Luật Đất đai (sửa đổi) {noi}",
        "Trả lời đơn tố cáo của {cd} ({diachi}) đúng thời hạn quy định",
    ],
    "Nông nghiệp": [
        "Triển khai các biện pháp phòng, chống bệnh dịch tả lợn châu Phi {noi}",
        "Nạo vét kênh mương nội đồng phục vụ sản xuất vụ {vu} tại {xa}",
        "Báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới tại {xa}",
        "Hỗ trợ thiệt hại cho các hộ nuôi trồng thủy sản bị ảnh hưởng do {thientai} tại {xa}",
        "Xây dựng phương án phòng, chống thiên tai và tìm kiếm cứu nạn năm 2023 {noi}",
        "Kiểm tra tình trạng xâm nhập mặn, đề xuất giải pháp bảo đảm nước tưới {noi}",
        "Rà soát, đề nghị đánh giá, phân hạng sản phẩm OCOP năm 2023 {noi}",
        "Tiêm phòng vắc xin cho đàn gia súc, gia cầm đợt {dot} năm 2023 {noi}",
        "Kiên cố hóa kênh mương nội đồng tại {diachi}",
    ],
    "Kinh tế": [
        "Kiểm tra hoạt động kinh doanh, niêm yết giá tại {cho}",
        "Xây dựng phương án sắp xếp lại tiểu thương tại {cho}",
        "Báo cáo tình hình phát triển kinh tế - xã hội {ky}",
        "Hỗ trợ doanh nghiệp tháo gỡ khó khăn, vướng mắc trong sản xuất, kinh doanh {noi}",
        "@Rà soát, đề xuất bổ sung quy hoạch cụm công nghiệp tại {xa}",
        "Kiểm tra việc kinh doanh xăng dầu, khí dầu mỏ hóa lỏng (LPG) {noi}",
        "Xử lý phản ánh của {doanhnghiep} về khó khăn trong thủ tục đầu tư",
        "@Rà soát các dự án đầu tư ngoài ngân sách chậm tiến độ {noi}, đề xuất biện pháp xử lý",
        "Kiểm tra việc chấp hành quy định về an toàn giao thông trong hoạt động vận tải {noi}",
    ],
}



def templates_with(field: str, *words: str) -> list[str]:
    """The texts of `field` that mention one of `words`."""
    return [t for t in FIELD_TEMPLATES[field] if any(w in t for w in words)]


# City offices whose work is narrower than their field: field -> texts.
OFFICE_TEMPLATES = {
    "Đội Kiểm tra trật tự đô thị thành phố": {"Xây dựng - Đô thị": [
        *templates_with("Xây dựng - Đô thị", "vi phạm", "không phép", "lấn chiếm", "trái phép",
                        "sai giấy phép"),
        "Cưỡng chế tháo dỡ công trình vi phạm trật tự xây dựng tại {diachi}",
        "Tổ chức ra quân lập lại trật tự vỉa hè trên {duong}",
    ]},
    "Ban Quản lý dự án đầu tư xây dựng thành phố": {
        "Xây dựng - Đô thị": templates_with("Xây dựng - Đô thị", "{duan}", "giải ngân"),
        "Tài chính - Ngân sách": templates_with("Tài chính - Ngân sách", "{duan}", "giải ngân"),
    },
    "Trung tâm Phát triển quỹ đất thành phố": {"Đất đai": templates_with(
        "Đất đai", "giải phóng mặt bằng", "bồi thường", "đấu giá", "tái định cư", "quỹ đất", "giá đất")},
    "Phòng Lao động - Thương binh và Xã hội": {"Văn hóa - Xã hội": SOCIAL_TEMPLATES},
    "Phòng Văn hóa và Thông tin": {"Văn hóa - Xã hội": CULTURE_TEMPLATES},
    "Thanh tra thành phố": {
        "Tư pháp": [
            "Xác minh, tham mưu giải quyết đơn khiếu nại của {cd} liên quan đến {kn}",
            "Xác minh nội dung tố cáo của {cd} ({diachi}) đối với cán bộ UBND {xa}",
            "Theo dõi, đôn đốc thực hiện quyết định giải quyết khiếu nại đối với {cd} ({diachi})",
            "Tham mưu tổ chức đối thoại với {cd} ({diachi}) về {kn}",
        ],
        "Đất đai": [
            "Thanh tra việc quản lý, sử dụng đất công tại UBND {xa}",
            "Kiểm tra việc thực hiện bồi thường, hỗ trợ, tái định cư dự án {duan}",
            "Thanh tra trách nhiệm của Chủ tịch UBND {xa} trong quản lý nhà nước về đất đai",
        ],
        "Tài chính - Ngân sách": [
            "Thanh tra việc quản lý, sử dụng ngân sách năm 2022 tại UBND {xa}",
            "Thanh tra việc quản lý, sử dụng các khoản thu tại {truong}",
            "Đôn đốc thu hồi tiền sai phạm theo kết luận thanh tra tại {xa}",
        ],
    },
}

# Units outside the government and commune blocks get their own texts.
UNIT_TEMPLATES = {
    "Văn phòng Thành ủy": ("Nội vụ", [
        "Tổng hợp, báo cáo kết quả thực hiện nghị quyết của Ban Chấp hành Đảng bộ thành phố {ky}",
        "Chuẩn bị nội dung hội nghị Ban Thường vụ Thành ủy tháng {thang}",
        "Theo dõi, đôn đốc thực hiện kết luận của Thường trực Thành ủy tại {xa}",
        "Tổng hợp tình hình thực hiện chương trình kiểm tra, giám sát của Ban Thường vụ Thành ủy {ky}",
    ]),
    "Ban Tổ chức Thành ủy": ("Nội vụ", [
        "Thẩm định hồ sơ đề nghị kết nạp đảng viên của Đảng bộ {xa}",
        "Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025 - 2030 của {xa}",
        "Hướng dẫn kiện toàn cấp ủy chi bộ {diachi}",
        "Tham mưu điều động, luân chuyển cán bộ lãnh đạo {xa}",
    ]),
    "Ban Tuyên giáo Thành ủy": ("Văn hóa - Xã hội", [
        "Tổ chức học tập, quán triệt nghị quyết của Đảng cho cán bộ, đảng viên {noi}",
        "Nắm bắt tình hình tư tưởng, dư luận xã hội liên quan đến dự án {duan}",
        "Báo cáo kết quả thực hiện Chỉ thị 05-CT/TW tại Đảng bộ {xa} {ky}",
    ]),
    "Ban Dân vận Thành ủy": ("Đất đai", [
        "Vận động Nhân dân bàn giao mặt bằng thực hiện dự án {duan}",
        "Nắm tình hình, vận động các hộ dân chấp hành quyết định thu hồi đất tại {kdc}",
        "Báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” tại {xa} {ky}",
    ]),
    "Ủy ban Kiểm tra Thành ủy": ("Nội vụ", [
        "Kiểm tra, giải quyết đơn thư liên quan đến đảng viên tại Đảng bộ {xa}",
        "Giám sát việc thực hiện nhiệm vụ kiểm tra, giám sát của Đảng ủy {xa}",
        "Kiểm tra dấu hiệu vi phạm của tổ chức đảng trong quản lý đất đai tại {xa}",
    ]),
    "Ủy ban MTTQ Việt Nam thành phố": ("Văn hóa - Xã hội", [
        "Tổng hợp ý kiến, kiến nghị của cử tri {xa} gửi đến kỳ họp HĐND thành phố",
        "Vận động ủng hộ Quỹ “Vì người nghèo” năm 2023 {noi}",
        "Giám sát việc thực hiện chính sách hỗ trợ hộ nghèo tại {xa}",
        "Phối hợp tổ chức Ngày hội Đại đoàn kết toàn dân tộc tại {diachi}",
    ]),
    "Thành đoàn Quảng Ngãi": ("Văn hóa - Xã hội", [
        "Tổ chức Chiến dịch Thanh niên tình nguyện hè năm 2023 tại {xa}",
        "Ra quân “Ngày Chủ nhật xanh” tại {diachi}",
        "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp {noi}",
    ]),
    "Hội Liên hiệp Phụ nữ thành phố": ("Văn hóa - Xã hội", [
        "Vận động hội viên phụ nữ phân loại rác thải tại nguồn tại {diachi}",
        "Hỗ trợ phụ nữ nghèo vay vốn phát triển kinh tế tại {xa}",
        "Nhân rộng mô hình “Gia đình 5 không 3 sạch” {noi}",
    ]),
    "Hội Nông dân thành phố": ("Nông nghiệp", [
        "Hướng dẫn hội viên nông dân chuyển đổi cơ cấu cây trồng tại {xa}",
        "Giải ngân vốn Quỹ Hỗ trợ nông dân cho hội viên tại {xa}",
        "Tập huấn kỹ thuật chăn nuôi, trồng trọt cho hội viên nông dân {noi}",
    ]),
    "Hội Cựu chiến binh thành phố": ("Văn hóa - Xã hội", [
        "Vận động hội viên cựu chiến binh tham gia giữ gìn an ninh trật tự tại {xa}",
        "Rà soát, hỗ trợ hội viên cựu chiến binh có hoàn cảnh khó khăn {noi}",
    ]),
    "Liên đoàn Lao động thành phố": ("Văn hóa - Xã hội", [
        "Kiểm tra việc thực hiện chế độ, chính sách đối với người lao động tại {doanhnghiep}",
        "Vận động xây dựng “Mái ấm Công đoàn” cho đoàn viên {noi}",
        "Thăm hỏi, hỗ trợ đoàn viên công đoàn có hoàn cảnh khó khăn tại {xa}",
    ]),
    "Công an thành phố": ("Tư pháp", [
        "Xử lý tình trạng tụ tập, đua xe trái phép trên {duong}",
        "Bảo đảm an ninh trật tự, an toàn giao thông khu vực {cho}",
        "Xác minh, xử lý vụ việc gây rối trật tự công cộng tại {diachi}",
        "Đẩy nhanh tiến độ cấp căn cước công dân gắn chíp, tài khoản định danh điện tử {noi}",
        "Kiểm tra, xử lý vi phạm về phòng cháy, chữa cháy tại các cơ sở karaoke, quán bar {noi}",
    ]),
    "Ban Chỉ huy Quân sự thành phố": ("Nội vụ", [
        "Chuẩn bị công tác tuyển chọn, gọi công dân nhập ngũ năm 2024 tại {xa}",
        "Tổ chức huấn luyện lực lượng dân quân năm 2023 tại {xa}",
        "Xây dựng kế hoạch diễn tập chiến đấu phòng thủ {xa} năm 2023",
    ]),
    "Chi cục Thuế khu vực Quảng Ngãi": ("Tài chính - Ngân sách", [
        "Đôn đốc thu hồi nợ thuế của {doanhnghiep}",
        "Rà soát, đưa vào quản lý thuế các hộ kinh doanh trên {duong}",
        "Phối hợp thu tiền sử dụng đất khi giao đất tái định cư dự án {duan}",
        "Báo cáo kết quả thu thuế ngoài quốc doanh {ky}",
        "Kiểm tra việc sử dụng hóa đơn điện tử của hộ kinh doanh tại {cho}",
    ]),
}

COMPLAINT_TOPICS = ["việc bồi thường khi thu hồi đất", "quyết định xử phạt vi phạm hành chính",
                    "việc cấp Giấy chứng nhận quyền sử dụng đất", "tranh chấp ranh giới thửa đất",
                    "việc bố trí đất tái định cư", "giá đất tính tiền sử dụng đất"]
ANNIVERSARIES = ["Ngày Thương binh - Liệt sĩ 27/7", "Ngày Quốc khánh 2/9", "Ngày Gia đình Việt Nam 28/6",
                 "48 năm Ngày giải phóng miền Nam, thống nhất đất nước", "Tháng hành động vì trẻ em năm 2023"]
STEERING_BOARDS = ["cải cách hành chính", "chuyển đổi số", "phòng, chống thiên tai và tìm kiếm cứu nạn",
                   "xây dựng nông thôn mới", "an toàn thực phẩm", "phổ biến, giáo dục pháp luật"]
SPENDING = ["giáo dục", "môi trường", "kiến thiết thị chính", "văn hóa thông tin", "đảm bảo xã hội"]
DISASTERS = ["mưa lũ cuối năm 2022", "triều cường", "đợt nắng nóng kéo dài"]
SEASONS = ["Đông Xuân 2022 - 2023", "Hè Thu 2023"]
ROMAN = ["I", "II", "III", "IV"]

# ----------------------------------------------------------------------------- plan

N_TASKS = 1600
N_OVERDUE = 140  # open and past due on SNAPSHOT
N_RECOVERED = 24  # past due on PREVIOUS_WEEK, completed late between 19/10 and 25/10
N_NO_DEADLINE = 128
N_DUE_SOON = 22  # open, effective due within 25/10 - 01/11
N_OPEN_LATER = 150  # open, effective due after 01/11
N_DONE_LATE = 330  # completed late, no later than 18/10
# The rest is completed on time.

# Overdue tasks on SNAPSHOT by block and by days overdue (inclusive ranges).
OVERDUE_BY_BLOCK = {"government": 60, "commune": 58, "party": 7, "mass_org": 8, "other": 7}
OVERDUE_AGING = [((1, 7), 10), ((8, 30), 32), ((31, 90), 48), ((91, 240), 50)]

DURATIONS = [5, 7, 7, 10, 10, 15, 15, 15, 20, 30, 30, 30, 45, 60, 90]
EXTENSION_SHARE = 0.10


@dataclass
class Task:
    role: str
    unit: str
    assigned: date
    due: date | None = None
    extended: date | None = None
    done: date | None = None
    code: str = ""
    doc: str = ""
    summary: str = ""
    issuer: str = ""
    officer: str = ""
    source: str = ""
    field: str = ""
    status: str = ""
    cause: str = ""
    transfers: int = 0
    note: str = ""

    @property
    def effective_due(self) -> date | None:
        return self.extended or self.due


# ----------------------------------------------------------------------------- calendar helpers


def is_workday(d: date) -> bool:
    return d.weekday() < 5 and d not in HOLIDAYS


def next_workday(d: date) -> date:
    while not is_workday(d):
        d += timedelta(days=1)
    return d


def prev_workday(d: date) -> date:
    while not is_workday(d):
        d -= timedelta(days=1)
    return d


def workdays(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)
            if is_workday(start + timedelta(days=i))]


def random_workday(rng: random.Random, start: date, end: date) -> date:
    """A working day in [start, end]; falls back to the last working day up to `end`."""
    days = workdays(start, end)
    return rng.choice(days) if days else prev_workday(end)


def weighted(rng: random.Random, pairs) -> object:
    items = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


# ----------------------------------------------------------------------------- dates per role


def plan_backwards(rng: random.Random, eff: date, extend: bool) -> tuple[date, date, date | None]:
    """Given the effective due date, choose (assigned, due, extended)."""
    due, extended = eff, None
    if extend:
        due = prev_workday(eff - timedelta(days=rng.randint(7, 45)))
        if (due - FIRST_DAY).days < 10:
            due = eff
        else:
            extended = eff
    room = (due - FIRST_DAY).days
    dur = min(rng.choice(DURATIONS), room)
    assigned = prev_workday(due - timedelta(days=dur))
    assigned = min(max(assigned, FIRST_DAY), SNAPSHOT)
    return assigned, due, extended


def plan_forwards(rng: random.Random, assigned: date, min_eff: date | None = None,
                  max_eff: date | None = None) -> tuple[date, date | None]:
    """Given the assignment date, choose (due, extended) with min_eff <= effective due <= max_eff."""
    for _ in range(200):
        due = next_workday(assigned + timedelta(days=rng.choice(DURATIONS) + rng.randint(0, 3)))
        extended = None
        if rng.random() < EXTENSION_SHARE:
            extended = next_workday(due + timedelta(days=rng.randint(7, 45)))
        eff = extended or due
        if (min_eff is None or eff >= min_eff) and (max_eff is None or eff <= max_eff):
            return due, extended
    raise RuntimeError(f"no deadline fits for a task assigned {assigned}")


def pick_unit(rng: random.Random, block: str | None = None) -> str:
    blocks = [block] if block else list(UNITS)
    pairs = [(u, w) for b in blocks for u, w in UNITS[b]]
    return weighted(rng, pairs)


def build_schedule(rng: random.Random) -> list[Task]:
    """Create all tasks with their unit and dates; the role fixes how each one ends up."""
    tasks: list[Task] = []
    all_days = workdays(FIRST_DAY, SNAPSHOT)

    # 1. Overdue on SNAPSHOT: explicit block and aging mix.
    blocks = [b for b, n in OVERDUE_BY_BLOCK.items() for _ in range(n)]
    rng.shuffle(blocks)
    ages = [(lo, hi) for (lo, hi), n in OVERDUE_AGING for _ in range(n)]
    for block, (lo, hi) in zip(blocks, ages, strict=True):
        candidates = [d for d in workdays(SNAPSHOT - timedelta(days=hi), SNAPSHOT - timedelta(days=lo))
                      if d >= FIRST_DAY + timedelta(days=20)]
        eff = rng.choice(candidates)
        assigned, due, extended = plan_backwards(rng, eff, rng.random() < 0.14)
        tasks.append(Task("overdue", pick_unit(rng, block), assigned, due, extended))

    # 2. Overdue a week earlier, completed late during the last week.
    last_week = workdays(PREVIOUS_WEEK + timedelta(days=1), SNAPSHOT)
    for _ in range(N_RECOVERED):
        eff = rng.choice(workdays(date(2023, 5, 15), date(2023, 10, 10)))
        assigned, due, extended = plan_backwards(rng, eff, rng.random() < 0.2)
        task = Task("recovered", pick_unit(rng), assigned, due, extended)
        task.done = rng.choice(last_week)
        tasks.append(task)

    # 3. Open, due soon (25/10 - 01/11) and open with later deadlines.
    for _ in range(N_DUE_SOON):
        eff = rng.choice(workdays(SNAPSHOT, DUE_SOON_END))
        assigned, due, extended = plan_backwards(rng, eff, rng.random() < 0.15)
        tasks.append(Task("open", pick_unit(rng), assigned, due, extended))
    for _ in range(N_OPEN_LATER):
        assigned = rng.choice(workdays(date(2023, 8, 14), SNAPSHOT))
        due, extended = plan_forwards(rng, assigned, min_eff=DUE_SOON_END + timedelta(days=1))
        tasks.append(Task("open", pick_unit(rng), assigned, due, extended))

    # 4. Routine tasks without a deadline; some of them were closed.
    for _ in range(N_NO_DEADLINE):
        task = Task("routine", pick_unit(rng), rng.choice(all_days))
        closed = task.assigned + timedelta(days=rng.randint(5, 90))
        if rng.random() < 0.4 and closed < SNAPSHOT:
            task.done = random_workday(rng, closed, min(closed + timedelta(days=6), SNAPSHOT))
        tasks.append(task)

    # 5. Completed late, no later than PREVIOUS_WEEK (so they do not move the two reference days).
    late_days = workdays(FIRST_DAY, date(2023, 10, 2))
    for _ in range(N_DONE_LATE):
        assigned = rng.choice(late_days)
        due, extended = plan_forwards(rng, assigned, max_eff=PREVIOUS_WEEK - timedelta(days=2))
        eff = extended or due
        lo, hi = weighted(rng, [((1, 10), 5), ((11, 40), 3), ((41, 120), 2)])
        first, last = eff + timedelta(days=lo), min(eff + timedelta(days=hi), PREVIOUS_WEEK)
        if first > last:
            first = eff + timedelta(days=1)
        done = random_workday(rng, first, last)
        task = Task("done_late", pick_unit(rng), assigned, due, extended)
        task.done = done
        tasks.append(task)

    # 6. Completed on time: the rest.
    for _ in range(N_TASKS - len(tasks)):
        assigned = rng.choice(all_days[:-2])
        due, extended = plan_forwards(rng, assigned)
        last = min(extended or due, SNAPSHOT)
        task = Task("done_on_time", pick_unit(rng), assigned, due, extended)
        task.done = random_workday(rng, assigned + timedelta(days=1), last)
        tasks.append(task)
    return tasks


# ----------------------------------------------------------------------------- descriptive columns


def person_name(rng: random.Random, female: bool) -> str:
    middle, given = (MIDDLE_FEMALE, GIVEN_FEMALE) if female else (MIDDLE_MALE, GIVEN_MALE)
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(middle)} {rng.choice(given)}"


def citizen(rng: random.Random) -> str:
    female = rng.random() < 0.4
    return ("bà " if female else "ông ") + person_name(rng, female)


def lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


def hamlet(rng: random.Random, commune: str) -> str:
    """A residential group: wards are divided into "tổ dân phố", communes into "thôn"."""
    if commune.startswith("Phường"):
        return f"tổ dân phố {rng.randint(1, 18)}"
    return f"thôn {rng.choice(VILLAGES)}"


def short_name(commune: str) -> str:
    return commune.split(" ", 1)[1]


def reporting_period(d: date) -> str:
    """The period a report requested on day d is about."""
    month = d.month - 1 or 1
    if month in (6, 7):
        return "6 tháng đầu năm 2023"
    if month in (9, 10):
        return "9 tháng năm 2023"
    if month % 3 == 0:
        return f"quý {ROMAN[month // 3 - 1]} năm 2023"
    return f"tháng {month} năm 2023"


class Slots(dict):
    """Lazily fills template placeholders from the task context."""

    communes = COMMUNES  # the wards and communes of the register's time
    choices = {"kn": COMPLAINT_TOPICS, "le": ANNIVERSARIES, "bcd": STEERING_BOARDS, "chi": SPENDING,
               "thientai": DISASTERS, "vu": SEASONS, "dot": ["1", "2"]}

    def __init__(self, rng: random.Random, task: Task):
        super().__init__()
        self.rng, self.task = rng, task
        self.own = BLOCK_OF[task.unit] == "commune"
        self.commune = task.unit if self.own else rng.choice(self.communes)

    def period(self, key: str) -> str:
        """{quy}, {ky}, {thang}: the reporting period a task given on its day is about."""
        if key == "quy":
            q = (self.task.assigned.month - 1) // 3
            q = q - 1 if (self.task.assigned.month - 1) % 3 == 0 and q > 0 else q
            return f"quý {ROMAN[q]} năm 2023"
        if key == "ky":
            return reporting_period(self.task.assigned)
        return f"{min(self.task.assigned.month + 1, 12)}/2023"

    def __missing__(self, key: str) -> str:
        rng, commune, own = self.rng, self.commune, self.own
        street = rng.choice(STREETS)
        if key == "xa":
            value = lower_first(commune)
        elif key == "noi":
            if own:
                value = "trên địa bàn " + lower_first(commune)
            else:
                value = rng.choice(["trên địa bàn thành phố", "tại " + lower_first(rng.choice(self.communes))])
        elif key == "diachi":
            value = f"{hamlet(rng, commune)}, {lower_first(commune)}"
        elif key == "kdc":
            value = rng.choice([
                f"Khu dân cư {rng.choice(DIRECTIONS)} {street}",
                f"Khu dân cư {rng.choice(VILLAGES)}, {lower_first(commune)}",
                f"Khu tái định cư {short_name(commune)}",
                f"Khu đô thị mới {rng.choice(DIRECTIONS)} {short_name(commune)}",
            ])
        elif key == "duan":
            value = rng.choice([
                f"Nâng cấp, mở rộng đường {street}",
                f"Kè chống sạt lở bờ sông Trà Khúc đoạn qua {lower_first(commune)}",
                f"Hệ thống thoát nước khu vực đường {street}",
                f"Trường Mầm non {short_name(commune)}",
                f"Nhà văn hóa {hamlet(rng, commune)}, {lower_first(commune)}",
                f"Khu dân cư {rng.choice(DIRECTIONS)} {street}",
                f"Chỉnh trang đô thị tuyến đường {street}",
                f"Đường bê tông {hamlet(rng, commune)}, {lower_first(commune)}",
                f"Khu tái định cư {short_name(commune)} giai đoạn {rng.randint(1, 3)}",
            ])
        elif key == "duong":
            value = "đường " + street
        elif key in ("cd", "cd2"):
            value = citizen(rng)
        elif key == "thua":
            value = f"thửa đất số {rng.randint(12, 980)}, tờ bản đồ số {rng.randint(1, 48)}"
        elif key in ("quy", "ky", "thang"):
            value = self.period(key)
        elif key == "truong":
            value = f"Trường {rng.choice(['Mầm non', 'Tiểu học', 'THCS'])} {short_name(commune)}"
        elif key == "tramyte":
            value = f"Trạm Y tế {lower_first(commune)}"
        elif key == "cho":
            value = f"chợ {short_name(commune)}"
        elif key == "doanhnghiep":
            value = (f"Công ty {rng.choice(['TNHH', 'Cổ phần', 'TNHH MTV'])} {rng.choice(COMPANY_TRADES)} "
                     f"{rng.choice(COMPANY_WORDS)}")
        elif key == "lang":
            value = rng.choice(VILLAGES)
        else:
            value = rng.choice(self.choices[key])
        self[key] = value
        return value


def unit_templates(unit: str, rng: random.Random) -> tuple[str, list[str]]:
    """Field and candidate texts for a task of `unit`."""
    if unit in UNIT_TEMPLATES:
        return UNIT_TEMPLATES[unit]
    field = weighted(rng, UNIT_FIELDS.get(unit, COMMUNE_FIELDS))
    templates = OFFICE_TEMPLATES.get(unit, FIELD_TEMPLATES)[field]
    if BLOCK_OF[unit] == "commune":
        return field, [t for t in templates if not t.startswith("@")]
    return field, [t.removeprefix("@") for t in templates]


def write_summary(rng: random.Random, task: Task, used: set[str]) -> None:
    """Pick the field and a task text not used before."""
    for _ in range(200):
        field, templates = unit_templates(task.unit, rng)
        text = rng.choice(templates).format_map(Slots(rng, task))
        text = text[0].upper() + text[1:]
        if text not in used:
            used.add(text)
            task.field, task.summary = field, text
            return
    raise RuntimeError(f"cannot find a new text for {task.unit}")


def choose_source_and_issuer(rng: random.Random, task: Task) -> None:
    block = BLOCK_OF[task.unit]
    if block == "party":
        task.source = weighted(rng, [("Chỉ đạo, điều hành", 3), ("Kết luận giao ban", 2)])
        task.issuer = ISSUER_PARTY if rng.random() < 0.8 else ISSUER_CHAIR
        return
    task.source = weighted(rng, SOURCES)
    if task.source == "Văn bản UBND tỉnh":
        task.issuer = ISSUER_PROVINCE
    elif task.source in ("Chất vấn HĐND", "Đối thoại") or rng.random() < 0.25:
        task.issuer = ISSUER_CHAIR
    elif task.field in ECON_FIELDS:
        task.issuer = ISSUER_VICE_ECON
    elif task.field in SOCIAL_FIELDS:
        task.issuer = ISSUER_VICE_SOCIAL
    else:
        task.issuer = ISSUER_CHAIR


def choose_status(rng: random.Random, task: Task) -> None:
    """Status as an office writes it (informational, a few entries are not up to date)."""
    if task.role == "routine":
        task.status = STATUS_ROUTINE
    elif task.role == "overdue":
        task.status = STATUS_OPEN if rng.random() < 0.06 else STATUS_OVERDUE
    elif task.role in ("done_late", "recovered"):
        task.status = STATUS_DONE if rng.random() < 0.04 else STATUS_DONE_LATE
    elif task.role == "open":
        task.status = STATUS_OPEN
    else:
        task.status = STATUS_DONE


def choose_followup(rng: random.Random, task: Task) -> None:
    """Delay cause, number of transfers between units and the occasional note."""
    late = task.role in ("overdue", "recovered", "done_late")
    if late and rng.random() < 0.70:
        task.cause = weighted(rng, DELAY_CAUSES)
    weights = [60, 28, 9, 3] if late else [88, 10, 2, 0]
    task.transfers = rng.choices([0, 1, 2, 3], weights=weights)[0]
    if task.extended and rng.random() < 0.3:
        task.note = rng.choice(EXTENSION_NOTES)
    elif rng.random() < 0.05:
        task.note = rng.choice(NOTES)


# ----------------------------------------------------------------------------- documents

# series -> (numbers issued per calendar day, numbers reserved at the start of the year)
DOC_SERIES = {"city_cv": (11.0, 4), "city_tb": (1.3, 2), "city_kl": (0.12, 0), "city_kh": (0.9, 3),
              "province_cv": (17.0, 20), "party_tb": (0.6, 1), "party_cv": (2.2, 5), "council_tb": (0.1, 0)}
CITY_CV_SUFFIX = {"Nội vụ": "NC", "Tư pháp": "NC", "Giáo dục": "VX", "Y tế": "VX", "Văn hóa - Xã hội": "VX"}
PROVINCE_SUFFIX = {"Đất đai": "KTN", "Tài nguyên - Môi trường": "KTN", "Nông nghiệp": "KTN",
                   "Xây dựng - Đô thị": "CNXD", "Kinh tế": "CNXD", "Tài chính - Ngân sách": "KTTH",
                   "Giáo dục": "KGVX", "Y tế": "KGVX", "Văn hóa - Xã hội": "KGVX"}


def document_kind(rng: random.Random, task: Task) -> tuple[str, str, bool]:
    """Return (series, format, shared): shared kinds put all tasks of a day on one document."""
    if task.issuer == ISSUER_PARTY:
        if task.source == "Kết luận giao ban":
            return "party_tb", "{n}-TB/TU", True
        return "party_cv", "{n}-CV/TU", False
    if task.source == "Văn bản UBND tỉnh":
        return "province_cv", "{n}/UBND-" + PROVINCE_SUFFIX.get(task.field, "NC"), False
    if task.source in ("Kết luận giao ban", "Đối thoại"):
        return "city_tb", "{n}/TB-UBND", True
    if task.source == "Chất vấn HĐND":
        return "council_tb", "{n}/TB-HĐND", True
    r = rng.random()
    if r < 0.05 and task.field in ("Đất đai", "Tư pháp", "Tài chính - Ngân sách"):
        return "city_kl", "Kết luận {n}/KL-UBND", True
    if r < 0.10:
        return "city_kh", "Kế hoạch {n}/KH-UBND", True
    return "city_cv", "{n}/UBND-" + CITY_CV_SUFFIX.get(task.field, "KT"), False


def assign_documents(rng: random.Random, tasks: list[Task]) -> list[Task]:
    """Give every task a document number; tasks of one document are listed together."""
    last_number = Counter()
    ordered: list[Task] = []
    by_day: dict[date, list[Task]] = {}
    for task in sorted(tasks, key=lambda t: t.assigned):
        by_day.setdefault(task.assigned, []).append(task)
    for day, day_tasks in sorted(by_day.items()):
        docs: dict[str, list[Task]] = {}  # document number -> tasks, in issue order
        open_doc: dict[tuple[str, str, str], str] = {}
        for task in day_tasks:
            series, fmt, shared = document_kind(rng, task)
            key = (series, fmt, task.source)
            reuse = key in open_doc and (shared or rng.random() < 0.3)
            if not reuse:
                rate, reserved = DOC_SERIES[series]
                base = reserved + int(rate * (day.timetuple().tm_yday - 1)) + rng.randint(0, int(rate) + 1)
                last_number[series] = max(last_number[series] + 1, base)
                open_doc[key] = fmt.format(n=last_number[series])
            task.doc = open_doc[key]
            docs.setdefault(task.doc, []).append(task)
        for doc_tasks in docs.values():
            ordered.extend(doc_tasks)
    return ordered


# ----------------------------------------------------------------------------- build


def build_tasks() -> list[Task]:
    rng = random.Random(SEED)
    officers = {unit: [person_name(rng, female=rng.random() < 0.45) for _ in range(rng.randint(2, 4))]
                for unit in BLOCK_OF}
    tasks = build_schedule(rng)
    rng.shuffle(tasks)
    used: set[str] = set()
    for task in tasks:
        write_summary(rng, task, used)
        choose_source_and_issuer(rng, task)
        choose_status(rng, task)
        choose_followup(rng, task)
        task.officer = "" if rng.random() < 0.05 else rng.choice(officers[task.unit])
    tasks = assign_documents(rng, tasks)
    for i, task in enumerate(tasks, start=1):
        task.code = f"QNg-2023-{i:04d}"
    return tasks


def task_row(stt: int, t: Task) -> list:
    return [stt, t.code, t.doc, t.summary, t.issuer, t.unit, t.officer, t.source, t.field,
            t.assigned, t.due, t.extended, t.done, t.status, t.cause, t.transfers, t.note]


def report_sheet(path: Path, title: str, subject: str, sheet: str, headers: list[str], widths: list[int],
                 heading: str, motto_col: int, *, letterhead: tuple[str, str] = ("ỦY BAN NHÂN DÂN",
                 "THÀNH PHỐ QUẢNG NGÃI"), author: str = "Văn phòng HĐND và UBND thành phố",
                 snapshot: date = SNAPSHOT, created: datetime = datetime(2023, 10, 25, 16, 30, 0)):
    """A workbook laid out like a printed report: letterhead, national motto, title, "as of" line and the
    header row. Returns the workbook, the sheet, the base font and the cell formats."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({
        "title": title,
        "subject": subject,
        "author": author,
        "comments": "Synthetic sample data generated by data/sample/make_sample.py",
        "created": created,  # fixed: the files are byte-reproducible
    })
    ws = wb.add_worksheet(sheet)
    font = {"font_name": "Times New Roman", "font_size": 11}
    fmt = {"bold_center": wb.add_format({**font, "bold": True, "align": "center", "valign": "vcenter"})}
    motto = wb.add_format({**font, "bold": True, "underline": 1, "align": "center"})
    title_fmt = wb.add_format({**font, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    fmt["italic_center"] = wb.add_format({**font, "italic": True, "align": "center"})
    header = wb.add_format({**font, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                            "border": 1, "bg_color": "#D9E1F2"})
    cell = {**font, "border": 1, "valign": "top"}
    fmt["text"] = wb.add_format(cell)
    fmt["wrap"] = wb.add_format({**cell, "text_wrap": True})
    fmt["center"] = wb.add_format({**cell, "align": "center"})
    fmt["date"] = wb.add_format({**cell, "align": "center", "num_format": "dd/mm/yyyy"})

    last_col = len(headers) - 1
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, 3, letterhead[0], fmt["bold_center"])
    ws.merge_range(1, 0, 1, 3, letterhead[1], fmt["bold_center"])
    ws.merge_range(0, motto_col, 0, last_col, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fmt["bold_center"])
    ws.merge_range(1, motto_col, 1, last_col, "Độc lập - Tự do - Hạnh phúc", motto)
    ws.merge_range(3, 0, 3, last_col, heading, title_fmt)
    ws.merge_range(4, 0, 4, last_col, f"(Số liệu tính đến ngày {snapshot:%d/%m/%Y})", fmt["italic_center"])
    ws.set_row(HEADER_ROW, 32)
    ws.write_row(HEADER_ROW, 0, headers, header)
    return wb, ws, font, fmt


def write_rows(ws, rows: list[list], formats: list) -> int:
    """The table under the header, dates as real date cells; returns the first row after it."""
    row = HEADER_ROW + 1
    for values in rows:
        for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
            if isinstance(value, date):
                ws.write_datetime(row, col, datetime(value.year, value.month, value.day), fmt)
            elif value is None or value == "":
                ws.write_blank(row, col, None, fmt)
            else:
                ws.write(row, col, value, fmt)
        row += 1
    return row


def finish_report(wb, ws) -> None:
    """Print setup of a report: frozen header, A4 landscape, one page wide, header repeated on every page."""
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    wb.close()


def write_workbook(rows: list[list], path: Path) -> None:
    wb, ws, font, fmt = report_sheet(
        path, "Báo cáo tình hình thực hiện nhiệm vụ do UBND thành phố giao năm 2023",
        "Sổ theo dõi nhiệm vụ (dữ liệu mẫu, tổng hợp)", SHEET_NAME, HEADERS, COLUMN_WIDTHS,
        "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ DO UBND THÀNH PHỐ GIAO NĂM 2023", motto_col=9)
    total_label = wb.add_format({**font, "bold": True, "border": 1, "align": "center"})
    total_value = wb.add_format({**font, "bold": True, "border": 1, "align": "left",
                                 "num_format": '0 "nhiệm vụ"'})
    text, wrap, center, date_fmt = fmt["text"], fmt["wrap"], fmt["center"], fmt["date"]
    row = write_rows(ws, rows, [center, center, text, wrap, text, text, text, text, text,
                                date_fmt, date_fmt, date_fmt, date_fmt, text, wrap, center, wrap])

    last_col = len(HEADERS) - 1
    ws.merge_range(row, 0, row, 2, "Tổng cộng", total_label)
    ws.write_number(row, 3, len(rows), total_value)
    row += 2
    ws.merge_range(row, 12, row, last_col, f"Quảng Ngãi, ngày {SNAPSHOT.day} tháng {SNAPSHOT.month} năm "
                   f"{SNAPSHOT.year}", fmt["italic_center"])
    row += 1
    ws.merge_range(row, 0, row, 3, "NGƯỜI LẬP BIỂU", fmt["bold_center"])
    ws.merge_range(row, 12, row, last_col, "CHÁNH VĂN PHÒNG", fmt["bold_center"])
    row += 2
    ws.merge_range(row, 0, row, 3, "Lê Thị Minh Thư", fmt["bold_center"])
    ws.merge_range(row, 12, row, last_col, "Trần Quốc Hưng", fmt["bold_center"])
    finish_report(wb, ws)


# ----------------------------------------------------------------------------- checks


def overdue_on(rows: list[list], day: date) -> list[list]:
    """Rows overdue on `day`, with the dashboard's definition (deadline day itself is in time)."""
    result = []
    for r in rows:
        assigned, due, extended, done = r[9], r[10], r[11], r[12]
        eff = extended or due
        if eff is not None and eff < day and assigned <= day and (done is None or done > day):
            result.append(r)
    return result


def check(rows: list[list]) -> dict:
    """Recompute the expected figures from the written rows and assert them."""
    assert len(rows) == len({r[1] for r in rows}) == len({r[3] for r in rows}), "duplicate codes or texts"
    assert [r[1] for r in rows] == [f"QNg-2023-{i:04d}" for i in range(1, len(rows) + 1)]
    for r in rows:
        assigned, due, extended, done = r[9], r[10], r[11], r[12]
        assert FIRST_DAY <= assigned <= SNAPSHOT and is_workday(assigned), r
        assert done is None or assigned <= done <= SNAPSHOT, r
        assert extended is None or (due is not None and extended > due), r
        assert (due is None) == (r[13] == STATUS_ROUTINE), r
    assert all(rows[i][9] <= rows[i + 1][9] for i in range(len(rows) - 1)), "codes not in date order"

    now = overdue_on(rows, SNAPSHOT)
    week_before = overdue_on(rows, PREVIOUS_WEEK)
    by_block = Counter(BLOCK_OF[r[5]] for r in now)
    assert len(now) == N_OVERDUE, len(now)
    assert 150 <= len(week_before) <= 165, len(week_before)
    assert by_block["government"] + by_block["commune"] >= 0.75 * N_OVERDUE, by_block
    assert all(by_block[b] > 0 for b in UNITS), by_block
    units = {r[5] for r in now if BLOCK_OF[r[5]] in ("government", "commune")}
    assert len(units) >= 15, len(units)
    ages = [(SNAPSHOT - (r[11] or r[10])).days for r in now]
    buckets = {"1-7": sum(a <= 7 for a in ages), "8-30": sum(8 <= a <= 30 for a in ages),
               "31-90": sum(31 <= a <= 90 for a in ages), ">90": sum(a > 90 for a in ages)}
    assert min(buckets.values()) >= 5, buckets

    open_rows = [r for r in rows if r[12] is None and (r[11] or r[10])]
    due_soon = [r for r in open_rows if SNAPSHOT <= (r[11] or r[10]) <= DUE_SOON_END]
    later = [r for r in open_rows if (r[11] or r[10]) > DUE_SOON_END]
    assert due_soon and later

    trend = {m: len(overdue_on(rows, date(2023, m, 15))) for m in range(1, 11)}
    assert trend[2] > 0 and len(set(trend.values())) >= 8, trend
    done = [r for r in rows if r[12] is not None and r[10] is not None]
    on_time = sum(r[12] <= (r[11] or r[10]) for r in done)
    return {"now": len(now), "week_before": len(week_before), "by_block": by_block, "buckets": buckets,
            "units": len(units), "due_soon": len(due_soon), "open_later": len(later), "trend": trend,
            "on_time": on_time, "late": len(done) - on_time,
            "no_deadline": sum(r[10] is None for r in rows)}


# ----------------------------------------------------------------------------- event history

# The history ("lịch sử xử lý") of the same tasks: transfers between lead units, returns, escalations,
# extensions and reminders. Drawn from its own random stream, after the register is built, so adding or
# changing events never moves a single byte of the register.
HISTORY_SEED = SEED + 1
HISTORY_SHEET_NAME = "Lịch sử xử lý"
HISTORY_HEADERS = ["STT", "Mã nhiệm vụ", "Ngày", "Nội dung xử lý", "Từ đơn vị", "Đến đơn vị", "Ghi chú"]
HISTORY_WIDTHS = [6, 15, 12, 24, 40, 40, 38]

ACT_TRANSFER = "Chuyển đơn vị chủ trì"
ACT_RETURN = "Trả lại"
ACT_ESCALATION = "Xin ý kiến cấp trên"
ACT_EXTENSION = "Gia hạn"
ACT_REMINDERS = ("Đôn đốc lần 1", "Đôn đốc lần 2", "Đôn đốc lần 3")
HISTORY_ACTIONS = (ACT_TRANSFER, ACT_RETURN, ACT_ESCALATION, ACT_EXTENSION, *ACT_REMINDERS)

CITY_OFFICE = "Văn phòng HĐND và UBND thành phố"  # sends the reminders, receives the returns
CITY_COMMITTEE = "UBND thành phố"
PROVINCE_COMMITTEE = ISSUER_PROVINCE
LATE_ROLES = ("overdue", "done_late", "recovered")

# Units that pass tasks on more than their size suggests (multipliers of their weight as a sender).
FREQUENT_PASSERS = {
    "Phòng Tài nguyên và Môi trường": 4.0, "Phòng Quản lý đô thị": 3.5,
    "Trung tâm Phát triển quỹ đất thành phố": 3.0, "Phòng Kinh tế": 2.0,
    "Phường Nghĩa Chánh": 3.0, "Phường Trần Phú": 3.0, "Xã Tịnh Ấn Tây": 4.0, "Xã Nghĩa Dõng": 3.0,
}
# The block of the receiving unit -> where the unit that passed the task to it comes from.
SENDER_BLOCKS = {
    "government": [("government", 60), ("commune", 40)],
    "commune": [("commune", 55), ("government", 45)],
    "party": [("party", 6), ("mass_org", 2), ("government", 2)],
    "mass_org": [("mass_org", 5), ("party", 2), ("government", 3)],
    "other": [("government", 6), ("other", 4)],
}
TRANSFER_NOTES = ["Theo chỉ đạo của Chủ tịch UBND thành phố", "Theo chức năng, nhiệm vụ",
                  "Theo đề nghị của đơn vị", "Điều chỉnh đơn vị chủ trì"]
ESCALATION_NOTES = ["Xin chủ trương thực hiện", "Báo cáo khó khăn, vướng mắc",
                    "Đề nghị cho ý kiến về phương án xử lý", "Xin ý kiến về cơ chế, chính sách áp dụng"]
ESCALATION_CAUSES = {"Chờ ý kiến của sở, ngành tỉnh", "Vướng quy định pháp luật, chờ hướng dẫn",
                     "Chờ kết quả thẩm định giá đất"}
REMINDER_NOTE_NAMING_LEVEL_2 = "Đã có văn bản đôn đốc lần 2"  # a register note the history then bears out


@dataclass
class Event:
    day: date
    code: str
    seq: int  # order of the task's events on one day
    action: str
    from_unit: str
    to_unit: str = ""
    note: str = ""


def history_path_for(register_path: Path) -> Path:
    return register_path.with_name(f"{register_path.stem}_lich_su{register_path.suffix}")


def pick_day(rng: random.Random, lo: date, hi: date) -> date:
    """A working day in [lo, hi] if there is one, else any day in it (lo when the range is empty)."""
    if hi < lo:
        return lo
    days = workdays(lo, hi) or [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]
    return rng.choice(days)


def pick_days(rng: random.Random, lo: date, hi: date, k: int, floor: date) -> list[date]:
    """k distinct days in [lo, hi], working days preferred; without room, the missing ones fall on `floor`."""
    days = workdays(lo, hi)
    if len(days) < k:
        days = [lo + timedelta(days=i) for i in range(max((hi - lo).days + 1, 0))]
    if len(days) >= k:
        return sorted(rng.sample(days, k))
    return [floor] * (k - len(days)) + days


def sender(rng: random.Random, task: Task, receiver: str, chain: list[str]) -> str:
    """The unit that passed the task on to `receiver`: usually the same block, frequent passers favoured."""
    block = weighted(rng, SENDER_BLOCKS[BLOCK_OF[receiver]])
    candidates = []
    for unit, weight in UNITS[block]:
        if unit in (receiver, CITY_OFFICE) or unit in chain:
            continue
        weight *= FREQUENT_PASSERS.get(unit, 1.0)
        if block == "government" and task.field in UNIT_FIELDS.get(unit, {}):
            weight *= 3
        candidates.append((unit, weight))
    return weighted(rng, candidates)


def transfer_events(rng: random.Random, task: Task, returned: bool) -> list[Event]:
    """The k transfers of the register, as a chain of lead units ending at the register's unit; a `returned`
    task also went back to the city office (not its competence) before one of them."""
    k = task.transfers
    # Early in the task's life: within 40 days, before the (original) deadline when there is room.
    hi = min(task.done or SNAPSHOT, SNAPSHOT, task.assigned + timedelta(days=40))
    if task.due and task.due - timedelta(days=1) >= task.assigned + timedelta(days=k):
        hi = min(hi, task.due - timedelta(days=1))
    days = pick_days(rng, task.assigned + timedelta(days=1), hi, k, task.assigned)
    chain = [task.unit]
    for _ in range(k):
        chain.insert(0, sender(rng, task, chain[0], chain))
    returned_at = rng.randrange(k) if returned else None
    events: list[Event] = []
    for i, day in enumerate(days):
        if i == returned_at:
            before = day - timedelta(days=1)
            earliest = days[i - 1] if i else task.assigned
            back = before if before >= earliest and is_workday(before) and rng.random() < 0.6 else day
            r = rng.random()
            note = "Không thuộc thẩm quyền" if r < 0.45 else f"Đề nghị chuyển {chain[i + 1]}" if r < 0.75 else ""
            events.append(Event(back, task.code, 0, ACT_RETURN, chain[i], CITY_OFFICE, note))
        note = rng.choice(TRANSFER_NOTES) if rng.random() < 0.08 else ""
        events.append(Event(day, task.code, 0, ACT_TRANSFER, chain[i], chain[i + 1], note))
    return events


def first_reminder(rng: random.Random, task: Task, start: date, before: date) -> date:
    """A few days after the effective due (or after the last transfer, when that came later)."""
    hi = max(task.effective_due + timedelta(days=rng.randint(2, 10)), start + timedelta(days=rng.randint(0, 7)))
    return pick_day(rng, start, min(hi, before - timedelta(days=1)))


def reminder_window(previous: date, gap: int, before: date) -> tuple[date, date]:
    """Where the next reminder goes: 7 to `gap` days after the previous one, before `before` (may be empty)."""
    return previous + timedelta(days=7), min(previous + timedelta(days=gap), before - timedelta(days=1))


def later_reminder(rng: random.Random, previous: date, gap: int, before: date) -> date | None:
    """The next reminder, or None without room."""
    lo, hi = reminder_window(previous, gap, before)
    return pick_day(rng, lo, hi) if lo <= hi else None


def choose(rng: random.Random, candidates: list[Task], share: float, total: int, forced: set[str]) -> list[Task]:
    """round(share * total) of the candidates (the forced ones first), in register order."""
    must = [t for t in candidates if t.code in forced]
    rest = [t for t in candidates if t.code not in forced]
    n = min(max(round(share * total) - len(must), 0), len(rest))
    chosen = {t.code for t in must + rng.sample(rest, n)}
    return [t for t in candidates if t.code in chosen]


def overdue_reminders(rng: random.Random, overdue: list[tuple[Task, date]]) -> dict[str, list[date]]:
    """Reminders of the tasks overdue on SNAPSHOT: about 35% got a first one, 40% of those a second, 30% of
    those a third; tasks whose register note names a second reminder are among them when the dates allow."""
    forced = {t.code for t, _ in overdue if t.note == REMINDER_NOTE_NAMING_LEVEL_2}
    start = {t.code: s for t, s in overdue}
    days: dict[str, list[date]] = {}
    level = choose(rng, [t for t, s in overdue if s < SNAPSHOT], 0.35, len(overdue), forced)
    for t in level:
        days[t.code] = [first_reminder(rng, t, start[t.code], SNAPSHOT)]
    for share, gap in ((0.4, 20), (0.3, 15)):
        total = len(level)
        room = [t for t in level if operator.le(*reminder_window(days[t.code][-1], gap, SNAPSHOT))]
        level = choose(rng, room, share, total, forced)
        for t in level:
            days[t.code].append(later_reminder(rng, days[t.code][-1], gap, SNAPSHOT))
        forced = set()
    return days


def build_events(tasks: list[Task]) -> list[Event]:
    """Every event of the history, sorted by date, then task code (then order within the task)."""
    rng = random.Random(HISTORY_SEED)
    per_task: dict[str, list[Event]] = {}
    overdue: list[tuple[Task, date]] = []  # with the first day a reminder can have
    passed_on = [t.code for t in tasks if t.transfers >= 2]
    returned = set(rng.sample(passed_on, round(0.25 * len(passed_on))))  # a quarter was also sent back once
    for task in tasks:
        own = per_task[task.code] = transfer_events(rng, task, task.code in returned) if task.transfers else []
        held_from = max([e.day for e in own] + [task.assigned])  # the register's unit has the task from then on
        eff = task.effective_due
        until = min(task.done or SNAPSHOT, SNAPSHOT)

        if task.extended:
            hi = max(min(task.due - timedelta(days=1), until), task.assigned)
            lo = min(max(task.assigned + timedelta(days=1), task.due - timedelta(days=20), held_from), hi)
            own.append(Event(pick_day(rng, lo, hi), task.code, 0, ACT_EXTENSION, task.unit, "",
                             f"Gia hạn đến {task.extended:%d/%m/%Y}"))

        if task.role in LATE_ROLES and rng.random() < (0.15 if task.cause in ESCALATION_CAUSES else 0.04):
            to = PROVINCE_COMMITTEE if task.issuer == ISSUER_PROVINCE else CITY_COMMITTEE
            note = rng.choice(ESCALATION_NOTES) if rng.random() < 0.4 else ""
            own.append(Event(pick_day(rng, held_from, until), task.code, 0, ACT_ESCALATION, task.unit, to, note))

        if task.role == "overdue":
            overdue.append((task, max(eff + timedelta(days=1), held_from)))
        elif task.role in ("done_late", "recovered"):
            # A few tasks completed late had been reminded while overdue.
            start = max(eff + timedelta(days=1), held_from)
            if start < task.done and (task.note == REMINDER_NOTE_NAMING_LEVEL_2 or rng.random() < 0.04):
                days = [first_reminder(rng, task, start, task.done)]
                second = later_reminder(rng, days[0], 20, task.done)
                if second and (task.note == REMINDER_NOTE_NAMING_LEVEL_2 or rng.random() < 0.3):
                    days.append(second)
                add_reminders(rng, task, days, own)

    by_code = {t.code: t for t in tasks}
    for code, days in overdue_reminders(rng, overdue).items():
        add_reminders(rng, by_code[code], days, per_task[code])

    events: list[Event] = []
    for own in per_task.values():
        for seq, event in enumerate(own):
            event.seq = seq
        events.extend(own)
    return sorted(events, key=lambda e: (e.day, e.code, e.seq))


def add_reminders(rng: random.Random, task: Task, days: list[date], own: list[Event]) -> None:
    for level, day in enumerate(days):
        note = ""
        if rng.random() < 0.12:
            note = f"Yêu cầu báo cáo kết quả trước ngày {next_workday(day + timedelta(days=5)):%d/%m/%Y}"
        own.append(Event(day, task.code, 0, ACT_REMINDERS[level], CITY_OFFICE, task.unit, note))


def check_events(tasks: list[Task], events: list[Event]) -> dict:
    """Check the history against the register and return its figures."""
    by_code = {t.code: t for t in tasks}
    units = set(BLOCK_OF) | {CITY_COMMITTEE, PROVINCE_COMMITTEE}
    per_task: dict[str, list[Event]] = {}
    for e in events:
        per_task.setdefault(e.code, []).append(e)
        t = by_code[e.code]
        assert t.assigned <= e.day <= SNAPSHOT, e
        assert e.action in HISTORY_ACTIONS and e.from_unit in units and e.to_unit in units | {""}, e
        if e.action.startswith("Đôn đốc"):
            eff = t.effective_due
            assert eff < e.day < SNAPSHOT and (t.done is None or t.done > e.day), e
    assert 300 <= len(events) <= 1500, len(events)
    assert [(e.day, e.code) for e in events] == sorted((e.day, e.code) for e in events)
    for t in tasks:
        own = per_task.get(t.code, [])
        moves = [e for e in own if e.action == ACT_TRANSFER]
        assert len(moves) == t.transfers, t.code
        assert all(a.to_unit == b.from_unit for a, b in zip(moves, moves[1:], strict=False)), t.code
        assert not moves or moves[-1].to_unit == t.unit, t.code
        assert sum(e.action == ACT_EXTENSION for e in own) == (t.extended is not None), t.code
        levels = [e.action for e in own if e.action.startswith("Đôn đốc")]
        assert levels == list(ACT_REMINDERS[:len(levels)]), t.code
    overdue_codes = {r[1] for r in overdue_on([task_row(0, t) for t in tasks], SNAPSHOT)}
    overdue = [t for t in tasks if t.code in overdue_codes]
    reminded = Counter(sum(e.action.startswith("Đôn đốc") for e in per_task.get(t.code, [])) for t in overdue)
    passers = Counter(e.from_unit for e in events if e.action == ACT_TRANSFER)
    return {"actions": Counter(e.action for e in events), "reminded": reminded,
            "passers": passers.most_common(5), "tasks": len(per_task)}


def write_history(events: list[Event], path: Path) -> None:
    wb, ws, _, fmt = report_sheet(
        path, "Lịch sử xử lý nhiệm vụ do UBND thành phố giao năm 2023",
        "Lịch sử xử lý nhiệm vụ (dữ liệu mẫu, tổng hợp)", HISTORY_SHEET_NAME, HISTORY_HEADERS, HISTORY_WIDTHS,
        "LỊCH SỬ XỬ LÝ NHIỆM VỤ NĂM 2023", motto_col=4)
    rows = [[i, e.code, e.day, e.action, e.from_unit, e.to_unit, e.note] for i, e in enumerate(events, start=1)]
    write_rows(ws, rows, [fmt["center"], fmt["center"], fmt["date"], fmt["text"], fmt["wrap"], fmt["wrap"],
                          fmt["wrap"]])
    finish_report(wb, ws)


# ============================================================================= the 2026 register
#
# The same register continued across the 1/7/2025 reform of local government (two levels: province and commune):
# tasks given from 2024 to November 2026, as of 30/11/2026, with the unit registry ("danh mục đơn vị") that says
# which unit took over each unit's tasks. It is drawn from its own random stream after the 2023 files are written,
# so it never changes a byte of them. The tasks still open in the 2023 register come back here with the same codes
# (a register carries unfinished work over), so the 2026 file imported over the 2023 one updates them.
#
# What the mergers follow (old -> new, effective 01/07/2025):
#   Nghị quyết 1677/NQ-UBTVQH15 of 16/6/2025 of the Standing Committee of the National Assembly, Điều 1 (the
#   commune-level units of tỉnh Quảng Ngãi), as listed by secondary sources (a published list of the 96 new units and
#   a public dataset of the 2025 mergers); the resolution's own text was NOT read, and the clause numbers (khoản 1,
#   2, 9, 82, 83, 84) are those sources' numbering. Treat the ward/commune mapping as checked only against those
#   sources; the README says so.
#   Xã Nghĩa An and Xã Nghĩa Phú had already become Xã An Phú under Nghị quyết 1279/NQ-UBTVQH15 of 14/11/2024
#   (announced in the city on 16/12/2024); its effective day is not checked here: 01/01/2025 is ILLUSTRATIVE.
# ILLUSTRATIVE, not from any text: which provincial body or new ward carries the tasks of the city's own bodies
# (departments "Phòng …", its party committee's boards, mass organisations, police, military, tax), all from
# 01/07/2025; and the two-step chain of the city's land fund centre (a branch from 01/07/2025, folded into the
# provincial centre from 01/01/2026), there so that a transitive chain is exercised.

SEED_2026 = 2026
REGISTER_2026_NAME = "quang_ngai_2026.xlsx"
REGISTRY_2026_NAME = "quang_ngai_2026_danh_muc_don_vi.xlsx"
FIRST_DAY_2026 = date(2024, 1, 2)
SNAPSHOT_2026 = date(2026, 11, 30)
AN_PHU_DAY = date(2025, 1, 1)  # illustrative (see above)
MERGER_DAY = date(2025, 7, 1)
CHAIN_DAY = date(2026, 1, 1)  # illustrative second step
CHAIN = ("Trung tâm Phát triển quỹ đất thành phố", "Chi nhánh Trung tâm Phát triển quỹ đất Cẩm Thành",
         "Trung tâm Phát triển quỹ đất tỉnh")
N_NEW_2026 = 3600  # tasks given from 2024 on; the carried-over 2023 tasks come on top
STUCK_SHARE, LATE_SHARE = 0.025, 0.22
REGISTRY_HEADERS = ["STT", "Tên đơn vị", "Khối", "Đơn vị cấp trên", "Sáp nhập vào", "Ngày hiệu lực", "Tên gọi khác",
                    "Căn cứ"]
REGISTRY_WIDTHS = [6, 46, 18, 30, 40, 13, 30, 44]

# Public holidays of 2024-2026 on weekdays (Tết approximate: the week around it); the 2023 calendar is HOLIDAYS.
HOLIDAYS_2026 = {
    date(2024, 1, 1), *(date(2024, 2, d) for d in range(8, 15)), date(2024, 4, 18), date(2024, 4, 29),
    date(2024, 4, 30), date(2024, 5, 1), date(2024, 9, 2), date(2024, 9, 3),
    date(2025, 1, 1), *(date(2025, 1, d) for d in range(27, 32)), date(2025, 4, 7), date(2025, 4, 30),
    date(2025, 5, 1), date(2025, 5, 2), date(2025, 9, 1), date(2025, 9, 2),
    date(2026, 1, 1), *(date(2026, 2, d) for d in range(16, 21)), date(2026, 4, 27), date(2026, 4, 30),
    date(2026, 5, 1), date(2026, 9, 1), date(2026, 9, 2),
}

NQ_1677 = "Nghị quyết 1677/NQ-UBTVQH15"
ILLUSTRATIVE = "Minh họa (dữ liệu mẫu)"
CITY_COMMITTEE_2026 = "UBND thành phố Quảng Ngãi"
PROVINCE_COMMITTEE_2026 = "UBND tỉnh Quảng Ngãi"

# old unit -> (successor, from, basis). A unit that keeps its name (Phường Nghĩa Lộ, Phường Trương Quang Trọng, Xã
# Tịnh Khê, Xã An Phú) is the same unit before and after and has no row here.
MERGED_INTO: dict[str, tuple[str, date, str]] = {
    **{u: ("Xã Tịnh Khê", MERGER_DAY, f"Khoản 1 Điều 1 {NQ_1677}")
       for u in ("Xã Tịnh Kỳ", "Xã Tịnh Châu", "Xã Tịnh Long", "Xã Tịnh Thiện")},
    **{u: ("Xã An Phú", MERGER_DAY, f"Khoản 2 Điều 1 {NQ_1677}") for u in ("Xã Nghĩa Hà", "Xã Nghĩa Dõng",
                                                                         "Xã Nghĩa Dũng")},
    "Xã Tịnh Hòa": ("Xã Đông Sơn", MERGER_DAY, f"Khoản 9 Điều 1 {NQ_1677}"),
    **{u: ("Phường Trương Quang Trọng", MERGER_DAY, f"Khoản 82 Điều 1 {NQ_1677}")
       for u in ("Xã Tịnh Ấn Tây", "Xã Tịnh Ấn Đông", "Xã Tịnh An")},
    **{u: ("Phường Cẩm Thành", MERGER_DAY, f"Khoản 83 Điều 1 {NQ_1677}")
       for u in ("Phường Nguyễn Nghiêm", "Phường Trần Hưng Đạo", "Phường Nghĩa Chánh", "Phường Chánh Lộ")},
    **{u: ("Phường Nghĩa Lộ", MERGER_DAY, f"Khoản 84 Điều 1 {NQ_1677}")
       for u in ("Phường Lê Hồng Phong", "Phường Trần Phú", "Phường Quảng Phú")},
    **{u: ("Xã An Phú", AN_PHU_DAY, "Nghị quyết 1279/NQ-UBTVQH15 (ngày hiệu lực minh họa)")
       for u in ("Xã Nghĩa An", "Xã Nghĩa Phú")},
    # The city's own bodies ceased with the district level: who carries their tasks is illustrative.
    **{old: (new, MERGER_DAY, ILLUSTRATIVE) for old, new in {
        "Văn phòng HĐND và UBND thành phố": "Văn phòng UBND tỉnh",
        "Phòng Nội vụ": "Sở Nội vụ", "Phòng Tư pháp": "Sở Tư pháp", "Phòng Tài chính - Kế hoạch": "Sở Tài chính",
        "Phòng Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
        "Phòng Lao động - Thương binh và Xã hội": "Sở Nội vụ",
        "Phòng Văn hóa và Thông tin": "Sở Văn hóa, Thể thao và Du lịch",
        "Phòng Giáo dục và Đào tạo": "Sở Giáo dục và Đào tạo", "Phòng Y tế": "Sở Y tế",
        "Phòng Kinh tế": "Sở Công Thương", "Phòng Quản lý đô thị": "Sở Xây dựng",
        "Thanh tra thành phố": "Thanh tra tỉnh",
        "Ban Quản lý dự án đầu tư xây dựng thành phố": "Ban Quản lý dự án đầu tư xây dựng tỉnh",
        "Trung tâm Phát triển quỹ đất thành phố": "Chi nhánh Trung tâm Phát triển quỹ đất Cẩm Thành",
        "Đội Kiểm tra trật tự đô thị thành phố": "Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Thành",
        "Văn phòng Thành ủy": "Văn phòng Tỉnh ủy", "Ban Tổ chức Thành ủy": "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo Thành ủy": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ban Dân vận Thành ủy": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ủy ban Kiểm tra Thành ủy": "Ủy ban Kiểm tra Tỉnh ủy",
        **{u: "Ủy ban MTTQ Việt Nam tỉnh" for u, _ in UNITS["mass_org"]},
        "Công an thành phố": "Công an tỉnh", "Ban Chỉ huy Quân sự thành phố": "Bộ Chỉ huy Quân sự tỉnh",
        "Chi cục Thuế khu vực Quảng Ngãi": "Thuế tỉnh Quảng Ngãi",
    }.items()},
    # The illustrative second step: the branch folded into the provincial centre.
    "Chi nhánh Trung tâm Phát triển quỹ đất Cẩm Thành": ("Trung tâm Phát triển quỹ đất tỉnh", CHAIN_DAY, ILLUSTRATIVE),
}

# The units that receive tasks from 01/07/2025: block -> [(unit, weight, the 2023 unit whose kind of work it does)].
NEW_UNITS = {
    "government": [
        ("Văn phòng UBND tỉnh", 2, "Văn phòng HĐND và UBND thành phố"),
        ("Sở Nông nghiệp và Môi trường", 7, "Phòng Tài nguyên và Môi trường"),
        ("Sở Xây dựng", 5, "Phòng Quản lý đô thị"), ("Sở Tài chính", 4, "Phòng Tài chính - Kế hoạch"),
        ("Sở Nội vụ", 3, "Phòng Nội vụ"), ("Sở Tư pháp", 1.5, "Phòng Tư pháp"),
        ("Sở Văn hóa, Thể thao và Du lịch", 1.5, "Phòng Văn hóa và Thông tin"),
        ("Sở Giáo dục và Đào tạo", 2, "Phòng Giáo dục và Đào tạo"), ("Sở Y tế", 1.5, "Phòng Y tế"),
        ("Sở Công Thương", 2, "Phòng Kinh tế"), ("Thanh tra tỉnh", 2, "Thanh tra thành phố"),
        ("Ban Quản lý dự án đầu tư xây dựng tỉnh", 4, "Ban Quản lý dự án đầu tư xây dựng thành phố"),
        ("Chi nhánh Trung tâm Phát triển quỹ đất Cẩm Thành", 4, "Trung tâm Phát triển quỹ đất thành phố"),
        ("Trung tâm Phát triển quỹ đất tỉnh", 4, "Trung tâm Phát triển quỹ đất thành phố"),
        ("Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Thành", 2, "Đội Kiểm tra trật tự đô thị thành phố"),
    ],
    "commune": [
        ("Phường Cẩm Thành", 9, "Phường Trần Phú"), ("Phường Nghĩa Lộ", 9, "Phường Trần Phú"),
        ("Phường Trương Quang Trọng", 7, "Phường Trần Phú"), ("Xã Tịnh Khê", 6, "Xã Tịnh Long"),
        ("Xã An Phú", 7, "Xã Tịnh Long"), ("Xã Đông Sơn", 0.8, "Xã Tịnh Long"),
    ],
    "party": [
        ("Văn phòng Tỉnh ủy", 0.5, "Văn phòng Thành ủy"), ("Ban Tổ chức Tỉnh ủy", 0.6, "Ban Tổ chức Thành ủy"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", 0.8, "Ban Dân vận Thành ủy"),
        ("Ủy ban Kiểm tra Tỉnh ủy", 0.5, "Ủy ban Kiểm tra Thành ủy"),
    ],
    "mass_org": [("Ủy ban MTTQ Việt Nam tỉnh", 1.5, "Ủy ban MTTQ Việt Nam thành phố")],
    "other": [
        ("Công an tỉnh", 2, "Công an thành phố"), ("Thuế tỉnh Quảng Ngãi", 1.5, "Chi cục Thuế khu vực Quảng Ngãi"),
        ("Bộ Chỉ huy Quân sự tỉnh", 0.6, "Ban Chỉ huy Quân sự thành phố"),
    ],
}
LIKE_2023 = {unit: like for units in NEW_UNITS.values() for unit, _, like in units}
BLOCK_2026 = {**BLOCK_OF, "Xã An Phú": "commune",
              **{unit: block for block, units in NEW_UNITS.items() for unit, _, _ in units}}
NEW_COMMUNES = [unit for unit, _, _ in NEW_UNITS["commune"]]
# Spellings the register uses now and then after the merger, which the registry gives as other names.
WRITTEN_AS = {"Phường Cẩm Thành": "P Cẩm Thành", "Sở Nông nghiệp và Môi trường": "Sở NN&MT"}
REGISTRY_ALIASES = {
    "Phường Cẩm Thành": "UBND phường Cẩm Thành; P Cẩm Thành", "Sở Nông nghiệp và Môi trường": "Sở NN&MT; Sở NN và MT",
    "Phường Trần Phú": "UBND P. Trần Phú", "Ủy ban MTTQ Việt Nam tỉnh": "UBMTTQ Việt Nam tỉnh",
}
REGISTRY_BLOCK_LABELS = {"government": "Chính quyền", "commune": "Xã, phường", "party": "Đảng",
                         "mass_org": "MTTQ và đoàn thể", "other": "Khác"}
BLOCKS_IN_ORDER = ("government", "commune", "party", "mass_org", "other")
REGISTRY_HEADINGS = {"government": "KHỐI CHÍNH QUYỀN", "commune": "KHỐI XÃ, PHƯỜNG", "party": "KHỐI ĐẢNG",
                     "mass_org": "KHỐI MTTQ VÀ ĐOÀN THỂ", "other": "KHỐI KHÁC"}

ISSUERS_AFTER = {"chair": "Chủ tịch UBND tỉnh", "econ": "Phó Chủ tịch UBND tỉnh (Kinh tế)",
                 "social": "Phó Chủ tịch UBND tỉnh (Văn hóa - Xã hội)", "party": "Ban Thường vụ Tỉnh ủy"}
ISSUERS_BEFORE = {"chair": ISSUER_CHAIR, "econ": ISSUER_VICE_ECON, "social": ISSUER_VICE_SOCIAL,
                  "party": ISSUER_PARTY}
SOURCES_AFTER = [("Chỉ đạo, điều hành", 46), ("Kết luận giao ban", 26), ("Kiến nghị cử tri", 14),
                 ("Chất vấn HĐND", 7), ("Đối thoại", 7)]
HANDOVER_CAUSE = "Đang bàn giao hồ sơ khi sắp xếp đơn vị hành chính"
CARRIED_NOTE = "Chuyển tiếp từ năm 2023"
# Tasks given to units merged on 01/07/2025 whose deadline is the day before or the day itself:
# (deadline, units). Each third is done on its deadline, done late, or still open on SNAPSHOT_2026.
EDGE_TASKS = [
    (date(2025, 6, 30), ["Phường Trần Phú", "Phường Chánh Lộ", "Xã Tịnh Ấn Tây", "Xã Nghĩa Dõng",
                         "Phường Lê Hồng Phong", "Xã Tịnh Châu"]),
    (MERGER_DAY, ["Phường Nguyễn Nghiêm", "Xã Tịnh An", "Phường Quảng Phú", "Xã Nghĩa Hà",
                  "Phòng Tài nguyên và Môi trường", "Trung tâm Phát triển quỹ đất thành phố"]),
]


@dataclass
class Task26(Task):
    written: str = ""  # the unit as the register spells it ("P Cẩm Thành"); `unit` is the unit itself
    carried: bool = False  # a 2023 task still open on 25/10/2023


def is_workday_2026(d: date) -> bool:
    return d.weekday() < 5 and d not in HOLIDAYS_2026


def next_workday_2026(d: date) -> date:
    while not is_workday_2026(d):
        d += timedelta(days=1)
    return d


def workdays_2026(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)
            if is_workday_2026(start + timedelta(days=i))]


def successor_on(unit: str, day: date) -> str:
    """The unit carrying `unit`'s tasks on `day` (the rule of analytics.lineage, for the generator's own checks)."""
    start = None
    while unit in MERGED_INTO:
        successor, effective, _ = MERGED_INTO[unit]
        start = effective if start is None else max(start, effective)
        if start > day:
            break
        unit = successor
    return unit


def units_on(day: date) -> list[tuple[str, float]]:
    """The units a task given on `day` goes to, with their weights."""
    if day >= MERGER_DAY:
        gone = CHAIN[1] if day >= CHAIN_DAY else CHAIN[2]  # the land fund branch, then the centre it went into
        return [(u, w) for units in NEW_UNITS.values() for u, w, _ in units if u != gone]
    pairs = [(u, w) for units in UNITS.values() for u, w in units]
    if day >= AN_PHU_DAY:
        pairs = [(u, w) for u, w in pairs if u not in ("Xã Nghĩa An", "Xã Nghĩa Phú")] + [("Xã An Phú", 2.5)]
    return pairs


def communes_on(day: date) -> list[str]:
    if day >= MERGER_DAY:
        return NEW_COMMUNES[:-1]  # Xã Đông Sơn is mostly outside the former city
    if day >= AN_PHU_DAY:
        return [c for c in COMMUNES if c not in ("Xã Nghĩa An", "Xã Nghĩa Phú")] + ["Xã An Phú"]
    return COMMUNES


def report_period_2026(d: date) -> str:
    """The period a report requested on day d is about."""
    year, month = (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)
    if month in (6, 7):
        return f"6 tháng đầu năm {year}"
    if month in (9, 10):
        return f"9 tháng năm {year}"
    if month == 12:
        return f"năm {year}"
    if month % 3 == 0:
        return f"quý {ROMAN[month // 3 - 1]} năm {year}"
    return f"tháng {month} năm {year}"


class Slots2026(Slots):
    """Placeholders of a task of 2024-2026: the wards and communes of its day, the years of its day."""

    def __init__(self, rng: random.Random, task: Task26):
        dict.__init__(self)
        self.rng, self.task = rng, task
        self.communes = communes_on(task.assigned)
        self.own = BLOCK_2026[task.unit] == "commune"
        self.commune = task.unit if self.own else rng.choice(self.communes)
        y = task.assigned.year
        self.choices = {**Slots.choices,
                        "le": ["Ngày Thương binh - Liệt sĩ 27/7", "Ngày Quốc khánh 2/9", "Ngày Gia đình Việt Nam 28/6",
                               f"{y - 1975} năm Ngày giải phóng miền Nam, thống nhất đất nước",
                               f"Tháng hành động vì trẻ em năm {y}"],
                        "thientai": [f"mưa lũ cuối năm {y - 1}", "triều cường", "đợt nắng nóng kéo dài"],
                        "vu": [f"Đông Xuân {y - 1} - {y}", f"Hè Thu {y}"]}

    def period(self, key: str) -> str:
        d = self.task.assigned
        if key == "quy":
            q = (d.month - 1) // 3
            q = q - 1 if (d.month - 1) % 3 == 0 and q > 0 else q
            return f"quý {ROMAN[q]} năm {d.year}"
        if key == "ky":
            return report_period_2026(d)
        return f"{d.month % 12 + 1}/{d.year + (d.month == 12)}"


def text_of_its_time(template: str, day: date) -> str:
    """A 2023 text moved to `day`: its years shifted; after the reform the city's bodies are the province's."""
    text = re.sub(r"\b202[234]\b", lambda m: str(int(m.group()) - 2023 + day.year), template)
    if day >= MERGER_DAY:
        text = text.replace("Thành ủy", "Tỉnh ủy").replace("thành phố", "tỉnh")
    return text


def write_summary_2026(rng: random.Random, task: Task26, used: set[str]) -> None:
    """Field and a task text not used before, for a unit of the task's day."""
    for _ in range(200):
        field, templates = unit_templates(LIKE_2023.get(task.unit, task.unit), rng)
        template = text_of_its_time(rng.choice(templates), task.assigned)
        text = template.format_map(Slots2026(rng, task))
        text = text[0].upper() + text[1:]
        if text not in used:
            used.add(text)
            task.field, task.summary = field, text
            return
    raise RuntimeError(f"cannot find a new text for {task.unit}")


def source_and_issuer_2026(rng: random.Random, task: Task26) -> None:
    after = task.assigned >= MERGER_DAY
    issuers = ISSUERS_AFTER if after else ISSUERS_BEFORE
    if BLOCK_2026[task.unit] == "party":
        task.source = weighted(rng, [("Chỉ đạo, điều hành", 3), ("Kết luận giao ban", 2)])
        task.issuer = issuers["party"] if rng.random() < 0.8 else issuers["chair"]
        return
    task.source = weighted(rng, SOURCES_AFTER if after else SOURCES)
    if task.source == "Văn bản UBND tỉnh":
        task.issuer = ISSUER_PROVINCE
    elif task.source in ("Chất vấn HĐND", "Đối thoại") or rng.random() < 0.25:
        task.issuer = issuers["chair"]
    elif task.field in ECON_FIELDS:
        task.issuer = issuers["econ"]
    elif task.field in SOCIAL_FIELDS:
        task.issuer = issuers["social"]
    else:
        task.issuer = issuers["chair"]


def fate_2026(rng: random.Random, task: Task26) -> None:
    """Deadline, extension and completion of a task given from 2024 on; `role` is its state on SNAPSHOT_2026."""
    if rng.random() < 0.07:
        task.role = "routine"
        closed = task.assigned + timedelta(days=rng.randint(5, 120))
        if rng.random() < 0.45 and next_workday_2026(closed) <= SNAPSHOT_2026:
            task.done = next_workday_2026(closed)
        return
    task.due = next_workday_2026(task.assigned + timedelta(days=rng.choice(DURATIONS) + rng.randint(0, 3)))
    if rng.random() < EXTENSION_SHARE:
        task.extended = next_workday_2026(task.due + timedelta(days=rng.randint(7, 45)))
    eff = task.effective_due
    r = rng.random()
    if r < STUCK_SHARE:
        done = None
    elif r < STUCK_SHARE + LATE_SHARE:
        lo, hi = weighted(rng, [((1, 10), 5), ((11, 40), 3), ((41, 200), 2)])
        done = next_workday_2026(eff + timedelta(days=rng.randint(lo, hi)))
    else:
        days = workdays_2026(task.assigned + timedelta(days=1), eff)
        done = rng.choice(days) if days else eff
    task.done = done if done is not None and done <= SNAPSHOT_2026 else None
    task.role = state_2026(task)


def state_2026(task: Task26) -> str:
    eff = task.effective_due
    if eff is None:
        return "routine"
    if task.done is not None:
        return "done_on_time" if task.done <= eff else "done_late"
    return "overdue" if eff < SNAPSHOT_2026 else "open"


def carried_over(rng: random.Random, tasks_2023: list[Task]) -> list[Task26]:
    """The 2023 tasks still open on 25/10/2023, as the register continued: most were done since, some never."""
    carried = []
    for old in tasks_2023:
        if old.done is not None:
            continue
        task = Task26(**{f: getattr(old, f) for f in Task.__dataclass_fields__}, carried=True)
        eff = task.effective_due
        start = SNAPSHOT + timedelta(days=1)
        if eff is None:
            if rng.random() < 0.5:
                task.done = rng.choice(workdays_2026(start, start + timedelta(days=200)))
        elif rng.random() >= 0.08:
            if eff > SNAPSHOT and rng.random() < 0.75:
                task.done = rng.choice(workdays_2026(start, eff) or [eff])
            else:
                late_from = max(start, eff + timedelta(days=1))
                task.done = rng.choice(workdays_2026(late_from, late_from + timedelta(days=rng.choice([30, 90, 240]))))
        task.role = state_2026(task)
        if not task.note:
            task.note = CARRIED_NOTE
        carried.append(task)
    return carried


def edge_tasks(rng: random.Random) -> list[Task26]:
    """Deadlines on 30/06/2025 and 01/07/2025, given to units merged on 01/07/2025."""
    tasks = []
    for due, units in EDGE_TASKS:
        for i, unit in enumerate(units):
            assigned = next_workday_2026(due - timedelta(days=rng.randint(10, 30)))
            task = Task26("", unit, assigned, due)
            task.done = [due, next_workday_2026(due + timedelta(days=rng.randint(20, 50))), None][i % 3]
            task.role = state_2026(task)
            tasks.append(task)
    return tasks


def follow_up_2026(rng: random.Random, task: Task26) -> None:
    """Status, delay cause, transfers and notes; a task open when its unit was merged says whom it went to."""
    late = task.role in ("overdue", "done_late")
    if task.role == "routine":
        task.status = STATUS_ROUTINE
    elif task.role == "overdue":
        task.status = STATUS_OPEN if rng.random() < 0.06 else STATUS_OVERDUE
    elif task.role == "done_late":
        task.status = STATUS_DONE if rng.random() < 0.04 else STATUS_DONE_LATE
    else:
        task.status = STATUS_OPEN if task.done is None else STATUS_DONE
    handed = (task.unit in MERGED_INTO and task.assigned < MERGED_INTO[task.unit][1]
              and (task.done is None or task.done >= MERGED_INTO[task.unit][1]))
    if late and not task.carried:
        task.cause = HANDOVER_CAUSE if handed and rng.random() < 0.4 else (
            weighted(rng, DELAY_CAUSES) if rng.random() < 0.7 else "")
        task.transfers = rng.choices([0, 1, 2, 3], weights=[60, 28, 9, 3])[0]
    elif not task.carried:
        task.transfers = rng.choices([0, 1, 2], weights=[88, 10, 2])[0]
    if handed and rng.random() < 0.6:
        day = MERGED_INTO[task.unit][1]
        task.note = f"Bàn giao cho {successor_on(task.unit, day)} từ {day:%d/%m/%Y}"
    elif not task.carried:
        if task.extended and rng.random() < 0.3:
            task.note = rng.choice(EXTENSION_NOTES)
        elif rng.random() < 0.04:
            task.note = rng.choice(NOTES)


def documents_2026(rng: random.Random, tasks: list[Task26]) -> None:
    """Document numbers for the tasks given from 2024 on, numbered per year and issuer; one conclusion of a meeting
    covers every task of its day."""
    last: Counter = Counter()
    shared: dict[tuple, str] = {}
    for task in sorted(tasks, key=lambda t: t.assigned):
        after = task.assigned >= MERGER_DAY
        if task.issuer in (ISSUER_PARTY, ISSUERS_AFTER["party"]):
            series, fmt = ("tu_tb", "{n}-TB/TU") if task.source == "Kết luận giao ban" else ("tu_cv", "{n}-CV/TU")
        elif task.source in ("Kết luận giao ban", "Đối thoại"):
            series, fmt = "tb", "{n}/TB-VPUB" if after else "{n}/TB-UBND"
        elif task.source == "Chất vấn HĐND":
            series, fmt = "hd", "{n}/TB-HĐND"
        elif task.issuer == ISSUER_PROVINCE or after:
            series, fmt = "tinh", "{n}/UBND-" + PROVINCE_SUFFIX.get(task.field, "NC")
        else:
            series, fmt = "cv", "{n}/UBND-" + CITY_CV_SUFFIX.get(task.field, "KT")
        key = (task.assigned, series)
        if key in shared and (series in ("tb", "tu_tb", "hd") or rng.random() < 0.25):
            task.doc = shared[key]
            continue
        rate = {"tinh": 17, "cv": 11, "tb": 1.3, "hd": 0.1, "tu_tb": 0.6, "tu_cv": 2.2}[series]
        number_key = (task.assigned.year, after, series)
        base = int(rate * (task.assigned.timetuple().tm_yday - 1))
        last[number_key] = max(last[number_key] + rng.randint(1, 3), base)
        task.doc = shared[key] = fmt.format(n=last[number_key])


def build_tasks_2026(tasks_2023: list[Task]) -> list[Task26]:
    rng = random.Random(SEED_2026)
    carried = carried_over(rng, tasks_2023)
    days = workdays_2026(FIRST_DAY_2026, SNAPSHOT_2026 - timedelta(days=3))
    new = []
    for _ in range(N_NEW_2026):
        assigned = rng.choice(days)
        task = Task26("", weighted(rng, units_on(assigned)), assigned)
        fate_2026(rng, task)
        new.append(task)
    new += edge_tasks(rng)
    officers: dict[str, list[str]] = {}
    used = {t.summary for t in carried}
    for task in new:
        write_summary_2026(rng, task, used)
        source_and_issuer_2026(rng, task)
        if task.unit not in officers:
            officers[task.unit] = [person_name(rng, female=rng.random() < 0.45) for _ in range(rng.randint(2, 4))]
        task.officer = "" if rng.random() < 0.05 else rng.choice(officers[task.unit])
        if task.unit in WRITTEN_AS and rng.random() < 0.08:
            task.written = WRITTEN_AS[task.unit]
    for task in carried + new:
        follow_up_2026(rng, task)
    documents_2026(rng, new)
    tasks = sorted(carried + new, key=lambda t: (t.assigned, t.carried is False, t.doc))
    numbers: Counter = Counter()
    for task in tasks:
        if not task.carried:
            numbers[task.assigned.year] += 1
            task.code = f"QNg-{task.assigned.year}-{numbers[task.assigned.year]:04d}"
    return tasks


def task_row_2026(stt: int, t: Task26) -> list:
    row = task_row(stt, t)
    row[5] = t.written or t.unit
    return row


def check_2026(tasks: list[Task26], rows: list[list]) -> dict:
    """The 2026 register's own checks; returns its figures."""
    assert len(rows) == len({r[1] for r in rows}) == len({r[3] for r in rows}), "duplicate codes or texts"
    old_units = set(BLOCK_OF) | {"Xã An Phú"}
    new_units = {u for units in NEW_UNITS.values() for u, _, _ in units}
    for t, r in zip(tasks, rows, strict=True):
        assert r[9] <= SNAPSHOT_2026 and (r[12] is None or r[9] <= r[12] <= SNAPSHOT_2026), r
        assert r[11] is None or (r[10] is not None and r[11] > r[10]), r
        assert (r[10] is None) == (r[13] == STATUS_ROUTINE), r
        assert t.unit in (new_units if t.assigned >= MERGER_DAY else old_units), r
        assert t.carried == r[1].startswith("QNg-2023-"), r
    assert all(rows[i][9] <= rows[i + 1][9] for i in range(len(rows) - 1)), "not in date order"
    overdue = [t for t in tasks if t.role == "overdue"]
    handed = [t for t in overdue if t.unit in MERGED_INTO]
    for due, _ in EDGE_TASKS:
        assert sum(t.due == due for t in tasks) >= 6
    assert 3_000 <= len(rows) <= 6_000, len(rows)
    assert 120 <= len(overdue) <= 320, len(overdue)
    assert len(handed) >= 40, len(handed)
    assert sum(bool(t.written) for t in tasks) >= 4
    assert any(t.unit == CHAIN[0] and t.role == "overdue" for t in tasks)  # the chain matters on SNAPSHOT_2026
    return {"overdue": len(overdue), "handed": len(handed), "carried": sum(t.carried for t in tasks),
            "aliases": Counter(t.written for t in tasks if t.written)}


def write_register_2026(rows: list[list], path: Path) -> None:
    wb, ws, font, fmt = report_sheet(
        path, "Báo cáo tình hình thực hiện nhiệm vụ trên địa bàn thành phố Quảng Ngãi (cũ), 2024 - 2026",
        "Sổ theo dõi nhiệm vụ (dữ liệu mẫu, tổng hợp)", SHEET_NAME, HEADERS, COLUMN_WIDTHS,
        "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO TRÊN ĐỊA BÀN THÀNH PHỐ QUẢNG NGÃI (CŨ), 2024 - 2026",
        motto_col=9, letterhead=("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"), author="Văn phòng UBND tỉnh",
        snapshot=SNAPSHOT_2026, created=datetime(2026, 11, 30, 16, 30, 0))
    total = wb.add_format({**font, "bold": True, "border": 1, "align": "center"})
    total_value = wb.add_format({**font, "bold": True, "border": 1, "align": "left", "num_format": '0 "nhiệm vụ"'})
    text, wrap, center, date_fmt = fmt["text"], fmt["wrap"], fmt["center"], fmt["date"]
    row = write_rows(ws, rows, [center, center, text, wrap, text, text, text, text, text,
                                date_fmt, date_fmt, date_fmt, date_fmt, text, wrap, center, wrap])
    last_col = len(HEADERS) - 1
    ws.merge_range(row, 0, row, 2, "Tổng cộng", total)
    ws.write_number(row, 3, len(rows), total_value)
    row += 2
    ws.merge_range(row, 12, row, last_col, f"Quảng Ngãi, ngày {SNAPSHOT_2026.day} tháng {SNAPSHOT_2026.month} năm "
                   f"{SNAPSHOT_2026.year}", fmt["italic_center"])
    ws.merge_range(row + 1, 0, row + 1, 3, "NGƯỜI LẬP BIỂU", fmt["bold_center"])
    ws.merge_range(row + 1, 12, row + 1, last_col, "CHÁNH VĂN PHÒNG", fmt["bold_center"])
    ws.merge_range(row + 3, 0, row + 3, 3, "Lê Thị Minh Thư", fmt["bold_center"])
    ws.merge_range(row + 3, 12, row + 3, last_col, "Nguyễn Văn Quang", fmt["bold_center"])
    finish_report(wb, ws)


def registry_rows() -> list[list]:
    """The registry as the office keeps it: a heading per block, the units that were merged (with whom they went to,
    from which day, on what basis), then the units of today with their parent."""
    parents = {"government": CITY_COMMITTEE_2026, "commune": CITY_COMMITTEE_2026, "party": "Thành ủy Quảng Ngãi",
               "mass_org": "Ủy ban MTTQ Việt Nam thành phố", "other": ""}
    new_parents = {"Chi nhánh Trung tâm Phát triển quỹ đất Cẩm Thành": "Sở Nông nghiệp và Môi trường",
                   "Trung tâm Phát triển quỹ đất tỉnh": "Sở Nông nghiệp và Môi trường",
                   "Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Thành": "Phường Cẩm Thành",
                   **{u: "Tỉnh ủy Quảng Ngãi" for u, _, _ in NEW_UNITS["party"]}}
    rows: list[list] = []
    for number, block in zip(ROMAN + ["V"], BLOCKS_IN_ORDER, strict=True):
        rows.append([number, REGISTRY_HEADINGS[block], "", "", "", None, "", ""])
        old = [u for u, _ in UNITS[block]] + (["Xã An Phú"] if block == "commune" else [])
        new = [u for u, _, _ in NEW_UNITS[block] if u not in old]
        for unit in old + new:
            successor, effective, basis = MERGED_INTO.get(unit, ("", None, ""))
            if unit in new or unit in NEW_COMMUNES:
                parent = new_parents.get(unit, "" if block in ("mass_org", "other") else PROVINCE_COMMITTEE_2026)
            else:
                parent = "" if unit == parents[block] else parents[block]
            rows.append([len([r for r in rows if isinstance(r[0], int)]) + 1, unit, REGISTRY_BLOCK_LABELS[block],
                         parent, successor, effective, REGISTRY_ALIASES.get(unit, ""), basis])
    return rows


def write_registry_2026(rows: list[list], path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "Danh mục đơn vị theo dõi nhiệm vụ", "author": "Văn phòng UBND tỉnh",
                       "subject": "Danh mục đơn vị (dữ liệu mẫu)",
                       "comments": "Synthetic sample data generated by data/sample/make_sample.py",
                       "created": datetime(2026, 11, 30, 16, 30, 0)})
    ws = wb.add_worksheet("Danh mục đơn vị")
    font = {"font_name": "Times New Roman", "font_size": 11}
    bold = wb.add_format({**font, "bold": True, "align": "center"})
    italic = wb.add_format({**font, "italic": True, "align": "center", "text_wrap": True})
    title = wb.add_format({**font, "bold": True, "font_size": 14, "align": "center"})
    header = wb.add_format({**font, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                            "border": 1, "bg_color": "#D9E1F2"})
    cell = {**font, "border": 1, "valign": "top"}
    wrap = wb.add_format({**cell, "text_wrap": True})
    formats = [wb.add_format({**cell, "align": "center"}), wrap, wb.add_format(cell), wrap, wrap,
               wb.add_format({**cell, "align": "center", "num_format": "dd/mm/yyyy"}), wrap, wrap]
    heading = wb.add_format({**cell, "bold": True})
    for col, width in enumerate(REGISTRY_WIDTHS):
        ws.set_column(col, col, width)
    last = len(REGISTRY_HEADERS) - 1
    ws.merge_range(0, 0, 0, 2, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", bold)
    ws.merge_range(1, 0, 1, 2, "VĂN PHÒNG", bold)
    ws.merge_range(0, 4, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    ws.merge_range(1, 4, 1, last, "Độc lập - Tự do - Hạnh phúc", bold)
    ws.merge_range(3, 0, 3, last, "DANH MỤC ĐƠN VỊ THEO DÕI NHIỆM VỤ", title)
    ws.merge_range(4, 0, 4, last, "(Khu vực thành phố Quảng Ngãi cũ; sắp xếp đơn vị hành chính từ ngày 01/7/2025)",
                   italic)
    ws.set_row(HEADER_ROW, 32)
    ws.write_row(HEADER_ROW, 0, REGISTRY_HEADERS, header)
    row = HEADER_ROW + 1
    for values in rows:
        if not isinstance(values[0], int):  # a block's heading, in the name column only (not merged over the row:
            ws.write(row, 0, values[0], heading)  # the registry reader would read every column as the heading)
            ws.write(row, 1, values[1], heading)
        else:
            for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
                if isinstance(value, date):
                    ws.write_datetime(row, col, datetime(value.year, value.month, value.day), fmt)
                elif value in (None, ""):
                    ws.write_blank(row, col, None, fmt)
                else:
                    ws.write(row, col, value, fmt)
        row += 1
    # The signature lines in the name column alone, for the same reason.
    ws.write(row + 1, 1, "Quảng Ngãi, ngày 30 tháng 11 năm 2026", italic)
    ws.write(row + 2, 1, "NGƯỜI LẬP BIỂU", bold)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    wb.close()


def main_2026(tasks_2023: list[Task], folder: Path) -> None:
    tasks = build_tasks_2026(tasks_2023)
    rows = [task_row_2026(i, t) for i, t in enumerate(tasks, start=1)]
    stats = check_2026(tasks, rows)
    register, registry = folder / REGISTER_2026_NAME, folder / REGISTRY_2026_NAME
    write_register_2026(rows, register)
    units = registry_rows()
    write_registry_2026(units, registry)
    print(f"Wrote {register} ({register.stat().st_size:,} bytes): {len(rows)} tasks ({stats['carried']} carried "
          f"over from 2023); overdue on {SNAPSHOT_2026:%d/%m/%Y}: {stats['overdue']}, {stats['handed']} of them "
          f"recorded under a unit merged since; other spellings used: {dict(stats['aliases'])}")
    print(f"Wrote {registry} ({registry.stat().st_size:,} bytes): "
          f"{sum(isinstance(r[0], int) for r in units)} units, {sum(bool(r[4]) for r in units)} merged")


def main(out_path: Path = OUT_PATH, history_path: Path | None = None) -> None:
    history_path = history_path or history_path_for(out_path)
    tasks = build_tasks()
    rows = [task_row(i, t) for i, t in enumerate(tasks, start=1)]
    stats = check(rows)
    write_workbook(rows, out_path)
    events = build_events(tasks)  # after the register: its own random stream
    history = check_events(tasks, events)
    write_history(events, history_path)

    tasks_by_block = Counter(BLOCK_OF[r[5]] for r in rows)
    print(f"Wrote {out_path} ({out_path.stat().st_size:,} bytes): {len(rows)} tasks, "
          f"{stats['no_deadline']} without deadline, {stats['on_time']} done on time, "
          f"{stats['late']} done late")
    print("Tasks per block:   " + ", ".join(f"{b} {tasks_by_block[b]}" for b in UNITS))
    print(f"Overdue on {SNAPSHOT:%d/%m/%Y}: {stats['now']} -> "
          + ", ".join(f"{b} {stats['by_block'][b]}" for b in UNITS))
    print(f"  by days overdue: {stats['buckets']}; {stats['units']} government units/communes affected")
    print(f"Overdue on {PREVIOUS_WEEK:%d/%m/%Y}: {stats['week_before']}")
    print(f"Open: {stats['due_soon']} due by {DUE_SOON_END:%d/%m/%Y}, {stats['open_later']} due later")
    print("Overdue on the 15th of each month: " + ", ".join(f"{m}: {n}" for m, n in stats["trend"].items()))
    print(f"Wrote {history_path} ({history_path.stat().st_size:,} bytes): {len(events)} events of "
          f"{history['tasks']} tasks")
    print("Events by action:  " + ", ".join(f"{a} {history['actions'][a]}" for a in HISTORY_ACTIONS))
    print(f"Reminders per task overdue on {SNAPSHOT:%d/%m/%Y}: "
          + ", ".join(f"{n}: {history['reminded'][n]}" for n in range(4)))
    print("Top senders of transfers: " + ", ".join(f"{u} {n}" for u, n in history["passers"]))
    main_2026(tasks, out_path.parent)  # after the 2023 files: its own random stream


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:3]))
