"""Compare two documents structurally: which parts and items, cited documents
and tasked bodies one has that the other lacks.

The typical pair is two provinces' plans implementing the same central
directive. Alignment goes top-down:

1. top-level parts are paired by kind (purpose / tasks / implementation: "IV.
   TỔ CHỨC THỰC HIỆN" pairs with "III. TỔ CHỨC THỰC HIỆN") and, failing that, by
   heading and content;
2. inside each pair of parts, numbered items are paired by the similarity of
   their headings and bodies (:mod:`kehoach.similarity`), one to one, optimally;
3. items left over anywhere are paired across parts when they are clearly the
   same task moved elsewhere (``moved``), with a stricter threshold.

Cited documents are compared by symbol; a local document (a province's
"33-KH/TU") is the same only when it comes from the same province. Tasked
bodies are compared by function, which is the same at every level ("Ban
Tuyên giáo Tỉnh ủy" ~ "Ban Tuyên giáo Đảng ủy Khối").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from .models import Document, Model, Reference, Section

__all__ = [
    "BodyRow",
    "Diff",
    "DiffSide",
    "ReferenceRow",
    "SectionPair",
    "SetDiff",
    "diff",
    "excerpt",
    "key_province",
    "section_text",
    "side_of",
]

_BULLETS = frozenset({"-", "+", "*", "•", "–", "—", "o"})
MOVED_MARGIN = 0.15  # a moved item must score this much above the threshold
MOVED_CAP = 0.95  # ... but never more than this: a moved item need not be identical
HEADING_WEIGHT = 0.5  # an item's score: this share from its heading, the rest from its text
# two parts of known kinds: the same kind starts from PART_SAME_KIND (scaled by their score),
# different kinds are discounted to OTHER_KIND_SHARE of their text's cosine
PART_SAME_KIND = 0.5
OTHER_KIND_SHARE = 0.25


class DiffSide(Model):
    path: str | None = None
    doc_type: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    province: str | None = Field(None, description="the province as printed, before the 2025 merger")
    province_2025: str | None = Field(None, description="the province it belongs to since 1 July 2025")


class SectionPair(Model):
    a: str | None = Field(description="section path in A ('II.1'), null when only in B")
    b: str | None = Field(description="section path in B, null when only in A")
    score: float | None = Field(None, description="similarity 0–1 of a matched pair")
    status: Literal["matched", "only_a", "only_b"]
    level: int = Field(description="1: a top-level part; 2: a numbered item of a part")
    kind: str | None = Field(None, description="purpose / tasks / implementation / other, of the part")
    a_heading: str | None = None
    b_heading: str | None = None
    a_excerpt: str | None = Field(None, description="the opening words of an item that has no heading")
    b_excerpt: str | None = None
    a_lines: tuple[int, int] | None = None
    b_lines: tuple[int, int] | None = None
    moved: bool = Field(False, description="matched across parts that are not paired with each other")
    changes: list[tuple[str, str]] = Field(
        default_factory=list,
        description="word-level changes of a matched item: ['=', same] ['-', only in A] ['+', only in B]",
    )


class SetDiff(Model):
    both: list[str] = Field(default_factory=list)
    only_a: list[str] = Field(default_factory=list)
    only_b: list[str] = Field(default_factory=list)


class ReferenceRow(Model):
    symbol: str | None
    title: str | None = None
    kind: str | None = None
    scope: str | None = None
    province: str | None = Field(None, description="for a local document: the province it belongs to")
    in_a: bool
    in_b: bool


class BodyRow(Model):
    function: str
    label: str
    a: list[str] = Field(default_factory=list, description="the bodies of this function tasked in A, as printed")
    b: list[str] = Field(default_factory=list)
    roles_a: list[str] = Field(default_factory=list)
    roles_b: list[str] = Field(default_factory=list)
    deadlines_a: list[str] = Field(default_factory=list)
    deadlines_b: list[str] = Field(default_factory=list)


class Diff(Model):
    a: DiffSide
    b: DiffSide
    threshold: float
    segmentation: Literal["words", "syllables"] = Field(description="how texts were split for comparison")
    similarity: float = Field(description="share of both documents' items that were matched, weighted by score")
    sections: list[SectionPair] = Field(default_factory=list)
    references: SetDiff = Field(
        default_factory=SetDiff, description="cited symbols (as in parse's references[].symbol)"
    )
    references_by_name: SetDiff = Field(
        default_factory=SetDiff,
        description="documents cited by name only, without a symbol ('Luật Phòng cháy, chữa cháy')",
    )
    assignments: SetDiff = Field(default_factory=SetDiff, description="function labels of tasked bodies")
    reference_details: list[ReferenceRow] = Field(default_factory=list)
    bodies: list[BodyRow] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


# -- sides -------------------------------------------------------------------


def side_of(doc: Document) -> DiffSide:
    from .provinces import province_of

    province = province_of(doc)
    return DiffSide(
        path=doc.source.path if doc.source else None,
        doc_type=doc.doc_type,
        symbol=doc.symbol,
        issuer=doc.issuer.name,
        date=doc.date,
        title=doc.title,
        province=province.name if province else None,
        province_2025=province.name_2025 if province else None,
    )


# -- sections ----------------------------------------------------------------


def section_text(section: Section, *, with_heading: bool = True) -> str:
    """A section's heading, text and the text of everything under it."""
    parts = [section.heading] if with_heading and section.heading else []
    if section.text:
        parts.append(section.text)
    for child in section.children:
        parts.append(section_text(child))
    return "\n".join(p for p in parts if p)


