"""Sentiment: VADER over each sentence, and the arc of those scores along the text.

Method
------
Every sentence of the document is scored once by VADER (Hutto & Gilbert
2014) through :mod:`textkit.plugins._vader`, which the irony analyzer shares.
Those scores are the per-sentence numbers (``arc``, findings, shares). The
document score is built from them, not from VADER run on the whole text:
VADER's compound normalises a sum of word valences, so on a long text it
saturates towards -1 or +1 whatever the balance.

Document score
--------------
``compound`` is built in :mod:`textkit.plugins._sentiment_document` from
per-sentence *evidence* (:mod:`textkit.plugins._sentiment_words`): VADER's
token valences re-weighed for long text, because on whole reviews VADER's
reading leans positive (most complaints about a product are called praise):

* negative valences count x1.25 (SO-CAL, Taboada et al. 2011, use x1.5; with
  the review vocabulary below x1.25 was chosen by leave-one-domain-out
  cross-validation on product reviews);
* review vocabulary VADER does not rate or misreads ("junk", "flimsy",
  "stopped working", "don't buy", "don't waste", "at best", "highly
  recommend", "tech support" as a name; ``data/sentiment_reviews.json``),
  "like" as a preposition not as praise, story words ("war", "murder") x0.3,
  minor complaints ("my only complaint", "the flaws are minor") x0.3;
* a concession ("although", "though", "despite", "even if", "to be fair" to
  the end of its clause) counts x0.5, as VADER counts the words before "but";
* praise in an irrealis clause ("I wanted to love it", "it should have been
  great", "I hoped", "supposed to", "tried to like") does not count (SO-CAL's
  irrealis blocking);
* hedged praise damped as before (a positive sentence with a negation, modal,
  "if", "?" or "but" x0.6; a negative one with "but" x0.6; a neutral one with a
  negation -0.2: Potts 2010; the irrealis contexts of SO-CAL);
* praise the irony evidence marks as ironic counts x(1 - irony) (see
  :func:`_sentence_irony`, the wiring point);
* a sentence opening with a turn or verdict ("But", "However", "Still",
  "Overall", "In the end" ...) weighs 1.5;
* ``compound`` = sum of weight x adjusted evidence / (sum of weights + 2): the
  two neutral sentences of the prior pull a short text towards 0.

``data["score_parts"]`` says how far each rule moved the compound (the compound
minus the compound with that rule off); ``mean_compound`` is the plain mean of
VADER's sentence compounds, for comparison. The factors come from the
literature or were chosen on VADER's sentence ratings (hedges, prior), the
negative weight by cross-validation across review domains; the review
vocabulary was written by hand. Measured on 8,000 product reviews and VADER's
rated Amazon reviews: docs/quality.md, ``python -m evaluation --only
sentiment``. Tried and dropped because the data did not support them: more
weight on a review's closing sentences, weighting sentences by length or
intensity, leaving neutral sentences out of the denominator, SO-CAL's
negation as a shift instead of VADER's flip, damping negative words in
sentences without a first- or second-person word (plot summary).

Counted sentences
-----------------
Only the author's sentences count: trailing web-page chrome ("Share.",
"Leave A Reply", i.e. sentences of paragraphs with ``boilerplate=True``) is
left out, as are sentences without a single word (a "* * *" divider), which
VADER can only call neutral. Both are listed under ``data["excluded"]`` with
their ``index`` (position in ``document.sentences``) and reason, so the arc
can be lined up with the document. The section is skipped when no sentence
counts.

Long texts
----------
Each sentence is read once, and a sentence that repeats an earlier one word
for word shares that reading. ``data`` keeps at most ``max_sentence_records``
(2,000) offsets, records and excluded sentences, with a warning when a text
has more; the metrics, arc and findings always cover every counted sentence.

A document with more sentences than ``sentence_window`` (2,000) plus one per
20 characters of its text — a flood of one-word sentences, never prose — is
analysed on its first that many sentences only (``textkit.sentence_window``):
every number, the arc, the findings and ``excluded`` then describe that
window, and a warning says how many sentences of how many and up to which line.

Metrics
-------
``compound``         the document score above, -1..1
``mean_compound``    plain mean of the sentence compounds, -1..1
``positive_share``   share of counted sentences with compound >= 0.05
``neutral_share``    share with -0.05 < compound < 0.05
``negative_share``   share with compound <= -0.05 (VADER's standard thresholds)
``sentences``        number of counted sentences
``mean_positive``    mean of VADER's ``pos`` per sentence (0..1: the part of a
                     sentence's words, by weight, that reads positive)
``mean_negative``    mean of VADER's ``neg`` per sentence (0..1)
``spread``           population standard deviation of the sentence compounds
                     (0 for a single sentence): how far the text swings

Findings
--------
``most_positive`` / ``most_negative``: the ``top`` (3) sentences with the
highest / lowest compound, only among sentences that are positive (>= 0.05)
/ negative (<= -0.05); so a text without a positive sentence has no
``most_positive`` finding. Each spans its sentence; data ``index``,
``compound``, ``rank`` (1 = strongest). Ties go to the earlier sentence.

Config
------
Declared settings (``textkit config``; ``--set sentiment.top=5``): ``top``
(3), ``smoothing_window`` (5, an odd number of sentences; an even one is
raised to the next odd), ``sentence_details`` (false: per-sentence records in
``data["sentences"]``, for debugging a score), ``max_sentence_records``
(2,000) and ``sentence_window`` (2,000, see Long texts). An integer option
that is not positive is replaced by its default, with a warning.

Data
----
::

    {
      "label": "positive" | "neutral" | "negative",  # the compound metric, same thresholds
      "arc": [float],             # compound of each counted sentence, in text order
      "smoothed_arc": [float],    # centred rolling mean of "arc" over smoothing_window
                                  # sentences; near the ends the window is cut short
                                  # (mean of the sentences that exist), same length
      "smoothing_window": int,
      "offsets": [int],           # start, end of each counted sentence in document.text,
                                  # flat (2 per "arc" entry), the first max_sentence_records
      "excluded": [               # sentences of the document left out of every number above
        {"index": int,            # position in document.sentences
         "reason": "boilerplate" | "no_words"}
      ],
      "score_parts": {str: float},  # rule -> how far it moved compound (compound minus
                                  # compound without the rule); rules that moved nothing
                                  # are left out
      "method": str               # one line: how the numbers were made
    }

With ``sentence_details`` the excluded records also carry ``start``, ``end``
and ``compound``, and ``data`` adds::

      "thresholds": {"positive": 0.05, "negative": -0.05},
      "prior_sentences": 2,       # neutral sentences added in the document score
      "sentences": [              # one per counted sentence, same order as "arc"
        {"index": int,            # position in document.sentences
         "start": int, "end": int,  # offsets in document.text
         "compound": float, "pos": float, "neu": float, "neg": float,
         "label": "positive" | "neutral" | "negative",   # of "compound"
         "evidence": float,       # VADER's valences re-weighed (see Document score), -1..1
         "evidence_by": [str],    # the word rules that changed it: "review_words",
                                  # "like_preposition", "story_words", "minor_complaint",
                                  # "concession", "irrealis", "negative_weight"; [] when unchanged
         "adjusted": float,       # evidence after hedges and the ironic-praise discount
         "adjusted_by": [str],    # what changed it: "negation", "modal", "if",
                                  # "question", "but", "ironic_praise"; [] when unchanged
         "weight": float,         # 1.5 when the sentence opens with a turn, else 1
         "opener": str | null,    # that turn ("however", "in the end")
         "irony": float | null}   # irony probability (4 places), when irony evidence is available
      ]

``display`` shows ``arc`` and ``smoothed_arc`` as sparklines.
"""

