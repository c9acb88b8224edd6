"""Docs/s of the library on Word and PDF input, and the text-PDF reader against the one before it.

    python bench/formats_speed.py [--docs 200]

The .docx files are rendered from the test fixtures (tests/formats.py); the
PDFs are the committed renderings under tests/fixtures/formats/ and the real
text PDFs of ../shared/corpus. ``pdf (pypdf)`` is the reader this project had
before pypdfium2 (pypdf's layout mode, then the same line cleaning and
pipeline), kept here to print the two side by side; it needs pypdf (a test
dependency).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pypdf_parse(data: bytes):
    """The previous PDF reader: pypdf layout text → the same cleaning and pipeline."""
    import io
    import re

    from pypdf import PdfReader

    from kehoach.build import build_document
    from kehoach.read import legacy
    from kehoach.read.lines import Text, clean_lines
    from kehoach.read.pdf import _edges

    reader = PdfReader(io.BytesIO(data), strict=False)
    pages = [
        (page.extract_text(extraction_mode="layout") or "").replace("\f", "").splitlines() for page in reader.pages
    ]
    edges = _edges(pages)
    raw = "\n\f".join(
        "\n".join("" if edges and re.sub(r"\d+", "#", line.strip()) in edges else line for line in lines)
        for lines in pages
    )
    lines, warnings = clean_lines(legacy.repair(raw))
    return build_document(Text(lines, format="pdf", warnings=warnings))


def rate(blobs: list[bytes], total: int, parse=None) -> float:
    if parse is None:
        from kehoach import parse_bytes as parse

    for blob in blobs:
        parse(blob)
    start = time.perf_counter()
    done = 0
    while done < total:
        for blob in blobs:
            parse(blob)
            done += 1
            if done == total:
                break
    return total / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    args = ap.parse_args()
    from kehoach import parse_file
    from tests.formats import FORMATS, SAMPLES, render_docx, source

    names = [n for n in SAMPLES if source(n).exists()]
    with tempfile.TemporaryDirectory() as tmp:
        docx = [render_docx(parse_file(source(n)), Path(tmp) / f"{n}.docx").read_bytes() for n in names]
    pdf = [(FORMATS / f"{n}.pdf").read_bytes() for n in names]
    text = [source(n).read_bytes() for n in names]
    print(f"{len(names)} documents ({', '.join(names)}), {args.docs} parses each format, one process")
    for label, blobs in (("txt", text), ("docx", docx), ("pdf", pdf)):
        print(f"{label:>16}: {rate(blobs, args.docs):8,.0f} docs/s")
    shared = ROOT.parent / "shared" / "corpus"
    real = [
        p
        for p in sorted((shared / "wild" / "files").glob("tcddvhn_*.pdf"))
        + sorted((shared / "real-files").glob("*.pdf"))
    ]
    import importlib.util

    old = importlib.util.find_spec("pypdf") is not None
    print(
        "text PDFs, pages/s (a parse, pipeline included), new reader (pypdfium2) against the previous (pypdf layout):"
    )
    rows = [("rendered fixtures", pdf)] + [(p.name[:40], [p.read_bytes()]) for p in real]
    import pypdfium2

    for label, blobs in rows:
        pages = sum(len(pypdfium2.PdfDocument(b)) for b in blobs)
        n = max(1, min(args.docs, 2000 // max(1, pages)))
        new = rate(blobs, n) * pages / len(blobs)
        before = rate(blobs, max(1, n // 4), _pypdf_parse) * pages / len(blobs) if old else float("nan")
        print(
            f"{label:>40}: {pages:4d} pages  pypdfium2 {new:7.1f} pages/s   pypdf {before:7.1f} pages/s   "
            f"x{new / before:5.1f}"
        )


if __name__ == "__main__":
    main()
