"""Tests for textkit-lexical, with figures counted by hand on texts short enough to check.

Run them after installing the plugin: ``pip install ./examples/textkit-lexical``,
then ``python -m pytest examples/textkit-lexical/tests``.
"""

from textkit import Config, Document, analyze_text, load_plugins

import textkit_lexical


def test_ratios_of_a_tiny_text():
    # The cat sat. The cat ran far away.
    # 8 tokens; 6 types: the(2) cat(2) sat ran far away; 4 of them occur once.
    result = textkit_lexical.analyze(Document("The cat sat. The cat ran far away."), Config())
    assert result.metrics == {
        "types": 6,
        "tokens": 8,
        "type_token_ratio": 0.75,  # 6 / 8
        "mattr": 0.75,  # 8 words < 50-word window: one run, the whole text
        "hapax_share": 0.6667,  # 4 / 6
    }
    assert result.data["window"] == 8


def test_mattr_with_a_small_window():
    # Windows of 3: red blue red (2 types), blue red green (3), red green blue (3),
    # green blue red (3): (2 + 3 + 3 + 3) / (4 windows * 3) = 11/12.
    config = Config(options={"lexical": {"window": 3}})
    result = textkit_lexical.analyze(Document("Red blue red green blue red."), config)
    assert result.metrics["mattr"] == 0.9167
    assert result.metrics["type_token_ratio"] == 0.5


def test_the_plugin_runs_inside_textkit():
    # The same call a notebook makes; the installed entry point brings the plugin in.
    report = analyze_text("Red blue red green blue red.", plugins=load_plugins(), only=["lexical"])
    section = report["lexical"]
    assert section.status == "ok"
    assert [(f.kind, f.text, f.data["count"]) for f in section.findings] == [
        ("repeated_word", "Red", 3),
        ("repeated_word", "blue", 2),
    ]


# The fixtures below come with textkit (textkit.testing, a pytest plugin): they run
# exactly the plugins a test names, and check what comes out against the report schema.


def test_with_the_testing_fixtures(textkit_run, textkit_check):
    report = textkit_run("Red blue red green blue red.", plugins=["lexical"], options={"lexical": {"window": 3}})
    assert [section.id for section in report] == ["lexical"]
    assert report["lexical"].metrics["mattr"] == 0.9167
    textkit_check(report["lexical"])


def test_from_markdown(textkit_document, textkit_run):
    # "**Red**" is markup: the finding points at column 3 of line 3 of the Markdown source.
    document = textkit_document("# Colours\n\n**Red** blue red.", input_format="markdown")
    [finding] = textkit_run(document, plugins=["lexical"])["lexical"].findings
    assert (finding.text, finding.line, finding.column) == ("Red", 3, 3)


def test_settings_on_the_command_line(textkit_cli):
    done = textkit_cli("analyze", "-f", "json", "--set", "lexical.top=1", "-", input="Red blue red blue red.",
                       plugins=["lexical"])
    assert done.exit_code == 0, done.stderr
    [section] = done.json["sections"]
    assert [f["data"]["word"] for f in section["findings"]] == ["red"]
    bad = textkit_cli("analyze", "--set", "lexical.top=many", "-", input="Red.", plugins=["lexical"])
    assert bad.exit_code == 2 and "lexical.top must be a whole number" in bad.stderr
