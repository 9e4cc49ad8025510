"""The irony analyzer's phrase-echo budget: a text that repeats phrases far more than prose stops being
searched for them (linear time on "U.S. U.S. ..."), and the section says where."""

from __future__ import annotations

from textkit import Config, Document
from textkit.plugins.irony import analyze, echoes

THREE = (
    "We want less water for farms and less water for towns. "
    "They need more money for roads and more money for schools. "
    "Critics saw bad news for cats and bad news for dogs."
)


DETAILS = Config({"irony": {"details": True}})  # echoes carry no model weight: listed only with details


def _echoes(result) -> list[str]:
    return [f.text for f in result.findings if f.kind == "echo"]


def test_every_phrase_echo_within_the_budget_and_no_warning():
    result = analyze(Document(THREE), DETAILS)
    assert _echoes(result) == [
        "less water for farms and less water for",
        "more money for roads and more money for",
        "bad news for cats and bad news for",
    ]
    assert not any("phrase echoes" in w for w in result.warnings)


def test_past_the_budget_no_more_echoes_are_looked_for_and_the_section_says_where(monkeypatch):
    monkeypatch.setattr(echoes, "PHRASE_ECHO_BUDGET", 2)
    monkeypatch.setattr(echoes, "CHARS_PER_PHRASE_ECHO", 10**9)
    result = analyze(Document(THREE), DETAILS)
    assert _echoes(result) == ["less water for farms and less water for", "more money for roads and more money for"]
    assert result.metrics["markers"] == 2
    # The search stopped at the end of the second echo: "... more money for" ends at character 104.
    assert THREE.index("more money for schools") + len("more money for") == 104
    assert (
        "phrase echoes were looked for up to line 1 (character 104) only: the text repeats phrases far more than "
        "prose does, and at most 2 are counted (2 plus one per 1,000,000,000 characters)"
    ) in result.warnings


def test_a_flood_of_initialisms_counts_at_most_the_budget():
    text = "U.S. " * 3000  # 15,000 characters: a budget of 100 + 15,000 // 100 = 250 phrase echoes
    result = analyze(Document(text), DETAILS)
    assert result.data["families"]["echo"]["count"] == 250
    assert any(w.startswith("phrase echoes were looked for up to line 1 (character ") for w in result.warnings)
    assert any(w.endswith("at most 250 are counted (100 plus one per 100 characters)") for w in result.warnings)
