"""Readability: the standard grade formulas over textkit's shared segmentation.

Counts
------
Every count comes from the document's own segmentation, never from
textstat's splitter: the sentences are ``document.prose_sentences`` (trailing
web-page chrome such as "Share." or "Leave A Reply" is left out; how many such
sentences were left out is ``data["boilerplate_sentences"]``) and their words
are ``document.word_texts[sentence.first_word : sentence.end_word]``. A prose
sentence without any word (a "* * *" divider) is not counted as a sentence.

``syllables``
    Per word, from the CMU Pronouncing Dictionary with pyphen as fallback; the
    rules for numerals, acronyms, possessives, hyphenated and camel-case words
    are in :mod:`textkit.plugins._syllables`. A numeral counts one syllable
    per digit.
``polysyllables``
    Words of three or more syllables, numerals excluded (a long number is not
    a hard word). Used by SMOG.
``complex_words``
    Gunning's "complex words" for the Fog index: polysyllables, minus (1)
    proper nouns, taken to be words capitalised other than at the start of
    their sentence or with a capital inside ("DeepSeek", "SCMP"), (2) hyphenated compounds whose every part has fewer than three
    syllables ("DeepSeek-inspired"), and (3) words that reach three syllables
    only through an -ed, -es or -ing ending ("created": "create" has two).
``difficult_words``
    Dale–Chall unfamiliar words: words not on the Dale–Chall list of 3,000
    familiar words (the copy textstat ships, ``textstat/resources/en/
    easy_words.txt``). As the original Dale–Chall rules prescribe, a regular
    inflection of a listed word is familiar (-s, -es, -ies, -ed, -d, -ied,
    -ing, -er, -est, possessive 's, and a doubled final consonant:
    "stopped"), as are proper names (spotted as for complex words) and
    numerals. A hyphenated word is familiar when every part is.
    (textstat counts inflections and names as unfamiliar, so its Dale–Chall
    scores run higher.)
``letters``, ``characters``
    Letters in the words (Coleman–Liau), and letters plus digits
    (Automated Readability Index). Punctuation is not counted; textstat counts
    it as characters for ARI.

Formulas
--------
With S sentences, W words, Y syllables, P polysyllables, C complex words,
D difficult words, L letters and K characters (published constants; the
Flesch, Flesch–Kincaid, Fog, SMOG, ARI and Dale–Chall ones are also
textstat's English ones)::

    flesch_reading_ease         206.835 - 1.015 W/S - 84.6 Y/W
    flesch_kincaid_grade        0.39 W/S + 11.8 Y/W - 15.59
    gunning_fog                 0.4 (W/S + 100 C/W)
    smog_index                  1.043 sqrt(30 P/S) + 3.1291
    coleman_liau_index          0.0588 (100 L/W) - 0.296 (100 S/W) - 15.8
    automated_readability_index 4.71 K/W + 0.5 W/S - 21.43
    dale_chall                  0.1579 (100 D/W) + 0.0496 W/S, + 3.6365 if 100 D/W > 5

Coleman and Liau published 0.0588; textstat uses 0.058. ``dale_chall`` is
the raw Dale–Chall score, not a grade. SMOG is defined on a sample of 30
sentences; for any other number of sentences the polysyllable count is scaled
by 30/S, the standard normalisation (that is the formula above), and a
warning says so when S < 30.

``consensus_grade`` is the median of six grade levels: Flesch–Kincaid, Fog,
SMOG, Coleman–Liau, ARI, and the Dale–Chall score converted to a grade. The
median is continuous in the counts and one formula that misbehaves on a
text (SMOG on a short one, say) cannot drag it far. The conversion is
piecewise linear through the lower ends of Dale and Chall's published bands
(score 5.0 -> grade 5, 6.0 -> 7, 7.0 -> 9, 8.0 -> 11, 9.0 -> 13, 10.0 -> 16),
grade = score below 5.0 ("4.9 and below: grade 4 and below") and two grades
per point above 10.0.

``reading_time_seconds`` is ``60 W / words_per_minute``.

Findings
--------
``long_sentence``
    every prose sentence of more than ``long_sentence_words`` words (30).
``hard_sentence``
    the ``hard_sentences`` (3) sentences with the highest Flesch–Kincaid grade
    computed on the sentence alone, among sentences of at least 8 words
    (shorter ones swing on a single long word) whose grade is at least 12.

Each finding spans its sentence and says the numbers behind it ("54 words;
Flesch–Kincaid grade 27.3"); its data holds ``index``, ``words``,
``syllables``, ``grade`` (and ``rank`` for hard sentences).

Warnings
--------
Fewer than 100 words (the formulas were calibrated on 100-word samples and
more), fewer than 30 sentences (SMOG), more than a quarter of the words not
in the dictionary (syllables guessed by hyphenation: names, or not English),
and a config option that is not a positive number. A text of more than
1,431,655,764 characters (some 700 times textkit's default input limit) is skipped:
each count is summed in a 32-bit field.

Config
------
``config.for_analyzer("readability")``: ``words_per_minute`` (238),
``long_sentence_words`` (30), ``hard_sentences`` (3).

Data
----
::

    {
      "counts": {"sentences", "words", "syllables", "polysyllables",
                 "complex_words", "difficult_words", "letters", "characters",
                 "estimated_syllable_words", "sentences_without_words"},   # ints
      "boilerplate_sentences": int,   # chrome sentences left out
      "sentences": {                  # one column per field, one entry per counted prose sentence, in order
        "index": [int],               # position in document.sentences
        "start": [int], "end": [int], # offsets in document.text
        "words": [int], "syllables": [int], "polysyllables": [int]
      },
      "sentence_grades": [float],     # Flesch–Kincaid grade of each sentence alone (drawn as a sparkline)
      "consensus": {"method": "median",
                    "grades": {"flesch_kincaid_grade": float, "gunning_fog": float,
                               "smog_index": float, "coleman_liau_index": float,
                               "automated_readability_index": float,
                               "dale_chall_grade": float}},
      "settings": {"words_per_minute": float, "long_sentence_words": int,
                   "hard_sentences": int}
    }

``data["sentences"]`` is columns (``pandas.DataFrame(data["sentences"])``
makes the table) and holds no grade: that is ``sentence_grades``. The
one-line definition of each count and formula, in the report until schema
2.0, is ``DEFINITIONS`` in this module (the report carries results, not
documentation).
"""

