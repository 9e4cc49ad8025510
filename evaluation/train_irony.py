"""Learn the irony analyzer's weights from labelled tweets and write plugins/data/irony_weights.json.

    python -m evaluation.train_irony --data ../shared/data --write plugins/data/irony_weights.json

The model is a logistic regression over what the analyzer itself locates in a
text (``textkit.plugins.irony.feature_counts``, the same code the analyzer runs):

* the count of each rule-based marker family (weights kept >= 0: the data may
  switch a family from the literature off, but not turn it into a sign of
  literal text);
* the count of each lexical cue (a word, hashtag, emoji, punctuation run, a
  pair of neighbouring tokens, a sentence opener, the sentiment class of a
  word ...), signed: a negative weight marks a cue of literal text.

Each count is multiplied by the text's length scale (``irony.length_scale``)
exactly as at run time. The ``explicit`` family is not learned: the SemEval
tweets were collected by the hashtags #irony, #sarcasm and #not and the
organisers removed those hashtags from the text, so the data holds almost no
explicit irony vocabulary (18 markers in 3,834 tweets) and cannot weigh it.
Its weight is fixed at ``EXPLICIT_WEIGHT``, above every learned weight: a text
that names irony points at it. It enters the fit as a fixed offset.

``long_text_shift`` is not learned either: SemEval is balanced 50/50 by design,
and its intercept makes a text with average cues a coin toss. A text longer
than a tweet (where the length scale falls below 1) moves towards the base rate
of sarcasm among tweets their authors labelled (iSarcasmEval, 25%), by
``(1 - scale) * (logit(25%) - logit(training share))``; without it plain news
scores like an ambiguous ironic tweet. It too enters the fit as an offset (it
touches only the few tweets over ``REFERENCE_WORDS`` words).

Fitting: L2-penalised log loss, minimised with scipy's L-BFGS-B (bounds keep
family weights >= 0); cues seen in fewer than ``MIN_DF`` training texts are not
candidates; the ``MAX_CUES`` cues with the largest weights (either sign) are
kept and the model is fitted again on them. The default threshold is the score
that maximises F1 of the ironic class over out-of-fold scores from an inner
``FOLDS``-fold cross-validation of the training texts, so it is chosen from
training data only.

The shipped file is trained on all 3,834 SemEval-2018 Task 3A training tweets;
evaluation/irony.py cross-validates the same procedure (train on 4 folds, score
the 5th through the analyzer with the fold's table). Needs scikit-learn (for
the folds) and numpy/scipy; the analyzer itself does not.
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

MIN_DF = 3  # a cue must occur in this many training texts to be a candidate
L2 = 20.0  # penalty on the squared weights: 10 and 20 give the same SemEval CV AUC (0.724, 0.723); 20 keeps weights smaller
MAX_CUES = 2000  # kept cues; keeping 3,000 changed the CV AUC by < 0.001
REFERENCE_WORDS = 30  # a tweet-sized stretch: 99% of SemEval tweets are at most 30 words
EXPLICIT_WEIGHT = 1.0  # fixed, twice the heaviest learned weight (see the module docstring)
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


# --- fitting -------------------------------------------------------------------


def _design(items: Sequence[Example], vocabulary: dict[str, int], shift: float):
    """(X, offset): scaled counts of the learned families then the cues; the fixed log-odds of the
    explicit family and of the long-text shift (zero for a text within REFERENCE_WORDS)."""
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


def _logistic_fit(x, offset, labels):
    """(intercept, weights) minimising log loss + L2/2 |w|^2, family weights >= 0."""
    import numpy as np
    from scipy import optimize

    y = np.asarray(labels, dtype=float)

    def objective(p):
        z = x @ p[1:] + p[0] + offset
        residual = 1 / (1 + np.exp(-z)) - y
        loss = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * L2 * p[1:] @ p[1:]
        return loss, np.concatenate([[residual.sum()], x.T @ residual + L2 * p[1:]])

    bounds = [(None, None)] + [(0, None)] * len(LEARNED) + [(None, None)] * (x.shape[1] - len(LEARNED))
    start = np.zeros(1 + x.shape[1])
    result = optimize.minimize(
        objective, start, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000}
    )
    return float(result.x[0]), result.x[1:]


def _candidates(items: Sequence[Example]) -> list[str]:
    df = Counter()
    for ex in items:
        df.update(ex.cues.keys())
    return sorted(key for key, n in df.items() if n >= MIN_DF)


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def fit(items: Sequence[Example], labels: Sequence[int], base_rate: float, max_cues: int = MAX_CUES) -> dict:
    """The weight table without a threshold: intercept, family weights, the MAX_CUES strongest cues.

    ``base_rate`` is the share of ironic texts in unselected text; a text longer than a tweet
    moves from the training sample's intercept towards it (``long_text_shift``).
    """
    import numpy as np

    shift = round(logit(base_rate) - logit(sum(labels) / len(labels)), 3)
    keys = _candidates(items) if max_cues else []
    x, offset = _design(items, {k: j for j, k in enumerate(keys)}, shift)
    _, w = _logistic_fit(x, offset, labels)
    cue_w = w[len(LEARNED) :]
    strongest = sorted(np.argsort(-np.abs(cue_w))[:max_cues])
    keys = [keys[j] for j in strongest]
    x, offset = _design(items, {k: j for j, k in enumerate(keys)}, shift)
    intercept, w = _logistic_fit(x, offset, labels)
    families = {f: round(float(v), 3) for f, v in zip(LEARNED, w[: len(LEARNED)])}
    families["explicit"] = EXPLICIT_WEIGHT
    cues = {k: round(float(v), 3) for k, v in zip(keys, w[len(LEARNED) :]) if round(float(v), 3)}
    return {
        "intercept": round(intercept, 3),
        "long_text_shift": shift,
        "reference_words": REFERENCE_WORDS,
        "weights": {f: families[f] for f in irony.FAMILIES},
        "cues": dict(sorted(cues.items())),
    }


def table_score(table: dict, ex: Example) -> float:
    """The analyzer's score from counts (the same sum; used to pick a threshold without re-reading texts)."""
    total = sum(table["weights"][f] * n for f, n in ex.families.items())
    total += sum(table["cues"].get(k, 0.0) * n for k, n in ex.cues.items())
    scale = irony.length_scale(ex.words, table["reference_words"])
    return irony.sigmoid(irony.base_log_odds(table, scale) + scale * total)


