"""VADER sentence scores, computed once per document and shared.

Both the sentiment analyzer and the irony analyzer (positive words in a
negative situation) need them; the document memo makes sure VADER runs over
each sentence once, whichever analyzer asks first.

VADER is run in two steps so that one pass gives two things: the valence it
gives every token (:func:`token_valences`; the sentiment analyzer's document
score re-weighs these) and the usual neg/neu/pos/compound dict computed from
them exactly as ``SentimentIntensityAnalyzer.polarity_scores`` does
(:func:`polarity`). The steps are VADER's own methods, called in the order
``polarity_scores`` calls them (vaderSentiment 3.3.2); a test checks that the
two agree.

Typographic apostrophes ("don’t", the usual spelling in edited and web text)
are read as straight ones: VADER recognises negations ("don't", "isn't",
"n't") only with a straight apostrophe, so without this "I don’t like it"
scores as praise.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

MEMO_KEY = "vader.sentence_scores"
VALENCES_MEMO_KEY = "vader.token_valences"

# Right and left single quotation marks and the modifier-letter apostrophe.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


class Valences(NamedTuple):
    """VADER's reading of one text before it is summed into a compound.

    ``tokens`` are VADER's words and emoticons (punctuation stripped, case
    kept); ``valences`` the valence of each after VADER's rules (boosters,
    negation, caps, "but"); ``emphasis`` what "!" and "?" add to the sum;
    ``text`` the text as VADER scored it (apostrophes straightened, emoji
    spelt out). Shared through the document memo: treat as read-only.
    """

    tokens: list[str]
    valences: list[float]
    emphasis: float
    text: str


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # heavy: load on first use only

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _vader_parts():
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText  # heavy: load on first use only

    return BOOSTER_DICT, SentiText


@lru_cache(maxsize=1)
def _emoji_characters() -> frozenset[str]:
    # VADER looks emoji up one character at a time, so only one-character keys can match.
    return frozenset(key for key in _analyzer().emojis if len(key) == 1)


def token_valences(text: str) -> Valences:
    """VADER's per-token valences for ``text`` (the body of ``polarity_scores`` up to the sum)."""
    vader = _analyzer()
    boosters, SentiText = _vader_parts()
    text = straighten(text)
    text = text.strip() if _emoji_characters().isdisjoint(text) else _spell_out_emoji(text, vader.emojis)
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(words):
        lower = item.lower()
        # Boosters and "kind of" modify a neighbour and carry no valence themselves.
        if lower in boosters or (lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
            sentiments.append(0)
            continue
        sentiments = vader.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = vader._but_check(words, sentiments)
    emphasis = vader._punctuation_emphasis(text) if sentiments else 0.0
    return Valences(words, sentiments, emphasis, text)


def _spell_out_emoji(text: str, emojis: dict[str, str]) -> str:
    """VADER's own emoji step: each emoji replaced by its description, space-separated."""
    out, previous_space = [], True
    for ch in text:
        if ch in emojis:
            if not previous_space:
                out.append(" ")
            out.append(emojis[ch])
            previous_space = False
        else:
            out.append(ch)
            previous_space = ch == " "
    return "".join(out).strip()


def scores_of(valences: Valences) -> dict[str, float]:
    """VADER's neg/neu/pos/compound from its token valences."""
    return _analyzer().score_valence(valences.valences, valences.text)


def polarity(text: str) -> dict[str, float]:
    """VADER's neg/neu/pos/compound for one piece of text."""
    return scores_of(token_valences(text))


def sentence_valences(document) -> list[Valences]:
    """One :class:`Valences` per ``document.sentences`` entry, in order."""
    return document.memo(VALENCES_MEMO_KEY, lambda: [token_valences(s.text) for s in document.sentences])


def sentence_scores(document) -> list[dict[str, float]]:
    """One VADER score dict per ``document.sentences`` entry, in order."""
    return document.memo(MEMO_KEY, lambda: [scores_of(v) for v in sentence_valences(document)])


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
