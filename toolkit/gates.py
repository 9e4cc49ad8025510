"""Quality gates: thresholds on any section's metrics, absolute or against a baseline.

A gate is one line a person can read::

    readability.flesch_kincaid_grade > 12          fails when the grade is above 12
    sentiment.compound < -0.5
    readability.flesch_kincaid_grade increases by > 1   fails when it rose more than 1 against the baseline
    irony.score decreases by >= 0.2
    entities.distinct changes by > 5               either direction

The expression says when the gate FAILS (like ``--fail-if``). Any
``section.metric`` of any plugin can be gated; one that no report has is a
usage error, never a silent pass.
"""

from __future__ import annotations

import json
import math
import operator
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError, UsageError
from .model import OK, SKIPPED

_OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne}
_GATE = re.compile(
    r"^\s*(?P<section>[\w-]+)\.(?P<metric>\w+)\s*"
    r"(?:(?<=\s)(?P<change>increases|decreases|changes)\s+by\s+)?"
    r"(?P<op>>=|<=|==|!=|>|<)\s*(?P<threshold>[-+]?(?:\d+\.?\d*|\.\d+))\s*$"
)


@dataclass(frozen=True)
class Gate:
    section: str
    metric: str
    op: str
    threshold: float
    change: str | None = None  # "increases", "decreases", "changes"; None for an absolute gate
    # A skipped section (e.g. too short a document) makes the gate "not applicable", which
    # passes; --fail-on-skipped makes it fail instead.
    fail_on_skipped: bool = False

    @classmethod
    def parse(cls, text: str) -> "Gate":
        match = _GATE.match(text)
        if not match:
            raise UsageError(
                f"cannot read gate {text!r}: write 'section.metric > 12' or 'section.metric increases by > 1'"
            )
        threshold = float(match["threshold"])
        if not math.isfinite(threshold) or abs(threshold) > 1e15:
            raise UsageError(f"gate {text!r}: threshold {match['threshold'][:20]}… is out of range")
        return cls(match["section"], match["metric"], match["op"], threshold, match["change"])

    @property
    def key(self) -> str:
        return f"{self.section}.{self.metric}"

    def __str__(self) -> str:
        threshold = f"{self.threshold:g}"
        return f"{self.key} {self.change + ' by ' if self.change else ''}{self.op} {threshold}"

    def measure(self, value: float, baseline: float | None) -> float | None:
        """The number the gate compares: the value, or its change (None without a baseline)."""
        if self.change is None:
            return value
        if baseline is None:
            return None
        delta = value - baseline
        return {"increases": delta, "decreases": -delta, "changes": abs(delta)}[self.change]

    def fails(self, measured: float) -> bool:
        return _OPS[self.op](measured, self.threshold)


@dataclass(frozen=True)
class GateResult:
    gate: Gate
    document: str
    value: float | None
    baseline: float | None
    measured: float | None
    passed: bool
    note: str = ""
    applicable: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "gate": str(self.gate),
            "section": self.gate.section,
            "metric": self.gate.metric,
            "document": self.document,
            "value": self.value,
            "baseline": self.baseline,
            "measured": self.measured,
            "threshold": self.gate.threshold,
            "passed": self.passed,
            "note": self.note,
            "applicable": self.applicable,
            "description": self.describe(),
        }

    def describe(self) -> str:
        if self.note:
            return f"{self.gate}: {self.note}"
        verdict = "passed" if self.passed else "FAILED"
        what = f"{self.gate.metric} = {self.value:g}"
        if self.gate.change and self.baseline is not None:
            what += f" (baseline {self.baseline:g}, change {self.value - self.baseline:+g})"
        return f"{self.gate} {verdict}: {what}"


def parse_gates(texts: Iterable[str], fail_on_skipped: bool = False) -> list[Gate]:
    return [replace(Gate.parse(t), fail_on_skipped=fail_on_skipped) for t in texts]


def check_gates_known(gates: list[Gate], analyzer_ids: Iterable[str]) -> None:
    """Refuse gates on sections this run does not produce (before any document is read)."""
    known = set(analyzer_ids)
    for gate in gates:
        if gate.section not in known:
            raise UsageError(f"gate {str(gate)!r}: no analyzer {gate.section!r} in this run (have: {', '.join(sorted(known))})")


def evaluate(gates: list[Gate], report, baseline: "Baseline | None" = None) -> list[GateResult]:
    """Each gate on one report. A metric the section does not have is a usage error."""
    results = []
    for gate in gates:
        try:
            section = report.section(gate.section)
        except KeyError:
            raise UsageError(f"gate {str(gate)!r}: the report has no section {gate.section!r}") from None
        source = report.document.source
        if section.status == SKIPPED:
            reason = getattr(section, "skip_reason", None) or "; ".join(section.warnings) or "skipped"
            note = f"not applicable: section skipped ({reason})"
            results.append(GateResult(gate, source, None, None, None, not gate.fail_on_skipped, note, applicable=False))
            continue
        if section.status != OK:
            results.append(GateResult(gate, source, None, None, None, False, f"section {section.status}"))
            continue
        if gate.metric not in section.metrics:
            known = ", ".join(section.metrics)
            raise UsageError(f"gate {str(gate)!r}: section {gate.section!r} has no metric {gate.metric!r} (has: {known})")
        value = section.metrics[gate.metric]
        before = baseline.value(source, gate.section, gate.metric) if baseline else None
        measured = gate.measure(value, before)
        if measured is None:
            results.append(GateResult(gate, source, value, None, None, True, "no baseline value; not checked"))
            continue
        results.append(GateResult(gate, source, value, before, measured, not gate.fails(measured)))
    return results


