"""OCR of scans and images through Tesseract with its Vietnamese model.

Tesseract is a program, not a Python package: Debian's ``tesseract-ocr`` and
``tesseract-ocr-vie`` (other systems: their own packages of the same; the
model is ``vie.traineddata``). Nothing is downloaded at run time: where the
program or its Vietnamese model is missing, :func:`require` raises an
:class:`~kehoach.errors.InputError` whose one line names what to install.

Tesseract is asked for its words with their boxes (TSV output), and the words
are laid out by :func:`kehoach.read.layout.lay_out` as the glyphs of a PDF
are: the reader downstream sees OCR text in the same shape as a text layer
(columns of the header side by side, indentation, blank lines), and applies
the same repairs (split diacritics, page furniture).
"""

from __future__ import annotations

import functools
import os
import sys

from ..errors import InputError
from .layout import Box, lay_out

__all__ = ["INSTALL_HINT", "MODES", "Progress", "available", "ocr_image", "ocr_pgm", "require"]

MODES = ("auto", "always", "never")
LANGUAGE = "vie"
DPI = 300  # pages of a PDF are rendered at this resolution for OCR
TIMEOUT = 180  # seconds for one page
INSTALL_HINT = (
    "install Tesseract and its Vietnamese model (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie)"
)
WORD_CONFIDENCE = 30.0  # words tesseract itself barely believes (specks, stamp edges) are dropped
LINE_CONFIDENCE = 50.0  # and lines whose words it believes this little on average (handwriting, seal ink)


@functools.cache
def _tesseract() -> tuple[str | None, bool]:
    """(path of the tesseract program or None, whether it has the Vietnamese model)."""
    import shutil  # (here, not at the top: a parse that needs no OCR need not import them)
    import subprocess

    forced = os.environ.get("KEHOACH_TESSERACT")  # a path to use instead (tests: one that does not exist)
    path = shutil.which(forced) if forced is not None else shutil.which("tesseract")
    if not path:
        return None, False
    try:
        done = subprocess.run([path, "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None, False
    langs = (done.stdout + done.stderr).decode("utf-8", errors="replace").split()
    return path, LANGUAGE in langs


def available() -> bool:
    """Is OCR possible here (tesseract with the Vietnamese model)?"""
    path, vie = _tesseract()
    return bool(path and vie)


def require(what: str) -> str:
    """The tesseract program, or an InputError saying ``what`` needs it and how to install it."""
    path, vie = _tesseract()
    if not path:
        raise InputError(f"{what} needs OCR: {INSTALL_HINT}")
    if not vie:
        raise InputError(
            f"{what} needs OCR in Vietnamese: tesseract is installed without its Vietnamese model (apt-get install "
            f"tesseract-ocr-vie)"
        )
    return path


def _run(args: list[str], data: bytes | None) -> str:
    import subprocess

    path = require("this input")
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one page per process: threads only contend
    try:
        done = subprocess.run([path, *args], input=data, capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise InputError(f"OCR took longer than {TIMEOUT} s for one page") from None
    except OSError as exc:
        raise InputError(f"OCR could not run tesseract ({exc.strerror or exc})") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise InputError(f"OCR failed: {reason[-1] if reason else 'tesseract exit ' + str(done.returncode)}")
    return done.stdout.decode("utf-8", errors="replace")


def _pages_of_tsv(tsv: str) -> list[list[str]]:
    """Tesseract's TSV → laid-out lines per page. Each word takes its line's box for height, so
    that the words of a line, whatever their ascenders, are one line. What tesseract reads in
    specks, punch holes, handwriting and seal ink is dropped: a line whose words it barely believes
    (mean confidence under LINE_CONFIDENCE), a word under WORD_CONFIDENCE, a short token far
    taller than the page's words."""
    lines: dict[tuple[int, int, int, int], tuple[int, int]] = {}
    words: list[tuple[tuple[int, int, int, int], int, int, int, int, float, str]] = []
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12:
            continue
        try:
            level, page, block, par, line = (int(p) for p in parts[:5])
            left, top, width, height = (int(p) for p in parts[6:10])
            confidence = float(parts[10])
        except ValueError:
            continue
        key = (page, block, par, line)
        if level == 4:
            lines[key] = (top, top + height)
        elif level == 5 and parts[11].strip():
            words.append((key, left, top, width, height, confidence, parts[11].strip()))
    if not words:
        return []
    heights = sorted(w[4] for w in words if w[5] >= LINE_CONFIDENCE)
    usual = heights[len(heights) // 2] if heights else 0
    by_line: dict[tuple[int, int, int, int], list[float]] = {}
    for key, *_rest, confidence, _text in words:
        by_line.setdefault(key, []).append(confidence)
    pages: dict[int, list[Box]] = {}
    for key, left, top, width, height, confidence, text in words:
        scores = by_line[key]
        if sum(scores) / len(scores) < LINE_CONFIDENCE or confidence < WORD_CONFIDENCE:
            continue
        if usual and height > 2 * usual and len(text) <= 3:
            continue
        line_top, line_bottom = lines.get(key, (top, top + height))
        size = max(line_bottom - line_top, 1) / 1.15
        pages.setdefault(key[0], []).append(Box(left, left + width, line_top, line_bottom, text, size, True))
    if not pages:
        return []
    return [lay_out(pages.get(n, []), left=0.0) for n in range(1, max(pages) + 1)]


def ocr_pgm(width: int, height: int, gray: bytes, dpi: int = DPI) -> list[str]:
    """OCR one grayscale page image (``gray``: ``width`` × ``height`` bytes, top row first)."""
    image = b"P5\n%d %d\n255\n" % (width, height) + gray
    pages = _pages_of_tsv(_run(["stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "--psm", "3", "tsv"], image))
    return pages[0] if pages else []


def ocr_image(data: bytes) -> list[list[str]]:
    """OCR an image file's bytes (PNG, JPEG, TIFF, multi-page TIFF included): laid-out lines per page."""
    import tempfile

    require("an image")
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        path = os.path.join(tmp, "image")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            return _pages_of_tsv(_run([path, "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"], None))
        except InputError as exc:
            raise InputError(f"an image that could not be read: {exc}") from None


class Progress:
    """'OCR: page 3/12' on standard error while pages are read, only when it is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.shown = total > 1 and sys.stderr.isatty() and os.environ.get("KEHOACH_PROGRESS", "1") != "0"

    def page(self, number: int) -> None:
        if self.shown:
            sys.stderr.write(f"\rOCR: page {number}/{self.total} ")
            sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 24 + "\r")
            sys.stderr.flush()