def excerpt(section: Section, words: int = 16) -> str:
    """The opening words of a section's text."""
    found = section_text(section).split()
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


def numbered(section: Section) -> list[Section]:
    """The numbered items of a part (bullets are part of their item)."""
    return [c for c in section.children if (c.label or "-") not in _BULLETS]


def document_text(doc: Document) -> str:
    return "\n".join([doc.title or "", doc.preamble, *(section_text(s) for s in doc.sections), doc.closing])


@dataclass
class _Entry:
    section: Section
    level: int
    parent: int | None  # index of the part (level-1 entry) in the side's parts list
    index: int  # position among all pieces of the side


@dataclass
class _SideIndex:
    parts: list[_Entry]
    items: list[_Entry]  # level-2 items, in document order


def _index(doc: Document) -> _SideIndex:
    parts: list[_Entry] = []
    items: list[_Entry] = []
    for s in doc.sections:
        parts.append(_Entry(s, 1, None, 0))
    for p_i, part in enumerate(parts):
        for child in numbered(part.section):
            items.append(_Entry(child, 2, p_i, 0))
    for i, e in enumerate(parts + items):
        e.index = i
    return _SideIndex(parts, items)


class _Scorer:
    """Similarity of any piece of A with any piece of B."""

    def __init__(self, a: Document, b: Document, ia: _SideIndex, ib: _SideIndex, *, words: bool) -> None:
        from .similarity import Normalizer, Piece, Vectors, heading_scores

        norm = Normalizer(words=words)
        self.segmented = norm.segmented
        pieces: list[Piece] = []
        heads: list[list[str]] = [[], []]
        for side, (doc, index) in enumerate(((a, ia), (b, ib))):
            expand = norm.expander(document_text(doc))
            memo: dict[int, list[str]] = {}

            def subtree(section: Section, expand=expand, memo=memo) -> list[str]:
                """Words of a section and everything under it, each text segmented once."""
                found = memo.get(id(section))
                if found is None:
                    found = norm.words(expand(section.heading or "")) + norm.words(expand(section.text))
                    for child in section.children:
                        found += subtree(child)
                    memo[id(section)] = found
                return found

            for e in index.parts + index.items:
                heading = " ".join(norm.words(expand(e.section.heading or "")))
                pieces.append(Piece(e.section.path, heading, subtree(e.section)))
                heads[side].append(heading)
        self.offset = len(ia.parts) + len(ia.items)
        self.vectors = Vectors(pieces)
        self.heads = heading_scores(heads[0], heads[1])

    def score(self, ea: _Entry, eb: _Entry) -> float:
        cos = self.vectors.cosine(ea.index, self.offset + eb.index)
        head = self.heads[ea.index][eb.index]
        return cos if head is None else (1 - HEADING_WEIGHT) * cos + HEADING_WEIGHT * head

    def part_score(self, ea: _Entry, eb: _Entry) -> float:
        ka, kb = ea.section.kind, eb.section.kind
        known = {"purpose", "tasks", "implementation"}
        if ka in known and kb in known:
            if ka != kb:
                return OTHER_KIND_SHARE * self.vectors.cosine(ea.index, self.offset + eb.index)
            return PART_SAME_KIND + (1 - PART_SAME_KIND) * self.score(ea, eb)
        return self.score(ea, eb)


