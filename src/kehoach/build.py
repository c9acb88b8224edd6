"""The pipeline assembled: read → segment → extract → :class:`~kehoach.models.Document`.

:func:`parse` is the library's entry point. It never raises on messy text:
what looks wrong becomes a warning in the result. It raises
:class:`~kehoach.errors.InputError` only for input that is not a document
at all (missing, empty, binary, a format it cannot read).
"""

from __future__ import annotations

import os
import re

from .errors import InputError
from .extract.assignments import extract_assignments
from .extract.citations import Segment, cited_symbol, extract_references
from .extract.closing import extract_addressees, extract_closing
from .extract.header import extract_header, infer_issuer
from .extract.symbols import plausible_symbol
from .extract.task_tables import table_assignments
from .keys import locality_of
from .models import Document, Issuer, Section, Signer, Source
from .models import Warning as WarningRecord
from .read import DOCUMENT_SUFFIXES, Text, display_name, read, read_bytes, read_text
from .segment import Node, Para, Skeleton, segment
from .segment.shapes import STRUCTURED
from .text import fold
from .vocab import vocabulary
from .warning import Warning

__all__ = ["build_document", "parse", "parse_bytes", "parse_file", "parse_text"]


def parse(source: str | os.PathLike | bytes, *, encoding: str | None = None, ocr: str = "auto") -> Document:
    """Parse a document given as a path, as bytes, or as its text.

    A :class:`~pathlib.Path` (any ``os.PathLike``) is read as a file, bytes as a file's
    bytes. A ``str`` is the document's text, unless it is a file name: one line that ends
    in a document suffix (``.txt``, ``.md``, ``.docx``, ``.pdf``, ``.html`` ...) and names
    an existing file, which is read; such a line of at most three words that names no
    file raises :class:`~kehoach.errors.InputError` (a mistyped name, not a document). Any other
    string is never taken for a path, even when a file of that name exists
    (``parse("/etc/passwd")`` parses those eleven characters). Text from elsewhere (a
    form, a request) goes to :func:`parse_text`, which never reads a file; a path to
    :func:`parse_file`.
    ``ocr``: ``auto`` (OCR the scanned pages of a PDF, and images, where
    Tesseract is installed), ``always`` (every page of a PDF) or ``never``.
    """
    if isinstance(source, (bytes, bytearray)):
        return parse_bytes(bytes(source), encoding=encoding, ocr=ocr)
    if isinstance(source, os.PathLike):
        return parse_file(source, encoding=encoding, ocr=ocr)
    if _names_a_document_file(source):
        if os.path.isfile(source):
            return parse_file(source, encoding=encoding, ocr=ocr)
        if len(source.split()) <= 3:  # "ke-hoach.txt", not "xem tệp đính kèm bao-cao.txt"
            raise InputError(
                f"{display_name(source)}: no such file (to parse this string as a document's text, use "
                f"kehoach.parse_text)"
            )
    return parse_text(source)


def _names_a_document_file(value: str) -> bool:
    """One line, no longer than a path, ending in a document suffix: a file name, not a text."""
    if len(value) > 4096 or "\n" in value or "\r" in value:
        return False
    return value.strip().lower().endswith(DOCUMENT_SUFFIXES) and value == value.strip()


def parse_text(text: str, *, name: str | None = None) -> Document:
    """Parse a document's text."""
    return build_document(read_text(text, name=name))


def parse_bytes(data: bytes, *, encoding: str | None = None, name: str | None = None, ocr: str = "auto") -> Document:
    """Parse a document's bytes (text in any encoding, .docx, .doc, .pdf or an image)."""
    return build_document(read_bytes(data, encoding=encoding, name=name, ocr=ocr))


def parse_file(path: str | os.PathLike, *, encoding: str | None = None, ocr: str = "auto") -> Document:
    """Parse the document in a file."""
    return build_document(read(path, encoding=encoding, ocr=ocr))


# --- assembly ----------------------------------------------------------------


