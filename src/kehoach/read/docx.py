"""Word .docx → lines, through python-docx.

Body content is read in document order (``iter_inner_content``): paragraphs
and tables, because Vietnamese documents lay the header out as a borderless
two-column table (issuer left, national name and date right) and the
signature as another; a table row becomes lines whose ``cells`` keep the
columns apart, as pdftotext -layout does for a PDF.

Word's automatic numbering is not in the paragraph text: the "I.", "1.",
"a)" of a list style live in the numbering part. They are rebuilt here from
each paragraph's numbering properties (its own or its style's), the level's
format, text, start value and restarts, and handed to the segmenter as the
line's ``label``.

Safety: python-docx never sees the archive as it came. Its parts are
inflated here, in chunks, counting the bytes they actually inflate to (the
sizes a ZIP header declares can lie): past :data:`MAX_XML_INFLATED` bytes of
XML in all, or an entry that inflates more than :data:`MAX_RATIO` times its
compressed size, the file is refused as a zip bomb as soon as the limit is
crossed, having held at most that much. The XML parts go into a new, stored
(uncompressed) package that python-docx reads; pictures, fonts and embedded
objects go in empty (they carry no text for us, and their bytes are never
inflated). A part that declares a DOCTYPE is refused (the XML parser
python-docx uses does not resolve entities either), and so is an archive of
more than :data:`MAX_ENTRIES` entries, counted before the ZIP directory is
read into memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import InputError
from ..patterns import roman_numeral
from ..warning import Warning
from . import legacy
from .builder import LineBuilder, clean_text, is_rule
from .lines import Text

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_XML_INFLATED", "check_entry_count", "read_docx"]

MAX_XML_INFLATED = 16 * 1024 * 1024  # the XML of all parts, inflated: a long document's is a few hundred KiB
MAX_RATIO = 200  # a real document part compresses 5-20x; a bomb compresses 1000x
MAX_ENTRIES = 10_000  # a .docx has a few dozen parts; each entry costs memory once the directory is read
_CHUNK = 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# block containers whose paragraphs and tables belong in the flow: content controls, custom XML
_CONTAINERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
_CENTRAL_ENTRY = b"PK\x01\x02"  # the signature of a ZIP central directory entry


def _bomb(message: str) -> InputError:
    return InputError(f"{message}: refused (zip bomb?)")


def check_entry_count(data: bytes) -> None:
    """Refuse a ZIP of more than :data:`MAX_ENTRIES` entries before :mod:`zipfile` reads its
    directory (a ZipInfo object per entry: a million tiny entries fit in 64 MiB)."""
    if data.count(_CENTRAL_ENTRY) > MAX_ENTRIES:
        raise _bomb(f"the archive holds more than {MAX_ENTRIES:,} entries")


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The bytes of one XML part, inflated a chunk at a time and counted as they come."""
    chunks = []
    size = 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            if not size:
                head = chunk[:4096]
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    # OOXML never declares a DTD: a DOCTYPE is an entity attack, refused before any parser runs
                    raise InputError(
                        f"the .docx part {info.filename} declares a DOCTYPE (external entities are not allowed)"
                    )
            size += len(chunk)
            if size > budget:
                raise _bomb(f"the .docx inflates past {MAX_XML_INFLATED // (1024 * 1024)} MiB of XML")
            if size > _CHUNK and size > MAX_RATIO * max(info.compress_size, 1):
                raise _bomb(f"the .docx entry {info.filename} inflates more than {MAX_RATIO}:1")
            chunks.append(chunk)
    return b"".join(chunks)


