"""Train the irony analyzer's two models and write plugins/data/irony_word_cues.json and irony_model.json.

    python -m evaluation.train_irony --data ../shared/data [--cache /tmp/irony-cache]

What it trains on: long-form and short texts together, four labelled sets of the shared data
folder (none of it is in the repository):

* ``satire``: satirical vs real news articles, Burfoot & Baldwin 2009 training split
  (``irony_longform/satire_news_train.jsonl``; research use);
* ``reviews``: ironic vs regular Amazon reviews, half of Filatova 2012
  (``irony_longform/amazon_ironic_reviews_dev.jsonl``; research use; the text only, never the stars);
* ``forum``: sarcastic vs sincere debate-forum posts, Sarcasm Corpus V2 generic subset
  (``irony_longform/sarcasm_v2_GEN.csv``; Oraby et al. 2016; research use);
* ``tweets``: SemEval-2018 Task 3A training tweets (``irony_semeval2018``; CC BY-NC-SA 4.0).

How, in two stages (scikit-learn at training time only; the analyzer reads the JSON with the
standard library):

1. Word cues. Every text goes through the analyzer's own code (``textkit.plugins.irony``:
   ``word_cues.sentence_cues`` and ``features.feature_values``), so training and run time
   see the same evidence. A cue is a lower-case dictionary word or a pair of them (no names,
   dates, numbers or capitalised tokens: the satire set's real items are 1990s newswire and
   its satire 2000s web, and a model of names would learn the era). Function words
   (``FUNCTION_WORDS``: articles and determiners, prepositions, conjunctions and relative words,
   auxiliaries) and pairs of them ("with the") get no weight either: how often a text says "in", "the" or "with the"
   is its register and source (newswire against web prose), the stuff of stylometry, not
   irony, and weighed as cues they made any edited news article read as literal whatever
   irony vocabulary it used. A pair with one content word ("the irony") stays. An L2 logistic regression
   over cue counts x ``length_scale`` (a text longer than ``REFERENCE_WORDS`` counts by
   density) gives each cue a weight; cues seen in fewer than ``MIN_DF`` training texts are
   not candidates. The top cues are printed so that era words can be spotted.
2. The document model. An L2 logistic regression over ``features.FEATURES``: marker
   densities per family, the sentiment incongruity features, the word-cue score as ONE
   feature and log length. Stacking is done honestly: the word-cue score a training text
   gets here is out-of-fold (from a cue model fitted on the other ``FOLDS - 1`` folds), so
   the document model learns how far to trust word cues on texts they were not fitted on.
   Marker-family weights are kept >= 0 (a family the data does not support is dropped and
   the model refitted: the data may switch a device off, not turn it into a sign of literal
   text). Each data set weighs the same in both fits (sample weights), so 6,520 forum posts
   do not drown 632 reviews; within a set the labels keep their own balance, so the length
   feature learns that long news is rarely satire while a short post is more often sarcastic. The
   ironic texts of a set weigh at most ``BASE_RATE`` (25%, the share of sarcasm among tweets
   their authors labelled in iSarcasmEval) of it: SemEval and the forum posts are balanced
   50/50 by design, and a model that learned that prior would call half of all short plain
   texts ironic.
   Features are standardised for the fit and the weights mapped back to raw units, so that
   weight x value is each feature's contribution to the log-odds.

The threshold is 0.5: a text is called ironic when, under those weighted base rates, irony is
more likely than not. (The cut maximising the mean macro-F1 over the sets on out-of-fold
scores was tried: it sits near 0.3, where short plain sentences are called ironic.)

``evaluation/irony.py`` cross-validates this whole procedure (5 folds per data set).
Feature extraction is slow (a few minutes); ``--cache`` keeps it between runs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import pickle
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Sequence

from textkit import Document
from textkit.plugins.irony import FAMILIES, FEATURES, feature_values
from textkit.plugins.irony.word_cues import NON_WORD_CUES, length_scale, sentence_cues, usable

from .common import DEFAULT_DATA

SEMEVAL = Path("irony_semeval2018") / "train_taskA.tsv"
ISARCASM = Path("irony_isarcasmeval2022") / "train.En.csv"
SATIRE = Path("irony_longform") / "satire_news_train.jsonl"
REVIEWS = Path("irony_longform") / "amazon_ironic_reviews_dev.jsonl"
FORUM = Path("irony_longform") / "sarcasm_v2_GEN.csv"
DATA_FILES = Path(__file__).resolve().parent.parent / "plugins" / "data"

REFERENCE_WORDS = 20  # cue counts of a longer text are scaled to this many words (tweets: 15 on average)
MIN_DF = 5  # a cue must occur in this many training texts
CUE_C = 0.3  # inverse L2 strength of the word-cue regression (0.1: -0.01 to -0.03 AUC per set, 0.5: +-0.005)
MIN_CUE_WEIGHT = 0.02  # smaller weights are left out of the table (they move no score)
THRESHOLD = 0.5  # more likely ironic than not, under the weighted base rates (see the module docstring)
BASE_RATE = 0.25  # share of ironic texts a set is weighted to at most (iSarcasmEval: 25% of tweets)
MODEL_C = 1.0  # inverse L2 strength of the document model (on standardised features)
FOLDS = 5
SEED = 0
DEFAULT_CACHE = Path("/tmp/irony-cache")
# Closed-class words of register: never a cue, alone or paired with another of them (see the module
# docstring). Pronouns and negation are not among them: "you", "I", "not" carry stance (leaving them
# out too cost the reviews and the forum posts 0.011 AUC each).
FUNCTION_WORDS = frozenset("""
    a an the this that these those some any each every both either neither
    in on at by for with from to of into onto about above below over under between among through during
    before after against within without upon across along around behind beyond near off out up down
    toward towards via per than as
    and or but nor so yet if because while although though whether unless since until when where which
    who whom whose
    be am is are was were been being have has had having do does did will would shall should can could
    may might must its
