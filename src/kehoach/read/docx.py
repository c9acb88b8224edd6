"""Word .docx → lines, through python-docx's XML parser and element classes.

The package is not opened by ``docx.Document``: python-docx's own reader walks the
relationships over the parts inflated here, every part it would load as XML is parsed with
its parser, and the body, styles and numbering elements are read as ``docx.Document`` would
give them (:func:`_open_direct`); a package that reading does not take, or any error in it,
and the whole reading is done again through ``docx.Document`` (:func:`_open_python_docx`),
which gives the same output or the same error. A styles part is parsed once for documents
of the same styles bytes (:func:`_styles`).

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
crossed, having held at most that much. The XML parts are what python-docx reads
(through a new, stored package when ``docx.Document`` opens it); pictures, fonts and
embedded objects are empty (they carry no text for us, and their bytes are never
inflated). A part that declares a DOCTYPE is refused (the XML parser
python-docx uses does not resolve entities either), and so is an archive of
more than :data:`MAX_ENTRIES` entries, counted before the ZIP directory is
read into memory.
"""

from __future__ import annotations

import io
import threading
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
_BLOCKS = {f"{_W}p", f"{_W}tbl"}
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


def _inflated_parts(data: bytes) -> tuple[dict[str, bytes], int]:
    """The parts of the package, name → bytes: its XML parts inflated within the limits, other
    parts empty (in the archive's order, one entry a name: the last, which zipfile and so
    python-docx would read). Also the number of paragraphs of the main part."""
    check_entry_count(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("not a valid .docx (the ZIP container is damaged)") from None
    if "word/document.xml" not in set(archive.namelist()):
        raise InputError("a ZIP archive that is not a Word .docx document (no word/document.xml)")
    parts: dict[str, bytes] = {}
    budget = MAX_XML_INFLATED
    paragraphs = 0
    try:
        for info in {info.filename: info for info in archive.infolist()}.values():
            if info.flag_bits & 0x1:
                raise InputError("an encrypted (password-protected) .docx")
            if info.is_dir():
                continue
            if not info.filename.endswith((".xml", ".rels")):
                parts[info.filename] = b""  # a picture, a font, an embedded object: the part without its bytes
                continue
            xml = _inflate(archive, info, budget)
            budget -= len(xml)
            if info.filename == "word/document.xml":
                paragraphs = xml.count(b"<w:p>") + xml.count(b"<w:p ")
            parts[info.filename] = xml
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        raise InputError(f"not a readable .docx ({type(exc).__name__}: {exc})") from None
    return parts, paragraphs


def _stored_package(parts: dict[str, bytes]) -> bytes:
    """The package python-docx reads: the parts of :func:`_inflated_parts`, stored uncompressed."""
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
            for name, blob in parts.items():
                package.writestr(name, blob)
    except ValueError as exc:
        raise InputError(f"not a readable .docx ({type(exc).__name__}: {exc})") from None
    return out.getvalue()


def _safe_package(data: bytes) -> tuple[bytes, int]:
    """The package python-docx reads (see :func:`_inflated_parts`), and the main part's paragraphs."""
    parts, paragraphs = _inflated_parts(data)
    return _stored_package(parts), paragraphs


class _Numbering:
    """Word list numbering: numId/ilvl → the label Word would print."""

    def __init__(self, root) -> None:
        """``root``: the ``w:numbering`` element of the numbering part, None if there is none."""
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.levels: dict[tuple[str, int], dict] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
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


def _num_props(p_element, style_of, style_numbering: dict) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph (a python-docx ``CT_P``), from its own properties or its
    style's (the style's looked up once per style id, through ``style_of(p_element)``: the
    python-docx style object ``Paragraph.style`` gives)."""
    p_pr = p_element.pPr
    num = p_pr.numPr if p_pr is not None else None
    if num is not None and num.numId is not None:
        return str(num.numId.val), int(num.ilvl.val) if num.ilvl is not None else 0
    style_id = p_element.style
    if style_id not in style_numbering:
        style_numbering[style_id] = _style_num_props(style_of(p_element))
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

    def __init__(self, root, tables: tuple[dict[str, str | None], str | None] | None = None) -> None:
        """``root``: the ``w:styles`` element of the styles part, None if there is none;
        ``tables``: (font by style id, default font) already read from that root."""
        self.converted: dict[str, int] = {}
        self.by_style, self.default = tables if tables is not None else self.tables(root)

    @staticmethod
    def tables(root) -> tuple[dict[str, str | None], str | None]:
        """(the font of each style id, through ``basedOn``; the document's default font) of ``root``."""
        by_style: dict[str, str | None] = {}
        if root is None:
            return by_style, None
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
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
            by_style[sid] = font
        return by_style, _font_of(defaults)

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
    for node in _text_nodes(p_element):
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


_TEXT_TAGS = tuple(f"{_W}{tag}" for tag in ("t", "softHyphen", "tab", "noBreakHyphen", "br", "cr"))


def _text_nodes(element):
    """The nodes of :func:`_runs_text` under ``element`` (text, soft hyphens, tabs, non-breaking
    hyphens, breaks) in document order: lxml's own walk, unless there is an ``mc:Fallback`` to
    leave out (:func:`_descendants`, whose nodes of other tags :func:`_runs_text` passes by)."""
    if next(element.iter(_FALLBACK), None) is None:
        return element.iter(*_TEXT_TAGS)
    return _descendants(element)


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


def _blocks(container):
    """The ``w:p`` and ``w:tbl`` elements of a body or a cell in document order, those inside
    content controls (``w:sdt``) and custom XML included (python-docx lists only direct children)."""
    for child in container.iterchildren():
        tag = child.tag
        if tag in _BLOCKS:
            yield child
        elif tag in _CONTAINERS:
            yield from _blocks(child)


def _rows(tbl) -> list[list]:
    """The cells of a ``w:tbl`` row by row, as python-docx's ``_Row.cells`` gives them: one a grid
    column (a cell spanning columns appears once for each), a cell continuing a vertical merge
    standing for the cell it continues."""
    from docx.table import Table

    return [list(row.cells) for row in Table(tbl, None).rows]  # type: ignore[arg-type]  # no part: cells only


def _paragraph(
    builder: LineBuilder, p_element, numbering: _Numbering, style_of, style_numbering: dict, fonts: _Fonts | None = None
) -> None:
    pieces, breaks, bold = _runs_text(p_element, fonts)
    props = _num_props(p_element, style_of, style_numbering)
    label = numbering.label(*props) if props else None
    p_pr = p_element.pPr
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
    """The lines of a cell (a python-docx ``_Cell``): its paragraphs', then its nested tables'
    cells' (every grid cell of those, a merged one as often as it spans)."""
    out: list[str] = []
    nested = []
    for block in _blocks(cell._tc):
        if block.tag == f"{_W}tbl":
            nested.append(block)
            continue
        pieces, _, _ = _runs_text(block, fonts)
        for piece in pieces:
            text = clean_text(piece)
            if text and not is_rule(text):
                out.append(text)
    for tbl in nested:
        for row in _rows(tbl):
            for inner in row:
                out.extend(_cell_lines(inner, fonts))
    return out


def _table(builder: LineBuilder, tbl, fonts: _Fonts | None = None) -> None:
    rows = []
    for row in _rows(tbl):
        cells: list[list] = []
        seen = set()
        for cell in row:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans: read once
                cells.append([])
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_lines(cell, fonts))
        rows.append(cells)
    builder.table(rows)


