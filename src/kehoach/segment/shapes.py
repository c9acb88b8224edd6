"""What a line is by its shape: a section marker ("II.", "2.1", "a)", "- "), a sentence end, a person's name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ..patterns import (
    LETTERS,
    MARKER,
    OCR_DIGITS,
    WEAK_MARKER,
    roman_value,
)
from ..text import fold, is_syllable
from ..vocab import vocabulary

_ROMAN_WORD = re.compile(r"[IVXL]+")  # a Roman numeral word
_DIGITS = re.compile(r"\d+")  # the number of an article


class Kind(StrEnum):
    """What a section marker is. A StrEnum: a kind compares equal to its name ("roman")."""

    PART = "part"  # "PHẦN I", "Phần thứ nhất"
    CHAPTER = "chapter"  # "Chương II"
    UPPER = "upper"  # "A.", "B-"
    ROMAN = "roman"  # "I.", "II-", "III/"
    ARTICLE = "article"  # "Điều 1"
    ARABIC = "arabic"  # "1.", "2 -", "3/"
    ARABIC_PAREN = "arabic_paren"  # "1)"
    DOTTED = "dotted"  # "1.1.", "2.3.1"
    LETTER = "letter"  # "a)", "b.", "đ/"
    PAREN = "paren"  # "(1)", "(a)"
    DASH = "dash"  # "- ", "– "
    PLUS = "plus"  # "+ "
    BULLET = "bullet"  # "•", a Word list's own symbol


# bullets: items without a number, nested by the kind of their mark
BULLETS = frozenset({Kind.DASH, Kind.PLUS, Kind.BULLET})
# the parts a document is divided into above its numbered items
PARTS = frozenset({Kind.PART, Kind.CHAPTER, Kind.ROMAN, Kind.UPPER})
# a document whose top level has one of these is "structured" (its parts carry headings and kinds)
STRUCTURED = PARTS | {Kind.ARTICLE}


@dataclass(slots=True)
class Marker:
    type: Kind
    label: str  # as printed, without trailing punctuation
    value: tuple[int, ...] | None  # ordinal(s), for sequence checks; None for bullets
    rest: str  # the text after the marker
    weak: bool = False


# --- helpers ----------------------------------------------------------------

# nesting order, outermost first (a dotted label ranks by its depth: marker_rank)
RANK = {
    Kind.PART: 0.0,
    Kind.CHAPTER: 1.0,
    Kind.UPPER: 1.5,
    Kind.ROMAN: 2.0,
    Kind.ARTICLE: 3.0,
    Kind.ARABIC: 4.0,
    Kind.ARABIC_PAREN: 4.6,
    Kind.LETTER: 5.0,
    Kind.PAREN: 6.0,
}


def marker_rank(marker: Marker) -> float:
    if marker.type == Kind.DOTTED:
        return 4.0 + 0.1 * len(marker.value or (1,))
    return RANK.get(marker.type, 9.0)


TERMINAL_MARKS = tuple(".;:!?…")


def ends_sentence(text: str) -> bool:
    """Does the text end a sentence, closing quotes and brackets aside?
    Read from the end: a regex search would scan the whole paragraph."""
    return text.rstrip().rstrip('"”’)').rstrip().endswith(TERMINAL_MARKS)


def _ordinal_letter(letter: str) -> int:
    index = LETTERS.find(letter)
    return index + 1 if index >= 0 else ord(letter) - ord("a") + 1


def read_marker(text: str) -> Marker | None:
    """The section marker a paragraph opens with, if any."""
    m = MARKER.match(text)
    if not m:
        return None
    kind = m.lastgroup
    assert kind is not None  # (every alternative of MARKER is a named group)
    raw = m.group(kind)
    rest = text[m.end() :]
    if kind == "part":
        words = raw.split()
        tail = words[-1]
        value = (
            (roman_value(tail.upper()),) if _ROMAN_WORD.fullmatch(tail) else ((int(tail),) if tail.isdigit() else None)
        )
        return Marker(Kind.PART, " ".join(words), value, rest)
    if kind == "chapter":
        tail = raw.split()[-1]
        value = (roman_value(tail),) if not tail.isdigit() else (int(tail),)
        return Marker(Kind.CHAPTER, " ".join(raw.split()), value, rest)
    if kind == "article":
        digits = _DIGITS.search(raw)
        return Marker(Kind.ARTICLE, " ".join(raw.split()), (int(digits.group()),) if digits else None, rest)
    if kind == "dotted":
        return Marker(Kind.DOTTED, raw, tuple(int(p) for p in raw.split(".")), rest)
    if kind == "roman":
        if not rest.strip():
            return None
        return Marker(Kind.ROMAN, raw, (roman_value(raw),), rest)
    if kind == "upper":
        return Marker(Kind.UPPER, raw, (ord(raw) - ord("A") + 1,), rest)
    if kind in ("arabic", "arabic_paren", "arabic_dash", "arabic_slash"):
        if not rest.strip() and kind != "arabic":
            return None
        return Marker(Kind.ARABIC if kind in ("arabic_dash", "arabic_slash") else Kind(kind), raw, (int(raw),), rest)
    if kind in ("letter", "letter_dot"):
        return Marker(Kind.LETTER, raw, (_ordinal_letter(raw),), rest, weak=kind == "letter_dot")
    if kind == "paren":
        value = (int(raw),) if raw.isdigit() else ((_ordinal_letter(raw),) if len(raw) == 1 else None)
        return Marker(Kind.PAREN, f"({raw})", value, rest)
    if kind == "dash":
        if not rest.strip():
            return None
        return Marker(Kind.DASH, "-", None, rest)
    if kind == "plus":
        if not rest.strip():
            return None
        return Marker(Kind.PLUS, "+", None, rest)
    return Marker(Kind.BULLET, raw, None, rest)


def weak_marker(text: str) -> Marker | None:
    m = WEAK_MARKER.match(text)
    if not m:
        return None
    raw = m.group("weak")
    digits = raw if raw.isdigit() else OCR_DIGITS.get(raw)
    if not digits:
        return None
    return Marker(Kind.ARABIC, digits, (int(digits),), text[m.end() :], weak=True)


_PERSON_WORD = re.compile(r"^[A-ZĐÀ-Ỹ](?:'[A-ZĐÀ-Ỹ])?[a-zđà-ỹ]*$")


def looks_like_name(text: str, *, require_surname: bool = True) -> bool:
    """A person's name: two to six title-case words ("Trần Thị Kim Phụng", "Y Khim Niê").

    With ``require_surname`` (a name standing alone, with no signature block
    around it) every word must be a Vietnamese syllable and the first a known
    family name; inside a signature block minority names ("Ksor Phước",
    "H'Hen Niê") pass when half their words are syllables.
    """
    words = text.split()
    if not 2 <= len(words) <= 6 or not all(_PERSON_WORD.match(w) for w in words):
        return False
    syllables = sum(1 for w in words if is_syllable(w.replace("'", "")))
    if require_surname:
        return syllables == len(words) and fold(words[0]) in vocabulary().surnames
    return syllables * 2 >= len(words) and any(len(w) > 1 for w in words)
