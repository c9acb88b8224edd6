"""Word, PDF and legacy encodings give the same contract fields as the text.

Each sample (the two seeds and six fixtures of varied shape) is parsed from
its text, rendered into a .docx laid out as offices do (header table, Word
automatic numbering with a restart, a page break inside a paragraph,
signature table) and parsed again; the committed PDF of the same rendering
(made by LibreOffice, see tests/formats.py) likewise. Then the hostile
inputs: each is refused with one line and exit 1.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from kehoach import parse_bytes, parse_file, parse_text
from kehoach.errors import InputError
from tests.conftest import REAL_FILES, SEEDS
from tests.formats import FORMATS, SAMPLES, render_docx, source


def contract(doc, *, fold_case: bool = False) -> dict:
    """The contract's fields of a document, without line numbers, warnings or the source."""

    def text(value):
        return value.lower() if fold_case and isinstance(value, str) else value

    def section(s):
        return {
            "label": s.label,
            "heading": text(s.heading),
            "kind": s.kind,
            "text": text(s.text),
            "children": [section(c) for c in s.children],
        }

    return {
        "doc_type": doc.doc_type,
        "doc_type_name": doc.doc_type_name,
        "symbol": doc.symbol,
        "number": doc.number,
        "issuer": {k: text(getattr(doc.issuer, k)) for k in ("name", "parent", "code")},
        "place": text(doc.place),
        "date": doc.date,
        "title": text(doc.title),
        "sections": [section(s) for s in doc.sections],
        "references": [
            {k: text(getattr(r, k)) for k in ("kind", "number", "symbol", "date", "issuer", "title")}
            for r in doc.references
        ],
        "assignments": [
            {
                "body": text(a.body),
                "role": a.role,
                "action": text(a.action),
                "deadline": a.deadline and (a.deadline.text, a.deadline.date, a.deadline.recurrence),
            }
            for a in doc.assignments
        ],
        "recipients": [text(r) for r in doc.recipients],
        "signer": {k: text(getattr(doc.signer, k)) for k in ("name", "position", "authority")},
    }


def _available(name: str) -> bool:
    return source(name).exists()


NAMES = [n for n in SAMPLES if _available(n)]


@pytest.fixture(scope="module")
def texts():
    return {name: parse_file(source(name)) for name in NAMES}