from __future__ import annotations

import heapq
import math
import statistics
import sys
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import add, and_, attrgetter, is_, le, lshift, lt, mul, or_, rshift, sub, truediv

from textkit import Analyzer, Result, Skip, bulk, hookimpl, require_script

from . import _syllables
from ._wordlists import _cmu_table, dale_chall_easy_words

ID = "readability"

DEFAULTS = {"words_per_minute": 238, "long_sentence_words": 30, "hard_sentences": 3}
HARD_MIN_WORDS = 8
HARD_MIN_GRADE = 12.0
SMOG_SAMPLE_SENTENCES = 30
RELIABLE_MIN_WORDS = 100
GUESSED_SHARE_WARNING = 0.25

# Dale and Chall's score bands, by their lower ends: (score, grade).
_DALE_CHALL_BANDS = ((5.0, 5.0), (6.0, 7.0), (7.0, 9.0), (8.0, 11.0), (9.0, 13.0), (10.0, 16.0))

_GRADE_LEVELS = (
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
)

DEFINITIONS = {
    "sentences": "prose sentences with at least one word (web-page chrome excluded)",
    "words": "word tokens of those sentences, from textkit's segmentation",
    "syllables": "CMU Pronouncing Dictionary (first pronunciation), pyphen en_US fallback; numerals 1 per digit",
    "polysyllables": "words of 3 or more syllables, numerals excluded",
    "complex_words": "polysyllables minus proper nouns, hyphenated compounds of shorter parts, "
    "and words of 3 syllables only through -ed/-es/-ing",
    "difficult_words": "words not on the Dale-Chall familiar list (textstat's copy); inflections of "
    "listed words, proper names and numerals count as familiar",
    "letters": "letters in the words",
    "characters": "letters and digits in the words",
    "flesch_reading_ease": "206.835 - 1.015 W/S - 84.6 Y/W",
    "flesch_kincaid_grade": "0.39 W/S + 11.8 Y/W - 15.59",
    "gunning_fog": "0.4 (W/S + 100 C/W), C = complex_words",
    "smog_index": "1.043 sqrt(30 P/S) + 3.1291, P = polysyllables",
    "coleman_liau_index": "0.0588 L - 0.296 S100 - 15.8, per 100 words",
    "automated_readability_index": "4.71 K/W + 0.5 W/S - 21.43, K = characters",
    "dale_chall": "0.1579 PDW + 0.0496 W/S (+ 3.6365 if PDW > 5), PDW = % difficult words; a score, not a grade",
    "consensus_grade": "median of FK, Fog, SMOG, Coleman-Liau, ARI and the Dale-Chall score as a grade",
    "reading_time_seconds": "60 W / words_per_minute",
    "sentence_grade": "Flesch-Kincaid grade of the sentence on its own",
}


