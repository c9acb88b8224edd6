"""Bytes → text: byte-order marks, UTF-16, UTF-8, Windows-1258 and the legacy
Vietnamese font encodings (TCVN3/ABC, VNI, VISCII) of old archives.

The encoding is decided on the whole input, never per fragment: a legacy
encoding is only taken when the converted text reads as Vietnamese markedly
better than the bytes read as UTF-8 or Windows-1258 do.
"""

from __future__ import annotations

import codecs

from ..errors import InputError
from . import legacy

__all__ = ["decode", "ENCODINGS"]

# names accepted by --encoding
ENCODINGS = ("utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viscii")


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls / len(sample) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: every other byte of ASCII-heavy text is NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    for codec, nuls in (("utf-16-le", odd_nul), ("utf-16-be", even_nul)):
        if nuls > 0.3 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the name of the encoding used.

    ``encoding`` forces one of :data:`ENCODINGS` (or any Python codec name).
    Raises :class:`InputError` for binary or undecodable data.
    """
    if encoding:
        name = encoding.lower().replace("_", "-")
        if name in legacy.CODECS:
            # the font's code points, saved either as raw bytes or re-encoded as UTF-8
            try:
                surface = data.decode("utf-8")
            except UnicodeDecodeError:
                surface = data.decode("latin-1")
            return legacy.to_unicode(surface, name), name
        try:
            return data.decode(codecs.lookup(name).name, errors="strict"), name
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}' (known: {', '.join(ENCODINGS)})") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"the input is not valid {encoding}: {exc.reason} at byte {exc.start}") from None
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(f"the input starts with a {codec} byte-order mark but is not {codec}: {exc.reason}") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    if _looks_binary(data):
        raise InputError("binary data, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        guess = legacy.detect(text)
        if guess:
            return legacy.to_unicode(text, guess), guess
        return text, "utf-8"
    single = data.decode("latin-1")
    guess = legacy.detect(single)
    if guess:
        return legacy.to_unicode(single, guess), guess
    return data.decode("cp1258", errors="replace"), "cp1258"
