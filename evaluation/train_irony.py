"""Learn the irony analyzer's weights from labelled tweets and write plugins/data/irony_weights.json.

    python -m evaluation.train_irony --data ../shared/data --write plugins/data/irony_weights.json

The model is a logistic model over what the analyzer itself locates in a text
(``textkit.plugins.irony.feature_counts``, the same code the analyzer runs):

* the count of each rule-based marker family (weights kept >= 0: the data may
  switch a family from the literature off, but not turn it into a sign of
  literal text);
* the count of each lexical cue (a word, hashtag, a word inside a hashtag,
  emoji and its class, punctuation run, a pair of neighbouring tokens or of
  tokens one apart, a sentence opener and opening pair, the first letters of a
  long word, the sentiment class of a word ...), signed: a negative weight
  marks a cue of literal text.

Each count is multiplied by the text's length scale (``irony.length_scale``)
exactly as at run time. The weight of a cue is the sum of three parts, so the
table stays one weight per located cue:

1. ``fit_lr``: an L2-penalised logistic regression (scipy's L-BFGS-B). The
   penalty on a cue is ``L2 x GROUP_PENALTY[group] / |r|``, where ``r`` is the
   cue's naive-Bayes log-count ratio on the training texts (Wang & Manning
   2012): a cue that the labels barely separate is held near 0, a sharp one
   is cheap. Cue weights are bounded to +-``WEIGHT_CAP`` (a cue seen only in a
   handful of ironic tweets cannot run away), family weights to [0, cap]. Cues
   seen in fewer than ``MIN_DF`` training texts are not candidates; the
   ``MAX_CUES`` with the largest weights are kept and the model is fitted again.
2. ``NB_WEIGHT`` x the naive-Bayes log-count ratio of every cue seen in
   ``NB_MIN_DF`` or more training texts.
3. ``AUX_WEIGHT`` x the weights of part 1 fitted on the other data set
   (iSarcasmEval when training on SemEval; SemEval when cross-validating on
   iSarcasmEval): tweets from another collection, with the authors' own labels.
   Added as training texts they hurt (see below); as a small second opinion
   they help a little.

The sum is clipped to +-``MAX_WEIGHT`` (below ``EXPLICIT_WEIGHT``) and the
intercept is then refitted so that the mean score on the training texts
equals their share of ironic texts.

The ``explicit`` family is not learned: the SemEval tweets were collected by
the hashtags #irony, #sarcasm and #not and the organisers removed those
hashtags from the text, so the data holds almost no explicit irony vocabulary
(18 markers in 3,834 tweets) and cannot weigh it. Its weight is fixed at
``EXPLICIT_WEIGHT``, above every learned weight: a text that names irony
points at it. It enters the fit as a fixed offset.

``long_text_shift`` is not learned either: SemEval is balanced 50/50 by design,
and its intercept makes a text with average cues a coin toss. A text longer
than a tweet (where the length scale falls below 1) moves towards the base rate
of sarcasm among tweets their authors labelled (iSarcasmEval, 25%), by
``(1 - scale) * (logit(25%) - logit(training share))``; without it plain news
scores like an ambiguous ironic tweet. It too enters the fit as an offset (it
touches only the few tweets over ``REFERENCE_WORDS`` words).

The default threshold is the score cut that calls as many texts ironic as
there are ironic texts, over out-of-fold scores from an inner ``FOLDS``-fold
cross-validation of the training texts, so it is chosen from training data
only (on balanced SemEval: the median out-of-fold score, 0.49-0.50 on every
fold). Two other rules were measured on the same folds. The best F1 of the
ironic class sits where most texts are called ironic (0.28-0.35, calling 70%
of the tweets ironic: F1 0.705, accuracy 0.644), below the score of an
ordinary paragraph of plain prose, and its arg-max wanders over a flat F1
curve; the best macro-F1 gives nearly the same calls as this rule with a cut
that wanders from 0.46 to 0.57 (F1 0.669, accuracy 0.674; this rule: F1 0.673,
accuracy 0.675).

What was measured (SemEval 5-fold CV ROC AUC, seed 0, on tables scored like the
analyzer; the procedure before this one, with the tokens, pairs, openers and
classes alone, one L2 penalty of 20 and no parts 2-3, gave 0.724; steps were
measured one by one on a prototype of the cues, then on this code):

* kept: the penalty scaled by 1/|r| (0.724 -> 0.730); group multipliers
  (-> 0.735); words inside hashtags (+0.001), emoji presence and class
  (+0.004), opening pairs (+0.0015), pairs one token apart (+0.001), stems of
  long words (+0.002), stretched words read as words (+0.0005); as
  implemented, part 1 alone gives 0.745 and the three parts 0.749 (fold
  seeds 1 and 2: 0.751, 0.749);
* not kept: presence instead of counts (-0.001), log counts (+-0), word
  triples (-0.0005), character 2-5-grams as cues (0.705-0.712), VADER
  sentiment order or sentence class (+-0), negated sentiment words (+-0),
  capitalisation (+-0), hashtag sentiment (+-0), pairs of a word and a
  sentiment class (-0.001), the words of emoji names (-0.001), a per-word
  length cue (+-0), other L2 / MIN_DF / MAX_CUES / caps (within +-0.002);
  iSarcasmEval tweets as extra training texts (weight 0.3: 0.718, weight 1:
  0.697), its authors' literal rephrasings of their sarcastic tweets as extra
  literal texts (0.709-0.741), gradient-boosted trees over the same cues
  (0.714), bagging (-0.002).

The shipped file is trained on all 3,834 SemEval-2018 Task 3A training tweets
(plus part 3 from all iSarcasmEval training tweets); evaluation/irony.py
cross-validates the same procedure (train on 4 folds, score the 5th through
the analyzer with the fold's table). Needs scikit-learn (for the folds) and
numpy/scipy; the analyzer itself does not.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Sequence

from textkit import Document
from textkit.plugins import irony

from .common import DEFAULT_DATA

SEMEVAL = Path("irony_semeval2018") / "train_taskA.tsv"
ISARCASM = Path("irony_isarcasmeval2022") / "train.En.csv"
WEIGHTS = Path(__file__).resolve().parent.parent / "plugins" / "data" / "irony_weights.json"

MIN_DF = 3  # a cue must occur in this many training texts to be a candidate (2: -0.001 AUC, 4: -0.003)
L2 = 5.0  # base penalty, divided by |r| (3.5: -0.002 AUC, 7: +-0)
MAX_CUES = 2000  # kept by part 1; 3,000 or all changed the CV AUC by < 0.001
WEIGHT_CAP = 1.0  # |weight| bound in part 1 (0.75 and 1.5: +-0.001)
# Penalty multipliers by kind of cue, set on SemEval cross-validation: pairs and rarer
# compositions are shrunk harder, openers and the classes (sentiment, emoji, link...) less.
GROUP_PENALTY = {
    "token": 1.0, "tag_word": 1.0, "pair": 3.0, "skip_pair": 4.0, "stem": 2.0,
    "opener": 0.5, "opening_pair": 2.0, "class": 0.3,
}  # fmt: skip
NB_ALPHA = 1.0  # smoothing of the naive-Bayes ratio
NB_MIN_DF = 10
NB_WEIGHT = 0.1
AUX_WEIGHT = 0.3
REFERENCE_WORDS = 30  # a tweet-sized stretch: 99% of SemEval tweets are at most 30 words
EXPLICIT_WEIGHT = 1.0  # fixed, above every learned weight (see the module docstring)
MAX_WEIGHT = 0.95  # the summed weights are clipped to +-this: no learned cue weighs as much as naming irony
FOLDS = 5
SEED = 0
LEARNED = tuple(f for f in irony.FAMILIES if f != "explicit")


@dataclass(frozen=True)
class Example:
    families: Counter
    cues: Counter
    words: int


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


def base_rate(data: Path) -> float:
    """The share of sarcastic tweets among tweets whose authors labelled them (iSarcasmEval): the only
    base rate of irony in unselected text the data offers (SemEval is balanced 50/50 by design)."""
    labels = load_isarcasm(data)[1]
    return round(sum(labels) / len(labels), 3)


def examples(texts: Sequence[str]) -> list[Example]:
    return [Example(*irony.feature_counts(Document(text))) for text in texts]


def cue_group(key: str) -> str:
    """The kind of a cue key, for its penalty (see GROUP_PENALTY)."""
    if key.startswith("<start> "):
        return "opening_pair" if " " in key.removeprefix("<start> ") else "opener"
    if key.startswith("<stem> "):
        return "stem"
    if key.startswith("<tag word> "):
        return "tag_word"
    if key in irony.CUE_LABELS:
        return "class"
    if " _ " in key:
        return "skip_pair"
    return "pair" if " " in key else "token"


# --- fitting -------------------------------------------------------------------


def _design(items: Sequence[Example], vocabulary: dict[str, int], shift: float):
    """(X, offset): scaled counts of the learned families then the cues; the fixed log-odds of
    the explicit family and of the long-text shift (zero for a text within REFERENCE_WORDS)."""
    import numpy as np
    from scipy import sparse

    rows, cols, values = [], [], []
    offset = np.zeros(len(items))
    for r, ex in enumerate(items):
        scale = irony.length_scale(ex.words, REFERENCE_WORDS)
        offset[r] = EXPLICIT_WEIGHT * ex.families["explicit"] * scale + (1 - scale) * shift
        for j, family in enumerate(LEARNED):
            if ex.families[family]:
                rows.append(r), cols.append(j), values.append(ex.families[family] * scale)
        for key, count in ex.cues.items():
            j = vocabulary.get(key)
            if j is not None:
                rows.append(r), cols.append(len(LEARNED) + j), values.append(count * scale)
    shape = (len(items), len(LEARNED) + len(vocabulary))
    return sparse.csr_matrix((values, (rows, cols)), shape=shape), offset


def _logistic_fit(x, offset, labels, penalties):
    """(intercept, weights) minimising log loss + sum(penalty x w^2) / 2, family weights in
    [0, WEIGHT_CAP], cue weights in [-WEIGHT_CAP, WEIGHT_CAP]."""
    import numpy as np
    from scipy import optimize

    y = np.asarray(labels, dtype=float)

    def objective(p):
        z = x @ p[1:] + p[0] + offset
        residual = 1 / (1 + np.exp(-z)) - y
        loss = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * np.sum(penalties * p[1:] ** 2)
        return loss, np.concatenate([[residual.sum()], x.T @ residual + penalties * p[1:]])

    bounds = [(None, None)] + [(0, WEIGHT_CAP)] * len(LEARNED) + [(-WEIGHT_CAP, WEIGHT_CAP)] * (x.shape[1] - len(LEARNED))
    start = np.zeros(1 + x.shape[1])
    result = optimize.minimize(
        objective, start, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000}
    )
    return float(result.x[0]), result.x[1:]


def _document_frequencies(items: Sequence[Example], labels: Sequence[int]) -> tuple[Counter, Counter]:
    """How many ironic and how many literal training texts hold each cue."""
    ironic, literal = Counter(), Counter()
    for ex, label in zip(items, labels):
        (ironic if label else literal).update(ex.cues.keys())
    return ironic, literal


def log_count_ratios(items: Sequence[Example], labels: Sequence[int], min_df: int) -> dict[str, float]:
    """The naive-Bayes log-count ratio of each cue held by >= ``min_df`` texts: log of its smoothed
    share among the ironic texts' cues over its share among the literal texts' cues."""
    ironic, literal = _document_frequencies(items, labels)
    keys = sorted(k for k in ironic.keys() | literal.keys() if ironic[k] + literal[k] >= min_df)
    total_ironic = sum(ironic[k] for k in keys) + NB_ALPHA * len(keys)
    total_literal = sum(literal[k] for k in keys) + NB_ALPHA * len(keys)
    return {
        k: math.log((ironic[k] + NB_ALPHA) / total_ironic) - math.log((literal[k] + NB_ALPHA) / total_literal)
        for k in keys
    }


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def long_text_shift(labels: Sequence[int], base_rate: float) -> float:
    return round(logit(base_rate) - logit(sum(labels) / len(labels)), 3)


def fit_lr(items: Sequence[Example], labels: Sequence[int], shift: float, max_cues: int = MAX_CUES):
    """Part 1: (intercept, {family: weight}, {cue: weight}) of the penalised logistic regression."""
    import numpy as np

    ratios = log_count_ratios(items, labels, MIN_DF) if max_cues else {}
    keys = sorted(ratios)

    def solve(keys):
        penalties = np.array(
            [L2] * len(LEARNED) + [L2 * GROUP_PENALTY[cue_group(k)] / (abs(ratios[k]) + 1e-6) for k in keys]
        )
        x, offset = _design(items, {k: j for j, k in enumerate(keys)}, shift)
        return _logistic_fit(x, offset, labels, penalties)

    intercept, w = solve(keys)
    if len(keys) > max_cues:
        strongest = sorted(np.argsort(-np.abs(w[len(LEARNED) :]))[:max_cues])
        keys = [keys[j] for j in strongest]
        intercept, w = solve(keys)
    families = {f: float(v) for f, v in zip(LEARNED, w[: len(LEARNED)])}
    return intercept, families, {k: float(v) for k, v in zip(keys, w[len(LEARNED) :])}


def second_opinion(items: Sequence[Example], labels: Sequence[int], base_rate: float) -> dict:
    """Part 3's source: part 1 fitted on the other data set, as {"weights", "cues"}."""
    _, families, cues = fit_lr(items, labels, long_text_shift(labels, base_rate))
    return {"weights": families, "cues": cues}