""".split())


@dataclass
class Item:
    values: dict[str, float]  # features.FEATURES, word_cues as computed with the shipped cue table
    cues: Counter
    words: int


# --- data -------------------------------------------------------------------


def load_semeval(data: Path) -> tuple[list[str], list[int]]:
    """SemEval-2018 Task 3A training tweets and labels (1 ironic). Quoting is off: tweets hold stray quotes."""
    with open(data / SEMEVAL, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [r[2] for r in rows], [int(r[1]) for r in rows]


def load_isarcasm(data: Path) -> tuple[list[str], list[int]]:
    """iSarcasmEval (SemEval-2022 Task 6) English training tweets and labels (1 sarcastic); one empty tweet dropped."""
    with open(data / ISARCASM, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["tweet"].strip()]
    return [r["tweet"] for r in rows], [int(r["sarcastic"]) for r in rows]


def _jsonl(path: Path, label: str) -> tuple[list[str], list[int]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], [int(r[label]) for r in rows]


def load_satire(data: Path) -> tuple[list[str], list[int]]:
    return _jsonl(data / SATIRE, "satire")


def load_reviews(data: Path) -> tuple[list[str], list[int]]:
    return _jsonl(data / REVIEWS, "ironic")


def load_forum(data: Path) -> tuple[list[str], list[int]]:
    with open(data / FORUM, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [int(r["class"] == "sarc") for r in rows]


LOADERS = {"satire": load_satire, "reviews": load_reviews, "forum": load_forum, "tweets": load_semeval}


def extract(text: str) -> Item:
    document = Document(text)
    values, _ = feature_values(document)
    cues = Counter(c for cs in sentence_cues(document) for c in cs)
    return Item(values, cues, sum(s.word_count for s in document.prose_sentences))


class _Unpickler(pickle.Unpickler):
    """Reads back ``Item`` whether the cache was written by ``python -m evaluation.train_irony``
    (where it is ``__main__.Item``) or by a module that imported this one."""

    def find_class(self, module: str, name: str):
        return Item if name == "Item" else super().find_class(module, name)


def code_fingerprint() -> str:
    """A digest of textkit's code (segmenter, VADER, word lists, the irony package): a cache written
    before a change to how sentences, features or cues are found is not trusted."""
    import textkit
    import textkit.plugins

    digest = hashlib.sha256()
    for package in (textkit, textkit.plugins):
        for path in sorted(Path(package.__file__).parent.rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def items_of(name: str, texts: Sequence[str], cache: Path | None) -> list[Item]:
    """The texts' features, from ``cache/<name>.pkl`` when it holds them for these very texts, found by
    this very code (``code_fingerprint``)."""
    path = cache / f"{name}.pkl" if cache else None
    key = hashlib.sha256("\0".join(texts).encode() + code_fingerprint().encode()).hexdigest()
    if path and path.exists():
        stored_key, items = _Unpickler(io.BytesIO(path.read_bytes())).load()
        if stored_key == key:
            return items
    items = [extract(t) for t in texts]
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((key, items)))
    return items


def load_all(data: Path, cache: Path | None) -> dict[str, tuple[list[Item], list[int]]]:
    sets = {}
    for name, loader in LOADERS.items():
        texts, labels = loader(data)
        sets[name] = (items_of(name, texts, cache), labels)
        print(f"{name}: {len(texts)} texts, {sum(labels)} ironic", flush=True)
    return sets


# --- stage 1: word cues ----------------------------------------------------------


def _cue_rows(items: Sequence[Item], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, item in enumerate(items):
        scale = length_scale(item.words, REFERENCE_WORDS)
        for cue, n in item.cues.items():
            if cue in vocabulary:
                rows.append(r)
                cols.append(vocabulary[cue])
                vals.append(n * scale)
    return csr_matrix((vals, (rows, cols)), shape=(len(items), len(vocabulary)))


def _content_cue(cue: str) -> bool:
    """A word cue the model may weigh: usable words (``usable`` again: features cached before a change of
    the cue rules follow the current rules), not all of them function words."""
    words = [w.removeprefix("#") for w in cue.split()]
    return all(usable(w) for w in words) and not all(w in FUNCTION_WORDS for w in words)


def fit_cues(items: Sequence[Item], labels: Sequence[int], weights: Sequence[float]) -> dict:
    """The word-cue table ``{"reference_words", "weights": {cue: weight}}`` fitted on ``items``."""
    from sklearn.linear_model import LogisticRegression

    df = Counter(c for item in items for c in item.cues)
    allowed = (c for c, n in df.items() if n >= MIN_DF and (c in NON_WORD_CUES or _content_cue(c)))
    vocabulary = {c: i for i, c in enumerate(sorted(allowed))}
    model = LogisticRegression(C=CUE_C, max_iter=2000)
    model.fit(_cue_rows(items, vocabulary), labels, sample_weight=weights)
    names = sorted(vocabulary, key=vocabulary.get)
    cue_weights = {c: round(float(w), 4) for c, w in zip(names, model.coef_[0], strict=True) if abs(w) >= MIN_CUE_WEIGHT}
    return {"reference_words": REFERENCE_WORDS, "weights": cue_weights}


def cue_score(table: dict, item: Item) -> float:
    """As ``word_cues.cue_score`` computes it at run time, from the item's cue counts."""
    weights = table["weights"]
    total = sum(weights.get(c, 0.0) * n for c, n in item.cues.items())
    return total * length_scale(item.words, table["reference_words"])


