"""The entities analyzer reads the document's word columns: no Word object, same mentions.

Every expected span below was counted by hand on the text next to it.
"""

from __future__ import annotations

import pytest
from textkit import Config, Document
from textkit.plugins._entity_mentions import _WORD_INDICES
from textkit.plugins.entities import analyze, find_mentions

# Every path that looks at a plain word (a particle, a row of figures, a dateline, a name
# wrapped across lines, a headline with figures) and every kind of name word (glued,
# hyphenated, possessive, a hyphenated place in a dateline).
TEXT = (
    "WINSTON-SALEM 1996-12-06\n"
    "Shares of the Bank of England rose in 2019 and 2020 and 2021.\n"
    "Karlsruhe 17 8 4 5 30 20 28\n"
    "They met Charles de Gaulle at the National Hockey\n"
    "League office in Paris.\n"
    "byTikTok\n"
    "A fan of the\n"
    "US-China talks met Apple’s chief.\n"
    "JAPAN GET LUCKY WIN 2 1 IN ASIAN CUP\n"
)


def spans(document):
    return [(m.start, m.end, m.text, m.name, m.type) for m in find_mentions(document)]


def test_mentions_read_from_the_word_columns():
    assert spans(Document(TEXT)) == [
        (0, 13, "WINSTON-SALEM", "WINSTON-SALEM", "place"),
        (39, 54, "Bank of England", "Bank of England", None),
        (87, 96, "Karlsruhe", "Karlsruhe", None),
        (124, 141, "Charles de Gaulle", "Charles de Gaulle", None),
        (149, 171, "National Hockey\nLeague", "National Hockey League", None),
        (182, 187, "Paris", "Paris", None),
        (191, 197, "TikTok", "TikTok", None),
        (211, 213, "US", "US", None),
        (214, 219, "China", "China", None),
        (230, 235, "Apple", "Apple", None),
        (245, 250, "JAPAN", "Japan", None),
        (272, 277, "ASIAN", "Asian", None),
    ]


def test_analysing_makes_no_word_object():
    document = Document(TEXT)
    section = analyze(document, Config())
    assert section.metrics == {"distinct": 12, "mentions": 12}
    # Word objects are made on first use of document.words; the analyzer reads the columns.
    assert "words" not in document.segmentation.__dict__


@pytest.mark.parametrize("plain_words", [10, len(_WORD_INDICES) + 10])
def test_names_after_the_kept_word_indices_are_found_the_same(plain_words):
    # Plain words are kept in a sentence as their indices: a constant tuple for a
    # document's first words, a range past them. Names on either side are the same.
    text = "word " * plain_words + "shares of the Bank of England fell, said Charles de Gaulle."
    offset = 5 * plain_words
    assert spans(Document(text)) == [
        (offset + 14, offset + 29, "Bank of England", "Bank of England", None),
        (offset + 41, offset + 58, "Charles de Gaulle", "Charles de Gaulle", None),
    ]
