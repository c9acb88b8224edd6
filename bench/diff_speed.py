"""Cold time of `kehoach diff` on the two seeds and of `kehoach compare` over
34 generated provinces' plans (targets: ≤ 0.5 s and ≤ 15 s).

    python bench/diff_speed.py [--runs 5] [--plans 34]

"Cold" means a fresh `kehoach` process each time, as a user runs it: Python
start-up, imports, reading, parsing, the word segmenter's model, the
comparison and the output. The median of the runs is printed, with the
fastest and slowest.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import installed_env  # noqa: E402


def timed(cmd: list[str], runs: int) -> list[float]:
    env = installed_env()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env)
        out.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()[:300]}")
    return out


def show(label: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "ok" if median <= target else "OVER TARGET"
    print(
        f"{label:<44} median {median:6.3f} s  (min {min(times):.3f}, max {max(times):.3f}; target ≤ {target:g} s: "
        f"{verdict})"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--plans", type=int, default=34)
    args = ap.parse_args()
    kehoach = [sys.executable, "-m", "kehoach"]
    a, b = str(SEEDS / "000_b87cf12effb29d41.txt"), str(SEEDS / "003_c5d17f6b05c19ca1.txt")
    show("diff seeds (words, json)", timed([*kehoach, "diff", a, b, "-f", "json"], args.runs), 0.5)
    show("diff seeds (--syllables, json)", timed([*kehoach, "diff", a, b, "-f", "json", "--syllables"], args.runs), 0.5)
    show("diff seeds (words, html)", timed([*kehoach, "diff", a, b, "-f", "html"], args.runs), 0.5)
    from make_plans import make

    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in make(args.plans, Path(tmp))]
        runs = max(1, args.runs // 2)
        show(f"compare {args.plans} plans (words, json)", timed([*kehoach, "compare", *paths, "-f", "json"], runs), 15)
        show(f"compare {args.plans} plans (words, html)", timed([*kehoach, "compare", *paths, "-f", "html"], runs), 15)


if __name__ == "__main__":
    main()
