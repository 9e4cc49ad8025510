"""Segmentation: paragraphs, sentences and words with exact offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textkit import Document, analyze_text
from textkit.segment import segment, split_paragraphs, tokenize_words

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"


def sentences(text: str) -> list[str]:
    return [s.text for s in segment(text).sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. economy grew. Then it shrank.", ["The U.S. economy grew.", "Then it shrank."]),
        ("He lives in the U.S. The weather is nice.", ["He lives in the U.S.", "The weather is nice."]),
        ("Mr. Smith met Ms. Jones at 9 a.m. on Monday.", ["Mr. Smith met Ms. Jones at 9 a.m. on Monday."]),
        ("Apple Corp. reported gains. Shares rose.", ["Apple Corp. reported gains.", "Shares rose."]),
        ("It cost 3.5 million. That is a lot.", ["It cost 3.5 million.", "That is a lot."]),
        ("He said, “I’m leaving.” Then he left.", ["He said, “I’m leaving.”", "Then he left."]),
        ("Wait... what happened? Nobody knows!", ["Wait... what happened?", "Nobody knows!"]),
        ("Prices rose — again. Really?! Yes.", ["Prices rose — again.", "Really?!", "Yes."]),
        ("Dr. J. R. R. Tolkien wrote it. Period.", ["Dr. J. R. R. Tolkien wrote it.", "Period."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_no_sentence_crosses_a_blank_line():
    text = "First paragraph without a stop\n\nSecond paragraph."
    assert sentences(text) == ["First paragraph without a stop", "Second paragraph."]


def test_headline_line_ends_its_sentence():
    text = "Tech war heats up\nHuawei powers DeepSeek models. Markets react."
    assert sentences(text) == ["Tech war heats up", "Huawei powers DeepSeek models.", "Markets react."]


def test_wrapped_prose_line_is_not_split():
    # A long line that breaks mid-sentence is hard-wrapped prose, not a headline.
    text = (
        "This sentence was wrapped by an editor at a fixed width so that it continues\n"
        "on the next line until it finally ends here."
    )
    assert len(sentences(text)) == 1


def test_offsets_are_exact_for_every_span():
    text = "  Lead in.  Second one!\n\n\tThird paragraph?  Yes.\n"
    seg = segment(text)
    for span in (*seg.paragraphs, *seg.sentences, *seg.words):
        assert text[span.start : span.end] == span.text
    assert [p.text for p in seg.paragraphs] == ["Lead in.  Second one!", "Third paragraph?  Yes."]
    assert [s.paragraph for s in seg.sentences] == [0, 0, 1, 1]


def test_sentence_word_ranges_cover_all_words_in_order():
    seg = segment("One two. Three four five.")
    assert [(s.first_word, s.end_word) for s in seg.sentences] == [(0, 2), (2, 5)]
    assert [w.sentence for w in seg.words] == [0, 0, 1, 1, 1]


@pytest.mark.parametrize(
    "text, words",
    [
        ("U.S. and a.m.", ["U.S.", "and", "a.m."]),
        ("China’s re-enforced don't", ["China’s", "re-enforced", "don't"]),
        ("170 million, 3.5% and 1,000.", ["170", "million", "3.5", "and", "1,000"]),
        ("— (again) … “quoted”", ["again", "quoted"]),
        ("byTikTok DeepSeek-inspired", ["byTikTok", "DeepSeek-inspired"]),
    ],
)
def test_word_rule(text, words):
    assert tokenize_words(text) == words


def test_paragraph_split_handles_crlf_and_whitespace_lines():
    text = "One.\r\n \r\nTwo.\r\n\r\n\r\nThree."
    assert [text[s:e] for s, e in split_paragraphs(text)] == ["One.", "Two.", "Three."]


def test_article_has_30_sentences_27_of_prose():
    doc = Document(ARTICLE.read_text(encoding="utf-8"))
    assert len(doc.sentences) == 30
    assert len(doc.prose_sentences) == 27
    assert [s.text for s in doc.sentences[-3:]] == ["Share.", "Leave A Reply", "Exit mobile version"]
    assert [p.boilerplate for p in doc.paragraphs] == [False] * 7 + [True] * 3
    assert doc.sentences[12].text == "Period."
    # "U.S." is one word inside its sentence, not a sentence end.
    first = doc.sentences[0]
    assert "U.S." in [w.text for w in doc.words_of(first)]
    assert first.text.endswith("target home advantage.")


def test_chrome_is_only_recognised_at_the_end():
    doc = Document("Share.\n\nThe body says share and reply.\n\nLeave A Reply")
    assert [p.boilerplate for p in doc.paragraphs] == [False, False, True]


def test_a_document_that_is_only_chrome_keeps_its_one_paragraph():
    doc = Document("Share.")
    assert [p.boilerplate for p in doc.paragraphs] == [False]


def test_segmenter_survives_long_unpunctuated_input():
    text = ("word " * 20000).strip()
    seg = segment(text)
    assert len(seg.words) == 20000
    assert seg.sentences[0].start == 0 and seg.sentences[-1].end == len(text)


def test_trailing_chrome_is_looked_for_in_the_last_40_paragraphs_only():
    # A footer is a few lines; 50 one-word paragraphs ("a" is a chrome word) are the text itself.
    doc = Document("The vote passed.\n\n" + "a\n\n" * 50)
    assert [p.boilerplate for p in doc.paragraphs] == [False] * 11 + [True] * 40


def test_long_paragraph_is_split_the_same_as_short_ones():
    # One 30,000-character paragraph goes to pysbd in pieces; the cuts must not move any boundary.
    article = ARTICLE.read_text(encoding="utf-8")
    prose = " ".join(p.text.replace("\n", " ") for p in Document(article).paragraphs[:7])
    single = [s.text for s in segment(prose).sentences]
    long = [s.text for s in segment(" ".join([prose] * 10)).sentences]
    assert len(single) == 27
    assert long == single * 10


def test_many_tiny_sentences_in_one_paragraph():
    text = "a. " * 400  # 400 possible ends: within pysbd's allowance (500 + one per 60 characters)
    seg = segment(text)
    assert len(seg.sentences) == 400
    assert all(s.text == "a." for s in seg.sentences)
    assert seg.warnings == ()


def test_pysbd_allowance_ends_with_a_warning_and_sure_cuts_only():
    # 3,000 possible ends in 9,000 characters; the allowance is 500 + 9,000 // 60 = 650.
    # The block goes to pysbd in chunks cut at the last space before 2,000
    # characters: 0..1997 has 666 ends, which spends the allowance; the
    # chunks from 1,998 on stay whole.
    text = "a. " * 3000
    seg = segment(text)
    assert seg.warnings == (
        "sentence boundaries from character 1,998 on are only the sure ones: the text has more possible "
        "sentence ends than prose (over one per 60 characters)",
    )
    assert [s.text for s in seg.sentences[:666]] == ["a."] * 666
    assert [(s.start, s.end) for s in seg.sentences[666:]] == [(1998, 3995), (3996, 5993), (5994, 7991), (7992, 8999)]
    assert len(seg.words) == 3000


def test_ordinary_prose_stays_within_the_pysbd_allowance():
    article = ARTICLE.read_text(encoding="utf-8")
    assert segment(article * 20).warnings == ()


def test_the_pysbd_warning_reaches_every_section():
    report = analyze_text("Dr. A. B. " * 2000)
    warned = [s for s in report.sections if any(w.startswith("segmentation: sentence boundaries") for w in s.warnings)]
    assert [s.id for s in warned] == [s.id for s in report.sections if s.status == "ok"] != []


# pysbd with compiled patterns and narrowed abbreviations must say exactly what pysbd says.
PYSBD_TEXTS = [
    "Mr. Smith and Mrs. Jones met at 5 p.m. on Jan. 3. They talked. Prof. Brown, Ph.D., was late.",
    "The U.S. Government is in Washington, D.C. It has Gen. Smith, Sen. Doe and Rep. Roe. See p. 55.",
    "Apple Inc. and Acme Corp. signed. Shares rose 3.5 percent, i.e. a lot, e.g. more than Co. KG did.",
    "I is a letter. This is it. Is it? No. 5 is next; art. 3 and pp. 10 - 12. St. Louis is on 5th st. near here.",
    "1) The first item 2) The second item. a. one b. two c. three. Were Jane and co. at the party? Yes.",
    "He said 'It is great.' She left (see fig. 3). The Mass. office closed in Sept. It reopened.",
    # Repeated sentences: located one after the other, not by scanning from the start each time.
    "Yes. No. Yes. No. Yes. Yes. “Why?” “Why?” he said. he said. (a) x (a) x. 1. 2. 1. 2.",
    # List, quotation and parenthesis patterns, with and without the character each needs.
    "See (iv) Then the end. a. b. c. The (b) one ‘a. b.’ he said. “c. d.” 12) Next 3. Last.",
    "No digits here. No brackets either. Nor quotes. Just words.",
]


@pytest.mark.parametrize("text", PYSBD_TEXTS)
def test_fast_pysbd_says_what_pysbd_says(text):
    import pysbd

    from textkit.pysbd_fast import segmenter

    assert segmenter().segment(text) == pysbd.Segmenter(language="en", clean=False).segment(text)


@pytest.mark.parametrize(
    "text, pieces",
    [
        # Lower- or upper-case word of three letters or more, stop, space, capital: cut.
        ("The cat sat. The dog ran. Rome fell. Then peace.", ["The cat sat.", "The dog ran.", "Rome fell.", "Then peace."]),
        # Titles, initials, short words: no cut (pysbd decides). pysbd's other abbreviations end
        # a sentence before a capital, unless it is "I" ("me. I think"); so do Roman numerals of
        # two letters or more (pysbd reads only single letters as list items).
        ("He works at Acme Corp. The firm grew. Part iii. Next", ["He works at Acme Corp.", "The firm grew.", "Part iii.", "Next"]),
        ("Ask Mr. Lee. Tell me. I think so. A man. Bob came.", ["Ask Mr. Lee.", "Tell me. I think so.", "A man.", "Bob came."]),
        ("We met J. Smith. He lives in the U.S. Then we left.", ["We met J. Smith.", "He lives in the U.S. Then we left."]),
        # Inside brackets or single quotation marks: no cut.
        ("It grew (as planned. Then more) and more. Done now.", ["It grew (as planned. Then more) and more.", "Done now."]),
        ("He said 'no way. Never' and left. The end.", ["He said 'no way. Never' and left.", "The end."]),
        # An apostrophe does not close a quotation it did not open.
        ("The players' bags fell. They ran.", ["The players' bags fell.", "They ran."]),
        # Two-letter words and numbers; not "Dr.", nor a number that may be a list item's: at the
        # text's start, or with another such number in the text (pysbd looks for consecutive ones).
        ("It grew in the UK. Then it fell in 2019. Not since.", ["It grew in the UK.", "Then it fell in 2019.", "Not since."]),
        ("Ask Dr. Who on page 12. Then go.", ["Ask Dr. Who on page 12.", "Then go."]),
        ("12. Then go.", ["12. Then go."]),
        ("Foo aged 3. Al went 4. Then", ["Foo aged 3. Al went 4. Then"]),
        # A number with its unit or suffix: a percentage, "£20m", "1990s", "3rd"; not inside a word ("x20m").
        (
            "Sales rose 23%. Then by 4.5%. Profit hit £20m. In the 1990s. He came 3rd. Then",
            ["Sales rose 23%.", "Then by 4.5%.", "Profit hit £20m.", "In the 1990s.", "He came 3rd.", "Then"],
        ),
        ("Code x20m. It is 5 m. Then it ran at 9%! Fast", ["Code x20m. It is 5 m. Then it ran at 9%!", "Fast"]),
        ("She said: 'No way.'” Then she left.", ["She said: 'No way.'”", "Then she left."]),
        # After a closing quotation mark, before exactly one space; before an opening one.
        ("“We won.” Then we slept. He said. “Go home.”", ["“We won.”", "Then we slept.", "He said.", "“Go home.”"]),
    ],
)
def test_sure_cuts(text, pieces):
    from textkit.sentence_breaks import sure_cuts

    assert [text[s:e] for s, e in sure_cuts(text, 0, len(text))] == pieces


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose 23%. Then by 4.5%. Profit hit £20m. In the 1990s. He came 3rd. Then it fell (by 9%). Why",
        "Shares fell 12%. 2. The list. It cost $5bn. I think so. The 1920s. “Yes,” he said.",
        "He works at Acme Corp. The firm grew. Tell me. I think so. Not me. Then page 12. Then 7! Now",
    ],
)
def test_sure_ends_are_where_pysbd_ends_sentences(text):
    import pysbd

    expected = [p.strip() for p in pysbd.Segmenter(language="en", clean=False).segment(text) if p.strip()]
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, plain",
    [
        ("Plain words, commas and “quotes” only.", True),
        ("Mr. Smith paid 3.5 million to Dr. Jones!", True),
        ("The agency (NSA) now has access (11% of it), they say.", True),
        ("Options (a) and (b) remain", False),
        ("He met the team (in Paris) Then left", False),
        ("Two sentences. In one piece", False),
        ("A list 1) item 2) item", False),
        ("At the U.S. office", False),
        ("Wait... what", False),
        # Only a final stop: plain at a glance; anything before it is looked at in full.
        ("Yes.", True),
        ("Really?!", True),
        ("Yes. No.", False),
        ("See (a).", False),
        ("Done.)", True),
    ],
)
def test_plain_pieces(text, plain):
    from textkit.sentence_breaks import is_plain

    assert is_plain(text, 0, len(text)) is plain


@pytest.mark.parametrize(
    "shape",
    [
        "word " * 200_000,  # no punctuation at all: one sentence, no pysbd call
        "Word. " * 100_000,  # a hundred thousand one-word sentences
        ("a" * 100_000 + ". ") * 3,  # giant tokens
        "A. " * 30_000,  # initials only: no sure end anywhere, pysbd by chunks
    ],
    ids=["no-punctuation", "one-word-sentences", "giant-tokens", "initials-only"],
)
def test_hostile_shapes_segment_with_every_character_in_a_sentence(shape):
    result = segment(shape)
    covered = sum(len(s.text.split()) for s in result.sentences)
    assert covered == len(shape.split())


def test_one_word_sentences_are_each_a_sentence():
    assert len(segment("Word. " * 5000).sentences) == 5000


def test_short_unclosed_lines_are_a_list_even_in_lower_case():
    assert sentences("features\ncontact manager\nevents, activities\n") == ["features", "contact manager", "events, activities"]
    # Two lines, or a closed last line, stay wrapped prose.
    assert sentences("It was a cold \nnight in the city.") == ["It was a cold \nnight in the city."]


def test_a_paragraph_of_many_short_lines_segments_in_linear_time():
    # 20,000 headline-like lines in one paragraph: each is a sentence. A quadratic
    # scan of the rest of the paragraph at every line break took minutes here.
    text = "\n".join(f"Item number {i} of a long list" for i in range(20_000))
    assert len(segment(text).sentences) == 20_000


def test_the_pysbd_warning_on_the_command_line(cli, tmp_path):
    # 6,000 possible ends in 20,000 characters: the allowance (500 + 333) is spent by the first two
    # 2,000-character chunks (about 600 ends each), so the sure cuts alone go on from character 4,000.
    path = tmp_path / "dense.txt"
    path.write_text("Dr. A. B. " * 2000, encoding="utf-8")
    done = cli("analyze", str(path), "-f", "json", "--only", "readability")
    assert done.returncode == 0, done.stderr
    (section,) = json.loads(done.stdout)["sections"]
    assert section["status"] == "ok"
    assert (
        "segmentation: sentence boundaries from character 4,000 on are only the sure ones: the text has more "
        "possible sentence ends than prose (over one per 60 characters)"
    ) in section["warnings"]


def test_paragraph_offsets_skip_surrounding_whitespace():
    text = " a \n\n b\n c \n \n\n d  "
    assert split_paragraphs(text) == [(1, 2), (6, 10), (16, 17)]
    assert [(p.start, p.end, p.text) for p in segment(text).paragraphs] == [(1, 2, "a"), (6, 10, "b\n c"), (16, 17, "d")]


def test_a_list_of_indented_lines_keeps_exact_offsets():
    text = "  apples\npears  \n kiwi fruit\n"
    result = segment(text)
    assert [(s.start, s.end, s.text) for s in result.sentences] == [(2, 8, "apples"), (9, 14, "pears"), (18, 28, "kiwi fruit")]
    # A one-word sentence's word is the sentence; a longer one is split into words.
    assert [(w.start, w.end, w.text, w.sentence) for w in result.words] == [
        (2, 8, "apples", 0), (9, 14, "pears", 1), (18, 22, "kiwi", 2), (23, 28, "fruit", 2)
    ]  # fmt: skip


def test_a_repeated_ambiguous_piece_goes_to_pysbd_once():
    from textkit import pysbd_fast

    pysbd_fast.sentences.cache_clear()
    piece = "Dr. Who met Mr. Smith at 3 p.m. on Friday."
    result = segment(f"{piece}\n\n{piece}\n\n{piece}")
    assert [s.text for s in result.sentences] == [piece] * 3
    info = pysbd_fast.sentences.cache_info()
    assert (info.misses, info.hits) == (1, 2)


@pytest.mark.parametrize("enabled", [True, False])
def test_bulk_pauses_the_cyclic_collector_and_restores_it(enabled):
    import gc

    from textkit import bulk

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with bulk():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ZeroDivisionError), bulk():
            1 / 0
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def _fields(items, names):
    return [tuple(getattr(item, name) for name in names) for item in items]


def test_words_of_a_sentence_cut_inside_a_word_are_found_sentence_by_sentence(monkeypatch):
    # Words come from one scan of the whole text unless a sentence starts or ends
    # inside a word: then each sentence is scanned on its own, and a word is cut too.
    from textkit import segment as segment_module

    monkeypatch.setattr(segment_module, "_sentence_spans", lambda *args: iter([(0, 8), (8, 24)]))
    result = segment("Hello world. Again here.")
    assert _fields(result.sentences, ("start", "end", "text", "first_word", "end_word")) == [
        (0, 8, "Hello wo", 0, 2),
        (8, 24, "rld. Again here.", 2, 5),
    ]
    assert _fields(result.words, ("start", "end", "text", "index", "sentence")) == [
        (0, 5, "Hello", 0, 0), (6, 8, "wo", 1, 0), (8, 11, "rld", 2, 1), (13, 18, "Again", 3, 1), (19, 23, "here", 4, 1),
    ]


def test_words_between_sentences_belong_to_no_sentence_and_are_left_out(monkeypatch):
    from textkit import segment as segment_module

    monkeypatch.setattr(segment_module, "_sentence_spans", lambda *args: iter([(0, 5), (13, 24)]))
    result = segment("Hello world. Again here.")
    assert _fields(result.sentences, ("start", "end", "first_word", "end_word")) == [(0, 5, 0, 1), (13, 24, 1, 3)]
    assert _fields(result.words, ("start", "end", "text", "index", "sentence")) == [
        (0, 5, "Hello", 0, 0), (13, 18, "Again", 1, 1), (19, 23, "here", 2, 1),
    ]


def test_a_one_word_sentence_shares_its_string_with_its_word():
    # A text of one-word lines holds a string per line, not two.
    result = segment("apples\npears\nplums\n\nfigs")
    assert [w.text for w in result.words] == ["apples", "pears", "plums", "figs"]
    assert all(w.text is s.text for w, s in zip(result.words, result.sentences))
    assert result.words[3].text is result.paragraphs[1].text


def test_list_numbers_are_counted_as_pysbd_finds_them_when_there_may_be_two():
    # sure_cuts leaves a one- or two-digit number's period to pysbd when pysbd may read two
    # list items' numbers in the block; the count looks only where one may be.
    import random

    from textkit.sentence_breaks import _list_number, _list_numbers

    rng = random.Random(4)
    pieces = ["1", "2", "12", "123", ".", " ", ". ", ".)", "-", "⁃", "s-", "a", "\n", "\r", ")"]
    for _ in range(5000):
        block = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        before = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        exact = len(_list_number().findall(block))
        counted = _list_numbers(before + block + " 5. ", len(before), len(before) + len(block))
        assert (counted > 1) == (exact > 1), (before, block)
    assert _list_numbers("aged 68. Al went 4. Then", 0, 24) == 2
    assert _list_numbers("aged 68. Al went 400. Then", 0, 26) == 1


@pytest.mark.parametrize(
    "text",
    [
        "It cost 3.5 million. “I don’t know. Maybe,” he said.\nThe U.S. Army (NSA) left at 9 a.m.\n\nYes.",
        "apples\npears\nplums\n\nfigs\n\n- one item\n- two items",
        "Wait... what? 1) The first 2) The second. Re-enforced 170,000 don't.",
    ],
)
def test_one_scan_of_the_text_and_a_scan_per_sentence_give_the_same_segmentation(text):
    # segment() scans the whole text for words, or each sentence (texts of short lines, or
    # when a word runs across sentences): both ways must give the same result.
    from textkit.segment import _segment_scanning

    assert _segment_scanning(text, by_sentence=False) == _segment_scanning(text, by_sentence=True)
    assert _segment_scanning(text, by_sentence=False).words == _segment_scanning(text, by_sentence=True).words


@pytest.mark.parametrize("by_sentence", [False, True])
def test_words_are_columns_and_word_objects_are_made_on_first_use(by_sentence):
    from textkit.segment import _segment_scanning

    result = _segment_scanning("Yes.\nThe U.S. Army left byTikTok’s office.\n\nNo", by_sentence=by_sentence)
    assert "words" not in result.__dict__  # segmenting made no Word object
    assert result.word_texts == ("Yes", "The", "U.S.", "Army", "left", "byTikTok’s", "office", "No")
    assert result.word_starts == (0, 5, 9, 14, 19, 24, 35, 44)
    assert result.word_ends == (3, 8, 13, 18, 23, 34, 41, 46)
    words = result.words
    assert [(w.start, w.end, w.text, w.index, w.sentence) for w in words] == [
        (0, 3, "Yes", 0, 0), (5, 8, "The", 1, 1), (9, 13, "U.S.", 2, 1), (14, 18, "Army", 3, 1),
        (19, 23, "left", 4, 1), (24, 34, "byTikTok’s", 5, 1), (35, 41, "office", 6, 1), (44, 46, "No", 7, 2),
    ]  # fmt: skip
    assert result.words is words  # made once


def test_a_segmentation_made_from_word_objects_has_their_columns():
    from textkit.segment import Segmentation

    whole = segment("One two. Three")
    again = Segmentation.from_words(whole.paragraphs, whole.sentences, whole.words, whole.warnings)
    assert again == whole
    assert again.word_texts == ("One", "two", "Three") and again.word_starts == (0, 4, 9)


def test_a_documents_word_columns_and_its_window():
    document = Document("One two. Three four five. Six.")
    assert document.word_texts == ("One", "two", "Three", "four", "five", "Six")
    assert document.word_starts == tuple(w.start for w in document.words)
    assert document.word_ends == tuple(w.end for w in document.words)
    window = document.window(2)
    assert window.word_texts == ("One", "two", "Three", "four", "five")
    assert [w.text for w in window.words] == list(window.word_texts)
    assert window.counts()["words"] == 5


def test_the_built_in_analyzers_read_the_word_columns_and_make_no_word_objects():
    # Each built-in analyzer reads document.word_texts / word_starts / word_ends: the Word objects
    # (built and freed, about 0.2 ms of a news article's analysis) are made only for a plugin that asks.
    from textkit import Document, analyze_document

    article = (Path(__file__).resolve().parents[1] / "examples" / "article.txt").read_text(encoding="utf-8")
    document = Document(article + "\n\n“Oh great,” she said. Apple Inc. and Huawei's U.S. arm — sure!")
    report = analyze_document(document)
    assert [s.status for s in report.sections] == ["ok"] * 4
    assert "words" not in document.segmentation.__dict__
    # Still there for a plugin that asks, made from the same columns.
    assert [(w.text, w.start) for w in document.words[-3:]] == list(zip(("U.S.", "arm", "sure"), document.word_starts[-3:]))
