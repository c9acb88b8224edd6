"""Batch: convert whole archives, nothing lost.

Inputs are files, directories (recursive), globs, ``.zip`` and ``.tar``
(``.gz``, ``.bz2``, ``.xz``) archives read in place — entries streamed, never
extracted, names that would escape (``..``, absolute) refused — and ``-``
for a list of paths on standard input. Every input gives a result or an
error record; outputs go to a folder of JSON files mirroring the input names,
a JSON Lines stream, or an SQLite database (see :mod:`kehoach.store`).

Work is spread over worker processes in chunks, at most two chunks a worker
in flight, so memory stays flat however large the archive. ``--resume`` skips
inputs whose output exists and was made from the same bytes (SHA-256), so a
run killed with ``kill -9`` and started again completes with no duplicate
and no missing record. The parse function is pure: ``--dask`` runs the same
chunks on a Dask cluster.

Nothing stalls or outlives a run: each document has a time budget
(:data:`TIMEOUT`, ``--timeout``): past it the document gets an error record
and the run goes on (an alarm in the worker stops the parse; a worker that
does not answer a few seconds later is killed and replaced, and the rest of
its chunks go to the others). Workers end with their parent however it ends
(on Linux the kernel kills them when it dies, ``kill -9`` included;
elsewhere they notice within a second).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import sys
import tarfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .read import (  # DOCUMENT_SUFFIXES: what a folder walk takes
    DOCUMENT_SUFFIXES,
    MAX_BYTES,
    display_name,
    read_file_bytes,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = [
    "DOCUMENT_SUFFIXES",
    "TIMEOUT",
    "Job",
    "Outcome",
    "Summary",
    "count_jobs",
    "iter_jobs",
    "parse_chunk",
    "parse_jobs",
    "run_batch",
]

_DRIVE = re.compile(r"^[A-Za-z]:")  # a Windows drive letter at the start of an archive member's name

TIMEOUT = 60.0  # seconds a document may take (the longest real one takes well under one)
_GRACE = 5.0  # after its budget, the seconds a worker has to answer before it is killed

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
CHUNK = 16  # documents per task: amortises inter-process overhead
REASON_CHARS = 160  # a failure reason is cut to this many characters in the summary


@dataclass(slots=True)
class Job:
    name: str  # what the user sees: a path, or "archive.zip!dir/doc.txt"
    out: str  # relative output name (without the .json suffix)
    path: str | None = None  # read by the worker
    data: bytes | None = None  # already read (an archive entry)
    error: str | None = None  # refused before parsing (an unsafe archive entry ...)
    sha256: str | None = None


@dataclass(slots=True)
class Outcome:
    name: str
    out: str
    sha256: str | None
    # the document, compact JSON in UTF-8 (bytes cross processes and reach the file as they are)
    json: bytes | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    row: dict | None = None  # the fields the SQLite store indexes

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Summary:
    documents: int = 0
    succeeded: int = 0
    skipped: int = 0  # up to date (--resume)
    failures: Counter = field(default_factory=Counter)  # reason -> inputs
    warnings: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    failed_inputs: list[tuple[str, str]] = field(default_factory=list)  # (input, reason), the first MAX_LISTED
    shortened: int = 0  # output names shortened to fit the file system (see the manifest)

    MAX_LISTED = 1000

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def rate(self) -> float:
        processed = self.succeeded + self.failed
        return processed / self.elapsed if self.elapsed else 0.0


# --- inputs ----------------------------------------------------------------


def _is_archive(path: str) -> bool:
    lower = path.lower()
    return lower.endswith(ARCHIVE_SUFFIXES)


def _safe_entry(name: str) -> bool:
    """An archive entry name that stays inside the output folder."""
    if not name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return False
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." not in parts


def _entry_job(path: str, stem: str, entry: str, size: int, problem: str | None, read: Callable[[], bytes]) -> Job:
    """The job of one archive entry: refused (unsafe name, ``problem``, too large) or read."""
    name = display_name(f"{path}!{entry}")
    if not _safe_entry(entry):
        return Job(
            name,
            f"{stem}/_unsafe/{hashlib.sha1(entry.encode()).hexdigest()[:12]}",
            error="unsafe entry name in archive (escapes the output folder)",
        )
    out = f"{stem}/{entry}"
    if problem:
        return Job(name, out, error=problem)
    if size > MAX_BYTES:
        return Job(name, out, error=f"archive entry larger than the {MAX_BYTES // (1024 * 1024)} MiB limit")
    return Job(name, out, data=read())


def _archive_jobs(path: str, label: str) -> Iterator[Job]:
    stem = Path(path).name
    try:
        if path.lower().endswith(".zip"):
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if info.is_dir():
                        continue

                    def read_zip(info=info) -> bytes:
                        with archive.open(info) as fh:
                            return fh.read(MAX_BYTES + 1)

                    problem = "encrypted archive entry" if info.flag_bits & 0x1 else None
                    yield _entry_job(path, stem, info.filename, info.file_size, problem, read_zip)
        else:
            with tarfile.open(path, mode="r:*") as tar:
                for member in tar:  # streamed: members are read as the tar is walked
                    if member.isdir():
                        continue

                    def read_tar(member=member) -> bytes:
                        fh = tar.extractfile(member)
                        return fh.read(MAX_BYTES + 1) if fh else b""

                    problem = None if member.isfile() else "tar entry is a link or a device, not a file"
                    yield _entry_job(path, stem, member.name, member.size, problem, read_tar)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
        yield Job(label, Path(path).name, error=f"unreadable archive ({type(exc).__name__}: {exc})")


def _walk(root: str) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name)


def iter_jobs(
    inputs: Iterable[str], *, stdin: Iterable[str] | None = None, exclude: str | None = None
) -> Iterator[Job]:
    """Every document the inputs name, lazily, in a stable order."""
    seen_out: Counter = Counter()

    def unique(job: Job) -> Job:
        seen_out[job.out] += 1
        if seen_out[job.out] > 1:
            job.out = f"{job.out}~{seen_out[job.out]}"
        return job

    def expand(items: Iterable[str]) -> Iterator[str]:
        for item in items:
            item = item.strip() if isinstance(item, str) else item
            if not item:
                continue
            if item == "-" and stdin is not None:
                yield from expand(line.rstrip("\n") for line in stdin)
            elif any(ch in item for ch in "*?[") and not os.path.exists(item):
                matches = sorted(glob.glob(item, recursive=True))
                yield from matches if matches else [item]
            else:
                yield item

    for item in expand(inputs):
        if exclude and (os.path.abspath(item) == exclude or os.path.abspath(item).startswith(exclude + os.sep)):
            continue
        if os.path.isdir(item):
            base = Path(item).resolve().name or "root"
            prefix = os.path.join(item, "")
            for path in _walk(item):
                if exclude and os.path.abspath(path).startswith(exclude + os.sep):
                    continue
                # _walk joins onto ``item``: the name below it is the rest of the path (relpath costs ~25 us a file)
                rel = path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, item)
                if _is_archive(path):
                    for job in _archive_jobs(path, path):
                        job.out = f"{base}/{os.path.dirname(rel)}/{job.out}".replace("//", "/")
                        yield unique(job)
                elif path.lower().endswith(DOCUMENT_SUFFIXES):
                    yield unique(Job(display_name(path), f"{base}/{rel}", path=path))
        elif _is_archive(item) and os.path.isfile(item):
            for job in _archive_jobs(item, item):
                yield unique(job)
        elif os.path.exists(item):
            yield unique(Job(display_name(item), Path(item).name, path=item))
        else:
            yield unique(Job(display_name(item), Path(item).name or "input", error="no such file or directory"))


def count_jobs(inputs: Iterable[str], *, exclude: str | None = None) -> int | None:
    """How many jobs :func:`iter_jobs` will give, where that is cheap to know (files, folders,
    globs, .zip archives); None when it is not (a list on standard input, a .tar archive, which
    would have to be read through). For the progress bar's total."""
    total = 0

    def excluded(path: str) -> bool:
        if not exclude:
            return False
        return os.path.abspath(path) == exclude or os.path.abspath(path).startswith(exclude + os.sep)

    def entries(path: str) -> int | None:
        if not path.lower().endswith(".zip"):
            return None
        try:
            with zipfile.ZipFile(path) as archive:
                return sum(1 for info in archive.infolist() if not info.is_dir())
        except (zipfile.BadZipFile, OSError):
            return 1  # one error record

    for item in inputs:
        item = item.strip()
        if not item:
            continue
        if item == "-":
            return None
        items = (
            sorted(glob.glob(item, recursive=True))
            if any(ch in item for ch in "*?[") and not os.path.exists(item)
            else [item]
        )
        for path in items or [item]:
            if excluded(path):
                continue
            if os.path.isdir(path):
                for found in _walk(path):
                    if excluded(found):
                        continue
                    if _is_archive(found):
                        n = entries(found)
                        if n is None:
                            return None
                        total += n
                    elif found.lower().endswith(DOCUMENT_SUFFIXES):
                        total += 1
            elif _is_archive(path) and os.path.isfile(path):
                n = entries(path)
                if n is None:
                    return None
                total += n
            else:
                total += 1
    return total


