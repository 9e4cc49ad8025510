"""Sentence evidence for the document score: VADER's token valences, re-weighed for reviews.

VADER's compound for a sentence sums the valences of its words. For the
*document* score of a long text the sentiment analyzer re-weighs those
valences first; each rule is one named step so that the analyzer can say how
much each moved the score (run with a rule switched off, see
:func:`sentence_evidence`):

``review_words``     words and phrases reviews use as verdicts that VADER's
                     social-media lexicon does not rate or misreads ("junk",
                     "stopped working", "don't buy", "don't waste" -- VADER
                     reads it as negated blame --, "at best", "a must",
                     "highly recommend", "couldn't be happier"; "tech support"
                     and "please" as no praise), from
                     ``data/sentiment_reviews.json``; a negation in the three
                     tokens before flips a word as VADER does (x -0.74).
``like_preposition`` "like" counts as praise only after a subject or auxiliary
                     ("I like", "didn't like"), not in "like a rock" or
                     "avoid it like the plague".
``story_words``      negative words that in a review usually name the subject
                     of a book or film ("war", "murder", "victims") count x0.3.
``minor_complaint``  "my only complaint", "one small problem", "the flaws are
                     minor" count x0.3.
``concession``       the words of a conceded clause ("although", "though",
                     "despite", "even if", "to be fair", to the next , ; : . !
                     or ?) count x0.5, as VADER counts the words before "but".
``irrealis``         praise in a wished-for, expected or owed clause ("I wanted
                     to love it", "it should have been great", "I hoped",
                     "supposed to", "tried to like") counts 0 (SO-CAL blocks
                     irrealis sentiment; Taboada et al. 2011).
``negative_weight``  every negative valence counts x1.25 (SO-CAL uses x1.5:
                     people notice negative expressions more, and lexicon
                     methods without this lean positive; with the review
                     vocabulary above, x1.25 was chosen by leave-one-domain-out
                     cross-validation on 8,000 product reviews, docs/quality.md).

The sum then gets VADER's "!"/"?" emphasis and is normalised as VADER does
(x / sqrt(x**2 + 15)), so the evidence is in -1..1 like a compound.

Everything here is linear in the number of tokens: a phrase is looked up by
its first token and compared over at most its own length.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice
from importlib import resources
from typing import NamedTuple

from . import _vader

NEGATIVE_WEIGHT = 1.25  # Taboada et al. 2011 use 1.5; 1.25 chosen by leave-one-domain-out CV (docs/quality.md)
NEGATION_SCALAR = -0.74  # VADER's N_SCALAR
NEGATION_REACH = 3  # tokens before a word that can negate it, as in VADER
NORMALISATION = 15  # VADER's alpha
CONCESSION_FACTOR = 0.5  # VADER's own weight for the words before "but"
IRREALIS_FACTOR = 0.0  # SO-CAL blocks sentiment in irrealis contexts
RULES = (
    "review_words", "like_preposition", "story_words", "minor_complaint", "concession", "irrealis",
    "negative_weight",
)
# A concession ("although it is small, ...") grants a point the writer then outweighs.
CONCESSION_MARKERS = {
    ("although",), ("though",), ("despite",), ("even", "though"), ("even", "if"), ("in", "spite", "of"),
    ("to", "be", "fair"),
}
# Praise that is wished for, expected or owed, not found ("I wanted to love it", "it should have been great").
IRREALIS_MARKERS = {
    ("should", "have"), ("should've",), ("would", "have"), ("would've",), ("could", "have"), ("could've",),
    ("wanted", "to"), ("hoped",), ("hoping",), ("expected",), ("expecting",), ("supposed", "to"), ("wish",),
    ("if", "only"), ("tried", "to"),
}
_CLAUSE_END = frozenset(",;:.!?")


@dataclass(frozen=True)
class Vocabulary:
    words: dict[str, float]
    phrases: dict[str, list[tuple[tuple[str, ...], float]]]  # by first token
    story_words: frozenset[str]
    story_factor: float
    minor_words: frozenset[str]
    minor_markers: frozenset[str]
    minor_factor: float
    like_after: frozenset[str]
    triggers: frozenset[str]  # every lower-case token a word rule looks at (the clause markers aside)
    word_rule_keys: frozenset[str]  # the tokens the rules after the phrases look at


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = json.loads(resources.files("textkit.plugins").joinpath("data/sentiment_reviews.json").read_text("utf-8"))
    phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for phrase, valence in raw["review_phrases"]["valences"].items():
        tokens = tuple(phrase.split())
        phrases.setdefault(tokens[0], []).append((tokens, valence))
    words = raw["review_words"]["valences"]
    story = frozenset(raw["story_words"]["words"])
    minor = frozenset(raw["minor_complaints"]["words"])
    return Vocabulary(
        words=words,
        phrases=phrases,
        story_words=story,
        story_factor=raw["story_words"]["factor"],
        minor_words=minor,
        minor_markers=frozenset(raw["minor_complaints"]["markers"]),
        minor_factor=raw["minor_complaints"]["factor"],
        like_after=frozenset(raw["like_verbs"]["before"]),
        triggers=frozenset(words) | frozenset(phrases) | story | minor | {"like"},
        word_rule_keys=frozenset(words) | story | minor | {"like"},
    )


class Change(NamedTuple):
    """One token's valence changed by one rule (for the explanation and for switching rules off)."""

    rule: str
    token: int
    word: str
    before: float
    after: float


