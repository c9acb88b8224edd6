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
from dataclasses import dataclass, replace

from ..keys import law_key, reference_key, symbol_key
from ..models import Mention, Reference
from ..patterns import date_in_figures, date_in_words, patterns
from ..text import fold, is_upper, squash
from ..vocab import phrase_pattern, vocabulary
from ..warning import Warning
from .dates import find_date
from .symbols import Symbol, find_symbols

__all__ = ["Segment", "cited_symbol", "extract_references"]

_TERM_NOTE = re.compile(r"\s*\((?:[Kk]h[oó]a|KHÓA|Khoá)[^)]*\)")  # a term after an issuer: "(khóa XIII)"
_TRAILING_CONJUNCTION = re.compile(r"\s+(?:và|hoặc)$")  # "và", "hoặc" left at the end of an issuer
_YEAR_AFTER = re.compile(r"\s*năm\s+(\d{4})(?!\d)")  # "năm 2024" right after a law's name
_LOWER_AFTER_COMMA = re.compile(
    r",\s+([a-zđà-ỹ][^\s,;:.()]*)"
)  # a lower-case word after a comma: a name going on ("Luật Phòng cháy, chữa cháy")
_TRAILING_SO = re.compile(r"\s+số\s*$")  # "số" left at the end of a name before its number


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
    names: dict[str, str] = {}
    for t in vocab.doc_types:
        for name in t.names:
            names.setdefault(fold(name), t.code)
    names.setdefault("van ban", "CV")
    kinds = phrase_pattern([*names, "van ban"])
    return _Rx(
        kind_before=re.compile(r"(?P<kind>" + kinds + r")\s*(?:so|s0)?\s*[:.]?\s*(?:\(|“|\")?\s*$"),
        # (matched with .match(text, pos): no "^", which would only match at 0)
        date_after=re.compile(r"\s*[,(]?\s*(?:ban\s+hanh\s+|ky\s+)?(?:ngay\s+)"),
        issuer_after=re.compile(r"\s*,?\s*(?:cua|do)\s+"),
        about_after=re.compile(r"\s*,?\s*(?:ve\s+viec|ve|v/v)\s+"),
        # (the lookbehind after the first letter: "no word or '/' before the name", and the
        # pattern can still be searched by its first letters)
        law=re.compile(
            r"(?P<kind>B(?<![\w/].)ộ luật|L(?<![\w/].)uật|H(?<![\w/].)iến pháp|P(?<![\w/].)háp lệnh"
            r"|C(?<![\w/].)ông ước|H(?<![\w/].)iệp định|T(?<![\w/].)h(?:ỏa|oả) thuận|N(?<![\w/].)ghị định thư)\s+"
        ),
        kind_by_name=names,
    )


def _kind(symbol: Symbol, m: re.Match | None) -> str | None:
    """The kind of a cited document: by its symbol, else by the type name before it (``m``)."""
    named = _rx().kind_by_name.get(" ".join(m.group("kind").split())) if m else None
    if symbol.family == "law":
        return named if named in ("Luật", "PL", "NQ", "QĐ") else "Luật"
    if symbol.family == "cv":
        return named if named and named not in ("CV",) and named in vocabulary().type_codes else "CV"
    if symbol.type == "TT" and symbol.family == "party":
        return "TT"
    return symbol.type if symbol.known else (named or symbol.type)


# the names of documents an issuer's name is followed by in "X và Nghị định ...": two words each,
# so that "Bộ Khoa học và Công nghệ" stays whole ("và Công văn" ends a name)
_CITED_TYPES = (
    r"(?:Nghị quyết|Nghị định|Thông tư|Thông báo|Thông tri|Quyết định|Chỉ thị|Kết luận|Kế hoạch|Luật|Hướng dẫn"
    r"|Công văn|Công điện|Văn bản|Tờ trình|Chương trình|Quy định|Quy chế|Danh mục|Danh sách|Đề án|Phụ lục)"
)