# --- the work (pure, picklable) -------------------------------------------------


class _Timeout(Exception):
    """A document ran past its time budget (raised by the alarm in the middle of its parse)."""


def _on_alarm(signum, frame):
    raise _Timeout


def _can_alarm() -> bool:
    import signal
    import threading

    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _timeout_error(budget: float) -> str:
    return f"took longer than the {budget:g} s limit for one document: stopped (--timeout sets the limit)"


def parse_one(
    item: tuple[str, str, str | None, bytes | None, str | None],
    encoding: str | None = None,
    rows: bool = False,
    budget: float | None = None,
) -> Outcome:
    """Parse one (name, out, path, data, error) item; never raises. ``budget``: seconds the
    document may take, enforced by an alarm where this runs in a process's main thread."""
    from .build import build_document
    from .errors import KehoachError
    from .read import read_bytes

    name, out, path, data, error = item
    sha = None
    if error is None:
        alarm = bool(budget) and _can_alarm()
        if alarm:
            import signal

            previous = signal.signal(signal.SIGALRM, _on_alarm)
        try:
            try:
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, budget or 0.0)
                if data is None:
                    assert path is not None  # (a job has its bytes or a path to read them from)
                    data = _read_file(path)
                text = read_bytes(data, encoding=encoding, name=name)
                sha = text.sha256
                doc = build_document(text)
                outcome = Outcome(
                    name,
                    out,
                    sha,
                    json=_json_bytes(doc),
                    warnings=tuple(w.code for w in doc.warnings),
                    row=_store_row(doc) if rows else None,
                )
            finally:
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
            return outcome
        except _Timeout:
            error = _timeout_error(budget or 0.0)
        except KehoachError as exc:
            error = str(exc)
        except OSError as exc:
            error = f"cannot read ({exc.strerror or exc})"
        except RecursionError:
            error = "internal error (RecursionError: the document nests too deep)"
        except Exception as exc:
            error = f"internal error ({type(exc).__name__}: {exc})"
    if sha is None and data is not None:
        sha = hashlib.sha256(data).hexdigest()  # a failure is recorded against its content too
    return Outcome(name, out, sha, error=error)


