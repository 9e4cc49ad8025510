"""The JSON formats: one report is exactly ``Report.to_dict()``; JSON Lines is one report per line."""

from __future__ import annotations

import json


def render(report, options=None) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_corpus(corpus, options=None) -> str:
    """Several documents: ``{"schema_version", "tool", "summary", "documents": [report, ...]}``."""
    return corpus.to_json() + "\n"  # one report held as a dict at a time, not all of them


def render_line(report, options=None) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, allow_nan=False) + "\n"
