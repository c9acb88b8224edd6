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

A symbol is short: the longest in the corpora is ``12/HDLN-BCA-BQP-BYT-BTC``
(23 characters); a joint circular of six ministries stays under 50. A match
longer than :data:`MAX_SYMBOL_LENGTH` (a chain of codes run on through
garbage: ``37-KH/ĐUK-ABC-ABC-...``) is no symbol, and :func:`plausible_symbol`
tells a caller whether a text it would keep as a symbol can be one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..patterns import patterns
from ..vocab import vocabulary

__all__ = ["MAX_SYMBOL_LENGTH", "Symbol", "find_symbols", "parse_symbol", "plausible_symbol"]

MAX_SYMBOL_LENGTH = 64  # characters, spaces removed


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
        return Symbol(
            text, m.group("num"), "Luật", m.group("lcode"), int(m.group("lyear")), "law", True, m.start(), m.end()
        )
    if m.group("stype"):
        code = m.group("stype")
        known = code in vocab.state_type_codes or code in vocab.type_codes
        return Symbol(
            text, m.group("num"), code, m.group("siss"), int(m.group("syear")), "state", known, m.start(), m.end()
        )
    if m.group("ptype"):
        code = m.group("ptype")
        known = code in vocab.party_type_codes or code in vocab.type_codes
        return Symbol(text, m.group("num"), code, m.group("piss"), None, "party", known, m.start(), m.end())
    code = m.group("ttype")
    if code in vocab.type_codes:
        return Symbol(text, m.group("num"), code, m.group("tiss"), None, "state", True, m.start(), m.end())
    # no type code: a state công văn "1289/UBND-TH" (issuer, then the drafting unit)
    return Symbol(text, m.group("num"), "CV", code, None, "cv", True, m.start(), m.end())


def plausible_symbol(text: str | None) -> bool:
    """Could ``text`` (spaces removed) be a document symbol? Not when it is longer than any is."""
    return text is not None and 0 < len(text) <= MAX_SYMBOL_LENGTH


def _short(m) -> bool:
    # the match with its spaces is at most a few characters longer than the symbol; count only when it may be too long
    return m.end() - m.start() <= MAX_SYMBOL_LENGTH or plausible_symbol("".join(m.group(0).split()))


def parse_symbol(text: str) -> Symbol | None:
    """The first symbol in ``text``; None when there is none, or when it runs on past any symbol's length."""
    m = patterns().symbol.search(text)
    return _from_match(m) if m and _short(m) else None


def find_symbols(text: str):
    """Every symbol in ``text``, in order (matches too long for a symbol are garbage: skipped)."""
    for m in patterns().symbol.finditer(text):
        if _short(m):
            yield _from_match(m)
