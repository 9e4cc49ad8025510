"""Shared pieces of the irony package: the word lists, a located marker, span helpers.

Word lists live in ``plugins/data/irony_lexicon.json``.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress
from operator import attrgetter
from typing import Any, Iterable, Mapping



_FIRST_WORD = attrgetter("first_word")


@dataclass(frozen=True, slots=True)
class Marker:
    family: str
    start: int
    end: int
    message: str
    extra: Mapping[str, Any] | None = None  # goes into the finding's data


def read_json(name: str) -> dict[str, Any]:
    return json.loads(resources.files("textkit.plugins").joinpath("data", name).read_text(encoding="utf-8"))


_LEADING_KEY = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Phrases:
    """A pattern that can only match where one of its first words begins (``phrases.find``).

    ``first_words`` are the keys a match may start with (the letters and digits its first word
    opens with, lower case); ``after_hash`` is set when a match may start at a "#" before a word.
    """

    pattern: re.Pattern[str]
    first_words: frozenset[str]
    after_hash: bool = False
    # For some first words, the pattern of only the phrases opening with it (``phrases.find`` tries
    # it where that word stands in plain ASCII letters and digits: the others cannot match there).
    by_first_word: Mapping[str, re.Pattern[str]] = field(default_factory=dict, compare=False)
    # For a first word that every phrase opening with it follows with more words: the characters
    # (ASCII; both cases) the second word can open with. Elsewhere that word cannot start a match.
    second_starts: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False)


def _phrase_pattern(phrases: Iterable[str]) -> Phrases:
    """One regex for a list of phrases: any spacing or comma between words, either apostrophe."""
    parts = []
    first_words = set()
    parts_by_first: dict[str, list[str]] = {}
    second_starts: dict[str, set[str]] = {}
    unfiltered: set[str] = set()
    after_hash = False
    for phrase in sorted(phrases, key=len, reverse=True):
        words = phrase.replace(",", " ").split()
        parts.append(r"[\s,]+".join(re.escape(w).replace("'", "['’]") for w in words))
        first = words[0].lower()
        if first.startswith("#"):
            after_hash = True
        elif leading := _LEADING_KEY.match(first):
            first_words.add(leading.group())
            parts_by_first.setdefault(leading.group(), []).append(parts[-1])
            opening = words[1][0] if len(words) > 1 and first == leading.group() else ""
            if opening.isascii() and opening and leading.group() not in unfiltered:
                second_starts.setdefault(leading.group(), set()).update(
                    {opening.lower(), opening.upper(), *("’" if opening == "'" else "")}
                )
            else:  # a one-word phrase, a first word going on past its letters, a non-ASCII letter
                unfiltered.add(leading.group())
                second_starts.pop(leading.group(), None)
        else:
            raise ValueError(f"irony lexicon: a phrase must start with a letter, a digit or '#': {phrase!r}")

    def alternatives(chosen: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![\w#])(?:" + "|".join(chosen) + r")(?!\w)", re.IGNORECASE)

    by_first = {key: alternatives(chosen) for key, chosen in parts_by_first.items()}
    second = {key: frozenset(chars) for key, chars in second_starts.items()}
    return Phrases(alternatives(parts), frozenset(first_words), after_hash, by_first, second)


# "so-called" is the spoken scare quote; followed by quotes it is one marker, counted there.
SO_CALLED = Phrases(re.compile(r"\bso[-\s]called\b(?!\s*[\"“‘])", re.IGNORECASE), frozenset({"so"}))
_SUPERLATIVES = (
    "best worst greatest biggest smartest dumbest stupidest finest coolest funniest saddest".split()
)
SUPERLATIVE_EVER = Phrases(
    re.compile(
        r"\b(?:" + "|".join(_SUPERLATIVES) + r"|most\s+\w+)\s+(?:[\w’'-]+\s+){0,3}?ever\b", re.IGNORECASE
    ),
    frozenset({*_SUPERLATIVES, "most"}),
)


class Lexicon:
    def __init__(self, raw: dict[str, Any]) -> None:
        def words(key: str) -> frozenset[str]:
            return frozenset(w.lower() for w in raw[key])

        self.explicit = words("explicit_words")
        self.explicit_phrases = _phrase_pattern(raw["explicit_phrases"])
        self.hyperbole = words("hyperbole_words")
        self.hyperbole_phrases = _phrase_pattern(raw["hyperbole_phrases"])
        self.interjections = words("interjections")
        self.interjection_phrases = _phrase_pattern(raw["interjection_phrases"])
        self.praise_formulas = _phrase_pattern(raw["praise_formulas"])
        self.understatement_phrases = _phrase_pattern(raw["understatement_phrases"])
        self.rhetorical_formulas = _phrase_pattern(raw["rhetorical_formulas"])
        self.rhetorical_whole = words("rhetorical_whole")
        self.negative_auxiliaries = words("negative_auxiliaries")
        self.acronyms = frozenset(w.upper() for w in raw["acronyms"])
        self.aside_max_words = int(raw["aside_max_words"])
        self.aside_excluded_starts = words("aside_excluded_starts")
        self.quote_max_words = int(raw["quote_max_words"])
        self.speech_verbs = words("speech_verbs")
        self.mention_cues = words("mention_cues")
        self.stopwords = words("stopwords")
        self.negators = words("negators")
        self.contrast_ignore = words("contrast_ignore")
        # A word's valence if clearly positive or negative, else None (``incongruity``), for the
        # words of VADER's lexicon met so far: bounded by that lexicon.
        self.clear_valences: dict[str, float | None] = {}
        aux = "is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|shall|must|may|might"
        pronoun = "it|he|she|they|we|you|i|there|that|this|one"
        tag_words = "|".join(re.escape(w) for w in raw["tag_words"])
        self.tag_question = re.compile(
            r",\s*(?P<tag>(?:(?:" + aux + r"|ai|wo|ca|sha)n['’]t\s+(?:" + pronoun + r"))"
            r"|(?:(?:" + aux + r")\s+(?:" + pronoun + r"))"
            r"|(?:don['’]t\s+you\s+think)"
            r"|(?:" + tag_words + r"))\s*\?[!?]*[\"”’')\]]*\s*$",
            re.IGNORECASE,
        )
        # The words ``listed_positions`` finds in one pass: every listed word and every word a
        # phrase can start with.
        phrase_lists = (
            self.explicit_phrases, self.hyperbole_phrases, self.interjection_phrases, self.praise_formulas,
            self.understatement_phrases, SO_CALLED, SUPERLATIVE_EVER,
        )
        self.indexed = frozenset().union(
            self.explicit, self.hyperbole, self.interjections, *(p.first_words for p in phrase_lists)
        )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(read_json("irony_lexicon.json"))


@lru_cache(maxsize=65536)
def valence(word: str) -> float:
    """A word's VADER lexicon valence, read back from VADER's compound for the word alone."""
    from textkit.plugins._vader import polarity

    compound = polarity(word)["compound"]
    if abs(compound) >= 1:
        return math.copysign(4.0, compound)
    return round(compound * math.sqrt(15 / (1 - compound * compound)), 2)


def norm(word: str) -> str:
    return word.replace("’", "'").replace("‘", "'").lower()


# The segmenter's word columns (tuples) copied into lists, once per document: the irony modules
# read them by index through ``map(column.__getitem__, ...)``, which calls list.__getitem__ at C
# speed but goes through a slot wrapper for a tuple (several times slower). No Word object is made.


def word_texts(document) -> list[str]:
    """Every word's text, by word index (read once per document: the irony modules share it)."""
    return document.memo("irony.word_texts", lambda: list(document.word_texts))


