"""Properties: the library never raises on text, and costs time linear in its size."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach import parse_bytes, parse_text
from kehoach.errors import InputError
from tests.conftest import REAL, SEEDS

CORPUS_LINES = [
    line
    for folder in (SEEDS, REAL)
    if folder.is_dir()
    for path in sorted(folder.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
] or ["KẾ HOẠCH", "I. MỤC ĐÍCH", "1. Quán triệt.", "- Cấp ủy chủ trì.", "Nơi nhận:", "- Lưu VT."]

# characters that drive the pipeline's decisions: markers, symbols, Vietnamese letters, layout
ALPHABET = st.sampled_from(
    list("IVX123456789.-–/:;,()*#|\n \t\f")
    + list("aăâbcdđeêghiklmnoôơpqrstuưvxyÁẢÃẠẤẦẨẪẬỦỨỪĐ")
    + ["số ", "KH/TU", "Nơi nhận:", "T/M ", "ngày ", "Điều "]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_never_raises_on_arbitrary_text(text):
    doc = parse_text(text)
    assert doc.schema_version == "1"


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=800).map("".join))
def test_never_raises_on_marker_soup(text):
    parse_text(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CORPUS_LINES), min_size=1, max_size=120), st.data())
def test_never_raises_on_cut_and_shuffled_seed_lines(lines, data):
    cut = [line[: data.draw(st.integers(0, len(line)))] if data.draw(st.booleans()) else line for line in lines]
    doc = parse_text("\n".join(cut))
    for section in doc.sections:
        assert section.lines[0] <= section.lines[1]


# tags and markup bits that drive the HTML reader: blocks, tables, lists, breaks, broken pieces
HTML_BITS = st.sampled_from(
    ["<p>", "</p>", "<br>", "<br/>", "<table>", "</table>", "<tr>", "<td>", "</td>", "<td colspan=3>", "<ol type=I>", "<ol>",
     "</ol>", "<ul>", "<li>", "</li>", "<li value=x>", "<b>", "</b>", "<script>", "</script>", "<style>", "<!--", "-->",
     "<![CDATA[", "<!", "</", "<", ">", "&nbsp;", "&#x1ea1;", "&bogus;", "I. MỤC ĐÍCH", "1. Sở Tài chính chủ trì.", "Số: 12/KH-UBND",
     "Nơi nhận:", "\n", " ", "<p style='page-break-before:always' align=center>", "<hr>", "<h2>", "<pre>", "</pre>"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(HTML_BITS, max_size=300).map(lambda bits: "<!DOCTYPE html><html><body>" + "".join(bits)))
def test_never_raises_on_tag_soup(page):
    doc = parse_text(page)
    assert doc.source is None or doc.source.format == "html"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_bytes_either_parse_or_raise_input_error(data):
    with contextlib.suppress(InputError):
        parse_bytes(data)


PATHOLOGICAL = {
    "running text": "Cấp ủy các chi bộ phối hợp với thủ trưởng cơ quan ",
    "citations": "số 02-KL/TW, ngày 18/5/2021 của Ban Bí thư về ",
    "body lists": "Sở Tài chính, ",
    "markers": "1. ",
    "dashes": "- ",
    "slashes": "1/",
    "capitals": "ỦY BAN NHÂN DÂN ",
    "no spaces": "a",
    "many lines": "1. Kế hoạch\n- x\n",
}


@pytest.mark.parametrize("unit", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_time_linear_on_a_megabyte(unit):
    """No regex backtracking or quadratic joins: 1 MB costs about 4x what 250 kB costs.

    The bound is loose (10x, and 60 s for the megabyte) so that a loaded machine
    passes; a quadratic path costs 16x and an exponential one never ends.
    """

    def cost(size: int) -> float:
        text = (unit * (size // len(unit) + 1))[:size]
        start = time.perf_counter()
        parse_text(text)
        return time.perf_counter() - start

    small = max(cost(250_000), 0.02)
    big = cost(1_000_000)
    assert big < 60
    assert big / small < 10, (small, big)


# --- what broke before (issue 14): odd characters, surrogates, markup, documents one after another, long lines

# white space of every kind, controls, invisible format characters, lone surrogates, line separators
HOSTILE_CHARS = st.one_of(
    st.characters(categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Zp"]),
    st.sampled_from(["\v", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u1680", "\u205f", "\ud800", "\udfff", "\x1b[31m"]),
)
MARKUP = st.sampled_from(
    ["[/]", "[/b]", "[bold]", "[/bold]", "[link=https://x.invalid]", "[red on white]", "[", "]", ":smile:", "\\"]
)
SEED_DOCS = [
    path.read_text(encoding="utf-8")
    for folder in (SEEDS, REAL)
    if folder.is_dir()
    for path in sorted(folder.glob("*.txt"))
] or ["KẾ HOẠCH\n\nI. MỤC ĐÍCH\n1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ.\n\nNơi nhận:\n- Lưu VT.\n"]


def _renders(doc) -> None:
    import io
    import json

    from rich.console import Console

    from kehoach import render

    json.loads(render.to_json(doc)).keys()
    render.to_json(doc).encode("utf-8")
    render.to_markdown(doc)
    Console(file=io.StringIO(), width=100, force_terminal=True).print(render.to_rich(doc))


def _sprinkle(data, text: str, bits) -> str:
    for _ in range(data.draw(st.integers(1, 30))):
        pos = data.draw(st.integers(0, len(text)))
        text = text[:pos] + data.draw(bits) + text[pos:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEED_DOCS), st.data())
def test_hostile_characters_and_markup_anywhere_in_a_document(doc_text, data):
    """Controls and odd spaces right after a body name crashed the parse; surrogates the JSON;
    rich markup the table: anywhere in a real document, none of them may."""
    text = _sprinkle(data, doc_text, st.one_of(HOSTILE_CHARS, MARKUP, st.just(" "), st.just("\n")))
    _renders(parse_text(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(HOSTILE_CHARS, ALPHABET, MARKUP), max_size=800).map("".join))
def test_never_raises_on_hostile_soup(text):
    _renders(parse_text(text))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SEED_DOCS), min_size=2, max_size=12), st.sampled_from(["\n", "\n\n", "\f", "\n\n\n"]))
def test_documents_one_after_another(docs, separator):
    """A file of many documents one after another: parsed, rendered, every part kept somewhere."""
    doc = parse_text(separator.join(docs))
    _renders(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEED_DOCS), st.data())
def test_long_lines_and_long_paragraphs(doc_text, data):
    """One line or one paragraph much longer than any real one (kept to ~30 KB here: the cost of
    such lines is tested on their own, at sizes, in test_hostile.py)."""
    lines = [line for line in doc_text.splitlines() if line.strip()]
    line = data.draw(st.sampled_from(lines))
    times = data.draw(st.integers(20, 300))
    joiner = data.draw(st.sampled_from([" ", "\n", ", ", "; "]))
    long = joiner.join([line] * times)[:30_000]
    at = data.draw(st.integers(0, len(lines)))
    _renders(parse_text("\n".join([*lines[:at], long, *lines[at:]])))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([b"", b"\x00" * 2048, b"\xff" * 2048, b"PK\x03\x04"]))
def test_bytes_with_zeros_and_junk_parse_or_raise_input_error(data, prefix):
    with contextlib.suppress(InputError):
        _renders(parse_bytes(prefix + data))


def test_a_long_word_of_capitals_in_the_signature_costs_no_memory():
    """Found by the fuzz target: a 60 KB word of capitals where a signature stands was cut at
    every letter to look for a glued post, and each prefix stayed in is_syllable's cache
    (740 MB). Memory is bounded by the document, not by its longest word squared."""
    import tracemalloc

    text = "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" + "X" * 60_000 + "\nNguyễn Văn An\n"
    tracemalloc.start()
    try:
        parse_text(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60_000_000, peak


FOUND = Path(__file__).parent / "fuzz" / "found"


@pytest.mark.parametrize("path", sorted(FOUND.glob("*.txt")), ids=lambda p: p.stem)
def test_inputs_the_fuzz_target_found_stay_linear(path):
    """Each input a long fuzz run found too slow or too large (tests/fuzz/found: the run's own
    saved inputs) parses within the fuzz budget, 2 s per 100 KB, with room for a loaded machine."""
    text = path.read_bytes().decode("utf-8", "surrogatepass")
    start = time.perf_counter()
    parse_text(text)
    took = time.perf_counter() - start
    assert took < 2 * max(2.0, 2.0 * len(text.encode("utf-8", "surrogatepass")) / 100_000), took


def test_a_site_label_on_the_last_line_with_its_value_missing():
    """Found by the fuzz target: a web page's metadata table cut after its last label
    ("Người ký:", the value on a next line that is not there) crashed the segmenter."""
    for text in ("Số hiệu: 12/KH-UBND\nLoại văn bản: Kế hoạch\nNgười ký:\n", "Số hiệu:\n12/KH\nNgười ký:"):
        doc = parse_text(text)
        assert doc.sections == []
