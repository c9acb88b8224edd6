"""Instructions a parse costs, counted by valgrind: a figure that does not move
with the machine's load, for comparing two versions of the code.

    python bench/parse_instructions.py [--docs 200] [--seeds]

Wall-clock figures on a shared 2-core VM vary by ±20 % from one minute to the
next; a change worth 3 % cannot be seen in them. This runs the same parse
twice under ``valgrind --tool=callgrind`` (imports and warm-up only, then
warm-up plus N documents, each parsed once) and prints the difference per
document. Needs valgrind (Debian: ``apt-get install valgrind``); about 30 s
for 200 documents. The documents are every 50th of the generated archive
(bench/make_archive.py, kept under bench/out/ by batch_speed.py); with
--seeds, the seed documents (../shared/corpus/seeds, 8-12 KB each) in turn.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

_RUN = """
import sys
from pathlib import Path
from kehoach.build import build_document
from kehoach.read import read_bytes
files = sorted(Path(sys.argv[1]).rglob("*.txt"))
data = [f.read_bytes() for f in files]
data = data[::50] if len(data) > 100 else data * (1 + (20 + int(sys.argv[2])) // len(data))
for d in data[:20]:
    build_document(read_bytes(d))
for d in data[20 : 20 + int(sys.argv[2])]:
    build_document(read_bytes(d)).model_dump_json()
"""


def instructions(script: str, folder: Path, docs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                script,
                str(folder),
                str(docs),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            check=True,
        )
    m = re.search(r"Collected : (\d+)", out.stderr)
    if not m:
        raise SystemExit("valgrind printed no instruction count")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seeds", action="store_true", help="the seed documents, each parsed in turn, not the archive")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    if args.seeds:
        folder, docs = SEEDS, args.docs
    else:
        folder = OUT / "docs-10000"
        if not (folder / ".complete").exists():
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_archive.py"), "10000", str(folder)], check=True)
            (folder / ".complete").write_text("ok")
        docs = min(args.docs, len(list(folder.rglob("*.txt"))[::50]) - 20)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(_RUN)
        script = fh.name
    try:
        base = instructions(script, folder, 0)
        total = instructions(script, folder, docs)
    finally:
        os.unlink(script)
    what = "the seeds in turn" if args.seeds else "each parsed once"
    print(f"parse + JSON: {(total - base) / docs / 1e6:.2f} M instructions a document ({docs} documents, {what})")


if __name__ == "__main__":
    main()
