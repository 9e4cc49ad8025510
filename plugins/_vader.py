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

import heapq
import math
import string
from bisect import bisect_left
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import not_
from typing import NamedTuple

from textkit import bulk  # noqa: F401  (sentiment.py calls _vader.bulk)

MEMO_KEY = "vader.sentence_scores"
VALENCES_MEMO_KEY = "vader.token_valences"



class Valences(NamedTuple):
    """VADER's reading of one text before it is summed into a compound.

    ``tokens`` are VADER's words and emoticons (punctuation stripped, case
    kept); ``valences`` the valence of each after VADER's rules (boosters,
    negation, caps, "but"); ``emphasis`` what "!" and "?" add to the sum;
    ``text`` the text as VADER scored it (apostrophes straightened, emoji
    spelt out); ``lowered`` the tokens in lower case as VADER read them, kept
    for the sentiment analyzer's rules in a document of at most
    ``_LOWERED_KEPT_UP_TO`` words (else None: lower-case ``tokens`` again);
    ``others`` with them: the lowered tokens that are not letters and digits
    only (``str.isalnum``), joined by spaces (the only ones whose words the
    sentiment analyzer's hedge cues must read; every word holding "n't" is one).
    Shared through the document memo: treat as read-only.
    """

    tokens: list[str]
    valences: list[float]
    emphasis: float
    text: str
    lowered: list[str] | None = None
    others: str | None = None


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # heavy: load on first use only

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _emoji_characters() -> frozenset[str]:
    # VADER looks emoji up one character at a time, so only one-character keys can match.
    return frozenset(key for key in _analyzer().emojis if len(key) == 1)


@lru_cache(maxsize=1)
def _emoji_search():
    """``search(text)``: None when ``text`` holds no character VADER spells out.

    One compiled class of the emoji in the Basic Multilingual Plane (a bitmap: fast) and of every
    character beyond it (one range; a character class of VADER's astral emoji one by one would
    cost ~3 µs a character); a text with an astral character is then looked at character by
    character. Nearly twice as fast as ``frozenset.isdisjoint(text)``, which makes a string of
    each character outside Latin-1 to look it up. Before it, a class of three ranges that holds every
    emoji VADER knows (the Latin-1 ones, "©" and "®"; from the lowest to the highest in the rest of
    the Basic Multilingual Plane, "‼" to "㊙"; every astral character): four times as fast, and news
    text ("’", "“", "—", "é") seldom reaches it. (A range is compiled one code point at a time: the
    narrow one costs ~1 ms once, one up to U+FFFF would cost ten.)
    """
    import re

    emoji = _emoji_characters()
    basic = "".join(re.escape(c) for c in sorted(emoji) if ord(c) <= 0xFFFF)
    candidate = re.compile(f"[{basic}\U00010000-\U0010ffff]").search
    latin = "".join(re.escape(c) for c in sorted(emoji) if ord(c) <= 0xFF)
    wider = [c for c in emoji if 0xFF < ord(c) <= 0xFFFF]
    lowest, highest = re.escape(min(wider)), re.escape(max(wider))
    possible = re.compile(f"[{latin}{lowest}-{highest}\U00010000-\U0010ffff]").search

    def search(text: str):
        if possible(text) is None:
            return None
        found = candidate(text)
        return None if found is None or (found.group() not in emoji and emoji.isdisjoint(text)) else found

    return search


@lru_cache(maxsize=1)
def _rules():
    from vaderSentiment import vaderSentiment as v  # heavy: load on first use only

    return v.BOOSTER_DICT, v.SPECIAL_CASES, frozenset(v.NEGATE), v.N_SCALAR, v.C_INCR, v.scalar_inc_dec


def token_valences(text: str) -> Valences:
    """VADER's per-token valences for ``text`` (the body of ``polarity_scores`` up to the sum).

    The same steps as vaderSentiment 3.3.2's ``polarity_scores`` (its tokens,
    its lexicon and constants, its rules in its order), written so that a
    sentence is lower-cased once: VADER's own ``sentiment_valence`` lower-cases
    the whole sentence again in its negation and idiom checks for every lexicon
    word, which makes a long sentence quadratic. A word outside the lexicon gets
    valence 0 whatever surrounds it, as in VADER. The result equals
    ``SentimentIntensityAnalyzer().polarity_scores`` on all 18,513 of VADER's
    rated sentences (``benchmarks/bench_sentiment.py --equivalence``; a test
    checks a sample).
    """
    text = _prepared(text)
    words, odd = _stripped(text.split())
    lowered = list(map(str.lower, words))
    # Only the lexicon's words can get a valence (picked out at C speed); most sentences have few.
    rated = list(compress(range(len(lowered)), map(_analyzer().lexicon.__contains__, lowered)))
    return _valences(text, words, lowered, rated, " ".join(map(lowered.__getitem__, _others(lowered, odd))))