# Where a citation's issuer ends: "của Ban Bí thư (Khóa XI) về ...", "của Chính phủ quy định ...".
# (on the exact lower-case text; tones tell "về" from "vé")
_STOP_WORDS = (
    r"\s*(?:[;:()\[\]“”\"]|\.(?:\s|$)|,(?!\s*(?:Chủ nhiệm|Bộ trưởng|Thủ trưởng|Chủ tịch|Trưởng ban)\b))"
    r"|\s+(?:[Vv]ề|[Vv]/[Vv]|thực hiện|ban hành|quy định|hướng dẫn|sửa đổi|phê duyệt|tại|theo|ngày|số|khóa|khoá"
    r"|nhiệm kỳ|đã|để|nhằm|gửi|đến|cho|công bố|trong|là|có|thì)(?!\w)"
)
_ISSUER_STOP = re.compile(_STOP_WORDS + r"|\s+và\s+(?=[a-zđà-ỹ]|" + _CITED_TYPES + r"\b)")
# the same in a caption in capitals ("CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH ..."), where a lower-case
# word after "và" cannot be told
_ISSUER_STOP_CAPS = re.compile(_STOP_WORDS + r"|\s+và\s+(?=" + _CITED_TYPES + r"\b)", re.I)
_TERM = re.compile(r"\s+(?:kho[áa]|nhiệm\s+kỳ)\s+[IVXL\d]+$", re.I)


@functools.cache
def _POSTS() -> frozenset[str]:
    return frozenset(fold(p).upper() for p in vocabulary().positions)


