"""Phrase search in the prose, asked only where a phrase can start instead of at every character.

A phrase pattern (``lexicon.Phrases``) matches only where one of its first words begins,
after no letter, digit or "#". ``find`` tries it at those places only, and so finds what
``pattern.finditer`` finds paragraph by paragraph (``lexicon.scan``), in the same order:

* every prose word whose key is a first word of the list (``lexicon.listed_positions``);
* every word that is not plain ASCII letters and digits, at its start and after each
  apostrophe, hyphen or point inside it ("so-called", "what's"; and a word with other
  letters, which case-insensitive matching may read as ASCII ones: "ſ" matches "s");
* every "#" before a word, for the lists holding hashtags ("#sarcasm").

A plain ASCII word that a match starts at is the whole of the match's first word (the match
ends that word with a space, a comma or a non-letter), so its key is a first word of the list.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import Lexicon, Phrases, listed_positions, prose_paragraphs, prose_word_indices


@dataclass(frozen=True)
class _Places:
    odd: list[int]  # offsets inside or at the start of words that are not plain ASCII
    hashes: list[int]  # offsets of a "#" before a word
    paragraph_starts: list[int]  # the prose paragraphs' bounds, for each search's end
    paragraph_ends: list[int]


def _places(document) -> _Places:
    def compute() -> _Places:
        text = document.text
        words = document.words
        odd = []
        for i in prose_word_indices(document):
            word = words[i].text
            if word.isascii() and word.isalnum():
                continue
            start = words[i].start
            odd.append(start)
            odd += [start + k for k in range(1, len(word)) if not word[k - 1].isalnum()]
        paragraphs = prose_paragraphs(document)
        hashes = [
            m.start() for p in paragraphs for m in _HASH_BEFORE_WORD.finditer(text, p.start, p.end)
        ]
        return _Places(odd, hashes, [p.start for p in paragraphs], [p.end for p in paragraphs])

    return document.memo("irony.phrase_places", compute)


_HASH_BEFORE_WORD = re.compile(r"#(?=\w)")


def find(document, phrases: Phrases, lex: Lexicon) -> list[re.Match[str]]:
    """The matches of ``phrases.pattern`` in the prose paragraphs, as ``lexicon.scan`` yields them."""
    places = _places(document)
    positions = listed_positions(document, lex)
    words = document.words
    starts = [words[i].start for key in phrases.first_words & positions.keys() for i in positions[key]]
    starts += places.odd
    if phrases.after_hash:
        starts += places.hashes
    starts.sort()
    text = document.text
    found = []
    searched_to = -1  # like finditer, a match starts no earlier than the previous one's end
    for start in starts:
        if start < searched_to:
            continue
        k = bisect.bisect_right(places.paragraph_starts, start) - 1
        if k < 0 or start >= places.paragraph_ends[k]:
            continue
        match = phrases.pattern.match(text, start, places.paragraph_ends[k])
        if match:
            found.append(match)
            searched_to = match.end()
    return found
