"""Follow a directive through an archive: which documents implement it,
transitively, who issued them, at which level, in which province, and how
long after the document they carry out.

The edges come from each document's references (:mod:`kehoach.extract.relations`):

* a document that ``implements`` a reference is its child ("Kế hoạch 37-KH/ĐUK
  thực hiện Kế hoạch 33-KH/TU");
* a reference's ``links`` are edges between two cited documents, which the
  archive need not hold ("Kế hoạch 33-KH/TU ... thực hiện Kết luận 02-KL/TW"):
  the chain 47-CT/TW ← 02-KL/TW ← 33-KH/TU ← 37-KH/ĐUK is read from one plan.

A national document (TW, CP, TTg, a ministry ...) is one node wherever it is
cited; a local one ("33-KH/TU") is a node per province, as in ``diff``. A
document that implements several nodes of the tree hangs under the deepest
of them (37-KH/ĐUK under 33-KH/TU, not beside it under 02-KL/TW); the others
are listed in its ``also_implements``. Documents that cite a node of the tree
without implementing it are listed apart (``citing``). Coverage counts, for
each of the 34 provinces since the 2025 merger (and the 63 before), the
implementing documents the sources hold.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import Field

from .models import Model

__all__ = ["CitingDocument", "ProvinceCoverage", "Trace", "TraceNode", "node_key", "trace"]


class TraceNode(Model):
    key: str = Field(
        description=(
            "the node's identity: the symbol of a national document, 'symbol@province' of a local one, the input of "
            "an unnumbered one"
        )
    )
    symbol: str | None = None
    doc_type: str | None = None
    title: str | None = None
    issuer: str | None = None
    level: str | None = Field(None, description="central, province, district or commune")
    branch: str | None = Field(None, description="party or state")
    province: str | None = Field(None, description="before the 1 July 2025 merger")
    province_2025: str | None = Field(None, description="since the merger")
    date: str | None = None
    days_since_parent: int | None = Field(None, description="days between the parent's date and this one's")
    in_sources: bool = Field(description="the sources hold the document itself (else it is known from citations only)")
    inputs: list[str] = Field(default_factory=list, description="the files or database inputs that hold it")
    cited_by: list[str] = Field(default_factory=list, description="keys of the source documents whose text names it")
    also_implements: list[str] = Field(default_factory=list, description="other nodes of the tree it implements")
    depth: int = 0
    children: list[TraceNode] = Field(default_factory=list)


class CitingDocument(Model):
    key: str
    symbol: str | None = None
    doc_type: str | None = None
    title: str | None = None
    issuer: str | None = None
    level: str | None = None
    branch: str | None = None
    province: str | None = None
    province_2025: str | None = None
    date: str | None = None
    inputs: list[str] = Field(default_factory=list)
    cites: list[str] = Field(default_factory=list, description="the keys of the tree's nodes it cites")


class ProvinceCoverage(Model):
    province_2025: str
    provinces: list[str] = Field(description="the provinces before the merger that form it")
    documents: int = Field(description="implementing documents the sources hold from it")
    cited: int = Field(0, description="implementing documents from it known from citations only")
    keys: list[str] = Field(default_factory=list)


class Trace(Model):
    symbol: str
    found: bool = Field(description="the symbol is in the sources, as a document or a citation")
    sources: int = Field(description="documents read")
    roots: list[TraceNode] = Field(
        default_factory=list,
        description="the traced document (one per province for a local symbol), its implementing documents below",
    )
    ancestors: list[TraceNode] = Field(
        default_factory=list, description="what the traced document itself implements, nearest first (no children)"
    )
    citing: list[CitingDocument] = Field(
        default_factory=list, description="source documents that cite the tree without implementing it"
    )
    coverage: list[ProvinceCoverage] = Field(default_factory=list)
    provinces_without: list[str] = Field(
        default_factory=list, description="provinces (before the merger) with no implementing document in the sources"
    )
    provinces_2025_without: list[str] = Field(default_factory=list, description="provinces since the merger with none")
    notes: list[str] = Field(default_factory=list)


TraceNode.model_rebuild()


# -- nodes -----------------------------------------------------------------------


def _skey(symbol: str) -> str:
    return "".join(symbol.split()).replace("–", "-").upper()


def _fold_province(name: str | None) -> str:
    from .text import fold

    return " ".join(fold(name).split()) if name else ""


def node_key(symbol: str, province: str | None) -> str:
    """A document's identity: its symbol when national, its symbol in its province when local."""
    from .extract.symbols import parse_symbol
    from .vocab import vocabulary

    parsed = parse_symbol(symbol)
    code = parsed.issuer if parsed else None
    if code and vocabulary().is_central(code):
        return _skey(symbol)
    return f"{_skey(symbol)}@{_fold_province(province)}" if province else _skey(symbol)


