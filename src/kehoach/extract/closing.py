"""The closing: "Nơi nhận" recipients, the signature block (authority,
position, name), "Gửi kèm" attachments; and the "Kính gửi" addressees of a
công văn, which share the list format.

Recipients and signature usually stand side by side (Nơi nhận left, the
signature right). Where the reader kept the columns (pdftotext -layout
lines, table rows) they are read as two streams; where they were flattened
into one (OCR, copied text), the lines are read in order and a signature
piece glued to a recipient ("- Các đ/c Ủy viên BTV Tỉnh ủy, PHÓ BÍ THƯ") is
cut off by its capitals.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from ..patterns import patterns
from ..read import Line
from ..segment import looks_like_name
from ..text import fold, is_syllable, is_upper, squash
from ..vocab import phrase_pattern, vocabulary
from ..warning import Warning

__all__ = ["Closing", "extract_closing", "list_entries"]

_BULLET_START = re.compile(r"^\s*[-–+•]")  # a list entry's bullet
_ENTRY_END = re.compile(r"[,;.]$")  # the punctuation that ends a list entry
_WORD = re.compile(r"\S+")  # a word
_DIGIT = re.compile(r"\d")  # a digit (no position holds one)
_ENTRY_CLOSED = re.compile(r"[;.]\s*$")  # an entry closed by ";" or "."


@dataclass
class Closing:
    recipients: list[str] = field(default_factory=list)
    recipient_lines: list[int] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signer_name: str | None = None
    position: str | None = None
    authority: str | None = None
    signer_lines: list[int] = field(default_factory=list)
    cosigners: list[Closing] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


@dataclass
class _Piece:
    text: str
    line: int
    right: bool
    gap_before: bool = False
    x: int = 0
    row: int = 1  # how many pieces the source line held


# a list separator inside one flattened line: "- Như Điều 4; - Bộ Lao động ..."
_ENTRY_SPLIT = re.compile(r"(?<=[;,.)])\s+[-–+•]\s+|^\s*[-–+•]\s*")
_LIST_OPENER = re.compile(r"(?:cac|luu|nhu)\b")  # folded: "Các Bộ:", "Lưu:", "Như trên:" are continued on the next line
_SPACE_BEFORE_MARK = re.compile(r"\s+([,;:.])(?=\s|$)")  # "Xã hội , Tài chính"
_NOTE_AFTER = re.compile(r"[;,]\s*\((?=[^()]*\)$)")  # "Bộ X; (báo cáo)": the note goes with its entry
_ENTRY_TRIM = re.compile(r"^[\s\-–+•*]+|[\s,;.`'*]+$")
_STRAY_COLON = re.compile(r"^([^:]*\w)\s*:$")  # "Bộ Y tế:" (a colon left where the list went on), not ":smile:"
# a recipient entry followed by a signature piece in capitals: "..., PHÓ BÍ THƯ"
_CAPS_TAIL = re.compile(r"^(?P<entry>.*?[,;.])\s+(?P<tail>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹa-zđà-ỹ\s.]{3,})$")


def _streams(lines: list[Line]) -> tuple[list[_Piece], bool]:
    """The closing's pieces, with a left/right column where the layout tells it."""
    columns = any(line.cells for line in lines if line.text)
    width = max((line.end for line in lines if line.text), default=0)
    pieces: list[_Piece] = []
    gap = False
    for line in lines:
        if not line.text:
            gap = True
            continue
        if line.cells:
            for i, (start, text) in enumerate(line.cells):
                right = i > 0 or (width > 0 and start >= width * 0.4)
                pieces.append(_Piece(text, line.no, right, gap, start, len(line.cells)))
        elif (
            line.run_cont
            and pieces
            and not gap
            and pieces[-1].row == 1
            and not line.text.startswith(("-", "–", "+", "•"))
        ):
            # a bold or italic run the converter wrapped ("**Ngô" / "Văn Tuấn**"): one printed line
            pieces[-1].text = f"{pieces[-1].text} {line.text}"
        else:
            right = columns and width > 0 and line.indent >= width * 0.4
            pieces.append(_Piece(line.text, line.no, right, gap, line.indent))
        gap = False
    return pieces, columns


