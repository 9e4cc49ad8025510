"""Sentiment incongruity: praise where the situation is bad, the sentence against the document.

The VADER sentence scores are shared with the sentiment analyzer through
``textkit.plugins._vader.sentence_scores`` (one computation per document).
"""

from __future__ import annotations

from textkit.plugins._vader import sentence_scores

from typing import Any

from .lexicon import Lexicon, Marker, Spans, quoted, valence, word_keys

CONTRAST_POSITIVE = 2.0  # VADER lexicon valence of a clearly positive word
CONTRAST_NEGATIVE = -1.0  # "stuck", "ignored", "lost" are -1.0 to -1.3
CONTRAST_REACH = 5  # words after the positive one in which the negative situation must start
CONTRAST_COMPOUND = 0.5  # a sentence VADER scores this positive reads as plain praise
NEGATION_REACH = 3  # words before a sentiment word that can negate it


def _negated(keys: list[str], words, k: int, lex: Lexicon) -> bool:
    before = [keys[w.index] for w in words[max(0, k - NEGATION_REACH) : k]]
    return any(b in lex.negators or b.endswith("n't") for b in before)


def _rated_words(document, sentence, lex: Lexicon, in_quotes: Spans) -> list[tuple[int, Any, float]]:
    """(position, word, valence) of the sentence's clearly positive or negative words that carry
    the writer's sentiment (the valence is looked up first: most words have none)."""
    words = document.words_of(sentence)
    keys = word_keys(document)
    rated = []
    for k, w in enumerate(words):
        key = keys[w.index]
        if not key.isalpha() or key in lex.contrast_ignore:
            continue
        v = valence(key)
        if CONTRAST_NEGATIVE < v < CONTRAST_POSITIVE:
            continue
        # Quoted words are someone else's voice: the contrast must be the writer's.
        if not _negated(keys, words, k, lex) and not in_quotes.encloses(w.start, w.end):
            rated.append((k, w, v))
    return rated


def find_sentiment_contrast(document, sentences, lex: Lexicon, in_quotes: Spans) -> list[Marker]:
    scores = sentence_scores(document)
    markers = []
    for sentence in sentences:
        compound = scores[sentence.index]["compound"]
        if compound >= CONTRAST_COMPOUND:
            continue
        rated = _rated_words(document, sentence, lex, in_quotes)
        negative_at = {r[0]: r for r in rated if r[2] <= CONTRAST_NEGATIVE}
        pairs = [
            (p, negative_at[p[0] + d])
            for p in rated
            if p[2] >= CONTRAST_POSITIVE
            for d in range(1, CONTRAST_REACH + 1)
            if p[0] + d in negative_at
        ]
        if not pairs:
            continue
        (_, pos, pos_v), (_, neg, neg_v) = max(pairs, key=lambda pair: pair[0][2] - pair[1][2])
        markers.append(
            Marker(
                "sentiment_contrast",
                pos.start,
                neg.end,
                f"positive {quoted(pos.text)} ({pos_v:+.1f}) followed by negative "
                f"{quoted(neg.text)} ({neg_v:+.1f}): praise for a bad situation "
                f"(sentence compound {compound:+.2f})",
                {"positive_valence": pos_v, "negative_valence": neg_v, "compound": compound},
            )
        )
    return markers

