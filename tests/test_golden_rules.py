"""The Golden Rules for English (Pragmatic Segmenter, MIT; evaluation/data/golden_rules_en.json).

textkit must pass at least as many as pysbd alone (48 of 52 with clean=False);
rule 18 ("At 5 a.m. Mr. Smith ...") and rule 52 (no space between sentences)
are the two it still fails, as pysbd does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import textkit

RULES_FILE = Path(__file__).resolve().parent.parent / "evaluation" / "data" / "golden_rules_en.json"
RULES = json.loads(RULES_FILE.read_text(encoding="utf-8"))["rules"]
KNOWN_FAILURES = {18, 52}


def test_the_file_holds_the_52_rules_and_their_licence():
    raw = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    assert [r["number"] for r in RULES] == list(range(1, 53))
    assert "MIT" in raw["licence"] and "Kevin S. Dias" in raw["licence"]


@pytest.mark.parametrize("rule", RULES, ids=[f"{r['number']:02d}" for r in RULES])
def test_golden_rule(rule):
    got = [s.text for s in textkit.Document(rule["text"]).sentences]
    if rule["number"] in KNOWN_FAILURES:
        assert got != rule["expected"]  # a fix here should move the rule out of KNOWN_FAILURES
    else:
        assert got == rule["expected"]
