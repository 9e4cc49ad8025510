"""The plugin author's and notebook user's API (issue 12): objects, settings, severity, tables, testing helpers."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest

import textkit
from textkit import Analyzer, Document, Result, Setting, UsageError, analyze_text, load_plugins
from textkit.plugin_settings import describe_settings, resolve_plugin_options

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"

STYLE = """
    from textkit import Analyzer, Result, Setting, Skip, hookimpl
    SETTINGS = (
        Setting("max_adverbs", int, 2, "More -ly words than this in a sentence is a finding."),
        Setting("ratio", float, 0.5, "A share."),
        Setting("strict", bool, False, "Fail loudly."),
        Setting("label", str, "style", "A label."),
    )
    def analyze(document, config):
        options = config.for_analyzer("style")
        if len(document.words) < 3:
            raise Skip("fewer than 3 words")
        adverbs = [w for w in document.words if w.text.lower().endswith("ly")]
        findings = [document.finding("adverb", w.start, w.end, "an adverb", severity="warning") for w in adverbs]
        if len(adverbs) > options["max_adverbs"]:
            findings.append(document.finding("too_many", 0, 1, "too many adverbs", severity="error"))
        return Result(metrics={"adverbs": len(adverbs), "max_adverbs": options["max_adverbs"]}, findings=findings)
    @hookimpl
    def register_analyzers(register):
        register(Analyzer(id="style", title="Style", analyze=analyze, settings=SETTINGS))
"""

COMMAND = """
    import typer
    from textkit import hookimpl
    @hookimpl
    def register_commands(cli):
        @cli.command("shout")
        def shout(word: str):
            \"\"\"Say a word loudly.\"\"\"
            typer.echo(word.upper() + "!")
