"""The irony analyzer: the document score, its explanation and the located evidence."""

from __future__ import annotations

from collections import Counter
from itertools import chain, compress, repeat
from operator import attrgetter, ge
from typing import Any

from textkit import SENTENCE_WINDOW_SETTING, Result, Setting, Skip, require_script, sentence_window

from .cue_numbers import strongest
from .echoes import phrase_echoes_note
from .features import FEATURES, feature_values
from .markers import FAMILIES, Marker, find_markers
from .model import check_table, contributions, sigmoid, weight_table
from .sentences import MEMO_KEY, sentence_scores_with
from .word_cues import sentence_cues

METHOD = (
    "score = sigmoid(log_odds), log_odds = intercept + sum of contributions; "
    "a contribution is a learned weight x a feature's value (markers per sentence by family, "
    "sentiment incongruity, the word-cue score, log length)"
)
TOP_MARKERS = 10
TOP_CONTRIBUTIONS = 8
MAX_PASSAGES = 3
MIN_SENTENCES_FOR_PASSAGES = 5  # in a shorter text the document score already says where the irony is
MAX_FINDINGS_PER_FAMILY = 50  # findings are for readers; the counts in ``data`` stay complete
# The option ``details`` adds what the default section leaves out as derivable or no evidence:
# ``data["features"]`` (every feature's value, weight and contribution), ``method``,
# ``weights_source``, each marker finding's weight and contribution, and the findings of
# families the model gives no weight (their counts are in ``data["families"]`` either way).

SETTINGS = (
    Setting("details", bool, False, "Every feature's value, weight and contribution, and every marker found as a finding."),
    Setting("list_cues", bool, False, "List every word-cue occurrence in data."),
    Setting("weights", dict, None, "A model table of the shipped one's shape (plugins/data/irony_model.json)."),
    SENTENCE_WINDOW_SETTING,
)

FEATURE_LABELS = {
    "praise_in_complaint": "praise among negative sentences",
    "complaint_in_praise": "a complaint among positive sentences",
    "mixed_polarity": "mixed positive and negative sentences",
    "word_cues": "word cues (learned words and word pairs, summarised)",
    "length": "length (log of words)",
}


def _table(config) -> dict[str, Any]:
    """The model table: the shipped one, or one passed as ``config`` option ``weights`` (same shape)."""
    table = config.for_analyzer("irony").get("weights") if config is not None else None
    if table is None:
        return weight_table()
    check_table(table)
    return table


def _option(config, name: str, default: Any) -> Any:
    return config.for_analyzer("irony").get(name, default) if config is not None else default


def analyze(document, config) -> Result:
    # (Asked of every analyzer for the same text, the count of letters by script is made once:
    # in a run of the built-in analyzers this is a look-up.)
    require_script(document.text, what="irony (English markers and cues)")
    document, warnings = sentence_window(document, config, "irony")
    sentences = document.prose_sentences
    if not sentences:
        raise Skip("no prose sentences")
    table = _table(config)
    markers = find_markers(document)
    warnings += filter(None, [phrase_echoes_note(document)])
    values, _ = feature_values(document)
    parts = contributions(values, table)
    z = float(table["intercept"]) + sum(parts.values())
    threshold = float(table["threshold"])
    weights = {f: float(table["weights"][f]) for f in FEATURES}
    n = len(sentences)

    scores = (
        document.memo(MEMO_KEY, lambda: sentence_scores_with(document, table))
        if table is weight_table()
        else sentence_scores_with(document, table)
    )
    details = bool(_option(config, "details", False))
    findings = sorted(
        _marker_findings(document, markers, weights, n, details) + _passages(document, scores, threshold, markers),
        key=lambda f: (f.start, f.end),
    )
    counts = Counter(m.family for m in markers)
    cue_count, top = strongest(document)
    word_cues = {
        "score": round(values["word_cues"], 4),
        "weight": weights["word_cues"],
        "contribution": round(parts["word_cues"], 4),
        "cues": cue_count,
        "strongest": {c["cue"]: c["weight"] for c in top},
    }
    if _option(config, "list_cues", False):
        word_cues["occurrences"] = sorted(Counter(chain.from_iterable(sentence_cues(document))).items())
    data = {
        "contributions": _contribution_rows(values, weights, parts),
        "top_markers": _top_markers(document, markers, weights),
        "sentence_scores": list(map(round, scores, repeat(4))),
        # Every family, in order (the HTML report colours them by it); the weight and contribution
        # of those with markers (a family without any contributes 0).
        "families": {
            f: {"count": counts[f], "weight": weights[f], "contribution": round(parts[f], 6)}
            if counts[f] or details
            else {"count": 0}
            for f in FAMILIES
        },
        "word_cues": word_cues,
        "intercept": float(table["intercept"]),
        "log_odds": round(z, 4),
        "threshold": threshold,
        "sentences": n,
        "words": sum(map(attrgetter("end_word"), sentences)) - sum(map(attrgetter("first_word"), sentences)),
    }
    if details:  # what the rows above and the model file already say, in full
        data["features"] = {
            f: {"value": round(values[f], 6), "weight": weights[f], "contribution": round(parts[f], 6)}
            for f in FEATURES
        }
        data["method"] = METHOD
        data["weights_source"] = table.get("source", "")
    return Result(
        metrics={
            "score": round(sigmoid(z), 4),
            "markers": len(markers),
            "markers_per_sentence": round(len(markers) / n, 4),
            "ironic_sentences": sum(map(ge, scores, repeat(threshold))),
        },
        findings=findings,
        data=data,
        warnings=["fewer than 5 prose sentences: the score rests on very little text", *warnings] if n < 5 else warnings,
        display=["contributions", "top_markers", "findings", "sentence_scores"],
    )


