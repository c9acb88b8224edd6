"""The reader on what users' archives hold: PDFs laid out from glyph boxes, garbage text layers,
scans and images (OCR), old .doc (LibreOffice), legacy fonts in Word, Windows-1258, damaged UTF-8
and broken-font letters. The real files are in ../shared/corpus (skipped where it is absent)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib

import pytest

from kehoach import parse_bytes, parse_file, parse_text
from kehoach.errors import InputError
from kehoach.read import ocr, read_bytes
from kehoach.read.decode import decode_report
from kehoach.read.layout import Box, lay_out
from kehoach.read.quality import is_garbage, quality
from tests.conftest import REAL_FILES, SHARED
from tests.formats import FORMATS

WILD_FILES = SHARED / "corpus" / "wild" / "files"
needs_wild = pytest.mark.skipif(not WILD_FILES.is_dir(), reason="../shared/corpus/wild/files is not beside the project")
needs_real = pytest.mark.skipif(not REAL_FILES.is_dir(), reason="../shared/corpus/real-files is not beside the project")
needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="Tesseract with its Vietnamese model is not installed (tesseract-ocr tesseract-ocr-vie)"
)
needs_libreoffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice is not installed (libreoffice-writer-nogui)",
)


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kehoach", *args], capture_output=True, env=env)


# --- layout ------------------------------------------------------------------------------------


def _glyphs(text: str, x: float, top: float, size: float = 12.0, advance: float = 6.0, space: float = 3.0) -> list[Box]:
    """Boxes of ``text`` set from ``x`` with fixed advances; a space advances by ``space``."""
    out = []
    for ch in text:
        if ch == " ":
            out.append(Box(x, x + space, top, top + size * 1.05, " ", size))
            x += space
            continue
        out.append(Box(x, x + advance, top, top + size * 1.05, ch, size))
        x += advance
    return out


def test_layout_reading_order_whatever_the_stored_order():
    """Lines stored bottom-up, and the letters of a word in any order, come out top to bottom."""
    first = _glyphs("KẾ HOẠCH", 100, 100)
    second = _glyphs("thực hiện Chỉ thị", 100, 116)
    boxes = list(reversed(second)) + first[4:] + first[:4]
    assert lay_out(boxes) == ["KẾ HOẠCH", "thực hiện Chỉ thị"]


def test_layout_columns_but_no_false_columns_in_justified_text():
    header = _glyphs("UBND TỈNH LÀO CAI", 50, 100) + _glyphs("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 300, 100)
    justified = _glyphs("Qua  rà  soát,  thẩm  định  theo  quy  định", 50, 116, space=7.0)  # every gap 2x stretched
    lines = lay_out(header + justified)
    assert lines[0].startswith("UBND TỈNH LÀO CAI    ") and lines[0].rstrip().endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    assert lines[1] == "Qua rà soát, thẩm định theo quy định"


def test_layout_a_space_glyph_ends_a_word_a_glyph_drawn_later_joins_it():
    """A fallback font's letters are drawn after the rest of the line: they go where they stand."""
    word = _glyphs("ĐẢNG BỘ", 100, 100)
    fallback = [b for b in word if b.text in "ẢỘ"]
    rest = [b for b in word if b.text not in "ẢỘ"]
    assert lay_out(rest + fallback) == ["ĐẢNG BỘ"]


def test_layout_blank_line_where_the_page_leaves_space():
    boxes = (
        _glyphs("Nơi nhận:", 50, 100)
        + _glyphs("- Như trên;", 50, 114)
        + _glyphs("- Lưu: VT.", 50, 128)
        + _glyphs("Nguyễn Văn A", 50, 170)
    )
    assert lay_out(boxes) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "", "Nguyễn Văn A"]