def _prepared(text: str) -> str:
    """The text as VADER scores it: apostrophes straightened, emoji spelt out, stripped."""
    if text.isascii():  # most sentences: nothing to straighten, and every emoji VADER knows is outside ASCII
        return text.strip()
    text = straighten(text)
    if text.isascii():  # only its apostrophes were not (a quarter of the rest)
        return text.strip()
    return text.strip() if _emoji_search()(text) is None else _spell_out_emoji(text, _analyzer().emojis)


def _valences(text: str, words: list[str], lowered: list[str], rated: list[int], others: str | None) -> Valences:
    """VADER's rules over one prepared sentence's words (``rated``: the positions of lexicon words;
    ``others``: see :class:`Valences`, None when the lowered tokens are not kept)."""
    sentiments: list[float] = [0] * len(words)  # VADER's 0 (an int) for a word without valence
    if rated:
        lexicon, boosters, context_words, idiom_anchors = _TABLES or _tables()
        is_cap_diff = None  # VADER's "some words in capitals", read only for a lexicon word in capitals
        last = len(words) - 1
        # No word that VADER's rules read before a lexicon word (a booster, a negation, "so", "least", ...)
        # anywhere in the sentence: each word's rules then leave its lexicon valence as it is (below).
        # Some word holds "n't" (a negation): such a word holds an apostrophe, so it is among ``others``.
        negated_word = "'" in text and "n't" in (text.lower() if others is None else others)
        plain_sentence = not negated_word and context_words.isdisjoint(lowered)
        # No idiom can match anywhere in the sentence without one of its anchor words (most sentences).
        idiom_free = idiom_anchors.isdisjoint(lowered)
        if plain_sentence and idiom_free and not any(map(str.isupper, map(words.__getitem__, rated))):
            # Every lexicon word's rules leave its lexicon valence (below): no booster (every booster is a
            # context word), no "no" (one too), no "kind" (an anchor), none in capitals, no idiom.
            for i in rated:
                sentiments[i] = lexicon[lowered[i]]
            rated = ()
        for i in rated:
            lower = lowered[i]
            # Boosters and "kind of" modify a neighbour and carry no valence themselves.
            if lower in boosters or (lower == "kind" and i < last and lowered[i + 1] == "of"):
                continue
            plain = lower != "no" and (plain_sentence or _plain_before(lowered, i, negated_word))
            if plain and not words[i].isupper():
                sentiments[i] = lexicon[lower] if idiom_free else _plain_valence(lexicon, lowered, i)
                continue
            if is_cap_diff is None:
                is_cap_diff = _cap_differential(words)
            if plain and not is_cap_diff:  # in capitals, but so is every word (or none): no emphasis
                sentiments[i] = lexicon[lower] if idiom_free else _plain_valence(lexicon, lowered, i)
            else:  # VADER's rules as they are
                sentiments[i] = _valence(lexicon, words, lowered, i, is_cap_diff)
    if "but" in lowered:  # (VADER's step turns every int 0 into 0.0, valued or not)
        sentiments = _but_check(lowered.index("but"), sentiments)
    # VADER's emphasis is 0 * 0.292 + 0, i.e. 0.0, without "!" or "?".
    emphasis = _analyzer()._punctuation_emphasis(text) if sentiments and ("!" in text or "?" in text) else 0.0
    # (``tuple.__new__`` is the namedtuple's own ``__new__`` without its Python-level call.)
    return _new_valences(Valences, (words, sentiments, emphasis, text, None if others is None else lowered, others))


_new_valences = tuple.__new__
_TABLES: tuple | None = None  # what ``_valences`` reads for each sentence with a lexicon word


def _tables() -> tuple[dict[str, float], dict[str, float], frozenset[str], frozenset[str]]:
    global _TABLES
    _TABLES = (_analyzer().lexicon, _rules()[0], _context_words(), _idiom_anchors())
    return _TABLES