def build_document(text: Text, *, with_source: bool = True, carried: bool = False) -> Document:
    """Run segment and extract over read lines (``carried``: an appendix, which has no header of its own)."""
    sk = segment(text, carried=carried)
    warnings: list[Warning] = list(text.warnings) + list(sk.warnings)
    header = extract_header(sk)
    warnings += header.warnings
    closing = extract_closing(sk.closing)
    warnings += closing.warnings
    if header.agencies and closing.cosigners:
        _lead_signs_first(closing, header.agencies[0])
    provenance = dict(header.provenance)
    issuer_name, issuer_parent = header.issuer, header.parent
    if not issuer_name:
        name, line, how = infer_issuer(sk, header.doc_type)
        if name:
            issuer_name = name
            provenance["issuer"] = [line] if line else []
            header.issuer_lines = [line] if line else []
            warnings.append(
                Warning("header-inferred", f"no issuer in the header: issuer '{name}' taken from {how}", line)
            )
        elif (sk.header or sk.type_line) and not carried:
            warnings.append(Warning("issuer-missing", "no issuing body found in the header or the text", None))
    if header.symbol_text and not plausible_symbol(header.symbol_text):
        # what the header kept as printed (a symbol of no known form) runs on past any symbol's length: garbage
        symbol_lines: list[int] = provenance.pop("symbol", [])
        line = symbol_lines[0] if symbol_lines else None
        warnings.append(
            Warning(
                "symbol-too-long",
                f"the symbol line holds {len(header.symbol_text):,} characters, more than any symbol has: symbol "
                f"left empty",
                line,
            )
        )
        header.symbol_text = header.number = header.issuer_code = None
        header.symbol = None
        warnings = [w for w in warnings if w.code != "symbol-unknown-form" or w.line != line]
    if header.symbol_text is None and not header.issuer_code:
        own = _identity_from_caption(sk, header.doc_type)
        if own is not None:
            header.symbol_text, header.number, header.issuer_code = own.symbol, own.number, own.issuer_code
            header.doc_type = header.doc_type or own.kind
            header.date = header.date or own.date
            line = own.mentions[0].line if own.mentions else None
            header.provenance["symbol"] = [line] if line else []
            warnings.append(
                Warning(
                    "header-inferred",
                    f"no symbol in the header: {own.symbol} taken from the caption of a part it carries "
                    f"('{own.mentions[0].text if own.mentions else own.symbol}')",
                    line,
                )
            )
            if not issuer_name and own.issuer:
                issuer_name = own.issuer
                provenance["issuer"] = [line] if line else []
    locality = locality_of(issuer_name, issuer_parent) or header.place
    _assign_kinds(sk.sections)
    addressees = extract_addressees(sk.addressees) if sk.addressees else []
    assignments = (
        extract_assignments(sk.sections, sk.preamble, issuer_name, closing=sk.closing_paras, addressees=addressees)
        if vocabulary().tasks(header.doc_type)
        else []
    )
    if carried:
        # a Phụ lục's task table: "nội dung | cơ quan chủ trì | phối hợp | thời gian"
        assignments += table_assignments(text.lines)
    _kinds_from_assignments(sk.sections, assignments)
    segments = _citation_segments(sk, closing.attachments)
    if header.cited_in_issuer and issuer_name:  # (after the title and opening, which say how the document relates)
        last_line = header.issuer_lines[-1] if header.issuer_lines else None
        segments.append(Segment(issuer_name, lambda _o, no=last_line: no))
    references, ref_warnings = extract_references(
        segments,
        own_symbol=header.symbol_text,
        locality=locality,
        doc_date=header.date,
        opening=(1 if sk.title else 0) + len(sk.preamble),
    )
    warnings += ref_warnings
    if closing.recipient_lines:
        provenance["recipients"] = closing.recipient_lines
    if not sk.closing:
        if not carried:
            warnings.append(Warning("closing-missing", "no Nơi nhận list or signature block found", None))
    elif closing.signer_name is None:
        warnings.append(Warning("signer-missing", "no signer's name in the signature block", sk.closing[0].no))
    if not sk.sections and not sk.preamble:
        warnings.append(Warning("body-missing", "no body text found", None))
    doc = Document(
        doc_type=header.doc_type,
        doc_type_name=header.doc_type_name,
        symbol=header.symbol_text,
        number=header.number,
        issuer=Issuer(
            name=issuer_name,
            parent=issuer_parent,
            code=header.issuer_code,
            agencies=header.agencies,
            lines=header.issuer_lines,
        ),
        place=header.place,
        **_province_fields(header.place),
        date=header.date,
        title=header.title,
        sections=[_section(node, top=True) for node in sk.sections],
        references=references,
        assignments=assignments,
        recipients=closing.recipients,
        signer=Signer(
            name=closing.signer_name,
            position=closing.position,
            authority=closing.authority,
            lines=closing.signer_lines,
            cosigners=[
                Signer(name=o.signer_name, position=o.position, authority=o.authority, lines=o.signer_lines)
                for o in closing.cosigners
            ],
        ),
        warnings=_warnings(warnings),
        addressees=addressees,
        attachments=closing.attachments,
        authority=header.authority,
        preamble="\n".join(p.text for p in sk.preamble),
        closing="\n".join(p.text for p in sk.closing_paras),
        provenance=provenance,
        appendices=[_appendix(lines, text) for lines in sk.appendices],
    )
    if with_source:
        doc.source = Source(
            path=text.path,
            format=text.format,
            encoding=text.encoding,
            sha256=text.sha256,
            lines=len(text.lines),
        )
    return doc


def _province_fields(place: str | None) -> dict:
    """The province a date line's place names, before and after the 2025 merger."""
    if not place:
        return {}
    from .provinces import find_province

    found = find_province(place)
    return {"province": found.name, "province_2025": found.name_2025} if found else {}