def _safe_package(data: bytes) -> tuple[bytes, int]:
    """The package python-docx reads: its XML parts, inflated within the limits, stored
    uncompressed; other parts empty. Also the number of paragraphs of the main part."""
    check_entry_count(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("not a valid .docx (the ZIP container is damaged)") from None
    if "word/document.xml" not in set(archive.namelist()):
        raise InputError("a ZIP archive that is not a Word .docx document (no word/document.xml)")
    out = io.BytesIO()
    budget = MAX_XML_INFLATED
    paragraphs = 0
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
            # one entry a name: the last, which zipfile (and so python-docx) would read
            for info in {info.filename: info for info in archive.infolist()}.values():
                if info.flag_bits & 0x1:
                    raise InputError("an encrypted (password-protected) .docx")
                if info.is_dir():
                    continue
                if not info.filename.endswith((".xml", ".rels")):
                    package.writestr(
                        info.filename, b""
                    )  # a picture, a font, an embedded object: the part without its bytes
                    continue
                xml = _inflate(archive, info, budget)
                budget -= len(xml)
                if info.filename == "word/document.xml":
                    paragraphs = xml.count(b"<w:p>") + xml.count(b"<w:p ")
                package.writestr(info.filename, xml)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        raise InputError(f"not a readable .docx ({type(exc).__name__}: {exc})") from None
    return out.getvalue(), paragraphs


class _Numbering:
    """Word list numbering: numId/ilvl → the label Word would print."""

    def __init__(self, document) -> None:
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.levels: dict[tuple[str, int], dict] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        for absn in root.findall(f"{_W}abstractNum"):
            aid = absn.get(f"{_W}abstractNumId")
            for lvl in absn.findall(f"{_W}lvl"):
                self.levels[(aid, int(lvl.get(f"{_W}ilvl", "0")))] = self._level(lvl)
        for num in root.findall(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            self.abstract_of[nid] = ref.get(f"{_W}val")
            for override in num.findall(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    self.overrides.setdefault(nid, {})[ilvl] = int(start.get(f"{_W}val", "1"))
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    self.levels[(f"{nid}!", ilvl)] = self._level(lvl)

    @staticmethod
    def _level(lvl) -> dict:
        def val(tag: str, default: str | None = None) -> str | None:
            node = lvl.find(f"{_W}{tag}")
            return node.get(f"{_W}val", default) if node is not None else default

        return {"fmt": val("numFmt", "decimal"), "text": val("lvlText", "%1."), "start": int(val("start", "1") or 1)}

    def _spec(self, nid: str, ilvl: int) -> dict | None:
        return self.levels.get((f"{nid}!", ilvl)) or self.levels.get((self.abstract_of.get(nid, ""), ilvl))

    def label(self, nid: str, ilvl: int) -> str | None:
        if nid in ("0", None) or nid not in self.abstract_of:
            return None
        spec = self._spec(nid, ilvl)
        if spec is None:
            return None
        aid = self.abstract_of[nid]
        counters = self.counters.setdefault(aid, [0] * 9)
        if nid not in self.started:
            # a list instance with a start override restarts the shared counters
            self.started.add(nid)
            for level, start in self.overrides.get(nid, {}).items():
                counters[level] = start - 1
        if spec["fmt"] == "bullet":
            return _bullet(spec["text"])
        if counters[ilvl] == 0 and spec["start"] != 1:
            counters[ilvl] = spec["start"] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        text = spec["text"] or ""
        for level in range(9):
            token = f"%{level + 1}"
            if token in text:
                lspec = self._spec(nid, level) or {"fmt": "decimal", "start": 1}
                value = counters[level] or lspec.get("start", 1)
                text = text.replace(token, _format(value, lspec["fmt"]))
        return text.strip() or None


def _bullet(symbol: str | None) -> str:
    if symbol and symbol.strip() in ("-", "–", "—", "−", "\uf02d"):
        return "-"
    if symbol and symbol.strip() in ("+", "\uf02b"):
        return "+"
    return "•"


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman_numeral(value)
    if fmt == "lowerRoman":
        return roman_numeral(value).lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        letter = letters[(value - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _num_props(paragraph, style_numbering: dict) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph, from its own properties or its style's (the style's
    looked up once per style: python-docx's lookup costs as much as the rest of a paragraph)."""
    p_pr = paragraph._p.pPr
    num = p_pr.numPr if p_pr is not None else None
    if num is not None and num.numId is not None:
        return str(num.numId.val), int(num.ilvl.val) if num.ilvl is not None else 0
    style_id = paragraph._p.style
    if style_id not in style_numbering:
        style_numbering[style_id] = _style_num_props(paragraph.style)
    return style_numbering[style_id]


def _style_num_props(style) -> tuple[str, int] | None:
    depth = 0
    while style is not None and depth < 10:
        pPr = style.element.pPr
        if pPr is not None and pPr.numPr is not None and pPr.numPr.numId is not None:
            ilvl = pPr.numPr.ilvl
            return str(pPr.numPr.numId.val), int(ilvl.val) if ilvl is not None else 0
        style = style.base_style
        depth += 1
    return None


class _Fonts:
    """Which runs are typed in a legacy Vietnamese font: TCVN3 (``.VnTime``, ``.VnArial`` …; the
    ``…H`` fonts draw lower-case code points as capitals) or VNI (``VNI-Times`` …). A run's font is
    its own ``w:rFonts``, else its paragraph style's (through ``basedOn``), else the document's
    default; each such run is converted to Unicode by itself, so a document mixing Unicode and
    legacy runs comes out whole."""

    def __init__(self, document) -> None:
        self.by_style: dict[str, str | None] = {}
        self.default: str | None = None
        self.converted: dict[str, int] = {}
        try:
            root = document.styles.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        self.default = _font_of(defaults)
        based: dict[str, str | None] = {}
        own: dict[str, str | None] = {}
        for style in root.findall(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            own[sid] = _font_of(style.find(f"{_W}rPr/{_W}rFonts"))
            parent = style.find(f"{_W}basedOn")
            based[sid] = parent.get(f"{_W}val") if parent is not None else None
        for sid in own:
            font, seen = None, set()
            cur: str | None = sid
            while cur and cur not in seen and font is None:
                seen.add(cur)
                font = own.get(cur)
                cur = based.get(cur)
            self.by_style[sid] = font

    def paragraph_font(self, p_element) -> str | None:
        style = p_element.find(f"{_W}pPr/{_W}pStyle")
        sid = style.get(f"{_W}val") if style is not None else "Normal"
        font = self.by_style.get(sid)
        if font is None and sid != "Normal":
            font = self.by_style.get("Normal")
        return font or self.default

    def decode(self, text: str, font: str | None) -> str:
        if not font or not text.strip():
            return text
        name = font.strip().lower()
        if name.startswith(".vn"):
            codec = "tcvn3"
        elif name.startswith("vni-") or name.startswith("vni "):
            codec = "vni"
        else:
            return text
        converted = legacy.to_unicode(text, codec)
        if codec == "tcvn3" and name.endswith("h"):  # .VnTimeH: a capitals font
            converted = converted.upper()
        self.converted[font] = self.converted.get(font, 0) + len(text)
        return converted


def _font_of(r_fonts) -> str | None:
    if r_fonts is None:
        return None
    return r_fonts.get(f"{_W}ascii") or r_fonts.get(f"{_W}hAnsi") or None


def _runs_text(p_element, fonts: _Fonts | None = None) -> tuple[list[str], list[bool], bool]:
    """The paragraph's text split at line breaks, a page-break flag per piece, and boldness."""
    pieces = [""]
    breaks = [False]
    bold_chars = 0
    chars = 0
    paragraph_font = fonts.paragraph_font(p_element) if fonts is not None else None
    for node in _descendants(p_element):
        tag = node.tag
        if tag == f"{_W}t":
            text = node.text or ""
            run = node.getparent()
            r_pr = run.find(f"{_W}rPr") if run is not None else None
            if fonts is not None:
                own = _font_of(r_pr.find(f"{_W}rFonts")) if r_pr is not None else None
                text = fonts.decode(text, own or paragraph_font)
            pieces[-1] += text
            b = r_pr.find(f"{_W}b") if r_pr is not None else None
            is_bold = b is not None and b.get(f"{_W}val", "true") not in ("0", "false")
            chars += len(text.strip())
            if is_bold:
                bold_chars += len(text.strip())
        elif tag == f"{_W}softHyphen" and fonts is not None:
            # byte 0xAD is TCVN3's 'ư'; a word processor that took it for a soft hyphen stored it so
            run = node.getparent()
            r_pr = run.find(f"{_W}rPr") if run is not None else None
            own = _font_of(r_pr.find(f"{_W}rFonts")) if r_pr is not None else None
            decoded = fonts.decode("\u00ad", own or paragraph_font)
            if decoded != "\u00ad":
                pieces[-1] += decoded
        elif tag == f"{_W}tab":
            pieces[-1] += "\t"
        elif tag == f"{_W}noBreakHyphen":
            pieces[-1] += "-"
        elif tag in (f"{_W}br", f"{_W}cr"):
            page = node.get(f"{_W}type") == "page"
            pieces.append("")
            breaks.append(page)
        elif tag == f"{_W}lastRenderedPageBreak":
            pass
    return pieces, breaks, chars > 0 and bold_chars >= chars * 0.9


def _descendants(element):
    """Every node under ``element`` in document order, except the copies Word keeps for old
    readers (``mc:Fallback``: a text box is stored twice, once in ``mc:Choice``)."""
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        if node.tag == _FALLBACK:
            continue
        yield node
        stack.extend(reversed(node))


def _blocks(container, parent):
    """Paragraphs and tables of a body or a cell in document order, those inside content
    controls (``w:sdt``) and custom XML included (python-docx lists only direct children)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif tag == f"{_W}tbl":
            yield Table(child, parent)
        elif tag in _CONTAINERS:
            yield from _blocks(child, parent)


def _paragraph(
    builder: LineBuilder, paragraph, numbering: _Numbering, style_numbering: dict, fonts: _Fonts | None = None
) -> None:
    pieces, breaks, bold = _runs_text(paragraph._p, fonts)
    props = _num_props(paragraph, style_numbering)
    label = numbering.label(*props) if props else None
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.find(f"{_W}pageBreakBefore") is not None:
        builder.pending_break = True
    jc = p_pr.find(f"{_W}jc") if p_pr is not None else None  # the paragraph's own alignment, as python-docx reads it
    centered = jc is not None and jc.get(f"{_W}val") == "center"
    for k, (piece, page) in enumerate(zip(pieces, breaks, strict=False)):
        if page:
            builder.pending_break = True
        builder.add(piece, bold=bold, centered=centered, label=label if k == 0 else None, para_start=k == 0)
        label = None if clean_text(piece) else label


def _cell_lines(cell, fonts: _Fonts | None = None) -> list[str]:
    from docx.table import Table

    out: list[str] = []
    nested = []
    for block in _blocks(cell._tc, cell):
        if isinstance(block, Table):
            nested.append(block)
            continue
        pieces, _, _ = _runs_text(block._p, fonts)
        for piece in pieces:
            text = clean_text(piece)
            if text and not is_rule(text):
                out.append(text)
    for table in nested:
        for row in table.rows:
            for inner in row.cells:
                out.extend(_cell_lines(inner, fonts))
    return out


def _table(builder: LineBuilder, table, fonts: _Fonts | None = None) -> None:
    rows = []
    for row in table.rows:
        cells: list[list] = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans: read once
                cells.append([])
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_lines(cell, fonts))
        rows.append(cells)
    builder.table(rows)


def read_docx(data: bytes, *, max_paragraphs: int | None = None) -> Text:
    """``max_paragraphs``: refuse, before python-docx builds them, a main part with more."""
    data, paragraphs = _safe_package(data)
    if max_paragraphs is not None and paragraphs > max_paragraphs:
        raise InputError(
            f"a .docx of {paragraphs:,} paragraphs is longer than the {max_paragraphs:,} lines limit (a directive "
            f"has hundreds)"
        )
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"not a readable .docx ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml syntax errors and the like inside a damaged package
        raise InputError(f"not a readable .docx ({type(exc).__name__})") from None
    numbering = _Numbering(document)
    fonts = _Fonts(document)
    builder = LineBuilder()
    from docx.table import Table

    style_numbering: dict = {}
    for block in _blocks(document.element.body, document._body):
        if isinstance(block, Table):
            _table(builder, block, fonts)
        else:
            _paragraph(builder, block, numbering, style_numbering, fonts)
    lines = builder.lines
    warnings: list[Warning] = []
    encoding = None
    if fonts.converted:
        names = ", ".join(sorted(fonts.converted))
        encoding = "tcvn3" if any(n.strip().lower().startswith(".vn") for n in fonts.converted) else "vni"
        warnings.append(
            Warning("encoding-converted", f"text in legacy Vietnamese fonts ({names}) converted to Unicode", None)
        )
    guess = None if fonts.converted else legacy.detect("\n".join(line.text for line in lines))
    if guess:
        encoding = guess
        for line in lines:
            if line.text:
                line.text = legacy.to_unicode(line.text, guess)
                if line.cells:
                    line.cells = tuple((x, legacy.to_unicode(c, guess)) for x, c in line.cells)
        warnings.append(Warning("encoding-converted", f"text converted from the legacy {guess} font encoding", None))
    return Text(lines, format="docx", encoding=encoding, warnings=warnings)
