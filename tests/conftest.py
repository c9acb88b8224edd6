"""Shared helpers for the test suite."""

from __future__ import annotations

import os
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

if os.environ.get("KEHOACH_CI") == "1" and not SEEDS.is_dir():  # pragma: no cover - CI must have it
    raise RuntimeError(
        f"{SHARED} is not beside the project: the accuracy tests cannot run (CI clones main with ../shared beside it)"
    )
needs_shared = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared (the seeds and scorer) is not beside the project"
)


def outline(doc) -> list[str]:
    """Top-level sections as 'label:heading[child labels]' (bullets shown as '-')."""
    out = []
    for s in doc.sections:
        children = ",".join(c.label or "" for c in s.children)
        out.append(f"{s.label}:{s.heading or ''}[{children}]")
    return out


def segment_outline(text: str) -> list[str]:
    """The outline of ``text`` as the segment stage alone gives it (read, then segment: no
    extraction), so that a failure names the stage."""
    from kehoach.read import read_text
    from kehoach.segment import segment

    out = []
    for node in segment(read_text(text)).sections:
        children = ",".join(c.marker.label or "" for c in node.children)
        out.append(f"{node.marker.label}:{node.heading or ''}[{children}]")
    return out


@pytest.fixture(scope="session")
def seed_paths():
    return sorted(SEEDS.glob("*.txt"))
