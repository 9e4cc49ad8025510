"""Sentiment incongruity: praise where the situation is bad, the sentence against the document.

The VADER sentence scores are shared with the sentiment analyzer through
``textkit.plugins._vader.sentence_scores`` (one computation per document).
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import is_not

from textkit.plugins._vader import rated_words as vader_rated_words, sentence_scores

from .lexicon import Lexicon, Marker, Spans, quoted, valence, word_ends, word_keys, word_starts, word_texts

CONTRAST_POSITIVE = 2.0  # VADER lexicon valence of a clearly positive word
CONTRAST_NEGATIVE = -1.0  # "stuck", "ignored", "lost" are -1.0 to -1.3
CONTRAST_REACH = 5  # words after the positive one in which the negative situation must start
CONTRAST_COMPOUND = 0.5  # a sentence VADER scores this positive reads as plain praise
NEGATION_REACH = 3  # words before a sentiment word that can negate it


def _negated(keys: list[str], first_word: int, i: int, lex: Lexicon) -> bool:
    before = keys[max(first_word, i - NEGATION_REACH) : i]
    return any(b in lex.negators or b.endswith("n't") for b in before)


def _clear_valence(key: str, lex: Lexicon) -> float | None:
    """The word's valence if it is clearly positive or negative and may carry sentiment, else None."""
    if not key.isalpha() or key in lex.contrast_ignore:
        return None
    v = valence(key)
    return None if CONTRAST_NEGATIVE < v < CONTRAST_POSITIVE else v


def _rated_words(keys: list[str], starts: list[int], ends: list[int], sentence, lex: Lexicon, in_quotes: Spans,
                 clear: dict[str, float]):  # fmt: skip
    """(position, word index, valence) of the sentence's clearly positive or negative words that
    carry the writer's sentiment (``clear``: the valence of each such key of the text)."""
    first = sentence.first_word
    rated = []
    for i in range(first, sentence.end_word):
        if keys[i] not in clear:
            continue
        # Quoted words are someone else's voice: the contrast must be the writer's.
        if not _negated(keys, first, i, lex) and not in_quotes.encloses(starts[i], ends[i]):
            rated.append((i - first, i, clear[keys[i]]))
    return rated


def find_sentiment_contrast(document, sentences, lex: Lexicon, in_quotes: Spans) -> list[Marker]:
    scores = sentence_scores(document)
    keys = word_keys(document)
    # Each distinct word of the lexicon is rated once (most words have no valence at all). Rating
    # every word of the text, not only those of the candidate sentences, changes nothing: a word is
    # looked up only inside a candidate sentence, and a rating depends on the word alone.
    # Each rating is kept in ``lex.clear_valences`` (at most one per word of VADER's lexicon) and
    # read back at C speed.
    rated = vader_rated_words().intersection(keys)
    known = lex.clear_valences
    for key in rated.difference(known):
        known[key] = _clear_valence(key, lex)
    valences = list(map(known.__getitem__, rated))
    clear = dict(compress(zip(rated, valences), map(is_not, valences, repeat(None))))
    # A contrast pairs a clearly positive word with a clearly negative one: without both, none.
    positive = frozenset(k for k, v in clear.items() if v >= CONTRAST_POSITIVE)
    if not positive or len(positive) == len(clear):
        return []
    markers = []
    starts, ends = word_starts(document), word_ends(document)
    for sentence in sentences:
        if scores[sentence.index]["compound"] >= CONTRAST_COMPOUND:
            continue
        if positive.isdisjoint(keys[sentence.first_word : sentence.end_word]):
            continue
        compound = scores[sentence.index]["compound"]
        rated = _rated_words(keys, starts, ends, sentence, lex, in_quotes, clear)
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
        texts = word_texts(document)
        markers.append(
            Marker(
                "sentiment_contrast",
                starts[pos],
                ends[neg],
                f"positive {quoted(texts[pos])} ({pos_v:+.1f}) followed by negative "
                f"{quoted(texts[neg])} ({neg_v:+.1f}): praise for a bad situation "
                f"(sentence compound {compound:+.2f})",
                {"positive_valence": pos_v, "negative_valence": neg_v, "compound": compound},
            )
        )
    return markers

