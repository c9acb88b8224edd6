"""Lines → paragraphs: hard wraps and page-broken paragraphs joined back, each paragraph's marker found."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..patterns import (
    END_MARK,
    WRAP_HYPHEN,
    patterns,
)
from ..read import Line
from ..text import fold, is_syllable, is_upper, starts_lower, starts_upper
from .shapes import (
    BULLETS,
    RANK,
    Kind,
    Marker,
    ends_sentence,
    marker_rank,
    read_marker,
    weak_marker,
)

_NUMBER_HYPHEN_END = re.compile(r"\d-$")  # a line ending in a symbol's number and hyphen: "02-"
_CAPITAL = re.compile(r"[A-ZĐ]")  # a capital letter
_ENDS_WITH_REQUEST = re.compile(
    r"(?:thuc hien|trien khai)\W*$"
)  # a closing paragraph that ends by asking to carry it out (folded)

_TAIL = 400  # characters of a paragraph's end kept while it is built: what joining the next line looks at


@dataclass(slots=True)
class Para:
    lines: list[Line]
    text: str
    marker: Marker | None = None
    starts: list[int] = field(default_factory=lambda: [0])  # offset in ``text`` where each line begins
    # while :func:`paragraphs` builds it: the text in pieces (joined once at the end, so a
    # paragraph of n lines costs n, not n²), its end and its length so far
    parts: list[str] | None = None
    tail: str = ""
    size: int = 0

    def end(self) -> str:
        """The end of the text (all of it once built)."""
        return self.tail if self.parts is not None else self.text

    def add(self, text: str) -> None:
        """Join the next line of a paragraph being built."""
        sep = _join_sep(self.tail, text)
        self.starts.append(self.size + len(sep))
        piece = sep + text
        assert self.parts is not None  # (only while paragraphs() builds it)
        self.parts.append(piece)
        self.size += len(piece)
        self.tail = (self.tail + piece)[-_TAIL:]

    def built(self) -> None:
        """Join the pieces: the text, and the marker's rest that ends the same."""
        if self.parts is None:
            return
        extra = "".join(self.parts[1:])
        self.text = self.parts[0] + extra
        if self.marker is not None and extra:
            self.marker.rest += extra
        self.parts = None

    def line_at(self, offset: int) -> int:
        """The input line number of a character offset in ``text``."""
        # the last line that starts at or before ``offset`` (a bisect: a paragraph may have many lines)
        k = bisect.bisect_right(self.starts, offset, 0, min(len(self.starts), len(self.lines))) - 1
        return self.lines[max(k, 0)].no

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def last(self) -> int:
        return self.lines[-1].no

    @property
    def content(self) -> str:
        """The text after the marker."""
        return self.marker.rest if self.marker else self.text


# --- paragraphs -------------------------------------------------------------