def _pairs(
    rows: Sequence[_Entry], cols: Sequence[_Entry], score, threshold: float
) -> list[tuple[_Entry, _Entry, float]]:
    from .similarity import assign

    if not rows or not cols:
        return []
    matrix = [[score(r, c) for c in cols] for r in rows]
    return [(rows[i], cols[j], s) for i, j, s in assign(matrix, threshold)]


def _order(rows: list[SectionPair], pos_a: dict[str, int], pos_b: dict[str, int]) -> list[SectionPair]:
    """Rows in A's order; a row only in B goes after the A rows that precede the
    next matched row in B's order (so it stands where B has it)."""
    anchors = sorted((pos_b[r.b], pos_a[r.a]) for r in rows if r.a is not None and r.b is not None)

    def key(r: SectionPair) -> tuple[float, int, int]:
        if r.a is not None:
            return (pos_a[r.a], 0, pos_b[r.b] if r.b else 0)
        assert r.b is not None  # (a row has a side)
        jb = pos_b[r.b]
        following = next((ia for j, ia in anchors if j > jb), None)  # the next matched row in B
        return ((following - 0.5) if following is not None else float("inf"), 1, jb)

    return sorted(rows, key=key)


def _align(ia: _SideIndex, ib: _SideIndex, scorer: _Scorer, threshold: float) -> list[SectionPair]:
    from .similarity import word_changes

    rows: list[SectionPair] = []
    matched_a: set[int] = set()
    matched_b: set[int] = set()

    def row(ea: _Entry | None, eb: _Entry | None, score: float | None, *, moved: bool = False) -> SectionPair:
        sa, sb = (ea.section if ea else None), (eb.section if eb else None)
        status = "matched" if sa and sb else ("only_a" if sa else "only_b")
        level = (ea or eb).level  # type: ignore[union-attr]
        leaf = level == 2 or not ((sa and numbered(sa)) or (sb and numbered(sb)))
        changes = []
        if sa and sb and leaf:
            changes = word_changes(section_text(sa), section_text(sb))
        return SectionPair(
            a=sa.path if sa else None,
            b=sb.path if sb else None,
            score=round(score, 3) if score is not None else None,
            status=status,
            level=level,
            kind=(sa.kind if sa else None) or (sb.kind if sb else None) if level == 1 else None,
            a_heading=sa.heading if sa else None,
            b_heading=sb.heading if sb else None,
            a_excerpt=excerpt(sa) if sa and not sa.heading else None,
            b_excerpt=excerpt(sb) if sb and not sb.heading else None,
            a_lines=tuple(sa.lines) if sa else None,
            b_lines=tuple(sb.lines) if sb else None,
            moved=moved,
            changes=changes,
        )

    parts = _pairs(ia.parts, ib.parts, scorer.part_score, threshold)
    for ea, eb, s in parts:
        matched_a.add(ea.index)
        matched_b.add(eb.index)
        rows.append(row(ea, eb, s))
        kids_a = [e for e in ia.items if e.parent == ea.index]
        kids_b = [e for e in ib.items if e.parent == eb.index]
        for ca, cb, cs in _pairs(kids_a, kids_b, scorer.score, threshold):
            matched_a.add(ca.index)
            matched_b.add(cb.index)
            rows.append(row(ca, cb, cs))

    # leftovers: items (and parts without items) paired across parts
    def loose(index: _SideIndex, matched: set[int]) -> list[_Entry]:
        leaf_parts = [e for e in index.parts if not numbered(e.section)]
        return [e for e in index.items + leaf_parts if e.index not in matched]

    strict = min(MOVED_CAP, threshold + MOVED_MARGIN)
    for ea, eb, s in _pairs(loose(ia, matched_a), loose(ib, matched_b), scorer.score, strict):
        matched_a.add(ea.index)
        matched_b.add(eb.index)
        rows.append(row(ea, eb, s, moved=True))
    for e in ia.parts + ia.items:
        if e.index not in matched_a:
            rows.append(row(e, None, None))
    for e in ib.parts + ib.items:
        if e.index not in matched_b:
            rows.append(row(None, e, None))

    # order: parts in A's order with their items under them
    def positions(index: _SideIndex) -> dict[str, int]:
        out: dict[str, int] = {}
        seq = 0
        for p_i, part in enumerate(index.parts):
            out[part.section.path] = seq
            seq += 1
            for item in index.items:
                if item.parent == p_i:
                    out[item.section.path] = seq
                    seq += 1
        return out

    return _order(rows, positions(ia), positions(ib))


