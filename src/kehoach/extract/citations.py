"""Documents a text cites: by symbol ("Kết luận số 02-KL/TW, ngày 18/5/2021 của
Ban Bí thư"), or laws by name ("Luật Phòng cháy, chữa cháy").

A citation is found from its symbol (see :mod:`kehoach.extract.symbols`),
which carries its own type code; the words before it ("Nghị định số") name
the kind where the symbol does not ("Luật số 146/2025/QH15", "Văn bản số
1289/UBND-TH"). After the symbol come, in this order and each optional, the
date ("ngày 18/5/2021", "ngày 18 tháng 5 năm 2021"), the issuer ("của Ban Bí
thư (Khóa XI)") and the abstract ("về ..."). Each distinct document is one
reference with every mention's line. A central symbol (TW, CP, QH ...) is
national; a local one (TU, UBND ...) belongs to the citing document's
locality, so "33-KH/TU" of two provinces are two documents.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Mention, Reference
from ..patterns import patterns
from ..text import fold, squash
from ..vocab import phrase_pattern, vocabulary
from .bodies import View, read_body_list
from .dates import find_date
from .symbols import Symbol, find_symbols

__all__ = ["Segment", "extract_references", "symbol_key"]


@dataclass(frozen=True)
class Segment:
    """A piece of text to search, with the line of each of its characters."""

    text: str
    line_at: object  # callable(offset) -> line number


@dataclass(frozen=True)
class _Rx:
    kind_before: re.Pattern  # folded, anchored at the end: "... nghi dinh so " before a symbol
    date_after: re.Pattern  # folded, after a symbol: ", ngay "
    issuer_after: re.Pattern  # folded: " cua " / " do "
    about_after: re.Pattern  # folded: " ve " / " ve viec "
    law: re.Pattern  # printed: "Luật Phòng cháy, chữa cháy"
    kind_by_name: dict[str, str]


@functools.cache
def _rx() -> _Rx:
    vocab = vocabulary()
    names = {}
    for t in vocab.doc_types:
        for name in t.names:
            names.setdefault(fold(name), t.code)
    names.setdefault("van ban", "CV")
    kinds = phrase_pattern(list(names) + ["van ban"])
    return _Rx(
        kind_before=re.compile(r"(?P<kind>" + kinds + r")\s*(?:so|s0)?\s*[:.]?\s*(?:\(|“|\")?\s*$"),
        date_after=re.compile(r"^\s*[,(]?\s*(?:ban\s+hanh\s+|ky\s+)?(?:ngay\s+)"),
        issuer_after=re.compile(r"^\s*,?\s*(?:cua|do)\s+"),
        about_after=re.compile(r"^\s*,?\s*(?:ve\s+viec|ve|v/v)\s+"),
        law=re.compile(
            r"(?<![\w/])(?P<kind>Bộ luật|Luật|Hiến pháp|Pháp lệnh)\s+(?P<name>(?!số\b|này\b|sửa\b)[A-ZĐÀ-Ỹ][^\s,;:.()]*"
            r"(?:\s+(?!ngày\b|số\b|và\b|của\b|để\b|theo\b|tại\b|về\b|thì\b|đã\b)[^\s,;:.()]+|,\s+(?=[a-zđà-ỹ])(?!và\b|ngày\b)[^\s,;:.()]+){0,12})"
        ),
        kind_by_name=names,
    )


def symbol_key(symbol: str) -> str:
    """Comparable form of a symbol: no spaces, upper case, one dash style."""
    return "".join(symbol.split()).replace("–", "-").upper()


def _kind(symbol: Symbol, before: str) -> str | None:
    rx = _rx()
    m = rx.kind_before.search(fold(before[-60:]))
    named = rx.kind_by_name.get(" ".join(m.group("kind").split())) if m else None
    if symbol.family == "law":
        return named if named in ("Luật", "PL", "NQ", "QĐ") else "Luật"
    if symbol.family == "cv":
        return named if named and named not in ("CV",) and named in vocabulary().type_codes else "CV"
    if symbol.type == "TT" and symbol.family == "party":
        return "TT"
    return symbol.type if symbol.known else (named or symbol.type)


_PAREN = re.compile(r"^\s*\((?:kho[aá]|Kho[aá]|KHÓA)[^)]*\)")
_TERM = re.compile(r"\s+(?:kho[áa]|nhiệm\s+kỳ)\s+[IVXL\d]+$", re.I)


def _issuer(text: str, pos: int) -> tuple[str | None, int]:
    v = View(text)
    names, end = read_body_list(v, pos)
    if not names:
        return None, pos
    issuer = ", ".join(n.text for n in names)
    issuer = _TERM.sub("", issuer)
    m = _PAREN.match(text[end:])
    if m:
        end += m.end()
    return issuer, end


_ABOUT_STOP = re.compile(r"[;)(]|\.(?:\s|$)|,\s+(?=(?:Nghị|Thông|Quyết|Chỉ|Kết|Kế|Luật|Hướng|Văn|Tờ|số)\b)|\s+và\s+(?=(?:Nghị|Thông|Quyết|Chỉ|Kết|Kế|Luật|Hướng)\b)")


def _about(text: str, pos: int) -> tuple[str | None, int]:
    rest = text[pos:]
    if rest[:1] in "“\"":
        close = rest.find("”" if rest[0] == "“" else '"', 1)
        if close > 0:
            return rest[1:close].strip(), pos + close + 1
    m = _ABOUT_STOP.search(rest)
    end = m.start() if m else len(rest)
    end = min(end, 240)
    title = rest[:end].strip(" ,")
    return (title or None), pos + end


@dataclass
class _Found:
    symbol: Symbol
    kind: str | None
    date: str | None
    issuer: str | None
    title: str | None
    line: int
    printed: str
    date_repaired: bool


def _cite(text: str, symbol: Symbol, line_at) -> _Found:
    rx = _rx()
    before = text[: symbol.start]
    kind = _kind(symbol, before)
    pos = symbol.end
    folded = fold(text)
    date = None
    repaired = False
    m = rx.date_after.match(folded, pos)
    if m:
        hit = find_date(text, m.end(), limit=30, year_hint=symbol.year)
        if hit and hit.start - m.end() <= 1:
            date, repaired, pos = hit.iso, hit.repaired, hit.end
    issuer = None
    m = rx.issuer_after.match(folded, pos)
    if m:
        issuer, pos2 = _issuer(text, m.end())
        if issuer:
            pos = pos2
    elif date:
        # "ngày 23/02/2026 Ủy ban nhân dân tỉnh về việc ...": an issuer without "của"
        issuer, pos2 = _issuer(text, pos)
        if issuer:
            pos = pos2
    if date is None:
        m = rx.date_after.match(folded, pos)
        if m:
            hit = find_date(text, m.end(), limit=30, year_hint=symbol.year)
            if hit and hit.start - m.end() <= 1:
                date, repaired, pos = hit.iso, hit.repaired, hit.end
    if issuer is None:
        # "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số ...": the issuer before the citation
        back = re.search(r"của\s+([^,;.()]{3,80}?)\s+tại\s+[^,;.]{0,20}$", before)
        if back:
            issuer = back.group(1).strip()
    title = None
    m = rx.about_after.match(folded, pos)
    if m:
        title, pos = _about(text, m.end())
    start = symbol.start
    km = rx.kind_before.search(fold(before[-60:]))
    if km:
        start = symbol.start - (len(before[-60:]) - km.start())
    return _Found(symbol, kind, date, issuer, title, line_at(symbol.start), squash(text[start:pos]), repaired)


def _laws(text: str, line_at) -> Iterable[tuple[str, str, int]]:
    for m in _rx().law.finditer(text):
        name = m.group("name").strip()
        kind = {"Hiến pháp": "HP", "Pháp lệnh": "PL"}.get(m.group("kind"), "Luật")
        yield kind, f"{m.group('kind')} {name}", line_at(m.start())


def _edit1(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def extract_references(
    segments: list[Segment], *, own_symbol: str | None, locality: str | None, doc_date: str | None
) -> tuple[list[Reference], list[tuple[str, str, int | None]]]:
    """The distinct documents cited in ``segments``, and warnings about them."""
    vocab = vocabulary()
    own = symbol_key(own_symbol) if own_symbol else None
    refs: dict[tuple, Reference] = {}
    counts: dict[tuple, int] = {}
    symbols_of: dict[tuple, Symbol] = {}
    warnings: list[tuple[str, str, int | None]] = []
    laws: dict[str, Reference] = {}
    for seg in segments:
        text = seg.text
        if not text:
            continue
        if "/" in text:
            for symbol in find_symbols(text):
                key_symbol = symbol_key(symbol.text)
                if own and key_symbol == own:
                    continue
                found = _cite(text, symbol, seg.line_at)
                central = vocab.is_central(symbol.issuer)
                scope = "national" if central else "local"
                key = (scope, None if central else (locality or "").lower(), key_symbol)
                ref = refs.get(key)
                if ref is None:
                    ref = Reference(
                        kind=found.kind,
                        number=symbol.number,
                        symbol=symbol.text,
                        date=found.date,
                        issuer=found.issuer,
                        title=found.title,
                        issuer_code=symbol.issuer,
                        scope=scope,
                        locality=None if central else locality,
                    )
                    refs[key] = ref
                    symbols_of[key] = symbol
                    counts[key] = 0
                else:
                    ref.date = ref.date or found.date
                    ref.issuer = ref.issuer or found.issuer
                    ref.title = ref.title or found.title
                counts[key] += 1
                ref.mentions.append(Mention(line=found.line, text=found.printed))
                if found.date_repaired:
                    warnings.append(("citation-date-typo", f"{symbol.text}: date printed with a malformed year, read as {found.date}", found.line))
                if found.date and doc_date and found.date > doc_date:
                    warnings.append(
                        ("citation-date-after-document", f"{symbol.text} is dated {found.date}, after this document's own date {doc_date}", found.line)
                    )
                if not symbol.known:
                    warnings.append(("symbol-unknown-form", f"cited symbol {symbol.text} has an unknown type code '{symbol.type}'", found.line))
        if "Luật" in text or "Hiến pháp" in text or "Pháp lệnh" in text:
            for kind, name, line in _laws(text, seg.line_at):
                key = " ".join(fold(name).split())
                ref = laws.get(key)
                if ref is None:
                    ref = laws[key] = Reference(kind=kind, number=None, symbol=None, title=name, scope="national")
                ref.mentions.append(Mention(line=line, text=name))
    _merge_typos(refs, counts, symbols_of, warnings)
    return list(refs.values()) + list(laws.values()), warnings


def _merge_typos(refs: dict, counts: dict, symbols_of: dict, warnings: list) -> None:
    """"02-KL/TU" cited once beside "02-KL/TW" cited often: a typo of the same document."""
    keys = list(refs)
    for minority in keys:
        if minority not in refs:
            continue
        a = symbols_of[minority]
        for majority in keys:
            if majority == minority or majority not in refs:
                continue
            b = symbols_of[majority]
            if (a.type, a.number, a.year, a.family) != (b.type, b.number, b.year, b.family):
                continue
            if not (a.issuer and b.issuer and _edit1(a.issuer, b.issuer)):
                continue
            if counts[minority] >= counts[majority]:
                continue
            ra, rb = refs[minority], refs[majority]
            if ra.date and rb.date and ra.date != rb.date:
                continue
            rb.mentions.extend(ra.mentions)
            rb.mentions.sort(key=lambda m: m.line)
            counts[majority] += counts.pop(minority)
            del refs[minority]
            line = ra.mentions[0].line if ra.mentions else None
            warnings.append(("symbol-typo", f"{ra.symbol} looks like a typo of {rb.symbol} (same kind and number, cited {counts[majority] - 1} other time(s))", line))
            break
