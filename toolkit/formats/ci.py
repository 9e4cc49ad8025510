"""Formats for CI systems: GitHub workflow commands, SARIF 2.1.0 and JUnit XML.

All three read report dicts (``Report.to_dict()``, docs/json-report.md), so a
single report and a corpus go through the same code: ``render`` wraps the one
report in a list, ``render_corpus`` takes ``Corpus.reports`` plus the inputs
that could not be read (summary rows with status ``input error``).

Paths are the document sources as given, with forward slashes; an absolute
path inside the working directory is made relative to it, because GitHub
annotations and code scanning want paths relative to the checkout (run
textkit from the repository root).

Positions. A finding carries the line and column of its start and just
past its end in the original file (report schema 1.2), in the markup for
Markdown and HTML input. Only plain-text input gets a SARIF ``snippet``: for
the other formats the finding's text is extracted prose, not the file's.

``github``: one workflow command per line, for ``::``-annotations on a PR.

* ``::error`` for a failed gate, a section that failed (exit 3) and an input
  that could not be read; ``::warning`` for a section's warnings (caveats that
  qualify its numbers); ``::notice`` for findings and for skipped sections.
* GitHub shows at most 10 annotations of each level per step (50 per job)
  and silently drops the rest, first come first served. So textkit emits at
  most ``MAX_ANNOTATIONS_PER_LEVEL`` of each level, the most important first
  (failed gates before other errors; skipped sections before findings; each
  kind's first finding before any kind's second), and one plain, non-command
  line at the end counts, per level, what was not annotated; the Markdown
  summary says the same. ``-f sarif`` and ``-f json`` have them all.
* Escaping is GitHub's (actions/toolkit): in the message ``%``, CR and LF
  become ``%25``, ``%0D``, ``%0A``; in properties also ``:`` and ``,``
  become ``%3A`` and ``%2C``. A hostile document cannot start a command line.

``sarif``: one run of tool ``textkit``; a rule per ``section/kind`` of finding
and per gated ``gate/section.metric``; findings are results of level
``note``, failed gates results of level ``error`` whose region is the whole
file (GitHub code scanning rejects a whole upload if one result has no
location). Section errors, section warnings and unreadable inputs are
``invocations[0].toolExecutionNotifications`` (they are about the analysis,
not the text), and ``executionSuccessful`` is false when a section failed or
an input could not be read. Columns are Unicode code points
(``columnKind: unicodeCodePoints``), as textkit counts them. Documents read
from stdin have no file, so their results have no location.
It validates against the OASIS SARIF 2.1.0 schema (errata 01), shipped as
``schema/sarif-2.1.0.schema.json`` and checked by the tests.

``junit``: ``<testsuites><testsuite name="textkit">`` with, per document, one
test case per gate (``<failure>`` when it failed) plus one per section that
failed (``<error>``); a document without gates gets one test case per section
instead (``<error>`` if it failed, ``<skipped>`` if skipped), so the file is
never empty. An unreadable input is a test case ``read`` with ``<error>``.
"""

from __future__ import annotations

import heapq
import marshal
import math
import os
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _json_string  # a str as JSON, as json_format.compact writes it
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from . import json_format
from ..model import ERROR, SKIPPED

# GitHub shows at most 10 annotations of each level (error, warning, notice) per step.
MAX_ANNOTATIONS_PER_LEVEL = 10

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

Failure = tuple[str, str]  # (source, message) of an input that could not be read


# -- what the formats share ---------------------------------------------------------------


def corpus_failures(corpus) -> list[Failure]:
    return [(row["source"], row["error"]) for row in corpus.summary.rows if row.get("status") == "input error"]


def _has_file(source: str) -> bool:
    """False for stdin (``-``, ``<stdin>``) and in-memory text (``<text>``)."""
    return source != "-" and not (source.startswith("<") and source.endswith(">"))


# A relative path already as Path.as_posix() writes it: no empty, "." or trailing parts.
_PLAIN_RELATIVE = re.compile(r"(?!/)(?!\.(?:/|$))(?!.*//)(?!.*/\.(?:/|$))(?!.*/$).+", re.DOTALL)