def list_entries(pieces: list[tuple[str, int, bool]]) -> tuple[list[str], list[int]]:
    """Dash-list entries from (text, line, gap_before) pieces, wrapped entries joined."""
    entries: list[str] = []
    lines: list[int] = []
    # the mark the list's entries end with: where it is ";", a line that ends with a comma
    # stops inside an entry ("- VPCP: BTCN, các PCN," / "Thư ký của PTTgCP ...;")
    ends = [
        text.rstrip()[-1:] for (text, _, _), (after, _, _) in itertools.pairwise(pieces) if _BULLET_START.match(after)
    ]
    entry_end = _ENTRY_CLOSED if ends.count(";") > max(ends.count(","), 1) else _ENTRY_END
    for text, line, gap in pieces:
        parts = [p for p in _ENTRY_SPLIT.split(text) if p is not None]
        starts_entry = bool(_BULLET_START.match(text))
        for k, part in enumerate(parts):
            part = part.strip()
            if not part:
                continue
            new = k > 0 or starts_entry or not entries
            if not new and entries:
                prev = entries[-1]
                continues = part[0].islower() or part[0] in "(" or not entry_end.search(prev)
                if (
                    continues
                    and prev.rstrip().endswith(":")
                    and part[0].isupper()
                    and not _LIST_OPENER.match(fold(prev.lstrip(" -–+•")))
                ):
                    continues = (
                        False  # "- Bộ Y tế:" / "Bộ Tài chính;": a stray colon, and an entry that lost its bullet
                    )
                if not continues or gap:
                    new = True
            if new:
                entries.append(part)
                lines.append(line)
            else:
                entries[-1] = entries[-1] + " " + part
    cleaned = []
    kept_lines = []
    for entry, line in zip(entries, lines, strict=False):
        entry = _ENTRY_TRIM.sub("", _SPACE_BEFORE_MARK.sub(r"\1", squash(entry)))
        entry = _STRAY_COLON.sub(r"\1", _NOTE_AFTER.sub(" (", entry))
        if entry:
            cleaned.append(entry)
            kept_lines.append(line)
    return cleaned, kept_lines


def _looks_like_position(text: str) -> bool:
    """Capitals that read as a signer's position ("PHÓ BÍ THƯ"), not an abbreviation ("KGVX")."""
    words = text.split()
    if len(words) < 2 or not is_upper(text):
        return False
    return sum(1 for w in words if is_syllable(w)) * 2 >= len(words)


def _is_authority(text: str) -> bool:
    return bool(patterns().authority.match(text)) and is_upper(text)


def _split_caps_name(text: str) -> tuple[str | None, str | None]:
    """ "CHỦ TỊCH Đặng Văn Minh" → ("CHỦ TỊCH", "Đặng Văn Minh")."""
    words = text.split()
    for i in range(max(1, len(words) - 6), len(words) - 1):  # a name is two to six words: only the last ones
        head = " ".join(words[:i])
        tail = " ".join(words[i:])
        if is_upper(head) and looks_like_name(tail, require_surname=False):
            return head, tail
    return None, None


def _strip_title(name: str) -> str:
    for title in sorted(vocabulary().person_titles, key=len, reverse=True):
        if name.startswith(title + " "):
            return name[len(title) + 1 :].strip()
    return name


# an authority mark, in every printed form: "T/M", "T/M.", "TM.", "T.M.", "K/T", "KT.", "KT.CHỦ TỊCH"
# (no space after the dot), "TL.", "TUQ.", "Q." and the words written out
_MARK = re.compile(
    r"(?:(?:T/M|K/T|T/L|T\.M|K\.T|T\.L|TM|KT|TL|TUQ)(?:\.\s*|\s+)|Q\.\s*"
    r"|(?:THAY MẶT|KÝ THAY|THỪA LỆNH|THỪA ỦY QUYỀN|THỪA UỶ QUYỀN)\s+)"
)
_COLLECTIVE_MARKS = ("T/M", "TM", "T.M", "THAY MẶT")


@functools.cache
def _positions() -> re.Pattern:
    return re.compile(phrase_pattern(vocabulary().positions, word_boundary=False) + r"(?![a-z])")


def _position_at(text: str, pos: int) -> int:
    """End of the position title ("PHÓ CHỦ TỊCH") starting at ``pos``, or ``pos``."""
    m = _positions().match(fold(text[pos : pos + 60]))
    return pos + m.end() if m else pos


