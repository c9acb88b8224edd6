"""Vietnamese text primitives shared by every stage.

The pipeline matches vocabulary on a *folded* copy of each text: lower case,
every diacritic removed and ``đ`` turned into ``d``. Folding maps each
character to exactly one character, so a match found in the folded copy has
the same offsets in the printed text, and the printed spelling is what the
output keeps. Folding makes matching indifferent to case, to old and new tone
placement ("uỷ" / "ủy"), to composed or decomposed input (the reader gives
NFC) and to the tone errors OCR makes ("ĐÁNG" for "ĐẢNG", "Tình" for "Tỉnh").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping

__all__ = [
    "fold",
    "is_syllable",
    "is_upper",
    "lower",
    "may_have_split_diacritics",
    "nfc",
    "normalize_tones",
    "repair_split_diacritics",
    "split_pieces",
    "squash",
    "starts_lower",
    "starts_upper",
    "tfold",
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Code points a dense translation table covers: Latin, Vietnamese (U+1E00-1EFF)
# and general punctuation (U+2000-206F). Beyond it characters map to themselves.
_DENSE = 0x2070
_IDENTITY = tuple(map(chr, range(_DENSE)))


def _dense(table: Mapping[int, str | None]) -> list[str | None]:
    """A translation table as a list indexed by code point. str.translate looks
    every character up; a dict misses on most of them and each miss costs an
    exception inside CPython, so a full list is ~2.5x faster on Vietnamese text."""
    out: list[str | None] = list(_IDENTITY)
    for code, value in table.items():
        if code < _DENSE:
            out[code] = value
    return out


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x5B):  # A-Z
        table[code] = chr(code + 32)
    ranges = [(0x00C0, 0x024F), (0x1E00, 0x1EFF)]
    for start, end in ranges:
        for code in range(start, end + 1):
            ch = chr(code)
            base = unicodedata.normalize("NFD", ch)[0].lower()
            if "a" <= base <= "z":
                table[code] = base
    table[ord("Đ")] = "d"
    table[ord("đ")] = "d"
    table[ord("Ð")] = "d"  # U+00D0, a look-alike OCR and old fonts produce
    return table


_FOLD = _dense(_build_fold_table())


_CACHED = 400  # texts up to this length are cached: lines and headings, which stages fold again


@functools.lru_cache(maxsize=16384)
def _fold_cached(text: str) -> str:
    return text.translate(_FOLD)


def fold(text: str) -> str:
    """Lower case, no diacritics, same length as ``text`` (offsets carry over)."""
    return _fold_cached(text) if len(text) <= _CACHED else text.translate(_FOLD)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _build_tone_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x5B):
        table[code] = chr(code + 32)
    for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for code in range(start, end + 1):
            ch = chr(code)
            decomposed = unicodedata.normalize("NFD", ch.lower())
            if not ("a" <= decomposed[0] <= "z"):
                continue
            kept = "".join(c for c in decomposed if c not in _TONE_MARKS)
            composed = unicodedata.normalize("NFC", kept)
            if len(composed) == 1:
                table[code] = composed
    table[ord("Đ")] = "đ"
    return table


_TONE_FOLD = _dense(_build_tone_table())


def tfold(text: str) -> str:
    """Lower case without tone marks, keeping ă â ê ô ơ ư đ; same length as ``text``.

    Tone-insensitive like the scorer ("uỷ" = "ủy", OCR's "ĐÁNG" = "ĐẢNG") but
    unlike :func:`fold` it keeps "cơ" apart from "có" and "Đảng" from "đăng".
    """
    return text.translate(_TONE_FOLD)


def lower(text: str) -> str:
    """Lower case with tone placement normalised, same length as ``text``."""
    low = normalize_tones(text).lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# Old ("hoà", "uỷ") to new ("hòa", "ủy") tone placement, for the two-vowel
# rhymes oa, oe, uy where the rhyme is open (no final consonant). The scorer
# and users treat both as equal; the pipeline folds for matching and keeps the
# printed form, and uses this only where a canonical spelling is needed (keys).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(r"([oOuU])(?<![qQ][oOuU])([aAeEyY])([" + _TONES + r"])(?![a-zA-Z\u0300-\u036f])")


# a quick test on composed text: a tone-marked a/e/y right after o/u (where old placement puts it)
_MAYBE_OLD_TONE = re.compile(r"[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?!\w)")  # open rhyme: nothing follows


def normalize_tones(text: str) -> str:
    """Put the tone mark of open oa/oe/uy rhymes on the first vowel ("uỷ" → "ủy", "hoà" → "hòa")."""
    if not _MAYBE_OLD_TONE.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if not any(mark in decomposed for mark in _TONES):
        return text
    fixed = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", fixed)


def _case_tables() -> tuple[dict[int, None], dict[int, None]]:
    lowers: dict[int, None] = {}
    uppers: dict[int, None] = {}
    for code in (
        list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00))
    ):
        ch = chr(code)
        if ch.islower():
            lowers[code] = None
        elif ch.isupper():
            uppers[code] = None
    return lowers, uppers


_DEL_LOWER, _DEL_UPPER = (_dense(t) for t in _case_tables())


def is_upper(text: str, threshold: float = 0.85) -> bool:
    """True when the letters of ``text`` are (nearly) all capitals: a header or heading line."""
    return _is_upper(text, threshold) if len(text) <= _CACHED else _is_upper.__wrapped__(text, threshold)


@functools.lru_cache(maxsize=16384)
def _is_upper(text: str, threshold: float) -> bool:
    if text.isupper():
        return len(text) - len(text.translate(_DEL_UPPER)) >= 2
    lower = len(text) - len(text.translate(_DEL_LOWER))
    if lower == 0:
        return False
    upper = len(text) - len(text.translate(_DEL_UPPER))
    total = upper + lower
    return total >= 2 and upper / total >= threshold


def _first_alpha(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            return ch
        if ch.isdigit():
            return ""
    return ""


def starts_lower(text: str) -> bool:
    """The first letter is lower case (digits and quotes before it don't count)."""
    stripped = text.lstrip(" \t\"'“‘(")
    return bool(stripped) and stripped[0].isalpha() and stripped[0].islower()


def starts_upper(text: str) -> bool:
    ch = _first_alpha(text)
    return bool(ch) and ch.isupper()


def squash(text: str) -> str:
    """Collapse runs of white space into one space and strip the ends."""
    return " ".join(text.split())


# --- Vietnamese syllables -------------------------------------------------
# A syllable is onset + rhyme. Used to repair text where an extractor split a
# syllable around a letter with a diacritic ("Qu ả ng Ngãi", "Đặ ng").
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_RHYME = (
    r"(?:[aeiouy]{1,3})"  # vowel nucleus, folded
    r"(?:ch|ng|nh|[cmnpt])?"
)
_SYLLABLE = re.compile(r"^" + _ONSET + _RHYME + r"$")
# rhymes that never stand without a final consonant
_NEEDS_CODA_MARK = {"ă", "â"}


# longer than any syllable (onset 3 + vowels 3 + final 2 letters, with room for combining marks)
SYLLABLE_MAX = 12


def is_syllable(word: str) -> bool:
    """Is ``word`` (letters only) shaped like one Vietnamese syllable?"""
    # (the length test first: the cache must not keep long strings, 8,192 of them can be 700 MB)
    return len(word) <= SYLLABLE_MAX and _is_syllable(word)


@functools.lru_cache(maxsize=8192)
def _is_syllable(word: str) -> bool:
    if not word.isalpha():
        return False
    lowered = word.lower()
    folded = fold(lowered)
    if not _SYLLABLE.match(folded):
        return False
    base = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in base if ch not in _TONES)
    stripped = unicodedata.normalize("NFC", stripped)
    return not (stripped and stripped[-1] in _NEEDS_CODA_MARK)


_HAS_MARK = re.compile(r"[À-ỹ]")
# A cheap test for what such a split leaves: a lone marked vowel between letters
# ("Qu ả ng", "X ã hội") or a marked vowel before a bare final cluster ("Đặ ng").
_SPLIT_PIECE = re.compile(r"\w [À-ỹ]{1,2}(?: \w|[,;.:)])|[À-ỹ] (?:ng|nh|ch|[ctmnp])(?!\w)")


# broader and cheaper than _SPLIT_PIECE: a space before a lone marked vowel or a bare final cluster
_MAYBE_SPLIT = re.compile(r" (?:[À-ỹ] |(?:ng|nh|ch|[ctmnp])(?!\w))")


def may_have_split_diacritics(text: str) -> bool:
    """A cheap test on a whole text: could :func:`repair_split_diacritics` change any of its lines?"""
    return bool(_MAYBE_SPLIT.search(text))


_LABEL_WORDS = frozenset({"diem", "khoan", "muc", "tiet", "phan", "chuong", "dieu"})


def _may_be_piece(word: str) -> bool:
    core = word.rstrip(",;.:)")
    return len(core) <= 6 and core.isalpha() and not is_syllable(core)


_NO_PIECES: set[str] = set()  # words seen to be no piece: most of every text, tested once a process
_NO_PIECES_MAX = 100_000


def split_pieces(words: set[str]) -> set[str]:
    """The words (as ``line.split(" ")`` gives them) that can be a piece of a split syllable:
    :func:`repair_split_diacritics` joins two words only where one of them is no syllable
    and the joined word, at most 7 letters, is one. A line holding none of them is left as is."""
    pieces = set()
    new = words - _NO_PIECES
    if len(_NO_PIECES) + len(new) > _NO_PIECES_MAX:
        _NO_PIECES.clear()
    for word in new:
        if _may_be_piece(word):
            pieces.add(word)
        else:
            _NO_PIECES.add(word)
    return pieces


def repair_split_diacritics(line: str) -> str:
    """Rejoin syllables split by an extractor: "Qu ả ng Ngãi" → "Quảng Ngãi".

    Two neighbouring letter runs are joined when one of them cannot be a
    syllable on its own, the joined word is one, and the junction touches a
    letter with a diacritic (the place such extractors split).
    """
    if " " not in line or not _SPLIT_PIECE.search(line) or not _HAS_MARK.search(line):
        return line
    words = line.split(" ")
    out: list[str] = []
    for word in words:
        core = word.rstrip(",;.:)")  # "nh," of "t ỉ nh,": the punctuation after the word stays after it
        if out and core and out[-1] and out[-1].isalpha() and core.isalpha():
            prev = out[-1]
            junction = prev[-1] + core[0]
            # a lone lower-case letter is a fragment ("v ụ" of "vụ") unless it is a vowel, which
            # can be a word, or a label after "điểm", "khoản" ... ("điểm c đã"): a consonant alone is no word
            lone_letter = (
                len(prev) == 1
                and prev.islower()
                and (prev in "aeiouy" or (len(out) >= 2 and fold(out[-2]) in _LABEL_WORDS))
            )
            if not lone_letter and _HAS_MARK.search(junction) and (not is_syllable(prev) or not is_syllable(core)):
                joined = prev + core
                if is_syllable(joined) and len(joined) <= 7:
                    out[-1] = joined
                    if len(core) < len(word):
                        out[-1] += word[len(core) :]
                    continue
        out.append(word)
    return " ".join(out)


# --- look-alike letters -----------------------------------------------------
# Cyrillic and Greek letters drawn like Latin ones, which OCR and copy-paste put into
# Vietnamese text ("ВТC", "củа"): read as the Latin letter they look like.
_LOOKALIKES = str.maketrans(
    "АВСЕНІЈКМОРЅТХУаеіјорсѕухԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοτν",
    "ABCEHIJKMOPSTXYaeijopcsyxdqwABEZHIKMNOPTYXotv",
)
_FOREIGN_LETTER = re.compile("[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
# (tried from a word's start only: from every letter of a long word it was quadratic)
_MIXED_WORD = re.compile("(?<!\\w)\\w*[\u0370-\u052f]\\w*")


def fix_lookalikes(text: str) -> tuple[str, int]:
    """Look-alike Cyrillic and Greek letters replaced by the Latin letters they imitate, in words
    that are Latin otherwise or that hold only look-alikes ("ВСТ"); a word of real Cyrillic or
    Greek (a foreign name) is left alone. Returns the text and how many words changed."""
    if not _FOREIGN_LETTER.search(text):
        return text, 0
    changed = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal changed
        word: str = m.group(0)
        fixed = word.translate(_LOOKALIKES)
        if _FOREIGN_LETTER.search(fixed):
            return word  # a letter with no Latin twin: a real foreign word
        changed += 1
        return fixed

    return _MIXED_WORD.sub(repl, text), changed