def _negated(lower: list[str], i: int, negations: frozenset[str]) -> bool:
    return any(w in negations or "n't" in w for w in lower[max(0, i - NEGATION_REACH) : i])


def changes(valences: _vader.Valences, lower: list[str] | None = None) -> list[Change]:
    """The token-level changes of every rule except ``negative_weight`` (which applies to the sum)."""
    vocab = vocabulary()
    negations = _vader.negations()
    if lower is None:
        lower = [t.lower() for t in valences.tokens]
    current = list(valences.valences)
    out: list[Change] = []

    def change(rule: str, i: int, value: float) -> None:
        out.append(Change(rule, i, valences.tokens[i], current[i], value))
        current[i] = value

    # Only the tokens that can start a phrase or that a word rule reads are visited (in order).
    phrase_starts = compress(range(len(lower)), map(vocab.phrases.__contains__, lower))
    resume = 0  # a phrase's words are not read again as the start of another
    pairs, single = _pairs(), _rule_words()
    for i in phrase_starts:
        # A phrase of two words or more opens with one of ``_pairs()`` (most "the" and "a" open none).
        if i < resume or ((lower[i], lower[i + 1] if i + 1 < len(lower) else None) not in pairs and lower[i] not in single):
            continue
        for phrase, valence in vocab.phrases[lower[i]]:
            n = len(phrase)
            if tuple(lower[i : i + n]) == phrase:
                for j in range(i, i + n - 1):
                    if current[j]:
                        change("review_words", j, 0.0)
                change("review_words", i + n - 1, valence)
                resume = i + n
                break
    for i in compress(range(len(lower)), map(vocab.word_rule_keys.__contains__, lower)):
        word = lower[i]
        value = current[i]
        if value == 0 and word in vocab.words and not any(c.token == i for c in out):
            valence = vocab.words[word]
            change("review_words", i, valence * NEGATION_SCALAR if _negated(lower, i, negations) else valence)
        elif value > 0 and word == "like" and (i == 0 or lower[i - 1] not in vocab.like_after):
            change("like_preposition", i, 0.0)
        elif value < 0 and word in vocab.story_words:
            change("story_words", i, value * vocab.story_factor)
        elif value < 0 and word in vocab.minor_words and any(
            w in vocab.minor_markers for w in lower[max(0, i - NEGATION_REACH) : i + NEGATION_REACH + 1]
        ):
            change("minor_complaint", i, value * vocab.minor_factor)
    # A clause's rules change only valued tokens: none left, nothing to look for. A clause opens only
    # at a one-word marker or a marker pair (``clause_scopes``): looked for at C speed first.
    if any(current) and (
        not _SINGLE_MARKERS.isdisjoint(lower) or not _MARKER_PAIRS.isdisjoint(zip(lower, islice(lower, 1, None)))
    ):
        raw = valences.text.split()
        for rule, first, last in clause_scopes(lower, raw):
            for j in range(first, last + 1):
                value = current[j]
                if rule == "concession" and value:
                    change(rule, j, value * CONCESSION_FACTOR)
                elif rule == "irrealis" and value > 0:
                    change(rule, j, value * IRREALIS_FACTOR)
    return out