from __future__ import annotations

import collections
import functools
import heapq
import itertools
import math
import re
import statistics
import sys
from itertools import compress, repeat
from operator import floordiv, ge, itemgetter, le, mul, neg, not_, sub, truediv
from typing import NamedTuple

from textkit import (
    SENTENCE_WINDOW_SETTING, Analyzer, Result, Sentence, Setting, Skip, hookimpl, require_script, sentence_window,
)

from . import _sentiment_document as doc
from . import _sentiment_words as words
from . import _vader
from ._sentiment_document import NEGATIVE, POSITIVE, PRIOR_SENTENCES, adjust

ID = "sentiment"

DEFAULTS = {"top": 3, "smoothing_window": 5, "max_sentence_records": 2000}
SETTINGS = (
    Setting("top", int, 3, "How many most positive and most negative sentences to list as findings."),
    Setting("smoothing_window", int, 5, "Sentences in the centred moving average of the arc (made odd)."),
    Setting(
        "sentence_details",
        bool,
        False,
        "Per-sentence records in data also carry VADER's scores and the document-score evidence "
        "(evidence, adjusted, weight, opener, irony and the rules that changed them).",
    ),
    Setting(
        "max_sentence_records",
        int,
        2000,
        "At most this many per-sentence records (and excluded sentences) in data; the metrics, arc and "
        "findings still cover every sentence analysed.",
    ),
    SENTENCE_WINDOW_SETTING,
)
METHOD = (
    f"VADER per sentence; document compound from its word valences re-weighed (negative words x{words.NEGATIVE_WEIGHT:g}, "
    "review vocabulary, hedges, turns: see score_parts), 2 neutral sentences added"
)

