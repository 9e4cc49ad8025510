"""Markdown and HTML input: prose only, and positions in the original file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import textkit
from textkit import Document, Extracted, InputError, TextBuilder, load_path, load_plugins
from textkit.loaders import html, markdown

MARKDOWN = textwrap.dedent(
    """\
    ---
    title: Test
    ---
    # The irony of it

    Some *emphasis* and **bold** text about [China](http://x.y) and `code` here.
    The U.S. said so.

    ```python
    print("ignored irony")
    ```

    | a | b |
    |---|---|
    | hidden | cell |

    - DeepSeek is ironic.

    > Quoted line about Huawei.
    """
)

HTML = textwrap.dedent(
    """\
    <!doctype html>
    <html><head><title>Ignored title</title>
    <style>p { color: red }</style>
    <script>var irony = "<b>not text</b>";</script></head>
    <body>
    <h1>Tech war</h1>
    <p>China &amp; the U.S. are <b>rivals</b>. The irony is
    plain.</p>
    </body></html>
    """
)


def document_of(extract, source: str) -> Document:
    extracted = extract(source)
    return Document(extracted.text, extracted=extracted, input_format="x")


def where(doc: Document, needle: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(needle, at + 1)
    return doc.position(at)


def test_markdown_keeps_prose_and_drops_markup():
    text = markdown.extract(MARKDOWN).text
    for kept in ("The irony of it", "Some emphasis and bold text about China and", "The U.S. said so.",
                 "DeepSeek is ironic.", "Quoted line about Huawei."):
        assert kept in text
    for dropped in ("title: Test", "print", "hidden", "http://x.y", "code", "*", "#", "```", ">"):
        assert dropped not in text, dropped


def test_markdown_positions_point_into_the_source():
    doc = document_of(markdown.extract, MARKDOWN)
    # Hand-checked against MARKDOWN above (1-based line and column).
    assert where(doc, "irony") == (4, 7)
    assert where(doc, "China") == (6, 42)
    assert where(doc, "U.S.") == (7, 5)
    assert where(doc, "DeepSeek") == (17, 3)
    assert where(doc, "Huawei") == (19, 21)  # "> Quoted line about " is 20 characters


def test_markdown_blocks_become_paragraphs():
    doc = document_of(markdown.extract, MARKDOWN)
    assert [p.text for p in doc.paragraphs][:2] == [
        "The irony of it",
        "Some emphasis and bold text about China and  here.\nThe U.S. said so.",
    ]


def test_html_visible_text_and_positions():
    doc = document_of(html.extract, HTML)
    assert "Ignored title" not in doc.text and "not text" not in doc.text and "color" not in doc.text
    assert "China & the U.S. are rivals. The irony is\nplain." in doc.text
    assert [p.text for p in doc.paragraphs] == ["Tech war", "China & the U.S. are rivals. The irony is\nplain."]
    assert where(doc, "Tech") == (6, 5)
    assert where(doc, "&") == (7, 10)  # the decoded entity points at "&amp;"
    assert where(doc, "the") == (7, 16)  # after the entity, columns continue in the source
    assert where(doc, "irony") == (7, 48)


def test_text_builder_merges_contiguous_copies():
    builder = TextBuilder("abcdef")
    builder.copy(0, 2)
    builder.copy(2, 4)
    builder.gap("\n\n")
    builder.copy(5, 6)
    built = builder.build()
    assert built.text == "abcd\n\nf"
    assert built.pieces == [(0, 0, 4), (6, 5, 1)]


def test_identity_extraction_changes_nothing():
    assert Extracted.identity("abc").text == "abc"


def test_loader_is_chosen_by_extension_or_name(tmp_path):
    plugins = load_plugins()
    assert plugins.loader_for("notes.md").name == "markdown"
    assert plugins.loader_for("page.HTML").name == "html"
    assert plugins.loader_for("article.txt").name == "text"
    assert plugins.loader_for("README").name == "text"
    assert plugins.loader_for("notes.txt", "markdown").name == "markdown"
    with pytest.raises(textkit.UsageError, match="unknown input format 'pdf'"):
        plugins.loader_for("x.pdf", "pdf")
    assert plugins.record("textkit.loaders").loaders == ["text", "markdown", "html"]


def test_markdown_file_end_to_end(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    report = textkit.analyze_path(path)
    assert report.document.input_format == "markdown"
    assert report.to_dict()["document"]["format"] == "markdown"
    irony = [f for f in report["irony"].findings if f.kind == "explicit"]
    assert [(f.text, f.line, f.column) for f in irony] == [("irony", 4, 7), ("ironic", 17, 15)]


def test_markup_without_prose_is_an_input_error(tmp_path):
    path = tmp_path / "code.md"
    path.write_text("```\nonly code\n```\n", encoding="utf-8")
    with pytest.raises(InputError, match="no prose found in this markdown file"):
        load_path(path, loader=load_plugins().loader_for(str(path)))


def test_cli_input_format_option(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(HTML, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "textkit", "analyze", str(path), "--input-format", "html", "-f", "json", "--only", "irony"],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["document"]["format"] == "html"
    assert 7 in [f["line"] for s in report["sections"] for f in s["findings"]]
    bad = subprocess.run(
        [sys.executable, "-m", "textkit", "analyze", str(path), "--input-format", "pdf"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and bad.stderr.strip().startswith("textkit: error: unknown input format 'pdf'")


# --- hostile shapes: nothing lost, positions true ---------------------------------------------


def test_a_deeply_nested_markdown_list_keeps_every_item():
    from textkit.loaders.markdown import extract

    source = "".join("  " * i + f"- item{i}\n" for i in range(200))
    extracted = extract(source)
    assert extracted.text.split() == [f"item{i}" for i in range(200)]
    last = source.index("item199")
    assert extracted.pieces[-1][1] == last


def test_cr_only_line_endings_count_as_lines_in_markdown_and_text():
    from textkit import analyze_text
    from textkit.document import Document
    from textkit.loaders.markdown import extract

    source = "# Title\r\rFirst line is here.\r- item one\r- item two\r"
    extracted = extract(source)
    assert extracted.text == "Title\n\nFirst line is here.\n\nitem one\n\nitem two"
    document = Document(extracted.text, source="a.md", extracted=extracted)
    assert document.position(extracted.text.index("item two")) == (5, 3)
    assert analyze_text("One.\rTwo is here.\rThree.").document.position(5) == (2, 1)


def test_unclosed_html_tags_and_comments_are_text_at_their_own_positions():
    from textkit.loaders.html import extract

    source = "<p>Hello there.</p> a <b and <!-- never closed <a x='"
    extracted = extract(source)
    assert extracted.text == "Hello there.\n\n a <b and <!-- never closed <a x='"
    start = extracted.text.index("<b")
    from textkit.sourcemap import SourceMap

    assert SourceMap(extracted).to_source(start) == source.index("<b")


# -- Markdown too dense for markdown-it in the time bound: plain text, with a warning ---------------


@pytest.mark.parametrize("unit", ["*a", "![a", "[a", "a\n"])
def test_markup_too_dense_to_parse_in_time_is_read_as_plain_text(unit):
    source = "---\ntitle: front matter\n---\n" + unit * 5000
    extracted = markdown.extract(source)
    assert extracted.text.rstrip("\n") == (unit * 5000).rstrip("\n")  # front matter left out; the rest as written
    assert Document(extracted.text, extracted=extracted).position(0) == (4, 1)
    (warning,) = extracted.warnings
    assert warning.startswith("Markdown markup too dense to parse in time") and "read as plain text" in warning


def test_ordinary_markdown_is_parsed_without_a_warning():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert markdown.parse_cost(readme) < markdown.MAX_SECONDS_PER_MB * len(readme) / 1e6 / 2  # far from the bound
    extracted = markdown.extract(readme)
    assert extracted.warnings == [] and "```" not in extracted.text and "](" not in extracted.text
    assert markdown.extract(MARKDOWN).warnings == []
    # A small document never falls back, however dense: the bound is per MB, with a floor.
    small = markdown.extract("*a" * 50)
    assert small.warnings == [] and "*" not in small.text  # parsed: the emphasis markers are markup


def test_parse_cost_is_a_linear_estimate():
    assert markdown.parse_cost("![a" * 20_000) == pytest.approx(2 * markdown.parse_cost("![a" * 10_000))
    assert markdown.parse_cost("plain words " * 1000) < 0.002


def test_dense_markdown_end_to_end_warns_and_still_reports(tmp_path):
    from conftest import run_textkit

    page = tmp_path / "dense.md"
    page.write_text("# Title\n\n" + "![a" * 20_000 + "\n", encoding="utf-8")
    for _ in range(2):  # the second run reuses the cached report, and still says how the file was read
        done = run_textkit("analyze", str(page), "--only", "readability", "-f", "json", f"--cache={tmp_path / 'cache'}")
        assert done.returncode == 0, done.stderr
        assert f"textkit: warning: {page}: Markdown markup too dense to parse in time" in done.stderr
        assert json.loads(done.stdout)["document"]["counts"]["characters"] == len("# Title\n\n" + "![a" * 20_000)  # markup kept
