"""Citations, case by case, as real documents print them."""

from __future__ import annotations

import pytest

from kehoach import parse_text
from kehoach.extract.citations import Segment, extract_references


def refs(text: str, **kwargs):
    found, _ = extract_references(
        [Segment(text, lambda offset: 1)],
        own_symbol=kwargs.get("own"),
        locality=kwargs.get("locality", "Trà Vinh"),
        doc_date=kwargs.get("date"),
    )
    return [(r.kind, r.symbol or r.title, r.date, r.issuer) for r in found]


# (text, [(kind, symbol or law name, date, issuer), ...])
CASES = [
    # Party documents
    (
        "thực hiện Kết luận số 02-KL/TW, ngày 18/5/2021 của Ban Bí thư về tiếp tục",
        [("KL", "02-KL/TW", "2021-05-18", "Ban Bí thư")],
    ),
    ("Thực hiện Kết luận số 02-KL/TW ngày 18/5/2021 của Ban Bí thư", [("KL", "02-KL/TW", "2021-05-18", "Ban Bí thư")]),
    (
        "Chỉ thị số 47-CT/TW ngày 25/6/2015 của Ban Bí thư (Khóa XI) về “tăng cường",
        [("CT", "47-CT/TW", "2015-06-25", "Ban Bí thư")],
    ),
    ("tiếp tục thực hiện Chỉ thị 47-CT/TW của Ban Bí thư", [("CT", "47-CT/TW", None, "Ban Bí thư")]),
    (
        "Kế hoạch số 33-KH/TU, ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy thực hiện",
        [("KH", "33-KH/TU", "2021-09-28", "Ban Thường vụ Tỉnh ủy")],
    ),
    ("Kế hoạch 245-KH/TU ngày 17/9/2015 của Tỉnh ủy về thực hiện", [("KH", "245-KH/TU", "2015-09-17", "Tỉnh ủy")]),
    (
        "Nghị quyết số 29-NQ/TW, ngày 17/11/2022 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII",
        [("NQ", "29-NQ/TW", "2022-11-17", "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng")],
    ),
    (
        "Chương trình hành động số 104-CTr/TU ngày 30/8/2026 của Tỉnh ủy Lào Cai thực hiện",
        [("CTr", "104-CTr/TU", "2026-08-30", "Tỉnh ủy Lào Cai")],
    ),
    (
        "Hướng dẫn số 112-HD/BTGTW, ngày 20/12/2023 của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy hướng dẫn",
        [("HD", "112-HD/BTGTW", "2023-12-20", "Ban Tuyên giáo Trung ương")],
    ),
    (
        "Quy định số 22-QĐ/TW, ngày 28/7/2021 của Ban Chấp hành Trung ương về công tác kiểm tra",
        [("QĐ", "22-QĐ/TW", "2021-07-28", "Ban Chấp hành Trung ương")],
    ),
    (
        "Báo cáo số 210-BC/BCSĐ ngày 06/5/2024 của Ban cán sự đảng Ủy ban nhân dân tỉnh.",
        [("BC", "210-BC/BCSĐ", "2024-05-06", "Ban cán sự đảng Ủy ban nhân dân tỉnh")],
    ),
    (
        "Tờ trình số 562-TTr/ĐU ngày 13/3/2026 của Đảng ủy UBND tỉnh Lào Cai.",
        [("TTr", "562-TTr/ĐU", "2026-03-13", "Đảng ủy UBND tỉnh Lào Cai")],
    ),
    ("Thông tri số 05-TT/TW của Ban Bí thư", [("TT", "05-TT/TW", None, "Ban Bí thư")]),
    ("Quy chế số 05-QC/BTCTU-BDVTU ngày 12/4/2022", [("QC", "05-QC/BTCTU-BDVTU", "2022-04-12", None)]),
    (
        "Kết luận 75-KL/TW của Ban Chấp hành Trung ương Đảng, Chương trình",
        [("KL", "75-KL/TW", None, "Ban Chấp hành Trung ương Đảng")],
    ),
    ("Quy định số 18-QĐi/TW về việc", [("QĐi", "18-QĐi/TW", None, None)]),
    # state documents with a year
    (
        "Nghị định số 136/2020/NĐ-CP ngày 24/11/2020 của Chính phủ và các văn bản",
        [("NĐ", "136/2020/NĐ-CP", "2020-11-24", "Chính phủ")],
    ),
    (
        "Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện",
        [("NĐ", "45/2020/NĐ-CP", "2020-04-08", "Chính phủ")],
    ),
    ("Nghị định 35/2022/NĐ-CP", [("NĐ", "35/2022/NĐ-CP", None, None)]),
    (
        "Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Văn phòng Chính phủ hướng dẫn",
        [("TT", "02/2017/TT-VPCP", "2017-10-31", "Văn phòng Chính phủ")],
    ),
    (
        "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn",
        [("TT", "01/2018/TT-VPCP", "2018-11-23", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")],
    ),
    (
        "Quyết định số 19/2020/QĐ-UBND ngày 29/12/2020 của UBND tỉnh ban hành Quy chế",
        [("QĐ", "19/2020/QĐ-UBND", "2020-12-29", "UBND tỉnh")],
    ),
    (
        "Quyết định số 21/2024/QĐ-TTg ngày 22/11/2024 của Thủ tướng Chính phủ;",
        [("QĐ", "21/2024/QĐ-TTg", "2024-11-22", "Thủ tướng Chính phủ")],
    ),
    (
        "Nghị quyết số 15/2023/NQ-HĐND ngày 07/12/2023 của Hội đồng nhân dân tỉnh",
        [("NQ", "15/2023/NQ-HĐND", "2023-12-07", "Hội đồng nhân dân tỉnh")],
    ),
    ("Thông tư liên tịch số 07/2023/TTLT-BTC-BNV", [("TTLT", "07/2023/TTLT-BTC-BNV", None, None)]),
    (
        "Nghị định số 63/2010/NĐ-CP ngày 08/6/20210 của Chính phủ về kiểm soát",
        [("NĐ", "63/2010/NĐ-CP", "2010-06-08", "Chính phủ")],
    ),
    # state documents without a year
    (
        "Chỉ thị số 13/CT-TTg ngày 02/5/2024 của Thủ tướng Chính phủ",
        [("CT", "13/CT-TTg", "2024-05-02", "Thủ tướng Chính phủ")],
    ),
    (
        "Kế hoạch số 88/KH-UBND ngày 15/01/2024 của Ủy ban nhân dân tỉnh về cải cách",
        [("KH", "88/KH-UBND", "2024-01-15", "Ủy ban nhân dân tỉnh")],
    ),
    (
        "Quyết định số 3083/QĐ-BTC ngày 04/9/2025 của Bộ Tài chính về việc",
        [("QĐ", "3083/QĐ-BTC", "2025-09-04", "Bộ Tài chính")],
    ),
    (
        "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 326/TTr-STC ngày 09/9/2025.",
        [("TTr", "326/TTr-STC", "2025-09-09", "Giám đốc Sở Tài chính")],
    ),
    (
        "Thông báo số 711/TB-UBND ngày 22/7/2026 của UBND phường Cam Đường về việc",
        [("TB", "711/TB-UBND", "2026-07-22", "UBND phường Cam Đường")],
    ),
    (
        "Công điện số 70/CĐ-TTg ngày 18/7/2024 của Thủ tướng Chính phủ",
        [("CĐ", "70/CĐ-TTg", "2024-07-18", "Thủ tướng Chính phủ")],
    ),
    ("Quyết định số: 2339/QĐ-UBND ngày 12/12/2025", [("QĐ", "2339/QĐ-UBND", "2025-12-12", None)]),
    # công văn (no type code)
    (
        "Văn bản số 1289/UBND-TH ngày 23/02/2026 Ủy ban nhân dân tỉnh về việc",
        [("CV", "1289/UBND-TH", "2026-02-23", "Ủy ban nhân dân tỉnh")],
    ),
    (
        "Công văn số 1122/BTC-NSNN ngày 05/11/2024 của Bộ Tài chính, Sở Tài chính báo cáo",
        [("CV", "1122/BTC-NSNN", "2024-11-05", "Bộ Tài chính")],
    ),
    (
        "Công văn số 212/SCT-QLCN ngày 03 tháng 7 năm 2025 của Sở Công Thương",
        [("CV", "212/SCT-QLCN", "2025-07-03", "Sở Công Thương")],
    ),
    # laws, by symbol and by name
    (
        "khoản 16 Điều I Luật số 146/2025/QH15 của Quốc hội: Luật sửa đổi, bổ sung một số điều của 15 luật",
        [("Luật", "146/2025/QH15", None, "Quốc hội")],
    ),
    (
        "Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15 ngày 29 tháng 11 năm 2024;",
        [("Luật", "55/2024/QH15", "2024-11-29", None)],
    ),
    (
        "Luật Phòng cháy, chữa cháy, Nghị định số 136/2020/NĐ-CP",
        [("NĐ", "136/2020/NĐ-CP", None, None), ("Luật", "Luật Phòng cháy, chữa cháy", None, None)],
    ),
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
        [("Luật", "Luật Tổ chức chính quyền địa phương", "2025-06-16", None)],
    ),
    (
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
        [("Luật", "Luật Ngân sách nhà nước", "2015-06-25", None)],
    ),
    (
        "Luật Đất đai năm 2024 được Quốc hội thông qua ngày 18/01/2024",
        [("Luật", "Luật Đất đai năm 2024", "2024-01-18", None)],
    ),
    # two laws of one name, told apart by their dates or years; a bare mention joins the first
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
        [
            ("Luật", "Luật Tổ chức chính quyền địa phương", "2015-06-19", None),
            ("Luật", "Luật Tổ chức chính quyền địa phương", "2025-06-16", None),
        ],
    ),
    (
        "theo Luật Đất đai; Luật Đất đai năm 2013 và Luật Đất đai năm 2024",
        [("Luật", "Luật Đất đai năm 2013", None, None), ("Luật", "Luật Đất đai năm 2024", None, None)],
    ),
    # a comma and a lower-case word go on with a law's name, unless the word starts something else
    ("Căn cứ Luật Đất đai, các sở triển khai thực hiện", [("Luật", "Luật Đất đai", None, None)]),
    # a date that is not the law's: after a clause break
    ("theo Luật Đất đai; ngày 5/6/2024 họp", [("Luật", "Luật Đất đai", None, None)]),
    ("theo quy định tại khoản 2 Điều 157 Luật Đất đai năm 2024;", [("Luật", "Luật Đất đai năm 2024", None, None)]),
    ("theo Luật đầu tư công và pháp luật có liên quan", [("Luật", "Luật đầu tư công", None, None)]),
    ("Điều 52 Luật Bảo vệ môi trường và khoản 16", [("Luật", "Luật Bảo vệ môi trường", None, None)]),
    ("Căn cứ Hiến pháp năm 2013;", [("HP", "Hiến pháp năm 2013", None, None)]),
    (
        "Pháp lệnh Ưu đãi người có công với cách mạng",
        [("PL", "Pháp lệnh Ưu đãi người có công với cách mạng", None, None)],
    ),
    (
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;",
        [
            (
                "Luật",
                "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
                "2019-11-22",
                None,
            )
        ],
    ),
    (
        "thực hiện Công ước khung của Liên hợp quốc về biến đổi khí hậu (COP26)",
        [("Điều ước", "Công ước khung của Liên hợp quốc về biến đổi khí hậu", None, None)],
    ),
    # a treaty named alone (the law pass once ran only when "Luật", "Công ước" ... or "Th" was in the text)
    (
        "thực hiện nghiêm Nghị định thư giữa hai Chính phủ về hợp tác biên giới.",
        [("Điều ước", "Nghị định thư giữa hai Chính phủ về hợp tác biên giới", None, None)],
    ),
    ("thực hiện Thoả thuận hợp tác giữa hai tỉnh", [("Điều ước", "Thoả thuận hợp tác giữa hai tỉnh", None, None)]),
    # no law inside another word or after a slash
    ("tham khảo tài liệu SoLuật mới", []),
    # wrapped over a line break (joined by the paragraph builder before the citation pass)
    ("nội dung Kết luận số 02-KL/TW đến cán bộ", [("KL", "02-KL/TW", None, None)]),
    # lists sharing an issuer
    (
        "(Quyết định số 1902/QĐ-UBND ngày 16/6/2025 và Quyết định số: 2339/QĐ-UBND ngày 12/12/2025 của Ủy ban nhân dân tỉnh Lào Cai).",
        [
            ("QĐ", "1902/QĐ-UBND", "2025-06-16", "Ủy ban nhân dân tỉnh Lào Cai"),
            ("QĐ", "2339/QĐ-UBND", "2025-12-12", "Ủy ban nhân dân tỉnh Lào Cai"),
        ],
    ),
    (
        "Căn cứ các Quyết định của Bộ trưởng Bộ Lao động - Thương binh và Xã hội: Số 1025/QĐ-LĐTBXH ngày 03/8/2016 về việc công bố thủ tục; số 547/QĐ-LĐTBXH ngày 21/5/2020 về việc công bố",
        [
            ("QĐ", "1025/QĐ-LĐTBXH", "2016-08-03", "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"),
            ("QĐ", "547/QĐ-LĐTBXH", "2020-05-21", "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"),
        ],
    ),
    (
        "được Chủ tịch UBND tỉnh công bố tại các Quyết định: Số 2196/QĐ-UBND ngày 28/12/2021, số 1741/QĐ-UBND ngày 14/11/2019.",
        [
            ("QĐ", "2196/QĐ-UBND", "2021-12-28", "Chủ tịch UBND tỉnh"),
            ("QĐ", "1741/QĐ-UBND", "2019-11-14", "Chủ tịch UBND tỉnh"),
        ],
    ),
    # one document cited several times
    (
        "Kết luận số 02-KL/TW ngày 18/5/2021; triển khai Kết luận số 02-KL/TW và Kế hoạch này",
        [("KL", "02-KL/TW", "2021-05-18", None)],
    ),
    # false friends
    ("hỗ trợ cho số 10 đơn vị trong năm 2021", []),
    ("giai đoạn 2021-2030, tầm nhìn đến năm 2045", []),
    ("Giấy chứng nhận đăng ký doanh nghiệp số: 0106028855 do Sở Kế hoạch và Đầu tư cấp", []),
    ("Điện thoại: 0246.285.2289; địa chỉ: Số 5 + N6 - B19 Nghĩa Tân", []),
    ("triển khai Kế hoạch này đến toàn thể cán bộ", []),
    # technical standards are cited by their symbols
    (
        "theo QCVN 06:2022/BXD và TCVN 5738:2021",
        [("QCVN", "QCVN06:2022/BXD", None, None), ("TCVN", "TCVN5738:2021", None, None)],
    ),
    (
        "kho chứa đáp ứng TCVN 5507 : 2002 và tiêu chuẩn ngành 22 TCN 265-06",
        [("TCVN", "TCVN5507:2002", None, None), ("TCN", "22TCN265-06", None, None)],
    ),
    # a unit code printed after a hyphen and a space
    ("tại Tờ trình số 15/TTr-CAT- PV01 ngày 03 tháng 02 năm 2025", [("TTr", "15/TTr-CAT-PV01", "2025-02-03", None)]),
    # the date and the issuer printed before the citation
    (
        "Ngày 12/5/2025, Bộ Tài chính ban hành Quyết định số 123/QĐ-BTC về việc X.",
        [("QĐ", "123/QĐ-BTC", "2025-05-12", "Bộ Tài chính")],
    ),
    # an issuer read as a body's name: commas and "và" inside it, its end before the title
    (
        "Quyết định số 3253/QĐ-BVHTTDL ngày 10/9/2025 của Bộ Văn hóa, Thể thao và Du lịch về việc công bố",
        [("QĐ", "3253/QĐ-BVHTTDL", "2025-09-10", "Bộ Văn hóa, Thể thao và Du lịch")],
    ),
    (
        "Công văn số 7093/BKH-HTX của Bộ Kế hoạch và Đầu tư hướng dẫn",
        [("CV", "7093/BKH-HTX", None, "Bộ Kế hoạch và Đầu tư")],
    ),
    ("Nghị quyết số 57-NQ/TW của Bộ Chính trị trên địa bàn tỉnh", [("NQ", "57-NQ/TW", None, "Bộ Chính trị")]),
    (
        "Nghị định số 136/2020/NĐ-CP của Chính phủ và các văn bản hướng dẫn",
        [("NĐ", "136/2020/NĐ-CP", None, "Chính phủ")],
    ),
    (
        "báo cáo thẩm định của Sở Tư pháp số 316/BC-STP ngày 25 tháng 9 năm 2025",
        [("BC", "316/BC-STP", "2025-09-25", "Sở Tư pháp")],
    ),
    (
        "Xét đề nghị của Chính phủ tại Tờ trình số 347/TTr-CP và Đề án số 348/ĐA-CP ngày 09 tháng 5 năm 2025,",
        [("TTr", "347/TTr-CP", None, "Chính phủ"), ("ĐA", "348/ĐA-CP", "2025-05-09", "Chính phủ")],
    ),
    (
        "mức chi phí của địa phương theo khoản 1 Công văn số 9335/BNV-KHTC ngày 14/10/2025 của Bộ Nội vụ",
        [("CV", "9335/BNV-KHTC", "2025-10-14", "Bộ Nội vụ")],
    ),
    (
        "theo Quyết định số 3212/QĐ-BKHCN ngày 17/10/2025 của Bộ trưởng Bộ Khoa học và Công nghệ công bố",
        [("QĐ", "3212/QĐ-BKHCN", "2025-10-17", "Bộ trưởng Bộ Khoa học và Công nghệ")],
    ),
    (
        "(KÈM THEO QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH KẾ HOẠCH)",
        [("QĐ", "1899/QĐ-TTG", "2025-09-04", "THỦ TƯỚNG CHÍNH PHỦ")],
    ),
    ("Đề án 08 về phát triển công nghiệp", []),
    ("Kế hoạch của Ban Thường vụ Đảng ủy Khối", []),
    ("tỷ lệ 1/2 số hộ, đạt 50%", []),
    ("theo quy định của pháp luật về đất đai", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_citation(text, expected):
    assert refs(text) == expected


def test_case_count():
    assert len(CASES) >= 60


def test_every_mention_is_kept_with_its_line():
    doc = parse_text(
        "KẾ HOẠCH\nthực hiện Kết luận số 02-KL/TW\n\nI. MỤC ĐÍCH\n1. Quán triệt Kết luận số 02-\nKL/TW của Ban Bí thư.\n2. Tuyên truyền Kết luận số 02-KL/TW.\n"
    )
    (ref,) = [r for r in doc.references if r.symbol]
    assert ref.symbol == "02-KL/TW" and [m.line for m in ref.mentions] == [2, 5, 7]
    assert ref.issuer == "Ban Bí thư"


def test_own_symbol_is_not_a_reference():
    assert refs("Ban hành kèm theo Quyết định số 2345/QĐ-BYT ngày 12/8/2024", own="2345/QĐ-BYT") == []


def test_scope_and_locality():
    found, _ = extract_references(
        [Segment("Kế hoạch số 33-KH/TU của Tỉnh ủy và Kết luận số 02-KL/TW của Ban Bí thư", lambda o: 1)],
        own_symbol=None,
        locality="Trà Vinh",
        doc_date=None,
    )
    by = {r.symbol: r for r in found}
    assert (by["33-KH/TU"].scope, by["33-KH/TU"].locality) == ("local", "Trà Vinh")
    assert (by["02-KL/TW"].scope, by["02-KL/TW"].locality) == ("national", None)


def test_typo_merged_with_a_warning():
    text = "Kết luận số 02-KL/TW ngày 18/5/2021; quán triệt Kết luận số 02-KL/TU về tiếp tục; Kết luận số 02-KL/TW và Chỉ thị 47-CT/TW"
    found, warnings = extract_references([Segment(text, lambda o: 1)], own_symbol=None, locality=None, doc_date=None)
    assert [r.symbol for r in found] == ["02-KL/TW", "47-CT/TW"]
    assert len(found[0].mentions) == 3
    assert [w.code for w in warnings] == ["symbol-typo"]


def test_no_typo_merge_between_equals():
    """33-KH/TU and 33-KH/HU, each cited once, are two documents, not a typo."""
    found, warnings = extract_references(
        [Segment("Kế hoạch 33-KH/TU và Kế hoạch 33-KH/HU", lambda o: 1)], own_symbol=None, locality=None, doc_date=None
    )
    assert len(found) == 2 and not warnings


def test_citation_date_after_document_warned():
    _, warnings = extract_references(
        [Segment("Quyết định số 1955/QĐ-UBND ngày 19/6/2026 của UBND tỉnh", lambda o: 1)],
        own_symbol=None,
        locality=None,
        doc_date="2026-03-26",
    )
    assert [w.code for w in warnings] == ["citation-date-after-document"]


def test_a_symbol_in_the_capitals_of_a_title_is_no_typo():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH A\nSố: 12/KH-UBND\nA, ngày 01 tháng 02 năm 2025\n\nKẾ HOẠCH\n"
        "TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025\n\n"
        "Thực hiện Quyết định số 06/QĐ-TTg ngày 02/01/2025 của Thủ tướng Chính phủ; Quyết định số 06/QĐ-TTg ...\n\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính chủ trì thực hiện.\n"
    )
    doc = parse_text(text)
    assert [(r.symbol, r.scope) for r in doc.references] == [("06/QĐ-TTg", "national")]
    assert not [w for w in doc.warnings if w.code == "symbol-typo"]


def test_an_appendix_is_not_the_document_its_heading_names():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH A\nSố: 12/KH-UBND\nA, ngày 01 tháng 02 năm 2025\n\nKẾ HOẠCH\nThực hiện Nghị quyết\n\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính chủ trì thực hiện.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n\n"
        "PHỤ LỤC I\nTỔNG HỢP KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 66/NQ-CP NGÀY 26 THÁNG 3 NĂM 2025 CỦA CHÍNH PHỦ\n"
        "(Kèm theo Kế hoạch số 12/KH-UBND ngày 01 tháng 02 năm 2025)\n\n1. Nội dung A.\n"
    )
    doc = parse_text(text)
    assert doc.appendices
    appendix = doc.appendices[0]
    assert (appendix.symbol, appendix.doc_type) == (None, None)