def test_enough_samples():
    assert len([n for n in NAMES if not n.startswith("seed")]) >= 5
    if SEEDS.is_dir():
        assert {"seed000", "seed003"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_docx_equals_text(name, texts, tmp_path):
    path = render_docx(texts[name], tmp_path / f"{name}.docx")
    doc = parse_file(path)
    assert doc.source.format == "docx"
    assert contract(doc) == contract(texts[name])


@pytest.mark.parametrize("name", NAMES)
def test_pdf_equals_text(name, texts):
    pdf = FORMATS / f"{name}.pdf"
    doc = parse_file(pdf)
    assert doc.source.format == "pdf"
    assert contract(doc) == contract(texts[name])


# f06's articles are Word numbering "Điều {n}.": an HTML list cannot print the word "Điều",
# and LibreOffice's export drops it (the page reads "1.", "2."): no reader can get it back
HTML_NAMES = [n for n in NAMES if n != "f06"]


@pytest.mark.parametrize("name", HTML_NAMES)
def test_html_equals_text(name, texts):
    """The Word rendering exported as HTML by LibreOffice (committed: python -m tests.formats)."""
    doc = parse_file(FORMATS / f"{name}.html")
    assert doc.source.format == "html"
    assert contract(doc) == contract(texts[name])


_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Số: 999/QĐ-XX</title>
<style>.c {{ text-align: center }} p::before {{ content: "Số: 888/QĐ-YY" }}</style>
<script>var s = "Số: 777/QĐ-ZZ"; if (a < b && c > d) {{ f(); }}</script></head>
<body><div id="menu">{menu}</div>
<table><tr><td><p align="center"><b>ỦY BAN NHÂN DÂN<br>TỈNH BÌNH ĐỊNH</b></p><p align="center">-------</p></td>
<td><p align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc</b></p></td></tr>
<tr><td><p>Số: 125/KH-UBND</p></td><td><p><i>Bình Định, ngày 05 tháng 7 năm 2023</i></p></td></tr></table>
<p class="c"><b>KẾ HOẠCH</b></p>
<p style="text-align:center"><strong>Triển khai thực hiện Chỉ thị số 21-CT/TW ngày 20/01/2023 của Ban Bí thư</strong></p>
<ol type="I"><li><b>MỤC ĐÍCH, YÊU CẦU</b>
<ol><li>Quán triệt sâu sắc nội dung Chỉ thị số&nbsp;21-CT/TW.</li></ol></li>
<li><b>TỔ CHỨC THỰC HIỆN</b>
<ol><li>Sở Nội vụ chủ trì, phối hợp với Công an tỉnh tham mưu ban hành quy chế trước ngày 30/9/2023.
<ul><li>rà soát quy định hiện hành;</li><li>báo cáo kết quả.</li></ul></li>
<li>Sở Tài chính bố trí kinh phí.</li></ol></li></ol>
<table><tr><td><p><b><i>Nơi nhận:</i></b><br>- Ban Thường vụ Tỉnh ủy;<br>- Lưu: VT, K7.</p></td>
<td><p align="center"><b>TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br><br>Lâm Hải Giang</b></p></td></tr></table>
</body></html>"""


def _page_result(doc):
    return (
        doc.source.format if doc.source else None, doc.symbol, doc.date, doc.issuer.name, doc.title,
        [(s.label, s.heading, [c.label for c in s.children]) for s in doc.sections],
        [(a.body, a.role) for a in doc.assignments], doc.recipients, (doc.signer.name, doc.signer.position),
        [r.symbol for r in doc.references],
    )  # fmt: skip


_PAGE_EXPECTED = (
    "html", "125/KH-UBND", "2023-07-05", "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH",
    "Triển khai thực hiện Chỉ thị số 21-CT/TW ngày 20/01/2023 của Ban Bí thư",
    [("I", "MỤC ĐÍCH, YÊU CẦU", ["1"]), ("II", "TỔ CHỨC THỰC HIỆN", ["1", "2"])],
    [("Sở Nội vụ", "lead"), ("Công an tỉnh", "coordinate"), ("Sở Tài chính", "implement")],
    ["Ban Thường vụ Tỉnh ủy", "Lưu: VT, K7"], ("Lâm Hải Giang", "PHÓ CHỦ TỊCH"), ["21-CT/TW"],
)  # fmt: skip


@pytest.mark.parametrize(
    "encode",
    [
        lambda page: page.encode("utf-8"),
        lambda page: b"\xef\xbb\xbf" + page.encode("utf-8"),
        lambda page: page.encode("utf-16"),
        lambda page: page.replace("<!DOCTYPE html>\n", "").encode("utf-8"),  # no doctype: <html> opens it
        lambda page: (
            page.replace("</p>", "").replace("</li>", "").replace("</td>", "").encode("utf-8")
        ),  # tags left open
    ],
    ids=["utf8", "bom", "utf16", "no-doctype", "unclosed"],
)
def test_html_page(encode, tmp_path):
    """A page saved from a portal: head, style and script dropped, <br> lines in header cells,
    numbering from nested <ol> lists, centred bold title, the closing table."""
    path = tmp_path / "page.html"
    path.write_bytes(encode(_PAGE.format(menu="")))
    assert _page_result(parse_file(path)) == _PAGE_EXPECTED


def test_html_as_text_input():
    from kehoach import parse

    assert _page_result(parse(_PAGE.format(menu=""))) == _PAGE_EXPECTED


@pytest.mark.parametrize("name", NAMES)
def test_text_shown_in_pre_reads_as_the_text(name, texts):
    """Some sites show a document's plain text in <pre>: its own line breaks are the lines."""
    import html

    page = (
        "<!DOCTYPE html><html><head><title>Văn bản</title></head><body><pre>"
        + html.escape(source(name).read_text(encoding="utf-8"))
        + "</pre></body></html>"
    )
    doc = parse_text(page)
    assert doc.source.format == "html"
    assert contract(doc) == contract(texts[name])


def test_markdown_with_an_html_table_is_not_a_page():
    doc = parse_text(
        "# KẾ HOẠCH\n\n<table><tr><td>Sở Tài chính</td><td>chủ trì</td></tr></table>\n\nI. MỤC ĐÍCH\n1. Quán triệt.\n"
    )
    assert doc.source is None or doc.source.format == "txt"
    assert [s.label for s in doc.sections] == ["I"]


def test_rendered_docx_has_the_word_features(texts, tmp_path):
    """The labels are in the numbering part, not the text; the header is a table; a restart; a page break."""
    path = render_docx(texts["seed000"], tmp_path / "seed000.docx")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        numbering = z.read("word/numbering.xml").decode()
    assert "I- MỤC" not in body and ">MỤC ĐÍCH, YÊU CẦU<" in body
    assert "<w:numPr>" in body and "upperRoman" in numbering
    assert "<w:startOverride" in numbering  # II is followed by IV: a restart
    assert "<w:tbl>" in body and 'w:type="page"' in body
    assert [s.label for s in parse_file(path).sections] == ["I", "II", "IV"]


def test_docx_numbering_with_style_and_levels(tmp_path):
    """Numbering given by the paragraph style (not the paragraph), three levels, a letter level."""
    from docx import Document as WordDocument
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = WordDocument()
    numbering = word.part.numbering_part.element
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), "77")
    for depth, (fmt, text) in enumerate((("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"))):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(depth))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        absn.append(lvl)
    numbering.insert(0, absn)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "77")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "77")
    num.append(ref)
    numbering.append(num)
    style = word.styles.add_style("Muc", 1)
    p_pr = style.element.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "77")
    num_pr.append(num_id)
    p_pr.append(num_pr)

    def numbered(text, level):
        paragraph = word.add_paragraph(text)
        if level == 0:
            paragraph.style = style
            return
        ppr = paragraph._p.get_or_add_pPr()
        npr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), "77")
        npr.append(ilvl)
        npr.append(nid)
        ppr.append(npr)

    word.add_paragraph("KẾ HOẠCH")
    word.add_paragraph("thực hiện Chỉ thị số 05-CT/TU")
    numbered("MỤC ĐÍCH, YÊU CẦU", 0)
    numbered("Quán triệt sâu sắc.", 1)
    numbered("TỔ CHỨC THỰC HIỆN", 0)
    numbered("Các sở, ngành", 1)
    numbered("Rà soát văn bản.", 2)
    numbered("Báo cáo kết quả.", 2)
    numbered("Văn phòng theo dõi.", 1)
    path = tmp_path / "styles.docx"
    word.save(str(path))
    doc = parse_file(path)
    assert [(s.label, s.heading, [c.label for c in s.children]) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU", ["1"]),
        ("II", "TỔ CHỨC THỰC HIỆN", ["1", "2"]),
    ]
    assert [c.label for c in doc.sections[1].children[0].children] == ["a", "b"]


