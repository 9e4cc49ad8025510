"""Irony on tweets: how far a tweet-only model gets, per representation (issue 8's tweet floor).

    python -m evaluation.irony_tweets --data ../shared/data

The shipped irony model is one model for articles, reviews, forum posts and tweets, and it may
not learn names, dates or numbers. Its SemEval-2018 tweet AUC (``evaluation/irony.py``) is
bounded by what any linear model can read from the tweets' words. Each row here is an L2
logistic regression fitted on SemEval's tweets ALONE, scored out of fold on the very folds
``evaluation/irony.py`` holds the tweets out on (``train_irony.folds`` over the four pooled
sets), so a row is an upper bound for a pooled model built on that representation.

Rows, allowed representations first (no names, dates or numbers), then forbidden ones as a
reference for what that rule costs, then one artefact of the data set:

* the word cues as ``train_irony.fit_cues`` may weigh them, then with function words too;
* plus tone marks (``tone_marks``: emoji by name, emoticons, hashtags and mentions, stretched
  words, punctuation, shouted words, praise followed by "when"/"not");
* plus the marker families of the document model and VADER's sentiment of the tweet;
* plus characters (2-5) and tokens of the cue words as tf-idf (sub-word pieces: no longer words
  a reader can be shown, so a ceiling rather than a candidate);
* every token lower-cased, names, numbers, @handles and hashtags included (words and pairs);
  characters (2-5) and tokens of the text as tf-idf, the usual strong baseline for short texts;
* trailing white space alone. SemEval's organisers cut #irony, #sarcasm and #not out of the
  tweets, which left a space behind in most ironic ones: no model may read it (textkit's
  cues never see white space), but a row shows how much of any tweet figure such a trace could
  carry. A hashtag at the end of a tweet is partly the same trace: ``tone_marks`` counts it, so
  the tone rows include that gain.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from textkit import Document
from textkit.plugins.irony import FAMILIES
from textkit.plugins.irony.word_cues import sentence_cues

from . import train_irony as T
from .common import Evaluation, main, roc_auc

TITLE = "Irony on tweets (tweet-only ceiling)"
TARGET = ">= 0.74"
C = 0.1  # inverse L2 strength for count features (0.03-0.3 measured: within 0.005 of the best)
MIN_DF = 3
ROW_SCALE = 0.3  # count features beside tf-idf vectors (unit length): 0.5 measured 0.009 lower
EMOTICON = re.compile(r"(?:[:;=8][-o*']?[)\](\[dDpP/\\|3]|<3|\^_?\^|-_-|o_O|O_o|xD|XD)")
HASHTAG, MENTION = re.compile(r"#\w+"), re.compile(r"@\w+")
STRETCHED = re.compile(r"([^\W\d_])\1\1")
SHOUTED = re.compile(r"\b[A-Z]{3,}\b")
TOKEN = re.compile(r"[#@]?\w+(?:'\w+)?|[!?]+|\.\.\.|[^\w\s]")
PRAISE = frozenset("love great nice awesome fun perfect glad thanks best wonderful lovely favorite fantastic "
                   "amazing".split())
SITUATION = frozenset({"when", "how", "that"})
NEGATION = frozenset({"not", "no", "never"})


def tone_marks(text: str) -> Counter:
    """Counts of the tone marks of a tweet that are no words (names of emoji, never of people)."""
    marks: Counter = Counter()
    for ch in text:
        if unicodedata.category(ch) == "So" and unicodedata.name(ch, ""):
            marks["emoji:" + unicodedata.name(ch).lower()] += 1
    marks.update("emoticon:" + m.lower() for m in EMOTICON.findall(text))
    marks["hashtags"] = min(3, len(HASHTAG.findall(text)))
    marks["mentions"] = min(3, len(MENTION.findall(text)))
    marks["hashtag at start"] = int(bool(re.match(r"\s*#\w", text)))
    marks["hashtag at end"] = int(bool(re.search(r"#\w+\s*$", text)))
    marks["stretched"] = int(bool(STRETCHED.search(text)))
    marks["shouted words"] = min(3, len(SHOUTED.findall(text)))
    for mark in ("!", "?", '"'):
        marks[mark] = int(mark in text)
    words = re.findall(r"[a-z']+", text.lower())
    for k, word in enumerate(words):
        if word in PRAISE:
            marks["praise"] += 1
            marks["praise ... when/how/that"] += int(not SITUATION.isdisjoint(words[k + 1 :]))
            marks["praise ... not/no/never"] += int(not NEGATION.isdisjoint(words[k + 1 :]))
    return +marks  # zero counts dropped


def every_token(text: str) -> Counter:
    """Every token lower-cased, and neighbouring pairs: names and numbers included (forbidden)."""
    tokens = [t.lower() for t in TOKEN.findall(text)]
    return Counter(tokens + [a + " " + b for a, b in zip(tokens, tokens[1:])])


def tweet_folds(data: Path) -> list[tuple[list[int], list[int]]]:
    """The folds ``evaluation/irony.py`` uses, as positions within the SemEval tweets."""
    _, labels, groups = T.pooled({name: loader(data) for name, loader in T.LOADERS.items()})
    first = groups.index("tweets")
    return [([i - first for i in train if groups[i] == "tweets"], [i - first for i in test if groups[i] == "tweets"])
            for train, test in T.folds(labels, groups, T.SEED)]


def _vectors(rows: Sequence[dict], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    r, c, v = [], [], []
    for i, row in enumerate(rows):
        for key, value in row.items():
            j = vocabulary.get(key)
            if j is not None:
                r.append(i)
                c.append(j)
                v.append(value)
    return csr_matrix((v, (r, c)), shape=(len(rows), len(vocabulary)), dtype=float)


def out_of_fold_auc(rows: Sequence[dict], labels: Sequence[int], folds) -> float:
    """AUC of a logistic regression over ``rows`` (feature -> value), each fold fitted on the others."""
    from sklearn.linear_model import LogisticRegression

    scores = [0.0] * len(labels)
    for train, test in folds:
        seen = Counter(key for i in train for key in rows[i])
        vocabulary = {key: j for j, key in enumerate(sorted(k for k, n in seen.items() if n >= MIN_DF))}
        model = LogisticRegression(C=C, max_iter=3000)
        model.fit(_vectors([rows[i] for i in train], vocabulary), [labels[i] for i in train])
        for i, s in zip(test, model.decision_function(_vectors([rows[i] for i in test], vocabulary)), strict=True):
            scores[i] = float(s)
    return roc_auc(scores, labels)


def tfidf_auc(texts: Sequence[str], labels: Sequence[int], folds, rows: Sequence[dict] | None = None) -> float:
    """Characters (2-5, within words) and tokens (and pairs) as tf-idf, with ``rows`` (feature -> value,
    scaled by ``ROW_SCALE``) beside them when given."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    scores = [0.0] * len(labels)
    for train, test in folds:
        vectorizers = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=MIN_DF, sublinear_tf=True),
            TfidfVectorizer(token_pattern=TOKEN.pattern, ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        ]
        fitted = [v.fit_transform([texts[i] for i in train]) for v in vectorizers]
        held_out = [v.transform([texts[i] for i in test]) for v in vectorizers]
        if rows is not None:
            seen = Counter(key for i in train for key in rows[i])
            vocabulary = {key: j for j, key in enumerate(sorted(k for k, n in seen.items() if n >= MIN_DF))}
            fitted.append(_vectors([rows[i] for i in train], vocabulary) * ROW_SCALE)
            held_out.append(_vectors([rows[i] for i in test], vocabulary) * ROW_SCALE)
        model = LogisticRegression(C=1.0, max_iter=3000).fit(hstack(fitted).tocsr(), [labels[i] for i in train])
        for i, s in zip(test, model.decision_function(hstack(held_out).tocsr()), strict=True):
            scores[i] = float(s)
    return roc_auc(scores, labels)


