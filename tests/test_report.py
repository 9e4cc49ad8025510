"""The Report object, its JSON shape (validated against the shipped schema) and the formats."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

import textkit
from textkit import RenderOptions, analyze_path, analyze_text, json_schema, load_plugins

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"
HOSTILE = 'He wrote "| a | b |" and <script>alert(1)</script> then **bold** [x](http://e) `tick`.'


@pytest.fixture(scope="module")
def article_report():
    return analyze_path(ARTICLE)


@pytest.fixture
def echo_plugins(tmp_path, monkeypatch):
    """Built-ins plus a plugin whose one finding is the whole first sentence, verbatim."""
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "echo_plugin.py").write_text(
        textwrap.dedent(
            """
            from textkit import Analyzer, Result, hookimpl
            def analyze(document, config):
                s = document.sentences[0]
                return Result(metrics={"n": 1}, findings=[document.finding("echo", s.start, s.end, s.text)],
                              data={"rows": [{"text": s.text, "n": 1}]}, display=["rows"])
            @hookimpl
            def register_analyzers(register):
                register(Analyzer(id="echo", title="Echo | <b>", analyze=analyze))
            """
        )
    )
    return load_plugins(extra=["echo_plugin"])


def test_article_report_validates_against_the_schema(article_report):
    data = article_report.to_dict()
    jsonschema.validate(data, json_schema())
    assert data["schema_version"] == textkit.SCHEMA_VERSION
    assert data["tool"]["name"] == "textkit" and data["tool"]["version"] == textkit.__version__
    assert {"readability", "sentiment", "irony", "entities"} <= {p["name"] for p in data["tool"]["plugins"]}
    assert data["document"]["counts"]["sentences"] == 30
    assert data["document"]["size_bytes"] == ARTICLE.stat().st_size


def test_json_format_is_exactly_to_dict(article_report):
    rendered = load_plugins().formats["json"][0].render(article_report, RenderOptions())
    assert json.loads(rendered) == json.loads(json.dumps(article_report.to_dict()))


def test_json_format_writes_one_finding_per_line_under_an_indented_outline(article_report):
    rendered = load_plugins().formats["json"][0].render(article_report, RenderOptions())
    lines = rendered.splitlines()
    assert lines[:2] == ["{", '  "schema_version": "2.0",']
    assert '  "sections": [' in lines and '      "findings": [' in lines
    finding_lines = [line for line in lines if line.startswith('        {"kind":')]
    assert len(finding_lines) == sum(len(s.findings) for s in article_report.sections)
    first_entity = next(line for line in finding_lines if '"kind":"entity"' in line)
    # Hand-checked in examples/article.txt: DeepSeek at 71..79, 7 more mentions.
    assert json.loads(first_entity.rstrip(",")) == {
        "kind": "entity", "message": "DeepSeek: 8 mentions", "start": 71, "end": 79, "line": 1, "column": 72,
        "end_line": 1, "end_column": 80, "text": "DeepSeek", "severity": "info",
        "data": {"others": [474, 482, 1121, 1129, 1301, 1309, 1364, 1372, 2036, 2044, 2288, 2296, 2419, 2427]},
    }  # fmt: skip
    line = load_plugins().formats["jsonl"][0].render(article_report, RenderOptions())
    assert line.count("\n") == 1 and line.startswith('{"schema_version":"2.0","tool":{"name":"textkit",')
    assert json.loads(line) == json.loads(rendered)


def test_json_layout_keeps_every_value():
    from textkit.formats.json_format import dumps

    value = {"a": [1, {"b": [2, 3]}, []], "c": {}, 1: "x", "deep": {"x": {"y": {"z": {"w": [{"v": None}]}}}}}
    assert json.loads(dumps(value)) == json.loads(json.dumps(value))
    assert dumps({"flat": {"a": 1, "b": "c"}, "n": [1, 2]}) == '{\n  "flat": {"a":1,"b":"c"},\n  "n": [1,2]\n}'
    with pytest.raises(ValueError):
        dumps({"x": [float("nan")]})


def test_json_layout_puts_encoded_items_in_as_their_values_would_be():
    from textkit.formats.json_format import EncodedItems, compact, dumps

    records = [{"a": 1, "b": [2, {"c": "d\n"}]}, {"e": None}]
    # Depth 3 (a list inside a list inside a dict): its items are below the outline, one line each.
    value = {"runs": [{"results": records, "n": []}]}
    encoded = {"runs": [{"results": EncodedItems(compact(r) for r in records), "n": EncodedItems()}]}
    assert dumps(encoded) == dumps(value) == (
        '{\n  "runs": [\n    {\n      "results": [\n        {"a":1,"b":[2,{"c":"d\\n"}]},\n        {"e":null}\n'
        '      ],\n      "n": []\n    }\n  ]\n}'
    )
    assert dumps({"deeper": encoded}) == dumps({"deeper": value})  # below the outline: on one line
    assert dumps([[[EncodedItems(["1", "2"])]]]) == dumps([[[[1, 2]]]])  # plain values: one line anyway
    with pytest.raises(ValueError, match="depth"):
        dumps({"too_high": EncodedItems(['{"a":1}'])})  # its items would be part of the outline


def test_the_acyclic_compact_encoder_writes_what_compact_writes():
    from textkit.formats.json_format import compact, compact_acyclic

    for value in ({"a": [1, 2.5, 1e300, -0.0, None, True]}, {1: "int key", "é": "\u2028\x07😀"}, [], "plain", 3):
        assert compact_acyclic(value) == compact(value)
    with pytest.raises(ValueError):
        compact_acyclic({"x": float("inf")})


def test_entities_and_readability_sections_of_the_article_are_small(article_report):
    """Issue 9: the report of a news article at most 10x its size; these two sections within 6 KB each."""
    from textkit.formats.json_format import dumps

    for section_id in ("entities", "readability"):
        written = dumps({"sections": [article_report[section_id].to_dict()]})
        assert len(written.encode()) <= 6000, (section_id, len(written.encode()))


def test_every_finding_points_at_its_text(article_report):
    text = article_report.document.text
    for section in article_report.sections:
        for f in section.findings:
            assert text[f.start : f.end] == f.text, (section.id, f)
            assert article_report.document.position(f.start) == (f.line, f.column)


def test_report_lookup_by_id(article_report):
    assert article_report["sentiment"] is article_report.section("sentiment")
    with pytest.raises(KeyError):
        article_report["nope"]


def test_markdown_escapes_document_text(echo_plugins):
    report = analyze_text(HOSTILE, plugins=echo_plugins, only=["echo"])
    md = echo_plugins.formats["markdown"][0].render(report, RenderOptions())
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>" in md
    for line in md.splitlines():
        if line.startswith("| ") and "echo" in line:
            # The document's pipes are escaped, so the row keeps its four columns.
            assert line.count("|") - line.count(r"\|") == 5


def test_text_format_has_colour_only_when_asked(article_report):
    render = load_plugins().formats["text"][0].render
    plain = render(article_report, RenderOptions(color=False, width=100))
    coloured = render(article_report, RenderOptions(color=True, width=100))
    assert "\x1b[" not in plain and "\x1b[" in coloured
    for title in ("Readability", "Sentiment", "Irony", "Entities"):
        assert title in plain
    assert max(len(line) for line in plain.splitlines()) <= 100


def test_text_format_shows_tables_and_errors(echo_plugins, tmp_path):
    report = analyze_text(HOSTILE, plugins=echo_plugins, only=["echo"])
    plain = echo_plugins.formats["text"][0].render(report, RenderOptions())
    assert "rows" in plain and "Echo | <b>" in plain


def test_display_chooses_what_human_formats_show(echo_plugins):
    report = analyze_text(HOSTILE, plugins=echo_plugins, only=["echo"])
    render = echo_plugins.formats["text"][0].render
    section = report["echo"]
    assert section.display == ["rows"]
    shown = render(report, RenderOptions())
    assert "rows" in shown and "1:1" not in shown  # the table, and no findings list
    section.display = []
    assert "1:1" in render(report, RenderOptions())  # by default: the findings
    section.display = ["findings", "rows"]
    both = render(report, RenderOptions())
    assert both.index("1:1") < both.index("rows")


def test_display_must_name_data_keys(echo_plugins):
    from textkit.model import InvalidResult, Result, check_result

    with pytest.raises(InvalidResult, match="not in data"):
        check_result(Result(data={"a": 1}, display=["b"]))
    assert check_result(Result(display=["findings"])).display == ["findings"]


@pytest.fixture
def tricky_data_plugins(tmp_path, monkeypatch):
    """Built-ins plus a plugin whose finding data holds a key "data" set to null (before its section's own
    "data" in the JSON), whose data has text needing escapes, and a plugin that fails."""
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "tricky_plugin.py").write_text(
        textwrap.dedent(
            """
            from textkit import Analyzer, Result, hookimpl
            def analyze(document, config):
                s = document.sentences[0]
                finding = document.finding("f", s.start, s.end, '"data":null', data=None, note='"data":null')
                return Result(metrics={"data": 1}, findings=[finding], warnings=['"data":null'],
                              data={"data": None, "é\\n": ['"data":null', 1.5, None], "n": {"data": None}})
            def broken(document, config):
                raise RuntimeError('"data":null')
            @hookimpl
            def register_analyzers(register):
                register(Analyzer(id="tricky", title='"data":null', analyze=analyze))
                register(Analyzer(id="broken", title="Broken", analyze=broken))
            """
        )
    )
    return load_plugins(extra=["tricky_plugin"])


def test_json_lines_puts_in_the_data_the_result_check_encoded_byte_for_byte(tricky_data_plugins, tmp_path):
    from textkit.formats.json_format import compact, encode_sections, render_line

    path = tmp_path / "doc.txt"
    path.write_text("The plan was great. Nobody believed it.", encoding="utf-8")
    (_, report), = textkit.analyze_paths([path], plugins=tricky_data_plugins, encoded=True)
    assert report["tricky"].data == {"data": None, "é\n": ['"data":null', 1.5, None], "n": {"data": None}}
    assert report["broken"].status == "error"
    # The spliced text is what encoding the sections whole writes, and what a report without it renders.
    assert report.encoded_sections == encode_sections(report) == compact([s.to_dict() for s in report.sections])
    spliced = render_line(report)
    del report.encoded_sections
    assert render_line(report) == spliced
    tricky = next(s for s in json.loads(spliced)["sections"] if s["id"] == "tricky")
    assert tricky["findings"][0]["data"] == {"data": None, "note": '"data":null'}
    assert tricky["data"]["n"] == {"data": None} and tricky["warnings"] == ['"data":null']


def test_encoded_sections_take_each_data_text_as_it_is():
    from textkit.formats.json_format import encode_sections

    report = analyze_text("One sentence here. Another one there.")
    texts = ['{"stand-in":' + str(i) + "}" for i in range(len(report.sections))]
    texts[0] = None  # not encoded yet: encoded here
    decoded = json.loads(encode_sections(report, texts))
    assert decoded[0]["data"] == report.sections[0].to_dict()["data"]
    assert [s["data"] for s in decoded[1:]] == [{"stand-in": i} for i in range(1, len(texts))]
    assert [s["id"] for s in decoded] == [s.id for s in report.sections]