# --- stage 2: the document model ------------------------------------------------------


def folds(labels: Sequence[int], groups: Sequence[str], seed: int = SEED) -> list[tuple[list[int], list[int]]]:
    """Stratified folds within each data set (fold k of every set is held out together)."""
    rng = random.Random(seed)
    fold_of = [0] * len(labels)
    # Sets in a fixed order: one random stream serves them all, and a set's iteration order changes
    # with the string hash seed from process to process (folds, and so figures, would too).
    for group in sorted(set(groups)):
        for label in (0, 1):
            members = [i for i, (g, y) in enumerate(zip(groups, labels, strict=True)) if g == group and y == label]
            rng.shuffle(members)
            for k, i in enumerate(members):
                fold_of[i] = k % FOLDS
    return [
        ([i for i in range(len(labels)) if fold_of[i] != k], [i for i in range(len(labels)) if fold_of[i] == k])
        for k in range(FOLDS)
    ]


def set_weights(groups: Sequence[str], labels: Sequence[int]) -> list[float]:
    """Sample weights giving every data set the same total weight (mean 1), with the ironic texts of
    a set holding at most ``BASE_RATE`` of it: SemEval and the forum posts are balanced 50/50 by
    design, and a model that learned that prior would call half of all short plain texts ironic."""
    sizes = Counter(groups)
    positives = Counter(g for g, y in zip(groups, labels, strict=True) if y)
    weights = []
    for g, y in zip(groups, labels, strict=True):
        share = positives[g] / sizes[g]
        target = min(share, BASE_RATE)
        per_class = target / positives[g] if y else (1 - target) / (sizes[g] - positives[g])
        weights.append(per_class * len(groups) / len(sizes))
    return weights


def _matrix(items: Sequence[Item], cue_scores: Sequence[float]) -> list[list[float]]:
    return [[*(item.values[f] for f in FEATURES[:-2]), score, item.values["length"]]
            for item, score in zip(items, cue_scores, strict=True)]


