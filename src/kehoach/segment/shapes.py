"""What a line is by its shape: a section marker ("II.", "2.1", "a)", "- "), a sentence end, a person's name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..patterns import (
    LETTERS,
    MARKER,
    OCR_DIGITS,
    WEAK_MARKER,
    roman_value,
)
from ..text import fold, is_syllable
from ..vocab import vocabulary


@dataclass(slots=True)
class Marker:
    type: str  # part chapter article roman upper arabic arabic_paren dotted letter paren dash plus bullet
    label: str  # as printed, without trailing punctuation
    value: tuple[int, ...] | None  # ordinal(s), for sequence checks; None for bullets
    rest: str  # the text after the marker
    weak: bool = False


# --- helpers ----------------------------------------------------------------

BULLETS = ("dash", "plus", "bullet")
RANK = {
    "part": 0.0,
    "chapter": 1.0,
    "upper": 1.5,
    "roman": 2.0,
    "article": 3.0,
    "arabic": 4.0,
    "arabic_dash": 4.0,
    "arabic_paren": 4.6,
    "letter": 5.0,
    "paren": 6.0,
}


def marker_rank(marker: Marker) -> float:
    if marker.type == "dotted":
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
    raw = m.group(kind)
    rest = text[m.end() :]
    if kind == "part":
        words = raw.split()
        tail = words[-1]
        value = (
            (roman_value(tail.upper()),)
            if re.fullmatch(r"[IVXL]+", tail)
            else ((int(tail),) if tail.isdigit() else None)
        )
        return Marker("part", " ".join(words), value, rest)
    if kind == "chapter":
        tail = raw.split()[-1]
        value = (roman_value(tail),) if not tail.isdigit() else (int(tail),)
        return Marker("chapter", " ".join(raw.split()), value, rest)
    if kind == "article":
        digits = re.search(r"\d+", raw)
        return Marker("article", " ".join(raw.split()), (int(digits.group()),) if digits else None, rest)
    if kind == "dotted":
        return Marker("dotted", raw, tuple(int(p) for p in raw.split(".")), rest)
    if kind == "roman":
        if not rest.strip():
            return None
        return Marker("roman", raw, (roman_value(raw),), rest)
    if kind == "upper":
        return Marker("upper", raw, (ord(raw) - ord("A") + 1,), rest)
    if kind in ("arabic", "arabic_paren", "arabic_dash", "arabic_slash"):
        if not rest.strip() and kind != "arabic":
            return None
        return Marker("arabic" if kind in ("arabic_dash", "arabic_slash") else kind, raw, (int(raw),), rest)
    if kind in ("letter", "letter_dot"):
        return Marker("letter", raw, (_ordinal_letter(raw),), rest, weak=kind == "letter_dot")
    if kind == "paren":
        value = (int(raw),) if raw.isdigit() else ((_ordinal_letter(raw),) if len(raw) == 1 else None)
        return Marker("paren", f"({raw})", value, rest)
    if kind == "dash":
        if not rest.strip():
            return None
        return Marker("dash", "-", None, rest)
    if kind == "plus":
        if not rest.strip():
            return None
        return Marker("plus", "+", None, rest)
    return Marker("bullet", raw, None, rest)


def weak_marker(text: str) -> Marker | None:
    m = WEAK_MARKER.match(text)
    if not m:
        return None
    raw = m.group("weak")
    digits = raw if raw.isdigit() else OCR_DIGITS.get(raw)
    if not digits:
        return None
    return Marker("arabic", digits, (int(digits),), text[m.end() :], weak=True)


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
