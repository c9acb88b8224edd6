"""Stage 1, read: a file (or bytes, or text) → clean, numbered lines.

The format is chosen by content, not by the file name: a ZIP holding
``word/document.xml`` is Word, ``%PDF-`` is PDF (its scanned pages OCR'd), an
OLE2 compound file is an old binary Word document (converted by LibreOffice
where it is installed), PNG/JPEG/TIFF/GIF is an image (OCR'd), anything else
is text in whichever encoding :func:`kehoach.read.decode.decode_report` finds, read
as an HTML page when it opens with a doctype or ``<html>``.

``ocr`` is one of ``auto`` (OCR where a page has no usable text and Tesseract
is installed), ``always`` (OCR every page of a PDF) or ``never``.

Limits (documented in docs/usage.md; a clear :class:`InputError` past each):
a file or stream is read only up to :data:`MAX_BYTES` (one byte more, to see
that it is larger: ``/dev/zero`` or an endless pipe is refused there, not
read to the end); a text file is at most :data:`MAX_TEXT_BYTES` before it is
decoded; the text handed to the later stages, whatever the format, is at most
:data:`MAX_CHARS` characters and :data:`MAX_LINES` lines. A directive is
kilobytes: the limits are far above any real one and keep a hostile input
within a few hundred megabytes of memory. A ``.docx`` is also measured by the
bytes it actually inflates to (:mod:`kehoach.read.docx`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import InputError, UnsupportedFormat
from ..warning import Warning
from . import legacy
from .decode import decode_report
from .lines import LINE_BREAK_CHARS, Line, Text, clean_lines

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_LINES",
    "MAX_TEXT_BYTES",
    "Line",
    "Text",
    "display_name",
    "read",
    "read_bytes",
    "read_file_bytes",
    "read_stream",
    "read_text",
    "sniff",
]

# the suffixes of the documents kehoach reads (a folder walk in batch takes these; a str
# ending in one is a file name for parse())
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".docx", ".doc", ".pdf", ".rtf", ".odt", ".html", ".htm")

_MIB = 1024 * 1024
MAX_BYTES = 64 * _MIB  # a file or stream: a .docx or PDF with pictures may be tens of MiB
MAX_CHARS = 4 * _MIB  # characters of text: a long directive with its appendices is a few hundred thousand
MAX_TEXT_BYTES = 4 * MAX_CHARS  # a text file before decoding (UTF-32 spends 4 bytes a character)
MAX_LINES = (
    130_000  # lines: a 500-page PDF has ~30,000; at this many, a text of nothing but numbered items stays under 500 MB
)
_CHUNK = _MIB  # a stream of unknown length is read this much at a time

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# suffixes whose files are always containers, and what a file so named lacks when it reads as text
# (.doc is left out: Word 97 "documents" saved as HTML or RTF under .doc are common and are read)
_CLAIMED = {
    ".docx": ("Word .docx", "it is no zip archive (damaged or cut short?)"),
    ".pdf": ("PDF", "it has no %PDF- header (damaged or cut short?)"),
}


def sniff(data: bytes) -> str:
    """The format of ``data``: 'docx', 'pdf', 'doc', 'zip', 'rtf', 'image' or 'txt'."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head == _OLE2:
        return "encrypted-office" if "EncryptionInfo".encode("utf-16-le") in data[: 1 << 20] else "doc"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    return "txt"


def display_name(name: str) -> str:
    """A path as it can be shown and written to JSON, UTF-8 and SQLite: the bytes of a
    name that is not UTF-8 (which Python holds as lone surrogates) read as U+FFFD."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate surrogateescape did not make
        return name.encode("utf-8", "replace").decode("utf-8")


def _megabytes(size: int) -> str:
    return f"{size / _MIB:.1f} MiB" if size < 10 * _MIB else f"{size // _MIB} MiB"


def _too_large(size: int | None, limit: int) -> InputError:
    """``size``: the input's size when known (None: a stream cut one byte past the limit)."""
    of = f" ({_megabytes(size)})" if size is not None else ""
    return InputError(f"the input{of} is larger than the {limit // _MIB} MiB limit (a directive is kilobytes)")


