"""The word cues as numbers (plugins/irony/cue_numbers.py) agree with the spelled-out cues."""

from __future__ import annotations

import pytest

from textkit import Document
from textkit.plugins.irony import cue_numbers, word_cues
from textkit.plugins.irony.cue_numbers import cue_stream, numbering, sentence_numbers


def numbered(cues: list[str]) -> list[int]:
    """The numbers of the cues that have a weight (the others are only counted)."""
    table = numbering()
    return [table.number[c] for c in cues if c in table.number and table.weights[table.number[c]]]


def test_numbers_follow_the_cues_of_every_kind_of_sentence():
    # Plain sentences (names, a capitalised familiar word opening a sentence, emphasis, a stretched
    # word), one with cues between its words (read by the full pass), a repeated one-word sentence.
    text = (
        "They flew to The Hague. The food was great. I LOVE it sooo much. "
        "Wow!!! Great... really?! Yes. Yes. He met Bush. Bush left."
    )
    document = Document(text)
    expected = [
        ["they", "flew", "they flew", "to", "flew to"],  # "The Hague" mid-sentence: a name
        ["food", "was", "food was", "great", "was great"],  # so "The" opening a sentence is no cue
        ["i", "love", "i love", "it", "love it", "<elongated>", "much"],
        # "Wow" opens it but is no familiar word; "Great" mid-sentence reads like a name.
        ["!!", "...", "really", "?!"],
        ["yes"],
        ["yes"],
        ["he", "met", "he met"],
        ["left"],  # "Bush" is a name
    ]
    assert word_cues.sentence_cues(document) == expected
    assert sentence_numbers(document) == [numbered(cues) for cues in expected]
    assert cue_stream(document).count == 27
    # Of the first sentence only "they" has a weight in the shipped table ("flew", "to" and their
    # pairs are only counted); in the third every cue has one.
    number = numbering().number
    assert sentence_numbers(document)[0] == [number["they"]]
    assert sentence_numbers(document)[2] == [number[c] for c in expected[2]]


def test_hashtags_mentions_and_links_are_read_by_the_full_pass():
    document = Document("@BarackObama I love it http://t.co/xYz #ILoveMondays #not")
    cues = ["<mention>", "i", "love", "i love", "it", "love it", "<link>", "<hashtag>", "#i", "#love", "<hashtag>", "#not"]
    assert sentence_numbers(document) == [numbered(cues)]
    assert cue_stream(document).count == len(cues)


def test_ranking_keeps_first_occurrence_order_among_equal_totals():
    table = {"reference_words": 20, "weights": {"a": 0.1, "b": 0.2, "c": 0.2, "d": -0.3, "e": -0.3}}
    cues = ["a", "b", "x", "a", "c", "d", "e"]  # "a" twice: 0.1 + 0.1 = 0.2, tied with "b" and "c"
    assert word_cues.top_cues(cues, table, n=2) == [
        {"cue": "a", "weight": 0.2}, {"cue": "b", "weight": 0.2}, {"cue": "e", "weight": -0.3}, {"cue": "d", "weight": -0.3},
    ]
    # The last n of the ranking, most negative first: of two equal ones, the later one.
    assert word_cues.top_cues(cues, table, n=1) == [{"cue": "a", "weight": 0.2}, {"cue": "e", "weight": -0.3}]
    assert word_cues.top_cues(["x"], table) == []


def test_word_readings_kept_across_documents_stay_within_their_bound(monkeypatch):
    monkeypatch.setattr(cue_numbers, "MAX_KEPT_WORDS", 3)
    monkeypatch.setattr(cue_numbers, "_ENTRIES", {})
    monkeypatch.setattr(cue_numbers, "_OPENING_ENTRIES", {})
    text = "the cat sat on the warm mat and the dog ran off. a bird sang."
    first = cue_stream(Document(text))
    assert len(cue_numbers._ENTRIES) == 3 and len(cue_numbers._OPENING_ENTRIES) == 2
    # Words no longer kept are read again, with the same numbers.
    assert cue_stream(Document(text)) == first
    assert sentence_numbers(Document(text)) == [numbered(c) for c in word_cues.sentence_cues(Document(text))]
    assert len(cue_numbers._ENTRIES) == 3


@pytest.mark.parametrize(
    ("gap", "marked"),
    [("a...b", True), ("a.b", False), ("a..b", False), ("a£b", True), ("a’b", False), ("a“b”", False),
     ("a!b", True), ("a?b", True), ("a…b", True), ("a — b", False), ("a😂b", True), ("a.\u00e9", True)],
)
def test_a_gap_is_marked_by_the_characters_that_can_be_cues(gap, marked):
    assert (word_cues._GAP_MARK.search(gap, 1) is not None) is marked
