"""PDF → lines, through pypdfium2 (PDFium, the PDF engine of Chromium; Apache-2.0/BSD
wheels for every platform), with OCR of the pages that have no usable text.

Why PDFium: measured on every real PDF of ``../shared/corpus`` against poppler's
``pdftotext -layout`` (docs/formats.md, ``bench/pdf_extractors.py``), its text is
the same as pypdf's, pdfminer's and PyMuPDF's, in a tenth of the time (~3 ms a
page against 25-50 ms), it decrypts AES without a crypto package, renders pages
for OCR, and flattens form fields and stamps into the page.

What a page goes through:

1. Annotations. The number and day filled in after signing live only in the
   appearance of the e-signature's widgets (``Số: 4280``); they are flattened
   into the page and read with it. A widget that shows who signed ("Ký bởi:
   ... Ngày ký: ...") is left out of the text and reported as a
   ``pdf-signature`` warning; readers' comments (FreeText, sticky notes) are
   left out with a ``pdf-comment-skipped`` warning.
2. Glyphs with their boxes → :func:`kehoach.read.layout.lay_out`: lines in
   reading order whatever order the producer stored them in, columns of the
   header and the signature block side by side, justified gaps as spaces.
3. Quality (:mod:`kehoach.read.quality`): a page whose text does not read as
   Vietnamese (a font without a Unicode map, an OCR layer that lost its
   diacritics) is said in a ``pdf-text-garbage`` warning and, where OCR is
   allowed and Tesseract installed, replaced by the OCR of that page (when
   that reads better). A page with no text at all is OCR'd the same way.
4. Running headers and footers (a line repeating at the top or bottom of most
   pages) and page numbers dropped; a legacy font encoding (TCVN3, VNI)
   converted; the broken-font repairs of :func:`kehoach.read.legacy.repair`.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections import Counter
from typing import Any

from ..errors import InputError
from ..warning import Warning
from . import legacy, ocr
from .layout import Box, lay_out
from .lines import Text, clean_lines
from .quality import is_garbage, quality

__all__ = ["MAX_PAGES", "read_pdf", "text_of_pages"]

_DIGITS = re.compile(r"\d+")  # the page numbers of a running header or footer, compared without them

MAX_PAGES = 500
RUNNING_SHARE = 0.6  # a line at the top or foot of this share of the pages (and of 3 at least) is furniture

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.I)
# the text of an e-signature's visible stamp: who signed, when, from which office
_SIGNATURE_INFO = re.compile(
    r"(?i)\b(?:ký bởi|người ký|ngày ký|thời gian ký|signed by|signature valid|chứng thư số)\b|\bemail\s*:"
)
# annotation subtypes (PDF 32000 §12.5.6): readers' comments, not the document
_COMMENTS = {
    1: "note",
    3: "comment",
    4: "line",
    5: "square",
    6: "circle",
    7: "polygon",
    8: "polyline",
    9: "highlight",
    10: "underline",
    11: "squiggly",
    12: "strikeout",
    13: "stamp",
    15: "ink",
    16: "popup",
}
_WIDGET = 20
_FREETEXT = 3


def _edges(pages: list[list[str]]) -> set[str]:
    """Lines that repeat at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line.strip() for line in lines if line.strip()]
        for line in set(content[:2] + content[-2:]):
            if not _PAGE_NUMBER.match(line):
                counts[_DIGITS.sub("#", line)] += 1
    return {key for key, n in counts.items() if n >= max(3, len(pages) * RUNNING_SHARE)}


def _open(data: bytes):
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading PDF needs pypdfium2 (pip install pypdfium2)") from None
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError("an encrypted (password-protected) PDF: it opens only with its password") from None
        raise InputError(f"not a readable PDF ({message})") from None


def _annotations(raw, page_index: int, warnings: list) -> list[tuple[float, float, float, float]]:
    """Prepare a page's annotations for flattening: drop readers' comments (with a warning) and
    return the rectangles (left, right, bottom, top) of the rest (whether one is a signature's
    info stamp is judged after flattening, where its text can be read)."""
    import pypdfium2.raw as c

    rects = []
    count = c.FPDFPage_GetAnnotCount(raw)
    for index in reversed(range(count)):
        annot = c.FPDFPage_GetAnnot(raw, index)
        if not annot:
            continue
        try:
            subtype = c.FPDFAnnot_GetSubtype(annot)
            rect = c.FS_RECTF()
            has_rect = c.FPDFAnnot_GetRect(annot, rect)
        finally:
            c.FPDFPage_CloseAnnot(annot)
        if subtype in _COMMENTS and subtype != 13:  # a Stamp annotation can be the office's stamp: kept
            if subtype == _FREETEXT:
                warnings.append(
                    Warning(
                        "pdf-comment-skipped",
                        f"page {page_index + 1}: a reader's comment on the page is not part of the document; left out",
                        None,
                    )
                )
            c.FPDFPage_RemoveAnnot(raw, index)
            continue
        if has_rect:
            rects.append(
                (
                    min(rect.left, rect.right),
                    max(rect.left, rect.right),
                    min(rect.bottom, rect.top),
                    max(rect.bottom, rect.top),
                )
            )
    return rects


