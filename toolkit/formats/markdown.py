"""GitHub-flavoured Markdown: a summary table, then one part per section."""

from __future__ import annotations

import re

from ..model import FINDINGS
from . import _display as show
from . import ci

# Characters that would end a table cell or start markup if copied raw.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")


# What GitHub turns into a ping, a cross-reference or a link even in escaped text:
# @user, @org/team, #123 (also repo#123, GH-123 needs the #-less form), and
# autolinked URLs (scheme:// and www.). A zero-width space after the trigger
# keeps the text readable and stops the link.
_LIVE = re.compile(r"(@|#(?=\d)|\bGH-(?=\d)|(?i:\b(?:https?|ftp|mailto|file)(?=:))|(?i:\bwww(?=\.)))")
_ZWSP = "\u200b"


def escape(text: str) -> str:
    """Document text made inert inside Markdown (and inside a table cell): no markup, mentions or links."""
    flat = re.sub(r"\s+", " ", text).strip()
    flat = _LIVE.sub(lambda m: m.group() + _ZWSP, flat.replace("&", "&amp;"))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def _num(value) -> str:
    return "" if value is None else show.number(value)


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def render(report, options=None) -> str:
    doc = report.document
    counts = doc.counts()
    out = [
        f"# textkit report: {escape(doc.source)}",
        "",
        f"{show.document_sizes(counts, doc.size_bytes, escape(doc.encoding))} · sha256 `{doc.sha256[:12]}` · "
        f"textkit {report.tool_version}",
        "",
    ]
    if report.gates:
        out += ["**Gates**", "", _row(["", "Gate", "Value", "Baseline", "Threshold"]), _row(["---"] * 5)]
        for g in report.gates:
            out.append(_row([show.gate_mark(g), escape(str(g.gate)), _num(g.value), _num(g.baseline), _num(g.gate.threshold)]))
        out.append("")
    out += [
        _row(["Section", "Status", "Headline"]),
        _row(["---", "---", "---"]),
    ]
    for section in report.sections:
        headline = ", ".join(f"{show.label(k)} {show.number(v)}" for k, v in list(section.metrics.items())[:3])
        out.append(_row([escape(section.title), section.status, escape(headline)]))
    for section in report.sections:
        out += ["", f"## {escape(section.title)}", ""]
        if section.error:
            out += [f"**Error** `{escape(section.error['type'])}`: {escape(section.error['message'])}", ""]
        if section.metrics:
            out += [_row(["Metric", "Value"]), _row(["---", "---:"])]
            out += [
                _row([escape(show.label(k)), escape(show.metric_value(report, section.id, k, v))])
                for k, v in section.metrics.items()
            ]
            out.append("")
        for warning in section.warnings:
            out += [f"> ⚠ {escape(warning)}", ""]
        for part in show.parts(section):
            out += _findings(section) if part == FINDINGS else _data(section, part)
    out += _not_annotated([report.to_dict()])
    return "\n".join(out) + "\n"


def _not_annotated(reports, failures=()) -> list[str]:
    """A line saying, per level, how many annotations GitHub would not show (-f github); none if all fit."""
    counts = ci.not_annotated(ci.annotation_totals(reports, failures))
    if not counts:
        return []
    return [
        "",
        f"Not annotated on GitHub (at most {ci.MAX_ANNOTATIONS_PER_LEVEL} of each level per step): {counts}; "
        "the HTML, SARIF and JSON reports list them all.",
    ]


def _data(section, key: str) -> list[str]:
    values = show.numbers(section, key)
    if values is not None:
        return [f"{escape(show.label(key))}: `{show.sparkline(values)}`", ""]
    shaped = show.table(section, key)
    if shaped is None:
        return []
    columns, rows, total = shaped
    out = [f"**{escape(show.label(key))}**", "", _row([escape(show.label(c)) for c in columns])]
    out.append(_row(["---"] * len(columns)))
    out += [_row([escape(c) for c in row]) for row in rows]
    if total > len(rows):
        out.append(f"\n… {total - len(rows)} more in the JSON report")
    return out + [""]


def _findings(section) -> list[str]:
    if not section.findings:
        return []
    out = ["<details><summary>Findings</summary>", ""]
    out += [_row(["Line:col", "Kind", "Text", "Note"]), _row(["---", "---", "---", "---"])]
    for f in section.findings[: show.MAX_FINDINGS * 4]:
        out.append(_row([f"{f.line}:{f.column}", escape(f.kind), escape(show.excerpt(f.text, 60)), escape(f.message)]))
    return out + ["", "</details>"]


def render_corpus(corpus, options=None) -> str:
    summary = corpus.summary
    columns = show.corpus_columns(summary)
    out = [f"# textkit report: {escape(show.corpus_caption(summary))}", ""]
    out.append(_row(["Document", "Status", "Words", *(escape(h) for _, h in columns)]))
    out.append(_row(["---", "---", "---:", *("---:" for _ in columns)]))
    for row in summary.rows:
        out.append(_row([escape(row["source"]), escape(row["status"]), f"{row['words']:,}", *show.corpus_cells(row, columns)]))
    if summary.gate_results:
        failed = [g for g in summary.gate_results if not g["passed"]]
        out += ["", f"**Gates**: {len(summary.gate_results) - len(failed)} passed, {len(failed)} failed", ""]
        if failed:
            out += [_row(["", "Document", "Gate", "Value"]), _row(["---"] * 4)]
            out += [_row(["✗", escape(g["document"]), escape(g["gate"]), _num(g["value"])]) for g in failed]
    errors = [row for row in summary.rows if row.get("error")]
    if errors:
        out += ["", *(f"- {escape(row['source'])}: {escape(row['error'])}" for row in errors)]
    for key, records in summary.totals(show.MAX_TOTAL_ROWS).items():
        out += ["", f"## {escape(summary.total_title(key))} across all documents", "", _row(["Name", "Count", "Documents"])]
        out.append(_row(["---", "---:", "---:"]))
        out += [_row([escape(r["name"]), str(r["count"]), str(r["documents"])]) for r in records]
    out += _not_annotated(corpus.iter_reports(data=False), ci.corpus_failures(corpus))  # counts findings: data is not read
    return "\n".join(out) + "\n"