def word_starts(document) -> list[int]:
    """Every word's start offset, by word index."""
    return document.memo("irony.word_starts", lambda: list(document.word_starts))


def word_ends(document) -> list[int]:
    """Every word's end offset, by word index."""
    return document.memo("irony.word_ends", lambda: list(document.word_ends))


def sentence_firsts(document) -> list[int]:
    """The first word index of every sentence, by sentence index. The sentences' word ranges
    follow each other from word 0 on (as the segmenter numbers them), so word ``i`` is in sentence
    ``bisect_right(firsts, i) - 1`` (an empty sentence before it shares its first word and comes
    first), and words ``i`` and ``i + 1`` share a sentence unless ``i + 1`` is some sentence's first."""
    return document.memo("irony.sentence_firsts", lambda: list(map(_FIRST_WORD, document.sentences)))


def sentence_of(document, i: int) -> int:
    """The index of word ``i``'s sentence (see ``sentence_firsts``), without a Word object."""
    return bisect.bisect_right(sentence_firsts(document), i) - 1


def word_keys(document) -> list[str]:
    """Every word of the document normalised (lower case, straight apostrophes), by word index."""
    return document.memo("irony.word_keys", lambda: _keys(word_texts(document), joined_keys(document)))


def joined_keys(document) -> str:
    """The word keys joined by line breaks (``word_keys`` splits it): one string in which to ask
    at C speed whether some key holds a piece of text."""
    return document.memo("irony.joined_keys", lambda: _joined(word_texts(document)))


def _joined(texts: list[str]) -> str:
    # One ``norm`` over all the words joined by line breaks: no word holds a line break, and
    # lower-casing a word depends on nothing outside it but a neighbouring cased letter (final
    # sigma), which a line break is not.
    return "\n".join(texts).replace("’", "'").replace("‘", "'").lower()


def _keys(texts: list[str], joined: str | None = None) -> list[str]:
    if joined is None:
        joined = _joined(texts)
    return joined.split("\n") if texts else []


def prose_word_indices(document) -> list[int]:
    """The indices of the words of the prose sentences, in order."""

    def compute() -> list[int]:
        sentences = document.prose_sentences
        if len(sentences) == len(document.sentences):
            # Every sentence is prose: their word ranges are disjoint and in order, so if they hold
            # every word, together they are all the word indices (no loop over the sentences).
            held = sum(map(attrgetter("end_word"), sentences)) - sum(map(attrgetter("first_word"), sentences))
            if held == len(word_texts(document)):
                return list(range(held))
        indices: list[int] = []
        for sentence in sentences:
            indices += range(sentence.first_word, sentence.end_word)
        return indices

    return document.memo("irony.prose_words", compute)