def _glyphs(
    textpage, start: int, end: int, height: float, rotation: int, width: float
) -> list[tuple[Box, float, float]]:
    """Boxes of the glyphs ``start``..``end`` in top-down page coordinates, with their PDF centre
    (x, y) for telling which annotation drew them. Marks drawn as glyphs of their own (combining
    diacritics) join the glyph before them; rotated text (stamps, margins) is left out."""
    import pypdfium2.raw as c

    raw = textpage.raw
    rect = c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    out: list[tuple[Box, float, float]] = []
    # the characters in one call (one UTF-16 unit per character index), else one call each
    bulk = textpage.get_text_range(start, end - start) if end > start else ""
    if len(bulk) != end - start:
        bulk = None
    get_unicode, is_generated = c.FPDFText_GetUnicode, c.FPDFText_IsGenerated
    for index in range(start, end):
        ch = bulk[index - start] if bulk is not None else chr(get_unicode(raw, index))
        code = ord(ch)
        if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue
        if code == 2:
            ch = "-"  # PDFium gives a hyphen that ends a line as U+0002
        elif ch.isspace():
            # PDFium's own spaces and line ends are guesses in content order: geometry decides; the
            # producer's own space glyph is kept as a box, it splits words where it stands
            if ch not in " \u00a0" or is_generated(raw, index) == 1:
                continue
            ch = " "
        elif code < 0x20:
            continue
        if unicodedata.combining(ch):
            if out and out[-1][0].text != " ":
                box, cx, cy = out[-1]
                out[-1] = (box._replace(text=box.text + ch), cx, cy)
            continue
        angle = c.FPDFText_GetCharAngle(raw, index)
        if 0.35 < angle < 5.93:  # radians: vertical or upside-down text (a slanted stamp's day is kept)
            continue
        if not c.FPDFText_GetLooseCharBox(raw, index, rect):
            continue
        left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
        size = c.FPDFText_GetFontSize(raw, index) or (top - bottom)
        if c.FPDFText_GetCharOrigin(raw, index, ox, oy) and size > 0.5:
            # the vertical extent from the baseline and the size, the same for every font: a loose box
            # is only as tall as the glyph's own font says (a quote mark from a fallback font: 3 pt)
            bottom, top = oy.value - 0.25 * size, oy.value + 0.8 * size
        cx, cy = (left + right) / 2, (bottom + top) / 2
        if rotation == 90:
            left, right, bottom, top = bottom, top, width - right, width - left
        elif rotation == 180:
            left, right, bottom, top = width - right, width - left, height - top, height - bottom
        elif rotation == 270:
            left, right, bottom, top = height - top, height - bottom, left, right
        page_height = width if rotation in (90, 270) else height
        out.append((Box(left, right, page_height - top, page_height - bottom, ch, size), cx, cy))
    return out


def _inside(cx: float, cy: float, rect: tuple[float, float, float, float]) -> bool:
    return rect[0] - 1 <= cx <= rect[1] + 1 and rect[2] - 1 <= cy <= rect[3] + 1


