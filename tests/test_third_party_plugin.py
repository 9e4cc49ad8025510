"""The example third-party plugin, examples/textkit-lexical: its figures, and its life as an installed package.

The figures are checked in-process against the module in the source folder.
Everything about installation runs the real CLI in a subprocess whose
PYTHONPATH holds a copy of the package that pip installed into a temporary
folder (the ``lexical_site`` fixture), so importlib.metadata finds its entry
point exactly as after ``pip install ./examples/textkit-lexical``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from textkit import Config, Document, Skip, analyze_text, load_plugins

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"
LEXICAL_SOURCE = ROOT / "examples" / "textkit-lexical"
BUILTINS = ["readability", "sentiment", "irony", "entities"]
METRICS = {"types", "tokens", "type_token_ratio", "mattr", "hapax_share"}


@pytest.fixture
def lexical(monkeypatch):
    """The plugin module, imported from its source folder."""
    monkeypatch.syspath_prepend(str(LEXICAL_SOURCE))
    import textkit_lexical

    return textkit_lexical


def run(lexical, text: str, **options):
    return lexical.analyze(Document(text), Config(options={"lexical": options} if options else {}))


# --- figures counted by hand --------------------------------------------------------------------


def test_tiny_text(lexical):
    # Tokens: The cat sat The cat ran far away (8). Types: the cat sat ran far away (6);
    # sat ran far away occur once (4 hapax). "the" repeats too, but is a function word.
    result = run(lexical, "The cat sat. The cat ran far away.")
    assert result.metrics == {
        "types": 6,
        "tokens": 8,
        "type_token_ratio": 0.75,
        "mattr": 0.75,  # shorter than the 50-word window: the whole text is the only window
        "hapax_share": 0.6667,
    }
    assert result.data == {"window": 8, "repeated": [{"word": "cat", "count": 2, "line": 1}]}
    [finding] = result.findings
    assert (finding.kind, finding.start, finding.end, finding.text) == ("repeated_word", 4, 7, "cat")
    assert (finding.line, finding.column) == (1, 5)
    assert dict(finding.data) == {"word": "cat", "count": 2}
    assert result.warnings == [
        "8 counted words, fewer than the 50-word window: mattr is the plain type-token ratio"
    ]


def test_mattr_slides_the_window(lexical):
    # red blue red | blue red green | red green blue | green blue red -> 2+3+3+3 = 11 types
    # over 4 windows of 3: 11/12.
    result = run(lexical, "Red blue red green blue red.", window=3)
    assert result.metrics == {
        "types": 3,
        "tokens": 6,
        "type_token_ratio": 0.5,
        "mattr": 0.9167,
        "hapax_share": 0.3333,  # green
    }
    assert result.data["window"] == 3
    assert result.warnings == []
    # Most repeated first; each located at its first occurrence.
    assert [(f.data["word"], f.data["count"], f.start) for f in result.findings] == [("red", 3, 0), ("blue", 2, 4)]


def test_moving_average_ttr_directly(lexical):
    # a a | a b | b a | a b -> 1 + 2 + 2 + 2 = 7 types over 4 windows of 2.
    assert lexical.moving_average_ttr(["a", "a", "b", "a", "b"], 2) == 7 / 8
    assert lexical.moving_average_ttr(["a", "b", "a"], 50) == 2 / 3
    assert lexical.moving_average_ttr(["a", "b", "c", "d"], 4) == 1.0


def test_top_limits_the_findings(lexical):
    result = run(lexical, "Red blue red green blue red.", top=1)
    assert [f.data["word"] for f in result.findings] == ["red"]


def test_ties_go_to_the_word_seen_first(lexical):
    result = run(lexical, "Pears and apples. Apples and pears.")
    located = [(f.data["word"], f.text, f.start) for f in result.findings]
    assert located == [("pears", "Pears", 0), ("apples", "apples", 10)]


def test_apostrophes_and_case_are_normalised(lexical):
    # don't(2) stop(2): 2 types in 4 tokens, none once; "don't" is a function word.
    result = run(lexical, "Don\u2019t stop. Don't stop.", window=3)
    assert result.metrics == {"types": 2, "tokens": 4, "type_token_ratio": 0.5, "mattr": 0.6667, "hapax_share": 0.0}
    assert [f.data["word"] for f in result.findings] == ["stop"]


def test_numbers_are_not_vocabulary(lexical):
    # It cost dollars then dollars: "3.5" and "170,000" are words to textkit, not here.
    result = run(lexical, "It cost 3.5 dollars, then 170,000 dollars.")
    assert (result.metrics["tokens"], result.metrics["types"]) == (5, 4)


def test_trailing_web_chrome_is_left_out(lexical):
    # Only "The cat sat on the mat. The dog sat too." counts: 10 tokens, 7 types,
    # 5 hapax (cat on mat dog too).
    result = run(lexical, "The cat sat on the mat. The dog sat too.\n\nShare.\n\nLeave A Reply\n")
    assert result.metrics["tokens"] == 10
    assert result.metrics["types"] == 7
    assert result.metrics["type_token_ratio"] == 0.7
    assert result.metrics["hapax_share"] == 0.7143


def test_no_words_is_a_skip(lexical):
    with pytest.raises(Skip):
        run(lexical, "3.5 170,000 42")


def test_a_bad_option_falls_back_with_a_warning(lexical):
    result = run(lexical, "Red blue red green blue red.", window=0)
    assert result.data["window"] == 6  # the default 50, cut to the text
    assert result.warnings[0] == "window must be a positive integer, not 0; using 50"


def test_in_process_through_load_plugins(lexical):
    # autoload=False: the test must not depend on whether the package is also installed.
    plugins = load_plugins(extra=["textkit_lexical"], autoload=False)
    report = analyze_text("Red blue red green blue red.", plugins=plugins)
    assert [s.id for s in report.sections] == [*BUILTINS, "lexical"]
    section = report["lexical"]
    assert (section.status, section.title, section.plugin.name) == ("ok", "Lexical diversity", "textkit_lexical")
    assert section.metrics["types"] == 3


def test_the_module_imports_only_textkit_and_the_standard_library():
    source = (LEXICAL_SOURCE / "textkit_lexical.py").read_text(encoding="utf-8")
    imports = {line.split()[1].split(".")[0] for line in source.splitlines() if line.startswith(("import ", "from "))}
    assert imports == {"__future__", "collections", "textkit"}


# --- installed with pip, seen by the CLI -----------------------------------------------------------


@pytest.fixture(scope="session")
def installed_run(cli, lexical_site):
    def run_cli(*args, env=None):
        return cli(*args, pythonpath=[lexical_site], env={"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "0", **(env or {})})

    return run_cli


@pytest.fixture(scope="session")
def report_with_plugin(installed_run):
    done = installed_run("analyze", ARTICLE, "-f", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def section_ids(done) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [s["id"] for s in json.loads(done.stdout)["sections"]]


def test_pip_installed_the_distribution(lexical_site):
    assert (lexical_site / "textkit_lexical.py").is_file()
    dist_info = lexical_site / "textkit_lexical-0.1.0.dist-info"
    entry_points = (dist_info / "entry_points.txt").read_text(encoding="utf-8")
    assert "[textkit]" in entry_points and "lexical = textkit_lexical" in entry_points


def test_installed_plugin_adds_a_fifth_section(report_with_plugin):
    assert [s["id"] for s in report_with_plugin["sections"]] == [*BUILTINS, "lexical"]
    section = report_with_plugin["sections"][-1]
    assert section["title"] == "Lexical diversity"
    assert section["plugin"] == {"name": "lexical", "version": "0.1.0"}
    assert section["status"] == "ok", section["error"]
    assert all(s["status"] == "ok" for s in report_with_plugin["sections"])
    assert {"name": "lexical", "version": "0.1.0"} in report_with_plugin["tool"]["plugins"]


def test_installed_plugin_figures_on_the_article(report_with_plugin):
    section = report_with_plugin["sections"][-1]
    metrics = section["metrics"]
    assert set(metrics) == METRICS
    assert 0 < metrics["types"] < metrics["tokens"] <= report_with_plugin["document"]["counts"]["words"]
    assert metrics["type_token_ratio"] == round(metrics["types"] / metrics["tokens"], 4)
    # Over 50-word windows a news article repeats far less than over its whole length.
    assert metrics["type_token_ratio"] < metrics["mattr"] <= 1
    assert 0 < metrics["hapax_share"] < 1
    assert section["data"]["window"] == 50
    assert section["warnings"] == []
    text = ARTICLE.read_text(encoding="utf-8")
    counts = [f["data"]["count"] for f in section["findings"]]
    assert len(section["findings"]) == 5 and counts == sorted(counts, reverse=True) and counts[-1] >= 2
    for finding in section["findings"]:
        assert finding["kind"] == "repeated_word"
        assert text[finding["start"] : finding["end"]] == finding["text"]
        assert finding["text"].lower().replace("\u2019", "'") == finding["data"]["word"]
    assert section["data"]["repeated"][0]["word"] == section["findings"][0]["data"]["word"]


def test_installed_plugin_in_the_text_report(installed_run):
    done = installed_run("analyze", ARTICLE)
    assert done.returncode == 0, done.stderr
    assert "Lexical diversity" in done.stdout
    assert "type token ratio" in done.stdout


def test_plugins_lists_it_as_an_entry_point(installed_run):
    done = installed_run("plugins", "--check", "--format", "json")
    assert done.returncode == 0, done.stderr
    records = {r["name"]: r for r in json.loads(done.stdout)}
    assert records["lexical"] == {
        "name": "lexical",
        "version": "0.1.0",
        "source": "entry point",
        "module": "textkit_lexical",
        "hooks": ["register_analyzers"],
        "analyzers": ["lexical"],
        "formats": [],
        "loaders": [],
        "error": None,
        "loaded": True,
    }
    assert all(records[name]["source"] == "built-in" for name in BUILTINS)


def test_plugins_text_listing(installed_run):
    done = installed_run("plugins", "--check")
    assert done.returncode == 0, done.stderr
    [row] = [line.split() for line in done.stdout.splitlines() if line.startswith("lexical ")]
    assert row == ["lexical", "0.1.0", "entry", "point", "register_analyzers", "lexical"]
    # Without --check, from the installed metadata alone (nothing imported).
    quick = installed_run("plugins")
    [row] = [line.split() for line in quick.stdout.splitlines() if line.startswith("lexical ")]
    assert row == ["lexical", "0.1.0", "entry", "point", "-", "-"]


@pytest.mark.parametrize(
    "options, env, expected",
    [
        ([], {"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}, BUILTINS),
        (["-p", "lexical"], {"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}, [*BUILTINS, "lexical"]),
        (["-p", "no:lexical"], {}, BUILTINS),
        (["--disable", "lexical"], {}, BUILTINS),
        (["--only", "lexical"], {}, ["lexical"]),
    ],
    ids=["autoload off", "autoload off, -p lexical", "-p no:lexical", "--disable", "--only"],
)
def test_turning_it_off_and_on(installed_run, tmp_path, options, env, expected):
    path = tmp_path / "doc.txt"
    path.write_text("The cat sat on the mat. The dog sat on the cat. Everyone was happy.\n", encoding="utf-8")
    assert section_ids(installed_run("analyze", path, "-f", "json", *options, env=env)) == expected


def test_the_examples_own_tests_pass_against_the_installed_package(lexical_site):
    """The tutorial's tests run as its README says, with the plugin installed."""
    env = {k: v for k, v in os.environ.items() if k != "TEXTKIT_DISABLE_PLUGIN_AUTOLOAD"}
    env.update(PYTHONPATH=str(lexical_site), PYTHONDONTWRITEBYTECODE="1")

    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(LEXICAL_SOURCE / "tests")],
        capture_output=True,
        text=True,
        env=env,
        cwd=lexical_site,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 passed" in done.stdout  # three of them through textkit.testing's fixtures

