"""Regression guard for the irony analyzer on the shared gold data (skipped when it is absent).

Small fixed samples of each set, scored through the analyzer with the shipped models. The
shipped models were trained on all of the four labelled sets (these samples included), so those
floors guard against regressions (a change to a marker, the cue finder, the features or the
model files that breaks what was learned); they do not measure generalisation, which
evaluation/irony.py measures by cross-validation. OneStopEnglish and the article were never
trained on, so their floors do guard what carries over. Floors sit a little under the values
measured on these same samples.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import textkit
from textkit.plugins import irony

from evaluation.common import find_gold_data, roc_auc
from evaluation.train_irony import load_forum, load_reviews, load_satire, load_semeval

DATA = find_gold_data()
SEED = 0
ARTICLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"no shared data folder at {DATA}")


@pytest.fixture(scope="module")
def plugins():
    return textkit.load_plugins()


def scores(texts, plugins) -> list[float]:
    return [textkit.analyze_text(t, only=["irony"], plugins=plugins)["irony"].metrics["score"] for t in texts]


def sample(texts, labels, ironic: int, literal: int):
    """A fixed sample of ``ironic`` ironic and ``literal`` literal texts."""
    rng = random.Random(SEED)
    pos = rng.sample([i for i, y in enumerate(labels) if y], ironic)
    neg = rng.sample([i for i, y in enumerate(labels) if not y], literal)
    idx = sorted(pos + neg)
    return [texts[i] for i in idx], [labels[i] for i in idx]


@pytest.mark.parametrize(
    ("loader", "ironic", "literal", "floor"),
    [
        (load_satire, 30, 90, 0.94),  # measured 0.971
        (load_reviews, 50, 50, 0.97),  # measured 1.000 (in-sample: the cue model knows these reviews)
        (load_forum, 100, 100, 0.86),  # measured 0.889
        (load_semeval, 100, 100, 0.86),  # measured 0.881
    ],
    ids=["satire", "reviews", "forum", "tweets"],
)
def test_labelled_samples_with_the_shipped_models(plugins, loader, ironic, literal, floor):
    texts, labels = sample(*loader(DATA), ironic, literal)
    assert roc_auc(scores(texts, plugins), labels) >= floor


def test_plain_news_is_not_called_ironic_and_the_article_stands_out(plugins):
    paths = sorted((DATA / "readability_onestopenglish").glob("*/*.txt"))
    picked = random.Random(SEED).sample(paths, 60)
    news = scores([p.read_text(encoding="utf-8", errors="replace") for p in picked], plugins)
    threshold = irony.weight_table()["threshold"]
    assert sum(s >= threshold for s in news) <= 2  # measured 0 of 60
    article = scores([ARTICLE.read_text(encoding="utf-8")], plugins)[0]
    assert sum(s < article for s in news) >= 54  # measured 57 of 60
