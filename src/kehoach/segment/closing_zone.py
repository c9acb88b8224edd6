"""The closing zone: where Nơi nhận and the signature start, and where each document carried after them starts."""

from __future__ import annotations

import re

from ..patterns import (
    patterns,
)
from ..read import Line
from ..text import fold, is_upper
from .header_zone import NATIONAL_LINE
from .shapes import looks_like_name, read_marker

_CLOSING_INITIALS = frozenset("NnGgKkĐđTtQqLl")


def find_closing(lines: list[Line], start: int) -> tuple[int, list[int]]:
    """Where the closing (Nơi nhận, signature) starts, and where appendices start."""
    pat = patterns()
    closing = None
    seen_body = False
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.text:
            continue
        pieces = [c for _, c in line.cells] if line.cells else [line.text]
        if not line.cells and i + 1 < len(lines) and lines[i + 1].run_cont and len(line.text) <= 12:
            pieces = [f"{line.text} {lines[i + 1].text}"]  # "**KT." / "CHỦ TỊCH**": a mark the converter wrapped
        hit = False
        for piece in pieces:
            if piece[:1] not in _CLOSING_INITIALS:
                continue  # Nơi nhận, Gửi kèm / Kèm theo / Đính kèm, T/M, KT., TL., Q. ...
            folded = fold(piece)
            if (
                _recipients_label(folded)
                or (seen_body and pat.attachments.match(folded))
                or (seen_body and pat.authority.match(piece) and is_upper(piece))
            ):
                hit = True
        if hit:
            closing = i
            break
        seen_body = True
    if closing is None:
        closing = _trailing_signature(lines, start)
    if closing == len(lines):
        # no Nơi nhận and no signature (a copy that lost them): the body ends where a "PHỤ LỤC"
        # heading of its own stands, and the appendices are read from there
        bare = _bare_appendix(lines, start)
        if bare is not None:
            return bare, [bare, *(a for a in _appendix_starts(lines, bare) if a > bare)]
    return closing, _appendix_starts(lines, closing)


_BARE_APPENDIX_CHARS = 30  # "PHỤ LỤC 1", "PHỤ LỤC II": a heading line of its own, not a sentence
_BODY_BEFORE_APPENDIX = 10  # non-blank body lines before such a heading can end the body


def _bare_appendix(lines: list[Line], start: int) -> int | None:
    """The first "PHỤ LỤC" heading in capitals on a line of its own, after some body."""
    pat = patterns()
    seen = 0
    for i in range(start, len(lines)):
        text = lines[i].text
        if not text:
            continue
        seen += 1
        if (
            seen > _BODY_BEFORE_APPENDIX
            and len(text) <= _BARE_APPENDIX_CHARS
            and is_upper(text[:7])
            and pat.appendix.match(fold(text))
        ):
            return i
    return None


def _recipients_label(folded: str) -> bool:
    """Does a line open the Nơi nhận list: the label alone, or with a colon or the first entry
    after it ("Nơi nhận:", "Nơi nhận - Như trên;"), not running text that says "nơi nhận vào ..."."""
    m = patterns().recipients.match(folded)
    if m is None:
        return False
    rest = folded[m.end() :].lstrip(" *_")
    return not rest or folded[m.end() - 1] == ":" or rest[0] in ":-–+•(;,."


_MARKERLESS_SIGNATURE = re.compile(r"^(?:T/M|TM|K/T|KT|T/L|TL|TUQ|Q)[.\s]")
_CARRIED_GAP = 12  # non-blank lines: a type line this close below a carried document's start is its own


def _appendix_starts(lines: list[Line], closing: int) -> list[int]:
    """Where the documents after the closing start, all of them (a flat list, however many
    documents follow one another): a "PHỤ LỤC" heading; a type line in capitals with text under
    it (a plan "ban hành kèm theo" the decision); or another document's header, at its national
    name or Party line (and the issuer lines printed beside or above it)."""
    pat = patterns()
    starts: list[int] = []
    seen = 0  # non-blank lines since the last start
    for i in range(closing + 1, len(lines)):
        line = lines[i]
        text = line.text
        if not text:
            continue
        seen += 1
        folded = fold(text)
        start = None
        if (
            pat.appendix.match(folded)
            and (is_upper(text[:7]) or line.md_heading or line.centered or line.bold or len(text) > 20)
        ) or (
            (not starts or seen > _CARRIED_GAP)
            and is_upper(text)
            and pat.type_line.match(folded)
            and _followed_by_text(lines, i)
        ):
            start = i
        elif any(NATIONAL_LINE.match(fold(c)) for c in ([c for _, c in line.cells] if line.cells else [text])) and (
            not starts or seen > _CARRIED_GAP
        ):
            start = _header_block_start(lines, i, starts[-1] if starts else closing)
        if start is not None and (not starts or start > starts[-1]):
            starts.append(start)
            seen = 0
    return starts


def _header_block_start(lines: list[Line], i: int, floor: int) -> int:
    """The first line of a header whose national name or Party line stands at ``i``: the
    issuer lines in capitals right above it (no blank line between), if any."""
    k = i
    while (
        k - 1 > floor
        and k > i - 3
        and lines[k - 1].text
        and is_upper(lines[k - 1].text)
        and len(lines[k - 1].text) <= 80
    ):
        above = lines[k - 1].text
        if _MARKERLESS_SIGNATURE.match(above) or looks_like_name(above.title()):
            break  # the previous document's signature, not this one's issuer
        k -= 1
    return k


def _followed_by_text(lines: list[Line], i: int) -> bool:
    body = sum(1 for line in lines[i + 1 : i + 40] if line.text and not is_upper(line.text))
    return body >= 3


def _trailing_signature(lines: list[Line], start: int) -> int:
    """No Nơi nhận and no authority line: a name (and caps position) closing the text."""
    idx = [i for i in range(start, len(lines)) if lines[i].text]
    if len(idx) < 2:
        return len(lines)
    last = idx[-1]
    if not looks_like_name(lines[last].text):
        return len(lines)
    k = len(idx) - 2
    first = last
    while (
        k >= 0 and is_upper(lines[idx[k]].text) and len(lines[idx[k]].text) < 60 and not read_marker(lines[idx[k]].text)
    ):
        first = idx[k]
        k -= 1
    return first
