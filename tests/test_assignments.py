"""Assignments and deadlines, case by case: one implementation item each."""

from __future__ import annotations

import pytest

from kehoach import parse_text
from kehoach.extract.deadlines import find_deadlines

HEAD = "TỈNH ỦY A\n*\nSố 10-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nA, ngày 01 tháng 02 năm 2024\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW\n\nI. TỔ CHỨC THỰC HIỆN\n\n"


def assigned(item: str) -> list[tuple]:
    doc = parse_text(HEAD + item + "\n")
    return [
        (a.body, a.role, a.deadline.date if a.deadline else None, a.deadline.recurrence if a.deadline else None)
        for a in doc.assignments
    ]


CASES = [
    # roles from the verb
    (
        "1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy hướng dẫn học tập.",
        [("Ban Tuyên giáo Tỉnh ủy", "lead", None, None), ("Văn phòng Tỉnh ủy", "coordinate", None, None)],
    ),
    ("1. Ban Tổ chức Tỉnh ủy chủ trì tham mưu kiện toàn bộ máy.", [("Ban Tổ chức Tỉnh ủy", "lead", None, None)]),
    (
        "1. Văn phòng Đảng ủy Khối tham mưu Ban Thường vụ Đảng ủy Khối theo dõi việc thực hiện.",
        [("Văn phòng Đảng ủy Khối", "advise", None, None)],
    ),
    (
        "1. Ủy ban Kiểm tra Tỉnh ủy theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này.",
        [("Ủy ban Kiểm tra Tỉnh ủy", "monitor", None, None)],
    ),
    (
        "1. Văn phòng Tỉnh ủy phối hợp theo dõi, đôn đốc thực hiện Nghị quyết.",
        [("Văn phòng Tỉnh ủy", "monitor", None, None)],
    ),
    (
        "1. Ủy ban Kiểm tra Tỉnh ủy phối hợp với các cơ quan, đơn vị có liên quan kiểm tra, giám sát việc triển khai.",
        [("Ủy ban Kiểm tra Tỉnh ủy", "monitor", None, None)],
    ),
    (
        "1. Bộ Thông tin và Truyền thông phối hợp với các Bộ liên quan chỉ đạo các cơ quan báo chí tuyên truyền.",
        [("Bộ Thông tin và Truyền thông", "coordinate", None, None)],
    ),  # a generic partner: A coordinates
    (
        "1. Ban Tuyên giáo Tỉnh ủy chỉ đạo, hướng dẫn các cơ quan liên quan tăng cường tuyên truyền.",
        [("Ban Tuyên giáo Tỉnh ủy", "implement", None, None)],
    ),
    (
        "1. Các sở, ban, ngành phối hợp chặt chẽ với các cơ quan chủ trì trong tổ chức thực hiện.",
        [("Các sở, ban, ngành", "coordinate", None, None)],
    ),
    (
        "1. Sở Tài chính chủ trì, phối hợp chặt chẽ với Sở Kế hoạch và Đầu tư bố trí kinh phí.",
        [("Sở Tài chính", "lead", None, None), ("Sở Kế hoạch và Đầu tư", "coordinate", None, None)],
    ),
    (
        "1. Đảng ủy Công an tỉnh chủ trì, phối hợp với Văn phòng Tỉnh ủy và các cơ quan, đơn vị liên quan theo dõi, đôn đốc.",
        [("Đảng ủy Công an tỉnh", "lead", None, None), ("Văn phòng Tỉnh ủy", "coordinate", None, None)],
    ),
    (
        "1. Tiểu ban Nhân sự giúp Ban Chấp hành chuẩn bị phương án nhân sự.",
        [("Tiểu ban Nhân sự", "advise", None, None)],
    ),
    (
        "1. Các đoàn kiểm tra, giám sát xây dựng kế hoạch chi tiết, hoàn thành việc kiểm tra trước ngày 15/11/2024.",
        [("Các đoàn kiểm tra, giám sát", "implement", "2024-11-15", None)],
    ),
    # several bodies in one item
    (
        "1. Các ban cán sự đảng, đảng đoàn; các huyện ủy, thị ủy, thành ủy xây dựng kế hoạch.",
        [
            ("Các ban cán sự đảng, đảng đoàn", "implement", None, None),
            ("các huyện ủy, thị ủy, thành ủy", "implement", None, None),
        ],
    ),
    (
        "1. Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - xã hội tỉnh đẩy mạnh phong trào.",
        [
            ("Mặt trận Tổ quốc Việt Nam", "implement", None, None),
            ("các đoàn thể chính trị - xã hội tỉnh", "implement", None, None),
        ],
    ),
    (
        "1. Các Sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc đóng trên địa bàn xây dựng kế hoạch triển khai.",
        [
            ("Các Sở, ban, ngành, đoàn thể cấp tỉnh", "implement", None, None),
            ("cơ quan ngành dọc đóng trên địa bàn", "implement", None, None),
        ],
    ),
    (
        "1. Giám đốc Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã tổ chức thực hiện.",
        [("Giám đốc Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã", "implement", None, None)],
    ),
    (
        "1. Cấp ủy các chi bộ, đảng bộ cơ sở tổ chức quán triệt Kế hoạch này.",
        [("Cấp ủy các chi bộ, đảng bộ cơ sở", "implement", None, None)],
    ),
    (
        "1. Chánh Văn phòng UBND tỉnh; Giám đốc Sở: Tài chính, Xây dựng; Chủ tịch UBND cấp xã và các tổ chức, cá nhân liên quan chịu trách nhiệm thi hành.",
        [
            ("Chánh Văn phòng UBND tỉnh", "implement", None, None),
            ("Giám đốc Sở Tài chính", "implement", None, None),
            ("Giám đốc Sở Xây dựng", "implement", None, None),
            ("Chủ tịch UBND cấp xã", "implement", None, None),
            ("các tổ chức, cá nhân liên quan", "implement", None, None),
        ],
    ),
    (
        "1. Sở Văn hóa, Thể thao và Du lịch chỉ đạo trang trí cổ động.",
        [("Sở Văn hóa, Thể thao và Du lịch", "implement", None, None)],
    ),
    (
        "1. Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo công tác tuyên truyền.",
        [("Ban Tuyên giáo và Dân vận Tỉnh ủy", "implement", None, None)],
    ),
    # a heading naming the body, roles from its bullets
    # one task per bullet, each with its own role
    (
        "1. Sở Tài chính\n- Lập danh mục dự án.\n- Tham mưu phân bổ vốn.\n- Chủ trì, phối hợp với các cơ quan liên quan đề xuất nguồn vốn.",
        [
            ("Sở Tài chính", "implement", None, None),
            ("Sở Tài chính", "advise", None, None),
            ("Sở Tài chính", "lead", None, None),
        ],
    ),
    (
        "1. Sở Công Thương\n- Là cơ quan thường trực, có trách nhiệm tổng hợp, theo dõi, đôn đốc việc thực hiện.\n- Phối hợp với chính quyền địa phương rà soát.",
        [("Sở Công Thương", "monitor", None, None), ("Sở Công Thương", "coordinate", None, None)],
    ),
    (
        "1. Các Bộ: Công Thương, Xây dựng:\na) Khẩn trương ban hành kế hoạch;\nb) Chủ trì xây dựng cơ sở dữ liệu.",
        [
            ("Bộ Công Thương", "implement", None, None),
            ("Bộ Xây dựng", "implement", None, None),
            ("Bộ Công Thương", "lead", None, None),
            ("Bộ Xây dựng", "lead", None, None),
        ],
    ),
    (
        "1. Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:\n- Nghiên cứu, cụ thể hóa các mục tiêu.\n- Thường xuyên kiểm tra, giám sát.",
        [("Ủy ban nhân dân tỉnh", "implement", None, None)],
    ),
    # tasking verbs
    (
        "1. Giao Ban xây dựng đảng Đảng ủy chủ trì, hướng dẫn các cấp ủy.",
        [("Ban xây dựng đảng Đảng ủy", "lead", None, None)],
    ),
    (
        "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền, vận động.",
        [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "coordinate", None, None)],
    ),
    (
        "1. Tỉnh ủy A đề nghị các cơ quan, đơn vị của Trung ương treo cờ Tổ quốc từ ngày 10/5/2026 đến hết ngày 14/5/2026.",
        [("các cơ quan, đơn vị của Trung ương", "implement", "2026-05-14", None)],
    ),
    # deadlines
    (
        "1. Các huyện ủy xây dựng chương trình. Định kỳ trước ngày 15/11 hàng năm báo cáo kết quả về Đảng ủy Công an tỉnh.",
        [("Các huyện ủy", "implement", "--11-15", "yearly")],
    ),
    ("1. Sở Nội vụ tổng hợp, báo cáo trước ngày 20 hằng tháng.", [("Sở Nội vụ", "implement", "---20", "monthly")]),
    (
        "1. Đảng ủy UBND tỉnh lãnh đạo ban hành kế hoạch (hoàn thành trong tháng 01/2026).",
        [("Đảng ủy UBND tỉnh", "implement", "2026-01", None)],
    ),
    (
        "1. Bộ Tài chính chủ trì xây dựng Đề án, hoàn thành trong Quý III năm 2024.",
        [("Bộ Tài chính", "lead", "2024-09-30", None)],
    ),
    (
        "1. Ban Quản lý Khu kinh tế chủ trì xây dựng phương án, hoàn thành trong năm 2026.",
        [("Ban Quản lý Khu kinh tế", "lead", "2026", None)],
    ),
    (
        "1. Sở Y tế trình Ủy ban nhân dân tỉnh trước ngày 30 tháng 7 năm 2024.",
        [("Sở Y tế", "implement", "2024-07-30", None)],
    ),
    (
        "1. Ủy ban Kiểm tra Huyện ủy kiểm tra, giám sát; định kỳ 6 tháng báo cáo Ban Thường vụ.",
        [("Ủy ban Kiểm tra Huyện ủy", "monitor", None, "semiannual")],
    ),
    ("1. Phòng Dân tộc tổng hợp báo cáo định kỳ hằng quý.", [("Phòng Dân tộc", "implement", None, "quarterly")]),
    # not assignments
    ("1. UBND phường A đã nhận được 01 hồ sơ của Công ty B.", []),
    ("1. Tổ chức làm việc với các nhà đầu tư trong khu công nghiệp.", []),
    ("1. Ngành nghề kinh doanh chính: xây dựng công trình.", []),
]