@lru_cache(maxsize=1)
def _context_words() -> frozenset[str]:
    """The words that, up to three places before a lexicon word, can change its valence in
    ``_valence`` (boosters, negations, "no", "so"/"this", "never", "without ... doubt", "least").
    A word containing "n't" is a negation too; that one is looked for in the text."""
    boosters, _, negate = _rules()[:3]
    return frozenset(boosters) | negate | {"no", "so", "this", "never", "without", "doubt", "least"}


def _plain_before(lowered: list[str], i: int, negated_word: bool) -> bool:
    """None of the three words before ``lowered[i]`` is a context word or (``negated_word``: the
    sentence has one) a negation with "n't"."""
    before = lowered[i - 3 if i > 3 else 0 : i]
    return _context_words().isdisjoint(before) and not (negated_word and any("n't" in word for word in before))


def _plain_valence(lexicon: dict[str, float], lowered: list[str], i: int) -> float:
    """``_valence`` of a lexicon word that is not "no", not in capitals and
    has no context word in the three before it: every booster scalar is then 0.0 (a lexicon
    valence is a non-zero float, unchanged by adding 0.0), no negation, "so"/"this" or "least"
    rule applies, and only a special idiom around it can change it (where VADER looks for one:
    with a word three before it that is not in the lexicon)."""
    valence = lexicon[lowered[i]]
    if i > 2 and lowered[i - 3] not in lexicon and _idiom_near(lowered, i):
        valence = _special_idioms_check(valence, lowered, i)
    return valence


def _valence(lexicon: dict[str, float], words: list[str], lowered: list[str], i: int, is_cap_diff: bool) -> float:
    """``SentimentIntensityAnalyzer.sentiment_valence`` for the lexicon word ``words[i]``."""
    boosters, _, _, n_scalar, c_incr, scalar_inc_dec = _rules()
    lower = lowered[i]
    valence = lexicon[lower]
    # "no" before another lexicon word negates it instead of counting itself.
    if lower == "no" and i != len(words) - 1 and lowered[i + 1] in lexicon:
        valence = 0.0
    if (
        (i > 0 and lowered[i - 1] == "no")
        or (i > 1 and lowered[i - 2] == "no")
        or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor"))
    ):
        valence = lexicon[lower] * n_scalar
    if words[i].isupper() and is_cap_diff:
        valence = valence + c_incr if valence > 0 else valence - c_incr
    for start_i in range(3):
        before = i - (start_i + 1)
        if i > start_i and lowered[before] not in lexicon:
            # VADER's scalar is 0.0 for a word that is no booster (most): its function only for a booster.
            scalar = scalar_inc_dec(words[before], valence, is_cap_diff) if lowered[before] in boosters else 0.0
            if start_i == 1 and scalar != 0:
                scalar = scalar * 0.95
            if start_i == 2 and scalar != 0:
                scalar = scalar * 0.9
            valence = _negation_check(valence + scalar, lowered, start_i, i)
            # An idiom or booster phrase can match only where one of its words is near (rarely).
            if start_i == 2 and _idiom_near(lowered, i):
                valence = _special_idioms_check(valence, lowered, i)
    return _least_check(valence, lexicon, lowered, i)


@lru_cache(maxsize=1)
def _idiom_words() -> frozenset[str]:
    """Every word of VADER's special cases and booster phrases: ``_special_idioms_check`` looks up only
    space-joined runs of the words around a lexicon word (from 3 before to 2 after), so unless one of
    them is among these it changes nothing."""
    boosters, special_cases = _rules()[:2]
    phrases = [*special_cases, *(key for key in boosters if " " in key)]
    return frozenset(word for phrase in phrases for word in phrase.split(" "))


@lru_cache(maxsize=1)
def _idiom_anchors() -> frozenset[str]:
    """One word of every two adjacent words of VADER's special cases and booster phrases (the less
    common one), and "kind": ``_special_idioms_check`` can change a valence only where two adjacent
    words form such a pair (:func:`_idiom_near`), so not in a sentence without any of these."""
    common = {"of", "for", "to", "the", "a", "right", "just", "heart", "stop", "bad"}
    return frozenset(b if b not in common else a for a, b in _idiom_pairs()) | {"kind"}


def _idiom_near(lowered: list[str], i: int) -> bool:
    """Whether a special idiom or booster phrase can match around ``lowered[i]`` (i >= 3):
    ``_special_idioms_check`` looks up only runs of two or three adjacent words from 3 before to 2
    after it, so one of them must be an idiom word and two adjacent ones a pair opening a phrase."""
    window = lowered[i - 3 : i + 3]
    return not _idiom_words().isdisjoint(window) and not _idiom_pairs().isdisjoint(zip(window, window[1:]))


