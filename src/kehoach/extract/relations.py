"""How a document relates to the documents it cites: ``implements``,
``amends``, ``replaces`` or ``cites``, from its title and opening.

"KẾ HOẠCH thực hiện Kết luận số 02-KL/TW ..." implements 02-KL/TW; "Căn cứ
Nghị quyết số 57-NQ/TW ..." carries out a Party resolution it stands on, but
only stands on a law ("Căn cứ Luật ..." cites it); "Quyết định sửa đổi, bổ sung
Quyết định số 12/2020/QĐ-UBND" amends it. A citation takes the relation of the
nearest phrase before it in its clause (clauses end at ";" and at a full
stop); a citation listed after another ("Nghị quyết số 71/NQ-CP ... và
Chương trình hành động số 10-CTr/TU") shares its relation.

A citation inside another's description says what the cited document does:
"Thực hiện Kế hoạch số 33-KH/TU của Ban Thường vụ Tỉnh ủy thực hiện Kết luận
số 02-KL/TW ... về tiếp tục thực hiện Chỉ thị số 47-CT/TW" gives this document
``implements`` 33-KH/TU, and the links 33-KH/TU implements 02-KL/TW, 02-KL/TW
implements 47-CT/TW, kept on those references (``links``), so that an archive
can be followed up a chain of documents none of which it holds.

The phrases are in ``data/relations.toml``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import VocabularyError
from ..models import Link, Reference
from ..text import fold
from ..vocab import load_data, phrase_pattern, vocabulary
from .symbols import find_symbols

__all__ = ["RELATIONS", "relate", "relation_rank"]

RELATIONS = ("implements", "amends", "replaces", "cites")
_CATEGORIES = (*RELATIONS, "carry", "basis")

NEAR = 90  # at most this many characters between a phrase and the citation it governs inside another's description

# the end of a clause: a semicolon, or a full stop before a capital
_CLAUSE_END = re.compile(r";|\.\s+(?=[A-ZĐÀ-Ỹ])")
# a list going on after a citation: ", Nghị quyết số", " và Chương trình hành động số" (folded)
_LIST_GOES_ON = re.compile(r"(?:,|\bva|\bcung|\bhoac|\bvoi)\s+(?:\S+\s+){0,5}?(?:so\s*:?\s*)?[(“\"]?\s*$|^\s*,\s*$")


@dataclass(frozen=True)
class _Table:
    rank: tuple[str, ...]
    pattern: re.Pattern  # folded phrases
    category: dict[str, str]  # folded phrase, blanks squashed → relation, "carry" or "basis"
    basis_kinds: frozenset[str]
    passive: re.Pattern  # folded, anchored at the end: "... duoc " before a phrase
    anaphora: re.Pattern  # folded: "thuc hien nhiem vu duoc giao"


@functools.cache
def _table() -> _Table:
    data = load_data("relations.toml")
    rank = data.get("rank")
    if not isinstance(rank, list) or sorted(rank) != sorted(RELATIONS):
        raise VocabularyError(f"relations.toml: 'rank' must order exactly {RELATIONS}")
    category: dict[str, str] = {}
    for name in ("implements", "amends", "replaces", "cites", "basis", "carry"):
        table = data.get(name)
        phrases = table.get("phrases") if isinstance(table, dict) else None
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise VocabularyError(f"relations.toml [{name}]: 'phrases' must be a non-empty list of strings")
        for phrase in phrases:
            key = " ".join(fold(phrase).split())
            if name != "carry" and key in category and category[key] != name:
                raise VocabularyError(f"relations.toml: '{phrase}' is in [{category[key]}] and [{name}]")
            category[key] = name  # [carry] comes last: its phrases are carriers wherever else they are listed
    kinds = data["basis"].get("implements_kinds", [])
    unknown = sorted(set(kinds) - vocabulary().type_codes) if isinstance(kinds, list) else ["(not a list)"]
    if unknown:
        raise VocabularyError(f"relations.toml [basis] implements_kinds: unknown type codes {unknown}")
    passive = data.get("passive", {}).get("words")
    if not isinstance(passive, list) or not passive or not all(isinstance(w, str) and w.strip() for w in passive):
        raise VocabularyError("relations.toml [passive]: 'words' must be a non-empty list of strings")
    anaphora = data.get("anaphora", {}).get("phrases")
    if not isinstance(anaphora, list) or not anaphora or not all(isinstance(w, str) and w.strip() for w in anaphora):
        raise VocabularyError("relations.toml [anaphora]: 'phrases' must be a non-empty list of strings")
    return _Table(
        tuple(rank),
        re.compile(phrase_pattern(list(category))),
        category,
        frozenset(kinds),
        re.compile(phrase_pattern(passive) + r"\s*$"),
        re.compile(phrase_pattern(anaphora)),
    )


def relation_rank(relation: str) -> int:
    """0 for the strongest relation (replaces), 3 for cites."""
    return _table().rank.index(relation)


def _phrases(folded: str, start: int, end: int) -> list[tuple[int, int, str]]:
    table = _table()
    return [
        (m.start(), m.end(), table.category[" ".join(m.group(0).split())])
        for m in table.pattern.finditer(folded, start, end)
    ]


def _resolve(found: list[tuple[int, int, str]], ref: Reference) -> str:
    """The relation the last phrase found gives ``ref``: a carrier hands on an earlier phrase's."""
    category = found[-1][2]
    if category == "carry":
        earlier = [c for _, _, c in found[:-1] if c not in ("carry", "basis")]
        category = earlier[-1] if earlier else "implements"
    if category == "basis":
        return "implements" if ref.kind in _table().basis_kinds else "cites"
    return category