def split_signature(text: str) -> tuple[list[str], str | None, str | None]:
    """ "KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Văn A" → (["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Nguyễn Văn A")."""
    authorities: list[str] = []
    pos = 0
    while True:
        m = _MARK.match(text, pos)
        if not m:
            break
        start, pos = pos, m.end()
        collective = m.group(0).strip().rstrip(".") in _COLLECTIVE_MARKS
        end = pos if collective else _position_at(text, pos)
        while end > pos and text[end : end + 2] == ", " and _position_at(text, end + 2) > end + 2:
            end = _position_at(text, end + 2)  # "KT. BỘ TRƯỞNG, CHỦ NHIỆM": one authority of two posts
        if end == pos:
            # "TM. ỦY BAN NHÂN DÂN": the body runs on to the next mark or position title
            for word in _WORD.finditer(text[pos:]):
                at = pos + word.start()
                if at > pos and (_MARK.match(text, at) or _position_at(text, at) > at or not word.group(0).isupper()):
                    break
                end = pos + word.end()
        authorities.append(text[start:end].strip())
        pos = end
        while pos < len(text) and text[pos] == " ":
            pos += 1
    end = _position_at(text, pos)
    position = text[pos:end].strip() or None
    rest = text[end:].strip() or None
    if rest and is_upper(rest) and not _DIGIT.search(rest):
        position, rest = (f"{position} {rest}" if position else rest), None
    return authorities, position, rest


def _signature(pieces: list[_Piece], c: Closing) -> None:
    """Read the signature pieces; a joint document signed side by side gives cosigners."""
    per_line: dict[int, int] = {}
    for piece in pieces:
        per_line[piece.line] = per_line.get(piece.line, 0) + 1
    # two signature pieces on one line: two signers side by side
    paired = [p for p in pieces if per_line[p.line] >= 2 and (_MARK.match(p.text) or is_upper(p.text))]
    starts = _column_starts(sorted({p.x for p in paired}))
    if len(starts) >= 2:
        columns: dict[int, list[_Piece]] = {x: [] for x in starts}
        for piece in pieces:
            nearest = min(starts, key=lambda x: abs(x - piece.x))
            columns[nearest].append(piece)
        blocks = [columns[x] for x in starts if columns[x]]
        _signature_block(blocks[0], c)
        for block in blocks[1:]:
            other = Closing()
            _signature_block(block, other)
            if other.signer_name or other.position:
                c.cosigners.append(other)
        return
    _signature_block(pieces, c)


_SAME_COLUMN = 16  # characters: two pieces that start this close stand in one column (centred lines wander)


def _column_starts(xs: list[int]) -> list[int]:
    """The start of each column of side-by-side signature blocks: x positions closer than
    _SAME_COLUMN are one column (its first)."""
    starts: list[int] = []
    for x in xs:
        if not starts or x - starts[-1] >= _SAME_COLUMN:
            starts.append(x)
    return starts


_POST_WORDS = 12  # more words than the longest post has ("PHÓ CHỦ TỊCH THƯỜNG TRỰC ỦY BAN NHÂN DÂN")


def _unglue(text: str) -> str:
    """A post glued to the line above it by a converter that lost the line break ("TM. ỦY BAN
    THƯỜNG VỤ QUỐC HỘICHỦ TỊCH"): a word in capitals that is no syllable, cut where a post starts."""
    if not is_upper(text):
        return text
    words = text.split(" ")
    for k, word in enumerate(words):
        if len(word) < 4 or is_syllable(word):
            continue
        for cut in range(2, len(word) - 1):
            # (a post is a few words: the words after the cut are looked at up to _POST_WORDS)
            after = " ".join([word[cut:], *words[k + 1 : k + _POST_WORDS]])
            if is_syllable(word[:cut]) and _position_at(after, 0) > 0:
                return " ".join([*words[:k], word[:cut], word[cut:], *words[k + 1 :]])
    return text


def _signature_block(pieces: list[_Piece], c: Closing) -> None:
    pat = patterns()
    authority: list[str] = []
    positions: list[str] = []
    for piece in pieces:
        text = _unglue(squash(piece.text))
        folded = fold(text)
        signed = pat.signed.match(folded)
        if signed and len(text) < 30:
            rest = text[signed.end() :].strip()
            if not rest:
                continue
            text = rest
        if _MARK.match(text) and c.signer_name is None:
            auths, position, named = split_signature(text)
            rest = named or ""
            authority.extend(auths)
            if position:
                positions.append(position)
            c.signer_lines.append(piece.line)
            if rest and looks_like_name(_strip_title(rest), require_surname=False):
                c.signer_name = _strip_title(rest)
            continue
        if (
            authority
            and not positions
            and c.signer_name is None
            and is_upper(text)
            and _position_at(text, 0) == 0
            and pat.issuer_head.match(folded)
        ):
            # "KT. BỘ TRƯỞNG" / "BỘ CÔNG AN": the body whose head signs, part of the authority
            authority[-1] = f"{authority[-1]} {text}"
            c.signer_lines.append(piece.line)
            continue
        if c.signer_name is None and is_upper(text) and len(text) <= 80 and not _DIGIT.search(text):
            bare = _strip_title(text.strip(" ."))
            if (
                positions
                and _position_at(bare, 0) == 0
                and looks_like_name(" ".join(w.capitalize() for w in bare.split()))
            ):
                # the name printed in capitals under the position ("NGUYỄN VĂN AN")
                c.signer_name = bare
            else:
                positions.append(text)
            c.signer_lines.append(piece.line)
            continue
        if c.signer_name is None and _position_at(text, 0) >= len(text.rstrip(" .")):
            positions.append(text)  # a post in mixed case ("Phó Chủ tịch"), as some web copies print it
            c.signer_lines.append(piece.line)
            continue
        position, name = _split_caps_name(text)
        if name and c.signer_name is None:
            if position and position.strip() in vocabulary().person_titles:
                position = ""  # "TS. Trần Thị Bình": a title before the name, not a post
            if position:
                positions.append(position)
            c.signer_name = _strip_title(name)
            c.signer_lines.append(piece.line)
            continue
        candidate = _strip_title(text.strip(" ."))
        if c.signer_name is None and looks_like_name(candidate, require_surname=False):
            c.signer_name = candidate
            c.signer_lines.append(piece.line)
    c.authority = " ".join(authority) or None
    c.position = " ".join(positions) or None


