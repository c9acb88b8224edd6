"""Does a text read as Vietnamese? Measures used to choose between decodings and to
catch a PDF page whose text layer is garbage.

Three rates over the words of a text (runs of letters, two or more long):

- ``syllables``: words shaped like one Vietnamese syllable (onset + rhyme);
- ``marked``: words carrying a Vietnamese letter or tone mark (ă â đ ê ô ơ ư,
  the five tones): about half of the words of any Vietnamese prose, a few per
  cent of an OCR layer that lost its diacritics ("Thoc hien Cong van");
- ``foreign``: words holding a letter Vietnamese does not write (f j w z, ü ø
  ß æ ..., letters of other scripts): what a font without a Unicode map
  produces ("Diu 1 Bang", "cüa", "Æ").

A page is garbage when, over enough words, any rate is far from Vietnamese
prose. The thresholds were set on the real PDFs of ``../shared/corpus`` (see
docs/formats.md): every page of their clean text layers scores syllables ≥
0.94, marked ≥ 0.81, foreign 0.00; the broken OCR layers of their scans score
marked ≤ 0.30 (0.01 where the diacritics were dropped), syllables ≤ 0.82.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ..text import is_syllable

__all__ = ["MIN_WORDS", "Quality", "is_garbage", "quality"]

_WORD = re.compile(r"[^\W\d_]{2,}")
_VIETNAMESE_LETTERS = set("abcdeghiklmnopqrstuvxyăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_MARKED = set("ăâđêôơư") | {c for c in _VIETNAMESE_LETTERS if ord(c) > 0x7F}
# letters in Vietnamese text that still are not garbage: f j w z of names, loanwords, e-mail
_LOAN = set("fjwz")

MIN_WORDS = 12  # fewer words say nothing about a page (a stamp, a page number, a signature)
# a layer is garbage past any of these (good layers: foreign 0.00, syllables ≥ 0.94, marked ≥ 0.81)
MAX_FOREIGN = 0.05  # share of words with letters Vietnamese does not have
MIN_SYLLABLES = 0.8  # share of words that are Vietnamese syllables
MIN_MARKED = 0.5  # share of words with a Vietnamese mark (tone or ă â đ ê ô ơ ư); past it no more credit


class Quality(NamedTuple):
    words: int
    syllables: float
    marked: float
    foreign: float

    @property
    def score(self) -> float:
        """One figure to compare two readings of the same page: higher reads better."""
        return self.syllables + min(self.marked, MIN_MARKED) - 2 * self.foreign


def quality(text: str, limit: int = 20000) -> Quality:
    words = _WORD.findall(unicodedata.normalize("NFC", text[: limit * 10]))[:limit]
    if not words:
        return Quality(0, 0.0, 0.0, 0.0)
    syllables = marked = foreign = 0
    for word in words:
        lowered = word.lower()
        letters = set(lowered)
        if letters & _MARKED:
            marked += 1
        if letters - _VIETNAMESE_LETTERS - _LOAN:
            foreign += 1
        elif is_syllable(word):
            syllables += 1
    n = len(words)
    return Quality(n, syllables / n, marked / n, foreign / n)


def is_garbage(q: Quality) -> bool:
    """A text layer that does not read as Vietnamese (or as any Latin-script language)."""
    if q.words < MIN_WORDS:
        return False
    return q.foreign >= MAX_FOREIGN or q.syllables < MIN_SYLLABLES or q.marked < MIN_MARKED
