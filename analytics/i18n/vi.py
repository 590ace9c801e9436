"""Vietnamese strings (the default language)."""

STRINGS: dict[str, str] = {
    # --- app ---
    "nav.overview": "Tổng quan",
    "nav.import": "Nhập dữ liệu",
    "sidebar.language": "Ngôn ngữ",
    "sidebar.as_of": "Số liệu tính đến ngày",
    "sidebar.compare": "So sánh với ngày",
    "sidebar.filters": "Bộ lọc",
    "sidebar.block": "Khối",
    "sidebar.unit": "Đơn vị chủ trì",
    "sidebar.assigner": "Cơ quan/người giao",
    "sidebar.field": "Lĩnh vực",
    "sidebar.origin": "Nguồn nhiệm vụ",
    "sidebar.clear": "Bỏ mọi bộ lọc",
    "sidebar.any": "Tất cả",
    "sidebar.link_hint": "Đường dẫn trên thanh địa chỉ giữ nguyên ngày và bộ lọc: sao chép để gửi đúng màn hình này.",
    "sidebar.snapshot": "Dữ liệu chốt ngày {date}",
    "warn.after_snapshot": (
        "Ngày {as_of} sau ngày chốt dữ liệu mới nhất ({snapshot}). Sau ngày chốt chưa có thông tin, "
        "nên các nhiệm vụ còn mở trong tệp sẽ bị tính là trễ hạn. Hãy nhập dữ liệu mới hơn hoặc chọn "
        "ngày không quá {snapshot}."
    ),
    "warn.compare_after": "Ngày so sánh {compare} không trước ngày {as_of}: mức thay đổi được tính ngược chiều.",
    "store.busy": (
        "Dữ liệu đang được cập nhật bởi một lần nhập khác (một tiến trình khác đang giữ tệp cơ sở dữ liệu). "
        "Vui lòng thử lại sau ít phút."
    ),
    "store.newer": (
        "Tệp cơ sở dữ liệu do một phiên bản Đôn đốc mới hơn tạo (đến thay đổi số {detail}). Hãy cập nhật ứng dụng "
        "lên phiên bản đó; tệp được giữ nguyên."
    ),
    "store.unusable": (
        "Không mở được cơ sở dữ liệu ({detail}). Quản trị viên hãy khôi phục từ bản sao lưu gần nhất: "
        "python -m analytics restore <tệp sao lưu .zip> --yes (bản hỏng được giữ lại bên cạnh)."
    ),
    "empty.body": "Chưa có nhiệm vụ nào. Vào trang **Nhập dữ liệu** để nhập sổ theo dõi nhiệm vụ (Excel hoặc CSV).",
    "empty.filtered": "Không có nhiệm vụ nào khớp với bộ lọc đang chọn.",
    # --- overview ---
    "overview.heading": "Tình hình thực hiện nhiệm vụ",
    "overview.as_of_line": (
        "Số liệu tính đến ngày **{as_of}** · dữ liệu chốt ngày {snapshot} · so sánh với ngày {compare}"
    ),
    "overview.filters_line": "Đang lọc: {filters}",
    "kpi.overdue": "Trễ hạn",
    "kpi.overdue_help": (
        "Chưa hoàn thành và đã quá hạn (kể cả gia hạn) tính đến {as_of}. Ngày hết hạn vẫn tính là trong "
        "hạn."
    ),
    "kpi.since": "so với {compare}",
    "kpi.total": "Tổng số nhiệm vụ",
    "kpi.total_help": "Nhiệm vụ đã giao đến ngày {as_of}.",
    "kpi.on_time_rate": "Tỷ lệ đúng hạn",
    "kpi.on_time_rate_help": (
        "Hoàn thành đúng hạn ÷ (đúng hạn + hoàn thành trễ + đang trễ hạn): tính trên mọi nhiệm vụ đã đến hạn. "
        "Chỉ tính trên nhiệm vụ đã hoàn thành: {completion_rate}."
    ),
    "kpi.completion_rate": "Đúng hạn trong số đã hoàn thành: {rate}",
    "kpi.due_soon": "Sắp đến hạn ({days} ngày)",
    "kpi.due_soon_help": "Chưa hoàn thành, hạn từ {as_of} đến {until}.",
    "kpi.no_deadline": "Không thời hạn",
    "kpi.no_deadline_help": "Nhiệm vụ thường xuyên, không có hạn xử lý: không bao giờ tính là trễ hạn.",
    "chart.by_block": "Nhiệm vụ trễ hạn theo khối — đến {as_of}",
    "chart.by_department": "Trễ hạn theo sở, phòng, ban — đến {as_of}",
    "chart.by_commune": "Trễ hạn theo xã, phường — đến {as_of}",
    "chart.by_other_units": "Trễ hạn: khối Đảng, MTTQ, đoàn thể và khác — đến {as_of}",
    "chart.trend": "Số nhiệm vụ trễ hạn từng ngày, {start} – {as_of}",
    "chart.aging": "Thời gian trễ hạn — đến {as_of}",
    "chart.no_overdue": "Không có nhiệm vụ trễ hạn.",
    "chart.axis_tasks": "Số nhiệm vụ",
    "chart.compare_marker": "Ngày so sánh",
    "chart.click_hint": (
        "Bấm vào thanh của một khối, một đơn vị hay một tháng để lọc các biểu đồ khác theo đó; bấm lại chỗ "
        "trống hoặc nút ✕ ở trên để bỏ."
    ),
    "trend.range": "Khoảng thời gian",
    "trend.30": "30 ngày",
    "trend.90": "90 ngày",
    "trend.180": "6 tháng",
    "trend.365": "1 năm",
    "trend.ytd": "Từ đầu năm",
    "drill.heading": "Nhiệm vụ trễ hạn của đơn vị",
    "drill.choose": "Chọn đơn vị",
    "drill.none": "(chọn một đơn vị)",
    "drill.count": "{unit}: {count} nhiệm vụ trễ hạn tính đến {as_of}",
    "drill.more": "Hiện {shown} nhiệm vụ trễ lâu nhất trong {total}; tệp Excel có {exported} nhiệm vụ đầu.",
    "longest.heading": "Nhiệm vụ trễ hạn lâu nhất — đến {as_of}",
    "longest.more": "Hiện {shown} trong số {total} nhiệm vụ trễ hạn.",
    "col.task_id": "Mã nhiệm vụ",
    "col.title": "Trích yếu",
    "col.recorded_unit": "Đơn vị ghi trong sổ",
    "col.unit": "Đơn vị chủ trì",
    "col.block": "Khối",
    "col.assignee": "Cán bộ phụ trách",
    "col.assigner": "Cơ quan giao",
    "col.source_doc": "Văn bản giao",
    "col.origin": "Nguồn",
    "col.field": "Lĩnh vực",
    "col.assigned_date": "Ngày giao",
    "col.due_date": "Hạn xử lý",
    "col.extended_due_date": "Gia hạn đến",
    "col.effective_due": "Hạn (sau gia hạn)",
    "col.completed_date": "Ngày hoàn thành",
    "col.status": "Tình trạng (theo tệp)",
    "col.cause": "Nguyên nhân chậm",
    "col.transfers": "Số lần chuyển",
    "col.note": "Ghi chú",
    "col.days_overdue": "Số ngày trễ",
    "col.bucket": "Nhóm trễ",
    "col.count": "Số nhiệm vụ",
    "col.row": "Dòng",
    "col.reason": "Lý do",
    "sample.notice": (
        "Đang xem **dữ liệu mẫu giả lập** (TP Quảng Ngãi). Khi nhập sổ theo dõi của cơ quan, "
        "hãy hoàn tác các lần nhập “Dữ liệu mẫu” ở trang Nhập dữ liệu để số liệu không lẫn với dữ liệu mẫu."
    ),
    "export.as_of": "Số liệu tính đến ngày {as_of}",
    "export.xlsx": "Tải bảng (.xlsx)",
    # --- units after mergers (docs/design.md §3.1) ---
    "sidebar.by_recorded": "Theo tên trong sổ",
    "sidebar.by_recorded_help": (
        "Bật: nhóm nhiệm vụ theo tên đơn vị ghi trong sổ. Tắt (mặc định): theo đơn vị đang phụ trách vào ngày "
        "tính số liệu, tức nhiệm vụ của đơn vị đã sáp nhập được tính cho đơn vị kế thừa từ ngày hiệu lực."
    ),
    "dim.recorded_unit": "Đơn vị (tên ghi trong sổ)",
    "lineage.includes": "{unit} gồm {parts}",
    "lineage.until": "{units} đến {day}",
    "lineage.more": "Và {count} đơn vị khác gồm đơn vị đã sáp nhập",
    "lineage.by_recorded": "Đơn vị theo tên ghi trong sổ (không chuyển sang đơn vị kế thừa sau sáp nhập).",
    # --- blocks, states, buckets ---
    "block.government": "Chính quyền (sở, phòng, ban)",
    "block.commune": "Xã, phường, thị trấn",
    "block.party": "Khối Đảng",
    "block.mass_org": "MTTQ và đoàn thể",
    "block.other": "Khác",
    "state.done_on_time": "Hoàn thành đúng hạn",
    "state.done_late": "Hoàn thành trễ hạn",
    "state.overdue": "Trễ hạn",
    "state.due_soon": "Sắp đến hạn",
    "state.on_track": "Trong hạn",
    "state.no_deadline": "Không thời hạn",
    "bucket.1-7": "1–7 ngày",
    "bucket.8-30": "8–30 ngày",
    "bucket.31-90": "31–90 ngày",
    "bucket.90+": "Trên 90 ngày",
    # --- import page ---
    "import.heading": "Nhập dữ liệu",
    "import.intro": (
        "Tải lên sổ theo dõi nhiệm vụ xuất từ phần mềm của cơ quan: Excel (.xlsx, .xls), CSV hoặc văn bản "
        "(.txt, phân cách bằng tab). Có thể chọn nhiều tệp. Xuất lại và nhập tệp mới hơn sẽ cập nhật nhiệm vụ "
        "theo mã, không tạo bản trùng."
    ),
    "import.upload": "Chọn tệp",
    "import.read_error": "Không đọc được tệp {name}: {message}",
    "import.same_content": "Tệp {name} có nội dung giống hệt tệp {first}: chỉ nhập một lần.",
    "import.sheet": "Trang tính",
    "import.header_row": "Dòng tiêu đề cột",
    "import.header_row_help": "Số dòng như trong Excel. Hệ thống tự tìm; sửa nếu tìm sai.",
    "import.mapping": "Ghép cột",
    "import.mapping_help": "Mỗi cột của tệp ứng với một trường. Sửa ở cột “Trường” nếu ghép sai.",
    "import.mapping_file_column": "Cột trong tệp",
    "import.mapping_field": "Trường",
    "import.mapping_sample": "Giá trị đầu tiên",
    "import.not_used": "(không dùng)",
    "import.snapshot": "Ngày chốt số liệu của tệp",
    "import.snapshot_found": "Tìm thấy trong tiêu đề tệp: “số liệu tính đến ngày {date}”.",
    "import.snapshot_missing": (
        "Tệp không ghi ngày chốt số liệu: mặc định là hôm nay ({date}). Hãy sửa nếu tệp xuất ngày khác."
    ),
    "import.preview": "Xem trước {count} dòng đầu, như khi nhập",
    "import.verdict": "Khi nhập",
    "import.will_load": "Nạp",
    "import.will_reject": "Từ chối: {reason}",
    "import.will_skip": "Bỏ qua: {reason}",
    "import.missing": "Chưa có cột bắt buộc: {columns}. Hãy chọn cột tương ứng trong bảng ghép cột.",
    "import.duplicate_field": "Trường “{field}” được chọn cho nhiều cột; chỉ giữ cột đầu tiên.",
    "import.go": "Nhập {count} tệp",
    "import.waiting": "Một người khác đang nhập dữ liệu: lần nhập của bạn sẽ chạy ngay khi lần đó xong.",
    "import.upload_limit": "Mỗi tệp tối đa {mb} MB. Tệp lớn hơn: nhập bằng dòng lệnh (python -m analytics import TỆP).",
    "import.running": "Đang nhập {name}…",
    "import.done": "Đã nhập {name}: {loaded} dòng được nạp, {rejected} dòng bị từ chối (đọc {read} dòng).",
    "import.counts": "{inserted} nhiệm vụ mới, {updated} nhiệm vụ được cập nhật.",
    "import.rejects_heading": "Dòng bị từ chối ({count})",
    "import.rejects_download": "Tải danh sách dòng bị từ chối (.xlsx)",
    "import.rejects_download_csv": "Tải dạng .csv",
    "import.ignored_heading": "Dòng bỏ qua, không phải nhiệm vụ ({count})",
    "import.history": "Lịch sử nhập dữ liệu",
    "import.history_empty": "Chưa nhập lần nào.",
    "import.undo": "Hoàn tác lần nhập",
    "import.undo_choose": "Chọn lần nhập cần hoàn tác",
    "import.undo_confirm": "Tôi hiểu: các nhiệm vụ của lần nhập này sẽ trở về như trước khi nhập.",
    "import.undo_done": "Đã hoàn tác lần nhập số {batch}.",
    "import.undo_nothing": "Lần nhập số {batch} đã được hoàn tác trước đó.",
    "import.download_original": "Tải tệp gốc",
    "import.batch_label": "Lần {batch}: {file} ({when})",
    "hist.batch": "Lần",
    "hist.file": "Tệp",
    "hist.imported_at": "Thời điểm nhập",
    "hist.snapshot": "Ngày chốt",
    "hist.origin": "Cách nhập",
    "hist.read": "Đọc",
    "hist.loaded": "Nạp",
    "hist.rejected": "Từ chối",
    "hist.new": "Mới",
    "hist.updated": "Cập nhật",
    "hist.status": "Trạng thái",
    "hist.active": "Đang dùng",
    "hist.undone": "Đã hoàn tác {when}",
    "origin.upload": "Tải lên",
    "origin.command line": "Dòng lệnh",
    "origin.sample": "Dữ liệu mẫu",
    "field.task_id": "Mã nhiệm vụ",
    "field.title": "Trích yếu",
    "field.unit": "Đơn vị chủ trì (bắt buộc)",
    "field.assignee": "Cán bộ phụ trách",
    "field.assigner": "Cơ quan giao",
    "field.source_doc": "Văn bản giao",
    "field.origin": "Nguồn",
    "field.field": "Lĩnh vực",
    "field.assigned_date": "Ngày giao",
    "field.due_date": "Hạn xử lý (bắt buộc)",
    "field.extended_due_date": "Gia hạn đến",
    "field.completed_date": "Ngày hoàn thành",
    "field.status": "Tình trạng",
    "field.cause": "Nguyên nhân chậm",
    "field.transfers": "Số lần chuyển",
    "field.note": "Ghi chú",
    # --- problems with a whole file ---
    "file_problem.empty_file": "tệp trống",
    "file_problem.unreadable_workbook": "không đọc được bảng tính (tệp hỏng hoặc có mật khẩu): {detail}",
    "file_problem.workbook_too_large": (
        "không mở được bảng tính trong giới hạn bộ nhớ và thời gian cho phép: tệp có thể hỏng hoặc là một tệp nén "
        "bất thường. Hãy mở bằng Excel, lưu lại rồi nhập lại"
    ),
    "file_problem.no_sheets": "bảng tính không có trang dữ liệu nào",
    "file_problem.mixed_encoding": (
        "tệp không cùng một bảng mã: phần đầu là {encoding} nhưng phần sau thì không; "
        "hãy xuất lại tệp với một bảng mã (UTF-8)"
    ),
    "file_problem.not_text": "không phải bảng tính hay tệp văn bản (CSV/TXT)",
    "file_problem.broken_text": "tệp văn bản bị lỗi định dạng: {detail}",
    "file_problem.no_header": (
        "không tìm thấy dòng tiêu đề cột của bảng nhiệm vụ (cần ít nhất các cột như “Đơn vị chủ trì”, "
        "“Hạn xử lý”)"
    ),
    "file_problem.missing_columns": "thiếu cột bắt buộc: {columns}",
    "file_problem.no_registry_header": (
        "không tìm thấy bảng danh mục đơn vị: cần một dòng tiêu đề có cột “Tên đơn vị” và ít nhất một trong các cột "
        "“Khối”, “Đơn vị cấp trên”, “Sáp nhập vào”, “Ngày hiệu lực”, “Tên gọi khác”"
    ),
    "file_problem.registry_lineage": "danh mục đơn vị chưa được nhập vì: {problems}",
    "file_problem.registry_row": "dòng {rows}: {text}",
    "file_problem.no_such_sheet": "không có trang tính “{sheet}”",
    "column.unit": "Đơn vị chủ trì",
    "column.due_date": "Hạn xử lý",
    # --- exports of other systems (HTML .xls, workbooks of several sheets) ---
    "file_problem.html_no_table": (
        "tệp là trang web (HTML) mang đuôi bảng tính nhưng không có bảng dữ liệu nào; hãy mở bằng Excel, kiểm tra "
        "rồi lưu lại dạng .xlsx"
    ),
    "file_problem.unreadable_page": (
        "không đọc được trang web (HTML) mang đuôi bảng tính: trang bị hỏng hoặc lồng quá sâu ({detail}); "
        "hãy mở bằng Excel rồi lưu lại dạng .xlsx"
    ),
    "problem.duplicate_id_on_sheet": "Mã nhiệm vụ “{task_id}” trùng với dòng {first_row} của trang “{sheet}”",
    "note.sheets_together": "Nhập cùng lúc {count} trang tính cùng mẫu: {sheets}.",
    "note.unit_from_title": "Trang “{sheet}” không có cột đơn vị: các dòng là của “{unit}” (theo dòng tiêu đề).",
    "note.unit_from_sheet": "Trang “{sheet}” không có cột đơn vị: các dòng là của “{unit}” (theo tên trang tính).",
    "note.summary_sheets": "Các trang tổng hợp không nhập: {sheets}.",
    "col.sheet": "Trang tính",
    "import.unit_of_sheet": "Đơn vị (theo trang tính)",
    "import.sheets_together": "Nhập cùng lúc {count} trang tính cùng mẫu: {sheets}",
    # --- problems with one row ---
    "problem.not_a_date": "{column}: “{value}” không phải là ngày (ghi dạng dd/mm/yyyy)",
    "problem.impossible_date": "{column}: ngày “{value}” không có thật",
    "problem.year_out_of_range": "{column}: năm của “{value}” nằm ngoài khoảng 1990–2100",
    "problem.missing_unit": "Thiếu đơn vị chủ trì (cột “{column}” để trống)",
    "problem.unit_not_a_name": "{column}: “{value}” không phải là tên một đơn vị",
    "problem.not_a_count": "{column}: “{value}” không phải là một số đếm",
    "problem.cell_too_long": "{column}: ô dài {length} ký tự, quá giới hạn 32.767 ký tự của một ô Excel",
    "problem.duplicate_id": "Mã nhiệm vụ “{task_id}” trùng với dòng {first_row}",
    "problem.completed_without_date": "{column}: ghi “{value}” nhưng không có ngày hoàn thành",
    "problem.missing_unit_name": "Thiếu tên đơn vị (cột “{column}” để trống)",
    "problem.unknown_block": "{column}: “{value}” không phải là một khối (Chính quyền; Xã, phường; Khối Đảng; MTTQ và "
                             "đoàn thể; Khác)",
    "problem.duplicate_unit": "Đơn vị “{value}” đã có ở dòng {first_row}",
    "lineage.unknown_successor": "{unit}: đơn vị sáp nhập vào, “{successor}”, không có trong danh mục",
    "lineage.merged_into_itself": "{unit} được ghi là sáp nhập vào chính nó",
    "lineage.missing_effective_date": "{unit} sáp nhập vào đơn vị khác nhưng thiếu ngày hiệu lực",
    "lineage.successor_cycle": "Sáp nhập thành vòng tròn: {units}",
    "ignored.total_row": "Dòng tổng cộng",
    "ignored.section_heading": "Dòng tiêu đề nhóm",
    "ignored.footer": "Phần cuối biểu (ký tên, ngày tháng)",
    "ignored.numbering_row": "Dòng đánh số cột",
    # --- notes on an import ---
    "note.snapshot_file": "Ngày chốt số liệu {date} lấy từ tiêu đề tệp.",
    "note.snapshot_given": "Ngày chốt số liệu {date} do người nhập chỉ định.",
    "note.snapshot_import_day": "Tệp không ghi ngày chốt số liệu: dùng ngày nhập {date}.",
    "note.other_sheets": "Tệp còn các trang tính khác không được nhập: {sheets}.",
    "note.ignored_columns": "Các cột trùng tên trường đã có, không dùng: {columns}.",
    "note.unmapped_columns": "Các cột không ứng với trường nào, không dùng: {columns}.",
    "note.unit_matched": "Đơn vị “{name}” (gõ không dấu) được ghép với “{target}”.",
    "note.unit_alias": "Đơn vị “{name}” là tên gọi khác của “{target}” theo danh mục đơn vị.",
    "note.derived_ids": "{count} dòng không có mã nhiệm vụ: đã tạo mã ổn định từ nội dung dòng.",
    "note.completed_after_snapshot": (
        "{count} nhiệm vụ có ngày hoàn thành sau ngày chốt {date}: ngày chốt có thể chưa đúng."
    ),
    "note.superseded": (
        "{count} nhiệm vụ đã có bản mới hơn (ngày chốt muộn hơn) trong dữ liệu: giữ bản mới hơn."
    ),
    # --- command line ---
    "cli.cannot_read": "{file}: {message}",
    "cli.units_file_needed": "thiếu tệp danh mục: python -m analytics units import TỆP --db ...",
    "cli.units_out_needed": "thiếu --out TỆP.xlsx",
    "cli.units_imported": "{file}: {loaded} đơn vị trong danh mục, {rejected} dòng bị loại (lần nhập số {batch})",
    "cli.bad_period": "kỳ không hợp lệ: “{period}” (ví dụ: 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026)",
    "cli.evaluate_header": "Việc đến hạn từ {start} đến {end}, tính đến ngày {as_of}:",
    "cli.evaluate_row": (
        "{who}: {due} việc đến hạn, {on_time} đúng hạn, {late} trễ hạn ({objective} khách quan), {not_done} chưa xong"
        " — số lượng {quantity}, tiến độ {progress}"
    ),
    "cli.units_split": "chia tách thành {successor} từ {date}",
    "cli.units_merged": "sáp nhập vào {successor} từ {date}",
    "registry.name": "Tên đơn vị",
    "registry.block": "Khối",
    "registry.parent": "Đơn vị cấp trên",
    "registry.successor": "Sáp nhập vào",
    "registry.effective_date": "Ngày hiệu lực",
    "registry.aliases": "Tên gọi khác",
    "registry.sheet": "Danh mục đơn vị",
    "cli.imported": (
        "{file}: đọc {read} dòng, nạp {loaded}, từ chối {rejected}, bỏ qua {ignored} "
        "(lần nhập số {batch}, ngày chốt {snapshot})"
    ),
    "cli.reject_line": "  dòng {row}: {reason}",
    "cli.sample_loaded": "Đã nạp dữ liệu mẫu vào {db}: {loaded} nhiệm vụ, ngày chốt {snapshot}.",
    "cli.summary_header": "Tính đến ngày {as_of}:",
    "cli.bad_date": "Ngày không hợp lệ: {value} (dùng YYYY-MM-DD)",
    "cli.no_file": "{file}: không tìm thấy tệp",
    # --- the 2026 sample ---
    "cli.sample_2026_loaded": (
        "Đã nạp dữ liệu mẫu 2026 vào {db}: danh mục {units} đơn vị (lần nhập số {registry_batch}), "
        "{loaded} nhiệm vụ (lần nhập số {batch}), ngày chốt {snapshot}."
    ),
    "import.sample_heading": "Dữ liệu mẫu",
    "import.sample_help": (
        "Dữ liệu tổng hợp để dùng thử, không phải số liệu thật. Mẫu 2026 nối tiếp sổ năm 2023 qua ngày 01/7/2025 "
        "(sắp xếp đơn vị hành chính cấp xã), kèm danh mục đơn vị cho biết đơn vị nào kế thừa nhiệm vụ của đơn vị "
        "nào. Mỗi tệp là một lần nhập, có thể hoàn tác."
    ),
    "import.sample_2023": "Nạp dữ liệu mẫu 2023",
    "import.sample_2026": "Nạp dữ liệu mẫu 2026 (sau sắp xếp đơn vị hành chính)",
    "import.sample_running": "Đang nạp dữ liệu mẫu {register}…",
    "kind.registry": "Danh mục đơn vị",
    "note.registry": "{count} đơn vị trong danh mục.",
    # --- printed and presented documents ---
    "nav.present": "Trình chiếu",
    "nav.briefing": "Chuẩn bị đối thoại, chất vấn",
    "nav.briefing_short": "Đối thoại, chất vấn",  # in the top bar: every page's link fits at 1920 px
    "nav.period_short": "Báo cáo",
    "nav.admin_short": "Quản trị",
    "nav.period": "Báo cáo định kỳ",
    "col.state": "Trạng thái (tính đến ngày)",
    "doc.as_of": "Số liệu tính đến ngày {as_of}",
    "doc.snapshot": "Ngày chốt dữ liệu (bản xuất mới nhất): {snapshot}",
    "doc.period": "Kỳ báo cáo: từ ngày {start} đến ngày {end}",
    "doc.compare": "So sánh với ngày {compare}",
    "doc.filters": "Bộ lọc: {filters}",
    "doc.no_filters": "không (toàn bộ dữ liệu)",
    "doc.sample": "Lưu ý: đây là DỮ LIỆU MẪU giả lập, không phải số liệu thật.",
    "doc.made": "Lập ngày {day} bằng Đôn đốc",
    "doc.footer": "Đôn đốc · số liệu tính đến {as_of} · dữ liệu chốt {snapshot}",
    "doc.no_cause": "(chưa ghi nguyên nhân)",
    "doc.page": "Trang {page}/{pages}",
    "doc.image_problem": (
        "Không vẽ được biểu đồ thành hình ảnh: máy chủ cần trình duyệt Chromium "
        "(Debian: apt-get install chromium). Chi tiết: {detail}"
    ),
    "kpi.since_value": "{change} so với {compare}",
    "deck.title": "Giao ban: tình hình thực hiện nhiệm vụ đến ngày {as_of}",
    "deck.headline_title": "Tình hình thực hiện nhiệm vụ — đến {as_of}",
    "deck.headline": "{count} nhiệm vụ trễ hạn tính đến {as_of}",
    "deck.change_up": "Tăng {change} so với ngày {compare} ({before})",
    "deck.change_down": "Giảm {change} so với ngày {compare} ({before})",
    "deck.change_none": "Không đổi so với ngày {compare} ({before})",
    "deck.departments": "{top} sở, phòng, ban trễ hạn nhiều nhất — đến {as_of}",
    "deck.communes": "{top} xã, phường trễ hạn nhiều nhất — đến {as_of}",
    "deck.units_shown": "Hiển thị {shown} trên {total} đơn vị có nhiệm vụ trễ hạn.",
    "deck.longest": "{count} nhiệm vụ trễ hạn lâu nhất và nguyên nhân — đến {as_of}",
    "deck.commend": "Biểu dương: đơn vị có tỷ lệ đúng hạn cao nhất — đến {as_of}",
    "deck.commend_rule": "Xét các đơn vị có từ {minimum} nhiệm vụ đã đến hạn trở lên.",
    "deck.commend_none": "Chưa có đơn vị nào đủ {minimum} nhiệm vụ đã đến hạn để xét biểu dương.",
    "brief.title": "Tài liệu chuẩn bị đối thoại, chất vấn: {who} — đến ngày {as_of}",
    "brief.everyone": "Toàn bộ các đơn vị",
    "brief.figures": "Số liệu chung: {who} — đến {as_of}",
    "brief.rate_change": "Tỷ lệ đúng hạn: {now} (ngày {compare}: {before})",
    "brief.rank_overdue": "Số nhiệm vụ trễ hạn xếp thứ {rank}/{of} trong {peers} (thứ 1 là nhiều nhất).",
    "brief.rank_rate": "Tỷ lệ đúng hạn xếp thứ {rank}/{of} trong {peers} (thứ 1 là cao nhất).",
    "brief.peers.government": "các sở, phòng, ban",
    "brief.peers.commune": "các xã, phường, thị trấn",
    "brief.peers.party": "các cơ quan khối Đảng",
    "brief.peers.mass_org": "MTTQ và các đoàn thể",
    "brief.peers.other": "các đơn vị khác",
    "brief.overdue": "Nhiệm vụ trễ hạn ({count}) — đến {as_of}",
    "brief.causes": "Nguyên nhân chậm của các nhiệm vụ trễ hạn — đến {as_of}",
    "brief.changed": "Nhiệm vụ chuyển đơn vị hoặc được gia hạn ({count})",
    "brief.changed_none": "Dữ liệu không có nhiệm vụ nào chuyển đơn vị chủ trì hay được gia hạn.",
    "brief.commitments": "Cam kết tại phiên chất vấn, đối thoại ({count})",
    "brief.commitments_summary": "Đã hoàn thành {done}, đang trễ hạn {overdue}, trên tổng số {total} cam kết.",
    "brief.commitments_none": "Không có nhiệm vụ nào có nguồn là phiên chất vấn hay đối thoại.",
    "brief.names_hidden": "Tên cán bộ phụ trách đã được ẩn.",
    "brief.unit": "Đơn vị",
    "brief.hide_names": "Ẩn tên cán bộ",
    "brief.hide_names_help": "Đối thoại bàn về đơn vị, không về cá nhân: bỏ cột cán bộ khỏi màn hình và bản in.",
    "period.title": "Báo cáo tình hình thực hiện nhiệm vụ từ ngày {start} đến ngày {end}",
    "period.by_unit": "Theo từng đơn vị, nhóm theo khối",
    "period.no": "STT",
    "period.carried_over": "Kỳ trước chuyển sang (chưa xong đến {start})",
    "period.assigned": "Giao trong kỳ",
    "period.total": "Tổng số phải thực hiện",
    "period.done": "Đã hoàn thành trong kỳ",
    "period.done_early": "Trước hạn",
    "period.done_on_due": "Đúng hạn",
    "period.done_late": "Trễ hạn",
    "period.no_deadline": "Không thời hạn",
    "period.open": "Chưa hoàn thành đến ngày {end}",
    "period.open_in_time": "Trong hạn",
    "period.open_overdue": "Quá hạn",
    "period.grand_total": "Tổng cộng",
    "period.rule": (
        "Hoàn thành trước hạn: trước ngày hạn; đúng hạn: đúng ngày hạn; trễ hạn: sau ngày hạn (hạn đã tính gia hạn). "
        "Tổng số phải thực hiện = kỳ trước chuyển sang + giao trong kỳ = đã hoàn thành + chưa hoàn thành."
    ),
    "period.start": "Từ ngày",
    "period.end": "Đến ngày",
    "period.bad_range": "Ngày bắt đầu kỳ ({start}) phải không sau ngày kết thúc ({end}).",
    "export.pdf": "Tải PDF (in A4)",
    "export.pptx": "Tải PowerPoint",
    "present.start": "Bắt đầu trình chiếu",
    "present.exit": "Thoát trình chiếu",
    "present.previous": "Trang trước",
    "present.next": "Trang sau",
    "present.jump": "Đến trang",
    "present.auto": "Tự chuyển trang",
    "present.auto_seconds": "Số giây mỗi trang",
    "present.intro": (
        "Bộ trang trình chiếu lấy đúng ngày, ngày so sánh và bộ lọc đang chọn ở thanh bên. "
        "Bấm Bắt đầu trình chiếu, rồi F11 để toàn màn hình."
    ),
    "present.min_tasks": "Biểu dương: tối thiểu số nhiệm vụ đã đến hạn",
    "cli.exported": "Đã ghi {out} ({kind}, {format}, tính đến {as_of}).",
    "cli.bad_format": "Không xuất được {kind} dạng {format}; chọn: {allowed}",
    "cli.no_unit": "Không có đơn vị nào tên \"{unit}\" trong dữ liệu.",
    "cli.cannot_write": "Không ghi được tệp {out}: {detail}",
    "cli.bad_positive": "Cần một số nguyên từ 1 trở lên: {value}",
    "cli.not_a_file": "cần đường dẫn tới một tệp, không phải thư mục",
    "cli.no_database": "Không có cơ sở dữ liệu {db} (kiểm tra --db hoặc DONDOC_DB).",
    # --- accountability: officers, reminders, pushed-around work, causes ---
    "nav.officers": "Cán bộ",
    "nav.reminders": "Đôn đốc",
    "nav.transfers": "Đùn đẩy",
    "nav.causes": "Nguyên nhân",
    "officers.period": "Kỳ đánh giá",
    "officers.quarter": "Quý {quarter}/{year}",
    "officers.quarter_to_date": "{quarter} (đến {date})",
    "officers.threshold": "Ngưỡng tỷ lệ trễ (%)",
    "officers.threshold_help": (
        "Vượt ngưỡng này thì không xếp loại hoàn thành xuất sắc (TP. Hồ Chí Minh áp dụng 5%). Đúng bằng ngưỡng "
        "vẫn đạt."
    ),
    "officers.by": "Theo",
    "officers.by_officer": "Cán bộ",
    "officers.by_unit": "Đơn vị",
    "officers.names_off": "Tên cán bộ đang được ẩn theo cấu hình của hệ thống.",
    "officers.heading": "Tỷ lệ trễ hạn theo {who} — {period} ({start}–{end})",
    "officers.definition": (
        "Nhiệm vụ đến hạn trong kỳ: hạn xử lý (sau gia hạn) nằm trong kỳ; xét vào ngày sau ngày cuối kỳ (hạn đúng "
        "ngày cuối kỳ vẫn thuộc kỳ này) xem đã hoàn thành hay đã quá hạn. "
        "Tỷ lệ trễ = (hoàn thành trễ + còn quá hạn) / số đến hạn. Vượt ngưỡng: trên {threshold}. "
        "Nhiệm vụ quá hạn từ kỳ trước được ghi riêng, không tính lại vào tỷ lệ của kỳ này."
    ),
    "officers.rated_officer": "Cán bộ có nhiệm vụ đến hạn",
    "officers.rated_unit": "Đơn vị có nhiệm vụ đến hạn",
    "officers.above_count": "Vượt ngưỡng {threshold}",
    "officers.came_due": "Đến hạn trong kỳ",
    "officers.overall_late_rate": "Tỷ lệ trễ chung",
    "officers.late_rate": "Tỷ lệ trễ",
    "officers.on_time_rate": "Tỷ lệ đúng hạn",
    "officers.flag": "Vượt ngưỡng {threshold}",
    "officers.above": "Vượt ngưỡng",
    "officers.overdue_earlier": "Quá hạn từ kỳ trước",
    "officers.no_officer": "(chưa ghi cán bộ)",
    "officers.nothing_due": "Không có nhiệm vụ nào đến hạn trong kỳ này.",
    "officers.trend_heading": "Diễn biến tỷ lệ trễ theo {who} qua {count} quý",
    "officers.trend_who": "Xem diễn biến của",
    "officers.trend_placeholder": "Chọn tối đa 8",
    "officers.trend_chart": "Tỷ lệ trễ hạn theo quý",
    "officers.threshold_line": "Ngưỡng {threshold}",
    "officers.commend_heading": "Đề nghị biểu dương — {period}",
    "officers.commend_min": "Số nhiệm vụ đến hạn tối thiểu để được xét",
    "officers.commend_unit": "Đơn vị",
    "officers.commend_officer": "Cán bộ",
    "officers.commend_none": "Chưa có ai đủ {minimum} nhiệm vụ đến hạn với ít nhất một nhiệm vụ đúng hạn.",
    "officers.commend_note": (
        "Xếp theo tỷ lệ đúng hạn trong số nhiệm vụ đến hạn của kỳ; bằng nhau thì ưu tiên nhiều nhiệm vụ đúng hạn hơn."
    ),
    "remind.repeat_days": "Số ngày chờ giữa hai lần đôn đốc",
    "remind.repeat_help": (
        "Đôn đốc lần 2 khi nhiệm vụ vẫn quá hạn sau số ngày này kể từ lần 1; báo cáo lãnh đạo khi vẫn quá hạn "
        "sau số ngày này kể từ lần 2."
    ),
    "remind.heading": "Danh sách cần đôn đốc ngày {as_of}",
    "remind.definition": (
        "Lần 1: nhiệm vụ quá hạn chưa được đôn đốc kể từ khi hết hạn. Lần 2: đã đôn đốc lần 1 từ {days} ngày "
        "trở lên mà vẫn quá hạn. Báo cáo lãnh đạo: đã đôn đốc 2 lần, lần gần nhất từ {days} ngày trở lên."
    ),
    "remind.level": "Mức đôn đốc",
    "remind.level_1": "Đôn đốc lần 1",
    "remind.level_2": "Đôn đốc lần 2",
    "remind.level_3": "Báo cáo lãnh đạo",
    "remind.units": "Đơn vị cần gửi",
    "remind.waiting": "Đang chờ phản hồi",
    "remind.waiting_help": "Nhiệm vụ quá hạn đã được đôn đốc gần đây, chưa đến lúc nhắc lại.",
    "remind.waiting_heading": "Đã đôn đốc, đang chờ phản hồi ({count} nhiệm vụ)",
    "remind.last_sent": "Lần đôn đốc gần nhất",
    "remind.nothing": "Ngày {as_of} không có nhiệm vụ nào cần đôn đốc.",
    "remind.unit_summary": "{count} nhiệm vụ ({levels})",
    "remind.shown_first": "Hiện {shown} nhiệm vụ đầu trong {total}; công văn và việc ghi nhận gồm đủ {total}.",
    "remind.waiting_shown_first": "Hiện {shown} nhiệm vụ đầu trong {total}.",
    "remind.letterhead": "Thông tin trên công văn (cơ quan ban hành, địa danh, người ký)",
    "remind.letter_superior": "Cơ quan chủ quản",
    "remind.letter_issuer": "Cơ quan ban hành",
    "remind.letter_place": "Địa danh",
    "remind.letter_signer_title": "Chức danh người ký",
    "remind.download_all": "Tải dự thảo công văn cho cả {count} đơn vị (.zip)",
    "remind.download_letter": "Tải dự thảo công văn (.docx)",
    "remind.mark_heading": "Ghi nhận đã gửi",
    "remind.mark_units": "Đơn vị đã được gửi công văn",
    "remind.sent_on": "Ngày gửi",
    "remind.mark": "Ghi nhận đã đôn đốc {count} nhiệm vụ",
    "remind.mark_help": (
        "Việc ghi nhận được lưu như một lần nhập dữ liệu: có thể hoàn tác ở trang Nhập dữ liệu nếu ghi nhầm."
    ),
    "remind.recorded": "Đã ghi nhận {count} lượt đôn đốc tới {units} đơn vị, ngày gửi {date} (lần nhập số {batch}).",
    "action.transfer": "Chuyển đơn vị khác",
    "action.return": "Trả lại",
    "action.escalation": "Xin ý kiến cấp trên",
    "action.extension": "Gia hạn",
    "action.reminder": "Đôn đốc",
    "push.heading": "Nhiệm vụ bị chuyển qua lại, trả lại, đẩy lên cấp trên — tính đến {as_of}",
    "push.definition": (
        "Số lần chuyển của một nhiệm vụ là số lớn hơn giữa cột “Số lần chuyển” của sổ và số lần chuyển trong "
        "lịch sử xử lý. Xin ý kiến cấp trên: hỏi cấp trên việc thuộc thẩm quyền của mình."
    ),
    "push.moved_twice": "Chuyển từ 2 lần trở lên",
    "push.moved_help": "{moved} nhiệm vụ đã chuyển đơn vị ít nhất một lần.",
    "push.returned": "Bị trả lại",
    "push.escalated": "Đẩy lên cấp trên",
    "push.escalated_help": "Nhiệm vụ có ít nhất một lần xin ý kiến cấp trên.",
    "push.pushed_overdue": "Trong số đó đang quá hạn",
    "push.no_history": (
        "Chưa có lịch sử xử lý: các số liệu trên chỉ dựa vào cột “Số lần chuyển”. Nhập tệp lịch sử (Mã nhiệm vụ, "
        "Ngày, Nội dung xử lý, Từ đơn vị, Đến đơn vị) ở trang Nhập dữ liệu để xem đơn vị nào chuyển việc cho ai."
    ),
    "push.flows_heading": "Đơn vị nào chuyển việc cho ai — tính đến {as_of}",
    "push.flows_note": "Bên trái: đơn vị chuyển đi; bên phải: đơn vị nhận. Độ dày: số lần chuyển.",
    "push.unknown_target": "(không ghi nơi nhận)",
    "push.passers_heading": "Đơn vị hay chuyển việc đi",
    "push.total": "Tổng",
    "push.top_target": "Chuyển nhiều nhất cho",
    "push.lateness_heading": "Tỷ lệ trễ theo số lần chuyển — tính đến {as_of}",
    "push.lateness_note": "Tỷ lệ trễ = (hoàn thành trễ + còn quá hạn) / số nhiệm vụ đã đến hạn.",
    "push.moves_0": "Không chuyển",
    "push.moves_1": "Chuyển 1 lần",
    "push.moves_2": "Chuyển 2 lần",
    "push.moves_3": "Chuyển 3 lần trở lên",
    "push.tasks_heading": "Danh sách nhiệm vụ bị đùn đẩy ({count})",
    "push.shown_first": "Hiện {shown} nhiệm vụ bị đùn đẩy nhiều nhất trong {total}; "
                        "tệp Excel có {exported} nhiệm vụ đầu.",
    "push.col_moves": "Số lần chuyển",
    "push.col_returns": "Trả lại",
    "push.col_escalations": "Xin ý kiến cấp trên",
    "cause.heading": "Nguyên nhân chậm trễ — tính đến {as_of}",
    "cause.definition": (
        "Các nhiệm vụ đang quá hạn hoặc đã hoàn thành trễ, xếp nhóm theo nguyên nhân ghi trong sổ. Cách xếp nhóm "
        "do người dùng chỉnh ở cuối trang."
    ),
    "cause.late_tasks": "Nhiệm vụ trễ hạn",
    "cause.kind_objective": "Khách quan",
    "cause.kind_subjective": "Chủ quan",
    "cause.kind_unclassified": "Chưa xếp nhóm",
    "cause.kind_none": "Không nêu nguyên nhân",
    "cause.share": "Chiếm {share} số nhiệm vụ trễ hạn.",
    "cause.chart": "Nhiệm vụ trễ hạn theo nhóm nguyên nhân — {as_of}",
    "cause.by_block": "Theo khối",
    "cause.by_unit": "Theo đơn vị (nhiều nguyên nhân chủ quan nhất lên đầu)",
    "cause.unclassified_heading": "Nguyên nhân chưa xếp nhóm ({count} nhiệm vụ)",
    "cause.unclassified_help": "Thêm từ khóa vào bảng xếp nhóm ở cuối trang để đưa các nguyên nhân này vào nhóm.",
    "cause.extensions_heading": "Gia hạn — tính đến {as_of}",
    "cause.no_extensions": "Chưa có nhiệm vụ nào được gia hạn.",
    "cause.extensions_summary": (
        "**{extended}** nhiệm vụ đã được gia hạn. Trong số đã đến hạn, **{rate}** vẫn trễ sau khi gia hạn "
        "(nhiệm vụ không gia hạn: {other})."
    ),
    "cause.ext_tasks": "Số nhiệm vụ",
    "cause.ext_extended": "Được gia hạn",
    "cause.ext_share": "Tỷ lệ gia hạn",
    "cause.ext_events": "Lượt gia hạn (lịch sử)",
    "cause.ext_came_due": "Gia hạn, đã đến hạn",
    "cause.ext_late": "Gia hạn mà vẫn trễ",
    "cause.ext_late_rate": "Tỷ lệ vẫn trễ",
    "cause.rules_heading": "Cách xếp nhóm nguyên nhân",
    "cause.rules_help": (
        "Mỗi dòng: từ khóa (không phân biệt hoa thường, có dấu hay không), nhóm và loại. Xét từ trên xuống, dòng "
        "đầu tiên có từ khóa xuất hiện trong nguyên nhân quyết định nhóm. Thêm, sửa, xóa dòng rồi bấm Lưu."
    ),
    "cause.rule_words": "Từ khóa",
    "cause.rule_category": "Nhóm nguyên nhân",
    "cause.rule_kind": "Loại",
    "cause.rules_save": "Lưu cách xếp nhóm",
    "cause.rules_reset": "Khôi phục mặc định",
    "cause.rules_saved": "Đã lưu {count} dòng xếp nhóm ({dropped} dòng thiếu thông tin bị bỏ qua).",
    "cause.rules_restored": "Đã khôi phục cách xếp nhóm mặc định.",
    "problem.missing_task_id": "Thiếu mã nhiệm vụ (cột “{column}” để trống)",
    "problem.missing_event_date": "Thiếu ngày (cột “{column}” để trống)",
    "problem.unknown_action": "{column}: không hiểu “{value}” (ghi một trong: {known})",
    "note.history": "Tệp là lịch sử xử lý nhiệm vụ: {count} sự kiện được nạp.",
    "note.history_unknown_tasks": (
        "{count} sự kiện thuộc nhiệm vụ chưa có trong sổ: vẫn được lưu, sẽ được tính khi nhập sổ có các nhiệm vụ đó."
    ),
    "origin.app": "Ghi nhận trên ứng dụng",
    "hist.kind": "Loại",
    "kind.tasks": "Sổ nhiệm vụ",
    "kind.events": "Lịch sử xử lý",
    "kind.reminders": "Đôn đốc đã gửi",
    "import.history_file": (
        "Tệp này là **lịch sử xử lý** nhiệm vụ (mỗi dòng một sự kiện: chuyển, trả lại, xin ý kiến, gia hạn, "
        "đôn đốc). Dòng tiêu đề: {row}."
    ),
    "cli.reminders_written": "Đã ghi {count} dự thảo công văn vào {folder}",
    "cli.not_a_folder": "cần đường dẫn tới một thư mục, không phải tệp",
    "push.no_moves": (
        "Không có lần chuyển, trả lại hay xin ý kiến nào của các nhiệm vụ đang xem (bộ lọc chọn nhiệm vụ theo "
        "đơn vị đang chủ trì)."
    ),
    # Khám phá
    "nav.explore": "Khám phá",
    "explore.heading": "Khám phá sổ nhiệm vụ",
    "explore.rows": "Nhóm theo",
    "explore.columns": "và theo",
    "explore.no_columns": "(không)",
    "explore.measure": "Số đo",
    "explore.chart": "Dạng",
    "chart_kind.bar": "Cột",
    "chart_kind.line": "Đường",
    "chart_kind.heatmap": "Bản đồ nhiệt",
    "chart_kind.table": "Bảng",
    "explore.order": "Thứ tự nhóm",
    "order.value": "Theo giá trị",
    "order.name": "Theo tên (A–Z)",
    "explore.search": "Tìm trong trích yếu, số văn bản",
    "explore.search_placeholder": "ví dụ: tinh an, 280/CĐ-TTg",
    "explore.search_help": (
        "Tìm cụm từ trọn chữ, không cần dấu: “tinh an” tìm được “Tịnh Ấn”, “Tịnh An”. Gõ có dấu để chỉ tìm "
        "đúng dấu."
    ),
    "explore.more_filters": "Lọc thêm: cán bộ, trạng thái, thời gian trễ, ngày giao, hạn xử lý",
    "explore.states": "Trạng thái",
    "explore.aging": "Thời gian trễ",
    "explore.assigned_range": "Ngày giao (từ – đến)",
    "explore.due_range": "Hạn xử lý, sau gia hạn (từ – đến)",
    "explore.clear_filters": "Bỏ các lọc thêm",
    "filter.search": "Tìm",
    "filter.assigned": "Ngày giao",
    "filter.due": "Hạn xử lý",
    "dim.unit": "Đơn vị chủ trì",
    "dim.block": "Khối",
    "dim.assignee": "Cán bộ phụ trách",
    "dim.assigner": "Cơ quan/người giao",
    "dim.field": "Lĩnh vực",
    "dim.origin": "Nguồn nhiệm vụ",
    "dim.source_doc": "Văn bản giao",
    "dim.assigned_month": "Tháng giao",
    "dim.assigned_quarter": "Quý giao",
    "dim.due_month": "Tháng đến hạn",
    "dim.due_quarter": "Quý đến hạn",
    "dim.aging": "Thời gian trễ",
    "dim.state": "Trạng thái",
    "measure.tasks": "Số nhiệm vụ",
    "measure.overdue": "Số nhiệm vụ trễ hạn",
    "measure.on_time_rate": "Tỷ lệ đúng hạn",
    "measure.median_days_overdue": "Số ngày trễ (trung vị)",
    "measure.done_late": "Số nhiệm vụ hoàn thành trễ",
    "measure.help": (
        "Tỷ lệ đúng hạn = hoàn thành đúng hạn ÷ mọi nhiệm vụ đã đến hạn (đúng hạn + hoàn thành trễ + đang trễ"
        " hạn). Số ngày trễ (trung vị): của các nhiệm vụ đang trễ hạn."
    ),
    "explore.none": "(không có)",
    "explore.quarter": "Quý {quarter}/{year}",
    "explore.not_overdue": "Không trễ hạn",
    "explore.grouped_by": "{measure} theo {rows}{columns}",
    "explore.picked": "Nhóm đã chọn: {group}",
    "explore.chart_title": "{measure} theo {rows}{columns}, tính đến {as_of}",
    "explore.click_hint": "Bấm vào một cột, một ô hay một điểm để xem các nhiệm vụ phía sau.",
    "explore.records": "Các nhiệm vụ",
    "explore.records_all": "{count} {what} khớp các lựa chọn, tính đến {as_of}",
    "explore.records_picked": "{count} {what} của nhóm {group}, tính đến {as_of}",
    "explore.clear_pick": "Bỏ chọn nhóm",
    "explore.sort": "Sắp xếp theo",
    "explore.descending": "Giảm dần",
    "explore.page": "Trang",
    "explore.page_of": "Dòng {first}–{last} trong {total} · trang {page}/{pages}",
    "explore.page_size": "Số dòng mỗi trang",
    "explore.prev": "Trang trước",
    "explore.next": "Trang sau",
    "explore.sort_hint": "Sắp xếp ở ô “Sắp xếp theo” áp dụng cho toàn bộ kết quả, không chỉ trang đang xem.",
    "explore.no_tasks": "Không có nhiệm vụ nào khớp các lựa chọn này.",
    "explore.records_csv": "Tải các nhiệm vụ (.csv)",
    "explore.records_xlsx": "Tải các nhiệm vụ (.xlsx)",
    "explore.table_csv": "Tải bảng số liệu (.csv)",
    "explore.table_xlsx": "Tải bảng số liệu (.xlsx)",
    "explore.export_limit": (
        "Tệp tải về gồm {limit} nhiệm vụ đầu trong {total}, theo thứ tự đang sắp xếp; lọc thêm để có đủ."
    ),
    "explore.total": "Tổng cộng",
    "explore.records_title": "Các nhiệm vụ — Khám phá",
    "explore.table_title": "Bảng số liệu — Khám phá",
    "behind.tasks": "nhiệm vụ",
    "behind.overdue": "nhiệm vụ trễ hạn",
    "behind.on_time_rate": "nhiệm vụ đã đến hạn (đúng hạn, hoàn thành trễ, đang trễ hạn)",
    "behind.median_days_overdue": "nhiệm vụ trễ hạn",
    "behind.done_late": "nhiệm vụ hoàn thành trễ hạn",
    "cross.heading": "Đang lọc chéo theo:",
    "cross.month": "Hạn tháng",
    "cross.clear": "Bỏ lọc chéo",
    "cross.explore": "Xem các nhiệm vụ này trong Khám phá",
    "chart.by_due_month": "Nhiệm vụ trễ hạn theo tháng hết hạn — đến {as_of}",
    "officers.explore": "Xem các nhiệm vụ đến hạn từ {start} đến {end} của {who} trong Khám phá",
    "officers.explore_hint": "Chọn một dòng của bảng để mở các nhiệm vụ phía sau trong trang Khám phá.",
    "explore.shown_latest": "Hiện {shown} {dimension} gần nhất trong {total}; đủ mọi nhóm trong tệp tải về.",
    "explore.shown_first": (
        "Hiện {shown} nhóm đầu trong {total} nhóm theo {dimension} (theo thứ tự đã chọn); đủ mọi nhóm "
        "trong tệp tải về."
    ),
    "explore.figures_cut": (
        "Tệp gồm {rows} trong {row_total} nhóm hàng và {columns} trong {column_total} nhóm cột đầu tiên "
        "theo thứ tự đã chọn; lọc thêm để có đủ."
    ),
    # --- Đánh giá (pages/evaluation.py; analytics/evaluation.py) ---
    "nav.evaluation": "Đánh giá",
    "evaluation.intro": (
        "Căn cứ từ sổ theo dõi cho việc theo dõi, đánh giá công chức hằng tháng, hằng quý theo Nghị định "
        "335/2025/NĐ-CP: số lượng và tiến độ công việc đến hạn trong kỳ. Điểm chất lượng, 30 điểm tiêu chí chung và "
        "xếp loại không có trong sổ nên không tính ở đây."
    ),
    "evaluation.period": "Kỳ đánh giá",
    "evaluation.month": "Tháng {month}/{year}",
    "evaluation.quarter": "Quý {quarter}/{year}",
    "evaluation.year": "Năm {year}",
    "evaluation.cutoff": "Chốt số liệu",
    "evaluation.cutoff_1": "Theo tháng dương lịch",
    "evaluation.cutoff_15": "Từ ngày 15 đến ngày 14",
    "evaluation.cutoff_help": (
        "Chế độ báo cáo định kỳ (Nghị định 09/2019/NĐ-CP, Điều 12) chốt số liệu từ ngày 15 tháng trước đến ngày 14 "
        "của tháng cuối kỳ."
    ),
    "evaluation.heading": "Kết quả thực hiện nhiệm vụ theo {who}: {period} ({start} – {end})",
    "evaluation.definition": (
        "Việc đến hạn: hạn (sau gia hạn) trong kỳ. Số lượng = (đúng hạn + trễ hạn) / đến hạn. Tiến độ = (đúng hạn + "
        "trễ hạn do nguyên nhân khách quan + 0,75 × trễ hạn khác) / đến hạn: mỗi việc trễ hạn mất 25% điểm tiến độ, "
        "trừ khi nguyên nhân là khách quan (theo quy tắc ở trang Nguyên nhân)."
    ),
    "evaluation.judged": "Xét đến ngày {day}.",
    "evaluation.running": "Kỳ chưa kết thúc (đến {end}): việc chưa xong có thể còn được hoàn thành đúng hạn.",
    "evaluation.filters": "Bộ lọc: {filters}",
    "evaluation.due": "Đến hạn",
    "evaluation.on_time": "Đúng hạn",
    "evaluation.late": "Trễ hạn",
    "evaluation.late_objective": "Trong đó khách quan",
    "evaluation.not_done": "Chưa xong",
    "evaluation.no_deadline": "Không thời hạn",
    "evaluation.quantity": "Số lượng",
    "evaluation.progress": "Tiến độ",
    "evaluation.nothing_due": "Không có việc nào đến hạn trong kỳ này với bộ lọc đang chọn.",
    "evaluation.pick_hint": "Chọn một dòng để xem các việc bị trừ điểm (trễ hạn, chưa xong).",
    "evaluation.behind": "Các việc bị trừ điểm của {who}: {count}",
    "evaluation.nothing_behind": "Mọi việc đến hạn trong kỳ đều xong đúng hạn.",
    "evaluation.trend_heading": "Tiến độ theo {who}, {count} kỳ gần nhất",
    "evaluation.trend_chart": "Tiến độ (%) theo {who}",
    "evaluation.days_late": "Số ngày trễ",
    "evaluation.deduction": "Tiến độ",
    "evaluation.not_done_short": "Chưa xong: không tính",
    "evaluation.exempt": "Khách quan: không trừ",
    "evaluation.minus_25": "Trừ 25%",
    # --- signing in and roles (pages/auth.py, analytics/access.py) ---
    "doc.list_not_for_role": "Danh sách nhiệm vụ không hiển thị với vai trò của bạn (chỉ số liệu tổng hợp).",
    "auth.title": "Đăng nhập Đôn đốc",
    "auth.login": "Tên đăng nhập",
    "auth.password": "Mật khẩu",
    "auth.sign_in": "Đăng nhập",
    "auth.sign_in_oidc": "Đăng nhập bằng tài khoản của cơ quan",
    "auth.wrong": "Sai tên đăng nhập hoặc mật khẩu.",
    "auth.wait": "Đã nhập sai nhiều lần. Vui lòng thử lại sau {seconds} giây.",
    "auth.not_allowed": "Tài khoản {email} chưa được cấp quyền dùng Đôn đốc. Hãy liên hệ quản trị viên.",
    "auth.sign_out": "Đăng xuất",
    "auth.signed_in_as": "**{name}** · {role}",
    "auth.single_user": (
        "Chế độ một người dùng: chưa cấu hình tài khoản, ứng dụng chỉ mở được trên chính máy này, "
        "với quyền quản trị."
    ),
    "auth.network_without_accounts": (
        "Ứng dụng đang mở cho mạng nội bộ nhưng chưa cấu hình tài khoản, nên không hiển thị dữ liệu. "
        "Quản trị viên hãy tạo tài khoản (python -m analytics account add …) hoặc chỉ chạy trên máy này "
        "(server.address = \"127.0.0.1\")."
    ),
    "auth.denied": "Vai trò của bạn không được xem nội dung này.",
    "role.admin": "Quản trị",
    "role.leader": "Lãnh đạo",
    "role.unit": "Đơn vị",
    "role.guest": "Khách (chỉ số liệu tổng hợp)",
    "accounts.missing": "Không thấy tệp tài khoản {path} (DONDOC_ACCOUNTS). Ứng dụng tạm khóa cho đến khi sửa.",
    "accounts.none": "DONDOC_ACCOUNTS=none: ứng dụng chạy một người dùng trên máy này, không dùng tài khoản.",
    "accounts.unreadable": "Không đọc được tệp tài khoản {path}: {detail}. Ứng dụng tạm khóa cho đến khi sửa.",
    "accounts.broken": "Tệp tài khoản {path} sai cú pháp: {detail}. Ứng dụng tạm khóa cho đến khi sửa.",
    "accounts.empty": "Tệp tài khoản {path} không có tài khoản nào. Ứng dụng tạm khóa cho đến khi sửa.",
    "accounts.email_twice": "Tệp tài khoản {path}: một địa chỉ e-mail dùng cho hai tài khoản.",
    "accounts.bad_login": "Tên đăng nhập \"{login}\" không hợp lệ (chỉ chữ thường không dấu, số, dấu . _ -).",
    "accounts.bad_entry": "Tài khoản \"{login}\" viết sai dạng trong tệp tài khoản.",
    "accounts.bad_role": "Tài khoản \"{login}\": vai trò \"{role}\" không có (admin, leader, unit, guest).",
    "accounts.bad_units": "Tài khoản \"{login}\": danh sách đơn vị phải là các tên đơn vị.",
    "accounts.unit_without_units": "Tài khoản đơn vị \"{login}\" chưa ghi đơn vị nào.",
    "accounts.bad_hash": (
        "Tài khoản \"{login}\": mật khẩu phải ở dạng băm Argon2 (đặt bằng python -m analytics account password), "
        "không ghi mật khẩu thật vào tệp."
    ),
    "accounts.no_way_in": "Tài khoản \"{login}\" không có mật khẩu cũng không có e-mail để đăng nhập.",
    "accounts.last_admin": "Phải còn ít nhất một tài khoản Quản trị đăng nhập được: thay đổi này không được lưu.",
    "accounts.password_mismatch": "Hai lần nhập mật khẩu không khớp.",
    "accounts.short_password": "Mật khẩu phải có ít nhất {chars} ký tự.",
    # --- administration (pages/admin.py) ---
    "nav.admin": "Quản trị",
    "admin.heading": "Quản trị",
    "admin.audit": "Nhật ký hoạt động",
    "admin.audit_help": "Ai đăng nhập, nhập, hoàn tác, xuất dữ liệu, thay đổi tài khoản, vào lúc nào. Mới nhất ở trên.",
    "admin.audit_actions": "Loại hoạt động",
    "admin.audit_empty": "Chưa có hoạt động nào.",
    "admin.audit_shown": "{shown} hoạt động gần nhất.",
    "admin.col_at": "Thời điểm",
    "admin.col_user": "Người dùng",
    "admin.col_action": "Hoạt động",
    "admin.col_detail": "Chi tiết",
    "audit.login": "Đăng nhập",
    "audit.login_failed": "Đăng nhập sai",
    "audit.logout": "Đăng xuất",
    "audit.import": "Nhập dữ liệu",
    "audit.undo": "Hoàn tác",
    "audit.export": "Xuất tệp",
    "audit.accounts": "Tài khoản",
    "audit.settings": "Cài đặt",
    "audit.restore": "Khôi phục",
    "admin.accounts": "Tài khoản",
    "admin.accounts_file": "Tệp tài khoản: `{path}`",
    "admin.no_accounts": (
        "Chưa có tài khoản nào: ứng dụng đang ở chế độ một người dùng trên máy này. Tạo tài khoản quản trị đầu tiên "
        "dưới đây; từ đó mọi người (kể cả bạn) phải đăng nhập."
    ),
    "admin.col_login": "Tên đăng nhập",
    "admin.col_name": "Họ tên",
    "admin.col_role": "Vai trò",
    "admin.col_units": "Đơn vị",
    "admin.col_email": "E-mail",
    "admin.col_password": "Có mật khẩu",
    "admin.edit": "Thêm hoặc sửa tài khoản",
    "admin.edit_help": (
        "Nhập tên đăng nhập đã có để sửa: ô nào để trống (họ tên, e-mail, đơn vị, mật khẩu) thì giữ như cũ."
    ),
    "admin.units_pick": "Đơn vị (cho vai trò Đơn vị)",
    "admin.units_placeholder": "Chọn một hay nhiều đơn vị",
    "admin.save": "Lưu tài khoản",
    "admin.saved": "Đã lưu tài khoản {login}.",
    "admin.remove": "Xóa tài khoản",
    "admin.remove_confirm": "Tôi chắc chắn muốn xóa tài khoản này",
    "admin.removed": "Đã xóa tài khoản {login}.",
    "admin.not_self": "Không thể tự xóa tài khoản đang đăng nhập.",
    # --- the unit registry page (pages/units.py) ---
    "units.split_heading": "Nhiệm vụ của đơn vị chia tách chưa được giao lại",
    "units.split_help": (
        "Đơn vị chia tách thành nhiều đơn vị (cột Sáp nhập vào ghi nhiều đơn vị, cách nhau bằng “;”) không thể "
        "giao nhiệm vụ theo tên: các nhiệm vụ vẫn tính cho đơn vị ấy cho đến khi lịch sử xử lý có lần chuyển nhiệm "
        "vụ sang một đơn vị, từ ngày chia tách. Nhập lịch sử xử lý có các lần chuyển đó ở trang Nhập dữ liệu."
    ),
    "units.split_none": "Mọi nhiệm vụ của đơn vị chia tách đã được giao lại (tính đến {day}).",
    "units.split_count": "**{count}** nhiệm vụ chưa được giao lại (tính đến {day}):",
    "units.split_col.task_id": "Mã nhiệm vụ",
    "units.split_col.title": "Trích yếu",
    "units.split_col.unit": "Đơn vị ghi trong sổ",
    "units.split_col.went_into": "Chia tách thành",
    "units.split_col.state": "Trạng thái",
    "units.split_col.days_overdue": "Số ngày trễ",
    "nav.units": "Danh mục",
    "units.heading": "Danh mục đơn vị",
    "units.intro": (
        "Danh mục ghi mỗi đơn vị thuộc khối nào, cấp trên là đơn vị nào, đã sáp nhập vào đơn vị nào từ ngày nào, và "
        "các tên gọi khác của nó trong sổ nhiệm vụ."
    ),
    "units.empty": (
        "**Chưa có danh mục đơn vị.** Từ 01/07/2025 chính quyền địa phương tổ chức hai cấp (Luật Tổ chức chính "
        "quyền địa phương số 72/2025/QH15): không còn cấp huyện, nhiều xã, phường được sáp nhập. Sổ nhiệm vụ giữ "
        "qua ngày đó ghi tên đơn vị cũ cho việc giao trước và tên đơn vị mới cho việc giao sau. Danh mục cho biết "
        "đơn vị nào sáp nhập vào đơn vị nào, từ ngày nào, để mỗi nhiệm vụ được tính cho đơn vị đảm nhận nó vào ngày "
        "tính số liệu; nó cũng đặt khối, đơn vị cấp trên và các tên gọi khác của mỗi đơn vị.\n\n"
        "**Cách có danh mục:** nhập tệp Excel hoặc CSV có các cột Tên đơn vị, Khối, Đơn vị cấp trên, Sáp nhập vào, "
        "Ngày hiệu lực (dd/mm/yyyy), Tên gọi khác (cách nhau bằng dấu ;) ở trang Nhập dữ liệu, hoặc bằng dòng "
        "lệnh python -m analytics units import TỆP. Cũng có thể thêm từng đơn vị dưới đây, hay thêm các đơn vị "
        "đang có trong sổ nhiệm vụ ở cuối trang."
    ),
    "units.open_import": "Nhập danh mục ở trang Nhập dữ liệu",
    "units.in_force": "{count} đơn vị. Đang dùng: lần nhập số {batch} ({what}, {when}).",
    "units.download": "Tải danh mục (.xlsx)",
    "units.file_name": "danh_muc_don_vi.xlsx",
    "units.edit_heading": "Sửa danh mục",
    "units.edit_help": (
        "Mỗi thay đổi được lưu thành một lần nhập danh mục mới: hoàn tác được ở trang Nhập dữ liệu, và được ghi vào "
        "nhật ký hoạt động."
    ),
    "units.tab_add": "Thêm đơn vị",
    "units.tab_rename": "Đổi tên",
    "units.tab_merge": "Sáp nhập",
    "units.tab_block": "Khối",
    "units.tab_alias": "Tên gọi khác",
    "units.unit": "Đơn vị",
    "units.choose": "Chọn đơn vị",
    "units.choose_first": "Hãy chọn đơn vị.",
    "units.block_inferred": "(theo tên đơn vị)",
    "units.block_guessed": "{block} (theo tên)",
    "units.no_parent": "(không có)",
    "units.add": "Thêm vào danh mục",
    "units.new_name": "Tên mới",
    "units.rename_note": (
        "Tên cũ được giữ làm tên gọi khác của đơn vị: các sổ nhiệm vụ ghi tên cũ vẫn khớp với đơn vị này. Đơn vị "
        "nào có đơn vị này là cấp trên hay sáp nhập vào nó cũng theo tên mới."
    ),
    "units.rename": "Đổi tên",
    "units.merged_unit": "Đơn vị bị sáp nhập",
    "units.not_merged": "(không sáp nhập: bỏ sáp nhập đã ghi)",
    "units.merge_note": (
        "Từ ngày hiệu lực (kể cả ngày đó), nhiệm vụ của đơn vị bị sáp nhập được tính cho đơn vị sáp nhập vào. "
        "Không nhận sáp nhập vào chính nó hay sáp nhập thành vòng tròn."
    ),
    "units.merge": "Lưu sáp nhập",
    "units.set_block": "Lưu khối",
    "units.alias_note": "Nhiệm vụ ghi dưới tên này được tính là của đơn vị đã chọn.",
    "units.add_alias": "Thêm tên gọi khác",
    "units.name_needed": "Hãy nhập tên.",
    "units.saved": "Đã lưu: {what} (lần nhập số {batch}; hoàn tác được ở trang Nhập dữ liệu).",
    "units.unmatched_heading": "Tên đơn vị trong sổ nhiệm vụ chưa có trong danh mục",
    "units.unmatched_help": (
        "Đơn vị có nhiệm vụ nhưng không phải đơn vị của danh mục, cũng không phải tên gọi khác của đơn vị nào. Thêm "
        "vào danh mục, hoặc ghi là tên gọi khác của một đơn vị đã có. Khi tên trong sổ rõ ràng là một đơn vị của danh "
        "mục (như “P. Trần Phú”, “Phuong Tran Phu”), đơn vị đó được chọn sẵn."
    ),
    "units.unmatched_none": "Mọi đơn vị trong sổ nhiệm vụ đều có trong danh mục.",
    "units.unmatched_count": "{count} tên, {tasks} nhiệm vụ.",
    "units.unmatched_more": "Còn {count} tên ít nhiệm vụ hơn chưa hiện; chúng được thêm bằng nút “Thêm cả” ở trên.",
    "units.col_name": "Tên trong sổ",
    "units.col_tasks": "Số nhiệm vụ",
    "units.spelling_of": "Là tên gọi khác của",
    "units.add_spelling": "Ghi là tên gọi khác",
    "units.add_all": "Thêm cả {count} tên vào danh mục",
    "units.edit.unit_added": "Thêm đơn vị {unit}",
    "units.edit.units_added": "Thêm {count} đơn vị từ sổ nhiệm vụ",
    "units.edit.unit_renamed": "Đổi tên {unit} thành {name}",
    "units.edit.unit_merged": "Sáp nhập {unit} vào {successor} từ {date}",
    "units.edit.unit_unmerged": "Bỏ sáp nhập của {unit}",
    "units.edit.unit_block": "Đặt khối của {unit}: {block}",
    "units.edit.unit_alias": "Thêm tên gọi khác của {unit}: {name}",
    "units.problem.lineage": "Không lưu được: {problems}.",
    "units.problem.unknown_unit": (
        "Không còn đơn vị “{unit}” trong danh mục (có thể vừa có người sửa danh mục). Hãy tải lại trang."
    ),
    "units.problem.not_a_name": "“{name}” không phải là tên một đơn vị.",
    "units.problem.name_taken": "“{name}” đã có trong danh mục: {unit}.",
    "units.problem.spelling_of_other": "“{name}” đã là tên gọi khác của {unit}.",
    "units.problem.spelling_is_name": "“{name}” được hiểu là chính tên {unit}: không cần thêm.",
    "units.problem.spelling_is_unit": "“{name}” là một đơn vị khác trong danh mục: {unit}.",
    "units.problem.nothing_changed": "{unit} đã như vậy: danh mục không thay đổi.",
    "units.problem.not_merged": "{unit} chưa được ghi sáp nhập: không có gì để bỏ.",
    "units.problem.nothing_to_add": "Không có tên nào để thêm.",
    "audit.units": "Danh mục đơn vị",
    "import.registry_hint": (
        "Tệp danh mục đơn vị (các cột Tên đơn vị, Khối, Sáp nhập vào, Ngày hiệu lực…) cũng nhập ở đây; xem và sửa "
        "ở trang Danh mục đơn vị."
    ),
    "import.registry_file": (
        "Tệp này là **danh mục đơn vị** (mỗi dòng một đơn vị: khối, cấp trên, sáp nhập, tên gọi khác). Dòng tiêu "
        "đề: {row}. Nhập sẽ thay danh mục đang dùng; hoàn tác được."
    ),
    "import.open_units": "Xem danh mục đơn vị",
    "cli.backup_done": (
        "Đã sao lưu vào {file} ({size} MB): {tasks} nhiệm vụ, {batches} lần nhập, {originals} tệp gốc."
    ),
    "cli.restore_preview": (
        "Tệp sao lưu {file} lập lúc {made}: {tasks} nhiệm vụ, {batches} lần nhập. "
        "Thêm --yes để khôi phục vào {db} (bản hiện tại được giữ lại bên cạnh)."
    ),
    "cli.restore_done": (
        "Đã khôi phục từ {file} (lập lúc {made}): {tasks} nhiệm vụ. Bản trước khi khôi phục giữ tại {kept}."
    ),
    "backup.not_a_backup": "{file} không phải tệp sao lưu của Đôn đốc.",
    "backup.damaged": (
        "Tệp sao lưu {file} bị hỏng (cơ sở dữ liệu trong đó không mở được hoặc sai mã kiểm tra); không thay đổi gì."
    ),
    "audit.backup": "Sao lưu",
}
