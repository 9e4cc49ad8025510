"""Word cues: the learned lexical model, read as one summarised piece of evidence.

A cue is a lower-case dictionary word ("great", "love", "apparently") or two
such words side by side ("oh great"). Only words written in lower case, of
letters only (an apostrophe allowed), at most ``MAX_LETTERS`` long and in the
CMU Pronouncing Dictionary count; a sentence's capitalised first word counts
when its lower-case form is a familiar word (Dale-Chall). So names, dates,
numbers and anything capitalised never become cues: the satire training set
would otherwise teach its era (real items 1990s newswire, satire 2000s web).

The weights (``plugins/data/irony_word_cues.json``) come from a logistic
regression trained by ``evaluation/train_irony.py``. A text's word-cue score is
``sum(weight x count) x min(1, reference_words / words)``: a text longer than a
tweet is judged by its density of cues. It reaches the report only as the one
``word_cues`` feature of the document model, never as markers.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

from textkit.plugins._wordlists import dale_chall_easy_words, in_cmudict

from .lexicon import read_json, word_keys

MAX_LETTERS = 20  # a longer "word" is never a dictionary word (and is not looked up)
# Numbers written as words are numbers all the same: no cue.
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions trillion percent dozen dozens".split()
)


@lru_cache(maxsize=1)
def cue_table() -> dict[str, Any]:
    """``{"reference_words": float, "weights": {cue: float}, "source": str}``."""
    return read_json("irony_word_cues.json")


@lru_cache(maxsize=65536)
def usable(key: str) -> bool:
    """May this lower-case word be a cue? A dictionary word of letters, with a vowel (not an
    abbreviation such as "bt"), not a lone letter other than "a" and "i", not a number word."""
    letters = key.replace("'", "")
    return (
        0 < len(letters) <= MAX_LETTERS
        and letters.isalpha()
        and letters.isascii()
        and (len(letters) > 1 or letters in ("a", "i"))
        and any(v in letters for v in "aeiouy")
        and key not in NUMBER_WORDS
        and in_cmudict(key)
    )


def _cue_key(text: str, key: str, opens_sentence: bool) -> str | None:
    """The cue key of one word, or None when it may not be a cue (a name, a number, a foreign token)."""
    if len(text) > MAX_LETTERS + 2:
        return None
    written = text.replace("’", "'")
    if written != key:  # capitalised somewhere: only a familiar word opening a sentence stays
        if not (opens_sentence and written[1:] == key[1:] and key in dale_chall_easy_words()):
            return None
    return key if usable(key) else None


def sentence_cues(document) -> list[list[str]]:
    """Per prose sentence (aligned with ``document.prose_sentences``), its cue keys: words and
    neighbouring pairs, in one pass over the words (memoised per document)."""

    def compute() -> list[list[str]]:
        keys = word_keys(document)
        words = document.words
        result = []
        for sentence in document.prose_sentences:
            cues: list[str] = []
            previous = None
            for i in range(sentence.first_word, sentence.end_word):
                key = _cue_key(words[i].text, keys[i], i == sentence.first_word)
                if key is not None:
                    cues.append(key)
                    if previous is not None:
                        cues.append(previous + " " + key)
                previous = key
            result.append(cues)
        return result

    return document.memo("irony.sentence_cues", compute)


def text_cues(words: list[str]) -> list[str]:
    """The cue keys of a list of (already tokenised) words, for the training script's quick path."""
    cues: list[str] = []
    previous = None
    for k, text in enumerate(words):
        key = _cue_key(text, text.replace("’", "'").lower(), k == 0)
        if key is not None:
            cues.append(key)
            if previous is not None:
                cues.append(previous + " " + key)
        previous = key
    return cues


def length_scale(words: int, reference_words: float) -> float:
    """A text longer than ``reference_words`` is judged per reference-sized stretch (its cue density)."""
    return min(1.0, reference_words / max(words, 1))


def cue_score(cues: list[str], words: int, table: dict[str, Any] | None = None) -> float:
    """The word-cue score of a stretch of text: the summed weights of its cues, scaled by length."""
    table = table or cue_table()
    weights = table["weights"]
    total = sum(weights.get(c, 0.0) for c in cues)
    return total * length_scale(words, float(table["reference_words"]))


def top_cues(cues: list[str], table: dict[str, Any] | None = None, n: int = 5) -> list[dict[str, Any]]:
    """The cues that raised the score most and those that lowered it most, with their summed weight."""
    weights = (table or cue_table())["weights"]
    totals = Counter()
    for c in cues:
        if c in weights:
            totals[c] += weights[c]
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    up = [{"cue": c, "weight": round(w, 4)} for c, w in ranked[:n] if w > 0]
    down = [{"cue": c, "weight": round(w, 4)} for c, w in reversed(ranked[-n:]) if w < 0]
    return up + down