def parse_chunk(
    items: list[tuple[str, str, str | None, bytes | None, str | None]],
    encoding: str | None = None,
    rows: bool = False,
    budget: float | None = None,
) -> list[Outcome]:
    """Parse a chunk of (name, out, path, data, error) items; never raises.

    ``rows``: also compute the rows the SQLite store indexes; ``budget``: see :func:`parse_one`."""
    return [parse_one(item, encoding, rows, budget) for item in items]


def parse_jobs(jobs: Iterable[Job], encoding: str | None = None) -> Iterator[tuple[str, object | None, str | None]]:
    """(name, Document, None) or (name, None, reason) for each job, in this
    process, in order: for commands that need the documents themselves (compare)."""
    from .build import build_document
    from .errors import KehoachError
    from .read import read_bytes

    for job in jobs:
        if job.error is not None:
            yield job.name, None, job.error
            continue
        try:
            data = job.data if job.data is not None else _read_file(job.path)  # type: ignore[arg-type]
            doc = build_document(read_bytes(data, encoding=encoding, name=job.name))
            yield job.name, doc, None
        except KehoachError as exc:
            yield job.name, None, str(exc)
        except OSError as exc:
            yield job.name, None, f"cannot read ({exc.strerror or exc})"


def _json_bytes(doc) -> bytes:
    """The document's compact JSON, as model_dump_json() gives it, encoded in UTF-8."""
    return type(doc).__pydantic_serializer__.to_json(doc)


def _read_file(path: str) -> bytes:
    """A file's bytes, bounded: see :func:`kehoach.read.read_file_bytes`."""
    return read_file_bytes(path)


def _store_row(doc) -> dict:
    """What the SQLite store needs beyond the JSON (kept small: it crosses processes)."""
    from .store import document_rows

    return document_rows(doc)


# --- orchestration -----------------------------------------------------------------


def _chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _reason(error: str, name: str) -> str:
    """Group failures: the message as printed, without the input's name it may start with
    (the summary lists each failed input by name beside its reason)."""
    text = error
    for prefix in (name, name.split("!")[-1], os.path.basename(name)):
        if prefix and text.startswith(prefix + ": "):
            text = text[len(prefix) + 2 :]
            break
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


