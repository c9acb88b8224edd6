"""Where a batch writes: a folder of JSON files, a JSON Lines stream, an SQLite database.

Every sink writes each record so that a process killed at any instant leaves
no half-written record behind: JSON files are written to a temporary name and
renamed; JSON Lines are appended a whole line at a time and a torn last line
is cut on resume; SQLite writes a chunk per transaction. ``done()`` tells a
resumed run which inputs already have an up-to-date record (by SHA-256 of
the input's bytes).

Nothing a user already has is lost: an existing SQLite database is added to
(an input's old rows replaced by its new ones; the user's own tables never
touched), and refused when it is not a database or holds a ``documents``
table that is not kehoach's; an existing JSON Lines file is refused unless
the run resumes it or is told to overwrite it. ``overwrite`` empties
kehoach's own tables (a file that is not a database is replaced). An output
name too long for the file system is shortened with a hash of the name and
recorded in the folder's manifest.

The SQLite schema (documented with example queries in docs/batch.md):

* ``documents`` — one row per parsed input: the contract's header fields,
  the locality, the province before and after the 2025 merger and the whole JSON;
* ``sections``, ``"references"`` (also the view ``refs``), ``assignments``,
  ``recipients``, ``warnings`` — one row per item, keyed by ``doc_id``;
* ``errors`` — one row per input that could not be parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from .errors import OutputError

if TYPE_CHECKING:  # (batch imports the store at run time; the store needs batch's record only as a type)
    from .batch import Outcome

__all__ = ["SCHEMA", "DirSink", "JsonlSink", "SqliteSink", "document_rows"]


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


class DirSink:
    """A folder of JSON files mirroring the input names (``NAME.json``, or ``NAME.error.json``)."""

    MANIFEST = ".kehoach-manifest.jsonl"

    # what a record's file name adds to its output name: the longer suffix, and the temporary
    # name it is written under first (".NAME.error.json.PID.tmp")
    RESERVED = len(".error.json") + len("..4194304.tmp")

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(
                f"{self.folder}: exists and is not a folder (--output-dir takes a folder; for one file use --jsonl "
                f"FILE)"
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.manifest = open(self.folder / self.MANIFEST, "a", encoding="utf-8")  # noqa: SIM115 (open for the run; close() shuts it)
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot write ({exc.strerror or exc})") from None
        self.name_max, self.path_max = _name_limits(self.folder)
        self.shortened = 0  # output names shortened in this run

    def _paths(self, out: str) -> tuple[Path, Path]:
        base = self.folder / out
        return base.with_name(base.name + ".json"), base.with_name(base.name + ".error.json")

    def physical(self, out: str) -> str:
        """``out`` as it can be written here: every part that is too long for the file system
        (its suffix included) cut, with a hash of the whole part after the cut; and the whole
        path, if still too long, made one short name under ``_long/``."""
        parts = out.split("/")
        fitted = [
            _fit(part, self.name_max - (self.RESERVED if i == len(parts) - 1 else 0)) for i, part in enumerate(parts)
        ]
        physical = "/".join(fitted)
        if len(os.fsencode(str(self.folder / physical))) + self.RESERVED >= self.path_max:
            physical = "_long/" + _fit(fitted[-1], min(self.name_max - self.RESERVED, 120), always=True, key=out)
        return physical

    def done(self) -> dict[str, str]:
        known: dict[str, str] = {}
        path = self.folder / self.MANIFEST
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line torn by a kill
            ok_path, error_path = self._paths(entry["out"])
            if (ok_path if entry["ok"] else error_path).exists():
                known[entry["input"]] = entry["sha256"]
        return known

    def write(self, outcomes: list[Outcome]) -> None:
        lines = []
        for outcome in outcomes:
            out = self.physical(outcome.out)
            ok_path, error_path = self._paths(out)
            if outcome.ok:
                assert outcome.json is not None  # (an ok outcome carries its document)
                _atomic_write(ok_path, outcome.json)
                stale = error_path
            else:
                _atomic_write(error_path, _error_record(outcome))
                stale = ok_path
            if stale.exists():
                stale.unlink()
            entry = {"input": outcome.name, "sha256": outcome.sha256, "out": out, "ok": outcome.ok}
            if out != outcome.out:
                entry["name"] = outcome.out  # the mirrored name, too long to be written as it is
                self.shortened += 1
            # ASCII escapes: a name that is not UTF-8 (surrogates) is written, and read back, as it is
            lines.append(json.dumps(entry))
        self.manifest.write("\n".join(lines) + "\n")
        self.manifest.flush()

    def close(self) -> None:
        self.manifest.close()


def _name_limits(folder: Path) -> tuple[int, int]:
    """The longest file name and path (in bytes) the file system under ``folder`` takes."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):  # not POSIX: the common limits
        return 255, 4096


