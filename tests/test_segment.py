"""The segmenter, one rule per case, on layouts seen in real documents.

Each case is a document (usually a Kế hoạch's body, sometimes whole) and the
outline it must give: top-level sections as "label:heading[child labels]".
The variants re-wrap, renumber, re-encode and re-punctuate the same shapes
the seeds and the real corpus show.
"""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from kehoach import parse_bytes, parse_text
from tests.conftest import outline, segment_outline

HEAD = "KẾ HOẠCH\nthực hiện Kết luận số 02-KL/TW của Ban Bí thư\n\n"

PARTS = """{i} MỤC ĐÍCH, YÊU CẦU

1. Quán triệt sâu sắc nội dung Kết luận đến cán bộ, đảng viên.

2. Cấp ủy các chi bộ cụ thể hóa triển khai thực hiện kịp thời.

{ii} NHIỆM VỤ, GIẢI PHÁP

1. Tăng cường sự lãnh đạo của các cấp ủy

- Cấp ủy các chi bộ triển khai, phổ biến, quán triệt Kết luận.

- Phát huy vai trò của các đoàn thể.

{iii} TỔ CHỨC THỰC HIỆN

1. Ban Tuyên giáo tham mưu Ban Thường vụ chỉ đạo thực hiện.
"""

EXPECTED_PARTS = [
    "I:MỤC ĐÍCH, YÊU CẦU[1,2]",
    "II:NHIỆM VỤ, GIẢI PHÁP[1]",
    "III:TỔ CHỨC THỰC HIỆN[1]",
]


def parts(style: str) -> str:
    labels = {
        "dash": ("I-", "II-", "III-"),
        "dot": ("I.", "II.", "III."),
        "endash": ("I –", "II –", "III –"),
        "colon": ("I:", "II:", "III:"),
    }[style]
    return HEAD + PARTS.format(i=labels[0], ii=labels[1], iii=labels[2])


