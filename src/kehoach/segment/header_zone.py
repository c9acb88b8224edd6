"""The header zone: the site's text around a web copy, the header's lines with wrapped elements put back
together, the type line and the title, a công văn's abstract, and header elements printed after it."""

from __future__ import annotations

import functools
import re

from ..patterns import (
    patterns,
)
from ..read import Line
from ..text import fold, is_upper, starts_lower
from ..warning import Warning
from .shapes import BULLETS, Kind, ends_sentence, read_marker
from .skeleton import Fragment, Skeleton, next_content


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
_NATIONAL_NAMES = (
    "cong hoa xa hoi chu nghia viet nam",
    "dang cong san viet nam",
    "doc lap - tu do - hanh phuc",
)
# a date line cut before its date is complete: "Lai Châu, ngày" / "19 tháng 11 năm 2025"
_OPEN_DATE_LINE = re.compile(
    r",\s*(?:ngay(?:\s+\d{1,2})?(?:\s+thang(?:\s+\d{1,2})?)?(?:\s+nam)?|\d{1,2}\s*/\s*\d{1,2}\s*/?)\s*$"
)
# "Số:" with no number yet, or a symbol cut at a hyphen or slash ("Số: 12 /HDLN-BCA-BQP-")
_OPEN_SYMBOL_LINE = re.compile(r"^so\s*[:.]?\s*(?:\d.*[-/])?\s*$")


def _unfinished(text: str) -> bool:
    """Is this header line only the first part of an element wrapped onto the next line?"""
    folded = " ".join(fold(text).replace("–", "-").split())
    if len(folded) >= 4 and any(name.startswith(folded) and name != folded for name in _NATIONAL_NAMES):
        return True
    if _OPEN_SYMBOL_LINE.match(folded):
        return True
    return (
        "," in folded
        and bool(_OPEN_DATE_LINE.search(folded))
        and bool(patterns().date_line.search(text.rstrip() + " 1"))
    )


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
    if line.cells or is_upper(text) or text.count(" ") < 12:  # (running text has words: "1/2/3/..." is none)
        return False
    return len(text) > 160 or (len(text) > 80 and text.rstrip().endswith("."))


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
            and (_unfinished(out[-1].text) or (line.run_cont and _run_goes_on(out[-1].text, line.text)))
        ):
            joined = out[-1].text.rstrip()
            out[-1].text = (
                joined
                + ("" if joined.endswith(("-", "/")) and _OPEN_SYMBOL_LINE.match(fold(joined)) else " ")
                + line.text
            )
            prev = line
            continue
        frags = _fragments(line, width)
        if (
            prev is not None
            and line.cells
            and not line.rule_before
            and out[-1].column == 0
            and frags[0].column == 0
            and _OPEN_SYMBOL_LINE.match(fold(out[-1].text))
        ):
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


def find_type_line(lines: list[Line], limit: int = 60) -> tuple[int, str, re.Match] | None:
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
            if (
                m
                and not m.group("more")
                and not m.group("rest")
                and any(_header_element(above.text) for above in lines[:i] if above.text)
            ):
                return i, line.text, m
    return None


def _header_element(text: str) -> bool:
    pat = patterns()
    folded = fold(text)
    return bool(pat.symbol_line.match(folded) or ", ngay" in folded or pat.motto.search(folded))


def title_continues(title: list[Fragment], line: Line, gap: bool) -> bool:
    text = line.text
    marker = read_marker(text)
    if line.label or line.rule_before or (marker is not None and marker.type not in BULLETS):
        return False
    if starts_lower(text):
        return not ends_sentence(title[-1].text)
    if gap:
        return False
    first = title[0].text
    if ends_sentence(title[-1].text) and not title[-1].text.rstrip().endswith(","):
        return False
    if patterns().grounds.match(fold(text)) or patterns().authority.match(text) or is_authority_line(text):
        return False
    if is_upper(first):
        return is_upper(text)
    if is_upper(text):
        return False  # a line in capitals after a title in mixed case: the next element ("CHỦ TỊCH ...")
    # mixed case title: a following line of similar shape (centred, short) continues it
    if line.centered and title[-1].line.centered:
        return True
    return len(text) <= max(len(f.text) for f in title) * 1.2 and not ends_sentence(title[-1].text) and len(title) < 6


def names_authority(text: str) -> bool:
    """A short line that names an enacting body in any case ("Thủ tướng chính phủ",
    "Hội đồng nhân dân tỉnh X"), as a text that lost its capitals prints it."""
    folded = fold(text)
    return (
        len(text) <= 80
        and not ends_sentence(text)
        and bool(patterns().authority_head.match(folded) or patterns().issuer_head.match(folded))
    )


def is_authority_line(text: str) -> bool:
    """The enacting authority under the title, in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"),
    or a Công điện's sender with its "điện:" ("THỦ TƯỚNG CHÍNH PHỦ điện:")."""
    if len(text) > 140 or not patterns().authority_head.match(fold(text)):
        return False
    if is_upper(text):
        return True
    cut = patterns().addressees_after.search(fold(text))
    return cut is not None and is_upper(text[: cut.start()])


def header_width(lines: list[Line]) -> int:
    ends = [line.end for line in lines if line.text]
    return max(ends) if ends else 0


NATIONAL_LINE = re.compile(r"^(?:cong\s+hoa|dang\s+cong\s+san|doc\s+lap\s*[-–]?\s*tu\s+do)")
_SITE_SCAN = 200  # lines from the top where a web page's metadata table and banners may stand
_SITE_TITLE = re.compile(
    r"\b(?:do|cua)\s+.+\s+ban\s+hanh\s*$"
)  # the page's own title of the document, "... do X ban hành"


