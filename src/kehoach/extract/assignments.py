"""Who is tasked with what, in which role, by when.

Where: the implementation part(s) of the document (TỔ CHỨC THỰC HIỆN, the
executing Điều of a Quyết định); a document whose top level is plain
numbered items (a Chỉ thị, a công văn) is read whole; a document with no
sections at all (a short Thông báo) is read paragraph by paragraph.

How, inside an item:

* a heading that names bodies ("1. Sở Công Thương", "2. Bộ Tài nguyên và
  Môi trường:") tasks them; their role is the strongest role the item's
  bullets give (``data/roles.toml`` rank), or the heading's own predicate
  ("1. Ủy ban nhân dân tỉnh, chỉ đạo ...");
* a clause that opens with bodies tasks them ("Ban Tuyên giáo Tỉnh ủy chỉ
  đạo ..."), unless its predicate asks others ("UBND thành phố đề nghị các
  cơ quan ...": then those others are tasked) or reports a fact ("đã nhận");
* "Giao X ...", "Đề nghị X ..." task X;
* "chủ trì, phối hợp với X" adds X as coordinating (not when X is a generic
  "các cơ quan, đơn vị liên quan").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..models import Assignment, Deadline
from ..segment import Node, Para
from ..text import squash, tfold
from ..vocab import phrase_pattern, vocabulary
from .bodies import BodyName, View, body_regexes, is_verb, read_body, read_body_list
from .deadlines import find_deadline

__all__ = ["extract_assignments", "role_of"]

_BULLETS = ("dash", "plus", "bullet")
# a predicate that reports or narrates rather than tasks
_NOT_A_TASK = re.compile(r"(?:đã|đang|không|chưa|vừa|xin|trân trọng|sẽ được)(?!\w)|được\s+(?!giao)")
# clause breaks inside a paragraph: a sentence end, or "; " before a capital
_CLAUSE = re.compile(r"[.;!?]\s+(?=[A-ZĐÀ-Ỹ])|\n")  # (only its end is used)


@dataclass(frozen=True)
class _RoleRx:
    final: re.Pattern
    tentative: re.Pattern
    any_role: re.Pattern
    final_role: dict[str, str]
    tentative_role: dict[str, str]
    tasking: re.Pattern
    partner: re.Pattern
    generic: re.Pattern
    report: re.Pattern
    address: re.Pattern


@functools.cache
def _rx() -> _RoleRx:
    vocab = vocabulary()
    final_role = {" ".join(p.lower().split()): role for role, phrases in vocab.role_final.items() for p in phrases}
    tentative_role = {" ".join(p.lower().split()): role for role, phrases in vocab.role_tentative.items() for p in phrases}
    report = vocab.deadlines["report"]
    return _RoleRx(
        final=re.compile(phrase_pattern(list(final_role), folder=str.lower)),
        tentative=re.compile(phrase_pattern(list(tentative_role), folder=str.lower)),
        any_role=re.compile(phrase_pattern(list(final_role) + list(tentative_role), folder=str.lower)),
        final_role=final_role,
        tentative_role=tentative_role,
        tasking=re.compile(r"(?<!\w)(?:" + phrase_pattern(vocab.tasking_verbs, word_boundary=False, folder=str.lower) + r")\s+"),
        partner=re.compile(r"chủ\s+trì\s*,?\s*phối\s+hợp(?:\s+chặt\s+chẽ|\s+tốt)?\s+với\s+"),
        address=re.compile(r"(?:" + phrase_pattern(vocab.address_prefixes, word_boundary=False, folder=str.lower) + r")\s*:?\s*"),
        generic=re.compile(r"^(?:" + phrase_pattern(vocab.generic_partners, word_boundary=False, folder=str.lower) + r")(?!\w)"),
        report=re.compile(
            r"(?:" + phrase_pattern(report["verbs"], word_boundary=False, folder=str.lower) + r")[^.;]{0,80}?\s(?:"
            + phrase_pattern(report["targets"], word_boundary=False, folder=str.lower) + r")\s+(?=[A-ZĐÀ-Ỹ])"
        ),
    )


_ROLE_WINDOW = 400  # characters of a predicate that can carry the subject's role
_WORD = re.compile(r"\S+")
_NOMINAL = re.compile(r"(?:việc|công tác|các đợt|đợt|hoạt động|cuộc)\s+$")
_WINDOW_STOP = re.compile(r"[;:]|\.(?=\s|$)")
_PARTNER_TAIL = re.compile(r"(?:\s+(?:chặt chẽ|tốt|thường xuyên|với nhau))?\s+với\s+")


def _window(text: str, start: int, words: int, end: int | None = None) -> int:
    """Offset after ``words`` words from ``start``, or at the first ';', ':' or sentence end."""
    end = len(text) if end is None else end
    stop = _WINDOW_STOP.search(text, start, end)
    if stop:
        end = stop.start()
    count = 0
    for m in _WORD.finditer(text, start, end):
        count += 1
        if count == words:
            return m.end()
    return end


def role_of(predicate: str) -> str | None:
    """The role a predicate gives its subject, or None when it names no role verb.

    Only the predicate's first words count (a "giám sát" deep in the action is
    not the body's role), and the partner after "phối hợp với" is skipped: in
    "phối hợp với các cơ quan chủ trì", "chủ trì" is the partner's role.
    """
    return role_in(View(predicate), 0, len(predicate))


def role_in(v: View, start: int, end: int) -> str | None:
    """:func:`role_of` for the span ``start:end`` of an already folded text."""
    rx = _rx()
    end = min(end, start + _ROLE_WINDOW)
    limit = _window(v.text, start, 24, end)
    early = _window(v.text, start, 4, end)
    pos = start
    tentative = None
    while pos < limit:
        m = rx.any_role.search(v.lc, pos, limit)
        if not m:
            break
        key = " ".join(m.group(0).split())
        if _NOMINAL.search(v.lc, max(start, m.start() - 12), m.start()):
            pos = m.end()  # "hoàn thành việc kiểm tra": a noun, not the body's role
            continue
        if key in rx.final_role:
            role = rx.final_role[key]
            if tentative is None or role == "monitor":
                return role
            pos = m.end()
            continue
        if tentative is None and m.start() <= early:
            # coordination is the body's own role only as its first verb: in "chỉ đạo ... các cơ
            # quan thông tin phối hợp với ...", others coordinate
            tentative = rx.tentative_role.get(key)
        pos = m.end()
        tail = _PARTNER_TAIL.match(v.lc, pos, end)
        if tail:
            names, after = read_body_list(v, tail.end(), allow_lower=True)
            if names:
                pos = after
                limit = max(limit, _window(v.text, after, 6, end))
    return tentative


def _strongest(roles: list[str]) -> str:
    rank = vocabulary().role_rank
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


_ABBREVIATIONS = tuple((short, re.compile(r"(?<!\w)" + short + r"(?!\w)"), full) for short, full in (("ubnd", "uy ban nhân dân"), ("hđnd", "hôi đông nhân dân")))


def _canonical(name: str) -> str:
    text = " ".join(tfold(name).split())
    for short, rx, full in _ABBREVIATIONS:
        if short in text:
            text = rx.sub(full, text)
    return text


class _Collector:
    def __init__(self, issuer: str | None):
        self.out: list[Assignment] = []
        self.issuer = _canonical(issuer) if issuer else ""
        self._seen: set[tuple[str, str, str | None]] = set()

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

    def add(self, name: BodyName, role: str, action: str, deadline: Deadline | None, node: Node, line: int, report_to: str | None = None) -> None:
        body = name.text.strip(" ,;:.")
        key = (body.lower(), role, node.path)
        if not body or key in self._seen:
            return
        self._seen.add(key)
        self.out.append(
            Assignment(
                body=body,
                role=role,
                action=squash(action)[:400],
                deadline=deadline,
                function=name.function,
                report_to=report_to,
                section=node.path or None,
                line=line,
            )
        )


def _report_target(text: str) -> str | None:
    m = _rx().report.search(text)
    if not m:
        return None
    v = View(text)
    name = read_body(v, m.end())
    return name.text if name else None


def _heading_bodies(node: Node) -> tuple[list[BodyName], str] | None:
    """Bodies a heading names, and the heading's predicate after them ('' for a pure list)."""
    heading = node.heading
    if not heading or node.marker.type in ("roman", "part", "chapter", "upper"):
        return None
    v = View(heading)
    names, end = read_body_list(v, 0)
    if not names:
        return None
    rest = heading[end:].strip(" ,:;")
    if rest and not body_regexes().verb.match(rest.lower()) and not rest[0].islower():
        return None
    return names, rest


