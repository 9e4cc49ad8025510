"""Irony: telling satire, ironic reviews, sarcastic posts and ironic tweets from their plain
counterparts, and staying quiet on plain news.

    python -m evaluation.irony --data ../shared/data

Data: the four training sets of ``evaluation/train_irony.py`` (satirical vs real news,
ironic vs regular Amazon reviews, sarcastic vs sincere forum posts, SemEval-2018 Task 3A
tweets), OneStopEnglish (all three levels: plain edited news, never trained on) and
``examples/article.txt``.

Cross-validation: 5 folds stratified within each data set (fold k of every set held out
together). On each fold the whole training procedure runs on the other four folds — the
word-cue model, the out-of-fold word-cue scores for stacking, the document model and its
threshold — and the held-out texts are scored with the fold's two tables, by the same
arithmetic as the analyzer (checked below: the analyzer's score of the article and the
evaluation's agree). Reference column: the figure the issue measured before this model
(shipped analyzer, same data), or the published figure named in the data column.

The shipped tables (trained on all four sets) are measured on OneStopEnglish, the article
and five plain sentences written for this check, none of which they saw.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from collections.abc import Sequence

import textkit
from textkit.plugins.irony import model as irony_model
from textkit.plugins.irony.word_cues import cue_table

from . import train_irony as T
from .common import Evaluation, f1, main, roc_auc

TITLE = "Irony"
ONESTOP = Path("readability_onestopenglish")
ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"
PLAIN_SENTENCES = (
    "The meeting is on Tuesday at ten.",
    "Please send the invoice to the accounts department.",
    "The train to Leeds leaves from platform four.",
    "Our office will be closed on the public holiday.",
    "The report has three chapters and an appendix.",
)
# What the issue measured with the analyzer before this model (same data, shipped weights then).
BEFORE = {"satire": 0.67, "reviews": 0.49, "forum": 0.59, "tweets": 0.749}
TARGETS = {"satire": ">= 0.80", "reviews": ">= 0.72", "forum": ">= 0.70", "tweets": ">= 0.74"}
DESCRIBED = {
    "satire": "satirical vs real news articles (Burfoot & Baldwin 2009 train)",
    "reviews": "ironic vs regular Amazon reviews (Filatova 2012, dev half)",
    "forum": "sarcastic vs sincere forum posts (Sarcasm V2 GEN)",
    "tweets": "SemEval-2018 3A train tweets",
}


def cross_validate(items, labels, groups, without: Sequence[str] = ()) -> tuple[list[float], list[int]]:
    """Out-of-fold scores and calls (each with its fold's threshold); ``without``: features zeroed."""
    scores, calls = [0.0] * len(items), [0] * len(items)
    for train_idx, test_idx in T.folds(labels, groups, T.SEED):
        cues, model = T.train([items[i] for i in train_idx], [labels[i] for i in train_idx],
                              [groups[i] for i in train_idx], without=without)
        for i, s in zip(test_idx, T.score_items(cues, model, [items[i] for i in test_idx]), strict=True):
            scores[i], calls[i] = s, int(s >= model["threshold"])
    return scores, calls


def _onestop_texts(data: Path) -> list[str]:
    paths = sorted((data / ONESTOP).glob("*/*.txt"))
    if not paths:
        raise FileNotFoundError(data / ONESTOP)
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def evaluate(data: Path, cache: Path | None = T.DEFAULT_CACHE) -> Evaluation:
    try:
        import sklearn  # noqa: F401  (training, in evaluation/train_irony.py)
    except ImportError as exc:
        raise ImportError("evaluation.irony trains the models: pip install scikit-learn") from exc
    result = Evaluation("irony")
    sets = T.load_all(data, cache)
    items, labels, groups = T.pooled(sets)
    scores, calls = cross_validate(items, labels, groups)
    plain_scores, _ = cross_validate(items, labels, groups, without=("word_cues",))
    for name in sets:
        idx = [i for i, g in enumerate(groups) if g == name]
        y = [labels[i] for i in idx]
        auc = roc_auc([scores[i] for i in idx], y)
        where = f"{DESCRIBED[name]}, {len(idx):,} texts, 5-fold CV"
        result.add(f"{name}: ROC AUC", auc, BEFORE[name], f"{where}; ref: the analyzer before", TARGETS[name])
        precision, recall, f = f1([calls[i] for i in idx], y)
        accuracy = sum(calls[i] == labels[i] for i in idx) / len(idx)
        result.add(f"{name}: F1 ironic / accuracy @ threshold", f"{f:.3f} / {accuracy:.3f}", None, where)
        result.add(f"{name}: ROC AUC without word cues", roc_auc([plain_scores[i] for i in idx], y), None,
                   f"{where}; markers, incongruity and length only")

    table = irony_model.weight_table()
    cues = cue_table()
    threshold = table["threshold"]
    onestop = T.items_of("onestop", _onestop_texts(data), cache)
    news = T.score_items(cues, table, onestop)
    called = sum(s >= threshold for s in news) / len(news)
    nwhere = f"OneStopEnglish, all levels, {len(news)} articles, shipped model"
    result.add("plain news: share called ironic", called, None, nwhere, "<= 0.05")
    result.add("plain news: median score", statistics.median(news), None, nwhere)

    plugins = textkit.load_plugins()
    article_text = ARTICLE.read_text(encoding="utf-8")
    article = textkit.analyze_text(article_text, only=["irony"], plugins=plugins)["irony"].metrics["score"]
    recomputed = T.score_items(cues, table, [T.extract(article_text)])[0]
    if abs(recomputed - article) > 1e-3:
        raise AssertionError(f"evaluation arithmetic {recomputed:.4f} != analyzer {article:.4f}")
    below = sum(s < article for s in news) / len(news)
    result.add("article: share of plain news scoring lower", below, None,
               f"examples/article.txt scores {article:.3f}", ">= 0.90")
    plain = [textkit.analyze_text(s, only=["irony"], plugins=plugins)["irony"].metrics["score"] for s in PLAIN_SENTENCES]
    result.add("five plain sentences: highest score", max(plain), None,
               f"sentences written for this check; threshold {threshold}", f"< {threshold}")
    result.notes = _notes(sets, table, cues)
    return result


def _notes(sets, table, cues) -> str:
    weights = table["weights"]
    ranked = sorted(weights.items(), key=lambda kv: -abs(kv[1]))
    strongest = ", ".join(f"{f} {w:+.2f}" for f, w in ranked[:8])
    top = sorted(cues["weights"].items(), key=lambda kv: -kv[1])[:12]
    counts = ", ".join(f"{len(s[0]):,} {n}" for n, s in sets.items())
    return (
        f"Trained on {counts} (each set weighing the same). The document model is a logistic regression over "
        f"marker densities per family, sentiment incongruity, ONE word-cue score and log length; its largest "
        f"weights (raw units): {strongest}. Word cues are dictionary words and pairs (capitalised only as a familiar "
        f"word opening a sentence or in capitals), tone marks and placeholders for hashtags, mentions and links: no "
        f"names, dates or numbers, and no function words ('in', 'the', 'with the': register, not irony); the "
        f"strongest irony cues: {', '.join(c for c, _ in top)}. Still wrong on long-form "
        "text: satire written as straight news (no markers, plain wording) is scored like news; irony carried "
        "by world knowledge (praise of an obviously bad product) is found only when the sentiment turns within "
        f"the text. Short texts: SemEval tweets lose against the tweet-only model before (0.749), which learned "
        f"names, numbers and capitalised tokens; what a model fitted on the tweets alone reaches with each "
        f"representation, allowed or not, is measured by evaluation/irony_tweets.py (next section). "
        f"Threshold {table['threshold']}."
    )


if __name__ == "__main__":
    main("irony", evaluate, __doc__.splitlines()[0])
