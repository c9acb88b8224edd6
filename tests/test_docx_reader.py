"""The .docx reader's direct reading (the parts' XML, no python-docx package or document built)
against the reading through ``docx.Document``: the same lines, labels, cells, fonts and
warnings, on a constructed document holding what the direct reading must resolve itself
(automatic numbering with a start, a start override and a level override, numbering from a
style through ``basedOn``, the default paragraph style, legacy fonts from a style and a run,
content controls, merged and nested table cells) and on the rendered samples."""

from __future__ import annotations

import io

import pytest

from kehoach.read import docx as reader
from tests.formats import SAMPLES, render_docx, source

_WX = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _constructed() -> bytes:
    from docx import Document as WordDocument
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    word = WordDocument()
    numbering = word.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_WX} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
            '<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {_WX} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {_WX} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride>'
            '<w:lvlOverride w:ilvl="2"><w:lvl w:ilvl="2"><w:numFmt w:val="decimalZero"/>'
            '<w:lvlText w:val="(%3)"/></w:lvl></w:lvlOverride></w:num>'
        )
    )
    # a paragraph style numbered at level 0, and one based on it (its numbering through basedOn)
    heading = word.styles.add_style("Phan", 1)
    heading.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_WX}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
    )
    derived = word.styles.add_style("PhanDam", 1)
    derived.base_style = heading
    legacy = word.styles.add_style("CuTCVN", 1)
    legacy.font.name = ".VnTime"

    def numbered(text: str, num_id: str, level: int):
        paragraph = word.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {_WX}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    word.add_paragraph("KẾ HOẠCH").alignment = 1
    word.add_paragraph("thực hiện Chỉ thị số 05-CT/TU").runs[0].bold = True
    word.add_paragraph("MỤC ĐÍCH", style=heading)
    numbered("Quán triệt.", "90", 1)
    numbered("Rà soát.", "90", 2)
    numbered("Gạch đầu dòng.", "90", 3)
    word.add_paragraph("TỔ CHỨC THỰC HIỆN", style=derived)
    numbered("Danh sách khác.", "91", 1)
    numbered("Mục con.", "91", 2)
    word.add_paragraph("Tæ chøc thùc hiÖn", style=legacy)
    run = word.add_paragraph().add_run("Tổ chức ")
    vni = word.paragraphs[-1].add_run("Toå chöùc")
    vni.font.name = "VNI-Times"
    assert run.text
    body = word.element.body
    sect = body[-1]
    sect.addprevious(
        parse_xml(
            f"<w:sdt {_WX}><w:sdtContent><w:p><w:r><w:t>Trong nội dung điều khiển</w:t></w:r>"
            '<w:r><w:br w:type="page"/><w:t>sau ngắt trang</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        )
    )
    table = word.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1))  # a horizontal span
    table.cell(1, 2).merge(table.cell(2, 2))  # a vertical merge
    for r in range(3):
        for c in range(3):
            table.cell(r, c).paragraphs[0].add_run(f"ô {r}{c}")
    inner = table.cell(2, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).merge(inner.cell(0, 1))
    inner.cell(0, 0).paragraphs[0].add_run("lồng nhau")
    table.cell(2, 1)._tc.append(
        parse_xml(f"<w:sdt {_WX}><w:sdtContent><w:p><w:r><w:t>ô có điều khiển</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    )
    sect.addprevious(table._tbl)
    after = OxmlElement("w:p")
    after.append(parse_xml(f"<w:r {_WX}><w:t>Nơi nhận:</w:t></w:r>"))
    after.insert(0, parse_xml(f'<w:pPr {_WX}><w:pageBreakBefore/><w:jc w:val="center"/></w:pPr>'))
    sect.addprevious(after)
    assert qn("w:p") == after.tag
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _reading(text) -> tuple:
    return [repr(line) for line in text.lines], text.encoding, [repr(w) for w in text.warnings]


def _direct_only(monkeypatch) -> None:
    """Make a fallback to python-docx's reading fail the test: the direct reading must take these."""

    def refused(parts):
        raise AssertionError("the direct reading fell back to python-docx")

    monkeypatch.setattr(reader, "_open_python_docx", refused)


def test_constructed_docx_direct_reading_agrees_with_python_docx(monkeypatch):
    data = _constructed()
    through_python_docx = reader.read_docx(data, direct=False)
    _direct_only(monkeypatch)
    direct = reader.read_docx(data)
    assert _reading(direct) == _reading(through_python_docx)
    labels = [(line.label, line.text) for line in direct.lines if line.label]
    assert labels == [
        ("III.", "MỤC ĐÍCH"),
        ("III.1.", "Quán triệt."),
        ("a)", "Rà soát."),
        ("-", "Gạch đầu dòng."),
        ("IV.", "TỔ CHỨC THỰC HIỆN"),
        ("IV.5.", "Danh sách khác."),
        ("(01)", "Mục con."),
    ]
    texts = [line.text for line in direct.lines]
    assert "Tổ chức thực hiện" in texts and "Tổ chức Tổ chức" in texts
    cells = [line.cells for line in direct.lines if line.cells]
    assert any("lồng nhau" in c for row in cells for _, c in row)
    assert cells[0] == ((0, "ô 00ô 01"), (80, "ô 02"))  # the cell spanning two columns read once


@pytest.mark.parametrize("name", [n for n in SAMPLES if source(n).exists()])
def test_rendered_samples_direct_reading_agrees_with_python_docx(name, tmp_path, monkeypatch):
    from kehoach import parse_file

    data = render_docx(parse_file(source(name)), tmp_path / f"{name}.docx").read_bytes()
    through_python_docx = reader.read_docx(data, direct=False)
    _direct_only(monkeypatch)
    assert _reading(reader.read_docx(data)) == _reading(through_python_docx)


def test_a_package_without_styles_is_read_through_python_docx():
    """python-docx gives a package without a styles part its default styles: the direct reading
    leaves that package to it."""
    from tests.test_hostile import _document_xml, _docx

    data = _docx(_document_xml("KẾ HOẠCH", "1. Một"))
    with pytest.raises(reader._Unusual):
        reader._open_direct(reader._inflated_parts(data)[0])
    assert _reading(reader.read_docx(data)) == _reading(reader.read_docx(data, direct=False))


def test_styles_parsed_once_for_the_same_bytes_and_kept_apart_otherwise(tmp_path, monkeypatch):
    """The styles part is kept parsed for documents of the same styles bytes; documents of other
    styles read between them change nothing."""
    from kehoach import parse_file

    constructed = _constructed()
    first = _reading(reader.read_docx(constructed))
    others = [render_docx(parse_file(source(n)), tmp_path / f"{n}.docx").read_bytes() for n in ("seed000", "f01")]
    alone = [_reading(reader.read_docx(data, direct=False)) for data in others]
    for _ in range(reader._STYLES_KEPT + 1):
        assert [_reading(reader.read_docx(data)) for data in others] == alone
        assert _reading(reader.read_docx(constructed)) == first
    parts = reader._inflated_parts(constructed)[0]
    assert reader._styles(parts["word/styles.xml"]) is reader._styles(parts["word/styles.xml"])