def _fit(part: str, limit: int, *, always: bool = False, key: str | None = None) -> str:
    """A name part of at most ``limit`` bytes: its head (whole characters) with '~' and 16 hex
    digits of the SHA-1 of the whole part (or of ``key``), and its last suffix ('.docx'); as it
    is when it fits."""
    if len(os.fsencode(part)) <= limit and not always:
        return part
    digest = hashlib.sha1(os.fsencode(key if key is not None else part)).hexdigest()[:16]
    stem, dot, suffix = part.rpartition(".")
    suffix = f".{suffix}" if dot and stem and len(os.fsencode(suffix)) < 8 else ""
    stem = part[: len(part) - len(suffix)]
    room = limit - len(os.fsencode(suffix)) - 1 - len(digest)
    head, used = [], 0
    for ch in stem:
        size = len(os.fsencode(ch))
        if used + size > room:
            break
        head.append(ch)
        used += size
    return f"{''.join(head)}~{digest}{suffix}"


def _error_record(outcome: Outcome) -> bytes:
    return json.dumps(
        {"input": outcome.name, "sha256": outcome.sha256, "error": outcome.error}, ensure_ascii=False
    ).encode("utf-8")


class _TextOut:
    """A text stream (one without a byte buffer under it) that takes bytes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        """Standard output is not the sink's to close."""


class JsonlSink:
    """One JSON object a line: a document, or ``{"input", "sha256", "error"}`` for a failure."""

    def __init__(self, target: str | os.PathLike | None, *, resume: bool = False, overwrite: bool = False) -> None:
        self.path = None if target in (None, "-") else Path(target)
        self.resume = resume
        self.previous: dict[str, str | None] = {}
        self.rewritten: set[str] = set()
        self.fh: BinaryIO | _TextOut
        if self.path is None:
            self.fh = getattr(sys.stdout, "buffer", None) or _TextOut(sys.stdout)
            return
        if self.path.is_dir():
            raise OutputError(
                f"{self.path}: is a folder (--jsonl takes a file; for a folder of JSON files use --output-dir DIR)"
            )
        try:
            if resume and self.path.exists() and not overwrite:
                self._load_and_cut()
                self.fh = open(self.path, "ab")  # noqa: SIM115 (open for the run; close() shuts it)
            else:
                if self.path.exists() and self.path.stat().st_size and not overwrite:
                    raise OutputError(
                        f"{self.path}: exists; --resume adds to it (unchanged inputs skipped), --overwrite replaces it"
                    )
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.fh = open(self.path, "wb")  # noqa: SIM115 (open for the run; close() shuts it)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write ({exc.strerror or exc})") from None

    @staticmethod
    def _key(record: dict) -> tuple[str | None, str | None]:
        if "error" in record and "input" in record:
            return record["input"], record.get("sha256")
        source = record.get("source") or {}
        return source.get("path"), source.get("sha256")

    def _load_and_cut(self) -> None:
        assert self.path is not None  # (only a file is resumed)
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1  # a torn last line (kill -9 mid-write) is cut off
        if end < len(data):
            with open(self.path, "r+b") as fh:
                fh.truncate(end)
        for line in data[:end].decode("utf-8", errors="replace").splitlines():
            try:
                name, sha = self._key(json.loads(line))
            except ValueError:
                continue
            if name:
                self.previous[name] = sha

    def done(self) -> dict[str, str | None]:
        return dict(self.previous)

    def write(self, outcomes: list[Outcome]) -> None:
        lines = []
        for outcome in outcomes:
            if outcome.name in self.previous:
                self.rewritten.add(outcome.name)
            lines.append(outcome.json if outcome.ok and outcome.json is not None else _error_record(outcome))
        self.fh.write(b"\n".join(lines) + b"\n")
        self.fh.flush()

    def close(self) -> None:
        if self.path is None:
            return
        self.fh.close()
        if self.rewritten:
            # an input changed since the last run: keep only its newest record
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            seen: set[str] = set()
            lines = self.path.read_text(encoding="utf-8").splitlines()
            kept = []
            for line in reversed(lines):
                try:
                    name, _ = self._key(json.loads(line))
                except ValueError:
                    continue
                if name in self.rewritten:
                    if name in seen:
                        continue
                    seen.add(name)
                kept.append(line)
            tmp.write_text("\n".join(reversed(kept)) + "\n", encoding="utf-8")
            os.replace(tmp, self.path)


SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    input TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    format TEXT,
    doc_type TEXT, doc_type_name TEXT, symbol TEXT, number TEXT,
    issuer_name TEXT, issuer_parent TEXT, issuer_code TEXT,
    locality TEXT, province TEXT, province_2025 TEXT,
    place TEXT, date TEXT, title TEXT,
    signer_name TEXT, signer_position TEXT, signer_authority TEXT,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sections (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    path TEXT, label TEXT, heading TEXT, kind TEXT, depth INTEGER, text TEXT,
    first_line INTEGER, last_line INTEGER
);
CREATE TABLE IF NOT EXISTS "references" (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT, number TEXT, symbol TEXT, date TEXT, issuer TEXT, title TEXT,
    scope TEXT, locality TEXT, mentions INTEGER, first_line INTEGER
);
CREATE VIEW IF NOT EXISTS refs AS SELECT * FROM "references";
CREATE TABLE IF NOT EXISTS assignments (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    body TEXT, function TEXT, role TEXT, action TEXT,
    deadline_text TEXT, deadline_date TEXT, recurrence TEXT, report_to TEXT,
    section TEXT, line INTEGER
);
CREATE TABLE IF NOT EXISTS recipients (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER, text TEXT
);
CREATE TABLE IF NOT EXISTS warnings (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT, message TEXT, line INTEGER
);
CREATE TABLE IF NOT EXISTS errors (
    input TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    reason TEXT
);
CREATE INDEX IF NOT EXISTS references_symbol ON "references"(symbol);
CREATE INDEX IF NOT EXISTS assignments_function ON assignments(function);
CREATE INDEX IF NOT EXISTS sections_doc ON sections(doc_id);
"""


def _schema_columns() -> dict[str, set[str]]:
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    return {table: {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')} for table in SqliteSink.TABLES}


def _is_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def document_rows(doc) -> dict:
    """The rows of one document, as plain data (they cross process boundaries)."""
    from .keys import locality_of
    from .provinces import province_of

    province = province_of(doc)

    sections = []

    def walk(items, depth):
        for s in items:
            sections.append((s.path, s.label, s.heading, s.kind, depth, s.text, s.lines[0], s.lines[1]))
            walk(s.children, depth + 1)

    walk(doc.sections, 0)
    return {
        "document": (
            (doc.source.format if doc.source else None),
            doc.doc_type,
            doc.doc_type_name,
            doc.symbol,
            doc.number,
            doc.issuer.name,
            doc.issuer.parent,
            doc.issuer.code,
            locality_of(doc.issuer.name, doc.issuer.parent) or doc.place,
            province.name if province else None,
            province.name_2025 if province else None,
            doc.place,
            doc.date,
            doc.title,
            doc.signer.name,
            doc.signer.position,
            doc.signer.authority,
        ),
        "sections": sections,
        "references": [
            (
                r.kind,
                r.number,
                r.symbol,
                r.date,
                r.issuer,
                r.title,
                r.scope,
                r.locality,
                len(r.mentions),
                r.mentions[0].line if r.mentions else None,
            )
            for r in doc.references
        ],
        "assignments": [
            (
                a.body,
                a.function,
                a.role,
                a.action,
                a.deadline.text if a.deadline else None,
                a.deadline.date if a.deadline else None,
                a.deadline.recurrence if a.deadline else None,
                a.report_to,
                a.section,
                a.line,
            )
            for a in doc.assignments
        ],
        "recipients": list(enumerate(doc.recipients, 1)),
        "warnings": [(w.code, w.message, w.line) for w in doc.warnings],
    }


class SqliteSink:
    """An SQLite database: ask it "which provinces cite 47-CT/TW and who do they task?" in SQL."""

    wants_rows = True

    # kehoach's tables and view, dropped (and made again) by ``overwrite``; nothing else is touched
    TABLES = ("sections", "references", "assignments", "recipients", "warnings", "documents", "errors")

    def __init__(self, path: str | os.PathLike, *, resume: bool = False, overwrite: bool = False) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise OutputError(f"{self.path}: is a folder (--sqlite takes a database file)")
        if self.path.exists() and self.path.stat().st_size and not _is_sqlite(self.path):
            if not overwrite:
                raise OutputError(
                    f"{self.path}: exists and is not an SQLite database; give another name, or --overwrite to "
                    f"replace it"
                )
            self.path.unlink()  # asked for: a file that is not a database, replaced
        try:
            self.db = sqlite3.connect(self.path)
            self._check_tables()
            if overwrite:
                with self.db:
                    self.db.execute("DROP VIEW IF EXISTS refs")
                    for table in self.TABLES:
                        self.db.execute(f'DROP TABLE IF EXISTS "{table}"')
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise OutputError(f"{self.path}: cannot use the database ({exc})") from None

    def _check_tables(self) -> None:
        """Refuse a database whose tables of kehoach's names are someone else's (never write into them)."""
        for table in self.TABLES:
            have = {row[1] for row in self.db.execute(f'PRAGMA table_info("{table}")')}
            want = _SCHEMA_COLUMNS[table]
            if have and have != want:
                self.db.close()
                raise OutputError(
                    f"{self.path}: has a table '{table}' that is not kehoach's (its columns differ); it is left as "
                    f"it is: give another database file"
                )

    def done(self) -> dict[str, str]:
        rows = self.db.execute(
            "SELECT input, sha256 FROM documents UNION ALL SELECT input, sha256 FROM errors"
        ).fetchall()
        return {name: sha for name, sha in rows}

    def write(self, outcomes: list[Outcome]) -> None:
        with self.db:  # one transaction a chunk
            for outcome in outcomes:
                self.db.execute("DELETE FROM documents WHERE input = ?", (outcome.name,))
                self.db.execute("DELETE FROM errors WHERE input = ?", (outcome.name,))
                if not outcome.ok:
                    self.db.execute(
                        "INSERT INTO errors (input, sha256, reason) VALUES (?, ?, ?)",
                        (outcome.name, outcome.sha256, outcome.error),
                    )
                    continue
                rows, body = outcome.row, outcome.json
                assert rows is not None and body is not None  # (an ok outcome carries both)
                cur = self.db.execute(
                    "INSERT INTO documents (input, sha256, format, doc_type, doc_type_name, symbol, number, "
                    "issuer_name, issuer_parent,"
                    " issuer_code, locality, province, province_2025, place, date, title, signer_name, signer_position,"
                    " signer_authority, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (outcome.name, outcome.sha256, *rows["document"], body.decode("utf-8")),
                )
                doc_id = cur.lastrowid
                self.db.executemany(
                    "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [(doc_id, *r) for r in rows["sections"]]
                )
                self.db.executemany(
                    'INSERT INTO "references" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    [(doc_id, *r) for r in rows["references"]],
                )
                self.db.executemany(
                    "INSERT INTO assignments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(doc_id, *r) for r in rows["assignments"]],
                )
                self.db.executemany(
                    "INSERT INTO recipients VALUES (?, ?, ?)", [(doc_id, *r) for r in rows["recipients"]]
                )
                self.db.executemany(
                    "INSERT INTO warnings VALUES (?, ?, ?, ?)", [(doc_id, *r) for r in rows["warnings"]]
                )

    def close(self) -> None:
        self.db.close()


_SCHEMA_COLUMNS = _schema_columns()
