"""Document text and file names are inert in every human-readable format."""

from __future__ import annotations

import re

from textkit import analyze_text
from textkit.formats import _display as show
from textkit.formats import html as html_format
from textkit.formats import markdown, text
from textkit.model import RenderOptions

HOSTILE = (
    "Ping @octocat and @acme/security about #123 and repo#45 today. "
    "It is wonderful, see https://evil.example/x and www.evil.example now. "
    "Write to admin@evil.example or GH-7 please."
)


def test_markdown_has_no_live_mentions_references_or_links():
    out = markdown.render(analyze_text(HOSTILE, source="@owner #9 https://x.example/a.txt"))
    # GitHub pings @name, cross-references #123 and GH-7, autolinks scheme:// and www.
    assert not re.search(r"@[A-Za-z0-9]", out)
    assert not re.search(r"#\d", out)
    assert not re.search(r"GH-\d", out)
    assert not re.search(r"https?://|www\.", out)
    assert "@\u200boctocat" in out or "@\u200bowner" in out


def test_markdown_escape_keeps_the_text_readable():
    assert markdown.escape("ask @bob about #5") == "ask @\u200bbob about \\#\u200b5"
    assert markdown.escape("see https://a.example") == "see https\u200b://a.example"


def test_one_word_is_singular_in_every_header():
    report = analyze_text("Hello.", source="one.txt")
    assert "1 word · 1 sentence · 1 paragraph" in markdown.render(report)
    assert "1 word · 1 sentence · 1 paragraph" in text.render(report, RenderOptions(width=120))
    assert show.plural(1, "mention") == "1 mention" and show.plural(2, "mention") == "2 mentions"


def test_terminal_escape_sequences_in_the_text_are_shown_not_obeyed():
    report = analyze_text("Hello \x1b[31mRED\x1b[0m world. It is fine and we love it.", source="a\x1b]0;x\x07.txt")
    out = text.render(report, RenderOptions(color=False, width=120))
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out  # shown escaped (in the file name at least)


def test_html_entity_chart_says_where_the_bars_it_leaves_out_are():
    names = " ".join(f"{city} is big." for city in (
        "Paris", "London", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Lisbon", "Dublin",
        "Oslo", "Stockholm", "Helsinki", "Athens", "Budapest", "Brussels", "Amsterdam", "Copenhagen", "Zurich",
    ))
    report = analyze_text(names, only=["entities"])
    entities = report["entities"].data["entities"]
    out = html_format.render(report)
    beyond_chart = len(entities) - html_format.MAX_BARS
    assert beyond_chart > 0, len(entities)
    # The table below shows the first rows only (all already in the chart), so the rest are in the JSON.
    assert f"{beyond_chart} more in the JSON report" in out
    assert "more in the table below" not in out