def _refit_intercept(table: dict, items: Sequence[Example], labels: Sequence[int]) -> float:
    """The intercept that makes the mean score on ``items`` equal their share of ironic texts."""
    from scipy import optimize

    scales = [irony.length_scale(ex.words, table["reference_words"]) for ex in items]
    sums = [
        (1 - s) * table["long_text_shift"] + s * _weighted_sum(table, ex) for ex, s in zip(items, scales)
    ]
    target = sum(labels)
    return optimize.brentq(lambda b: sum(irony.sigmoid(b + z) for z in sums) - target, -20, 20)


def _weighted_sum(table: dict, ex: Example) -> float:
    total = sum(table["weights"][f] * n for f, n in ex.families.items())
    return total + sum(table["cues"].get(k, 0.0) * n for k, n in ex.cues.items())


def fit(
    items: Sequence[Example], labels: Sequence[int], base_rate: float, max_cues: int = MAX_CUES,
    aux: dict | None = None,
) -> dict:
    """The weight table without a threshold: intercept, family weights, cue weights (parts 1-3).

    ``base_rate`` is the share of ironic texts in unselected text; a text longer than a tweet
    moves from the training sample's intercept towards it (``long_text_shift``). ``max_cues=0``
    fits the marker families alone; ``aux`` is part 3's source (``second_opinion``) or None.
    """
    shift = long_text_shift(labels, base_rate)
    _, families, cues = fit_lr(items, labels, shift, max_cues)
    weights = Counter(cues)
    if max_cues:
        for key, ratio in log_count_ratios(items, labels, NB_MIN_DF).items():
            weights[key] += NB_WEIGHT * ratio
    if aux is not None:
        for key, w in aux["cues"].items():
            weights[key] += AUX_WEIGHT * w
        families = {f: w + AUX_WEIGHT * aux["weights"][f] for f, w in families.items()}
    families = {f: round(min(w, MAX_WEIGHT), 3) for f, w in families.items()}
    families["explicit"] = EXPLICIT_WEIGHT
    weights = {k: max(-MAX_WEIGHT, min(MAX_WEIGHT, w)) for k, w in weights.items()}
    table = {
        "intercept": 0.0,
        "long_text_shift": shift,
        "reference_words": REFERENCE_WORDS,
        "weights": {f: families[f] for f in irony.FAMILIES},
        "cues": dict(sorted((k, round(w, 3)) for k, w in weights.items() if round(w, 3))),
    }
    table["intercept"] = round(_refit_intercept(table, items, labels), 3)
    return table


