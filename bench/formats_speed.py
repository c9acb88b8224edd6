"""Docs/s of the library on Word and PDF input.

    python bench/formats_speed.py [--docs 200]

The .docx files are rendered from the test fixtures (tests/formats.py); the
PDFs are the committed renderings under tests/fixtures/formats/.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rate(blobs: list[bytes], total: int) -> float:
    from kehoach import parse_bytes

    for blob in blobs:
        parse_bytes(blob)
    start = time.perf_counter()
    done = 0
    while done < total:
        for blob in blobs:
            parse_bytes(blob)
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
        print(f"{label:>5}: {rate(blobs, args.docs):8,.0f} docs/s")


if __name__ == "__main__":
    main()
