"""PDF with a text layer → lines, through pypdf (BSD, pure Python, ~10 ms a page).

pypdf's layout mode keeps the two-column header and signature block side by
side, as pdftotext -layout does, so the same column logic reads them. Pages
are joined with a page-break hint; running headers and footers (a line that
repeats at the top or bottom of most pages) and page numbers are dropped. A
PDF whose pages carry no text is a scan: refused with a clear message rather
than returned empty.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from ..errors import InputError
from . import legacy
from .lines import Text, clean_lines

__all__ = ["read_pdf", "MAX_PAGES"]

MAX_PAGES = 500

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.I)


def _edges(pages: list[list[str]]) -> set[str]:
    """Lines that repeat at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line.strip() for line in lines if line.strip()]
        for line in set(content[:2] + content[-2:]):
            if not _PAGE_NUMBER.match(line):
                counts[re.sub(r"\d+", "#", line)] += 1
    return {key for key, n in counts.items() if n >= max(3, len(pages) * 0.6)}


class _Quiet:
    """pypdf reports damage through logging; the reader turns damage into one InputError instead."""

    def __enter__(self):
        self.logger = logging.getLogger("pypdf")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc):
        self.logger.setLevel(self.level)


def read_pdf(data: bytes) -> Text:
    with _Quiet():
        return _read_pdf(data)


def _read_pdf(data: bytes) -> Text:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading PDF needs pypdf (pip install pypdf)") from None
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises various errors for unsupported crypto
                ok = 0
            if not ok:
                raise InputError("an encrypted (password-protected) PDF")
        if len(reader.pages) > MAX_PAGES:
            raise InputError(f"a PDF of {len(reader.pages)} pages is longer than the {MAX_PAGES}-page limit")
        pages = []
        for page in reader.pages:
            try:
                text = page.extract_text(extraction_mode="layout") or ""
            except Exception:  # noqa: BLE001 - a broken content stream on one page
                text = page.extract_text() or ""
            pages.append(text.replace("\f", "").splitlines())
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - pypdf on hostile input
        raise InputError(f"not a readable PDF ({type(exc).__name__})") from None
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError("no text layer (scanned PDF?): run OCR first")
    edges = _edges(pages)
    kept = []
    for lines in pages:
        kept.append(
            "\n".join(
                "" if edges and re.sub(r"\d+", "#", line.strip()) in edges else line
                for line in lines
            )
        )
    raw = "\n\f".join(kept).replace("ƣ", "ư").replace("Ƣ", "Ư")
    encoding = None
    guess = legacy.detect(raw)
    if guess:
        raw = legacy.to_unicode(raw, guess)
        encoding = guess
    lines, warnings = clean_lines(raw)
    if encoding:
        warnings.insert(0, ("encoding-converted", f"text converted from the legacy {encoding} font encoding", None))
    return Text(lines, format="pdf", encoding=encoding, warnings=warnings)
