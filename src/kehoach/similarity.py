"""How alike two pieces of Vietnamese text are, and the best one-to-one pairing.

Text is compared on its *words*: NFC, one tone placement ("uỷ" = "ủy"), lower
case, abbreviations expanded (the ones a document defines — "phòng cháy,
chữa cháy (PCCC)" — and common ones from ``data/compare.toml``), split into
words by underthesea's word segmenter ("phòng_cháy chữa_cháy"), function words
dropped. Two measures are combined:

- content: cosine of TF-IDF word vectors, IDF taken over every piece being
  compared, so words every item shares ("phòng cháy" in a fire-safety plan)
  weigh little and the words that set an item apart weigh much;
- heading: rapidfuzz's edit-distance ratios of the two headings (plain and
  with words sorted), which forgive re-ordering, added words and small
  spelling differences.

Pairs are then chosen by an optimal assignment (scipy's linear_sum_assignment
on 1 − score), not greedily, and kept when their score reaches a threshold.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .text import fold, lower, nfc, normalize_tones

__all__ = [
    "DEFAULT_THRESHOLD",
    "Normalizer",
    "Piece",
    "Vectors",
    "assign",
    "dot",
    "heading_scores",
    "heading_similarity",
    "tfidf",
    "word_changes",
]

DEFAULT_THRESHOLD = 0.35

# An abbreviation defined in brackets right after the words it stands for:
# "phòng cháy, chữa cháy và cứu nạn, cứu hộ (PCCC&CNCH)", "thủ tục hành chính (TTHC)".
_DEFINED = re.compile(r"\(\s*([A-ZĐ][A-ZĐ0-9&\-.]{1,15})\s*\)")
# Words that the initials of an abbreviation skip ("phòng cháy và chữa cháy" → PCCC).
_SKIPPED_IN_INITIALS = frozenset({"và", "của", "các", "&"})
_PUNCT_SPLIT = re.compile(r"[^\w\s]+|\n")
_TOKEN = re.compile(r"\w+")
_WORD_BEFORE = re.compile(r"[^\s,;:()]+")  # a word, punctuation aside, of the text before an abbreviation
_DISPLAY_TOKEN = re.compile(r"\S+")


@functools.cache
def _compare_data() -> tuple[frozenset[str], dict[str, str], int]:
    from .vocab import load_data

    data = load_data("compare.toml")
    stop = frozenset(lower(normalize_tones(nfc(w))) for w in data["stop_words"])
    longest = max(len(w.split()) for w in stop)
    return stop, dict(data["abbreviations"]), longest


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a document defines: {"PCCC&CNCH": "phòng cháy, chữa cháy và cứu nạn, cứu hộ"}."""
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        abbr = m.group(1).rstrip(".-")
        letters = "".join(ch for ch in fold(abbr) if ch.isalpha())
        if len(letters) < 2 or abbr in found:
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        words = list(_WORD_BEFORE.finditer(before))
        initials: list[str] = []
        start = None
        for w in reversed(words):
            word = w.group(0)
            if lower(word) in _SKIPPED_IN_INITIALS:
                continue
            initials.append(fold(word[0]))
            start = w.start()
            if len(initials) >= len(letters):
                break
        if start is not None and "".join(reversed(initials)) == letters:
            found[abbr] = " ".join(before[start:].split()).strip(" ,;:")
    return found


@dataclass
class Piece:
    """One comparable unit: a part or a numbered item of a document."""

    key: str  # the section path ("II.1")
    heading: str  # heading words, normalised, space separated
    words: list[str]  # content words (heading and text), normalised