def _marker_findings(document, markers: list[Marker], weights: dict[str, float], n: int, details: bool) -> list:
    shown: Counter = Counter()
    findings = []
    for m in markers:
        if not (details or weights[m.family]):
            continue  # the model gives the family no weight: no evidence (still counted in ``families``)
        shown[m.family] += 1
        if shown[m.family] > MAX_FINDINGS_PER_FAMILY:
            continue
        extra = dict(m.extra or {})
        if details:  # the family's weight, and what one marker adds (1/n to its family's density)
            extra = {"weight": weights[m.family], "contribution": round(weights[m.family] / n, 6), **extra}
        findings.append(document.finding(m.family, m.start, m.end, m.message, **extra))
    return findings


def _passages(document, scores: list[float], threshold: float, markers: list[Marker]) -> list:
    """The most ironic sentences at or above the threshold, as located findings (texts of at least
    ``MIN_SENTENCES_FOR_PASSAGES`` prose sentences)."""
    if len(document.prose_sentences) < MIN_SENTENCES_FOR_PASSAGES:
        return []
    prose = document.prose_sentences
    at_threshold = compress(prose, map(ge, map(scores.__getitem__, map(attrgetter("index"), prose)), repeat(threshold)))
    ranked = sorted(at_threshold, key=lambda s: (-scores[s.index], s.start))[:MAX_PASSAGES]
    findings = []
    for sentence in sorted(ranked, key=lambda s: s.start):
        families = sorted({m.family for m in markers if sentence.start <= m.start < sentence.end})
        evidence = ", ".join(f.replace("_", " ") for f in families) or "word cues and sentiment only"
        findings.append(
            document.finding(
                "ironic_passage",
                sentence.start,
                sentence.end,
                f"one of the most ironic sentences (score {scores[sentence.index]:.2f}): {evidence}",
                score=round(scores[sentence.index], 4),
            )
        )
    return findings


def _contribution_rows(values, weights, parts) -> list[dict[str, Any]]:
    """The features that moved the score most, for the human formats."""
    rows = [
        {
            "evidence": FEATURE_LABELS.get(f, f.replace("_", " ") + " per sentence"),
            "value": round(values[f], 4),
            "weight": round(weights[f], 4),
            "contribution": round(parts[f], 4),
        }
        for f in FEATURES
        if parts[f]
    ]
    rows.sort(key=lambda r: -abs(r["contribution"]))
    return rows[:TOP_CONTRIBUTIONS]


def _top_markers(document, markers: list[Marker], weights: dict[str, float]) -> list[dict[str, Any]]:
    """Devices a reader recognises that raise the score, the families that weigh most first, then in
    document order (a family the model gives no weight is no evidence here)."""
    ranked = sorted((m for m in markers if weights[m.family] > 0), key=lambda m: (-weights[m.family], m.start))
    ranked = ranked[:TOP_MARKERS]
    return [
        {
            "kind": m.family,
            "text": document.text[m.start : m.end],
            "line": document.position(m.start)[0],
            "explanation": m.message,
        }
        for m in ranked
    ]
