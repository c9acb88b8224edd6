"""Paragraphs → the section tree: parts, items and bullets nested by their markers, headings decided,
numbering checked."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..patterns import (
    LETTERS,
    patterns,
    roman_numeral,
)
from ..text import fold, is_upper
from ..vocab import phrase_pattern, vocabulary
from ..warning import Warning
from .paragraphs import Para
from .shapes import BULLETS, PARTS, RANK, Kind, Marker, ends_sentence, marker_rank


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


# --- tree -------------------------------------------------------------------


def build_tree(paras: list[Para]) -> tuple[list[Para], list[Node], list[Warning]]:
    """Nest paragraphs under their markers. Returns (preamble, top-level nodes, warnings)."""
    preamble: list[Para] = []
    roots: list[Node] = []
    stack: list[Node] = []
    warnings: list[Warning] = []
    _repair_lost_i(paras, warnings)
    first = next((p.marker.type for p in paras if p.marker is not None and p.marker.type not in BULLETS), None)
    # a document whose top level is articles ("Điều 1") keeps the parts an article lists ("I.",
    # "A.": a plan written out inside Điều 1) under that article
    inside_article = first == "article"
    # capital-letter parts ("A.", "B.") that first appear inside a Roman part are its sections
    types = [p.marker.type for p in paras if p.marker is not None]
    upper_under_roman = (
        Kind.UPPER in types and Kind.ROMAN in types and types.index(Kind.ROMAN) < types.index(Kind.UPPER)
    )

    def rank(marker: Marker) -> float:
        if inside_article and marker.type in (Kind.ROMAN, Kind.UPPER):
            return RANK[Kind.ARTICLE] + 0.5
        if upper_under_roman and marker.type == Kind.UPPER:
            return RANK[Kind.ROMAN] + 0.5
        return marker_rank(marker)

    opening = _grounds_bullets(paras) if first is not None else 0
    for index, para in enumerate(paras):
        marker = para.marker
        if marker is None or index < opening:
            # dash items before the first numbered part are the preamble's grounds ("- Căn cứ ...")
            target = None
            for node in reversed(stack):
                if node.marker.type not in BULLETS:
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
        if marker.type in BULLETS:
            types = [n.marker.type for n in stack]
            if marker.type in types:
                del stack[types.index(marker.type) :]
        else:
            r = rank(marker)
            while stack and (stack[-1].marker.type in BULLETS or rank(stack[-1].marker) >= r):
                stack.pop()
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
    _finish(roots, "", warnings)
    _check_numbering(roots, "", warnings)
    return preamble, roots, warnings


def _repair_lost_i(paras: list[Para], warnings: list) -> None:
    """Part numbers that OCR read with an "I" lost ("I- TÌNH HÌNH", "I- QUAN ĐIỂM", "II- NHIỆM
    VỤ", "IV- ..."): a Roman number that repeats or goes back where the next one, less its last
    "I", is what is printed, is read as the next one, with a warning."""
    last = 0
    for para in paras:
        marker = para.marker
        if marker is not None and marker.type in ("part", "chapter", "upper"):
            last = 0  # the numbering starts again in each part
        if marker is None or marker.type != "roman" or not marker.value:
            continue
        value = marker.value[0]
        expected = roman_numeral(last + 1)
        if last and value <= last and expected == marker.label + "I":
            message = (
                f"part {marker.label} after {roman_numeral(last)} read as {expected} (an 'I' lost in OCR or typing)"
            )
            warnings.append(Warning("numbering-ocr-repaired", message, para.first))
            marker.label, marker.value = expected, (last + 1,)
            value = last + 1
        last = value


def _grounds_bullets(paras: list[Para]) -> int:
    """How many paragraphs open the body as the preamble's grounds set as dash items ("- Căn
    cứ ...", "- Xét ..."), before the first numbered part: 0 when no ground phrase is among them."""
    grounds = patterns().grounds
    end = next((i for i, p in enumerate(paras) if p.marker is not None and p.marker.type not in BULLETS), 0)
    if any(p.marker is not None and grounds.match(fold(p.content)) for p in paras[:end]):
        return end
    return 0


def _finish(nodes: list[Node], parent_path: str, warnings: list) -> None:
    bullet_count = 0
    for node in nodes:
        marker = node.marker
        if marker.type in BULLETS:
            bullet_count += 1
            node.path = (
                f"{parent_path}.{marker.label}{bullet_count}" if parent_path else f"{marker.label}{bullet_count}"
            )
        else:
            node.path = f"{parent_path}.{marker.label}" if parent_path else marker.label
        _decide_heading(node)
        _finish(node.children, node.path, warnings)


def _decide_heading(node: Node) -> None:
    first = node.paras[0]
    content = first.content.strip()
    rest = [p.text for p in node.paras[1:]]
    kind = node.marker.type
    part = kind in PARTS
    if not content and rest and kind not in BULLETS:
        # "Chương I" / "QUY ĐỊNH CHUNG": the heading stands on the next line
        nxt = node.paras[1].text.strip()
        if len(nxt) <= 200 and (is_upper(nxt) or not ends_sentence(nxt) or (kind == "article" and _article_title(nxt))):
            content, rest = nxt, rest[1:]
    followed = bool(node.children or rest)
    heading = None
    if content:
        stripped = content.rstrip()
        short = len(stripped) <= 250
        if part:
            if short and (
                is_upper(stripped)
                or not ends_sentence(stripped)
                or stripped.endswith(":")
                or not followed
                or (stripped.endswith(".") and len(stripped) <= 150 and ". " not in stripped)  # "I. Tình hình."
            ):
                heading = stripped
        elif kind == "article":
            # "Điều 4. Điều khoản chuyển tiếp" is a heading; "Điều 1. Phê duyệt ... như sau:" is the
            # article's own text introducing its items, not a title
            if _article_title(stripped) and (
                not ends_sentence(stripped) or (len(stripped) <= 80 and stripped.endswith(":"))
            ):
                heading = stripped
        elif len(stripped) <= 200 and followed:
            if (
                stripped.endswith(":")
                or not ends_sentence(stripped)
                or (stripped.endswith(".") and len(stripped) <= 120 and node.children and stripped.count(". ") == 0)
            ):
                heading = stripped
    if heading is not None:
        node.heading = heading.rstrip(" :;.").strip() or None
        node.text = "\n".join(rest)
    else:
        node.text = "\n".join([content, *rest]) if content else "\n".join(rest)


@functools.cache
def _article_openers() -> re.Pattern:
    return re.compile(r"^(?:" + phrase_pattern(vocabulary().article_openers) + r")")


def _article_sentence(text: str) -> bool:
    """An article's text that opens as an enacting sentence ("Giao Giám đốc Sở ...", "Chánh Văn
    phòng ..., Giám đốc ..."), a line of it wrapped early: no title."""
    return bool(_article_openers().match(fold(text)))


def _article_title(text: str) -> bool:
    """Can an article's first text be its title? Not an enacting sentence, not a line cut in the
    middle of one (a title never ends with a comma), not a lone word."""
    return len(text) <= 200 and not text.endswith((",", ";")) and len(text.split()) >= 2 and not _article_sentence(text)


def _check_numbering(nodes: list[Node], parent: str, warnings: list) -> None:
    by_type: dict[str, list[Node]] = {}
    for node in nodes:
        if node.marker.value is not None:
            by_type.setdefault(node.marker.type, []).append(node)
    for kind, group in by_type.items():
        prev = None
        for node in group:
            value = node.marker.value
            if prev is not None and value is not None and prev.marker.value is not None:
                pv = prev.marker.value
                a, b = pv[-1], value[-1]
                if b == a:
                    warnings.append(
                        Warning(
                            "numbering-repeat",
                            f"{prev.marker.label} is followed by {node.marker.label} again",
                            node.first,
                        )
                    )
                elif b < a:
                    warnings.append(
                        Warning(
                            "numbering-back",
                            f"{prev.marker.label} is followed by {node.marker.label}",
                            node.first,
                        )
                    )
                elif b > a + 1 and not (kind == "letter" and b == a + 2 and LETTERS[a - 1 : a] == "d"):
                    missing = ", ".join(_label_of(kind, v) for v in range(a + 1, b))
                    where = f" in {parent}" if parent else ""
                    warnings.append(
                        Warning(
                            "numbering-gap",
                            f"a section-number gap{where}: {prev.marker.label} is followed by {node.marker.label} "
                            f"(no {missing})",
                            node.first,
                        )
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