def fit_model(x: list[list[float]], labels: Sequence[int], weights: Sequence[float]) -> dict:
    """``{"intercept", "weights": {feature: weight}}`` in raw units; family weights kept >= 0."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(x, dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    active = list(range(len(FEATURES)))
    while True:
        z = (x[:, active] - mean[active]) / std[active]
        model = LogisticRegression(C=MODEL_C, max_iter=5000).fit(z, labels, sample_weight=weights)
        negative = [a for a, w in zip(active, model.coef_[0], strict=True) if FEATURES[a] in FAMILIES and w < 0]
        if not negative:
            break
        active = [a for a in active if a not in negative]
    raw = dict.fromkeys(FEATURES, 0.0)
    intercept = float(model.intercept_[0])
    for a, w in zip(active, model.coef_[0], strict=True):
        raw[FEATURES[a]] = round(float(w / std[a]), 5)
        intercept -= float(w * mean[a] / std[a])
    return {"intercept": round(intercept, 5), "weights": raw}


def model_scores(table: dict, x: Sequence[Sequence[float]]) -> list[float]:
    weights = [table["weights"][f] for f in FEATURES]
    out = []
    for row in x:
        z = table["intercept"] + sum(w * v for w, v in zip(weights, row, strict=True))
        out.append(1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z)))
    return out


def train(
    items: Sequence[Item], labels: Sequence[int], groups: Sequence[str], without: Sequence[str] = ()
) -> tuple[dict, dict]:
    """(word-cue table, document model table) fitted on ``items``, with out-of-fold stacking.
    ``without``: features left out (held at 0), for ablations."""
    weights = set_weights(groups, labels)
    oof_cues = [0.0] * len(items)
    inner = folds(labels, groups, SEED + 1)
    if "word_cues" in without:
        inner_cues = []
    else:
        inner_cues = inner
    for train_idx, test_idx in inner_cues:
        table = fit_cues([items[i] for i in train_idx], [labels[i] for i in train_idx],
                         [weights[i] for i in train_idx])
        for i in test_idx:
            oof_cues[i] = cue_score(table, items[i])
    cues = fit_cues(items, labels, weights) if inner_cues else {"reference_words": REFERENCE_WORDS, "weights": {}}
    x = _matrix(items, oof_cues)
    for f in without:
        for row in x:
            row[FEATURES.index(f)] = 0.0
    model = fit_model(x, labels, weights)
    model["threshold"] = THRESHOLD
    return cues, model


def score_items(cues: dict, model: dict, items: Sequence[Item]) -> list[float]:
    return model_scores(model, _matrix(items, [cue_score(cues, item) for item in items]))


def pooled(sets: dict[str, tuple[list[Item], list[int]]]) -> tuple[list[Item], list[int], list[str]]:
    items, labels, groups = [], [], []
    for name, (set_items, set_labels) in sets.items():
        items += set_items
        labels += set_labels
        groups += [name] * len(set_items)
    return items, labels, groups


SOURCE = (
    "Trained by evaluation/train_irony.py on {counts}: satirical vs real news (Burfoot & Baldwin 2009 training "
    "split; research use), ironic vs regular Amazon reviews (Filatova 2012, dev half; research use), sarcastic vs "
    "sincere forum posts (Sarcasm Corpus V2 GEN, Oraby et al. 2016; research use) and SemEval-2018 Task 3A "
    "training tweets (Van Hee et al. 2018; CC BY-NC-SA 4.0). None of the data is in this repository. Each data "
    "set weighs the same. {what}"
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m evaluation.train_irony", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="feature cache folder (outside the repo)")
    parser.add_argument("--write", type=Path, default=DATA_FILES, help="folder for the two JSON files")
    args = parser.parse_args()
    sets = load_all(args.data, args.cache)
    items, labels, groups = pooled(sets)
    cues, model = train(items, labels, groups)
    counts = ", ".join(f"{len(s[0]):,} {n}" for n, s in sets.items())
    cues["source"] = SOURCE.format(counts=counts, what=(
        f"L2 logistic regression (C {CUE_C}) over lower-case dictionary words and word pairs seen in >= {MIN_DF} "
        f"texts, counts scaled to {REFERENCE_WORDS}-word stretches."))
    model["source"] = SOURCE.format(counts=counts, what=(
        f"L2 logistic regression (C {MODEL_C}, standardised, mapped back to raw units) over marker densities, "
        "sentiment incongruity, the out-of-fold word-cue score and log length; family weights kept >= 0; "
        f"ironic texts weighted to at most {BASE_RATE:.0%} of each set; threshold {THRESHOLD}."))
    for name, table in (("irony_word_cues.json", cues), ("irony_model.json", model)):
        path = args.write / name
        path.write_text(json.dumps(table, indent=0, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path} ({path.stat().st_size / 1000:.0f} kB)")
    ranked = sorted(cues["weights"].items(), key=lambda kv: kv[1])
    print(f"{len(ranked)} word cues; strongest irony cues:", ranked[::-1][:40])
    print("strongest literal cues:", ranked[:40])
    print("document model: intercept", model["intercept"], "threshold", model["threshold"])
    for f in FEATURES:
        print(f"  {f:22} {model['weights'][f]:+.4f}")


if __name__ == "__main__":
    main()