CASES: list[tuple[str, str, list[str]]] = [
    ("roman-dash (seed 000)", parts("dash"), EXPECTED_PARTS),
    ("roman-dot (seed 003)", parts("dot"), EXPECTED_PARTS),
    ("roman-endash-spaced", parts("endash"), EXPECTED_PARTS),
    ("roman-colon", parts("colon"), EXPECTED_PARTS),
    (
        "phan-roman",
        HEAD + "PHẦN I. ĐÁNH GIÁ TÌNH HÌNH\n\n1. Kết quả đạt được.\n\nPHẦN II. NHIỆM VỤ\n\n1. Nhiệm vụ trọng tâm.\n",
        ["PHẦN I:ĐÁNH GIÁ TÌNH HÌNH[1]", "PHẦN II:NHIỆM VỤ[1]"],
    ),
    (
        "phan-thu-nhat",
        HEAD
        + "Phần thứ nhất: TÌNH HÌNH THỰC HIỆN\n\nI. Kết quả\n\n1. Đã tổ chức quán triệt.\n\nPhần thứ hai: NHIỆM VỤ\n\nI. Nhiệm vụ chung\n",
        ["Phần thứ nhất:TÌNH HÌNH THỰC HIỆN[I]", "Phần thứ hai:NHIỆM VỤ[I]"],
    ),
    (
        "roman-sentence-case-heading",
        HEAD
        + "I. Mục đích, yêu cầu\n\n1. Quán triệt nội dung.\n\nII. Nhiệm vụ, giải pháp\n\n1. Tăng cường tuyên truyền.\n",
        ["I:Mục đích, yêu cầu[1]", "II:Nhiệm vụ, giải pháp[1]"],
    ),
    (
        "arabic-paren",
        HEAD + "I. NHIỆM VỤ\n\n1) Rà soát các văn bản.\n\n2) Tổ chức tập huấn.\n",
        ["I:NHIỆM VỤ[1,2]"],
    ),
    (
        "dotted-under-arabic",
        HEAD
        + "I. NHIỆM VỤ\n\n1. Về công tác tuyên truyền\n\n1.1. Đổi mới nội dung tuyên truyền.\n\n1.2. Đa dạng hóa hình thức.\n\n2. Về kiểm tra\n\n2.1. Kiểm tra định kỳ.\n",
        ["I:NHIỆM VỤ[1,2]"],
    ),
    (
        "letters-paren-under-arabic (Chỉ thị 13/CT-TTg)",
        HEAD
        + "1. Bộ Tài nguyên và Môi trường:\na) Khẩn trương nghiên cứu hệ thống đăng ký;\nb) Chủ trì xây dựng Nghị định.\n2. Bộ Tài chính chủ trì hoàn thiện Đề án.\n",
        ["1:Bộ Tài nguyên và Môi trường[a,b]", "2:[]"],
    ),
    (
        "letters-dot",
        HEAD + "I. NHIỆM VỤ\n\n1. Công tác tuyên truyền\n\na. Đổi mới nội dung.\n\nb. Đa dạng hình thức.\n",
        ["I:NHIỆM VỤ[1]"],
    ),
    (
        "dash-then-plus",
        HEAD
        + "I. NHIỆM VỤ\n\n1. Mục tiêu năm 2026\n\n- Thành lập mới khu công nghiệp, trong đó:\n\n+ Khu công nghiệp Bản Qua.\n\n+ Khu công nghiệp Võ Lao.\n\n- Hoàn thiện mặt bằng sạch.\n",
        ["I:NHIỆM VỤ[1]"],
    ),
    (
        "bullet-char",
        HEAD + "I. NHIỆM VỤ\n\n• Rà soát văn bản.\n\n• Tổ chức tập huấn.\n",
        ["I:NHIỆM VỤ[•,•]"],
    ),
    (
        "hard-wrapped-lines (seed 003)",
        HEAD
        + "I. MỤC TIÊU, YÊU CẦU\n\n1. Tổ chức triển khai, quán triệt Kết luận số 02-KL/TW về tiếp tục\nthực hiện Chỉ thị 47-CT/TW của Ban Bí thư, đồng thời tiếp tục thực hiện\ncó hiệu quả Kế hoạch 245-KH/TU của Tỉnh ủy.\n\n2. Nâng cao nhận thức trách nhiệm của các cấp ủy, tổ chức đảng, chính\nquyền trong công tác tuyên truyền.\n",
        ["I:MỤC TIÊU, YÊU CẦU[1,2]"],
    ),
    (
        "page-break-mid-sentence (seed 000)",
        HEAD
        + "II- NHIỆM VỤ, GIẢI PHÁP\n\n1. Tăng cường sự lãnh đạo\n\n- Cấp ủy các chi bộ có trách nhiệm chỉ đạo, tổ chức thực hiện công\n\ntác phòng cháy, chữa cháy tại cơ quan, đơn vị.\n\n- Phát huy vai trò của các đoàn thể.\n\nIV- TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng theo dõi.\n",
        ["II:NHIỆM VỤ, GIẢI PHÁP[1]", "IV:TỔ CHỨC THỰC HIỆN[1]"],
    ),
    (
        "page-marker-dash-number",
        HEAD
        + "I. NHIỆM VỤ\n\n1. Tăng cường công tác tuyên truyền, phổ biến pháp luật về phòng cháy\n\n- 2 -\n\nchữa cháy cho cán bộ, đảng viên.\n\n2. Kiểm tra, giám sát.\n",
        ["I:NHIỆM VỤ[1,2]"],
    ),
    (
        "ocr-page-marker (real 006)",
        HEAD
        + "I. QUAN ĐIỂM\n1. Quan điểm chỉ đạo\n\n- Phát triển các khu công nghiệp theo hướng bền vững. Tập trung phát triển\n\n\n\n===== Trang 2 =====\n2\n\ncác khu công nghiệp quy mô lớn.\n\n2. Mục tiêu năm 2026\n",
        ["I:QUAN ĐIỂM[1,2]"],
    ),
    (
        "ocr-bare-number (real 006)",
        HEAD
        + "II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU\n\n1 Đổi mới, tăng cường sự lãnh đạo của cấp ủy.\n\n2. Tăng cường hiệu lực quản lý nhà nước.\n\n"
        + "3. Hoàn thành quy hoạch.\n\n4. Rà soát các dự án.\n\nŠ. Tập trung giải phóng mặt bằng.\n\n6. Cải cách hành chính.\n",
        ["II:NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU[1,2,3,4,5,6]"],
    ),
    (
        "numbered-heading-vs-paragraph",
        HEAD
        + "I. NHIỆM VỤ\n\n1. Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy\n\n- Cấp ủy quán triệt Kết luận.\n\n2. Triển khai, quán triệt, nâng cao nhận thức của cấp ủy, cán bộ, đảng viên về công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ.\n",
        ["I:NHIỆM VỤ[1,2]"],
    ),
    (
        "articles (Quyết định)",
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện.\n\nĐiều 2. Trách nhiệm của các cơ quan, đơn vị\n\n1. Sở Tài chính chủ trì.\n\n2. Sở Nội vụ phối hợp.\n\nĐiều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.\n",
        ["Điều 1:[]", "Điều 2:Trách nhiệm của các cơ quan, đơn vị[1,2]", "Điều 3:[]"],
    ),
    (
        "chapters-and-articles (Quy chế)",
        "QUY CHẾ\nlàm việc của Ban Chỉ đạo\n\nChương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuy chế này quy định nguyên tắc làm việc.\n\nĐiều 2. Đối tượng áp dụng\n\nChương II\nNHIỆM VỤ\n\nĐiều 3. Nhiệm vụ của Trưởng ban\n",
        ["Chương I:QUY ĐỊNH CHUNG[Điều 1,Điều 2]", "Chương II:NHIỆM VỤ[Điều 3]"],
    ),
    (
        "article-titles-are-headings",
        "QUY ĐỊNH\nvề chế độ báo cáo\n\nĐiều 1. Phạm vi điều chỉnh\n\nĐiều 2. Đối tượng áp dụng\n\nĐiều 3. Quy định này có hiệu lực kể từ ngày ký.\n",
        ["Điều 1:Phạm vi điều chỉnh[]", "Điều 2:Đối tượng áp dụng[]", "Điều 3:[]"],
    ),
    (
        "markdown-bold-and-heading",
        "# KẾ HOẠCH\n\nthực hiện Chỉ thị số 47-CT/TW\n\n**I. MỤC ĐÍCH, YÊU CẦU**\n\n1. Quán triệt.\n\n**II. NHIỆM VỤ**\n\n1. Tuyên truyền.\n",
        ["I:MỤC ĐÍCH, YÊU CẦU[1]", "II:NHIỆM VỤ[1]"],
    ),
    (
        "layout-indented (pdftotext -layout, real 002)",
        "                         KẾ HOẠCH\n   Thực hiện Nghị quyết số 34-NQ/TU\n\n      I. MỤC ĐÍCH, YÊU CẦU\n      1. Mục đích\n      Cụ thể hóa Nghị quyết số 34-NQ/TU của Ban thường vụ Tỉnh ủy về phát triển\nkhu công nghiệp, cụm công nghiệp trên địa bàn tỉnh.\n      2. Yêu cầu\n      Phù hợp với quy hoạch tỉnh; phát huy tiềm năng, thế mạnh phát triển công\nnghiệp của tỉnh.\n      II. NỘI DUNG\n      1. Tập trung phát triển bền vững các khu công nghiệp, cụm công nghiệp\nđã thành lập\n      - Ban Quản lý Khu kinh tế đầu tư, hoàn thiện đồng bộ hạ tầng kỹ thuật.\n",
        ["I:MỤC ĐÍCH, YÊU CẦU[1,2]", "II:NỘI DUNG[1]"],
    ),
    (
        "dash-continuation-not-bullet",
        HEAD
        + "I. NHIỆM VỤ\n\n1. Mặt trận Tổ quốc và các tổ chức chính trị\n- xã hội tỉnh đẩy mạnh phong trào toàn dân.\n\n2. Kiểm tra.\n",
        ["I:NHIỆM VỤ[1,2]"],
    ),
    (
        "number-at-line-start-in-wrap",
        HEAD
        + "I. NHIỆM VỤ\n\n1. Nghiên cứu quy hoạch hạ tầng phòng cháy giai đoạn 2021 -\n2030, tầm nhìn đến năm 2050, đồng bộ với quy hoạch của các ngành, lĩnh vực.\n\n2. Xã hội hóa công tác phòng cháy.\n",
        ["I:NHIỆM VỤ[1,2]"],
    ),
    (
        "upper-letter-parts",
        HEAD
        + "A. KẾT QUẢ THỰC HIỆN\n\nI. Công tác lãnh đạo\n\n1. Đã ban hành kế hoạch.\n\nB. NHIỆM VỤ THỜI GIAN TỚI\n\nI. Nhiệm vụ chung\n",
        ["A:KẾT QUẢ THỰC HIỆN[I]", "B:NHIỆM VỤ THỜI GIAN TỚI[I]"],
    ),
    (
        "arabic-top-level (công văn)",
        "Kính gửi: Ủy ban nhân dân tỉnh\n\nThực hiện Chương trình hành động số 104-CTr/TU, đề nghị thực hiện như sau:\n1. Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:\n- Nghiên cứu, cụ thể hóa các mục tiêu.\n- Thường xuyên kiểm tra, giám sát.\n2. Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy; các chi\nbộ, đảng bộ cơ sở\nCác cấp ủy, tổ chức đảng chủ động quán triệt.\n",
        [
            "1:Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan[-,-]",
            "2:Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy; các chi bộ, đảng bộ cơ sở[]",
        ],
    ),
    (
        "ocr-lost-I-in-part-numbers",
        HEAD
        + "I- TÌNH HÌNH\nNội dung.\nI- QUAN ĐIỂM\n1. Quan điểm\nII- NHIỆM VỤ\n1. Một\nIV- TỔ CHỨC THỰC HIỆN\n1. Hai\n",
        ["I:TÌNH HÌNH[]", "II:QUAN ĐIỂM[1]", "III:NHIỆM VỤ[1]", "IV:TỔ CHỨC THỰC HIỆN[1]"],
    ),
    (
        "running-footer-with-the-file-name",
        HEAD + "I. NHIỆM VỤ\n1. Một\n12.KLTW.DOC 2\n2. Hai\n4.KLTW.DOC 1 0\n3. Ba\n",
        ["I:NHIỆM VỤ[1,2,3]"],
    ),
    (
        "capitals-heading-then-sentence-no-blank",
        HEAD + "I. MỤC ĐÍCH\nNội dung.\nII. YÊU CẦU\nNội dung.\n",
        ["I:MỤC ĐÍCH[]", "II:YÊU CẦU[]"],
    ),
    (
        "bold-heading-wrapped-by-a-converter",
        HEAD + "**I. QUY ĐỊNH CƠ\nCẤU, SỐ LƯỢNG**\n\n1. Một.\n",
        ["I:QUY ĐỊNH CƠ CẤU, SỐ LƯỢNG[1]"],
    ),
    (
        "articles: a title, an enacting sentence, the executors' list",
        "QUYẾT ĐỊNH\nVề việc thành lập Đoàn\n\nĐiều 1. Phạm vi điều chỉnh\nQuyết định này quy định.\nĐiều 2. Giao Giám đốc Sở Tài chính\n1. Tổ chức thực hiện.\nĐiều 3. Phê duyệt kế hoạch như sau:\n1. Mục tiêu.\nĐiều 4. Chánh Văn phòng, Giám đốc\nSở Tài chính chịu trách nhiệm thi hành Quyết định này./.\n",
        ["Điều 1:Phạm vi điều chỉnh[]", "Điều 2:[1]", "Điều 3:[1]", "Điều 4:[]"],
    ),
    (
        "dash-grounds-before-the-first-article-are-preamble",
        "NGHỊ QUYẾT\nVề chương trình phát triển\n\n- Căn cứ Luật Tổ chức chính quyền địa phương;\n- Xét Tờ trình số 12/TTr-UBND;\nQUYẾT NGHỊ:\nĐiều 1. Thông qua Chương trình.\nĐiều 2. Hiệu lực thi hành\nNghị quyết này có hiệu lực từ ngày ký.\n",
        ["Điều 1:[]", "Điều 2:Hiệu lực thi hành[]"],
    ),
    (
        "closing-paragraph-not-in-last-item",
        HEAD
        + "I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính chủ trì.\n\nTrên đây là Kế hoạch thực hiện Kết luận số 02-KL/TW, đề nghị các cơ quan triển khai thực hiện./.\n",
        ["I:TỔ CHỨC THỰC HIỆN[1]"],
    ),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_outline(name, text, expected):
    assert segment_outline(text) == expected  # the segment stage alone
    assert outline(parse_text(text)) == expected  # and the whole parse


def test_ocr_label_only_where_the_numbering_expects_it():
    doc = parse_text(HEAD + "I. NHIỆM VỤ\n\n1. Rà soát.\n\n2. Kiểm tra.\n\nŠ. Tập trung giải phóng mặt bằng.\n")
    assert [c.label for c in doc.sections[0].children] == ["1", "2"]


def test_case_count():
    assert len(CASES) >= 25


def test_wrapped_text_is_joined():
    doc = parse_text(CASES[13][1])
    item = doc.sections[0].children[0]
    assert "\n" not in item.text
    assert "về tiếp tục thực hiện Chỉ thị 47-CT/TW" in item.text
    assert item.lines == (item.lines[0], item.lines[0] + 2)


def test_page_break_joined_back():
    doc = parse_text(CASES[14][1])
    bullet = doc.sections[0].children[0].children[0]
    assert "thực hiện công tác phòng cháy, chữa cháy tại cơ quan" in bullet.text


def test_page_marker_removed_and_joined():
    doc = parse_text(CASES[15][1])
    item = doc.sections[0].children[0]
    assert item.text.endswith("phòng cháy chữa cháy cho cán bộ, đảng viên.")
    assert "2 -" not in item.text


def test_heading_or_paragraph_item():
    doc = parse_text(CASES[18][1])
    first, second = doc.sections[0].children
    assert first.heading == "Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy"
    assert second.heading is None and second.text.startswith("Triển khai, quán triệt")


def test_numbering_gap_warning():
    doc = parse_text(CASES[14][1])
    gaps = [w for w in doc.warnings if w.code == "numbering-gap"]
    assert len(gaps) == 1 and "II is followed by IV" in gaps[0].message


def test_no_gap_warning_for_continuous_numbering():
    doc = parse_text(parts("dot"))
    assert not [w for w in doc.warnings if w.code.startswith("numbering")]


def test_closing_paragraph_kept_apart():
    doc = parse_text(CASES[-1][1])
    assert doc.closing.startswith("Trên đây là")
    assert "Trên đây" not in doc.sections[0].children[0].text


def test_dash_continuation_joined():
    doc = parse_text(CASES[24][1])
    item = doc.sections[0].children[0]
    assert item.children == []
    assert "chính trị - xã hội tỉnh" in (item.heading or "") + item.text


def test_kinds_from_headings():
    doc = parse_text(parts("dot"))
    assert [s.kind for s in doc.sections] == ["purpose", "tasks", "implementation"]


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word saved it: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + "".join(c for c in decomposed if c in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf16-bom"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf16-le-no-bom"),
        pytest.param(lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), id="nfd"),
        pytest.param(lambda t: _cp1258(t), id="cp1258"),
        pytest.param(lambda t: t.replace("\n\n", "\n\f", 1).encode("utf-8"), id="form-feed"),
    ],
)
def test_encodings_and_line_endings(encode):
    text = parts("dash")
    doc = parse_bytes(encode(text))
    assert outline(doc) == EXPECTED_PARTS
    assert doc.sections[0].heading == "MỤC ĐÍCH, YÊU CẦU"  # composed (NFC) whatever came in


