"""HTML → lines: a document saved from a web page (a legal portal, an office's site)
or exported by a word processor.

Only what a reader of the page sees is kept: ``<head>``, scripts and styles are
dropped; each block (``<p>``, ``<div>``, a heading, a list item) and each
``<br>`` ends a line; a table row is laid out as columns, as a Word header
table is (:class:`~kehoach.read.builder.LineBuilder`); the numbers of an
``<ol>`` list, which live in the markup rather than the text, become the
lines' labels (``<ol type="I">`` → "I.", "II." ...), as Word numbering does.
Bold and centred text and page breaks (``page-break-before``) are kept as hints.
Built on the standard library's :mod:`html.parser`, which reads broken markup
without complaint.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..patterns import roman_numeral
from .builder import LineBuilder, clean_text, is_rule
from .lines import Text, clean_lines

__all__ = ["looks_like_html", "read_html"]

_SKIP = {"head", "script", "style", "title", "noscript", "template", "svg", "math", "iframe", "object"}
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header",
    "footer", "main", "nav", "aside", "center", "address", "figure", "figcaption", "dl", "dt", "dd", "form",
    "fieldset", "caption", "body", "html",
}  # fmt: skip
_ENDS_LINE = _BLOCKS | {"li", "ul", "ol", "table", "tr", "td", "th"}  # a line ends at their start and end
_INLINE = {"b", "strong", "span", "font", "em", "i", "u", "a", "sup", "sub", "small", "big", "label"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed", "param", "track"}
_BOLD_WEIGHT = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_NORMAL_WEIGHT = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-5]00)", re.I)
_CENTER = re.compile(r"text-align\s*:\s*center", re.I)
_PAGE_BREAK = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page)", re.I)
_HTML_START = re.compile(
    r"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """An HTML page: it opens with a doctype or an <html> element (a Markdown file with an
    HTML table inside is not one)."""
    return bool(_HTML_START.match(text[:4096]))


def _list_label(kind: str, value: int) -> str:
    if kind == "I":
        return roman_numeral(value) + "."
    if kind == "i":
        return roman_numeral(value).lower() + "."
    if kind in ("a", "A"):
        letter = "abcdđeghiklmnopqrstuvxy"[(value - 1) % 23] if kind == "a" else chr(ord("A") + (value - 1) % 26)
        return letter + (")" if kind == "a" else ".")
    return f"{value}."


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def new_row(self) -> None:
        self.rows.append([])
        self.cell = None

    def new_cell(self, span: int) -> None:
        if not self.rows:
            self.new_row()
        self.cell = []
        self.rows[-1].append(self.cell)
        self.rows[-1].extend([] for _ in range(span - 1))  # the grid columns it spans, read once


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = LineBuilder()
        self.skip: list[str] = []  # open elements whose content is not shown
        self.parts: list[tuple[str, bool]] = []  # the current line's text runs and their boldness
        self.inline: list[tuple[str, bool | None]] = []  # open inline elements: (tag, bold on / off / unchanged)
        self.blocks: list[tuple[str, bool]] = []  # open blocks: (tag, centred)
        self.lists: list[list] = []  # open lists: [kind, next value]
        self.label: str | None = None  # the label of the list item whose first line comes next
        self.tables: list[_Table] = []
        self.continued = False  # the next line goes on a paragraph a <br> broke
        self.pre = 0  # inside <pre>: the text's own line breaks are lines
        self.pre_text: list[str] = []

    # -- text -------------------------------------------------------------------

    def _bold(self) -> bool:
        state = False
        for _, bold in self.inline:
            if bold is not None:
                state = bold
        return state

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        if self.pre:
            self.pre_text.append(data)  # kept as printed: read as a text file when </pre> closes
            return
        self.parts.append((data, self._bold()))

    def _flush(self, *, broken: bool = False) -> None:
        """End the current line (``broken``: at a <br>, inside one paragraph)."""
        text = clean_text("".join(t for t, _ in self.parts))
        bold_chars = sum(len(t.strip()) for t, b in self.parts if b)
        all_chars = sum(len(t.strip()) for t, _ in self.parts)
        self.parts = []
        if not text:
            if broken and not self.tables:
                self.builder.blank()
            return
        if self.tables:
            cell = self.tables[-1].cell
            if cell is None:  # text between cells: a row of its own
                self.tables[-1].new_cell(1)
                cell = self.tables[-1].cell
            if not is_rule(text) and cell is not None:
                cell.append((self.label + " " + text) if self.label else text)
            self.label = None
            return
        centered = any(c for _, c in self.blocks[-1:])
        self.builder.add(
            text,
            bold=all_chars > 0 and bold_chars >= all_chars * 0.9,
            centered=centered,
            label=self.label,
            para_start=not self.continued,
        )
        self.label = None
        self.continued = broken

    # -- elements ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if self.skip:
            return
        style = a.get("style", "")
        if tag == "br":
            self._flush(broken=True)
            return
        if tag == "hr":
            self._flush()
            self.builder.pending_rule = True
            return
        if tag in _ENDS_LINE:
            self._flush()
            self.continued = False
            if _PAGE_BREAK.search(style) and not self.tables:
                self.builder.pending_break = True
        if tag in _INLINE:
            bold = (
                True
                if tag in ("b", "strong") or _BOLD_WEIGHT.search(style)
                else (False if _NORMAL_WEIGHT.search(style) else None)
            )
            self.inline.append((tag, bold))
            return
        if tag in _BLOCKS or tag in ("td", "th", "li"):
            centered = a.get("align", "").lower() == "center" or bool(_CENTER.search(style)) or tag == "center"
            self.blocks.append(
                (tag, centered or (bool(self.blocks) and self.blocks[-1][1] and tag not in ("body", "html")))
            )
            if _BOLD_WEIGHT.search(style) or tag in ("h1", "h2", "h3", "h4", "h5", "h6", "th"):
                self.inline.append(("@" + tag, True))
        if tag == "pre":
            self.pre += 1
        if tag in ("ol", "ul"):
            kind = (a.get("type") or "1") if tag == "ol" else "-"
            self.lists.append([kind, _int(a.get("start"), 1), None])  # kind, next value, current value
        elif tag == "li":
            if self.lists:
                kind, value, _ = self.lists[-1]
                value = _int(a.get("value"), value)
                self.lists[-1][1:] = [value + 1, value]
                self.label = "-" if kind == "-" else _list_label(kind, value)
                if kind == "1":
                    # a numbered list inside a numbered item: "1.1.", "1.1.2." (Word's multi-level
                    # numbering, which an HTML export leaves to the nesting)
                    path = [value]
                    for outer in reversed(self.lists[:-1]):
                        if outer[0] != "1" or outer[2] is None:
                            break
                        path.insert(0, outer[2])
                    if len(path) > 1:
                        self.label = ".".join(map(str, path)) + "."
            else:
                self.label = "-"
        elif tag == "table":
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].new_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].new_cell(max(1, min(_int(a.get("colspan"), 1), 20)))

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _VOID:
            return
        if tag in _ENDS_LINE:
            self._flush()
            self.continued = False
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag == "pre" and self.pre:
            self.pre -= 1
            if not self.pre:
                self._preformatted()
        if tag == "table" and self.tables:
            table = self.tables.pop()
            if self.tables:  # a table inside a cell: its lines go into that cell
                outer = self.tables[-1]
                if outer.cell is None:
                    outer.new_cell(1)
                assert outer.cell is not None
                outer.cell.extend(line for row in table.rows for cell in row for line in cell)
            else:
                self.builder.table(table.rows)
        if tag in _BLOCKS or tag in ("td", "th", "li"):
            for k in range(len(self.blocks) - 1, -1, -1):
                if self.blocks[k][0] == tag:
                    del self.blocks[k:]
                    break
            self.inline = [(t, b) for t, b in self.inline if t != "@" + tag]
            return
        for k in range(len(self.inline) - 1, -1, -1):
            if self.inline[k][0] == tag:
                del self.inline[k:]
                break

    def _preformatted(self) -> None:
        """A plain-text document shown in <pre> (as some sites do): read as text is, layout
        and all (indentation, columns, page markers), its lines numbered on from the page's."""
        raw, self.pre_text = "".join(self.pre_text), []
        lines, _ = clean_lines(raw)
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.extend(line.text for line in lines if line.text)
            return
        for line in lines:
            line.no = len(self.builder.lines) + 1
            self.builder.lines.append(line)

    def close(self) -> None:
        super().close()
        if self.pre:
            self.pre = 0
            self._preformatted()
        self.skip.clear()  # an unclosed <script> or <style> hides nothing more
        self._flush()
        while self.tables:  # tables left open: closed, innermost first
            depth = len(self.tables)
            self.handle_endtag("table")
            if len(self.tables) >= depth:  # (cannot happen; never loop)
                self.tables.pop()


def read_html(text: str, *, encoding: str | None = None) -> Text:
    """Lines of an HTML document already decoded to text."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return Text(reader.builder.lines, format="html", encoding=encoding)
