"""The symbol grammar, case by case: real-form symbols and ones that must be rejected."""

from __future__ import annotations

import pytest

from kehoach import parse_text
from kehoach.extract.symbols import parse_symbol

# (printed, symbol, number, type, issuer code, year, family)
ACCEPTED = [
    ("37-KH/ĐUK", "37-KH/ĐUK", "37", "KH", "ĐUK", None, "party"),
    ("02-KL/TW", "02-KL/TW", "02", "KL", "TW", None, "party"),
    ("47-CT/TW", "47-CT/TW", "47", "CT", "TW", None, "party"),
    ("33-KH/TU", "33-KH/TU", "33", "KH", "TU", None, "party"),
    ("245-KH/TU", "245-KH/TU", "245", "KH", "TU", None, "party"),
    ("29-NQ/TW", "29-NQ/TW", "29", "NQ", "TW", None, "party"),
    ("104-CTr/TU", "104-CTr/TU", "104", "CTr", "TU", None, "party"),
    ("2449 -CV/ĐU", "2449-CV/ĐU", "2449", "CV", "ĐU", None, "party"),
    ("34 -NQ/TU", "34-NQ/TU", "34", "NQ", "TU", None, "party"),
    ("05-QC/BTCTU-BDVTU", "05-QC/BTCTU-BDVTU", "05", "QC", "BTCTU-BDVTU", None, "party"),
    ("25-HD/BTGTU", "25-HD/BTGTU", "25", "HD", "BTGTU", None, "party"),
    ("112-HD/BTGTW", "112-HD/BTGTW", "112", "HD", "BTGTW", None, "party"),
    ("22-QĐ/TW", "22-QĐ/TW", "22", "QĐ", "TW", None, "party"),
    ("562-TTr/ĐU", "562-TTr/ĐU", "562", "TTr", "ĐU", None, "party"),
    ("210-BC/BCSĐ", "210-BC/BCSĐ", "210", "BC", "BCSĐ", None, "party"),
    ("05-TT/TW", "05-TT/TW", "05", "TT", "TW", None, "party"),
    ("12-KH/ĐU", "12-KH/ĐU", "12", "KH", "ĐU", None, "party"),
    ("18-QĐi/TW", "18-QĐi/TW", "18", "QĐi", "TW", None, "party"),
    ("134/KH-UBND", "134/KH-UBND", "134", "KH", "UBND", None, "state"),
    ("134 /KH-UBND", "134/KH-UBND", "134", "KH", "UBND", None, "state"),
    ("13/CT-TTg", "13/CT-TTg", "13", "CT", "TTg", None, "state"),
    ("3083/QĐ-BTC", "3083/QĐ-BTC", "3083", "QĐ", "BTC", None, "state"),
    ("1351/QĐ-UBND", "1351/QĐ-UBND", "1351", "QĐ", "UBND", None, "state"),
    ("326/TTr-STC", "326/TTr-STC", "326", "TTr", "STC", None, "state"),
    ("711/TB-UBND", "711/TB-UBND", "711", "TB", "UBND", None, "state"),
    ("567/BC-STC", "567/BC-STC", "567", "BC", "STC", None, "state"),
    ("70/CĐ-TTg", "70/CĐ-TTg", "70", "CĐ", "TTg", None, "state"),
    ("1025/QĐ-LĐTBXH", "1025/QĐ-LĐTBXH", "1025", "QĐ", "LĐTBXH", None, "state"),
    ("136/2020/NĐ-CP", "136/2020/NĐ-CP", "136", "NĐ", "CP", 2020, "state"),
    ("63/2010/NĐ-CP", "63/2010/NĐ-CP", "63", "NĐ", "CP", 2010, "state"),
    ("02/2017/TT-VPCP", "02/2017/TT-VPCP", "02", "TT", "VPCP", 2017, "state"),
    ("01/2023/TT-BNV", "01/2023/TT-BNV", "01", "TT", "BNV", 2023, "state"),
    ("19/2020/QĐ-UBND", "19/2020/QĐ-UBND", "19", "QĐ", "UBND", 2020, "state"),
    ("15/2023/NQ-HĐND", "15/2023/NQ-HĐND", "15", "NQ", "HĐND", 2023, "state"),
    ("21/2024/QĐ-TTg", "21/2024/QĐ-TTg", "21", "QĐ", "TTg", 2024, "state"),
    ("07/2023/TTLT-BTC-BNV", "07/2023/TTLT-BTC-BNV", "07", "TTLT", "BTC-BNV", 2023, "state"),
    ("146/2025/QH15", "146/2025/QH15", "146", "Luật", "QH15", 2025, "law"),
    ("55/2024/QH15", "55/2024/QH15", "55", "Luật", "QH15", 2024, "law"),
    ("1289/UBND-TH", "1289/UBND-TH", "1289", "CV", "UBND", None, "cv"),
    ("1234/SNV-CCVC", "1234/SNV-CCVC", "1234", "CV", "SNV", None, "cv"),
    ("1122/BTC-NSNN", "1122/BTC-NSNN", "1122", "CV", "BTC", None, "cv"),
    ("4280/SCT-KTAT", "4280/SCT-KTAT", "4280", "CV", "SCT", None, "cv"),
]

