"""The level (central, province, district, commune) and branch (Party, state)
of an issuing body, from its symbol, code and name; the words are in
``data/levels.toml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .errors import VocabularyError
from .text import tfold
from .vocab import load_data, phrase_pattern, vocabulary

__all__ = ["BRANCHES", "LEVELS", "Level", "level_of"]

LEVELS = ("central", "province", "district", "commune")
BRANCHES = ("party", "state")
_ORDER = ("commune", "district", "province", "central")  # the order the word lists are tried


@dataclass(frozen=True)
class Level:
    level: str | None  # one of LEVELS, or None when nothing says
    branch: str | None  # "party", "state" or None


@dataclass(frozen=True)
class _Table:
    party: re.Pattern
    levels: tuple[tuple[str, re.Pattern], ...]
    not_level: re.Pattern
    codes: dict[str, str]


def _words(table: dict, key: str, where: str) -> list[str]:
    value = table.get(key) if isinstance(table, dict) else None
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabularyError(f"levels.toml {where}: '{key}' must be a non-empty list of strings")
    return value


@functools.cache
def _table() -> _Table:
    data = load_data("levels.toml")
    level = data.get("level", {})
    if set(level) - {"not_level"} != set(LEVELS):
        raise VocabularyError(f"levels.toml [level]: needs exactly {LEVELS} (and not_level)")
    codes: dict[str, str] = {}
    for name in data.get("codes", {}):
        if name not in LEVELS:
            raise VocabularyError(f"levels.toml [codes]: unknown level '{name}'")
        for code in _words(data["codes"], name, "[codes]"):
            if code in codes:
                raise VocabularyError(f"levels.toml [codes]: '{code}' is listed twice")
            codes[code] = name
    return _Table(
        party=re.compile(phrase_pattern(_words(data.get("branch") or {}, "party", "[branch]"), folder=tfold)),
        levels=tuple(
            (name, re.compile(phrase_pattern(_words(level, name, "[level]"), folder=tfold))) for name in _ORDER
        ),
        not_level=re.compile(phrase_pattern(_words(level, "not_level", "[level]"), folder=tfold)),
        codes=codes,
    )


def _symbol(symbol: str | None):
    if not symbol:
        return None
    from .extract.symbols import parse_symbol

    return parse_symbol(symbol)


def _words_level(text: str | None) -> str | None:
    if not text:
        return None
    table = _table()
    folded = table.not_level.sub(lambda m: " " * len(m.group(0)), tfold(text))
    for name, pattern in table.levels:
        if pattern.search(folded):
            return name
    return None


def level_of(
    *, name: str | None, parent: str | None = None, code: str | None = None, symbol: str | None = None
) -> Level:
    """The level and branch of the body that issued a document ("Ban Thường vụ
    Tỉnh ủy", code "TU", symbol "33-KH/TU" → province, Party)."""
    table = _table()
    parsed = _symbol(symbol)
    code = code or (parsed.issuer if parsed else None)
    branch = ("party" if parsed.family == "party" else "state") if parsed else None
    if branch is None:
        text = " ".join(t for t in (name, parent) if t)
        branch = ("party" if table.party.search(tfold(text)) else "state") if text else None
    level = None
    if code and vocabulary().is_central(code):
        level = "central"
    else:
        level = _words_level(name) or _words_level(parent)
        if level is None and code:
            level = next((table.codes[part] for part in code.split("-") if part in table.codes), None)
    return Level(level, branch)