def best_f1_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The score cut (predict ironic at >= cut) with the highest F1 of the positive class, halfway between scores."""
    ranked = sorted(zip(scores, labels), reverse=True)
    positives = sum(labels)
    best, cut, tp = -1.0, 0.5, 0
    for i, (score, label) in enumerate(ranked):
        tp += label
        if i + 1 < len(ranked) and ranked[i + 1][0] == score:
            continue
        f1 = 2 * tp / (i + 1 + positives)
        if f1 > best:
            following = ranked[i + 1][0] if i + 1 < len(ranked) else score
            best, cut = f1, (score + following) / 2
    return round(cut, 3)


def folds(labels: Sequence[int], seed: int = SEED) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
    return [(list(a), list(b)) for a, b in splitter.split([[0]] * len(labels), labels)]


def train(
    items: Sequence[Example], labels: Sequence[int], base_rate: float, source: str = "", max_cues: int = MAX_CUES
) -> dict:
    """A complete weight table: fitted on all ``items``, threshold from an inner cross-validation.
    ``max_cues=0`` fits the marker families alone."""
    out_of_fold = [0.0] * len(items)
    for inner_train, inner_test in folds(labels):
        table = fit([items[i] for i in inner_train], [labels[i] for i in inner_train], base_rate, max_cues)
        for i in inner_test:
            out_of_fold[i] = table_score(table, items[i])
    table = fit(items, labels, base_rate, max_cues)
    table["threshold"] = best_f1_threshold(out_of_fold, list(labels))
    return {"source": source, **table} if source else table


SOURCE = (
    "Learned by evaluation/train_irony.py (logistic regression, L2 {l2}, {n} cues kept of those in >= {df} tweets) "
    "from all 3,834 SemEval-2018 Task 3A training tweets (Van Hee et al. 2018; CC BY-NC-SA 4.0, the data is not "
    "in this repository). Family weights are kept >= 0; 'explicit' is fixed at {explicit} (the organisers removed "
    "the #irony/#sarcasm/#not hashtags, so the data cannot weigh it). Threshold: best F1 of the ironic class "
    "over inner 5-fold out-of-fold scores. long_text_shift: a text longer than reference_words moves from the "
    "SemEval intercept (a balanced sample) towards the base rate of sarcasm among author-labelled tweets in "
    "iSarcasmEval ({rate:.0%}); an assumption, not learned. Cross-validated quality: docs/quality.md."
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m evaluation.train_irony", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", type=Path, default=WEIGHTS, help="where to write the weight table")
    args = parser.parse_args()
    texts, labels = load_semeval(args.data)
    rate = base_rate(args.data)
    source = SOURCE.format(l2=L2, n=MAX_CUES, df=MIN_DF, explicit=EXPLICIT_WEIGHT, rate=rate)
    table = train(examples(texts), labels, rate, source)
    args.write.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    weights = sorted(table["cues"].items(), key=lambda kv: kv[1])
    print(f"wrote {args.write}: {len(table['cues'])} cues, intercept {table['intercept']}, "
          f"threshold {table['threshold']}")
    print("families:", table["weights"])
    print("strongest irony cues:", weights[::-1][:15])
    print("strongest literal cues:", weights[:15])
    assert all(math.isfinite(v) for v in table["cues"].values())


if __name__ == "__main__":
    main()
