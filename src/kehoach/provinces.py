"""Which province a document comes from, before and after the 2025 merger.

On 1 July 2025 the 63 provinces became 34 (Trà Vinh → Vĩnh Long, Bình Phước →
Đồng Nai ...). Plans written before then name the old province; a user
comparing provinces today wants both names. The mapping is underthesea's
(``underthesea.address``), read from the data file it ships.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import fold

_NOT_ALNUM = re.compile(r"[^a-z0-9]")  # what a district key leaves out
_PROVINCE_UNIT = re.compile(r"(?i)^(?:tỉnh|thành phố)\s+")  # "tỉnh", "thành phố" before a province's name

if TYPE_CHECKING:  # pragma: no cover
    from .models import Document

__all__ = ["Province", "all_provinces", "find_district_province", "find_province", "province_of"]


@dataclass(frozen=True)
class Province:
    name: str  # as printed before the merger: "Trà Vinh"
    name_2025: str | None  # the province it belongs to since 1 July 2025: "Vĩnh Long"

    @property
    def merged(self) -> bool:
        return self.name_2025 is not None and fold(self.name_2025) != fold(self.name)


@functools.cache
def _names() -> list[tuple[str, str, str | None, str]] | None:
    """(folded old short name, old short name, new short name, old key), longest first."""
    from ._libs import province_table

    table = province_table()
    if table is None:
        return None
    out = []
    for old_key, info in table["old_province_names"].items():
        short = info.get("short") or info.get("name") or ""
        new = table["province_names"].get(table["province_mapping"].get(old_key, ""), {})
        if short:
            out.append((fold(short), short, new.get("short") or new.get("name"), old_key))
    out.sort(key=lambda t: -len(t[0]))
    return out


def all_provinces() -> list[Province]:
    """The 63 provinces before the 2025 merger, each with the one it belongs to since, sorted by name
    (empty without underthesea's data file)."""
    return sorted((Province(short, new) for _, short, new, _ in _names() or []), key=lambda p: fold(p.name))


# a district-level unit and its name: "HUYỆN CẦN GIỜ", "Huyện ủy Krông Pắc", "THỊ XÃ SA PA"
_DISTRICT = re.compile(
    r"(?i)(?<!\w)(huyện|quận|thị xã|thành phố)(?:\s+(?:ủy|uỷ))?\s+([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3})"
)


def find_district_province(text: str | None) -> Province | None:
    """The province of a district named in ``text``, when the district's name
    belongs to one province only ("Cần Giờ" → Hồ Chí Minh; not "Châu Thành",
    a district of ten provinces)."""
    if not text or _names() is None:
        return None
    from ._libs import district_provinces

    for m in _DISTRICT.finditer(text):
        unit = _NOT_ALNUM.sub("", fold(m.group(1)))
        words = m.group(2).split()
        while words:  # the name may run on into other words: try it shorter
            key = unit + _NOT_ALNUM.sub("", fold(" ".join(words)))
            provinces = district_provinces().get(key)
            if provinces:
                if len(provinces) != 1:
                    break
                (old_key,) = provinces
                for _, short, new, key_ in _names() or []:
                    if key_ == old_key:
                        return Province(short, new)
                break
            words.pop()
    return None


_AFTER_UNIT = re.compile(r"(?i)(?:tỉnh|thành phố|tp\.?)(?:\s+(?:ủy|uỷ))?\s+([^\W\d_][^,;:()\n]*)")


def find_province(text: str | None) -> Province | None:
    """The first province named in ``text`` ("ĐẢNG BỘ TỈNH TRÀ VINH", "Trà Vinh")."""
    if not text:
        return None
    names = _names()
    if names is not None:
        folded = fold(text)
        for name, short, new, _ in names:
            at = folded.find(name)
            while at >= 0:
                end = at + len(name)
                if (at == 0 or not folded[at - 1].isalnum()) and (end == len(folded) or not folded[end].isalnum()):
                    if text[at].isupper():  # a name, not "hòa bình" (peace) in running text
                        return Province(short, new)
                at = folded.find(name, at + 1)
        return None
    return _convert(text)


def _convert(text: str) -> Province | None:
    """Without the data file: ask underthesea's public converter."""
    m = _AFTER_UNIT.search(text)
    candidate = (m.group(1) if m else text).strip()
    if not candidate or len(candidate) > 40:
        return None
    try:
        from underthesea.address import convert_address

        result = convert_address(candidate)
    except Exception:
        return None
    new = result.new.province if result.status != "not_found" else ""
    if not new:
        return None
    short = _PROVINCE_UNIT.sub("", new)
    return Province(candidate.title() if candidate.isupper() else candidate, short)


def province_of(doc: Document) -> Province | None:
    """The province of a local document, from its issuer and superior body
    ("ĐẢNG BỘ TỈNH TRÀ VINH") or, when the issuer is plainly local (a local
    symbol code such as UBND or TU, a level in its name) or unnamed, from its
    place and signer's authority. None for a central one: a Cục or Bộ dated
    "Hà Nội" is not a Hà Nội document."""
    from .keys import locality_of
    from .vocab import vocabulary

    vocab = vocabulary()
    code = doc.issuer.code or (doc.symbol.rsplit("/", 1)[-1] if doc.symbol and "/" in doc.symbol else None)
    if code and vocab.is_central(code):
        return None
    for text in (doc.issuer.name, doc.issuer.parent):
        found = find_province(text)
        if found is not None:
            return found
    named = doc.issuer.name or doc.issuer.parent
    local = (
        not named
        or (code is not None and any(part in vocab.local_codes for part in code.split("-")))
        or locality_of(doc.issuer.name, doc.issuer.parent) is not None
    )
    if not local:
        return None
    for text in (doc.place, doc.signer.authority):
        found = find_province(text)
        if found is not None:
            return found
    for text in (doc.issuer.name, doc.issuer.parent, doc.signer.authority):
        found = find_district_province(text)
        if found is not None:
            return found
    return None