_REPEATS_UP_TO = 80  # characters: shorter sentences are looked up among the ones already read,
_DISTINCT_KEPT = 10_000  # of which at most this many are kept (memory stays bounded on distinct ones)
_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_MODALS = frozenset(f"{verb}{ending}" for verb in ("would", "could", "should", "might") for ending in ("", "n't", "nt", "'ve"))


def label(compound: float) -> str:
    """VADER's standard reading of a compound score."""
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


def hedge_cues(text: str) -> list[str]:
    """The cues in a sentence that make VADER's reading of it too strong, in a fixed order."""
    straight = _vader.straighten(text)
    lowered = straight.lower()
    # Lower-casing ASCII changes no character's class, so its words are the lowered text's words.
    found_words = set(_TOKEN.findall(lowered)) if straight.isascii() else set(map(str.lower, _TOKEN.findall(straight)))
    return _cues(found_words, lowered, "?" in straight)


def _cues(found_words: set[str], lowered: str, question: bool) -> list[str]:
    # In a fixed order: negation, modal, if, question, but.
    cues = []
    # A word with "n't" is one token ("don't", "wouldn't"), so the text holds "n't" only inside one.
    if "n't" in lowered or not (_NEGATIONS or _cue_tables()[1]).isdisjoint(found_words):
        cues.append("negation")
    if not _MODALS.isdisjoint(found_words):
        cues.append("modal")
    if "if" in found_words:
        cues.append("if")
    if question:
        cues.append("question")
    if "but" in found_words:
        cues.append("but")
    return cues


@functools.lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    return _vader.negations() | _MODALS | {"if", "but"}


_CUE_WORDS: frozenset[str] | None = None  # ``_cue_words()`` and VADER's negations, read once per sentence
_NEGATIONS: frozenset[str] | None = None


def _cue_tables() -> tuple[frozenset[str], frozenset[str]]:
    global _CUE_WORDS, _NEGATIONS
    _CUE_WORDS, _NEGATIONS = _cue_words(), _vader.negations()
    return _CUE_WORDS, _NEGATIONS