# -- references --------------------------------------------------------------


def reference_keys(doc: Document, province: str | None) -> dict[str, tuple[str, Reference]]:
    """key → (label, reference): national documents by symbol; a local one by
    symbol and province; a document cited by name only (a law) by its name."""
    from .keys import province_key, reference_key
    from .provinces import find_province

    out: dict[str, tuple[str, Reference]] = {}
    for ref in doc.references:
        key = ref.key or reference_key(ref.symbol, ref.title, ref.date)  # (a Document built by hand has no key)
        if key is None:
            continue
        if ref.symbol:
            if ref.scope == "local":
                where = find_province(ref.locality) if ref.locality else None
                key += "@" + province_key(where.name if where else (province or ref.locality or ""))
            label = ref.symbol
        else:
            # by name, and by year when one is printed: the 2015 and the 2025 law of one name are two
            year = key.rsplit("#", 1)[1] if "#" in key else None
            title = ref.title or ""
            label = title if not year or year in title else f"{title} ({year})"
        out.setdefault(key, (label, ref))
    return out


def unify_undated(key_sets: Sequence[dict[str, tuple[str, Reference]]]) -> None:
    """A law cited without a year is the one the other documents cite with a year, when
    they all cite the same year ("Luật Đất đai" and "Luật Đất đai năm 2024" match;
    beside both a 2013 and a 2024 one it stays on its own). Renames keys in place."""
    years: dict[str, set[str]] = {}
    for keys in key_sets:
        for key in keys:
            if key.startswith("title:") and "#" in key:
                base, year = key.rsplit("#", 1)
                years.setdefault(base, set()).add(year)
    for keys in key_sets:
        for key in [k for k in keys if k.startswith("title:") and "#" not in k]:
            found = years.get(key, set())
            if len(found) == 1:
                dated = f"{key}#{next(iter(found))}"
                if dated not in keys:
                    keys[dated] = keys.pop(key)


def key_province(key: str, sides: Iterable[DiffSide]) -> str | None:
    """The province of a local reference key, as the sides print it."""
    if "@" not in key:
        return None
    folded = key.split("@", 1)[1]
    from .keys import province_key

    return next((s.province for s in sides if s.province and province_key(s.province) == folded), folded)


def _references(a: Document, b: Document, sa: DiffSide, sb: DiffSide) -> tuple[SetDiff, SetDiff, list[ReferenceRow]]:
    ka = reference_keys(a, sa.province)
    kb = reference_keys(b, sb.province)
    unify_undated([ka, kb])
    symbols, names = SetDiff(), SetDiff()
    details: list[ReferenceRow] = []
    for key in list(ka) + [k for k in kb if k not in ka]:
        label, ref = ka.get(key) or kb[key]
        in_a, in_b = key in ka, key in kb
        target = names if key.startswith("title:") else symbols
        (target.both if in_a and in_b else target.only_a if in_a else target.only_b).append(label)
        details.append(
            ReferenceRow(
                symbol=ref.symbol,
                title=ref.title,
                kind=ref.kind,
                scope=ref.scope,
                province=key_province(key, (sa, sb)),
                in_a=in_a,
                in_b=in_b,
            )
        )
    return symbols, names, details


# -- bodies ------------------------------------------------------------------


