"""Nothing a user feeds kehoach breaks it, slows it or loses work (issue 14).

Each hostile input of the issue, reproduced from its description: control and
odd white-space characters, lone surrogates, rich markup, sizes past the
limits (files, standard input, /dev/zero), .docx zip bombs whose headers lie,
files of one repeated byte, garbage that looked like a symbol, a string that
names a file. The command-line cases also check the memory they cost: every
one stays under 500 MB.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

import kehoach
from kehoach import parse_bytes, parse_file, parse_text
from kehoach.batch import count_jobs, iter_jobs, run_batch
from kehoach.errors import InputError
from kehoach.read.lines import LINE_BREAK_CHARS, REMOVED_CHARS, SPACE_CHARS
from kehoach.store import JsonlSink
from tests.conftest import DOCS, ROOT

EXAMPLE = ROOT / "examples" / "ke-hoach-dang-uy-khoi.txt"
RSS_LIMIT_MB = 500


def example() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


# Runs kehoach and, as it exits, writes the peak resident memory of its own process image
# (VmHWM starts again at exec; ru_maxrss would count the forked copy of pytest's memory).
_MEASURED = """
import atexit, runpy, sys
report = sys.argv.pop(1)
def peak():
    try:
        with open("/proc/self/status") as status:
            kb = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    except OSError:
        kb = "0"
    with open(report, "w") as fh:
        fh.write(kb)
atexit.register(peak)
sys.argv[0] = "kehoach"
runpy.run_module("kehoach", run_name="__main__", alter_sys=True)
"""


def run_measured(args, *, stdin: bytes | None = None, timeout: float = 120) -> tuple[int, bytes, bytes, float, float]:
    """Run ``kehoach ARGS``: (exit code, stdout, stderr, peak RSS in MB (0 where /proc is not), seconds)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rss"
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", _MEASURED, str(report), *map(str, args)],
                input=stdin or b"",
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"kehoach {' '.join(map(str, args))} ran over {timeout} s") from None
        seconds = time.perf_counter() - start
        rss = int(report.read_text() or 0) / 1024 if report.exists() else 0.0
        return done.returncode, done.stdout, done.stderr, rss, seconds


def one_line_failure(code: int, err: bytes, expected: str) -> None:
    text = err.decode("utf-8", "replace")
    assert code == 1, text
    assert text.count("\n") == 1 and "Traceback" not in text, text
    assert expected in text, text


# --- characters -------------------------------------------------------------------