@functools.cache
def _site_text_patterns() -> tuple[re.Pattern, ...]:
    """The site patterns of :func:`patterns`, for a whole text with a line break before each
    line: the line-start ``^`` made that line break, which the regex engine looks for first."""
    pat = patterns()
    anchored = (pat.site_label, pat.site_after)
    assert all(p.pattern.startswith("^") for p in anchored)
    return (*(re.compile("\n" + p.pattern[1:]) for p in anchored), pat.site_notice)


def _may_have_site_text(lines: list[Line]) -> bool:
    """Could :func:`site_bounds` find the site's text: two metadata lines, a notice or a line
    after the document? Asked of the whole folded text at once (a line that matches is a
    match there too), so that a document without them pays three searches, not a walk."""
    label, after, notice = _site_text_patterns()
    text = "\n" + "\n".join([fold(line.text) for line in lines])  # each line's fold kept for the stages after
    if after.search(text) or notice.search(text):
        return True
    labels = label.finditer(text)
    return next(labels, None) is not None and next(labels, None) is not None


def site_bounds(lines: list[Line]) -> tuple[int, int]:
    """Where the document starts and ends inside a web page saved with it: after the site's
    banners and metadata table ("Số hiệu:", "Loại văn bản:" ...), and before the site's text
    that follows the document ("Văn bản liên quan", "Văn bản này chưa cập nhật ..."). (0,
    len(lines)) when the text has none of it. The site's lines are vocabulary (layout.toml
    [site]); two metadata labels or one notice are needed, so that a document's own "Số
    hiệu:" line is never taken for the site's."""
    pat = patterns()
    if not _may_have_site_text(lines):
        return 0, len(lines)
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
                j, _ = next_content(lines, i + 1)
                start = min(j + 1, len(lines))  # (a label on the last line has no value after it)
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


def can_open_title(line: Line) -> bool:
    if line.label:
        return False
    text = line.text
    marker = read_marker(text)
    if marker and marker.type not in BULLETS:
        return False
    folded = fold(text)
    if patterns().grounds.match(folded) and not folded.startswith("thuc hien"):
        return False
    if len(text) > _TITLE_SENTENCE and text.rstrip(" *_").endswith(":"):
        return False  # "Ban Chấp hành Trung ương ... vô cùng thương tiếc báo tin:": the body's first sentence
    return not is_authority_line(text)


_TITLE_SENTENCE = 80  # a longer line that ends with a colon introduces the body; a title does not


def read_headerless(lines: list[Line], sk: Skeleton, width: int) -> int:
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
                sk.header = [
                    *header_fragments(lines[header_start(lines[:i]) : i], width),
                    Fragment(line, frag.text[: inside.start()].strip(), frag.column),
                ]
                sk.header += [f for f in frags if f is not frag]
                sk.title.append(Fragment(line, frag.text[inside.end() :].strip()))
                sk.abstract = True
                return _more_header(lines, i + 1, sk, width)
            if not ((m and frag.column == 0) or (m and len(frags) == 1)):
                continue
            if not any(_is_header_element(prior) for prior in lines[:i] if prior.text) and any(
                _is_header_element(after) for after in lines[i + 1 : i + 12] if after.text
            ):
                # a title a site or repository put above the document ("# V/v ..."): the
                # header, and the abstract, are below it
                sk.warnings.append(
                    Warning(
                        "title-line-skipped",
                        f"line {line.no} repeats the abstract above the header: not read as the document's",
                        line.no,
                    )
                )
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
                lead_marker = read_marker(lead)
                if pat.addressees.match(flead) or (lead_marker is not None and lead_marker.type != Kind.DASH):
                    break
                if (
                    not starts_lower(lead)
                    and not lines[j].run_cont
                    and (ends_sentence(sk.title[-1].text) or is_upper(lead) or _is_header_element(lines[j]))
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


_ABSTRACT_INSIDE = re.compile(
    r"\s(?:v\s*/\s*v\b\.?|ve\s+viec\b)\s*:?\s*"
)  # folded: a "V/v" after the symbol in one cell


_ABOUT = re.compile(r"ve\s+")


def _abstract_under_symbol(lines: list[Line], i: int, folded: str) -> re.Match | None:
    """ "Số: 5155/SGDĐT-GDTXNNĐH" / "Về hướng dẫn đánh giá ...": a công văn's abstract printed
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
    if NATIONAL_LINE.match(folded) or pat_motto(folded):
        return True
    if len(text) <= 90 and (
        ("," in text and patterns().date_line.search(text)) or patterns().date_line_bare.match(text)
    ):
        return True
    return (
        bool(patterns().symbol_line.match(folded)) and len(text) <= 60 and any(ch.isdigit() or ch == "/" for ch in text)
    )


def pat_motto(folded: str) -> bool:
    return bool(patterns().motto.search(folded))


def _more_header(lines: list[Line], j: int, sk: Skeleton, width: int) -> int:
    """Header elements that follow the abstract (a header flattened or linearised one field
    after another: the national name, the date line after "V/v ..."), across blank lines and
    cell boundaries: into the header; the index after them."""
    end = j
    k, _ = next_content(lines, j)
    while k < len(lines) and not read_marker(lines[k].text):
        # the element with the rest of its printed line, wrapped
        e = k + 1
        text = lines[k].text
        while e < len(lines) and lines[e].text and not lines[e].cells and (lines[e].run_cont or _unfinished(text)):
            text += " " + lines[e].text
            e += 1
        if not (_is_header_element(text) or (is_upper(text) and end > j and len(text) <= 80)):
            break
        end = e
        k, _ = next_content(lines, end)
    if end > j:
        sk.header += header_fragments(lines[j:end], width)
    return end
