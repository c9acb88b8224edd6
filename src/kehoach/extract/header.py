"""The header: issuing body and its superior, national name, symbol, place and
date, document type and title (trích yếu).

The segmenter hands over the header as fragments (a line, or one column of a
two-column line). A fragment may still hold several elements where columns
were merged ("TỈNH ỦY LÀO CAI ĐẢNG CỘNG SẢN VIỆT NAM", "Số 34 -NQ/TU Lào Cai,
ngày ..."), so each is first cut where a known element starts, then every
piece is classified: Party line, national name, motto, date line, symbol,
or (in capitals, left column) part of the issuer block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..keys import locality_of
from ..patterns import WORDED_DATE, date_in_figures, patterns
from ..segment import Fragment, Skeleton
from ..text import fold, is_upper, squash
from ..vocab import vocabulary
from ..warning import Warning
from .dates import iso_date
from .symbols import Symbol, parse_symbol

__all__ = ["Header", "extract_header", "infer_issuer", "locality_of"]

_DATE_TAIL = re.compile(
    r"\d{1,4}(?:\s+(?:tháng|năm)\s+\d{1,4})*"
)  # the rest of a date line wrapped in a narrow column: "2021", "11 năm 2021"
_DIGIT = re.compile(r"\d")  # a digit
_NUMERIC_DATE = re.compile(date_in_figures("d", "m", "y"))  # a date in figures on a date line: "01/11/2021"


@dataclass
class Header:
    family: str | None = None  # "party" or "state"
    issuer: str | None = None
    parent: str | None = None
    issuer_code: str | None = None
    issuer_lines: list[int] = field(default_factory=list)
    symbol: Symbol | None = None
    symbol_text: str | None = None
    number: str | None = None
    doc_type: str | None = None
    doc_type_name: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    authority: str | None = None
    provenance: dict[str, list[int]] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)  # a joint document's issuing agencies, in printed order
    cited_in_issuer: bool = (
        False  # the issuer block names a decision by its number ("ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 45/QĐ-SCT")
    )


_SYMBOL_CUT = re.compile(
    r"s(?<=\s.)(?:ố|o)\s*[:.]?\s*(?=\d|/)"
)  # " số 12", " so 12" (the lookbehind after the "s": searchable)


def _cut_points(text: str) -> list[int]:
    """Offsets inside a fragment where another header element starts."""
    pat = patterns()
    folded = fold(text)
    points = set()
    for rx in (pat.party, pat.state):
        for m in rx.finditer(folded):
            points.add(m.start())
    motto = pat.motto.search(folded)
    if motto:
        points.add(motto.start())
    dated = pat.date_line.search(text) if "," in text else None  # "<Place>, ngày ...": no comma, no date line
    if dated:
        points.add(dated.start("place"))
    for m in _SYMBOL_CUT.finditer(folded):
        points.add(m.start())
    return sorted(p for p in points if p > 0)


def _pieces(fragment: Fragment) -> list[tuple[Fragment, str]]:
    text = fragment.text
    cuts = _cut_points(text)
    out = []
    prev = 0
    for cut in [*cuts, len(text)]:
        piece = text[prev:cut].strip(" -–*")
        if piece:
            out.append((fragment, piece))
        prev = cut
    return out


_DOT_LEADER = re.compile(
    r"\s*(?:[.…]\s*){3,}$"
)  # a blank left to fill in a template's title: "kết luận kiểm tra đảng viên ……"
_OPEN_DATE = re.compile(r"(?:ngay|thang|nam)\s*$")


def _join_wrapped_dates(fragments: list[Fragment]) -> list[Fragment]:
    """A date line wrapped in a narrow column ("Trà Vinh, ngày 01 tháng 11 năm" / "2021"): joined."""
    out: list[Fragment] = []
    for fragment in fragments:
        if out and out[-1].line.no < fragment.line.no and _DATE_TAIL.fullmatch(fragment.text.strip()):
            prev = out[-1] if _OPEN_DATE.search(fold(out[-1].text)) else None
            if prev is None:
                prev = next((f for f in reversed(out) if _OPEN_DATE.search(fold(f.text))), None)
            if prev is not None:
                prev.text = f"{prev.text} {fragment.text.strip()}"
                continue
        out.append(Fragment(fragment.line, fragment.text, fragment.column))
    return out


def _classify(piece: str) -> str:
    pat = patterns()
    folded = fold(piece)
    if pat.party.match(folded):
        return "party"
    if pat.state.match(folded):
        return "state"
    if pat.motto.match(folded):
        return "motto"
    if ("," in piece and pat.date_line.match(piece)) or pat.date_line_bare.match(piece):
        return "date"
    if pat.symbol_line.match(folded) and (_DIGIT.search(piece) or "/" in piece or "-" in piece):
        return "symbol"
    if pat.abstract.match(folded):
        return "abstract"
    if (pat.type_names.match(folded) or pat.appendix.match(folded)) and not pat.issuer_head.match(folded):
        return "type"  # "THÔNG CÁO ĐẶC BIỆT VỀ ...", "PHỤ LỤC": a type line or caption, not the body that issues
    if is_upper(piece) or pat.issuer_head.match(folded):  # (mixed case in some web copies)
        return "issuer"
    return "other"


def _date(rest: str) -> tuple[str | None, bool]:
    """(ISO date, blank) of the part of a date line after the place."""
    folded = fold(rest)
    m = WORDED_DATE.search(folded)
    if m:
        return iso_date(int(m.group("d")), int(m.group("m")), int(m.group("y"))), False
    m = _NUMERIC_DATE.search(folded)
    if m:
        return iso_date(int(m.group("d")), int(m.group("m")), int(m.group("y"))), False
    return None, True


def _names_a_decision(text: str) -> bool:
    """Does an issuer line end by naming a document that a number should follow ("THEO QUYẾT ĐỊNH")?"""
    folded = fold(text).rstrip(" :")
    *_, m = (None, *patterns().type_names.finditer(folded))  # the last type name in it
    return m is not None and m.end() == len(folded) and m.start() > 0


def _initials(text: str) -> str:
    """ "BỘ CÔNG AN" → "BCA", "BAN TỔ CHỨC TỈNH ỦY" → "BTCTU": how a symbol abbreviates a body."""
    return "".join(w[0] for w in fold(text).split() if w[:1].isalpha()).upper()


def _agencies(units: list[tuple[str, list[int]]], code: str | None) -> list[tuple[str, list[int]]]:
    """The agencies of a joint document: where the symbol's issuer part names two or more
    bodies ("BCA-BQP-BYT-BTC", "BTCTU-BDVTU"), the pieces of the issuer block that those codes
    abbreviate, in printed order, a line holding two of them ("BỘ CÔNG AN BỘ QUỐC PHÒNG") cut
    where the next one starts. [] for a single issuer (a công văn's "UBND-TH" names one body and
    its drafting unit: only one piece matches)."""
    parts = [fold(p).upper() for p in (code or "").split("-") if p]
    if len(parts) < 2 or not units:
        return []
    found: list[tuple[str, list[int]]] = []
    for text, lines in units:
        for piece in _split_by_codes(text.split(), parts):
            found.append((piece, lines))
    names = [name for name, _ in found if _initials(name) in parts]
    if len(set(map(_initials, names))) < 2:
        return []
    return [(name, lines) for name, lines in found if _initials(name) in parts]


def _split_by_codes(words: list[str], parts: list[str]) -> list[str]:
    """Cut a run of words into pieces whose initials are codes of ``parts``, where one can be
    (longest first); the words as one piece where none can."""
    words = [w for w in words if any(ch.isalnum() for ch in w)]  # "BAN TỔ CHỨC TỈNH ỦY - BAN ...": no dash piece
    if not words:
        return []
    # each word's initial (as _initials takes it), and the longest code: a piece with more
    # initials than that matches none (without the bound a long line cost n² joins per cut)
    initials = [_initials(w) for w in words]
    longest = max(map(len, parts))
    count, ends = 0, []
    for end, ini in enumerate(initials, 1):
        count += len(ini)
        if count > longest:
            break
        ends.append(end)
    for end in reversed(ends):
        if "".join(initials[:end]) in parts:
            rest = _split_by_codes(words[end:], parts) if end < len(words) else []
            if end == len(words) or all(_initials(r) in parts for r in rest):
                return [" ".join(words[:end]), *rest]
    return [" ".join(words)]


def _issuer_units(pieces: list[tuple[Fragment, str]]) -> list[tuple[str, list[int]]]:
    pat = patterns()
    units: list[tuple[str, list[int]]] = []
    for frag, text in pieces:
        folded = fold(text)
        opens = bool(pat.issuer_head.match(folded))
        if units and (not opens or pat.needs_complement.match(fold(units[-1][0]))):
            units[-1] = (units[-1][0] + " " + text, units[-1][1] + [frag.line.no])
        else:
            units.append((text, [frag.line.no]))
    return [(squash(t), lines) for t, lines in units]


def extract_header(sk: Skeleton) -> Header:
    pat = patterns()
    vocab = vocabulary()
    h = Header()
    issuer_pieces: list[tuple[Fragment, str]] = []
    type_line = -2  # the last line a type name or an appendix caption stood on
    for fragment in _join_wrapped_dates(sk.header):
        for frag, piece in _pieces(fragment):
            kind = _classify(piece)
            line = frag.line.no
            if kind == "type" or (kind == "issuer" and type_line >= line - 2 and frag.column == 0):
                # a type line and the title lines right under it ("HƯỚNG DẪN VIỆC SỐ HOÁ ..." /
                # "TRONG HỆ THỐNG CHÍNH TRỊ"): no issuer
                type_line = line
                continue
            if kind == "party":
                h.family = "party"
            elif kind in ("state", "motto"):
                h.family = h.family or "state"
            elif kind == "date" and h.place is None and h.date is None:
                m = pat.date_line.search(piece) or pat.date_line_bare.match(piece)
                assert m is not None  # (_classify said "date" by these two patterns)
                h.place = m.group("place").strip()
                h.date, blank = _date(m.group("rest"))
                h.provenance["place"] = [line]
                if h.date:
                    h.provenance["date"] = [line]
                elif blank:
                    h.warnings.append(
                        Warning(
                            "date-blank",
                            f"the date line has no complete date ('{squash(piece)}'): date left empty",
                            line,
                        )
                    )
                else:
                    h.warnings.append(
                        Warning(
                            "date-invalid", f"the date line's date is not a calendar date ('{squash(piece)}')", line
                        )
                    )
            elif (
                kind == "symbol"
                and issuer_pieces
                and _names_a_decision(issuer_pieces[-1][1])
                and issuer_pieces[-1][0].line.no >= line - 1
            ):
                # "ĐOÀN KIỂM TRA" / "THEO QUYẾT ĐỊNH" / "SỐ 45/QĐ-SCT": the body the decision set
                # up is the issuer; the number names the decision (a citation), not this document
                last_frag, last = issuer_pieces[-1]
                issuer_pieces[-1] = (last_frag, f"{last} {piece}")  # one piece: "SỐ" is no head ("SỞ" folds alike)
                h.cited_in_issuer = True
            elif kind == "symbol" and h.symbol_text is None:
                _read_symbol(h, piece, line)
            elif (kind == "issuer" and frag.column == 0) or (
                kind == "issuer" and not any(f.column == 0 for f in sk.header)
            ):
                issuer_pieces.append((frag, piece))
    units = _issuer_units(issuer_pieces)
    agencies = _agencies(units, h.issuer_code)
    if agencies:
        # a joint document: every agency the symbol's issuer part names, in printed order
        h.agencies = [name for name, _ in agencies]
        h.issuer = " - ".join(h.agencies)
        h.issuer_lines = sorted({no for _, lines in agencies for no in lines})
        first = units.index(next(u for u in units if set(u[1]) & set(agencies[0][1])))
        if first > 0:
            h.parent, parent_lines = units[first - 1]
            h.issuer_lines = sorted(set(parent_lines) | set(h.issuer_lines))
        h.provenance["issuer"] = h.issuer_lines
    elif units:
        h.issuer, lines = units[-1]
        h.issuer_lines = list(lines)
        if len(units) > 1:
            h.parent, parent_lines = units[-2]
            h.issuer_lines = parent_lines + h.issuer_lines
        h.provenance["issuer"] = h.issuer_lines
    # type and title
    if sk.type_name:
        name = " ".join(sk.type_name.split())
        folded = fold(name)
        m = pat.type_line.match(folded)
        printed = (
            name[: m.end("more") if m.group("more") else m.end("qual") if m.group("qual") else m.end("name")]
            if m
            else name
        )
        h.doc_type_name = printed[:1].upper() + printed[1:].lower()
        t = vocab.type_by_folded_name.get(" ".join(fold(printed).split()))
        if t is None and m:
            t = vocab.type_by_folded_name.get(" ".join(m.group("name").split()))
        if t is not None:
            h.doc_type = _family_code(t.code, h)
        h.provenance["doc_type"] = [sk.type_line.line.no] if sk.type_line else []
    if sk.title:
        h.title = _DOT_LEADER.sub("", squash(" ".join(f.text for f in sk.title))).strip() or None
        h.provenance["title"] = sorted({f.line.no for f in sk.title})
    if sk.authority:
        h.authority = authority_text(sk.authority)
    # the type from the symbol, for a document without a type line (công văn)
    if h.symbol is not None:
        h.family = h.family or ("party" if h.symbol.family == "party" else "state")
        sym_type = vocab.base_code.get(h.symbol.type, h.symbol.type) if h.symbol.type else None
        if h.doc_type is None:
            if sym_type and h.symbol.known:
                h.doc_type = sym_type
                h.doc_type_name = vocab.type_name_by_code.get(sym_type)
                h.provenance["doc_type"] = h.provenance.get("symbol", [])
        elif sym_type and any(sym_type in t.printed_codes for t in vocab.doc_types if t.code == h.doc_type):
            h.doc_type = sym_type  # the code as the document's symbol prints it for its type
        elif sym_type and h.symbol.family != "cv" and sym_type != h.doc_type and h.symbol.known:
            h.warnings.append(
                Warning(
                    "type-mismatch",
                    f"the type line says {h.doc_type} but the symbol {h.symbol_text} says {sym_type}",
                    h.provenance.get("symbol", [None])[0],
                )
            )
    if h.doc_type is None and sk.abstract:
        h.doc_type, h.doc_type_name = "CV", vocab.type_name_by_code.get("CV", "Công văn")
        h.provenance["doc_type"] = h.provenance.get("title", [])
    elif h.doc_type is None and sk.type_line is None and sk.addressees:
        # no type name, no abstract (the header lost), but a letter's "Kính gửi": a công văn
        h.doc_type, h.doc_type_name = "CV", vocab.type_name_by_code.get("CV", "Công văn")
        h.provenance["doc_type"] = [sk.addressees[0].no]
        h.warnings.append(
            Warning(
                "type-inferred",
                "no type name or abstract: read as a công văn, which the 'Kính gửi' line opens",
                sk.addressees[0].no,
            )
        )
    return h


def _family_code(code: str, h: Header) -> str:
    """ "Quy định" is QĐi for the Party, QyĐ for the state; "Thông tri" / "Thông tư" likewise."""
    if code in ("QĐi", "QyĐ"):
        return "QĐi" if h.family == "party" else "QyĐ"
    return code


def _read_symbol(h: Header, piece: str, line: int) -> None:
    pat = patterns()
    body = pat.symbol_line.sub("", fold(piece), count=1)
    raw = piece[len(piece) - len(body) :].strip()
    symbol = parse_symbol(raw)
    h.provenance["symbol"] = [line]
    if symbol is not None and symbol.start <= 2:
        h.symbol = symbol
        h.symbol_text = symbol.text
        h.number = symbol.number
        h.issuer_code = symbol.issuer
        if not symbol.known:
            h.warnings.append(
                Warning("symbol-unknown-form", f"symbol {symbol.text} has an unknown type code '{symbol.type}'", line)
            )
        return
    blank = pat.symbol_blank.search(piece)
    if blank:
        h.issuer_code = blank.group("siss") or blank.group("piss")
        code = blank.group("stype") or blank.group("ptype")
        h.symbol = None
        h.warnings.append(
            Warning("symbol-blank-number", f"the symbol has no number ('{squash(piece)}'): symbol left empty", line)
        )
        if code and code in vocabulary().type_codes:
            h.symbol = Symbol("", "", code, h.issuer_code, None, "state" if blank.group("stype") else "party", True)
        return
    compact = "".join(raw.split())
    if compact:
        h.symbol_text = compact
        h.warnings.append(Warning("symbol-unknown-form", f"symbol '{compact}' fits no known form", line))


_CAPITAL_WORD = re.compile(r"(?<!\w)[A-ZĐÀ-Ỹ]")


def authority_text(lines) -> str:
    """The enacting authority's lines joined, a Công điện's "điện:" left out."""
    text = squash(" ".join(line.text for line in lines))
    cut = patterns().addressees_after.search(fold(text))
    return text[: cut.start()].strip() if cut else text


def infer_issuer(sk: Skeleton, doc_type: str | None = None) -> tuple[str | None, int | None, str]:
    """The issuer from the text when the header lacks it: (name, line, how)."""
    from .bodies import View, read_body

    if sk.authority:
        return authority_text(sk.authority), sk.authority[0].no, "the authority line"
    opening = list(sk.preamble) + [p for node in sk.sections[:1] for p in node.paras[:1]]
    ending = list(sk.closing_paras)
    if sk.sections:  # the body's last paragraph ("Thừa lệnh Bộ trưởng, Văn phòng Bộ xin thông báo ...")
        last = sk.sections[-1]
        while last.children:
            last = last.children[-1]
        ending.append(last.paras[-1])
    own = {fold(n) for t in vocabulary().doc_types if t.code == doc_type for n in t.names} if doc_type else set()
    for para in opening + ending:
        folded = fold(para.text)
        view: View | None = None  # built once a paragraph (a long one has many verbs)
        quotes, curly, counted = 0, 0, 0  # quotation marks before the verb, counted as the verbs come
        for m in patterns().issues.finditer(folded):
            said = m.group(0).strip()
            if (
                own
                and any(fold(n) in said for t in vocabulary().doc_types for n in t.names)
                and not any(o in said for o in own)
            ):
                continue  # "X xây dựng chương trình ..." in a Nghị quyết: some other document, not this one
            if para in ending and not said.startswith(("thong bao", "xin thong bao")):
                continue  # at the end only a notice's "X xin thông báo ..." names who issues it
            piece = para.text[counted : m.start()]
            curly += piece.count("“") - piece.count("”")
            quotes += piece.count('"')
            counted = m.start()
            if curly > 0 or quotes % 2:
                continue  # inside a quotation: what another document said
            v = view = view or View(para.text)
            best = None
            for h in _CAPITAL_WORD.finditer(para.text, max(0, m.start() - 120), m.start()):
                name = read_body(v, h.start())
                if name and abs(name.end - m.start()) <= 2:
                    best = name
                    break
            if best is not None:
                return best.text, para.line_at(best.start), "the body text"
    if sk.type_suffix is not None:
        text = sk.type_suffix.text
        return (
            squash(text[text.lower().find("của") + 3 :] if "của" in text.lower() else text),
            sk.type_suffix.line.no,
            "the type line",
        )
    return None, None, ""
