"""Batch: convert whole archives, nothing lost.

Inputs are files, directories (recursive), globs, ``.zip`` and ``.tar``
(``.gz``, ``.bz2``, ``.xz``) archives read in place — entries streamed, never
extracted, names that would escape (``..``, absolute) refused — and ``-``
for a list of paths on standard input. Every input gives a result or an
error record; outputs go to a folder of JSON files mirroring the input names,
a JSON Lines stream, or an SQLite database (see :mod:`kehoach.store`).

Work is spread over processes in chunks, with a bounded number of chunks in
flight, so memory stays flat however large the archive. ``--resume`` skips
inputs whose output exists and was made from the same bytes (SHA-256), so a
run killed with ``kill -9`` and started again completes with no duplicate
and no missing record. The parse function is pure: ``--dask`` runs the same
chunks on a Dask cluster.
"""

from __future__ import annotations

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

from .read import MAX_BYTES, read_file_bytes

__all__ = ["Job", "Outcome", "Summary", "iter_jobs", "run_batch", "parse_chunk", "parse_jobs", "DOCUMENT_SUFFIXES"]

# files a directory walk takes (a file named on the command line is always taken)
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".docx", ".doc", ".pdf", ".rtf", ".odt", ".html", ".htm")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
CHUNK = 16  # documents per task: amortises inter-process overhead


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
    json: bytes | None = None  # the document, compact JSON in UTF-8 (bytes cross processes and reach the file as they are)
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
    failures: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    elapsed: float = 0.0

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
    if not name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return False
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." not in parts


def _entry_job(path: str, stem: str, entry: str, size: int, problem: str | None, read: Callable[[], bytes]) -> Job:
    """The job of one archive entry: refused (unsafe name, ``problem``, too large) or read."""
    name = f"{path}!{entry}"
    if not _safe_entry(entry):
        return Job(name, f"{stem}/_unsafe/{hashlib.sha1(entry.encode()).hexdigest()[:12]}", error="unsafe entry name in archive (escapes the output folder)")
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
            with tarfile.open(path, mode="r:*") as archive:
                for member in archive:  # streamed: members are read as the archive is walked
                    if member.isdir():
                        continue

                    def read_tar(member=member) -> bytes:
                        fh = archive.extractfile(member)
                        return fh.read(MAX_BYTES + 1) if fh else b""

                    problem = None if member.isfile() else "archive entry is a link or a device, not a file"
                    yield _entry_job(path, stem, member.name, member.size, problem, read_tar)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
        yield Job(label, Path(path).name, error=f"unreadable archive ({type(exc).__name__}: {exc})")


def _walk(root: str) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name)


def iter_jobs(inputs: Iterable[str], *, stdin: Iterable[str] | None = None, exclude: str | None = None) -> Iterator[Job]:
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
                    yield unique(Job(path, f"{base}/{rel}", path=path))
        elif _is_archive(item) and os.path.isfile(item):
            for job in _archive_jobs(item, item):
                yield unique(job)
        elif os.path.exists(item):
            yield unique(Job(item, Path(item).name, path=item))
        else:
            yield unique(Job(item, Path(item).name or "input", error="no such file or directory"))


# --- the work (pure, picklable) -------------------------------------------------


def parse_chunk(
    items: list[tuple[str, str, str | None, bytes | None, str | None]], encoding: str | None = None, rows: bool = False
) -> list[Outcome]:
    """Parse a chunk of (name, out, path, data, error) items; never raises.

    ``rows``: also compute the rows the SQLite store indexes."""
    from .build import build_document
    from .errors import KehoachError
    from .read import read_bytes

    results = []
    for name, out, path, data, error in items:
        sha = None
        if error is None:
            try:
                if data is None:
                    data = _read_file(path)
                text = read_bytes(data, encoding=encoding, name=name)
                sha = text.sha256
                doc = build_document(text)
                results.append(
                    Outcome(name, out, sha, json=_json_bytes(doc), warnings=tuple(w.code for w in doc.warnings), row=_store_row(doc) if rows else None)
                )
                continue
            except KehoachError as exc:
                error = str(exc)
            except OSError as exc:
                error = f"cannot read ({exc.strerror or exc})"
            except Exception as exc:  # noqa: BLE001 - a bug must not lose the rest of the archive
                error = f"internal error ({type(exc).__name__}: {exc})"
        if sha is None and data is not None:
            sha = hashlib.sha256(data).hexdigest()  # a failure is recorded against its content too
        results.append(Outcome(name, out, sha, error=error))
    return results


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
    """Group failures: the message without the input's name and numbers."""
    text = error.replace(name, "").lstrip(": ")
    text = re.sub(r"^[^:]*\.(?:txt|md|docx|doc|pdf|rtf|odt|zip|tar)[^:]*:\s*", "", text)
    return re.sub(r"\d+", "N", text)[:80]


def run_batch(
    jobs: Iterable[Job],
    sink,
    *,
    workers: int | None = None,
    resume: bool = False,
    encoding: str | None = None,
    dask: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Parse every job into ``sink``; return the summary. Never stops on a bad input."""
    summary = Summary()
    start = time.perf_counter()
    done_keys = sink.done() if resume else {}
    rows = getattr(sink, "wants_rows", False)

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
                summary.failures[_reason(outcome.error, outcome.name)] += 1
        if progress:
            progress(len(outcomes))

    items = (
        [(j.name, j.out, j.path, j.data, j.error) for j in chunk]
        for chunk in _chunks(todo(), CHUNK)
    )
    if dask:
        _run_dask(items, dask, encoding, rows, record)
    elif (workers or os.cpu_count() or 1) <= 1:
        for chunk in items:
            record(parse_chunk(chunk, encoding, rows))
    else:
        _run_pool(items, workers or os.cpu_count() or 2, encoding, rows, record)
    sink.close()
    summary.elapsed = time.perf_counter() - start
    return summary


def _sha_of(job: Job) -> str | None:
    try:
        if job.data is not None:
            return hashlib.sha256(job.data).hexdigest()
        with open(job.path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _run_pool(items: Iterator[list[tuple]], workers: int, encoding: str | None, rows: bool, record) -> None:
    """A process pool with at most ``2 × workers`` chunks in flight (memory stays flat)."""
    import concurrent.futures as cf
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm) as pool:
        pending: set[cf.Future] = set()
        for chunk in items:
            pending.add(pool.submit(parse_chunk, chunk, encoding, rows))
            if len(pending) >= 2 * workers:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    record(future.result())
        for future in cf.as_completed(pending):
            record(future.result())


def _warm() -> None:
    """Load the vocabulary and compile the patterns once per worker, before the first chunk."""
    from .build import parse_text

    try:
        parse_text("KẾ HOẠCH\nthực hiện Kết luận số 02-KL/TW\n\nI. MỤC ĐÍCH\n1. Sở Tài chính chủ trì.\n")
    except Exception:  # noqa: BLE001 - warming is best effort
        pass


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

