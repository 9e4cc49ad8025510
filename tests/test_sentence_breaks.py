"""sentence_breaks' fast paths: each gives what the slower way it replaces gives, and what pysbd says."""

from __future__ import annotations

import random
import re

import pytest

from textkit.sentence_breaks import _CANDIDATE, _PAIR_MARKS, _candidates, _positions, is_plain, sure_cuts


def _pysbd(text: str) -> list[str]:
    import pysbd

    return [piece.strip() for piece in pysbd.Segmenter(language="en", clean=False).segment(text) if piece.strip()]


def test_pysbd_reads_an_ellipsis_character_as_it_reads_a_dash():
    # Why is_plain lets "…" through: pysbd's sentences of a text are those of the same text
    # with "–" for every "…" (pysbd itself, not textkit's patched copy).
    rng = random.Random(7)
    alphabet = ["a", "b", "I", "The", "Mr", "U", "S", "3", "12", " ", " ", ".", "!", "?", "…", "…", "“", "”", "'", "(", ")", ",", "\n"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25))) for _ in range(1500)]
    texts += ["Wow… Great.", "He went … To the shop.", "“Wait…” He left.", "1… 2… 3.", "It is… I think… fine. Yes…"]
    for text in texts:
        if not text.strip():
            continue
        assert _pysbd(text) == [p.replace("–", "…") for p in _pysbd(text.replace("…", "–"))], text


@pytest.mark.parametrize(
    "text",
    ["To succeed, you need … to enjoy it.", "Wow… Great.", "“There was silence … and sadness.”", "He paused… Then he spoke."],
)
def test_a_piece_whose_only_mark_is_an_ellipsis_character_is_plain_and_pysbd_leaves_it_whole(text):
    assert is_plain(text, 0, len(text))
    assert _pysbd(text) == [text]


def test_three_periods_are_still_not_plain():
    assert not is_plain("Wait... Then go.", 0, len("Wait... Then go."))


@pytest.mark.parametrize("density", [1, 64, 10**9], ids=["each-stop-tried", "as-shipped", "one-scan"])
def test_candidates_are_what_the_pattern_finds(monkeypatch, density):
    # Stops found by str.find, each tried once (or one scan where stops are dense), against
    # re's scan of the whole range.
    from textkit import sentence_breaks

    monkeypatch.setattr(sentence_breaks, "_STOP_DENSITY", density)
    rng = random.Random(11)
    alphabet = "aB .!?\"”“’' \t\nx"
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start, end = rng.randint(0, 14), rng.randint(0, 14)
        expected = [(m.span(), m.groups()) for m in _CANDIDATE.finditer(text, start, end)]
        assert [(m.span(), m.groups()) for m in _candidates(text, start, end)] == expected


def test_positions_are_what_a_character_class_finds():
    pattern = re.compile(r"[()\[\]«»‘’']")
    rng = random.Random(13)
    alphabet = "a ()[]«»‘’'x."
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start, end = rng.randint(0, 14), rng.randint(0, 14)
        assert _positions(text, _PAIR_MARKS, start, end) == [m.start() for m in pattern.finditer(text, start, end)]


def test_sure_cuts_inside_a_range_see_only_that_range():
    text = "Skip this. The cat sat. The dog ran. Skip."
    start, end = text.index("The cat"), text.index(" Skip.")
    assert [text[s:e] for s, e in sure_cuts(text, start, end)] == ["The cat sat.", "The dog ran."]


def test_list_number_ends_are_those_of_the_pattern_with_its_lookbehind_first():
    from textkit.sentence_breaks import _LIST_NUMBER_END

    written_first = re.compile(r"(?<!\d)\d{1,2}\.[\s)]")
    rng = random.Random(17)
    for _ in range(50_000):
        text = "".join(rng.choice("123٣ .)\na") for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _LIST_NUMBER_END.finditer(text)] == [m.span() for m in written_first.finditer(text)]
    assert [m.group() for m in _LIST_NUMBER_END.finditer("1. a 12. b 123. c 7)")] == ["1. ", "12. "]


def _random_pieces(seed: int, tokens: list[str], count: int) -> list[str]:
    rng = random.Random(seed)
    pieces = []
    for _ in range(count):
        words = [rng.choice(tokens) for _ in range(rng.randint(1, 9))]
        pieces.append(" ".join(words) + rng.choice([".", "", "!", "?"]))
    return pieces


# Tokens with a period inside ("site.com", "a.b", "x.y.z", "word.12"), list-like letters and
# numbers, abbreviations, capitals after which pysbd may cut.
_TOKENS = (
    "site.com Babyklar.nu a.b ab.c x.y.z ab.cd.ef e.g. U.S. word.12 ab.1 1.ab 3.5 _x.y ab._ "
    "a. b. c. 1. 2. (a) Mr. The He I it was Next 12 [1] ab.C Ab.Cd AB.CD. “q.x” 'z.y' "
    "[the Banksy] [a] x] [b.] [z]. .[1] \\] [c\\] ] [ [!] [?]"
).split()


