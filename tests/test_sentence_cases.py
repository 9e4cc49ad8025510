"""Every case of the team's sentence test set (evaluation/data/sentences.json) through textkit.Document."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import textkit

CASES_FILE = Path(__file__).resolve().parent.parent / "evaluation" / "data" / "sentences.json"
SET = json.loads(CASES_FILE.read_text(encoding="utf-8"))
CASES = SET["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence_case(case):
    document = textkit.Document(case["text"])
    assert [s.text for s in document.sentences] == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_expected_sentences_are_spans_of_the_text_in_order(case):
    # A case whose expectation is not a sequence of spans of its text could never pass.
    cursor = 0
    for sentence in case["expected"]:
        found = case["text"].find(sentence, cursor)
        assert found != -1, sentence
        assert not case["text"][cursor:found].strip(), f"text skipped before {sentence!r}"
        cursor = found + len(sentence)
    assert not case["text"][cursor:].strip()


def test_the_set_is_large_and_covers_every_category():
    counts = Counter(c["category"] for c in CASES)
    assert len(CASES) >= 60
    assert set(counts) == set(SET["categories"]) == {
        "abbreviation", "initials", "decimal", "quotation", "ellipsis", "list", "headline", "url", "email",
    }  # fmt: skip
    assert min(counts.values()) >= 5
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_a_wrong_expectation_fails():
    # The comparison is exact: one sentence too many or too few is a failure.
    case = next(c for c in CASES if len(c["expected"]) > 1)
    got = [s.text for s in textkit.Document(case["text"]).sentences]
    assert got != case["expected"][:-1]
    assert got != [" ".join(case["expected"])]
