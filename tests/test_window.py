"""The sentence window (``Document.window``, setting ``sentence_window``): per-sentence work of irony and
sentiment cut to a document's first sentences on floods of sentences, with a warning; unchanged otherwise."""

from __future__ import annotations

import json
import math

import pytest
from conftest import run_textkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import PUNCTUATION, WORDS, hostile_text

from textkit import Config, Document, UsageError, analyze_text, load_plugins
from textkit.analysis import run_analyzer
from textkit.loading import load_path
from textkit.plugin_settings import resolve_plugin_options, with_defaults
from textkit.plugins import irony, sentiment

ROOT_ARTICLE = "examples/article.txt"

# 6 sentences in 2 paragraphs; offsets counted by hand:
# "One." 0-4, "Two two." 5-13, "\n\n", "Three three three." 15-33, "Four." 34-39,
# "Five five five five." 40-60, "Six." 61-65.
SIX = "One. Two two.\n\nThree three three. Four. Five five five five. Six."

# 11 "Good." (6 characters each with the space) then 9 "Awful." (7): 128 characters, 20 sentences.
# A window of 5 sentences plus one per 20 characters allows 5 + 128 // 20 = 11: the eleven "Good."
FLOOD = ("Good. " * 11 + "Awful. " * 9).rstrip()
FLOOD_NOTE = (
    "analysed the first 11 of 20 sentences (up to line 1, character 65 of 128); "
    "raise the setting {}.sentence_window to analyse more"
)


def test_a_window_is_the_first_sentences_with_the_whole_documents_offsets():
    document = Document(SIX)
    window = document.window(3)
    assert window.text == "One. Two two.\n\nThree three three."
    assert [s.text for s in window.sentences] == ["One.", "Two two.", "Three three three."]
    assert window.sentences == document.sentences[:3]  # the same objects: same index, offsets
    assert [w.text for w in window.words] == ["One", "Two", "two", "Three", "three", "three"]
    # The second paragraph is cut where the window ends.
    assert [(p.start, p.end, p.text) for p in window.paragraphs] == [(0, 13, "One. Two two."), (15, 33, "Three three three.")]
    assert window.whole is document and document.whole is document
    assert window.position(15) == document.position(15) == (3, 1)
    finding = window.finding("x", 21, 26, "a word")
    assert (finding.text, finding.line, finding.column) == ("three", 3, 7)


def test_a_window_is_shared_and_the_whole_document_comes_back_when_within_it():
    document = Document(SIX)
    assert document.window(6) is document and document.window(100) is document
    window = document.window(3)
    # 65 characters, one sentence per 30 of them: 1 + 2 = 3 sentences, the same window (one memo).
    assert document.window(1, chars_per_sentence=30) is window
    assert window.window(3) is window  # asked of the window, it is the whole document's window
    window.memo("test.thing", lambda: [1])
    assert "test.thing" not in document._memo and window.memo("test.thing", lambda: [2]) == [1]


def test_the_window_note_says_how_much_was_analysed_and_the_setting():
    document = Document(SIX)
    assert document.window_note("x.sentence_window") is None
    assert document.window(3).window_note("x.sentence_window") == (
        "analysed the first 3 of 6 sentences (up to line 3, character 33 of 65); "
        "raise the setting x.sentence_window to analyse more"
    )


@pytest.mark.parametrize("size", [0, -1, True, 2.5])
def test_a_window_needs_a_positive_whole_number(size):
    with pytest.raises(ValueError, match="max_sentences must be a positive whole number"):
        Document(SIX).window(size)


def test_a_markdown_window_locates_findings_in_the_markup(tmp_path):
    (tmp_path / "doc.md").write_text("# Title\n\nOne. **Two** two. Three. Four.\n", encoding="utf-8")
    document = load_path(tmp_path / "doc.md", loader=load_plugins().loader_for("doc.md"))
    window = document.window(3)
    assert [s.text for s in window.sentences] == ["Title", "One.", "Two two."]
    start = window.text.rindex("two")
    finding = window.finding("x", start, start + 3, "the second two")
    # Line 3 of the file, after "One. **Two** ": column 14 of the markup.
    assert (finding.text, finding.line, finding.column, finding.end_column) == ("two", 3, 14, 17)


