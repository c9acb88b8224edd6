"""How a parse's cost grows with the document's size: a seed plan made 1x to 100x as
long, parsed in one process, time per document and per KiB.

    python bench/size_scaling.py [--factors 1 2 5 10 20 50 100] [--seed NAME]

The longer documents keep the seed's header, part headings and closing and repeat the
items of each part ("1. ..." to "6. ...") k times, numbered on (1..6, 7..12, ..., to 99
and from 1 again): one plan with k times the items, tasks, paragraphs and citations.
Each size is parsed (with JSON output) until 2 s have passed, at least 3 times; the
median is printed. Linear cost shows as a flat per-KiB column.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

_PART = re.compile(r"^[IVXL]+[.-] .*$", re.M)  # a part heading: "II. NHIỆM VỤ, GIẢI PHÁP"
_ITEM = re.compile(r"^(\d+)\. ", re.M)  # an item of a part: "3. Nâng cao hiệu lực ..."
_BODY_ENDS = ("Gửi kèm", "Trên đây", "Nơi nhận")  # what follows the body (the first found ends it)


def scaled(text: str, k: int) -> str:
    """``text`` with the items of each of its parts repeated ``k`` times, numbered on."""
    end = min((i for i in map(text.find, _BODY_ENDS) if i >= 0), default=-1)
    heads = list(_PART.finditer(text, 0, end))
    if not heads:
        raise SystemExit("the seed has no part heading before its closing ('Nơi nhận')")
    out = [text[: heads[0].end()]]
    for i, head in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else end
        items = text[head.end() : stop]
        count = len(_ITEM.findall(items))
        # (numbered on to 99, then from 1 again: a marker of three digits is no item's)
        out += [_ITEM.sub(lambda m, s=j * count: f"{(int(m.group(1)) + s - 1) % 99 + 1}. ", items) for j in range(k)]
        if i + 1 < len(heads):
            out.append(text[stop : heads[i + 1].end()])
    return "".join(out) + text[end:]


def cost(text: str) -> float:
    from kehoach import parse_text

    times: list[float] = []
    spent = 0.0
    while len(times) < 3 or spent < 2.0:
        start = time.perf_counter()
        parse_text(text).model_dump_json()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 2, 5, 10, 20, 50, 100])
    ap.add_argument("--seed", default="003_c5d17f6b05c19ca1.txt", help="a seed plan (../shared/corpus/seeds)")
    args = ap.parse_args()
    from kehoach import parse_text

    text = (SEEDS / args.seed).read_text(encoding="utf-8")
    parse_text(text)  # warm: vocabulary, compiled patterns
    print(f"{'size':>6} {'KiB':>8} {'parts':>6} {'tasks':>6} {'ms':>9} {'us/KiB':>8}")
    for k in args.factors:
        doc = scaled(text, k)
        parsed = parse_text(doc)
        seconds = cost(doc)
        kib = len(doc.encode("utf-8")) / 1024
        print(
            f"{k:>5}x {kib:>8.1f} {len(parsed.sections):>6} {len(parsed.assignments):>6}"
            f" {seconds * 1000:>9.1f} {seconds * 1e6 / kib:>8.0f}"
        )


if __name__ == "__main__":
    main()
