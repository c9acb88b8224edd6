"""Throughput and memory of `kehoach batch` on generated archives.

    python bench/batch_speed.py [--sizes 10000 100000] [-j 2] [--repeat 5]

For each size N: generates N varied .txt documents (bench/make_archive.py,
kept under bench/out/ for the next run), runs
`kehoach batch DIR --jsonl OUT -j J -q` and prints docs/s and the peak
resident memory of the largest process; then the floor — reading the same
files, NFC-normalising them and one regex pass, in one process — and the
ratio of the two.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def generate(n: int) -> Path:
    folder = OUT / f"docs-{n}"
    marker = folder / ".complete"
    if not marker.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_archive.py"), str(n), str(folder)], check=True)
        marker.write_text("ok")
    return folder


def run_batch(folder: Path, jobs: int) -> tuple[float, float, int]:
    out = OUT / f"{folder.name}.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kehoach",
            "batch",
            str(folder),
            "--jsonl",
            str(out),
            "--overwrite",
            "-j",
            str(jobs),
            "-q",
        ],
        check=True,
    )
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(out, "rb") as fh:
        lines = sum(1 for _ in fh)
    return elapsed, max(peak_kib, before) / 1024, lines


def floor(folder: Path) -> tuple[float, int]:
    pattern = re.compile(r"(?m)^\s*(?:[IVX]+|\d+)[.\-–]")
    start = time.perf_counter()
    count = 0
    for path in sorted(folder.rglob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8", errors="replace"))
        pattern.findall(text)
        count += 1
    return time.perf_counter() - start, count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs per size; with more than one, the median is printed after them"
    )
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        folder = generate(n)
        rates = []
        for _ in range(max(1, args.repeat)):
            elapsed, peak_mib, lines = run_batch(folder, args.jobs)
            floor_s, count = floor(folder)
            rates.append(n / elapsed)
            print(
                f"N={n:>7,}: {n / elapsed:8,.0f} docs/s with -j {args.jobs} ({elapsed:6.1f} s, {lines:,} records), "
                f"peak RSS {peak_mib:5.0f} MiB; floor {count / floor_s:9,.0f} docs/s; ratio {floor_s / elapsed:.3f}",
                flush=True,
            )
        if len(rates) > 1:
            # a shared VM: a run can lose a core to a neighbour; the median of several runs is the figure
            print(
                f"N={n:>7,}: median {statistics.median(rates):8,.0f} docs/s over {len(rates)} runs (min "
                f"{min(rates):,.0f}, max {max(rates):,.0f})"
            )


if __name__ == "__main__":
    main()
