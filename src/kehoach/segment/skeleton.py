"""What the segmenter hands over: the zones of a document (:class:`Skeleton`) and pieces of header
lines (:class:`Fragment`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..read import Line
from ..warning import Warning
from .paragraphs import Para
from .tree import Node


@dataclass
class Fragment:
    """A piece of a line (a whole line, or one column of it)."""

    line: Line
    text: str
    column: int = 0  # 0 left / only, 1 right


@dataclass
class Skeleton:
    header: list[Fragment]
    type_line: Fragment | None = None
    type_name: str | None = None
    type_suffix: Fragment | None = None
    title: list[Fragment] = field(default_factory=list)
    abstract: bool = False  # the title came from a "V/v" line (công văn)
    authority: list[Line] = field(default_factory=list)
    addressees: list[Line] = field(default_factory=list)
    preamble: list[Para] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    closing_paras: list[Para] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    appendices: list[list[Line]] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)


# --- zones ------------------------------------------------------------------


def next_content(lines: list[Line], i: int) -> tuple[int, bool]:
    """Index of the next non-blank line from i, and whether blank lines were skipped."""
    gap = False
    while i < len(lines) and not lines[i].text:
        gap = True
        i += 1
    return i, gap
