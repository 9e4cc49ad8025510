"""The values that flow between the core, analyzers and renderers.

Everything here is plain data: an analyzer builds a :class:`Result`, the core
wraps it into a :class:`Section`, and renderers read sections through
``to_dict()`` so that the JSON format and every other format see the same thing.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

# Section status values, as they appear in the JSON report.
OK = "ok"
ERROR = "error"
SKIPPED = "skipped"

# The entry of Result.display that places the findings list.
FINDINGS = "findings"

# A finding's severity, least serious first.
SEVERITIES = ("info", "warning", "error")


# Slots: a document holds a Word per word, built in the segmenter's hot loop
# (see segment._words) and kept for the whole run.
@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Finding:
    """One located observation, such as an irony marker or an entity mention.

    Build findings with :meth:`textkit.Document.finding`, which fills in
    ``line``, ``column``, ``end_line``, ``end_column`` and ``text`` from the
    offsets. Positions are in the original file (for Markdown or HTML, in the
    markup); ``end_column`` is just past the last character.
    """

    kind: str
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    data: Mapping[str, Any] = field(default_factory=dict)
    # After ``data`` so that findings built positionally before schema 1.2 keep working.
    end_line: int | None = None
    end_column: int | None = None
    # "info" (an observation), "warning" or "error"; SARIF and GitHub annotations use it.
    severity: str = "info"

    def to_dict(self) -> dict[str, Any]:
        end_line, end_column = self.end_line, self.end_column
        if end_line is None or end_column is None:  # built by hand: derive the end from the text
            breaks = self.text.count("\n")
            end_line = self.line + breaks
            end_column = self.column + len(self.text) if not breaks else len(self.text) - self.text.rfind("\n")
        return {
            "kind": self.kind,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": end_line,
            "end_column": end_column,
            "text": self.text,
            "severity": self.severity,
            "data": dict(self.data),
        }


@dataclass
class Result:
    """What an analyzer returns: the body of its report section.

    ``metrics`` are headline numbers (name -> int or float), ``findings`` are
    located items, ``data`` is any further JSON-compatible structure the
    analyzer documents, ``warnings`` are caveats a reader should see (for
    example "SMOG needs 30 sentences"). ``display`` names what the
    human-readable formats show beyond the metrics, in order: keys of
    ``data`` (a list of flat records becomes a table, a list of numbers a
    sparkline) and ``"findings"`` for the located findings. An empty
    ``display`` shows the findings only. Everything is always in the JSON.
    """

    metrics: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    display: list[str] = field(default_factory=list)


class Skip(Exception):
    """Raise from an analyzer when it has nothing to say about this document.

    The section is kept with status ``skipped`` and the message as its reason,
    so a reader can tell "not applicable" from "failed".
    """


class InvalidResult(TypeError):
    """An analyzer returned something that is not a valid :class:`Result`."""


@dataclass(frozen=True)
class Analyzer:
    """An analyzer as a plugin registers it.

    ``analyze(document, config)`` is called once per document and returns a
    :class:`Result` (or raises :class:`Skip`). ``id`` names the report section
    and must be unique; ``order`` places the section in the report (lower
    first, then by id) so reports are stable whatever order plugins load in.
    ``settings`` declares the analyzer's options (:class:`textkit.Setting`):
    textkit checks the configuration against them and fills in defaults.
    """

    id: str
    title: str
    analyze: Callable[..., Result]
    description: str = ""
    order: int = 500
    settings: tuple = ()


@dataclass(frozen=True)
class PluginInfo:
    name: str
    version: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}


@dataclass
class Section:
    """One analyzer's part of the report, as the core recorded it."""

    id: str
    title: str
    plugin: PluginInfo
    status: str
    metrics: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    display: list[str] = field(default_factory=list)
    error: dict[str, str] | None = None
    elapsed_ms: float = 0.0
    # Why the analyzer skipped this document (status "skipped"), else None.
    skip_reason: str | None = None

    def __repr__(self) -> str:
        return (
            f"<Section {self.id!r} {self.status}: {len(self.metrics)} metrics, {len(self.findings)} findings"
            f"{', ' + self.skip_reason if self.skip_reason else ''}>"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "plugin": self.plugin.to_dict(),
            "status": self.status,
            "metrics": dict(self.metrics),
            "findings": [f.to_dict() for f in self.findings],
            "data": self.data,
            "warnings": list(self.warnings),
            "display": list(self.display),
            "error": self.error,
            "skip_reason": self.skip_reason,
            "elapsed_ms": self.elapsed_ms,
        }


