"""Stage 2, segment: clean lines → the document's zones and its section tree.

Zones, top to bottom: the header (issuer, national name, symbol, date), the
type line ("KẾ HOẠCH") and the title under it (trích yếu), an enacting
authority line and "Kính gửi" addressees, the body, the closing (Nơi nhận,
signature) and carried appendices. The body becomes paragraphs (hard wraps
and page breaks joined back) and the paragraphs a tree of numbered parts,
items and bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .patterns import (
    END_MARK,
    LETTERS,
    MARKER,
    OCR_DIGITS,
    WEAK_MARKER,
    WRAP_HYPHEN,
    patterns,
    roman_value,
)
from .read import Line, Text
from .text import fold, is_syllable, is_upper, starts_lower, starts_upper
from .vocab import vocabulary

__all__ = ["Marker", "Para", "Node", "Skeleton", "segment", "paragraphs", "build_tree", "looks_like_name"]


# --- data -------------------------------------------------------------------


@dataclass(slots=True)
class Marker:
    type: str  # part chapter article roman upper arabic arabic_paren dotted letter paren dash plus bullet
    label: str  # as printed, without trailing punctuation
    value: tuple[int, ...] | None  # ordinal(s), for sequence checks; None for bullets
    rest: str  # the text after the marker
    weak: bool = False


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
        no = self.lines[0].no
        for start, line in zip(self.starts, self.lines):
            if start > offset:
                break
            no = line.no
        return no

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


@dataclass
class Node:
    marker: Marker
    paras: list[Para]
    children: list[Node] = field(default_factory=list)
    heading: str | None = None
    text: str = ""
    kind: str | None = None
    path: str = ""

    @property
    def first(self) -> int:
        return self.paras[0].first

    @property
    def last(self) -> int:
        last = self.paras[-1].last
        if self.children:
            last = max(last, self.children[-1].last)
        return last

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


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
    warnings: list[tuple[str, str, int | None]] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)


# --- helpers ----------------------------------------------------------------

_BULLETS = ("dash", "plus", "bullet")
_RANK = {
    "part": 0.0,
    "chapter": 1.0,
    "upper": 1.5,
    "roman": 2.0,
    "article": 3.0,
    "arabic": 4.0,
    "arabic_dash": 4.0,
    "arabic_paren": 4.6,
    "letter": 5.0,
    "paren": 6.0,
}


def _rank(marker: Marker) -> float:
    if marker.type == "dotted":
        return 4.0 + 0.1 * len(marker.value or (1,))
    return _RANK.get(marker.type, 9.0)


_TERMINAL_MARKS = tuple(".;:!?…")


def _terminal(text: str) -> bool:
    """Does the text end a sentence, closing quotes and brackets aside?
    Read from the end: a regex search would scan the whole paragraph."""
    return text.rstrip().rstrip("\"”’)").rstrip().endswith(_TERMINAL_MARKS)


def _ordinal_letter(letter: str) -> int:
    index = LETTERS.find(letter)
    return index + 1 if index >= 0 else ord(letter) - ord("a") + 1


def read_marker(text: str) -> Marker | None:
    """The section marker a paragraph opens with, if any."""
    m = MARKER.match(text)
    if not m:
        return None
    kind = m.lastgroup
    raw = m.group(kind)
    rest = text[m.end() :]
    if kind == "part":
        words = raw.split()
        tail = words[-1]
        value = (roman_value(tail.upper()),) if re.fullmatch(r"[IVXL]+", tail) else ((int(tail),) if tail.isdigit() else None)
        return Marker("part", " ".join(words), value, rest)
    if kind == "chapter":
        tail = raw.split()[-1]
        value = (roman_value(tail),) if not tail.isdigit() else (int(tail),)
        return Marker("chapter", " ".join(raw.split()), value, rest)
    if kind == "article":
        digits = re.search(r"\d+", raw)
        return Marker("article", " ".join(raw.split()), (int(digits.group()),) if digits else None, rest)
    if kind == "dotted":
        return Marker("dotted", raw, tuple(int(p) for p in raw.split(".")), rest)
    if kind == "roman":
        if not rest.strip():
            return None
        return Marker("roman", raw, (roman_value(raw),), rest)
    if kind == "upper":
        return Marker("upper", raw, (ord(raw) - ord("A") + 1,), rest)
    if kind in ("arabic", "arabic_paren", "arabic_dash", "arabic_slash"):
        if not rest.strip() and kind != "arabic":
            return None
        return Marker("arabic" if kind in ("arabic_dash", "arabic_slash") else kind, raw, (int(raw),), rest)
    if kind in ("letter", "letter_dot"):
        return Marker("letter", raw, (_ordinal_letter(raw),), rest, weak=kind == "letter_dot")
    if kind == "paren":
        value = (int(raw),) if raw.isdigit() else ((_ordinal_letter(raw),) if len(raw) == 1 else None)
        return Marker("paren", f"({raw})", value, rest)
    if kind == "dash":
        if not rest.strip():
            return None
        return Marker("dash", "-", None, rest)
    if kind == "plus":
        if not rest.strip():
            return None
        return Marker("plus", "+", None, rest)
    return Marker("bullet", raw, None, rest)


def _weak_marker(text: str) -> Marker | None:
    m = WEAK_MARKER.match(text)
    if not m:
        return None
    raw = m.group("weak")
    digits = raw if raw.isdigit() else OCR_DIGITS.get(raw)
    if not digits:
        return None
    return Marker("arabic", digits, (int(digits),), text[m.end() :], weak=True)


_PERSON_WORD = re.compile(r"^[A-ZĐÀ-Ỹ](?:'[A-ZĐÀ-Ỹ])?[a-zđà-ỹ]*$")


def looks_like_name(text: str, *, require_surname: bool = True) -> bool:
    """A person's name: two to six title-case words ("Trần Thị Kim Phụng", "Y Khim Niê").

    With ``require_surname`` (a name standing alone, with no signature block
    around it) every word must be a Vietnamese syllable and the first a known
    family name; inside a signature block minority names ("Ksor Phước",
    "H'Hen Niê") pass when half their words are syllables.
    """
    words = text.split()
    if not 2 <= len(words) <= 6 or not all(_PERSON_WORD.match(w) for w in words):
        return False
    syllables = sum(1 for w in words if is_syllable(w.replace("'", "")))
    if require_surname:
        return syllables == len(words) and fold(words[0]) in vocabulary().surnames
    return syllables * 2 >= len(words) and any(len(w) > 1 for w in words)


# --- zones ------------------------------------------------------------------


def _fragments(line: Line, width: int) -> list[Fragment]:
    if line.cells:
        out = []
        for i, (start, text) in enumerate(line.cells):
            column = 0 if i == 0 and start < width * 0.35 else 1
            out.append(Fragment(line, text, column))
        return out
    column = 1 if width and line.indent >= width * 0.4 else 0
    return [Fragment(line, line.text, column)]


# header elements as printed when complete, folded: a line that is only the start of one
# ("CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG" / "SẢN VIỆT NAM") was wrapped
_NATIONAL_NAMES = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam", "doc lap - tu do - hanh phuc")
# a date line cut before its date is complete: "Lai Châu, ngày" / "19 tháng 11 năm 2025"
_OPEN_DATE_LINE = re.compile(r",\s*(?:ngay(?:\s+\d{1,2})?(?:\s+thang(?:\s+\d{1,2})?)?(?:\s+nam)?|\d{1,2}\s*/\s*\d{1,2}\s*/?)\s*$")
# "Số:" with no number yet, or a symbol cut at a hyphen or slash ("Số: 12 /HDLN-BCA-BQP-")
_OPEN_SYMBOL_LINE = re.compile(r"^so\s*[:.]?\s*(?:\d.*[-/])?\s*$")


def _unfinished(text: str) -> bool:
    """Is this header line only the first part of an element wrapped onto the next line?"""
    folded = " ".join(fold(text).replace("–", "-").split())
    if len(folded) >= 4 and any(name.startswith(folded) and name != folded for name in _NATIONAL_NAMES):
        return True
    if _OPEN_SYMBOL_LINE.match(folded):
        return True
    return "," in folded and bool(_OPEN_DATE_LINE.search(folded)) and bool(patterns().date_line.search(text.rstrip() + " 1"))


def _run_goes_on(before: str, text: str) -> bool:
    """Does a line that continues the emphasis run above continue the same printed line? Not
    when it opens a unit of the issuer block of its own ("**ĐẢNG BỘ TỈNH TRÀ VINH" / "ĐẢNG ỦY
    KHỐI ..."), unless the wrap fell inside the head ("CHỦ TỊCH ỦY" / "BAN NHÂN DÂN")."""
    head = patterns().issuer_head
    folded = fold(text)
    if not head.match(folded):
        return True
    words = fold(before).split()
    for k in (1, 2):
        tail = " ".join(words[-k:])
        m = head.match(tail + " " + folded)
        if m and m.end() > len(tail) + 1:
            return True
    return False


def _prose(line: Line) -> bool:
    """A line of running text, which no header element is: long, or a sentence."""
    text = line.text
    return not line.cells and not is_upper(text) and (len(text) > 160 or len(text) > 80 and text.rstrip().endswith("."))


def header_start(lines: list[Line]) -> int:
    """Where the header block starts among the lines above the type line or abstract: after the
    last line of running text (a site's news summary of the document, an editor's note),
    which is not the document's."""
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].text and _prose(lines[i]):
            return i + 1
    return 0