def _lead_signs_first(closing, lead: str) -> None:
    """A joint document: the signer is the block of the first agency of the header (the lead,
    which the symbol also names first), wherever it is printed; the others are cosigners."""
    blocks = [closing, *closing.cosigners]
    key = fold(lead)
    lead_block = next((b for b in blocks if b.authority and key in fold(b.authority)), None)
    if lead_block is None or lead_block is closing:
        return
    others = [b for b in blocks if b is not lead_block]
    for attr in ("signer_name", "position", "authority", "signer_lines"):
        value = getattr(lead_block, attr)
        setattr(lead_block, attr, getattr(closing, attr))
        setattr(closing, attr, value)
    closing.cosigners = [lead_block if b is closing else b for b in others]


_CAPTION = re.compile(r"(?:ban\s+hanh\s+)?kem\s+theo\s+")


def _identity_from_caption(sk: Skeleton, doc_type: str | None):
    """The document's own symbol, date and issuer where its header lost them, from the caption of
    an appendix it carries: "(Kèm theo Hướng dẫn số 40-HD/BTGDVTW, ngày 27/11/2025 của Ban ...)".
    Only a caption that names a document of this document's type (a công văn's, when the header
    names none) counts: a carried Quy chế's "ban hành kèm theo Quyết định số ..." names its parent."""
    lines = [line for part in [sk.closing, *sk.appendices] for line in part]
    for i, line in enumerate(lines):
        folded = fold(line.text)
        m = _CAPTION.search(folded)
        if not m or ("(" not in line.text[: m.start() + 2] and m.start() > 3):
            continue
        text = line.text[m.end() :]
        for more in lines[i + 1 : i + 4]:
            if ")" in text or not more.text:
                break
            text += " " + more.text
        text = text.split(")")[0]
        refs, _ = extract_references(
            [Segment(text, lambda _o, no=line.no: no)], own_symbol=None, locality=None, doc_date=None
        )
        for ref in refs:
            if ref.symbol and (ref.kind == doc_type or (doc_type is None and ref.kind == "CV")):
                return ref
    return None


def _appendix(lines, parent: Text) -> Document:
    sub = Text(lines=list(lines), format=parent.format, encoding=parent.encoding)
    doc = build_document(sub, with_source=False, carried=True)
    if doc.symbol and cited_symbol(" ".join(line.text for line in lines[:12]), doc.symbol):
        # "PHỤ LỤC I / TỔNG HỢP KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 66/NQ-CP ...", "(Kèm theo Kế hoạch số
        # 179/KH-UBND)": the heading names a document it serves; the appendix is not that document
        doc.doc_type = doc.doc_type_name = doc.symbol = doc.number = doc.date = None
        doc.issuer.code = None
        doc.provenance = {k: v for k, v in doc.provenance.items() if k not in ("symbol", "doc_type", "date")}
    return doc


def _warnings(items: list[Warning]) -> list[WarningRecord]:
    """The warnings of every stage as the contract's records, each said once."""
    out = []
    for item in dict.fromkeys(items):  # (frozen dataclasses: equal warnings are one key)
        out.append(WarningRecord(code=item.code, message=item.message, line=item.line))
    return out


def _assign_kinds(sections: list[Node]) -> None:
    vocab = vocabulary()
    structured = any(n.marker.type in STRUCTURED for n in sections)
    for node in sections:
        kind = vocab.heading_kind(node.heading)
        if kind is None and (node.marker.type == "article" or not structured):
            folded = fold(node.heading or "") + " " + fold(node.text)
            if any(phrase in folded for phrase in vocab.execution_phrases):
                kind = "implementation"
        node.kind = kind


def _kinds_from_assignments(sections: list[Node], assignments) -> None:
    tasked = {a.section.split(".")[0] for a in assignments if a.section} | {a.section for a in assignments if a.section}
    structured = any(n.marker.type in STRUCTURED for n in sections)
    for node in sections:
        if node.kind is None:
            if not structured and any(s == node.path or s.startswith(node.path + ".") for s in tasked):
                node.kind = "tasks"
            else:
                node.kind = "other"


def _section(node: Node, *, top: bool = False) -> Section:
    return Section(
        label=node.marker.label,
        heading=node.heading,
        kind=node.kind if top else None,
        text=node.text,
        children=[_section(child) for child in node.children],
        path=node.path,
        lines=(node.first, node.last),
    )


def _para_segment(para: Para) -> Segment:
    return Segment(para.text, para.line_at)


def _citation_segments(sk: Skeleton, attachments: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    if sk.title:
        text = ""
        starts: list[tuple[int, int]] = []
        for frag in sk.title:
            if text:
                text += "" if text.endswith("-") else " "
            starts.append((len(text), frag.line.no))
            text += frag.text

        def title_line(offset: int, starts=starts) -> int:
            no = starts[0][1]
            for start, line in starts:
                if start <= offset:
                    no = line
            return no

        segments.append(Segment(text, title_line))
    for para in sk.preamble:
        segments.append(_para_segment(para))
    for node in sk.sections:
        for sub in node.walk():
            for para in sub.paras:
                segments.append(_para_segment(para))
    for para in sk.closing_paras:
        segments.append(_para_segment(para))
    if attachments and sk.closing:
        first = sk.closing[0].no
        for item in attachments:
            segments.append(Segment(item, lambda _offset, first=first: first))
    return segments
