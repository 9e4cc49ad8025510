"""Tests for the sentiment analyzer and the shared VADER scores.

Hand-checked values: VADER's compound for a sentence whose only rated word has
lexicon valence v (and no "!", "?", caps or boosters) is v / sqrt(v**2 + 15).
In VADER's lexicon "love" is 3.2 and "hate" -2.7, so
"I love this." = 3.2 / sqrt(25.24) = 0.6369 and
"I hate this." = -2.7 / sqrt(22.29) = -0.5719 (VADER rounds to 4 places).
VADER multiplies a word negated by "not"/"n't" in the three words before it
by -0.74, and in a sentence with "but" the words before it by 0.5.

The document compound is built from each sentence's *evidence*: VADER's
token valences with negative ones x1.25 (and the review-vocabulary rules),
normalised like a compound; so "I hate this." has evidence
-3.375 / sqrt(3.375**2 + 15) = -0.6570. The evidence is adjusted x0.6 when
positive with a hedge cue or negative with "but", and by -0.2 when neutral
with a negation; the document compound is sum(weight x adjusted) /
(sum(weights) + 2), a sentence opening with "However", "But", "Overall" ...
weighing 1.5, any other 1.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from textkit import Config, Document, Result, Skip, analyze_text, load_plugins
from textkit.plugins import _vader
from textkit.plugins.sentiment import adjust, analyze, hedge_cues, label, rolling_mean

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"

LOVE = round(3.2 / math.sqrt(3.2**2 + 15), 4)  # 0.6369
HATE = round(-2.7 / math.sqrt(2.7**2 + 15), 4)  # -0.5719
# "I do not love this.": 3.2 * -0.74 = -2.368; "I don't hate this.": -2.7 * -0.74 = +1.998;
# "I hate this but it works.": -2.7 * 0.5 = -1.35 ("works" is not in the lexicon).
NOT_LOVE = round(-2.368 / math.sqrt(2.368**2 + 15), 4)  # -0.5216
NOT_HATE = round(1.998 / math.sqrt(1.998**2 + 15), 4)  # 0.4585
HATE_BUT = round(-1.35 / math.sqrt(1.35**2 + 15), 4)  # -0.3291
# The same sentences' evidence, negative valences x1.25:
HATE_EVIDENCE = round(-3.375 / math.sqrt(3.375**2 + 15), 4)  # -0.6570
HATE_BUT_EVIDENCE = round(-1.6875 / math.sqrt(1.6875**2 + 15), 4)  # -0.3994
TWO = "I love this. I hate this."  # sentences at 0..12 and 13..25
CHROME = TWO + "\n\nShare.\n\nLeave A Reply"


def _run(text: str, **options) -> Result:
    """The section with full per-sentence records (``sentence_details``) unless told otherwise."""
    options.setdefault("sentence_details", True)
    return analyze(Document(text), Config({"sentiment": options}))



# --- the shared VADER scores ----------------------------------------------


def test_hand_computed_compounds_match_vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    assert (LOVE, HATE, NOT_LOVE, NOT_HATE, HATE_BUT) == (0.6369, -0.5719, -0.5216, 0.4585, -0.3291)
    assert vader.polarity_scores("I love this.")["compound"] == LOVE
    assert vader.polarity_scores("I hate this.")["compound"] == HATE
    assert vader.polarity_scores("I do not love this.")["compound"] == NOT_LOVE
    assert vader.polarity_scores("I don't hate this.")["compound"] == NOT_HATE
    assert vader.polarity_scores("I hate this but it works.")["compound"] == HATE_BUT
    # Modals, "if" and a single "?" leave VADER's score alone; the document score does not.
    for text in ("I would love this.", "I love this if it works.", "Do you love this?"):
        assert vader.polarity_scores(text)["compound"] == LOVE
    assert vader.polarity_scores("It does not work.")["compound"] == 0.0


def test_curly_apostrophe_negation_is_understood():
    # Plain VADER misses the negation in "don’t" and calls this praise (+0.36).
    assert _vader.polarity("I don’t like it.") == _vader.polarity("I don't like it.")
    assert _vader.polarity("I don’t like it.")["compound"] < 0


def test_vader_runs_once_per_sentence_however_often_asked(monkeypatch):
    calls = Counter()
    real = _vader._valences  # VADER's rules over one sentence, however it was tokenised (alone or in a batch)

    def counting(text, *rest):
        calls[text] += 1
        return real(text, *rest)

    monkeypatch.setattr(_vader, "_valences", counting)
    document = Document(TWO)
    first = _vader.sentence_scores(document)
    second = _vader.sentence_scores(document)
    analyze(document, Config())
    assert first is second
    # The irony evidence (run by the sentiment analyzer for ironic praise) looks up single words; sentences run once.
    assert {text: n for text, n in calls.items() if " " in text} == {"I love this.": 1, "I hate this.": 1}


def test_sentiment_and_irony_share_the_scores(monkeypatch):
    calls = Counter()
    real = _vader._valences  # VADER's rules over one sentence, however it was tokenised (alone or in a batch)

    def counting(text, *rest):
        calls[text] += 1
        return real(text, *rest)

    monkeypatch.setattr(_vader, "_valences", counting)
    report = analyze_text(TWO, only=["sentiment", "irony"])
    assert report["sentiment"].status == "ok"
    # irony may score single words too; each sentence was scored once only.
    assert calls["I love this."] == 1 and calls["I hate this."] == 1


def test_batched_valences_equal_one_sentence_at_a_time(monkeypatch):
    # Sentences are tokenised together in batches; cut into batches of 3 here, so that batch ends
    # fall after a sentence without any lexicon word, after an empty one and inside repeats.
    monkeypatch.setattr(_vader, "_BATCH", 3)
    text = (
        "Nothing here at all. I LOVE it, but the ending was NOT good!! The plot :) was fine? "
        "Stop. Stop. He isn't very happy. Kind of sad, no joy or hope. ??? Great."
    )
    document = Document(text)
    batched = _vader.sentence_valences(document)
    assert len(batched) == len(document.sentences) > 6
    for sentence, valences in zip(document.sentences, batched):
        assert valences == _vader.token_valences(sentence.text)
        assert repr(valences.valences) == repr(_vader.token_valences(sentence.text).valences)  # 0 vs 0.0 too


def test_a_long_document_keeps_no_lowered_tokens_and_scores_the_same(monkeypatch):
    text = "I love this. It isn't bad, but the U.S. plan would've failed? Sadly, war came. " * 3
    shared = analyze(Document(text), Config({"sentiment": {"sentence_details": True}}))
    monkeypatch.setattr(_vader, "_LOWERED_KEPT_UP_TO", 10)  # this text has more words: not kept
    document = Document(text)
    assert all(v.lowered is None and v.others is None for v in _vader.sentence_valences(document))
    alone = analyze(document, Config({"sentiment": {"sentence_details": True}}))
    assert alone.metrics == shared.metrics and alone.data == shared.data
    assert shared.data["sentences"][1]["adjusted_by"] == ["but"]  # negative evidence: only "but" damps it
    # Without records each sentence's part takes the short way (``_contribution``): the same numbers.
    plain = analyze(document, Config())
    assert plain.metrics == alone.metrics and plain.data["score_parts"] == alone.data["score_parts"]


def test_vader_keeps_the_lowered_tokens_that_are_not_letters_and_digits():
    valences = _vader.token_valences("“We’re not,” said the U.S. envoy; it's 1,000 miles.")
    # Curly quotes are no ASCII punctuation (VADER keeps them); "envoy;" and "miles." lost theirs and
    # are letters only now, "said" and "the" always were: none is among the others.
    assert valences.others == "“we're not,” u.s it's 1,000"
    assert valences.tokens[:2] == ["“We're", "not,”"]
    assert hedge_cues("“We’re not,” said the U.S. envoy; it's 1,000 miles.") == ["negation"]


def test_lower_casing_turns_no_other_character_into_a_word_character_and_only_dotted_i_out_of_one():
    # What ``_sentence_cues`` rests on, over every code point: ``str.isalnum`` is the class
    # ``[^\W_]`` of ``_TOKEN``; no character outside it lower-cases into it; only "İ" lower-cases
    # into something outside it (a combining dot, ``_LOWERED_OUT_OF_WORDS``).
    import re

    from textkit.plugins.sentiment import _LOWERED_OUT_OF_WORDS

    word = re.compile(r"[^\W_]").fullmatch
    into, out_of = [], set()
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert ch.isalnum() == bool(word(ch))
        lowered = ch.lower()
        if not ch.isalnum() and lowered and all(map(str.isalnum, lowered)):
            into.append(ch)
        if ch.isalnum() and not all(map(str.isalnum, lowered)):
            out_of.add((ch, *(c for c in lowered if not c.isalnum())))
    assert into == []
    assert out_of == {("\u0130", _LOWERED_OUT_OF_WORDS)}


@pytest.mark.parametrize(
    "text",
    [
        "I love this.",  # untouched positive
        "I hate this.",  # negative: negative_weight only
        "Nothing here at all.",  # no valued word
        "It isn't bad at all.",  # neutral with a negation cue
        "It would be great, if it worked?",  # positive with cues
        "The war was terrible, but the food was good.",  # a story word and "but"
        "However, the plot was lovely.",  # a turn opener
        "Although the start was slow, I like it like a rock.",  # concession, "like"
        "In the end it was fine.",  # an opener of three words
        "In short sentences we trust.",  # a first word that opens no turn here
        "The victims of the war were sad, like the rest.",  # negative, two word rules: each switched off
        "I like the murder scenes.",  # a story word in praise
        "But the junk broke and the war was awful.",  # an opener in a changed negative sentence
        "It was awful but cheap.",  # negative with "but"
        "",
    ],
)
@pytest.mark.parametrize("irony", [None, 0.2, 0.5, 0.9])
def test_a_sentences_part_without_records_is_its_readings(text, irony):
    from textkit.plugins.sentiment import _contribution, _reading

    valences = _vader.token_valences(text)
    reading = _reading(text, valences, irony)
    assert _contribution(text, valences, irony) == (reading.counted.adjusted, reading.counted.weight, reading.deltas)
    # Also with the tokens not kept lower-cased (a long document).
    bare = valences._replace(lowered=None, others=None)
    assert _contribution(text, bare, irony) == (reading.counted.adjusted, reading.counted.weight, reading.deltas)


def test_but_check_equals_vaders_own_on_repeated_and_colliding_valences():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    rng = random.Random(7)
    # Values whose halves and one-and-a-halves are other values of the pool (VADER then changes the
    # first position holding an equal value, not the one read), zeros of three kinds.
    pool = [0, 0, 0.0, -0.0, 1.5, -1.5, 0.75, 3.0, 2.25, -2.0, -1.0, 0.5, 1.0, 2.0, -0.5]
    for _ in range(3000):
        sentiments = [rng.choice(pool) for _ in range(rng.randint(1, 10))]
        but = rng.randrange(len(sentiments))
        sentiments[but] = 0
        words = ["x"] * len(sentiments)
        words[but] = "but"
        expected = SentimentIntensityAnalyzer._but_check(words, list(sentiments))
        assert repr(_vader._but_check(but, list(sentiments))) == repr(expected)


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("It works, if you ask me.", ["if"]),  # "if" kept whole by VADER (two letters): found stripped
        ("(If) it works, fine.", ["if"]),
        ("It works if/when you ask.", ["if"]),  # not VADER's words: read by hedge_cues
        ("It isn’t bad, but the U.S. version would've been nicer?", ["negation", "modal", "question", "but"]),
        ("Uh-uh, nothing here.", ["negation"]),
        ("Rifle and butter; might-be, notable.", []),  # cue words only inside other words
        ("Café: we couldn't stay.", ["negation", "modal"]),  # a word not plain ASCII: read by hedge_cues
        ("“Would you?” — he said… “never.”", ["negation", "modal", "question"]),  # quotes and dashes around words
        ("Not 😀 bad, if odd", ["negation", "if"]),  # VADER spells the emoji out: read by hedge_cues
        ("", []),
    ],
)
def test_sentence_cues_read_from_vaders_words_equal_hedge_cues(text, cues):
    from textkit.plugins.sentiment import _sentence_cues

    assert hedge_cues(text) == cues
    valences = _vader.token_valences(text)
    assert _sentence_cues(text, valences, [t.lower() for t in valences.tokens]) == cues


# --- helpers --------------------------------------------------------------


def test_labels_use_vaders_thresholds():
    assert label(0.05) == "positive"
    assert label(0.0499) == "neutral"
    assert label(0.0) == "neutral"
    assert label(-0.0499) == "neutral"
    assert label(-0.05) == "negative"


def test_rolling_mean_is_centred_and_shrinks_at_the_ends():
    assert rolling_mean([1, 2, 3, 4, 5, 6], 5) == [2, 2.5, 3, 4, 4.5, 5]
    assert rolling_mean([1, 2, 3], 1) == [1, 2, 3]
    assert rolling_mean([4.0], 5) == [4.0]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("I love this.", []),
        ("It does not work.", ["negation"]),
        ("I don’t hate this.", ["negation"]),  # curly apostrophe
        ("Nothing came of it without help.", ["negation"]),  # VADER's list: nothing, without
        ("It wouldn't work?", ["negation", "modal", "question"]),
        ("You could've asked.", ["modal"]),
        ("I love this if it works.", ["if"]),
        ("Good, but slow.", ["but"]),
        ("Butter is iffy; the could-be notable shouldering.", []),  # only whole words count
    ],
)
def test_hedge_cues(text, cues):
    assert hedge_cues(text) == cues


@pytest.mark.parametrize(
    ("compound", "cues", "expected", "by"),
    [
        (LOVE, ["modal"], LOVE * 0.6, ["modal"]),  # "I would love this." = 0.38214
        (NOT_HATE, ["negation"], NOT_HATE * 0.6, ["negation"]),  # "I don't hate this." = 0.2751
        (LOVE, ["if", "question"], LOVE * 0.6, ["if", "question"]),  # damped once, not twice
        (NOT_LOVE, ["negation"], NOT_LOVE, []),  # VADER already made it negative
        (HATE, ["if"], HATE, []),  # only "but" softens a negative sentence
        (HATE_BUT, ["but"], HATE_BUT * 0.6, ["but"]),  # "I hate this but it works." = -0.19746
        (0.0, ["negation"], -0.2, ["negation"]),  # "It does not work."
        (0.04, ["negation", "but"], 0.04 - 0.2, ["negation"]),
        (0.0, ["but"], 0.0, []),
        (LOVE, [], LOVE, []),
    ],
)
def test_adjust(compound, cues, expected, by):
    value, used = adjust(compound, cues)
    assert value == pytest.approx(expected)
    assert used == by


# --- the analyzer on small texts -------------------------------------------


@pytest.fixture
def no_irony(monkeypatch):
    """The arithmetic without the ironic-praise rule (tested on its own below)."""
    monkeypatch.setattr(sentiment_module, "_sentence_irony", lambda document: [0.0] * len(document.sentences))


def test_two_sentences_metrics(no_irony):
    result = _run(TWO)
    m = result.metrics
    # No cue in either sentence; "hate" weighs x1.25: (0.6369 - 0.6570) / (2 + 2) = -0.005
    assert m["compound"] == pytest.approx((LOVE + HATE_EVIDENCE) / 4, abs=1e-4)
    assert m["mean_compound"] == pytest.approx((LOVE + HATE) / 2)  # 0.0325
    assert (m["positive_share"], m["neutral_share"], m["negative_share"]) == (0.5, 0.0, 0.5)
    assert m["sentences"] == 2
    assert m["spread"] == pytest.approx((LOVE - HATE) / 2)  # population std dev of two values
    # VADER's pos/neg proportions: "I love this." is 0.677 positive, "I hate this." 0.649 negative.
    assert m["mean_positive"] == pytest.approx((0.677 + 0.0) / 2)
    assert m["mean_negative"] == pytest.approx((0.0 + 0.649) / 2)
    assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in m.values())


def test_two_sentences_data_and_label(no_irony):
    data = _run(TWO).data
    assert data["label"] == "neutral"  # -0.0215 is above -0.05
    assert data["arc"] == [LOVE, HATE]
    same = {"adjusted_by": [], "weight": 1.0, "opener": None, "irony": 0.0}
    assert data["sentences"] == [
        {"index": 0, "start": 0, "end": 12, "compound": LOVE, "pos": 0.677, "neu": 0.323, "neg": 0.0, "label": "positive",
         "evidence": LOVE, "evidence_by": [], "adjusted": LOVE, **same},
        {"index": 1, "start": 13, "end": 25, "compound": HATE, "pos": 0.0, "neu": 0.351, "neg": 0.649, "label": "negative",
         "evidence": HATE_EVIDENCE, "evidence_by": ["negative_weight"], "adjusted": HATE_EVIDENCE, **same},
    ]
    assert data["prior_sentences"] == 2
    # Without the x1.25 the score would be (0.6369 - 0.5719) / 4 = +0.01625.
    assert data["score_parts"] == {"negative_weight": pytest.approx((HATE_EVIDENCE - HATE) / 4, abs=1e-4)}
    assert "negative words x1.25" in data["method"]
    # window 5 over two values: both positions see both sentences
    assert data["smoothed_arc"] == [round((LOVE + HATE) / 2, 4)] * 2
    assert data["excluded"] == []
    json.dumps(data, allow_nan=False)


def test_most_positive_and_negative_findings_locate_their_sentences():
    document = Document(TWO)
    findings = analyze(document, Config()).findings
    assert [(f.kind, f.start, f.end, f.text) for f in findings] == [
        ("most_positive", 0, 12, "I love this."),
        ("most_negative", 13, 25, "I hate this."),
    ]
    for f in findings:
        assert document.text[f.start : f.end] == f.text
    assert findings[0].data == {"index": 0, "compound": LOVE, "rank": 1}
    assert "+0.6369" in findings[0].message
    assert "-0.5719" in findings[1].message
    assert findings[1].column == 14


def test_web_chrome_does_not_count():
    # "Share." alone scores +0.296 and "Leave A Reply" -0.0516: counted, they
    # would make the shares 2/4 positive, 1/4 negative.
    result = _run(CHROME)
    assert result.metrics == _run(TWO).metrics
    assert result.data["arc"] == [LOVE, HATE]
    assert len(result.data["arc"]) == result.metrics["sentences"] == 2
    assert [(e["index"], e["start"], e["end"], e["reason"]) for e in result.data["excluded"]] == [
        (2, 27, 33, "boilerplate"),
        (3, 35, 48, "boilerplate"),
    ]
    assert result.data["excluded"][0]["compound"] > 0.05
    assert all(f.end <= 25 for f in result.findings)


def test_wordless_sentence_is_excluded_but_indices_stay_aligned():
    text = "I love this.\n\n* * *\n\nI hate this."
    data = _run(text).data
    assert [s["index"] for s in data["sentences"]] == [0, 2]
    assert [(e["index"], e["reason"]) for e in data["excluded"]] == [(1, "no_words")]
    assert data["arc"] == [LOVE, HATE]


def test_hedged_document_score():
    text = "I would love this. It is not on the list. I hate this but it works."
    result = _run(text)
    m, data = result.metrics, result.data
    assert data["arc"] == [LOVE, 0.0, HATE_BUT]  # the arc stays VADER's
    assert [s["adjusted_by"] for s in data["sentences"]] == [["modal"], ["negation"], ["but"]]
    assert [s["adjusted"] for s in data["sentences"]] == pytest.approx(
        [LOVE * 0.6, -0.2, HATE_BUT_EVIDENCE * 0.6], abs=1e-4
    )
    # (0.38214 - 0.2 - 0.27798) / (3 + 2) = -0.01917: neutral, where the plain mean is +0.1026
    assert m["compound"] == pytest.approx((LOVE * 0.6 - 0.2 + HATE_BUT_EVIDENCE * 0.6) / 5, abs=1e-4)
    assert m["mean_compound"] == pytest.approx((LOVE + HATE_BUT) / 3, abs=1e-4)
    assert data["label"] == "neutral"
    # The shares and findings still read VADER's sentence scores.
    assert (m["positive_share"], m["neutral_share"], m["negative_share"]) == (0.3333, 0.3333, 0.3333)
    assert [f.kind for f in result.findings] == ["most_positive", "most_negative"]


def test_curly_apostrophes_adjust_like_straight_ones():
    assert _run("I don’t hate this.").metrics == _run("I don't hate this.").metrics
    assert _run("I don’t hate this.").metrics["compound"] == pytest.approx(NOT_HATE * 0.6 / 3, abs=1e-4)  # 0.0917


def test_short_texts_are_pulled_towards_neutral_and_compound_stays_in_range():
    assert _run("I love this.").metrics["compound"] == pytest.approx(LOVE / 3, abs=1e-4)  # 0.2123
    # n equal sentences score c * n / (n + 2): near c for a long text, never beyond -1..1.
    strong = "I love it, LOVE it! "
    c = _vader.polarity(strong.strip())["compound"]
    assert c > 0.85
    m = _run(strong * 50).metrics
    assert m["sentences"] == 50
    assert m["compound"] == pytest.approx(c * 50 / 52, abs=1e-4)
    assert -1 < m["compound"] < 1
    assert _run("I hate this. " * 10).metrics["compound"] == pytest.approx(HATE_EVIDENCE * 10 / 12, abs=1e-4)


def test_neutral_text_has_no_extreme_findings():
    result = _run("The meeting is on Tuesday. It starts at noon.")
    assert result.findings == []
    assert result.metrics["neutral_share"] == 1.0
    assert result.metrics["compound"] == 0.0
    assert result.metrics["spread"] == 0.0
    assert result.data["label"] == "neutral"


def test_only_the_top_three_most_positive_in_rank_order():
    # Lexicon valences: love 3.2 > great 3.1 > good 1.9 > okay 0.9.
    text = "It is okay. I love it. It is good. It is great."
    findings = _run(text).findings
    assert [(f.text, f.data["rank"]) for f in findings] == [("I love it.", 1), ("It is great.", 2), ("It is good.", 3)]
    assert all(f.kind == "most_positive" for f in findings)
    assert "rank 1 of 4 positive sentences" in findings[0].message


def test_negative_document_label_and_ties_go_to_the_earlier_sentence():
    result = _run("I hate this. I hate this. It is fine.", top=1)
    assert result.data["label"] == "negative"  # (2 * -0.5719 + fine) / 3 < -0.05
    negatives = [f for f in result.findings if f.kind == "most_negative"]
    assert [(f.start, f.end) for f in negatives] == [(0, 12)]


def test_config_top_and_window_and_bad_values():
    result = _run("I love this. I hate this. It is good.", top=1, smoothing_window=2)
    assert [f.kind for f in result.findings] == ["most_positive", "most_negative"]
    assert result.data["smoothing_window"] == 3  # an even window is widened to odd
    assert result.warnings == []
    bad = _run(TWO, top=0, smoothing_window="wide")
    assert bad.data["smoothing_window"] == 5
    assert len(bad.findings) == 2
    assert len(bad.warnings) == 2 and "top=0" in bad.warnings[0]


@pytest.mark.parametrize("text", ["", "   \n\n ", "* * *"])
def test_skips_without_scorable_sentences(text):
    with pytest.raises(Skip):
        analyze(Document(text), Config())


# --- registration, article, isolation ---------------------------------------


def test_registered_as_sentiment_section():
    plugins = load_plugins()
    analyzer, record = plugins.analyzers["sentiment"]
    assert (analyzer.id, analyzer.title, analyzer.order, record.name) == ("sentiment", "Sentiment", 20, "sentiment")
    section = analyze_text(CHROME, plugins=plugins, only=["sentiment"])["sentiment"]
    assert section.status == "ok"
    assert section.display == ["arc", "smoothed_arc", "findings"]
    assert analyze_text("", plugins=plugins, only=["sentiment"])["sentiment"].status == "skipped"


def test_article(no_network):
    document = Document(ARTICLE.read_text(encoding="utf-8"), source=str(ARTICLE))
    result = analyze(document, Config({"sentiment": {"sentence_details": True}}))
    m, data = result.metrics, result.data
    # 30 sentences, the last three are web chrome.
    assert m["sentences"] == 27 == len(data["arc"]) == len(data["smoothed_arc"]) == len(data["sentences"])
    assert [e["index"] for e in data["excluded"]] == [27, 28, 29]
    assert m["mean_compound"] == pytest.approx(sum(data["arc"]) / 27, abs=1e-4)
    weighted = sum(s["weight"] * s["adjusted"] for s in data["sentences"])
    assert m["compound"] == pytest.approx(weighted / (sum(s["weight"] for s in data["sentences"]) + 2), abs=1e-3)
    changed = [s for s in data["sentences"] if s["adjusted_by"]]
    assert changed and all(s["adjusted"] != s["evidence"] for s in changed)
    assert all(s["adjusted"] == s["evidence"] for s in data["sentences"] if not s["adjusted_by"])
    # Evidence differs from VADER's compound exactly where a word rule applied.
    assert all((s["evidence"] != s["compound"]) == bool(s["evidence_by"]) for s in data["sentences"])
    assert set(data["score_parts"]) <= {
        "review_words", "like_preposition", "story_words", "minor_complaint", "concession", "irrealis",
        "negative_weight", "hedges", "ironic_praise", "discourse",
    }
    assert m["positive_share"] + m["neutral_share"] + m["negative_share"] == pytest.approx(1.0, abs=1e-3)
    assert [s["index"] for s in data["sentences"]] == list(range(27))
    kinds = Counter(f.kind for f in result.findings)
    assert kinds == {"most_positive": 3, "most_negative": 3}
    for f in result.findings:
        sentence = document.sentences[f.data["index"]]
        assert (f.start, f.end, f.text) == (sentence.start, sentence.end, sentence.text)
    positives = [f.data["compound"] for f in result.findings if f.kind == "most_positive"]
    assert positives == sorted(positives, reverse=True) and positives[0] == max(data["arc"])
    json.dumps(data, allow_nan=False)


def test_importing_the_module_does_not_load_vader(modules_after):
    assert modules_after("import textkit.plugins.sentiment", ("vaderSentiment", "pysbd")) == []


# --- the document score for long text ---------------------------------------

from textkit.plugins import _sentiment_document as doc_score  # noqa: E402
from textkit.plugins import _sentiment_words as evidence_rules  # noqa: E402
from textkit.plugins import sentiment as sentiment_module  # noqa: E402


def _evidence(text: str) -> evidence_rules.SentenceEvidence:
    return evidence_rules.sentence_evidence(_vader.token_valences(text))


@pytest.mark.parametrize(
    "text",
    [
        "I love this.", "It was GREAT!!! but the end :( was bad", "I ❤️ this 😀!", "kind of good", "", "!!!",
        "not bad at all",
        # Each of VADER's word rules, which textkit's faster loop re-states (see _vader.token_valences):
        "no good at all, no problems", "no joy or love", "at least it is good", "the least good thing",
        "very least fun", "never so happy", "without doubt good", "it is the bomb", "that is the shit",
        "sort of nice", "kind of a sad sort of thing", "I am VERY HAPPY but you are sad", "not very good",
        "it isn't really that bad", "GOOD good", "yeah right, great", "good but bad but good",
        "a b c d e f nice", "He is extremely, incredibly, BADLY hurt", "no", "no no no", "least", "but",
        # Idioms around a lexicon word (looked up only where two adjacent words open one):
        "the party was the bomb, sadly", "it was the kiss of death for a happy plan", "a cake to die for, yum",
        "what a beating heart, lovely", "the plan was a bad ass success", "yeah right he is so nice",
        # Characters beyond the Basic Multilingual Plane: an emoji, and letters VADER leaves as they are.
        "good \U0001d41b\U0001d41e\U0001d42c\U0001d42d day \U00010400 ever", "sad \U0001f622 but fine \u2764",
        "ALL CAPS IS GREAT", "I LOVE it but HATE this",
    ],
)
def test_token_valences_give_vaders_own_scores(text):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    assert _vader.polarity(text) == SentimentIntensityAnalyzer().polarity_scores(text)


def test_negative_words_weigh_more():
    # "happy" +2.7 and "hate" -2.7: VADER sums to 0; with hate x1.25 the sum is -0.675.
    assert _vader.polarity("Happy people hate mondays.")["compound"] == 0.0
    e = _evidence("Happy people hate mondays.")
    assert e.value == pytest.approx(-0.675 / math.sqrt(0.675**2 + 15), abs=1e-4)  # -0.1716
    assert e.without == {"negative_weight": 0.0}
    assert _evidence("I hate this.").value == pytest.approx(HATE_EVIDENCE, abs=1e-4)
    assert _evidence("I love this.").value == pytest.approx(LOVE, abs=1e-4)  # praise is not scaled


@pytest.mark.parametrize(
    "text, vader_sum, ours_sum, rule",
    [
        # phrase "stopped working" -2.0 replaces "stopped" -0.9; x1.25
        ("It stopped working after a week.", -0.9, -2.5, "review_words"),
        # "junk" is not in VADER's lexicon: -2.2, x1.25
        ("Junk.", 0.0, -2.75, "review_words"),
        # a negated review word flips as in VADER: -1.8 x -0.74
        ("It is not flimsy.", 0.0, 1.332, "review_words"),
        # "like" after "sounds" is a preposition: no praise
        ("It sounds like a toy.", 1.5, 0.0, "like_preposition"),
        # "war" -2.9 names the story: x0.3, then x1.25
        ("A story of war.", -2.9, -1.0875, "story_words"),
        # "complaint" -1.2 after "only": x0.3, then x1.25
        ("My only complaint is the color.", -1.2, -0.45, "minor_complaint"),
        # and before "minor"
        ("The complaints are minor.", -1.7, -0.6375, "minor_complaint"),
        # "don't waste" is a complaint, not negated blame: the phrase's -2.0 replaces waste -1.8 x -0.74
        ("Don't waste your money.", 1.332, -2.5, "review_words"),
        # a concession's words count x0.5: "although" ... to the comma
        ("Although the manual is awful, it works.", -2.0, -2.0 * 0.5 * 1.25, "concession"),
        # wished-for praise is no praise: "wanted to" blocks "love" to the end of its clause
        ("I wanted to love it.", 3.2, 0.0, "irrealis"),
    ],
)
def test_review_word_rules(text, vader_sum, ours_sum, rule):
    def norm(x):
        return x / math.sqrt(x * x + 15) if x else 0.0

    assert _vader.polarity(text)["compound"] == pytest.approx(norm(vader_sum), abs=1e-4)
    e = _evidence(text)
    assert e.value == pytest.approx(norm(ours_sum), abs=1e-4)
    assert rule in e.without and e.without[rule] != e.value


def test_a_turn_to_complaint_reads_negative():
    # VADER: great 3.1 x0.5 (before "but"), mess -1.5 and bored -1.1 x1.5 (after):
    # sum -2.35, compound -0.5187. Evidence: 1.55 + 1.25 * (-3.9) = -3.325 -> -0.6513;
    # negative with "but": x0.6 -> -0.3908; one sentence plus 2 neutral: -0.1303.
    result = _run("The acting is great, but the plot is a mess and I was bored.")
    assert result.data["arc"] == [-0.5187]
    assert result.metrics["compound"] == pytest.approx(-3.325 / math.sqrt(3.325**2 + 15) * 0.6 / 3, abs=1e-4)
    assert result.data["label"] == "negative"


def test_closing_turn_outweighs_early_praise():
    # 1: "I loved the first week." loved 2.9 -> 0.5996
    # 2: "The screen is nice." nice 1.8 -> 0.4216
    # 3: "However, it broke after a month." broke -1.8 x1.25 = -2.25 -> -0.5023, weight 1.5
    # 4: "Overall, a terrible waste of money." terrible -2.1 and the phrase "waste of money" -2.5,
    #    (-2.1 - 2.5) x1.25 = -5.75 -> -0.8294, weight 1.5
    text = "I loved the first week. The screen is nice. However, it broke after a month. Overall, a terrible waste of money."
    result = _run(text)
    data = result.data
    assert [s["opener"] for s in data["sentences"]] == [None, None, "however", "overall"]
    assert [s["weight"] for s in data["sentences"]] == [1.0, 1.0, 1.5, 1.5]
    loved, nice, broke, waste = (x / math.sqrt(x * x + 15) for x in (2.9, 1.8, -2.25, -5.75))
    expected = (loved + nice + 1.5 * broke + 1.5 * waste) / (5 + 2)  # -0.1395
    assert result.metrics["compound"] == pytest.approx(expected, abs=1e-4)
    assert data["label"] == "negative"
    # Equal weights would give (0.5996 + 0.4216 - 0.5023 - 0.8294) / 6 = -0.0518.
    assert data["score_parts"]["discourse"] == pytest.approx(expected - (loved + nice + broke + waste) / 6, abs=1e-4)


def test_turn_openers():
    assert doc_score.turn_opener(("However", "it", "broke")) == "however"
    assert doc_score.turn_opener(("In", "the", "end", "it")) == "in the end"
    assert doc_score.turn_opener(("It", "broke")) is None
    assert doc_score.turn_opener(()) is None


# --- ironic praise ----------------------------------------------------------


@pytest.mark.parametrize(
    "value, irony, expected",
    [
        (0.6, None, 0.6),  # no irony evidence
        (0.6, 0.4, 0.6),  # below IRONY_LEVEL 0.5: taken at face value
        (0.6, 0.5, 0.3),  # x(1 - 0.5)
        (0.6, 0.9, 0.06),  # x(1 - 0.9)
        (-0.6, 0.9, -0.6),  # complaints are not discounted
        (0.0, 1.0, 0.0),
    ],
)
def test_ironic_discount(value, irony, expected):
    assert doc_score.ironic_discount(value, irony) == pytest.approx(expected)


def test_document_score_takes_hand_given_irony():
    praise = doc_score.SentenceInput(0.8)
    complaint = doc_score.SentenceInput(-0.4)
    plain = [praise, praise, complaint]
    assert doc_score.document_score(plain) == pytest.approx((0.8 + 0.8 - 0.4) / 5)  # +0.24
    ironic = [doc_score.SentenceInput(0.8, irony=0.9), doc_score.SentenceInput(0.8, irony=0.2), complaint]
    # The first praise counts 0.8 x 0.1 = 0.08: (0.08 + 0.8 - 0.4) / 5 = +0.096
    assert doc_score.document_score(ironic) == pytest.approx((0.08 + 0.8 - 0.4) / 5)
    assert doc_score.explain(ironic)["ironic_praise"] == pytest.approx((0.08 - 0.8) / 5)  # -0.144
    assert doc_score.sentence_part(ironic[0]).adjusted_by == ["ironic_praise"]


def test_praise_right_before_a_complaint_is_discounted_by_the_real_irony_evidence():
    # "I love this." next to "I hate this." reads as ironic praise to the irony model
    # (sentence score 0.70 >= 0.5), so its evidence counts x(1 - 0.70) and the document turns negative.
    data = _run(TWO).data
    assert data["sentences"][0]["irony"] >= 0.5 and data["sentences"][0]["adjusted_by"] == ["ironic_praise"]
    assert data["label"] == "negative"


def test_irony_evidence_comes_from_the_shared_per_sentence_scores():
    from textkit.plugins.irony import sentence_irony

    document = Document("Oh great, the train is late again. The meeting is on Tuesday at ten.")
    scores = sentiment_module._sentence_irony(document)
    assert len(scores) == len(document.sentences) == 2
    assert scores is sentence_irony(document)  # one computation per document, shared through the memo
    assert scores[0] > scores[1]  # "Oh great" in a bad situation reads as ironic; the plain date does not


def test_analyzer_discounts_praise_marked_ironic(monkeypatch):
    monkeypatch.setattr(sentiment_module, "_sentence_irony", lambda document: [0.9, 0.0])
    data = _run(TWO).data
    assert [s["irony"] for s in data["sentences"]] == [0.9, 0.0]
    assert data["sentences"][0]["adjusted_by"] == ["ironic_praise"]
    assert data["sentences"][0]["adjusted"] == pytest.approx(LOVE * 0.1, abs=1e-4)
    assert data["sentences"][1]["adjusted"] == pytest.approx(HATE_EVIDENCE, abs=1e-4)
    assert data["score_parts"]["ironic_praise"] == pytest.approx(-LOVE * 0.9 / 4, abs=1e-4)


def test_cli_reads_a_complaint_as_negative_and_says_why(cli, tmp_path):
    review = tmp_path / "review.txt"
    text = (
        "I loved the first week. The screen is nice. However, it broke after a month. "
        "Overall, a terrible waste of money.\n"
    )
    review.write_text(text, encoding="utf-8")
    done = cli("analyze", review, "-f", "json", "--only", "sentiment")
    assert done.returncode == 0, done.stderr
    (section,) = json.loads(done.stdout)["sections"]
    assert section["id"] == "sentiment" and section["status"] == "ok"
    # Hand-checked in test_closing_turn_outweighs_early_praise: -0.13949, rounded to 4 places.
    assert section["metrics"]["compound"] == pytest.approx(-0.1395, abs=1e-4)
    assert section["data"]["label"] == "negative"
    assert section["data"]["score_parts"]["discourse"] < 0 and section["data"]["score_parts"]["negative_weight"] < 0
    assert review.read_text(encoding="utf-8") == text  # input untouched


# --- output size and hostile length ----------------------------------------


def test_default_data_is_compact_offsets_instead_of_records():
    result = analyze(Document(CHROME), Config())
    data = result.data
    assert "sentences" not in data  # the per-sentence records are behind sentence_details
    assert data["offsets"] == [0, 12, 13, 25]  # start, end of each counted sentence, flat
    assert data["excluded"] == [{"index": 2, "reason": "boilerplate"}, {"index": 3, "reason": "boilerplate"}]
    detailed = _run(CHROME).data
    assert [(s["start"], s["end"]) for s in detailed["sentences"]] == [(0, 12), (13, 25)]
    assert detailed["excluded"][0] == {"index": 2, "reason": "boilerplate", "start": 27, "end": 33, "compound": 0.296}
    assert result.metrics == _run(CHROME).metrics


def test_per_sentence_records_are_capped_with_a_warning():
    text = "I love this. It is fine. I hate this. " * 5  # 15 sentences
    full = _run(text, max_sentence_records=100)
    capped = _run(text, max_sentence_records=4)
    assert len(capped.data["sentences"]) == 4 and capped.data["offsets"] == full.data["offsets"][:8]
    assert capped.data["sentences"] == full.data["sentences"][:4]
    # Everything else still covers all 15 sentences.
    assert capped.metrics == full.metrics and capped.data["arc"] == full.data["arc"] and len(capped.data["arc"]) == 15
    assert [f.data["index"] for f in capped.findings] == [f.data["index"] for f in full.findings]
    assert full.warnings == []
    assert capped.warnings == [
        "data lists the offsets and records of the first 4 of 15 counted sentences "
        "(setting sentiment.max_sentence_records); the metrics, arc and findings cover every counted sentence"
    ]


def test_settings_are_declared():
    plugins = load_plugins()
    analyzer, _ = plugins.analyzers["sentiment"]
    assert {s.name: s.default for s in analyzer.settings} == {
        "top": 3, "smoothing_window": 5, "sentence_details": False, "max_sentence_records": 2000,
        "sentence_window": 2000,
    }
    assert _run(TWO, sentence_details="yes").warnings == [
        "sentiment option sentence_details='yes' is not true or false; using false"
    ]


def test_rolling_mean_is_linear_in_a_huge_window():
    values = [1.0, 0.0, -1.0, 0.5]
    assert rolling_mean(values, 10**9) == pytest.approx([0.125] * 4)


@pytest.mark.parametrize(
    "text, spans",
    [
        # from the marker to the word that ends its clause (, ; : . ! ?), else to the end
        ("Although it is small, it works well.", [("concession", 0, 3)]),
        ("It works, even though it is slow", [("concession", 2, 6)]),
        ("Good, though.", [("concession", 1, 1)]),  # a closing "though" governs only itself
        ("I wanted to love it; I did not.", [("irrealis", 1, 4)]),
        ("It should have been great, and it is.", [("irrealis", 1, 4)]),
        ("To be fair, the price is low.", [("concession", 0, 2)]),
    ],
)
def test_clause_scopes(text, spans):
    from textkit.plugins._sentiment_words import clause_scopes

    valences = _vader.token_valences(text)
    assert clause_scopes([t.lower() for t in valences.tokens], valences.text.split()) == spans


def test_clause_scopes_are_linear_on_a_run_of_markers():
    from textkit.plugins._sentiment_words import clause_scopes

    words = ["although"] * 50_000
    assert clause_scopes(words, words) == [("concession", 0, 49_999)]  # one span: no clause ends
    words = ["although,"] * 50_000
    assert len(clause_scopes(["although"] * 50_000, words)) == 50_000


@pytest.mark.parametrize(
    "values, expected",
    [
        ([0.5, -0.5], 0.5),
        ([1.0, 2.0, 4.0], math.sqrt(14 / 9)),  # mean 7/3, squared deviations 16/9 + 1/9 + 25/9 over 3
        ([0.4404], 0.0),
        ([0.25, 0.25, 0.25, -0.75], math.sqrt(3) / 2 * 0.5),  # mean 0, mean square 3/16
    ],
)
def test_population_spread_hand_checked(values, expected):
    assert sentiment_module._population_spread(values) == pytest.approx(expected, rel=1e-15)


def test_population_spread_is_statistics_pstdev_to_the_last_bit():
    import random
    import statistics

    rng = random.Random(11)
    for _ in range(3000):
        size = rng.choice([1, 2, 7, 40])
        pool = [round(rng.uniform(-1, 1), 4) for _ in range(5)] + [0.0, -0.0, 1e-300, 0.9999]
        values = [rng.choice(pool) if rng.random() < 0.5 else rng.uniform(-1, 1) for _ in range(size)]
        spread = sentiment_module._population_spread(values)
        if sys.version_info >= (3, 11):
            assert repr(spread) == repr(statistics.pstdev(values))
        else:  # 3.10's pstdev takes a float root of a rounded variance: within a few ulps of the exact root
            assert math.isclose(spread, statistics.pstdev(values), rel_tol=1e-15, abs_tol=1e-300)


def test_a_part_without_records_is_sentence_part_and_its_rule_deltas():
    # Every combination _contribution can hand over: evidence on each side of the thresholds, word
    # rules off, cues, an opener, irony below, at and above the level.
    import itertools

    from textkit.plugins import _sentiment_document as doc
    from textkit.plugins.sentiment import _part

    values = (0.6, 0.03, 0.0, -0.02, -0.3)
    withouts = ({}, {"negative_weight": -0.25}, {"story_words": -0.7, "negative_weight": -0.5}, {"like_preposition": 0.4})
    cue_sets = ([], ["negation"], ["but"], ["modal", "question"], ["negation", "if", "but"])
    for value, without, cues, opener, irony in itertools.product(
        values, withouts, cue_sets, (None, "however"), (None, 0.3, 0.5, 0.95)
    ):
        if not (cues or opener or (irony is not None and irony >= doc.IRONY_LEVEL)):
            continue  # not handed to _part
        part = doc.SentenceInput(value, cues, opener, irony, without)
        counted = doc.sentence_part(part)
        assert _part(value, without, cues, opener, irony) == (counted.adjusted, counted.weight, doc.rule_deltas(part, counted))


def test_the_emoji_search_finds_every_emoji_vader_spells_out_and_nothing_else():
    search = _vader._emoji_search()
    emoji = _vader._emoji_characters()
    # Each of VADER's emoji alone, between words, and after a character of each width.
    for character in emoji:
        for text in (character, f"a {character} b", f"é’{character}", f"“{character}”", f"\U0001d400{character}"):
            assert search(text) is not None, (character, text)
    # News characters below the lowest emoji above Latin-1, "€" above it, an astral letter: none is one.
    for text in ("", "plain", "“Quoted” — café’s … «x» ½", "a € b ← c", "\U0001d400 math"):
        assert search(text) is None, text
    assert _vader.token_valences("Great ©").text == "Great copyright"  # VADER spells it out


def test_rounded_is_round_with_the_same_sign_near_every_half_and_decimal():
    import math
    import random

    def same(x, digits):
        a, b = _vader.rounded(x, digits), round(x, digits)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)

    for digits in (3, 4):
        scale = 10**digits
        for k in range(-scale, scale + 1):
            for exact in ((k + 0.5) / scale, k / scale):  # a half (ties to even) and a decimal
                below, above = math.nextafter(exact, -2.0), math.nextafter(exact, 2.0)
                assert all(same(x, digits) for x in (exact, below, above)), (k, digits)
    assert all(same(x, d) for x in (0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324, 0.00049999, -0.00005) for d in (3, 4))
    generator = random.Random(9)
    assert all(same(generator.uniform(-1.0, 1.0), generator.choice((3, 4))) for _ in range(100_000))