def header_fragments(lines: list[Line], width: int) -> list[Fragment]:
    """The header's lines as fragments, with a printed line that a converter wrapped put back
    together: a line that goes on with the bold or italic run of the line above
    ("**ỦY BAN NHÂN" / "DÂN**"), or that completes an unfinished element ("Số:" /
    "87/2025/QĐ-UBND", "Hà Nội, ngày" / "19 tháng 11 năm 2025", "CỘNG HÒA XÃ" / "HỘI
    CHỦ NGHĨA VIỆT NAM"). Lines are joined only inside one cell: a blank line, a cell
    boundary or a rule ends a piece."""
    out: list[Fragment] = []
    prev: Line | None = None  # the line the last fragment ended on, when nothing separates it
    for line in lines:
        if not line.text:
            prev = None
            continue
        if (
            prev is not None
            and not line.cells
            and not prev.cells
            and not line.rule_before
            and (_unfinished(out[-1].text) or line.run_cont and _run_goes_on(out[-1].text, line.text))
        ):
            joined = out[-1].text.rstrip()
            out[-1].text = joined + ("" if joined.endswith(("-", "/")) and _OPEN_SYMBOL_LINE.match(fold(joined)) else " ") + line.text
            prev = line
            continue
        frags = _fragments(line, width)
        if prev is not None and line.cells and not line.rule_before and out[-1].column == 0 and frags[0].column == 0 and _OPEN_SYMBOL_LINE.match(fold(out[-1].text)):
            # "Số: 12 /HDLN-BCA-BQP-" / "BYT-BTC      Hà Nội, ngày ...": the symbol goes on in the left column
            out[-1].text = out[-1].text.rstrip() + frags[0].text
            frags = frags[1:]
        out.extend(frags)
        prev = line
    return out


