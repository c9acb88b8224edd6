"""Lines → the document's zones, top to bottom: the site's text around a web copy (dropped),
the header, the type line and title, the authority line and addressees, the body, the
closing (Nơi nhận, signature) and the documents carried after it."""

from __future__ import annotations

import re

from ..patterns import (
    patterns,
)
from ..read import Line, Text
from ..text import fold, is_upper, starts_lower
from ..warning import Warning
from .closing_zone import find_closing
from .header_zone import (
    can_open_title,
    find_type_line,
    header_fragments,
    header_start,
    header_width,
    is_authority_line,
    names_authority,
    read_headerless,
    site_bounds,
    title_continues,
)
from .paragraphs import paragraphs, split_closing_paras
from .shapes import BULLETS, ends_sentence, read_marker
from .skeleton import Fragment, Skeleton, next_content
from .tree import build_tree

_BEFORE_ABOUT = re.compile(r"\s(?=ve\s)")  # where "về" starts the title on a type-suffix line (folded)


def segment(text: Text, *, carried: bool = False) -> Skeleton:
    """Split the document's lines into zones and build the section tree (``carried``: a
    document another carries, whose own followers the carrier has already cut off)."""
    lines = text.lines
    pat = patterns()
    warnings: list[Warning] = []
    start, end = site_bounds(lines)
    if start or end < len(lines):
        dropped = [f"{lines[0].no}–{lines[start - 1].no}"] if start else []
        dropped += [f"{lines[end].no}–{lines[-1].no}"] if end < len(lines) else []
        warnings.append(
            Warning(
                "site-text-removed",
                f"lines {' and '.join(dropped)} are a web site's text around the document, not part of it",
                lines[start - 1].no if start else lines[end].no,
            )
        )
        lines = lines[start:end]
    found = find_type_line(lines)
    width = header_width(lines[: (found[0] if found else min(len(lines), 25))])
    sk = Skeleton(header=[])
    body_start = 0
    if found:
        t, printed, m = found
        type_line = lines[t]
        sk.header = header_fragments(lines[header_start(lines[:t]) : t], width)
        sk.type_line = Fragment(type_line, printed)
        sk.type_name = printed
        i, gap = next_content(lines, t + 1)
        first_title = None
        if m.group("more") and not m.group("rest"):
            # "THÔNG BÁO KẾT LUẬN" / "CỦA ĐỒNG CHÍ ...": a notice whose trích yếu opens with the
            # second type name ("Kết luận của ..."), as where the two stand on two lines
            stripped = printed.strip()
            sk.type_name = stripped[: m.end("name")]
            first_title, i = stripped[m.start("more") :], t
        elif i < len(lines) and pat.type_suffix.match(fold(lines[i].text)):
            # "NGHỊ QUYẾT / CỦA BAN THƯỜNG VỤ TỈNH ỦY": whose document it is, not its title;
            # "của Ban Thường vụ Tỉnh ủy về ..." on one line: the title starts at "về"
            about = _BEFORE_ABOUT.search(fold(lines[i].text))
            if about:
                sk.type_suffix = Fragment(lines[i], lines[i].text[: about.start()])
                first_title = lines[i].text[about.end() :]
            elif len(lines[i].text) <= 80 and not ends_sentence(lines[i].text):
                sk.type_suffix = Fragment(lines[i], lines[i].text)
                i, gap = next_content(lines, i + 1)
        if first_title is not None:
            sk.title.append(Fragment(lines[i], first_title))
        elif i < len(lines) and not lines[i].rule_before and can_open_title(lines[i]):
            sk.title.append(Fragment(lines[i], lines[i].text))
        if sk.title:
            j = i + 1
            while True:
                k, gap = next_content(lines, j)
                if k >= len(lines):
                    break
                if not title_continues(sk.title, lines[k], gap):
                    # a line in capitals that looks like the next element but that the title goes
                    # on after, in lower case ("HỘI NGHỊ LẦN THỨ MƯỜI" / "BAN CHẤP HÀNH TRUNG
                    # ƯƠNG ĐẢNG KHOÁ XIII" / "về phát triển ..."): part of the title
                    after, gap_after = next_content(lines, k + 1)
                    if (
                        gap
                        or gap_after
                        or after >= len(lines)
                        or not is_upper(lines[k].text)
                        or not starts_lower(lines[after].text)
                        or read_marker(lines[after].text)
                    ):
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
        k, _ = next_content(lines, body_start)
        if k < len(lines) and names_authority(lines[k].text):
            # "Thủ tướng Chính phủ" under it, in the same case: the enacting authority
            sk.authority.append(lines[k])
            body_start = k + 1
    else:
        body_start = read_headerless(lines, sk, width)
    # enacting authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...") and addressees
    i, _ = next_content(lines, body_start)
    while i < len(lines) and is_authority_line(lines[i].text) and not read_marker(lines[i].text):
        sk.authority.append(lines[i])
        i, _ = next_content(lines, i + 1)
        body_start = i
    i, _ = next_content(lines, body_start)
    if i < len(lines) and pat.addressees.match(fold(lines[i].text)):
        body_start = _addressees(lines, i, sk)
    elif i < len(lines) and sk.authority and pat.addressees_after.search(fold(sk.authority[-1].text)):
        # a Công điện: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:" and the list it is sent to
        body_start = _addressees(lines, i, sk, first_is_entry=True)
    closing_start, appendix_starts = find_closing(lines, body_start)
    if carried:
        appendix_starts = []
    body = lines[body_start:closing_start]
    sk.body = body
    sk.closing = [line for line in lines[closing_start : appendix_starts[0] if appendix_starts else len(lines)]]
    for a, b in zip(appendix_starts, [*appendix_starts[1:], len(lines)], strict=False):
        sk.appendices.append(lines[a:b])
    paras = paragraphs(body)
    paras, sk.closing_paras = split_closing_paras(paras)
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
    i, _ = next_content(lines, 0)
    if i >= len(lines) or len(lines[i].text) > 400 or read_marker(lines[i].text):
        return None
    text = lines[i].text
    folded = fold(text)
    m = patterns().type_names.match(folded)
    if not m or m.end() >= len(text) or text[m.end()] != " ":
        return None
    rest = text[m.end() :].strip()
    if not rest or not (starts_lower(rest) or fold(rest).startswith("ve ")) or (ends_sentence(rest) and len(rest) < 20):
        return None
    return i, m.end()


def _addressees(lines: list[Line], i: int, sk: Skeleton, *, first_is_entry: bool = False) -> int:
    """The "Kính gửi:" list, up to a blank line or, in text with no blank lines, up to what
    starts the body: a numbered item, a paragraph opener ("Thực hiện", "Căn cứ" ...), or a
    capitalised line after an entry that ended with a full stop."""
    j = i
    if not first_is_entry:
        sk.addressees.append(lines[i])  # the "Kính gửi:" line
        j = i + 1
        if not patterns().addressees.sub("", fold(lines[i].text)).strip():
            j, _ = next_content(lines, j)  # "Kính gửi:" alone, its list in the next cell of a flattened table
    elif j < len(lines) and not lines[j].text:
        j, _ = next_content(lines, j)
    while j < len(lines) and lines[j].text:
        text = lines[j].text
        marker = read_marker(text)
        if marker is not None and marker.type not in BULLETS:
            break
        if marker is None and not starts_lower(text):
            if patterns().opener.match(fold(text)) or (sk.addressees and sk.addressees[-1].text.rstrip().endswith(".")):
                break
        sk.addressees.append(lines[j])
        j += 1
    return j


# first letters of what opens the closing (see layout.toml [closing]): a cheap test before folding
