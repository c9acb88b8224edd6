"""The body vocabulary of data/bodies.toml: every entry used, none shadowed.

A head is *used* when the reader, given its words, reads that head (its function and
kind), and *shadowed* when another entry takes its place: a longer or earlier head
with the same letters ("Quận ủy" / "Quân ủy" without tones, "Trưởng" / "Trường"), or
a "not a body" phrase that covers it whole ("Báo cáo" over "Báo cáo viên"). The
reader's own word lists must each do something too.
"""

from __future__ import annotations

import pytest

from kehoach.extract.bodies import View, _head_at, body_regexes, read_body, reader_vocabulary, without_levels
from kehoach.text import tfold
from kehoach.vocab import vocabulary

HEADS = vocabulary().heads


@pytest.mark.parametrize("head", HEADS, ids=[h.words for h in HEADS])
def test_every_head_reads_as_itself(head):
    found = _head_at(View(head.words), 0)
    assert found is not None, f"{head.words!r} is never read (a not_bodies phrase covers it?)"
    got, end = found
    assert end == len(head.words), f"{head.words!r} is read as the longer {got.words!r}"
    assert (got.function, got.kind) == (head.function, head.kind), (
        f"{head.words!r} is shadowed by {got.words!r} ({got.function}, {got.kind})"
    )


def test_no_two_heads_share_their_letters():
    # (one-word heads are told apart by their exact spelling first: "Trưởng" and "Trường")
    by_letters: dict[str, set[tuple[str, str]]] = {}
    for h in HEADS:
        key = h.words.lower() if " " not in h.words.strip() else " ".join(tfold(h.words).split())
        by_letters.setdefault(key, set()).add((h.function, h.kind))
    clashes = {k: v for k, v in by_letters.items() if len(v) > 1}
    assert not clashes, clashes


def test_a_capitalised_head_starts_a_body():
    for h in HEADS:
        if h.kind in ("organ", "person") and h.words[:1].isupper():
            name = read_body(View(h.words + " tỉnh Lào Cai chủ trì"), 0)
            assert name is not None and name.head.function == h.function, h.words


def test_reader_lists_are_distinct():
    for key, words in reader_vocabulary().items():
        assert len(words) == len(set(words)), key


def test_every_not_body_phrase_guards_a_head():
    rx = body_regexes()
    for phrase in reader_vocabulary()["not_bodies"]:
        v = View(phrase)
        assert rx.head.match(v.tf) or rx.head_word.match(v.lc), f"{phrase!r} starts with no head: it guards nothing"
        assert read_body(View(phrase + " của tỉnh"), 0) is None, phrase


@pytest.mark.parametrize("word", reader_vocabulary()["adjuncts"])
def test_every_adjunct_ends_a_name(word):
    name = read_body(View(f"Sở Tài chính {word} Sở Xây dựng"), 0)
    assert name is not None and name.text == "Sở Tài chính", (word, name and name.text)


@pytest.mark.parametrize("word", reader_vocabulary()["modifiers"])
def test_every_modifier_stays_in_the_name(word):
    name = read_body(View(f"các cơ quan {word} chủ trì"), 0)
    assert name is not None and name.text.endswith(word), (word, name and name.text)


@pytest.mark.parametrize("word", reader_vocabulary()["determiners"])
def test_every_determiner_opens_a_class(word):
    name = read_body(View(f"{word} sở, ngành chủ trì"), 0)
    assert name is not None and name.text.startswith(word), (word, name and name.text)


def test_every_level_word_is_a_level():
    for word in vocabulary().level_words:
        assert without_levels(f"Tài chính {word}") == "Tài chính", word