@dataclass
class _Node:
    key: str
    symbol: str | None = None
    doc_type: str | None = None
    title: str | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    issuer_parent: str | None = None
    province: str | None = None
    province_2025: str | None = None
    date: str | None = None
    in_sources: bool = False
    inputs: list[str] = field(default_factory=list)
    cited_by: list[str] = field(default_factory=list)

    def learn(self, **values) -> None:
        """Fill what is not known yet (a document's own header beats what citations print)."""
        for name, value in values.items():
            if value and not getattr(self, name):
                setattr(self, name, value)


class _Graph:
    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.parents: dict[str, list[str]] = defaultdict(list)  # child → what it implements, in the order read
        self.cites: dict[str, set[str]] = defaultdict(set)  # source document → nodes it only cites

    def node(self, key: str) -> _Node:
        if key not in self.nodes:
            self.nodes[key] = _Node(key)
        return self.nodes[key]

    def implement(self, child: str, parent: str) -> None:
        if child != parent and parent not in self.parents[child]:
            self.parents[child].append(parent)


def _province_of_locality(
    locality: str | None, fallback: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    from .provinces import find_province

    found = find_province(locality) if locality else None
    return (found.name, found.name_2025) if found else fallback


def _graph(entries: Sequence) -> _Graph:
    g = _Graph()
    for entry in entries:
        doc = entry.doc
        here = (entry.province, entry.province_2025)
        own = node_key(doc.symbol, entry.province) if doc.symbol else f"input:{entry.input}"
        node = g.node(own)
        if not node.in_sources:
            # a document's own header replaces what citations said of it
            node.symbol = doc.symbol or node.symbol
            node.doc_type, node.title, node.issuer = (
                doc.doc_type or node.doc_type,
                doc.title or node.title,
                doc.issuer.name or node.issuer,
            )
            node.issuer_code, node.issuer_parent = doc.issuer.code, doc.issuer.parent
            node.province, node.province_2025 = entry.province, entry.province_2025
            node.date = doc.date or node.date
        node.in_sources = True
        node.inputs.append(entry.input)
        for ref in doc.references:
            if not ref.symbol:
                continue
            province, province_2025 = (
                _province_of_locality(ref.locality, here) if ref.scope == "local" else (None, None)
            )
            key = node_key(ref.symbol, province)
            if key == own:
                continue
            target = g.node(key)
            target.learn(
                symbol=ref.symbol,
                doc_type=ref.kind,
                title=ref.title,
                issuer=ref.issuer,
                issuer_code=ref.issuer_code,
                province=province,
                province_2025=province_2025,
                date=ref.date,
            )
            if own not in target.cited_by:
                target.cited_by.append(own)
            if ref.relation == "implements":
                g.implement(own, key)
            else:
                g.cites[own].add(key)
            for link in ref.links:
                if link.relation != "implements":
                    continue
                lp: tuple[str | None, str | None]
                if _central(link.symbol):
                    other, lp = node_key(link.symbol, None), (None, None)
                else:  # a local document named in a local text: of the text's province
                    lp = _province_of_locality(ref.locality, here)
                    other = node_key(link.symbol, lp[0])
                g.node(other).learn(symbol=link.symbol, province=lp[0], province_2025=lp[1])
                g.implement(key, other)
    return g


def _central(symbol: str) -> bool:
    from .extract.symbols import parse_symbol
    from .vocab import vocabulary

    parsed = parse_symbol(symbol)
    return bool(parsed and parsed.issuer and vocabulary().is_central(parsed.issuer))


# -- the tree --------------------------------------------------------------------


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return (
            (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days if a and b and len(a) == len(b) == 10 else None
        )
    except ValueError:
        return None


def _public(g: _Graph, key: str, *, depth: int, parent: _Node | None) -> TraceNode:
    from .levels import level_of

    n = g.nodes[key]
    lv = level_of(name=n.issuer, parent=n.issuer_parent, code=n.issuer_code, symbol=n.symbol)
    return TraceNode(
        key=key,
        symbol=n.symbol,
        doc_type=n.doc_type,
        title=n.title,
        issuer=n.issuer,
        level=lv.level,
        branch=lv.branch,
        province=n.province,
        province_2025=n.province_2025,
        date=n.date,
        days_since_parent=_days(parent.date, n.date) if parent else None,
        in_sources=n.in_sources,
        inputs=n.inputs,
        cited_by=n.cited_by,
        depth=depth,
    )


def _sort_key(g: _Graph, key: str) -> tuple:
    n = g.nodes[key]
    return (n.date or "9999", n.symbol or "", key)


def trace(symbol: str, entries: Sequence) -> Trace:
    """The tree of documents in ``entries`` (:class:`kehoach.sources.Entry`) that implement ``symbol``."""
    g = _graph(entries)
    want = _skey(symbol)
    roots = sorted(k for k, n in g.nodes.items() if n.symbol and _skey(n.symbol) == want)
    result = Trace(symbol=symbol, found=bool(roots), sources=len(entries))
    if not roots:
        result.notes.append(f"{symbol} is neither a document nor a citation in the sources")
        return result
    if len(roots) > 1:
        result.notes.append(f"{symbol} is a local symbol of {len(roots)} provinces: one tree each")

    children: dict[str, list[str]] = defaultdict(list)
    for child, parents in g.parents.items():
        for parent in parents:
            children[parent].append(child)
    in_tree: set[str] = set()
    stack = list(roots)
    while stack:
        key = stack.pop()
        if key in in_tree:
            continue
        in_tree.add(key)
        stack.extend(children.get(key, ()))

    depth: dict[str, int] = {r: 0 for r in roots}

    def depth_of(key: str, seen: frozenset = frozenset()) -> int:
        if key in depth:
            return depth[key]
        ups = [p for p in g.parents.get(key, ()) if p in in_tree and p not in seen]
        value = 1 + max((depth_of(p, seen | {key}) for p in ups), default=-1)
        depth[key] = max(value, 1)
        return depth[key]

    parent_of: dict[str, str] = {}
    also: dict[str, list[str]] = {}
    for key in in_tree - set(roots):
        ups = [p for p in g.parents.get(key, ()) if p in in_tree]
        best = max(ups, key=lambda p: (depth_of(p), g.nodes[p].date or "", -ups.index(p)))
        parent_of[key] = best
        also[key] = [p for p in ups if p != best]
    kids: dict[str, list[str]] = defaultdict(list)
    for key, parent in parent_of.items():
        kids[parent].append(key)

    def build(key: str, level: int, parent: _Node | None, path: frozenset) -> TraceNode:
        node = _public(g, key, depth=level, parent=parent)
        node.also_implements = [g.nodes[p].symbol or p for p in also.get(key, [])]
        for child in sorted(kids.get(key, ()), key=lambda k: _sort_key(g, k)):
            if child not in path:
                node.children.append(build(child, level + 1, g.nodes[key], path | {child}))
        return node

    result.roots = [build(r, 0, None, frozenset({r})) for r in roots]
    result.ancestors = _ancestors(g, roots[0])

    cited = {k for k in in_tree}
    for source, keys in sorted(g.cites.items()):
        if source in in_tree:
            continue
        hits = sorted(keys & cited)
        if hits:
            n = _public(g, source, depth=0, parent=None)
            result.citing.append(
                CitingDocument(
                    key=source,
                    symbol=n.symbol,
                    doc_type=n.doc_type,
                    title=n.title,
                    issuer=n.issuer,
                    level=n.level,
                    branch=n.branch,
                    province=n.province,
                    province_2025=n.province_2025,
                    date=n.date,
                    inputs=n.inputs,
                    cites=[g.nodes[h].symbol or h for h in hits],
                )
            )
    result.citing.sort(key=lambda c: (c.province_2025 or "", c.date or "", c.key))
    _coverage(result, g, in_tree - set(roots))
    if not any(n.in_sources for k, n in g.nodes.items() if k in in_tree and k not in roots):
        result.notes.append("no document in the sources implements it")
    return result


def _ancestors(g: _Graph, key: str) -> list[TraceNode]:
    out: list[TraceNode] = []
    seen = {key}
    child = key
    while True:
        ups = [p for p in g.parents.get(child, ()) if p not in seen]
        if not ups:
            return out
        up = ups[0]
        out.append(_public(g, up, depth=-(len(out) + 1), parent=None))
        seen.add(up)
        child = up


def _coverage(result: Trace, g: _Graph, keys: Iterable[str]) -> None:
    from .provinces import all_provinces

    provinces = all_provinces()
    if not provinces:
        result.notes.append("underthesea's province table is missing: no coverage")
        return
    by_new: dict[str, list[str]] = defaultdict(list)
    for p in provinces:
        by_new[p.name_2025 or p.name].append(p.name)
    held: dict[str, list[str]] = defaultdict(list)
    cited: dict[str, list[str]] = defaultdict(list)
    old_held: set[str] = set()
    for key in keys:
        n = g.nodes[key]
        if not n.province_2025:
            continue
        (held if n.in_sources else cited)[_fold_province(n.province_2025)].append(key)
        if n.in_sources and n.province:
            old_held.add(_fold_province(n.province))
    for new, olds in sorted(by_new.items(), key=lambda kv: _fold_province(kv[0])):
        k = _fold_province(new)
        result.coverage.append(
            ProvinceCoverage(
                province_2025=new,
                provinces=olds,
                documents=len(held[k]),
                cited=len(cited[k]),
                keys=sorted(held[k] + cited[k]),
            )
        )
        if not held[k]:
            result.provinces_2025_without.append(new)
    result.provinces_without = [p.name for p in provinces if _fold_province(p.name) not in old_held]