def _repo_path(source: str) -> str | None:
    """The path as CI tools want it: relative (to the working directory when possible), with slashes."""
    if not _has_file(source):
        return None
    if os.sep == "/" and _PLAIN_RELATIVE.fullmatch(source):
        return source  # what the Path below gives, without making one per document
    path = Path(source)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
    return path.as_posix()


def _file_is_text(report: dict[str, Any]) -> bool:
    """Whether a finding's text is the file's own (plain-text input, not extracted prose)."""
    return report["document"].get("format", "text") == "text"


def _section_error(section: dict[str, Any]) -> str:
    error = section.get("error") or {}
    return f"{section['title']} failed: {error.get('type', 'Error')}: {error.get('message', '')}"


# -- github ---------------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    # As @actions/core escapes; and "##[" (the runner's legacy command syntax) is broken up.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("##[", "#\u200b#[")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, **properties: Any) -> str:
    """One workflow command: ``::level key=value,...::message``; None-valued properties are left out."""
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{level}{' ' + props if props else ''}::{_escape_data(message)}"


# A finding's severity as a GitHub annotation level and as a SARIF level (findings of schema < 1.3 are "info").
GITHUB_LEVELS = {"info": "notice", "warning": "warning", "error": "error"}
SARIF_LEVELS = {"info": "note", "warning": "warning", "error": "error"}


def _finding_position(finding: dict[str, Any]) -> dict[str, int | None]:
    """GitHub's line/endLine/col/endColumn; its endColumn is the last character's (inclusive)."""
    position: dict[str, int | None] = {"line": finding["line"]}
    end_line, end_column = finding["end_line"], finding["end_column"]
    if end_column == 1 and end_line > finding["line"]:  # ends with a line break: the span ends on the line before
        return {**position, "endLine": end_line - 1}
    if finding["end"] == finding["start"]:
        return position
    if end_line > finding["line"]:  # GitHub takes columns only on a one-line annotation
        return {**position, "endLine": end_line}
    return {**position, "endLine": end_line, "col": finding["column"], "endColumn": end_column - 1}


@dataclass
class Annotations:
    """The workflow commands of a run, in the order GitHub should see them, and what was left out."""

    lines: list[str] = field(default_factory=list)
    total: Counter = field(default_factory=Counter)  # level -> annotations the run has
    left_out: Counter = field(default_factory=Counter)  # level -> annotations not emitted (over the limit)


def _finding_candidates(report: dict[str, Any], file: str | None, document: int, counts: Counter, below: dict[str, float]) -> list[tuple]:
    """(level, rank, document, start, section id, finding, file) per finding: rank n is the n-th of its section and kind.

    Only findings of a rank below ``below[level]`` are candidates (the others could no longer be
    shown); ``counts`` gets every finding's level. The workflow command is built only for the
    findings chosen (at most ten per level), not for every one.
    """
    candidates, per_kind, levels = [], Counter(), GITHUB_LEVELS
    for section in report["sections"]:
        section_id = section["id"]
        for finding in section["findings"]:
            level = levels[finding.get("severity", "info")]
            counts[level] += 1
            key = section_id, finding["kind"]
            rank = per_kind[key] = per_kind[key] + 1
            if rank < below[level]:
                candidates.append((level, rank, document, finding["start"], section_id, finding, file))
    return candidates


def _finding_command(candidate: tuple) -> str:
    level, _, _, _, section_id, finding, file = candidate
    return _command(
        level, finding["message"], file=file, **_finding_position(finding), title=f"textkit {section_id}: {finding['kind']}"
    )


def _priority(candidate: tuple) -> tuple:
    return candidate[1:4]  # (rank, document, start)


def _fill(fixed: list[str], best: list[tuple], findings: int) -> tuple[list[str], int]:
    """The commands GitHub will show, ``fixed`` first and then findings (top of each file first), and the level's total.

    ``best`` are the level's first findings by :func:`_priority` (no more than
    GitHub shows) out of ``findings``: among findings, each kind's first one
    in every document goes before any kind's second one, so one noisy kind
    cannot crowd out the others.
    """
    room = max(0, MAX_ANNOTATIONS_PER_LEVEL - len(fixed))
    chosen = sorted(best[:room], key=lambda c: c[2:4])
    return fixed[:MAX_ANNOTATIONS_PER_LEVEL] + [_finding_command(c) for c in chosen], len(fixed) + findings