def _header_lines(lines: list[Line], limit: int):
    """(index, line) of the first ``limit`` non-blank lines, up to the first part or article
    marker (where the body has begun)."""
    seen = 0
    for i, line in enumerate(lines):
        if not line.text:
            continue
        seen += 1
        if seen > limit:
            return
        yield i, line
        marker = read_marker(line.text)
        if marker and marker.type in ("roman", "article", "part"):
            return


def _find_type_line(lines: list[Line], limit: int = 60) -> tuple[int, str, re.Match] | None:
    pat = patterns()
    for i, line in _header_lines(lines, limit):
        candidates = [line.text] + ([c for _, c in line.cells] if line.cells else [])
        for cand in candidates:
            text = cand.strip()
            if text.endswith(":") or not is_upper(text):
                continue
            m = pat.type_line.match(fold(text))
            if m:
                return i, cand, m
    return _mixed_case_type_line(lines, limit)


def _mixed_case_type_line(lines: list[Line], limit: int) -> tuple[int, str, re.Match] | None:
    """A type name alone on its line in mixed case ("Kế hoạch", as some web copies print
    the whole header), taken only below a header element (a symbol, a date line, the motto)."""
    pat = patterns()
    for i, line in _header_lines(lines, limit):
        text = line.text.strip()
        if len(text) <= 30:
            m = pat.type_line.match(fold(text))
            if m and not m.group("more") and not m.group("rest") and any(_header_element(above.text) for above in lines[:i] if above.text):
                return i, line.text, m
    return None


def _header_element(text: str) -> bool:
    pat = patterns()
    folded = fold(text)
    return bool(pat.symbol_line.match(folded) or ", ngay" in folded or pat.motto.search(folded))


def _title_continues(title: list[Fragment], line: Line, gap: bool) -> bool:
    text = line.text
    if line.label or line.rule_before or read_marker(text) and read_marker(text).type not in _BULLETS:
        return False
    if starts_lower(text):
        return not _terminal(title[-1].text)
    if gap:
        return False
    first = title[0].text
    if _terminal(title[-1].text) and not title[-1].text.rstrip().endswith(","):
        return False
    if patterns().grounds.match(fold(text)) or patterns().authority.match(text) or _is_authority_line(text):
        return False
    if is_upper(first):
        return is_upper(text)
    if is_upper(text):
        return False  # a line in capitals after a title in mixed case: the next element ("CHỦ TỊCH ...")
    # mixed case title: a following line of similar shape (centred, short) continues it
    if line.centered and title[-1].line.centered:
        return True
    return len(text) <= max(len(f.text) for f in title) * 1.2 and not _terminal(title[-1].text) and len(title) < 6


_AUTHORITY_HEADS = re.compile(
    r"^(?:chu\s+tich|bo\s+truong|thu\s+tuong|uy\s+ban\s+nhan\s+dan|ban\s+thuong\s+vu|ban\s+chap\s+hanh|"
    r"hoi\s+dong\s+nhan\s+dan|giam\s+doc|tong\s+cuc\s+truong|cuc\s+truong|truong\s+ban|chanh\s+van\s+phong)\b"
)


def _names_authority(text: str) -> bool:
    """A short line that names an enacting body in any case ("Thủ tướng chính phủ",
    "Hội đồng nhân dân tỉnh X"), as a text that lost its capitals prints it."""
    folded = fold(text)
    return len(text) <= 80 and not _terminal(text) and bool(_AUTHORITY_HEADS.match(folded) or patterns().issuer_head.match(folded))


def _is_authority_line(text: str) -> bool:
    return is_upper(text) and bool(_AUTHORITY_HEADS.match(fold(text))) and len(text) <= 140


def _next_content(lines: list[Line], i: int) -> tuple[int, bool]:
    """Index of the next non-blank line from i, and whether blank lines were skipped."""
    gap = False
    while i < len(lines) and not lines[i].text:
        gap = True
        i += 1
    return i, gap


def _header_width(lines: list[Line]) -> int:
    ends = [line.end for line in lines if line.text]
    return max(ends) if ends else 0


_HEADER_START = re.compile(r"^(?:cong\s+hoa|dang\s+cong\s+san|doc\s+lap\s*[-–]?\s*tu\s+do)")
_SITE_SCAN = 200  # lines from the top where a web page's metadata table and banners may stand
_SITE_TITLE = re.compile(r"\b(?:do|cua)\s+.+\s+ban\s+hanh\s*$")  # the page's own title of the document, "... do X ban hành"


