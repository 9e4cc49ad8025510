"""Per-sentence irony scores, shared with other analyzers through the document memo."""

from __future__ import annotations

from typing import Any

from .features import FEATURES, feature_values
from .model import sigmoid, weight_table

MEMO_KEY = "irony.sentence_scores"


def sentence_scores_with(document, table: dict[str, Any]) -> list[float]:
    """One score per ``document.sentences`` entry under the model ``table`` (0.0 for boilerplate).

    The same figure as ``probability(sentence_values(...), table)``, without a dict per sentence:
    a feature whose value is 0 adds a zero to the log-odds' running sum, which leaves it as it
    was, so only the sentence's own values and the document's context are added, in ``FEATURES``
    order. A score is computed once per distinct set of own values (a flood of equal
    sentences costs one); a sentence with nothing but word cues is keyed by its cue value alone."""
    document_values, per_sentence = feature_values(document)
    weights = {f: float(w) for f, w in table["weights"].items()}
    intercept = float(table["intercept"])
    mixed = weights["mixed_polarity"] * document_values["mixed_polarity"]
    length = weights["length"] * document_values["length"]
    cue_weight = weights["word_cues"]
    own_features = FEATURES[: FEATURES.index("mixed_polarity")]
    by_cue_value: dict[float, float] = {}
    by_values: dict[tuple, float] = {}  # a sentence's own values (in its order) -> its score
    scores = [0.0] * len(document.sentences)
    for sentence, own in zip(document.prose_sentences, per_sentence, strict=True):
        cue_value = own["word_cues"]
        if len(own) == 1:
            score = by_cue_value.get(cue_value)
            if score is None:
                score = by_cue_value[cue_value] = sigmoid(intercept + sum((mixed, cue_weight * cue_value, length)))
        else:
            key = tuple(own.items())
            score = by_values.get(key)
            if score is None:
                terms = [weights[f] * own[f] for f in own_features if f in own]
                terms += (mixed, cue_weight * cue_value, length)
                score = by_values[key] = sigmoid(intercept + sum(terms))
        scores[sentence.index] = score
    return scores


def sentence_irony(document) -> list[float]:
    """How ironic each sentence reads: a probability-like score in 0..1 per ``document.sentences``
    entry, in order (0.0 for boilerplate sentences such as "Share this").

    It is the shipped document model applied to one sentence: the sentence's own markers,
    its sentiment against the other sentences and its word cues, with the document's length
    and mix of positive and negative sentences as context. The irony analyzer's default
    threshold (``model.weight_table()["threshold"]``) is the cut between ironic and literal.

    Memoised in ``document.memo("irony.sentence_scores")``, so any analyzer may call it
    (the irony analyzer need not have run) and the work is done once per document; it
    reuses VADER's shared sentence scores (``textkit.plugins._vader.sentence_scores``).
    Cost: linear in the text, a few milliseconds for a news article.
    """
    return document.memo(MEMO_KEY, lambda: sentence_scores_with(document, weight_table()))