def _body_geometry(lines: list[Line]) -> tuple[int, int]:
    """(base indent, full width) of the body's lines."""
    indents: dict[int, int] = {}
    ends = []
    for line in lines:
        if line.text and not line.cells:
            indents[line.indent] = indents.get(line.indent, 0) + 1
            ends.append(line.end)
    if not ends:
        return 0, 0
    ends.sort()
    base = max(indents.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    return base, ends[int(len(ends) * 0.9)]


def _accept(marker: Marker, prev: Para | None, gap: bool, state: _TreeState) -> bool:
    """Is a line's apparent marker really one, given the paragraph before it?"""
    prev_done = prev is None or ends_sentence(prev.end()) or _heading_like(prev) or gap
    if marker.type in BULLETS:
        # "- xã hội tỉnh ..." after an unfinished line is a wrapped "chính trị - xã hội"
        return starts_upper(marker.rest) or not marker.rest[:1].isalpha() or prev is None or ends_sentence(prev.end())
    fits = state.fits(marker)
    if marker.weak:
        return fits and prev_done
    return prev_done or fits


def _heading_like(para: Para) -> bool:
    if para.parts is not None:  # being built: a long paragraph is no heading, a short one is joined cheaply
        if para.size > 200:
            return False
        extra = "".join(para.parts[1:])
        text = para.marker.rest + extra if para.marker else para.parts[0] + extra
    else:
        text = para.content
    return len(text) <= 160 and (
        is_upper(text) or (not ends_sentence(text) and para.marker is not None and para.marker.type not in BULLETS)
    )


class _TreeState:
    """Expected next numbers at each open level (for accepting doubtful markers)."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, ...]] = {}
        self.open: list[str] = []

    def fits(self, marker: Marker) -> bool:
        if marker.value is None:
            return False
        if marker.type in self.open and marker.type in self.last:
            prev = self.last[marker.type]
            if marker.type == "dotted":
                return (
                    len(prev) == len(marker.value)
                    and marker.value[:-1] == prev[:-1]
                    and marker.value[-1] == prev[-1] + 1
                )
            return marker.value[0] == prev[0] + 1 or (marker.type == "letter" and marker.value[0] == prev[0] + 2)
        if marker.type == "dotted":
            return marker.value[-1] == 1
        return marker.value[0] == 1

    def push(self, marker: Marker, stack_types: list[str]) -> None:
        self.open = stack_types
        if marker.value is not None:
            self.last[marker.type] = marker.value


def paragraphs(lines: list[Line]) -> list[Para]:
    """Join hard-wrapped lines and page-broken paragraphs; find each paragraph's marker."""
    base, width = _body_geometry(lines)
    full = width * 0.78 if width else 0
    out: list[Para] = []
    cur: Para | None = None
    gap = False
    state = _TreeState()
    stack_types: list[str] = []
    for line in lines:
        if not line.text:
            if cur is not None:
                gap = True
            continue
        text = line.text
        marker = None
        if line.label:
            marker = read_marker(line.label + " " + text) or Marker(Kind.BULLET, line.label, None, text)
        else:
            candidate = read_marker(text) or weak_marker(text)
            if candidate and _accept(candidate, cur, gap, state):
                marker = candidate
        if cur is not None and marker is None and _joins(cur, line, gap, base, full):
            cur.lines.append(line)
            cur.add(text)
            gap = False
            continue
        cur = Para([line], text, marker, parts=[text], tail=text[-_TAIL:], size=len(text))
        if marker is not None:
            stack_types = _stack_after(stack_types, marker)
            state.push(marker, stack_types)
        out.append(cur)
        gap = False
    for para in out:
        para.built()
    return out


def _stack_after(stack: list[str], marker: Marker) -> list[str]:
    """The open marker types after ``marker`` (a cheap mirror of build_tree's stack)."""
    types = list(stack)
    if marker.type in BULLETS:
        if marker.type in types:
            return types[: types.index(marker.type) + 1]
        return [*types, marker.type]
    rank = marker_rank(marker)
    while types and (types[-1] in BULLETS or RANK.get(Kind(types[-1]), 4.5 if types[-1] == "dotted" else 9.0) >= rank):
        types.pop()
    return [*types, marker.type]


def _join_sep(a: str, b: str) -> str:
    """What goes between a paragraph that ends with ``a`` and its next line ``b``."""
    if a.endswith("-") and WRAP_HYPHEN.search(a, len(a) - 2) and not a.endswith(" -"):
        # "Kết luận số 02-" + "KL/TW": a symbol wrapped at its hyphen
        if _NUMBER_HYPHEN_END.search(a) or _CAPITAL.match(b):
            return ""
    return " "


def _full(line: Line, full: float) -> bool:
    return bool(full) and line.end >= full


def _joins(cur: Para, line: Line, gap: bool, base: int, full: float) -> bool:
    prev_line = cur.lines[-1]
    prev = cur.end()
    text = line.text
    if line.rule_before:
        return False
    if line.run_cont and not gap:
        return True  # the bold or italic run of the line above goes on: one printed line, wrapped
    if line.para_start and not starts_lower(text):
        return False  # a new Word paragraph: only a lower-case start continues the last one
    terminal = ends_sentence(prev)
    if starts_lower(text) or text[:1] in ",;)":
        return not (terminal and prev.rstrip().endswith((".", ":")) and (gap or not _full(prev_line, full)))
    if prev.endswith("-") and WRAP_HYPHEN.search(prev, len(prev) - 2) and not gap:
        return True
    first_digit = text[:1].isdigit()
    if not gap and len(cur.lines) == 1 and is_upper(cur.content) and starts_upper(text) and not is_upper(text):
        return False  # a heading in capitals and the sentence-case text under it: two elements
    if gap:
        # a page break (or a blank line) in the middle of a sentence
        return bool(
            not terminal
            and _full(prev_line, full)
            and (line.page_break or first_digit or not starts_upper(text) or _acronym_start(text))
        )
    if terminal:
        # a sentence ended at the end of a full line and the next sentence
        # continues the same paragraph, unless the next line is indented as a
        # paragraph's first line
        if prev.rstrip().endswith(":"):
            return False
        return (
            _full(prev_line, full) and line.indent <= base + 2 and not _heading_like(Para([prev_line], prev_line.text))
        )
    if _full(prev_line, full) or prev.rstrip().endswith(","):
        return True  # (a line that ends with a comma stops in the middle of its sentence)
    return first_digit and not _heading_like(cur)


def _acronym_start(text: str) -> bool:
    word = text.split()[0] if text.split() else ""
    return len(word) >= 2 and word.isupper() and not is_syllable(word)


def split_closing_paras(paras: list[Para]) -> tuple[list[Para], list[Para]]:
    """Trailing unnumbered paragraphs that close the document ("Trên đây là ...")."""
    if not any(p.marker for p in paras):
        return paras, []
    pat = patterns()
    closing: list[Para] = []
    while paras and paras[-1].marker is None:
        para = paras[-1]
        folded = fold(para.text)
        if len(paras) >= 2 and paras[-2].marker is not None and _heading_like(paras[-2]):
            break  # the only text of a headed part ("II. KIẾN NGHỊ" / "Đề nghị Bộ ..."), not a closing
        opener = pat.closing_paragraph.match(folded)
        ends_request = _ENDS_WITH_REQUEST.search(folded) is not None
        if (
            folded.startswith("tren day")
            or END_MARK.search(para.text)
            or (opener and ends_request and len(para.text) <= 300)
        ):
            closing.insert(0, paras.pop())
            continue
        break
    return paras, closing