# --- quality -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,garbage",
    [
        (
            "Thực hiện Công văn số 2114/BGDĐT ngày 16/5/2019 của Bộ Giáo dục và Đào tạo về việc bảo đảm trật tự an toàn giao thông cho học sinh",
            False,
        ),
        # an OCR layer that lost its diacritics
        (
            "Thoc hien Cong van so 2114/BGDDT ngay 16/5/2019 cua Bo Giao duc va Dao tao ve viec bao dam trat tu an toan giao thong cho hoc sinh",
            True,
        ),
        # a font without a Unicode map
        (
            "Can cüa Diu 1 Bang Cong san Vit Nam; Quy djnh s 294-QD/TW, ngày 26/5/2025 cüa Ban Chip hành Trung ucing v thi hành Diu 1 Dáng",
            True,
        ),
        ("Ký bởi: Tỉnh ủy", False),  # too few words to judge
    ],
)
def test_garbage_text_layer(text, garbage):
    assert is_garbage(quality(text)) is garbage


# --- encodings -----------------------------------------------------------------------------------


def test_a_few_bad_bytes_in_utf8_are_replaced_not_the_whole_file():
    good = "KẾ HOẠCH\nthực hiện Kết luận số 02-KL/TW của Ban Bí thư về công tác phòng cháy, chữa cháy\n" * 3
    data = good.encode()
    damaged = data[:5] + b"\xff" + data[5:]
    text, used, warnings = decode_report(damaged)
    assert used == "utf-8" and text.replace("\ufffd", "") == good
    assert [w.code for w in warnings] == ["utf8-bytes-replaced"] and warnings[0].line == 1
    doc = parse_bytes(damaged)
    assert any(w.code == "utf8-bytes-replaced" for w in doc.warnings) and doc.source.encoding == "utf-8"


def test_many_bad_bytes_are_another_encoding():
    data = "Kế hoạch thực hiện Kết luận của Ban Bí thư về công tác cán bộ".encode()
    cp = "Kế hoạch".encode() + " thöïc hieän".encode("latin-1") * 30
    assert decode_report(cp)[1] != "utf-8"
    assert decode_report(data)[1] == "utf-8"


def test_broken_font_letters_repaired_in_text_from_anywhere():
    text = "BỘ CÔNG THƢƠNG    CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKẾ HOẠCH\nVề việc hƣớng dẫn\n\nI. MỤC ĐÍCH\n1. Quán triệt.\n"
    for doc in (parse_text(text), parse_bytes(text.encode("utf-8")), parse_bytes(text.encode("utf-16"))):
        dumped = doc.model_dump_json()
        assert "ƣ" not in dumped and "Ƣ" not in dumped
        assert doc.issuer.name == "BỘ CÔNG THƯƠNG"
    assert "hướng dẫn" in (parse_text(text).title or "")


# --- PDF: signatures, comments, garbage layers ---------------------------------------------------


@needs_wild
def test_reader_comment_left_out_and_garbage_layer_reported():
    """ailab_1: a scan whose OCR layer lost its diacritics, with a reader's comment typed on it."""
    doc = parse_file(WILD_FILES / "ailab_1_SGDDT_DaNang_2019.pdf", ocr="never")
    codes = [w.code for w in doc.warnings]
    assert "pdf-comment-skipped" in codes and codes.count("pdf-text-garbage") == 2 and "ocr-skipped" in codes
    assert "Cô Hương gửi văn bản" not in doc.model_dump_json()


@needs_wild
@needs_ocr
def test_garbage_layer_replaced_by_ocr():
    """thainguyen_348: a signed scan whose OCR layer reads 'TiNH UY THAI NGUYEN', 'S 348-TB/TU'."""
    doc = parse_file(WILD_FILES / "thainguyen_348-TB-TU_2025.pdf")
    assert "pdf-text-garbage" in [w.code for w in doc.warnings] and "ocr-used" in [w.code for w in doc.warnings]
    assert (doc.symbol, doc.date, doc.doc_type) == ("348-TB/TU", "2025-08-22", "TB")


@needs_wild
@needs_ocr
def test_scan_without_text_is_ocr_d():
    doc = parse_file(WILD_FILES / "ailab_2_DaNang.pdf")
    assert doc.source.format == "pdf" and "ocr-used" in [w.code for w in doc.warnings]
    assert doc.issuer.name == "PHÒNG AN CHÍNH TRỊ NỘI BỘ"
    assert "Hội thánh Đức Chúa Trời" in doc.model_dump_json()


