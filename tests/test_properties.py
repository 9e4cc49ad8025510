"""Property-based tests: whatever the text, analyze_text gives a sound report.

Arbitrary Unicode, and mixtures of prose, punctuation, quotes and line breaks
(the shapes that broke analyzers before), must give: no failed section, every
finding inside the text and pointing at its own characters, finite metrics, a
dict valid against the schema, and the same report twice (timings aside).
The long fuzzing run is marked slow: ``pytest -m slow tests/test_properties.py``.
"""

from __future__ import annotations

import json
import math

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textkit import analyze_text, json_schema

WORDS = ["the", "committee", "met", "Geneva", "Maria", "said", "no", "yes", "wonderful", "not", "U.S.", "Dr.",
         "great", "terrible", "Oh", "really", "a", "I", "love", "it", "China", "Paris", "e.g.", "3.5", "$4"]
PUNCTUATION = [".", "!", "?", "?!", "...", "…", ",", ";", ":", "-", "—", "(", ")", "[", "]", "#", "@", "*", "_", "/"]
QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "`"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\t", " ", "  ", "\u2028", "\u00a0"]

prose_mix = st.lists(st.sampled_from(WORDS + PUNCTUATION + QUOTES + BREAKS), max_size=120).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)
)
unicode_text = st.text(max_size=200)
hostile_text = st.one_of(prose_mix, unicode_text, st.tuples(prose_mix, unicode_text).map("".join))

SCHEMA = json_schema()


def without_timing(report: dict) -> dict:
    for section in report["sections"]:
        section.pop("elapsed_ms", None)
    return report


def check_report(text: str) -> None:
    report = analyze_text(text)
    data = report.to_dict()
    failed = {s["id"]: s["error"] for s in data["sections"] if s["status"] == "error"}
    assert not failed, f"{failed} on {text!r}"
    for section in report.sections:
        for name, value in section.metrics.items():
            assert math.isfinite(value), (section.id, name, value, text)
        for finding in section.findings:
            assert 0 <= finding.start <= finding.end <= len(text), (section.id, finding, text)
            assert finding.text == text[finding.start : finding.end], (section.id, finding, text)
            assert finding.line >= 1 and finding.column >= 1
    jsonschema.validate(data, SCHEMA)
    json.dumps(data, allow_nan=False)
    again = analyze_text(text).to_dict()
    assert without_timing(again) == without_timing(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_any_text_gives_a_sound_report(text):
    check_report(text)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_fuzz_any_text_gives_a_sound_report(text):
    check_report(text)
