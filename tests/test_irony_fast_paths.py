"""Shortcuts of the irony evidence that the output dumps may not reach: each gives what the plain way gives."""

from __future__ import annotations

import random

from textkit import Config, Document, tokenize_words
from textkit.plugins import irony
from textkit.plugins.irony import cue_numbers, lexicon, markers, word_cues
from textkit.plugins.irony.echoes import _phrase_echoes
from textkit.plugins.irony.lexicon import _scanned_spans, scan, scan_lines
from textkit.plugins.irony.markers import _surely_more_words

DETAILS = Config(options={"irony": {"details": True}})


def echoes(text: str) -> list[str]:
    document = Document(text)
    return [document.text[f.start : f.end] for f in irony.analyze(document, DETAILS).findings if f.kind == "echo"]


def test_a_long_quotation_is_seen_without_tokenizing_it():
    assert _surely_more_words("we will be heard today", 3)
    assert not _surely_more_words("we will be", 3)  # exactly 3 words: the full check decides
    # A piece without a letter or digit holds no word: "a — b — c" is 3 words, not surely more.
    assert not _surely_more_words("a — b — c", 3)
    assert len(tokenize_words("a — b — c")) == 3
    # Whenever it says "more", the tokenizer agrees (random strings of words, marks and spaces).
    rng = random.Random(5)
    pieces = ["a", "well-known", "U.S.", "3.5", "—", "...", "’", "(", "don’t", "x_y", "_", "!"]
    for _ in range(3000):
        content = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        if _surely_more_words(content, 3):
            assert len(tokenize_words(content)) > 3, content


def test_quotes_asides_and_runs_are_found_alike_in_the_whole_text_and_paragraph_by_paragraph():
    prose = "He called it “progress” (again)... Really?!\n\nThe “plan” was ‘fine’ (mostly).\n\nOK!!"
    document = Document(prose)
    assert _scanned_spans(document) == [(0, len(prose))]  # every paragraph is prose: searched at once
    with_chrome = prose + "\n\nShare this"  # a boilerplate paragraph: searched paragraph by paragraph
    chrome = Document(with_chrome)
    assert _scanned_spans(chrome) == [(p.start, p.end) for p in chrome.paragraphs if not p.boilerplate]
    assert len(_scanned_spans(chrome)) == 3
    patterns = [*markers._QUOTES, markers._PARENTHESIS, markers._ELLIPSIS_OR_RUN]
    for doc in (document, chrome):
        for pattern in patterns:
            found = [m.span() for m in scan_lines(pattern, doc)]
            assert found == [m.span() for m in scan(pattern, doc)]
    assert [m.group() for m in scan_lines(markers._PARENTHESIS, document)] == ["(again)", "(mostly)"]


def test_phrase_echo_found_alike_with_few_and_with_many_repeated_places():
    short = "We want less water for farms and less water for towns."
    # Few repeated places in a long text: only their own windows are counted for content words.
    filler = " ".join(f"word{k}" for k in range(40)) + ". "
    assert echoes(short) == ["less water for farms and less water for"]
    assert echoes(filler + short) == ["less water for farms and less water for"]


def test_a_flood_without_two_content_words_has_no_phrase_echo():
    document = Document("no " * 500 + "n")
    lex = lexicon.lexicon()
    assert _phrase_echoes(document, document.prose_sentences, lex, []) == []
    assert echoes("no " * 500 + "n") == []  # "no" is a stopword: no word echo either


def test_links_and_tags_are_found_whatever_their_case():
    document = Document("I love it HTTP://t.co/xYz so much. Nothing tagged here.")
    cues = word_cues.sentence_cues(document)
    assert "<link>" in cues[0]
    table = cue_numbers.numbering()
    assert cue_numbers.sentence_numbers(document) == [[table.weighted[c] for c in s if c in table.weighted] for s in cues]
    plain = word_cues.CueReader(Document("No hashtag, mention or link here."))
    assert plain.tagged == set() and plain.special == set()


def test_a_cue_word_needs_a_vowel():
    assert word_cues.usable("rhythm")  # "y" counts
    assert not word_cues.usable("bt")
    assert not word_cues.usable("psst")
