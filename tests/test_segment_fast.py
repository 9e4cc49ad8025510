"""segment.py's fast paths give what the patterns they replace give."""

from __future__ import annotations

import random

from textkit.segment import _CLOSED_LINE, _QUOTE_MARKS, _TOO_MANY_WORDS, _has_quote_mark, _is_closed, _is_short_list


def test_a_closed_line_is_what_the_closed_line_pattern_finds():
    rng = random.Random(3)
    alphabet = "a .!?…:;\"”’')]“x"
    for _ in range(50_000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))).strip()
        assert _is_closed(line) == bool(_CLOSED_LINE.search(line)), line
    assert _is_closed("He said “no.”)") and not _is_closed("Headline”") and not _is_closed("")


def test_quote_marks_are_what_the_quote_pattern_finds():
    rng = random.Random(5)
    alphabet = "a “”\"'’x"
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        start, end = rng.randint(0, 9), rng.randint(0, 9)
        assert _has_quote_mark(text, start, end) == bool(_QUOTE_MARKS.search(text, start, end)), (text, start, end)


def test_too_many_words_is_more_than_four_of_str_split():
    rng = random.Random(7)
    for _ in range(50_000):
        line = "".join(rng.choice("ab \t\xa0\u2003,") for _ in range(rng.randint(0, 14))).strip()
        assert bool(_TOO_MANY_WORDS.match(line)) == (len(line.split()) > 4), repr(line)


def test_short_lists():
    text = "features\ncontact manager\nevents, activities"
    assert _is_short_list(text.split("\n"), text, 0, len(text))
    text = "features\ncontact manager for all of us\nevents"  # a line of five words
    assert not _is_short_list(text.split("\n"), text, 0, len(text))
    text = "features\ncontact manager.\nevents"  # a closed line
    assert not _is_short_list(text.split("\n"), text, 0, len(text))
