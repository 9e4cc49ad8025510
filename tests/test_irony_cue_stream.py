"""The cue stream (plugins/irony/cue_numbers.py) and the cue reader's fast paths agree with their
definitions: the spelled-out cues of ``word_cues.sentence_cues``, the per-sentence gap search,
the ranking by total."""

from __future__ import annotations

import random
from itertools import chain, repeat

import pytest

from textkit import Document
from textkit.plugins.irony import cue_numbers, word_cues
from textkit.plugins.irony.cue_numbers import cue_stream, cue_values, numbering, sentence_numbers, strongest


def weighted_numbers(cues: list[str]) -> list[int]:
    table = numbering()
    return [table.weighted[c] for c in cues if c in table.weighted]


def assert_stream_is_that_of_the_cues(document) -> None:
    cues = word_cues.sentence_cues(document)
    assert sentence_numbers(document) == [weighted_numbers(c) for c in cues]
    assert cue_stream(document).count == sum(map(len, cues))
    weights = word_cues.cue_table()["weights"]
    per_sentence, total = cue_values(document)
    assert per_sentence == [sum(weights.get(c, 0.0) for c in s) for s in cues]
    assert total == sum(weights.get(c, 0.0) for c in chain.from_iterable(cues))
    flat = list(chain.from_iterable(cues))
    assert strongest(document) == (len(flat), word_cues.top_cues(flat))


def test_summed_weights_and_the_strongest_cues_are_those_of_the_spelled_out_cues():
    assert_stream_is_that_of_the_cues(
        Document("Oh great, another meeting. I just love waiting. Thanks a lot, really. Great.")
    )


def test_a_stretched_word_counts_each_time_it_comes():
    # "sooo" three times, once opening a sentence: each time an "<elongated>" before its own cues.
    document = Document("I love it sooo much, sooo much. Sooo good.")
    assert word_cues.sentence_cues(document) == [
        ["i", "love", "i love", "it", "love it", "<elongated>", "much", "<elongated>", "much"],
        ["<elongated>", "good"],  # "Sooo" opens its sentence but is no familiar word: no key
    ]
    elongated = numbering().weighted["<elongated>"]
    assert sentence_numbers(document)[0].count(elongated) == 2
    assert sentence_numbers(document)[1].count(elongated) == 1
    assert_stream_is_that_of_the_cues(document)
    assert_stream_is_that_of_the_cues(Document("Sooo sooo sooo. SOOO."))


def test_a_familiar_capitalised_word_kept_across_documents_is_vetoed_where_it_is_a_name(monkeypatch):
    monkeypatch.setattr(cue_numbers, "_OPENING_NAMEABLE", {})
    first = Document("Great news came today.")
    assert word_cues.sentence_cues(first)[0][0] == "great"
    assert_stream_is_that_of_the_cues(first)
    assert "Great" in cue_numbers._OPENING_NAMEABLE
    # Here "Great" is written with a capital inside a sentence ("the Great Wall"): a name.
    second = Document("Great news came today. They saw the Great Wall.")
    assert word_cues.sentence_cues(second)[0][:1] == ["news"]
    assert_stream_is_that_of_the_cues(second)
    assert_stream_is_that_of_the_cues(Document("Great news came today."))


def test_a_table_entry_of_weight_zero_is_only_counted(monkeypatch):
    table = {"reference_words": 20, "weights": {"great": 0.5, "oh": 0.0, "oh great": 0.25, "so great": 0.0, "!": 0.1}}
    monkeypatch.setattr(cue_numbers, "cue_table", lambda: table)
    for name in ("_ENTRIES", "_OPENING_ENTRIES", "_NAMEABLE", "_OPENING_NAMEABLE"):
        monkeypatch.setattr(cue_numbers, name, {})
    cue_numbers.numbering.cache_clear()
    try:
        document = Document("Oh great, so great! Oh.")
        number = numbering().number
        assert sentence_numbers(document) == [[number["great"], number["oh great"], number["great"], number["!"]], []]
        assert cue_stream(document).count == 9  # oh, great, oh great, so, great so, great, so great, !; oh
        per_sentence, total = cue_values(document)
        assert per_sentence == [0.5 + 0.25 + 0.5 + 0.1, 0] and total == 0.5 + 0.25 + 0.5 + 0.1
        assert strongest(document) == (9, [{"cue": "great", "weight": 1.0}, {"cue": "oh great", "weight": 0.25},
                                           {"cue": "!", "weight": 0.1}])
    finally:
        cue_numbers.numbering.cache_clear()