def github_annotations(reports: Iterable[dict[str, Any]], failures: Iterable[Failure] = ()) -> Annotations:
    """The annotations of these reports, at most ``MAX_ANNOTATIONS_PER_LEVEL`` of each level.

    Errors come first (failed gates, then unreadable inputs, then failed
    sections, then findings of severity error), then warnings (section
    warnings, then warning findings), then notices (skipped sections, then
    info findings), so what GitHub shows is what matters most.
    """
    gates, unreadable, broken, warnings, skipped = [], [], [], [], []
    # Per level, the findings GitHub could show so far (a corpus has tens of thousands, none other is kept).
    best: dict[str, list[tuple]] = {"error": [], "warning": [], "notice": []}
    findings: Counter = Counter()
    unreadable += [_command("error", m, file=_repo_path(s), title="textkit: cannot read") for s, m in failures]
    for document, report in enumerate(reports):
        file = _repo_path(report["document"]["source"])
        gates += [
            _command("error", g["description"], file=file, title=f"textkit gate {g['section']}.{g['metric']}")
            for g in report.get("gates", [])
            if not g["passed"]
        ]
        for section in report["sections"]:
            title = f"textkit {section['id']}"
            if section["status"] == ERROR:
                broken.append(_command("error", _section_error(section), file=file, title=title))
            if section["status"] == SKIPPED:
                skipped += [_command("notice", "skipped: " + w, file=file, title=title) for w in section["warnings"]]
            else:
                warnings += [_command("warning", w, file=file, title=title) for w in section["warnings"]]
        # Once a level keeps as many as GitHub shows, a later document's finding can only displace one
        # of a higher rank (rank first, then document): a finding of that rank or more is no candidate.
        below = {level: kept[-1][1] if len(kept) >= MAX_ANNOTATIONS_PER_LEVEL else math.inf for level, kept in best.items()}
        candidates = _finding_candidates(report, file, document, findings, below)
        for level, kept in best.items():
            new = [c for c in candidates if c[0] == level]
            if new:  # as sorted(all so far)[:limit]: nsmallest is stable, earlier documents stand first
                best[level] = heapq.nsmallest(MAX_ANNOTATIONS_PER_LEVEL, kept + new, key=_priority)
    out = Annotations()
    for level, fixed in (("error", gates + unreadable + broken), ("warning", warnings), ("notice", skipped)):
        commands, total = _fill(fixed, best[level], findings[level])
        out.lines += commands[:MAX_ANNOTATIONS_PER_LEVEL]
        out.total[level] = total
        if total > MAX_ANNOTATIONS_PER_LEVEL:
            out.left_out[level] = total - MAX_ANNOTATIONS_PER_LEVEL
    return out


def annotation_totals(reports: Iterable[dict[str, Any]], failures: Iterable[Failure] = ()) -> Counter:
    """level -> how many annotations :func:`github_annotations` would have, counted without building them.

    The Markdown summary needs only these counts, for every report of a corpus.
    """
    totals: Counter = Counter(error=len(list(failures)))
    for report in reports:
        totals["error"] += sum(1 for g in report.get("gates", []) if not g["passed"])
        for section in report["sections"]:
            totals["error"] += section["status"] == ERROR
            totals["notice" if section["status"] == SKIPPED else "warning"] += len(section["warnings"])
            for finding in section["findings"]:
                totals[GITHUB_LEVELS[finding.get("severity", "info")]] += 1
    return totals


def not_annotated(annotations: Annotations | Counter) -> str:
    """"3 errors, 42 notices" for the levels that had more than GitHub shows; "" when none.

    Takes the :class:`Annotations` of a run or the totals of :func:`annotation_totals`.
    """
    totals = annotations.total if isinstance(annotations, Annotations) else annotations
    return ", ".join(
        f"{n} {level}{'s' if n != 1 else ''}"
        for level in ("error", "warning", "notice")
        if (n := totals[level] - MAX_ANNOTATIONS_PER_LEVEL) > 0
    )


