"""How fast is a parse? Prints docs/s of the library on the seeds (and on our
fixtures), repeated to 1,000 documents, and the cold wall time of one
`kehoach parse SEED --format json` (a new process: imports included).

    python bench/parse_speed.py [--docs 1000]

Figures, not assertions: speed targets are read here, not enforced by tests.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import installed_env  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "docs"


def rate(paths: list[Path], total: int) -> tuple[float, float]:
    from kehoach import parse_text

    texts = [p.read_text(encoding="utf-8") for p in paths]
    for text in texts:  # warm: vocabulary, compiled patterns
        parse_text(text)
    start = time.perf_counter()
    done = 0
    while done < total:
        for text in texts:
            parse_text(text).model_dump_json()
            done += 1
            if done == total:
                break
    elapsed = time.perf_counter() - start
    return total / elapsed, sum(len(t) for t in texts) / len(texts)


def cold(path: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kehoach", "parse", str(path), "--format", "json"],
            check=True,
            capture_output=True,
            env=installed_env(),
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    fixtures = sorted(FIXTURES.glob("*.txt"))
    if seeds:
        per_second, size = rate(seeds, args.docs)
        print(
            f"library parse, seeds x{args.docs // len(seeds)}: {per_second:,.0f} docs/s (one process; mean "
            f"{size / 1024:.1f} KiB/doc)"
        )
    per_second, size = rate(fixtures, args.docs)
    print(
        f"library parse, fixtures to {args.docs}: {per_second:,.0f} docs/s (one process; mean {size / 1024:.1f} "
        f"KiB/doc)"
    )
    target = seeds[0] if seeds else fixtures[0]
    print(f"cold `kehoach parse {target.name} --format json`: {cold(target) * 1000:.0f} ms (median of 5)")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kehoach", "--help"], check=True, capture_output=True, env=installed_env())
    print(f"cold `kehoach --help`: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