ISSUE_CHARS = ["\v", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u1680", "\u205f"]
EVERY_ODD_CHAR = sorted(
    set(ISSUE_CHARS + list(LINE_BREAK_CHARS + SPACE_CHARS + REMOVED_CHARS))
    | {chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in " \t\n\r\f"}
    | {chr(c) for c in range(0x20)} - {"\t", "\n", "\r", "\f"}
)


def _odd_ones(text: str) -> set[str]:
    return {ch for ch in text if ch in EVERY_ODD_CHAR or 0xD800 <= ord(ch) <= 0xDFFF}


@pytest.mark.parametrize("char", ISSUE_CHARS, ids=[f"U+{ord(c):04X}" for c in ISSUE_CHARS])
def test_a_control_or_odd_space_after_a_body_name(char):
    """The issue's crash: a vertical tab (Word's Shift+Enter) or a U+205F right after a body name."""
    doc = parse_text(example().replace("Ban Tuyên giáo", "Ban Tuyên giáo" + char))
    bodies = {a.body for a in doc.assignments}
    # a line break there ends a short line ("2. Ban Tuyên giáo"), which the assignments read on
    # into the next line when it cuts a body's name; a space is a space
    assert "Ban Tuyên giáo Đảng ủy Khối" in bodies or (char in LINE_BREAK_CHARS and "Ban Tuyên giáo" in bodies)
    assert not _odd_ones(doc.to_json())


def test_no_stage_sees_an_odd_character():
    """Every white-space, control and invisible format character, sprinkled everywhere: the read
    stage leaves none of them for later stages, and the fields come out as without them."""
    plain = parse_text(example())
    for char in EVERY_ODD_CHAR:
        spaced = example().replace(" ", f" {char}" if char in REMOVED_CHARS else char)
        doc = parse_text(spaced)
        lines = kehoach.read.read_text(spaced).lines
        assert not any(_odd_ones(line.text) for line in lines), f"U+{ord(char):04X}"
        assert not _odd_ones(doc.to_json()), f"U+{ord(char):04X}"
        if char not in LINE_BREAK_CHARS:  # a line break in place of every space is another document
            assert (doc.symbol, doc.issuer.name, doc.date, len(doc.assignments)) == (
                plain.symbol,
                plain.issuer.name,
                plain.date,
                len(plain.assignments),
            ), f"U+{ord(char):04X}"


def test_vertical_tab_is_a_line_break():
    """Word's manual line break (Shift+Enter) copied as text: two lines, as the author saw them."""
    doc = parse_text(example().replace("\nNơi nhận:", "\vNơi nhận:"))
    assert doc.recipients == parse_text(example()).recipients


def test_odd_characters_in_word_and_html():
    xml = _document_xml(
        "KẾ HOẠCH",
        "về việc\u205fkiểm\u1680tra",
        "I. MỤC\x85ĐÍCH",
        "1. Ban Tuyên giáo\u205f chủ trì, phối hợp với Sở Nội vụ.",
    )
    doc = parse_bytes(_docx(xml))
    assert not _odd_ones(doc.to_json())
    assert doc.title == "về việc kiểm tra"
    page = "<!DOCTYPE html><html><body><p>KẾ HOẠCH</p><p>về\x1fviệc\u205fkiểm tra\v</p><p>1. Sở Tài chính\x0b chủ trì.</p></body></html>"
    doc = parse_text(page)
    assert not _odd_ones(doc.to_json()) and doc.title == "về việc kiểm tra"


_CT = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document_xml(*paragraphs: str) -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'.encode()


def _docx(document_xml: bytes, *, picture: int = 0) -> bytes:
    """A minimal .docx python-docx opens; ``picture``: MiB of zeros in a picture part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document_xml)
        if picture:
            with z.open("word/media/image1.png", "w", force_zip64=True) as part:
                for _ in range(picture):
                    part.write(bytes(1 << 20))
    return buffer.getvalue()


def test_lone_surrogates_never_crash_the_json():
    """497 of 20,000 mutated documents crashed the JSON output: surrogates are U+FFFD at read time."""
    text = example().replace("Ban Tuyên giáo", "Ban Tuyên\ud800 giáo\udfff").replace("KẾ HOẠCH", "KẾ\udc80 HOẠCH")
    doc = parse_text(text)
    out = doc.to_json()
    out.encode("utf-8")
    assert "\ufffd" in out and not _odd_ones(out)
    assert json.loads(out)["schema_version"] == "1"


def test_a_file_name_that_is_not_utf8(tmp_path):
    """A name Python holds with surrogates (its bytes not UTF-8) is shown with U+FFFD."""
    name = os.fsdecode(b"k\xe9-hoach.txt")
    path = tmp_path / name
    path.write_bytes(EXAMPLE.read_bytes())
    doc = parse_file(path)
    assert doc.source.path.endswith("k\ufffd-hoach.txt")
    doc.to_json().encode("utf-8")
    code, out, err, _, _ = run_measured(["parse", path, "-f", "json"])
    assert code == 0, err
    assert json.loads(out)["source"]["path"].endswith("k\ufffd-hoach.txt")


# --- sizes --------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_at_the_limit():
    code, out, err, rss, seconds = run_measured(["parse", "/dev/zero"])
    one_line_failure(code, err, "larger than the 64 MiB limit")
    assert out == b"" and rss < RSS_LIMIT_MB and seconds < 30


def test_stdin_is_read_only_up_to_the_limit():
    code, _, err, rss, _ = run_measured(["parse", "-"], stdin=b"a" * (65 * 1024 * 1024))
    one_line_failure(code, err, "larger than the 64 MiB limit")
    assert rss < RSS_LIMIT_MB


def test_read_stream_stops_one_byte_past_the_limit():
    from kehoach.read import read_stream

    class Endless(io.RawIOBase):
        read_bytes = 0

        def readinto(self, buffer):
            buffer[:] = b"x" * len(buffer)
            self.read_bytes += len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(InputError, match="larger than the 1 MiB limit"):
        read_stream(stream, limit=1024 * 1024)
    assert stream.read_bytes == 1024 * 1024 + 1
    assert read_stream(io.BytesIO(b"abc"), limit=3) == b"abc"


def test_text_limits(monkeypatch):
    import kehoach.read as read

    monkeypatch.setattr(read, "MAX_CHARS", 5000)
    with pytest.raises(InputError, match="longer than the 5,000 characters limit"):
        parse_text("x" * 5001)
    with pytest.raises(InputError, match="characters limit"):
        parse_bytes(("Kế hoạch " * 1000).encode())
    monkeypatch.setattr(read, "MAX_CHARS", 10**9)
    monkeypatch.setattr(read, "MAX_LINES", 300)
    with pytest.raises(InputError, match="longer than the 300 lines limit"):
        parse_text("1. x\n" * 301)
    with pytest.raises(InputError, match="lines limit"):
        parse_text("1. x\v" * 301)  # every kind of line break counts
    parse_text("1. x\n" * 299)
    page = "<!DOCTYPE html><html><body>" + "<p>1. x</p>" * 400 + "</body></html>"
    with pytest.raises(InputError, match="lines limit"):
        parse_text(page)
    with pytest.raises(InputError, match="400 paragraphs is longer than the 300 lines limit"):
        parse_bytes(_docx(_document_xml(*["1. x"] * 400)))
    monkeypatch.setattr(read, "MAX_TEXT_BYTES", 1000)
    with pytest.raises(InputError, match="larger than the 0 MiB limit for text"):
        parse_bytes(b"x " * 600)


def test_the_limits_are_documented():
    from kehoach.read import MAX_BYTES, MAX_CHARS, MAX_LINES, MAX_TEXT_BYTES
    from kehoach.read.docx import MAX_ENTRIES, MAX_RATIO, MAX_XML_INFLATED

    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    for value in (
        f"{MAX_BYTES // 2**20} MiB",
        f"{MAX_TEXT_BYTES // 2**20} MiB",
        f"{MAX_CHARS:,}",
        f"{MAX_LINES:,}",
        f"{MAX_XML_INFLATED // 2**20} MiB",
        f"{MAX_RATIO}:1",
        f"{MAX_ENTRIES:,}",
    ):
        assert value in usage, value


@pytest.mark.parametrize("byte", [0x00, 0xFF, 0x20 + 0x41])
def test_a_file_of_one_repeated_byte_is_not_a_document(byte, tmp_path):
    """Five all-zero files were accepted as documents."""
    path = tmp_path / "zero.txt"
    path.write_bytes(bytes([byte]) * 5000)
    with pytest.raises(InputError, match=f"binary data, not a document: its 5,000 bytes are all 0x{byte:02X}"):
        parse_file(path)


def test_mostly_zero_bytes_are_not_a_document():
    with pytest.raises(InputError):
        parse_bytes(b"\x00" * 4000 + b"KE HOACH" + b"\x00" * 4000)


# --- .docx zip bombs -------------------------------------------------------------------


def _deflated_spaces(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [
        packer.compress(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    ]
    block = b" " * (1 << 20)
    for _ in range(size >> 20):
        out.append(packer.compress(block))
    out.append(packer.compress(b"</w:body></w:document>"))
    out.append(packer.flush())
    return b"".join(out)


def lying_bomb(inflated: int, declared: int) -> bytes:
    """A .docx whose document.xml inflates to ``inflated`` bytes while its headers say ``declared``."""
    entries = [
        (name.encode(), zlib.compress(data)[2:-4], len(data), zlib.crc32(data))
        for name, data in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS))
    ]
    entries.append((b"word/document.xml", _deflated_spaces(inflated), declared, 0))
    out = io.BytesIO()
    central = []
    for name, payload, size, crc in entries:
        offset = out.tell()
        out.write(
            struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(payload), size, len(name), 0)
            + name
            + payload
        )
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(payload),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


@pytest.mark.parametrize("declared", [0, 1000, 150 * 1024 * 1024], ids=["says-empty", "says-1000", "says-150MiB"])
def test_a_docx_bomb_whose_headers_lie(declared, tmp_path):
    """1 GiB of XML whose headers say otherwise: it cost 2 GB and 5 s (N x 2 GB with -j N)."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(lying_bomb(1 << 30, declared))
    code, out, err, rss, seconds = run_measured(["parse", path])
    assert code == 1 and err.count(b"\n") == 1 and b"Traceback" not in err and out == b"", err
    assert rss < 150 and seconds < 10, (rss, seconds)


def test_docx_xml_is_measured_by_what_it_inflates_to():
    from kehoach.read import docx

    honest = _docx(_document_xml(os.urandom(3 * 1024 * 1024).hex()))  # 6 MiB, compressed ~2:1
    limit = docx.MAX_XML_INFLATED
    try:
        docx.MAX_XML_INFLATED = 4 * 1024 * 1024
        with pytest.raises(InputError, match="inflates past 4 MiB of XML"):
            parse_bytes(honest)
    finally:
        docx.MAX_XML_INFLATED = limit
    with pytest.raises(InputError, match="inflates more than 200:1"):
        parse_bytes(_docx(_document_xml(" " * (30 * 1024 * 1024))))


def test_docx_pictures_are_not_inflated():
    """A picture part that inflates to a quarter of a gigabyte costs nothing: its bytes are never read."""
    data = _docx(_document_xml("KẾ HOẠCH", "về việc kiểm tra"), picture=256)
    start = time.perf_counter()
    doc = parse_bytes(data)
    assert doc.title == "về việc kiểm tra" and time.perf_counter() - start < 2


def test_an_archive_of_many_entries_is_refused_before_its_directory_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", b"<w:document/>")
        for i in range(10_001):
            z.writestr(f"x/{i}", b"")
    with pytest.raises(InputError, match="more than 10,000 entries"):
        parse_bytes(buffer.getvalue())


# --- the terminal table -------------------------------------------------------------------

MARKUP_TEXT = [
    "[/]",
    "[/bold]",
    "[bold]đậm[/bold]",
    "[link=https://x.invalid]bấm[/link]",
    "[red]",
    ":smile:",
    "\\[",
    "[@click=app.quit]",
]


def _table_output(doc) -> str:
    from rich.console import Console

    from kehoach import render

    console = Console(file=io.StringIO(), width=200, force_terminal=False, color_system=None)
    console.print(render.to_rich(doc))
    return console.file.getvalue()


def test_rich_markup_in_a_document_is_shown_as_printed():
    """'[/...]' crashed the default table output; '[bold]' and '[link=...]' text disappeared."""
    for markup in MARKUP_TEXT:
        doc = parse_text(
            example()
            .replace("Văn phòng Tỉnh ủy", f"Văn phòng Tỉnh ủy {markup}")
            .replace("chữa cháy\n", f"chữa {markup} cháy\n", 1)
        )
        assert f"Văn phòng Tỉnh ủy {markup}" in doc.recipients
        shown = "".join(_table_output(doc).split())  # cells wrap: compare without white space
        assert "".join(f"Văn phòng Tỉnh ủy {markup}".split()) in shown, markup
        assert doc.title.endswith(f"chữa {markup} cháy")
        assert "".join(f"chữa {markup} cháy".split()) in shown, markup


def test_cli_table_with_markup_and_the_recipients(tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(example().replace("Văn phòng Tỉnh ủy,", "Văn phòng Tỉnh ủy [/],"), encoding="utf-8")
    code, out, err, _, _ = run_measured(["parse", path, "-f", "table"])
    assert code == 0, err
    shown = "".join(out.decode("utf-8").split())
    assert "VănphòngTỉnhủy[/]" in shown
    assert "Recipients" in shown and "LưuVănphòngĐảngủyKhối" in shown  # --help promises them


# --- symbols ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "garbage",
    [
        "37-KH/ĐUK" + "-ABC" * 7500,
        "-".join(["12/KH"] * 2000),
        "1/2/3/4/5/" * 1000 + "KH",
        "A-" * 10000 + "KH/TU",
        "37-KH/" + "Đ" * 30000,
    ],
    ids=["code-chain", "symbols-joined", "slashes", "dashes", "long-code"],
)
def test_garbage_on_the_symbol_line_is_no_symbol(garbage):
    """The symbol field could be a 30,000-character string of garbage."""
    doc = parse_text(example().replace("Số 37-KH/ĐUK", "Số " + garbage))
    assert doc.symbol is None and doc.number is None and doc.issuer.code is None
    assert "symbol-too-long" in {w.code for w in doc.warnings}
    assert all(len(r.symbol or "") <= 64 for r in doc.references)


def test_long_real_symbols_are_kept():
    for symbol in ("12/HDLN-BCA-BQP-BYT-BTC", "03/2022/TTLT-BTP-BNV-BTC-BLĐTBXH-BYT-BGDĐT"):
        doc = parse_text(example().replace("Số 37-KH/ĐUK", "Số " + symbol))
        assert doc.symbol == symbol


def test_a_cited_symbol_run_on_into_garbage_is_not_cited():
    from kehoach.extract.symbols import find_symbols, parse_symbol

    text = "theo Kết luận số 02-KL/TW" + "-AB" * 100 + " và Kế hoạch số 33-KH/TU"
    assert [s.text for s in find_symbols(text)] == ["33-KH/TU"]
    assert parse_symbol("02-KL/TW" + "-AB" * 100) is None and parse_symbol("02-KL/TW").text == "02-KL/TW"


def test_a_body_name_at_a_paragraph_break_inside_a_section():
    """Found by the fuzz target: a section's text joins its paragraphs with a line break, and a
    body name ending at one crashed the body reader (the reader now ends the name there)."""
    from kehoach.extract.bodies import View, read_body

    assert read_body(View("Ủy ban nhân dân\nThành phố đề nghị"), 0).text == "Ủy ban nhân dân"
    parse_text(
        "**Điều 9.\nHội đồng Thi đua - Khen thưởng các cơ quan, đơn vị, địa phương**\n1. Hội đồng Thi đua - Khen\n"
        "Chủ tịch Ủy ban nhân dân\nThành phố đề nghị các cơ quan, đơn vị khẩn trương, nghiêm túc triển khai thực"
    )


# --- batch ---------------------------------------------------------------------------------

GOOD = sorted(DOCS.glob("*.txt"))


def kehoach_cli(*args, stdin: bytes | None = None, timeout: float = 300):
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *map(str, args)], input=stdin, capture_output=True, timeout=timeout
    )