# printed text that holds no symbol
REJECTED = [
    "18/5/2021",
    "ngày 01-11-2021",
    "2021-2030",
    "giai đoạn 2021 - 2030",
    "Số 5 + N6 - B19 Nghĩa Tân",
    "0246.285.2289",
    "0106028855",
    "COVID-19",
    "QCVN 06:2022/BXD",
    "TCVN 5738:2021",
    "ISO 9001:2015",
    "PCCC&CNCH",
    "1/2",
    "50%",
    "Số: /QĐ-UBND",
    "V/v",
]


@pytest.mark.parametrize("printed,symbol,number,type_,issuer,year,family", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_accepted(printed, symbol, number, type_, issuer, year, family):
    s = parse_symbol(f"theo số {printed} của cơ quan")
    assert s is not None
    assert (s.text, s.number, s.type, s.issuer, s.year, s.family) == (symbol, number, type_, issuer, year, family)
    assert s.known


@pytest.mark.parametrize("printed", REJECTED)
def test_rejected(printed):
    assert parse_symbol(printed) is None


def test_case_count():
    assert len(ACCEPTED) + len(REJECTED) >= 40


def test_unknown_type_code_is_kept_and_warned():
    doc = parse_text(
        "ĐẢNG ỦY XÃ A\n*\nSố 12-XX/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nA, ngày 01 tháng 02 năm 2024\n\nKẾ HOẠCH\nvề việc B\n\nI. MỤC ĐÍCH\n1. C.\n"
    )
    assert doc.symbol == "12-XX/ĐU"
    assert any(w.code == "symbol-unknown-form" for w in doc.warnings)


def test_blank_number_keeps_the_issuer_code():
    doc = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH A\nSố: /QĐ-UBND\nA, ngày tháng năm 2025\n\nQUYẾT ĐỊNH\nVề việc B\n\nĐiều 1. C.\n"
    )
    assert doc.symbol is None and doc.number is None and doc.issuer.code == "UBND"
    assert {w.code for w in doc.warnings} >= {"symbol-blank-number", "date-blank"}


@pytest.mark.parametrize(
    "header,symbol,family_code",
    [
        ("Số 37-KH/ĐUK", "37-KH/ĐUK", "ĐUK"),
        ("Số: 134 /KH-UBND", "134/KH-UBND", "UBND"),
        ("Số:134/KH-UBND", "134/KH-UBND", "UBND"),
        ("SỐ: 08/CT-UBND", "08/CT-UBND", "UBND"),
        ("Số 2449 -CV/ĐU", "2449-CV/ĐU", "ĐU"),
    ],
)
def test_header_symbol_forms(header, symbol, family_code):
    doc = parse_text(
        f"ỦY BAN NHÂN DÂN TỈNH A\n{header}\nA, ngày 01 tháng 02 năm 2024\n\nKẾ HOẠCH\nvề việc B\n\nI. MỤC ĐÍCH\n1. C.\n"
    )
    assert (doc.symbol, doc.issuer.code) == (symbol, family_code)
