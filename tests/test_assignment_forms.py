"""Assignments in every form of document, case by case: Vietnamese sentences as real
documents print them, with the body, role and deadline a careful reader takes from them.

One table per form (công văn requests, a Quyết định's execution, a Thông báo's
conclusions, plans whose implementation part has another name, task tables,
persons, roles, deadlines). Each case is (text, [(body, role, deadline date), ...]).
"""

from __future__ import annotations

import pytest

from kehoach import parse_text

CV_HEAD = "BỘ CÔNG THƯƠNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 123/BCT-KH\nV/v triển khai nhiệm vụ\nHà Nội, ngày 05 tháng 3 năm 2025\n\nKính gửi: {to}\n\n"
CV_TAIL = "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn An\n"
QD_HEAD = "ỦY BAN NHÂN DÂN TỈNH A\nSố: 25/QĐ-UBND\nA, ngày 10 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\nBan hành kế hoạch\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH A\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
TB_HEAD = (
    "UBND TỈNH A\nSỞ CÔNG THƯƠNG\nSố: 78/TB-SCT\nA, ngày 05 tháng 3 năm 2025\n\nTHÔNG BÁO\nKết luận của Giám đốc Sở\n\n"
)
KH_HEAD = "ỦY BAN NHÂN DÂN TỈNH A\nSố: 09/KH-UBND\nA, ngày 06 tháng 8 năm 2025\n\nKẾ HOẠCH\nTriển khai thực hiện\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao nhận thức.\n"


def tasked(text: str) -> list[tuple]:
    doc = parse_text(text)
    return [(a.body, a.role, a.deadline.date if a.deadline else None) for a in doc.assignments]


# a công văn: the request to its addressee, in every form
LETTERS = [
    ("Bộ Tài chính", "Bộ Công Thương đề nghị Bộ Tài chính bố trí kinh phí.", [("Bộ Tài chính", "implement", None)]),
    (
        "Bộ Tài chính",
        "Để kịp thời triển khai nhiệm vụ, Bộ Công Thương đề nghị Bộ Tài chính, Bộ Xây dựng bố trí kinh phí trước ngày 30/6/2025.",
        [("Bộ Tài chính", "implement", "2025-06-30"), ("Bộ Xây dựng", "implement", "2025-06-30")],
    ),
    (
        "Bộ Tài chính",
        "Bộ Công Thương trân trọng đề nghị Bộ Tài chính quan tâm, hướng dẫn./.",
        [("Bộ Tài chính", "implement", None)],
    ),
    (
        "Bộ Tài chính",
        "Bộ Công Thương đề nghị quý Bộ sớm gửi ý kiến bằng văn bản trước ngày 15/3/2025.",
        [("Bộ Tài chính", "implement", "2025-03-15")],
    ),
    (
        "Ủy ban nhân dân tỉnh B",
        "Bộ Công Thương kính đề nghị quý Ủy ban chỉ đạo các sở rà soát.",
        [("Ủy ban nhân dân tỉnh B", "implement", None)],
    ),
    (
        "Công ty TNHH Beta",
        "Cục Thuế đề nghị Công ty căn cứ tình hình thực tế để thực hiện đúng quy định.",
        [("Công ty TNHH Beta", "implement", None)],
    ),
    (
        "Công ty cổ phần Alpha",
        "Thuế tỉnh A thông báo để Công ty cổ phần Alpha biết và thực hiện.",
        [("Công ty cổ phần Alpha", "implement", None)],
    ),
    (
        "các sở, ngành",
        "Bộ Công Thương yêu cầu các cơ quan, đơn vị báo cáo kết quả trước ngày 20 hằng tháng.",
        [("các cơ quan, đơn vị", "implement", "---20")],
    ),
    (
        "Bộ Tài chính",
        "Bộ Công Thương đề nghị Bộ Tài chính chủ trì, phối hợp với Bộ Xây dựng hướng dẫn.",
        [("Bộ Tài chính", "lead", None), ("Bộ Xây dựng", "coordinate", None)],
    ),
    # a letter's request to hear of difficulties is its request ("quý cơ quan": the addressee)
    (
        "Các cơ quan, tổ chức trong hệ thống chính trị",
        "Trong quá trình triển khai có gì vướng mắc, đề nghị Quý Cơ quan phản hồi về Bộ Công Thương.",
        [("Các cơ quan, tổ chức trong hệ thống chính trị", "implement", None)],
    ),
    # not a task: a fact
    ("Bộ Tài chính", "Bộ Công Thương đã nhận được văn bản của Bộ Tài chính.", []),
]