def cue_words(text: str) -> str:
    """The text as the analyzer's cue finder reads it: its one-word cues in order (no names, numbers)."""
    return " ".join(c for cues in sentence_cues(Document(text)) for c in cues if " " not in c)


def sentiment_of(text: str) -> dict[str, float]:
    from textkit.plugins._vader import polarity

    s = polarity(text)
    return {"vader:positive": s["pos"], "vader:negative": s["neg"], "vader:compound": s["compound"],
            "vader:both": min(s["pos"], s["neg"])}


def evaluate(data: Path, cache: Path | None = T.DEFAULT_CACHE) -> Evaluation:
    result = Evaluation("irony_tweets")
    texts, labels = T.load_semeval(data)
    folds = tweet_folds(data)
    items = T.items_of("tweets", texts, cache)
    cues = [dict(item.cues) for item in items]
    weighable = [{c: n for c, n in row.items() if c in T.NON_WORD_CUES or T._content_cue(c)} for row in cues]
    tones = [tone_marks(t) for t in texts]
    evidence = [{**{"family:" + f: item.values[f] for f in FAMILIES if item.values[f]}, **sentiment_of(t)}
                for item, t in zip(items, texts, strict=True)]
    everything = [{**a, **b, **e} for a, b, e in zip(cues, tones, evidence, strict=True)]
    rows = [
        ("allowed: word cues as the shipped table may weigh them", weighable),
        ("allowed: word cues with function words", cues),
        ("allowed: + tone marks (a hashtag at the end among them)",
         [{**a, **b} for a, b in zip(cues, tones, strict=True)]),
        ("allowed: + marker families and VADER sentiment", everything),
        ("forbidden: every token lower-cased, words and pairs", [every_token(t) for t in texts]),
    ]
    where = f"SemEval-2018 3A, {len(texts):,} tweets; tweet-only, out of fold"
    for name, features in rows:
        result.add(name, out_of_fold_auc(features, labels, folds), None, where, TARGET)
    result.add("allowed: + characters 2-5 and tokens of the cue words, tf-idf",
               tfidf_auc([cue_words(t) for t in texts], labels, folds, everything), None, where, TARGET)
    result.add("forbidden: characters 2-5 and tokens of the text, tf-idf", tfidf_auc(texts, labels, folds), None,
               where, TARGET)
    trailing = [float(t != t.rstrip()) for t in texts]
    result.add("artefact: trailing white space alone", roc_auc(trailing, labels), None,
               f"{where}; never a feature")
    result.notes = (
        "A row is a ceiling for the pooled irony model on that representation: the pooled model fits the "
        "same words on four sets at once and scores the tweets lower (evaluation/irony.py)."
    )
    return result


if __name__ == "__main__":
    main("irony_tweets", evaluate, __doc__.splitlines()[0])