@lru_cache(maxsize=1)
def _idiom_pairs() -> frozenset[tuple[str, str]]:
    """Every two adjacent words of VADER's special cases and booster phrases."""
    boosters, special_cases = _rules()[:2]
    phrases = [phrase.split(" ") for phrase in (*special_cases, *(key for key in boosters if " " in key))]
    return frozenset(pair for words in phrases for pair in zip(words, words[1:]))


def _but_check(but: int, sentiments: list[float]) -> list[float]:
    """VADER's ``_but_check``: words before the first "but" x0.5, after it x1.5, in linear time.

    VADER walks the list and, for each value, changes the *first* position
    holding an equal value (``list.index``), which is quadratic on a long
    sentence and, when values repeat, changes another word than the one
    read. This gives the same list: the first position holding each value is
    found in a heap per value, with positions that since changed value
    skipped when they reach the top.
    """
    current = list(sentiments)
    valued = list(compress(range(len(current)), current))
    values = [current[k] for k in valued]
    changed = [value * 0.5 if k < but else value * 1.5 for k, value in zip(valued, values)]
    if not current[but] and len(set(values)) == len(values) and set(changed).isdisjoint(values):
        # No valence repeats, before or after a change (most sentences): each valued position is the
        # first holding its value when read, so each changes in place; every zero read finds the first
        # zero (0 == 0.0 == -0.0), which ends with the last zero's value times its factor.
        for k, value in zip(valued, changed):
            current[k] = value
        zeros = list(compress(range(len(current)), map(not_, sentiments)))
        first = zeros[0]  # the "but" itself is one
        if first != but:
            current[first] = sentiments[zeros[-1]] * (0.5 if first < but else 1.5)
        return current
    holding: dict[float, list[int]] = {}  # value -> heap of positions that held it when pushed
    for k, value in enumerate(sentiments):  # position k still holds its original value when read
        heap = holding.setdefault(value, [])
        heapq.heappush(heap, k)
        while current[heap[0]] != value:
            heapq.heappop(heap)
        first = heap[0]
        if first == but:
            continue
        changed = value * 0.5 if first < but else value * 1.5
        current[first] = changed
        heapq.heappush(holding.setdefault(changed, []), first)
    return current


def _negated(word: str) -> bool:
    return word in _rules()[2] or "n't" in word


def _negation_check(valence: float, lowered: list[str], start_i: int, i: int) -> float:
    """VADER's ``_negation_check``."""
    n_scalar = _rules()[3]
    if start_i == 0:
        if _negated(lowered[i - 1]):
            valence = valence * n_scalar
    elif start_i == 1:
        if lowered[i - 2] == "never" and lowered[i - 1] in ("so", "this"):
            valence = valence * 1.25
        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
            pass
        elif _negated(lowered[i - 2]):
            valence = valence * n_scalar
    else:
        if (lowered[i - 3] == "never" and lowered[i - 2] in ("so", "this")) or lowered[i - 1] in ("so", "this"):
            valence = valence * 1.25
        elif lowered[i - 3] == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
            pass
        elif _negated(lowered[i - 3]):
            valence = valence * n_scalar
    return valence


def _special_idioms_check(valence: float, lowered: list[str], i: int) -> float:
    """VADER's ``_special_idioms_check`` (called only for i >= 3)."""
    boosters, special_cases = _rules()[:2]
    three, two, one, zero = lowered[i - 3], lowered[i - 2], lowered[i - 1], lowered[i]
    for sequence in (f"{one} {zero}", f"{two} {one} {zero}", f"{two} {one}", f"{three} {two} {one}", f"{three} {two}"):
        if sequence in special_cases:
            valence = special_cases[sequence]
            break
    if len(lowered) - 1 > i:
        sequence = f"{zero} {lowered[i + 1]}"
        if sequence in special_cases:
            valence = special_cases[sequence]
    if len(lowered) - 1 > i + 1:
        sequence = f"{zero} {lowered[i + 1]} {lowered[i + 2]}"
        if sequence in special_cases:
            valence = special_cases[sequence]
    for n_gram in (f"{three} {two} {one}", f"{three} {two}", f"{two} {one}"):
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _least_check(valence: float, lexicon: dict[str, float], lowered: list[str], i: int) -> float:
    """VADER's ``_least_check``: "least" before a word negates it, except "at least" and "very least"."""
    if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        if lowered[i - 2] != "at" and lowered[i - 2] != "very":
            valence = valence * _rules()[3]
    elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        valence = valence * _rules()[3]
    return valence


