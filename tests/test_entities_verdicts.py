"""The entities analyzer's shortcuts give what its rules give.

Verdicts kept across documents (a name's type and merge facts), a word's
shape read off its letters, and the word lists' answers without a regex
split: each is checked against the rule it stands for, with expected values
worked out by hand from the rules in _entity_mentions/_entity_merge.
"""

from __future__ import annotations

import pytest
from textkit import Document
from textkit.plugins import _entity_mentions as m
from textkit.plugins import _entity_merge as mg
from textkit.plugins._entity_lexicon import lexicon
from textkit.plugins.entities import Mention, find_mentions, merge_mentions


def spans(text: str) -> list[tuple[int, int, str, str, str | None]]:
    return [(x.start, x.end, x.text, x.name, x.type) for x in find_mentions(Document(text))]


# --- a word's shape -------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "shape"),
    [
        ("apple", False),  # lowercase letters: one plain piece
        ("élan", False),
        ("Apple", (True, False, True)),
        ("APPLE", (True, False, True)),
        ("École", (True, False, True)),
        ("iPhone", (False, True, True)),  # glued: a lowercase start, a capital inside
        ("ǅemal", False),  # a titlecase letter is neither upper nor lower: opens nothing
        ("中文", False),  # letters without case
        ("W224", False),  # a code, not a word of a name (the general path)
        ("Apple's", (True, False, False)),  # a possessive: not one whole piece
        ("well-known", (False, False, False)),
    ],
)
def test_word_shape(word, shape, monkeypatch):
    monkeypatch.setattr(m, "_WORD_SHAPES", {})
    assert m._word_shape(word) == shape
    if word.isalpha():  # the letters-only shortcut agrees with _shape
        capitalised, glued = m._shape(word)
        assert shape == ((capitalised, glued, True) if capitalised or glued else False)


def test_titles_and_common_words_without_the_split():
    lex = lexicon()
    assert lex.is_title("President") and lex.is_title("Vice-President")  # the split still reads hyphens
    assert not lex.is_title("Presidents") and not lex.is_title("Kolyvanov")
    assert lex.is_common_word("Period") and not lex.is_common_word("Kolyvanov")
    assert lex.is_common_word("We’re")  # by its first part, as before
    assert not lex.is_common_word("Zyxw's")


def describe(pieces):
    return [
        (p.start, p.end, p.text, p.capitalised, p.glued, p.joins_previous, p.parts and describe(p.parts)) for p in pieces
    ]


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        # Cut at the hyphen: "DeepSeek" opens a name, "inspired" is a lowercase piece.
        ("DeepSeek-inspired", [(10, 18, "DeepSeek", True, False, True, None), (19, 27, "inspired", False, False, True, None)]),
        # Every part capitalised: one piece that keeps its parts.
        ("Hewlett-Packard", [(10, 25, "Hewlett-Packard", True, False, True,
                              [(10, 17, "Hewlett", True, False, True, None), (18, 25, "Packard", True, False, True, None)])]),
        ("well-known", [(10, 14, "well", False, False, True, None), (15, 20, "known", False, False, True, None)]),
        ("trans-Atlantic", [(10, 15, "trans", False, False, True, None), (16, 24, "Atlantic", True, False, True, None)]),
        ("--", [(10, 12, "--", False, False, True, None)]),  # hyphens only: the word itself
    ],
)  # fmt: skip
def test_split_word(word, pieces, monkeypatch):
    monkeypatch.setattr(m, "_SPLITS", {})
    text = "x" * 10 + word  # the word at offset 10
    first = m._split_word(text, 10, 10 + len(word))
    assert describe(first) == pieces
    second = m._split_word(text, 10, 10 + len(word))  # from the plan kept for the spelling
    assert describe(second) == pieces and all(a is not b for a, b in zip(first, second))  # new pieces each time


def test_split_plans_are_bounded(monkeypatch):
    monkeypatch.setattr(m, "_SPLITS", {})
    monkeypatch.setattr(m, "_MAX_WORD_SHAPES", 2)
    for word in ["a-b", "c-d", "E-F", "g-h"]:
        m._split_word(word, 0, len(word))
        assert len(m._SPLITS) <= 2
    assert list(m._SPLITS) == ["E-F", "g-h"]  # cleared at the third


# --- merging: per-spelling facts and types ---------------------------------------


def test_one_spelling_types_are_the_lexicon_rule(monkeypatch):
    monkeypatch.setattr(mg, "_NAME_TYPES", {})
    lex = lexicon()
    expected = {
        "Geneva": "place",
        "Maria Lopez": "person",
        "Chicago Bulls": "organisation",
        "SCMP": "organisation",
        "M. Waugh": "person",
        "Russian": "nationality",
        "Huawei Technologies": "organisation",
        "Zyxwvut": None,
    }
    for name, type_ in expected.items():
        assert mg._one_spelling_type(name, lex) == type_ == mg._type_by_lexicon(name, {name}, lex)
        assert mg._NAME_TYPES[name] == type_  # kept for the next document


def test_merging_rows_of_one_mention_and_of_several():
    found = merge_mentions(
        [
            Mention(40, 46, "Geneva", "Geneva"),
            Mention(0, 6, "Geneva", "Geneva"),  # out of text order: the row is sorted
            Mention(10, 15, "Lopez", "Lopez", "person"),  # a type given by the recogniser wins
            Mention(20, 26, "Zyxwvu", "Zyxwvu"),
        ]
    )
    assert [(e.name, e.type, [x.start for x in e.mentions]) for e in found] == [
        ("Geneva", "place", [0, 40]),
        ("Lopez", "person", [10]),
        ("Zyxwvu", None, [20]),
    ]


def test_merge_caches_are_bounded(monkeypatch):
    monkeypatch.setattr(mg, "_MAX_CACHED", 2)
    monkeypatch.setattr(mg, "_NAME_FACTS", {})
    monkeypatch.setattr(mg, "_NAME_TYPES", {})
    names = ["South China Morning Post", "SCMP", "Geneva", "U.S.", "US"]
    mentions = [Mention(10 * i, 10 * i + len(n), n, n) for i, n in enumerate(names)]
    rows = [(e.name, e.count) for e in merge_mentions(mentions)]
    assert rows == [("South China Morning Post", 2), ("U.S.", 2), ("Geneva", 1)]  # acronym and initialism joined
    assert len(mg._NAME_FACTS) <= 2 and len(mg._NAME_TYPES) <= 2
