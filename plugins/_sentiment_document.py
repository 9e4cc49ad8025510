"""The sentiment analyzer's document score: sentence evidence combined into one compound.

``compound`` = sum of weight x adjusted evidence / (sum of weights + 2), over
the counted sentences, where for each sentence

1. *evidence* is VADER's token valences re-weighed for long text
   (:mod:`textkit.plugins._sentiment_words`: review vocabulary, "like" as a
   preposition, story words, minor complaints, concessions, irrealis, negative
   words x1.25);
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

from typing import Mapping, NamedTuple, Sequence

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
FIRST_WORDS = TURN_OPENERS | {phrase[0] for phrase in TURN_PHRASES}  # a turn opens with one of these


def adjust(value: float, cues: Sequence[str]) -> tuple[float, list[str]]:
    """A sentence's evidence after hedges, and the cues that changed it."""
    if value >= POSITIVE and cues:
        return value * HEDGE_FACTOR, list(cues)
    if value <= NEGATIVE and "but" in cues:
        return value * HEDGE_FACTOR, ["but"]
    if NEGATIVE < value < POSITIVE and "negation" in cues:
        return value - NEGATION_SHIFT, ["negation"]
    return value, []


def hedged(value: float, cues: Sequence[str]) -> float:
    """``adjust(value, cues)[0]``: the value alone, without the list of cues that changed it."""
    if value >= POSITIVE and cues:
        return value * HEDGE_FACTOR
    if value <= NEGATIVE and "but" in cues:
        return value * HEDGE_FACTOR
    if NEGATIVE < value < POSITIVE and "negation" in cues:
        return value - NEGATION_SHIFT
    return value


def ironic_discount(value: float, irony: float | None) -> float:
    """Praise the irony evidence marks as ironic counts x(1 - irony); other sentences are unchanged."""
    if irony is None or value <= 0 or irony < IRONY_LEVEL:
        return value
    return value * (1.0 - min(irony, 1.0))


def turn_opener(tokens: Sequence[str]) -> str | None:
    """The discourse marker a sentence opens with ("however", "in the end"), or None."""
    if not tokens or tokens[0].lower() not in FIRST_WORDS:
        return None
    lower = [t.lower() for t in tokens[:3]]
    if lower[0] in TURN_OPENERS:
        return lower[0]
    for phrase in TURN_PHRASES:
        if tuple(lower[: len(phrase)]) == phrase:
            return " ".join(phrase)
    return None


_NOTHING_OFF: Mapping[str, float] = {}


class SentenceInput(NamedTuple):
    """What the document score needs of one sentence."""

    evidence: float  # -1..1, every word rule applied
    cues: Sequence[str] = ()  # hedge cues (``hedge_cues`` of the sentence)
    opener: str | None = None  # ``turn_opener`` of its tokens
    irony: float | None = None  # 0..1, None when no irony evidence is available
    without: Mapping[str, float] = _NOTHING_OFF  # word rule -> evidence with it off (read-only)


class Counted(NamedTuple):
    """One sentence's part in the document score."""

    adjusted: float  # after hedges and the ironic-praise discount
    weight: float
    adjusted_by: list[str]  # hedge cues, and "ironic_praise" when it was discounted


def sentence_part(s: SentenceInput, off: frozenset[str] = frozenset()) -> Counted:
    value = s.evidence
    if off and s.without:
        for rule in off:
            if rule in s.without:
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


def _touched(s: SentenceInput) -> list[str]:
    """The rules whose switching off can change this sentence's part (only those are recomputed)."""
    touched = list(s.without)
    if s.cues:
        touched.append("hedges")
    if s.irony is not None and s.irony >= IRONY_LEVEL:
        touched.append("ironic_praise")
    if s.opener is not None:
        touched.append("discourse")
    return touched


def rule_deltas(s: SentenceInput, part: Counted) -> list[tuple[str, float, float]]:
    """(rule, change of weight x adjusted, change of weight) when each rule touching ``s`` is switched off."""
    if not (s.without or s.cues or s.opener is not None or s.irony is not None):
        return []
    out = []
    full = part.weight * part.adjusted
    for rule in _touched(s):
        other = sentence_part(s, _ONLY[rule])
        out.append((rule, other.weight * other.adjusted - full, other.weight - part.weight))
    return out


_ONLY = {rule: frozenset((rule,)) for rule in RULES}  # each rule switched off alone


class Explanation:
    """How far each rule moved the compound, gathered one sentence at a time (see :func:`explain`).

    Holds a few sums, not the sentences, so a document of a million sentences
    is explained in constant memory.
    """

    def __init__(self) -> None:
        self.numerator = 0.0
        self.weights = 0.0
        self.delta_numerator: dict[str, float] = {}
        self.delta_weights: dict[str, float] = {}

    def add(self, s: SentenceInput, part: Counted, deltas: Sequence[tuple[str, float, float]] | None = None) -> None:
        """Count one sentence; ``deltas`` (from :func:`rule_deltas`) may be passed when already known."""
        self.numerator += part.weight * part.adjusted
        self.weights += part.weight
        for rule, numerator, weight in rule_deltas(s, part) if deltas is None else deltas:
            self.delta_numerator[rule] = self.delta_numerator.get(rule, 0.0) + numerator
            self.delta_weights[rule] = self.delta_weights.get(rule, 0.0) + weight

    @property
    def compound(self) -> float:
        return self.numerator / (self.weights + PRIOR_SENTENCES)

    def parts(self) -> dict[str, float]:
        full = self.compound
        out = {}
        for rule in RULES:
            if rule in self.delta_numerator:
                without = (self.numerator + self.delta_numerator[rule]) / (
                    self.weights + self.delta_weights[rule] + PRIOR_SENTENCES
                )
                if abs(full - without) >= 5e-5:
                    out[rule] = round(full - without, 4)
        return out


def explain(sentences: Sequence[SentenceInput], parts: Sequence[Counted] | None = None) -> dict[str, float]:
    """How far each rule moved the compound: compound minus the compound without that rule.

    Only rules that changed something are listed. The parts need not add up
    to the compound: the rules interact (a hedge damps a sentence the
    negative weight already moved). Linear: each sentence is scored again
    only for the rules that touch it.
    """
    explanation = Explanation()
    for s, part in zip(sentences, parts if parts is not None else [sentence_part(s) for s in sentences]):
        explanation.add(s, part)
    return explanation.parts()