"""


@pytest.fixture
def style_plugin(tmp_path, monkeypatch):
    (tmp_path / "tk_style.py").write_text(textwrap.dedent(STYLE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(__import__("sys").modules, "tk_style", raising=False)
    return tmp_path


TEXT = "He quickly and quietly left. She really smiled."  # adverbs: quickly, quietly, really


# --- clean edges ------------------------------------------------------------------------------------


def test_registered_objects_carry_their_plugin():
    plugins = load_plugins()
    text = plugins.formats["text"]
    assert (text.name, text.extension, text.plugin.name) == ("text", "txt", "textkit.formats")
    assert plugins.analyzers["readability"].plugin.source == "built-in"
    assert plugins.analyzers["readability"].title == "Readability"
    assert plugins.loaders["markdown"].plugin.name == "textkit.loaders"
    fmt, record = plugins.formats["json"]  # still a pair, as in 0.1
    assert record.name == "textkit.formats" and fmt.name == "json"


def test_report_is_a_container_with_a_short_repr():
    report = analyze_text(ARTICLE.read_text(encoding="utf-8"), source="article.txt")
    assert "readability" in report and "nope" not in report
    assert [s.id for s in report] == ["readability", "sentiment", "irony", "entities"]
    assert len(report) == 4
    assert repr(report) == "<Report 'article.txt': 506 words; readability, sentiment, irony, entities>"
    assert repr(report["readability"]) == "<Section 'readability' ok: 15 metrics, 5 findings>"
    assert str(report) == repr(report)


def test_notebook_representations():
    report = analyze_text("It is a lovely day. Obviously, I love Mondays!", source="note.txt")
    html = report._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "&lt;html" in html.lower() and "note.txt" in html
    markdown = report._repr_markdown_()
    assert markdown.startswith("# textkit report: note.txt")


def test_document_counts_and_metadata_are_properties():
    doc = Document("One two. Three.\n\nFour.", source="x.txt")
    assert doc.counts == {"characters": 22, "lines": 3, "paragraphs": 2, "sentences": 3, "words": 4}
    assert doc.counts() == doc.counts  # the 0.1 call still works
    assert doc.metadata["source"] == "x.txt" and doc.metadata["counts"]["words"] == 4


def test_skip_reason_has_its_own_field(style_plugin):
    report = analyze_text("Too short", plugins=load_plugins(extra=["tk_style"]), only=["style"])
    section = report["style"]
    assert (section.status, section.skip_reason) == ("skipped", "fewer than 3 words")
    assert section.to_dict()["skip_reason"] == "fewer than 3 words"
    assert report.to_dict()["schema_version"] == "2.0"


# --- severity -------------------------------------------------------------------------------------


def test_severity_reaches_sarif_and_github(style_plugin, cli):
    common = ("analyze", "-p", "tk_style", "--only", "style", "--set", "style.max_adverbs=1", "-")
    sarif = json.loads(cli(*common, "-f", "sarif", input=TEXT, pythonpath=[style_plugin]).stdout)
    levels = [(r["ruleId"], r["level"]) for r in sarif["runs"][0]["results"]]
    assert levels == [("style/adverb", "warning")] * 3 + [("style/too_many", "error")]
    github = cli(*common, "-f", "github", input=TEXT, pythonpath=[style_plugin]).stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in github] == ["::error", "::warning", "::warning", "::warning"]


def test_builtin_severities():
    report = analyze_text(ARTICLE.read_text(encoding="utf-8"))
    assert {f.severity for f in report["readability"].findings} == {"warning"}
    assert {f.severity for s in ("sentiment", "irony", "entities") for f in report[s].findings} == {"info"}


def test_an_unknown_severity_is_an_invalid_result(style_plugin):
    from textkit.model import Finding, InvalidResult, check_result

    bad = Finding("x", "m", 0, 1, 1, 1, "a", severity="fatal")
    with pytest.raises(InvalidResult, match="severity 'fatal'"):
        check_result(Result(findings=[bad]))


# --- declared settings ------------------------------------------------------------------------------


def test_settings_defaults_file_values_and_overrides(style_plugin):
    plugins = load_plugins(extra=["tk_style"])
    options = resolve_plugin_options(plugins, {"style": {"max_adverbs": 5}}, ["style.strict=yes", "style.ratio=0.25"])
    assert options["style"] == {"max_adverbs": 5, "strict": True, "ratio": 0.25, "label": "style"}
    rows = {r["key"]: r for r in describe_settings(plugins, options)}
    assert rows["style.max_adverbs"]["value"] == 5 and rows["style.max_adverbs"]["default"] == 2
    assert rows["style.ratio"]["type"] == "float" and rows["style.ratio"]["plugin"] == "tk_style"


@pytest.mark.parametrize(
    "table, overrides, message",
    [
        ({"style": {"max_adverb": 3}}, [], "textkit.toml: unknown setting style.max_adverb of plugin 'tk_style'"),
        ({"style": {"max_adverbs": "3"}}, [], "textkit.toml: style.max_adverbs must be a whole number, not '3'"),
        ({"style": {"strict": 1}}, [], "style.strict must be true or false"),
        ({}, ["style.max_adverbs=many"], "--set 'style.max_adverbs=many': style.max_adverbs must be a whole number"),
        ({}, ["nope.x=1"], "--set 'nope.x=1': no analyzer 'nope'"),
        ({}, ["style.max_adverbs"], "write ANALYZER.KEY=VALUE"),
    ],
)
def test_settings_errors_name_plugin_and_key(style_plugin, table, overrides, message):
    with pytest.raises(UsageError) as caught:
        resolve_plugin_options(load_plugins(extra=["tk_style"]), table, overrides, "textkit.toml")
    assert message in str(caught.value)


def test_settings_end_to_end(style_plugin, cli, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "textkit.toml").write_text('plugins = ["tk_style"]\n[style]\nmax_adverbs = 7\n', encoding="utf-8")
    done = cli("analyze", "--only", "style", "-f", "json", "-", input=TEXT, cwd=project, pythonpath=[style_plugin])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sections"][0]["metrics"]["max_adverbs"] == 7
    done = cli("analyze", "--only", "style", "--set", "style.max_adverbs=0", "-f", "json", "-", input=TEXT,
               cwd=project, pythonpath=[style_plugin])
    assert json.loads(done.stdout)["sections"][0]["metrics"]["max_adverbs"] == 0
    shown = cli("config", cwd=project, pythonpath=[style_plugin]).stdout
    assert "style.max_adverbs" in shown and "= 7" in shown and "plugin tk_style" in shown
    (project / "textkit.toml").write_text('plugins = ["tk_style"]\n[style]\nmax_adverbs = "x"\n', encoding="utf-8")
    bad = cli("analyze", "-", input=TEXT, cwd=project, pythonpath=[style_plugin])
    assert bad.returncode == 2
    assert "style.max_adverbs must be a whole number, not 'x' (setting of plugin 'tk_style')" in bad.stderr


def test_a_setting_must_declare_a_fitting_default():
    with pytest.raises(TypeError, match="default 'x'"):
        Setting("n", int, "x")


# --- register_commands ----------------------------------------------------------------------------


def test_a_plugin_adds_a_command(cli, tmp_path):
    (tmp_path / "tk_shout.py").write_text(textwrap.dedent(COMMAND), encoding="utf-8")
    done = cli("shout", "hello", cwd=tmp_path)  # no such command without the plugin
    assert done.returncode == 2 and "No such command" in done.stderr
    (tmp_path / "textkit.toml").write_text('plugins = ["tk_shout"]\n', encoding="utf-8")
    done = cli("shout", "hello", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "HELLO!\n"), done.stderr
    assert "shout" in cli("--help", cwd=tmp_path).stdout


# --- tables -----------------------------------------------------------------------------------------


def test_csv_format_one_document(cli):
    done = cli("analyze", "-f", "csv", "--only", "entities", "-", input="Paris is big. Paris is old. Berlin too.")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 1
    assert rows[0]["source"] == "<stdin>" and rows[0]["words"] == "8"  # Paris is big Paris is old Berlin too
    assert rows[0]["entities.distinct"] == "2" and rows[0]["entities.mentions"] == "3"


def test_csv_format_many_documents_has_one_header(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Paris is big. Paris is old.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Berlin is big.", encoding="utf-8")
    done = cli("analyze", "-f", "csv", "--only", "entities", tmp_path / "a.txt", tmp_path / "missing.txt", tmp_path / "b.txt")
    assert done.returncode == 2  # the missing file
    lines = done.stdout.splitlines()
    assert sum(line.startswith("source,") for line in lines) == 1
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(Path(r["source"]).name, r["status"], r["entities.mentions"]) for r in rows] == [
        ("a.txt", "ok", "2"), ("missing.txt", "input error", ""), ("b.txt", "ok", "1"),
    ]


def test_to_frame_and_findings_frame(tmp_path):
    pandas = pytest.importorskip("pandas")
    (tmp_path / "a.txt").write_text("Paris is big. Paris is old.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Berlin is big.", encoding="utf-8")
    paths = [tmp_path / "a.txt", tmp_path / "nope.txt", tmp_path / "b.txt"]
    frame = textkit.to_frame(textkit.analyze_paths(paths, only=["entities"]))
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["source", "status", "words", "sentences", "paragraphs", "characters",
                                   "entities.distinct", "entities.mentions"]
    assert list(frame["status"]) == ["ok", "input error", "ok"]
    assert frame.loc[0, "entities.mentions"] == 2 and frame.loc[2, "words"] == 3
    report = analyze_text("Paris is big. Paris is old.", only=["entities"])
    findings = report.findings_frame()
    assert list(findings["text"]) == ["Paris"]  # one finding per entity, at its first mention
    assert list(findings[["section", "kind", "severity", "line", "column"]].iloc[0]) == ["entities", "entity", "info", 1, 1]


def test_the_csv_format_writes_the_to_frame_table(tmp_path, cli):
    pandas = pytest.importorskip("pandas")
    (tmp_path / "a.txt").write_text("Paris is big. Paris is old.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It was a truly lovely, awful day.", encoding="utf-8")
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    done = cli("analyze", "-f", "csv", *paths)
    from_cli = pandas.read_csv(io.StringIO(done.stdout))
    in_process = textkit.to_frame(textkit.analyze_paths(paths))
    assert list(from_cli.columns) == list(in_process.columns)
    pandas.testing.assert_frame_equal(from_cli, in_process, check_dtype=False)


# --- textkit.testing ------------------------------------------------------------------------------


def test_testing_fixtures(style_plugin, textkit_document, textkit_run, textkit_check, textkit_cli):
    report = textkit_run(TEXT, plugins=["tk_style"], options={"style": {"max_adverbs": 5}})
    assert [s.id for s in report] == ["style"]
    assert report["style"].metrics == {"adverbs": 3, "max_adverbs": 5}
    assert textkit_check(report["style"])["status"] == "ok"
    with pytest.raises(AssertionError, match="does not fit the report schema"):
        textkit_check(Result(findings=[textkit.Finding("", "m", 0, 1, 1, 1, "a")]))
    document = textkit_document("# Title\n\nShe *really* smiled.", input_format="markdown")
    assert document.text.startswith("Title") and document.input_format == "markdown"
    found = textkit_run(document, plugins=["tk_style"])
    assert found["style"].findings[0].text == "really" and found["style"].findings[0].column == 6
    done = textkit_cli("analyze", "-f", "json", "-", input=TEXT, plugins=["tk_style"])
    assert done.exit_code == 0, done.stderr
    assert [s["id"] for s in done.json["sections"]] == ["style"]
    with_builtin = textkit_cli("analyze", "-f", "json", "-", input=TEXT, plugins=["tk_style", "readability"])
    assert [s["id"] for s in with_builtin.json["sections"]] == ["readability", "style"]
    bad = textkit_cli("analyze", "-f", "nope", "-", input=TEXT, plugins=["tk_style"])
    assert bad.exit_code == 2 and "unknown format 'nope'" in bad.stderr


def test_html_highlights_any_plugins_findings(style_plugin):
    from textkit.formats import html as html_format
    from textkit.model import RenderOptions

    report = analyze_text(TEXT, plugins=load_plugins(extra=["tk_style"]), only=["style", "entities"])
    page = html_format.render(report, RenderOptions())
    assert page.count("kind-adverb") >= 3  # quickly, quietly, really: drawn in the text
    assert 'title="Style · adverb: an adverb"' in page


def test_textkit_cli_runs_a_plugins_command_in_process(tmp_path, monkeypatch, textkit_cli):
    (tmp_path / "tk_shout_here.py").write_text(textwrap.dedent(COMMAND), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    done = textkit_cli("shout", "hi", plugins=["tk_shout_here"])
    assert (done.exit_code, done.stdout) == (0, "HI!\n"), done.stderr
    # Only for that call: the command is gone again.
    assert textkit_cli("shout", "hi").exit_code == 2


def test_the_notebook_walkthrough_runs(monkeypatch):
    # docs/notebook.md's cells, in order (the plot and the made-up plugin left out): the page stays true.
    pytest.importorskip("pandas")
    import re

    monkeypatch.chdir(ROOT)
    cells = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "notebook.md").read_text(encoding="utf-8"), re.S)
    runnable = [c for c in cells if "matplotlib" not in c and "my_plugin" not in c]
    assert len(runnable) == 5
    namespace: dict = {}
    for cell in runnable:
        exec(compile(cell, "docs/notebook.md", "exec"), namespace)
    assert repr(namespace["report"]) == "<Report 'examples/article.txt': 506 words; readability, sentiment, irony, entities>"
    frame = namespace["frame"]
    # docs/ grows with the project: check the order and the pages this test knows are there.
    sources = list(frame["source"])
    assert sources == sorted(sources, key=str.lower) and sources[-2:] == ["examples/article.txt", "README.md"]
    assert {"docs/json-report.md", "docs/notebook.md", "docs/plugins.md", "docs/quality.md"} <= set(sources)
    assert set(namespace["findings"]["severity"]) == {"info", "warning"}