def site_bounds(lines: list[Line]) -> tuple[int, int]:
    """Where the document starts and ends inside a web page saved with it: after the site's
    banners and metadata table ("Số hiệu:", "Loại văn bản:" ...), and before the site's text
    that follows the document ("Văn bản liên quan", "Văn bản này chưa cập nhật ..."). (0,
    len(lines)) when the text has none of it. The site's lines are vocabulary (layout.toml
    [site]); two metadata labels or one notice are needed, so that a document's own "Số
    hiệu:" line is never taken for the site's."""
    pat = patterns()
    start, labels, notices = 0, 0, 0
    seen = 0
    for i, line in enumerate(lines):
        if not line.text or i < start:
            continue
        seen += 1
        if seen > _SITE_SCAN:
            break
        folded = fold(line.text)
        if _is_header_element(line) or folded.startswith("dang cong") or pat.addressees.match(folded):
            break  # the document has begun (its national name, even wrapped, motto, date, symbol, Kính gửi)
        if pat.site_label.match(folded):
            labels += 1
            start = i + 1
            if folded.rstrip().endswith(":"):  # the value stands on the next line of the flattened table
                j, _ = _next_content(lines, i + 1)
                start = j + 1
        elif pat.site_notice.search(folded):
            notices += 1
            start = i + 1
        elif labels:
            break  # a line after the metadata table that is none of it: the document (with no header)
    if labels < 2 and not notices:
        start = 0
    end = len(lines)
    for i in range(start, len(lines)):
        text = lines[i].text
        if text and len(text) <= 80 and pat.site_after.match(fold(text)):
            end = i
            break
    if end < len(lines):
        # the page's title of the document just above ("Thông báo kết luận 432-TB/VPTW ... do ... ban hành")
        k = end - 1
        while k > start and (not lines[k].text or _SITE_TITLE.search(fold(lines[k].text))):
            if lines[k].text:
                end = k
            k -= 1
    return start, end


def segment(text: Text, *, carried: bool = False) -> Skeleton:
    """Split the document's lines into zones and build the section tree (``carried``: a
    document another carries, whose own followers the carrier has already cut off)."""
    lines = text.lines
    pat = patterns()
    warnings: list[tuple[str, str, int | None]] = []
    start, end = site_bounds(lines)
    if start or end < len(lines):
        dropped = [f"{lines[0].no}–{lines[start - 1].no}"] if start else []
        dropped += [f"{lines[end].no}–{lines[-1].no}"] if end < len(lines) else []
        warnings.append(("site-text-removed", f"lines {' and '.join(dropped)} are a web site's text around the document, not part of it", lines[start - 1].no if start else lines[end].no))
        lines = lines[start:end]
    found = _find_type_line(lines)
    width = _header_width(lines[: (found[0] if found else min(len(lines), 25))])
    sk = Skeleton(header=[])
    body_start = 0
    if found:
        t, printed, m = found
        type_line = lines[t]
        sk.header = header_fragments(lines[header_start(lines[:t]) : t], width)
        sk.type_line = Fragment(type_line, printed)
        sk.type_name = printed
        i, gap = _next_content(lines, t + 1)
        first_title = None
        if m.group("more") and not m.group("rest"):
            # "THÔNG BÁO KẾT LUẬN" / "CỦA ĐỒNG CHÍ ...": a notice whose trích yếu opens with the
            # second type name ("Kết luận của ..."), as where the two stand on two lines
            stripped = printed.strip()
            sk.type_name = stripped[: m.end("name")]
            first_title, i = stripped[m.start("more") :], t
        elif i < len(lines) and fold(lines[i].text).startswith("cua "):
            # "NGHỊ QUYẾT / CỦA BAN THƯỜNG VỤ TỈNH ỦY": whose document it is, not its title;
            # "của Ban Thường vụ Tỉnh ủy về ..." on one line: the title starts at "về"
            about = re.search(r"\s(?=ve\s)", fold(lines[i].text))
            if about:
                sk.type_suffix = Fragment(lines[i], lines[i].text[: about.start()])
                first_title = lines[i].text[about.end() :]
            elif len(lines[i].text) <= 80 and not _terminal(lines[i].text):
                sk.type_suffix = Fragment(lines[i], lines[i].text)
                i, gap = _next_content(lines, i + 1)
        if first_title is not None:
            sk.title.append(Fragment(lines[i], first_title))
        elif i < len(lines) and not lines[i].rule_before and _can_open_title(lines[i]):
            sk.title.append(Fragment(lines[i], lines[i].text))
        if sk.title:
            j = i + 1
            while True:
                k, gap = _next_content(lines, j)
                if k >= len(lines):
                    break
                if not _title_continues(sk.title, lines[k], gap):
                    # a line in capitals that looks like the next element but that the title goes
                    # on after, in lower case ("HỘI NGHỊ LẦN THỨ MƯỜI" / "BAN CHẤP HÀNH TRUNG
                    # ƯƠNG ĐẢNG KHOÁ XIII" / "về phát triển ..."): part of the title
                    after, gap_after = _next_content(lines, k + 1)
                    if gap or gap_after or after >= len(lines) or not is_upper(lines[k].text) or not starts_lower(lines[after].text) or read_marker(lines[after].text):
                        break
                sk.title.append(Fragment(lines[k], lines[k].text))
                j = k + 1
            body_start = j
        else:
            body_start = i
    elif (titled := _titled_first_line(lines)) is not None:
        t, cut = titled
        sk.type_line = Fragment(lines[t], lines[t].text[:cut].strip())
        sk.type_name = sk.type_line.text
        sk.title.append(Fragment(lines[t], lines[t].text[cut:].strip()))
        body_start = t + 1
        k, _ = _next_content(lines, body_start)
        if k < len(lines) and _names_authority(lines[k].text):
            # "Thủ tướng Chính phủ" under it, in the same case: the enacting authority
            sk.authority.append(lines[k])
            body_start = k + 1
    else:
        body_start = _headerless(lines, sk, width)
    # enacting authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...") and addressees
    i, _ = _next_content(lines, body_start)
    while i < len(lines) and _is_authority_line(lines[i].text) and not read_marker(lines[i].text):
        sk.authority.append(lines[i])
        i, _ = _next_content(lines, i + 1)
        body_start = i
    i, _ = _next_content(lines, body_start)
    if i < len(lines) and pat.addressees.match(fold(lines[i].text)):
        body_start = _addressees(lines, i, sk)
    elif i < len(lines) and sk.authority and pat.addressees_after.search(fold(sk.authority[-1].text)):
        # a Công điện: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:" and the list it is sent to
        body_start = _addressees(lines, i, sk, first_is_entry=True)
    closing_start, appendix_starts = _closing(lines, body_start)
    if carried:
        appendix_starts = []
    body = lines[body_start:closing_start]
    sk.body = body
    sk.closing = [line for line in lines[closing_start : appendix_starts[0] if appendix_starts else len(lines)]]
    for a, b in zip(appendix_starts, appendix_starts[1:] + [len(lines)]):
        sk.appendices.append(lines[a:b])
    paras = paragraphs(body)
    paras, sk.closing_paras = _split_closing_paras(paras)
    sk.preamble, sk.sections, tree_warnings = build_tree(paras)
    if not sk.sections and sk.closing_paras:
        sk.preamble += sk.closing_paras
        sk.closing_paras = []
    warnings.extend(tree_warnings)
    sk.warnings = warnings + sk.warnings
    return sk