def run_batch(
    jobs: Iterable[Job],
    sink,
    *,
    workers: int | None = None,
    resume: bool = False,
    encoding: str | None = None,
    dask: str | None = None,
    progress: Callable[[int], None] | None = None,
    timeout: float | None = TIMEOUT,
) -> Summary:
    """Parse every job into ``sink``; return the summary. Never stops on a bad input.

    ``timeout``: seconds one document may take (None or 0: no limit); past it the document
    gets an error record. In one process (``workers=1``) the limit holds where the run is in
    the main thread; on Dask it is not applied."""
    summary = Summary()
    start = time.perf_counter()
    done_keys = sink.done() if resume else {}
    rows = getattr(sink, "wants_rows", False)
    budget = timeout or None

    def todo() -> Iterator[Job]:
        for job in jobs:
            summary.documents += 1
            if resume and job.name in done_keys and job.error is None:
                sha = _sha_of(job)
                if sha is not None and done_keys[job.name] == sha:
                    summary.skipped += 1
                    if progress:
                        progress(1)
                    continue
            yield job

    def record(outcomes: list[Outcome]) -> None:
        sink.write(outcomes)
        for outcome in outcomes:
            if outcome.ok:
                summary.succeeded += 1
                summary.warnings.update(outcome.warnings)
            else:
                reason = _reason(outcome.error or "", outcome.name)
                summary.failures[reason] += 1
                if len(summary.failed_inputs) < summary.MAX_LISTED:
                    summary.failed_inputs.append((outcome.name, reason))
        if progress:
            progress(len(outcomes))

    items = ([(j.name, j.out, j.path, j.data, j.error) for j in chunk] for chunk in _chunks(todo(), CHUNK))
    try:
        if dask:
            _run_dask(items, dask, encoding, rows, record)
        elif (workers or os.cpu_count() or 1) <= 1:
            for chunk in items:
                record(parse_chunk(chunk, encoding, rows, budget))
        else:
            _Pool(workers or os.cpu_count() or 2, encoding, rows, budget).run(items, record)
    finally:
        sink.close()
    summary.shortened = getattr(sink, "shortened", 0)
    summary.elapsed = time.perf_counter() - start
    return summary


