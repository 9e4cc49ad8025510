"""Regression guard: readability orders a fixed sample of OneStopEnglish triples.

The sample is 12 same-story triples (every 13th of the sorted names that
evaluation.readability keeps); on it textkit measured 33 of 36 pairs in
order by the consensus grade and 33 by Flesch–Kincaid, with the advanced
text on average 2.00 (consensus) and 1.89 (Flesch–Kincaid) grades above the
elementary one. The floors sit a little under those values. The data is read
from the shared folder beside the checkout; the test skips without it.
"""

from __future__ import annotations

import pytest
import textkit

from evaluation.common import find_gold_data

DATA = find_gold_data() / "readability_onestopenglish"
SAMPLE = (
    "Amazon.txt", "Denmark.txt", "Japan_menu.txt", "Nelson_Mandela.txt", "Swedish_prisons.txt",
    "WNL_Bright_Future.txt", "WNL_FIFA.txt", "WNL_Inventions.txt", "WNL_Mystery_Shopper.txt",
    "WNL_School.txt", "WNL_Ten_ideas.txt", "WNL_Who_invented.txt",
)  # fmt: skip
LEVELS = ("ele", "int", "adv")
PAIRS = (("ele", "int"), ("int", "adv"), ("ele", "adv"))


@pytest.fixture(scope="module")
def grades():
    if not DATA.is_dir():
        pytest.skip(f"no OneStopEnglish data at {DATA}")
    plugins = textkit.load_plugins()
    found = {}
    for name in SAMPLE:
        for level in LEVELS:
            text = (DATA / level / name).read_text(encoding="utf-8-sig")
            metrics = textkit.analyze_text(text, only=["readability"], plugins=plugins)["readability"].metrics
            found[name, level] = {"consensus": metrics["consensus_grade"], "fk": metrics["flesch_kincaid_grade"]}
    return found


@pytest.mark.parametrize("metric, floor", [("consensus", 32), ("fk", 32)])
def test_pairs_in_order(grades, metric, floor):
    in_order = sum(grades[n, low][metric] < grades[n, high][metric] for n in SAMPLE for low, high in PAIRS)
    assert in_order >= floor, f"{in_order} of {3 * len(SAMPLE)} pairs in order by {metric}"


@pytest.mark.parametrize("metric, floor", [("consensus", 1.8), ("fk", 1.7)])
def test_advanced_reads_harder_than_elementary_by_a_margin(grades, metric, floor):
    gap = sum(grades[n, "adv"][metric] - grades[n, "ele"][metric] for n in SAMPLE) / len(SAMPLE)
    assert gap >= floor
