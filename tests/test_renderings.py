"""Real renderings of documents with gold, scored against their gold by the shared scorer.

Each sample (the seeds and the fixtures of tests/formats.py) is rendered to .docx as offices lay
documents out, then by LibreOffice to PDF in a font that has Vietnamese glyphs (DejaVu Serif) and
in one that lacks them (Liberation Serif 1.x: LibreOffice draws ơ, ư and the toned letters from a
fallback font, glyph by glyph), to a scan of that PDF (pages → 200 dpi grayscale images → a PDF
with no text, read by OCR) and to Word 97-2003 .doc; and to Windows-1258 text. Each is parsed and
scored field by field with ../shared/tools/score.py: ≥ 0.95 (scans ≥ 0.90, Windows-1258 ≥ 0.99).

LibreOffice and OCR take seconds a document: CI renders a handful (CI_SAMPLES); set
KEHOACH_RENDER_ALL=1 to render every sample. Tests that need LibreOffice or Tesseract skip, saying
why, where they are not installed (.ci/run installs them).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from kehoach import parse_bytes, parse_file
from tests.conftest import DOCS, SEEDS, SHARED
from tests.formats import (
    FONT_WITH_VIETNAMESE,
    FONT_WITHOUT_VIETNAMESE,
    SAMPLES,
    convert,
    render_docx,
    set_font,
    source,
    to_scan,
)

SCORER = SHARED / "tools" / "score.py"
ALL = os.environ.get("KEHOACH_RENDER_ALL") == "1"
CI_SAMPLES = ["seed000", "f01", "f06"]  # a plan, a party plan with a Word header table, a resolution's articles
SCAN_SAMPLES = ["seed000"]  # OCR costs ~4 s a page
NAMES = [n for n in SAMPLES if source(n).exists() and (ALL or n in CI_SAMPLES)]
SCAN_NAMES = [n for n in NAMES if ALL or n in SCAN_SAMPLES]

needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score.py is not beside the project")
needs_libreoffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice is not installed (Debian: libreoffice-writer-nogui; .ci/run installs it)",
)


def _tesseract_ready() -> bool:
    from kehoach.read import ocr

    return ocr.available()


needs_ocr = pytest.mark.skipif(
    not _tesseract_ready(),
    reason="Tesseract with its Vietnamese model is not installed (Debian: tesseract-ocr tesseract-ocr-vie)",
)


def _scorer():
    spec = importlib.util.spec_from_file_location("kehoach_shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_of(name: str) -> dict:
    path = source(name).with_suffix(".gold.json")
    return json.loads(path.read_text(encoding="utf-8"))


def score(doc, gold: dict) -> tuple[float, dict[str, float]]:
    """The scorer's per-document score (the mean of its fields) and each field."""
    fields = _scorer().FIELDS
    pred = json.loads(doc.to_json())
    row = {field: fn(gold, pred) for field, fn in fields.items()}
    return sum(row.values()) / len(row), row


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name → {kind: path} of every rendering, made once."""
    out: dict[str, dict[str, Path]] = {}
    root = tmp_path_factory.mktemp("renderings")
    for name in NAMES:
        folder = root / name
        folder.mkdir()
        paths = {}
        doc = parse_file(source(name))
        for kind, font in (
            ("pdf-vietnamese-font", FONT_WITH_VIETNAMESE),
            ("pdf-fallback-font", FONT_WITHOUT_VIETNAMESE),
        ):
            sub = folder / kind
            sub.mkdir()
            docx = set_font(render_docx(doc, sub / f"{name}.docx"), font)
            paths[kind] = convert(docx, sub, "pdf")
            if kind == "pdf-vietnamese-font":
                paths["doc"] = convert(docx, sub, "doc")
        if name in SCAN_NAMES:
            paths["scan"] = to_scan(paths["pdf-vietnamese-font"], folder / f"{name}-scan.pdf", dpi=200)
        out[name] = paths
    return out


@needs_scorer
@needs_libreoffice
@pytest.mark.parametrize("kind", ["pdf-vietnamese-font", "pdf-fallback-font", "doc"])
@pytest.mark.parametrize("name", NAMES)
def test_rendering_scores_against_gold(name, kind, rendered):
    path = rendered[name][kind]
    doc = parse_file(path)
    assert doc.source.format == ("doc" if kind == "doc" else "pdf")
    total, row = score(doc, gold_of(name))
    text_total, _ = score(parse_file(source(name)), gold_of(name))
    assert total >= min(0.95, text_total), (total, row)


@needs_scorer
@needs_libreoffice
@needs_ocr
@pytest.mark.parametrize("name", SCAN_NAMES)
def test_scan_scores_against_gold(name, rendered):
    doc = parse_file(rendered[name]["scan"])
    assert any(w.code == "ocr-used" for w in doc.warnings)
    total, row = score(doc, gold_of(name))
    assert total >= 0.90, (total, row)


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Text as Windows saves it in Windows-1258: letters it has precomposed, tones as combining bytes."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in parts if m in TONES)
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def _gold_texts() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(DOCS.glob("*.txt"))
    return [p for p in paths if p.with_suffix(".gold.json").exists()]


@needs_scorer
@pytest.mark.parametrize("path", _gold_texts(), ids=lambda p: p.stem)
def test_windows_1258_rendering_scores_as_the_text(path):
    text = path.read_text(encoding="utf-8")
    data = to_cp1258(text)
    assert data != text.encode("utf-8")
    doc = parse_bytes(data, name=path.name)
    assert doc.source.encoding == "cp1258"
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    total, row = score(doc, gold)
    text_total, _ = score(parse_file(path), gold)
    assert total >= min(0.99, text_total), row
