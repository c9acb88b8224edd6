"""The grammar of document symbols (số và ký hiệu).

Forms (Nghị định 30/2020/NĐ-CP Phụ lục III; Hướng dẫn 36-HD/VPTW):

* Party: ``NUMBER-TYPE/ISSUER`` — ``37-KH/ĐUK``, ``02-KL/TW``, joint issuers
  ``05-QC/BTCTU-BDVTU``;
* state: ``NUMBER/TYPE-ISSUER`` — ``134/KH-UBND``, ``13/CT-TTg``; with a year
  for legal documents: ``136/2020/NĐ-CP``, ``02/2017/TT-VPCP``;
* state công văn, no type code: ``NUMBER/ISSUER-UNIT`` — ``1289/UBND-TH``;
* laws and resolutions of the legislature: ``NUMBER/YEAR/QHnn`` — ``146/2025/QH15``.

A symbol whose type code is not a known type fits no form: it is kept as
printed and the caller warns.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..patterns import patterns
from ..vocab import vocabulary

__all__ = ["Symbol", "parse_symbol", "find_symbols"]


@dataclass(frozen=True, slots=True)
class Symbol:
    text: str  # spaces removed: "37-KH/ĐUK"
    number: str
    type: str | None  # type code: "KH", "NĐ", "Luật" for a law, "CV" for a state công văn
    issuer: str | None  # issuer code(s): "ĐUK", "UBND", "BTCTU-BDVTU", "QH15"
    year: int | None
    family: str  # "party", "state", "law", "cv"
    known: bool  # the type code is in the vocabulary
    start: int = 0
    end: int = 0


def _from_match(m) -> Symbol:
    vocab = vocabulary()
    text = "".join(m.group(0).split())
    if m.group("lcode"):
        return Symbol(text, m.group("num"), "Luật", m.group("lcode"), int(m.group("lyear")), "law", True, m.start(), m.end())
    if m.group("stype"):
        code = m.group("stype")
        known = code in vocab.state_type_codes or code in vocab.type_codes
        return Symbol(text, m.group("num"), code, m.group("siss"), int(m.group("syear")), "state", known, m.start(), m.end())
    if m.group("ptype"):
        code = m.group("ptype")
        known = code in vocab.party_type_codes or code in vocab.type_codes
        return Symbol(text, m.group("num"), code, m.group("piss"), None, "party", known, m.start(), m.end())
    code = m.group("ttype")
    if code in vocab.type_codes:
        return Symbol(text, m.group("num"), code, m.group("tiss"), None, "state", True, m.start(), m.end())
    # no type code: a state công văn "1289/UBND-TH" (issuer, then the drafting unit)
    return Symbol(text, m.group("num"), "CV", code, None, "cv", True, m.start(), m.end())


def parse_symbol(text: str) -> Symbol | None:
    """The first symbol in ``text``."""
    m = patterns().symbol.search(text)
    return _from_match(m) if m else None


def find_symbols(text: str):
    """Every symbol in ``text``, in order."""
    for m in patterns().symbol.finditer(text):
        yield _from_match(m)
