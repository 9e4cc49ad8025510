"""What the human-readable formats (text, Markdown) share: how numbers,
excerpts and a section's data look, so both formats say the same thing."""

from __future__ import annotations

import re
from typing import Any

from ..escape import terminal_text as safe
from ..model import FINDINGS

MAX_FINDINGS = 8
MAX_TABLE_ROWS = 12
_SPARK = "▁▂▃▄▅▆▇█"


def number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    return f"{value:.2f}"


def document_sizes(counts: dict, size_bytes: int, encoding: str) -> str:
    """The header line of one document: "12 words · 1 sentence · 1 paragraph · 80 bytes (utf-8)"."""
    sizes = " · ".join(plural(counts.get(name, 0), name[:-1]) for name in ("words", "sentences", "paragraphs"))
    return f"{sizes} · {plural(size_bytes, 'byte')} ({encoding})"


def excerpt(text: str, limit: int = 80) -> str:
    flat = safe(re.sub(r"\s+", " ", text).strip())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, (int, float)):
        return number(value)
    return safe(str(value))


def parts(section) -> list[str]:
    """What a human-readable format shows of a section, in order (see Result.display)."""
    return list(section.display) if section.display else [FINDINGS]


def table(section, key: str) -> tuple[list[str], list[list[str]], int] | None:
    """(columns, rows, total rows) if ``data[key]`` is a list of flat records."""
    value = section.data.get(key)
    if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
        return None
    columns: list[str] = []
    for record in value:
        for name, v in record.items():
            if name not in columns and not isinstance(v, dict):
                columns.append(name)
    rows = [[cell(record.get(c)) for c in columns] for record in value[:MAX_TABLE_ROWS]]
    return columns, rows, len(value)


def numbers(section, key: str) -> list[float] | None:
    """``data[key]`` if it is a list of plain numbers (e.g. a sentiment arc)."""
    value = section.data.get(key)
    if (
        isinstance(value, list)
        and len(value) > 1
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        return value
    return None


def sparkline(values: list[float]) -> str:
    """Bars scaled to the data, with zero inside the scale: counts start at the
    lowest bar, and a series of both signs keeps its zero line."""
    low, high = min(0, *values), max(0, *values)
    span = (high - low) or 1.0
    return "".join(_SPARK[min(len(_SPARK) - 1, max(0, int((v - low) / span * len(_SPARK))))] for v in values)


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """``"1 word"``, ``"1,234 words"``."""
    return f"{number(count) if count >= 1000 else count} {word if count == 1 else plural_form or word + 's'}"


def label(name: str) -> str:
    return safe(name.replace("_", " "))


MAX_TOTAL_ROWS = 15


def corpus_columns(summary) -> list[tuple[str, str]]:
    """(section id, header) for each section's headline column, e.g. ("readability", "Readability: sentences")."""
    columns = []
    for section_id in summary.section_ids:
        metric = next((r["headline"][section_id]["metric"] for r in summary.rows if section_id in r["headline"]), None)
        if metric:
            columns.append((section_id, f"{summary.title(section_id)}: {label(metric)}"))
    return columns


def corpus_cells(row, columns) -> list[str]:
    return [number(row["headline"][sid]["value"]) if sid in row["headline"] else "" for sid, _ in columns]


def corpus_caption(summary) -> str:
    text = f"{plural(len(summary.rows), 'document')} · {plural(summary.words, 'word')}"
    if summary.failed_inputs:
        text += f" · {summary.failed_inputs} could not be read"
    if summary.failed_sections:
        text += f" · {summary.failed_sections} failed sections"
    return text


def metric_value(report, section_id: str, name: str, value: float) -> str:
    """The value, followed by its change against the baseline when the run has one."""
    change = report.changes.get(section_id, {}).get(name) if report.changes else None
    if change is None:
        return number(value)
    delta = change["change"]
    if delta == 0:
        return f"{number(value)} (±0)"
    return f"{number(value)} ({'+' if delta > 0 else '−'}{number(abs(delta))})"


def gate_mark(result) -> str:
    if not getattr(result, "applicable", True) and result.passed:
        return "–"  # not applicable: neither passed nor failed
    return "✓" if result.passed else "✗"