def _sentence_cues(text: str, valences: _vader.Valences, lower: list[str]) -> list[str]:
    r"""``hedge_cues(text)`` read from VADER's words of the text (``lower``: in lower case).

    A text's ``_TOKEN`` words lie inside its whitespace-separated words, and the ASCII punctuation
    VADER strips from a word's ends (a word of two characters or fewer, "it.", it keeps whole)
    holds none and splits none: they are the ``_TOKEN`` words of VADER's words. A word of letters
    and digits only (``str.isalnum``, in any script: the class ``[^\W_]`` is made of) is one
    ``_TOKEN`` word, itself; so the cue words among those are a set intersection, and only the
    other words ("don't", "it.", "“would", "U.S.") are read by the pattern, joined by spaces:
    ``valences.others``, the lowered words that are not letters and digits only (VADER picks
    them out for its own "n't" check), or picked out here the same way.
    ``hedge_cues`` lower-cases the words it finds in a text outside ASCII, this the words VADER
    lower-cased: the same words, as no character outside ``[^\W_]`` lower-cases into it and only
    "İ" lower-cases out of it (into "i" and a combining dot; a test checks every code point).
    A text with that dot, or with an emoji VADER spelt out, goes to ``hedge_cues``.
    """
    # With an emoji VADER spells out, its words are not the text's (nor its text the text). (An ASCII
    # text has none, and nothing to straighten.)
    if not text.isascii() and valences.text != _vader.straighten(text).strip():
        return hedge_cues(text)
    cue_words = _CUE_WORDS or _cue_tables()[0]
    others = valences.others  # VADER picked them out for its own stripping
    if others is None:
        others = " ".join(compress(lower, map(not_, map(str.isalnum, lower))))  # at C speed
    if others:
        if _LOWERED_OUT_OF_WORDS in others:  # lower-casing split a word ("İf" -> "i̇f"): read the text
            return hedge_cues(text)
        found = cue_words.intersection(lower + _TOKEN.findall(others))
    else:
        found = cue_words.intersection(lower)
    # A word with "n't" holds an apostrophe, so it is one of the others (lower case as the text's).
    # (Straightening changes no "?".)
    if not found and "n't" not in others:  # most sentences: ``_cues`` finds at most the question
        return ["question"] if "?" in text else []
    return _cues(found, others, "?" in text)


_LOWERED_OUT_OF_WORDS = "\u0307"  # the combining dot "İ".lower() adds: not in [^\W_], unlike "İ"


def _sentence_irony(document) -> list[float]:
    """Per-sentence irony probability (0..1, aligned with ``document.sentences``).

    The irony package computes it once per document (document memo), so the
    irony analyzer and this one share one computation and neither reads the
    other's section; it works whether or not the irony analyzer runs.
    """
    from textkit.plugins.irony import sentence_irony

    return sentence_irony(document)


class Scored(NamedTuple):
    sentence: Sentence
    scores: dict
    evidence: words.SentenceEvidence
    part: doc.SentenceInput
    counted: doc.Counted

    @property
    def compound(self) -> float:
        return self.scores["compound"]


class Reading(NamedTuple):
    """What the document score makes of one sentence's words (the same for a repeated sentence)."""

    evidence: words.SentenceEvidence
    part: doc.SentenceInput
    counted: doc.Counted
    deltas: list  # doc.rule_deltas(part, counted)


def _reading(
    text: str,
    valences: _vader.Valences,
    irony: float | None,
    lower: list[str] | None = None,
    evidence: words.SentenceEvidence | None = None,
) -> Reading:
    """What the document score makes of a sentence (``lower``, ``evidence``: when the caller has them)."""
    if lower is None:
        lower = valences.lowered
    if lower is None:  # once for the evidence, the cues and the opener
        lower = list(map(str.lower, valences.tokens))
    if evidence is None:
        evidence = words.sentence_evidence(valences, lower)
    value, without = evidence.value, evidence.without
    # Hedges change negative evidence only through "but" (``adjust``), and switching them off then
    # changes nothing either: without a "but" in the text, and with the evidence negative also with
    # any one word rule off (``rule_deltas``), its other cues are not looked for.
    if value <= NEGATIVE and "but" not in text.lower() and (not without or max(without.values()) <= NEGATIVE):
        cues: list[str] = []
    else:
        cues = _sentence_cues(text, valences, lower)
    opener = doc.turn_opener(valences.tokens) if lower and lower[0] in doc.FIRST_WORDS else None
    part = doc.SentenceInput(value, cues, opener, irony, without)
    if without or cues or opener is not None:
        counted = doc.sentence_part(part)
        return Reading(evidence, part, counted, doc.rule_deltas(part, counted))
    if irony is None or value <= 0 or irony < doc.IRONY_LEVEL:
        # No rule touches the sentence (most): ``sentence_part`` leaves the evidence as it is, with
        # weight 1, and ``rule_deltas`` has nothing to switch off.
        return Reading(evidence, part, doc.Counted(value, 1.0, []), [])
    counted = doc.sentence_part(part)
    # (Irony below ``IRONY_LEVEL`` touches no rule: ``doc._touched``.)
    return Reading(evidence, part, counted, doc.rule_deltas(part, counted) if irony >= doc.IRONY_LEVEL else [])


