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