@pytest.mark.parametrize("to,body,expected", LETTERS, ids=[f"cv{i:02d}" for i in range(len(LETTERS))])
def test_letter_requests(to, body, expected):
    assert tasked(CV_HEAD.format(to=to) + body + CV_TAIL) == expected


# a Quyết định: its execution article in every shape, and the roles its other articles give
DECISIONS = [
    (
        "Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc các sở: Tài chính, Xây dựng; Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này./.",
        [
            ("Chánh Văn phòng UBND tỉnh", "implement", None),
            ("Giám đốc Sở Tài chính", "implement", None),
            ("Giám đốc Sở Xây dựng", "implement", None),
            ("Chủ tịch UBND các xã", "implement", None),
        ],
    ),
    (
        # the executors in a paragraph after the last article
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nChánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ và thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.",
        [
            ("Chánh Văn phòng UBND tỉnh", "implement", None),
            ("Giám đốc Sở Nội vụ", "implement", None),
            ("thủ trưởng các cơ quan, đơn vị liên quan", "implement", None),
        ],
    ),
    (
        # bodies and persons in one list
        "Điều 2. Chánh Văn phòng Sở, Trưởng phòng Kế hoạch - Tài chính và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        [
            ("Chánh Văn phòng Sở", "implement", None),
            ("Trưởng phòng Kế hoạch - Tài chính", "implement", None),
            ("các ông (bà) có tên tại Điều 1", "implement", None),
        ],
    ),
    (
        "Điều 2. Các ông (bà): Chánh Văn phòng UBND tỉnh, Giám đốc Sở Kế hoạch và Đầu tư, Sở Tài chính và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này.",
        [
            ("Chánh Văn phòng UBND tỉnh", "implement", None),
            ("Giám đốc Sở Kế hoạch và Đầu tư", "implement", None),
            ("Sở Tài chính", "implement", None),
            ("Thủ trưởng các cơ quan liên quan", "implement", None),
        ],
    ),
    (
        # another article gives an executor its role and deadline
        "Điều 2. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính xây dựng quy trình, hoàn thành trước ngày 28/11/2025.\n\nĐiều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế, Giám đốc Sở Tài chính chịu trách nhiệm thi hành Quyết định này.",
        [
            ("Chánh Văn phòng UBND tỉnh", "implement", None),
            ("Giám đốc Sở Y tế", "implement", None),
            ("Giám đốc Sở Tài chính", "implement", None),
            ("Sở Y tế", "lead", "2025-11-28"),
            ("Sở Tài chính", "coordinate", None),
        ],
    ),
    (
        # a Nghị quyết: giao ... tổ chức thực hiện, giám sát
        "Điều 2. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n2. Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân và đại biểu Hội đồng nhân dân tỉnh trong phạm vi nhiệm vụ, quyền hạn của mình giám sát việc thực hiện Nghị quyết.",
        [
            ("Ủy ban nhân dân tỉnh", "implement", None),
            ("Thường trực Hội đồng nhân dân", "monitor", None),
            ("các Ban Hội đồng nhân dân", "monitor", None),
            ("đại biểu Hội đồng nhân dân tỉnh", "monitor", None),
        ],
    ),
]


def test_a_plans_closing_request_to_report_difficulties_tasks_no_one():
    text = (
        KH_HEAD
        + "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì thực hiện.\n\nTrong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các sở, ngành phản ánh về Ủy ban nhân dân tỉnh./.\n"
    )
    assert tasked(text) == [("Sở Y tế", "lead", None)]


@pytest.mark.parametrize("articles,expected", DECISIONS, ids=[f"qd{i:02d}" for i in range(len(DECISIONS))])
def test_decision_execution(articles, expected):
    assert tasked(QD_HEAD + articles + "\n") == expected


