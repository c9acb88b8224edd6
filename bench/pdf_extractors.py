"""Which PDF text extractor? Each candidate on every real PDF we have, against
the evidence text beside it (``NAME.evidence.txt``, made by poppler's
``pdftotext -layout``), for correctness and speed.

    python bench/pdf_extractors.py [FILES_OR_DIRS ...] [--only NAME,NAME]

Per file and extractor it prints:
- ``sim``: character similarity to the evidence (1 - normalised Indel distance
  of the two texts with white space folded; order matters, so a header read
  column by column instead of line by line costs here);
- ``bag``: F1 of the two texts' words as multisets (order does not matter);
- ``syl``: the share of words that are Vietnamese syllables (the evidence's own
  rate is printed beside it: a garbage text layer is garbage in both);
- ``ms``: wall time of the extraction, one process, warm imports.

Candidates not installed are skipped (pip install pypdfium2 pdfminer.six
pymupdf; Debian poppler-utils for pdftotext). PyMuPDF is AGPL: measured here,
not a dependency of kehoach (MIT). ``kehoach`` is the reader's own text (the
lines it hands to the segmenter), for the before/after of a change.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT = [SHARED / "wild" / "files", SHARED / "real-files"]


def _pypdf(data: bytes, layout: bool) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    out = []
    for page in reader.pages:
        out.append(page.extract_text(extraction_mode="layout") if layout else page.extract_text())
    return "\n\f".join(out)


def _pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    out = []
    for page in pdf:
        out.append(page.get_textpage().get_text_bounded())
    return "\n\f".join(out)


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def _mupdf(data: bytes) -> str:
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    return "\n\f".join(page.get_text("text", sort=True) for page in doc)


def _pdftotext(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, timeout=120)
    return done.stdout.decode("utf-8", errors="replace")


def _kehoach(data: bytes) -> str:
    from kehoach.read import read_bytes

    text = read_bytes(data, ocr="never") if "ocr" in read_bytes.__code__.co_varnames else read_bytes(data)
    return "\n".join(line.text for line in text.lines)


def _have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


EXTRACTORS = {
    "pypdf-layout": (lambda d: _pypdf(d, True), lambda: _have("pypdf")),
    "pypdf": (lambda d: _pypdf(d, False), lambda: _have("pypdf")),
    "pypdfium2": (_pdfium, lambda: _have("pypdfium2")),
    "pdfminer": (_pdfminer, lambda: _have("pdfminer")),
    "pymupdf": (_mupdf, lambda: _have("pymupdf")),
    "pdftotext": (_pdftotext, lambda: shutil.which("pdftotext") is not None),
    "kehoach": (_kehoach, lambda: _have("kehoach")),
}

_WORD = re.compile(r"[^\W\d_]+")


def fold_space(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def similarity(a: str, b: str) -> float:
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(fold_space(a), fold_space(b))


def bag_f1(a: str, b: str) -> float:
    wa = Counter(w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", a)))
    wb = Counter(w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", b)))
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 1.0


def syllable_rate(text: str) -> float:
    from kehoach.text import is_syllable

    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if len(w) > 1]
    return sum(1 for w in words if is_syllable(w)) / len(words) if words else 0.0


def files(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for arg in args or [str(p) for p in DEFAULT]:
        p = Path(arg)
        out += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--only", help="comma-separated extractor names")
    args = ap.parse_args()
    names = [n for n, (_, ok) in EXTRACTORS.items() if ok() and (not args.only or n in args.only.split(","))]
    missing = [n for n, (_, ok) in EXTRACTORS.items() if not ok()]
    if missing:
        print(f"not installed: {', '.join(missing)}", file=sys.stderr)
    totals: dict[str, dict[str, list[float]]] = {
        n: {"sim": [], "bag": [], "syl": [], "ms": [], "ms/page": []} for n in names
    }
    print(f"{'file':<44}{'pages':>6} {'extractor':<13}{'sim':>6}{'bag':>6}{'syl':>6}{'ms':>8}")
    for path in files(args.paths):
        data = path.read_bytes()
        evidence_path = path.with_suffix(".evidence.txt")
        evidence = evidence_path.read_text(encoding="utf-8", errors="replace") if evidence_path.exists() else None
        try:
            import pypdfium2 as pdfium

            pages = len(pdfium.PdfDocument(data))
        except Exception:
            pages = 0
        ev = f"evidence syl {syllable_rate(evidence):.3f}" if evidence else "no evidence"
        print(f"{path.name[:43]:<44}{pages:>6} ({ev})")
        for name in names:
            func = EXTRACTORS[name][0]
            start = time.perf_counter()
            try:
                text = func(data)
            except Exception as exc:
                print(f"{'':<51}{name:<13} failed: {type(exc).__name__}: {str(exc)[:60]}")
                continue
            ms = (time.perf_counter() - start) * 1000
            syl = syllable_rate(text)
            row = totals[name]
            row["syl"].append(syl)
            row["ms"].append(ms)
            if pages:
                row["ms/page"].append(ms / pages)
            if evidence is not None:
                sim, bag = similarity(text, evidence), bag_f1(text, evidence)
                row["sim"].append(sim)
                row["bag"].append(bag)
                print(f"{'':<51}{name:<13}{sim:6.3f}{bag:6.3f}{syl:6.3f}{ms:8.0f}")
            else:
                print(f"{'':<51}{name:<13}{'-':>6}{'-':>6}{syl:6.3f}{ms:8.0f}")
    print()
    print(f"{'extractor':<13}{'mean sim':>9}{'mean bag':>9}{'mean syl':>9}{'ms/page':>9}{'total s':>9}")
    for name in names:
        row = totals[name]
        mean = lambda xs: statistics.fmean(xs) if xs else float("nan")  # noqa: E731
        print(
            f"{name:<13}{mean(row['sim']):9.3f}{mean(row['bag']):9.3f}{mean(row['syl']):9.3f}"
            f"{statistics.median(row['ms/page']) if row['ms/page'] else float('nan'):9.1f}{sum(row['ms']) / 1000:9.2f}"
        )


if __name__ == "__main__":
    main()
