"""Phrase search in the prose, asked only where a phrase can start instead of at every character.

A phrase pattern (``lexicon.Phrases``) matches only where one of its first words begins,
after no letter, digit or "#". ``find`` tries it at those places only, and so finds what
``pattern.finditer`` finds paragraph by paragraph (``lexicon.scan``), in the same order:

* every prose word whose key is a first word of the list (``lexicon.listed_positions``);
* inside a word of ASCII letters and digits joined by apostrophes, hyphens or points
  ("so-called", "what's"), every run of letters or digits that is a first word;
* every word with a letter outside ASCII, at its start and after each mark inside it
  (case-insensitive matching reads some of those letters as ASCII ones: "ſ" matches "s"), unless
  a run of ASCII letters and digits followed by no letter or digit stands there ("don’t"): then
  only if that run is a first word, as inside an ASCII word;
* every "#" before a word, for the lists holding hashtags ("#sarcasm").

Where a match starts, the text holds the first word's opening run of letters and digits and
then no further letter or digit: that run, in lower case, is a first word of the list.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress, repeat
from operator import and_, methodcaller, not_, sub

from .lexicon import (
    Lexicon,
    Phrases,
    listed_positions,
    prose_paragraphs,
    prose_word_indices,
    word_ends,
    word_starts,
    word_texts,
)

_RUN = re.compile(r"[A-Za-z0-9]+")
_MANY = 200  # places of one first word from which those its second word rules out are dropped first
_FEW = 6  # places of one first word up to which each is tried in turn (beyond: at C speed, see ``find``)
_START = methodcaller("start")


@dataclass(frozen=True)
class _Places:
    runs: dict[str, list[int]]  # inside ASCII words with marks: offsets of each run of letters, by key
    foreign: list[int]  # offsets at and inside words with non-ASCII letters
    hashes: list[int]  # offsets of a "#" before a word
    paragraph_starts: list[int]  # the prose paragraphs' bounds, for each search's end
    paragraph_ends: list[int]


MAX_KEPT_WORDS = 20_000  # distinct words whose places (``_word_entry``) are kept across documents
# word -> its places, flattened (offset in the word, key or None, whether the run reaches its end):
# a dict of strings to tuples of atoms, which the garbage collector does not walk.
_WORD_PLACES: dict[str, tuple[int | str | bool | None, ...]] = {}


def _word_entry(word: str) -> tuple[int | str | bool | None, ...]:
    """Where a phrase may start inside a word that is not plain ASCII letters and digits, as
    (offset, key, at_end) triples: in an ASCII word ("so-called", "U.S."), each run of letters and
    digits, with its key. In a word with a letter outside ASCII, its start and the place after each
    mark: a run of ASCII letters and digits standing there and followed by no letter or digit can
    only start a phrase whose first word opens with that very run (key: the run, as inside an
    ASCII word); elsewhere any phrase could (key None). Where the run reaches the word's end
    (at_end), the character after the word decides, in the text."""
    entry: list[int | str | bool | None] = []
    if word.isascii():
        for run in _RUN.finditer(word):
            entry += (run.start(), run.group().lower(), False)
        return tuple(entry)
    for k in (0, *(k for k in range(1, len(word)) if not word[k - 1].isalnum())):
        run = _RUN.match(word, k)
        if run is None:
            entry += (k, None, False)
        elif run.end() == len(word):
            entry += (k, run.group().lower(), True)
        else:
            entry += (k, None if word[run.end()].isalnum() else run.group().lower(), False)
    return tuple(entry)


def _places(document) -> _Places:
    def compute() -> _Places:
        text = document.text
        starts, ends = word_starts(document), word_ends(document)
        runs: dict[str, list[int]] = {}
        foreign = []
        prose = prose_word_indices(document)
        all_texts = word_texts(document)
        texts = all_texts if len(prose) == len(all_texts) else list(map(all_texts.__getitem__, prose))
        # Only the words that are not plain ASCII letters and digits (a plain word is found by its key).
        plain = map(and_, map(str.isalnum, texts), map(str.isascii, texts))
        for i in compress(prose, map(not_, plain)):
            word = all_texts[i]
            entry = _WORD_PLACES.get(word)
            if entry is None:
                entry = _word_entry(word)
                if len(_WORD_PLACES) < MAX_KEPT_WORDS:
                    _WORD_PLACES[word] = entry
            start = starts[i]
            triples = iter(entry)
            for offset, key, at_end in zip(triples, triples, triples):
                # (A run reaching the word's end: the character after the word decides.)
                if key is None or (at_end and text[ends[i] : ends[i] + 1].isalnum()):
                    foreign.append(start + offset)
                else:
                    runs.setdefault(key, []).append(start + offset)
        paragraphs = prose_paragraphs(document)
        hashes = [
            m.start() for p in paragraphs for m in _HASH_BEFORE_WORD.finditer(text, p.start, p.end)
        ] if "#" in text else []
        return _Places(runs, foreign, hashes, [p.start for p in paragraphs], [p.end for p in paragraphs])

    return document.memo("irony.phrase_places", compute)


_HASH_BEFORE_WORD = re.compile(r"#(?=\w)")
_SEPARATORS = " \t\n\r\x0b\x0c,"  # the ASCII characters of the phrases' [\\s,] between words


def _may_go_on(document, key: str, indices: list[int], second_starts: frozenset[str]) -> list[int]:
    """The plain ASCII words (by index) that may open a phrase whose second word opens with one of
    ``second_starts``: dropped are those followed by only spaces and commas, then a word opening
    with another ASCII character. After such a word the run of spaces and commas between the
    phrase's words can end only where the next word starts, so its second word would start there.
    What follows each word is read once per document (several lists open with "a")."""
    openings = document.memo("irony.next_openings", dict).get(key)
    if openings is None:
        openings = document.memo("irony.next_openings", dict)[key] = _next_openings(document, indices)
    return list(compress(indices, map(second_starts.union((None,)).__contains__, openings)))


def _next_openings(document, indices: list[int]) -> list[str | None]:
    """Per word, the character the next word opens with where only spaces and commas lie between
    and it is ASCII; None where the word is kept whatever the phrases (the last word, another gap,
    a character outside ASCII)."""
    starts, ends, text = word_starts(document), word_ends(document), document.text
    last = len(starts) - 1
    openings: list[str | None] = []
    for i in indices:
        opening = None
        if i < last:
            following = starts[i + 1]
            opening = text[following]
            if not opening.isascii() or text[ends[i] : following].strip(_SEPARATORS):
                opening = None
        openings.append(opening)
    return openings


def _word_places(texts: list[str], starts: list[int], indices: list[int]) -> tuple[list[int], list[int]]:
    """For the prose words of one first word (``indices``): those standing in ASCII (indices) and
    the starts of the others (tried with the whole pattern)."""
    ascii_words = list(map(str.isascii, map(texts.__getitem__, indices)))
    plain = list(compress(indices, ascii_words))
    others = [] if len(plain) == len(indices) else [*map(starts.__getitem__, compress(indices, map(not_, ascii_words)))]
    return plain, others


def _plain_spans(starts: list[int], places: _Places, plain: list[int]) -> tuple[list[int], list[int]]:
    """The words' starts and the ends of their paragraphs (where a match there must end). A prose
    word lies in a prose paragraph, the last one starting at or before the word (the paragraphs
    are disjoint and in order): found by bisection at C speed."""
    plain_starts = list(map(starts.__getitem__, plain))
    at = map(sub, map(bisect.bisect_right, repeat(places.paragraph_starts), plain_starts), repeat(1))
    return plain_starts, list(map(places.paragraph_ends.__getitem__, at))


def find(document, phrases: Phrases, lex: Lexicon) -> list[re.Match[str]]:
    """The matches of ``phrases.pattern`` in the prose paragraphs, as ``lexicon.scan`` yields them."""
    # What every list's search reads, fetched in one memo call (the document's 7 searches share it).
    places, positions, word_places, starts_of, texts = document.memo(
        "irony.phrase_search",
        lambda: (_places(document), listed_positions(document, lex), {}, word_starts(document), word_texts(document)),
    )
    pattern, by_first_word = phrases.pattern, phrases.by_first_word
    text = document.text
    paragraph_starts, paragraph_ends = places.paragraph_starts, places.paragraph_ends

    def matches(tried: re.Pattern[str], offsets) -> list[re.Match[str]]:
        out = []
        for start in offsets:
            k = bisect.bisect_right(paragraph_starts, start) - 1
            if k >= 0 and start < paragraph_ends[k] and (match := tried.match(text, start, paragraph_ends[k])):
                out.append(match)
        return out

    # Every place is tried on its own (a match does not depend on the others), then the matches are
    # taken in order as ``finditer`` would: none starting inside the previous one. A first word
    # standing in ASCII letters and digits is followed by no letter or digit (a word or run ends
    # there), which cannot match one even ignoring case, so only the phrases opening with that
    # very word can match there (their own, shorter pattern). A word met a few times has each
    # place tried in turn; one met more often, its places at C speed (worked out once per
    # document: several lists open with "a"); and where it is met very often (a flood of "a"),
    # not at all where the next word cannot open their second word.
    candidates = []
    starts = []  # tried with the whole pattern
    for key in phrases.first_words & positions.keys():
        indices = positions[key]
        tried = by_first_word.get(key, pattern)
        if len(indices) < _FEW:  # (most first words): each place in turn, no column built for them
            for i in indices:
                start = starts_of[i]
                if not texts[i].isascii():
                    starts.append(start)
                # A prose word lies in a prose paragraph: the last one starting at or before it.
                elif match := tried.match(text, start, paragraph_ends[bisect.bisect_right(paragraph_starts, start) - 1]):
                    candidates.append(match)
            continue
        known = word_places.get(key)
        if known is None:
            known = word_places[key] = _word_places(texts, starts_of, indices)
        plain, others = known
        starts += others
        if len(indices) >= _MANY and key in phrases.second_starts:
            kept = _may_go_on(document, key, plain, phrases.second_starts[key])
            candidates += matches(tried, map(starts_of.__getitem__, kept))
        else:
            spans = word_places.get((key,))  # (made only here: a flood of "a" filtered above needs none)
            if spans is None:
                spans = word_places[(key,)] = _plain_spans(starts_of, places, plain)
            candidates += filter(None, map(tried.match, repeat(text), *spans))
    starts += [offset for key in phrases.first_words & places.runs.keys() for offset in places.runs[key]]
    starts += places.foreign
    if phrases.after_hash:
        starts += places.hashes
    starts.sort()
    candidates += matches(pattern, starts)
    candidates.sort(key=_START)
    found = []
    searched_to = -1  # like finditer, a match starts no earlier than the previous one's end
    for match in candidates:
        if match.start() >= searched_to:
            found.append(match)
            searched_to = match.end()
    return found