_MARKER_STARTS = frozenset(m[0] for m in CONCESSION_MARKERS | IRREALIS_MARKERS)


def clause_scopes(lower: list[str], raw: list[str]) -> list[tuple[str, int, int]]:
    """``(rule, first, last)`` token spans governed by a concession or irrealis marker.

    A span runs from the marker (whose own words can carry valence: "to be
    fair", "hoped") to the end of its clause: the
    first word followed by , ; : . ! or ?, else the end of the sentence. ``raw``
    are the sentence's whitespace-separated words before VADER strips their
    punctuation (one per token). Linear: each marker's span stops at the next
    clause end, and a new span starts only after the last one ended.
    """
    out = []
    n = len(lower)
    resume = 0  # a span's words open no other span
    # Only the tokens that can open a marker are tried (picked out at C speed).
    for i in compress(range(n), map(_MARKER_STARTS.__contains__, lower)):
        # A marker of two or three words opens with one of ``_MARKER_PAIRS`` ("in" and "to" mostly open none).
        if i < resume or ((lower[i], lower[i + 1] if i + 1 < n else None) not in _MARKER_PAIRS and lower[i] not in _SINGLE_MARKERS):
            continue
        found = None
        for rule, markers in (("concession", CONCESSION_MARKERS), ("irrealis", IRREALIS_MARKERS)):
            for size in (3, 2, 1):
                if i + size <= n and tuple(lower[i : i + size]) in markers:
                    found = (rule, size)
                    break
            if found:
                break
        if found is None:
            continue
        rule, size = found
        end = i + size - 1
        if raw[end][-1:] not in _CLAUSE_END:  # "..., though." governs nothing after it
            end += 1
            while end < n - 1 and raw[end][-1:] not in _CLAUSE_END:
                end += 1
        end = min(end, n - 1)
        out.append((rule, i, end))
        resume = end + 1
    return out


def normalise(total: float) -> float:
    """VADER's normalisation of a valence sum into -1..1."""
    return total / math.sqrt(total * total + NORMALISATION)


def evidence(valences: _vader.Valences, found: list[Change], off: frozenset[str] = frozenset()) -> float:
    """The sentence's evidence in -1..1 with the rules in ``off`` switched off."""
    values = list(valences.valences) if found else valences.valences
    for c in found:
        if c.rule not in off:
            values[c.token] = c.after
    weight = 1.0 if "negative_weight" in off else NEGATIVE_WEIGHT
    # Only the valued tokens are summed (most are VADER's 0, picked out at C speed): adding a zero
    # leaves a float sum as it was, bar the sign of a zero total, which counts as no evidence.
    return _normalised(sum([v * weight if v < 0 else v for v in filter(None, values)]), valences.emphasis)


def _normalised(total: float, emphasis: float) -> float:
    """A sentence's valence sum with VADER's "!"/"?" emphasis, normalised (0.0 for no sum)."""
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return total / math.sqrt(total * total + NORMALISATION) if total else 0.0  # ``normalise``, without its call


_NOTHING: dict[str, float] = {}  # shared, never written


class SentenceEvidence(NamedTuple):
    value: float  # with every rule
    without: dict[str, float]  # rule -> value with that rule switched off
    changes: list[Change]


def sentence_evidence(valences: _vader.Valences, lower: list[str] | None = None) -> SentenceEvidence:
    """``lower``: the tokens in lower case, when the caller has them already."""
    if lower is None:
        lower = list(map(str.lower, valences.tokens))
    if not _may_change(lower, valences.valences):
        return _unchanged_evidence(valences)
    return changed_evidence(valences, lower)