_PUNCTUATION = string.punctuation


def _stripped(tokens: list[str]) -> tuple[list[str], list[int]]:
    """``SentiText(text).words_and_emoticons`` of whitespace-separated tokens (of one text or of
    many): words with surrounding punctuation stripped unless that leaves two characters or fewer
    (an emoticon such as ":)"); and the positions of the tokens not of letters and digits only."""
    words = list(tokens)
    # A token of letters and digits only (most; ``str.isalnum``) holds no punctuation to strip: only
    # the others are stripped, and a token left with two characters or fewer stays whole (an emoticon
    # such as ":)"; a token that lost nothing is itself either way). (A comprehension: on Python 3.11
    # about half the time of ``compress`` over ``map(not_, map(str.isalnum, ...))``.)
    odd = [i for i, token in enumerate(tokens) if not token.isalnum()]
    for i in odd:
        word = tokens[i].strip(_PUNCTUATION)
        if len(word) > 2:
            words[i] = word
    return words, odd


def _others(lowered: list[str], odd: list[int]) -> list[int]:
    """The positions of the lowered tokens that are not letters and digits only: among ``odd`` (a token
    of letters and digits only was not stripped, and lower-cases into letters and digits, see
    ``sentiment._sentence_cues``), those that are still not after stripping ("don't", "u.s", "“we",
    not "said," now "said")."""
    return [i for i in odd if not lowered[i].isalnum()]


def _cap_differential(words: list[str]) -> bool:
    """``SentiText(text).is_cap_diff``: some but not all words are in capitals."""
    capitals = sum(map(str.isupper, words))
    return 0 < len(words) - capitals < len(words)


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


_ALPHA = 15  # VADER's normalisation constant
_SCALES = {3: 1000.0, 4: 10000.0}


def rounded(x: float, digits: int) -> float:
    """``round(x, digits)``, the same float, for a finite ``x`` with ``abs(x) <= 1`` and ``digits`` 3 or 4.

    ``round`` rounds the exact value of ``x`` to ``digits`` decimals (half to even) and returns the
    float nearest that decimal, through a decimal string: ~1,000 instructions. ``y = x * 10**digits``
    is off the exact product by at most half an ulp (< 2e-12 for ``abs(y) <= 10**4``), so when ``y``
    is more than 1e-4 away from a half the exact product rounds to the same integer ``r`` as ``y``;
    the float nearest ``r / 10**digits`` is then ``r / scale`` (both exact, the division correctly
    rounded). A zero is its own rounding; near a half, and for another ``x`` that rounds to zero
    (``round`` keeps its sign), ``round`` itself.
    """
    scale = _SCALES[digits]
    y = x * scale
    r = round(y)
    if r and -0.4999 < y - r < 0.4999:
        return r / scale
    if x == 0:  # (VADER's "neg" of a sentence without a negative word): ``round`` returns the zero as it is
        return x
    return round(x, digits)



def scores_of(valences: Valences) -> dict[str, float]:
    """VADER's neg/neu/pos/compound from its token valences: ``score_valence``, step for step.

    Its "!"/"?" emphasis is ``valences.emphasis`` (the same call on the same text), and only the
    valued tokens are walked: a zero adds nothing to VADER's sums but one to its neutral count.
    """
    sentiments = valences.valences
    if not sentiments:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    valued = list(filter(None, sentiments))
    if not valued:  # most sentences of news: VADER's sums are all 0, its neutral share 1
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    # Zeros left out of the sum change no partial sum (it starts at +0, never reaches -0.0).
    sum_s = float(sum(valued))
    emphasis = valences.emphasis
    if sum_s > 0:
        sum_s += emphasis
    elif sum_s < 0:
        sum_s -= emphasis
    compound = sum_s / math.sqrt((sum_s * sum_s) + _ALPHA)
    compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
    pos_sum = neg_sum = 0.0
    for value in valued:
        if value > 0:
            pos_sum += float(value) + 1
        if value < 0:
            neg_sum += float(value) - 1
    neu_count = len(sentiments) - len(valued)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += emphasis
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= emphasis
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {
        "neg": rounded(math.fabs(neg_sum / total), 3),
        "neu": rounded(math.fabs(neu_count / total), 3),
        "pos": rounded(math.fabs(pos_sum / total), 3),
        "compound": rounded(compound, 4),
    }


