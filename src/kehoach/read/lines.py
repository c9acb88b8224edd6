"""Raw text → clean lines, each keeping its line number and layout hints.

What is stripped from the text is kept as a hint on the line: Markdown bold
(``bold``), ``#`` headings (``md_heading``), ``-----`` and ``*`` rules
(``rule_before`` on the next line), page markers and page numbers
(``page_break`` on the next line), and columns: a pdftotext ``-layout`` line
that holds two columns side by side, or a Markdown/HTML table row, keeps its
pieces in ``cells`` with their start columns.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from ..text import (
    fix_lookalikes,
    may_have_split_diacritics,
    nfc,
    repair_split_diacritics,
    split_pieces,
)
from ..warning import Warning

__all__ = ["Line", "Text", "clean_lines", "normalize_characters"]

_BLANKS = re.compile(r"\s+")  # white space inside a LaTeX run


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the input
    text: str  # cleaned text, inner white space collapsed; "" for a blank line
    indent: int = 0
    end: int = 0  # column after the last character (for "is this line full?")
    cells: tuple[tuple[int, str], ...] | None = None  # (start column, text) when the line holds columns
    bold: bool = False
    md_heading: bool = False
    table: bool = False
    page_break: bool = False
    rule_before: bool = False
    centered: bool = False
    label: str | None = None  # a list label supplied by the reader (Word numbering)
    para_start: bool = False  # the line opens a paragraph of a structured source (a Word paragraph)
    cell_break: bool = False  # a blank line that stood for a table-cell boundary (a lone "|" of a flattened table)
    run_cont: bool = (
        False  # the line goes on with a bold or italic run opened on the line above: one printed line wrapped
    )

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Text:
    """What a reader hands to the segmenter."""

    lines: list[Line]
    format: str = "txt"
    encoding: str | None = None
    warnings: list[Warning] = field(default_factory=list)  # (code, message, line)
    path: str | None = None
    sha256: str | None = None


# --- patterns (each named for what it removes) ------------------------------

# a line that is only a rule: "-----", "___", "* * *", "───", "=====", a lone "*"
RULE_LINE = re.compile(r"^\s*(?:[-_=─—–~.·•*]\s*){3,}$|^\s*\*\s*$")
# a rule glued to the end of a cell: "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI -------"
# (from the start of a run of spaces only: tried at every space of a long run it was quadratic)
TRAILING_RULE = re.compile(r"(?<!\s)\s+[-_=─—]{3,}\s*$")
LEADING_RULE = re.compile(r"^\s*[-_=─—]{3,}\s+")
# page markers: "===== Trang 2 =====", "- 2 -", "Trang 2/10", "Page 3"
PAGE_MARKER = re.compile(
    r"^\s*(?:=+\s*)?(?:Trang|Page)\s+\d+(?:\s*/\s*\d+)?(?:\s*=+)?\s*$|^\s*[-–]\s*\d{1,3}\s*[-–]\s*$", re.I
)
# a running footer a word processor printed on every page: the file's name and the page
# number ("12.KLTW.DOC 2", "QD-UBND.docx 3/5")
FILE_FOOTER = re.compile(r"^\S*\.(?:doc|docx|odt|rtf|pdf)\s+\d[\d\s/]{0,6}$", re.I)
# a line holding nothing but a page number
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Markdown
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
MD_EMPHASIS = re.compile(r"(?<!\()\*{1,3}(?!\))|(?<![\w])_{2}(?=\S)|(?<=\S)_{2}(?![\w])")
# a Markdown backslash escape: "57\-NQ/TW", "1\. Mục tiêu" (Google Docs and pandoc exports)
MD_ESCAPE = re.compile(r"\\([-*_#+.!()])")  # (brackets and backslashes stay: text may mean them)
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
HTML_CELL_BREAK = re.compile(r"</t[dh]>\s*<t[dh][^>]*>", re.I)
# LaTeX math left by OCR engines: "$\mathrm { k } \mathring { \mathrm { e } }$"
LATEX_MATH = re.compile(r"\$([^$]{1,200})\$")
LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+")
LATEX_ACCENTS = {
    "hat": "\u0302",
    "breve": "\u0306",
    "acute": "\u0301",
    "grave": "\u0300",
    "tilde": "\u0303",
    "dot": "\u0323",
}
LATEX_ACCENT = re.compile(r"\\(hat|breve|acute|grave|tilde|dot)\s*\{\s*(?:\\[a-zA-Z]+\s*\{\s*)?([A-Za-z])\s*\}?\s*\}")
# a gap wide enough to separate two columns of a pdftotext -layout line
COLUMN_GAP = re.compile(r"\S(\s{4,})(?=\S)")
SPACES = re.compile(r"[ \t]+")  # what normalize_characters leaves of white space inside a line
# a line of nothing but table pipes: the cell boundary of an HTML table that a
# converter flattened one cell content line after another ("|" / "ỦY BAN ..." / "|")
PIPES_ONLY = re.compile(r"^[|\s]+$")
# a row flattened onto one line without a leading pipe: "Số: 12/KH-UBND | Hà Nội, ngày ... |"
TRAILING_PIPE_ROW = re.compile(r"^[^|]+\|.*\|\s*$")
# word-segmented text, as NLP datasets store it: the syllables of a word joined by "_"
# ("Uỷ_ban nhân_dân"), punctuation set apart by spaces ("thực_hiện , kiểm_tra .")
WORD_JOINER = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
SPACED_PUNCTUATION = re.compile(r"(?<=\S) +(?=[,.;:!?%)\]”](?:\s|$))|(?<=[(\[“]) +")
# a Roman part number the dataset's casing damaged at a line start: "Iv. hiệu_lực"
CASED_ROMAN = re.compile(r"^(I[iv]{1,3}|V[i]{1,3}|I[x]|X[iv]{1,3})(?=\s*[.\-–/]\s)", re.M)
# a first line the source repository added around the document: "[Bản trích ... ]"
BANNER = re.compile(r"^\s*(?:\[[^\]]*\]\s*)+$")


# --- characters no later stage sees -------------------------------------------
# Stages skip " " and match \S+ (and str.split() splits at any white space), so
# by the time a stage reads a line every character str.isspace() counts as white
# space is a plain space or a line break: a vertical tab or a U+205F after a body
# name broke the name apart (issue 14). Line breaks besides \n (str.splitlines()
# breaks at them too): the vertical tab (Word's manual line break, Shift+Enter,
# in text copied out of Word), NEL (U+0085), the line and paragraph separators.
# Spaces: the information separators U+001C-U+001F, NBSP, the Ogham space mark,
# the en, em, thin ... spaces, the narrow NBSP, the medium mathematical and the
# ideographic space. Removed: every other C0 and C1 control character (the tab,
# form feed and carriage return are read above and below) and the invisible
# format characters (zero-width space and joiners, bidi marks, embeddings,
# overrides and isolates, word joiner, soft hyphen, BOM, interlinear annotation
# marks, tag characters): a terminal escape in a document reaches no output.
# Replaced by U+FFFD: lone surrogates, which a Python str can hold but UTF-8,
# and so the JSON output, cannot.
LINE_BREAK_CHARS = "\v\x85\u2028\u2029"
SPACE_CHARS = "\x1c\x1d\x1e\x1f\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
REMOVED_CHARS = "".join(
    map(
        chr,
        (
            *range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85), *range(0x86, 0xA0),
            0xAD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
            *range(0x2066, 0x2070), 0xFEFF, *range(0xFFF9, 0xFFFC), *range(0xE0000, 0xE0080),
        ),
    )
)  # fmt: skip
_CHAR_TABLE = {
    **{ord(c): "\n" for c in LINE_BREAK_CHARS},
    **{ord(c): " " for c in SPACE_CHARS},
    **{ord(c): None for c in REMOVED_CHARS},
}


def _char_class(chars: str) -> str:
    """A regex character class of ``chars`` written as ranges: a class of separate characters
    that reaches past the BMP is tested one character at a time (30x slower on a 9 KB text)."""
    ranges: list[list[int]] = []
    for code in sorted(set(map(ord, chars))):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


_UNUSUAL_CHAR = re.compile(
    "[" + _char_class(LINE_BREAK_CHARS + SPACE_CHARS + REMOVED_CHARS) + "\ud800-\udfff]"
)  # one test for all of them: most texts hold none and pay only this search
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_characters(text: str) -> str:
    """``text`` with every character above made a space, a line break or nothing,
    and lone surrogates made U+FFFD. Text holding none of them is returned as is."""
    if not _UNUSUAL_CHAR.search(text):
        return text
    text = text.translate(_CHAR_TABLE)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _unlatex(m: re.Match) -> str:
    inner = m.group(1)
    inner = LATEX_ACCENT.sub(lambda a: a.group(2) + LATEX_ACCENTS[a.group(1)], inner)
    inner = LATEX_COMMAND.sub("", inner)
    inner = inner.replace("{", "").replace("}", "")
    return nfc(_BLANKS.sub("", inner))


_MARKUP = ("$", "![", "<", "*", "__", "--", "==", "─", "——", "\\")  # what _clean_fragment acts on


def _clean_fragment(text: str) -> tuple[str, bool]:
    """Strip inline markup from a piece of a line; say whether it was bold."""
    bold = "**" in text or "__" in text
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    if "$" in text:
        text = LATEX_MATH.sub(_unlatex, text)
    if "![" in text:
        text = MD_IMAGE.sub(" ", text)
    if "<" in text and ">" in text:
        text = HTML_TAG.sub(" ", text)
    if "*" in text or "__" in text:
        if "__" in text or "(*" in text or "*)" in text:
            text = MD_EMPHASIS.sub("", text)
        else:  # the common case, stars only: every one goes
            text = text.replace("*", "")
    if "--" in text or "__" in text or "==" in text or "─" in text or "——" in text:
        text = TRAILING_RULE.sub("", text)
        text = LEADING_RULE.sub("", text)
    return text, bold


def _split_columns(raw: str, indent: int) -> tuple[tuple[int, str], ...] | None:
    body = raw[indent:]
    if "    " not in body:
        return None
    cells = []
    start = 0
    for m in COLUMN_GAP.finditer(body):
        gap_start = m.start(1)
        cells.append((indent + start, body[start:gap_start].strip()))
        start = m.end(1)
    if not cells:
        return None
    cells.append((indent + start, body[start:].strip()))
    return tuple(c for c in cells if c[1])


def _table_cells(raw: str) -> list[str]:
    inner = raw.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [c.strip() for c in inner.split("|")]


def clean_lines(raw_text: str) -> tuple[list[Line], list[Warning]]:
    """Split decoded text into :class:`Line` objects; return them and reader warnings."""
    warnings: list[Warning] = []
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    # whole-text passes, so that each line pays only for what it holds
    text = nfc(normalize_characters(text))
    segmented = False
    if "_" in text:
        before = len(warnings)
        text = _unsegment(text, warnings)
        segmented = len(warnings) > before  # such datasets store one sentence or paragraph a line
    text, lookalikes = fix_lookalikes(text)
    if lookalikes:
        warnings.append(
            Warning(
                "lookalike-letters",
                f"{lookalikes} word(s) held Cyrillic or Greek letters that look Latin ('ВТC'): read as Latin",
                None,
            )
        )
    repair = may_have_split_diacritics(text)
    markup = any(mark in text for mark in _MARKUP)  # else no line has any to strip
    # what no line of the text holds needs no test on each line
    form_feeds, tabs, stars, hashes = "\f" in text, "\t" in text, "**" in text, "#" in text
    tables = "|" in text or "<t" in text
    raw_lines = text.split("\n")
    lines: list[Line] = []
    pending_break = False
    pending_rule = False
    page_markers = 0
    seen_content = False
    bold_open = False  # a "**" run opened on an earlier line and not yet closed
    italic_open = False  # likewise a "*" run (a date line in italics, wrapped)
    for index, raw in enumerate(raw_lines):
        no = index + 1
        if form_feeds and "\f" in raw:
            pending_break = True
            raw = raw.replace("\f", "")
        if tabs and "\t" in raw:
            raw = raw.expandtabs(8)
        raw = raw.rstrip()
        stripped = raw.strip()
        if not stripped:
            lines.append(Line(no, ""))
            continue
        if not seen_content and BANNER.match(stripped):
            warnings.append(
                Warning(
                    "banner-removed",
                    f"line {no} is a note added around the document, not part of it: {stripped[:60]}",
                    no,
                )
            )
            lines.append(Line(no, ""))
            seen_content = True
            continue
        seen_content = True
        lead = stripped[0]
        # page markers start with a mark, "Trang"/"Page" or a page number; rules with a mark
        page: object  # a match, or a false value
        rule: object
        if lead.isalpha():
            page = (lead in "TtPp" and PAGE_MARKER.match(stripped)) or (
                len(stripped) <= 60 and FILE_FOOTER.match(stripped)
            )
            rule = False
        elif lead.isdigit():
            page = (len(stripped) <= 3 and PAGE_NUMBER.match(stripped) and _lone(raw_lines, index)) or (
                len(stripped) <= 60 and FILE_FOOTER.match(stripped)
            )
            rule = False
        else:
            page = PAGE_MARKER.match(stripped)
            rule = not page and (
                RULE_LINE.match(stripped) or ("---" in stripped and MD_TABLE_SEPARATOR.match(stripped))
            )
        if page:
            page_markers += 1
            pending_break = True
            lines.append(Line(no, ""))
            continue
        if rule:
            pending_rule = True
            lines.append(Line(no, ""))
            continue
        if tables and stripped.endswith(" |") and stripped.count("|") == 1:
            raw = raw.rstrip()[:-1]  # the last cell of a flattened row, its closing pipe left on its line
            stripped = raw.strip()
        if tables and lead == "|" and PIPES_ONLY.match(stripped):
            lines.append(Line(no, "", cell_break=True))
            bold_open = italic_open = False  # no run crosses a cell
            continue
        in_bold_run = bold_open
        in_run = bold_open or italic_open
        if stars and "*" in raw:
            doubles = raw.count("**")
            if doubles % 2:
                bold_open = not bold_open
            if (
                (raw.count("*") - 2 * doubles) % 2
                and "(*" not in raw
                and "*)" not in raw
                and not stripped.startswith("* ")
            ):
                italic_open = not italic_open
        md_heading = False
        if hashes and stripped.startswith("#") and MD_HEADING.match(raw):
            md_heading = True
            raw = MD_HEADING.sub("", raw)
        indent = len(raw) - len(raw.lstrip(" \u00a0"))
        cells: tuple[tuple[int, str], ...] | None = None
        is_table = False
        bold = False
        if tables and (
            (stripped.startswith("|") and stripped.count("|") >= 2)
            or (stripped.endswith("|") and TRAILING_PIPE_ROW.match(stripped))
            or " | " in stripped  # a table row a Word dump printed with " | " between cells
        ):
            is_table = True
            parts = []
            for cell in _table_cells(raw):
                cell_text, cell_bold = _clean_fragment(cell)
                bold = bold or cell_bold
                cell_text = SPACES.sub(" ", cell_text).strip()
                if cell_text:
                    parts.append(cell_text)
            cells = tuple((i * 40, p) for i, p in enumerate(parts)) if len(parts) > 1 else None
            content = " ".join(parts)
        elif tables and ("<td" in raw or "<th" in raw):
            is_table = True
            raw = HTML_CELL_BREAK.sub(" | ", raw)
            content, bold = _clean_fragment(raw)
        else:
            cells = _split_columns(raw, indent)
            if cells:
                cleaned = []
                for start, cell in cells:
                    cell_text, cell_bold = _clean_fragment(cell)
                    bold = bold or cell_bold
                    cell_text = SPACES.sub(" ", cell_text).strip()
                    if cell_text:
                        cleaned.append((start, cell_text))
                cells = tuple(cleaned) if len(cleaned) > 1 else None
                content = " ".join(c for _, c in cleaned)
            elif markup:
                content, bold = _clean_fragment(raw)
            else:
                content = raw
        if "  " in content:
            content = SPACES.sub(" ", content)
        content = content.strip()
        if not content or (not content[0].isalpha() and RULE_LINE.match(content)):
            pending_rule = pending_rule or bool(content)
            lines.append(Line(no, ""))
            continue
        # positional: this runs for every line of every document
        line = Line(
            no, content, indent, len(raw), cells, bold or in_bold_run, md_heading, is_table, pending_break, pending_rule
        )
        if in_run and lines and lines[-1].text:
            line.run_cont = True
        if segmented:
            line.para_start = True
        pending_break = pending_rule = False
        lines.append(line)
    if page_markers:
        warnings.append(
            Warning("page-markers-removed", f"{page_markers} page marker or page-number line(s) removed", None)
        )
    if repair:
        _repair_split_syllables(lines)
    _mark_centered(lines)
    return lines, warnings


def _repair_split_syllables(lines: list[Line]) -> None:
    """:func:`repair_split_diacritics` on the lines and cells that hold a word it could join:
    the words of the whole text are tested once, not each line's word by word, and the lines
    holding one are found by searching the whole text for it."""
    texts = [line.text for line in lines if line.text]
    texts += [cell for line in lines if line.cells for _, cell in line.cells]
    pieces = split_pieces(set(" ".join(texts).split(" ")))
    if not pieces:
        return
    whole = "\n".join(texts)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    holding = set()
    for piece in pieces:
        at = whole.find(piece)
        while at >= 0:
            holding.add(bisect.bisect_right(starts, at) - 1)
            at = whole.find(piece, at + 1)
    repaired = {}
    for k in holding:
        text = texts[k]
        if not pieces.isdisjoint(text.split(" ")):
            repaired[text] = repair_split_diacritics(text)
    if not repaired:
        return
    for line in lines:
        if line.text:
            line.text = repaired.get(line.text, line.text)
        if line.cells:
            line.cells = tuple((s, repaired.get(c, c)) for s, c in line.cells)


def _unsegment(text: str, warnings: list) -> str:
    """Word-segmented text read as the words it is: "Uỷ_ban nhân_dân tỉnh , Sở" → "Uỷ ban nhân
    dân tỉnh, Sở". Only when the text is segmented throughout (a joiner in one word of ten or
    more), so that an underscore in an ordinary text ("file_name", "__bold__") is left alone."""
    joiners = len(WORD_JOINER.findall(text))
    if joiners < 20 or joiners * 10 < text.count(" "):
        return text
    text = WORD_JOINER.sub(" ", text)
    text = SPACED_PUNCTUATION.sub("", text)
    text = CASED_ROMAN.sub(lambda m: m.group(1).upper(), text)
    warnings.append(
        Warning(
            "word-segmented", f"the text is word-segmented ({joiners} syllables joined by '_'): read with spaces", None
        )
    )
    return text


def _lone(raw_lines: list[str], index: int) -> bool:
    """A number alone on its line is a page number when a blank line or the text flow surrounds it."""
    before = raw_lines[index - 1].strip() if index > 0 else ""
    after = raw_lines[index + 1].strip() if index + 1 < len(raw_lines) else ""
    value = raw_lines[index].strip()
    if len(value) > 3:
        return False
    if raw_lines[index].startswith(" " * 20):  # pdftotext puts page numbers far right or centred
        return True
    return not before or not after or before.startswith("=")


def _mark_centered(lines: list[Line]) -> None:
    ends = sorted(line.end for line in lines if line.text and not line.cells)
    if len(ends) < 5:
        return
    width = ends[int(len(ends) * 0.9)]
    if width < 40:
        return
    for line in lines:
        if line.text and not line.cells and line.indent >= 8:
            left = line.indent
            right = width - line.end
            if right >= 0 and abs(left - right) <= max(6, width // 10):
                line.centered = True
