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
``compound`` = sum of the *adjusted* sentence compounds / (counted sentences + 2).

1. Hedged praise is damped. VADER misses that praise can be negated,
   hypothetical, asked about or taken back, and people rate such sentences
   well below VADER (on all three of VADER's own rating sets). A positive
   sentence (compound >= 0.05) with a hedge cue is multiplied by 0.6. The
   cues: a negation (VADER's own list, or any word with "n't"), a modal
   ("would", "could", "should", "might"), "if", a question mark, "but".
   Negation: Potts (2010), "On the negativity of negation"; modals,
   conditionals and questions are the "irrealis" contexts of SO-CAL (Taboada
   et al. 2011), which blocks sentiment there.
2. A contrast softens a complaint too: a negative sentence (<= -0.05)
   containing "but" is multiplied by 0.6.
3. Negation without sentiment words leans negative ("It does not work."): a
   neutral sentence (-0.05 < compound < 0.05) with a negation gets -0.2.
4. Two neutral sentences are added to every document (an additive prior):
   a text of two or three sentences is thin evidence, so its score is
   pulled towards 0; a long text is hardly moved. Every adjusted score stays
   in -1..1, so ``compound`` does too, and it is 0 for an all-neutral text.

The factors were chosen on VADER's tweet and movie-review sentence ratings,
not on the Amazon reviews the document score is evaluated on; the prior of
two sentences by 5-fold cross-validation over the Amazon reviews. Against the
mean human rating of whole Amazon reviews this beats the plain mean of
sentence compounds (kept as ``mean_compound``); see docs/quality.md and
``python -m evaluation.sentiment``. Tried and dropped because the data did
not support them: weighting sentences by VADER intensity or by length,
down-weighting the sentence before a "But/However" sentence, extra weight
for negative sentences, the first or last sentence, quotation marks as a
hedge cue, a power curve on the compounds, blending in VADER on the whole
text, and filling neutral sentences from the review's other sentences.

Counted sentences
-----------------
Only the author's sentences count: trailing web-page chrome ("Share.",
"Leave A Reply", i.e. sentences of paragraphs with ``boilerplate=True``) is
left out, as are sentences without a single word (a "* * *" divider), which
VADER can only call neutral. Both are listed under ``data["excluded"]`` with
their reason and compound. Every per-sentence record carries ``index``, the
sentence's position in ``document.sentences``, so the arc can be lined up
with the document. The section is skipped when no sentence counts.

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
``config.for_analyzer("sentiment")``: ``top`` (3) and ``smoothing_window``
(5, an odd number of sentences; an even one is raised to the next odd). An
option that is not a positive integer is replaced by its default, with a
warning.

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
      "sentences": [              # one per counted sentence, same order as "arc"
        {"index": int,            # position in document.sentences
         "start": int, "end": int,  # offsets in document.text
         "compound": float, "pos": float, "neu": float, "neg": float,
         "label": "positive" | "neutral" | "negative",   # of "compound"
         "adjusted": float,       # the sentence's share of the document score
                                  # before the division (== compound if unchanged)
         "adjusted_by": [str]}    # the cues that changed it: "negation", "modal",
                                  # "if", "question", "but"; [] when unchanged
      ],
      "excluded": [               # sentences of the document left out of every number above
        {"index": int, "start": int, "end": int, "compound": float,
         "reason": "boilerplate" | "no_words"}
      ],
      "thresholds": {"positive": 0.05, "negative": -0.05},
      "prior_sentences": 2,       # neutral sentences added in the document score
      "method": str               # one line: how the numbers were made
    }

``display`` shows ``arc`` and ``smoothed_arc`` as sparklines.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from textkit import Analyzer, Result, Sentence, Skip, hookimpl

from . import _vader

ID = "sentiment"

POSITIVE = 0.05
NEGATIVE = -0.05
DEFAULTS = {"top": 3, "smoothing_window": 5}
# The document score (see the module docstring); chosen on VADER's tweet and
# movie-review ratings, the prior by cross-validation on Amazon reviews.
HEDGE_FACTOR = 0.6
NEGATION_SHIFT = 0.2
PRIOR_SENTENCES = 2
METHOD = (
    "VADER (vaderSentiment) compound per sentence; document compound = sum of adjusted sentence "
    "compounds / (sentences + 2), where positive sentences with a negation, modal, 'if', '?' or "
    "'but' and negative sentences with 'but' count x0.6 and neutral sentences with a negation "
    "count -0.2; over the author's sentences (web-page chrome and wordless sentences excluded); "
    "thresholds +/-0.05"
)

_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_MODAL = re.compile(r"(?:would|could|should|might)(?:n't|nt|'ve)?")


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
    words = [w.lower() for w in _TOKEN.findall(straight)]
    negations = _vader.negations()
    found = {
        "negation": any(w in negations or "n't" in w for w in words),
        "modal": any(_MODAL.fullmatch(w) for w in words),
        "if": "if" in words,
        "question": "?" in straight,
        "but": "but" in words,
    }
    return [cue for cue, present in found.items() if present]


