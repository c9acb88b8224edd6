"""Shared helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DOCS = FIXTURES / "docs"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
REAL = SHARED / "corpus" / "real"
REAL_FILES = SHARED / "corpus" / "real-files"
REPROS = SHARED / "corpus" / "repros"
WILD = FIXTURES / "wild"

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared (the seeds and scorer) is not beside the project")


def outline(doc) -> list[str]:
    """Top-level sections as 'label:heading[child labels]' (bullets shown as '-')."""
    out = []
    for s in doc.sections:
        children = ",".join(c.label or "" for c in s.children)
        out.append(f"{s.label}:{s.heading or ''}[{children}]")
    return out


@pytest.fixture(scope="session")
def seed_paths():
    return sorted(SEEDS.glob("*.txt"))
