"""The vocabulary tables: they load, they are consistent, and the code uses them."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from kehoach import parse_file
from kehoach.text import fold, tfold
from kehoach.vocab import ROLES, vocabulary
from tests.conftest import DOCS, REAL, ROOT, SEEDS

DATA = resources.files("kehoach.data")


def test_every_table_parses_and_loads():
    names = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".toml"))
    assert {
        "doc_types.toml",
        "bodies.toml",
        "roles.toml",
        "layout.toml",
        "headings.toml",
        "deadlines.toml",
        "issuers.toml",
        "people.toml",
        "warnings.toml",
    } <= set(names)
    for name in names:
        tomllib.loads(DATA.joinpath(name).read_text(encoding="utf-8"))
    vocabulary()


def test_type_codes_are_unique_per_family():
    seen = {}
    for t in vocabulary().doc_types:
        for family in t.symbol:
            key = (family, t.code)
            assert key not in seen, f"{t.code} twice for {family}"
            seen[key] = t


def test_every_type_has_a_printed_name_that_folds_to_itself():
    for t in vocabulary().doc_types:
        for name in t.names:
            assert fold(name) == fold(fold(name))
            assert name[0].isupper()


def test_body_heads_are_unique_after_folding():
    folded = [h.folded for h in vocabulary().heads]
    duplicates = {f for f in folded if folded.count(f) > 1}
    # the same head under two tone placements ("Đảng ủy" / "Đảng uỷ") is allowed, nothing else
    for key in duplicates:
        words = {h.words for h in vocabulary().heads if h.folded == key}
        assert len({tfold(w) for w in words}) == 1


def test_roles_table():
    vocab = vocabulary()
    assert sorted(vocab.role_rank) == sorted(ROLES)
    assert set(vocab.role_final) | set(vocab.role_tentative) <= set(ROLES)


def test_no_duplicate_words_in_lists():
    for name in ("roles.toml", "people.toml", "layout.toml", "deadlines.toml"):
        data = tomllib.loads(DATA.joinpath(name).read_text(encoding="utf-8"))
        stack = [data]
        while stack:
            node = stack.pop()
            for value in node.values() if isinstance(node, dict) else []:
                if isinstance(value, dict):
                    stack.append(value)
                elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                    assert len(value) == len(set(value)), f"{name}: duplicate in {value[:5]}..."


def test_central_and_local_codes_do_not_overlap():
    vocab = vocabulary()
    assert not (vocab.central_codes & vocab.local_codes)
    assert vocab.is_central("TW") and vocab.is_central("BTGTW") and vocab.is_central("QH15") and vocab.is_central("CP")
    assert not vocab.is_central("TU") and not vocab.is_central("UBND")


def test_a_warning_with_an_unknown_code_fails_when_made():
    from kehoach.warning import Warning, WarningCodeError

    assert Warning("numbering-gap", "II then IV", 3).line == 3
    with pytest.raises(WarningCodeError):
        Warning("numbering-gapp", "a typo in a code", 3)


def test_warning_codes_in_source_are_registered():
    registry = vocabulary().warning_codes
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "kehoach").rglob("*.py"))
    emitted = set(re.findall(r'Warning\(\s*"([a-z]+(?:-[a-z]+)+)",', source))  # (and each is checked when made)
    emitted.discard("by-name")
    assert emitted, "no warning codes found: the pattern of this test is stale"
    assert emitted <= set(registry), emitted - set(registry)


@pytest.mark.parametrize("folder", [DOCS, SEEDS, REAL], ids=["fixtures", "seeds", "real"])
def test_warnings_in_results_are_registered(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    registry = vocabulary().warning_codes
    for path in sorted(folder.glob("*.txt")):
        for warning in parse_file(path).warnings:
            assert warning.code in registry, (path.name, warning.code)


def test_every_layout_key_is_read_by_the_code():
    """A layout.toml key that no code reads is vocabulary someone will edit in vain (and its
    words are then typed again as a regex somewhere): each is read, by its name, in src/."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "src" / "kehoach"
    data = tomllib.loads((root / "data" / "layout.toml").read_text(encoding="utf-8"))
    code = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    unread = [
        f"[{section}] {key}"
        for section, table in data.items()
        for key in table
        if f'["{key}"]' not in code and f"'{key}'" not in code and f'"{key}",' not in code
    ]
    assert not unread, unread


def test_every_warning_code_is_documented():
    """docs/usage.md lists every code a result can carry, so that a user can look one up."""
    doc = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    missing = [code for code in vocabulary().warning_codes if f"`{code}`" not in doc]
    assert not missing, missing
