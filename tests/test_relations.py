"""How a document relates to what it cites (``relation``) and what its citations
say the cited documents do (``links``): inline cases, the seeds, and the table."""

from __future__ import annotations

import pytest

from kehoach import parse_text
from kehoach.extract.relations import RELATIONS, _table, relation_rank
from tests.conftest import SEEDS, needs_shared

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 12/KH-UBND\nĐồng Tháp, ngày 02 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
BODY = "\n\nI. MỤC ĐÍCH\n1. Sở Tài chính chủ trì thực hiện.\n"


def relations(title: str, opening: str = "") -> dict[str, tuple[str, list[tuple[str, str]]]]:
    doc = parse_text(HEADER + title + "\n\n" + opening + BODY)
    return {
        r.symbol: (r.relation, [(link.relation, link.symbol) for link in r.links]) for r in doc.references if r.symbol
    }


CASES = [
    # (title, opening, {symbol: (relation, links)})
    (
        "thực hiện Kết luận số 02-KL/TW, ngày 18/5/2021 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 47-CT/TW",
        "",
        {"02-KL/TW": ("implements", [("implements", "47-CT/TW")]), "47-CT/TW": ("cites", [])},
    ),
    (
        "chuyển đổi số cho doanh nghiệp",
        "Thực hiện Kế hoạch số 283/KH-UBND ngày 24/9/2025 của Ủy ban nhân dân Tỉnh về thực hiện Nghị quyết số 71/NQ-CP "
        "ngày 01/4/2025 của Chính phủ và Chương trình hành động số 10-CTr/TU ngày 13/8/2025 của Ban Thường vụ Tỉnh ủy về "
        "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Ủy ban nhân dân Tỉnh ban hành Kế hoạch.",
        {
            "283/KH-UBND": ("implements", [("implements", "71/NQ-CP"), ("implements", "10-CTr/TU")]),
            "71/NQ-CP": ("cites", []),
            "10-CTr/TU": ("cites", [("implements", "57-NQ/TW")]),
            "57-NQ/TW": ("cites", []),
        },
    ),
    (
        # a basis: a Party resolution is carried out, a decree stood on; the list goes on under "Căn cứ"
        "phát triển kinh tế số",
        "Căn cứ Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 của Chính phủ về quản lý dữ liệu; Nghị quyết số 57-NQ/TW "
        "ngày 22/12/2024 của Bộ Chính trị; Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 133/TTr-SKHCN ngày 15/11/2025.",
        {"47/2020/NĐ-CP": ("cites", []), "57-NQ/TW": ("implements", []), "133/TTr-SKHCN": ("cites", [])},
    ),
    (
        "sửa đổi, bổ sung một số điều của Quy chế ban hành kèm theo Quyết định số 15/2020/QĐ-UBND ngày 02/3/2020 của Ủy ban nhân dân tỉnh",
        "",
        {"15/2020/QĐ-UBND": ("amends", [])},
    ),
    (
        "bãi bỏ Quyết định số 20/2019/QĐ-UBND ngày 05/6/2019 của Ủy ban nhân dân tỉnh",
        "",
        {"20/2019/QĐ-UBND": ("replaces", [])},
    ),
    (
        # passive: the amending document amends the clause's first one
        "triển khai chuyển đổi số",
        "Căn cứ Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết số "
        "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị được sửa đổi, bổ sung tại Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ;",
        {
            "03/NQ-CP": ("implements", [("implements", "57-NQ/TW")]),
            "57-NQ/TW": ("cites", []),
            "71/NQ-CP": ("cites", [("amends", "03/NQ-CP")]),
        },
    ),
    (
        # listed siblings in a title share the relation; "Ban Chấp hành" is no phrase
        "BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTg NGÀY 06/01/2022 CỦA THỦ TƯỚNG CHÍNH PHỦ VÀ QUYẾT ĐỊNH SỐ 3103/QĐ-BTC",
        "Căn cứ Quy định số 204-QĐ/TW ngày 29/11/2019 của Ban Chấp hành Trung ương về Hướng dẫn số 36-HD/VPTW;",
        {
            "06/QĐ-TTg": ("implements", []),
            "3103/QĐ-BTC": ("implements", []),
            "204-QĐ/TW": ("cites", []),
            "36-HD/VPTW": ("cites", []),
        },
    ),
]


@pytest.mark.parametrize("title, opening, want", CASES, ids=[c[0][:30] for c in CASES])
def test_relations(title, opening, want):
    got = relations(title, opening)
    for symbol, expected in want.items():
        assert got.get(symbol) == expected, (symbol, got)


def test_a_citation_in_the_body_only_is_cited():
    doc = parse_text(
        HEADER + "về phòng cháy\n\nI. MỤC ĐÍCH\n1. Triển khai thực hiện Chỉ thị số 47-CT/TW của Ban Bí thư.\n"
    )
    (ref,) = doc.references
    assert ref.symbol == "47-CT/TW" and ref.relation == "cites"


@needs_shared
def test_seed_chain():
    """37-KH/ĐUK implements 33-KH/TU and 02-KL/TW; its opening says 33-KH/TU implements
    02-KL/TW, its title that 02-KL/TW carries on 47-CT/TW."""
    from kehoach import parse_file

    doc = parse_file(SEEDS / "000_b87cf12effb29d41.txt")
    got = {
        r.symbol: (r.relation, [(link.relation, link.symbol) for link in r.links]) for r in doc.references if r.symbol
    }
    assert got["33-KH/TU"] == ("implements", [("implements", "02-KL/TW")])
    assert got["02-KL/TW"] == ("implements", [("implements", "47-CT/TW")])
    assert got["47-CT/TW"][0] == "cites"
    assert got["136/2020/NĐ-CP"] == ("cites", [])


def test_table_is_valid():
    table = _table()
    assert sorted(table.rank) == sorted(RELATIONS)
    assert relation_rank("replaces") < relation_rank("amends") < relation_rank("implements") < relation_rank("cites")
    assert set(table.category.values()) <= set(RELATIONS) | {"carry", "basis"}
    assert table.category["ban hanh kem theo"] == "carry" and table.category["can cu"] == "basis"