@pytest.mark.parametrize("item,expected", CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_assignment(item, expected):
    assert assigned(item) == expected


def test_case_count():
    assert len(CASES) >= 30


def test_report_target_and_action():
    doc = parse_text(
        HEAD
        + "1. Các huyện ủy xây dựng chương trình. Định kỳ trước ngày 15/11 hàng năm báo cáo kết quả về Đảng ủy Công an tỉnh.\n"
    )
    (a,) = doc.assignments
    assert a.report_to == "Đảng ủy Công an tỉnh"
    assert a.action.startswith("xây dựng chương trình") and a.section == "I.1" and a.line == 12


def test_only_the_implementation_part_when_there_is_one():
    doc = parse_text(
        "KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW\n\nI. NHIỆM VỤ\n1. Sở Tài chính bố trí kinh phí.\n\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì theo dõi.\n"
    )
    assert [(a.body, a.section) for a in doc.assignments] == [("Sở Nội vụ", "II.1")]


def test_partners_in_a_heading_that_names_the_lead():
    """An item whose first sentence is its heading (bullets follow): its partners count too."""
    doc = parse_text(
        HEAD
        + "1. Sở Nội vụ chủ trì, phối hợp với Công an tỉnh tham mưu ban hành quy chế.\n- Rà soát quy định;\n- Báo cáo kết quả.\n"
    )
    assert [(a.body, a.role) for a in doc.assignments] == [("Sở Nội vụ", "lead"), ("Công an tỉnh", "coordinate")]


def test_a_report_tasks_nobody():
    doc = parse_text(
        "BÁO CÁO\nKết quả năm 2024\n\nI. KẾT QUẢ\n1. Đã hoàn thành.\n\nII. KIẾN NGHỊ\nĐề nghị Bộ Tài chính xem xét bổ sung kinh phí.\n"
    )
    assert doc.assignments == []


def test_functions_match_across_levels():
    doc = parse_text(
        HEAD
        + "1. Ban Tuyên giáo Tỉnh ủy chủ trì.\n2. Ban Tuyên giáo Đảng ủy Khối phối hợp.\n3. Sở Tài chính bố trí kinh phí.\n"
    )
    assert [a.function for a in doc.assignments] == ["propaganda", "propaganda", "sở: tài chính"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("giai đoạn 2021 - 2030, tầm nhìn đến năm 2045", []),
        ("Nghị quyết đã được thông qua ngày 07 tháng 12 năm 2023", []),
        ("hoàn thành chậm nhất là ngày 31/12/2025", [("2025-12-31", None)]),
        ("xong trước ngày 1/6/2025 và báo cáo trước ngày 15 hằng tháng", [("2025-06-01", None), ("---15", "monthly")]),
        # an hour before the date (urgent documents, a Công điện)
        ("hoàn thành trước 17 giờ ngày 25/10/2025", [("2025-10-25", None)]),
        ("báo cáo chậm nhất 10h00 ngày 5/11/2025", [("2025-11-05", None)]),
        ("gửi về Sở trước 8 giờ 30 phút, ngày 12 tháng 3 năm 2026", [("2026-03-12", None)]),
        # an hour that is not a due time
        ("họp lúc 14 giờ ngày 5/6/2025", []),
    ],
)
def test_deadline_forms(text, expected):
    assert [(d.date, d.recurrence) for d in find_deadlines(text)] == expected