def _sections(text: str, window: int | None) -> tuple[Document, dict]:
    plugins = load_plugins()
    options = {} if window is None else {"irony": {"sentence_window": window}, "sentiment": {"sentence_window": window}}
    config = with_defaults(Config(options), plugins)
    document = Document(text)
    sections = {name: run_analyzer(*plugins.analyzers[name], document, config, None) for name in ("sentiment", "irony")}
    return document, sections


def test_sentiment_scores_only_the_window_and_says_so():
    document, sections = _sections(FLOOD, 5)
    section = sections["sentiment"]
    assert section.status == "ok"
    assert section.warnings[0] == FLOOD_NOTE.format("sentiment")
    # Only the eleven "Good." are scored: all positive, no negative sentence found.
    assert section.metrics["sentences"] == 11
    assert section.metrics["positive_share"] == 1.0 and section.metrics["negative_share"] == 0.0
    assert len(section.data["arc"]) == 11
    assert {f.kind for f in section.findings} == {"most_positive"}
    # The three most positive (ties: the earliest) at their offsets in the whole text.
    assert [(f.start, f.end, f.text, f.line, f.column) for f in section.findings] == [
        (0, 5, "Good.", 1, 1), (6, 11, "Good.", 1, 7), (12, 17, "Good.", 1, 13),
    ]
    # The whole document: 11 positive and 9 negative sentences.
    _, whole = _sections(FLOOD, 1000)
    assert whole["sentiment"].metrics["sentences"] == 20
    assert whole["sentiment"].metrics["negative_share"] == 0.45
    assert not any("analysed the first" in w for w in whole["sentiment"].warnings)


def test_irony_reads_the_window_as_the_text_of_those_sentences_alone():
    document, sections = _sections(FLOOD, 5)
    section = sections["irony"]
    assert section.status == "ok"
    assert FLOOD_NOTE.format("irony") in section.warnings
    assert section.data["sentences"] == 11 and len(section.data["sentence_scores"]) == 11
    assert all(f.end <= 65 for f in section.findings)
    # The same numbers as for a document made of those 11 sentences only (its own text ends there).
    alone = irony.analyze(Document(FLOOD[:65]), Config())
    assert section.metrics == alone.metrics
    assert [(f.kind, f.start, f.end) for f in section.findings] == [(f.kind, f.start, f.end) for f in alone.findings]
    # Irony and sentiment shared one window, and on it one per-sentence irony computation.
    window = document.window(5, chars_per_sentence=20)
    assert "irony.sentence_scores" in window._memo and "irony.sentence_scores" not in document._memo


def test_within_the_window_the_sections_are_those_of_an_unwindowed_run():
    text = open(ROOT_ARTICLE, encoding="utf-8").read()
    document, default = _sections(text, None)
    assert document.window(sentiment.SENTENCE_WINDOW_SETTING.default, chars_per_sentence=20) is document
    _, huge = _sections(text, 10**9)
    for name in ("sentiment", "irony"):
        assert default[name].to_dict() | {"elapsed_ms": 0} == huge[name].to_dict() | {"elapsed_ms": 0}


def test_an_invalid_window_in_a_library_config_falls_back_to_the_default_with_a_warning():
    section = sentiment.analyze(Document(FLOOD), Config({"sentiment": {"sentence_window": 0}}))
    assert section.warnings[0] == "sentiment option sentence_window=0 is not a positive integer; using 2000"
    assert section.metrics["sentences"] == 20


@pytest.mark.parametrize(
    "options, overrides, message",
    [
        ({"irony": {"sentence_window": "many"}}, [], "irony.sentence_window must be a whole number of at least 1, not 'many'"),
        ({"sentiment": {"sentence_window": 0}}, [], "sentiment.sentence_window must be a whole number of at least 1, not 0"),
        ({"irony": {"weights": 3}}, [], "irony.weights must be a table, not 3"),
        ({"irony": {"details": "yes"}}, [], "irony.details must be true or false, not 'yes'"),
        ({}, ["irony.sentence_window=-4"], "--set 'irony.sentence_window=-4': irony.sentence_window must be a whole number of at least 1"),
        ({}, ["sentiment.sentence_window=x"], "--set 'sentiment.sentence_window=x': sentiment.sentence_window must be a whole number"),
    ],
)
def test_window_settings_of_the_wrong_type_are_usage_errors_naming_the_key(options, overrides, message):
    with pytest.raises(UsageError) as caught:
        resolve_plugin_options(load_plugins(), options, overrides, "textkit.toml")
    assert message in str(caught.value)


