"""Render a parsed document back into Word (and, through LibreOffice, PDF), the
way Vietnamese offices lay them out: the header as a borderless two-column
table, numbered parts and items as Word automatic numbering (the labels are
not in the text), a restart where the printed numbering skips (II → IV), the
Nơi nhận and signature as another two-column table, a page break inside a
paragraph. Used by the format tests; run ``python -m tests.formats`` to
rebuild the committed PDF and HTML fixtures (needs LibreOffice).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kehoach.models import Document, Section
from kehoach.patterns import roman_value

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"

# documents rendered into every format: the seeds and six fixtures of varied shape
SAMPLES = {
    "seed000": ("seeds", "000_b87cf12effb29d41.txt"),
    "seed003": ("seeds", "003_c5d17f6b05c19ca1.txt"),
    "f01": ("docs", "f01_tu_nghean_kh.txt"),
    "f02": ("docs", "f02_ubnd_quangtri_kh_layout.txt"),
    "f04": ("docs", "f04_hu_donganh_ct.txt"),
    "f06": ("docs", "f06_hdnd_bacninh_nq.txt"),
    "f10": ("docs", "f10_btgtu_thanhhoa_hd.txt"),
    "f16": ("docs", "f16_duk_kh_dotted_pages.txt"),
}


def _label_kind(label: str) -> tuple[str, str, int]:
    """(numFmt, lvlText pattern with {n} for this level, value) of a printed label."""
    if label.startswith(("Điều", "ĐIỀU")):
        return "decimal", label.split()[0] + " {n}.", int(label.split()[1])
    if label.upper().startswith("PHẦN"):
        return "upperRoman", label.split()[0] + " {n}.", roman_value(label.split()[1])
    if label.startswith(("Chương", "CHƯƠNG")):
        return "upperRoman", label.split()[0] + " {n}", roman_value(label.split()[1])
    if re.fullmatch(r"[IVXL]+", label):
        return "upperRoman", "{n}.", roman_value(label)
    if re.fullmatch(r"\d+(?:\.\d+)+", label):
        return "decimal", "{p}.{n}.", int(label.split(".")[-1])
    if re.fullmatch(r"\d+", label):
        return "decimal", "{n}.", int(label)
    if re.fullmatch(r"[a-zđ]", label):
        return "lowerLetter", "{n})", "abcdefghijklmnopqrstuvwxyz".index(label) + 1 if label != "đ" else 5
    if re.fullmatch(r"\(\d+\)", label):
        return "decimal", "({n})", int(label[1:-1])
    return "bullet", label, 0


class _Lists:
    """One abstract numbering per document; a new list instance wherever numbering restarts."""

    def __init__(self, word: WordDocument) -> None:
        self.numbering = word.part.numbering_part.element
        self.abstract_id = "90"
        self.levels: dict[int, tuple[str, str]] = {}
        self.num_id = None
        self.expected: dict[int, int] = {}
        self.next_num = 900

    def define(self, depth: int, fmt: str, pattern: str) -> None:
        self.levels.setdefault(depth, (fmt, pattern))

    def build(self) -> None:
        absn = OxmlElement("w:abstractNum")
        absn.set(qn("w:abstractNumId"), self.abstract_id)
        for depth in range(9):
            fmt, pattern = self.levels.get(depth, ("decimal", "{n}."))
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(depth))
            for tag, val in (
                ("w:start", "1"),
                ("w:numFmt", fmt),
                ("w:lvlText", pattern.replace("{n}", f"%{depth + 1}").replace("{p}", f"%{depth}")),
            ):
                el = OxmlElement(tag)
                el.set(qn("w:val"), val)
                lvl.append(el)
            absn.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            self.numbering.append(absn)
        self.num_id = self._new_num(None, None)

    def _new_num(self, depth: int | None, start: int | None) -> str:
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_num))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), self.abstract_id)
        num.append(ref)
        if depth is not None:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), str(depth))
            so = OxmlElement("w:startOverride")
            so.set(qn("w:val"), str(start))
            override.append(so)
            num.append(override)
        self.numbering.append(num)
        return str(self.next_num)

    def number(self, paragraph, depth: int, value: int) -> None:
        expected = self.expected.get(depth, 1)
        if value != expected:
            # Word cannot skip a number: a new list instance restarts the level at this value
            self.num_id = self._new_num(depth, value)
        self.expected[depth] = value + 1
        for deeper in [d for d in self.expected if d > depth]:
            del self.expected[deeper]
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(depth))
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), self.num_id)
        num_pr.append(ilvl)
        num_pr.append(num_id)
        p_pr.append(num_pr)


def _borderless_table(word, rows: list[tuple[list[str], list[str]]], bold_left=False):
    table = word.add_table(rows=0, cols=2)
    for left, right in rows:
        cells = table.add_row().cells
        for cell, lines, bold in ((cells[0], left, bold_left), (cells[1], right, False)):
            cell.paragraphs[0].text = ""
            for k, text in enumerate(lines):
                paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                run = paragraph.add_run(text)
                run.bold = bold
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return table


def _date_line(doc: Document) -> str | None:
    if not doc.place:
        return None
    if not doc.date:
        return f"{doc.place}, ngày tháng năm"
    y, m, d = doc.date.split("-")
    return f"{doc.place}, ngày {d} tháng {int(m)} năm {y}"


def _depths(sections: list[Section], depth: int, lists: _Lists) -> None:
    for section in sections:
        fmt, pattern, _ = _label_kind(section.label or "-")
        if fmt != "bullet":
            lists.define(depth, fmt, pattern)
        _depths(section.children, depth + 1, lists)


def _render_sections(word, sections: list[Section], depth: int, lists: _Lists, state: dict) -> None:
    for section in sections:
        fmt, _, value = _label_kind(section.label or "-")
        body = section.heading if section.heading is not None else (section.text.split("\n")[0] if section.text else "")
        rest = (
            section.text.split("\n")[1:]
            if section.heading is None
            else (section.text.split("\n") if section.text else [])
        )
        if fmt == "bullet":
            _paragraph(word, f"{section.label} {body}", state)
        else:
            paragraph = word.add_paragraph()
            run = paragraph.add_run(body)
            run.bold = section.heading is not None and depth == 0
            lists.number(paragraph, depth, value)
        for text in rest:
            if text:
                _paragraph(word, text, state)
        _render_sections(word, section.children, depth + 1, lists, state)


def _paragraph(word, text: str, state: dict):
    """A plain paragraph; the first long one gets a page break inside it (it crosses pages)."""
    paragraph = word.add_paragraph()
    at = text.find(" ", 100)
    if not state["page_break_done"] and len(text) > 160 and at > 0 and text[at + 1 : at + 2].islower():
        paragraph.add_run(text[:at])
        paragraph.add_run().add_break(_page_break())
        paragraph.add_run(text[at + 1 :])
        state["page_break_done"] = True
    else:
        paragraph.add_run(text)
    return paragraph


def _page_break():
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def render_docx(doc: Document, path: Path) -> Path:
    """Write ``doc`` as a Word file laid out like a real one; return the path."""
    word = WordDocument()
    family_party = bool(doc.symbol and re.match(r"\d+-", doc.symbol)) or (doc.issuer.code or "").endswith(
        ("TU", "HU", "ĐU", "ĐUK", "TW", "BTGTU")
    )
    inferred = any(w.code == "header-inferred" for w in doc.warnings)
    if (doc.issuer.name or doc.symbol) and not inferred:
        left = [x for x in (doc.issuer.parent, doc.issuer.name) if x]
        left = [x.upper() for x in left] + ["*" if family_party else "-------"]
        right = (
            ["ĐẢNG CỘNG SẢN VIỆT NAM"]
            if family_party
            else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        )
        symbol = f"Số {doc.symbol}" if family_party else f"Số: {doc.symbol}"
        rows = [(left, right), ([symbol] if doc.symbol else [], [_date_line(doc)] if doc.place else [])]
        _borderless_table(word, rows)
        word.add_paragraph()
    type_line = word.add_paragraph()
    type_line.add_run((doc.doc_type_name or "").upper()).bold = True
    type_line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.title:
        title = word.add_paragraph()
        title.add_run(doc.title).bold = True
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_paragraph("-----" if not doc.authority else "")
    if doc.authority:
        p = word.add_paragraph()
        p.add_run(doc.authority).bold = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    state = {"page_break_done": False}
    for text in doc.preamble.split("\n") if doc.preamble else []:
        _paragraph(word, text, state)
    lists = _Lists(word)
    _depths(doc.sections, 0, lists)
    lists.build()
    _render_sections(word, doc.sections, 0, lists, state)
    for text in doc.closing.split("\n") if doc.closing else []:
        word.add_paragraph(text)
    for item in doc.attachments:
        word.add_paragraph(f"Gửi kèm: {item}")
    left = (
        (["Nơi nhận:"] + [f"- {r}," for r in doc.recipients[:-1]] + [f"- {r}." for r in doc.recipients[-1:]])
        if doc.recipients
        else []
    )
    right = (
        [x for x in (doc.signer.authority, doc.signer.position) if x]
        + ([""] if doc.signer.name else [])
        + ([doc.signer.name] if doc.signer.name else [])
    )
    word.add_paragraph()
    _borderless_table(word, [(left, right)])
    word.save(str(path))
    return path


def render_pdf(docx_path: Path, out_dir: Path, target: str = "pdf") -> Path:
    """Convert with LibreOffice (``soffice --headless --convert-to pdf``, or ``html``: Writer's
    HTML export, numbered lists as <ol>, the header as a table)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(out_dir),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return out_dir / (docx_path.stem + "." + target)


