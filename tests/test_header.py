"""The header, read by what each piece is, on the forms real copies print it in.

Each case is the top of a document (and a line of body, so that a body exists) and the
header fields it must give. The forms come from the wild corpus: web pages saved as
Markdown (tables flattened into '|' cells, bold runs cut across lines, site chrome),
Word dumps with ' | ' between cells, linearised OCR, word-segmented datasets.
"""

from __future__ import annotations

import pytest

from kehoach import parse_text

BODY = "\n\nI. MỤC ĐÍCH\n1. Quán triệt nội dung.\n"

CASES = [
    (
        "flattened table, bold runs and the date line wrapped, Số on its own line",
        "|\n**ỦY BAN NHÂN\nDÂN **\nTỈNH LAI CHÂU\n--------\n|\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
        "---------------\n|\n|\nSố:\n87/2025/QĐ-UBND\n|\n*Lai Châu, ngày\n19 tháng 11 năm 2025*\n|\n\n**QUYẾT ĐỊNH**\n\nVỀ NẾP SỐNG VĂN MINH\n",
        {
            "doc_type": "QĐ",
            "symbol": "87/2025/QĐ-UBND",
            "issuer": "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
            "parent": None,
            "place": "Lai Châu",
            "date": "2025-11-19",
            "title": "VỀ NẾP SỐNG VĂN MINH",
        },
    ),
    (
        "a wrap inside the head of the issuer ('CHỦ TỊCH ỦY' / 'BAN NHÂN DÂN')",
        "|\n**CHỦ TỊCH ỦY\nBAN NHÂN DÂN**\nTỈNH ĐỒNG THÁP\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 144/2025/QĐ-CTUBND\n|\n*Đồng Tháp,\nngày 02 tháng 12 năm 2025*\n|\n\n**QUYẾT ĐỊNH**\n\nBAN HÀNH QUY CHẾ\n",
        {"issuer": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "symbol": "144/2025/QĐ-CTUBND", "date": "2025-12-02"},
    ),
    (
        "a bold run over two units of a Party issuer block keeps them apart",
        "**ĐẢNG BỘ TỈNH TRÀ VINH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN\nVÀ DOANH NGHIỆP**\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nTrà Vinh, ngày 01 tháng 11 năm 2021\n\nSố 37-KH/ĐUK\n\nKẾ HOẠCH\nthực hiện Kết luận số 02-KL/TW\n",
        {
            "issuer": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP",
            "parent": "ĐẢNG BỘ TỈNH TRÀ VINH",
            "symbol": "37-KH/ĐUK",
        },
    ),
    (
        "a web site's banner and metadata table before the document, its lists after",
        "Bản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**.\n#\n**Số hiệu:**\n|\n1936/QĐ-UBND\n|\n**Loại văn bản:**\n|\nQuyết định\n|\n**Ngày ban hành:**\n|\n19/11/2025\n|\n"
        "**ỦY BAN NHÂN DÂN**\nTỈNH THÁI NGUYÊN\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 1936/QĐ-UBND\n|\n*Thái Nguyên, ngày\n19 tháng 11 năm 2025*\n|\n**QUYẾT ĐỊNH**\nVỀ VIỆC CÔNG BỐ DANH MỤC\n"
        "\nĐiều 1. Công bố danh mục.\n\nVăn bản này chưa cập nhật nội dung Tiếng Anh\n## Văn bản liên quan\nQuyết định 12/QĐ-UBND ngày 01/01/2020\n",
        {
            "doc_type": "QĐ",
            "symbol": "1936/QĐ-UBND",
            "issuer": "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
            "date": "2025-11-19",
            "references": [],
        },
    ),
    (
        "a công văn: V/v in the symbol's cell; 'Thành phố' before the place",
        "| BỘ CÔNG THƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |\n|---|---|\n| Số: 123/BCT-KH V/v: Triển khai nhiệm vụ năm 2025. | Thành phố Hồ Chí Minh, ngày 05 tháng 3 năm 2025 |\n\nKính gửi: Bộ Tài chính\n\nNội dung công văn.\n",
        {
            "doc_type": "CV",
            "symbol": "123/BCT-KH",
            "issuer": "BỘ CÔNG THƯƠNG",
            "title": "Triển khai nhiệm vụ năm 2025.",
            "place": "Thành phố Hồ Chí Minh",
            "province": "Hồ Chí Minh",
        },
    ),
    (
        "a công văn's abstract with 'Về' alone under the symbol",
        "|\n**SỞ GIÁO DỤC VÀ ĐÀO TẠO**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 5155/SGDĐT-GDTXNNĐH\n*Về hướng dẫn đánh giá, xếp loại\ntrung tâm học tập cộng đồng*\n|\n*Hà Nội, ngày 28 tháng 11 năm 2025*\n|\n**Kính gửi: **Ủy ban nhân dân phường, xã\nNội dung.\n",
        {
            "doc_type": "CV",
            "symbol": "5155/SGDĐT-GDTXNNĐH",
            "date": "2025-11-28",
            "title": "hướng dẫn đánh giá, xếp loại trung tâm học tập cộng đồng",
        },
    ),
    (
        "a title a repository put above the header is skipped",
        "# V/v triển khai nhiệm vụ năm 2025\n\nBỘ CÔNG THƯƠNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 123/BCT-KH\nV/v triển khai nhiệm vụ năm 2025\nHà Nội, ngày 05 tháng 3 năm 2025\n\nKính gửi: Bộ Tài chính\n\nNội dung.\n",
        {
            "symbol": "123/BCT-KH",
            "issuer": "BỘ CÔNG THƯƠNG",
            "date": "2025-03-05",
            "title": "triển khai nhiệm vụ năm 2025",
        },
    ),
    (
        "an issuer block that names its decision by number",
        "   SỞ CÔNG THƯƠNG                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n    ĐOÀN KIỂM TRA                         Độc lập - Tự do - Hạnh phúc\n  THEO QUYẾT ĐỊNH\n   SỐ 45/QĐ-SCT                      Thành phố A, ngày 10 tháng 3 năm 2025\n\n     Số: 67/KH-ĐKT\n\n                               KẾ HOẠCH\n                     Kiểm tra an toàn năm 2025\n",
        {
            "symbol": "67/KH-ĐKT",
            "issuer": "ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 45/QĐ-SCT",
            "parent": "SỞ CÔNG THƯƠNG",
            "references": ["45/QĐ-SCT"],
        },
    ),
    (
        "a joint guidance of four ministries, its symbol wrapped at a hyphen",
        "BỘ CÔNG AN BỘ QUỐC PHÒNG\n                  -                        -   CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBỘ Y TẾ  BỘ TÀI CHÍNH\n          -                            -             Độc lập Tự do Hạnh phúc\n\n Số: 12 /HDLN-BCA-BQP-\n BYT-BTC                                 Hà Nội, ngày 25 tháng 6 năm 2025\n\n                                HƯỚNG DẪN LIÊN NGÀNH\n                      Về việc xử lý vi phạm hành chính\n",
        {
            "doc_type": "HD",
            "symbol": "12/HDLN-BCA-BQP-BYT-BTC",
            "issuer": "BỘ CÔNG AN - BỘ QUỐC PHÒNG - BỘ Y TẾ - BỘ TÀI CHÍNH",
            "agencies": ["BỘ CÔNG AN", "BỘ QUỐC PHÒNG", "BỘ Y TẾ", "BỘ TÀI CHÍNH"],
        },
    ),
    (
        "a Party Quy định: the symbol's code QĐ is its type",
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 384-QĐ/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 19 tháng 11 năm 2025\n\nQUY ĐỊNH\nvề kết nối, chia sẻ dữ liệu\n",
        {"doc_type": "QĐ", "symbol": "384-QĐ/TW", "issuer": "BAN CHẤP HÀNH TRUNG ƯƠNG"},
    ),
    (
        "a notice of conclusions: the title opens with 'Kết luận'",
        "VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 624/TB-VPCP\nHà Nội, ngày 16 tháng 11 năm 2025\n\nTHÔNG BÁO KẾT LUẬN\nCỦA PHÓ THỦ TƯỚNG TẠI CUỘC HỌP\n",
        {"doc_type": "TB", "title": "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI CUỘC HỌP"},
    ),
    (
        "a date line without its comma",
        "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 388/NQ-CP\nHà Nội ngày 01 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nVề việc thực hiện\n",
        {"place": "Hà Nội", "date": "2025-12-01", "symbol": "388/NQ-CP"},
    ),
    (
        "a word-segmented text: the type and title on the first line, the authority under it",
        "Quyết_định về việc thành_lập ban chỉ_đạo chuẩn_bị tổ_chức hội_nghị \nThủ_tướng chính_phủ \nCăn_cứ Luật Tổ_chức Chính_phủ ngày 25 tháng 12 năm 2001 ; \n"
        + "Quyết_định : \nĐiều 1 . Thành_lập Ban chỉ_đạo . \nĐiều 2 . Ban chỉ_đạo có nhiệm_vụ tổ_chức hội_nghị , báo_cáo kết_quả . \n"
        * 4,
        {
            "doc_type": "QĐ",
            "title": "về việc thành lập ban chỉ đạo chuẩn bị tổ chức hội nghị",
            "issuer": "Thủ tướng chính phủ",
        },
    ),
    (
        "look-alike Cyrillic letters in the symbol",
        "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/КН-ВYТ\nHà Nội, ngày 05 tháng 3 năm 2025\n\nKẾ HOẠCH\nTriển khai nhiệm vụ\n",
        {"symbol": "12/KH-BYT", "warnings": "lookalike-letters"},
    ),
    (
        "a type line first, its title in capitals: no issuer (and a warning), not the title",
        "# THÔNG CÁO ĐẶC BIỆT VỀ LỄ QUỐC TANG\n\nBan Chấp hành Trung ương và gia đình vô cùng thương tiếc báo tin:\n",
        {"issuer": None, "warnings": "issuer-missing"},
    ),
    (
        "a communiqué: its type line, then the body's first sentence (a colon ends it), no title",
        "**THÔNG CÁO ĐẶC BIỆT**\n\nBan Chấp hành Trung ương Đảng Cộng sản Việt Nam, Quốc hội, Chủ tịch nước, Chính phủ"
        " và Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam vô cùng thương tiếc báo tin:\n",
        {"doc_type": "TC", "title": None},
    ),
    (
        "an appendix caption and its title lines in capitals are not an issuer",
        "**PHỤ LỤC**\n\nHƯỚNG DẪN VIỆC SỐ HOÁ HỒ SƠ, TÀI LIỆU THỐNG NHẤT\nTRONG HỆ THỐNG CHÍNH TRỊ\n\n*(Kèm theo văn bản số 12/BKHCN)*\n",
        {"issuer": None},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_header(name, text, expected):
    doc = parse_text(text + BODY)
    got = {
        "doc_type": doc.doc_type,
        "symbol": doc.symbol,
        "issuer": doc.issuer.name,
        "parent": doc.issuer.parent,
        "agencies": doc.issuer.agencies,
        "place": doc.place,
        "province": doc.province,
        "date": doc.date,
        "title": doc.title,
        "references": [r.symbol for r in doc.references],
        "warnings": {w.code for w in doc.warnings},
    }
    for key, want in expected.items():
        if key == "warnings":
            assert want in got["warnings"], got["warnings"]
        else:
            assert got[key] == want, (key, got[key])
