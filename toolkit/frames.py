"""Reports as tables: a row per document (``to_frame``), a row per finding (``findings_frame``).

The rows are plain dicts, so the ``csv`` format writes the same table
without pandas; ``to_frame`` and ``findings_frame`` hand them to pandas,
an optional extra (``pip install 'textkit[pandas]'``), imported only here.
"""

from __future__ import annotations

from typing import Any, Iterable

DOCUMENT_COLUMNS = ("source", "status", "words", "sentences", "paragraphs", "characters")
FINDING_COLUMNS = (
    "source", "section", "kind", "severity", "line", "column", "end_line", "end_column", "start", "end", "text", "message",
)


def _as_dicts(reports: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """Reports, their ``to_dict()``, or ``(path, report-or-error)`` pairs from ``analyze_paths``, as dicts."""
    for item in reports:
        if isinstance(item, tuple) and len(item) == 2:
            path, item = item
            if isinstance(item, Exception):
                yield {"document": {"source": str(path)}, "sections": [], "input_error": str(item)}
                continue
        yield item if isinstance(item, dict) else item.to_dict()


def _status(report: dict[str, Any]) -> str:
    if "input_error" in report:
        return "input error"
    if any(s["status"] == "error" for s in report["sections"]):
        return "error"
    if any(not g["passed"] for g in report.get("gates", [])):
        return "gate failed"
    return "ok"


def document_rows(reports: Iterable[Any]) -> list[dict[str, Any]]:
    """A row per document: source, status, counts, then ``section.metric`` for every metric.

    A metric a document does not have (its section skipped or failed) is None.
    Columns are the union over all documents, in first-seen order.
    """
    rows = []
    for report in _as_dicts(reports):
        counts = report["document"].get("counts", {})
        row: dict[str, Any] = {
            "source": report["document"]["source"],
            "status": _status(report),
            **{name: counts.get(name) for name in DOCUMENT_COLUMNS[2:]},
        }
        for section in report["sections"]:
            for name, value in section["metrics"].items():
                row[f"{section['id']}.{name}"] = value
        rows.append(row)
    columns = list(dict.fromkeys(c for row in rows for c in row))
    return [{c: row.get(c) for c in columns} for row in rows]


def finding_rows(reports: Iterable[Any]) -> list[dict[str, Any]]:
    """A row per finding of every document, in report order."""
    rows = []
    for report in _as_dicts(reports):
        source = report["document"]["source"]
        for section in report["sections"]:
            for finding in section["findings"]:
                row = {"source": source, "section": section["id"]}
                row.update({c: finding.get(c, "info" if c == "severity" else None) for c in FINDING_COLUMNS[2:]})
                rows.append(row)
    return rows


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("textkit.to_frame needs pandas: pip install 'textkit[pandas]'") from None
    return pandas


def to_frame(reports: Iterable[Any]):
    """A pandas DataFrame with a row per document and a column per ``section.metric``.

    ``reports``: Report objects, JSON report dicts, or what
    :func:`textkit.analyze_paths` yields (an unreadable file is a row with
    status "input error").
    """
    pandas = _pandas()
    rows = document_rows(reports)
    return pandas.DataFrame(rows, columns=list(rows[0]) if rows else list(DOCUMENT_COLUMNS))


def findings_frame(reports: Iterable[Any]):
    """A pandas DataFrame with a row per finding: source, section, kind, severity, position, text, message."""
    return _pandas().DataFrame(finding_rows(reports), columns=list(FINDING_COLUMNS))
