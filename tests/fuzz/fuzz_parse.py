"""Fuzz the parser: mutated documents through the library or the command line.

    python tests/fuzz/fuzz_parse.py --seconds 600              # the library, ten minutes
    python tests/fuzz/fuzz_parse.py --runs 100000 --out crashes/
    python tests/fuzz/fuzz_parse.py --cli --runs 1000          # `kehoach parse FILE -f ...`
    python tests/fuzz/fuzz_parse.py --atheris -- -max_total_time=600   # coverage-guided, if atheris is installed

Inputs start from every document the project has (the fixtures, the example,
the seeds and other corpora of ../shared) and are mutated the ways that broke
kehoach before (issue 14): control characters and odd spaces, lone surrogates,
rich markup (``[bold]``, ``[/x]``), documents one after another, long lines
and long wrapped paragraphs, Markdown, HTML, legacy encodings, and plain
byte flips, cuts and splices.

What counts as a failure:

* library: any exception from ``parse_text`` / ``parse_bytes`` but
  :class:`kehoach.InputError`, or from the JSON, Markdown and table
  renderings of the result;
* command line: an exit code other than 0 and 1, a traceback, an "internal
  error", or a failure that is not one line on standard error;
* a hang: more than 2 s per 100 KB of input (at least 2 s); an input that
  runs past ``--timeout`` is stopped and counted as a hang;
* memory: the worker's peak RSS past 500 MB.

Each input runs in a worker process that a watchdog restarts after a hang.
Failures are written to ``--out`` (the input and what happened), and the run
ends with a summary; the exit code is 1 when anything failed. CI runs this
briefly (tests/test_fuzz.py); run it longer by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
RSS_LIMIT_MB = 500
SLOW_SECONDS_PER_100KB = 2.0
# an input that goes to an outside program pays its start-up once, whatever its size: a Word 97
# .doc is converted by LibreOffice (1.5 s to start here), an image is read by Tesseract
OUTSIDE_START_SECONDS = {
    b"\xd0\xcf\x11\xe0": 4.0,
    b"\x89PNG": 4.0,
    b"\xff\xd8\xff": 4.0,
    b"II*\x00": 4.0,
    b"MM\x00*": 4.0,
}


def _start_cost(value) -> float:
    """Seconds an outside program's start-up adds to this input (0 for text)."""
    if not isinstance(value, bytes):
        return 0.0
    return next((s for magic, s in OUTSIDE_START_SECONDS.items() if value.startswith(magic)), 0.0)


# --- seeds -----------------------------------------------------------------------


def seed_documents() -> list[bytes]:
    """Every text document of the project and the shared corpora, and the HTML format fixtures."""
    paths = [ROOT / "examples" / "ke-hoach-dang-uy-khoi.txt"]
    paths += sorted((ROOT / "tests" / "fixtures" / "docs").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "fixtures" / "diff").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "fixtures" / "formats").glob("*.html"))
    for folder in ("seeds", "real", "repros", "wild/docs"):
        paths += sorted((SHARED / folder).glob("*.txt"))
    return [p.read_bytes() for p in paths if p.is_file()]


# --- mutations --------------------------------------------------------------------

CONTROL = [chr(c) for c in range(0x20) if c not in (9, 10, 13)] + ["\x7f", "\x85", "\x9b"]
ODD_SPACES = ["\u00a0", "\u1680", "\u2000", "\u2007", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u202e", "\u2066", "\u2060", "\ufeff", "\u00ad", "\U000e0041"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\udc80"]
MARKUP = [
    "[bold]",
    "[/bold]",
    "[/]",
    "[/x]",
    "[link=https://x.invalid]",
    "[red on white]",
    "[",
    "]",
    "\\[",
    "[@click=quit]",
    "[b]",
    ":smile:",
]
MARKS = [
    "I. ",
    "II. ",
    "1. ",
    "1.1. ",
    "a) ",
    "- ",
    "+ ",
    "Điều 1. ",
    "Chương I",
    "Phần I",
    "Số: ",
    "Nơi nhận:",
    "T/M ",
    "KT. ",
    "ngày ",
    "/KH-UBND",
    "-KH/TU",
    "PHỤ LỤC",
    "KẾ HOẠCH",
]
TAGS = [
    "<p>",
    "</p>",
    "<br>",
    "<table>",
    "<tr>",
    "<td>",
    "<ol>",
    "<li>",
    "<pre>",
    "<script>",
    "<!--",
    "&nbsp;",
    "&#xd800;",
    "&#0;",
]
ALL_INSERTS = CONTROL + ODD_SPACES + INVISIBLE + MARKUP + MARKS + TAGS