# a Thông báo: the bodies its conclusions task; "the units named above" resolved
NOTICES = [
    (
        "1. Kết quả kiểm tra\nĐã kiểm tra các đơn vị: Công ty cổ phần Xây dựng Alpha; Công ty TNHH Beta.\n2. Kiến nghị\nĐể bảo đảm an toàn, Sở Công Thương yêu cầu các đơn vị nêu trên khắc phục tồn tại trước ngày 30/4/2025.",
        [
            ("Công ty cổ phần Xây dựng Alpha", "implement", "2025-04-30"),
            ("Công ty TNHH Beta", "implement", "2025-04-30"),
        ],
    ),
    (
        "1. Giao Phòng Kinh tế chủ trì, phối hợp với Phòng Tài chính - Kế hoạch rà soát, hoàn thành trong quý III/2025.\n2. Đề nghị Công ty Điện lực A bảo đảm cấp điện.",
        [
            ("Phòng Kinh tế", "lead", "2025-09-30"),
            ("Phòng Tài chính - Kế hoạch", "coordinate", None),
            ("Công ty Điện lực A", "implement", None),
        ],
    ),
    (
        # enumerated conclusions inside one paragraph
        "1. Về chuyển đổi số: (1) Sở Nội vụ ban hành hướng dẫn trước ngày 25/11/2025; (2) Sở Tài chính chủ trì, phối hợp các sở liên quan bố trí kinh phí; hoàn thành trước ngày 10/12/2025.",
        [("Sở Nội vụ", "implement", "2025-11-25"), ("Sở Tài chính", "lead", "2025-12-10")],
    ),
]


@pytest.mark.parametrize("body,expected", NOTICES, ids=[f"tb{i:02d}" for i in range(len(NOTICES))])
def test_notice_conclusions(body, expected):
    assert tasked(TB_HEAD + body + "\n") == expected


# plans whose implementation part has another name, items headed by a body
PLANS = [
    (
        "II. THỜI GIAN VÀ TRÁCH NHIỆM THỰC HIỆN\n1. Sở Y tế: chủ trì tổ chức tiêm chủng trong tháng 9/2025.",
        [("Sở Y tế", "lead", "2025-09")],
    ),
    (
        "II. PHÂN CÔNG NHIỆM VỤ\n1. Sở Tài chính\n- Bố trí kinh phí.\n- Tham mưu phân bổ vốn trước ngày 15/12 hằng năm.",
        [("Sở Tài chính", "implement", None), ("Sở Tài chính", "advise", "--12-15")],
    ),
    (
        "II. TRÁCH NHIỆM CỦA CÁC CƠ QUAN\n1. Trách nhiệm của Sở Nội vụ\n- Theo dõi, đôn đốc việc thực hiện Kế hoạch.",
        [("Sở Nội vụ", "monitor", None)],
    ),
    (
        "II. TỔ CHỨC THỰC HIỆN\n1. Các doanh nghiệp thứ cấp đang hoạt động trong khu công nghiệp\n- Tuân thủ các quy định về an toàn.",
        [("Các doanh nghiệp thứ cấp đang hoạt động trong khu công nghiệp", "implement", None)],
    ),
    # a body named twice with two roles gets both
    (
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\n- Chủ trì, phối hợp với Sở Tài chính xây dựng cơ sở dữ liệu.\n- Phối hợp với Văn phòng UBND tỉnh rà soát thủ tục.",
        [
            ("Sở Khoa học và Công nghệ", "lead", None),
            ("Sở Khoa học và Công nghệ", "implement", None),
            ("Sở Tài chính", "coordinate", None),
            ("Văn phòng UBND tỉnh", "coordinate", None),
        ],
    ),
]


@pytest.mark.parametrize("part,expected", PLANS, ids=[f"kh{i:02d}" for i in range(len(PLANS))])
def test_plan_parts(part, expected):
    assert tasked(KH_HEAD + part + "\n") == expected


# roles by the contract's rules
ROLES = [
    (
        "1. Sở Y tế chủ trì, phối hợp với Sở Tài chính hướng dẫn.",
        [("Sở Y tế", "lead", None), ("Sở Tài chính", "coordinate", None)],
    ),
    (
        "1. Sở Y tế phối hợp với Sở Tài chính thực hiện kiểm kê.",
        [("Sở Y tế", "implement", None), ("Sở Tài chính", "coordinate", None)],
    ),
    ("1. Sở Y tế phối hợp với các cơ quan liên quan thực hiện kiểm kê.", [("Sở Y tế", "coordinate", None)]),
    (
        "1. Văn phòng UBND tỉnh có trách nhiệm tham mưu Ủy ban nhân dân tỉnh theo dõi việc thực hiện.",
        [("Văn phòng UBND tỉnh", "advise", None)],
    ),
    ("1. Sở Nội vụ hướng dẫn, đôn đốc, kiểm tra việc thực hiện Kế hoạch này.", [("Sở Nội vụ", "monitor", None)]),
    ("1. Sở Công Thương tăng cường kiểm tra các cơ sở kinh doanh xăng dầu.", [("Sở Công Thương", "implement", None)]),
    (
        "1. Ủy ban Mặt trận Tổ quốc tỉnh tuyên truyền, vận động Nhân dân thực hiện và tham gia giám sát.",
        [("Ủy ban Mặt trận Tổ quốc tỉnh", "implement", None)],
    ),
]