def test_sqlite_an_existing_database_is_added_to_never_deleted(tmp_path):
    """'--sqlite FILE' silently deleted an existing file there, the user's own tables included."""
    import sqlite3

    db = tmp_path / "k.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE ghi_chu (note TEXT)")
    con.execute("INSERT INTO ghi_chu VALUES ('của tôi')")
    con.commit()
    con.close()
    assert kehoach_cli("batch", *GOOD[:3], "--sqlite", db, "-q").returncode == 0
    assert kehoach_cli("batch", *GOOD[2:5], "--sqlite", db, "-q").returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT note FROM ghi_chu").fetchall() == [("của tôi",)]
    assert con.execute("SELECT count(*), count(DISTINCT input) FROM documents").fetchone() == (5, 5)
    con.close()
    assert kehoach_cli("batch", *GOOD[:2], "--sqlite", db, "-q", "--overwrite").returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    assert con.execute("SELECT note FROM ghi_chu").fetchall() == [("của tôi",)]


def test_sqlite_a_file_that_is_not_kehoachs_is_refused(tmp_path):
    import sqlite3

    notes = tmp_path / "notes.db"
    notes.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    done = kehoach_cli("batch", GOOD[0], "--sqlite", notes, "-q")
    one_line_failure(done.returncode, done.stderr, "is not an SQLite database")
    assert notes.read_text(encoding="utf-8") == "không phải cơ sở dữ liệu"
    assert kehoach_cli("batch", GOOD[0], "--sqlite", notes, "-q", "--overwrite").returncode == 0  # asked for
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE documents (id INTEGER, my_column TEXT)")
    con.execute("INSERT INTO documents VALUES (1, 'giữ')")
    con.commit()
    con.close()
    for extra in ([], ["--overwrite"]):
        done = kehoach_cli("batch", GOOD[0], "--sqlite", other, "-q", *extra)
        one_line_failure(done.returncode, done.stderr, "has a table 'documents' that is not kehoach's")
    assert sqlite3.connect(other).execute("SELECT * FROM documents").fetchall() == [(1, "giữ")]