def _contribution(text: str, valences: _vader.Valences, irony: float | None) -> tuple[float, float, list]:
    """``(counted.adjusted, counted.weight, deltas)`` of ``_reading(text, valences, irony)``: all the
    document score takes of a sentence when no per-sentence record is kept, as plain numbers.

    The same steps as ``_reading``: the evidence (summed once when no word rule can change a token,
    ``words.unchanged_value``, 80 % of news sentences), the cues looked for under the same
    condition, the opener, then :func:`_part` instead of ``sentence_part`` and ``rule_deltas``.
    """
    lower = valences.lowered
    if lower is None:
        lower = list(map(str.lower, valences.tokens))
    unchanged = words.unchanged_value(valences, lower)
    if unchanged is None:
        evidence = words.changed_evidence(valences, lower)
        value, without = evidence.value, evidence.without
    else:
        value, without = unchanged
    # As ``_reading``: no cue looked for in evidence negative with every rule and without "but".
    if value <= NEGATIVE and (not without or max(without.values()) <= NEGATIVE) and "but" not in text.lower():
        cues = _NO_CUES
    else:
        cues = _sentence_cues(text, valences, lower)
    opener = doc.turn_opener(valences.tokens) if lower and lower[0] in doc.FIRST_WORDS else None
    if cues or opener is not None or (irony is not None and irony >= doc.IRONY_LEVEL and (without or value > 0)):
        return _part(value, without, cues, opener, irony)
    # No rule but the word rules touches the sentence (most): ``sentence_part`` leaves the evidence as
    # it is with weight 1, and with one word rule off the part is that rule's value with weight 1:
    # ``rule_deltas``'s ``1.0 * other - 1.0 * value`` is ``other - value`` (multiplying by 1.0 is
    # exact), its weight ``1.0 - 1.0`` is 0.0.
    if not without:
        return value, 1.0, _NO_DELTAS
    return value, 1.0, [(rule, other - value, 0.0) for rule, other in without.items()]


_NO_CUES: list[str] = []  # shared, never written


def _part(value: float, without: dict, cues: list[str], opener: str | None, irony: float | None) -> tuple:
    """``(counted.adjusted, counted.weight, rule_deltas(part, counted))`` of ``counted =
    doc.sentence_part(part)`` for ``part = doc.SentenceInput(value, cues, opener, irony, without)``
    (some cue, an opener or irony at the level), computed as ``sentence_part`` computes each number
    (the same operations in the same order) without its records: with a rule off, ``sentence_part``
    starts from that rule's value (a word rule), skips ``adjust`` (hedges) or ``ironic_discount``
    (ironic praise), or weighs 1 (discourse), and ``rule_deltas`` switches off the rules ``_touched``
    lists, in its order."""
    weight = doc.DISCOURSE_WEIGHT if opener else 1.0
    hedged = doc.hedged(value, cues) if cues else value
    adjusted = doc.ironic_discount(hedged, irony)
    full = weight * adjusted
    deltas = [
        (rule, weight * doc.ironic_discount(doc.hedged(other, cues) if cues else other, irony) - full, weight - weight)
        for rule, other in without.items()
    ]
    if cues:
        deltas.append(("hedges", weight * doc.ironic_discount(value, irony) - full, weight - weight))
    if irony is not None and irony >= doc.IRONY_LEVEL:
        deltas.append(("ironic_praise", weight * hedged - full, weight - weight))
    if opener is not None:
        deltas.append(("discourse", 1.0 * adjusted - full, 1.0 - weight))
    return adjusted, weight, deltas


_NO_DELTAS: list = []  # shared, never written