# A corpus report of a few thousand documents is a few MB; past this it is not a baseline.
MAX_BASELINE_BYTES = 256 * 1024 * 1024


class Baseline:
    """Metrics of an earlier run (a JSON report, a JSON corpus report, or JSON Lines), by document.

    Anything that is not such a report (NaN, huge numbers, deep nesting, a
    device that never ends) is an :class:`InputError`, never a crash.
    """

    def __init__(self, path: str | Path, max_bytes: int = MAX_BASELINE_BYTES) -> None:
        from .loading import read_bytes

        self.path = str(path)
        try:
            text = read_bytes(path, max_bytes).decode("utf-8")
        except InputError as exc:
            raise InputError(f"--baseline {exc}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"--baseline {path}: not UTF-8 (byte {exc.start})") from None
        self._by_source: dict[str, dict[str, dict[str, float]]] = {}
        for report in _reports(text, self.path):
            source, metrics = _baseline_metrics(report, self.path)
            if source is not None:
                self._by_source[source] = metrics
        self.unmatched: list[str] = []  # sources of this run the baseline had no document for

    def __len__(self) -> int:
        return len(self._by_source)

    def metrics(self, source: str) -> dict[str, dict[str, float]] | None:
        found = self._by_source.get(source)
        if found is None and len(self._by_source) == 1:
            # One document then and now: compare them whatever the paths were
            # (a baseline made in another checkout or from stdin).
            found = next(iter(self._by_source.values()))
        if found is None and source not in self.unmatched:
            self.unmatched.append(source)
        return found

    def value(self, source: str, section: str, metric: str) -> float | None:
        metrics = self.metrics(source) or {}
        value = metrics.get(section, {}).get(metric)
        return value if isinstance(value, (int, float)) and math.isfinite(value) else None

    def changes(self, report) -> dict[str, dict[str, dict[str, float]]]:
        """``{section: {metric: {"baseline": b, "change": v - b}}}`` for every metric both runs have."""
        old = self.metrics(report.document.source) or {}
        out: dict[str, dict[str, dict[str, float]]] = {}
        for section in report.sections:
            for name, value in section.metrics.items():
                before = old.get(section.id, {}).get(name)
                if isinstance(before, (int, float)):
                    out.setdefault(section.id, {})[name] = {"baseline": before, "change": round(value - before, 6)}
        return out

    def mismatch_warning(self) -> str | None:
        """One line when documents of this run had no counterpart in the baseline (their change gates were not checked)."""
        if not self.unmatched:
            return None
        names = ", ".join(self.unmatched[:3]) + (f" and {len(self.unmatched) - 3} more" if len(self.unmatched) > 3 else "")
        have = ", ".join(list(self._by_source)[:3]) or "no documents"
        return f"--baseline {self.path} has no report for {names} (it has {have}); their change gates were not checked"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _loads(text: str) -> Any:
    return json.loads(text, parse_constant=_reject_constant)


def _reports(text: str, name: str) -> list[dict[str, Any]]:
    try:
        data = _loads(text)
    except json.JSONDecodeError:
        try:
            # Split on newlines only: str.splitlines would also split inside a string at U+2028.
            return [_loads(line) for line in text.split("\n") if line.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(f"--baseline {name}: neither JSON nor JSON Lines ({exc.msg}, line {exc.lineno})") from None
        except (ValueError, RecursionError) as exc:
            raise InputError(f"--baseline {name}: not a textkit report ({type(exc).__name__}: {str(exc)[:80]})") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"--baseline {name}: not a textkit report ({type(exc).__name__}: {str(exc)[:80]})") from None
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return list(data["documents"])
    if isinstance(data, dict) and "sections" in data:
        return [data]
    raise InputError(f"--baseline {name}: not a textkit JSON report")


def _baseline_metrics(report: Any, name: str) -> tuple[str | None, dict[str, dict[str, float]]]:
    """(source, {section: {metric: value}}) of one report, checked shape by shape."""
    bad = InputError(f"--baseline {name}: not a textkit JSON report (unexpected shape)")
    if not isinstance(report, dict) or not isinstance(report.get("document", {}), dict):
        raise bad
    sections = report.get("sections", [])
    if not isinstance(sections, list):
        raise bad
    metrics: dict[str, dict[str, float]] = {}
    for section in sections:
        if not isinstance(section, dict) or not isinstance(section.get("metrics", {}), dict):
            raise bad
        if section.get("status") == OK and isinstance(section.get("id"), str):
            metrics[section["id"]] = {
                k: v for k, v in section.get("metrics", {}).items()
                if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and abs(v) < 1e300
            }
    source = report.get("document", {}).get("source")
    return (source if isinstance(source, str) else None), metrics