class _Styles:
    """A styles part's parsed root and what is read from it once: the font tables of
    :class:`_Fonts` and the default paragraph style (a list: empty until looked up)."""

    def __init__(self, root) -> None:
        self.root = root
        self.fonts = _Fonts.tables(root)
        self.default_style: list = []


_STYLES_CACHE = threading.local()  # per thread (lxml trees are not shared between threads): styles bytes → _Styles
_STYLES_KEPT = 4  # documents of one office share their styles part byte for byte; a few are kept


def _styles(blob: bytes) -> _Styles:
    """The styles part of these bytes, parsed with python-docx's parser, or the one parsed from
    the same bytes before (read-only: nothing the reading does changes a tree)."""
    from docx.oxml.parser import parse_xml

    cache: dict[bytes, _Styles] = getattr(_STYLES_CACHE, "parts", None) or {}
    _STYLES_CACHE.parts = cache
    styles = cache.pop(blob, None)  # popped and put back: the dict's order is the last use
    if styles is None:
        styles = _Styles(parse_xml(blob))
        while cache and len(cache) >= _STYLES_KEPT:
            del cache[next(iter(cache))]
    cache[blob] = styles
    return styles


class _Unusual(Exception):
    """A package the direct reading does not take: python-docx reads it (and refuses it, or not)."""


