"""VADER sentence scores, computed once per document and shared.

Both the sentiment analyzer and the irony analyzer (positive words in a
negative situation) need them; the document memo makes sure VADER runs over
each sentence once, whichever analyzer asks first.

Typographic apostrophes ("don’t", the usual spelling in edited and web text)
are read as straight ones: VADER recognises negations ("don't", "isn't",
"n't") only with a straight apostrophe, so without this "I don’t like it"
scores as praise.
"""

from __future__ import annotations

from functools import lru_cache

MEMO_KEY = "vader.sentence_scores"

# Right and left single quotation marks and the modifier-letter apostrophe.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # heavy: load on first use only

    return SentimentIntensityAnalyzer()


def polarity(text: str) -> dict[str, float]:
    """VADER's neg/neu/pos/compound for one piece of text."""
    return _analyzer().polarity_scores(straighten(text))


def sentence_scores(document) -> list[dict[str, float]]:
    """One VADER score dict per ``document.sentences`` entry, in order."""
    return document.memo(MEMO_KEY, lambda: [polarity(s.text) for s in document.sentences])


def straighten(text: str) -> str:
    """``text`` with typographic apostrophes read as straight ones, as :func:`polarity` reads it."""
    return text.translate(_APOSTROPHES)


@lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    """VADER's own negation words ("not", "never", "without", "don't", "dont", ...), lower case.

    VADER also counts any word containing "n't" as a negation.
    """
    from vaderSentiment.vaderSentiment import NEGATE  # heavy: load on first use only

    return frozenset(NEGATE)
