"""The documents of an archive, for commands that look across many of them
(``trace``, ``tasks``): an SQLite database written by ``kehoach batch
--sqlite``, or files, folders, globs and archives parsed on the fly by the
batch machinery (processes, nothing written to disk).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

__all__ = ["Entry", "is_sqlite", "load_entries"]

_MAGIC = b"SQLite format 3\x00"


@dataclass
class Entry:
    """One document of the sources, with its province before and after the 2025 merger."""

    input: str
    doc: object  # models.Document
    province: str | None
    province_2025: str | None


def is_sqlite(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == _MAGIC
    except OSError:
        return False


def _from_sqlite(path: str) -> Iterator[Entry]:
    from .models import Document

    try:
        db = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)
        rows = db.execute("SELECT input, json, province, province_2025 FROM documents ORDER BY id")
    except sqlite3.Error as exc:
        raise InputError(f"{path}: not a kehoach batch database ({exc})") from None
    try:
        for name, data, province, province_2025 in rows:
            yield Entry(name, Document.model_validate_json(data), province, province_2025)
    finally:
        db.close()


class _Collect:
    """A batch sink that keeps each document's JSON in memory."""

    wants_rows = False

    def __init__(self) -> None:
        self.outcomes: list = []

    def done(self) -> dict[str, str]:
        return {}

    def write(self, outcomes) -> None:
        self.outcomes.extend(outcomes)

    def close(self) -> None:
        pass


def _parsed(
    inputs: list[str], *, workers: int | None, encoding: str | None, on_error: Callable[[str, str], None]
) -> Iterator[Entry]:
    from .batch import iter_jobs, run_batch
    from .models import Document
    from .provinces import province_of

    sink = _Collect()
    run_batch(iter_jobs(inputs), sink, workers=workers, encoding=encoding)
    for outcome in sorted(sink.outcomes, key=lambda o: o.name):
        if not outcome.ok:
            on_error(outcome.name, outcome.error)
            continue
        doc = Document.model_validate_json(outcome.json)
        province = province_of(doc)
        yield Entry(outcome.name, doc, province.name if province else None, province.name_2025 if province else None)


def load_entries(
    sources: Iterable[str],
    *,
    workers: int | None = None,
    encoding: str | None = None,
    on_error: Callable[[str, str], None] | None = None,
) -> list[Entry]:
    """Every document of ``sources``: SQLite databases are read, anything else is parsed.
    Inputs that cannot be parsed are passed to ``on_error(name, reason)`` and left out."""
    sources = list(sources)
    report = on_error or (lambda name, reason: None)
    out: list[Entry] = []
    files = [s for s in sources if is_sqlite(s)]
    for path in files:
        out.extend(_from_sqlite(path))
    rest = [s for s in sources if s not in files]
    if rest:
        out.extend(_parsed(rest, workers=workers, encoding=encoding, on_error=report))
    return out
