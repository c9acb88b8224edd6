"""Which province a document comes from, before and after the 1 July 2025 merger."""

from __future__ import annotations

import pytest

from kehoach import parse
from kehoach.provinces import find_district_province, find_province, province_of

pytest.importorskip("underthesea", reason="the province map is underthesea's")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ĐẢNG BỘ TỈNH TRÀ VINH", ("Trà Vinh", "Vĩnh Long")),
        ("Tỉnh ủy Bình Phước", ("Bình Phước", "Đồng Nai")),
        ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", ("Hà Giang", "Tuyên Quang")),
        ("THÀNH PHỐ HỒ CHÍ MINH", ("Hồ Chí Minh", "Hồ Chí Minh")),
        ("TỈNH ỦY BÀ RỊA - VŨNG TÀU", ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh")),
        ("Lào Cai", ("Lào Cai", "Lào Cai")),
        ("vì hòa bình và phát triển", None),  # "Hòa Bình" the province is capitalised
        ("ỦY BAN NHÂN DÂN PHƯỜNG CAM ĐƯỜNG", None),
        ("", None),
    ],
)
def test_find_province(text, expected):
    found = find_province(text)
    assert (found and (found.name, found.name_2025)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ỦY BAN NHÂN DÂN HUYỆN CẦN GIỜ", "Hồ Chí Minh"),
        ("Ban Thường vụ Huyện ủy Krông Pắc", "Đắk Lắk"),
        ("THỊ XÃ SA PA", "Lào Cai"),
        ("UBND HUYỆN CHÂU THÀNH", None),  # a district name of ten provinces: unknown
    ],
)
def test_find_district_province(text, expected):
    found = find_district_province(text)
    assert (found and found.name) == expected


_HEADER = "{issuer}\n{parent}\nSố: 12/{code}\n{place}, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nvề việc thử\n1. Nội dung.\n"


@pytest.mark.parametrize(
    ("issuer", "parent", "code", "place", "expected"),
    [
        (
            "CỤC ĐỔI MỚI SÁNG TẠO",
            "BỘ CÔNG THƯƠNG",
            "KH-ĐMST",
            "Hà Nội",
            None,
        ),  # central: "Hà Nội" is only where it sits
        ("BỘ XÂY DỰNG", "", "KH-BXD", "Hà Nội", None),
        ("SỞ CÔNG THƯƠNG", "UBND TỈNH LÀO CAI", "KH-SCT", "Lào Cai", "Lào Cai"),
        ("SỞ NỘI VỤ", "", "KH-SNV", "Quảng Ninh", "Quảng Ninh"),  # a local code: the place tells
        ("ỦY BAN NHÂN DÂN HUYỆN CẦN GIỜ", "", "KH-UBND", "Cần Giờ", "Hồ Chí Minh"),
    ],
)
def test_province_of_a_document(issuer, parent, code, place, expected):
    doc = parse(_HEADER.format(issuer=issuer, parent=parent, code=code, place=place))
    found = province_of(doc)
    assert (found and found.name) == expected
