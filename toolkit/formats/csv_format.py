"""CSV: the table ``textkit.to_frame`` gives, a row per document and a column per ``section.metric``."""

from __future__ import annotations

import csv
import io

from ..frames import document_rows


def _write(rows) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def render(report, options=None) -> str:
    return _write(document_rows([report]))


def render_corpus(corpus, options=None) -> str:
    """One header, then a row per document (and per unreadable input, with its status)."""
    reports = iter(document_rows(corpus.reports))
    rows = [
        {"source": r["source"], "status": "input error"} if r["status"] == "input error" else next(reports)
        for r in corpus.summary.rows
    ]
    columns = list(dict.fromkeys(c for row in rows for c in row))
    return _write([{c: row.get(c) for c in columns} for row in rows])