def table_score(table: dict, ex: Example) -> float:
    """The analyzer's score from counts (the same sum; used to pick a threshold without re-reading texts)."""
    scale = irony.length_scale(ex.words, table["reference_words"])
    return irony.sigmoid(irony.base_log_odds(table, scale) + scale * _weighted_sum(table, ex))


def matching_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The score cut (ironic at >= cut), halfway between two scores, that calls as many texts ironic
    as there are ironic texts."""
    ranked = sorted(scores, reverse=True)
    k = sum(labels)
    return round((ranked[k - 1] + ranked[k]) / 2, 3)


def folds(labels: Sequence[int], seed: int = SEED) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
    return [(list(a), list(b)) for a, b in splitter.split([[0]] * len(labels), labels)]


def train(
    items: Sequence[Example], labels: Sequence[int], base_rate: float, source: str = "", max_cues: int = MAX_CUES,
    aux: dict | None = None,
) -> dict:
    """A complete weight table: fitted on all ``items``, threshold from an inner cross-validation.
    ``max_cues=0`` fits the marker families alone; ``aux``: see ``fit``."""
    out_of_fold = [0.0] * len(items)
    for inner_train, inner_test in folds(labels):
        table = fit([items[i] for i in inner_train], [labels[i] for i in inner_train], base_rate, max_cues, aux)
        for i in inner_test:
            out_of_fold[i] = table_score(table, items[i])
    table = fit(items, labels, base_rate, max_cues, aux)
    table["threshold"] = matching_threshold(out_of_fold, list(labels))
    return {"source": source, **table} if source else table


SOURCE = (
    "Learned by evaluation/train_irony.py from all 3,834 SemEval-2018 Task 3A training tweets (Van Hee et al. "
    "2018; CC BY-NC-SA 4.0) and, as a {aux:.0%} second opinion, all {n_aux:,} iSarcasmEval training tweets "
    "(Abu Farha et al. 2022; MIT); neither data set is in this repository. A cue's weight = logistic regression "
    "(L2 {l2} / |naive-Bayes log-count ratio|, {n} cues kept of those in >= {df} tweets) + {nb} x its naive-Bayes "
    "log-count ratio + {aux} x the same regression fitted on iSarcasmEval. Family weights are kept >= 0; "
    "'explicit' is fixed at {explicit} (the organisers removed the #irony/#sarcasm/#not hashtags, so the data "
    "cannot weigh it). Threshold: calls as many of the training tweets ironic as are, over inner 5-fold out-of-fold scores. "
    "long_text_shift: a text longer than reference_words moves from the SemEval intercept (a balanced sample) "
    "towards the base rate of sarcasm among author-labelled tweets in iSarcasmEval ({rate:.0%}); an assumption, "
    "not learned. Cross-validated quality: docs/quality.md."
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m evaluation.train_irony", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", type=Path, default=WEIGHTS, help="where to write the weight table")
    args = parser.parse_args()
    texts, labels = load_semeval(args.data)
    aux_texts, aux_labels = load_isarcasm(args.data)
    rate = base_rate(args.data)
    aux = second_opinion(examples(aux_texts), aux_labels, rate)
    source = SOURCE.format(
        l2=L2, n=MAX_CUES, df=MIN_DF, nb=NB_WEIGHT, aux=AUX_WEIGHT, n_aux=len(aux_texts), explicit=EXPLICIT_WEIGHT,
        rate=rate,
    )
    table = train(examples(texts), labels, rate, source, aux=aux)
    args.write.write_text(json.dumps(table, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    weights = sorted(table["cues"].items(), key=lambda kv: kv[1])
    print(f"wrote {args.write}: {len(table['cues'])} cues, {args.write.stat().st_size / 1000:.0f} kB, "
          f"intercept {table['intercept']}, threshold {table['threshold']}")
    print("families:", table["weights"])
    print("strongest irony cues:", weights[::-1][:15])
    print("strongest literal cues:", weights[:15])
    assert all(math.isfinite(v) for v in table["cues"].values())


if __name__ == "__main__":
    main()