def _issuer(text: str, pos: int) -> tuple[str | None, int]:
    """The issuer printed from ``pos`` ("Ban Bí thư", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos >= len(text) or not text[pos].isupper():
        return None, pos
    window = text[pos : pos + 160]
    # (a caption in capitals, "CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH ...", stops where its lower case would)
    m = (_ISSUER_STOP_CAPS if is_upper(window) else _ISSUER_STOP).search(window)
    end = m.start() if m else len(window)
    words = window[:end].split()
    if not words or len(words) > 16:
        return None, pos
    issuer = _TERM.sub("", " ".join(words)).strip(" ,")
    if "," in issuer:
        # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" is one issuer (two posts of one person);
        # "Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị" is an issuer and the next clause
        first = issuer.split(",")[0].strip()
        if fold(first).upper() not in _POSTS():
            cut = window.find(",")
            issuer, end = first, cut
    after = pos + end
    paren = _TERM_NOTE.match(text[after:])
    if paren:
        after += paren.end()
    return issuer or None, after


# where an issuer read as a body name ends in a citation: before the cited title and the
# words that follow it ("của Bộ Chính trị trên địa bàn tỉnh", "... về ...", "... hỏi về ...")
_CITED_ISSUER_END = re.compile(
    r"\s+(?:[Vv]ề|[Vv]/[Vv]|trên địa bàn|tại|theo|ngày|số|khóa|khoá|nhiệm kỳ|đã|để|nhằm|gửi|đến|cho|trong|là|có|thì"
    r"|hỏi|vướng mắc|chưa|xem xét|tiếp tục|quy định|hướng dẫn|ban hành|thực hiện|phê duyệt|công bố|sửa đổi)(?!\w)"
    r"|\s+và\s+(?=" + _CITED_TYPES + r"\b)"
    r"|\s*[;:()\[\]“”\"]|\.(?:\s|$)"
)


# the same in a caption in capitals ("... CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH KẾ HOẠCH")
_CITED_ISSUER_END_CAPS = re.compile(_CITED_ISSUER_END.pattern, re.I)

_AND = re.compile(r"\s+và\s+(?=\w)")
_COMMA = re.compile(r",\s*(?=\w)")


def _issuer_named(text: str, pos: int) -> tuple[str | None, int]:
    """The issuer printed from ``pos``, read as a body's name where it starts with a body's
    head ("Bộ Văn hóa, Thể thao và Du lịch", "Bộ Kế hoạch và Đầu tư", "Ban Chỉ đạo phát
    triển khoa học, công nghệ, ... và đề án 06"), else as before (:func:`_issuer`)."""
    from .bodies import View, read_body_list

    old, old_end = _issuer(text, pos)
    while pos < len(text) and text[pos] == " ":
        pos += 1
    window = text[pos : pos + 240]
    names, _ = read_body_list(View(window), 0)
    name = names[0] if names else None
    if name is None or name.head.kind == "collective":
        return old, old_end
    end = name.end
    stop = (_CITED_ISSUER_END_CAPS if is_upper(window[:end]) else _CITED_ISSUER_END).search(window, 0, end)
    if stop:
        end = stop.start()
    for conj in _AND.finditer(window, 0, end):
        if window[conj.end()].islower():  # "của Chính phủ và các văn bản ...": the name has ended
            end = conj.start()
            break
    type_names = patterns().type_names
    for comma in _COMMA.finditer(window, 0, end):
        # "của Bộ Chính trị, Nghị quyết số ...", "của Bộ Nội vụ, các yếu tố ...": the name has ended
        if window[comma.end()].islower() or type_names.match(fold(window), comma.end()):
            end = comma.start()
            break
    issuer = _TRAILING_CONJUNCTION.sub("", window[:end].strip(" ,"))
    extension = old[len(issuer) :] if old and old.startswith(issuer) else ""
    if extension and "," not in extension and not _CITED_ISSUER_END.search(extension):
        return old, old_end  # the body reader stopped at a verb inside a name ("BAN QLDA Đầu tư xây dựng ...")
    if (
        old
        and issuer != old
        and fold(old.split(",")[0]).upper() in _POSTS()
        and issuer.startswith(old.split(",")[0])
        and len(old) > len(issuer)
    ):
        return old, old_end  # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": two posts of one person
    if len(issuer.split()) > 24 or not issuer:
        return old, old_end
    after = pos + end
    paren = _TERM_NOTE.match(text[after:])
    if paren:
        after += paren.end()
    return _TERM.sub("", issuer).strip(" ,"), after


# an issuer printed before the citation: "Theo đề nghị của Giám đốc Sở ... tại Tờ trình số",
# "các Quyết định của Bộ trưởng Bộ ...: Số", "được Chủ tịch UBND tỉnh công bố tại các Quyết định: Số"
_ISSUER_BEFORE = (
    re.compile(r"của\s+(?P<iss>[A-ZĐÀ-Ỹ][^,;.()]{2,80}?)\s+tại\s+[^,;.]{0,20}$"),
    re.compile(r"của\s+(?P<iss>[A-ZĐÀ-Ỹ][^;.()]{2,90}?)\s*:\s*(?:[Ss]ố\s*:?\s*)?$"),
    # "báo cáo thẩm định của Sở Tư pháp số 316/BC-STP"
    re.compile(r"của\s+(?P<iss>[A-ZĐÀ-Ỹ][^,;.()]{2,80}?)\s+[Ss]ố\s*$"),
    re.compile(
        r"(?:được|do)\s+(?P<iss>[A-ZĐÀ-Ỹ][^,;.()]{2,60}?)\s+(?:ban hành|công bố|phê duyệt"
        r"|ký)\s+(?:tại\s+)?(?:các\s+)?[^,;.]{0,20}:\s*(?:[Ss]ố\s*:?\s*)?$"
    ),
)


# "Ngày 12/5/2025, Bộ Tài chính ban hành Quyết định số ...": the date and the issuer before
# the citation. (on the printed text; the issuer is read as a body's name)
_DATED_BEFORE = re.compile(
    r"(?<!\w)[Nn]gày\s+(?P<date>" + date_in_figures() + "|" + date_in_words() + r")\s*,\s*"
    r"(?P<rest>[^;.]{2,120}?)\s+(?:đã\s+)?(?:ban\s+hành|ký\s+ban\s+hành|ký|có|gửi)\s+(?:các\s+)?[^,;.]{0,30}?$"
)


def _dated_before(before: str) -> tuple[str | None, str | None] | None:
    """(date, issuer) printed before a citation: "Ngày 12/5/2025, Bộ X ban hành Quyết định số"."""
    from .bodies import View, read_body

    m = _DATED_BEFORE.search(before)
    if not m:
        return None
    hit = find_date(before, m.start("date"), limit=30)
    name = read_body(View(m.group("rest")), 0)
    issuer = m.group("rest")[: name.end].strip() if name else None
    return (hit.iso if hit else None), issuer


_COLON_TITLE = re.compile(r"\s*:\s+(?=[A-ZĐÀ-Ỹ])")
_ABOUT_STOP = re.compile(
    r"[;)(]|\.(?:\s|$)|,\s+(?=(?:Nghị|Thông|Quyết|Chỉ|Kết|Kế|Luật|Hướng|Văn|Tờ|số)\b)|\s+và\s+(?=(?:Nghị|Thông|Quyết|Chỉ|Kết|Kế|Luật|Hướng)\b)"
)


def _about(text: str, pos: int) -> tuple[str | None, int]:
    rest = text[pos : pos + 300]
    if rest[:1] in '“"':
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
    start: int = 0
    end: int = 0


def _cite(text: str, folded: str, symbol: Symbol, line_at) -> _Found:
    rx = _rx()
    before = text[max(0, symbol.start - 200) : symbol.start]
    km = rx.kind_before.search(fold(before[-60:]))  # "Nghị định số" before the symbol
    kind = _kind(symbol, km)
    pos = symbol.end
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
        issuer, pos2 = _issuer_named(text, m.end())
        if issuer:
            pos = pos2
    elif date:
        # "ngày 23/02/2026 Ủy ban nhân dân tỉnh về việc ...": an issuer without "của"
        issuer, pos2 = _issuer_named(text, pos)
        if issuer:
            pos = pos2
    if date is None:
        m = rx.date_after.match(folded, pos)
        if m:
            hit = find_date(text, m.end(), limit=30, year_hint=symbol.year)
            if hit and hit.start - m.end() <= 1:
                date, repaired, pos = hit.iso, hit.repaired, hit.end
    if date is None or issuer is None:
        dated = _dated_before(before[-200:])
        if dated:
            date = date or dated[0]
            issuer = issuer or dated[1]
    if issuer is None:
        tail = before[-180:]
        for rx_before in _ISSUER_BEFORE:
            back = rx_before.search(tail)
            if back and back.group("iss")[0].isupper():  # (À-Ỹ holds lower-case letters too)
                # "của Chính phủ tại Tờ trình số 347/TTr-CP và Đề án số": the name ends where a
                # cited title or the next words start
                named = back.group("iss")
                stop = _CITED_ISSUER_END.search(named)
                issuer = (named[: stop.start()] if stop else named).strip()
                break
    title = None
    m = rx.about_after.match(folded, pos)
    if m:
        title, pos = _about(text, m.end())
    else:
        # "Luật số 146/2025/QH15 của Quốc hội: Luật sửa đổi, bổ sung ...": the title after a colon
        colon = _COLON_TITLE.match(text, pos)
        if colon:
            title, pos = _about(text, colon.end())
    start = symbol.start
    if km:
        start = symbol.start - (len(before[-60:]) - km.start())
    pos = min(pos, len(text))
    return _Found(
        symbol, kind, date, issuer, title, line_at(symbol.start), squash(text[start:pos]), repaired, start, pos
    )


_NAMED_KIND = {"Hiến pháp": "HP", "Pháp lệnh": "PL", "Bộ luật": "Luật", "Luật": "Luật"}
_TREATIES = ("Công ước", "Hiệp định", "Thỏa thuận", "Thoả thuận", "Nghị định thư")
_NAME_WORD = re.compile(r"\s*([^\s,;:.()\[\]“”\"]+)")
_NAME_STOP = {
    "ngày",
    "số",
    "và",
    "để",
    "theo",
    "tại",
    "thì",
    "đã",
    "được",
    "là",
    "này",
    "đó",
    "nhằm",
    "khi",
    "hoặc",
    "gồm",
    "cùng",
}
# after a comma a lower-case word goes on with the name ("Luật Phòng cháy, chữa cháy"), but not these
_AFTER_COMMA_STOP = _NAME_STOP | {"các", "những", "mọi", "trong", "trên", "đến", "với", "cho", "từ", "nhưng", "đồng"}
_AMENDMENT = re.compile(r"sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?của\s+")


def _name_after(text: str, pos: int, treaty: bool) -> int:
    """End of a document's name that starts at ``pos`` (after "Luật", "Công ước" ...)."""
    end = pos
    words = 0
    i = pos
    while words < 16:
        m = _NAME_WORD.match(text, i)
        if not m:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in _NAME_STOP or (lower == "của" and not treaty) or (lower == "số" and words == 0):
            break
        if lower == "năm" and words > 0:
            year = _YEAR_AFTER.match(text[m.start() : m.start() + 12])
            if year:
                end = m.start() + year.end()
            break
        if words == 0 and lower in ("sư", "pháp"):
            break
        end = m.end()
        words += 1
        i = m.end()
        # "Luật Phòng cháy, chữa cháy": a comma followed by a lower-case word continues the name
        nxt = _LOWER_AFTER_COMMA.match(text[i : i + 40])
        if nxt and nxt.group(1) not in _AFTER_COMMA_STOP and not treaty:
            i += 1
            continue
        if i < len(text) and text[i] in ',;:.()[]“”"':
            break
    return end


_LAW_DATE = re.compile(
    r"\s*,?\s*(?:được\s+)?(?:(?:Quốc\s+hội|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội)\s+)?(?:thông\s+qua\s+|ban\s+hành\s+|ký\s+)?ngày\s+",
    re.I,
)


def _laws(text: str, line_at, cited: list[tuple[int, int]]) -> Iterable[tuple[str, str, int, str | None]]:
    """Laws and treaties cited by name: (kind, name, line, date). The date is the one printed
    right after the name ("Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015")."""
    taken = 0
    for m in _rx().law.finditer(text):
        if m.start() < taken or any(a <= m.start() < b for a, b in cited):
            continue
        kind_word = m.group("kind")
        pos = m.end()
        amendment = _AMENDMENT.match(text, pos) if kind_word == "Luật" else None
        if amendment:
            # "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": one law
            end = pos + amendment.end() - pos
            inner = _rx().law.match(text, end)
            while inner:
                end = _name_after(text, inner.end(), False)
                joined = _AND.match(text[end : end + 6])
                inner = _rx().law.match(text, end + joined.end()) if joined else None
        else:
            end = _name_after(text, pos, kind_word in _TREATIES)
        if end <= pos:
            continue
        taken = end
        kind = "Điều ước" if kind_word in _TREATIES else _NAMED_KIND[kind_word]
        date = None
        lead = _LAW_DATE.match(text, end)
        if lead:
            hit = find_date(text, lead.end(), limit=30)
            if hit and hit.start == lead.end():
                date = hit.iso
        yield kind, squash(text[m.start() : end]), line_at(m.start()), date


_LAW_BEFORE = re.compile(r"(?<![\w/])(?:Bộ luật|Luật|Pháp lệnh)\s+(?!số\b)[^;:.()]{2,160}?\s+số\s*$")


def _law_named_before(text: str, symbol: Symbol) -> tuple[int, str] | None:
    """A law named right before its own symbol: (start, name)."""
    window_start = max(0, symbol.start - 180)
    m = _LAW_BEFORE.search(text, window_start, symbol.start)
    if not m:
        return None
    name = _TRAILING_SO.sub("", m.group(0)).strip(" ,")
    return m.start(), name


_LIST_GAP = re.compile(r"^\s*(?:[,;]|và|hoặc)?\s*(?:(?:các\s+)?[^\s,;.]+(?:\s+[^\s,;.]+){0,2}\s+)?(?:[Ss]ố\s*:?\s*)?$")


def _share_issuer(a: _Found, b: _Found, text: str, refs_by_found: dict[int, Reference]) -> None:
    """Citations in one list share an issuer printed once: "Quyết định số 1902/QĐ-UBND ngày ...
    và Quyết định số 2339/QĐ-UBND ngày ... của Ủy ban nhân dân tỉnh", "các Quyết định của X: Số 1, số 2"."""
    between = text[a.end : b.start]
    if len(between) > 40 or not _LIST_GAP.match(between):
        return
    ra, rb = refs_by_found.get(id(a)), refs_by_found.get(id(b))
    if a.issuer and not b.issuer:
        b.issuer = a.issuer
        if rb is not None and rb.issuer is None:
            rb.issuer = a.issuer
    elif b.issuer and not a.issuer and ra is not None and ra.issuer is None:
        ra.issuer = b.issuer


# "15/TTr-CAT- PV01": a unit code printed after a hyphen and a space still belongs to the symbol
_CUT_UNIT = re.compile(r"-\s+(?P<unit>[A-ZĐ][A-ZĐ0-9&]*\d[A-ZĐ0-9&]*|[A-ZĐ]{2,}[0-9]*)(?![\w/])")


def _symbols(text: str):
    """The symbols of ``text`` (:func:`find_symbols`), a unit cut off by "- " put back."""
    for symbol in find_symbols(text):
        m = _CUT_UNIT.match(text, symbol.end)
        if m and symbol.family in ("state", "cv") and symbol.issuer:
            unit = m.group("unit")
            symbol = replace(symbol, text=f"{symbol.text}-{unit}", issuer=f"{symbol.issuer}-{unit}", end=m.end())
        yield symbol


# Technical standards cited by their symbols: "QCVN 05:2020/BXD" (national regulation),
# "TCVN 5507 : 2002" (national standard), "22 TCN 265-06" (a branch standard)
_STANDARD = re.compile(
    r"(?<![\w/])(?:(?P<kind>QCVN|TCVN|QCĐP|TCCS)\s*(?P<num>\d{1,5}(?:-\d{1,4})*)\s*:\s*(?P<year>(?:19|20)\d\d)(?!\d)(?:\s*/\s*(?P<iss>[A-ZĐ][A-ZĐ0-9-]*[A-ZĐ0-9]))?"
    r"|(?P<branch>\d{1,3})\s+TCN\s+(?P<bnum>\d{1,4}\s*-\s*\d{2,4})(?![\w/]))"
)


def _standards(text: str, line_at) -> Iterable[tuple[str, str, str, int, int, int]]:
    """Standards cited in ``text``: (kind, symbol, number, line, start, end)."""
    if "TC" not in text and "QC" not in text:
        return
    for m in _STANDARD.finditer(text):
        if m.group("kind"):
            symbol = f"{m.group('kind')}{m.group('num')}:{m.group('year')}" + (
                f"/{m.group('iss')}" if m.group("iss") else ""
            )
            yield m.group("kind"), symbol, m.group("num"), line_at(m.start()), m.start(), m.end()
        else:
            number = "".join(m.group("bnum").split())
            yield "TCN", f"{m.group('branch')}TCN{number}", number, line_at(m.start()), m.start(), m.end()


def _prefer_printed_case(ref: Reference, symbol: Symbol) -> None:
    """A symbol first met in the capitals of a title ("1899/QĐ-TTG") takes its case from a
    later mention in running text ("1899/QĐ-TTg")."""
    if ref.symbol and ref.symbol != symbol.text and ref.symbol.isupper() and not symbol.text.isupper():
        ref.symbol = symbol.text
        ref.issuer_code = symbol.issuer


@functools.cache
def _is_central(code: str | None) -> bool:
    """A central issuer's code, also in the capitals of an all-caps title ("1899/QĐ-TTG")."""
    vocab = vocabulary()
    if vocab.is_central(code):
        return True
    if not code or not code.isupper():
        return False
    capitals = {c.upper(): c for c in vocab.central_codes}
    return vocab.is_central("-".join(capitals.get(part, part) for part in code.split("-")))


def cited_symbol(text: str, symbol: str) -> bool:
    """Is ``symbol`` printed in ``text`` as a citation ("... THỰC HIỆN NGHỊ QUYẾT SỐ 66/NQ-CP",
    "(Kèm theo Kế hoạch số 179/KH-UBND ...)") rather than as a document's own "Số:"?"""
    key = symbol_key(symbol)
    for found in _symbols(text):
        if symbol_key(found.text) != key:
            continue
        before = fold(text[max(0, found.start - 60) : found.start])
        if _rx().kind_before.search(before):
            return True
    return False


def _edit1(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=False)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def extract_references(
    segments: list[Segment], *, own_symbol: str | None, locality: str | None, doc_date: str | None, opening: int = 0
) -> tuple[list[Reference], list[Warning]]:
    """The distinct documents cited in ``segments``, and warnings about them.

    ``opening``: how many of the first segments are the title and opening,
    which say how the document relates to what it cites (see :func:`_relate`)."""
    own = symbol_key(own_symbol) if own_symbol else None
    refs: dict[tuple, Reference] = {}
    counts: dict[tuple, int] = {}
    symbols_of: dict[tuple, Symbol | None] = {}
    warnings: list[Warning] = []
    laws: dict[str, Reference] = {}
    refs_by_found: dict[int, Reference] = {}
    for seg in segments:
        text = seg.text
        if not text:
            continue
        cited: list[tuple[int, int]] = []
        if "/" in text:
            folded = fold(text)
            previous: _Found | None = None
            for symbol in _symbols(text):
                key_symbol = symbol_key(symbol.text)
                if own and key_symbol == own:
                    continue
                found = _cite(text, folded, symbol, seg.line_at)
                if previous is not None:
                    _share_issuer(previous, found, text, refs_by_found)
                previous = found
                cited.append((found.start, found.end))
                central = _is_central(symbol.issuer)
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
                    _prefer_printed_case(ref, symbol)
                counts[key] += 1
                refs_by_found[id(found)] = ref
                named = _law_named_before(text, symbol) if symbol.family == "law" else None
                if named is not None:
                    # "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15": the law's name
                    start, name = named
                    ref.title = ref.title or name
                    cited.append((start, found.end))
                ref.mentions.append(Mention(line=found.line, text=found.printed))
                if found.date_repaired:
                    warnings.append(
                        Warning(
                            "citation-date-typo",
                            f"{symbol.text}: date printed with a malformed year, read as {found.date}",
                            found.line,
                        )
                    )
                if found.date and doc_date and found.date > doc_date:
                    warnings.append(
                        Warning(
                            "citation-date-after-document",
                            f"{symbol.text} is dated {found.date}, after this document's own date {doc_date}",
                            found.line,
                        )
                    )
                if not symbol.known:
                    warnings.append(
                        Warning(
                            "symbol-unknown-form",
                            f"cited symbol {symbol.text} has an unknown type code '{symbol.type}'",
                            found.line,
                        )
                    )
        for kind, printed, number, line, start, end in _standards(text, seg.line_at):
            key = ("national", None, symbol_key(printed))
            ref = refs.get(key)
            if ref is None:
                ref = refs[key] = Reference(kind=kind, number=number, symbol=printed, scope="national")
                counts[key] = 0
                symbols_of[key] = None
            counts[key] += 1
            ref.mentions.append(Mention(line=line, text=squash(text[start:end])))
            cited.append((start, end))
        # (_laws' one regex pass is the cheapest test for a named law or treaty)
        for kind, name, line, date in _laws(text, seg.line_at, cited):
            # "Luật X năm 2013" and a later "Luật X" are one law; "Luật X" of 2015 and of 2025 are two
            law, year = law_key(name, date)
            if year:
                dated = f"{law}#{year}"
                if dated not in laws and law in laws:
                    laws[dated] = laws.pop(law)  # an earlier mention without a year: this one's
                law = dated
            elif law not in laws:
                law = next((k for k in laws if k.startswith(law + "#")), law)  # a later mention without a year
            if kind == "Điều ước":
                # a treaty cited in full once and shortened later is one treaty
                same = next((k for k in laws if k.startswith(law) or law.startswith(k)), None)
                if same is not None and same != law:
                    ref = laws.pop(same)
                    if len(law) > len(same):
                        ref.title = name
                    laws[max(law, same, key=len)] = ref
                    law = max(law, same, key=len)
            ref = laws.get(law)
            if ref is None:
                ref = laws[law] = Reference(
                    kind=kind, number=None, symbol=None, title=name, date=date, scope="national"
                )
            else:
                if len(name) > len(ref.title or ""):
                    ref.title = name
                ref.date = ref.date or date
            ref.mentions.append(Mention(line=line, text=name))
    _merge_typos(refs, counts, symbols_of, warnings)
    result = list(refs.values()) + list(laws.values())
    _relate(result, segments[:opening], own_symbol)
    for ref in result:
        ref.key = reference_key(ref.symbol, ref.title, ref.date)
    return result, warnings


def _relate(references: list[Reference], opening: list[Segment], own_symbol: str | None) -> None:
    """Each reference's ``relation`` (implements / amends / replaces / cites) and ``links``,
    from the title and opening (:mod:`kehoach.extract.relations`)."""
    if opening and references:
        from .relations import relate

        relate(references, [s.text for s in opening], own_symbol=own_symbol)


def _merge_typos(refs: dict, counts: dict, symbols_of: dict, warnings: list) -> None:
    """ "02-KL/TU" cited once beside "02-KL/TW" cited often: a typo of the same document."""
    keys = list(refs)
    for minority in keys:
        if minority not in refs:
            continue
        a = symbols_of[minority]
        if a is None:
            continue  # a standard ("QCVN 05:2020/BXD") has no symbol grammar to compare
        for majority in keys:
            if majority == minority or majority not in refs:
                continue
            b = symbols_of[majority]
            if b is None:
                continue
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
            if a.issuer.upper() == b.issuer.upper():
                break  # the same symbol in the capitals of a title ("27/CT-TTG"): no typo
            warnings.append(
                Warning(
                    "symbol-typo",
                    f"{ra.symbol} looks like a typo of {rb.symbol} (same kind and number, cited "
                    f"{counts[majority] - 1} other time(s))",
                    line,
                )
            )
            break
