"""Lines from a structured source (Word, HTML): paragraphs and table rows in, :class:`Line` out.

Readers of formats that know their paragraphs and tables hand them here, so
that every such format gives the segmenter the same lines: text cleaned
(NFC, invisible characters removed, spaces collapsed), rules (``-----``)
turned into a flag on the next line, a page break carried to the next line,
and a table row laid out as columns the way a two-column header or signature
block prints.
"""

from __future__ import annotations

import re

from ..text import nfc
from .legacy import repair
from .lines import Line, normalize_characters

__all__ = ["LineBuilder", "clean_text", "is_rule"]

_RULE = re.compile(r"^\s*[-_=─—–~.*]{3,}\s*$|^\s*\*\s*$")
_SPACES = re.compile(r"[ \t\n\r\f]+")  # what normalize_characters leaves of white space


def clean_text(text: str) -> str:
    """NFC, no control or invisible characters (:func:`~kehoach.read.lines.normalize_characters`),
    one space for any run of blanks and line breaks; broken-font letters ('ƣ' for ư) repaired."""
    text = repair(nfc(normalize_characters(text)))
    return _SPACES.sub(" ", text).strip()


def is_rule(text: str) -> bool:
    return bool(_RULE.match(text))


class LineBuilder:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.pending_break = False
        self.pending_rule = False

    def blank(self) -> None:
        self.lines.append(Line(len(self.lines) + 1, ""))

    def add(
        self, text: str, *, cells=None, bold=False, centered=False, label=None, indent=0, table=False, para_start=True
    ) -> None:
        text = clean_text(text)
        if not text and not cells:
            self.blank()
            return
        if not cells and _RULE.match(text):
            self.pending_rule = True
            self.blank()
            return
        end = indent + len(text)
        if cells:
            end = max(start + len(cell) for start, cell in cells)
        self.lines.append(
            Line(
                len(self.lines) + 1,
                text,
                indent=indent,
                end=end,
                cells=cells,
                bold=bold,
                centered=centered,
                table=table,
                label=label,
                para_start=para_start,
                page_break=self.pending_break,
                rule_before=self.pending_rule,
            )
        )
        self.pending_break = self.pending_rule = False

    def table(self, rows: list[list[list[str]]]) -> None:
        """A table: per row, per grid column, the cell's lines ([] for an empty or merged-over
        column). A row's cells become columns side by side (the n-th lines of each cell on one
        line, each at its column's position); a one-cell row is plain lines."""
        for row in rows:
            filled = [(index * 40, lines) for index, lines in enumerate(row) if lines]
            if not filled:
                continue
            depth = max(len(lines) for _, lines in filled)
            for i in range(depth):
                cells = tuple((x, lines[i]) for x, lines in filled if i < len(lines))
                if len(filled) == 1:
                    self.add(cells[0][1], indent=0, table=True)
                else:
                    self.add(" ".join(text for _, text in cells), cells=cells, indent=cells[0][0], table=True)
            self.blank()