@dataclass(frozen=True)
class Counts:
    sentences: int
    words: int
    syllables: int
    polysyllables: int
    complex_words: int
    difficult_words: int
    letters: int
    characters: int


@dataclass(slots=True)  # one per sentence that becomes a finding: not frozen, which would make each slower to build
class SentenceStats:
    """What a finding says about its sentence."""

    index: int
    start: int
    end: int
    words: int
    syllables: int
    polysyllables: int
    grade: float  # Flesch–Kincaid grade of the sentence alone (0.0 for a sentence without words)
    rounded_grade: float  # round(grade, 2), as data["sentence_grades"] has it


# The columns of data["sentences"], one list each (see the module docstring).
SENTENCE_COLUMNS = ("index", "start", "end", "words", "syllables", "polysyllables")


# --- formulas -------------------------------------------------------------


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words


def flesch_kincaid(words: int, sentences: int, syllables: int) -> float:
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def gunning_fog(words: int, sentences: int, complex_words: int) -> float:
    return 0.4 * (words / sentences + 100 * complex_words / words)


def smog(sentences: int, polysyllables: int) -> float:
    return 1.043 * math.sqrt(polysyllables * SMOG_SAMPLE_SENTENCES / sentences) + 3.1291


def coleman_liau(words: int, sentences: int, letters: int) -> float:
    return 0.0588 * (100 * letters / words) - 0.296 * (100 * sentences / words) - 15.8


def automated_readability(words: int, sentences: int, characters: int) -> float:
    return 4.71 * characters / words + 0.5 * words / sentences - 21.43


def dale_chall(words: int, sentences: int, difficult_words: int) -> float:
    percent_difficult = 100 * difficult_words / words
    score = 0.1579 * percent_difficult + 0.0496 * words / sentences
    return score + 3.6365 if percent_difficult > 5 else score


def dale_chall_grade(score: float) -> float:
    """The Dale–Chall score as a continuous grade (see the module docstring)."""
    if score <= _DALE_CHALL_BANDS[0][0]:
        return score
    for (s0, g0), (s1, g1) in zip(_DALE_CHALL_BANDS, _DALE_CHALL_BANDS[1:]):
        if score <= s1:
            return g0 + (score - s0) * (g1 - g0) / (s1 - s0)
    last_score, last_grade = _DALE_CHALL_BANDS[-1]
    return last_grade + 2.0 * (score - last_score)


def scores(c: Counts) -> dict[str, float]:
    """Every formula over the counts, unrounded. Needs at least one sentence and one word."""
    grades = {
        "flesch_kincaid_grade": flesch_kincaid(c.words, c.sentences, c.syllables),
        "gunning_fog": gunning_fog(c.words, c.sentences, c.complex_words),
        "smog_index": smog(c.sentences, c.polysyllables),
        "coleman_liau_index": coleman_liau(c.words, c.sentences, c.letters),
        "automated_readability_index": automated_readability(c.words, c.sentences, c.characters),
    }
    dc = dale_chall(c.words, c.sentences, c.difficult_words)
    consensus_inputs = [grades[k] for k in _GRADE_LEVELS] + [dale_chall_grade(dc)]
    return {
        "flesch_reading_ease": flesch_reading_ease(c.words, c.sentences, c.syllables),
        **grades,
        "dale_chall": dc,
        "dale_chall_grade": dale_chall_grade(dc),
        "consensus_grade": statistics.median(consensus_inputs),
    }


# --- word classes ---------------------------------------------------------


def easy_words() -> frozenset[str]:
    """The Dale–Chall familiar words, from the copy textstat ships."""
    return dale_chall_easy_words()


_INFLECTIONS = (
    ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"),
    ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
    ("ing", ""), ("ing", "e"), ("er", ""), ("er", "e"), ("est", ""), ("est", "e"),
)  # fmt: skip
_CONTRACTIONS = ("'s", "'re", "'ll", "'ve", "'d", "'m", "n't", "'")