class Normalizer:
    """Turns text into comparable words; ``words=False`` compares syllables
    (no word segmentation), which is what happens when underthesea is absent."""

    def __init__(self, *, words: bool = True) -> None:
        from ._libs import word_segmenter

        self._tag = word_segmenter() if words else None
        self.segmented = self._tag is not None
        self.stop, self.common_abbreviations, self._stop_len = _compare_data()
        self._chunks: dict[str, tuple[str, ...]] = {}

    def expander(self, document_text: str):
        """A function expanding the abbreviations of one document in a text."""
        table = {**self.common_abbreviations, **defined_abbreviations(document_text)}
        if not table:
            return lambda text: text
        pattern = re.compile(
            r"(?<![\w&])(" + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) + r")(?![\w&])"
        )
        return lambda text: pattern.sub(lambda m: table[m.group(1)], text)

    def _chunk_words(self, chunk: str) -> tuple[str, ...]:
        """Words of a run of text between punctuation marks (which always end a
        word). Runs repeat a lot ("phòng cháy, chữa cháy"), so each is segmented once."""
        cached = self._chunks.get(chunk)
        if cached is not None:
            return cached
        tokens = _TOKEN.findall(chunk)
        if not tokens:
            out: tuple[str, ...] = ()
        elif self._tag is None or len(tokens) == 1:  # one token is one word
            out = tuple(lower(t) for t in tokens)
        else:
            words: list[list[str]] = []
            for tag, token in zip(self._tag(tokens), tokens, strict=False):
                if tag == "I-W" and words:
                    words[-1].append(token)
                else:
                    words.append([token])
            out = tuple(lower(" ".join(w)) for w in words)
        out = self._drop_stop(out)
        if len(self._chunks) < 200_000:
            self._chunks[chunk] = out
        return out

    def _drop_stop(self, words: tuple[str, ...]) -> tuple[str, ...]:
        stop = self.stop
        if self.segmented:
            return tuple(w.replace(" ", "_") for w in words if w not in stop)
        kept: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self._stop_len, len(words) - i), 0, -1):
                if " ".join(words[i : i + n]) in stop:
                    i += n
                    break
            else:
                kept.append(words[i])
                i += 1
        return tuple(kept)

    def words(self, text: str) -> list[str]:
        """Content words of ``text``, normalised, function words dropped."""
        text = normalize_tones(nfc(text))
        out: list[str] = []
        for chunk in _PUNCT_SPLIT.split(text):
            chunk = chunk.strip()
            if chunk:
                out.extend(self._chunk_words(chunk))
        return out


def tfidf(bags: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """TF-IDF vectors (sublinear tf, smoothed idf over ``bags``), L2-normalised so
    that the cosine of two is their :func:`dot`."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    n = len(bags)
    idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
    out = []
    for bag in bags:
        row = {w: (1.0 + math.log(c)) * idf[w] for w, c in Counter(bag).items()}
        norm = math.sqrt(sum(v * v for v in row.values())) or 1.0
        out.append({w: v / norm for w, v in row.items()})
    return out


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


@dataclass
class Vectors:
    """TF-IDF vectors of a set of pieces (cosine = dot product)."""

    pieces: Sequence[Piece]
    rows: list[dict[str, float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rows = tfidf([p.words for p in self.pieces])

    def cosine(self, i: int, j: int) -> float:
        return dot(self.rows[i], self.rows[j])


def heading_similarity(a: str, b: str) -> float:
    """0–1 likeness of two normalised headings: the mean of rapidfuzz's ratio
    (edit distance) and token-sort ratio (the same, words sorted, so that
    re-ordered words still count). Not the token-set ratio: it scores 1 when
    one heading's words are a subset of the other's ("công tác tuyên truyền"
    inside any propaganda heading), measured to separate true pairs less well
    (bench/diff_quality.py)."""
    from rapidfuzz import fuzz

    return (fuzz.ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 200.0


def heading_scores(a: Sequence[str], b: Sequence[str]) -> list[list[float | None]]:
    """:func:`heading_similarity` of every pair of headings; None where one is empty."""
    return [[heading_similarity(x, y) if x and y else None for y in b] for x in a]


def assign(scores: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int, float]]:
    """The one-to-one pairing with the highest total score (optimal, not greedy);
    pairs below ``threshold`` are dropped. Returns (row, column, score).

    When every row's best column (at or above the threshold) is a different
    column, giving each row its best is already optimal, and scipy is not
    needed; otherwise scipy's linear_sum_assignment decides."""
    if not scores or not scores[0]:
        return []
    best: dict[int, int] = {}
    for i, row in enumerate(scores):
        j = max(range(len(row)), key=row.__getitem__)
        if row[j] >= threshold:
            best[i] = j
    if len(set(best.values())) == len(best):
        return [(i, j, float(scores[i][j])) for i, j in best.items()]
    import numpy as np

    from ._libs import linear_sum_assignment

    matrix = np.asarray(scores, dtype=float)
    # pairs under the threshold cost as much as leaving both unmatched
    cost = np.where(matrix >= threshold, 1.0 - matrix, 1.0 + 1e-9)
    rows, cols = linear_sum_assignment(cost)
    return [(int(r), int(c), float(matrix[r, c])) for r, c in zip(rows, cols, strict=True) if matrix[r, c] >= threshold]


def word_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level changes from ``a`` to ``b``: ("=", same), ("-", only in a),
    ("+", only in b); words are compared NFC, tone-normalised and case-blind."""
    ta = _DISPLAY_TOKEN.findall(a)
    tb = _DISPLAY_TOKEN.findall(b)
    ka = [lower(normalize_tones(nfc(t))).strip(".,;:") for t in ta]
    kb = [lower(normalize_tones(nfc(t))).strip(".,;:") for t in tb]
    out: list[tuple[str, str]] = []

    def push(op: str, words: Iterable[str]) -> None:
        text = " ".join(words)
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + " " + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            push("=", tb[j1:j2])
        else:
            push("-", ta[i1:i2])
            push("+", tb[j1:j2])
    return out