def polarity(text: str) -> dict[str, float]:
    """VADER's neg/neu/pos/compound for one piece of text."""
    return scores_of(token_valences(text))


_LOWERED_KEPT_UP_TO = 20_000  # words of a document (a news article has ~650)
_BATCH = 512  # sentences tokenised together: fewer calls per sentence, transient lists stay bounded


def _batch_valences(texts: list[str], keep_lowered: bool = True) -> list[Valences]:
    """:func:`token_valences` of each text, the tokens of all split, stripped, lower-cased and looked
    up in the lexicon in one pass each (at C speed), then cut per text."""
    prepared = list(map(_prepared, texts))
    splits = list(map(str.split, prepared))
    words, odd = _stripped(list(chain.from_iterable(splits)))
    lowered = list(map(str.lower, words))
    rated = list(compress(range(len(lowered)), map(_analyzer().lexicon.__contains__, lowered)))
    rated.append(len(lowered))  # a stop for the walk below
    odd = _others(lowered, odd) if keep_lowered else []
    odd.append(len(lowered))
    out = []
    first = next_rated = next_odd = 0  # where the text's words start; the index of the next rated, odd word
    others = None
    for text, tokens in zip(prepared, splits):
        end = first + len(tokens)
        if rated[next_rated] < end:
            own = next_rated
            next_rated = bisect_left(rated, end, own)  # (``rated`` ends with a stop past every text)
            # (the batch's first text, e.g. one giant sentence: its positions as they are, no new ints)
            positions = rated[own:next_rated] if first == 0 else [k - first for k in rated[own:next_rated]]
        else:
            positions = []
        if keep_lowered:
            if odd[next_odd] < end:
                own = next_odd
                next_odd = bisect_left(odd, end, own)
                others = " ".join(map(lowered.__getitem__, odd[own:next_odd]))
            else:
                others = ""
        out.append(_valences(text, words[first:end], lowered[first:end], positions, others))
        first = end
    return out


def sentence_valences(document) -> list[Valences]:
    """One :class:`Valences` per ``document.sentences`` entry, in order.

    A sentence that repeats an earlier one word for word ("Yes.", "Share.",
    a refrain) shares its object instead of being scored again: on a text of
    a million one-word sentences that is most of the work and of the memory.
    """

    def compute() -> list[Valences]:
        texts = [sentence.text for sentence in document.sentences]
        # The lowered tokens spare the sentiment analyzer lower-casing them again, for one more list
        # and string per word while the document lives: kept only in a document of ordinary size.
        keep_lowered = len(document.word_texts) <= _LOWERED_KEPT_UP_TO
        seen: dict[str, Valences] = {}
        with bulk():
            distinct = list(dict.fromkeys(texts))
            for start in range(0, len(distinct), _BATCH):
                batch = distinct[start : start + _BATCH]
                seen.update(zip(batch, _batch_valences(batch, keep_lowered)))
            return [seen[text] for text in texts]

    return document.memo(VALENCES_MEMO_KEY, compute)


def sentence_scores(document) -> list[dict[str, float]]:
    """One VADER score dict per ``document.sentences`` entry, in order (shared between repeated sentences)."""

    def compute() -> list[dict[str, float]]:
        seen: dict[int, dict[str, float]] = {}
        out = []
        valences_list = sentence_valences(document)
        with bulk():
            for valences in valences_list:
                scores = seen.get(id(valences))  # the list keeps every Valences alive, so ids stay unique
                if scores is None:
                    scores = seen[id(valences)] = scores_of(valences)
                out.append(scores)
        return out

    return document.memo(MEMO_KEY, compute)


def straighten(text: str) -> str:
    """``text`` with typographic apostrophes read as straight ones, as :func:`polarity` reads it."""
    if text.isascii():  # most sentences: nothing to straighten (and ``translate`` is slow)
        return text
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")


@lru_cache(maxsize=1)
def rated_words() -> frozenset[str]:
    """The lower-case words VADER's lexicon gives a valence; any other word scores 0 in VADER."""
    return frozenset(_analyzer().lexicon)


@lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    """VADER's own negation words ("not", "never", "without", "don't", "dont", ...), lower case.

    VADER also counts any word containing "n't" as a negation.
    """
    from vaderSentiment.vaderSentiment import NEGATE  # heavy: load on first use only

    return frozenset(NEGATE)
