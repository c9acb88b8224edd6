"""`diff`: the seeds' required alignment, five constructed pairs with known
alignments, references by scope, bodies by function, provinces, the
similarity primitives, the renderers and the command line."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach import parse
from kehoach.cli import main
from kehoach.diff import diff
from kehoach.similarity import assign, defined_abbreviations, word_changes
from tests.conftest import SEEDS, needs_shared

PAIRS = Path(__file__).parent / "fixtures" / "diff"
PAIR_NAMES = sorted(p.name[: -len(".expected.json")] for p in PAIRS.glob("*.expected.json"))


def _pair(name: str):
    return (
        parse(str(PAIRS / f"{name}.a.txt")),
        parse(str(PAIRS / f"{name}.b.txt")),
        json.loads((PAIRS / f"{name}.expected.json").read_text("utf-8")),
    )


@pytest.fixture(scope="module")
def seeds_diff():
    expected = json.loads((SEEDS / "seeds-diff.expected.json").read_text("utf-8"))
    return diff(parse(str(SEEDS / expected["a"])), parse(str(SEEDS / expected["b"]))), expected


# -- the seeds ------------------------------------------------------------------


@needs_shared
def test_seeds_required_sections_align(seeds_diff):
    result, expected = seeds_diff
    matched = {(r.a, r.b) for r in result.sections if r.status == "matched"}
    for a, b in expected["matched_sections"]:
        assert (a, b) in matched, f"{a} ↔ {b} not matched"
    only_b = {r.b for r in result.sections if r.status == "only_b"}
    assert set(expected["only_b_sections"]) <= only_b


@needs_shared
def test_seeds_references_and_bodies(seeds_diff):
    result, expected = seeds_diff
    assert set(result.references.both) == set(expected["references"]["both"])
    assert set(result.references.only_a) == set(expected["references"]["only_a"])
    assert set(result.references.only_b) == set(expected["references"]["only_b"])
    assert set(expected["assignments_both_functions"]) <= set(result.assignments.both)
    propaganda = next(row for row in result.bodies if row.function == "propaganda")
    assert propaganda.a == ["Ban Tuyên giáo Đảng ủy Khối"] and propaganda.b == ["Ban Tuyên giáo Tỉnh ủy"]


@needs_shared
def test_seeds_provinces_before_and_after_the_merger(seeds_diff):
    result, _ = seeds_diff
    assert (result.a.province, result.a.province_2025) == ("Trà Vinh", "Vĩnh Long")
    assert (result.b.province, result.b.province_2025) == ("Bình Phước", "Đồng Nai")


@needs_shared
def test_seeds_deadlines_carried_by_function(seeds_diff):
    result, _ = seeds_diff
    party_delegation = next(row for row in result.bodies if row.function == "party-delegation")
    assert party_delegation.deadlines_b == ["Định kỳ trước ngày 15/11 hàng năm"]


# -- constructed pairs ------------------------------------------------------------


@pytest.mark.parametrize("name", PAIR_NAMES)
@pytest.mark.parametrize("words", [True, False], ids=["words", "syllables"])
def test_constructed_pair_alignment(name, words):
    a, b, expected = _pair(name)
    result = diff(a, b, words=words)
    matched = sorted([r.a, r.b] for r in result.sections if r.status == "matched")
    assert matched == sorted(expected["matched"])
    assert sorted(r.a for r in result.sections if r.status == "only_a") == sorted(expected["only_a"])
    assert sorted(r.b for r in result.sections if r.status == "only_b") == sorted(expected["only_b"])
    moved = sorted([r.a, r.b] for r in result.sections if r.moved)
    assert moved == sorted(expected["moved"])


def test_there_are_enough_constructed_pairs():
    assert len(PAIR_NAMES) >= 4


@pytest.mark.parametrize("name", PAIR_NAMES)
def test_every_path_appears_once_and_rows_are_consistent(name):
    a, b, _ = _pair(name)
    result = diff(a, b)
    seen_a = [r.a for r in result.sections if r.a]
    seen_b = [r.b for r in result.sections if r.b]
    assert len(seen_a) == len(set(seen_a)) and len(seen_b) == len(set(seen_b))
    for r in result.sections:
        assert (r.status == "matched") == (r.a is not None and r.b is not None)
        assert (r.score is not None) == (r.status == "matched")
        if r.score is not None:
            assert result.threshold <= r.score <= 1.0 + 1e-9


def test_a_document_against_itself_matches_everything_unchanged():
    a, _, _ = _pair(PAIR_NAMES[0])
    result = diff(a, a)
    assert all(r.status == "matched" and r.score >= 0.99 for r in result.sections)
    assert all(op == "=" for r in result.sections for op, _ in r.changes)
    assert result.similarity == 1.0
    assert not result.references.only_a and not result.references.only_b
    assert not result.assignments.only_a and not result.assignments.only_b


def test_threshold_one_matches_only_identical_items():
    a, b, _expected = _pair("p3_binhphuoc_kh_moved")
    strict = diff(a, b, threshold=1.0)
    loose = diff(a, b)
    assert sum(r.status == "matched" for r in strict.sections) < sum(r.status == "matched" for r in loose.sections)
    with pytest.raises(ValueError):
        diff(a, b, threshold=1.5)


def test_unrelated_documents_share_few_items():
    a = parse(str(PAIRS / "p2_ttg_ct_toplevel.a.txt"))
    b = parse(str(PAIRS / "p5_nghean_kh_parts_swapped.a.txt"))
    result = diff(a, b)
    items = [r for r in result.sections if r.level == 2]
    assert sum(r.status == "matched" for r in items) <= 1
    assert result.similarity < 0.2


# -- references and bodies -----------------------------------------------------------

_LOCAL = """TỈNH ỦY {P}
Số 10-KH/TU
{P}, ngày 02 tháng 3 năm 2022
KẾ HOẠCH
thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị
I. MỤC ĐÍCH, YÊU CẦU
1. Tiếp tục thực hiện Kế hoạch số 33-KH/TU ngày 01/6/2017 của Tỉnh ủy và Nghị định số 136/2020/NĐ-CP.
II. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền.
"""


def test_a_local_document_is_the_same_only_within_one_province():
    ha_giang = parse(_LOCAL.format(P="Hà Giang"))
    lai_chau = parse(_LOCAL.format(P="Lai Châu"))
    across = diff(ha_giang, lai_chau)
    assert "05-CT/TW" in across.references.both and "136/2020/NĐ-CP" in across.references.both
    assert "33-KH/TU" in across.references.only_a and "33-KH/TU" in across.references.only_b
    within = diff(ha_giang, parse(_LOCAL.format(P="Hà Giang")))
    assert "33-KH/TU" in within.references.both


_LAWS = "KẾ HOẠCH\nthực hiện\n\nI. MỤC ĐÍCH\n1. Căn cứ {L}, các sở triển khai.\n"


@pytest.mark.parametrize(
    ("a", "b", "both"),
    [
        # the same law, one citation dated and one not: one law
        ("Luật Đất đai năm 2024", "Luật Đất đai", True),
        ("Luật Tổ chức chính quyền địa phương ngày 16/6/2025", "Luật Tổ chức chính quyền địa phương năm 2025", True),
        # one name, two laws: the 2015 and the 2025 one
        (
            "Luật Tổ chức chính quyền địa phương ngày 19/6/2015",
            "Luật Tổ chức chính quyền địa phương ngày 16/6/2025",
            False,
        ),
    ],
)
def test_laws_by_name_are_told_apart_by_year(a, b, both):
    result = diff(parse(_LAWS.format(L=a)), parse(_LAWS.format(L=b)))
    names = result.references_by_name
    assert bool(names.both) == both
    assert (len(names.only_a), len(names.only_b)) == ((0, 0) if both else (1, 1))


def test_bodies_match_by_function_across_levels():
    district = parse(_LOCAL.format(P="Hà Giang").replace("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Huyện ủy"))
    result = diff(parse(_LOCAL.format(P="Lai Châu")), district)
    assert result.assignments.both == ["Ban Tuyên giáo"]


# -- similarity primitives -------------------------------------------------------------


def test_assign_is_optimal_not_greedy():
    # greedy takes (0, 0) = 0.9 and is left with (1, 1) = 0.1; the optimum is 0.8 + 0.85
    assert sorted(assign([[0.9, 0.8], [0.85, 0.1]], 0.3)) == [(0, 1, 0.8), (1, 0, 0.85)]
    assert assign([[0.2, 0.1]], 0.35) == []
    assert assign([], 0.35) == []


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 10_000))
def test_assign_total_equals_scipy(rows, cols, seed):
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rng = random.Random(seed)
    matrix = [[round(rng.random(), 2) for _ in range(cols)] for _ in range(rows)]
    threshold = 0.35
    ours = assign(matrix, threshold)
    clipped = np.where(np.asarray(matrix) >= threshold, np.asarray(matrix), 0.0)
    r, c = linear_sum_assignment(-clipped)
    best = float(clipped[r, c].sum())
    assert abs(sum(s for _, _, s in ours) - best) < 1e-9
    assert len({i for i, _, _ in ours}) == len(ours) and len({j for _, j, _ in ours}) == len(ours)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ (PCCC&CNCH).",
            {"PCCC&CNCH": "phòng cháy, chữa cháy và cứu nạn, cứu hộ"},
        ),
        ("Danh mục thủ tục hành chính (TTHC) được chuẩn hóa", {"TTHC": "thủ tục hành chính"}),
        ("đóng góp do quốc gia tự quyết định (NDC)", {}),  # English initials (Nationally Determined Contribution)
        ("an toàn giao thông (ATGT)", {"ATGT": "an toàn giao thông"}),
        ("Ủy ban nhân dân (UBND) tỉnh", {"UBND": "Ủy ban nhân dân"}),
        ("nghiên cứu và phát triển (R&D)", {}),  # English initials again
        ("theo Kết luận (số 02)", {}),
    ],
)
def test_defined_abbreviations(text, expected):
    assert defined_abbreviations(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Tăng cường công tác tuyên truyền",
            "Đẩy mạnh công tác tuyên truyền",
            [("-", "Tăng cường"), ("+", "Đẩy mạnh"), ("=", "công tác tuyên truyền")],
        ),
        ("Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", [("=", "Uỷ ban nhân dân tỉnh")]),  # tone placement only
        ("các cấp ủy", "các cấp ủy đảng", [("=", "các cấp ủy"), ("+", "đảng")]),
        ("", "mới", [("+", "mới")]),
    ],
)
def test_word_changes(a, b, expected):
    assert word_changes(a, b) == expected


def test_word_segmentation_matches_underthesea():
    underthesea = pytest.importorskip("underthesea", reason="underthesea is not installed")
    from kehoach._libs import _crf_segmenter

    fast = _crf_segmenter()
    assert fast is not None
    for sentence in (
        "Tăng cường sự lãnh đạo của các cấp ủy đối với công tác phòng cháy",
        "Ban Tuyên giáo Tỉnh ủy chủ trì phối hợp với Văn phòng Tỉnh ủy",
        "Bác sĩ bây giờ có thể thản nhiên báo tin bệnh nhân bị ung thư",
    ):
        tokens = sentence.split()
        words = []
        for tag, token in zip(fast(tokens), tokens, strict=True):
            if tag == "I-W" and words:
                words[-1] += " " + token
            else:
                words.append(token)
        assert words == underthesea.word_tokenize(sentence)


def test_without_underthesea_syllables_are_compared(monkeypatch):
    import kehoach._libs as libs

    monkeypatch.setattr(libs, "word_segmenter", lambda: None)
    a, b, expected = _pair("p3_binhphuoc_kh_moved")
    result = diff(a, b)
    assert result.segmentation == "syllables"
    assert any("underthesea" in note for note in result.notes)
    assert sorted([r.a, r.b] for r in result.sections if r.status == "matched") == sorted(expected["matched"])


# -- renderers and the command line ------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _paths(name="p3_binhphuoc_kh_moved"):
    return str(PAIRS / f"{name}.a.txt"), str(PAIRS / f"{name}.b.txt")


def test_cli_diff_json_follows_the_contract():
    result = run("diff", *_paths(), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("a", "b", "sections", "references", "assignments"):
        assert key in data
    for side in ("a", "b"):
        assert {"symbol", "issuer", "date", "title"} <= set(data[side])
    for row in data["sections"]:
        assert {"a", "b", "score", "status"} <= set(row)
        assert row["status"] in ("matched", "only_a", "only_b")
    assert set(data["references"]) == {"both", "only_a", "only_b"}


def test_cli_diff_threshold_and_syllables_options():
    loose = json.loads(run("diff", *_paths(), "-f", "json", "--threshold", "0.2").output)
    strict = json.loads(run("diff", *_paths(), "-f", "json", "-t", "0.99", "--syllables").output)
    assert loose["threshold"] == 0.2 and strict["threshold"] == 0.99 and strict["segmentation"] == "syllables"
    assert sum(r["status"] == "matched" for r in strict["sections"]) < sum(
        r["status"] == "matched" for r in loose["sections"]
    )
    assert run("diff", *_paths(), "--threshold", "2").exit_code == 2


def test_cli_diff_markdown_and_table(tmp_path):
    md = run("diff", *_paths(), "-f", "markdown").output
    assert md.startswith("# So sánh văn bản") and "chỉ có ở B" in md and "~~" in md
    out = tmp_path / "diff.txt"
    assert run("diff", *_paths(), "-f", "table", "-o", str(out)).exit_code == 0
    text = out.read_text("utf-8")
    assert "only in A" in text and "only in B" in text and "{+" in text  # changes marked where colour is lost


def test_cli_diff_html_is_self_contained(tmp_path):
    out = tmp_path / "diff.html"
    assert run("diff", *_paths(), "-f", "html", "-o", str(out)).exit_code == 0
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    for forbidden in ("<script", "<link", "src=", "http://", "https://", "@import"):
        assert forbidden not in html
    assert 'class="a"' in html and 'class="b"' in html and "<ins>" in html and "<del>" in html


def test_cli_diff_errors_are_one_line():
    result = CliRunner().invoke(main, ["diff", "no-such-file.txt", _paths()[1]])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "no-such-file.txt" in result.output
    assert CliRunner().invoke(main, ["diff", "-", "-"]).exit_code == 2


def test_two_spellings_of_one_symbol_are_one_document():
    """diff kept the en dash that citations removed: '02–KL/TW' and '02-KL/TW' were two documents."""
    from kehoach import diff_documents, parse_text

    body = "KẾ HOẠCH\nthực hiện Kết luận số {s} của Ban Bí thư\n\nI. MỤC ĐÍCH\n1. Quán triệt Kết luận số {s}.\n"
    a, b = parse_text(body.format(s="02–KL/TW")), parse_text(body.format(s="02-KL/TW"))
    assert {r.key for r in a.references} == {r.key for r in b.references} == {"sym:02-KL/TW"}
    d = diff_documents(a, b)
    assert len(d.references.both) == 1 and not d.references.only_a and not d.references.only_b
