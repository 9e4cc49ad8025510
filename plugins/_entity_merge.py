"""Mentions into entities: which spellings name the same thing, and its type.

:func:`merge_mentions` takes :class:`~textkit.plugins._entity_mentions.Mention`
objects from any recogniser and joins them into :class:`Entity` rows:

- Same name: identical spellings, with straight and curly apostrophes alike,
  and an initialism with or without its dots ("U.S." = "US"). A name set in
  capitals joins its one usual spelling ("LONDON" in a dateline = "London").
- Alias groups from the lexicon ("USA" = "U.S.").
- An acronym and its long form when both appear: the acronym is the initials
  of the long form's capitalised words ("SCMP" = "South China Morning
  Post", "US" = "United States"). A person's name is no long form ("AP" is
  not "Andrew Park"). If several long forms fit, the most mentioned one
  takes it; a tie joins none.
- A club and its name without the prefix ("Bochum" = "VfL Bochum",
  "Milan" = "AC Milan"), a place too: a text that names the club means it.
- A short name and a full name: a single word that is the last word of one
  person-like name of 2-4 capitalised words ("Biden" = "Joe Biden") or the
  first word of one of 2-3 ("Serena" = "Serena Williams"), the head word of
  an "X of Y" name ("Gulf" = "Gulf of Mexico"), or a name that the full name
  only extends with organisation suffixes ("Huawei" = "Huawei
  Technologies", "British Airways" = "British Airways Plc"). Countries,
  places and nationalities never join a longer name ("China" stays apart
  from "China Daily"). A short name that fits several full names joins the
  one written before its first use in the body, if only one was ("Cuttitta"
  after "Marcello Cuttitta", though a "Massimo Cuttitta" comes later, as
  writers name a person in full first); otherwise it joins none.

A row is named by its longest spelling, one not set in capitals if there is
one. Its type is the one most of its mentions were given by the recogniser (a
title: person; a dateline: place), if any were; otherwise what the lexicon
tells: nationality, a known organisation or a name with a club prefix, a
known place, then a name ending in an organisation or place suffix, a plural
of an ordinary noun (a team or a firm: "Chicago Bulls"), a person (a name
opening with a known given name, or one also used by its last word alone, as
people are: "Mandela"; an initial and a name: "M. Kowalczyk"), an acronym
(organisation); ``None`` when nothing tells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from ._entity_lexicon import Lexicon, lexicon
from ._entity_mentions import Mention, is_capitals, normalise

_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:[A-Z]\.)+[A-Z]$")
_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
_INITIAL_AND_NAME = re.compile(r"^[A-Z]\. [A-Z][a-z]")


@dataclass
class Entity:
    name: str
    type: str | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def aliases(self) -> list[str]:
        """The spellings seen in the text (as one line each), sorted."""
        mentions = self.mentions
        if len(mentions) == 1:  # most rows
            return [normalise(mentions[0].text)]
        return sorted(set(map(normalise, {m.text for m in mentions})))

    def to_dict(self) -> dict:
        return {"name": self.name, "count": len(self.mentions), "aliases": self.aliases, "type": self.type}


def merge_key(name: str) -> str:
    """The spelling two mentions must share to be the same name at first sight."""
    name = name.replace("’", "'")
    if _INITIALISM.match(name):
        return name.replace(".", "")
    return name


# What the joining rules read of a name's spelling, the same in every document, so each
# spelling is looked at once (bounded): (its merge key, and of the key: set in capitals,
# casefolded, first word, last word, initials of a name of 2+ words or "", an acronym as
# _ACRONYM matches, more than one word).
_NAME_FACTS: dict[str, tuple[str, bool, str, str, str, str, bool, bool]] = {}
_MAX_CACHED = 1 << 16


def _name_facts(name: str) -> tuple[str, bool, str, str, str, str, bool, bool]:
    key = merge_key(name)
    words = key.split()
    facts = (
        key,
        is_capitals(key),
        key.casefold(),
        words[0],
        words[-1],
        _initials(key),
        _ACRONYM.match(key) is not None,
        " " in key,
    )
    if len(_NAME_FACTS) >= _MAX_CACHED:
        _NAME_FACTS.clear()
    _NAME_FACTS[name] = facts
    return facts


_START = attrgetter("start")


def merge_mentions(mentions: Iterable[Mention]) -> list[Entity]:
    """Entity rows, most mentioned first (ties by name)."""
    lex = lexicon()
    groups: dict[str, list[Mention]] = {}
    facts = {}  # merge key -> what the rules read of it (_name_facts), in the order of groups
    known = _NAME_FACTS
    for mention in mentions:
        name = mention.name
        found = known.get(name) or _name_facts(name)
        key = found[0]
        group = groups.get(key)
        if group is None:
            groups[key] = [mention]
            facts[key] = found
        else:
            group.append(mention)
    joined = _UnionFind(groups)
    _join_aliases(groups, joined, lex)
    in_capitals, usual, acronyms, by_initials, full_names, by_first, by_last = _indexed(facts, lex)
    _join_capitals(in_capitals, usual, joined)
    _join_acronyms(acronyms, by_initials, groups, joined)
    _join_short_names(groups, facts, full_names, by_first, by_last, joined, lex)
    if joined.joins:
        rows: dict[str, list[Mention]] = {}
        for key, found in groups.items():
            rows.setdefault(joined.find(key), []).extend(found)
    else:  # nothing joined (many a document): each group is a row
        rows = groups
    entities = []
    for found in rows.values():
        if len(found) == 1:  # most rows: named as its mention, typed as it is, or by its name
            mention = found[0]
            name = mention.name
            entities.append(Entity(name, mention.type or _one_spelling_type(name, lex), found))
        else:
            found.sort(key=_START)
            name = _row_name(found)
            entities.append(Entity(name, _entity_type(name, found, lex), found))
    entities.sort(key=lambda e: (-len(e.mentions), e.name.casefold(), e.name))  # count first
    return entities


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}
        self.joins = 0  # union calls made


    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.joins += 1
        self.parent[self.find(a)] = self.find(b)


def _join_aliases(groups: dict[str, list[Mention]], joined: _UnionFind, lex: Lexicon) -> None:
    for alias_keys in _alias_keys(lex):
        present = sorted(alias_keys & groups.keys())
        for key in present[1:]:
            joined.union(key, present[0])


@lru_cache(maxsize=1)
def _alias_keys(lex: Lexicon) -> tuple[frozenset[str], ...]:
    """The merge keys of each alias group: the same for every document."""
    return tuple(frozenset(merge_key(a) for a in alias_group) for alias_group in lex.aliases)


def _indexed(facts: dict[str, tuple], lex: Lexicon) -> tuple:
    """What the joining rules look names up by, in one pass over the merge keys (each list
    in the keys' order):

    - for :func:`_join_capitals`: the keys set in capitals, as (casefolded, key) flat
      ([folded, key, folded, key, ...]), and the other keys by their casefolded form;
    - for :func:`_join_acronyms`: the keys that are acronyms, and the long names by their
      initials (not a person's: "AP" is not "Andrew Park");
    - for :func:`_join_short_names`: the full names (more than one word, not a place or
      nationality), and their indices in that list by first and by last word.
    """
    usual: dict[str, list[str]] = {}
    in_capitals = []
    acronyms = []
    by_initials: dict[str, list[str]] = {}
    full_names = []
    by_first: dict[str, list[int]] = {}
    by_last: dict[str, list[int]] = {}
    first_names = lex.first_names
    places = lex.places_and_nationalities
    for key, (_, capitals, folded, first, last, initials, is_acronym, spaced) in facts.items():
        if capitals:
            in_capitals.append(folded)
            in_capitals.append(key)
        else:
            usual.setdefault(folded, []).append(key)
        if is_acronym:
            acronyms.append(key)
        if len(initials) >= 2 and first not in first_names:  # "AP" is not "Andrew Park"
            by_initials.setdefault(initials, []).append(key)
        if spaced and key not in places:
            by_first.setdefault(first, []).append(len(full_names))
            by_last.setdefault(last, []).append(len(full_names))
            full_names.append(key)
    return in_capitals, usual, acronyms, by_initials, full_names, by_first, by_last


def _join_capitals(in_capitals: list[str], usual: dict[str, list[str]], joined: _UnionFind) -> None:
    """A name set in capitals is its usual spelling: "LONDON" = "London" (a dateline)."""
    for folded, key in zip(in_capitals[::2], in_capitals[1::2]):
        spellings = usual.get(folded, [])
        if len(spellings) == 1:
            joined.union(key, spellings[0])


def _initials(name: str) -> str:
    words = name.split()
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words if w[:1].isupper())


def _join_acronyms(
    acronyms: list[str], by_initials: dict[str, list[str]], groups: dict[str, list[Mention]], joined: _UnionFind
) -> None:
    for key in acronyms:
        if key in by_initials:
            target = _most_mentioned(by_initials[key], groups, joined)
            if target is not None:
                joined.union(key, target)


def _join_short_names(
    groups: dict[str, list[Mention]],
    facts: dict[str, tuple],
    full_names: list[str],
    by_first: dict[str, list[int]],
    by_last: dict[str, list[int]],
    joined: _UnionFind,
    lex: Lexicon,
) -> None:
    # Every rule below relates a name to full names that share its first or last
    # word (``by_first``, ``by_last``: see _indexed), so only those are tried: one
    # pass, not every name against every name.
    for key, (_, _, _, first, last, _, _, _) in facts.items():
        near_first, near_last = by_first.get(first, ()), by_last.get(last, ())
        if not near_first and not near_last:
            continue
        near = sorted({*near_first, *near_last})
        # With no candidate, or only itself (a full name shares its own words), no rule joins anything.
        if near and not (len(near) == 1 and full_names[near[0]] == key):
            candidates = [full_names[i] for i in near]  # in the order of full_names, as before
            _join_short_name(key, candidates, groups, joined, lex)


def _join_short_name(
    key: str, full_names: list[str], groups: dict[str, list[Mention]], joined: _UnionFind, lex: Lexicon
) -> None:
    clubs = [f for f in full_names if _is_club_of(key, f, lex)]
    if len({joined.find(f) for f in clubs}) == 1:  # "Bochum" = "VfL Bochum", a place too
        joined.union(key, clubs[0])
        return
    if key in lex.places_and_nationalities:
        return
    if " " in key or _ACRONYM.match(key):  # "British Airways" = "British Airways Plc"
        fits = [f for f in full_names if _is_company_of(key, f, lex)]
        if len({joined.find(f) for f in fits}) == 1:
            joined.union(key, fits[0])
        return
    fits = [
        f
        for f in full_names
        if _is_surname_of(key, f, lex)
        or _is_given_name_of(key, f, lex)
        or _is_company_of(key, f, lex)
        or _is_head_of(key, f, lex)
    ]
    if len({joined.find(f) for f in fits}) > 1:
        fits = _introduced_before(key, fits, groups)
    if len({joined.find(f) for f in fits}) == 1:
        joined.union(key, fits[0])


def _introduced_before(short: str, fits: list[str], groups: dict[str, list[Mention]]) -> list[str]:
    """The full names written before the short name is first used in the body.

    A writer introduces a person in full and then says the surname alone, so
    "Cuttitta" after "Marcello Cuttitta" is him, even if a "Massimo Cuttitta"
    turns up later in a list. A headline in capitals comes before the body
    and says nothing about the order.
    """
    body = [m.start for m in groups[short] if not is_capitals(m.text)]
    if not body:
        return []
    first_use = min(body)
    return [f for f in fits if min(m.start for m in groups[f]) < first_use]


def _is_surname_of(short: str, full: str, lex: Lexicon) -> bool:
    words = full.split()
    return 2 <= len(words) <= 4 and words[-1] == short and _is_person_like(words, lex)


def _is_given_name_of(short: str, full: str, lex: Lexicon) -> bool:
    """"Waqar" for "Waqar Younis": sports and feature writing call people by their first name."""
    words = full.split()
    return 2 <= len(words) <= 3 and words[0] == short and len(short) > 2 and _is_person_like(words, lex)


def _is_head_of(short: str, full: str, lex: Lexicon) -> bool:
    """"the Gulf" for "Gulf of Mexico", "the Bank" for "Bank of England": the head word alone."""
    words = full.split()
    return len(words) >= 3 and words[0] == short and words[1] == "of" and short in lex.of_heads


def _is_person_like(words: list[str], lex: Lexicon) -> bool:
    suffixes = lex.name_suffixes
    return all(w[:1].isupper() or w in lex.name_particles for w in words) and not any(w in suffixes for w in words)


def _is_club_of(short: str, full: str, lex: Lexicon) -> bool:
    """"VfL Bochum", "AC Milan", "FC Hansa Rostock": a club called by its name without the prefix."""
    words, tail = full.split(), short.split()
    n = len(words) - len(tail)
    return n > 0 and words[n:] == tail and all(w in lex.org_prefixes for w in words[:n])


def _is_company_of(short: str, full: str, lex: Lexicon) -> bool:
    words, head = full.split(), short.split()
    n = len(head)
    return len(words) > n and words[:n] == head and all(w in lex.org_suffixes for w in words[n:])


def _most_mentioned(keys: list[str], groups: dict[str, list[Mention]], joined: _UnionFind) -> str | None:
    counts: Counter[str] = Counter()
    for key in keys:
        counts[joined.find(key)] += len(groups[key])
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _row_name(mentions: list[Mention]) -> str:
    if len(mentions) == 1:
        return mentions[0].name
    counts = _counts(m.name for m in mentions)
    # "London" names the row rather than a "LONDON" dateline.
    return min(counts, key=lambda n: (-len(n), is_capitals(n), -counts[n], n))


def _counts(items: Iterable[str]) -> dict[str, int]:
    """How often each item comes, in the order first seen (a Counter's, for a few items without its overhead)."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def _entity_type(name: str, mentions: list[Mention], lex: Lexicon) -> str | None:
    given = [m.type for m in mentions if m.type]
    if given:
        # The most given, the first seen of a tie (as Counter.most_common(1)).
        counts = _counts(given)
        return max(counts, key=counts.__getitem__)
    names = {m.name for m in mentions}
    if len(names) > 1:
        return _type_by_lexicon(name, names, lex)
    # One spelling (most rows): then ``names`` is {name} (the row's name is one of its
    # mentions' names).
    return _one_spelling_type(name, lex)


def _one_spelling_type(name: str, lex: Lexicon) -> str | None:
    """``_type_by_lexicon(name, {name}, lex)``: a function of the name alone, worked out once per name."""
    found = _NAME_TYPES.get(name, _NOT_SEEN)
    if found is _NOT_SEEN:
        if len(_NAME_TYPES) >= _MAX_CACHED:
            _NAME_TYPES.clear()
        found = _NAME_TYPES[name] = _type_by_lexicon(name, {name}, lex)
    return found


# The type the lexicon gives a row of one spelling, by that spelling (bounded).
_NAME_TYPES: dict[str, str | None] = {}
_NOT_SEEN = object()


def _type_by_lexicon(name: str, names: set[str], lex: Lexicon) -> str | None:
    """The type of a row named ``name`` whose mentions are spelt ``names``, by the word lists."""
    if not names.isdisjoint(lex.nationalities):
        return "nationality"
    words = name.split()
    if not names.isdisjoint(lex.organisations) or (len(words) > 1 and words[0] in lex.org_prefixes):
        return "organisation"  # "VfL Bochum", though "Bochum" is a city
    if not names.isdisjoint(lex.place_names):
        return "place"
    if len(words) > 1 and words[-1] in lex.org_suffixes:
        return "organisation"
    if len(words) > 1 and words[-1] in lex.place_suffixes:
        return "place"
    if len(words) > 1 and _is_plural_noun(words[-1], lex):
        return "organisation"  # "Indianapolis Colts", "Arab Contractors": a team or a firm
    if len(words) > 1 and (words[0] in lex.first_names or words[-1] in names):
        return "person"  # "Joe Biden"; "Nelson Mandela" once also called "Mandela"
    if any(_INITIAL_AND_NAME.match(n) for n in names):
        return "person"  # "M. Waugh"
    if any(_ACRONYM.match(merge_key(n)) for n in names):
        return "organisation"
    return None


def _is_plural_noun(word: str, lex: Lexicon) -> bool:
    """A capitalised plural of an ordinary noun: "Colts", "Eagles", "Contractors"."""
    return len(word) > 3 and word.endswith("s") and lex.is_easy_word(word[:-1]) and lex.is_easy_word(word)
