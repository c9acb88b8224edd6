"""phrase_pattern compiles a vocabulary list as a trie; it must match exactly what
a flat, longest-first alternation with word boundaries matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.text import lower
from kehoach.vocab import phrase_pattern, vocabulary


def flat_pattern(phrases, *, word_boundary=True, folder=lower) -> str:
    """The plain form: every phrase in full, longest first."""
    unique = sorted({" ".join(folder(p).split()) for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in unique)
    return r"(?<!\w)(?:" + body + r")(?!\w)" if word_boundary else "(?:" + body + ")"


ALPHABET = "abcđ ạ-/."
phrase = st.text(alphabet="abcđạ", min_size=1, max_size=4).flatmap(
    lambda w: st.lists(st.text(alphabet="abcđạ", min_size=1, max_size=3), max_size=2).map(
        lambda rest: " ".join([w, *rest])
    )
)


@settings(max_examples=300, deadline=None)
@given(st.lists(phrase, min_size=1, max_size=8), st.text(alphabet=ALPHABET + "\n", max_size=40), st.booleans())
def test_trie_matches_like_a_flat_alternation(phrases, text, boundary):
    trie = re.compile(phrase_pattern(phrases, word_boundary=boundary, folder=lower))
    flat = re.compile(flat_pattern(phrases, word_boundary=boundary))
    for pos in range(len(text) + 1):
        a, b = trie.match(text, pos), flat.match(text, pos)
        assert (a and a.span()) == (b and b.span()), (phrases, text, pos)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_real_vocabulary_lists_match_alike():
    vocab = vocabulary()
    text = lower(
        "Ban Thường vụ Tỉnh ủy chỉ đạo; Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư; "
        "Ủy ban nhân dân các huyện, thị xã, thành phố theo dõi, đôn đốc; các cơ quan liên quan tham mưu. "
        "Giao Sở Nội vụ; đề nghị Bộ Công an; yêu cầu các đơn vị. xBan Tuyên giáo; Bộ Chính trịx; Bổ sung; Sởx"
    )
    for phrases in (vocab.predicate_verbs, [h.words for h in vocab.heads], vocab.tasking_verbs):
        trie = re.compile(phrase_pattern(phrases, folder=lower))
        flat = re.compile(flat_pattern(phrases))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
        assert any(True for _ in trie.finditer(text))
