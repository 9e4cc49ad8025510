"""A self-contained HTML page: the summary, charts, and the text with its markers.

One file that opens anywhere, offline, e.g. from a CI artifact: the styles are
inline, the charts are inline SVG drawn here, and the page has no script at
all. Every piece of text that comes from a document or a plugin (the text,
findings, entity names, titles, paths, error messages) goes through
:func:`html.escape`; a Content-Security-Policy meta tag that forbids scripts
and network loads is a second line of defence, not the first.

The page is drawn from ``Report.to_dict()``, so one report and the reports of
a corpus (which arrive as dicts) share the code. The charts know the built-in
sections (readability grades against their usual ranges, the sentiment arc,
entity and irony-family counts) and are left out when their section is
missing, skipped or failed. Every section, a plugin's included, is also shown
generically: metrics, warnings, number series as bar charts, tables of
records, findings.

A corpus page has a summary table, totals across documents, then each
document's cards, charts and findings. It has no highlighted text: reports
arrive as dicts and the text is not in them (and a corpus page holding every
document's text would be too heavy to open); the single-document page has it.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from itertools import pairwise
from types import SimpleNamespace
from typing import Any, NamedTuple

from ..model import ERROR, FINDINGS, OK
from . import _display as show

# No script, no network: anything that slipped past escaping still could not run or call home.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

# Findings drawn over the text: section id -> kinds (None: every kind).
_HIGHLIGHT: dict[str, set[str] | None] = {"irony": None, "readability": {"long_sentence"}}
# Built-in sections whose findings are not drawn in the text: entity mentions have their own table,
# sentiment's are whole sentences. Every other section (any plugin's) has all its located findings drawn.
_NOT_HIGHLIGHTED = {"entities", "sentiment"}

# What a reader sees first of a built-in section; other sections show their first metrics.
_HEADLINES = {
    "readability": ["consensus_grade", "flesch_reading_ease", "flesch_kincaid_grade", "reading_time_seconds"],
    "sentiment": ["compound", "positive_share", "negative_share", "spread"],
    "irony": ["score", "markers", "markers_per_sentence"],
    "entities": ["distinct", "mentions"],
}
_HEADLINE_COUNT = 4

_KIND_NOTES = {
    "long_sentence": "a sentence longer than {long} words",
    "explicit": "irony vocabulary (ironic, sarcasm, satire…)",
    "scare_quotes": "a short phrase in quotes, or “so-called”",
    "aside": "a short parenthetical aside",
    "echo": "a word, aside or phrase said again",
    "hyperbole": "intensifiers and extreme words",
    "tag_question": "a question tag (“…, isn’t it?”)",
    "rhetorical_question": "a formulaic or incredulous question",
    "interjection": "an interjection (“yeah right”, “wow”)",
    "punctuation": "runs of !/? and ellipses",
    "caps": "an ordinary word in capitals",
    "emphatic_sentence": "a one-word sentence",
    "sentiment_contrast": "positive words in a negative situation",
    "ironic_praise": "a stock phrase of mock praise (“thanks a lot”, “oh great”)",
    "understatement": "saying less than is meant (“not exactly”, “to say the least”)",
    "ironic_passage": "one of the most ironic sentences by the irony model",
}

# Usual ranges: U.S. school grades for the grade formulas, Flesch's own table for reading ease.
_GRADE_BANDS = [(0, 6, "elementary"), (6, 9, "middle school"), (9, 12, "high school"), (12, 16, "college"),
                (16, None, "graduate")]
_GRADE_COLOURS = ["#d3f9d8", "#e9fac8", "#fff3bf", "#ffe8cc", "#ffe3e3"]
_EASE_BANDS = [(0, 30, "very difficult"), (30, 50, "difficult"), (50, 60, "fairly difficult"),
               (60, 70, "standard"), (70, 80, "fairly easy"), (80, 90, "easy"), (90, 100, "very easy")]
_EASE_COLOURS = ["#ffe3e3", "#ffe8cc", "#fff3bf", "#f4fce3", "#e9fac8", "#d3f9d8", "#c3fae8"]
_GRADE_ROWS = [
    ("flesch_kincaid_grade", "Flesch–Kincaid"),
    ("gunning_fog", "Gunning fog"),
    ("smog_index", "SMOG"),
    ("coleman_liau_index", "Coleman–Liau"),
    ("automated_readability_index", "ARI"),
    ("dale_chall_grade", "Dale–Chall (as grade)"),
    ("consensus_grade", "Consensus (median)"),
]

_ENTITY_TYPES = {"person": "#4c6ef5", "organisation": "#12b886", "place": "#f59f00", "nationality": "#ae3ec9"}
_OTHER_COLOUR = "#868e96"
_MARK_CLASSES = 12  # k0..k11 in the style sheet; more kinds than that share colours
MAX_BARS = 15
_CHAR_WIDTH = 6.2  # of an 11px chart label, in SVG units, to tell whether a label fits
MAX_FINDINGS = 300


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def _ns(section: dict) -> SimpleNamespace:
    """A section dict with attribute access, for the helpers shared with the text formats."""
    return SimpleNamespace(**section)


def _number(value: Any) -> str:
    return "" if value is None else show.number(value)


def _f(value: float) -> str:
    return f"{value:.1f}"


# --- the page ------------------------------------------------------------------------------------


def render(report, options=None) -> str:
    data = report.to_dict()
    doc = data["document"]
    changes = SimpleNamespace(changes=(data["baseline"] or {}).get("changes", {}))
    body = [
        _top(doc["source"], _facts(doc, data["tool"]["version"]), _baseline_note(data)),
        '<main class="wrap">',
        _gates(data["gates"]),
        _summary(data["sections"], changes, ""),
        _charts(data["sections"], report.document.text),
        _text_part(data["sections"], report.document.text),
        '<h2>Sections</h2>',
        *(_section(s, changes, "") for s in data["sections"]),
        "</main>",
    ]
    return _page(f"textkit report: {doc['source']}", body)


def render_corpus(corpus, options=None) -> str:
    summary = corpus.summary
    anchors: dict[str, str] = {}
    for i, report in enumerate(corpus.reports):
        anchors.setdefault(report["document"]["source"], f"doc-{i}")
    body = [
        _top(show.corpus_caption(summary), f"textkit {corpus.tool_version}", ""),
        '<main class="wrap">',
        _corpus_table(summary, anchors),
        _corpus_gates(summary.gate_results),
        _totals(summary),
        *(_corpus_document(report, f"doc-{i}") for i, report in enumerate(corpus.reports)),
        "</main>",
    ]
    return _page(f"textkit report: {show.corpus_caption(summary)}", body)


def _page(title: str, body: Iterable[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="textkit">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body>\n</html>\n"
    )


def _top(title: str, facts: str, note: str) -> str:
    note_html = f'<div class="facts">{esc(note)}</div>' if note else ""
    return (
        '<header class="top"><div class="wrap">'
        f'<div class="brand">textkit report</div><h1>{esc(title)}</h1>'
        f'<div class="facts">{esc(facts)}</div>{note_html}</div></header>'
    )


def _facts(doc: dict, version: str) -> str:
    counts = doc.get("counts", {})
    return (
        f"{show.document_sizes(counts, doc.get('size_bytes', 0), doc.get('encoding', ''))} · "
        f"sha256 {str(doc.get('sha256', ''))[:12]} · textkit {version}"
    )


def _baseline_note(data: dict) -> str:
    baseline = data.get("baseline")
    return f"compared with {baseline['source']}" if baseline else ""


def _badge(status: str) -> str:
    return f'<span class="badge {_slug(status)}">{esc(status)}</span>'


# --- gates and summary ---------------------------------------------------------------------------


def _gates(gates: list[dict]) -> str:
    if not gates:
        return ""
    failed = sum(not g["passed"] for g in gates)
    rows = "".join(
        f'<tr class="{"pass" if g["passed"] else "fail"}"><td class="gate-mark">'
        f'{esc(show.gate_mark(SimpleNamespace(passed=g["passed"], applicable=g.get("applicable", True))))}</td>'
        f'<td><code>{esc(g["gate"])}</code></td><td class="num">{esc(_number(g["value"]))}</td>'
        f'<td class="num">{esc(_number(g["baseline"]))}</td><td class="num">{esc(_number(g["threshold"]))}</td>'
        f'<td>{esc(g.get("note") or ("passed" if g["passed"] else "FAILED"))}</td></tr>'
        for g in gates
    )
    return (
        f'<section class="card gates" id="gates"><h2>Gates <span class="muted">{len(gates) - failed} passed, '
        f'{failed} failed</span></h2><table><thead><tr><th></th><th>Gate</th><th class="num">Value</th>'
        f'<th class="num">Baseline</th><th class="num">Threshold</th><th>Result</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _headline(section: dict) -> list[tuple[str, float]]:
    metrics = section["metrics"]
    preferred = [(k, metrics[k]) for k in _HEADLINES.get(section["id"], []) if k in metrics]
    return preferred or list(metrics.items())[:_HEADLINE_COUNT]


def _summary(sections: list[dict], changes, prefix: str) -> str:
    cards = []
    for s in sections:
        rows = "".join(
            f'<div class="kv"><span>{esc(show.label(k))}</span>'
            f'<b>{esc(show.metric_value(changes, s["id"], k, v))}</b></div>'
            for k, v in _headline(s)
        )
        note = ""
        if s["status"] == ERROR and s.get("error"):
            note = f'<div class="card-note err">{esc(s["error"]["type"])}: {esc(show.excerpt(s["error"]["message"], 120))}</div>'
        elif s["status"] != OK and s["warnings"]:
            note = f'<div class="card-note">{esc(show.excerpt(s["warnings"][0], 120))}</div>'
        cards.append(
            f'<a class="card summary-card status-{_slug(s["status"])}" href="#{prefix}s-{_slug(s["id"])}">'
            f'<div class="card-head"><span class="card-title">{esc(s["title"])}</span>{_badge(s["status"])}</div>'
            f"{rows}{note}</a>"
        )
    return f'<section class="cards summary">{"".join(cards)}</section>' if cards else ""


def _ok(sections: list[dict], section_id: str) -> dict | None:
    for s in sections:
        if s["id"] == section_id:
            return s if s["status"] == OK else None
    return None


# --- charts --------------------------------------------------------------------------------------


def _charts(sections: list[dict], text: str | None) -> str:
    figures = []
    sentiment, readability = _ok(sections, "sentiment"), _ok(sections, "readability")
    irony, entities = _ok(sections, "irony"), _ok(sections, "entities")
    if sentiment:
        figures.append(_arc_figure(sentiment, text))
    if readability:
        figures.append(_grade_figure(readability))
    pair = [f for f in (_entity_figure(entities) if entities else "", _family_figure(irony) if irony else "") if f]
    figures = [f for f in figures if f]
    if pair:
        figures.append(f'<div class="grid2">{"".join(pair)}</div>')
    return f'<section class="charts">{"".join(figures)}</section>' if figures else ""


def _figure(chart_id: str, caption: str, svg: str, legend: str = "", note: str = "") -> str:
    note_html = f'<p class="muted small">{esc(note)}</p>' if note else ""
    return (
        f'<figure class="card chart" id="chart-{chart_id}"><figcaption>{esc(caption)}</figcaption>'
        f"{svg}{legend}{note_html}</figure>"
    )


def _legend(items: Iterable[tuple[str, str]]) -> str:
    """(swatch HTML, label) pairs; labels are escaped here, swatches are built by this module."""
    return '<div class="legend">' + "".join(f"<span>{sw}{esc(label)}</span>" for sw, label in items) + "</div>"


def _swatch(colour: str, shape: str = "box") -> str:
    return f'<i class="sw {shape}" style="background:{colour}"></i>'


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        # Never narrower than 3/4 of its drawing size, so labels stay readable on a phone
        # (the figure scrolls sideways instead of the page).
        f'<div class="chart-scroll"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'style="min-width:{round(width * 0.75)}px" aria-label="{esc(label)}">' + "".join(body) + "</svg></div>"
    )


def _tick_step(n: int, most: int = 12) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if n / step <= most:
            return step
    return math.ceil(n / most)


def _arc_figure(section: dict, text: str | None) -> str:
    ns = _ns(section)
    arc = show.numbers(ns, "arc")
    if arc is None:
        return ""
    smooth = show.numbers(ns, "smoothed_arc")
    records = section["data"].get("sentences")
    offsets = section["data"].get("offsets")  # flat start, end per sentence: the default, compact form
    if not isinstance(records, list) and isinstance(offsets, list) and len(offsets) == 2 * len(arc):
        records = [{"start": offsets[k], "end": offsets[k + 1]} for k in range(0, len(offsets), 2)]
    if not (isinstance(records, list) and len(records) == len(arc)):
        records = None
    thresholds = section["data"].get("thresholds") or {}
    pos, neg = thresholds.get("positive", 0.05), thresholds.get("negative", -0.05)
    width, height, left, right, top, bottom = 960, 240, 44, 14, 12, 30
    pw, ph, n = width - left - right, height - top - bottom, len(arc)

    def x(i: int) -> float:
        return left + pw * i / (n - 1)

    def y(v: float) -> float:
        return top + ph * (1 - max(-1.0, min(1.0, v))) / 2

    body = [
        f'<rect class="zone-pos" x="{left}" y="{_f(y(1))}" width="{pw}" height="{_f(y(pos) - y(1))}"/>',
        f'<rect class="zone-neu" x="{left}" y="{_f(y(pos))}" width="{pw}" height="{_f(y(neg) - y(pos))}"/>',
        f'<rect class="zone-neg" x="{left}" y="{_f(y(neg))}" width="{pw}" height="{_f(y(-1) - y(neg))}"/>',
    ]
    for v, name in ((1, "+1"), (0.5, "+0.5"), (0, "0"), (-0.5, "−0.5"), (-1, "−1")):
        body.append(f'<line class="grid{" zero" if v == 0 else ""}" x1="{left}" x2="{left + pw}" y1="{_f(y(v))}" y2="{_f(y(v))}"/>')
        body.append(f'<text class="axis" x="{left - 6}" y="{_f(y(v) + 4)}" text-anchor="end">{name}</text>')
    step = _tick_step(n)
    for i in range(0, n, step):
        body.append(f'<text class="axis" x="{_f(x(i))}" y="{height - 10}" text-anchor="middle">{i + 1}</text>')
    body.append(f'<polyline class="arc-raw" points="{_points(arc, x, y)}"/>')
    if smooth and len(smooth) == n:
        body.append(f'<polyline class="arc-smooth" points="{_points(smooth, x, y)}"/>')
    for i, v in enumerate(arc):
        tone = "pos" if v >= pos else "neg" if v <= neg else "neu"
        tip = f"Sentence {i + 1} of {n}: compound {v:+.3f}"
        if records and text is not None:
            start, end = records[i].get("start"), records[i].get("end")
            if isinstance(start, int) and isinstance(end, int):
                tip += "\n“" + show.excerpt(text[start:end], 140) + "”"
        body.append(f'<circle class="dot {tone}" cx="{_f(x(i))}" cy="{_f(y(v))}" r="4"><title>{esc(tip)}</title></circle>')
    window = section["data"].get("smoothing_window")
    legend = _legend(
        [(_swatch("#495057", "dot"), "each sentence (VADER compound)")]
        + ([(_swatch("#3b5bdb", "line"), f"smoothed over {window} sentences" if window else "smoothed")] if smooth else [])
        + [(_swatch("#d3f9d8"), f"positive (≥ {pos:g})"), (_swatch("#f1f3f5"), "neutral"),
           (_swatch("#ffe3e3"), f"negative (≤ {neg:g})")]
    )
    caption = f"Sentiment along the text ({section['data'].get('label', '')}"
    caption += f", mean {section['metrics']['compound']:+.2f})" if "compound" in section["metrics"] else ")"
    svg = _svg(width, height, "sentiment of each sentence, in text order", body)
    return _figure("sentiment", caption, svg, legend, "x: sentence number along the text; hover a dot for the sentence")


def _points(values: list[float], x, y) -> str:
    return " ".join(f"{_f(x(i))},{_f(y(v))}" for i, v in enumerate(values))


def _grade_figure(section: dict) -> str:
    metrics = section["metrics"]
    grades = dict(metrics)
    consensus = section["data"].get("consensus")
    if isinstance(consensus, dict) and isinstance(consensus.get("grades"), dict):
        grades.setdefault("dale_chall_grade", consensus["grades"].get("dale_chall_grade"))
    rows = [(label, grades[key], key == "consensus_grade") for key, label in _GRADE_ROWS
            if isinstance(grades.get(key), (int, float))]
    parts = []
    if rows:
        high = max(20, math.ceil(max(v for _, v, _ in rows)) + 1)
        bands = [(lo, hi if hi is not None else high, name) for lo, hi, name in _GRADE_BANDS]
        parts.append(_range_chart(rows, bands, _GRADE_COLOURS, 0, high, list(range(0, high + 1, 2)), "grade level"))
    if isinstance(metrics.get("flesch_reading_ease"), (int, float)):
        rows = [("Flesch reading ease", metrics["flesch_reading_ease"], False)]
        parts.append(_range_chart(rows, _EASE_BANDS, _EASE_COLOURS, 0, 100, [0, 30, 50, 60, 70, 80, 90, 100],
                                  "reading ease (higher is easier)"))
    if not parts:
        return ""
    note = "Bands: the usual U.S. school grades for the grade formulas; Flesch’s own table for reading ease."
    return _figure("readability", "Readability grades against their usual ranges", "".join(parts), note=note)


def _range_chart(rows, bands, colours, low: float, high: float, ticks: list[float], what: str) -> str:
    """One row per (label, value, strong) over coloured bands ``(lo, hi, name)`` of a common scale."""
    width, label_w, value_w, row_h, axis_h = 960, 190, 64, 26, 18
    x0, x1 = label_w, width - value_w

    def x(v: float) -> float:
        return x0 + (x1 - x0) * (max(low, min(high, v)) - low) / (high - low)

    # Band names that would not fit their band go on two alternating lines.
    stagger = any(len(name) * _CHAR_WIDTH > x(hi) - x(lo) for lo, hi, name in bands)
    band_h = 34 if stagger else 20
    height = band_h + row_h * len(rows) + axis_h
    body = []
    for i, ((lo, hi, name), colour) in enumerate(zip(bands, colours)):
        body.append(
            f'<rect x="{_f(x(lo))}" y="{band_h}" width="{_f(x(hi) - x(lo))}" height="{row_h * len(rows)}" '
            f'fill="{colour}"><title>{esc(f"{name}: {lo:g}–{hi:g}")}</title></rect>'
        )
        label_y = band_h - 6 - (14 if stagger and i % 2 == 0 else 0)
        body.append(f'<text class="band" x="{_f((x(lo) + x(hi)) / 2)}" y="{label_y}" text-anchor="middle">{esc(name)}</text>')
    for t in ticks:
        body.append(f'<text class="axis" x="{_f(x(t))}" y="{height - 4}" text-anchor="middle">{t:g}</text>')
    for i, (label, value, strong) in enumerate(rows):
        cy = band_h + row_h * i + row_h / 2
        cls = ' class="strong"' if strong else ""
        band = next((name for lo, hi, name in bands if lo <= value < hi), bands[0][2] if value < low else bands[-1][2])
        tip = f"{label}: {value:.2f} ({band})"
        body.append(f'<line class="track" x1="{x0}" x2="{x1}" y1="{_f(cy)}" y2="{_f(cy)}"/>')
        body.append(f'<text class="row-label{" strong" if strong else ""}" x="{label_w - 10}" y="{_f(cy + 4)}" text-anchor="end">{esc(label)}</text>')
        body.append(
            f'<g{cls}><title>{esc(tip)}</title><circle class="marker" cx="{_f(x(value))}" cy="{_f(cy)}" r="{7 if strong else 5.5}"/></g>'
        )
        body.append(f'<text class="value{" strong" if strong else ""}" x="{x1 + 8}" y="{_f(cy + 4)}">{esc(f"{value:.1f}")}</text>')
    return _svg(width, height, what, body)


def _entity_figure(section: dict) -> str:
    records = [r for r in section["data"].get("entities") or [] if _countable(r)]
    if not records:
        return ""
    colour = {}
    for r in records[:MAX_BARS]:
        colour[r["name"]] = _ENTITY_TYPES.get(r.get("type"), _OTHER_COLOUR)

    def tip(r: dict) -> str:
        aliases = [a for a in r.get("aliases") or [] if a != r["name"]]
        extra = f", also written {', '.join(map(str, aliases))}" if aliases else ""
        return f"{r['name']}: {show.plural(r['count'], 'mention')} ({r.get('type') or 'type unknown'}){extra}"

    svg = _bar_chart(records, lambda r: colour[r["name"]], tip, "mentions of each entity")
    present = [t for t in _ENTITY_TYPES if any(r.get("type") == t for r in records[:MAX_BARS])]
    items = [(_swatch(_ENTITY_TYPES[t]), t) for t in present]
    if any(r.get("type") not in _ENTITY_TYPES for r in records[:MAX_BARS]):
        items.append((_swatch(_OTHER_COLOUR), "other"))
    more = ""
    if len(records) > MAX_BARS:
        # The table below lists show.MAX_TABLE_ROWS of them; say where the rest are.
        in_table = max(0, min(len(records), show.MAX_TABLE_ROWS) - MAX_BARS)
        rest = len(records) - MAX_BARS - in_table
        more = ", ".join(
            part for part in (
                f"{in_table} more in the table below" if in_table > 0 else "",
                f"{rest} more in the JSON report" if rest > 0 else "",
            ) if part
        )
    return _figure("entities", "Entities by mentions", svg, _legend(items), more)


def _family_figure(section: dict) -> str:
    families = section["data"].get("families")
    if not isinstance(families, dict):
        return ""
    records = [
        {"name": name, "count": info["count"], "weight": info.get("weight"), "contribution": info.get("contribution")}
        for name, info in families.items()
        if isinstance(info, dict) and isinstance(info.get("count"), int) and info["count"] > 0
    ]
    if not records:
        return ""
    records.sort(key=lambda r: -r["count"])
    classes = _kind_classes(section)

    def tip(r: dict) -> str:
        return f"{show.label(r['name'])}: {show.plural(r['count'], 'marker')}, weight {_number(r['weight'])}, " \
               f"{_number(r['contribution'])} of the score"

    svg = _bar_chart(records, lambda r: _MARK_COLOURS[classes.get(r["name"], 0) % _MARK_CLASSES][1], tip,
                     "irony markers by family", label=lambda r: show.label(r["name"]))
    score = section["metrics"].get("score")
    caption = "Irony markers by family" + (f" (score {score:.2f})" if isinstance(score, (int, float)) else "")
    return _figure("irony", caption, svg)


def _countable(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("name"), str) and isinstance(record.get("count"), int)


def _bar_chart(records: list[dict], colour, tip, what: str, label=None) -> str:
    """Horizontal bars of ``count`` per record, largest scale first as given, at most MAX_BARS."""
    rows = records[:MAX_BARS]
    width, label_w, row_h, top = 480, 170, 22, 4
    track = width - label_w - 44
    most = max(r["count"] for r in rows) or 1
    body = []
    for i, r in enumerate(rows):
        y = top + i * row_h
        w = max(2.0, track * r["count"] / most)
        name = label(r) if label else r["name"]
        body.append(
            f"<g><title>{esc(tip(r))}</title>"
            f'<text class="row-label" x="{label_w - 8}" y="{y + 15}" text-anchor="end">{esc(show.excerpt(name, 24))}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{_f(w)}" height="{row_h - 8}" rx="3" fill="{colour(r)}"/>'
            f'<text class="value" x="{_f(label_w + w + 6)}" y="{y + 15}">{r["count"]:,}</text></g>'
        )
    return _svg(width, top * 2 + row_h * len(rows), what, body)


def _series_chart(values: list[float], what: str) -> str:
    """Any number series a section displays, as bars from zero in order (a sentence's grade, say)."""
    width, height, left, top, bottom = 960, 120, 44, 8, 20
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0
    ph, pw = height - top - bottom, width - left - 8
    slot = pw / len(values)

    def y(v: float) -> float:
        return top + ph * (high - v) / span

    body = [
        f'<line class="grid zero" x1="{left}" x2="{width - 8}" y1="{_f(y(0))}" y2="{_f(y(0))}"/>',
        f'<text class="axis" x="{left - 6}" y="{_f(y(high) + 8)}" text-anchor="end">{esc(_number(high))}</text>',
        f'<text class="axis" x="{left - 6}" y="{_f(y(0) + 4)}" text-anchor="end">0</text>',
    ]
    if low < 0:
        body.append(f'<text class="axis" x="{left - 6}" y="{_f(y(low))}" text-anchor="end">{esc(_number(low))}</text>')
    for i, v in enumerate(values):
        top_y, bottom_y = sorted((y(v), y(0)))
        body.append(
            f'<rect class="series" x="{_f(left + i * slot + slot * 0.1)}" y="{_f(top_y)}" width="{_f(slot * 0.8)}" '
            f'height="{_f(max(1.0, bottom_y - top_y))}"><title>{esc(f"{i + 1}: {_number(v)}")}</title></rect>'
        )
    step = _tick_step(len(values))
    for i in range(0, len(values), step):
        body.append(f'<text class="axis" x="{_f(left + (i + 0.5) * slot)}" y="{height - 4}" text-anchor="middle">{i + 1}</text>')
    return _svg(width, height, what, body)


# --- the text with its markers -------------------------------------------------------------------


class _Span(NamedTuple):
    start: int
    end: int
    css: str
    title: str


_MARK_COLOURS = [  # (background, underline); indexed by the irony families' order: explicit, sentiment_contrast, ...
    ("#ffec99", "#f08c00"), ("#ffe3e3", "#e03131"), ("#d0ebff", "#1c7ed6"), ("#f3d9fa", "#ae3ec9"),
    ("#c5f6fa", "#0c8599"), ("#e5dbff", "#7048e8"), ("#ffe8cc", "#e8590c"), ("#e9fac8", "#66a80f"),
    ("#dbe4ff", "#4263eb"), ("#c3fae8", "#099268"), ("#ffdeeb", "#d6336c"), ("#d3f9d8", "#2f9e44"),
]


def _kind_classes(irony: dict | None) -> dict[str, int]:
    """A colour index per irony family: the section's family order first, so colours stay put across reports."""
    order: list[str] = []
    if irony:
        families = irony["data"].get("families")
        order += list(families) if isinstance(families, dict) else []
        order += [f["kind"] for f in irony["findings"] if f["kind"] not in order]
    return {kind: i for i, kind in enumerate(dict.fromkeys(order))}


def _highlights(sections: list[dict], text_length: int) -> tuple[list[_Span], list[tuple[str, str, int, str]]]:
    """The spans to draw and the legend: (css class, kind, count, note) per kind present."""
    spans: list[_Span] = []
    legend: dict[str, list] = {}
    classes = _kind_classes(_ok(sections, "irony"))
    for section in sections:
        if section["status"] != OK or section["id"] in _NOT_HIGHLIGHTED:
            continue
        kinds = _HIGHLIGHT.get(section["id"])
        for f in section["findings"]:
            start, end = max(0, f["start"]), min(text_length, f["end"])
            if (kinds is not None and f["kind"] not in kinds) or end <= start:
                continue
            classes.setdefault(f["kind"], len(classes))  # a plugin's kinds take the next colours
            colour = "long" if section["id"] == "readability" else f"k{classes.get(f['kind'], 0) % _MARK_CLASSES}"
            css = f"hl {colour} kind-{_slug(f['kind'])}"
            spans.append(_Span(start, end, css, f"{section['title']} · {show.label(f['kind'])}: {f['message']}"))
            entry = legend.setdefault(f["kind"], [css, f["kind"], 0, _kind_note(f["kind"], section)])
            entry[2] += 1
    return spans, [tuple(v) for v in legend.values()]


def _kind_note(kind: str, section: dict) -> str:
    note = _KIND_NOTES.get(kind, "")
    settings = section["data"].get("settings")
    long = settings.get("long_sentence_words", 30) if isinstance(settings, dict) else 30
    return note.format(long=long)


def highlight(text: str, spans: list[_Span]) -> str:
    """``text`` escaped, with each span wrapped in ``<mark>``.

    Overlapping spans are split at every boundary and nested inside each
    piece, longest outermost, so the markup stays well formed whatever the
    overlap. A mark's title lists its own explanation and those of the marks
    around it: the browser shows the innermost title, which then says
    everything that applies there.
    """
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    active: list[_Span] = []
    waiting = 0
    for a, b in pairwise(bounds):
        active = [s for s in active if s.end > a]
        while waiting < len(spans) and spans[waiting].start <= a:
            if spans[waiting].end > a:
                active.append(spans[waiting])
            waiting += 1
        piece = esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        titles: list[str] = []
        for span in sorted(active, key=lambda s: (-(s.end - s.start), s.start)):
            titles.append(span.title)
            out.append(f'<mark class="{span.css}" title="{esc(chr(10).join(titles))}">')
        out.append(piece + "</mark>" * len(active))
    return "".join(out)


def _text_part(sections: list[dict], text: str) -> str:
    spans, legend = _highlights(sections, len(text))
    items = "".join(
        f'<span><mark class="{css}" title="{esc(note or show.label(kind))}">{esc(show.label(kind))}</mark> {count}'
        f'{" · " + esc(note) if note else ""}</span>'
        for css, kind, count, note in legend
    )
    legend_html = f'<div class="legend marks">{items}</div>' if items else '<p class="muted small">Nothing to highlight.</p>'
    return (
        '<section class="card text-part" id="text"><h2>The text</h2><div class="text-layout">'
        f'<div class="doc-text">{highlight(text, spans)}</div>'
        '<aside class="key"><h4>Highlights</h4><p class="muted small">Irony markers and long sentences; '
        f"hover one for its explanation.</p>{legend_html}</aside></div></section>"
    )


# --- every section, generically ------------------------------------------------------------------

_CHARTED = {("sentiment", "arc"), ("sentiment", "smoothed_arc")}


def _section(section: dict, changes, prefix: str) -> str:
    ns = _ns(section)
    parts = [
        (
            f'<section class="card section status-{_slug(section["status"])}" id="{prefix}s-{_slug(section["id"])}">'
            f'<h3>{esc(section["title"])} {_badge(section["status"])}'
            f'<span class="muted small"> {esc(section["plugin"]["name"])} {esc(section["plugin"]["version"])}'
            f' · {section.get("elapsed_ms", 0):.0f} ms</span></h3>'
        )
    ]
    if section.get("error"):
        parts.append(f'<div class="error-box"><b>{esc(section["error"]["type"])}</b>: {esc(section["error"]["message"])}</div>')
    if section["metrics"]:
        parts.append(
            '<dl class="metrics">'
            + "".join(
                f"<div><dt>{esc(show.label(k))}</dt><dd>{esc(show.metric_value(changes, section['id'], k, v))}</dd></div>"
                for k, v in section["metrics"].items()
            )
            + "</dl>"
        )
    parts += [f'<div class="warn">⚠ {esc(w)}</div>' for w in section["warnings"]]
    if section["status"] == OK:
        for part in show.parts(ns):
            parts.append(_findings(section) if part == FINDINGS else _data(section, ns, part))
    return "".join(parts) + "</section>"


def _data(section: dict, ns, key: str) -> str:
    values = show.numbers(ns, key)
    if values is not None:
        if (section["id"], key) in _CHARTED:
            return ""
        return f'<h4>{esc(show.label(key))}</h4>{_series_chart(values, show.label(key))}'
    shaped = show.table(ns, key)
    if shaped is None:
        return ""
    columns, rows, total = shaped
    head = "".join(f"<th>{esc(show.label(c))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    more = f'<p class="muted small">… {total - len(rows)} more in the JSON report</p>' if total > len(rows) else ""
    return f"<h4>{esc(show.label(key))}</h4><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _findings(section: dict) -> str:
    findings = section["findings"]
    if not findings:
        return ""
    rows = "".join(
        f'<tr><td class="num">{f["line"]}:{f["column"]}</td><td><span class="kind">{esc(f["kind"])}</span></td>'
        f'<td class="quote" title="{esc(f["text"])}">“{esc(show.excerpt(f["text"], 90))}”</td><td>{esc(f["message"])}</td></tr>'
        for f in findings[:MAX_FINDINGS]
    )
    more = (
        f'<p class="muted small">… {len(findings) - MAX_FINDINGS} more in the JSON report</p>'
        if len(findings) > MAX_FINDINGS else ""
    )
    return (
        f'<details class="findings"><summary>{len(findings)} finding{"s" * (len(findings) != 1)}</summary>'
        f"<table><thead><tr><th>Line:col</th><th>Kind</th><th>Text</th><th>Note</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{more}</details>"
    )


# --- several documents ---------------------------------------------------------------------------


def _corpus_table(summary, anchors: dict[str, str]) -> str:
    columns = show.corpus_columns(summary)
    head = "".join(f'<th class="num">{esc(h)}</th>' for _, h in columns)
    rows = []
    for row in summary.rows:
        anchor = anchors.get(row["source"])
        name = f'<a href="#{anchor}">{esc(row["source"])}</a>' if anchor else esc(row["source"])
        error = f'<div class="err small">{esc(row["error"])}</div>' if row.get("error") else ""
        cells = "".join(f'<td class="num">{esc(c)}</td>' for c in show.corpus_cells(row, columns))
        rows.append(
            f"<tr><td>{name}{error}</td><td>{_badge(row['status'])}</td>"
            f'<td class="num">{row["words"]:,}</td>{cells}</tr>'
        )
    return (
        '<section class="card" id="documents"><h2>Documents</h2><table><thead><tr><th>Document</th><th>Status</th>'
        f'<th class="num">Words</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _corpus_gates(results: list[dict]) -> str:
    if not results:
        return ""
    failed = [g for g in results if not g["passed"]]
    rows = "".join(
        f'<tr class="fail"><td class="gate-mark">✗</td><td>{esc(g["document"])}</td><td><code>{esc(g["gate"])}</code></td>'
        f'<td class="num">{esc(_number(g["value"]))}</td><td>{esc(g.get("note") or "")}</td></tr>'
        for g in failed
    )
    table = (
        "<table><thead><tr><th></th><th>Document</th><th>Gate</th><th class=\"num\">Value</th><th>Note</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>" if failed else ""
    )
    return (
        f'<section class="card gates" id="gates"><h2>Gates <span class="muted">{len(results) - len(failed)} passed, '
        f"{len(failed)} failed</span></h2>{table}</section>"
    )


def _totals(summary) -> str:
    figures = []
    for key, records in summary.totals(show.MAX_TOTAL_ROWS).items():
        if not records:
            continue

        def tip(r: dict) -> str:
            return f"{r['name']}: {r['count']} in {r['documents']} document{'s' * (r['documents'] != 1)}"

        svg = _bar_chart(records, lambda r: "#4c6ef5", tip, f"{summary.total_title(key)} across all documents")
        figures.append(_figure(f"total-{_slug(key)}", f"{summary.total_title(key)} across all documents", svg))
    return f'<section class="grid2 totals">{"".join(figures)}</section>' if figures else ""


def _corpus_document(report: dict, anchor: str) -> str:
    doc = report["document"]
    changes = SimpleNamespace(changes=(report.get("baseline") or {}).get("changes", {}))
    sections = report["sections"]
    return (
        f'<section class="document" id="{anchor}"><h2 class="doc-title">{esc(doc["source"])}</h2>'
        f'<p class="muted small">{esc(_facts(doc, report["tool"]["version"]))}</p>'
        + _gates(report.get("gates") or [])
        + _summary(sections, changes, f"{anchor}-")
        + _charts(sections, None)
        + "<details class=\"doc-sections\"><summary>Sections: metrics and findings</summary>"
        + "".join(_section(s, changes, f"{anchor}-") for s in sections)
        + "</details></section>"
    )


# --- style ---------------------------------------------------------------------------------------

_MARK_CSS = "".join(f"mark.k{i}{{background:{bg};box-shadow:inset 0 -2px 0 {line}}}" for i, (bg, line) in enumerate(_MARK_COLOURS))

_CSS = """
:root{--ink:#212529;--muted:#6c757d;--line:#e9ecef;--bg:#f4f5f7;--card:#fff;--accent:#3b5bdb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
 font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
main.wrap{padding-bottom:48px}
header.top{background:#1f2937;color:#fff;padding:22px 0 18px;margin-bottom:24px}
.brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:#9ca3af}
h1{font-size:24px;margin:2px 0 6px;font-weight:650;word-break:break-all}
header .facts{color:#d1d5db;font-size:13px}
h2{font-size:18px;margin:0 0 12px;font-weight:650}
h3{font-size:16px;margin:0 0 10px;font-weight:650}
h4{font-size:13px;margin:14px 0 6px;color:var(--muted);font-weight:600;text-transform:capitalize}
.card{background:var(--card);border:1px solid #dee2e6;border-radius:10px;padding:16px 20px;margin:0 0 16px;
 box-shadow:0 1px 2px rgba(0,0,0,.04)}
.muted{color:var(--muted);font-weight:400}.small{font-size:12.5px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:14px;margin-bottom:16px}
.summary-card{display:block;color:inherit;text-decoration:none;margin:0;border-top:4px solid #2f9e44}
.summary-card.status-error{border-top-color:#e03131}.summary-card.status-skipped{border-top-color:#f08c00}
.summary-card:hover{border-color:#adb5bd}
.card-head{display:flex;justify-content:space-between;align-items:center;margin-bottom:8px}
.card-title{font-weight:650}
.kv{display:flex;justify-content:space-between;font-size:13.5px;padding:2px 0;border-bottom:1px dashed var(--line)}
.kv span{color:var(--muted)}.kv b{font-variant-numeric:tabular-nums;font-weight:600}
.card-note{font-size:12.5px;color:#8d5b00;margin-top:6px}.card-note.err,.err{color:#c92a2a}
.badge{font-size:11px;text-transform:uppercase;letter-spacing:.05em;padding:2px 8px;border-radius:10px;
 font-weight:600;vertical-align:middle;background:#e9ecef;color:#495057;white-space:nowrap}
a{color:var(--accent)}
.badge.ok{background:#d3f9d8;color:#2b8a3e}.badge.error,.badge.input-error,.badge.gate-failed{background:#ffe3e3;color:#c92a2a}
.badge.skipped{background:#fff3bf;color:#8d5b00}
figure{margin:0 0 16px;min-width:0;overflow-x:auto}figcaption{font-weight:650;margin-bottom:8px}
main,section,.card,details{min-width:0}.chart-scroll{overflow-x:auto;max-width:100%}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}.grid2>figure{margin:0}
@media (max-width:860px){.grid2{grid-template-columns:1fr}}
.charts .grid2{margin-bottom:16px}
svg{display:block;width:100%;height:auto}
svg text{font-family:inherit;font-size:12px;fill:#495057}
svg text.axis{font-size:11px;fill:#868e96}svg text.band{font-size:11px;fill:#6c757d}
svg text.row-label{font-size:12.5px;fill:#343a40}svg text.row-label.strong,svg text.value.strong{font-weight:700;fill:#212529}
svg text.value{font-size:12px;font-variant-numeric:tabular-nums}
.zone-pos{fill:#ebfbee}.zone-neu{fill:#f1f3f5}.zone-neg{fill:#fff5f5}
.grid{stroke:#dee2e6;stroke-width:1}.grid.zero{stroke:#adb5bd}
.arc-raw{fill:none;stroke:#adb5bd;stroke-width:1.2}
.arc-smooth{fill:none;stroke:#3b5bdb;stroke-width:3;stroke-linejoin:round;stroke-linecap:round}
.dot{stroke:#fff;stroke-width:1.5}.dot.pos{fill:#2f9e44}.dot.neg{fill:#e03131}.dot.neu{fill:#868e96}
.track{stroke:rgba(0,0,0,.12);stroke-width:1}
.marker{fill:#343a40;stroke:#fff;stroke-width:2}.strong .marker{fill:#3b5bdb}
.series{fill:#748ffc}.series:hover,.bar:hover{opacity:.8}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12.5px;color:#495057;margin-top:8px;align-items:center}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px}
.sw.dot{border-radius:50%}.sw.line{height:3px;width:18px;vertical-align:3px}
.text-layout{display:grid;grid-template-columns:minmax(0,44em) minmax(200px,1fr);gap:36px;align-items:start}
@media (max-width:900px){.text-layout{grid-template-columns:1fr}.key{order:-1}}
.key{position:sticky;top:12px;border-left:1px solid var(--line);padding-left:20px}.key h4{margin-top:4px}
.legend.marks{flex-direction:column;align-items:flex-start;gap:8px}
.legend.marks mark{font-size:12.5px;padding:1px 5px}
.doc-text{white-space:pre-wrap;overflow-wrap:break-word;
 font:17px/1.8 Georgia,"DejaVu Serif","Liberation Serif",serif;color:#1f2328}
mark{color:inherit;background:none;border-radius:2px;padding:1px 0}
mark.long{background:#f1f3f5;text-decoration:underline wavy #e8590c;text-decoration-thickness:1px;
 text-underline-offset:5px;text-decoration-skip-ink:none}
.legend mark.long{text-underline-offset:3px}
""" + _MARK_CSS + """
mark[title]{cursor:help}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.quote{font-family:Georgia,"DejaVu Serif",serif;color:#343a40}
.kind{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;background:#f1f3f5;padding:1px 5px;border-radius:4px}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px}
tr.fail td{color:#c92a2a}.gate-mark{font-weight:700;width:1.5em}tr.pass .gate-mark{color:#2b8a3e}
dl.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:2px 24px;margin:0 0 10px}
dl.metrics div{display:flex;justify-content:space-between;border-bottom:1px dashed var(--line);padding:3px 0;font-size:13.5px}
dt{color:var(--muted)}dd{margin:0;font-variant-numeric:tabular-nums;font-weight:600}
.warn{background:#fff9db;border-left:3px solid #fab005;padding:6px 10px;margin:6px 0;font-size:13px;border-radius:0 4px 4px 0}
@media (max-width:600px){
 .wrap{padding:0 10px}.card{padding:12px}
 table{display:block;max-width:100%;overflow-x:auto}
 th,td{padding:4px 5px}td code{overflow-wrap:anywhere}
 .gates td:nth-child(4),.gates th:nth-child(4){display:none}
 .cards{grid-template-columns:1fr}
 .key{position:static;border-left:0;padding-left:0}
}
td,th{overflow-wrap:anywhere}
.error-box{background:#fff5f5;border-left:3px solid #e03131;padding:8px 12px;margin:6px 0 10px;font-size:13.5px;
 border-radius:0 4px 4px 0;white-space:pre-wrap}
details.findings{margin-top:10px}summary{cursor:pointer;color:var(--accent);font-size:13.5px;font-weight:600;margin:4px 0}
.document{margin-top:36px;padding-top:8px;border-top:2px solid #ced4da}
.doc-title{font-size:20px;word-break:break-all;margin-top:12px}
.doc-sections>.card{margin-top:10px}
"""