def render_github_reports(reports: Iterable[dict[str, Any]], failures: Iterable[Failure] = ()) -> str:
    annotations = github_annotations(reports, failures)
    lines = list(annotations.lines)
    if annotations.left_out:
        lines.append(
            f"textkit: not annotated (GitHub shows at most {MAX_ANNOTATIONS_PER_LEVEL} of each level per step): "
            f"{not_annotated(annotations)}; -f sarif or -f json lists them all"
        )
    return "".join(line + "\n" for line in lines)


def render_github(report, options=None) -> str:
    return render_github_reports([report.to_dict()])


def render_github_corpus(corpus, options=None) -> str:
    return render_github_reports(corpus.iter_reports(data=False), corpus_failures(corpus))  # data is never read


# -- sarif ----------------------------------------------------------------------------------


def _uri(source: str) -> str:
    path = _repo_path(source)
    if path.startswith("/") or Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path, safe="/")


class _SarifRun:
    """Collects one run: rules, artifacts, results and notifications, each in first-seen order.

    Results are kept as JSON text, each as ``json_format.dumps`` writes a
    record below the outline (one line): a corpus has tens of thousands, and
    encoding each from a dict through ``json`` was most of what writing the
    log cost. A finding's result is written from a template whose strings go
    through ``json``'s own string encoder; the tests hold it to ``json``'s
    encoding of the same dict.
    """

    def __init__(self) -> None:
        self.rules: list[dict[str, Any]] = []
        self._rule_index: dict[str, int] = {}
        self.artifacts: list[dict[str, Any]] = []
        self._artifact_index: dict[str, int] = {}
        self.results: list[str] = []
        self.notifications: list[dict[str, Any]] = []
        # section id -> (kind, severity) -> the start of such a finding's result, up to its message text
        self._result_starts: dict[str, dict[tuple[str, str], str]] = {}

    def rule(self, rule_id: str, description: str, level: str, tags: list[str]) -> int:
        if rule_id not in self._rule_index:
            self._rule_index[rule_id] = len(self.rules)
            self.rules.append(
                {
                    "id": rule_id,
                    "shortDescription": {"text": description},
                    "defaultConfiguration": {"level": level},
                    "properties": {"tags": tags},
                }
            )
        return self._rule_index[rule_id]

    def artifact(self, source: str, document: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """The artifactLocation of a file (registered once), or None for stdin and in-memory text."""
        if not _has_file(source):
            return None
        uri = _uri(source)
        if uri not in self._artifact_index:
            self._artifact_index[uri] = len(self.artifacts)
            artifact: dict[str, Any] = {"location": {"uri": uri}}
            if document:
                artifact.update(length=document["size_bytes"], encoding=iana_encoding(document["encoding"]))
                artifact["hashes"] = {"sha-256": document["sha256"]}
            self.artifacts.append(artifact)
        return {"uri": uri, "index": self._artifact_index[uri]}

    def notify(self, level: str, text: str, source: str, descriptor: str | None = None) -> None:
        notification: dict[str, Any] = {"level": level, "message": {"text": text}}
        if descriptor:
            notification["descriptor"] = {"id": descriptor}
        where = self.artifact(source)
        if where:
            notification["locations"] = [{"physicalLocation": {"artifactLocation": where}}]
        self.notifications.append(notification)

    def _result_start(self, section: dict[str, Any], kind: str, severity: str) -> str:
        """The start of a finding's result, up to its message text: the same for its section, kind and severity."""
        starts = self._result_starts.setdefault(section["id"], {})
        start = starts.get((kind, severity))
        if start is None:
            rule_id = f"{section['id']}/{kind}"
            level = SARIF_LEVELS[severity]
            index = self.rule(rule_id, f"{section['title']}: {kind.replace('_', ' ')}", level, ["textkit", section["id"]])
            start = starts[kind, severity] = (
                f'{{"ruleId":{_json_string(rule_id)},"ruleIndex":{index},"level":{_json_string(level)},"message":{{"text":'
            )
        return start

    def finding_results(self, section: dict[str, Any], at: str | None, snippet: bool) -> list[str]:
        """The results of a section's findings, each the JSON text of :func:`_finding_result_dict`'s dict.

        ``at`` is :func:`_location_start` of the document's file (None: no file).
        """
        return self.results_of_pieces(section, finding_pieces(section["findings"], snippet), at)

    def results_of_pieces(self, section: dict[str, Any], pieces: list[tuple[str, ...]], at: str | None) -> list[str]:
        """:meth:`finding_results` from the section's :func:`finding_pieces` (which a cache entry may hold)."""
        starts = self._result_starts.setdefault(section["id"], {})
        results = []
        for kind, severity, message, place, end in pieces:
            start = starts.get((kind, severity)) or self._result_start(section, kind, severity)
            results.append(start + message + (',"locations":[]' if at is None else at + place) + end)
        return results


def finding_pieces(findings: list[dict[str, Any]], snippet: bool) -> list[tuple[str, str, str, str, str]]:
    """Each finding's SARIF result in the pieces that are its own, whatever the run and the file's name:
    (kind, severity, message text up to the location, the region to the end of the locations, properties).

    A result is the start its rule gives (:meth:`_SarifRun._result_start`), the message, then either
    the file's location (:func:`_location_start`) and the region, or no location, then the properties.
    ``snippet``: the file is the text the findings quote (:func:`_file_is_text`).
    """
    pieces, string, data_text = [], _json_string, json_format.compact_acyclic
    for f in findings:
        data = f.get("data")
        end = ',"properties":{"data":' + data_text(data) + "}}" if data else "}"
        region = f'{{"startLine":{f["line"]},"startColumn":{f["column"]},"endLine":{f["end_line"]},"endColumn":{f["end_column"]}'
        region += ',"snippet":{"text":' + string(f["text"]) + "}}}}]" if snippet else "}}}]"
        pieces.append((f["kind"], f.get("severity", "info"), string(f["message"]) + "}", region, end))
    return pieces


def sarif_pieces(report: dict[str, Any]) -> list[list[tuple[str, str, str, str, str]]]:
    """:func:`finding_pieces` of each of a report's sections (what the cache keeps for ``-f sarif``)."""
    snippet = _file_is_text(report)
    return [finding_pieces(section["findings"], snippet) for section in report["sections"]]


def _location_start(where: dict[str, Any]) -> str:
    """A result's ``locations`` up to its region: the same for every finding of a document."""
    return ',"locations":[{"physicalLocation":{"artifactLocation":' + json_format.compact(where) + ',"region":'


def _finding_result_dict(run: _SarifRun, section, finding, where, file_is_text: bool) -> dict[str, Any]:
    """A finding's result as a dict: what :meth:`_SarifRun.finding_results` writes (the tests compare them)."""
    rule_id = f"{section['id']}/{finding['kind']}"
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": run._rule_index[rule_id],
        "level": SARIF_LEVELS[finding.get("severity", "info")],
        "message": {"text": finding["message"]},
        "locations": _locations(where, _finding_region(finding, file_is_text)),
    }
    if finding.get("data"):
        result["properties"] = {"data": finding["data"]}
    return result


