"""Stage 1, read: a file (or bytes, or text) → clean, numbered lines.

The format is chosen by content, not by the file name: a ZIP holding
``word/document.xml`` is Word, ``%PDF-`` is PDF (its scanned pages OCR'd), an
OLE2 compound file is an old binary Word document (converted by LibreOffice
where it is installed), PNG/JPEG/TIFF/GIF is an image (OCR'd), anything else
is text in whichever encoding :func:`kehoach.read.decode.decode_report` finds, read
as an HTML page when it opens with a doctype or ``<html>``.

``ocr`` is one of ``auto`` (OCR where a page has no usable text and Tesseract
is installed), ``always`` (OCR every page of a PDF) or ``never``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import InputError, UnsupportedFormat
from . import legacy
from .decode import decode_report
from .html import looks_like_html, read_html
from .lines import Line, Text, clean_lines

__all__ = ["read", "read_bytes", "read_text", "Line", "Text", "MAX_BYTES", "sniff"]

MAX_BYTES = 64 * 1024 * 1024  # a directive is kilobytes; anything this large is not one

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """The format of ``data``: 'docx', 'pdf', 'doc', 'zip', 'rtf', 'image' or 'txt'."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head == _OLE2:
        return "encrypted-office" if "EncryptionInfo".encode("utf-16-le") in data[:1 << 20] else "doc"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    return "txt"


def read_text(text: str, *, name: str | None = None) -> Text:
    """Lines of an already-decoded text (an HTML page included)."""
    text = legacy.repair(text)
    if looks_like_html(text):
        result = read_html(text)
        result.path = name
        return result
    lines, warnings = clean_lines(text)
    return Text(lines, format="txt", encoding=None, warnings=warnings, path=name)


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
        raise InputError(f"input of {len(data) // (1024 * 1024)} MiB is larger than the {MAX_BYTES // (1024 * 1024)} MiB limit")
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    if kind == "docx":
        from .docx import read_docx

        result = read_docx(data)
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

        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise InputError("not a valid .docx or ZIP file (the container is damaged)") from None
        if "word/document.xml" in names:
            from .docx import read_docx

            result = read_docx(data)
        else:
            raise UnsupportedFormat("a ZIP archive that is not a Word .docx document (use 'kehoach batch' for archives)")
    elif kind == "rtf":
        raise UnsupportedFormat("RTF is not read; save the document as .docx, PDF or text")
    elif kind == "image":
        from .ocr import ocr_image
        from .pdf import text_of_pages

        if mode == "never":
            raise UnsupportedFormat("an image, not a document with text: it is read only by OCR (--ocr never was given)")
        try:
            pages = ocr_image(data)
        except InputError as exc:
            raise UnsupportedFormat(str(exc)) from None
        result = text_of_pages(pages, "image", [("ocr-used", f"OCR (Tesseract, Vietnamese) read {len(pages)} page(s) of an image: expect OCR errors", None)])
    else:
        text, used, decode_warnings = decode_report(data, encoding)
        text = legacy.repair(text)
        if looks_like_html(text):  # a saved web page (its bytes in any encoding)
            result = read_html(text, encoding=used)
        else:
            lines, warnings = clean_lines(text)
            result = Text(lines, format="txt", encoding=used, warnings=warnings)
        result.warnings[:0] = decode_warnings
        if used not in ("utf-8", "ascii"):
            result.warnings.insert(0, ("encoding-converted", f"text decoded from {used}", None))
    if not any(line.text for line in result.lines):
        raise InputError("no text in the input" + (" (scanned PDF?)" if kind == "pdf" else " (a blank image?)" if kind == "image" else ""))
    result.path = name
    result.sha256 = digest
    return result


def read(source: str | os.PathLike | bytes, *, encoding: str | None = None, ocr: str | None = "auto") -> Text:
    """Read a path, or bytes, into :class:`Text`."""
    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), encoding=encoding, ocr=ocr)
    path = Path(source)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory (use 'kehoach batch' for folders)")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size // (1024 * 1024)} MiB is larger than the {MAX_BYTES // (1024 * 1024)} MiB limit")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory (use 'kehoach batch' for folders)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return read_bytes(data, encoding=encoding, name=str(path), ocr=ocr)
    except InputError as exc:
        raise type(exc)(f"{path}: {exc}") from None