@needs_wild
def test_scan_with_ocr_turned_off_or_missing_says_what_to_install(tmp_path):
    scan = WILD_FILES / "ailab_2_DaNang.pdf"
    done = _cli("parse", str(scan), "--ocr", "never")
    assert done.returncode == 1 and b"--ocr never" in done.stderr and done.stderr.count(b"\n") == 1
    env = dict(os.environ, KEHOACH_TESSERACT=str(tmp_path / "no-tesseract"))
    done = _cli("parse", str(scan), env=env)
    assert done.returncode == 1 and b"tesseract-ocr tesseract-ocr-vie" in done.stderr and done.stderr.count(b"\n") == 1


@needs_real
def test_signature_widgets_give_number_and_day():
    text = read_bytes((REAL_FILES / "CV-4280-tra-ho-so-Thanh-Huong-2026.pdf").read_bytes())
    header = " ".join(line.text for line in text.lines[:6])
    assert "Số: 4280 /SCT - CN" in header and "ngày 16 tháng 7 năm 2026" in " ".join(header.split())


# --- images ------------------------------------------------------------------------------------


def _png(width: int, height: int, gray: bytes) -> bytes:
    """A grayscale PNG, written by hand (no imaging library needed)."""
    rows = b"".join(b"\x00" + gray[y * width : (y + 1) * width] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")


@needs_ocr
def test_image_is_ocr_d(tmp_path):
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(FORMATS / "f01.pdf"))[0]
    bitmap = page.render(scale=200 / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    gray = b"".join(buffer[y * stride : y * stride + width] for y in range(height))
    path = tmp_path / "trang-1.png"
    path.write_bytes(_png(width, height, gray))
    doc = parse_file(path)
    assert doc.source.format == "image" and "ocr-used" in [w.code for w in doc.warnings]
    assert doc.symbol == "120-KH/TU"


def test_image_without_tesseract_names_the_packages(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(_png(4, 4, b"\xff" * 16))
    env = dict(os.environ, KEHOACH_TESSERACT=str(tmp_path / "no-tesseract"))
    done = _cli("parse", str(path), env=env)
    assert done.returncode == 1 and b"an image" in done.stderr and b"tesseract-ocr-vie" in done.stderr


def test_ocr_mode_is_checked():
    with pytest.raises(ValueError):
        read_bytes(b"KE HOACH", ocr="sometimes")
    with pytest.raises(InputError):
        read_bytes(_png(4, 4, b"\xff" * 16), ocr="never")


# --- old Word ------------------------------------------------------------------------------------


@needs_real
@needs_libreoffice
def test_real_doc_reads_through_libreoffice():
    doc = parse_file(next(REAL_FILES.glob("*.doc")))
    assert doc.source.format == "doc"
    assert doc.issuer.name == "SỞ CÔNG THƯƠNG" and doc.signer.name == "Phan Văn Cương"


@needs_wild
@needs_libreoffice
def test_tcvn3_fonts_inside_doc_decoded():
    doc = parse_file(WILD_FILES / "hpbaotho_KiemDiemDangVien_LeThuy_2011_TCVN3.doc")
    assert doc.place == "Lệ Thuỷ" and doc.date == "2011-11-29"
    assert any(w.code == "encoding-converted" and ".VnTime" in w.message for w in doc.warnings)
    assert "CHẤT LƯỢNG ĐẢNG VIÊN" in doc.model_dump_json()


@needs_libreoffice
def test_damaged_doc_one_line(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    done = _cli("parse", str(path))
    assert done.returncode == 1 and b"old binary Word .doc" in done.stderr and done.stderr.count(b"\n") == 1


def test_help_stays_fast_with_the_new_readers():
    code = "import sys; import kehoach.cli; print(','.join(m for m in ('pypdfium2', 'kehoach.read.ocr', 'kehoach.read.pdf') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == ""
