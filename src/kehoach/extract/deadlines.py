"""Deadlines: absolute, recurring and period deadlines in a task's text.

See ``data/deadlines.toml`` for the conventions of the ``date`` value.
Matching is on the exact lower-case text (tones distinguish "năm" from
"nằm"); each pattern is a named constant below.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..models import Deadline
from ..patterns import date_in_figures, date_in_words, roman_value
from ..text import lower
from ..vocab import phrase_pattern, vocabulary
from .dates import iso_date, repair_year

__all__ = ["find_deadline", "find_deadlines"]

_DATE = date_in_figures("d", "m", "y", year_digits="4,5")  # (a five-digit year is a slip repaired later)
_WORDED = date_in_words("wd", "wm", "wy")
_TIME = r"\d{1,2}\s*(?:giờ|h|g)(?:\s*\d{1,2}\s*(?:phút|p|')?)?"  # "17 giờ", "10h00", "8 giờ 30 phút"
_DAY_MONTH = r"(?P<rd>\d{1,2})(?:\s*[/.-]\s*(?P<rm>\d{1,2}))?"
_QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}


@dataclass(frozen=True)
class _Rx:
    window: re.Pattern  # "từ ngày 10/5/2026 đến hết ngày 14/5/2026": due at the window's end
    absolute: re.Pattern  # "trước ngày 30/6/2022", "chậm nhất ngày 30 tháng 7 năm 2024"
    timed: re.Pattern  # "trước 17 giờ ngày 25/10/2025", "chậm nhất 10h00 ngày 5/11/2025"
    recurring: re.Pattern  # "định kỳ trước ngày 15/11 hàng năm", "trước 25 hằng tháng"
    periodic: re.Pattern  # "định kỳ hằng quý", "định kỳ 6 tháng" (no day)
    quarter: re.Pattern  # "hoàn thành trong quý III năm 2024", "trong quý III/2022"
    month: re.Pattern  # "trong tháng 01/2026"
    year: re.Pattern  # "trong năm 2026"
    recurrence: dict[str, str]  # printed phrase → yearly / monthly ...


@functools.cache
def _rx() -> _Rx:
    table = vocabulary().deadlines
    recurrence = {lower(p): kind for kind, phrases in table["recurrence"].items() for p in phrases}
    every = phrase_pattern(list(recurrence), folder=lower)
    before = phrase_pattern(table["before_date"], word_boundary=False, folder=lower)
    within = phrase_pattern(table["within"], word_boundary=False, folder=lower)
    # the same, with "no word before" (tested after the first letter, so that finditer can skip ahead)
    before_word = phrase_pattern(table["before_date"], folder=lower, open_end=True)
    before_time = phrase_pattern(table["before_time"], folder=lower, open_end=True)
    within_word = phrase_pattern(table["within"], folder=lower, open_end=True)
    periodic = phrase_pattern(table["periodic"], word_boundary=False, folder=lower)
    return _Rx(
        window=re.compile(r"từ\s+ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s+(?P<lead>" + before + r")\s+" + _DATE),
        absolute=re.compile(r"(?P<lead>" + before_word + r")\s+(?:" + _DATE + "|" + _WORDED + ")"),
        timed=re.compile(
            r"(?P<lead>" + before_time + r")\s+" + _TIME + r"\s*,?\s*(?:ngày\s+)?(?:" + _DATE + "|" + _WORDED + ")"
        ),
        recurring=re.compile(
            r"(?P<lead>(?:"
            + periodic
            + r"\s+)?(?:"
            + before
            + r"|trước|vào)\s+)"
            + _DAY_MONTH
            + r"\s+(?P<every>"
            + every
            + r")"
        ),
        periodic=re.compile(periodic + r"\s+(?P<every>" + every + r")"),
        quarter=re.compile(
            r"(?P<lead>(?<!\w)" + within + r"\s+)?quý\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:năm\s+|/\s*)(?P<y>\d{4})"
        ),
        month=re.compile(r"(?P<lead>" + within_word + r"\s+)tháng\s+(?P<m>\d{1,2})\s*(?:năm\s+|/\s*)(?P<y>\d{4})"),
        year=re.compile(r"(?P<lead>" + within_word + r"\s+)năm\s+(?P<y>\d{4})(?!\s*[-–]\s*\d)"),
        recurrence=recurrence,
    )


def _absolute(m: re.Match) -> str | None:
    if m.group("d"):
        year, _ = repair_year(m.group("y"))
        return iso_date(int(m.group("d")), int(m.group("m")), year) if year else None
    return iso_date(int(m.group("wd")), int(m.group("wm")), int(m.group("wy")))


_ANY = re.compile(r"\d|định kỳ|hằng|hàng|mỗi")


def find_deadlines(text: str, line: int | None = None) -> list[Deadline]:
    """Every deadline in ``text``, in order of appearance."""
    if not _ANY.search(text):
        return []
    return [d.model_copy() for d in _deadlines(text, line)]


@functools.lru_cache(maxsize=512)
def _deadlines(text: str, line: int | None) -> tuple[Deadline, ...]:
    lc = lower(text)
    hits: list[tuple[int, int, Deadline]] = []

    def add(m: re.Match, date: str | None, recurrence: str | None = None) -> None:
        start, end = m.start(), m.end()
        if any(s <= start < e or start <= s < end for s, e, _ in hits):
            return
        hits.append((start, end, Deadline(text=text[start:end].strip(), date=date, recurrence=recurrence, line=line)))

    rx = _rx()
    for m in rx.window.finditer(lc):
        add(m, _absolute(m))
    for m in rx.recurring.finditer(lc):
        day = int(m.group("rd"))
        month = m.group("rm")
        unit = rx.recurrence[" ".join(m.group("every").split())]
        if unit == "yearly" and month:
            date = f"--{int(month):02d}-{day:02d}" if iso_date(day, int(month), 2024) else None
        elif unit == "monthly" and not month and 1 <= day <= 31:
            date = f"---{day:02d}"
        else:
            date = None
        add(m, date, unit)
    for m in rx.absolute.finditer(lc):
        add(m, _absolute(m))
    for m in rx.timed.finditer(lc):
        add(m, _absolute(m))
    for m in rx.quarter.finditer(lc):
        q = m.group("q")
        quarter = int(q) if q.isdigit() else roman_value(q.upper())
        if m.group("lead") or "hoàn thành" in lc[max(0, m.start() - 30) : m.start()]:
            add(m, f"{m.group('y')}-{_QUARTER_END[quarter]}")
    for m in rx.month.finditer(lc):
        month = int(m.group("m"))
        if 1 <= month <= 12:
            add(m, f"{m.group('y')}-{month:02d}")
    for m in rx.year.finditer(lc):
        add(m, m.group("y"))
    for m in rx.periodic.finditer(lc):
        add(m, None, rx.recurrence[" ".join(m.group("every").split())])
    hits.sort(key=lambda h: h[0])
    return tuple(d for _, _, d in hits)


def find_deadline(text: str, line: int | None = None) -> Deadline | None:
    if not _ANY.search(text):
        return None
    found = _deadlines(text, line)
    return found[0].model_copy() if found else None