def test_line_numbers_survive_crlf():
    text = parts("dash")
    plain = parse_text(text)
    crlf = parse_bytes(text.replace("\n", "\r\n").encode())
    assert [s.lines for s in plain.sections] == [s.lines for s in crlf.sections]


_LETTER = (
    "SỞ TÀI CHÍNH\nSố: 12/STC-NS\nV/v kinh phí\n{block}\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn An\n"
)


@pytest.mark.parametrize(
    ("block", "addressees", "first_body"),
    [
        # no blank line anywhere: the list ends at the body's opener
        (
            "Kính gửi: Ủy ban nhân dân tỉnh\nThực hiện Công văn số 5/UBND-TH, Sở báo cáo như sau:",
            ["Ủy ban nhân dân tỉnh"],
            "Thực hiện",
        ),
        # ... or after an entry closed by a full stop
        (
            "Kính gửi:\n- Các sở, ban, ngành;\n- UBND các xã, phường.\nSở Tài chính đề nghị các đơn vị báo cáo.",
            ["Các sở, ban, ngành", "UBND các xã, phường"],
            "Sở Tài chính",
        ),
        # ... or at a numbered item
        ("Kính gửi: Các phòng chuyên môn\n1. Rà soát các khoản chi.", ["Các phòng chuyên môn"], "Rà soát"),
        # an entry wrapped over two lines stays one entry; a plain capitalised entry goes on the list
        (
            "Kính gửi:\n- Ủy ban nhân dân các huyện, thị\nxã, thành phố;\nBan Quản lý dự án tỉnh\n\nĐề nghị các đơn vị báo cáo.",
            None,
            "Đề nghị",
        ),
    ],
)
def test_addressee_list_ends_where_the_body_starts(block, addressees, first_body):
    doc = parse_text(_LETTER.format(block=block))
    if addressees is not None:
        assert doc.addressees == addressees
    else:
        assert len(doc.addressees) == 2 and doc.addressees[0].endswith("thị xã, thành phố")
    body = doc.preamble or (doc.sections[0].text if doc.sections else "")
    assert body.startswith(first_body)