def test_a_piece_is_plain_only_where_pysbd_leaves_it_whole():
    # Whole after textkit's own joining of pysbd's pieces ("big.." comes back as "big." + ".").
    from textkit.segment import _join_pieces, _pysbd_spans, _PysbdBudget

    plain = 0
    for piece in _random_pieces(19, _TOKENS, 3000):
        if is_plain(piece, 0, len(piece)):
            plain += 1
            spans = _pysbd_spans(piece, piece, 0, len(piece), _PysbdBudget(piece))
            assert _join_pieces(piece, spans) == [(0, len(piece))], (piece, _pysbd(piece))
            if not re.search(r"[.!?]{2}$", piece):
                # pysbd's own pieces too (which textkit's joining would forgive in some cases).
                assert _pysbd(piece) == [piece], piece
    assert plain > 300  # the test sees plain pieces of every kind, not only one-word ones


@pytest.mark.parametrize(
    "text, plain",
    [
        ("We met at Babyklar.nu last week.", True),
        ("Visit site.com or ab.cd.ef today.", True),
        ("See a.b now.", False),  # one letter before the period: maybe a list item's
        ("It is x.y.z now.", False),  # "y.z": the rule's previous match took the "y"
        ("The word.12 Next one.", False),  # a numbered reference: pysbd cuts after it
        ("A token ab.1 here.", False),
        ("It’s not our decision to have [the Banksy] returned.", True),
        ("See [a] The end.", True),
        ("It cites a study.[1] Then more.", False),  # a numbered reference: pysbd cuts after it
        ("He typed [x\\] then.", False),  # pysbd unescapes what a backslash escapes
    ],
)
def test_periods_inside_tokens_and_square_brackets(text, plain):
    assert is_plain(text, 0, len(text)) is plain


def test_body_end_is_where_the_end_pattern_starts():
    from textkit.sentence_breaks import _END, _body_end

    rng = random.Random(37)
    for _ in range(50_000):
        text = "".join(rng.choice("a.!?…\"”’')] \n") for _ in range(rng.randint(0, 9)))
        start, end = rng.randint(0, len(text)), rng.randint(0, len(text))
        ending = _END.search(text, start, end)
        assert _body_end(text, start, end) == (ending.start() if ending else end), (text, start, end)
    assert _body_end("It rained?!”)", 0, 13) == 9


def test_every_sure_cut_is_where_pysbd_ends_a_sentence():
    # Random blocks of words with letters outside ASCII ("Jägerskog", and the Kelvin sign and
    # long s that re takes for "k" and "s" when case is ignored), words that look like Roman numerals ("did", "iii"), list items of single
    # letters and numbers, titles, abbreviations, brackets and quotes: each sure cut is one of
    # pysbd's own ends in the whole block.
    rng = random.Random(41)
    tokens = (
        "Jägerskog. café. Römer. Mysłajek. ſt. \u212ag. İd. ıd. ÄCo. KG Janßen. Sí. Ñu. ña. é. ÉÉ. 3Jäger. "
        "did ill mid mix vivid civil dim iii ii iv xi mm cl id md (iii) (iv) ii) ix. xi. vi. civic. DID. Ill. "
        "The He It I A B i. ii. iii. iv. v. x. a. b. c. (i) (ii) iv) 1. 2. 12 was said man went home today "
        "Dr. Mr. no. me. U.S. “Go” 'no' (see it) , ; : ? !"
    ).split()
    cuts = 0
    for _ in range(3000):
        text = " ".join(rng.choice(tokens) for _ in range(rng.randint(2, 16)))
        text = text[0].upper() + text[1:] + "."
        ends, at = set(), 0
        for piece in _pysbd(text):
            at = text.index(piece, at) + len(piece)
            ends.add(at)
        for _, end in sure_cuts(text, 0, len(text))[:-1]:
            cuts += 1
            assert end in ends, (text, text[:end])
    assert cuts > 500


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("He met Anders Jägerskog. A report came.", ["He met Anders Jägerskog.", "A report came."]),
        ("It was a café. The end.", ["It was a café.", "The end."]),
        ("I saw ÄCo. KG said.", ["I saw ÄCo. KG said."]),  # pysbd keeps "Co. KG"
        ("Weigh 5 \u212ag. He did.", ["Weigh 5 \u212ag. He did."]),  # re takes the Kelvin sign for "k": "kg" may be an abbreviation
        ("A 3Jäger. He did.", ["A 3Jäger. He did."]),
    ],
)
def test_words_with_letters_outside_ascii(text, pieces):
    assert [text[s:e] for s, e in sure_cuts(text, 0, len(text))] == pieces


def test_sure_cuts_are_the_same_whether_stops_and_marks_are_tried_one_by_one_or_scanned(monkeypatch):
    from textkit import sentence_breaks

    rng = random.Random(43)
    tokens = "The He I it was. went. (a) (see it) [x] « y » ‘no’ 'no' don't did. ! ? Yes. A. ( ) ' ’".split()
    texts = [" ".join(rng.choice(tokens) for _ in range(rng.randint(1, 20))) for _ in range(3000)]
    monkeypatch.setattr(sentence_breaks, "_STOP_DENSITY", 1)  # never more than one per character: tried one by one
    one_by_one = [sure_cuts(text, 0, len(text)) for text in texts]
    monkeypatch.setattr(sentence_breaks, "_STOP_DENSITY", 10**9)  # always "too many": scanned
    assert [sure_cuts(text, 0, len(text)) for text in texts] == one_by_one
    assert sum(len(cuts) > 1 for cuts in one_by_one) > 300
