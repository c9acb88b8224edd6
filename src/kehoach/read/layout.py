"""Positioned text → lines laid out as ``pdftotext -layout`` prints them.

The PDF reader (one box per glyph) and the OCR reader (one box per word) both
end here, so that the rest of the pipeline sees one kind of text whatever it
came from: lines in reading order top to bottom (never the order the
producer happened to store them in), words joined by one space, a column of
a two-column header or signature block placed at its own column after a gap
of four or more spaces (what :mod:`kehoach.read.lines` splits into ``cells``),
indentation kept, and a blank line where the page leaves vertical space.

A gap is a column gap only when it is wide for its line: wider than an em and
several times the line's ordinary word gap. A justified line stretches
every gap alike, so its gaps never split it into false columns.
"""

from __future__ import annotations

import itertools
import statistics
import unicodedata
from typing import NamedTuple

__all__ = ["Box", "lay_out"]


class Box(NamedTuple):
    """A glyph or a word on a page, in top-down coordinates (points or pixels). A box whose text is
    one space is the producer's space glyph: where it stands, a word ends (a PDF may draw a word's
    letters in any order, those of a fallback font last)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float  # font size (or line height for OCR words), for gap thresholds
    word: bool = False  # a whole word (OCR): always a space before the next one


# gap thresholds, in ems of the line's font size
SPACE_EM = 0.17  # a gap wider than this between two glyphs is a space
COLUMN_EM = 1.0  # a gap wider than this (and than COLUMN_RATIO word gaps) separates columns
COLUMN_RATIO = 3.0
BLANK_LINE = 1.3  # a line pitch this many times the page's ordinary pitch leaves a blank line


def _dedupe(boxes: list[Box]) -> list[Box]:
    """Drop a glyph drawn twice at (nearly) the same place: fake bold, shadow text."""
    seen: dict[tuple[str, int, int], None] = {}
    out = []
    for box in boxes:
        key = (box.text, round(box.x0 / max(box.size * 0.2, 0.5)), round(box.top / max(box.size * 0.3, 0.5)))
        if key in seen:
            continue
        seen[key] = None
        out.append(box)
    return out


def _lines(boxes: list[Box]) -> list[list[Box]]:
    """Group boxes into lines: sorted by vertical centre, a box joins the line above when its
    centre lies within half a line height of the line's centre."""
    ordered = sorted(boxes, key=lambda b: (b.top + b.bottom) / 2)
    lines: list[list[Box]] = []
    centre = height = 0.0
    for box in ordered:
        c = (box.top + box.bottom) / 2
        h = max(box.bottom - box.top, 0.1)
        if lines and abs(c - centre) <= 0.5 * min(h, height):
            line = lines[-1]
            line.append(box)
            centre += (c - centre) / len(line)
            height = max(height, h) if len(line) < 3 else height
        else:
            lines.append([box])
            centre, height = c, h
    for line in lines:
        line.sort(key=lambda b: b.x0)
    return lines


def _words(line: list[Box]) -> list[tuple[float, float, str, float, float]]:
    """(x0, x1, text, size, gap before) of the words of a line."""
    words: list[list] = []
    broken = False  # a space glyph stands between the last box and the next
    for box in line:
        if box.text == " ":
            broken = True
            continue
        if words:
            last = words[-1]
            gap = box.x0 - last[1]
            size = max(min(box.size, last[3]), 1.0)
            if not box.word and not last[5] and not broken and gap <= SPACE_EM * size:
                last[1] = max(last[1], box.x1)
                last[2] += box.text
                continue
            words.append([box.x0, box.x1, box.text, box.size, gap, box.word])
        else:
            words.append([box.x0, box.x1, box.text, box.size, 0.0, box.word])
        broken = False
    return [(w[0], w[1], w[2], w[3], w[4]) for w in words]


def lay_out(boxes: list[Box], *, left: float | None = None, char_width: float | None = None) -> list[str]:
    """The page's text as lines, columns placed at ``(x - left) / char_width``."""
    boxes = [b for b in boxes if b.text.strip() or b.text == " "]
    if not any(b.text != " " for b in boxes):
        return []
    boxes = _dedupe(boxes)
    if char_width is None:
        widths = [b.x1 - b.x0 for b in boxes if not b.word and b.x1 > b.x0 and b.text != " "]
        if widths:
            char_width = statistics.median(widths)
        else:  # words: their width over their letters
            char_width = sum(b.x1 - b.x0 for b in boxes) / max(1, sum(len(b.text) for b in boxes))
        char_width = max(char_width, 0.1)
    if left is None:
        left = min(b.x0 for b in boxes if b.text != " ")
    out: list[str] = []
    lines = _lines(boxes)
    centres = [sum((b.top + b.bottom) / 2 for b in line) / len(line) for line in lines]
    heights = [statistics.median(b.bottom - b.top for b in line) for line in lines]
    pitches = sorted(b - a for a, b in itertools.pairwise(centres) if b > a)
    # the page's ordinary line pitch: a low quantile, so that paragraph spacing does not raise it
    usual = pitches[len(pitches) // 4] if pitches else 0.0
    for k, line in enumerate(lines):
        if k and out:
            pitch = centres[k] - centres[k - 1]
            if pitch > BLANK_LINE * usual and pitch > 1.3 * max(heights[k], heights[k - 1]):
                out.append("")
        words = _words(line)
        # the line's ordinary word gap: the lower median of its gaps (a justified line stretches them
        # all alike, so none is a column gap however wide); a line of two words: a space's width
        gaps = sorted(w[4] for w in words[1:])
        ordinary = gaps[(len(gaps) - 1) // 2] if len(gaps) >= 2 else 0.3 * heights[k]
        text = ""
        for x0, _x1, word, size, gap in words:
            column = max(0, round((x0 - left) / char_width))
            if not text:
                text = " " * column + word
            elif gap > COLUMN_EM * size and gap > COLUMN_RATIO * ordinary:
                text += " " * max(4, column - len(text)) + word
            else:
                text += " " + word
        out.append(_nfc(text))
    return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text) if not text.isascii() else text