def exact_marked(reader, sentence) -> bool:
    """The definition: a gap mark between the sentence's first word's end and its last word's start."""
    first, end = sentence.first_word, sentence.end_word
    return end - first > 1 and word_cues._GAP_MARK.search(reader.text, reader.ends[first], reader.starts[end - 1]) is not None


@pytest.mark.parametrize(
    "text",
    [
        "One two three. Four five... six. Seven eight.",
        "No marks at all here. None here either. Nor here.",
        "A b c d. E f g!!! H i. J k? L m. N o",
        "First one here.... Then two.. And three... words here.",
        "Café au lait. Plain words now. More plain words. A £5 note. Emoji 😂 here now.",
        "Is it? Yes! It is. Words... words… words.",
        "Word.... Word word",
    ],
)
def test_sentences_read_by_the_full_pass_include_every_marked_one(text):
    document = Document(text)
    reader = word_cues.CueReader(document)
    full = reader.full_passes()
    for k, sentence in enumerate(reader.sentences):
        marked = exact_marked(reader, sentence)
        if marked:
            assert full[k] is True
        elif sentence.end_word == sentence.first_word or k in reader.special:
            assert full[k] is False
        # (a sentence may be marked by a "..." running past its last word's start: read the same)
    assert_stream_is_that_of_the_cues(document)


def test_random_texts_give_the_stream_of_their_cues():
    rng = random.Random(9)
    vocabulary = (
        "oh great love it I really so the The Great Bush bush said thanks a lot yes Yes sooo LOVE "
        "never ever best day wonderful fine not exactly #not #ILoveMondays @someone http://t.co/x www.x.com "
        "Café 3 2015 don’t it’s ℂ Kelvin ǅ İstanbul"
    ).split()
    gaps = [" ", " ", " ", ", ", "! ", "? ", "... ", "!!! ", " 😂 ", "… ", ". ", ".\n\n", " — ", " “", "” "]
    for _ in range(300):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 30))]
        text = "".join(w + rng.choice(gaps) for w in words)
        assert_stream_is_that_of_the_cues(Document(text))


def test_ranked_cues_are_those_of_sorting_by_minus_the_total():
    rng = random.Random(7)
    for _ in range(3000):
        size = rng.randint(1, 14)
        cues = [f"c{k}" for k in range(size)]
        weights = [rng.choice([0.1, 0.2, -0.3, 0.3, -0.1, 0.05, 1 / 3, -2 / 3]) for _ in cues]
        counts = [rng.choice([1, 1, 1, 2, 3, 4, 7]) for _ in cues]
        n = rng.randint(1, 6)
        totals = [sum(repeat(w, k)) for w, k in zip(weights, counts)]
        ranking = sorted(range(size), key=lambda j: -totals[j])
        expected = [{"cue": cues[j], "weight": round(totals[j], 4)} for j in ranking[:n] if totals[j] > 0]
        expected += [{"cue": cues[j], "weight": round(totals[j], 4)} for j in reversed(ranking[-n:]) if totals[j] < 0]
        assert cue_numbers.ranked_cues(cues, weights, counts, n) == expected


def test_the_analyzer_skips_a_text_mostly_in_another_script():
    from textkit import Config, Skip
    from textkit.plugins.irony import analyze

    with pytest.raises(Skip, match="mostly in Cyrillic"):
        analyze(Document("Это был прекрасный день. Спасибо большое, очень полезно."), Config())
    # A few letters of another script in English prose: analysed.
    result = analyze(Document("Oh great, another Monday. We said привет to the new boss. Thanks a lot."), Config())
    assert 0 < result.metrics["score"] < 1


def test_familiar_capitalised_words_kept_across_documents_stay_within_their_bound(monkeypatch):
    monkeypatch.setattr(cue_numbers, "MAX_KEPT_WORDS", 2)
    monkeypatch.setattr(cue_numbers, "_OPENING_NAMEABLE", {})
    text = "Great day. Nice work. Good luck. Fine then. Great day."
    first = cue_stream(Document(text))
    assert len(cue_numbers._OPENING_NAMEABLE) == 2
    # Those not kept are read again, the same way.
    assert cue_stream(Document(text)) == first
    assert_stream_is_that_of_the_cues(Document(text))
    assert len(cue_numbers._OPENING_NAMEABLE) == 2