def _locations(where: dict[str, Any] | None, region: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"physicalLocation": {"artifactLocation": where, "region": region}}] if where else []


def _finding_region(finding: dict[str, Any], file_is_text: bool) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding["line"], "startColumn": finding["column"],
        "endLine": finding["end_line"], "endColumn": finding["end_column"],
    }  # fmt: skip
    if file_is_text:
        region["snippet"] = {"text": finding["text"]}
    return region


def _sarif_document(run: _SarifRun, report: dict[str, Any], pieces: list[list[tuple[str, ...]]] | None = None) -> None:
    """Add a report's results and notifications; ``pieces``: its :func:`sarif_pieces`, if at hand
    (then its sections' findings are not read)."""
    document = report["document"]
    source = document["source"]
    where = run.artifact(source, document)
    at = _location_start(where) if where else None
    file_is_text = _file_is_text(report)
    for index, section in enumerate(report["sections"]):
        if pieces is None:
            run.results += run.finding_results(section, at, file_is_text)
        else:
            run.results += run.results_of_pieces(section, pieces[index], at)
        if section["status"] == ERROR:
            run.notify("error", _section_error(section), source, section["id"])
        level, prefix = ("note", "skipped: ") if section["status"] == SKIPPED else ("warning", "")
        for warning in section["warnings"]:
            run.notify(level, f"{section['title']}: {prefix}{warning}", source, section["id"])
    whole_file = {"startLine": 1, "endLine": max(1, document.get("counts", {}).get("lines", 1))}
    for gate in report.get("gates", []):
        if gate["passed"]:
            continue
        rule_id = f"gate/{gate['section']}.{gate['metric']}"
        index = run.rule(rule_id, f"Quality gate on {gate['section']}.{gate['metric']}", "error", ["textkit", "gate"])
        result = {
            "ruleId": rule_id,
            "ruleIndex": index,
            "level": "error",
            "message": {"text": gate["description"]},
            "locations": _locations(where, whole_file),
            "properties": {k: gate[k] for k in ("gate", "value", "baseline", "measured", "threshold", "note")},
        }
        run.results.append(json_format.compact(result))