def _titled_first_line(lines: list[Line]) -> tuple[int, int] | None:
    """A text with no header whose first line is the type name and the title run together, in
    sentence case, as a dataset or a site stores a document ("Chỉ thị về tăng cường ...",
    "Quyết định về việc thành lập ..."): (line index, where the title starts)."""
    i, _ = _next_content(lines, 0)
    if i >= len(lines) or len(lines[i].text) > 400 or read_marker(lines[i].text):
        return None
    text = lines[i].text
    folded = fold(text)
    m = patterns().type_names.match(folded)
    if not m or m.end() >= len(text) or text[m.end()] != " ":
        return None
    rest = text[m.end() :].strip()
    if not rest or not (starts_lower(rest) or fold(rest).startswith("ve ")) or _terminal(rest) and len(rest) < 20:
        return None
    return i, m.end()


def _can_open_title(line: Line) -> bool:
    if line.label:
        return False
    text = line.text
    marker = read_marker(text)
    if marker and marker.type not in _BULLETS:
        return False
    folded = fold(text)
    if patterns().grounds.match(folded) and not folded.startswith("thuc hien"):
        return False
    return not _is_authority_line(text)


def _headerless(lines: list[Line], sk: Skeleton, width: int) -> int:
    """No type line: a công văn ("V/v ..." under the symbol) or a body without header."""
    pat = patterns()
    limit = 0
    for i, line in enumerate(lines):
        if not line.text:
            continue
        limit += 1
        if limit > 40:
            break
        frags = _fragments(line, width)
        for frag in frags:
            folded = fold(frag.text)
            m = pat.abstract.match(folded) or _abstract_under_symbol(lines, i, folded)
            inside = None if m else _ABSTRACT_INSIDE.search(folded) if pat.symbol_line.match(folded) else None
            if inside is not None:
                # "Số: 123/BCT-KH V/v: Triển khai ...": the abstract shares the symbol's cell
                sk.header = header_fragments(lines[header_start(lines[:i]) : i], width) + [Fragment(line, frag.text[: inside.start()].strip(), frag.column)]
                sk.header += [f for f in frags if f is not frag]
                sk.title.append(Fragment(line, frag.text[inside.end() :].strip()))
                sk.abstract = True
                return _more_header(lines, i + 1, sk, width)
            if not (m and frag.column == 0 or m and len(frags) == 1):
                continue
            if not any(_is_header_element(prior) for prior in lines[:i] if prior.text) and any(
                _is_header_element(after) for after in lines[i + 1 : i + 12] if after.text
            ):
                # a title a site or repository put above the document ("# V/v ..."): the
                # header, and the abstract, are below it
                sk.warnings.append(("title-line-skipped", f"line {line.no} repeats the abstract above the header: not read as the document's", line.no))
                break
            sk.header = header_fragments(lines[header_start(lines[:i]) : i], width)
            sk.header += [f for f in frags if f is not frag]
            sk.title.append(Fragment(line, frag.text[m.end() :].strip()))
            sk.abstract = True
            j = i + 1
            while j < len(lines) and lines[j].text:
                nxt = _fragments(lines[j], width)
                left = [f for f in nxt if f.column == 0] or nxt
                lead = left[0].text
                flead = fold(lead)
                if pat.addressees.match(flead) or read_marker(lead) and read_marker(lead).type != "dash":
                    break
                if not starts_lower(lead) and not lines[j].run_cont and (
                    _terminal(sk.title[-1].text) or is_upper(lead) or _is_header_element(lines[j])
                ):
                    break  # the rest of a flattened header, not the abstract
                sk.title.append(Fragment(lines[j], lead))
                sk.header += [f for f in nxt if f not in left]
                j += 1
            return _more_header(lines, j, sk, width)
    # no title at all: the header is the leading run of header-shaped lines
    i = 0
    header: list[Fragment] = []
    while i < len(lines):
        line = lines[i]
        if line.text:
            folded = fold(line.text)
            shaped = (
                is_upper(line.text)
                or pat.symbol_line.match(folded)
                or pat.motto.search(folded)
                or pat.date_line.search(line.text)
                or line.cells
            )
            if not shaped or read_marker(line.text):
                break
            header += _fragments(line, width)
        i += 1
    sk.header = header
    return i


