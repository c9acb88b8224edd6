"""The fuzz target, briefly (run it for longer by hand: ``python tests/fuzz/fuzz_parse.py --seconds 600``)."""

from __future__ import annotations

import random

from tests.fuzz import fuzz_parse


def test_mutations_cover_what_broke_before():
    """Every mutation of the target runs, and the inputs hold what issue 14 found breaking."""
    rng = random.Random(0)
    seeds = fuzz_parse.seed_documents()
    assert len(seeds) >= 20
    made = [fuzz_parse.mutate(rng, seeds, 50_000) for _ in range(400)]
    kinds = {kind for _, done in made for kind in done}
    assert kinds >= set(fuzz_parse.MUTATIONS) | {"bytes"}
    texts = [value for value, _ in made if isinstance(value, str)]
    assert any(any(0xD800 <= ord(c) <= 0xDFFF for c in t) for t in texts)  # surrogates
    assert any("\v" in t or "\x1f" in t or "\u205f" in t for t in texts)  # controls, odd spaces
    assert any("[/" in t for t in texts)  # rich markup


def test_a_short_library_run_finds_nothing(tmp_path):
    summary = fuzz_parse.fuzz(
        runs=80, seconds=None, seed=14, cli=False, out=tmp_path, max_size=20_000, timeout=30, quiet=True
    )
    assert summary["inputs"] == 80
    # a crash, hang or memory failure is a defect; "slow" is judged against a 2 s budget, which
    # a loaded shared machine can miss by a little: only a run well past it counts here
    failures = [f for f in summary["failures"] if f["kind"] != "slow" or f["seconds"] > 10]
    assert failures == [], failures[:3]


def test_a_short_cli_run_finds_nothing(tmp_path):
    summary = fuzz_parse.fuzz(
        runs=6, seconds=None, seed=3, cli=True, out=tmp_path, max_size=20_000, timeout=60, quiet=True
    )
    assert summary["failures"] == [], summary["failures"][:3]