def _sarif(reports: Iterable[dict[str, Any] | tuple[dict[str, Any], Any]], failures: Iterable[Failure], version: str, results) -> dict[str, Any]:
    """The SARIF log of these reports and unreadable inputs, its results made by ``results(run)``.

    A report may come as ``(report, pieces)``: its :func:`sarif_pieces` (or None).
    """
    run = _SarifRun()
    plugins: list[dict[str, str]] = []
    for source, message in failures:
        run.notify("error", f"cannot read: {message}", source)
    for item in reports:
        report, pieces = item if isinstance(item, tuple) else (item, None)
        plugins = plugins or report["tool"].get("plugins", [])
        version = version or report["tool"]["version"]
        _sarif_document(run, report, pieces)
    driver: dict[str, Any] = {"name": "textkit", "rules": run.rules}
    if version:
        driver["version"] = version
    tool: dict[str, Any] = {"driver": driver}
    if plugins:
        tool["extensions"] = [{"name": p["name"], "version": p["version"]} for p in plugins]
    failed = any(n["level"] == "error" for n in run.notifications)
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": tool,
                "invocations": [{"executionSuccessful": not failed, "toolExecutionNotifications": run.notifications}],
                "artifacts": run.artifacts,
                "columnKind": "unicodeCodePoints",
                "results": results(run),
            }
        ],
    }


def sarif_log(reports: Iterable[dict[str, Any]], failures: Iterable[Failure] = (), version: str = "") -> dict[str, Any]:
    """The SARIF log (a dict) of these reports and unreadable inputs."""
    return _sarif(reports, failures, version, lambda run: [json.loads(r) for r in run.results])


def sarif_text(reports: Iterable[dict[str, Any]], failures: Iterable[Failure] = (), version: str = "") -> str:
    """:func:`sarif_log` as ``-f sarif`` writes it: laid out as -f json is (``json_format.dumps``),
    one result per line, the results put in as they were encoded."""
    return "".join(_sarif_pieces(reports, failures, version))


def _sarif_pieces(reports, failures: Iterable[Failure], version: str) -> list[str]:
    """:func:`sarif_text` in the pieces it joins."""
    pieces: list[str] = []
    json_format.lay_out(_sarif(reports, failures, version, lambda run: json_format.EncodedItems(run.results)), pieces)
    pieces.append("\n")
    return pieces


# Laid out as -f json is (json_format.dumps): one result per line. Indenting every level made a
# corpus's log several times larger and its writing, in Python's indenting encoder, most of a
# cached run's time.
def render_sarif(report, options=None) -> str:
    return sarif_text([report.to_dict()])


def render_sarif_corpus(corpus, options=None) -> str:
    return sarif_text(_corpus_sarif_reports(corpus), corpus_failures(corpus), corpus.tool_version)


def write_sarif_corpus(corpus, options, stream) -> None:
    """:func:`render_sarif_corpus` as UTF-8 to a binary stream: a corpus's log is never one string."""
    json_format.write_pieces(stream, _sarif_pieces(_corpus_sarif_reports(corpus), corpus_failures(corpus), corpus.tool_version))


def _corpus_sarif_reports(corpus) -> Iterable[tuple[dict[str, Any], Any]]:
    # SARIF reads findings, never a section's data: that is not even decoded. A report from the cache
    # brings its results' pieces (sarif_pieces), and then not even its findings are.
    for report, text in corpus.iter_reports_with_text("sarif", data=False):
        yield report, marshal.loads(text) if text else None


