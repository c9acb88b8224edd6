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


# The slow tests: those that start many processes (the CLI under a memory watch, LibreOffice,
# Tesseract, Chromium), run the fuzz target, or time a parse at megabyte sizes. They run with
# ``--slow`` (CI runs them: .ci/run); the default run stays under a minute.
SLOW_MODULES = {
    "test_hostile.py",
    "test_renderings.py",
    "test_browser_pages.py",
    "test_html_browser.py",
    "test_fuzz.py",
    "test_read_sources.py",
}
SLOW_TESTS = {
    "test_properties.py::test_time_linear_on_a_megabyte",
    "test_formats.py::test_hostile_input_one_line_exit_1",
}


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="also run the slow tests (processes, OCR, browsers, fuzz)")


def pytest_collection_modifyitems(config, items):
    keep, slow = [], []
    for item in items:
        module = item.path.name
        if module in SLOW_MODULES or f"{module}::{item.originalname}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
            if not config.getoption("--slow"):
                slow.append(item)
                continue
        keep.append(item)
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = keep
        config._kehoach_slow_left = len(slow)


def pytest_terminal_summary(terminalreporter, config):
    left = getattr(config, "_kehoach_slow_left", 0)
    if left:
        terminalreporter.write_line(f"{left} slow tests not run: `python -m pytest --slow` runs them (CI does)")