def _node_lines(node: Node) -> int:
    return node.paras[0].first


_SENTENCE_END = re.compile(r"\.(?=\s+[A-ZĐÀ-Ỹ]|\s*$)")


class _Fallback:
    """What a clause without its own deadline or report target inherits from its
    item: computed on first use, since most clauses name their own or task no one."""

    __slots__ = ("_text", "_line", "_deadline", "_report", "_done", "_reports")

    def __init__(self, text, line: int | None, *, deadline: Deadline | None = None, done: bool = False, reports: bool = True):
        self._text = text  # the item's text, or a function that builds it
        self._line = line
        self._reports = reports  # does the text's report target ("báo cáo về X") carry over?
        self._deadline = deadline
        self._report: str | None = None
        self._done = done

    def _compute(self) -> None:
        if not self._done:
            text = self._text() if callable(self._text) else self._text
            self._deadline = find_deadline(text[:4000], self._line)
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


def _scan_clauses(text: str, line_at, node: Node, col: _Collector, *, subjects: bool = True, fallback: _Fallback = _NO_FALLBACK) -> None:
    """Task-giving clauses of a paragraph: subjects, "Giao X", "đề nghị X", partners.

    Every look-up works on a bounded window (the clause, the sentence), so a
    paragraph of any length costs time in proportion to its length.
    """
    rx = _rx()
    v = View(text)
    starts = [0] + [m.end() for m in _CLAUSE.finditer(text)]
    for k, start in enumerate(starts):
        pos = start
        while pos < len(text) and text[pos] in " -–+•\"“(":
            pos += 1
        address = rx.address.match(v.lc, pos)
        if address:
            pos = address.end()
        sentence_end = starts[k + 1] if k + 1 < len(starts) else len(text)
        sentence = text[start:sentence_end]
        lead = rx.tasking.match(v.lc, pos)
        if lead:
            _objects(v, lead.end(), sentence_end, line_at, node, col, fallback)
            continue
        names, after = read_body_list(v, pos) if subjects else ([], pos)
        if not names:
            # the clause's subject is the item's body ("- Chủ trì, phối hợp với Sở X ..."): its partners still count
            _partners(v, pos, _clause_end(text, pos, sentence_end), line_at, node, col)
            continue
        gap = len(text[after:]) - len(text[after:].lstrip(" ,:"))
        pred_start = after + gap
        asks = rx.tasking.match(v.lc, pred_start)
        if asks:
            _objects(v, asks.end(), sentence_end, line_at, node, col, fallback)
            continue
        if _NOT_A_TASK.match(v.lc, pred_start) or not _opens_predicate(v, pred_start):
            continue
        clause_end = _clause_end(text, after, sentence_end)
        clause = text[after:clause_end]
        role = role_in(v, after, clause_end) or "implement"
        deadline = find_deadline(sentence, line_at(start)) or fallback.deadline
        report = _report_target(sentence) or fallback.report_to
        for name in names:
            if col.is_issuer(name.text):
                continue
            col.add(name, role, clause, deadline, node, line_at(name.start), report)
        _partners(v, after, clause_end, line_at, node, col)


