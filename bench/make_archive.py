"""Make an archive of N varied documents from the test fixtures.

    python bench/make_archive.py N OUT_DIR [--zip] [--docx 0.0] [--seed 1]

Each document is a fixture with its numbers and dates changed, its Roman part
labels restyled (I. / I- / I –), its paragraphs re-wrapped at a random width,
and its bytes varied (UTF-8, UTF-8 with BOM, CRLF, decomposed Unicode); with
--docx a share of them is rendered as Word instead. Files are spread over
sub-folders of 1,000.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "docs"


def vary(text: str, rng: random.Random) -> str:
    style = rng.choice([". ", "- ", " – "])
    text = re.sub(r"(?m)^(\s*)([IVX]+)[.\-–]\s*", lambda m: f"{m.group(1)}{m.group(2)}{style}", text)
    text = re.sub(r"\b(\d{1,4})(-[A-Z][A-Za-zĐ]*/)", lambda m: f"{rng.randint(1, 999)}{m.group(2)}", text)
    text = re.sub(
        r"ngày (\d{1,2}) tháng (\d{1,2})", lambda m: f"ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12)}", text
    )
    width = rng.randint(60, 110)
    out = []
    for line in text.split("\n"):
        if len(line) > width and not line.startswith((" ", "|")) and rng.random() < 0.7:
            out.extend(textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False))
        else:
            out.append(line)
    return "\n".join(out)


def encode(text: str, rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.1:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if choice < 0.2:
        return text.replace("\n", "\r\n").encode("utf-8")
    if choice < 0.3:
        return unicodedata.normalize("NFD", text).encode("utf-8")
    return text.encode("utf-8")


def documents(n: int, seed: int, docx_share: float):
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    for i in range(n):
        text = vary(sources[i % len(sources)], rng)
        if docx_share and rng.random() < docx_share:
            yield f"{i // 1000:03d}/doc-{i:06d}.docx", _docx(text)
        else:
            yield f"{i // 1000:03d}/doc-{i:06d}.txt", encode(text, rng)


def _docx(text: str) -> bytes:
    import io

    sys.path.insert(0, str(ROOT))
    import tempfile

    from kehoach import parse_text
    from tests.formats import render_docx

    with tempfile.TemporaryDirectory() as tmp:
        path = render_docx(parse_text(text), Path(tmp) / "d.docx")
        return io.BytesIO(path.read_bytes()).getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--zip", action="store_true", help="write OUT as one .zip archive")
    ap.add_argument("--docx", type=float, default=0.0, help="share of documents rendered as .docx")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.zip:
        with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in documents(args.n, args.seed, args.docx):
                z.writestr(name, data)
    else:
        for name, data in documents(args.n, args.seed, args.docx):
            path = args.out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    print(f"wrote {args.n} documents to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
