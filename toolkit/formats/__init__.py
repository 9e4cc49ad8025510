"""The output formats that ship with textkit, registered like any plugin's.

Each format's module is imported when the format is used, not when it is
registered, so listing formats and plugins stays instant.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from ..hookspecs import hookimpl
from ..model import Format


def _lazy(module: str, function: str) -> Callable[..., Any]:
    def call(subject, options=None, *stream):  # render(subject, options) or write_corpus(corpus, options, stream)
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(subject, options, *stream)

    call.__name__ = call.__qualname__ = function
    call.__doc__ = f"textkit.formats.{module}.{function}, imported on first use."
    return call


@hookimpl
def register_formats(register):
    register(Format("text", _lazy("text", "render"), "txt", "Readable terminal report (colour on a terminal)", _lazy("text", "render_corpus")))
    register(
        Format(
            "json", _lazy("json_format", "render"), "json", "The full report as JSON (schema in docs/json-report.md)",
            _lazy("json_format", "render_corpus"), corpus_needs_reports=True, write_corpus=_lazy("json_format", "write_corpus"),
        )
    )
    register(Format("jsonl", _lazy("json_format", "render_line"), "jsonl", "One JSON report per line, streamed", streams=True, reads_encoded_sections=True))
    register(Format("markdown", _lazy("markdown", "render"), "md", "GitHub-flavoured Markdown", _lazy("markdown", "render_corpus"), corpus_needs_reports=True))
    register(Format("html", _lazy("html", "render"), "html", "One self-contained HTML page with charts and the highlighted text", _lazy("html", "render_corpus"), corpus_needs_reports=True))
    register(Format("github", _lazy("ci", "render_github"), "txt", "GitHub Actions annotations (::error, ::warning, ::notice)", _lazy("ci", "render_github_corpus"), corpus_needs_reports=True))
    register(
        Format(
            "sarif", _lazy("ci", "render_sarif"), "sarif", "SARIF 2.1.0 for code scanning", _lazy("ci", "render_sarif_corpus"),
            corpus_needs_reports=True, write_corpus=_lazy("ci", "write_sarif_corpus"),
        )
    )
    register(Format("junit", _lazy("ci", "render_junit"), "xml", "JUnit XML: a test case per gate per document", _lazy("ci", "render_junit_corpus"), corpus_needs_reports=True))
    register(Format("csv", _lazy("csv_format", "render"), "csv", "A row per document, a column per section.metric (as textkit.to_frame)", _lazy("csv_format", "render_corpus"), corpus_needs_reports=True))