def _opens_predicate(v: View, pos: int) -> bool:
    """Does the text at ``pos`` (after a subject) start with a verb, within its first two words?"""
    if is_verb(v, pos):
        return True
    first = _WORD.match(v.text, pos)
    if first and first.end() < len(v.text):
        return is_verb(v, first.end() + 1) and not v.text[pos : pos + 1].isupper()
    return False


def _objects(
    v: View, pos: int, sentence_end: int, line_at, node: Node, col: _Collector, fallback: _Fallback
) -> None:
    """Bodies right after "giao" / "đề nghị" / "yêu cầu": the ones tasked."""
    names, after = read_body_list(v, pos, allow_lower=True)
    if not names:
        return
    clause_end = _clause_end(v.text, after, sentence_end)
    clause = v.text[after:clause_end]
    role = role_in(v, after, clause_end) or "implement"
    sentence = v.text[pos:sentence_end]
    deadline = find_deadline(sentence, line_at(pos)) or fallback.deadline
    report = _report_target(sentence) or fallback.report_to
    for name in names:
        col.add(name, role, clause, deadline, node, line_at(name.start), report)
    _partners(v, after, clause_end, line_at, node, col)


def _partners(v: View, start: int, end: int, line_at, node: Node, col: _Collector) -> None:
    """"chủ trì, phối hợp với X": X coordinates (unless X is a generic class of bodies)."""
    m = _rx().partner.search(v.lc, start, min(end, start + _ROLE_WINDOW))
    if not m:
        return
    names, _ = read_body_list(v, m.end(), allow_lower=True)
    for name in names:
        if not _is_generic(name):
            col.add(name, "coordinate", v.text[start:end], None, node, line_at(name.start))


