"""Per-sentence irony scores, shared with other analyzers through the document memo."""

from __future__ import annotations

from typing import Any

from .features import feature_values, sentence_values
from .model import probability, weight_table

MEMO_KEY = "irony.sentence_scores"


def sentence_scores_with(document, table: dict[str, Any]) -> list[float]:
    """One score per ``document.sentences`` entry under the model ``table`` (0.0 for boilerplate)."""
    document_values, per_sentence = feature_values(document)
    scores = [0.0] * len(document.sentences)
    for sentence, own in zip(document.prose_sentences, per_sentence, strict=True):
        scores[sentence.index] = probability(sentence_values(document_values, own), table)
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