def function_label(function: str, printed: Iterable[str] = ()) -> str:
    """A readable name for a function: "propaganda" → "Ban Tuyên giáo";
    "sở: tài chính" → "Sở Tài chính" (the shortest printed name, levels removed)."""
    from .extract.bodies import without_levels
    from .vocab import vocabulary

    label = vocabulary().function_labels.get(function)
    if label:
        return label
    names = sorted((" ".join(without_levels(n).split()) for n in printed), key=len)
    names = [n[4:] if n.lower().startswith("các ") else n for n in names if n]
    if names:
        return names[0][:1].upper() + names[0][1:]
    return function


def bodies_by_function(doc: Document) -> dict[str, dict]:
    """function → {"names": [...], "roles": [...], "deadlines": [...]} of a document's assignments."""
    from .keys import body_function

    out: dict[str, dict] = {}
    for asg in doc.assignments:
        function = asg.function or body_function(asg.body)
        entry = out.setdefault(function, {"names": [], "roles": [], "deadlines": []})
        if asg.body not in entry["names"]:
            entry["names"].append(asg.body)
        if asg.role not in entry["roles"]:
            entry["roles"].append(asg.role)
        if asg.deadline and asg.deadline.text not in entry["deadlines"]:
            entry["deadlines"].append(asg.deadline.text)
    return out


def _bodies(a: Document, b: Document) -> tuple[SetDiff, list[BodyRow]]:
    fa, fb = bodies_by_function(a), bodies_by_function(b)
    result = SetDiff()
    rows: list[BodyRow] = []
    for function in list(fa) + [f for f in fb if f not in fa]:
        ea, eb = fa.get(function), fb.get(function)
        label = function_label(function, (ea or {}).get("names", []) + (eb or {}).get("names", []))
        (result.both if ea and eb else result.only_a if ea else result.only_b).append(label)
        rows.append(
            BodyRow(
                function=function,
                label=label,
                a=(ea or {}).get("names", []),
                b=(eb or {}).get("names", []),
                roles_a=(ea or {}).get("roles", []),
                roles_b=(eb or {}).get("roles", []),
                deadlines_a=(ea or {}).get("deadlines", []),
                deadlines_b=(eb or {}).get("deadlines", []),
            )
        )
    return result, rows


# -- entry point -------------------------------------------------------------


def diff(a: Document, b: Document, *, threshold: float | None = None, words: bool = True) -> Diff:
    """Compare document ``a`` with document ``b`` (see the module docstring).

    ``threshold``: the lowest similarity (0–1) at which two items are taken to
    be the same (default :data:`kehoach.similarity.DEFAULT_THRESHOLD`).
    ``words``: compare segmented words (underthesea) rather than syllables.
    """
    from .similarity import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 <= threshold <= 1.0:
        raise ValueError("threshold must lie between 0 and 1")
    sa, sb = side_of(a), side_of(b)
    ia, ib = _index(a), _index(b)
    scorer = _Scorer(a, b, ia, ib, words=words)
    sections = _align(ia, ib, scorer, threshold)
    references, by_name, ref_rows = _references(a, b, sa, sb)
    assignments, body_rows = _bodies(a, b)
    notes: list[str] = []
    if words and not scorer.segmented:
        notes.append("underthesea is not installed: texts were compared syllable by syllable")
    for side, doc in (("A", a), ("B", b)):
        if not doc.sections:
            notes.append(f"{side} has no numbered parts or items: only its references and bodies are compared")
        if not doc.assignments:
            notes.append(f"{side} tasks no body")
    return Diff(
        a=sa,
        b=sb,
        threshold=threshold,
        segmentation="words" if scorer.segmented else "syllables",
        similarity=_overall(sections),
        sections=sections,
        references=references,
        references_by_name=by_name,
        assignments=assignments,
        reference_details=ref_rows,
        bodies=body_rows,
        notes=notes,
    )


def _overall(rows: list[SectionPair]) -> float:
    """2 × (summed scores of matched items) / (items of A + items of B); parts
    stand for themselves when neither side numbers items under them."""
    level = 2 if any(r.level == 2 for r in rows) else 1
    rows = [r for r in rows if r.level == level]
    count = sum(1 for r in rows if r.a) + sum(1 for r in rows if r.b)
    if not count:
        return 0.0
    return round(2 * sum(r.score or 0.0 for r in rows if r.status == "matched") / count, 3)
