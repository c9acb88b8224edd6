"""Keys: the comparable form of what documents name, one definition each.

A symbol printed "02–KL/TW" in one document and "02-KL/TW" in another, a law cited as
"Luật Đất đai năm 2024" and "Luật Đất đai" with the date after it, "Ban Tuyên giáo Tỉnh
ủy" and "Ban Tuyên giáo Đảng ủy Khối" (the same function at two levels), the locality
"TỈNH ỦY LÀO CAI" carries: every stage that compares them (citations, diff, compare,
store, provinces, trace, tasks) reads these functions, and the models carry their
results (``Reference.key``, ``Assignment.function``), so that no stage recomputes a key
from another stage's internals.
"""

from __future__ import annotations

import re

from .text import fold

__all__ = ["body_function", "law_key", "locality_of", "province_key", "reference_key", "symbol_key"]

# every dash a symbol is printed with: hyphen, en and em dash, minus sign
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-"})
# "năm 2024" closing a folded law name
_YEAR_AT_END = re.compile(r"\s+nam\s+(\d{4})$")
# a body name's locality, on folded text: "tinh uy lao cai", "thanh pho ha noi", "xa phu hoa"
_LOCALITY = re.compile(
    r"(?:tinh uy|thanh uy|huyen uy|thi uy|tinh|thanh pho|huyen|quan|thi xa|xa|phuong)\s+(?P<name>.+?)\s*$"
)


def symbol_key(symbol: str) -> str:
    """A symbol as a key: no spaces, one dash, upper case ("02–KL/tw" → "02-KL/TW")."""
    return "".join(symbol.split()).translate(_DASHES).upper()


def law_key(name: str, date: str | None) -> tuple[str, str | None]:
    """A document cited by name, as a key: its folded name without "năm YYYY", and its year
    (from the date printed after it, else from the name), or None."""
    folded = " ".join(fold(name).split())
    at_end = _YEAR_AT_END.search(folded)
    year = date[:4] if date else (at_end.group(1) if at_end else None)
    return _YEAR_AT_END.sub("", folded), year


def reference_key(symbol: str | None, title: str | None, date: str | None) -> str | None:
    """A cited document as a key: "sym:<symbol key>", or "title:<law name>[#year]" for one
    cited by name only (the 2015 and the 2025 law of one name are two documents)."""
    if symbol:
        return "sym:" + symbol_key(symbol)
    if title:
        name, year = law_key(title, date)
        return "title:" + name + (f"#{year}" if year else "")
    return None


def body_function(name: str) -> str:
    """What a body does, the same at every level ("Ban Tuyên giáo Tỉnh ủy" → "propaganda")."""
    from .extract.bodies import function_of

    return function_of(name)


def locality_of(*names: str | None) -> str | None:
    """The locality a body name carries ("TỈNH ỦY LÀO CAI" → "Lào Cai", "ĐẢNG BỘ TỈNH TRÀ VINH" → "Trà Vinh")."""
    for name in names:
        if not name:
            continue
        folded = fold(name)
        for m in _LOCALITY.finditer(folded):
            start = m.start("name")
            printed = name[start : start + len(m.group("name"))].strip()
            if printed and len(printed.split()) <= 4:
                return " ".join(w[:1].upper() + w[1:].lower() for w in printed.split())
    return None


def province_key(name: str | None) -> str:
    """A province's name as a key (tones, case and spacing aside)."""
    return " ".join(fold(name or "").split())