class _PhysParts:
    """python-docx's physical package reader (``ZipPkgReader``'s interface) over the parts
    :func:`_inflated_parts` holds, so that python-docx's own code walks the relationships."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts

    def blob_for(self, pack_uri) -> bytes:
        return self.parts[pack_uri.membername]  # a KeyError, as zipfile raises for a missing member

    @property
    def content_types_xml(self) -> bytes:
        from docx.opc.packuri import CONTENT_TYPES_URI

        return self.blob_for(CONTENT_TYPES_URI)

    def rels_xml_for(self, source_uri) -> bytes | None:
        return self.parts.get(source_uri.rels_uri.membername)

    def close(self) -> None:
        pass


def _related(rels: dict, reltype: str):
    """The one relationship of ``reltype`` among a part's (rId → serialized relationship, the
    last of an rId as python-docx keeps it), None if there is none; several: python-docx's
    ``part_related_by`` refuses them, so do we (the python-docx reading then says how)."""
    found = [rel for rel in rels.values() if rel.reltype == reltype]
    if len(found) > 1:
        raise _Unusual(f"{len(found)} relationships of type {reltype}")
    return found[0] if found else None


def _open_direct(parts: dict[str, bytes]):
    """(body, numbering root, styles root, style lookup) of the package, read without building
    python-docx's package: python-docx's ``PackageReader`` walks the relationship graph from the
    package's and reads the content types, as ``docx.Document`` does; every part python-docx
    would load as XML (``PartFactory``: the main document, styles, numbering, settings, headers,
    footers, comments, core properties) is parsed with python-docx's own parser and element
    classes, so a damaged one is refused the same way; the elements the reading uses are then
    those ``docx.Document`` would give. Anything python-docx would resolve otherwise (a package
    without a styles part gets python-docx's default styles; a main part that is not
    word/document.xml, two style parts ...) raises :class:`_Unusual`."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.part import PartFactory
    from docx.opc.pkgreader import PackageReader, _ContentTypeMap
    from docx.oxml.parser import parse_xml
    from docx.styles.style import StyleFactory

    phys = _PhysParts(parts)
    content_types = _ContentTypeMap.from_xml(phys.content_types_xml)
    package_rels = PackageReader._srels_for(phys, PACKAGE_URI)
    elements: dict[str, object] = {}  # partname → root element of each XML part
    rels_of: dict[str, dict] = {"/": {rel.rId: rel for rel in package_rels}}
    types: dict[str, str] = {}
    for partname, blob, reltype, srels in PackageReader._walk_phys_parts(phys, package_rels):
        content_type = content_types[partname]
        types[partname] = content_type
        rels_of[partname] = {rel.rId: rel for rel in srels}
        if reltype == RT.IMAGE:
            continue  # python-docx's ImagePart: the bytes, not parsed
        if content_type == CT.WML_STYLES:  # parsed once for documents sharing the same bytes
            elements[partname] = _styles(blob)
        elif content_type in PartFactory.part_type_for:  # an XmlPart: parsed as python-docx does
            elements[partname] = parse_xml(blob)
    main = _related(rels_of["/"], RT.OFFICE_DOCUMENT)
    if (
        main is None
        or main.target_partname != "/word/document.xml"
        or types[main.target_partname] != CT.WML_DOCUMENT_MAIN
    ):
        raise _Unusual("the main document part")
    document = elements[main.target_partname]
    if document.tag != f"{_W}document" or document.body is None:  # type: ignore[attr-defined]
        raise _Unusual("no w:document/w:body")
    doc_rels = rels_of[main.target_partname]

    def part_element(reltype: str, content_type: str):
        rel = _related(doc_rels, reltype)
        if rel is None:
            return None
        if rel.is_external or types.get(rel.target_partname) != content_type:
            raise _Unusual(f"a {reltype} part of another type")
        return elements[rel.target_partname]

    numbering = part_element(RT.NUMBERING, CT.WML_NUMBERING)
    cached = part_element(RT.STYLES, CT.WML_STYLES)
    if cached is None:
        raise _Unusual("no styles part")  # python-docx would give its default styles
    styles = cached.root
    default_style = cached.default_style

    def default_paragraph_style():
        """``Styles.default(PARAGRAPH)``: the last ``w:style`` of type paragraph marked default
        (python-docx's ``CT_Styles.default_for``, without building a proxy for every style)."""
        if not default_style:
            found = None
            for style in styles.iterchildren(f"{_W}style"):
                kind = style.get(f"{_W}type")
                if kind in (None, "character", "table", "numbering"):  # no w:type: python-docx's type is None
                    continue
                if kind != "paragraph" and style.type != WD_STYLE_TYPE.PARAGRAPH:  # python-docx's conversion (or error)
                    continue
                if style.default:  # ST_OnOff, converted (or refused) by python-docx
                    found = style
            default_style.append(StyleFactory(found) if found is not None else None)
        return default_style[0]

    def style_of(p_element):
        """``Paragraph.style``: the paragraph's style by id if it is a paragraph style, else the default."""
        style_id = p_element.style
        style = styles.get_by_id(style_id) if style_id else None
        if style is None or style.type != WD_STYLE_TYPE.PARAGRAPH:
            return default_paragraph_style()
        return StyleFactory(style)

    return document.body, numbering, styles, style_of, cached.fonts  # type: ignore[attr-defined]