def listed_positions(document, lex: "Lexicon") -> dict[str, list[int]]:
    """For each key of ``lex.indexed`` found in the prose, the indices of its words (in order):
    the one pass over the words that the word lists and the phrase searches share."""

    def compute() -> dict[str, list[int]]:
        keys = word_keys(document)
        wanted = lex.indexed
        found: dict[str, list[int]] = {}
        prose = prose_word_indices(document)
        # (Every word is prose in most texts: then the keys are read as they are, not by index.)
        prose_keys = keys if len(prose) == len(keys) else map(keys.__getitem__, prose)
        for i in compress(prose, map(wanted.__contains__, prose_keys)):
            indices = found.get(keys[i])  # (not ``setdefault``: no empty list made for a key met again)
            if indices is None:
                found[keys[i]] = [i]
            else:
                indices.append(i)
        return found

    return document.memo("irony.listed_positions", compute)


def prose_paragraphs(document):
    return [p for p in document.paragraphs if not p.boilerplate]


def _scanned_spans(document) -> list[tuple[int, int]]:
    """Where ``scan_lines`` searches: each prose paragraph, or the whole text at once when every
    paragraph is prose and only blank runs holding a line break lie between them (most texts).
    A pattern given to ``scan`` matches no line break and starts with no space, so no match
    starts between paragraphs or runs from one into the next; the regex engine sees the same
    characters around a paragraph's bounds either way."""

    def compute() -> list[tuple[int, int]]:
        text = document.text
        paragraphs = document.paragraphs
        if paragraphs and not any(p.boilerplate for p in paragraphs):
            before, after = text[: paragraphs[0].start], text[paragraphs[-1].end :]
            # (A generator: a flood of one-word paragraphs keeps no list of its gaps.)
            inner = (text[a.end : b.start] for a, b in zip(paragraphs, paragraphs[1:]))
            if (not before or before.isspace()) and (not after or after.isspace()) and all(
                "\n" in gap and gap.isspace() for gap in inner
            ):
                return [(0, len(text))]
        return [(p.start, p.end) for p in prose_paragraphs(document)]

    return document.memo("irony.scanned_spans", compute)


def scan(pattern: re.Pattern[str], document, needs: tuple[str, ...] = ()) -> Iterable[re.Match[str]]:
    """``pattern``'s matches in each prose paragraph; none at all when the text holds none of
    ``needs`` (pieces every match contains: a flood of paragraphs without them is not scanned)."""
    return _matches(pattern, document, needs, [(p.start, p.end) for p in prose_paragraphs(document)])


def scan_lines(pattern: re.Pattern[str], document, needs: tuple[str, ...] = ()) -> Iterable[re.Match[str]]:
    """What ``scan`` yields, for a pattern that matches no line break and starts with no space:
    searched in the whole text at once when that finds the same (``_scanned_spans``)."""
    return _matches(pattern, document, needs, _scanned_spans(document))


def _matches(pattern: re.Pattern[str], document, needs: tuple[str, ...], spans) -> Iterable[re.Match[str]]:
    if needs and not any(map(document.text.__contains__, needs)):
        return
    for start, end in spans:
        yield from pattern.finditer(document.text, start, end)


class Spans:
    """The union of some spans, asked by bisection whether a span overlaps it or lies strictly inside it."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        # Merged and sorted, so the last span starting before ``end`` reaches furthest.
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def encloses(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, start) - 1
        return i >= 0 and end < self._ends[i]


def longest_first(markers: list[Marker]) -> list[Marker]:
    """Drop markers that overlap a longer one of the same family ("oh" inside "oh joy").

    One sweep in document order (a longer marker first where two start together): a marker
    overlapping the last one kept replaces it if it is longer, else is dropped.
    """
    kept: list[Marker] = []
    for marker in sorted(markers, key=lambda m: (m.start, m.start - m.end)):
        if kept and marker.start < kept[-1].end:
            if marker.end - marker.start > kept[-1].end - kept[-1].start:
                kept[-1] = marker
            continue
        kept.append(marker)
    return kept


def words_before(document, offset: int, count: int) -> list[str]:
    """The last ``count`` word keys of the sentence before ``offset`` (by bisection: no sentence scan)."""
    sentence = document.sentence_at(offset)
    if sentence is None:
        return []
    k = bisect.bisect_right(word_ends(document), offset, sentence.first_word, sentence.end_word)
    return word_keys(document)[max(sentence.first_word, k - count) : k]


def sentence_keys(document, sentence) -> frozenset[str]:
    """The set of a sentence's word keys, computed once per sentence."""
    cache = document.memo("irony.sentence_key_sets", dict)
    if sentence.index not in cache:
        cache[sentence.index] = frozenset(word_keys(document)[sentence.first_word : sentence.end_word])
    return cache[sentence.index]


def quoted(text: str) -> str:
    return "'" + text.replace("\n", " ") + "'"