_IANA = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
    "utf-32": "UTF-32", "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE", "ascii": "US-ASCII",
    "latin-1": "ISO-8859-1", "iso8859-1": "ISO-8859-1", "mac-roman": "macintosh", "koi8-r": "KOI8-R",
    "koi8-u": "KOI8-U", "shift-jis": "Shift_JIS", "euc-jp": "EUC-JP", "euc-kr": "EUC-KR", "gb2312": "GB2312",
    "gbk": "GBK", "gb18030": "GB18030", "big5": "Big5", "cp437": "IBM437", "cp850": "IBM850", "cp866": "IBM866",
    "iso2022-jp": "ISO-2022-JP", "utf-7": "UTF-7", "hz": "HZ-GB-2312",
}


def iana_encoding(name: str) -> str:
    """The IANA charset name SARIF expects ("windows-1250") for a Python codec name ("cp1250", "utf_8_sig")."""
    import codecs

    try:
        canonical = codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        canonical = name.lower().replace("_", "-")
    if canonical in _IANA:
        return _IANA[canonical]
    if canonical.startswith("cp125") and canonical[2:].isdigit():
        return f"windows-{canonical[2:]}"
    if canonical.startswith("iso8859-"):
        return f"ISO-8859-{canonical[8:]}"
    return canonical.upper()


# -- junit ----------------------------------------------------------------------------------

# Characters XML 1.0 cannot carry at all, even escaped (most C0 controls).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: Any) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


def _case(suite: ET.Element, document: str, name: str, time_ms: float | None = None) -> ET.Element:
    case = ET.SubElement(suite, "testcase", classname=_xml_text(document), name=_xml_text(name))
    if time_ms is not None:
        case.set("time", f"{time_ms / 1000:.3f}")
    return case


def _outcome(case: ET.Element, tag: str, message: str, kind: str, body: str | None = None) -> None:
    element = ET.SubElement(case, tag, message=_xml_text(message), type=_xml_text(kind))
    element.text = _xml_text(body if body is not None else message)


def _junit_document(suite: ET.Element, report: dict[str, Any]) -> None:
    source = report["document"]["source"]
    gates = report.get("gates", [])
    for gate in gates:
        case = _case(suite, source, gate["gate"])
        if not gate["passed"]:
            _outcome(case, "failure", gate["description"], "gate")
    for section in report["sections"]:
        if gates and section["status"] != ERROR:
            continue
        case = _case(suite, source, f"section {section['id']}", section.get("elapsed_ms"))
        if section["status"] == ERROR:
            error = section.get("error") or {}
            _outcome(case, "error", _section_error(section), error.get("type", "Error"))
        elif section["status"] == SKIPPED:
            ET.SubElement(case, "skipped", message=_xml_text("; ".join(section["warnings"]) or "skipped"))
        elif section["warnings"]:
            ET.SubElement(case, "system-out").text = _xml_text("\n".join(section["warnings"]))


def junit_tree(reports: Iterable[dict[str, Any]], failures: Iterable[Failure] = (), version: str = "") -> ET.Element:
    """The ``<testsuites>`` element of these reports and unreadable inputs."""
    root = ET.Element("testsuites", name="textkit")
    suite = ET.SubElement(root, "testsuite", name="textkit")
    for source, message in failures:
        _outcome(_case(suite, source, "read"), "error", message, "InputError")
    for report in reports:
        version = version or report["tool"]["version"]
        _junit_document(suite, report)
    if version:
        properties = ET.Element("properties")
        ET.SubElement(properties, "property", name="textkit.version", value=_xml_text(version))
        suite.insert(0, properties)
    cases = suite.findall("testcase")
    counts = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    for key, value in counts.items():
        suite.set(key, str(value))
        if key != "skipped":  # the JUnit schema (Jenkins) has no "skipped" on <testsuites>
            root.set(key, str(value))
    return root


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render_junit(report, options=None) -> str:
    return _xml(junit_tree([report.to_dict()]))


def render_junit_corpus(corpus, options=None) -> str:
    # A test case per gate or section: neither findings nor data are read (nor decoded).
    return _xml(junit_tree(corpus.iter_reports(findings=False, data=False), corpus_failures(corpus), corpus.tool_version))