def test_irony_settings_are_declared_with_their_defaults():
    options = resolve_plugin_options(load_plugins(), {"irony": {"details": True}}, ["irony.sentence_window=7"])
    assert options["irony"] == {"details": True, "list_cues": False, "weights": None, "sentence_window": 7}


def _json_sections(done) -> dict:
    assert done.returncode == 0, done.stderr
    return {s["id"]: s for s in json.loads(done.stdout)["sections"]}


def test_cli_window_from_textkit_toml_and_from_set(tmp_path):
    (tmp_path / "flood.txt").write_text(FLOOD, encoding="utf-8")
    (tmp_path / "textkit.toml").write_text("[irony]\nsentence_window = 5\n[sentiment]\nsentence_window = 5\n")
    sections = _json_sections(run_textkit("analyze", "flood.txt", "-f", "json", "--only", "irony,sentiment", cwd=tmp_path))
    for name in ("irony", "sentiment"):
        assert FLOOD_NOTE.format(name) in sections[name]["warnings"]
    assert sections["sentiment"]["metrics"]["sentences"] == 11
    # --set overrides the file for one run: a large window analyses everything.
    done = run_textkit(
        "analyze", "flood.txt", "-f", "json", "--only", "sentiment", "--set", "sentiment.sentence_window=100", cwd=tmp_path
    )
    section = _json_sections(done)["sentiment"]
    assert section["metrics"]["sentences"] == 20
    assert not any("analysed the first" in w for w in section["warnings"])


def test_cli_window_from_set_and_a_bad_value_in_the_file(tmp_path):
    (tmp_path / "flood.txt").write_text(FLOOD, encoding="utf-8")
    done = run_textkit("analyze", "flood.txt", "-f", "json", "--only", "irony", "--set", "irony.sentence_window=5", cwd=tmp_path)
    assert FLOOD_NOTE.format("irony") in _json_sections(done)["irony"]["warnings"]
    (tmp_path / "textkit.toml").write_text('[irony]\nsentence_window = "lots"\n')
    done = run_textkit("analyze", "flood.txt", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"textkit: error: {tmp_path / 'textkit.toml'}: irony.sentence_window must be a whole number of at least 1, "
        "not 'lots' (setting of plugin 'irony')"
    ]


def test_a_setting_minimum_is_for_numbers_and_holds_for_its_default():
    from textkit import Setting

    with pytest.raises(TypeError, match="only a number"):
        Setting("label", str, "x", minimum=1)
    with pytest.raises(TypeError, match="default 0 is not a whole number of at least 1"):
        Setting("n", int, 0, minimum=1)
    table = Setting("weights", dict, None)
    assert table.parse('{"a": 1}') == {"a": 1}
    with pytest.raises(ValueError):
        table.parse("[1, 2]")


# Short sentences and lines, which a window of 1 sentence plus one per 20 characters cuts, mixed with anything.
short_sentences = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(PUNCTUATION + ["\n", "\n\n"])).map("".join), min_size=2, max_size=80
).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(short_sentences, hostile_text, st.tuples(short_sentences, hostile_text).map("".join)))
def test_any_text_with_a_window_of_one_sentence_gives_sound_sections(text):
    # 1 sentence plus one per 20 characters: most generated texts with several sentences are cut.
    config = Config({"irony": {"sentence_window": 1}, "sentiment": {"sentence_window": 1}})
    report = analyze_text(text, only=["irony", "sentiment"], config=config)
    document = Document(text)
    cut = len(document.sentences) > 1 + len(text) // 20
    for section in report.sections:
        assert section.status != "error", (section.error, text)
        assert all(math.isfinite(v) for v in section.metrics.values()), (section.metrics, text)
        for finding in section.findings:
            assert finding.text == text[finding.start : finding.end], (section.id, finding, text)
        if section.status == "ok":
            noted = any(w.startswith("analysed the first ") for w in section.warnings)
            assert noted == cut, (section.id, section.warnings, text)
