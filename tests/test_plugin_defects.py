"""Defects a third-party plugin author met (issue 12), each checked end to end.

Plugins here are written into temporary folders; the CLI runs in a subprocess
(``cli`` from conftest) so that what a user types is what is tested.
"""

from __future__ import annotations

import json
import sys
import textwrap
import time
from pathlib import Path

import pytest

from textkit import analyze_text, load_plugins
from textkit.formats import _display as show

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"

COUNTER = """
    from textkit import Analyzer, Result, hookimpl
    def analyze(document, config):
        return Result(metrics={"words": len(document.words)})
    @hookimpl
    def register_analyzers(register):
        register(Analyzer(id="counter", title="Counter", analyze=analyze))
"""


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


# --- one name however a plugin is loaded ------------------------------------------------------------


def test_installed_plugin_named_again_with_p_is_harmless(cli, lexical_site):
    done = cli("analyze", "-p", "textkit_lexical", "-f", "json", ARTICLE, pythonpath=[lexical_site],
               env={"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "0"})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    lexical = [s for s in report["sections"] if s["plugin"]["name"] == "lexical"]
    assert [s["id"] for s in lexical] == ["lexical"]
    assert all(s["status"] != "error" for s in report["sections"])
    # And by its entry-point name, and both at once.
    done = cli("plugins", "-f", "json", "-p", "lexical", "-p", "textkit_lexical", pythonpath=[lexical_site],
               env={"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "0"})
    records = [r for r in json.loads(done.stdout) if r["module"] == "textkit_lexical"]
    assert [(r["name"], r["error"]) for r in records] == [("lexical", None)]


def test_p_module_of_an_installed_plugin_with_autoload_off(cli, lexical_site):
    # Naming the module brings the entry point in, under its entry-point name, exactly once.
    done = cli("plugins", "--check", "-f", "json", "-p", "textkit_lexical", pythonpath=[lexical_site])
    records = [r for r in json.loads(done.stdout) if r["module"] == "textkit_lexical"]
    assert [(r["name"], r["source"], r["analyzers"], r["error"]) for r in records] == [
        ("lexical", "entry point", ["lexical"], None)
    ]


def test_load_plugins_extra_of_an_already_loaded_module(tmp_path, monkeypatch):
    write(tmp_path, "tk_counter_twice.py", COUNTER)
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins = load_plugins(extra=["tk_counter_twice", "tk_counter_twice"])
    assert plugins.failed == []
    assert [r.name for r in plugins.records if r.module == "tk_counter_twice"] == ["tk_counter_twice"]
    assert analyze_text("One two three.", plugins=plugins, only=["counter"])["counter"].metrics == {"words": 3}


# --- formats are isolated ---------------------------------------------------------------------------

RAISING_FORMAT = """
    from textkit import Format, hookimpl
    def render(report, options):
        raise ValueError("no columns today")
    @hookimpl
    def register_formats(register):
        register(Format(name="broken", render=render))
"""

ONE_ARGUMENT_FORMAT = """
    from textkit import Format, hookimpl
    def render(report):
        return "words=%d\\n" % report.document.counts()["words"]
    @hookimpl
    def register_formats(register):
        register(Format(name="oneargument", render=render))
"""

WRONG_SIGNATURE_FORMAT = """
    from textkit import Format, hookimpl
    def render(report, options, extra):
        return ""
    @hookimpl
    def register_formats(register):
        register(Format(name="threeargs", render=render))
"""


def test_a_format_that_raises_names_its_plugin_and_exits_3(cli, tmp_path):
    write(tmp_path, "tk_broken_format.py", RAISING_FORMAT)
    out = tmp_path / "out.txt"
    done = cli("analyze", "-p", "tk_broken_format", "-f", "broken", "-o", out, ARTICLE, pythonpath=[tmp_path])
    assert done.returncode == 3, done.stderr
    assert "internal error" not in done.stderr
    assert "format 'broken' of plugin 'tk_broken_format' failed: ValueError: no columns today" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()  # nothing half-written


def test_a_format_with_the_wrong_signature_names_its_plugin(cli, tmp_path):
    write(tmp_path, "tk_three_args.py", WRONG_SIGNATURE_FORMAT)
    done = cli("analyze", "-p", "tk_three_args", "-f", "threeargs", ARTICLE, pythonpath=[tmp_path])
    assert done.returncode == 3, done.stderr
    assert "format 'threeargs' of plugin 'tk_three_args' failed: TypeError" in done.stderr


def test_render_report_only_is_accepted(cli, tmp_path):
    # The hookspec once documented render(report): such a format still works.
    write(tmp_path, "tk_one_arg.py", ONE_ARGUMENT_FORMAT)
    done = cli("analyze", "-p", "tk_one_arg", "-f", "oneargument", "-", input="One two three.", pythonpath=[tmp_path])
    assert (done.returncode, done.stdout) == (0, "words=3\n"), done.stderr


def test_hookspec_and_plugins_md_agree_on_render():
    from textkit import hookspecs

    doc = hookspecs.register_formats.__doc__
    assert "render(report, options)" in doc
    assert "render_corpus(corpus, options)" in doc
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for phrase in ("render(report, options)", "render_corpus(corpus, options)", "corpus_needs_reports", "streams",
                   "{name, count}"):
        assert phrase in guide, phrase


# --- the many-documents summary is never cut when not on a terminal ------------------------------


def test_corpus_summary_is_not_truncated_when_written_to_a_file(cli, tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "summary.txt"
    done = cli("analyze", tmp_path / "a.txt", tmp_path / "b.txt", "-o", out, "--color", "never")
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    piped = cli("analyze", tmp_path / "a.txt", tmp_path / "b.txt", "--color", "never")
    assert piped.stdout == text
    # Every header in full, on one line each (no "Sty / passi / 0.").
    for header in ("Readability", "Sentiment", "Irony", "Entities"):
        assert header in text
    assert "…" not in text.split("\n\n")[0]
    row = next(line for line in text.splitlines() if "a.txt" in line)
    assert str(tmp_path / "a.txt") in row


# --- gates on a skipped section -----------------------------------------------------------------------

SKIPPER = """
    from textkit import Analyzer, Result, Skip, hookimpl
    def analyze(document, config):
        if len(document.words) < 5:
            raise Skip("too short: fewer than 5 words")
        return Result(metrics={"words": len(document.words)})
    @hookimpl
    def register_analyzers(register):
        register(Analyzer(id="longish", title="Longish", analyze=analyze))
"""


def test_gate_on_a_skipped_section_is_not_applicable(cli, tmp_path):
    write(tmp_path, "tk_skipper.py", SKIPPER)
    args = ("analyze", "-p", "tk_skipper", "--only", "longish", "--fail-if", "longish.words > 1", "-f", "json", "-")
    done = cli(*args, input="Too short.", pythonpath=[tmp_path])
    assert done.returncode == 0, done.stderr
    [gate] = json.loads(done.stdout)["gates"]
    assert (gate["passed"], gate["applicable"]) == (True, False)
    assert gate["note"] == "not applicable: section skipped (too short: fewer than 5 words)"
    # The text report says so rather than showing a tick.
    text = cli(*args[:-3], "-", input="Too short.", pythonpath=[tmp_path]).stdout
    assert "– longish.words > 1: not applicable: section skipped" in text
    # Asked for, a skipped section fails the gate.
    strict = cli(*args, "--fail-on-skipped", input="Too short.", pythonpath=[tmp_path])
    assert strict.returncode == 1
    assert json.loads(strict.stdout)["gates"][0]["passed"] is False
    # A long enough document is gated as usual.
    done = cli(*args, input="One two three four five six.", pythonpath=[tmp_path])
    assert done.returncode == 1


# --- -p from the plugin's folder, -p file.py, plugins in textkit.toml ------------------------------


def test_p_module_from_the_current_folder(cli, tmp_path):
    write(tmp_path, "tk_here.py", COUNTER)
    # The console script, not `python -m textkit` (which puts the current folder on sys.path itself).
    textkit = [str(Path(sys.executable).parent / "textkit")]
    done = cli("analyze", "-p", "tk_here", "--only", "counter", "-f", "json", "-", input="One two.", cwd=tmp_path,
               command=textkit)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sections"][0]["metrics"] == {"words": 2}


def test_p_path_to_a_python_file(cli, tmp_path):
    path = write(tmp_path, "counting_plugin.py", COUNTER)
    done = cli("analyze", "-p", path, "--only", "counter", "-f", "json", "-", input="One two three.")
    assert done.returncode == 0, done.stderr
    section = json.loads(done.stdout)["sections"][0]
    assert (section["plugin"]["name"], section["metrics"]) == ("counting_plugin", {"words": 3})
    missing = cli("analyze", "-p", tmp_path / "nope.py", "-", input="x")
    assert missing.returncode == 2 and "nope.py" in missing.stderr and "Traceback" not in missing.stderr


def test_local_plugins_in_textkit_toml(cli, tmp_path):
    project = tmp_path / "project"
    (project / "tools").mkdir(parents=True)
    write(project / "tools", "house_rules.py", COUNTER)
    (project / "textkit.toml").write_text('plugins = ["tools/house_rules.py"]\nonly = ["counter"]\n')
    (project / "sub").mkdir()
    done = cli("analyze", "-f", "json", "-", input="One two three four.", cwd=project / "sub")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sections"][0]["metrics"] == {"words": 4}


# --- display --------------------------------------------------------------------------------------


def test_sparkline_of_counts_starts_at_the_bottom():
    # Eight bars; a value's bar is int(share of the range * 8), the top one capped at 7.
    assert show.sparkline([0, 1, 2, 4]) == "▁▃▅█"  # 0/4, 1/4 -> 2, 2/4 -> 4, 4/4 -> 7
    assert show.sparkline([0, 0, 0]) == "▁▁▁"
    assert show.sparkline([3, 3]) == "██"  # range 0..3
    # Negative and positive values share one scale that includes zero.
    assert show.sparkline([-1.0, 0.0, 1.0]) == "▁▅█"
    assert show.sparkline([0.1, 0.2]) == "▅█"


def test_plurals():
    assert show.plural(1, "paragraph") == "1 paragraph"
    assert show.plural(2, "paragraph") == "2 paragraphs"
    assert show.plural(1234, "word") == "1,234 words"
    assert show.plural(1, "mention") == "1 mention"
    assert show.plural(0, "marker") == "0 markers"


def test_text_report_says_one_word(cli):
    done = cli("analyze", "--color", "never", "-", input="Hello")
    assert "1 word · 1 sentence · 1 paragraph ·" in done.stdout


def test_analyze_help_shows_the_config_table_literally(cli):
    done = cli("analyze", "--help", env={"COLUMNS": "200"})
    assert "[tool.textkit]" in done.stdout


# --- textkit plugins is quick -------------------------------------------------------------------


def test_plugins_listing_imports_no_plugin_module(modules_after):
    # What makes `textkit plugins` fast: the listing reads entry-point metadata
    # and never imports an analyzer module (or rich, or the formats).
    code = (
        "import contextlib, io; sys.argv = ['textkit', 'plugins']\nfrom textkit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    try: main()\n    except SystemExit: pass"
    )
    loaded = modules_after(code, ["textkit.plugins.irony", "textkit.plugins.entities", "textkit.plugins.readability",
                                  "textkit.formats.html", "textkit.document", "rich.console"])
    assert loaded == []


MISSPELT = """
from textkit import Analyzer, Result, hookimpl


def analyze(document, config):
    return Result(metrics={"n": 1})


@hookimpl
def register_analyzer(register):  # the hook is register_analyzers
    register(Analyzer("typo", "Typo", analyze))
"""


def test_a_misspelt_hook_name_is_a_plugin_error_naming_it(cli, tmp_path):
    path = write(tmp_path, "tk_typo.py", MISSPELT)
    listed = cli("plugins", "--check", "-p", path, "-f", "json")
    record = next(r for r in json.loads(listed.stdout) if r["name"] == "tk_typo")
    assert record["error"]["type"] == "PluginValidationError"
    assert record["error"]["message"].startswith("unknown hook register_analyzer (textkit's hooks: register_analyzers,")
    done = cli("analyze", "-p", path, "-f", "json", "-", input="One two three.")
    assert done.returncode == 3, done.stderr  # the other analyzers still report; the broken plugin is named
    assert "tk_typo" in done.stderr and "register_analyzer" in done.stderr
    sections = {s["id"]: s for s in json.loads(done.stdout)["sections"]}
    assert set(sections) == {"readability", "sentiment", "irony", "entities", "tk_typo"}
    assert sections["tk_typo"]["status"] == "error" and "register_analyzer" in sections["tk_typo"]["error"]["message"]
    assert all(s["status"] == "ok" for name, s in sections.items() if name != "tk_typo")