def _page_boxes(pdf, index: int, warnings: list) -> tuple[list[Box], Any, bool]:
    """The glyph boxes of one page (its annotations' text included), the page, and whether a glyph
    had no Unicode value (a font without a Unicode map)."""
    import pypdfium2.raw as c

    page = pdf[index]
    textpage = page.get_textpage()
    before = textpage.count_chars()
    rects: list = []
    if c.FPDFPage_GetAnnotCount(page.raw):
        rects = _annotations(page.raw, index, warnings)
        textpage.close()
        if c.FPDFPage_GetAnnotCount(page.raw):
            c.FPDFPage_Flatten(page.raw, c.FLAT_NORMALDISPLAY)
        page.close()
        page = pdf[index]  # a flattened page is read again
        textpage = page.get_textpage()
    total = textpage.count_chars()
    width, height = page.get_size()
    rotation = page.get_rotation() % 360
    if rotation in (90, 270):
        width, height = height, width  # get_size gives the rotated size; boxes are unrotated
    boxes = [b for b, _, _ in _glyphs(textpage, 0, before, height, rotation, width)]
    if total > before:
        added = _glyphs(textpage, before, total, height, rotation, width)
        groups: dict[int, list[Box]] = {}
        for box, cx, cy in added:
            owner = next((k for k, r in enumerate(rects) if _inside(cx, cy, r)), -1)
            groups.setdefault(owner, []).append(box)
        for group in groups.values():
            text = " ".join(lay_out(group))
            if _SIGNATURE_INFO.search(text):
                warnings.append(
                    Warning("pdf-signature", f"page {index + 1}: signature stamp: {' '.join(text.split())[:160]}", None)
                )
                continue
            boxes.extend(group)
    unmapped = any(c.FPDFText_HasUnicodeMapError(textpage.raw, i) == 1 for i in range(0, total, max(1, total // 200)))
    textpage.close()
    return boxes, page, unmapped


def _render_gray(page) -> tuple[int, int, bytes]:
    bitmap = page.render(scale=ocr.DPI / 72, grayscale=True, draw_annots=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    if bitmap.n_channels != 1:  # pragma: no cover - grayscale was asked for
        raise InputError("PDF page could not be rendered in grayscale for OCR")
    if stride == width:
        return width, height, buffer
    return width, height, b"".join(buffer[row * stride : row * stride + width] for row in range(height))


def read_pdf(data: bytes, *, ocr_mode: str = "auto") -> Text:
    pdf = _open(data)
    try:
        return _read(pdf, ocr_mode)
    finally:
        pdf.close()


def _read(pdf, ocr_mode: str) -> Text:
    count = len(pdf)
    if count > MAX_PAGES:
        raise InputError(f"a PDF of {count} pages is longer than the {MAX_PAGES}-page limit")
    warnings: list[Warning] = []
    pages: list[list[str]] = []
    todo: list[tuple[int, str]] = []  # (page index, why) of the pages to OCR
    try:
        for index in range(count):
            boxes, page, unmapped = _page_boxes(pdf, index, warnings)
            lines = lay_out(boxes)
            pages.append(lines)
            text = "\n".join(lines)
            q = quality(legacy.repair(text))
            if ocr_mode == "always":
                todo.append((index, "always"))
            elif not text.strip():
                todo.append((index, "empty"))
            elif is_garbage(q) and not legacy.detect(text):
                reason = "glyphs without a Unicode value" if unmapped else "it does not read as Vietnamese"
                warnings.append(
                    Warning(
                        "pdf-text-garbage",
                        f"page {index + 1}: the text layer is unusable ({reason}: {q.syllables:.0%} syllables, "
                        f"{q.marked:.0%} words with Vietnamese marks, {q.foreign:.0%} foreign letters)",
                        None,
                    )
                )
                todo.append((index, "garbage"))
            page.close()
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    _ocr_pages(pdf, pages, todo, ocr_mode, warnings)
    if not any(line.strip() for lines in pages for line in lines):
        if ocr_mode == "never":
            raise InputError("no text layer (scanned PDF?): OCR is turned off (--ocr never)")
        raise InputError("no text layer (scanned PDF?) and OCR found no text in it")
    return text_of_pages(pages, "pdf", warnings)


def text_of_pages(pages: list[list[str]], format: str, warnings: list) -> Text:
    """Laid-out lines per page → :class:`Text`: running headers and footers dropped, pages joined
    with a page-break hint, broken fonts repaired, a legacy font encoding converted."""
    edges = _edges(pages)
    kept: list[str] = []
    for lines in pages:
        kept.append("\n".join("" if edges and _DIGITS.sub("#", line.strip()) in edges else line for line in lines))
    raw = legacy.repair("\n\f".join(kept))
    encoding = None
    guess = legacy.detect(raw)
    if guess:
        raw = legacy.to_unicode(raw, guess)
        encoding = guess
    text_lines, line_warnings = clean_lines(raw)
    if encoding:
        warnings.insert(
            0, Warning("encoding-converted", f"text converted from the legacy {encoding} font encoding", None)
        )
    return Text(text_lines, format=format, encoding=encoding, warnings=warnings + line_warnings)


def _ocr_pages(pdf, pages: list[list[str]], todo: list[tuple[int, str]], mode: str, warnings: list) -> None:
    if not todo or mode == "never":
        if todo and mode == "never" and any(why == "garbage" for _, why in todo):
            warnings.append(
                Warning("ocr-skipped", "pages with an unusable text layer were kept as they are (--ocr never)", None)
            )
        return
    if not ocr.available():
        empty_everywhere = all(not any(line.strip() for line in lines) for lines in pages)
        if mode == "always" or empty_everywhere:
            ocr.require("a scanned PDF (no text layer)" if empty_everywhere else "--ocr always")
        numbers = ", ".join(str(i + 1) for i, _ in todo[:10])
        warnings.append(
            Warning(
                "ocr-unavailable",
                f"page(s) {numbers} have no usable text and could not be OCR'd: {ocr.INSTALL_HINT}",
                None,
            )
        )
        return
    progress = ocr.Progress(len(todo))
    done = []
    try:
        for k, (index, why) in enumerate(todo):
            progress.page(k + 1)
            page = pdf[index]
            try:
                width, height, gray = _render_gray(page)
            finally:
                page.close()
            lines = ocr.ocr_pgm(width, height, gray)
            if (
                why == "garbage"
                and quality(legacy.repair("\n".join(lines))).score
                <= quality(legacy.repair("\n".join(pages[index]))).score
            ):
                warnings.append(
                    Warning(
                        "ocr-not-better",
                        f"page {index + 1}: OCR read no better than the text layer; the text layer kept",
                        None,
                    )
                )
                continue
            pages[index] = lines
            done.append(index + 1)
    finally:
        progress.done()
    if done:
        numbers = ", ".join(map(str, done[:20])) + (" ..." if len(done) > 20 else "")
        warnings.append(
            Warning("ocr-used", f"OCR (Tesseract, Vietnamese) read page(s) {numbers}: expect OCR errors", None)
        )