_ABSTRACT_INSIDE = re.compile(r"\s(?:v\s*/\s*v\b\.?|ve\s+viec\b)\s*:?\s*")  # folded: a "V/v" after the symbol in one cell


_ABOUT = re.compile(r"ve\s+")


def _abstract_under_symbol(lines: list[Line], i: int, folded: str) -> re.Match | None:
    """"Số: 5155/SGDĐT-GDTXNNĐH" / "Về hướng dẫn đánh giá ...": a công văn's abstract printed
    with "Về" alone, right under the symbol in its cell."""
    if not folded.startswith("ve ") or i == 0 or not lines[i - 1].text:
        return None
    above = fold(lines[i - 1].text)
    if not patterns().symbol_line.match(above) or not any(ch.isdigit() or ch == "/" for ch in above):
        return None
    return _ABOUT.match(folded)


def _is_header_element(line: Line | str) -> bool:
    """A line that is a header element by what it is, wherever it stands: the national name or
    Party line (also their first words, wrapped), the motto, a date line, a symbol line."""
    text = line if isinstance(line, str) else line.text
    folded = fold(text)
    if _HEADER_START.match(folded) or pat_motto(folded):
        return True
    if len(text) <= 90 and ("," in text and patterns().date_line.search(text) or patterns().date_line_bare.match(text)):
        return True
    return bool(patterns().symbol_line.match(folded)) and len(text) <= 60 and any(ch.isdigit() or ch == "/" for ch in text)


def pat_motto(folded: str) -> bool:
    return bool(patterns().motto.search(folded))


def _more_header(lines: list[Line], j: int, sk: Skeleton, width: int) -> int:
    """Header elements that follow the abstract (a header flattened or linearised one field
    after another: the national name, the date line after "V/v ..."), across blank lines and
    cell boundaries: into the header; the index after them."""
    end = j
    k, _ = _next_content(lines, j)
    while k < len(lines) and not read_marker(lines[k].text):
        # the element with the rest of its printed line, wrapped
        e = k + 1
        text = lines[k].text
        while e < len(lines) and lines[e].text and not lines[e].cells and (lines[e].run_cont or _unfinished(text)):
            text += " " + lines[e].text
            e += 1
        if not (_is_header_element(text) or is_upper(text) and end > j and len(text) <= 80):
            break
        end = e
        k, _ = _next_content(lines, end)
    if end > j:
        sk.header += header_fragments(lines[j:end], width)
    return end


def _addressees(lines: list[Line], i: int, sk: Skeleton, *, first_is_entry: bool = False) -> int:
    """The "Kính gửi:" list, up to a blank line or, in text with no blank lines, up to what
    starts the body: a numbered item, a paragraph opener ("Thực hiện", "Căn cứ" ...), or a
    capitalised line after an entry that ended with a full stop."""
    j = i
    if not first_is_entry:
        sk.addressees.append(lines[i])  # the "Kính gửi:" line
        j = i + 1
    while j < len(lines) and lines[j].text:
        text = lines[j].text
        marker = read_marker(text)
        if marker is not None and marker.type not in _BULLETS:
            break
        if marker is None and not starts_lower(text):
            if patterns().opener.match(fold(text)) or sk.addressees and sk.addressees[-1].text.rstrip().endswith("."):
                break
        sk.addressees.append(lines[j])
        j += 1
    return j


# first letters of what opens the closing (see layout.toml [closing]): a cheap test before folding
_CLOSING_INITIALS = frozenset("NnGgKkĐđTtQqLl")


