"""Compare many documents at once: which task themes, cited documents and
tasked bodies each one has.

Typical input: the plans of many provinces implementing one central
directive. Output: three matrices with one column per document.

- themes: the documents' task items aligned into themes. The plan with the
  most items seeds the themes; each further plan's items are assigned to the
  themes one to one, optimally (:func:`kehoach.similarity.assign`) against
  each theme's centroid; an item that fits no theme starts a new one. A cell
  holds the item's path and its similarity to the theme.
- references: cited documents (national ones by symbol, local ones by symbol
  and province, see :mod:`kehoach.diff`), present or absent per document;
- bodies: tasked bodies by function, with the roles each document gives them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import Field

from .diff import (
    HEADING_WEIGHT,
    DiffSide,
    bodies_by_function,
    document_text,
    function_label,
    key_province,
    numbered,
    reference_keys,
    section_text,
    side_of,
    unify_undated,
)
from .models import Document, Model, Reference, Section

__all__ = ["BodyLine", "Cell", "Comparison", "ReferenceLine", "ThemeRow", "compare"]

LABEL_WORDS = 14  # an item without a heading is labelled by its first words


class Cell(Model):
    path: str = Field(description="the item's section path in that document")
    score: float = Field(description="similarity 0–1 of the item to the theme")
    heading: str | None = None


class ThemeRow(Model):
    theme: str = Field(description="'T1', 'T2' ... in order of coverage")
    label: str = Field(description="the heading (or opening words) of the theme's most typical item")
    coverage: int = Field(description="how many documents have it")
    cells: list[Cell | None] = Field(description="one per document, null where the document lacks the theme")


class ReferenceLine(Model):
    symbol: str | None
    title: str | None = None
    scope: str | None = None
    province: str | None = None
    present: list[bool]


class BodyLine(Model):
    function: str
    label: str
    roles: list[list[str] | None] = Field(
        description="per document: the roles given to bodies of this function, null when not tasked"
    )


class Comparison(Model):
    documents: list[DiffSide]
    threshold: float
    segmentation: str
    themes: list[ThemeRow] = Field(default_factory=list)
    references: list[ReferenceLine] = Field(default_factory=list)
    bodies: list[BodyLine] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


def task_items(doc: Document) -> list[Section]:
    """The items that carry a document's tasks: the numbered items of its
    tasks parts; failing those, of every part; failing those, its parts."""
    tasks = [s for s in doc.sections if s.kind == "tasks"]
    items = [c for s in tasks for c in numbered(s)]
    if not items:
        items = [c for s in doc.sections for c in numbered(s)]
    return items or list(doc.sections)


def _label(section: Section) -> str:
    if section.heading:
        return section.heading
    words = section.text.split()
    return " ".join(words[:LABEL_WORDS]) + (" …" if len(words) > LABEL_WORDS else "")


class _Theme:
    """Items aligned across documents, with the normalised sum of their vectors."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self.centroid: dict[str, float] = {}
        self.members: list[tuple[int, int, dict[str, float], str]] = []  # doc, item, vector, heading words

    def add(self, doc: int, item: int, vector: dict[str, float], heading: str) -> None:
        self.members.append((doc, item, vector, heading))
        for k, x in vector.items():
            self.total[k] = self.total.get(k, 0.0) + x
        norm = math.sqrt(sum(x * x for x in self.total.values())) or 1.0
        self.centroid = {k: x / norm for k, x in self.total.items()}


