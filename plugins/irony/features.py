"""The document model's inputs: what the markers, the sentiment of the sentences, the word
cues and the length say, as one value per feature, for the document and for each sentence.

Every document value is the mean of the per-sentence values (so a sentence's share of the
evidence is plain to see), except ``word_cues`` (the cue score of the whole text) and
``length`` (log of the prose word count), which a sentence takes from its document as context.

``<family>``
    markers of that family per prose sentence (``markers.FAMILIES``).
``praise_in_complaint``
    a clearly positive sentence (VADER compound >= +0.5) among sentences that are negative
    on average (mean compound of the others <= -0.05): praise where the situation is bad.
``complaint_in_praise``
    the reverse: a clearly negative sentence among positive ones.
``mixed_polarity``
    the smaller of the shares of clearly positive and clearly negative sentences (a document
    value that every sentence shares).
``word_cues``
    the word-cue score (``word_cues.cue_score``): one aggregated learned feature.
``length``
    log(1 + prose words): how long the text is, for the model to learn what that says.
"""

from __future__ import annotations

import bisect
import math

from textkit.plugins._vader import sentence_scores

from .markers import FAMILIES, find_markers
from .word_cues import cue_score, sentence_cues

SENTIMENT_FEATURES = ("praise_in_complaint", "complaint_in_praise", "mixed_polarity")
FEATURES = (*FAMILIES, *SENTIMENT_FEATURES, "word_cues", "length")
CLEAR = 0.5  # VADER compound from which a sentence reads as clearly positive or negative
LEANING = 0.05  # mean compound from which the other sentences lean one way (VADER's own cut)


def _marker_counts(document) -> list[dict[str, int]]:
    """Markers of each family per prose sentence, each counted in the sentence where it starts."""
    sentences = document.prose_sentences
    starts = [s.start for s in sentences]
    counts: list[dict[str, int]] = [{} for _ in sentences]
    for marker in find_markers(document):
        k = max(0, bisect.bisect_right(starts, marker.start) - 1)
        counts[k][marker.family] = counts[k].get(marker.family, 0) + 1
    return counts


def _sentiment_values(compounds: list[float]) -> list[dict[str, float]]:
    n = len(compounds)
    total = sum(compounds)
    positive = sum(c >= CLEAR for c in compounds) / n
    negative = sum(c <= -CLEAR for c in compounds) / n
    mixed = min(positive, negative)
    values = []
    for c in compounds:
        others = (total - c) / (n - 1) if n > 1 else 0.0
        values.append(
            {
                "praise_in_complaint": float(c >= CLEAR and others <= -LEANING),
                "complaint_in_praise": float(c <= -CLEAR and others >= LEANING),
                "mixed_polarity": mixed,
            }
        )
    return values


def feature_values(document) -> tuple[dict[str, float], list[dict[str, float]]]:
    """(document values, per-prose-sentence values), each ``{feature: value}`` over ``FEATURES``;
    computed once per document."""
    return document.memo("irony.features", lambda: _compute(document))


def _compute(document) -> tuple[dict[str, float], list[dict[str, float]]]:
    sentences = document.prose_sentences
    if not sentences:
        return dict.fromkeys(FEATURES, 0.0), []
    vader = sentence_scores(document)
    compounds = [vader[s.index]["compound"] for s in sentences]
    cues = sentence_cues(document)
    words = sum(s.word_count for s in sentences)
    context = {
        "word_cues": cue_score([c for cs in cues for c in cs], words),
        "length": math.log1p(words),
    }
    per_sentence = []
    for counts, sentiment, sentence_cue_list, sentence in zip(
        _marker_counts(document), _sentiment_values(compounds), cues, sentences, strict=True
    ):
        values = {f: float(counts.get(f, 0)) for f in FAMILIES}
        values.update(sentiment)
        values["word_cues"] = cue_score(sentence_cue_list, sentence.word_count)
        values["length"] = context["length"]
        per_sentence.append(values)
    n = len(sentences)
    document_values = {f: sum(v[f] for v in per_sentence) / n for f in (*FAMILIES, *SENTIMENT_FEATURES)}
    document_values.update(context)
    return document_values, per_sentence