def test_jsonl_an_existing_file_is_not_replaced_unasked(tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_text('{"mine": 1}\n', encoding="utf-8")
    done = kehoach_cli("batch", GOOD[0], "--jsonl", out, "-q")
    one_line_failure(done.returncode, done.stderr, "--resume adds to it")
    assert out.read_text(encoding="utf-8") == '{"mine": 1}\n'
    assert kehoach_cli("batch", GOOD[0], "--jsonl", out, "-q", "--overwrite").returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert kehoach_cli("batch", GOOD[0], GOOD[1], "--jsonl", out, "-q", "--resume").returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert kehoach_cli("batch", GOOD[0], "--jsonl", out, "--resume", "--overwrite").returncode == 2


def test_output_dir_takes_a_folder_and_says_so(tmp_path):
    done = kehoach_cli("batch", GOOD[0], "-o", tmp_path / "out.jsonl")
    assert (
        done.returncode == 2 and b"--output-dir (-o) takes a folder" in done.stderr and b"--jsonl FILE" in done.stderr
    )
    assert not (tmp_path / "out.jsonl").exists()
    afile = tmp_path / "afile"
    afile.write_text("x")
    done = kehoach_cli("batch", GOOD[0], "--output-dir", afile)
    assert done.returncode == 2 and afile.read_text() == "x"
    done = kehoach_cli("parse", GOOD[0], "-o", tmp_path)
    assert done.returncode == 2 and b"is a directory" in done.stderr
    assert b"--output-dir DIR" in kehoach_cli("parse", "--help").stdout


def test_long_input_names_are_shortened_and_recorded(tmp_path):
    """'batch -o DIR' aborted the whole run on an input name of ~236 bytes or more (11 of 21 records lost)."""
    folder = tmp_path / "kho"
    folder.mkdir()
    names = []
    for i in range(21):
        length = 200 + i * 3  # 200 to 260 characters: past 255 bytes in UTF-8 (and ASCII) from about the middle
        name = (f"{i:02d} Kế hoạch triển khai thực hiện " * 20)[: length - 4] + ".txt"
        if i % 2:
            name = name.encode("ascii", "replace").decode().replace("?", "x")[: length - 4] + ".txt"
        try:
            (folder / name).write_bytes(GOOD[i % len(GOOD)].read_bytes())
        except OSError:  # longer than this file system takes as an input name: a shorter one
            name = name[:120] + ".txt"
            (folder / name).write_bytes(GOOD[i % len(GOOD)].read_bytes())
        names.append(name)
    out = tmp_path / "out"
    done = kehoach_cli("batch", folder, "-o", out, "-j", "2")
    assert done.returncode == 0, done.stderr.decode()
    manifest = [json.loads(line) for line in (out / ".kehoach-manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(manifest) == 21 and all(m["ok"] for m in manifest)
    shortened = [m for m in manifest if "name" in m]
    assert shortened, "some names were too long to be written as they are"
    for m in manifest:
        written = out / f"{m['out']}.json"
        assert written.exists()
        assert json.loads(written.read_text(encoding="utf-8"))["source"]["path"] == m["input"]
        for part in m["out"].split("/"):
            assert len(os.fsencode(part)) + len(".error.json") <= 255
    assert all(m["name"].startswith("kho/") and m["out"] != m["name"] for m in shortened)
    assert b"output names shortened" in done.stderr
    again = kehoach_cli("batch", folder, "-o", out, "--resume")
    assert b"up to date (skipped)" in again.stderr and again.returncode == 0


def test_all_zero_files_are_error_records(tmp_path):
    folder = tmp_path / "zeros"
    folder.mkdir()
    for i in range(5):
        (folder / f"rong-{i}.txt").write_bytes(bytes(4096 * (i + 1)))
    (folder / "tot.txt").write_bytes(GOOD[0].read_bytes())
    out = tmp_path / "o.jsonl"
    done = kehoach_cli("batch", folder, "--jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert done.returncode == 1 and len(records) == 6
    assert sorted(r.get("error", "ok")[:29] for r in records) == ["binary data, not a document: "] * 5 + ["ok"]


def test_failures_keep_their_digits_and_name_their_file(tmp_path):
    """Reasons had their digits replaced ('Word N-N') and did not say which file."""
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (folder / "tot.txt").write_bytes(GOOD[0].read_bytes())
    done = kehoach_cli("batch", folder, "--jsonl", tmp_path / "o.jsonl")
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Word 97-2003" in "".join(err.split()) or "Word97-2003" in "".join(err.split())
    assert "N-N" not in err
    assert f"failed: {folder / 'cu.doc'}: old binary Word .doc" in " ".join(err.split())


def test_count_jobs_knows_the_total_where_it_is_cheap(tmp_path):
    import tarfile

    folder = tmp_path / "kho"
    (folder / "a").mkdir(parents=True)
    for path in GOOD[:3]:
        (folder / "a" / path.name).write_bytes(path.read_bytes())
    (folder / "anh.png").write_bytes(b"\x89PNG")
    with zipfile.ZipFile(folder / "lo.zip", "w") as z:
        z.writestr("x/1.txt", "a")
        z.writestr("x/2.txt", "b")
        z.writestr("x/", "")
    assert count_jobs([str(folder)]) == 5
    assert count_jobs([str(folder), str(GOOD[5]), str(tmp_path / "missing.txt")]) == 7
    assert count_jobs([str(folder / "a" / "*.txt")]) == 3
    assert count_jobs(["-"]) is None
    with tarfile.open(tmp_path / "lo.tar", "w") as tar:
        tar.add(GOOD[0], arcname="g.txt")
    assert count_jobs([str(tmp_path / "lo.tar")]) is None
    assert count_jobs([str(folder)]) == sum(1 for _ in iter_jobs([str(folder)]))


def _slow_build(real):
    """build_document made slow for documents that ask for it: CHẬM in Python code (an alarm
    stops it), KẸT in C code that holds the interpreter (only killing the worker stops it)."""

    def build(text, **kwargs):
        body = " ".join(line.text for line in text.lines[:3])
        if "CHẬM" in body:
            while True:
                pass
        if "KẸT" in body:
            import re

            re.match(r"(a+)+$", "a" * 64 + "b")  # catastrophic backtracking: hours, in C
        return real(text, **kwargs)

    return build


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_past_its_time_budget_gets_an_error_and_the_run_goes_on(workers, tmp_path, monkeypatch):
    """There was no per-document time limit: one pathological file stalled a worker."""
    import kehoach.build

    monkeypatch.setattr(kehoach.build, "build_document", _slow_build(kehoach.build.build_document))
    folder = tmp_path / "kho"
    folder.mkdir()
    for i, path in enumerate(GOOD[:12]):
        (folder / f"{i:02d}.txt").write_bytes(path.read_bytes())
    (folder / "03-cham.txt").write_text("CHẬM\n" + example(), encoding="utf-8")
    if workers > 1:  # only a separate process can be stopped in C code
        (folder / "07-ket.txt").write_text("KẸT\n" + example(), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    start = time.perf_counter()
    summary = run_batch(iter_jobs([str(folder)]), JsonlSink(out), workers=workers, timeout=1.0)
    took = time.perf_counter() - start
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    slow = {"03-cham.txt"} | ({"07-ket.txt"} if workers > 1 else set())
    assert len(records) == 12 + len(slow)
    failed = {Path(r["input"]).name: r["error"] for r in records if "error" in r}
    assert set(failed) == slow
    assert all("took longer than the 1 s limit" in e for e in failed.values())
    assert summary.succeeded == 12 and took < 40


def test_a_killed_batch_leaves_no_workers(tmp_path):
    """A killed batch left its workers running."""
    import signal

    folder = tmp_path / "nhieu"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:04d}.txt").write_bytes(GOOD[i % len(GOOD)].read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "kehoach", "batch", str(folder), "--jsonl", str(tmp_path / "o.jsonl"), "-j", "2", "-q"]
    )
    children: set[int] = set()
    deadline = time.time() + 60
    while time.time() < deadline and len(children) < 2:
        children = _children(proc.pid)
        time.sleep(0.05)
    assert len(children) >= 2, "the batch did not start its workers"
    os.kill(proc.pid, signal.SIGKILL)  # the parent only, not its process group
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)], "workers outlived their parent"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_terminal_table_of_a_huge_document_is_capped():
    """A tree of 100,000 sections took rich a minute and 700 MB to lay out; the table shows the
    first MAX_SHOWN of each part and says how many more there are (JSON and Markdown hold all)."""
    from kehoach.render import MAX_SHOWN

    doc = parse_text("1. x\n" * 20_000)
    start = time.perf_counter()
    out = _table_output(doc)
    assert time.perf_counter() - start < 15
    assert f"{20_000 - MAX_SHOWN:,} more sections" in out and f"{len(doc.warnings) - MAX_SHOWN:,} more warnings" in out


# --- parse(str) ------------------------------------------------------------------------------


def test_parse_reads_a_path_only_when_asked(tmp_path, monkeypatch):
    """kehoach.parse('/etc/passwd') read the file: a string was taken for a path whenever such a file existed."""
    secret = tmp_path / "mat-khau"
    secret.write_text("BÍ MẬT\n1. không được đọc\n", encoding="utf-8")
    doc = kehoach.parse(str(secret))  # names an existing file, but no document suffix: text
    assert doc.source.lines == 1 and "BÍ MẬT" not in doc.to_json()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "KẾ HOẠCH").write_text("không phải", encoding="utf-8")
    assert "không phải" not in kehoach.parse("KẾ HOẠCH").to_json()  # a file of that name exists: not read
    named = tmp_path / "ke-hoach.txt"
    named.write_bytes(EXAMPLE.read_bytes())
    assert kehoach.parse(str(named)).symbol == "37-KH/ĐUK"  # a file name: read
    assert kehoach.parse("ke-hoach.txt").symbol == "37-KH/ĐUK"
    assert kehoach.parse(Path("ke-hoach.txt")).symbol == "37-KH/ĐUK"
    assert kehoach.parse(secret).source.path == str(secret)  # a Path is always read (parse_file too)
    with pytest.raises(InputError, match=r"no such file .*parse_text"):
        kehoach.parse("ke-hoach-37.docx")
    assert kehoach.parse("Xem thêm nội dung trong tệp đính kèm bao-cao.txt").source.lines == 1  # a sentence: text
    assert kehoach.parse(str(named) + "\n").source.lines == 2  # two lines: text
    assert kehoach.parse_text(str(named)).source.lines == 1  # parse_text never reads