# --- legacy encodings --------------------------------------------------------


def _legacy_bytes(text: str, codec: str) -> bytes:
    """The bytes a document typed in a legacy font would hold."""
    from viparse.normalize.encodings import CHARMAPS

    reverse: dict[str, str] = {}
    for legacy, uni in CHARMAPS[codec].pairs:
        reverse.setdefault(unicodedata.normalize("NFC", uni), legacy)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and codec == "tcvn3":
            out.append(reverse[ch.lower()])  # TCVN3 has no accented capitals: the .VnTimeH font draws them
        else:
            out.append(ch)
    # punctuation outside Latin-1 (curly quotes) is Windows-1252, as the typist's machine saved it
    return "".join(out).encode("cp1252" if codec != "viscii" else "latin-1", errors="strict")


_WORD_XML = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def test_docx_content_controls_tracked_changes_and_text_boxes(tmp_path):
    """What Word files of templates and drafts hold: paragraphs inside content controls
    (w:sdt, also in table cells), tracked insertions (kept) and deletions (dropped), and a
    text box Word stores twice (mc:Choice and its mc:Fallback: read once)."""
    from docx import Document as WordDocument
    from docx.oxml import parse_xml

    word = WordDocument()
    body = word.element.body
    sect = body[-1]  # keep w:sectPr last

    def add(xml):
        sect.addprevious(parse_xml(xml))

    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("TỈNH ỦY NGHỆ AN")
    table.cell(0, 1).paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    table.cell(0, 0)._tc.append(
        parse_xml(
            f"<w:sdt {_WORD_XML}><w:sdtContent><w:p><w:r><w:t>Số 583-KH/TU</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    table.cell(0, 1)._tc.append(
        parse_xml(f"<w:p {_WORD_XML}><w:r><w:t>Nghệ An, ngày 25 tháng 8 năm 2023</w:t></w:r></w:p>")
    )
    sect.addprevious(table._tbl)
    for text in ("KẾ HOẠCH", "thực hiện Kết luận số 02-KL/TW"):
        add(f"<w:p {_WORD_XML}><w:r><w:t>{text}</w:t></w:r></w:p>")
    add(
        f"<w:sdt {_WORD_XML}><w:sdtContent><w:p><w:r><w:t>I. MỤC ĐÍCH, YÊU CẦU</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>1. Quán triệt sâu sắc Kết luận.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    add(f"<w:p {_WORD_XML}><w:r><w:t>II. TỔ CHỨC THỰC HIỆN</w:t></w:r></w:p>")
    add(
        f'<w:p {_WORD_XML}><w:r><w:t xml:space="preserve">1. Ban Tuyên giáo Tỉnh ủy chủ trì</w:t></w:r>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText> và Sở Nội vụ</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve">, phối hợp với Sở Tư pháp</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> tuyên truyền.</w:t></w:r></w:p>'
    )
    add(
        f'<w:p {_WORD_XML}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>Bí mật nhà nước</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Bí mật nhà nước</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    path = tmp_path / "controls.docx"
    word.save(path)
    doc = parse_file(path)
    assert doc.symbol == "583-KH/TU" and doc.date == "2023-08-25"
    assert [s.label for s in doc.sections] == ["I", "II"]
    assert doc.sections[0].children[0].text == "Quán triệt sâu sắc Kết luận."
    text = doc.sections[1].children[0].text
    assert "phối hợp với Sở Tư pháp" in text and "Sở Nội vụ" not in text
    assert {(a.body, a.role) for a in doc.assignments} == {
        ("Ban Tuyên giáo Tỉnh ủy", "lead"),
        ("Sở Tư pháp", "coordinate"),
    }
    everything = doc.model_dump_json()
    assert everything.count("Bí mật nhà nước") == 1


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared (the seeds) is not beside the project")
@pytest.mark.parametrize("codec", ["vni", "tcvn3"])
@pytest.mark.parametrize("name", ["seed000", "seed003"])
def test_legacy_rendering_parses_the_same(name, codec, texts):
    data = _legacy_bytes(source(name).read_text(encoding="utf-8"), codec)
    assert not data.decode("latin-1").isascii()
    doc = parse_bytes(data)
    assert doc.source.encoding == codec
    assert any(w.code == "encoding-converted" for w in doc.warnings)
    # TCVN3 cannot encode an accented capital inside mixed-case text ("Đảng Ủy"): compare without case
    assert contract(doc, fold_case=True) == contract(texts[name], fold_case=True)
    if codec == "vni":
        assert contract(doc) == contract(texts[name])


@pytest.mark.parametrize("name", ["seed000"])
def test_forced_encoding(name, tmp_path):
    if not _available(name):
        pytest.skip("../shared is not beside the project")
    path = tmp_path / "cu.txt"
    path.write_bytes(_legacy_bytes(source(name).read_text(encoding="utf-8"), "vni"))
    done = subprocess.run(
        [sys.executable, "-m", "kehoach", "parse", str(path), "--encoding", "vni", "-f", "json"], capture_output=True
    )
    assert done.returncode == 0
    assert b'"symbol": "37-KH/\xc4\x90UK"' in done.stdout


def test_unicode_text_is_not_mistaken_for_legacy():
    text = "KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TU về công tác cán bộ\n\nI. MỤC ĐÍCH\n1. Quán triệt.\n"
    assert parse_bytes(text.encode()).source.encoding == "utf-8"
    # Latin-1 punctuation in Unicode text (« », ©) is not a legacy font either
    assert parse_bytes(("© 2024 «Sở Tài chính» " + text).encode()).source.encoding == "utf-8"


# --- format by content, hostile inputs ---------------------------------------


def test_a_doc_that_is_really_docx(texts, tmp_path):
    path = render_docx(texts["f01"], tmp_path / "f01.docx")
    renamed = tmp_path / "ke-hoach.doc"
    renamed.write_bytes(path.read_bytes())
    assert parse_file(renamed).symbol == "120-KH/TU"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


_CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _cli(path: Path):
    return subprocess.run([sys.executable, "-m", "kehoach", "parse", str(path)], capture_output=True)


def hostile_cases(tmp: Path, texts) -> dict[str, tuple[Path, str]]:
    cases = {}
    p = tmp / "not-a-zip.docx"
    p.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    cases["docx-not-a-zip"] = (p, "not a valid .docx")
    p = tmp / "zip-not-docx.docx"
    p.write_bytes(_zip({"[Content_Types].xml": _CT, "hello.txt": b"xin chao"}))
    cases["zip-not-docx"] = (p, "not a Word .docx")
    secret = tmp / "secret.txt"
    secret.write_text("MẬT KHẨU BÍ MẬT")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&s;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()
    p = tmp / "xxe.docx"
    p.write_bytes(_zip({"[Content_Types].xml": _CT, "word/document.xml": xxe}))
    cases["docx-external-entity"] = (p, "DOCTYPE")
    p = tmp / "bomb.docx"
    p.write_bytes(
        _zip(
            {
                "[Content_Types].xml": _CT,
                "word/document.xml": b"<w:document>" + b" " * (40 * 1024 * 1024) + b"</w:document>",
            }
        )
    )
    cases["zip-bomb"] = (p, "zip bomb")
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="mat-khau", owner_password="mat-khau")
    p = tmp / "encrypted.pdf"
    with open(p, "wb") as fh:
        writer.write(fh)
    cases["encrypted-pdf"] = (p, "encrypted")
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    p = tmp / "scan.pdf"
    with open(p, "wb") as fh:
        writer.write(fh)
    cases["scanned-pdf"] = (p, "no text layer (scanned PDF?)")
    p = tmp / "truncated.pdf"
    p.write_bytes((FORMATS / "f01.pdf").read_bytes()[:3000])
    cases["truncated-pdf"] = (p, "PDF")
    p = tmp / "encrypted.docx"
    p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512
    )
    cases["encrypted-docx"] = (p, "password-protected")
    return cases


@pytest.mark.parametrize(
    "case",
    [
        "docx-not-a-zip",
        "zip-not-docx",
        "docx-external-entity",
        "zip-bomb",
        "encrypted-pdf",
        "scanned-pdf",
        "truncated-pdf",
        "encrypted-docx",
    ],
)
def test_hostile_input_one_line_exit_1(case, tmp_path, texts):
    path, expected = hostile_cases(tmp_path, texts)[case]
    done = _cli(path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert expected in err
    assert b"B\xc3\x8d M\xe1\xba\xacT" not in done.stdout  # nothing of the external file leaks


def test_library_raises_input_error_for_hostile_input(tmp_path, texts):
    for path, _ in hostile_cases(tmp_path, texts).values():
        with pytest.raises(InputError):
            parse_file(path)


# --- the real published files --------------------------------------------------


@pytest.mark.skipif(not REAL_FILES.is_dir(), reason="../shared/corpus/real-files is not beside the project")
@pytest.mark.parametrize(
    "name,symbol,date,signer",
    [
        ("CT-07-2012-TTg-chan-chinh-KKT-KCN-CCN.docx", "07/CT-TTg", "2012-03-02", "Nguyễn Tấn Dũng"),
        ("QD-1074-QD-BXD-29-6-2026.pdf", "1074/QĐ-BXD", "2026-06-29", "Phạm Minh Hà"),
        ("CV-UBND-bao-ve-khoang-san-chua-khai-thac.docx", None, None, "Nguyễn Thành Sinh"),
        # the number and the day are filled in after signing: they live only in the e-signature's widgets
        ("1178-DCK-CTT-huong-dan-CCN-dia-gioi-moi.pdf", "1178/ĐCK-CTT", "2025-07-09", "Nguyễn Văn Thịnh"),
        ("CV-4280-tra-ho-so-Thanh-Huong-2026.pdf", "4280/SCT-CN", "2026-07-16", "Hoàng Văn Thuân"),
    ],
)
def test_real_files(name, symbol, date, signer):
    doc = parse_file(REAL_FILES / name)
    assert (doc.symbol, doc.date, doc.signer.name) == (symbol, date, signer)
    assert doc.sections and doc.recipients and doc.issuer.name


@pytest.mark.skipif(not REAL_FILES.is_dir(), reason="../shared/corpus/real-files is not beside the project")
def test_real_old_doc_without_libreoffice_names_the_package(tmp_path):
    """Where LibreOffice is not installed, a .doc gets one line that says what to install."""
    path = next(REAL_FILES.glob("*.doc"))
    env = dict(os.environ, KEHOACH_SOFFICE=str(tmp_path / "no-such-soffice"), PATH=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "kehoach", "parse", str(path)], capture_output=True, env=env)
    assert done.returncode == 1
    assert b"old binary Word .doc" in done.stderr and b"libreoffice-writer" in done.stderr
    assert done.stderr.count(b"\n") == 1
