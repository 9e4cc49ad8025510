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
