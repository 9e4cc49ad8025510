"""Quality gates and baselines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from textkit import UsageError, analyze_text
from textkit.errors import InputError
from textkit.gates import Baseline, Gate, evaluate

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"
TEXT = "The irony is plain. China grew fast. Huawei and China talked again."


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("readability.flesch_kincaid_grade > 12", ("readability", "flesch_kincaid_grade", ">", 12.0, None)),
        ("sentiment.compound < -0.5", ("sentiment", "compound", "<", -0.5, None)),
        ("irony.score>=0.6", ("irony", "score", ">=", 0.6, None)),
        ("readability.flesch_kincaid_grade increases by > 1", ("readability", "flesch_kincaid_grade", ">", 1.0, "increases")),
        ("entities.distinct changes by >= 5", ("entities", "distinct", ">=", 5.0, "changes")),
    ],
)
def test_parse(text, parsed):
    gate = Gate.parse(text)
    assert (gate.section, gate.metric, gate.op, gate.threshold, gate.change) == parsed


@pytest.mark.parametrize("text", ["grade > 12", "readability.grade >> 1", "readability.grade rises by > 1", ""])
def test_unreadable_gate_is_a_usage_error(text):
    with pytest.raises(UsageError, match="cannot read gate"):
        Gate.parse(text)


def test_change_directions():
    assert Gate.parse("a.b increases by > 1").measure(12.5, 11.0) == 1.5
    assert Gate.parse("a.b decreases by > 1").measure(12.5, 11.0) == -1.5
    assert Gate.parse("a.b changes by > 1").measure(9.5, 11.0) == 1.5
    assert Gate.parse("a.b increases by > 1").measure(12.5, None) is None


def test_evaluate_on_a_report():
    report = analyze_text(TEXT, only=["entities"])
    assert report["entities"].metrics["distinct"] == 2  # China, Huawei
    results = evaluate([Gate.parse("entities.distinct > 1"), Gate.parse("entities.mentions >= 4")], report)
    assert [(r.passed, r.value) for r in results] == [(False, 2), (True, 3)]
    with pytest.raises(UsageError, match="has no metric 'nope'"):
        evaluate([Gate.parse("entities.nope > 1")], report)


def test_baseline_from_json_jsonl_and_corpus(tmp_path):
    old = analyze_text("China grew.", source="doc.txt", only=["entities"]).to_dict()
    (tmp_path / "one.json").write_text(json.dumps(old))
    (tmp_path / "many.jsonl").write_text(json.dumps(old) + "\n" + json.dumps({**old, "document": {**old["document"], "source": "b.txt"}}) + "\n")
    (tmp_path / "corpus.json").write_text(json.dumps({"summary": {}, "documents": [old]}))
    new = analyze_text(TEXT, source="doc.txt", only=["entities"])
    for name in ("one.json", "many.jsonl", "corpus.json"):
        baseline = Baseline(tmp_path / name)
        assert baseline.value("doc.txt", "entities", "mentions") == 1
        assert baseline.changes(new)["entities"]["mentions"] == {"baseline": 1, "change": 2}
        [result] = evaluate([Gate.parse("entities.mentions increases by > 1")], new, baseline)
        assert (result.passed, result.measured) == (False, 2)
    # A document the baseline lacks is not checked (and does not fail).
    other = analyze_text(TEXT, source="new.txt", only=["entities"])
    [result] = evaluate([Gate.parse("entities.mentions increases by > 1")], other, Baseline(tmp_path / "many.jsonl"))
    assert result.passed and result.note == "no baseline value; not checked"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "textkit", *args], capture_output=True, text=True)


def test_cli_gates_exit_codes_and_report(tmp_path):
    out = tmp_path / "r.json"
    failed = cli("analyze", str(ARTICLE), "-f", "json", "-o", str(out),
                 "--fail-if", "readability.flesch_kincaid_grade > 9", "--fail-if", "sentiment.compound < -0.5")
    assert failed.returncode == 1
    assert "gate readability.flesch_kincaid_grade > 9 FAILED: flesch_kincaid_grade = 10.04" in failed.stderr
    gates = json.loads(out.read_text())["gates"]
    assert [(g["gate"], g["passed"]) for g in gates] == [
        ("readability.flesch_kincaid_grade > 9", False),
        ("sentiment.compound < -0.5", True),
    ]
    passed = cli("analyze", str(ARTICLE), "-f", "markdown", "--baseline", str(out),
                 "--fail-if", "readability.flesch_kincaid_grade increases by > 1")
    assert passed.returncode == 0, passed.stderr
    assert "| ✓ | readability.flesch\\_kincaid\\_grade increases by \\> 1 | 10.04 | 10.04 | 1.00 |" in passed.stdout
    assert "| flesch kincaid grade | 10.04 \\(±0\\) |" in passed.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--fail-if", "nosuch.metric > 1"], "no analyzer 'nosuch' in this run"),
        (["--fail-if", "irony.nope > 1"], "section 'irony' has no metric 'nope'"),
        (["--fail-if", "irony.score increases by > 1"], "needs --baseline"),
        (["--fail-if", "irony.score is high"], "cannot read gate"),
        (["--baseline", "/nonexistent/base.json"], "no such file"),
        (["--baseline", "/dev/zero"], "is a device"),
        (["--fail-if", "irony.score > " + "9" * 400], "out of range"),
    ],
)
def test_cli_gate_usage_errors(args, message):
    run = cli("analyze", str(ARTICLE), *args)
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "content",
    [
        '{"sections": [{"id": "irony", "status": "ok", "metrics": {"score": NaN}}], "document": {"source": "a"}}',
        '{"sections": [], "document": {"source": "a"}, "x": ' + "1" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"sections": 3}',
        '{"sections": [3]}',
        '{"sections": [{"metrics": []}]}',
        '{"sections": [], "document": "a"}',
        '{"documents": [3]}',
        '{"documents": 3}',
        "[1, 2]",
        '{"sections": [{"id": "irony", "status": "ok", "metrics": {"score": Infinity}}]}',
        "\n".join(['{"sections": []}', "[" * 100_000]),
    ],
)
def test_a_malformed_baseline_is_an_input_error(tmp_path, content):
    path = tmp_path / "base.json"
    path.write_text(content)
    with pytest.raises(InputError, match="--baseline"):
        Baseline(path)


def test_a_baseline_that_never_ends_is_refused_at_its_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(" " * 2000)
    with pytest.raises(InputError, match="larger than the limit"):
        Baseline(path, max_bytes=1000)


def test_a_jsonl_baseline_with_a_line_separator_in_a_finding_reads_back(tmp_path):
    old = analyze_text("China grew. Huawei too.", source="doc\u2028.txt", only=["entities"])
    from textkit.formats.json_format import render_line  # the writer of -f jsonl

    path = tmp_path / "base.jsonl"
    path.write_text(render_line(old) + render_line(old), encoding="utf-8")
    assert "\u2028" in path.read_text(encoding="utf-8")
    assert Baseline(path).value("doc\u2028.txt", "entities", "mentions") == 2


def test_a_baseline_without_this_runs_paths_is_named_on_stderr(tmp_path):
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("China grew fast. Huawei too.")
    two.write_text("Paris is big. London too.")
    base = tmp_path / "base.jsonl"
    made = cli("analyze", str(one), str(two), "-f", "jsonl", "-o", str(base), "--only", "entities")
    assert made.returncode == 0, made.stderr
    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / "one.txt").write_text(one.read_text())
    run = cli("analyze", str(moved / "one.txt"), str(two), "--only", "entities", "--baseline", str(base),
              "--fail-if", "entities.mentions increases by > 5", "-f", "jsonl")
    assert run.returncode == 0, run.stderr
    assert f"textkit: warning: --baseline {base} has no report for {moved / 'one.txt'}" in run.stderr
    assert "change gates were not checked" in run.stderr
