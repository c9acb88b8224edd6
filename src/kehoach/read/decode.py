"""Bytes → text: byte-order marks, UTF-16, UTF-8, Windows-1258 and the legacy
Vietnamese font encodings (TCVN3/ABC, VNI, VISCII) of old archives.

The encoding is decided on the whole input, never per fragment:

- valid UTF-8 is UTF-8 (unless it holds a legacy font's code points, re-encoded);
- UTF-8 with a few bad bytes (a file cut and pasted together, one byte damaged)
  is still UTF-8: each bad byte becomes U+FFFD and a ``utf8-bytes-replaced``
  warning says how many, rather than the whole file turning into mojibake;
- otherwise each single-byte candidate — Windows-1258 (its tones are
  combining bytes after the vowel), TCVN3, VNI, VISCII — is tried and the one
  whose text has the best Vietnamese-syllable rate wins (Windows-1258 on a tie:
  it is what Windows saved).
"""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import InputError
from ..warning import Warning
from . import legacy

__all__ = ["ENCODINGS", "decode", "decode_report"]

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
    text, used, _ = decode_report(data, encoding)
    return text, used


# bytes that are not UTF-8 in otherwise valid UTF-8: at most this many, and at most one per
# MOSTLY_VALID valid non-ASCII characters, are replaced; beyond that the file is another encoding
FEW_BAD_BYTES = 16
MOSTLY_VALID = 20


def decode_report(data: bytes, encoding: str | None = None) -> tuple[str, str, list[Warning]]:
    """As :func:`decode`, with the warnings the decoding gives (bad UTF-8 bytes replaced)."""
    if encoding:
        name = encoding.lower().replace("_", "-")
        if name in legacy.CODECS:
            # the font's code points, saved either as raw bytes or re-encoded as UTF-8
            try:
                surface = data.decode("utf-8")
            except UnicodeDecodeError:
                surface = data.decode("latin-1")
            return legacy.to_unicode(surface, name), name, []
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}' (known: {', '.join(ENCODINGS)})") from None
        try:
            text = data.decode(codec, errors="strict")
        except UnicodeDecodeError as exc:
            raise InputError(f"the input is not valid {encoding}: {exc.reason} at byte {exc.start}") from None
        return (unicodedata.normalize("NFC", text) if codec == "cp1258" else text), name, []
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", ""), []
            except UnicodeDecodeError as exc:
                if codec == "utf-8-sig":
                    repaired = _mostly_utf8(data[3:])
                    if repaired is not None:
                        return repaired[0], "utf-8", [repaired[1]]
                raise InputError(
                    f"the input starts with a {codec} byte-order mark but is not {codec}: {exc.reason}"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16", []
    if _looks_binary(data):
        raise InputError("binary data, not a text document")
    decoded: str | None
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None:
        text = decoded
        guess = legacy.detect(text)
        if guess:
            return legacy.to_unicode(text, guess), guess, []
        return text, "utf-8", []
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired[0], "utf-8", [repaired[1]]
    return _best_single_byte(data)


def _mostly_utf8(data: bytes) -> tuple[str, Warning] | None:
    """UTF-8 with a few bytes that are not: the text with those bytes replaced, and the warning."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad > FEW_BAD_BYTES or valid < MOSTLY_VALID * bad:
        return None
    first = text.index("\ufffd")
    line = text.count("\n", 0, first) + 1
    return text, Warning(
        "utf8-bytes-replaced",
        f"{bad} byte sequence(s) that are not UTF-8 in otherwise UTF-8 text replaced by U+FFFD (first on line {line})",
        line,
    )


def _best_single_byte(data: bytes) -> tuple[str, str, list]:
    """Windows-1258 and the legacy font encodings: the best Vietnamese-syllable rate wins."""
    candidates: list[tuple[str, str]] = [
        ("cp1258", unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")))
    ]
    single = data.decode("latin-1")
    if legacy.looks_legacy(single):
        for name in legacy.CODECS:
            candidates.append((name, legacy.to_unicode(single, name)))
    best_name, best_text = candidates[0]
    best_rate = legacy.syllable_rate(best_text)
    for name, text in candidates[1:]:
        rate = legacy.syllable_rate(text)
        if rate > best_rate + 0.02:  # a legacy font must read clearly better than Windows-1258
            best_name, best_text, best_rate = name, text, rate
    return best_text, best_name, []
