"""How well `diff` aligns the constructed pairs (tests/fixtures/diff), with and
without word segmentation, over a range of thresholds.

    python bench/diff_quality.py [--thresholds 0.25,0.35,0.45]

For each setting it prints the pairs it got right out of those expected
(matched, only in A, only in B) and the wrong matches it made. This is the
measurement behind the default threshold and behind comparing words
(underthesea's segmenter) rather than syllables.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kehoach import parse  # noqa: E402
from kehoach.diff import diff  # noqa: E402

PAIRS = ROOT / "tests" / "fixtures" / "diff"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def score(result, expected) -> tuple[int, int, int]:
    got = {(r.a, r.b) for r in result.sections if r.status == "matched"}
    want = {tuple(p) for p in expected["matched"]}
    got_a = {r.a for r in result.sections if r.status == "only_a"}
    got_b = {r.b for r in result.sections if r.status == "only_b"}
    right = len(got & want) + len(got_a & set(expected["only_a"])) + len(got_b & set(expected["only_b"]))
    total = len(want) + len(expected["only_a"]) + len(expected["only_b"])
    return right, total, len(got - want)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--thresholds", default="0.25,0.3,0.35,0.4,0.45,0.5")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the pairs missed and the wrong matches")
    args = ap.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    cases = []
    for exp in sorted(PAIRS.glob("*.expected.json")):
        name = exp.name[: -len(".expected.json")]
        cases.append(
            (
                name,
                parse(str(PAIRS / f"{name}.a.txt")),
                parse(str(PAIRS / f"{name}.b.txt")),
                json.loads(exp.read_text("utf-8")),
            )
        )
    seeds = SEEDS / "seeds-diff.expected.json"
    if seeds.exists():
        exp = json.loads(seeds.read_text("utf-8"))
        want = {"matched": exp["matched_sections"], "only_a": [], "only_b": exp["only_b_sections"], "partial": True}
        cases.append(("seeds (required pairs only)", parse(str(SEEDS / exp["a"])), parse(str(SEEDS / exp["b"])), want))
    print(f"{'mode':<10} {'threshold':>9} {'right':>9} {'wrong matches':>14} {'ms/diff':>8}")
    for words in (True, False):
        for t in thresholds:
            right = total = wrong = 0
            start = time.perf_counter()
            for _name, a, b, exp in cases:
                r = diff(a, b, threshold=t, words=words)
                ok, n, bad = score(r, exp)
                if exp.get("partial"):  # seeds: only the listed pairs are required, others may be added
                    bad = 0
                elif args.verbose and (ok < n or bad):
                    got = {(x.a, x.b) for x in r.sections if x.status == "matched"}
                    want = {tuple(p) for p in exp["matched"]}
                    print(f"  {_name} t={t} words={words}: missed {sorted(want - got)} wrong {sorted(got - want)}")
                right, total, wrong = right + ok, total + n, wrong + bad
            ms = (time.perf_counter() - start) * 1000 / len(cases)
            print(f"{'words' if words else 'syllables':<10} {t:>9.2f} {right:>4}/{total:<4} {wrong:>14} {ms:>8.1f}")
    separation(cases)


def separation(cases) -> None:
    """How far each true pair's score stands above the best wrong candidate for
    either of its items: the margin a threshold has to work with."""
    from kehoach.diff import _index, _Scorer

    print()
    print(
        f"{'mode':<10} {'true pairs':>10} {'mean true':>10} {'mean best wrong':>16} {'mean margin':>12} "
        f"{'margin < 0.1':>13}"
    )
    for words in (True, False):
        trues, wrongs, close = [], [], 0
        for _name, a, b, exp in cases:
            ia, ib = _index(a), _index(b)
            scorer = _Scorer(a, b, ia, ib, words=words)
            by_a = {e.section.path: e for e in ia.items}
            by_b = {e.section.path: e for e in ib.items}
            for pa, pb in exp["matched"]:
                if pa not in by_a or pb not in by_b:
                    continue
                ea, eb = by_a[pa], by_b[pb]
                true = scorer.score(ea, eb)
                wrong = max(
                    [scorer.score(ea, x) for x in ib.items if x is not eb]
                    + [scorer.score(x, eb) for x in ia.items if x is not ea],
                    default=0.0,
                )
                trues.append(true)
                wrongs.append(wrong)
                close += true - wrong < 0.1
        n = len(trues) or 1
        margin = sum(t - w for t, w in zip(trues, wrongs, strict=False)) / n
        print(
            f"{'words' if words else 'syllables':<10} {len(trues):>10} {sum(trues) / n:>10.3f} "
            f"{sum(wrongs) / n:>16.3f} {margin:>12.3f} {close:>13}"
        )


if __name__ == "__main__":
    main()