def _key(symbol: str) -> str:
    return "".join(symbol.split()).replace("–", "-").upper()


def _by_symbol(references: Iterable[Reference]) -> dict[str, Reference]:
    """Each reference under its symbol and the symbols its mentions were printed with
    (a typo merged into it: "02-KL/TU" beside "02-KL/TW")."""
    out: dict[str, Reference] = {}
    refs = [r for r in references if r.symbol]
    for ref in refs:
        out.setdefault(_key(ref.symbol), ref)  # type: ignore[arg-type]
    firsts: dict[str, str | None] = {}  # a mention's first symbol, by its text: most are printed alike
    for ref in refs:
        for mention in ref.mentions:
            if mention.text not in firsts:
                first = next(iter(find_symbols(mention.text)), None)
                firsts[mention.text] = _key(first.text) if first is not None else None
            key = firsts[mention.text]
            if key is not None:
                out.setdefault(key, ref)
    return out


def relate(references: list[Reference], texts: Iterable[str], *, own_symbol: str | None = None) -> None:
    """Set ``relation`` and ``links`` of ``references`` from the title and opening ``texts``."""
    by_symbol = _by_symbol(references)
    if not by_symbol:
        return
    own = _key(own_symbol) if own_symbol else None
    direct: dict[int, str] = {}
    heads: list[
        tuple[int, int, Reference]
    ] = []  # the citations the opening named as the document's own: (text, offset, reference)
    for number, text in enumerate(texts):
        if not text:
            continue
        if "/" in text:
            _walk(text, by_symbol, own, direct, heads, number)
        if heads:
            _anaphora(text, number, heads, by_symbol, direct)
    rank = _table().rank
    for ref in references:
        best = direct.get(id(ref))
        if best is not None and rank.index(best) < rank.index(ref.relation):
            ref.relation = best  # type: ignore[assignment]


def _anaphora(
    text: str,
    number: int,
    heads: list[tuple[int, int, Reference]],
    by_symbol: dict[str, Reference],
    direct: dict[int, str],
) -> None:
    """ "Thực hiện nhiệm vụ được giao, ...": the document implements the directives the opening named before
    (in an earlier text, or earlier in this one)."""
    folded = fold(text)
    ends = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    symbols = [s.start for s in find_symbols(text) if _key(s.text) in by_symbol]
    kinds = _table().basis_kinds | {"CT", "CĐ", "TB", "CV", "QĐ"}
    for a, b in itertools.pairwise(ends):
        if _table().anaphora.search(folded, a, b) and not any(a <= at < b for at in symbols):
            for where, at, ref in heads:
                if (where < number or at < a) and direct.get(id(ref)) == "cites" and ref.kind in kinds:
                    direct[id(ref)] = "implements"
            return


def _walk(
    text: str,
    by_symbol: dict[str, Reference],
    own: str | None,
    direct: dict[int, str],
    heads: list[tuple[int, int, Reference]],
    number: int,
) -> None:
    folded = fold(text)
    ends = [m.end() for m in _CLAUSE_END.finditer(text)]
    lead: list[tuple[int, int, str]] | None = None  # the phrase of the text's first clause with one
    prev = None  # (end, reference, subject reference or None, relation)
    head: Reference | None = None  # the first citation of the clause
    rank = _table().rank
    for symbol in find_symbols(text):
        key = _key(symbol.text)
        ref = by_symbol.get(key)
        if ref is None or key == own:
            continue
        start = max((e for e in ends if e <= symbol.start), default=0)
        subject: Reference | None = None
        if prev is None or prev[0] <= start:
            # the first citation of a clause: what the document does to it
            head = ref
            found = _phrases(folded, start, symbol.start)
            if found:
                lead = lead or found
            elif lead and start > 0:
                found = lead  # "Căn cứ A; B; C": the list goes on under the first clause's phrase
            relation = _resolve(found, ref) if found else "cites"
        else:
            gap_start = prev[0]
            found = _phrases(folded, gap_start, symbol.start)
            near = (
                found
                and symbol.start - found[-1][1] <= NEAR
                and not _LIST_GOES_ON.search(folded[found[-1][1] : symbol.start])
            )
            if near and _table().passive.search(folded, max(gap_start, found[-1][0] - 12), found[-1][0]):
                # "X ... được sửa đổi, bổ sung tại Y": Y does it to the clause's first document
                if head is not None and head is not ref and head.symbol:
                    _link(ref, _resolve(found, head), head.symbol)
                relation = "cites"
            elif near:
                subject, relation = prev[1], _resolve(found, ref)  # the earlier citation's description governs this one
            elif _LIST_GOES_ON.search(folded[gap_start : symbol.start]):
                subject, relation = prev[2], prev[3]  # listed beside the earlier one: its relation
            else:
                relation = "cites"
        if subject is None:
            if not any(h is ref for _, _, h in heads):
                heads.append((number, symbol.start, ref))
            old = direct.get(id(ref))
            if old is None or rank.index(relation) < rank.index(old):
                direct[id(ref)] = relation
        elif subject is not ref and ref.symbol:
            _link(subject, relation, ref.symbol)
        prev = (symbol.end, ref, subject, relation)


def _link(subject: Reference, relation: str, symbol: str) -> None:
    link = Link(relation=relation, symbol=symbol)
    if link not in subject.links:
        subject.links.append(link)
