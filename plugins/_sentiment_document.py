"""The sentiment analyzer's document score: sentence evidence combined into one compound.

``compound`` = sum of weight x adjusted evidence / (sum of weights + 2), over
the counted sentences, where for each sentence

1. *evidence* is VADER's token valences re-weighed for long text
   (:mod:`textkit.plugins._sentiment_words`: review vocabulary, "like" as a
   preposition, story words, minor complaints, negative words x1.5);
2. *hedges* damp it as before: positive evidence in a sentence with a
   negation, modal, "if", "?" or "but" x0.6, negative evidence with "but"
   x0.6, neutral evidence with a negation -0.2 (``adjust``);
3. *ironic praise* is discounted: positive evidence in a sentence whose irony
   probability is at least ``IRONY_LEVEL`` counts x(1 - irony). The irony
   list is optional; without it nothing changes;
4. *discourse*: a sentence that opens with a turn or a verdict ("But",
   "However", "Still", "Yet", "Unfortunately", "Overall", "In the end" ...)
   weighs ``DISCOURSE_WEIGHT`` (1.5): what follows a concession is what the
   writer means (Taboada et al. 2011; Polanyi & Zaenen 2006). Inside a
   sentence VADER already counts the words after "but" x1.5 and before x0.5;
5. two neutral sentences are added (the prior): a short text is thin evidence
   and is pulled towards 0, a long one is hardly moved.

Each weight stays positive and each adjusted value in -1..1, so ``compound``
is in -1..1, and 0 for an all-neutral text.

:func:`explain` says how much each rule moved the score: the compound minus
the compound with that rule switched off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ._sentiment_words import RULES as WORD_RULES

POSITIVE = 0.05
NEGATIVE = -0.05
HEDGE_FACTOR = 0.6
NEGATION_SHIFT = 0.2
PRIOR_SENTENCES = 2
DISCOURSE_WEIGHT = 1.5
IRONY_LEVEL = 0.5
# One-word and multi-word openers, lower case, as VADER tokenises them (punctuation stripped).
TURN_OPENERS = frozenset(
    "but however still yet unfortunately nevertheless nonetheless although though overall ultimately "
    "sadly regrettably".split()
)
TURN_PHRASES = (("all", "in", "all"), ("in", "the", "end"), ("in", "short"), ("bottom", "line"), ("that", "said"),
                ("in", "conclusion"), ("to", "sum", "up"), ("on", "the", "whole"))
RULES = WORD_RULES + ("hedges", "ironic_praise", "discourse")


def adjust(value: float, cues: Sequence[str]) -> tuple[float, list[str]]:
    """A sentence's evidence after hedges, and the cues that changed it."""
    if value >= POSITIVE and cues:
        return value * HEDGE_FACTOR, list(cues)
    if value <= NEGATIVE and "but" in cues:
        return value * HEDGE_FACTOR, ["but"]
    if NEGATIVE < value < POSITIVE and "negation" in cues:
        return value - NEGATION_SHIFT, ["negation"]
    return value, []


def ironic_discount(value: float, irony: float | None) -> float:
    """Praise the irony evidence marks as ironic counts x(1 - irony); other sentences are unchanged."""
    if irony is None or value <= 0 or irony < IRONY_LEVEL:
        return value
    return value * (1.0 - min(irony, 1.0))


def turn_opener(tokens: Sequence[str]) -> str | None:
    """The discourse marker a sentence opens with ("however", "in the end"), or None."""
    lower = [t.lower() for t in tokens[:3]]
    if lower and lower[0] in TURN_OPENERS:
        return lower[0]
    for phrase in TURN_PHRASES:
        if tuple(lower[: len(phrase)]) == phrase:
            return " ".join(phrase)
    return None


@dataclass(frozen=True)
class SentenceInput:
    """What the document score needs of one sentence."""

    evidence: float  # -1..1, every word rule applied
    cues: Sequence[str] = ()  # hedge cues (``hedge_cues`` of the sentence)
    opener: str | None = None  # ``turn_opener`` of its tokens
    irony: float | None = None  # 0..1, None when no irony evidence is available
    without: Mapping[str, float] = field(default_factory=dict)  # word rule -> evidence with it off


@dataclass(frozen=True)
class Counted:
    """One sentence's part in the document score."""

    adjusted: float  # after hedges and the ironic-praise discount
    weight: float
    adjusted_by: list[str]  # hedge cues, and "ironic_praise" when it was discounted


def sentence_part(s: SentenceInput, off: frozenset[str] = frozenset()) -> Counted:
    value = s.evidence
    for rule in WORD_RULES:
        if rule in off and rule in s.without:
            value = s.without[rule]
    by: list[str] = []
    if "hedges" not in off:
        value, by = adjust(value, s.cues)
    if "ironic_praise" not in off:
        discounted = ironic_discount(value, s.irony)
        if discounted != value:
            value, by = discounted, by + ["ironic_praise"]
    weight = DISCOURSE_WEIGHT if s.opener and "discourse" not in off else 1.0
    return Counted(value, weight, by)


def score(parts: Sequence[Counted]) -> float:
    """The document compound from the sentences' parts."""
    return sum(p.weight * p.adjusted for p in parts) / (sum(p.weight for p in parts) + PRIOR_SENTENCES)


def document_score(sentences: Sequence[SentenceInput], off: frozenset[str] = frozenset()) -> float:
    return score([sentence_part(s, off) for s in sentences])


def _touches(rule: str, s: SentenceInput) -> bool:
    """Can switching ``rule`` off change this sentence's part? (Only those are recomputed.)"""
    if rule == "hedges":
        return bool(s.cues)
    if rule == "ironic_praise":
        return s.irony is not None and s.irony >= IRONY_LEVEL
    if rule == "discourse":
        return s.opener is not None
    return rule in s.without


def explain(sentences: Sequence[SentenceInput]) -> dict[str, float]:
    """How far each rule moved the compound: compound minus the compound without that rule.

    Only rules that changed something are listed. The parts need not add up
    to the compound: the rules interact (a hedge damps a sentence the
    negative weight already moved). Linear: per rule only the sentences it
    touches are scored again.
    """
    parts = [sentence_part(s) for s in sentences]
    numerator = sum(p.weight * p.adjusted for p in parts)
    weights = sum(p.weight for p in parts)
    full = numerator / (weights + PRIOR_SENTENCES)
    out = {}
    for rule in RULES:
        num, den = numerator, weights
        for s, part in zip(sentences, parts):
            if _touches(rule, s):
                other = sentence_part(s, frozenset({rule}))
                num += other.weight * other.adjusted - part.weight * part.adjusted
                den += other.weight - part.weight
        moved = full - num / (den + PRIOR_SENTENCES)
        if abs(moved) >= 5e-5:
            out[rule] = round(moved, 4)
    return out