def read_stream(stream, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a binary stream (standard input, a pipe, a device), read only up to
    ``limit`` plus one byte: past the limit an :class:`InputError`, never an endless read."""
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        part = stream.read(min(_CHUNK, limit + 1 - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    if total > limit:
        raise _too_large(None, limit)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_file_bytes(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes, past ``limit`` an :class:`InputError`. A regular file is read in one
    system call of its own size (a read of the whole limit would allocate it for every
    small file); a file whose size the system does not know (``/dev/zero``, a pipe,
    ``/proc``) is read as a stream, up to the limit."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise _too_large(size, limit)
        if size == 0:
            with os.fdopen(os.dup(fd), "rb", buffering=0) as stream:
                return read_stream(stream, limit)
        want = size + 1  # one byte more: to see the end, or a file that grew
        parts = []
        while want > 0:
            part = os.read(fd, want)  # unbuffered: a small file in one system call
            if not part:
                break
            parts.append(part)
            want -= len(part)
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        if len(data) > size:  # it grew while being read (a log, a device): read on, up to the limit
            with os.fdopen(os.dup(fd), "rb", buffering=0) as stream:
                try:
                    data += read_stream(stream, limit - len(data))
                except InputError:
                    raise _too_large(None, limit) from None
        return data
    finally:
        os.close(fd)


def _line_count(text: str) -> int:
    """How many lines :func:`clean_lines` will make of ``text`` (every kind of line break counted)."""
    count = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    for mark in LINE_BREAK_CHARS:
        if mark in text:
            count += text.count(mark)
    return count


def _check_text(chars: int, lines: int) -> None:
    if chars > MAX_CHARS:
        raise InputError(
            f"a text of {chars:,} characters is longer than the {MAX_CHARS:,} characters limit (a directive is "
            f"kilobytes)"
        )
    if lines > MAX_LINES:
        raise InputError(
            f"a text of {lines:,} lines is longer than the {MAX_LINES:,} lines limit (a directive has hundreds)"
        )


def _text_lines(text: str) -> tuple[list[Line], list[Warning]]:
    _check_text(len(text), _line_count(text))
    return clean_lines(text)


def read_text(text: str, *, name: str | None = None) -> Text:
    """Lines of an already-decoded text (an HTML page included)."""
    text = legacy.repair(text)
    if _html_page(text):
        from .html import read_html

        _check_text(len(text), 0)
        result = read_html(text)
        _check_text(0, len(result.lines))
        result.path = display_name(name) if name else name
        return result
    lines, warnings = _text_lines(text)
    return Text(lines, format="txt", encoding=None, warnings=warnings, path=display_name(name) if name else name)


def _one_byte_repeated(data: bytes) -> bool:
    """Every byte the same (a file of zeros, an erased 0xFF image): not a document."""
    first = data[:1]
    return len(data) > 1 and data.count(first) == len(data)


def _html_page(text: str) -> bool:
    """A saved web page (:func:`~kehoach.read.html.looks_like_html`)? Its reader, and the
    standard library's HTML parser, are imported only for a text that opens with a tag."""
    if "<" not in text[:4096]:
        return False
    from .html import looks_like_html

    return looks_like_html(text)


def _ocr_mode(ocr: str | None) -> str:
    from .ocr import MODES

    mode = (ocr or "auto").lower()
    if mode not in MODES:
        raise ValueError(f"ocr must be one of {', '.join(MODES)}, not {ocr!r}")
    return mode


def read_bytes(data: bytes, *, encoding: str | None = None, name: str | None = None, ocr: str | None = "auto") -> Text:
    """Lines of a document given as bytes, whatever its format."""
    mode = _ocr_mode(ocr)
    if not data.strip():
        raise InputError("empty input")
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), MAX_BYTES)
    if _one_byte_repeated(data):
        raise InputError(f"binary data, not a document: its {len(data):,} bytes are all 0x{data[0]:02X}")
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    claimed = _CLAIMED.get(os.path.splitext(name or "")[1].lower())
    if kind == "txt" and claimed:
        # a name that promises a container the bytes are not (a download cut short, an error page saved
        # under the document's name): said, not read as text
        raise InputError(f"not a {claimed[0]} file: {claimed[1]}")
    if kind == "txt" and len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"a text file of {_megabytes(len(data))} is larger than the {MAX_TEXT_BYTES // _MIB} MiB limit for text "
            f"(a directive is kilobytes)"
        )
    if kind == "txt" and data.count(0) > 0.8 * len(data):  # UTF-16 text is at most half zeros, UTF-32 three quarters
        raise InputError(f"binary data, not a document: {data.count(0) * 100 // len(data)}% of its bytes are zero")
    if kind == "docx":
        from .docx import read_docx

        result = read_docx(data, max_paragraphs=MAX_LINES)
    elif kind == "pdf":
        from .pdf import read_pdf

        result = read_pdf(data, ocr_mode=mode)
    elif kind == "encrypted-office":
        raise InputError("an encrypted (password-protected) Office document: remove the password and save again")
    elif kind == "doc":
        from .doc import doc_to_docx
        from .docx import read_docx

        try:
            converted = doc_to_docx(data)
        except InputError as exc:
            raise UnsupportedFormat(str(exc)) from None
        result = read_docx(converted)
        result.format = "doc"
    elif kind == "zip":
        import io
        import zipfile

        from .docx import check_entry_count

        check_entry_count(data)
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise InputError("not a valid .docx or ZIP file (the container is damaged)") from None
        if "word/document.xml" in names:
            from .docx import read_docx

            result = read_docx(data, max_paragraphs=MAX_LINES)
        else:
            raise UnsupportedFormat(
                "a ZIP archive that is not a Word .docx document (use 'kehoach batch' for archives)"
            )
    elif kind == "rtf":
        raise UnsupportedFormat("RTF is not read; save the document as .docx, PDF or text")
    elif kind == "image":
        from .ocr import ocr_image
        from .pdf import text_of_pages

        if mode == "never":
            raise UnsupportedFormat(
                "an image, not a document with text: it is read only by OCR (--ocr never was given)"
            )
        try:
            pages = ocr_image(data)
        except InputError as exc:
            raise UnsupportedFormat(str(exc)) from None
        result = text_of_pages(
            pages,
            "image",
            [
                Warning(
                    "ocr-used",
                    f"OCR (Tesseract, Vietnamese) read {len(pages)} page(s) of an image: expect OCR errors",
                    None,
                )
            ],
        )
    else:
        text, used, decode_warnings = decode_report(data, encoding)
        text = legacy.repair(text)
        if _html_page(text):  # a saved web page (its bytes in any encoding)
            from .html import read_html

            result = read_html(text, encoding=used)
        else:
            lines, warnings = _text_lines(text)
            result = Text(lines, format="txt", encoding=used, warnings=warnings)
        result.warnings[:0] = decode_warnings
        if used not in ("utf-8", "ascii"):
            result.warnings.insert(0, Warning("encoding-converted", f"text decoded from {used}", None))
    _check_text(sum(len(line.text) for line in result.lines), len(result.lines))
    if not any(line.text for line in result.lines):
        raise InputError(
            "no text in the input"
            + (" (scanned PDF?)" if kind == "pdf" else " (a blank image?)" if kind == "image" else "")
        )
    result.path = display_name(name) if name else name
    result.sha256 = digest
    return result


def read(source: str | os.PathLike | bytes, *, encoding: str | None = None, ocr: str | None = "auto") -> Text:
    """Read a path, or bytes, into :class:`Text`."""
    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), encoding=encoding, ocr=ocr)
    path = Path(source)
    shown = display_name(str(path))
    try:
        if path.is_dir():
            raise IsADirectoryError(path)
        data = read_file_bytes(path)
    except InputError as exc:
        raise InputError(f"{shown}: {exc}") from None
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory (use 'kehoach batch' for folders)") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    try:
        return read_bytes(data, encoding=encoding, name=str(path), ocr=ocr)
    except InputError as exc:
        raise type(exc)(f"{shown}: {exc}") from None
