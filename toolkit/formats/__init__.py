"""The output formats that ship with textkit, registered like any plugin's."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..model import Format
from . import ci, html, json_format, markdown, text


@hookimpl
def register_formats(register):
    register(
        Format("text", text.render, "txt", "Readable terminal report (colour on a terminal)", text.render_corpus)
    )
    register(
        Format(
            "json", json_format.render, "json", "The full report as JSON (schema in docs/json-report.md)",
            json_format.render_corpus, corpus_needs_reports=True,
        )
    )
    register(Format("jsonl", json_format.render_line, "jsonl", "One JSON report per line, streamed", streams=True))
    register(Format("markdown", markdown.render, "md", "GitHub-flavoured Markdown", markdown.render_corpus, corpus_needs_reports=True))
    register(Format("html", html.render, "html", "One self-contained HTML page with charts and the highlighted text", html.render_corpus, corpus_needs_reports=True))
    register(Format("github", ci.render_github, "txt", "GitHub Actions annotations (::error, ::warning, ::notice)", ci.render_github_corpus, corpus_needs_reports=True))
    register(Format("sarif", ci.render_sarif, "sarif", "SARIF 2.1.0 for code scanning", ci.render_sarif_corpus, corpus_needs_reports=True))
    register(Format("junit", ci.render_junit, "xml", "JUnit XML: a test case per gate per document", ci.render_junit_corpus, corpus_needs_reports=True))