def adjust(compound: float, cues: list[str]) -> tuple[float, list[str]]:
    """A sentence's contribution to the document score, and the cues that changed it."""
    if compound >= POSITIVE and cues:
        return compound * HEDGE_FACTOR, cues
    if compound <= NEGATIVE and "but" in cues:
        return compound * HEDGE_FACTOR, ["but"]
    if NEGATIVE < compound < POSITIVE and "negation" in cues:
        return compound - NEGATION_SHIFT, ["negation"]
    return compound, []


def document_score(adjusted: list[float]) -> float:
    """The document compound: adjusted sentence scores with PRIOR_SENTENCES neutral ones added."""
    return sum(adjusted) / (len(adjusted) + PRIOR_SENTENCES)


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    scores: dict
    adjusted: float
    adjusted_by: list[str]

    @property
    def compound(self) -> float:
        return self.scores["compound"]


def _scored(sentence: Sentence, scores: dict) -> Scored:
    adjusted, cues = adjust(scores["compound"], hedge_cues(sentence.text))
    return Scored(sentence, scores, adjusted, cues)


def rolling_mean(values: list[float], window: int) -> list[float]:
    """Centred moving average; the window shrinks at the ends instead of padding."""
    half = window // 2
    out = []
    for i in range(len(values)):
        around = values[max(0, i - half) : i + half + 1]
        out.append(sum(around) / len(around))
    return out


def _exclusion(document, sentence) -> str | None:
    if document.paragraphs[sentence.paragraph].boilerplate:
        return "boilerplate"
    if sentence.word_count == 0:
        return "no_words"
    return None


def _settings(config) -> tuple[dict[str, int], list[str]]:
    options = config.for_analyzer(ID) if config is not None else {}
    settings, warnings = {}, []
    for name, default in DEFAULTS.items():
        value = options.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            warnings.append(f"sentiment option {name}={value!r} is not a positive integer; using {default}")
            value = default
        settings[name] = value
    # A centred window needs an odd width.
    settings["smoothing_window"] |= 1
    return settings, warnings


def _extremes(document, counted: list[Scored], top: int) -> list:
    positive = sorted((s for s in counted if s.compound >= POSITIVE), key=lambda s: (-s.compound, s.sentence.index))
    negative = sorted((s for s in counted if s.compound <= NEGATIVE), key=lambda s: (s.compound, s.sentence.index))
    findings = []
    for kind, adjective, chosen in (("most_positive", "positive", positive), ("most_negative", "negative", negative)):
        for rank, s in enumerate(chosen[:top], start=1):
            findings.append(
                document.finding(
                    kind,
                    s.sentence.start,
                    s.sentence.end,
                    f"compound {s.compound:+.4f}, rank {rank} of {len(chosen)} {adjective} sentences",
                    index=s.sentence.index,
                    compound=s.compound,
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
        "adjusted": round(s.adjusted, 4),
        "adjusted_by": s.adjusted_by,
    }


def analyze(document, config) -> Result:
    if not document.sentences:
        raise Skip("no sentences")
    settings, warnings = _settings(config)
    scores = _vader.sentence_scores(document)
    counted: list[Scored] = []
    excluded = []
    for sentence, score in zip(document.sentences, scores):
        reason = _exclusion(document, sentence)
        if reason is None:
            counted.append(_scored(sentence, score))
        else:
            excluded.append(
                {
                    "index": sentence.index,
                    "start": sentence.start,
                    "end": sentence.end,
                    "compound": score["compound"],
                    "reason": reason,
                }
            )
    if not counted:
        raise Skip("no sentences with words outside web-page chrome")

    n = len(counted)
    arc = [s.compound for s in counted]
    labels = [label(c) for c in arc]
    metrics = {
        "compound": round(document_score([s.adjusted for s in counted]), 4),
        "mean_compound": round(statistics.fmean(arc), 4),
        "positive_share": round(labels.count("positive") / n, 4),
        "neutral_share": round(labels.count("neutral") / n, 4),
        "negative_share": round(labels.count("negative") / n, 4),
        "sentences": n,
        "mean_positive": round(statistics.fmean(s.scores["pos"] for s in counted), 4),
        "mean_negative": round(statistics.fmean(s.scores["neg"] for s in counted), 4),
        "spread": round(statistics.pstdev(arc), 4),
    }
    data = {
        # From the rounded metric, so the label never contradicts the number shown.
        "label": label(metrics["compound"]),
        "arc": arc,
        "smoothed_arc": [round(v, 4) for v in rolling_mean(arc, settings["smoothing_window"])],
        "smoothing_window": settings["smoothing_window"],
        "sentences": [_record(s) for s in counted],
        "excluded": excluded,
        "thresholds": {"positive": POSITIVE, "negative": NEGATIVE},
        "prior_sentences": PRIOR_SENTENCES,
        "method": METHOD,
    }
    return Result(
        metrics=metrics,
        findings=_extremes(document, counted, settings["top"]),
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
            description="VADER sentiment per sentence: a document score from them (hedged praise damped), shares, the arc along the text, and the most positive and negative sentences",
            order=20,
        )
    )
