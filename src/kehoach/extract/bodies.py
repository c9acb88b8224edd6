"""Names of bodies (cơ quan, đơn vị) in running text.

A body name is a head from ``data/bodies.toml`` ("Ban Tuyên giáo", "Sở",
"Ủy ban nhân dân", "các cơ quan" ...) and its complement, which runs on
until a verb in lower case, an adjunct ("theo", "tại" ...), a clause break
or the start of the next body. Lists of bodies ("A, B; các C và D") are read
into one name each; a comma followed by a lower-case noun continues the same
name ("Cấp ủy các chi bộ, đảng bộ cơ sở"); a head followed by a colon
distributes over the list after it ("Các Bộ: Công Thương, Xây dựng" → "Bộ
Công Thương", "Bộ Xây dựng").

Heads are matched on the tone-folded text (:func:`~kehoach.text.tfold`:
"uỷ" = "ủy", OCR's "úy" too), verbs and adjuncts on the exact lower-case
text (:func:`~kehoach.text.lower`), where tones tell "từ" (from) from "tư"
(in "Đầu tư") and "có" from "cơ". The printed span is returned.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import VocabularyError
from ..text import fold, lower, tfold
from ..vocab import BodyHead, load_data, phrase_pattern, vocabulary

__all__ = [
    "BodyName",
    "View",
    "body_regexes",
    "function_of",
    "is_plural",
    "is_verb",
    "read_body",
    "read_body_list",
    "without_levels",
    "without_post",
]

_NAME_JOINER = re.compile(r"\s*(?:,|và)\s*")  # a comma or "và" between two names of one list
_PLURAL_BEFORE = re.compile(r"(?:^|\s)(?:cac|nhưng)\s+$")  # "các"/"những" (folded) right before a level word
_PLURAL_LEAD = re.compile(r"^(?:[Cc]ác|[Nn]hững)\s+")  # "các", "những" before a body name
_PLURAL_INSIDE = re.compile(r"\s(?:các|những)\s+(\w+)")  # "các X" inside a name
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w.-]*)")  # the next word of a name


class View:
    """One text in the three forms matching needs (all the same length)."""

    __slots__ = ("lc", "text", "tf")

    def __init__(self, text: str):
        self.text = text
        self.tf = tfold(text)
        self.lc = lower(text)


@dataclass(slots=True)
class BodyName:
    start: int
    end: int
    text: str
    head: BodyHead

    @property
    def function(self) -> str:
        return function_of(self.text, self.head)


@dataclass(frozen=True)
class _Regexes:
    head: re.Pattern  # on tfold: heads of two words and more ("Ban Tuyên giáo", "Ủy ban nhân dân")
    head_word: re.Pattern  # on lower: one-word heads ("Bộ", "Sở"), where tones tell "Bộ" from "bổ"
    determiner: re.Pattern  # on tfold
    verb: re.Pattern  # on lower: one-word verbs, where tones tell words apart
    verb_phrase: re.Pattern  # on tfold: verbs of two words and more, distinctive without tones
    noun_after_to_chuc: re.Pattern  # on lower
    adjunct: re.Pattern  # on lower
    modifier: re.Pattern  # on lower: verb-looking words that belong to the name
    not_body: re.Pattern  # on tfold: a head that starts no name ("Ban hành", "Báo cáo")
    honorific: re.Pattern  # on lower: "quý " before the addressee's head
    anaphor: re.Pattern  # on lower: "nêu trên", "có tên tại" after a name
    word: re.Pattern


@functools.cache
def reader_vocabulary() -> dict[str, list[str]]:
    """The ``[reader]`` table of ``bodies.toml``, checked."""
    table = load_data("bodies.toml").get("reader")
    keys = ("determiners", "adjuncts", "before_number", "modifiers", "not_bodies", "honorifics", "anaphors")
    if not isinstance(table, dict):
        raise VocabularyError("bodies.toml: [reader] missing")
    out = {}
    for key in keys:
        value = table.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(x, str) and x.strip() for x in value):
            raise VocabularyError(f"bodies.toml [reader]: '{key}' must be a list of non-empty strings")
        out[key] = value
    return out


@functools.cache
def body_regexes() -> _Regexes:
    vocab = vocabulary()
    reader = reader_vocabulary()
    heads = [h.words for h in vocab.heads]
    adjuncts = phrase_pattern(reader["adjuncts"], word_boundary=False, folder=lower)
    before_number = phrase_pattern(reader["before_number"], word_boundary=False, folder=lower)
    return _Regexes(
        head=re.compile(phrase_pattern([h for h in heads if " " in h.strip()], folder=tfold)),
        head_word=re.compile(phrase_pattern([h for h in heads if " " not in h.strip()], folder=lower)),
        determiner=re.compile(phrase_pattern(reader["determiners"], word_boundary=False, folder=tfold) + r"\s+"),
        verb=re.compile(phrase_pattern(vocab.predicate_verbs, folder=lower)),
        verb_phrase=re.compile(phrase_pattern([v for v in vocab.predicate_verbs if " " in v], folder=tfold)),
        noun_after_to_chuc=re.compile(
            r"tổ\s+chức(?:\s*,|\s+(?:"
            + phrase_pattern(vocab.noun_after_to_chuc, word_boundary=False, folder=lower)
            + r")(?!\w))"
        ),
        # an adjunct ends a name; "số", "năm", "ngày" only before a number
        adjunct=re.compile(r"(?:" + adjuncts + r")(?!\w)|(?:" + before_number + r")\s+(?:\d|[…._]{2})"),
        modifier=re.compile(
            r"(?:" + phrase_pattern(reader["modifiers"], word_boundary=False, folder=lower) + r")(?!\w)"
        ),
        not_body=re.compile(
            r"(?:" + phrase_pattern(reader["not_bodies"], word_boundary=False, folder=tfold) + r")(?!\w)"
        ),
        honorific=re.compile(
            r"(?:" + phrase_pattern(reader["honorifics"], word_boundary=False, folder=lower) + r")\s+"
        ),
        anaphor=re.compile(
            r"\s*(?:" + phrase_pattern(reader["anaphors"], word_boundary=False, folder=lower) + r")(?!\w)"
        ),
        word=re.compile(r"[^\s,;]+"),  # a comma ends a word even when no space follows ("Biên,chính")
    )


def _head_at(v: View, pos: int) -> tuple[BodyHead, int] | None:
    rx = body_regexes()
    m = rx.head.match(v.tf, pos)
    w = rx.head_word.match(v.lc, pos)
    if w and (not m or w.end() > m.end()):
        # a one-word head by its exact spelling first: "Trưởng" is not "Trường"
        head = _heads_by_lower().get(w.group(0)) or _head_by_key(tfold(w.group(0)))
    elif m:
        head = _head_by_key(" ".join(m.group(0).split()))
    else:
        return _bare_head_at(v, pos)
    end = max(m.end() if m else 0, w.end() if w else 0)
    other = rx.not_body.match(v.tf, pos)
    if other and other.end() >= end:
        return None  # "Ban hành", "Báo cáo", "Hội nghị": a head's word in another word ("Báo cáo viên" is a head)
    return (head, end) if head else None


@functools.cache
def _heads_by_lower() -> dict[str, BodyHead]:
    out: dict[str, BodyHead] = {}
    for h in vocabulary().heads:
        if " " not in h.words.strip():
            out.setdefault(lower(h.words), h)
    return out


def _head_by_key(key: str) -> BodyHead | None:
    vocab = vocabulary()
    head = vocab.head_by_folded.get(key)
    if head is None:
        for h in vocab.heads:
            if " ".join(h.folded.split()) == key:
                return h
    return head


@functools.cache
def _heads_without_marks() -> dict[str, BodyHead]:
    """One-word heads by their letters alone ("vu" for "Vụ"), for a name printed without its marks."""
    from ..text import fold

    out: dict[str, BodyHead] = {}
    for h in vocabulary().heads:
        if " " not in h.words.strip() and h.kind == "organ":
            out.setdefault(fold(h.words), h)
    return out


_PLAIN_WORD = re.compile(r"[A-Z][a-z]*(?=\s+\w)")


def _bare_head_at(v: View, pos: int) -> tuple[BodyHead, int] | None:
    """A one-word head printed without its marks ("Vu Kế hoạch - Tài chính"): a capitalised
    word of plain letters (no Vietnamese word of a name is spelt so) before a capitalised word."""
    m = _PLAIN_WORD.match(v.text, pos)
    if not m or not v.text[_skip_spaces(v.text, m.end())].isupper():
        return None
    head = _heads_without_marks().get(m.group(0).lower())
    return (head, m.end()) if head else None


def _is_capital(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos].isupper()


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def read_body(v: View, pos: int, *, allow_lower: bool = False, in_list: bool = False) -> BodyName | None:
    """The body name starting at ``pos`` (after spaces), or None.

    ``in_list``: the name is an item of a list already begun ("...; cơ quan chuyên
    môn, ..."), where a class of bodies needs no "các".
    """
    rx = body_regexes()
    pos = _skip_spaces(v.text, pos)
    start = pos
    det = rx.determiner.match(v.tf, pos)
    after_det = det.end() if det else pos
    found = _head_at(v, after_det)
    if not found:
        return None
    head, end = found
    if not det and not allow_lower and not in_list and not _is_capital(v.text, pos):
        return None
    if head.kind == "collective" and not det and not (in_list and not is_verb(v, pos)):
        # "Các cơ quan ..." is a body, "Tổ chức làm việc ..." and "Ngành nghề ..." are not
        return None
    end = _complement(v, end)
    if head.kind in ("person", "collective"):
        end = _named_in(v, end)
    span = _TRAILING_CONJUNCTION.sub("", v.text[start:end].rstrip(" ,;:.-–"))  # "Bộ Khoa học và" (a word lost)
    if not span:
        return None
    return BodyName(start, start + len(span), span, head)


_TRAILING_CONJUNCTION = re.compile(r"\s+(?:và|hoặc)$")
_NAMED_IN = re.compile(
    r"\s+có\s+tên\s+(?:tại|ở|trong|trên)\s+(?:(?:Điều|điều|mục|Mục|khoản|Khoản|điểm|phần|Phần|Phụ lục|phụ lục|danh "
    r"sách)\s+[\w.]+|Quyết định này|danh sách (?:kèm theo|trên))"
)


def _named_in(v: View, end: int) -> int:
    """ "các ông (bà) có tên tại Điều 1": the persons so named, as printed; end of the name."""
    m = _NAMED_IN.match(v.text, end)
    return m.end() if m else end


def _complement(v: View, pos: int) -> int:
    """Extend a body name over its complement; return the end offset."""
    rx = body_regexes()
    text = v.text
    end = pos
    words = 0
    while pos < len(text) and words < 12:
        j = _skip_spaces(text, pos)
        if j >= len(text):
            break
        ch = text[j]
        if ch in ',;:.()[]"“”!?/':
            break
        if ch in "-–" and j + 1 < len(text) and text[j + 1] == " " and not _dash_inside_name(text, j):
            break
        m = rx.word.match(text, j)
        if m is None:  # a paragraph break: a section's text joins its paragraphs with "\n", and a name ends there
            break
        word = m.group(0)
        if word[0].islower():
            passive = _modifier_verbs(v, j + len("được")) if v.lc.startswith("được ", j) else None
            if passive is not None:
                # "Các tổ chức đảng được kiểm tra, giám sát chuẩn bị ...": a passive modifier
                end = pos = passive
                words += 1
                continue
            mod = rx.modifier.match(v.lc, j)
            adj = rx.adjunct.match(v.lc, j) if mod else None
            if mod and not (adj and adj.end() > mod.end()):  # "thuộc" goes on, "thuộc phạm vi" ends it
                end = j + len(mod.group(0))
                pos = end
                words += 1
                if v.lc.startswith(("có liên quan", "liên quan"), j):
                    break
                continue
            if v.lc.startswith("và", j) and (j + 2 >= len(text) or not text[j + 2].isalpha()):
                if _next_starts_body(v, j + 2):
                    break
            elif rx.adjunct.match(v.lc, j) or is_verb(v, j):
                break
        stripped = word.rstrip(",;:.)")
        if "(" in stripped:
            end = max(end, j + stripped.index("("))
            break
        end = j + len(stripped)
        words += 1
        pos = m.end()
        if len(stripped) < len(word):
            break
    return end


def _verb_end(v: View, pos: int) -> int | None:
    """End of the predicate verb at ``pos``, or None."""
    if not is_verb(v, pos):
        return None
    rx = body_regexes()
    ends = [m.end() for m in (rx.verb.match(v.lc, pos), rx.verb_phrase.match(v.tf, pos)) if m]
    return max(ends)


def _modifier_verbs(v: View, pos: int) -> int | None:
    """A run of verbs used as a noun modifier ("kiểm tra, giám sát" in "Các đoàn kiểm tra,
    giám sát xây dựng ..."): it is one when another verb follows it. Its end, or None."""
    pos = _skip_spaces(v.text, pos)
    end = _verb_end(v, pos)
    if end is None:
        return None
    while True:
        m = _NAME_JOINER.match(v.text[end : end + 6])
        if not m:
            break
        nxt = _verb_end(v, end + m.end())
        if nxt is None:
            break
        end = nxt
    after = _skip_spaces(v.text, end)
    return end if after < len(v.text) and _verb_end(v, after) is not None else None


def is_verb(v: View, pos: int) -> bool:
    """Does a predicate verb start at ``pos``? ("tổ chức" before a noun is not one.)"""
    rx = body_regexes()
    if not (rx.verb.match(v.lc, pos) or rx.verb_phrase.match(v.tf, pos)):
        return False
    return not rx.noun_after_to_chuc.match(v.lc, pos)


def _dash_inside_name(text: str, j: int) -> bool:
    """' - ' inside a name ("Lao động - Thương binh và Xã hội", "chính trị - xã hội")."""
    after = text[j + 1 :].lstrip()
    return bool(after) and (after[0].isupper() or after.startswith(("xã hội", "nghề nghiệp")))


def _next_starts_body(v: View, pos: int) -> bool:
    """After "và": does a new body start (an organ head in capitals, or "các" + head)?"""
    pos = _skip_spaces(v.text, pos)
    det = body_regexes().determiner.match(v.tf, pos)
    found = _head_at(v, det.end() if det else pos)
    if not found:
        return False
    head, _ = found
    if det:
        return True
    if head.kind == "person" and not v.text[pos].isupper():
        return True  # "Đoàn đại biểu Quốc hội và đại biểu ...", "Giám đốc Sở X và thủ trưởng các cơ quan"
    return _is_capital(v.text, pos) and head.kind in ("organ", "person", "grassroots")


def read_body_list(
    v: View, pos: int, *, allow_lower: bool = False, in_list: bool = False
) -> tuple[list[BodyName], int]:
    """A list of bodies from ``pos``: "A, B; các C và D". Returns the names and the end offset.

    ``in_list``: the list's place says it names bodies (after "phối hợp với"), so a
    class needs no "các" ("chính quyền địa phương")."""
    text = v.text
    names: list[BodyName] = []
    first = read_body(v, pos, allow_lower=allow_lower, in_list=in_list)
    if first is None:
        return [], pos
    names.append(first)
    end = first.end
    while True:
        j = _skip_spaces(text, end)
        if j >= len(text):
            break
        sep = text[j]
        if sep == ":" and _bare_head(names[-1]):
            k = _skip_spaces(text, j + 1)
            member = read_body(v, k)
            if member is not None:
                # "Đã kiểm tra các đơn vị: Công ty A; Công ty B": the class, then its members
                names[-1] = member
                end = member.end
                continue
            distributed, k = _distribute(v, j + 1, names.pop())
            names.extend(distributed)
            end = k
            continue
        if sep in ",;":
            nxt = read_body(v, j + 1, in_list=sep == ";")
            if nxt is None:
                k = _skip_spaces(text, j + 1)
                # "Sở Văn hóa, Thể thao và Du lịch", "Viện Chiến lược, Chính sách công thương":
                # capitals after a comma that start no body go on with the name
                if sep == "," and _is_capital(text, k) and not is_verb(v, k) and _head_at(v, k) is None:
                    cont = _complement(v, k)
                    if _ACRONYM.fullmatch(text[k:cont]) and _ACRONYM.search(names[-1].text.split()[-1]):
                        # "Tập đoàn FPT, CMC": another one of the same kind, by its acronym
                        names.append(BodyName(k, cont, text[k:cont], names[-1].head))
                        end = cont
                        continue
                    if cont > k and not is_plural(names[-1]):
                        last = names[-1]
                        names[-1] = BodyName(last.start, cont, text[last.start : cont], last.head)
                        end = cont
                        continue
                # "Cục Bảo tồn thiên nhiên, cơ quan chuyên môn thuộc Bộ ...": a class after a
                # named body describes it (an apposition), it is no further body
                found = _head_at(v, k) if sep == "," and k < len(text) and text[k].islower() else None
                if (
                    found
                    and found[0].kind == "collective"
                    and " " in found[0].words
                    and names[-1].head.kind == "organ"
                    and not is_plural(names[-1])
                ):
                    end = _complement(v, found[1])
                    continue
                # "các Tổ đại biểu ...": a determiner and a capital start another body
                det = body_regexes().determiner.match(v.tf, k)
                if det and _is_capital(text, det.end()):
                    end_name = _complement(v, det.end())
                    span = text[k:end_name].rstrip(" ,;:.")
                    if span:
                        names.append(BodyName(k, k + len(span), span, names[-1].head))
                        end = k + len(span)
                        continue
                # "cơ quan chuyên môn, đơn vị sự nghiệp ...": in a list, a class after a class is another
                if (
                    found
                    and found[0].kind == "collective"
                    and names[-1].head.kind == "collective"
                    and not is_plural(names[-1])
                ):
                    nxt = read_body(v, k, in_list=True)
                    if nxt is not None:
                        names.append(nxt)
                        end = nxt.end
                        continue
                # "các Sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc ...": a run closed by its
                # level ("cấp tỉnh" qualifies all before it) is whole; a class named after it is another
                closed = (
                    found is not None
                    and found[0].kind == "collective"
                    and _LEVEL_CLOSED.search(fold(names[-1].text)) is not None
                    and not fold(text[k : k + 4]).startswith("cap ")  # "..., cấp xã": another level of it
                )
                # "Thủ trưởng các đơn vị ..., cán bộ, công chức của ...": a post or member is another
                if found and found[0].kind == "person":
                    nxt = read_body(v, k, allow_lower=True)
                    if nxt is not None:
                        names.append(nxt)
                        end = nxt.end
                        continue
                # a lower-case noun continues the same name: "các chi bộ, đảng bộ cơ sở"
                lower_end = _lower_continuation(v, j + 1) if sep == "," else None
                if lower_end is not None and closed and found is not None:
                    names.append(BodyName(k, lower_end, text[k:lower_end], found[0]))
                    end = lower_end
                    continue
                if lower_end is not None:
                    last = names[-1]
                    names[-1] = BodyName(last.start, lower_end, text[last.start : lower_end], last.head)
                    end = lower_end
                    continue
                break
            names.append(nxt)
            end = nxt.end
            continue
        conj = next((c for c in ("và ", "hoặc ") if v.lc.startswith(c, j)), None)
        if conj and _next_starts_body(v, j + len(conj)):
            nxt = read_body(v, j + len(conj), allow_lower=True)
            if nxt is None:
                break
            names.append(nxt)
            end = nxt.end
            continue
        break
    return names, end


def without_post(name: str) -> str:
    """The body a post stands for: "Giám đốc Sở Tài chính" → "Sở Tài chính"; others unchanged."""
    v = View(name)
    pos = _skip_spaces(name, 0)
    det = body_regexes().determiner.match(v.tf, pos)
    found = _head_at(v, det.end() if det else pos)
    if not found or found[0].kind != "person":
        return name
    inner = read_body(v, found[1], allow_lower=True)
    return name[inner.start :] if inner else name


def is_plural(name: BodyName) -> bool:
    """A name of a class, not one body: "các Sở", "Thủ trưởng các cơ quan"."""
    folded = tfold(name.text)
    return bool(body_regexes().determiner.match(folded)) or " cac " in f" {folded} "


_ACRONYM = re.compile(r"[A-ZĐ][A-ZĐ0-9&]+")


_BARE_HEAD_WORDS = 16  # more words than a bare head with its levels has ("Ủy ban nhân dân các xã, phường, thị trấn")


def _bare_head(name: BodyName) -> bool:
    """A name that ends in a bare head or a plural level before a colon: "Các Bộ", "Giám đốc
    Sở", "Ủy ban nhân dân các thành phố"."""
    words = name.text.split()
    if not words or len(words) > _BARE_HEAD_WORDS:
        return False
    folded = tfold(name.text)
    level = next(reversed(list(_level_words().finditer(folded))), None)
    if level and level.end() == len(folded.rstrip()) and _PLURAL_BEFORE.search(folded[: level.start()]):
        return True
    bare = View(body_regexes().determiner.sub("", tfold(name.text), count=1) if is_plural(name) else name.text)
    if _head_at(bare, 0) and len(bare.text.split()) == len(name.head.words.split()):
        return True  # "các đơn vị"
    found = _head_at(View(words[-1]), 0)
    return found is not None and found[1] == len(words[-1])


def _distribute(v: View, pos: int, lead: BodyName) -> tuple[list[BodyName], int]:
    """ "Các Bộ: Công Thương, Xây dựng" → "Bộ Công Thương", "Bộ Xây dựng"."""
    text = v.text
    # "Các Bộ" → "Bộ", "Giám đốc các sở" → "Giám đốc Sở"
    prefix = _PLURAL_LEAD.sub("", lead.text).strip()
    prefix = _PLURAL_INSIDE.sub(lambda m: " " + _as_name(m.group(1)), prefix)
    stop = len(text)
    for ch in ";.:":
        k = text.find(ch, pos)
        if k != -1:
            stop = min(stop, k)
    out: list[BodyName] = []
    offset = pos
    end = pos
    for piece in text[pos:stop].split(","):
        start = offset + (len(piece) - len(piece.lstrip()))
        offset += len(piece) + 1
        item = piece.strip()
        if not item:
            continue
        cut = len(item)
        # the list may end in a predicate ("... Xây dựng chủ trì ...")
        sub = View(item)
        for m in body_regexes().verb.finditer(sub.lc):
            if m.start() > 0 and item[m.start()].islower():
                cut = m.start()
                break
        kept = item[:cut].strip()
        if kept:
            out.append(BodyName(start, start + len(kept), f"{prefix} {kept}", lead.head))
            end = start + len(kept)
        if cut < len(item):
            break
    else:
        end = stop
    return (out or [lead]), end


def _as_name(word: str) -> str:
    """A head word as a name prints it: "sở" → "Sở" (a level word stays: "thành phố")."""
    found = _head_at(View(word), 0)
    return word[:1].upper() + word[1:] if found and found[0].kind != "collective" else word


# a name that ends with its level ("... đoàn thể cấp tỉnh", "cấp huyện", "cấp cơ sở"), on the folded text
_LEVEL_CLOSED = re.compile(r"\bcap (?:tinh|huyen|xa|thanh pho|quan|phuong|co so|trung uong|bo|nganh)$")


def _lower_continuation(v: View, pos: int) -> int | None:
    """A lower-case noun phrase that continues a name after a comma; its end, or None."""
    rx = body_regexes()
    pos = _skip_spaces(v.text, pos)
    if pos >= len(v.text) or not v.text[pos].islower():
        return None
    if is_verb(v, pos):
        # "Các đoàn kiểm tra, giám sát xây dựng ...": verbs coordinated with a name that ends
        # in one are part of it; after a noun ("chính quyền, lãnh đạo, chỉ đạo ...") they predicate
        words = v.text[:pos].rstrip(" ,;").split()
        for k in (1, 2, 3):
            tail = " ".join(words[-k:])
            if len(words) > k and _verb_end(View(tail), 0) == len(tail):
                return _modifier_verbs(v, pos)
        return None
    if rx.adjunct.match(v.lc, pos):
        return None
    end = _complement(v, pos)
    if _head_at(v, pos) is None and not _level_words().match(v.tf, pos):
        # a piece that names no body nor level goes on with the name only as its last piece
        # ("khu, cụm công nghiệp"), not in a run of them ("Các xã, phường lân cận, vùng ven sông, ...")
        if v.text[_skip_spaces(v.text, end) : _skip_spaces(v.text, end) + 1] == ",":
            return None
    return end if end > pos else None


@functools.cache
def _level_words() -> re.Pattern[str]:
    """Level and place words of ``bodies.toml`` on the tone-folded text, longest first."""
    words = sorted({tfold(w) for w in vocabulary().level_words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def without_levels(text: str) -> str:
    """``text`` without its level words and the place names after them:
    "Tài chính tỉnh Lào Cai" → "Tài chính"; "chính trị - xã hội tỉnh" →
    "chính trị - xã hội" (a level word counts only at the end, before a proper
    name or before another level word)."""
    pattern = _level_words()
    folded = tfold(text)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(folded):
        if m.start() < pos:
            continue
        after = text[m.end() :].lstrip(" ,")
        if after and not after[0].isupper() and not pattern.match(tfold(after)):
            continue
        out.append(text[pos : m.start()])
        pos = m.end()
        while True:  # the place name after it: "tỉnh Lào Cai", "huyện Bát Xát"
            rest = text[pos:]
            word = _NEXT_WORD.match(rest)
            if not word or not word.group(1)[0].isupper() or pattern.match(tfold(word.group(1))):
                break
            pos += word.end()
    out.append(text[pos:])
    return " ".join("".join(out).split()).strip(" ,;:-")


@functools.lru_cache(maxsize=8192)
def function_of(name: str, head: BodyHead | None = None) -> str:
    """What a body does, the same at every level ("Ban Tuyên giáo Tỉnh ủy" → "propaganda";
    "Sở Tài chính" → "sở: tài chính"). Cached: the same names come back in every document."""
    printed = _PLURAL_LEAD.sub("", " ".join(name.split()))
    if head is None:
        found = _head_at(View(printed), 0)
        head = found[0] if found else None
    if head is None:
        return lower(printed)
    if head.function not in ("by-name", "collective"):
        return head.function
    head_len = len(head.words)
    rest = printed[head_len:] if tfold(printed[:head_len]) == head.folded else printed
    rest = lower(without_levels(rest))
    head_name = lower(head.words)
    return f"{head_name}: {rest}" if rest else head_name