# The one compact JSON encoder: JSON Lines, everything below -f json's outline, and the check
# that a result's data is JSON (so that its text can serve JSON Lines as it is).
compact_json = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def check_result(result: object) -> Result:
    """Return ``result`` if it is a well-formed :class:`Result`, else raise InvalidResult.

    Renderers and CI gates rely on metrics being finite numbers and findings
    being Finding objects, so a plugin's mistake is caught here, at its own
    section, instead of crashing a renderer later for everybody.
    """
    return checked_result(result)[0]


def checked_result(result: object) -> tuple[Result, str]:
    """:func:`check_result`, and the result's ``data`` as :data:`compact_json` wrote it to check it."""
    if not isinstance(result, Result):
        raise InvalidResult(f"analyzer returned {type(result).__name__}, expected textkit.Result")
    if not isinstance(result.metrics, dict):
        raise InvalidResult("Result.metrics must be a dict")
    for name, value in result.metrics.items():
        if not isinstance(name, str):
            raise InvalidResult(f"metric name {name!r} is not a string")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidResult(f"metric {name!r} is {type(value).__name__}, expected a number")
        if not math.isfinite(value):
            raise InvalidResult(f"metric {name!r} is not finite ({value})")
    if not isinstance(result.findings, list) or not all(isinstance(f, Finding) for f in result.findings):
        raise InvalidResult("Result.findings must be a list of textkit.Finding")
    for finding in result.findings:
        if finding.severity not in SEVERITIES:
            raise InvalidResult(f"finding severity {finding.severity!r} is not one of {', '.join(SEVERITIES)}")
    if not isinstance(result.data, dict):
        raise InvalidResult("Result.data must be a dict")
    try:
        data_json = compact_json(result.data)
    except (TypeError, ValueError) as exc:
        raise InvalidResult(f"Result.data is not JSON-compatible: {exc}") from None
    if not isinstance(result.warnings, list) or not all(isinstance(w, str) for w in result.warnings):
        raise InvalidResult("Result.warnings must be a list of strings")
    missing = [key for key in result.display if key not in result.data and key != FINDINGS]
    if missing:
        raise InvalidResult(f"Result.display names keys that are not in data: {missing}")
    return result, data_json


@dataclass(frozen=True)
class RenderOptions:
    """How the caller wants output rendered: colour only on a terminal, and its width.

    ``terminal`` says the output goes to a terminal: only then may a format
    fit a wide table to ``width`` by shortening it. Output for a file or a
    pipe is never truncated.
    """

    color: bool = False
    width: int = 100
    terminal: bool = False


@dataclass(frozen=True)
class Format:
    """An output format as a plugin registers it.

    ``render(report, options)`` returns the whole output as text; ``options``
    is a :class:`RenderOptions`. ``extension`` is the usual file ending
    (without the dot), used in listings and by tools that name files.
    """

    name: str
    render: Callable[..., str]
    extension: str = "txt"
    description: str = ""
    # For several documents: ``render_corpus(corpus, options)`` gets a
    # :class:`textkit.Corpus`; without it, each report is rendered in turn.
    render_corpus: Callable[..., str] | None = None
    # Whether render_corpus needs every report (as dicts) or the summary only.
    corpus_needs_reports: bool = False
    # A streaming format (JSON Lines) writes each report as soon as it is ready.
    streams: bool = False
    # ``render`` also takes a report whose sections kept only their metrics, status,
    # warnings and error, with the whole sections list as JSON text in
    # ``report.encoded_sections``: worker processes (--jobs) then encode the
    # sections themselves, and the parent does little more than write.
    reads_encoded_sections: bool = False
    # Optional, beside render_corpus: ``write_corpus(corpus, options, stream)`` writes the same
    # output, UTF-8 encoded, to a binary stream, for an output of many megabytes (a corpus's
    # JSON) that need then never exist as one string. Used when the output is UTF-8.
    write_corpus: Callable[..., None] | None = None


@dataclass(frozen=True)
class Loader:
    """An input format as a plugin registers it.

    ``extract(text)`` receives the decoded file and returns a
    :class:`textkit.Extracted`: the prose to analyze plus where each piece
    came from, so findings point at lines and columns of the original file.
    ``extensions`` (without dots) choose the loader for a path unless the
    user names one with ``--input-format``.
    """

    name: str
    extensions: tuple[str, ...]
    extract: Callable[[str], Any]
    description: str = ""