def test_slash_markers():
    """'I/', '1/', 'a/' (an older style, common in some provinces); a date at a line start is not one."""
    text = (
        HEAD + "I/ MỤC ĐÍCH, YÊU CẦU\n1/ Quán triệt sâu sắc nội dung Kết luận.\n2/ Cấp ủy cụ thể hóa.\n"
        "II/ TỔ CHỨC THỰC HIỆN\n1/ Tăng cường lãnh đạo:\na/ Các cấp ủy chủ động.\nb/ Sở Tài chính bố trí kinh phí.\n"
        "2/ Tuyên truyền kết quả\n1/5/2024 là ngày khai mạc đợt tuyên truyền.\n"
    )
    doc = parse_text(text)
    assert outline(doc) == ["I:MỤC ĐÍCH, YÊU CẦU[1,2]", "II:TỔ CHỨC THỰC HIỆN[1,2]"]
    assert [c.label for c in doc.sections[1].children[0].children] == ["a", "b"]
    assert "1/5/2024 là ngày" in doc.sections[1].children[1].text
    dashed = parse_text(text.replace("a/ ", "a- ").replace("b/ ", "b - "))
    assert [c.label for c in dashed.sections[1].children[0].children] == ["a", "b"]


def _header_types():
    from kehoach.vocab import vocabulary

    return sorted({(t.code, t.names[0]) for t in vocabulary().doc_types if t.header and t.code not in ("CV",)})


@pytest.mark.parametrize(("code", "name"), _header_types(), ids=[c for c, _ in _header_types()])
def test_a_carried_document_of_every_type_is_an_appendix(code, name):
    """A document carried after the signature was found only when its type started with P, K,
    Q or C (ĐỀ ÁN, HƯỚNG DẪN, NGHỊ QUYẾT, BÁO CÁO, THÔNG BÁO gave no appendix)."""
    text = (
        "QUYẾT ĐỊNH\nVề việc ban hành văn bản\n\nĐiều 1. Ban hành kèm theo Quyết định này văn bản.\n"
        "Điều 2. Quyết định có hiệu lực từ ngày ký./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n\n"
        f"{name.upper()}\nvề nội dung được ban hành\n(Kèm theo Quyết định số 12/QĐ-UBND)\n\n"
        "I. MỤC ĐÍCH\nNội dung thứ nhất của văn bản được ban hành.\nNội dung thứ hai của văn bản.\nNội dung thứ ba.\n"
    )
    doc = parse_text(text)
    assert [s.label for s in doc.sections] == ["Điều 1", "Điều 2"], name
    assert len(doc.appendices) == 1, name
    assert doc.appendices[0].doc_type_name.lower() == name.lower()
