"""The irony markers read the segmenter's word columns: each shortcut gives what the plain way gives."""

from __future__ import annotations

import random

import pytest

from textkit import Document
from textkit.plugins._vader import sentence_scores
from textkit.plugins.irony import find_markers, lexicon, phrases
from textkit.plugins.irony.echoes import _repeated_trigrams
from textkit.plugins.irony.lexicon import SO_CALLED, SUPERLATIVE_EVER, scan, sentence_of
from textkit.plugins.irony.markers import find_questions

TEXT = (
    "Oh great, just what I needed. The meeting ran long (of course), and the plan — the so-called plan — "
    "was the best plan ever. Did it work? Nobody knows!!! He called it “progress”.\n\n"
    "Thanks a lot, said the clerk. Not exactly the end of the world, isn't it?"
)


def test_markers_make_no_word_object(monkeypatch):
    document = Document(TEXT)
    sentence_scores(document)  # (VADER's shared scores: another plugin's code, which may read words)
    document.segmentation.__dict__.pop("words", None)

    def no_words(*args):
        raise AssertionError("a Word object was made")

    monkeypatch.setattr("textkit.segment._make_words", no_words)
    families = {m.family for m in find_markers(document)}
    assert {"ironic_praise", "scare_quotes", "hyperbole", "punctuation", "tag_question"} <= families


def test_a_words_sentence_by_bisection_is_the_words_own():
    texts = [TEXT, "Yes. Yes.\n\nNo!\n\n\n“#”", "a\nb\nc\n\n(a (b (c", "One. Two. Three four five."]
    for text in texts:
        document = Document(text)
        assert [sentence_of(document, w.index) for w in document.words] == [w.sentence for w in document.words]


def test_repeated_trigrams_are_the_places_whose_triple_occurs_again():
    assert _repeated_trigrams("a b c d a b c".split()) == [0, 4]
    assert _repeated_trigrams("no no no no".split()) == [0, 1]
    assert _repeated_trigrams("a b c d".split()) == []
    assert _repeated_trigrams(["a", "b"]) == []
    rng = random.Random(3)
    for _ in range(2000):
        keys = [rng.choice("abc") for _ in range(rng.randint(0, 12))]
        triples = list(zip(keys, keys[1:], keys[2:]))
        assert _repeated_trigrams(keys) == [j for j, t in enumerate(triples) if triples.count(t) > 1], keys


@pytest.mark.parametrize("times", [1, 5, 6, 12])  # first words met fewer and more times than phrases._FEW
def test_phrase_search_finds_what_the_pattern_finds_paragraph_by_paragraph(times):
    lex = lexicon.lexicon()
    unit = (
        "A tad late, a bit of a mess, not exactly great; not the end of the world.\n\n"
        "Thanks a lot — oh well, oh my, the so-called “plan”, the best day ever, ſo-called, "
        "café-not exactly, don’t-not quite, K tad.\n\n"
    )
    document = Document(unit * times + "Share this")
    lists = [lex.explicit_phrases, lex.hyperbole_phrases, lex.interjection_phrases, lex.praise_formulas,
             lex.understatement_phrases, SO_CALLED, SUPERLATIVE_EVER]  # fmt: skip
    for phrase_list in lists:
        found = [m.span() for m in phrases.find(document, phrase_list, lex)]
        assert found == [m.span() for m in scan(phrase_list.pattern, document)]
    assert len(phrases.find(document, lex.understatement_phrases, lex)) >= 4 * times


def test_a_words_phrase_places_inside_it():
    # (offset, key, whether the run reaches the word's end): None where any phrase could start.
    assert phrases._word_entry("so-called") == (0, "so", False, 3, "called", False)
    assert phrases._word_entry("don’t") == (0, "don", False, 4, "t", True)
    assert phrases._word_entry("café") == (0, None, False)  # "caf" is followed by a letter
    assert phrases._word_entry("’tis") == (0, None, False, 1, "tis", True)


def test_questions_are_looked_for_only_where_a_question_mark_is():
    lex = lexicon.lexicon()
    plain = Document("It rained. Nobody came.")
    assert find_questions(plain, plain.prose_sentences, lex) == []
    asked = Document("It rained, didn't it? Nobody came. Isn't that odd?")
    found = find_questions(asked, asked.prose_sentences, lex)
    assert [(m.family, asked.text[m.start : m.end]) for m in found] == [
        ("tag_question", "didn't it?"),
        ("rhetorical_question", "Isn't that odd?"),
    ]


def test_phrase_places_kept_across_documents_stay_within_their_bound(monkeypatch):
    import gc

    monkeypatch.setattr(phrases, "MAX_KEPT_WORDS", 5)
    monkeypatch.setattr(phrases, "_WORD_PLACES", {})
    lex = lexicon.lexicon()
    # 20 distinct words with a mark ("k3-not"), each with a run "not" that opens "not exactly".
    document = Document(" ".join(f"k{k}-not exactly, and x-{k}" for k in range(20)))
    found = [document.text[a:b] for a, b in (m.span() for m in phrases.find(document, lex.understatement_phrases, lex))]
    assert found == [m.group() for m in scan(lex.understatement_phrases.pattern, document)]
    assert found == ["not exactly"] * 20
    assert len(phrases._WORD_PLACES) == 5
    gc.collect()
    assert not any(map(gc.is_tracked, phrases._WORD_PLACES.values()))  # tuples of atoms: not walked