def rolling_mean(values: list[float], window: int) -> list[float]:
    """Centred moving average; the window shrinks at the ends instead of padding."""
    half = window // 2
    running = [0.0, *itertools.accumulate(values)]  # prefix sums: linear whatever the window
    n = len(values)

    def at(i: int) -> float:
        first, last = max(0, i - half), min(n, i + half + 1)
        return (running[last] - running[first]) / (last - first)

    if n <= 2 * half:  # no full window anywhere
        return [at(i) for i in range(n)]
    # The full windows (from ``half`` to ``n - half - 1``) all have ``window`` values: summed at C speed.
    inner = map(truediv, map(sub, running[window:], running[: n + 1 - window]), repeat(window))
    return [*map(at, range(half)), *inner, *map(at, range(n - half, n))]


def _population_spread(values: list[float]) -> float:
    """``statistics.pstdev(values)``, the same float, without its Fraction arithmetic.

    pstdev takes the exact mean square deviation of the values as a fraction, (n * sum(x*x) -
    sum(x)**2) / n**2, and returns its correctly rounded square root. Each float is an integer
    over a power of two, so over the largest of those powers both sums are exact integers (in
    any order; a repeated value may be counted once, times its count);
    the fraction is the same number, reduced as pstdev's is, and its root rounded the way
    pstdev rounds it (``_float_sqrt_of_frac``). pstdev spent ~0.17 ms on a news article.
    """
    distinct = set(values)
    if len(distinct) < len(values) // 2:  # a flood of equal sentences: each value once, times its count
        counts = collections.Counter(values)
        ratios = [(*v.as_integer_ratio(), k) for v, k in counts.items()]
        scale = max(d for _, d, _ in ratios)  # a power of two, a multiple of every other
        sum_x = sum_xx = 0
        for numerator, denominator, k in ratios:
            x = numerator * (scale // denominator)
            sum_x += k * x
            sum_xx += k * x * x
    else:  # prose: each value over ``scale``, summed and squared at C speed
        ratios = list(map(float.as_integer_ratio, values))
        scale = max(map(itemgetter(1), ratios))
        scaled = list(map(mul, map(itemgetter(0), ratios), map(floordiv, repeat(scale), map(itemgetter(1), ratios))))
        sum_x, sum_xx = sum(scaled), sum(map(mul, scaled, scaled))
    n = len(values)
    numerator, denominator = n * sum_xx - sum_x * sum_x, n * n * scale * scale
    common = math.gcd(numerator, denominator)  # reduced as ``Fraction`` reduces it (0 -> 0/1)
    return _float_sqrt_of_frac(numerator // common, denominator // common)


_SQRT_BIT_WIDTH = 2 * sys.float_info.mant_dig + 3  # statistics' ``_sqrt_bit_width``


def _float_sqrt_of_frac(n: int, m: int) -> float:
    """The square root of n/m as a float, correctly rounded (``statistics._float_sqrt_of_frac``:
    an integer root rounded to odd with enough bits, then one rounding; see
    https://bugs.python.org/msg407078)."""
    q = (n.bit_length() - m.bit_length() - _SQRT_BIT_WIDTH) // 2
    if q >= 0:
        return (_isqrt_of_frac_round_to_odd(n, m << 2 * q) << q) / 1
    return _isqrt_of_frac_round_to_odd(n << -2 * q, m) / (1 << -q)


def _isqrt_of_frac_round_to_odd(n: int, m: int) -> int:
    root = math.isqrt(n // m)
    return root | (root * root * m != n)


def _exclusion(document, sentence) -> str | None:
    if document.paragraphs[sentence.paragraph].boilerplate:
        return "boilerplate"
    if sentence.word_count == 0:
        return "no_words"
    return None


def scoring_material(document) -> list[tuple[_vader.Valences, list[str], str | None, float | None]]:
    """What the document score reads of each counted sentence: VADER's valences, hedge cues, turn opener, irony.

    For evaluation: lets ``evaluation/sentiment_reviews.py`` score a document
    again under other weights without segmenting it or running VADER again.
    """
    valences = _vader.sentence_valences(document)
    irony = _sentence_irony(document)
    return [
        (valences[s.index], hedge_cues(s.text), doc.turn_opener(valences[s.index].tokens), None if irony is None else irony[s.index])
        for s in document.sentences
        if _exclusion(document, s) is None
    ]


def _settings(config) -> tuple[dict, list[str]]:
    options = config.for_analyzer(ID) if config is not None else {}
    settings, warnings = {}, []
    details = options.get("sentence_details", False)
    if not isinstance(details, bool):
        warnings.append(f"sentiment option sentence_details={details!r} is not true or false; using false")
        details = False
    settings["sentence_details"] = details
    for name, default in DEFAULTS.items():
        value = options.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            warnings.append(f"sentiment option {name}={value!r} is not a positive integer; using {default}")
            value = default
        settings[name] = value
    # A centred window needs an odd width.
    settings["smoothing_window"] |= 1
    return settings, warnings


def _extremes(document, arc: list[float], indices: list[int], top: int) -> list:
    """The ``top`` most positive and most negative sentences as findings (ties: the earlier sentence)."""
    positive = list(compress(range(len(arc)), map(ge, arc, repeat(POSITIVE))))
    negative = list(compress(range(len(arc)), map(le, arc, repeat(NEGATIVE))))
    findings = []
    for kind, adjective, chosen, keys in (
        ("most_positive", "positive", positive, map(neg, map(arc.__getitem__, positive))),
        ("most_negative", "negative", negative, map(arc.__getitem__, negative)),
    ):
        # Ranked by (-compound or compound, position): the pairs built at C speed, no key function.
        for rank, (_, k) in enumerate(heapq.nsmallest(top, zip(keys, chosen)), start=1):
            sentence = document.sentences[indices[k]]
            findings.append(
                document.finding(
                    kind,
                    sentence.start,
                    sentence.end,
                    f"compound {arc[k]:+.4f}, rank {rank} of {len(chosen)} {adjective} sentences",
                    index=sentence.index,
                    compound=arc[k],
                    rank=rank,
                )
            )
    return findings


def _record(s: Scored) -> dict:
    return {
        "index": s.sentence.index,
        "start": s.sentence.start,
        "end": s.sentence.end,
        "compound": s.compound,
        "pos": s.scores["pos"],
        "neu": s.scores["neu"],
        "neg": s.scores["neg"],
        "label": label(s.compound),
        "evidence": round(s.evidence.value, 4),
        "evidence_by": sorted(s.evidence.without) if s.evidence.without else [],
        "adjusted": round(s.counted.adjusted, 4),
        "adjusted_by": s.counted.adjusted_by,
        "weight": s.counted.weight,
        "opener": s.part.opener,
        "irony": None if s.part.irony is None else round(s.part.irony, 4),
    }


def analyze(document, config) -> Result:
    require_script(document.text, what="sentiment (an English lexicon)")
    if not document.sentences:
        raise Skip("no sentences")
    settings, warnings = _settings(config)
    document, window_warnings = sentence_window(document, config, ID)
    warnings += window_warnings
    limit, details = settings["max_sentence_records"], settings["sentence_details"]
    scores = _vader.sentence_scores(document)
    valences = _vader.sentence_valences(document)
    irony = _sentence_irony(document)
    # One pass, keeping a few numbers per sentence: the records kept in data are capped (``limit``).
    explanation = doc.Explanation()
    arc: list[float] = []
    indices: list[int] = []  # position in document.sentences of each arc entry
    positive_sum = negative_sum = 0.0
    readings: dict = {}  # by (id of the shared valences, irony): a Reading, or with no records its part
    offsets: list[int] = []  # start, end of each counted sentence, flat
    records: list[dict] = []
    excluded: list[dict] = []
    excluded_count = 0
    boilerplate = [p.boilerplate for p in document.paragraphs]
    keep_compound, keep_index = arc.append, indices.append  # once per sentence below
    # ``explanation.add`` written out: the same sums in the same order (a flood of one-word
    # sentences is half a million of them), the rule deltas only for a sentence that has some.
    numerator, weight_sum = explanation.numerator, explanation.weights
    delta_numerator, delta_weights = explanation.delta_numerator, explanation.delta_weights
    # With per-sentence records the whole reading is kept; without, only its part in the score.
    read = _reading if details else _contribution
    with _vader.bulk():
        for sentence, score, valence in zip(document.sentences, scores, valences):
            if boilerplate[sentence.paragraph] or sentence.end_word == sentence.first_word:  # ``_exclusion``
                excluded_count += 1
                if len(excluded) < limit:
                    record = {"index": sentence.index, "reason": _exclusion(document, sentence)}
                    if details:
                        record.update(start=sentence.start, end=sentence.end, compound=score["compound"])
                    excluded.append(record)
                continue
            ironic = None if irony is None else irony[sentence.index]
            if len(sentence.text) > _REPEATS_UP_TO:
                reading = read(sentence.text, valence, ironic)
            else:  # a repeated short sentence (same shared valences, same irony) is read once
                key = (id(valence), ironic)
                reading = readings.get(key)
                if reading is None:
                    reading = read(sentence.text, valence, ironic)
                    if len(readings) < _DISTINCT_KEPT:
                        readings[key] = reading
            if details:
                adjusted, weight, deltas = reading.counted.adjusted, reading.counted.weight, reading.deltas
            else:
                adjusted, weight, deltas = reading
            numerator += weight * adjusted
            weight_sum += weight
            for rule, rule_numerator, rule_weight in deltas:
                delta_numerator[rule] = delta_numerator.get(rule, 0.0) + rule_numerator
                delta_weights[rule] = delta_weights.get(rule, 0.0) + rule_weight
            keep_compound(score["compound"])
            keep_index(sentence.index)
            positive_sum += score["pos"]
            negative_sum += score["neg"]
            if len(indices) <= limit:  # indices already holds this sentence
                offsets += (sentence.start, sentence.end)
                if details:
                    records.append(_record(Scored(sentence, score, reading.evidence, reading.part, reading.counted)))
    explanation.numerator, explanation.weights = numerator, weight_sum
    if not arc:
        raise Skip("no sentences with words outside web-page chrome")
    if len(arc) > limit or excluded_count > limit:
        warnings.append(
            f"data lists the offsets{' and records' if details else ''} of the first {min(limit, len(arc)):,} of "
            f"{len(arc):,} counted sentences"
            + (f" and the first {limit:,} of {excluded_count:,} excluded ones" if excluded_count > limit else "")
            + " (setting sentiment.max_sentence_records); the metrics, arc and findings cover every counted sentence"
        )

    n = len(arc)
    positives = sum(map(ge, arc, repeat(POSITIVE)))
    negatives = sum(map(le, arc, repeat(NEGATIVE)))
    metrics = {
        "compound": round(explanation.compound, 4),
        "mean_compound": round(statistics.fmean(arc), 4),
        "positive_share": round(positives / n, 4),
        "neutral_share": round((n - positives - negatives) / n, 4),
        "negative_share": round(negatives / n, 4),
        "sentences": n,
        "mean_positive": round(positive_sum / n, 4),
        "mean_negative": round(negative_sum / n, 4),
        "spread": round(_population_spread(arc), 4),
    }
    data = {
        # From the rounded metric, so the label never contradicts the number shown.
        "label": label(metrics["compound"]),
        "arc": arc,
        "smoothed_arc": list(map(_vader.rounded, rolling_mean(arc, settings["smoothing_window"]), repeat(4))),
        "smoothing_window": settings["smoothing_window"],
        "offsets": offsets,
        "excluded": excluded,
        "score_parts": explanation.parts(),
        "method": METHOD,
    }
    if details:  # constants and per-sentence detail: behind the setting, to keep the default report small
        data.update(thresholds={"positive": POSITIVE, "negative": NEGATIVE}, prior_sentences=PRIOR_SENTENCES)
        data["sentences"] = records
    return Result(
        metrics=metrics,
        findings=_extremes(document, arc, indices, settings["top"]),
        data=data,
        warnings=warnings,
        display=["arc", "smoothed_arc", "findings"],
    )


@hookimpl
def register_analyzers(register):
    register(
        Analyzer(
            id=ID,
            title="Sentiment",
            analyze=analyze,
            description="VADER sentiment per sentence: a document score for long text (negative words x1.5, review vocabulary, hedges, turns), shares, the arc along the text, and the most positive and negative sentences",
            order=20,
            settings=SETTINGS,
        )
    )