def _open_python_docx(parts: dict[str, bytes]):
    """(body, numbering root, styles root, style lookup) of the package through ``docx.Document``."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from None
    data = _stored_package(parts)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"not a readable .docx ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml syntax errors and the like inside a damaged package
        raise InputError(f"not a readable .docx ({type(exc).__name__})") from None
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering = None
    try:
        styles = document.styles.element
    except (AttributeError, KeyError, NotImplementedError):
        styles = None
    body = document._body
    return document.element.body, numbering, styles, lambda p_element: Paragraph(p_element, body).style, None


def _read_blocks(body, numbering_root, styles_root, style_of, font_tables) -> tuple[LineBuilder, _Fonts]:
    """The lines of the body: ``style_of(p)`` gives a paragraph's python-docx style; ``font_tables``
    the :class:`_Fonts` tables if read already."""
    numbering = _Numbering(numbering_root)
    fonts = _Fonts(styles_root, font_tables)
    builder = LineBuilder()
    style_numbering: dict = {}
    for block in _blocks(body):
        if block.tag == f"{_W}tbl":
            _table(builder, block, fonts)
        else:
            _paragraph(builder, block, numbering, style_of, style_numbering, fonts)
    return builder, fonts


def read_docx(data: bytes, *, max_paragraphs: int | None = None, direct: bool = True) -> Text:
    """``max_paragraphs``: refuse, before python-docx builds them, a main part with more.

    ``direct``: read the parts' XML without building python-docx's package and document (the
    same elements, see :func:`_open_direct`; twice as fast); a package that reading does not
    take, or any error in it, and the whole reading is done again through ``docx.Document``,
    which gives the output (or the error) of the reader before it. False: through
    ``docx.Document`` only (the tests compare the two)."""
    parts, paragraphs = _inflated_parts(data)
    if max_paragraphs is not None and paragraphs > max_paragraphs:
        raise InputError(
            f"a .docx of {paragraphs:,} paragraphs is longer than the {max_paragraphs:,} lines limit (a directive "
            f"has hundreds)"
        )
    read = None
    if direct:
        try:
            read = _read_blocks(*_open_direct(parts))
        except Exception:  # whatever it is, the python-docx reading below decides (same output or error)
            read = None
    if read is None:
        read = _read_blocks(*_open_python_docx(parts))
    builder, fonts = read
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