# deadlines of every printed form, on their own task
DEADLINES = [
    ("1. Sở Y tế trình Ủy ban nhân dân tỉnh trước ngày 30/6/2025.", [("Sở Y tế", "implement", "2025-06-30")]),
    ("1. Sở Y tế xây dựng đề án, hoàn thành trong quý III năm 2025.", [("Sở Y tế", "implement", "2025-09-30")]),
    ("1. Sở Y tế báo cáo kết quả trước ngày 15/11 hằng năm.", [("Sở Y tế", "implement", "--11-15")]),
    ("1. Sở Y tế tổng hợp, báo cáo định kỳ 6 tháng.", [("Sở Y tế", "implement", None)]),
    ("1. Sở Y tế báo cáo nhanh trước 17 giờ ngày 25/10/2025.", [("Sở Y tế", "implement", "2025-10-25")]),
    (
        "1. Sở Y tế rà soát trước ngày 10/5/2025; Sở Tài chính bố trí kinh phí trước ngày 20/5/2025.",
        [("Sở Y tế", "implement", "2025-05-10"), ("Sở Tài chính", "implement", "2025-05-20")],
    ),
]


@pytest.mark.parametrize("item,expected", ROLES + DEADLINES, ids=[f"r{i:02d}" for i in range(len(ROLES + DEADLINES))])
def test_roles_and_deadlines(item, expected):
    assert tasked(KH_HEAD + "II. TỔ CHỨC THỰC HIỆN\n" + item + "\n") == expected


def test_recurrence_is_kept():
    doc = parse_text(KH_HEAD + "II. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế tổng hợp, báo cáo định kỳ 6 tháng.\n")
    assert doc.assignments[0].deadline.recurrence == "semiannual"


# named persons kept as persons
def test_duties_of_named_persons():
    doc = parse_text(
        KH_HEAD + "II. TỔ CHỨC THỰC HIỆN\n1. Phân công nhiệm vụ\n"
        "- Đồng chí Nguyễn Văn An - Trưởng đoàn: phụ trách chung.\n- Đồng chí Lê Thị Bình - Thành viên: kiểm tra hồ sơ.\n"
        "2. Phó Thủ tướng Chính phủ Trần Hồng Hà chỉ đạo, đôn đốc việc thực hiện.\n"
    )
    assert [(a.person, a.role) for a in doc.assignments] == [
        ("Nguyễn Văn An", "implement"),
        ("Lê Thị Bình", "monitor"),
        ("Trần Hồng Hà", "monitor"),
    ]
    assert all(a.function == "members" or a.person == "Trần Hồng Hà" for a in doc.assignments)


# a task table in an appendix
def test_task_table_in_an_appendix():
    text = (
        KH_HEAD + "II. TỔ CHỨC THỰC HIỆN\n1. Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n\n"
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 09/KH-UBND ngày 06 tháng 8 năm 2025)\n\n"
        "| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Rà soát quy hoạch | Sở Xây dựng | Sở Tài chính; UBND các xã | Quý IV/2025 |\n"
        "| 2 | Xây dựng cơ sở dữ liệu | Sở Khoa học và Công nghệ | Sở Nội vụ | Trước ngày 30/11/2025 |\n"
    )
    doc = parse_text(text)
    (appendix,) = doc.appendices
    got = [(a.body, a.role, a.deadline.date if a.deadline else None) for a in appendix.assignments]
    assert got == [
        ("Sở Xây dựng", "lead", "2025-12-31"),
        ("Sở Tài chính", "coordinate", None),
        ("UBND các xã", "coordinate", None),
        ("Sở Khoa học và Công nghệ", "lead", "2025-11-30"),
        ("Sở Nội vụ", "coordinate", None),
    ]