def _closing(lines: list[Line], start: int) -> tuple[int, list[int]]:
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
            if pat.recipients.match(folded) or (seen_body and pat.attachments.match(folded)):
                hit = True
            elif seen_body and pat.authority.match(piece) and is_upper(piece):
                hit = True
        if hit:
            closing = i
            break
        seen_body = True
    if closing is None:
        closing = _trailing_signature(lines, start)
    return closing, _appendix_starts(lines, closing)


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
        if pat.appendix.match(folded) and (is_upper(text[:7]) or line.md_heading or line.centered or line.bold or len(text) > 20):
            start = i
        elif (not starts or seen > _CARRIED_GAP) and is_upper(text) and pat.type_line.match(folded) and _followed_by_text(lines, i):
            start = i
        elif any(_HEADER_START.match(fold(c)) for c in ([c for _, c in line.cells] if line.cells else [text])) and (not starts or seen > _CARRIED_GAP):
            start = _header_block_start(lines, i, starts[-1] if starts else closing)
        if start is not None and (not starts or start > starts[-1]):
            starts.append(start)
            seen = 0
    return starts


def _header_block_start(lines: list[Line], i: int, floor: int) -> int:
    """The first line of a header whose national name or Party line stands at ``i``: the
    issuer lines in capitals right above it (no blank line between), if any."""
    k = i
    while k - 1 > floor and k > i - 3 and lines[k - 1].text and is_upper(lines[k - 1].text) and len(lines[k - 1].text) <= 80:
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
    while k >= 0 and is_upper(lines[idx[k]].text) and len(lines[idx[k]].text) < 60 and not read_marker(lines[idx[k]].text):
        first = idx[k]
        k -= 1
    return first


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
    prev_done = prev is None or _terminal(prev.end()) or _heading_like(prev) or gap
    if marker.type in _BULLETS:
        # "- xã hội tỉnh ..." after an unfinished line is a wrapped "chính trị - xã hội"
        return starts_upper(marker.rest) or not marker.rest[:1].isalpha() or prev is None or _terminal(prev.end())
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
    return len(text) <= 160 and (is_upper(text) or not _terminal(text) and para.marker is not None and para.marker.type not in _BULLETS)


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
                return len(prev) == len(marker.value) and marker.value[:-1] == prev[:-1] and marker.value[-1] == prev[-1] + 1
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
            marker = read_marker(line.label + " " + text) or Marker("bullet", line.label, None, text)
        else:
            candidate = read_marker(text) or _weak_marker(text)
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
    if marker.type in _BULLETS:
        if marker.type in types:
            return types[: types.index(marker.type) + 1]
        return types + [marker.type]
    rank = _rank(marker)
    while types and (types[-1] in _BULLETS or _RANK.get(types[-1], 4.5 if types[-1] == "dotted" else 9) >= rank):
        types.pop()
    return types + [marker.type]


def _join_sep(a: str, b: str) -> str:
    """What goes between a paragraph that ends with ``a`` and its next line ``b``."""
    if a.endswith("-") and WRAP_HYPHEN.search(a, len(a) - 2) and not a.endswith(" -"):
        # "Kết luận số 02-" + "KL/TW": a symbol wrapped at its hyphen
        if re.search(r"\d-$", a) or re.match(r"[A-ZĐ]", b):
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
    if line.para_start and not starts_lower(text):
        return False  # a new Word paragraph: only a lower-case start continues the last one
    terminal = _terminal(prev)
    if starts_lower(text) or text[:1] in ",;)":
        return not (terminal and prev.rstrip().endswith((".", ":")) and (gap or not _full(prev_line, full)))
    if prev.endswith("-") and WRAP_HYPHEN.search(prev, len(prev) - 2) and not gap:
        return True
    first_digit = text[:1].isdigit()
    if gap:
        # a page break (or a blank line) in the middle of a sentence
        if not terminal and _full(prev_line, full) and (line.page_break or first_digit or not starts_upper(text) or _acronym_start(text)):
            return True
        return False
    if terminal:
        # a sentence ended at the end of a full line and the next sentence
        # continues the same paragraph, unless the next line is indented as a
        # paragraph's first line
        if prev.rstrip().endswith(":"):
            return False
        return _full(prev_line, full) and line.indent <= base + 2 and not _heading_like(Para([prev_line], prev_line.text))
    if _full(prev_line, full):
        return True
    return first_digit and not _heading_like(cur)


def _acronym_start(text: str) -> bool:
    word = text.split()[0] if text.split() else ""
    return len(word) >= 2 and word.isupper() and not is_syllable(word)


def _split_closing_paras(paras: list[Para]) -> tuple[list[Para], list[Para]]:
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
        ends_request = re.search(r"(?:thuc hien|trien khai)\W*$", folded) is not None
        if folded.startswith("tren day") or END_MARK.search(para.text) or (opener and ends_request and len(para.text) <= 300):
            closing.insert(0, paras.pop())
            continue
        break
    return paras, closing


# --- tree -------------------------------------------------------------------