def source(name: str) -> Path:
    folder, file = SAMPLES[name]
    root = Path(__file__).resolve().parent
    return (
        (root.parent.parent / "shared" / "corpus" / "seeds" / file)
        if folder == "seeds"
        else (root / "fixtures" / "docs" / file)
    )


def main() -> None:  # pragma: no cover - a maintenance script
    from kehoach import parse_file

    FORMATS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in SAMPLES:
            docx_path = render_docx(parse_file(source(name)), Path(tmp) / f"{name}.docx")
            for target in ("pdf", "html"):
                rendered = render_pdf(docx_path, Path(tmp), target)
                shutil.copy(rendered, FORMATS / f"{name}.{target}")
                print(f"wrote {FORMATS / (name + '.' + target)}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    main()


# --- renderings for the format-accuracy test (tests/test_renderings.py) -----------------------

# a font that has Vietnamese glyphs, and one that lacks ơ, ư and the tone-marked letters (Debian's
# fonts-liberation 1.x): LibreOffice then draws those from a fallback font, glyph by glyph
FONT_WITH_VIETNAMESE = "DejaVu Serif"
FONT_WITHOUT_VIETNAMESE = "Liberation Serif"


def set_font(docx_path: Path, font: str) -> Path:
    """Every style and run of a .docx in ``font``."""
    word = WordDocument(str(docx_path))
    for style in word.styles:
        if getattr(style, "font", None) is not None:
            style.font.name = font
            r_pr = style.element.get_or_add_rPr()
            fonts = r_pr.find(qn("w:rFonts"))
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), font)
    for paragraph in _all_paragraphs(word):
        for run in paragraph.runs:
            run.font.name = font
    word.save(str(docx_path))
    return docx_path


def _all_paragraphs(word):
    yield from word.paragraphs
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def convert(path: Path, out_dir: Path, target: str) -> Path:
    """LibreOffice: ``pdf``, or ``doc`` (Word 97-2003)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice is not installed")
    filters = {"pdf": "pdf", "doc": "doc:MS Word 97"}
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                filters[target],
                "--outdir",
                str(out_dir),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return out_dir / (path.stem + "." + target)


def to_scan(pdf_path: Path, out_path: Path, dpi: int = 200) -> Path:
    """A scan of a PDF: each page rendered to a grayscale image at ``dpi``, the images put into a new
    PDF with no text (what a photocopier's scan-to-PDF gives)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(pdf_path))
    scan = pdfium.PdfDocument.new()
    for index in range(len(source)):
        page = source[index]
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        new_page = scan.new_page(width, height)
        image = pdfium.PdfImage.new(scan)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new_page.insert_obj(image)
        new_page.gen_content()
    scan.save(str(out_path))
    return out_path
