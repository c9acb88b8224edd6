"""Who is tasked with what, in which role, by when.

Where, by the form of the document (:func:`extract_assignments`):

* a plan with an implementation part (TỔ CHỨC THỰC HIỆN, PHÂN CÔNG NHIỆM
  VỤ, TRÁCH NHIỆM CỦA CÁC CƠ QUAN ...: ``data/headings.toml``): that part;
* a document of articles (Quyết định, Nghị quyết, Quy chế): its executing
  articles and the paragraph after the last article that names the
  executors ("Chánh Văn phòng ..., Giám đốc các sở: A, B chịu trách nhiệm
  thi hành"); an implementation part written out inside another article (a
  plan approved in Điều 1) counts whole, and the other articles add the
  roles and deadlines they give those executors;
* any other document (công văn, Chỉ thị, Thông báo, Công điện): the whole
  body, its opening and closing requests included; a document with no
  sections at all (a short công văn) is read paragraph by paragraph.

How, inside a part:

* a heading that names bodies ("1. Sở Công Thương", "2. Trách nhiệm của Bộ
  X:", "Điều 2. Giao Giám đốc Sở Y") tasks them with each of its bullets,
  one assignment per bullet's role and deadline, or with the heading's own
  predicate ("1. Ủy ban nhân dân tỉnh, chỉ đạo ...");
* a clause that opens with bodies tasks them ("Ban Tuyên giáo Tỉnh ủy chỉ
  đạo ...", "1. Sở Y tế: ..."), unless its predicate asks others ("UBND
  thành phố đề nghị các cơ quan ...": those others are tasked) or reports a
  fact ("đã nhận");
* "Giao X ...", "Đề nghị X ...", "(Để ..., Bộ Y) trân trọng đề nghị X ..."
  task X; "quý Bộ", "quý cơ quan" are the Kính gửi addressees; "các đơn vị
  nêu trên", a bare "Công ty" are the bodies named before;
* "chủ trì, phối hợp với X", "phối hợp với X" add X as coordinating (not a
  generic "các cơ quan, đơn vị liên quan");
* a named person ("Phó Thủ tướng Trần Hồng Hà", "Đồng chí Nguyễn Văn A -
  Trưởng đoàn: ...") is kept as a person: ``person`` holds the name.

Roles come from the predicate's leading verbs (``data/roles.toml``);
deadlines from the task's own clause, else its sentence, else its item
when the item prints only one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..models import Assignment, Deadline
from ..segment import Node, Para
from ..segment.shapes import PARTS, looks_like_name
from ..text import fold, squash, tfold
from ..vocab import load_data, phrase_pattern, vocabulary
from .bodies import (
    BodyName,
    View,
    body_regexes,
    is_plural,
    is_verb,
    read_body,
    read_body_list,
    without_levels,
    without_post,
)
from .deadlines import find_deadline, find_deadlines

__all__ = ["extract_assignments", "role_of"]

_PLURAL_LEAD = re.compile(r"^(?:[Cc]ác|[Nn]hững)\s+")  # "các", "những" before a body name

# a predicate that reports or narrates rather than tasks
_NOT_A_TASK = re.compile(r"(?:đã|đang|không|chưa|vừa|sẽ được|được\s+(?!giao))(?!\w)")
# clause breaks inside a paragraph: a sentence end, or "; " before a capital
# (only its end is used); also before an enumerator inside a paragraph: "...: (1) Thanh tra
# Chính phủ ban hành ...; (2) Bộ Công an chủ trì ..."
_CLAUSE = re.compile(r"[.;!?]\s+(?=[A-ZĐÀ-Ỹ])|[.;:]\s+(?=\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\)\s)|\n")
_ENUMERATOR = re.compile(r"\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\)\s+")


@dataclass(frozen=True)
class _RoleRx:
    verb: re.Pattern  # any role verb (lc)
    role: dict[str, str]  # role verb → role
    transparent: re.Pattern
    intensifier: re.Pattern
    tasking: re.Pattern
    courtesy: re.Pattern
    noun_before: re.Pattern
    notify: re.Pattern
    acts: re.Pattern
    untasked: re.Pattern
    heading_prefix: re.Pattern
    front: re.Pattern
    partner: re.Pattern
    generic: re.Pattern
    report: re.Pattern
    address: re.Pattern
    rank: tuple[str, ...]


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _words(table: dict, key: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        from ..errors import VocabularyError

        raise VocabularyError(f"roles.toml: '{key}' must be a list of non-empty strings")
    return value


@functools.cache
def _rx() -> _RoleRx:
    vocab = vocabulary()
    roles = load_data("roles.toml")
    role = {_norm(p): r for r, phrases in vocab.role_final.items() for p in phrases}
    role.update({_norm(p): r for r, phrases in vocab.role_tentative.items() for p in phrases})
    report = vocab.deadlines["report"]
    tasking = roles.get("tasking", {})
    lc = functools.partial(phrase_pattern, folder=str.lower)
    return _RoleRx(
        verb=re.compile(lc(list(role))),
        role=role,
        transparent=re.compile(
            r"(?:"
            + lc(_words(roles.get("predicate", {}), "transparent"))
            + r"|"
            + lc(_words(roles.get("predicate", {}), "scope_openers"))
            + r"(?:\s*,?\s*"
            + lc(_words(roles.get("predicate", {}), "scope_words"))
            + r")+)\s*,?\s*"
        ),
        intensifier=re.compile(lc(_words(roles.get("predicate", {}), "intensifiers"))),
        tasking=re.compile(r"(?<!\w)(?:" + lc(vocab.tasking_verbs, word_boundary=False) + r")\s+"),
        courtesy=re.compile(r"(?:" + lc(_words(tasking, "courtesy"), word_boundary=False) + r")\s+"),
        noun_before=re.compile(r"(?:" + lc(_words(tasking, "noun_before"), word_boundary=False) + r")\s*$"),
        notify=re.compile(r"(?<!\w)(?:" + lc(_words(tasking, "notify"), word_boundary=False) + r")\s+"),
        acts=re.compile(lc(_words(tasking, "acts"))),
        untasked=re.compile(lc(_words(tasking, "conditions")) + r"[^.;]{0,80}?" + lc(_words(tasking, "difficulties"))),
        front=re.compile(r"(?:" + lc(_words(roles.get("fronted", {}), "openers"), word_boundary=False) + r")(?!\w)"),
        heading_prefix=re.compile(
            r"(?:" + lc(_words(roles.get("heading", {}), "prefixes"), word_boundary=False) + r")\s*:?\s+"
        ),
        partner=re.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ|\s+tốt|\s+thường\s+xuyên)?(?:\s+với|\s+cùng(?:\s+với)?)?\s+"),
        address=re.compile(r"(?:" + lc(vocab.address_prefixes, word_boundary=False) + r")\s*:?\s*"),
        generic=re.compile(r"^(?:" + lc(vocab.generic_partners, word_boundary=False) + r")(?!\w)"),
        report=re.compile(
            r"(?:"
            + lc(report["verbs"], word_boundary=False)
            + r")[^.;]{0,80}?\s(?:"
            + lc(report["targets"], word_boundary=False)
            + r")\s+(?=[A-ZĐÀ-Ỹ])"
        ),
        rank=vocab.role_rank,
    )


# --- roles ------------------------------------------------------------------

_ROLE_WINDOW = 400  # characters of a predicate that can carry the subject's role
_WORD = re.compile(r"\S+")
_RUN_SEP = re.compile(r"\s*(?:,|/|\bvà\b|\bhoặc\b)?\s*")
# "Là cơ quan thường trực của Ban Chỉ huy phòng, chống thiên tai ..., chủ trì ...": the body's
# standing, up to the comma before its verbs
_STATUS = re.compile(r"là\s+(?:cơ\s+quan|đơn\s+vị|đầu\s+mối)")
_COMMA = re.compile(r",\s*")


def _after_status(v: View, pos: int, end: int) -> int | None:
    """Where the verbs start after "là cơ quan ..., ", or None."""
    if not _STATUS.match(v.lc, pos, end):
        return None
    for m in _COMMA.finditer(v.lc, pos, min(end, pos + 200)):
        if is_verb(v, m.end()) or _rx().verb.match(v.lc, m.end()):
            return m.end()
        if v.lc[m.start() : m.start() + 1] in ";.":
            break
    return None


def role_of(predicate: str) -> str | None:
    """The role a predicate gives its subject, or None when it names no role verb."""
    return role_in(View(predicate), 0, len(predicate))


def role_in(v: View, start: int, end: int) -> str | None:
    """The role given by the leading run of verbs of ``v.text[start:end]`` (see roles.toml)."""
    rx = _rx()
    end = min(end, start + _ROLE_WINDOW, len(v.text))
    pos = start
    run: list[str] = []
    partnered = False
    while pos < end:
        sep = _RUN_SEP.match(v.lc, pos, end)
        if run and sep:
            pos = sep.end()
        else:
            while pos < end and v.text[pos] in " -–+•:,":
                pos += 1
        if pos >= end:
            break
        status = _after_status(v, pos, end) if not run else None
        if status:
            pos = status
            continue
        seen = rx.transparent.match(v.lc, pos, end)
        if seen and not rx.verb.match(v.lc, pos, end):
            pos = seen.end()
            continue
        partner = rx.partner.match(v.lc, pos, end)
        if partner:
            names, after = read_body_list(v, partner.end(), allow_lower=True, in_list=True)
            run.append("phối hợp")
            if names:
                pos = after
                led = rx.verb.match(v.lc, _skip(v.text, after), end)
                if led and rx.role.get(" ".join(led.group(0).split())) == "lead":
                    # "phối hợp với các cơ quan chủ trì": the body supports the leads
                    pos = led.end()
                    run[-1] = "phối hợp (leads)"
                elif not all(_is_generic(n) for n in names):
                    # "A phối hợp với B thực hiện X": A implements (a generic "các Bộ, ngành liên
                    # quan" is no partner of its own: A coordinates)
                    partnered = True
            else:
                pos = partner.end()
            continue
        m = rx.verb.match(v.lc, pos, end)
        if m:
            run.append(" ".join(m.group(0).split()))
            pos = m.end()
            continue
        if is_verb(v, pos):
            verb = body_regexes().verb.match(v.lc, pos) or body_regexes().verb_phrase.match(v.tf, pos)
            run.append("?" if not rx.intensifier.match(v.lc, pos) else "+")
            pos = verb.end() if verb else pos + 1
            continue
        break
    return _run_role(run, partnered)


def _run_role(run: list[str], partnered: bool) -> str | None:
    rx = _rx()
    roles = [rx.role.get(verb) for verb in run]
    if "lead" in roles:
        return "lead"
    # the first of advising and monitoring in the run: "nghiên cứu tham mưu" advises,
    # "theo dõi, đôn đốc, ... tham mưu giải pháp" monitors
    for role in roles:
        if role == "advise" or (role == "monitor" and run[0] != "+"):
            return role
    if run and run[0].startswith("phối hợp") and not partnered:
        return "coordinate"
    return None


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _strongest(roles: list[str | None]) -> str:
    rank = _rx().rank
    known = [r for r in roles if r]
    return min(known, key=rank.index) if known else "implement"


_CLAUSE_STOP = re.compile(r"[;]|\.(?=\s|$)")


def _clause_end(text: str, start: int, limit: int | None = None) -> int:
    """End of the clause that starts at ``start``: the next ';' or sentence end (before ``limit``)."""
    limit = len(text) if limit is None else limit
    m = _CLAUSE_STOP.search(text, start, limit)
    return m.start() if m else limit


def _is_generic(name: BodyName) -> bool:
    return name.head.kind == "collective" or bool(_rx().generic.match(name.text.lower()))


_ABBREVIATIONS = tuple(
    (short, re.compile(r"(?<!\w)" + short + r"(?!\w)"), full)
    for short, full in (("ubnd", "uy ban nhân dân"), ("hđnd", "hôi đông nhân dân"))
)


def _canonical(name: str) -> str:
    text = " ".join(tfold(name).split())
    for short, rx, full in _ABBREVIATIONS:
        if short in text:
            text = rx.sub(full, text)
    return text


# --- persons ----------------------------------------------------------------

# the title before a person's name: "Ông Lê Văn A", "Đồng chí Nguyễn Văn B", "đ/c C"
_TITLE = re.compile(r"^(?:Ông|Bà|Đồng chí|đồng chí|Đ/c|đ/c|ông|bà)$")


@functools.lru_cache(maxsize=4096)
def _person(name: str) -> str | None:
    """The person a tasked name stands for ("Phó Thủ tướng Trần Hồng Hà", "Đồng chí Nguyễn
    Văn A - Trưởng đoàn"): two to four capitalised words from a family name, after a title
    or a post, or ending the name, that name no body; else None."""
    words = name.split(" - ")[0].split()  # "... - Trưởng đoàn": the post in the team after the name
    for size in (4, 3, 2):
        for start in range(len(words) - size, -1, -1):
            tail = words[start : start + size]
            if _TITLE.match(tail[0]) or (start + size < len(words) and words[start + size][:1].isupper()):
                continue
            text = " ".join(tail)
            if not all(w[:1].isupper() for w in tail) or not looks_like_name(text):
                continue
            rest = words[:start]
            if rest and not (_TITLE.match(rest[-1]) or read_body(View(" ".join(rest)), 0, allow_lower=True)):
                continue
            if not rest and start + size != len(words):
                continue
            if _level_or_head(text):
                continue
            return text
    return None


def _level_or_head(text: str) -> bool:
    """Does a capitalised run name a body or a place level ("Tỉnh ủy", "Đảng ủy Khối")?"""
    v = View(text)
    return any(read_body(v, m.start()) is not None for m in _WORD.finditer(text))


# --- the collector ------------------------------------------------------------


@dataclass
class _Context:
    """What a clause may refer back to: the letter's addressees, the bodies the text names."""

    addressees: list[str] = field(default_factory=list)
    paragraphs: list[Para] = field(default_factory=list)  # the whole text, in order
    _named: list[tuple[int, list[BodyName]]] | None = None

    def named(self) -> list[tuple[int, list[BodyName]]]:
        """(line, named bodies) of every paragraph that names some: read on first use."""
        if self._named is None:
            self._named = []
            for para in self.paragraphs:
                names = _named_bodies(para.text)
                if names:
                    self._named.append((para.first, names))
        return self._named


def _proper(name: BodyName) -> bool:
    """A body named by its own name ("Công ty TNHH Beta", "Sở Tài chính"), not by a description
    ("Công ty có mã ngành ...")."""
    rest = name.text[len(name.head.words) :].split()
    return any(word[:1].isupper() for word in rest)


def _named_bodies(text: str) -> list[BodyName]:
    """The named bodies (an organ's head in capitals) a text mentions anywhere."""
    rx = body_regexes()
    v = View(text)
    out: list[BodyName] = []
    end = 0
    starts = sorted({m.start() for m in rx.head.finditer(v.tf)} | {m.start() for m in rx.head_word.finditer(v.lc)})
    for pos in starts:
        if pos < end or not text[pos].isupper():
            continue
        name = read_body(v, pos)
        if name and name.head.kind == "organ" and not _is_generic(name) and _proper(name):
            out.append(name)
            end = name.end
    return out


class _Collector:
    def __init__(self, issuer: str | None, context: _Context | None = None):
        self.out: list[Assignment] = []
        self.issuer = _canonical(issuer) if issuer else ""
        self.context = context or _Context()
        self._seen: set[tuple[str, str, str | None, str | None]] = set()
        self.keep: set[str] | None = None  # executors only (the other articles of a Quyết định)

    def is_issuer(self, name: str) -> bool:
        """The document's own issuer ("UBND tỉnh Lào Cai" in a plan of the ỦY BAN NHÂN DÂN TỈNH LÀO CAI)."""
        if not self.issuer:
            return False
        body = _canonical(name)
        if body == self.issuer or (len(body.split()) >= 2 and self.issuer.startswith(body)):
            return True
        if body.startswith(self.issuer + " "):
            # the issuer and its place: "Sở Công Thương Lào Cai" in a document of the SỞ CÔNG THƯƠNG
            extra = name.split()[len(self.issuer.split()) :]
            return 0 < len(extra) <= 3 and all(word[:1].isupper() for word in extra)
        return False

    def add(
        self,
        name: BodyName,
        role: str,
        action: str,
        deadline: Deadline | None,
        node: Node,
        line: int,
        report_to: str | None = None,
    ) -> None:
        body = name.text.strip(" ,;:.")
        if not body:
            return
        if self.keep is not None and _executor_key(body) not in self.keep:
            return
        key = (body.lower(), role, node.path, deadline.date if deadline else None)
        if key in self._seen:
            return
        self._seen.add(key)
        self.out.append(
            Assignment(
                body=body,
                role=role,
                action=squash(action)[:400],
                deadline=deadline,
                function=name.function,
                person=_person(body),
                report_to=report_to,
                section=node.path or None,
                line=line,
            )
        )

    def resolve(self, v: View, names: list[BodyName], line: int | None = None) -> list[BodyName]:
        """Names that stand for others replaced by them: "quý Bộ" by the addressee, "các đơn
        vị nêu trên" and a bare "Công ty" by the bodies named before (line ``line``)."""
        out: list[BodyName] = []
        for name in names:
            out.extend(self._resolve_one(v, name, line) or [name])
        return out

    def _resolve_one(self, v: View, name: BodyName, line: int | None) -> list[BodyName] | None:
        text = v.text
        before = text[max(0, name.start - 6) : name.start]
        if body_regexes().honorific.search(lower_tail(before)) and self.context.addressees:
            return self._addressed(name)
        after = body_regexes().anaphor.match(v.lc, name.end)
        bare = " ".join(name.text.split()).lower() == name.head.words.lower()
        if after and _ends_phrase(v, after.end()):
            return self._antecedents(name, line, generic=True)
        if bare and name.head.kind == "organ" and name.head.function == "by-name":
            # "Đề nghị Công ty ..." after the letter named the company
            return self._antecedents(name, line, generic=False)
        return None

    def _addressed(self, name: BodyName) -> list[BodyName]:
        head = tfold(name.head.words)
        addressees = self.context.addressees
        matching = [a for a in addressees if tfold(a).startswith(head) or head in tfold(a)]
        chosen = matching or (addressees if len(addressees) == 1 or name.head.kind == "collective" else [])
        return [BodyName(name.start, name.end, a, name.head) for a in chosen] or [name]

    def _antecedents(self, name: BodyName, line: int | None, *, generic: bool) -> list[BodyName] | None:
        head = tfold(name.head.words)
        candidates = [[BodyName(name.start, name.end, a, name.head)] for a in self.context.addressees]
        candidates += [names for first, names in self.context.named() if line is None or first < line]
        for names in reversed(candidates):
            fit = [
                n
                for n in names
                if n.text != name.text and not self.is_issuer(n.text) and (generic or tfold(n.text).startswith(head))
            ]
            if fit:
                return [BodyName(name.start, name.end, n.text, n.head) for n in fit]
        return None


def lower_tail(text: str) -> str:
    return text.lower()[-6:] if text else ""


def _ends_phrase(v: View, pos: int) -> bool:
    """After an anaphor: the name ends there (a verb, a punctuation mark or the end follows)."""
    while pos < len(v.text) and v.text[pos] == " ":
        pos += 1
    return pos >= len(v.text) or not v.text[pos].isalnum() or is_verb(v, pos) or v.text[pos].isdigit()


@functools.lru_cache(maxsize=4096)
def _executor_key(body: str) -> str:
    """A body without the post that stands for it and its level: "Giám đốc Sở Tài chính tỉnh"
    → "sở tài chính"."""
    return _canonical(without_levels(_PLURAL_LEAD.sub("", without_post(body))) or body)


def _report_target(text: str) -> str | None:
    m = _rx().report.search(text)
    if not m:
        return None
    v = View(text)
    name = read_body(v, m.end())
    return name.text if name else None


# --- headings that name bodies ------------------------------------------------


def _mended_heading(node: Node) -> str | None:
    """A heading cut inside a body's name ("**2. Sở" / "Khoa học và Công nghệ**", "4.6. Văn
    phòng" / "Trung ương Đảng phối hợp ..."): the heading and its next paragraph, joined."""
    heading = node.heading
    if not heading or len(node.paras) < 2 or heading.rstrip()[-1:] in ".:;!?)":
        return None
    nxt = node.paras[1].text
    if not nxt[:1].isupper() or node.paras[1].first != node.paras[0].last + 1:
        return None  # (a paragraph that does not follow the heading's line is no rest of it)
    if node.children and node.children[0].first < node.paras[1].first:
        return None
    nv = View(nxt)
    if is_verb(nv, 0) or _rx().verb.match(nv.lc) or _rx().transparent.match(nv.lc) or _rx().tasking.match(nv.lc):
        return None  # "1. Sở Tài chính" / "Chủ trì, phối hợp ...": the heading is whole
    v = View(heading)
    names, end = read_body_list(v, 0)
    if not names or end < len(heading.rstrip(" ,")):
        return None
    joined = heading.rstrip() + " " + nxt
    if heading.rstrip().endswith(","):
        return joined  # "**Điều 4.** Sở Xây dựng," / "Trung tâm ..., các Sở ... chịu trách nhiệm ..."
    longer = read_body(View(joined), names[-1].start)
    return joined if longer and longer.end > len(heading.rstrip()) + 1 else None


def _heading_bodies(node: Node, heading: str | None = None) -> tuple[list[BodyName], str, View, int] | None:
    """Bodies a heading names, its predicate after them ('' for a pure list), the
    heading's view and where the names end."""
    heading = heading or node.heading
    if not heading or node.marker.type in PARTS:
        return None
    v = View(heading)
    pos = 0
    prefix = _rx().heading_prefix.match(v.lc)
    if prefix:
        pos = prefix.end()
    names, end = read_body_list(v, pos, allow_lower=bool(prefix))
    if not names:
        return None
    rest = heading[end:].strip(" ,:;")
    if rest and not is_verb(View(rest), 0) and not rest[0].islower():
        return None
    rv = View(rest)
    if (
        rest
        and len(heading.split()) <= 15
        and (node.children or len(node.paras) > 1)
        and not heading.rstrip().endswith(":")
        and role_in(rv, 0, len(rest)) is None
        and not _rx().transparent.match(rv.lc)
    ):
        # "5. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp" over its tasks:
        # what follows the head describes the body, the whole heading names it
        last = names[-1]
        names = [*names[:-1], BodyName(last.start, len(heading.rstrip(" .")), heading.rstrip(" ."), last.head)]
        end, rest = len(heading), ""
    if (
        not rest
        and all(_is_generic(n) for n in names)
        and any(read_body(View(c.text or c.heading or ""), 0) for c in node.children)
    ):
        return None  # "Trách nhiệm của các cơ quan, đơn vị": a title over items that name their bodies
    return names, rest, v, end


def _node_lines(node: Node) -> int:
    return node.paras[0].first


class _Fallback:
    """What a clause without its own deadline or report target inherits from its
    item: computed on first use, since most clauses name their own or task no one."""

    __slots__ = ("_deadline", "_done", "_line", "_report", "_reports", "_text")

    def __init__(
        self, text, line: int | None, *, deadline: Deadline | None = None, done: bool = False, reports: bool = True
    ):
        self._text = text  # the item's text, or a function that builds it
        self._line = line
        self._reports = reports  # does the text's report target ("báo cáo về X") carry over?
        self._deadline = deadline
        self._report: str | None = None
        self._done = done

    def _compute(self) -> None:
        if not self._done:
            text = self._text() if callable(self._text) else self._text
            found = find_deadlines(text[:4000], self._line)
            # the item's deadline belongs to each of its tasks only when it prints one
            dated = {(d.date, d.recurrence) for d in found}
            self._deadline = found[0] if len(dated) == 1 else None
            self._report = _report_target(text[:4000]) if self._reports else None
            self._done = True

    @property
    def deadline(self) -> Deadline | None:
        self._compute()
        return self._deadline

    @property
    def report_to(self) -> str | None:
        self._compute()
        return self._report


_NO_FALLBACK = _Fallback("", None, done=True)


# --- clauses ----------------------------------------------------------------


def _scan_clauses(
    text: str,
    line_at,
    node: Node,
    col: _Collector,
    *,
    subjects: bool = True,
    fallback: _Fallback = _NO_FALLBACK,
    requests_only: bool = False,
    letter: bool = False,
) -> None:
    """Task-giving clauses of a paragraph: subjects, "Giao X", "đề nghị X", partners.

    ``requests_only``: only explicit requests count (an opening paragraph, whose
    subjects narrate). ``letter``: the paragraph is a short letter's whole body, where
    asking to hear of difficulties ("nếu có vướng mắc, đề nghị Quý Cơ quan phản hồi")
    is the request itself. Every look-up works on a bounded window (the clause, the
    sentence), so a paragraph of any length costs time in proportion to its length.
    """
    rx = _rx()
    v = View(text)
    starts = [0] + [m.end() for m in _CLAUSE.finditer(text)]
    covered = 0  # a list of subjects read across a clause break ("Viện A; Viện B, C nghiên cứu ...")
    for k, start in enumerate(starts):
        if start < covered:
            continue
        sentence_end = starts[k + 1] if k + 1 < len(starts) else len(text)
        if not letter and rx.untasked.search(v.lc, start, sentence_end):
            continue  # "nếu có khó khăn, vướng mắc, ... báo cáo": no task
        pos = start
        enum = _ENUMERATOR.match(text, pos)
        if enum:
            pos = enum.end()
        while pos < len(text) and text[pos] in ' -–+•"“(*':
            pos += 1
        address = rx.address.match(v.lc, pos)
        if address and read_body(v, address.end(), allow_lower=True) is not None:
            pos = address.end()  # "Các ông (bà): Chánh Văn phòng ..." (not "Đồng chí Nguyễn Văn An")
        lead = rx.tasking.match(v.lc, pos)
        if lead:
            _objects(v, lead.end(), sentence_end, line_at, node, col, fallback)
            continue
        names, after = read_body_list(v, pos) if subjects or requests_only else ([], pos)
        if names and after >= sentence_end:
            covered = after
            sentence_end = next((s for s in starts if s > after), len(text))
        if not names:
            if _fronted(v, pos, sentence_end, line_at, node, col, fallback):
                continue
            if (
                subjects
                and not requests_only
                and _fronted_subject(v, pos, start, sentence_end, line_at, node, col, fallback)
            ):
                continue
            # the clause's subject is the item's body ("- Chủ trì, phối hợp với Sở X ..."): its partners still count
            if not requests_only and node.marker is not None:
                _partners(v, pos, _clause_end(text, pos, sentence_end), line_at, node, col)
            continue
        _subject_clause(
            v,
            names,
            after,
            pos,
            start,
            sentence_end,
            line_at,
            node,
            col,
            fallback,
            subjects=subjects and not requests_only,
        )


def _subject_clause(
    v: View,
    names: list[BodyName],
    after: int,
    pos: int,
    start: int,
    sentence_end: int,
    line_at,
    node: Node,
    col: _Collector,
    fallback: _Fallback,
    *,
    subjects: bool = True,
) -> bool:
    """A clause whose subject is ``names``: they are tasked, or they ask others. Any task found?"""
    rx = _rx()
    text = v.text
    gap = len(text[after:]) - len(text[after:].lstrip(" ,:"))
    pred_start = after + gap
    if v.lc.startswith("hoặc ", pred_start):
        # "Chánh văn phòng hoặc người được giao phụ trách ... có trách nhiệm ...": the alternative
        # (no body by its head) is described up to the predicate
        verb = rx.transparent.search(v.lc, pred_start, min(sentence_end, pred_start + 120))
        if verb:
            after = pred_start = verb.start()
    courtesy = rx.courtesy.match(v.lc, pred_start)
    asks = rx.tasking.match(v.lc, courtesy.end() if courtesy else pred_start)
    if asks:
        return _objects(v, asks.end(), sentence_end, line_at, node, col, fallback)
    notify = rx.notify.match(v.lc, courtesy.end() if courtesy else pred_start)
    if notify and rx.acts.search(v.lc, notify.end(), sentence_end):
        return _objects(v, notify.end(), sentence_end, line_at, node, col, fallback)
    if not subjects:
        return False
    if not _narrates(v, pred_start) and not _opens_predicate(v, pred_start):
        # "Chính phủ, ..., chính quyền địa phương ... liên quan đến việc sắp xếp và các cơ quan
        # khác có liên quan có trách nhiệm ...": the list is described on to its predicate
        found = _RESPONSIBLE.search(
            v.lc, pred_start, min(_clause_end(text, pred_start, sentence_end), pred_start + 250)
        )
        if found:
            names = names + _more_names(v, pred_start, found.start())
            after = pred_start = found.start()
    if _narrates(v, pred_start) or not _opens_predicate(v, pred_start):
        return _fronted(v, after, sentence_end, line_at, node, col, fallback)
    clause_end = _clause_end(text, after, sentence_end)
    clause = text[after:clause_end]
    role = role_in(v, after, clause_end) or "implement"
    # the task's own clause, then the subjectless clauses after it ("...; hoàn thành trước ngày ..."),
    # then its sentence, then its item
    deadline = (
        find_deadline(clause, line_at(after))
        or find_deadline(text[clause_end:sentence_end], line_at(clause_end))
        or find_deadline(text[start:sentence_end], line_at(start))
        or fallback.deadline
    )
    report = _report_target(text[start:sentence_end]) or fallback.report_to
    names = col.resolve(v, names, line_at(pos))
    for name in names:
        if len(names) == 1 and role in ("implement", "coordinate") and col.is_issuer(name.text):
            # "Ủy ban nhân dân tỉnh giao ...": the issuer speaks (a list of bodies may include it;
            # a role it gives itself, "Văn phòng Chính phủ chủ trì ...", is a task)
            continue
        col.add(name, role, clause, deadline, node, line_at(name.start), report)
    _partners(v, after, clause_end, line_at, node, col)
    return True


_RESPONSIBLE = re.compile(r"(?<!\w)(?:có|chịu)\s+trách\s+nhiệm(?!\w)")
_AND = re.compile(r"(?:,|\svà)\s+")


def _more_names(v: View, start: int, end: int) -> list[BodyName]:
    """Bodies listed after "và" or a comma in ``start:end`` (a subject list's description)."""
    out: list[BodyName] = []
    pos = start
    for m in _AND.finditer(v.lc, start, end):
        if m.start() < pos:
            continue
        names, after = read_body_list(v, m.end())
        names = [n for n in names if n.end <= end]
        if names:
            out.extend(names)
            pos = after
    return out


_FRONT_COMMA = re.compile(r",\s*")


def _fronted_subject(
    v: View, pos: int, start: int, sentence_end: int, line_at, node: Node, col: _Collector, fallback: _Fallback
) -> bool:
    """A subject after a fronted clause: "Căn cứ Hướng dẫn này, các Sở Nội vụ ... hướng dẫn ...",
    "Để ..., các cơ sở đào tạo xây dựng kế hoạch ..."."""
    rx = _rx()
    if not rx.front.match(v.lc, pos):
        return False
    for m in _FRONT_COMMA.finditer(v.lc, pos, min(sentence_end, pos + 300)):
        names, after = read_body_list(v, m.end())
        if names:
            return _subject_clause(v, names, after, m.end(), start, sentence_end, line_at, node, col, fallback)
    return False


def _fronted(v: View, pos: int, sentence_end: int, line_at, node: Node, col: _Collector, fallback: _Fallback) -> bool:
    """A request inside the sentence, after a fronted clause or a subject: "Để ..., Văn
    phòng Chính phủ đề nghị Bộ X ...", "Thuế tỉnh thông báo để Công ty biết, thực hiện"."""
    rx = _rx()
    for m in rx.tasking.finditer(v.lc, pos, sentence_end):
        if rx.noun_before.search(v.lc, max(pos, m.start() - 14), m.start()):
            continue  # "theo đề nghị của", "xét đề nghị": a noun
        if _objects(v, m.end(), sentence_end, line_at, node, col, fallback):
            return True
    for m in rx.notify.finditer(v.lc, pos, sentence_end):
        if rx.acts.search(v.lc, m.end(), sentence_end) and _objects(
            v, m.end(), sentence_end, line_at, node, col, fallback
        ):
            return True
    return False


def _narrates(v: View, pos: int) -> bool:
    """Does the predicate report a fact ("đã nhận", "quan tâm đã gửi hồ sơ") within its first words?"""
    for k, m in enumerate(_WORD.finditer(v.lc, pos, min(len(v.lc), pos + 40))):
        if k >= 3:
            break
        if _NOT_A_TASK.match(v.lc, m.start()):
            return True
    return False


def _opens_predicate(v: View, pos: int) -> bool:
    """Does the text at ``pos`` (after a subject) start with a verb, within its first two words?"""
    if is_verb(v, pos) or _rx().transparent.match(v.lc, pos):
        return True
    first = _WORD.match(v.text, pos)
    if first and first.end() < len(v.text):
        return is_verb(v, first.end() + 1) and not v.text[pos : pos + 1].isupper()
    return False


def _objects(v: View, pos: int, sentence_end: int, line_at, node: Node, col: _Collector, fallback: _Fallback) -> bool:
    """Bodies right after "giao" / "đề nghị" / "yêu cầu": the ones tasked. Any found?"""
    honor = body_regexes().honorific.match(v.lc, pos)
    names, after = read_body_list(v, honor.end() if honor else pos, allow_lower=True, in_list=bool(honor))
    if not names:
        return False
    gap = len(v.text[after:]) - len(v.text[after:].lstrip(" ,:"))
    clause_end = _clause_end(v.text, after, sentence_end)
    clause = v.text[after + gap : clause_end]
    role = role_in(v, after + gap, clause_end) or "implement"
    sentence = v.text[pos:sentence_end]
    deadline = find_deadline(clause, line_at(after)) or find_deadline(sentence, line_at(pos)) or fallback.deadline
    report = _report_target(sentence) or fallback.report_to
    for name in col.resolve(v, names, line_at(pos)):
        col.add(name, role, clause, deadline, node, line_at(name.start), report)
    _partners(v, after, clause_end, line_at, node, col)
    return True


def _partners(v: View, start: int, end: int, line_at, node: Node, col: _Collector) -> None:
    """ "(chủ trì,) phối hợp với X": X coordinates (unless X is a generic class of bodies)."""
    rx = _rx()
    limit = min(end, start + _ROLE_WINDOW)
    for m in rx.partner.finditer(v.lc, start, limit):
        if m.start() > start and v.lc[m.start() - 1].isalnum():
            continue
        names, _ = read_body_list(v, m.end(), allow_lower=True)
        for name in col.resolve(v, names, line_at(m.start())):
            if not _is_generic(name):
                col.add(name, "coordinate", v.text[start:end], None, node, line_at(name.start))
        return  # the first partner list is the body's own; later ones are its subjects' partners


def _bullet_role(text: str) -> str | None:
    """The role a bullet under a body heading gives that body ("" when it is about another body)."""
    text = text[:_ROLE_WINDOW]
    v = View(text)
    if read_body(v, 0) or _rx().tasking.match(v.lc):
        return ""
    return role_of(text[: _clause_end(text, 0)])


# --- items --------------------------------------------------------------------


def _visit(node: Node, col: _Collector) -> None:
    line = _node_lines(node)
    mended = _mended_heading(node)
    first = 2 if mended else 1  # the paragraphs after the heading
    heading = _heading_bodies(node, mended)
    if heading and mended and heading[1] and len(heading[1]) > 0:
        heading = None  # the joined text runs on into a predicate: a paragraph, read as one
    if heading:
        names, predicate, hv, names_end = heading
        names = col.resolve(hv, names, line)
        if predicate:
            role = role_of(predicate) or "implement"
            deadline = find_deadline(predicate, line) or _Fallback(lambda: _subtree_text(node), line).deadline
            for name in names:
                col.add(name, role, predicate, deadline, node, line, _report_target(_subtree_text(node)[:4000]))
            _partners(hv, names_end, len(hv.text), lambda _offset: line, node, col)
        else:
            _tasks_of_heading(node, names, col, line)
        # the item's own paragraphs restate its bodies; only explicit tasking there adds bodies
        for para in node.paras[first:]:
            _scan_clauses(para.text, para.line_at, node, col, subjects=False, fallback=_Fallback(para.text, para.first))
        for child in node.children:
            _visit_under_heading(child, col)
        return
    fallback = _Fallback(lambda: _subtree_text(node), line)
    for k, para in enumerate(node.paras):
        if mended and k == 1:
            continue
        text = para.content if k == 0 else para.text
        if k == 0 and node.heading:
            # the heading line and the rest of the first paragraph (there is none) read as one
            text = mended or node.heading
        offset = len(para.text) - len(para.content) if k == 0 else 0
        _scan_clauses(text, lambda o, p=para, d=offset: p.line_at(o + d), node, col, fallback=fallback)
    for child in node.children:
        _visit(child, col)


def _tasks_of_heading(node: Node, names: list[BodyName], col: _Collector, line: int) -> None:
    """A heading that names bodies and nothing else: each bullet under it is one of their tasks."""
    parts: list[tuple[str, int, Node]] = []
    if node.text:
        for para in node.paras[1:] or node.paras:
            parts.append((para.text if para is not node.paras[0] else para.content, para.first, node))
    for child in node.children:
        parts.append((child.text or child.heading or "", child.first, child))
    tasks = [(text, first, where, _bullet_role(text)) for text, first, where in parts if text.strip()]
    own = [t for t in tasks if t[3] != ""]
    if not own:
        deadline = _Fallback(lambda: _subtree_text(node), line).deadline
        action = "; ".join(t[0].strip().rstrip(".;") for t in tasks)
        for name in names:
            col.add(name, "implement", action, deadline, node, line, _report_target(_subtree_text(node)[:4000]))
        return
    for text, first, where, role in own:
        deadline = find_deadline(_subtree_text(where) if where is not node else text, first)
        for name in names:
            col.add(name, role or "implement", text, deadline, node, line, _report_target(text))
    for text, first, _where, _role in own:
        v = View(text)
        _partners(v, 0, _clause_end(text, 0), lambda _offset, f=first: f, node, col)


def _visit_under_heading(node: Node, col: _Collector) -> None:
    """A bullet under a body heading: its own subjects count only when it names other bodies."""
    v = View(node.text or node.heading or "")
    if read_body(v, 0) or _rx().tasking.match(v.lc):
        _visit(node, col)
        return
    for child in node.children:
        _visit_under_heading(child, col)


def _subtree_text(node: Node) -> str:
    parts = [node.heading or "", node.text]
    for child in node.children:
        parts.append(_subtree_text(child))
    return " ".join(p for p in parts if p)


# --- where to look ------------------------------------------------------------


def _implementation_parts(nodes: list[Node]) -> list[Node]:
    """Implementation parts at any depth below ``nodes`` (an article's plan, a Thông báo's
    "Về phân công nhiệm vụ" item), outermost first."""
    from ..vocab import vocabulary as _v

    out: list[Node] = []
    for node in nodes:
        if node.kind == "implementation" or (node.heading and _v().heading_kind(node.heading) == "implementation"):
            out.append(node)
        else:
            out.extend(_implementation_parts(node.children))
    return out


def _articles(sections: list[Node]) -> list[Node]:
    """The articles of a document of articles ("Điều 1" at the top, or inside its parts);
    those of an implementation part (Chương III TỔ CHỨC THỰC HIỆN) take its kind."""
    if any(n.marker.type == "article" for n in sections):
        return [n for n in sections if n.marker.type == "article"]
    inner = []
    for part in sections:
        if part.marker.type in PARTS:
            for child in part.children:
                if child.marker.type == "article":
                    if part.kind == "implementation" and child.kind is None:
                        child.kind = "implementation"
                    inner.append(child)
    return inner


def _executing(article: Node) -> bool:
    folded = fold(article.heading or "") + " " + fold(_subtree_text(article))
    return article.kind == "implementation" or any(p in folded for p in vocabulary().execution_phrases)


def extract_assignments(
    sections: list[Node],
    paragraphs: list[Para],
    issuer: str | None,
    *,
    closing: list[Para] | None = None,
    addressees: list[str] | None = None,
) -> list[Assignment]:
    """Assignments of a document: from its parts by its form (see the module's docstring).

    ``paragraphs`` are the unnumbered paragraphs before the first part (all of the
    text when there are none), ``closing`` those after the last, ``addressees``
    the Kính gửi entries of a letter.
    """
    closing = closing or []
    text = list(paragraphs) + [para for node in sections for sub in node.walk() for para in sub.paras] + list(closing)
    col = _Collector(issuer, _Context(addressees=list(addressees or []), paragraphs=text))
    if not sections:
        root = Node(marker=None, paras=[])  # type: ignore[arg-type]
        for para in list(paragraphs) + closing:
            _scan_clauses(
                para.text,
                para.line_at,
                root,
                col,
                fallback=_Fallback(para.text, para.first, reports=False),
                letter=True,
            )
        return col.out
    articles = _articles(sections)
    structured = any(n.marker.type in PARTS for n in sections)
    impl = [n for n in sections if n.kind == "implementation"]
    if articles:
        _from_articles(articles, sections, closing, col)
    elif impl and structured:
        for node in impl:
            _visit(node, col)
    else:
        root = Node(marker=None, paras=[])  # type: ignore[arg-type]
        nested = _implementation_parts(sections) if structured else []
        for node in nested or sections:
            _visit(node, col)
        # the opening's and closing's requests: their named bodies; a class of bodies
        # asked to carry out "the tasks below" only where the parts task no one
        framing = _Collector(issuer, col.context)
        for para in paragraphs:
            _scan_clauses(
                para.text,
                para.line_at,
                root,
                framing,
                requests_only=True,
                fallback=_Fallback(para.text, para.first, reports=False),
            )
        for para in closing:
            _scan_clauses(
                para.text, para.line_at, root, framing, fallback=_Fallback(para.text, para.first, reports=False)
            )
        tasked = bool(col.out)
        for a in framing.out:
            if not (tasked and _generic_body(a.body)):
                col.out.append(a)
    return col.out


@functools.lru_cache(maxsize=4096)
def _generic_body(body: str) -> bool:
    name = read_body(View(body), 0, allow_lower=True)
    return name is None or _is_generic(name) or is_plural(name)


def _from_articles(articles: list[Node], sections: list[Node], closing: list[Para], col: _Collector) -> None:
    """A document of articles: its executors, then what its other articles give them."""
    executing = [a for a in articles if _executing(a)]
    root = Node(marker=None, paras=[])  # type: ignore[arg-type]
    for article in executing:
        _visit(article, col)
    if articles:
        last = articles[-1]
        for para in closing:
            _scan_clauses(para.text, para.line_at, last, col, fallback=_Fallback(para.text, para.first, reports=False))
    others = [a for a in articles if a not in executing]
    if not col.out:
        for article in others:
            _visit(article, col)
        return
    # parts of a plan written out inside an article count whole
    for part in _implementation_parts([c for a in others for c in a.children]):
        _visit(part, col)
    # the other articles: the roles and deadlines they give the executors
    executors = {_executor_key(a.body) for a in col.out}
    col.keep = executors
    for article in others:
        _visit(article, col)
    col.keep = None
    del root
