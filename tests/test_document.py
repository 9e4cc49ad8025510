"""Document positions, findings and the shared memo."""

from __future__ import annotations

import pytest

from textkit import Document, Finding


def test_position_is_one_based_line_and_column():
    doc = Document("ab\ncd\n\nef")
    assert doc.position(0) == (1, 1)
    assert doc.position(1) == (1, 2)
    assert doc.position(3) == (2, 1)
    assert doc.position(7) == (4, 1)
    assert doc.position(9) == (4, 3)  # the end of the text is a valid position
    with pytest.raises(ValueError):
        doc.position(10)


def test_finding_fills_text_line_and_column():
    doc = Document("First line.\nThe irony here.")
    start = doc.text.index("irony")
    finding = doc.finding("explicit", start, start + 5, "irony vocabulary", weight=2)
    assert (finding.line, finding.column, finding.text) == (2, 5, "irony")
    assert finding.to_dict() == {
        "kind": "explicit",
        "message": "irony vocabulary",
        "start": 16,
        "end": 21,
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 10,
        "text": "irony",
        "severity": "info",
            "data": {"weight": 2},
    }
    with pytest.raises(ValueError):
        doc.finding("x", 5, 100, "past the end")


def test_finding_end_across_a_line_break_and_when_built_by_hand():
    doc = Document("One two\nthree four.")
    finding = doc.finding("span", 4, 13, "two lines")  # "two\nthree"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 5, 2, 6)
    empty = doc.finding("point", 8, 8, "nothing")
    assert (empty.end_line, empty.end_column) == (2, 1)
    # A plugin that builds a Finding itself (no end given) still gets an end in its dict.
    by_hand = Finding("span", "two lines", 4, 13, 1, 5, "two\nthree")
    assert (by_hand.to_dict()["end_line"], by_hand.to_dict()["end_column"]) == (2, 6)


def test_a_finding_is_the_finding_its_constructor_builds_at_every_span():
    """Document.finding sets a Finding's fields at once (not through the frozen __init__): the same object."""
    import copy
    import dataclasses
    import pickle

    text = "ab\ncd\n\nefg hij\nk"
    doc = Document(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            made = doc.finding("k", start, end, "m", severity="warning", weight=1)
            built = Finding("k", "m", start, end, *doc.position(start), text[start:end], {"weight": 1},
                            *doc.end_position(start, end), "warning")  # fmt: skip
            assert made == built and repr(made) == repr(built) and made.to_dict() == built.to_dict()
            assert pickle.loads(pickle.dumps(made)) == built == copy.deepcopy(made)
            assert dataclasses.replace(made, text="z") == dataclasses.replace(built, text="z")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 9
    # Spot checks by hand: "cd" on line 2; the empty span after "\n\n" at line 4, column 1; "hij\nk".
    assert (doc.finding("x", 3, 5, "m").line, doc.finding("x", 3, 5, "m").column) == (2, 1)
    assert doc.finding("x", 7, 7, "m").to_dict()["line"] == 4
    last = doc.finding("x", 11, 16, "m")
    assert (last.line, last.column, last.end_line, last.end_column, last.text) == (4, 5, 5, 2, "hij\nk")


def test_memo_computes_once_per_document():
    doc = Document("Some text.")
    calls = []

    def compute():
        calls.append(1)
        return [1, 2, 3]

    assert doc.memo("k", compute) is doc.memo("k", compute)
    assert len(calls) == 1
    assert Document("Some text.").memo("k", compute) == [1, 2, 3]
    assert len(calls) == 2


def test_segmentation_happens_once():
    doc = Document("One. Two.")
    assert doc.segmentation is doc.segmentation
    assert doc.sentences is doc.segmentation.sentences


def test_sentence_at_and_words_of():
    doc = Document("Alpha beta. Gamma delta epsilon.")
    second = doc.sentences[1]
    assert doc.sentence_at(doc.text.index("delta")) == second
    assert doc.sentence_at(doc.text.index(" Gamma")) is None  # the gap between sentences
    assert [w.text for w in doc.words_of(second)] == ["Gamma", "delta", "epsilon"]


def test_counts_and_metadata_of_text():
    doc = Document("One two.\n\nThree four five.", source="<x>")
    assert doc.counts() == {"characters": 26, "lines": 3, "paragraphs": 2, "sentences": 2, "words": 5}
    meta = doc.metadata()
    assert meta["source"] == "<x>" and meta["size_bytes"] == 26 and len(meta["sha256"]) == 64


def test_line_starts_are_where_each_line_begins_whatever_the_line_endings():
    import random
    import re

    from textkit.sourcemap import line_starts

    assert line_starts("") == [0]
    assert line_starts("ab\ncd\n") == [0, 3, 6]
    assert line_starts("\n\nx") == [0, 1, 2]
    assert line_starts("a\r\nb\rc\n\r\nd") == [0, 3, 5, 7, 9]  # \r\n, a lone \r, \n, \r\n
    by_pattern = re.compile(r"\r\n?|\n")
    pick = random.Random(4).choice
    for size in range(60):
        for _ in range(40):
            text = "".join(pick("ab \n\r\u2028") for _ in range(size))
            assert line_starts(text) == [0, *(m.end() for m in by_pattern.finditer(text))], repr(text)
