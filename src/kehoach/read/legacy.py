"""Legacy Vietnamese font encodings: TCVN3 (ABC, ``.VnTime``), VNI, VISCII.

Documents typed in those fonts reach us as text whose "letters" are the
font's code points read as Latin-1 ("KÕ ho¹ch" for "Kế hoạch"). The
conversion tables come from viparse (MIT), which validated them against real
government documents; viparse's own auto-detection misses short fragments, so
the decision here is made once, on the whole document: each table is tried
and kept only when the converted text reads as Vietnamese syllables markedly
better than the text as it came.

TCVN3 has no capital letters with diacritics (a heading is typed in capitals
with a ``.VnTimeH`` font that draws the lower-case code points as capitals),
so after conversion a line or word whose plain letters are all capitals is
put in capitals.
"""

from __future__ import annotations

import functools
import re

from ..text import is_syllable

__all__ = ["CODECS", "detect", "looks_legacy", "needs_repair", "repair", "syllable_rate", "to_unicode"]

CODECS = ("tcvn3", "vni", "viscii")

_WORD = re.compile(r"[^\W\d_]+")
# code points the legacy fonts put where Vietnamese letters should be
_LEGACY_SURFACE = re.compile(
    r"[\u00a1-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a]"
)
_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9ăâêôơưđĂÂÊÔƠƯĐ]")
# surface characters that Unicode Vietnamese text does not use (its accented Latin-1 letters
# and common punctuation left out): text without any is not legacy, and most text has none
_LEGACY_ONLY = re.compile(
    "["
    + "".join(
        re.escape(chr(c))
        for c in range(0x2040)
        if _LEGACY_SURFACE.match(chr(c)) and chr(c) not in "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý–—‘’“”…•"
    )
    + "]"
)


@functools.cache
def _charmaps():
    from viparse.normalize.encodings import (
        CHARMAPS,  # lazy: ~60 ms, only for suspect input
    )

    return {name: CHARMAPS[name] for name in CODECS if name in CHARMAPS}


def _syllable_rate(text: str, limit: int = 4000) -> float:
    words = _WORD.findall(text[: limit * 8])[:limit]
    words = [w for w in words if len(w) > 1]
    if not words:
        return 0.0
    return sum(1 for w in words if is_syllable(w)) / len(words)


def syllable_rate(text: str) -> float:
    """Share of the (first 4,000) words of ``text`` that are Vietnamese syllables."""
    return _syllable_rate(text)


def looks_legacy(text: str) -> bool:
    """Could ``text`` be a legacy font's code points (enough of them, more than real Vietnamese letters)?"""
    if not _LEGACY_ONLY.search(text, 0, 50000):
        return False
    surface = len(_LEGACY_SURFACE.findall(text[:50000]))
    if surface < 3:
        return False
    return len(_VIETNAMESE.findall(text[:50000])) <= surface


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` is written in, or None for real Unicode."""
    if not looks_legacy(text):
        return None
    base = _syllable_rate(text)
    best, best_rate = None, base
    for name in _charmaps():
        rate = _syllable_rate(to_unicode(text[:40000], name))
        if rate > best_rate:
            best, best_rate = name, rate
    if best is None or best_rate < 0.6 or best_rate - base < 0.1:
        return None
    return best


def _restore_capitals(line: str) -> str:
    ascii_letters = [c for c in line if "A" <= c <= "Z" or "a" <= c <= "z"]
    if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
        return line.upper()

    def word_case(m: re.Match) -> str:
        word = m.group(0)
        plain = [c for c in word if "A" <= c <= "Z" or "a" <= c <= "z"]
        if len(plain) >= 2 and all(c.isupper() for c in plain):
            return word.upper()
        return word

    return _WORD.sub(word_case, line)


# Bytes 0x80-0x9F read as Latin-1 are C1 controls; in a TCVN3 or VNI file typed on Windows
# they are Windows-1252 punctuation (curly quotes, dashes, the ellipsis).
_C1_AS_CP1252 = {code: bytes([code]).decode("cp1252", errors="ignore") or None for code in range(0x80, 0xA0)}


def to_unicode(text: str, codec: str) -> str:
    """Convert legacy-font text to Unicode (NFC)."""
    from viparse.normalize.tables import convert

    maps = _charmaps()
    if codec not in maps:
        raise ValueError(f"unknown legacy encoding {codec!r}")
    if codec != "viscii":
        text = text.translate(_C1_AS_CP1252)
    converted = convert(text, maps[codec])
    if codec == "tcvn3":
        converted = "\n".join(_restore_capitals(line) for line in converted.split("\n"))
    return converted


# --- broken-font repairs ------------------------------------------------------
# Word 2010 and some PDF printers embed a Times New Roman subset whose Unicode map
# gives the letter ư as U+01A3 'ƣ' (Latin "oi", which Vietnamese never writes) and
# the Ò of "HÒA" as Õ. Text copied out of such a PDF keeps them, whatever it is
# read from next (a .txt, a web page, a Word file), so the repair runs on all input.
_BROKEN = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})
_BROKEN_WORDS = re.compile(r"\bC([ỘộOo])NG H([Õõ])A\b")


def needs_repair(text: str) -> bool:
    return "ƣ" in text or "Ƣ" in text or "HÕA" in text or "hõa" in text


def repair(text: str) -> str:
    """The broken-font letters read as what was typed: 'ƣ' → 'ư', 'CỘNG HÕA' → 'CỘNG HÒA'."""
    if not needs_repair(text):
        return text
    text = text.translate(_BROKEN)
    return _BROKEN_WORDS.sub(lambda m: f"C{m.group(1)}NG H{'Ò' if m.group(2) == 'Õ' else 'ò'}A", text)