def _inflects(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` is a regular inflection of one of ``words`` ("stopped" of "stop", "cities" of
    "city"): each base it may be one of is looked up as it is made, and the first found ends the search."""
    endings = _INFLECTIONS_BY_LAST_LETTER.get(word[-1:])
    if endings is None:  # one look-up for most words
        return False
    for ending, size, replacements in endings:  # by size, as _INFLECTIONS lists them within a size
        if len(word) - size < 2:
            break
        if word[-size:] != ending:  # a slice and ==: str.endswith parses its arguments the slow way
            continue
        base = word[:-size]
        for replacement in replacements:
            if base + replacement in words:
                return True
            # A doubled final consonant: "stopped" -> "stopp" -> "stop".
            if not replacement and len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeiou" and base[:-1] in words:
                return True
    return False


# {last letter: [(ending, its length, its replacements in _INFLECTIONS' order)], the endings by length}.
_INFLECTIONS_BY_LAST_LETTER: dict[str, list[tuple[str, int, tuple[str, ...]]]] = {}
for _suffix in sorted(dict.fromkeys(suffix for suffix, _ in _INFLECTIONS), key=len):
    _INFLECTIONS_BY_LAST_LETTER.setdefault(_suffix[-1], []).append(
        (_suffix, len(_suffix), tuple(replacement for suffix, replacement in _INFLECTIONS if suffix == _suffix))
    )


def is_name(word: str, opens_sentence: bool = False) -> bool:
    """A proper noun, as far as spelling tells: capitalised mid-sentence, or with a capital inside."""
    return (not opens_sentence and word[:1].isupper()) or any(map(str.isupper, word[1:]))


def is_familiar(word: str, opens_sentence: bool = False) -> bool:
    """Familiar to Dale–Chall: listed, a regular inflection of a listed word, a proper name or a numeral."""
    if _syllables.is_number(word) or is_name(word, opens_sentence):
        return True
    return _familiar_normalised(_syllables.normalise(word))


def _familiar_normalised(lower: str) -> bool:
    """is_familiar of a word that is neither a numeral nor a name, given normalised."""
    if "-" in lower and lower not in easy_words():
        return all(_familiar_lower(part) for part in lower.split("-") if part)
    return _familiar_lower(lower)


# The dictionary and the familiar words, kept here once read (clear_caches forgets them): every new
# word reads them, and a global is read in a step where the loaders are each a call through lru_cache.
_CMU: dict[str, str] = {}
_EASY: frozenset[str] = frozenset()


def _dictionary() -> dict[str, str]:
    global _CMU
    _CMU = _cmu_table()
    return _CMU


def _familiar_words() -> frozenset[str]:
    global _EASY
    _EASY = dale_chall_easy_words()
    return _EASY


def _familiar_lower(lower: str) -> bool:
    easy = _EASY or _familiar_words()
    if lower in easy:
        return True
    stem = lower
    if "'" in lower:  # every ending in _CONTRACTIONS has one, and so has a possessive
        for ending in _CONTRACTIONS:
            if lower.endswith(ending) and lower[: -len(ending)] in easy:
                return True
        if lower.endswith("'s"):
            stem = lower[:-2]
    return _inflects(stem, easy)


def is_polysyllable(word: str) -> bool:
    return not _syllables.is_number(word) and _syllables.syllables(word) >= 3


def is_complex(word: str, opens_sentence: bool = False) -> bool:
    """Gunning's complex word: a polysyllable that is not a proper noun, easy compound or inflected form."""
    if not is_polysyllable(word):
        return False
    if is_name(word, opens_sentence):
        return False
    return _complex_normalised(_syllables.normalise(word))


def _complex_normalised(lower: str) -> bool:
    """is_complex of a polysyllable that is not a name, given normalised."""
    if "-" in lower:
        parts = [p for p in lower.split("-") if p]
        if len(parts) > 1 and all(_syllables.syllables(p) < 3 for p in parts):
            return False
    stem = _suffix_stem_syllables(lower)
    return stem is None or stem >= 3


_STEM_SUFFIXES = ("ing", "ed", "es")
_STEM_SUFFIX_ENDS = frozenset(suffix[-2:] for suffix in _STEM_SUFFIXES)


def _suffix_stem_syllables(lower: str) -> int | None:
    """Syllables of the word without an -ed/-es/-ing ending, if the dictionary knows the stem."""
    if lower[-2:] not in _STEM_SUFFIX_ENDS:  # most words: one look-up (str.endswith parses its arguments the slow way)
        return None
    for suffix in _STEM_SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            base = lower[: -len(suffix)]
            candidates = [base, base + "e"]
            if base[-1] == base[-2]:
                candidates.append(base[:-1])
            for candidate in candidates:
                known = _syllables.cmu_syllables(candidate)
                if known is not None:
                    return known
    return None


# --- the analyzer ---------------------------------------------------------


# What a word adds to its sentence's counts, in this order, packed into one int: field k in bits
# [k * _FIELD_BITS, (k + 1) * _FIELD_BITS). A sentence's counts are then one sum() of its words' ints
# (in C), and a cache of str -> int holds nothing the garbage collector walks. A word counts at most
# 3 syllables per character (CMU "w", a spelled "W"), so no field of a text of up to _MAX_TEXT_CHARS
# characters reaches 2**32 and no field carries into the next. (32-bit fields, not 64: each of the
# sum's additions then works through 8 digits of an int rather than 15.)
_WORD_FIELDS = ("syllables", "polysyllables", "complex_words", "difficult_words", "letters", "characters", "guessed")
_FIELD_BITS = 32
_MAX_TEXT_CHARS = (1 << _FIELD_BITS) // 3 - 1
_SHIFTS = tuple(range(0, _FIELD_BITS * len(_WORD_FIELDS), _FIELD_BITS))
_LETTERS_SHIFT, _CHARACTERS_SHIFT = (_SHIFTS[_WORD_FIELDS.index(name)] for name in ("letters", "characters"))
# One in the letters field and one in the characters field: a word of n letters adds n times this.
_LETTER_AND_CHARACTER = 1 << _LETTERS_SHIFT | 1 << _CHARACTERS_SHIFT
# One in the field of that name.
_POLYSYLLABLE, _COMPLEX, _DIFFICULT, _GUESSED = (
    1 << _SHIFTS[_WORD_FIELDS.index(name)] for name in ("polysyllables", "complex_words", "difficult_words", "guessed")
)
_PACKED_BYTES = _FIELD_BITS // 8 * len(_WORD_FIELDS)
_FIELD_MASK = (1 << _FIELD_BITS) - 1


def _unpack(packed: int) -> list[int]:
    """The fields of _WORD_FIELDS in a packed int (one word's, or a sum of words')."""
    return memoryview(packed.to_bytes(_PACKED_BYTES, sys.byteorder)).cast("I").tolist()  # C unsigned int: 32 bits


def _sentence_columns(document, sentences) -> tuple[dict[str, list], list[int]]:
    """``({column: one value per sentence}, [packed sum of each sentence's words])`` for ``sentences``
    of ``document``, sentences without words included (their sum is 0).

    The columns are "index", "start", "end", "words", "syllables", "polysyllables" and "grade";
    the other counts are only needed summed over the document or for a few sentences, so they
    stay packed. Worked out column by column (C-level passes over all words and sentences)
    rather than one record per sentence: a text of a million one-word sentences is otherwise
    seconds per megabyte.
    """
    texts = document.word_texts  # the column: no Word object is made
    firsts = [sentence.first_word for sentence in sentences]
    ends = [sentence.end_word for sentence in sentences]
    columns = {
        "index": [sentence.index for sentence in sentences],
        "start": [sentence.start for sentence in sentences],
        "end": [sentence.end for sentence in sentences],
        "words": list(map(sub, ends, firsts)),
    }
    # Every word looked up in the cache of words inside a sentence; each sentence's first word
    # (which may be capitalised without being a name) in that of opening words instead.
    packed = list(map(_INNER_WORDS.get, texts))
    _look_up(packed, texts, compress(firsts, map(lt, firsts, ends)), _OPENING_WORDS, True)
    _fill_misses(packed, texts)
    words = columns["words"]
    if words and min(words) == max(words) == 1:
        # Every sentence one word ("Yes." a million times): its sum is its word's own int, not a new
        # one per sentence (a third of the memory on such a text).
        sums = list(map(packed.__getitem__, firsts))
    else:
        sums = list(map(sum, map(packed.__getitem__, map(slice, firsts, ends))))
    # Masks, not _unpack's bytes: no copy of every sentence's fields (a million one-word sentences).
    columns["syllables"] = syllables = list(map(and_, sums, repeat(_FIELD_MASK)))
    columns["polysyllables"] = list(map(and_, map(rshift, sums, repeat(_FIELD_BITS)), repeat(_FIELD_MASK)))
    # flesch_kincaid(words, 1, syllables) of each sentence, in the same float operations; 0.0 without words.
    grades = map(sub, map(add, map(truediv, map(mul, repeat(0.39), words), repeat(1)),
                          map(truediv, map(mul, repeat(11.8), syllables), map(max, words, repeat(1)))), repeat(15.59))
    columns["grade"] = list(grades) if min(words, default=0) else [grade if n else 0.0 for grade, n in zip(grades, words)]
    return columns, sums


# What _measure gave for words seen before, inside a sentence and opening one (a capitalised
# word is a name only inside): plain dicts of str -> int, emptied when full (a bound on memory).
_INNER_WORDS: dict[str, int] = {}
_OPENING_WORDS: dict[str, int] = {}
_MAX_CACHED = 1 << 16


def _look_up(packed: list, texts: tuple[str, ...], positions, cache: dict[str, int], opens: bool) -> None:
    """``packed[i] = _measure(texts[i], opens)`` at each of ``positions``, from ``cache`` if it has the word."""
    for i in positions:
        text = texts[i]
        known = cache.get(text)  # also a new word's second occurrence in this document
        packed[i] = known if known is not None else _store(cache, text, _measure(text, opens))


def _fill_misses(packed: list, texts: tuple[str, ...]) -> None:
    """``packed[i] = _measure(texts[i], False)`` wherever ``packed[i]`` is None (a word not in the cache).

    The Nones are found by list.index, a C scan from one to the next (one scan of the list in all,
    a Python step only per miss), ending on a None appended as a stop."""
    stop = len(packed)
    packed.append(None)
    find = packed.index
    i = find(None)
    while i < stop:
        text = texts[i]
        known = _INNER_WORDS.get(text)  # a new word's second occurrence in this document
        packed[i] = known if known is not None else _store(_INNER_WORDS, text, _measure(text, False))
        i = find(None, i + 1)
    packed.pop()


def clear_caches() -> None:
    """Forget every word measured and grade rounded so far (the caches only save time: results never depend on them)."""
    _INNER_WORDS.clear()
    _OPENING_WORDS.clear()
    _ROUNDED_GRADES.clear()
    _syllables.clear_cache()
    global _CMU, _EASY
    _CMU, _EASY = {}, frozenset()


def _measure(text: str, opens: bool) -> int:
    """What a word adds to its sentence's counts, packed (see _WORD_FIELDS): the word classes of
    is_polysyllable, is_complex and is_familiar, worked out together so that each step is done once."""
    if text.isdecimal():  # a numeral of digits only: one syllable and one character per digit, no letter
        return len(text) | len(text) << _CHARACTERS_SHIFT
    if text.isalpha() and text.isascii():  # most words: ASCII letters only
        lower = text.lower()
        phones = (_CMU or _dictionary()).get(lower)
        # For these _syllables._count reads the dictionary (they are no numeral or initialism) unless
        # the word is a two-letter all-caps one (maybe spelled out) or the entry is a "# comment" one:
        # those, and words it lacks, take the general way (_measure_any). Here its steps are done with
        # what is known of such a word filled in: no numeral, letters = characters = its length,
        # nothing guessed, no hyphen or apostrophe, ``normalise(text) == lower``.
        if phones is not None and "#" not in phones and not (len(text) == 2 and text.isupper()):
            # max(stress digits, 1), the digits counted by what removing them takes off the length:
            # three str.replace cost less than three str.count (which parses its arguments the slow way).
            syllables = len(phones) - len(phones.replace("0", "").replace("1", "").replace("2", "")) or 1
            packed = syllables | len(text) * _LETTER_AND_CHARACTER
            if syllables >= 3:
                packed |= _POLYSYLLABLE
            # is_name: in ASCII letters, a capital is a letter that lower() changes.
            if text != lower and (not opens or text[1:] != lower[1:]):
                return packed  # a name: familiar, never complex
            if syllables >= 3:
                stem = _suffix_stem_syllables(lower)  # _complex_normalised without its hyphen test
                if stem is None or stem >= 3:
                    packed |= _COMPLEX
            easy = _EASY or _familiar_words()
            if lower not in easy and not _inflects(lower, easy):  # _familiar_lower without its apostrophe test
                packed |= _DIFFICULT
            return packed
    return _measure_any(text, opens)


def _measure_any(text: str, opens: bool) -> int:
    """_measure of any word."""
    syllables, guessed = _syllables.counted_uncached(text)  # our caller caches the whole answer
    if text.isalpha():  # no letter is a digit, so not a numeral
        number = False
        letters = characters = len(text)
    else:
        number = _syllables.is_number(text)
        letters, characters = sum(map(str.isalpha, text)), sum(map(str.isalnum, text))
    packed = syllables | letters << _LETTERS_SHIFT | characters << _CHARACTERS_SHIFT
    if guessed:
        packed |= _GUESSED
    polysyllable = syllables >= 3 and not number
    if polysyllable:
        packed |= _POLYSYLLABLE
    # A numeral or a name is familiar and never complex. (A word in lower case has no capital: no name.)
    if not (number or (not text.islower() and is_name(text, opens))):
        lower = _syllables.normalise(text)
        if polysyllable and _complex_normalised(lower):
            packed |= _COMPLEX
        if not _familiar_normalised(lower):
            packed |= _DIFFICULT
    return packed


def _settings(config) -> tuple[dict, list[str]]:
    options = config.for_analyzer(ID) if config is not None else {}
    settings, warnings = {}, []
    for name, default in DEFAULTS.items():
        value = options.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            warnings.append(f"readability option {name}={value!r} is not a positive number; using {default}")
            value = default
        settings[name] = value if name == "words_per_minute" else int(value)
    return settings, warnings


def analyze(document, config) -> Result:
    require_script(document.text, what="readability (English formulas and syllables)")
    if len(document.text) > _MAX_TEXT_CHARS:  # never under textkit's input limit (see _FIELD_BITS)
        raise Skip(f"text of more than {_MAX_TEXT_CHARS:,} characters: too long for readability's counts")
    prose = document.prose_sentences
    if not prose:
        raise Skip("no prose sentences")
    with bulk():  # numbers and lists only: nothing for the cyclic collector to find
        columns, sums = _sentence_columns(document, prose)
    with_words = list(map(bool, columns["words"]))
    if not all(with_words):
        columns = {name: list(compress(values, with_words)) for name, values in columns.items()}
        sums = list(compress(sums, with_words))
    if not columns["words"]:
        raise Skip("no words in the prose")
    settings, warnings = _settings(config)

    totals = dict(zip(_WORD_FIELDS, _unpack(sum(sums))))
    guessed = totals.pop("guessed")
    counts = Counts(sentences=len(columns["words"]), words=sum(columns["words"]), **totals)
    values = scores(counts)
    warnings += _validity_warnings(counts, guessed)

    rounded = {name: round(value, 2) for name, value in values.items()}  # each once: metrics and consensus share five
    metrics = {
        "sentences": counts.sentences,
        "words": counts.words,
        "syllables": counts.syllables,
        "polysyllables": counts.polysyllables,
        **{name: rounded[name] for name in ("flesch_reading_ease", *_GRADE_LEVELS, "dale_chall", "consensus_grade")},
        "reading_time_seconds": round(60 * counts.words / settings["words_per_minute"], 1),
        "words_per_sentence": round(counts.words / counts.sentences, 2),
        "syllables_per_word": round(counts.syllables / counts.words, 3),
    }
    sentence_grades = _rounded_grades(columns["words"], columns["syllables"], columns["grade"])
    data = {
        "counts": {
            **vars(counts),
            "estimated_syllable_words": guessed,
            "sentences_without_words": len(with_words) - counts.sentences,
        },
        "boilerplate_sentences": len(document.sentences) - len(prose),
        "sentences": {column: columns[column] for column in SENTENCE_COLUMNS},
        "sentence_grades": sentence_grades,
        "consensus": {
            "method": "median",
            "grades": {name: rounded[name] for name in (*_GRADE_LEVELS, "dale_chall_grade")},
        },
        "settings": settings,
    }
    stats = _finding_stats(columns, sentence_grades, settings["long_sentence_words"], settings["hard_sentences"])
    findings = _long_sentences(document, stats, settings["long_sentence_words"])
    findings += _hard_sentences(document, stats, settings["hard_sentences"])
    findings.sort(key=attrgetter("start", "kind"))
    return Result(metrics=metrics, findings=findings, data=data, warnings=warnings, display=["sentence_grades", "findings"])


def _finding_stats(columns: dict[str, list], rounded_grades: list[float], longest: int, how_many: int) -> list[SentenceStats]:
    """Records of the sentences that become findings, in document order: every one of more than
    ``longest`` words and the ``how_many`` hardest (ranked as _hard_sentences ranks them); the
    others get none."""
    words, grades, starts = columns["words"], columns["grade"], columns["start"]
    rows = set(compress(count(), map(lt, repeat(longest), words)))
    hard = compress(count(), map(and_, map(le, repeat(HARD_MIN_WORDS), words), map(le, repeat(HARD_MIN_GRADE), grades)))
    # The highest grades, ties by position (nlargest keeps equal ones in the order given, as
    # sorted(reverse=True) does), as _hard_sentences ranks them.
    rows.update(heapq.nlargest(how_many, hard, key=grades.__getitem__))
    indices, ends, syllables, polysyllables = columns["index"], columns["end"], columns["syllables"], columns["polysyllables"]
    return [
        SentenceStats(indices[k], starts[k], ends[k], words[k], syllables[k], polysyllables[k], grades[k], rounded_grades[k])
        for k in sorted(rows)
    ]


# round(grade, 2) of sentences by their words and syllables (syllables << 64 | words), of which a
# sentence's grade is a function: rounding a float to 2 places costs ten dictionary look-ups, and
# the pairs repeat from sentence to sentence. Plain int -> float, emptied when full.
_ROUNDED_GRADES: dict[int, float] = {}


def _rounded_grades(words: list[int], syllables: list[int], grades: list[float]) -> list[float]:
    """``[round(grade, 2) for grade in grades]``, each pair of words and syllables rounded once."""
    keys = list(map(or_, map(lshift, syllables, repeat(64)), words))
    rounded = list(map(_ROUNDED_GRADES.get, keys))
    for k in list(compress(count(), map(is_, rounded, repeat(None)))):
        rounded[k] = _store(_ROUNDED_GRADES, keys[k], round(grades[k], 2))
    return rounded


def _store(cache: dict, key, value):
    """``cache[key] = value``, the cache emptied first when it holds _MAX_CACHED entries (a bound on memory)."""
    if len(cache) >= _MAX_CACHED:
        cache.clear()
    cache[key] = value
    return value


def _validity_warnings(counts: Counts, guessed: int) -> list[str]:
    warnings = []
    if counts.words < RELIABLE_MIN_WORDS:
        warnings.append(
            f"only {counts.words} words: readability formulas were calibrated on samples of "
            f"{RELIABLE_MIN_WORDS} words or more, so every grade here is unreliable"
        )
    if counts.sentences < SMOG_SAMPLE_SENTENCES:
        warnings.append(
            f"SMOG is defined on {SMOG_SAMPLE_SENTENCES} sentences and this text has {counts.sentences}; "
            f"its polysyllable count was scaled by {SMOG_SAMPLE_SENTENCES}/{counts.sentences}, "
            "so smog_index is an estimate"
        )
    if guessed > GUESSED_SHARE_WARNING * counts.words:
        warnings.append(
            f"{guessed} of {counts.words} words are not in the CMU Pronouncing Dictionary and their "
            "syllables were guessed by hyphenation (many names, or not English?)"
        )
    return warnings


def _sentence_finding(document, kind: str, s: SentenceStats, message: str, **extra):
    return document.finding(
        kind, s.start, s.end, message, severity="warning",  # a sentence worth rewriting; the rest are observations
        index=s.index, words=s.words, syllables=s.syllables, grade=s.rounded_grade, **extra,
    )  # fmt: skip


def _long_sentences(document, stats: list[SentenceStats], threshold: int) -> list:
    return [
        _sentence_finding(
            document, "long_sentence", s,
            f"{s.words} words (more than {threshold}); Flesch–Kincaid grade {s.grade:.1f}",
        )  # fmt: skip
        for s in stats
        if s.words > threshold
    ]


def _hard_sentences(document, stats: list[SentenceStats], how_many: int) -> list:
    candidates = [s for s in stats if s.words >= HARD_MIN_WORDS and s.grade >= HARD_MIN_GRADE]
    hardest = sorted(candidates, key=lambda s: (-s.grade, s.start))[:how_many]
    return [
        _sentence_finding(
            document, "hard_sentence", s,
            f"Flesch–Kincaid grade {s.grade:.1f}: {s.words} words, {s.syllables / s.words:.2f} syllables "
            f"per word, {s.polysyllables} of 3+ syllables",
            rank=rank,
        )  # fmt: skip
        for rank, s in enumerate(hardest, 1)
    ]


@hookimpl
def register_analyzers(register):
    register(
        Analyzer(
            id=ID,
            title="Readability",
            analyze=analyze,
            description="Flesch, Flesch–Kincaid, Gunning Fog, SMOG, Coleman–Liau, ARI and Dale–Chall "
            "over textkit's sentences; syllables from the CMU Pronouncing Dictionary; long and hard sentences",
            order=10,
        )
    )