def compare(docs: Sequence[Document], *, threshold: float | None = None, words: bool = True) -> Comparison:
    """Compare ``docs`` (see the module docstring)."""
    from .similarity import (
        DEFAULT_THRESHOLD,
        Normalizer,
        assign,
        dot,
        heading_similarity,
        tfidf,
    )

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 <= threshold <= 1.0:
        raise ValueError("threshold must lie between 0 and 1")
    norm = Normalizer(words=words)
    sides = [side_of(d) for d in docs]

    # word vectors of every task item, IDF over all of them
    items: list[list[Section]] = [task_items(d) for d in docs]
    bags: list[list[list[str]]] = []
    heads: list[list[str]] = []
    for doc, its in zip(docs, items, strict=True):
        expand = norm.expander(document_text(doc))
        bags.append([norm.words(expand(section_text(s))) for s in its])
        heads.append([" ".join(norm.words(expand(s.heading or ""))) for s in its])
    flat = tfidf([bag for doc_bags in bags for bag in doc_bags])
    vectors: list[list[dict[str, float]]] = []
    for doc_bags in bags:
        vectors.append(flat[: len(doc_bags)])
        flat = flat[len(doc_bags) :]

    def score(theme: _Theme, vector: dict[str, float], heading: str) -> float:
        cos = dot(theme.centroid, vector)
        best_head = max((heading_similarity(heading, h) for *_, h in theme.members if h), default=None)
        if best_head is None or not heading:
            return cos
        return (1 - HEADING_WEIGHT) * cos + HEADING_WEIGHT * best_head

    themes: list[_Theme] = []
    order = sorted(range(len(docs)), key=lambda i: (-len(items[i]), i))
    for d in order:
        if themes and items[d]:
            matrix = [[score(t, vectors[d][i], heads[d][i]) for t in themes] for i in range(len(items[d]))]
            taken = {i: j for i, j, _ in assign(matrix, threshold)}
        else:
            taken = {}
        for i in range(len(items[d])):
            if i in taken:
                themes[taken[i]].add(d, i, vectors[d][i], heads[d][i])
            else:
                theme = _Theme()
                theme.add(d, i, vectors[d][i], heads[d][i])
                themes.append(theme)

    rows: list[ThemeRow] = []
    for t in themes:
        cells: list[Cell | None] = [None] * len(docs)
        typical = max(t.members, key=lambda m: dot(t.centroid, m[2]))
        for d, i, v, _ in t.members:
            section = items[d][i]
            cells[d] = Cell(path=section.path, score=round(min(1.0, dot(t.centroid, v)), 3), heading=section.heading)
        rows.append(
            ThemeRow(theme="", label=_label(items[typical[0]][typical[1]]), coverage=len(t.members), cells=cells)
        )
    first = {id(r): min((d, r.cells[d].path) for d in range(len(docs)) if r.cells[d]) for r in rows}  # type: ignore[union-attr]
    rows.sort(key=lambda r: (-r.coverage, first[id(r)]))
    for k, r in enumerate(rows, 1):
        r.theme = f"T{k}"

    return Comparison(
        documents=sides,
        threshold=threshold,
        segmentation="words" if norm.segmented else "syllables",
        themes=rows,
        references=_reference_lines(docs, sides),
        bodies=_body_lines(docs),
        notes=[f"{s.path or i + 1}: no numbered items" for i, s in enumerate(sides) if not items[i]],
    )


def _reference_lines(docs: Sequence[Document], sides: Sequence[DiffSide]) -> list[ReferenceLine]:
    table: dict[str, tuple[Reference, list[bool]]] = {}
    key_sets = [reference_keys(doc, side.province) for doc, side in zip(docs, sides, strict=True)]
    unify_undated(key_sets)
    for d, keys in enumerate(key_sets):
        for key, (_, ref) in keys.items():
            entry = table.setdefault(key, (ref, [False] * len(docs)))
            entry[1][d] = True
    lines = []
    for key, (ref, present) in table.items():
        lines.append(
            ReferenceLine(
                symbol=ref.symbol, title=ref.title, scope=ref.scope, province=key_province(key, sides), present=present
            )
        )
    lines.sort(key=lambda r: (r.scope == "local", -sum(r.present)))
    return lines


def _body_lines(docs: Sequence[Document]) -> list[BodyLine]:
    per_doc = [bodies_by_function(d) for d in docs]
    functions: dict[str, list[str]] = {}
    for table in per_doc:
        for function, entry in table.items():
            functions.setdefault(function, []).extend(entry["names"])
    lines = [
        BodyLine(
            function=f,
            label=function_label(f, names),
            roles=[table[f]["roles"] if f in table else None for table in per_doc],
        )
        for f, names in functions.items()
    ]
    lines.sort(key=lambda b: -sum(r is not None for r in b.roles))
    return lines
