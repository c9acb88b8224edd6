"""Tasks set out in a table: "TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời
gian hoàn thành" (the Phụ lục of many plans).

A table reaches here in one of the forms the readers give: lines holding cells (Word,
PDF columns), Markdown rows ("| a | b |"), or a web table flattened to text, one cell a
run of lines, cells apart by one blank line and rows by two. The header row is the one
whose cells open with the field names of ``data/roles.toml`` [fields]; each row below
it with as many cells tasks the bodies of its body columns, in that column's role,
with the deadline of its time column.
"""

from __future__ import annotations

import functools
import re

from ..models import Assignment
from ..read import Line
from ..text import fold, squash
from ..vocab import load_data, phrase_pattern
from .bodies import View, read_body_list
from .deadlines import find_deadline

__all__ = ["field_of", "table_assignments"]

_LIST_SEPARATOR = re.compile(r"[;,]\s*")  # where a cell lists the next body

Cell = tuple[str, int]  # text, first line

_ROLES = ("lead", "implement", "coordinate")


@functools.cache
def _fields() -> list[tuple[str, re.Pattern]]:
    table = load_data("roles.toml").get("fields", {})
    out = []
    for name in ("lead", "implement", "coordinate", "deadline", "action"):
        phrases = table.get(name)
        if not isinstance(phrases, list) or not phrases:
            from ..errors import VocabularyError

            raise VocabularyError(f"roles.toml [fields]: '{name}' must be a list of phrases")
        out.append((name, re.compile(r"^(?:" + phrase_pattern(phrases) + r")")))
    return out


def field_of(label: str) -> str | None:
    """The field a header cell or a bullet's label names ("Cơ quan chủ trì" → "lead"), or None;
    the longest matching phrase decides ("cơ quan phối hợp thực hiện" is coordinate)."""
    folded = " ".join(fold(label).strip(" *:.").split())
    best: tuple[int, str] | None = None
    for name, rx in _fields():
        m = rx.match(folded)
        if m and (best is None or m.end() > best[0]):
            best = (m.end(), name)
    return best[1] if best else None


_PIPE = re.compile(r"\s*\|\s*")
_GROUP = re.compile(r"^[IVXL]{1,5}\.?$")
_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXL]{1,5}|[a-zđ])\.?$")  # a row's number: "1", "1.2", "II", "a"


def _rows(lines: list[Line]) -> list[list[Cell]]:
    if sum(1 for line in lines if line.cells) >= 3:
        return [[(text, line.no) for _col, text in line.cells] for line in lines if line.cells]
    piped = [line for line in lines if line.text.count("|") >= 3]
    if len(piped) >= 3:
        table: list[list[Cell]] = []
        for line in piped:
            cells = _PIPE.split(line.text.strip().strip("|"))
            if not all(set(c) <= set("-: ") for c in cells):  # the Markdown rule under the header
                table.append([(c, line.no) for c in cells])
        return table
    # flattened: a cell is a run of lines, cells apart by one blank, rows by two
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    cell: list[str] = []
    first = 0
    blanks = 0
    for line in lines:
        if not line.text.strip():
            if cell:
                row.append((" ".join(cell), first))
                cell = []
            blanks += 1
            if blanks >= 2 and row:
                rows.append(row)
                row = []
            continue
        blanks = 0
        if not cell:
            first = line.no
        cell.append(line.text.strip())
    if cell:
        row.append((" ".join(cell), first))
    if row:
        rows.append(row)
    return rows


def _deadline(text: str, line: int):
    """A time cell's deadline: "Trước ngày 30/11/2025", "Quý IV/2025", "30/11/2025", "Năm 2026"."""
    for lead in ("", "trong ", "trước ngày "):
        found = find_deadline(lead + text[:200], line)
        if found is not None:
            found.text = text[:200].strip()
            return found
    return None


def table_assignments(lines: list[Line], section: str = "Phụ lục") -> list[Assignment]:
    """The assignments of every task table in ``lines``."""
    out: list[Assignment] = []
    seen: set[tuple[str, str, str]] = set()
    columns: dict[int, str] | None = None  # column after the row's number (TT) → field
    part = ""  # the group a row belongs to: "I", "II" (a row of a number and a heading)
    for row in _rows(lines):
        fields = {k: field_of(text) for k, (text, _line) in enumerate(row)}
        if sum(1 for f in fields.values() if f) >= 2 and any(f in _ROLES for f in fields.values()):
            # counted from the row's number: a caption run into the header row adds cells before it,
            # and a flattened table drops its empty cells at a row's end
            first = min(k for k, f in fields.items() if f)
            numbered = first > 0 and len(row[first - 1][0]) <= 6
            columns = {k - (first - 1 if numbered else first): f for k, f in fields.items() if f}
            if not numbered:
                columns = {k + 1: f for k, f in columns.items()}
            continue
        if columns is None or not row or not _NUMBER.match(row[0][0].strip()):
            continue
        if len(row) <= min(k for k, f in columns.items() if f in _ROLES):
            if _GROUP.match(row[0][0].strip()):
                part = row[0][0].strip(" .")
            continue
        columns_here = {k: f for k, f in columns.items() if k < len(row)}
        action = next((row[k][0] for k, f in columns_here.items() if f == "action"), "")
        deadline = next((_deadline(*row[k]) for k, f in columns_here.items() if f == "deadline"), None)
        label = ".".join(x for x in (part, row[0][0].strip(" .")) if x)
        for k, role in columns_here.items():
            if role not in _ROLES:
                continue
            text, line = row[k]
            v = View(text)
            pos = 0
            while pos < len(text):
                names, end = read_body_list(v, pos, allow_lower=True, in_list=True)
                if not names:
                    nxt = _LIST_SEPARATOR.search(text[pos:])
                    if not nxt:
                        break
                    pos += nxt.end()
                    continue
                for name in names:
                    key = (name.text.lower(), role, f"{label}@{row[0][1]}")
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        Assignment(
                            body=name.text,
                            role=role,
                            action=squash(action)[:400],
                            deadline=deadline if role != "coordinate" else None,
                            function=name.function,
                            section=f"{section}.{label}",
                            line=line,
                        )
                    )
                pos = max(end, pos + 1)
    return out
