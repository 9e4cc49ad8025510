"""Many documents: input expansion, the corpus summary, JSON Lines streaming."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import textkit
from textkit import CorpusSummary, InputError, analyze_paths, analyze_text, expand_inputs

EXTENSIONS = ["txt", "md", "html"]


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("China grew. China and Huawei talked.", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("# Title\n\nHuawei met China again.", encoding="utf-8")
    (tmp_path / "sub" / "skip.md").write_text("Excluded text.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    return tmp_path


def test_expand_folders_globs_and_excludes(corpus):
    base = str(corpus)
    assert expand_inputs([base], EXTENSIONS) == [f"{base}/a.txt", f"{base}/sub/b.md", f"{base}/sub/skip.md"]
    assert expand_inputs([f"{base}/**/*.md"], EXTENSIONS, ["skip*"]) == [f"{base}/sub/b.md"]
    # Named twice, counted once; a named file is taken whatever its extension.
    assert expand_inputs([f"{base}/a.txt", base, f"{base}/image.png"], EXTENSIONS, ["*/sub/*"]) == [
        f"{base}/a.txt",
        f"{base}/image.png",
    ]
    with pytest.raises(InputError, match="no files match"):
        expand_inputs([f"{base}/*.docx"], EXTENSIONS)


def test_analyze_paths_yields_reports_and_errors(corpus):
    results = list(analyze_paths([corpus / "a.txt", corpus / "image.png", corpus / "sub" / "b.md"], only=["entities"]))
    assert [type(r).__name__ for _, r in results] == ["Report", "InputError", "Report"]
    assert results[2][1].document.input_format == "markdown"


def test_summary_rows_and_entity_totals():
    summary = CorpusSummary()
    summary.add(analyze_text("China grew. China and Huawei talked.", source="a", only=["entities"]))
    summary.add(analyze_text("Huawei met China again.", source="b", only=["entities"]))
    summary.add_failure("c", "c: is empty (nothing to analyze)")
    data = summary.to_dict()
    assert (data["documents"], data["failed_inputs"], data["words"]) == (3, 1, 10)
    assert [r["headline"].get("entities") for r in data["rows"]] == [
        {"metric": "distinct", "value": 2},
        {"metric": "distinct", "value": 2},
        None,
    ]
    assert data["rows"][2] == {"source": "c", "status": "input error", "error": "is empty (nothing to analyze)",
                               "words": 0, "headline": {}}
    assert data["totals"]["entities.entities"] == [
        {"name": "China", "count": 3, "documents": 2},
        {"name": "Huawei", "count": 2, "documents": 2},
    ]
    assert summary.total_title("entities.entities") == "Entities"


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "textkit", *args], capture_output=True, text=True, cwd=cwd)


def test_jsonl_streams_one_report_per_line(corpus):
    run = cli("analyze", str(corpus), "-f", "jsonl", "--exclude", "skip.md", "--only", "entities")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 2
    reports = [json.loads(line) for line in lines]
    assert [Path(r["document"]["source"]).name for r in reports] == ["a.txt", "b.md"]
    assert [r["sections"][0]["metrics"]["mentions"] for r in reports] == [3, 2]
    for report in reports:
        textkit_schema = textkit.json_schema()
        import jsonschema

        jsonschema.validate(report, textkit_schema)


def test_json_for_many_documents_has_summary_and_reports(corpus, tmp_path):
    out = tmp_path / "corpus.json"
    run = cli("analyze", str(corpus / "a.txt"), str(corpus / "sub" / "b.md"), "-f", "json", "-o", str(out))
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text())
    assert data["summary"]["documents"] == 2 and len(data["documents"]) == 2
    assert data["summary"]["totals"]["entities.entities"][0] == {"name": "China", "count": 3, "documents": 2}


def test_unreadable_file_does_not_stop_the_others(corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    run = cli("analyze", str(corpus / "a.txt"), str(corpus / "empty.txt"), "-f", "markdown")
    assert run.returncode == 2
    assert "| ok |" in run.stdout and "input error" in run.stdout
    assert run.stderr.strip() == f"textkit: error: {corpus / 'empty.txt'}: is empty (nothing to analyze)"


def test_text_summary_table(corpus):
    run = cli("analyze", str(corpus), "--exclude", "skip.md", "--color", "never")
    assert run.returncode == 0, run.stderr
    assert "2 documents" in run.stdout and "Entities across all documents" in run.stdout
    assert "\x1b[" not in run.stdout and run.stderr == ""  # no progress bar off a terminal


def test_no_inputs_is_a_usage_error(corpus):
    run = cli("analyze", str(corpus / "sub"), "--exclude", "*.md")
    assert run.returncode == 2 and "no input files" in run.stderr


def _stderr_on_a_terminal(args):
    import os
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "textkit", *args], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(corpus):
    code, stderr = _stderr_on_a_terminal(["analyze", str(corpus), "-f", "jsonl", "--only", "entities"])
    assert code == 0 and "analyzing" in stderr
    code, stderr = _stderr_on_a_terminal(["analyze", str(corpus), "-f", "jsonl", "--only", "entities", "--quiet"])
    assert code == 0 and "analyzing" not in stderr
    code, stderr = _stderr_on_a_terminal(["analyze", str(corpus / "a.txt"), "-f", "jsonl", "--only", "entities"])
    assert code == 0 and "analyzing" not in stderr  # one document: no bar


def test_the_multi_document_json_validates_against_the_corpus_schema(tmp_path):
    import json as json_module

    import jsonschema

    from conftest import run_textkit
    from textkit.corpus import corpus_json_schema

    (tmp_path / "a.txt").write_text("China grew fast. Huawei sells phones in Paris.")
    (tmp_path / "b.txt").write_text("It rained. We stayed in.")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01")
    done = run_textkit("analyze", tmp_path, "-f", "json", "--fail-if", "readability.words > 5")
    assert done.returncode == 2, done.stderr  # c.txt cannot be read
    data = json_module.loads(done.stdout)
    jsonschema.validate(data, corpus_json_schema())
    assert [row["status"] for row in data["summary"]["rows"]] == ["gate failed", "ok", "input error"]
    broken = {**data, "documents": [{"sections": 3}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, corpus_json_schema())


def test_a_corpus_keeps_its_reports_on_disk_and_writes_the_same_json():
    import json as json_module

    from textkit import analyze_text
    from textkit.corpus import Corpus, CorpusSummary, ReportSpool

    corpus = Corpus(CorpusSummary(), "0.1")
    assert isinstance(corpus.reports, ReportSpool)
    for text in ("Hello there. Fine day.", "Another one\u2028 here."):
        report = analyze_text(text)
        corpus.summary.add(report)
        corpus.reports.append(report.to_dict())
    assert len(corpus.reports) == 2 and [r["document"]["counts"]["words"] for r in corpus.reports] == [4, 3]
    from textkit.formats.json_format import dumps

    written = corpus.to_json()
    assert json_module.loads(written) == corpus.to_dict()
    for report in corpus.reports:  # each laid out as -f json lays out one report, indented under "documents"
        assert "\n    " + dumps(report).replace("\n", "\n    ") in written


def test_a_run_sets_the_loaded_analyzers_apart_from_the_collector_and_gives_them_back(tmp_path):
    import gc

    from textkit.analysis import analyze_paths

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("The committee met on Tuesday. It approved the plan.\n", encoding="utf-8")
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    assert thresholds[0] < 50_000  # the interpreter's default (700)
    run = analyze_paths(sorted(tmp_path.iterdir()))
    seen = []
    for path, report in run:
        seen.append((path.rsplit("/", 1)[-1], gc.get_freeze_count() > 0, gc.get_threshold()))
    # Room in the young generation for a document's objects, freed by reference counting anyway.
    assert seen == [(name, True, (50_000, *thresholds[1:])) for name in ("a.txt", "b.txt", "c.txt")]
    assert gc.get_freeze_count() == 0  # a notebook's own objects are the collector's again
    assert gc.get_threshold() == thresholds

    stopped = analyze_paths(sorted(tmp_path.iterdir()))
    next(stopped)
    stopped.close()  # a caller that stops early
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds

    gc.set_threshold(0, *thresholds[1:])  # a caller who switched it off (or tuned it) keeps that
    try:
        assert [gc.get_threshold()[0] for _ in analyze_paths(sorted(tmp_path.iterdir()))] == [0, 0, 0]
    finally:
        gc.set_threshold(*thresholds)
