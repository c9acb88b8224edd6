"""Every regular expression of the pipeline, each a named constant with the why.

Patterns that depend on the vocabulary (type names and codes, body heads,
layout phrases) are built once by :func:`patterns` from the data tables.
Patterns on *printed* text are case-sensitive where case carries meaning
(symbol codes, capitalised names); patterns on *folded* text (see
:func:`kehoach.text.fold`) ignore case, tones and diacritics.

All patterns are linear: no nested quantifiers over overlapping classes, so a
1 MB line costs time in proportion to its length (a property test checks).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .text import fold
from .vocab import phrase_pattern, vocabulary

__all__ = ["LETTERS", "MARKER", "ROMAN_VALUES", "Patterns", "patterns", "roman_value"]

_PHRASE_WORDS = re.compile(r"\w+|/")  # the words (and slashes) of a phrase, for _loose_phrases

# --- section markers (printed text, at the start of a stripped line) -------

# Roman numerals I..XXXIX, the only ones part numbers use.
_ROMAN = r"(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})"
# "PHẦN I", "Phần thứ nhất", "PHẦN THỨ HAI", "Phần 1"
_PART = r"(?:PHẦN|Phần)\s+(?:(?:THỨ|thứ|Thứ)\s+[^\s.:]+|" + _ROMAN + r"|\d{1,2})"
# "Chương II", "CHƯƠNG 3"
_CHAPTER = r"(?:CHƯƠNG|Chương)\s+(?:" + _ROMAN + r"|\d{1,2})"
# "Điều 1", "ĐIỀU 12a"
_ARTICLE = r"(?:Điều|ĐIỀU|Ðiều)\s+\d{1,3}[a-zđ]?"

MARKER = re.compile(
    r"^(?:"
    # part / chapter / article, then optional punctuation
    r"(?P<part>" + _PART + r")(?:\s*[.:\-–—]\s*|\s+|$)"
    r"|(?P<chapter>" + _CHAPTER + r")(?:\s*[.:\-–—]\s*|\s+|$)"
    r"|(?P<article>" + _ARTICLE + r")(?:\s*[.:\-–—]\s*|\s+|$)"
    # "1.1.", "2.3.1" (each component one or two digits, so dates never match)
    r"|(?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)\s*"
    # Roman part: "I-", "I.", "II –", "IV:", "III)", "II/ " (a slash only before a space: never "V/v")
    r"|(?P<roman>" + _ROMAN + r")(?:\s*[.\-–—:)]|/(?=\s))\s*"
    # capital letter part: "A.", "B-"
    r"|(?P<upper>[A-H])\s*[.\-–]\s+(?=\S)"
    # arabic item: "1.", "2)", "3 -", "12."
    r"|(?P<arabic>\d{1,2})\s*\.(?=\s|$)\s*"
    r"|(?P<arabic_paren>\d{1,2})\s*\)\s*"
    # "1/ ", "2/ " (a slash before a space: a date "1/5/2024" never matches)
    r"|(?P<arabic_slash>\d{1,2})/(?=\s)\s*"
    r"|(?P<arabic_dash>\d{1,2})\s*[-–]\s+(?=\D)"
    # letter item: "a)", "b.", "đ)", "c/ ", "d- "
    r"|(?P<letter>[a-zđ])(?:\s*\)|/(?=\s)|\s?[-–](?=\s))\s*"
    r"|(?P<letter_dot>[a-zđ])\.\s+"
    # parenthesised: "(1)", "(a)", "(iv)"
    r"|\((?P<paren>\d{1,2}|[a-zđ]|[ivx]{1,4})\)\s*"
    # bullets
    r"|(?P<dash>[-–—−])(?!-)\s*"
    r"|(?P<plus>\+)\s*"
    r"|(?P<bullet>[•·●▪■○◦♦❖✓➢►])\s*"
    r")"
)

# A damaged or bare arabic label, accepted only where the numbering expects
# it: "1 Đổi mới ..." (OCR lost the period) or "Š. Tập trung ..." (OCR read
# 5 as Š). The character classes list the OCR confusions seen for digits.
WEAK_MARKER = re.compile(r"^(?P<weak>\d{1,2}|[ŠSšsOoIl|ZzBg])(?:\s*[.)]\s*|\s+)(?=[A-ZĐÀ-Ỹ\"“])")
OCR_DIGITS = {
    "Š": "5",
    "S": "5",
    "š": "5",
    "s": "5",
    "O": "0",
    "o": "0",
    "I": "1",
    "l": "1",
    "|": "1",
    "Z": "2",
    "z": "2",
    "B": "8",
    "g": "9",
}

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_numeral(value: int) -> str:
    """4 → "IV": the label a list numbered in Roman numerals prints."""
    out = ""
    for amount, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= amount:
            out += numeral
            value -= amount
    return out


def roman_value(numeral: str) -> int:
    total = 0
    prev = 0
    for ch in reversed(numeral):
        value = ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


# The Vietnamese alphabet as lists are lettered (no f, j, w, z).
LETTERS = "abcdđeghiklmnopqrstuvxy"

# --- text shape -------------------------------------------------------------

# (a paragraph that ends a sentence or a clause ends in one of . ; : ! ? …,
# closing quotes and brackets aside: segment.shapes.ends_sentence reads it from the end)

# a line that ends in a wrap inside a symbol: "Kết luận số 02-"
WRAP_HYPHEN = re.compile(r"\w-$")
# the end-of-text mark of administrative documents
END_MARK = re.compile(r"\./\.\s*$")

# --- dates (printed text) ---------------------------------------------------

# The one date grammar: a date in figures ("18/5/2021", "01-11-2021", "1.11.2021") or in
# words ("18 tháng 5 năm 2021", on printed text; "thang"/"nam" on folded), with the groups
# each user names. Every date pattern of the pipeline is built from these two.
_DAY = r"\d{1,2}"
_MONTH = r"\d{1,2}"
_YEAR = r"\d{4}"
_FIGURE_SEP = r"\s*[/.-]\s*"


def date_in_figures(
    day: str | None = None, month: str | None = None, year: str | None = None, year_digits: str = "4"
) -> str:
    """Day, month and year in figures with any of "/", ".", "-" between them."""
    year_body = r"\d{" + year_digits + "}"
    return _group(day, _DAY) + _FIGURE_SEP + _group(month, _MONTH) + _FIGURE_SEP + _group(year, year_body)


def date_in_words(
    day: str | None = None, month: str | None = None, year: str | None = None, *, folded: bool = False
) -> str:
    """ "18 tháng 5 năm 2021" (a comma may stand before "năm")."""
    month_word, year_word = ("thang", "nam") if folded else ("tháng", "năm")
    return (
        _group(day, _DAY)
        + r"\s+"
        + month_word
        + r"\s+"
        + _group(month, _MONTH)
        + r"\s*,?\s*"
        + year_word
        + r"\s+"
        + _group(year, _YEAR)
    )


def _group(name: str | None, body: str) -> str:
    return f"(?P<{name}>{body})" if name else body


# a five-digit year is an OCR or typing
# slip ("20210") that the citation extractor repairs from the symbol's year.
NUMERIC_DATE = re.compile(r"(?P<d>\d(?<!\d\d)\d?)\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4,5})(?!\d)")
# "ngày 18 tháng 5 năm 2021" on folded text (so "Ngày", "ngay" and OCR tones pass)
WORDED_DATE = re.compile(r"(?:ngay\s+)?(?<!\d)" + date_in_words("d", "m", "y", folded=True) + r"(?!\d)")


# the place of a date line: up to five capitalised words ("Hà Nội", "Bà Rịa - Vũng Tàu" aside),
# after "Thành phố", "Thị xã", "Thị trấn" or "TP." printed before the name ("Thành phố Hồ Chí Minh")
_PLACE = (
    r"(?:(?:Thành|THÀNH|Thị|THỊ)\s+(?:phố|PHỐ|xã|XÃ|trấn|TRẤN)\s+"
    r"|TP\.\s*)?(?:[A-ZĐÀ-Ỹ][^\W\d_]*\.?\s+){0,4}[A-ZĐÀ-Ỹ][^\W\d_]*"
)


@dataclass(frozen=True)
class Patterns:
    """Vocabulary-built patterns (compiled once, see :func:`patterns`)."""

    type_line: re.Pattern  # folded: a line that is a document-type name
    symbol: re.Pattern  # printed: a document symbol, every form
    symbol_blank: re.Pattern  # printed: "Số: /QĐ-UBND" (number not filled in)
    date_line: re.Pattern  # printed: "<Place>, ngày .. tháng .. năm ..." (the rest is parsed folded)
    date_line_bare: re.Pattern  # printed: the same without its comma, a whole line ("Hà Nội ngày 01 tháng 12 năm 2025")
    symbol_line: re.Pattern  # folded: "Số ..." prefix
    motto: re.Pattern  # folded
    party: re.Pattern  # folded
    state: re.Pattern  # folded
    abstract: re.Pattern  # folded: "V/v", "Về việc"
    recipients: re.Pattern  # folded: "Nơi nhận:"
    addressees: re.Pattern  # folded: "Kính gửi:"
    attachments: re.Pattern  # folded: "Gửi kèm:"
    authority: re.Pattern  # printed: "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"
    closing_paragraph: re.Pattern  # folded
    appendix: re.Pattern  # folded
    grounds: re.Pattern  # folded
    opener: re.Pattern  # folded: what opens a letter's body after its addressees
    addressees_after: re.Pattern  # folded: "... điện:" at the end of an authority line
    issuer_head: re.Pattern  # folded: a header line that opens an issuer unit
    needs_complement: re.Pattern  # folded
    type_names: re.Pattern  # folded: any type name, anywhere
    signed: re.Pattern  # printed/folded: "(Đã ký)"
    authority_head: re.Pattern  # folded: an enacting authority line under the title ("CHỦ TỊCH ỦY BAN NHÂN DÂN ...")
    type_suffix: re.Pattern  # folded: "của ..." under a type name: whose document it is
    issues: re.Pattern  # folded: "ban hành Kế hoạch": how a body says it issues this document
    site_label: re.Pattern  # folded: a web site's metadata line ("Số hiệu: ...")
    site_notice: re.Pattern  # folded: a web site's banner or note, anywhere in a line
    site_after: re.Pattern  # folded: a whole line that opens a web site's text after the document


def _type_alternation() -> str:
    vocab = vocabulary()
    names = [name for t in vocab.doc_types for name in t.names]
    return phrase_pattern(names)


def _symbol_pattern(codes: frozenset[str]) -> str:
    # An issuer or unit code: capitals and digits, one lower-case letter at most
    # inside ("TTg", "QĐi", "CTr"), ending at a word boundary.
    code = r"[A-ZĐ][A-ZĐ0-9&]*(?:[a-zđ][A-ZĐ0-9&]*)?(?![\w])"
    sep = r"\s?"
    issuers = code + r"(?:-" + code + r")*"
    # The number first, shared by every form; "no word, '/', '.' or '-' before it" is tested
    # after its first digit, so that the regex engine can search the pattern digit by digit.
    return (
        r"(?P<num>\d(?<![\w/.-]\d)\d{0,4}[a-zđ]?)"
        + sep
        + r"(?:/"
        + sep
        + r"(?:"
        # legislature: 146/2025/QH15, 80/2015/QH13
        + r"(?P<lyear>(?:19|20)\d\d)"
        + sep
        + r"/"
        + sep
        + r"(?P<lcode>(?:UBTV)?QH\d{1,2})(?![\w])"
        # state, with a year: 136/2020/NĐ-CP, 02/2017/TT-VPCP, 19/2020/QĐ-UBND, 07/2023/TTLT-BTC-BNV
        + r"|(?P<syear>(?:19|20)\d\d)"
        + sep
        + r"/"
        + sep
        + r"(?P<stype>"
        + code
        + r")"
        + sep
        + r"[-–]"
        + sep
        + r"(?P<siss>"
        + issuers
        + r")"
        # state without a year: 134/KH-UBND, 13/CT-TTg, 1289/UBND-TH (a công văn: no type code)
        + r"|(?P<ttype>"
        + code
        + r")"
        + sep
        + r"[-–]"
        + sep
        + r"(?P<tiss>"
        + issuers
        + r")"
        + r")"
        # party: 37-KH/ĐUK, 02-KL/TW, 05-QC/BTCTU-BDVTU, 2449 -CV/ĐU
        + r"|[-–]"
        + sep
        + r"(?P<ptype>"
        + code
        + r")"
        + sep
        + r"/"
        + sep
        + r"(?P<piss>"
        + issuers
        + r")"
        + r")"
    )


def _loose_phrases(phrases: list[str]) -> str:
    """Phrases as printed with their punctuation loose: "Độc lập - Tự do - Hạnh phúc" also
    matches "Độc lập-Tự do-Hạnh phúc" and "Độc lập Tự do Hạnh phúc", "V/v" also "V / v"
    (folded text; the longest first)."""
    out = set()
    for phrase in phrases:
        words = _PHRASE_WORDS.findall(fold(phrase))
        out.add(
            r"\s*".join(
                w if w == "/" else w + (r"\s*[-–—]?" if i < len(words) - 1 and words[i + 1] != "/" else "")
                for i, w in enumerate(words)
            )
        )
    return "|".join(sorted(out, key=len, reverse=True))


@functools.cache
def patterns() -> Patterns:
    vocab = vocabulary()
    layout = vocab.layout
    types = _type_alternation()
    # (a mark's own space is kept: "KT " must not match the start of "KTNN")
    auth = [re.escape(a.lstrip()) for a in layout["closing"]["authority"]]
    return Patterns(
        type_line=re.compile(
            r"^(?P<name>" + types + r")(?:\s+(?P<qual>" + phrase_pattern(layout["header"]["type_qualifiers"]) + r"))?"
            r"(?:\s+(?P<more>"
            + types
            + r"))?(?P<rest>\s+(?:"
            + phrase_pattern(layout["header"]["type_suffix"])
            + r")\s+.*)?\s*$"
        ),
        symbol=re.compile(_symbol_pattern(vocab.type_codes)),
        symbol_blank=re.compile(
            r"(?:Số|SỐ|So)\s*:?\s*(?:[./…_ ]*)"
            r"(?:/\s*(?P<stype>[A-ZĐ][A-Za-zĐđ]*)\s*[-–]\s*(?P<siss>[A-ZĐ][A-ZĐ0-9&-]*)"
            r"|[-–]\s*(?P<ptype>[A-ZĐ][A-Za-zĐđ]*)\s*/\s*(?P<piss>[A-ZĐ][A-ZĐ0-9&-]*))"
        ),
        date_line=re.compile(
            r"(?<![\w/-])(?P<place>" + _PLACE + r")\s*,\s*"
            r"(?P<rest>(?:[Nn]g[àa]y|NG[ÀA]Y)\b.*|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}.*)$"
        ),
        date_line_bare=re.compile(
            r"^(?P<place>"
            + _PLACE
            + r")\s+(?P<rest>(?:[Nn]g[àa]y|NG[ÀA]Y)\s+\d{1,2}\s+(?:tháng|THÁNG)\s+\d{1,2}\s+(?:năm|NĂM)\s+\d{4})\s*\.?$"
        ),
        symbol_line=re.compile(
            r"^(?:" + phrase_pattern(layout["header"]["symbol_prefix"], word_boundary=False) + r")\s*[:.]?\s*"
        ),
        motto=re.compile(_loose_phrases(layout["header"]["motto"])),
        party=re.compile(phrase_pattern(layout["header"]["party"])),
        state=re.compile(phrase_pattern(layout["header"]["state"])),
        abstract=re.compile(r"^(?:" + _loose_phrases(layout["header"]["abstract_prefix"]) + r")\b\.?\s*:?\s*"),
        recipients=re.compile(
            r"^(?:" + phrase_pattern(layout["closing"]["recipients"], word_boundary=False) + r")\s*:?"
        ),
        addressees=re.compile(
            r"^(?:" + phrase_pattern(layout["closing"]["addressees"], word_boundary=False) + r")\s*:?\s*"
        ),
        attachments=re.compile(
            r"^(?:" + phrase_pattern(layout["closing"]["attachments"], word_boundary=False) + r")\s*:\s*"
        ),
        authority=re.compile(r"^(?:" + "|".join(sorted(auth, key=len, reverse=True)) + r")\s*[A-ZĐÀ-Ỹ]"),
        closing_paragraph=re.compile(
            r"^(?:" + phrase_pattern(layout["closing"]["closing_paragraph"], word_boundary=False) + r")"
        ),
        appendix=re.compile(
            r"^(?:"
            + phrase_pattern(layout["body"]["appendix"], word_boundary=False)
            + r")(?:\s+(?:[ivxl]+|\d+|so\s+\d+)\b|\s*$|\s*:|\s+[a-z])"
        ),
        grounds=re.compile(r"^(?:" + phrase_pattern(layout["body"]["grounds"], word_boundary=False) + r")\b"),
        addressees_after=re.compile(r"(?:" + phrase_pattern(layout["closing"]["addressees_after"]) + r")\s*:\s*$"),
        opener=re.compile(r"^(?:" + phrase_pattern(layout["body"]["openers"], word_boundary=False) + r")(?!\w)"),
        issuer_head=re.compile(
            r"^(?:" + phrase_pattern(layout["issuer"]["heads"], word_boundary=False) + r")(?![a-z])"
        ),
        needs_complement=re.compile(
            r"^(?:" + phrase_pattern(layout["issuer"]["needs_complement"], word_boundary=False) + r")\s*$"
        ),
        type_names=re.compile(types),
        signed=re.compile(
            r"^\(?\[?\s*(?:"
            + phrase_pattern([m.strip("()[] ") for m in layout["closing"]["signed"]], word_boundary=False)
            + r")\s*\]?\)?\s*"
        ),
        authority_head=re.compile(
            r"^(?:" + phrase_pattern(layout["header"]["authority_heads"], word_boundary=False) + r")\b"
        ),
        type_suffix=re.compile(r"^(?:" + phrase_pattern(layout["header"]["type_suffix"]) + r")\s"),
        issues=re.compile(
            r"(?<!\w)(?:" + phrase_pattern(layout["body"]["issues_verbs"], word_boundary=False) + r")\s+"
            r"(?:(?:"
            + phrase_pattern(
                [n for t in vocab.doc_types if t.header for n in t.names] + layout["body"]["issues_objects"],
                word_boundary=False,
            )
            + r")(?!\w)|:|$)"
        ),
        site_label=re.compile(r"^(?:" + phrase_pattern(layout["site"]["labels"], word_boundary=False) + r")\s*:"),
        site_notice=re.compile(phrase_pattern(layout["site"]["notices"], word_boundary=False)),
        site_after=re.compile(r"^(?:" + phrase_pattern(layout["site"]["after"], word_boundary=False) + r")\s*:?\s*$"),
    )
