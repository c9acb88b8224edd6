"""The closing: the Nơi nhận list and the signature block, in one-column text.

Each case is the end of a document after its last paragraph; the recipients and
the signer it must give.
"""

from __future__ import annotations

import pytest

from kehoach import parse_text

BODY = "KẾ HOẠCH\nthực hiện Kết luận số 02-KL/TW\n\nI. MỤC ĐÍCH\n1. Quán triệt Kết luận./.\n\n"

CASES = [
    (
        "plain list, then authority, position, name",
        "Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Các sở, ngành;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n",
        ["Thường trực Tỉnh ủy", "Các sở, ngành", "Lưu: VT"],
        ("Nguyễn Văn An", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"),
    ),
    (
        "an entry wrapped in lower case",
        "Nơi nhận:\n- UBND các huyện, thị\nxã, thành phố;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn An\n",
        ["UBND các huyện, thị xã, thành phố", "Lưu: VT"],
        ("Nguyễn Văn An", "CHỦ TỊCH", None),
    ),
    (
        "an entry wrapped before a capitalised word: the next entries are still recipients",
        "Nơi nhận:\n- VPUB: CVP, các phòng: KGVX, TH, Trung tâm\nTTĐL&CNS Thành phố;\n- Lưu: VT, KGVX.\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nVõ Tuấn Anh\n",
        ["VPUB: CVP, các phòng: KGVX, TH, Trung tâm TTĐL&CNS Thành phố", "Lưu: VT, KGVX"],
        ("Võ Tuấn Anh", "PHÓ CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG"),
    ),
    (
        "a last entry without a full stop, then the position in capitals",
        "Nơi nhận:\n- Như trên;\n- Lưu VT\nGIÁM ĐỐC\nTrần Thị Bình\n",
        ["Như trên", "Lưu VT"],
        ("Trần Thị Bình", "GIÁM ĐỐC", None),
    ),
    (
        "the name in capitals under the position",
        "Nơi nhận:\n- Lưu VT.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNGUYỄN VĂN AN\n",
        ["Lưu VT"],
        ("NGUYỄN VĂN AN", "PHÓ BÍ THƯ", "T/M BAN THƯỜNG VỤ"),
    ),
    (
        "a degree before the name is not part of the position",
        "Nơi nhận:\n- Lưu VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n(Đã ký)\n\nTS. Trần Thị Bình\n",
        ["Lưu VT"],
        ("Trần Thị Bình", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
    ),
    (
        "an authority mark with a dot after the slash, a composite authority",
        "Nơi nhận:\n- Lưu: VT.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n\nTrần Văn Bình\n",
        ["Lưu: VT"],
        ("Trần Văn Bình", "PHÓ CHỦ NHIỆM", "KT. BỘ TRƯỞNG, CHỦ NHIỆM"),
    ),
    (
        "T/M. with a dot, and KT.CHỦ TỊCH without a space",
        "Nơi nhận:\n- Lưu: VT.\nT/M. ĐOÀN KIỂM TRA\nTRƯỞNG ĐOÀN\n\nLê Văn Cường\n",
        ["Lưu: VT"],
        ("Lê Văn Cường", "TRƯỞNG ĐOÀN", "T/M. ĐOÀN KIỂM TRA"),
    ),
    (
        "a mark with no space after its dot",
        "Nơi nhận:\n- Lưu: VT.\nKT.CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n",
        ["Lưu: VT"],
        ("Nguyễn Văn An", "PHÓ CHỦ TỊCH", "KT.CHỦ TỊCH"),
    ),
    (
        "an abbreviation that starts like a mark (KTNN) is a recipient, not an authority",
        "Nơi nhận:\n- Đảng ủy\nKTNN;\n- Lưu: VT.\nTỔNG KIỂM TOÁN NHÀ NƯỚC\nNgô Văn Tuấn\n",
        ["Đảng ủy KTNN", "Lưu: VT"],
        ("Ngô Văn Tuấn", "TỔNG KIỂM TOÁN NHÀ NƯỚC", None),
    ),
    (
        "a stray colon and an entry that lost its bullet; a note after the semicolon",
        "Nơi nhận:\n- Bộ Công an;\n- Bộ Y tế:\nBộ Tài chính;\n- Sở X; (báo cáo)\n- Lưu: VT.\nGIÁM ĐỐC\nTrần Thị Bình\n",
        ["Bộ Công an", "Bộ Y tế", "Bộ Tài chính", "Sở X (báo cáo)", "Lưu: VT"],
        ("Trần Thị Bình", "GIÁM ĐỐC", None),
    ),
    (
        "the first entry without its dash, tabs between the columns",
        "Nơi nhận:\t\t\t\t\t\tT/M CHI BỘ\nUBKT Đảng ủy xã,\t\t\t\t\t\tBÍ THƯ\nCấp ủy chi bộ,\nLưu Chi bộ.\n",
        ["UBKT Đảng ủy xã", "Cấp ủy chi bộ", "Lưu Chi bộ"],
        (None, "BÍ THƯ", "T/M CHI BỘ"),
    ),
    (
        "a Markdown table flattened into cells ('|' lines), the converter's bold runs wrapped",
        "|\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\n**KT.\nCHỦ TỊCH **\nPHÓ CHỦ TỊCH\n**Hoàng\nXuân Tân**\n|\n",
        ["Như Điều 3", "Lưu: VT"],
        ("Hoàng Xuân Tân", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"),
    ),
    (
        "a Word dump's ' | ' between the Nơi nhận and the signature cells",
        "Nơi nhận: - Các Sở, ban, ngành; - Lưu: VT, KT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH Phạm Văn Dũng\n",
        ["Các Sở, ban, ngành", "Lưu: VT, KT"],
        ("Phạm Văn Dũng", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"),
    ),
    (
        "a Nơi nhận cell that lost its label; a post glued to the authority; the row's closing pipe",
        "- Chính phủ; - Kiểm toán nhà nước; - Lưu: HC, PLTP. | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH\nTrần Thanh Mẫn |\n",
        ["Chính phủ", "Kiểm toán nhà nước", "Lưu: HC, PLTP"],
        ("Trần Thanh Mẫn", "CHỦ TỊCH", "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI"),
    ),
    (
        "entries end with ';': a line ending with a comma goes on into the next",
        "Nơi nhận:\n- TTgCP, các PTTg: Nguyễn Hòa Bình, Bùi\nThanh Sơn,\nHồ Đức Phớc, Mai Văn Chính (để b/c);\n- VPCP: BTCN, các PCN, Cổng TTĐTCP,\nThư ký của PTTgCP;\n- Lưu: VT.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nTrịnh Mạnh Linh\n",
        [
            "TTgCP, các PTTg: Nguyễn Hòa Bình, Bùi Thanh Sơn, Hồ Đức Phớc, Mai Văn Chính (để b/c)",
            "VPCP: BTCN, các PCN, Cổng TTĐTCP, Thư ký của PTTgCP",
            "Lưu: VT",
        ],
        ("Trịnh Mạnh Linh", "PHÓ CHỦ NHIỆM", "KT. BỘ TRƯỞNG, CHỦ NHIỆM"),
    ),
    (
        "a last entry without a full stop, then the name",
        "Nơi nhận:\n- Như trên;\n- Lưu VT\n(Đã ký)\nTrần Thị Bình\n",
        ["Như trên", "Lưu VT"],
        ("Trần Thị Bình", None, None),
    ),
]


@pytest.mark.parametrize(("name", "closing", "recipients", "signer"), CASES, ids=[c[0] for c in CASES])
def test_closing(name, closing, recipients, signer):
    doc = parse_text(BODY + closing)
    assert doc.recipients == recipients
    assert (doc.signer.name, doc.signer.position, doc.signer.authority) == signer


def test_a_long_line_in_capitals_in_the_signature_is_linear():
    """Found by the fuzz target: a signature piece of 90 KB of capitals took 24 s (every split of
    it was tried as 'POSITION Name'; a name is two to six words)."""
    import time

    text = BODY + "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\n" + "PHÓ CHỦ TỊCH " * 6000 + "Nguyễn Văn An\n"
    start = time.perf_counter()
    doc = parse_text(text)
    assert time.perf_counter() - start < 5
    assert doc.signer.name == "Nguyễn Văn An"


def test_running_text_that_says_noi_nhan_is_no_recipients_label():
    """'... ký tên, đóng dấu của ban tổ chức nơi giao và' / 'nơi nhận vào trang đầu sổ ...': a
    wrapped sentence, not the Nơi nhận list (it ended a 60-page guide's body on page 9)."""
    from kehoach.read import read_text
    from kehoach.segment.closing_zone import find_closing

    body = "KẾ HOẠCH\n" + "Nội dung thực hiện của các cơ quan.\n" * 5
    text = body + "đóng dấu của ban tổ chức nơi giao và\nnơi nhận vào trang đầu sổ danh sách.\n" + body
    lines = read_text(text).lines
    assert find_closing(lines, 0) == (len(lines), [])
    labelled = read_text(body + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n").lines
    assert labelled[find_closing(labelled, 0)[0]].text == "Nơi nhận:"


def test_a_copy_without_closing_ends_its_body_at_its_own_appendix_heading():
    """No Nơi nhận, no signature, then 'PHỤ LỤC 1': the body ends there and the appendices are
    read (Hướng dẫn 36-HD/VPTW as published: the sections, then the appendices)."""
    text = (
        "HƯỚNG DẪN\nTHỂ THỨC VĂN BẢN\nI- HƯỚNG DẪN CHUNG\n"
        + "".join(f"{k}. Nội dung thứ {k} của hướng dẫn.\n" for k in range(1, 7))
        + "II- TỔ CHỨC THỰC HIỆN\n"
        + "".join(f"{k}. Các cấp ủy thực hiện việc thứ {k}.\n" for k in range(1, 6))
        + "PHỤ LỤC 1\nSƠ ĐỒ BỐ TRÍ (Kèm theo Hướng dẫn số 36-HD/VPTW)\nGhi chú: ô số 1.\n"
        + "PHỤ LỤC 2\nMẪU TRÌNH BÀY\nGhi chú: ô số 2.\n"
    )
    doc = parse_text(text)
    assert [s.label for s in doc.sections] == ["I", "II"]
    assert [len(s.children) for s in doc.sections] == [6, 5]
    assert len(doc.appendices) == 2