def _lines(text: str) -> list[str]:
    return text.split("\n")


MUTATIONS = (
    "chars", "chars", "chars", "replace-all", "concatenated", "long-line", "long-paragraph", "cut", "duplicate",
    "shuffle", "splice", "markers", "markup", "case", "symbol-garbage", "random-chars",
)  # fmt: skip


def mutate(rng: random.Random, seeds: list[bytes], max_size: int) -> tuple[str | bytes, list[str]]:
    """One fuzzed input, text (``str``) or bytes, and the names of the mutations made."""
    data = rng.choice(seeds)
    text = data.decode("utf-8", "replace")
    done = []
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        kind = rng.randrange(len(MUTATIONS))
        done.append(MUTATIONS[kind])
        text = _text_mutation(rng, text, seeds, kind)
        if len(text) > max_size:
            text = text[:max_size]
    if rng.random() < 0.3:
        done.append("bytes")
        return _to_bytes(rng, text), done
    return text, done


def _text_mutation(rng: random.Random, text: str, seeds: list[bytes], kind: int) -> str:
    pos = rng.randrange(len(text) + 1)
    if kind <= 2:  # insert hostile characters, here and there
        pool = rng.choice((CONTROL, ODD_SPACES, INVISIBLE, SURROGATES, MARKUP, ALL_INSERTS))
        for _ in range(rng.randint(1, 20)):
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + rng.choice(pool) + text[pos:]
        return text
    if kind == 3:  # replace every space, or every line break, with one odd character
        return text.replace(rng.choice((" ", "\n")), rng.choice(CONTROL + ODD_SPACES + SURROGATES + ["\v", "\r", "\f"]))
    if kind == 4:  # documents one after another
        others = [rng.choice(seeds).decode("utf-8", "replace") for _ in range(rng.choice((1, 2, 5, 20, 60)))]
        return "\n\n".join([text, *others])
    if kind == 5:  # one long line: a line repeated without line breaks
        lines = [line for line in _lines(text) if line.strip()] or ["x"]
        line = rng.choice(lines)
        long = " ".join([line] * rng.choice((10, 100, 1000)))
        if rng.random() < 0.5:
            long = "Nơi nhận: " + long
        return text[:pos] + "\n" + long + "\n" + text[pos:]
    if kind == 6:  # one long wrapped paragraph
        lines = [line for line in _lines(text) if len(line) > 20] or ["phối hợp thực hiện"]
        para = "\n".join(rng.choice(lines).lower() for _ in range(rng.choice((50, 500, 3000))))
        return text[:pos] + "\n" + para + "\n" + text[pos:]
    if kind == 7:  # cut
        end = min(len(text), pos + rng.randint(1, 2000))
        return text[:pos] + text[end:]
    if kind == 8:  # duplicate a span
        end = min(len(text), pos + rng.randint(1, 3000))
        return text[:end] + text[pos:end] * rng.randint(1, 5) + text[end:]
    if kind == 9:  # shuffle lines
        lines = _lines(text)
        rng.shuffle(lines)
        return "\n".join(lines)
    if kind == 10:  # splice with another document
        other = rng.choice(seeds).decode("utf-8", "replace")
        cut = rng.randrange(len(other) + 1)
        return text[:pos] + other[cut:]
    if kind == 11:  # markers and structure at line starts
        lines = _lines(text)
        for _ in range(rng.randint(1, 30)):
            i = rng.randrange(len(lines))
            lines[i] = rng.choice(MARKS) + lines[i]
        return "\n".join(lines)
    if kind == 12:  # Markdown and HTML dressing
        lines = _lines(text)
        for _ in range(rng.randint(1, 30)):
            i = rng.randrange(len(lines))
            lines[i] = (
                rng.choice(("**", "# ", "| ", "<b>", "> ", "* ", "$\\mathrm{x}$ ", "----\n"))
                + lines[i]
                + rng.choice(("**", " |", "</b>", ""))
            )
        out = "\n".join(lines)
        return ("<!DOCTYPE html><html><body><pre>" + out) if rng.random() < 0.2 else out
    if kind == 13:  # case and diacritics
        return text.upper() if rng.random() < 0.5 else text.lower()
    if kind == 14:  # many long symbols and garbage after "Số:"
        garbage = "".join(rng.choice("ABCĐ0123456789-/.") for _ in range(rng.choice((30, 300, 3000))))
        return text[:pos] + "\nSố: " + garbage + "\n" + text[pos:]
    # random characters of any plane
    chunk = "".join(
        chr(rng.choice((rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x3000), rng.randrange(0x110000))))
        for _ in range(rng.randint(1, 50))
    )
    return text[:pos] + chunk + text[pos:]


