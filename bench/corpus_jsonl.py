"""The whole corpus parsed to one JSON Lines file, to check that a change meant to keep
behaviour (speed, code health) keeps it: run before and after, and compare.

    python bench/corpus_jsonl.py OUT.jsonl [--generated 500]
    cmp before.jsonl after.jsonl      # or diff, to read what changed

Documents: ../shared/corpus (seeds, real, repros, wild texts) and tests/fixtures (docs,
wild), and --generated varied fixtures (bench/make_archive.py's variations, seeded).
Each line is one document's contract JSON with its source path and hash blanked, in path
order.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def texts(generated: int):
    folders = [
        SHARED / "seeds",
        SHARED / "real",
        SHARED / "repros",
        SHARED / "wild" / "docs",
        ROOT / "tests" / "fixtures" / "docs",
        ROOT / "tests" / "fixtures" / "wild",
    ]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            yield str(path.relative_to(ROOT.parent)), path.read_bytes()
    if generated:
        from make_archive import vary

        rng = random.Random(15)
        sources = sorted((ROOT / "tests" / "fixtures" / "docs").glob("*.txt"))
        for i in range(generated):
            source = sources[i % len(sources)]
            yield f"generated/{i:05d}-{source.name}", vary(source.read_text(encoding="utf-8"), rng).encode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--generated", type=int, default=500)
    args = ap.parse_args()
    from kehoach import parse_bytes

    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for name, data in texts(args.generated):
            doc = parse_bytes(data, name=name)
            record = json.loads(doc.to_json(indent=None))
            record["source"] = dict(record["source"] or {}, path=name, sha256=None)
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    print(f"{n} documents → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
