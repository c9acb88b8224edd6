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

from ..text import lower, tfold
from ..vocab import BodyHead, phrase_pattern, vocabulary

__all__ = ["View", "BodyName", "read_body", "read_body_list", "function_of", "without_levels", "body_regexes", "is_verb"]


class View:
    """One text in the three forms matching needs (all the same length)."""

    __slots__ = ("text", "tf", "lc")

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
    word: re.Pattern


@functools.cache
def body_regexes() -> _Regexes:
    vocab = vocabulary()
    heads = [h.words for h in vocab.heads]
    return _Regexes(
        head=re.compile(phrase_pattern([h for h in heads if " " in h.strip()], folder=tfold)),
        head_word=re.compile(phrase_pattern([h for h in heads if " " not in h.strip()], folder=lower)),
        determiner=re.compile(r"(?:tât ca cac|cac đông chi|cac|nhưng|moi)\s+"),
        verb=re.compile(phrase_pattern(vocab.predicate_verbs, folder=lower)),
        verb_phrase=re.compile(phrase_pattern([v for v in vocab.predicate_verbs if " " in v], folder=tfold)),
        noun_after_to_chuc=re.compile(
            r"tổ\s+chức(?:\s*,|\s+(?:" + phrase_pattern(vocab.noun_after_to_chuc, word_boundary=False, folder=lower) + r")(?!\w))"
        ),
        adjunct=re.compile(
            r"(?:theo|tại|trong|về|để|với|đối với|nhằm|khi|nếu|do|bằng|từ|đến|sau|trước|qua|cho|thuộc phạm vi|trên cơ sở|ngày|năm|số|khóa|khoá|nhiệm kỳ|đã|đang|sẽ|không|chưa|xin|vừa|cũng|phải|cần|được|trân trọng)(?!\w)"
        ),
        modifier=re.compile(r"(?:có liên quan|liên quan|được giao|trực thuộc|thuộc)(?!\w)"),
        word=re.compile(r"\S+"),
    )


def _head_at(v: View, pos: int) -> tuple[BodyHead, int] | None:
    rx = body_regexes()
    m = rx.head.match(v.tf, pos)
    w = rx.head_word.match(v.lc, pos)
    if w and (not m or w.end() > m.end()):
        key = tfold(w.group(0))
    elif m:
        key = " ".join(m.group(0).split())
    else:
        return None
    end = max(m.end() if m else 0, w.end() if w else 0)
    vocab = vocabulary()
    head = vocab.head_by_folded.get(key)
    if head is None:
        for h in vocab.heads:
            if " ".join(h.folded.split()) == key:
                head = h
                break
    return (head, end) if head else None


def _is_capital(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos].isupper()


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def read_body(v: View, pos: int, *, allow_lower: bool = False) -> BodyName | None:
    """The body name starting at ``pos`` (after spaces), or None."""
    rx = body_regexes()
    pos = _skip_spaces(v.text, pos)
    start = pos
    det = rx.determiner.match(v.tf, pos)
    after_det = det.end() if det else pos
    found = _head_at(v, after_det)
    if not found:
        return None
    head, end = found
    if not det and not allow_lower and not _is_capital(v.text, pos):
        return None
    if head.kind == "collective" and not det:
        # "Các cơ quan ..." is a body, "Tổ chức làm việc ..." and "Ngành nghề ..." are not
        return None
    end = _complement(v, end)
    span = v.text[start:end].rstrip(" ,;:.-–")
    if not span:
        return None
    return BodyName(start, start + len(span), span, head)


def _complement(v: View, pos: int) -> int:
    """Extend a body name over its complement; return the end offset."""
    rx = body_regexes()
    text = v.text
    end = pos
    words = 0
    while pos < len(text) and words < 14:
        j = _skip_spaces(text, pos)
        if j >= len(text):
            break
        ch = text[j]
        if ch in ",;:.()[]\"“”!?/":
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
            if mod:
                end = j + len(mod.group(0))
                pos = end
                words += 1
                if v.lc.startswith(("có liên quan", "liên quan"), j):
                    break
                continue
            if v.lc.startswith("và", j) and (j + 2 >= len(text) or not text[j + 2].isalpha()):
                if _next_starts_body(v, j + 2):
                    break
            elif rx.adjunct.match(v.lc, j):
                break
            elif is_verb(v, j):
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
        m = re.match(r"\s*(?:,|và)\s*", v.text[end : end + 6])
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
    return _is_capital(v.text, pos) and head.kind in ("organ", "person", "grassroots")


def read_body_list(v: View, pos: int, *, allow_lower: bool = False) -> tuple[list[BodyName], int]:
    """A list of bodies from ``pos``: "A, B; các C và D". Returns the names and the end offset."""
    text = v.text
    names: list[BodyName] = []
    first = read_body(v, pos, allow_lower=allow_lower)
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
            distributed, k = _distribute(v, j + 1, names.pop())
            names.extend(distributed)
            end = k
            continue
        if sep in ",;":
            nxt = read_body(v, j + 1)
            if nxt is None:
                k = _skip_spaces(text, j + 1)
                # "Sở Văn hóa, Thể thao và Du lịch": capitals after a comma go on with the name
                if sep == "," and _is_capital(text, k) and not is_verb(v, k) and _head_at(v, k) is None:
                    cont = _complement(v, k)
                    if cont > k and re.match(r"\S+(?:\s+\S+)?\s+và\s+[A-ZĐÀ-Ỹ]", text[k:cont]):
                        last = names[-1]
                        names[-1] = BodyName(last.start, cont, text[last.start : cont], last.head)
                        end = cont
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
                # a lower-case noun continues the same name: "các chi bộ, đảng bộ cơ sở"
                cont = _lower_continuation(v, j + 1) if sep == "," else None
                if cont is not None:
                    last = names[-1]
                    names[-1] = BodyName(last.start, cont, text[last.start : cont], last.head)
                    end = cont
                    continue
                break
            names.append(nxt)
            end = nxt.end
            continue
        if v.lc.startswith("và ", j) and _next_starts_body(v, j + 3):
            nxt = read_body(v, j + 3, allow_lower=True)
            if nxt is None:
                break
            names.append(nxt)
            end = nxt.end
            continue
        break
    return names, end


def _bare_head(name: BodyName) -> bool:
    """A name that ends in a bare head before a colon: "Các Bộ", "Giám đốc Sở"."""
    words = name.text.split()
    if not words:
        return False
    found = _head_at(View(words[-1]), 0)
    return found is not None and found[1] == len(words[-1])


def _distribute(v: View, pos: int, lead: BodyName) -> tuple[list[BodyName], int]:
    """"Các Bộ: Công Thương, Xây dựng" → "Bộ Công Thương", "Bộ Xây dựng"."""
    text = v.text
    prefix = re.sub(r"^(?:[Cc]ác|[Nn]hững)\s+", "", lead.text).strip()
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
            word = re.match(r"\s+([^\W\d_][\w.-]*)", rest)
            if not word or not word.group(1)[0].isupper() or pattern.match(tfold(word.group(1))):
                break
            pos += word.end()
    out.append(text[pos:])
    return " ".join("".join(out).split()).strip(" ,;:-")


@functools.lru_cache(maxsize=8192)
def function_of(name: str, head: BodyHead | None = None) -> str:
    """What a body does, the same at every level ("Ban Tuyên giáo Tỉnh ủy" → "propaganda";
    "Sở Tài chính" → "sở: tài chính"). Cached: the same names come back in every document."""
    printed = re.sub(r"^(?:[Cc]ác|[Nn]hững)\s+", "", " ".join(name.split()))
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