def build_tree(paras: list[Para]) -> tuple[list[Para], list[Node], list[tuple[str, str, int | None]]]:
    """Nest paragraphs under their markers. Returns (preamble, top-level nodes, warnings)."""
    preamble: list[Para] = []
    roots: list[Node] = []
    stack: list[Node] = []
    first = next((p.marker.type for p in paras if p.marker is not None and p.marker.type not in _BULLETS), None)
    # a document whose top level is articles ("Điều 1") keeps the parts an article lists ("I.",
    # "A.": a plan written out inside Điều 1) under that article
    inside_article = first == "article"

    def rank(marker: Marker) -> float:
        if inside_article and marker.type in ("roman", "upper"):
            return _RANK["article"] + 0.5
        return _rank(marker)

    opening = _grounds_bullets(paras) if first is not None else 0
    for index, para in enumerate(paras):
        marker = para.marker
        if marker is None or index < opening:
            # dash items before the first numbered part are the preamble's grounds ("- Căn cứ ...")
            target = None
            for node in reversed(stack):
                if node.marker.type not in _BULLETS:
                    target = node
                    break
            if target is None and stack:
                target = stack[-1]
            if target is None:
                preamble.append(para)
            else:
                target.paras.append(para)
            continue
        node = Node(marker, [para])
        if marker.type in _BULLETS:
            types = [n.marker.type for n in stack]
            if marker.type in types:
                del stack[types.index(marker.type) :]
        else:
            r = rank(marker)
            while stack and (stack[-1].marker.type in _BULLETS or rank(stack[-1].marker) >= r):
                stack.pop()
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
    warnings: list[tuple[str, str, int | None]] = []
    _finish(roots, "", warnings)
    _check_numbering(roots, "", warnings)
    return preamble, roots, warnings


def _grounds_bullets(paras: list[Para]) -> int:
    """How many paragraphs open the body as the preamble's grounds set as dash items ("- Căn
    cứ ...", "- Xét ..."), before the first numbered part: 0 when no ground phrase is among them."""
    grounds = patterns().grounds
    end = next((i for i, p in enumerate(paras) if p.marker is not None and p.marker.type not in _BULLETS), 0)
    if any(p.marker is not None and grounds.match(fold(p.content)) for p in paras[:end]):
        return end
    return 0


def _finish(nodes: list[Node], parent_path: str, warnings: list) -> None:
    bullet_count = 0
    for node in nodes:
        marker = node.marker
        if marker.type in _BULLETS:
            bullet_count += 1
            node.path = f"{parent_path}.{marker.label}{bullet_count}" if parent_path else f"{marker.label}{bullet_count}"
        else:
            node.path = f"{parent_path}.{marker.label}" if parent_path else marker.label
        _decide_heading(node)
        _finish(node.children, node.path, warnings)


def _decide_heading(node: Node) -> None:
    first = node.paras[0]
    content = first.content.strip()
    rest = [p.text for p in node.paras[1:]]
    kind = node.marker.type
    part = kind in ("part", "chapter", "roman", "upper")
    if not content and rest and (part or kind == "article"):
        # "Chương I" / "QUY ĐỊNH CHUNG": the heading stands on the next line
        nxt = node.paras[1].text.strip()
        if len(nxt) <= 200 and (is_upper(nxt) or not _terminal(nxt)):
            content, rest = nxt, rest[1:]
    followed = bool(node.children or rest)
    heading = None
    if content:
        stripped = content.rstrip()
        short = len(stripped) <= 250
        if part:
            if short and (is_upper(stripped) or not _terminal(stripped) or stripped.endswith(":") or not followed):
                heading = stripped
        elif kind == "article":
            if len(stripped) <= 200 and (stripped.endswith(":") and followed or not _terminal(stripped)):
                heading = stripped
        elif len(stripped) <= 200 and followed:
            if stripped.endswith(":") or not _terminal(stripped):
                heading = stripped
            elif stripped.endswith(".") and len(stripped) <= 120 and node.children and stripped.count(". ") == 0:
                heading = stripped
    if heading is not None:
        node.heading = heading.rstrip(" :;.").strip() or None
        node.text = "\n".join(rest)
    else:
        node.text = "\n".join([content] + rest) if content else "\n".join(rest)


def _check_numbering(nodes: list[Node], parent: str, warnings: list) -> None:
    by_type: dict[str, list[Node]] = {}
    for node in nodes:
        if node.marker.value is not None:
            by_type.setdefault(node.marker.type, []).append(node)
    for kind, group in by_type.items():
        prev = None
        for node in group:
            value = node.marker.value
            if prev is not None:
                pv = prev.marker.value
                a, b = pv[-1], value[-1]
                if b == a:
                    warnings.append(("numbering-repeat", f"{prev.marker.label} is followed by {node.marker.label} again", node.first))
                elif b < a:
                    warnings.append(("numbering-back", f"{prev.marker.label} is followed by {node.marker.label}", node.first))
                elif b > a + 1 and not (kind == "letter" and b == a + 2 and LETTERS[a - 1 : a] == "d"):
                    missing = ", ".join(_label_of(kind, v) for v in range(a + 1, b))
                    where = f" in {parent}" if parent else ""
                    warnings.append(
                        ("numbering-gap", f"a section-number gap{where}: {prev.marker.label} is followed by {node.marker.label} (no {missing})", node.first)
                    )
            prev = node
    for node in nodes:
        _check_numbering(node.children, node.path, warnings)


def _label_of(kind: str, value: int) -> str:
    if kind in ("roman", "part", "chapter"):
        out = ""
        for n, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while value >= n:
                out += sym
                value -= n
        return out
    if kind == "letter":
        return LETTERS[value - 1] if 0 < value <= len(LETTERS) else str(value)
    return str(value)
