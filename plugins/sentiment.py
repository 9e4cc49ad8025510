"""Sentiment: VADER over each sentence, and the arc of those scores along the text.

Method
------
Every sentence of the document is scored once by VADER (Hutto & Gilbert
2014) through :mod:`textkit.plugins._vader`, which the irony analyzer shares.
The document score is the **mean of the sentence compounds**, not VADER run
on the whole text: VADER's compound normalises a sum of word valences, so on
a long text it saturates towards -1 or +1 whatever the balance; the mean of
sentences tracks human ratings of longer texts better.

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
``compound``         mean sentence compound, -1..1
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
         "label": "positive" | "neutral" | "negative"}
      ],
      "excluded": [               # sentences of the document left out of every number above
        {"index": int, "start": int, "end": int, "compound": float,
         "reason": "boilerplate" | "no_words"}
      ],
      "thresholds": {"positive": 0.05, "negative": -0.05},
      "method": str               # one line: how the numbers were made
    }

``display`` shows ``arc`` and ``smoothed_arc`` as sparklines.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from textkit import Analyzer, Result, Sentence, Skip, hookimpl

from . import _vader

ID = "sentiment"

POSITIVE = 0.05
NEGATIVE = -0.05
DEFAULTS = {"top": 3, "smoothing_window": 5}
METHOD = (
    "VADER (vaderSentiment) compound per sentence; document compound = mean over the author's "
    "sentences (web-page chrome and wordless sentences excluded); thresholds +/-0.05"
)


def label(compound: float) -> str:
    """VADER's standard reading of a compound score."""
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    scores: dict

    @property
    def compound(self) -> float:
        return self.scores["compound"]


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
            counted.append(Scored(sentence, score))
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
    compound = statistics.fmean(arc)
    labels = [label(c) for c in arc]
    metrics = {
        "compound": round(compound, 4),
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
            description="VADER sentiment per sentence: mean compound, shares, the arc along the text, and the most positive and negative sentences",
            order=20,
        )
    )