def _bullet_role(text: str) -> str | None:
    """The role a bullet under a body heading gives that body (None when it is about another body)."""
    text = text[:_ROLE_WINDOW]
    v = View(text)
    if read_body(v, 0) or _rx().tasking.match(v.lc):
        return None
    return role_of(text[: _clause_end(text, 0)])


def _visit(node: Node, col: _Collector) -> None:
    line = _node_lines(node)
    heading = _heading_bodies(node)
    if heading:
        names, predicate = heading
        if predicate:
            role = role_of(predicate) or "implement"
            action = predicate
        else:
            roles = [_bullet_role(p) for p in node.text.split("\n") if p]
            roles += [_bullet_role(c.text or c.heading or "") for c in node.children]
            role = _strongest([r for r in roles if r])
            parts = [node.text] if node.text else [c.text or c.heading or "" for c in node.children]
            action = "; ".join(p.strip().rstrip(".;") for p in parts if p.strip())
        whole = _subtree_text(node)
        deadline = find_deadline(whole[:4000], line)
        report = _report_target(whole[:4000])
        for name in names:
            col.add(name, role, action, deadline, node, line, report)
        if predicate:
            # "1. Sở Nội vụ chủ trì, phối hợp với Công an tỉnh ...": the partners in the heading
            heading = node.heading or ""
            _partners(View(heading), max(0, heading.find(predicate)), len(heading), lambda _offset: line, node, col)
        # the item's own paragraphs restate its bodies; only explicit tasking there adds bodies
        for para in node.paras[1:]:
            _scan_clauses(para.text, para.line_at, node, col, subjects=False, fallback=_Fallback("", None, deadline=deadline, done=True))
    else:
        fallback = _Fallback(lambda: _subtree_text(node), line)
        for k, para in enumerate(node.paras):
            text = para.content if k == 0 else para.text
            if k == 0 and node.heading:
                # the heading line and the rest of the first paragraph (there is none) read as one
                text = node.heading
            offset = len(para.text) - len(para.content) if k == 0 else 0
            _scan_clauses(text, lambda o, p=para, d=offset: p.line_at(o + d), node, col, fallback=fallback)
    for child in node.children:
        _visit(child, col)


def _subtree_text(node: Node) -> str:
    parts = [node.heading or "", node.text]
    for child in node.children:
        parts.append(_subtree_text(child))
    return " ".join(p for p in parts if p)


def _scope(sections: list[Node]) -> list[Node]:
    impl = [n for n in sections if n.kind == "implementation"]
    structured = any(n.marker.type in ("roman", "part", "chapter", "article", "upper") for n in sections)
    if impl and structured:
        return impl
    return sections


def extract_assignments(sections: list[Node], paragraphs: list[Para], issuer: str | None) -> list[Assignment]:
    """Assignments of a document: from its sections, or from its paragraphs when it has none."""
    col = _Collector(issuer)
    if sections:
        for node in _scope(sections):
            _visit(node, col)
    else:
        root = Node(marker=None, paras=[])  # type: ignore[arg-type]
        for para in paragraphs:
            _scan_clauses(para.text, para.line_at, root, col, fallback=_Fallback(para.text, para.first, reports=False))
    return col.out