# --- issue 14 a, b, c: fixed in the segment and closing rework --------------------------------


def _seconds(func, *args) -> float:
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def _closing_with_a_long_line(size: int) -> str:
    """The example with one line of ``size`` characters right below 'Nơi nhận:'."""
    entry = "Văn phòng Tỉnh ủy "
    text = example().replace("Nơi nhận:", "Nơi nhận:\n" + (entry * (size // len(entry) + 1))[:size], 1)
    assert len(text) > size
    return text


def test_a_long_line_after_noi_nhan_is_linear():
    """A long line after 'Nơi nhận:' was quadratic (76 KB: 16 s; 424 KB: over 120 s)."""
    small = max(_seconds(parse_text, _closing_with_a_long_line(10_000)), 0.05)
    big = _seconds(
        parse_text, _closing_with_a_long_line(40_000)
    )  # quadratic: ~9 s (kept small: CI runs this while it fails)
    assert big < 2 * 2.0 * 0.6 + 1, big  # ~60 KB in UTF-8: 2 s per 100 KB, twice that on a loaded machine
    assert big / small < 10, (small, big)  # 4x the size: a linear cost is 4x, a quadratic one 16x


_FULL_LINE = "phối hợp với các cơ quan, đơn vị liên quan tổ chức thực hiện có hiệu quả các nhiệm vụ được giao trong kế hoạch này và"


def _long_paragraph(lines: int) -> str:
    """The example with one paragraph of ``lines`` full-width wrapped lines before part IV."""
    text = example().replace("\nIV-", "\n" + "\n".join([_FULL_LINE] * lines) + "\nIV-", 1)
    assert len(text) > lines * len(_FULL_LINE)
    return text


def test_one_long_wrapped_paragraph_is_linear():
    """One long wrapped paragraph was quadratic in segmentation (16k lines: 1.8 s; here 16k: 5 s)."""
    small = max(_seconds(parse_text, _long_paragraph(2_000)), 0.05)
    big = _seconds(parse_text, _long_paragraph(8_000))
    assert big < 2 * 2.0 * 11, big  # ~1.1 MB in UTF-8: 2 s per 100 KB, twice that on a loaded machine
    assert big / small < 10, (small, big)


def _concatenated(count: int) -> str:
    return "\n\n".join([example()] * count)


@pytest.mark.parametrize("count", [300, 600])  # (600 seeds: 3.8 M characters, under the text limit)
def test_many_documents_one_after_another_are_a_flat_list_of_appendices(count):
    """~300 documents one after another ended in a serialisation error, ~1,000 in a RecursionError."""
    start = time.perf_counter()
    doc = parse_text(_concatenated(count))
    out = doc.to_json()
    took = time.perf_counter() - start
    assert json.loads(out)["schema_version"] == "1"
    assert len(doc.appendices) == count - 1
    assert all(not appendix.appendices for appendix in doc.appendices)  # flat, not nested
    assert took < count * 0.2, took  # linear: a fifth of a second a document at most


@pytest.mark.parametrize("case", ["long-line", "long-paragraph", "concatenated"])
def test_the_lead_cases_stay_under_500_mb_through_the_cli(case, tmp_path):
    text = {
        "long-line": _closing_with_a_long_line(100_000),
        "long-paragraph": _long_paragraph(16_000),
        "concatenated": _concatenated(600),
    }[case]
    path = tmp_path / f"{case}.txt"
    path.write_text(text, encoding="utf-8")
    budget = 2.0 * 2 * len(text.encode()) / 100_000 + 5  # 2 s per 100 KB, twice that on a loaded machine, and start-up
    code, _out, err, rss, _seconds = run_measured(["parse", path, "-f", "json"], timeout=budget)
    assert code == 0, err
    assert rss < RSS_LIMIT_MB, rss


def _hostile_file(case: str, tmp: Path) -> Path:
    path = tmp / f"{case}.txt"
    text = example()
    if case == "controls":
        text = "".join(ch + ("\v\x1f\x85\u205f\u1680\x1b[2J"[i % 9] if ch == " " else "") for i, ch in enumerate(text))
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    elif case == "surrogate-bytes":
        path.write_bytes(EXAMPLE.read_bytes().replace("Ban Tuyên giáo".encode(), b"Ban Tuy\xed\xa0\x80n gi\xc3\xa1o"))
    elif case == "markup":
        path.write_text(text.replace(" ", " [/] [bold]", 200), encoding="utf-8")
    elif case == "symbol-garbage":
        path.write_text(text.replace("Số 37-KH/ĐUK", "Số 37-KH/ĐUK" + "-ABC" * 7500), encoding="utf-8")
    elif case == "zeros":
        path.write_bytes(bytes(1 << 20))
    elif case == "text-at-the-character-limit":
        from kehoach.read import MAX_CHARS

        para = "Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thực hiện kiểm tra việc triển khai.\n"
        path.write_text(text + (para * (MAX_CHARS // len(para)))[: MAX_CHARS - len(text) - 10], encoding="utf-8")
    elif case == "text-past-the-character-limit":
        from kehoach.read import MAX_CHARS

        path.write_text("a " * (MAX_CHARS // 2 + 10), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "case,ok",
    [
        ("controls", True),
        ("surrogate-bytes", True),
        ("markup", True),
        ("symbol-garbage", True),
        ("zeros", False),
        ("text-at-the-character-limit", True),
        ("text-past-the-character-limit", False),
    ],
)
def test_hostile_inputs_through_the_cli_stay_under_500_mb(case, ok, tmp_path):
    path = _hostile_file(case, tmp_path)
    for fmt in ("json", "table"):
        code, _out, err, rss, seconds = run_measured(["parse", path, "-f", fmt], timeout=120)
        if ok:
            assert code == 0, err
        else:
            assert code == 1 and err.count(b"\n") == 1 and b"Traceback" not in err, err
        assert rss < RSS_LIMIT_MB, (fmt, rss)
        assert seconds < max(10, 2 * 2.0 * path.stat().st_size / 100_000), (fmt, seconds)
