"""The vocabulary: data tables under ``kehoach/data``, loaded once and checked.

Every word list the pipeline matches lives in those TOML files, not in code.
This module reads them, validates their shape (a malformed table is a bug in
the package, reported by :class:`VocabularyError` at first use and by the
data-integrity test), folds every phrase (see :func:`kehoach.text.fold`) and
compiles the alternations the extractors use.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from .errors import VocabularyError
from .text import fold, tfold

__all__ = ["BodyHead", "DocType", "Vocabulary", "load_data", "phrase_pattern", "vocabulary"]

LEGISLATURE_CODE = re.compile(r"(?:UBTV)?QH\d*")  # a symbol part of the legislature: "QH15", "UBTVQH15"

ROLES = ("lead", "coordinate", "advise", "monitor", "implement")
KINDS = ("purpose", "tasks", "implementation", "other")


@dataclass(frozen=True)
class DocType:
    code: str
    names: tuple[str, ...]
    symbol: tuple[str, ...]
    header: bool
    tasks: bool = True
    printed_codes: tuple[str, ...] = ()  # other codes symbols print for this type ("QĐ" for a Party Quy định)
    qualified_codes: tuple[
        str, ...
    ] = ()  # the code with a qualifier, in symbols of joint documents ("HDLN": hướng dẫn liên ngành)


@dataclass(frozen=True)
class BodyHead:
    words: str  # printed form
    folded: str
    function: str
    kind: str


def phrase_pattern(phrases, *, word_boundary: bool = True, folder=fold, open_end: bool = False) -> str:
    """An alternation of folded phrases that prefers the longest, spaces matching any run of blanks.

    ``folder`` is the fold the pattern will be matched against (:func:`fold`,
    :func:`~kehoach.text.tfold` or :func:`~kehoach.text.lower`).

    The phrases are laid out as a trie ("b(?:an(?:\\s+tuyên...)?|ộ)"): the regex
    engine tries alternatives one by one, so a flat list of 150 heads costs 150
    tests at every position, the trie a handful. At each branch the longer
    continuations come before the end of a shorter phrase, so the match is the
    longest phrase that fits, as a longest-first flat list would give.
    """
    unique = sorted({" ".join(folder(p).split()) for p in phrases if p.strip()})  # sorted: the same pattern every run
    trie: dict = {}
    for phrase in unique:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    if word_boundary:
        # "no word character before the phrase", tested after its first character: a pattern
        # that starts with a lookbehind cannot be searched by its first characters, this one can.
        # (``open_end``: the caller says what may follow)
        return "(?:" + _trie_regex(trie, r"(?<!\w.)") + (")" if open_end else r")(?!\w)")
    return "(?:" + _trie_regex(trie) + ")"


def _trie_regex(node: dict, after_first: str = "") -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + after_first + _trie_regex(child) for ch, child in node.items() if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase ends here: its longer continuations first, then the end
        return body + "?" if len(branches) > 1 else "(?:" + body + ")?"
    return body


def load_data(name: str) -> dict:
    """One data table of the package (``data/NAME``), parsed."""
    return _load(name)


def _load(name: str) -> dict:
    try:
        raw = resources.files("kehoach.data").joinpath(name).read_bytes()
        return tomllib.loads(raw.decode("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:  # pragma: no cover - packaging bug
        raise VocabularyError(f"data/{name}: {exc}") from exc


def _strings(table: dict, key: str, where: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabularyError(f"{where}: '{key}' must be a list of non-empty strings")
    return value


@dataclass
class Vocabulary:
    doc_types: list[DocType]
    heads: list[BodyHead]
    level_words: list[str]
    function_labels: dict[str, str]
    central_codes: frozenset[str]
    local_codes: frozenset[str]
    role_rank: tuple[str, ...]
    role_final: dict[str, list[str]]
    role_tentative: dict[str, list[str]]
    predicate_verbs: list[str]
    noun_after_to_chuc: list[str]
    tasking_verbs: list[str]
    generic_partners: list[str]
    heading_kinds: list[tuple[str, list[str]]]
    execution_phrases: list[str]
    article_openers: list[str]  # how an article's text opens when it is a sentence, not a title
    layout: dict
    deadlines: dict
    surnames: frozenset[str]  # folded
    person_titles: list[str]
    positions: list[str]
    address_prefixes: list[str]
    warning_codes: dict[str, str]
    # derived lookups
    type_by_folded_name: dict[str, DocType] = field(default_factory=dict)
    party_type_codes: frozenset[str] = frozenset()
    state_type_codes: frozenset[str] = frozenset()
    type_codes: frozenset[str] = frozenset()
    type_name_by_code: dict[str, str] = field(default_factory=dict)
    base_code: dict[str, str] = field(default_factory=dict)  # a qualified code → its type's code ("HDLN" → "HD")
    head_by_folded: dict[str, BodyHead] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for t in self.doc_types:
            for name in t.names:
                key = fold(name)
                # the first table entry for a printed name is its header meaning
                self.type_by_folded_name.setdefault(key, t)
            self.type_name_by_code.setdefault(t.code, t.names[0])
        self.party_type_codes = frozenset(t.code for t in self.doc_types if "party" in t.symbol)
        self.state_type_codes = frozenset(t.code for t in self.doc_types if "state" in t.symbol)
        self.base_code = {q: t.code for t in self.doc_types for q in t.qualified_codes}
        self.type_codes = frozenset(t.code for t in self.doc_types) | frozenset(self.base_code)
        for head in self.heads:
            self.head_by_folded.setdefault(head.folded, head)

    def tasks(self, code: str | None) -> bool:
        """Does a document of this type task bodies (a plan does, a report does not)?"""
        return code is None or all(t.tasks for t in self.doc_types if t.code == code)

    def is_central(self, code: str | None) -> bool:
        if not code:
            return False
        for part in code.split("-"):
            if part in self.central_codes or part.endswith("TW") or LEGISLATURE_CODE.fullmatch(part):
                return True
        return False

    def heading_kind(self, heading: str | None) -> str | None:
        """The kind of a part from its heading: implementation wherever its phrase stands,
        else the kind whose phrase comes first ("NỘI DUNG, ĐỐI TƯỢNG" is tasks)."""
        if not heading:
            return None
        folded = fold(heading)
        best: tuple[int, str] | None = None
        for name, phrases in self.heading_kinds:
            for phrase in phrases:
                at = folded.find(phrase)
                if at < 0:
                    continue
                if name == "implementation":
                    return name
                if best is None or at < best[0]:
                    best = (at, name)
        return best[1] if best else None


def _doc_types() -> list[DocType]:
    data = _load("doc_types.toml")
    out = []
    for i, entry in enumerate(data.get("type", [])):
        where = f"doc_types.toml type #{i + 1}"
        code = entry.get("code")
        if not isinstance(code, str) or not code:
            raise VocabularyError(f"{where}: 'code' missing")
        names = _strings(entry, "names", where)
        symbol = entry.get("symbol", [])
        if not isinstance(symbol, list) or any(s not in ("party", "state") for s in symbol):
            raise VocabularyError(f"{where}: 'symbol' must list 'party' and/or 'state'")
        printed = _strings(entry, "printed_codes", where) if "printed_codes" in entry else []
        qualified = _strings(entry, "qualified_codes", where) if "qualified_codes" in entry else []
        out.append(
            DocType(
                code,
                tuple(names),
                tuple(symbol),
                bool(entry.get("header", True)),
                bool(entry.get("tasks", True)),
                tuple(printed),
                tuple(qualified),
            )
        )
    if not out:
        raise VocabularyError("doc_types.toml: no types")
    return out


def _bodies() -> tuple[list[BodyHead], list[str], dict[str, str]]:
    """Heads, level words and function labels of ``bodies.toml``."""
    data = _load("bodies.toml")
    heads = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(data.get("head", [])):
        where = f"bodies.toml head #{i + 1}"
        function = entry.get("function")
        kind = entry.get("kind")
        if not isinstance(function, str) or kind not in ("organ", "person", "collective", "grassroots"):
            raise VocabularyError(f"{where}: needs 'function' and a valid 'kind'")
        for words in _strings(entry, "words", where):
            folded = tfold(words)
            if folded in seen and seen[folded] != words:
                pass  # same folded phrase under two spellings ("Đảng ủy"/"Đảng uỷ"): keep the first
            elif folded in seen:
                raise VocabularyError(f"{where}: '{words}' is listed twice")
            seen[folded] = words
            heads.append(BodyHead(words, folded, function, kind))
    labels = data.get("labels", {})
    functions = {h.function for h in heads} - {"by-name", "collective"}
    if not isinstance(labels, dict) or set(labels) != functions:
        missing = sorted(functions - set(labels)) if isinstance(labels, dict) else sorted(functions)
        extra = sorted(set(labels) - functions) if isinstance(labels, dict) else []
        raise VocabularyError(f"bodies.toml [labels]: missing {missing}, unknown {extra}")
    return heads, _strings(data, "level_words", "bodies.toml"), labels


@functools.cache
def vocabulary() -> Vocabulary:
    """The package's vocabulary (loaded on first use, then shared)."""
    issuers = _load("issuers.toml")
    roles = _load("roles.toml")
    headings = _load("headings.toml")
    layout = _load("layout.toml")
    deadlines = _load("deadlines.toml")
    people = _load("people.toml")
    surnames = _strings(people, "surnames", "people.toml")
    if len(set(surnames)) != len(surnames):
        raise VocabularyError("people.toml: a surname is listed twice")
    rank = tuple(_strings(roles, "rank", "roles.toml"))
    if sorted(rank) != sorted(ROLES):
        raise VocabularyError(f"roles.toml: 'rank' must order exactly {ROLES}")
    final = roles.get("final", {})
    tentative = roles.get("tentative", {})
    for table in (final, tentative):
        for role in table:
            if role not in ROLES:
                raise VocabularyError(f"roles.toml: unknown role '{role}'")
            _strings(table, role, "roles.toml")
    kinds = []
    for entry in headings.get("kind", []):
        if entry.get("name") not in KINDS:
            raise VocabularyError(f"headings.toml: unknown kind {entry.get('name')!r}")
        kinds.append((entry["name"], [fold(p) for p in _strings(entry, "phrases", "headings.toml")]))
    heads, level_words, labels = _bodies()
    return Vocabulary(
        doc_types=_doc_types(),
        heads=heads,
        level_words=level_words,
        function_labels=labels,
        central_codes=frozenset(_strings(issuers, "central", "issuers.toml")),
        local_codes=frozenset(_strings(issuers, "local", "issuers.toml")),
        role_rank=rank,
        role_final=final,
        role_tentative=tentative,
        predicate_verbs=_strings(roles.get("predicate", {}), "verbs", "roles.toml [predicate]"),
        noun_after_to_chuc=_strings(roles.get("predicate", {}), "noun_after_to_chuc", "roles.toml [predicate]"),
        tasking_verbs=_strings(roles.get("tasking", {}), "verbs", "roles.toml [tasking]"),
        generic_partners=_strings(roles.get("partners", {}), "generic", "roles.toml [partners]"),
        heading_kinds=kinds,
        execution_phrases=[fold(p) for p in _strings(headings.get("execution", {}), "phrases", "headings.toml")],
        article_openers=_strings(headings.get("article_text", {}), "verbs", "headings.toml [article_text]")
        + _strings(headings.get("article_text", {}), "posts", "headings.toml [article_text]"),
        layout=layout,
        deadlines=deadlines,
        surnames=frozenset(fold(s) for s in surnames),
        person_titles=_strings(people, "titles", "people.toml"),
        positions=_strings(people, "positions", "people.toml"),
        address_prefixes=_strings(layout["body"], "address_prefix", "layout.toml [body]"),
        warning_codes=dict(_load("warnings.toml").get("codes", {})),
    )