def _wraps_entry(previous: str, text: str) -> bool:
    """A line in capitals that carries on an unfinished recipient ("- VPUB: ..., Trung tâm" /
    "TTĐL&CNS Thành phố;"), not the signature that follows the list."""
    if _ENTRY_CLOSED.search(previous):
        return False
    return not (
        _is_authority(text) or _looks_like_position(text) or looks_like_name(text.strip(" ."), require_surname=False)
    )


def extract_closing(lines: list[Line], addressee_lines: list[Line] | None = None) -> Closing:
    pat = patterns()
    c = Closing()
    pieces, columns = _streams(lines)
    recipients: list[tuple[str, int, bool]] = []
    signature: list[_Piece] = []
    mode = None  # "recipients" | "attachments" | None
    # a Nơi nhận cell that lost its label: the dash list left of the signature
    unlabelled = columns and not any(pat.recipients.match(fold(p.text)) for p in pieces)
    for piece in pieces:
        text = piece.text
        folded = fold(text)
        if columns and piece.right:
            signature.append(piece)
            continue
        if unlabelled and mode is None and not recipients and _BULLET_START.match(text):
            mode = "recipients"
        m = pat.recipients.match(folded)
        if m:
            mode = "recipients"
            rest = text[m.end() :].strip()
            if rest.startswith(":"):
                rest = rest[1:].strip()
            if rest and _is_authority(rest):
                signature.append(_Piece(rest, piece.line, True))
            elif rest:
                recipients.append((rest, piece.line, False))
            c.recipient_lines.append(piece.line)
            continue
        m = pat.attachments.match(folded)
        if m:
            mode = "attachments"
            rest = text[m.end() :].strip()
            if rest:
                c.attachments.append(rest.strip(" .;"))
            continue
        if mode == "recipients":
            is_entry = bool(_BULLET_START.match(text))
            continues = (
                recipients
                and not piece.gap_before
                and not pat.signed.match(folded)  # "(Đã ký)" opens the signature
                and (text[:1].islower() or text[:1] == "(" or _wraps_entry(recipients[-1][0], text))
            )
            first = (
                not recipients and not piece.gap_before and not _is_authority(text) and not _looks_like_position(text)
            )
            if is_entry or continues or first:  # (the first entry under "Nơi nhận:" may lack its dash)
                tail = _CAPS_TAIL.match(text) if is_entry else None
                if tail and not columns and _looks_like_position(tail.group("tail")):
                    recipients.append((tail.group("entry"), piece.line, piece.gap_before))
                    signature.append(_Piece(tail.group("tail"), piece.line, True))
                else:
                    recipients.append((text, piece.line, piece.gap_before))
                continue
            mode = None
        if mode == "attachments" and not piece.gap_before and not _is_authority(text):
            c.attachments[-1:] = [squash((c.attachments[-1] if c.attachments else "") + " " + text)]
            continue
        mode = None
        signature.append(piece)
    c.recipients, entry_lines = list_entries(recipients)
    c.recipient_lines = sorted(set(c.recipient_lines + entry_lines))
    _signature(signature, c)
    return c


def extract_addressees(lines: list[Line]) -> list[str]:
    """ "Kính gửi: - A, - B" → ["A", "B"]."""
    pat = patterns()
    pieces = []
    for k, line in enumerate(lines):
        text = line.text
        if k == 0:
            m = pat.addressees.match(fold(text))
            text = text[m.end() :] if m else text
        if text.strip():
            pieces.append((text, line.no, False))
    entries, _ = list_entries(pieces)
    return entries
