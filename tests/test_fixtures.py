"""Whole documents: golden JSON, and the hand-made gold of each fixture field by field.

``tests/fixtures/docs/NAME.txt`` is a document, ``NAME.gold.json`` its hand-checked
gold in the scorer's format (see ../shared/tools/score.py), and
``tests/fixtures/expected/NAME.json`` the whole output last reviewed. Run
``KEHOACH_UPDATE_GOLDEN=1 pytest tests/test_fixtures.py`` to rewrite the
expected files after a reviewed change, and read the diff before committing.
"""

from __future__ import annotations

import json
import os
import unicodedata

import pytest

from kehoach import parse_file
from tests.conftest import DOCS, FIXTURES

EXPECTED = FIXTURES / "expected"
GOLDS = sorted(DOCS.glob("*.gold.json"))
UPDATE = os.environ.get("KEHOACH_UPDATE_GOLDEN") == "1"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def norm(value) -> str:
    """As the scorer compares: case, white space and tone placement folded."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFD", str(value))
    text = "".join(ch for ch in text if ch not in TONES)
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()).strip(" ,.;:-")


def _doc(gold_path):
    name = gold_path.name.removesuffix(".gold.json")
    return parse_file(DOCS / f"{name}.txt"), json.loads(gold_path.read_text(encoding="utf-8")), name


def test_enough_fixtures():
    assert len(GOLDS) >= 15


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_golden_json(gold_path):
    doc, _, name = _doc(gold_path)
    data = json.loads(doc.to_json())
    data["source"] = None  # paths and hashes differ between machines
    target = EXPECTED / f"{name}.json"
    if UPDATE or not target.exists():
        EXPECTED.mkdir(exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{target.name} was missing and has been written: review it and commit it")
    assert data == json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_header_and_closing_fields(gold_path):
    doc, gold, _ = _doc(gold_path)
    assert doc.doc_type == gold["doc_type"]
    assert (doc.symbol or None) == gold["symbol"]
    assert doc.date == gold["date"]
    assert norm(doc.place) == norm(gold["place"])
    for key in ("name", "parent", "code"):
        assert norm(getattr(doc.issuer, key)) == norm(gold["issuer"][key]), key
    assert norm(doc.title) == norm(gold["title"])
    for key in ("name", "position", "authority"):
        assert norm(getattr(doc.signer, key)) == norm(gold["signer"][key]), key
    assert [norm(r) for r in doc.recipients] == [norm(r) for r in gold["recipients"]]


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_sections(gold_path):
    doc, gold, _ = _doc(gold_path)
    got = [(norm(s.label), norm(s.heading), s.kind, [norm(c.label) for c in s.children]) for s in doc.sections]
    want = [
        (norm(s["label"]), norm(s["heading"]), s["kind"], [norm(c) for c in s["children"]]) for s in gold["sections"]
    ]
    assert got == want


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_references(gold_path):
    doc, gold, _ = _doc(gold_path)
    by_symbol = {r.symbol.replace(" ", ""): r for r in doc.references if r.symbol}
    assert set(by_symbol) == {g["symbol"] for g in gold["references"]}
    for g in gold["references"]:
        ref = by_symbol[g["symbol"]]
        assert (ref.kind, ref.date, norm(ref.issuer)) == (g["kind"], g["date"], norm(g["issuer"])), g["symbol"]
    laws = {norm(r.title) for r in doc.references if not r.symbol}
    assert laws == {norm(name) for name in gold.get("laws", [])}


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_assignments(gold_path):
    doc, gold, _ = _doc(gold_path)
    unmatched = list(doc.assignments)
    for g in gold["assignments"]:
        names = [norm(b) for b in g.get("body", [])]
        group = norm(g.get("group"))
        hits = [
            a
            for a in doc.assignments
            if norm(a.body) in names or (group and norm(a.body).removeprefix("cac ") in group)
        ]
        assert hits, f"no assignment for {g.get('body') or g.get('group')}"
        assert any(a.role == g["role"] for a in hits), (g, [a.role for a in hits])
        if g.get("deadline"):
            want = (g["deadline"]["date"], g["deadline"]["recurrence"])
            assert any(a.deadline and (a.deadline.date, a.deadline.recurrence) == want for a in hits), (
                g,
                [a.deadline for a in hits],
            )
        unmatched = [a for a in unmatched if a not in hits]
    assert not unmatched, [a.body for a in unmatched]


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_every_value_has_a_line(gold_path):
    doc, _, _ = _doc(gold_path)
    for key in ("symbol", "date", "title", "doc_type"):
        if getattr(doc, key):
            assert doc.provenance.get(key), key
    for ref in doc.references:
        assert ref.mentions and all(m.line > 0 for m in ref.mentions)
    for assignment in doc.assignments:
        assert assignment.line and assignment.line > 0
    if doc.signer.name:
        assert doc.signer.lines