def _to_bytes(rng: random.Random, text: str) -> bytes:
    encoding = rng.choice(("utf-8", "utf-8", "utf-16", "utf-16-le", "cp1258", "latin-1", "utf-8-sig"))
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    for _ in range(rng.choice((0, 0, 1, 5, 50))):  # byte flips
        if data:
            i = rng.randrange(len(data))
            data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]
    if rng.random() < 0.05:
        data = (
            rng.choice((b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1", b"\x00" * 64))
            + data
        )
    return data


# --- one input ---------------------------------------------------------------------


def check_library(value: str | bytes) -> str | None:
    """None when the input parsed (or was refused with InputError) and rendered; else what happened."""
    import io

    from rich.console import Console

    from kehoach import parse_bytes, parse_text, render
    from kehoach.errors import InputError

    try:
        doc = parse_bytes(value) if isinstance(value, bytes) else parse_text(value)
    except InputError:
        return None
    except Exception:
        return traceback.format_exc()
    try:
        json.loads(render.to_json(doc))
        render.to_markdown(doc)
        Console(file=io.StringIO(), width=120, force_terminal=True).print(render.to_rich(doc))
    except Exception:
        return "render: " + traceback.format_exc()
    return None


def check_cli(value: str | bytes, seed: int, timeout: float = 600) -> str | None:
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    fmt = ("json", "table", "markdown")[seed % 3]
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as fh:
        fh.write(data)
        name = fh.name
    try:
        args = (
            [sys.executable, "-m", "kehoach", "parse", name, "-f", fmt]
            if seed % 4
            else [sys.executable, "-m", "kehoach", "parse", "-", "-f", fmt]
        )
        try:
            done = subprocess.run(args, input=data if args[4] == "-" else None, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:  # run() has killed it: no orphan goes on after a hang
            return f"hang: kehoach parse -f {fmt} ran past {timeout:.0f} s"
    finally:
        os.unlink(name)
    err = done.stderr.decode("utf-8", "replace")
    if done.returncode == 0 and not err:
        if fmt == "json":
            try:
                json.loads(done.stdout)
            except ValueError as exc:
                return f"exit 0 but not JSON: {exc}"
        return None
    if (
        done.returncode == 1
        and err.count("\n") == 1
        and err.startswith("kehoach: error:")
        and "internal error" not in err
    ):
        return None
    return f"exit {done.returncode}, stderr:\n{err[-4000:]}"


def _reset_peak_rss() -> None:
    """Start the peak over (Linux: writing 5 to clear_refs resets VmHWM), so that the peak
    read after an input is that input's."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _peak_rss_mb() -> float:
    """This process's peak resident memory since the last reset (VmHWM), in MB; where /proc
    is not, ru_maxrss (the peak of the whole process's life)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _worker(conn, cli: bool, stack_file: str) -> None:
    """Parse what the parent sends; answer (failure or None, seconds, peak RSS). An input that
    runs past its time has the worker's stack written to ``stack_file`` (the parent reads it
    when it stops the worker: where a hang hangs)."""
    import faulthandler

    stacks = open(stack_file, "w")  # noqa: SIM115 (faulthandler writes to it until the worker dies)
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        value, seed, stack_after = item
        stacks.seek(0)
        stacks.truncate()
        faulthandler.dump_traceback_later(stack_after, repeat=False, file=stacks)
        _reset_peak_rss()
        start = time.perf_counter()
        failure = check_cli(value, seed, timeout=stack_after) if cli else check_library(value)
        faulthandler.cancel_dump_traceback_later()
        # a command's peak: the largest of this worker's children so far (it only grows, so the
        # input that first crosses the limit is the one reported; the worker is then replaced)
        peak = _children_peak_rss_mb() if cli else _peak_rss_mb()
        conn.send((failure, time.perf_counter() - start, peak))


class Watchdog:
    """A worker process that is restarted when an input hangs it (or it dies)."""

    def __init__(self, cli: bool) -> None:
        self.cli = cli
        self.context = multiprocessing.get_context("spawn")
        self.process = None
        self.start()

    def start(self) -> None:
        parent, child = self.context.Pipe()
        self.conn = parent
        fd, self.stack_file = tempfile.mkstemp(prefix="fuzz-stack-")
        os.close(fd)
        self.process = self.context.Process(target=_worker, args=(child, self.cli, self.stack_file), daemon=True)
        self.process.start()
        child.close()

    def _stack(self) -> str:
        try:
            return Path(self.stack_file).read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        if getattr(self, "stack_file", None) and os.path.exists(self.stack_file):
            os.unlink(self.stack_file)

    def run(self, value, seed: int, timeout: float):
        """(failure or None, seconds, peak RSS MB), or ('hang: STACK', timeout, 0) when stopped."""
        item = (value, seed, max(1.0, timeout - 1.0))
        if self.cli:  # the worker stops the command itself at the timeout; give it time to say so
            timeout += 15
        try:
            self.conn.send(item)
        except (BrokenPipeError, OSError):
            self.stop()
            self.start()
            self.conn.send(item)
        if self.conn.poll(timeout):
            try:
                return self.conn.recv()
            except (EOFError, OSError):
                pass
            self.stop()
            self.start()
            return (f"worker died: exit code {self.process.exitcode}", timeout, 0.0)
        time.sleep(1.5)  # the stack is written a second before the timeout
        stack = self._stack()
        self.stop()
        self.start()
        return (f"hang: stopped after {timeout:.0f} s; the worker's stack:\n{stack}", timeout, 0.0)


def _size(value) -> int:
    return len(value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass"))


_HELPERS = ("text.py", "patterns.py", "vocab.py", "similarity.py")  # shared by every stage: the caller owns the failure


def _owner(failure: str) -> str:
    """The innermost kehoach stage of a traceback ('segment.py' ...), to sort failures by owner."""
    modules = [
        line.split('"')[1]
        for line in failure.splitlines()
        if line.strip().startswith('File "') and "/kehoach/" in line and not line.split('"')[1].endswith(_HELPERS)
    ]
    if "most recent call first" in failure.lower():  # faulthandler's order (a hang's stack)
        modules.reverse()
    return modules[-1].split("/kehoach/")[-1] if modules else "-"


def fuzz(
    *,
    runs: int | None,
    seconds: float | None,
    seed: int,
    cli: bool,
    out: Path | None,
    max_size: int,
    timeout: float,
    quiet: bool,
) -> dict:
    rng = random.Random(seed)
    seeds = seed_documents()
    dog = Watchdog(cli)
    counts: Counter = Counter()
    failures: list[dict] = []
    start = time.time()
    peak = 0.0
    slowest = (0.0, 0)
    n = 0
    restart_every = 2000 if not cli else 10**9  # a fresh worker now and then: RSS is measured per worker
    try:
        while (runs is None or n < runs) and (seconds is None or time.time() - start < seconds):
            value, mutations = mutate(rng, seeds, max_size)
            size = _size(value)
            budget = max(2.0, SLOW_SECONDS_PER_100KB * size / 100_000) + _start_cost(value)
            failure, took, rss = dog.run(value, n, timeout=max(timeout, 5 * budget))
            n += 1
            counts["inputs"] += 1
            counts["bytes"] += size
            peak = max(peak, rss)
            kind = None
            if failure and failure.startswith("hang:"):
                kind = "hang"
            elif failure:
                kind = "crash"
            elif took > budget * (10 if cli else 1):  # a CLI run also pays interpreter start-up
                kind = "slow"
                failure = f"{took:.1f} s for {size:,} bytes (budget {budget:.1f} s)"
            elif rss > RSS_LIMIT_MB:
                kind = "memory"
                failure = f"peak RSS {rss:.0f} MB"
                dog.stop()  # the peak is the worker's: a fresh one for the next input
                dog.start()
            slowest = max(slowest, (took / max(size, 1) * 100_000, size))
            if kind:
                counts[kind] += 1
                record = {
                    "kind": kind,
                    "owner": _owner(failure),
                    "mutations": mutations,
                    "size": size,
                    "seconds": round(took, 2),
                    "what": failure,
                }
                digest = hashlib.sha1(
                    value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
                ).hexdigest()[:12]
                record["id"] = digest
                failures.append(record)
                if out:
                    out.mkdir(parents=True, exist_ok=True)
                    (out / f"{kind}-{digest}.input").write_bytes(
                        value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
                    )
                    (out / f"{kind}-{digest}.json").write_text(
                        json.dumps({**record, "is_bytes": isinstance(value, bytes)}, indent=1), encoding="utf-8"
                    )
                if not quiet:
                    print(
                        f"[{n}] {kind} ({record['owner']}; {','.join(mutations)}): {failure.strip().splitlines()[-1][:200]}",
                        file=sys.stderr,
                    )
            if restart_every and n % restart_every == 0:
                dog.stop()
                dog.start()
            if not quiet and n % 1000 == 0:
                print(f"{n} inputs, {dict(counts)}", file=sys.stderr)
    finally:
        dog.stop()
    return {
        "inputs": n,
        "mode": "cli" if cli else "library",
        "seconds": round(time.time() - start, 1),
        "bytes": counts["bytes"],
        "crash": counts["crash"],
        "hang": counts["hang"],
        "slow": counts["slow"],
        "memory": counts["memory"],
        "peak_rss_mb": round(peak),
        "slowest_s_per_100kb": round(slowest[0], 2),
        "failures": failures,
    }


def _load(path: Path):
    meta_path = path.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    data = path.read_bytes()
    return data if meta.get("is_bytes", False) else data.decode("utf-8", "surrogatepass")


def profile(paths: list[Path], top: int = 8) -> int:
    """Where saved inputs spend their time: each parsed here under cProfile, its costliest
    kehoach functions (cumulative), to tell whose code a slow input is slow in."""
    import cProfile
    import pstats

    for path in paths:
        value = _load(path)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(check_library, value)
        took = time.perf_counter() - start
        stats = pstats.Stats(profiler).stats
        rows = sorted(
            (
                (cum, f"{Path(file).name}:{line} {name}")
                for (file, line, name), (_, _, _, cum, _) in stats.items()
                if "/kehoach/" in file
            ),
            reverse=True,
        )
        # the innermost costly function: the deepest one costing at least half the time
        heavy = [label for cum, label in rows if cum >= took / 2 and not label.split(":")[0].endswith(_HELPERS)]
        print(f"{path.name}: {took:.1f} s for {_size(value):,} bytes; costliest: {heavy[-1] if heavy else '-'}")
        for cum, label in rows[:top]:
            print(f"    {cum:7.2f} s  {label}")
    return 0


def replay(paths: list[Path], *, cli: bool, timeout: float) -> int:
    """Run saved inputs again (``NAME.input`` beside its ``NAME.json``); print what each does now."""
    dog = Watchdog(cli)
    failed = 0
    try:
        for path in paths:
            value = _load(path)
            failure, took, rss = dog.run(value, 0, timeout=timeout)
            failed += bool(failure)
            status = "ok" if not failure else f"FAILS ({_owner(failure)})"
            print(f"{path.name}: {status}, {took:.1f} s for {_size(value):,} bytes, peak RSS {rss:.0f} MB")
            if failure:
                print("    " + "\n    ".join(failure.strip().splitlines()[-12:]))
    finally:
        dog.stop()
    return 1 if failed else 0


def atheris_main(argv: list[str]) -> None:  # pragma: no cover - needs atheris
    import atheris

    with atheris.instrument_imports():
        import kehoach  # noqa: F401
        from kehoach import build, read, render  # noqa: F401

    def test_one_input(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        value = fdp.ConsumeUnicode(len(data)) if fdp.ConsumeBool() else fdp.ConsumeBytes(len(data))
        failure = check_library(value)
        if failure:
            raise RuntimeError(failure)

    atheris.Setup([sys.argv[0], *argv], test_one_input)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="how many inputs (default: until --seconds)")
    parser.add_argument("--seconds", type=float, help="how long (default: 60 s when --runs is not given)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--cli", action="store_true", help="through `kehoach parse` instead of the library")
    parser.add_argument("--out", type=Path, help="write each failing input and its report here")
    parser.add_argument("--max-size", type=int, default=600_000, help="largest input, in characters")
    parser.add_argument("--timeout", type=float, default=30.0, help="an input running longer is stopped as a hang")
    parser.add_argument("--json", type=Path, help="write the summary here")
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument(
        "--atheris", action="store_true", help="coverage-guided with atheris (arguments after -- go to libFuzzer)"
    )
    parser.add_argument(
        "--replay",
        type=Path,
        nargs="+",
        metavar="INPUT",
        help="run saved inputs (from --out) again and say what each does",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="with --replay: where each input spends its time (in this process, no time limit)",
    )
    args, rest = parser.parse_known_args(argv)
    if args.replay and args.profile:
        return profile(args.replay)
    if args.replay:
        return replay(args.replay, cli=args.cli, timeout=args.timeout)
    if args.atheris:
        atheris_main([a for a in rest if a != "--"])
        return 0
    if args.runs is None and args.seconds is None:
        args.seconds = 60.0
    summary = fuzz(
        runs=args.runs,
        seconds=args.seconds,
        seed=args.seed,
        cli=args.cli,
        out=args.out,
        max_size=args.max_size,
        timeout=args.timeout,
        quiet=args.quiet,
    )
    brief = {k: v for k, v in summary.items() if k != "failures"}
    brief["by_owner"] = dict(Counter(f"{f['kind']}:{f['owner']}" for f in summary["failures"]))
    print(json.dumps(brief, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
