"""Dates as Vietnamese documents print them, to ISO 8601."""

from __future__ import annotations

import datetime as dt
import re

from ..patterns import NUMERIC_DATE, WORDED_DATE
from ..text import fold

__all__ = ["DateHit", "find_date", "iso_date", "repair_year"]


def iso_date(day: int, month: int, year: int) -> str | None:
    """``YYYY-MM-DD`` for a real calendar date, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def repair_year(raw: str, hint: int | None = None) -> tuple[int | None, bool]:
    """A year from its printed digits; a five-digit slip ("20210") is repaired
    to the candidate that equals ``hint`` (a year the context gives), else refused.
    Returns (year, repaired)."""
    if len(raw) == 4:
        return int(raw), False
    if len(raw) == 5:
        candidates = {int(raw[:i] + raw[i + 1 :]) for i in range(5)}
        candidates = {c for c in candidates if 1945 <= c <= 2100}
        if hint is not None and hint in candidates:
            return hint, True
        if len(candidates) == 1:
            return candidates.pop(), True
    return None, False


class DateHit:
    __slots__ = ("end", "iso", "repaired", "start", "text")

    def __init__(self, start: int, end: int, iso: str | None, text: str, repaired: bool = False):
        self.start, self.end, self.iso, self.text, self.repaired = start, end, iso, text, repaired


def find_date(text: str, start: int = 0, *, limit: int | None = None, year_hint: int | None = None) -> DateHit | None:
    """The first date at or after ``start`` (within ``limit`` characters), in either printed form."""
    window = text[start : start + limit] if limit else text[start:]
    best: DateHit | None = None
    m = NUMERIC_DATE.search(window)
    if m:
        year, repaired = repair_year(m.group("y"), year_hint)
        iso = iso_date(int(m.group("d")), int(m.group("m")), year) if year else None
        best = DateHit(start + m.start(), start + m.end(), iso, m.group(0), repaired)
    w = WORDED_DATE.search(fold(window))
    if w and (best is None or w.start() < best.start - start):
        iso = iso_date(int(w.group("d")), int(w.group("m")), int(w.group("y")))
        best = DateHit(start + w.start(), start + w.end(), iso, window[w.start() : w.end()])
    return best


DAY_MONTH = re.compile(r"(?P<d>\d(?<!\d\d)\d?)\s*/\s*(?P<m>\d{1,2})(?![\d/])")