def _sha_of(job: Job) -> str | None:
    try:
        if job.data is not None:
            return hashlib.sha256(job.data).hexdigest()
        if job.path is None:
            return None
        with open(job.path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


# --- the worker processes -------------------------------------------------------------


def _die_with_parent() -> None:
    """End this process when its parent ends, however it ends (``kill -9`` included)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            if ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent:  # the parent died before the request took hold
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="kehoach-parent-watch", daemon=True).start()


def _worker_main(tasks, results, encoding: str | None, rows: bool, budget: float | None) -> None:
    """A worker: parse the chunks its parent sends, answering one outcome per document.

    Chunks are taken off the pipe by a thread as they come, so that the parent's sends never
    wait on a worker busy sending its outcomes (two full pipes, each side waiting on the other)."""
    import queue
    import signal
    import threading

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: it ends the workers
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def take() -> None:
        while True:
            try:
                chunk = tasks.recv()
            except (EOFError, OSError):
                chunk = None
            inbox.put(chunk)
            if chunk is None:
                return

    threading.Thread(target=take, name="kehoach-batch-inbox", daemon=True).start()
    _warm()
    while (chunk := inbox.get()) is not None:
        for item in chunk:
            results.send(parse_one(item, encoding, rows, budget))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    tasks: Connection  # the parent's end of the pipe chunks go down
    conn: Connection  # the parent's end of the pipe outcomes come up
    chunks: list = field(default_factory=list)  # chunks sent, oldest first
    results: list = field(default_factory=list)  # outcomes of the oldest chunk so far
    since: float = 0.0  # when the document now being parsed started (about: the last answer)


class _Pool:
    """Worker processes with at most two chunks each in flight (memory stays flat), a time
    budget per document, and workers that end with their parent."""

    def __init__(self, workers: int, encoding: str | None, rows: bool, budget: float | None) -> None:
        import multiprocessing

        # (typeshed's BaseContext lacks Process: a fork or spawn context has it)
        self.context: Any = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.size, self.encoding, self.rows, self.budget = workers, encoding, rows, budget
        self.workers: list[_Worker] = []
        if self.context.get_start_method() == "fork":
            # the pipeline imported, its vocabulary loaded and its patterns compiled once, here:
            # every worker forked after (a replacement too) starts with them, shared copy-on-write
            _warm()

    def _spawn(self) -> _Worker:
        task_in, task_out = self.context.Pipe(duplex=False)
        result_in, result_out = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=_worker_main,
            args=(task_in, result_out, self.encoding, self.rows, self.budget),
            name="kehoach-batch-worker",
            daemon=True,
        )
        process.start()
        task_in.close()
        result_out.close()
        return _Worker(process, task_out, result_in)

    def run(self, items: Iterator[list[tuple]], record) -> None:
        from multiprocessing.connection import wait

        waiting: list[list[tuple]] = []  # the unfinished rest of a stopped worker's chunks, first
        exhausted = False

        def next_chunk():
            nonlocal exhausted
            if waiting:
                return waiting.pop(0)
            if exhausted:
                return None
            chunk = next(items, None)
            exhausted = chunk is None
            return chunk

        try:
            self.workers = [self._spawn() for _ in range(self.size)]
            while True:
                for worker in self.workers:
                    while len(worker.chunks) < 2:
                        chunk = next_chunk()
                        if chunk is None:
                            break
                        if not worker.chunks:
                            worker.since = time.monotonic()
                        worker.chunks.append(chunk)
                        worker.tasks.send(chunk)
                busy = [w for w in self.workers if w.chunks]
                if not busy:
                    break
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=1.0)
                now = time.monotonic()
                for worker in busy:
                    if worker.conn in ready or worker.process.sentinel in ready:
                        self._receive(worker, record, waiting)
                    elif self.budget and now - worker.since > self.budget + _GRACE:
                        self._replace(worker, record, waiting, _timeout_error(self.budget))
        finally:
            for worker in self.workers:
                self._end(worker)

    def _receive(self, worker: _Worker, record, waiting) -> None:
        try:
            while worker.conn.poll():
                worker.results.append(worker.conn.recv())
                worker.since = time.monotonic()
                if len(worker.results) == len(worker.chunks[0]):
                    record(worker.results)
                    worker.chunks.pop(0)
                    worker.results = []
        except (EOFError, OSError):
            pass
        if not worker.process.is_alive():  # it died (the OOM killer, a crash in C): its document failed, the rest go on
            worker.process.join()
            self._replace(worker, record, waiting, f"the worker parsing it died (exit code {worker.process.exitcode})")

    def _replace(self, worker: _Worker, record, waiting, error: str) -> None:
        """Stop ``worker``; the document it was on gets ``error``, the rest of its chunks go back."""
        self._end(worker)
        if worker.chunks:
            chunk = worker.chunks[0]
            item = chunk[len(worker.results)]
            record([*worker.results, Outcome(item[0], item[1], _item_sha(item), error=error)])
            rest = chunk[len(worker.results) + 1 :]
            waiting[:0] = ([rest] if rest else []) + worker.chunks[1:]
        fresh = self._spawn()
        self.workers[self.workers.index(worker)] = fresh

    @staticmethod
    def _end(worker: _Worker) -> None:
        process = worker.process
        if process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                worker.tasks.send(None)
            process.join(0.5 if not worker.chunks else 0)
            if process.is_alive():
                process.kill()
                process.join()
        worker.tasks.close()
        worker.conn.close()


def _item_sha(item: tuple) -> str | None:
    data = item[3]
    if data is None and item[2] is not None:
        try:
            with open(item[2], "rb") as fh:
                return hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError:
            return None
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _warm() -> None:
    """Load the vocabulary and compile the patterns once per worker, before the first chunk."""
    from .build import parse_text

    with contextlib.suppress(Exception):
        parse_text("KẾ HOẠCH\nthực hiện Kết luận số 02-KL/TW\n\nI. MỤC ĐÍCH\n1. Sở Tài chính chủ trì.\n")


def _run_dask(items: Iterator[list[tuple]], address: str, encoding: str | None, rows: bool, record) -> None:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        from .errors import KehoachError

        raise KehoachError("--dask needs the dask extra: pip install 'kehoach[dask]'") from None
    with Client(address) as client:
        limit = max(4, 2 * sum(client.nthreads().values()))
        batch = as_completed()
        inflight = 0
        for chunk in items:
            batch.add(client.submit(parse_chunk, chunk, encoding, rows, pure=False))
            inflight += 1
            if inflight >= limit:
                future = next(batch)
                record(future.result())
                inflight -= 1
        for future in batch:
            record(future.result())