def changed_evidence(valences: _vader.Valences, lower: list[str]) -> SentenceEvidence:
    """:func:`sentence_evidence` of a sentence a rule may change (:func:`unchanged_value` None)."""
    found = changes(valences, lower)
    if not found:  # what no change leaves: the same sums, in the same order
        return _unchanged_evidence(valences)
    negative = min(valences.valences, default=0) < 0  # some negative valence (at C speed)
    value = evidence(valences, found)
    rules_used = {c.rule for c in found}
    if negative or any(c.after < 0 for c in found):
        rules_used.add("negative_weight")
    without = {rule: evidence(valences, found, frozenset({rule})) for rule in RULES if rule in rules_used}
    return SentenceEvidence(value, without, found)


def _may_change(lower: list[str], values: list[float]) -> bool:
    """Whether a word rule, a phrase or a clause rule could change a token (False: :func:`changes`
    is empty). Every phrase of two words or more and every clause marker of two or more opens with
    one of ``_pairs()``; a clause rule changes only valued tokens."""
    rule_words, pairs, _ = _RULE_TABLES or _rule_tables()
    if not rule_words.isdisjoint(lower):
        return True
    if not pairs.isdisjoint(zip(lower, islice(lower, 1, None))):
        return True
    return not _SINGLE_MARKERS.isdisjoint(lower) and any(values)


# Read once per sentence: the rule words, the pairs, and the rule words with the one-word markers (most
# sentences have none of either: one pass over their words tells).
_RULE_TABLES: tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]] | None = None


def _rule_tables() -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    global _RULE_TABLES
    _RULE_TABLES = (_rule_words(), _pairs(), _rule_words() | _SINGLE_MARKERS)
    return _RULE_TABLES


def _unchanged_evidence(valences: _vader.Valences) -> SentenceEvidence:
    """:func:`evidence` with no change found (see :func:`unchanged_value`)."""
    value, without = _unchanged(valences.valences, valences.emphasis)
    return SentenceEvidence(value, without, ())


def unchanged_value(valences: _vader.Valences, lower: list[str]) -> tuple[float, dict[str, float]] | None:
    """``(value, without)`` of :func:`sentence_evidence` when no rule can change a token of the
    sentence (``lower``: its tokens in lower case), else None."""
    values = valences.valences
    # ``_may_change`` written out (once per sentence of a document).
    rule_words, pairs, either = _RULE_TABLES or _rule_tables()
    if not either.isdisjoint(lower) and (
        not rule_words.isdisjoint(lower) or (not _SINGLE_MARKERS.isdisjoint(lower) and any(values))
    ):
        return None
    if not pairs.isdisjoint(zip(lower, islice(lower, 1, None))):
        return None
    return _unchanged(values, valences.emphasis)


def _unchanged(values: list[float], emphasis: float) -> tuple[float, dict[str, float]]:
    """:func:`evidence` with no change found: with every rule, and with ``negative_weight`` off
    when some valence is negative (the only rule that can then move it), from one list of the
    valued tokens."""
    valued = list(filter(None, values))
    if not valued:
        return 0.0, _NOTHING
    if min(valued) >= 0:  # no negative valence: weighing them leaves the list, and its sum, as it is
        return _normalised(sum(valued), emphasis), _NOTHING
    value = _normalised(sum([v * NEGATIVE_WEIGHT if v < 0 else v for v in valued]), emphasis)
    return value, {"negative_weight": _normalised(sum(valued), emphasis)}


@lru_cache(maxsize=1)
def _rule_words() -> frozenset[str]:
    """The words a word rule reads and the one-word phrases."""
    vocab = vocabulary()
    single = (first for first, phrases in vocab.phrases.items() if any(len(p) == 1 for p, _ in phrases))
    return vocab.word_rule_keys | frozenset(single)


@lru_cache(maxsize=1)
def _pairs() -> frozenset[tuple[str, str]]:
    """The first two words of every phrase and clause marker of two words or more."""
    phrases = (p for options in vocabulary().phrases.values() for p, _ in options)
    return frozenset(m[:2] for m in (*phrases, *CONCESSION_MARKERS, *IRREALIS_MARKERS) if len(m) > 1)


_SINGLE_MARKERS = frozenset(m[0] for m in CONCESSION_MARKERS | IRREALIS_MARKERS if len(m) == 1)
_MARKER_PAIRS = frozenset(m[:2] for m in CONCESSION_MARKERS | IRREALIS_MARKERS if len(m) > 1)
